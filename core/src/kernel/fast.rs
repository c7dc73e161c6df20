//! The fast path: bounds checked once per offer instead of at every operation.
//!
//! Every intermediate of [`Plan::price`] is, in absolute value, at most `k·a + c` for an
//! amount `a` (in minor units) and constants `k`, `c` of the plan: the amount enters each
//! formula linearly (fees, taxes, the amount exchanged, what is converted, every numerator
//! and every denominator of a figure). [`limit`] follows the formulas of `price` with such
//! bounds (every band applying, the larger of a cap and the fee, both rates of a promotion)
//! and gives the largest amount for which none comes near 2^127. For amounts up to it,
//! [`price`] runs the same formulas on plain `i128` (no check, no branch on overflow) and
//! gives the figures the checked path would; beyond it, or for a quote it leaves (a fee that
//! takes the whole amount, a figure beyond 96 bits), the 512-bit path prices it and says why.

use super::int::gcd;
use super::plan::Plan;
use super::{Figures, MANTISSA_LIMIT};
use crate::money::Rounding;
#[cfg(not(target_arch = "wasm32"))]
use strength_reduce::StrengthReducedU64;

/// No intermediate of a fast quote on `i128` exceeds this (2^125): room for the rounding's
/// `2·r` and `q ± 1` beside it, well inside `i128`.
pub(super) const LIMIT: u128 = 1 << 125;

/// No value of a fast quote on `i64` exceeds this (2^62; the products a figure divides, and
/// the fx and total cost numerators, are `i128`, within [`LIMIT`]): an offer's bound is then
/// set by its amounts, fees and converted amount, far beyond everyday amounts (every quote of
/// the side-by-side data: bounds from 699,110 to 4.4·10^12 in the send currency), priced with
/// native 64-bit operations (a division is a library call only where a product exceeds 64
/// bits).
#[cfg(not(target_arch = "wasm32"))]
pub(super) const LIMIT_64: u128 = 1 << 62;

/// `x·y`, if it fits: one widening multiply where both are within 64 bits (a checked
/// 128-bit one is a library call). In WebAssembly this and the other steps of the
/// preparation (run once per offer) stay out of line: the module has a size budget, and
/// inlined they cost ~1 KB gzipped (natively, out of line, a one-off quote took 70 % more
/// instructions).
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn mul(x: u128, y: u128) -> Option<u128> {
    match (u64::try_from(x), u64::try_from(y)) {
        (Ok(x), Ok(y)) => Some(u128::from(x).wrapping_mul(u128::from(y))),
        _ => x.checked_mul(y),
    }
}

/// `k·a + c`: a bound on the absolute value of an intermediate, for amounts `a`.
#[derive(Debug, Clone, Copy)]
struct Linear {
    k: u128,
    c: u128,
}

impl Linear {
    const AMOUNT: Linear = Linear { k: 1, c: 0 };

    fn constant(v: i128) -> Linear {
        Linear {
            k: 0,
            c: v.unsigned_abs(),
        }
    }

    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn plus(self, o: Linear) -> Option<Linear> {
        Some(Linear {
            k: self.k.checked_add(o.k)?,
            c: self.c.checked_add(o.c)?,
        })
    }

    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn times(self, v: i128) -> Option<Linear> {
        let v = v.unsigned_abs();
        Some(Linear {
            k: mul(self.k, v)?,
            c: mul(self.c, v)?,
        })
    }

    fn max(self, o: Linear) -> Linear {
        Linear {
            k: self.k.max(o.k),
            c: self.c.max(o.c),
        }
    }
}

/// The largest slope and constant of every recorded bound: `k·a + c` bounds them all.
#[derive(Default)]
struct Most {
    k: u128,
    c: u128,
}

impl Most {
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn add(&mut self, x: Linear) {
        self.k = self.k.max(x.k);
        self.c = self.c.max(x.c);
    }

    /// The largest amount for which `k·a + c` stays within `max`.
    fn amount(&self, max: u128) -> Option<u128> {
        let room = max.checked_sub(self.c)?;
        Some(room.checked_div(self.k).unwrap_or(u128::MAX))
    }
}

/// The bounds of the values `price` computes, and apart those of the products a figure
/// divides (on `i128` even where the values are `i64`).
#[derive(Default)]
struct Bound {
    values: Most,
    products: Most,
}

impl Bound {
    /// Records `x` as a value `price` computes, and returns it.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn keep(&mut self, x: Option<Linear>) -> Option<Linear> {
        let x = x?;
        self.values.add(x);
        Some(x)
    }

    /// Records `x` as a product `price` computes on `i128` (by widening multiplies from the
    /// values), and returns it: the numerators of the fx and total costs, which only feed
    /// divisions. (In WebAssembly, values and products are `i128` alike: a value.)
    #[cfg(not(target_arch = "wasm32"))]
    fn product(&mut self, x: Option<Linear>) -> Option<Linear> {
        let x = x?;
        self.products.add(x);
        Some(x)
    }

    #[cfg(target_arch = "wasm32")]
    #[inline(always)]
    fn product(&mut self, x: Option<Linear>) -> Option<Linear> {
        self.keep(x)
    }

    /// Records what rounding `x / y` at a figure's unit computes, `ratio` being the constant
    /// part of `unit / y` (see [`Ratio`]): `x·num`, `y·den`, and from them the quotient, the
    /// remainder and twice it, all within `max(|x·num|, 2·y·den)`.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn round(&mut self, x: Linear, y: Linear, ratio: Ratio<i128>) -> Option<()> {
        self.products.add(x.times(ratio.num)?);
        self.products.add(y.times(ratio.den)?.times(2)?);
        Some(())
    }
}

