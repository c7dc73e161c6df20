//! Partial aggregation: the state behind [`group`](crate::group) and
//! [`indicators`](crate::indicators) computed per partition of the rows (a Spark partition, a
//! Polars batch, one file of many), sent between machines as JSON, merged in any order and
//! finished into exactly the one-pass result.
//!
//! Why the merge is exact, statistic by statistic (per group):
//!
//! - count, eligible count, rows left out: integer sums (checked);
//! - sum of costs: a Decimal sum, exact while it fits 28 digits (an RPW cost has a few
//!   places, so a sum of billions of them does) — so the order of the additions is
//!   irrelevant and the mean `sum / count` is the one-pass mean;
//! - median, min, max: the group's costs kept as a multiset (distinct value → how many
//!   services), merged by adding multiplicities. It is as large as the number of distinct
//!   costs in the group, never the number of rows: a corridor in a quarter has tens of
//!   services; a coarse group (a region over years) holds at most its distinct costs,
//!   which the one-pass computation holds anyway (it keeps every value). An exact median
//!   cannot be had for less. A pass's costs join the state unsorted and are sorted in only
//!   when needed in order (see [`Multiset`]), at most a few thousand of them per group;
//! - the cheapest service: the least by (cost, firm) as in one pass; ties of both are broken
//!   by the source row (the earliest, as one pass over the rows in file order does), then by
//!   the remaining fields, so the choice never depends on the order partitions arrive in;
//! - SmaRT: the three least eligible services by (cost, firm) — the order one pass uses to
//!   pick them. The three least of a union are among the three least of each part, so
//!   three candidates per partition suffice; services tied on both cost and firm are
//!   indistinguishable in the result (same cost, same name), so no further candidate is
//!   needed to resolve a tie at the third place;
//! - whether SmaRT applies to a group: whether all its services are of one corridor in one
//!   period, kept as that corridor or "several".
//!
//! Costs are kept normalised (`5.10` as `5.1`): every reported figure is rounded to 4 places
//! and rescaled, so this changes no result, and equal costs then merge to one entry whatever
//! their published scale.

use super::accumulator::{self, gather, one_corridor_period, smart_of, Gathered, Rows};
use super::dimension::Dimension;
use super::frame::Frame;
use super::grouping::{finish, GroupStat, Grouping};
use super::keys::Part;
use super::multiset::Multiset;
use super::options::{AggregateOptions, LeftOut};
use crate::decimal::{add, div};
use crate::error::{Error, Result};
use crate::indicator::{per_period, CorridorStat, CorridorWeights, Indicators};
use crate::observation::{Observation, Period};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize, Serializer};
use std::collections::BTreeMap;

/// One dimension's value in a group key, owned (so that it travels).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum KeyPart {
    Period(Period),
    Text(String),
    Pair(String, String),
    /// A number column's value (`cc1 lcu amount`, …).
    Number(#[serde(deserialize_with = "crate::decimal::de::decimal")] Decimal),
}

impl KeyPart {
    fn of(part: &Part<'_>) -> KeyPart {
        match part {
            Part::Period(p) => KeyPart::Period(*p),
            Part::Text(t) => KeyPart::Text((*t).to_string()),
            Part::Pair(a, b) => KeyPart::Pair((*a).to_string(), (*b).to_string()),
            Part::Number(n) => KeyPart::Number(*n),
        }
    }

    fn display(&self) -> String {
        match self {
            KeyPart::Period(p) => p.to_string(),
            KeyPart::Text(t) => t.clone(),
            KeyPart::Pair(a, b) => format!("{a}{b}"),
            KeyPart::Number(n) => n.normalize().to_string(),
        }
    }

    /// Whether this value has the shape of `dim`'s values: a period for `Period`, a pair for
    /// `Corridor`, text for every other named dimension, text or a number for a column.
    fn fits(&self, dim: &Dimension) -> bool {
        match (self, dim) {
            (KeyPart::Period(_), Dimension::Period) | (KeyPart::Pair(..), Dimension::Corridor) => {
                true
            }
            (_, Dimension::Period | Dimension::Corridor) => false,
            (KeyPart::Text(_) | KeyPart::Number(_), Dimension::Column(_)) => true,
            (KeyPart::Text(_), _) => true,
            _ => false,
        }
    }
}

