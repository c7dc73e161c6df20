//! Fee schedules as providers publish them: fixed and percentage parts in amount bands,
//! minimum and maximum fee, a receiving fee, taxes, and whether the fee is added on top of the
//! amount sent or deducted from it.

use crate::decimal::{self, HUNDRED};
use crate::error::{Error, Result};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A provider's fee schedule for one service, in the send currency (but the receiving fee).
///
/// The transfer fee for an amount `A` is the sum of the [`FeePart`]s whose band contains `A`,
/// then held between `min_fee` and `max_fee`. Taxes are added on top of it (base `fee`) or on
/// the amount (base `amount`). The receiving fee is charged to the recipient in the receive
/// currency. A schedule is data; its JSON form (every field but `parts` optional, decimals as
/// strings):
///
/// ```json
/// {
///   "parts": [
///     { "to": "100", "fixed": "3.00" },
///     { "from": "100", "to": "500", "fixed": "5.00" },
///     { "from": "500", "pct": "1" }
///   ],
///   "min_fee": "2.00",
///   "max_fee": "25.00",
///   "receiving_fee": "500",
///   "taxes": [ { "name": "VAT", "pct": "5", "base": "fee" } ],
///   "charging": "on_top",
///   "min_amount": "10",
///   "max_amount": "5000",
///   "payout_unit": "5"
/// }
/// ```
///
/// ```
/// use remitcost::FeeSchedule;
/// use rust_decimal::Decimal;
/// let tiered: FeeSchedule = serde_json::from_str(r#"{"parts": [
///     {"to": "100", "fixed": "3.00"},
///     {"from": "100", "to": "500", "fixed": "5.00"},
///     {"from": "500", "pct": "1"}]}"#).unwrap();
/// let fee = |a: i64| tiered.fee(Decimal::from(a), None).unwrap().transfer_fee;
/// assert_eq!(fee(99), Decimal::from(3));
/// assert_eq!(fee(100), Decimal::from(5));
/// assert_eq!(fee(800), Decimal::from(8));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeeSchedule {
    /// The parts summed into the transfer fee.
    #[serde(default)]
    pub parts: Vec<FeePart>,
    /// The smallest transfer fee charged (before taxes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::decimal::de::option")]
    pub min_fee: Option<Decimal>,
    /// The largest transfer fee charged (before taxes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::decimal::de::option")]
    pub max_fee: Option<Decimal>,
    /// A fee the recipient pays, in the receive currency, taken from the amount paid out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::decimal::de::option")]
    pub receiving_fee: Option<Decimal>,
    /// Taxes charged to the sender.
    #[serde(default)]
    pub taxes: Vec<Tax>,
    /// Whether the sender pays fee and taxes on top of the amount, or they are deducted from it.
    #[serde(default)]
    pub charging: Charging,
    /// The smallest amount the service accepts (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::decimal::de::option")]
    pub min_amount: Option<Decimal>,
    /// The largest amount the service accepts (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::decimal::de::option")]
    pub max_amount: Option<Decimal>,
    /// Cash payouts in notes only: the amount paid out is rounded down to a multiple of this
    /// (receive currency), after rounding to minor units — e.g. `"5"` pays 128000 XOF as
    /// 128000 and 127998 as 127995.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::decimal::de::option")]
    pub payout_unit: Option<Decimal>,
}

/// One part of a fee: `fixed + amount × pct / 100`, applying to amounts in `[from, to)` (an
/// open end when absent). Tiered schedules are parts with bands.
///
/// ```
/// use remitcost::FeePart;
/// let part: FeePart = serde_json::from_str(r#"{"from": "500", "fixed": "1", "pct": "0.5"}"#).unwrap();
/// assert!(!part.applies_to("499.99".parse().unwrap()));
/// assert_eq!(part.fee("1000".parse().unwrap()).unwrap().to_string(), "6.000");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeePart {
    /// Lower end of the band, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::decimal::de::option")]
    pub from: Option<Decimal>,
    /// Upper end of the band, exclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::decimal::de::option")]
    pub to: Option<Decimal>,
    /// A fixed amount, in the send currency.
    #[serde(default)]
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub fixed: Decimal,
    /// A percentage of the amount sent (`1.5` is 1.5%).
    #[serde(default)]
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub pct: Decimal,
}

