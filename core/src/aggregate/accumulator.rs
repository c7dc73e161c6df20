//! The one pass over service rows that every aggregation of services shares — [`group`],
//! [`indicators`], [`published_indicators`] and [`Partial`]: each kept row joins its group
//! (a dense number from the key interner) and adds, in one step, its cost to the group's
//! costs and sum, competes for the group's cheapest service and, when eligible, for its three
//! SmaRT places, and tells whether the group still spans one corridor in one period.
//!
//! Costs are held as exact scaled integers (units of 10⁻¹⁰ percent, an `i64`) wherever they
//! fit, which is every cost RPW publishes; a cost with more places or too large is kept as a
//! [`Decimal`] beside them, so no figure ever depends on the representation.
//!
//! [`group`]: crate::group
//! [`indicators`]: crate::indicators
//! [`published_indicators`]: crate::published_indicators
//! [`Partial`]: crate::Partial

use super::dimension::{Dimension, Field};
use super::keys::{index, FastMap, Interner, Part};
use super::multiset::Multiset;
use super::options::{AggregateOptions, LeftOut};
use super::stats::{summarize_values, Summary};
use crate::decimal::{add, div};
use crate::error::{Error, Result};
use crate::observation::{Observation, Period};
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// Decimal places of a scaled cost.
pub(crate) const SCALE: u32 = 10;

/// One service's cost: scaled when it fits, exact otherwise. The representation is canonical
/// (a cost that fits is always `Scaled`), so equal costs are equal values of one variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cost {
    Scaled(i64),
    Exact(Decimal),
}

impl Cost {
    pub(crate) fn of(value: Decimal) -> Cost {
        /// 10^0 to 10^SCALE.
        const FACTORS: [i64; SCALE as usize + 1] = {
            let mut f = [1i64; SCALE as usize + 1];
            let mut i = 1;
            while i < f.len() {
                f[i] = f[i - 1] * 10;
                i += 1;
            }
            f
        };
        let fits = SCALE
            .checked_sub(value.scale())
            .and_then(|up| FACTORS.get(up as usize))
            .zip(i64::try_from(value.mantissa()).ok())
            .and_then(|(factor, mantissa)| mantissa.checked_mul(*factor));
        fits.map_or(Cost::Exact(value), Cost::Scaled)
    }

    pub(crate) fn decimal(self) -> Decimal {
        match self {
            Cost::Scaled(v) => Decimal::new(v, SCALE),
            Cost::Exact(d) => d,
        }
    }
}

impl Ord for Cost {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Cost::Scaled(a), Cost::Scaled(b)) => a.cmp(b),
            _ => self.decimal().cmp(&other.decimal()),
        }
    }
}

impl PartialOrd for Cost {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The service rows a pass reads, seen only through what the accumulator needs besides
/// each row's cost: the order that names a group's cheapest service after its cost (firm,
/// source row, then the rest of the row, so that the choice never depends on the order rows
/// arrive in), the order of firms (SmaRT ties), and the named row itself. Implemented by
/// `[Observation]` (the row path) and by [`Frame`](crate::Frame) (dictionary codes ordered like
/// their text, so both orders are the same).
pub(crate) trait Rows {
    /// Row `a` against row `b` by (firm, source row, period, sending code, name, region,
    /// receiving code, name, region).
    fn tie(&self, a: u32, b: u32) -> Ordering;
    /// Row `a`'s firm against row `b`'s.
    fn firm_order(&self, a: u32, b: u32) -> Ordering;
    /// The row's identity and labels.
    fn named(&self, row: u32) -> Option<Named<'_>>;
    /// [`Rows::named`] where only the firm, source row, period and codes are read: the names
    /// and regions may be empty (a reader that reads those for a group's cheapest row only).
    fn identity(&self, row: u32) -> Option<Named<'_>> {
        self.named(row)
    }
}

/// One service's identity and labels, borrowed from its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Named<'a> {
    pub firm: &'a str,
    pub row: usize,
    pub period: Period,
    pub source_code: &'a str,
    pub source_name: &'a str,
    pub source_region: &'a str,
    pub destination_code: &'a str,
    pub destination_name: &'a str,
    pub destination_region: &'a str,
}

