//! `published_indicators` (core's `published` module) and the country table it classifies
//! rows with (core's `country` module).

use crate::corridor::Services;
use crate::decimal::{self, Dec};
use crate::fields::wrapper;
use pyo3::prelude::*;

/// The decimal keys of a `Published` dict.
const PUBLISHED_DECIMALS: &[&str] = &[
    "global_average_pct",
    "global_average_yoy_pp",
    "g20_average_pct",
    "mean_pct",
    "sdg_10c1_above_5_pct",
    "sdg_10c1_below_3_pct",
    "services_below_5_pct",
    "services_below_10_pct",
    "corridors_below_5_pct",
    "corridors_below_10_pct",
    "mto_index_pct",
    "digital_index_pct",
];

/// A mean over a group of services (a receiving region, an income group): the group's `key`,
/// how many `services` and their `mean_pct` (4 places).
#[pyclass(module = "remitcost", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct Average(pub remitcost::Average);

wrapper!(Average {
    /// The group (a region, an income group).
    key: String,
    /// Services averaged.
    services: usize,
    /// Their mean total cost, percent.
    mean_pct: Dec => |v| Dec(v.mean_pct),
}
/// `{"key", "services", "mean_pct"}`, the mean as `Decimal`.
to_dict(&["mean_pct"]));

#[pymethods]
impl Average {
    fn __repr__(&self) -> String {
        format!(
            "Average(key={:?}, services={}, mean_pct=Decimal('{}'))",
            self.0.key, self.0.services, self.0.mean_pct
        )
    }
}

/// The published figures of one period, percentages at 4 places (`None` where a figure has
/// no service): `global_average_pct` over `services` (`excluded` left out by the published
/// exclusions) and its change against the same quarter a year earlier
/// (`global_average_yoy_pp`); `g20_average_pct` over `g20_services`; `regions` and
/// `income_groups` (lists of `Average`, by receiving country); SDG 10.c.1
/// (`sdg_10c1_above_5_pct`, `sdg_10c1_below_3_pct`, over `smart_corridors`); the shares of
/// services and of the `corridors` below 5% and 10%; `mto_index_pct` and `digital_index_pct`
/// (over `digital_services`).
#[pyclass(module = "remitcost", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PublishedPeriod(pub remitcost::PublishedPeriod);

wrapper!(PublishedPeriod {
    /// The quarter (`2011_3Q`).
    period: String => |v| v.period.to_string(),
    /// Services in the global average.
    services: usize,
    /// Services the global average's exclusions left out.
    excluded: usize,
    /// The global average, percent.
    global_average_pct: Option<Dec> => |v| v.global_average_pct.map(Dec),
    /// Change against the same quarter a year earlier, percentage points.
    global_average_yoy_pp: Option<Dec> => |v| v.global_average_yoy_pp.map(Dec),
    /// The G20 sending average, percent.
    g20_average_pct: Option<Dec> => |v| v.g20_average_pct.map(Dec),
    /// Services in the G20 average.
    g20_services: usize,
    /// Averages by receiving region.
    regions: Vec<Average> => |v| v.regions.iter().cloned().map(Average).collect(),
    /// Averages by receiving income group.
    income_groups: Vec<Average> => |v| v.income_groups.iter().cloned().map(Average).collect(),
    /// Corridors with data.
    corridors: usize,
    /// Corridors with a SmaRT.
    smart_corridors: usize,
    /// SDG 10.c.1: share of corridors with a SmaRT above 5%, percent.
    sdg_10c1_above_5_pct: Option<Dec> => |v| v.sdg_10c1_above_5_pct.map(Dec),
    /// SDG 10.c.1: share of corridors with a SmaRT below 3%, percent.
    sdg_10c1_below_3_pct: Option<Dec> => |v| v.sdg_10c1_below_3_pct.map(Dec),
    /// Share of services below 5%, percent.
    services_below_5_pct: Option<Dec> => |v| v.services_below_5_pct.map(Dec),
    /// Share of services below 10%, percent.
    services_below_10_pct: Option<Dec> => |v| v.services_below_10_pct.map(Dec),
    /// Share of corridors whose average is below 5%, percent.
    corridors_below_5_pct: Option<Dec> => |v| v.corridors_below_5_pct.map(Dec),
    /// Share of corridors whose average is below 10%, percent.
    corridors_below_10_pct: Option<Dec> => |v| v.corridors_below_10_pct.map(Dec),
    /// The International MTO index, percent (`None` without `international_mtos`).
    mto_index_pct: Option<Dec> => |v| v.mto_index_pct.map(Dec),
    /// The Digital remittances index, percent.
    digital_index_pct: Option<Dec> => |v| v.digital_index_pct.map(Dec),
    /// Services in the Digital remittances index.
    digital_services: usize,
}
/// Every field, decimals as `Decimal`, `regions` and `income_groups` as dicts.
to_dict(PUBLISHED_DECIMALS));