/// A tax charged to the sender: `pct` percent of its base.
///
/// `only_funding` limits it to transfers funded by one method (the US 1% remittance transfer
/// tax applies to cash-funded transfers only: `"only_funding": "cash"`); the match ignores case.
///
/// ```
/// use remitcost::{Tax, TaxBase};
/// let vat: Tax = serde_json::from_str(r#"{"name": "VAT", "pct": "5", "base": "fee"}"#).unwrap();
/// assert_eq!(vat.base, TaxBase::Fee);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tax {
    /// A label, e.g. `VAT` or `excise duty`.
    #[serde(default)]
    pub name: String,
    /// The rate, in percent.
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub pct: Decimal,
    /// What the rate applies to.
    pub base: TaxBase,
    /// The funding method it is limited to, if any (`cash`, `card`, `bank_account`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub only_funding: Option<String>,
}

/// What a [`Tax`] is a percentage of.
///
/// ```
/// let base: remitcost::TaxBase = serde_json::from_str("\"amount\"").unwrap();
/// assert_eq!(base, remitcost::TaxBase::Amount);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaxBase {
    /// The transfer fee, after the minimum and maximum (VAT or excise on fees).
    Fee,
    /// The amount sent.
    Amount,
}

/// How the sender pays fee and taxes.
///
/// ```
/// assert_eq!(remitcost::Charging::default(), remitcost::Charging::OnTop);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Charging {
    /// The sender pays amount + fee + taxes; the whole amount is exchanged. The default.
    #[default]
    OnTop,
    /// The sender pays the amount; fee and taxes are taken out before the exchange.
    Deducted,
}

/// The sender's charges for one amount, exact (unrounded), in the send currency.
///
/// ```
/// use remitcost::FeeSchedule;
/// let s: FeeSchedule = serde_json::from_str(r#"{"parts": [{"fixed": "10"}],
///     "taxes": [{"name": "excise", "pct": "15", "base": "fee"}]}"#).unwrap();
/// let f = s.fee("200".parse().unwrap(), None).unwrap();
/// assert_eq!((f.transfer_fee.to_string(), f.tax.to_string()), ("10".into(), "1.50".into()));
/// assert_eq!(f.total().unwrap().to_string(), "11.50");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Charges {
    /// The transfer fee: the parts, held between the minimum and maximum.
    pub transfer_fee: Decimal,
    /// Taxes on the fee and on the amount.
    pub tax: Decimal,
}

impl Charges {
    /// Transfer fee plus taxes.
    pub fn total(&self) -> Result<Decimal> {
        decimal::add(self.transfer_fee, self.tax, "charges")
    }
}

impl FeePart {
    /// Whether the part applies to `amount` (`from <= amount < to`).
    pub fn applies_to(&self, amount: Decimal) -> bool {
        self.from.is_none_or(|from| amount >= from) && self.to.is_none_or(|to| amount < to)
    }

    /// `fixed + amount × pct / 100`, whether or not the band applies.
    pub fn fee(&self, amount: Decimal) -> Result<Decimal> {
        let variable = decimal::apply_pct(amount, self.pct, "percentage fee")?;
        decimal::add(self.fixed, variable, "fee part")
    }
}

/// The fee as a linear function `fixed + amount × rate` (rate as a fraction) over a range of
/// amounts where the same parts apply and the same cap (if any) is active.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Linear {
    pub fixed: Decimal,
    pub rate: Decimal,
}

