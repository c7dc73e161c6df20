//! One rule for decimal text: every decimal field of core's serde types reads its string with
//! `parse_decimal`, so the same text gives the same number, or the same `invalid_decimal` error
//! naming the text, in a JSON document as in a bare argument. Each type's JSON form is walked
//! and every decimal string in it is replaced in turn (a field that kept rust_decimal's own
//! reader, which takes `1_000` as 1000 and refuses `" 5"`, fails here).

use remitcost::{
    group, indicators, parse_decimal, AggregateOptions, Cost, CostOptions, Dimension, Grouping,
    Indicators, Observation, Offer, Partial, Quote, Target,
};
use serde::{de::DeserializeOwned, Serialize};
use serde_json::{json, Value};

/// Paths (JSON pointers) of the string leaves of `value` that `parse_decimal` reads.
fn decimal_leaves(value: &Value, path: String, out: &mut Vec<String>) {
    match value {
        Value::String(s) if parse_decimal(s).is_ok() => out.push(path),
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                decimal_leaves(v, format!("{path}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                decimal_leaves(v, format!("{path}/{k}"), out);
            }
        }
        _ => {}
    }
}

fn with(doc: &Value, pointer: &str, replacement: Value) -> Value {
    let mut doc = doc.clone();
    *doc.pointer_mut(pointer).expect("leaf") = replacement;
    doc
}

/// Checks every decimal string of `value`'s JSON form as the rule says; returns how many.
fn check<T: Serialize + DeserializeOwned>(value: &T) -> usize {
    let doc = serde_json::to_value(value).expect("serialize");
    let mut leaves = Vec::new();
    decimal_leaves(&doc, String::new(), &mut leaves);
    for pointer in &leaves {
        let text = doc.pointer(pointer).and_then(Value::as_str).expect("text");
        let read = |replacement: Value| -> remitcost::Result<T> {
            let text = serde_json::to_string(&with(&doc, pointer, replacement)).expect("text");
            serde_json::from_str(&text).map_err(remitcost::Error::from)
        };
        // Surrounding white space and a plus sign: the same number, written back unchanged.
        let padded = read(json!(format!(" +{text}\t"))).map(|v| serde_json::to_value(v).ok());
        let unsigned = !text.starts_with('-');
        if unsigned {
            assert_eq!(padded, Ok(Some(doc.clone())), "{pointer}: \" +{text}\\t\"");
        }
        // Digit separators, an empty string, a 40-digit number: parse_decimal's own error.
        for bad in ["1_000", "", &"9".repeat(40), "0x10"] {
            let err = read(json!(bad)).err();
            assert_eq!(err, parse_decimal(bad).err(), "{pointer}: {bad:?}");
        }
        // Text with quotes inside is named exactly.
        let err = read(json!("4\"90\"")).err();
        assert_eq!(
            err,
            Some(remitcost::Error::InvalidDecimal("4\"90\"".into()))
        );
        // A JSON number is not a decimal string.
        let err = read(json!(5)).err().map(|e| e.code());
        assert_eq!(err, Some("invalid_json"), "{pointer}: a JSON number");
    }
    leaves.len()
}

fn offer() -> Offer {
    serde_json::from_value(json!({
        "send_currency": "USD", "receive_currency": "MXN",
        "schedule": {"parts": [{"to": "500", "fixed": "4.99", "pct": "0.5"},
                               {"from": "500", "fixed": "2", "pct": "1"}],
            "min_fee": "1", "max_fee": "50", "receiving_fee": "10",
            "taxes": [{"name": "VAT", "pct": "5", "base": "fee"}],
            "min_amount": "10", "max_amount": "10000", "payout_unit": "5"},
        "offered_rate": {"base": "USD", "quote": "MXN", "value": "17"},
        "mid_rate": {"base": "USD", "quote": "MXN", "value": "17.2"},
        "promotion": {"rate": {"base": "USD", "quote": "MXN", "value": "17.1"},
            "rate_up_to": "100"}
    }))
    .expect("offer")
}

