//! The indicators as published, on the real RPW rows of 2011–2012
//! (testdata/worldbank/rpw-raw), against the figures the World Bank published for them.

#![cfg(all(feature = "csv", feature = "countries"))]

use remitcost::{
    published_indicators, read_rpw_csv, Countries, Decimal, IncomeVintage, Observation, Period,
    PublishedOptions, PublishedPeriod,
};

const ROWS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../testdata/worldbank/rpw-raw/rpw_rows_2011_2012.csv"
);

fn real_rows() -> Vec<Observation> {
    let text = std::fs::read_to_string(ROWS).unwrap();
    let mut rows = read_rpw_csv(text.as_bytes()).unwrap().observations;
    let unknown = Countries::world_bank()
        .unwrap()
        .classify(&mut rows, IncomeVintage::OfPeriod);
    assert!(unknown.is_empty(), "codes the table lacks: {unknown:?}");
    rows
}

fn period<'a>(out: &'a [PublishedPeriod], p: &str) -> &'a PublishedPeriod {
    let p: Period = p.parse().unwrap();
    out.iter().find(|x| x.period == p).unwrap()
}

/// A percentage as published: 2 places.
fn two(d: Decimal) -> String {
    d.round_dp(2).to_string()
}

fn region(p: &PublishedPeriod, name: &str) -> (usize, String) {
    let r = p.regions.iter().find(|r| r.key == name).unwrap();
    (r.services, r.mean_pct.to_string())
}

const FIGURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../testdata/worldbank/rpw-reports/figures.csv"
);

/// Our figure for a line of testdata/worldbank/rpw-reports/figures.csv.
fn ours(out: &[PublishedPeriod], p: &str, figure: &str, key: &str) -> Decimal {
    let p = period(out, p);
    match figure {
        "global_average" => p.global_average_pct.unwrap(),
        "g20_average" => p.g20_average_pct.unwrap(),
        "regional_average" => p.regions.iter().find(|r| r.key == key).unwrap().mean_pct,
        other => panic!("unknown figure {other}"),
    }
}

/// Every figure the RPW reports published for these periods (figures.csv, each line citing
/// its report) is reproduced to the 2 places published, except three, each explained below
/// with its numbers.
#[test]
fn the_published_figures_are_reproduced_or_explained() {
    let out = published_indicators(&real_rows(), &PublishedOptions::default())
        .unwrap()
        .periods;
    let text = std::fs::read_to_string(FIGURES).unwrap();
    let mut differ = Vec::new();
    let mut same = 0;
    for line in text.lines().skip(1) {
        let cells: Vec<&str> = line.splitn(5, ',').collect();
        let [p, figure, key, published, _source] = cells[..] else {
            panic!("bad line {line}")
        };
        let ours = two(ours(&out, p, figure, key));
        if ours == published {
            same += 1;
        } else {
            differ.push(format!(
                "{p} {figure} {key}: ours {ours}, published {published}"
            ));
        }
    }
    assert_eq!(same, 6);
    assert_eq!(
        differ,
        [
            "2011_3Q g20_average : ours 9.19, published 9.13",
            "2011_3Q regional_average East Asia & Pacific: ours 9.85, published 9.80",
            "2011_1Q regional_average Latin America & Caribbean: ours 6.76, published 6.82",
        ]
    );
}

/// RPW Issue 3 (Nov 2011): global average 9.30% in 2011_3Q. The 2,374 transparent services of
/// the quarter average 8.98%; without the 117 sent from the Russian Federation (2.68% on
/// average), 9.30%: the default exclusion.
#[test]
fn the_global_average_leaves_out_russia_as_published() {
    let rows = real_rows();
    let p = published_indicators(&rows, &PublishedOptions::default()).unwrap();
    let q3 = period(&p.periods, "2011_3Q");
    assert_eq!((q3.services, q3.excluded), (2257, 117));
    assert_eq!(q3.global_average_pct.unwrap().to_string(), "9.3029");
    let mut none = PublishedOptions::default();
    none.exclusions.clear();
    let all = published_indicators(&rows, &none).unwrap();
    let q3 = period(&all.periods, "2011_3Q");
    assert_eq!((q3.services, q3.excluded), (2374, 0));
    assert_eq!(two(q3.global_average_pct.unwrap()), "8.98");
}

/// The regional averages of 2011_3Q (RPW Issue 3) leave out the services sent from Russia and
/// those received in high-income countries: Europe & Central Asia is 6.73% over all its 352
/// services and 8.68%, as published, over the 193 left. East Asia & Pacific is the one region
/// not reproduced: 9.8496% over 678 services (10.07% over all 695; leaving out Korea, the one
/// high-income receiver, is what brings it near), 0.05 points above the published 9.80 — the
/// size of the differences DESIGN.md ("Published exclusions") found in 14 of 36 regional cells
/// of 2013–2014, most likely an earlier snapshot of the data.
#[test]
fn regional_averages_use_the_classification_of_the_time() {
    let rows = real_rows();
    let p = published_indicators(&rows, &PublishedOptions::default()).unwrap();
    let q3 = period(&p.periods, "2011_3Q");
    assert_eq!(region(q3, "Europe & Central Asia"), (193, "8.6792".into()));
    assert_eq!(region(q3, "East Asia & Pacific"), (678, "9.8496".into()));
    // The Netherlands Antilles (ANT, 4 services) has no region: it counts in the world only.
    assert_eq!(q3.regions.len(), 6);
    let mut none = PublishedOptions::default();
    none.exclusions.clear();
    let all = published_indicators(&rows, &none).unwrap();
    let q3 = period(&all.periods, "2011_3Q");
    assert_eq!(region(q3, "Europe & Central Asia"), (352, "6.7342".into()));
    assert_eq!(region(q3, "East Asia & Pacific"), (695, "10.0736".into()));
}

