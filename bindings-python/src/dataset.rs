//! Dataset readers and their validation report (core's `dataset` module). Files are read and
//! parsed with the GIL released; rows come out as `Table`s (pyarrow / pandas / polars).

use crate::decimal::{self, Dec};
use crate::error::Error;
use crate::fields::wrapper;
use crate::table::Table;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use remitcost::Observation;
use std::path::PathBuf;
use std::sync::Arc;

/// Where a dataset comes from: a path, or its content.
pub enum Source {
    /// A file to open.
    Path(PathBuf),
    /// The document itself.
    Bytes(Vec<u8>),
}

impl Source {
    /// A path (`str` or `os.PathLike`), `bytes`, or a file object opened in text or binary
    /// mode (read whole).
    pub fn extract(obj: &Bound<'_, PyAny>) -> PyResult<Source> {
        if let Ok(b) = obj.cast::<PyBytes>() {
            return Ok(Source::Bytes(b.as_bytes().to_vec()));
        }
        if obj.hasattr("read")? {
            let content = obj.call_method0("read")?;
            return match content.cast::<PyString>() {
                Ok(s) => Ok(Source::Bytes(s.to_cow()?.as_bytes().to_vec())),
                Err(_) => Ok(Source::Bytes(
                    content.cast::<PyBytes>()?.as_bytes().to_vec(),
                )),
            };
        }
        obj.extract::<PathBuf>().map(Source::Path).map_err(|_| {
            PyTypeError::new_err(format!(
                "expected a path, bytes or a file object, got {}",
                obj.get_type()
                    .name()
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            ))
        })
    }

    /// Whether the source is a JSON document: a `.json` path, or content whose first
    /// non-blank character is `[`.
    pub fn is_json(&self) -> bool {
        match self {
            Source::Path(p) => p
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json")),
            Source::Bytes(b) => String::from_utf8_lossy(b.get(..64).unwrap_or(b))
                .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
                .starts_with('['),
        }
    }

    /// Runs a core reader on the source (call with the GIL released).
    pub fn read<T>(
        &self,
        reader: impl FnOnce(&mut dyn ReadSeek) -> remitcost::Result<T>,
    ) -> PyResult<T> {
        match self {
            Source::Path(p) => {
                let file = std::fs::File::open(p).map_err(|e| {
                    use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyPermissionError};
                    let msg = format!("{}: {e}", p.display());
                    match e.kind() {
                        std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(msg),
                        std::io::ErrorKind::PermissionDenied => PyPermissionError::new_err(msg),
                        _ => PyOSError::new_err(msg),
                    }
                })?;
                let mut buffered = std::io::BufReader::new(file);
                reader(&mut buffered).map_err(|e| Error(e).into())
            }
            Source::Bytes(b) => {
                reader(&mut std::io::Cursor::new(b.as_slice())).map_err(|e| Error(e).into())
            }
        }
    }

    /// The RPW format of this source: a path's by its extension, a document's by its first
    /// bytes (core's `RpwFormat`).
    fn format(&self) -> remitcost::Result<remitcost::RpwFormat> {
        match self {
            Source::Path(p) => remitcost::RpwFormat::of_path(p),
            Source::Bytes(b) => Ok(remitcost::RpwFormat::sniff(b)),
        }
    }
}

/// A document to read: a file or bytes in memory (the workbook reader seeks).
pub trait ReadSeek: std::io::Read + std::io::Seek {}
impl<T: std::io::Read + std::io::Seek> ReadSeek for T {}

fn read_options(tolerance_pct: Option<Dec>) -> remitcost::ReadOptions {
    match tolerance_pct {
        Some(t) => remitcost::ReadOptions::default().with_tolerance_pct(t.0),
        None => remitcost::ReadOptions::default(),
    }
}

/// Reads an RPW-layout CSV (the World Bank's Remittance Prices Worldwide dataset as
/// published, any column order, unknown columns kept) from a path, `bytes` or a file object.
/// Bad rows never stop the reading: they are listed in `dataset.report` and the good rows are
/// kept. `tolerance_pct` is how far (percentage points, default 0.01) a row's stated total
/// cost may be from `fee / amount × 100 + fx margin` before it is reported. A file without
/// a required column raises `RemitError` with code `missing_column`.
#[pyfunction]
#[pyo3(signature = (source, *, tolerance_pct = None))]
pub fn read_rpw_csv(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    tolerance_pct: Option<Dec>,
) -> PyResult<Dataset> {
    read_dataset(py, source, tolerance_pct, |r, o| {
        remitcost::read_rpw_csv_with(r, o)
    })
}

