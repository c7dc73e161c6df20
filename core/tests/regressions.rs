//! Inputs the fuzz targets (fuzz/, cargo-fuzz) found to crash or hang remitcost, kept as tests
//! once fixed. Each test names the target that found it and the fix.

use remitcost::{CostOptions, Decimal, Offer};

fn offer(json: serde_json::Value) -> Offer {
    serde_json::from_value(json).expect("offer")
}

/// fuzz target `solve`: a same-currency offer with no fee asked to deliver `Decimal::MAX`
/// hung the reverse solve. The candidate amount was `Decimal::MAX`; one cent less rounds back
/// to the same 28-digit value, so the walk down one minor unit at a time never ended.
/// Fixed in core/src/solve.rs: one step down, then a bisection that stops when it makes no
/// progress. Since then, an amount that cannot carry its minor units in 96 bits is refused
/// as `overflow` (core/src/money.rs, `Rounding::round_exact`): `Decimal::MAX` euros have no
/// cents, while the largest amount that has them is delivered exactly.
#[test]
fn send_for_decimal_max_same_currency_ends() {
    let o = offer(serde_json::json!({
        "send_currency": "EUR", "receive_currency": "EUR",
        "schedule": {"max_fee": "0"}
    }));
    let options = CostOptions {
        first_transfer: true,
        ..CostOptions::default()
    };
    let err = o.send_for(Decimal::MAX, &options).unwrap_err();
    assert_eq!(err.code(), "overflow");
    // 792281625142643375935439503.35: the mantissa is Decimal::MAX's, at 2 places.
    let largest = Decimal::from_i128_with_scale(i128::from(u64::MAX) << 32 | 0xFFFF_FFFF, 2);
    let cost = o.send_for(largest, &options).expect("deliverable");
    assert_eq!(cost.recipient_gets, largest);
    assert_eq!(cost.send_amount, largest);
    assert_eq!(
        cost.send_amount.to_string(),
        "792281625142643375935439503.35"
    );
}

/// fuzz target `solve`: a payout unit of 2.1056 JPY (not a whole number of yen). `cost` paid
/// 16306 units = 34333.9136 JPY, rounded back to 34334, while the reverse solve aimed at the
/// next whole unit, so `send_for(34334)` answered 10.001 BHD although 10.000 delivers 34334.
/// Fixed in core/src/quote.rs: a payout unit must be a whole number of the receive currency's
/// minor units, else `invalid_schedule`, forward and reverse.
#[test]
fn payout_unit_must_be_whole_minor_units() {
    let with_unit = |unit: &str| {
        offer(serde_json::json!({
            "send_currency": "BHD", "receive_currency": "JPY",
            "schedule": {"payout_unit": unit},
            "offered_rate": {"base": "BHD", "quote": "JPY", "value": "3433.52"},
            "mid_rate": {"base": "BHD", "quote": "JPY", "value": "3500"}
        }))
    };
    let options = CostOptions::default();
    let odd = with_unit("2.1056");
    let ten = Decimal::TEN;
    assert_eq!(
        odd.cost(ten, &options).unwrap_err().code(),
        "invalid_schedule"
    );
    let target = Decimal::from(34334);
    assert_eq!(
        odd.send_for(target, &options).unwrap_err().code(),
        "invalid_schedule"
    );
    // A whole unit still works both ways: 10 BHD → 34335.2 → 34335 → down to 34330 (× 10).
    let tens = with_unit("10");
    assert_eq!(
        tens.cost(ten, &options).unwrap().recipient_gets,
        Decimal::from(34330)
    );
    let back = tens.send_for(Decimal::from(34330), &options).unwrap();
    assert!(back.send_amount <= ten);
    assert_eq!(back.recipient_gets, Decimal::from(34330));
}

/// fuzz invariant (recipient never gets a negative amount): a receiving fee of 500 XOF on a
/// transfer that converts to 64.50 XOF paid out −436 XOF. Fixed in core/src/quote.rs: like a
/// deducted fee that takes the whole amount, a receiving fee that takes the whole payout is
/// `invalid_amount`.
#[test]
fn receiving_fee_larger_than_payout_is_invalid_amount() {
    let o = offer(serde_json::json!({
        "send_currency": "EUR", "receive_currency": "XOF",
        "schedule": {"receiving_fee": "500"},
        "offered_rate": {"base": "EUR", "quote": "XOF", "value": "645"},
        "mid_rate": {"base": "EUR", "quote": "XOF", "value": "655.957"}
    }));
    let options = CostOptions::default();
    let small = Decimal::new(10, 2); // 0.10 EUR → 64.5 XOF
    assert_eq!(
        o.cost(small, &options).unwrap_err().code(),
        "invalid_amount"
    );
    // 1 EUR → 645 − 500 = 145 XOF is fine.
    assert_eq!(
        o.cost(Decimal::ONE, &options).unwrap().recipient_gets,
        Decimal::from(145)
    );
}

