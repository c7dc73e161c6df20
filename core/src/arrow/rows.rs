//! A dataset's rows as Arrow, and Arrow batches of RPW rows as observations.

use super::{Builder, Columns, Values};
use crate::{
    AggregateOptions, Decimal, Error, Frame, FrameBuilder, FrameRow, Observation, Partial, Period,
    Price, Result, RpwAmount,
};
use arrow_array::RecordBatch;
use std::collections::BTreeMap;

/// The columns an observation field is read from: the observation table's name
/// ([`observation_table`]), then RPW's published headers.
const FIELDS: &[(&str, &[&str])] = &[
    ("row", &["row"]),
    ("period", &["period"]),
    ("source_code", &["source_code"]),
    ("source_name", &["source_name"]),
    ("source_region", &["source_region"]),
    ("destination_code", &["destination_code"]),
    ("destination_name", &["destination_name"]),
    ("destination_region", &["destination_region"]),
    ("firm", &["firm"]),
    ("firm_type", &["firm_type"]),
    ("instrument", &["instrument", "payment instrument"]),
    ("product", &["product"]),
    (
        "access_point",
        &["access_point", "access point", "sending location"],
    ),
    ("coverage", &["coverage", "receiving network coverage"]),
    (
        "pickup_method",
        &["pickup_method", "pickup method", "pick-up method"],
    ),
    ("speed", &["speed", "speed actual"]),
    ("transparent", &["transparent"]),
];

fn names(field: &str) -> &'static [&'static str] {
    FIELDS
        .iter()
        .find(|(f, _)| *f == field)
        .map_or(&[], |(_, n)| *n)
}

/// The observation table: one row per observation, its identity and labels (`row`, `id`,
/// `period`, `corridor`, the countries' codes, names and regions, `firm`, `firm_type`,
/// `instrument`, `product`, `access_point`, `coverage`, `pickup_method`, `speed`),
/// `transparent`, the `cc1_…` (USD 200) and `cc2_…` (USD 500) price blocks (`amount`,
/// `denomination_amount`, `currency`, `fee`, `fx_rate`, `fx_margin_pct`, `total_cost_pct`),
/// then `interbank_fx`.
pub fn observation_table(rows: &[Observation]) -> RecordBatch {
    let text =
        |f: fn(&Observation) -> String| Values::Str(rows.iter().map(|o| Some(f(o))).collect());
    let price = |amount: RpwAmount, f: fn(&Price) -> Option<Decimal>| {
        Values::Dec(rows.iter().map(|o| o.price(amount).and_then(f)).collect())
    };
    let mut b = Builder::default()
        .col(
            "row",
            Values::Int(rows.iter().map(|o| i64::try_from(o.row).ok()).collect()),
        )
        .col(
            "id",
            Values::Str(rows.iter().map(|o| o.id.clone()).collect()),
        )
        .col("period", text(|o| o.period.to_string()))
        .col("corridor", text(|o| o.corridor()))
        .col("source_code", text(|o| o.source_code.clone()))
        .col("source_name", text(|o| o.source_name.clone()))
        .col("source_region", text(|o| o.source_region.clone()))
        .col("destination_code", text(|o| o.destination_code.clone()))
        .col("destination_name", text(|o| o.destination_name.clone()))
        .col("destination_region", text(|o| o.destination_region.clone()))
        .col("firm", text(|o| o.firm.clone()))
        .col("firm_type", text(|o| o.firm_type.clone()))
        .col("instrument", text(|o| o.instrument.clone()))
        .col("product", text(|o| o.product.clone()))
        .col("access_point", text(|o| o.access_point.clone()))
        .col("coverage", text(|o| o.coverage.clone()))
        .col("pickup_method", text(|o| o.pickup_method.clone()))
        .col("speed", text(|o| o.speed.clone()))
        .col(
            "transparent",
            Values::Bool(rows.iter().map(|o| Some(o.transparent)).collect()),
        );
    for (prefix, amount) in [("cc1", RpwAmount::Usd200), ("cc2", RpwAmount::Usd500)] {
        let currency = rows
            .iter()
            .map(|o| {
                o.price(amount)
                    .and_then(|p| p.currency)
                    .map(|c| c.code().to_string())
            })
            .collect();
        b = b
            .col(
                &format!("{prefix}_amount"),
                price(amount, |p| Some(p.amount)),
            )
            .col(
                &format!("{prefix}_denomination_amount"),
                price(amount, |p| p.denomination_amount),
            )
            .col(&format!("{prefix}_currency"), Values::Str(currency))
            .col(&format!("{prefix}_fee"), price(amount, |p| Some(p.fee)))
            .col(&format!("{prefix}_fx_rate"), price(amount, |p| p.fx_rate))
            .col(
                &format!("{prefix}_fx_margin_pct"),
                price(amount, |p| Some(p.fx_margin_pct)),
            )
            .col(
                &format!("{prefix}_total_cost_pct"),
                price(amount, |p| Some(p.total_cost_pct)),
            );
    }
    b.col(
        "interbank_fx",
        Values::Dec(rows.iter().map(|o| o.interbank_fx).collect()),
    )
    .build()
}

