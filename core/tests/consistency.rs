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

mod support;

use remitcost::Error;
use serde_json::{json, Map, Value};
use support::{load, run, testdata};

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
