//! The total-paid solve: the sender's all-in budget. What is the most that can be sent, fees
//! and taxes included, for a given total, and what does the recipient get?
//!
//! The total paid is `A` plus the sender's charges when they are on top, `A` itself when they
//! are deducted. Between two band edges the charges never fall as `A` grows (a fee part's
//! percentage, a tax rate and the caps are not negative), so the total paid does not either;
//! across an edge it can (a cheaper upper band). The solve therefore takes the bands from the
//! top down and, in each, bisects the minor-unit grid for the largest amount whose total paid
//! fits, every step priced forward by [`Pricer`] (the code of [`Offer::cost`]), so the answer
//! is exactly what the forward computation says, rounding included.

use crate::decimal;
use crate::error::{Error, Result};
use crate::money::Rounding;
use crate::pricer::Pricer;
use crate::quote::{Cost, CostOptions, Offer};
use rust_decimal::Decimal;

impl Offer {
    /// The third quote mode, total paid: the transfer with the largest send amount (send
    /// currency minor units, within the schedule's limits) whose total paid, fees and taxes
    /// on top included, is at most `budget`, and what it costs. With charges deducted the
    /// total paid is the amount sent.
    ///
    /// Exact across band edges, fee caps, taxes and deducted fees. Errors: `invalid_amount`
    /// for a budget that is not positive, `unreachable_target` when no amount within the
    /// schedule's limits fits the budget (or, when the only amounts that fit cannot be priced,
    /// the error that refused the largest of them).
    ///
    /// ```
    /// use remitcost::{CostOptions, Offer};
    /// let offer: Offer = serde_json::from_str(r#"{
    ///   "send_currency": "EUR", "receive_currency": "XOF",
    ///   "schedule": {"parts": [{"fixed": "4.90"}]},
    ///   "offered_rate": {"base": "EUR", "quote": "XOF", "value": "645"},
    ///   "mid_rate": {"base": "EUR", "quote": "XOF", "value": "655.957"}
    /// }"#).unwrap();
    /// let cost = offer.send_within("200".parse().unwrap(), &CostOptions::default()).unwrap();
    /// assert_eq!(cost.send_amount.to_string(), "195.10");
    /// assert_eq!(cost.total_paid.to_string(), "200.00");
    /// assert_eq!(cost.recipient_gets.to_string(), "125840"); // 195.10 × 645 = 125839.5
    /// ```
    pub fn send_within(&self, budget: Decimal, options: &CostOptions) -> Result<Cost> {
        if budget <= Decimal::ZERO {
            return Err(Error::InvalidAmount(format!(
                "{budget}: the total to pay must be positive"
            )));
        }
        // Errors of the offer itself (a bad schedule or rate, a stale quote) come first.
        self.rates()?;
        self.check_fresh(options)?;
        let places = self.send_currency.minor_units();
        let budget = Rounding::Down.round_exact(budget, places, "budget")?;
        let pricer = Pricer::new(self, options);
        let mut refused = None;
        for (lo, hi) in bands(self, budget)?.into_iter().rev() {
            let Some(amount) = largest_within(&pricer, lo, hi, budget, places)? else {
                continue;
            };
            match pricer.cost(amount) {
                Ok(cost) => return Ok(cost),
                // Lower amounts of the band are refused too (what is exchanged only shrinks);
                // a lower band may still be priced.
                Err(err) => {
                    refused.get_or_insert(err);
                }
            }
        }
        Err(refused.unwrap_or_else(|| {
            Error::Unreachable(format!(
                "no amount within the schedule's limits has a total paid of at most {budget} {}",
                self.send_currency
            ))
        }))
    }
}

