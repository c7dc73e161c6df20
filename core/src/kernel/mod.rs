//! The pricing kernel: every figure of a [`Cost`] as the exact rational value of its formula,
//! rounded once, on integers.
//!
//! Per offer, a [`Plan`] brings every decimal to the scale its formula needs and turns the rates
//! into fractions; per amount, each figure is a numerator over a denominator, and one integer
//! division whose remainder decides the rounding gives it (so a figure exactly halfway between
//! two minor units is a tie, decided by the rule, never a quotient cut to 28 digits that lands
//! just below or above it). The figures come out as integers at fixed scales: money at its
//! currency's minor units, percentages at [`PCT_DECIMALS`], the effective rate at
//! [`RATE_DECIMALS`].
//!
//! The fast path computes in `i128`; a quote whose numbers overflow it runs the same formulas
//! on 512-bit integers, so both give the same figures.

mod columns;
mod int;
mod plan;

pub use columns::CostColumns;

use crate::error::{Error, Result};
use crate::money::{Rounding, PCT_DECIMALS};
use crate::quote::{Cost, CostOptions, Offer, RATE_DECIMALS};
use bnum::types::I512;
use int::Int;
use plan::Plan;
use rust_decimal::Decimal;
use std::sync::OnceLock;

/// Why pricing stopped: an overflow of the integers (the fast path then tries the wide one) or
/// an error of the quote itself.
#[derive(Debug, Clone)]
pub(crate) enum Halt {
    Overflow(&'static str),
    Error(Error),
}

pub(crate) type Step<T> = std::result::Result<T, Halt>;

/// The figures of one cost, in the order of [`Cost::FIGURES`], as integers (mantissas) at the
/// scales of [`Pricer::scales`](crate::Pricer::scales).
pub type Figures = [i128; 13];

/// The scale of each figure of [`Figures`] for a corridor whose currencies have `send` and
/// `receive` minor units.
pub(crate) fn scales(send: u32, receive: u32) -> [u32; 13] {
    let p = PCT_DECIMALS;
    [
        send,
        send,
        send,
        send,
        send,
        send,
        send,
        p,
        send,
        send,
        p,
        receive,
        RATE_DECIMALS,
    ]
}

fn ok<I>(v: Option<I>, what: &'static str) -> Step<I> {
    v.ok_or(Halt::Overflow(what))
}

/// Decimal's largest mantissa is 2^96 − 1.
const MANTISSA_LIMIT: u128 = 1 << 96;

/// `n / d` (d > 0) times `unit` (10^places), rounded once under `rule`: the quotient decides
/// the digits and the remainder of the exact division the rounding. An overflow where the
/// result does not fit a decimal's 96 bits.
#[inline]
fn round<I: Int>(n: I, d: I, unit: I, rule: Rounding, what: &'static str) -> Step<i128> {
    let zero = I::of(0);
    if d == unit {
        // A figure already at its scale (an amount, a fee in minor units): nothing to round.
        return fit(n, what);
    }
    let scaled = ok(n.mul(unit), what)?;
    if let (Some(n), Some(d)) = (scaled.small(), d.small()) {
        return round_small(n, d, rule);
    }
    let q = ok(scaled.div(d), what)?;
    let r = ok(q.mul(d).and_then(|qd| scaled.sub(qd)), what)?;
    let rest = if r < zero { ok(zero.sub(r), what)? } else { r };
    let twice = ok(rest.add(rest), what)?;
    let odd = q.is_odd();
    let away = match rule {
        Rounding::HalfEven => twice > d || (twice == d && odd),
        Rounding::HalfAwayFromZero => twice >= d,
        Rounding::Up => rest != zero,
        Rounding::Down => false,
    };
    let q = match (away, scaled < zero) {
        (false, _) => q,
        (true, false) => ok(q.add(I::of(1)), what)?,
        (true, true) => ok(q.sub(I::of(1)), what)?,
    };
    fit(q, what)
}

/// [`round`] of `n / d` (d > 0, both within 64 bits, and so the result within 96): one native
/// division gives quotient and remainder.
#[inline]
fn round_small(n: i64, d: i64, rule: Rounding) -> Step<i128> {
    let (q, r) = match (n.checked_div(d), n.checked_rem(d)) {
        (Some(q), Some(r)) => (i128::from(q), i128::from(r).unsigned_abs()),
        _ => return Err(Halt::Overflow("rounding")),
    };
    let (d, twice) = (d.unsigned_abs(), r.wrapping_mul(2));
    let away = match rule {
        Rounding::HalfEven => twice > u128::from(d) || (twice == u128::from(d) && q & 1 != 0),
        Rounding::HalfAwayFromZero => twice >= u128::from(d),
        Rounding::Up => r != 0,
        Rounding::Down => false,
    };
    // |q| < 2^63: one more unit stays far inside i128.
    Ok(match (away, n < 0) {
        (false, _) => q,
        (true, false) => q.wrapping_add(1),
        (true, true) => q.wrapping_sub(1),
    })
}

/// `m` as a decimal's mantissa, or an overflow.
#[inline]
fn fit<I: Int>(m: I, what: &'static str) -> Step<i128> {
    match m.narrow() {
        Some(m) if m.unsigned_abs() < MANTISSA_LIMIT => Ok(m),
        _ => Err(Halt::Overflow(what)),
    }
}

impl<I: Int> Plan<I> {
    /// The figures of sending `a` (the amount, `amount`, at the plan's scale).
    pub(crate) fn price(&self, amount: Decimal, a: I) -> Step<Figures> {
        let zero = I::of(0);
        let of = |v: Option<I>| ok(v, "pricing");
        let a1 = of(a.mul(self.a_to_k1))?;
        let mut fee = zero;
        if !self.waived {
            for part in &self.parts {
                let applies = part.from.is_none_or(|f| a1 >= f) && part.to.is_none_or(|t| a1 < t);
                if applies {
                    let variable = of(a.mul(part.per_unit))?;
                    fee = of(fee.add(part.fixed).and_then(|f| f.add(variable)))?;
                }
            }
            fee = self.min_fee.map_or(fee, |min| fee.max(min));
            fee = self.max_fee.map_or(fee, |max| fee.min(max));
        }
        let tax = of(fee
            .mul(self.tax_on_fee)
            .and_then(|t| t.add(a.mul(self.tax_on_amount)?)))?;
        let charges = of(fee.mul(self.k1_to_k2).and_then(|f| f.add(tax)))?;
        let a2 = of(a.mul(self.a_to_k2))?;
        let (exchanged, paid) = if self.deducted {
            (of(a2.sub(charges))?, a2)
        } else {
            (a2, of(a2.add(charges))?)
        };
        if exchanged <= zero {
            return Err(Halt::Error(Error::InvalidAmount(format!(
                "{amount}: the deducted fee and taxes take all of it"
            ))));
        }
        let conv = of(match self.promo {
            None => exchanged.mul(self.offered),
            Some(promo) => {
                let at_promo = promo.cap.map_or(exchanged, |c| exchanged.min(c)).max(zero);
                exchanged
                    .sub(at_promo)
                    .and_then(|rest| at_promo.mul(promo.coef)?.add(rest.mul(self.offered)?))
            }
        })?;
        let conv_s = of(conv.mul(self.p10_srf))?;
        let gets = of(conv_s.sub(self.rf_conv))?;
        if gets <= zero {
            return Err(Halt::Error(Error::InvalidAmount(format!(
                "{amount}: the receiving fee takes all of it"
            ))));
        }
        let lost = of(conv_s.sub(self.rfi_conv))?;
        let fx_n = of(exchanged
            .mul(self.cd_pm)
            .and_then(|e| e.sub(conv.mul(self.qm)?)))?;
        let total_n = of(charges
            .add(exchanged)
            .and_then(|c| c.mul(self.c_coef))
            .and_then(|c| c.sub(lost.mul(self.qm)?)))?;
        let rule = self.rounding;
        let send = |n: I, d: I, what| round(n, d, self.send_unit, rule, what);
        let fee_n = of(charges
            .mul(self.p10srf_pm)
            .and_then(|c| c.add(self.rfi_fee)))?;
        let mut gets_r = round(gets, self.gd, self.recv_unit, rule, "recipient amount")?;
        if let Some(unit) = self.payout_unit.and_then(Int::narrow) {
            gets_r = ok(
                gets_r.checked_div(unit).and_then(|u| u.checked_mul(unit)),
                "payout unit",
            )?;
        }
        Ok([
            send(a, self.p10_sa, "send amount")?,
            send(fee, self.p10_k1, "transfer fee")?,
            send(tax, self.p10_k2, "tax")?,
            send(self.rfi_fee, self.fee_d, "receiving fee")?,
            send(fee_n, self.fee_d, "fee")?,
            send(paid, self.p10_k2, "total paid")?,
            send(exchanged, self.p10_k2, "amount exchanged")?,
            round(
                of(fx_n.mul(self.hundred))?,
                of(exchanged.mul(self.cd_pm))?,
                self.pct_unit,
                rule,
                "exchange margin",
            )?,
            send(fx_n, self.xd, "fx cost")?,
            send(total_n, self.c_d, "total cost")?,
            round(
                of(total_n.mul(self.pct_a))?,
                of(self.c_d.mul(a))?,
                self.pct_unit,
                rule,
                "total cost",
            )?,
            gets_r,
            round(
                of(gets.mul(self.p10_k2))?,
                of(self.gd.mul(paid))?,
                self.rate_unit,
                rule,
                "effective rate",
            )?,
        ])
    }
}

/// 10^k for k in 0..=38.
const POW10: [i128; 39] = {
    let mut p = [1i128; 39];
    let mut k = 1;
    while k < 39 {
        p[k] = p[k - 1] * 10;
        k += 1;
    }
    p
};

/// `amount` as an integer at scale `scale`, if it has no finer digits and fits.
fn scaled(amount: Decimal, scale: u32) -> Option<i128> {
    let (m, s) = (amount.mantissa(), amount.scale());
    if s <= scale {
        let up = POW10.get(usize::try_from(scale.checked_sub(s)?).ok()?)?;
        return m.checked_mul(*up);
    }
    // Finer digits that are all zeros (`100.000` at 2 places).
    let down = POW10.get(usize::try_from(s.checked_sub(scale)?).ok()?)?;
    (m.checked_rem(*down)? == 0)
        .then(|| m.checked_div(*down))
        .flatten()
}

/// An offer's plans: on `i128` (or why there is none) and, built when first needed, on wide
/// integers; both for amounts at the send currency's minor units.
#[derive(Debug, Clone)]
pub(crate) struct Kernel {
    narrow: Step<Plan<i128>>,
    wide: OnceLock<Step<Plan<I512>>>,
}

fn settle<T>(step: Step<T>) -> Result<T> {
    step.map_err(|halt| match halt {
        Halt::Overflow(what) => Error::Overflow(what),
        Halt::Error(e) => e,
    })
}

impl Kernel {
    /// The plans of `offer` (its rates checked already) under `options`.
    pub(crate) fn new(offer: &Offer, options: &CostOptions) -> Kernel {
        Kernel {
            narrow: Plan::new(offer, options, offer.send_currency.minor_units()),
            wide: OnceLock::new(),
        }
    }

