//! Amounts of money and the one place where they are rounded.

use crate::currency::Currency;
use crate::decimal;
use crate::error::{Error, Result};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Decimal places of every reported percentage (`total_cost_pct`, `fx_margin_pct`, averages).
pub const PCT_DECIMALS: u32 = 4;

/// How a result is rounded when it is reported. Nothing is rounded inside a computation.
///
/// The names follow Python's `decimal` module: `up` rounds away from zero, `down` towards zero.
/// In JSON: `"half_even"` (the default, banker's rounding), `"half_away_from_zero"`, `"up"`,
/// `"down"`.
///
/// ```
/// use remitcost::Rounding;
/// use rust_decimal::Decimal;
/// let x = Decimal::new(2345, 3); // 2.345
/// assert_eq!(Rounding::HalfEven.round(x, 2).to_string(), "2.34");
/// assert_eq!(Rounding::HalfAwayFromZero.round(x, 2).to_string(), "2.35");
/// assert_eq!(Rounding::Up.round(Decimal::new(2341, 3), 2).to_string(), "2.35");
/// assert_eq!(Rounding::Down.round(Decimal::new(-2349, 3), 2).to_string(), "-2.34");
/// assert_eq!(Rounding::HalfEven.round(Decimal::new(5, 0), 2).to_string(), "5.00");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Round half to even (banker's rounding). The default.
    #[default]
    HalfEven,
    /// Round half away from zero (the "school" rule).
    HalfAwayFromZero,
    /// Round away from zero.
    Up,
    /// Round towards zero (truncate).
    Down,
}

/// 10^k for k in 0..=28 (every scale a `Decimal` can have), looked up: `checked_pow` on
/// `i128` costs more than the division it feeds.
#[cfg(not(target_arch = "wasm32"))]
fn pow10(k: u32) -> Option<i128> {
    const POWERS: [i128; 29] = {
        let mut p = [1i128; 29];
        let mut k = 1;
        while k < 29 {
            p[k] = p[k - 1] * 10;
            k += 1;
        }
        p
    };
    POWERS.get(usize::try_from(k).ok()?).copied()
}

impl Rounding {
    /// Rounds `value` to `places` decimals under this rule and sets its scale to exactly
    /// `places`, so that `5` becomes `5.00` at two places: every language then compares results
    /// as the same string.
    pub fn round(self, value: Decimal, places: u32) -> Decimal {
        let strategy = match self {
            Rounding::HalfEven => RoundingStrategy::MidpointNearestEven,
            Rounding::HalfAwayFromZero => RoundingStrategy::MidpointAwayFromZero,
            Rounding::Up => RoundingStrategy::AwayFromZero,
            Rounding::Down => RoundingStrategy::ToZero,
        };
        // Not in WebAssembly: 128-bit division is a library routine there, and the npm
        // module's size budget counts every kilobyte (results are the same either way).
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(rounded) = self.round_mantissa(value, places) {
            return rounded;
        }
        // A value with no more places than asked needs no rounding, only padding.
        let mut rounded = if value.scale() <= places {
            value
        } else {
            value.round_dp_with_strategy(places, strategy)
        };
        rounded.rescale(places);
        rounded
    }

    /// Rounds a value to `places` places by one 128-bit division of its mantissa
    /// (rust_decimal's `round_dp_with_strategy` divides by ten once per dropped digit: a
    /// percentage from a division has 28 places, and rounding was a quarter of a quote's
    /// instructions). Same results, digit for digit and sign for sign (a property test checks
    /// it against rust_decimal); `None` leaves the case to rust_decimal.
    #[cfg(not(target_arch = "wasm32"))]
    fn round_mantissa(self, value: Decimal, places: u32) -> Option<Decimal> {
        let mantissa = value.mantissa();
        if mantissa == 0 {
            return None; // rust_decimal keeps a zero's sign flag: leave zeros to it
        }
        if value.scale() <= places {
            // Padding: rust_decimal's `rescale` (a checked 128-bit multiplication costs more).
            return None;
        }
        let divisor = pow10(value.scale().checked_sub(places)?)?;
        let truncated = mantissa.checked_div(divisor)?;
        let rest = mantissa.checked_rem(divisor)?.checked_abs()?;
        let twice = rest.checked_mul(2)?;
        let odd = truncated.checked_rem(2)? != 0;
        let away = match self {
            Rounding::HalfEven => twice > divisor || (twice == divisor && odd),
            Rounding::HalfAwayFromZero => twice >= divisor,
            Rounding::Up => rest != 0,
            Rounding::Down => false,
        };
        let rounded = match (away, mantissa < 0) {
            (false, _) => truncated,
            (true, false) => truncated.checked_add(1)?,
            (true, true) => truncated.checked_sub(1)?,
        };
        Decimal::try_from_i128_with_scale(rounded, places).ok()
    }

