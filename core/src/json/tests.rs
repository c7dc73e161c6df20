//! Property tests of the hand-written JSON parser and readers against what they replaced:
//! `serde_json::from_str` into core's serde types, its error turned into core's by
//! `From<serde_json::Error>` (the npm module's path before issue 14). `cargo test -p remitcost
//! --features lite-json`; `.ci/rust.sh` runs them with a fixed seed.
//!
//! Deliberate differences, which the properties allow for and nothing else:
//! - A number is kept as its text, not range-checked (`1e400` parses; serde_json's `Value`
//!   refuses it as out of range). The readers read numbers only as `i64`, which refuses it
//!   alike, and serde_json does not range-check a number it skips either.
//! - A string with a lone surrogate escape (`"\ud800"`, which `JSON.stringify` writes for a
//!   lone surrogate) and a value nested deeper than serde_json's limit are not refused by
//!   `parse` but held as `V::Bad` / `V::Deep` and refused where a reader reads them, as
//!   serde_json refuses them where it reads them and skips them where it skips a value (an
//!   extra field of `Money`).
//! - Text that is not JSON at all is refused as `invalid_json`, even where serde_json, which
//!   reads as it parses, would first have met a bad value (`unknown_currency` …) before the
//!   syntax error. `JSON.stringify` never writes such text; the codes are compared on JSON text.

// Test code (the independent number grammar, the text edits): an overflow would be a failure.
#![allow(clippy::arithmetic_side_effects)]

mod aggregate;
mod write;

use super::parse::{parse, V};
use super::read::Read;
use crate::{
    CostOptions, Error, FeePart, FeeSchedule, Money, Offer, Promotion, RankOptions, Rate, Target,
    Tax,
};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::fmt::Debug;

// ---------------------------------------------------------------------------------------
// (a) parse against serde_json::Value

/// The tree as a serde_json value; `None` where serde_json's `Value` refuses what the tree
/// holds (a lone surrogate, a value too deep, a number out of range).
fn to_value(v: &V) -> Option<Value> {
    Some(match v {
        V::Null => Value::Null,
        V::Bool(b) => Value::Bool(*b),
        V::Num(text) => {
            assert!(is_json_number(text), "parse kept a bad number {text:?}");
            serde_json::from_str(text).ok()?
        }
        V::Str(s) => Value::String(s.clone()),
        V::Bad | V::Deep => return None,
        V::Arr(items) => Value::Array(items.iter().map(to_value).collect::<Option<_>>()?),
        V::Obj(fields) => {
            let mut map = serde_json::Map::new();
            for (key, value) in fields {
                map.insert(key.clone()?, to_value(value)?);
            }
            Value::Object(map)
        }
    })
}

/// JSON's number grammar (RFC 8259), written out independently of the parser.
fn is_json_number(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Checks `parse` against serde_json on one text: both accept (the same tree) or both refuse.
fn same_as_serde(text: &str) -> std::result::Result<(), TestCaseError> {
    let theirs = serde_json::from_str::<Value>(text);
    let ours = parse(text).map(|v| to_value(&v));
    match (&theirs, &ours) {
        (Ok(a), Ok(Some(b))) => prop_assert_eq!(a, b, "text {:?}", text),
        (Err(_), Err(_) | Ok(None)) => {}
        // serde_json's Value range-checks numbers, the tree keeps their text (see above).
        (Err(e), Ok(_)) if e.to_string().starts_with("number out of range") => {}
        _ => prop_assert!(
            false,
            "text {:?}: serde_json {:?}, parse {:?}",
            text,
            theirs.as_ref().map(|_| ()),
            ours.as_ref().map(|v| v.is_some())
        ),
    }
    Ok(())
}

fn arb_string() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        // Mostly the characters JSON escapes, and some beyond the BMP.
        proptest::collection::vec(
            prop_oneof![
                Just('"'),
                Just('\\'),
                Just('/'),
                Just('\u{0}'),
                Just('\u{1f}'),
                Just('\n'),
                Just('\u{7f}'),
                Just('é'),
                Just('\u{ffff}'),
                Just('\u{1f600}'),
                Just('\u{10ffff}'),
                any::<char>(),
            ],
            0..8
        )
        .prop_map(|cs| cs.into_iter().collect()),
    ]
}

