//! The RPW workbook's sheet "Countries" read as a classification table
//! (`read_countries_xlsx`): sheets built from the World Bank's own classification files
//! (testdata/worldbank/wb-classification, CC BY 4.0) and from the bundled table, read back
//! and used to classify the real 2011–2012 rows (testdata/worldbank/rpw-raw) as the bundled
//! table does; and the malformed cases, each reported with its sheet, row and column.
#![cfg(all(feature = "xlsx", feature = "csv", feature = "countries"))]

mod workbook;

use proptest::prelude::*;
use remitcost::{
    read_countries_xlsx, read_rpw_csv, read_rpw_xlsx, Countries, Country, IncomeVintage,
    IssueReason, Severity, SHEET_COUNTRIES, SHEET_FROM_2016,
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

fn strings<const N: usize>(cells: [&str; N]) -> Vec<String> {
    cells.map(str::to_string).to_vec()
}

/// A workbook with one sheet of this name, header and rows.
fn book(name: &str, header: &[String], rows: Vec<Vec<String>>) -> Cursor<Vec<u8>> {
    let mut book = Workbook::new();
    add_sheet(&mut book, name, header, rows).unwrap();
    Cursor::new(book.save_to_buffer().unwrap())
}

/// G8 / G20 membership as the RPW dataset writes it (`source_G8G20`).
fn groups(c: &Country) -> &'static str {
    match (c.g8, c.g20) {
        (true, _) => "G8/G20",
        (false, true) => "G20",
        (false, false) => "..",
    }
}

/// The bundled table as a "Countries" sheet: the World Bank's "List of economies" headers
/// (`Code`, `Economy`, `Region`, `Income group`, `Lending category`) and the dataset's
/// `G8G20`, "none" written `..` as the dataset writes it.
fn bundled_as_sheet() -> Cursor<Vec<u8>> {
    let wb = Countries::world_bank().unwrap();
    let header = strings([
        "Code",
        "Economy",
        "Region",
        "Income group",
        "Lending category",
        "G8G20",
    ]);
    let none = |v: &Option<String>| v.clone().unwrap_or_else(|| "..".into());
    let rows = wb
        .iter()
        .map(|c| {
            vec![
                c.code.clone(),
                c.name.clone(),
                none(&c.region),
                none(&c.income),
                none(&c.lending),
                groups(c).to_string(),
            ]
        })
        .collect();
    book(SHEET_COUNTRIES, &header, rows)
}

#[test]
fn the_bundled_table_written_as_a_sheet_reads_back_and_classifies_the_real_rows_alike() {
    let wb = Countries::world_bank().unwrap();
    let sheet = read_countries_xlsx(bundled_as_sheet()).unwrap();
    let report = &sheet.report;
    assert!(report.is_clean(), "{report:#}");
    assert_eq!((report.rows_read, report.rows_kept), (223, 223));
    let table = &sheet.countries;
    assert_eq!(table.vintage, "workbook");
    assert!(table.source.contains("\"Countries\""), "{}", table.source);
    assert_eq!(table.history_from, 0);
    for c in wb.iter() {
        let read = table.get(&c.code).unwrap();
        assert_eq!(
            (&read.name, &read.region, &read.income, &read.lending),
            (&c.name, &c.region, &c.income, &c.lending),
            "{}",
            c.code
        );
        assert_eq!((read.g8, read.g20), (c.g8, c.g20), "{}", c.code);
        assert!(read.income_history.is_empty());
    }
    // The real rows carry no region, income or G8/G20 column: classified by either table
    // (income groups of the table's own vintage), they come out the same.
    let csv = testdata("worldbank/rpw-raw/rpw_rows_2011_2012.csv");
    let rows = read_rpw_csv(csv.as_bytes()).unwrap().observations;
    assert_eq!(rows.len(), 10_816);
    let (mut by_bundled, mut by_sheet) = (rows.clone(), rows);
    let unknown = wb.classify(&mut by_bundled, IncomeVintage::Table);
    assert_eq!(table.classify(&mut by_sheet, IncomeVintage::Table), unknown);
    assert!(unknown.is_empty(), "{unknown:?}");
    assert_eq!(by_sheet, by_bundled);
    let tjk = by_sheet
        .iter()
        .find(|r| r.destination_code == "TJK")
        .unwrap();
    assert_eq!(tjk.destination_region, "Europe & Central Asia");
    assert_eq!(tjk.extra["destination_income"], "Lower middle income"); // FY24
    assert_eq!(tjk.extra["source_G8G20"], "G8/G20"); // sent from Russia
}

