//! Offers priced into costs (core's `quote` module): forward and reverse.

use crate::decimal::{decimal, decimals};
use crate::error::{core, type_error, JsResult};
use crate::json::{key, to_js};
use crate::read::{array, options};
use js_sys::JsString;
use remitcost::{Cost, CostGrid, CostOptions, Currency, Decimal, FromJson, Offer, Pricer, ToJson};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

thread_local! {
    /// The last offer read, by its JSON text (kept as the JS string), with core's `Pricer` for
    /// the last options it was priced under: a page prices the same offers at every keystroke,
    /// and reading an offer, then the per-offer work of pricing it, were most of a `cost()` call.
    static LAST_OFFER: RefCell<Option<(JsString, Kept)>> =
        const { RefCell::new(None) };
}

/// The `offer` argument read as core's `Offer`, in a `Pricer` (for the default options until
/// `cost_by` asks for others), from the cache when its JSON text is the last one read (the
/// same value as reading it again: the text is all that is read). The texts are compared in
/// JavaScript (`===`), so a hit copies no text into the module.
fn offer_arg(value: &JsValue) -> JsResult<Kept> {
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(type_error("offer", "an object", value));
    }
    let text: JsString = js_sys::JSON::stringify(value)?;
    let hit = LAST_OFFER.with_borrow(|last| {
        last.as_ref()
            .filter(|(seen, _)| **seen == *text)
            .map(|(_, pricer)| Rc::clone(pricer))
    });
    if let Some(pricer) = hit {
        return Ok(pricer);
    }
    let json = text
        .as_string()
        .ok_or_else(|| type_error("offer", "JSON-serialisable data", value))?;
    let offer = core(Offer::from_json(&json))?;
    let pricer = Rc::new(RefCell::new(Pricer::owned(offer, &CostOptions::default())));
    LAST_OFFER.set(Some((text, Rc::clone(&pricer))));
    Ok(pricer)
}

/// A pricer read or kept (`offer_arg`, a `PreparedOffer`'s), shared with the cache.
type Kept = Rc<RefCell<Pricer<'static>>>;

/// `cost(amount)` by a kept pricer, made anew first when its options are not `opts` (core's
/// `Offer::cost` is a `Pricer` made and used once: the same result, the same error). The
/// arguments are read in the order `cost` reads them, after the offer.
fn cost_by(pricer: &Kept, send_amount: &JsValue, opts: &JsValue) -> JsResult {
    let amount = decimal("sendAmount", send_amount)?;
    let opts: CostOptions = options("options", opts)?;
    let mut pricer = pricer.borrow_mut();
    if *pricer.options() != opts {
        *pricer = Pricer::owned(pricer.offer().clone(), &opts);
    }
    cost_js(&core(pricer.cost(amount))?)
}

/// `sendFor` under a kept pricer's offer.
fn send_for_by(pricer: &Kept, receive_amount: &JsValue, opts: &JsValue) -> JsResult {
    let amount = decimal("receiveAmount", receive_amount)?;
    let opts: CostOptions = options("options", opts)?;
    let cost = core(pricer.borrow().offer().send_for(amount, &opts))?;
    cost_js(&cost)
}

/// `sendWithin` under a kept pricer's offer.
fn send_within_by(pricer: &Kept, total_paid: &JsValue, opts: &JsValue) -> JsResult {
    let amount = decimal("totalPaid", total_paid)?;
    let opts: CostOptions = options("options", opts)?;
    let cost = core(pricer.borrow().offer().send_within(amount, &opts))?;
    cost_js(&cost)
}

/// The cost of sending `sendAmount` (send currency) under an offer: fee, exchange margin,
/// total cost and its percentage, what the recipient gets. `options` (optional):
/// `{rounding, include_receiving_fee, first_transfer, oldest_quote}`.
#[wasm_bindgen]
pub fn cost(offer: &JsValue, send_amount: &JsValue, opts: &JsValue) -> JsResult {
    cost_by(&offer_arg(offer)?, send_amount, opts)
}

