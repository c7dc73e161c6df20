//! Statistics per group of services: grouping by any combination of keys (period, corridor,
//! countries, regions, RSP type, product, access point, speed) and, per group, count, mean,
//! median, min, max, the cheapest service and SmaRT — exact, rounded only when reported.

use crate::decimal::{add, div};
use crate::eligibility::Eligibility;
use crate::error::{Error, Result};
use crate::money::Rounding;
use crate::observation::{Observation, Period, Price, RpwAmount};
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
/// `"destination_region"`, `"firm_type"`, `"instrument"`, `"access_point"`, `"speed"`,
/// `"product"`, `"coverage"`, `"pickup_method"`; read also as `"sending_country"`,
/// `"receiving_country"`, `"sending_region"`, `"receiving_region"`, `"rsp_type"`,
/// `"sending_location"`, `"receiving_network_coverage"`.
///
/// ```
/// use remitcost::Dimension;
/// let dims: Vec<Dimension> = serde_json::from_str(r#"["period", "firm_type"]"#).unwrap();
/// assert_eq!(dims, [Dimension::Period, Dimension::FirmType]);
/// let alias: Dimension = serde_json::from_str(r#""receiving_region""#).unwrap();
/// assert_eq!(alias, Dimension::DestinationRegion);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// The survey quarter.
    Period,
    /// The corridor: sending × receiving country.
    Corridor,
    /// The sending country (`source_code`).
    #[serde(alias = "sending_country")]
    SourceCountry,
    /// The receiving country (`destination_code`).
    #[serde(alias = "receiving_country")]
    DestinationCountry,
    /// The sending country's region (`source_region`).
    #[serde(alias = "sending_region")]
    SourceRegion,
    /// The receiving country's region (`destination_region`), RPW's regional averages.
    #[serde(alias = "receiving_region")]
    DestinationRegion,
    /// The RSP type (`firm_type`).
    #[serde(alias = "rsp_type")]
    FirmType,
    /// The payment instrument (`payment instrument`).
    Instrument,
    /// The access point (`access point`; the pre-2016 layout's `sending location`).
    #[serde(alias = "sending_location")]
    AccessPoint,
    /// The speed as published (`speed actual`).
    Speed,
    /// The pre-2016 layout's `product` ("Cash to cash", "Account to account", …).
    Product,
    /// The receiving network coverage (`receiving network coverage`, pre-2016 `coverage`).
    #[serde(alias = "receiving_network_coverage")]
    Coverage,
    /// The pickup method (`pickup method`, pre-2016 `pick-up method`).
    PickupMethod,
    /// The sending country's income group (`source_income`; see
    /// [`Countries::classify`](crate::Countries::classify) for rows without it). This and the
    /// other classification dimensions below come with the cargo feature `countries` (on by
    /// default; the WebAssembly build leaves them out with the table, for its size budget).
    #[serde(alias = "sending_income")]
    #[cfg(feature = "countries")]
    SourceIncome,
    /// The receiving country's income group (`destination_income`).
    #[serde(alias = "receiving_income")]
    #[cfg(feature = "countries")]
    DestinationIncome,
    /// The sending country's lending category (`source_lending`).
    #[serde(alias = "sending_lending")]
    #[cfg(feature = "countries")]
    SourceLending,
    /// The receiving country's lending category (`destination_lending`).
    #[serde(alias = "receiving_lending")]
    #[cfg(feature = "countries")]
    DestinationLending,
    /// Whether the sending country is in the G8: `G8` or `non-G8` (from `source_G8G20`).
    #[serde(alias = "sending_g8")]
    #[cfg(feature = "countries")]
    SourceG8,
    /// Whether the sending country is in the G20: `G20` or `non-G20` (from `source_G8G20`).
    #[serde(alias = "sending_g20")]
    #[cfg(feature = "countries")]
    SourceG20,
    /// Whether the receiving country is in the G8 (from `destination_G8G20`).
    #[serde(alias = "receiving_g8")]
    #[cfg(feature = "countries")]
    DestinationG8,
    /// Whether the receiving country is in the G20 (from `destination_G8G20`).
    #[serde(alias = "receiving_g20")]
    #[cfg(feature = "countries")]
    DestinationG20,
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
    ///
    /// ```
    /// use remitcost::{Comparison, Decimal};
    /// assert!(Comparison::GreaterThan.holds(Decimal::new(501, 2), Decimal::from(5)));
    /// ```
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

