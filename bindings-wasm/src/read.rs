//! The pricing module's arguments read without serde (issue 14: serde's derived deserialisers
//! and serde_json were a fifth of the module): the argument's JSON text (`JSON.stringify`, as
//! before) parsed into a small tree, then each of the few input shapes read from it by hand,
//! field by field in the text's order, with core's serde rules: the same fields, defaults,
//! `null`s and unknown-field refusals, and the same error codes (a shape that does not fit is
//! `invalid_json`; a value refused by core's own check keeps that check's code, such as
//! `invalid_decimal`, `unknown_currency` or `invalid_rate`). The JSON vectors and the
//! malformed-input corpus run through these readers (tests/), and property tests
//! (read/tests.rs, on the host: `cargo test -p remitcost-wasm --lib`) check the parser and each
//! reader against serde_json + core on random and edited JSON, with the few deliberate
//! differences listed there. A field added to one of these core types must be added here too:
//! `Offer`, `Tax`, `Promotion` and `Money` are built whole (the binding stops compiling), the
//! others from their `Default` (the vectors and the consistency check fail, the new field being
//! refused as unknown).

use crate::decimal::json_text;
use crate::error::{core, type_error, JsResult};
use remitcost::{
    Charging, CostOptions, Currency, Decimal, Error, FeePart, FeeSchedule, Money, Offer, Order,
    Promotion, RankOptions, Rate, Rounding, RpwAmount, Speed, Target, Tax, TaxBase,
};
use wasm_bindgen::JsValue;

type Result<T> = std::result::Result<T, Error>;

/// A JSON value (numbers kept as their text). Two values are kept but refused where a reader
/// reads them, as serde_json refuses them where it reads them and accepts them where it skips
/// a value (an extra field of `Money`): `Bad`, a string with a lone surrogate escape, which no
/// Rust string can hold (`JSON.stringify` writes one for a lone surrogate), and `Deep`, a
/// value nested deeper than serde_json's limit. An object key is `None` for the same reason.
pub enum V {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Bad,
    Deep,
    Arr(Vec<V>),
    Obj(Vec<(Option<String>, V)>),
}

/// serde_json's nesting limit: 127 arrays or objects inside one another; the 128th is refused.
const MAX_DEPTH: u32 = 128;

fn invalid(what: &str) -> Error {
    Error::InvalidJson(what.to_string())
}

