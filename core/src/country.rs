//! Countries as data: the World Bank's classification of economies (name, region, income
//! group, lending category) with its income history by fiscal year, and G8 / G20 membership —
//! for rows that carry no such columns (the pre-2016 RPW exports have none).
//!
//! A table is JSON (see [`Countries::from_json`]), so a user can pass their own. The World
//! Bank's table of 1 July 2023 (FY24) is bundled behind the cargo feature `countries` (on by
//! default, off in the WebAssembly build, whose size it would grow by about 58 KB):
//! [`Countries::world_bank`]. Built by `testdata/worldbank/wb-classification/make_countries.py`
//! from the World Bank's files in that folder (CC BY 4.0; see its PROVENANCE.md).

use crate::error::{Error, Result};
use crate::observation::{Observation, Period};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One economy as a classification table holds it.
///
/// `income_history` is the income group of each World Bank fiscal year from the table's
/// `history_from` on, comma-separated, as the codes of the World Bank's OGHIST table: `L` Low
/// income, `LM` Lower middle income, `UM` Upper middle income, `H` High income, empty where not
/// classified.
///
/// ```
/// let c: remitcost::Country = serde_json::from_str(r#"{"code": "SEN", "name": "Senegal",
///     "region": "Sub-Saharan Africa", "income": "Lower middle income", "lending": "IDA"}"#).unwrap();
/// assert!(!c.g20 && c.income_history.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Country {
    /// ISO alpha-3 code.
    pub code: String,
    /// The World Bank's name.
    pub name: String,
    /// World Bank region; `None` for a territory in no region (the Netherlands Antilles, ANT).
    #[serde(default)]
    pub region: Option<String>,
    /// Income group in the table's vintage (`High income`, …).
    #[serde(default)]
    pub income: Option<String>,
    /// Lending category (`IDA`, `IBRD`, `Blend`); `None` for none.
    #[serde(default)]
    pub lending: Option<String>,
    /// A member of the G8.
    #[serde(default)]
    pub g8: bool,
    /// One of the G20's 19 member countries (the European Union is the 20th member; its other
    /// members are not G20 countries).
    #[serde(default)]
    pub g20: bool,
    /// Income group codes by fiscal year, from the table's `history_from`.
    #[serde(default)]
    pub income_history: String,
}

/// Which income group a row gets: the table's own (its vintage), the one of the fiscal year
/// the row's quarter falls in (the World Bank's fiscal year N runs from 1 July of N − 1: Q1
/// and Q2 of 2012 are FY12, Q3 and Q4 are FY13), or that of one fiscal year for every row (the
/// classification a report was written with). In JSON: `"table"`, `"of_period"`,
/// `{"fiscal_year": 2012}`.
///
/// ```
/// let v: remitcost::IncomeVintage = serde_json::from_str(r#"{"fiscal_year": 2012}"#).unwrap();
/// assert_eq!(v, remitcost::IncomeVintage::FiscalYear(2012));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IncomeVintage {
    /// The table's income column.
    Table,
    /// The fiscal year of each row's quarter, from the income history.
    #[default]
    OfPeriod,
    /// One fiscal year (e.g. 2012 for FY12) for every row.
    FiscalYear(u16),
}

/// A classification table: economies by ISO alpha-3 code, with its vintage and source.
///
/// ```
/// let table = remitcost::Countries::from_json(r#"{"vintage": "mine", "countries": [
///     {"code": "FRA", "name": "France", "region": "Europe & Central Asia", "g20": true}]}"#).unwrap();
/// assert_eq!(table.get("fra").unwrap().name, "France");
/// assert_eq!(table.vintage, "mine");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Countries {
    /// Which classification this is (`FY24`).
    pub vintage: String,
    /// Where it comes from.
    #[serde(default)]
    pub source: String,
    /// The calendar year in which the first fiscal year of `income_history` ends (1989 for
    /// FY89).
    #[serde(default)]
    pub history_from: u16,
    countries: Vec<Country>,
    #[serde(skip)]
    index: BTreeMap<String, usize>,
}

