//! `FeeSchedule` and `Charges` (core's `fee` module). A schedule is JSON-shaped data: its
//! keyword arguments, `from_dict` and `to_dict` use core's JSON field names.

use crate::decimal::{self, Dec};
use crate::error::Result;
use crate::fields::wrapper;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// The JSON keys of a schedule (and of anything holding one) whose values are decimals.
pub const SCHEDULE_DECIMALS: &[&str] = &[
    "from",
    "to",
    "fixed",
    "pct",
    "min_fee",
    "max_fee",
    "receiving_fee",
    "min_amount",
    "max_amount",
    "payout_unit",
    "rate_up_to",
    "value",
];

/// A provider's fee schedule for one service, in the send currency (the receiving fee in the
/// receive currency): fee parts (`fixed + amount × pct / 100`) in amount bands `[from, to)`,
/// `min_fee` / `max_fee` on the transfer fee, `receiving_fee`, `taxes` (on the fee or the
/// amount, optionally `only_funding` one method), `charging` (`"on_top"` or `"deducted"`),
/// `min_amount` / `max_amount`. Keyword arguments are the JSON fields (decimals as
/// `Decimal`, `int`, `str` or `float`); a field that does not fit raises `RemitError` with
/// code `invalid_json`.
///
/// >>> tiered = FeeSchedule(parts=[{"to": 100, "fixed": "3.00"},
/// ...                             {"from": 100, "to": 500, "fixed": "5.00"},
/// ...                             {"from": 500, "pct": 1}])
/// >>> tiered.fee(99).transfer_fee, tiered.fee(100).transfer_fee, tiered.fee(800).transfer_fee == 8
/// (Decimal('3.00'), Decimal('5.00'), True)
#[pyclass(module = "remitcost", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct FeeSchedule(pub remitcost::FeeSchedule);

wrapper!(FeeSchedule {}
/// The JSON form, decimals as `Decimal`.
to_dict(SCHEDULE_DECIMALS) and __repr__);

#[pymethods]
impl FeeSchedule {
    #[new]
    #[pyo3(signature = (**fields))]
    fn new(fields: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        match fields {
            Some(f) => decimal::from_py(f.as_any()).map(FeeSchedule),
            None => Ok(FeeSchedule(remitcost::FeeSchedule::default())),
        }
    }

    /// A schedule from its JSON form: a `dict`, or a JSON document as `str`.
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        decimal::from_py(data).map(FeeSchedule)
    }

    /// Checks the schedule (bands, signs, limits); `invalid_schedule` if it cannot be applied.
    fn validate(&self) -> Result<()> {
        Ok(self.0.validate()?)
    }

    /// The transfer fee and taxes for sending `amount` funded by `funding` (exact, unrounded).
    #[pyo3(signature = (amount, funding = None))]
    fn fee(&self, amount: Dec, funding: Option<&str>) -> Result<Charges> {
        Ok(Charges(self.0.fee(amount.0, funding)?))
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
}

/// The sender's charges for one amount, exact (unrounded), in the send currency.
#[pyclass(module = "remitcost", frozen, eq)]
#[derive(Clone, Copy, PartialEq)]
pub struct Charges(pub remitcost::Charges);

wrapper!(Charges {
    /// The transfer fee: the parts, held between the minimum and maximum.
    transfer_fee: Dec,
    /// Taxes on the fee and on the amount.
    tax: Dec,
});

#[pymethods]
impl Charges {
    /// Transfer fee plus taxes.
    fn total(&self) -> Result<Dec> {
        Ok(Dec(self.0.total()?))
    }

    /// `{"transfer_fee": Decimal, "tax": Decimal}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("transfer_fee", Dec(self.0.transfer_fee))?;
        d.set_item("tax", Dec(self.0.tax))?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "Charges(transfer_fee=Decimal('{}'), tax=Decimal('{}'))",
            self.0.transfer_fee, self.0.tax
        )
    }
}
