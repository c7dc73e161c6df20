//! The RPW layout: one row per service (provider × product) per corridor per quarter.

use super::report::{IssueReason, Severity, ValidationReport};
use super::{collapse_spaces, country_code, header_key};
use crate::currency::Currency;
use crate::decimal::{add, parse_decimal, pct_of, sub};
use crate::error::{Error, Result};
use crate::observation::{Observation, Period, Price};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};
use std::io::Read;

/// The columns the reader interprets, by their published names (matched case- and
/// space-insensitively). Every other column is kept in [`Observation::extra`].
const COLUMNS: [&str; 30] = [
    "id",
    "period",
    "source_code",
    "source_name",
    "source_region",
    "destination_code",
    "destination_name",
    "destination_region",
    "firm",
    "firm_type",
    "payment instrument",
    "access point",
    "speed actual",
    "cc1 lcu amount",
    "cc1 denomination amount",
    "cc1 lcu code",
    "cc1 lcu fee",
    "cc1 lcu fx rate",
    "cc1 fx margin",
    "cc1 total cost %",
    "cc2 lcu amount",
    "cc2 denomination amount",
    "cc2 lcu code",
    "cc2 lcu fee",
    "cc2 lcu fx rate",
    "cc2 fx margin",
    "cc2 total cost %",
    "inter lcu bank fx",
    "transparent",
    "corridor",
];

const ID: usize = 0;
const PERIOD: usize = 1;
const SOURCE_CODE: usize = 2;
const SOURCE_NAME: usize = 3;
const SOURCE_REGION: usize = 4;
const DEST_CODE: usize = 5;
const DEST_NAME: usize = 6;
const DEST_REGION: usize = 7;
const FIRM: usize = 8;
const FIRM_TYPE: usize = 9;
const INSTRUMENT: usize = 10;
const ACCESS_POINT: usize = 11;
const SPEED: usize = 12;
/// The `cc1` (USD 200) and `cc2` (USD 500) blocks: amount, denomination amount, lcu code, fee,
/// fx rate, fx margin, total cost.
const CC1: [usize; 7] = [13, 14, 15, 16, 17, 18, 19];
const CC2: [usize; 7] = [20, 21, 22, 23, 24, 25, 26];
const INTERBANK: usize = 27;
const TRANSPARENT: usize = 28;
const CORRIDOR: usize = 29;

/// Offsets within a `ccN` block.
const AMOUNT: usize = 0;
const DENOMINATION: usize = 1;
const CODE: usize = 2;
const FEE: usize = 3;
const RATE: usize = 4;
const MARGIN: usize = 5;
const TOTAL: usize = 6;

/// Columns whose absence from the header is fatal ([`Error::MissingColumn`]).
const REQUIRED: [usize; 13] = [
    PERIOD,
    SOURCE_CODE,
    DEST_CODE,
    FIRM,
    FIRM_TYPE,
    INSTRUMENT,
    ACCESS_POINT,
    SPEED,
    CC1[AMOUNT],
    CC1[FEE],
    CC1[MARGIN],
    CC1[TOTAL],
    TRANSPARENT,
];

/// Free-text category columns whose case variants are merged (see [`read_rpw_csv`]).
const CATEGORIES: [usize; 6] = [
    SOURCE_REGION,
    DEST_REGION,
    FIRM_TYPE,
    INSTRUMENT,
    ACCESS_POINT,
    SPEED,
];

/// Options of the RPW readers.
///
/// `tolerance_pct` is how far, in percentage points, a row's stated `total cost %` may be from
/// `fee / amount × 100 + fx margin` before the row is reported as
/// [`inconsistent_total`](crate::IssueReason::InconsistentTotal) (the row is kept either way).
/// The default, 0.01 points, allows for the published two-decimal rounding of each term.
///
/// ```
/// use remitcost::{Decimal, ReadOptions};
/// assert_eq!(ReadOptions::default().tolerance_pct, Decimal::new(1, 2));
/// let strict = ReadOptions::default().with_tolerance_pct(Decimal::ZERO);
/// assert_eq!(strict.tolerance_pct, Decimal::ZERO);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReadOptions {
    /// Tolerance of the total-cost check, percentage points (inclusive).
    pub tolerance_pct: Decimal,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            tolerance_pct: Decimal::new(1, 2),
        }
    }
}

