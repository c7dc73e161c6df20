//! Ranking offers in one corridor, as a price comparator shows them.

use crate::error::{Error, Result};
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// Every offer sends this amount (send currency); ranked by total cost.
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    Send(Decimal),
    /// Every offer delivers at least this amount (receive currency); ranked by what the
    /// sender pays.
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    Receive(Decimal),
}

/// One offer's place in a [`Ranking`].
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
    /// What the transfer costs under the offer.
    pub cost: Cost,
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
}

/// Prices every offer for the same target and ranks them, cheapest first.
///
/// With [`Target::Send`] the order is by `total_cost_pct` (then by `recipient_gets`, larger
/// first); with [`Target::Receive`] by `total_paid`. Ties keep the order given and share a
/// rank. All offers must be for the corridor's currencies, those of the first offer; the others,
/// and any offer that cannot be priced, are listed in `excluded` with the error's code rather
/// than failing the whole ranking.
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
/// ```
pub fn rank_offers(offers: &[Offer], target: Target, options: &CostOptions) -> Ranking {
    let mut ranked = Vec::new();
    let mut excluded = Vec::new();
    for (index, offer) in offers.iter().enumerate() {
        match price(offers, offer, target, options) {
            Ok(cost) => ranked.push(Ranked {
                rank: 0,
                index,
                provider: offer.provider.clone(),
                firm_type: offer.firm_type.clone(),
                speed: offer.speed.clone(),
                cost,
            }),
            Err(err) => excluded.push(Excluded {
                index,
                provider: offer.provider.clone(),
                code: err.code().to_string(),
                message: err.to_string(),
            }),
        }
    }
    ranked.sort_by(|a, b| compare(target, &a.cost, &b.cost).then(a.index.cmp(&b.index)));
    let mut rank = 0;
    for i in 0..ranked.len() {
        let tied = i
            .checked_sub(1)
            .and_then(|p| ranked.get(p))
            .is_some_and(|prev| compare(target, &prev.cost, &ranked[i].cost) == Ordering::Equal);
        if !tied {
            rank = i.saturating_add(1);
        }
        ranked[i].rank = rank;
    }
    Ranking { ranked, excluded }
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
    }
}

fn compare(target: Target, a: &Cost, b: &Cost) -> Ordering {
    match target {
        Target::Send(_) => a
            .total_cost_pct
            .cmp(&b.total_cost_pct)
            .then(b.recipient_gets.cmp(&a.recipient_gets)),
        Target::Receive(_) => a.total_paid.cmp(&b.total_paid),
    }
}
