//! The RPW workbook (`.xlsx`) as the World Bank ships it: sheets "Dataset (from Q2 2016)",
//! "Dataset (up to Q1 2016)" and "Countries", built here in the published layout from the real
//! 2011–2012 rows (testdata/worldbank/rpw-raw, World Bank, CC BY 4.0) and the sample rows of
//! today's layout (testdata/rpw/sample.csv).
#![cfg(all(feature = "xlsx", feature = "csv"))]

mod workbook;

use remitcost::{
    group, read_rpw_csv, read_rpw_xlsx, AggregateOptions, Dimension, IssueReason, Severity,
    SHEET_FROM_2016, SHEET_UP_TO_2016,
};
use rust_xlsxwriter::Workbook;
use std::io::Cursor;
use std::path::Path;
use workbook::{add_sheet, csv_rows, layout};

fn testdata(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../testdata")
        .join(path);
    std::fs::read_to_string(full).unwrap()
}

/// The real rows in the pre-2016 sheet's 41 columns (the export's name, region, income and
/// G8/G20 columns are blank; `corridor` is written as the workbook has it).
fn real_rows_up_to_2016() -> Vec<Vec<String>> {
    let columns = layout(SHEET_UP_TO_2016);
    csv_rows(&testdata("worldbank/rpw-raw/rpw_rows_2011_2012.csv"))
        .into_iter()
        .map(|row| {
            columns
                .iter()
                .map(|c| match c.as_str() {
                    "corridor" => format!("{}{}", row["source_code"], row["destination_code"]),
                    c => row.get(c).cloned().unwrap_or_default(),
                })
                .collect()
        })
        .collect()
}

/// The sample's rows of today's layout, columns in `header`'s order.
fn sample_rows(header: &[String]) -> Vec<Vec<String>> {
    csv_rows(&testdata("rpw/sample.csv"))
        .into_iter()
        .map(|row| {
            header
                .iter()
                .map(|c| row.get(c).cloned().unwrap_or_default())
                .collect()
        })
        .collect()
}

fn workbook(build: impl FnOnce(&mut Workbook)) -> Cursor<Vec<u8>> {
    let mut book = Workbook::new();
    build(&mut book);
    Cursor::new(book.save_to_buffer().unwrap())
}

fn countries(book: &mut Workbook) {
    let rows = [
        ["SEN", "Senegal", "Sub-Saharan Africa"],
        ["MLI", "Mali", "Sub-Saharan Africa"],
    ];
    let rows = rows.map(|r| r.map(str::to_string).to_vec());
    let header = ["code", "name", "region"].map(str::to_string);
    add_sheet(book, "Countries", &header, rows).unwrap();
}