/// The reverse solve: the cost at the smallest send amount (send currency minor units) for
/// which the recipient gets at least `receiveAmount` (receive currency).
#[wasm_bindgen(js_name = sendFor)]
pub fn send_for(offer: &JsValue, receive_amount: &JsValue, opts: &JsValue) -> JsResult {
    send_for_by(&offer_arg(offer)?, receive_amount, opts)
}

/// The total-paid solve (the sender's all-in budget): the cost at the largest send amount
/// (send currency minor units) whose total paid, fees and taxes on top included, is at most
/// `totalPaid`.
#[wasm_bindgen(js_name = sendWithin)]
pub fn send_within(offer: &JsValue, total_paid: &JsValue, opts: &JsValue) -> JsResult {
    send_within_by(&offer_arg(offer)?, total_paid, opts)
}

/// An offer read once and kept in the module: `prepare(offer)`, then `p.cost(sendAmount,
/// options)` answers as `cost(offer, sendAmount, options)` (the same object, the same errors;
/// `p.sendFor`, `p.sendWithin` likewise: the same code) without the offer's `JSON.stringify` at
/// each call (issue 14). It keeps core's `Pricer` for the last options given (the per-offer work
/// done once), the one `cost(offer, …)` keeps for the same offer text. Its memory goes back to
/// the module when the handle is garbage-collected (the glue's `FinalizationRegistry`); `free()`
/// gives it back at once.
#[wasm_bindgen]
pub struct PreparedOffer {
    pricer: Kept,
}

/// Reads an offer once (`TypeError` / `RemitError` as `cost` does for its offer) and keeps it
/// in the module: see `PreparedOffer`.
#[wasm_bindgen]
pub fn prepare(offer: &JsValue) -> JsResult<PreparedOffer> {
    Ok(PreparedOffer {
        pricer: offer_arg(offer)?,
    })
}

#[wasm_bindgen]
impl PreparedOffer {
    /// `cost(offer, sendAmount, options)` for the prepared offer.
    pub fn cost(&self, send_amount: &JsValue, opts: &JsValue) -> JsResult {
        cost_by(&self.pricer, send_amount, opts)
    }

    /// `sendFor(offer, receiveAmount, options)` for the prepared offer.
    #[wasm_bindgen(js_name = sendFor)]
    pub fn send_for(&self, receive_amount: &JsValue, opts: &JsValue) -> JsResult {
        send_for_by(&self.pricer, receive_amount, opts)
    }

    /// `sendWithin(offer, totalPaid, options)` for the prepared offer.
    #[wasm_bindgen(js_name = sendWithin)]
    pub fn send_within(&self, total_paid: &JsValue, opts: &JsValue) -> JsResult {
        send_within_by(&self.pricer, total_paid, opts)
    }
}

#[wasm_bindgen(module = "/src/quote.js")]
extern "C" {
    /// A cost's object built in JavaScript (src/quote.js) from its two currencies (each code's
    /// three letters in one integer) and its 13 figures in `Cost::FIGURES`' order, each an
    /// exact integer mantissa and its scale. Numbers only: no text crosses.
    #[wasm_bindgen(js_name = costObject)]
    #[allow(clippy::too_many_arguments)]
    fn cost_object(
        send: f64,
        receive: f64,
        m0: f64,
        s0: f64,
        m1: f64,
        s1: f64,
        m2: f64,
        s2: f64,
        m3: f64,
        s3: f64,
        m4: f64,
        s4: f64,
        m5: f64,
        s5: f64,
        m6: f64,
        s6: f64,
        m7: f64,
        s7: f64,
        m8: f64,
        s8: f64,
        m9: f64,
        s9: f64,
        m10: f64,
        s10: f64,
        m11: f64,
        s11: f64,
        m12: f64,
        s12: f64,
    ) -> JsValue;
}

/// The largest integer a float holds exactly (every smaller one too).
const EXACT_IN_F64: u128 = 1 << 53;

/// A currency code's three ASCII letters in one integer, for src/quote.js's `code`.
fn packed(currency: Currency) -> f64 {
    let code = currency
        .code()
        .bytes()
        .fold(0u32, |n, b| n << 8 | u32::from(b));
    f64::from(code)
}

