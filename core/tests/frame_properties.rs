//! The columnar frame gives the row path's figures: on random datasets (ties of cost and firm,
//! costs at several scales and too long for the scaled form, unpriced and non-transparent
//! rows, names and regions that differ within a corridor, extra columns present in some rows
//! and named in varying case), `Frame::group`, `Frame::indicators` and `Partial::add_frame`
//! equal `group`, `indicators` and `Partial::add` over the same rows (compared as serialized
//! JSON, every digit), under varied options and dimensions; and a frame built row by row from
//! borrowed text (`FrameBuilder::push`, what an Arrow reader calls) is the one built from the
//! observations.

use proptest::prelude::*;
use remitcost::{
    group, indicators, AggregateOptions, CorridorWeights, Decimal, Dimension, Frame, FrameBuilder,
    FrameRow, Observation, Partial, Period, Price, RpwAmount,
};

const CORRIDORS: [(&str, &str); 4] = [
    ("FRA", "SEN"),
    ("GBR", "IND"),
    ("USA", "MEX"),
    ("FR", "ASEN"),
];
const FIRMS: [&str; 4] = ["A", "B", "b", "Firm with a long name"];
const TYPES: [&str; 2] = ["Bank", "Money Transfer Operator"];
const SPEEDS: [&str; 4] = ["Same day", "2-5 days", "More than 5 days", "unknown"];
const INCOME: [&str; 3] = ["High income", "Low income", ""];
const G8G20: [&str; 3] = ["G8/G20", "G20", ".."];
const EXTRA_NAMES: [&str; 3] = ["source_income", "Source_Income", "source_G8G20"];

/// Costs with many ties, several scales, negatives, and some that do not fit the scaled form.
fn cost() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        4 => (-3i64..12).prop_map(Decimal::from),
        2 => (0u32..4).prop_map(|scale| Decimal::new(15 * 10i64.pow(scale), scale + 1)),
        4 => (-200_000i64..400_000).prop_map(|m| Decimal::new(m, 4)),
        1 => (1i64..50).prop_map(|m| Decimal::new(m, 12)),
        1 => (1i64..5).prop_map(|m| Decimal::from(m) * Decimal::from(100_000_000_000i64)),
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

#[derive(Debug, Clone)]
struct Spec {
    corridor: usize,
    firm: usize,
    kind: usize,
    speed: usize,
    quarter: u8,
    transparent: bool,
    cc1: Option<Decimal>,
    cc2: Option<Decimal>,
    row: usize,
    names: (bool, bool),
    extra: Vec<(usize, usize)>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        (0..4usize, 0..4usize, 0..2usize, 0..4usize, 1..=3u8),
        (
            prop::bool::weighted(0.8),
            prop::option::weighted(0.9, cost()),
            prop::option::of(cost()),
        ),
        (0..8usize, any::<(bool, bool)>()),
        prop::collection::vec((0..3usize, 0..3usize), 0..3),
    )
        .prop_map(
            |(
                (corridor, firm, kind, speed, quarter),
                (transparent, cc1, cc2),
                (row, names),
                extra,
            )| {
                Spec {
                    corridor,
                    firm,
                    kind,
                    speed,
                    quarter,
                    transparent,
                    cc1,
                    cc2,
                    row,
                    names,
                    extra,
                }
            },
        )
}

fn observation(s: &Spec) -> Observation {
    let (src, dst) = CORRIDORS[s.corridor];
    let extra: serde_json::Map<String, serde_json::Value> = s
        .extra
        .iter()
        .map(|(name, value)| {
            let name = EXTRA_NAMES[*name];
            let value = if name.ends_with("G8G20") {
                G8G20[*value]
            } else {
                INCOME[*value]
            };
            (name.to_string(), value.into())
        })
        .collect();
    let mut obs: Observation = serde_json::from_value(serde_json::json!({
        "row": s.row, "id": null, "period": Period::new(2024, s.quarter).unwrap(),
        "source_code": src, "source_name": if s.names.0 { "Name" } else { "Other name" },
        "source_region": "R1", "destination_code": dst,
        "destination_name": format!("{dst} name"),
        "destination_region": if s.names.1 { "Americas" } else { "Elsewhere" },
        "firm": FIRMS[s.firm], "firm_type": TYPES[s.kind], "instrument": "Cash",
        "access_point": "Agent", "speed": SPEEDS[s.speed], "transparent": s.transparent,
        "cc1": null, "cc2": null, "interbank_fx": null, "extra": extra
    }))
    .unwrap();
    obs.cc1 = s.cc1.map(price);
    obs.cc2 = s.cc2.map(price);
    obs
}