/// The regions are a vintage too: in the World Bank's FY26 classification (a table the caller
/// passes: testdata/worldbank/wb-classification/countries_fy26.json) Afghanistan and Pakistan
/// are in the Middle East & North Africa, so South Asia 2011_3Q no longer has the services sent
/// to Pakistan and the published 6.15% (the classification of the time) is not reproduced.
#[test]
fn a_caller_can_pick_another_classification() {
    let fy26 = Countries::from_json(include_str!(
        "../../testdata/worldbank/wb-classification/countries_fy26.json"
    ))
    .unwrap();
    assert_eq!(fy26.vintage, "FY26");
    let text = std::fs::read_to_string(ROWS).unwrap();
    let mut rows = read_rpw_csv(text.as_bytes()).unwrap().observations;
    assert!(fy26.classify(&mut rows, IncomeVintage::OfPeriod).is_empty());
    let p = published_indicators(&rows, &PublishedOptions::default()).unwrap();
    let q3 = period(&p.periods, "2011_3Q");
    let fy24 = published_indicators(&real_rows(), &PublishedOptions::default()).unwrap();
    let q3_fy24 = period(&fy24.periods, "2011_3Q");
    let pakistan = rows
        .iter()
        .filter(|r| r.period == q3.period && r.destination_code == "PAK" && r.transparent)
        .count();
    assert!(pakistan > 0);
    let south_asia = |p: &PublishedPeriod| region(p, "South Asia").0;
    assert_eq!(south_asia(q3) + pakistan, south_asia(q3_fy24));
    assert_ne!(
        two(q3
            .regions
            .iter()
            .find(|r| r.key == "South Asia")
            .unwrap()
            .mean_pct),
        "6.15"
    );
}

/// RPW Issue 3 gives 9.13% for the G20 sending average of 2011_3Q. The 1,711 services sent
/// from the 19 G20 countries average 9.1945% (0.06 above); no reading of "G20" reproduces it:
/// without Russia 9.67%, with every EU member's services 9.09%. Not explained: an earlier
/// snapshot of the data is the likeliest cause, as for East Asia & Pacific.
#[test]
fn the_g20_average_is_over_the_19_member_countries() {
    let rows = real_rows();
    let p = published_indicators(&rows, &PublishedOptions::default()).unwrap();
    let q3 = period(&p.periods, "2011_3Q");
    assert_eq!(
        (q3.g20_services, q3.g20_average_pct.unwrap().to_string()),
        (1711, "9.1945".into())
    );
}

/// Grouping by the classification's dimensions gives the same figures: the services sent
/// from G20 countries are the G20 average's, those received in high-income countries the
/// income group's.
#[test]
fn grouping_by_g20_and_income_matches_the_published_set() {
    use remitcost::{group, AggregateOptions, Dimension};
    let rows = real_rows();
    let p = published_indicators(&rows, &PublishedOptions::default()).unwrap();
    let q3 = period(&p.periods, "2011_3Q");
    let g = group(
        &rows,
        &[Dimension::Period, Dimension::SourceG20],
        &AggregateOptions::default(),
    )
    .unwrap();
    let g20 = g
        .groups
        .iter()
        .find(|s| s.key == ["2011_3Q", "G20"])
        .unwrap();
    assert_eq!(
        (g20.count, Some(g20.mean_pct)),
        (q3.g20_services, q3.g20_average_pct)
    );
    let g = group(
        &rows,
        &[Dimension::Period, Dimension::DestinationIncome],
        &AggregateOptions::default(),
    )
    .unwrap();
    for income in &q3.income_groups {
        let s = g
            .groups
            .iter()
            .find(|s| s.key[0] == "2011_3Q" && s.key[1] == income.key)
            .unwrap();
        assert_eq!((s.count, &s.mean_pct), (income.services, &income.mean_pct));
    }
    assert_eq!(q3.income_groups.len(), 4);
}

/// 2011 and 2012 were surveyed in Q1 and Q3: the change against a year earlier exists for
/// 2012 only, and each annual average is the mean of two quarters.
#[test]
fn half_yearly_surveys_compare_with_the_same_quarter_a_year_earlier() {
    let p = published_indicators(&real_rows(), &PublishedOptions::default()).unwrap();
    let yoy: Vec<Option<String>> = p
        .periods
        .iter()
        .map(|x| x.global_average_yoy_pp.map(|d| d.to_string()))
        .collect();
    let g = |q: &str| period(&p.periods, q).global_average_pct.unwrap();
    assert_eq!(yoy[..2], [None, None]);
    assert_eq!(yoy[3], Some((g("2012_3Q") - g("2011_3Q")).to_string()));
    assert_eq!(p.annual.len(), 2);
    assert_eq!(p.annual[0].periods.len(), 2);
    let mean = ((g("2011_1Q") + g("2011_3Q")) / Decimal::TWO).round_dp(4);
    // Each quarter's exact mean, averaged, then rounded: within rounding of the rounded ones.
    assert!((p.annual[0].global_average_pct - mean).abs() <= Decimal::new(1, 4));
}
