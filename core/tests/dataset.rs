//! Dataset readers: the bundled samples, malformed inputs, and the real World Bank exports in
//! testdata/worldbank (and, for the KNOMAD matrix, ../shared/data: skipped with a message when
//! that folder is absent).
#![cfg(feature = "csv")]

use remitcost::{
    read_bilateral_matrix, read_corridor_averages, read_rpw_csv, read_rpw_csv_with, read_rpw_json,
    read_wdi_csv, BilateralMatrix, Decimal, IssueReason, Period, ReadOptions, Severity,
};
use std::path::{Path, PathBuf};

fn testdata(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../testdata/rpw")
        .join(name)
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// The published header of the RPW main sheet, in order (as in testdata/rpw/sample.csv).
const HEADER: &str = "id,period,source_code,source_name,source_region,source_income,\
source_lending,source_G8G20,destination_code,destination_name,destination_region,\
destination_income,destination_lending,destination_G8G20,firm,firm_type,payment instrument,\
access point,speed actual,cc1 lcu amount,cc1 denomination amount,cc1 lcu code,cc1 lcu fee,\
cc1 lcu fx rate,cc1 fx margin,cc1 total cost %,cc2 lcu amount,cc2 denomination amount,\
cc2 lcu code,cc2 lcu fee,cc2 lcu fx rate,cc2 fx margin,cc2 total cost %,inter lcu bank fx,\
transparent,Standard Note,note2,receiving network coverage,pickup location,pickup method,\
date,corridor";

/// A good row for HEADER (FRA→SEN, fee 5 on 190 EUR, margin 1.1: total 3.7316 %).
const ROW: &str = "1,2025_1Q,FRA,France,Europe & Central Asia,High income,..,G8/G20,SEN,Senegal,\
Sub-Saharan Africa,Lower middle income,IDA,..,Atlas Transfers,Money Transfer Operator,Cash,Agent,\
Less than one hour,190,200,EUR,5.00,648.7415,1.1000,3.7316,475,500,EUR,7.90,648.7415,1.1000,\
2.7632,655.957,yes,,,Nationwide,Agent,Cash,2025-02-17,FRASEN";

fn with_cell(row: &str, column: &str, value: &str) -> String {
    let at = HEADER.split(',').position(|c| c == column).unwrap();
    let mut cells: Vec<&str> = row.split(',').collect();
    cells[at] = value;
    cells.join(",")
}

#[test]
fn reads_the_bundled_sample() {
    let file = std::fs::File::open(testdata("sample.csv")).unwrap();
    let data = read_rpw_csv(file).unwrap();
    let r = &data.report;
    // Counts printed by testdata/rpw/make_sample.py, which built the file.
    assert_eq!((r.rows_read, r.rows_kept, r.rows_rejected), (58, 58, 0));
    assert_eq!(r.non_transparent, 8);
    assert_eq!(r.sentinel_fx_rates, 2);
    assert!(r.is_clean(), "{r:#}");
    assert_eq!(r.tolerance_pct, Some(dec("0.01")));
    assert!(r.extra_columns.iter().any(|c| c == "Standard Note"));
    let obs = &data.observations;
    assert_eq!(obs[0].row, 2);
    assert_eq!(obs[57].row, 59);
    let corridors: std::collections::BTreeSet<String> = obs.iter().map(|o| o.corridor()).collect();
    assert_eq!(corridors.len(), 6);
    let periods: std::collections::BTreeSet<Period> = obs.iter().map(|o| o.period).collect();
    assert_eq!(periods.len(), 2);
    // Negative margins keep their sign (NorteSur Envios USA→MEX, 2024_4Q: -0.25 set, -0.2499 after
    // rounding the offered rate to 4 places: (1 − 20.4219 / 20.3710) × 100).
    let nortesur = obs.iter().find(|o| o.firm == "NorteSur Envios").unwrap();
    assert_eq!(nortesur.cc1.as_ref().unwrap().fx_margin_pct, dec("-0.2499"));
    // The sentinel rate 1 reads as no rate; the stated margin stays the data of record.
    let veld = obs.iter().find(|o| o.firm == "Veld Store Money").unwrap();
    let p = veld.cc1.as_ref().unwrap();
    assert_eq!((p.fx_rate, p.fx_margin_pct), (None, dec("3.10")));
    // `Credit card` (USA→MEX) is the same instrument as `Credit Card`, first met in FRA→SEN.
    let instruments: std::collections::BTreeSet<&str> =
        obs.iter().map(|o| o.instrument.as_str()).collect();
    assert!(instruments.contains("Credit Card"));
    assert!(!instruments.contains("Credit card"));
    assert_eq!(obs[0].extra["date"], "2024-11-18");
    assert_eq!(obs[0].id.as_deref(), Some("100001"));
    assert_eq!(obs[0].cc2.as_ref().unwrap().currency.unwrap().code(), "EUR");
}

#[test]
fn broken_rows_are_listed_and_good_rows_kept() {
    let file = std::fs::File::open(testdata("broken.csv")).unwrap();
    let data = read_rpw_csv(file).unwrap();
    let r = &data.report;
    // See testdata/rpw/README.md for what each line breaks.
    assert_eq!((r.rows_read, r.rows_kept, r.rows_rejected), (6, 4, 2));
    let kept: Vec<usize> = data.observations.iter().map(|o| o.row).collect();
    assert_eq!(kept, [2, 3, 6, 7]);
    // Line 3's bad USD 200 fee leaves out that block only: its USD 500 price stands.
    let line3 = &data.observations[1];
    assert!(line3.cc1.is_none());
    assert_eq!(line3.cc2.as_ref().unwrap().total_cost_pct, dec("2.7632"));
    let found: Vec<(usize, &str, &str, Severity)> = r
        .issues
        .iter()
        .map(|i| (i.row, i.field.as_str(), i.reason.code(), i.severity))
        .collect();
    assert_eq!(
        found,
        [
            (3, "cc1 lcu fee", "bad_number", Severity::Error),
            (4, "destination_code", "bad_country_code", Severity::Error),
            (4, "cc2 lcu code", "unknown_currency", Severity::Warning),
            (5, "period", "bad_period", Severity::Error),
            (
                6,
                "cc1 total cost %",
                "inconsistent_total",
                Severity::Warning
            ),
        ]
    );
    assert!(r.issues[0].detail.contains("4,90"));
    let text = r.to_string();
    assert!(
        text.starts_with("6 rows read: 4 kept, 2 rejected"),
        "{text}"
    );
    assert!(
        text.contains("row 6, cc1 total cost %: inconsistent_total"),
        "{text}"
    );
    let json = serde_json::to_value(r).unwrap();
    assert_eq!(json["issues"][4]["reason"], "inconsistent_total");
    assert_eq!(json["issues"][4]["severity"], "warning");
    assert_eq!(json["tolerance_pct"], "0.01");
}

#[test]
fn a_missing_required_column_is_fatal_and_named() {
    let header = HEADER
        .replace(",cc1 lcu fee,", ",cc1 fee,")
        .replace("transparent,", "");
    let err = read_rpw_csv(format!("{header}\n").as_bytes()).unwrap_err();
    assert_eq!(err.code(), "missing_column");
    assert_eq!(
        err.to_string(),
        "missing column \"cc1 lcu fee, transparent\""
    );
    assert_eq!(
        read_rpw_csv("".as_bytes()).unwrap_err().code(),
        "invalid_csv"
    );
}

#[test]
fn bom_cr_line_ends_and_header_spelling_are_tolerated() {
    let header = HEADER
        .replace("payment instrument", "  Payment   INSTRUMENT ")
        .replace("period", "Period");
    for end in ["\r", "\r\n", "\n"] {
        let text = format!("\u{feff}{header}{end}{ROW}{end}{ROW}{end}");
        let data = read_rpw_csv(text.as_bytes()).unwrap();
        assert_eq!(data.observations.len(), 2, "line end {end:?}");
        assert_eq!(data.observations[1].row, 3, "line end {end:?}");
        assert_eq!(data.observations[0].instrument, "Cash");
        assert!(data.report.is_clean(), "{:#}", data.report);
    }
}

#[test]
fn extra_trailing_unnamed_columns_are_kept_not_fatal() {
    let text = format!("{HEADER},,\n{ROW},,note\n{ROW}\n");
    let data = read_rpw_csv(text.as_bytes()).unwrap();
    assert_eq!(data.observations.len(), 2);
    let extra = &data.observations[0].extra;
    assert_eq!(
        extra.get("column_44").map(String::as_str),
        Some("note"),
        "{extra:?}"
    );
    assert!(!data.observations[1].extra.contains_key("column_44"));
    assert!(data.report.is_clean());
}

#[test]
fn any_column_order() {
    let header: Vec<&str> = HEADER.split(',').rev().collect();
    let row: Vec<&str> = ROW.split(',').rev().collect();
    let text = format!("{}\n{}\n", header.join(","), row.join(","));
    let data = read_rpw_csv(text.as_bytes()).unwrap();
    assert_eq!(
        data.observations[0].cc1.as_ref().unwrap().total_cost_pct,
        dec("3.7316")
    );
    assert_eq!(data.observations[0].firm_type, "Money Transfer Operator");
}

#[test]
fn quoted_fields_with_newlines_keep_line_numbers() {
    let row = with_cell(ROW, "Standard Note", "\"first line\nsecond line\"");
    let text = format!("{HEADER}\n{row}\n{}\n", with_cell(ROW, "cc1 lcu fee", "x"));
    let data = read_rpw_csv(text.as_bytes()).unwrap();
    assert_eq!(
        data.observations[0].extra["Standard Note"],
        "first line\nsecond line"
    );
    // The second row starts on line 4: the quoted note spans lines 2 and 3.
    assert_eq!(data.report.issues[0].row, 4);
    assert_eq!(data.report.issues[0].reason, IssueReason::BadNumber);
}

#[test]
fn every_bad_field_is_reported_not_just_the_first() {
    let mut row = with_cell(ROW, "cc1 lcu fee", "five");
    row = with_cell(&row, "cc1 lcu code", "XYZ");
    row = with_cell(&row, "source_code", "F1A");
    row = with_cell(&row, "transparent", "maybe");
    row = with_cell(&row, "cc2 lcu amount", "0");
    let text = format!("{HEADER}\n{row}\n{ROW}\n");
    let data = read_rpw_csv(text.as_bytes()).unwrap();
    let reasons: Vec<&str> = data.report.issues.iter().map(|i| i.reason.code()).collect();
    assert_eq!(
        reasons,
        // In column order within each block: cc1 lcu code comes before cc1 lcu fee.
        [
            "bad_country_code",
            "bad_boolean",
            "unknown_currency",
            "bad_number",
            "bad_amount"
        ]
    );
    assert_eq!(data.observations.len(), 1);
    assert_eq!(data.observations[0].row, 3);
}

#[test]
fn inconsistent_totals_are_kept_and_the_tolerance_is_an_option() {
    // 5 / 190 × 100 + 1.1 = 3.7316 (to 4 places); stated 3.75 is 0.018 points off.
    let row = with_cell(ROW, "cc1 total cost %", "3.75");
    let text = format!("{HEADER}\n{row}\n");
    let data = read_rpw_csv(text.as_bytes()).unwrap();
    assert_eq!(data.observations.len(), 1);
    assert_eq!(data.report.count(IssueReason::InconsistentTotal), 1);
    assert_eq!(data.report.warnings().count(), 1);
    assert_eq!(data.report.errors().count(), 0);
    let wide = ReadOptions::default().with_tolerance_pct(dec("0.02"));
    assert!(read_rpw_csv_with(text.as_bytes(), &wide)
        .unwrap()
        .report
        .is_clean());
}

#[test]
fn non_transparent_rows_are_counted_and_negative_costs_kept() {
    let opaque = with_cell(ROW, "transparent", "N");
    let negative = with_cell(
        &with_cell(ROW, "cc1 fx margin", "-4.0000"),
        "cc1 total cost %",
        "-1.3684",
    );
    let text = format!("{HEADER}\n{opaque}\n{negative}\n{ROW}\n");
    let data = read_rpw_csv(text.as_bytes()).unwrap();
    assert_eq!(data.report.non_transparent, 1);
    assert!(!data.observations[0].transparent);
    assert_eq!(
        data.observations[1].cc1.as_ref().unwrap().total_cost_pct,
        dec("-1.3684")
    );
    assert!(data.report.is_clean(), "{:#}", data.report);
}

/// (row, field, reason code, severity) of every issue.
fn issue_list(report: &remitcost::ValidationReport) -> Vec<(usize, &str, &str, Severity)> {
    report
        .issues
        .iter()
        .map(|i| (i.row, i.field.as_str(), i.reason.code(), i.severity))
        .collect()
}

#[test]
fn a_negative_fee_rejects_its_block_naming_the_field() {
    let cc2 = with_cell(ROW, "cc2 lcu fee", "-7.90");
    let cc1 = with_cell(ROW, "cc1 lcu fee", "-0.01");
    let text = format!("{HEADER}\n{cc2}\n{ROW}\n{cc1}\n");
    let data = read_rpw_csv(text.as_bytes()).unwrap();
    assert_eq!(
        issue_list(&data.report),
        [
            (2, "cc2 lcu fee", "negative_cost", Severity::Error),
            (4, "cc1 lcu fee", "negative_cost", Severity::Error)
        ]
    );
    assert!(data.report.issues[0].detail.contains("-7.90"));
    let r = &data.report;
    // Each block stands alone: the other block still prices the row.
    assert_eq!((r.rows_read, r.rows_kept, r.rows_rejected), (3, 3, 0));
    let obs = &data.observations;
    assert!(obs[0].cc2.is_none() && obs[0].cc1.is_some());
    assert!(obs[2].cc1.is_none() && obs[2].cc2.is_some());
    // With the other block gone too, the row is rejected.
    let both = with_cell(&cc1, "cc2 lcu fee", "-7.90");
    let data = read_rpw_csv(format!("{HEADER}\n{both}\n").as_bytes()).unwrap();
    assert_eq!((data.report.rows_kept, data.report.rows_rejected), (0, 1));
    assert_eq!(data.report.errors().count(), 2);
    // A zero fee is a real quote.
    let free = with_cell(
        &with_cell(ROW, "cc1 lcu fee", "0"),
        "cc1 total cost %",
        "1.1000",
    );
    let data = read_rpw_csv(format!("{HEADER}\n{free}\n").as_bytes()).unwrap();
    assert!(data.report.is_clean(), "{:#}", data.report);
}

#[test]
fn a_negative_total_needs_a_negative_margin() {
    // 5 / 190 x 100 + 1.1 = 3.7316: a total of -3.7316 cannot come from a margin of 1.1.
    let flipped = with_cell(ROW, "cc1 total cost %", "-3.7316");
    // A margin of 0 (as in non-transparent rows) cannot explain one either.
    let zero = with_cell(
        &with_cell(&with_cell(ROW, "cc2 fx margin", "0"), "cc2 lcu fee", "0"),
        "cc2 total cost %",
        "-0.01",
    );
    // A margin of -6 can: -3.3684 is 5 / 190 x 100 - 6 (kept, clean); -1.00 is off it by
    // more than the tolerance (kept, warned as before).
    let beaten = with_cell(
        &with_cell(ROW, "cc1 fx margin", "-6"),
        "cc1 total cost %",
        "-3.3684",
    );
    let off = with_cell(&beaten, "cc1 total cost %", "-1.00");
    let text = format!("{HEADER}\n{flipped}\n{zero}\n{beaten}\n{off}\n");
    let data = read_rpw_csv(text.as_bytes()).unwrap();
    assert_eq!(
        issue_list(&data.report),
        [
            (2, "cc1 total cost %", "negative_cost", Severity::Error),
            (3, "cc2 total cost %", "negative_cost", Severity::Error),
            (
                5,
                "cc1 total cost %",
                "inconsistent_total",
                Severity::Warning
            )
        ]
    );
    // The rejected blocks only: rows 2 and 3 keep their other price.
    let rows: Vec<usize> = data.observations.iter().map(|o| o.row).collect();
    assert_eq!(rows, [2, 3, 4, 5]);
    let obs = &data.observations;
    assert!(obs[0].cc1.is_none() && obs[1].cc2.is_none());
    assert_eq!(obs[2].cc1.as_ref().unwrap().total_cost_pct, dec("-3.3684"));
    // The JSON reader applies the same rule (rows numbered by position).
    let json = r#"[{"period":"2025_1Q","source_code":"FRA","destination_code":"SEN",
      "firm":"A","firm_type":"Bank","payment instrument":"Cash","access point":"Cash",
      "speed actual":"Same day","cc1 lcu amount":"180","cc1 lcu fee":"-9",
      "cc1 fx margin":"0.5","cc1 total cost %":"-4.5","transparent":"yes"}]"#;
    let data = read_rpw_json(json.as_bytes()).unwrap();
    assert_eq!(
        issue_list(&data.report),
        [
            (1, "cc1 lcu fee", "negative_cost", Severity::Error),
            (1, "cc1 total cost %", "negative_cost", Severity::Error)
        ]
    );
    assert!(data.observations.is_empty());
}