fn row(n: usize, period: &str, firm: &str, cost: &str) -> Observation {
    serde_json::from_value(json!({"row": n, "id": null, "period": period,
        "source_code": "FRA", "source_name": "France", "source_region": "",
        "destination_code": "SEN", "destination_name": "Senegal", "destination_region": "",
        "firm": firm, "firm_type": "Bank", "instrument": "Cash", "access_point": "Agent",
        "speed": "Same day", "transparent": true, "interbank_fx": "655.957", "extra": {},
        "cc1": {"amount": "200", "denomination_amount": "200", "currency": null, "fee": "4.9",
            "fx_rate": "645", "fx_margin_pct": "1.67", "total_cost_pct": cost},
        "cc2": null}))
    .expect("observation")
}

fn rows() -> Vec<Observation> {
    vec![
        row(2, "2025_1Q", "A", "4"),
        row(3, "2025_1Q", "B", "6.5"),
        row(4, "2025_2Q", "A", "3.5"),
        row(5, "2025_2Q", "C", "9"),
    ]
}

#[test]
fn every_decimal_of_an_offer_reads_as_parse_decimal() {
    // 2 parts (to, fixed, pct / from, fixed, pct), 6 schedule limits, a tax, 3 rates, rate_up_to.
    assert_eq!(check(&offer()), 17);
}

#[test]
fn every_decimal_of_a_quote_cost_and_target_reads_as_parse_decimal() {
    let quote: Quote =
        serde_json::from_value(json!({"send_amount": "300", "offer": offer()})).expect("quote");
    assert_eq!(check(&quote), 18);
    let cost: Cost = quote.cost(&CostOptions::default()).expect("cost");
    assert_eq!(check(&cost), 13);
    assert_eq!(check(&Target::Receive("50000".parse().expect("d"))), 1);
}

#[test]
fn every_decimal_of_an_observation_reads_as_parse_decimal() {
    // interbank_fx and the six figures of cc1.
    assert_eq!(check(&rows()[0]), 7);
}

#[test]
fn every_decimal_of_the_aggregates_reads_as_parse_decimal() {
    let rows = rows();
    let options = AggregateOptions::default();
    let dims = [Dimension::Period, Dimension::Corridor];
    let grouping: Grouping = group(&rows, &dims, &options).expect("group");
    assert!(check(&grouping) >= 8, "mean, median, min, max per group");
    let out: Indicators = indicators(&rows, &options, None).expect("indicators");
    assert!(check(&out) >= 10, "period and corridor figures");
    let mut partial = Partial::new(&dims, &options);
    partial.add(&rows).expect("add");
    assert!(
        check(&partial) >= 6,
        "sums, distinct costs and the cheapest per group"
    );
}

/// The rule at work on the offer of vector eur_xof_fixed_fee (4.90 EUR fee, 200 EUR at 645
/// against a mid rate of 655.957: 129000 XOF): `" +4.90 "` is the same fee; `"4_90"` was 490 to
/// rust_decimal's own reader and is refused now, naming the text.
#[test]
fn the_same_text_prices_the_same_in_a_document() {
    let offer = |fixed: &str| -> remitcost::Result<Offer> {
        let doc = json!({"send_currency": "EUR", "receive_currency": "XOF",
            "schedule": {"parts": [{"fixed": fixed}]},
            "offered_rate": {"base": "EUR", "quote": "XOF", "value": "645"},
            "mid_rate": {"base": "EUR", "quote": "XOF", "value": "655.957"}});
        Ok(serde_json::from_str(&doc.to_string())?)
    };
    let cost = offer(" +4.90 ")
        .and_then(|o| o.cost("200".parse().expect("d"), &CostOptions::default()))
        .expect("cost");
    assert_eq!(cost.fee.to_string(), "4.90");
    assert_eq!(cost.recipient_gets.to_string(), "129000");
    let err = offer("4_90").unwrap_err();
    assert_eq!(err.code(), "invalid_decimal");
    assert_eq!(err.to_string(), "invalid decimal \"4_90\"");
}
