//! Properties of the aggregates that must hold for every input (proptest): invariance under
//! permutation of rows, min <= mean, median <= max, and no panic on any decimal.

use proptest::prelude::*;
use remitcost::{
    corridor_indicators, group, indicators, AggregateOptions, CorridorStat, CorridorWeights,
    Decimal, Dimension, Observation, Period, Price,
};

const CORRIDORS: [(&str, &str); 3] = [("FRA", "SEN"), ("GBR", "IND"), ("USA", "MEX")];
const FIRMS: [&str; 4] = ["A", "B", "C", "D"];
const TYPES: [&str; 2] = ["Bank", "Money Transfer Operator"];
const SPEEDS: [&str; 3] = ["Same day", "2-5 days", "More than 5 days"];

/// Any decimal at all, including huge, tiny, zero and negative ones.
fn any_decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..=28, any::<bool>()).prop_map(|(m, scale, big)| {
        let d = Decimal::new(m, scale);
        if big {
            d.checked_mul(Decimal::from(u64::MAX))
                .unwrap_or(Decimal::MAX)
        } else {
            d
        }
    })
}

/// A realistic total cost: -20.0000 to 40.0000 percent.
fn cost() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (-200_000i64..400_000).prop_map(|m| Decimal::new(m, 4)),
        (0i64..4).prop_map(Decimal::from)
    ]
}

fn price(total: Decimal) -> Price {
    Price {
        amount: Decimal::from(200),
        denomination_amount: None,
        currency: None,
        fee: Decimal::ZERO,
        fx_rate: None,
        fx_margin_pct: Decimal::ZERO,
        total_cost_pct: total,
    }
}

fn row(
    (corridor, firm, kind, speed, quarter, transparent, total): (
        usize,
        usize,
        usize,
        usize,
        u8,
        bool,
        Decimal,
    ),
) -> Observation {
    let (src, dst) = CORRIDORS[corridor];
    serde_json::from_value::<Observation>(serde_json::json!({
        "row": 2, "id": null, "period": Period::new(2024, quarter).unwrap(),
        "source_code": src, "source_name": "", "source_region": "R1",
        "destination_code": dst, "destination_name": "", "destination_region": dst,
        "firm": FIRMS[firm], "firm_type": TYPES[kind], "instrument": "Cash",
        "access_point": "Agent", "speed": SPEEDS[speed], "transparent": transparent,
        "cc1": null, "cc2": null, "interbank_fx": null, "extra": {}
    }))
    .map(|mut o| {
        o.cc1 = Some(price(total));
        o
    })
    .unwrap()
}

fn rows_with(values: impl Strategy<Value = Decimal>) -> impl Strategy<Value = Vec<Observation>> {
    prop::collection::vec(
        (
            0..3usize,
            0..4usize,
            0..2usize,
            0..3usize,
            1..=4u8,
            any::<bool>(),
            values,
        ),
        0..40,
    )
    .prop_map(|rows| rows.into_iter().map(row).collect())
}

/// Rows and a permutation of them.
fn rows_and_shuffle() -> impl Strategy<Value = (Vec<Observation>, Vec<Observation>)> {
    rows_with(cost())
        .prop_flat_map(|rows| {
            let n = rows.len();
            (Just(rows), Just((0..n).collect::<Vec<_>>()).prop_shuffle())
        })
        .prop_map(|(rows, order)| {
            let shuffled = order.iter().map(|i| rows[*i].clone()).collect();
            (rows, shuffled)
        })
}

fn weights() -> CorridorWeights {
    CORRIDORS
        .iter()
        .enumerate()
        .map(|(i, (a, b))| ((a.to_string(), b.to_string()), Decimal::from(i + 1)))
        .collect()
}

const DIMS: [Dimension; 3] = [Dimension::Period, Dimension::Corridor, Dimension::FirmType];

