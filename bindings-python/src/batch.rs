//! Arrow record batches in, from any Arrow producer through the Arrow PyCapsule interface
//! (pyarrow, polars, duckdb, pandas; Spark's `mapInArrow` and Polars' `map_batches` hand
//! over pyarrow batches), read by core (`remitcost::arrow::Columns`); and the batch pricing
//! of quotes (an offer column and an amount column). Representation only: values are
//! computed by core.

use crate::error::Error;
use crate::table::Table;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3_arrow::input::AnyRecordBatch;
use remitcost::arrow::arrow_array::RecordBatch;
use remitcost::arrow::{Builder, Columns, Values};
use std::collections::HashMap;

/// The columns of an Arrow table, record batch or stream: anything with
/// `__arrow_c_stream__` or `__arrow_c_array__` (a pyarrow `Table` or `RecordBatch`, a polars
/// DataFrame, a duckdb relation, a pandas DataFrame), read whole without a copy.
pub fn columns(data: &Bound<'_, PyAny>) -> PyResult<Columns> {
    if !crate::table::is_arrow(data)? {
        return Err(PyTypeError::new_err(format!(
            "expected Arrow data (a pyarrow Table or RecordBatch, a polars or pandas \
             DataFrame, a duckdb relation: any object with __arrow_c_stream__), got {}",
            data.get_type().name()?
        )));
    }
    let reader = data.extract::<AnyRecordBatch>()?.into_reader()?;
    let batches = reader
        .collect::<Result<Vec<RecordBatch>, _>>()
        .map_err(|e| PyTypeError::new_err(format!("reading Arrow data: {e}")))?;
    Ok(Columns::new(&batches))
}

/// Prices the quotes of Arrow data (anything with `__arrow_c_stream__` or
/// `__arrow_c_array__`: a pyarrow `Table` or `RecordBatch`, a polars DataFrame, a duckdb
/// relation, a pandas DataFrame), one per row: the row's offer (a column of offer JSON
/// documents, each distinct document parsed once) for the row's amount (a decimal column).
/// Returns the cost columns only, aligned with the rows: `send_currency`,
/// `receive_currency`, every `Cost` figure, then `error` (a row whose quote cannot be priced,
/// or whose offer or amount is missing or malformed, gets its error code and null figures).
/// `remitcost.batch.cost_batch` appends them to the batch.
#[pyfunction]
#[pyo3(signature = (batch, *, offer_column = "offer", amount_column = "amount", options = None))]
pub fn cost_columns(
    py: Python<'_>,
    batch: &Bound<'_, PyAny>,
    offer_column: &str,
    amount_column: &str,
    options: Option<&Bound<'_, PyAny>>,
) -> PyResult<Table> {
    let columns = columns(batch)?;
    let read = |name: &str| columns.get(&[name]).map_err(Error);
    let offers = read(offer_column)?.text().map_err(Error)?;
    let amounts = read(amount_column)?.decimals().map_err(Error)?;
    let options = crate::quote::CostOptions::extract(options)?;
    Ok(py.detach(|| {
        let rows = offers.len();
        // Each distinct offer document parsed, and made ready to price (`Pricer`), once.
        let mut slots: HashMap<&str, usize> = HashMap::new();
        let mut distinct: Vec<Result<remitcost::Offer, remitcost::Error>> = Vec::new();
        let row_offers: Vec<Option<usize>> = offers
            .iter()
            .map(|offer| {
                offer.as_deref().map(|text| {
                    *slots.entry(text).or_insert_with(|| {
                        let slot = distinct.len();
                        distinct.push(
                            serde_json::from_str::<remitcost::Offer>(text)
                                .map_err(remitcost::Error::from),
                        );
                        slot
                    })
                })
            })
            .collect();
        let pricers: Vec<Option<remitcost::Pricer>> = distinct
            .iter()
            .map(|o| o.as_ref().ok().map(|o| remitcost::Pricer::new(o, &options)))
            .collect();
        let mut send = Vec::with_capacity(rows);
        let mut receive = Vec::with_capacity(rows);
        let mut error = Vec::with_capacity(rows);
        let mut figures =
            crate::quote::Figures::new(pricers.iter().flatten().map(|p| p.scales()), rows);
        let mut out = figures.rows();
        let factors: Vec<Option<[i128; 13]>> = pricers
            .iter()
            .map(|p| p.as_ref().map(|p| out.factors(p.scales())))
            .collect();
        for (row, (slot, amount)) in row_offers.iter().zip(&amounts).enumerate() {
            let offer = slot.map(|k| &distinct[k]);
            let pricer = slot.and_then(|k| pricers[k].as_ref());
            // The currencies are the offer's, priced or not (as `cost_table` gives them).
            let currencies = offer.and_then(|o| o.as_ref().ok()).map(|o| {
                (
                    o.send_currency.code().to_string(),
                    o.receive_currency.code().to_string(),
                )
            });
            let priced = match (offer, amount) {
                (Some(Ok(_)), Some(amount)) => match pricer {
                    Some(pricer) => pricer.figures(*amount),
                    None => Err(remitcost::Error::InvalidJson("no offer".into())),
                },
                (Some(Err(e)), _) => Err(e.clone()),
                (None, _) => Err(remitcost::Error::InvalidJson("no offer".into())),
                (_, None) => Err(remitcost::Error::InvalidAmount("null".into())),
            };
            send.push(currencies.as_ref().map(|c| c.0.clone()));
            receive.push(currencies.map(|c| c.1));
            let code = match (&priced, slot.and_then(|k| factors[k].as_ref())) {
                (Ok(f), Some(factors)) => (!out.set(row, Some(f), factors)).then_some("overflow"),
                (Ok(_), None) => Some("invalid_json"),
                (Err(e), _) => Some(e.code()),
            };
            error.push(code.map(str::to_string));
        }
        let table = Builder::default()
            .col("send_currency", Values::Str(send))
            .col("receive_currency", Values::Str(receive));
        Table::from(
            figures
                .add_to(table)
                .col("error", Values::Str(error))
                .build(),
        )
    }))
}
