//! The reverse solve: the smallest send amount that delivers a target to the recipient.
//!
//! The fee is piecewise linear in the amount sent `A`: between two band edges the same parts
//! apply, and within a band the minimum or maximum fee may be active on either side of a kink.
//! On each piece the amount exchanged is `k·A − b`, so the smallest `A` on the piece that
//! delivers enough is one division away; pieces are visited in increasing `A`, so the first
//! piece with an answer has the smallest one. Every candidate is confirmed by pricing it with
//! the same code as [`Offer::cost`](crate::Offer::cost), so the answer is exactly what the
//! forward computation says, rounding included.

use crate::decimal;
use crate::error::{Error, Result};
use crate::fee::{Charging, Linear};
use crate::money::Rounding;
use crate::pricer::Pricer;
use crate::quote::{CostOptions, Offer, Rates};
use rust_decimal::{Decimal, RoundingStrategy};
use std::cell::Cell;

/// A range of send amounts `[lo, hi)` over which the sender's charges are `fixed + rate·A`
/// (cap and taxes included), or an `overflow` where they are beyond 96 bits.
struct Piece {
    lo: Decimal,
    hi: Option<Decimal>,
    charges: Result<Linear>,
}

fn ceil_to(value: Decimal, places: u32) -> Decimal {
    let mut v = value.round_dp_with_strategy(places, RoundingStrategy::ToPositiveInfinity);
    v.rescale(places);
    v
}

fn floor_to(value: Decimal, places: u32) -> Decimal {
    let mut v = value.round_dp_with_strategy(places, RoundingStrategy::ToNegativeInfinity);
    v.rescale(places);
    v
}

/// The smallest amount, on the send currency's minor-unit grid, that delivers at least
/// `target` under `rounding`.
pub(crate) fn smallest_send_amount(
    offer: &Offer,
    rates: &Rates,
    target: Decimal,
    options: &CostOptions,
) -> Result<Decimal> {
    let rounding = options.rounding;
    let waived = offer.fee_waived(options);
    let send_places = offer.send_currency.minor_units();
    let recv_places = offer.receive_currency.minor_units();
    let unit = Decimal::new(1, send_places);
    // What is paid out is a multiple of the minor unit (and of the payout unit, if any): the
    // smallest such multiple at or above the target is what must be reached.
    let mut target = Rounding::Up.round_exact(target, recv_places, "amount to receive")?;
    if let Some(unit) = offer.schedule.payout_unit {
        let up = decimal::mul(
            decimal::div(target, unit, "payout unit")?.ceil(),
            unit,
            "payout unit",
        )?;
        // A quotient below the 28th decimal place rounds to 0: then one unit is the target.
        target = if up < target {
            decimal::add(up, unit, "payout unit")?
        } else {
            up
        };
    }
    let need = exchanged_needed(offer, rates, target, rounding)?;
    // An amount whose price overflows 96 bits (a huge fee percentage, a payout too large to
    // carry its minor units) is not an answer: `cost` would refuse it. It does not deliver,
    // and if nothing else does, the solve says `overflow` rather than `unreachable_target`.
    let overflowed = Cell::new(None);
    let pricer = Pricer::new(offer, options);
    let delivers = |amount: Decimal| -> Result<bool> {
        match pricer.cost(amount) {
            Ok(cost) => Ok(cost.recipient_gets >= target),
            Err(Error::Overflow(what)) => {
                overflowed.set(Some(what));
                Ok(false)
            }
            // Charges that take the whole amount deliver nothing.
            Err(Error::InvalidAmount(_)) => Ok(false),
            Err(other) => Err(other),
        }
    };
    // Forward prices the search up from failed candidates may spend in all: bounded, so that a
    // schedule of 100,000 bands stays fast however its candidates fail.
    let mut budget: u32 = 1024;
    for piece in pieces(offer, waived)? {
        // A piece whose charges or candidate overflow 96 bits (a fee cap near the limit,
        // taxed; a band starting at the top of the range) cannot be priced: a later piece
        // still may deliver.
        let candidate = match piece_candidate(&piece, need, send_places) {
            Err(Error::Overflow(what)) => {
                overflowed.set(Some(what));
                continue;
            }
            other => other?,
        };
        let Some(mut candidate) = candidate else {
            continue;
        };
        // The linear model's candidate can fall short: a quotient rounded at 28 digits, a
        // half-even tie, a fee rate below the 28th decimal place that the model reads as 0
        // while the forward price (which multiplies before dividing) does not. The forward
        // computation decides: up the piece from the candidate, a step that doubles each time.
        if !delivers(candidate)? {
            match gallop(candidate, &piece, send_places, &mut budget, delivers)? {
                Some(found) => candidate = found,
                None => continue,
            }
        }
        let start = ceil_to(piece.lo, send_places).max(unit);
        return lowest_delivering(start, candidate, send_places, delivers);
    }
    if let Some(what) = overflowed.get() {
        return Err(Error::Overflow(what));
    }
    Err(Error::Unreachable(format!(
        "{target} {} within the schedule's limits",
        offer.receive_currency
    )))
}