fn arb_number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        Just(Value::from(-0.0)),
        Just(Value::from(1e300)),
        Just(Value::from(5e-324)),
    ]
}

fn arb_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        arb_number(),
        arb_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((arb_string(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// JSON text of `v` with every non-ASCII character as `\u` escapes (surrogate pairs beyond
/// the BMP), as serde_json does not write them.
fn ascii_json(v: &Value) -> String {
    fn string(s: &str, out: &mut String) {
        out.push('"');
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                ' '..='~' => out.push(c),
                _ => {
                    let mut units = [0u16; 2];
                    for u in c.encode_utf16(&mut units) {
                        out.push_str(&format!("\\u{u:04X}"));
                    }
                }
            }
        }
        out.push('"');
    }
    fn write(v: &Value, out: &mut String) {
        match v {
            Value::String(s) => string(s, out),
            Value::Array(items) => {
                out.push_str("[ ");
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(" ,\n");
                    }
                    write(item, out);
                }
                out.push(']');
            }
            Value::Object(map) => {
                out.push_str("{\t");
                for (i, (k, item)) in map.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    string(k, out);
                    out.push_str("\r: ");
                    write(item, out);
                }
                out.push('}');
            }
            scalar => out.push_str(&scalar.to_string()),
        }
    }
    let mut out = String::new();
    write(v, &mut out);
    out
}

/// Small edits that make or break JSON.
fn arb_edit() -> impl Strategy<Value = (usize, usize, &'static str)> {
    let snippets = prop_oneof![
        Just(""),
        Just("\""),
        Just("\\"),
        Just("\\u"),
        Just("\\ud800"),
        Just("\\udc00"),
        Just("\\ud83d\\ude00"),
        Just("\\u+123"),
        Just("\\uD83D"),
        Just("\u{1}"),
        Just("\u{7f}"),
        Just("-"),
        Just("+"),
        Just("0"),
        Just("01"),
        Just("."),
        Just("e"),
        Just("E+"),
        Just("1e400"),
        Just("-0"),
        Just(","),
        Just(":"),
        Just("["),
        Just("]"),
        Just("{"),
        Just("}"),
        Just(" "),
        Just("\u{c}"),
        Just("null"),
        Just("nul"),
        Just("true"),
        Just("é"),
    ];
    (any::<usize>(), 0..3usize, snippets)
}