impl ReadOptions {
    /// These options with another total-cost tolerance (percentage points; its sign is
    /// ignored).
    ///
    /// ```
    /// let o = remitcost::ReadOptions::default().with_tolerance_pct("0.05".parse().unwrap());
    /// assert_eq!(o.tolerance_pct.to_string(), "0.05");
    /// ```
    pub fn with_tolerance_pct(mut self, tolerance_pct: Decimal) -> Self {
        self.tolerance_pct = tolerance_pct.abs();
        self
    }
}

/// The rows of an RPW-layout dataset that passed validation, and the report on all of them.
///
/// ```
/// let json = r#"[{"period":"2025_1Q","source_code":"FRA","destination_code":"SEN",
///   "firm":"A","firm_type":"Bank","payment instrument":"Cash","access point":"Cash",
///   "speed actual":"Same day","cc1 lcu amount":"180","cc1 lcu fee":"9",
///   "cc1 fx margin":"-0.5","cc1 total cost %":"4.5","transparent":"yes"}]"#;
/// let data = remitcost::read_rpw_json(json.as_bytes()).unwrap();
/// assert_eq!(data.observations.len(), 1);
/// assert_eq!(data.observations[0].cc1.as_ref().unwrap().fx_margin_pct.to_string(), "-0.5");
/// assert!(data.report.is_clean());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dataset {
    /// The kept rows, in input order.
    pub observations: Vec<Observation>,
    /// What was read, kept, rejected and flagged.
    pub report: ValidationReport,
}

/// Reads an RPW-layout CSV with the default [`ReadOptions`].
///
/// The layout is the World Bank's RPW dataset as published (`id, period, source_code, …,
/// cc1 lcu amount, …, cc1 total cost %, cc2 …, inter lcu bank fx, transparent, …, corridor`),
/// in any column order. Required columns: `period, source_code, destination_code, firm,
/// firm_type, payment instrument, access point, speed actual, cc1 lcu amount, cc1 lcu fee,
/// cc1 fx margin, cc1 total cost %, transparent`; if any is missing nothing is read and the
/// error is [`Error::MissingColumn`] naming them all. Other known columns are optional
/// (absent text reads as empty, an absent `cc2` block as `None`); unknown columns are kept in
/// each row's `extra` under their published name, and cells past the header (unnamed
/// trailing columns) are kept as `column_N` when not empty.
///
/// Row rules:
/// - **errors** (row rejected, listed in the report): empty or bad `period`; `source_code` or
///   `destination_code` not three ASCII letters (they are uppercased); in a price block that
///   states any price value (amount, fee, rate, margin or total: a block with none of them is
///   absent, `None`, whatever its denomination amount and code say), an empty or non-numeric amount, fee, fx margin or total cost, an amount
///   ≤ 0, an unknown `lcu code`; a non-numeric rate or denomination; a fee below zero, or a
///   total cost % below zero while the fx margin is not negative (`negative_cost`: neither is
///   a price); `transparent` not one of yes/no/y/n/true/false/1/0 (any case); a row with
///   neither block; a cell that is not UTF-8.
/// - **warnings** (row kept): empty descriptive text (`firm`, `firm_type`, instrument, access
///   point, speed); a total cost off `fee / amount × 100 + margin` by more than the tolerance;
///   a `corridor` cell that is not `source_code + destination_code`.
/// - an `lcu fx rate` of exactly 1 is the data's "not comparable" sentinel and is read as
///   `None` (counted in `sentinel_fx_rates`); a negative fx margin is a real quote (the
///   provider's rate beats the reference) and is kept with its sign, as is a negative total
///   cost % that comes with one (its distance from `fee / amount × 100 + margin` is checked
///   like any total's); the fx margin itself has no bound.
/// - text is trimmed with inner white space collapsed; in the category columns (regions,
///   `firm_type`, `payment instrument`, `access point`, `speed actual`) the items of a
///   comma-separated combination are written `a, b` (empty items dropped, order kept), and
///   spellings that differ only in case are one category, written as first met in the file
///   (`Credit Card`, then `credit  card` → `Credit Card`; `Cash,debit card` after
///   `Cash, Debit card` → `Cash, Debit card`). Other text is kept as published, including
///   the data's `..` ("not classified") in region columns.
///
/// ```
/// let csv = "\u{feff}Period , SOURCE_CODE,destination_code,firm,firm_type,payment instrument,\
/// access point,speed actual,cc1 lcu amount,cc1 lcu code,cc1 lcu fee,cc1 lcu fx rate,\
/// cc1 fx margin,cc1 total cost %,transparent,\r\n\
/// 2025_1Q,FRA,SEN,A,Bank,Credit Card,Cash,Same day,180,EUR,5,655.957,1.0,3.7778,no,x\r\n\
/// 2025_1Q,fra,SEN,B,MTO,credit  card,Cash,Same day,180,EUR,5,1,1.0,3.7778,YES\r\n";
/// let data = remitcost::read_rpw_csv(csv.as_bytes()).unwrap();
/// let [a, b] = &data.observations[..] else { panic!() };
/// assert_eq!(b.source_code, "FRA");
/// assert_eq!(b.instrument, "Credit Card");
/// assert_eq!(b.cc1.as_ref().unwrap().fx_rate, None); // the sentinel 1
/// assert_eq!(a.extra["column_16"], "x");
/// assert_eq!((data.report.non_transparent, data.report.sentinel_fx_rates), (1, 1));
///
/// let err = remitcost::read_rpw_csv("period,firm\n".as_bytes()).unwrap_err();
/// assert_eq!(err.code(), "missing_column");
/// ```
#[cfg(feature = "csv")]
pub fn read_rpw_csv<R: Read>(reader: R) -> Result<Dataset> {
    read_rpw_csv_with(reader, &ReadOptions::default())
}

