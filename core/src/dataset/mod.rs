//! Reading datasets: the RPW layout (one row per service per period, from CSV, JSON or, with
//! the `xlsx` feature, the World Bank's `.xlsx` workbook), the
//! World Bank DataBank and WDI exports of corridor averages and remittance flows, and the
//! KNOMAD bilateral remittance matrix — each with a [`ValidationReport`] that lists every bad
//! row and field instead of stopping at the first.
//!
//! Text rules shared by every reader:
//! - header names match whatever their case, surrounding spaces, inner runs of white space and
//!   a leading UTF-8 byte-order mark (`" Payment  Instrument "` is `payment instrument`);
//! - cells are trimmed; line ends may be LF, CRLF or bare CR; quoted cells may hold newlines;
//!   a quote that opens a cell and is never closed is [`Error::InvalidCsv`](crate::Error)
//!   naming the line it opens on (the rest of the file would otherwise be read as that one
//!   cell, its rows lost);
//! - a row's number is the line of the file on which it starts (1 = the first line), counting
//!   LF, CRLF and bare CR alike.

mod cfa;
#[cfg(feature = "xlsx")]
mod classification;
#[cfg(feature = "csv")]
mod databank;
mod format;
#[cfg(feature = "csv")]
mod matrix;
mod report;
mod rpw;
#[cfg(feature = "xlsx")]
mod xlsx;

#[cfg(feature = "xlsx")]
pub use classification::CountriesSheet;
#[cfg(feature = "csv")]
pub use databank::{
    read_corridor_averages, read_wdi_csv, CorridorAverage, CorridorAverages, CountryYearValue,
    WdiSeries,
};
pub use format::{read_rpw_file, RpwFormat};
#[cfg(feature = "csv")]
pub use matrix::{read_bilateral_matrix, BilateralMatrix};
pub use report::{Issue, IssueReason, Severity, ValidationReport};
#[cfg(feature = "csv")]
pub use rpw::{read_rpw_csv, read_rpw_csv_with};
pub use rpw::{read_rpw_json, read_rpw_json_with, Dataset, ReadOptions};
#[cfg(feature = "xlsx")]
pub use xlsx::{
    read_countries_xlsx, read_rpw_xlsx, read_rpw_xlsx_with, SHEET_COUNTRIES, SHEET_FROM_2016,
    SHEET_UP_TO_2016,
};

/// A header name as matched: BOM stripped, trimmed, inner white space collapsed, lowercased.
pub(crate) fn header_key(name: &str) -> String {
    collapse_spaces(name.trim_start_matches('\u{feff}')).to_lowercase()
}

