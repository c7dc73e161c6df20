//! Pricing benchmarks: one quote under a flat, a tiered-with-caps and a receiving-fee schedule;
//! the same through a prepared `Pricer` (the per-offer work done once); columns of 1,000
//! amounts (decimals, and minor units through the columnar entry); the reverse solve;
//! ranking 100 offers; the Arrow cost table of 100 offers x 1,000 amounts.

use criterion::{criterion_group, criterion_main, Criterion};
use remitcost::{rank_offers, CostColumns, CostOptions, Decimal, Offer, Pricer, Target};
use std::hint::black_box;

fn offer(schedule: serde_json::Value) -> Offer {
    serde_json::from_value(serde_json::json!({
        "send_currency": "GBP", "receive_currency": "INR", "schedule": schedule,
        "offered_rate": {"base": "GBP", "quote": "INR", "value": "102.90"},
        "mid_rate": {"base": "GBP", "quote": "INR", "value": "105.00"},
    }))
    .expect("valid offer")
}

fn tiered() -> Offer {
    offer(serde_json::json!({
        "parts": [{"to": "100", "fixed": "3.00"}, {"from": "100", "to": "500", "fixed": "5.00"}, {"from": "500", "pct": "1"}],
        "min_fee": "2", "max_fee": "25", "charging": "deducted"
    }))
}

fn pricing(c: &mut Criterion) {
    let options = CostOptions::default();
    let amount = Decimal::from(120);
    let flat = offer(serde_json::json!({"parts": [{"fixed": "4.99"}]}));
    let tiered = tiered();
    let receiving = offer(
        serde_json::json!({"parts": [{"fixed": "4.99"}], "receiving_fee": "100",
        "taxes": [{"name": "VAT", "pct": "5", "base": "fee"}]}),
    );
    let mut group = c.benchmark_group("cost");
    group.bench_function("flat", |b| {
        b.iter(|| flat.cost(black_box(amount), &options))
    });
    group.bench_function("tiered_3_bands_caps_deducted", |b| {
        b.iter(|| tiered.cost(black_box(amount), &options))
    });
    group.bench_function("receiving_fee_and_vat", |b| {
        b.iter(|| receiving.cost(black_box(amount), &options))
    });
    group.finish();
    // The same quotes through a `Pricer`: the per-offer work (checking the schedule, orienting
    // the rates, tax rates, margin, receiving fee) done once, as a batch of amounts does.
    let mut group = c.benchmark_group("cost_prepared");
    for (name, offer) in [
        ("flat", &flat),
        ("tiered_3_bands_caps_deducted", &tiered),
        ("receiving_fee_and_vat", &receiving),
    ] {
        let pricer = Pricer::new(offer, &options);
        group.bench_function(name, |b| b.iter(|| pricer.cost(black_box(amount))));
    }
    group.finish();
    // A column of 1,000 amounts (1.00 to 9,990.01) priced into columns of figures: the batch
    // path of the bindings (time per column; divide by 1,000 for a quote).
    let amounts: Vec<Decimal> = (0..1000i64)
        .map(|i| Decimal::new(100 + i * 999_901, 2))
        .collect();
    let mut group = c.benchmark_group("cost_columns_1000");
    for (name, offer) in [
        ("flat", &flat),
        ("tiered_3_bands_caps_deducted", &tiered),
        ("receiving_fee_and_vat", &receiving),
    ] {
        let pricer = Pricer::new(offer, &options);
        group.bench_function(name, |b| {
            b.iter(|| pricer.cost_columns(black_box(&amounts)))
        });
    }
    group.finish();
    // The columnar entry: the same 1,000 amounts in minor units (i64) priced into reused
    // columns of integers (`Pricer::price_column`): time per column, divide by 1,000.
    let minor: Vec<i64> = (0..1000i64).map(|i| 100 + i * 999_901).collect();
    let mut group = c.benchmark_group("price_column_1000");
    for (name, offer) in [
        ("flat", &flat),
        ("tiered_3_bands_caps_deducted", &tiered),
        ("receiving_fee_and_vat", &receiving),
    ] {
        let pricer = Pricer::new(offer, &options);
        let mut out = CostColumns::default();
        group.bench_function(name, |b| {
            b.iter(|| pricer.price_column(black_box(&minor), &mut out))
        });
    }
    group.finish();
    let target = Decimal::from(50_000);
    c.bench_function("send_for/tiered_3_bands_caps_deducted", |b| {
        b.iter(|| tiered.send_for(black_box(target), &options))
    });
    let offers: Vec<Offer> = (0..100)
        .map(|i| offer(serde_json::json!({"parts": [{"fixed": format!("{}.{:02}", i % 9, i)}, {"pct": "0.5"}]})))
        .collect();
    c.bench_function("rank/100_offers", |b| {
        b.iter(|| rank_offers(black_box(&offers), Target::Send(amount), &options))
    });
    // The batch call of the bindings: those 100 offers at the 1,000 amounts, 100,000 quotes
    // into an Arrow table (figures, offer index, amounts, dictionary-encoded texts), on all
    // cores: time per table, divide by 100,000 for a quote.
    let mut group = c.benchmark_group("cost_table");
    group.sample_size(20);
    group.bench_function("100_offers_x_1000_amounts", |b| {
        b.iter(|| remitcost::arrow::cost_table(black_box(&offers), &amounts, &options))
    });
    // The offers of benches/side_by_side.py (the first 100 of its 1,000: three corridors, a
    // percentage fee at 2 places from a band edge, a cap, offered rates at 4 places) at its
    // 1,000 amounts (10.00 to 2,999.99): the quotes the Python `cost_table` prices.
    let (offers, amounts) = side_by_side(100);
    group.bench_function("side_by_side_100_offers_x_1000_amounts", |b| {
        b.iter(|| remitcost::arrow::cost_table(black_box(&offers), &amounts, &options))
    });
    group.finish();
}

