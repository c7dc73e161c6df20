//! `rank_offers` and its `Ranking` (core's `rank` module).

use crate::decimal::{self, Dec};
use crate::fields::wrapper;
use crate::fx::Rate;
use crate::quote::{cost_decimals, Cost, CostOptions, Offer};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;

/// The decimal keys of a ranked offer's savings.
const SAVINGS_DECIMALS: [&str; 2] = ["vs_dearest", "vs_mean"];

/// The decimal keys of a ranked offer: its cost's, its savings', its rates' `value`.
fn ranked_decimals() -> Vec<&'static str> {
    let mut keys = cost_decimals().to_vec();
    keys.extend(SAVINGS_DECIMALS);
    keys.push("value");
    keys
}

/// One offer's place in a `Ranking`: `rank` (1 for the cheapest; equal costs share a rank),
/// `index` (position in the list given), the offer's labels and its `cost`.
#[pyclass(module = "remitcost", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct Ranked(pub remitcost::Ranked);

wrapper!(Ranked {
    /// 1 for the cheapest; offers that cost the same share a rank.
    rank: usize,
    /// The offer's position in the list given.
    index: usize,
    /// The offer's provider label.
    provider: Option<String>,
    /// The offer's provider type label.
    firm_type: Option<String>,
    /// The offer's speed label.
    speed: Option<String>,
    /// How the sender pays.
    funding: Option<String>,
    /// How the recipient is paid.
    payout: Option<String>,
    /// The rate offered, send → receive.
    offered_rate: Option<Rate> => |v| v.offered_rate.map(Rate),
    /// The reference (mid-market) rate, send → receive.
    mid_rate: Option<Rate> => |v| v.mid_rate.map(Rate),
    /// When the offer's prices were collected (seconds since the epoch).
    collected_at: Option<i64>,
    /// The quote's age in seconds at the ranking's `now`.
    quote_age: Option<i64>,
    /// What the transfer costs under the offer.
    cost: Cost => |v| Cost(v.cost.clone()),
}
/// Every field, the cost and savings as dicts with `Decimal` values.
to_dict(&ranked_decimals()));

#[pymethods]
impl Ranked {
    /// The speed label's category (`less_than_one_hour` … `more_than_five_days`), if any.
    #[getter]
    fn speed_category<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal::to_py(py, &self.0.speed_category, &[])
    }
    /// What choosing it saves: `{"currency", "vs_dearest", "vs_mean"}`, amounts as `Decimal`.
    #[getter]
    fn savings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal::to_py(py, &self.0.savings, &SAVINGS_DECIMALS)
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

wrapper!(Excluded {
    /// The offer's position in the list given.
    index: usize,
    /// The offer's provider label.
    provider: Option<String>,
    /// The error's stable code (`amount_out_of_range`, `unreachable_target`, …).
    code: String,
    /// The error's message.
    message: String,
}
/// Every field.
to_dict(&[]));

#[pymethods]
impl Excluded {
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

wrapper!(Ranking {
    /// Priced offers, cheapest first.
    ranked: Vec<Ranked> => |v| v.ranked.iter().cloned().map(Ranked).collect(),
    /// Offers that could not be priced.
    excluded: Vec<Excluded> => |v| v.excluded.iter().cloned().map(Excluded).collect(),
    /// The positions of the offers the `choices` filters left out.
    filtered: Vec<usize>,
}
/// `{"ranked": [...], "excluded": [...], "filtered": [...]}`, decimals as `Decimal`.
to_dict(&ranked_decimals()));

#[pymethods]
impl Ranking {
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
/// recipient gets), `receive` (every offer delivers at least this amount; ranked by what
/// the sender pays) or `total` (the sender pays at most this in all; ranked by what the
/// recipient gets). `choices` (a dict or JSON str, core's `RankOptions`): `payout`,
/// `funding`, `max_speed` filters, `order` (`cheapest`, `total_cost`, `received`, `speed`)
/// and `now` (for each quote's age). Offers outside the first offer's corridor, or that cannot be priced, are
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
#[pyo3(signature = (offers, *, send = None, receive = None, total = None, options = None, choices = None))]
pub fn rank_offers(
    py: Python<'_>,
    offers: &Bound<'_, PyAny>,
    send: Option<Dec>,
    receive: Option<Dec>,
    total: Option<Dec>,
    options: Option<&Bound<'_, PyAny>>,
    choices: Option<&Bound<'_, PyAny>>,
) -> PyResult<Ranking> {
    let target = match (send, receive, total) {
        (Some(a), None, None) => remitcost::Target::Send(a.0),
        (None, Some(a), None) => remitcost::Target::Receive(a.0),
        (None, None, Some(a)) => remitcost::Target::Total(a.0),
        _ => {
            return Err(PyTypeError::new_err(
                "rank_offers() takes exactly one of send=, receive= or total=",
            ))
        }
    };
    let choices: remitcost::RankOptions = match choices {
        Some(c) if !c.is_none() => decimal::from_py(c)?,
        _ => remitcost::RankOptions::default(),
    };
    let offers = offers
        .try_iter()?
        .map(|o| Offer::extract(&o?))
        .collect::<PyResult<Vec<_>>>()?;
    let options = CostOptions::extract(options)?;
    Ok(Ranking(py.detach(|| {
        remitcost::rank_offers_with(&offers, target, &options, &choices)
    })))
}
