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
//! The fast path computes in `i128`, unchecked: the bounds of an offer's integers are checked
//! once, for its largest amount (see [`fast`]); a quote beyond them runs the same formulas on
//! 512-bit integers, so both give the same figures.

mod columns;
mod fast;
mod int;
mod plan;

pub(crate) use columns::Block;
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
pub(crate) const MANTISSA_LIMIT: u128 = 1 << 96;

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
    /// The figures of sending `a` (the amount, `amount`, at the plan's scale), computed on
    /// `J` with every operation checked: the wide path (and, in tests, the checked `i128`
    /// one). [`fast::price`] is the same formulas on unchecked `i128`.
    #[inline]
    pub(crate) fn price<J: Int + From<I>>(&self, amount: Decimal, a: J) -> Step<Figures> {
        let v = J::from;
        let zero = J::of(0);
        let of = |v: Option<J>| ok(v, "pricing");
        let a1 = of(a.mul(v(self.a_to_k1)))?;
        let mut fee = zero;
        if !self.waived {
            for part in &self.parts {
                let applies =
                    part.from.is_none_or(|f| a1 >= v(f)) && part.to.is_none_or(|t| a1 < v(t));
                if applies {
                    let variable = of(a.mul(v(part.per_unit)))?;
                    fee = of(fee.add(v(part.fixed)).and_then(|f| f.add(variable)))?;
                }
            }
            fee = self.min_fee.map_or(fee, |min| fee.max(v(min)));
            fee = self.max_fee.map_or(fee, |max| fee.min(v(max)));
        }
        let tax = of(fee
            .mul(v(self.tax_on_fee))
            .and_then(|t| t.add(a.mul(v(self.tax_on_amount))?)))?;
        let charges = of(fee.mul(v(self.k1_to_k2)).and_then(|f| f.add(tax)))?;
        let a2 = of(a.mul(v(self.a_to_k2)))?;
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
        let offered = v(self.offered);
        let conv = of(match self.promo {
            None => exchanged.mul(offered),
            Some(promo) => {
                let at_promo = promo
                    .cap
                    .map_or(exchanged, |c| exchanged.min(v(c)))
                    .max(zero);
                exchanged
                    .sub(at_promo)
                    .and_then(|rest| at_promo.mul(v(promo.coef))?.add(rest.mul(offered)?))
            }
        })?;
        let conv_s = of(conv.mul(v(self.p10_srf)))?;
        let gets = of(conv_s.sub(v(self.rf_conv)))?;
        if gets <= zero {
            return Err(Halt::Error(Error::InvalidAmount(format!(
                "{amount}: the receiving fee takes all of it"
            ))));
        }
        let qm = v(self.qm);
        let lost = of(conv_s.sub(v(self.rfi_conv)))?;
        let cd_pm = v(self.cd_pm);
        let fx_n = of(exchanged.mul(cd_pm).and_then(|e| e.sub(conv.mul(qm)?)))?;
        let total_n = of(charges
            .add(exchanged)
            .and_then(|c| c.mul(v(self.c_coef)))
            .and_then(|c| c.sub(lost.mul(qm)?)))?;
        let rule = self.rounding;
        let send_unit = v(self.send_unit);
        let send = |n: J, d: J, what| round(n, d, send_unit, rule, what);
        let p10_k2 = v(self.p10_k2);
        let rfi_fee = v(self.rfi_fee);
        let gd = v(self.gd);
        let mut gets_r = round(gets, gd, v(self.recv_unit), rule, "recipient amount")?;
        if let Some(unit) = self.payout_unit.and_then(Int::narrow) {
            gets_r = ok(
                gets_r.checked_div(unit).and_then(|u| u.checked_mul(unit)),
                "payout unit",
            )?;
        }
        let c_d = v(self.c_d);
        Ok([
            send(a, v(self.p10_sa), "send amount")?,
            send(fee, v(self.p10_k1), "transfer fee")?,
            send(tax, p10_k2, "tax")?,
            match self.receiving {
                Some(r) => r,
                None => send(rfi_fee, v(self.fee_d), "receiving fee")?,
            },
            if rfi_fee == zero {
                // (F + T)·p10srf_pm / (10^k2·p10srf_pm): the charges at their own scale.
                send(charges, p10_k2, "fee")?
            } else {
                let fee_n = of(charges.mul(v(self.p10srf_pm)).and_then(|c| c.add(rfi_fee)))?;
                send(fee_n, v(self.fee_d), "fee")?
            },
            send(paid, p10_k2, "total paid")?,
            send(exchanged, p10_k2, "amount exchanged")?,
            match self.margin {
                Some(m) => m,
                None => round(
                    of(fx_n.mul(v(self.hundred)))?,
                    of(exchanged.mul(cd_pm))?,
                    v(self.pct_unit),
                    rule,
                    "exchange margin",
                )?,
            },
            send(fx_n, v(self.xd), "fx cost")?,
            send(total_n, c_d, "total cost")?,
            round(
                of(total_n.mul(v(self.pct_a)))?,
                of(c_d.mul(a))?,
                v(self.pct_unit),
                rule,
                "total cost",
            )?,
            gets_r,
            round(
                of(gets.mul(p10_k2))?,
                of(gd.mul(paid))?,
                v(self.rate_unit),
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
pub(crate) fn scaled(amount: Decimal, scale: u32) -> Option<i128> {
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
///
/// An amount up to `bound` (see [`fast`]) is priced by the `i128` plan with no check per
/// operation ([`fast::price`]); any other (or one whose figure overflows a
/// decimal's 96 bits) by the wide plan, which gives the same figures wherever both apply.
/// `fast` is the range of amounts that need no other check at all (positive, within the
/// schedule's limits, up to the bound): the entry of [`Pricer`](crate::Pricer)'s quotes.
#[derive(Debug, Clone)]
pub(crate) struct Kernel {
    narrow: Step<Plan<i128>>,
    /// The largest amount of the fast path, and the ratios of its figures.
    bound: Option<(i128, fast::Ratios<i128>)>,
    fast: Option<(i128, i128)>,
    /// The largest amount of the fast path on `i64` (at most `bound`), its plan and ratios.
    /// Not in WebAssembly, whose module has a size budget.
    #[cfg(not(target_arch = "wasm32"))]
    small: Option<(i128, Plan<i64>, fast::Ratios<i64>)>,
    scale: u32,
    wide: OnceLock<Step<Plan<I512>>>,
}

fn settle<T>(step: Step<T>) -> Result<T> {
    step.map_err(|halt| match halt {
        Halt::Overflow(what) => Error::Overflow(what),
        Halt::Error(e) => e,
    })
}

/// `value` times 10^scale, rounded up (`ceil`) or down, as an integer, if it fits.
fn minor_units(value: Decimal, scale: u32, ceil: bool) -> Option<i128> {
    let (m, s) = (value.mantissa(), value.scale());
    if let Some(up) = scale.checked_sub(s) {
        return m.checked_mul(*POW10.get(usize::try_from(up).ok()?)?);
    }
    let down = *POW10.get(usize::try_from(s.checked_sub(scale)?).ok()?)?;
    let (q, r) = (m.checked_div(down)?, m.checked_rem(down)?);
    match (ceil, r.signum()) {
        (true, 1) => q.checked_add(1),
        (false, -1) => q.checked_sub(1),
        _ => Some(q),
    }
}

impl Kernel {
    /// The plans of `offer` (its rates checked already) under `options`.
    pub(crate) fn new(offer: &Offer, options: &CostOptions) -> Kernel {
        let scale = offer.send_currency.minor_units();
        let narrow = Plan::new(offer, options, scale);
        let bound = narrow.as_ref().ok().and_then(|plan| {
            let ratios = fast::Ratios::new(plan)?;
            Some((fast::limit(plan, &ratios, fast::LIMIT)?, ratios))
        });
        #[cfg(not(target_arch = "wasm32"))]
        let small = narrow
            .as_ref()
            .ok()
            .zip(bound.as_ref())
            .and_then(|(plan, (_, ratios))| {
                Some((
                    fast::limit(plan, ratios, fast::LIMIT_64)?,
                    plan.narrow()?,
                    ratios.narrow()?,
                ))
            });
        let fast = bound.and_then(|(bound, _)| {
            let s = &offer.schedule;
            let lo = match s.min_amount {
                Some(min) => minor_units(min, scale, true)?.max(1),
                None => 1,
            };
            let hi = match s.max_amount {
                Some(max) => bound.min(minor_units(max, scale, false)?),
                None => bound,
            };
            Some((lo, hi))
        });
        Kernel {
            narrow,
            bound,
            fast,
            #[cfg(not(target_arch = "wasm32"))]
            small,
            scale,
            wide: OnceLock::new(),
        }
    }

    /// The figures of `a` (the amount in the send currency's minor units) on the fast path,
    /// or `None` when it does not apply (the amount outside the fast range, or a quote the
    /// checked path would refuse): the caller then takes the checked path, which gives the
    /// same figures where both apply.
    #[inline]
    pub(crate) fn fast_minor(&self, a: i128) -> Option<Figures> {
        let (lo, hi) = self.fast?;
        if a < lo || a > hi {
            return None;
        }
        #[cfg(not(target_arch = "wasm32"))]
        if let Some((_, plan, ratios)) = self.small.as_ref().filter(|(bound, ..)| a <= *bound) {
            return fast::price(plan, ratios, i64::try_from(a).ok()?);
        }
        let (plan, (_, ratios)) = (self.narrow.as_ref().ok()?, self.bound.as_ref()?);
        fast::price(plan, ratios, a)
    }

    /// [`Kernel::fast_minor`] of a decimal amount at the send currency's minor units.
    #[inline]
    pub(crate) fn fast(&self, amount: Decimal) -> Option<Figures> {
        self.fast?;
        self.fast_minor(scaled(amount, self.scale)?)
    }

    /// The figures of sending `amount` (positive, within the schedule's limits).
    pub(crate) fn figures(
        &self,
        offer: &Offer,
        options: &CostOptions,
        amount: Decimal,
    ) -> Result<Figures> {
        let scale = self.scale;
        let Some(a) = scaled(amount, scale) else {
            // Finer than minor units (or beyond 128 bits): a plan at the amount's own scale.
            let scale = amount.normalize().scale();
            return Self::once(offer, options, scale, amount);
        };
        match &self.narrow {
            Ok(plan) => {
                if let Some((_, ratios)) = self.bound.as_ref().filter(|(bound, _)| a <= *bound) {
                    if let Some(figures) = fast::price(plan, ratios, a) {
                        return Ok(figures);
                    }
                }
            }
            Err(Halt::Error(e)) => return Err(e.clone()),
            _ => {}
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
        match Plan::<i128>::new(offer, options, scale) {
            Ok(plan) => {
                let ratios = fast::Ratios::new(&plan);
                let fast = ratios
                    .filter(|r| fast::limit(&plan, r, fast::LIMIT).is_some_and(|bound| a <= bound));
                if let Some(figures) = fast.and_then(|r| fast::price(&plan, &r, a)) {
                    return Ok(figures);
                }
            }
            Err(Halt::Error(e)) => return Err(e),
            _ => {}
        }
        settle(Plan::<I512>::new(offer, options, scale).and_then(|p| p.price(amount, I512::of(a))))
    }
}

/// The decimal of mantissa `m` (within 96 bits, as every figure the kernel gives) and
/// `scale` (at most [`RATE_DECIMALS`]): its three 32-bit words, no checks.
#[inline]
fn decimal(m: i128, scale: u32) -> Decimal {
    let u = m.unsigned_abs();
    let word = |shift: u32| u.wrapping_shr(shift) as u32;
    Decimal::from_parts(word(0), word(32), word(64), m < 0, scale)
}

/// A [`Cost`] from its figures.
pub(crate) fn cost_of(offer: &Offer, figures: &Figures) -> Cost {
    let scales = scales(
        offer.send_currency.minor_units(),
        offer.receive_currency.minor_units(),
    );
    let d = |i: usize| decimal(figures[i], scales[i]);
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
