//! Ranking offers (core's `rank` module).

use crate::error::JsResult;
use crate::json::Json;
use crate::quote::push_cost;
use crate::read::{array, object, options};
use remitcost::{CostOptions, Offer, RankOptions, Ranking, Target};
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
    ranking_js(&remitcost::rank_offers_with(
        &offers, target, &opts, &choices,
    ))
}

/// A ranking as a JS object: core's `Ranking` JSON form, its text written directly.
fn ranking_js(ranking: &Ranking) -> JsResult {
    let mut out = Json::new(600 * (ranking.ranked.len() + 1));
    out.raw("{").key("ranked").raw("[");
    for (i, r) in ranking.ranked.iter().enumerate() {
        if i > 0 {
            out.raw(",");
        }
        out.raw("{").key("rank").int(count(r.rank));
        out.key("index").int(count(r.index));
        out.key("provider").opt_text(r.provider.as_deref());
        out.key("firm_type").opt_text(r.firm_type.as_deref());
        out.key("speed").opt_text(r.speed.as_deref());
        out.key("speed_category").opt_speed(r.speed_category);
        out.key("funding").opt_text(r.funding.as_deref());
        out.key("payout").opt_text(r.payout.as_deref());
        out.key("offered_rate").opt_rate(r.offered_rate.as_ref());
        out.key("mid_rate").opt_rate(r.mid_rate.as_ref());
        out.key("collected_at").opt_int(r.collected_at);
        out.key("quote_age").opt_int(r.quote_age);
        out.key("cost");
        push_cost(&mut out, &r.cost);
        out.key("savings")
            .raw("{")
            .key("currency")
            .currency(r.savings.currency);
        out.key("vs_dearest").decimal(r.savings.vs_dearest);
        out.key("vs_mean").decimal(r.savings.vs_mean).raw("}}");
    }
    out.raw("]").key("excluded").raw("[");
    for (i, e) in ranking.excluded.iter().enumerate() {
        if i > 0 {
            out.raw(",");
        }
        out.raw("{").key("index").int(count(e.index));
        out.key("provider").opt_text(e.provider.as_deref());
        out.key("code").text(&e.code);
        out.key("message").text(&e.message).raw("}");
    }
    out.raw("]").key("filtered").raw("[");
    for (i, f) in ranking.filtered.iter().enumerate() {
        if i > 0 {
            out.raw(",");
        }
        out.int(count(*f));
    }
    out.raw("]}").parse()
}

/// A position or a rank as a JSON integer (a list longer than `i64::MAX` cannot exist).
fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
