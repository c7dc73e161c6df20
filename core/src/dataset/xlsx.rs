//! The RPW workbook as the World Bank ships it (`.xlsx`).
//!
//! The workbook has the sheets "Dataset (from Q2 2016)" (today's layout, 42 columns),
//! "Dataset (up to Q1 2016)" (the pre-2016 layout, 41 columns) and "Countries". Each dataset
//! sheet is a header row and one row per service, read by the same rules as the CSV export
//! ([`read_rpw_csv`](super::read_rpw_csv)). "Countries", the classification of its time, is
//! read on its own by [`read_countries_xlsx`], by its header names.

use super::classification::{CountriesSheet, CountryRows};
use super::report::ValidationReport;
use super::rpw::{Dataset, ReadOptions, RowReader};
use crate::error::{Error, Result};
use calamine::{DataRef, Reader, Xlsx};
use std::io::{Read, Seek};

/// The workbook's sheet of today's layout (2016_2Q on).
pub const SHEET_FROM_2016: &str = "Dataset (from Q2 2016)";
/// The workbook's sheet of the pre-2016 layout (to 2016_1Q).
pub const SHEET_UP_TO_2016: &str = "Dataset (up to Q1 2016)";

/// The workbook's sheet of the country classification.
pub const SHEET_COUNTRIES: &str = "Countries";

/// Reads the RPW workbook (`.xlsx`) with the default [`ReadOptions`].
///
/// Both dataset sheets are read, the older first (its rows, then those of today's layout, in
/// sheet order); a workbook with one of them is read too. A sheet is found by its published
/// name, whatever its case and surrounding spaces. Each sheet's first non-empty row is its
/// header; an observation's `row` is its row in its sheet (1 = the sheet's first row), and
/// every issue names its sheet ([`Issue::sheet`](crate::Issue::sheet)). Text cells are read as
/// the CSV's are; numeric cells as the shortest decimal that gives back the number the sheet
/// stores (what a spreadsheet shows: `3.7316`, `655.957`), then parsed exactly; booleans as
/// `true`/`false`; error cells (`#N/A`) as their text, which a numeric field rejects.
///
/// A file that is not a workbook, or has neither dataset sheet, is [`Error::InvalidXlsx`]. The
/// sheet "Countries" is not read here: see [`read_countries_xlsx`].
///
/// ```
/// let err = remitcost::read_rpw_xlsx(std::io::Cursor::new(b"id,period\n")).unwrap_err();
/// assert_eq!(err.code(), "invalid_xlsx");
/// ```
pub fn read_rpw_xlsx<R: Read + Seek>(reader: R) -> Result<Dataset> {
    read_rpw_xlsx_with(reader, &ReadOptions::default())
}

/// Reads the RPW workbook with the given options (see [`read_rpw_xlsx`]).
///
/// ```
/// let data = std::io::Cursor::new(Vec::<u8>::new());
/// let err = remitcost::read_rpw_xlsx_with(data, &Default::default()).unwrap_err();
/// assert!(err.to_string().starts_with("invalid xlsx"));
/// ```
pub fn read_rpw_xlsx_with<R: Read + Seek>(reader: R, options: &ReadOptions) -> Result<Dataset> {
    let mut book = Xlsx::new(reader).map_err(invalid)?;
    let names = book.sheet_names();
    let wanted = [SHEET_UP_TO_2016, SHEET_FROM_2016];
    let sheets: Vec<String> = wanted
        .iter()
        .filter_map(|w| find_sheet(&names, w))
        .collect();
    if sheets.is_empty() {
        return Err(Error::InvalidXlsx(format!(
            "no sheet {SHEET_FROM_2016:?} or {SHEET_UP_TO_2016:?} (sheets: {names:?})"
        )));
    }
    let mut all = Dataset {
        observations: Vec::new(),
        report: ValidationReport {
            tolerance_pct: Some(options.tolerance_pct.abs()),
            ..ValidationReport::default()
        },
    };
    for sheet in sheets {
        let data = read_sheet(&mut book, &sheet, options)?;
        all.observations.extend(data.observations);
        all.report.absorb(data.report, &sheet);
    }
    Ok(all)
}