/// Reads `source` with `read` and the options, off the GIL.
fn read_dataset(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    tolerance_pct: Option<Dec>,
    read: impl Fn(&mut dyn ReadSeek, &remitcost::ReadOptions) -> remitcost::Result<remitcost::Dataset>
        + Send
        + Sync,
) -> PyResult<Dataset> {
    let source = Source::extract(source)?;
    let options = read_options(tolerance_pct);
    let data = py.detach(|| source.read(|r| read(r, &options)))?;
    Ok(Dataset(Arc::new(data.into())))
}

/// Reads the RPW workbook as the World Bank ships it (`.xlsx`: the sheets "Dataset (up to Q1
/// 2016)" and "Dataset (from Q2 2016)", in that order) from a path, `bytes` or a binary file
/// object; see `read_rpw_csv` for the row rules. Every issue names its `sheet`. A file that is
/// not a workbook, or has no dataset sheet, raises `RemitError` with code `invalid_xlsx`.
#[pyfunction]
#[pyo3(signature = (source, *, tolerance_pct = None))]
pub fn read_rpw_xlsx(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    tolerance_pct: Option<Dec>,
) -> PyResult<Dataset> {
    read_dataset(py, source, tolerance_pct, |r, o| {
        remitcost::read_rpw_xlsx_with(r, o)
    })
}

/// Reads the workbook's sheet "Countries" (the classification of its time) from a path,
/// `bytes` or a binary file object, by its header names (no published layout was found, so
/// none is assumed): a code column (`Code`, `Country Code`, `code`, …) and at least one of
/// name (`Economy`, `name`), region, income (`Income group`), lending (`Lending category`),
/// `G8G20` (or `G8` and `G20`). Every other column is reported (`ignored_column`, and in
/// `report.extra_columns`); each bad row is rejected with an issue naming its sheet, row and
/// column. `countries` is the table as JSON text, for `published_indicators(countries=...)`;
/// it has no income history, so pass `income_vintage="table"` with it. A workbook without
/// the sheet raises `RemitError` with code `invalid_xlsx`; a header without a code column or
/// with nothing else, `missing_column`.
#[pyfunction]
pub fn read_countries_xlsx(py: Python<'_>, source: &Bound<'_, PyAny>) -> PyResult<CountriesSheet> {
    let source = Source::extract(source)?;
    let sheet = py.detach(|| source.read(|r| remitcost::read_countries_xlsx(r)))?;
    let countries = serde_json::to_string(&sheet.countries)
        .map_err(|e| Error(remitcost::Error::InvalidJson(e.to_string())))?;
    Ok(CountriesSheet {
        countries,
        len: sheet.countries.iter().count(),
        report: sheet.report,
    })
}

/// The sheet "Countries" as read: `countries` (the table as JSON text: `vintage`
/// `"workbook"`, `source`, `countries`), `len()` economies, and the `report`.
#[pyclass(module = "remitcost", frozen)]
pub struct CountriesSheet {
    countries: String,
    len: usize,
    report: remitcost::ValidationReport,
}

#[pymethods]
impl CountriesSheet {
    /// The table as JSON text (`Countries` in core), for `published_indicators(countries=...)`.
    #[getter]
    fn countries(&self) -> String {
        self.countries.clone()
    }
    /// What was read, kept, rejected and flagged; every issue names its `sheet`.
    #[getter]
    fn report(&self) -> ValidationReport {
        ValidationReport(self.report.clone())
    }
    fn __len__(&self) -> usize {
        self.len
    }
    fn __repr__(&self) -> String {
        format!(
            "CountriesSheet({} economies, {} issues)",
            self.len,
            self.report.issues.len()
        )
    }
}

/// Reads an RPW dataset with the reader its type needs: a path by its extension (`.csv`,
/// `.json`, `.xlsx`), `bytes` or a file object by its first bytes (a zip archive is a
/// workbook, `[` JSON, anything else CSV), or as `format` (`"csv"`, `"json"`, `"xlsx"`) says.
/// Another extension or format raises `RemitError` with code `unsupported_format`.
#[pyfunction]
#[pyo3(signature = (source, *, format = None, tolerance_pct = None))]
pub fn read_rpw(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    format: Option<&str>,
    tolerance_pct: Option<Dec>,
) -> PyResult<Dataset> {
    let source = Source::extract(source)?;
    let format = match format {
        Some(name) => name.parse(),
        None => source.format(),
    }
    .map_err(Error)?;
    let options = read_options(tolerance_pct);
    let data = py.detach(|| source.read(|r| format.read(r, &options)))?;
    Ok(Dataset(Arc::new(data.into())))
}

