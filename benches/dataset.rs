//! Reading and validating the RPW layout, in rows per second (Criterion's throughput):
//! - `read_rpw_csv/100k_rows`: 100,000 rows of RPW CSV, generated in memory with the columns of
//!   testdata/rpw/sample.csv (today's published layout);
//! - `rpw_250k/{csv,xlsx}`: a workbook-sized file, 250,000 rows made from the 10,816 real rows
//!   of testdata/worldbank/rpw-raw (World Bank, CC BY 4.0) repeated with ids of their own, read
//!   from CSV by `read_rpw_csv` and from the workbook in the published layout (sheet "Dataset
//!   (up to Q1 2016)", 41 columns, numbers stored as numbers) by `read_rpw_xlsx`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use remitcost::{read_rpw_csv, read_rpw_xlsx, SHEET_UP_TO_2016};
use std::fmt::Write;
use std::hint::black_box;
use std::io::Cursor;

#[path = "../core/tests/workbook/mod.rs"]
mod workbook;

const ROWS: usize = 100_000;
const SAMPLE: &str = include_str!("../testdata/rpw/sample.csv");
const REAL: &str = include_str!("../testdata/worldbank/rpw-raw/rpw_rows_2011_2012.csv");
/// The size of the World Bank's main sheet (about 204,000 rows in 2025), rounded up.
const WORKBOOK_ROWS: usize = 250_000;

/// `ROWS` data rows after the sample's header: the sample's rows repeated, each with its own
/// id and a total cost varied deterministically (so no two parsed decimals repeat in a run).
fn csv() -> String {
    let mut lines = SAMPLE.lines();
    let header = lines.next().expect("sample has a header");
    let rows: Vec<&str> = lines.filter(|l| !l.trim().is_empty()).collect();
    let cost_col = header
        .split(',')
        .position(|h| h == "cc1 total cost %")
        .expect("cc1 total cost % column");
    let mut out = String::with_capacity(ROWS * 400);
    out.push_str(header);
    out.push('\n');
    for i in 0..ROWS {
        let row = rows[i % rows.len()];
        for (c, cell) in row.split(',').enumerate() {
            if c > 0 {
                out.push(',');
            }
            match c {
                0 => write!(out, "{}", 200_000 + i).expect("write to string"),
                c if c == cost_col && !cell.is_empty() => {
                    write!(out, "{}.{:04}", 1 + i % 17, (i * 7919) % 10_000)
                        .expect("write to string")
                }
                _ => out.push_str(cell),
            }
        }
        out.push('\n');
    }
    out
}

/// `WORKBOOK_ROWS` rows in the pre-2016 sheet's 41 columns: the real rows repeated in order,
/// the i-th with id 1,000,000 + i and `corridor` filled (name and region columns blank, as in
/// the CSV export). The side-by-side script (benches/side_by_side.py) builds the same rows.
fn real_rows() -> Vec<Vec<String>> {
    let real = workbook::csv_rows(REAL);
    let columns = workbook::layout(SHEET_UP_TO_2016);
    (0..WORKBOOK_ROWS)
        .map(|i| {
            let row = &real[i % real.len()];
            columns
                .iter()
                .map(|c| match c.as_str() {
                    "id" => (1_000_000 + i).to_string(),
                    "corridor" => format!("{}{}", row["source_code"], row["destination_code"]),
                    c => row.get(c).cloned().unwrap_or_default(),
                })
                .collect()
        })
        .collect()
}

fn as_csv(rows: &[Vec<String>]) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(workbook::layout(SHEET_UP_TO_2016))
        .expect("header");
    for row in rows {
        out.write_record(row).expect("row");
    }
    String::from_utf8(out.into_inner().expect("flush")).expect("utf-8")
}

fn as_xlsx(rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let columns = workbook::layout(SHEET_UP_TO_2016);
    workbook::add_sheet(&mut book, SHEET_UP_TO_2016, &columns, rows).expect("sheet");
    book.save_to_buffer().expect("workbook")
}

fn read(c: &mut Criterion) {
    let text = csv();
    let check = read_rpw_csv(text.as_bytes()).expect("generated CSV reads");
    assert_eq!(check.observations.len(), ROWS, "every generated row kept");
    let mut g = c.benchmark_group("read_rpw_csv");
    g.sample_size(10);
    g.throughput(Throughput::Elements(ROWS as u64));
    g.bench_function("100k_rows", |b| {
        b.iter(|| read_rpw_csv(black_box(text.as_bytes())).expect("reads"))
    });
    g.finish();
}

fn workbook_sized(c: &mut Criterion) {
    let rows = real_rows();
    let text = as_csv(&rows);
    let xlsx = as_xlsx(rows);
    let from_csv = read_rpw_csv(text.as_bytes()).expect("CSV reads");
    let from_xlsx = read_rpw_xlsx(Cursor::new(&xlsx)).expect("workbook reads");
    assert_eq!(from_csv.report.rows_kept, WORKBOOK_ROWS, "every row kept");
    assert_eq!(
        from_xlsx.observations, from_csv.observations,
        "the same rows"
    );
    let mut g = c.benchmark_group("rpw_250k");
    g.sample_size(10);
    g.throughput(Throughput::Elements(WORKBOOK_ROWS as u64));
    g.bench_function("csv", |b| {
        b.iter(|| read_rpw_csv(black_box(text.as_bytes())).expect("reads"))
    });
    g.bench_function("xlsx", |b| {
        b.iter(|| read_rpw_xlsx(Cursor::new(black_box(&xlsx))).expect("reads"))
    });
    g.finish();
}

criterion_group!(benches, read, workbook_sized);
criterion_main!(benches);
