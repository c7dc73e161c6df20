//! The World Bank/KNOMAD bilateral remittance matrix (estimated flows by sending and receiving
//! country, millions of US$), the weights of a Global-Weighted-Average-style computation.

use super::report::{IssueReason, Severity, ValidationReport};
use super::{collapse_spaces, for_each_record};
use crate::decimal::parse_decimal;
use crate::error::{Error, Result};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Read;

/// Estimated remittance flows keyed by (sending country name, receiving country name), as the
/// KNOMAD matrix names them (World Bank names: `Egypt, Arab Rep.`, `Vietnam`, …, which differ
/// from the RPW/DataBank names — join through [`BilateralMatrix::weights_by_code`]).
///
/// ```
/// let csv = "Title,,\nreceiving (across) / sending (down) ,France,Senegal,WORLD\n\
/// France,0,1.5,1.5\nSenegal,0.25,0,0.25\nWORLD,0.25,1.5,1.75\n";
/// let m = remitcost::read_bilateral_matrix(csv.as_bytes()).unwrap();
/// assert_eq!(m.title, "Title");
/// assert_eq!(m.flows[&("France".to_string(), "Senegal".to_string())].to_string(), "1.5");
/// assert_eq!(m.flows.len(), 4); // the WORLD totals are not flows
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BilateralMatrix {
    /// The title line above the header (the vintage, e.g. "… for 2017 … (April 2018
    /// Version)"), empty if none.
    pub title: String,
    /// Flow from the sending (row) to the receiving (column) country, in the matrix's unit
    /// (millions of US$), zeros included; cells with no estimate (`-`, `..`, empty) are absent.
    #[serde(with = "pairs")]
    pub flows: BTreeMap<(String, String), Decimal>,
    /// What was read, kept, rejected and flagged (notes below the matrix are skipped lines).
    pub report: ValidationReport,
}

mod pairs {
    //! JSON has no tuple keys: the flows travel as a list of `[sending, receiving, value]`.
    use crate::decimal::de::Text;
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    type Flows = BTreeMap<(String, String), Decimal>;

    pub fn serialize<S: Serializer>(flows: &Flows, s: S) -> Result<S::Ok, S::Error> {
        let list: Vec<(&str, &str, &Decimal)> = flows
            .iter()
            .map(|((a, b), v)| (a.as_str(), b.as_str(), v))
            .collect();
        list.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Flows, D::Error> {
        // The value read by `parse_decimal`, as every decimal in core's JSON forms.
        let list: Vec<(String, String, Text)> = Vec::deserialize(d)?;
        Ok(list.into_iter().map(|(a, b, v)| ((a, b), v.0)).collect())
    }
}

impl BilateralMatrix {
    /// The four names of the 2017 matrix (April 2018 version) that the World Bank has since
    /// changed, so that a name → code table from a later WDI export (see
    /// [`WdiSeries::codes_by_name`](crate::WdiSeries::codes_by_name)) lacks them, with their
    /// ISO 3166-1 alpha-3 codes: Faeroe Islands (now "Faroe Islands"), Korea, Dem. Rep. (now
    /// "Korea, Dem. People's Rep."), Macedonia, FYR (North Macedonia since 2019), Swaziland
    /// (Eswatini since 2018). Joined with the WDI 2021 export in `shared/data`, these four are
    /// the only matrix names left without a code.
    ///
    /// ```
    /// use remitcost::BilateralMatrix;
    /// let codes: std::collections::BTreeMap<_, _> = BilateralMatrix::RENAMED
    ///     .iter()
    ///     .map(|(name, code)| (name.to_string(), code.to_string()))
    ///     .collect();
    /// assert_eq!(codes["Swaziland"], "SWZ");
    /// ```
    pub const RENAMED: [(&'static str, &'static str); 4] = [
        ("Faeroe Islands", "FRO"),
        ("Korea, Dem. Rep.", "PRK"),
        ("Macedonia, FYR", "MKD"),
        ("Swaziland", "SWZ"),
    ];

