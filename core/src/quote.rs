//! An offer (one provider's price list in one corridor) and what a transfer under it costs.

use crate::currency::Currency;
use crate::decimal;
use crate::error::{Error, Result};
use crate::fee::FeeSchedule;
use crate::fx::Rate;
use crate::money::Rounding;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Decimal places of a reported effective rate.
pub const RATE_DECIMALS: u32 = 6;

/// One provider's offer in one corridor: its fee schedule, the exchange rate it offers and the
/// reference (mid-market) rate observed at the same time.
///
/// Rates may be given in either direction (`EUR/XOF` or `XOF/EUR`); they are turned to
/// send → receive before use. For a same-currency transfer both rates may be left out.
/// `provider`, `firm_type`, `speed`, `funding` and `payout` are labels carried into rankings; `funding`
/// also selects taxes limited to a funding method.
///
/// ```
/// use remitcost::{CostOptions, Offer};
/// let offer: Offer = serde_json::from_str(r#"{
///   "provider": "Example MTO",
///   "send_currency": "EUR", "receive_currency": "XOF",
///   "schedule": {"parts": [{"fixed": "4.90"}]},
///   "offered_rate": {"base": "EUR", "quote": "XOF", "value": "645.00"},
///   "mid_rate": {"base": "EUR", "quote": "XOF", "value": "655.957"}
/// }"#).unwrap();
/// let cost = offer.cost("200".parse().unwrap(), &CostOptions::default()).unwrap();
/// assert_eq!(cost.fee.to_string(), "4.90");
/// assert_eq!(cost.fx_margin_pct.to_string(), "1.6704");
/// assert_eq!(cost.recipient_gets.to_string(), "129000");
/// assert_eq!(cost.total_cost_pct.to_string(), "4.1204");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offer {
    /// The provider's name, for display.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// The provider type (bank, money transfer operator, …), for display and grouping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firm_type: Option<String>,
    /// How fast the money arrives, as the provider states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speed: Option<String>,
    /// How the sender pays (`cash`, `card`, `bank_account`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding: Option<String>,
    /// How the recipient is paid (`cash_pickup`, `bank_account`, `mobile_wallet`,
    /// `home_delivery`, …): a label a comparator filters on (see `RankOptions::payout`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payout: Option<String>,
    /// The currency the sender pays in.
    pub send_currency: Currency,
    /// The currency the recipient is paid in.
    pub receive_currency: Currency,
    /// The fee schedule, in the send currency (its receiving fee in the receive currency).
    #[serde(default)]
    pub schedule: FeeSchedule,
    /// The rate the provider offers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offered_rate: Option<Rate>,
    /// The reference (mid-market, interbank) rate at the same time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mid_rate: Option<Rate>,
    /// A promotion: a better rate up to a capped amount, a first-transfer fee waiver.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promotion: Option<Promotion>,
    /// When the offer's prices were collected, in seconds since 1970-01-01T00:00:00Z; see
    /// [`CostOptions::oldest_quote`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collected_at: Option<i64>,
}

/// A promotional offer on top of an offer's normal prices.
///
/// `rate` applies to the first `rate_up_to` units exchanged (send currency; all of them when
/// absent) and the offer's normal rate to the rest. With `first_transfer_fee_waived`, a
/// transfer priced with [`CostOptions::first_transfer`] pays no transfer fee (nor tax on it).
/// The exchange margin of a transfer that mixes two rates is the blended one:
/// `(exchanged × mid − converted) / (exchanged × mid) × 100`, which is the usual formula when
/// one rate applies.
///
/// ```
/// use remitcost::{CostOptions, Offer};
/// let offer: Offer = serde_json::from_value(serde_json::json!({
///     "send_currency": "USD", "receive_currency": "MXN",
///     "schedule": {"parts": [{"fixed": "5"}]},
///     "offered_rate": {"base": "USD", "quote": "MXN", "value": "17"},
///     "mid_rate": {"base": "USD", "quote": "MXN", "value": "17.2"},
///     "promotion": {"rate": {"base": "USD", "quote": "MXN", "value": "17.2"}, "rate_up_to": "100",
///                   "first_transfer_fee_waived": true}})).unwrap();
/// let first = CostOptions { first_transfer: true, ..CostOptions::default() };
/// let cost = offer.cost("300".parse().unwrap(), &first).unwrap();
/// assert_eq!(cost.fee.to_string(), "0.00");
/// assert_eq!(cost.recipient_gets.to_string(), "5120.00"); // 100 × 17.2 + 200 × 17
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Promotion {
    /// The promotional rate (either way round).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<Rate>,
    /// How much of the amount exchanged gets the promotional rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::decimal::de::option")]
    pub rate_up_to: Option<Decimal>,
    /// No transfer fee on a customer's first transfer.
    #[serde(default)]
    pub first_transfer_fee_waived: bool,
}