#[test]
fn an_unterminated_quote_is_invalid_csv_naming_its_line() {
    // Line 3 opens a quote in `firm` that never closes: without the check, line 4 (a good
    // row) would silently become part of that cell.
    let open = with_cell(ROW, "firm", "\"Western Union");
    let text = format!("{HEADER}\n{ROW}\n{open}\n{ROW}\n");
    let err = read_rpw_csv(text.as_bytes()).unwrap_err();
    assert_eq!(err.code(), "invalid_csv");
    let message = err.to_string();
    assert!(message.contains("unterminated quote"), "{message}");
    assert!(message.contains("opened on line 3 "), "{message}");
    // A row that starts on line 4 with a closed quoted cell spanning lines 4-5, then opens a
    // quote on line 5 that never closes: both lines are named.
    let spanning = with_cell(
        &with_cell(ROW, "firm", "\"Atlas\nTransfers\""),
        "date",
        "\"2025-02-17",
    );
    let text = format!("{HEADER}\n{ROW}\n\n{spanning}\r\n{ROW}\r\n");
    let message = read_rpw_csv(text.as_bytes()).unwrap_err().to_string();
    assert!(
        message.contains("opened on line 5 (in the row starting on line 4)"),
        "{message}"
    );
    // The other CSV readers share the check.
    let wdi = "Country Name,Country Code,2019\n\"France,FRA,1\nSenegal,SEN,2\n";
    let err = read_wdi_csv(wdi.as_bytes()).unwrap_err();
    assert_eq!(err.code(), "invalid_csv");
    assert!(err.to_string().contains("opened on line 2 "), "{err}");
}