/// Reads an RPW-layout CSV with the given options (see [`read_rpw_csv`]).
///
/// ```
/// use remitcost::{Decimal, ReadOptions};
/// let csv = "period,source_code,destination_code,firm,firm_type,payment instrument,\
/// access point,speed actual,cc1 lcu amount,cc1 lcu fee,cc1 fx margin,cc1 total cost %,transparent\n\
/// 2025_1Q,FRA,SEN,A,Bank,Cash,Cash,Same day,180,5,1,3.80,yes\n";
/// // 5 / 180 × 100 + 1 = 3.7777…: 0.022 points off the stated 3.80
/// let loose = remitcost::read_rpw_csv_with(csv.as_bytes(), &ReadOptions::default()).unwrap();
/// assert_eq!(loose.report.issues[0].reason.code(), "inconsistent_total");
/// assert_eq!(loose.observations.len(), 1); // reported, not dropped
/// let options = ReadOptions::default().with_tolerance_pct(Decimal::new(5, 2));
/// let wide = remitcost::read_rpw_csv_with(csv.as_bytes(), &options).unwrap();
/// assert!(wide.report.is_clean());
/// ```
#[cfg(feature = "csv")]
pub fn read_rpw_csv_with<R: Read>(reader: R, options: &ReadOptions) -> Result<Dataset> {
    let mut rows: Option<RowReader> = None;
    let mut skipped_before_header = 0usize;
    super::for_each_record(reader, |record| {
        match rows.as_mut() {
            Some(rows) => {
                if record.is_blank() {
                    rows.report.lines_skipped = rows.report.lines_skipped.saturating_add(1);
                } else {
                    rows.row(record.line, &record.cells, &record.bad_utf8);
                }
            }
            None if record.is_blank() => {
                skipped_before_header = skipped_before_header.saturating_add(1);
            }
            None => rows = Some(RowReader::new(&record.cells, options)?),
        }
        Ok(())
    })?;
    let mut rows = rows.ok_or_else(|| Error::InvalidCsv("no header line".into()))?;
    rows.report.lines_skipped = rows
        .report
        .lines_skipped
        .saturating_add(skipped_before_header);
    Ok(rows.finish())
}

