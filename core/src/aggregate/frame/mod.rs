//! The columnar frame: service rows held as dictionary-coded columns, built once (from a
//! dataset's [`Observation`](crate::Observation)s, or row by row from any columnar source such as an Arrow batch
//! through [`FrameBuilder`]) and aggregated many times without reading a string.
//!
//! Every text column is a dictionary of its distinct values, sorted by byte order, and a
//! `u32` code per row: codes compare as their texts do, so a group key, the order of groups,
//! the cheapest service's tie-break and the SmaRT order by firm all work on integers and give
//! exactly the row path's figures. Costs are held per RPW amount as the accumulator's scaled
//! `i64` (units of 10⁻¹⁰ percent), with the rare cost that does not fit kept exact beside it.
//!
//! Layout of the module: the frame and its columns (here), the builder ([`build`]), the
//! key columns of each [`Dimension`] and the dense group numbers ([`keys`]), the pass that
//! feeds the shared [`Accumulator`](super::accumulator) ([`pass`]), and a dataset held with
//! its frame ([`framed`]).

mod build;
mod framed;
mod keys;
mod pass;

#[cfg(feature = "arrow")]
pub(crate) use build::{boxed, ExtraColumns, Interning, Parts};
pub use build::{FrameBuilder, FrameRow};
pub use framed::Framed;

use super::accumulator::{summarize_groups, Cost, Named, Rows};
use super::dimension::Dimension;
use super::grouping::{grouping_of, Grouping};
use super::options::AggregateOptions;
use crate::error::Result;
use crate::indicator::{indicators_of, CorridorWeights, Indicators};
use crate::observation::{Period, RpwAmount};
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// The code of a row that has no value in an extra column.
pub(crate) const MISSING: u32 = u32::MAX;
/// A scaled cost meaning "no price at this amount".
const UNPRICED: i64 = i64::MIN;
/// A scaled cost meaning "exact, see the side table".
const EXACT: i64 = i64::MIN + 1;

/// One dictionary-coded column: the distinct values ascending and each row's code (its
/// value's position), so that codes compare as values do.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Column<T> {
    codes: Vec<u32>,
    values: Vec<T>,
}

impl<T> Default for Column<T> {
    fn default() -> Self {
        Column {
            codes: Vec::new(),
            values: Vec::new(),
        }
    }
}

impl<T> Column<T> {
    fn code(&self, row: u32) -> u32 {
        self.codes.get(row as usize).copied().unwrap_or(MISSING)
    }
    fn value(&self, code: u32) -> Option<&T> {
        self.values.get(code as usize)
    }
    /// How many distinct values (the radix of a key digit).
    fn radix(&self) -> u32 {
        u32::try_from(self.values.len()).unwrap_or(u32::MAX)
    }
}

/// The text columns a frame codes, in the order of [`Frame::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Text {
    SourceCode,
    SourceName,
    SourceRegion,
    DestinationCode,
    DestinationName,
    DestinationRegion,
    Firm,
    FirmType,
    Instrument,
    AccessPoint,
    Speed,
    Product,
    Coverage,
    PickupMethod,
}

pub(crate) const TEXTS: usize = 14;

/// Which text columns (in [`Text`] order) a pass by `dims` under `options` may read: all of
/// them, unless every dimension is one of the service's identity (period, corridor, the
/// countries, their regions, firm, speed) and the eligibility rule lists no column — then not
/// the labels (RSP type, instrument, access point, product, coverage, pickup method). A frame
/// built for that one pass may leave the columns it does not read empty (and the costs of
/// the amount it does not aggregate: a pass reads one).
#[cfg(feature = "arrow")]
pub(crate) fn texts_read(dims: &[Dimension], options: &AggregateOptions) -> [bool; TEXTS] {
    let identity = dims.iter().all(|d| {
        matches!(
            d,
            Dimension::Period
                | Dimension::Corridor
                | Dimension::SourceCountry
                | Dimension::DestinationCountry
                | Dimension::SourceRegion
                | Dimension::DestinationRegion
                | Dimension::Firm
                | Dimension::Speed
        )
    });
    if !identity || !options.eligibility.inaccessible.is_empty() {
        return [true; TEXTS];
    }
    let label = [
        Text::FirmType,
        Text::Instrument,
        Text::AccessPoint,
        Text::Product,
        Text::Coverage,
        Text::PickupMethod,
    ];
    let mut read = [true; TEXTS];
    for t in label {
        read[t as usize] = false;
    }
    read
}

/// The name and region columns (positions in [`Text`] order) that a pass by `dims` reads
/// only for the services it names (each group's cheapest and first), where `read` (from
/// [`texts_read`]) leaves the labels unread and no dimension is a region: the Arrow reader
/// then reads those cells alone, from the batch ([`Frame::tie_before_names`] says where
/// they decide a tie).
#[cfg(feature = "arrow")]
pub(crate) fn names_read_later(dims: &[Dimension], read: &[bool; TEXTS]) -> Option<[usize; 4]> {
    let regions = dims
        .iter()
        .any(|d| matches!(d, Dimension::SourceRegion | Dimension::DestinationRegion));
    (!regions && read.contains(&false)).then_some([
        Text::SourceName as usize,
        Text::SourceRegion as usize,
        Text::DestinationName as usize,
        Text::DestinationRegion as usize,
    ])
}