#[test]
fn the_world_banks_list_of_economies_is_read_as_published() {
    // CLASS_FY24.csv as a sheet, header and cells as found: a BOM before `Economy`, a trailing
    // column with no header and no values, the aggregates (codes like WLD) among the rows.
    let rows = csv_rows(&testdata("worldbank/wb-classification/CLASS_FY24.csv"));
    let text = testdata("worldbank/wb-classification/CLASS_FY24.csv");
    let header: Vec<String> = text
        .lines()
        .next()
        .unwrap()
        .split(',')
        .map(str::to_string)
        .collect();
    assert_eq!(header[0], "\u{feff}Economy");
    assert_eq!(header.last().map(String::as_str), Some(""));
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            // (the csv reader drops the BOM from the header it keys the rows by)
            let key = |h: &String| h.trim_start_matches('\u{feff}').to_string();
            header
                .iter()
                .map(|h| r.get(&key(h)).cloned().unwrap_or_default())
                .collect()
        })
        .collect();
    // Its last three lines are bare commas: no cell of the sheet, no row read.
    let n = cells
        .iter()
        .filter(|r| r.iter().any(|c| !c.is_empty()))
        .count();
    assert_eq!(n, 266);
    let sheet = read_countries_xlsx(book(" countries ", &header, cells)).unwrap();
    assert!(sheet.report.is_clean(), "{:#}", sheet.report);
    assert_eq!((sheet.report.rows_read, sheet.report.rows_kept), (n, n));
    let wb = Countries::world_bank().unwrap();
    let mut compared = 0;
    for c in wb.iter() {
        let Some(read) = sheet.countries.get(&c.code) else {
            continue; // the five former economies the bundled table has from OGHIST
        };
        assert_eq!(
            (&read.region, &read.income, &read.lending),
            (&c.region, &c.income, &c.lending),
            "{}",
            c.code
        );
        compared += 1;
    }
    assert_eq!(compared, 218);
    // Aggregates are rows of the file like any other (no region, no income group).
    assert_eq!(sheet.countries.get("WLD").unwrap().region, None);
}

