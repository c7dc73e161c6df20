//! RPW amounts (core's `observation` module).

use crate::currency::currency;
use crate::error::{core, JsResult};
use crate::json::to_js;
use crate::money::rounding;
use crate::read::{object, variant};
use remitcost::{Rate, RpwAmount};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

/// The send-currency equivalent of an RPW amount (`"usd200"` or `"usd500"`) at a reference
/// rate between USD and `currency` (either way round), rounded to its minor units (rule
/// optional, default half-even): `{amount, currency}`.
#[wasm_bindgen(js_name = rpwAmountInCurrency)]
pub fn rpw_amount_in_currency(
    amount: &JsValue,
    usd_rate: &JsValue,
    currency_code: &JsValue,
    rule: &JsValue,
) -> JsResult {
    let amount: RpwAmount = variant("amount", "\"usd200\" or \"usd500\"", amount)?;
    let rate: Rate = object("usdRate", usd_rate)?;
    let currency = currency("currency", currency_code)?;
    let rule = rounding("rounding", rule)?;
    to_js(&core(amount.in_currency(&rate, currency, rule))?)
}