#[test]
fn closed_doubled_and_stray_quotes_are_not_unterminated() {
    // A doubled quote inside a quoted cell, a quoted cell that ends the file, and a quote in
    // the middle of an unquoted cell (text, as the csv parser reads it) are all fine.
    let doubled = with_cell(ROW, "firm", "\"Atlas \"\"Express\"\"\"");
    let stray = with_cell(ROW, "firm", "Joe\"s");
    let last = with_cell(ROW, "corridor", "\"FRASEN\"");
    let text = format!("{HEADER}\n{doubled}\n{stray}\n{last}");
    let data = read_rpw_csv(text.as_bytes()).unwrap();
    assert!(data.report.is_clean(), "{:#}", data.report);
    let firms: Vec<&str> = data.observations.iter().map(|o| o.firm.as_str()).collect();
    assert_eq!(firms, ["Atlas \"Express\"", "Joe\"s", "Atlas Transfers"]);
}

#[test]
fn sentinel_rate_of_one_reads_as_no_rate() {
    let row = with_cell(
        &with_cell(ROW, "cc1 lcu fx rate", "1"),
        "cc2 lcu fx rate",
        "1.00",
    );
    let data = read_rpw_csv(format!("{HEADER}\n{row}\n").as_bytes()).unwrap();
    let o = &data.observations[0];
    assert_eq!(o.cc1.as_ref().unwrap().fx_rate, None);
    assert_eq!(o.cc2.as_ref().unwrap().fx_rate, None);
    assert_eq!(data.report.sentinel_fx_rates, 1);
}

