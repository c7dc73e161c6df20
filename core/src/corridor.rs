//! Statistics per group of services: grouping by any combination of keys (period, corridor,
//! countries, regions, RSP type, product, access point, speed) and, per group, count, mean,
//! median, min, max, the cheapest service and SmaRT — exact, rounded only when reported.

use crate::decimal::{add, div};
use crate::eligibility::Eligibility;
use crate::error::{Error, Result};
use crate::money::Rounding;
use crate::observation::{Observation, Period, RpwAmount};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A key to group by. Groupings combine: `[Period, DestinationRegion, FirmType]` is receiving
/// region × RSP type × quarter.
///
/// Text keys are the published strings (as the reader normalised them); `Corridor` is the
/// sending and receiving codes together (`FRASEN`); `Period` displays as `2025_1Q`. In JSON:
/// `"period"`, `"corridor"`, `"source_country"`, `"destination_country"`, `"source_region"`,
/// `"destination_region"`, `"firm_type"`, `"instrument"`, `"access_point"`, `"speed"`.
///
/// ```
/// use remitcost::Dimension;
/// let dims: Vec<Dimension> = serde_json::from_str(r#"["period", "firm_type"]"#).unwrap();
/// assert_eq!(dims, [Dimension::Period, Dimension::FirmType]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// The survey quarter.
    Period,
    /// The corridor: sending × receiving country.
    Corridor,
    /// The sending country (`source_code`).
    SourceCountry,
    /// The receiving country (`destination_code`).
    DestinationCountry,
    /// The sending country's region (`source_region`).
    SourceRegion,
    /// The receiving country's region (`destination_region`), RPW's regional averages.
    DestinationRegion,
    /// The RSP type (`firm_type`).
    FirmType,
    /// The product: payment instrument.
    Instrument,
    /// The access point.
    AccessPoint,
    /// The speed as published (`speed actual`).
    Speed,
}

/// Whether a corridor "above" a threshold is strictly above it or at least at it. Official
/// texts disagree on whether exactly 5.00% passes the SDG 10.c target, so it is the caller's
/// choice. In JSON: `"greater_than"` (the default) or `"at_least"`.
///
/// ```
/// use remitcost::{Comparison, Decimal};
/// let five = Decimal::from(5);
/// assert!(!Comparison::GreaterThan.holds(five, five));
/// assert!(Comparison::AtLeast.holds(five, five));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// `value > threshold`.
    #[default]
    GreaterThan,
    /// `value >= threshold`.
    AtLeast,
}

impl Comparison {
    /// Whether `value` is above `threshold` under this comparison.
    pub fn holds(self, value: Decimal, threshold: Decimal) -> bool {
        match self {
            Comparison::GreaterThan => value > threshold,
            Comparison::AtLeast => value >= threshold,
        }
    }
}

/// Options of [`group`](crate::group) and the indicators. In JSON every field is optional:
///
/// - `amount`: which RPW amount (`"usd200"`, the default, or `"usd500"`);
/// - `include_non_transparent`: count services with `transparent = no` in the averages (their
///   literal 0 margin does not mean no cost, so RPW leaves them out: default `false`; they are
///   never SmaRT-eligible while `eligibility.transparent` holds);
/// - `eligibility`: the SmaRT predicate ([`Eligibility`], RPW's by default);
/// - `smart_min_services`: eligible services a corridor needs for a SmaRT (default 3; 0 acts
///   as 1);
/// - `comparison`: what "above 5%" means ([`Comparison`], default strictly greater);
/// - `rounding`: the rule for every reported percentage (4 places), default half-even.
///
/// ```
/// let o: remitcost::AggregateOptions = serde_json::from_str(r#"{"amount": "usd500"}"#).unwrap();
/// assert_eq!(o.amount, remitcost::RpwAmount::Usd500);
/// assert_eq!(o.smart_min_services, 3);
/// assert!(!o.include_non_transparent);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct AggregateOptions {
    /// The RPW amount priced.
    pub amount: RpwAmount,
    /// Count non-transparent services in averages.
    pub include_non_transparent: bool,
    /// The SmaRT eligibility predicate.
    pub eligibility: Eligibility,
    /// The fewest eligible services a corridor needs for a SmaRT.
    pub smart_min_services: usize,
    /// Strictly above, or at or above, a threshold.
    pub comparison: Comparison,
    /// The rounding rule of reported percentages.
    pub rounding: Rounding,
}

