//! The main job: read an RPW-layout survey (or the World Bank's published corridor averages),
//! print what the reader made of it, then the headline RPW indicators for each quarter.
//!
//! ```text
//! cargo run -p remitcost-examples --bin rpw_report -- [DATA] [--weights WEIGHTS.csv] [--usd500]
//!     [--no-exclusions]
//! ```
//! - `DATA`: an RPW dataset, one row per service per quarter, in either layout ("Dataset (from
//!   Q2 2016)" or the pre-2016 one): CSV, JSON, or the World Bank's `.xlsx` workbook; or a DataBank corridor-average export (series
//!   ATCR.CORR), recognised by its `Sending Countries Code` header. Default: the World Bank's
//!   real rows of 2011–2012, testdata/worldbank/rpw-raw/rpw_rows_2011_2012.csv. The synthetic
//!   sample is testdata/rpw/sample.csv.
//! - `--weights`: corridor weights, `source_code,destination_code,weight` (e.g. remittance flows).
//!   Default for the sample: testdata/rpw/weights.csv (KNOMAD 2017 bilateral estimates); for
//!   other data without `--weights`, every corridor weighs the same (said in the output).
//! - `--usd500`: price the USD 500 amount (cc2) instead of USD 200 (cc1).
//! - `--no-exclusions`: compute every figure over every service (by default the global and
//!   regional averages leave out what the World Bank's left out in these periods:
//!   `Exclusion::rpw`).
//!
//! Rows without region or income columns are classified with the bundled World Bank table
//! (income group of each quarter's fiscal year). Beside each figure that the World Bank
//! published for the same period, the report prints the published one and the difference:
//! corridor averages against the DataBank export (testdata/worldbank/rpw-databank), global,
//! G20 and regional averages against the RPW reports (testdata/worldbank/rpw-reports).

use remitcost::{
    corridor_indicators, group, indicators, published_indicators, read_corridor_averages,
    read_rpw_file, AggregateOptions, CorridorStat, CorridorWeights, Countries, Decimal, Dimension,
    GroupStat, IncomeVintage, Indicators, Period, PeriodIndicators, PublishedOptions,
    PublishedPeriod, ReadOptions, RpwAmount,
};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::process::ExitCode;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("rpw_report: {message}");
            ExitCode::FAILURE
        }
    }
}

const REAL_ROWS: &str = "testdata/worldbank/rpw-raw/rpw_rows_2011_2012.csv";
const SAMPLE: &str = "testdata/rpw/sample.csv";
const DATABANK: &str = "testdata/worldbank/rpw-databank/corridor_average_total_cost.csv";
const REPORTS: &str = "testdata/worldbank/rpw-reports/figures.csv";

struct Args {
    data: String,
    weights: Option<String>,
    amount: RpwAmount,
    exclusions: bool,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args {
        data: format!("{ROOT}/{REAL_ROWS}"),
        weights: None,
        amount: RpwAmount::Usd200,
        exclusions: true,
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--weights" => {
                parsed.weights = Some(rest.next().ok_or("--weights needs a path")?.clone())
            }
            "--usd500" => parsed.amount = RpwAmount::Usd500,
            "--no-exclusions" => parsed.exclusions = false,
            "-h" | "--help" => {
                return Err(
                    "usage: rpw_report [DATA] [--weights WEIGHTS.csv] [--usd500] [--no-exclusions]"
                        .into(),
                )
            }
            a if a.starts_with("--") => return Err(format!("unknown option {a}")),
            a => parsed.data = a.to_string(),
        }
    }
    if parsed.data.ends_with(SAMPLE) && parsed.weights.is_none() {
        parsed.weights = Some(format!("{ROOT}/testdata/rpw/weights.csv"));
    }
    Ok(parsed)
}

