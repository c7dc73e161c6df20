//! What to group by: the dimensions, and a service row's value of each.

use super::keys::Part;
use crate::error::{Error, Result};
use crate::observation::{Observation, RpwAmount};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A key to group by. Groupings combine: `[Period, DestinationRegion, FirmType]` is receiving
/// region × RSP type × quarter.
///
/// The named dimensions are RPW's usual groupings; [`Dimension::Column`] is any other column
/// of the dataset as read, by its published header name (`"Standard Note"`, `"note1"`,
/// `"pickup location"`, `"source_name"`, `"cc1 lcu code"`, `"cc2 lcu amount"`, …), so a
/// grouping is never limited to a fixed list.
///
/// Text keys are the published strings (as the reader normalised them); `Corridor` is the
/// sending and receiving codes together (`FRASEN`); `Period` displays as `2025_1Q`.
///
/// **Names.** A dimension is written as its snake_case name (`"period"`, `"corridor"`,
/// `"source_country"`, `"destination_country"`, `"source_region"`, `"destination_region"`,
/// `"firm"`, `"firm_type"`, `"instrument"`, `"access_point"`, `"speed"`, `"product"`,
/// `"coverage"`, `"pickup_method"`, and with the `countries` feature `"source_income"`,
/// `"destination_income"`, `"source_lending"`, `"destination_lending"`, `"source_g8"`,
/// `"source_g20"`, `"destination_g8"`, `"destination_g20"`) and read also by RPW's words
/// (`"sending_country"`, `"receiving_region"`, `"rsp_type"`, …) and by the published column
/// that holds it, in either layout (`"payment instrument"`, `"sending location"`, `"speed
/// actual"`, `"source_code"`, `"receiving network coverage"`, `"pick-up method"`, …). Names
/// match whatever their (ASCII) case, with `_` and a space alike. Any other name is a
/// [`Dimension::Column`]; in JSON a dimension is its name (`FromStr` and `Display` read and
/// write the same names).
///
/// **Columns.** A column's value is its published text: the columns the reader does not
/// interpret (kept in [`Observation::extra`]: `Standard Note`, `note1`, `note2`,
/// `pickup location`, `date`, …), the interpreted text ones (`id`, `source_name`,
/// `destination_name`, `transparent` as `yes`/`no`), and each amount block's columns:
/// `cc1 lcu code` / `cc2 lcu code` as published (a code the reader resolved or could not
/// read is kept as written), and the numbers (`lcu amount`, `denomination amount`,
/// `lcu fee`, `lcu fx rate`, `fx margin`, `total cost %`, `inter lcu bank fx`) as the
/// block states them, grouped by value (`120` and `120.00` are one group, shown `120`),
/// empty where the block has no price. A column that no row has is
/// [`Error::UnknownColumn`] naming it (rows of one dataset all have its columns; with no rows
/// there is nothing to check).
///
/// ```
/// use remitcost::Dimension;
/// let dims: Vec<Dimension> = serde_json::from_str(r#"["period", "firm_type"]"#).unwrap();
/// assert_eq!(dims, [Dimension::Period, Dimension::FirmType]);
/// let alias: Dimension = serde_json::from_str(r#""receiving_region""#).unwrap();
/// assert_eq!(alias, Dimension::DestinationRegion);
/// // The published column names, either layout, any case:
/// assert_eq!("Payment Instrument".parse::<Dimension>().unwrap(), Dimension::Instrument);
/// assert_eq!("pick-up method".parse::<Dimension>().unwrap(), Dimension::PickupMethod);
/// // Any other column, by its header name:
/// let note: Dimension = "Standard Note".parse().unwrap();
/// assert_eq!(note, Dimension::Column("Standard Note".into()));
/// assert_eq!(serde_json::to_string(&note).unwrap(), r#""Standard Note""#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum Dimension {
    /// The survey quarter.
    Period,
    /// The corridor: sending × receiving country.
    Corridor,
    /// The sending country (`source_code`).
    SourceCountry,
    /// The receiving country (`destination_code`).
    DestinationCountry,
    /// The sending country's region (`source_region`).
    SourceRegion,
    /// The receiving country's region (`destination_region`), RPW's regional averages.
    DestinationRegion,
    /// The RSP type (`firm_type`).
    FirmType,
    /// The payment instrument (`payment instrument`).
    Instrument,
    /// The access point (`access point`; the pre-2016 layout's `sending location`).
    AccessPoint,
    /// The speed as published (`speed actual`).
    Speed,
    /// The pre-2016 layout's `product` ("Cash to cash", "Account to account", …).
    Product,
    /// The receiving network coverage (`receiving network coverage`, pre-2016 `coverage`).
    Coverage,
    /// The pickup method (`pickup method`, pre-2016 `pick-up method`).
    PickupMethod,
    /// The sending country's income group (`source_income`; see
    /// [`Countries::classify`](crate::Countries::classify) for rows without it). This and the
    /// other classification dimensions below come with the cargo feature `countries` (on by
    /// default; the WebAssembly build leaves them out with the table, for its size budget:
    /// there `"source_income"` is the column of that name, where the rows have it).
    #[cfg(feature = "countries")]
    SourceIncome,
    /// The receiving country's income group (`destination_income`).
    #[cfg(feature = "countries")]
    DestinationIncome,
    /// The sending country's lending category (`source_lending`).
    #[cfg(feature = "countries")]
    SourceLending,
    /// The receiving country's lending category (`destination_lending`).
    #[cfg(feature = "countries")]
    DestinationLending,
    /// Whether the sending country is in the G8: `G8` or `non-G8` (from `source_G8G20`).
    #[cfg(feature = "countries")]
    SourceG8,
    /// Whether the sending country is in the G20: `G20` or `non-G20` (from `source_G8G20`).
    #[cfg(feature = "countries")]
    SourceG20,
    /// Whether the receiving country is in the G8 (from `destination_G8G20`).
    #[cfg(feature = "countries")]
    DestinationG8,
    /// Whether the receiving country is in the G20 (from `destination_G8G20`).
    #[cfg(feature = "countries")]
    DestinationG20,
    /// The provider (`firm`).
    Firm,
    /// Any other column of the dataset, by its published header name (see the type's
    /// documentation). Build it with [`Dimension::column`] (or by parsing), which gives the
    /// named dimension where the column is one (`"payment instrument"` is `Instrument`).
    Column(String),
}