#[test]
fn json_reads_the_same_rows() {
    let csv = std::fs::read_to_string(testdata("sample.csv")).unwrap();
    let from_csv = read_rpw_csv(csv.as_bytes()).unwrap();
    // Build the JSON form (objects keyed by column name, string values) from the CSV text.
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    let header = rdr.headers().unwrap().clone();
    let rows: Vec<serde_json::Map<String, serde_json::Value>> = rdr
        .records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .zip(r.iter())
                .map(|(k, v)| (k.to_string(), v.into()))
                .collect()
        })
        .collect();
    let json = serde_json::to_string(&rows).unwrap();
    let from_json = read_rpw_json(json.as_bytes()).unwrap();
    assert_eq!(from_json.observations.len(), from_csv.observations.len());
    for (a, b) in from_json.observations.iter().zip(&from_csv.observations) {
        // JSON rows are numbered by position (1-based), CSV rows by line (header = 1).
        assert_eq!(a.row + 1, b.row);
        assert_eq!(
            (&a.cc1, &a.cc2, &a.extra, &a.speed),
            (&b.cc1, &b.cc2, &b.extra, &b.speed)
        );
    }
    assert_eq!(from_json.report.non_transparent, 8);
}

/// A file of the real World Bank data: the copy in testdata/worldbank where the repository has
/// one (never skipped), else ../shared/data beside the checkout.
fn shared(path: &str) -> Option<std::fs::File> {
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../testdata/worldbank")
        .join(path);
    if let Ok(f) = std::fs::File::open(&bundled) {
        return Some(f);
    }
    let full = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data")
        .join(path);
    match std::fs::File::open(&full) {
        Ok(f) => Some(f),
        Err(_) => {
            println!("skipped: {} is absent", full.display());
            None
        }
    }
}

