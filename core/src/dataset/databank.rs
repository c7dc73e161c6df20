//! World Bank DataBank exports: corridor averages (series `ATCR.CORR`, one column per quarter)
//! and the WDI country × year layout (remittance flows, for weights).

use super::report::{IssueReason, Severity, ValidationReport};
use super::{collapse_spaces, country_code, for_each_record, header_key, Record};
use crate::decimal::parse_decimal;
use crate::error::{Error, Result};
use crate::observation::Period;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Read;

/// One published corridor average: the average total cost of sending the USD 200 equivalent
/// from one country to another in one quarter, percent of the amount sent.
///
/// ```
/// use remitcost::CorridorAverage;
/// let csv = "Sending Countries Name,Sending Countries Code,Receiving Countries  Name,\
/// Receiving Countries  Code,2020Q3 [YR2020Q3]\nFrance,FRA,Senegal,SEN,7.5\n";
/// let table = remitcost::read_corridor_averages(csv.as_bytes()).unwrap();
/// let a: &CorridorAverage = &table.averages[0];
/// assert_eq!((a.source_code.as_str(), a.destination_code.as_str()), ("FRA", "SEN"));
/// assert_eq!(a.corridor(), "FRASEN");
/// assert_eq!(serde_json::to_value(a).unwrap()["total_cost_pct"], "7.5");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorridorAverage {
    /// The quarter.
    pub period: Period,
    /// Sending country, ISO alpha-3.
    pub source_code: String,
    /// Sending country name as exported.
    pub source_name: String,
    /// Receiving country, ISO alpha-3.
    pub destination_code: String,
    /// Receiving country name as exported.
    pub destination_name: String,
    /// The average total cost, percent, exactly as exported (DataBank writes float noise such
    /// as `15.2349996566772`; the published figure is that value to 2 places — round at output).
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub total_cost_pct: Decimal,
}

impl CorridorAverage {
    /// The corridor code: sending and receiving codes together (`FRASEN`), as in the RPW
    /// dataset's `corridor` column.
    ///
    /// ```
    /// # let csv = "Sending Countries Code,Receiving Countries Code,2020Q3\nUSA,MEX,5\n";
    /// # let table = remitcost::read_corridor_averages(csv.as_bytes()).unwrap();
    /// assert_eq!(table.averages[0].corridor(), "USAMEX");
    /// ```
    pub fn corridor(&self) -> String {
        format!("{}{}", self.source_code, self.destination_code)
    }
}

/// The values of a corridor-average export and the report on reading it.
///
/// ```
/// let csv = "Sending Countries Code,Receiving Countries Code,2020Q2,2020Q3\n\
/// USA,MEX,..,5\nUSA,GTM,4.5,4.25\n,,,\nData from database: Remittance Prices Worldwide (Corridors)\n";
/// let table = remitcost::read_corridor_averages(csv.as_bytes()).unwrap();
/// assert_eq!(table.averages.len(), 3);
/// assert_eq!(table.periods().len(), 2);
/// assert_eq!(table.report.lines_skipped, 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorridorAverages {
    /// Every value, row by row in file order, quarters in column order. `..` and empty cells
    /// (no survey) give no value.
    pub averages: Vec<CorridorAverage>,
    /// Distinct series codes met (`ATCR.CORR`), when the export has a `Series Code` column.
    pub series: Vec<String>,
    /// What was read, kept, rejected and flagged.
    pub report: ValidationReport,
}

impl CorridorAverages {
    /// The quarters that have at least one value, in order.
    ///
    /// ```
    /// let csv = "Sending Countries Code,Receiving Countries Code,2019Q4,2020Q1\nUSA,MEX,..,5\n";
    /// let table = remitcost::read_corridor_averages(csv.as_bytes()).unwrap();
    /// assert_eq!(table.periods(), vec!["2020Q1".parse().unwrap()]);
    /// ```
    pub fn periods(&self) -> Vec<Period> {
        let mut periods: Vec<Period> = self.averages.iter().map(|a| a.period).collect();
        periods.sort_unstable();
        periods.dedup();
        periods
    }
}

