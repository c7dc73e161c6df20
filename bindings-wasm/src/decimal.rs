//! Decimal strings in and out (core's `decimal` module), and plain JS data to and from core's
//! serde types through JSON text: the same reader and writer as the JSON vectors, so the three
//! languages agree on every shape.

use crate::error::{core, type_error, JsResult};
#[cfg(feature = "aggregate")]
use js_sys::Array;
use js_sys::{JsString, JSON};
#[cfg(feature = "pricing")]
use rust_decimal::Decimal;
#[cfg(feature = "aggregate")]
use serde::de::DeserializeOwned;
#[cfg(feature = "aggregate")]
use serde::Serialize;
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

#[cfg(feature = "aggregate")]
/// An object argument (not an array, not `null`) read as core's `T`; a shape that does not fit
/// core's schema is a `RemitError` (`invalid_json`, or the code of the check that refused a
/// value inside it, such as `unknown_currency`).
pub fn object<T: DeserializeOwned>(name: &str, value: &JsValue) -> JsResult<T> {
    from_json_text(&object_text(name, value)?)
}

#[cfg(feature = "aggregate")]
/// An object argument's JSON text (not an array, not `null`, else a `TypeError`).
pub fn object_text(name: &str, value: &JsValue) -> JsResult<String> {
    if !value.is_object() || Array::is_array(value) {
        return Err(type_error(name, "an object", value));
    }
    json_text(value)
}

#[cfg(feature = "aggregate")]
/// An optional object argument: `undefined` or `null` gives core's default.
pub fn options<T: DeserializeOwned + Default>(name: &str, value: &JsValue) -> JsResult<T> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    object(name, value)
}

#[cfg(feature = "aggregate")]
/// An array argument read as core's `Vec<T>`.
pub fn array<T: DeserializeOwned>(name: &str, value: &JsValue) -> JsResult<Vec<T>> {
    if !Array::is_array(value) {
        return Err(type_error(name, "an array", value));
    }
    read(value)
}

/// A JS value as its JSON text (`JSON.stringify`; its own `TypeError` on a BigInt or a cycle).
pub fn json_text(value: &JsValue) -> JsResult<String> {
    let text: JsString = JSON::stringify(value)?;
    text.as_string()
        .ok_or_else(|| type_error("value", "JSON-serialisable data", value))
}

#[cfg(feature = "aggregate")]
/// JSON text read into `T` directly, from a slice: 3 KB gzipped smaller than going through a
/// `serde_json::Value` (issue 14's measurement; the tree was thought the smaller), and the
/// `io::Read` path tracked lines and columns byte by byte (a sixth of a `cost()` call).
pub fn from_json_text<T: DeserializeOwned>(text: &str) -> JsResult<T> {
    core(serde_json::from_slice(text.as_bytes()).map_err(remitcost::Error::from))
}

#[cfg(feature = "aggregate")]
fn read<T: DeserializeOwned>(value: &JsValue) -> JsResult<T> {
    from_json_text(&json_text(value)?)
}

#[cfg(feature = "aggregate")]
/// A core value as plain JS data: its JSON form (decimals as strings), through `JSON.parse`.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> JsResult {
    let text = core(serde_json::to_string(value).map_err(remitcost::Error::from))?;
    JSON::parse(&text)
}

#[cfg(feature = "pricing")]
/// Parses a decimal number as core does: plain digits or scientific notation, surrounding
/// white space ignored, and gives it back as a string (`"5E-2"` is `"0.05"`); anything else
/// (`"1,000"`, `"NaN"`, `""`) throws `RemitError` with code `invalid_decimal`.
#[wasm_bindgen(js_name = parseDecimal)]
pub fn parse_decimal(text: &JsValue) -> JsResult<String> {
    Ok(decimal("text", text)?.to_string())
}
