//! Ranking offers (core's `rank` module).

use crate::error::JsResult;
use crate::json::to_js;
use crate::read::{array, object, options};
use remitcost::{CostOptions, Offer, RankOptions, Target};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

/// Prices every offer for one target, `{send: amount}`, `{receive: amount}` or `{total:
/// amount}`, and ranks them cheapest first: `{ranked: [{rank, index, provider, …, cost,
/// savings}], excluded: [{index, provider, code, message}], filtered: [index]}`. Offers that
/// cannot be priced (outside their limits, another corridor) are listed in `excluded` rather
/// than failing the ranking. `choices` (optional, core's `RankOptions`): `{payout, funding,
/// max_speed, order, now}`.
#[wasm_bindgen(js_name = rankOffers)]
pub fn rank_offers(
    offers: &JsValue,
    target: &JsValue,
    opts: &JsValue,
    choices: &JsValue,
) -> JsResult {
    let offers: Vec<Offer> = array("offers", offers)?;
    let target: Target = object("target", target)?;
    let opts: CostOptions = options("options", opts)?;
    let choices: RankOptions = options("choices", choices)?;
    to_js(&remitcost::rank_offers_with(
        &offers, target, &opts, &choices,
    ))
}