/// Reads a DataBank corridor-average export (RPW "Corridors" database, series `ATCR.CORR`) as
/// exported: one row per sending × receiving pair, one column per quarter (`2011Q1
/// [YR2011Q1]`), `..` for no survey, a UTF-8 BOM, footer lines and blank lines.
///
/// Columns: `Sending Countries Code` and `Receiving Countries Code` are required
/// ([`Error::MissingColumn`]; header names match whatever their case and spacing, so the
/// export's `Receiving Countries  Code` with two spaces matches), as is at least one quarter
/// column (any header that parses as a [`Period`]); the name columns and `Series Code` are
/// read when present; other columns are listed in the report's `extra_columns`.
///
/// Rows: a row with no quarter value whose two codes are empty or whose only text is in its
/// first cell (rows of bare commas, `Data from database: …`, `Last Updated: …`) is skipped and
/// counted in `lines_skipped`. A row with a
/// missing or malformed country code (not three ASCII letters) is rejected. A quarter cell
/// that is not a number is an error on that value alone (the row's other quarters are kept);
/// negative values keep their sign.
///
/// ```
/// let csv = "Sending Countries Code,Receiving Countries Code,2020Q3\nUS,MEX,5\nUSA,GTM,n/a\n";
/// let table = remitcost::read_corridor_averages(csv.as_bytes()).unwrap();
/// assert!(table.averages.is_empty());
/// let codes: Vec<_> = table.report.issues.iter().map(|i| i.reason.code()).collect();
/// assert_eq!(codes, ["bad_country_code", "bad_number"]);
/// assert_eq!(table.report.rows_rejected, 1);
/// ```
pub fn read_corridor_averages<R: Read>(reader: R) -> Result<CorridorAverages> {
    let mut state: Option<CorridorLayout> = None;
    let mut out = CorridorAverages {
        averages: Vec::new(),
        series: Vec::new(),
        report: ValidationReport::default(),
    };
    for_each_record(reader, |record| {
        let Some(layout) = state.as_ref() else {
            if record.is_blank() {
                out.report.lines_skipped = out.report.lines_skipped.saturating_add(1);
            } else {
                let layout = CorridorLayout::new(&record.cells)?;
                out.report.extra_columns = layout.extra.clone();
                state = Some(layout);
            }
            return Ok(());
        };
        layout.row(&record, &mut out);
        Ok(())
    })?;
    if state.is_none() {
        return Err(Error::InvalidCsv("no header line".into()));
    }
    Ok(out)
}

struct CorridorLayout {
    source_code: usize,
    source_name: Option<usize>,
    destination_code: usize,
    destination_name: Option<usize>,
    series: Option<usize>,
    quarters: Vec<(usize, Period)>,
    extra: Vec<String>,
}

impl CorridorLayout {
    fn new(header: &[String]) -> Result<CorridorLayout> {
        let keys: Vec<String> = header.iter().map(|h| header_key(h)).collect();
        let find = |name: &str| keys.iter().position(|k| k == name);
        let mut missing = Vec::new();
        let source_code = find("sending countries code");
        let destination_code = find("receiving countries code");
        if source_code.is_none() {
            missing.push("Sending Countries Code");
        }
        if destination_code.is_none() {
            missing.push("Receiving Countries Code");
        }
        let mut quarters = Vec::new();
        let mut extra = Vec::new();
        let known = [
            "sending countries code",
            "sending countries name",
            "receiving countries code",
            "receiving countries name",
            "series code",
            "series name",
        ];
        for (i, (raw, key)) in header.iter().zip(&keys).enumerate() {
            if known.contains(&key.as_str()) {
                continue;
            }
            match raw.parse::<Period>() {
                Ok(p) => quarters.push((i, p)),
                Err(_) if !key.is_empty() => extra.push(collapse_spaces(raw)),
                Err(_) => {}
            }
        }
        if quarters.is_empty() {
            missing.push("a quarter such as 2011Q1 [YR2011Q1]");
        }
        match (source_code, destination_code) {
            (Some(source_code), Some(destination_code)) if missing.is_empty() => {
                Ok(CorridorLayout {
                    source_code,
                    source_name: find("sending countries name"),
                    destination_code,
                    destination_name: find("receiving countries name"),
                    series: find("series code"),
                    quarters,
                    extra,
                })
            }
            _ => Err(Error::MissingColumn(missing.join(", "))),
        }
    }

