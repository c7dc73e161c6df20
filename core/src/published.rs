//! The indicators as the World Bank publishes them in its RPW reports: the global average
//! with its published exclusions, the G20 sending average, regional and income-group
//! averages, SDG 10.c.1, the shares of services and corridors below 5% and 10%, the change
//! against the same quarter a year earlier, annual averages, the International MTO index and
//! the Digital remittances index. Each rule is data ([`PublishedOptions`]) with RPW's as the
//! default.
//!
//! The rows must carry the receiving region, the income groups and G20 membership (today's
//! layout does; for older exports, [`Countries::classify`](crate::Countries::classify) fills
//! them in).

use crate::aggregate::{column, member, service_groups, AggregateOptions, Dimension, LeftOut};
use crate::decimal::{add, div, pct_of, sub};
use crate::error::Result;
use crate::observation::{Observation, Period};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A published figure an [`Exclusion`] can apply to. In JSON: `"global_average"`,
/// `"g20_average"`, `"regional_average"`, `"income_average"`, `"mto_index"`,
/// `"digital_index"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// The global average (and the shares of services below 5% and 10%, over the same
    /// services).
    GlobalAverage,
    /// The G20 sending average.
    G20Average,
    /// The averages by receiving region.
    RegionalAverage,
    /// The averages by receiving income group.
    IncomeAverage,
    /// The International MTO index.
    MtoIndex,
    /// The Digital remittances index.
    DigitalIndex,
}

/// Services a published figure left out in some periods: those sent from `source_countries`,
/// and those received in a country of one of `destination_income` (income groups as the rows
/// carry them, `High income`, …), from `from` to `to` inclusive.
///
/// [`Exclusion::rpw`] lists the World Bank's, as measured against its published figures.
///
/// ```
/// let e: remitcost::Exclusion = serde_json::from_str(r#"{"figures": ["global_average"],
///     "from": "2013_1Q", "to": "2014_4Q", "source_countries": ["RUS"]}"#).unwrap();
/// assert!(e.applies(remitcost::Figure::GlobalAverage, "2014_2Q".parse().unwrap()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Exclusion {
    /// The figures it applies to.
    pub figures: Vec<Figure>,
    /// The first period it applies to.
    pub from: Period,
    /// The last period it applies to.
    pub to: Period,
    /// Sending countries left out, ISO alpha-3.
    #[serde(default)]
    pub source_countries: Vec<String>,
    /// Receiving income groups left out.
    #[serde(default)]
    pub destination_income: Vec<String>,
    /// Why, and the evidence.
    #[serde(default)]
    pub note: String,
}

impl Exclusion {
    /// Whether it applies to `figure` in `period`.
    pub fn applies(&self, figure: Figure, period: Period) -> bool {
        self.figures.contains(&figure) && self.from <= period && period <= self.to
    }

    /// Whether it leaves `obs` out.
    fn leaves_out(&self, obs: &Observation) -> bool {
        let income = column(obs, "destination_income");
        self.source_countries
            .iter()
            .any(|c| c.eq_ignore_ascii_case(&obs.source_code))
            || (!income.is_empty()
                && self
                    .destination_income
                    .iter()
                    .any(|g| g.eq_ignore_ascii_case(income)))
    }

