//! Fee schedules (core's `fee` module).

use crate::decimal::{decimal, string};
use crate::error::{core, JsResult};
use crate::json::key;
use crate::read::object;
use remitcost::{FeeSchedule, ToJson};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

/// The transfer fee and taxes a schedule charges for sending `amount` funded by `funding`
/// (optional: `"cash"`, `"card"`, …), exact (unrounded): `{transfer_fee, tax}`.
#[wasm_bindgen]
pub fn fee(schedule: &JsValue, amount: &JsValue, funding: &JsValue) -> JsResult {
    let schedule: FeeSchedule = object("schedule", schedule)?;
    let amount = decimal("amount", amount)?;
    let funding = if funding.is_undefined() || funding.is_null() {
        None
    } else {
        Some(string("funding", "a funding name (string)", funding)?)
    };
    let charges = core(schedule.fee(amount, funding.as_deref()))?;
    let mut out = String::from("{");
    key(&mut out, "transfer_fee");
    charges.transfer_fee.write_json(&mut out);
    key(&mut out, "tax");
    charges.tax.write_json(&mut out);
    out.push('}');
    js_sys::JSON::parse(&out)
}

/// Checks a schedule (bands, signs, limits); throws `RemitError` with code `invalid_schedule`
/// if it cannot be applied.
#[wasm_bindgen(js_name = validateSchedule)]
pub fn validate_schedule(schedule: &JsValue) -> JsResult<()> {
    let schedule: FeeSchedule = object("schedule", schedule)?;
    core(schedule.validate())
}