#[test]
fn reads_the_real_databank_corridor_averages() {
    let Some(file) = shared("rpw-databank/corridor_average_total_cost.csv") else {
        return;
    };
    let table = read_corridor_averages(file).unwrap();
    let r = &table.report;
    // Verified independently with python's csv module: 5,334 lines = 1 header + 5,328 pair
    // rows + 3 blank (",,,…") lines + 2 footer lines; 377 pairs have at least one value,
    // 10,417 values in all (5 of them negative); 2011Q1 has 199 values, 2020Q3 has 367; 35 quarter
    // columns (2011 and 2012 semi-annual: Q1 and Q3).
    assert_eq!(r.rows_read, 5328);
    assert_eq!((r.rows_kept, r.rows_rejected), (5328, 0));
    assert_eq!(r.lines_skipped, 5);
    assert!(r.is_clean(), "{r}");
    assert_eq!(table.series, ["ATCR.CORR"]);
    assert_eq!(table.averages.len(), 10_417);
    let corridors: std::collections::BTreeSet<String> =
        table.averages.iter().map(|a| a.corridor()).collect();
    assert_eq!(corridors.len(), 377);
    let count = |q: &str| {
        let p: Period = q.parse().unwrap();
        table.averages.iter().filter(|a| a.period == p).count()
    };
    assert_eq!((count("2011Q1"), count("2020Q3")), (199, 367));
    assert_eq!(table.periods().len(), 35);
}