/// Choices for computing a cost.
///
/// ```
/// let opts: remitcost::CostOptions = serde_json::from_str(r#"{"include_receiving_fee": false}"#).unwrap();
/// assert_eq!(opts.rounding, remitcost::Rounding::HalfEven);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CostOptions {
    /// The rounding rule for every reported figure (money to minor units, percentages to 4
    /// places, the effective rate to 6). Default: half-even.
    pub rounding: Rounding,
    /// Count the receiving fee (converted at the reference rate) in `fee` and `total_cost`.
    /// Default `true`, what the transfer really costs; RPW's published total cost excludes
    /// fees charged to the receiver: set `false` to reproduce it. `recipient_gets` is net of
    /// the receiving fee either way.
    pub include_receiving_fee: bool,
    /// Price as the sender's first transfer with the provider (promotions may waive the fee).
    pub first_transfer: bool,
    /// Refuse quotes collected before this time (seconds since 1970-01-01T00:00:00Z), and
    /// quotes with no collection time, with `stale_quote`. A comparator sets it to "now minus
    /// the longest age it shows".
    pub oldest_quote: Option<i64>,
}

impl Default for CostOptions {
    fn default() -> Self {
        CostOptions {
            rounding: Rounding::HalfEven,
            include_receiving_fee: true,
            first_transfer: false,
            oldest_quote: None,
        }
    }
}

/// The cost of one transfer, broken down. Money is rounded to the minor units of its currency
/// and percentages to 4 places under [`CostOptions::rounding`], each from the exact value (so
/// parts need not add up to the last digit of a rounded total).
///
/// All money but `recipient_gets` is in the send currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Cost {
    /// The send currency.
    pub send_currency: Currency,
    /// The receive currency.
    pub receive_currency: Currency,
    /// The amount sent, `A`.
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub send_amount: Decimal,
    /// The provider's transfer fee (parts, then minimum and maximum).
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub transfer_fee: Decimal,
    /// Taxes charged to the sender.
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub tax: Decimal,
    /// The receiving fee converted at the reference rate (0 when not included).
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub receiving_fee: Decimal,
    /// Everything charged: transfer fee + tax + receiving fee (when included).
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub fee: Decimal,
    /// What the sender pays: `A` + transfer fee + tax when charged on top, `A` when deducted.
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub total_paid: Decimal,
    /// The amount that is exchanged: `A`, or `A` − transfer fee − tax when deducted.
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub amount_exchanged: Decimal,
    /// `(mid − offered) / mid × 100`; negative when the offer beats the reference.
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub fx_margin_pct: Decimal,
    /// Money lost in the exchange: `amount_exchanged × fx_margin_pct / 100`.
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub fx_cost: Decimal,
    /// `fee + fx_cost`.
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub total_cost: Decimal,
    /// `total_cost / A × 100`.
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub total_cost_pct: Decimal,
    /// `amount_exchanged × offered − receiving fee`, in the receive currency, as paid out
    /// (rounded to minor units, then down to the schedule's `payout_unit` if any; what that
    /// rounding keeps back is not counted in `total_cost`).
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub recipient_gets: Decimal,
    /// Receive-currency units the recipient gets per send-currency unit paid:
    /// `recipient_gets / total_paid` (exact values), to 6 places.
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub effective_rate: Decimal,
}

/// A decimal figure of a [`Cost`].
pub type CostFigure = fn(&Cost) -> Decimal;

