//! Building a [`Frame`]: each column's values interned as rows arrive (codes in order of first
//! sight), then each dictionary sorted and the codes renumbered so that they compare as
//! their values do.

use super::{Column, Costs, Frame, MISSING, TEXTS};
use crate::aggregate::keys::{index, FastMap};
use crate::error::Result;
use crate::observation::{Observation, Period};
use rust_decimal::Decimal;
use std::hash::Hash;

/// One service row as a [`FrameBuilder`] takes it: borrowed text (e.g. straight from an Arrow
/// `StringArray`'s values), no [`Observation`] needed. The fields are those of
/// [`Observation`] that aggregation reads; `extra` lists the row's other columns (those of
/// [`Observation::extra`]: `source_income`, `source_G8G20`, …) as (name, value) pairs, a
/// column absent from a row being left out of its list.
///
/// ```
/// use remitcost::{FrameRow, Period};
/// let row = FrameRow {
///     row: 2, period: Period::new(2025, 1).unwrap(),
///     source_code: "FRA", source_name: "France", source_region: "High income",
///     destination_code: "SEN", destination_name: "Senegal", destination_region: "Sub-Saharan Africa",
///     firm: "A", firm_type: "Bank", instrument: "Cash", access_point: "Agent", speed: "Same day",
///     product: "", coverage: "", pickup_method: "", transparent: true,
///     cost_usd200: Some("4.5".parse().unwrap()), cost_usd500: None,
///     extra: &[("source_income", "High income")],
/// };
/// assert_eq!(row.firm, "A");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameRow<'a> {
    /// The source row number ([`Observation::row`]): the cheapest service's tie-break.
    pub row: usize,
    /// The survey quarter.
    pub period: Period,
    /// Sending country code.
    pub source_code: &'a str,
    /// Sending country name.
    pub source_name: &'a str,
    /// Sending country region.
    pub source_region: &'a str,
    /// Receiving country code.
    pub destination_code: &'a str,
    /// Receiving country name.
    pub destination_name: &'a str,
    /// Receiving country region.
    pub destination_region: &'a str,
    /// The firm (RSP).
    pub firm: &'a str,
    /// The RSP type.
    pub firm_type: &'a str,
    /// The payment instrument.
    pub instrument: &'a str,
    /// The access point.
    pub access_point: &'a str,
    /// The speed as published.
    pub speed: &'a str,
    /// The pre-2016 product (empty when absent).
    pub product: &'a str,
    /// The receiving network coverage (empty when absent).
    pub coverage: &'a str,
    /// The pickup method (empty when absent).
    pub pickup_method: &'a str,
    /// Whether the service is transparent.
    pub transparent: bool,
    /// Total cost, percent, at USD 200 (`cc1 total cost %`); `None`: no price at that amount.
    pub cost_usd200: Option<Decimal>,
    /// Total cost, percent, at USD 500 (`cc2 total cost %`); `None`: no price at that amount.
    pub cost_usd500: Option<Decimal>,
    /// The row's other columns, (name, value); names are matched as
    /// [`Observation::extra`]'s keys are (exactly first, then ignoring ASCII case).
    pub extra: &'a [(&'a str, &'a str)],
}

/// One column's dictionary while rows arrive: value → code in order of first sight, the
/// code of the last value seen (rows often repeat one), and the codes.
pub(crate) struct Interning<K> {
    ids: FastMap<K, u32>,
    values: Vec<K>,
    last: Option<u32>,
    codes: Vec<u32>,
}

impl<K> Default for Interning<K> {
    fn default() -> Self {
        Interning {
            ids: FastMap::default(),
            values: Vec::new(),
            last: None,
            codes: Vec::new(),
        }
    }
}

impl<K: Hash + Eq + Clone + Ord> Interning<K> {
    /// The code of `value`, interning it (`owned` makes the dictionary's copy) if new.
    pub(crate) fn code_of<Q>(&mut self, value: &Q, owned: impl FnOnce(&Q) -> K) -> Result<u32>
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        if let Some(id) = self.last {
            if self.values.get(id as usize).map(K::borrow) == Some(value) {
                return Ok(id);
            }
        }
        let id = match self.ids.get(value) {
            Some(id) => *id,
            None => {
                let id = index(self.values.len())?;
                let key = owned(value);
                self.values.push(key.clone());
                self.ids.insert(key, id);
                id
            }
        };
        self.last = Some(id);
        Ok(id)
    }

    /// Sets every row's code at once (codes from [`Interning::code_of`]): a column read
    /// whole, as a columnar source gives it.
    #[cfg(feature = "arrow")]
    pub(crate) fn set_codes(&mut self, codes: Vec<u32>) {
        self.codes = codes;
    }

    fn push<Q>(&mut self, value: &Q, owned: impl Fn(&Q) -> K) -> Result<()>
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let id = self.code_of(value, owned)?;
        self.codes.push(id);
        Ok(())
    }

    /// The column: values sorted, codes renumbered to their ranks ([`MISSING`] kept).
    fn finish(self) -> Result<Column<K>> {
        let mut order: Vec<u32> = (0..index(self.values.len())?).collect();
        let values = &self.values;
        crate::sort::sort_by(&mut order, |a, b| {
            values.get(*a as usize).cmp(&values.get(*b as usize))
        });
        let mut codes = self.codes;
        // Values first seen in order (a sorted dictionary read in order) keep their codes.
        if !order.iter().enumerate().all(|(r, id)| *id as usize == r) {
            let mut rank = vec![0u32; values.len()];
            for (r, id) in order.iter().enumerate() {
                if let Some(slot) = rank.get_mut(*id as usize) {
                    *slot = index(r)?;
                }
            }
            for c in &mut codes {
                if let Some(r) = rank.get(*c as usize) {
                    *c = *r;
                }
            }
        }
        let mut values: Vec<Option<K>> = self.values.into_iter().map(Some).collect();
        let sorted = order
            .iter()
            .filter_map(|id| values.get_mut(*id as usize).and_then(Option::take))
            .collect();
        Ok(Column {
            codes,
            values: sorted,
        })
    }
}