    /// The World Bank's published exclusions, each measured on real rows against the figure
    /// it explains:
    ///
    /// 1. the global average leaves out the services sent from the Russian Federation, 2011_1Q
    ///    to 2014_4Q. RPW Issue 3 (November 2011) gives 9.30% for 2011_3Q; the 2,374
    ///    transparent services of that quarter average 8.98%, and 9.30% without the 117 sent
    ///    from Russia. On the 2013–2014 rows the same exclusion gives the published figure in
    ///    5 of 6 quarters (Q1 2013 – Q2 2014; ../shared/DESIGN.md, "Published exclusions").
    /// 2. the regional averages of 2011–2012 leave out the services sent from the Russian
    ///    Federation and those received in high-income countries (the regions were then the
    ///    developing countries'): Europe & Central Asia 2011_3Q is 8.68% in RPW Issue 3, 6.73%
    ///    over all its services, 8.68% with both left out. The 2013–2014 regional averages keep
    ///    both (DESIGN.md).
    ///
    /// ```
    /// let rpw = remitcost::Exclusion::rpw();
    /// assert_eq!(rpw[0].source_countries, ["RUS"]);
    /// ```
    pub fn rpw() -> Vec<Exclusion> {
        let period = |y, q| Period {
            year: y,
            quarter: q,
        };
        vec![
            Exclusion {
                figures: vec![Figure::GlobalAverage],
                from: period(2011, 1),
                to: period(2014, 4),
                source_countries: vec!["RUS".into()],
                destination_income: Vec::new(),
                note: "RPW Issue 3 (Nov 2011): global average 9.30% in 2011_3Q, reproduced \
                       without the services sent from the Russian Federation; 5 of 6 quarters \
                       of 2013_1Q-2014_2Q likewise"
                    .into(),
            },
            Exclusion {
                figures: vec![Figure::RegionalAverage],
                from: period(2011, 1),
                to: period(2012, 4),
                source_countries: vec!["RUS".into()],
                destination_income: vec!["High income".into()],
                note: "RPW Issue 3 (Nov 2011): Europe & Central Asia 8.68% in 2011_3Q, \
                       reproduced without the services sent from the Russian Federation and \
                       those received in high-income countries"
                    .into(),
            },
        ]
    }
}

/// Which services are "digital", as data: a service is digital when each non-empty list holds
/// its value (case-insensitive): `instruments` its payment instrument, `access_points` its
/// access point, `pickup_methods` its pickup method. The default reads "digital" as paid in
/// with an account, a card or mobile money through an online or mobile channel and received
/// into an account or a mobile wallet, in the words of today's RPW layout. RPW's reports give the
/// Digital remittances index (5.11% in Q4 2020 and 5.08% in Q1 2021, RPW Issue 37, March
/// 2021; 4.84% in Q3 2023, Issue 47, September 2023) but its own wording of the rule was
/// not found in a source that could be cited here: the default is this project's reading, not
/// checked against RPW's text, and the rule is data so that a caller can replace it. Rows
/// without these columns (the 2011–2012 exports say "Not available") are never digital.
///
/// ```
/// let rule = remitcost::DigitalRule::default();
/// assert!(rule.instruments.iter().any(|i| i == "Debit card"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct DigitalRule {
    /// Payment instruments that count (empty: any).
    pub instruments: Vec<String>,
    /// Access points that count (empty: any).
    pub access_points: Vec<String>,
    /// Pickup methods that count (empty: any).
    pub pickup_methods: Vec<String>,
}

impl Default for DigitalRule {
    fn default() -> Self {
        let list = |items: &[&str]| items.iter().map(|s| s.to_string()).collect();
        DigitalRule {
            instruments: list(&["Bank account", "Debit card", "Credit card", "Mobile money"]),
            access_points: list(&["Online", "Mobile", "Internet", "Mobile app"]),
            pickup_methods: list(&["Account", "Bank account", "Mobile wallet", "Mobile money"]),
        }
    }
}

impl DigitalRule {
    /// Whether `obs` is a digital service under this rule.
    pub fn accepts(&self, obs: &Observation) -> bool {
        let holds = |list: &[String], value: &str| {
            list.is_empty() || list.iter().any(|v| v.eq_ignore_ascii_case(value))
        };
        holds(&self.instruments, &obs.instrument)
            && holds(&self.access_points, &obs.access_point)
            && holds(&self.pickup_methods, &obs.pickup_method)
    }
}

