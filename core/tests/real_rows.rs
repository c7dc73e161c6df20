//! Real RPW rows, read as published, against the World Bank's own published corridor averages.
//!
//! Data (World Bank, CC BY 4.0, "The World Bank: Remittance Prices Worldwide"; copied unchanged
//! into testdata/worldbank/, see each folder's PROVENANCE.md):
//! - `rpw-raw/rpw_rows_2011_2012.csv`: 10,816 rows of 2011_1Q, 2011_3Q, 2012_1Q and 2012_3Q in
//!   the pre-2016 layout (`product`, `sending location`, `coverage`, `note1`, `pick-up method`;
//!   no name, region or `corridor` columns);
//! - `rpw-databank/corridor_average_total_cost.csv`: DataBank series ATCR.CORR "Average Total
//!   Cost to remit in corridor", exported as float32 (last updated 12/07/2020).
#![cfg(feature = "csv")]

use remitcost::{
    group, read_corridor_averages, read_rpw_csv, AggregateOptions, Dataset, Decimal, Dimension,
    IssueReason, Period, Severity,
};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn worldbank(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../testdata/worldbank")
        .join(path)
}

fn raw_rows() -> Dataset {
    let file = std::fs::File::open(worldbank("rpw-raw/rpw_rows_2011_2012.csv")).unwrap();
    read_rpw_csv(file).unwrap()
}

/// Every issue of a reason, as (line, field).
fn issues(data: &Dataset, reason: IssueReason) -> Vec<(usize, String)> {
    data.report
        .issues
        .iter()
        .filter(|i| i.reason == reason)
        .map(|i| (i.row, i.field.clone()))
        .collect()
}

#[test]
fn the_pre_2016_layout_is_read_with_no_row_rejected() {
    let data = raw_rows();
    let r = &data.report;
    assert_eq!(
        (r.rows_read, r.rows_kept, r.rows_rejected),
        (10_816, 10_816, 0)
    );
    assert_eq!(r.errors().count(), 0, "{r:#}");
    // note1, note2 and date are not interpreted: kept by their published names.
    assert_eq!(r.extra_columns, ["note1", "note2", "date"]);
    assert_eq!(r.non_transparent, 1_128);
    let first = &data.observations[0];
    assert_eq!(first.id.as_deref(), Some("13034"));
    assert_eq!(
        (first.product.as_str(), first.instrument.as_str()),
        ("Cash to account", "")
    );
    assert_eq!(first.access_point, "Not available"); // `sending location`
    assert_eq!(first.coverage, "Nationwide");
    assert_eq!(first.pickup_method, "Bank Account");
    assert_eq!(first.extra["date"], "22/Jan/2011");
}

