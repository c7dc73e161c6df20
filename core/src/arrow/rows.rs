//! A dataset's rows as Arrow, and Arrow batches of RPW rows as observations.

use super::{dictionary_of, Builder, Column, Columns, Values};
use crate::aggregate::{
    boxed, names_read_later, texts_read, Costs, ExtraColumns, Interning, Named, Parts, Rows,
    MISSING, TEXTS, TEXT_FIELDS,
};
use crate::{
    AggregateOptions, Decimal, Error, Frame, Observation, Partial, Period, Price, Result, RpwAmount,
};
use arrow_array::ArrayRef;
use arrow_array::RecordBatch;
use std::cmp::Ordering;
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
/// then `interbank_fx`. Text that repeats from row to row (every text column but `id`) is
/// dictionary-encoded (`dictionary<int32, large_string>`: pandas reads it as categories,
/// polars as categoricals), each distinct text stored once; `id` is `large_string`.
///
/// ```
/// let data = remitcost::read_rpw_csv(std::fs::File::open("../testdata/rpw/sample.csv").unwrap()).unwrap();
/// let table = remitcost::arrow::observation_table(&data.observations);
/// let firm = table.column_by_name("firm").unwrap();
/// assert_eq!(firm.data_type().to_string(), "Dictionary(Int32, LargeUtf8)");
/// assert_eq!(firm.len(), data.observations.len());
/// ```
pub fn observation_table(rows: &[Observation]) -> RecordBatch {
    let text = |f: fn(&Observation) -> &str| dictionary_of(rows.iter().map(|o| Some(f(o))));
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
        .array("period", made(rows.iter().map(|o| o.period.to_string())))
        .array("corridor", made(rows.iter().map(Observation::corridor)))
        .array("source_code", text(|o| &o.source_code))
        .array("source_name", text(|o| &o.source_name))
        .array("source_region", text(|o| &o.source_region))
        .array("destination_code", text(|o| &o.destination_code))
        .array("destination_name", text(|o| &o.destination_name))
        .array("destination_region", text(|o| &o.destination_region))
        .array("firm", text(|o| &o.firm))
        .array("firm_type", text(|o| &o.firm_type))
        .array("instrument", text(|o| &o.instrument))
        .array("product", text(|o| &o.product))
        .array("access_point", text(|o| &o.access_point))
        .array("coverage", text(|o| &o.coverage))
        .array("pickup_method", text(|o| &o.pickup_method))
        .array("speed", text(|o| &o.speed))
        .col(
            "transparent",
            Values::Bool(rows.iter().map(|o| Some(o.transparent)).collect()),
        );
    for (prefix, amount) in [("cc1", RpwAmount::Usd200), ("cc2", RpwAmount::Usd500)] {
        let currency = dictionary_of(
            rows.iter()
                .map(|o| o.price(amount).and_then(|p| p.currency).map(|c| c.code())),
        );
        b = b
            .col(
                &format!("{prefix}_amount"),
                price(amount, |p| Some(p.amount)),
            )
            .col(
                &format!("{prefix}_denomination_amount"),
                price(amount, |p| p.denomination_amount),
            )
            .array(&format!("{prefix}_currency"), currency)
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

/// Text made per row, dictionary-encoded.
fn made(texts: impl Iterator<Item = String>) -> ArrayRef {
    let texts: Vec<String> = texts.collect();
    dictionary_of(texts.iter().map(|t| Some(t.as_str())))
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
/// of [`observations`]' rows, built without them, column by column: a text column is coded
/// once per distinct value when dictionary-encoded (what [`observation_table`], polars'
/// categoricals and pandas' categories give), once per cell otherwise, and no text is copied
/// but a dictionary's. Errors: as [`observations`].
pub fn frame(c: &Columns, options: &AggregateOptions) -> Result<Frame> {
    frame_reading(c, options, [true; TEXTS])
}

/// [`frame`], its text columns coded where `read` says so, left empty elsewhere (a frame for
/// one pass that reads only those: see `texts_read`).
fn frame_reading(c: &Columns, options: &AggregateOptions, read: [bool; TEXTS]) -> Result<Frame> {
    let rows = c.rows();
    let (mut numbers, mut period) = (None, None);
    let mut text: [Interning<Box<str>>; TEXTS] = Default::default();
    // The numbers, the periods and each text column read are independent jobs; the numbers'
    // and the periods' errors are kept and reported in the order the columns are checked
    // in, whichever job ends first.
    let mut jobs: Vec<(usize, Job<'_>)> = vec![(
        NUMBERS_WEIGHT,
        Box::new(|| {
            let read = Numbers::read(c, options).map(|n| {
                let costs = Costs::of(&n.cost, rows);
                (n, costs)
            });
            numbers = Some(read);
            Ok(())
        }),
    )];
    jobs.push((
        1,
        Box::new(|| {
            period = Some(periods(c));
            Ok(())
        }),
    ));
    // A column left unread holds no code (every row reads as empty text).
    for ((coded, field), read) in text.iter_mut().zip(TEXT_FIELDS).zip(read) {
        if read {
            jobs.push((1, Box::new(move || coded_text(c, field, coded))));
        }
    }
    let threads = crate::threads::for_work(rows, COLUMNS_ON_THREADS_FROM);
    let coded = crate::threads::in_runs(crate::threads::balanced(jobs, threads), |run| {
        run.into_iter().try_for_each(|job| job())
    });
    let (
        Numbers {
            transparent, row, ..
        },
        priced,
    ) = numbers.unwrap_or_else(|| Err(Error::NoData("numbers unread".into())))?;
    for field in REQUIRED {
        c.get(names(field))?;
    }
    let period = period.unwrap_or_else(|| Err(Error::NoData("periods unread".into())))?;
    coded?;
    // A frame for one pass reads one amount's costs: the other's are left empty there.
    let full = read == [true; TEXTS];
    let priced = priced?;
    let unpriced = Costs::unpriced(if full { rows } else { 0 });
    Parts {
        row,
        period,
        text,
        transparent,
        costs: match options.amount {
            RpwAmount::Usd200 => [priced, unpriced],
            RpwAmount::Usd500 => [unpriced, priced],
        },
        extra: extra_columns(c, options)?,
    }
    .finish()
}

/// A piece of reading a frame that can run on a thread of its own.
type Job<'a> = Box<dyn FnOnce() -> Result<()> + Send + 'a>;

/// Below this many rows, a frame's columns are read on the calling thread.
const COLUMNS_ON_THREADS_FROM: usize = 100_000;

/// Reading the numbers (the flag, the source row, the costs) against coding one text column
/// (measured: 33 M instructions against 11 M per million rows of `decimal128` costs and
/// dictionary text).
const NUMBERS_WEIGHT: usize = 3;

/// Codes the column of `field` into `coded` (a missing column: every row empty text).
fn coded_text(c: &Columns, field: &str, coded: &mut Interning<Box<str>>) -> Result<()> {
    let rows = c.rows();
    let codes = match c.find(names(field)) {
        Some(col) => col.codes(|cell| coded.code_of(cell.map_or("", str::trim), boxed))?,
        None if rows == 0 => Vec::new(),
        None => vec![coded.code_of("", boxed)?; rows],
    };
    coded.set_codes(codes);
    Ok(())
}

/// The columns every service row must have besides its cost and flag.
const REQUIRED: [&str; 4] = ["period", "source_code", "destination_code", "firm"];

/// The period column, coded: each distinct text parsed once (a few periods per batch).
fn periods(c: &Columns) -> Result<Interning<Period>> {
    let mut coded = Interning::default();
    let mut seen: Vec<(Box<str>, u32)> = Vec::new();
    let codes = c.get(names("period"))?.codes(|cell| {
        let text = cell.map_or("", str::trim);
        if let Some((_, code)) = seen.iter().find(|(t, _)| **t == *text) {
            return Ok(*code);
        }
        let code = coded.code_of(&text.parse::<Period>()?, |p| *p)?;
        if seen.len() < 64 {
            seen.push((boxed(text), code));
        }
        Ok(code)
    })?;
    coded.set_codes(codes);
    Ok(coded)
}

/// The columns the eligibility rule names beyond the known fields, coded (a null cell is a
/// row without the column; a column no row has is left out, as rows leave it out).
fn extra_columns(c: &Columns, options: &AggregateOptions) -> Result<ExtraColumns> {
    let mut out = Vec::new();
    for name in extra_names(options) {
        let Some(col) = c.find(&[name.trim()]) else {
            continue;
        };
        let mut coded = Interning::default();
        let codes = col.codes(|cell| match cell {
            Some(text) => coded.code_of(text, boxed),
            None => Ok(MISSING),
        })?;
        if codes.iter().any(|code| *code != MISSING) {
            coded.set_codes(codes);
            out.push((boxed(name), coded));
        }
    }
    Ok(out)
}

/// The columns the eligibility rule names that are none of the known fields.
fn extra_names(options: &AggregateOptions) -> impl Iterator<Item = &String> {
    options.eligibility.inaccessible.keys().filter(|column| {
        !FIELDS
            .iter()
            .any(|(_, n)| n.iter().any(|n| n.eq_ignore_ascii_case(column.trim())))
    })
}

/// The numbers of a service row: the chosen amount's total cost column, the transparency
/// flag (null: not transparent) and the source row (null or negative: 0).
struct Numbers<'a> {
    cost: Column<'a>,
    transparent: Vec<bool>,
    row: Vec<usize>,
}

impl<'a> Numbers<'a> {
    fn read(c: &'a Columns, options: &AggregateOptions) -> Result<Numbers<'a>> {
        let prefix = match options.amount {
            RpwAmount::Usd200 => "cc1",
            RpwAmount::Usd500 => "cc2",
        };
        let cost_names = [
            format!("{prefix}_total_cost_pct"),
            format!("{prefix} total cost %"),
        ];
        let cost = c.get(&[cost_names[0].as_str(), cost_names[1].as_str()])?;
        Ok(Numbers {
            cost,
            transparent: c.get(names("transparent"))?.flags()?,
            row: match c.find(names("row")) {
                Some(col) => col.counts()?,
                None => vec![0; c.rows()],
            },
        })
    }
}

/// Adds Arrow batches of RPW rows to `partial` (under its options): through their
/// [`frame`], or, for a column the frame does not hold, their [`observations`]. The same
/// state as [`Partial::add`] over [`observations`]. Errors: as [`observations`] and
/// [`Partial::add`].
pub fn add(partial: &mut Partial, c: &Columns) -> Result<()> {
    let (dims, options) = (partial.dimensions().to_vec(), partial.options().clone());
    let mut read = texts_read(&dims, &options);
    let later = names_read_later(&dims, &read).and_then(|at| {
        let names = at.map(|t| TEXT_FIELDS.get(t).and_then(|f| c.find(names(f))));
        names.iter().flatten().all(Column::holds_strings).then(|| {
            for t in at {
                read[t] = false;
            }
            names
        })
    });
    let frame = frame_reading(c, &options, read)?;
    let added = match later {
        Some(names) => {
            let rows = NamesLater {
                frame: &frame,
                names,
            };
            frame
                .gather_with(&rows, &dims, &options)
                .and_then(|(groups, left_out)| partial.add_gathered(&rows, groups, left_out))
        }
        None => partial.add_frame(&frame),
    };
    match added {
        Err(Error::Incompatible(_)) => partial.add(&observations(c, &options)?),
        added => added,
    }
}

/// A frame read without its name and region columns, those read from the batch for just the
/// services a partial names (each group's cheapest and first) and the rare tie they decide:
/// coding four columns of every row for a few thousand cells was a quarter of reading a
/// batch for a pass by period and corridor (issue 13).
struct NamesLater<'a> {
    frame: &'a Frame,
    /// Source name, source region, destination name, destination region (`None`: the batch
    /// has no such column, every row's is empty, as [`frame`] reads it).
    names: [Option<Column<'a>>; 4],
}

impl Rows for NamesLater<'_> {
    fn tie(&self, a: u32, b: u32) -> Ordering {
        let names = || self.named(a).cmp(&self.named(b));
        self.frame.tie_before_names(a, b).then_with(names)
    }
    fn firm_order(&self, a: u32, b: u32) -> Ordering {
        self.frame.firm_order(a, b)
    }
    fn named(&self, row: u32) -> Option<Named<'_>> {
        let [source_name, source_region, destination_name, destination_region] =
            self.names.each_ref().map(|c| {
                let cell = c.as_ref().and_then(|c| c.str_at(row as usize));
                cell.map_or("", str::trim)
            });
        Some(Named {
            source_name,
            source_region,
            destination_name,
            destination_region,
            ..self.frame.named(row)?
        })
    }
    fn identity(&self, row: u32) -> Option<Named<'_>> {
        self.frame.named(row)
    }
}