/// The service a group names (its cheapest), ordered by cost, firm, source row, then the rest.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
struct Named {
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    cost: Decimal,
    firm: String,
    row: usize,
    period: Period,
    source_code: String,
    source_name: String,
    source_region: String,
    destination_code: String,
    destination_name: String,
    destination_region: String,
}

impl Named {
    fn of(row: accumulator::Named<'_>, cost: Decimal) -> Named {
        Named {
            cost,
            firm: row.firm.to_string(),
            row: row.row,
            period: row.period,
            source_code: row.source_code.to_string(),
            source_name: row.source_name.to_string(),
            source_region: row.source_region.to_string(),
            destination_code: row.destination_code.to_string(),
            destination_name: row.destination_name.to_string(),
            destination_region: row.destination_region.to_string(),
        }
    }
}

/// Whether a group's services are all of one corridor in one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Span {
    One(Period, String, String),
    Several,
}

/// The mergeable state of one group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct GroupState {
    count: usize,
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    sum: Decimal,
    /// The costs, as a multiset (serialized as its distinct costs, ascending, with counts).
    costs: Multiset,
    cheapest: Named,
    eligible: usize,
    /// The (up to) three least eligible services by (cost, firm), ascending.
    #[serde(deserialize_with = "crate::decimal::de::pairs")]
    smart: Vec<(Decimal, String)>,
    span: Span,
}

fn count_overflow() -> Error {
    Error::Overflow("partial aggregation count")
}

impl GroupState {
    fn merge(&mut self, other: GroupState) -> Result<()> {
        self.count = self
            .count
            .checked_add(other.count)
            .ok_or_else(count_overflow)?;
        // Normalised, as the costs are: equal sums reached in different orders (1.50 + 1.5
        // or 1.5 + 1.50) then serialize alike, so merged states compare byte for byte.
        self.sum = add(self.sum, other.sum, "partial aggregation sum")?.normalize();
        self.costs.merge(other.costs)?;
        if other.cheapest < self.cheapest {
            self.cheapest = other.cheapest;
        }
        self.eligible = self
            .eligible
            .checked_add(other.eligible)
            .ok_or_else(count_overflow)?;
        let mut smart = std::mem::take(&mut self.smart);
        smart.extend(other.smart);
        smart.sort_unstable();
        smart.truncate(3);
        self.smart = smart;
        if self.span != other.span {
            self.span = Span::Several;
        }
        Ok(())
    }

    /// SmaRT and the firms it takes, where it applies.
    fn smart(&self, applies: bool, min_services: usize) -> Result<Option<(Decimal, Vec<String>)>> {
        let least = self.smart.iter().map(|(cost, firm)| (*cost, firm.clone()));
        smart_of(applies, self.eligible, min_services, least)
    }

    /// Checks the invariants of a state read from outside.
    fn check(&self) -> Result<()> {
        let bad = |what: &str| Err(Error::InvalidJson(format!("partial aggregation: {what}")));
        if let Err(what) = self.costs.check(self.count) {
            return bad(what);
        }
        if self.eligible > self.count || self.smart.len() > self.eligible.min(3) {
            return bad("more eligible services than services");
        }
        if self.smart.len() != self.eligible.min(3) || !self.smart.is_sorted() {
            return bad("smart candidates not the three least");
        }
        Ok(())
    }
}