/// fuzz target `solve`: with a payout unit of `Decimal::MAX`, the target 0.001 BHD divided by
/// the unit fell below the 28th decimal place and rounded to 0, so the solve aimed at 0 and
/// answered 0.001 BHD, which pays out 0.000. Fixed in core/src/solve.rs: the target rounded
/// up to the payout unit is never below the target (here it is one unit). The unit is now
/// the largest with 3 decimals: `Decimal::MAX` BHD cannot carry fils and is `overflow`.
#[test]
fn payout_unit_target_never_rounds_to_zero() {
    let with_unit = |unit: &str| {
        offer(serde_json::json!({
            "send_currency": "BHD", "receive_currency": "BHD",
            "schedule": {"payout_unit": unit}
        }))
    };
    let options = CostOptions::default();
    let tiny = Decimal::new(1, 28);
    let unit = "79228162514264337593543950.335";
    let cost = with_unit(unit)
        .send_for(tiny, &options)
        .expect("one payout unit is deliverable");
    assert!(cost.recipient_gets >= tiny, "{cost:?}");
    assert_eq!(cost.recipient_gets.to_string(), unit);
    let max = with_unit("79228162514264337593543950335");
    assert_eq!(max.send_for(tiny, &options).unwrap_err().code(), "overflow");
}

/// fuzz target `solve`: a promotional rate "up to" `Decimal::MAX` (in effect no cap) made the
/// reverse solve multiply the cap by the rate and fail with `overflow`, although 43519 EUR
/// delivered the target forward. Fixed in core/src/quote.rs: a cap whose reach overflows is
/// no cap.
#[test]
fn promotion_cap_at_decimal_max_is_no_cap() {
    let o = offer(serde_json::json!({
        "send_currency": "EUR", "receive_currency": "BHD",
        "offered_rate": {"base": "EUR", "quote": "BHD", "value": "75.4928"},
        "mid_rate": {"base": "EUR", "quote": "BHD", "value": "767080"},
        "promotion": {"rate": {"base": "EUR", "quote": "BHD", "value": "895153"},
                      "rate_up_to": "79228162514264337593543950335"}
    }));
    let options = CostOptions::default();
    let forward = o.cost(Decimal::from(43519), &options).expect("prices");
    // 43519 × 895153 = 38956163407 BHD.
    assert_eq!(forward.recipient_gets.to_string(), "38956163407.000");
    let back = o
        .send_for(forward.recipient_gets, &options)
        .expect("solves");
    assert_eq!(back.send_amount.to_string(), "43519.00");
}

/// fuzz target `solve`: a `max_amount` of `Decimal::MAX` made the reverse solve compute the
/// end of the accepted range as MAX + one minor unit and fail with `overflow`, although
/// 1e20 XOF delivered the target forward. Fixed in core/src/solve.rs: a limit at the top of
/// the 96-bit range limits nothing.
#[test]
fn max_amount_at_decimal_max_does_not_overflow_the_solve() {
    let o = offer(serde_json::json!({
        "send_currency": "XOF", "receive_currency": "XOF",
        "schedule": {"max_amount": "79228162514264337593543950335"}
    }));
    let options = CostOptions::default();
    let target = Decimal::from_i128_with_scale(100_000_000_000_000_000_000, 0);
    let back = o.send_for(target, &options).expect("solves");
    assert_eq!(back.send_amount, target);
}

/// fuzz target `solve` (input kept from the fuzz run): with a tiny fee percentage and a huge
/// fee cap, the amount where the cap starts, `(cap − fixed) / rate`, is beyond the 96-bit
/// range, and the reverse solve failed with `overflow` although an ordinary amount delivers.
/// Fixed in core/src/solve.rs: such a kink stands at the end of the range.
#[test]
fn fee_cap_kink_beyond_the_decimal_range_does_not_fail_the_solve() {
    let o = offer(serde_json::json!({
        "send_currency": "USD", "receive_currency": "MXN",
        "schedule": {"parts": [{"pct": "0.0000000000000000000001"}],
                     "max_fee": "1000000000000", "charging": "deducted"},
        "offered_rate": {"base": "USD", "quote": "MXN", "value": "17"},
        "mid_rate": {"base": "USD", "quote": "MXN", "value": "17.2"}
    }));
    let back = o
        .send_for(Decimal::from(1700), &CostOptions::default())
        .expect("solves");
    // The fee on USD 100 is 1e-22 USD: 99.99…99 × 17 rounds to 1700.00; 99.99 gives 1699.83.
    assert_eq!(back.send_amount.to_string(), "100.00");
    assert_eq!(back.recipient_gets.to_string(), "1700.00");
}

