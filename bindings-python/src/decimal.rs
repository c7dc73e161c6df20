//! `decimal.Decimal` in and out (core's `decimal` module), and JSON-shaped Python data to and
//! from `serde_json` values for the types core reads as JSON (schedules, offers, options).

use crate::error::Error;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};
use rust_decimal::Decimal;

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The `decimal.Decimal` class.
pub fn decimal_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DECIMAL.import(py, "decimal", "Decimal")
}

/// A decimal argument: a `decimal.Decimal`, an `int` (or any integer type with `__index__`,
/// such as `numpy.int64`), a `str` (as core's `parse_decimal` reads it) or a finite `float`
/// (`numpy.float64` included), read through its shortest `repr` (`0.1` is `Decimal("0.1")`,
/// not the binary value `0.1000000000000000055…`). `bool` is refused (`TypeError`); NaN and
/// infinities (float or Decimal) are `RemitError` with code `invalid_decimal`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dec(pub Decimal);

impl FromPyObject<'_, '_> for Dec {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        let text = if obj.is_instance_of::<PyBool>() {
            return Err(PyTypeError::new_err(
                "expected a decimal.Decimal, int, str or float, got bool",
            ));
        } else if let Ok(s) = obj.cast::<PyString>() {
            s.to_cow()?.into_owned()
        } else if obj.is_instance_of::<PyFloat>() {
            // float's repr is the shortest string that reads back as the same float (taken
            // from a plain float: subclasses such as numpy.float64 repr differently).
            let value: f64 = obj.extract()?;
            PyFloat::new(py, value).repr()?.to_cow()?.into_owned()
        } else if obj.is_instance_of::<PyInt>() || obj.is_instance(decimal_type(py)?)? {
            obj.str()?.to_cow()?.into_owned()
        } else if obj.hasattr("__index__")? {
            // Other integers (numpy.int64, …) through `operator.index`.
            obj.call_method0("__index__")?.str()?.to_cow()?.into_owned()
        } else {
            return Err(PyTypeError::new_err(format!(
                "expected a decimal.Decimal, int, str or float, got {}",
                obj.get_type().name()?
            )));
        };
        remitcost::parse_decimal(&text)
            .map(Dec)
            .map_err(|e| Error(e).into())
    }
}

/// A core decimal on its way out (a `wrapper!` field of type `Dec`).
impl From<Decimal> for Dec {
    fn from(d: Decimal) -> Self {
        Dec(d)
    }
}

impl<'py> IntoPyObject<'py> for Dec {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal_type(py)?.call1((self.0.to_string(),))
    }
}

/// Parses a decimal number as core does: plain digits or scientific notation, surrounding
/// white space ignored; anything else (`"1,000"`, `"NaN"`, `""`) raises `RemitError` with code
/// `invalid_decimal`.
///
/// >>> parse_decimal("5E-2")
/// Decimal('0.05')
#[pyfunction]
pub fn parse_decimal(text: &str) -> Result<Dec, Error> {
    Ok(Dec(remitcost::parse_decimal(text)?))
}

/// The JSON keys whose values are whole numbers in core's schema (times in seconds since the
/// Unix epoch); every other number is a decimal, which core's JSON writes as a string.
const INTEGER_KEYS: &[&str] = &[
    "collected_at",
    "oldest_quote",
    "now",
    "smart_min_services",
    "services",
    "eligible",
    "row",
];

/// JSON-shaped Python data (dict, list, str, bool, None and decimals) as a `serde_json`
/// value, for core's serde readers. Numbers (`Decimal`, `int`, `float`) become decimal
/// strings, as core's JSON schema writes them, except under the schema's integer keys, which
/// take an `int` or a timezone-aware `datetime` (as Unix seconds); anything else is a
/// `TypeError`.
pub fn to_json(obj: &Bound<'_, PyAny>) -> PyResult<serde_json::Value> {
    to_json_at(obj, false)
}