/// Every name of a named dimension, normalised as [`name_key`] makes it: the snake_case name,
/// RPW's words and the published columns of both layouts.
const NAMES: &[(&str, Dimension)] = &[
    ("period", Dimension::Period),
    ("corridor", Dimension::Corridor),
    ("source country", Dimension::SourceCountry),
    ("sending country", Dimension::SourceCountry),
    ("source code", Dimension::SourceCountry),
    ("destination country", Dimension::DestinationCountry),
    ("receiving country", Dimension::DestinationCountry),
    ("destination code", Dimension::DestinationCountry),
    ("source region", Dimension::SourceRegion),
    ("sending region", Dimension::SourceRegion),
    ("destination region", Dimension::DestinationRegion),
    ("receiving region", Dimension::DestinationRegion),
    ("firm", Dimension::Firm),
    ("firm type", Dimension::FirmType),
    ("rsp type", Dimension::FirmType),
    ("instrument", Dimension::Instrument),
    ("payment instrument", Dimension::Instrument),
    ("access point", Dimension::AccessPoint),
    ("sending location", Dimension::AccessPoint),
    ("speed", Dimension::Speed),
    ("speed actual", Dimension::Speed),
    ("product", Dimension::Product),
    ("coverage", Dimension::Coverage),
    ("receiving network coverage", Dimension::Coverage),
    ("pickup method", Dimension::PickupMethod),
    ("pick-up method", Dimension::PickupMethod),
    #[cfg(feature = "countries")]
    ("source income", Dimension::SourceIncome),
    #[cfg(feature = "countries")]
    ("sending income", Dimension::SourceIncome),
    #[cfg(feature = "countries")]
    ("destination income", Dimension::DestinationIncome),
    #[cfg(feature = "countries")]
    ("receiving income", Dimension::DestinationIncome),
    #[cfg(feature = "countries")]
    ("source lending", Dimension::SourceLending),
    #[cfg(feature = "countries")]
    ("sending lending", Dimension::SourceLending),
    #[cfg(feature = "countries")]
    ("destination lending", Dimension::DestinationLending),
    #[cfg(feature = "countries")]
    ("receiving lending", Dimension::DestinationLending),
    #[cfg(feature = "countries")]
    ("source g8", Dimension::SourceG8),
    #[cfg(feature = "countries")]
    ("sending g8", Dimension::SourceG8),
    #[cfg(feature = "countries")]
    ("source g20", Dimension::SourceG20),
    #[cfg(feature = "countries")]
    ("sending g20", Dimension::SourceG20),
    #[cfg(feature = "countries")]
    ("destination g8", Dimension::DestinationG8),
    #[cfg(feature = "countries")]
    ("receiving g8", Dimension::DestinationG8),
    #[cfg(feature = "countries")]
    ("destination g20", Dimension::DestinationG20),
    #[cfg(feature = "countries")]
    ("receiving g20", Dimension::DestinationG20),
];

