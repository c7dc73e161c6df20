//! Ranking offers in one corridor, as a price comparator shows them.

use crate::currency::Currency;
use crate::decimal;
use crate::eligibility::Speed;
use crate::error::{Error, Result};
use crate::fx::Rate;
use crate::quote::{Cost, CostOptions, Offer};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// What the comparison holds fixed: the amount sent, or the amount the recipient must get.
///
/// ```
/// let t: remitcost::Target = serde_json::from_str(r#"{"receive": "50000"}"#).unwrap();
/// assert_eq!(t, remitcost::Target::Receive("50000".parse().unwrap()));
/// ```
///
/// Non-exhaustive: a fourth quote mode can be added without breaking callers that match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Target {
    /// Every offer sends this amount (send currency); ranked by total cost.
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    Send(Decimal),
    /// Every offer delivers at least this amount (receive currency); ranked by what the
    /// sender pays.
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    Receive(Decimal),
    /// Every offer costs the sender at most this in total, fees on top included (send
    /// currency; see [`Offer::send_within`]); ranked by what the recipient gets.
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    Total(Decimal),
}

/// The order of a [`Ranking`].
///
/// ```
/// let o: remitcost::Order = serde_json::from_str(r#""speed""#).unwrap();
/// assert_eq!(o, remitcost::Order::Speed);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    /// The target's own measure: the lowest total cost % for [`Target::Send`], the lowest
    /// total paid for [`Target::Receive`], the most received for [`Target::Total`].
    #[default]
    Cheapest,
    /// The lowest total cost %, then the most received.
    TotalCost,
    /// The most received, then the lowest total paid.
    Received,
    /// The fastest speed category (unknown speeds last), then [`Order::Cheapest`].
    Speed,
}

/// What a comparator's visitor chooses: which offers to show, and in what order.
///
/// Filters keep an offer only when its label is the one asked (an offer without the label is
/// left out); `max_speed` keeps offers whose speed ([`Speed::parse`]) is that category or
/// faster. `now` (seconds since 1970-01-01T00:00:00Z) gives each ranked offer its quote's age.
///
/// ```
/// let o: remitcost::RankOptions = serde_json::from_str(
///     r#"{"payout": "mobile_wallet", "max_speed": "same_day", "order": "received"}"#).unwrap();
/// assert_eq!(o.max_speed, Some(remitcost::Speed::SameDay));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RankOptions {
    /// Only offers paid out this way (`cash_pickup`, `bank_account`, `mobile_wallet`, …).
    pub payout: Option<String>,
    /// Only offers funded this way (`cash`, `card`, `bank_account`, …).
    pub funding: Option<String>,
    /// Only offers at least this fast.
    pub max_speed: Option<Speed>,
    /// The order of the ranking.
    pub order: Order,
    /// The time the ranking is shown, for each quote's age.
    pub now: Option<i64>,
}

/// What choosing an offer saves, in the measure the target holds fixed: total cost (send
/// currency) for [`Target::Send`], total paid (send currency) for [`Target::Receive`], and
/// the extra the recipient gets (receive currency) for [`Target::Total`].
///
/// Worked from the reported figures, so that a reader can check them by subtraction; the
/// mean of the offers ranked is rounded once, to minor units, under the cost options' rule.
/// Negative against the mean for an offer dearer than the average.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Savings {
    /// The currency of both figures.
    pub currency: Currency,
    /// Against the dearest offer ranked (0 for the dearest).
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub vs_dearest: Decimal,
    /// Against the mean of the offers ranked.
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub vs_mean: Decimal,
}

