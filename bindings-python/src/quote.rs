//! `Offer`, `CostOptions`, `Quote`, `Cost` (core's `quote` module), and the batch pricing of
//! a column of amounts against many offers.

use crate::currency::Currency;
use crate::decimal::{self, Dec};
use crate::error::Result;
use crate::fee::FeeSchedule;
use crate::fx::Rate;
use crate::money::Rounding;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::sync::Arc;

/// The JSON keys of an offer whose values are decimals (its schedule's and its rates').
const OFFER_DECIMALS: &[&str] = &[
    "from",
    "to",
    "fixed",
    "pct",
    "min_fee",
    "max_fee",
    "receiving_fee",
    "min_amount",
    "max_amount",
    "value",
    "send_amount",
];

/// The JSON keys of a cost whose values are decimals: all but the two currencies (core's
/// `Cost::FIGURES`).
pub fn cost_decimals() -> [&'static str; 13] {
    remitcost::Cost::FIGURES.map(|(name, _)| name)
}

/// One provider's offer in one corridor: `send_currency`, `receive_currency`, a fee
/// `schedule` (a `FeeSchedule` or its dict), the `offered_rate` and the reference `mid_rate`
/// (a `Rate` or its dict, either direction), and labels `provider`, `firm_type`, `speed`,
/// `funding` (which also selects taxes limited to a funding method), `payout`. Keyword arguments are
/// the JSON fields; a field that does not fit raises `RemitError` with code `invalid_json`.
///
/// >>> offer = Offer(send_currency="EUR", receive_currency="XOF",
/// ...               schedule={"parts": [{"fixed": "4.90"}]},
/// ...               offered_rate=Rate(base="EUR", quote="XOF", value=645),
/// ...               mid_rate=Rate(base="EUR", quote="XOF", value="655.957"))
/// >>> offer.cost(200).total_cost_pct
/// Decimal('4.1204')
#[pyclass(module = "remitcost", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct Offer(pub remitcost::Offer);

impl Offer {
    /// An `Offer` or an offer's dict / JSON.
    pub fn extract(obj: &Bound<'_, PyAny>) -> PyResult<remitcost::Offer> {
        match obj.cast::<Offer>() {
            Ok(o) => Ok(o.get().0.clone()),
            Err(_) => decimal::from_py(obj),
        }
    }
}

#[pymethods]
impl Offer {
    #[new]
    #[pyo3(signature = (**fields))]
    fn new(py: Python<'_>, fields: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let empty = PyDict::new(py);
        decimal::from_py(fields.unwrap_or(&empty).as_any()).map(Offer)
    }

