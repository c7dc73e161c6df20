//! RPW indicators over many corridors: global average, corridor averages, weighted average,
//! SmaRT, the SDG 10.c targets and period-over-period change — from raw service rows or from
//! corridor averages as published, through one shared list of [`CorridorStat`]s.

use crate::aggregate::{
    finish, partition, service_groups, summarize, AggregateOptions, Comparison, Dimension,
    GroupStat, Grouping, LeftOut, Part, ServiceGroup,
};
use crate::decimal::{add, div, mul, pct_of, sub};
use crate::error::{Error, Result};
use crate::money::Rounding;
use crate::observation::{Observation, Period};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Corridor weights (e.g. remittance flows from the KNOMAD bilateral matrix, see
/// [`BilateralMatrix::weights_by_code`](crate::BilateralMatrix::weights_by_code)), keyed by
/// (sending, receiving) ISO alpha-3 code.
///
/// ```
/// let mut w = remitcost::CorridorWeights::new();
/// w.insert(("FRA".into(), "SEN".into()), "1.5".parse().unwrap());
/// assert_eq!(w.len(), 1);
/// ```
pub type CorridorWeights = BTreeMap<(String, String), Decimal>;

/// One corridor in one period: its average total cost and, when computed from services, its
/// SmaRT. The common input of the corridor-level indicators: [`indicators`] builds these from
/// service rows; a published corridor average (a DataBank `CorridorAverage`) converts with
/// `From`; JSON needs only `period`, `source_code`, `destination_code` and `average_pct`.
///
/// ```
/// let c: remitcost::CorridorStat = serde_json::from_str(
///     r#"{"period": "2020Q3", "source_code": "USA", "destination_code": "MEX", "average_pct": "5.1"}"#).unwrap();
/// assert_eq!(c.corridor(), "USAMEX");
/// assert_eq!((c.services, c.smart_pct), (None, None));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorridorStat {
    /// The quarter.
    pub period: Period,
    /// Sending country, ISO alpha-3.
    pub source_code: String,
    /// Sending country name.
    #[serde(default)]
    pub source_name: String,
    /// Sending country's region, if known.
    #[serde(default)]
    pub source_region: Option<String>,
    /// Receiving country, ISO alpha-3.
    pub destination_code: String,
    /// Receiving country name.
    #[serde(default)]
    pub destination_name: String,
    /// Receiving country's region, if known.
    #[serde(default)]
    pub destination_region: Option<String>,
    /// Services averaged; `None` for a published average (the count is not published).
    #[serde(default)]
    pub services: Option<usize>,
    /// Services eligible for SmaRT; `None` for a published average.
    #[serde(default)]
    pub eligible: Option<usize>,
    /// The corridor average: mean total cost over its services, percent.
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub average_pct: Decimal,
    /// SmaRT, percent; `None` when the corridor has too few eligible services or the figure
    /// is a published average.
    #[serde(default)]
    #[serde(deserialize_with = "crate::decimal::de::option")]
    pub smart_pct: Option<Decimal>,
    /// The firms whose services SmaRT takes, cheapest first.
    #[serde(default)]
    pub smart_firms: Vec<String>,
}

impl CorridorStat {
    /// The corridor code, sending and receiving codes together (`USAMEX`).
    ///
    /// ```
    /// let c: remitcost::CorridorStat = serde_json::from_str(
    ///     r#"{"period": "2017Q4", "source_code": "MYS", "destination_code": "VNM", "average_pct": "3"}"#).unwrap();
    /// assert_eq!(c.corridor(), "MYSVNM");
    /// ```
    pub fn corridor(&self) -> String {
        format!("{}{}", self.source_code, self.destination_code)
    }

    pub(crate) fn rounded(mut self, rounding: Rounding) -> CorridorStat {
        self.average_pct = rounding.round_pct(self.average_pct);
        self.smart_pct = self.smart_pct.map(|s| rounding.round_pct(s));
        self
    }
}