/// A name as it is matched: trimmed, ASCII letters in lower case, `_` read as a space, inner
/// white space collapsed (`"Standard_Note "` → `"standard note"`). ASCII only: RPW's headers
/// are, and Unicode case tables would weigh on the WebAssembly module's size budget.
pub(crate) fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in name
        .split(|c: char| c == '_' || c.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key.make_ascii_lowercase();
    key
}

impl Dimension {
    /// The dimension a column name gives: a named dimension where the column is one (in
    /// either RPW layout, any case), else [`Dimension::Column`] with the name as given
    /// (trimmed, inner white space collapsed).
    ///
    /// ```
    /// use remitcost::Dimension;
    /// assert_eq!(Dimension::column("speed actual"), Dimension::Speed);
    /// assert_eq!(Dimension::column(" note1 "), Dimension::Column("note1".into()));
    /// ```
    pub fn column(name: &str) -> Dimension {
        let key = name_key(name);
        NAMES.iter().find(|(n, _)| *n == key).map_or_else(
            || Dimension::Column(name.split_ascii_whitespace().collect::<Vec<_>>().join(" ")),
            |(_, d)| d.clone(),
        )
    }

    /// The dimension's name: snake_case for a named one (`"firm_type"`), the header name for
    /// a column.
    ///
    /// ```
    /// use remitcost::Dimension;
    /// assert_eq!(Dimension::DestinationRegion.name(), "destination_region");
    /// assert_eq!(Dimension::column("Standard Note").name(), "Standard Note");
    /// ```
    pub fn name(&self) -> &str {
        match self {
            Dimension::Period => "period",
            Dimension::Corridor => "corridor",
            Dimension::SourceCountry => "source_country",
            Dimension::DestinationCountry => "destination_country",
            Dimension::SourceRegion => "source_region",
            Dimension::DestinationRegion => "destination_region",
            Dimension::FirmType => "firm_type",
            Dimension::Instrument => "instrument",
            Dimension::AccessPoint => "access_point",
            Dimension::Speed => "speed",
            Dimension::Product => "product",
            Dimension::Coverage => "coverage",
            Dimension::PickupMethod => "pickup_method",
            #[cfg(feature = "countries")]
            Dimension::SourceIncome => "source_income",
            #[cfg(feature = "countries")]
            Dimension::DestinationIncome => "destination_income",
            #[cfg(feature = "countries")]
            Dimension::SourceLending => "source_lending",
            #[cfg(feature = "countries")]
            Dimension::DestinationLending => "destination_lending",
            #[cfg(feature = "countries")]
            Dimension::SourceG8 => "source_g8",
            #[cfg(feature = "countries")]
            Dimension::SourceG20 => "source_g20",
            #[cfg(feature = "countries")]
            Dimension::DestinationG8 => "destination_g8",
            #[cfg(feature = "countries")]
            Dimension::DestinationG20 => "destination_g20",
            Dimension::Firm => "firm",
            Dimension::Column(name) => name,
        }
    }
}

impl FromStr for Dimension {
    type Err = Error;
    /// [`Dimension::column`]: never fails (a column is checked against the rows when
    /// grouping).
    fn from_str(name: &str) -> Result<Dimension> {
        Ok(Dimension::column(name))
    }
}

impl From<String> for Dimension {
    fn from(name: String) -> Dimension {
        Dimension::column(&name)
    }
}

