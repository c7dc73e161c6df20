//! The validation report every dataset reader returns beside its good rows.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How bad an [`Issue`] is.
///
/// ```
/// use remitcost::Severity;
/// assert_eq!(serde_json::to_string(&Severity::Error).unwrap(), "\"error\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The row (or, in a wide DataBank layout, the one value; in the RPW layout, the one amount
    /// block the field names, when the other block still prices the row) was rejected: it is
    /// listed in the report and left out of the data.
    Error,
    /// The row was kept as published; the report flags it (e.g. an inconsistent total).
    Warning,
}

/// Why a row or field was flagged. The snake_case [`code`](IssueReason::code) is stable API
/// (it is also the serialized form).
///
/// ```
/// use remitcost::IssueReason;
/// assert_eq!(IssueReason::InconsistentTotal.code(), "inconsistent_total");
/// assert_eq!(serde_json::to_string(&IssueReason::BadNumber).unwrap(), "\"bad_number\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IssueReason {
    /// A required value is empty (an error for identity and price fields, a warning for
    /// descriptive text).
    MissingValue,
    /// A value that is not a decimal number.
    BadNumber,
    /// An amount sent that is zero or negative (no percentage can be taken of it).
    BadAmount,
    /// A currency code not in ISO 4217 (see [`Currency::parse`](crate::Currency::parse)). In
    /// the RPW readers a warning: the block is kept (a percentage does not need the currency),
    /// its currency resolved where the sending country makes it unambiguous (`CFA`) or `None`.
    UnknownCurrency,
    /// A country code that is not three ASCII letters.
    BadCountryCode,
    /// A period that is not a calendar quarter (see [`Period`](crate::Period)).
    BadPeriod,
    /// A `transparent` value other than yes/no/y/n/true/false/1/0; in a classification sheet,
    /// a G8 or G20 value other than those, or a `G8G20` value other than `G8/G20`, `G20`, `..`
    /// or blank.
    BadBoolean,
    /// A cell that is not valid UTF-8 (decoded with replacement characters).
    InvalidText,
    /// A row that prices neither RPW amount (both `cc1` and `cc2` blocks empty).
    NoPrice,
    /// The stated total cost differs from `fee / amount × 100 + fx margin` by more than the
    /// tolerance. The row is kept.
    InconsistentTotal,
    /// The `corridor` column is not `source_code` + `destination_code`. The row is kept.
    CorridorMismatch,
    /// A check that could not be computed in 96-bit decimals. The row is kept.
    Overflow,
    /// A fee below zero, or a total cost % below zero while the fx margin is not negative
    /// (only a rate better than the reference can take the total below zero): not a price. The
    /// row is rejected.
    NegativeCost,
    /// An amount block with an amount (or rate) but no fee, fx margin or total cost: the
    /// service is not offered at this amount. A warning; the block is `None`.
    NotOffered,
    /// A blank fee, fx margin or total cost, the other two stated: read as the value that
    /// `total cost % = fee / amount × 100 + fx margin` implies. A warning.
    ImpliedValue,
    /// A column the reader does not read (a classification sheet's column that is none of its
    /// fields, or a second column for the same field): a warning on the header row naming the
    /// column, whose values are left out. Also listed in
    /// [`extra_columns`](ValidationReport::extra_columns).
    IgnoredColumn,
    /// A country code listed a second time in a classification sheet: the later row is
    /// rejected.
    DuplicateCode,
}

impl IssueReason {
    /// The stable snake_case code.
    ///
    /// ```
    /// assert_eq!(remitcost::IssueReason::UnknownCurrency.code(), "unknown_currency");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            IssueReason::MissingValue => "missing_value",
            IssueReason::BadNumber => "bad_number",
            IssueReason::BadAmount => "bad_amount",
            IssueReason::UnknownCurrency => "unknown_currency",
            IssueReason::BadCountryCode => "bad_country_code",
            IssueReason::BadPeriod => "bad_period",
            IssueReason::BadBoolean => "bad_boolean",
            IssueReason::InvalidText => "invalid_text",
            IssueReason::NoPrice => "no_price",
            IssueReason::InconsistentTotal => "inconsistent_total",
            IssueReason::CorridorMismatch => "corridor_mismatch",
            IssueReason::Overflow => "overflow",
            IssueReason::NegativeCost => "negative_cost",
            IssueReason::NotOffered => "not_offered",
            IssueReason::ImpliedValue => "implied_value",
            IssueReason::IgnoredColumn => "ignored_column",
            IssueReason::DuplicateCode => "duplicate_code",
        }
    }
}

