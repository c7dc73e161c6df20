//! Pricing many amounts under one offer: what does not depend on the amount (checking the
//! schedule, turning the rates send → receive, the tax rates, the exchange margin, the
//! receiving fee in the send currency) is worked out once, so each amount pays only for its
//! own arithmetic. [`Offer::cost`] goes through the same code, so both give the same results
//! and the same errors, in the same order.

use crate::error::{Error, Result};
use crate::kernel::{cost_of, scales, Block, CostColumns, Figures, Kernel};
use crate::quote::{Cost, CostOptions, Offer};
use rust_decimal::Decimal;
use std::borrow::Cow;

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
    offer: Cow<'a, Offer>,
    options: CostOptions,
    ready: Result<Ready>,
}

/// The per-offer work: the offer checked, and its kernel plans.
#[derive(Debug, Clone)]
struct Ready {
    kernel: Kernel,
}

impl Ready {
    fn new(offer: &Offer, options: &CostOptions) -> Result<Ready> {
        offer.rates()?;
        offer.check_fresh(options)?;
        Ok(Ready {
            kernel: Kernel::new(offer, options),
        })
    }
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
        Pricer {
            ready: Ready::new(offer, options),
            offer: Cow::Borrowed(offer),
            options: *options,
        }
    }

    /// [`Pricer::new`] keeping the offer itself: a pricer that can be stored (a binding's
    /// prepared offer), with the same results.
    ///
    /// ```
    /// use remitcost::{CostOptions, Decimal, Offer, Pricer};
    /// let offer: Offer = serde_json::from_str(r#"{"send_currency": "EUR",
    ///   "receive_currency": "EUR", "schedule": {"parts": [{"fixed": "1"}]}}"#).unwrap();
    /// let options = CostOptions::default();
    /// let pricer: Pricer<'static> = Pricer::owned(offer.clone(), &options);
    /// assert_eq!(pricer.offer(), &offer);
    /// assert_eq!(pricer.options(), &options);
    /// let amount = Decimal::from(100);
    /// assert_eq!(pricer.cost(amount), Pricer::new(&offer, &options).cost(amount));
    /// ```
    pub fn owned(offer: Offer, options: &CostOptions) -> Pricer<'static> {
        Pricer {
            ready: Ready::new(&offer, options),
            offer: Cow::Owned(offer),
            options: *options,
        }
    }

    /// The offer priced.
    pub fn offer(&self) -> &Offer {
        &self.offer
    }

    /// The options it prices under.
    pub fn options(&self) -> &CostOptions {
        &self.options
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
        self.figures(amount).map(|f| cost_of(&self.offer, &f))
    }

    /// The figures of [`Pricer::cost`] as integers, in the order of [`Cost::FIGURES`], each at
    /// its scale in [`Pricer::scales`] (money at its currency's minor units, percentages at 4
    /// places, the effective rate at 6): what a batch writes into columns, no decimal built.
    ///
    /// ```
    /// use remitcost::{CostOptions, Decimal, Offer, Pricer};
    /// let offer: Offer = serde_json::from_str(r#"{"send_currency": "EUR",
    ///   "receive_currency": "EUR", "schedule": {"parts": [{"fixed": "1"}, {"pct": "0.5"}]}}"#).unwrap();
    /// let pricer = Pricer::new(&offer, &CostOptions::default());
    /// let figures = pricer.figures(Decimal::from(100)).unwrap();
    /// assert_eq!((figures[4], pricer.scales()[4]), (150, 2)); // fee 1.50
    /// ```
    pub fn figures(&self, amount: Decimal) -> Result<Figures> {
        // Most amounts: at minor units, within the schedule's limits and the offer's bound,
        // priced with no check per operation (the same figures; see `kernel::fast`).
        if let Some(figures) = self.ready.as_ref().ok().and_then(|r| r.kernel.fast(amount)) {
            return Ok(figures);
        }
        if amount <= Decimal::ZERO {
            return Err(Error::InvalidAmount(format!(
                "{amount}: the amount sent must be positive"
            )));
        }
        let ready = match &self.ready {
            Ok(ready) => ready,
            Err(e) => return Err(e.clone()),
        };
        let offer = &*self.offer;
        offer.schedule.check_amount(amount)?;
        ready.kernel.figures(offer, &self.options, amount)
    }

    /// The figures of an amount of `minor` minor units of the send currency on the kernel's
    /// fast path, or `None` where it does not apply (then [`Pricer::figures`] prices it, or
    /// says why not): where both give figures they are the same. Batches match on this
    /// `Option` and take the figures by reference, without a copy into a `Result`.
    #[inline]
    pub(crate) fn fast_minor(&self, minor: i128) -> Option<Figures> {
        self.ready.as_ref().ok()?.kernel.fast_minor(minor)
    }

    /// [`Pricer::figures`] of an amount given in the send currency's minor units (`12050` is
    /// 120.50 EUR; `1` is 1 JPY): the same result (or error) as
    /// `figures(Decimal::new(amount_minor, minor_units))`, without building the decimal when
    /// the amount takes the fast path.
    ///
    /// ```
    /// use remitcost::{CostOptions, Decimal, Offer, Pricer};
    /// let offer: Offer = serde_json::from_str(r#"{"send_currency": "EUR",
    ///   "receive_currency": "EUR", "schedule": {"parts": [{"fixed": "1"}, {"pct": "0.5"}]}}"#).unwrap();
    /// let pricer = Pricer::new(&offer, &CostOptions::default());
    /// assert_eq!(pricer.figures_minor(10_000).unwrap(), pricer.figures(Decimal::from(100)).unwrap());
    /// assert_eq!(pricer.figures_minor(0).unwrap_err().code(), "invalid_amount");
    /// ```
    pub fn figures_minor(&self, amount_minor: i64) -> Result<Figures> {
        if let Some(figures) = self.fast_minor(i128::from(amount_minor)) {
            return Ok(figures);
        }
        self.figures(Decimal::new(amount_minor, self.minor_units()))
    }

    /// The send currency's minor units: the scale of the amounts of
    /// [`Pricer::figures_minor`] and [`Pricer::price_column`].
    pub fn minor_units(&self) -> u32 {
        self.offer.send_currency.minor_units()
    }

    /// The scale of each of [`Pricer::figures`].
    pub fn scales(&self) -> [u32; 13] {
        scales(
            self.offer.send_currency.minor_units(),
            self.offer.receive_currency.minor_units(),
        )
    }

    /// Prices a column of amounts into columns of figures (see [`CostColumns`]): the same
    /// results as [`Pricer::cost`] amount by amount.
    ///
    /// ```
    /// use remitcost::{CostOptions, Decimal, Offer, Pricer};
    /// let offer: Offer = serde_json::from_str(r#"{"send_currency": "EUR",
    ///   "receive_currency": "EUR", "schedule": {"parts": [{"fixed": "2"}]}}"#).unwrap();
    /// let pricer = Pricer::new(&offer, &CostOptions::default());
    /// let columns = pricer.cost_columns(&[Decimal::from(100), Decimal::from(-1)]);
    /// assert_eq!(columns.decimal(10, 0).unwrap().to_string(), "2.0000");
    /// assert_eq!(columns.errors[1].as_ref().unwrap().code(), "invalid_amount");
    /// ```
    pub fn cost_columns(&self, amounts: &[Decimal]) -> CostColumns {
        let mut columns = CostColumns::new(self.scales(), amounts.len());
        for (row, amount) in amounts.iter().enumerate() {
            columns.set(row, self.figures(*amount));
        }
        columns
    }

    /// The columnar entry: prices a column of amounts given in the send currency's minor
    /// units (see [`Pricer::minor_units`]) into `out`, which is cleared and refilled (its
    /// vectors' memory reused): `out.scales` are [`Pricer::scales`], `out.figures[f][row]` the
    /// figure `f` (an index into [`Cost::FIGURES`]) of `amounts_minor[row]` as an integer at
    /// `out.scales[f]`, `out.errors[row]` why a row could not be priced (its figures then 0).
    /// Row by row the same results as [`Pricer::figures_minor`] (and so as [`Pricer::cost`]).
    ///
    /// The bounds of the offer's integers were checked once, for its largest amount, when
    /// the pricer was made; an amount within them is priced with no check per operation and
    /// no decimal built, any other (beyond the bound, outside the schedule's limits, not
    /// positive) goes through the exact checked path alone.
    ///
    /// ```
    /// use remitcost::{CostColumns, CostOptions, Offer, Pricer};
    /// let offer: Offer = serde_json::from_str(r#"{"send_currency": "EUR",
    ///   "receive_currency": "XOF", "schedule": {"parts": [{"fixed": "4.90"}]},
    ///   "offered_rate": {"base": "EUR", "quote": "XOF", "value": "645"},
    ///   "mid_rate": {"base": "EUR", "quote": "XOF", "value": "655.957"}}"#).unwrap();
    /// let pricer = Pricer::new(&offer, &CostOptions::default());
    /// let mut out = CostColumns::default();
    /// pricer.price_column(&[20_000, 0], &mut out); // 200.00 EUR, 0.00 EUR
    /// assert_eq!((out.figures[11][0], out.scales[11]), (129_000, 0)); // recipient gets
    /// assert_eq!(out.decimal(10, 0).unwrap().to_string(), "4.1204"); // total cost %
    /// assert_eq!(out.errors[1].as_ref().unwrap().code(), "invalid_amount");
    /// ```
    ///
    /// [`Cost::FIGURES`]: crate::Cost::FIGURES
    pub fn price_column(&self, amounts_minor: &[i64], out: &mut CostColumns) {
        out.reset(self.scales(), amounts_minor.len());
        // Rows are priced a block at a time, then each column takes the block's figures in
        // one copy.
        let mut block = Block::default();
        for (first, amounts) in (0..)
            .step_by(Block::ROWS)
            .zip(amounts_minor.chunks(Block::ROWS))
        {
            for (i, (row, &amount)) in (first..).zip(amounts).enumerate() {
                match self.fast_minor(i128::from(amount)) {
                    Some(figures) => block.set(i, &figures),
                    None => match self.figures(Decimal::new(amount, self.minor_units())) {
                        Ok(figures) => block.set(i, &figures),
                        Err(e) => {
                            block.set(i, &[0; 13]);
                            if let Some(cell) = out.errors.get_mut(row) {
                                *cell = Some(e);
                            }
                        }
                    },
                }
            }
            out.extend(&block, amounts.len());
        }
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