/// The columns an aggregation reads from Arrow batches of RPW rows, each read once, as text.
struct Service<'a> {
    numbers: Numbers<'a>,
    costs: Vec<Option<Decimal>>,
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

impl<'a> Service<'a> {
    fn read(c: &'a Columns, options: &AggregateOptions) -> Result<Service<'a>> {
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
        let numbers = Numbers::read(c, options)?;
        let costs = numbers.cost.decimals()?;
        for field in REQUIRED {
            c.get(names(field))?;
        }
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
        for column in extra_names(options) {
            if let Some(col) = c.find(&[column.trim()]) {
                extra.push((column.clone(), col.text()?));
            }
        }
        Ok(Service {
            numbers,
            costs,
            periods: text("period")?,
            src: text("source_code")?,
            dst: text("destination_code")?,
            firm: text("firm")?,
            labels,
            extra,
        })
    }

    fn cost(&self, i: usize) -> Option<Decimal> {
        self.costs.get(i).copied().flatten()
    }

    fn row(&self, i: usize) -> usize {
        self.numbers.row.get(i).copied().unwrap_or(0)
    }

    fn period(&self, i: usize) -> Result<Period> {
        self.periods
            .get(i)
            .map(String::as_str)
            .unwrap_or_default()
            .parse()
    }

    fn transparent(&self, i: usize) -> bool {
        self.numbers.transparent.get(i).copied().unwrap_or(false)
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

    /// Enough rows that the columns are read, and the group states made, on several
    /// threads (where the machine has them): the same frame and state as the rows give.
    #[test]
    fn many_rows_frame_and_add_on_threads_as_their_observations_do() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/rpw/sample.csv");
        let data = crate::read_rpw_csv(std::fs::File::open(path).unwrap()).unwrap();
        let table = observation_table(&data.observations);
        let copies = (2 * COLUMNS_ON_THREADS_FROM).div_ceil(table.num_rows());
        let columns = Columns::new(&vec![table; copies]);
        let options = AggregateOptions::default();
        let rows = observations(&columns, &options).unwrap();
        // (Not `assert_eq!`: a difference would print 200,000 rows.)
        assert!(frame(&columns, &options).unwrap() == Frame::from_observations(&rows).unwrap());
        let dims = [crate::Dimension::Period, crate::Dimension::Corridor];
        let mut by_rows = Partial::new(&dims, &options);
        by_rows.add(&rows).unwrap();
        let mut by_batch = Partial::new(&dims, &options);
        add(&mut by_batch, &columns).unwrap();
        assert!(by_batch == by_rows);
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
