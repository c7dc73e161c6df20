//! Exchange rates: validation, both quote directions, cross rates, conversion and margin.

use crate::currency::Currency;
use crate::decimal::{self, HUNDRED};
use crate::error::{Error, Result};
use crate::money::Money;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// An exchange rate: one unit of `base` is worth `value` units of `quote`
/// (`1 EUR = 655.957 XOF` is base EUR, quote XOF, value 655.957).
///
/// A rate is validated: its value is positive, and a currency's rate to itself is exactly 1.
/// A rate published the other way round is turned with [`Rate::inverse`] or
/// [`Rate::oriented`]; inversion and cross rates keep all 28 significant digits a
/// `Decimal` holds. In JSON: `{"base": "EUR", "quote": "XOF", "value": "655.957"}`.
///
/// ```
/// use remitcost::{Currency, Money, Rate};
/// use rust_decimal::Decimal;
/// let eur = Currency::parse("EUR").unwrap();
/// let xof = Currency::parse("XOF").unwrap();
/// let rate = Rate::new(eur, xof, "655.957".parse().unwrap()).unwrap();
/// let sent = Money::parse("200", "EUR").unwrap();
/// assert_eq!(rate.convert(&sent).unwrap().to_string(), "131191.400 XOF");
/// assert_eq!(Rate::new(eur, xof, Decimal::ZERO).unwrap_err().code(), "invalid_rate");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawRate")]
pub struct Rate {
    base: Currency,
    quote: Currency,
    value: Decimal,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRate {
    base: Currency,
    quote: Currency,
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    value: Decimal,
}

impl TryFrom<RawRate> for Rate {
    type Error = Error;
    fn try_from(raw: RawRate) -> Result<Rate> {
        Rate::new(raw.base, raw.quote, raw.value)
    }
}

impl Rate {
    /// A validated rate: `1 base = value quote`.
    pub fn new(base: Currency, quote: Currency, value: Decimal) -> Result<Rate> {
        if value <= Decimal::ZERO {
            return Err(Error::InvalidRate(format!(
                "{base}/{quote} {value}: must be positive"
            )));
        }
        if base == quote && value != Decimal::ONE {
            return Err(Error::InvalidRate(format!(
                "{base}/{quote} {value}: must be 1"
            )));
        }
        Ok(Rate { base, quote, value })
    }

    /// The rate of a currency to itself (1), for same-currency transfers.
    ///
    /// ```
    /// let eur = remitcost::Currency::parse("EUR").unwrap();
    /// assert_eq!(remitcost::Rate::identity(eur).value(), rust_decimal::Decimal::ONE);
    /// ```
    pub fn identity(currency: Currency) -> Rate {
        Rate {
            base: currency,
            quote: currency,
            value: Decimal::ONE,
        }
    }

    /// The currency one unit of which is priced.
    pub fn base(&self) -> Currency {
        self.base
    }

    /// The currency the price is in.
    pub fn quote(&self) -> Currency {
        self.quote
    }

    /// Units of `quote` per unit of `base`.
    pub fn value(&self) -> Decimal {
        self.value
    }

    /// The same rate quoted the other way round (`1 XOF = 0.00152449… EUR`).
    ///
    /// ```
    /// use remitcost::{Currency, Rate};
    /// let r = Rate::new(Currency::parse("USD").unwrap(), Currency::parse("MXN").unwrap(), "20".parse().unwrap()).unwrap();
    /// let inv = r.inverse().unwrap();
    /// assert_eq!((inv.base().code(), inv.quote().code()), ("MXN", "USD"));
    /// assert_eq!(inv.value().to_string(), "0.05");
    /// ```
    pub fn inverse(&self) -> Result<Rate> {
        let value = decimal::div(Decimal::ONE, self.value, "rate inversion")?;
        Rate::new(self.quote, self.base, value.normalize())
    }

    /// This rate as `base → quote`, inverting it if it is quoted the other way; an error if it
    /// is a rate between other currencies.
    ///
    /// ```
    /// use remitcost::{Currency, Rate};
    /// let gbp = Currency::parse("GBP").unwrap();
    /// let inr = Currency::parse("INR").unwrap();
    /// let published = Rate::new(inr, gbp, "0.0095".parse().unwrap()).unwrap();
    /// let r = published.oriented(gbp, inr).unwrap();
    /// assert_eq!(r.value().round_dp(4).to_string(), "105.2632");
    /// ```
    pub fn oriented(&self, base: Currency, quote: Currency) -> Result<Rate> {
        if self.base == base && self.quote == quote {
            Ok(*self)
        } else if self.base == quote && self.quote == base {
            self.inverse()
        } else {
            Err(Error::CurrencyMismatch {
                expected: format!("{base}/{quote}"),
                found: format!("{}/{}", self.base, self.quote),
            })
        }
    }

