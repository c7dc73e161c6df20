//! `indicators`, `corridor_indicators`, `group_corridors` and their `Indicators` (core's
//! `indicator` module).

use crate::corridor::{dimensions, AggregateOptions, Grouping, Services, STAT_DECIMALS};
use crate::dataset::{CorridorAverages, ValidationReport};
use crate::decimal::{self, Dec};
use crate::table::Table;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::sync::Arc;

/// Corridor weights: a dict `{(source_code, destination_code): weight}` (e.g. the first
/// item of `BilateralMatrix.weights_by_code(...)`), or `None`.
pub fn weights(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<remitcost::CorridorWeights>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    let dict = obj.cast::<PyDict>().map_err(|_| {
        PyTypeError::new_err("weights: expected a dict {(source, destination): weight}")
    })?;
    let mut out = remitcost::CorridorWeights::new();
    for (key, value) in dict.iter() {
        let (src, dst): (String, String) = key.extract().map_err(|_| {
            PyTypeError::new_err("weights: keys are (source_code, destination_code) pairs")
        })?;
        out.insert((src, dst), value.extract::<Dec>()?.0);
    }
    Ok(Some(out))
}

/// Corridor statistics: a `CorridorAverages` (a DataBank export as read), or an iterable of
/// dicts in `CorridorStat`'s JSON form (`period`, `source_code`, `destination_code`,
/// `average_pct`, optionally names, regions, `services`, `eligible`, `smart_pct`).
fn corridor_stats(obj: &Bound<'_, PyAny>) -> PyResult<Vec<remitcost::CorridorStat>> {
    if let Ok(a) = obj.cast::<CorridorAverages>() {
        return Ok(a
            .get()
            .0
            .averages
            .iter()
            .map(remitcost::CorridorStat::from)
            .collect());
    }
    obj.try_iter()
        .map_err(|_| PyTypeError::new_err("expected CorridorAverages or an iterable of dicts"))?
        .map(|item| decimal::from_py(&item?))
        .collect()
}

/// The RPW indicators from service rows: per corridor and period its average and SmaRT,
/// then per period the global average, the mean of corridor averages, the weighted average
/// (with `weights`), the global SmaRT, corridors above 5% and 3%, the gap to the 3% target
/// and the change from the previous quarter. `data` is a `Dataset`, a list of observation
/// dicts, or a path / bytes / file of an RPW CSV: read and aggregated in one call with the
/// GIL released (the read's report is then `result.report`).
///
/// >>> out = indicators("testdata/rpw/sample.csv")
/// >>> out.report.rows_rejected, len(out.periods_table()) == len(out.periods)
/// (0, True)
#[pyfunction]
#[pyo3(signature = (data, *, options = None, weights = None))]
pub fn indicators(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyAny>>,
    weights: Option<&Bound<'_, PyAny>>,
) -> PyResult<Indicators> {
    let services = Services::extract(data)?;
    let options = AggregateOptions::extract(options)?;
    let weights = self::weights(weights)?;
    py.detach(|| {
        let data = services.load()?;
        let out = data
            .indicators(&options, weights.as_ref())
            .map_err(crate::error::Error)?;
        Ok(Indicators {
            inner: Arc::new(out),
            report: Some(data.report.clone()),
        })
    })
}

/// The corridor-level indicators from corridor statistics — e.g. the World Bank's published
/// corridor averages (`read_corridor_averages(...)`): mean of corridor averages, weighted
/// average, corridors above 5% and 3%, gap to 3%, change from the previous quarter, and the
/// global SmaRT where the corridors carry one (`global_average_pct` is `None`).
#[pyfunction]
#[pyo3(signature = (corridors, *, options = None, weights = None))]
pub fn corridor_indicators(
    py: Python<'_>,
    corridors: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyAny>>,
    weights: Option<&Bound<'_, PyAny>>,
) -> PyResult<Indicators> {
    let stats = corridor_stats(corridors)?;
    let options = AggregateOptions::extract(options)?;
    let weights = self::weights(weights)?;
    let out = py
        .detach(|| remitcost::corridor_indicators(&stats, &options, weights.as_ref()))
        .map_err(crate::error::Error)?;
    Ok(Indicators {
        inner: Arc::new(out),
        report: None,
    })
}

/// Groups corridor statistics (as `corridor_indicators` takes them) by `dimensions` among
/// `period`, `corridor`, `source_country`, `destination_country` and the regions when the
/// corridors carry them (else `no_data`).
#[pyfunction]
#[pyo3(signature = (corridors, dimensions, *, options = None))]
pub fn group_corridors(
    py: Python<'_>,
    corridors: &Bound<'_, PyAny>,
    dimensions: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyAny>>,
) -> PyResult<Grouping> {
    let stats = corridor_stats(corridors)?;
    let dims = self::dimensions(dimensions)?;
    let options = AggregateOptions::extract(options)?;
    let out = py
        .detach(|| remitcost::group_corridors(&stats, &dims, &options))
        .map_err(crate::error::Error)?;
    Ok(Grouping(Arc::new(out)))
}

/// Indicators for every period, with the corridors they come from and the rows left out.
/// `corridors_table()` is the corridor table (one row per corridor and period: `period`,
/// `corridor`, codes, names, regions, `services`, `eligible`, `average_pct`, `smart_pct`,
/// `smart_firms`); `periods_table()` the headline figures per period; `periods` and
/// `to_dict()` the full JSON form; `report` the dataset's validation report when the call
/// read it.
#[pyclass(module = "remitcost", frozen)]
pub struct Indicators {
    pub inner: Arc<remitcost::Indicators>,
    pub report: Option<remitcost::ValidationReport>,
}

#[pymethods]
impl Indicators {
    /// One dict per period (`period`, `services`, `corridors`, `global_average_pct`,
    /// `corridor_average_pct`, `weighted_average_pct`, `unweighted`, `smart_pct`,
    /// `smart_corridors`, `smart_dropped`, `above_5`, `above_3`, `gap_to_3_pct`,
    /// `global_average_change_pp`, `corridor_average_change_pp`), decimals as `Decimal`.
    #[getter]
    fn periods<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal::to_py(py, &self.inner.periods, STAT_DECIMALS)
    }
    /// Rows left out, by reason: `{"non_transparent": n, "unpriced": n}`.
    #[getter]
    fn left_out<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal::to_py(py, &self.inner.left_out, &[])
    }
    /// The validation report of the dataset read by this call (or the `Dataset`'s), if any.
    #[getter]
    fn report(&self) -> Option<ValidationReport> {
        self.report.clone().map(ValidationReport)
    }
    /// One row per corridor and period.
    fn corridors_table(&self) -> Table {
        remitcost::arrow::corridors_table(&self.inner).into()
    }
    /// One row per period: the headline figures (`above_5` and `above_3` as `…_count` and
    /// `…_share_pct`; the corridor lists are in `periods`).
    fn periods_table(&self) -> Table {
        remitcost::arrow::periods_table(&self.inner).into()
    }
    /// `corridors_table().to_pandas()`, the corridor table as a DataFrame.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Bound::new(py, self.corridors_table())?.call_method0("to_pandas")
    }
    /// The JSON form (`periods`, `corridors`, `left_out`), decimals as `Decimal`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal::to_py(py, &*self.inner, STAT_DECIMALS)
    }
    fn __repr__(&self) -> String {
        let periods: Vec<String> = self
            .inner
            .periods
            .iter()
            .map(|p| p.period.to_string())
            .collect();
        format!(
            "Indicators({} periods [{}], {} corridor rows)",
            periods.len(),
            periods.join(", "),
            self.inner.corridors.len()
        )
    }
}
