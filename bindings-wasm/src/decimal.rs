//! Decimal strings in and out (core's `decimal` module), and a JS value's JSON text (which core's
//! `lite-json` readers read, read.rs).

#[cfg(feature = "pricing")]
use crate::error::core;
use crate::error::{type_error, JsResult};
use js_sys::{JsString, JSON};
#[cfg(feature = "pricing")]
use rust_decimal::Decimal;
#[cfg(feature = "pricing")]
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

#[cfg(feature = "pricing")]
/// A decimal argument: a string as core's `parse_decimal` reads it; any other type is a
/// `TypeError` (a JS number is a binary float: decimals are strings).
pub fn decimal(name: &str, value: &JsValue) -> JsResult<Decimal> {
    let text = string(name, "a decimal string", value)?;
    core(remitcost::parse_decimal(&text))
}

#[cfg(feature = "pricing")]
/// An array of decimal strings, each read by core's `parse_decimal` (as in a JSON document: a
/// number in the array is `invalid_json`).
pub fn decimals(name: &str, value: &JsValue) -> JsResult<Vec<Decimal>> {
    let texts: Vec<String> = crate::read::array(name, value)?;
    texts
        .iter()
        .map(|t| core(remitcost::parse_decimal(t)))
        .collect()
}

#[cfg(feature = "pricing")]
/// A string argument, else a `TypeError` saying what was `expected`.
pub fn string(name: &str, expected: &str, value: &JsValue) -> JsResult<String> {
    value
        .as_string()
        .ok_or_else(|| type_error(name, expected, value))
}

/// A JS value as its JSON text (`JSON.stringify`; its own `TypeError` on a BigInt or a cycle).
pub fn json_text(value: &JsValue) -> JsResult<String> {
    let text: JsString = JSON::stringify(value)?;
    text.as_string()
        .ok_or_else(|| type_error("value", "JSON-serialisable data", value))
}

#[cfg(feature = "pricing")]
/// Parses a decimal number as core does: plain digits or scientific notation, surrounding
/// white space ignored, and gives it back as a string (`"5E-2"` is `"0.05"`); anything else
/// (`"1,000"`, `"NaN"`, `""`) throws `RemitError` with code `invalid_decimal`.
#[wasm_bindgen(js_name = parseDecimal)]
pub fn parse_decimal(text: &JsValue) -> JsResult<String> {
    Ok(decimal("text", text)?.to_string())
}
