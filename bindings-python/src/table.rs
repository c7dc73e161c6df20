//! Result tables: an Arrow record batch built by core (`remitcost::arrow`), handed to Python
//! through the Arrow PyCapsule interface (`__arrow_c_stream__`, zero-copy into pyarrow,
//! polars, duckdb, …) or as Python lists; and a column of decimals read from any Arrow
//! producer or any iterable. Representation only: values are never computed here.

use crate::decimal::Dec;
use crate::error::Error;
use pyo3::exceptions::{PyKeyError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyDict, PyList, PyString};
use pyo3_arrow::error::PyArrowResult;
use pyo3_arrow::ffi::{to_stream_pycapsule, ArrayIterator};
use remitcost::arrow::arrow_array::{Array, ArrayRef, RecordBatch, StructArray};
use remitcost::arrow::arrow_schema::{DataType, Field};
use remitcost::arrow::Column;
use rust_decimal::Decimal;
use std::sync::Arc;

/// A table of results, columns of exact decimals, text, integers and booleans, held as Arrow
/// (decimals as `decimal128(38, s)` at the column's largest scale, text as `large_string`,
/// text repeated from row to row dictionary-encoded, whole numbers as `int64`). Any Arrow
/// library reads it without a copy through the Arrow PyCapsule interface
/// (`pyarrow.table(t)`, `polars.DataFrame(t)`, `duckdb.sql("from t")`); `to_arrow()`,
/// `to_pandas()`, `to_polars()`, `to_pylist()` (one dict per row) and `to_dict()` (one list
/// per column) convert it; `column(name)` gives one column as a list.
#[pyclass(module = "remitcost", frozen)]
pub struct Table(RecordBatch);

impl From<RecordBatch> for Table {
    fn from(batch: RecordBatch) -> Self {
        Table(batch)
    }
}

/// A core error (a value that cannot be read) as `RemitError`.
fn remit(e: remitcost::Error) -> PyErr {
    Error(e).into()
}

impl Table {
    fn column_py<'py>(
        &self,
        py: Python<'py>,
        name: &str,
        array: &ArrayRef,
    ) -> PyResult<Bound<'py, PyList>> {
        let chunks = std::slice::from_ref(array);
        let column = Column::new(name, chunks);
        match array.data_type() {
            DataType::Decimal128(_, _) | DataType::Decimal256(_, _) => PyList::new(
                py,
                column
                    .decimals()
                    .map_err(remit)?
                    .into_iter()
                    .map(|d| d.map(Dec)),
            ),
            DataType::Int64 => PyList::new(py, column.integers().map_err(remit)?),
            DataType::Boolean => PyList::new(py, column.booleans().map_err(remit)?),
            _ => PyList::new(py, column.text().map_err(remit)?),
        }
    }

    fn columns(&self) -> impl Iterator<Item = (&String, &ArrayRef)> {
        let schema = self.0.schema_ref();
        schema
            .fields()
            .iter()
            .map(|f| f.name())
            .zip(self.0.columns())
    }
}

#[pymethods]
impl Table {
    /// The column names, in order.
    #[getter]
    fn column_names(&self) -> Vec<String> {
        self.columns().map(|(n, _)| n.clone()).collect()
    }

    /// The number of rows.
    #[getter]
    fn num_rows(&self) -> usize {
        self.0.num_rows()
    }

    fn __len__(&self) -> usize {
        self.0.num_rows()
    }

    /// One column as a list (`Decimal`, `str`, `int`, `bool` or `None` values).
    fn column<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyList>> {
        let (name, array) = self
            .columns()
            .find(|(n, _)| n.as_str() == name)
            .ok_or_else(|| PyKeyError::new_err(name.to_string()))?;
        self.column_py(py, name, array)
    }