impl Default for AggregateOptions {
    fn default() -> Self {
        AggregateOptions {
            amount: RpwAmount::Usd200,
            include_non_transparent: false,
            eligibility: Eligibility::default(),
            smart_min_services: 3,
            comparison: Comparison::GreaterThan,
            rounding: Rounding::HalfEven,
        }
    }
}

/// Rows left out of an aggregation, and why. Nothing is dropped silently.
///
/// ```
/// let left = remitcost::LeftOut::default();
/// assert_eq!((left.non_transparent, left.unpriced), (0, 0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LeftOut {
    /// Rows with `transparent = no` (left out unless `include_non_transparent`).
    pub non_transparent: usize,
    /// Rows with no price at the chosen amount (no `cc2` block for USD 500, say).
    pub unpriced: usize,
}

/// The statistics of one group. Percentages are rounded to 4 places under the options' rule,
/// each from its exact value.
///
/// - `key`: the group's value for each dimension, in the grouping's order;
/// - `count`: services (or corridors) in the group; `mean_pct`, `median_pct` (the mean of the
///   two middle values for an even count), `min_pct`, `max_pct` of their total cost;
/// - `cheapest`: the firm (or corridor) with the lowest cost; on a tie, the first by name;
/// - `eligible`: services eligible for SmaRT (for groups of corridors: corridors with a SmaRT);
/// - `smart_pct`: where it applies — a group of services of one corridor in one period with
///   enough eligible services (see [`indicators`](crate::indicators)); a group of corridors
///   with at least one SmaRT (their mean); `None` otherwise;
/// - `change_pp`: when `period` is a dimension, the mean minus the mean of the same group in
///   the previous quarter, in percentage points; `None` when that group has no data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GroupStat {
    /// The group's key values, one per dimension.
    pub key: Vec<String>,
    /// How many services (or corridors).
    pub count: usize,
    /// Mean total cost, percent.
    pub mean_pct: Decimal,
    /// Median total cost, percent.
    pub median_pct: Decimal,
    /// Lowest total cost, percent.
    pub min_pct: Decimal,
    /// Highest total cost, percent.
    pub max_pct: Decimal,
    /// The firm (or corridor) offering `min_pct`.
    pub cheapest: String,
    /// Services eligible for SmaRT (corridors with a SmaRT).
    pub eligible: usize,
    /// SmaRT, percent, where it applies.
    pub smart_pct: Option<Decimal>,
    /// Change of the mean from the previous quarter, percentage points.
    pub change_pp: Option<Decimal>,
}

/// Groups and their statistics, ordered by key (periods chronologically, text by byte order),
/// with the rows left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Grouping {
    /// The dimensions grouped by, in key order.
    pub dimensions: Vec<Dimension>,
    /// One entry per non-empty group; a combination with no row has no entry.
    pub groups: Vec<GroupStat>,
    /// Rows left out, by reason.
    pub left_out: LeftOut,
}