/// The observations of Arrow batches of RPW rows, for an aggregation under `options`: the
/// columns of [`observation_table`] (`period`, `source_code`, `destination_code`, `firm`,
/// `transparent` and the chosen amount's `cc1_total_cost_pct` / `cc2_total_cost_pct` are
/// required; names, regions, `firm_type`, `instrument`, `product`, `access_point`,
/// `coverage`, `pickup_method`, `speed`, `row` are read when present, and so are the columns
/// that the eligibility rule names), or RPW's published headers (`payment instrument`,
/// `cc1 total cost %`, …). Text is trimmed; a null or empty cost is a row without a price at
/// that amount (the price holds only its total cost: what an aggregation reads).
pub fn observations(c: &Columns, options: &AggregateOptions) -> Result<Vec<Observation>> {
    let mut s = Service::read(c, options)?;
    let mut out = Vec::with_capacity(c.rows());
    for i in 0..c.rows() {
        let price = s.cost(i).map(|total| Price {
            amount: Decimal::ZERO,
            denomination_amount: None,
            currency: None,
            fee: Decimal::ZERO,
            fx_rate: None,
            fx_margin_pct: Decimal::ZERO,
            total_cost_pct: total,
        });
        let (cc1, cc2) = match options.amount {
            RpwAmount::Usd200 => (price, None),
            RpwAmount::Usd500 => (None, price),
        };
        let (row, period, transparent) = (s.row(i), s.period(i)?, s.transparent(i));
        let extra = s
            .extra
            .iter()
            .filter_map(|(name, v)| Some((name.clone(), v.get(i).cloned().flatten()?)))
            .collect::<BTreeMap<_, _>>();
        // Each value moves into its observation (no copy).
        let at = |v: &mut Vec<String>| v.get_mut(i).map(std::mem::take).unwrap_or_default();
        let mut label = |k: usize| s.labels.get_mut(k).map(at).unwrap_or_default();
        out.push(Observation {
            row,
            id: None,
            period,
            source_code: at(&mut s.src),
            source_name: label(0),
            source_region: label(1),
            destination_code: at(&mut s.dst),
            destination_name: label(2),
            destination_region: label(3),
            firm: at(&mut s.firm),
            firm_type: label(4),
            instrument: label(5),
            product: label(6),
            access_point: label(7),
            coverage: label(8),
            pickup_method: label(9),
            speed: label(10),
            transparent,
            cc1,
            cc2,
            interbank_fx: None,
            extra,
        });
    }
    Ok(out)
}