/// The World Bank fiscal year (the calendar year it ends in) of a quarter.
///
/// ```
/// let fy = |p: &str| remitcost::fiscal_year(p.parse().unwrap());
/// assert_eq!((fy("2012_2Q"), fy("2012_3Q")), (2012, 2013));
/// ```
pub fn fiscal_year(period: Period) -> u16 {
    if period.quarter >= 3 {
        period.year.saturating_add(1)
    } else {
        period.year
    }
}

/// The published name of an income group code of the World Bank's history table.
pub(crate) fn income_name(code: &str) -> Option<&'static str> {
    match code {
        "L" => Some("Low income"),
        "LM" => Some("Lower middle income"),
        "UM" => Some("Upper middle income"),
        "H" => Some("High income"),
        _ => None,
    }
}

impl Countries {
    /// A table from JSON: `{"vintage", "source"?, "history_from"?, "countries": [Country]}`.
    /// A code that is not three letters, or one listed twice, is [`Error::InvalidJson`].
    ///
    /// ```
    /// let bad = remitcost::Countries::from_json(r#"{"vintage": "x", "countries": [
    ///     {"code": "FR", "name": "France"}]}"#);
    /// assert_eq!(bad.unwrap_err().code(), "invalid_json");
    /// ```
    pub fn from_json(text: &str) -> Result<Countries> {
        let mut table: Countries =
            serde_json::from_str(text).map_err(|e| Error::InvalidJson(e.to_string()))?;
        for (i, c) in table.countries.iter_mut().enumerate() {
            if c.code.len() != 3 || !c.code.bytes().all(|b| b.is_ascii_alphabetic()) {
                return Err(Error::InvalidJson(format!(
                    "country code {:?} is not ISO alpha-3",
                    c.code
                )));
            }
            c.code.make_ascii_uppercase();
            if table.index.insert(c.code.clone(), i).is_some() {
                return Err(Error::InvalidJson(format!(
                    "country {} listed twice",
                    c.code
                )));
            }
        }
        Ok(table)
    }

    /// A table of economies whose codes are already checked: ISO alpha-3, uppercase, each
    /// once (a reader's output). No income history.
    #[cfg(feature = "xlsx")]
    pub(crate) fn from_checked(vintage: &str, source: &str, countries: Vec<Country>) -> Countries {
        let index = countries
            .iter()
            .enumerate()
            .map(|(i, c)| (c.code.clone(), i))
            .collect();
        Countries {
            vintage: vintage.to_string(),
            source: source.to_string(),
            history_from: 0,
            countries,
            index,
        }
    }

    /// The World Bank's classification of 1 July 2023 (FY24: regions as used until 2025, with
    /// Afghanistan and Pakistan in South Asia), its income history FY89–FY26 and G8 / G20
    /// membership, bundled (cargo feature `countries`).
    ///
    /// ```
    /// let wb = remitcost::Countries::world_bank().unwrap();
    /// assert_eq!(wb.get("PAK").unwrap().region.as_deref(), Some("South Asia"));
    /// assert_eq!(wb.income_in("POL", 2012), Some("High income"));
    /// assert_eq!(wb.get("ANT").unwrap().region, None); // Netherlands Antilles: no region
    /// ```
    #[cfg(feature = "countries")]
    pub fn world_bank() -> Result<Countries> {
        Countries::from_json(include_str!("../data/countries_fy24.json"))
    }

    /// The economy with this ISO alpha-3 code (any case).
    pub fn get(&self, code: &str) -> Option<&Country> {
        let i = self.index.get(code.to_ascii_uppercase().as_str())?;
        self.countries.get(*i)
    }

    /// Every economy, by code.
    pub fn iter(&self) -> impl Iterator<Item = &Country> {
        self.countries.iter()
    }

