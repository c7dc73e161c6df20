//! A country classification sheet (the RPW workbook's "Countries") read as a [`Countries`]
//! table, by its header names.
//!
//! No published description of the sheet's columns was found, so nothing is assumed about
//! their order or number: each column is matched by its header against the names the World
//! Bank's own classification files use (`Economy`, `Code`, `Region`, `Income group`,
//! `Lending category` in its "List of economies"; `Country Code`, `Table Name`, `Income Group`
//! in the WDI country table) and the words of the RPW dataset's country columns (`code`,
//! `name`, `region`, `income`, `lending`, `G8G20` of `source_code` … `source_G8G20`). Every
//! other column is reported, never silently dropped.

use super::report::{Issue, IssueReason, Severity, ValidationReport};
use super::{collapse_spaces, country_code, header_key};
use crate::country::{income_name, Countries, Country};
use crate::error::{Error, Result};
use std::collections::{BTreeMap, BTreeSet};

/// A classification sheet as read: the table of the rows that passed, and the report on all
/// of them.
///
/// The table's `vintage` is `"workbook"` and its `source` names the sheet; it has no income
/// history (`history_from` 0), so its income groups are those of the sheet — classify with
/// [`IncomeVintage::Table`](crate::IncomeVintage::Table) (the default, `OfPeriod`, looks in
/// the history and finds none).
///
/// ```
/// # #[cfg(feature = "xlsx")] {
/// let err = remitcost::read_countries_xlsx(std::io::Cursor::new(b"code\n")).unwrap_err();
/// assert_eq!(err.code(), "invalid_xlsx");
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CountriesSheet {
    /// The economies of the rows kept.
    pub countries: Countries,
    /// Rows read, kept and rejected, ignored columns and every issue (each naming its sheet).
    pub report: ValidationReport,
}

/// The vintage of a table read from a workbook.
pub(crate) const WORKBOOK_VINTAGE: &str = "workbook";

/// The fields of a classification row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Code,
    Name,
    Region,
    Income,
    Lending,
    G8G20,
    G8,
    G20,
}

const FIELDS: usize = 8;

impl Field {
    fn slot(self) -> usize {
        self as usize
    }
}

/// Header names (as matched: any case, runs of spaces or `_` as one space) and their field.
const NAMES: &[(&str, Field)] = &[
    ("code", Field::Code),
    ("country code", Field::Code),
    ("economy code", Field::Code),
    ("iso3", Field::Code),
    ("iso3 code", Field::Code),
    ("name", Field::Name),
    ("economy", Field::Name),
    ("country", Field::Name),
    ("country name", Field::Name),
    ("economy name", Field::Name),
    ("table name", Field::Name),
    ("region", Field::Region),
    ("income", Field::Income),
    ("income group", Field::Income),
    ("income level", Field::Income),
    ("lending", Field::Lending),
    ("lending category", Field::Lending),
    ("g8g20", Field::G8G20),
    ("g8/g20", Field::G8G20),
    ("g8", Field::G8),
    ("g20", Field::G20),
];

/// A header cell as matched against [`NAMES`].
fn key(name: &str) -> String {
    collapse_spaces(&header_key(name).replace('_', " "))
}

/// Reads the rows of one classification sheet, header first.
pub(crate) struct CountryRows {
    sheet: String,
    /// Column of each field.
    pos: [Option<usize>; FIELDS],
    /// Header names as published (trimmed, inner spaces collapsed).
    names: Vec<String>,
    /// Columns with no header whose non-empty cells were already flagged.
    unnamed_flagged: BTreeSet<usize>,
    /// Row of each code kept.
    seen: BTreeMap<String, usize>,
    countries: Vec<Country>,
    report: ValidationReport,
}

