//! `parseCurrency` (core's `currency` module).

use crate::decimal::string;
use crate::error::{core, JsResult};
use crate::json::key;
use remitcost::ToJson;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

/// Looks up an ISO 4217 alphabetic code (case-insensitive): `{code, minor_units}`
/// (`parseCurrency("kwd")` is `{code: "KWD", minor_units: 3}`). Codes that are not money
/// (`XAU`, `XDR`) throw `RemitError` with code `unknown_currency`.
#[wasm_bindgen(js_name = parseCurrency)]
pub fn parse_currency(code: &JsValue) -> JsResult {
    let code = string("code", "a currency code (string)", code)?;
    let currency = core(remitcost::Currency::parse(&code))?;
    let mut out = String::from("{");
    key(&mut out, "code");
    currency.code().write_json(&mut out);
    key(&mut out, "minor_units");
    out.push_str(&currency.minor_units().to_string());
    out.push('}');
    js_sys::JSON::parse(&out)
}

/// A currency argument: its code as a string.
pub fn currency(name: &str, value: &JsValue) -> JsResult<remitcost::Currency> {
    let code = string(name, "a currency code (string)", value)?;
    core(remitcost::Currency::parse(&code))
}