    /// An offer from its JSON form: a `dict`, or a JSON document as `str`.
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        decimal::from_py(data).map(Offer)
    }

    /// What sending `send_amount` (in the send currency) costs under this offer.
    ///
    /// Errors (`RemitError.code`): `invalid_amount` for a zero or negative amount,
    /// `amount_out_of_range` outside the schedule's limits, `invalid_schedule`,
    /// `invalid_rate` or `currency_mismatch` for a bad offer.
    #[pyo3(signature = (send_amount, *, options = None))]
    fn cost(&self, send_amount: Dec, options: Option<&Bound<'_, PyAny>>) -> PyResult<Cost> {
        let options = CostOptions::extract(options)?;
        Ok(Cost(
            self.0
                .cost(send_amount.0, &options)
                .map_err(crate::error::Error)?,
        ))
    }

    /// The reverse solve: the smallest amount to send, in the send currency's minor units, so
    /// that the recipient gets at least `receive_amount` (as rounded), and what that costs.
    /// `unreachable_target` when no amount within the schedule's limits delivers it.
    #[pyo3(signature = (receive_amount, *, options = None))]
    fn send_for(&self, receive_amount: Dec, options: Option<&Bound<'_, PyAny>>) -> PyResult<Cost> {
        let options = CostOptions::extract(options)?;
        Ok(Cost(
            self.0
                .send_for(receive_amount.0, &options)
                .map_err(crate::error::Error)?,
        ))
    }

    /// The total-paid solve (the sender's all-in budget): the largest amount to send, in the
    /// send currency's minor units, whose total paid (fees and taxes on top included) is at
    /// most `total_paid`, and what that costs. `unreachable_target` when none fits.
    #[pyo3(signature = (total_paid, *, options = None))]
    fn send_within(&self, total_paid: Dec, options: Option<&Bound<'_, PyAny>>) -> PyResult<Cost> {
        let options = CostOptions::extract(options)?;
        Ok(Cost(
            self.0
                .send_within(total_paid.0, &options)
                .map_err(crate::error::Error)?,
        ))
    }

    /// The provider's name, if given.
    #[getter]
    fn provider(&self) -> Option<String> {
        self.0.provider.clone()
    }

    /// The provider type, if given.
    #[getter]
    fn firm_type(&self) -> Option<String> {
        self.0.firm_type.clone()
    }

    /// The speed as the provider states it, if given.
    #[getter]
    fn speed(&self) -> Option<String> {
        self.0.speed.clone()
    }

    /// How the sender pays, if given.
    #[getter]
    fn funding(&self) -> Option<String> {
        self.0.funding.clone()
    }

    /// How the recipient is paid, if given.
    #[getter]
    fn payout(&self) -> Option<String> {
        self.0.payout.clone()
    }

    /// The currency the sender pays in.
    #[getter]
    fn send_currency(&self) -> Currency {
        Currency(self.0.send_currency)
    }

    /// The currency the recipient is paid in.
    #[getter]
    fn receive_currency(&self) -> Currency {
        Currency(self.0.receive_currency)
    }

    /// The fee schedule.
    #[getter]
    fn schedule(&self) -> FeeSchedule {
        FeeSchedule(self.0.schedule.clone())
    }

    /// The rate the provider offers, if given.
    #[getter]
    fn offered_rate(&self) -> Option<Rate> {
        self.0.offered_rate.map(Rate)
    }

    /// The reference (mid-market) rate, if given.
    #[getter]
    fn mid_rate(&self) -> Option<Rate> {
        self.0.mid_rate.map(Rate)
    }

    /// The promotion (a better rate up to a capped amount, a first-transfer fee waiver) as
    /// its JSON form, if any.
    #[getter]
    fn promotion<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.0
            .promotion
            .as_ref()
            .map(|p| decimal::to_py(py, p, OFFER_DECIMALS))
            .transpose()
    }

    /// When the prices were collected, in seconds since 1970-01-01T00:00:00Z, if given.
    #[getter]
    fn collected_at(&self) -> Option<i64> {
        self.0.collected_at
    }

    /// The JSON form, decimals as `Decimal`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal::to_py(py, &self.0, OFFER_DECIMALS)
    }

    /// The JSON document, decimals as strings.
    fn to_json(&self) -> Result<String> {
        Ok(serde_json::to_string(&self.0).map_err(remitcost::Error::from)?)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let json = serde_json::to_string(&slf.get().0)
            .map_err(|e| crate::error::Error(remitcost::Error::from(e)))?;
        Ok((slf.get_type().getattr("from_dict")?, (json,)))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        decimal::kwargs_repr("Offer", &self.to_dict(py)?)
    }
}

/// Choices for computing a cost: `rounding` (a `Rounding` or its name; default half-even)
/// for every reported figure; `include_receiving_fee` (default `True`: what the transfer
/// really costs; `False` reproduces RPW's published total cost, which leaves out fees charged
/// to the receiver); `first_transfer` (price as the sender's first transfer, for promotions);
/// `oldest_quote` (Unix seconds or an aware `datetime`: older quotes raise `stale_quote`).
///
/// >>> options = CostOptions(rounding=Rounding.DOWN, include_receiving_fee=False)
/// >>> options.rounding, options.include_receiving_fee
/// (Rounding.DOWN, False)
#[pyclass(module = "remitcost", frozen, eq)]
#[derive(Clone, Copy, PartialEq)]
pub struct CostOptions(pub remitcost::CostOptions);

impl CostOptions {
    /// `None` (the defaults), a `CostOptions` or its dict / JSON.
    pub fn extract(obj: Option<&Bound<'_, PyAny>>) -> PyResult<remitcost::CostOptions> {
        match obj {
            None => Ok(remitcost::CostOptions::default()),
            Some(o) if o.is_none() => Ok(remitcost::CostOptions::default()),
            Some(o) => match o.cast::<CostOptions>() {
                Ok(c) => Ok(c.get().0),
                Err(_) => decimal::from_py(o),
            },
        }
    }
}

#[pymethods]
impl CostOptions {
    #[new]
    #[pyo3(signature = (**fields))]
    fn new(fields: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        Ok(CostOptions(CostOptions::extract(
            fields.map(|f| f.as_any()),
        )?))
    }