#[cfg(feature = "csv")]
impl From<&crate::dataset::CorridorAverage> for CorridorStat {
    /// A published corridor average (regions unknown, no SmaRT).
    ///
    /// ```
    /// let csv = "Sending Countries Code,Receiving Countries Code,2020Q3\nUSA,MEX,5.25\n";
    /// let table = remitcost::read_corridor_averages(csv.as_bytes()).unwrap();
    /// let c = remitcost::CorridorStat::from(&table.averages[0]);
    /// assert_eq!((c.corridor(), c.average_pct.to_string()), ("USAMEX".into(), "5.25".into()));
    /// ```
    fn from(a: &crate::dataset::CorridorAverage) -> Self {
        CorridorStat {
            period: a.period,
            source_code: a.source_code.clone(),
            source_name: a.source_name.clone(),
            source_region: None,
            destination_code: a.destination_code.clone(),
            destination_name: a.destination_name.clone(),
            destination_region: None,
            services: None,
            eligible: None,
            average_pct: a.total_cost_pct,
            smart_pct: None,
            smart_firms: Vec::new(),
        }
    }
}

/// How many corridors are above a threshold, and which.
///
/// ```
/// let c: remitcost::CorridorStat = serde_json::from_str(
///     r#"{"period": "2020Q3", "source_code": "USA", "destination_code": "GTM", "average_pct": "6"}"#).unwrap();
/// let out = remitcost::corridor_indicators(&[c], &Default::default(), None).unwrap();
/// let above: &remitcost::CorridorsAbove = &out.periods[0].above_5;
/// assert_eq!((above.count, above.share_pct.to_string()), (1, "100.0000".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CorridorsAbove {
    /// The threshold, percent (`5.0000`).
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub threshold_pct: Decimal,
    /// Strictly above, or at or above.
    pub comparison: Comparison,
    /// Corridors above it.
    pub count: usize,
    /// `count` as a percentage of the period's corridors.
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub share_pct: Decimal,
    /// Their codes, sorted.
    pub corridors: Vec<String>,
}

/// The headline indicators of one period. Percentages are rounded to 4 places under the
/// options' rule, each from its exact value.
///
/// - `global_average_pct`: simple mean over every service of the period (`None` when the input
///   is corridor averages, which do not say how many services each averages);
/// - `corridor_average_pct`: simple mean of the corridor averages;
/// - `weighted_average_pct`: corridor averages weighted by the caller's weights (`None` when no
///   weights were given); corridors without a weight are listed in `unweighted` and left out
///   of it;
/// - `smart_pct`: the mean of the corridors' SmaRTs over the `smart_corridors` that have one;
///   `smart_dropped` lists the corridors (from services) with too few eligible services;
/// - `above_5`, `above_3`: corridors above 5% and 3% under the options' comparison;
/// - `gap_to_3_pct`: the global average (or, from corridor averages, the mean of corridor
///   averages) minus 3, the SDG 10.c target: positive when above it;
/// - `global_average_change_pp`, `corridor_average_change_pp`: change from the previous
///   quarter, percentage points (`None` when that quarter has no data).
///
/// ```
/// let c: remitcost::CorridorStat = serde_json::from_str(
///     r#"{"period": "2020Q3", "source_code": "USA", "destination_code": "GTM", "average_pct": "4.5"}"#).unwrap();
/// let out = remitcost::corridor_indicators(&[c], &Default::default(), None).unwrap();
/// let p: &remitcost::PeriodIndicators = &out.periods[0];
/// assert_eq!(p.gap_to_3_pct.to_string(), "1.5000");
/// assert_eq!(p.global_average_pct, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PeriodIndicators {
    /// The quarter.
    pub period: Period,
    /// Services used; `None` from corridor averages.
    pub services: Option<usize>,
    /// Corridors with data.
    pub corridors: usize,
    /// Mean over all services, percent.
    #[serde(default, deserialize_with = "crate::decimal::de::option")]
    pub global_average_pct: Option<Decimal>,
    /// Mean of the corridor averages, percent.
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub corridor_average_pct: Decimal,
    /// Weighted mean of the corridor averages, percent.
    #[serde(default, deserialize_with = "crate::decimal::de::option")]
    pub weighted_average_pct: Option<Decimal>,
    /// Corridors without a weight, left out of the weighted average.
    pub unweighted: Vec<String>,
    /// Global SmaRT: mean of the corridors' SmaRTs, percent.
    #[serde(default, deserialize_with = "crate::decimal::de::option")]
    pub smart_pct: Option<Decimal>,
    /// Corridors with a SmaRT.
    pub smart_corridors: usize,
    /// Corridors with too few eligible services for a SmaRT.
    pub smart_dropped: Vec<String>,
    /// Corridors above 5%.
    pub above_5: CorridorsAbove,
    /// Corridors above 3%.
    pub above_3: CorridorsAbove,
    /// Headline average minus 3 (SDG 10.c), percentage points.
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub gap_to_3_pct: Decimal,
    /// Change of the global average from the previous quarter, percentage points.
    #[serde(default, deserialize_with = "crate::decimal::de::option")]
    pub global_average_change_pp: Option<Decimal>,
    /// Change of the mean of corridor averages from the previous quarter, percentage points.
    #[serde(default, deserialize_with = "crate::decimal::de::option")]
    pub corridor_average_change_pp: Option<Decimal>,
}