/// The state of an aggregation over part of the rows, to merge with the states of the other
/// parts and finish into the same [`Grouping`] as [`group`](crate::group) or the same
/// [`Indicators`] as [`indicators`](crate::indicators) over all the rows — to the last digit,
/// whatever the split and the order of the merges (see the module docs for why).
///
/// Serializes (serde, JSON) so that partial states travel between processes: a Spark
/// executor aggregates its partition, the driver merges. A state read back is checked (keys
/// fit the dimensions, counts add up) and refused as `invalid_json` otherwise.
///
/// ```
/// use remitcost::{group, AggregateOptions, Dimension, Observation, Partial};
/// let row = |n: usize, firm: &str, cost: &str| -> Observation {
///     serde_json::from_value(serde_json::json!({"row": n, "id": null, "period": "2025_1Q",
///         "source_code": "FRA", "source_name": "France", "source_region": "",
///         "destination_code": "SEN", "destination_name": "Senegal", "destination_region": "",
///         "firm": firm, "firm_type": "Bank", "instrument": "Cash", "access_point": "Agent",
///         "speed": "Same day", "transparent": true, "cc2": null, "interbank_fx": null,
///         "extra": {}, "cc1": {"amount": "200", "denomination_amount": null, "currency": null,
///         "fee": "0", "fx_rate": null, "fx_margin_pct": "0", "total_cost_pct": cost}})).unwrap()
/// };
/// let rows = [row(2, "A", "4"), row(3, "B", "6"), row(4, "C", "9"), row(5, "D", "7")];
/// let (dims, options) = ([Dimension::Corridor], AggregateOptions::default());
/// let mut left = Partial::new(&dims, &options);
/// left.add(&rows[..3]).unwrap();
/// let mut right = Partial::new(&dims, &options);
/// right.add(&rows[3..]).unwrap();
/// // The state travels as JSON, then merges.
/// let right: Partial = serde_json::from_str(&serde_json::to_string(&right).unwrap()).unwrap();
/// left.merge(right).unwrap();
/// assert_eq!(left.grouping().unwrap(), group(&rows, &dims, &options).unwrap());
/// assert_eq!(left.grouping().unwrap().groups[0].median_pct.to_string(), "6.5000");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "PartialRepr<Vec<KeyPart>, GroupState>")]
pub struct Partial {
    dimensions: Vec<Dimension>,
    options: AggregateOptions,
    groups: BTreeMap<Vec<KeyPart>, GroupState>,
    left_out: LeftOut,
}

/// The serialized form: groups as a list (JSON keys are strings only).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PartialRepr<K, G> {
    dimensions: Vec<Dimension>,
    options: AggregateOptions,
    groups: Vec<GroupRepr<K, G>>,
    left_out: LeftOut,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupRepr<K, G> {
    key: K,
    state: G,
}

impl Serialize for Partial {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        PartialRepr {
            dimensions: self.dimensions.clone(),
            options: self.options.clone(),
            groups: self
                .groups
                .iter()
                .map(|(key, state)| GroupRepr { key, state })
                .collect(),
            left_out: self.left_out,
        }
        .serialize(serializer)
    }
}

impl TryFrom<PartialRepr<Vec<KeyPart>, GroupState>> for Partial {
    type Error = Error;
    fn try_from(repr: PartialRepr<Vec<KeyPart>, GroupState>) -> Result<Partial> {
        let mut partial = Partial::new(&repr.dimensions, &repr.options);
        partial.left_out = repr.left_out;
        for GroupRepr { key, state } in repr.groups {
            let fits = key.len() == repr.dimensions.len()
                && key.iter().zip(&repr.dimensions).all(|(k, d)| k.fits(d));
            if !fits {
                return Err(Error::InvalidJson(format!(
                    "partial aggregation: key {:?} does not fit the dimensions",
                    key.iter().map(KeyPart::display).collect::<Vec<_>>()
                )));
            }
            state.check()?;
            if partial.groups.insert(key, state).is_some() {
                return Err(Error::InvalidJson(
                    "partial aggregation: a group listed twice".into(),
                ));
            }
        }
        Ok(partial)
    }
}

impl Partial {
    /// An empty state for grouping by `dimensions` under `options` (what
    /// [`group`](crate::group) takes).
    ///
    /// ```
    /// use remitcost::{AggregateOptions, Dimension, Partial};
    /// let p = Partial::new(&[Dimension::Period], &AggregateOptions::default());
    /// assert!(p.is_empty());
    /// assert!(p.grouping().unwrap().groups.is_empty());
    /// ```
    pub fn new(dimensions: &[Dimension], options: &AggregateOptions) -> Partial {
        Partial {
            dimensions: dimensions.to_vec(),
            options: options.clone(),
            groups: BTreeMap::new(),
            left_out: LeftOut::default(),
        }
    }