/// Options of [`published_indicators`]. In JSON every field is optional:
///
/// - `aggregate`: amount, transparency, SmaRT eligibility, comparison and rounding
///   ([`AggregateOptions`]);
/// - `exclusions`: the services each figure leaves out per period (default
///   [`Exclusion::rpw`]; `[]` for none);
/// - `digital`: the rule for "digital" ([`DigitalRule`]);
/// - `international_mtos`: the firms of the International MTO index, as the data spells them.
///   Empty by default, and then the index is not computed (`mto_index_pct` is `None`): the
///   data has no column that marks them, and no published list of the index's firms was found
///   that could be cited (RPW's reports give the index — 8.05% in Q3 2016, Issue 19,
///   September 2016; 6.29% in Q3 2023, Issue 47 — not the firms behind it, in the pages
///   found), so a default would be a guess that moves a published figure. Pass the firms the
///   figure is meant to cover.
///
/// ```
/// let o: remitcost::PublishedOptions = serde_json::from_str(r#"{"exclusions": []}"#).unwrap();
/// assert!(o.exclusions.is_empty() && o.international_mtos.is_empty());
/// assert_eq!(remitcost::PublishedOptions::default().exclusions, remitcost::Exclusion::rpw());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct PublishedOptions {
    /// Amount, transparency, eligibility, comparison and rounding.
    pub aggregate: AggregateOptions,
    /// What each figure leaves out, per period.
    pub exclusions: Vec<Exclusion>,
    /// The rule for digital services.
    pub digital: DigitalRule,
    /// The firms of the International MTO index.
    pub international_mtos: Vec<String>,
}

impl Default for PublishedOptions {
    fn default() -> Self {
        PublishedOptions {
            aggregate: AggregateOptions::default(),
            exclusions: Exclusion::rpw(),
            digital: DigitalRule::default(),
            international_mtos: Vec::new(),
        }
    }
}

/// A mean over a group of services: the group (a region, an income group), how many services
/// and their mean total cost (percent, 4 places).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Average {
    /// The group.
    pub key: String,
    /// Services averaged.
    pub services: usize,
    /// Their mean total cost, percent.
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub mean_pct: Decimal,
}

/// The published figures of one period. Percentages at 4 places under the options' rule,
/// each from its exact value; `None` where a figure has no service.
///
/// - `global_average_pct` over `services` (`excluded` left out by the exclusions);
/// - `global_average_yoy_pp`: minus the same quarter a year earlier (2011–2012 were
///   surveyed in Q1 and Q3 only, so a Q3 compares with the Q3 before);
/// - `g20_average_pct`: services sent from a G20 country (`source_G8G20`);
/// - `regions` by receiving region (rows with no region count in the world only) and
///   `income_groups` by receiving income group;
/// - `sdg_10c1_above_5_pct` / `sdg_10c1_below_3_pct`: SDG indicator 10.c.1, the share of the
///   corridors with a SmaRT (`smart_corridors`) whose SmaRT is above 5% (under the options'
///   comparison) and strictly below 3%;
/// - `services_below_5_pct`, `services_below_10_pct`: shares of the global average's services
///   strictly below 5% and 10%; `corridors_below_5_pct`, `corridors_below_10_pct`: shares of
///   the `corridors`' averages strictly below them (the corridor figures count every corridor:
///   exclusions apply to the averages over services);
/// - `mto_index_pct`: mean over the services of the International MTOs; `digital_index_pct`:
///   mean over the `digital_services`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PublishedPeriod {
    /// The quarter.
    pub period: Period,
    /// Services in the global average.
    pub services: usize,
    /// Services the global average's exclusions left out.
    pub excluded: usize,
    /// The global average, percent.
    #[serde(default, deserialize_with = "crate::decimal::de::option")]
    pub global_average_pct: Option<Decimal>,
    /// Change against the same quarter a year earlier, percentage points.
    #[serde(default, deserialize_with = "crate::decimal::de::option")]
    pub global_average_yoy_pp: Option<Decimal>,
    /// The G20 sending average, percent.
    #[serde(default, deserialize_with = "crate::decimal::de::option")]
    pub g20_average_pct: Option<Decimal>,
    /// Services in the G20 average.
    pub g20_services: usize,
    /// Averages by receiving region.
    pub regions: Vec<Average>,
    /// Averages by receiving income group.
    pub income_groups: Vec<Average>,
    /// Corridors with data.
    pub corridors: usize,
    /// Corridors with a SmaRT.
    pub smart_corridors: usize,
    /// SDG 10.c.1: share of corridors with a SmaRT above 5%, percent.
    #[serde(default, deserialize_with = "crate::decimal::de::option")]
    pub sdg_10c1_above_5_pct: Option<Decimal>,
    /// SDG 10.c.1: share of corridors with a SmaRT below 3%, percent.
    #[serde(default, deserialize_with = "crate::decimal::de::option")]
    pub sdg_10c1_below_3_pct: Option<Decimal>,
    /// Share of services below 5%, percent.
    #[serde(default, deserialize_with = "crate::decimal::de::option")]
    pub services_below_5_pct: Option<Decimal>,
    /// Share of services below 10%, percent.
    #[serde(default, deserialize_with = "crate::decimal::de::option")]
    pub services_below_10_pct: Option<Decimal>,
    /// Share of corridors whose average is below 5%, percent.
    #[serde(default, deserialize_with = "crate::decimal::de::option")]
    pub corridors_below_5_pct: Option<Decimal>,
    /// Share of corridors whose average is below 10%, percent.
    #[serde(default, deserialize_with = "crate::decimal::de::option")]
    pub corridors_below_10_pct: Option<Decimal>,
    /// The International MTO index, percent.
    #[serde(default, deserialize_with = "crate::decimal::de::option")]
    pub mto_index_pct: Option<Decimal>,
    /// The Digital remittances index, percent.
    #[serde(default, deserialize_with = "crate::decimal::de::option")]
    pub digital_index_pct: Option<Decimal>,
    /// Services in the Digital remittances index.
    pub digital_services: usize,
}

