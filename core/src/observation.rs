//! One surveyed service price, as a row of the World Bank's RPW dataset holds it.

use crate::currency::Currency;
use crate::error::{Error, Result};
use crate::fx::Rate;
use crate::money::{Money, Rounding};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// A calendar quarter, the period of an RPW survey.
///
/// Parses the three spellings the World Bank publishes: `2016_2Q` (the RPW dataset),
/// `2016Q2` or `2016Q2 [YR2016Q2]` (DataBank exports) and `Q2 2016` (report tables). Displays
/// as the RPW dataset does (`2016_2Q`). Periods order chronologically.
///
/// ```
/// use remitcost::Period;
/// let p: Period = "2016_2Q".parse().unwrap();
/// assert_eq!(p, "2016Q2 [YR2016Q2]".parse().unwrap());
/// assert_eq!(p, "Q2 2016".parse().unwrap());
/// assert_eq!(p.to_string(), "2016_2Q");
/// assert!(p < "2016_3Q".parse().unwrap());
/// assert_eq!("2016_5Q".parse::<Period>().unwrap_err().code(), "invalid_period");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Period {
    /// The year, e.g. 2016.
    pub year: u16,
    /// The quarter, 1 to 4.
    pub quarter: u8,
}

impl Period {
    /// A period from a year and a quarter (1–4).
    pub fn new(year: u16, quarter: u8) -> Result<Period> {
        if (1..=4).contains(&quarter) {
            Ok(Period { year, quarter })
        } else {
            Err(Error::InvalidPeriod(format!("{year} quarter {quarter}")))
        }
    }

    /// The quarter before this one (`2017_1Q` → `2016_4Q`).
    ///
    /// ```
    /// let p: remitcost::Period = "2017_1Q".parse().unwrap();
    /// assert_eq!(p.previous().unwrap().to_string(), "2016_4Q");
    /// ```
    pub fn previous(&self) -> Option<Period> {
        match self.quarter {
            1 => Some(Period {
                year: self.year.checked_sub(1)?,
                quarter: 4,
            }),
            q => Some(Period {
                year: self.year,
                quarter: q.checked_sub(1)?,
            }),
        }
    }
}

impl FromStr for Period {
    type Err = Error;
    fn from_str(text: &str) -> Result<Period> {
        let bad = || Error::InvalidPeriod(text.to_string());
        let head = text.split_whitespace().collect::<Vec<_>>();
        let (year, quarter) = match head.as_slice() {
            // "Q2 2016"
            [q, y] if q.starts_with(['Q', 'q']) => (*y, q.get(1..).ok_or_else(bad)?),
            // "2016_2Q", "2016Q2", "2016Q2 [YR2016Q2]"
            [one] | [one, _] => {
                if let Some((y, q)) = one.split_once('_') {
                    (y, q.strip_suffix(['Q', 'q']).ok_or_else(bad)?)
                } else {
                    one.split_once(['Q', 'q']).ok_or_else(bad)?
                }
            }
            _ => return Err(bad()),
        };
        let year: u16 = year.parse().map_err(|_| bad())?;
        let quarter: u8 = quarter.parse().map_err(|_| bad())?;
        Period::new(year, quarter).map_err(|_| bad())
    }
}

impl TryFrom<String> for Period {
    type Error = Error;
    fn try_from(s: String) -> Result<Period> {
        s.parse()
    }
}

impl From<Period> for String {
    fn from(p: Period) -> String {
        p.to_string()
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}_{}Q", self.year, self.quarter)
    }
}

/// The price of one service for one RPW amount (the `cc1 …` or `cc2 …` block of a row).
///
/// All values are as the data states them: the stated `fx_margin_pct` is the data of record
/// (some rows' rates are in USD or EUR, or inverted), and negative margins and costs are real
/// quotes, kept with their sign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Price {
    /// Amount sent in the sending currency (`cc1 lcu amount`, e.g. 120 GBP for USD 200).
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub amount: Decimal,
    /// The amount in the denomination currency (`cc1 denomination amount`: 200 or 500 USD).
    #[serde(default, deserialize_with = "crate::decimal::de::option")]
    pub denomination_amount: Option<Decimal>,
    /// The sending currency (`cc1 lcu code`).
    pub currency: Option<Currency>,
    /// The fee, in the sending currency (`cc1 lcu fee`).
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub fee: Decimal,
    /// The offered exchange rate (`cc1 lcu fx rate`); `None` where not comparable (the data's
    /// sentinel `1` for parallel-market currencies is read as `None`).
    #[serde(default, deserialize_with = "crate::decimal::de::option")]
    pub fx_rate: Option<Decimal>,
    /// The exchange margin, percent (`cc1 fx margin`).
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub fx_margin_pct: Decimal,
    /// The total cost, percent of the amount sent (`cc1 total cost %`).
    #[serde(deserialize_with = "crate::decimal::de::decimal")]
    pub total_cost_pct: Decimal,
}

/// Which of the two RPW amounts an indicator is computed for.
///
/// ```
/// assert_eq!(remitcost::RpwAmount::default(), remitcost::RpwAmount::Usd200);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RpwAmount {
    /// The send-currency equivalent of USD 200 (`cc1`), RPW's headline amount.
    #[default]
    Usd200,
    /// The send-currency equivalent of USD 500 (`cc2`).
    Usd500,
}