/// The first amount found to deliver going up the piece from `from` (which does not): one
/// minor unit more, then steps that double, the last grid amount of the piece tried before
/// giving up. `None` if none delivers or `budget` forward prices are spent. Only where sending
/// more delivers more: on a piece whose charges grow as fast as the amount, its start is the
/// only candidate, and it failed.
fn gallop(
    from: Decimal,
    piece: &Piece,
    places: u32,
    budget: &mut u32,
    delivers: impl Fn(Decimal) -> Result<bool>,
) -> Result<Option<Decimal>> {
    let unit = Decimal::new(1, places);
    let grows = piece.charges.as_ref().is_ok_and(|c| c.rate < Decimal::ONE);
    // The last grid amount below the piece's (exclusive) end.
    let last = piece
        .hi
        .map(|hi| decimal::sub(ceil_to(hi, places), unit, "reverse solve").unwrap_or(Decimal::MIN));
    let mut step = unit;
    let mut at = from;
    while grows && *budget > 0 {
        *budget = budget.saturating_sub(1);
        let next = decimal::add(at, step, "reverse solve")
            .ok()
            .map(|n| floor_to(n, places));
        let next = match (next, last) {
            (Some(n), Some(l)) if n >= l => l,
            (Some(n), _) if n > at => n,
            (None, Some(l)) => l,
            _ => return Ok(None),
        };
        if next <= at {
            return Ok(None);
        }
        if delivers(next)? {
            return Ok(Some(next));
        }
        if last == Some(next) {
            return Ok(None);
        }
        at = next;
        step = decimal::mul(step, Decimal::TWO, "reverse solve").unwrap_or(Decimal::MAX);
    }
    Ok(None)
}

/// The smallest grid amount in `[low, high]` that delivers, given that `high` delivers and
/// that, on one piece, sending more never delivers less. The answer is nearly always `high`
/// or one unit below it, so one step down is tried first, then a bisection: a bounded number
/// of forward prices even where a minor unit is lost in the 28 digits of a huge amount (there
/// `high − unit == high`, and a unit-by-unit walk never ended).
fn lowest_delivering(
    low: Decimal,
    high: Decimal,
    places: u32,
    delivers: impl Fn(Decimal) -> Result<bool>,
) -> Result<Decimal> {
    let unit = Decimal::new(1, places);
    let below = decimal::sub(high, unit, "reverse solve")?;
    if below < low || below >= high || !delivers(below)? {
        return Ok(high);
    }
    // `high` delivers; `fail` does not (or is below the range).
    let mut high = below;
    let mut fail = decimal::sub(low, unit, "reverse solve")?;
    loop {
        let half = decimal::div(
            decimal::sub(high, fail, "reverse solve")?,
            Decimal::TWO,
            "reverse solve",
        )?;
        let mid = floor_to(decimal::add(fail, half, "reverse solve")?, places);
        if mid <= fail || mid >= high {
            return Ok(high);
        }
        if delivers(mid)? {
            high = mid;
        } else {
            fail = mid;
        }
    }
}

/// The exchanged amount (send currency, exact) that reaches the rounding threshold of `target`.
fn exchanged_needed(
    offer: &Offer,
    rates: &Rates,
    target: Decimal,
    rounding: Rounding,
) -> Result<Decimal> {
    let half_unit = Decimal::new(5, offer.receive_currency.minor_units().saturating_add(1));
    let unit = Decimal::new(1, offer.receive_currency.minor_units());
    let threshold = match rounding {
        Rounding::Down => target,
        Rounding::HalfEven | Rounding::HalfAwayFromZero => {
            decimal::sub(target, half_unit, "reverse solve")?
        }
        Rounding::Up => decimal::sub(target, unit, "reverse solve")?,
    };
    let receiving_fee = offer.schedule.receiving_fee.unwrap_or(Decimal::ZERO);
    let gross = decimal::add(threshold, receiving_fee, "reverse solve")?;
    rates.exchanged_for(gross)
}

/// The smallest `A` on the piece (on the grid) whose exchanged amount reaches `need`, if any.
fn piece_candidate(piece: &Piece, need: Decimal, places: u32) -> Result<Option<Decimal>> {
    // exchanged = A − (fixed + rate·A) = (1 − rate)·A − fixed
    let charges = piece.charges.clone()?;
    let slope = decimal::sub(Decimal::ONE, charges.rate, "reverse solve")?;
    let lo = ceil_to(piece.lo, places);
    let candidate = if slope > Decimal::ZERO {
        let required = decimal::div(
            decimal::add(need, charges.fixed, "reverse solve")?,
            slope,
            "reverse solve",
        )?;
        ceil_to(required, places).max(lo)
    } else {
        // Sending more never delivers more on this piece: only its start can, and only if
        // what it exchanges reaches `need` (checked here, so that a schedule of many such
        // pieces is not priced forward once per piece).
        let at_lo = decimal::sub(
            decimal::mul(slope, lo, "reverse solve")?,
            charges.fixed,
            "reverse solve",
        )?;
        if at_lo < need {
            return Ok(None);
        }
        lo
    };
    let inside = piece.hi.is_none_or(|hi| candidate < hi);
    Ok(inside.then_some(candidate))
}