/// Reads an RPW-layout JSON document (an array of row objects keyed by the CSV's column
/// names) from a path, `bytes` or a file object; see `read_rpw_csv`.
#[pyfunction]
#[pyo3(signature = (source, *, tolerance_pct = None))]
pub fn read_rpw_json(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    tolerance_pct: Option<Dec>,
) -> PyResult<Dataset> {
    read_dataset(py, source, tolerance_pct, |r, o| {
        remitcost::read_rpw_json_with(r, o)
    })
}

/// The rows of an RPW-layout dataset that passed validation (`len(dataset)` of them), and
/// the `report` on all of them. `to_table()` (or `to_pandas()`, `to_arrow()`,
/// `to_polars()`) gives one row per observation: its identity and labels, `transparent`,
/// the `cc1_…` (USD 200) and `cc2_…` (USD 500) price blocks, `interbank_fx`. Its text
/// columns but `id` are dictionary-encoded (categories in pandas, categoricals in polars):
/// each distinct label stored once.
///
/// Aggregations (`group`, `indicators`, `Partial.add`) code the rows into columns the first
/// time and keep them with the dataset, so that later ones over it are fast.
#[pyclass(module = "remitcost", frozen)]
pub struct Dataset(pub Arc<remitcost::Framed>);

/// The observation table's columns (core's layout).
fn observation_table(rows: &[Observation]) -> Table {
    Table::from(remitcost::arrow::observation_table(rows))
}

wrapper!(Dataset {
    /// What was read, kept, rejected and flagged.
    report: ValidationReport => |d| ValidationReport(d.report.clone()),
});

#[pymethods]
impl Dataset {
    fn __len__(&self) -> usize {
        self.0.observations.len()
    }

    /// The observations where `mask` is true (a list, pandas / polars Series or pyarrow
    /// array of booleans, one per observation, in `to_table()` order), with the same report:
    /// `indicators(data.filter(frame["firm_type"] == "Bank"))`.
    fn filter(&self, mask: &Bound<'_, PyAny>) -> PyResult<Dataset> {
        let module = mask.get_type().getattr("__module__")?.to_string();
        let list = if module.starts_with("pandas") || module.starts_with("numpy") {
            mask.call_method0("tolist")?
        } else if module.starts_with("polars") || module.starts_with("pyarrow") {
            mask.call_method0("to_list")
                .or_else(|_| mask.call_method0("to_pylist"))?
        } else {
            mask.clone()
        };
        let keep: Vec<bool> = list
            .try_iter()?
            .map(|b| {
                let b = b?;
                b.cast::<pyo3::types::PyBool>()
                    .map(|b| b.is_true())
                    .map_err(|_| PyTypeError::new_err("filter: expected booleans"))
            })
            .collect::<PyResult<_>>()?;
        if keep.len() != self.0.observations.len() {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "filter: {} booleans for {} observations",
                keep.len(),
                self.0.observations.len()
            )));
        }
        let observations = self
            .0
            .observations
            .iter()
            .zip(keep)
            .filter(|(_, k)| *k)
            .map(|(o, _)| o.clone())
            .collect();
        Ok(Dataset(Arc::new(
            remitcost::Dataset {
                observations,
                report: self.0.report.clone(),
            }
            .into(),
        )))
    }

    /// One row per kept observation (see the class docs for the columns).
    fn to_table(&self, py: Python<'_>) -> Table {
        let data = Arc::clone(&self.0);
        py.detach(|| observation_table(&data.observations))
    }

    /// `to_table().to_pandas()`.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Bound::new(py, self.to_table(py))?.call_method0("to_pandas")
    }

    /// `to_table().to_arrow()`.
    fn to_arrow<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Bound::new(py, self.to_table(py))?.call_method0("to_arrow")
    }

    /// `to_table().to_polars()`.
    fn to_polars<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Bound::new(py, self.to_table(py))?.call_method0("to_polars")
    }

    /// The observations as a list of dicts in core's JSON form (decimals as `Decimal`, the
    /// price blocks nested as `cc1` / `cc2`, unknown columns in `extra`).
    fn observations<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal::to_py(py, &self.0.observations, OBSERVATION_DECIMALS)
    }

    fn __repr__(&self) -> String {
        let r = &self.0.report;
        format!(
            "Dataset({} observations; {} rows read, {} rejected, {} issues)",
            self.0.observations.len(),
            r.rows_read,
            r.rows_rejected,
            r.issues.len()
        )
    }
}