/// Groups services by `dimensions` (none: one group of everything) and computes each group's
/// statistics for the options' amount, leaving out non-transparent rows unless asked.
///
/// ```
/// use remitcost::{group, AggregateOptions, Dimension, Observation};
/// let row = |firm: &str, cost: &str, transparent: bool| -> Observation {
///     serde_json::from_value(serde_json::json!({"row": 2, "id": null, "period": "2025_1Q",
///         "source_code": "FRA", "source_name": "France", "source_region": "",
///         "destination_code": "SEN", "destination_name": "Senegal", "destination_region": "",
///         "firm": firm, "firm_type": "Bank", "instrument": "Cash", "access_point": "Agent",
///         "speed": "Same day", "transparent": transparent, "cc2": null, "interbank_fx": null,
///         "extra": {}, "cc1": {"amount": "200", "denomination_amount": null, "currency": null,
///         "fee": "0", "fx_rate": null, "fx_margin_pct": "0", "total_cost_pct": cost}})).unwrap()
/// };
/// let rows = [row("A", "4", true), row("B", "6", true), row("C", "9", true), row("D", "0", false)];
/// let g = group(&rows, &[Dimension::Corridor], &AggregateOptions::default()).unwrap();
/// let s = &g.groups[0];
/// assert_eq!(s.key, ["FRASEN"]);
/// assert_eq!((s.count, s.mean_pct.to_string(), s.median_pct.to_string()), (3, "6.3333".into(), "6.0000".into()));
/// assert_eq!((s.cheapest.as_str(), s.smart_pct.unwrap().to_string()), ("A", "6.3333".into()));
/// assert_eq!(g.left_out.non_transparent, 1);
/// ```
pub fn group(
    observations: &[Observation],
    dimensions: &[Dimension],
    options: &AggregateOptions,
) -> Result<Grouping> {
    let (services, left_out) = select(observations, options);
    let groups = service_groups(&services, dimensions, options)?;
    let stats = groups.into_iter().map(|(stat, _)| stat).collect();
    Ok(Grouping {
        dimensions: dimensions.to_vec(),
        groups: finish(dimensions, stats, options.rounding),
        left_out,
    })
}

// ---------------------------------------------------------------------------------------------
// The engine, shared by groups of services and groups of corridors.

/// A fast, non-cryptographic hasher (the multiply-rotate hash of rustc's FxHasher): group keys
/// are the program's own data, so hash flooding is not a concern, and it is several times
/// faster than SipHash on short keys.
#[derive(Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