    /// The flows re-keyed by ISO alpha-3 codes through a name → code table (e.g.
    /// [`WdiSeries::codes_by_name`](crate::WdiSeries::codes_by_name), whose World Bank names
    /// the matrix shares), with the names the table does not have, sorted. No name is guessed:
    /// a flow whose sending or receiving name is unknown is left out and its name listed.
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// let csv = "receiving (across) / sending (down),Senegal,Swaziland\nFrance,1.5,0.5\n";
    /// let m = remitcost::read_bilateral_matrix(csv.as_bytes()).unwrap();
    /// let codes = BTreeMap::from([("France".to_string(), "FRA".to_string()),
    ///                             ("Senegal".to_string(), "SEN".to_string())]);
    /// let (weights, unknown) = m.weights_by_code(&codes);
    /// assert_eq!(weights[&("FRA".to_string(), "SEN".to_string())].to_string(), "1.5");
    /// assert_eq!(unknown, ["Swaziland"]);
    /// ```
    pub fn weights_by_code(
        &self,
        codes: &BTreeMap<String, String>,
    ) -> (BTreeMap<(String, String), Decimal>, Vec<String>) {
        let mut weights = BTreeMap::new();
        let mut unknown = std::collections::BTreeSet::new();
        for ((from, to), value) in &self.flows {
            match (codes.get(from), codes.get(to)) {
                (Some(a), Some(b)) => {
                    weights.insert((a.clone(), b.clone()), *value);
                }
                (a, b) => {
                    if a.is_none() {
                        unknown.insert(from.clone());
                    }
                    if b.is_none() {
                        unknown.insert(to.clone());
                    }
                }
            }
        }
        (weights, unknown.into_iter().collect())
    }
}

/// Reads the KNOMAD bilateral remittance matrix as a CSV: optional title line(s), then the
/// header line whose first cell starts with `receiving (across)` and names the receiving
/// countries, then one row per sending country, a `WORLD` totals row and column (not flows:
/// left out), and notes below (skipped lines).
///
/// Cells `-`, `..` and empty mean no estimate; a cell that is not a number is an error on that
/// value alone. A data row is one with at least one value; text rows after the header
/// (`Notes:` and the notes) are skipped. Without the header line the error is
/// [`Error::MissingColumn`].
///
/// ```
/// let csv = "receiving (across) / sending (down),Senegal\nFrance,abc\nNotes:,\n";
/// let m = remitcost::read_bilateral_matrix(csv.as_bytes()).unwrap();
/// assert!(m.flows.is_empty());
/// assert_eq!(m.report.issues[0].reason.code(), "bad_number");
/// assert_eq!(m.report.lines_skipped, 1);
/// assert_eq!(remitcost::read_bilateral_matrix("a,b\n".as_bytes()).unwrap_err().code(), "missing_column");
/// ```
pub fn read_bilateral_matrix<R: Read>(reader: R) -> Result<BilateralMatrix> {
    let mut receivers: Option<Vec<(usize, String)>> = None;
    let mut out = BilateralMatrix {
        title: String::new(),
        flows: BTreeMap::new(),
        report: ValidationReport::default(),
    };
    for_each_record(reader, |record| {
        let report = &mut out.report;
        let first = record.cells.first().map_or("", String::as_str);
        let Some(columns) = receivers.as_ref() else {
            if first.to_lowercase().starts_with("receiving (across)") {
                let names = record
                    .cells
                    .iter()
                    .enumerate()
                    .skip(1)
                    .map(|(i, name)| (i, collapse_spaces(name)))
                    .filter(|(_, name)| !name.is_empty() && !name.eq_ignore_ascii_case("world"))
                    .collect();
                receivers = Some(names);
            } else {
                if out.title.is_empty() {
                    out.title = collapse_spaces(first);
                }
                report.lines_skipped = report.lines_skipped.saturating_add(1);
            }
            return Ok(());
        };
        let has_value = record.cells.iter().skip(1).any(|c| !c.is_empty());
        let sender = collapse_spaces(first);
        if !has_value || sender.eq_ignore_ascii_case("world") {
            report.lines_skipped = report.lines_skipped.saturating_add(1);
            return Ok(());
        }
        report.rows_read = report.rows_read.saturating_add(1);
        let line = record.line;
        if sender.is_empty() || !record.bad_utf8.is_empty() {
            let (reason, detail) = if sender.is_empty() {
                (
                    IssueReason::MissingValue,
                    "empty sending country".to_string(),
                )
            } else {
                (IssueReason::InvalidText, "not valid utf-8".to_string())
            };
            report.push(line, "sending (down)", reason, detail, Severity::Error);
            report.rows_rejected = report.rows_rejected.saturating_add(1);
            return Ok(());
        }
        report.rows_kept = report.rows_kept.saturating_add(1);
        for (i, receiver) in columns {
            let text = record.cells.get(*i).map_or("", String::as_str);
            if matches!(text, "" | "-" | "..") {
                continue;
            }
            match parse_decimal(text) {
                Ok(value) => {
                    out.flows.insert((sender.clone(), receiver.clone()), value);
                }
                Err(e) => {
                    report.push(
                        line,
                        receiver,
                        IssueReason::BadNumber,
                        e.to_string(),
                        Severity::Error,
                    );
                }
            }
        }
        Ok(())
    })?;
    if receivers.is_none() {
        return Err(Error::MissingColumn(
            "receiving (across) / sending (down)".into(),
        ));
    }
    Ok(out)
}