const OBSERVATION_DECIMALS: &[&str] = &[
    "amount",
    "denomination_amount",
    "fee",
    "fx_rate",
    "fx_margin_pct",
    "total_cost_pct",
    "interbank_fx",
    "tolerance_pct",
    "value",
];

/// What a reader read, kept, rejected and flagged: counts (`rows_read`, `rows_kept`,
/// `rows_rejected`, `lines_skipped`, `non_transparent`, `sentinel_fx_rates`),
/// `extra_columns`, `tolerance_pct`, and every flagged field in `issues` (dicts with `row`,
/// `field`, `reason`, `detail`, `severity`). `str(report)` is the readable summary.
#[pyclass(module = "remitcost", frozen)]
pub struct ValidationReport(pub remitcost::ValidationReport);

wrapper!(ValidationReport {
    /// Data rows read.
    rows_read: usize,
    /// Rows kept in the data.
    rows_kept: usize,
    /// Rows rejected for at least one error.
    rows_rejected: usize,
    /// Records skipped as not data (blank rows, preambles, footers).
    lines_skipped: usize,
    /// Kept rows with `transparent = no`.
    non_transparent: usize,
    /// Kept rows whose fx rate was the "not comparable" sentinel 1.
    sentinel_fx_rates: usize,
    /// Header names the reader did not interpret.
    extra_columns: Vec<String>,
    /// The tolerance of the total-cost check, percentage points (RPW readers).
    tolerance_pct: Option<Dec> => |r| r.tolerance_pct.map(Dec),
}
/// Every field, issues as dicts.
to_dict(OBSERVATION_DECIMALS));

#[pymethods]
impl ValidationReport {
    /// Every flagged field, in input order, as dicts.
    #[getter]
    fn issues<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal::to_py(py, &self.0.issues, &[])
    }
    /// True when no issue at all was found.
    fn is_clean(&self) -> bool {
        self.0.is_clean()
    }
    /// Issue counts by reason code.
    fn counts_by_reason(&self) -> Vec<(&'static str, usize)> {
        self.0
            .counts_by_reason()
            .into_iter()
            .map(|(reason, n)| (reason.code(), n))
            .collect()
    }
    /// One row per issue: `row`, `field`, `reason`, `detail`, `severity`.
    fn to_table(&self) -> Table {
        remitcost::arrow::issues_table(&self.0).into()
    }
    fn __str__(&self) -> String {
        self.0.to_string()
    }
    fn __repr__(&self) -> String {
        format!(
            "ValidationReport(rows_read={}, rows_kept={}, rows_rejected={}, issues={})",
            self.0.rows_read,
            self.0.rows_kept,
            self.0.rows_rejected,
            self.0.issues.len()
        )
    }
}

/// Reads a World Bank DataBank corridor-average export (RPW "Corridors", series
/// `ATCR.CORR`) as exported (`..` for no survey, BOM, footer lines) from a path, `bytes` or a
/// file object.
#[pyfunction]
pub fn read_corridor_averages(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
) -> PyResult<CorridorAverages> {
    let source = Source::extract(source)?;
    let data = py.detach(|| source.read(|r| remitcost::read_corridor_averages(r)))?;
    Ok(CorridorAverages(Arc::new(data)))
}

/// The values of a corridor-average export (`to_table()`: `period`, `corridor`,
/// `source_code`, `source_name`, `destination_code`, `destination_name`, `total_cost_pct`),
/// the `series` codes met, and the `report`.
#[pyclass(module = "remitcost", frozen)]
pub struct CorridorAverages(pub Arc<remitcost::CorridorAverages>);

wrapper!(CorridorAverages {
    /// Distinct series codes met (`ATCR.CORR`).
    series: Vec<String>,
    /// What was read, kept, rejected and flagged.
    report: ValidationReport => |a| ValidationReport(a.report.clone()),
}
/// The JSON form, decimals as `Decimal`.
to_dict(&["total_cost_pct", "tolerance_pct"]));

#[pymethods]
impl CorridorAverages {
    /// The quarters that have at least one value, in order.
    fn periods(&self) -> Vec<crate::observation::Period> {
        self.0
            .periods()
            .into_iter()
            .map(crate::observation::Period)
            .collect()
    }
    fn __len__(&self) -> usize {
        self.0.averages.len()
    }
    /// One row per value.
    fn to_table(&self) -> Table {
        remitcost::arrow::corridor_averages_table(&self.0).into()
    }
    /// `to_table().to_pandas()`.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Bound::new(py, self.to_table())?.call_method0("to_pandas")
    }
    fn __repr__(&self) -> String {
        format!(
            "CorridorAverages({} values, {} periods, {} issues)",
            self.0.averages.len(),
            self.0.periods().len(),
            self.0.report.issues.len()
        )
    }
}