/// The largest amount `a` (minor units, at least 0) for which no value `plan.price` computes
/// exceeds `values` ([`LIMIT`] on `i128`, [`LIMIT_64`] on `i64`) and no product a figure
/// divides exceeds [`LIMIT`], or `None` when even the amount 0 would (an offer of extreme
/// numbers: every quote takes the checked path); `ratios` are the plan's.
pub(super) fn limit(plan: &Plan<i128>, ratios: &Ratios<i128>, values: u128) -> Option<i128> {
    let mut b = Bound::default();
    let a = b.keep(Some(Linear::AMOUNT))?;
    let a1 = b.keep(a.times(plan.a_to_k1))?;
    let _ = a1;
    let mut fee = Linear::constant(0);
    if !plan.waived {
        for part in &plan.parts {
            for edge in [part.from, part.to].into_iter().flatten() {
                b.keep(Some(Linear::constant(edge)))?;
            }
            let variable = b.keep(a.times(part.per_unit))?;
            fee = b.keep(fee.plus(Linear::constant(part.fixed))?.plus(variable))?;
        }
        for cap in [plan.min_fee, plan.max_fee].into_iter().flatten() {
            fee = fee.max(Linear::constant(cap));
        }
    }
    let fee = b.keep(Some(fee))?;
    let on_fee = b.keep(fee.times(plan.tax_on_fee))?;
    let on_amount = b.keep(a.times(plan.tax_on_amount))?;
    let tax = b.keep(on_fee.plus(on_amount))?;
    let fee_k2 = b.keep(fee.times(plan.k1_to_k2))?;
    let charges = b.keep(fee_k2.plus(tax))?;
    let a2 = b.keep(a.times(plan.a_to_k2))?;
    // Exchanged and paid: a2 ± charges.
    let exchanged = b.keep(a2.plus(charges))?;
    let paid = exchanged;
    let conv = match plan.promo {
        None => b.keep(exchanged.times(plan.offered))?,
        Some(promo) => {
            // The part at the promotional rate and the rest are each within the exchanged
            // amount (which is positive here); their difference within twice it.
            if let Some(cap) = promo.cap {
                b.keep(Some(Linear::constant(cap)))?;
            }
            let rest = b.keep(exchanged.times(2))?;
            let at_promo = b.keep(exchanged.times(promo.coef))?;
            let at_offered = b.keep(rest.times(plan.offered))?;
            b.keep(at_promo.plus(at_offered))?
        }
    };
    let conv_s = b.keep(conv.times(plan.p10_srf))?;
    let gets = b.keep(conv_s.plus(Linear::constant(plan.rf_conv)))?;
    let lost = b.keep(conv_s.plus(Linear::constant(plan.rfi_conv)))?;
    // The fx and total cost numerators (and their terms) are products: on `i128` whatever
    // the values are computed on.
    let e_cd_pm = b.product(exchanged.times(plan.cd_pm))?;
    let conv_qm = b.product(conv.times(plan.qm))?;
    let fx_n = b.product(e_cd_pm.plus(conv_qm))?;
    let c_e = b.keep(charges.plus(exchanged))?;
    let c_e = b.product(c_e.times(plan.c_coef))?;
    let lost_qm = b.product(lost.times(plan.qm))?;
    let total_n = b.product(c_e.plus(lost_qm))?;
    // The roundings, in the order of `price`: `x / y` at a unit, `y` a constant or not.
    let one = Linear::constant(1);
    let r = ratios;
    b.round(gets, one, r.gd)?;
    b.round(a, one, r.sa)?;
    b.round(fee, one, r.k1)?;
    for n in [tax, charges, paid, exchanged] {
        b.round(n, one, r.k2)?;
    }
    // The figures `price` takes from the plan (the receiving fee, the margin with one rate)
    // and the fee's other formula are not computed.
    if plan.receiving.is_none() {
        b.round(Linear::constant(plan.rfi_fee), one, r.fee_d)?;
    }
    if plan.rfi_fee != 0 {
        let fee_n = b.keep(charges.times(plan.p10srf_pm))?;
        let fee_n = b.keep(fee_n.plus(Linear::constant(plan.rfi_fee)))?;
        b.round(fee_n, one, r.fee_d)?;
    }
    if plan.margin.is_none() {
        b.round(fx_n, exchanged, r.margin)?;
    }
    b.round(fx_n, one, r.xd)?;
    b.round(total_n, one, r.c_d)?;
    b.round(total_n, a, r.pct)?;
    b.round(gets, paid, r.rate)?;
    let most = b.values.amount(values)?.min(b.products.amount(LIMIT)?);
    i128::try_from(most).ok()
}

/// `num / den` reduced: a figure `x / y` at `unit` is `(x·num) / (y·den)` rounded, with
/// `num / den = unit / y`'s constant part in lowest terms, so that the numbers divided are as
/// small as they can be (most then fit one native 64-bit division, and a denominator of 1
/// needs none).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ratio<W> {
    num: W,
    den: W,
    /// For a constant `den` (above 1, within 64 bits) on native targets, its reciprocal: the
    /// quotient and remainder of a division by it are a multiply-high and a multiply (exact
    /// for every 64-bit numerator; a native division takes several times as long).
    #[cfg(not(target_arch = "wasm32"))]
    by: Option<StrengthReducedU64>,
}

