//! `Offer`, `CostOptions`, `Quote`, `Cost` (core's `quote` module), and the batch pricing of
//! a column of amounts against many offers.

use crate::currency::Currency;
use crate::decimal::{self, Dec};
use crate::error::Result;
use crate::fee::FeeSchedule;
use crate::fields::wrapper;
use crate::fx::Rate;
use crate::money::Rounding;
use pyo3::prelude::*;
use pyo3::types::PyDict;

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

wrapper!(Offer {
    /// The provider's name, if given.
    provider: Option<String>,
    /// The provider type, if given.
    firm_type: Option<String>,
    /// The speed as the provider states it, if given.
    speed: Option<String>,
    /// How the sender pays, if given.
    funding: Option<String>,
    /// How the recipient is paid, if given.
    payout: Option<String>,
    /// The currency the sender pays in.
    send_currency: Currency,
    /// The currency the recipient is paid in.
    receive_currency: Currency,
    /// The fee schedule.
    schedule: FeeSchedule => |v| FeeSchedule(v.schedule.clone()),
    /// The rate the provider offers, if given.
    offered_rate: Option<Rate> => |v| v.offered_rate.map(Rate),
    /// The reference (mid-market) rate, if given.
    mid_rate: Option<Rate> => |v| v.mid_rate.map(Rate),
    /// When the prices were collected, in seconds since 1970-01-01T00:00:00Z, if given.
    collected_at: Option<i64>,
}
/// The JSON form, decimals as `Decimal`.
to_dict(OFFER_DECIMALS));

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

wrapper!(Cost {
    /// The send currency.
    send_currency: Currency,
    /// The receive currency.
    receive_currency: Currency,
    /// The amount sent.
    send_amount: Dec,
    /// The provider's transfer fee (parts, then minimum and maximum).
    transfer_fee: Dec,
    /// Taxes charged to the sender.
    tax: Dec,
    /// The receiving fee converted at the reference rate (0 when not included).
    receiving_fee: Dec,
    /// Everything charged: transfer fee + tax + receiving fee (when included).
    fee: Dec,
    /// What the sender pays.
    total_paid: Dec,
    /// The amount that is exchanged.
    amount_exchanged: Dec,
    /// `(mid − offered) / mid × 100`; negative when the offer beats the reference.
    fx_margin_pct: Dec,
    /// Money lost in the exchange.
    fx_cost: Dec,
    /// `fee + fx_cost`.
    total_cost: Dec,
    /// `total_cost / send_amount × 100`.
    total_cost_pct: Dec,
    /// What the recipient gets, in the receive currency.
    recipient_gets: Dec,
    /// Receive-currency units per send-currency unit paid, to 6 places.
    effective_rate: Dec,
}
/// Every field, decimals as `Decimal`, currencies as codes.
to_dict(&cost_decimals()));

#[pymethods]
impl Cost {
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

/// One column per decimal figure of a `Cost` (core's `Cost::FIGURES`) as integers at the
/// column's scale (the largest of the rows' offers: 2 for EUR beside 0 for XOF), made once
/// at full length and filled in place: the figures of `cost_table` and of the Arrow batch call
/// (`cost_columns`).
pub(crate) struct Figures {
    scales: [u32; 13],
    columns: [Vec<i128>; 13],
    valid: Vec<bool>,
}

/// A run of rows of [`Figures`], written by one thread.
pub(crate) struct FigureRows<'a> {
    scales: [u32; 13],
    columns: [&'a mut [i128]; 13],
    valid: &'a mut [bool],
}

impl Figures {
    /// `rows` null rows, each column at the largest of its scales in `scales` (one
    /// `Pricer::scales` per offer).
    pub(crate) fn new(scales: impl Iterator<Item = [u32; 13]>, rows: usize) -> Self {
        let mut largest = [0u32; 13];
        for own in scales {
            for (s, o) in largest.iter_mut().zip(own) {
                *s = (*s).max(o);
            }
        }
        Figures {
            scales: largest,
            columns: std::array::from_fn(|_| vec![0; rows]),
            valid: vec![false; rows],
        }
    }

    /// All the rows, to fill.
    pub(crate) fn rows(&mut self) -> FigureRows<'_> {
        FigureRows {
            scales: self.scales,
            columns: self.columns.each_mut().map(|c| c.as_mut_slice()),
            valid: &mut self.valid,
        }
    }

    /// The table with these columns added, under the figures' names.
    pub(crate) fn add_to(self, mut table: remitcost::arrow::Builder) -> remitcost::arrow::Builder {
        for (((name, _), values), scale) in remitcost::Cost::FIGURES
            .iter()
            .zip(self.columns)
            .zip(self.scales)
        {
            let valid = self.valid.clone();
            table = table.col(
                name,
                remitcost::arrow::Values::Scaled {
                    scale,
                    values,
                    valid,
                },
            );
        }
        table
    }
}

impl<'a> FigureRows<'a> {
    /// The factors that bring a pricer's figures (at `own` scales) to the columns' scales.
    pub(crate) fn factors(&self, own: [u32; 13]) -> [i128; 13] {
        std::array::from_fn(|i| 10i128.pow(self.scales[i].saturating_sub(own[i])))
    }

    /// Row `row`: a priced row's figures (times `factors`), or a null row. `false` if a
    /// figure does not fit 38 digits at its column's scale (the row is left null).
    pub(crate) fn set(
        &mut self,
        row: usize,
        figures: Option<&[i128; 13]>,
        factors: &[i128; 13],
    ) -> bool {
        let Some(figures) = figures else {
            return true;
        };
        let mut scaled = [0i128; 13];
        for ((to, v), f) in scaled.iter_mut().zip(figures).zip(factors) {
            match v.checked_mul(*f) {
                Some(v) => *to = v,
                None => return false,
            }
        }
        for (column, v) in self.columns.iter_mut().zip(scaled) {
            if let Some(cell) = column.get_mut(row) {
                *cell = v;
            }
        }
        if let Some(ok) = self.valid.get_mut(row) {
            *ok = true;
        }
        true
    }
}

/// Prices a whole column of amounts against many offers in one call, without a Python loop:
/// every amount under every offer (rows ordered by offer, then amount), computed with the GIL
/// released. `amounts` is a list, any Arrow array (a pyarrow array, a polars Series, … read
/// through the Arrow PyCapsule interface without a copy), a pandas Series or a numpy array.
/// A transfer that cannot be priced (outside the schedule's limits, a bad rate, …) gives a
/// row with its `error` code and null figures instead of failing the batch.
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
    Ok(py
        .detach(|| remitcost::arrow::cost_table(&offers, &amounts, &options))
        .into())
}
