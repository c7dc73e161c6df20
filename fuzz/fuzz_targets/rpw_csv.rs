//! RPW-layout CSV (and, for inputs that start with `[`, the JSON form): any bytes read to a
//! dataset or a coded error, and the report accounts for every row.
#![no_main]

use libfuzzer_sys::fuzz_target;
use remitcost::{read_rpw_csv, read_rpw_json, Dataset, Severity};

fn check(data: &Dataset) {
    let r = &data.report;
    assert_eq!(
        r.rows_read,
        r.rows_kept + r.rows_rejected,
        "every row read is kept or rejected: {r:?}"
    );
    assert_eq!(
        data.observations.len(),
        r.rows_kept,
        "kept rows are the data"
    );
    // An error names a rejected row, or one amount block of a row that the other block still
    // prices (each block stands alone): the rows with errors, less the rows kept, are the
    // rejected ones.
    let kept: std::collections::BTreeSet<usize> =
        data.observations.iter().map(|o| o.row).collect();
    let rejected_rows: std::collections::BTreeSet<usize> = r
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error && !kept.contains(&i.row))
        .map(|i| i.row)
        .collect();
    assert_eq!(
        rejected_rows.len(),
        r.rows_rejected,
        "each rejected row has an error issue, and an error on a kept row names a block: {r:?}"
    );
    for issue in r.issues.iter().filter(|i| i.severity == Severity::Error) {
        if kept.contains(&issue.row) {
            // Field names are as the file spells them (headers match ignoring ASCII case).
            let field = issue.field.trim().to_ascii_lowercase();
            assert!(
                field.starts_with("cc1") || field.starts_with("cc2"),
                "a kept row's error names an amount block: {issue:?}"
            );
        }
    }
    for issue in &r.issues {
        assert!(issue.row >= 1, "rows count from 1: {issue:?}");
        assert!(!issue.reason.code().is_empty());
    }
    assert!(r.non_transparent <= r.rows_kept && r.sentinel_fx_rates <= r.rows_kept);
    let _ = r.to_string();
    let _ = format!("{r:#}");
}

fuzz_target!(|data: &[u8]| {
    let result = if data.first() == Some(&b'[') {
        read_rpw_json(data)
    } else {
        read_rpw_csv(data)
    };
    match result {
        Ok(dataset) => check(&dataset),
        Err(e) => {
            let code = e.code();
            assert!(
                ["invalid_csv", "invalid_json", "missing_column"].contains(&code),
                "unexpected error {code}: {e}"
            );
        }
    }
});
