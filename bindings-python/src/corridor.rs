//! `AggregateOptions`, `group` and its `Grouping` (core's `corridor` module).

use crate::dataset::{Dataset, Source};
use crate::decimal;
use crate::fields::wrapper;
use crate::table::Table;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::sync::Arc;

/// Options of `group` and the indicators; keyword arguments are the JSON fields: `amount`
/// (`"usd200"`, the default, or `"usd500"`, or an `RpwAmount`), `include_non_transparent`
/// (default `False`: RPW leaves out services whose 0 margin does not mean no cost),
/// `eligibility` (the SmaRT predicate, a dict: `transparent`, `max_speed`, `inaccessible`),
/// `smart_min_services` (default 3), `comparison` (`"greater_than"`, the default, or
/// `"at_least"`: whether exactly 5% is above 5%), `rounding` (a `Rounding` or its name).
///
/// >>> AggregateOptions(amount="usd500", comparison="at_least").smart_min_services
/// 3
#[pyclass(module = "remitcost", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct AggregateOptions(pub remitcost::AggregateOptions);

impl AggregateOptions {
    /// `None` (the defaults), an `AggregateOptions` or its dict / JSON.
    pub fn extract(obj: Option<&Bound<'_, PyAny>>) -> PyResult<remitcost::AggregateOptions> {
        match obj {
            None => Ok(remitcost::AggregateOptions::default()),
            Some(o) if o.is_none() => Ok(remitcost::AggregateOptions::default()),
            Some(o) => match o.cast::<AggregateOptions>() {
                Ok(a) => Ok(a.get().0.clone()),
                Err(_) => decimal::from_py(o),
            },
        }
    }
}

wrapper!(AggregateOptions {
    /// The RPW amount priced.
    amount: crate::observation::RpwAmount,
    /// Whether non-transparent services count in averages.
    include_non_transparent: bool,
    /// The fewest eligible services a corridor needs for a SmaRT.
    smart_min_services: usize,
    /// `"greater_than"` or `"at_least"`.
    comparison: String => |o| decimal::json_name(&o.comparison),
    /// The rounding rule of reported percentages.
    rounding: crate::money::Rounding,
}
/// The JSON form.
to_dict(&[]) and __repr__);

#[pymethods]
impl AggregateOptions {
    #[new]
    #[pyo3(signature = (**fields))]
    fn new(fields: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        Ok(AggregateOptions(AggregateOptions::extract(
            fields.map(|f| f.as_any()),
        )?))
    }
    /// The SmaRT eligibility predicate, as its JSON form.
    #[getter]
    fn eligibility<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal::to_py(py, &self.0.eligibility, &[])
    }
}

/// Grouping dimensions: a list of names or one name: the named dimensions (`"period"`,
/// `"corridor"`, `"source_country"`, `"destination_region"`, `"firm"`, `"firm_type"`, …) or
/// any column of the dataset by its published header name (`"Standard Note"`, `"note1"`,
/// `"cc1 lcu code"`, …); core's `Dimension` reads them.
pub fn dimensions(obj: &Bound<'_, PyAny>) -> PyResult<Vec<remitcost::Dimension>> {
    if let Ok(name) = obj.cast::<pyo3::types::PyString>() {
        return Ok(vec![decimal::from_name(&name.to_cow()?)?]);
    }
    obj.try_iter()
        .map_err(|_| PyTypeError::new_err("dimensions: expected a list of names"))?
        .map(|d| {
            let d = d?;
            let name = d
                .cast::<pyo3::types::PyString>()
                .map_err(|_| PyTypeError::new_err("dimensions: expected names (str)"))?;
            decimal::from_name(&name.to_cow()?)
        })
        .collect()
}

/// Service rows: a `Dataset`, observation dicts, or a source (path, bytes, file) of an
/// RPW-layout CSV or JSON document to read.
pub enum Services {
    /// Rows already read (a `Dataset` keeps their frame between calls).
    Read(Arc<remitcost::Framed>),
    /// An RPW-layout CSV (or JSON: a `.json` path, or content starting with `[`) to read with
    /// the GIL released.
    Csv(Source),
}

impl Services {
    /// A `Dataset`, a list of observation dicts (core's `Observation` JSON form, as
    /// `Dataset.observations()` gives them), or an RPW CSV source.
    pub fn extract(obj: &Bound<'_, PyAny>) -> PyResult<Services> {
        if let Ok(d) = obj.cast::<Dataset>() {
            return Ok(Services::Read(Arc::clone(&d.get().0)));
        }
        if obj.is_instance_of::<pyo3::types::PyList>()
            || obj.is_instance_of::<pyo3::types::PyTuple>()
        {
            let observations = obj
                .try_iter()?
                .map(|o| decimal::from_py(&o?))
                .collect::<PyResult<Vec<remitcost::Observation>>>()?;
            return Ok(Services::Read(Arc::new(remitcost::Framed::unframed(
                remitcost::Dataset {
                    observations,
                    report: remitcost::ValidationReport::default(),
                },
            ))));
        }
        Source::extract(obj).map(Services::Csv)
    }