impl<'a> Named<'a> {
    pub(crate) fn of(obs: &'a Observation) -> Named<'a> {
        Named {
            firm: &obs.firm,
            row: obs.row,
            period: obs.period,
            source_code: &obs.source_code,
            source_name: &obs.source_name,
            source_region: &obs.source_region,
            destination_code: &obs.destination_code,
            destination_name: &obs.destination_name,
            destination_region: &obs.destination_region,
        }
    }
}

impl Rows for [Observation] {
    fn tie(&self, a: u32, b: u32) -> Ordering {
        self.named(a).cmp(&self.named(b))
    }
    fn firm_order(&self, a: u32, b: u32) -> Ordering {
        let firm = |i: u32| self.get(i as usize).map_or("", |o| o.firm.as_str());
        firm(a).cmp(firm(b))
    }
    fn named(&self, row: u32) -> Option<Named<'_>> {
        self.get(row as usize).map(Named::of)
    }
}

/// One group's accumulator during a pass (rows are indexes into the pass's rows).
pub(crate) struct Accumulator {
    scaled: Vec<i64>,
    exact: Vec<Decimal>,
    scaled_sum: i128,
    exact_sum: Decimal,
    /// The cheapest service by (cost, then [`Rows::tie`]).
    pub cheapest: (Cost, u32),
    max: Cost,
    /// Eligible services, and the (up to) three least of them by (cost, firm), ascending.
    pub eligible: usize,
    pub smart: Vec<(Cost, u32)>,
    /// The first row, and whether a later one is of another corridor or period.
    pub first: u32,
    pub several: bool,
}

impl Accumulator {
    pub(crate) fn new(row: u32) -> Accumulator {
        Accumulator::with_capacity(row, 0)
    }

    /// An accumulator whose first row is `row`, with room for `services` costs (a pass that
    /// knows its group sizes saves the vector's regrowth).
    pub(crate) fn with_capacity(row: u32, services: usize) -> Accumulator {
        Accumulator {
            scaled: Vec::with_capacity(services),
            exact: Vec::new(),
            scaled_sum: 0,
            exact_sum: Decimal::ZERO,
            cheapest: (Cost::Scaled(i64::MAX), row),
            max: Cost::Scaled(i64::MIN),
            eligible: 0,
            smart: Vec::with_capacity(3),
            first: row,
            several: false,
        }
    }

    /// Adds one row: its cost, its claim to be the cheapest and to a SmaRT place.
    pub(crate) fn add<R: Rows + ?Sized>(
        &mut self,
        rows: &R,
        row: u32,
        cost: Cost,
        eligible: bool,
    ) -> Result<()> {
        match cost {
            Cost::Scaled(v) => {
                self.scaled.push(v);
                self.scaled_sum = self
                    .scaled_sum
                    .checked_add(i128::from(v))
                    .ok_or(Error::Overflow("group sum"))?;
            }
            Cost::Exact(d) => {
                self.exact.push(d);
                self.exact_sum = add(self.exact_sum, d, "group sum")?;
            }
        }
        let cheaper = match cost.cmp(&self.cheapest.0) {
            Ordering::Less => true,
            Ordering::Equal => rows.tie(row, self.cheapest.1) == Ordering::Less,
            Ordering::Greater => false,
        };
        if cheaper || self.count() == 1 {
            self.cheapest = (cost, row);
        }
        self.max = self.max.max(cost);
        if eligible {
            self.eligible = self.eligible.saturating_add(1);
            // By (cost, firm); a firm's name is read only on a tie of costs (most rows lose
            // to the third place on cost alone).
            let before = |(c, r): (Cost, u32)| match c.cmp(&cost) {
                Ordering::Equal => rows.firm_order(r, row) != Ordering::Greater,
                other => other == Ordering::Less,
            };
            if self.smart.len() == 3 {
                match self.smart.last() {
                    Some(&last) if !before(last) => {
                        self.smart.pop();
                    }
                    _ => return Ok(()),
                }
            }
            let at = self.smart.partition_point(|e| before(*e));
            self.smart.insert(at, (cost, row));
        }
        Ok(())
    }

