//! Arrow record batches in: columns read from a pyarrow `RecordBatch` or `Table` through their
//! buffers (no Python object per value), as Spark's `mapInArrow` and Polars' `map_batches`
//! hand them over; and the batch pricing of quotes (an offer column and an amount column).
//! Representation only: values are computed by core.

use crate::decimal;
use crate::error::Error;
use crate::table::{Builder, Table, Values};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// A batch's columns, found by name (any of a field's accepted names, case-insensitive).
pub struct Columns<'py> {
    pa: Bound<'py, PyModule>,
    pc: Bound<'py, PyModule>,
    names: Vec<String>,
    columns: Vec<Bound<'py, PyAny>>,
    pub rows: usize,
}

/// The bytes of a pyarrow buffer (`None` for an absent one).
fn bytes_of(buffer: &Bound<'_, PyAny>) -> PyResult<Option<Vec<u8>>> {
    if buffer.is_none() {
        return Ok(None);
    }
    let b = buffer.call_method0("to_pybytes")?;
    Ok(Some(b.cast::<PyBytes>()?.as_bytes().to_vec()))
}

/// The bytes `[start, start + len)` of a pyarrow buffer: only that range is copied (a batch
/// is often a slice of a much larger array, whose buffers it shares).
fn range_of(buffer: &Bound<'_, PyAny>, start: usize, len: usize) -> PyResult<Vec<u8>> {
    if buffer.is_none() || len == 0 {
        return Ok(Vec::new());
    }
    let b = buffer
        .call_method1("slice", (start, len))?
        .call_method0("to_pybytes")?;
    Ok(b.cast::<PyBytes>()?.as_bytes().to_vec())
}

fn bit(bits: &Option<Vec<u8>>, i: usize) -> bool {
    match bits {
        None => true,
        Some(b) => b.get(i / 8).is_some_and(|byte| byte & (1 << (i % 8)) != 0),
    }
}

fn malformed(what: &str) -> PyErr {
    PyTypeError::new_err(format!("malformed arrow buffer: {what}"))
}

impl<'py> Columns<'py> {
    /// The columns of a pyarrow `RecordBatch` or `Table`, or of anything with `to_arrow()`
    /// (a polars DataFrame).
    pub fn of(batch: &Bound<'py, PyAny>) -> PyResult<Columns<'py>> {
        let py = batch.py();
        let pa = py.import("pyarrow")?;
        let pc = py.import("pyarrow.compute")?;
        let batch = if batch.hasattr("schema")? && batch.hasattr("num_rows")? {
            batch.clone()
        } else if batch.hasattr("to_arrow")? {
            batch.call_method0("to_arrow")?
        } else {
            return Err(PyTypeError::new_err(format!(
                "expected a pyarrow RecordBatch or Table, got {}",
                batch.get_type().name()?
            )));
        };
        let names: Vec<String> = batch.getattr("schema")?.getattr("names")?.extract()?;
        let columns = batch
            .getattr("columns")?
            .try_iter()?
            .collect::<PyResult<Vec<_>>>()?;
        Ok(Columns {
            pa,
            pc,
            names,
            columns,
            rows: batch.getattr("num_rows")?.extract()?,
        })
    }

    /// The column named by any of `names` (case-insensitive).
    pub fn find(&self, names: &[&str]) -> Option<&Bound<'py, PyAny>> {
        names.iter().find_map(|want| {
            self.names
                .iter()
                .position(|n| n.trim().eq_ignore_ascii_case(want))
                .and_then(|i| self.columns.get(i))
        })
    }