/// Reads the workbook's sheet "Countries" (the classification of its time) as a
/// [`Countries`](crate::Countries) table usable as [`Countries::world_bank`](crate::Countries)
/// is, with [`classify`](crate::Countries::classify).
///
/// **Layout assumed.** No published description of the sheet's columns was found, so none is
/// assumed: the first non-empty row is the header and each column is matched by its name
/// (any case, runs of spaces or `_` as one space), whatever the order:
///
/// | field | header names read |
/// | --- | --- |
/// | code (required: ISO alpha-3) | `code`, `country code`, `economy code`, `iso3`, `iso3 code` |
/// | name | `name`, `economy`, `country`, `country name`, `economy name`, `table name` |
/// | region | `region` |
/// | income group | `income`, `income group`, `income level` |
/// | lending category | `lending`, `lending category` |
/// | G8 / G20 | `G8G20`, `G8/G20` (`G8/G20`, `G20`, `..` or blank); or `G8` and `G20` (yes/no) |
///
/// These are the World Bank's own classification files' headers ("List of economies":
/// `Economy, Code, Region, Income group, Lending category`; the WDI country table) and the
/// words of the RPW dataset's country columns (`source_code` … `source_G8G20`). At least one
/// field besides the code must be there. `..` (the dataset's "none") and blank are no value;
/// an income group written as a code of the World Bank's history table (`L`, `LM`, `UM`,
/// `H`) is read as its name; other text is kept as written.
///
/// **Nothing is dropped silently.** Every other column (and a second column of a field) is
/// listed in the report's `extra_columns` and flagged on the header row as
/// [`IssueReason::IgnoredColumn`](crate::IssueReason) (a warning); so is the first cell
/// written under a column with no header. A row whose code is blank (`missing_value`), not
/// three letters (`bad_country_code`) or listed already (`duplicate_code`), or whose G8/G20
/// value is not one of those above (`bad_boolean`), is rejected with an error naming its
/// sheet, row and column; a blank name is a warning. Blank rows are counted as skipped.
///
/// The table's `vintage` is `"workbook"` and its `source` names the sheet; it has no income
/// history, so classify with [`IncomeVintage::Table`](crate::IncomeVintage::Table).
///
/// A file that is not a workbook, has no sheet "Countries" (any case) or a sheet with nothing
/// on it is [`Error::InvalidXlsx`]; a header without a code column, or with nothing else, is
/// [`Error::MissingColumn`].
///
/// ```
/// let err = remitcost::read_countries_xlsx(std::io::Cursor::new(Vec::<u8>::new())).unwrap_err();
/// assert_eq!(err.code(), "invalid_xlsx");
/// ```
pub fn read_countries_xlsx<R: Read + Seek>(reader: R) -> Result<CountriesSheet> {
    let mut book = Xlsx::new(reader).map_err(invalid)?;
    let names = book.sheet_names();
    let sheet = find_sheet(&names, SHEET_COUNTRIES).ok_or_else(|| {
        Error::InvalidXlsx(format!("no sheet {SHEET_COUNTRIES:?} (sheets: {names:?})"))
    })?;
    let (mut rows, skipped) = read_with_header(
        &mut book,
        &sheet,
        |line, row| CountryRows::new(line, row, &sheet),
        |rows, row, line| rows.row(row, line),
    )?;
    rows.skipped(skipped);
    Ok(rows.finish())
}