/// fuzz target `solve` (CI's fuzz smoke, 2026-11-29): on top of 1e20 EUR, a band up to 1e20
/// charging 10,851,025,925 %. At 1e20 no band applies and the recipient gets 1e20; one cent
/// less, the fee overflows 96 bits. The reverse solve tried that amount one cent down and
/// passed the `overflow` on, although 1e20 delivers. Fixed in core/src/solve.rs: an amount
/// whose price overflows does not deliver, and the search goes on.
#[test]
fn an_amount_whose_fee_overflows_does_not_stop_the_solve() {
    let o = offer(serde_json::json!({
        "send_currency": "EUR", "receive_currency": "EUR",
        "schedule": {"parts": [{"from": "0", "to": "100000000000000000000",
                                "pct": "10851025925.71178685"}]}
    }));
    let options = CostOptions::default();
    let target = Decimal::from_i128_with_scale(100_000_000_000_000_000_000, 0);
    let below = target - Decimal::new(1, 2);
    assert_eq!(o.cost(below, &options).unwrap_err().code(), "overflow");
    let back = o.send_for(target, &options).expect("1e20 delivers");
    assert_eq!(back.send_amount.to_string(), "100000000000000000000.00");
    assert_eq!(back.fee.to_string(), "0.00");
}

/// fuzz target `solve` (2026-11-29): 1e20 EUR at 107264 CLF per euro pays out 1.07e25 CLF,
/// which has no room in 96 bits for CLF's 4 decimals; rounding kept 3, the payout unit's
/// arithmetic lost the last digits, and the reverse solve answered a cent more than the
/// smallest amount. Fixed in core/src/money.rs (`Rounding::round_exact`) and quote.rs: a
/// figure that cannot carry its minor units is `overflow`, forward and reverse, so every
/// figure remitcost returns has them all.
#[test]
fn a_payout_too_large_for_its_minor_units_is_overflow() {
    let o = offer(serde_json::json!({
        "send_currency": "EUR", "receive_currency": "CLF",
        "offered_rate": {"base": "EUR", "quote": "CLF", "value": "107264"},
        "mid_rate": {"base": "EUR", "quote": "CLF", "value": "145258"}
    }));
    let options = CostOptions::default();
    let huge = Decimal::from_i128_with_scale(100_000_000_000_000_000_000, 0);
    assert_eq!(o.cost(huge, &options).unwrap_err().code(), "overflow");
    let big = Decimal::from(1_000_000_000_000_000u64);
    let forward = o.cost(big, &options).expect("1e15 EUR prices");
    assert_eq!(
        forward.recipient_gets.to_string(),
        "107264000000000000000.0000"
    );
    let back = o
        .send_for(forward.recipient_gets, &options)
        .expect("solves");
    assert_eq!(back.send_amount.to_string(), "1000000000000000.00");
    let too_much = Decimal::from_i128_with_scale(10_726_400_000_000_000_021_359_144_210, 3);
    assert_eq!(
        o.send_for(too_much, &options).unwrap_err().code(),
        "overflow"
    );
}

/// fuzz target `solve` (2026-11-29, a 10-minute run after the two above): a band starting at
/// `Decimal::MAX` under a maximum fee of `Decimal::MAX`, taxed 142 %. The reverse solve builds
/// every piece of the schedule first, and the taxed cap of the last piece (beyond any amount)
/// overflowed, failing the solve although 650744 EUR, far below that band, delivers. Fixed in
/// core/src/solve.rs: a piece whose charges overflow is skipped; the others are solved.
#[test]
fn a_piece_whose_charges_overflow_does_not_fail_the_solve() {
    let o = offer(serde_json::json!({
        "send_currency": "EUR", "receive_currency": "EUR",
        "schedule": {
            "parts": [{"from": "79228162514264337593543950335", "fixed": "142.207",
                       "pct": "538941"}],
            "max_fee": "79228162514264337593543950335",
            "min_amount": "521980",
            "taxes": [{"name": "VAT", "pct": "142.207", "base": "fee"}],
            "charging": "deducted"
        }
    }));
    let options = CostOptions::default();
    let target = Decimal::from(650_744);
    assert_eq!(o.cost(target, &options).unwrap().recipient_gets, target);
    let back = o.send_for(target, &options).expect("solves");
    assert_eq!(back.send_amount.to_string(), "650744.00");
}