/// One offer's place in a [`Ranking`], with everything the World Bank's transparency
/// criteria ask a comparator to show: the fee and its parts, the exchange margin in % and in
/// money, the total cost and what the recipient gets (all in `cost`), the offered and
/// reference rates (send → receive), when they were collected and how old they are, the
/// speed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Ranked {
    /// 1 for the cheapest; offers that cost the same share a rank.
    pub rank: usize,
    /// The offer's position in the list given.
    pub index: usize,
    /// The offer's provider label.
    pub provider: Option<String>,
    /// The offer's provider type label.
    pub firm_type: Option<String>,
    /// The offer's speed label.
    pub speed: Option<String>,
    /// The speed label's category, if it is one ([`Speed::parse`]).
    pub speed_category: Option<Speed>,
    /// How the sender pays.
    pub funding: Option<String>,
    /// How the recipient is paid.
    pub payout: Option<String>,
    /// The rate offered, send → receive (its normal rate; a promotion shows in the margin).
    pub offered_rate: Option<Rate>,
    /// The reference (mid-market) rate, send → receive.
    pub mid_rate: Option<Rate>,
    /// When the offer's prices and rates were collected (seconds since the epoch).
    pub collected_at: Option<i64>,
    /// The quote's age in seconds at [`RankOptions::now`].
    pub quote_age: Option<i64>,
    /// What the transfer costs under the offer.
    pub cost: Cost,
    /// What choosing it saves against the dearest and the mean.
    pub savings: Savings,
}

/// An offer that could not be priced for the target, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Excluded {
    /// The offer's position in the list given.
    pub index: usize,
    /// The offer's provider label.
    pub provider: Option<String>,
    /// The error's stable code (`amount_out_of_range`, `unreachable_target`, …).
    pub code: String,
    /// The error's message.
    pub message: String,
}

/// Offers ranked cheapest first, and those left out with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Ranking {
    /// Priced offers, cheapest first.
    pub ranked: Vec<Ranked>,
    /// Offers that could not be priced (outside their limits, a bad rate, another corridor).
    pub excluded: Vec<Excluded>,
    /// The positions of the offers the [`RankOptions`] filters left out.
    pub filtered: Vec<usize>,
}

/// Prices every offer for the same target and ranks them, cheapest first.
///
/// With [`Target::Send`] the order is by `total_cost_pct` (then by `recipient_gets`, larger
/// first); with [`Target::Receive`] by `total_paid`; with [`Target::Total`] by
/// `recipient_gets`, larger first (then by `total_cost_pct`). Ties keep the order given and
/// share a rank. All offers must be for the corridor's currencies, those of the first offer;
/// the others, and any offer that cannot be priced, are listed in `excluded` with the error's
/// code rather than failing the whole ranking. [`rank_offers_with`] filters and orders.
///
/// ```
/// use remitcost::{rank_offers, CostOptions, Offer, Target};
/// let offer = |name: &str, fee: &str, rate: &str| -> Offer { serde_json::from_value(serde_json::json!({
///     "provider": name, "send_currency": "GBP", "receive_currency": "INR",
///     "schedule": {"parts": [{"fixed": fee}]},
///     "offered_rate": {"base": "GBP", "quote": "INR", "value": rate},
///     "mid_rate": {"base": "GBP", "quote": "INR", "value": "105"}})).unwrap() };
/// let offers = [offer("Bank", "10", "101"), offer("App", "0.99", "104.2"), offer("Agent", "3", "103")];
/// let ranking = rank_offers(&offers, Target::Send("120".parse().unwrap()), &CostOptions::default());
/// let names: Vec<_> = ranking.ranked.iter().map(|r| r.provider.as_deref().unwrap()).collect();
/// assert_eq!(names, ["App", "Agent", "Bank"]);
/// // App saves GBP 14.57 - 1.90 against the bank.
/// assert_eq!(ranking.ranked[0].savings.vs_dearest.to_string(), "12.67");
/// ```
pub fn rank_offers(offers: &[Offer], target: Target, options: &CostOptions) -> Ranking {
    rank_offers_with(offers, target, options, &RankOptions::default())
}

