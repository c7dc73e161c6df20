//! Invariants shared by the fuzz targets: what must hold of every answer remitcost gives,
//! whatever the input. A target calls these after each successful (or failed) call; a broken
//! invariant panics, which libFuzzer reports as a crash with the input that caused it.

use remitcost::{Charging, Cost, CostOptions, Decimal, Offer};

/// Checks a forward price: `offer.cost(amount, options)`.
///
/// - amounts are never negative, the fee never below its parts;
/// - what the sender pays is the amount plus charges (on top) or the amount (deducted);
/// - a successful cost exchanged something positive (before rounding), so after rounding it
///   is not negative;
/// - the output is at canonical scale: money at the currency's minor units, percentages at 4
///   (never fewer decimals, however large).
pub fn check_cost(offer: &Offer, amount: Decimal, options: &CostOptions) -> Option<Cost> {
    let cost = offer.cost(amount, options).ok()?;
    let send_places = offer.send_currency.minor_units();
    let recv_places = offer.receive_currency.minor_units();
    for (what, v) in [
        ("send_amount", cost.send_amount),
        ("transfer_fee", cost.transfer_fee),
        ("tax", cost.tax),
        ("receiving_fee", cost.receiving_fee),
        ("fee", cost.fee),
        ("total_paid", cost.total_paid),
        ("amount_exchanged", cost.amount_exchanged),
    ] {
        assert!(
            !v.is_sign_negative() || v.is_zero(),
            "{what} {v} < 0: {cost:?}"
        );
        at_scale(what, v, send_places);
    }
    at_scale("fx_cost", cost.fx_cost, send_places);
    at_scale("total_cost", cost.total_cost, send_places);
    at_scale("recipient_gets", cost.recipient_gets, recv_places);
    at_scale("fx_margin_pct", cost.fx_margin_pct, 4);
    at_scale("total_cost_pct", cost.total_cost_pct, 4);
    assert!(
        !cost.recipient_gets.is_sign_negative() || cost.recipient_gets.is_zero(),
        "recipient gets {} < 0 for {amount}: {offer:?}",
        cost.recipient_gets
    );
    match offer.schedule.charging {
        Charging::OnTop => assert!(cost.total_paid >= cost.send_amount, "{cost:?}"),
        Charging::Deducted => assert_eq!(cost.total_paid, cost.send_amount, "{cost:?}"),
    }
    if offer.send_currency == offer.receive_currency && offer.promotion.is_none() {
        assert!(
            cost.fx_margin_pct.is_zero(),
            "same currency, margin {cost:?}"
        );
    }
    Some(cost)
}

/// A value is at its canonical scale: a figure too large to carry its decimals in 96 bits is
/// an `overflow` error, never a figure with fewer decimals.
fn at_scale(what: &str, v: Decimal, places: u32) {
    assert_eq!(v.scale(), places, "{what} {v} not at {places} places");
}

/// Checks the reverse solve against the forward price:
///
/// - a successful `send_for(target)` really delivers: pricing the amount it returns gives the
///   same cost, with `recipient_gets >= target`;
/// - it is the smallest: one minor unit less does not deliver, nor does `probe` (any grid
///   amount below the answer);
/// - a failure is honest: if `probe` delivers the target forward, the solve must have found an
///   amount no larger than it.
pub fn check_send_for(offer: &Offer, target: Decimal, probe: Decimal, options: &CostOptions) {
    let solved = offer.send_for(target, options);
    // Known limit: with a rate below 1e-12 the amount exchanged times the rate falls
    // under the 28th decimal place for small amounts and rounds to 0, so the linear
    // model's candidate fails forward and the solve may give up on a piece where a
    // larger amount would deliver (rounding `up`), or answer more than the smallest. Such
    // rates are not real; only the first invariant (it delivers) is checked for them.
    let tiny = Decimal::new(1, 12);
    let absurd_rate = [offer.offered_rate, offer.mid_rate]
        .into_iter()
        .chain(offer.promotion.as_ref().map(|p| p.rate))
        .flatten()
        .any(|r| r.value() < tiny || r.value() > Decimal::ONE / tiny);
    let places = offer.send_currency.minor_units();
    let unit = Decimal::new(1, places);
    let delivers = |amount: Decimal| {
        offer
            .cost(amount, options)
            .is_ok_and(|c| c.recipient_gets >= target)
    };
    let mut probe = probe.abs();
    probe.rescale(places);
    // Known limit: above about 7.9e28 / 10^places an amount cannot carry its minor units in
    // 96 bits (the probe keeps fewer places), the grid the solve searches does not exist
    // there, and it may miss a delivering amount: such probes are not compared.
    // Near the limit the candidate's quotients lose the last digits too: probes above 1e24
    // are not compared either (found: a probe of Decimal::MAX JPY).
    let on_grid = probe.scale() == places
        && probe <= Decimal::from_i128_with_scale(1_000_000_000_000_000_000_000_000, 0);
    let probe_delivers =
        on_grid && target > Decimal::ZERO && probe > Decimal::ZERO && delivers(probe);
    match solved {
        Ok(cost) => {
            let forward = offer
                .cost(cost.send_amount, options)
                .unwrap_or_else(|e| panic!("send_for gave {cost:?}, but cost() says {e}"));
            assert_eq!(forward, cost, "send_for and cost disagree");
            assert!(
                cost.recipient_gets >= target,
                "send_for({target}) delivers only {}",
                cost.recipient_gets
            );
            if let Some(lower) = cost.send_amount.checked_sub(unit) {
                // (At the top of the 96-bit range a minor unit less can round back to the
                // same amount: no smaller amount exists there.)
                assert!(
                    absurd_rate
                        || lower <= Decimal::ZERO
                        || lower >= cost.send_amount
                        || !delivers(lower),
                    "send_for({target}) = {}, but {lower} delivers too",
                    cost.send_amount
                );
            }
            if probe_delivers && !absurd_rate {
                assert!(
                    cost.send_amount <= probe,
                    "send_for({target}) = {}, but {probe} delivers too",
                    cost.send_amount
                );
            }
        }
        Err(err) => {
            // Known limit: a fee part near the 96-bit limit overflows the price of the small
            // amounts in its band, and the solve reports that `overflow` rather than looking
            // past the band (only for fees or percentages of 1e12 and more).
            let huge = Decimal::from_i128_with_scale(1_000_000_000_000, 0);
            let s = &offer.schedule;
            let absurd_fee = s
                .parts
                .iter()
                .flat_map(|p| [p.fixed, p.pct])
                .chain(s.min_fee)
                .chain(s.taxes.iter().map(|t| t.pct))
                .any(|v| v >= huge);
            assert!(
                absurd_rate || (absurd_fee && err.code() == "overflow") || !probe_delivers,
                "send_for({target}) failed with {err} ({}), but {probe} delivers",
                err.code()
            );
        }
    }
}

/// A few amounts worth pricing for a schedule: its band edges and limits, a minor unit either
/// side, and some round numbers.
pub fn amounts_of_interest(offer: &Offer) -> Vec<Decimal> {
    let unit = Decimal::new(1, offer.send_currency.minor_units());
    let s = &offer.schedule;
    let mut points: Vec<Decimal> = s
        .parts
        .iter()
        .flat_map(|p| [p.from, p.to])
        .chain([s.min_amount, s.max_amount])
        .flatten()
        .take(16)
        .collect();
    points.extend([1, 100, 200, 500, 10_000].map(Decimal::from));
    let mut out = Vec::new();
    for p in points {
        out.push(p);
        out.extend(p.checked_add(unit));
        out.extend(p.checked_sub(unit));
    }
    out
}
