//! Which reader a file needs: `.csv`, `.json` or `.xlsx`, by its name or by its first bytes.

use super::rpw::{Dataset, ReadOptions};
use crate::error::{Error, Result};
use std::io::{Read, Seek};
use std::path::Path;
use std::str::FromStr;

/// The forms the RPW dataset is read from.
///
/// ```
/// use remitcost::RpwFormat;
/// assert_eq!("XLSX".parse::<RpwFormat>().unwrap(), RpwFormat::Xlsx);
/// assert_eq!(RpwFormat::of_path("rows_2011.Csv").unwrap(), RpwFormat::Csv);
/// assert_eq!(RpwFormat::sniff(b"PK\x03\x04..."), RpwFormat::Xlsx);
/// assert_eq!(RpwFormat::sniff(b"\xEF\xBB\xBF [{\"period\": 1}]"), RpwFormat::Json);
/// assert_eq!(RpwFormat::sniff(b"id,period"), RpwFormat::Csv);
/// assert_eq!(RpwFormat::of_path("rows.parquet").unwrap_err().code(), "unsupported_format");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RpwFormat {
    /// A CSV export ([`read_rpw_csv`](crate::read_rpw_csv)).
    Csv,
    /// A JSON array of row objects ([`read_rpw_json`](crate::read_rpw_json)).
    Json,
    /// The World Bank's workbook (`read_rpw_xlsx`, with the `xlsx` feature).
    Xlsx,
}

impl FromStr for RpwFormat {
    type Err = Error;
    /// `csv`, `json` or `xlsx`, any case, with or without a leading dot.
    fn from_str(name: &str) -> Result<RpwFormat> {
        match name
            .trim()
            .trim_start_matches('.')
            .to_ascii_lowercase()
            .as_str()
        {
            "csv" => Ok(RpwFormat::Csv),
            "json" => Ok(RpwFormat::Json),
            "xlsx" => Ok(RpwFormat::Xlsx),
            _ => Err(Error::UnsupportedFormat(format!(
                "{name:?} (expected csv, json or xlsx)"
            ))),
        }
    }
}

impl RpwFormat {
    /// The format a file's extension names (see [`FromStr`]).
    pub fn of_path(path: impl AsRef<Path>) -> Result<RpwFormat> {
        let path = path.as_ref();
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        extension.parse().map_err(|_| {
            Error::UnsupportedFormat(format!(
                "{:?}: the file type is not .csv, .json or .xlsx",
                path.display().to_string()
            ))
        })
    }

    /// The format of a document by its first bytes: a zip archive (`PK\x03\x04`) is a
    /// workbook, a `[` (after a byte-order mark and white space) JSON, anything else CSV.
    pub fn sniff(head: &[u8]) -> RpwFormat {
        if head.starts_with(b"PK\x03\x04") {
            return RpwFormat::Xlsx;
        }
        let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        match text.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'[') => RpwFormat::Json,
            _ => RpwFormat::Csv,
        }
    }

    /// Reads an RPW dataset in this format.
    ///
    /// ```
    /// use remitcost::RpwFormat;
    /// let data = RpwFormat::Json.read(std::io::Cursor::new(b"[]"), &Default::default()).unwrap();
    /// assert_eq!(data.report.rows_read, 0);
    /// ```
    pub fn read<R: Read + Seek>(self, reader: R, options: &ReadOptions) -> Result<Dataset> {
        match self {
            RpwFormat::Json => super::read_rpw_json_with(reader, options),
            #[cfg(feature = "csv")]
            RpwFormat::Csv => super::read_rpw_csv_with(reader, options),
            #[cfg(feature = "xlsx")]
            RpwFormat::Xlsx => super::read_rpw_xlsx_with(reader, options),
            #[allow(unreachable_patterns)]
            other => Err(Error::UnsupportedFormat(format!(
                "{other:?}: remitcost was built without this reader"
            ))),
        }
    }
}

/// Reads an RPW dataset file with the reader its extension names (`.csv`, `.json`, `.xlsx`).
/// A file that cannot be opened is that reader's error (`invalid_csv`, `invalid_json`,
/// `invalid_xlsx`) naming the path.
///
/// ```
/// # #[cfg(feature = "csv")] {
/// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/rpw/sample.csv");
/// let data = remitcost::read_rpw_file(path, &Default::default()).unwrap();
/// assert_eq!(data.report.rows_kept, 58);
/// # }
/// let err = remitcost::read_rpw_file("rows.txt", &Default::default()).unwrap_err();
/// assert_eq!(err.code(), "unsupported_format");
/// ```
pub fn read_rpw_file(path: impl AsRef<Path>, options: &ReadOptions) -> Result<Dataset> {
    let path = path.as_ref();
    let format = RpwFormat::of_path(path)?;
    let file = std::fs::File::open(path).map_err(|e| {
        let detail = format!("{}: {}", path.display(), e.to_string().to_lowercase());
        match format {
            RpwFormat::Csv => Error::InvalidCsv(detail),
            RpwFormat::Json => Error::InvalidJson(detail),
            RpwFormat::Xlsx => Error::InvalidXlsx(detail),
        }
    })?;
    format.read(std::io::BufReader::new(file), options)
}