/// The [`Observation`](crate::Observation) field each text column holds, in [`Text`] order
/// (the names of the observation table's columns).
#[cfg(feature = "arrow")]
pub(crate) const TEXT_FIELDS: [&str; TEXTS] = [
    "source_code",
    "source_name",
    "source_region",
    "destination_code",
    "destination_name",
    "destination_region",
    "firm",
    "firm_type",
    "instrument",
    "access_point",
    "speed",
    "product",
    "coverage",
    "pickup_method",
];

/// One RPW amount's costs: scaled, or [`UNPRICED`], or [`EXACT`] with the exact value in
/// `exact` (ascending by row).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Costs {
    scaled: Vec<i64>,
    exact: Vec<(u32, Decimal)>,
}

impl Costs {
    /// The costs of a column of service rows (a null or empty cell: no price at this
    /// amount). Errors: as [`Column::decimals`](crate::arrow::Column::decimals); more than
    /// 4294967295 rows ([`Error::Overflow`](crate::Error::Overflow)).
    #[cfg(feature = "arrow")]
    pub(crate) fn of(column: &crate::arrow::Column<'_>, rows: usize) -> Result<Costs> {
        let scale = super::accumulator::SCALE;
        let plain = |v: i64| v != UNPRICED && v != EXACT;
        if let Some(scaled) = column.all_scaled(scale, plain) {
            let exact = Vec::new();
            return Ok(Costs { scaled, exact });
        }
        let mut out = Costs {
            scaled: Vec::with_capacity(rows),
            exact: Vec::new(),
        };
        column.each_scaled(scale, |cost| {
            match cost {
                Some(Ok(v)) if v != UNPRICED && v != EXACT => out.scaled.push(v),
                cost => {
                    let row = super::keys::index(out.scaled.len())?;
                    out.push(
                        row,
                        cost.map(|c| c.map_or_else(|d| d, |v| Decimal::new(v, scale))),
                    );
                }
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// `rows` rows without a price.
    #[cfg(feature = "arrow")]
    pub(crate) fn unpriced(rows: usize) -> Costs {
        Costs {
            scaled: vec![UNPRICED; rows],
            exact: Vec::new(),
        }
    }

    /// Adds row `row`'s cost (`None`: no price at this amount). Rows come in order.
    pub(crate) fn push(&mut self, row: u32, cost: Option<Decimal>) {
        let scaled = match cost.map(Cost::of) {
            None => UNPRICED,
            Some(Cost::Scaled(v)) if v != UNPRICED && v != EXACT => v,
            Some(_) => {
                self.exact.push((row, cost.unwrap_or_default()));
                EXACT
            }
        };
        self.scaled.push(scaled);
    }

    /// The cost of the row whose scaled entry is `scaled` (its entry in `self.scaled`).
    fn cost(&self, row: u32, scaled: i64) -> Option<Cost> {
        match scaled {
            UNPRICED => None,
            EXACT => {
                let at = self.exact.binary_search_by_key(&row, |(r, _)| *r).ok()?;
                self.exact.get(at).map(|(_, d)| Cost::of(*d))
            }
            v => Some(Cost::Scaled(v)),
        }
    }
}

/// Service rows as dictionary-coded columns, for fast repeated aggregation: build one with
/// [`Frame::from_observations`] (a dataset already read) or [`FrameBuilder`] (a columnar
/// source, without building [`Observation`](crate::Observation)s), then call
/// [`Frame::group`], [`Frame::indicators`] or [`Partial::add_frame`](crate::Partial::add_frame)
/// as often as needed. Every figure is the one the row functions ([`group`](crate::group),
/// [`indicators`](crate::indicators), [`Partial::add`](crate::Partial::add)) give on the same
/// rows, to the last digit.
///
/// ```
/// use remitcost::{group, AggregateOptions, Dimension, Frame};
/// let data = remitcost::read_rpw_csv(std::fs::File::open("../testdata/rpw/sample.csv").unwrap()).unwrap();
/// let frame = Frame::from_observations(&data.observations).unwrap();
/// assert_eq!(frame.len(), data.observations.len());
/// let (dims, options) = ([Dimension::Period, Dimension::Corridor], AggregateOptions::default());
/// assert_eq!(frame.group(&dims, &options).unwrap(), group(&data.observations, &dims, &options).unwrap());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Frame {
    /// Each row's source row number ([`Observation::row`](crate::Observation::row)).
    row: Vec<usize>,
    period: Column<Period>,
    text: [Column<Box<str>>; TEXTS],
    transparent: Vec<bool>,
    /// Costs at USD 200 (`cc1`) and USD 500 (`cc2`).
    costs: [Costs; 2],
    /// The columns of [`Observation::extra`](crate::Observation::extra), ascending by name
    /// (the order a `BTreeMap` iterates in); a row without the column has [`MISSING`].
    extra: Vec<(Box<str>, Column<Box<str>>)>,
}

impl Frame {
    /// How many rows.
    ///
    /// ```
    /// assert_eq!(remitcost::Frame::from_observations(&[]).unwrap().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.row.len()
    }

    /// Whether the frame has no row.
    ///
    /// ```
    /// assert!(remitcost::Frame::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.row.is_empty()
    }

    /// [`group`](crate::group) over the frame's rows: the same [`Grouping`], to the last
    /// digit. Errors: as [`group`](crate::group); a column the frame does not hold (`id`,
    /// `inter lcu bank fx`, an amount block's values) is
    /// [`Error::Incompatible`](crate::Error::Incompatible) ([`Framed`] then groups the rows).
    ///
    /// ```
    /// use remitcost::{AggregateOptions, Dimension, Frame};
    /// let data = remitcost::read_rpw_csv(std::fs::File::open("../testdata/rpw/sample.csv").unwrap()).unwrap();
    /// let frame = Frame::from_observations(&data.observations).unwrap();
    /// let g = frame.group(&[Dimension::Period, Dimension::FirmType], &AggregateOptions::default()).unwrap();
    /// assert_eq!(g, remitcost::group(&data.observations, &g.dimensions, &AggregateOptions::default()).unwrap());
    /// ```
    pub fn group(&self, dimensions: &[Dimension], options: &AggregateOptions) -> Result<Grouping> {
        let (groups, left_out) = self.gather(dimensions, options)?;
        let groups = summarize_groups(self, dimensions, options, groups)?;
        Ok(grouping_of(dimensions, groups, left_out, options))
    }

    /// [`indicators`](crate::indicators) over the frame's rows: the same [`Indicators`], to
    /// the last digit. Errors: as [`indicators`](crate::indicators).
    ///
    /// ```
    /// use remitcost::{indicators, AggregateOptions, Frame};
    /// let data = remitcost::read_rpw_csv(std::fs::File::open("../testdata/rpw/sample.csv").unwrap()).unwrap();
    /// let frame = Frame::from_observations(&data.observations).unwrap();
    /// let options = AggregateOptions::default();
    /// assert_eq!(frame.indicators(&options, None).unwrap(), indicators(&data.observations, &options, None).unwrap());
    /// ```
    pub fn indicators(
        &self,
        options: &AggregateOptions,
        weights: Option<&CorridorWeights>,
    ) -> Result<Indicators> {
        let dims = [Dimension::Period, Dimension::Corridor];
        let (groups, left_out) = self.gather(&dims, options)?;
        let groups = summarize_groups(self, &dims, options, groups)?;
        indicators_of(groups, left_out, options, weights)
    }

    fn text(&self, column: Text) -> &Column<Box<str>> {
        // One column per variant: in range.
        &self.text[column as usize]
    }

    fn text_of(&self, column: Text, row: u32) -> &str {
        let c = self.text(column);
        c.value(c.code(row)).map_or("", |v| v)
    }

    fn costs(&self, amount: RpwAmount) -> &Costs {
        let [usd200, usd500] = &self.costs;
        match amount {
            RpwAmount::Usd200 => usd200,
            RpwAmount::Usd500 => usd500,
        }
    }

    /// Row `a` against row `b` by the fields of [`Rows::tie`] before the names: firm, source
    /// row, period, sending code. Only where these are equal do the names decide.
    #[cfg(feature = "arrow")]
    pub(crate) fn tie_before_names(&self, a: u32, b: u32) -> Ordering {
        let key = |row: u32| {
            let (firm, source_row, period, codes) = self.tie_key(row);
            (firm, source_row, period, codes[0])
        };
        key(a).cmp(&key(b))
    }

    /// The codes of row `row` in the tie order of [`Rows::tie`].
    fn tie_key(&self, row: u32) -> (u32, usize, u32, [u32; 6]) {
        let code = |c: Text| self.text(c).code(row);
        (
            code(Text::Firm),
            self.row.get(row as usize).copied().unwrap_or(0),
            self.period.code(row),
            [
                code(Text::SourceCode),
                code(Text::SourceName),
                code(Text::SourceRegion),
                code(Text::DestinationCode),
                code(Text::DestinationName),
                code(Text::DestinationRegion),
            ],
        )
    }
}

impl Rows for Frame {
    fn tie(&self, a: u32, b: u32) -> Ordering {
        self.tie_key(a).cmp(&self.tie_key(b))
    }
    fn firm_order(&self, a: u32, b: u32) -> Ordering {
        let firm = self.text(Text::Firm);
        firm.code(a).cmp(&firm.code(b))
    }
    fn named(&self, row: u32) -> Option<Named<'_>> {
        let period = *self.period.value(self.period.code(row))?;
        let text = |c: Text| self.text_of(c, row);
        Some(Named {
            firm: text(Text::Firm),
            row: self.row.get(row as usize).copied()?,
            period,
            source_code: text(Text::SourceCode),
            source_name: text(Text::SourceName),
            source_region: text(Text::SourceRegion),
            destination_code: text(Text::DestinationCode),
            destination_name: text(Text::DestinationName),
            destination_region: text(Text::DestinationRegion),
        })
    }
}