    /// Services in the group.
    pub(crate) fn count(&self) -> usize {
        self.scaled.len().saturating_add(self.exact.len())
    }

    /// The exact sum of the costs.
    pub(crate) fn sum(&self) -> Result<Decimal> {
        let scaled = Decimal::try_from_i128_with_scale(self.scaled_sum, SCALE)
            .map_err(|_| Error::Overflow("group sum"))?;
        add(scaled, self.exact_sum, "group sum")
    }

    /// Count, sum, mean, median (by selection), min, max and the cheapest row.
    pub(crate) fn summary(&mut self) -> Result<Summary> {
        let count = self.count();
        let sum = self.sum()?;
        let median = if self.exact.is_empty() {
            median_scaled(&mut self.scaled)?
        } else {
            let mut all: Vec<Decimal> = self.costs().collect();
            let rows = vec![0u32; all.len()];
            summarize_values(&mut all, &rows, |_| "")?.median
        };
        Ok(Summary {
            count,
            sum,
            mean: div(sum, Decimal::from(count), "group mean")?,
            median,
            min: self.cheapest.0.decimal(),
            max: self.max.decimal(),
            cheapest: self.cheapest.1,
        })
    }

    /// Every cost, exact (in no particular order).
    pub(crate) fn costs(&self) -> impl Iterator<Item = Decimal> + '_ {
        let scaled = self.scaled.iter().map(|v| Cost::Scaled(*v).decimal());
        scaled.chain(self.exact.iter().copied())
    }

    /// The costs as a multiset: distinct values (normalised, `5.10` as `5.1`), ascending, with
    /// how many services have each — the mergeable form a [`Partial`](crate::Partial) keeps.
    /// The scaled costs are sorted in place.
    pub(crate) fn multiset(&mut self) -> Result<Vec<(Decimal, usize)>> {
        if self.exact.is_empty() {
            return Ok(scaled_multiset(&mut self.scaled));
        }
        let mut all: Vec<Cost> = self.scaled.iter().map(|v| Cost::Scaled(*v)).collect();
        all.extend(self.exact.iter().map(|d| Cost::Exact(*d)));
        crate::sort::sort_by(&mut all, Ord::cmp);
        let mut out: Vec<(Cost, usize)> = Vec::new();
        for cost in all {
            match out.last_mut() {
                Some((value, n)) if *value == cost => {
                    *n = n.checked_add(1).ok_or(Error::Overflow("group count"))?;
                }
                _ => out.push((cost, 1)),
            }
        }
        Ok(out
            .into_iter()
            .map(|(cost, n)| (cost.decimal().normalize(), n))
            .collect())
    }

    /// The costs as a [`Partial`](crate::Partial)'s state keeps them: as gathered when all
    /// are scaled (the usual case), else sorted into a multiset now.
    pub(crate) fn into_multiset(mut self) -> Result<Multiset> {
        if self.exact.is_empty() {
            return Ok(Multiset::gathered(self.scaled));
        }
        self.multiset().map(Multiset::sorted)
    }

    /// SmaRT where it applies: the mean of the three least eligible services (of all of them
    /// when fewer, if at least `min_services`; 0 acts as 1), with their rows, cheapest first.
    pub(crate) fn smart(
        &self,
        applies: bool,
        min_services: usize,
    ) -> Result<Option<(Decimal, Vec<u32>)>> {
        smart_of(
            applies,
            self.eligible,
            min_services,
            self.smart.iter().map(|(c, r)| (c.decimal(), *r)),
        )
    }
}