impl CountryRows {
    /// Matches the header (on sheet row `row`). Without a code column, or with no column of
    /// any other field, nothing is read: [`Error::MissingColumn`].
    pub(crate) fn new(header: &[String], row: usize, sheet: &str) -> Result<CountryRows> {
        let mut pos = [None; FIELDS];
        let mut names = Vec::with_capacity(header.len());
        let mut ignored: Vec<(usize, &'static str)> = Vec::new();
        for (i, raw) in header.iter().enumerate() {
            let name = collapse_spaces(raw.trim_start_matches('\u{feff}'));
            let key = key(&name);
            let field = NAMES.iter().find_map(|(n, f)| (*n == key).then_some(*f));
            match field.map(|f| pos.get_mut(f.slot())) {
                Some(Some(slot @ None)) => *slot = Some(i),
                Some(_) => ignored.push((i, "a second column of the same field")),
                None if !name.is_empty() => {
                    ignored.push((i, "not a column of the classification"));
                }
                None => {}
            }
            names.push(name);
        }
        let has = |f: Field| pos.get(f.slot()).is_some_and(Option::is_some);
        if !has(Field::Code) {
            return Err(Error::MissingColumn(format!(
                "code (the ISO alpha-3 column of sheet {sheet:?})"
            )));
        }
        let attributes = [
            Field::Name,
            Field::Region,
            Field::Income,
            Field::Lending,
            Field::G8G20,
            Field::G8,
            Field::G20,
        ];
        if !attributes.iter().any(|&f| has(f)) {
            return Err(Error::MissingColumn(format!(
                "name, region, income, lending or G8G20 (sheet {sheet:?} has a code column only)"
            )));
        }
        if has(Field::G8G20) {
            for f in [Field::G8, Field::G20] {
                if let Some(i) = pos.get_mut(f.slot()).and_then(Option::take) {
                    ignored.push((i, "the G8G20 column is read instead"));
                }
            }
        }
        ignored.sort_unstable();
        let mut report = ValidationReport::default();
        for (i, why) in ignored {
            let name = names.get(i).cloned().unwrap_or_default();
            report.extra_columns.push(name.clone());
            report.issues.push(Issue {
                sheet: Some(sheet.to_string()),
                row,
                field: name,
                reason: IssueReason::IgnoredColumn,
                detail: format!("{why}: its values are not read"),
                severity: Severity::Warning,
            });
        }
        Ok(CountryRows {
            sheet: sheet.to_string(),
            pos,
            names,
            unnamed_flagged: BTreeSet::new(),
            seen: BTreeMap::new(),
            countries: Vec::new(),
            report,
        })
    }

    /// Counts rows skipped as not data (blank rows).
    pub(crate) fn skipped(&mut self, n: usize) {
        self.report.lines_skipped = self.report.lines_skipped.saturating_add(n);
    }

    fn flag(&mut self, row: usize, field: &str, reason: IssueReason, detail: String, error: bool) {
        self.report.issues.push(Issue {
            sheet: Some(self.sheet.clone()),
            row,
            field: field.to_string(),
            reason,
            detail,
            severity: if error {
                Severity::Error
            } else {
                Severity::Warning
            },
        });
    }

    /// The cell of a field on this row and the field's header name.
    fn cell<'a>(&self, cells: &'a [String], f: Field) -> Option<(&'a str, String)> {
        let i = (*self.pos.get(f.slot())?)?;
        let text = cells.get(i).map_or("", String::as_str);
        Some((text, self.names.get(i).cloned().unwrap_or_default()))
    }

    /// A text field: blank or `..` (the RPW dataset's "none") is `None`.
    fn optional(&self, cells: &[String], f: Field) -> Option<String> {
        let (text, _) = self.cell(cells, f)?;
        (!text.is_empty() && text != "..").then(|| text.to_string())
    }

