//! Corridor-level indicators recomputed from the World Bank's published corridor averages and
//! compared with the country averages the World Bank published for the same quarters.
//!
//! Data (see /work/shared/data/*/PROVENANCE.md; World Bank, CC BY 4.0, "The World Bank:
//! Remittance Prices Worldwide"):
//! - `rpw-databank/corridor_average_total_cost.csv`: DataBank "Remittance Prices Worldwide
//!   (Corridors)", series ATCR.CORR, quarterly corridor averages 2011Q1–2020Q3 (last updated
//!   12/07/2020);
//! - `rpw/converted/remittances_receiving.csv`: DataBank "Remittance Prices Worldwide
//!   (Receiving Countries)", series SI.RMT.COST.IB.ZS, 2017Q1 (last updated 01/22/2018);
//! - `rpw/converted/remittances_sending.csv`: DataBank "Remittance Prices Worldwide (Sending
//!   Countries)", series SI.RMT.COST.OB.ZS, 2017Q4.
//!
//! What can honestly be asserted: RPW's country average is the mean over the *services*
//! surveyed into (or from) the country, not over its corridors, so the mean of corridor
//! averages equals it only where the country has a single corridor. There the two are the
//! same services' mean, and they agree within 0.005 points (the largest gaps measured: 0.0027
//! receiving 2017Q1, 0.0030 sending 2017Q4): the exports carry float noise and the corridor file
//! is a later revision of the data (2020 against 2018). For countries with several corridors
//! the estimators differ (corridors with more services weigh more in RPW's figure): the median
//! gap measured over those countries is 0.247 points (receiving, 70 countries, largest 7.06 for
//! Togo) and 0.226 (sending, 36 countries, largest 1.10 for the United Kingdom); the test
//! asserts only a median gap under 0.5 points, loose on purpose: it documents the size of the
//! difference and catches a grossly wrong grouping, no more.
//!
//! Skipped, with a message, when the shared data folder is absent.

#![cfg(feature = "csv")]

use remitcost::{
    corridor_indicators, group_corridors, read_corridor_averages, AggregateOptions, CorridorStat,
    Decimal, Dimension, Grouping, Period,
};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn shared_data() -> Option<PathBuf> {
    let dir = std::env::var_os("REMITCOST_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data"));
    if dir
        .join("rpw-databank/corridor_average_total_cost.csv")
        .is_file()
    {
        Some(dir)
    } else {
        eprintln!(
            "skipped: shared data not found at {} (set REMITCOST_SHARED_DATA)",
            dir.display()
        );
        None
    }
}

fn corridors(dir: &std::path::Path) -> Vec<CorridorStat> {
    let file = std::fs::File::open(dir.join("rpw-databank/corridor_average_total_cost.csv"))
        .expect("corridor file");
    let table = read_corridor_averages(file).expect("readable export");
    table.averages.iter().map(CorridorStat::from).collect()
}

/// A DataBank country-average export (`…, Country Code, Country Name, 2017Q1 [YR2017Q1]`):
/// the code is the fourth column, the value the sixth; `..` is no value; footer lines have no
/// code.
fn published(path: PathBuf) -> BTreeMap<String, Decimal> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    reader
        .records()
        .map(|r| r.expect("record"))
        .filter_map(|r| {
            let code = r.get(3)?;
            let value = remitcost::parse_decimal(r.get(5)?).ok()?;
            (code.len() == 3).then(|| (code.to_string(), value))
        })
        .collect()
}

struct Gaps {
    single: Vec<(String, Decimal)>,
    several: Vec<Decimal>,
    unmatched: usize,
}

fn gaps(grouping: &Grouping, period: &str, figures: &BTreeMap<String, Decimal>) -> Gaps {
    let mut g = Gaps {
        single: Vec::new(),
        several: Vec::new(),
        unmatched: 0,
    };
    for (code, value) in figures {
        let key = [period.to_string(), code.clone()];
        match grouping.groups.iter().find(|s| s.key == key) {
            None => g.unmatched += 1,
            Some(s) if s.count == 1 => g.single.push((code.clone(), (s.mean_pct - value).abs())),
            Some(s) => g.several.push((s.mean_pct - value).abs()),
        }
    }
    g.several.sort();
    g
}