/// Parses JSON text (as `JSON.stringify` writes it) into a tree: JSON exactly as serde_json
/// reads it (the properties in read/tests.rs check it against serde_json).
pub fn parse(text: &str) -> Result<V> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    let v = p.value(1)?;
    p.ws();
    if p.i != p.s.len() {
        return Err(invalid("trailing characters"));
    }
    Ok(v)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while matches!(self.s.get(self.i), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.ws();
        let hit = self.s.get(self.i) == Some(&c);
        self.i += usize::from(hit);
        hit
    }

    fn word(&mut self, w: &str, v: V) -> Result<V> {
        if self.s.get(self.i..self.i + w.len()) == Some(w.as_bytes()) {
            self.i += w.len();
            return Ok(v);
        }
        Err(invalid("expected a JSON value"))
    }

    /// A value whose arrays and objects are the `depth`th nesting and deeper.
    fn value(&mut self, depth: u32) -> Result<V> {
        self.ws();
        if depth >= MAX_DEPTH && matches!(self.s.get(self.i), Some(b'[' | b'{')) {
            self.skip()?;
            return Ok(V::Deep);
        }
        match self.s.get(self.i) {
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value(depth + 1)?);
                        if self.eat(b']') {
                            break;
                        }
                        if !self.eat(b',') {
                            return Err(invalid("expected , or ]"));
                        }
                    }
                }
                Ok(V::Arr(items))
            }
            Some(b'{') => {
                self.i += 1;
                let mut fields = Vec::new();
                if !self.eat(b'}') {
                    loop {
                        let key = self.key()?;
                        fields.push((key, self.value(depth + 1)?));
                        if self.eat(b'}') {
                            break;
                        }
                        if !self.eat(b',') {
                            return Err(invalid("expected , or }"));
                        }
                    }
                }
                Ok(V::Obj(fields))
            }
            _ => self.scalar(),
        }
    }

    /// An object's key and its colon.
    fn key(&mut self) -> Result<Option<String>> {
        self.ws();
        let key = match self.string()? {
            V::Str(k) => Some(k),
            _ => None,
        };
        if !self.eat(b':') {
            return Err(invalid("expected :"));
        }
        Ok(key)
    }

    /// A value that is not an array or an object.
    fn scalar(&mut self) -> Result<V> {
        match self.s.get(self.i) {
            Some(b'n') => self.word("null", V::Null),
            Some(b't') => self.word("true", V::Bool(true)),
            Some(b'f') => self.word("false", V::Bool(false)),
            Some(b'"') => self.string(),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(invalid("expected a JSON value")),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while self.s.get(self.i).is_some_and(u8::is_ascii_digit) {
            self.i += 1;
        }
        self.i - start
    }

    /// A number, kept as its text: `-`, then `0` or digits without a leading 0, then an
    /// optional fraction and exponent, each with at least one digit.
    fn number(&mut self) -> Result<V> {
        let start = self.i;
        self.i += usize::from(self.s.get(self.i) == Some(&b'-'));
        match self.s.get(self.i) {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(invalid("invalid number")),
        }
        if self.s.get(self.i) == Some(&b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return Err(invalid("invalid number"));
            }
        }
        if matches!(self.s.get(self.i), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.s.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err(invalid("invalid number"));
            }
        }
        let text = std::str::from_utf8(&self.s[start..self.i]).unwrap_or_default();
        Ok(V::Num(text.to_string()))
    }

    /// A value too deep to hold (the cursor on its opening bracket), checked and passed over
    /// without recursion, as serde_json passes over a value it skips.
    fn skip(&mut self) -> Result<()> {
        let mut open = Vec::new();
        loop {
            self.ws();
            match self.s.get(self.i) {
                Some(b'[') => {
                    self.i += 1;
                    if !self.eat(b']') {
                        open.push(b']');
                        continue;
                    }
                }
                Some(b'{') => {
                    self.i += 1;
                    if !self.eat(b'}') {
                        self.key()?;
                        open.push(b'}');
                        continue;
                    }
                }
                _ => {
                    self.scalar()?;
                }
            }
            // After a value: the brackets it closes, then a comma and the next value.
            loop {
                let Some(&close) = open.last() else {
                    return Ok(());
                };
                if self.eat(close) {
                    open.pop();
                    continue;
                }
                if !self.eat(b',') {
                    return Err(invalid("expected , or a closing bracket"));
                }
                if close == b'}' {
                    self.key()?;
                }
                break;
            }
        }
    }

    /// Four hex digits (no sign, which `from_str_radix` would take).
    fn hex4(&mut self) -> Result<u32> {
        let digits = self
            .s
            .get(self.i..self.i + 4)
            .filter(|d| d.iter().all(u8::is_ascii_hexdigit))
            .ok_or_else(|| invalid("bad escape"))?;
        self.i += 4;
        let text = std::str::from_utf8(digits).map_err(|_| invalid("bad escape"))?;
        u32::from_str_radix(text, 16).map_err(|_| invalid("bad escape"))
    }

    /// A string at the cursor (which is on its opening quote).
    fn string(&mut self) -> Result<V> {
        if self.s.get(self.i) != Some(&b'"') {
            return Err(invalid("expected a string"));
        }
        self.i += 1;
        let mut out = String::new();
        let mut bad = false;
        loop {
            let start = self.i;
            while self
                .s
                .get(self.i)
                .is_some_and(|&c| c >= 0x20 && c != b'"' && c != b'\\')
            {
                self.i += 1;
            }
            out.push_str(
                std::str::from_utf8(&self.s[start..self.i]).map_err(|_| invalid("bad UTF-8"))?,
            );
            match self.s.get(self.i) {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(if bad { V::Bad } else { V::Str(out) });
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = *self.s.get(self.i).ok_or_else(|| invalid("bad escape"))?;
                    self.i += 1;
                    match c {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let mut n = self.hex4()?;
                            if (0xD800..0xDC00).contains(&n)
                                && self.s.get(self.i..self.i + 2) == Some(b"\\u")
                            {
                                let save = self.i;
                                self.i += 2;
                                let low = self.hex4()?;
                                if (0xDC00..0xE000).contains(&low) {
                                    n = 0x10000 + ((n - 0xD800) << 10) + (low - 0xDC00);
                                } else {
                                    self.i = save;
                                }
                            }
                            match char::from_u32(n) {
                                Some(c) => out.push(c),
                                None => bad = true,
                            }
                        }
                        _ => return Err(invalid("bad escape")),
                    }
                }
                Some(_) => return Err(invalid("control character in a string")),
                None => return Err(invalid("unterminated string")),
            }
        }
    }
}