/// `text` with each edit: at a char boundary, `del` chars replaced by the snippet.
fn apply(text: &str, edits: &[(usize, usize, &str)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for &(at, del, snippet) in edits {
        let at = at % (chars.len() + 1);
        let end = (at + del).min(chars.len());
        chars.splice(at..end, snippet.chars());
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// serde_json's own text of any value parses into what serde_json reads from it (not always
    /// the value: serde_json's float reading is not exact without its `float_roundtrip`).
    #[test]
    fn parse_reads_serde_json_text(v in arb_value()) {
        let text = serde_json::to_string(&v).unwrap();
        same_as_serde(&text)?;
        prop_assert!(to_value(&parse(&text).unwrap()).is_some());
        same_as_serde(&serde_json::to_string_pretty(&v).unwrap())?;
    }

    /// Every non-ASCII character escaped (surrogate pairs), odd white space.
    #[test]
    fn parse_reads_escaped_text(v in arb_value()) {
        let text = ascii_json(&v);
        same_as_serde(&text)?;
        prop_assert!(to_value(&parse(&text).unwrap()).is_some());
    }

    /// Broken and repaired JSON: the same verdict as serde_json, the same tree when accepted.
    #[test]
    fn parse_agrees_on_edited_text(
        v in arb_value(),
        ascii in any::<bool>(),
        edits in proptest::collection::vec(arb_edit(), 1..4),
    ) {
        let text = if ascii { ascii_json(&v) } else { serde_json::to_string(&v).unwrap() };
        same_as_serde(&apply(&text, &edits))?;
    }

    /// Short texts over JSON's alphabet, mostly not JSON.
    #[test]
    fn parse_agrees_on_random_text(text in "[\\[\\]{}\",:0-9.eE+\\-\\\\u tfnrlsa\u{1}é]{0,12}") {
        same_as_serde(&text)?;
    }

    /// Number-like text, as a whole document and inside an array.
    #[test]
    fn parse_agrees_on_numbers(text in "-?[0-9]{0,3}(\\.[0-9]{0,2})?([eE][+-]?[0-9]{0,4})?[.eE+-]?") {
        same_as_serde(&text)?;
        same_as_serde(&format!("[{text}]"))?;
        same_as_serde(&format!("{{\"a\":{text}}}"))?;
    }

    /// Nesting around serde_json's limit (128), arrays and objects mixed.
    #[test]
    fn parse_agrees_on_depth(
        kinds in proptest::collection::vec(any::<bool>(), 120..135),
        inner in prop_oneof![Just("1"), Just("[]"), Just("{}"), Just("\"x\""), Just("")],
    ) {
        let mut text = String::new();
        for &arr in &kinds {
            text.push_str(if arr { "[" } else { "{\"k\":" });
        }
        text.push_str(inner);
        for &arr in kinds.iter().rev() {
            text.push(if arr { ']' } else { '}' });
        }
        same_as_serde(&text)?;
    }
}

// ---------------------------------------------------------------------------------------
// (b) the readers against serde_json + core

/// JSON built as text, so that an object may repeat a key and keep its order.
#[derive(Clone, Debug)]
enum J {
    Raw(&'static str),
    Arr(Vec<J>),
    Obj(Vec<(&'static str, J)>),
}

impl J {
    fn text(&self) -> String {
        match self {
            J::Raw(s) => (*s).to_string(),
            J::Arr(items) => {
                let items: Vec<String> = items.iter().map(J::text).collect();
                format!("[{}]", items.join(","))
            }
            J::Obj(fields) => {
                let fields: Vec<String> = fields
                    .iter()
                    .map(|(k, v)| format!("\"{k}\":{}", v.text()))
                    .collect();
                format!("{{{}}}", fields.join(","))
            }
        }
    }
}

fn raw(pool: &'static [&'static str]) -> BoxedStrategy<J> {
    proptest::sample::select(pool).prop_map(J::Raw).boxed()
}

/// Values of the wrong kind for any field, one nested past serde_json's limit (which it
/// refuses where it reads it and skips as an extra field of `Money`).
fn junk() -> BoxedStrategy<J> {
    let deep: &'static str =
        Box::leak(format!("{}{}", "[".repeat(130), "]".repeat(130)).into_boxed_str());
    proptest::sample::select(vec![
        "null",
        "true",
        "0",
        "-0",
        "1.5",
        "1e2",
        "[]",
        "{}",
        "\"\"",
        "\"x\"",
        "\"\\ud800\"",
        "{\"\\udc00\":1}",
        "[\"EUR\",\"XOF\",\"655\"]",
        deep,
    ])
    .prop_map(J::Raw)
    .boxed()
}

fn or_junk(s: BoxedStrategy<J>) -> BoxedStrategy<J> {
    prop_oneof![6 => s, 1 => junk()].boxed()
}

fn text() -> BoxedStrategy<J> {
    or_junk(raw(&[
        "\"Wise\"",
        "\"cash\"",
        "\"\\ud83d\\ude00\"",
        "\"a\\u0000b\"",
        "null",
    ]))
}

fn currency() -> BoxedStrategy<J> {
    or_junk(raw(&[
        "\"EUR\"",
        "\"XOF\"",
        "\"usd\"",
        "\"ZZZ\"",
        "\"EU\"",
        "\" EUR\"",
        "\"\\u0045UR\"",
    ]))
}

fn decimal() -> BoxedStrategy<J> {
    or_junk(raw(&[
        "\"5\"",
        "\"0\"",
        "\"-1\"",
        "\"1e3\"",
        "\"0.05\"",
        "\"655.957\"",
        "\"1_000\"",
        "\"\"",
        "\"NaN\"",
        "\" 2 \"",
        "\"79228162514264337593543950336\"",
        "5",
    ]))
}

fn opt_decimal() -> BoxedStrategy<J> {
    prop_oneof![4 => decimal(), 1 => Just(J::Raw("null"))].boxed()
}

fn int() -> BoxedStrategy<J> {
    or_junk(raw(&[
        "0",
        "-0",
        "17",
        "-5",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "-9223372036854775809",
        "18446744073709551616",
        "1.0",
        "1e3",
        "1E400",
        "\"5\"",
        "null",
    ]))
}

fn boolean() -> BoxedStrategy<J> {
    or_junk(raw(&["true", "false", "null"]))
}

fn name(names: &'static [&'static str]) -> BoxedStrategy<J> {
    or_junk(raw(names))
}

/// An object of a shape: a random subset of its fields in random order, sometimes an
/// unknown or repeated field; or (a tenth of the time) serde's sequence form of a struct,
/// the fields' values in declaration order, some left off the end or one too many.
fn shape(fields: Vec<(&'static str, BoxedStrategy<J>)>) -> BoxedStrategy<J> {
    let n = fields.len();
    let entries: Vec<BoxedStrategy<(&'static str, J)>> = fields
        .into_iter()
        .map(|(k, s)| s.prop_map(move |v| (k, v)).boxed())
        .collect();
    (
        entries,
        proptest::collection::vec(any::<bool>(), n),
        0..12u8,
        junk(),
        proptest::sample::select(vec!["zz", "Amount", ""]),
        0..=n + 1,
        any::<proptest::sample::Index>(),
    )
        .prop_flat_map(move |(entries, keep, mode, extra, extra_key, len, dup)| {
            if mode == 0 {
                let mut items: Vec<J> = entries.iter().map(|(_, v)| v.clone()).collect();
                items.push(extra);
                items.truncate(len);
                return Just(J::Arr(items)).boxed();
            }
            let mut kept: Vec<(&'static str, J)> = entries
                .iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(e, _)| e.clone())
                .collect();
            if mode == 1 {
                kept.push((extra_key, extra));
            } else if mode == 2 {
                kept.push(entries[dup.index(entries.len())].clone());
            }
            Just(kept).prop_shuffle().prop_map(J::Obj).boxed()
        })
        .boxed()
}

fn rate() -> BoxedStrategy<J> {
    shape(vec![
        ("base", currency()),
        ("quote", currency()),
        ("value", decimal()),
    ])
}

fn opt_rate() -> BoxedStrategy<J> {
    prop_oneof![4 => rate(), 1 => Just(J::Raw("null"))].boxed()
}

fn money() -> BoxedStrategy<J> {
    shape(vec![("amount", decimal()), ("currency", currency())])
}

fn fee_part() -> BoxedStrategy<J> {
    shape(vec![
        ("from", opt_decimal()),
        ("to", opt_decimal()),
        ("fixed", decimal()),
        ("pct", decimal()),
    ])
}

fn tax() -> BoxedStrategy<J> {
    shape(vec![
        ("name", text()),
        ("pct", decimal()),
        ("base", name(&["\"fee\"", "\"amount\"", "\"Fee\""])),
        ("only_funding", text()),
    ])
}

fn list(item: BoxedStrategy<J>) -> BoxedStrategy<J> {
    or_junk(
        proptest::collection::vec(item, 0..3)
            .prop_map(J::Arr)
            .boxed(),
    )
}

fn schedule() -> BoxedStrategy<J> {
    shape(vec![
        ("parts", list(fee_part())),
        ("min_fee", opt_decimal()),
        ("max_fee", opt_decimal()),
        ("receiving_fee", opt_decimal()),
        ("taxes", list(tax())),
        (
            "charging",
            name(&["\"on_top\"", "\"deducted\"", "\"OnTop\""]),
        ),
        ("min_amount", opt_decimal()),
        ("max_amount", opt_decimal()),
        ("payout_unit", opt_decimal()),
    ])
}

fn promotion() -> BoxedStrategy<J> {
    shape(vec![
        ("rate", opt_rate()),
        ("rate_up_to", opt_decimal()),
        ("first_transfer_fee_waived", boolean()),
    ])
}

fn offer() -> BoxedStrategy<J> {
    shape(vec![
        ("provider", text()),
        ("firm_type", text()),
        ("speed", text()),
        ("funding", text()),
        ("payout", text()),
        ("send_currency", currency()),
        ("receive_currency", currency()),
        ("schedule", or_junk(schedule())),
        ("offered_rate", opt_rate()),
        ("mid_rate", opt_rate()),
        (
            "promotion",
            prop_oneof![4 => promotion(), 1 => Just(J::Raw("null"))].boxed(),
        ),
        ("collected_at", int()),
    ])
}

fn cost_options() -> BoxedStrategy<J> {
    shape(vec![
        (
            "rounding",
            name(&[
                "\"half_even\"",
                "\"half_away_from_zero\"",
                "\"up\"",
                "\"down\"",
                "\"Up\"",
            ]),
        ),
        ("include_receiving_fee", boolean()),
        ("first_transfer", boolean()),
        ("oldest_quote", int()),
    ])
}

fn rank_options() -> BoxedStrategy<J> {
    shape(vec![
        ("payout", text()),
        ("funding", text()),
        (
            "max_speed",
            name(&[
                "\"same_day\"",
                "\"less_than_one_hour\"",
                "\"more_than_five_days\"",
                "\"x\"",
                "null",
            ]),
        ),
        (
            "order",
            name(&[
                "\"cheapest\"",
                "\"total_cost\"",
                "\"received\"",
                "\"speed\"",
            ]),
        ),
        ("now", int()),
    ])
}

fn target() -> BoxedStrategy<J> {
    prop_oneof![
        (
            proptest::sample::select(vec!["send", "receive", "total", "Send", "x"]),
            decimal()
        )
            .prop_map(|(k, v)| J::Obj(vec![(k, v)])),
        (decimal(), decimal()).prop_map(|(a, b)| J::Obj(vec![("send", a), ("total", b)])),
        junk(),
        raw(&["\"send\"", "{}"]),
    ]
    .boxed()
}

/// The readers against serde_json + core on one JSON text: the same value, or the same code.
fn same_reading<T>(text: &str) -> std::result::Result<(), TestCaseError>
where
    T: DeserializeOwned + Read + PartialEq + Debug + serde::Serialize,
{
    let theirs = serde_json::from_str::<T>(text).map_err(Error::from);
    let ours = parse(text).and_then(|v| T::read(&v));
    match (&theirs, &ours) {
        (Ok(a), Ok(b)) => {
            prop_assert_eq!(a, b, "text {}", text);
            // serde_json's own text of the value reads back to it.
            let again = serde_json::to_string(a).unwrap();
            let back = parse(&again).and_then(|v| T::read(&v)).ok();
            prop_assert_eq!(Some(a), back.as_ref());
        }
        (Err(a), Err(b)) => prop_assert_eq!(a.code(), b.code(), "text {}: {} / {}", text, a, b),
        _ => prop_assert!(
            false,
            "text {}: serde {:?}, lite-json {:?}",
            text,
            theirs,
            ours
        ),
    }
    Ok(())
}

/// The same on JSON text edited at random: the value or the codes when it is still JSON (to
/// serde_json's `Value` or to the parser, which keeps a lone surrogate or a value too deep for
/// a reader to refuse: in a skipped field both pass it), else both refuse.
fn same_reading_edited<T>(
    text: &str,
    edits: &[(usize, usize, &str)],
) -> std::result::Result<(), TestCaseError>
where
    T: DeserializeOwned + Read + PartialEq + Debug + serde::Serialize,
{
    let text = apply(text, edits);
    if serde_json::from_str::<Value>(&text).is_ok() || parse(&text).is_ok() {
        return same_reading::<T>(&text);
    }
    let theirs = serde_json::from_str::<T>(&text);
    let ours = parse(&text).and_then(|v| T::read(&v));
    prop_assert!(theirs.is_err() && ours.is_err(), "text {}", text);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn offer_reads_as_serde(j in offer(), edits in proptest::collection::vec(arb_edit(), 1..3)) {
        same_reading::<Offer>(&j.text())?;
        same_reading_edited::<Offer>(&j.text(), &edits)?;
    }

    #[test]
    fn offers_read_as_serde(j in proptest::collection::vec(offer(), 0..3)) {
        same_reading::<Vec<Offer>>(&J::Arr(j).text())?;
    }

    #[test]
    fn schedule_reads_as_serde(j in schedule(), edits in proptest::collection::vec(arb_edit(), 1..3)) {
        same_reading::<FeeSchedule>(&j.text())?;
        same_reading_edited::<FeeSchedule>(&j.text(), &edits)?;
    }

    #[test]
    fn small_shapes_read_as_serde(
        part in fee_part(),
        tax in tax(),
        rate in rate(),
        money in money(),
        promotion in promotion(),
        edits in proptest::collection::vec(arb_edit(), 1..3),
    ) {
        same_reading::<FeePart>(&part.text())?;
        same_reading::<Tax>(&tax.text())?;
        same_reading::<Rate>(&rate.text())?;
        same_reading::<Money>(&money.text())?;
        same_reading::<Promotion>(&promotion.text())?;
        same_reading_edited::<Money>(&money.text(), &edits)?;
        same_reading_edited::<Rate>(&rate.text(), &edits)?;
    }

    #[test]
    fn options_read_as_serde(
        cost in cost_options(),
        rank in rank_options(),
        target in target(),
        edits in proptest::collection::vec(arb_edit(), 1..3),
    ) {
        same_reading::<CostOptions>(&cost.text())?;
        same_reading::<RankOptions>(&rank.text())?;
        same_reading::<Target>(&target.text())?;
        same_reading_edited::<RankOptions>(&rank.text(), &edits)?;
        same_reading_edited::<Target>(&target.text(), &edits)?;
    }
}

// ---------------------------------------------------------------------------------------
// Regressions: the differences the properties found in the first version of the readers, each
// checked against serde_json as above and against the verdict serde_json gives.

fn json_agrees(text: &str, accepted: bool) {
    same_as_serde(text).unwrap();
    assert_eq!(
        parse(text).ok().and_then(|v| to_value(&v)).is_some(),
        accepted,
        "{text}"
    );
}

fn reads_as_serde<T>(text: &str, code: Option<&str>)
where
    T: DeserializeOwned + Read + PartialEq + Debug + serde::Serialize,
{
    same_reading::<T>(text).unwrap();
    let ours = parse(text).and_then(|v| T::read(&v));
    assert_eq!(ours.err().map(|e| e.code()), code, "{text}");
}

#[test]
fn numbers_follow_json_grammar() {
    // Any run of `-+.eE0-9` was a number.
    for bad in [
        "01", "-01", "1.", "-", "1e", "1e+", "1-2", "1.2.3", "-.5", "1.e3", "2E--1",
    ] {
        json_agrees(bad, false);
        json_agrees(&format!("[{bad}]"), false);
    }
    for good in ["0", "-0", "1.5e-7", "10E+2", "-0.0"] {
        json_agrees(good, true);
    }
}

#[test]
fn strings_refuse_raw_control_characters() {
    json_agrees("\"a\u{1}b\"", false);
    json_agrees("\"a\nb\"", false);
    json_agrees("\"a\u{7f}b\"", true);
    // Skipped as an extra field of Money, too.
    reads_as_serde::<Money>(
        "{\"amount\":\"1\",\"currency\":\"EUR\",\"x\":\"\t\"}",
        Some("invalid_json"),
    );
}

#[test]
fn unicode_escapes_are_four_hex_digits() {
    // `from_str_radix` takes a sign.
    json_agrees("\"\\u+041\"", false);
    json_agrees("\"\\ud83d\\u+e00\"", false);
    json_agrees("\"\\u0041\\uD83D\\uDE00\"", true);
}

#[test]
fn nesting_limit_is_serde_json_s() {
    // 127 arrays or objects inside one another are read, the 128th is refused (the tree
    // allowed 129).
    for (n, accepted) in [(127, true), (128, false), (129, false)] {
        json_agrees(&format!("{}{}", "[".repeat(n), "]".repeat(n)), accepted);
        json_agrees(
            &format!("{}1{}", "{\"k\":".repeat(n), "}".repeat(n)),
            accepted,
        );
    }
    // Skipped, as serde_json skips an extra field of Money whatever its depth.
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    reads_as_serde::<Money>(
        &format!("{{\"amount\":\"1\",\"currency\":\"EUR\",\"x\":{deep}}}"),
        None,
    );
    reads_as_serde::<Money>(
        &format!(
            "{{\"amount\":\"1\",\"currency\":\"EUR\",\"x\":{}}}",
            &deep[1..]
        ),
        Some("invalid_json"),
    );
}

#[test]
fn lone_surrogate_keys_are_refused() {
    // The key was read as "" and, where unknown fields are skipped, passed.
    reads_as_serde::<Money>(
        "{\"amount\":\"1\",\"currency\":\"EUR\",\"\\ud800\":1}",
        Some("invalid_json"),
    );
    reads_as_serde::<Target>("{\"\\udc00\":\"1\"}", Some("invalid_json"));
    // A lone surrogate in a skipped value passes, as serde_json does not check it there.
    reads_as_serde::<Money>(
        "{\"amount\":\"1\",\"currency\":\"EUR\",\"x\":\"\\ud800\"}",
        None,
    );
}

#[test]
fn duplicate_fields_are_refused() {
    reads_as_serde::<Offer>(
        r#"{"send_currency":"EUR","receive_currency":"XOF","send_currency":"EUR"}"#,
        Some("invalid_json"),
    );
    reads_as_serde::<Money>(
        r#"{"amount":"1","currency":"EUR","amount":"1"}"#,
        Some("invalid_json"),
    );
    // Before the second value is read.
    reads_as_serde::<FeePart>(r#"{"fixed":"1","fixed":"1_000"}"#, Some("invalid_json"));
    // An unknown field of Money twice is skipped twice.
    reads_as_serde::<Money>(r#"{"amount":"1","x":1,"x":2,"currency":"EUR"}"#, None);
}

#[test]
fn structs_read_from_arrays_as_serde_does() {
    reads_as_serde::<Rate>(r#"["EUR","XOF","655.957"]"#, None);
    reads_as_serde::<Rate>(r#"["EUR","XOF","0"]"#, Some("invalid_rate"));
    reads_as_serde::<Rate>(r#"["EUR","XOF"]"#, Some("invalid_json"));
    reads_as_serde::<Rate>(r#"["EUR","XOF","1","x"]"#, Some("invalid_json"));
    reads_as_serde::<Rate>(r#"["EUR","XXX","0","x"]"#, Some("unknown_currency"));
    reads_as_serde::<Money>(r#"["1","EUR"]"#, None);
    reads_as_serde::<CostOptions>("[]", None);
    reads_as_serde::<CostOptions>(r#"["up",false]"#, None);
    reads_as_serde::<Offer>(r#"[null,null,null,null,null,"EUR","XOF"]"#, None);
    reads_as_serde::<Offer>(r#"[null,null,null,null,null,"EUR"]"#, Some("invalid_json"));
    reads_as_serde::<Offer>(
        r#"{"send_currency":"EUR","receive_currency":"XOF","offered_rate":["EUR","XOF","655"]}"#,
        None,
    );
}

#[test]
fn minus_zero_is_not_an_integer() {
    // serde_json reads `-0` as a float.
    reads_as_serde::<CostOptions>(r#"{"oldest_quote":-0}"#, Some("invalid_json"));
    reads_as_serde::<CostOptions>(r#"{"oldest_quote":0}"#, None);
    reads_as_serde::<RankOptions>(r#"{"now":-9223372036854775808}"#, None);
}