fn check(side: Dimension, period: &str, file: &str, expect_single: usize, expect_several: usize) {
    let Some(dir) = shared_data() else { return };
    let stats = corridors(&dir);
    let grouping = group_corridors(
        &stats,
        &[Dimension::Period, side],
        &AggregateOptions::default(),
    )
    .expect("grouping");
    let figures = published(dir.join("rpw/converted").join(file));
    let period = period.parse::<Period>().unwrap().to_string();
    let g = gaps(&grouping, &period, &figures);
    let median = g
        .several
        .get(g.several.len() / 2)
        .copied()
        .unwrap_or_default();
    eprintln!(
        "{file} {period}: {} countries published, {} with one corridor (largest gap {:?}), \
         {} with several (median gap {median}, largest {:?}), {} without corridor data",
        figures.len(),
        g.single.len(),
        g.single.iter().map(|(_, d)| *d).max(),
        g.several.len(),
        g.several.last(),
        g.unmatched
    );
    assert_eq!(
        (g.single.len(), g.several.len()),
        (expect_single, expect_several)
    );
    let tolerance = Decimal::new(5, 3);
    for (code, gap) in &g.single {
        assert!(*gap <= tolerance, "{code}: gap {gap} > {tolerance}");
    }
    assert!(median < Decimal::new(5, 1), "median gap {median}");
}

/// Receiving-country averages, 2017Q1 (SI.RMT.COST.IB.ZS) against the per-receiving-country
/// mean of corridor averages (ATCR.CORR) of the same quarter.
#[test]
fn receiving_country_averages_2017q1() {
    check(
        Dimension::DestinationCountry,
        "2017Q1",
        "remittances_receiving.csv",
        34,
        70,
    );
}

/// Sending-country averages, 2017Q4 (SI.RMT.COST.OB.ZS) against the per-sending-country mean
/// of corridor averages of the same quarter.
#[test]
fn sending_country_averages_2017q4() {
    check(
        Dimension::SourceCountry,
        "2017Q4",
        "remittances_sending.csv",
        11,
        36,
    );
}

/// The corridor-level indicators over the whole export agree with a direct count over the
/// file's values, quarter by quarter (an independent recomputation: plain sums and counts
/// over the reader's values, no grouping).
#[test]
fn corridor_indicators_over_the_whole_export() {
    let Some(dir) = shared_data() else { return };
    let stats = corridors(&dir);
    let out = corridor_indicators(&stats, &AggregateOptions::default(), None).expect("indicators");
    assert!(out.periods.len() >= 30, "{} quarters", out.periods.len());
    for p in &out.periods {
        let values: Vec<Decimal> = stats
            .iter()
            .filter(|c| c.period == p.period)
            .map(|c| c.average_pct)
            .collect();
        let sum: Decimal = values.iter().sum();
        let mean = sum / Decimal::from(values.len());
        assert_eq!(p.corridors, values.len());
        assert_eq!(p.corridor_average_pct, mean.round_dp(4), "{}", p.period);
        let above = |t: i64| values.iter().filter(|v| **v > Decimal::from(t)).count();
        assert_eq!((p.above_5.count, p.above_3.count), (above(5), above(3)));
        assert_eq!(p.global_average_pct, None);
    }
    let q1: Period = "2017Q1".parse().unwrap();
    let p = out.periods.iter().find(|p| p.period == q1).expect("2017Q1");
    eprintln!(
        "2017Q1: {} corridors, mean of corridor averages {}%, above 5%: {} ({}%), above 3%: {}",
        p.corridors, p.corridor_average_pct, p.above_5.count, p.above_5.share_pct, p.above_3.count
    );
    assert_eq!(p.corridors, 361);
}