fn to_json_at(obj: &Bound<'_, PyAny>, integer: bool) -> PyResult<serde_json::Value> {
    use serde_json::Value;
    if integer && obj.is_instance_of::<PyInt>() && !obj.is_instance_of::<PyBool>() {
        return Ok(Value::from(obj.extract::<i64>()?));
    }
    if integer && obj.hasattr("timestamp")? && obj.hasattr("tzinfo")? {
        if obj.getattr("tzinfo")?.is_none() {
            return Err(PyTypeError::new_err(
                "a naive datetime is ambiguous: give it a timezone (e.g. datetime.timezone.utc)",
            ));
        }
        let seconds: f64 = obj.call_method0("timestamp")?.extract()?;
        return Ok(Value::from(seconds.floor() as i64));
    }
    if obj.is_none() {
        Ok(Value::Null)
    } else if let Ok(b) = obj.cast::<PyBool>() {
        Ok(Value::Bool(b.is_true()))
    } else if let Ok(s) = obj.cast::<PyString>() {
        Ok(Value::String(s.to_cow()?.into_owned()))
    } else if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = serde_json::Map::with_capacity(d.len());
        for (key, value) in d.iter() {
            let key = key.cast::<PyString>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "dict keys must be str, got {}",
                    key.repr().map(|r| r.to_string()).unwrap_or_default()
                ))
            })?;
            let key = key.to_cow()?.into_owned();
            let integer = INTEGER_KEYS.contains(&key.as_str());
            map.insert(key, to_json_at(&value, integer)?);
        }
        Ok(Value::Object(map))
    } else if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        obj.try_iter()?
            .map(|item| to_json_at(&item?, integer))
            .collect::<PyResult<Vec<_>>>()
            .map(Value::Array)
    } else if let Ok(c) = obj.cast::<crate::currency::Currency>() {
        Ok(Value::String(c.get().0.code().to_string()))
    } else if let Ok(p) = obj.cast::<crate::observation::Period>() {
        Ok(Value::String(p.get().0.to_string()))
    } else if let Ok(r) = obj.cast::<crate::money::Rounding>() {
        serde_json::to_value(remitcost::Rounding::from(*r.get()))
            .map_err(|e| Error(remitcost::Error::from(e)).into())
    } else if obj.hasattr("to_dict")? && !obj.is_instance(decimal_type(obj.py())?)? {
        // A remitcost object (a schedule inside an offer, …) passes as its own JSON form.
        to_json(&obj.call_method0("to_dict")?)
    } else {
        let Dec(d) = obj.extract::<Dec>()?;
        Ok(Value::String(d.to_string()))
    }
}

/// Reads a core type from JSON-shaped Python data: a `dict` (or another remitcost object) or
/// a JSON document as `str`. A document that does not fit the schema is `RemitError` with
/// code `invalid_json`.
pub fn from_py<T: serde::de::DeserializeOwned>(obj: &Bound<'_, PyAny>) -> PyResult<T> {
    let parsed = if let Ok(text) = obj.cast::<PyString>() {
        serde_json::from_str(&text.to_cow()?)
    } else if obj.is_instance_of::<PyDict>() || obj.hasattr("to_dict")? {
        serde_json::from_value(to_json(obj)?)
    } else {
        return Err(PyTypeError::new_err(format!(
            "expected a dict or a JSON str, got {}",
            obj.get_type().name()?
        )));
    };
    parsed.map_err(|e| Error(remitcost::Error::from(e)).into())
}

/// A core value's JSON form as Python data (`dict`, `list`, `str`, `bool`, `None`), with the
/// strings under `decimal_keys` as `decimal.Decimal` (core writes decimals as strings).
pub fn to_py<'py, T: serde::Serialize>(
    py: Python<'py>,
    value: &T,
    decimal_keys: &[&str],
) -> PyResult<Bound<'py, PyAny>> {
    let json = serde_json::to_value(value).map_err(|e| Error(remitcost::Error::from(e)))?;
    json_to_py(py, &json, decimal_keys, false)
}

fn json_to_py<'py>(
    py: Python<'py>,
    value: &serde_json::Value,
    decimal_keys: &[&str],
    is_decimal: bool,
) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (_, Some(u)) => u.into_pyobject(py)?.into_any(),
            _ => decimal_type(py)?.call1((n.to_string(),))?,
        },
        Value::String(s) if is_decimal => decimal_type(py)?.call1((s.as_str(),))?,
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => PyList::new(
            py,
            items
                .iter()
                .map(|v| json_to_py(py, v, decimal_keys, is_decimal))
                .collect::<PyResult<Vec<_>>>()?,
        )?
        .into_any(),
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                let dec = decimal_keys.contains(&k.as_str());
                dict.set_item(k, json_to_py(py, v, decimal_keys, dec)?)?;
            }
            dict.into_any()
        }
    })
}

/// `Name(key=repr(value), ...)` from a `to_dict()` result: the constructor call that rebuilds
/// the object.
pub fn kwargs_repr(name: &str, dict: &Bound<'_, PyAny>) -> PyResult<String> {
    let dict = dict.cast::<PyDict>()?;
    let mut parts = Vec::with_capacity(dict.len());
    for (k, v) in dict.iter() {
        parts.push(format!("{}={}", k.str()?, v.repr()?));
    }
    Ok(format!("{name}({})", parts.join(", ")))
}

/// A core enum from its JSON name (`"half_even"`, `"usd200"`, …); an unknown name is
/// `RemitError` with code `invalid_json`.
pub fn from_name<T: serde::de::DeserializeOwned>(name: &str) -> PyResult<T> {
    serde_json::from_value(serde_json::Value::String(name.to_string()))
        .map_err(|e| Error(remitcost::Error::from(e)).into())
}

/// The JSON name of a core enum (`"half_even"`).
pub fn json_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(e) => e.to_string(),
    }
}