/// The [`Frame`] of Arrow batches of RPW rows, for an aggregation under `options`: the frame
/// of [`observations`]' rows, built without them (each cell read once, no row object).
/// Errors: as [`observations`].
pub fn frame(c: &Columns, options: &AggregateOptions) -> Result<Frame> {
    let s = Service::read(c, options)?;
    let mut b = FrameBuilder::with_capacity(c.rows());
    let mut extra: Vec<(&str, &str)> = Vec::with_capacity(s.extra.len());
    for i in 0..c.rows() {
        let label = |k: usize| s.labels.get(k).map_or("", |v| cell(v, i));
        extra.clear();
        extra.extend(s.extra.iter().filter_map(|(name, v)| {
            v.get(i)
                .and_then(Option::as_deref)
                .map(|cell| (name.as_str(), cell))
        }));
        let cost = s.cost(i);
        let (cost_usd200, cost_usd500) = match options.amount {
            RpwAmount::Usd200 => (cost, None),
            RpwAmount::Usd500 => (None, cost),
        };
        b.push(&FrameRow {
            row: s.row(i),
            period: s.period(i)?,
            source_code: cell(&s.src, i),
            source_name: label(0),
            source_region: label(1),
            destination_code: cell(&s.dst, i),
            destination_name: label(2),
            destination_region: label(3),
            firm: cell(&s.firm, i),
            firm_type: label(4),
            instrument: label(5),
            product: label(6),
            access_point: label(7),
            coverage: label(8),
            pickup_method: label(9),
            speed: label(10),
            transparent: s.transparent(i),
            cost_usd200,
            cost_usd500,
            extra: &extra,
        })?;
    }
    b.finish()
}

/// Adds Arrow batches of RPW rows to `partial` (under its options): through their
/// [`frame`], or, for a column the frame does not hold, their [`observations`]. The same
/// state as [`Partial::add`] over [`observations`]. Errors: as [`observations`] and
/// [`Partial::add`].
pub fn add(partial: &mut Partial, c: &Columns) -> Result<()> {
    match partial.add_frame(&frame(c, partial.options())?) {
        Err(Error::Incompatible(_)) => partial.add(&observations(c, partial.options())?),
        added => added,
    }
}

/// Row `i`'s text in a column read as text.
fn cell(v: &[String], i: usize) -> &str {
    v.get(i).map_or("", String::as_str)
}

/// The columns an aggregation reads from Arrow batches of RPW rows, each read once.
struct Service {
    costs: Vec<Option<Decimal>>,
    transparent: Vec<Option<bool>>,
    rows: Vec<Option<i64>>,
    periods: Vec<String>,
    src: Vec<String>,
    dst: Vec<String>,
    firm: Vec<String>,
    /// `source_name`, `source_region`, `destination_name`, `destination_region`,
    /// `firm_type`, `instrument`, `product`, `access_point`, `coverage`, `pickup_method`,
    /// `speed`, in that order.
    labels: Vec<Vec<String>>,
    /// Columns the eligibility rule names beyond the known fields (they go to `extra`).
    extra: Vec<(String, Vec<Option<String>>)>,
}

impl Service {
    fn read(c: &Columns, options: &AggregateOptions) -> Result<Service> {
        let text = |field: &str| -> Result<Vec<String>> {
            match c.find(names(field)) {
                Some(col) => Ok(col
                    .text()?
                    .into_iter()
                    .map(|s| match s {
                        // Trimmed in place: most values need no new allocation.
                        Some(s) if s.trim().len() == s.len() => s,
                        Some(s) => s.trim().to_string(),
                        None => String::new(),
                    })
                    .collect()),
                None => Ok(vec![String::new(); c.rows()]),
            }
        };
        let required = |field: &str| -> Result<Vec<String>> {
            c.get(names(field))?;
            text(field)
        };
        let prefix = match options.amount {
            RpwAmount::Usd200 => "cc1",
            RpwAmount::Usd500 => "cc2",
        };
        let cost_names = [
            format!("{prefix}_total_cost_pct"),
            format!("{prefix} total cost %"),
        ];
        let costs = c
            .get(&[cost_names[0].as_str(), cost_names[1].as_str()])?
            .decimals()?;
        let transparent = c.get(names("transparent"))?.booleans()?;
        let rows = match c.find(names("row")) {
            Some(col) => col.integers()?,
            None => vec![None; c.rows()],
        };
        let periods = required("period")?;
        let src = required("source_code")?;
        let dst = required("destination_code")?;
        let firm = required("firm")?;
        let labels: Vec<Vec<String>> = [
            "source_name",
            "source_region",
            "destination_name",
            "destination_region",
            "firm_type",
            "instrument",
            "product",
            "access_point",
            "coverage",
            "pickup_method",
            "speed",
        ]
        .iter()
        .map(|f| text(f))
        .collect::<Result<_>>()?;
        let mut extra: Vec<(String, Vec<Option<String>>)> = Vec::new();
        for column in options.eligibility.inaccessible.keys() {
            let known = FIELDS
                .iter()
                .any(|(_, n)| n.iter().any(|n| n.eq_ignore_ascii_case(column.trim())));
            if !known {
                if let Some(col) = c.find(&[column.trim()]) {
                    extra.push((column.clone(), col.text()?));
                }
            }
        }
        Ok(Service {
            costs,
            transparent,
            rows,
            periods,
            src,
            dst,
            firm,
            labels,
            extra,
        })
    }

