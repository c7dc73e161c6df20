//! Every figure of a cost is the exact rational value of its formula rounded once: an oracle
//! computes each with big rationals (num-rational), straight from the formulas of DESIGN.md,
//! and the crate must agree digit for digit, for every rounding rule, over offers built to hit
//! ties (mid rates whose ratios do not terminate, rates quoted the other way round, amounts
//! chosen so that the exchange cost lands on half a minor unit).

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};
use proptest::prelude::*;
use remitcost::{Cost, CostOptions, Decimal, Offer, Rounding};

fn q(d: Decimal) -> BigRational {
    BigRational::new(
        BigInt::from(d.mantissa()),
        BigInt::from(10u8).pow(d.scale()),
    )
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// `v` rounded to `places` under `rule`, written as a decimal with exactly `places` places.
fn round(v: &BigRational, places: u32, rule: Rounding) -> String {
    let x = v * BigRational::from_integer(BigInt::from(10u8).pow(places));
    let t = x.trunc();
    let rest = (&x - &t).abs();
    let half = BigRational::new(BigInt::one(), BigInt::from(2u8));
    let odd = (t.to_integer() % BigInt::from(2u8)) != BigInt::zero();
    let away = match rule {
        Rounding::HalfEven => rest > half || (rest == half && odd),
        Rounding::HalfAwayFromZero => rest >= half,
        Rounding::Up => !rest.is_zero(),
        Rounding::Down => false,
    };
    let mut m = t.to_integer();
    if away {
        m += if x.is_negative() { -1 } else { 1 };
    }
    let m = i128::try_from(m).unwrap_or_else(|e| panic!("{e}"));
    Decimal::from_i128_with_scale(m, places).to_string()
}

/// A test offer's inputs.
#[derive(Debug, Clone)]
struct Case {
    mid: &'static str,
    gap: i64,
    inverted: bool,
    fixed_cents: i64,
    pct: &'static str,
    min_fee: Option<&'static str>,
    tax_fee: &'static str,
    tax_amount: &'static str,
    deducted: bool,
    receiving_fee: &'static str,
    include_receiving_fee: bool,
    amount_cents: i64,
    rule: Rounding,
}

fn rate(send: &str, recv: &str, value: Decimal, inverted: bool) -> serde_json::Value {
    if inverted {
        serde_json::json!({"base": recv, "quote": send, "value": value.to_string()})
    } else {
        serde_json::json!({"base": send, "quote": recv, "value": value.to_string()})
    }
}

/// The mid rate, send → receive, exact: `quoted` or its inverse.
fn mid_of(c: &Case) -> BigRational {
    let quoted = q(dec(c.mid));
    if c.inverted {
        quoted.recip()
    } else {
        quoted
    }
}

/// The offered rate: the mid rate (to 3 places) less `gap` thousandths.
fn offered_of(c: &Case) -> Decimal {
    let mid = dec(c.mid);
    let mid = if c.inverted {
        (Decimal::ONE / mid).round_dp(3)
    } else {
        mid
    };
    (mid - Decimal::new(c.gap, 3)).normalize()
}

fn oracle(c: &Case) -> [String; 13] {
    let r = c.rule;
    let (m, o) = (mid_of(c), q(offered_of(c)));
    let hundred = BigRational::from_integer(BigInt::from(100u8));
    let a = q(Decimal::new(c.amount_cents, 2));
    let mut fee = q(Decimal::new(c.fixed_cents, 2)) + &a * q(dec(c.pct)) / &hundred;
    if let Some(min) = c.min_fee {
        fee = fee.max(q(dec(min)));
    }
    let tax = &fee * q(dec(c.tax_fee)) / &hundred + &a * q(dec(c.tax_amount)) / &hundred;
    let charges = &fee + &tax;
    let (e, p) = if c.deducted {
        (&a - &charges, a.clone())
    } else {
        (a.clone(), &a + &charges)
    };
    let rf = q(dec(c.receiving_fee));
    let gets = &e * &o - &rf;
    let rf_sent = if c.include_receiving_fee {
        &rf / &m
    } else {
        BigRational::zero()
    };
    let all_fees = &charges + &rf_sent;
    let margin = (&m - &o) / &m * &hundred;
    let fx = &e * &margin / &hundred;
    let total = &all_fees + &fx;
    let pct = &total / &a * &hundred;
    [
        round(&a, 2, r),
        round(&fee, 2, r),
        round(&tax, 2, r),
        round(&rf_sent, 2, r),
        round(&all_fees, 2, r),
        round(&p, 2, r),
        round(&e, 2, r),
        round(&margin, 4, r),
        round(&fx, 2, r),
        round(&total, 2, r),
        round(&pct, 4, r),
        round(&gets, 2, r),
        round(&(&gets / &p), 6, r),
    ]
}

fn offer_of(c: &Case) -> Offer {
    let mid = dec(c.mid);
    let offered = offered_of(c);
    let mut schedule = serde_json::json!({
        "parts": [{"fixed": Decimal::new(c.fixed_cents, 2).to_string(), "pct": c.pct}],
        "taxes": [{"name": "on fee", "pct": c.tax_fee, "base": "fee"},
                  {"name": "on amount", "pct": c.tax_amount, "base": "amount"}],
        "receiving_fee": c.receiving_fee,
        "charging": if c.deducted { "deducted" } else { "on_top" },
    });
    if let Some(min) = c.min_fee {
        schedule["min_fee"] = serde_json::json!(min);
    }
    serde_json::from_value(serde_json::json!({
        "send_currency": "USD", "receive_currency": "MXN",
        "schedule": schedule,
        "offered_rate": rate("USD", "MXN", offered, false),
        "mid_rate": rate("USD", "MXN", mid, c.inverted),
    }))
    .unwrap_or_else(|e| panic!("{e}"))
}

const RULES: [Rounding; 4] = [
    Rounding::HalfEven,
    Rounding::HalfAwayFromZero,
    Rounding::Up,
    Rounding::Down,
];

/// Mid rates whose ratios do not terminate (17.2 = 172/10, 13.2, 655.957), and the same
/// quoted the other way round (receive → send: 0.003 is 1000/3 MXN per USD, whose decimal
/// never ends; 0.0625 is 16).
const MIDS: [&str; 5] = ["17.2", "13.2", "655.957", "0.003", "0.0625"];

fn case() -> impl Strategy<Value = Case> {
    (
        (0..MIDS.len(), 1i64..400, 0i64..600, 0usize..4),
        (
            0usize..3,
            any::<bool>(),
            0usize..3,
            0usize..3,
            any::<bool>(),
        ),
        (
            0usize..3,
            any::<bool>(),
            1i64..400,
            0usize..4,
            any::<bool>(),
        ),
    )
        .prop_map(
            |((mid, bp, fixed, pct), (min, tie, tf, ta, deducted), (rf, inc, k, rule, raw))| {
                let mid_text = MIDS[mid];
                let quoted_back = mid >= 3;
                let m = dec(mid_text);
                // Amounts that make E × gap / mid terminate land the exchange cost on half a
                // cent now and then: multiples of mid's numerator over its gcd with the gap
                // (cents × gap/1000 × 10^s / mantissa).
                let amount_cents = if raw || !tie || quoted_back {
                    k * 37 + 5
                } else {
                    let num = i128::from(bp) * 10i128.pow(m.scale());
                    let step = i64::try_from(m.mantissa() / gcd(m.mantissa(), num)).unwrap_or(1);
                    k * step.max(1) % 50_000_000 + step.max(1)
                };
                Case {
                    mid: mid_text,
                    gap: bp,
                    inverted: quoted_back,
                    fixed_cents: fixed,
                    pct: ["0", "1.5", "0.25", "2.975"][pct],
                    min_fee: [None, Some("3"), Some("0.07")][min],
                    tax_fee: ["0", "15", "7.5"][tf],
                    tax_amount: ["0", "1", "0.35"][ta],
                    deducted,
                    receiving_fee: ["0", "1.72", "0.05"][rf],
                    include_receiving_fee: inc,
                    amount_cents,
                    rule: RULES[rule],
                }
            },
        )
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a.abs()
    } else {
        gcd(b, a % b)
    }
}