    /// The rows (reads them if needed; call with the GIL released).
    /// Rows read here are aggregated once: no frame is built for them.
    pub fn load(self) -> PyResult<Arc<remitcost::Framed>> {
        let once = |d| Arc::new(remitcost::Framed::unframed(d));
        match self {
            Services::Read(d) => Ok(d),
            Services::Csv(s) if s.is_json() => s.read(|r| remitcost::read_rpw_json(r)).map(once),
            Services::Csv(s) => s.read(|r| remitcost::read_rpw_csv(r)).map(once),
        }
    }
}

/// Groups services by `dimensions` and computes each group's statistics (count, mean,
/// median, min, max, cheapest, SmaRT-eligible count, SmaRT, change from the previous quarter)
/// for the options' RPW amount. `data` is a `Dataset`, a list of observation dicts, or a
/// path / bytes / file of an RPW CSV, read and aggregated in one call with the GIL released. Groupings combine:
/// `["period", "destination_region", "firm_type"]`.
///
/// A dimension is a name — `period`, `corridor`, `source_country`, `destination_country`,
/// `source_region`, `destination_region`, `firm`, `firm_type`, `instrument`, `access_point`,
/// `speed`, `product`, `coverage`, `pickup_method`, the classification ones (`source_income`,
/// `destination_income`, `source_lending`, `destination_lending`, `source_g20`, …) — or any
/// other column of the dataset by its published header name (`"Standard Note"`, `"note1"`,
/// `"pickup location"`, `"cc1 lcu code"`, `"cc1 lcu amount"`, …; any case, `_` for a space).
/// A column the rows do not have raises `RemitError` with code `unknown_column`.
///
/// >>> g = group("testdata/rpw/sample.csv", ["period", "firm_type"])
/// >>> g.dimensions, g.to_table().column_names[:3]
/// (['period', 'firm_type'], ['period', 'firm_type', 'count'])
/// >>> group("testdata/rpw/sample.csv", ["Standard Note"]).dimensions
/// ['Standard Note']
#[pyfunction]
#[pyo3(signature = (data, dimensions, *, options = None))]
pub fn group(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    dimensions: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyAny>>,
) -> PyResult<Grouping> {
    let services = Services::extract(data)?;
    let dims = self::dimensions(dimensions)?;
    let options = AggregateOptions::extract(options)?;
    py.detach(|| {
        let data = services.load()?;
        let grouping = data.group(&dims, &options).map_err(crate::error::Error)?;
        Ok(Grouping(Arc::new(grouping)))
    })
}

/// Groups and their statistics, ordered by key, with the rows left out. `to_table()` (or
/// `to_pandas()`, `to_arrow()`, `to_polars()`) has one column per dimension, then `count`,
/// `mean_pct`, `median_pct`, `min_pct`, `max_pct`, `cheapest`, `eligible`, `smart_pct`,
/// `change_pp`.
#[pyclass(module = "remitcost", frozen)]
pub struct Grouping(pub Arc<remitcost::Grouping>);

fn group_table(g: &remitcost::Grouping) -> Table {
    remitcost::arrow::group_table(g).into()
}

/// The JSON keys of aggregation results whose values are decimals.
pub const STAT_DECIMALS: &[&str] = &[
    "mean_pct",
    "median_pct",
    "min_pct",
    "max_pct",
    "smart_pct",
    "change_pp",
    "average_pct",
    "threshold_pct",
    "share_pct",
    "global_average_pct",
    "corridor_average_pct",
    "weighted_average_pct",
    "gap_to_3_pct",
    "global_average_change_pp",
    "corridor_average_change_pp",
];

wrapper!(Grouping {
    /// The dimensions grouped by, in key order.
    dimensions: Vec<String> => |g| g.dimensions.iter().map(decimal::json_name).collect(),
}
/// The JSON form (`dimensions`, `groups`, `left_out`), decimals as `Decimal`.
to_dict(STAT_DECIMALS));

#[pymethods]
impl Grouping {
    /// Rows left out, by reason: `{"non_transparent": n, "unpriced": n}`.
    #[getter]
    fn left_out<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal::to_py(py, &self.0.left_out, &[])
    }
    fn __len__(&self) -> usize {
        self.0.groups.len()
    }
    /// One row per group.
    fn to_table(&self) -> Table {
        group_table(&self.0)
    }
    /// `to_table().to_pandas()`.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Bound::new(py, self.to_table())?.call_method0("to_pandas")
    }
    /// `to_table().to_arrow()`.
    fn to_arrow<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Bound::new(py, self.to_table())?.call_method0("to_arrow")
    }
    /// `to_table().to_polars()`.
    fn to_polars<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Bound::new(py, self.to_table())?.call_method0("to_polars")
    }
    fn __repr__(&self) -> String {
        format!(
            "Grouping(by {}: {} groups)",
            self.dimensions().join(" x "),
            self.0.groups.len()
        )
    }
}