/// Reads an RPW-layout JSON document with the default [`ReadOptions`].
///
/// The JSON form is an array of row objects keyed by the same column names as the CSV (matched
/// the same tolerant way, any key order, unknown keys kept in `extra`); values are strings as
/// in the CSV, though numbers, booleans and `null` (read as empty) are accepted too. The
/// header is the union of the keys of all objects, so a required column missing from every
/// object is [`Error::MissingColumn`], and one missing from some objects only is a missing
/// value on those rows. A row's number is its 1-based position in the array. Every rule of
/// [`read_rpw_csv`] applies. A document that is not an array of objects of scalar values is
/// [`Error::InvalidJson`]; an empty array is an empty dataset. A leading UTF-8 byte-order mark
/// is skipped.
///
/// ```
/// let json = r#"[{"period":"2025_1Q","source_code":"FRA","destination_code":"SEN",
///   "firm":"A","firm_type":"Bank","payment instrument":"Cash","access point":"Cash",
///   "speed actual":"Same day","cc1 lcu amount":180,"cc1 lcu fee":"5","cc1 lcu code":"EURO",
///   "cc1 fx margin":"1","cc1 total cost %":"3.78","transparent":true}]"#;
/// let data = remitcost::read_rpw_json(json.as_bytes()).unwrap();
/// assert!(data.observations.is_empty());
/// assert_eq!(data.report.issues[0].reason.code(), "unknown_currency");
/// assert_eq!(remitcost::read_rpw_json("{}".as_bytes()).unwrap_err().code(), "invalid_json");
/// ```
pub fn read_rpw_json<R: Read>(reader: R) -> Result<Dataset> {
    read_rpw_json_with(reader, &ReadOptions::default())
}

/// Reads an RPW-layout JSON document with the given options (see [`read_rpw_json`]).
///
/// ```
/// let data = remitcost::read_rpw_json_with("[]".as_bytes(), &Default::default()).unwrap();
/// assert_eq!(data.report.rows_read, 0);
/// ```
pub fn read_rpw_json_with<R: Read>(mut reader: R, options: &ReadOptions) -> Result<Dataset> {
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| Error::InvalidJson(e.to_string().to_lowercase()))?;
    // A leading byte-order mark, as Windows tools write it, as the CSV reader allows.
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let value: serde_json::Value = serde_json::from_slice(text)?;
    let serde_json::Value::Array(items) = value else {
        return Err(Error::InvalidJson(
            "expected an array of row objects".into(),
        ));
    };
    let mut header: Vec<String> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut rows: Vec<Vec<(usize, String)>> = Vec::with_capacity(items.len());
    for (n, item) in items.into_iter().enumerate() {
        let serde_json::Value::Object(map) = item else {
            return Err(Error::InvalidJson(format!(
                "row {} is not an object",
                n.saturating_add(1)
            )));
        };
        let mut cells = Vec::with_capacity(map.len());
        for (key, value) in map {
            let text = match value {
                serde_json::Value::String(s) => s,
                serde_json::Value::Number(num) => num.to_string(),
                serde_json::Value::Bool(b) => b.to_string(),
                serde_json::Value::Null => String::new(),
                _ => {
                    return Err(Error::InvalidJson(format!(
                        "row {}, {key:?}: expected a string, number, boolean or null",
                        n.saturating_add(1)
                    )))
                }
            };
            let at = *index.entry(key.clone()).or_insert_with(|| {
                header.push(key);
                header.len().saturating_sub(1)
            });
            cells.push((at, text.trim().to_string()));
        }
        rows.push(cells);
    }
    if rows.is_empty() {
        return Ok(Dataset {
            observations: Vec::new(),
            report: ValidationReport {
                tolerance_pct: Some(options.tolerance_pct),
                ..ValidationReport::default()
            },
        });
    }
    let mut reader = RowReader::new(&header, options)?;
    for (n, cells) in rows.into_iter().enumerate() {
        let mut line = vec![String::new(); header.len()];
        for (at, text) in cells {
            if let Some(slot) = line.get_mut(at) {
                *slot = text;
            }
        }
        reader.row(n.saturating_add(1), &line, &[]);
    }
    Ok(reader.finish())
}

/// Where each column is in the input.
struct Layout {
    /// Position of each of [`COLUMNS`].
    pos: [Option<usize>; COLUMNS.len()],
    /// Header name of every position (empty for unnamed).
    names: Vec<String>,
    /// Positions of named columns the reader does not interpret.
    extra: Vec<usize>,
}

/// Validates rows one by one against a header, collecting observations and the report.
struct RowReader {
    layout: Layout,
    tolerance: Decimal,
    /// Case-insensitive category spelling → the spelling first met, per column.
    categories: HashMap<(usize, String), String>,
    /// Raw cell text → its category, per category column (a cache: most rows repeat a few
    /// spellings).
    seen: [HashMap<String, String>; CATEGORIES.len()],
    observations: Vec<Observation>,
    report: ValidationReport,
}