#[pymethods]
impl PublishedPeriod {
    fn __repr__(&self) -> String {
        let pct = |d: Option<remitcost::Decimal>| d.map_or("None".into(), |d| format!("{d}%"));
        format!(
            "PublishedPeriod({}, services={}, global_average={}, g20_average={})",
            self.0.period,
            self.0.services,
            pct(self.0.global_average_pct),
            pct(self.0.g20_average_pct)
        )
    }
}

/// The mean of a year's quarterly global averages: `year`, the `periods` with a global
/// average, and `global_average_pct`.
#[pyclass(module = "remitcost", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct AnnualAverage(pub remitcost::AnnualAverage);

wrapper!(AnnualAverage {
    /// The calendar year.
    year: u16,
    /// The quarters with a global average (`2011_1Q`, …).
    periods: Vec<String> => |v| v.periods.iter().map(ToString::to_string).collect(),
    /// The mean of their global averages (each exact), percent.
    global_average_pct: Dec => |v| Dec(v.global_average_pct),
}
/// `{"year", "periods", "global_average_pct"}`, the average as `Decimal`.
to_dict(&["global_average_pct"]));

#[pymethods]
impl AnnualAverage {
    fn __repr__(&self) -> String {
        format!(
            "AnnualAverage(year={}, global_average_pct=Decimal('{}'))",
            self.0.year, self.0.global_average_pct
        )
    }
}

/// The figures of the RPW reports for every period (`periods`, a list of `PublishedPeriod`),
/// the `annual` averages (`AnnualAverage`) and the rows left out (`left_out`); `to_dict()` is
/// the JSON form with decimals as `Decimal`.
#[pyclass(module = "remitcost", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct Published(pub remitcost::Published);

wrapper!(Published {
    /// One entry per period with data, chronologically.
    periods: Vec<PublishedPeriod> => |v| v.periods.iter().cloned().map(PublishedPeriod).collect(),
    /// One entry per calendar year with data.
    annual: Vec<AnnualAverage> => |v| v.annual.iter().cloned().map(AnnualAverage).collect(),
}
/// `{"periods": [...], "annual": [...], "left_out": {...}}`, decimals as `Decimal`.
to_dict(PUBLISHED_DECIMALS));

#[pymethods]
impl Published {
    /// Rows left out, by reason (before any exclusion): `{"non_transparent": n, "unpriced": n}`.
    #[getter]
    fn left_out<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal::to_py(py, &self.0.left_out, &[])
    }
    fn __len__(&self) -> usize {
        self.0.periods.len()
    }
    fn __repr__(&self) -> String {
        let periods: Vec<String> = self
            .0
            .periods
            .iter()
            .map(|p| p.period.to_string())
            .collect();
        format!("Published(periods=[{}])", periods.join(", "))
    }
}

/// The RPW indicators as the World Bank's reports publish them, per period: the global
/// average with its published exclusions, the G20 sending average, averages by receiving
/// region and income group, SDG 10.c.1, shares of services and corridors below 5% and 10%,
/// the change against the same quarter a year earlier, annual averages, the International MTO
/// and Digital remittances indices. Returns a `Published` (`periods`: `PublishedPeriod`s,
/// `annual`, `left_out`; `to_dict()` for the JSON form), decimals as `Decimal`.
///
/// `data` as `indicators` takes it. Rows lacking region, income or G20 columns are classified
/// first with `countries` (a table as JSON text; `None`: the World Bank's bundled FY24 table)
/// and `income_vintage` (`"of_period"`, the default: the income group of each quarter's
/// fiscal year; `"table"`; or `{"fiscal_year": 2012}`). `options` is a dict or JSON of
/// `PublishedOptions` (`aggregate`, `exclusions`, `digital`, `international_mtos`).
///
/// >>> out = published_indicators("testdata/rpw/sample.csv")
/// >>> out.periods[0].period, out.periods[0].services
/// ('2024_4Q', 25)
#[pyfunction]
#[pyo3(signature = (data, *, options = None, countries = None, income_vintage = None))]
pub fn published_indicators<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyAny>>,
    countries: Option<&str>,
    income_vintage: Option<&Bound<'py, PyAny>>,
) -> PyResult<Published> {
    let services = Services::extract(data)?;
    let options: remitcost::PublishedOptions = match options.filter(|o| !o.is_none()) {
        Some(o) => decimal::from_py(o)?,
        None => remitcost::PublishedOptions::default(),
    };
    let vintage: remitcost::IncomeVintage = match income_vintage.filter(|o| !o.is_none()) {
        Some(v) => match v.extract::<String>() {
            Ok(name) => decimal::from_name(&name)?,
            Err(_) => decimal::from_py(v)?,
        },
        None => remitcost::IncomeVintage::default(),
    };
    let core = |e| PyErr::from(crate::error::Error(e));
    let out = py.detach(|| -> PyResult<remitcost::Published> {
        let table = match countries {
            Some(json) => remitcost::Countries::from_json(json),
            None => remitcost::Countries::world_bank(),
        }
        .map_err(core)?;
        let mut rows = services.load()?.observations.clone();
        table.classify(&mut rows, vintage);
        remitcost::published_indicators(&rows, &options).map_err(core)
    })?;
    Ok(Published(out))
}
