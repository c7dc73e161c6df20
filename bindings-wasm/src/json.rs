//! Results as plain JS data: core's JSON text (`ToJson`, feature `lite-json`: the text serde
//! writes, without serde's serializer in the module; issue 14), then `JSON.parse`d. A single
//! cost (`cost`, `sendFor`, `sendWithin`) leaves as numbers instead (quote.rs's `cost_js`,
//! built into its object by src/quote.js); this is its path only for a figure beyond 2^53.

use crate::error::JsResult;
use remitcost::ToJson;

/// A core output as a JS value: its JSON form (decimals as strings), through `JSON.parse`.
pub fn to_js<T: ToJson + ?Sized>(value: &T) -> JsResult {
    js_sys::JSON::parse(&value.to_json())
}

#[cfg(feature = "pricing")]
/// Appends `"key":` to JSON text under construction (a comma first unless an object or an
/// array was just opened).
pub fn key(out: &mut String, key: &str) {
    if !out.ends_with(['{', '[']) {
        out.push(',');
    }
    key.write_json(out);
    out.push(':');
}