/// [`rank_offers`] with a visitor's choices: filters by payout, funding and speed, an order,
/// the time quotes are aged at.
///
/// ```
/// use remitcost::{rank_offers_with, CostOptions, Offer, Order, RankOptions, Target};
/// let offer = |name: &str, fee: &str, payout: &str, speed: &str| -> Offer {
///     serde_json::from_value(serde_json::json!({
///     "provider": name, "payout": payout, "speed": speed,
///     "send_currency": "EUR", "receive_currency": "EUR", "schedule": {"parts": [{"fixed": fee}]},
///     "collected_at": 1_700_000_000})).unwrap() };
/// let offers = [offer("Cash", "2", "cash_pickup", "Same day"),
///               offer("Wallet", "3", "mobile_wallet", "Less than one hour"),
///               offer("Bank", "1", "bank_account", "3-5 days")];
/// let choice = RankOptions { order: Order::Speed, now: Some(1_700_000_600), ..RankOptions::default() };
/// let ranking = rank_offers_with(&offers, Target::Total("100".parse().unwrap()),
///                                &CostOptions::default(), &choice);
/// let names: Vec<_> = ranking.ranked.iter().map(|r| r.provider.as_deref().unwrap()).collect();
/// assert_eq!(names, ["Wallet", "Cash", "Bank"]);
/// assert_eq!(ranking.ranked[0].quote_age, Some(600));
/// let wallets = RankOptions { payout: Some("mobile_wallet".into()), ..RankOptions::default() };
/// let ranking = rank_offers_with(&offers, Target::Send("100".parse().unwrap()),
///                                &CostOptions::default(), &wallets);
/// assert_eq!((ranking.ranked.len(), ranking.filtered.clone()), (1, vec![0, 2]));
/// ```
pub fn rank_offers_with(
    offers: &[Offer],
    target: Target,
    options: &CostOptions,
    choice: &RankOptions,
) -> Ranking {
    let mut ranked = Vec::new();
    let mut excluded = Vec::new();
    let mut filtered = Vec::new();
    for (index, offer) in offers.iter().enumerate() {
        if !chosen(offer, choice) {
            filtered.push(index);
            continue;
        }
        match price(offers, offer, target, options) {
            Ok(cost) => ranked.push(describe(index, offer, target, cost, choice)),
            Err(err) => excluded.push(Excluded {
                index,
                provider: offer.provider.clone(),
                code: err.code().to_string(),
                message: err.to_string(),
            }),
        }
    }
    let order = |a: &Ranked, b: &Ranked| compare(target, choice.order, a, b);
    crate::sort::sort_by(&mut ranked, |a, b| order(a, b).then(a.index.cmp(&b.index)));
    let mut rank = 0;
    for i in 0..ranked.len() {
        let tied = i
            .checked_sub(1)
            .and_then(|p| ranked.get(p))
            .is_some_and(|prev| order(prev, &ranked[i]) == Ordering::Equal);
        if !tied {
            rank = i.saturating_add(1);
        }
        ranked[i].rank = rank;
    }
    // A mean or a difference beyond 96 bits leaves the savings at zero rather than failing a
    // ranking whose every figure was priced.
    let _ = fill_savings(target, options, &mut ranked);
    Ranking {
        ranked,
        excluded,
        filtered,
    }
}

/// Whether the visitor's filters keep `offer`.
fn chosen(offer: &Offer, choice: &RankOptions) -> bool {
    let label = |want: &Option<String>, have: &Option<String>| {
        want.as_ref().is_none_or(|w| have.as_ref() == Some(w))
    };
    let fast_enough = choice.max_speed.is_none_or(|max| {
        offer
            .speed
            .as_deref()
            .and_then(Speed::parse)
            .is_some_and(|s| s <= max)
    });
    label(&choice.payout, &offer.payout) && label(&choice.funding, &offer.funding) && fast_enough
}

