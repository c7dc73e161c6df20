//! Core's `Error` as a JavaScript `RemitError`, and `TypeError`s for values of the wrong type.

use js_sys::Reflect;
use wasm_bindgen::JsValue;

/// What every exported function returns: a value, or the JS error to throw.
pub type JsResult<T = JsValue> = Result<T, JsValue>;

/// Core's error; converts to a JS `Error` with `name = "RemitError"`, `code` = core's
/// `Error::code()` and core's message.
pub struct Error(pub remitcost::Error);

impl From<remitcost::Error> for Error {
    fn from(err: remitcost::Error) -> Self {
        Error(err)
    }
}

impl From<Error> for JsValue {
    fn from(Error(err): Error) -> JsValue {
        let js = js_sys::Error::new(&err.to_string());
        js.set_name("RemitError");
        // Setting a property on a fresh Error object cannot fail; if it ever did, the error
        // would still be thrown, without its code.
        let _ = Reflect::set(
            &js,
            &JsValue::from_str("code"),
            &JsValue::from_str(err.code()),
        );
        js.into()
    }
}

/// Converts core's result, its error becoming a `RemitError`.
pub fn core<T>(result: remitcost::Result<T>) -> JsResult<T> {
    result.map_err(|e| Error(e).into())
}

/// A JS `TypeError` naming the argument and what it should have been.
pub fn type_error(name: &str, expected: &str, got: &JsValue) -> JsValue {
    let got = if got.is_null() {
        "null".to_string()
    } else if js_sys::Array::is_array(got) {
        "array".to_string()
    } else {
        got.js_typeof().as_string().unwrap_or_default()
    };
    js_sys::TypeError::new(&format!("{name}: expected {expected}, got {got}")).into()
}