impl LeftOut {
    /// The price `obs` counts with under `options`, or `None` with the reason tallied here:
    /// no price at the chosen amount, or not transparent while those are left out.
    pub(crate) fn price_of<'o>(
        &mut self,
        obs: &'o Observation,
        options: &AggregateOptions,
    ) -> Option<&'o Price> {
        let Some(price) = obs.price(options.amount) else {
            self.unpriced = self.unpriced.saturating_add(1);
            return None;
        };
        if !obs.transparent && !options.include_non_transparent {
            self.non_transparent = self.non_transparent.saturating_add(1);
            return None;
        }
        Some(price)
    }
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
///
/// ```
/// use remitcost::{group_corridors, AggregateOptions, CorridorStat, Dimension};
/// let c: CorridorStat = serde_json::from_str(
///     r#"{"period": "2020Q3", "source_code": "USA", "destination_code": "MEX", "average_pct": "5.25"}"#).unwrap();
/// let g = group_corridors(&[c], &[Dimension::Corridor], &AggregateOptions::default()).unwrap();
/// let stat: &remitcost::GroupStat = &g.groups[0];
/// assert_eq!((stat.count, stat.mean_pct.to_string()), (1, "5.2500".into()));
/// assert_eq!(serde_json::to_value(stat).unwrap()["median_pct"], "5.2500");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GroupStat {
    /// The group's key values, one per dimension.
    pub key: Vec<String>,
    /// How many services (or corridors).
    pub count: usize,
    /// Mean total cost, percent.
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub mean_pct: Decimal,
    /// Median total cost, percent.
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub median_pct: Decimal,
    /// Lowest total cost, percent.
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub min_pct: Decimal,
    /// Highest total cost, percent.
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub max_pct: Decimal,
    /// The firm (or corridor) offering `min_pct`.
    pub cheapest: String,
    /// Services eligible for SmaRT (corridors with a SmaRT).
    pub eligible: usize,
    /// SmaRT, percent, where it applies.
    #[serde(default, deserialize_with = "crate::decimal::de::option")]
    pub smart_pct: Option<Decimal>,
    /// Change of the mean from the previous quarter, percentage points.
    #[serde(default, deserialize_with = "crate::decimal::de::option")]
    pub change_pp: Option<Decimal>,
}

/// Groups and their statistics, ordered by key (periods chronologically, text by byte order),
/// with the rows left out.
///
/// ```
/// let g = remitcost::group(&[], &[remitcost::Dimension::Period], &Default::default()).unwrap();
/// assert!(g.groups.is_empty());
/// assert_eq!(serde_json::to_value(&g).unwrap()["dimensions"][0], "period");
/// ```
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
    let (groups, left_out) = service_groups(observations, dimensions, options)?;
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

/// A [`Part`] as a hash key: text up to 31 bytes is held inline in four words (its length in
/// the last byte), so that hashing and comparing keys takes a few integer operations instead
/// of a call to `memcmp` per row; longer text is kept by reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Compact<'a> {
    Period(Period),
    Short([u64; 4]),
    Long(&'a str),
    Pair([u64; 4], [u64; 4]),
    LongPair(&'a str, &'a str),
}

