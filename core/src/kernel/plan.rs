//! One offer made ready for the kernel: every decimal of its schedule brought to the scale the
//! formulas need, its rates as exact fractions (a rate quoted the other way round is
//! `10^s / m`, never a quotient cut to 28 digits), and the denominators of the figures
//! multiplied out once.
//!
//! Scales: the amount `A` is an integer `a` at scale `sa`. The transfer fee is exact at scale
//! `k1` (a fixed part, `A × pct / 100`, a band edge, a cap all are); the taxes at `k2` (the
//! fee times a percentage, the amount times one). Amount exchanged and total paid are at `k2`.
//! Rates are fractions `p / q`; what the recipient gets (before the receiving fee) is
//! `conv / (10^k2 · cd)` with `cd` the product of the offered and promotional rates' `q`.

use super::int::{gcd, pow10, Int};
use super::{round, Halt, Step};
use crate::fee::Charging;
use crate::fx::Rate;
use crate::money::Rounding;
use crate::quote::{CostOptions, Offer};
use crate::Currency;
use rust_decimal::Decimal;

/// A fee part at the kernel's scales: applies to `from <= a·to_k1 < to`, adds
/// `fixed + a·per_unit` (scale `k1`).
#[derive(Debug, Clone)]
pub(crate) struct Part<I> {
    pub from: Option<I>,
    pub to: Option<I>,
    pub fixed: I,
    pub per_unit: I,
}

/// The promotional rate: `promo` (its `p` times the offered `q`) applies to the exchanged
/// amount up to `cap` (scale `k2`; all of it when `None`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Promo<I> {
    pub coef: I,
    pub cap: Option<I>,
}

/// Everything about an offer's pricing that does not depend on the amount, as integers.
#[derive(Debug, Clone)]
pub(crate) struct Plan<I> {
    pub rounding: Rounding,
    /// 10^(k1 − sa), 10^(k2 − sa), 10^(k2 − k1).
    pub a_to_k1: I,
    pub a_to_k2: I,
    pub k1_to_k2: I,
    pub parts: Vec<Part<I>>,
    pub min_fee: Option<I>,
    pub max_fee: Option<I>,
    pub waived: bool,
    /// Tax at `k2` = fee (at `k1`) × `tax_on_fee` + a × `tax_on_amount`.
    pub tax_on_fee: I,
    pub tax_on_amount: I,
    pub deducted: bool,
    /// `conv = E·offered` (no promotion) or `P·promo + (E − P)·offered`.
    pub offered: I,
    pub promo: Option<Promo<I>>,
    /// The mid rate's `p` and `q`.
    pub qm: I,
    /// 10^srf (the receiving fee's scale) and the receiving fee in units of conv
    /// (`rf·10^k2·cd`): `G = (conv·p10_srf − rf_conv) / gd`.
    pub p10_srf: I,
    pub rf_conv: I,
    /// The same for the receiving fee as counted in the sender's cost (0 when left out).
    pub rfi_conv: I,
    pub gd: I,
    /// The receiving fee counted: `rfi / fee_d` in the send currency, and the sender's
    /// charges `(F + T)·p10srf_pm + rfi_fee` over `fee_d` make the fee.
    pub rfi_fee: I,
    pub fee_d: I,
    pub p10srf_pm: I,
    /// `cd·pm`: fx cost = `(E·cd_pm − conv·qm) / xd`, `xd = 10^k2·cd·pm`.
    pub cd_pm: I,
    pub xd: I,
    /// Total cost = `((F+T+E)·c_coef − H·qm) / c_d`, H = conv·p10_srf − rfi_conv.
    pub c_coef: I,
    pub c_d: I,
    /// 100·10^sa, 10^k1, 10^k2, 10^sa, 100.
    pub pct_a: I,
    pub p10_k1: I,
    pub p10_k2: I,
    pub p10_sa: I,
    pub hundred: I,
    /// 10^places of the reported figures: send money, receive money, percentages, rate.
    pub send_unit: I,
    pub recv_unit: I,
    pub pct_unit: I,
    pub rate_unit: I,
    /// The payout unit in receive minor units.
    pub payout_unit: Option<I>,
    /// The figures that do not depend on the amount, worked out once: the exchange margin
    /// (one rate: `(cd·pm − offered·qm)·100 / (cd·pm)`, the amount cancels) and the receiving
    /// fee counted. `None` where they depend on the amount (a promotional rate) or overflowed
    /// here (each quote then works them out, and meets the same overflow).
    pub margin: Option<i128>,
    pub receiving: Option<i128>,
}

fn int<I: Int>(v: Option<I>) -> Step<I> {
    v.ok_or(Halt::Overflow("pricing"))
}

/// `value` as an integer at scale `k` (at least its own scale, trailing zeros dropped).
fn at<I: Int>(value: Decimal, k: u32) -> Step<I> {
    let v = value.normalize();
    let up = int(k.checked_sub(v.scale()).and_then(pow10::<I>))?;
    int(I::of(v.mantissa()).mul(up))
}

