//! The native module `remitcost._remitcost`: conversions between Python objects and the
//! `remitcost` core, nothing else. One file per core module; the public Python package
//! (`python/remitcost/__init__.py`) re-exports this module's names.
//!
//! Conventions: decimals are `decimal.Decimal` out and `Decimal`, `int`, `str` or finite
//! `float` (through its shortest `repr`) in; core errors become `remitcost.RemitError` with
//! core's `code()`; wrong Python types are `TypeError`; the batch functions release the GIL.

// Python methods take `&self` (pyo3 hands out shared references), `to_dict` included.
#![allow(clippy::wrong_self_convention)]

use pyo3::prelude::*;

/// mimalloc keeps the memory of freed tables for the next ones. With the system allocator
/// (glibc) a 1,000,000-quote `cost_table` (~250 MB of Arrow buffers) gave its pages back to
/// the kernel when dropped and faulted every one in again on the next call: 25,000-65,000
/// page faults a call, 30-45 % of its time (benches/README.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod batch;
mod corridor;
mod currency;
mod dataset;
mod decimal;
mod error;
mod fee;
mod fields;
mod fx;
mod indicator;
mod money;
mod observation;
mod partial;
mod published;
mod quote;
mod rank;
mod table;

#[pymodule]
fn _remitcost(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("RemitError", m.py().get_type::<error::RemitError>())?;
    m.add("PCT_DECIMALS", remitcost::PCT_DECIMALS)?;
    m.add_class::<currency::Currency>()?;
    m.add_class::<money::Money>()?;
    m.add_class::<money::Rounding>()?;
    m.add_class::<fx::Rate>()?;
    m.add_class::<fee::FeeSchedule>()?;
    m.add_class::<fee::Charges>()?;
    m.add_class::<quote::Offer>()?;
    m.add_class::<quote::CostOptions>()?;
    m.add_class::<quote::Quote>()?;
    m.add_class::<quote::Cost>()?;
    m.add_class::<table::Table>()?;
    m.add_function(wrap_pyfunction!(quote::cost_table, m)?)?;
    m.add_class::<rank::Ranked>()?;
    m.add_class::<rank::Excluded>()?;
    m.add_class::<rank::Ranking>()?;
    m.add_function(wrap_pyfunction!(rank::rank_offers, m)?)?;
    m.add("RATE_DECIMALS", remitcost::RATE_DECIMALS)?;
    m.add_class::<dataset::Dataset>()?;
    m.add_class::<dataset::ValidationReport>()?;
    m.add_class::<dataset::CorridorAverages>()?;
    m.add_class::<dataset::WdiSeries>()?;
    m.add_class::<dataset::BilateralMatrix>()?;
    m.add_function(wrap_pyfunction!(dataset::read_rpw_csv, m)?)?;
    m.add_function(wrap_pyfunction!(dataset::read_rpw_json, m)?)?;
    m.add_function(wrap_pyfunction!(dataset::read_rpw_xlsx, m)?)?;
    m.add_class::<dataset::CountriesSheet>()?;
    m.add_function(wrap_pyfunction!(dataset::read_countries_xlsx, m)?)?;
    m.add_function(wrap_pyfunction!(dataset::read_rpw, m)?)?;
    m.add_function(wrap_pyfunction!(dataset::read_corridor_averages, m)?)?;
    m.add_function(wrap_pyfunction!(dataset::read_wdi_csv, m)?)?;
    m.add_function(wrap_pyfunction!(dataset::read_bilateral_matrix, m)?)?;
    m.add_class::<corridor::AggregateOptions>()?;
    m.add_class::<corridor::Grouping>()?;
    m.add_function(wrap_pyfunction!(corridor::group, m)?)?;
    m.add_class::<indicator::Indicators>()?;
    m.add_function(wrap_pyfunction!(indicator::indicators, m)?)?;
    m.add_function(wrap_pyfunction!(indicator::corridor_indicators, m)?)?;
    m.add_function(wrap_pyfunction!(indicator::group_corridors, m)?)?;
    m.add_class::<published::Published>()?;
    m.add_class::<published::PublishedPeriod>()?;
    m.add_class::<published::Average>()?;
    m.add_class::<published::AnnualAverage>()?;
    m.add_function(wrap_pyfunction!(published::published_indicators, m)?)?;
    m.add_class::<partial::Partial>()?;
    m.add_function(wrap_pyfunction!(batch::cost_columns, m)?)?;
    m.add_class::<observation::Period>()?;
    m.add_class::<observation::RpwAmount>()?;
    m.add_function(wrap_pyfunction!(decimal::parse_decimal, m)?)?;
    m.add_function(wrap_pyfunction!(fx::fx_margin_pct, m)?)?;
    m.add_function(wrap_pyfunction!(fx::fx_margin, m)?)?;
    Ok(())
}
