//! Ranks a corridor's offers for one amount and prints the table a comparator would show.
//!
//! ```text
//! cargo run -p remitcost-examples --bin rank_offers -- [OFFERS.json] [AMOUNT | --receive AMOUNT | --total AMOUNT]
//! ```
//! Defaults: the bundled France -> Senegal offers (examples/data/offers_fra_sen.json), EUR 200.

use remitcost::{parse_decimal, rank_offers, CostOptions, Offer, Ranking, Target};
use std::process::ExitCode;

const DEFAULT_OFFERS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/offers_fra_sen.json");

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("rank_offers: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let (path, target) = parse_args(&args)?;
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let file: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
    let offers: Vec<Offer> = serde_json::from_value(file["offers"].clone())
        .map_err(|e| format!("{path}: {}", remitcost::Error::from(e)))?;
    let ranking = rank_offers(&offers, target, &CostOptions::default());
    print!("{}", table(&ranking, target));
    Ok(())
}

fn parse_args(args: &[String]) -> Result<(String, Target), String> {
    let mut path = DEFAULT_OFFERS.to_string();
    let mut target = Target::Send(remitcost::Decimal::from(200));
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let amount = |text: &str| parse_decimal(text).map_err(|e| e.to_string());
        match arg.as_str() {
            "--receive" => {
                let value = rest.next().ok_or("--receive needs an amount")?;
                target = Target::Receive(amount(value)?);
            }
            "--total" => {
                let value = rest.next().ok_or("--total needs an amount")?;
                target = Target::Total(amount(value)?);
            }
            a if a.ends_with(".json") => path = a.to_string(),
            a => target = Target::Send(amount(a)?),
        }
    }
    Ok((path, target))
}

fn table(ranking: &Ranking, target: Target) -> String {
    let mut out = String::new();
    if let Some(first) = ranking.ranked.first() {
        let (send, recv) = (first.cost.send_currency, first.cost.receive_currency);
        let what = match target {
            Target::Send(a) => format!("sending {a} {send}"),
            Target::Receive(a) => format!("delivering at least {a} {recv}"),
            Target::Total(a) => format!("paying {a} {send} in all"),
            // Target is non-exhaustive: a mode added later is named by its debug form.
            other => format!("{other:?}"),
        };
        out.push_str(&format!(
            "Offers {send} -> {recv}, {what}, cheapest first\n\n"
        ));
    }
    out.push_str(&format!(
        "{:>4}  {:<20} {:<24} {:>9} {:>9} {:>8} {:>9} {:>8} {:>12}  {}\n",
        "rank",
        "provider",
        "type",
        "sent",
        "fee",
        "margin%",
        "total",
        "total%",
        "recipient",
        "speed"
    ));
    for r in &ranking.ranked {
        let c = &r.cost;
        out.push_str(&format!(
            "{:>4}  {:<20} {:<24} {:>9} {:>9} {:>8} {:>9} {:>8} {:>12}  {}\n",
            r.rank,
            r.provider.as_deref().unwrap_or("-"),
            r.firm_type.as_deref().unwrap_or("-"),
            c.send_amount,
            c.fee,
            c.fx_margin_pct,
            c.total_cost,
            c.total_cost_pct,
            c.recipient_gets,
            r.speed.as_deref().unwrap_or("-"),
        ));
    }
    for e in &ranking.excluded {
        out.push_str(&format!(
            "  left out: {} ({}: {})\n",
            e.provider.as_deref().unwrap_or("-"),
            e.code,
            e.message
        ));
    }
    out
}