    /// A required column.
    pub fn get(&self, names: &[&str]) -> PyResult<&Bound<'py, PyAny>> {
        self.find(names).ok_or_else(|| {
            Error(remitcost::Error::MissingColumn(
                names.first().copied().unwrap_or_default().to_string(),
            ))
            .into()
        })
    }

    /// An array's chunks (one for an `Array`, its chunks for a `ChunkedArray`).
    fn chunks(column: &Bound<'py, PyAny>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        if column.hasattr("chunks")? {
            column.getattr("chunks")?.try_iter()?.collect()
        } else {
            Ok(vec![column.clone()])
        }
    }

    fn type_name(array: &Bound<'py, PyAny>) -> PyResult<String> {
        Ok(array.getattr("type")?.str()?.to_string())
    }

    /// A column as text (any string, dictionary or other type cast to `large_string`).
    pub fn strings(&self, column: &Bound<'py, PyAny>) -> PyResult<Vec<Option<String>>> {
        let mut out = Vec::with_capacity(self.rows);
        for chunk in Self::chunks(column)? {
            let array = if Self::type_name(&chunk)? == "large_string" {
                chunk
            } else {
                self.pc
                    .call_method1("cast", (chunk, self.pa.call_method0("large_string")?))?
            };
            let offset: usize = array.getattr("offset")?.extract()?;
            let len: usize = array.len()?;
            let buffers = array.call_method0("buffers")?;
            let validity = bytes_of(&buffers.get_item(0)?)?;
            let offsets = range_of(
                &buffers.get_item(1)?,
                offset.saturating_mul(8),
                len.saturating_add(1).saturating_mul(8),
            )?;
            // Offsets relative to the batch's first (the data is copied from there on).
            let at = |k: usize| -> PyResult<usize> {
                let start = k.checked_mul(8).ok_or_else(|| malformed("offsets"))?;
                offsets
                    .get(start..start.saturating_add(8))
                    .and_then(|b| <[u8; 8]>::try_from(b).ok())
                    .and_then(|b| usize::try_from(i64::from_le_bytes(b)).ok())
                    .ok_or_else(|| malformed("offsets"))
            };
            let (first, last) = if len == 0 { (0, 0) } else { (at(0)?, at(len)?) };
            let data = range_of(
                &buffers.get_item(2)?,
                first,
                last.checked_sub(first)
                    .ok_or_else(|| malformed("offsets"))?,
            )?;
            for (k, j) in (offset..offset.saturating_add(len)).enumerate() {
                if !bit(&validity, j) {
                    out.push(None);
                    continue;
                }
                let (start, end) = (
                    at(k)?.saturating_sub(first),
                    at(k.saturating_add(1))?.saturating_sub(first),
                );
                let text = data
                    .get(start..end)
                    .and_then(|b| std::str::from_utf8(b).ok())
                    .ok_or_else(|| malformed("string data"))?;
                out.push(Some(text.to_string()));
            }
        }
        Ok(out)
    }

    /// A column as decimals: `decimal128` read from its buffers (any scale); any other type
    /// (text, integers, `decimal256`, floats through their text) cast to text and parsed.
    /// Nulls, and text that is empty or RPW's `..`, are `None`.
    pub fn decimals(&self, column: &Bound<'py, PyAny>) -> PyResult<Vec<Option<Decimal>>> {
        let mut out = Vec::with_capacity(self.rows);
        for chunk in Self::chunks(column)? {
            let ty = chunk.getattr("type")?;
            let is128 = ty.hasattr("scale")?
                && ty.hasattr("bit_width")?
                && ty.getattr("bit_width")?.extract::<u32>()? == 128;
            if !is128 {
                for text in self.strings(&chunk)? {
                    let text = text
                        .as_deref()
                        .map(str::trim)
                        .filter(|t| !t.is_empty() && *t != ".." && !t.eq_ignore_ascii_case("nan"));
                    out.push(match text {
                        Some(t) => Some(decimal::parse_decimal(t)?.0),
                        None => None,
                    });
                }
                continue;
            }
            let scale: i64 = ty.getattr("scale")?.extract()?;
            let offset: usize = chunk.getattr("offset")?.extract()?;
            let len: usize = chunk.len()?;
            let buffers = chunk.call_method0("buffers")?;
            let validity = bytes_of(&buffers.get_item(0)?)?;
            let data = range_of(
                &buffers.get_item(1)?,
                offset.saturating_mul(16),
                len.saturating_mul(16),
            )?;
            for (k, j) in (offset..offset.saturating_add(len)).enumerate() {
                if !bit(&validity, j) {
                    out.push(None);
                    continue;
                }
                let start = k.checked_mul(16).ok_or_else(|| malformed("decimal128"))?;
                let m = data
                    .get(start..start.saturating_add(16))
                    .and_then(|b| <[u8; 16]>::try_from(b).ok())
                    .map(i128::from_le_bytes)
                    .ok_or_else(|| malformed("decimal128"))?;
                let d = match u32::try_from(scale) {
                    Ok(s) => Decimal::try_from_i128_with_scale(m, s).ok(),
                    Err(_) => remitcost::parse_decimal(&format!("{m}E{}", -scale)).ok(),
                };
                out.push(Some(d.ok_or_else(|| {
                    Error(remitcost::Error::InvalidDecimal(format!("{m}E{}", -scale)))
                })?));
            }
        }
        Ok(out)
    }

    /// A column as booleans: `bool`, or text `yes`/`no`, `true`/`false`, `1`/`0`.
    pub fn booleans(&self, column: &Bound<'py, PyAny>) -> PyResult<Vec<Option<bool>>> {
        let mut out = Vec::with_capacity(self.rows);
        for chunk in Self::chunks(column)? {
            if Self::type_name(&chunk)? == "bool" {
                let offset: usize = chunk.getattr("offset")?.extract()?;
                let len: usize = chunk.len()?;
                let buffers = chunk.call_method0("buffers")?;
                let validity = bytes_of(&buffers.get_item(0)?)?;
                let data = bytes_of(&buffers.get_item(1)?)?;
                for j in offset..offset.saturating_add(len) {
                    out.push(bit(&validity, j).then(|| bit(&data, j)));
                }
                continue;
            }
            for text in self.strings(&chunk)? {
                out.push(match text.as_deref().map(|t| t.trim().to_lowercase()) {
                    None => None,
                    Some(t) if ["yes", "y", "true", "1"].contains(&t.as_str()) => Some(true),
                    Some(t) if ["no", "n", "false", "0"].contains(&t.as_str()) => Some(false),
                    Some(t) if t.is_empty() => None,
                    Some(t) => {
                        return Err(PyTypeError::new_err(format!(
                            "expected a boolean (yes/no, true/false), got {t:?}"
                        )))
                    }
                });
            }
        }
        Ok(out)
    }

    /// A column as whole numbers (cast to `int64`).
    pub fn integers(&self, column: &Bound<'py, PyAny>) -> PyResult<Vec<Option<i64>>> {
        let mut out = Vec::with_capacity(self.rows);
        for chunk in Self::chunks(column)? {
            let array = if Self::type_name(&chunk)? == "int64" {
                chunk
            } else {
                self.pc
                    .call_method1("cast", (chunk, self.pa.call_method0("int64")?))?
            };
            let offset: usize = array.getattr("offset")?.extract()?;
            let len: usize = array.len()?;
            let buffers = array.call_method0("buffers")?;
            let validity = bytes_of(&buffers.get_item(0)?)?;
            let data = range_of(
                &buffers.get_item(1)?,
                offset.saturating_mul(8),
                len.saturating_mul(8),
            )?;
            for (k, j) in (offset..offset.saturating_add(len)).enumerate() {
                if !bit(&validity, j) {
                    out.push(None);
                    continue;
                }
                let start = k.checked_mul(8).ok_or_else(|| malformed("int64"))?;
                let v = data
                    .get(start..start.saturating_add(8))
                    .and_then(|b| <[u8; 8]>::try_from(b).ok())
                    .map(i64::from_le_bytes)
                    .ok_or_else(|| malformed("int64"))?;
                out.push(Some(v));
            }
        }
        Ok(out)
    }
}

/// Prices the quotes of an Arrow batch, one per row: the row's offer (a column of offer JSON
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
    let columns = Columns::of(batch)?;
    let offers = columns.strings(columns.get(&[offer_column])?)?;
    let amounts = columns.decimals(columns.get(&[amount_column])?)?;
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
        figures
            .add_to(table)
            .col("error", Values::Str(error))
            .build()
    }))
}
