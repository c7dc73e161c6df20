//! `Money` and `Rounding` (core's `money` module).

use crate::currency::{Currency, CurrencyArg};
use crate::decimal::Dec;
use crate::error::Result;
use crate::fields::wrapper;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyString;

/// An exact amount in one currency. `+` and `-` are checked: mixing currencies raises
/// `RemitError` with code `currency_mismatch`. Nothing is rounded until `round()`.
///
/// >>> fee = Money(amount="4.99", currency="EUR")
/// >>> fee + Money(amount="0.001", currency="EUR")
/// Money(amount=Decimal('4.991'), currency='EUR')
/// >>> str((fee + Money(amount="0.001", currency="EUR")).round())
/// '4.99 EUR'
#[pyclass(module = "remitcost", frozen, eq, hash)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money(pub remitcost::Money);

wrapper!(Money {
    /// The amount, in major units.
    amount: Dec,
    /// The currency.
    currency: Currency,
}
/// `{"amount": Decimal, "currency": "EUR"}`.
to_dict(&["amount"]) and __repr__);

#[pymethods]
impl Money {
    #[new]
    #[pyo3(signature = (*, amount, currency))]
    fn new(amount: Dec, currency: CurrencyArg) -> Self {
        Money(remitcost::Money::new(amount.0, currency.0))
    }

    /// Parses an amount (as `parse_decimal` reads it) and a currency code.
    #[staticmethod]
    fn parse(amount: &str, currency: &str) -> Result<Self> {
        Ok(Money(remitcost::Money::parse(amount, currency)?))
    }

    /// The amount rounded to the currency's minor units under `rule`, at exactly that scale.
    #[pyo3(signature = (rule = RoundingArg(remitcost::Rounding::HalfEven)))]
    fn round(&self, rule: RoundingArg) -> Self {
        Money(self.0.round(rule.0))
    }

    fn __add__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        match other.cast::<Money>() {
            Ok(o) => Ok(Money(
                self.0
                    .checked_add(&o.get().0)
                    .map_err(crate::error::Error)?,
            )
            .into_pyobject(py)?
            .into_any()
            .unbind()),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    fn __sub__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        match other.cast::<Money>() {
            Ok(o) => Ok(Money(
                self.0
                    .checked_sub(&o.get().0)
                    .map_err(crate::error::Error)?,
            )
            .into_pyobject(py)?
            .into_any()
            .unbind()),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (String, &'static str))> {
        let m = slf.get().0;
        Ok((
            slf.get_type().getattr("parse")?,
            (m.amount.to_string(), m.currency.code()),
        ))
    }
}

/// How a result is rounded when it is reported (nothing is rounded inside a computation).
/// Names follow Python's `decimal` module: `UP` rounds away from zero, `DOWN` towards zero.
/// Wherever a rounding is expected its JSON name is accepted too (`"half_even"`,
/// `"half_away_from_zero"`, `"up"`, `"down"`).
///
/// >>> Rounding.HALF_EVEN.round(Decimal("2.345"), 2)
/// Decimal('2.34')
/// >>> Rounding.HALF_AWAY_FROM_ZERO.round(Decimal("2.345"), 2)
/// Decimal('2.35')
#[pyclass(module = "remitcost", eq, frozen, hash)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rounding {
    /// Round half to even (banker's rounding). The default.
    #[pyo3(name = "HALF_EVEN")]
    HalfEven,
    /// Round half away from zero.
    #[pyo3(name = "HALF_AWAY_FROM_ZERO")]
    HalfAwayFromZero,
    /// Round away from zero.
    #[pyo3(name = "UP")]
    Up,
    /// Round towards zero (truncate).
    #[pyo3(name = "DOWN")]
    Down,
}

impl From<Rounding> for remitcost::Rounding {
    fn from(r: Rounding) -> Self {
        match r {
            Rounding::HalfEven => remitcost::Rounding::HalfEven,
            Rounding::HalfAwayFromZero => remitcost::Rounding::HalfAwayFromZero,
            Rounding::Up => remitcost::Rounding::Up,
            Rounding::Down => remitcost::Rounding::Down,
        }
    }
}

impl From<remitcost::Rounding> for Rounding {
    fn from(r: remitcost::Rounding) -> Self {
        match r {
            remitcost::Rounding::HalfEven => Rounding::HalfEven,
            remitcost::Rounding::HalfAwayFromZero => Rounding::HalfAwayFromZero,
            remitcost::Rounding::Up => Rounding::Up,
            remitcost::Rounding::Down => Rounding::Down,
        }
    }
}

#[pymethods]
impl Rounding {
    /// The rule from its JSON name (`"half_even"`, `"half_away_from_zero"`, `"up"`, `"down"`).
    #[staticmethod]
    fn parse(name: &str) -> PyResult<Self> {
        crate::decimal::from_name::<remitcost::Rounding>(name).map(Rounding::from)
    }

    /// `value` rounded to `places` decimals under this rule, at exactly that scale.
    fn round(&self, value: Dec, places: u32) -> Dec {
        Dec(remitcost::Rounding::from(*self).round(value.0, places))
    }

    /// A percentage rounded to `PCT_DECIMALS` (4) places.
    fn round_pct(&self, pct: Dec) -> Dec {
        Dec(remitcost::Rounding::from(*self).round_pct(pct.0))
    }

    /// An amount rounded to the minor units of `currency`.
    fn round_money(&self, amount: Dec, currency: CurrencyArg) -> Dec {
        Dec(remitcost::Rounding::from(*self).round_money(amount.0, currency.0))
    }

    /// The JSON name of the rule (`"half_even"`, …).
    #[getter]
    fn value(&self) -> String {
        crate::decimal::json_name(&remitcost::Rounding::from(*self))
    }
}

/// A rounding argument: a `Rounding` or its JSON name.
pub struct RoundingArg(pub remitcost::Rounding);

impl FromPyObject<'_, '_> for RoundingArg {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        if let Ok(r) = obj.cast::<Rounding>() {
            return Ok(RoundingArg((*r.get()).into()));
        }
        if let Ok(name) = obj.cast::<PyString>() {
            return crate::decimal::from_name(&name.to_cow()?).map(RoundingArg);
        }
        Err(PyTypeError::new_err(format!(
            "expected a Rounding or its name, got {}",
            obj.get_type().name()?
        )))
    }
}