fn inline(text: &str) -> Option<[u64; 4]> {
    let bytes = text.as_bytes();
    let len = u8::try_from(bytes.len()).ok().filter(|n| *n < 32)?;
    let mut buf = [0u8; 32];
    for (b, t) in buf.iter_mut().zip(bytes) {
        *b = *t;
    }
    buf[31] = len;
    let mut words = [0u64; 4];
    for (w, chunk) in words.iter_mut().zip(buf.chunks_exact(8)) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        *w = u64::from_le_bytes(word);
    }
    Some(words)
}

impl<'a> Compact<'a> {
    pub(crate) fn of(part: Part<'a>) -> Self {
        match part {
            Part::Period(p) => Compact::Period(p),
            Part::Text(t) => inline(t).map_or(Compact::Long(t), Compact::Short),
            Part::Pair(a, b) => match (inline(a), inline(b)) {
                (Some(x), Some(y)) => Compact::Pair(x, y),
                _ => Compact::LongPair(a, b),
            },
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

/// Gives each distinct key (one [`Part`] per dimension) a group number, row by row, without
/// copying any string: each dimension's values are interned, and the numbers combine pairwise
/// (group so far × this dimension's value → next group), so a key of any length costs one
/// small hash lookup per dimension.
pub(crate) struct Interner<'a> {
    /// Per dimension: value → its number, and the values in order of first sight.
    ids: Vec<FastMap<Compact<'a>, u32>>,
    values: Vec<Vec<Part<'a>>>,
    /// Per dimension: the last value seen and its number (rows often come sorted).
    last: Vec<Option<(Compact<'a>, u32)>>,
    /// Per dimension: (group so far, value number) → group, and each group's (parent, value).
    pairs: Vec<FastMap<(u32, u32), u32>>,
    nodes: Vec<Vec<(u32, u32)>>,
    any: bool,
}

impl<'a> Interner<'a> {
    pub(crate) fn new(dims: usize) -> Self {
        Interner {
            ids: (0..dims).map(|_| FastMap::default()).collect(),
            values: vec![Vec::new(); dims],
            last: vec![None; dims],
            pairs: (0..dims).map(|_| FastMap::default()).collect(),
            nodes: vec![Vec::new(); dims],
            any: false,
        }
    }

    /// The group number of one row's key (its parts in dimension order).
    pub(crate) fn group_of(&mut self, parts: impl Iterator<Item = Part<'a>>) -> Result<u32> {
        self.any = true;
        let mut g = 0u32;
        let levels = self
            .ids
            .iter_mut()
            .zip(self.values.iter_mut().zip(self.last.iter_mut()))
            .zip(self.pairs.iter_mut().zip(self.nodes.iter_mut()));
        for (part, ((ids, (values, last)), (pairs, nodes))) in parts.zip(levels) {
            let key = Compact::of(part);
            let id = match last {
                Some((k, id)) if *k == key => *id,
                _ => {
                    let id = match ids.get(&key) {
                        Some(id) => *id,
                        None => {
                            let id = index(values.len())?;
                            values.push(part);
                            ids.insert(key, id);
                            id
                        }
                    };
                    *last = Some((key, id));
                    id
                }
            };
            g = match pairs.get(&(g, id)) {
                Some(next) => *next,
                None => {
                    let next = index(nodes.len())?;
                    nodes.push((g, id));
                    pairs.insert((g, id), next);
                    next
                }
            };
        }
        Ok(g)
    }

    /// How many groups were seen.
    pub(crate) fn len(&self) -> usize {
        match self.nodes.last() {
            Some(last) => last.len(),
            None => usize::from(self.any),
        }
    }

    /// The groups' keys, as (group number, key), ordered by key: periods chronologically,
    /// text by byte order, corridors by (sending, receiving).
    pub(crate) fn ordered(&self) -> Result<Vec<(u32, Vec<Part<'a>>)>> {
        // Rank each dimension's distinct values, then sort the groups by their rank tuples.
        let ranks: Vec<Vec<u32>> = self
            .values
            .iter()
            .map(|values| {
                let mut order: Vec<u32> = (0..index(values.len())?).collect();
                crate::sort::sort_by(&mut order, |a, b| {
                    values.get(*a as usize).cmp(&values.get(*b as usize))
                });
                let mut rank = vec![0u32; values.len()];
                for (r, id) in order.iter().enumerate() {
                    if let Some(slot) = rank.get_mut(*id as usize) {
                        *slot = index(r)?;
                    }
                }
                Ok(rank)
            })
            .collect::<Result<_>>()?;
        let mut groups = Vec::with_capacity(self.len());
        for g in 0..index(self.len())? {
            // Walk up from the last dimension to the first.
            let mut ids = vec![0u32; self.nodes.len()];
            let mut at = g;
            for (level, slot) in self.nodes.iter().zip(ids.iter_mut()).rev() {
                let (parent, id) = level.get(at as usize).copied().unwrap_or((0, 0));
                *slot = id;
                at = parent;
            }
            let key: Vec<Part<'a>> = ids
                .iter()
                .zip(&self.values)
                .filter_map(|(id, values)| values.get(*id as usize).copied())
                .collect();
            let rank: Vec<u32> = ids
                .iter()
                .zip(&ranks)
                .map(|(id, rank)| rank.get(*id as usize).copied().unwrap_or(0))
                .collect();
            groups.push((rank, g, key));
        }
        crate::sort::sort_by(&mut groups, |a, b| a.0.cmp(&b.0));
        Ok(groups.into_iter().map(|(_, g, key)| (g, key)).collect())
    }
}

/// Partitions rows `0..n` by `dims`, each row's key given by `part`, into groups ordered by
/// key.
pub(crate) fn partition<'a>(
    n: usize,
    dims: &[Dimension],
    part: impl Fn(usize, Dimension) -> Result<Part<'a>>,
) -> Result<Vec<Group<'a>>> {
    let mut interner = Interner::new(dims.len());
    let mut gid = Vec::with_capacity(n);
    for row in 0..n {
        let parts = dims
            .iter()
            .map(|d| part(row, *d))
            .collect::<Result<Vec<_>>>()?;
        gid.push(interner.group_of(parts.into_iter())?);
    }
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); interner.len()];
    for (row, g) in gid.iter().enumerate() {
        if let Some(m) = members.get_mut(*g as usize) {
            m.push(index(row)?);
        }
    }
    Ok(interner
        .ordered()?
        .into_iter()
        .map(|(g, key)| Group {
            key,
            members: members
                .get_mut(g as usize)
                .map(std::mem::take)
                .unwrap_or_default(),
        })
        .collect())
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
/// cheapest member of a non-empty group, from its values and members (aligned). `values` is
/// reordered (the median is found by selection, not by sorting).
pub(crate) fn summarize_values<'a>(
    values: &mut [Decimal],
    members: &[u32],
    label: impl Fn(u32) -> &'a str,
) -> Result<Summary> {
    let (Some(&first_value), Some(&first)) = (values.first(), members.first()) else {
        return Err(Error::NoData("an empty group".into()));
    };
    let mut sum = Decimal::ZERO;
    let (mut min, mut max, mut cheapest) = (first_value, first_value, first);
    for (&v, &m) in values.iter().zip(members) {
        sum = add(sum, v, "group sum")?;
        if v < min || (v == min && label(m) < label(cheapest)) {
            min = v;
            cheapest = m;
        }
        if v > max {
            max = v;
        }
    }
    let count = values.len();
    let mean = div(sum, Decimal::from(count), "group mean")?;
    let mid = count / 2;
    let Some((lower_half, upper, _)) = crate::sort::select_nth_by(values, mid, Ord::cmp) else {
        return Err(Error::NoData("an empty group".into()));
    };
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

/// [`summarize_values`] over members whose values `value` gives. `scratch` is reused between
/// groups.
pub(crate) fn summarize<'a>(
    members: &[u32],
    value: impl Fn(u32) -> Decimal,
    label: impl Fn(u32) -> &'a str,
    scratch: &mut Vec<Decimal>,
) -> Result<Summary> {
    scratch.clear();
    scratch.extend(members.iter().map(|m| value(*m)));
    summarize_values(scratch, members, label)
}

