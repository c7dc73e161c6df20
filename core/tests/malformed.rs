//! Runs the malformed-input corpus in testdata/malformed (cases.json and the files it names):
//! every hostile input gives its documented error code or validation report, and remitcost
//! keeps working afterwards. The Python and JavaScript suites run the same manifest.

mod support;

use remitcost::{CostOptions, Decimal, Error, Offer};
use serde_json::{json, Value};
use std::path::PathBuf;
use support::{compare, load, run, testdata};

fn corpus_dir() -> PathBuf {
    testdata().join("malformed")
}

fn manifest() -> Value {
    load(&corpus_dir().join("cases.json"))
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
