//! Ranking offers (core's `rank` module).

use crate::decimal::{array, object, options, to_js};
use crate::error::JsResult;
use remitcost::{CostOptions, Offer, Target};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

/// Prices every offer for one target, `{send: amount}` or `{receive: amount}`, and ranks them
/// cheapest first: `{ranked: [{rank, index, provider, firm_type, speed, cost}], excluded:
/// [{index, provider, code, message}]}`. Offers that cannot be priced (outside their limits,
/// another corridor) are listed in `excluded` rather than failing the ranking.
#[wasm_bindgen(js_name = rankOffers)]
pub fn rank_offers(offers: &JsValue, target: &JsValue, opts: &JsValue) -> JsResult {
    let offers: Vec<Offer> = array("offers", offers)?;
    let target: Target = object("target", target)?;
    let opts: CostOptions = options("options", opts)?;
    to_js(&remitcost::rank_offers(&offers, target, &opts))
}