/// Indicators for every period in the input, in order, with the corridors they come from
/// (rounded) and the rows left out.
///
/// ```
/// let out: remitcost::Indicators = remitcost::indicators(&[], &Default::default(), None).unwrap();
/// assert!(out.periods.is_empty() && out.corridors.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Indicators {
    /// One entry per period with data, chronologically.
    pub periods: Vec<PeriodIndicators>,
    /// Per corridor and period, ordered by period then corridor code.
    pub corridors: Vec<CorridorStat>,
    /// Rows left out, by reason.
    pub left_out: LeftOut,
}

/// The RPW indicators from service rows: corridor averages and SmaRT per corridor and
/// period, then the headline figures of each period ([`PeriodIndicators`]).
///
/// SmaRT per corridor is the mean of its three cheapest services that pass
/// `options.eligibility`; on a tie the firm names decide which services are named (the mean
/// cannot change, the tied costs being equal); a corridor with fewer than
/// `options.smart_min_services` eligible services gets none and is listed in `smart_dropped`.
///
/// Errors: a negative weight is [`Error::InvalidAmount`]; weights that sum to zero over a
/// period's corridors (none of them weighted, say) are [`Error::DivisionByZero`]; sums too
/// large for a decimal are [`Error::Overflow`].
///
/// ```
/// use remitcost::{indicators, AggregateOptions, CorridorWeights, Observation};
/// let row = |dest: &str, firm: &str, cost: &str| -> Observation {
///     serde_json::from_value(serde_json::json!({"row": 2, "id": null, "period": "2025_1Q",
///         "source_code": "FRA", "source_name": "France", "source_region": "",
///         "destination_code": dest, "destination_name": "", "destination_region": "",
///         "firm": firm, "firm_type": "Bank", "instrument": "Cash", "access_point": "Agent",
///         "speed": "Next day", "transparent": true, "cc2": null, "interbank_fx": null,
///         "extra": {}, "cc1": {"amount": "200", "denomination_amount": null, "currency": null,
///         "fee": "0", "fx_rate": null, "fx_margin_pct": "0", "total_cost_pct": cost}})).unwrap()
/// };
/// let rows = [row("SEN", "A", "2"), row("SEN", "B", "4"), row("SEN", "C", "6"),
///             row("MAR", "A", "8")];
/// let mut weights = CorridorWeights::new();
/// weights.insert(("FRA".into(), "SEN".into()), "3".parse().unwrap());
/// weights.insert(("FRA".into(), "MAR".into()), "1".parse().unwrap());
/// let out = indicators(&rows, &AggregateOptions::default(), Some(&weights)).unwrap();
/// let p = &out.periods[0];
/// assert_eq!(p.global_average_pct.unwrap().to_string(), "5.0000"); // (2+4+6+8)/4
/// assert_eq!(p.corridor_average_pct.to_string(), "6.0000");        // (4+8)/2
/// assert_eq!(p.weighted_average_pct.unwrap().to_string(), "5.0000"); // (3×4+1×8)/4
/// assert_eq!(p.smart_pct.unwrap().to_string(), "4.0000");          // SEN only
/// assert_eq!(p.smart_dropped, ["FRAMAR"]);
/// assert_eq!((p.above_5.count, p.above_5.share_pct.to_string()), (1, "50.0000".into()));
/// assert_eq!(p.gap_to_3_pct.to_string(), "2.0000");
/// ```
pub fn indicators(
    observations: &[Observation],
    options: &AggregateOptions,
    weights: Option<&CorridorWeights>,
) -> Result<Indicators> {
    let (groups, left_out) = service_groups(
        observations,
        &[Dimension::Period, Dimension::Corridor],
        options,
    )?;
    indicators_of(groups, left_out, options, weights)
}