impl RowReader {
    fn new(header: &[String], options: &ReadOptions) -> Result<RowReader> {
        let mut pos = [None; COLUMNS.len()];
        let mut extra = Vec::new();
        let mut names = Vec::with_capacity(header.len());
        let mut extra_names = Vec::new();
        for (i, raw) in header.iter().enumerate() {
            let name = collapse_spaces(raw.trim_start_matches('\u{feff}'));
            let key = header_key(&name);
            match COLUMNS.iter().position(|c| *c == key) {
                Some(k) if pos.get(k).is_some_and(Option::is_none) => {
                    if let Some(slot) = pos.get_mut(k) {
                        *slot = Some(i);
                    }
                }
                _ if !name.is_empty() => {
                    extra.push(i);
                    extra_names.push(name.clone());
                }
                _ => {}
            }
            names.push(name);
        }
        let missing: Vec<&str> = REQUIRED
            .iter()
            .filter(|&&k| pos.get(k).is_some_and(Option::is_none))
            .filter_map(|&k| COLUMNS.get(k).copied())
            .collect();
        if !missing.is_empty() {
            return Err(Error::MissingColumn(missing.join(", ")));
        }
        Ok(RowReader {
            layout: Layout { pos, names, extra },
            tolerance: options.tolerance_pct.abs(),
            categories: HashMap::new(),
            seen: Default::default(),
            observations: Vec::new(),
            report: ValidationReport {
                extra_columns: extra_names,
                tolerance_pct: Some(options.tolerance_pct.abs()),
                ..ValidationReport::default()
            },
        })
    }

    fn finish(self) -> Dataset {
        Dataset {
            observations: self.observations,
            report: self.report,
        }
    }

    fn category(&mut self, slot: usize, column: usize, text: &str) -> String {
        if let Some(known) = self.seen.get(slot).and_then(|seen| seen.get(text)) {
            return known.clone();
        }
        let canonical = self.normalise(column, text);
        if let Some(seen) = self.seen.get_mut(slot) {
            seen.insert(text.to_string(), canonical.clone());
        }
        canonical
    }

    fn normalise(&mut self, column: usize, text: &str) -> String {
        let mut text = collapse_spaces(text);
        if text.contains(',') {
            let parts: Vec<&str> = text
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .collect();
            text = parts.join(", ");
        }
        self.categories
            .entry((column, text.to_lowercase()))
            .or_insert(text)
            .clone()
    }