impl fmt::Display for IssueReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One flagged field of one row.
///
/// ```
/// use remitcost::{Issue, IssueReason, Severity};
/// let issue = Issue {
///     sheet: None,
///     row: 7,
///     field: "cc1 lcu fee".into(),
///     reason: IssueReason::BadNumber,
///     detail: "invalid decimal \"12,5\"".into(),
///     severity: Severity::Error,
/// };
/// assert_eq!(issue.to_string(), "row 7, cc1 lcu fee: bad_number (invalid decimal \"12,5\") [error]");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// The workbook sheet the row is on (`.xlsx` input only; `None` for CSV and JSON).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The line of the file on which the row starts (1 = the first line); for JSON input, the
    /// 1-based position of the row object in the array.
    pub row: usize,
    /// The column, by its published name (empty for a row-level issue).
    pub field: String,
    /// Why, as a stable code.
    pub reason: IssueReason,
    /// Lowercase detail naming the offending value.
    pub detail: String,
    /// Whether the row was rejected or kept.
    pub severity: Severity,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(sheet) = &self.sheet {
            write!(f, "sheet {sheet:?}, ")?;
        }
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if self.field.is_empty() {
            write!(
                f,
                "row {}: {} ({}) [{severity}]",
                self.row, self.reason, self.detail
            )
        } else {
            write!(
                f,
                "row {}, {}: {} ({}) [{severity}]",
                self.row, self.field, self.reason, self.detail
            )
        }
    }
}

/// What a reader made of its input: how many rows it read, kept and rejected, the counts the
/// RPW methodology asks for, and every [`Issue`] with its row and reason.
///
/// Printing it (`Display`) gives a summary and the first [`ValidationReport::DISPLAY_LIMIT`]
/// issues followed by `… N more`; the alternate form (`{:#}`) prints every issue. It
/// serializes with serde (decimals as strings).
///
/// ```
/// # #[cfg(feature = "csv")] {
/// let csv = "period,source_code,destination_code,firm,firm_type,payment instrument,\
/// access point,speed actual,cc1 lcu amount,cc1 lcu fee,cc1 fx margin,cc1 total cost %,transparent\n\
/// 2025_1Q,FRA,SEN,A,Bank,Cash,Cash,Same day,180,5,1,3.7777,yes\n\
/// 2025_1Q,FRA,SEN,B,Bank,Cash,Cash,Same day,180,five,1,3,yes\n";
/// let data = remitcost::read_rpw_csv(csv.as_bytes()).unwrap();
/// let report = &data.report;
/// assert_eq!((report.rows_read, report.rows_kept, report.rows_rejected), (2, 1, 1));
/// assert_eq!(report.issues[0].row, 3);
/// assert!(report.to_string().contains("row 3, cc1 lcu fee: bad_number"));
/// # }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationReport {
    /// Data rows read (header, preamble, blank and footer lines not counted).
    pub rows_read: usize,
    /// Rows kept in the data (some may carry warnings).
    pub rows_kept: usize,
    /// Rows rejected for at least one error.
    pub rows_rejected: usize,
    /// Records skipped as not data: rows of empty cells (`,,,`), export preambles, footers and
    /// notes (counted, not silently lost). Empty lines are no record and are not counted.
    pub lines_skipped: usize,
    /// Kept rows with `transparent = no` (their 0 fx margin does not mean no cost; RPW leaves
    /// them out of its averages).
    pub non_transparent: usize,
    /// Kept rows with an fx rate of exactly 1, the "not comparable" sentinel, read as no rate.
    pub sentinel_fx_rates: usize,
    /// Header names the reader did not interpret, as published: the RPW readers keep their
    /// values in each row's `extra`; the classification sheet's reader leaves them out and
    /// flags each ([`IssueReason::IgnoredColumn`]).
    pub extra_columns: Vec<String>,
    /// The tolerance used for the total-cost check, in percentage points (RPW readers).
    #[serde(default, deserialize_with = "crate::decimal::de::option")]
    pub tolerance_pct: Option<Decimal>,
    /// Every flagged field, in input order.
    pub issues: Vec<Issue>,
}

impl ValidationReport {
    /// How many issues `Display` prints before `… N more`.
    pub const DISPLAY_LIMIT: usize = 20;

