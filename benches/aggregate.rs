//! Aggregation benchmark: 1,000,000 synthetic RPW service rows (4 quarters × 350 corridors ×
//! ~714 services, about the shape of the RPW dataset scaled up 40 times), generated
//! deterministically with a linear congruential generator, aggregated into every indicator:
//! corridor averages, SmaRT, global / weighted averages, targets and change (`indicators`),
//! plus the receiving-region and RSP-type tables by quarter (`group`), and the figures of the
//! RPW reports (`published_indicators`: global, G20, regional and income-group averages, SDG
//! 10.c.1, the shares below 5% and 10%, the MTO and digital indices).

use criterion::{criterion_group, criterion_main, Criterion};
use remitcost::arrow::{arrow_schema::DataType, Builder, Columns, Values};
use remitcost::{
    group, indicators, published_indicators, AggregateOptions, CorridorWeights, Decimal, Dimension,
    Frame, Observation, Partial, Period, Price, PublishedOptions,
};
use std::collections::BTreeMap;
use std::hint::black_box;

const ROWS: usize = 1_000_000;
const CORRIDORS: usize = 350;

/// Knuth's MMIX linear congruential generator: deterministic, no dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn code(i: usize) -> String {
    let letters = |n: usize| (b'A' + (n % 26) as u8) as char;
    [letters(i / 676), letters(i / 26), letters(i)]
        .iter()
        .collect()
}

fn observations() -> Vec<Observation> {
    let mut rng = Lcg(2025);
    let regions = [
        "East Asia & Pacific",
        "Europe & Central Asia",
        "Latin America & Caribbean",
        "Middle East & North Africa",
        "South Asia",
        "Sub-Saharan Africa",
    ];
    let types = [
        "Bank",
        "Money Transfer Operator",
        "Post office",
        "Mobile operator",
        "Bank/MTO",
    ];
    let speeds = [
        "Less than one hour",
        "Same day",
        "Next day",
        "2-5 days",
        "More than 5 days",
    ];
    let instruments = [
        "Cash",
        "Bank account",
        "Debit card",
        "Credit card",
        "Mobile wallet",
    ];
    let firms: Vec<String> = (0..60).map(|i| format!("Firm {i:02}")).collect();
    let corridors: Vec<(String, String, &str)> = (0..CORRIDORS)
        .map(|i| (code(i % 48), code(100 + i), regions[i % regions.len()]))
        .collect();
    let periods: Vec<Period> = (1..=4).map(|q| Period::new(2024, q).unwrap()).collect();
    let template: Observation = serde_json::from_value(serde_json::json!({
        "row": 0, "id": null, "period": "2024_1Q", "source_code": "", "source_name": "",
        "source_region": "High income", "destination_code": "", "destination_name": "",
        "destination_region": "", "firm": "", "firm_type": "", "instrument": "",
        "access_point": "Agent", "speed": "", "transparent": true, "cc1": null, "cc2": null,
        "interbank_fx": null, "extra": {}
    }))
    .expect("template");
    (0..ROWS)
        .map(|row| {
            let (src, dst, region) = &corridors[rng.below(CORRIDORS)];
            let mut o = template.clone();
            o.row = row + 2;
            o.period = periods[rng.below(4)];
            o.source_code = src.clone();
            o.destination_code = dst.clone();
            o.destination_region = (*region).to_string();
            o.firm = firms[rng.below(firms.len())].clone();
            o.firm_type = types[rng.below(types.len())].to_string();
            o.instrument = instruments[rng.below(instruments.len())].to_string();
            o.speed = speeds[rng.below(speeds.len())].to_string();
            o.transparent = rng.below(10) != 0;
            // Total cost -2.0000% to 17.9999%, 4 decimals, as the data publishes.
            let cost = Decimal::new(rng.below(200_000) as i64 - 20_000, 4);
            o.cc1 = Some(Price {
                amount: Decimal::from(200),
                denomination_amount: None,
                currency: None,
                fee: Decimal::ZERO,
                fx_rate: None,
                fx_margin_pct: Decimal::ZERO,
                total_cost_pct: cost,
            });
            o
        })
        .collect()
}

/// The rows as Arrow columns: the observation table, and the same with plain text.
fn arrow_tables(rows: &[Observation]) -> (Columns, Columns) {
    let table = remitcost::arrow::observation_table(rows);
    let whole = Columns::new(std::slice::from_ref(&table));
    let mut plain = Builder::default();
    for field in table.schema().fields() {
        let name = field.name();
        plain = match field.data_type() {
            DataType::Dictionary(..) => {
                let text = whole.get(&[name.as_str()]).unwrap().text().unwrap();
                plain.col(name, Values::Str(text))
            }
            _ => plain.array(name, table.column_by_name(name).unwrap().clone()),
        };
    }
    (whole, Columns::new(&[plain.build()]))
}

