//! Fee schedules (core's `fee` module).

use crate::decimal::{decimal, string};
use crate::error::{core, JsResult};
use crate::json::Json;
use crate::read::object;
use remitcost::FeeSchedule;
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
    let mut out = Json::new(60);
    out.raw("{")
        .key("transfer_fee")
        .decimal(charges.transfer_fee);
    out.key("tax").decimal(charges.tax).raw("}").parse()
}

/// Checks a schedule (bands, signs, limits); throws `RemitError` with code `invalid_schedule`
/// if it cannot be applied.
#[wasm_bindgen(js_name = validateSchedule)]
pub fn validate_schedule(schedule: &JsValue) -> JsResult<()> {
    let schedule: FeeSchedule = object("schedule", schedule)?;
    core(schedule.validate())
}