proptest! {
    #[test]
    fn aggregates_are_invariant_under_permutation((rows, shuffled) in rows_and_shuffle()) {
        let options = AggregateOptions::default();
        for dims in [&DIMS[..], &DIMS[..1], &[Dimension::DestinationRegion][..], &[][..]] {
            prop_assert_eq!(group(&rows, dims, &options).unwrap(), group(&shuffled, dims, &options).unwrap());
        }
        let w = weights();
        prop_assert_eq!(
            indicators(&rows, &options, Some(&w)).unwrap(),
            indicators(&shuffled, &options, Some(&w)).unwrap()
        );
    }

    #[test]
    fn min_is_at_most_mean_and_median_at_most_max(rows in rows_with(cost())) {
        let g = group(&rows, &DIMS, &AggregateOptions::default()).unwrap();
        for s in &g.groups {
            prop_assert!(s.min_pct <= s.mean_pct && s.mean_pct <= s.max_pct, "{:?}", s);
            prop_assert!(s.min_pct <= s.median_pct && s.median_pct <= s.max_pct, "{:?}", s);
            if let Some(smart) = s.smart_pct {
                prop_assert!(s.min_pct <= smart && smart <= s.max_pct, "{:?}", s);
            }
            prop_assert!(s.eligible <= s.count);
        }
        let total: usize = g.groups.iter().map(|s| s.count).sum();
        prop_assert_eq!(total + g.left_out.non_transparent + g.left_out.unpriced, rows.len());
    }

    #[test]
    fn headline_figures_lie_within_the_corridors(rows in rows_with(cost())) {
        let out = indicators(&rows, &AggregateOptions::default(), Some(&weights())).unwrap();
        for p in &out.periods {
            let avgs: Vec<Decimal> = out.corridors.iter().filter(|c| c.period == p.period).map(|c| c.average_pct).collect();
            let (lo, hi) = (avgs.iter().min().unwrap(), avgs.iter().max().unwrap());
            prop_assert!(*lo <= p.corridor_average_pct && p.corridor_average_pct <= *hi);
            let w = p.weighted_average_pct.unwrap();
            prop_assert!(*lo <= w && w <= *hi);
            prop_assert!(p.above_3.count >= p.above_5.count);
            prop_assert_eq!(p.corridors, avgs.len());
        }
    }

    #[test]
    fn no_panic_on_any_decimal(rows in rows_with(any_decimal())) {
        let options = AggregateOptions::default();
        let _ = group(&rows, &DIMS, &options);
        let _ = group(&rows, &[], &options);
        let _ = indicators(&rows, &options, Some(&weights()));
        let corridors: Vec<CorridorStat> = rows.iter().filter_map(|r| {
            serde_json::from_value(serde_json::json!({"period": r.period, "source_code": r.source_code,
                "destination_code": r.destination_code, "average_pct": r.cc1.as_ref()?.total_cost_pct,
                "smart_pct": r.cc1.as_ref()?.total_cost_pct})).ok()
        }).collect();
        let _ = corridor_indicators(&corridors, &options, Some(&weights()));
        let _ = remitcost::group_corridors(&corridors, &[Dimension::Period, Dimension::SourceCountry], &options);
    }
}

proptest! {
    /// SmaRT and the firms it names equal a naive reference: sort the eligible services
    /// (transparent, not "More than 5 days") by (cost, firm) and average the first three.
    #[test]
    fn smart_matches_a_sorting_reference(rows in rows_with(cost())) {
        let options = AggregateOptions::default();
        let out = indicators(&rows, &options, None).unwrap();
        for c in &out.corridors {
            let mut eligible: Vec<(Decimal, &str)> = rows
                .iter()
                .filter(|r| r.period == c.period && r.source_code == c.source_code
                    && r.destination_code == c.destination_code
                    && r.transparent && r.speed != "More than 5 days")
                .map(|r| (r.cc1.as_ref().unwrap().total_cost_pct, r.firm.as_str()))
                .collect();
            eligible.sort();
            if eligible.len() < 3 {
                prop_assert_eq!(c.smart_pct, None);
                continue;
            }
            let sum: Decimal = eligible[..3].iter().map(|e| e.0).sum();
            let want = options.rounding.round_pct(sum / Decimal::from(3));
            prop_assert_eq!(c.smart_pct, Some(want));
            let firms: Vec<&str> = eligible[..3].iter().map(|e| e.1).collect();
            prop_assert_eq!(&c.smart_firms, &firms);
        }
    }
}
