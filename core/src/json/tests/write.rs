//! The writers (json/write.rs) against serde_json: `to_json` is the text
//! `serde_json::to_string` writes, for core's outputs made from random inputs (offers from the
//! parent module's shapes, corridor statistics with any text in their names).

use super::{arb_string, offer, J};
use crate::{
    corridor_indicators, group, group_corridors, rank_offers_with, AggregateOptions, CorridorStat,
    CorridorWeights, CostOptions, Decimal, Dimension, Money, Offer, Period, RankOptions, Target,
    ToJson,
};
use proptest::prelude::*;
use serde::Serialize;

fn same_text<T: ToJson + Serialize + ?Sized>(value: &T) -> std::result::Result<(), TestCaseError> {
    let theirs = serde_json::to_string(value).unwrap();
    prop_assert_eq!(value.to_json(), theirs);
    // Appended inside a larger text, the same.
    let mut out = String::from("[1,");
    value.write_json(&mut out);
    prop_assert_eq!(out, format!("[1,{}", serde_json::to_string(value).unwrap()));
    Ok(())
}

fn arb_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (any::<i64>(), 0..8u32).prop_map(|(m, s)| Decimal::new(m, s)),
        (-1000..1000i64, 0..3u32).prop_map(|(m, s)| Decimal::new(m, s)),
        Just(Decimal::new(-0, 2)),
    ]
}

fn arb_stat() -> impl Strategy<Value = CorridorStat> {
    (
        (2015..2018u16, 1..=4u8),
        proptest::sample::select(vec!["FRA", "USA", "F\"R"]),
        proptest::sample::select(vec!["SEN", "MEX"]),
        arb_string(),
        proptest::option::of(arb_string()),
        proptest::option::of(0..5usize),
        -500..3000i64,
        proptest::option::of(0..3000i64),
        proptest::collection::vec(arb_string(), 0..2),
    )
        .prop_map(
            |((year, quarter), src, dst, name, region, services, avg, smart, firms)| CorridorStat {
                period: Period { year, quarter },
                source_code: src.to_string(),
                source_name: name.clone(),
                source_region: region.clone(),
                destination_code: dst.to_string(),
                destination_name: name,
                destination_region: region,
                services,
                eligible: services,
                average_pct: Decimal::new(avg, 2),
                smart_pct: smart.map(|s| Decimal::new(s, 2)),
                smart_firms: firms,
            },
        )
}

fn arb_dimension() -> impl Strategy<Value = Dimension> {
    prop_oneof![
        Just(Dimension::Period),
        Just(Dimension::Corridor),
        Just(Dimension::SourceCountry),
        Just(Dimension::DestinationRegion),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn aggregates_write_as_serde(
        stats in proptest::collection::vec(arb_stat(), 0..6),
        dims in proptest::collection::vec(arb_dimension(), 0..3),
        weight in proptest::option::of(0..100i64),
    ) {
        let options = AggregateOptions::default();
        if let Ok(g) = group_corridors(&stats, &dims, &options) {
            same_text(&g)?;
        }
        let weights: Option<CorridorWeights> = weight.map(|w| {
            stats
                .iter()
                .map(|s| ((s.source_code.clone(), s.destination_code.clone()), Decimal::from(w)))
                .collect()
        });
        if let Ok(i) = corridor_indicators(&stats, &options, weights.as_ref()) {
            same_text(&i)?;
        }
    }

    #[test]
    fn texts_and_decimals_write_as_serde(text in arb_string(), d in arb_decimal(), column in arb_string()) {
        same_text(text.as_str())?;
        same_text(&text)?;
        same_text(&d)?;
        same_text(&Some(d))?;
        same_text(&None::<Decimal>)?;
        // A column's free-text name, grouped by over no rows.
        let g = group(&[], &[Dimension::Column(column)], &AggregateOptions::default()).unwrap();
        same_text(&g)?;
    }

    #[test]
    fn prices_write_as_serde(
        offers in proptest::collection::vec(offer(), 1..4),
        amount in arb_decimal(),
        name in arb_string(),
    ) {
        let mut read: Vec<Offer> = offers
            .iter()
            .filter_map(|j: &J| serde_json::from_str(&j.text()).ok())
            .collect();
        if let Some(first) = read.first_mut() {
            first.provider = Some(name);
        }
        let options = CostOptions::default();
        for offer in &read {
            if let Ok(cost) = offer.cost(amount.abs(), &options) {
                same_text(&cost)?;
            }
            if let Ok(rates) = offer.rates() {
                same_text(&rates.offered)?;
            }
            if let Ok(charges) = offer.schedule.fee(amount.abs(), None) {
                same_text(&charges.transfer_fee)?;
            }
            same_text(&Money::new(amount, offer.send_currency))?;
        }
        for target in [Target::Send(amount.abs()), Target::Receive(amount.abs())] {
            same_text(&rank_offers_with(&read, target, &options, &RankOptions::default()))?;
        }
    }
}
