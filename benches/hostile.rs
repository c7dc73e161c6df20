//! Bounded work on hostile input (issue 7): a schedule of 1,000, 10,000 and 100,000 bands
//! prices and reverse-solves in time linear in its size (up to the sort of its band edges),
//! and the reverse solve with absurd targets (1e20, 1e-20, the 96-bit limit) returns at once.
//!
//! Run: `cargo bench -p remitcost-benches --bench hostile`. The medians of the three sizes
//! should grow about tenfold per step; a quadratic step would be a hundredfold.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use remitcost::{CostOptions, Decimal, Offer};
use std::hint::black_box;
use std::time::Duration;

/// GBP → INR with `bands` consecutive 10-GBP bands, each a fixed fee and a percentage that
/// grow with the band, a minimum and maximum fee (so bands split at cap kinks) and the fee
/// deducted from the amount sent (the reverse solve's piecewise path).
fn many_bands(bands: u32) -> Offer {
    let parts: Vec<serde_json::Value> = (0..bands)
        .map(|i| {
            serde_json::json!({
                "from": (i * 10).to_string(),
                "to": ((i + 1) * 10).to_string(),
                "fixed": Decimal::new(i64::from(i % 500) + 100, 2).to_string(),
                "pct": Decimal::new(i64::from(i % 7) + 1, 1).to_string(),
            })
        })
        .collect();
    serde_json::from_value(serde_json::json!({
        "send_currency": "GBP", "receive_currency": "INR",
        "schedule": {"parts": parts, "min_fee": "1.50", "max_fee": "900", "charging": "deducted"},
        "offered_rate": {"base": "GBP", "quote": "INR", "value": "102.90"},
        "mid_rate": {"base": "GBP", "quote": "INR", "value": "105.00"},
    }))
    .expect("valid offer")
}

fn bands(c: &mut Criterion) {
    let options = CostOptions::default();
    let mut group = c.benchmark_group("hostile_bands");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    for n in [1_000u32, 10_000, 100_000] {
        let offer = many_bands(n);
        // An amount in the last band: pricing it looks at every band, and the reverse solve
        // for what it delivers walks every piece before it.
        let amount = Decimal::from(n * 10 - 5);
        let target = offer.cost(amount, &options).expect("prices").recipient_gets;
        let solved = offer.send_for(target, &options).expect("solves");
        assert!(solved.send_amount <= amount);
        group.bench_with_input(BenchmarkId::new("cost", n), &n, |b, _| {
            b.iter(|| offer.cost(black_box(amount), &options))
        });
        group.bench_with_input(BenchmarkId::new("send_for", n), &n, |b, _| {
            b.iter(|| offer.send_for(black_box(target), &options))
        });
    }
    group.finish();
}

fn absurd_targets(c: &mut Criterion) {
    let options = CostOptions::default();
    let offer = many_bands(3);
    let mut group = c.benchmark_group("hostile_targets");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(2));
    let targets = [
        (
            "1e20",
            Decimal::from_i128_with_scale(100_000_000_000_000_000_000, 0),
        ),
        ("1e-20", Decimal::new(1, 20)),
        ("decimal_max", Decimal::MAX),
        ("decimal_max_over_1000", Decimal::MAX / Decimal::from(1000)),
    ];
    for (name, target) in targets {
        group.bench_function(name, |b| {
            b.iter(|| offer.send_for(black_box(target), &options))
        });
    }
    group.finish();
}

criterion_group!(benches, bands, absurd_targets);
criterion_main!(benches);