fn options() -> Vec<AggregateOptions> {
    let mut all = vec![AggregateOptions::default()];
    let mut o = AggregateOptions::default();
    o.include_non_transparent = true;
    o.smart_min_services = 1;
    o.eligibility.max_speed = None;
    all.push(o);
    let mut o = AggregateOptions::default();
    o.amount = RpwAmount::Usd500;
    o.smart_min_services = 2;
    o.eligibility.transparent = false;
    o.eligibility
        .inaccessible
        .insert(" FIRM ".into(), vec!["b ".into()]);
    o.eligibility
        .inaccessible
        .insert("source_income".into(), vec!["low INCOME".into()]);
    all.push(o);
    all
}

fn dims() -> Vec<Vec<Dimension>> {
    let all = vec![
        vec![Dimension::Period, Dimension::Corridor],
        vec![Dimension::Period, Dimension::Corridor, Dimension::FirmType],
        vec![Dimension::Period],
        vec![Dimension::Corridor],
        vec![
            Dimension::SourceCountry,
            Dimension::Period,
            Dimension::DestinationCountry,
        ],
        vec![Dimension::DestinationRegion, Dimension::Period],
        vec![Dimension::FirmType, Dimension::Speed],
        vec![Dimension::Firm, Dimension::Period],
        // Columns by header name, as the row path finds them (a column no row has is an
        // error both ways).
        vec![
            Dimension::Column("SOURCE G8G20".into()),
            Dimension::Column("transparent".into()),
        ],
        vec![
            Dimension::Column("source_income".into()),
            Dimension::Column("destination name".into()),
        ],
        vec![Dimension::Column("payment instrument".into())],
        vec![
            Dimension::Instrument,
            Dimension::AccessPoint,
            Dimension::Product,
        ],
        vec![],
    ];
    // Dimensions that need the country classifications.
    #[cfg(feature = "countries")]
    let all = [
        all,
        vec![
            vec![Dimension::SourceIncome, Dimension::Period],
            vec![
                Dimension::SourceG8,
                Dimension::SourceG20,
                Dimension::Corridor,
            ],
        ],
    ]
    .concat();
    all
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

/// A grouping as JSON, or its error's code.
fn outcome(r: remitcost::Result<remitcost::Grouping>) -> Result<String, &'static str> {
    r.map(|g| json(&g)).map_err(|e| e.code())
}

/// The frame built row by row from borrowed text, as a columnar reader would.
fn built(rows: &[Observation]) -> Frame {
    let mut b = FrameBuilder::new();
    for o in rows {
        let extra: Vec<(&str, &str)> = o
            .extra
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        b.push(&FrameRow {
            row: o.row,
            period: o.period,
            source_code: &o.source_code,
            source_name: &o.source_name,
            source_region: &o.source_region,
            destination_code: &o.destination_code,
            destination_name: &o.destination_name,
            destination_region: &o.destination_region,
            firm: &o.firm,
            firm_type: &o.firm_type,
            instrument: &o.instrument,
            access_point: &o.access_point,
            speed: &o.speed,
            product: &o.product,
            coverage: &o.coverage,
            pickup_method: &o.pickup_method,
            transparent: o.transparent,
            cost_usd200: o.cc1.as_ref().map(|p| p.total_cost_pct),
            cost_usd500: o.cc2.as_ref().map(|p| p.total_cost_pct),
            extra: &extra,
        })
        .unwrap();
    }
    b.finish().unwrap()
}

/// A dataset column the frame does not code is refused as `incompatible` (the row path
/// serves it), never grouped some other way.
#[test]
fn a_column_the_frame_does_not_code_is_incompatible() {
    let rows: Vec<Observation> = Vec::new();
    let frame = Frame::from_observations(&rows).unwrap();
    for column in ["id", "cc1 lcu fee", "inter lcu bank fx"] {
        let dims = [Dimension::Period, Dimension::column(column)];
        let err = frame
            .group(&dims, &AggregateOptions::default())
            .unwrap_err();
        assert_eq!(err.code(), "incompatible", "{column}: {err}");
    }
}

