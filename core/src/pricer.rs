//! Pricing many amounts under one offer: what does not depend on the amount (checking the
//! schedule, turning the rates send → receive, the tax rates, the exchange margin, the
//! receiving fee in the send currency) is worked out once, so each amount pays only for its
//! own arithmetic. [`Offer::cost`] goes through the same code, so both give the same results
//! and the same errors, in the same order.

use crate::error::{Error, Result};
use crate::quote::{Cost, CostOptions, Offer, Rates};
use rust_decimal::Decimal;

/// An offer made ready to price any number of amounts under one set of options.
///
/// ```
/// use remitcost::{CostOptions, Decimal, Offer, Pricer};
/// let offer: Offer = serde_json::from_str(r#"{
///   "send_currency": "EUR", "receive_currency": "XOF",
///   "schedule": {"parts": [{"fixed": "4.90"}]},
///   "offered_rate": {"base": "EUR", "quote": "XOF", "value": "645.00"},
///   "mid_rate": {"base": "EUR", "quote": "XOF", "value": "655.957"}
/// }"#).unwrap();
/// let options = CostOptions::default();
/// let pricer = Pricer::new(&offer, &options);
/// let cost = pricer.cost(Decimal::from(200)).unwrap();
/// assert_eq!(cost.total_cost_pct.to_string(), "4.1204");
/// assert_eq!(cost, offer.cost(Decimal::from(200), &options).unwrap());
/// assert_eq!(pricer.cost(Decimal::ZERO).unwrap_err().code(), "invalid_amount");
/// ```
#[derive(Debug, Clone)]
pub struct Pricer<'a> {
    offer: &'a Offer,
    options: CostOptions,
    ready: Result<Ready>,
}

/// The per-offer work, each part kept with its error so that it is raised where a one-off
/// pricing would raise it.
#[derive(Debug, Clone)]
struct Ready {
    rates: Rates,
    waived: bool,
    tax_rates: Result<(Decimal, Decimal)>,
    receiving_fee: Result<Decimal>,
    /// The exchange margin when it does not depend on the amount (no promotional rate).
    margin_pct: Option<Result<Decimal>>,
}

impl<'a> Pricer<'a> {
    /// Checks `offer` and works out everything in its pricing that does not depend on the
    /// amount. A bad offer is not an error here: each [`Pricer::cost`] returns it, as
    /// [`Offer::cost`] would.
    ///
    /// ```
    /// use remitcost::{CostOptions, Decimal, Offer, Pricer};
    /// let offer: Offer = serde_json::from_str(r#"{"send_currency": "USD",
    ///   "receive_currency": "MXN", "schedule": {"parts": [{"fixed": "5"}]}}"#).unwrap();
    /// let pricer = Pricer::new(&offer, &CostOptions::default());
    /// assert_eq!(pricer.cost(Decimal::from(100)).unwrap_err().code(), "invalid_rate");
    /// ```
    pub fn new(offer: &'a Offer, options: &CostOptions) -> Pricer<'a> {
        let ready = offer.rates().and_then(|rates| {
            offer.check_fresh(options)?;
            Ok(Ready {
                rates,
                waived: offer.fee_waived(options),
                tax_rates: offer.schedule.tax_rates(offer.funding.as_deref()),
                receiving_fee: offer.receiving_fee_sent(&rates, options),
                margin_pct: rates
                    .promo
                    .is_none()
                    .then(|| rates.margin_pct(Decimal::ONE)),
            })
        });
        Pricer {
            offer,
            options: *options,
            ready,
        }
    }

    /// What sending `amount` costs: the same result (or error) as
    /// [`Offer::cost`]`(amount, options)`.
    ///
    /// ```
    /// use remitcost::{CostOptions, Decimal, Offer, Pricer};
    /// let offer: Offer = serde_json::from_str(r#"{"send_currency": "EUR",
    ///   "receive_currency": "EUR", "schedule": {"parts": [{"fixed": "1"}, {"pct": "0.5"}]}}"#).unwrap();
    /// let pricer = Pricer::new(&offer, &CostOptions::default());
    /// let fees: Vec<String> = [100, 1000]
    ///     .map(|a| pricer.cost(Decimal::from(a)).unwrap().fee.to_string())
    ///     .to_vec();
    /// assert_eq!(fees, ["1.50", "6.00"]);
    /// ```
    pub fn cost(&self, amount: Decimal) -> Result<Cost> {
        if amount <= Decimal::ZERO {
            return Err(Error::InvalidAmount(format!(
                "{amount}: the amount sent must be positive"
            )));
        }
        let ready = match &self.ready {
            Ok(ready) => ready,
            Err(e) => return Err(e.clone()),
        };
        let offer = self.offer;
        offer.schedule.check_amount(amount)?;
        let exact = offer.exact_with(amount, &ready.rates, ready.waived, &ready.tax_rates)?;
        if exact.amount_exchanged <= Decimal::ZERO {
            return Err(Error::InvalidAmount(format!(
                "{amount}: the deducted fee and taxes take all of it"
            )));
        }
        if exact.recipient_gets <= Decimal::ZERO {
            return Err(Error::InvalidAmount(format!(
                "{amount}: the receiving fee takes all of it"
            )));
        }
        offer.report_with(
            amount,
            &exact,
            &ready.rates,
            &self.options,
            &ready.receiving_fee,
            ready.margin_pct.as_ref(),
        )
    }
}

impl Offer {
    /// Prices every amount of `amounts` under this offer, in order: the same results as
    /// [`Offer::cost`] one by one, with the per-offer work done once (see [`Pricer`]).
    ///
    /// ```
    /// use remitcost::{CostOptions, Decimal, Offer};
    /// let offer: Offer = serde_json::from_str(r#"{"send_currency": "EUR",
    ///   "receive_currency": "EUR", "schedule": {"parts": [{"fixed": "2"}]}}"#).unwrap();
    /// let costs = offer.cost_many(&[Decimal::from(100), Decimal::from(-1)], &CostOptions::default());
    /// assert_eq!(costs[0].as_ref().unwrap().total_cost_pct.to_string(), "2.0000");
    /// assert_eq!(costs[1].as_ref().unwrap_err().code(), "invalid_amount");
    /// ```
    pub fn cost_many(&self, amounts: &[Decimal], options: &CostOptions) -> Vec<Result<Cost>> {
        let pricer = Pricer::new(self, options);
        amounts.iter().map(|a| pricer.cost(*a)).collect()
    }
}
