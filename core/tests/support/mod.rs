//! What the test files that run the shared cases (testdata/vectors, testdata/malformed) have
//! in common: loading them, running one case's operation through core, and the comparison rule
//! of testdata/README.md. Each test file uses part of it.
#![allow(dead_code)]

use remitcost::{
    corridor_indicators, fx_margin_pct, group, group_corridors, indicators, parse_decimal,
    published_indicators, rank_offers_with, read_rpw_csv, read_rpw_json, AggregateOptions,
    CorridorStat, CorridorWeights, CostOptions, Currency, Dimension, Error, Frame, Observation,
    Offer, Period, RankOptions, Rate, Result, Rounding,
};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

pub fn testdata() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../testdata")
}

pub fn load(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn from<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T> {
    Ok(serde_json::from_value(value.clone())?)
}

pub fn text(input: &Value, key: &str) -> String {
    input[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} must be a string in {input}"))
        .to_string()
}

pub fn decimal(input: &Value, key: &str) -> Result<remitcost::Decimal> {
    parse_decimal(&text(input, key))
}

pub fn cost_options(input: &Value) -> Result<CostOptions> {
    input
        .get("options")
        .map_or(Ok(CostOptions::default()), from)
}

pub fn aggregate_options(input: &Value) -> Result<AggregateOptions> {
    input
        .get("options")
        .map_or(Ok(AggregateOptions::default()), from)
}

pub fn price(cost: &Value, amount: &str) -> Value {
    json!({"amount": amount, "denomination_amount": null, "currency": null, "fee": "0",
           "fx_rate": null, "fx_margin_pct": "0", "total_cost_pct": cost})
}

/// The compact row of aggregate.json / indicators.json as a full `Observation`, exactly as the
/// files' descriptions define it (as core/tests/indicator_vectors.rs does).
pub fn observation(index: usize, row: &Value) -> Result<Observation> {
    let text = |field: &str, default: &str| -> Value {
        row.get(field).cloned().unwrap_or_else(|| json!(default))
    };
    from(&json!({
        "row": index + 2, "id": null, "period": row["period"],
        "source_code": row["source"], "source_name": "",
        "source_region": text("source_region", ""),
        "destination_code": row["destination"], "destination_name": "",
        "destination_region": text("destination_region", ""),
        "firm": row["firm"], "firm_type": text("firm_type", "Bank"),
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

pub fn rows(input: &Value) -> Result<Vec<Observation>> {
    input["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .enumerate()
        .map(|(i, r)| observation(i, r))
        .collect()
}

pub fn weights(input: &Value) -> Result<Option<CorridorWeights>> {
    let Some(list) = input.get("weights") else {
        return Ok(None);
    };
    let triples: Vec<(String, String, remitcost::Decimal)> = from(list)?;
    Ok(Some(
        triples.into_iter().map(|(a, b, w)| ((a, b), w)).collect(),
    ))
}

/// The bytes a dataset case reads: `file` (relative to testdata/malformed) or inline `text`.
pub fn bytes(input: &Value) -> Vec<u8> {
    match input.get("file") {
        Some(file) => {
            let path = testdata()
                .join("malformed")
                .join(file.as_str().expect("file"));
            std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        }
        None => text(input, "text").into_bytes(),
    }
}

/// Every operation of both folders: its full output as JSON (the output type's own serde form;
/// scalars wrapped in the one-field objects the case files name).
pub fn run(operation: &str, input: &Value) -> Result<Value> {
    Ok(match operation {
        "cost" => {
            let offer: Offer = from(&input["offer"])?;
            json!(offer.cost(decimal(input, "send_amount")?, &cost_options(input)?)?)
        }
        "send_for" => {
            let offer: Offer = from(&input["offer"])?;
            json!(offer.send_for(decimal(input, "receive_amount")?, &cost_options(input)?)?)
        }
        "send_within" => {
            let offer: Offer = from(&input["offer"])?;
            json!(offer.send_within(decimal(input, "total_paid")?, &cost_options(input)?)?)
        }
        "fx_margin" => {
            let margin = fx_margin_pct(&from::<Rate>(&input["offered"])?, &from(&input["mid"])?)?;
            json!({ "fx_margin_pct": margin })
        }
        "cross_rate" => json!(from::<Rate>(&input["a"])?.cross(&from(&input["b"])?)?),
        "round" => {
            let currency = Currency::parse(&text(input, "currency"))?;
            let rounding: Rounding = from(&input["rounding"])?;
            json!({ "amount": rounding.round_money(decimal(input, "amount")?, currency) })
        }
        "rank" => {
            let offers: Vec<Offer> = from(&input["offers"])?;
            let choice: RankOptions = match input.get("choices") {
                Some(c) => from(c)?,
                None => RankOptions::default(),
            };
            json!(rank_offers_with(
                &offers,
                from(&input["target"])?,
                &cost_options(input)?,
                &choice
            ))
        }
        "group" => {
            let dims: Vec<Dimension> = from(&input["dimensions"])?;
            let options = aggregate_options(input)?;
            match input.get("corridors") {
                Some(c) => json!(group_corridors(
                    &from::<Vec<CorridorStat>>(c)?,
                    &dims,
                    &options
                )?),
                None => {
                    let rows = rows(input)?;
                    let by_rows = group(&rows, &dims, &options);
                    // The columnar frame gives the same figures (or fails alike).
                    let by_frame =
                        Frame::from_observations(&rows).and_then(|f| f.group(&dims, &options));
                    let codes = |r: &Result<_>| r.as_ref().map_err(|e| e.code()).cloned();
                    assert_eq!(codes(&by_frame), codes(&by_rows), "frame path");
                    json!(by_rows?)
                }
            }
        }
        "indicators" => {
            let w = weights(input)?;
            let options = aggregate_options(input)?;
            match input.get("corridors") {
                Some(c) => json!(corridor_indicators(
                    &from::<Vec<CorridorStat>>(c)?,
                    &options,
                    w.as_ref()
                )?),
                None => {
                    let rows = rows(input)?;
                    let by_rows = indicators(&rows, &options, w.as_ref());
                    let by_frame = Frame::from_observations(&rows)
                        .and_then(|f| f.indicators(&options, w.as_ref()));
                    let codes = |r: &Result<_>| r.as_ref().map_err(|e| e.code()).cloned();
                    assert_eq!(codes(&by_frame), codes(&by_rows), "frame path");
                    json!(by_rows?)
                }
            }
        }
        "published" => {
            let options = input.get("options").map_or(Ok(Default::default()), from)?;
            json!(published_indicators(&rows(input)?, &options)?)
        }
        "offer_json" => json!(serde_json::from_str::<Offer>(&text(input, "text"))?),
        "parse_decimal" => json!({ "value": parse_decimal(&text(input, "text"))? }),
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
    })
}

/// testdata/README.md's rule: listed fields must match; arrays have the same length and match
/// element by element; a scalar matches when its string form is the expected string; an
/// expected `null` matches only an absent value (`null` or a missing field).
pub fn compare(path: &str, expected: &Value, actual: &Value, failures: &mut Vec<String>) {
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
        (Value::String(w), h)
            if !h.is_null() && h.as_str().map_or(h.to_string(), str::to_string) == *w => {}
        (w, h) => failures.push(format!("{path}: expected {w}, got {h}")),
    }
}

/// Runs every case of one vector file (`cost.json`) and fails with every mismatch listed.
pub fn check_vectors(name: &str) {
    let file = load(&testdata().join("vectors").join(name));
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