/// The [`Indicators`] of a pass's groups by period and corridor.
pub(crate) fn indicators_of(
    groups: Vec<ServiceGroup<'_>>,
    left_out: LeftOut,
    options: &AggregateOptions,
    weights: Option<&CorridorWeights>,
) -> Result<Indicators> {
    let mut totals: BTreeMap<Period, (Decimal, usize)> = BTreeMap::new();
    let mut corridors = Vec::with_capacity(groups.len());
    for group in groups {
        let first = group.first;
        let entry = totals.entry(first.period).or_insert((Decimal::ZERO, 0));
        entry.0 = add(entry.0, group.summary.sum, "global average")?;
        entry.1 = entry.1.saturating_add(group.summary.count);
        corridors.push(CorridorStat {
            period: first.period,
            source_code: first.source_code.to_string(),
            source_name: first.source_name.to_string(),
            source_region: Some(first.source_region.to_string()),
            destination_code: first.destination_code.to_string(),
            destination_name: first.destination_name.to_string(),
            destination_region: Some(first.destination_region.to_string()),
            services: Some(group.summary.count),
            eligible: Some(group.eligible),
            average_pct: group.summary.mean,
            smart_pct: group.smart_pct,
            smart_firms: group.smart_firms.iter().map(|f| f.to_string()).collect(),
        });
    }
    let periods = per_period(&corridors, Some(&totals), options, weights)?;
    Ok(Indicators {
        periods,
        corridors: corridors
            .into_iter()
            .map(|c| c.rounded(options.rounding))
            .collect(),
        left_out,
    })
}