    /// The rounding rule.
    #[getter]
    fn rounding(&self) -> Rounding {
        self.0.rounding.into()
    }

    /// Whether the receiving fee counts in `fee` and `total_cost`.
    #[getter]
    fn include_receiving_fee(&self) -> bool {
        self.0.include_receiving_fee
    }

    /// Whether the transfer is priced as the sender's first with the provider.
    #[getter]
    fn first_transfer(&self) -> bool {
        self.0.first_transfer
    }

    /// Quotes collected before this time (Unix seconds), or with no collection time, are
    /// refused with `stale_quote`.
    #[getter]
    fn oldest_quote(&self) -> Option<i64> {
        self.0.oldest_quote
    }

    /// The JSON form.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal::to_py(py, &self.0, &[])
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        decimal::kwargs_repr("CostOptions", &self.to_dict(py)?)
    }
}

/// A quote: an offer priced for one amount (`send_amount`, `offer`).
#[pyclass(module = "remitcost", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct Quote(pub remitcost::Quote);

#[pymethods]
impl Quote {
    #[new]
    #[pyo3(signature = (*, send_amount, offer))]
    fn new(send_amount: Dec, offer: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Quote(remitcost::Quote {
            send_amount: send_amount.0,
            offer: Offer::extract(offer)?,
        }))
    }

    /// A quote from its JSON form: a `dict`, or a JSON document as `str`.
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        decimal::from_py(data).map(Quote)
    }

    /// The amount sent.
    #[getter]
    fn send_amount(&self) -> Dec {
        Dec(self.0.send_amount)
    }

    /// The offer it is priced under.
    #[getter]
    fn offer(&self) -> Offer {
        Offer(self.0.offer.clone())
    }

    /// The cost of this quote.
    #[pyo3(signature = (*, options = None))]
    fn cost(&self, options: Option<&Bound<'_, PyAny>>) -> PyResult<Cost> {
        let options = CostOptions::extract(options)?;
        Ok(Cost(self.0.cost(&options).map_err(crate::error::Error)?))
    }

    /// The JSON form, decimals as `Decimal`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal::to_py(py, &self.0, OFFER_DECIMALS)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let json = serde_json::to_string(&slf.get().0)
            .map_err(|e| crate::error::Error(remitcost::Error::from(e)))?;
        Ok((slf.get_type().getattr("from_dict")?, (json,)))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        decimal::kwargs_repr("Quote", &self.to_dict(py)?)
    }
}

/// The cost of one transfer, broken down. Money is rounded to its currency's minor units and
/// percentages to 4 places (the effective rate to 6), each from the exact value. All money
/// but `recipient_gets` is in the send currency.
#[pyclass(module = "remitcost", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct Cost(pub remitcost::Cost);

#[pymethods]
impl Cost {
    /// The send currency.
    #[getter]
    fn send_currency(&self) -> Currency {
        Currency(self.0.send_currency)
    }
    /// The receive currency.
    #[getter]
    fn receive_currency(&self) -> Currency {
        Currency(self.0.receive_currency)
    }
    /// The amount sent.
    #[getter]
    fn send_amount(&self) -> Dec {
        Dec(self.0.send_amount)
    }
    /// The provider's transfer fee (parts, then minimum and maximum).
    #[getter]
    fn transfer_fee(&self) -> Dec {
        Dec(self.0.transfer_fee)
    }
    /// Taxes charged to the sender.
    #[getter]
    fn tax(&self) -> Dec {
        Dec(self.0.tax)
    }
    /// The receiving fee converted at the reference rate (0 when not included).
    #[getter]
    fn receiving_fee(&self) -> Dec {
        Dec(self.0.receiving_fee)
    }
    /// Everything charged: transfer fee + tax + receiving fee (when included).
    #[getter]
    fn fee(&self) -> Dec {
        Dec(self.0.fee)
    }
    /// What the sender pays.
    #[getter]
    fn total_paid(&self) -> Dec {
        Dec(self.0.total_paid)
    }
    /// The amount that is exchanged.
    #[getter]
    fn amount_exchanged(&self) -> Dec {
        Dec(self.0.amount_exchanged)
    }
    /// `(mid − offered) / mid × 100`; negative when the offer beats the reference.
    #[getter]
    fn fx_margin_pct(&self) -> Dec {
        Dec(self.0.fx_margin_pct)
    }
    /// Money lost in the exchange.
    #[getter]
    fn fx_cost(&self) -> Dec {
        Dec(self.0.fx_cost)
    }
    /// `fee + fx_cost`.
    #[getter]
    fn total_cost(&self) -> Dec {
        Dec(self.0.total_cost)
    }
    /// `total_cost / send_amount × 100`.
    #[getter]
    fn total_cost_pct(&self) -> Dec {
        Dec(self.0.total_cost_pct)
    }
    /// What the recipient gets, in the receive currency.
    #[getter]
    fn recipient_gets(&self) -> Dec {
        Dec(self.0.recipient_gets)
    }
    /// Receive-currency units per send-currency unit paid, to 6 places.
    #[getter]
    fn effective_rate(&self) -> Dec {
        Dec(self.0.effective_rate)
    }