#[test]
fn reads_the_real_wdi_remittance_outflows() {
    let Some(file) = shared("rpw-databank/personal_remittances_paid_usd.csv") else {
        return;
    };
    let series = read_wdi_csv(file).unwrap();
    // Verified with python's csv module: 4 preamble lines, the header on line 5, 266 country
    // and aggregate rows. Of the preamble, the 2 lines with text are skipped records; the 2
    // empty lines are no record at all.
    assert_eq!(series.indicator_code, "BM.TRF.PWKR.CD.DT");
    assert_eq!(series.report.rows_read, 266);
    assert_eq!(series.report.rows_rejected, 0);
    assert_eq!(series.report.lines_skipped, 2);
    assert!(series.report.is_clean(), "{}", series.report);
    assert_eq!(series.countries.len(), 266);
    assert_eq!(series.codes_by_name()["Egypt, Arab Rep."], "EGY");
    // Aruba 1991, as exported (the first value of the first row).
    let aruba = series
        .values
        .iter()
        .find(|v| v.country_code == "ABW")
        .unwrap();
    assert_eq!((aruba.year, aruba.value), (1991, dec("16480446.9273743")));
}

#[test]
fn reads_the_real_knomad_matrix_and_joins_names_to_codes() {
    let Some(file) = shared("rpw/converted/WB_Bilateral_Remittance_Estimates_2017.csv") else {
        return;
    };
    let matrix = read_bilateral_matrix(file).unwrap();
    let r = &matrix.report;
    // Verified with python's csv module: title line, header (214 receiving countries and
    // WORLD), 214 sending rows, a WORLD row and 4 note lines; 4 cells are "-" (India↔Pakistan,
    // Israel↔Lebanon): 214 × 214 − 4 = 45,792 flows.
    assert!(matrix
        .title
        .starts_with("Bilateral Remittance Estimates for 2017"));
    assert_eq!((r.rows_read, r.rows_kept), (214, 214));
    assert_eq!(r.lines_skipped, 6);
    assert!(r.is_clean(), "{r}");
    assert_eq!(matrix.flows.len(), 45_792);
    let key = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert!(!matrix.flows.contains_key(&key("India", "Pakistan")));
    let Some(wdi) = shared("rpw-databank/personal_remittances_paid_usd.csv") else {
        return;
    };
    let codes = read_wdi_csv(wdi).unwrap().codes_by_name();
    let (weights, unknown) = matrix.weights_by_code(&codes);
    assert!(weights.contains_key(&key("USA", "MEX")));
    // Renamed in WDI since the 2017 matrix: its old names find no code, and are listed —
    // exactly the four that BilateralMatrix::RENAMED maps.
    let renamed: Vec<&str> = BilateralMatrix::RENAMED.iter().map(|(n, _)| *n).collect();
    assert_eq!(unknown, renamed);
    let mut codes = codes;
    codes.extend(
        BilateralMatrix::RENAMED
            .iter()
            .map(|(n, c)| (n.to_string(), c.to_string())),
    );
    let (all, unknown) = matrix.weights_by_code(&codes);
    assert!(unknown.is_empty());
    // 214 names, 214 distinct codes: every flow keeps its own key.
    assert_eq!(all.len(), matrix.flows.len());
    // Without the four: 210 × 210 − the 4 "-" cells.
    assert_eq!(weights.len(), 44_096);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn csv_reader_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = read_rpw_csv(bytes.as_slice());
            let _ = read_corridor_averages(bytes.as_slice());
            let _ = read_wdi_csv(bytes.as_slice());
            let _ = read_bilateral_matrix(bytes.as_slice());
            let _ = read_rpw_json(bytes.as_slice());
        }

        #[test]
        fn csv_reader_never_panics_on_rows(cells in proptest::collection::vec("[ -~\r\n\"é]{0,12}", 0..90)) {
            // Rows after a valid header, so the row validation itself is exercised.
            let body = cells.chunks(45).map(|c| c.join(",")).collect::<Vec<_>>().join("\n");
            let text = format!("{HEADER}\n{ROW}\n{body}\n");
            // Random quotes may leave one open at the end: that, and only that, is an error.
            let data = match read_rpw_csv(text.as_bytes()) {
                Ok(data) => data,
                Err(e) => {
                    prop_assert!(e.to_string().contains("unterminated quote"), "{}", e);
                    prop_assert!(body.contains('"'));
                    return Ok(());
                }
            };
            prop_assert!(data.report.rows_kept >= 1);
            prop_assert_eq!(data.report.rows_kept + data.report.rows_rejected, data.report.rows_read);
            prop_assert_eq!(data.observations.len(), data.report.rows_kept);
        }
    }
}

