//! `Rate`, `fx_margin_pct`, `fx_margin` (core's `fx` module).

use crate::currency::{Currency, CurrencyArg};
use crate::decimal::Dec;
use crate::error::Result;
use crate::fields::wrapper;
use crate::money::Money;
use pyo3::prelude::*;

/// An exchange rate: one unit of `base` is worth `value` units of `quote`
/// (`1 EUR = 655.957 XOF`). Validated: the value is positive and a currency's rate to itself
/// is 1, else `RemitError` with code `invalid_rate`. Inversion and cross rates keep the 28
/// significant digits of the core's decimal.
///
/// >>> r = Rate(base="EUR", quote="XOF", value="655.957")
/// >>> r.convert(Money(amount=200, currency="EUR"))
/// Money(amount=Decimal('131191.400'), currency='XOF')
#[pyclass(module = "remitcost", frozen, eq, hash)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rate(pub remitcost::Rate);

wrapper!(Rate {
    /// The currency one unit of which is priced.
    base: Currency => |r| Currency(r.base()),
    /// The currency the price is in.
    quote: Currency => |r| Currency(r.quote()),
    /// Units of `quote` per unit of `base`.
    value: Dec => |r| Dec(r.value()),
}
/// `{"base": "EUR", "quote": "XOF", "value": Decimal}`.
to_dict(&["value"]) and __repr__);

#[pymethods]
impl Rate {
    #[new]
    #[pyo3(signature = (*, base, quote, value))]
    fn new(base: CurrencyArg, quote: CurrencyArg, value: Dec) -> Result<Self> {
        Ok(Rate(remitcost::Rate::new(base.0, quote.0, value.0)?))
    }

    /// The rate of a currency to itself (1), for same-currency transfers.
    #[staticmethod]
    fn identity(currency: CurrencyArg) -> Self {
        Rate(remitcost::Rate::identity(currency.0))
    }

    /// The same rate quoted the other way round.
    fn inverse(&self) -> Result<Self> {
        Ok(Rate(self.0.inverse()?))
    }

    /// This rate as `base → quote`, inverted if quoted the other way; `currency_mismatch` if
    /// it is a rate between other currencies.
    fn oriented(&self, base: CurrencyArg, quote: CurrencyArg) -> Result<Self> {
        Ok(Rate(self.0.oriented(base.0, quote.0)?))
    }

    /// The cross rate through the currency the two rates share (EUR/USD × USD/XOF → EUR/XOF).
    fn cross(&self, other: &Rate) -> Result<Self> {
        Ok(Rate(self.0.cross(&other.0)?))
    }

    /// Converts money in either currency of the rate into the other, exactly (unrounded).
    fn convert(&self, money: &Money) -> Result<Money> {
        Ok(Money(self.0.convert(&money.0)?))
    }
}

/// The exchange margin of an offered rate against the reference (mid) rate, in percent:
/// `(mid − offered) / mid × 100`, unrounded and normalised (no trailing zeros); negative
/// when the offer beats the reference.
/// Either rate may be quoted the other way round.
///
/// >>> mid = Rate(base="USD", quote="MXN", value="17.00")
/// >>> fx_margin_pct(Rate(base="USD", quote="MXN", value="16.66"), mid)
/// Decimal('2')
#[pyfunction]
pub fn fx_margin_pct(offered: &Rate, mid: &Rate) -> Result<Dec> {
    Ok(Dec(remitcost::fx_margin_pct(&offered.0, &mid.0)?))
}

/// The money lost in the exchange when `exchanged` (in the offered rate's base currency) is
/// converted at `offered` instead of `mid`, unrounded.
#[pyfunction]
pub fn fx_margin(exchanged: &Money, offered: &Rate, mid: &Rate) -> Result<Money> {
    Ok(Money(remitcost::fx_margin(
        &exchanged.0,
        &offered.0,
        &mid.0,
    )?))
}
