//! Fee schedule JSON: a tariff file as a comparator would load it. Whatever parses as an
//! offer (or a bare schedule, priced EUR → XOF at fixed rates) is priced at its band edges and
//! some round amounts and reverse-solved, and every answer must pass the invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;
use remitcost::{CostOptions, Decimal, FeeSchedule, Offer, Rounding};
use remitcost_fuzz::{amounts_of_interest, check_cost, check_send_for};

fn offer_for(schedule: FeeSchedule) -> Offer {
    serde_json::from_value(serde_json::json!({
        "send_currency": "EUR", "receive_currency": "XOF",
        "offered_rate": {"base": "EUR", "quote": "XOF", "value": "645"},
        "mid_rate": {"base": "EUR", "quote": "XOF", "value": "655.957"},
        "schedule": schedule,
    }))
    .expect("a schedule that parsed serializes back")
}

fuzz_target!(|data: &[u8]| {
    let offer = if let Ok(offer) = serde_json::from_slice::<Offer>(data) {
        offer
    } else if let Ok(schedule) = serde_json::from_slice::<FeeSchedule>(data) {
        // The schedule alone: its own fee function, then as part of an offer.
        for amount in [Decimal::ONE, Decimal::from(120), Decimal::from(1_000_000)] {
            let _ = schedule.fee(amount, Some("cash"));
        }
        let _ = schedule.validate();
        offer_for(schedule)
    } else {
        // Errors from malformed JSON must convert to a coded error, not panic.
        if let Err(e) = serde_json::from_slice::<Offer>(data) {
            let _ = remitcost::Error::from(e).code();
        }
        return;
    };
    let options = [
        CostOptions::default(),
        CostOptions {
            rounding: Rounding::Up,
            include_receiving_fee: false,
            first_transfer: true,
            ..CostOptions::default()
        },
    ];
    let amounts = amounts_of_interest(&offer);
    for options in &options {
        let mut delivered = Vec::new();
        for &amount in &amounts {
            if let Some(cost) = check_cost(&offer, amount, options) {
                delivered.push((amount, cost.recipient_gets));
            }
        }
        // Ask for what some amount delivered (so the solve has an answer no larger than it),
        // and for a few absolute targets.
        for &(amount, gets) in delivered.iter().take(4) {
            if gets > Decimal::ZERO {
                check_send_for(&offer, gets, amount, options);
            }
        }
        for target in [Decimal::ONE, Decimal::from(100_000)] {
            check_send_for(&offer, target, Decimal::from(500), options);
        }
    }
});
