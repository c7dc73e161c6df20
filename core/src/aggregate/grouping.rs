//! The grouping API: [`group`], its result ([`Grouping`], [`GroupStat`]) and the finishing
//! step every grouping shares (change from the previous quarter, then rounding).

use super::accumulator::{service_groups, ServiceGroup};
use super::dimension::Dimension;
use super::keys::Part;
use super::options::{AggregateOptions, LeftOut};
use crate::error::Result;
use crate::money::Rounding;
use crate::observation::{Observation, Period};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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
    Ok(grouping_of(dimensions, groups, left_out, options))
}

/// The [`Grouping`] of a pass's summarized groups.
pub(crate) fn grouping_of(
    dimensions: &[Dimension],
    groups: Vec<ServiceGroup<'_>>,
    left_out: LeftOut,
    options: &AggregateOptions,
) -> Grouping {
    let stats = groups
        .into_iter()
        .map(|g| GroupStat {
            key: g.key.iter().map(Part::display).collect(),
            count: g.summary.count,
            mean_pct: g.summary.mean,
            median_pct: g.summary.median,
            min_pct: g.summary.min,
            max_pct: g.summary.max,
            cheapest: g.first.firm.to_string(),
            eligible: g.eligible,
            smart_pct: g.smart_pct,
            change_pp: None,
        })
        .collect();
    Grouping {
        dimensions: dimensions.to_vec(),
        groups: finish(dimensions, stats, options.rounding),
        left_out,
    }
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