/// Builds a [`Frame`] row by row, from borrowed text: what a reader of a columnar source (an
/// Arrow record batch, a Parquet file) calls without building [`Observation`]s. Push each
/// row with [`FrameBuilder::push`] (or [`FrameBuilder::push_observation`]), then
/// [`FrameBuilder::finish`]. Building interns each text once per distinct value (a hash
/// lookup per cell, skipped when a cell repeats the one above it); aggregating the frame then
/// reads integers only.
///
/// ```
/// use remitcost::{AggregateOptions, Dimension, FrameBuilder, FrameRow, Period};
/// let mut b = FrameBuilder::new();
/// for (n, (firm, cost)) in [("A", "4"), ("B", "6"), ("C", "9")].into_iter().enumerate() {
///     b.push(&FrameRow {
///         row: n + 2, period: Period::new(2025, 1).unwrap(),
///         source_code: "FRA", source_name: "France", source_region: "",
///         destination_code: "SEN", destination_name: "Senegal", destination_region: "",
///         firm, firm_type: "Bank", instrument: "Cash", access_point: "Agent",
///         speed: "Same day", product: "", coverage: "", pickup_method: "",
///         transparent: true, cost_usd200: Some(cost.parse().unwrap()), cost_usd500: None,
///         extra: &[],
///     }).unwrap();
/// }
/// let frame = b.finish().unwrap();
/// let g = frame.group(&[Dimension::Corridor], &AggregateOptions::default()).unwrap();
/// assert_eq!((g.groups[0].mean_pct.to_string(), g.groups[0].smart_pct.unwrap().to_string()),
///            ("6.3333".into(), "6.3333".into()));
/// ```
#[derive(Default)]
pub struct FrameBuilder {
    row: Vec<usize>,
    period: Interning<Period>,
    text: [Interning<Box<str>>; TEXTS],
    transparent: Vec<bool>,
    costs: [Costs; 2],
    /// Extra columns in order of first sight, and their positions by name.
    extra: Vec<(Box<str>, Interning<Box<str>>)>,
    extra_at: FastMap<Box<str>, usize>,
}

/// A text's owned copy, as a dictionary keeps it.
pub(crate) fn boxed(s: &str) -> Box<str> {
    Box::from(s)
}

impl FrameBuilder {
    /// An empty builder.
    ///
    /// ```
    /// assert!(remitcost::FrameBuilder::new().finish().unwrap().is_empty());
    /// ```
    pub fn new() -> FrameBuilder {
        FrameBuilder::default()
    }

    /// An empty builder with room for `rows` rows.
    ///
    /// ```
    /// assert!(remitcost::FrameBuilder::with_capacity(10).finish().unwrap().is_empty());
    /// ```
    pub fn with_capacity(rows: usize) -> FrameBuilder {
        let mut b = FrameBuilder::default();
        b.row.reserve(rows);
        b.period.codes.reserve(rows);
        for t in &mut b.text {
            t.codes.reserve(rows);
        }
        b.transparent.reserve(rows);
        for c in &mut b.costs {
            c.scaled.reserve(rows);
        }
        b
    }

