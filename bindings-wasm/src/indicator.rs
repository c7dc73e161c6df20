//! The RPW indicators (core's `indicator` module).

use crate::error::{core, JsResult};
use crate::json::to_js;
use crate::read::{array, options};
use remitcost::{AggregateOptions, CorridorStat, CorridorWeights, Dimension, Observation};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

/// Corridor weights: `undefined`/`null`, or `[[source_code, destination_code, weight], …]`.
fn weights(value: &JsValue) -> JsResult<Option<CorridorWeights>> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    // The weight is a decimal string, read by core's `parse_decimal` as everywhere else.
    let triples: Vec<(String, String, String)> = array("weights", value)?;
    triples
        .into_iter()
        .map(|(s, d, w)| Ok(((s, d), core(remitcost::parse_decimal(&w))?)))
        .collect::<JsResult<_>>()
        .map(Some)
}

/// The RPW indicators from observations: per corridor and period its average and SmaRT, then
/// per period the global average, mean of corridor averages, weighted average (with
/// `weights`), global SmaRT, corridors above 5% and 3%, gap to 3%, change from the previous
/// quarter: `{periods, corridors, left_out}`.
#[wasm_bindgen]
pub fn indicators(observations: &JsValue, opts: &JsValue, weights: &JsValue) -> JsResult {
    let observations: Vec<Observation> = array("observations", observations)?;
    let opts: AggregateOptions = options("options", opts)?;
    let weights = self::weights(weights)?;
    to_js(&core(remitcost::indicators(
        &observations,
        &opts,
        weights.as_ref(),
    ))?)
}

/// The corridor-level indicators from corridor statistics (`{period, source_code,
/// destination_code, average_pct}`, optionally `smart_pct` and regions), e.g. published
/// corridor averages.
#[wasm_bindgen(js_name = corridorIndicators)]
pub fn corridor_indicators(corridors: &JsValue, opts: &JsValue, weights: &JsValue) -> JsResult {
    let corridors: Vec<CorridorStat> = array("corridors", corridors)?;
    let opts: AggregateOptions = options("options", opts)?;
    let weights = self::weights(weights)?;
    to_js(&core(remitcost::corridor_indicators(
        &corridors,
        &opts,
        weights.as_ref(),
    ))?)
}

/// Groups corridor statistics by `dimensions` (`period`, `corridor`, `source_country`,
/// `destination_country`, and the regions when the corridors carry them).
#[wasm_bindgen(js_name = groupCorridors)]
pub fn group_corridors(corridors: &JsValue, dimensions: &JsValue, opts: &JsValue) -> JsResult {
    let corridors: Vec<CorridorStat> = array("corridors", corridors)?;
    let dimensions: Vec<Dimension> = array("dimensions", dimensions)?;
    let opts: AggregateOptions = options("options", opts)?;
    to_js(&core(remitcost::group_corridors(
        &corridors,
        &dimensions,
        &opts,
    ))?)
}