/// The JSON text of a JS value, parsed.
pub fn tree(value: &JsValue) -> JsResult<V> {
    core(parse(&json_text(value)?))
}

/// Values readable from the tree: the pricing module's input shapes.
pub trait Read: Sized {
    fn read(v: &V) -> Result<Self>;
}

/// An object argument (not an array, not `null`, else a `TypeError`) read as `T`.
pub fn object<T: Read>(name: &str, value: &JsValue) -> JsResult<T> {
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(type_error(name, "an object", value));
    }
    core(T::read(&tree(value)?))
}

/// An optional object argument: `undefined` or `null` gives `T`'s default.
pub fn options<T: Read + Default>(name: &str, value: &JsValue) -> JsResult<T> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    object(name, value)
}

/// An array argument read as `Vec<T>`.
pub fn array<T: Read>(name: &str, value: &JsValue) -> JsResult<Vec<T>> {
    if !js_sys::Array::is_array(value) {
        return Err(type_error(name, "an array", value));
    }
    core(Vec::<T>::read(&tree(value)?))
}

impl<T: Read> Read for Vec<T> {
    fn read(v: &V) -> Result<Self> {
        match v {
            V::Arr(items) => items.iter().map(T::read).collect(),
            _ => Err(invalid("invalid type: expected a sequence")),
        }
    }
}

impl<T: Read> Read for Option<T> {
    fn read(v: &V) -> Result<Self> {
        match v {
            V::Null => Ok(None),
            v => T::read(v).map(Some),
        }
    }
}

impl Read for String {
    fn read(v: &V) -> Result<Self> {
        match v {
            V::Str(s) => Ok(s.clone()),
            V::Bad => Err(invalid("lone surrogate in a string")),
            _ => Err(invalid("invalid type: expected a string")),
        }
    }
}

impl Read for bool {
    fn read(v: &V) -> Result<Self> {
        match v {
            V::Bool(b) => Ok(*b),
            _ => Err(invalid("invalid type: expected a boolean")),
        }
    }
}

impl Read for i64 {
    /// An integer number (a fraction or an exponent is a float, and so is `-0` for serde_json:
    /// refused, as serde_json does).
    fn read(v: &V) -> Result<Self> {
        match v {
            V::Num(n) if n != "-0" => n.parse().map_err(|_| invalid("invalid type: expected i64")),
            _ => Err(invalid("invalid type: expected i64")),
        }
    }
}

impl Read for Decimal {
    /// A decimal string, read by core's `parse_decimal` (its error as it gives it).
    fn read(v: &V) -> Result<Self> {
        remitcost::parse_decimal(&String::read(v)?)
    }
}

impl Read for Currency {
    fn read(v: &V) -> Result<Self> {
        Currency::parse(&String::read(v)?)
    }
}

/// A unit variant by its snake_case name.
fn variant<T: Copy>(v: &V, names: &[(&str, T)]) -> Result<T> {
    let name = String::read(v)?;
    names
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .ok_or_else(|| Error::InvalidJson(format!("unknown variant `{name}`")))
}

impl Read for Rounding {
    fn read(v: &V) -> Result<Self> {
        variant(
            v,
            &[
                ("half_even", Rounding::HalfEven),
                ("half_away_from_zero", Rounding::HalfAwayFromZero),
                ("up", Rounding::Up),
                ("down", Rounding::Down),
            ],
        )
    }
}