impl From<Dimension> for String {
    fn from(dim: Dimension) -> String {
        match dim {
            Dimension::Column(name) => name,
            named => named.name().to_string(),
        }
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A service's value of one named dimension.
pub(crate) fn service_part<'a>(obs: &'a Observation, dim: &Dimension) -> Part<'a> {
    match dim {
        Dimension::Period => Part::Period(obs.period),
        Dimension::Corridor => Part::Pair(&obs.source_code, &obs.destination_code),
        Dimension::SourceCountry => Part::Text(&obs.source_code),
        Dimension::DestinationCountry => Part::Text(&obs.destination_code),
        Dimension::SourceRegion => Part::Text(&obs.source_region),
        Dimension::DestinationRegion => Part::Text(&obs.destination_region),
        Dimension::FirmType => Part::Text(&obs.firm_type),
        Dimension::Instrument => Part::Text(&obs.instrument),
        Dimension::AccessPoint => Part::Text(&obs.access_point),
        Dimension::Speed => Part::Text(&obs.speed),
        Dimension::Product => Part::Text(&obs.product),
        Dimension::Coverage => Part::Text(&obs.coverage),
        Dimension::PickupMethod => Part::Text(&obs.pickup_method),
        #[cfg(feature = "countries")]
        Dimension::SourceIncome => Part::Text(column(obs, "source_income")),
        #[cfg(feature = "countries")]
        Dimension::DestinationIncome => Part::Text(column(obs, "destination_income")),
        #[cfg(feature = "countries")]
        Dimension::SourceLending => Part::Text(column(obs, "source_lending")),
        #[cfg(feature = "countries")]
        Dimension::DestinationLending => Part::Text(column(obs, "destination_lending")),
        #[cfg(feature = "countries")]
        Dimension::SourceG8 => Part::Text(member(obs, "source_G8G20", "G8")),
        #[cfg(feature = "countries")]
        Dimension::SourceG20 => Part::Text(member(obs, "source_G8G20", "G20")),
        #[cfg(feature = "countries")]
        Dimension::DestinationG8 => Part::Text(member(obs, "destination_G8G20", "G8")),
        #[cfg(feature = "countries")]
        Dimension::DestinationG20 => Part::Text(member(obs, "destination_G8G20", "G20")),
        Dimension::Firm => Part::Text(&obs.firm),
        // Resolved before the rows are read (see `Field`): a bare lookup here.
        Dimension::Column(name) => Part::Text(column(obs, name)),
    }
}

/// One value of an amount block that a column names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockValue {
    Amount,
    Denomination,
    Code,
    Fee,
    Rate,
    Margin,
    Total,
}

/// The block columns of the RPW layout, by their name after [`name_key`] without the `ccN `
/// prefix.
const BLOCK: [(&str, BlockValue); 7] = [
    ("lcu amount", BlockValue::Amount),
    ("denomination amount", BlockValue::Denomination),
    ("lcu code", BlockValue::Code),
    ("lcu fee", BlockValue::Fee),
    ("lcu fx rate", BlockValue::Rate),
    ("fx margin", BlockValue::Margin),
    ("total cost %", BlockValue::Total),
];