impl Ratio<i128> {
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn new(num: i128, den: i128) -> Option<Ratio<i128>> {
        let g = gcd(num, den);
        let exact = |v: i128| match (u64::try_from(v), u64::try_from(g)) {
            (Ok(v), Ok(g)) => v.checked_div(g).map(i128::from),
            _ => v.checked_div(g),
        };
        Some(Ratio {
            num: exact(num)?,
            den: exact(den)?,
            #[cfg(not(target_arch = "wasm32"))]
            by: None,
        })
    }

    /// The ratio of a figure over a constant: its denominator's reciprocal made ready.
    #[cfg(not(target_arch = "wasm32"))]
    fn constant(self) -> Ratio<i128> {
        let by = u64::try_from(self.den).ok().filter(|d| *d > 1);
        Ratio {
            by: by.map(StrengthReducedU64::new),
            ..self
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn narrow<W: TryFrom<i128>>(self) -> Option<Ratio<W>> {
        Some(Ratio {
            num: W::try_from(self.num).ok()?,
            den: W::try_from(self.den).ok()?,
            by: self.by,
        })
    }
}

impl<W: Word> Ratio<W> {
    /// `n / den` rounded once under `rule` (see [`div`]): by the reciprocal where there is one
    /// and `n` is within 64 bits.
    #[inline(always)]
    fn div(self, n: i128, rule: Rounding) -> Option<i128> {
        #[cfg(not(target_arch = "wasm32"))]
        if let (Some(by), Ok(m)) = (self.by, u64::try_from(n.unsigned_abs())) {
            let (q, r) = StrengthReducedU64::div_rem(m, by);
            let d = u128::from(by.get());
            return rounded(n < 0, u128::from(q), u128::from(r), d, rule);
        }
        div(n, self.den.into(), rule)
    }

    /// The figure `x / y` at its unit, this ratio being `unit / y` in lowest terms (`y` a
    /// constant).
    #[cfg(not(target_arch = "wasm32"))]
    #[inline(always)]
    fn at(self, x: W, rule: Rounding) -> Option<i128> {
        self.div(wide(x, self.num), rule)
    }

    /// [`Ratio::at`] of an `i128` x.
    #[cfg(not(target_arch = "wasm32"))]
    #[inline(always)]
    fn at_n(self, x: i128, rule: Rounding) -> Option<i128> {
        let m = self.times_num(x);
        if let (Some(by), Ok(m)) = (self.by, u64::try_from(m)) {
            let (q, r) = StrengthReducedU64::div_rem(m, by);
            return rounded(
                x < 0,
                u128::from(q),
                u128::from(r),
                u128::from(by.get()),
                rule,
            );
        }
        div_abs(x < 0, m, self.den.into().unsigned_abs(), rule)
    }

    /// The figure `x / y` at its unit, this ratio being the constant part of `unit / y`.
    #[cfg(not(target_arch = "wasm32"))]
    #[inline(always)]
    fn over(self, x: W, y: W, rule: Rounding) -> Option<i128> {
        div(wide(x, self.num), wide(y, self.den), rule)
    }

    /// [`Ratio::over`] of an `i128` x (`y` positive).
    #[cfg(not(target_arch = "wasm32"))]
    #[inline(always)]
    fn over_n(self, x: i128, y: W, rule: Rounding) -> Option<i128> {
        div_abs(
            x < 0,
            self.times_num(x),
            wide(y, self.den).unsigned_abs(),
            rule,
        )
    }

    /// The magnitude of `x·num` (`num` is positive): one widening multiply and one more,
    /// where a signed `i128` product of the same numbers takes three.
    #[cfg(not(target_arch = "wasm32"))]
    #[inline(always)]
    fn times_num(self, x: i128) -> u128 {
        x.unsigned_abs().wrapping_mul(self.num.magnitude())
    }
}

/// The reduced ratios of every figure of a plan (see [`Ratio`]), worked out with its bound.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ratios<W> {
    /// unit / 10^sa, unit / 10^k1, unit / 10^k2, unit / fee_d, unit / xd, unit / c_d (send
    /// money), recv_unit / gd.
    sa: Ratio<W>,
    k1: Ratio<W>,
    k2: Ratio<W>,
    fee_d: Ratio<W>,
    xd: Ratio<W>,
    c_d: Ratio<W>,
    gd: Ratio<W>,
    /// The figures whose denominator depends on the amount: `100·pct_unit / cd_pm` (the
    /// margin, over the amount exchanged), `pct_a·pct_unit / c_d` (total cost %, over the
    /// amount), `10^k2·rate_unit / gd` (effective rate, over the total paid).
    margin: Ratio<W>,
    pct: Ratio<W>,
    rate: Ratio<W>,
}

impl Ratios<i128> {
    pub(crate) fn new(p: &Plan<i128>) -> Option<Ratios<i128>> {
        let su = p.send_unit;
        let r = Ratio::new;
        #[cfg(not(target_arch = "wasm32"))]
        let c = |num, den| r(num, den).map(Ratio::constant);
        // In WebAssembly a native 64-bit division is one instruction and a 64x64->128
        // multiply is not: nothing to prepare.
        #[cfg(target_arch = "wasm32")]
        let c = r;
        Some(Ratios {
            sa: c(su, p.p10_sa)?,
            k1: c(su, p.p10_k1)?,
            k2: c(su, p.p10_k2)?,
            fee_d: c(su, p.fee_d)?,
            xd: c(su, p.xd)?,
            c_d: c(su, p.c_d)?,
            gd: c(p.recv_unit, p.gd)?,
            margin: r(p.hundred.checked_mul(p.pct_unit)?, p.cd_pm)?,
            pct: r(p.pct_a.checked_mul(p.pct_unit)?, p.c_d)?,
            rate: r(p.p10_k2.checked_mul(p.rate_unit)?, p.gd)?,
        })
    }

