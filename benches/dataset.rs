//! Reading and validating the RPW layout: 100,000 rows of RPW CSV, generated in memory with
//! the columns of testdata/rpw/sample.csv (the World Bank's published layout), read by
//! `read_rpw_csv` (parsing, per-row validation, the validation report). Criterion reports rows
//! per second.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use remitcost::read_rpw_csv;
use std::fmt::Write;
use std::hint::black_box;

const ROWS: usize = 100_000;
const SAMPLE: &str = include_str!("../testdata/rpw/sample.csv");

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

criterion_group!(benches, read);
criterion_main!(benches);