    /// The income group of an economy in a fiscal year (2012 for FY12), from the history;
    /// `None` when unclassified that year or outside the history.
    pub fn income_in(&self, code: &str, fiscal_year: u16) -> Option<&'static str> {
        let at = fiscal_year.checked_sub(self.history_from)?;
        let history = &self.get(code)?.income_history;
        income_name(history.split(',').nth(usize::from(at))?)
    }

    /// The income group a row of this quarter gets under `vintage`.
    fn income(&self, country: &Country, period: Period, vintage: IncomeVintage) -> Option<String> {
        match vintage {
            IncomeVintage::Table => country.income.clone(),
            IncomeVintage::OfPeriod => self
                .income_in(&country.code, fiscal_year(period))
                .map(str::to_string),
            IncomeVintage::FiscalYear(fy) => self.income_in(&country.code, fy).map(str::to_string),
        }
    }

    /// Fills in what rows lack from this table, for both countries of each row: name and
    /// region where blank, and the columns of today's RPW layout where absent from `extra`:
    /// `source_income`, `source_lending`, `source_G8G20` and their `destination_` twins (values
    /// as the RPW dataset writes them: `..` for none, `G8/G20`, `G20`). Values the rows carry
    /// are kept. Returns the codes the table does not know, sorted (their rows are left as
    /// they are).
    ///
    /// ```
    /// use remitcost::{Countries, IncomeVintage, Observation};
    /// let mut rows: Vec<Observation> = vec![serde_json::from_value(serde_json::json!({
    ///     "row": 2, "id": null, "period": "2011_3Q", "source_code": "RUS", "source_name": "",
    ///     "source_region": "", "destination_code": "TJK", "destination_name": "",
    ///     "destination_region": "", "firm": "A", "firm_type": "Bank", "instrument": "",
    ///     "access_point": "", "speed": "", "transparent": true, "cc1": null, "cc2": null,
    ///     "interbank_fx": null, "extra": {}})).unwrap()];
    /// let unknown = Countries::world_bank().unwrap().classify(&mut rows, IncomeVintage::OfPeriod);
    /// assert!(unknown.is_empty());
    /// let r = &rows[0];
    /// assert_eq!((r.destination_region.as_str(), r.extra["destination_income"].as_str()),
    ///            ("Europe & Central Asia", "Low income")); // FY12
    /// assert_eq!(r.extra["source_G8G20"], "G8/G20");
    /// ```
    pub fn classify(&self, rows: &mut [Observation], vintage: IncomeVintage) -> Vec<String> {
        let mut unknown = std::collections::BTreeSet::new();
        for row in rows {
            let period = row.period;
            for side in [Side::Source, Side::Destination] {
                let code = side.code(row);
                let Some(country) = self.get(code) else {
                    unknown.insert(code.to_string());
                    continue;
                };
                let income = self.income(country, period, vintage);
                let (name, region) = side.name_region(row);
                if name.is_empty() {
                    name.clone_from(&country.name);
                }
                if region.is_empty() {
                    if let Some(r) = &country.region {
                        region.clone_from(r);
                    }
                }
                let prefix = side.prefix();
                let none = || "..".to_string();
                let groups = match (country.g8, country.g20) {
                    (true, _) => "G8/G20",
                    (false, true) => "G20",
                    (false, false) => "..",
                };
                for (column, value) in [
                    ("income", income.unwrap_or_else(none)),
                    ("lending", country.lending.clone().unwrap_or_else(none)),
                    ("G8G20", groups.to_string()),
                ] {
                    row.extra
                        .entry(format!("{prefix}_{column}"))
                        .or_insert(value);
                }
            }
        }
        unknown.into_iter().collect()
    }
}

#[derive(Clone, Copy)]
enum Side {
    Source,
    Destination,
}