/// The mean of a year's quarterly global averages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AnnualAverage {
    /// The calendar year.
    pub year: u16,
    /// The quarters with a global average.
    pub periods: Vec<Period>,
    /// The mean of their global averages (each exact), percent.
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub global_average_pct: Decimal,
}

/// The published figures of every period, the annual averages, and the rows left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Published {
    /// One entry per period with data, chronologically.
    pub periods: Vec<PublishedPeriod>,
    /// One entry per calendar year with data.
    pub annual: Vec<AnnualAverage>,
    /// Rows left out, by reason (before any exclusion).
    pub left_out: LeftOut,
}

/// Exact sum and count.
#[derive(Default, Clone, Copy)]
struct Tally {
    sum: Decimal,
    count: usize,
}

impl Tally {
    fn push(&mut self, value: Decimal) -> Result<()> {
        self.sum = add(self.sum, value, "published average")?;
        self.count = self.count.saturating_add(1);
        Ok(())
    }
    fn mean(&self) -> Result<Option<Decimal>> {
        if self.count == 0 {
            return Ok(None);
        }
        Ok(Some(div(
            self.sum,
            Decimal::from(self.count),
            "published average",
        )?))
    }
}

/// One period's tallies, exact.
#[derive(Default)]
struct PeriodTally {
    global: Tally,
    excluded: usize,
    below_5: usize,
    below_10: usize,
    g20: Tally,
    regions: BTreeMap<String, Tally>,
    income: BTreeMap<String, Tally>,
    mto: Tally,
    digital: Tally,
}

/// Adds `cost` to the tally of `key`, copying the key only the first time it is seen.
fn add_to(groups: &mut BTreeMap<String, Tally>, key: &str, cost: Decimal) -> Result<()> {
    match groups.get_mut(key) {
        Some(tally) => tally.push(cost),
        None => groups.entry(key.to_string()).or_default().push(cost),
    }
}

/// Share of `part` in `whole`, percent; `None` for an empty whole.
fn share(part: usize, whole: usize) -> Result<Option<Decimal>> {
    if whole == 0 {
        return Ok(None);
    }
    Ok(Some(pct_of(
        Decimal::from(part),
        Decimal::from(whole),
        "share",
    )?))
}

/// Share of `values` that pass `test`, percent; `None` for no value.
fn share_of(values: &[Decimal], test: impl Fn(Decimal) -> bool) -> Result<Option<Decimal>> {
    share(values.iter().filter(|v| test(**v)).count(), values.len())
}

