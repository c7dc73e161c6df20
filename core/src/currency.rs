//! ISO 4217 currencies and their minor units.

use crate::error::{Error, Result};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// An ISO 4217 currency that money can be sent in, with its minor units.
///
/// The table comes from the `iso_currency` crate (0.7, generated from the ISO 4217 list as
/// published on Wikipedia's "ISO 4217" page, which mirrors the SIX Group maintenance agency's
/// list; it includes superseded codes such as `HRK` and `SLL`, which historical survey data
/// still uses). Codes without a minor unit in that list (`XAU`, `XDR`, `XXX`, …) are not money
/// and are rejected. Parsing is case-insensitive and trims white space.
///
/// ```
/// use remitcost::Currency;
/// let xof: Currency = "xof".parse().unwrap();
/// assert_eq!(xof.code(), "XOF");
/// assert_eq!(xof.minor_units(), 0);
/// assert_eq!(Currency::parse("KWD").unwrap().minor_units(), 3);
/// assert_eq!(Currency::parse("XAU").unwrap_err().code(), "unknown_currency");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    iso: iso_currency::Currency,
    minor_units: u8,
}

impl Currency {
    /// Looks up an ISO 4217 alphabetic code.
    pub fn parse(code: &str) -> Result<Self> {
        let trimmed = code.trim();
        let unknown = || Error::UnknownCurrency(code.to_string());
        if trimmed.len() != 3 {
            return Err(unknown());
        }
        let iso = lookup(&trimmed.to_ascii_uppercase()).ok_or_else(unknown)?;
        let minor_units = iso
            .exponent()
            .and_then(|e| u8::try_from(e).ok())
            .ok_or_else(unknown)?;
        Ok(Currency { iso, minor_units })
    }

    /// The three-letter code, upper case.
    ///
    /// ```
    /// assert_eq!(remitcost::Currency::parse("inr").unwrap().code(), "INR");
    /// ```
    pub fn code(&self) -> &'static str {
        self.iso.code()
    }

    /// How many decimal places the currency's minor unit has (EUR 2, JPY 0, KWD 3).
    ///
    /// ```
    /// assert_eq!(remitcost::Currency::parse("JPY").unwrap().minor_units(), 0);
    /// ```
    pub fn minor_units(&self) -> u32 {
        u32::from(self.minor_units)
    }
}

/// `iso_currency`'s `from_code`, natively: a match over every code.
#[cfg(not(target_arch = "wasm32"))]
fn lookup(code: &str) -> Option<iso_currency::Currency> {
    iso_currency::Currency::from_code(code)
}

/// In WebAssembly, a walk through `iso_currency`'s list (about 180 codes): the same answers
/// (a unit test compares the two on every three-letter code), and 5 KB less in the npm
/// module, whose size budget is tight; a few hundred nanoseconds a lookup, so the two codes
/// found last are tried first.
#[cfg(target_arch = "wasm32")]
fn lookup(code: &str) -> Option<iso_currency::Currency> {
    use std::cell::Cell;
    thread_local! {
        /// The two currencies found last: a page prices one corridor over and over, and the
        /// linear search was a tenth of a WebAssembly `cost()` call.
        static RECENT: Cell<[Option<iso_currency::Currency>; 2]> = const { Cell::new([None, None]) };
    }
    let recent = RECENT.get();
    if let Some(hit) = recent.iter().flatten().find(|c| c.code() == code) {
        return Some(*hit);
    }
    let found = linear_lookup(code)?;
    RECENT.set([Some(found), recent[0]]);
    Some(found)
}

#[cfg_attr(not(any(test, target_arch = "wasm32")), allow(dead_code))]
fn linear_lookup(code: &str) -> Option<iso_currency::Currency> {
    use iso_currency::IntoEnumIterator;
    iso_currency::Currency::iter().find(|c| c.code() == code)
}

impl FromStr for Currency {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Currency::parse(s)
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Currency({})", self.code())
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        Currency::parse(&code).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    /// The WebAssembly build's lookup agrees with `iso_currency`'s `from_code` on every
    /// three-letter code.
    #[test]
    fn linear_lookup_is_from_code() {
        let letters = b'A'..=b'Z';
        let mut known = 0;
        for a in letters.clone() {
            for b in letters.clone() {
                for c in letters.clone() {
                    let code = String::from_utf8(vec![a, b, c]).unwrap_or_default();
                    let expected = iso_currency::Currency::from_code(&code);
                    assert_eq!(super::linear_lookup(&code), expected, "{code}");
                    known += usize::from(expected.is_some());
                }
            }
        }
        assert!(known > 150, "{known}");
    }
}