/// SmaRT of one corridor: the mean of its three cheapest eligible services (cost, row), or of
/// all of them when there are fewer than three but at least `min_services` (0 acts as 1);
/// `None` when there are fewer. Ties: the services taken are the cheapest by cost, then by
/// firm name (`label`); a tie at the third place cannot change the mean (the tied costs are
/// equal), only which firm is named. Returns the mean and the rows taken, cheapest first.
pub(crate) fn three_cheapest<'a>(
    eligible: &mut [(Decimal, u32)],
    min_services: usize,
    label: impl Fn(u32) -> &'a str,
) -> Result<Option<(Decimal, Vec<u32>)>> {
    if eligible.is_empty() || eligible.len() < min_services {
        return Ok(None);
    }
    let take = eligible.len().min(3);
    // The `take` cheapest costs by selection; then every service tied with the last of them
    // competes for the places by firm name.
    let Some((_, last, _)) =
        crate::sort::select_nth_by(eligible, take.saturating_sub(1), |a, b| a.0.cmp(&b.0))
    else {
        return Ok(None);
    };
    let threshold = last.0;
    let mut candidates: Vec<(Decimal, &str, u32)> = eligible
        .iter()
        .filter(|e| e.0 <= threshold)
        .map(|e| (e.0, label(e.1), e.1))
        .collect();
    crate::sort::sort_by(&mut candidates, Ord::cmp);
    candidates.truncate(take);
    let mut sum = Decimal::ZERO;
    for (v, _, _) in &candidates {
        sum = add(sum, *v, "smart")?;
    }
    let mean = div(sum, Decimal::from(take), "smart")?;
    Ok(Some((mean, candidates.into_iter().map(|c| c.2).collect())))
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
        Dimension::Product => Part::Text(&obs.product),
        Dimension::Coverage => Part::Text(&obs.coverage),
        Dimension::PickupMethod => Part::Text(&obs.pickup_method),
        #[cfg(feature = "countries")]
        Dimension::SourceIncome => Part::Text(column(obs, "source_income")),
        #[cfg(feature = "countries")]
        Dimension::DestinationIncome => Part::Text(column(obs, "destination_income")),
        #[cfg(feature = "countries")]
        Dimension::SourceLending => Part::Text(column(obs, "source_lending")),
        #[cfg(feature = "countries")]
        Dimension::DestinationLending => Part::Text(column(obs, "destination_lending")),
        #[cfg(feature = "countries")]
        Dimension::SourceG8 => Part::Text(member(obs, "source_G8G20", "G8")),
        #[cfg(feature = "countries")]
        Dimension::SourceG20 => Part::Text(member(obs, "source_G8G20", "G20")),
        #[cfg(feature = "countries")]
        Dimension::DestinationG8 => Part::Text(member(obs, "destination_G8G20", "G8")),
        #[cfg(feature = "countries")]
        Dimension::DestinationG20 => Part::Text(member(obs, "destination_G8G20", "G20")),
    }
}

