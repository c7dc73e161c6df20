//! The reverse solve with structured input: a schedule with many bands (tiered, or free and
//! overlapping), fee caps, taxes, deducted fees, promotions, payout units, odd rates and
//! targets from a cent to the 96-bit limit. Each solve is checked against the forward price
//! (it delivers, it is the smallest, and it fails only if no probe amount delivers).
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use remitcost::{
    Charging, CostOptions, Currency, Decimal, FeePart, FeeSchedule, Offer, Promotion, Rate,
    Rounding, Tax, TaxBase,
};
use remitcost_fuzz::{check_cost, check_send_for};

/// A decimal drawn mostly from everyday magnitudes, sometimes from anywhere in the 96-bit
/// range.
#[derive(Debug, Clone, Copy)]
struct Num(Decimal);

impl<'a> Arbitrary<'a> for Num {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let value = match u.int_in_range(0u8..=9)? {
            0..=5 => Decimal::new(
                i64::from(u.int_in_range(0u32..=1_000_000)?),
                u.int_in_range(0..=4)?,
            ),
            6 | 7 => Decimal::new(
                u.arbitrary::<i64>()?.checked_abs().unwrap_or(i64::MAX),
                u.int_in_range(0..=28)?,
            ),
            8 => Decimal::from_parts(
                u.arbitrary()?,
                u.arbitrary()?,
                u.arbitrary()?,
                false,
                u.int_in_range(0..=28)?,
            ),
            _ => *u.choose(&[
                Decimal::MAX,
                Decimal::new(1, 28),
                Decimal::from_parts(u32::MAX, u32::MAX, u32::MAX, false, 10),
                Decimal::from_i128_with_scale(100_000_000_000_000_000_000, 0),
                Decimal::ONE,
                Decimal::ZERO,
            ])?,
        };
        Ok(Num(value))
    }
}

#[derive(Debug, Arbitrary)]
struct Band {
    /// Width of the band after the previous edge (tiered mode) or its start (free mode).
    from: Option<Num>,
    to: Option<Num>,
    fixed: Num,
    pct: Num,
}

#[derive(Debug, Arbitrary)]
struct Input {
    currencies: (u8, u8),
    offered: Num,
    mid: Num,
    inverted: bool,
    tiered: bool,
    bands: Vec<Band>,
    min_fee: Option<Num>,
    max_fee: Option<Num>,
    receiving_fee: Option<Num>,
    taxes: Vec<(Num, bool, bool)>,
    deducted: bool,
    min_amount: Option<Num>,
    max_amount: Option<Num>,
    payout_unit: Option<Num>,
    promotion: Option<(Num, Option<Num>, bool)>,
    funding_cash: bool,
    rounding: u8,
    include_receiving_fee: bool,
    first_transfer: bool,
    targets: Vec<Num>,
    probe: Num,
}

const CURRENCIES: [&str; 8] = ["EUR", "XOF", "JPY", "KWD", "USD", "INR", "CLF", "BHD"];

fn build(input: &Input) -> Option<Offer> {
    let pick = |i: u8| Currency::parse(CURRENCIES[usize::from(i) % CURRENCIES.len()]).ok();
    let (send, recv) = (pick(input.currencies.0)?, pick(input.currencies.1)?);
    let rate = |v: Num| -> Option<Rate> {
        if send == recv {
            return Some(Rate::identity(send));
        }
        if input.inverted {
            Rate::new(recv, send, v.0).ok()
        } else {
            Rate::new(send, recv, v.0).ok()
        }
    };
    let mut edge = Decimal::ZERO;
    let parts = input
        .bands
        .iter()
        .take(200)
        .map(|b| {
            if input.tiered {
                // Consecutive bands: [edge, edge + width).
                let from = edge;
                edge = edge
                    .checked_add(b.to.map_or(Decimal::ONE, |w| w.0))
                    .unwrap_or(Decimal::MAX);
                FeePart {
                    from: Some(from),
                    to: Some(edge),
                    fixed: b.fixed.0,
                    pct: b.pct.0,
                }
            } else {
                FeePart {
                    from: b.from.map(|n| n.0),
                    to: b.to.map(|n| n.0),
                    fixed: b.fixed.0,
                    pct: b.pct.0,
                }
            }
        })
        .collect();
    let schedule = FeeSchedule {
        parts,
        min_fee: input.min_fee.map(|n| n.0),
        max_fee: input.max_fee.map(|n| n.0),
        receiving_fee: input.receiving_fee.map(|n| n.0),
        taxes: input
            .taxes
            .iter()
            .take(4)
            .map(|(pct, on_fee, cash)| Tax {
                name: String::new(),
                pct: pct.0,
                base: if *on_fee {
                    TaxBase::Fee
                } else {
                    TaxBase::Amount
                },
                only_funding: cash.then(|| "cash".to_string()),
            })
            .collect(),
        charging: if input.deducted {
            Charging::Deducted
        } else {
            Charging::OnTop
        },
        min_amount: input.min_amount.map(|n| n.0),
        max_amount: input.max_amount.map(|n| n.0),
        payout_unit: input.payout_unit.map(|n| n.0),
    };
    let promotion = input.promotion.map(|(r, up_to, waived)| Promotion {
        rate: rate(r),
        rate_up_to: up_to.map(|n| n.0),
        first_transfer_fee_waived: waived,
    });
    Some(Offer {
        provider: None,
        firm_type: None,
        speed: None,
        funding: input.funding_cash.then(|| "cash".to_string()),
        payout: None,
        send_currency: send,
        receive_currency: recv,
        schedule,
        offered_rate: rate(input.offered),
        mid_rate: rate(input.mid),
        promotion,
        collected_at: None,
    })
}

fuzz_target!(|input: Input| {
    let Some(offer) = build(&input) else { return };
    let options = CostOptions {
        rounding: [
            Rounding::HalfEven,
            Rounding::HalfAwayFromZero,
            Rounding::Up,
            Rounding::Down,
        ][usize::from(input.rounding % 4)],
        include_receiving_fee: input.include_receiving_fee,
        first_transfer: input.first_transfer,
        oldest_quote: None,
    };
    let _ = check_cost(&offer, input.probe.0, &options);
    for target in input.targets.iter().take(4) {
        check_send_for(&offer, target.0, input.probe.0, &options);
    }
    // What the probe delivers is reachable at no more than the probe.
    if let Some(cost) = check_cost(&offer, input.probe.0, &options) {
        if cost.recipient_gets > Decimal::ZERO {
            check_send_for(&offer, cost.recipient_gets, input.probe.0, &options);
        }
    }
});