/// The RPW indicators as published, per period, from service rows (see [`PublishedPeriod`]
/// and [`PublishedOptions`]).
///
/// ```
/// use remitcost::{published_indicators, Observation, PublishedOptions};
/// let row = |src: &str, region: &str, cost: &str| -> Observation {
///     serde_json::from_value(serde_json::json!({"row": 2, "id": null, "period": "2011_3Q",
///         "source_code": src, "source_name": "", "source_region": "",
///         "destination_code": "TJK", "destination_name": "", "destination_region": region,
///         "firm": "A", "firm_type": "Bank", "instrument": "", "access_point": "",
///         "speed": "", "transparent": true, "cc2": null, "interbank_fx": null,
///         "extra": {"source_G8G20": if src == "RUS" {"G8/G20"} else {".."}},
///         "cc1": {"amount": "200", "denomination_amount": null, "currency": null,
///         "fee": "0", "fx_rate": null, "fx_margin_pct": "0", "total_cost_pct": cost}})).unwrap()
/// };
/// let rows = [row("RUS", "Europe & Central Asia", "2"), row("KAZ", "Europe & Central Asia", "8"),
///             row("KAZ", "", "11")];
/// let out = published_indicators(&rows, &PublishedOptions::default()).unwrap();
/// let p = &out.periods[0];
/// assert_eq!(p.global_average_pct.unwrap().to_string(), "9.5000"); // RUS left out in 2011
/// assert_eq!((p.services, p.excluded), (2, 1));
/// assert_eq!(p.g20_average_pct.unwrap().to_string(), "2.0000");    // the G20 average keeps it
/// assert_eq!(p.regions[0].mean_pct.to_string(), "8.0000");          // ECA: 2011's rule drops RUS
/// assert_eq!(p.services_below_10_pct.unwrap().to_string(), "50.0000");
/// ```
pub fn published_indicators(
    observations: &[Observation],
    options: &PublishedOptions,
) -> Result<Published> {
    let (tallies, left_out) = tally(observations, options)?;
    let (five, ten, three) = (Decimal::from(5), Decimal::from(10), Decimal::from(3));
    let (corridors, _) = service_groups(
        observations,
        &[Dimension::Period, Dimension::Corridor],
        &options.aggregate,
    )?;
    let mut by_period: BTreeMap<Period, Vec<(Decimal, Option<Decimal>)>> = BTreeMap::new();
    for group in &corridors {
        by_period
            .entry(group.first.period)
            .or_default()
            .push((group.summary.mean, group.smart_pct));
    }
    let exact: BTreeMap<Period, Option<Decimal>> = tallies
        .iter()
        .map(|(p, t)| Ok((*p, t.global.mean()?)))
        .collect::<Result<_>>()?;
    let round = |d: Option<Decimal>| d.map(|d| options.aggregate.rounding.round_pct(d));
    let mut periods = Vec::with_capacity(tallies.len());
    for (period, t) in &tallies {
        let list = by_period.get(period).map_or(&[][..], Vec::as_slice);
        let smarts: Vec<Decimal> = list.iter().filter_map(|c| c.1).collect();
        let averages_of_corridors: Vec<Decimal> = list.iter().map(|c| c.0).collect();
        let global = exact.get(period).copied().flatten();
        let a_year_before = Period {
            year: period.year.saturating_sub(1),
            quarter: period.quarter,
        };
        let yoy = match (global, exact.get(&a_year_before).copied().flatten()) {
            (Some(now), Some(then)) => Some(sub(now, then, "change")?),
            _ => None,
        };
        let averages = |groups: &BTreeMap<String, Tally>| -> Result<Vec<Average>> {
            groups
                .iter()
                .map(|(key, tally)| {
                    Ok(Average {
                        key: key.clone(),
                        services: tally.count,
                        mean_pct: round(tally.mean()?).unwrap_or_default(),
                    })
                })
                .collect()
        };
        let comparison = options.aggregate.comparison;
        periods.push(PublishedPeriod {
            period: *period,
            services: t.global.count,
            excluded: t.excluded,
            global_average_pct: round(global),
            global_average_yoy_pp: round(yoy),
            g20_average_pct: round(t.g20.mean()?),
            g20_services: t.g20.count,
            regions: averages(&t.regions)?,
            income_groups: averages(&t.income)?,
            corridors: list.len(),
            smart_corridors: smarts.len(),
            sdg_10c1_above_5_pct: round(share_of(&smarts, |v| comparison.holds(v, five))?),
            sdg_10c1_below_3_pct: round(share_of(&smarts, |v| v < three)?),
            services_below_5_pct: round(share(t.below_5, t.global.count)?),
            services_below_10_pct: round(share(t.below_10, t.global.count)?),
            corridors_below_5_pct: round(share_of(&averages_of_corridors, |v| v < five)?),
            corridors_below_10_pct: round(share_of(&averages_of_corridors, |v| v < ten)?),
            mto_index_pct: round(t.mto.mean()?),
            digital_index_pct: round(t.digital.mean()?),
            digital_services: t.digital.count,
        });
    }
    Ok(Published {
        periods,
        annual: annual(&exact, options)?,
        left_out,
    })
}