/// A rate turned send → receive as a reduced fraction `(p, q)`, exact.
fn fraction(rate: Option<&Rate>, send: Currency, recv: Currency) -> Step<(i128, i128)> {
    let Some(rate) = rate else {
        return Ok((1, 1)); // same currency (checked by `Offer::rates`)
    };
    let value = rate.value().normalize();
    let (m, p10) = (value.mantissa(), int(pow10::<i128>(value.scale()))?);
    let (p, q) = if rate.base() == send && rate.quote() == recv {
        (m, p10)
    } else {
        (p10, m)
    };
    let g = gcd(p, q);
    Ok((int(p.checked_div(g))?, int(q.checked_div(g))?))
}

fn scale_of(value: Decimal) -> u32 {
    value.normalize().scale()
}

fn max_scale(scales: impl IntoIterator<Item = u32>) -> u32 {
    scales.into_iter().max().unwrap_or(0)
}

impl<I: Int> Plan<I> {
    /// The plan of `offer` (its rates already checked by [`Offer::rates`]) for amounts at
    /// scale `sa`.
    pub(crate) fn new(offer: &Offer, options: &CostOptions, sa: u32) -> Step<Plan<I>> {
        let s = &offer.schedule;
        let (send, recv) = (offer.send_currency, offer.receive_currency);
        let (tax_fee, tax_amount) = s.tax_rates(offer.funding.as_deref()).map_err(Halt::Error)?;
        let (tax_fee, tax_amount) = (tax_fee.normalize(), tax_amount.normalize());
        let pct_scale = |pct: Decimal| {
            if pct.is_zero() {
                0
            } else {
                sa.saturating_add(scale_of(pct)).saturating_add(2)
            }
        };
        let k1 = max_scale(
            s.parts
                .iter()
                .flat_map(|p| {
                    [
                        scale_of(p.fixed),
                        pct_scale(p.pct),
                        p.from.map_or(0, scale_of),
                        p.to.map_or(0, scale_of),
                    ]
                })
                .chain([
                    sa,
                    s.min_fee.map_or(0, scale_of),
                    s.max_fee.map_or(0, scale_of),
                ]),
        );
        let promo = offer.promotion.as_ref().filter(|p| p.rate.is_some());
        let cap = promo.and_then(|p| p.rate_up_to);
        let k2 = max_scale([
            k1,
            if tax_fee.is_zero() {
                0
            } else {
                k1.saturating_add(tax_fee.scale()).saturating_add(2)
            },
            pct_scale(tax_amount),
            cap.map_or(0, scale_of),
        ]);
        let p10 = |k: u32| int(pow10::<I>(k));
        let diff = |hi: u32, lo: u32| int(hi.checked_sub(lo).and_then(pow10::<I>));
        let parts = s
            .parts
            .iter()
            .map(|p| {
                Ok(Part {
                    from: p.from.map(|v| at(v, k1)).transpose()?,
                    to: p.to.map(|v| at(v, k1)).transpose()?,
                    fixed: at(p.fixed, k1)?,
                    per_unit: if p.pct.is_zero() {
                        I::of(0)
                    } else {
                        let pct = p.pct.normalize();
                        int(I::of(pct.mantissa()).mul(diff(k1, pct_scale(pct))?))?
                    },
                })
            })
            .collect::<Step<Vec<_>>>()?;
        let tax_on_fee = if tax_fee.is_zero() {
            I::of(0)
        } else {
            let k = k1.saturating_add(tax_fee.scale()).saturating_add(2);
            int(I::of(tax_fee.mantissa()).mul(diff(k2, k)?))?
        };
        let tax_on_amount = if tax_amount.is_zero() {
            I::of(0)
        } else {
            int(I::of(tax_amount.mantissa()).mul(diff(k2, pct_scale(tax_amount))?))?
        };
        let (po, qo) = fraction(offer.offered_rate.as_ref(), send, recv)?;
        let (pm, qm) = fraction(offer.mid_rate.as_ref(), send, recv)?;
        let promo_rate = promo
            .and_then(|p| p.rate.as_ref())
            .map(|r| fraction(Some(r), send, recv))
            .transpose()?;
        let (po, qo, pm, qm) = (I::of(po), I::of(qo), I::of(pm), I::of(qm));
        let (offered, promo, cd) = match promo_rate {
            None => (po, None, qo),
            Some((pr, qr)) => {
                let (pr, qr) = (I::of(pr), I::of(qr));
                let promo = Promo {
                    coef: int(pr.mul(qo))?,
                    cap: cap.map(|c| at(c, k2)).transpose()?,
                };
                (int(po.mul(qr))?, Some(promo), int(qo.mul(qr))?)
            }
        };
        let rf = s.receiving_fee.unwrap_or(Decimal::ZERO).normalize();
        let srf = rf.scale();
        let p10_k2 = p10(k2)?;
        let rf_conv = int(I::of(rf.mantissa()).mul(p10_k2).and_then(|v| v.mul(cd)))?;
        let rfi = if options.include_receiving_fee {
            rf.mantissa()
        } else {
            0
        };
        let p10_srf = p10(srf)?;
        let p10srf_pm = int(p10_srf.mul(pm))?;
        let cd_pm = int(cd.mul(pm))?;
        let payout_unit = s
            .payout_unit
            .map(|u| at(u, recv.minor_units()))
            .transpose()?;
        let mut plan = Plan {
            rounding: options.rounding,
            a_to_k1: diff(k1, sa)?,
            a_to_k2: diff(k2, sa)?,
            k1_to_k2: diff(k2, k1)?,
            parts,
            min_fee: s.min_fee.map(|v| at(v, k1)).transpose()?,
            max_fee: s.max_fee.map(|v| at(v, k1)).transpose()?,
            waived: offer.fee_waived(options),
            tax_on_fee,
            tax_on_amount,
            deducted: s.charging == Charging::Deducted,
            offered,
            promo,
            qm,
            p10_srf,
            rf_conv,
            rfi_conv: int(I::of(rfi).mul(p10_k2).and_then(|v| v.mul(cd)))?,
            gd: int(p10_k2.mul(p10_srf).and_then(|v| v.mul(cd)))?,
            rfi_fee: int(I::of(rfi).mul(qm).and_then(|v| v.mul(p10_k2)))?,
            fee_d: int(p10_k2.mul(p10srf_pm))?,
            p10srf_pm,
            cd_pm,
            xd: int(p10_k2.mul(cd_pm))?,
            c_coef: int(p10_srf.mul(cd_pm))?,
            c_d: int(p10_k2.mul(p10_srf).and_then(|v| v.mul(cd_pm)))?,
            pct_a: int(p10(sa)?.mul(I::of(100)))?,
            p10_k1: p10(k1)?,
            p10_k2,
            p10_sa: p10(sa)?,
            hundred: I::of(100),
            send_unit: p10(send.minor_units())?,
            recv_unit: p10(recv.minor_units())?,
            pct_unit: p10(crate::money::PCT_DECIMALS)?,
            rate_unit: p10(crate::quote::RATE_DECIMALS)?,
            payout_unit,
            margin: None,
            receiving: None,
        };
        let rule = plan.rounding;
        plan.receiving = round(plan.rfi_fee, plan.fee_d, plan.send_unit, rule, "fee").ok();
        if plan.promo.is_none() {
            plan.margin = plan
                .offered
                .mul(plan.qm)
                .and_then(|c| plan.cd_pm.sub(c))
                .and_then(|n| n.mul(plan.hundred))
                .and_then(|n| round(n, plan.cd_pm, plan.pct_unit, rule, "exchange margin").ok());
        }
        Ok(plan)
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Plan<i128> {
    /// This plan on the narrower integer `W` (every integer of it converted), if each fits:
    /// the fast path on `i64` (see [`super::fast`]).
    pub(crate) fn narrow<W: TryFrom<i128>>(&self) -> Option<Plan<W>> {
        let w = |v: i128| W::try_from(v).ok();
        let maybe = |v: Option<i128>| match v {
            None => Some(None),
            Some(v) => w(v).map(Some),
        };
        let parts = self
            .parts
            .iter()
            .map(|p| {
                Some(Part {
                    from: maybe(p.from)?,
                    to: maybe(p.to)?,
                    fixed: w(p.fixed)?,
                    per_unit: w(p.per_unit)?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let promo = match self.promo {
            None => None,
            Some(p) => Some(Promo {
                coef: w(p.coef)?,
                cap: maybe(p.cap)?,
            }),
        };
        Some(Plan {
            rounding: self.rounding,
            a_to_k1: w(self.a_to_k1)?,
            a_to_k2: w(self.a_to_k2)?,
            k1_to_k2: w(self.k1_to_k2)?,
            parts,
            min_fee: maybe(self.min_fee)?,
            max_fee: maybe(self.max_fee)?,
            waived: self.waived,
            tax_on_fee: w(self.tax_on_fee)?,
            tax_on_amount: w(self.tax_on_amount)?,
            deducted: self.deducted,
            offered: w(self.offered)?,
            promo,
            qm: w(self.qm)?,
            p10_srf: w(self.p10_srf)?,
            rf_conv: w(self.rf_conv)?,
            rfi_conv: w(self.rfi_conv)?,
            gd: w(self.gd)?,
            rfi_fee: w(self.rfi_fee)?,
            fee_d: w(self.fee_d)?,
            p10srf_pm: w(self.p10srf_pm)?,
            cd_pm: w(self.cd_pm)?,
            xd: w(self.xd)?,
            c_coef: w(self.c_coef)?,
            c_d: w(self.c_d)?,
            pct_a: w(self.pct_a)?,
            p10_k1: w(self.p10_k1)?,
            p10_k2: w(self.p10_k2)?,
            p10_sa: w(self.p10_sa)?,
            hundred: w(self.hundred)?,
            send_unit: w(self.send_unit)?,
            recv_unit: w(self.recv_unit)?,
            pct_unit: w(self.pct_unit)?,
            rate_unit: w(self.rate_unit)?,
            payout_unit: maybe(self.payout_unit)?,
            margin: self.margin,
            receiving: self.receiving,
        })
    }
}