/// A cost as a JS object, the same as core's JSON form: its figures handed to JavaScript as
/// numbers, src/quote.js building the object (issue 14: writing the JSON text and its
/// `JSON.parse` were half of a `p.cost()` call). A cost with a figure that a float does not hold
/// exactly (a mantissa beyond 2^53) or that a float's `-0` would not write (a negative zero,
/// `-0.00`) is written as JSON text instead (core's `push_decimal`), as before.
fn cost_js(cost: &Cost) -> JsResult {
    let mut args = [0f64; 26];
    let mut exact = true;
    for (i, (_, figure)) in Cost::FIGURES.iter().enumerate() {
        let value = figure(cost);
        let m = value.mantissa();
        exact &= m.unsigned_abs() <= EXACT_IN_F64 && (m != 0 || !value.is_sign_negative());
        if let Some(to) = args.get_mut(2 * i) {
            // Exact when at most 2^53 (`exact`); through i64, one WebAssembly instruction.
            *to = m as i64 as f64;
        }
        if let Some(to) = args.get_mut(2 * i + 1) {
            *to = f64::from(value.scale());
        }
    }
    if exact && cost.send_currency.code().len() == 3 && cost.receive_currency.code().len() == 3 {
        let [m0, s0, m1, s1, m2, s2, m3, s3, m4, s4, m5, s5, m6, s6, m7, s7, m8, s8, m9, s9, m10, s10, m11, s11, m12, s12] =
            args;
        return Ok(cost_object(
            packed(cost.send_currency),
            packed(cost.receive_currency),
            m0,
            s0,
            m1,
            s1,
            m2,
            s2,
            m3,
            s3,
            m4,
            s4,
            m5,
            s5,
            m6,
            s6,
            m7,
            s7,
            m8,
            s8,
            m9,
            s9,
            m10,
            s10,
            m11,
            s11,
            m12,
            s12,
        ));
    }
    to_js(cost)
}

/// Appends `"name":[v, …]` to JSON text, each value written by `value`.
fn column<T>(out: &mut String, name: &str, rows: &[T], value: impl Fn(&mut String, &T)) {
    key(out, name);
    out.push('[');
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        value(out, row);
    }
    out.push(']');
}

/// The batch form of `cost`, as Python's `cost_table`: every offer priced at every amount
/// (offer-major) by core's pricing kernel, each offer's per-offer work done once. The figures
/// stay exact integers (minor units, with a scale per column) until asked for: `column(name)`
/// gives a figure as a `Float64Array` of integers (a `BigInt64Array` where one exceeds 2^53),
/// `scale(name)` its decimal places, `cell(name, row)` one decimal string, `toStrings()` every
/// column as decimal strings (`{offer, provider, amount, send_currency, receive_currency,
/// send_amount, …, effective_rate, error}`). A pair that cannot be priced has its error code
/// in `error` (0 in the figure columns, `null` as strings).
#[wasm_bindgen(js_name = costTable)]
pub fn cost_table(offers: &JsValue, send_amounts: &JsValue, opts: &JsValue) -> JsResult<CostTable> {
    let offers: Vec<Offer> = array("offers", offers)?;
    let amounts = decimals("sendAmounts", send_amounts)?;
    let opts: CostOptions = options("options", opts)?;
    let grid = CostGrid::new(&offers, &amounts, &opts);
    Ok(CostTable {
        offers,
        amounts,
        grid,
    })
}

/// What `costTable` returns: core's `CostGrid` held in the module, read out on demand.
#[wasm_bindgen]
pub struct CostTable {
    offers: Vec<Offer>,
    amounts: Vec<Decimal>,
    grid: CostGrid,
}

impl CostTable {
    fn figure(&self, name: &str) -> Option<usize> {
        Cost::FIGURES.iter().position(|(n, _)| *n == name)
    }