    /// The figures of sending `amount` (positive, within the schedule's limits).
    pub(crate) fn figures(
        &self,
        offer: &Offer,
        options: &CostOptions,
        amount: Decimal,
    ) -> Result<Figures> {
        let scale = offer.send_currency.minor_units();
        let Some(a) = scaled(amount, scale) else {
            // Finer than minor units (or beyond 128 bits): a plan at the amount's own scale.
            let scale = amount.normalize().scale();
            return Self::once(offer, options, scale, amount);
        };
        match &self.narrow {
            Ok(plan) => match plan.price(amount, a) {
                Err(Halt::Overflow(_)) => {}
                done => return settle(done),
            },
            Err(Halt::Error(e)) => return Err(e.clone()),
            Err(Halt::Overflow(_)) => {}
        }
        let wide = self.wide.get_or_init(|| Plan::new(offer, options, scale));
        match wide {
            Ok(plan) => settle(plan.price(amount, I512::of(a))),
            Err(Halt::Overflow(what)) => Err(Error::Overflow(what)),
            Err(Halt::Error(e)) => Err(e.clone()),
        }
    }

    /// The figures of one amount at scale `scale`, through plans made for it alone.
    fn once(offer: &Offer, options: &CostOptions, scale: u32, amount: Decimal) -> Result<Figures> {
        let a = amount.normalize().mantissa();
        match Plan::<i128>::new(offer, options, scale).and_then(|p| p.price(amount, a)) {
            Err(Halt::Overflow(_)) => {}
            done => return settle(done),
        }
        settle(Plan::<I512>::new(offer, options, scale).and_then(|p| p.price(amount, I512::of(a))))
    }
}

/// A [`Cost`] from its figures.
pub(crate) fn cost_of(offer: &Offer, figures: &Figures) -> Cost {
    let scales = scales(
        offer.send_currency.minor_units(),
        offer.receive_currency.minor_units(),
    );
    let d = |i: usize| Decimal::from_i128_with_scale(figures[i], scales[i]);
    Cost {
        send_currency: offer.send_currency,
        receive_currency: offer.receive_currency,
        send_amount: d(0),
        transfer_fee: d(1),
        tax: d(2),
        receiving_fee: d(3),
        fee: d(4),
        total_paid: d(5),
        amount_exchanged: d(6),
        fx_margin_pct: d(7),
        fx_cost: d(8),
        total_cost: d(9),
        total_cost_pct: d(10),
        recipient_gets: d(11),
        effective_rate: d(12),
    }
}
