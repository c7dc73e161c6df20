//! Columns of results as one `Table` that becomes a pyarrow table (decimal128 columns built
//! from buffers, no Python object per value), a pandas or polars DataFrame, or plain Python
//! lists; and columns of decimals read back from pyarrow, pandas, polars, numpy or any
//! iterable. Representation only: values are never computed here.

use crate::decimal::Dec;
use crate::error::Error;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};
use rust_decimal::Decimal;
use std::sync::Arc;

/// The values of one column.
pub enum Values {
    /// Exact decimals (Arrow decimal128 at the column's largest scale).
    Dec(Vec<Option<Decimal>>),
    /// Text (Arrow large_string).
    Str(Vec<Option<String>>),
    /// Text shared between rows (a batch's provider and currency codes, the same for all of
    /// an offer's rows): a reference count per row, not a copy; the same Arrow large_string.
    Shared(Vec<Option<Arc<str>>>),
    /// Whole numbers (Arrow int64).
    Int(Vec<Option<i64>>),
    /// Booleans (Arrow bool).
    Bool(Vec<Option<bool>>),
    /// Exact decimals as integers at one scale (core's pricing figures): Arrow decimal128 at
    /// that scale, whose values are these integers themselves; `valid[i]` false is a null.
    Scaled {
        scale: u32,
        values: Vec<i128>,
        valid: Vec<bool>,
    },
}

impl Values {
    fn len(&self) -> usize {
        match self {
            Values::Dec(v) => v.len(),
            Values::Str(v) => v.len(),
            Values::Shared(v) => v.len(),
            Values::Int(v) => v.len(),
            Values::Bool(v) => v.len(),
            Values::Scaled { values, .. } => values.len(),
        }
    }
}

/// Builds a table column by column.
#[derive(Default)]
pub struct Builder {
    columns: Vec<(String, Values)>,
}

impl Builder {
    /// Adds a column.
    pub fn col(mut self, name: &str, values: Values) -> Self {
        self.columns.push((name.to_string(), values));
        self
    }

    /// The table (every column must have the same length).
    pub fn build(self) -> Table {
        let rows = self.columns.first().map_or(0, |(_, v)| v.len());
        debug_assert!(self.columns.iter().all(|(_, v)| v.len() == rows));
        Table {
            columns: self.columns,
            rows,
        }
    }
}

/// A table of results, columns of exact decimals, text, integers and booleans. Convert it
/// with `to_arrow()` (decimals as `decimal128`), `to_pandas()` (Arrow-backed dtypes when
/// pyarrow is installed, `Decimal` objects otherwise), `to_polars()`, `to_pylist()` (one dict
/// per row) or `to_dict()` (one list per column); `column(name)` gives one column as a list.
#[pyclass(module = "remitcost", frozen)]
pub struct Table {
    columns: Vec<(String, Values)>,
    rows: usize,
}

fn bitmap<T>(values: &[Option<T>]) -> (Option<Vec<u8>>, usize) {
    let nulls = values.iter().filter(|v| v.is_none()).count();
    if nulls == 0 {
        return (None, 0);
    }
    let mut bits = vec![0u8; values.len().div_ceil(8)];
    for (i, v) in values.iter().enumerate() {
        if v.is_some() {
            if let Some(byte) = bits.get_mut(i / 8) {
                *byte |= 1 << (i % 8);
            }
        }
    }
    (Some(bits), nulls)
}

/// The offsets and data buffers of an Arrow large_string column (a null is empty text).
fn string_buffers<'a>(
    values: impl ExactSizeIterator<Item = Option<&'a str>>,
) -> PyResult<(Vec<u8>, Vec<u8>)> {
    let mut offsets = Vec::with_capacity(values.len().saturating_add(1).saturating_mul(8));
    let mut data = Vec::new();
    offsets.extend_from_slice(&0i64.to_le_bytes());
    for s in values {
        data.extend_from_slice(s.unwrap_or("").as_bytes());
        let end = i64::try_from(data.len())
            .map_err(|_| Error(remitcost::Error::Overflow("string column")))?;
        offsets.extend_from_slice(&end.to_le_bytes());
    }
    Ok((offsets, data))
}