/// SmaRT from a group's eligible count and its (up to three) least eligible services,
/// ascending: their mean where it applies and enough services are eligible, with what names
/// each. Shared by a pass and by a merged [`Partial`](crate::Partial) state.
pub(crate) fn smart_of<T>(
    applies: bool,
    eligible: usize,
    min_services: usize,
    least: impl Iterator<Item = (Decimal, T)>,
) -> Result<Option<(Decimal, Vec<T>)>> {
    if !applies || eligible == 0 || eligible < min_services {
        return Ok(None);
    }
    let mut sum = Decimal::ZERO;
    let mut names = Vec::with_capacity(3);
    for (cost, name) in least.take(3) {
        sum = add(sum, cost, "smart")?;
        names.push(name);
    }
    let mean = div(sum, Decimal::from(names.len()), "smart")?;
    Ok(Some((mean, names)))
}

/// Scaled costs as a multiset (see [`Accumulator::multiset`]): sorted as integers (in
/// place), each distinct value normalised once.
pub(crate) fn scaled_multiset(values: &mut [i64]) -> Vec<(Decimal, usize)> {
    values.sort_unstable();
    let steps = values.windows(2).filter(|w| w.first() != w.last()).count();
    let mut out = Vec::with_capacity(steps.saturating_add(1));
    let distinct = values.chunk_by(|a, b| a == b);
    out.extend(distinct.map(|run| (normalized(run.first().copied().unwrap_or(0)), run.len())));
    out
}

/// A scaled cost as a normalised `Decimal`: trailing zeros dropped (8, 4, 2 then 1 at a
/// time, so at most four divisions), as `Decimal::normalize` of its value would.
pub(crate) fn normalized(scaled: i64) -> Decimal {
    let (mut v, mut scale) = (scaled, SCALE);
    for (places, factor) in [(8, 100_000_000), (4, 10_000), (2, 100), (1, 10)] {
        if scale >= places && v.checked_rem(factor) == Some(0) {
            v = v.checked_div(factor).unwrap_or(v);
            scale = scale.saturating_sub(places);
        }
    }
    Decimal::new(v, scale)
}

/// The median of scaled costs (the mean of the two middle ones for an even count), by
/// selection; `values` is reordered.
pub(crate) fn median_scaled(values: &mut [i64]) -> Result<Decimal> {
    let count = values.len();
    let mid = count / 2;
    let Some((lower_half, upper, _)) = crate::sort::select_nth_by(values, mid, Ord::cmp) else {
        return Err(Error::NoData("an empty group".into()));
    };
    let upper = Cost::Scaled(*upper).decimal();
    if count % 2 == 1 {
        return Ok(upper);
    }
    let lower = lower_half
        .iter()
        .max()
        .map_or(upper, |v| Cost::Scaled(*v).decimal());
    div(
        add(lower, upper, "group median")?,
        Decimal::TWO,
        "group median",
    )
}

/// Whether grouping by `dims` puts each group in one corridor and one period.
pub(crate) fn one_corridor_period(dims: &[Dimension]) -> bool {
    let has = |d| dims.contains(&d);
    has(Dimension::Period)
        && (has(Dimension::Corridor)
            || (has(Dimension::SourceCountry) && has(Dimension::DestinationCountry)))
}

/// Whether SmaRT applies to a group: its dimensions or its rows keep it in one corridor in
/// one period.
pub(crate) fn applies(dims: &[Dimension], group: &Accumulator) -> bool {
    one_corridor_period(dims) || !group.several
}

/// Groups, ordered by key, each with its accumulator.
pub(crate) type Gathered<'a> = Vec<(Vec<Part<'a>>, Accumulator)>;

