//! Checked decimal arithmetic and parsing: rust_decimal's operators panic on overflow and
//! division by zero, so core goes through these helpers, which return typed errors instead.

use crate::error::{Error, Result};
use rust_decimal::Decimal;
use std::str::FromStr;

/// One hundred, for percentages.
pub(crate) const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// 0.01, for percentages.
const ONE_HUNDREDTH: Decimal = Decimal::from_parts(1, 0, 0, false, 2);

/// Parses a decimal number written as plain digits (`"655.957"`, `"-0.5"`) or in scientific
/// notation (`"6.9791610372645904E-2"`, as spreadsheets export). Surrounding white space is
/// ignored; anything else — an empty string, `NaN`, a thousands separator — is an error naming
/// the input.
///
/// Every decimal field of remitcost's serde forms (offers, schedules, rates, observations,
/// results) reads its string with this function, so a text means the same number, or gives the
/// same error, in a JSON document as here. A JSON number there is refused (`invalid_json`).
///
/// ```
/// use rust_decimal::Decimal;
/// assert_eq!(remitcost::parse_decimal(" 1.50 ").unwrap(), Decimal::new(150, 2));
/// assert_eq!(remitcost::parse_decimal("5E-2").unwrap(), Decimal::new(5, 2));
/// assert_eq!(remitcost::parse_decimal("1,000").unwrap_err().code(), "invalid_decimal");
///
/// let part: remitcost::FeePart = serde_json::from_str(r#"{"fixed": " 1.50 "}"#).unwrap();
/// assert_eq!(part.fixed, Decimal::new(150, 2));
/// ```
pub fn parse_decimal(text: &str) -> Result<Decimal> {
    let trimmed = text.trim();
    let bad = || Error::InvalidDecimal(text.to_string());
    let plain = trimmed.strip_prefix('+').unwrap_or(trimmed);
    if plain.is_empty() || plain.starts_with(['+', '-']) && plain.len() == 1 {
        return Err(bad());
    }
    if plain.contains(['e', 'E']) {
        return Decimal::from_scientific(plain).map_err(|_| bad());
    }
    if !plain
        .bytes()
        .enumerate()
        .all(|(i, b)| b.is_ascii_digit() || b == b'.' || (i == 0 && b == b'-'))
    {
        return Err(bad());
    }
    // (rust_decimal's `from_str_exact` gives the same value wherever it succeeds; `from_str`
    // also rounds more than 28 places to 28.)
    Decimal::from_str(plain).map_err(|_| bad())
}

/// Serde readers for core's decimal fields
/// (`#[serde(deserialize_with = "crate::decimal::de::decimal")]`): a decimal in a JSON document
/// is a string read by [`parse_decimal`], so the same text means the same
/// number, or is refused alike, whichever way it arrives (a document, a Python dict, a JS
/// object, a bare argument). A JSON number is refused (`invalid_json`: as a binary float it may
/// already have lost digits); bad text is refused as `invalid decimal "<text>"`, which
/// `From<serde_json::Error>` turns into [`crate::Error::InvalidDecimal`] naming the text.
/// Writing is rust_decimal's own (`serde-str`: the plain decimal string), left as it is.
pub(crate) mod de {
    use rust_decimal::Decimal;
    use serde::de::{Deserialize, Deserializer, Error, Visitor};
    use std::fmt;

    /// A decimal as [`parse_decimal`](super::parse_decimal) reads a JSON string (for shapes
    /// the functions below do not cover, e.g. a tuple inside a list).
    pub(crate) struct Text(pub(crate) Decimal);

    impl<'de> Deserialize<'de> for Text {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_str(TextVisitor)
        }
    }

    struct TextVisitor;

    impl Visitor<'_> for TextVisitor {
        type Value = Text;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a decimal string")
        }

        fn visit_str<E: Error>(self, text: &str) -> Result<Text, E> {
            match super::parse_decimal(text) {
                Ok(value) => Ok(Text(value)),
                // The text as given, unescaped, between the first and the last quote of the
                // message: `From<serde_json::Error>` takes it back from there.
                Err(_) => Err(E::custom(format_args!("invalid decimal \"{text}\""))),
            }
        }
    }

    /// A `Decimal` field.
    pub(crate) fn decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        Text::deserialize(d).map(|t| t.0)
    }

    /// An `Option<Decimal>` field (`null` is `None`; give the field `default` too).
    pub(crate) fn option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        Option::<Text>::deserialize(d).map(|t| t.map(|t| t.0))
    }

    /// A `Vec<(Decimal, T)>` field.
    pub(crate) fn pairs<'de, D, T>(d: D) -> Result<Vec<(Decimal, T)>, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de>,
    {
        Vec::<(Text, T)>::deserialize(d).map(|v| v.into_iter().map(|(t, x)| (t.0, x)).collect())
    }
}

// `match` rather than `ok_or`: building the error eagerly and dropping it costs ~5% of a quote.
// In WebAssembly each is one function, never inlined: rust_decimal's checked operations inline
// their whole 96-bit routines at every call site (a multiplication or a division is 1-3 KB of
// code), and the page's module is downloaded (issue 14). Callers outside the kernel use these
// rather than `Decimal::checked_*`. Native builds inline as before.
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub(crate) fn add(a: Decimal, b: Decimal, what: &'static str) -> Result<Decimal> {
    match a.checked_add(b) {
        Some(v) => Ok(v),
        None => Err(Error::Overflow(what)),
    }
}

#[cfg_attr(target_arch = "wasm32", inline(never))]
pub(crate) fn sub(a: Decimal, b: Decimal, what: &'static str) -> Result<Decimal> {
    match a.checked_sub(b) {
        Some(v) => Ok(v),
        None => Err(Error::Overflow(what)),
    }
}

#[cfg_attr(target_arch = "wasm32", inline(never))]
pub(crate) fn mul(a: Decimal, b: Decimal, what: &'static str) -> Result<Decimal> {
    match a.checked_mul(b) {
        Some(v) => Ok(v),
        None => Err(Error::Overflow(what)),
    }
}

#[cfg_attr(target_arch = "wasm32", inline(never))]
pub(crate) fn div(a: Decimal, b: Decimal, what: &'static str) -> Result<Decimal> {
    if b.is_zero() {
        return Err(Error::DivisionByZero(what));
    }
    match a.checked_div(b) {
        Some(v) => Ok(v),
        None => Err(Error::Overflow(what)),
    }
}

/// `part / whole × 100`.
pub(crate) fn pct_of(part: Decimal, whole: Decimal, what: &'static str) -> Result<Decimal> {
    mul(div(part, whole, what)?, HUNDRED, what)
}

/// `value × pct / 100`. Multiplying by 0.01 only moves the decimal point, so it is exact
/// (as dividing by 100 is) and much cheaper than a division.
pub(crate) fn apply_pct(value: Decimal, pct: Decimal, what: &'static str) -> Result<Decimal> {
    mul(mul(value, pct, what)?, ONE_HUNDREDTH, what)
}