impl FastHasher {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        let mut word = [0u8; 8];
        for (w, b) in word.iter_mut().zip(chunks.remainder()) {
            *w = *b;
        }
        self.mix(u64::from_le_bytes(word));
    }
    fn write_u8(&mut self, n: u8) {
        self.mix(u64::from(n));
    }
    fn write_u16(&mut self, n: u16) {
        self.mix(u64::from(n));
    }
    fn write_u32(&mut self, n: u32) {
        self.mix(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.mix(n);
    }
    fn write_usize(&mut self, n: usize) {
        self.mix(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// One dimension's value for one row, borrowed from the row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Part<'a> {
    Period(Period),
    Text(&'a str),
    Pair(&'a str, &'a str),
}

impl Part<'_> {
    pub(crate) fn display(&self) -> String {
        match self {
            Part::Period(p) => p.to_string(),
            Part::Text(t) => (*t).to_string(),
            Part::Pair(a, b) => format!("{a}{b}"),
        }
    }
}

/// One group: its key and its members (indexes into the rows, in row order).
pub(crate) struct Group<'a> {
    pub key: Vec<Part<'a>>,
    pub members: Vec<u32>,
}

fn too_many() -> Error {
    Error::Overflow("grouping: more than 4294967295 rows or groups")
}

fn index(n: usize) -> Result<u32> {
    u32::try_from(n).map_err(|_| too_many())
}

/// Partitions rows `0..n` by `dims`, each row's key given by `part`, into groups ordered by
/// key. Keys are interned per dimension and combined pairwise, so no string is copied per row.
pub(crate) fn partition<'a>(
    n: usize,
    dims: &[Dimension],
    part: impl Fn(usize, Dimension) -> Result<Part<'a>>,
) -> Result<Vec<Group<'a>>> {
    if n == 0 {
        return Ok(Vec::new());
    }
    index(n)?;
    let mut gid: Vec<u32> = vec![0; n];
    let mut keys: Vec<Vec<u32>> = vec![Vec::new()];
    let mut distinct: Vec<Vec<Part<'a>>> = Vec::with_capacity(dims.len());
    for &dim in dims {
        let mut ids: FastMap<Part<'a>, u32> = FastMap::default();
        let mut values: Vec<Part<'a>> = Vec::new();
        let mut pairs: FastMap<(u32, u32), u32> = FastMap::default();
        let mut next_keys: Vec<Vec<u32>> = Vec::new();
        for (row, g) in gid.iter_mut().enumerate() {
            let value = part(row, dim)?;
            let id = match ids.get(&value) {
                Some(id) => *id,
                None => {
                    let id = index(values.len())?;
                    values.push(value);
                    ids.insert(value, id);
                    id
                }
            };
            *g = match pairs.get(&(*g, id)) {
                Some(next) => *next,
                None => {
                    let next = index(next_keys.len())?;
                    let mut key = keys.get(*g as usize).cloned().unwrap_or_default();
                    key.push(id);
                    next_keys.push(key);
                    pairs.insert((*g, id), next);
                    next
                }
            };
        }
        keys = next_keys;
        distinct.push(values);
    }
    // Order groups by key: rank each dimension's distinct values, compare rank tuples.
    let ranks: Vec<Vec<u32>> = distinct
        .iter()
        .map(|values| {
            let mut order: Vec<u32> = (0..index(values.len())?).collect();
            order.sort_by(|a, b| values.get(*a as usize).cmp(&values.get(*b as usize)));
            let mut rank = vec![0u32; values.len()];
            for (r, id) in order.iter().enumerate() {
                if let Some(slot) = rank.get_mut(*id as usize) {
                    *slot = index(r)?;
                }
            }
            Ok(rank)
        })
        .collect::<Result<_>>()?;
    let ranked = |g: &Vec<u32>| -> Vec<u32> {
        g.iter()
            .zip(&ranks)
            .map(|(id, rank)| rank.get(*id as usize).copied().unwrap_or(0))
            .collect()
    };
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by_cached_key(|g| keys.get(*g).map(ranked).unwrap_or_default());
    let mut position = vec![0usize; keys.len()];
    for (pos, g) in order.iter().enumerate() {
        if let Some(slot) = position.get_mut(*g) {
            *slot = pos;
        }
    }
    let mut counts = vec![0usize; keys.len()];
    for g in &gid {
        if let Some(c) = counts.get_mut(*g as usize) {
            *c = c.saturating_add(1);
        }
    }
    let mut groups: Vec<Group<'a>> = order
        .iter()
        .map(|g| Group {
            key: keys
                .get(*g)
                .map(|ids| {
                    ids.iter()
                        .zip(&distinct)
                        .filter_map(|(id, values)| values.get(*id as usize).copied())
                        .collect()
                })
                .unwrap_or_default(),
            members: Vec::with_capacity(counts.get(*g).copied().unwrap_or(0)),
        })
        .collect();
    for (row, g) in gid.iter().enumerate() {
        if let Some(group) = position
            .get(*g as usize)
            .and_then(|pos| groups.get_mut(*pos))
        {
            group.members.push(index(row)?);
        }
    }
    Ok(groups)
}

/// Exact statistics of one group.
pub(crate) struct Summary {
    pub count: usize,
    pub sum: Decimal,
    pub mean: Decimal,
    pub median: Decimal,
    pub min: Decimal,
    pub max: Decimal,
    /// The member with the lowest value (the first by label on a tie).
    pub cheapest: u32,
}

/// Count, sum, mean, median (mean of the two middles for an even count), min, max and the
/// cheapest member of a non-empty group. `scratch` is reused between groups.
pub(crate) fn summarize<'a>(
    members: &[u32],
    value: impl Fn(u32) -> Decimal,
    label: impl Fn(u32) -> &'a str,
    scratch: &mut Vec<Decimal>,
) -> Result<Summary> {
    let first = *members
        .first()
        .ok_or_else(|| Error::NoData("an empty group".into()))?;
    scratch.clear();
    let mut sum = Decimal::ZERO;
    let (mut min, mut max, mut cheapest) = (value(first), value(first), first);
    for &m in members {
        let v = value(m);
        sum = add(sum, v, "group sum")?;
        if v < min || (v == min && label(m) < label(cheapest)) {
            min = v;
            cheapest = m;
        }
        if v > max {
            max = v;
        }
        scratch.push(v);
    }
    let count = members.len();
    let mean = div(sum, Decimal::from(count), "group mean")?;
    let mid = count / 2;
    let (lower_half, upper, _) = scratch.select_nth_unstable(mid);
    let upper = *upper;
    let median = if count % 2 == 1 {
        upper
    } else {
        let lower = lower_half.iter().max().copied().unwrap_or(upper);
        div(
            add(lower, upper, "group median")?,
            Decimal::TWO,
            "group median",
        )?
    };
    Ok(Summary {
        count,
        sum,
        mean,
        median,
        min,
        max,
        cheapest,
    })
}

