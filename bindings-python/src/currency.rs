//! `Currency` (core's `currency` module).

use crate::error::Result;
use crate::fields::wrapper;
use pyo3::prelude::*;
use pyo3::types::PyString;

/// An ISO 4217 currency that money can be sent in, with its minor units (EUR 2, JPY 0,
/// KWD 3). Codes are case-insensitive; codes that are not money (`XAU`, `XDR`) raise
/// `RemitError` with code `unknown_currency`.
///
/// >>> Currency(code="xof")
/// Currency('XOF')
/// >>> Currency.parse("KWD").minor_units
/// 3
#[pyclass(module = "remitcost", frozen, eq, hash, ord)]
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency(pub remitcost::Currency);

wrapper!(Currency {
    /// The three-letter code, upper case.
    code: &'static str => |c| c.code(),
    /// How many decimal places the currency's minor unit has.
    minor_units: u32 => |c| c.minor_units(),
});

#[pymethods]
impl Currency {
    #[new]
    #[pyo3(signature = (*, code))]
    fn new(code: &str) -> Result<Self> {
        Ok(Currency(remitcost::Currency::parse(code)?))
    }

    /// Looks up an ISO 4217 alphabetic code (same as `Currency(code=...)`).
    #[staticmethod]
    fn parse(code: &str) -> Result<Self> {
        Currency::new(code)
    }

    fn __str__(&self) -> &'static str {
        self.0.code()
    }

    fn __repr__(&self) -> String {
        format!("Currency('{}')", self.0.code())
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (&'static str,))> {
        Ok((slf.get_type().getattr("parse")?, (slf.get().0.code(),)))
    }
}

/// A core currency on its way out (a `wrapper!` field of type `Currency`).
impl From<remitcost::Currency> for Currency {
    fn from(c: remitcost::Currency) -> Self {
        Currency(c)
    }
}

/// A currency argument: a `Currency` or its code as `str`.
pub struct CurrencyArg(pub remitcost::Currency);

impl FromPyObject<'_, '_> for CurrencyArg {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        if let Ok(c) = obj.cast::<Currency>() {
            return Ok(CurrencyArg(c.get().0));
        }
        let code = obj.cast::<PyString>().map_err(|_| {
            pyo3::exceptions::PyTypeError::new_err(format!(
                "expected a Currency or a currency code (str), got {}",
                obj.get_type()
                    .name()
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            ))
        })?;
        let parsed = remitcost::Currency::parse(&code.to_cow()?).map_err(crate::error::Error)?;
        Ok(CurrencyArg(parsed))
    }
}