    fn cost(&self, i: usize) -> Option<Decimal> {
        self.costs.get(i).copied().flatten()
    }

    fn row(&self, i: usize) -> usize {
        self.rows
            .get(i)
            .copied()
            .flatten()
            .and_then(|r| usize::try_from(r).ok())
            .unwrap_or(0)
    }

    fn period(&self, i: usize) -> Result<Period> {
        self.periods
            .get(i)
            .map(String::as_str)
            .unwrap_or_default()
            .parse()
    }

    fn transparent(&self, i: usize) -> bool {
        self.transparent.get(i).copied().flatten().unwrap_or(false)
    }
}

#[cfg(all(test, feature = "csv"))]
mod tests {
    use super::*;

    #[test]
    fn the_observation_table_reads_back_into_the_same_aggregation() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/rpw/sample.csv");
        let data = crate::read_rpw_csv(std::fs::File::open(path).unwrap()).unwrap();
        let table = observation_table(&data.observations);
        assert_eq!(table.num_rows(), data.observations.len());
        let options = AggregateOptions::default();
        let rows = observations(
            &Columns::new(&[table.slice(0, 7), table.slice(7, table.num_rows() - 7)]),
            &options,
        )
        .unwrap();
        let dims = [crate::Dimension::Period, crate::Dimension::Corridor];
        let whole = crate::group(&data.observations, &dims, &options).unwrap();
        let again = crate::group(&rows, &dims, &options).unwrap();
        assert_eq!(whole.groups, again.groups);
        assert_eq!(
            rows.first().map(|o| o.row),
            data.observations.first().map(|o| o.row)
        );
    }

    #[test]
    fn batches_frame_and_add_as_their_observations_do() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/rpw/sample.csv");
        let data = crate::read_rpw_csv(std::fs::File::open(path).unwrap()).unwrap();
        let table = observation_table(&data.observations);
        let columns = Columns::new(&[table.slice(0, 5), table.slice(5, table.num_rows() - 5)]);
        let mut options = AggregateOptions::default();
        options
            .eligibility
            .inaccessible
            .insert("firm".into(), vec!["nobody".into()]);
        for amount in [RpwAmount::Usd200, RpwAmount::Usd500] {
            options.amount = amount;
            let rows = observations(&columns, &options).unwrap();
            assert_eq!(
                frame(&columns, &options).unwrap(),
                Frame::from_observations(&rows).unwrap()
            );
            for dims in [
                vec![crate::Dimension::Period, crate::Dimension::Corridor],
                vec![crate::Dimension::Firm, crate::Dimension::column("id")],
            ] {
                let mut by_rows = Partial::new(&dims, &options);
                by_rows.add(&rows).unwrap();
                let mut by_batch = Partial::new(&dims, &options);
                add(&mut by_batch, &columns).unwrap();
                assert_eq!(by_batch, by_rows);
            }
        }
    }
}
