//! The main job: read an RPW-layout survey (or the World Bank's published corridor averages),
//! print what the reader made of it, then the headline RPW indicators for each quarter.
//!
//! ```text
//! cargo run -p remitcost-examples --bin rpw_report -- [DATA] [--weights WEIGHTS.csv] [--usd500]
//! ```
//! - `DATA`: an RPW-layout CSV (one row per service per quarter, as the World Bank's "Dataset
//!   (from Q2 2016)" sheet) or JSON; or a DataBank corridor-average export (series ATCR.CORR),
//!   recognised by its `Sending Countries Code` header. Default: the bundled synthetic sample
//!   testdata/rpw/sample.csv.
//! - `--weights`: corridor weights, `source_code,destination_code,weight` (e.g. remittance flows).
//!   Default for the sample: testdata/rpw/weights.csv (KNOMAD 2017 bilateral estimates); for
//!   other data without `--weights`, every corridor weighs the same (said in the output).
//! - `--usd500`: price the USD 500 amount (cc2) instead of USD 200 (cc1).

use remitcost::{
    corridor_indicators, group, indicators, read_corridor_averages, read_rpw_csv, read_rpw_json,
    AggregateOptions, CorridorStat, CorridorWeights, Decimal, Dimension, GroupStat, Indicators,
    PeriodIndicators, RpwAmount,
};
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

struct Args {
    data: String,
    weights: Option<String>,
    amount: RpwAmount,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args {
        data: format!("{ROOT}/testdata/rpw/sample.csv"),
        weights: None,
        amount: RpwAmount::Usd200,
    };
    let mut given_data = false;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--weights" => {
                parsed.weights = Some(rest.next().ok_or("--weights needs a path")?.clone())
            }
            "--usd500" => parsed.amount = RpwAmount::Usd500,
            "-h" | "--help" => {
                return Err("usage: rpw_report [DATA] [--weights WEIGHTS.csv] [--usd500]".into())
            }
            a if a.starts_with("--") => return Err(format!("unknown option {a}")),
            a => {
                parsed.data = a.to_string();
                given_data = true;
            }
        }
    }
    if !given_data && parsed.weights.is_none() {
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
        let data = if path.ends_with(".json") {
            read_rpw_json(bytes.as_slice())
        } else {
            read_rpw_csv(bytes.as_slice())
        }
        .map_err(|e| format!("{path}: {e}"))?;
        let _ = writeln!(out, "{path}\nlayout: RPW (one row per service per quarter)");
        let _ = writeln!(out, "validation: {}\n", data.report);
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
        for p in &result.periods {
            out.push_str(&headline(p));
            let key = p.period.to_string();
            out.push_str(&groups("by receiving region", &regions.groups, &key));
            out.push_str(&groups("by RSP type", &types.groups, &key));
            out.push_str(&corridors(&result, p));
        }
    }
    Ok(out)
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
    let name = |s: &GroupStat| s.key.get(1).cloned().unwrap_or_default();
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