    /// Rows pushed so far.
    ///
    /// ```
    /// assert_eq!(remitcost::FrameBuilder::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.row.len()
    }

    /// Whether no row was pushed.
    ///
    /// ```
    /// assert!(remitcost::FrameBuilder::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.row.is_empty()
    }

    /// Adds one row. Errors: more than 4294967295 rows or distinct values of a column
    /// ([`Error::Overflow`](crate::Error::Overflow)); the builder is then unchanged.
    pub fn push(&mut self, r: &FrameRow<'_>) -> Result<()> {
        self.push_parts(r, r.extra.iter().copied())
    }

    /// Adds one [`Observation`] (what [`Frame::from_observations`] does for each row).
    ///
    /// ```
    /// let data = remitcost::read_rpw_csv(std::fs::File::open("../testdata/rpw/sample.csv").unwrap()).unwrap();
    /// let mut b = remitcost::FrameBuilder::new();
    /// b.push_observation(&data.observations[0]).unwrap();
    /// assert_eq!(b.len(), 1);
    /// ```
    pub fn push_observation(&mut self, o: &Observation) -> Result<()> {
        let total = |p: Option<&crate::observation::Price>| p.map(|p| p.total_cost_pct);
        let row = FrameRow {
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
            cost_usd200: total(o.cc1.as_ref()),
            cost_usd500: total(o.cc2.as_ref()),
            extra: &[],
        };
        self.push_parts(&row, o.extra.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    fn push_parts<'e>(
        &mut self,
        r: &FrameRow<'_>,
        extra: impl Iterator<Item = (&'e str, &'e str)>,
    ) -> Result<()> {
        let n = self.row.len();
        let row = index(n)?;
        // A row past the last code would leave the columns uneven: refuse it first.
        index(n.saturating_add(1))?;
        let texts = [
            r.source_code,
            r.source_name,
            r.source_region,
            r.destination_code,
            r.destination_name,
            r.destination_region,
            r.firm,
            r.firm_type,
            r.instrument,
            r.access_point,
            r.speed,
            r.product,
            r.coverage,
            r.pickup_method,
        ];
        self.period.push(&r.period, |p| *p)?;
        for (column, value) in self.text.iter_mut().zip(texts) {
            column.push(value, boxed)?;
        }
        for (costs, cost) in self.costs.iter_mut().zip([r.cost_usd200, r.cost_usd500]) {
            costs.push(row, cost);
        }
        self.transparent.push(r.transparent);
        self.row.push(r.row);
        for (name, value) in extra {
            let at = match self.extra_at.get(name) {
                Some(at) => *at,
                None => {
                    let column = Interning::<Box<str>> {
                        codes: vec![MISSING; n],
                        ..Default::default()
                    };
                    self.extra.push((boxed(name), column));
                    let at = self.extra.len().saturating_sub(1);
                    self.extra_at.insert(boxed(name), at);
                    at
                }
            };
            if let Some((_, column)) = self.extra.get_mut(at) {
                // A name listed twice in one row: the first value counts.
                if column.codes.len() == n {
                    column.push(value, boxed)?;
                }
            }
        }
        for (_, column) in &mut self.extra {
            if column.codes.len() == n {
                column.codes.push(MISSING);
            }
        }
        Ok(())
    }

    /// The frame: each dictionary sorted, codes renumbered to compare as their values.
    /// Errors: none in practice (the limits are checked as rows are pushed).
    pub fn finish(self) -> Result<Frame> {
        Parts {
            row: self.row,
            period: self.period,
            text: self.text,
            transparent: self.transparent,
            costs: self.costs,
            extra: self.extra,
        }
        .finish()
    }
}

/// A frame's columns before their dictionaries are sorted: what [`FrameBuilder`] gathers row
/// by row, or a columnar reader column by column (each text column coded through its
/// [`Interning`], in [`TEXTS`] order; `extra` in any order).
pub(crate) struct Parts {
    pub row: Vec<usize>,
    pub period: Interning<Period>,
    pub text: [Interning<Box<str>>; TEXTS],
    pub transparent: Vec<bool>,
    pub costs: [Costs; 2],
    pub extra: ExtraColumns,
}

/// Extra columns while they are coded: (name, column).
pub(crate) type ExtraColumns = Vec<(Box<str>, Interning<Box<str>>)>;

impl Parts {
    /// The frame: each dictionary sorted, codes renumbered to compare as their values,
    /// extra columns by name.
    pub(crate) fn finish(self) -> Result<Frame> {
        let mut text: [Column<Box<str>>; TEXTS] = Default::default();
        for (out, column) in text.iter_mut().zip(self.text) {
            *out = column.finish()?;
        }
        let mut extra = self
            .extra
            .into_iter()
            .map(|(name, column)| Ok((name, column.finish()?)))
            .collect::<Result<Vec<_>>>()?;
        crate::sort::sort_by(&mut extra, |a, b| a.0.cmp(&b.0));
        Ok(Frame {
            row: self.row,
            period: self.period.finish()?,
            text,
            transparent: self.transparent,
            costs: self.costs,
            extra,
        })
    }
}

impl Frame {
    /// The frame of `observations` (one pass over them; build it once per dataset, then
    /// aggregate as often as needed). Errors: more than 4294967295 rows
    /// ([`Error::Overflow`](crate::Error::Overflow)).
    ///
    /// ```
    /// let data = remitcost::read_rpw_csv(std::fs::File::open("../testdata/rpw/sample.csv").unwrap()).unwrap();
    /// let frame = remitcost::Frame::from_observations(&data.observations).unwrap();
    /// assert_eq!(frame.len(), data.observations.len());
    /// ```
    pub fn from_observations(observations: &[Observation]) -> Result<Frame> {
        let mut b = FrameBuilder::with_capacity(observations.len());
        for o in observations {
            b.push_observation(o)?;
        }
        b.finish()
    }
}