    /// These ratios on `W`, if each fits.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn narrow<W: TryFrom<i128>>(&self) -> Option<Ratios<W>> {
        Some(Ratios {
            sa: self.sa.narrow()?,
            k1: self.k1.narrow()?,
            k2: self.k2.narrow()?,
            fee_d: self.fee_d.narrow()?,
            xd: self.xd.narrow()?,
            c_d: self.c_d.narrow()?,
            gd: self.gd.narrow()?,
            margin: self.margin.narrow()?,
            pct: self.pct.narrow()?,
            rate: self.rate.narrow()?,
        })
    }
}

/// The integers a fast quote computes its values on: `i128`, or `i64` for the amounts up to
/// the offer's smaller bound (see [`LIMIT_64`]), where every operation is one native
/// instruction. The products a figure divides, and the fx and total cost numerators, are
/// `i128` on both (one widening multiply from `i64`). Within the bound no operation wraps, so
/// the wrapping ones are exact.
pub(super) trait Word: Copy + Ord + Into<i128> {
    const ZERO: Self;
    fn plus(self, o: Self) -> Self;
    fn minus(self, o: Self) -> Self;
    fn times(self, o: Self) -> Self;
    /// The absolute value as a `u128`, zero-extended from `i64`.
    #[cfg(not(target_arch = "wasm32"))]
    fn magnitude(self) -> u128;
}

/// `x·y` on `i128`: one widening multiply from `i64`.
#[inline(always)]
fn wide<W: Word>(x: W, y: W) -> i128 {
    x.into().wrapping_mul(y.into())
}

/// One `Word` implementation per integer type, on its wrapping operations.
macro_rules! word {
    ($($t:ty),*) => {$(
        impl Word for $t {
            const ZERO: $t = 0;
            #[inline(always)]
            fn plus(self, o: $t) -> $t {
                self.wrapping_add(o)
            }
            #[inline(always)]
            fn minus(self, o: $t) -> $t {
                self.wrapping_sub(o)
            }
            #[inline(always)]
            fn times(self, o: $t) -> $t {
                self.wrapping_mul(o)
            }
            #[cfg(not(target_arch = "wasm32"))]
            #[inline(always)]
            fn magnitude(self) -> u128 {
                self.unsigned_abs().into()
            }
        }
    )*};
}
word!(i64, i128);

/// `n / d` (d > 0) rounded once under `rule` to an integer, as [`super::round`] does it, for
/// values within the bound: `None` where it would not fit a decimal's 96 bits (the wide path
/// then says so). Every rule is symmetric about zero, so the magnitude is rounded and the sign
/// put back; one native 64-bit division where both fit, none where `d` is 1.
#[inline(always)]
fn div(n: i128, d: i128, rule: Rounding) -> Option<i128> {
    if d == 1 {
        return (n.unsigned_abs() < MANTISSA_LIMIT).then_some(n);
    }
    let (m, d) = (n.unsigned_abs(), d.unsigned_abs());
    let (q, r) = match (u64::try_from(m), u64::try_from(d)) {
        (Ok(m), Ok(d)) => (u128::from(m.checked_div(d)?), u128::from(m.checked_rem(d)?)),
        _ => (m.checked_div(d)?, m.checked_rem(d)?),
    };
    rounded(n < 0, q, r, d, rule)
}

/// [`div`] of a numerator given as its sign and magnitude `m`, by `d` (d > 0).
#[cfg(not(target_arch = "wasm32"))]
#[inline(always)]
fn div_abs(negative: bool, m: u128, d: u128, rule: Rounding) -> Option<i128> {
    if d == 1 {
        return rounded(negative, m, 0, 1, rule);
    }
    let (q, r) = match (u64::try_from(m), u64::try_from(d)) {
        (Ok(m), Ok(d)) => (u128::from(m.checked_div(d)?), u128::from(m.checked_rem(d)?)),
        _ => (m.checked_div(d)?, m.checked_rem(d)?),
    };
    rounded(negative, q, r, d, rule)
}

/// The figure of a division of magnitude `d·q + r` (`r < d`) by `d`, negative or not: the
/// remainder decides the rounding (no other division), then the sign is put back. `None`
/// beyond a decimal's 96 bits.
#[inline(always)]
fn rounded(negative: bool, q: u128, r: u128, d: u128, rule: Rounding) -> Option<i128> {
    let twice = r.wrapping_mul(2);
    let away = match rule {
        Rounding::HalfEven => twice > d || (twice == d && q & 1 != 0),
        Rounding::HalfAwayFromZero => twice >= d,
        Rounding::Up => r != 0,
        Rounding::Down => false,
    };
    let q = q.wrapping_add(u128::from(away));
    if q >= MANTISSA_LIMIT {
        return None;
    }
    let q = i128::try_from(q).ok()?;
    Some(if negative { q.wrapping_neg() } else { q })
}