/// A priced offer with its labels and disclosures (savings are filled in once all are known).
fn describe(
    index: usize,
    offer: &Offer,
    target: Target,
    cost: Cost,
    choice: &RankOptions,
) -> Ranked {
    let (send, recv) = (offer.send_currency, offer.receive_currency);
    let oriented = |rate: Option<Rate>| rate.and_then(|r| r.oriented(send, recv).ok());
    Ranked {
        rank: 0,
        index,
        provider: offer.provider.clone(),
        firm_type: offer.firm_type.clone(),
        speed: offer.speed.clone(),
        speed_category: offer.speed.as_deref().and_then(Speed::parse),
        funding: offer.funding.clone(),
        payout: offer.payout.clone(),
        offered_rate: oriented(offer.offered_rate),
        mid_rate: oriented(offer.mid_rate),
        collected_at: offer.collected_at,
        quote_age: choice
            .now
            .zip(offer.collected_at)
            .and_then(|(now, at)| now.checked_sub(at)),
        savings: Savings {
            currency: measure(target, &cost).1,
            vs_dearest: Decimal::ZERO,
            vs_mean: Decimal::ZERO,
        },
        cost,
    }
}
fn price(offers: &[Offer], offer: &Offer, target: Target, options: &CostOptions) -> Result<Cost> {
    if let Some(first) = offers.first() {
        for (want, have) in [
            (first.send_currency, offer.send_currency),
            (first.receive_currency, offer.receive_currency),
        ] {
            if want != have {
                return Err(Error::CurrencyMismatch {
                    expected: want.to_string(),
                    found: have.to_string(),
                });
            }
        }
    }
    match target {
        Target::Send(amount) => offer.cost(amount, options),
        Target::Receive(amount) => offer.send_for(amount, options),
        Target::Total(amount) => offer.send_within(amount, options),
    }
}

fn compare(target: Target, order: Order, a: &Ranked, b: &Ranked) -> Ordering {
    let (x, y) = (&a.cost, &b.cost);
    let by_pct = || x.total_cost_pct.cmp(&y.total_cost_pct);
    let by_received = || y.recipient_gets.cmp(&x.recipient_gets);
    match (order, target) {
        (Order::Cheapest, Target::Send(_)) | (Order::TotalCost, _) => by_pct().then(by_received()),
        (Order::Cheapest, Target::Receive(_)) => x.total_paid.cmp(&y.total_paid),
        (Order::Cheapest, Target::Total(_)) => by_received().then(by_pct()),
        (Order::Received, _) => by_received().then(x.total_paid.cmp(&y.total_paid)),
        (Order::Speed, _) => {
            // Unknown speeds after every category.
            let speed = |r: &Ranked| (r.speed_category.is_none(), r.speed_category);
            speed(a)
                .cmp(&speed(b))
                .then_with(|| compare(target, Order::Cheapest, a, b))
        }
    }
}

/// The figure a target holds the offers to, its currency, and whether more of it is better.
fn measure(target: Target, cost: &Cost) -> (Decimal, Currency, bool) {
    match target {
        Target::Send(_) => (cost.total_cost, cost.send_currency, false),
        Target::Receive(_) => (cost.total_paid, cost.send_currency, false),
        Target::Total(_) => (cost.recipient_gets, cost.receive_currency, true),
    }
}

/// Each ranked offer's savings against the dearest and the mean of them all.
fn fill_savings(target: Target, options: &CostOptions, ranked: &mut [Ranked]) -> Result<()> {
    let values: Vec<(Decimal, Currency, bool)> =
        ranked.iter().map(|r| measure(target, &r.cost)).collect();
    let Some((_, currency, more_is_better)) = values.first().copied() else {
        return Ok(());
    };
    let worst = values.iter().map(|v| v.0);
    let Some(dearest) = (if more_is_better {
        worst.min()
    } else {
        worst.max()
    }) else {
        return Ok(());
    };
    let mut sum = Decimal::ZERO;
    for v in &values {
        sum = decimal::add(sum, v.0, "savings")?;
    }
    let count = Decimal::from(values.len());
    let mean = options.rounding.round_exact(
        decimal::div(sum, count, "savings")?,
        currency.minor_units(),
        "savings",
    )?;
    // What this offer is better by: `other - this` for a cost, `this - other` for an amount.
    let better_than = |this: Decimal, other: Decimal| {
        if more_is_better {
            decimal::sub(this, other, "savings")
        } else {
            decimal::sub(other, this, "savings")
        }
    };
    for (r, v) in ranked.iter_mut().zip(&values) {
        r.savings.vs_dearest = better_than(v.0, dearest)?;
        r.savings.vs_mean = better_than(v.0, mean)?;
    }
    Ok(())
}