    /// Every field, decimals as `Decimal`, currencies as codes.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal::to_py(py, &self.0, &cost_decimals())
    }

    fn __repr__(&self) -> String {
        let c = &self.0;
        format!(
            "Cost({} {} -> {} {}: fee {}, fx cost {}, total {} = {}%)",
            c.send_currency,
            c.send_amount,
            c.receive_currency,
            c.recipient_gets,
            c.fee,
            c.fx_cost,
            c.total_cost,
            c.total_cost_pct
        )
    }
}

/// One column per decimal figure of a `Cost` (core's `Cost::FIGURES`), filled row by row:
/// the figures of `cost_table` and of the Arrow batch call (`cost_columns`).
pub(crate) struct Figures(Vec<Vec<Option<rust_decimal::Decimal>>>);

impl Default for Figures {
    fn default() -> Self {
        Figures::with_capacity(0)
    }
}

impl Figures {
    pub(crate) fn with_capacity(rows: usize) -> Self {
        Figures(
            remitcost::Cost::FIGURES
                .iter()
                .map(|_| Vec::with_capacity(rows))
                .collect(),
        )
    }

    /// One row: the cost's figures, or nulls for a transfer that could not be priced.
    pub(crate) fn push(&mut self, cost: Option<&remitcost::Cost>) {
        for (column, (_, figure)) in self.0.iter_mut().zip(remitcost::Cost::FIGURES) {
            column.push(cost.map(figure));
        }
    }

    fn append(&mut self, more: Figures) {
        for (column, mut rest) in self.0.iter_mut().zip(more.0) {
            column.append(&mut rest);
        }
    }

    /// The table with these columns added, under the figures' names.
    pub(crate) fn add_to(self, mut table: crate::table::Builder) -> crate::table::Builder {
        for ((name, _), column) in remitcost::Cost::FIGURES.iter().zip(self.0) {
            table = table.col(name, crate::table::Values::Dec(column));
        }
        table
    }
}