    fn row(&self, record: &Record, out: &mut CorridorAverages) {
        let cell = |i: Option<usize>| {
            i.and_then(|i| record.cells.get(i))
                .map_or("", |s| s.as_str())
        };
        let (src, dst) = (
            cell(Some(self.source_code)),
            cell(Some(self.destination_code)),
        );
        let no_values = self
            .quarters
            .iter()
            .all(|&(i, _)| matches!(cell(Some(i)), "" | ".."));
        let report = &mut out.report;
        let only_first = record.cells.iter().skip(1).all(|c| c.is_empty());
        if no_values && (only_first || src.is_empty() && dst.is_empty()) {
            report.lines_skipped = report.lines_skipped.saturating_add(1);
            return;
        }
        report.rows_read = report.rows_read.saturating_add(1);
        let line = record.line;
        let mut rejected = false;
        let mut code = |text: &str, field: &str, report: &mut ValidationReport| {
            let (reason, detail) = if text.is_empty() {
                (IssueReason::MissingValue, "empty".to_string())
            } else if let Some(code) = country_code(text) {
                return Some(code);
            } else {
                let detail = format!("expected three letters, got {text:?}");
                (IssueReason::BadCountryCode, detail)
            };
            report.push(line, field, reason, detail, Severity::Error);
            rejected = true;
            None
        };
        let source_code = code(src, "Sending Countries Code", report);
        let destination_code = code(dst, "Receiving Countries Code", report);
        let mut values = Vec::new();
        for &(i, period) in &self.quarters {
            let text = cell(Some(i));
            if matches!(text, "" | "..") {
                continue;
            }
            match parse_decimal(text) {
                Ok(v) => values.push((period, v)),
                Err(e) => {
                    let field = record.cells.get(i).map(|_| period.to_string());
                    let field = field.unwrap_or_default();
                    report.push(
                        line,
                        &field,
                        IssueReason::BadNumber,
                        e.to_string(),
                        Severity::Error,
                    );
                }
            }
        }
        if !record.bad_utf8.is_empty() {
            let detail = "not valid utf-8".to_string();
            report.push(line, "", IssueReason::InvalidText, detail, Severity::Error);
            rejected = true;
        }
        let (Some(source_code), Some(destination_code), false) =
            (source_code, destination_code, rejected)
        else {
            report.rows_rejected = report.rows_rejected.saturating_add(1);
            return;
        };
        report.rows_kept = report.rows_kept.saturating_add(1);
        let series = cell(self.series);
        if !series.is_empty() && !out.series.iter().any(|s| s == series) {
            out.series.push(series.to_string());
        }
        let source_name = collapse_spaces(cell(self.source_name));
        let destination_name = collapse_spaces(cell(self.destination_name));
        for (period, total_cost_pct) in values {
            out.averages.push(CorridorAverage {
                period,
                source_code: source_code.clone(),
                source_name: source_name.clone(),
                destination_code: destination_code.clone(),
                destination_name: destination_name.clone(),
                total_cost_pct,
            });
        }
    }
}

/// One value of a WDI series: a country's figure for a year.
///
/// ```
/// let csv = "\"Country Name\",\"Country Code\",\"2019\",\n\"France\",\"FRA\",\"1.5E9\",\n";
/// let series = remitcost::read_wdi_csv(csv.as_bytes()).unwrap();
/// let v: &remitcost::CountryYearValue = &series.values[0];
/// assert_eq!((v.country_code.as_str(), v.year), ("FRA", 2019));
/// assert_eq!(v.value.to_string(), "1500000000");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryYearValue {
    /// ISO alpha-3 code (WDI also uses three-letter codes for aggregates such as `WLD`).
    pub country_code: String,
    /// The year.
    pub year: u16,
    /// The value as exported (e.g. current US$).
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub value: Decimal,
}