    /// Reads one data row (sheet row `row`, 1-based; cells trimmed).
    pub(crate) fn row(&mut self, row: usize, cells: &[String]) {
        self.report.rows_read = self.report.rows_read.saturating_add(1);
        let mut rejected = false;
        // Text under a column with no header is not read: say so, once per column.
        for (i, cell) in cells.iter().enumerate() {
            let unnamed = self.names.get(i).is_none_or(String::is_empty);
            if unnamed && !cell.is_empty() && self.unnamed_flagged.insert(i) {
                let detail = format!(
                    "column {} has no header: its values (here {cell:?}) are not read",
                    i.saturating_add(1)
                );
                self.flag(row, "", IssueReason::IgnoredColumn, detail, false);
            }
        }
        let (code_text, code_field) = self.cell(cells, Field::Code).unwrap_or_default();
        let code = match country_code(code_text) {
            _ if code_text.is_empty() => {
                let detail = "no country code".to_string();
                self.flag(row, &code_field, IssueReason::MissingValue, detail, true);
                None
            }
            None => {
                let detail = format!("{code_text:?} is not an ISO alpha-3 code");
                self.flag(row, &code_field, IssueReason::BadCountryCode, detail, true);
                None
            }
            Some(code) => match self.seen.get(&code) {
                Some(first) => {
                    let detail = format!("{code} is listed on row {first} already");
                    self.flag(row, &code_field, IssueReason::DuplicateCode, detail, true);
                    None
                }
                None => Some(code),
            },
        };
        rejected |= code.is_none();
        let name = match self.cell(cells, Field::Name) {
            Some(("", field)) => {
                let detail = "no name".to_string();
                self.flag(row, &field, IssueReason::MissingValue, detail, false);
                String::new()
            }
            Some((text, _)) => text.to_string(),
            None => String::new(),
        };
        let (mut g8, mut g20) = (false, false);
        if let Some((text, field)) = self.cell(cells, Field::G8G20) {
            match groups(text) {
                Some(found) => (g8, g20) = found,
                None => {
                    let detail = format!("expected G8/G20, G20, .. or blank, got {text:?}");
                    self.flag(row, &field, IssueReason::BadBoolean, detail, true);
                    rejected = true;
                }
            }
        }
        for (f, member) in [(Field::G8, &mut g8), (Field::G20, &mut g20)] {
            let Some((text, field)) = self.cell(cells, f) else {
                continue;
            };
            match membership(text) {
                Some(m) => *member = m,
                None => {
                    let detail = format!("expected yes or no, got {text:?}");
                    self.flag(row, &field, IssueReason::BadBoolean, detail, true);
                    rejected = true;
                }
            }
        }
        // An income group written as the code of the World Bank's history table (`L`, `LM`,
        // `UM`, `H`) is read as its published name; other text is kept as written.
        let income = self
            .optional(cells, Field::Income)
            .map(|text| income_name(&text.to_ascii_uppercase()).map_or(text, str::to_string));
        let country = Country {
            code: code.unwrap_or_default(),
            name,
            region: self.optional(cells, Field::Region),
            income,
            lending: self.optional(cells, Field::Lending),
            g8,
            g20,
            income_history: String::new(),
        };
        if rejected {
            self.report.rows_rejected = self.report.rows_rejected.saturating_add(1);
        } else {
            self.report.rows_kept = self.report.rows_kept.saturating_add(1);
            self.seen.insert(country.code.clone(), row);
            self.countries.push(country);
        }
    }

    /// The table of the rows kept, and the report.
    pub(crate) fn finish(self) -> CountriesSheet {
        let source = format!("sheet {:?} of an RPW workbook (.xlsx)", self.sheet);
        CountriesSheet {
            countries: Countries::from_checked(WORKBOOK_VINTAGE, &source, self.countries),
            report: self.report,
        }
    }
}

/// G8 / G20 membership as the RPW dataset writes it (`source_G8G20`): `G8/G20`, `G20`, `..`
/// or blank for neither (any case, spaces ignored).
fn groups(text: &str) -> Option<(bool, bool)> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    match compact.as_str() {
        "" | ".." => Some((false, false)),
        "g8/g20" => Some((true, true)),
        "g20" => Some((false, true)),
        _ => None,
    }
}

/// A membership column: yes/no/y/n/true/false/1/0 (any case); blank or `..` is no.
fn membership(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" => Some(true),
        "no" | "n" | "false" | "0" | "" | ".." => Some(false),
        _ => None,
    }
}