impl FeeSchedule {
    /// Checks the schedule: no negative fee, rate or amount; bands with `from < to`;
    /// `min_fee <= max_fee`; `min_amount <= max_amount`.
    ///
    /// ```
    /// let bad: remitcost::FeeSchedule = serde_json::from_str(r#"{"min_fee": "5", "max_fee": "1"}"#).unwrap();
    /// assert_eq!(bad.validate().unwrap_err().code(), "invalid_schedule");
    /// ```
    pub fn validate(&self) -> Result<()> {
        fn not_negative(what: &str, value: Option<Decimal>) -> Result<()> {
            match value {
                Some(v) if v.is_sign_negative() && !v.is_zero() => {
                    Err(Error::InvalidSchedule(format!("negative {what} {v}")))
                }
                _ => Ok(()),
            }
        }
        fn ordered(what: &str, low: Option<Decimal>, high: Option<Decimal>) -> Result<()> {
            match (low, high) {
                (Some(low), Some(high)) if low > high => Err(Error::InvalidSchedule(format!(
                    "minimum {what} {low} above maximum {what} {high}"
                ))),
                _ => Ok(()),
            }
        }
        for part in &self.parts {
            not_negative("fixed fee", Some(part.fixed))?;
            not_negative("fee percentage", Some(part.pct))?;
            not_negative("band start", part.from)?;
            if let (Some(from), Some(to)) = (part.from, part.to) {
                if from >= to {
                    return Err(Error::InvalidSchedule(format!("empty band [{from}, {to})")));
                }
            }
        }
        if let Some(unit) = self.payout_unit.filter(|u| *u <= Decimal::ZERO) {
            return Err(Error::InvalidSchedule(format!(
                "payout unit {unit} is not positive"
            )));
        }
        not_negative("minimum fee", self.min_fee)?;
        not_negative("maximum fee", self.max_fee)?;
        not_negative("receiving fee", self.receiving_fee)?;
        not_negative("minimum amount", self.min_amount)?;
        not_negative("maximum amount", self.max_amount)?;
        for tax in &self.taxes {
            not_negative("tax percentage", Some(tax.pct))?;
        }
        ordered("fee", self.min_fee, self.max_fee)?;
        ordered("amount", self.min_amount, self.max_amount)
    }

    /// Whether the service accepts `amount` (inside `[min_amount, max_amount]`).
    pub fn check_amount(&self, amount: Decimal) -> Result<()> {
        let below = self.min_amount.is_some_and(|min| amount < min);
        let above = self.max_amount.is_some_and(|max| amount > max);
        if below || above {
            return Err(Error::AmountOutOfRange {
                amount: amount.to_string(),
                min: self.min_amount.unwrap_or(Decimal::ZERO).to_string(),
                max: self
                    .max_amount
                    .map_or_else(|| "none".to_string(), |m| m.to_string()),
            });
        }
        Ok(())
    }

    /// The transfer fee (parts, then caps) for `amount`, unrounded.
    pub fn transfer_fee(&self, amount: Decimal) -> Result<Decimal> {
        let parts = self.parts.iter().filter(|p| p.applies_to(amount));
        let raw = parts
            .map(|p| p.fee(amount))
            .try_fold(Decimal::ZERO, |acc, fee| {
                decimal::add(acc, fee?, "transfer fee")
            })?;
        Ok(self.clamp(raw))
    }

    fn clamp(&self, fee: Decimal) -> Decimal {
        let fee = self.min_fee.map_or(fee, |min| fee.max(min));
        self.max_fee.map_or(fee, |max| fee.min(max))
    }

    /// The sender's charges for `amount`, with the taxes that apply to `funding` (a tax limited
    /// to a funding method does not apply when the funding is unknown).
    pub fn fee(&self, amount: Decimal, funding: Option<&str>) -> Result<Charges> {
        self.charges(amount, funding, false)
    }

    /// The sender's charges, with the transfer fee (and so the tax on it) waived if `waived`.
    pub(crate) fn charges(
        &self,
        amount: Decimal,
        funding: Option<&str>,
        waived: bool,
    ) -> Result<Charges> {
        self.charges_with(amount, waived, &self.tax_rates(funding))
    }

    /// [`FeeSchedule::charges`] with the tax rates (from [`FeeSchedule::tax_rates`]) worked
    /// out already, as a pricer of many amounts does once; their error, if any, is raised
    /// where `charges` raises it.
    pub(crate) fn charges_with(
        &self,
        amount: Decimal,
        waived: bool,
        tax_rates: &Result<(Decimal, Decimal)>,
    ) -> Result<Charges> {
        let transfer_fee = if waived {
            Decimal::ZERO
        } else {
            self.transfer_fee(amount)?
        };
        let (on_fee, on_amount) = tax_rates.clone()?;
        let tax = decimal::add(
            decimal::apply_pct(transfer_fee, on_fee, "tax on fee")?,
            decimal::apply_pct(amount, on_amount, "tax on amount")?,
            "tax",
        )?;
        Ok(Charges { transfer_fee, tax })
    }

