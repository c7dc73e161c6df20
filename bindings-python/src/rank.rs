//! `rank_offers` and its `Ranking` (core's `rank` module).

use crate::decimal::{self, Dec};
use crate::quote::{cost_decimals, Cost, CostOptions, Offer};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;

/// One offer's place in a `Ranking`: `rank` (1 for the cheapest; equal costs share a rank),
/// `index` (position in the list given), the offer's labels and its `cost`.
#[pyclass(module = "remitcost", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct Ranked(pub remitcost::Ranked);

#[pymethods]
impl Ranked {
    /// 1 for the cheapest; offers that cost the same share a rank.
    #[getter]
    fn rank(&self) -> usize {
        self.0.rank
    }
    /// The offer's position in the list given.
    #[getter]
    fn index(&self) -> usize {
        self.0.index
    }
    /// The offer's provider label.
    #[getter]
    fn provider(&self) -> Option<String> {
        self.0.provider.clone()
    }
    /// The offer's provider type label.
    #[getter]
    fn firm_type(&self) -> Option<String> {
        self.0.firm_type.clone()
    }
    /// The offer's speed label.
    #[getter]
    fn speed(&self) -> Option<String> {
        self.0.speed.clone()
    }
    /// What the transfer costs under the offer.
    #[getter]
    fn cost(&self) -> Cost {
        Cost(self.0.cost.clone())
    }
    /// Every field, the cost as a dict with `Decimal` values.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal::to_py(py, &self.0, &cost_decimals())
    }
    fn __repr__(&self) -> String {
        format!(
            "Ranked(rank={}, provider={:?}, total_cost_pct=Decimal('{}'), total_paid=Decimal('{}'))",
            self.0.rank,
            self.0.provider.as_deref().unwrap_or(""),
            self.0.cost.total_cost_pct,
            self.0.cost.total_paid
        )
    }
}

/// An offer that could not be priced for the target: `index`, `provider`, and the error's
/// `code` and `message`.
#[pyclass(module = "remitcost", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct Excluded(pub remitcost::Excluded);

#[pymethods]
impl Excluded {
    /// The offer's position in the list given.
    #[getter]
    fn index(&self) -> usize {
        self.0.index
    }
    /// The offer's provider label.
    #[getter]
    fn provider(&self) -> Option<String> {
        self.0.provider.clone()
    }
    /// The error's stable code (`amount_out_of_range`, `unreachable_target`, …).
    #[getter]
    fn code(&self) -> String {
        self.0.code.clone()
    }
    /// The error's message.
    #[getter]
    fn message(&self) -> String {
        self.0.message.clone()
    }
    /// Every field.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal::to_py(py, &self.0, &[])
    }
    fn __repr__(&self) -> String {
        format!(
            "Excluded(index={}, provider={:?}, code='{}')",
            self.0.index,
            self.0.provider.as_deref().unwrap_or(""),
            self.0.code
        )
    }
}

/// Offers ranked cheapest first (`ranked`), and those left out with the reason (`excluded`).
#[pyclass(module = "remitcost", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct Ranking(pub remitcost::Ranking);

#[pymethods]
impl Ranking {
    /// Priced offers, cheapest first.
    #[getter]
    fn ranked(&self) -> Vec<Ranked> {
        self.0.ranked.iter().cloned().map(Ranked).collect()
    }
    /// Offers that could not be priced.
    #[getter]
    fn excluded(&self) -> Vec<Excluded> {
        self.0.excluded.iter().cloned().map(Excluded).collect()
    }
    /// `{"ranked": [...], "excluded": [...]}`, decimals as `Decimal`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal::to_py(py, &self.0, &cost_decimals())
    }
    fn __len__(&self) -> usize {
        self.0.ranked.len()
    }
    fn __repr__(&self) -> String {
        let names: Vec<String> = self
            .0
            .ranked
            .iter()
            .map(|r| format!("{}. {}", r.rank, r.provider.as_deref().unwrap_or("?")))
            .collect();
        format!(
            "Ranking([{}], excluded={})",
            names.join(", "),
            self.0.excluded.len()
        )
    }
}

/// Prices every offer for the same target and ranks them, cheapest first. Give exactly one
/// of `send` (every offer sends this amount; ranked by `total_cost_pct`, then by what the
/// recipient gets) or `receive` (every offer delivers at least this amount; ranked by what
/// the sender pays). Offers outside the first offer's corridor, or that cannot be priced, are
/// listed in `excluded` with the error's code instead of failing the ranking.
///
/// >>> offer = lambda name, fee, rate: Offer(provider=name, send_currency="GBP",
/// ...     receive_currency="INR", schedule={"parts": [{"fixed": fee}]},
/// ...     offered_rate={"base": "GBP", "quote": "INR", "value": rate},
/// ...     mid_rate={"base": "GBP", "quote": "INR", "value": 105})
/// >>> ranking = rank_offers([offer("Bank", 10, 101), offer("App", "0.99", "104.2")], send=120)
/// >>> [(r.rank, r.provider, r.cost.total_cost_pct) for r in ranking.ranked]
/// [(1, 'App', Decimal('1.5869')), (2, 'Bank', Decimal('12.1429'))]
#[pyfunction]
#[pyo3(signature = (offers, *, send = None, receive = None, options = None))]
pub fn rank_offers(
    py: Python<'_>,
    offers: &Bound<'_, PyAny>,
    send: Option<Dec>,
    receive: Option<Dec>,
    options: Option<&Bound<'_, PyAny>>,
) -> PyResult<Ranking> {
    let target = match (send, receive) {
        (Some(a), None) => remitcost::Target::Send(a.0),
        (None, Some(a)) => remitcost::Target::Receive(a.0),
        _ => {
            return Err(PyTypeError::new_err(
                "rank_offers() takes exactly one of send= or receive=",
            ))
        }
    };
    let offers = offers
        .try_iter()?
        .map(|o| Offer::extract(&o?))
        .collect::<PyResult<Vec<_>>>()?;
    let options = CostOptions::extract(options)?;
    Ok(Ranking(py.detach(|| {
        remitcost::rank_offers(&offers, target, &options)
    })))
}
