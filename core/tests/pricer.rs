//! A `Pricer` (and `Offer::cost_many`) reused across many amounts gives, for every offer in
//! testdata/vectors/cost.json, exactly what `Offer::cost` gives amount by amount: the same
//! figures to the last digit and the same error codes, whatever was priced before.

use remitcost::{parse_decimal, CostOptions, Decimal, Offer, Pricer};
use serde_json::Value;

#[test]
fn pricer_matches_one_off_pricing_on_every_cost_vector() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/vectors/cost.json");
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut compared = 0;
    for case in file["cases"].as_array().unwrap() {
        let input = &case["input"];
        let Ok(offer) = serde_json::from_value::<Offer>(input["offer"].clone()) else {
            continue;
        };
        let options: CostOptions = input.get("options").map_or_else(CostOptions::default, |o| {
            serde_json::from_value(o.clone()).unwrap()
        });
        let Ok(amount) = parse_decimal(input["send_amount"].as_str().unwrap()) else {
            continue;
        };
        // The vector's amount, amounts around band edges and out of range, and again.
        let mut amounts = vec![amount, Decimal::ZERO, Decimal::new(-5, 0)];
        amounts.extend([1, 99, 100, 101, 499, 500, 501, 10_000, 1_000_000].map(Decimal::from));
        amounts.extend([Decimal::new(1999, 2), Decimal::new(1, 2), amount]);
        let pricer = Pricer::new(&offer, &options);
        let many = offer.cost_many(&amounts, &options);
        assert_eq!(many.len(), amounts.len());
        for (a, from_many) in amounts.iter().zip(&many) {
            let one = offer.cost(*a, &options);
            let name = case["name"].as_str().unwrap();
            assert_eq!(&one, from_many, "{name}: cost_many at {a}");
            assert_eq!(one, pricer.cost(*a), "{name}: pricer at {a}");
            compared += 1;
        }
    }
    assert!(
        compared > 100,
        "only {compared} comparisons: vectors not found?"
    );
}

/// The columnar entry (`Pricer::price_column`, amounts in minor units) and `figures_minor`
/// give, row by row, what `Pricer::figures` gives the same amount as a decimal: the same
/// figures and the same error codes, for every offer of the cost vectors, at amounts around
/// band edges, out of range, not positive and huge (beyond any fast-path bound: the wide path).
/// The columns are reused from offer to offer, and run from 16 to 160 rows (rows are priced
/// in blocks of 64: errors fall on both sides of the blocks' edges).
#[test]
fn price_column_matches_figures_on_every_cost_vector() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/vectors/cost.json");
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut rows = 0;
    let mut out = remitcost::CostColumns::default();
    for (n, case) in file["cases"].as_array().unwrap().iter().enumerate() {
        let input = &case["input"];
        let Ok(offer) = serde_json::from_value::<Offer>(input["offer"].clone()) else {
            continue;
        };
        let options: CostOptions = input.get("options").map_or_else(CostOptions::default, |o| {
            serde_json::from_value(o.clone()).unwrap()
        });
        let pricer = Pricer::new(&offer, &options);
        let mut base: Vec<i64> = vec![0, -5, 1, 99, 100, 101, 9_999, 10_000, 10_001];
        base.extend([
            49_999,
            50_000,
            50_001,
            123_456_789,
            1 << 40,
            1 << 62,
            i64::MAX,
        ]);
        let amounts: Vec<i64> = base
            .iter()
            .cycle()
            .take(base.len() * (1 + n % 10))
            .copied()
            .collect();
        pricer.price_column(&amounts, &mut out);
        assert_eq!(out.len(), amounts.len());
        assert_eq!(out.scales, pricer.scales());
        let name = case["name"].as_str().unwrap();
        for (row, &a) in amounts.iter().enumerate() {
            let decimal = Decimal::new(a, pricer.minor_units());
            let want = pricer.figures(decimal);
            let got = match &out.errors[row] {
                Some(e) => Err(e.clone()),
                None => Ok(std::array::from_fn(|f| out.figures[f][row])),
            };
            assert_eq!(got, want, "{name}: price_column at {decimal}");
            assert_eq!(
                pricer.figures_minor(a),
                want,
                "{name}: figures_minor at {decimal}"
            );
            rows += 1;
        }
    }
    assert!(rows > 100, "only {rows} rows: vectors not found?");
}