/// fuzz target `solve` (2026-11-29): with a payout unit of `Decimal::MAX` XOF, sending
/// MAX − 1 XOF paid out MAX: the quotient (MAX − 1) / MAX has 28 digits and rounds up to 1.
/// The reverse solve answered MAX, and the check found that MAX − 1 "delivers" too. Fixed in
/// core/src/quote.rs: what is paid out is never more than the amount owed (one payout unit
/// less when the quotient rounded up).
#[test]
fn a_payout_unit_never_pays_out_more_than_is_owed() {
    let o = offer(serde_json::json!({
        "send_currency": "XOF", "receive_currency": "XOF",
        "schedule": {"payout_unit": "79228162514264337593543950335"}
    }));
    let options = CostOptions::default();
    let below = Decimal::MAX - Decimal::ONE;
    let cost = o.cost(below, &options).expect("prices");
    assert_eq!(cost.recipient_gets, Decimal::ZERO);
    let max = o.cost(Decimal::MAX, &options).expect("prices");
    assert_eq!(max.recipient_gets, Decimal::MAX);
    let target = Decimal::from_i128_with_scale(100_000_000_000_000_000_000, 0);
    assert_eq!(
        o.send_for(target, &options).unwrap().send_amount,
        Decimal::MAX
    );
}

/// fuzz target `solve` (2026-11-29): a fee of 1e-28 % of the amount, taxed at 1e20 %. The
/// reverse solve's linear model reads the fee rate (1e-30 once divided by 100) as 0, below
/// the 28th decimal place, while the forward price multiplies first: 3,574,652,004,558,425.5
/// KWD pays 3,574.65 KWD of tax. The model's candidate fell short and the solve answered
/// `unreachable_target`. Fixed in core/src/solve.rs: from a candidate that falls short, the
/// solve goes up the piece in doubling steps until the forward price delivers, then bisects.
#[test]
fn a_fee_rate_below_the_28th_place_does_not_make_the_target_unreachable() {
    let o = offer(serde_json::json!({
        "send_currency": "KWD", "receive_currency": "USD",
        "schedule": {
            "parts": [{"pct": "0.0000000000000000000000000001"}],
            "taxes": [{"name": "levy", "pct": "100000000000000000000", "base": "fee"}],
            "charging": "deducted"
        },
        "offered_rate": {"base": "KWD", "quote": "USD", "value": "15.8324"},
        "mid_rate": {"base": "KWD", "quote": "USD", "value": "68.7228"}
    }));
    let options = CostOptions::default();
    let amount = Decimal::from_i128_with_scale(3_574_652_004_558_425_500, 3);
    let forward = o.cost(amount, &options).expect("prices");
    assert!(forward.tax > Decimal::from(3_500), "{forward:?}");
    let back = o
        .send_for(forward.recipient_gets, &options)
        .expect("solves");
    assert!(back.send_amount <= amount, "{back:?}");
    assert!(back.recipient_gets >= forward.recipient_gets);
    let less = back.send_amount - Decimal::new(1, 3);
    assert!(o.cost(less, &options).unwrap().recipient_gets < forward.recipient_gets);
}

/// fuzz target `solve` (2026-11-29): fees on top, a first band up to 1e20 whose fee overflows
/// 96 bits (so no amount below 1e20 can be priced), then a one-unit band at 1e20 capped at
/// 534.41, then bands that overflow or not. The reverse solve treated charges on top as one
/// piece, searched up from the model's candidate across the bands, and bisected a range where
/// delivering is not monotone: it answered 5e20 + 1 where 1e20 delivers. Fixed in
/// core/src/solve.rs: charges on top are split at the band edges too.
#[test]
fn fees_on_top_are_solved_band_by_band() {
    let o = offer(serde_json::json!({
        "send_currency": "EUR", "receive_currency": "EUR",
        "schedule": {
            "parts": [
                {"from": "0", "to": "100000000000000000000",
                 "fixed": "100000000000000000000", "pct": "100000000000000000000"},
                {"from": "100000000000000000000", "to": "100000000000000000001",
                 "fixed": "256", "pct": "96.6084"},
                {"from": "100000000000000000001", "to": "200000000000000000001",
                 "fixed": "100000000000000000000", "pct": "100000000000000000000"},
                {"from": "200000000000000000001", "pct": "651061555.542690057"}
            ],
            "max_fee": "534.41"
        }
    }));
    let options = CostOptions::default();
    let e20 = Decimal::from_i128_with_scale(100_000_000_000_000_000_000, 0);
    // 1e12 x 1e20 % = 1e30 is beyond 96 bits, but only the capped fee is a figure: since the
    // pricing kernel computes exactly on wide integers, 1e12 is priced (it overflowed before,
    // and the solve answered 1e20).
    let target = Decimal::from(1_000_000_000_000u64);
    assert_eq!(o.cost(target, &options).unwrap().fee.to_string(), "534.41");
    assert_eq!(o.cost(e20, &options).unwrap().fee.to_string(), "534.41");
    let back = o.send_for(target, &options).expect("solves");
    assert_eq!(back.send_amount, target);
}