/// The grid amounts `[lo, hi]` (inclusive, ascending) over which the same fee parts apply, up
/// to the budget and within the schedule's limits.
fn bands(offer: &Offer, budget: Decimal) -> Result<Vec<(Decimal, Decimal)>> {
    let schedule = &offer.schedule;
    let places = offer.send_currency.minor_units();
    let unit = Decimal::new(1, places);
    let up = |v: Decimal| Rounding::Up.round_exact(v, places, "budget");
    let start = up(schedule.min_amount.unwrap_or(unit).max(unit))?;
    let top = match schedule.max_amount {
        Some(max) => Rounding::Down
            .round_exact(max, places, "budget")?
            .min(budget),
        None => budget,
    };
    let mut starts = vec![start];
    for edge in schedule.band_edges() {
        if edge > start && edge <= top {
            starts.push(up(edge)?);
        }
    }
    starts.dedup();
    let ends = starts
        .iter()
        .skip(1)
        .map(|next| decimal::sub(*next, unit, "budget"))
        .chain([Ok(top)]);
    let mut out = Vec::with_capacity(starts.len());
    for (lo, hi) in starts.iter().zip(ends) {
        let hi = hi?.min(top);
        if *lo <= hi {
            out.push((*lo, hi));
        }
    }
    Ok(out)
}

/// The largest grid amount in `[lo, hi]` whose total paid is not over the budget, if any. On
/// one band "over" only turns on as the amount grows: an amount priced above the budget, or
/// one too large to price (`overflow`). Amounts refused for being too small are not over.
fn largest_within(
    pricer: &Pricer,
    lo: Decimal,
    hi: Decimal,
    budget: Decimal,
    places: u32,
) -> Result<Option<Decimal>> {
    let over = |amount: Decimal| -> Result<Option<Decimal>> {
        match pricer.cost(amount) {
            Ok(cost) if cost.total_paid > budget => Ok(Some(cost.total_paid)),
            Err(Error::Overflow(_)) => Ok(Some(Decimal::MAX)),
            _ => Ok(None),
        }
    };
    let Some(paid) = over(hi)? else {
        return Ok(Some(hi));
    };
    if over(lo)?.is_some() {
        return Ok(None);
    }
    let (mut fits, mut fails) = (lo, hi);
    // The total paid grows at least as fast as the amount: taking the excess off the amount
    // nearly always lands just below the budget, and the bisection that follows is short.
    if let Some(guess) = decimal::sub(paid, budget, "budget")
        .and_then(|excess| decimal::sub(hi, excess, "budget"))
        .ok()
        .map(|g| Rounding::Down.round(g, places))
        .filter(|g| *g > lo)
    {
        match over(guess)? {
            Some(_) => fails = guess,
            None => fits = guess,
        }
    }
    loop {
        let gap = decimal::sub(fails, fits, "budget")?;
        let half = Rounding::Down.round(decimal::div(gap, Decimal::TWO, "budget")?, places);
        let mid = decimal::add(fits, half, "budget")?;
        if mid <= fits || mid >= fails {
            return Ok(Some(fits));
        }
        match over(mid)? {
            Some(_) => fails = mid,
            None => fits = mid,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer(schedule: serde_json::Value) -> Offer {
        serde_json::from_value(serde_json::json!({
            "send_currency": "EUR", "receive_currency": "XOF", "schedule": schedule,
            "offered_rate": {"base": "EUR", "quote": "XOF", "value": "645"},
            "mid_rate": {"base": "EUR", "quote": "XOF", "value": "655.957"}
        }))
        .unwrap_or_else(|e| panic!("{e}"))
    }

    fn within(offer: &Offer, budget: &str) -> Result<Cost> {
        let budget = budget.parse().unwrap_or_default();
        offer.send_within(budget, &CostOptions::default())
    }

    /// Past a band edge the fee drops: the largest amount that fits is in the upper band.
    #[test]
    fn a_cheaper_upper_band_is_found() {
        let o = offer(serde_json::json!({"parts": [
            {"to": "100", "fixed": "10"}, {"from": "100", "fixed": "1"}]}));
        let cost = within(&o, "105").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cost.send_amount.to_string(), "104.00");
        // Below the edge only 95.00 fits (95 + 10 = 105), the next band wins.
        let cost = within(&o, "100.50").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cost.send_amount.to_string(), "90.50");
    }

    #[test]
    fn a_budget_below_the_minimum_is_unreachable() {
        let o = offer(serde_json::json!({"parts": [{"fixed": "5"}], "min_amount": "20"}));
        let err = within(&o, "24.99").map(|_| ()).unwrap_err();
        assert_eq!(err.code(), "unreachable_target");
        assert_eq!(
            within(&o, "0").map(|_| ()).unwrap_err().code(),
            "invalid_amount"
        );
    }
}