impl Cost {
    /// Every decimal figure of a cost with its name, in the order of its JSON form: the one
    /// list the batch calls of the bindings make their columns from.
    ///
    /// ```
    /// use remitcost::{Cost, CostOptions, Offer};
    /// let offer: Offer = serde_json::from_str(r#"{
    ///   "send_currency": "EUR", "receive_currency": "EUR", "schedule": {"parts": [{"fixed": "2"}]}
    /// }"#).unwrap();
    /// let cost = offer.cost("100".parse().unwrap(), &CostOptions::default()).unwrap();
    /// let (name, figure) = Cost::FIGURES[4];
    /// assert_eq!((name, figure(&cost).to_string().as_str()), ("fee", "2.00"));
    /// ```
    pub const FIGURES: [(&'static str, CostFigure); 13] = [
        ("send_amount", |c| c.send_amount),
        ("transfer_fee", |c| c.transfer_fee),
        ("tax", |c| c.tax),
        ("receiving_fee", |c| c.receiving_fee),
        ("fee", |c| c.fee),
        ("total_paid", |c| c.total_paid),
        ("amount_exchanged", |c| c.amount_exchanged),
        ("fx_margin_pct", |c| c.fx_margin_pct),
        ("fx_cost", |c| c.fx_cost),
        ("total_cost", |c| c.total_cost),
        ("total_cost_pct", |c| c.total_cost_pct),
        ("recipient_gets", |c| c.recipient_gets),
        ("effective_rate", |c| c.effective_rate),
    ];
}

/// A quote: an offer priced for one amount.
///
/// ```
/// use remitcost::{CostOptions, Quote};
/// let quote: Quote = serde_json::from_str(r#"{"send_amount": "100", "offer": {
///   "send_currency": "EUR", "receive_currency": "EUR", "schedule": {"parts": [{"fixed": "1"}]}}}"#).unwrap();
/// let cost = quote.cost(&CostOptions::default()).unwrap();
/// assert_eq!(cost.total_cost_pct.to_string(), "1.0000");
/// assert_eq!(cost.recipient_gets.to_string(), "100.00");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// The amount sent, in the send currency.
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub send_amount: Decimal,
    /// The offer it is priced under.
    pub offer: Offer,
}

impl Quote {
    /// The cost of this quote.
    pub fn cost(&self, options: &CostOptions) -> Result<Cost> {
        self.offer.cost(self.send_amount, options)
    }
}

/// An offer's rates, checked and turned send → receive.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rates {
    pub offered: Rate,
    /// The promotional rate, send → receive, and how much of the exchanged amount it covers.
    pub promo: Option<(Rate, Option<Decimal>)>,
}

impl Rates {
    /// The exchanged amount that converts to `converted` (at the promotional rate up to its
    /// cap, at the offered rate beyond): the inverse of the forward conversion, unrounded.
    pub(crate) fn exchanged_for(&self, converted: Decimal) -> Result<Decimal> {
        let Some((promo, up_to)) = self.promo else {
            return decimal::div(converted, self.offered.value(), "reverse solve");
        };
        // A cap whose reach overflows 96 bits reaches beyond any amount: no cap.
        let promo_reach = up_to.and_then(|cap| decimal::mul(cap, promo.value(), "promotion").ok());
        if promo_reach.is_none_or(|reach| converted <= reach) {
            return decimal::div(converted, promo.value(), "reverse solve");
        }
        let rest = decimal::sub(
            converted,
            promo_reach.unwrap_or(Decimal::ZERO),
            "reverse solve",
        )?;
        let cap = up_to.unwrap_or(Decimal::ZERO);
        decimal::add(
            cap,
            decimal::div(rest, self.offered.value(), "reverse solve")?,
            "reverse solve",
        )
    }
}

impl Offer {
    /// Validates the offer and returns its rates turned send → receive.
    pub(crate) fn rates(&self) -> Result<Rates> {
        self.schedule.validate()?;
        let (send, recv) = (self.send_currency, self.receive_currency);
        // A payout unit finer than, or not a multiple of, the receive currency's minor unit
        // cannot be paid out (and rounding it back to minor units broke the reverse solve).
        if let Some(unit) = self.schedule.payout_unit {
            // A whole number of 10^-k is a decimal with at most k places once its trailing
            // zeros are dropped (not a remainder: rust_decimal's inlines its whole division).
            if unit.normalize().scale() > recv.minor_units() {
                return Err(Error::InvalidSchedule(format!(
                    "payout unit {unit} is not a whole number of {recv} minor units"
                )));
            }
        }
        let orient = |rate: Option<Rate>, which: &str| match rate {
            Some(rate) => rate.oriented(send, recv),
            None if send == recv => Ok(Rate::identity(send)),
            None => Err(Error::InvalidRate(format!(
                "{send}/{recv}: missing {which} rate"
            ))),
        };
        let promo = match &self.promotion {
            Some(Promotion {
                rate: Some(rate),
                rate_up_to,
                ..
            }) => {
                if rate_up_to.is_some_and(|cap| cap < Decimal::ZERO) {
                    return Err(Error::InvalidSchedule(format!(
                        "negative promotion cap {}",
                        rate_up_to.unwrap_or_default()
                    )));
                }
                Some((rate.oriented(send, recv)?, *rate_up_to))
            }
            _ => None,
        };
        let offered = orient(self.offered_rate, "offered")?;
        orient(self.mid_rate, "mid")?;
        Ok(Rates { offered, promo })
    }

