//! The Rust side of the cross-language consistency check (.ci/consistency.sh): every case of
//! every file in testdata/vectors and every case of testdata/malformed/cases.json, run through
//! core, one canonical JSON line per case:
//! `{"error": code}` or `{"output": …}` with `"file"` and `"name"`, keys sorted at every level,
//! decimals as core writes them (strings), lines sorted by (file, name). The Python
//! (bindings-python/tests/dump_vectors.py) and JavaScript (bindings-wasm/tests/dump_vectors.mjs)
//! dumps write the same lines; testdata/consistency/compare.py diffs the three byte for byte.
//!
//! With `CONSISTENCY_OUT=<path>` the test writes the dump there; without it, it checks the dump
//! is complete (one line per case, every operation run).

use remitcost::{
    corridor_indicators, fx_margin_pct, group, group_corridors, indicators, parse_decimal,
    rank_offers, read_rpw_csv, read_rpw_json, AggregateOptions, CorridorStat, CorridorWeights,
    CostOptions, Currency, Dimension, Error, Observation, Offer, Period, Rate, Result, Rounding,
};
use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};

fn testdata() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../testdata")
}

fn load(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn from<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T> {
    Ok(serde_json::from_value(value.clone())?)
}

fn text(input: &Value, key: &str) -> String {
    input[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} must be a string in {input}"))
        .to_string()
}

fn decimal(input: &Value, key: &str) -> Result<remitcost::Decimal> {
    parse_decimal(&text(input, key))
}

fn cost_options(input: &Value) -> Result<CostOptions> {
    input
        .get("options")
        .map_or(Ok(CostOptions::default()), from)
}

fn aggregate_options(input: &Value) -> Result<AggregateOptions> {
    input
        .get("options")
        .map_or(Ok(AggregateOptions::default()), from)
}

fn price(cost: &Value, amount: &str) -> Value {
    json!({"amount": amount, "denomination_amount": null, "currency": null, "fee": "0",
           "fx_rate": null, "fx_margin_pct": "0", "total_cost_pct": cost})
}

/// The compact row of aggregate.json / indicators.json as a full `Observation`, exactly as the
/// files' descriptions define it (as core/tests/indicator_vectors.rs does).
fn observation(index: usize, row: &Value) -> Result<Observation> {
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

fn rows(input: &Value) -> Result<Vec<Observation>> {
    input["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .enumerate()
        .map(|(i, r)| observation(i, r))
        .collect()
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

/// The bytes a dataset case reads: `file` (relative to testdata/malformed) or inline `text`.
fn bytes(input: &Value) -> Vec<u8> {
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
fn run(operation: &str, input: &Value) -> Result<Value> {
    Ok(match operation {
        "cost" => {
            let offer: Offer = from(&input["offer"])?;
            json!(offer.cost(decimal(input, "send_amount")?, &cost_options(input)?)?)
        }
        "send_for" => {
            let offer: Offer = from(&input["offer"])?;
            json!(offer.send_for(decimal(input, "receive_amount")?, &cost_options(input)?)?)
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
            json!(rank_offers(
                &offers,
                from(&input["target"])?,
                &cost_options(input)?
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
                None => json!(group(&rows(input)?, &dims, &options)?),
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
                None => json!(indicators(&rows(input)?, &options, w.as_ref())?),
            }
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

/// A JSON value with its object keys sorted at every level (whatever serde_json's map order).
fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            let mut out = Map::new();
            for (k, v) in entries {
                out.insert(k, sorted(v));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        Value::Number(n) if !(n.is_i64() || n.is_u64()) => {
            panic!("a float in an output: {n}")
        }
        other => other,
    }
}

/// The dump's lines, sorted by (file, name).
fn dump() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(testdata().join("vectors"))
        .expect("vectors dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".json"))
        .map(|f| format!("vectors/{f}"))
        .collect();
    files.push("malformed/cases.json".to_string());
    let mut lines: Vec<((String, String), String)> = Vec::new();
    for file in files {
        let doc = load(&testdata().join(&file));
        for case in doc["cases"].as_array().expect("cases") {
            let operation = case
                .get("operation")
                .or(doc.get("operation"))
                .and_then(Value::as_str)
                .expect("operation");
            let name = case["name"].as_str().expect("name").to_string();
            let got: std::result::Result<Value, Error> = run(operation, &case["input"]);
            let mut line = Map::new();
            match got {
                Ok(output) => line.insert("output".into(), output),
                Err(err) => line.insert("error".into(), json!(err.code())),
            };
            line.insert("file".into(), json!(file));
            line.insert("name".into(), json!(name));
            let text = serde_json::to_string(&sorted(Value::Object(line))).expect("json");
            lines.push(((file.clone(), name), text));
        }
    }
    lines.sort_by(|a, b| a.0.cmp(&b.0));
    lines.into_iter().map(|(_, l)| l).collect()
}

#[test]
fn consistency_dump() {
    let lines = dump();
    let cases: usize = std::fs::read_dir(testdata().join("vectors"))
        .expect("vectors dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("json"))
        .chain([testdata().join("malformed/cases.json")])
        .map(|p| load(&p)["cases"].as_array().expect("cases").len())
        .sum();
    assert_eq!(lines.len(), cases, "one line per case");
    assert!(lines
        .iter()
        .all(|l| l.starts_with("{\"e") || l.starts_with("{\"f")));
    if let Ok(path) = std::env::var("CONSISTENCY_OUT") {
        let mut text = lines.join("\n");
        text.push('\n');
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
}

#[test]
fn sorted_orders_keys_at_every_level() {
    let v = sorted(json!({"b": [{"z": 1, "a": 2}], "a": "x"}));
    assert_eq!(
        serde_json::to_string(&v).expect("json"),
        r#"{"a":"x","b":[{"a":2,"z":1}]}"#
    );
}
