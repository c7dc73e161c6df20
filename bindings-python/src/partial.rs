//! `Partial` (core's `partial` module): the state of an aggregation over part of the rows,
//! fed with Arrow batches of RPW rows, merged, sent as bytes, finished into the same
//! `Grouping` / `Indicators` as one pass.

use crate::batch::Columns;
use crate::corridor::{dimensions, AggregateOptions, Grouping, Services};
use crate::error::Error;
use crate::fields::wrapper;
use crate::indicator::Indicators;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The batch columns an observation field is read from: the observation table's name
/// (`Dataset.to_arrow()`), then RPW's published header.
const FIELDS: &[(&str, &[&str])] = &[
    ("row", &["row"]),
    ("id", &["id"]),
    ("period", &["period"]),
    ("source_code", &["source_code"]),
    ("source_name", &["source_name"]),
    ("source_region", &["source_region"]),
    ("destination_code", &["destination_code"]),
    ("destination_name", &["destination_name"]),
    ("destination_region", &["destination_region"]),
    ("firm", &["firm"]),
    ("firm_type", &["firm_type"]),
    ("instrument", &["instrument", "payment instrument"]),
    ("product", &["product"]),
    (
        "access_point",
        &["access_point", "access point", "sending location"],
    ),
    ("coverage", &["coverage", "receiving network coverage"]),
    (
        "pickup_method",
        &["pickup_method", "pickup method", "pick-up method"],
    ),
    ("speed", &["speed", "speed actual"]),
    ("transparent", &["transparent"]),
];

fn names(field: &str) -> &'static [&'static str] {
    FIELDS
        .iter()
        .find(|(f, _)| *f == field)
        .map_or(&[], |(_, n)| *n)
}

