//! Runs the aggregation vectors, testdata/vectors/aggregate.json (`group`),
//! testdata/vectors/indicators.json (`indicators`) and testdata/vectors/published.json
//! (`published`), the files the Python and JavaScript suites
//! run too. Rows there are in the compact form the files' descriptions define; the shared
//! runner (tests/support) expands them to full `Observation`s exactly as described.

mod support;

use serde_json::json;
use support::{check_vectors, compare};

#[test]
fn aggregate_vectors() {
    check_vectors("aggregate.json");
}

#[test]
fn indicators_vectors() {
    check_vectors("indicators.json");
}

#[test]
fn published_vectors() {
    check_vectors("published.json");
}

/// The comparison rule catches a wrong value and a null where a value is expected.
#[test]
fn compare_rejects_a_wrong_value_and_a_null_for_a_value() {
    let mut failures = Vec::new();
    compare(
        "x",
        &json!({"a": "1.0000"}),
        &json!({"a": "1.0001"}),
        &mut failures,
    );
    compare(
        "y",
        &json!({"a": null}),
        &json!({"a": "0.0000"}),
        &mut failures,
    );
    compare(
        "z",
        &json!({"a": "null"}),
        &json!({"a": null}),
        &mut failures,
    );
    assert_eq!(failures.len(), 3, "{failures:?}");
}
