//! How to aggregate: the options, what "above a threshold" means, and the rows left out.

use crate::eligibility::Eligibility;
use crate::money::Rounding;
use crate::observation::{Observation, Price, RpwAmount};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Whether a corridor "above" a threshold is strictly above it or at least at it. Official
/// texts disagree on whether exactly 5.00% passes the SDG 10.c target, so it is the caller's
/// choice. In JSON: `"greater_than"` (the default) or `"at_least"`.
///
/// ```
/// use remitcost::{Comparison, Decimal};
/// let five = Decimal::from(5);
/// assert!(!Comparison::GreaterThan.holds(five, five));
/// assert!(Comparison::AtLeast.holds(five, five));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// `value > threshold`.
    #[default]
    GreaterThan,
    /// `value >= threshold`.
    AtLeast,
}

impl Comparison {
    /// Whether `value` is above `threshold` under this comparison.
    ///
    /// ```
    /// use remitcost::{Comparison, Decimal};
    /// assert!(Comparison::GreaterThan.holds(Decimal::new(501, 2), Decimal::from(5)));
    /// ```
    pub fn holds(self, value: Decimal, threshold: Decimal) -> bool {
        match self {
            Comparison::GreaterThan => value > threshold,
            Comparison::AtLeast => value >= threshold,
        }
    }
}

/// Options of [`group`](crate::group) and the indicators. In JSON every field is optional:
///
/// - `amount`: which RPW amount (`"usd200"`, the default, or `"usd500"`);
/// - `include_non_transparent`: count services with `transparent = no` in the averages (their
///   literal 0 margin does not mean no cost, so RPW leaves them out: default `false`; they are
///   never SmaRT-eligible while `eligibility.transparent` holds);
/// - `eligibility`: the SmaRT predicate ([`Eligibility`], RPW's by default);
/// - `smart_min_services`: eligible services a corridor needs for a SmaRT (default 3; 0 acts
///   as 1);
/// - `comparison`: what "above 5%" means ([`Comparison`], default strictly greater);
/// - `rounding`: the rule for every reported percentage (4 places), default half-even.
///
/// ```
/// let o: remitcost::AggregateOptions = serde_json::from_str(r#"{"amount": "usd500"}"#).unwrap();
/// assert_eq!(o.amount, remitcost::RpwAmount::Usd500);
/// assert_eq!(o.smart_min_services, 3);
/// assert!(!o.include_non_transparent);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct AggregateOptions {
    /// The RPW amount priced.
    pub amount: RpwAmount,
    /// Count non-transparent services in averages.
    pub include_non_transparent: bool,
    /// The SmaRT eligibility predicate.
    pub eligibility: Eligibility,
    /// The fewest eligible services a corridor needs for a SmaRT.
    pub smart_min_services: usize,
    /// Strictly above, or at or above, a threshold.
    pub comparison: Comparison,
    /// The rounding rule of reported percentages.
    pub rounding: Rounding,
}

impl Default for AggregateOptions {
    fn default() -> Self {
        AggregateOptions {
            amount: RpwAmount::Usd200,
            include_non_transparent: false,
            eligibility: Eligibility::default(),
            smart_min_services: 3,
            comparison: Comparison::GreaterThan,
            rounding: Rounding::HalfEven,
        }
    }
}

/// Rows left out of an aggregation, and why. Nothing is dropped silently.
///
/// ```
/// let left = remitcost::LeftOut::default();
/// assert_eq!((left.non_transparent, left.unpriced), (0, 0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LeftOut {
    /// Rows with `transparent = no` (left out unless `include_non_transparent`).
    pub non_transparent: usize,
    /// Rows with no price at the chosen amount (no `cc2` block for USD 500, say).
    pub unpriced: usize,
}

impl LeftOut {
    /// The price `obs` counts with under `options`, or `None` with the reason tallied here:
    /// no price at the chosen amount, or not transparent while those are left out.
    pub(crate) fn price_of<'o>(
        &mut self,
        obs: &'o Observation,
        options: &AggregateOptions,
    ) -> Option<&'o Price> {
        let Some(price) = obs.price(options.amount) else {
            self.unpriced = self.unpriced.saturating_add(1);
            return None;
        };
        if !obs.transparent && !options.include_non_transparent {
            self.non_transparent = self.non_transparent.saturating_add(1);
            return None;
        }
        Some(price)
    }
}