    /// The JSON text of column `name` as decimal strings (figures, `amount`) or as it is.
    fn text_column(&self, out: &mut String, name: &str) -> JsResult<()> {
        let n = self.amounts.len().max(1);
        let offer = |row: usize| self.offers.get(row / n);
        let rows: Vec<usize> = (0..self.grid.rows()).collect();
        match (name, self.figure(name)) {
            (_, Some(f)) => column(out, name, &rows, |o, r| {
                self.grid.decimal(f, *r).write_json(o);
            }),
            ("offer", _) => column(out, name, &rows, |o, r| {
                remitcost::push_decimal(o, Decimal::from(r / n));
            }),
            ("provider", _) => column(out, name, &rows, |o, r| {
                offer(*r).and_then(|x| x.provider.as_deref()).write_json(o);
            }),
            ("amount", _) => column(out, name, &rows, |o, r| {
                let amount = self.amounts.get(r % n).copied().unwrap_or_default();
                amount.write_json(o);
            }),
            ("send_currency", _) => column(out, name, &rows, |o, r| {
                offer(*r)
                    .map_or("", |x| x.send_currency.code())
                    .write_json(o);
            }),
            ("receive_currency", _) => column(out, name, &rows, |o, r| {
                offer(*r)
                    .map_or("", |x| x.receive_currency.code())
                    .write_json(o);
            }),
            ("error", _) => column(out, name, &rows, |o, r| {
                self.grid.error(*r).write_json(o);
            }),
            _ => return core(Err(remitcost::Error::MissingColumn(name.into()))),
        }
        Ok(())
    }
}

const TEXT_COLUMNS: [&str; 5] = [
    "offer",
    "provider",
    "amount",
    "send_currency",
    "receive_currency",
];

#[wasm_bindgen]
impl CostTable {
    /// The number of rows.
    #[wasm_bindgen(getter)]
    pub fn rows(&self) -> usize {
        self.grid.rows()
    }

    /// A figure's column as integers at `scale(name)` places (`Float64Array`, or
    /// `BigInt64Array` where a value exceeds 2^53); any other column as an array.
    pub fn column(&self, name: &str) -> JsResult {
        let Some(f) = self.figure(name) else {
            let mut out = String::from("{");
            self.text_column(&mut out, name)?;
            out.push('}');
            return js_sys::Reflect::get(&js_sys::JSON::parse(&out)?, &JsValue::from_str(name));
        };
        let values = self.grid.figures(f);
        if values.iter().all(|v| v.unsigned_abs() <= EXACT_IN_F64) {
            // Integers below 2^53 convert to f64 exactly; through i64, one WebAssembly
            // instruction (from i128, a call).
            let exact: Vec<f64> = values.iter().map(|v| *v as i64 as f64).collect();
            return Ok(js_sys::Float64Array::from(exact.as_slice()).into());
        }
        let wide: Option<Vec<i64>> = values.iter().map(|v| i64::try_from(*v).ok()).collect();
        match wide {
            Some(wide) => Ok(js_sys::BigInt64Array::from(wide.as_slice()).into()),
            None => core(Err(remitcost::Error::Overflow("cost table column"))),
        }
    }

    /// The decimal places of a figure's column.
    pub fn scale(&self, name: &str) -> JsResult<u32> {
        match self.figure(name) {
            Some(f) => Ok(self.grid.scales().get(f).copied().unwrap_or(0)),
            None => core(Err(remitcost::Error::MissingColumn(name.into()))),
        }
    }

    /// One figure as a decimal string, or `null` for a row that could not be priced.
    pub fn cell(&self, name: &str, row: usize) -> JsResult {
        match self.figure(name) {
            Some(f) => Ok(self
                .grid
                .decimal(f, row)
                .map_or(JsValue::NULL, |d| JsValue::from_str(&d.to_string()))),
            None => core(Err(remitcost::Error::MissingColumn(name.into()))),
        }
    }

    /// Every column as decimal strings: `{offer, provider, amount, send_currency,
    /// receive_currency, send_amount, …, effective_rate, error}`.
    #[wasm_bindgen(js_name = toStrings)]
    pub fn to_strings(&self) -> JsResult {
        let mut out = String::with_capacity(self.rows().saturating_mul(300));
        out.push('{');
        let names = TEXT_COLUMNS
            .into_iter()
            .chain(Cost::FIGURES.iter().map(|(n, _)| *n))
            .chain(["error"]);
        for name in names {
            self.text_column(&mut out, name)?;
        }
        out.push('}');
        js_sys::JSON::parse(&out)
    }
}
