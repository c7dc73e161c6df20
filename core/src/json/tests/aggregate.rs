//! The aggregation inputs' readers (json/aggregate.rs) against serde_json + core, as the
//! pricing inputs' are checked in the parent module: the same value, or the same error code,
//! on random shapes (fields left out, unknown, repeated, of the wrong kind; serde's sequence
//! form of a struct) and on their text edited at random.

use super::{
    boolean, decimal, junk, list, name, opt_decimal, or_junk, raw, reads_as_serde, same_reading,
    same_reading_edited, shape, text, J,
};
use crate::{AggregateOptions, CorridorStat, Dimension, Eligibility, Observation, Price};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn period() -> BoxedStrategy<J> {
    or_junk(raw(&[
        "\"2025_1Q\"",
        "\"2016Q2\"",
        "\"Q2 2016\"",
        "\"2016Q2 [YR2016Q2]\"",
        "\"2016_5Q\"",
        "\"\"",
        "2016",
    ]))
}

fn count() -> BoxedStrategy<J> {
    or_junk(raw(&[
        "0",
        "-0",
        "3",
        "-5",
        "4294967296",
        "18446744073709551615",
        "18446744073709551616",
        "1.0",
        "1e3",
        "\"5\"",
        "null",
    ]))
}

fn code() -> BoxedStrategy<J> {
    or_junk(raw(&[
        "\"FRA\"",
        "\"SEN\"",
        "\"\"",
        "\"\\u0046RA\"",
        "null",
    ]))
}

fn currency_or_null() -> BoxedStrategy<J> {
    or_junk(raw(&["\"EUR\"", "\"XOF\"", "\"ZZZ\"", "null"]))
}

fn price() -> BoxedStrategy<J> {
    shape(vec![
        ("amount", decimal()),
        ("denomination_amount", opt_decimal()),
        ("currency", currency_or_null()),
        ("fee", decimal()),
        ("fx_rate", opt_decimal()),
        ("fx_margin_pct", decimal()),
        ("total_cost_pct", decimal()),
    ])
}

fn opt_price() -> BoxedStrategy<J> {
    prop_oneof![4 => price(), 1 => Just(J::Raw("null"))].boxed()
}

/// A string-keyed map of `value`s (keys repeated now and then), or junk.
fn map(value: BoxedStrategy<J>) -> BoxedStrategy<J> {
    let keys = proptest::sample::select(vec!["Standard Note", "note1", "", "note1 "]);
    or_junk(
        proptest::collection::vec((keys, value), 0..3)
            .prop_map(J::Obj)
            .boxed(),
    )
}

fn observation() -> BoxedStrategy<J> {
    shape(vec![
        ("row", count()),
        ("id", text()),
        ("period", period()),
        ("source_code", code()),
        ("source_name", text()),
        ("source_region", text()),
        ("destination_code", code()),
        ("destination_name", text()),
        ("destination_region", text()),
        ("firm", text()),
        ("firm_type", text()),
        ("instrument", text()),
        ("product", text()),
        ("access_point", text()),
        ("coverage", text()),
        ("pickup_method", text()),
        ("speed", text()),
        ("transparent", boolean()),
        ("cc1", opt_price()),
        ("cc2", opt_price()),
        ("interbank_fx", opt_decimal()),
        ("extra", map(text())),
    ])
}

/// An observation with every field given and well formed (the shapes above rarely are whole).
fn whole_observation() -> BoxedStrategy<J> {
    let s = |t: &'static str| J::Raw(t);
    (
        proptest::sample::select(vec!["\"2025_1Q\"", "\"2016Q2\""]),
        proptest::sample::select(vec!["\"4.5\"", "\"-1\"", "\"0\""]),
        any::<bool>(),
    )
        .prop_map(move |(period, cost, transparent)| {
            let price = J::Obj(vec![
                ("amount", s("\"200\"")),
                ("denomination_amount", s("null")),
                ("currency", s("\"EUR\"")),
                ("fee", s("\"5\"")),
                ("fx_rate", s("null")),
                ("fx_margin_pct", s("\"1\"")),
                ("total_cost_pct", J::Raw(cost)),
            ]);
            J::Obj(vec![
                ("row", s("2")),
                ("id", s("null")),
                ("period", J::Raw(period)),
                ("source_code", s("\"FRA\"")),
                ("source_name", s("\"France\"")),
                ("source_region", s("\"\"")),
                ("destination_code", s("\"SEN\"")),
                ("destination_name", s("\"Senegal\"")),
                ("destination_region", s("\"\"")),
                ("firm", s("\"A\"")),
                ("firm_type", s("\"Bank\"")),
                ("instrument", s("\"Cash\"")),
                ("access_point", s("\"Agent\"")),
                ("speed", s("\"Same day\"")),
                ("transparent", s(if transparent { "true" } else { "false" })),
                ("cc1", price),
                ("cc2", s("null")),
                ("interbank_fx", s("\"655.957\"")),
                ("extra", J::Obj(vec![("Standard Note", s("\"x\""))])),
            ])
        })
        .boxed()
}

fn corridor_stat() -> BoxedStrategy<J> {
    shape(vec![
        ("period", period()),
        ("source_code", code()),
        ("source_name", text()),
        ("source_region", text()),
        ("destination_code", code()),
        ("destination_name", text()),
        ("destination_region", text()),
        ("services", count()),
        ("eligible", count()),
        ("average_pct", decimal()),
        ("smart_pct", opt_decimal()),
        ("smart_firms", list(text())),
    ])
}

