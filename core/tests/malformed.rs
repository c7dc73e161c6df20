//! Runs the malformed-input corpus in testdata/malformed (cases.json and the files it names):
//! every hostile input gives its documented error code or validation report, and remitcost
//! keeps working afterwards. The Python and JavaScript suites run the same manifest.

use remitcost::{
    parse_decimal, read_rpw_csv, read_rpw_json, CostOptions, Currency, Decimal, Error, Offer,
    Period, Result,
};
use serde_json::{json, Value};
use std::path::PathBuf;

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../testdata/malformed")
}

fn manifest() -> Value {
    let path = corpus_dir().join("cases.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn text(input: &Value, key: &str) -> String {
    input[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} must be a string in {input}"))
        .to_string()
}

/// The bytes a dataset case reads: `file` (relative to testdata/malformed) or inline `text`.
fn bytes(input: &Value) -> Vec<u8> {
    match input.get("file") {
        Some(file) => {
            let path = corpus_dir().join(file.as_str().expect("file is a path"));
            std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        }
        None => text(input, "text").into_bytes(),
    }
}

fn from<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T> {
    Ok(serde_json::from_value(value.clone())?)
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
            let amount = parse_decimal(&text(input, "send_amount"))?;
            json!(offer.cost(amount, &options(input)?)?)
        }
        "send_for" => {
            let offer: Offer = from(&input["offer"])?;
            let target = parse_decimal(&text(input, "receive_amount"))?;
            json!(offer.send_for(target, &options(input)?)?)
        }
        "offer_json" => {
            let offer: Offer = serde_json::from_str(&text(input, "text"))?;
            json!(offer)
        }
        "parse_decimal" => json!({ "value": parse_decimal(&text(input, "text"))?.to_string() }),
        "currency" => {
            let c = Currency::parse(&text(input, "code"))?;
            json!({ "code": c.code(), "minor_units": c.minor_units() })
        }
        "period" => json!({ "period": text(input, "text").parse::<Period>()?.to_string() }),
        "read_rpw_csv" => {
            let data = read_rpw_csv(bytes(input).as_slice())?;
            json!({ "report": data.report, "observations": data.observations })
        }
        "read_rpw_json" => {
            let data = read_rpw_json(bytes(input).as_slice())?;
            json!({ "report": data.report, "observations": data.observations })
        }
        other => panic!("no runner for operation {other:?}"),
    };
    Ok(out)
}

/// The comparison rule of testdata/README.md: listed fields must match; arrays have the same
/// length and match element by element; scalars compare as strings.
fn compare(path: &str, expected: &Value, actual: &Value, failures: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(want), Value::Object(have)) => {
            for (field, w) in want {
                match have.get(field) {
                    Some(h) => compare(&format!("{path}.{field}"), w, h, failures),
                    None if w.is_null() => {}
                    None => failures.push(format!("{path}.{field}: missing")),
                }
            }
        }
        (Value::Array(want), Value::Array(have)) if want.len() == have.len() => {
            for (i, (w, h)) in want.iter().zip(have).enumerate() {
                compare(&format!("{path}[{i}]"), w, h, failures);
            }
        }
        (Value::Null, Value::Null) => {}
        (Value::String(w), h) if h.as_str().map_or(h.to_string(), str::to_string) == *w => {}
        (w, h) => failures.push(format!("{path}: expected {w}, got {h}")),
    }
}

#[test]
fn every_malformed_case_gives_its_documented_outcome() {
    let file = manifest();
    let cases = file["cases"].as_array().expect("cases");
    assert!(cases.len() >= 100, "the corpus has {} cases", cases.len());
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().expect("name");
        let operation = case["operation"].as_str().expect("operation");
        let got: std::result::Result<Value, Error> = run(operation, &case["input"]);
        match (&got, case.get("expected"), case.get("error")) {
            (Ok(out), Some(expected), None) => compare(name, expected, out, &mut failures),
            (Err(err), None, Some(code)) if Some(err.code()) == code.as_str() => {
                // Messages are lowercase-led and name something (not API, but never empty).
                if err.to_string().is_empty() {
                    failures.push(format!("{name}: empty message for {}", err.code()));
                }
            }
            (got, _, _) => failures.push(format!("{name}: got {got:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// After the whole corpus, an ordinary quote still prices exactly (vector eur_xof_fixed_fee).
#[test]
fn still_working_after_the_corpus() {
    let file = manifest();
    for case in file["cases"].as_array().expect("cases") {
        let _ = run(case["operation"].as_str().expect("op"), &case["input"]);
    }
    let offer: Offer = serde_json::from_value(json!({
        "send_currency": "EUR", "receive_currency": "XOF",
        "schedule": {"parts": [{"fixed": "4.90"}]},
        "offered_rate": {"base": "EUR", "quote": "XOF", "value": "645"},
        "mid_rate": {"base": "EUR", "quote": "XOF", "value": "655.957"}
    }))
    .expect("offer");
    let cost = offer
        .cost(Decimal::from(200), &CostOptions::default())
        .expect("cost");
    assert_eq!(cost.total_cost_pct.to_string(), "4.1204");
    assert_eq!(cost.recipient_gets.to_string(), "129000");
}

#[test]
fn manifest_is_well_formed() {
    let file = manifest();
    let mut seen = std::collections::HashSet::new();
    let mut files_named = std::collections::HashSet::new();
    for case in file["cases"].as_array().expect("cases") {
        let name = case["name"].as_str().expect("name");
        assert!(
            name.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{name} is not snake_case"
        );
        assert!(seen.insert(name.to_string()), "duplicate case {name}");
        assert!(case["category"].is_string(), "{name}: category");
        assert!(
            case.get("expected").is_some() != case.get("error").is_some(),
            "{name}: exactly one of expected and error"
        );
        if let Some(file) = case["input"].get("file").and_then(Value::as_str) {
            assert!(corpus_dir().join(file).is_file(), "{name}: no file {file}");
            files_named.insert(file.to_string());
        }
    }
    // Every data file in the corpus is used by a case.
    for entry in std::fs::read_dir(corpus_dir().join("rpw")).expect("rpw dir") {
        let file = format!(
            "rpw/{}",
            entry.expect("entry").file_name().to_string_lossy()
        );
        assert!(files_named.contains(&file), "{file} is used by no case");
    }
}