/// The figures of `a` (minor units, positive, at most [`limit`] of `p` for `W`'s limit, `r`
/// its ratios): `Plan::price`'s formulas on plain `W`, every operation exact by the bound, no
/// check but the ones that decide (a fee or tax that takes the whole amount, a figure beyond
/// 96 bits: `None`, and the wide path gives the error).
pub(super) fn price<W: Word>(p: &Plan<W>, r: &Ratios<W>, a: W) -> Option<Figures> {
    let a1 = a.times(p.a_to_k1);
    let mut fee = W::ZERO;
    if !p.waived {
        for part in &p.parts {
            if part.from.is_none_or(|f| a1 >= f) && part.to.is_none_or(|t| a1 < t) {
                fee = fee.plus(part.fixed).plus(a.times(part.per_unit));
            }
        }
        fee = p.min_fee.map_or(fee, |min| fee.max(min));
        fee = p.max_fee.map_or(fee, |max| fee.min(max));
    }
    let tax = fee.times(p.tax_on_fee).plus(a.times(p.tax_on_amount));
    let charges = fee.times(p.k1_to_k2).plus(tax);
    let a2 = a.times(p.a_to_k2);
    let (exchanged, paid) = if p.deducted {
        (a2.minus(charges), a2)
    } else {
        (a2, a2.plus(charges))
    };
    if exchanged <= W::ZERO {
        return None;
    }
    let conv = match p.promo {
        None => exchanged.times(p.offered),
        Some(promo) => {
            let at_promo = promo
                .cap
                .map_or(exchanged, |c| exchanged.min(c))
                .max(W::ZERO);
            let rest = exchanged.minus(at_promo);
            at_promo.times(promo.coef).plus(rest.times(p.offered))
        }
    };
    let conv_s = conv.times(p.p10_srf);
    let gets = conv_s.minus(p.rf_conv);
    if gets <= W::ZERO {
        return None;
    }
    let lost = conv_s.minus(p.rfi_conv);
    // The fx and total cost numerators (~10^14 a minor unit for an offer with a fee at 6
    // places and rates of 4-7 digits) feed only divisions: on `i128`, by widening multiplies,
    // so that the bound of the values on `W` does not count them.
    let fx_n = wide(exchanged, p.cd_pm).wrapping_sub(wide(conv, p.qm));
    let total_n = wide(charges.plus(exchanged), p.c_coef).wrapping_sub(wide(lost, p.qm));
    let rule = p.rounding;
    // x / y at a figure's unit, `ratio` being unit / y in lowest terms (y constant), or
    // x / y with `ratio` the constant part of unit / y; `at_n` and `over_n` for an `i128` x.
    // Natively each is always inlined (as closures LLVM left them out of line, ~300
    // instructions more a quote); in WebAssembly, closures as before (module size).
    #[cfg(not(target_arch = "wasm32"))]
    let (at, at_n, over, over_n) = (
        |x: W, ratio: Ratio<W>| ratio.at(x, rule),
        |x: i128, ratio: Ratio<W>| ratio.at_n(x, rule),
        |x: W, y: W, ratio: Ratio<W>| ratio.over(x, y, rule),
        |x: i128, y: W, ratio: Ratio<W>| ratio.over_n(x, y, rule),
    );
    // In WebAssembly (only `i128`) one closure for both kinds of x.
    #[cfg(target_arch = "wasm32")]
    let at_n = |x: i128, ratio: Ratio<W>| ratio.div(x.wrapping_mul(ratio.num.into()), rule);
    #[cfg(target_arch = "wasm32")]
    let over_n = |x: i128, y: W, ratio: Ratio<W>| {
        div(x.wrapping_mul(ratio.num.into()), wide(y, ratio.den), rule)
    };
    #[cfg(target_arch = "wasm32")]
    let (at, over) = (
        |x: W, ratio: Ratio<W>| at_n(x.into(), ratio),
        |x: W, y: W, ratio: Ratio<W>| over_n(x.into(), y, ratio),
    );
    let mut gets_r = at(gets, r.gd)?;
    if let Some(unit) = p.payout_unit {
        let unit: i128 = unit.into();
        gets_r = gets_r.checked_div(unit)?.checked_mul(unit)?;
    }
    Some([
        at(a, r.sa)?,
        at(fee, r.k1)?,
        at(tax, r.k2)?,
        match p.receiving {
            Some(fee) => fee,
            None => at(p.rfi_fee, r.fee_d)?,
        },
        if p.rfi_fee == W::ZERO {
            at(charges, r.k2)?
        } else {
            at(charges.times(p.p10srf_pm).plus(p.rfi_fee), r.fee_d)?
        },
        at(paid, r.k2)?,
        at(exchanged, r.k2)?,
        match p.margin {
            Some(m) => m,
            None => over_n(fx_n, exchanged, r.margin)?,
        },
        at_n(fx_n, r.xd)?,
        at_n(total_n, r.c_d)?,
        over_n(total_n, a, r.pct)?,
        gets_r,
        over(gets, paid, r.rate)?,
    ])
}

#[cfg(test)]
mod tests {
    use super::super::int::Int;
    use super::super::{Figures, Kernel};
    use super::*;
    use crate::money::Rounding;
    use crate::quote::{CostOptions, Offer};
    use bnum::types::I512;
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    /// A rate value from a mantissa and a scale (extreme ones included: up to 28 digits).
    fn value(m: i128, s: u32) -> String {
        Decimal::try_from_i128_with_scale(m.max(1), s.min(28))
            .unwrap_or(Decimal::ONE)
            .to_string()
    }