    /// An empty state for the RPW indicators: grouped by period and corridor, finished with
    /// [`Partial::indicators`].
    ///
    /// ```
    /// use remitcost::{AggregateOptions, Dimension, Partial};
    /// let p = Partial::for_indicators(&AggregateOptions::default());
    /// assert_eq!(p.dimensions(), [Dimension::Period, Dimension::Corridor]);
    /// assert!(p.indicators(None).unwrap().periods.is_empty());
    /// ```
    pub fn for_indicators(options: &AggregateOptions) -> Partial {
        Partial::new(&[Dimension::Period, Dimension::Corridor], options)
    }

    /// The dimensions grouped by.
    ///
    /// ```
    /// let p = remitcost::Partial::new(&[], &Default::default());
    /// assert!(p.dimensions().is_empty());
    /// ```
    pub fn dimensions(&self) -> &[Dimension] {
        &self.dimensions
    }

    /// The options the rows are aggregated under.
    ///
    /// ```
    /// let p = remitcost::Partial::new(&[], &Default::default());
    /// assert_eq!(p.options().smart_min_services, 3);
    /// ```
    pub fn options(&self) -> &AggregateOptions {
        &self.options
    }

    /// How many groups the state holds.
    ///
    /// ```
    /// let p = remitcost::Partial::new(&[], &Default::default());
    /// assert_eq!(p.len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// Whether the state holds no group.
    ///
    /// ```
    /// assert!(remitcost::Partial::new(&[], &Default::default()).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Rows left out so far, by reason.
    ///
    /// ```
    /// assert_eq!(remitcost::Partial::new(&[], &Default::default()).left_out().unpriced, 0);
    /// ```
    pub fn left_out(&self) -> LeftOut {
        self.left_out
    }

    /// Adds rows (one pass over them; call it once per batch, as often as needed).
    /// Errors: more than 4294967295 rows or groups in one call, or sums too large for a
    /// decimal, are [`Error::Overflow`].
    ///
    /// ```
    /// use remitcost::{Dataset, Partial};
    /// let data = remitcost::read_rpw_csv(std::fs::File::open("../testdata/rpw/sample.csv").unwrap()).unwrap();
    /// let mut p = Partial::for_indicators(&Default::default());
    /// p.add(&data.observations).unwrap();
    /// assert!(!p.is_empty());
    /// ```
    pub fn add(&mut self, observations: &[Observation]) -> Result<()> {
        let (groups, left_out) = gather(observations, &self.dimensions, &self.options)?;
        self.add_gathered(observations, groups, left_out)
    }

    /// Adds a [`Frame`]'s rows: the same state as [`Partial::add`] over the rows it was built
    /// from (one pass over its integer columns, no string read). Errors: as
    /// [`Partial::add`]; a dimension the frame does not code is [`Error::Incompatible`].
    ///
    /// ```
    /// use remitcost::{Frame, Partial};
    /// let data = remitcost::read_rpw_csv(std::fs::File::open("../testdata/rpw/sample.csv").unwrap()).unwrap();
    /// let mut by_rows = Partial::for_indicators(&Default::default());
    /// by_rows.add(&data.observations).unwrap();
    /// let mut by_frame = Partial::for_indicators(&Default::default());
    /// by_frame.add_frame(&Frame::from_observations(&data.observations).unwrap()).unwrap();
    /// assert_eq!(by_frame, by_rows);
    /// ```
    pub fn add_frame(&mut self, frame: &Frame) -> Result<()> {
        let (groups, left_out) = frame.gather(&self.dimensions, &self.options)?;
        self.add_gathered(frame, groups, left_out)
    }