fn run(args: Vec<String>) -> Result<String, String> {
    let args = parse_args(&args)?;
    let path = &args.data;
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let mut options = AggregateOptions::default();
    options.amount = args.amount;
    let weights = match &args.weights {
        Some(w) => Some(read_weights(w)?),
        None => None,
    };
    let mut out = String::new();
    let root = format!("{ROOT}/");
    let path = path.strip_prefix(root.as_str()).unwrap_or(path);
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_lowercase();
    let databank = head.lines().next().is_some_and(|l| {
        l.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains("sending countries code")
    });
    if databank {
        let table = read_corridor_averages(bytes.as_slice()).map_err(|e| format!("{path}: {e}"))?;
        let _ = writeln!(
            out,
            "{path}\nlayout: DataBank corridor averages ({})",
            table.series.join(", ")
        );
        let _ = writeln!(out, "validation: {}\n", table.report);
        let stats: Vec<CorridorStat> = table.averages.iter().map(CorridorStat::from).collect();
        let (weights, note) = weights_or_equal(weights, &stats, args.weights.as_deref());
        let result =
            corridor_indicators(&stats, &options, Some(&weights)).map_err(|e| e.to_string())?;
        let _ = writeln!(out, "weights: {note}");
        out.push_str(&corridor_table(&result));
    } else {
        // The reader the extension names: .csv, .json, or the World Bank's .xlsx workbook.
        let mut data = read_rpw_file(&args.data, &ReadOptions::default())
            .map_err(|e| format!("{path}: {e}"))?;
        let _ = writeln!(out, "{path}\nlayout: RPW (one row per service per quarter)");
        let _ = writeln!(out, "validation: {}", data.report);
        let countries = Countries::world_bank().map_err(|e| e.to_string())?;
        let unknown = countries.classify(&mut data.observations, IncomeVintage::OfPeriod);
        let _ = writeln!(
            out,
            "countries: World Bank classification {} where the rows have none (income group of each quarter's fiscal year){}\n",
            countries.vintage,
            if unknown.is_empty() { String::new() } else { format!("; not in it: {}", unknown.join(" ")) }
        );
        let mut published_options = PublishedOptions::default();
        published_options.aggregate = options.clone();
        if !args.exclusions {
            published_options.exclusions.clear();
        }
        let published = published_indicators(&data.observations, &published_options)
            .map_err(|e| e.to_string())?;
        // What the World Bank published is for USD 200: nothing to compare a USD 500 figure with.
        let (reports, databank) = match args.amount {
            RpwAmount::Usd200 => (
                read_reports(&format!("{ROOT}/{REPORTS}"))?,
                read_databank(&format!("{ROOT}/{DATABANK}"))?,
            ),
            RpwAmount::Usd500 => (Reports::new(), BTreeMap::new()),
        };
        let stats: Vec<CorridorStat> = indicators(&data.observations, &options, None)
            .map_err(|e| e.to_string())?
            .corridors;
        let (weights, note) = weights_or_equal(weights, &stats, args.weights.as_deref());
        let _ = writeln!(out, "weights: {note}");
        let result =
            indicators(&data.observations, &options, Some(&weights)).map_err(|e| e.to_string())?;
        let regions = group(
            &data.observations,
            &[Dimension::Period, Dimension::DestinationRegion],
            &options,
        )
        .map_err(|e| e.to_string())?;
        let types = group(
            &data.observations,
            &[Dimension::Period, Dimension::FirmType],
            &options,
        )
        .map_err(|e| e.to_string())?;
        let amount = match args.amount {
            RpwAmount::Usd200 => "USD 200",
            RpwAmount::Usd500 => "USD 500",
        };
        let _ = writeln!(
            out,
            "amount: {amount}; left out: {} non-transparent (RPW leaves them out), {} without a price at this amount",
            result.left_out.non_transparent, result.left_out.unpriced
        );
        // (equal, compared) corridor averages, over every period.
        let mut matched = (0usize, 0usize);
        for p in &result.periods {
            out.push_str(&headline(p));
            if let Some(figures) = published.periods.iter().find(|f| f.period == p.period) {
                out.push_str(&as_published(figures, &reports, &published_options));
            }
            out.push_str(&against_databank(
                &result,
                p.period,
                &databank,
                &mut matched,
            ));
            let key = p.period.to_string();
            out.push_str(&groups("by receiving region", &regions.groups, &key));
            out.push_str(&groups("by RSP type", &types.groups, &key));
            out.push_str(&corridors(&result, p));
        }
        if matched.1 > 0 {
            let _ = writeln!(
                out,
                "\nCorridor averages equal to the World Bank's published ones (DataBank ATCR.CORR): {} of {} corridor-periods",
                matched.0, matched.1
            );
        }
    }
    Ok(out)
}