    /// Total tax percentages that apply: (on the fee, on the amount).
    pub(crate) fn tax_rates(&self, funding: Option<&str>) -> Result<(Decimal, Decimal)> {
        let mut on_fee = Decimal::ZERO;
        let mut on_amount = Decimal::ZERO;
        for tax in self.taxes.iter().filter(|t| t.applies_to(funding)) {
            let total = match tax.base {
                TaxBase::Fee => &mut on_fee,
                TaxBase::Amount => &mut on_amount,
            };
            *total = decimal::add(*total, tax.pct, "tax rates")?;
        }
        Ok((on_fee, on_amount))
    }

    /// The amounts where the fee function can change form: band edges and amount limits, in
    /// order, without duplicates. Between two consecutive edges the same parts apply.
    pub(crate) fn band_edges(&self) -> Vec<Decimal> {
        let mut edges: Vec<Decimal> = self
            .parts
            .iter()
            .flat_map(|p| [p.from, p.to])
            .chain([self.min_amount, self.max_amount])
            .flatten()
            .collect();
        crate::sort::sort_by(&mut edges, Decimal::cmp);
        edges.dedup();
        edges
    }

    /// The uncapped fee as a linear function at each of `bounds` (ascending), for a validated
    /// schedule (every band has `from < to`). One sweep over the band starts and ends: a part
    /// joins the sums at its `from` and leaves at its `to`, so n bands cost O(n log n) rather
    /// than a scan of every part at every bound (quadratic: minutes for 100,000 bands).
    pub(crate) fn linear_at_each(&self, bounds: &[Decimal]) -> Result<Vec<Linear>> {
        let mut fixed = Decimal::ZERO;
        let mut pct = Decimal::ZERO;
        let mut starts: Vec<(Decimal, &FeePart)> = Vec::new();
        let mut ends: Vec<(Decimal, &FeePart)> = Vec::new();
        for part in &self.parts {
            match part.from {
                Some(from) => starts.push((from, part)),
                None => {
                    fixed = decimal::add(fixed, part.fixed, "fee parts")?;
                    pct = decimal::add(pct, part.pct, "fee parts")?;
                }
            }
            if let Some(to) = part.to {
                ends.push((to, part));
            }
        }
        crate::sort::sort_by(&mut starts, |a, b| a.0.cmp(&b.0));
        crate::sort::sort_by(&mut ends, |a, b| a.0.cmp(&b.0));
        let (mut starts, mut ends) = (starts.into_iter().peekable(), ends.into_iter().peekable());
        let mut out = Vec::with_capacity(bounds.len());
        let mut last: Option<Decimal> = None;
        for &bound in bounds {
            // A part applies at `bound` when from <= bound < to. Parts that end leave before
            // new ones join (so the sums stay within the fees that apply together); a part
            // that started and ended since the last bound never joined.
            while let Some((_, part)) = ends.next_if(|(to, _)| *to <= bound) {
                if part.from.is_none_or(|from| last.is_some_and(|l| from <= l)) {
                    fixed = decimal::sub(fixed, part.fixed, "fee parts")?;
                    pct = decimal::sub(pct, part.pct, "fee parts")?;
                }
            }
            while let Some((_, part)) = starts.next_if(|(from, _)| *from <= bound) {
                if part.to.is_none_or(|to| to > bound) {
                    fixed = decimal::add(fixed, part.fixed, "fee parts")?;
                    pct = decimal::add(pct, part.pct, "fee parts")?;
                }
            }
            last = Some(bound);
            out.push(Linear {
                fixed,
                rate: decimal::div(pct, HUNDRED, "fee parts")?,
            });
        }
        Ok(out)
    }
}

impl Tax {
    /// Whether the tax applies to a transfer funded by `funding`.
    ///
    /// ```
    /// let t: remitcost::Tax = serde_json::from_str(
    ///     r#"{"name": "US remittance tax", "pct": "1", "base": "amount", "only_funding": "cash"}"#).unwrap();
    /// assert!(t.applies_to(Some("Cash")));
    /// assert!(!t.applies_to(Some("bank_account")));
    /// assert!(!t.applies_to(None));
    /// ```
    pub fn applies_to(&self, funding: Option<&str>) -> bool {
        match (&self.only_funding, funding) {
            (None, _) => true,
            (Some(only), Some(f)) => only.trim().eq_ignore_ascii_case(f.trim()),
            (Some(_), None) => false,
        }
    }
}
