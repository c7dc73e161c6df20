//! Partial aggregation is exact: rows split into any partitions (random split points, rows in
//! random order), each partition aggregated on its own, the states sent as JSON and merged in
//! any order and any tree give exactly the one-pass `group` and `indicators` (compared as
//! serialized JSON, every digit).

use proptest::prelude::*;
use remitcost::{
    group, indicators, AggregateOptions, CorridorWeights, Decimal, Dimension, Observation, Partial,
    Period, Price, RpwAmount,
};

const CORRIDORS: [(&str, &str); 3] = [("FRA", "SEN"), ("GBR", "IND"), ("USA", "MEX")];
const FIRMS: [&str; 4] = ["A", "B", "C", "D"];
const TYPES: [&str; 2] = ["Bank", "Money Transfer Operator"];
const SPEEDS: [&str; 3] = ["Same day", "2-5 days", "More than 5 days"];

/// Costs with many ties (a few values, the same value at several scales: `1.5`, `1.50`),
/// negative ones, and some spread.
fn cost() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (-3i64..12).prop_map(Decimal::from),
        (0u32..4).prop_map(|scale| Decimal::new(15 * 10i64.pow(scale), scale + 1)),
        (-200_000i64..400_000).prop_map(|m| Decimal::new(m, 4)),
    ]
}

fn price(total: Decimal) -> Price {
    serde_json::from_value(
        serde_json::json!({"amount": "200", "denomination_amount": null,
        "currency": null, "fee": "0", "fx_rate": null, "fx_margin_pct": "0",
        "total_cost_pct": total}),
    )
    .unwrap()
}

type Spec = (
    usize,
    usize,
    usize,
    usize,
    u8,
    bool,
    Decimal,
    Option<Decimal>,
);

fn row(index: usize, spec: &Spec) -> Observation {
    let (corridor, firm, kind, speed, quarter, transparent, cc1, cc2) = *spec;
    let (src, dst) = CORRIDORS[corridor];
    let mut obs: Observation = serde_json::from_value(serde_json::json!({
        "row": index + 2, "id": null, "period": Period::new(2024, quarter).unwrap(),
        "source_code": src, "source_name": format!("{src} name"), "source_region": "R1",
        "destination_code": dst, "destination_name": format!("{dst} name"),
        "destination_region": if corridor == 2 { "Americas" } else { "Elsewhere" },
        "firm": FIRMS[firm], "firm_type": TYPES[kind], "instrument": "Cash",
        "access_point": "Agent", "speed": SPEEDS[speed], "transparent": transparent,
        "cc1": null, "cc2": null, "interbank_fx": null, "extra": {}
    }))
    .unwrap();
    obs.cc1 = Some(price(cc1));
    obs.cc2 = cc2.map(price);
    obs
}

/// Rows in file order, the same rows shuffled and cut at random points into partitions, and
/// an order in which to merge those partitions.
fn split() -> impl Strategy<Value = (Vec<Observation>, Vec<Vec<Observation>>, Vec<usize>)> {
    prop::collection::vec(
        (
            0..3usize,
            0..4usize,
            0..2usize,
            0..3usize,
            1..=4u8,
            prop::bool::weighted(0.85),
            cost(),
            prop::option::of(cost()),
        ),
        0..60,
    )
    .prop_flat_map(|specs| {
        let rows: Vec<Observation> = specs.iter().enumerate().map(|(i, s)| row(i, s)).collect();
        let n = rows.len();
        (
            Just(rows),
            Just((0..n).collect::<Vec<_>>()).prop_shuffle(),
            prop::collection::vec(0..=n, 0..6),
        )
    })
    .prop_flat_map(|(rows, order, mut cuts)| {
        cuts.sort_unstable();
        let shuffled: Vec<Observation> = order.iter().map(|i| rows[*i].clone()).collect();
        let mut parts = Vec::new();
        let mut at = 0;
        for cut in cuts.into_iter().chain([shuffled.len()]) {
            parts.push(shuffled[at..cut].to_vec());
            at = cut;
        }
        let k = parts.len();
        (
            Just(rows),
            Just(parts),
            Just((0..k).collect::<Vec<_>>()).prop_shuffle(),
        )
    })
}

fn options() -> Vec<AggregateOptions> {
    let mut all = vec![AggregateOptions::default()];
    let mut o = AggregateOptions::default();
    o.include_non_transparent = true;
    o.smart_min_services = 1;
    all.push(o);
    let mut o = AggregateOptions::default();
    o.amount = RpwAmount::Usd500;
    o.smart_min_services = 2;
    all.push(o);
    all
}

const DIMS: [&[Dimension]; 6] = [
    &[Dimension::Period, Dimension::Corridor],
    &[Dimension::Period, Dimension::Corridor, Dimension::FirmType],
    &[Dimension::Period],
    &[Dimension::DestinationRegion, Dimension::Period],
    &[Dimension::FirmType, Dimension::Speed],
    &[],
];

/// Each partition aggregated alone, sent as JSON.
fn partials(parts: &[Vec<Observation>], dims: &[Dimension], o: &AggregateOptions) -> Vec<Partial> {
    parts
        .iter()
        .map(|rows| {
            let mut p = Partial::new(dims, o);
            p.add(rows).unwrap();
            serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap()
        })
        .collect()
}

/// Merged one after the other, in `order`.
fn fold(mut parts: Vec<Partial>, order: &[usize]) -> Partial {
    let mut acc = parts[order[0]].clone();
    for i in &order[1..] {
        acc.merge(std::mem::replace(
            &mut parts[*i],
            Partial::new(&[], &Default::default()),
        ))
        .unwrap();
    }
    acc
}

