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