#[test]
fn the_printed_report_is_capped_and_the_alternate_form_is_whole() {
    let bad = with_cell(ROW, "cc1 lcu amount", "abc");
    let rows = vec![bad.as_str(); 25].join("\n");
    let data = read_rpw_csv(format!("{HEADER}\n{rows}\n").as_bytes()).unwrap();
    let short = data.report.to_string();
    assert!(short.contains("25 issues: bad_number 25"), "{short}");
    assert!(short.ends_with("… 5 more"), "{short}");
    assert!(short.contains("row 21, cc1 lcu amount: bad_number"));
    assert!(!short.contains("row 22,"));
    let long = format!("{:#}", data.report);
    assert!(long.contains("row 26, cc1 lcu amount: bad_number") && !long.contains("more"));
}

#[test]
fn invalid_utf8_cells_reject_the_row_only() {
    let mut bytes = format!("{HEADER}\n").into_bytes();
    bytes.extend(
        with_cell(ROW, "firm", "R\u{0}")
            .replace('\u{0}', "\u{1}")
            .as_bytes(),
    );
    let at = bytes.iter().rposition(|&b| b == 1).unwrap();
    bytes[at] = 0xFF; // a lone byte that is not UTF-8, in the firm cell
    bytes.extend(format!("\n{ROW}\n").as_bytes());
    let data = read_rpw_csv(bytes.as_slice()).unwrap();
    assert_eq!(data.observations.len(), 1);
    assert_eq!(data.report.issues[0].reason, IssueReason::InvalidText);
    assert_eq!(
        (
            data.report.issues[0].row,
            data.report.issues[0].field.as_str()
        ),
        (2, "firm")
    );
}

