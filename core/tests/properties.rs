//! Properties of pricing that must hold for every input (proptest).

use proptest::prelude::*;
use remitcost::{
    fx_margin_pct, Charging, CostOptions, Currency, Decimal, FeePart, FeeSchedule, Offer, Rate,
    Rounding,
};

fn cur(code: &str) -> Currency {
    Currency::parse(code).unwrap()
}

/// Any decimal at all, including huge, tiny, zero and negative ones.
fn any_decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..=28, any::<bool>()).prop_map(|(m, scale, big)| {
        let d = Decimal::new(m, scale);
        if big {
            d.checked_mul(Decimal::from(u64::MAX))
                .unwrap_or(Decimal::MAX)
        } else {
            d
        }
    })
}

/// A positive decimal with up to `places` decimals in a realistic range.
fn positive(max: i64, places: u32) -> impl Strategy<Value = Decimal> {
    (1..max).prop_map(move |m| Decimal::new(m, places))
}

fn schedule() -> impl Strategy<Value = FeeSchedule> {
    let part = (
        prop::option::of(0i64..3000),
        0i64..2000,
        0i64..500,
        0i64..400,
    )
        .prop_map(|(from, width, fixed, pct)| {
            let from = from.map(Decimal::from);
            FeePart {
                from,
                to: (width > 0).then(|| from.unwrap_or(Decimal::ZERO) + Decimal::from(width)),
                fixed: Decimal::new(fixed, 2),
                pct: Decimal::new(pct, 2),
            }
        });
    (
        prop::collection::vec(part, 0..4),
        prop::option::of(0i64..800),
        prop::option::of(0i64..3000),
        any::<bool>(),
        prop::option::of(0i64..2000),
    )
        .prop_map(|(parts, min, extra, deducted, receiving)| {
            let min_fee = min.map(|m| Decimal::new(m, 2));
            FeeSchedule {
                parts,
                min_fee,
                max_fee: extra.map(|e| min_fee.unwrap_or(Decimal::ZERO) + Decimal::new(e, 2)),
                receiving_fee: receiving.map(|r| Decimal::new(r, 2)),
                charging: if deducted {
                    Charging::Deducted
                } else {
                    Charging::OnTop
                },
                ..FeeSchedule::default()
            }
        })
}

fn offer(schedule: FeeSchedule, offered: Decimal, mid: Decimal) -> Offer {
    let (jpy, php) = (cur("JPY"), cur("PHP"));
    serde_json::from_value(serde_json::json!({
        "send_currency": "JPY", "receive_currency": "PHP",
        "schedule": schedule,
        "offered_rate": Rate::new(jpy, php, offered).unwrap(),
        "mid_rate": Rate::new(jpy, php, mid).unwrap(),
    }))
    .unwrap()
}