/// The figures the RPW reports published: (period, figure, key) → (percent, source).
type Reports = BTreeMap<(Period, String, String), (Decimal, String)>;

/// testdata/worldbank/rpw-reports/figures.csv: `period,figure,key,published_pct,source`.
fn read_reports(path: &str) -> Result<Reports, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut reports = Reports::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let bad = || {
            format!(
                "{path}:{}: expected period,figure,key,published_pct,source",
                n + 1
            )
        };
        let cells: Vec<&str> = line.splitn(5, ',').collect();
        let [period, figure, key, pct, source] = cells[..] else {
            return Err(bad());
        };
        let period: Period = period.parse().map_err(|_| bad())?;
        let pct = remitcost::parse_decimal(pct).map_err(|_| bad())?;
        reports.insert(
            (period, figure.into(), key.into()),
            (pct, source.trim_matches('"').into()),
        );
    }
    Ok(reports)
}

/// The World Bank's published corridor averages (DataBank ATCR.CORR) by (period, corridor).
fn read_databank(path: &str) -> Result<BTreeMap<(Period, String), Decimal>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let table = read_corridor_averages(bytes.as_slice()).map_err(|e| format!("{path}: {e}"))?;
    Ok(table
        .averages
        .iter()
        .map(|a| {
            let corridor = format!("{}{}", a.source_code, a.destination_code);
            ((a.period, corridor), a.total_cost_pct)
        })
        .collect())
}

/// A figure beside the published one (2 places, as published) and the difference.
fn beside(label: &str, ours: Option<Decimal>, published: Option<&(Decimal, String)>) -> String {
    let ours_text = pct(ours);
    match (ours, published) {
        (Some(o), Some((p, _))) => format!(
            "  {label:<46}  {ours_text:>10}  published {:>6}%  difference {:>+6.2} pp\n",
            p,
            o.round_dp(2) - *p
        ),
        _ => format!("  {label:<46}  {ours_text:>10}\n"),
    }
}

/// The figures of the RPW reports for one period, beside those published.
fn as_published(p: &PublishedPeriod, reports: &Reports, options: &PublishedOptions) -> String {
    let find = |figure: &str, key: &str| reports.get(&(p.period, figure.into(), key.into()));
    let left_out: Vec<&str> = options
        .exclusions
        .iter()
        .filter(|e| e.applies(remitcost::Figure::GlobalAverage, p.period))
        .flat_map(|e| e.source_countries.iter().map(String::as_str))
        .collect();
    let mut out = String::from("\n  As the RPW reports publish it\n");
    let global = if left_out.is_empty() {
        format!("Global average ({} services)", p.services)
    } else {
        format!(
            "Global average ({} services; not from {})",
            p.services,
            left_out.join(" ")
        )
    };
    out.push_str(&beside(
        &global,
        p.global_average_pct,
        find("global_average", ""),
    ));
    out.push_str(&beside(
        "  change against a year earlier",
        p.global_average_yoy_pp,
        None,
    ));
    out.push_str(&beside(
        &format!("G20 sending average ({} services)", p.g20_services),
        p.g20_average_pct,
        find("g20_average", ""),
    ));
    for r in &p.regions {
        out.push_str(&beside(
            &format!("{} ({})", r.key, r.services),
            Some(r.mean_pct),
            find("regional_average", &r.key),
        ));
    }
    for r in &p.income_groups {
        out.push_str(&beside(
            &format!("{} receivers ({})", r.key, r.services),
            Some(r.mean_pct),
            None,
        ));
    }
    let lines: [(&str, Option<Decimal>); 6] = [
        (
            "SDG 10.c.1: corridors with SmaRT above 5%",
            p.sdg_10c1_above_5_pct,
        ),
        (
            "SDG 10.c.1: corridors with SmaRT below 3%",
            p.sdg_10c1_below_3_pct,
        ),
        ("Services below 5%", p.services_below_5_pct),
        ("Services below 10%", p.services_below_10_pct),
        ("Corridors below 5%", p.corridors_below_5_pct),
        ("Corridors below 10%", p.corridors_below_10_pct),
    ];
    for (label, value) in lines {
        out.push_str(&beside(label, value, None));
    }
    out.push_str(&beside("International MTO index", p.mto_index_pct, None));
    out.push_str(&beside(
        &format!(
            "Digital remittances index ({} services)",
            p.digital_services
        ),
        p.digital_index_pct,
        None,
    ));
    // The report each published figure comes from (its name and date, before the section).
    let mut sources: Vec<String> = reports
        .iter()
        .filter(|((period, _, _), _)| *period == p.period)
        .map(|(_, (_, source))| source.split(',').take(2).collect::<Vec<_>>().join(","))
        .collect();
    sources.sort();
    sources.dedup();
    for source in sources {
        let _ = writeln!(out, "  published: {source}");
    }
    out
}

