//! Quote JSON (an offer and an amount, as a comparator's user would send them) to a cost,
//! under each rounding rule and cost option; the cost must pass the invariants, and the
//! amount it delivers must be reachable by the reverse solve at no more than the amount sent.
#![no_main]

use libfuzzer_sys::fuzz_target;
use remitcost::{CostOptions, Quote, Rounding};
use remitcost_fuzz::{check_cost, check_send_for};

fuzz_target!(|data: &[u8]| {
    let quote: Quote = match serde_json::from_slice(data) {
        Ok(q) => q,
        Err(e) => {
            let _ = remitcost::Error::from(e).code();
            return;
        }
    };
    for (i, rounding) in [
        Rounding::HalfEven,
        Rounding::HalfAwayFromZero,
        Rounding::Up,
        Rounding::Down,
    ]
    .into_iter()
    .enumerate()
    {
        let options = CostOptions {
            rounding,
            include_receiving_fee: i % 2 == 0,
            first_transfer: i >= 2,
            ..CostOptions::default()
        };
        let result = quote.cost(&options);
        if let Err(e) = &result {
            assert!(!e.code().is_empty());
            assert!(!e.to_string().is_empty());
        }
        if let Some(cost) = check_cost(&quote.offer, quote.send_amount, &options) {
            assert_eq!(Some(&cost), result.as_ref().ok());
            // The serialized cost reads back the same (decimals travel as strings).
            let json = serde_json::to_string(&cost).expect("cost serializes");
            let back: remitcost::Cost = serde_json::from_str(&json).expect("cost reads back");
            assert_eq!(back, cost);
            if cost.recipient_gets > remitcost::Decimal::ZERO {
                check_send_for(
                    &quote.offer,
                    cost.recipient_gets,
                    quote.send_amount,
                    &options,
                );
            }
        }
    }
});