/// Merged pairwise, as a tree (Spark's treeReduce), in `order`.
fn tree(parts: Vec<Partial>, order: &[usize]) -> Partial {
    let mut level: Vec<Partial> = order.iter().map(|i| parts[*i].clone()).collect();
    while level.len() > 1 {
        let mut next = Vec::new();
        let mut it = level.into_iter();
        while let Some(mut a) = it.next() {
            if let Some(b) = it.next() {
                // The right-hand side merges into the left: both directions are exercised.
                let mut b = b;
                if next.len() % 2 == 0 {
                    a.merge(b).unwrap();
                    next.push(a);
                } else {
                    b.merge(a).unwrap();
                    next.push(b);
                }
            } else {
                next.push(a);
            }
        }
        level = next;
    }
    level.pop().unwrap()
}

fn weights() -> CorridorWeights {
    CORRIDORS
        .iter()
        .enumerate()
        .map(|(i, (a, b))| ((a.to_string(), b.to_string()), Decimal::from(i + 1)))
        .collect()
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_split_merged_in_any_order_is_the_one_pass_grouping((rows, parts, order) in split()) {
        for o in options() {
            for dims in DIMS {
                let one_pass = json(&group(&rows, dims, &o).unwrap());
                let states = partials(&parts, dims, &o);
                let folded = fold(states.clone(), &order);
                prop_assert_eq!(&json(&folded.grouping().unwrap()), &one_pass);
                let treed = tree(states, &order);
                prop_assert_eq!(&json(&treed.grouping().unwrap()), &one_pass);
                // The merged states themselves are identical, whatever the merge order.
                prop_assert_eq!(json(&folded), json(&treed));
            }
        }
    }

    #[test]
    fn any_split_merged_in_any_order_gives_the_one_pass_indicators((rows, parts, order) in split()) {
        let w = weights();
        for o in options() {
            let states = partials(&parts, &[Dimension::Period, Dimension::Corridor], &o);
            let merged = fold(states.clone(), &order);
            prop_assert_eq!(
                json(&merged.indicators(Some(&w)).unwrap()),
                json(&indicators(&rows, &o, Some(&w)).unwrap())
            );
            prop_assert_eq!(
                json(&tree(states, &order).indicators(None).unwrap()),
                json(&indicators(&rows, &o, None).unwrap())
            );
        }
    }

    #[test]
    fn a_state_read_back_is_the_state_written((rows, _parts, _order) in split()) {
        let mut p = Partial::for_indicators(&AggregateOptions::default());
        p.add(&rows).unwrap();
        let back: Partial = serde_json::from_str(&json(&p)).unwrap();
        prop_assert_eq!(back, p);
    }
}

#[test]
fn states_of_different_groupings_or_options_do_not_merge() {
    let o = AggregateOptions::default();
    let mut a = Partial::new(&[Dimension::Period], &o);
    let err = a
        .merge(Partial::new(&[Dimension::Corridor], &o))
        .unwrap_err();
    assert_eq!(err.code(), "incompatible");
    let mut usd500 = AggregateOptions::default();
    usd500.amount = RpwAmount::Usd500;
    let err = a
        .merge(Partial::new(&[Dimension::Period], &usd500))
        .unwrap_err();
    assert_eq!(err.code(), "incompatible");
    let err = a.indicators(None).unwrap_err();
    assert_eq!(err.code(), "incompatible");
}

#[test]
fn a_tampered_state_is_refused() {
    let rows: Vec<Observation> = (0..4)
        .map(|i| row(i, &(0, i, 0, 0, 1, true, Decimal::from(i), None)))
        .collect();
    let mut p = Partial::for_indicators(&AggregateOptions::default());
    p.add(&rows).unwrap();
    let good = serde_json::to_value(&p).unwrap();
    // A count that does not match the costs kept.
    let mut bad = good.clone();
    bad["groups"][0]["state"]["count"] = serde_json::json!(5);
    let err = serde_json::from_value::<Partial>(bad).unwrap_err();
    assert!(err.to_string().contains("do not add up"), "{err}");
    // A key that is not a (period, corridor) pair.
    let mut bad = good.clone();
    bad["groups"][0]["key"] = serde_json::json!([{"text": "FRA"}, {"text": "SEN"}]);
    let err = serde_json::from_value::<Partial>(bad).unwrap_err();
    assert!(err.to_string().contains("does not fit"), "{err}");
    // SmaRT candidates out of order.
    let mut bad = good;
    bad["groups"][0]["state"]["smart"]
        .as_array_mut()
        .unwrap()
        .reverse();
    let err = serde_json::from_value::<Partial>(bad).unwrap_err();
    assert!(err.to_string().contains("three least"), "{err}");
}

#[test]
fn the_sample_split_four_ways_gives_the_one_pass_indicators() {
    // The bundled sample, as the Spark test splits it (repartition(4)): round-robin.
    let file = std::fs::File::open(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../testdata/rpw/sample.csv"
    ))
    .unwrap();
    let data = remitcost::read_rpw_csv(file).unwrap();
    let o = AggregateOptions::default();
    let mut merged = Partial::for_indicators(&o);
    for k in 0..4 {
        let part: Vec<Observation> = data
            .observations
            .iter()
            .skip(k)
            .step_by(4)
            .cloned()
            .collect();
        let mut p = Partial::for_indicators(&o);
        p.add(&part).unwrap();
        merged.merge(p).unwrap();
    }
    let one = indicators(&data.observations, &o, None).unwrap();
    assert!(!one.periods.is_empty());
    assert_eq!(merged.indicators(None).unwrap(), one);
}
