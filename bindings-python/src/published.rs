//! `published_indicators` (core's `published` module) and the country table it classifies
//! rows with (core's `country` module).

use crate::corridor::Services;
use crate::decimal;
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

/// The RPW indicators as the World Bank's reports publish them, per period: the global
/// average with its published exclusions, the G20 sending average, averages by receiving
/// region and income group, SDG 10.c.1, shares of services and corridors below 5% and 10%,
/// the change against the same quarter a year earlier, annual averages, the International MTO
/// and Digital remittances indices. Returns a dict (`periods`, `annual`, `left_out`),
/// decimals as `Decimal`.
///
/// `data` as `indicators` takes it. Rows lacking region, income or G20 columns are classified
/// first with `countries` (a table as JSON text; `None`: the World Bank's bundled FY24 table)
/// and `income_vintage` (`"of_period"`, the default: the income group of each quarter's
/// fiscal year; `"table"`; or `{"fiscal_year": 2012}`). `options` is a dict or JSON of
/// `PublishedOptions` (`aggregate`, `exclusions`, `digital`, `international_mtos`).
///
/// >>> out = published_indicators("testdata/rpw/sample.csv")
/// >>> out["periods"][0]["period"], out["periods"][0]["services"]
/// ('2024_4Q', 25)
#[pyfunction]
#[pyo3(signature = (data, *, options = None, countries = None, income_vintage = None))]
pub fn published_indicators<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyAny>>,
    countries: Option<&str>,
    income_vintage: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
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
    decimal::to_py(py, &out, PUBLISHED_DECIMALS)
}
