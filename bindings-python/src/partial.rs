//! `Partial` (core's `partial` module): the state of an aggregation over part of the rows,
//! fed with Arrow batches of RPW rows, merged, sent as bytes, finished into the same
//! `Grouping` / `Indicators` as one pass.

use crate::corridor::{dimensions, AggregateOptions, Grouping, Services};
use crate::error::Error;
use crate::fields::wrapper;
use crate::indicator::Indicators;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use std::sync::Arc;

/// The state of an aggregation over part of the rows (a Spark partition, a Polars batch, a
/// file), to merge with the others' and finish into exactly the `Grouping` of `group` or the
/// `Indicators` of `indicators` over all the rows. `Partial()` aggregates for the indicators
/// (by period and corridor); `Partial(dimensions)` for `group`. Feed it with `add_batch`
/// (an Arrow batch of RPW rows) or `add` (a `Dataset`, observation dicts or a CSV source);
/// `to_bytes()` / `Partial.from_bytes()` carry it between processes (it also pickles);
/// `merge` is associative and commutative.
///
/// >>> import remitcost
/// >>> whole = remitcost.Partial()
/// >>> data = remitcost.read_rpw_csv("testdata/rpw/sample.csv")
/// >>> for part in (data.filter([i % 2 == 0 for i in range(len(data))]),
/// ...              data.filter([i % 2 == 1 for i in range(len(data))])):
/// ...     p = remitcost.Partial()
/// ...     p.add(part)
/// ...     whole.merge(remitcost.Partial.from_bytes(p.to_bytes()))
/// >>> whole.indicators().to_dict() == remitcost.indicators(data).to_dict()
/// True
#[pyclass(module = "remitcost")]
#[derive(Clone)]
pub struct Partial(pub remitcost::Partial);

wrapper!(Partial {
    /// The dimensions grouped by.
    dimensions: Vec<String> => |p| p.dimensions().iter().map(crate::decimal::json_name).collect(),
});

#[pymethods]
impl Partial {
    #[new]
    #[pyo3(signature = (dimensions = None, *, options = None))]
    fn new(
        dimensions: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let options = AggregateOptions::extract(options)?;
        Ok(Partial(match dimensions.filter(|d| !d.is_none()) {
            None => remitcost::Partial::for_indicators(&options),
            Some(d) => remitcost::Partial::new(&self::dimensions(d)?, &options),
        }))
    }

    /// Adds the rows of Arrow data of RPW rows (anything with `__arrow_c_stream__` or
    /// `__arrow_c_array__`: a pyarrow `RecordBatch` or `Table`, a polars or pandas DataFrame,
    /// a duckdb relation): the columns of `Dataset.to_arrow()`, or RPW's published headers.
    /// Decimal columns may be `decimal128` or text.
    fn add_batch(&mut self, py: Python<'_>, batch: &Bound<'_, PyAny>) -> PyResult<()> {
        let columns = crate::batch::columns(batch)?;
        let state = &mut self.0;
        py.detach(|| remitcost::arrow::add(state, &columns))
            .map_err(|e| Error(e).into())
    }

    /// Adds service rows: a `Dataset`, observation dicts, or an RPW CSV source.
    fn add(&mut self, py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<()> {
        let services = Services::extract(data)?;
        let state = &mut self.0;
        py.detach(|| {
            let data = services.load()?;
            data.add_to(state).map_err(|e| Error(e).into())
        })
    }

    /// Merges another part's state (`Partial` or its bytes) into this one; states of
    /// different dimensions or options raise `RemitError` with code `incompatible`.
    fn merge(&mut self, other: &Bound<'_, PyAny>) -> PyResult<()> {
        let other = match other.cast::<Partial>() {
            Ok(p) => p.borrow().0.clone(),
            Err(_) => Partial::from_bytes(other.extract::<&[u8]>()?)?.0,
        };
        self.0.merge(other).map_err(|e| Error(e).into())
    }

    /// The state as bytes (UTF-8 JSON), to send to another process.
    fn to_bytes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let json = serde_json::to_vec(&self.0).map_err(|e| Error(remitcost::Error::from(e)))?;
        Ok(PyBytes::new(py, &json))
    }

    /// A state from `to_bytes()`; a state that does not add up raises `RemitError`
    /// (`invalid_json`).
    #[staticmethod]
    fn from_bytes(data: &[u8]) -> PyResult<Partial> {
        serde_json::from_slice(data)
            .map(Partial)
            .map_err(|e| Error(remitcost::Error::from(e)).into())
    }

    /// Rows left out so far: `{"non_transparent": n, "unpriced": m}`.
    #[getter]
    fn left_out<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::decimal::to_py(py, &self.0.left_out(), &[])
    }

    fn __len__(&self) -> usize {
        self.0.len()
    }

    /// The groups and their statistics, as `group` gives them over all the rows merged.
    fn grouping(&self, py: Python<'_>) -> PyResult<Grouping> {
        let state = &self.0;
        py.detach(|| state.grouping())
            .map(|g| Grouping(Arc::new(g)))
            .map_err(|e| Error(e).into())
    }

    /// The RPW indicators, as `indicators` gives them over all the rows merged (`weights`
    /// as there). Needs a state grouped by period and corridor (`Partial()`).
    #[pyo3(signature = (*, weights = None))]
    fn indicators(&self, weights: Option<&Bound<'_, PyAny>>) -> PyResult<Indicators> {
        let weights = crate::indicator::weights(weights)?;
        let out = self.0.indicators(weights.as_ref()).map_err(Error)?;
        Ok(Indicators {
            inner: Arc::new(out),
            report: None,
        })
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
        let py = slf.py();
        let from = slf.get_type().getattr("from_bytes")?;
        Ok((from, (slf.borrow().to_bytes(py)?,)))
    }

    fn __repr__(&self) -> String {
        let left = self.0.left_out();
        format!(
            "Partial({} groups by {:?}; left out: {} non-transparent, {} unpriced)",
            self.0.len(),
            self.dimensions(),
            left.non_transparent,
            left.unpriced
        )
    }
}