/// Groups `rows` by `dims` in one pass, leaving out unpriced rows and, unless the options
/// include them, non-transparent ones. Each row is read once (rows are large: memory traffic,
/// not arithmetic, bounds this); the rest works on each group's compact values.
pub(crate) fn gather<'a>(
    rows: &'a [Observation],
    dims: &[Dimension],
    options: &AggregateOptions,
) -> Result<(Gathered<'a>, LeftOut)> {
    let mut left_out = LeftOut::default();
    // Few distinct speeds: each is judged once, found again by its text.
    let mut speeds: FastMap<&'a str, bool> = FastMap::default();
    let mut interner = Interner::new(dims.len());
    let mut groups: Vec<Accumulator> = Vec::new();
    let rule = &options.eligibility;
    let span_known = one_corridor_period(dims);
    let fields = Field::resolve(dims, rows)?;
    for (i, obs) in rows.iter().enumerate() {
        let Some(price) = left_out.price_of(obs, options) else {
            continue;
        };
        let row = index(i)?;
        let fast = *speeds
            .entry(obs.speed.as_str())
            .or_insert_with(|| rule.accepts_speed(&obs.speed));
        let eligible = fast && rule.accepts_without_speed(obs);
        let g = interner.group_of(fields.iter().map(|f| f.part(obs)))? as usize;
        if g == groups.len() {
            groups.push(Accumulator::new(row));
        }
        let Some(group) = groups.get_mut(g) else {
            continue;
        };
        if !span_known && !group.several {
            if let Some(first) = rows.get(group.first as usize) {
                group.several = first.period != obs.period
                    || first.source_code != obs.source_code
                    || first.destination_code != obs.destination_code;
            }
        }
        group.add(rows, row, Cost::of(price.total_cost_pct), eligible)?;
    }
    let mut groups: Vec<Option<Accumulator>> = groups.into_iter().map(Some).collect();
    let ordered = interner
        .ordered()?
        .into_iter()
        .filter_map(|(g, key)| Some((key, groups.get_mut(g as usize)?.take()?)))
        .collect();
    Ok((ordered, left_out))
}

/// One group of services with its exact statistics (not rounded), the row it names (its
/// cheapest) and the firms its SmaRT takes.
pub(crate) struct ServiceGroup<'a> {
    pub key: Vec<Part<'a>>,
    pub summary: Summary,
    pub first: Named<'a>,
    pub eligible: usize,
    pub smart_pct: Option<Decimal>,
    pub smart_firms: Vec<&'a str>,
}

/// Groups services and computes each group's exact statistics, ordered by key, with the rows
/// left out.
pub(crate) fn service_groups<'a>(
    rows: &'a [Observation],
    dims: &[Dimension],
    options: &AggregateOptions,
) -> Result<(Vec<ServiceGroup<'a>>, LeftOut)> {
    let (groups, left_out) = gather(rows, dims, options)?;
    Ok((summarize_groups(rows, dims, options, groups)?, left_out))
}

