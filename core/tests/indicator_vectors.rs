//! Runs the aggregation vectors, testdata/vectors/aggregate.json (`group`) and
//! testdata/vectors/indicators.json (`indicators`), the files the Python and JavaScript suites
//! run too. Rows there are in the compact form the files' descriptions define; this runner
//! expands them to full `Observation`s exactly as described.

use remitcost::{
    corridor_indicators, group, group_corridors, indicators, AggregateOptions, CorridorStat,
    CorridorWeights, Dimension, Error, Observation, Result,
};
use serde_json::{json, Value};
use std::path::PathBuf;

fn load(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../testdata/vectors")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn from<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T> {
    Ok(serde_json::from_value(value.clone())?)
}

fn price(cost: &Value, amount: &str) -> Value {
    json!({"amount": amount, "denomination_amount": null, "currency": null, "fee": "0",
           "fx_rate": null, "fx_margin_pct": "0", "total_cost_pct": cost})
}

/// The compact row of the vector files as a full `Observation`.
fn observation(index: usize, row: &Value) -> Result<Observation> {
    let text = |field: &str, default: &str| -> Value {
        row.get(field).cloned().unwrap_or_else(|| json!(default))
    };
    from(&json!({
        "row": index + 2,
        "id": null,
        "period": row["period"],
        "source_code": row["source"],
        "source_name": "",
        "source_region": text("source_region", ""),
        "destination_code": row["destination"],
        "destination_name": "",
        "destination_region": text("destination_region", ""),
        "firm": row["firm"],
        "firm_type": text("firm_type", "Bank"),
        "instrument": text("instrument", "Cash"),
        "access_point": text("access_point", "Agent"),
        "speed": text("speed", "Same day"),
        "transparent": row.get("transparent").cloned().unwrap_or(json!(true)),
        "cc1": price(&row["cost"], "200"),
        "cc2": row.get("cost_usd500").map_or(Value::Null, |c| price(c, "500")),
        "interbank_fx": null,
        "extra": row.get("extra").cloned().unwrap_or_else(|| json!({})),
    }))
}

fn rows(input: &Value) -> Result<Vec<Observation>> {
    input["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .enumerate()
        .map(|(i, r)| observation(i, r))
        .collect()
}

fn options(input: &Value) -> Result<AggregateOptions> {
    input
        .get("options")
        .map_or(Ok(AggregateOptions::default()), from)
}

fn weights(input: &Value) -> Result<Option<CorridorWeights>> {
    let Some(list) = input.get("weights") else {
        return Ok(None);
    };
    let triples: Vec<(String, String, remitcost::Decimal)> = from(list)?;
    Ok(Some(
        triples.into_iter().map(|(a, b, w)| ((a, b), w)).collect(),
    ))
}

fn run(operation: &str, input: &Value) -> Result<Value> {
    let options = options(input)?;
    let corridors: Option<Vec<CorridorStat>> = input.get("corridors").map(from).transpose()?;
    Ok(match operation {
        "group" => {
            let dims: Vec<Dimension> = from(&input["dimensions"])?;
            match corridors {
                Some(c) => json!(group_corridors(&c, &dims, &options)?),
                None => json!(group(&rows(input)?, &dims, &options)?),
            }
        }
        "indicators" => {
            let w = weights(input)?;
            match corridors {
                Some(c) => json!(corridor_indicators(&c, &options, w.as_ref())?),
                None => json!(indicators(&rows(input)?, &options, w.as_ref())?),
            }
        }
        other => panic!("no runner for operation {other:?}"),
    })
}

/// testdata/README.md's rule: listed fields must match; arrays have the same length and match
/// element by element; a scalar matches when its string form is the expected string; an
/// expected `null` matches only `null`.
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
        (Value::Null, Value::Null) => {}
        (Value::String(w), h)
            if !h.is_null() && h.as_str().map_or(h.to_string(), str::to_string) == *w => {}
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
fn aggregate_vectors() {
    check_file("aggregate.json");
}

#[test]
fn indicators_vectors() {
    check_file("indicators.json");
}

/// The compact rows really expand: a wrong field in a case must not pass unnoticed.
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