impl Read for RpwAmount {
    fn read(v: &V) -> Result<Self> {
        variant(
            v,
            &[("usd200", RpwAmount::Usd200), ("usd500", RpwAmount::Usd500)],
        )
    }
}

impl Read for Charging {
    fn read(v: &V) -> Result<Self> {
        variant(
            v,
            &[
                ("on_top", Charging::OnTop),
                ("deducted", Charging::Deducted),
            ],
        )
    }
}

impl Read for TaxBase {
    fn read(v: &V) -> Result<Self> {
        variant(v, &[("fee", TaxBase::Fee), ("amount", TaxBase::Amount)])
    }
}

impl Read for Order {
    fn read(v: &V) -> Result<Self> {
        variant(
            v,
            &[
                ("cheapest", Order::Cheapest),
                ("total_cost", Order::TotalCost),
                ("received", Order::Received),
                ("speed", Order::Speed),
            ],
        )
    }
}

impl Read for Speed {
    fn read(v: &V) -> Result<Self> {
        variant(
            v,
            &[
                ("less_than_one_hour", Speed::LessThanOneHour),
                ("same_day", Speed::SameDay),
                ("next_day", Speed::NextDay),
                ("two_to_five_days", Speed::TwoToFiveDays),
                ("more_than_five_days", Speed::MoreThanFiveDays),
            ],
        )
    }
}

/// Reads an object's fields in the text's order: `field` reads a known one and says whether
/// it knew it; an unknown one is refused when `deny_unknown`, skipped otherwise; a known one
/// given twice is refused before its second value is read (the caller checks its required
/// fields afterwards, as serde does at the end of the object). An array is serde's other form
/// of a struct: the values of the fields `names` in their order, the last ones left out or
/// not, none more.
fn fields(
    v: &V,
    names: &[&str],
    deny_unknown: bool,
    mut field: impl FnMut(&str, &V) -> Result<bool>,
) -> Result<()> {
    // The generic part is small (it is in every reader): the checks are in `entry`, `known`.
    let mut seen = 0u32;
    let mut i = 0;
    while let Some((key, value)) = entry(v, names, i)? {
        i += 1;
        if let Some(key) = known(key, names, deny_unknown, &mut seen)? {
            field(key, value)?;
        }
    }
    match v {
        V::Arr(items) if items.len() > names.len() => Err(invalid("trailing characters")),
        _ => Ok(()),
    }
}

/// The `i`th (key, value) pair of an object, or the `i`th value of an array, named by `names`
/// in their order.
fn entry<'a>(v: &'a V, names: &[&'a str], i: usize) -> Result<Option<(Option<&'a str>, &'a V)>> {
    match v {
        V::Obj(entries) => Ok(entries.get(i).map(|(k, v)| (k.as_deref(), v))),
        V::Arr(items) => Ok(names.get(i).zip(items.get(i)).map(|(n, v)| (Some(*n), v))),
        _ => Err(invalid("invalid type: expected a map")),
    }
}

/// A key to read (one of `names`, the first time), `None` for one to skip, or the refusal.
fn known<'a>(
    key: Option<&'a str>,
    names: &[&str],
    deny_unknown: bool,
    seen: &mut u32,
) -> Result<Option<&'a str>> {
    let key = key.ok_or_else(|| invalid("lone surrogate in a key"))?;
    match names.iter().position(|n| *n == key) {
        Some(p) if *seen & (1 << p) != 0 => {
            Err(Error::InvalidJson(format!("duplicate field `{key}`")))
        }
        Some(p) => {
            *seen |= 1 << p;
            Ok(Some(key))
        }
        None if deny_unknown => Err(Error::InvalidJson(format!("unknown field `{key}`"))),
        None => Ok(None),
    }
}

/// Reads `v` into `slot` and says the field was known.
fn set<T: Read>(slot: &mut T, v: &V) -> Result<bool> {
    *slot = T::read(v)?;
    Ok(true)
}

/// Reads a required field's `v` (no `null` for it) into `slot`.
fn req<T: Read>(slot: &mut Option<T>, v: &V) -> Result<bool> {
    *slot = Some(T::read(v)?);
    Ok(true)
}