    /// The cross rate through the currency the two rates share (the pivot, often USD):
    /// from `EUR/USD` and `USD/XOF` (either may be quoted the other way round) to `EUR/XOF`.
    /// The result's base is this rate's non-pivot currency.
    ///
    /// ```
    /// use remitcost::{Currency, Rate};
    /// let c = |s| Currency::parse(s).unwrap();
    /// let eur_usd = Rate::new(c("EUR"), c("USD"), "1.10".parse().unwrap()).unwrap();
    /// let mxn_usd = Rate::new(c("MXN"), c("USD"), "0.05".parse().unwrap()).unwrap();
    /// let eur_mxn = eur_usd.cross(&mxn_usd).unwrap();
    /// assert_eq!((eur_mxn.base().code(), eur_mxn.quote().code()), ("EUR", "MXN"));
    /// assert_eq!(eur_mxn.value().to_string(), "22");
    /// ```
    pub fn cross(&self, other: &Rate) -> Result<Rate> {
        let pivot = [self.base, self.quote]
            .into_iter()
            .find(|c| *c == other.base || *c == other.quote)
            .ok_or_else(|| Error::CurrencyMismatch {
                expected: format!("a currency of {}/{}", self.base, self.quote),
                found: format!("{}/{}", other.base, other.quote),
            })?;
        let from = if self.base == pivot {
            self.quote
        } else {
            self.base
        };
        let to = if other.base == pivot {
            other.quote
        } else {
            other.base
        };
        if from == to {
            return Err(Error::InvalidRate(format!(
                "{from}/{to}: a cross rate needs two different outer currencies"
            )));
        }
        let leg1 = self.oriented(from, pivot)?;
        let leg2 = other.oriented(pivot, to)?;
        let value = decimal::mul(leg1.value, leg2.value, "cross rate")?;
        Rate::new(from, to, value.normalize())
    }

    /// Converts money in either currency of the rate into the other, exactly (unrounded).
    pub fn convert(&self, money: &Money) -> Result<Money> {
        if money.currency == self.base {
            let amount = decimal::mul(money.amount, self.value, "conversion")?;
            Ok(Money::new(amount, self.quote))
        } else if money.currency == self.quote {
            let amount = decimal::div(money.amount, self.value, "conversion")?;
            Ok(Money::new(amount, self.base))
        } else {
            Err(Error::CurrencyMismatch {
                expected: format!("{} or {}", self.base, self.quote),
                found: money.currency.to_string(),
            })
        }
    }
}

/// The exchange margin of an offered rate against the reference (mid-market) rate, in percent:
/// `(mid − offered) / mid × 100`, unrounded and normalised (no trailing zeros). Both rates may be quoted either way round; the
/// margin is measured in the offered rate's direction after turning `mid` to match. It is
/// negative when the offer beats the reference: the sign is kept, never clamped.
///
/// ```
/// use remitcost::{fx_margin_pct, Currency, Rate};
/// let c = |s| Currency::parse(s).unwrap();
/// let mid = Rate::new(c("USD"), c("MXN"), "17.00".parse().unwrap()).unwrap();
/// let offer = Rate::new(c("USD"), c("MXN"), "16.66".parse().unwrap()).unwrap();
/// assert_eq!(fx_margin_pct(&offer, &mid).unwrap().to_string(), "2");
/// let better = Rate::new(c("USD"), c("MXN"), "17.17".parse().unwrap()).unwrap();
/// assert_eq!(fx_margin_pct(&better, &mid).unwrap().to_string(), "-1");
/// ```
pub fn fx_margin_pct(offered: &Rate, mid: &Rate) -> Result<Decimal> {
    let mid = mid.oriented(offered.base, offered.quote)?;
    let gap = decimal::sub(mid.value, offered.value, "fx margin")?;
    Ok(decimal::pct_of(gap, mid.value, "fx margin")?.normalize())
}

/// The money lost in the exchange when `exchanged` (in the offered rate's base currency) is
/// converted at `offered` instead of `mid`: `exchanged × margin% / 100`, unrounded, in the
/// currency of `exchanged`. Negative when the offer beats the reference.
///
/// ```
/// use remitcost::{fx_margin, Currency, Money, Rate};
/// let c = |s| Currency::parse(s).unwrap();
/// let mid = Rate::new(c("GBP"), c("INR"), "105".parse().unwrap()).unwrap();
/// let offer = Rate::new(c("GBP"), c("INR"), "102.9".parse().unwrap()).unwrap();
/// let lost = fx_margin(&Money::parse("120", "GBP").unwrap(), &offer, &mid).unwrap();
/// assert_eq!(lost.to_string(), "2.40 GBP");
/// ```
pub fn fx_margin(exchanged: &Money, offered: &Rate, mid: &Rate) -> Result<Money> {
    if exchanged.currency != offered.base {
        return Err(Error::CurrencyMismatch {
            expected: offered.base.to_string(),
            found: exchanged.currency.to_string(),
        });
    }
    let pct = fx_margin_pct(offered, mid)?;
    let lost = decimal::div(
        decimal::mul(exchanged.amount, pct, "fx cost")?,
        HUNDRED,
        "fx cost",
    )?;
    Ok(Money::new(lost, exchanged.currency))
}