/// The pieces of the sender's deducted charges over the amounts the schedule accepts.
fn pieces(offer: &Offer, waived: bool) -> Result<Vec<Piece>> {
    let schedule = &offer.schedule;
    let send_places = offer.send_currency.minor_units();
    let unit = Decimal::new(1, send_places);
    let start = schedule.min_amount.unwrap_or(unit).max(unit);
    // The grid amounts <= max_amount are exactly those < floor(max) + one unit (a limit at
    // the top of the 96-bit range limits nothing: no amount is above it).
    let end = schedule
        .max_amount
        .and_then(|max| decimal::add(floor_to(max, send_places), unit, "reverse solve").ok());
    let mut bounds = vec![start];
    bounds.extend(
        schedule
            .band_edges()
            .into_iter()
            .filter(|e| *e > start && end.is_none_or(|end| *e < end)),
    );
    if offer.schedule.charging == Charging::OnTop {
        // Charges on top take nothing from the amount exchanged, but a band's fee can still
        // overflow 96 bits and make its amounts unpriceable: one piece per band, so that the
        // search never crosses from a band that cannot be priced into the next.
        let none = Linear {
            fixed: Decimal::ZERO,
            rate: Decimal::ZERO,
        };
        let his = bounds.iter().skip(1).map(|b| Some(*b)).chain([end]);
        return Ok(bounds
            .iter()
            .zip(his)
            .map(|(lo, hi)| Piece {
                lo: *lo,
                hi,
                charges: Ok(none),
            })
            .collect());
    }
    let (on_fee, on_amount) = schedule.tax_rates(offer.funding.as_deref())?;
    let fee_factor = decimal::add(
        Decimal::ONE,
        decimal::div(on_fee, decimal::HUNDRED, "tax")?,
        "tax",
    )?;
    let amount_tax = decimal::div(on_amount, decimal::HUNDRED, "tax")?;
    if waived {
        let tax_only = Linear {
            fixed: Decimal::ZERO,
            rate: amount_tax,
        };
        return Ok(vec![Piece {
            lo: start,
            hi: end,
            charges: Ok(tax_only),
        }]);
    }
    let mut pieces = Vec::new();
    let linear = schedule.linear_at_each(&bounds)?;
    for (i, (lo, fee)) in bounds.iter().zip(linear).enumerate() {
        let hi = bounds.get(i.saturating_add(1)).copied().or(end);
        for (lo, hi, fee) in capped(fee, *lo, hi, schedule.min_fee, schedule.max_fee)? {
            let charges = decimal::mul(fee.fixed, fee_factor, "fee").and_then(|fixed| {
                let rate = decimal::mul(fee.rate, fee_factor, "fee")?;
                Ok(Linear {
                    fixed,
                    rate: decimal::add(rate, amount_tax, "fee")?,
                })
            });
            pieces.push(Piece { lo, hi, charges });
        }
    }
    Ok(pieces)
}

/// Splits one band `[lo, hi)` where the uncapped fee is `fee` at the kinks where the minimum
/// or maximum fee starts or stops applying.
fn capped(
    fee: Linear,
    lo: Decimal,
    hi: Option<Decimal>,
    min: Option<Decimal>,
    max: Option<Decimal>,
) -> Result<Vec<(Decimal, Option<Decimal>, Linear)>> {
    let constant = |v: Decimal| Linear {
        fixed: v,
        rate: Decimal::ZERO,
    };
    if fee.rate.is_zero() {
        let v = min.map_or(fee.fixed, |m| fee.fixed.max(m));
        return Ok(vec![(lo, hi, constant(max.map_or(v, |m| v.min(m))))]);
    }
    // fixed + rate·A crosses a cap value at A = (cap − fixed) / rate.
    // A kink beyond the 96-bit range (a tiny rate, a huge cap) is past every amount there is:
    // it stands at the end of the range on its side rather than failing the solve.
    let kink = |cap: Option<Decimal>| -> Result<Option<Decimal>> {
        cap.map(|c| {
            let gap = decimal::sub(c, fee.fixed, "fee cap")?;
            match decimal::div(gap, fee.rate, "fee cap") {
                Err(Error::Overflow(_)) if gap.is_sign_negative() => Ok(Decimal::MIN),
                Err(Error::Overflow(_)) => Ok(Decimal::MAX),
                other => other,
            }
        })
        .transpose()
    };
    let (k_min, k_max) = (kink(min)?, kink(max)?);
    let spans = [
        (None, k_min, min.map(constant)),
        (k_min, k_max, Some(fee)),
        (k_max, None, max.map(constant)),
    ];
    let mut out = Vec::new();
    for (from, to, form) in spans {
        let Some(form) = form else { continue };
        let from = from.map_or(lo, |f| f.max(lo));
        let to = match (to, hi) {
            (Some(t), Some(h)) => Some(t.min(h)),
            (t, h) => t.or(h),
        };
        if to.is_none_or(|t| from < t) {
            out.push((from, to, form));
        }
    }
    Ok(out)
}