    /// Rounds a percentage to [`PCT_DECIMALS`] places.
    ///
    /// ```
    /// use remitcost::Rounding;
    /// use rust_decimal::Decimal;
    /// assert_eq!(Rounding::HalfEven.round_pct(Decimal::new(52345678, 7)).to_string(), "5.2346");
    /// ```
    pub fn round_pct(self, pct: Decimal) -> Decimal {
        self.round(pct, PCT_DECIMALS)
    }

    /// [`Rounding::round`], or an `overflow` error where `value` is too large to carry
    /// `places` decimals in a 96-bit decimal (above about 7.9e28 / 10^places): there the
    /// figure would keep fewer decimals than its minor units, and would no longer be exact.
    ///
    /// ```
    /// use remitcost::Rounding;
    /// use rust_decimal::Decimal;
    /// let r = Rounding::HalfEven;
    /// assert_eq!(r.round_exact(Decimal::new(12345, 3), 2, "fee").unwrap().to_string(), "12.34");
    /// assert_eq!(r.round_exact(Decimal::MAX, 2, "fee").unwrap_err().code(), "overflow");
    /// ```
    pub fn round_exact(self, value: Decimal, places: u32, what: &'static str) -> Result<Decimal> {
        let rounded = self.round(value, places);
        if rounded.scale() == places {
            Ok(rounded)
        } else {
            Err(Error::Overflow(what))
        }
    }

    /// Rounds an amount to the minor units of `currency`.
    ///
    /// ```
    /// use remitcost::{Currency, Rounding};
    /// use rust_decimal::Decimal;
    /// let xof = Currency::parse("XOF").unwrap();
    /// assert_eq!(Rounding::HalfEven.round_money(Decimal::new(1311915, 1), xof).to_string(), "131192");
    /// ```
    pub fn round_money(self, amount: Decimal, currency: Currency) -> Decimal {
        self.round(amount, currency.minor_units())
    }
}

/// An exact amount in one currency. Arithmetic is checked: mixing currencies or overflowing is
/// an error, never a panic. The amount is not rounded until [`Money::round`].
///
/// ```
/// use remitcost::{Currency, Money, Rounding};
/// use rust_decimal::Decimal;
/// let eur = Currency::parse("EUR").unwrap();
/// let fee = Money::new(Decimal::new(499, 2), eur);
/// let tax = Money::new(Decimal::new(1, 3), eur);
/// let total = fee.checked_add(&tax).unwrap();
/// assert_eq!(total.to_string(), "4.991 EUR");
/// assert_eq!(total.round(Rounding::HalfEven).to_string(), "4.99 EUR");
/// let usd = Money::new(Decimal::ONE, Currency::parse("USD").unwrap());
/// assert_eq!(fee.checked_add(&usd).unwrap_err().code(), "currency_mismatch");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    /// The amount, in major units (`4.99` euros).
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub amount: Decimal,
    /// The currency.
    pub currency: Currency,
}

impl Money {
    /// Money from an amount and a currency.
    pub fn new(amount: Decimal, currency: Currency) -> Self {
        Money { amount, currency }
    }

    /// Parses an amount and a currency code.
    ///
    /// ```
    /// let m = remitcost::Money::parse("200", "eur").unwrap();
    /// assert_eq!(m.to_string(), "200 EUR");
    /// ```
    pub fn parse(amount: &str, currency: &str) -> Result<Self> {
        Ok(Money::new(
            decimal::parse_decimal(amount)?,
            Currency::parse(currency)?,
        ))
    }

    fn same_currency(&self, other: &Money) -> Result<()> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(Error::CurrencyMismatch {
                expected: self.currency.code().to_string(),
                found: other.currency.code().to_string(),
            })
        }
    }

    /// `self + other`, in the same currency.
    pub fn checked_add(&self, other: &Money) -> Result<Money> {
        self.same_currency(other)?;
        Ok(Money::new(
            decimal::add(self.amount, other.amount, "money addition")?,
            self.currency,
        ))
    }

    /// `self - other`, in the same currency.
    ///
    /// ```
    /// let a = remitcost::Money::parse("10", "GBP").unwrap();
    /// let b = remitcost::Money::parse("2.5", "GBP").unwrap();
    /// assert_eq!(a.checked_sub(&b).unwrap().to_string(), "7.5 GBP");
    /// ```
    pub fn checked_sub(&self, other: &Money) -> Result<Money> {
        self.same_currency(other)?;
        Ok(Money::new(
            decimal::sub(self.amount, other.amount, "money subtraction")?,
            self.currency,
        ))
    }

    /// The amount rounded to the currency's minor units under `rule`, at that exact scale.
    pub fn round(&self, rule: Rounding) -> Money {
        Money::new(rule.round_money(self.amount, self.currency), self.currency)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}
