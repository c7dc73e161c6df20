//! Runs the JSON vectors in testdata/vectors that exercise the pricing operations (the same
//! files the Python and JavaScript suites run).

use remitcost::{
    fx_margin_pct, parse_decimal, rank_offers, CostOptions, Currency, Error, Offer, Rate, Result,
    Rounding,
};
use serde_json::{json, Value};
use std::path::PathBuf;

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../testdata/vectors")
}

fn load(name: &str) -> Value {
    let path = vectors_dir().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn from<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T> {
    Ok(serde_json::from_value(value.clone())?)
}

fn decimal(value: &Value) -> Result<remitcost::Decimal> {
    parse_decimal(value.as_str().expect("decimals in vectors are strings"))
}

fn options(input: &Value) -> Result<CostOptions> {
    input
        .get("options")
        .map_or(Ok(CostOptions::default()), from)
}

/// Runs one operation on a case's input, giving its output as JSON.
fn run(operation: &str, input: &Value) -> Result<Value> {
    let out = match operation {
        "cost" => {
            let offer: Offer = from(&input["offer"])?;
            json!(offer.cost(decimal(&input["send_amount"])?, &options(input)?)?)
        }
        "send_for" => {
            let offer: Offer = from(&input["offer"])?;
            json!(offer.send_for(decimal(&input["receive_amount"])?, &options(input)?)?)
        }
        "fx_margin" => {
            let margin = fx_margin_pct(&from::<Rate>(&input["offered"])?, &from(&input["mid"])?)?;
            json!({ "fx_margin_pct": margin.to_string() })
        }
        "cross_rate" => {
            let rate = from::<Rate>(&input["a"])?.cross(&from(&input["b"])?)?;
            json!({ "base": rate.base(), "quote": rate.quote(), "value": rate.value().to_string() })
        }
        "round" => {
            let amount = decimal(&input["amount"])?;
            let currency = Currency::parse(input["currency"].as_str().expect("currency code"))?;
            let rounding: Rounding = from(&input["rounding"])?;
            json!({ "amount": rounding.round_money(amount, currency).to_string() })
        }
        "rank" => {
            let offers: Vec<Offer> = from(&input["offers"])?;
            json!(rank_offers(
                &offers,
                from(&input["target"])?,
                &options(input)?
            ))
        }
        other => panic!("no runner for operation {other:?}"),
    };
    Ok(out)
}

/// The vectors' comparison rule: every field listed in `expected` must be in the output;
/// arrays have the same length and compare element by element; a scalar compares as a string
/// (`"2"` matches the number 2).
fn compare(path: &str, expected: &Value, actual: &Value, failures: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(want), Value::Object(have)) => {
            for (field, w) in want {
                match have.get(field) {
                    Some(h) => compare(&format!("{path}.{field}"), w, h, failures),
                    None => failures.push(format!("{path}.{field}: missing")),
                }
            }
        }
        (Value::Array(want), Value::Array(have)) if want.len() == have.len() => {
            for (i, (w, h)) in want.iter().zip(have).enumerate() {
                compare(&format!("{path}[{i}]"), w, h, failures);
            }
        }
        (Value::String(w), h) if h.as_str().map_or(h.to_string(), str::to_string) == *w => {}
        (w, h) => failures.push(format!("{path}: expected {w}, got {h}")),
    }
}

fn check_file(name: &str) {
    let file = load(name);
    let operation = file["operation"].as_str().expect("operation");
    let cases = file["cases"].as_array().expect("cases");
    assert!(!cases.is_empty(), "{name} has no cases");
    let mut failures = Vec::new();
    for case in cases {
        let case_name = case["name"].as_str().expect("name");
        let got: std::result::Result<Value, Error> = run(operation, &case["input"]);
        match (&got, case.get("expected"), case.get("error")) {
            (Ok(out), Some(expected), None) => compare(case_name, expected, out, &mut failures),
            (Err(err), None, Some(code)) if Some(err.code()) == code.as_str() => {}
            (got, _, _) => failures.push(format!("{case_name}: got {got:?}")),
        }
    }
    assert!(failures.is_empty(), "{name}:\n{}", failures.join("\n"));
}

#[test]
fn cost_vectors() {
    check_file("cost.json");
}

#[test]
fn send_for_vectors() {
    check_file("send_for.json");
}

#[test]
fn fx_margin_vectors() {
    check_file("fx_margin.json");
}

#[test]
fn cross_rate_vectors() {
    check_file("cross_rate.json");
}

#[test]
fn round_vectors() {
    check_file("round.json");
}

#[test]
fn rank_vectors() {
    check_file("rank.json");
}

#[test]
fn case_names_are_unique_snake_case_across_files() {
    let mut seen = std::collections::HashSet::new();
    for entry in std::fs::read_dir(vectors_dir()).expect("vectors dir") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let file: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
        for case in file["cases"].as_array().expect("cases") {
            let name = case["name"].as_str().expect("name").to_string();
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{name} is not snake_case"
            );
            assert!(
                case.get("expected").is_some() != case.get("error").is_some(),
                "{name}: exactly one of expected and error"
            );
            assert!(seen.insert(name.clone()), "duplicate case name {name}");
        }
    }
}