/// A dimension resolved against the rows, once, before the pass: a named dimension, or where a
/// column's value is found.
#[derive(Debug, Clone)]
pub(crate) enum Field<'a> {
    Named(Dimension),
    Id,
    SourceName,
    DestinationName,
    Transparent,
    Interbank,
    /// A value of one amount block; for `lcu code`, the published text the reader kept
    /// under this header name when the block's currency does not say it.
    Block(RpwAmount, BlockValue, &'a str),
    /// A column kept in `extra`, under its header as the rows spell it.
    Extra(&'a str),
}

impl<'a> Field<'a> {
    /// Resolves `dims` against `rows`: a column that no row has is
    /// [`Error::UnknownColumn`] (none is, when there are no rows).
    pub(crate) fn resolve(dims: &[Dimension], rows: &'a [Observation]) -> Result<Vec<Field<'a>>> {
        dims.iter()
            .map(|dim| match dim {
                Dimension::Column(name) => Field::column(name, rows),
                named => Ok(Field::Named(named.clone())),
            })
            .collect()
    }

    /// Resolves one column name against `rows` (with none: what the name stands for).
    pub(crate) fn column(name: &str, rows: &'a [Observation]) -> Result<Field<'a>> {
        let key = name_key(name);
        if let Some((_, named)) = NAMES.iter().find(|(n, _)| *n == key) {
            return Ok(Field::Named(named.clone()));
        }
        match key.as_str() {
            "id" => return Ok(Field::Id),
            "source name" => return Ok(Field::SourceName),
            "destination name" => return Ok(Field::DestinationName),
            "transparent" => return Ok(Field::Transparent),
            "inter lcu bank fx" => return Ok(Field::Interbank),
            _ => {}
        }
        let block = [("cc1 ", RpwAmount::Usd200), ("cc2 ", RpwAmount::Usd500)]
            .into_iter()
            .find_map(|(prefix, amount)| {
                let rest = key.strip_prefix(prefix)?;
                let (_, value) = BLOCK.iter().find(|(n, _)| *n == rest)?;
                Some((amount, *value))
            });
        // The header as the rows spell it. Rows of one dataset share their columns: each
        // distinct header is compared once, so a column that no row has costs one look at
        // each row's headers, not a comparison each.
        let kept = |rows: &'a [Observation]| {
            let mut seen: Vec<&str> = Vec::new();
            rows.iter().find_map(|obs| {
                obs.extra
                    .keys()
                    .filter(|k| {
                        let new = !seen.contains(&k.as_str());
                        if new {
                            seen.push(k);
                        }
                        new
                    })
                    .find(|k| name_key(k) == key)
                    .map(String::as_str)
            })
        };
        if let Some((amount, value)) = block {
            let header = if value == BlockValue::Code {
                kept(rows).unwrap_or("")
            } else {
                ""
            };
            return Ok(Field::Block(amount, value, header));
        }
        match kept(rows) {
            Some(header) => Ok(Field::Extra(header)),
            None if rows.is_empty() => Ok(Field::Extra("")),
            None => Err(Error::UnknownColumn(name.to_string())),
        }
    }

    /// A row's value of this field.
    pub(crate) fn part(&self, obs: &'a Observation) -> Part<'a> {
        match self {
            Field::Named(dim) => service_part(obs, dim),
            Field::Id => Part::Text(obs.id.as_deref().unwrap_or("")),
            Field::SourceName => Part::Text(&obs.source_name),
            Field::DestinationName => Part::Text(&obs.destination_name),
            Field::Transparent => Part::Text(if obs.transparent { "yes" } else { "no" }),
            Field::Interbank => obs.interbank_fx.map_or(Part::Text(""), Part::Number),
            Field::Block(amount, value, header) => {
                let price = obs.price(*amount);
                let number =
                    |pick: fn(&crate::observation::Price) -> Option<rust_decimal::Decimal>| {
                        price.and_then(pick).map_or(Part::Text(""), Part::Number)
                    };
                match value {
                    BlockValue::Amount => number(|p| Some(p.amount)),
                    BlockValue::Denomination => number(|p| p.denomination_amount),
                    BlockValue::Fee => number(|p| Some(p.fee)),
                    BlockValue::Rate => number(|p| p.fx_rate),
                    BlockValue::Margin => number(|p| Some(p.fx_margin_pct)),
                    BlockValue::Total => number(|p| Some(p.total_cost_pct)),
                    BlockValue::Code => match obs.extra.get(*header) {
                        Some(published) if !header.is_empty() => Part::Text(published),
                        _ => Part::Text(price.and_then(|p| p.currency).map_or("", |c| c.code())),
                    },
                }
            }
            Field::Extra(header) => Part::Text(match obs.extra.get(*header) {
                Some(value) => value,
                None => column(obs, header),
            }),
        }
    }
}

/// A column of today's RPW layout that [`Observation`] keeps in `extra` (`source_income`, …),
/// matched whatever its case; empty when the row has none.
pub(crate) fn column<'o>(obs: &'o Observation, name: &str) -> &'o str {
    obs.extra
        .get(name)
        .or_else(|| {
            obs.extra
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v)
        })
        .map_or("", String::as_str)
}

/// `group` (`G8` or `G20`) or `non-G8` / `non-G20`, from a `…_G8G20` column as RPW writes it
/// (`G8/G20`, `G20`, `..`).
pub(crate) fn member(obs: &Observation, name: &str, group: &'static str) -> &'static str {
    member_of(column(obs, name), group)
}

/// [`member`] of a cell's text.
pub(crate) fn member_of(cell: &str, group: &'static str) -> &'static str {
    let is_member = cell
        .split('/')
        .any(|g| g.trim().eq_ignore_ascii_case(group));
    match (is_member, group) {
        (true, _) => group,
        (false, "G8") => "non-G8",
        (false, _) => "non-G20",
    }
}