/// SmaRT of one corridor: the mean of its three cheapest eligible services, or of all of them
/// when there are fewer than three but at least `min_services` (0 acts as 1); `None` when
/// there are fewer. Ties: the services taken are the cheapest by cost, then by firm name; a tie
/// at the third place cannot change the mean (the tied costs are equal), only which firm is
/// named. Returns the mean and the firms taken, cheapest first.
pub(crate) fn three_cheapest(
    mut eligible: Vec<(Decimal, &str)>,
    min_services: usize,
) -> Result<Option<(Decimal, Vec<&str>)>> {
    if eligible.is_empty() || eligible.len() < min_services {
        return Ok(None);
    }
    let take = eligible.len().min(3);
    if eligible.len() > take {
        eligible.select_nth_unstable(take.saturating_sub(1));
        eligible.truncate(take);
    }
    eligible.sort_unstable();
    let mut sum = Decimal::ZERO;
    for (v, _) in &eligible {
        sum = add(sum, *v, "smart")?;
    }
    let mean = div(sum, Decimal::from(take), "smart")?;
    Ok(Some((mean, eligible.into_iter().map(|(_, f)| f).collect())))
}

/// Fills `change_pp` (when `Period` is a dimension) from the exact means, then rounds.
pub(crate) fn finish(
    dims: &[Dimension],
    mut stats: Vec<GroupStat>,
    rounding: Rounding,
) -> Vec<GroupStat> {
    if let Some(at) = dims.iter().position(|d| *d == Dimension::Period) {
        let means: HashMap<&[String], Decimal> = stats
            .iter()
            .map(|s| (s.key.as_slice(), s.mean_pct))
            .collect();
        let changes: Vec<Option<Decimal>> = stats
            .iter()
            .map(|s| {
                let previous = s
                    .key
                    .get(at)
                    .and_then(|p| p.parse::<Period>().ok())
                    .and_then(|p| p.previous())?;
                let mut key = s.key.clone();
                if let Some(slot) = key.get_mut(at) {
                    *slot = previous.to_string();
                }
                let before = means.get(key.as_slice())?;
                s.mean_pct.checked_sub(*before)
            })
            .collect();
        for (s, change) in stats.iter_mut().zip(changes) {
            s.change_pp = change;
        }
    }
    let pct = |d: Decimal| rounding.round_pct(d);
    for s in &mut stats {
        s.mean_pct = pct(s.mean_pct);
        s.median_pct = pct(s.median_pct);
        s.min_pct = pct(s.min_pct);
        s.max_pct = pct(s.max_pct);
        s.smart_pct = s.smart_pct.map(pct);
        s.change_pp = s.change_pp.map(pct);
    }
    stats
}

// ---------------------------------------------------------------------------------------------
// Services.

/// A row kept for aggregation: its cost at the chosen amount and whether it is SmaRT-eligible.
pub(crate) struct Service<'a> {
    pub obs: &'a Observation,
    pub cost: Decimal,
    pub eligible: bool,
}

/// The rows an aggregation uses, and those it leaves out.
pub(crate) fn select<'a>(
    observations: &'a [Observation],
    options: &AggregateOptions,
) -> (Vec<Service<'a>>, LeftOut) {
    let mut left_out = LeftOut::default();
    let mut speeds: FastMap<&'a str, bool> = FastMap::default();
    let mut services = Vec::with_capacity(observations.len());
    for obs in observations {
        let Some(price) = obs.price(options.amount) else {
            left_out.unpriced = left_out.unpriced.saturating_add(1);
            continue;
        };
        if !obs.transparent && !options.include_non_transparent {
            left_out.non_transparent = left_out.non_transparent.saturating_add(1);
            continue;
        }
        let fast = *speeds
            .entry(obs.speed.as_str())
            .or_insert_with(|| options.eligibility.accepts_speed(&obs.speed));
        services.push(Service {
            obs,
            cost: price.total_cost_pct,
            eligible: fast && options.eligibility.accepts_without_speed(obs),
        });
    }
    (services, left_out)
}

