//! Runs the JSON vectors in testdata/vectors that exercise the pricing operations (the same
//! files the Python and JavaScript suites run).

mod support;

use serde_json::Value;
use support::check_vectors;

#[test]
fn cost_vectors() {
    check_vectors("cost.json");
}

#[test]
fn send_for_vectors() {
    check_vectors("send_for.json");
}

#[test]
fn send_within_vectors() {
    check_vectors("send_within.json");
}

#[test]
fn fx_margin_vectors() {
    check_vectors("fx_margin.json");
}

#[test]
fn cross_rate_vectors() {
    check_vectors("cross_rate.json");
}

#[test]
fn round_vectors() {
    check_vectors("round.json");
}

#[test]
fn rank_vectors() {
    check_vectors("rank.json");
}

#[test]
fn case_names_are_unique_snake_case_across_files() {
    let mut seen = std::collections::HashSet::new();
    for entry in std::fs::read_dir(support::testdata().join("vectors")).expect("vectors dir") {
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