/// Corridor averages of one period against the DataBank's (exported as float32: equal when
/// within 0.0001), adding to `matched` (equal, compared).
fn against_databank(
    all: &Indicators,
    period: Period,
    databank: &BTreeMap<(Period, String), Decimal>,
    matched: &mut (usize, usize),
) -> String {
    let mut compared = 0usize;
    let mut differ = Vec::new();
    for c in all.corridors.iter().filter(|c| c.period == period) {
        let Some(published) = databank.get(&(period, c.corridor())) else {
            continue;
        };
        compared += 1;
        if (c.average_pct - *published).abs() > Decimal::new(1, 4) {
            differ.push(format!(
                "{} {} vs {}",
                c.corridor(),
                c.average_pct,
                published.round_dp(4)
            ));
        }
    }
    matched.0 += compared - differ.len();
    matched.1 += compared;
    if compared == 0 {
        return String::new();
    }
    let mut out = format!(
        "\n  Corridor averages against the World Bank's DataBank (ATCR.CORR): {} of {compared} equal\n",
        compared - differ.len()
    );
    for d in differ {
        let _ = writeln!(out, "    differs: {d}");
    }
    out
}

/// `source_code,destination_code,weight` lines after a header.
fn read_weights(path: &str) -> Result<CorridorWeights, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut weights = CorridorWeights::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let cells: Vec<&str> = line.split(',').map(str::trim).collect();
        match cells.as_slice() {
            [""] => {}
            [src, dst, w] => {
                let w =
                    remitcost::parse_decimal(w).map_err(|e| format!("{path}:{}: {e}", n + 1))?;
                weights.insert((src.to_uppercase(), dst.to_uppercase()), w);
            }
            _ => {
                return Err(format!(
                    "{path}:{}: expected source_code,destination_code,weight",
                    n + 1
                ))
            }
        }
    }
    Ok(weights)
}

/// The given weights, or every corridor weighing 1 (then the weighted average is the mean of
/// corridor averages), with a line saying which.
fn weights_or_equal(
    weights: Option<CorridorWeights>,
    stats: &[CorridorStat],
    path: Option<&str>,
) -> (CorridorWeights, String) {
    match (weights, path) {
        (Some(w), Some(p)) => {
            let n = w.len();
            (w, format!("{p} ({n} corridors)"))
        }
        _ => (
            stats
                .iter()
                .map(|c| ((c.source_code.clone(), c.destination_code.clone()), Decimal::ONE))
                .collect(),
            "none given: every corridor weighs the same (the weighted average is the mean of corridor averages)".into(),
        ),
    }
}

fn pct(d: Option<Decimal>) -> String {
    d.map_or("-".into(), |d| format!("{d}%"))
}

fn pp(d: Option<Decimal>) -> String {
    d.map_or("-".into(), |d| {
        if d.is_sign_negative() || d.is_zero() {
            format!("{d} pp")
        } else {
            format!("+{d} pp")
        }
    })
}