    /// Adds one pass's groups (over `rows`) to the state.
    pub(crate) fn add_gathered<R: Rows + ?Sized>(
        &mut self,
        rows: &R,
        groups: Gathered<'_>,
        left_out: LeftOut,
    ) -> Result<()> {
        for (key, state) in states(rows, groups)? {
            match self.groups.get_mut(&key) {
                Some(existing) => existing.merge(state)?,
                None => {
                    self.groups.insert(key, state);
                }
            }
        }
        self.left_out.unpriced = self.left_out.unpriced.saturating_add(left_out.unpriced);
        self.left_out.non_transparent = self
            .left_out
            .non_transparent
            .saturating_add(left_out.non_transparent);
        Ok(())
    }

    /// Merges another part's state into this one. Merging is associative and commutative:
    /// any tree of merges over any split of the rows gives the same state. Errors: states of
    /// different dimensions or options are [`Error::Incompatible`].
    ///
    /// ```
    /// use remitcost::{AggregateOptions, Dimension, Partial};
    /// let mut a = Partial::new(&[Dimension::Period], &AggregateOptions::default());
    /// let b = Partial::new(&[Dimension::Corridor], &AggregateOptions::default());
    /// assert_eq!(a.merge(b).unwrap_err().code(), "incompatible");
    /// ```
    pub fn merge(&mut self, other: Partial) -> Result<()> {
        if self.dimensions != other.dimensions {
            return Err(Error::Incompatible(format!(
                "grouped by {:?} and by {:?}",
                self.dimensions, other.dimensions
            )));
        }
        if self.options != other.options {
            return Err(Error::Incompatible(
                "aggregated under different options".into(),
            ));
        }
        for (key, state) in other.groups {
            match self.groups.get_mut(&key) {
                Some(existing) => existing.merge(state)?,
                None => {
                    self.groups.insert(key, state);
                }
            }
        }
        self.left_out.unpriced = self
            .left_out
            .unpriced
            .saturating_add(other.left_out.unpriced);
        self.left_out.non_transparent = self
            .left_out
            .non_transparent
            .saturating_add(other.left_out.non_transparent);
        Ok(())
    }

    /// The groups and their statistics: the same [`Grouping`] as [`group`](crate::group) over
    /// all the rows merged. Errors: sums too large for a decimal ([`Error::Overflow`]).
    ///
    /// ```
    /// use remitcost::{group, AggregateOptions, Dimension, Partial};
    /// let data = remitcost::read_rpw_csv(std::fs::File::open("../testdata/rpw/sample.csv").unwrap()).unwrap();
    /// let dims = [Dimension::Period, Dimension::FirmType];
    /// let options = AggregateOptions::default();
    /// let mut whole = Partial::new(&dims, &options);
    /// for chunk in data.observations.chunks(7) {
    ///     let mut part = Partial::new(&dims, &options);
    ///     part.add(chunk).unwrap();
    ///     whole.merge(part).unwrap();
    /// }
    /// assert_eq!(whole.grouping().unwrap(), group(&data.observations, &dims, &options).unwrap());
    /// ```
    pub fn grouping(&self) -> Result<Grouping> {
        let one = one_corridor_period(&self.dimensions);
        let mut stats = Vec::with_capacity(self.groups.len());
        for (key, state) in &self.groups {
            let applies = one || matches!(state.span, Span::One(..));
            let smart_pct = state
                .smart(applies, self.options.smart_min_services)?
                .map(|(mean, _)| mean);
            let Some((min, max)) = state.costs.min_max() else {
                return Err(Error::NoData("an empty group".into()));
            };
            stats.push(GroupStat {
                key: key.iter().map(KeyPart::display).collect(),
                count: state.count,
                mean_pct: div(state.sum, Decimal::from(state.count), "group mean")?,
                median_pct: state.costs.median(state.count)?,
                min_pct: min,
                max_pct: max,
                cheapest: state.cheapest.firm.clone(),
                eligible: state.eligible,
                smart_pct,
                change_pp: None,
            });
        }
        Ok(Grouping {
            dimensions: self.dimensions.clone(),
            groups: finish(&self.dimensions, stats, self.options.rounding),
            left_out: self.left_out,
        })
    }