/// Prices a whole column of amounts against many offers in one call, without a Python loop:
/// every amount under every offer (rows ordered by offer, then amount), computed with the GIL
/// released. `amounts` is a list, a pyarrow array (decimal128 read from its buffers), a pandas
/// or polars Series or a numpy array. A transfer that cannot be priced (outside the
/// schedule's limits, a bad rate, …) gives a row with its `error` code and null figures
/// instead of failing the batch.
///
/// Columns: `offer` (index in `offers`), `provider`, `amount`, then every `Cost` field
/// (`send_currency` … `effective_rate`), then `error`. Convert the result with
/// `.to_pandas()`, `.to_arrow()`, `.to_polars()` or `.to_pylist()`.
///
/// >>> offer = Offer(provider="Example MTO", send_currency="EUR", receive_currency="XOF",
/// ...               schedule={"parts": [{"fixed": "4.90"}], "max_amount": 1000},
/// ...               offered_rate={"base": "EUR", "quote": "XOF", "value": 645},
/// ...               mid_rate={"base": "EUR", "quote": "XOF", "value": "655.957"})
/// >>> table = cost_table([offer], [100, 200, 5000])
/// >>> table.column("total_cost_pct"), table.column("error")
/// ([Decimal('6.5704'), Decimal('4.1204'), None], [None, None, 'amount_out_of_range'])
#[pyfunction]
#[pyo3(signature = (offers, amounts, *, options = None))]
pub fn cost_table(
    py: Python<'_>,
    offers: &Bound<'_, PyAny>,
    amounts: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyAny>>,
) -> PyResult<crate::table::Table> {
    let offers = offers
        .try_iter()?
        .map(|o| Offer::extract(&o?))
        .collect::<PyResult<Vec<_>>>()?;
    let amounts = crate::table::decimals(amounts)?;
    let options = CostOptions::extract(options)?;
    Ok(py.detach(|| {
        // Offers split between the machine's cores (scoped threads, GIL released): each
        // chunk's rows are priced independently and appended in order.
        // (A small table is priced on this thread: a spawn costs more than its rows.)
        let rows = offers.len().saturating_mul(amounts.len());
        let threads = match rows {
            0..20_000 => 1,
            _ => std::thread::available_parallelism().map_or(1, usize::from),
        };
        let per_thread = offers.len().div_ceil(threads).max(1);
        let chunks: Vec<CostRows> = std::thread::scope(|scope| {
            let handles: Vec<_> = offers
                .chunks(per_thread)
                .enumerate()
                .map(|(k, chunk)| {
                    let (amounts, options) = (&amounts, &options);
                    let first = k.saturating_mul(per_thread);
                    // The first chunk has room for every row: the others are appended to it.
                    let room = if k == 0 { rows } else { 0 };
                    scope.spawn(move || CostRows::price(chunk, first, amounts, options, room))
                })
                .collect();
            handles
                .into_iter()
                // Core does not panic (it is fuzzed for that); if it ever did, the panic
                // reaches Python as it would have without threads.
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        // The first chunk's columns grow to hold the others: one copy of the rest only.
        let mut chunks = chunks.into_iter();
        let mut all = chunks.next().unwrap_or_default();
        for chunk in chunks {
            all.append(chunk);
        }
        all.table()
    }))
}

/// The rows of `cost_table`, column by column.
#[derive(Default)]
struct CostRows {
    index: Vec<Option<i64>>,
    provider: Vec<Option<Arc<str>>>,
    amount: Vec<Option<rust_decimal::Decimal>>,
    send_currency: Vec<Option<Arc<str>>>,
    receive_currency: Vec<Option<Arc<str>>>,
    figures: Figures,
    error: Vec<Option<String>>,
}

impl CostRows {
    /// Every amount under each of `offers` (the first at index `first` in the caller's list),
    /// in columns with room for at least `room` rows.
    fn price(
        offers: &[remitcost::Offer],
        first: usize,
        amounts: &[rust_decimal::Decimal],
        options: &remitcost::CostOptions,
        room: usize,
    ) -> CostRows {
        let rows = offers.len().saturating_mul(amounts.len()).max(room);
        let mut out = CostRows {
            index: Vec::with_capacity(rows),
            provider: Vec::with_capacity(rows),
            amount: Vec::with_capacity(rows),
            send_currency: Vec::with_capacity(rows),
            receive_currency: Vec::with_capacity(rows),
            figures: Figures::with_capacity(rows),
            error: Vec::with_capacity(rows),
        };
        for (i, offer) in offers.iter().enumerate() {
            let index = i64::try_from(first.saturating_add(i)).ok();
            let provider: Option<Arc<str>> = offer.provider.as_deref().map(Arc::from);
            let send = Some(Arc::from(offer.send_currency.code()));
            let receive = Some(Arc::from(offer.receive_currency.code()));
            // The per-offer work (checks, rates, taxes, margin) once for all the amounts.
            let pricer = remitcost::Pricer::new(offer, options);
            for a in amounts {
                out.index.push(index);
                out.provider.push(provider.clone());
                out.amount.push(Some(*a));
                out.send_currency.push(send.clone());
                out.receive_currency.push(receive.clone());
                let cost = pricer.cost(*a);
                out.figures.push(cost.as_ref().ok());
                out.error.push(cost.err().map(|e| e.code().to_string()));
            }
        }
        out
    }

    fn append(&mut self, mut more: CostRows) {
        self.index.append(&mut more.index);
        self.provider.append(&mut more.provider);
        self.amount.append(&mut more.amount);
        self.send_currency.append(&mut more.send_currency);
        self.receive_currency.append(&mut more.receive_currency);
        self.figures.append(more.figures);
        self.error.append(&mut more.error);
    }

    fn table(self) -> crate::table::Table {
        use crate::table::{Builder, Values};
        let table = Builder::default()
            .col("offer", Values::Int(self.index))
            .col("provider", Values::Shared(self.provider))
            .col("amount", Values::Dec(self.amount))
            .col("send_currency", Values::Shared(self.send_currency))
            .col("receive_currency", Values::Shared(self.receive_currency));
        self.figures
            .add_to(table)
            .col("error", Values::Str(self.error))
            .build()
    }
}