    fn row(&mut self, line: usize, cells: &[String], bad_utf8: &[usize]) {
        self.report.rows_read = self.report.rows_read.saturating_add(1);
        let mut row = Row {
            line,
            cells,
            layout: &self.layout,
            report: &mut self.report,
            error: false,
        };
        for &i in bad_utf8 {
            let field = row.name_at(i);
            row.flag(
                &field,
                IssueReason::InvalidText,
                "not valid utf-8".into(),
                true,
            );
        }
        let period = match row.text(PERIOD) {
            "" => row.missing(PERIOD, true),
            text => match text.parse::<Period>() {
                Ok(p) => Some(p),
                Err(e) => {
                    row.flag(COLUMNS[PERIOD], IssueReason::BadPeriod, e.to_string(), true);
                    None
                }
            },
        };
        let source_code = row.country(SOURCE_CODE);
        let destination_code = row.country(DEST_CODE);
        let stated = row.text(TRANSPARENT).to_string();
        let transparent = match stated.to_ascii_lowercase().as_str() {
            "" => row.missing(TRANSPARENT, true),
            "yes" | "y" | "true" | "1" => Some(true),
            "no" | "n" | "false" | "0" => Some(false),
            _ => {
                let detail = format!("expected yes or no, got {stated:?}");
                row.flag(COLUMNS[TRANSPARENT], IssueReason::BadBoolean, detail, true);
                None
            }
        };
        for k in [FIRM, FIRM_TYPE, INSTRUMENT, ACCESS_POINT, SPEED] {
            if row.text(k).is_empty() {
                row.missing::<()>(k, false);
            }
        }
        let interbank_fx = row.optional_number(INTERBANK);
        let (cc1, sentinel1) = row.price(CC1, self.tolerance);
        let (cc2, sentinel2) = row.price(CC2, self.tolerance);
        if cc1.is_none() && cc2.is_none() && !row.error {
            let detail = "neither cc1 nor cc2 has a value".into();
            row.flag("", IssueReason::NoPrice, detail, true);
        }
        if let (Some(src), Some(dst)) = (&source_code, &destination_code) {
            let corridor = row.text(CORRIDOR);
            if !corridor.is_empty() && !corridor.eq_ignore_ascii_case(&format!("{src}{dst}")) {
                let detail = format!("{corridor:?} is not {src}{dst}");
                row.flag(
                    COLUMNS[CORRIDOR],
                    IssueReason::CorridorMismatch,
                    detail,
                    false,
                );
            }
        }
        let rejected = row.error;
        let (Some(period), Some(source_code), Some(destination_code), Some(transparent), false) =
            (period, source_code, destination_code, transparent, rejected)
        else {
            self.report.rows_rejected = self.report.rows_rejected.saturating_add(1);
            return;
        };
        let mut extra = BTreeMap::new();
        for &i in &self.layout.extra {
            let name = self.layout.names.get(i).cloned().unwrap_or_default();
            let value = cells.get(i).cloned().unwrap_or_default();
            extra.entry(name).or_insert(value);
        }
        for (i, value) in cells.iter().enumerate() {
            let unnamed = self.layout.names.get(i).is_none_or(String::is_empty);
            if unnamed && !value.is_empty() {
                extra.insert(format!("column_{}", i.saturating_add(1)), value.clone());
            }
        }
        let layout = &self.layout;
        let text = |k: usize| -> String {
            layout
                .pos
                .get(k)
                .copied()
                .flatten()
                .and_then(|i| cells.get(i))
                .map(|s| collapse_spaces(s))
                .unwrap_or_default()
        };
        let id = Some(text(ID)).filter(|s| !s.is_empty());
        let (source_name, destination_name, firm) =
            (text(SOURCE_NAME), text(DEST_NAME), text(FIRM));
        let raw = CATEGORIES.map(|k| {
            layout
                .pos
                .get(k)
                .copied()
                .flatten()
                .and_then(|i| cells.get(i))
                .map_or("", String::as_str)
        });
        let mut categories = CATEGORIES
            .into_iter()
            .zip(raw)
            .enumerate()
            .map(|(slot, (k, t))| self.category(slot, k, t));
        let mut next = || categories.next().unwrap_or_default();
        let (source_region, destination_region) = (next(), next());
        let (firm_type, instrument, access_point, speed) = (next(), next(), next(), next());
        if !transparent {
            self.report.non_transparent = self.report.non_transparent.saturating_add(1);
        }
        if sentinel1 || sentinel2 {
            self.report.sentinel_fx_rates = self.report.sentinel_fx_rates.saturating_add(1);
        }
        self.report.rows_kept = self.report.rows_kept.saturating_add(1);
        self.observations.push(Observation {
            row: line,
            id,
            period,
            source_code,
            source_name,
            source_region,
            destination_code,
            destination_name,
            destination_region,
            firm,
            firm_type,
            instrument,
            access_point,
            speed,
            transparent,
            cc1,
            cc2,
            interbank_fx,
            extra,
        });
    }
}

/// One row being validated.
struct Row<'a> {
    line: usize,
    cells: &'a [String],
    layout: &'a Layout,
    report: &'a mut ValidationReport,
    /// Whether an error (not a warning) was flagged.
    error: bool,
}

