//! Offers priced into costs (core's `quote` module): forward and reverse.

use crate::decimal::{decimal, object, options, to_js};
use crate::error::{core, JsResult};
use remitcost::{CostOptions, Offer};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

/// The cost of sending `sendAmount` (send currency) under an offer: fee, exchange margin,
/// total cost and its percentage, what the recipient gets. `options` (optional):
/// `{rounding, include_receiving_fee, first_transfer, oldest_quote}`.
#[wasm_bindgen]
pub fn cost(offer: &JsValue, send_amount: &JsValue, opts: &JsValue) -> JsResult {
    let offer: Offer = object("offer", offer)?;
    let amount = decimal("sendAmount", send_amount)?;
    let opts: CostOptions = options("options", opts)?;
    to_js(&core(offer.cost(amount, &opts))?)
}

/// The reverse solve: the cost at the smallest send amount (send currency minor units) for
/// which the recipient gets at least `receiveAmount` (receive currency).
#[wasm_bindgen(js_name = sendFor)]
pub fn send_for(offer: &JsValue, receive_amount: &JsValue, opts: &JsValue) -> JsResult {
    let offer: Offer = object("offer", offer)?;
    let amount = decimal("receiveAmount", receive_amount)?;
    let opts: CostOptions = options("options", opts)?;
    to_js(&core(offer.send_for(amount, &opts))?)
}