impl Read for Rate {
    fn read(v: &V) -> Result<Self> {
        let (mut base, mut quote, mut value) = (None, None, None);
        fields(v, &["base", "quote", "value"], true, |k, v| match k {
            "base" => req(&mut base, v),
            "quote" => req(&mut quote, v),
            "value" => req(&mut value, v),
            _ => Ok(false),
        })?;
        match (base, quote, value) {
            (Some(b), Some(q), Some(x)) => Rate::new(b, q, x),
            (None, _, _) => Err(invalid("missing field `base`")),
            (_, None, _) => Err(invalid("missing field `quote`")),
            _ => Err(invalid("missing field `value`")),
        }
    }
}

impl Read for Money {
    /// `{amount, currency}`; other fields ignored (core's `Money` does not refuse them).
    fn read(v: &V) -> Result<Self> {
        let (mut amount, mut currency) = (None, None);
        fields(v, &["amount", "currency"], false, |k, v| match k {
            "amount" => req(&mut amount, v),
            "currency" => req(&mut currency, v),
            _ => Ok(false),
        })?;
        match (amount, currency) {
            (Some(a), Some(c)) => Ok(Money::new(a, c)),
            (None, _) => Err(invalid("missing field `amount`")),
            _ => Err(invalid("missing field `currency`")),
        }
    }
}

impl Read for FeePart {
    fn read(v: &V) -> Result<Self> {
        let mut part = FeePart::default();
        fields(v, &["from", "to", "fixed", "pct"], true, |k, v| match k {
            "from" => set(&mut part.from, v),
            "to" => set(&mut part.to, v),
            "fixed" => set(&mut part.fixed, v),
            "pct" => set(&mut part.pct, v),
            _ => Ok(false),
        })?;
        Ok(part)
    }
}

impl Read for Tax {
    fn read(v: &V) -> Result<Self> {
        let (mut name, mut pct, mut base, mut only_funding) = (String::new(), None, None, None);
        fields(
            v,
            &["name", "pct", "base", "only_funding"],
            true,
            |k, v| match k {
                "name" => set(&mut name, v),
                "pct" => req(&mut pct, v),
                "base" => req(&mut base, v),
                "only_funding" => set(&mut only_funding, v),
                _ => Ok(false),
            },
        )?;
        match (pct, base) {
            (Some(pct), Some(base)) => Ok(Tax {
                name,
                pct,
                base,
                only_funding,
            }),
            (None, _) => Err(invalid("missing field `pct`")),
            _ => Err(invalid("missing field `base`")),
        }
    }
}

impl Read for FeeSchedule {
    fn read(v: &V) -> Result<Self> {
        let mut s = FeeSchedule::default();
        const NAMES: [&str; 9] = [
            "parts",
            "min_fee",
            "max_fee",
            "receiving_fee",
            "taxes",
            "charging",
            "min_amount",
            "max_amount",
            "payout_unit",
        ];
        fields(v, &NAMES, true, |k, v| match k {
            "parts" => set(&mut s.parts, v),
            "min_fee" => set(&mut s.min_fee, v),
            "max_fee" => set(&mut s.max_fee, v),
            "receiving_fee" => set(&mut s.receiving_fee, v),
            "taxes" => set(&mut s.taxes, v),
            "charging" => set(&mut s.charging, v),
            "min_amount" => set(&mut s.min_amount, v),
            "max_amount" => set(&mut s.max_amount, v),
            "payout_unit" => set(&mut s.payout_unit, v),
            _ => Ok(false),
        })?;
        Ok(s)
    }
}

impl Read for Promotion {
    fn read(v: &V) -> Result<Self> {
        let (mut rate, mut rate_up_to, mut waived) = (None, None, false);
        const NAMES: [&str; 3] = ["rate", "rate_up_to", "first_transfer_fee_waived"];
        fields(v, &NAMES, true, |k, v| match k {
            "rate" => set(&mut rate, v),
            "rate_up_to" => set(&mut rate_up_to, v),
            "first_transfer_fee_waived" => set(&mut waived, v),
            _ => Ok(false),
        })?;
        Ok(Promotion {
            rate,
            rate_up_to,
            first_transfer_fee_waived: waived,
        })
    }
}