#[test]
fn the_published_workbook_reads_as_its_csv_exports_do() {
    let book = workbook(|book| {
        let (today, older) = (layout(SHEET_FROM_2016), layout(SHEET_UP_TO_2016));
        assert_eq!((today.len(), older.len()), (42, 41));
        add_sheet(book, SHEET_FROM_2016, &today, sample_rows(&today)).unwrap();
        add_sheet(book, SHEET_UP_TO_2016, &older, real_rows_up_to_2016()).unwrap();
        countries(book);
    });
    let data = read_rpw_xlsx(book).unwrap();
    let r = &data.report;
    // The older sheet first (10,816 real rows), then today's (58 sample rows).
    assert_eq!(
        (r.rows_read, r.rows_kept, r.rows_rejected),
        (10_874, 10_874, 0)
    );
    let (old, new) = data.observations.split_at(10_816);
    // The same observations as the CSV exports give, value for value (numbers stored as
    // numbers come back as the same decimals: `735.0` is 735).
    let csv = testdata("worldbank/rpw-raw/rpw_rows_2011_2012.csv");
    let from_csv = read_rpw_csv(csv.as_bytes()).unwrap();
    for (x, c) in old.iter().zip(&from_csv.observations) {
        assert_eq!((x.row, &x.period, &x.firm), (c.row, &c.period, &c.firm));
        assert_eq!(
            (&x.cc1, &x.cc2, x.interbank_fx),
            (&c.cc1, &c.cc2, c.interbank_fx)
        );
        assert_eq!((&x.product, &x.access_point), (&c.product, &c.access_point));
        assert_eq!(
            (&x.coverage, &x.pickup_method),
            (&c.coverage, &c.pickup_method)
        );
    }
    let sample = read_rpw_csv(testdata("rpw/sample.csv").as_bytes()).unwrap();
    assert_eq!(new.len(), sample.observations.len());
    for (x, c) in new.iter().zip(&sample.observations) {
        assert_eq!(
            (&x.cc1, &x.cc2, &x.instrument),
            (&c.cc1, &c.cc2, &c.instrument)
        );
        assert_eq!(x.row, c.row);
    }
    // Every issue names its sheet; the real rows' warnings are those of the CSV.
    assert!(r
        .issues
        .iter()
        .all(|i| i.sheet.as_deref() == Some(SHEET_UP_TO_2016)));
    assert_eq!(r.issues.len(), from_csv.report.issues.len());
    assert_eq!(r.count(IssueReason::NotOffered), 18);
    assert!(r.issues[0]
        .to_string()
        .starts_with("sheet \"Dataset (up to Q1 2016)\", row "));
    // The corridor averages from the workbook are the CSV's (839 equal to DataBank: see
    // real_rows.rs).
    let dims = [Dimension::Period, Dimension::Corridor];
    let opts = AggregateOptions::default();
    let a = group(old, &dims, &opts).unwrap();
    let b = group(&from_csv.observations, &dims, &opts).unwrap();
    assert_eq!(a.groups.len(), 839);
    assert_eq!(a.groups, b.groups);
}

#[test]
fn any_column_order_and_unknown_columns_are_read() {
    // Today's columns reversed, with a column the reader does not know.
    let mut header: Vec<String> = layout(SHEET_FROM_2016).into_iter().rev().collect();
    header.insert(3, "remarks".into());
    let rows = sample_rows(&header);
    let book = workbook(|book| add_sheet(book, " dataset (FROM q2 2016) ", &header, rows).unwrap());
    let data = read_rpw_xlsx(book).unwrap();
    assert_eq!(data.report.rows_kept, 58);
    // The 10 published columns the reader does not interpret (income, lending, G8/G20 of both
    // countries, Standard Note, note2, pickup location, date) and remarks.
    assert_eq!(data.report.extra_columns.len(), 11);
    assert!(data.report.extra_columns.contains(&"remarks".to_string()));
    assert!(data.observations[0].extra.contains_key("remarks"));
}

#[test]
fn a_bad_cell_names_its_sheet_row_and_field() {
    let mut rows = real_rows_up_to_2016();
    rows.truncate(3);
    let columns = layout(SHEET_UP_TO_2016);
    let fee = columns.iter().position(|c| c == "cc1 lcu fee").unwrap();
    rows[1][fee] = "#N/A".into();
    let book = workbook(|book| add_sheet(book, SHEET_UP_TO_2016, &columns, rows).unwrap());
    let data = read_rpw_xlsx(book).unwrap();
    let issue = data.report.errors().next().unwrap();
    assert_eq!(
        (issue.sheet.as_deref(), issue.row, issue.field.as_str()),
        (Some(SHEET_UP_TO_2016), 3, "cc1 lcu fee")
    );
    assert_eq!(issue.severity, Severity::Error);
    // The USD 200 block is left out; the row's USD 500 price stands.
    let row3 = data.observations.iter().find(|o| o.row == 3).unwrap();
    assert!(row3.cc1.is_none() && row3.cc2.is_some());
}

#[test]
fn a_workbook_without_a_dataset_sheet_is_invalid_xlsx() {
    let book = workbook(countries);
    let err = read_rpw_xlsx(book).unwrap_err();
    assert_eq!(err.code(), "invalid_xlsx");
    assert!(err.to_string().contains("Countries"), "{err}");
    // A sheet with nothing on it has no header.
    let book = workbook(|book| add_sheet(book, SHEET_FROM_2016, &[], Vec::new()).unwrap());
    assert_eq!(read_rpw_xlsx(book).unwrap_err().code(), "invalid_xlsx");
}