    #[derive(Debug, Clone)]
    struct Case {
        mid: (i128, u32),
        offered: (i128, u32),
        inverted: bool,
        fixed: (i64, u32),
        pct: (i64, u32),
        bands: bool,
        caps: bool,
        tax: (i64, u32),
        deducted: bool,
        receiving: Option<(i64, u32)>,
        include_receiving: bool,
        promo: Option<((i128, u32), Option<i64>)>,
        payout_unit: bool,
        rule: Rounding,
        currencies: (&'static str, &'static str),
    }

    fn offer(c: &Case) -> Offer {
        let (send, recv) = c.currencies;
        let rate = |(m, s): (i128, u32)| {
            if c.inverted {
                serde_json::json!({"base": recv, "quote": send, "value": value(m, s)})
            } else {
                serde_json::json!({"base": send, "quote": recv, "value": value(m, s)})
            }
        };
        let dec = |(m, s): (i64, u32)| Decimal::new(m.abs(), s).to_string();
        let mut parts = vec![];
        if c.bands {
            parts.push(serde_json::json!({"to": "100", "fixed": dec(c.fixed)}));
            parts.push(
                serde_json::json!({"from": "100", "to": "5000.5", "fixed": "1", "pct": dec(c.pct)}),
            );
            parts.push(serde_json::json!({"from": "5000.5", "pct": dec(c.pct)}));
        } else {
            parts.push(serde_json::json!({"fixed": dec(c.fixed), "pct": dec(c.pct)}));
        }
        let mut schedule = serde_json::json!({"parts": parts,
            "charging": if c.deducted { "deducted" } else { "on_top" },
            "taxes": [{"name": "T", "pct": dec(c.tax), "base": "fee"},
                      {"name": "U", "pct": dec((c.tax.0 % 7, c.tax.1)), "base": "amount"}]});
        if c.caps {
            schedule["min_fee"] = "2.5".into();
            schedule["max_fee"] = "250".into();
        }
        if let Some(rf) = c.receiving {
            schedule["receiving_fee"] = dec(rf).into();
        }
        if c.payout_unit {
            schedule["payout_unit"] = "5".into();
        }
        let mut offer = serde_json::json!({"send_currency": send, "receive_currency": recv,
            "schedule": schedule, "offered_rate": rate(c.offered), "mid_rate": rate(c.mid)});
        if let Some((promo, cap)) = c.promo {
            let mut p = serde_json::json!({"rate": rate(promo)});
            if let Some(cap) = cap {
                p["rate_up_to"] = Decimal::new(cap.abs(), 1).to_string().into();
            }
            offer["promotion"] = p;
        }
        serde_json::from_value(offer).unwrap_or_else(|e| panic!("{e}"))
    }

    fn rule() -> impl Strategy<Value = Rounding> {
        prop_oneof![
            Just(Rounding::HalfEven),
            Just(Rounding::HalfAwayFromZero),
            Just(Rounding::Up),
            Just(Rounding::Down),
        ]
    }

    /// Rates of every size: ordinary ones (17.2, 655.957) and ones with 20 to 28 digits.
    fn rate() -> impl Strategy<Value = (i128, u32)> {
        prop_oneof![
            (1i128..1_000_000, 0u32..4),
            (1i128..(1 << 90), 0u32..29),
            (1i128 << 80..1 << 95, 0u32..8),
        ]
    }

    fn case() -> impl Strategy<Value = Case> {
        (
            (rate(), rate(), any::<bool>()),
            (
                (0i64..100_000, 0u32..4),
                (0i64..10_000, 0u32..5),
                any::<bool>(),
                any::<bool>(),
            ),
            ((0i64..5_000, 0u32..4), any::<bool>()),
            (
                proptest::option::of((1i64..1_000_000_000, 0u32..6)),
                any::<bool>(),
            ),
            proptest::option::of((rate(), proptest::option::of(0i64..1_000_000))),
            (any::<bool>(), rule()),
            prop_oneof![
                Just(("EUR", "XOF")),
                Just(("JPY", "BHD")),
                Just(("USD", "USD"))
            ],
        )
            .prop_map(
                |(
                    (mid, offered, inverted),
                    (fixed, pct, bands, caps),
                    (tax, deducted),
                    (receiving, include_receiving),
                    promo,
                    (payout_unit, rule),
                    currencies,
                )| {
                    let same = currencies.0 == currencies.1;
                    Case {
                        mid: if same { (1, 0) } else { mid },
                        offered: if same { (1, 0) } else { offered },
                        inverted,
                        fixed,
                        pct,
                        bands,
                        caps,
                        tax,
                        deducted,
                        receiving,
                        include_receiving,
                        promo: if same { None } else { promo },
                        payout_unit: payout_unit && currencies.1 == "XOF",
                        rule,
                        currencies,
                    }
                },
            )
    }

    /// The figures of `a` on the wide path alone, and on the checked `i128` one.
    fn reference(
        offer: &Offer,
        options: &CostOptions,
        a: i128,
    ) -> (Option<Figures>, Option<Figures>) {
        let scale = offer.send_currency.minor_units();
        let amount = Decimal::try_from_i128_with_scale(a, scale).unwrap_or_default();
        let wide = Plan::<I512>::new(offer, options, scale)
            .and_then(|p| p.price(amount, I512::of(a)))
            .ok();
        let checked = Plan::<i128>::new(offer, options, scale)
            .and_then(|p| p.price(amount, a))
            .ok();
        (wide, checked)
    }