fn headline(p: &PeriodIndicators) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "\n== {} ==", p.period);
    let services = p
        .services
        .map_or(String::new(), |n| format!("{n} services, "));
    let rows: Vec<(String, String)> = vec![
        (
            format!("Global average ({services}simple mean)"),
            pct(p.global_average_pct),
        ),
        (
            "  change from the previous quarter".into(),
            pp(p.global_average_change_pp),
        ),
        (
            format!("Mean of corridor averages ({} corridors)", p.corridors),
            pct(Some(p.corridor_average_pct)),
        ),
        (
            if p.unweighted.is_empty() {
                "Weighted average".to_string()
            } else {
                format!("Weighted average (unweighted: {})", p.unweighted.join(" "))
            },
            pct(p.weighted_average_pct),
        ),
        (
            if p.smart_dropped.is_empty() {
                format!("SmaRT ({} corridors)", p.smart_corridors)
            } else {
                format!(
                    "SmaRT ({} corridors; too few eligible: {})",
                    p.smart_corridors,
                    p.smart_dropped.join(" ")
                )
            },
            pct(p.smart_pct),
        ),
        (
            "Gap to the SDG 10.c 3% target".into(),
            pp(Some(p.gap_to_3_pct)),
        ),
        (
            "Corridors above 5%".into(),
            format!(
                "{} of {} ({}%)",
                p.above_5.count, p.corridors, p.above_5.share_pct
            ),
        ),
        (
            "Corridors above 3%".into(),
            format!(
                "{} of {} ({}%)",
                p.above_3.count, p.corridors, p.above_3.share_pct
            ),
        ),
    ];
    let width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    for (k, v) in rows {
        let _ = writeln!(out, "  {k:<width$}  {v:>18}");
    }
    out
}

fn groups(title: &str, stats: &[GroupStat], period: &str) -> String {
    let rows: Vec<&GroupStat> = stats
        .iter()
        .filter(|s| s.key.first().map(String::as_str) == Some(period))
        .collect();
    let name = |s: &GroupStat| match s.key.get(1).map(String::as_str) {
        None | Some("") => "(none: counts in the world only)".to_string(),
        Some(k) => k.to_string(),
    };
    let width = rows
        .iter()
        .map(|s| name(s).chars().count())
        .chain([title.len()])
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\n  {title:<width$}  {:>8}  {:>8}  {:>8}  {:>8}  {:>8}  {:>10}  cheapest",
        "services", "mean %", "median %", "min %", "max %", "change pp"
    );
    for s in rows {
        let change = s.change_pp.map_or("-".into(), |c| c.to_string());
        let _ = writeln!(
            out,
            "  {:<width$}  {:>8}  {:>8}  {:>8}  {:>8}  {:>8}  {:>10}  {}",
            name(s),
            s.count,
            s.mean_pct,
            s.median_pct,
            s.min_pct,
            s.max_pct,
            change,
            s.cheapest
        );
    }
    out
}

fn corridors(all: &Indicators, p: &PeriodIndicators) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\n  {:<8}  {:>8}  {:>8}  {:>9}  {:>8}  SmaRT services",
        "corridor", "services", "eligible", "average %", "SmaRT %"
    );
    for c in all.corridors.iter().filter(|c| c.period == p.period) {
        let _ = writeln!(
            out,
            "  {:<8}  {:>8}  {:>8}  {:>9}  {:>8}  {}",
            c.corridor(),
            c.services.unwrap_or(0),
            c.eligible.unwrap_or(0),
            c.average_pct,
            c.smart_pct.map_or("-".into(), |s| s.to_string()),
            c.smart_firms.join(", ")
        );
    }
    out
}

/// One line per quarter for corridor averages (no services, regions or RSP types).
fn corridor_table(result: &Indicators) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\n{:<8}  {:>9}  {:>10}  {:>10}  {:>10}  {:>10}  {:>15}  {:>15}",
        "quarter",
        "corridors",
        "mean %",
        "change pp",
        "weighted %",
        "gap to 3%",
        "above 5%",
        "above 3%"
    );
    for p in &result.periods {
        let _ = writeln!(
            out,
            "{:<8}  {:>9}  {:>10}  {:>10}  {:>10}  {:>10}  {:>15}  {:>15}",
            p.period.to_string(),
            p.corridors,
            p.corridor_average_pct,
            p.corridor_average_change_pp
                .map_or("-".into(), |c| c.to_string()),
            p.weighted_average_pct.map_or("-".into(), |c| c.to_string()),
            p.gap_to_3_pct,
            format!("{} ({}%)", p.above_5.count, p.above_5.share_pct.round_dp(1)),
            format!("{} ({}%)", p.above_3.count, p.above_3.share_pct.round_dp(1)),
        );
    }
    let _ = writeln!(
        out,
        "\nmean % is the simple mean of the published corridor averages (RPW's own global average is over services and is not in this file); \"above\" is strictly greater."
    );
    out
}
