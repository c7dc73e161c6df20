//! Reading RPW-layout rows (core's `dataset` module). The browser build leaves out the CSV
//! readers (core's `csv` feature): a web page has JSON.

use crate::decimal::{decimal, json_text, to_js};
use crate::error::{core, type_error, JsResult};
use js_sys::{Array, Reflect};
use remitcost::ReadOptions;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

/// Reads RPW-layout rows with a validation report: `rows` is an array of row objects keyed by
/// the RPW column names, or the JSON text of one. Gives `{observations, report}`; rows that
/// fail validation are in the report, not thrown. `options` (optional): `{tolerance_pct}`, the
/// tolerance of the total-cost check in percentage points (default `"0.01"`).
#[wasm_bindgen(js_name = readRpwJson)]
pub fn read_rpw_json(rows: &JsValue, options: &JsValue) -> JsResult {
    let text = match rows.as_string() {
        Some(text) => text,
        None if Array::is_array(rows) => json_text(rows)?,
        None => {
            return Err(type_error(
                "rows",
                "an array of row objects or JSON text",
                rows,
            ))
        }
    };
    let mut read = ReadOptions::default();
    if !(options.is_undefined() || options.is_null()) {
        if !options.is_object() || Array::is_array(options) {
            return Err(type_error("options", "an object", options));
        }
        let tolerance = Reflect::get(options, &JsValue::from_str("tolerance_pct"))?;
        if !tolerance.is_undefined() {
            read = read.with_tolerance_pct(decimal("options.tolerance_pct", &tolerance)?);
        }
    }
    let data = core(remitcost::read_rpw_json_with(text.as_bytes(), &read))?;
    #[derive(serde::Serialize)]
    struct Out<'a> {
        observations: &'a [remitcost::Observation],
        report: &'a remitcost::ValidationReport,
    }
    to_js(&Out {
        observations: &data.observations,
        report: &data.report,
    })
}