#[test]
fn the_wdi_country_table_reads_with_its_other_columns_reported() {
    // WDICountry_FY26.csv's 31 columns: `Country Code`, `Table Name`, `Region`, `Income
    // Group`, `Lending category` are read; `Short Name`, `Long Name`, … are reported.
    let text = testdata("worldbank/wb-classification/WDICountry_FY26.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let cells: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let sheet = read_countries_xlsx(book(SHEET_COUNTRIES, &header, cells)).unwrap();
    let report = &sheet.report;
    assert_eq!(report.extra_columns.len(), header.len() - 5);
    assert!(report.extra_columns.contains(&"Short Name".to_string()));
    assert_eq!(report.issues.len(), report.extra_columns.len());
    assert!(report
        .issues
        .iter()
        .all(|i| i.reason == IssueReason::IgnoredColumn
            && i.severity == Severity::Warning
            && i.row == 1
            && i.sheet.as_deref() == Some(SHEET_COUNTRIES)));
    assert_eq!(report.rows_kept, 265);
    let fy26: Countries =
        Countries::from_json(&testdata("worldbank/wb-classification/countries_fy26.json")).unwrap();
    let mut compared = 0;
    for c in fy26.iter() {
        let Some(read) = sheet.countries.get(&c.code) else {
            continue; // former economies (OGHIST) and Taiwan, not in the WDI table
        };
        compared += 1;
        assert_eq!(
            (&read.region, &read.income),
            (&c.region, &c.income),
            "{}",
            c.code
        );
    }
    assert_eq!(compared, 217);
    // In this vintage Afghanistan is in the Middle East & North Africa.
    assert_eq!(
        sheet.countries.get("AFG").unwrap().region.as_deref(),
        Some("Middle East & North Africa")
    );
}

#[test]
fn the_sheet_is_read_from_the_same_workbook_as_the_dataset() {
    let today = layout(SHEET_FROM_2016);
    let rows: Vec<Vec<String>> = csv_rows(&testdata("rpw/sample.csv"))
        .into_iter()
        .map(|r| {
            today
                .iter()
                .map(|c| r.get(c).cloned().unwrap_or_default())
                .collect()
        })
        .collect();
    let mut book = Workbook::new();
    add_sheet(&mut book, SHEET_FROM_2016, &today, rows).unwrap();
    let header = strings(["code", "name", "region"]);
    let countries = vec![strings(["SEN", "Senegal", "Sub-Saharan Africa"])];
    add_sheet(&mut book, SHEET_COUNTRIES, &header, countries).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let data = read_rpw_xlsx(Cursor::new(bytes.as_slice())).unwrap();
    assert_eq!(data.report.rows_kept, 58);
    let sheet = read_countries_xlsx(Cursor::new(bytes.as_slice())).unwrap();
    assert!(sheet.report.is_clean());
    let sen = sheet.countries.get("SEN").unwrap();
    assert_eq!(sen.region.as_deref(), Some("Sub-Saharan Africa"));
    assert_eq!((sen.income.as_ref(), sen.g20), (None, false));
}

#[test]
fn a_header_without_a_code_column_or_with_nothing_else_is_missing_column() {
    let header = strings(["Economy", "Region"]);
    let rows = vec![strings(["Senegal", "Sub-Saharan Africa"])];
    let err = read_countries_xlsx(book(SHEET_COUNTRIES, &header, rows)).unwrap_err();
    assert_eq!(err.code(), "missing_column");
    assert!(err.to_string().contains("code"), "{err}");
    let header = strings(["code", "remarks"]);
    let err = read_countries_xlsx(book(SHEET_COUNTRIES, &header, vec![strings(["SEN", "x"])]))
        .unwrap_err();
    assert_eq!(err.code(), "missing_column");
    assert!(err.to_string().contains("region"), "{err}");
}

#[test]
fn a_workbook_without_the_sheet_or_with_an_empty_one_is_invalid_xlsx() {
    let header = strings(["code", "region"]);
    let err = read_countries_xlsx(book("Dataset (from Q2 2016)", &header, Vec::new())).unwrap_err();
    assert_eq!(err.code(), "invalid_xlsx");
    assert!(err.to_string().contains("no sheet \"Countries\""), "{err}");
    let err = read_countries_xlsx(book(SHEET_COUNTRIES, &[], Vec::new())).unwrap_err();
    assert_eq!(err.code(), "invalid_xlsx");
    assert!(err.to_string().contains("no header row"), "{err}");
    let err = read_countries_xlsx(Cursor::new(b"code,region\n".to_vec())).unwrap_err();
    assert_eq!(err.code(), "invalid_xlsx");
}

#[test]
fn every_bad_row_and_ignored_column_is_named() {
    let header = strings([
        "country_code",
        "NAME",
        "Region",
        "income",
        "G8",
        "G20",
        "notes",
        "Region",
        "",
    ]);
    let rows = vec![
        strings([
            "SEN",
            "Senegal",
            "Sub-Saharan Africa",
            "LM",
            "no",
            "",
            "",
            "",
        ]), // row 2
        strings([
            "FR",
            "France",
            "Europe & Central Asia",
            "H",
            "yes",
            "yes",
            "",
            "",
        ]), // 3
        strings(["", "Nowhere", "", "", "", "", "", ""]), // 4
        strings(["SEN", "Senegal again", "", "", "", "", "", ""]), // 5
        strings([
            "USA",
            "",
            "North America",
            "High income",
            "yes",
            "maybe",
            "",
            "",
        ]), // 6
        strings(["MLI", "", "Sub-Saharan Africa", "", "", "", "x", "y"]), // 7
        strings(["", "", "", "", "", "", "", ""]),        // 8: no cell in the sheet at all
        strings(["DEU", "Germany", "..", "..", "Y", "1", "", "", "stray"]), // 9
    ];
    let sheet = read_countries_xlsx(book(SHEET_COUNTRIES, &header, rows)).unwrap();
    let report = &sheet.report;
    assert_eq!(
        (report.rows_read, report.rows_kept, report.rows_rejected),
        (7, 3, 4)
    );
    assert_eq!(report.extra_columns, ["notes", "Region"]);
    let found: Vec<(usize, &str, IssueReason, Severity)> = report
        .issues
        .iter()
        .map(|i| (i.row, i.field.as_str(), i.reason, i.severity))
        .collect();
    use IssueReason::*;
    use Severity::*;
    assert_eq!(
        found,
        [
            (1, "notes", IgnoredColumn, Warning),
            (1, "Region", IgnoredColumn, Warning),
            (3, "country_code", BadCountryCode, Error),
            (4, "country_code", MissingValue, Error),
            (5, "country_code", DuplicateCode, Error),
            (6, "NAME", MissingValue, Warning),
            (6, "G20", BadBoolean, Error),
            (7, "NAME", MissingValue, Warning),
            (9, "", IgnoredColumn, Warning),
        ]
    );
    assert!(report
        .issues
        .iter()
        .all(|i| i.sheet.as_deref() == Some(SHEET_COUNTRIES)));
    let dup = &report.issues[4];
    assert!(dup.detail.contains("row 2"), "{}", dup.detail);
    assert!(
        report
            .to_string()
            .contains("row 3, country_code: bad_country_code"),
        "{report}"
    );
    let sen = sheet.countries.get("SEN").unwrap();
    assert_eq!(sen.name, "Senegal");
    assert_eq!(sen.income.as_deref(), Some("Lower middle income")); // `LM`
    assert!(!sen.g8 && !sen.g20);
    let deu = sheet.countries.get("deu").unwrap();
    assert_eq!((deu.region.as_ref(), deu.income.as_ref()), (None, None)); // `..`
    assert!(deu.g8 && deu.g20);
    assert_eq!(sheet.countries.iter().count(), 3); // SEN, MLI, DEU
}

#[test]
fn a_combined_g8g20_column_is_read_and_a_bad_value_rejects_its_row() {
    let header = strings(["code", "g8/g20", "G20"]);
    let rows = vec![
        strings(["RUS", "G8/G20", "no"]),
        strings(["ARG", "g20", ""]),
        strings(["SEN", "..", ""]),
        strings(["CAN", "G7", ""]),
    ];
    let sheet = read_countries_xlsx(book(SHEET_COUNTRIES, &header, rows)).unwrap();
    let report = &sheet.report;
    assert_eq!(report.extra_columns, ["G20"]); // the combined column is read instead
    assert_eq!(report.errors().count(), 1);
    let bad = report.errors().next().unwrap();
    assert_eq!(
        (bad.row, bad.field.as_str(), bad.reason),
        (5, "g8/g20", IssueReason::BadBoolean)
    );
    let t = &sheet.countries;
    let member = |c: &str| t.get(c).map(|c| (c.g8, c.g20));
    assert_eq!(member("RUS"), Some((true, true)));
    assert_eq!(member("ARG"), Some((false, true)));
    assert_eq!(member("SEN"), Some((false, false)));
    assert_eq!(member("CAN"), None);
}

/// Header spellings the reader accepts for each field of a small table.
const SPELLINGS: [&[&str]; 5] = [
    &["code", "Code", " COUNTRY  CODE ", "country_code", "ISO3"],
    &["name", "Economy", "Country Name", "table_name"],
    &["region", "Region", " REGION"],
    &["income", "Income group", "income_level", "INCOME GROUP"],
    &["lending", "Lending category", "LENDING_CATEGORY"],
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The columns' order and the header's spelling do not change the table read.
    #[test]
    fn any_column_order_and_spelling_reads_the_same_table(
        order in Just((0..5usize).collect::<Vec<_>>()).prop_shuffle(),
        picks in proptest::collection::vec(0..5usize, 5),
    ) {
        let wb = Countries::world_bank().unwrap();
        let codes = ["SEN", "FRA", "PAK", "ANT", "BRA"];
        let field = |c: &Country, f: usize| match f {
            0 => c.code.clone(),
            1 => c.name.clone(),
            2 => c.region.clone().unwrap_or_default(),
            3 => c.income.clone().unwrap_or_default(),
            _ => c.lending.clone().unwrap_or_default(),
        };
        let header: Vec<String> = order
            .iter()
            .map(|&f| SPELLINGS[f][picks[f] % SPELLINGS[f].len()].to_string())
            .collect();
        let rows = codes
            .iter()
            .map(|code| {
                let c = wb.get(code).unwrap();
                order.iter().map(|&f| field(c, f)).collect()
            })
            .collect();
        let sheet = read_countries_xlsx(book(SHEET_COUNTRIES, &header, rows)).unwrap();
        prop_assert!(sheet.report.is_clean(), "{:#}", sheet.report);
        for code in codes {
            let (read, c) = (sheet.countries.get(code).unwrap(), wb.get(code).unwrap());
            for f in 0..5 {
                prop_assert_eq!(field(read, f), field(c, f));
            }
        }
    }
}