proptest! {
    #[test]
    fn margin_is_zero_at_the_mid_rate(mid in positive(1_000_000_000, 4)) {
        let rate = Rate::new(cur("USD"), cur("MXN"), mid).unwrap();
        prop_assert_eq!(fx_margin_pct(&rate, &rate).unwrap(), Decimal::ZERO);
    }

    #[test]
    fn margin_sign_follows_the_offer(mid in positive(1_000_000, 3), offered in positive(1_000_000, 3)) {
        let m = Rate::new(cur("EUR"), cur("XOF"), mid).unwrap();
        let o = Rate::new(cur("EUR"), cur("XOF"), offered).unwrap();
        let margin = fx_margin_pct(&o, &m).unwrap();
        prop_assert_eq!(margin.is_sign_negative() && !margin.is_zero(), offered > mid);
        prop_assert!(margin < Decimal::ONE_HUNDRED);
    }

    #[test]
    fn total_cost_is_at_least_the_fee_when_the_margin_is_not_negative(
        schedule in schedule(), amount in 1i64..5000, mid in 300i64..400, below in 0i64..50,
    ) {
        let o = offer(schedule, Decimal::new(mid - below, 3), Decimal::new(mid, 3));
        match o.cost(Decimal::from(amount), &CostOptions::default()) {
            Ok(cost) => {
                // Exactly it is positive (cost refuses otherwise); rounded to yen it may be 0.
                prop_assert!(cost.amount_exchanged >= Decimal::ZERO);
                prop_assert!(cost.total_cost >= cost.fee);
            }
            Err(e) => prop_assert!(["amount_out_of_range", "invalid_amount"].contains(&e.code()), "{e}"),
        }
    }

    #[test]
    fn send_for_is_the_smallest_amount_that_delivers(
        schedule in schedule(), target in 1i64..60_000, offered in 300i64..400, up in any::<bool>(),
    ) {
        let rounding = if up { Rounding::Up } else { Rounding::HalfEven };
        let options = CostOptions { rounding, ..CostOptions::default() };
        let o = offer(schedule, Decimal::new(offered, 3), Decimal::new(400, 3));
        let target = Decimal::new(target, 2);
        let delivers = |a: i64| match o.cost(Decimal::from(a), &options) {
            Ok(c) => c.recipient_gets >= target,
            Err(_) => false,
        };
        // JPY has no minor unit: brute force every whole amount up to the answer.
        match o.send_for(target, &options) {
            Ok(cost) => {
                prop_assert!(cost.recipient_gets >= target);
                let answer = i64::try_from(cost.send_amount.mantissa()).unwrap();
                prop_assert!(delivers(answer));
                for a in 1..answer {
                    prop_assert!(!delivers(a), "{} delivers, answer was {}", a, answer);
                }
            }
            Err(e) => {
                prop_assert_eq!(e.code(), "unreachable_target");
                for a in 1..400_000 {
                    prop_assert!(!delivers(a), "{} delivers but the solve said unreachable", a);
                }
            }
        }
    }

    #[test]
    fn send_for_is_minimal_with_promotions_payout_units_and_waivers(
        schedule in schedule(), target in 1i64..60_000, offered in 300i64..400, promo in 300i64..450,
        up_to in prop::option::of(0i64..2000), unit in prop::option::of(1i64..500), first in any::<bool>(),
    ) {
        let mut o = offer(schedule, Decimal::new(offered, 3), Decimal::new(400, 3));
        o.schedule.payout_unit = unit.map(|u| Decimal::new(u, 2));
        o.promotion = Some(serde_json::from_value(serde_json::json!({
            "rate": Rate::new(cur("JPY"), cur("PHP"), Decimal::new(promo, 3)).unwrap(),
            "rate_up_to": up_to.map(Decimal::from),
            "first_transfer_fee_waived": true,
        })).unwrap());
        let options = CostOptions { first_transfer: first, ..CostOptions::default() };
        let target = Decimal::new(target, 2);
        let delivers = |a: i64| match o.cost(Decimal::from(a), &options) {
            Ok(c) => c.recipient_gets >= target,
            Err(_) => false,
        };
        match o.send_for(target, &options) {
            Ok(cost) => {
                let answer = i64::try_from(cost.send_amount.mantissa()).unwrap();
                prop_assert!(delivers(answer));
                for a in 1..answer {
                    prop_assert!(!delivers(a), "{} delivers, answer was {}", a, answer);
                }
            }
            Err(e) => prop_assert_eq!(e.code(), "unreachable_target"),
        }
    }

    /// The total-paid solve against the forward price, by brute force over every whole yen up
    /// to the budget: the answer fits, and no larger amount does.
    #[test]
    fn send_within_is_the_largest_amount_that_fits(
        schedule in schedule(), budget in 1i64..6_000, offered in 300i64..400,
        unit in prop::option::of(1i64..500), first in any::<bool>(), up in any::<bool>(),
    ) {
        let rounding = if up { Rounding::Up } else { Rounding::HalfEven };
        let options = CostOptions { rounding, first_transfer: first, ..CostOptions::default() };
        let mut o = offer(schedule, Decimal::new(offered, 3), Decimal::new(400, 3));
        o.schedule.payout_unit = unit.map(|u| Decimal::new(u, 2));
        o.promotion = Some(serde_json::from_value(serde_json::json!({"first_transfer_fee_waived": true})).unwrap());
        let budget_d = Decimal::from(budget);
        let fits = |a: i64| match o.cost(Decimal::from(a), &options) {
            Ok(c) => c.total_paid <= budget_d,
            Err(_) => false,
        };
        match o.send_within(budget_d, &options) {
            Ok(cost) => {
                prop_assert!(cost.total_paid <= budget_d);
                prop_assert_eq!(&o.cost(cost.send_amount, &options).unwrap(), &cost);
                let answer = i64::try_from(cost.send_amount.mantissa()).unwrap();
                for a in answer + 1..=budget {
                    prop_assert!(!fits(a), "{} fits, answer was {}", a, answer);
                }
            }
            Err(e) => {
                prop_assert!(["unreachable_target", "invalid_amount"].contains(&e.code()), "{e}");
                for a in 1..=budget {
                    prop_assert!(!fits(a), "{} fits but the solve said {}", a, e.code());
                }
            }
        }
    }

    #[test]
    fn pricing_never_panics(
        amount in any_decimal(), fixed in any_decimal(), pct in any_decimal(), min in any_decimal(),
        offered in any_decimal(), mid in any_decimal(), target in any_decimal(), deducted in any::<bool>(),
    ) {
        let schedule = FeeSchedule {
            parts: vec![FeePart { from: Some(min), to: None, fixed, pct }],
            min_fee: Some(min),
            charging: if deducted { Charging::Deducted } else { Charging::OnTop },
            ..FeeSchedule::default()
        };
        let (jpy, php) = (cur("JPY"), cur("PHP"));
        if let (Ok(o), Ok(m)) = (Rate::new(jpy, php, offered), Rate::new(jpy, php, mid)) {
            let offer: Offer = serde_json::from_value(serde_json::json!({
                "send_currency": "JPY", "receive_currency": "PHP", "schedule": schedule,
                "offered_rate": o, "mid_rate": m,
            })).unwrap();
            let _ = offer.cost(amount, &CostOptions::default());
            let _ = offer.send_for(target, &CostOptions::default());
            let _ = offer.send_within(target, &CostOptions::default());
            let _ = o.inverse();
            let _ = o.cross(&m.inverse().unwrap_or(m));
            let _ = fx_margin_pct(&o, &m);
        }
    }
}