    /// Whether a promotion waives the transfer fee for this transfer.
    pub(crate) fn fee_waived(&self, options: &CostOptions) -> bool {
        options.first_transfer
            && self
                .promotion
                .as_ref()
                .is_some_and(|p| p.first_transfer_fee_waived)
    }

    /// Refuses a quote older than `options.oldest_quote`.
    pub(crate) fn check_fresh(&self, options: &CostOptions) -> Result<()> {
        match (options.oldest_quote, self.collected_at) {
            (Some(oldest), Some(at)) if at < oldest => Err(Error::StaleQuote(format!(
                "collected at {at}, before the oldest accepted {oldest}"
            ))),
            (Some(_), None) => Err(Error::StaleQuote("no collection time".to_string())),
            _ => Ok(()),
        }
    }

    /// What sending `amount` (in the send currency) costs under this offer.
    ///
    /// Errors: `invalid_amount` for a zero or negative amount (or one that a deducted fee, or
    /// the receiving fee, takes whole), `amount_out_of_range` outside
    /// the schedule's limits, `invalid_schedule`, `invalid_rate` or `currency_mismatch` for a
    /// bad offer, `overflow` for amounts beyond a 96-bit decimal, or for a figure too large to
    /// carry all its decimals there (see [`Rounding::round_exact`]).
    pub fn cost(&self, amount: Decimal, options: &CostOptions) -> Result<Cost> {
        // One code path for one amount and for many (see `Pricer`).
        crate::pricer::Pricer::new(self, options).cost(amount)
    }

    /// The reverse question: the smallest amount to send, in the send currency's minor units,
    /// so that the recipient gets at least `receive_amount` (as rounded under
    /// `options.rounding`), and what that transfer costs.
    ///
    /// Exact across band edges, fee caps, taxes and deducted fees (where sending more can
    /// deliver less, just past a band edge). Errors: `invalid_amount` for a target that is
    /// not positive, `unreachable_target` when no amount within the schedule's limits delivers
    /// it.
    ///
    /// ```
    /// use remitcost::{CostOptions, Offer};
    /// let offer: Offer = serde_json::from_str(r#"{
    ///   "send_currency": "USD", "receive_currency": "MXN",
    ///   "schedule": {"parts": [{"fixed": "5"}], "charging": "deducted"},
    ///   "offered_rate": {"base": "USD", "quote": "MXN", "value": "17"},
    ///   "mid_rate": {"base": "USD", "quote": "MXN", "value": "17.2"}
    /// }"#).unwrap();
    /// let cost = offer.send_for("1700".parse().unwrap(), &CostOptions::default()).unwrap();
    /// assert_eq!(cost.send_amount.to_string(), "105.00");
    /// assert_eq!(cost.recipient_gets.to_string(), "1700.00");
    /// ```
    pub fn send_for(&self, receive_amount: Decimal, options: &CostOptions) -> Result<Cost> {
        if receive_amount <= Decimal::ZERO {
            return Err(Error::InvalidAmount(format!(
                "{receive_amount}: the amount to receive must be positive"
            )));
        }
        let rates = self.rates()?;
        self.check_fresh(options)?;
        let amount = crate::solve::smallest_send_amount(self, &rates, receive_amount, options)?;
        self.cost(amount, options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Cost::FIGURES` lists every decimal of the JSON form, under its JSON name, in order.
    #[test]
    fn figures_are_the_decimal_fields_of_the_json_form() {
        let offer: Offer = serde_json::from_value(serde_json::json!({
            "send_currency": "EUR", "receive_currency": "XOF",
            "schedule": {"parts": [{"fixed": "4.90"}], "receiving_fee": "100",
                         "taxes": [{"name": "VAT", "pct": "20", "base": "fee"}]},
            "offered_rate": {"base": "EUR", "quote": "XOF", "value": "645"},
            "mid_rate": {"base": "EUR", "quote": "XOF", "value": "655.957"}
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        let cost = offer
            .cost(Decimal::from(200), &CostOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        let json = serde_json::to_value(&cost).unwrap_or_default();
        let decimals: Vec<(String, String)> = json
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(k, _)| !k.ends_with("_currency"))
            .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
            .collect();
        let mut figures: Vec<(String, String)> = Cost::FIGURES
            .iter()
            .map(|(name, figure)| (name.to_string(), figure(&cost).to_string()))
            .collect();
        // In the order the JSON text has them.
        let text = serde_json::to_string(&cost).unwrap_or_default();
        let at = |name: &str| text.find(&format!("\"{name}\":"));
        assert!(Cost::FIGURES.windows(2).all(|w| at(w[0].0) < at(w[1].0)));
        figures.sort();
        assert_eq!(figures, decimals);
    }
}
