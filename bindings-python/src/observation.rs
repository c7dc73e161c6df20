//! `Period`, `RpwAmount` (core's `observation` module). Observations themselves come out of
//! the dataset readers as table columns (see `dataset.rs`).

use crate::currency::CurrencyArg;
use crate::decimal::Dec;
use crate::error::Result;
use crate::fields::wrapper;
use crate::fx::Rate;
use crate::money::{Money, RoundingArg};
use pyo3::prelude::*;

/// A calendar quarter, the period of an RPW survey. `Period.parse` reads `2016_2Q` (RPW
/// dataset), `2016Q2` / `2016Q2 [YR2016Q2]` (DataBank) and `Q2 2016`; `str()` gives the RPW
/// spelling. Periods order chronologically.
///
/// >>> Period.parse("Q2 2016")
/// Period('2016_2Q')
/// >>> Period(year=2017, quarter=1).previous()
/// Period('2016_4Q')
#[pyclass(module = "remitcost", frozen, eq, hash, ord)]
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period(pub remitcost::Period);

wrapper!(Period {
    /// The year.
    year: u16,
    /// The quarter, 1 to 4.
    quarter: u8,
});

#[pymethods]
impl Period {
    #[new]
    #[pyo3(signature = (*, year, quarter))]
    fn new(year: u16, quarter: u8) -> Result<Self> {
        Ok(Period(remitcost::Period::new(year, quarter)?))
    }

    /// Parses any of the published spellings; `invalid_period` otherwise.
    #[staticmethod]
    fn parse(text: &str) -> Result<Self> {
        Ok(Period(text.parse()?))
    }

    /// The quarter before this one, or `None` before year 0.
    fn previous(&self) -> Option<Self> {
        self.0.previous().map(Period)
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self) -> String {
        format!("Period('{}')", self.0)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((slf.get_type().getattr("parse")?, (slf.get().0.to_string(),)))
    }
}

/// Which of the two RPW amounts an indicator is computed for: `USD_200` (the `cc1` block,
/// RPW's headline) or `USD_500` (`cc2`). Wherever one is expected its JSON name is accepted
/// too (`"usd200"`, `"usd500"`).
#[pyclass(module = "remitcost", eq, frozen, hash)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum RpwAmount {
    /// The send-currency equivalent of USD 200.
    #[pyo3(name = "USD_200")]
    Usd200,
    /// The send-currency equivalent of USD 500.
    #[pyo3(name = "USD_500")]
    Usd500,
}

impl From<remitcost::RpwAmount> for RpwAmount {
    fn from(a: remitcost::RpwAmount) -> Self {
        match a {
            remitcost::RpwAmount::Usd200 => RpwAmount::Usd200,
            remitcost::RpwAmount::Usd500 => RpwAmount::Usd500,
        }
    }
}

impl From<RpwAmount> for remitcost::RpwAmount {
    fn from(a: RpwAmount) -> Self {
        match a {
            RpwAmount::Usd200 => remitcost::RpwAmount::Usd200,
            RpwAmount::Usd500 => remitcost::RpwAmount::Usd500,
        }
    }
}

#[pymethods]
impl RpwAmount {
    /// The amount from its JSON name (`"usd200"`, `"usd500"`).
    #[staticmethod]
    fn parse(name: &str) -> PyResult<Self> {
        crate::decimal::from_name::<remitcost::RpwAmount>(name).map(RpwAmount::from)
    }

    /// The amount in US dollars: 200 or 500.
    fn usd(&self) -> Dec {
        Dec(remitcost::RpwAmount::from(*self).usd())
    }

    /// The send-currency equivalent of this amount at a reference rate between USD and
    /// `currency` (quoted either way round), rounded to the currency's minor units.
    #[pyo3(signature = (usd_rate, currency, rounding = RoundingArg(remitcost::Rounding::HalfEven)))]
    fn in_currency(
        &self,
        usd_rate: &Rate,
        currency: CurrencyArg,
        rounding: RoundingArg,
    ) -> Result<Money> {
        Ok(Money(remitcost::RpwAmount::from(*self).in_currency(
            &usd_rate.0,
            currency.0,
            rounding.0,
        )?))
    }

    /// The JSON name (`"usd200"`).
    #[getter]
    fn value(&self) -> String {
        crate::decimal::json_name(&remitcost::RpwAmount::from(*self))
    }
}