/// Trims and collapses every inner run of white space to one space.
pub(crate) fn collapse_spaces(text: &str) -> String {
    let tidy = text.trim().len() == text.len()
        && !text
            .as_bytes()
            .windows(2)
            .any(|w| w.first() == Some(&b' ') && w.get(1) == Some(&b' '))
        && !text.chars().any(|c| c.is_whitespace() && c != ' ');
    if tidy {
        return text.to_string();
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A country code is three ASCII letters; returns it uppercased.
pub(crate) fn country_code(text: &str) -> Option<String> {
    (text.len() == 3 && text.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| text.to_ascii_uppercase())
}

#[cfg(feature = "csv")]
pub(crate) use lines::{for_each_record, Record};

#[cfg(feature = "csv")]
mod lines {
    //! CSV records with the line number each starts on.
    use crate::error::{Error, Result};
    use std::io::Read;

    /// Wraps a reader and notes where each line starts (after LF, CRLF or a bare CR), so that a
    /// record's byte offset maps to a line number whatever the line ends; it also follows the
    /// csv parser's quoting, so that a quote still open at the end of the input is known.
    struct LineIndex<R> {
        inner: R,
        offset: u64,
        /// Byte offsets at which lines 2, 3, … start.
        starts: Vec<u64>,
        pending_cr: bool,
        quoting: Quoting,
    }

    /// Where the csv parser (csv-core with `,`, `"`, doubled quotes, CR/LF terminators, no
    /// escape and no comments) is within a record, byte by byte.
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Quoting {
        /// At the start of a cell (or of a record): a quote here opens a quoted cell.
        CellStart,
        /// Inside an unquoted cell (a quote here is text).
        Unquoted,
        /// Inside a quoted cell opened on this line (1-based).
        Quoted(usize),
        /// Just after a quote inside a quoted cell opened on this line: a second quote is an
        /// escaped quote, anything else closes the cell.
        QuoteInQuoted(usize),
    }

    impl Quoting {
        /// The state after byte `b`, which is on line `line`.
        fn next(self, b: u8, line: usize) -> Quoting {
            match (self, b) {
                (Quoting::Quoted(open), b'"') => Quoting::QuoteInQuoted(open),
                (Quoting::Quoted(open), _) => Quoting::Quoted(open),
                (Quoting::QuoteInQuoted(open), b'"') => Quoting::Quoted(open),
                (Quoting::CellStart, b'"') => Quoting::Quoted(line),
                (_, b',' | b'\r' | b'\n') => Quoting::CellStart,
                _ => Quoting::Unquoted,
            }
        }
    }

    impl<R: Read> Read for LineIndex<R> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.inner.read(buf)?;
            for (i, &b) in buf.iter().take(n).enumerate() {
                let at = self.offset.saturating_add(i as u64);
                if self.pending_cr && b != b'\n' {
                    self.starts.push(at);
                }
                self.pending_cr = b == b'\r';
                if b == b'\n' {
                    self.starts.push(at.saturating_add(1));
                }
                let line = self.starts.len().saturating_add(1);
                self.quoting = self.quoting.next(b, line);
            }
            self.offset = self.offset.saturating_add(n as u64);
            Ok(n)
        }
    }

    impl<R> LineIndex<R> {
        fn line_of(&self, byte: u64) -> usize {
            // The csv parser may place a record just before the line break that precedes it
            // (the LF of a CRLF, or blank lines): no record starts with a line break, so move
            // past every break that ends right here.
            let mut at = byte;
            while self.starts.binary_search(&at.saturating_add(1)).is_ok() {
                at = at.saturating_add(1);
            }
            self.starts.partition_point(|&s| s <= at).saturating_add(1)
        }
    }

    /// One CSV record: its line, its cells (trimmed) and the indexes of cells that were not
    /// valid UTF-8 (decoded lossily).
    pub(crate) struct Record {
        pub line: usize,
        pub cells: Vec<String>,
        pub bad_utf8: Vec<usize>,
    }

    impl Record {
        /// True when every cell is empty (a blank line or a row of bare commas).
        pub fn is_blank(&self) -> bool {
            self.cells.iter().all(|c| c.is_empty())
        }
    }

    /// Streams every record of a CSV document to `each` (no header handling: the first line is
    /// record one), flexible in width, with a leading BOM removed from the first cell.
    pub(crate) fn for_each_record<R: Read, F: FnMut(Record) -> Result<()>>(
        reader: R,
        mut each: F,
    ) -> Result<()> {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(LineIndex {
                inner: reader,
                offset: 0,
                starts: Vec::new(),
                pending_cr: false,
                quoting: Quoting::CellStart,
            });
        let mut first = true;
        let mut record = csv::ByteRecord::new();
        let mut last_line = 0;
        loop {
            match rdr.read_byte_record(&mut record) {
                Ok(false) => {
                    if let Quoting::Quoted(open) = rdr.get_ref().quoting {
                        return Err(Error::InvalidCsv(format!(
                            "unterminated quote: the quoted cell opened on line {open} \
                             (in the row starting on line {last_line}) is never closed"
                        )));
                    }
                    break;
                }
                Ok(true) => {}
                Err(e) => return Err(Error::InvalidCsv(e.to_string().to_lowercase())),
            }
            let byte = record.position().map_or(0, |p| p.byte());
            let line = rdr.get_ref().line_of(byte);
            last_line = line;
            let mut bad_utf8 = Vec::new();
            let cells = record
                .iter()
                .enumerate()
                .map(|(i, raw)| {
                    let text = match std::str::from_utf8(raw) {
                        Ok(t) => t.to_string(),
                        Err(_) => {
                            bad_utf8.push(i);
                            String::from_utf8_lossy(raw).into_owned()
                        }
                    };
                    let text = if i == 0 && first {
                        text.trim_start_matches('\u{feff}').to_string()
                    } else {
                        text
                    };
                    text.trim().to_string()
                })
                .collect();
            first = false;
            each(Record {
                line,
                cells,
                bad_utf8,
            })?;
        }
        Ok(())
    }
}