fn aggregate(c: &mut Criterion) {
    let rows = observations();
    let weights: CorridorWeights = rows
        .iter()
        .map(|o| {
            let w = o.destination_code.bytes().map(u64::from).sum::<u64>();
            (
                (o.source_code.clone(), o.destination_code.clone()),
                Decimal::from(w),
            )
        })
        .collect::<BTreeMap<_, _>>();
    let options = AggregateOptions::default();
    let mut g = c.benchmark_group("aggregate_1m");
    g.sample_size(10);
    g.bench_function("all_indicators", |b| {
        b.iter(|| {
            let out = indicators(black_box(&rows), &options, Some(&weights)).unwrap();
            let regions = group(
                &rows,
                &[Dimension::Period, Dimension::DestinationRegion],
                &options,
            )
            .unwrap();
            let types = group(&rows, &[Dimension::Period, Dimension::FirmType], &options).unwrap();
            (out, regions, types)
        })
    });
    g.bench_function("indicators", |b| {
        b.iter(|| indicators(black_box(&rows), &options, Some(&weights)).unwrap())
    });
    let mut published = PublishedOptions::default();
    published.international_mtos = vec!["Firm 00".into(), "Firm 01".into()];
    g.bench_function("published_indicators", |b| {
        b.iter(|| published_indicators(black_box(&rows), &published).unwrap())
    });
    // The measurement (and benches/side_by_side.sh's): period × corridor.
    g.bench_function("group_period_corridor", |b| {
        b.iter(|| {
            group(
                black_box(&rows),
                &[Dimension::Period, Dimension::Corridor],
                &options,
            )
            .unwrap()
        })
    });
    g.bench_function("group_period_corridor_firm_type", |b| {
        b.iter(|| {
            group(
                black_box(&rows),
                &[Dimension::Period, Dimension::Corridor, Dimension::FirmType],
                &options,
            )
            .unwrap()
        })
    });
    // The columnar frame (built once per dataset): its build, then the same aggregations.
    g.bench_function("frame_build", |b| {
        b.iter(|| Frame::from_observations(black_box(&rows)).unwrap())
    });
    let frame = Frame::from_observations(&rows).unwrap();
    g.bench_function("frame_group_period_corridor", |b| {
        b.iter(|| {
            black_box(&frame)
                .group(&[Dimension::Period, Dimension::Corridor], &options)
                .unwrap()
        })
    });
    g.bench_function("frame_group_period_corridor_firm_type", |b| {
        b.iter(|| {
            black_box(&frame)
                .group(
                    &[Dimension::Period, Dimension::Corridor, Dimension::FirmType],
                    &options,
                )
                .unwrap()
        })
    });
    g.bench_function("frame_indicators", |b| {
        b.iter(|| {
            black_box(&frame)
                .indicators(&options, Some(&weights))
                .unwrap()
        })
    });
    g.bench_function("frame_all_indicators", |b| {
        b.iter(|| {
            let f = black_box(&frame);
            let out = f.indicators(&options, Some(&weights)).unwrap();
            let regions = f
                .group(&[Dimension::Period, Dimension::DestinationRegion], &options)
                .unwrap();
            let types = f
                .group(&[Dimension::Period, Dimension::FirmType], &options)
                .unwrap();
            (out, regions, types)
        })
    });
    g.bench_function("partial_add_period_corridor", |b| {
        b.iter(|| {
            let mut p = Partial::for_indicators(&options);
            p.add(black_box(&rows)).unwrap();
            p
        })
    });
    g.bench_function("frame_partial_add_period_corridor", |b| {
        b.iter(|| {
            let mut p = Partial::for_indicators(&options);
            p.add_frame(black_box(&frame)).unwrap();
            p
        })
    });
    // Arrow batches of the same rows into a partial state (what `Partial.add_batch` and the
    // Spark and Polars paths run): the observation table as written (dictionary-encoded
    // text), and with plain text columns (a CSV read by pyarrow or polars), each then
    // finished into the grouping, to set beside `frame_group_period_corridor`.
    let (dictionary, plain) = arrow_tables(&rows);
    for (name, table) in [
        ("arrow_partial_add_grouping_dictionary", &dictionary),
        ("arrow_partial_add_grouping_plain", &plain),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut p = Partial::new(&[Dimension::Period, Dimension::Corridor], &options);
                remitcost::arrow::add(&mut p, black_box(table)).unwrap();
                p.grouping().unwrap()
            })
        });
    }
    // The floor: one bare pass over the rows reading what every aggregation needs (the
    // price, the flag, the speed and the corridor codes), summing the costs.
    g.bench_function("baseline_one_pass", |b| {
        b.iter(|| {
            let mut sum = Decimal::ZERO;
            let mut bytes = 0usize;
            for o in black_box(&rows) {
                if let (Some(p), true) = (&o.cc1, o.transparent) {
                    sum += p.total_cost_pct;
                    bytes += o.speed.len()
                        + usize::from(o.source_code.as_bytes()[0])
                        + usize::from(o.destination_code.as_bytes()[2]);
                }
            }
            (sum, bytes)
        })
    });
    g.finish();
}

criterion_group!(benches, aggregate);
criterion_main!(benches);