/// A service's value of one dimension.
pub(crate) fn service_part(obs: &Observation, dim: Dimension) -> Part<'_> {
    match dim {
        Dimension::Period => Part::Period(obs.period),
        Dimension::Corridor => Part::Pair(&obs.source_code, &obs.destination_code),
        Dimension::SourceCountry => Part::Text(&obs.source_code),
        Dimension::DestinationCountry => Part::Text(&obs.destination_code),
        Dimension::SourceRegion => Part::Text(&obs.source_region),
        Dimension::DestinationRegion => Part::Text(&obs.destination_region),
        Dimension::FirmType => Part::Text(&obs.firm_type),
        Dimension::Instrument => Part::Text(&obs.instrument),
        Dimension::AccessPoint => Part::Text(&obs.access_point),
        Dimension::Speed => Part::Text(&obs.speed),
    }
}

/// Exact statistics of each group of services, with its summary (for sums) and the firms its
/// SmaRT takes.
pub(crate) struct ServiceGroup<'a> {
    pub summary: Summary,
    pub first: &'a Observation,
    pub smart_firms: Vec<&'a str>,
}

/// Groups services and computes each group's exact statistics (not rounded, no change yet).
pub(crate) fn service_groups<'a>(
    services: &[Service<'a>],
    dims: &[Dimension],
    options: &AggregateOptions,
) -> Result<Vec<(GroupStat, ServiceGroup<'a>)>> {
    let get = |i: u32| services.get(i as usize);
    let groups = partition(services.len(), dims, |row, dim| {
        services
            .get(row)
            .map(|s| service_part(s.obs, dim))
            .ok_or_else(|| Error::NoData("row out of range".into()))
    })?;
    let one_corridor_period = dims.contains(&Dimension::Period)
        && (dims.contains(&Dimension::Corridor)
            || (dims.contains(&Dimension::SourceCountry)
                && dims.contains(&Dimension::DestinationCountry)));
    let mut scratch = Vec::new();
    let mut out = Vec::with_capacity(groups.len());
    for g in groups {
        let summary = summarize(
            &g.members,
            |i| get(i).map_or(Decimal::ZERO, |s| s.cost),
            |i| get(i).map_or("", |s| s.obs.firm.as_str()),
            &mut scratch,
        )?;
        let Some(first) = get(summary.cheapest).map(|s| s.obs) else {
            continue;
        };
        let eligible: Vec<(Decimal, &'a str)> = g
            .members
            .iter()
            .filter_map(|i| get(*i))
            .filter(|s| s.eligible)
            .map(|s| (s.cost, s.obs.firm.as_str()))
            .collect();
        let count_eligible = eligible.len();
        let applies = one_corridor_period
            || g.members.iter().filter_map(|i| get(*i)).all(|s| {
                s.obs.period == first.period
                    && s.obs.source_code == first.source_code
                    && s.obs.destination_code == first.destination_code
            });
        let smart = if applies {
            three_cheapest(eligible, options.smart_min_services)?
        } else {
            None
        };
        let (smart_pct, smart_firms) = match smart {
            Some((mean, firms)) => (Some(mean), firms),
            None => (None, Vec::new()),
        };
        let stat = GroupStat {
            key: g.key.iter().map(Part::display).collect(),
            count: summary.count,
            mean_pct: summary.mean,
            median_pct: summary.median,
            min_pct: summary.min,
            max_pct: summary.max,
            cheapest: first.firm.clone(),
            eligible: count_eligible,
            smart_pct,
            change_pp: None,
        };
        out.push((
            stat,
            ServiceGroup {
                summary,
                first,
                smart_firms,
            },
        ));
    }
    Ok(out)
}
