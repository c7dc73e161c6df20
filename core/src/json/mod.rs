//! Core's inputs read from JSON text and its outputs written as JSON text without serde
//! (feature `lite-json`): a small parser (parse.rs), a reader per type written by hand
//! (read.rs for the pricing inputs, aggregate.rs for the aggregation inputs) and a writer per
//! output (write.rs), for builds where serde's derived code and serde_json cost too many bytes
//! (the npm package's two modules, issue 14). The readers accept and refuse what
//! `serde_json::from_str` into the same types does, with the same error codes; the writers
//! write the text `serde_json::to_string` writes. The property tests (tests.rs, tests/) check
//! both against serde_json on random and edited JSON, with the few deliberate differences
//! listed there.

mod aggregate;
mod parse;
mod read;
#[cfg(test)]
mod tests;
mod write;

use crate::{
    AggregateOptions, Charging, Comparison, CorridorStat, Cost, CostOptions, Currency, Decimal,
    Dimension, Eligibility, FeePart, FeeSchedule, Grouping, Indicators, Money, Observation, Offer,
    Order, Period, Price, Promotion, RankOptions, Ranking, Rate, Result, Rounding, RpwAmount,
    Speed, Target, Tax, TaxBase,
};

/// A core input type read from JSON text by the serde-free reader of the `lite-json` feature:
/// the same value as `serde_json::from_str` gives, or the same error code (`invalid_json` for
/// text that is not JSON or a shape that does not fit; the code of core's own check for a
/// value it refuses, such as `invalid_decimal`, `unknown_currency` or `invalid_rate`).
///
/// Implemented for the pricing inputs: [`Offer`], [`FeeSchedule`], [`FeePart`], [`Tax`],
/// [`Promotion`], [`Rate`], [`Money`], [`CostOptions`], [`RankOptions`], [`Target`], their
/// enums; the aggregation inputs: [`Observation`], [`Price`], [`Period`], [`CorridorStat`],
/// [`Dimension`], [`AggregateOptions`], [`Eligibility`], [`Comparison`]; [`Currency`],
/// [`Decimal`] (a decimal string, as [`parse_decimal`](crate::parse_decimal) reads it),
/// `String`, `bool`, `i64`, `usize`, and `Vec`, `Option`, string-keyed `BTreeMap` and
/// three-element tuples of any of them. Sealed: other types use serde.
///
/// ```
/// use remitcost::{CostOptions, Decimal, FromJson, Offer};
///
/// let offer = Offer::from_json(
///     r#"{"send_currency": "EUR", "receive_currency": "XOF",
///         "schedule": {"parts": [{"fixed": "4.99"}]},
///         "offered_rate": {"base": "EUR", "quote": "XOF", "value": "645"},
///         "mid_rate": {"base": "EUR", "quote": "XOF", "value": "655.957"}}"#,
/// )?;
/// let cost = offer.cost(Decimal::from(200), &CostOptions::default())?;
/// assert_eq!(cost.fee.to_string(), "4.99");
/// assert_eq!(cost.fx_margin_pct.to_string(), "1.6704");
///
/// let err = Offer::from_json(r#"{"send_currency": "EURO", "receive_currency": "XOF"}"#);
/// assert_eq!(err.unwrap_err().code(), "unknown_currency");
/// assert_eq!(Vec::<Decimal>::from_json(r#"["1", 2]"#).unwrap_err().code(), "invalid_json");
/// # Ok::<(), remitcost::Error>(())
/// ```
pub trait FromJson: read::Read {
    /// Reads `Self` from JSON text (white space around it allowed, nothing else after it).
    ///
    /// ```
    /// use remitcost::{FromJson, Rate};
    ///
    /// let rate = Rate::from_json(r#" {"base": "EUR", "quote": "XOF", "value": "655.957"} "#)?;
    /// assert_eq!(rate.value().to_string(), "655.957");
    /// # Ok::<(), remitcost::Error>(())
    /// ```
    fn from_json(text: &str) -> Result<Self> {
        Self::read(&parse::parse(text)?)
    }
}

macro_rules! from_json {
    ($($t:ty),*) => {
        $(impl FromJson for $t {})*
    };
}

from_json!(
    Offer,
    FeeSchedule,
    FeePart,
    Tax,
    Promotion,
    Rate,
    Money,
    CostOptions,
    RankOptions,
    Target,
    Charging,
    TaxBase,
    Rounding,
    RpwAmount,
    Order,
    Speed,
    Currency,
    Decimal,
    Observation,
    Price,
    Period,
    CorridorStat,
    Dimension,
    AggregateOptions,
    Eligibility,
    Comparison,
    String,
    bool,
    i64,
    usize
);

impl<T: FromJson> FromJson for Vec<T> {}
impl<T: FromJson> FromJson for Option<T> {}
impl<T: FromJson> FromJson for std::collections::BTreeMap<String, T> {}
impl<A: FromJson, B: FromJson, C: FromJson> FromJson for (A, B, C) {}

/// A core output written as JSON text by the serde-free writer of the `lite-json` feature: the
/// text `serde_json::to_string` writes for it (keys in declaration order, decimals as strings,
/// `null` for an absent value, serde_json's string escapes).
///
/// Implemented for the outputs [`Cost`], [`Ranking`], [`Rate`], [`Money`], [`Grouping`] and
/// [`Indicators`], and for `str`, `String`, [`Decimal`] and `Option` of any of
/// them, and references to them. Sealed: other types use serde.
///
/// ```
/// use remitcost::{Currency, Money, ToJson};
///
/// let fee = Money::new("4.90".parse().unwrap(), Currency::parse("EUR")?);
/// assert_eq!(fee.to_json(), r#"{"amount":"4.90","currency":"EUR"}"#);
/// assert_eq!(fee.to_json(), serde_json::to_string(&fee).unwrap());
/// assert_eq!("a \"b\"\n".to_json(), r#""a \"b\"\n""#);
/// # Ok::<(), remitcost::Error>(())
/// ```
pub trait ToJson: write::Write {
    /// The value's JSON text.
    fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    /// Appends the value's JSON text to `out` (inside a larger text being written).
    fn write_json(&self, out: &mut String) {
        let mut writer = write::Writer(std::mem::take(out));
        self.write(&mut writer);
        *out = writer.0;
    }
}

macro_rules! to_json {
    ($($t:ty),*) => {
        $(impl ToJson for $t {})*
    };
}

to_json!(Cost, Ranking, Rate, Money, Grouping, Indicators, str, String, Decimal);

impl<T: ToJson> ToJson for Option<T> {}
impl<T: ToJson + ?Sized> ToJson for &T {}