/// Reads a World Development Indicators CSV export (e.g. personal remittances paid, current
/// US$) as exported, from a path, `bytes` or a file object.
#[pyfunction]
pub fn read_wdi_csv(py: Python<'_>, source: &Bound<'_, PyAny>) -> PyResult<WdiSeries> {
    let source = Source::extract(source)?;
    let data = py.detach(|| source.read(|r| remitcost::read_wdi_csv(r)))?;
    Ok(WdiSeries(Arc::new(data)))
}

/// One WDI indicator: `indicator_code`, `indicator_name`, `countries` (code → name), the
/// values (`to_table()`: `country_code`, `year`, `value`) and the `report`.
#[pyclass(module = "remitcost", frozen)]
pub struct WdiSeries(pub Arc<remitcost::WdiSeries>);

wrapper!(WdiSeries {
    /// The indicator code.
    indicator_code: String,
    /// The indicator name.
    indicator_name: String,
    /// Every country (and aggregate) read: code → name.
    countries: std::collections::BTreeMap<String, String>,
    /// What was read, kept, rejected and flagged.
    report: ValidationReport => |w| ValidationReport(w.report.clone()),
}
/// The JSON form, decimals as `Decimal`.
to_dict(&["value", "tolerance_pct"]));

#[pymethods]
impl WdiSeries {
    /// The values of one year by country code.
    fn by_country(&self, year: u16) -> std::collections::BTreeMap<String, Dec> {
        self.0
            .by_country(year)
            .into_iter()
            .map(|(k, v)| (k, Dec(v)))
            .collect()
    }
    /// Country name (as WDI writes it) → ISO alpha-3 code.
    fn codes_by_name(&self) -> std::collections::BTreeMap<String, String> {
        self.0.codes_by_name()
    }
    fn __len__(&self) -> usize {
        self.0.values.len()
    }
    /// One row per value.
    fn to_table(&self) -> Table {
        remitcost::arrow::wdi_table(&self.0).into()
    }
    fn __repr__(&self) -> String {
        format!(
            "WdiSeries({}, {} values)",
            self.0.indicator_code,
            self.0.values.len()
        )
    }
}

/// Reads the World Bank / KNOMAD bilateral remittance matrix CSV (flows by sending and
/// receiving country name, millions of US$) from a path, `bytes` or a file object.
#[pyfunction]
pub fn read_bilateral_matrix(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
) -> PyResult<BilateralMatrix> {
    let source = Source::extract(source)?;
    let data = py.detach(|| source.read(|r| remitcost::read_bilateral_matrix(r)))?;
    Ok(BilateralMatrix(Arc::new(data)))
}

/// Estimated remittance flows by (sending, receiving) country name: `title`, the flows
/// (`to_table()`: `sending`, `receiving`, `flow`), the `report`, and `weights_by_code()` to
/// re-key them by ISO codes.
#[pyclass(module = "remitcost", frozen)]
pub struct BilateralMatrix(pub Arc<remitcost::BilateralMatrix>);

wrapper!(BilateralMatrix {
    /// The title line above the header (the vintage).
    title: String,
    /// What was read, kept, rejected and flagged.
    report: ValidationReport => |m| ValidationReport(m.report.clone()),
}
/// The JSON form: `title`, `report`, and `flows` as `[sending, receiving, value]`
/// triples with the value as a decimal string (use `to_table()` for `Decimal`s).
to_dict(&["tolerance_pct"]));

#[pymethods]
impl BilateralMatrix {
    fn __len__(&self) -> usize {
        self.0.flows.len()
    }
    /// The flows re-keyed by ISO alpha-3 codes through a name → code dict (e.g.
    /// `WdiSeries.codes_by_name()`), and the names the dict does not have:
    /// `({(sending_code, receiving_code): Decimal}, [unknown names])`.
    #[allow(clippy::type_complexity)]
    fn weights_by_code(
        &self,
        codes: std::collections::BTreeMap<String, String>,
    ) -> (
        std::collections::BTreeMap<(String, String), Dec>,
        Vec<String>,
    ) {
        let (weights, unknown) = self.0.weights_by_code(&codes);
        (
            weights.into_iter().map(|(k, v)| (k, Dec(v))).collect(),
            unknown,
        )
    }
    /// One row per flow.
    fn to_table(&self) -> Table {
        remitcost::arrow::flows_table(&self.0).into()
    }
    fn __repr__(&self) -> String {
        format!(
            "BilateralMatrix({:?}, {} flows)",
            self.0.title,
            self.0.flows.len()
        )
    }
}
