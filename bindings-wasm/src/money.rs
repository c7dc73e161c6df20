//! `roundMoney` (core's `money` module).

use crate::currency::currency;
use crate::decimal::decimal;
use crate::error::JsResult;
use crate::read::variant;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

/// A rounding rule argument: its name (`"half_even"`, the default when `undefined`,
/// `"half_up"`, `"down"`, …).
pub fn rounding(name: &str, value: &JsValue) -> JsResult<remitcost::Rounding> {
    if value.is_undefined() || value.is_null() {
        return Ok(remitcost::Rounding::default());
    }
    variant(name, "a rounding rule name (string)", value)
}

/// A money argument: `{amount, currency}` (amount a decimal string).
pub fn money(name: &str, value: &JsValue) -> JsResult<remitcost::Money> {
    crate::read::object(name, value)
}

/// Rounds `amount` to `currency`'s ISO 4217 minor units under a rule (default half-even), at
/// exactly that scale: `roundMoney("2.345", "EUR", "half_even")` is `"2.34"`.
#[wasm_bindgen(js_name = roundMoney)]
pub fn round_money(amount: &JsValue, currency_code: &JsValue, rule: &JsValue) -> JsResult<String> {
    let amount = decimal("amount", amount)?;
    let currency = currency("currency", currency_code)?;
    let rule = rounding("rounding", rule)?;
    Ok(rule.round_money(amount, currency).to_string())
}