/// `10^k` as i128, if it fits.
fn pow10(k: u32) -> Option<i128> {
    10i128.checked_pow(k)
}

impl Table {
    fn column_py<'py>(&self, py: Python<'py>, values: &Values) -> PyResult<Bound<'py, PyList>> {
        match values {
            Values::Dec(v) => PyList::new(py, v.iter().map(|d| d.map(Dec))),
            Values::Str(v) => PyList::new(py, v),
            Values::Shared(v) => PyList::new(py, v.iter().map(|s| s.as_deref())),
            Values::Int(v) => PyList::new(py, v),
            Values::Bool(v) => PyList::new(py, v),
            Values::Scaled {
                scale,
                values,
                valid,
            } => PyList::new(
                py,
                values.iter().zip(valid).map(|(m, ok)| {
                    ok.then(|| Decimal::try_from_i128_with_scale(*m, *scale).ok().map(Dec))
                        .flatten()
                }),
            ),
        }
    }

    fn arrow_array<'py>(
        &self,
        pa: &Bound<'py, PyModule>,
        values: &Values,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = pa.py();
        let buffer = |bytes: &[u8]| pa.call_method1("py_buffer", (PyBytes::new(py, bytes),));
        let validity = |bits: Option<Vec<u8>>| -> PyResult<Bound<'py, PyAny>> {
            match bits {
                Some(b) => buffer(&b),
                None => Ok(py.None().into_bound(py)),
            }
        };
        let from_buffers =
            |ty: Bound<'py, PyAny>, buffers: Vec<Bound<'py, PyAny>>, nulls: usize| {
                let kwargs = PyDict::new(py);
                kwargs.set_item("null_count", nulls)?;
                pa.getattr("Array")?.call_method(
                    "from_buffers",
                    (ty, self.rows, buffers),
                    Some(&kwargs),
                )
            };
        // A large_string array from its offsets and data, and its validity.
        let text = |(offsets, data): (Vec<u8>, Vec<u8>),
                    (bits, nulls): (Option<Vec<u8>>, usize)| {
            let ty = pa.call_method0("large_string")?;
            from_buffers(
                ty,
                vec![validity(bits)?, buffer(&offsets)?, buffer(&data)?],
                nulls,
            )
        };
        match values {
            Values::Dec(v) => {
                let scale = v.iter().flatten().map(|d| d.scale()).max().unwrap_or(0);
                let mut data = Vec::with_capacity(v.len().saturating_mul(16));
                for d in v {
                    let m = match d {
                        Some(d) => pow10(scale.saturating_sub(d.scale()))
                            .and_then(|p| d.mantissa().checked_mul(p))
                            .filter(|m| m.unsigned_abs() < 10u128.pow(38)),
                        None => Some(0),
                    };
                    match m {
                        Some(m) => data.extend_from_slice(&m.to_le_bytes()),
                        None => {
                            // Wider than 38 digits at the column's scale (a 29-digit value
                            // beside a 28-place one): decimal256 holds any pair, built from
                            // the values themselves.
                            let ty = pa.call_method1("decimal256", (76, scale))?;
                            let kwargs = PyDict::new(py);
                            kwargs.set_item("type", ty)?;
                            return pa.call_method(
                                "array",
                                (self.column_py(py, values)?,),
                                Some(&kwargs),
                            );
                        }
                    }
                }
                let (bits, nulls) = bitmap(v);
                let ty = pa.call_method1("decimal128", (38, scale))?;
                from_buffers(ty, vec![validity(bits)?, buffer(&data)?], nulls)
            }
            Values::Str(v) => text(string_buffers(v.iter().map(|s| s.as_deref()))?, bitmap(v)),
            Values::Shared(v) => text(string_buffers(v.iter().map(|s| s.as_deref()))?, bitmap(v)),
            Values::Int(v) => {
                let data: Vec<u8> = v
                    .iter()
                    .flat_map(|i| i.unwrap_or(0).to_le_bytes())
                    .collect();
                let (bits, nulls) = bitmap(v);
                let ty = pa.call_method0("int64")?;
                from_buffers(ty, vec![validity(bits)?, buffer(&data)?], nulls)
            }
            Values::Scaled {
                scale,
                values,
                valid,
            } => {
                let data: Vec<u8> = values.iter().flat_map(|m| m.to_le_bytes()).collect();
                let flags: Vec<Option<()>> = valid.iter().map(|ok| ok.then_some(())).collect();
                let (bits, nulls) = bitmap(&flags);
                let ty = pa.call_method1("decimal128", (38, *scale))?;
                from_buffers(ty, vec![validity(bits)?, buffer(&data)?], nulls)
            }
            Values::Bool(v) => {
                let mut data = vec![0u8; v.len().div_ceil(8)];
                for (i, b) in v.iter().enumerate() {
                    if b == &Some(true) {
                        if let Some(byte) = data.get_mut(i / 8) {
                            *byte |= 1 << (i % 8);
                        }
                    }
                }
                let (bits, nulls) = bitmap(v);
                let ty = pa.call_method0("bool_")?;
                from_buffers(ty, vec![validity(bits)?, buffer(&data)?], nulls)
            }
        }
    }
}