/// One dataset sheet, streamed cell by cell (the sheet is never held whole in memory).
fn read_sheet<R: Read + Seek>(
    book: &mut Xlsx<R>,
    sheet: &str,
    options: &ReadOptions,
) -> Result<Dataset> {
    let (mut rows, skipped) = read_with_header(
        book,
        sheet,
        |line, _| RowReader::new(line, options),
        |rows, row, line| rows.row(row, line, &[]),
    )?;
    rows.skipped(skipped);
    Ok(rows.finish())
}

/// Streams a sheet whose first non-blank line is its header: `header` makes the reader of the
/// sheet from that line (and its 1-based row number), `row` gives it each later non-blank
/// line. Returns the reader and how many blank lines were skipped. Errors: `header`'s, a sheet
/// with no header row ([`Error::InvalidXlsx`]).
fn read_with_header<R: Read + Seek, T>(
    book: &mut Xlsx<R>,
    sheet: &str,
    mut header: impl FnMut(&[String], usize) -> Result<T>,
    mut row: impl FnMut(&mut T, usize, &[String]),
) -> Result<(T, usize)> {
    let mut reader: Option<T> = None;
    let mut skipped = 0usize;
    for_each_row(book, sheet, |n, line| {
        if line.iter().all(String::is_empty) {
            skipped = skipped.saturating_add(1);
        } else if let Some(reader) = reader.as_mut() {
            row(reader, row_number(n), line);
        } else {
            reader = Some(header(line, row_number(n))?);
        }
        Ok(())
    })?;
    let reader =
        reader.ok_or_else(|| Error::InvalidXlsx(format!("sheet {sheet:?} has no header row")))?;
    Ok((reader, skipped))
}

/// Streams a sheet's rows to `each` (0-based row, its cells as text), cell by cell.
fn for_each_row<R: Read + Seek>(
    book: &mut Xlsx<R>,
    sheet: &str,
    mut each: impl FnMut(u32, &[String]) -> Result<()>,
) -> Result<()> {
    let mut cells = book.worksheet_cells_reader(sheet).map_err(invalid)?;
    let mut line: Vec<String> = Vec::new();
    let mut at: Option<u32> = None;
    while let Some(cell) = cells.next_cell().map_err(invalid)? {
        let (row, column) = cell.get_position();
        if let Some(r) = at.filter(|&r| r != row) {
            each(r, &line)?;
            line.clear();
        }
        at = Some(row);
        let column = usize::try_from(column).unwrap_or(usize::MAX);
        if column >= line.len() && column < MAX_COLUMNS {
            line.resize(column.saturating_add(1), String::new());
        }
        if let Some(slot) = line.get_mut(column) {
            *slot = text(cell.get_value());
        }
    }
    if let Some(r) = at {
        each(r, &line)?;
    }
    Ok(())
}

/// The sheet of this name in the workbook, whatever its case and surrounding spaces.
fn find_sheet(names: &[String], wanted: &str) -> Option<String> {
    names
        .iter()
        .find(|n| n.trim().eq_ignore_ascii_case(wanted))
        .cloned()
}

/// Columns read past which cells are ignored (the RPW sheets have 41 and 42; a stray cell
/// far to the right must not make every row that wide).
const MAX_COLUMNS: usize = 1024;

/// A 0-based sheet row as a 1-based row number.
fn row_number(row: u32) -> usize {
    usize::try_from(row).map_or(usize::MAX, |r| r.saturating_add(1))
}

/// A cell as the text the CSV export would hold (trimmed).
fn text(cell: &DataRef<'_>) -> String {
    match cell {
        DataRef::Empty => String::new(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            s.trim().to_string()
        }
        DataRef::SharedString(s) => s.trim().to_string(),
        DataRef::Int(i) => i.to_string(),
        // Rust prints the shortest decimal that reads back as the same double: the number as
        // the sheet's XML wrote it (`0.1`, not 0.1000000000000000055…).
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) => d.to_string(),
        DataRef::Error(e) => e.to_string(),
    }
}

fn invalid(err: impl std::fmt::Display) -> Error {
    Error::InvalidXlsx(err.to_string().to_lowercase())
}