/// The observations of an Arrow batch of RPW rows: the columns of `Dataset.to_arrow()`
/// (`period`, `source_code`, `destination_code`, `firm`, `transparent` and the chosen
/// amount's `cc1_total_cost_pct` / `cc2_total_cost_pct` are required; names, regions,
/// `firm_type`, `instrument`, `product`, `access_point`, `coverage`, `pickup_method`, `speed`,
/// `row` are read when present), or RPW's
/// published headers (`payment instrument`, `cc1 total cost %`, …). Text is taken as it is
/// (trimmed); a null or empty cost is a row without a price at that amount.
fn observations(
    batch: &Bound<'_, PyAny>,
    options: &remitcost::AggregateOptions,
) -> PyResult<Vec<remitcost::Observation>> {
    let c = Columns::of(batch)?;
    let text = |field: &str| -> PyResult<Vec<String>> {
        match c.find(names(field)) {
            Some(col) => Ok(c
                .strings(col)?
                .into_iter()
                .map(|s| match s {
                    // Trimmed in place: most values need no new allocation.
                    Some(s) if s.trim().len() == s.len() => s,
                    Some(s) => s.trim().to_string(),
                    None => String::new(),
                })
                .collect()),
            None => Ok(vec![String::new(); c.rows]),
        }
    };
    let required = |field: &str| -> PyResult<Vec<String>> {
        c.get(names(field))?;
        text(field)
    };
    let prefix = match options.amount {
        remitcost::RpwAmount::Usd200 => "cc1",
        remitcost::RpwAmount::Usd500 => "cc2",
    };
    let cost_names = [
        format!("{prefix}_total_cost_pct"),
        format!("{prefix} total cost %"),
    ];
    let costs = c.decimals(c.get(&[cost_names[0].as_str(), cost_names[1].as_str()])?)?;
    let transparent = c.booleans(c.get(names("transparent"))?)?;
    let rows = match c.find(names("row")) {
        Some(col) => c.integers(col)?,
        None => vec![None; c.rows],
    };
    let periods = required("period")?;
    let (mut src, mut dst, mut firm) = (
        required("source_code")?,
        required("destination_code")?,
        required("firm")?,
    );
    let (mut src_name, mut src_region) = (text("source_name")?, text("source_region")?);
    let (mut dst_name, mut dst_region) = (text("destination_name")?, text("destination_region")?);
    let (mut firm_type, mut instrument) = (text("firm_type")?, text("instrument")?);
    let (mut access_point, mut speed) = (text("access_point")?, text("speed")?);
    let (mut product, mut coverage) = (text("product")?, text("coverage")?);
    let mut pickup_method = text("pickup_method")?;
    // Columns the eligibility rule names beyond the known fields go to `extra`.
    let mut extra_columns: Vec<(String, Vec<Option<String>>)> = Vec::new();
    for column in options.eligibility.inaccessible.keys() {
        let known = FIELDS
            .iter()
            .any(|(_, n)| n.iter().any(|n| n.eq_ignore_ascii_case(column.trim())));
        if !known {
            if let Some(col) = c.find(&[column.trim()]) {
                extra_columns.push((column.clone(), c.strings(col)?));
            }
        }
    }
    let mut out = Vec::with_capacity(c.rows);
    for i in 0..c.rows {
        // Each value moves into its observation (no copy).
        let at = |v: &mut Vec<String>| v.get_mut(i).map(std::mem::take).unwrap_or_default();
        let period: remitcost::Period = periods
            .get(i)
            .map(String::as_str)
            .unwrap_or_default()
            .parse()
            .map_err(crate::error::Error)?;
        let price = costs
            .get(i)
            .copied()
            .flatten()
            .map(|total| remitcost::Price {
                amount: rust_decimal::Decimal::ZERO,
                denomination_amount: None,
                currency: None,
                fee: rust_decimal::Decimal::ZERO,
                fx_rate: None,
                fx_margin_pct: rust_decimal::Decimal::ZERO,
                total_cost_pct: total,
            });
        let (cc1, cc2) = match options.amount {
            remitcost::RpwAmount::Usd200 => (price, None),
            remitcost::RpwAmount::Usd500 => (None, price),
        };
        out.push(remitcost::Observation {
            row: rows
                .get(i)
                .copied()
                .flatten()
                .and_then(|r| usize::try_from(r).ok())
                .unwrap_or(0),
            id: None,
            period,
            source_code: at(&mut src),
            source_name: at(&mut src_name),
            source_region: at(&mut src_region),
            destination_code: at(&mut dst),
            destination_name: at(&mut dst_name),
            destination_region: at(&mut dst_region),
            firm: at(&mut firm),
            firm_type: at(&mut firm_type),
            instrument: at(&mut instrument),
            product: at(&mut product),
            access_point: at(&mut access_point),
            coverage: at(&mut coverage),
            pickup_method: at(&mut pickup_method),
            speed: at(&mut speed),
            transparent: transparent.get(i).copied().flatten().unwrap_or(false),
            cc1,
            cc2,
            interbank_fx: None,
            extra: extra_columns
                .iter()
                .filter_map(|(name, v)| Some((name.clone(), v.get(i).cloned().flatten()?)))
                .collect::<BTreeMap<_, _>>(),
        });
    }
    Ok(out)
}

/// The state of an aggregation over part of the rows (a Spark partition, a Polars batch, a
/// file), to merge with the others' and finish into exactly the `Grouping` of `group` or the
/// `Indicators` of `indicators` over all the rows. `Partial()` aggregates for the indicators
/// (by period and corridor); `Partial(dimensions)` for `group`. Feed it with `add_batch`
/// (an Arrow batch of RPW rows) or `add` (a `Dataset`, observation dicts or a CSV source);
/// `to_bytes()` / `Partial.from_bytes()` carry it between processes (it also pickles);
/// `merge` is associative and commutative.
///
/// >>> import remitcost
/// >>> whole = remitcost.Partial()
/// >>> data = remitcost.read_rpw_csv("testdata/rpw/sample.csv")
/// >>> for part in (data.filter([i % 2 == 0 for i in range(len(data))]),
/// ...              data.filter([i % 2 == 1 for i in range(len(data))])):
/// ...     p = remitcost.Partial()
/// ...     p.add(part)
/// ...     whole.merge(remitcost.Partial.from_bytes(p.to_bytes()))
/// >>> whole.indicators().to_dict() == remitcost.indicators(data).to_dict()
/// True
#[pyclass(module = "remitcost")]
#[derive(Clone)]
pub struct Partial(pub remitcost::Partial);