#[pymethods]
impl Table {
    /// The column names, in order.
    #[getter]
    fn column_names(&self) -> Vec<String> {
        self.columns.iter().map(|(n, _)| n.clone()).collect()
    }

    /// The number of rows.
    #[getter]
    fn num_rows(&self) -> usize {
        self.rows
    }

    fn __len__(&self) -> usize {
        self.rows
    }

    /// One column as a list (`Decimal`, `str`, `int`, `bool` or `None` values).
    fn column<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyList>> {
        let (_, values) = self
            .columns
            .iter()
            .find(|(n, _)| n == name)
            .ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(name.to_string()))?;
        self.column_py(py, values)
    }

    /// `{column name: list of values}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (name, values) in &self.columns {
            d.set_item(name, self.column_py(py, values)?)?;
        }
        Ok(d)
    }

    /// One dict per row.
    fn to_pylist<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let columns = self
            .columns
            .iter()
            .map(|(n, v)| Ok((n.as_str(), self.column_py(py, v)?)))
            .collect::<PyResult<Vec<_>>>()?;
        let rows = PyList::empty(py);
        for i in 0..self.rows {
            let row = PyDict::new(py);
            for (name, list) in &columns {
                row.set_item(*name, list.get_item(i)?)?;
            }
            rows.append(row)?;
        }
        Ok(rows)
    }

    /// A `pyarrow.Table`: decimals as `decimal128(38, s)` with `s` the column's largest scale
    /// (`decimal256(76, s)` for a column whose values need more than 38 digits at that
    /// scale), text as `large_string`, whole numbers as `int64`. Needs pyarrow.
    fn to_arrow<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pa = py.import("pyarrow")?;
        let arrays = self
            .columns
            .iter()
            .map(|(_, v)| self.arrow_array(&pa, v))
            .collect::<PyResult<Vec<_>>>()?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("names", self.column_names())?;
        pa.getattr("Table")?
            .call_method("from_arrays", (arrays,), Some(&kwargs))
    }

    /// A `pandas.DataFrame`. With pyarrow installed its columns are Arrow-backed
    /// (`decimal128(38, s)[pyarrow]`, exact); without, decimals are `Decimal` objects.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pd = py.import("pandas")?;
        if py.import("pyarrow").is_ok() {
            let kwargs = PyDict::new(py);
            kwargs.set_item("types_mapper", pd.getattr("ArrowDtype")?)?;
            self.to_arrow(py)?
                .call_method("to_pandas", (), Some(&kwargs))
        } else {
            pd.call_method1("DataFrame", (self.to_dict(py)?,))
        }
    }

    /// A `polars.DataFrame` (through Arrow, decimals as `Decimal(38, s)`). Needs polars and
    /// pyarrow.
    fn to_polars<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("polars")?
            .call_method1("from_arrow", (self.to_arrow(py)?,))
    }

    fn __repr__(&self) -> String {
        format!(
            "Table({} rows: {})",
            self.rows,
            self.columns
                .iter()
                .map(|(n, _)| n.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

/// Reads a column of decimals: a pyarrow `Array` / `ChunkedArray` (decimal128 read from its
/// buffers; other types value by value), a pandas or polars `Series` (through Arrow when it
/// can), or any iterable of decimal-like values. Nulls are refused (`invalid_decimal`).
pub fn decimals(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Decimal>> {
    let py = obj.py();
    let module = obj
        .get_type()
        .getattr("__module__")
        .map(|m| m.to_string())
        .unwrap_or_default();
    if module.starts_with("pyarrow") {
        if obj.hasattr("chunks")? {
            let mut out = Vec::new();
            for chunk in obj.getattr("chunks")?.try_iter()? {
                out.extend(decimals(&chunk?)?);
            }
            return Ok(out);
        }
        if let Some(v) = arrow_decimal128(obj)? {
            return Ok(v);
        }
        return decimals(&obj.call_method0("to_pylist")?);
    }
    if module.starts_with("polars") && obj.hasattr("to_arrow")? {
        return decimals(&obj.call_method0("to_arrow")?);
    }
    if module.starts_with("pandas") {
        if let Ok(pa) = py.import("pyarrow") {
            if let Ok(arr) = pa.call_method1("array", (obj,)) {
                return decimals(&arr);
            }
        }
        return decimals(&obj.call_method0("tolist")?);
    }
    if module.starts_with("numpy") && obj.hasattr("tolist")? {
        return decimals(&obj.call_method0("tolist")?);
    }
    if obj.is_instance_of::<pyo3::types::PyString>() {
        return Err(PyTypeError::new_err(
            "expected a column of decimals, got str",
        ));
    }
    obj.try_iter()
        .map_err(|_| {
            PyTypeError::new_err(format!(
                "expected a column of decimals (list, pyarrow, pandas, polars, numpy), got {}",
                obj.get_type()
                    .name()
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            ))
        })?
        .map(|item| Ok(item?.extract::<Dec>()?.0))
        .collect()
}

/// A pyarrow decimal128 array's values, read from its buffers; `None` for other types.
fn arrow_decimal128(arr: &Bound<'_, PyAny>) -> PyResult<Option<Vec<Decimal>>> {
    let ty = arr.getattr("type")?;
    if !ty.hasattr("scale")? || ty.getattr("bit_width")?.extract::<u32>()? != 128 {
        return Ok(None);
    }
    let scale: i64 = ty.getattr("scale")?.extract()?;
    let len: usize = arr.len()?;
    let offset: usize = arr.getattr("offset")?.extract()?;
    if arr.getattr("null_count")?.extract::<usize>()? > 0 {
        return Err(Error(remitcost::Error::InvalidDecimal("null".to_string())).into());
    }
    let buffers = arr.call_method0("buffers")?;
    let data = buffers.get_item(1)?.call_method0("to_pybytes")?;
    let bytes = data.cast::<PyBytes>()?.as_bytes();
    let mut out = Vec::with_capacity(len);
    for i in offset..offset.saturating_add(len) {
        let chunk = bytes
            .get(i.saturating_mul(16)..i.saturating_mul(16).saturating_add(16))
            .and_then(|c| <[u8; 16]>::try_from(c).ok())
            .ok_or_else(|| PyTypeError::new_err("malformed decimal128 buffer"))?;
        let m = i128::from_le_bytes(chunk);
        // A negative Arrow scale means a multiple of 10^-scale: read as text to keep it exact.
        let d = match u32::try_from(scale) {
            Ok(s) => Decimal::try_from_i128_with_scale(m, s).ok(),
            Err(_) => remitcost::parse_decimal(&format!("{m}E{}", -scale)).ok(),
        };
        out.push(
            d.ok_or_else(|| Error(remitcost::Error::InvalidDecimal(format!("{m}E{}", -scale))))?,
        );
    }
    Ok(Some(out))
}