impl Row<'_> {
    fn text(&self, column: usize) -> &str {
        self.layout
            .pos
            .get(column)
            .copied()
            .flatten()
            .and_then(|i| self.cells.get(i))
            .map_or("", String::as_str)
    }

    fn name_at(&self, i: usize) -> String {
        match self.layout.names.get(i) {
            Some(name) if !name.is_empty() => name.clone(),
            _ => format!("column_{}", i.saturating_add(1)),
        }
    }

    fn flag(&mut self, field: &str, reason: IssueReason, detail: String, error: bool) {
        let severity = if error {
            self.error = true;
            Severity::Error
        } else {
            Severity::Warning
        };
        self.report.push(self.line, field, reason, detail, severity);
    }

    fn missing<T>(&mut self, column: usize, error: bool) -> Option<T> {
        let name = COLUMNS.get(column).copied().unwrap_or_default();
        self.flag(name, IssueReason::MissingValue, "empty".into(), error);
        None
    }

    fn country(&mut self, column: usize) -> Option<String> {
        let text = self.text(column).to_string();
        if text.is_empty() {
            return self.missing(column, true);
        }
        let code = country_code(&text);
        if code.is_none() {
            let detail = format!("expected three letters, got {text:?}");
            self.flag(COLUMNS[column], IssueReason::BadCountryCode, detail, true);
        }
        code
    }

    fn optional_number(&mut self, column: usize) -> Option<Decimal> {
        match self.text(column) {
            "" => None,
            text => match parse_decimal(text) {
                Ok(v) => Some(v),
                Err(e) => {
                    self.flag(COLUMNS[column], IssueReason::BadNumber, e.to_string(), true);
                    None
                }
            },
        }
    }

    fn number(&mut self, column: usize) -> Option<Decimal> {
        if self.text(column).is_empty() {
            self.missing(column, true)
        } else {
            self.optional_number(column)
        }
    }

    /// The price block starting at `base`: `None` when the block is absent or empty (or
    /// invalid, flagged), and whether its fx rate was the sentinel 1.
    fn price(&mut self, block: [usize; 7], tolerance: Decimal) -> (Option<Price>, bool) {
        // Absent when no price value is stated (the denomination amount and the currency code
        // describe the block and may be filled alone).
        let priced = [AMOUNT, FEE, RATE, MARGIN, TOTAL];
        if priced
            .iter()
            .all(|&at| block.get(at).is_none_or(|&k| self.text(k).is_empty()))
        {
            return (None, false);
        }
        let amount = self.number(block[AMOUNT]);
        let denomination_amount = self.optional_number(block[DENOMINATION]);
        let currency = match self.text(block[CODE]) {
            "" => None,
            code => match Currency::parse(code) {
                Ok(c) => Some(c),
                Err(e) => {
                    let name = COLUMNS[block[CODE]];
                    self.flag(name, IssueReason::UnknownCurrency, e.to_string(), true);
                    None
                }
            },
        };
        let fee = self.number(block[FEE]);
        let rate = self.optional_number(block[RATE]);
        let margin = self.number(block[MARGIN]);
        let total = self.number(block[TOTAL]);
        if let Some(a) = amount.filter(|a| *a <= Decimal::ZERO) {
            let detail = format!("amount sent {a} is not positive");
            self.flag(COLUMNS[block[AMOUNT]], IssueReason::BadAmount, detail, true);
            return (None, false);
        }
        // A fee is money charged: below zero it is not a price. A negative margin (a rate
        // better than the reference) is a real quote and may take the total below zero, but
        // with no negative margin a negative total cannot come from any fee.
        let mut negative = false;
        if let Some(f) = fee.filter(|f| *f < Decimal::ZERO) {
            let detail = format!("fee {f} is negative");
            self.flag(COLUMNS[block[FEE]], IssueReason::NegativeCost, detail, true);
            negative = true;
        }
        if let (Some(t), Some(m)) = (total, margin) {
            if t < Decimal::ZERO && m >= Decimal::ZERO {
                let detail = format!("total cost {t} is negative with a fx margin of {m}");
                self.flag(
                    COLUMNS[block[TOTAL]],
                    IssueReason::NegativeCost,
                    detail,
                    true,
                );
                negative = true;
            }
        }
        let (Some(amount), Some(fee), Some(fx_margin_pct), Some(total_cost_pct), false) =
            (amount, fee, margin, total, negative)
        else {
            return (None, false);
        };
        let computed = pct_of(fee, amount, "total cost check")
            .and_then(|fee_pct| add(fee_pct, fx_margin_pct, "total cost check"));
        match computed.and_then(|c| Ok((c, sub(total_cost_pct, c, "total cost check")?))) {
            Ok((computed, gap)) if gap.abs() > tolerance => {
                let detail = format!(
                    "stated {total_cost_pct}, fee / amount × 100 + margin = {}",
                    computed.round_dp(4)
                );
                let name = COLUMNS[block[TOTAL]];
                self.flag(name, IssueReason::InconsistentTotal, detail, false);
            }
            Ok(_) => {}
            Err(e) => {
                let name = COLUMNS[block[TOTAL]];
                self.flag(name, IssueReason::Overflow, e.to_string(), false);
            }
        }
        let sentinel = rate == Some(Decimal::ONE);
        let price = Price {
            amount,
            denomination_amount,
            currency,
            fee,
            fx_rate: rate.filter(|_| !sentinel),
            fx_margin_pct,
            total_cost_pct,
        };
        (Some(price), sentinel)
    }
}