    /// Checks `a` on the fast path against the wide one; returns whether it was fast.
    fn check(kernel: &Kernel, offer: &Offer, options: &CostOptions, a: i128) -> bool {
        let fast = kernel.fast_minor(a);
        let (wide, checked) = reference(offer, options, a);
        if let Some(fast) = fast {
            assert_eq!(Some(fast), wide, "fast against wide at {a}");
        }
        // The checked path agrees wherever it does not overflow.
        if let Some(checked) = checked {
            assert_eq!(Some(checked), wide, "checked against wide at {a}");
        }
        fast.is_some()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

        /// At random amounts, at the ends of the fast range and just beyond: the fast path
        /// gives the wide path's figures, and covers every amount of its range that the wide
        /// path prices.
        #[test]
        fn fast_path_equals_the_wide_path(c in case(), picks in proptest::collection::vec(any::<u64>(), 4)) {
            let offer = offer(&c);
            prop_assume!(offer.rates().is_ok());
            let options = CostOptions {
                rounding: c.rule,
                include_receiving_fee: c.include_receiving,
                ..CostOptions::default()
            };
            let kernel = Kernel::new(&offer, &options);
            let Some((lo, hi)) = kernel.fast else {
                return Ok(());
            };
            let mut amounts = vec![lo, hi, hi.saturating_sub(1), hi.saturating_add(1), lo.saturating_add(1)];
            // Both sides of the end of the `i64` path.
            if let Some((small, ..)) = kernel.small {
                amounts.extend([small.saturating_sub(1), small, small.saturating_add(1)]);
            }
            let span = u128::try_from(hi.saturating_sub(lo)).unwrap_or(0).saturating_add(1);
            for p in picks {
                let off = i128::try_from(u128::from(p).checked_rem(span).unwrap_or(0)).unwrap_or(0);
                amounts.push(lo.saturating_add(off));
                // Small amounts too, where bands and caps change.
                amounts.push(lo.saturating_add(off.checked_rem(1_000_000).unwrap_or(0)));
            }
            for a in amounts {
                let fast = check(&kernel, &offer, &options, a);
                let (wide, _) = reference(&offer, &options, a);
                if (lo..=hi).contains(&a) && wide.is_some() {
                    prop_assert!(fast, "{a} in {lo}..={hi} not fast");
                }
                if !(lo..=hi).contains(&a) {
                    prop_assert!(!fast);
                }
            }
        }
    }

    /// A denominator of every size (powers of two and 2^64 − 1 among them).
    fn divisor() -> impl Strategy<Value = u64> {
        prop_oneof![
            2u64..1_000,
            2u64..=u64::MAX,
            (1u32..64).prop_map(|k| 1u64 << k),
            Just(u64::MAX),
            Just(u64::MAX - 1),
            Just((1u64 << 63) + 1),
        ]
    }