/// A column of today's RPW layout that [`Observation`] keeps in `extra` (`source_income`, …),
/// matched whatever its case; empty when the row has none.
pub(crate) fn column<'o>(obs: &'o Observation, name: &str) -> &'o str {
    obs.extra
        .get(name)
        .or_else(|| {
            obs.extra
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v)
        })
        .map_or("", String::as_str)
}

/// `group` (`G8` or `G20`) or `non-G8` / `non-G20`, from a `…_G8G20` column as RPW writes it
/// (`G8/G20`, `G20`, `..`).
pub(crate) fn member(obs: &Observation, name: &str, group: &'static str) -> &'static str {
    let is_member = column(obs, name)
        .split('/')
        .any(|g| g.trim().eq_ignore_ascii_case(group));
    match (is_member, group) {
        (true, _) => group,
        (false, "G8") => "non-G8",
        (false, _) => "non-G20",
    }
}

/// One group's services, gathered in the pass over the rows: costs and rows (aligned), and
/// the SmaRT-eligible ones.
#[derive(Default)]
struct Gathered {
    costs: Vec<Decimal>,
    rows: Vec<u32>,
    eligible: Vec<(Decimal, u32)>,
}

/// Exact statistics of each group of services, with its summary (for sums), one of its rows
/// (the cheapest, for names) and the firms its SmaRT takes.
pub(crate) struct ServiceGroup<'a> {
    pub summary: Summary,
    pub first: &'a Observation,
    pub smart_firms: Vec<&'a str>,
}

