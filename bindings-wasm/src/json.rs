//! The pricing module's results as JSON text written directly, then `JSON.parse`d: the same
//! objects as core's serde JSON forms (same keys, `null` where serde writes `null`), without
//! serde's serializer in the module (issue 14: fewer bytes for the page to download). A single
//! cost (`cost`, `sendFor`, `sendWithin`) leaves as numbers instead (quote.rs's `cost_js`, built
//! into its object by src/quote.js); this is its path only for a figure beyond 2^53.

use remitcost::{push_decimal, Currency, Decimal, Money, Rate, Speed};

/// A JSON text under construction, and the JS value it parses to.
pub struct Json(pub String);

impl Json {
    pub fn new(capacity: usize) -> Json {
        Json(String::with_capacity(capacity))
    }

    /// The text as a JS value (`JSON.parse`).
    pub fn parse(&self) -> crate::error::JsResult {
        js_sys::JSON::parse(&self.0)
    }

    /// Appends raw JSON (punctuation, keys, numbers already formatted).
    pub fn raw(&mut self, text: &str) -> &mut Json {
        self.0.push_str(text);
        self
    }

    /// `"key":` after a comma unless the object is just opened.
    pub fn key(&mut self, key: &str) -> &mut Json {
        if !self.0.ends_with(['{', '[']) {
            self.0.push(',');
        }
        self.0.push('"');
        self.0.push_str(key);
        self.0.push_str("\":");
        self
    }

    /// A string that needs no escaping (codes, decimals).
    pub fn plain(&mut self, text: &str) -> &mut Json {
        self.0.push('"');
        self.0.push_str(text);
        self.0.push('"');
        self
    }

    /// Free text (a provider's name, a message), JSON-escaped.
    pub fn text(&mut self, text: &str) -> &mut Json {
        self.0.push('"');
        for c in text.chars() {
            match c {
                '"' => self.0.push_str("\\\""),
                '\\' => self.0.push_str("\\\\"),
                c if u32::from(c) < 0x20 => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    let n = u32::from(c) as usize;
                    self.0.push_str("\\u00");
                    self.0.push(char::from(HEX[n >> 4]));
                    self.0.push(char::from(HEX[n & 15]));
                }
                c => self.0.push(c),
            }
        }
        self.0.push('"');
        self
    }

    /// Optional free text, `null` when absent.
    pub fn opt_text(&mut self, text: Option<&str>) -> &mut Json {
        match text {
            Some(t) => self.text(t),
            None => self.raw("null"),
        }
    }

    /// A decimal as a JSON string (core's `push_decimal`, as serde writes it).
    pub fn decimal(&mut self, value: Decimal) -> &mut Json {
        self.0.push('"');
        push_decimal(&mut self.0, value);
        self.0.push('"');
        self
    }

    /// An integer as a JSON number.
    pub fn int(&mut self, value: i64) -> &mut Json {
        push_decimal(&mut self.0, Decimal::from(value));
        self
    }

    /// An optional integer, `null` when absent.
    pub fn opt_int(&mut self, value: Option<i64>) -> &mut Json {
        match value {
            Some(v) => self.int(v),
            None => self.raw("null"),
        }
    }

    pub fn currency(&mut self, currency: Currency) -> &mut Json {
        self.plain(currency.code())
    }

    /// `{base, quote, value}`.
    pub fn rate(&mut self, rate: &Rate) -> &mut Json {
        self.raw("{").key("base").currency(rate.base());
        self.key("quote").currency(rate.quote());
        self.key("value").decimal(rate.value()).raw("}")
    }

    /// An optional rate, `null` when absent.
    pub fn opt_rate(&mut self, rate: Option<&Rate>) -> &mut Json {
        match rate {
            Some(r) => self.rate(r),
            None => self.raw("null"),
        }
    }

    /// `{amount, currency}`.
    pub fn money(&mut self, money: &Money) -> &mut Json {
        self.raw("{").key("amount").decimal(money.amount);
        self.key("currency").currency(money.currency).raw("}")
    }

    /// A speed category by its JSON name, `null` when absent.
    pub fn opt_speed(&mut self, speed: Option<Speed>) -> &mut Json {
        match speed {
            None => self.raw("null"),
            Some(Speed::LessThanOneHour) => self.plain("less_than_one_hour"),
            Some(Speed::SameDay) => self.plain("same_day"),
            Some(Speed::NextDay) => self.plain("next_day"),
            Some(Speed::TwoToFiveDays) => self.plain("two_to_five_days"),
            Some(Speed::MoreThanFiveDays) => self.plain("more_than_five_days"),
        }
    }
}
