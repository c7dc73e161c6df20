//! Grouping service rows (core's `corridor` module).

use crate::error::{core, JsResult};
use crate::json::to_js;
use crate::read::{array, options};
use remitcost::{AggregateOptions, Dimension, Observation};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

/// Groups observations (core's `Observation` JSON form) by `dimensions` (`"period"`,
/// `"corridor"`, `"firm"`, `"firm_type"`, … or any column by its published header name, kept
/// in `extra`: `"Standard Note"`) with each group's statistics: `{dimensions, groups,
/// left_out}`; a column no row has throws `unknown_column`.
#[wasm_bindgen]
pub fn group(observations: &JsValue, dimensions: &JsValue, opts: &JsValue) -> JsResult {
    let observations: Vec<Observation> = array("observations", observations)?;
    let dimensions: Vec<Dimension> = array("dimensions", dimensions)?;
    let opts: AggregateOptions = options("options", opts)?;
    to_js(&core(remitcost::group(&observations, &dimensions, &opts))?)
}