/// Groups services and computes each group's exact statistics (not rounded, no change yet),
/// leaving out unpriced rows and, unless asked, non-transparent ones. One pass over the rows
/// reads each row once (they are large: memory traffic, not arithmetic, bounds this); the
/// rest works on each group's compact values.
pub(crate) fn service_groups<'a>(
    observations: &'a [Observation],
    dims: &[Dimension],
    options: &AggregateOptions,
) -> Result<(Vec<(GroupStat, ServiceGroup<'a>)>, LeftOut)> {
    let mut left_out = LeftOut::default();
    let mut speeds: FastMap<Compact<'a>, bool> = FastMap::default();
    let mut interner = Interner::new(dims.len());
    let mut gathered: Vec<Gathered> = Vec::new();
    let rule = &options.eligibility;
    for (row, obs) in observations.iter().enumerate() {
        let Some(price) = left_out.price_of(obs, options) else {
            continue;
        };
        let fast = *speeds
            .entry(Compact::of(Part::Text(&obs.speed)))
            .or_insert_with(|| rule.accepts_speed(&obs.speed));
        let g = interner.group_of(dims.iter().map(|d| service_part(obs, *d)))? as usize;
        if g >= gathered.len() {
            gathered.resize_with(g.saturating_add(1), Gathered::default);
        }
        let Some(group) = gathered.get_mut(g) else {
            continue;
        };
        let (cost, row) = (price.total_cost_pct, index(row)?);
        group.costs.push(cost);
        group.rows.push(row);
        if fast && rule.accepts_without_speed(obs) {
            group.eligible.push((cost, row));
        }
    }
    let obs = |i: u32| observations.get(i as usize);
    let firm = |i: u32| obs(i).map_or("", |o| o.firm.as_str());
    let one_corridor_period = dims.contains(&Dimension::Period)
        && (dims.contains(&Dimension::Corridor)
            || (dims.contains(&Dimension::SourceCountry)
                && dims.contains(&Dimension::DestinationCountry)));
    let mut out = Vec::with_capacity(gathered.len());
    for (g, key) in interner.ordered()? {
        let Some(mut group) = gathered.get_mut(g as usize).map(std::mem::take) else {
            continue;
        };
        let summary = summarize_values(&mut group.costs, &group.rows, firm)?;
        let Some(first) = obs(summary.cheapest) else {
            continue;
        };
        let applies = one_corridor_period
            || group.rows.iter().filter_map(|i| obs(*i)).all(|o| {
                o.period == first.period
                    && o.source_code == first.source_code
                    && o.destination_code == first.destination_code
            });
        let smart = if applies {
            three_cheapest(&mut group.eligible, options.smart_min_services, firm)?
        } else {
            None
        };
        let (smart_pct, smart_firms) = match smart {
            Some((mean, rows)) => (Some(mean), rows.into_iter().map(firm).collect()),
            None => (None, Vec::new()),
        };
        let stat = GroupStat {
            key: key.iter().map(Part::display).collect(),
            count: summary.count,
            mean_pct: summary.mean,
            median_pct: summary.median,
            min_pct: summary.min,
            max_pct: summary.max,
            cheapest: first.firm.clone(),
            eligible: group.eligible.len(),
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
    Ok((out, left_out))
}
