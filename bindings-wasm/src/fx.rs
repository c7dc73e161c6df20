//! Rates (core's `fx` module): margin, cross rate, inverse, conversion.

use crate::error::{core, JsResult};
use crate::json::to_js;
use crate::money::money;
use crate::read::object;
use remitcost::Rate;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

/// The exchange margin in percent, `(mid - offered) / mid * 100`, exact and normalised
/// (`"2"`, not `"2.0000"`); the rates may be quoted either way round.
#[wasm_bindgen(js_name = fxMarginPct)]
pub fn fx_margin_pct(offered: &JsValue, mid: &JsValue) -> JsResult<String> {
    let offered: Rate = object("offered", offered)?;
    let mid: Rate = object("mid", mid)?;
    Ok(core(remitcost::fx_margin_pct(&offered, &mid))?.to_string())
}

/// The money lost in exchanging `exchanged` at `offered` rather than `mid`, in the currency
/// exchanged, exact (unrounded): `{amount, currency}`.
#[wasm_bindgen(js_name = fxMargin)]
pub fn fx_margin(exchanged: &JsValue, offered: &JsValue, mid: &JsValue) -> JsResult {
    let exchanged = money("exchanged", exchanged)?;
    let offered: Rate = object("offered", offered)?;
    let mid: Rate = object("mid", mid)?;
    to_js(&core(remitcost::fx_margin(&exchanged, &offered, &mid))?)
}

/// The rate between the outer currencies of two rates that share one currency, either way
/// round; its base is `a`'s other currency.
#[wasm_bindgen(js_name = crossRate)]
pub fn cross_rate(a: &JsValue, b: &JsValue) -> JsResult {
    let a: Rate = object("a", a)?;
    let b: Rate = object("b", b)?;
    to_js(&core(a.cross(&b))?)
}

/// The same rate quoted the other way round (`quote` per `base` becomes `base` per `quote`).
#[wasm_bindgen(js_name = inverseRate)]
pub fn inverse_rate(rate: &JsValue) -> JsResult {
    let rate: Rate = object("rate", rate)?;
    to_js(&core(rate.inverse())?)
}

/// Converts `{amount, currency}` at a rate (either way round), exact (unrounded).
#[wasm_bindgen]
pub fn convert(rate: &JsValue, amount: &JsValue) -> JsResult {
    let rate: Rate = object("rate", rate)?;
    let amount = money("money", amount)?;
    to_js(&core(rate.convert(&amount))?)
}