/// One pass over the rows: each period's exact tallies, each service counted in the figures
/// whose exclusions keep it.
fn tally(
    observations: &[Observation],
    options: &PublishedOptions,
) -> Result<(BTreeMap<Period, PeriodTally>, LeftOut)> {
    let mut tallies: BTreeMap<Period, PeriodTally> = BTreeMap::new();
    let mut left_out = LeftOut::default();
    let (five, ten) = (Decimal::from(5), Decimal::from(10));
    for obs in observations {
        let Some(price) = left_out.price_of(obs, &options.aggregate) else {
            continue;
        };
        let cost = price.total_cost_pct;
        let kept = |figure: Figure| {
            !options
                .exclusions
                .iter()
                .any(|e| e.applies(figure, obs.period) && e.leaves_out(obs))
        };
        let t = tallies.entry(obs.period).or_default();
        if kept(Figure::GlobalAverage) {
            t.global.push(cost)?;
            t.below_5 = t.below_5.saturating_add(usize::from(cost < five));
            t.below_10 = t.below_10.saturating_add(usize::from(cost < ten));
        } else {
            t.excluded = t.excluded.saturating_add(1);
        }
        if kept(Figure::G20Average) && member(obs, "source_G8G20", "G20") == "G20" {
            t.g20.push(cost)?;
        }
        let region = obs.destination_region.as_str();
        if kept(Figure::RegionalAverage) && !region.is_empty() {
            add_to(&mut t.regions, region, cost)?;
        }
        let income = column(obs, "destination_income");
        if kept(Figure::IncomeAverage) && !income.is_empty() && income != ".." {
            add_to(&mut t.income, income, cost)?;
        }
        let mto = options
            .international_mtos
            .iter()
            .any(|f| f.eq_ignore_ascii_case(&obs.firm));
        if kept(Figure::MtoIndex) && mto {
            t.mto.push(cost)?;
        }
        if kept(Figure::DigitalIndex) && options.digital.accepts(obs) {
            t.digital.push(cost)?;
        }
    }
    Ok((tallies, left_out))
}

/// The mean of each year's exact quarterly global averages.
fn annual(
    exact: &BTreeMap<Period, Option<Decimal>>,
    options: &PublishedOptions,
) -> Result<Vec<AnnualAverage>> {
    let mut years: BTreeMap<u16, (Vec<Period>, Tally)> = BTreeMap::new();
    for (period, global) in exact {
        if let Some(g) = global {
            let year = years.entry(period.year).or_default();
            year.0.push(*period);
            year.1.push(*g)?;
        }
    }
    years
        .into_iter()
        .filter_map(|(year, (periods, tally))| {
            tally.mean().transpose().map(|mean| {
                Ok(AnnualAverage {
                    year,
                    periods,
                    global_average_pct: options.aggregate.rounding.round_pct(mean?),
                })
            })
        })
        .collect()
}
