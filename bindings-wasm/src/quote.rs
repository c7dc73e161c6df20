//! Offers priced into costs (core's `quote` module): forward and reverse.

use crate::decimal::{array, decimal, decimals, from_json_text, object_text, options};
use crate::error::{core, JsResult};
use remitcost::{push_decimal, Cost, CostOptions, Decimal, Offer, Pricer};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

thread_local! {
    /// The last offer read, by its JSON text: a page prices the same offers at every
    /// keystroke, and reading an offer was most of a `cost()` call.
    static LAST_OFFER: RefCell<Option<(String, Rc<Offer>)>> = const { RefCell::new(None) };
}

/// The `offer` argument read as core's `Offer`, from the cache when its JSON text is the last
/// one read (the same value as reading it again: the text is all that is read).
fn offer_arg(value: &JsValue) -> JsResult<Rc<Offer>> {
    let text = object_text("offer", value)?;
    let hit = LAST_OFFER.with_borrow(|last| {
        last.as_ref()
            .filter(|(seen, _)| *seen == text)
            .map(|(_, offer)| Rc::clone(offer))
    });
    if let Some(offer) = hit {
        return Ok(offer);
    }
    let offer: Rc<Offer> = Rc::new(from_json_text(&text)?);
    LAST_OFFER.set(Some((text, Rc::clone(&offer))));
    Ok(offer)
}

/// The cost of sending `sendAmount` (send currency) under an offer: fee, exchange margin,
/// total cost and its percentage, what the recipient gets. `options` (optional):
/// `{rounding, include_receiving_fee, first_transfer, oldest_quote}`.
#[wasm_bindgen]
pub fn cost(offer: &JsValue, send_amount: &JsValue, opts: &JsValue) -> JsResult {
    let offer = offer_arg(offer)?;
    let amount = decimal("sendAmount", send_amount)?;
    let opts: CostOptions = options("options", opts)?;
    cost_js(&core(offer.cost(amount, &opts))?)
}

/// The reverse solve: the cost at the smallest send amount (send currency minor units) for
/// which the recipient gets at least `receiveAmount` (receive currency).
#[wasm_bindgen(js_name = sendFor)]
pub fn send_for(offer: &JsValue, receive_amount: &JsValue, opts: &JsValue) -> JsResult {
    let offer = offer_arg(offer)?;
    let amount = decimal("receiveAmount", receive_amount)?;
    let opts: CostOptions = options("options", opts)?;
    cost_js(&core(offer.send_for(amount, &opts))?)
}

/// The total-paid solve (the sender's all-in budget): the cost at the largest send amount
/// (send currency minor units) whose total paid, fees and taxes on top included, is at most
/// `totalPaid`.
#[wasm_bindgen(js_name = sendWithin)]
pub fn send_within(offer: &JsValue, total_paid: &JsValue, opts: &JsValue) -> JsResult {
    let offer = offer_arg(offer)?;
    let amount = decimal("totalPaid", total_paid)?;
    let opts: CostOptions = options("options", opts)?;
    cost_js(&core(offer.send_within(amount, &opts))?)
}

/// A cost as a JS object, its JSON text written directly (core's `push_decimal`): the same
/// object as core's JSON form, without rust_decimal's `Display` (a fifth of a `cost()` call).
fn cost_js(cost: &Cost) -> JsResult {
    let mut out = String::with_capacity(400);
    out.push_str("{\"send_currency\":");
    quoted(&mut out, cost.send_currency.code());
    out.push_str(",\"receive_currency\":");
    quoted(&mut out, cost.receive_currency.code());
    for (name, figure) in Cost::FIGURES {
        out.push_str(",\"");
        out.push_str(name);
        out.push_str("\":");
        quoted_decimal(&mut out, figure(cost));
    }
    out.push('}');
    js_sys::JSON::parse(&out)
}

/// Appends `"name":[v, …],` to JSON text, each value written by `value` (strings it writes
/// need no escaping: decimals, currency and error codes, numbers, `null`).
fn column<T>(out: &mut String, name: &str, rows: &[T], value: impl Fn(&mut String, &T)) {
    out.push('"');
    out.push_str(name);
    out.push_str("\":[");
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        value(out, row);
    }
    out.push_str("],");
}

fn quoted(out: &mut String, text: &str) {
    out.push('"');
    out.push_str(text);
    out.push('"');
}

/// A decimal as a JSON string, written in place (core's `push_decimal`: no temporary string;
/// formatting was a third of `costTable`'s time).
fn quoted_decimal(out: &mut String, value: Decimal) {
    out.push('"');
    push_decimal(out, value);
    out.push('"');
}

/// The batch form of `cost`, as Python's `cost_table`: every offer priced at every amount
/// (offer-major), each offer's per-offer work done once (core's `Pricer`). Returns columns:
/// `{offer, provider, amount, send_currency, receive_currency, send_amount, …, effective_rate,
/// error}`; a pair that cannot be priced has `null` figures and its error code in `error`.
/// The JSON text is written directly (no serde), which keeps the module small.
#[wasm_bindgen(js_name = costTable)]
pub fn cost_table(offers: &JsValue, send_amounts: &JsValue, opts: &JsValue) -> JsResult {
    let offers: Vec<Offer> = array("offers", offers)?;
    let amounts = decimals("sendAmounts", send_amounts)?;
    let opts: CostOptions = options("options", opts)?;
    let mut rows = Vec::with_capacity(offers.len().saturating_mul(amounts.len()));
    for (i, offer) in offers.iter().enumerate() {
        let pricer = Pricer::new(offer, &opts);
        rows.extend(amounts.iter().map(|a| (i, offer, *a, pricer.cost(*a))));
    }
    let mut out = String::with_capacity(rows.len().saturating_mul(300));
    out.push('{');
    column(&mut out, "offer", &rows, |o, r| {
        push_decimal(o, Decimal::from(r.0))
    });
    column(&mut out, "provider", &rows, |o, r| match &r.1.provider {
        // Names are free text: JSON-escaped.
        Some(name) => o.push_str(&serde_json::Value::from(name.as_str()).to_string()),
        None => o.push_str("null"),
    });
    column(&mut out, "amount", &rows, |o, r| quoted_decimal(o, r.2));
    column(&mut out, "send_currency", &rows, |o, r| {
        quoted(o, r.1.send_currency.code())
    });
    column(&mut out, "receive_currency", &rows, |o, r| {
        quoted(o, r.1.receive_currency.code())
    });
    for (name, field) in Cost::FIGURES {
        column(&mut out, name, &rows, |o, r| match &r.3 {
            Ok(cost) => quoted_decimal(o, field(cost)),
            Err(_) => o.push_str("null"),
        });
    }
    column(&mut out, "error", &rows, |o, r| match &r.3 {
        Ok(_) => o.push_str("null"),
        Err(e) => quoted(o, e.code()),
    });
    out.pop();
    out.push('}');
    js_sys::JSON::parse(&out)
}