/// The corridor-level indicators from corridor statistics — e.g. the World Bank's published
/// corridor averages (`CorridorStat::from(&CorridorAverage)`): mean of corridor averages,
/// weighted average, corridors above 5% and 3%, the gap to 3%, change from the previous
/// quarter, and the global SmaRT where the corridors carry one. `global_average_pct` is
/// `None` (the services behind each average are not known). Errors as [`indicators`].
///
/// ```
/// use remitcost::{corridor_indicators, AggregateOptions, Comparison, CorridorStat};
/// let c = |dest: &str, pct: &str| -> CorridorStat {
///     serde_json::from_value(serde_json::json!({"period": "2020Q3", "source_code": "USA",
///         "destination_code": dest, "average_pct": pct})).unwrap()
/// };
/// let rows = [c("MEX", "5"), c("GTM", "7"), c("IND", "3")];
/// let out = corridor_indicators(&rows, &AggregateOptions::default(), None).unwrap();
/// let p = &out.periods[0];
/// assert_eq!(p.corridor_average_pct.to_string(), "5.0000");
/// assert_eq!(p.above_5.corridors, ["USAGTM"]);
/// assert_eq!(p.above_3.count, 2);
/// let mut at_least = AggregateOptions::default();
/// at_least.comparison = Comparison::AtLeast;
/// let p = &corridor_indicators(&rows, &at_least, None).unwrap().periods[0];
/// assert_eq!((p.above_5.count, p.above_3.count), (2, 3));
/// ```
pub fn corridor_indicators(
    corridors: &[CorridorStat],
    options: &AggregateOptions,
    weights: Option<&CorridorWeights>,
) -> Result<Indicators> {
    let mut sorted = corridors.to_vec();
    crate::sort::sort_by(&mut sorted, |a, b| {
        (a.period, &a.source_code, &a.destination_code).cmp(&(
            b.period,
            &b.source_code,
            &b.destination_code,
        ))
    });
    let periods = per_period(&sorted, None, options, weights)?;
    Ok(Indicators {
        periods,
        corridors: sorted
            .into_iter()
            .map(|c| c.rounded(options.rounding))
            .collect(),
        left_out: LeftOut::default(),
    })
}

/// Groups corridors (e.g. published corridor averages) by `dimensions` — `period`,
/// `corridor`, `source_country`, `destination_country`, and the regions when the corridors
/// carry them — with the statistics of their averages: `count` is corridors, `mean_pct` the
/// mean of corridor averages, `cheapest` the cheapest corridor, `smart_pct` the mean of the
/// SmaRTs the group's corridors have, `eligible` how many have one. Grouping by a dimension
/// the corridors do not carry (RSP type, a region they lack) is [`Error::NoData`].
///
/// ```
/// use remitcost::{group_corridors, AggregateOptions, CorridorStat, Dimension};
/// let c = |period: &str, src: &str, pct: &str| -> CorridorStat {
///     serde_json::from_value(serde_json::json!({"period": period, "source_code": src,
///         "destination_code": "MEX", "average_pct": pct})).unwrap()
/// };
/// let rows = [c("2020Q2", "USA", "5"), c("2020Q2", "CAN", "7"), c("2020Q3", "USA", "4.5")];
/// let dims = [Dimension::Period, Dimension::DestinationCountry];
/// let g = group_corridors(&rows, &dims, &AggregateOptions::default()).unwrap();
/// assert_eq!(g.groups[1].key, ["2020_3Q", "MEX"]);
/// assert_eq!(g.groups[1].change_pp.unwrap().to_string(), "-1.5000"); // 4.5 − (5+7)/2
/// assert_eq!(g.groups[0].cheapest, "USAMEX");
/// let bad = group_corridors(&rows, &[Dimension::FirmType], &AggregateOptions::default());
/// assert_eq!(bad.unwrap_err().code(), "no_data");
/// ```
pub fn group_corridors(
    corridors: &[CorridorStat],
    dimensions: &[Dimension],
    options: &AggregateOptions,
) -> Result<Grouping> {
    let codes: Vec<String> = corridors.iter().map(CorridorStat::corridor).collect();
    let part = |row: usize, dim: &Dimension| -> Result<Part<'_>> {
        let c = corridors
            .get(row)
            .ok_or_else(|| Error::NoData("row out of range".into()))?;
        let lacks = |name: &str| {
            Error::NoData(format!(
                "corridor {}{} has no {name}",
                c.source_code, c.destination_code
            ))
        };
        match dim {
            Dimension::Period => Ok(Part::Period(c.period)),
            Dimension::Corridor => Ok(Part::Pair(&c.source_code, &c.destination_code)),
            Dimension::SourceCountry => Ok(Part::Text(&c.source_code)),
            Dimension::DestinationCountry => Ok(Part::Text(&c.destination_code)),
            Dimension::SourceRegion => match &c.source_region {
                Some(r) => Ok(Part::Text(r)),
                None => Err(lacks("source_region")),
            },
            Dimension::DestinationRegion => match &c.destination_region {
                Some(r) => Ok(Part::Text(r)),
                None => Err(lacks("destination_region")),
            },
            Dimension::Column(name) => Err(Error::UnknownColumn(name.clone())),
            other => Err(Error::NoData(format!(
                "corridor statistics have no {}",
                serde_json::to_value(other)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default()
            ))),
        }
    };
    let groups = partition(corridors.len(), dimensions, part)?;
    let get = |i: u32| corridors.get(i as usize);
    let mut scratch = Vec::new();
    let mut stats = Vec::with_capacity(groups.len());
    for g in groups {
        let summary = summarize(
            &g.members,
            |i| get(i).map_or(Decimal::ZERO, |c| c.average_pct),
            |i| codes.get(i as usize).map_or("", String::as_str),
            &mut scratch,
        )?;
        let smarts: Vec<Decimal> = g
            .members
            .iter()
            .filter_map(|i| get(*i).and_then(|c| c.smart_pct))
            .collect();
        stats.push(GroupStat {
            key: g.key.iter().map(Part::display).collect(),
            count: summary.count,
            mean_pct: summary.mean,
            median_pct: summary.median,
            min_pct: summary.min,
            max_pct: summary.max,
            cheapest: codes
                .get(summary.cheapest as usize)
                .cloned()
                .unwrap_or_default(),
            eligible: smarts.len(),
            smart_pct: mean(&smarts, "smart")?,
            change_pp: None,
        });
    }
    Ok(Grouping {
        dimensions: dimensions.to_vec(),
        groups: finish(dimensions, stats, options.rounding),
        left_out: LeftOut::default(),
    })
}