wrapper!(Partial {
    /// The dimensions grouped by.
    dimensions: Vec<String> => |p| p.dimensions().iter().map(crate::decimal::json_name).collect(),
});

#[pymethods]
impl Partial {
    #[new]
    #[pyo3(signature = (dimensions = None, *, options = None))]
    fn new(
        dimensions: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let options = AggregateOptions::extract(options)?;
        Ok(Partial(match dimensions.filter(|d| !d.is_none()) {
            None => remitcost::Partial::for_indicators(&options),
            Some(d) => remitcost::Partial::new(&self::dimensions(d)?, &options),
        }))
    }

    /// Adds the rows of an Arrow batch (a pyarrow `RecordBatch` or `Table`, or a polars
    /// DataFrame) of RPW rows: the columns of `Dataset.to_arrow()`, or RPW's published
    /// headers. Decimal columns may be `decimal128` (read from their buffers) or text.
    fn add_batch(&mut self, py: Python<'_>, batch: &Bound<'_, PyAny>) -> PyResult<()> {
        let rows = observations(batch, self.0.options())?;
        let state = &mut self.0;
        py.detach(|| state.add(&rows)).map_err(|e| Error(e).into())
    }

    /// Adds service rows: a `Dataset`, observation dicts, or an RPW CSV source.
    fn add(&mut self, py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<()> {
        let services = Services::extract(data)?;
        let state = &mut self.0;
        py.detach(|| {
            let data = services.load()?;
            state.add(&data.observations).map_err(|e| Error(e).into())
        })
    }

    /// Merges another part's state (`Partial` or its bytes) into this one; states of
    /// different dimensions or options raise `RemitError` with code `incompatible`.
    fn merge(&mut self, other: &Bound<'_, PyAny>) -> PyResult<()> {
        let other = match other.cast::<Partial>() {
            Ok(p) => p.borrow().0.clone(),
            Err(_) => Partial::from_bytes(other.extract::<&[u8]>()?)?.0,
        };
        self.0.merge(other).map_err(|e| Error(e).into())
    }

    /// The state as bytes (UTF-8 JSON), to send to another process.
    fn to_bytes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let json = serde_json::to_vec(&self.0).map_err(|e| Error(remitcost::Error::from(e)))?;
        Ok(PyBytes::new(py, &json))
    }

    /// A state from `to_bytes()`; a state that does not add up raises `RemitError`
    /// (`invalid_json`).
    #[staticmethod]
    fn from_bytes(data: &[u8]) -> PyResult<Partial> {
        serde_json::from_slice(data)
            .map(Partial)
            .map_err(|e| Error(remitcost::Error::from(e)).into())
    }

    /// Rows left out so far: `{"non_transparent": n, "unpriced": m}`.
    #[getter]
    fn left_out<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::decimal::to_py(py, &self.0.left_out(), &[])
    }

    fn __len__(&self) -> usize {
        self.0.len()
    }

    /// The groups and their statistics, as `group` gives them over all the rows merged.
    fn grouping(&self, py: Python<'_>) -> PyResult<Grouping> {
        let state = &self.0;
        py.detach(|| state.grouping())
            .map(|g| Grouping(Arc::new(g)))
            .map_err(|e| Error(e).into())
    }

    /// The RPW indicators, as `indicators` gives them over all the rows merged (`weights`
    /// as there). Needs a state grouped by period and corridor (`Partial()`).
    #[pyo3(signature = (*, weights = None))]
    fn indicators(&self, weights: Option<&Bound<'_, PyAny>>) -> PyResult<Indicators> {
        let weights = crate::indicator::weights(weights)?;
        let out = self.0.indicators(weights.as_ref()).map_err(Error)?;
        Ok(Indicators {
            inner: Arc::new(out),
            report: None,
        })
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
        let py = slf.py();
        let from = slf.get_type().getattr("from_bytes")?;
        Ok((from, (slf.borrow().to_bytes(py)?,)))
    }

    fn __repr__(&self) -> String {
        let left = self.0.left_out();
        format!(
            "Partial({} groups by {:?}; left out: {} non-transparent, {} unpriced)",
            self.0.len(),
            self.dimensions(),
            left.non_transparent,
            left.unpriced
        )
    }
}