impl Read for Offer {
    fn read(v: &V) -> Result<Self> {
        let (mut provider, mut firm_type, mut speed, mut funding, mut payout) =
            (None, None, None, None, None);
        let (mut send, mut receive, mut schedule) = (None, None, FeeSchedule::default());
        let (mut offered_rate, mut mid_rate, mut promotion, mut collected_at) =
            (None, None, None, None);
        const NAMES: [&str; 12] = [
            "provider",
            "firm_type",
            "speed",
            "funding",
            "payout",
            "send_currency",
            "receive_currency",
            "schedule",
            "offered_rate",
            "mid_rate",
            "promotion",
            "collected_at",
        ];
        fields(v, &NAMES, true, |k, v| match k {
            "provider" => set(&mut provider, v),
            "firm_type" => set(&mut firm_type, v),
            "speed" => set(&mut speed, v),
            "funding" => set(&mut funding, v),
            "payout" => set(&mut payout, v),
            "send_currency" => req(&mut send, v),
            "receive_currency" => req(&mut receive, v),
            "schedule" => set(&mut schedule, v),
            "offered_rate" => set(&mut offered_rate, v),
            "mid_rate" => set(&mut mid_rate, v),
            "promotion" => set(&mut promotion, v),
            "collected_at" => set(&mut collected_at, v),
            _ => Ok(false),
        })?;
        match (send, receive) {
            (Some(send_currency), Some(receive_currency)) => Ok(Offer {
                provider,
                firm_type,
                speed,
                funding,
                payout,
                send_currency,
                receive_currency,
                schedule,
                offered_rate,
                mid_rate,
                promotion,
                collected_at,
            }),
            (None, _) => Err(invalid("missing field `send_currency`")),
            _ => Err(invalid("missing field `receive_currency`")),
        }
    }
}

impl Read for CostOptions {
    fn read(v: &V) -> Result<Self> {
        let mut o = CostOptions::default();
        const NAMES: [&str; 4] = [
            "rounding",
            "include_receiving_fee",
            "first_transfer",
            "oldest_quote",
        ];
        fields(v, &NAMES, true, |k, v| match k {
            "rounding" => set(&mut o.rounding, v),
            "include_receiving_fee" => set(&mut o.include_receiving_fee, v),
            "first_transfer" => set(&mut o.first_transfer, v),
            "oldest_quote" => set(&mut o.oldest_quote, v),
            _ => Ok(false),
        })?;
        Ok(o)
    }
}

impl Read for RankOptions {
    fn read(v: &V) -> Result<Self> {
        let mut o = RankOptions::default();
        const NAMES: [&str; 5] = ["payout", "funding", "max_speed", "order", "now"];
        fields(v, &NAMES, true, |k, v| match k {
            "payout" => set(&mut o.payout, v),
            "funding" => set(&mut o.funding, v),
            "max_speed" => set(&mut o.max_speed, v),
            "order" => set(&mut o.order, v),
            "now" => set(&mut o.now, v),
            _ => Ok(false),
        })?;
        Ok(o)
    }
}

impl Read for Target {
    /// `{send}`, `{receive}` or `{total}`: exactly one key.
    fn read(v: &V) -> Result<Self> {
        let V::Obj(entries) = v else {
            return Err(invalid("invalid type: expected a map with a single key"));
        };
        let Some((key, value)) = entries.first() else {
            return Err(invalid("invalid type: expected a map with a single key"));
        };
        let key = key
            .as_deref()
            .ok_or_else(|| invalid("lone surrogate in a key"))?;
        let make: fn(Decimal) -> Target = match key {
            "send" => Target::Send,
            "receive" => Target::Receive,
            "total" => Target::Total,
            _ => return Err(Error::InvalidJson(format!("unknown variant `{key}`"))),
        };
        let target = make(Decimal::read(value)?);
        if entries.len() > 1 {
            return Err(invalid("expected a map with a single key"));
        }
        Ok(target)
    }
}

#[cfg(test)]
mod tests;