    /// `{column name: list of values}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (name, array) in self.columns() {
            d.set_item(name, self.column_py(py, name, array)?)?;
        }
        Ok(d)
    }

    /// One dict per row.
    fn to_pylist<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let columns = self
            .columns()
            .map(|(n, a)| Ok((n.as_str(), self.column_py(py, n, a)?)))
            .collect::<PyResult<Vec<_>>>()?;
        let rows = PyList::empty(py);
        for i in 0..self.0.num_rows() {
            let row = PyDict::new(py);
            for (name, list) in &columns {
                row.set_item(*name, list.get_item(i)?)?;
            }
            rows.append(row)?;
        }
        Ok(rows)
    }

    /// The table as an Arrow C stream (the Arrow PyCapsule interface): what
    /// `pyarrow.table()`, `polars.DataFrame()`, duckdb and other Arrow libraries call to
    /// read it without a copy.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyArrowResult<Bound<'py, PyCapsule>> {
        let fields = self.0.schema_ref().fields().clone();
        let rows: ArrayRef = Arc::new(StructArray::from(self.0.clone()));
        let field = Arc::new(Field::new_struct("", fields, false));
        let stream = ArrayIterator::new(std::iter::once(Ok(rows)), field);
        to_stream_pycapsule(py, Box::new(stream), requested_schema)
    }

    /// A `pyarrow.Table` (zero-copy): decimals as `decimal128(38, s)` with `s` the column's
    /// largest scale (`decimal256(76, s)` for a column whose values need more than 38 digits
    /// at that scale), text as `large_string` (`dictionary<int32, large_string>` for text
    /// repeated from row to row: providers and currencies), whole numbers as `int64`. Needs
    /// pyarrow.
    fn to_arrow<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        slf.py().import("pyarrow")?.call_method1("table", (slf,))
    }

    /// A `pandas.DataFrame`. With pyarrow installed its columns are Arrow-backed
    /// (`decimal128(38, s)[pyarrow]`, exact); without, decimals are `Decimal` objects.
    fn to_pandas<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let pd = py.import("pandas")?;
        if py.import("pyarrow").is_ok() {
            let kwargs = PyDict::new(py);
            kwargs.set_item("types_mapper", pd.getattr("ArrowDtype")?)?;
            Self::to_arrow(slf)?.call_method("to_pandas", (), Some(&kwargs))
        } else {
            pd.call_method1("DataFrame", (slf.get().to_dict(py)?,))
        }
    }

    /// A `polars.DataFrame` (zero-copy, decimals as `Decimal(38, s)`, repeated text as
    /// `Categorical`). Needs polars only.
    fn to_polars<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        slf.py().import("polars")?.call_method1("DataFrame", (slf,))
    }

    fn __repr__(&self) -> String {
        format!(
            "Table({} rows: {})",
            self.0.num_rows(),
            self.column_names().join(", ")
        )
    }
}

/// Whether `obj` offers Arrow data through the PyCapsule interface.
pub fn is_arrow(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(obj.hasattr("__arrow_c_stream__")? || obj.hasattr("__arrow_c_array__")?)
}

/// Reads a column of decimals: any Arrow array or chunked array (pyarrow, polars, pandas
/// with Arrow, … through the PyCapsule interface: decimal128 / decimal256 at any scale,
/// integers, text, floats through their shortest text), or any iterable of decimal-like
/// values (a list, a numpy array, a pandas Series without pyarrow). Nulls are refused
/// (`invalid_decimal`).
pub fn decimals(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Decimal>> {
    if is_arrow(obj)? {
        match obj.extract::<pyo3_arrow::input::AnyArray>() {
            Ok(array) => {
                let (chunks, field) = array.into_chunked_array()?.into_inner();
                return Column::new(field.name(), &chunks)
                    .decimals()
                    .map_err(remit)?
                    .into_iter()
                    .map(|d| {
                        d.ok_or_else(|| remit(remitcost::Error::InvalidDecimal("null".into())))
                    })
                    .collect();
            }
            // A pandas Series whose export needs pyarrow, which is not installed: read its
            // values one by one below.
            Err(e) if !obj.hasattr("tolist")? => return Err(e),
            Err(_) => {}
        }
    }
    if obj.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "expected a column of decimals, got str",
        ));
    }
    let values = if obj.hasattr("tolist")? {
        obj.call_method0("tolist")?
    } else {
        obj.clone()
    };
    values
        .try_iter()
        .map_err(|_| {
            PyTypeError::new_err(format!(
                "expected a column of decimals (a list, an Arrow array, a pandas or polars \
                 Series, a numpy array), got {}",
                obj.get_type()
                    .name()
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            ))
        })?
        .map(|item| Ok(item?.extract::<Dec>()?.0))
        .collect()
}