impl Side {
    fn code(self, row: &Observation) -> &str {
        match self {
            Side::Source => &row.source_code,
            Side::Destination => &row.destination_code,
        }
    }
    fn name_region(self, row: &mut Observation) -> (&mut String, &mut String) {
        match self {
            Side::Source => (&mut row.source_name, &mut row.source_region),
            Side::Destination => (&mut row.destination_name, &mut row.destination_region),
        }
    }
    fn prefix(self) -> &'static str {
        match self {
            Side::Source => "source",
            Side::Destination => "destination",
        }
    }
}

#[cfg(all(test, feature = "countries"))]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_table_matches_its_sources() {
        let wb = Countries::world_bank().unwrap();
        // CLASS_FY24.csv lists 218 economies; OGHIST adds five former ones (ANT, CSK, SUN,
        // YUG, MYT): 223.
        assert_eq!(wb.iter().count(), 223);
        assert_eq!(wb.iter().filter(|c| c.g20).count(), 19);
        assert_eq!(wb.iter().filter(|c| c.g8).count(), 8);
        let pak = wb.get("PAK").unwrap();
        assert_eq!(pak.lending.as_deref(), Some("Blend"));
        // OGHIST: Poland became high income in FY11; Tajikistan was low income in FY12.
        assert_eq!(wb.income_in("POL", 2010), Some("Upper middle income"));
        assert_eq!(wb.income_in("POL", 2011), Some("High income"));
        assert_eq!(wb.income_in("TJK", 2012), Some("Low income"));
        assert_eq!(wb.income_in("TJK", 1988), None);
        assert_eq!(wb.income_in("ANT", 2012), None); // dissolved in 2010
    }

    fn row(period: &str, extra: serde_json::Value) -> Observation {
        serde_json::from_value(serde_json::json!({
            "row": 2, "id": null, "period": period, "source_code": "USA", "source_name": "",
            "source_region": "", "destination_code": "POL", "destination_name": "Polska",
            "destination_region": "", "firm": "A", "firm_type": "Bank", "instrument": "",
            "access_point": "", "speed": "", "transparent": true, "cc1": null, "cc2": null,
            "interbank_fx": null, "extra": extra}))
        .unwrap()
    }

    #[test]
    fn the_vintage_decides_the_income_group_and_row_values_are_kept() {
        let wb = Countries::world_bank().unwrap();
        let income = |period: &str, vintage| {
            let mut rows = [row(period, serde_json::json!({}))];
            wb.classify(&mut rows, vintage);
            rows[0].extra["destination_income"].clone()
        };
        // Poland: upper middle income in FY10, high income from FY11 (OGHIST).
        assert_eq!(
            income("2010_2Q", IncomeVintage::OfPeriod),
            "Upper middle income"
        );
        assert_eq!(income("2010_3Q", IncomeVintage::OfPeriod), "High income");
        assert_eq!(
            income("2010_3Q", IncomeVintage::FiscalYear(2010)),
            "Upper middle income"
        );
        assert_eq!(income("2010_2Q", IncomeVintage::Table), "High income");
        // A value the row carries is kept, and so is its name.
        let mut rows = [row(
            "2010_2Q",
            serde_json::json!({"destination_income": "mine"}),
        )];
        assert!(wb.classify(&mut rows, IncomeVintage::OfPeriod).is_empty());
        assert_eq!(rows[0].extra["destination_income"], "mine");
        assert_eq!(rows[0].destination_name, "Polska");
        assert_eq!(rows[0].destination_region, "Europe & Central Asia");
        assert_eq!(rows[0].extra["source_lending"], "..");
        // A code the table does not know is reported and its row left alone.
        let mut rows = [row("2010_2Q", serde_json::json!({}))];
        rows[0].source_code = "XKX".into();
        let mine = Countries::from_json(
            r#"{"vintage": "x", "countries": [{"code": "POL", "name": "Poland"}]}"#,
        )
        .unwrap();
        assert_eq!(mine.classify(&mut rows, IncomeVintage::OfPeriod), ["XKX"]);
        assert!(!rows[0].extra.contains_key("source_income"));
        assert_eq!(rows[0].extra["destination_income"], ".."); // no history in that table
    }
}
