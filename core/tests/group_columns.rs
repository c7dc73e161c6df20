//! Grouping by any column of the dataset (issue 11: "Grouping takes … any column the dataset
//! has, not a fixed list"), on the World Bank's real 2011–2012 rows (pre-2016 layout: `note1`,
//! `date`, `coverage`, `pick-up method`, …; CC BY 4.0, testdata/worldbank/PROVENANCE.md) and on
//! the synthetic sample in today's layout (`Standard Note`, `pickup location`, …).
//!
//! The expected counts are tallied here from the CSV text with the `csv` crate, not by the
//! code under test.
#![cfg(feature = "csv")]

use remitcost::{group, read_rpw_csv, AggregateOptions, Dataset, Decimal, Dimension, Partial};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn testdata(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../testdata")
        .join(path)
}

fn read(path: &str) -> Dataset {
    read_rpw_csv(std::fs::File::open(testdata(path)).unwrap()).unwrap()
}

/// The raw CSV: header and records, as text.
fn raw(path: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(testdata(path)).unwrap();
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

/// Counts of the transparent rows priced at USD 200 by the text of `column` (what `group`
/// counts by default), tallied from the CSV text.
fn tally(path: &str, column: &str) -> BTreeMap<String, usize> {
    let (header, rows) = raw(path);
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (col, transparent, total) = (at(column), at("transparent"), at("cc1 total cost %"));
    let mut out = BTreeMap::new();
    for r in rows {
        if r[transparent] == "yes" && !r[total].is_empty() {
            *out.entry(r[col].trim().to_string()).or_insert(0) += 1;
        }
    }
    out
}

fn counts(data: &Dataset, dims: &[Dimension]) -> BTreeMap<String, usize> {
    group(&data.observations, dims, &AggregateOptions::default())
        .unwrap()
        .groups
        .iter()
        .map(|g| (g.key.join("|"), g.count))
        .collect()
}

const REAL: &str = "worldbank/rpw-raw/rpw_rows_2011_2012.csv";

#[test]
fn any_text_column_of_the_pre_2016_layout_groups_as_published() {
    let data = read(REAL);
    for column in ["note1", "date"] {
        let dim: Dimension = column.parse().unwrap();
        assert_eq!(dim, Dimension::Column(column.into()));
        assert_eq!(counts(&data, &[dim]), tally(REAL, column), "{column}");
    }
    // `cc1 lcu code` as published: the 29 `CFA` rows of Senegal → Mali stay `CFA` (the reader
    // reads them as XOF), every ISO code as it is.
    let codes = counts(&data, &[Dimension::column("cc1 lcu code")]);
    assert_eq!(codes, tally(REAL, "cc1 lcu code"));
    assert!(codes["CFA"] > 0, "{codes:?}");
    // The firm, and a published header that is a named dimension, in any spelling.
    assert_eq!(counts(&data, &[Dimension::Firm]), tally(REAL, "firm"));
    assert_eq!(Dimension::column("Pick-up Method"), Dimension::PickupMethod);
    assert_eq!(
        Dimension::column("sending_location"),
        Dimension::AccessPoint
    );
    assert_eq!(
        counts(&data, &[Dimension::column("coverage")]),
        tally(REAL, "coverage")
    );
}

#[test]
fn a_number_column_groups_by_value() {
    let data = read(REAL);
    // USD 200 blocks say 200, but for one row that says 201 (as published): grouped by value,
    // tallied here from the text ("200", "200.0" are one value).
    let mut by_value: BTreeMap<String, usize> = BTreeMap::new();
    for (text, n) in tally(REAL, "cc1 denomination amount") {
        let value: Decimal = text.parse().unwrap();
        *by_value.entry(value.normalize().to_string()).or_insert(0) += n;
    }
    let by_denomination = counts(&data, &[Dimension::column("cc1 denomination amount")]);
    assert_eq!(by_denomination, by_value);
    assert_eq!(by_denomination["201"], 1);
    // The amount sent from the UAE, by value ("735.0" in the file is 735).
    let g = group(
        &data.observations,
        &[
            Dimension::SourceCountry,
            Dimension::column("cc1 lcu amount"),
        ],
        &AggregateOptions::default(),
    )
    .unwrap();
    let are: Vec<&str> = g
        .groups
        .iter()
        .filter(|s| s.key[0] == "ARE")
        .map(|s| s.key[1].as_str())
        .collect();
    assert!(are.contains(&"735"), "{are:?}");
    // Ordered by value within a sending country, not as text.
    let usa: Vec<f64> = g
        .groups
        .iter()
        .filter(|s| s.key[0] == "USA")
        .map(|s| s.key[1].parse().unwrap())
        .collect();
    assert!(usa.windows(2).all(|w| w[0] < w[1]), "{usa:?}");
}

#[test]
fn todays_layout_columns_and_names() {
    let path = "rpw/sample.csv";
    let data = read(path);
    for column in ["Standard Note", "pickup location", "source_name"] {
        assert_eq!(
            counts(&data, &[Dimension::column(column)]),
            tally(path, column),
            "{column}"
        );
    }
    // Matched whatever the case, `_` as a space; keys say what the data says.
    assert_eq!(
        counts(&data, &[Dimension::column("standard_note")]),
        tally(path, "Standard Note")
    );
    // The grouping names its dimensions as given.
    let g = group(
        &data.observations,
        &[Dimension::Period, Dimension::column("Standard Note")],
        &AggregateOptions::default(),
    )
    .unwrap();
    let json = serde_json::to_value(&g).unwrap();
    assert_eq!(
        json["dimensions"],
        serde_json::json!(["period", "Standard Note"])
    );
}

#[test]
fn an_unknown_column_is_a_typed_error_naming_it() {
    let data = read(REAL);
    // Today's `Standard Note` is `note1` in the pre-2016 layout: these rows have no such column.
    let err = group(
        &data.observations,
        &[Dimension::Period, Dimension::column("Standard Note")],
        &AggregateOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err.code(), "unknown_column");
    assert_eq!(err.to_string(), r#"unknown column "Standard Note""#);
    let mut partial = Partial::new(&[Dimension::column("nope")], &AggregateOptions::default());
    assert_eq!(
        partial.add(&data.observations).unwrap_err().code(),
        "unknown_column"
    );
    // No rows: nothing to check, nothing grouped.
    let empty = group(
        &[],
        &[Dimension::column("nope")],
        &AggregateOptions::default(),
    )
    .unwrap();
    assert!(empty.groups.is_empty());
}

#[test]
fn a_column_grouping_splits_and_merges_exactly() {
    let data = read(REAL);
    let dims = [
        Dimension::Period,
        Dimension::column("note1"),
        Dimension::column("cc2 lcu amount"),
    ];
    let options = AggregateOptions::default();
    let whole = group(&data.observations, &dims, &options).unwrap();
    let (a, b) = data.observations.split_at(4_000);
    let mut left = Partial::new(&dims, &options);
    left.add(a).unwrap();
    let mut right = Partial::new(&dims, &options);
    right.add(b).unwrap();
    // Through JSON bytes, as a distributed run sends them.
    let bytes = serde_json::to_vec(&right).unwrap();
    let right: Partial = serde_json::from_slice(&bytes).unwrap();
    left.merge(right).unwrap();
    assert_eq!(left.grouping().unwrap(), whole);
}
