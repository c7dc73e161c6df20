//! Both modules' arguments: a JS value's JSON text (`JSON.stringify`) read by core's
//! serde-free readers (`FromJson`, feature `lite-json`; issue 14: serde's derived
//! deserialisers and serde_json were a fifth of the pricing module, a third of the aggregation
//! module), after the JavaScript type checks.

use crate::decimal::json_text;
use crate::error::{core, type_error, JsResult};
use remitcost::FromJson;
use wasm_bindgen::JsValue;

/// An object argument (not an array, not `null`, else a `TypeError`) read as `T`.
pub fn object<T: FromJson>(name: &str, value: &JsValue) -> JsResult<T> {
    let is_object = value.is_object() && !js_sys::Array::is_array(value);
    core(T::from_json(&text(name, "an object", value, is_object)?))
}

/// An optional object argument: `undefined` or `null` gives `T`'s default.
pub fn options<T: FromJson + Default>(name: &str, value: &JsValue) -> JsResult<T> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    object(name, value)
}

/// An array argument read as `Vec<T>`.
pub fn array<T: FromJson>(name: &str, value: &JsValue) -> JsResult<Vec<T>> {
    let is_array = js_sys::Array::is_array(value);
    core(Vec::<T>::from_json(&text(
        name, "an array", value, is_array,
    )?))
}

#[cfg(feature = "pricing")]
/// A string argument naming a variant (`"half_even"`, `"usd200"` …) read as `T`, else a
/// `TypeError` saying what was `expected`.
pub fn variant<T: FromJson>(name: &str, expected: &str, value: &JsValue) -> JsResult<T> {
    core(T::from_json(&text(
        name,
        expected,
        value,
        value.is_string(),
    )?))
}

/// The JSON text of an argument of the right JavaScript type (`fits`), else a `TypeError`
/// saying what was `expected` (one function, not one per type read).
fn text(name: &str, expected: &str, value: &JsValue, fits: bool) -> JsResult<String> {
    if !fits {
        return Err(type_error(name, expected, value));
    }
    json_text(value)
}