/// A World Development Indicators series by country and year, e.g. `BM.TRF.PWKR.CD.DT`
/// "Personal remittances, paid (current US$)", usable as sending-country weights.
///
/// ```
/// let csv = "\"Country Name\",\"Country Code\",\"Indicator Code\",\"2019\",\"2020\",\n\
/// \"France\",\"FRA\",\"X\",\"10\",\"\",\n\"Italy\",\"ITA\",\"X\",\"7\",\"8\",\n";
/// let series = remitcost::read_wdi_csv(csv.as_bytes()).unwrap();
/// assert_eq!(series.indicator_code, "X");
/// assert_eq!(series.by_country(2020).len(), 1);
/// assert_eq!(series.codes_by_name()["Italy"], "ITA");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WdiSeries {
    /// `Indicator Code` of the first data row (a WDI export holds one indicator).
    pub indicator_code: String,
    /// `Indicator Name` of the first data row.
    pub indicator_name: String,
    /// Every country (and aggregate) read: code → name, whether or not it has values.
    pub countries: BTreeMap<String, String>,
    /// Every non-empty value, row by row, years in column order.
    pub values: Vec<CountryYearValue>,
    /// What was read, kept, rejected and flagged.
    pub report: ValidationReport,
}

impl WdiSeries {
    /// The values of one year by country code.
    ///
    /// ```
    /// let csv = "Country Name,Country Code,2020\nItaly,ITA,8\n";
    /// let series = remitcost::read_wdi_csv(csv.as_bytes()).unwrap();
    /// assert_eq!(series.by_country(2020)["ITA"].to_string(), "8");
    /// assert!(series.by_country(2019).is_empty());
    /// ```
    pub fn by_country(&self, year: u16) -> BTreeMap<String, Decimal> {
        self.values
            .iter()
            .filter(|v| v.year == year)
            .map(|v| (v.country_code.clone(), v.value))
            .collect()
    }

    /// Country name (as WDI writes it, e.g. `Egypt, Arab Rep.`) → ISO alpha-3 code: the join
    /// from World Bank names, such as the KNOMAD matrix uses, to codes.
    ///
    /// ```
    /// let csv = "Country Name,Country Code,2020\n\"Egypt, Arab Rep.\",EGY,\n";
    /// let series = remitcost::read_wdi_csv(csv.as_bytes()).unwrap();
    /// assert_eq!(series.codes_by_name()["Egypt, Arab Rep."], "EGY");
    /// ```
    pub fn codes_by_name(&self) -> BTreeMap<String, String> {
        self.countries
            .iter()
            .map(|(code, name)| (name.clone(), code.clone()))
            .collect()
    }
}

/// Reads a WDI CSV export: preamble lines (`"Data Source","World Development Indicators",`,
/// `"Last Updated Date",…`, blank lines) up to the header line that starts with `Country Name`,
/// then one row per country with one column per year (`"1960"`, …), empty cells for no data,
/// and the export's trailing empty column.
///
/// `Country Name` and `Country Code` are required ([`Error::MissingColumn`], also when no line
/// starts with `Country Name`); year columns are headers of four digits. A row with a bad
/// country code is rejected; a cell that is not a number is an error on that value alone.
/// Preamble lines with text are counted in `lines_skipped` (empty lines are no record).
///
/// ```
/// let csv = "\u{feff}\"Data Source\",\"World Development Indicators\",\n\n\
/// \"Country Name\",\"Country Code\",\"2020\",\n\"Aruba\",\"ABW\",\"x\",\n";
/// let series = remitcost::read_wdi_csv(csv.as_bytes()).unwrap();
/// assert_eq!(series.report.lines_skipped, 1); // the empty line is no record
/// assert_eq!(series.report.issues[0].reason.code(), "bad_number");
/// assert_eq!(series.report.issues[0].row, 4);
/// ```
pub fn read_wdi_csv<R: Read>(reader: R) -> Result<WdiSeries> {
    let mut layout: Option<WdiLayout> = None;
    let mut out = WdiSeries {
        indicator_code: String::new(),
        indicator_name: String::new(),
        countries: BTreeMap::new(),
        values: Vec::new(),
        report: ValidationReport::default(),
    };
    for_each_record(reader, |record| {
        let report = &mut out.report;
        let Some(layout) = layout.as_ref() else {
            let first = record.cells.first().map(|c| header_key(c));
            if first.as_deref() == Some("country name") {
                let found = WdiLayout::new(&record.cells)?;
                report.extra_columns = found.extra.clone();
                layout = Some(found);
            } else {
                report.lines_skipped = report.lines_skipped.saturating_add(1);
            }
            return Ok(());
        };
        if record.is_blank() {
            report.lines_skipped = report.lines_skipped.saturating_add(1);
            return Ok(());
        }
        layout.row(&record, &mut out);
        Ok(())
    })?;
    if layout.is_none() {
        return Err(Error::MissingColumn("Country Name".into()));
    }
    Ok(out)
}