/// Each gathered group's exact statistics, SmaRT and named rows.
pub(crate) fn summarize_groups<'a, R: Rows + ?Sized>(
    rows: &'a R,
    dims: &[Dimension],
    options: &AggregateOptions,
    groups: Gathered<'a>,
) -> Result<Vec<ServiceGroup<'a>>> {
    let mut out = Vec::with_capacity(groups.len());
    for (key, mut group) in groups {
        let summary = group.summary()?;
        let Some(first) = rows.named(summary.cheapest) else {
            continue;
        };
        let smart = group.smart(applies(dims, &group), options.smart_min_services)?;
        let (smart_pct, smart_firms) = match smart {
            Some((mean, taken)) => (
                Some(mean),
                taken
                    .into_iter()
                    .filter_map(|r| rows.named(r).map(|n| n.firm))
                    .collect(),
            ),
            None => (None, Vec::new()),
        };
        out.push(ServiceGroup {
            key,
            summary,
            first,
            eligible: group.eligible,
            smart_pct,
            smart_firms,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{group, Partial};

    fn row(n: usize, firm: &str, cost: &str) -> Observation {
        serde_json::from_value(
            serde_json::json!({"row": n, "id": null, "period": "2025_1Q",
            "source_code": "FRA", "source_name": "France", "source_region": "",
            "destination_code": "SEN", "destination_name": "Senegal", "destination_region": "",
            "firm": firm, "firm_type": "Bank", "instrument": "Cash", "access_point": "Agent",
            "speed": "Same day", "transparent": true, "cc2": null, "interbank_fx": null,
            "extra": {}, "cc1": {"amount": "200", "denomination_amount": null, "currency": null,
            "fee": "0", "fx_rate": null, "fx_margin_pct": "0", "total_cost_pct": cost}}),
        )
        .unwrap()
    }

    use proptest::prelude::*;

    proptest! {
        #[test]
        fn a_scaled_multiset_is_the_exact_one(values in proptest::collection::vec(
            prop_oneof![-3i64..3, (-1_000i64..1_000).prop_map(|v| v.saturating_mul(100_000_000)), any::<i64>()],
            0..40,
        )) {
            let mut acc = Accumulator::new(0);
            acc.scaled.clone_from(&values);
            let mut exact = values.iter().map(|v| Cost::Scaled(*v)).collect::<Vec<_>>();
            exact.sort();
            let mut want: Vec<(Decimal, usize)> = Vec::new();
            for c in exact {
                let d = c.decimal().normalize();
                match want.last_mut() {
                    Some((v, n)) if *v == d => *n = n.saturating_add(1),
                    _ => want.push((d, 1)),
                }
            }
            let got = acc.multiset().unwrap();
            // Equal values and equal scales (serialized alike).
            prop_assert_eq!(
                got.iter().map(|(d, n)| (d.to_string(), *n)).collect::<Vec<_>>(),
                want.iter().map(|(d, n)| (d.to_string(), *n)).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn a_cost_is_scaled_once_whatever_its_published_scale() {
        let of = |s: &str| Cost::of(s.parse().unwrap());
        assert_eq!(of("1.5"), of("1.50000"));
        assert_eq!(of("-2.0001"), Cost::Scaled(-20_001_000_000));
        // More places than the scale, or too large for it: kept exact.
        assert!(matches!(of("0.00000000001"), Cost::Exact(_)));
        assert!(matches!(of("100000000000"), Cost::Exact(_)));
        assert!(of("0.00000000001") < of("0.0000000001"));
        assert!(of("100000000000") > of("922337203"));
    }

    #[test]
    fn costs_that_do_not_scale_aggregate_exactly_beside_those_that_do() {
        let rows = [
            row(2, "A", "4"),
            row(3, "B", "6.00000000005"),
            row(4, "C", "100000000000"),
            row(5, "D", "4.00000000000"),
        ];
        let dims = [Dimension::Corridor];
        let options = AggregateOptions::default();
        let g = group(&rows, &dims, &options).unwrap();
        let s = &g.groups[0];
        // (4 + 6.00000000005 + 100000000000 + 4) / 4 = 25000000003.5000000000125
        assert_eq!(s.mean_pct.to_string(), "25000000003.5000");
        // The middle two are 4 and 6.00000000005: 5.000000000025, half-even to 4 places.
        assert_eq!(s.median_pct.to_string(), "5.0000");
        assert_eq!(s.max_pct.to_string(), "100000000000.0000");
        // 4 and 4.00000000000 tie on cost; A is first by name.
        assert_eq!(
            (s.min_pct.to_string(), s.cheapest.as_str()),
            ("4.0000".into(), "A")
        );
        // SmaRT: 4, 4 and 6.00000000005.
        assert_eq!(s.smart_pct.unwrap().to_string(), "4.6667");
        let mut p = Partial::new(&dims, &options);
        p.add(&rows[2..]).unwrap();
        let mut q = Partial::new(&dims, &options);
        q.add(&rows[..2]).unwrap();
        p.merge(q).unwrap();
        assert_eq!(p.grouping().unwrap(), g);
    }

    #[test]
    fn smart_takes_the_three_least_by_cost_then_firm() {
        let rows = [
            row(2, "E", "3"),
            row(3, "D", "2"),
            row(4, "C", "3"),
            row(5, "B", "5"),
            row(6, "A", "3"),
        ];
        let (groups, _) =
            gather(&rows, &[Dimension::Corridor], &AggregateOptions::default()).unwrap();
        let group = &groups[0].1;
        let firms: Vec<&str> = group
            .smart
            .iter()
            .map(|(_, r)| rows[*r as usize].firm.as_str())
            .collect();
        assert_eq!(firms, ["D", "A", "C"]);
        assert_eq!(group.eligible, 5);
    }
}
