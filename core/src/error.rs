//! The one error type of remitcost.

/// Everything that can go wrong in remitcost.
///
/// Every variant has a stable snake_case [`code`](Error::code): the Python and JavaScript
/// bindings expose the same string, so callers can branch on it in any language. Messages are
/// lowercase and name the offending value.
///
/// ```
/// use remitcost::Currency;
/// let err = Currency::parse("EURO").unwrap_err();
/// assert_eq!(err.code(), "unknown_currency");
/// assert_eq!(err.to_string(), "unknown currency code \"EURO\"");
///
/// // The same check inside a JSON document gives the same code and message.
/// let err: remitcost::Error = serde_json::from_str::<Currency>("\"EURO\"").unwrap_err().into();
/// assert_eq!(err.to_string(), "unknown currency code \"EURO\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A currency code that is not in the ISO 4217 table, or has no minor unit (e.g. `XAU`).
    #[error("unknown currency code {0:?}")]
    UnknownCurrency(String),
    /// A string that is not a decimal number.
    #[error("invalid decimal {0:?}")]
    InvalidDecimal(String),
    /// Two amounts or rates in different currencies were combined.
    #[error("currency mismatch: expected {expected}, got {found}")]
    CurrencyMismatch {
        /// The currency that was required.
        expected: String,
        /// The currency that was given.
        found: String,
    },
    /// An exchange rate that is zero, negative, or not 1 between a currency and itself.
    #[error("invalid rate {0}")]
    InvalidRate(String),
    /// An amount that is zero, negative or otherwise unusable where a positive one is needed.
    #[error("invalid amount {0}")]
    InvalidAmount(String),
    /// An amount outside the limits a fee schedule accepts.
    #[error("amount {amount} is outside the schedule's limits [{min}, {max}]")]
    AmountOutOfRange {
        /// The amount asked for.
        amount: String,
        /// The smallest amount accepted.
        min: String,
        /// The largest amount accepted (`none` when unlimited).
        max: String,
    },
    /// A fee schedule that cannot be applied (overlapping limits, negative fee, …).
    #[error("invalid fee schedule: {0}")]
    InvalidSchedule(String),
    /// The reverse solve found no send amount that delivers the target.
    #[error("no send amount delivers {0}")]
    Unreachable(String),
    /// A result too large for a 96-bit decimal.
    #[error("arithmetic overflow in {0}")]
    Overflow(&'static str),
    /// A division by zero (e.g. a percentage of a zero amount).
    #[error("division by zero in {0}")]
    DivisionByZero(&'static str),
    /// A JSON document that does not have the expected shape.
    #[error("invalid json: {0}")]
    InvalidJson(String),
    /// A CSV document that cannot be read at all (no header, bad encoding, I/O failure).
    #[error("invalid csv: {0}")]
    InvalidCsv(String),
    /// An `.xlsx` workbook that cannot be read at all (not a workbook, no RPW dataset sheet —
    /// or no "Countries" sheet for the classification reader —, no header row, I/O failure).
    #[error("invalid xlsx: {0}")]
    InvalidXlsx(String),
    /// A dataset whose file type (or given format name) is not one remitcost reads: `csv`,
    /// `json`, `xlsx` (the last with the `xlsx` feature).
    #[error("unsupported format: {0}")]
    UnsupportedFormat(String),
    /// A quote collected before the oldest time the caller accepts, or with no collection time
    /// when a limit is set.
    #[error("stale quote: {0}")]
    StaleQuote(String),
    /// A required column is missing from a dataset's header.
    #[error("missing column {0:?}")]
    MissingColumn(String),
    /// A grouping by a column that the rows do not have (or that the data grouped has no
    /// such column at all: corridor statistics carry no service columns).
    #[error("unknown column {0:?}")]
    UnknownColumn(String),
    /// A survey period that is not a calendar quarter (`2016_2Q`, `2016Q2`, `Q2 2016`).
    #[error("invalid period {0:?}")]
    InvalidPeriod(String),
    /// An aggregate over no data where at least one value is needed.
    #[error("no data: {0}")]
    NoData(String),
    /// Partial aggregations that cannot merge (different dimensions or options), or a partial
    /// asked for a result its grouping cannot give.
    #[error("incompatible partial aggregation: {0}")]
    Incompatible(String),
}

impl Error {
    /// The stable, machine-readable code of this error (API: never renamed).
    ///
    /// ```
    /// assert_eq!(remitcost::Error::Overflow("fee").code(), "overflow");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Error::UnknownCurrency(_) => "unknown_currency",
            Error::InvalidDecimal(_) => "invalid_decimal",
            Error::CurrencyMismatch { .. } => "currency_mismatch",
            Error::InvalidRate(_) => "invalid_rate",
            Error::InvalidAmount(_) => "invalid_amount",
            Error::AmountOutOfRange { .. } => "amount_out_of_range",
            Error::InvalidSchedule(_) => "invalid_schedule",
            Error::Unreachable(_) => "unreachable_target",
            Error::Overflow(_) => "overflow",
            Error::DivisionByZero(_) => "division_by_zero",
            Error::InvalidJson(_) => "invalid_json",
            Error::InvalidCsv(_) => "invalid_csv",
            Error::InvalidXlsx(_) => "invalid_xlsx",
            Error::UnsupportedFormat(_) => "unsupported_format",
            Error::StaleQuote(_) => "stale_quote",
            Error::MissingColumn(_) => "missing_column",
            Error::UnknownColumn(_) => "unknown_column",
            Error::InvalidPeriod(_) => "invalid_period",
            Error::NoData(_) => "no_data",
            Error::Incompatible(_) => "incompatible",
        }
    }
}

impl From<serde_json::Error> for Error {
    /// A JSON document that does not fit is `invalid_json`, except where a value inside it was
    /// refused by one of remitcost's own checks (an unknown currency, a non-positive rate, a bad
    /// period): then the error is that check's, so `code()` says what was wrong whichever way
    /// the value arrived. A decimal field's bad text is `invalid_decimal` naming the text, as
    /// [`parse_decimal`](crate::parse_decimal) gives it.
    ///
    /// ```
    /// let err = serde_json::from_str::<remitcost::FeePart>(r#"{"fixed": "1_000"}"#).unwrap_err();
    /// let err = remitcost::Error::from(err);
    /// assert_eq!(err, remitcost::parse_decimal("1_000").unwrap_err());
    /// ```
    fn from(err: serde_json::Error) -> Self {
        type Make = fn(String) -> Error;
        let message = err.to_string();
        // (prefix of our own message, whether the value follows in quotes, the variant)
        let typed: [(&str, bool, Make); 4] = [
            ("unknown currency code ", true, Error::UnknownCurrency),
            ("invalid decimal ", true, Error::InvalidDecimal),
            ("invalid rate ", false, Error::InvalidRate),
            ("invalid period ", true, Error::InvalidPeriod),
        ];
        for (prefix, quoted, make) in typed {
            if let Some(rest) = message.strip_prefix(prefix) {
                let value = quoted
                    // The last quote closes the value (serde_json only adds " at line …").
                    .then(|| rest.strip_prefix('"')?.rsplit_once('"'))
                    .flatten()
                    .map_or(rest, |(inner, _)| inner);
                return make(value.to_string());
            }
        }
        Error::InvalidJson(message)
    }
}

/// `Result` with remitcost's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
