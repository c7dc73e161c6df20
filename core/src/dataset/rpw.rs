//! The RPW layout: one row per service (provider × product) per corridor per quarter.

use super::report::{IssueReason, Severity, ValidationReport};
use super::{collapse_spaces, country_code, header_key};
use crate::currency::Currency;
use crate::decimal::{add, apply_pct, parse_decimal, pct_of, sub};
use crate::error::{Error, Result};
use crate::observation::{Observation, Period, Price};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};
use std::io::Read;

/// The columns the reader interprets, by their published names (matched case- and
/// space-insensitively; the pre-2016 names in [`ALIASES`]). Every other column is kept in
/// [`Observation::extra`].
const COLUMNS: [&str; 33] = [
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
    "product",
    "receiving network coverage",
    "pickup method",
];

/// The pre-2016 layout's names (sheet "Dataset (up to Q1 2016)" and the CSV exports of that
/// time) for columns that today's layout names otherwise: `sending location` is the access
/// point, `coverage` the receiving network coverage, `pick-up method` the pickup method.
/// (`product` is not an alias: it is its own classification, kept in [`Observation::product`].)
const ALIASES: [(&str, usize); 3] = [
    ("sending location", ACCESS_POINT),
    ("coverage", COVERAGE),
    ("pick-up method", PICKUP_METHOD),
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
const PRODUCT: usize = 30;
const COVERAGE: usize = 31;
const PICKUP_METHOD: usize = 32;

/// Offsets within a `ccN` block.
const AMOUNT: usize = 0;
const DENOMINATION: usize = 1;
const CODE: usize = 2;
const FEE: usize = 3;
const RATE: usize = 4;
const MARGIN: usize = 5;
const TOTAL: usize = 6;

/// Columns whose absence from the header is fatal ([`Error::MissingColumn`]); besides, one of
/// `payment instrument` (today's layout) and `product` (the pre-2016 one) must be there.
const REQUIRED: [usize; 12] = [
    PERIOD,
    SOURCE_CODE,
    DEST_CODE,
    FIRM,
    FIRM_TYPE,
    ACCESS_POINT,
    SPEED,
    CC1[AMOUNT],
    CC1[FEE],
    CC1[MARGIN],
    CC1[TOTAL],
    TRANSPARENT,
];

/// Free-text category columns whose case variants are merged (see [`read_rpw_csv`]).
const CATEGORIES: [usize; 9] = [
    SOURCE_REGION,
    DEST_REGION,
    FIRM_TYPE,
    INSTRUMENT,
    ACCESS_POINT,
    SPEED,
    PRODUCT,
    COVERAGE,
    PICKUP_METHOD,
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
/// The layout is the World Bank's RPW dataset as published, in either of its two forms, in
/// any column order:
/// - today's (the workbook sheet "Dataset (from Q2 2016)": `id, period, source_code, …,
///   payment instrument, access point, speed actual, cc1 lcu amount, …, cc1 total cost %,
///   cc2 …, inter lcu bank fx, transparent, Standard Note, note2, receiving network coverage,
///   pickup location, pickup method, date, corridor`);
/// - the pre-2016 one (sheet "Dataset (up to Q1 2016)" and the CSV exports of that time),
///   whose `product` is its own classification (kept in [`Observation::product`], not read as
///   the payment instrument), and whose `sending location`, `coverage` and `pick-up method`
///   are today's access point, receiving network coverage and pickup method. Such exports
///   may lack the name, region and `corridor` columns (read as empty).
///
/// Required columns: `period, source_code, destination_code, firm, firm_type, access point`
/// (or `sending location`), `speed actual, cc1 lcu amount, cc1 lcu fee, cc1 fx margin,
/// cc1 total cost %, transparent`, and `payment instrument` or `product`; if any is missing
/// nothing is read and the error is [`Error::MissingColumn`] naming them all. Other known
/// columns are optional (absent text reads as empty, an absent `cc2` block as `None`);
/// unknown columns are kept in each row's `extra` under their published name (never an
/// error), and cells past the header (unnamed trailing columns) are kept as `column_N` when
/// not empty.
///
/// Each amount block (`cc1` for USD 200, `cc2` for USD 500) stands alone: a defect in one is
/// reported against its fields and leaves that block `None`, never the other. A row is
/// rejected only for a defect of the row itself or when no block prices it.
///
/// Row rules:
/// - **row errors** (row rejected, listed in the report): empty or bad `period`;
///   `source_code` or `destination_code` not three ASCII letters (they are uppercased);
///   `transparent` not one of yes/no/y/n/true/false/1/0 (any case); a cell that is not UTF-8;
///   no block left with a price (`no_price` when neither states one).
/// - **block errors** (the block left out, the row kept if the other block prices it): in a
///   block that states a fee, fx margin or total cost, an empty or non-numeric amount, two or
///   more of fee, margin and total empty, a non-numeric value, an amount ≤ 0, a fee below
///   zero, or a total cost % below zero while the fx margin is not negative
///   (`negative_cost`: neither is a price).
/// - **warnings** (kept): a block with an amount (or rate) and no fee, margin or total is
///   *not offered* at that amount (`not_offered`, the block `None`); one blank among fee,
///   fx margin and total cost is the value the other two imply by `total cost % = fee /
///   amount × 100 + fx margin` (`implied_value`, the one rule for blanks); an `lcu code` not
///   in ISO 4217 (`unknown_currency`) is resolved where the sending country makes it
///   unambiguous (`CFA` from a WAEMU country is `XOF`, from a CEMAC country `XAF`; ISO 4217)
///   and is `None` otherwise — a percentage needs no currency; empty descriptive text (`firm`,
///   `firm_type`, instrument, product, access point, speed); a total cost off `fee / amount ×
///   100 + margin` by more than the tolerance; a `corridor` cell that is not `source_code +
///   destination_code`. Issues name each field as the input spells it.
/// - an `lcu fx rate` of exactly 1 is the data's "not comparable" sentinel and is read as
///   `None` (counted in `sentinel_fx_rates`); a negative fx margin is a real quote (the
///   provider's rate beats the reference) and is kept with its sign, as is a negative total
///   cost % that comes with one (its distance from `fee / amount × 100 + margin` is checked
///   like any total's); the fx margin itself has no bound.
/// - text is trimmed with inner white space collapsed; in the category columns (regions,
///   `firm_type`, `payment instrument`, `access point`, `speed actual`, `product`, coverage,
///   pickup method) the items of a
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
    rows.skipped(skipped_before_header);
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
/// // Not ISO 4217: reported, and the percentage kept (it needs no currency).
/// assert_eq!(data.observations[0].cc1.as_ref().unwrap().currency, None);
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
pub(crate) struct RowReader {
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
    pub(crate) fn new(header: &[String], options: &ReadOptions) -> Result<RowReader> {
        let mut pos = [None; COLUMNS.len()];
        let mut extra = Vec::new();
        let mut names = Vec::with_capacity(header.len());
        let mut extra_names = Vec::new();
        for (i, raw) in header.iter().enumerate() {
            let name = collapse_spaces(raw.trim_start_matches('\u{feff}'));
            let key = header_key(&name);
            let known = COLUMNS.iter().position(|c| *c == key).or_else(|| {
                ALIASES
                    .iter()
                    .find_map(|(alias, k)| (*alias == key).then_some(*k))
            });
            match known {
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
        let absent = |k: usize| pos.get(k).is_some_and(Option::is_none);
        let mut missing: Vec<&str> = REQUIRED
            .iter()
            .filter(|&&k| absent(k))
            .filter_map(|&k| COLUMNS.get(k).copied())
            .collect();
        if absent(INSTRUMENT) && absent(PRODUCT) {
            missing.push("payment instrument (or product)");
        }
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

    /// Counts records skipped as not data (blank rows).
    #[cfg(any(feature = "csv", feature = "xlsx"))]
    pub(crate) fn skipped(&mut self, n: usize) {
        self.report.lines_skipped = self.report.lines_skipped.saturating_add(n);
    }

    pub(crate) fn finish(self) -> Dataset {
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

    pub(crate) fn row(&mut self, line: usize, cells: &[String], bad_utf8: &[usize]) {
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
                    let field = row.field(PERIOD);
                    row.flag(&field, IssueReason::BadPeriod, e.to_string(), true);
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
                let field = row.field(TRANSPARENT);
                row.flag(&field, IssueReason::BadBoolean, detail, true);
                None
            }
        };
        for k in [FIRM, FIRM_TYPE, INSTRUMENT, PRODUCT, ACCESS_POINT, SPEED] {
            if row.present(k) && row.text(k).is_empty() {
                row.missing::<()>(k, false);
            }
        }
        let interbank_fx = row.optional_number(INTERBANK);
        let source = source_code.as_deref();
        let blocks = [CC1, CC2].map(|block| row.price(block, self.tolerance, source));
        let block_rejected = blocks.iter().any(|b| matches!(b, Block::Rejected));
        let [(cc1, sentinel1), (cc2, sentinel2)] = blocks.map(Block::into_price);
        if cc1.is_none() && cc2.is_none() {
            if block_rejected {
                // Each defect is already listed against its block: no price is left.
                row.error = true;
            } else if !row.error {
                let detail = "neither cc1 nor cc2 has a price".into();
                row.flag("", IssueReason::NoPrice, detail, true);
            }
        }
        if let (Some(src), Some(dst)) = (&source_code, &destination_code) {
            let corridor = row.text(CORRIDOR);
            if !corridor.is_empty() && !corridor.eq_ignore_ascii_case(&format!("{src}{dst}")) {
                let detail = format!("{corridor:?} is not {src}{dst}");
                let field = row.field(CORRIDOR);
                row.flag(&field, IssueReason::CorridorMismatch, detail, false);
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
        // A block's `lcu code` as published, where its `currency` does not say it (a code not
        // in ISO 4217, `CFA` read as XOF or XAF, a block without a price), so that grouping
        // by the column sees what the data says.
        for (block, price) in [(CC1, &cc1), (CC2, &cc2)] {
            let Some(i) = self.layout.pos.get(block[CODE]).copied().flatten() else {
                continue;
            };
            let code = cells.get(i).map_or("", |c| c.trim());
            let said = price
                .as_ref()
                .and_then(|p| p.currency)
                .is_some_and(|c| c.code().eq_ignore_ascii_case(code));
            if !code.is_empty() && !said {
                let name = self.layout.names.get(i).cloned().unwrap_or_default();
                extra.insert(name, code.to_string());
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
        let (product, coverage, pickup_method) = (next(), next(), next());
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
            product,
            access_point,
            coverage,
            pickup_method,
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

    /// A column's name as this input spells it (a pre-2016 alias stays an alias), or its
    /// published name when the input does not have it.
    fn field(&self, column: usize) -> String {
        match self.layout.pos.get(column).copied().flatten() {
            Some(i) => self.name_at(i),
            None => COLUMNS.get(column).copied().unwrap_or_default().to_string(),
        }
    }

    /// Whether the input has this column.
    fn present(&self, column: usize) -> bool {
        self.layout.pos.get(column).copied().flatten().is_some()
    }

    fn missing<T>(&mut self, column: usize, error: bool) -> Option<T> {
        let name = self.field(column);
        self.flag(&name, IssueReason::MissingValue, "empty".into(), error);
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
            let field = self.field(column);
            self.flag(&field, IssueReason::BadCountryCode, detail, true);
        }
        code
    }

    fn optional_number(&mut self, column: usize) -> Option<Decimal> {
        match self.text(column) {
            "" => None,
            text => match parse_decimal(text) {
                Ok(v) => Some(v),
                Err(e) => {
                    let field = self.field(column);
                    self.flag(&field, IssueReason::BadNumber, e.to_string(), true);
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

    /// One amount block (`cc1` or `cc2`), standing alone: every defect is flagged against
    /// this block and leaves only this block out, never the row. `source` is the row's sending
    /// country, which resolves a `CFA` currency code.
    fn price(&mut self, block: [usize; 7], tolerance: Decimal, source: Option<&str>) -> Block {
        let empty = |row: &Self, at: usize| block.get(at).is_none_or(|&k| row.text(k).is_empty());
        if [FEE, MARGIN, TOTAL].iter().all(|&at| empty(self, at)) {
            // The denomination amount and the currency code describe the block and may be
            // filled alone; an amount (or a rate) with no fee, margin or total is the survey's
            // way of saying the service is not offered at this amount.
            if [AMOUNT, RATE].iter().all(|&at| empty(self, at)) {
                return Block::Absent;
            }
            let detail = "no fee, fx margin or total cost: not offered at this amount".into();
            let field = self.field(block[TOTAL]);
            self.flag(&field, IssueReason::NotOffered, detail, false);
            return Block::NotOffered;
        }
        let row_error = std::mem::replace(&mut self.error, false);
        let price = self.priced(block, tolerance, source);
        let block_error = std::mem::replace(&mut self.error, row_error);
        match price {
            Some((price, sentinel)) if !block_error => Block::Priced(price, sentinel),
            _ => Block::Rejected,
        }
    }

    /// The price of a block that states a fee, margin or total (`None` when a defect was
    /// flagged), and whether its fx rate was the sentinel 1.
    fn priced(
        &mut self,
        block: [usize; 7],
        tolerance: Decimal,
        source: Option<&str>,
    ) -> Option<(Price, bool)> {
        let amount = self.number(block[AMOUNT]);
        let denomination_amount = self.optional_number(block[DENOMINATION]);
        let currency = self.currency(block[CODE], source);
        let fee = self.optional_number(block[FEE]);
        let rate = self.optional_number(block[RATE]);
        let margin = self.optional_number(block[MARGIN]);
        let total = self.optional_number(block[TOTAL]);
        let stated = [(FEE, fee), (MARGIN, margin), (TOTAL, total)];
        if stated.iter().filter(|(_, v)| v.is_none()).count() > 1 {
            for (at, _) in stated.iter().filter(|(_, v)| v.is_none()) {
                let column = block[*at];
                if self.text(column).is_empty() {
                    self.missing::<()>(column, true);
                }
            }
            return None;
        }
        let amount = amount?;
        if amount <= Decimal::ZERO {
            let detail = format!("amount sent {amount} is not positive");
            let field = self.field(block[AMOUNT]);
            self.flag(&field, IssueReason::BadAmount, detail, true);
            return None;
        }
        if self.error {
            return None;
        }
        let (fee, fx_margin_pct, total_cost_pct) =
            self.implied(block, amount, fee, margin, total)?;
        // A fee is money charged: below zero it is not a price. A negative margin (a rate
        // better than the reference) is a real quote and may take the total below zero, but
        // with no negative margin a negative total cannot come from any fee.
        if fee < Decimal::ZERO {
            let detail = format!("fee {fee} is negative");
            let field = self.field(block[FEE]);
            self.flag(&field, IssueReason::NegativeCost, detail, true);
        }
        if total_cost_pct < Decimal::ZERO && fx_margin_pct >= Decimal::ZERO {
            let detail = format!(
                "total cost {total_cost_pct} is negative with a fx margin of {fx_margin_pct}"
            );
            let field = self.field(block[TOTAL]);
            self.flag(&field, IssueReason::NegativeCost, detail, true);
        }
        if self.error {
            return None;
        }
        self.check_total(block, amount, fee, fx_margin_pct, total_cost_pct, tolerance);
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
        Some((price, sentinel))
    }

    /// The block's currency: an ISO 4217 code as stated; any other code is reported (a
    /// warning: a percentage does not need the currency) and resolved where the sending
    /// country makes it unambiguous (`CFA`, see [`cfa`](super::cfa)), else `None`.
    fn currency(&mut self, column: usize, source: Option<&str>) -> Option<Currency> {
        let code = self.text(column).to_string();
        if code.is_empty() {
            return None;
        }
        if let Ok(currency) = Currency::parse(&code) {
            return Some(currency);
        }
        let resolved = source.and_then(|s| super::cfa::resolve(&code, s));
        let (currency, detail) = match resolved {
            Some((iso, union)) => (
                Currency::parse(iso).ok(),
                format!("{code:?} is not iso 4217: read as {iso}, the cfa franc of the sending country ({union})"),
            ),
            None => (
                None,
                format!("{code:?} is not iso 4217: no currency kept (the percentages do not need one)"),
            ),
        };
        let field = self.field(column);
        self.flag(&field, IssueReason::UnknownCurrency, detail, false);
        currency
    }

    /// Fee, fx margin and total cost, with the one rule for a blank among them: RPW's
    /// identity `total cost % = fee / amount × 100 + fx margin` holds row by row, so when
    /// exactly one of the three is blank it is the value the other two imply (reported as
    /// [`implied_value`](IssueReason::ImpliedValue)). The caller has rejected two or more
    /// blanks as missing values.
    fn implied(
        &mut self,
        block: [usize; 7],
        amount: Decimal,
        fee: Option<Decimal>,
        margin: Option<Decimal>,
        total: Option<Decimal>,
    ) -> Option<(Decimal, Decimal, Decimal)> {
        const WHAT: &str = "implied value";
        let (column, value) = match (fee, margin, total) {
            (Some(f), Some(m), Some(t)) => return Some((f, m, t)),
            (None, Some(m), Some(t)) => (
                FEE,
                sub(t, m, WHAT).and_then(|p| apply_pct(amount, p, WHAT)),
            ),
            (Some(f), None, Some(t)) => (
                MARGIN,
                pct_of(f, amount, WHAT).and_then(|p| sub(t, p, WHAT)),
            ),
            (Some(f), Some(m), None) => {
                (TOTAL, pct_of(f, amount, WHAT).and_then(|p| add(p, m, WHAT)))
            }
            // Two or more blank: flagged by the caller.
            _ => return None,
        };
        let field = self.field(block[column]);
        let value = match value {
            Ok(v) => v.normalize(),
            Err(e) => {
                self.flag(&field, IssueReason::Overflow, e.to_string(), true);
                return None;
            }
        };
        let detail = format!(
            "blank: read as {value}, which total cost % = fee / amount × 100 + fx margin implies"
        );
        self.flag(&field, IssueReason::ImpliedValue, detail, false);
        let pick = |at: usize, stated: Option<Decimal>| {
            if at == column {
                value
            } else {
                stated.unwrap_or_default()
            }
        };
        Some((pick(FEE, fee), pick(MARGIN, margin), pick(TOTAL, total)))
    }

    /// Warns when the stated total is off `fee / amount × 100 + margin` by more than the
    /// tolerance (the row is kept as published).
    fn check_total(
        &mut self,
        block: [usize; 7],
        amount: Decimal,
        fee: Decimal,
        margin: Decimal,
        total: Decimal,
        tolerance: Decimal,
    ) {
        let computed = pct_of(fee, amount, "total cost check")
            .and_then(|fee_pct| add(fee_pct, margin, "total cost check"));
        let field = self.field(block[TOTAL]);
        match computed.and_then(|c| Ok((c, sub(total, c, "total cost check")?))) {
            Ok((computed, gap)) if gap.abs() > tolerance => {
                let detail = format!(
                    "stated {total}, fee / amount × 100 + margin = {}",
                    computed.round_dp(4)
                );
                self.flag(&field, IssueReason::InconsistentTotal, detail, false);
            }
            Ok(_) => {}
            Err(e) => self.flag(&field, IssueReason::Overflow, e.to_string(), false),
        }
    }
}

/// What one amount block of a row holds.
enum Block {
    /// No value at all.
    Absent,
    /// An amount (or rate) with no fee, margin or total: the service is not offered at it.
    NotOffered,
    /// A defect was flagged: the block is left out.
    Rejected,
    /// A price, and whether its fx rate was the sentinel 1.
    Priced(Price, bool),
}

impl Block {
    fn into_price(self) -> (Option<Price>, bool) {
        match self {
            Block::Priced(price, sentinel) => (Some(price), sentinel),
            _ => (None, false),
        }
    }
}