    /// True when no issue at all was found.
    ///
    /// ```
    /// assert!(remitcost::ValidationReport::default().is_clean());
    /// ```
    pub fn is_clean(&self) -> bool {
        self.issues.is_empty()
    }

    /// How many issues have this reason.
    ///
    /// ```
    /// use remitcost::{IssueReason, ValidationReport};
    /// assert_eq!(ValidationReport::default().count(IssueReason::BadNumber), 0);
    /// ```
    pub fn count(&self, reason: IssueReason) -> usize {
        self.issues.iter().filter(|i| i.reason == reason).count()
    }

    /// The issues that rejected a row or value.
    ///
    /// ```
    /// assert_eq!(remitcost::ValidationReport::default().errors().count(), 0);
    /// ```
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.severity == Severity::Error)
    }

    /// The issues on rows that were kept.
    ///
    /// ```
    /// assert_eq!(remitcost::ValidationReport::default().warnings().count(), 0);
    /// ```
    pub fn warnings(&self) -> impl Iterator<Item = &Issue> {
        self.issues
            .iter()
            .filter(|i| i.severity == Severity::Warning)
    }

    /// Issue counts by reason code, sorted by code.
    ///
    /// ```
    /// assert!(remitcost::ValidationReport::default().counts_by_reason().is_empty());
    /// ```
    pub fn counts_by_reason(&self) -> Vec<(IssueReason, usize)> {
        let mut counts = std::collections::BTreeMap::new();
        for issue in &self.issues {
            let n: &mut usize = counts.entry(issue.reason).or_default();
            *n = n.saturating_add(1);
        }
        counts.into_iter().collect()
    }

    /// Adds another report's counts and issues to this one, its issues marked as from `sheet`
    /// (a workbook read sheet by sheet).
    #[cfg(feature = "xlsx")]
    pub(crate) fn absorb(&mut self, other: ValidationReport, sheet: &str) {
        self.rows_read = self.rows_read.saturating_add(other.rows_read);
        self.rows_kept = self.rows_kept.saturating_add(other.rows_kept);
        self.rows_rejected = self.rows_rejected.saturating_add(other.rows_rejected);
        self.lines_skipped = self.lines_skipped.saturating_add(other.lines_skipped);
        self.non_transparent = self.non_transparent.saturating_add(other.non_transparent);
        self.sentinel_fx_rates = self
            .sentinel_fx_rates
            .saturating_add(other.sentinel_fx_rates);
        for name in other.extra_columns {
            if !self.extra_columns.contains(&name) {
                self.extra_columns.push(name);
            }
        }
        self.issues
            .extend(other.issues.into_iter().map(|mut issue| {
                issue.sheet = Some(sheet.to_string());
                issue
            }));
    }

    pub(crate) fn push(
        &mut self,
        row: usize,
        field: &str,
        reason: IssueReason,
        detail: String,
        severity: Severity,
    ) {
        self.issues.push(Issue {
            sheet: None,
            row,
            field: field.to_string(),
            reason,
            detail,
            severity,
        });
    }
}

impl fmt::Display for ValidationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} rows read: {} kept, {} rejected; {} lines skipped",
            self.rows_read, self.rows_kept, self.rows_rejected, self.lines_skipped
        )?;
        writeln!(f)?;
        // The RPW counts, for the readers of per-service rows (the ones with a tolerance).
        if let Some(tol) = self.tolerance_pct {
            write!(
                f,
                "{} non-transparent, {} fx rates of 1 (not comparable), total-cost tolerance \
                 {tol} pp",
                self.non_transparent, self.sentinel_fx_rates
            )?;
            writeln!(f)?;
        }
        let counts = self.counts_by_reason();
        if counts.is_empty() {
            write!(f, "no issues")?;
        } else {
            let list: Vec<String> = counts.iter().map(|(r, n)| format!("{r} {n}")).collect();
            write!(f, "{} issues: {}", self.issues.len(), list.join(", "))?;
        }
        let limit = if f.alternate() {
            usize::MAX
        } else {
            Self::DISPLAY_LIMIT
        };
        for issue in self.issues.iter().take(limit) {
            write!(f, "\n  {issue}")?;
        }
        let more = self.issues.len().saturating_sub(limit);
        if more > 0 {
            write!(f, "\n  … {more} more")?;
        }
        Ok(())
    }
}