/// The first `n` offers of benches/side_by_side.py (`offer_terms`, `offer_json`) and its
/// 1,000 amounts (`amount_text`), the same arithmetic.
fn side_by_side(n: i64) -> (Vec<Offer>, Vec<Decimal>) {
    let corridors = [
        ("EUR", "XOF", "655.957"),
        ("GBP", "INR", "105.1234"),
        ("USD", "MXN", "17.2345"),
    ];
    let offers = (0..n)
        .map(|i| {
            let (send, recv, mid) = corridors[usize::try_from(i % 3).unwrap_or(0)];
            // mid x (1 - (20 + 37i mod 390) / 10^4) at 8 places, rounded half-even to 4.
            let mid_d: Decimal = mid.parse().expect("a decimal");
            let mid4 = (mid_d * Decimal::from(10_000)).mantissa()
                / 10i128.pow((mid_d * Decimal::from(10_000)).scale());
            let exact = mid4 * i128::from(10_000 - (20 + (i * 37) % 390));
            let (q, r) = (exact / 10_000, exact % 10_000);
            let q = if r > 5_000 || (r == 5_000 && q % 2 == 1) { q + 1 } else { q };
            let offered = Decimal::from_i128_with_scale(q, 4);
            let edge = (100 + 50 * (i % 5)).to_string();
            serde_json::from_value(serde_json::json!({
                "send_currency": send, "receive_currency": recv,
                "schedule": {
                    "parts": [{"to": edge, "fixed": format!("{}.{:02}", 1 + i % 4, (i * 7) % 100)},
                              {"from": edge, "fixed": format!("{}.{:02}", 2 + i % 6, (i * 13) % 100),
                               "pct": format!("0.{}{}", (i * 3) % 10, i % 10)}],
                    "max_fee": (15 + i % 20).to_string(),
                },
                "offered_rate": {"base": send, "quote": recv, "value": offered.to_string()},
                "mid_rate": {"base": send, "quote": recv, "value": mid},
            }))
            .expect("valid offer")
        })
        .collect();
    let amounts = (0..1000i64)
        .map(|j| Decimal::new(1000 + (j * 29_989) % 299_000, 2))
        .collect();
    (offers, amounts)
}

criterion_group!(benches, pricing);
criterion_main!(benches);