fn eligibility() -> BoxedStrategy<J> {
    shape(vec![
        ("transparent", boolean()),
        (
            "max_speed",
            name(&[
                "\"next_day\"",
                "\"two_to_five_days\"",
                "\"Next day\"",
                "null",
            ]),
        ),
        ("inaccessible", map(list(text()))),
    ])
}

fn aggregate_options() -> BoxedStrategy<J> {
    shape(vec![
        ("amount", name(&["\"usd200\"", "\"usd500\"", "\"USD500\""])),
        ("include_non_transparent", boolean()),
        ("eligibility", or_junk(eligibility())),
        ("smart_min_services", count()),
        (
            "comparison",
            name(&["\"greater_than\"", "\"at_least\"", "\"AtLeast\""]),
        ),
        ("rounding", name(&["\"half_even\"", "\"up\"", "\"Up\""])),
    ])
}

fn dimension() -> BoxedStrategy<J> {
    or_junk(raw(&[
        "\"period\"",
        "\"receiving_region\"",
        "\"Payment Instrument\"",
        "\"Standard Note\"",
        "\"\"",
    ]))
}

/// `[source, destination, weight]` triples, sometimes one too short or too long.
fn weights() -> BoxedStrategy<J> {
    list(or_junk(
        proptest::collection::vec(text(), 2..5)
            .prop_map(J::Arr)
            .boxed(),
    ))
}

type Weights = Vec<(String, String, String)>;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn observation_reads_as_serde(j in observation(), edits in proptest::collection::vec(super::arb_edit(), 1..3)) {
        same_reading::<Observation>(&j.text())?;
        same_reading_edited::<Observation>(&j.text(), &edits)?;
    }

    #[test]
    fn whole_observations_read_as_serde(
        j in proptest::collection::vec(whole_observation(), 0..3),
        edits in proptest::collection::vec(super::arb_edit(), 1..3),
    ) {
        let text = J::Arr(j).text();
        same_reading::<Vec<Observation>>(&text)?;
        same_reading_edited::<Vec<Observation>>(&text, &edits)?;
    }

    #[test]
    fn corridor_stats_read_as_serde(
        one in corridor_stat(),
        many in proptest::collection::vec(corridor_stat(), 0..3),
        edits in proptest::collection::vec(super::arb_edit(), 1..3),
    ) {
        same_reading::<CorridorStat>(&one.text())?;
        same_reading::<Vec<CorridorStat>>(&J::Arr(many).text())?;
        same_reading_edited::<CorridorStat>(&one.text(), &edits)?;
    }

    #[test]
    fn aggregation_options_read_as_serde(
        options in aggregate_options(),
        rule in eligibility(),
        price in price(),
        dims in list(dimension()),
        weights in weights(),
        edits in proptest::collection::vec(super::arb_edit(), 1..3),
    ) {
        same_reading::<AggregateOptions>(&options.text())?;
        same_reading::<Eligibility>(&rule.text())?;
        same_reading::<Price>(&price.text())?;
        same_reading::<Vec<Dimension>>(&dims.text())?;
        same_reading::<Weights>(&weights.text())?;
        same_reading_edited::<AggregateOptions>(&options.text(), &edits)?;
        same_reading_edited::<Weights>(&weights.text(), &edits)?;
    }
}

#[test]
fn junk_is_refused_alike() {
    // The junk pool, as each input type (a count, a map, a tuple, a period).
    let texts = ["null", "-0", "1.5", "[]", "{}", "\"x\"", "\"\\ud800\""];
    for text in texts {
        same_reading::<usize>(text).unwrap();
        same_reading::<BTreeMap<String, String>>(text).unwrap();
        same_reading::<(String, String, String)>(text).unwrap();
        same_reading::<crate::Period>(text).unwrap();
    }
    let _ = junk();
}

#[test]
fn counts_are_unsigned_integers() {
    reads_as_serde::<AggregateOptions>(r#"{"smart_min_services":0}"#, None);
    reads_as_serde::<AggregateOptions>(r#"{"smart_min_services":-0}"#, Some("invalid_json"));
    reads_as_serde::<AggregateOptions>(r#"{"smart_min_services":-1}"#, Some("invalid_json"));
    reads_as_serde::<AggregateOptions>(r#"{"smart_min_services":3.0}"#, Some("invalid_json"));
}

#[test]
fn periods_keep_their_code() {
    reads_as_serde::<CorridorStat>(
        r#"{"period":"2016_5Q","source_code":"USA","destination_code":"MEX","average_pct":"5"}"#,
        Some("invalid_period"),
    );
    reads_as_serde::<CorridorStat>(
        r#"{"period":"2016Q2","source_code":"USA","destination_code":"MEX","average_pct":"5%"}"#,
        Some("invalid_decimal"),
    );
}

#[test]
fn tuples_are_three_values() {
    reads_as_serde::<Weights>(r#"[["FRA","SEN","1"]]"#, None);
    reads_as_serde::<Weights>(r#"[["FRA","SEN"]]"#, Some("invalid_json"));
    reads_as_serde::<Weights>(r#"[["FRA","SEN","1","2"]]"#, Some("invalid_json"));
    reads_as_serde::<Weights>(r#"[{"a":"FRA"}]"#, Some("invalid_json"));
}

#[test]
fn maps_keep_the_last_of_a_repeated_key() {
    reads_as_serde::<BTreeMap<String, String>>(r#"{"a":"1","a":"2"}"#, None);
    reads_as_serde::<BTreeMap<String, String>>(r#"{"\ud800":"1"}"#, Some("invalid_json"));
}