/// The mean of `values`, `None` for none.
fn mean(values: &[Decimal], what: &'static str) -> Result<Option<Decimal>> {
    if values.is_empty() {
        return Ok(None);
    }
    let mut sum = Decimal::ZERO;
    for v in values {
        sum = add(sum, *v, what)?;
    }
    Ok(Some(div(sum, Decimal::from(values.len()), what)?))
}

fn target(
    corridors: &[&CorridorStat],
    threshold: Decimal,
    comparison: Comparison,
) -> Result<CorridorsAbove> {
    let above: Vec<String> = corridors
        .iter()
        .filter(|c| comparison.holds(c.average_pct, threshold))
        .map(|c| c.corridor())
        .collect();
    Ok(CorridorsAbove {
        threshold_pct: threshold,
        comparison,
        count: above.len(),
        share_pct: pct_of(
            Decimal::from(above.len()),
            Decimal::from(corridors.len()),
            "share of corridors",
        )?,
        corridors: above,
    })
}

/// Σ wᵢ·aᵢ / Σ wᵢ over the weighted corridors, and the corridors without a weight.
fn weighted(
    corridors: &[&CorridorStat],
    weights: &CorridorWeights,
) -> Result<(Decimal, Vec<String>)> {
    let mut unweighted = Vec::new();
    let (mut total, mut sum) = (Decimal::ZERO, Decimal::ZERO);
    for c in corridors {
        match weights.get(&(c.source_code.clone(), c.destination_code.clone())) {
            None => unweighted.push(c.corridor()),
            Some(w) if w.is_sign_negative() && !w.is_zero() => {
                return Err(Error::InvalidAmount(format!(
                    "weight {w} of corridor {}",
                    c.corridor()
                )))
            }
            Some(w) => {
                total = add(total, *w, "weighted average")?;
                sum = add(
                    sum,
                    mul(*w, c.average_pct, "weighted average")?,
                    "weighted average",
                )?;
            }
        }
    }
    if total.is_zero() {
        return Err(Error::DivisionByZero(
            "weighted average: the corridors' weights sum to zero",
        ));
    }
    Ok((div(sum, total, "weighted average")?, unweighted))
}