    /// A numerator of every size for a divisor `d`: within 64 bits (the reciprocal), on the
    /// ties and next to them, at the ends, and beyond 64 bits (the native division again).
    fn numerator(d: u64) -> impl Strategy<Value = i128> {
        let d = i128::from(d);
        let half = d.checked_div(2).unwrap_or(0);
        // q·d + half + e: a tie when d is even (e = 0), next to one otherwise.
        let near = move |(q, e): (i128, i128)| {
            q.checked_mul(d)
                .and_then(|v| v.checked_add(half))
                .and_then(|v| v.checked_add(e))
                .unwrap_or(0)
        };
        prop_oneof![
            any::<u64>().prop_map(i128::from),
            (0i128..1 << 62, Just(0)).prop_map(near),
            (0i128..1 << 62, -1i128..=1).prop_map(near),
            Just(i128::from(u64::MAX)),
            Just(i128::from(u64::MAX).saturating_add(1)),
            any::<i128>().prop_map(|v| v.wrapping_shr(10)),
        ]
        .prop_flat_map(|v| prop_oneof![Just(v), Just(v.wrapping_neg())])
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 20_000, ..ProptestConfig::default() })]

        /// A constant denominator's reciprocal gives what the native division gives: the same
        /// figure (quotient, tie and rounding) for every rule, every 64-bit divisor and every
        /// numerator the kernel divides.
        #[test]
        fn the_reciprocal_divides_as_the_division(
            (d, n) in divisor().prop_flat_map(|d| (Just(d), numerator(d))),
            rule in rule(),
        ) {
            let d = i128::from(d);
            let ratio = Ratio::new(1, d).map(Ratio::constant);
            prop_assert!(ratio.is_some_and(|r| r.by.is_some()));
            if let Some(ratio) = ratio {
                prop_assert_eq!(ratio.div(n, rule), div(n, d, rule), "{} / {}", n, d);
                // The same for an `i128` numerator, over the constant and over an amount.
                prop_assert_eq!(ratio.at_n(n, rule), div(n, d, rule), "{} / {}", n, d);
                prop_assert_eq!(ratio.over_n(n, 1, rule), div(n, d, rule), "{} / {}", n, d);
            }
        }
    }

    /// The offers and amounts of `benches/side_by_side.py` (its `offer_terms`, `offer_json`
    /// and `amount_text`, the same arithmetic): 1,000 offers in three corridors, two fee
    /// bands (a percentage at 2 places from the edge) and a cap, offered rates at 4 places;
    /// 1,000 amounts from 10.00 to 2,999.99, in cents.
    // Test arithmetic on small known sizes.
    #[allow(clippy::arithmetic_side_effects)]
    fn side_by_side() -> (Vec<Offer>, Vec<i128>) {
        let corridors = [
            ("EUR", "XOF", "655.957"),
            ("GBP", "INR", "105.1234"),
            ("USD", "MXN", "17.2345"),
        ];
        let offers = (0..1000i64)
            .map(|i| {
                let (send, recv, mid) = corridors[usize::try_from(i % 3).unwrap_or(0)];
                let mid_d: Decimal = mid.parse().unwrap_or_default();
                let under = Decimal::ONE - Decimal::new(20 + (i * 37) % 390, 4);
                let offered = (mid_d * under).round_dp_with_strategy(
                    4,
                    rust_decimal::RoundingStrategy::MidpointNearestEven,
                );
                let edge = (100 + 50 * (i % 5)).to_string();
                let json = serde_json::json!({
                    "send_currency": send, "receive_currency": recv,
                    "schedule": {
                        "parts": [{"to": edge, "fixed": format!("{}.{:02}", 1 + i % 4, (i * 7) % 100)},
                                  {"from": edge, "fixed": format!("{}.{:02}", 2 + i % 6, (i * 13) % 100),
                                   "pct": format!("0.{}{}", (i * 3) % 10, i % 10)}],
                        "max_fee": (15 + i % 20).to_string(),
                    },
                    "offered_rate": {"base": send, "quote": recv, "value": offered.to_string()},
                    "mid_rate": {"base": send, "quote": recv, "value": mid},
                });
                serde_json::from_value(json).unwrap_or_else(|e| panic!("{e}"))
            })
            .collect();
        let amounts = (0..1000i128)
            .map(|j| 1000 + (j * 29_989) % 299_000)
            .collect();
        (offers, amounts)
    }

    /// How far the `i64` path reaches on the side-by-side data: the quotes within their
    /// offer's `i64` bound (the rest take the `i128` path), and the fast figures of a sample
    /// of them equal to the wide path's.
    #[test]
    fn the_i64_path_covers_the_side_by_side_quotes() {
        let (offers, amounts) = side_by_side();
        let options = CostOptions::default();
        let (mut within, mut bounds) = (0usize, vec![]);
        for (i, offer) in offers.iter().enumerate() {
            let kernel = Kernel::new(offer, &options);
            let small = kernel.small.as_ref().map_or(0, |(small, ..)| *small);
            bounds.push(small);
            within += amounts.iter().filter(|a| **a <= small).count();
            if i % 50 == 0 {
                for a in amounts
                    .iter()
                    .step_by(97)
                    .chain([&small, &small.saturating_add(1)])
                {
                    assert!(check(&kernel, offer, &options, *a), "offer {i} at {a}");
                }
            }
        }
        bounds.sort_unstable();
        let (lo, median, hi) = (
            bounds[0],
            bounds[bounds.len() / 2],
            bounds[bounds.len() - 1],
        );
        println!("side by side: {within} of 1,000,000 quotes within the i64 bound; bounds (cents) {lo} .. {median} (median) .. {hi}");
        // 647,874 while the fx and total cost numerators were `i64` values; at the bounds
        // they now pass 64 bits (computed on `i64`, both tests of this module fail).
        assert_eq!(within, 1_000_000);
    }

    /// The bound is what keeps wrapping arithmetic exact: for an offer of extreme numbers it
    /// is low, the amount just above it takes the checked path and gets the wide figures.
    #[test]
    fn the_bound_of_an_extreme_offer() {
        let c = Case {
            mid: (1_234_567_890_123_456, 7),
            offered: (1_234_567_890_123_400, 7),
            inverted: false,
            fixed: (499, 2),
            pct: (15, 1),
            bands: true,
            caps: false,
            tax: (20, 0),
            deducted: false,
            receiving: Some((12_345, 0)),
            include_receiving: true,
            promo: None,
            payout_unit: false,
            rule: Rounding::HalfEven,
            currencies: ("EUR", "XOF"),
        };
        let offer = offer(&c);
        let options = CostOptions::default();
        let kernel = Kernel::new(&offer, &options);
        let (lo, hi) = kernel.fast.unwrap_or((0, 0));
        assert_eq!(lo, 1);
        assert!(hi > 1 && hi < 1 << 50, "{hi}");
        let small = kernel.small.as_ref().map_or(lo, |(small, ..)| *small);
        for a in [lo, hi / 2, hi - 1, hi, small, small + 1] {
            assert!(check(&kernel, &offer, &options, a), "{a}");
        }
        assert!(!check(&kernel, &offer, &options, hi + 1));
        // Beyond the bound the pricer still prices, exactly, through the checked paths.
        let pricer = crate::Pricer::new(&offer, &options);
        let beyond = i64::try_from(hi + 1).unwrap_or(0);
        let (wide, _) = reference(&offer, &options, hi + 1);
        assert_eq!(pricer.figures_minor(beyond).ok(), wide);
        // An ordinary offer's bound is far beyond any amount (here 10^13 EUR in cents).
        let ordinary = Case {
            mid: (655_957, 3),
            offered: (645, 0),
            ..c
        };
        let offer = super::tests::offer(&ordinary);
        let kernel = Kernel::new(&offer, &options);
        assert!(kernel.fast.is_some_and(|(_, hi)| hi > 10i128.pow(15)));
        // Its everyday amounts (here beyond 100,000 EUR, at a fee's scale of 7 places) take
        // the `i64` path.
        assert!(kernel
            .small
            .is_some_and(|(small, ..)| small > 10i128.pow(7)));
    }
}