#[test]
fn json_missing_column_and_partial_rows() {
    let err = read_rpw_json(r#"[{"period": "2025_1Q"}]"#.as_bytes()).unwrap_err();
    assert_eq!(err.code(), "missing_column");
    // A key present in one object only: a missing value on the others.
    let full: serde_json::Map<String, serde_json::Value> = HEADER
        .split(',')
        .zip(ROW.split(','))
        .map(|(k, v)| (k.to_string(), v.into()))
        .collect();
    let mut partial = full.clone();
    partial.remove("period");
    let json = serde_json::to_string(&[full, partial]).unwrap();
    let data = read_rpw_json(json.as_bytes()).unwrap();
    assert_eq!(data.observations.len(), 1);
    let issue = &data.report.issues[0];
    assert_eq!((issue.row, issue.field.as_str()), (2, "period"));
    assert_eq!(issue.reason, IssueReason::MissingValue);
}

#[test]
fn instrument_combinations_are_one_category_whatever_their_spacing_and_case() {
    let a = with_cell(ROW, "payment instrument", "\"Cash, Debit card\"");
    let b = with_cell(ROW, "payment instrument", "\" cash ,DEBIT  card,\"");
    let c = with_cell(ROW, "payment instrument", "\"Debit card, Cash\"");
    let data = read_rpw_csv(format!("{HEADER}\n{a}\n{b}\n{c}\n").as_bytes()).unwrap();
    let got: Vec<&str> = data
        .observations
        .iter()
        .map(|o| o.instrument.as_str())
        .collect();
    // The order of a combination is kept: it is not known to be meaningless.
    assert_eq!(
        got,
        ["Cash, Debit card", "Cash, Debit card", "Debit card, Cash"]
    );
}

#[test]
fn a_block_with_no_price_value_is_absent() {
    // cc2 keeps its denomination amount and currency but states no price: no USD 500 price.
    let mut row = ROW.to_string();
    for c in [
        "cc2 lcu amount",
        "cc2 lcu fee",
        "cc2 lcu fx rate",
        "cc2 fx margin",
        "cc2 total cost %",
    ] {
        row = with_cell(&row, c, "");
    }
    let half = with_cell(&row, "cc2 lcu fee", "3");
    let data = read_rpw_csv(format!("{HEADER}\n{row}\n{half}\n").as_bytes()).unwrap();
    assert_eq!(data.observations.len(), 2);
    assert!(data.observations[0].cc1.is_some() && data.observations[0].cc2.is_none());
    assert!(data.observations[1].cc1.is_some() && data.observations[1].cc2.is_none());
    // A block stating some values but not all: each missing one is an error on that block.
    let fields: Vec<&str> = data.report.errors().map(|i| i.field.as_str()).collect();
    assert_eq!(
        fields,
        ["cc2 lcu amount", "cc2 fx margin", "cc2 total cost %"]
    );
    assert!(data.report.errors().all(|i| i.row == 3));
}