fn figures(cost: &Cost) -> [String; 13] {
    Cost::FIGURES.map(|(_, f)| f(cost).to_string())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn every_figure_is_its_exact_value_rounded_once(c in case()) {
        let offer = offer_of(&c);
        let options = CostOptions {
            rounding: c.rule,
            include_receiving_fee: c.include_receiving_fee,
            ..CostOptions::default()
        };
        let amount = Decimal::new(c.amount_cents, 2);
        let want = oracle(&c);
        match offer.cost(amount, &options) {
            Ok(cost) => prop_assert_eq!(figures(&cost), want, "{:?}", c),
            // A deducted fee or the receiving fee that takes all: the oracle agrees it is not
            // a transfer.
            Err(e) => {
                prop_assert_eq!(e.code(), "invalid_amount");
                prop_assert!(want[6].starts_with('-') || want[6] == "0.00"
                    || want[11].starts_with('-') || want[11] == "0.00", "{:?} {:?}", c, want);
            }
        }
    }
}

/// The case of the issue, by hand: mid 17.2, offered 17.0, 8.17 sent, no fee: the exact fx
/// cost is 0.095, and each rule rounds that tie its own way.
#[test]
fn the_issue_tie_under_every_rule() {
    let offer: Offer = serde_json::from_value(serde_json::json!({
        "send_currency": "USD", "receive_currency": "MXN",
        "offered_rate": {"base": "USD", "quote": "MXN", "value": "17.0"},
        "mid_rate": {"base": "USD", "quote": "MXN", "value": "17.2"}}))
    .unwrap_or_else(|e| panic!("{e}"));
    let expected = [
        ("0.10", RULES[0]),
        ("0.10", RULES[1]),
        ("0.10", RULES[2]),
        ("0.09", RULES[3]),
    ];
    for (want, rounding) in expected {
        let options = CostOptions {
            rounding,
            ..CostOptions::default()
        };
        let cost = offer
            .cost(dec("8.17"), &options)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cost.fx_cost.to_string(), want, "{rounding:?}");
    }
}
