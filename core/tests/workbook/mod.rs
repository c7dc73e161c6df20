//! Writing RPW workbooks in the World Bank's published layout: the sheet names, a header row,
//! the 42 columns of "Dataset (from Q2 2016)" and the 41 of "Dataset (up to Q1 2016)" (listed
//! in testdata/worldbank/rpw_layouts.json, from shared/DESIGN.md "Data"), numbers stored as
//! numbers. Used by core/tests/xlsx.rs and benches/dataset.rs (by path).
#![allow(dead_code)]

use rust_xlsxwriter::{Workbook, XlsxError};

/// testdata/worldbank/rpw_layouts.json: each dataset sheet's columns in the published order.
const LAYOUTS: &str = include_str!("../../../testdata/worldbank/rpw_layouts.json");

/// The columns of a dataset sheet ("Dataset (from Q2 2016)": 42, "Dataset (up to Q1 2016)": 41).
pub fn layout(sheet: &str) -> Vec<String> {
    let layouts: serde_json::Value = serde_json::from_str(LAYOUTS).expect("layouts json");
    serde_json::from_value(layouts[sheet].clone()).expect("a list of column names")
}

/// Whether the workbook stores this column's values as numbers.
pub fn numeric(column: &str) -> bool {
    column == "id"
        || column == "inter lcu bank fx"
        || (column.starts_with("cc") && !column.ends_with("lcu code"))
}

/// The rows of a CSV text as maps from header name to cell (the real rows' file).
pub fn csv_rows(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(str::to_string))
                .collect()
        })
        .collect()
}

/// Adds a sheet named `name` with `header` on row 1 and each of `rows` (cells in header
/// order) below; a numeric column's non-empty cell is written as a number.
pub fn add_sheet(
    book: &mut Workbook,
    name: &str,
    header: &[String],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet_with_constant_memory();
    sheet.set_name(name)?;
    for (c, title) in (0u16..).zip(header) {
        sheet.write_string(0, c, title)?;
    }
    for (r, row) in (1u32..).zip(rows) {
        for ((c, title), cell) in (0u16..).zip(header).zip(&row) {
            match cell.parse::<f64>() {
                _ if cell.is_empty() => {}
                Ok(n) if numeric(title) => {
                    sheet.write_number(r, c, n)?;
                }
                _ => {
                    sheet.write_string(r, c, cell)?;
                }
            }
        }
    }
    Ok(())
}