    /// The RPW indicators: the same [`Indicators`] as [`indicators`](crate::indicators) over
    /// all the rows merged. The state must be grouped by period and corridor
    /// ([`Partial::for_indicators`]), else [`Error::Incompatible`]; other errors as
    /// [`indicators`](crate::indicators).
    ///
    /// ```
    /// use remitcost::{indicators, AggregateOptions, Partial};
    /// let data = remitcost::read_rpw_csv(std::fs::File::open("../testdata/rpw/sample.csv").unwrap()).unwrap();
    /// let options = AggregateOptions::default();
    /// let (head, tail) = data.observations.split_at(20);
    /// let (mut a, mut b) = (Partial::for_indicators(&options), Partial::for_indicators(&options));
    /// a.add(tail).unwrap();
    /// b.add(head).unwrap();
    /// a.merge(b).unwrap();
    /// assert_eq!(a.indicators(None).unwrap(), indicators(&data.observations, &options, None).unwrap());
    /// ```
    pub fn indicators(&self, weights: Option<&CorridorWeights>) -> Result<Indicators> {
        if self.dimensions != [Dimension::Period, Dimension::Corridor] {
            return Err(Error::Incompatible(format!(
                "indicators need a grouping by period and corridor, not {:?}",
                self.dimensions
            )));
        }
        let mut totals: BTreeMap<Period, (Decimal, usize)> = BTreeMap::new();
        let mut corridors = Vec::with_capacity(self.groups.len());
        for state in self.groups.values() {
            let named = &state.cheapest;
            let entry = totals.entry(named.period).or_insert((Decimal::ZERO, 0));
            entry.0 = add(entry.0, state.sum, "global average")?;
            entry.1 = entry.1.saturating_add(state.count);
            let (smart_pct, smart_firms) = state
                .smart(true, self.options.smart_min_services)?
                .map_or((None, Vec::new()), |(mean, firms)| (Some(mean), firms));
            corridors.push(CorridorStat {
                period: named.period,
                source_code: named.source_code.clone(),
                source_name: named.source_name.clone(),
                source_region: Some(named.source_region.clone()),
                destination_code: named.destination_code.clone(),
                destination_name: named.destination_name.clone(),
                destination_region: Some(named.destination_region.clone()),
                services: Some(state.count),
                eligible: Some(state.eligible),
                average_pct: div(state.sum, Decimal::from(state.count), "corridor average")?,
                smart_pct,
                smart_firms,
            });
        }
        let periods = per_period(&corridors, Some(&totals), &self.options, weights)?;
        Ok(Indicators {
            periods,
            corridors: corridors
                .into_iter()
                .map(|c| c.rounded(self.options.rounding))
                .collect(),
            left_out: self.left_out,
        })
    }
}

/// The state of each of a pass's groups over `rows`, with its key. Cheap: a group's costs
/// move into its state unsorted (see [`Multiset`]).
fn states<R: Rows + ?Sized>(
    rows: &R,
    groups: Gathered<'_>,
) -> Result<Vec<(Vec<KeyPart>, GroupState)>> {
    let firm = |i: u32| {
        rows.identity(i)
            .map_or_else(String::new, |n| n.firm.to_string())
    };
    let mut out = Vec::with_capacity(groups.len());
    for (key, group) in groups {
        let (Some(cheapest), Some(first)) =
            (rows.named(group.cheapest.1), rows.identity(group.first))
        else {
            continue;
        };
        let state = GroupState {
            count: group.count(),
            sum: group.sum()?.normalize(),
            cheapest: Named::of(cheapest, group.cheapest.0.decimal().normalize()),
            eligible: group.eligible,
            smart: group
                .smart
                .iter()
                .map(|(cost, r)| (cost.decimal().normalize(), firm(*r)))
                .collect(),
            span: if group.several {
                Span::Several
            } else {
                Span::One(
                    first.period,
                    first.source_code.to_string(),
                    first.destination_code.to_string(),
                )
            },
            // Last: it takes the group's costs.
            costs: group.into_multiset()?,
        };
        out.push((key.iter().map(KeyPart::of).collect(), state));
    }
    Ok(out)
}