/// Arrow batches of `rows` as [`remitcost::arrow::observation_table`] writes them
/// (dictionary-encoded text), split in two, and the same with every text column plain
/// `large_string` (what a CSV read by pyarrow or polars gives).
#[cfg(feature = "arrow")]
fn arrow_layouts(rows: &[Observation]) -> [remitcost::arrow::Columns; 2] {
    use remitcost::arrow::{arrow_schema::DataType, Builder, Columns, Values};
    let table = remitcost::arrow::observation_table(rows);
    let whole = Columns::new(std::slice::from_ref(&table));
    let mut plain = Builder::default();
    for field in table.schema().fields() {
        let column = whole.get(&[field.name().as_str()]).unwrap();
        plain = match field.data_type() {
            DataType::Dictionary(..) => {
                plain.col(field.name(), Values::Str(column.text().unwrap()))
            }
            _ => plain.array(
                field.name(),
                table.column_by_name(field.name()).unwrap().clone(),
            ),
        };
    }
    let plain = plain.build();
    let split = |t: &remitcost::arrow::arrow_array::RecordBatch| {
        let half = t.num_rows() / 2;
        Columns::new(&[t.slice(0, half), t.slice(half, t.num_rows() - half)])
    };
    [split(&table), split(&plain)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Arrow batches of service rows, in either text layout, frame and add to a partial
    /// state exactly as their observations do: the frame built column by column is the one
    /// built from the observations, and a state fed batches (through a frame holding only the
    /// columns its pass reads) is the observations' state, or fails with the same error.
    #[cfg(feature = "arrow")]
    #[test]
    fn arrow_batches_frame_and_add_as_their_rows_do(specs in prop::collection::vec(spec(), 0..60)) {
        let rows: Vec<Observation> = specs.iter().map(observation).collect();
        for columns in arrow_layouts(&rows) {
            for o in options() {
                let read = remitcost::arrow::observations(&columns, &o).unwrap();
                prop_assert_eq!(
                    remitcost::arrow::frame(&columns, &o).unwrap(),
                    Frame::from_observations(&read).unwrap()
                );
                for d in dims() {
                    let mut by_rows = Partial::new(&d, &o);
                    let rows_added = by_rows.add(&read).map_err(|e| e.code());
                    let mut by_batch = Partial::new(&d, &o);
                    let added = remitcost::arrow::add(&mut by_batch, &columns).map_err(|e| e.code());
                    prop_assert_eq!(added, rows_added, "{:?}", d);
                    prop_assert_eq!(json(&by_batch), json(&by_rows), "{:?}", d);
                }
            }
        }
    }

    #[test]
    fn the_frame_path_gives_the_row_path_figures(specs in prop::collection::vec(spec(), 0..80)) {
        let rows: Vec<Observation> = specs.iter().map(observation).collect();
        let frame = Frame::from_observations(&rows).unwrap();
        prop_assert_eq!(&built(&rows), &frame);
        let w = weights();
        for o in options() {
            for d in dims() {
                prop_assert_eq!(outcome(frame.group(&d, &o)), outcome(group(&rows, &d, &o)), "{:?}", d);
                let mut by_rows = Partial::new(&d, &o);
                let rows_added = by_rows.add(&rows).map_err(|e| e.code());
                let mut by_frame = Partial::new(&d, &o);
                prop_assert_eq!(by_frame.add_frame(&frame).map_err(|e| e.code()), rows_added);
                prop_assert_eq!(json(&by_frame), json(&by_rows));
            }
            prop_assert_eq!(
                json(&frame.indicators(&o, Some(&w)).unwrap()),
                json(&indicators(&rows, &o, Some(&w)).unwrap())
            );
        }
    }
}

/// The World Bank's real 2011-2012 rows (10,816, the pre-2016 layout): the frame gives the
/// row path's groupings, indicators and partial states.
#[cfg(feature = "csv")]
#[test]
fn real_rows_aggregate_alike_through_the_frame() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../testdata/worldbank/rpw-raw/rpw_rows_2011_2012.csv");
    let data = remitcost::read_rpw_csv(std::fs::File::open(path).unwrap()).unwrap();
    let rows = &data.observations;
    let frame = Frame::from_observations(rows).unwrap();
    for o in options() {
        for d in dims().into_iter().chain([vec![
            Dimension::column("note1"),
            Dimension::column("Sending Location"),
        ]]) {
            assert_eq!(outcome(frame.group(&d, &o)), outcome(group(rows, &d, &o)));
            let mut by_rows = Partial::new(&d, &o);
            let rows_added = by_rows.add(rows).map_err(|e| e.code());
            let mut by_frame = Partial::new(&d, &o);
            assert_eq!(by_frame.add_frame(&frame).map_err(|e| e.code()), rows_added);
            assert_eq!(json(&by_frame), json(&by_rows));
        }
        assert_eq!(
            json(&frame.indicators(&o, None).unwrap()),
            json(&indicators(rows, &o, None).unwrap())
        );
    }
}