struct WdiLayout {
    name: usize,
    code: usize,
    indicator_name: Option<usize>,
    indicator_code: Option<usize>,
    years: Vec<(usize, u16)>,
    extra: Vec<String>,
}

impl WdiLayout {
    fn new(header: &[String]) -> Result<WdiLayout> {
        let keys: Vec<String> = header.iter().map(|h| header_key(h)).collect();
        let find = |name: &str| keys.iter().position(|k| k == name);
        let known = [
            "country name",
            "country code",
            "indicator name",
            "indicator code",
        ];
        let mut years = Vec::new();
        let mut extra = Vec::new();
        for (i, key) in keys.iter().enumerate() {
            if known.contains(&key.as_str()) {
                continue;
            }
            match key.parse::<u16>() {
                Ok(y) if key.len() == 4 => years.push((i, y)),
                _ if !key.is_empty() => extra.push(header.get(i).cloned().unwrap_or_default()),
                _ => {}
            }
        }
        let (Some(name), Some(code)) = (find("country name"), find("country code")) else {
            return Err(Error::MissingColumn("Country Code".into()));
        };
        Ok(WdiLayout {
            name,
            code,
            indicator_name: find("indicator name"),
            indicator_code: find("indicator code"),
            years,
            extra,
        })
    }

    fn row(&self, record: &Record, out: &mut WdiSeries) {
        let cell = |i: Option<usize>| {
            i.and_then(|i| record.cells.get(i))
                .map_or("", |s| s.as_str())
        };
        let report = &mut out.report;
        report.rows_read = report.rows_read.saturating_add(1);
        let line = record.line;
        let code_text = cell(Some(self.code));
        let Some(code) = country_code(code_text).filter(|_| record.bad_utf8.is_empty()) else {
            let (reason, detail) = if !record.bad_utf8.is_empty() {
                (IssueReason::InvalidText, "not valid utf-8".to_string())
            } else if code_text.is_empty() {
                (IssueReason::MissingValue, "empty".to_string())
            } else {
                let detail = format!("expected three letters, got {code_text:?}");
                (IssueReason::BadCountryCode, detail)
            };
            report.push(line, "Country Code", reason, detail, Severity::Error);
            report.rows_rejected = report.rows_rejected.saturating_add(1);
            return;
        };
        report.rows_kept = report.rows_kept.saturating_add(1);
        if out.indicator_code.is_empty() {
            out.indicator_code = cell(self.indicator_code).to_string();
            out.indicator_name = cell(self.indicator_name).to_string();
        }
        out.countries
            .entry(code.clone())
            .or_insert_with(|| collapse_spaces(cell(Some(self.name))));
        for &(i, year) in &self.years {
            let text = cell(Some(i));
            if matches!(text, "" | "..") {
                continue;
            }
            match parse_decimal(text) {
                Ok(value) => out.values.push(CountryYearValue {
                    country_code: code.clone(),
                    year,
                    value,
                }),
                Err(e) => {
                    let field = year.to_string();
                    report.push(
                        line,
                        &field,
                        IssueReason::BadNumber,
                        e.to_string(),
                        Severity::Error,
                    );
                }
            }
        }
    }
}
