//! `Rounding::round` (which rounds by one division of the mantissa) gives exactly what
//! rust_decimal's own `round_dp_with_strategy` + `rescale` give: same digits, same scale, same
//! sign, for every rule, over random mantissas (up to 96 bits), scales and places.

use proptest::prelude::*;
use remitcost::{Decimal, Rounding};
use rust_decimal::RoundingStrategy;

fn reference(rule: Rounding, value: Decimal, places: u32) -> Decimal {
    let strategy = match rule {
        Rounding::HalfEven => RoundingStrategy::MidpointNearestEven,
        Rounding::HalfAwayFromZero => RoundingStrategy::MidpointAwayFromZero,
        Rounding::Up => RoundingStrategy::AwayFromZero,
        Rounding::Down => RoundingStrategy::ToZero,
    };
    let mut rounded = if value.scale() <= places {
        value
    } else {
        value.round_dp_with_strategy(places, strategy)
    };
    rounded.rescale(places);
    rounded
}

const RULES: [Rounding; 4] = [
    Rounding::HalfEven,
    Rounding::HalfAwayFromZero,
    Rounding::Up,
    Rounding::Down,
];

fn check(value: Decimal, places: u32) {
    for rule in RULES {
        let (got, want) = (rule.round(value, places), reference(rule, value, places));
        assert_eq!(
            (got.to_string(), got.scale(), got.is_sign_negative()),
            (want.to_string(), want.scale(), want.is_sign_negative()),
            "{rule:?} {value} to {places} places"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]
    #[test]
    fn same_as_rust_decimal(lo in any::<u32>(), mid in any::<u32>(), hi in any::<u32>(),
                            negative in any::<bool>(), scale in 0u32..=28, places in 0u32..=10,
                            small in any::<bool>()) {
        // Small mantissas too, so that ties and values rounding to zero come up often.
        let (mid, hi) = if small { (0, 0) } else { (mid, hi) };
        check(Decimal::from_parts(lo, mid, hi, negative, scale), places);
    }
}

#[test]
fn ties_zero_and_extremes() {
    for text in [
        "0.005",
        "0.015",
        "0.025",
        "-0.005",
        "-0.015",
        "-0.0049",
        "0.0000000000000000000000000001",
        "-0.0000000000000000000000000001",
        "2.5",
        "-2.5",
        "79228162514264337593543950335",
        "-7922816251426433759354395033.5",
        "7.9228162514264337593543950335",
        "0.00",
        "-0.000",
        "1.23450000000000000000000000",
        "1.23449999999999999999999999",
    ] {
        let value: Decimal = text.parse().unwrap();
        for places in 0..=6 {
            check(value, places);
        }
    }
    // Negative zero (a sign flag on a zero mantissa), at scales below and above `places`.
    for scale in [0, 2, 5] {
        let mut zero = Decimal::new(0, scale);
        zero.set_sign_negative(true);
        for places in 0..=6 {
            check(zero, places);
        }
    }
}
