//! Grouping service rows (core's `corridor` module).

use crate::decimal::{array, options, to_js};
use crate::error::{core, JsResult};
use remitcost::{AggregateOptions, Dimension, Observation};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

/// Groups observations (core's `Observation` JSON form) by `dimensions` (`"period"`,
/// `"corridor"`, `"source_country"`, `"destination_country"`, `"source_region"`,
/// `"destination_region"`, `"firm_type"`, `"instrument"`, `"access_point"`, `"speed"`) with
/// each group's statistics: `{dimensions, groups, left_out}`.
#[wasm_bindgen]
pub fn group(observations: &JsValue, dimensions: &JsValue, opts: &JsValue) -> JsResult {
    let observations: Vec<Observation> = array("observations", observations)?;
    let dimensions: Vec<Dimension> = array("dimensions", dimensions)?;
    let opts: AggregateOptions = options("options", opts)?;
    to_js(&core(remitcost::group(&observations, &dimensions, &opts))?)
}