#[test]
fn what_the_real_rows_hold_is_reported_not_rejected() {
    // Counted independently with python's csv module on the same file (see PROVENANCE.md).
    let data = raw_rows();
    // USD 500 not offered: only `cc2 lcu amount` (12 rows), or with `cc2 lcu fx rate` (6).
    let not_offered = issues(&data, IssueReason::NotOffered);
    assert_eq!(not_offered.len(), 18);
    assert!(not_offered.iter().all(|(_, f)| f == "cc2 total cost %"));
    // CFA from Senegal (WAEMU) in both blocks of 11 rows: read as XOF.
    let cfa = issues(&data, IssueReason::UnknownCurrency);
    assert_eq!(cfa.len(), 22);
    let senegal: Vec<_> = data
        .observations
        .iter()
        .filter(|o| o.source_code == "SEN" && o.destination_code == "MLI")
        .collect();
    assert!(senegal
        .iter()
        .all(|o| o.cc1.as_ref().and_then(|p| p.currency).map(|c| c.code()) == Some("XOF")));
    // One blank among fee, margin and total, implied by the other two: 15 blocks.
    let implied = issues(&data, IssueReason::ImpliedValue);
    let expected: Vec<(usize, String)> = [
        (1135, "cc1 lcu fee"),
        (1135, "cc2 lcu fee"),
        (1343, "cc2 total cost %"),
        (3748, "cc2 lcu fee"),
        (4294, "cc1 fx margin"),
        (8181, "cc1 lcu fee"),
        (8181, "cc2 lcu fee"),
        (8189, "cc1 lcu fee"),
        (8189, "cc2 lcu fee"),
        (8197, "cc1 lcu fee"),
        (8197, "cc2 lcu fee"),
        (8206, "cc1 lcu fee"),
        (8206, "cc2 lcu fee"),
        (8214, "cc1 lcu fee"),
        (8214, "cc2 lcu fee"),
    ]
    .iter()
    .map(|(l, f)| (*l, f.to_string()))
    .collect();
    assert_eq!(implied, expected);
    let row = |line: usize| data.observations.iter().find(|o| o.row == line).unwrap();
    // NLD→SUR: fee 7 on 140 is 5 %, the stated total 5.0: the blank margin is 0.
    assert_eq!(row(4294).cc1.as_ref().unwrap().fx_margin_pct, Decimal::ZERO);
    // GBR→PHL: total -0.73 = margin -0.73: the blank fee is 0.
    assert_eq!(row(1135).cc1.as_ref().unwrap().fee, Decimal::ZERO);
    // ITA→MAR at USD 500: 0.5 / 390 × 100 + 0.41 = 0.5382…
    let total = row(1343).cc2.as_ref().unwrap().total_cost_pct;
    assert_eq!(total.round_dp(4).to_string(), "0.5382");
    assert!(data
        .report
        .issues
        .iter()
        .all(|i| i.severity == Severity::Warning));
}

/// The DataBank corridor averages, by (period, corridor), as exported (float32 text).
fn published() -> BTreeMap<(Period, String), Decimal> {
    let file =
        std::fs::File::open(worldbank("rpw-databank/corridor_average_total_cost.csv")).unwrap();
    read_corridor_averages(file)
        .unwrap()
        .averages
        .into_iter()
        .map(|a| ((a.period, a.corridor()), a.total_cost_pct))
        .collect()
}

#[test]
fn every_corridor_average_equals_the_published_one() {
    let data = raw_rows();
    let periods: BTreeSet<Period> = data.observations.iter().map(|o| o.period).collect();
    let want: BTreeMap<_, _> = published()
        .into_iter()
        .filter(|((p, _), _)| periods.contains(p))
        .collect();
    assert_eq!(want.len(), 839);
    let dims = [Dimension::Period, Dimension::Corridor];
    let g = group(&data.observations, &dims, &AggregateOptions::default()).unwrap();
    let mut got = BTreeMap::new();
    for s in &g.groups {
        let period: Period = s.key[0].parse().unwrap();
        got.insert((period, s.key[1].clone()), s.mean_pct);
    }
    // The same corridors in each period, none more, none fewer.
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>()
    );
    // remitcost's mean is rounded to 4 places; the export is that mean as a float32 (7
    // significant digits), so the two agree to 0.00005 + the float32 step (< 0.00001 here).
    let tolerance = Decimal::new(6, 5);
    let off: Vec<_> = want
        .iter()
        .filter(|(k, v)| got.get(*k).is_none_or(|m| (*m - **v).abs() > tolerance))
        .collect();
    assert!(off.is_empty(), "{} differ: {off:?}", off.len());
    // Exactly: the exact mean of each corridor's transparent services, rounded to float32,
    // is the exported float32.
    let mut sums: BTreeMap<(Period, String), (Decimal, u32)> = BTreeMap::new();
    for o in data.observations.iter().filter(|o| o.transparent) {
        let Some(price) = &o.cc1 else { continue };
        let e = sums.entry((o.period, o.corridor())).or_default();
        *e = (e.0 + price.total_cost_pct, e.1 + 1);
    }
    let exact = want
        .iter()
        .filter(|(k, v)| {
            let (sum, n) = sums[*k];
            let mean = (sum / Decimal::from(n)).to_string().parse::<f32>().unwrap();
            mean == v.to_string().parse::<f32>().unwrap()
        })
        .count();
    assert_eq!(exact, 839);
}