/// The headline figures of each period from its corridors (sorted by period, then code) and,
/// from services, each period's (sum, count) of service costs.
pub(crate) fn per_period(
    corridors: &[CorridorStat],
    services: Option<&BTreeMap<Period, (Decimal, usize)>>,
    options: &AggregateOptions,
    weights: Option<&CorridorWeights>,
) -> Result<Vec<PeriodIndicators>> {
    let mut by_period: BTreeMap<Period, Vec<&CorridorStat>> = BTreeMap::new();
    for c in corridors {
        by_period.entry(c.period).or_default().push(c);
    }
    let (five, three) = (Decimal::from(5), Decimal::from(3));
    let mut out: Vec<PeriodIndicators> = Vec::with_capacity(by_period.len());
    for (period, list) in &by_period {
        let averages: Vec<Decimal> = list.iter().map(|c| c.average_pct).collect();
        let corridor_average = mean(&averages, "corridor average")?
            .ok_or_else(|| Error::NoData(format!("no corridor in {period}")))?;
        let (global, count) = match services.and_then(|s| s.get(period)) {
            Some((sum, n)) => (
                Some(div(*sum, Decimal::from(*n), "global average")?),
                Some(*n),
            ),
            None => (None, None),
        };
        let (weighted_average, unweighted) = match weights {
            Some(w) => {
                let (avg, missing) = weighted(list, w)?;
                (Some(avg), missing)
            }
            None => (None, Vec::new()),
        };
        let smarts: Vec<Decimal> = list.iter().filter_map(|c| c.smart_pct).collect();
        let smart_dropped = list
            .iter()
            .filter(|c| c.services.is_some() && c.smart_pct.is_none())
            .map(|c| c.corridor())
            .collect();
        let headline = global.unwrap_or(corridor_average);
        out.push(PeriodIndicators {
            period: *period,
            services: count,
            corridors: list.len(),
            global_average_pct: global,
            corridor_average_pct: corridor_average,
            weighted_average_pct: weighted_average,
            unweighted,
            smart_pct: mean(&smarts, "smart")?,
            smart_corridors: smarts.len(),
            smart_dropped,
            above_5: target(list, five, options.comparison)?,
            above_3: target(list, three, options.comparison)?,
            gap_to_3_pct: sub(headline, three, "gap to 3%")?,
            global_average_change_pp: None,
            corridor_average_change_pp: None,
        });
    }
    // Changes from the previous quarter, from the exact figures, then round.
    let exact: BTreeMap<Period, (Option<Decimal>, Decimal)> = out
        .iter()
        .map(|p| (p.period, (p.global_average_pct, p.corridor_average_pct)))
        .collect();
    let r = options.rounding;
    for p in &mut out {
        if let Some((global, corridor)) = p.period.previous().and_then(|q| exact.get(&q)) {
            p.global_average_change_pp = match (p.global_average_pct, global) {
                (Some(now), Some(then)) => Some(sub(now, *then, "change")?),
                _ => None,
            };
            p.corridor_average_change_pp = Some(sub(p.corridor_average_pct, *corridor, "change")?);
        }
        let round = |d: Decimal| r.round_pct(d);
        p.global_average_pct = p.global_average_pct.map(round);
        p.corridor_average_pct = round(p.corridor_average_pct);
        p.weighted_average_pct = p.weighted_average_pct.map(round);
        p.smart_pct = p.smart_pct.map(round);
        p.gap_to_3_pct = round(p.gap_to_3_pct);
        p.global_average_change_pp = p.global_average_change_pp.map(round);
        p.corridor_average_change_pp = p.corridor_average_change_pp.map(round);
        for t in [&mut p.above_5, &mut p.above_3] {
            t.threshold_pct = round(t.threshold_pct);
            t.share_pct = round(t.share_pct);
        }
    }
    Ok(out)
}