impl RpwAmount {
    /// The amount in US dollars: 200 or 500.
    ///
    /// ```
    /// assert_eq!(remitcost::RpwAmount::Usd500.usd().to_string(), "500");
    /// ```
    pub fn usd(self) -> Decimal {
        match self {
            RpwAmount::Usd200 => Decimal::from(200),
            RpwAmount::Usd500 => Decimal::from(500),
        }
    }

    /// The send-currency equivalent of this amount at a reference rate between USD and
    /// `currency` (quoted either way round), rounded to the currency's minor units.
    /// RPW's survey then uses a rounded local amount (GBP 120, EUR 140) that its data states;
    /// this is the exact equivalent a comparator can start from.
    ///
    /// ```
    /// use remitcost::{Currency, Rate, Rounding, RpwAmount};
    /// let c = |s| Currency::parse(s).unwrap();
    /// let eur_usd = Rate::new(c("EUR"), c("USD"), "1.08".parse().unwrap()).unwrap();
    /// let amount = RpwAmount::Usd200.in_currency(&eur_usd, c("EUR"), Rounding::HalfEven).unwrap();
    /// assert_eq!(amount.to_string(), "185.19 EUR");
    /// let usd = RpwAmount::Usd500.in_currency(&eur_usd, c("USD"), Rounding::HalfEven).unwrap();
    /// assert_eq!(usd.to_string(), "500.00 USD");
    /// ```
    pub fn in_currency(
        self,
        usd_rate: &Rate,
        currency: Currency,
        rounding: Rounding,
    ) -> Result<Money> {
        let usd = Currency::parse("USD")?;
        let dollars = Money::new(self.usd(), usd);
        let exact = if currency == usd {
            dollars
        } else {
            usd_rate.oriented(usd, currency)?.convert(&dollars)?
        };
        Ok(exact.round(rounding))
    }
}

/// One row of an RPW-layout dataset: one service (provider × product) in one corridor in one
/// period, priced at the two RPW amounts.
///
/// Text fields hold the published strings, trimmed, with free-text categories normalised by
/// the reader (e.g. `Credit Card` and `Credit card` are one instrument). Columns the reader
/// does not know are kept in `extra`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observation {
    /// Line number of the row in its source (1 = the header line), for reports.
    pub row: usize,
    /// The dataset's `id` column, if any.
    pub id: Option<String>,
    /// The survey quarter.
    pub period: Period,
    /// Sending country, ISO alpha-3 (`source_code`).
    pub source_code: String,
    /// Sending country name.
    pub source_name: String,
    /// Sending country's region.
    pub source_region: String,
    /// Receiving country, ISO alpha-3 (`destination_code`).
    pub destination_code: String,
    /// Receiving country name.
    pub destination_name: String,
    /// Receiving country's region (RPW's regional averages are by receiving region).
    pub destination_region: String,
    /// The provider (`firm`).
    pub firm: String,
    /// The provider type: Bank, Money Transfer Operator, Post office, Mobile operator, or a
    /// combination such as `Bank/MTO`.
    pub firm_type: String,
    /// The payment instrument (`payment instrument`; empty in the pre-2016 layout, which
    /// has `product` instead).
    pub instrument: String,
    /// The product as the pre-2016 layout classifies it (`product`: "Cash to cash",
    /// "Account to account", "Online service", …); empty where the data has no such column.
    #[serde(default)]
    pub product: String,
    /// The access point (`access point`; the pre-2016 layout's `sending location`).
    pub access_point: String,
    /// Where the receiving network reaches (`receiving network coverage`; the pre-2016
    /// layout's `coverage`: Nationwide, Major cities, …).
    #[serde(default)]
    pub coverage: String,
    /// How the money is picked up (`pickup method`; the pre-2016 layout's `pick-up method`).
    #[serde(default)]
    pub pickup_method: String,
    /// The speed as surveyed (`speed actual`).
    pub speed: String,
    /// Whether the provider discloses its exchange rate (`transparent`); rows that do not
    /// carry a literal 0 margin that does not mean no cost.
    pub transparent: bool,
    /// The price for USD 200 (`cc1 …`), if surveyed.
    pub cc1: Option<Price>,
    /// The price for USD 500 (`cc2 …`), if surveyed.
    pub cc2: Option<Price>,
    /// The reference interbank rate (`inter lcu bank fx`).
    #[serde(default, deserialize_with = "crate::decimal::de::option")]
    pub interbank_fx: Option<Decimal>,
    /// Columns the reader does not interpret, by header name (`Standard Note`, `note1`,
    /// `pickup location`, `date`, …); also a block's `lcu code` as published where the block's
    /// `currency` does not say it (a code not in ISO 4217, `CFA` read as XOF or XAF, a block
    /// without a price). Any of them is a grouping [`Dimension`](crate::Dimension) by its name.
    pub extra: BTreeMap<String, String>,
}

impl Observation {
    /// The corridor code: sending and receiving ISO codes together (`FRASEN`).
    pub fn corridor(&self) -> String {
        format!("{}{}", self.source_code, self.destination_code)
    }

    /// The price at one of the RPW amounts.
    pub fn price(&self, amount: RpwAmount) -> Option<&Price> {
        match amount {
            RpwAmount::Usd200 => self.cc1.as_ref(),
            RpwAmount::Usd500 => self.cc2.as_ref(),
        }
    }
}
