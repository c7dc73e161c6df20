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
/// ```
/// use rust_decimal::Decimal;
/// assert_eq!(remitcost::parse_decimal(" 1.50 ").unwrap(), Decimal::new(150, 2));
/// assert_eq!(remitcost::parse_decimal("5E-2").unwrap(), Decimal::new(5, 2));
/// assert_eq!(remitcost::parse_decimal("1,000").unwrap_err().code(), "invalid_decimal");
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
    Decimal::from_str_exact(plain)
        .or_else(|_| Decimal::from_str(plain))
        .map_err(|_| bad())
}

// `match` rather than `ok_or`: building the error eagerly and dropping it costs ~5% of a quote.
pub(crate) fn add(a: Decimal, b: Decimal, what: &'static str) -> Result<Decimal> {
    match a.checked_add(b) {
        Some(v) => Ok(v),
        None => Err(Error::Overflow(what)),
    }
}

pub(crate) fn sub(a: Decimal, b: Decimal, what: &'static str) -> Result<Decimal> {
    match a.checked_sub(b) {
        Some(v) => Ok(v),
        None => Err(Error::Overflow(what)),
    }
}

pub(crate) fn mul(a: Decimal, b: Decimal, what: &'static str) -> Result<Decimal> {
    match a.checked_mul(b) {
        Some(v) => Ok(v),
        None => Err(Error::Overflow(what)),
    }
}

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
