//! What to group by: the dimensions, and a service row's value of each.

use super::keys::Part;
use crate::observation::Observation;
use serde::{Deserialize, Serialize};

/// A key to group by. Groupings combine: `[Period, DestinationRegion, FirmType]` is receiving
/// region × RSP type × quarter.
///
/// Text keys are the published strings (as the reader normalised them); `Corridor` is the
/// sending and receiving codes together (`FRASEN`); `Period` displays as `2025_1Q`. In JSON:
/// `"period"`, `"corridor"`, `"source_country"`, `"destination_country"`, `"source_region"`,
/// `"destination_region"`, `"firm_type"`, `"instrument"`, `"access_point"`, `"speed"`,
/// `"product"`, `"coverage"`, `"pickup_method"`; read also as `"sending_country"`,
/// `"receiving_country"`, `"sending_region"`, `"receiving_region"`, `"rsp_type"`,
/// `"sending_location"`, `"receiving_network_coverage"`.
///
/// ```
/// use remitcost::Dimension;
/// let dims: Vec<Dimension> = serde_json::from_str(r#"["period", "firm_type"]"#).unwrap();
/// assert_eq!(dims, [Dimension::Period, Dimension::FirmType]);
/// let alias: Dimension = serde_json::from_str(r#""receiving_region""#).unwrap();
/// assert_eq!(alias, Dimension::DestinationRegion);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// The survey quarter.
    Period,
    /// The corridor: sending × receiving country.
    Corridor,
    /// The sending country (`source_code`).
    #[serde(alias = "sending_country")]
    SourceCountry,
    /// The receiving country (`destination_code`).
    #[serde(alias = "receiving_country")]
    DestinationCountry,
    /// The sending country's region (`source_region`).
    #[serde(alias = "sending_region")]
    SourceRegion,
    /// The receiving country's region (`destination_region`), RPW's regional averages.
    #[serde(alias = "receiving_region")]
    DestinationRegion,
    /// The RSP type (`firm_type`).
    #[serde(alias = "rsp_type")]
    FirmType,
    /// The payment instrument (`payment instrument`).
    Instrument,
    /// The access point (`access point`; the pre-2016 layout's `sending location`).
    #[serde(alias = "sending_location")]
    AccessPoint,
    /// The speed as published (`speed actual`).
    Speed,
    /// The pre-2016 layout's `product` ("Cash to cash", "Account to account", …).
    Product,
    /// The receiving network coverage (`receiving network coverage`, pre-2016 `coverage`).
    #[serde(alias = "receiving_network_coverage")]
    Coverage,
    /// The pickup method (`pickup method`, pre-2016 `pick-up method`).
    PickupMethod,
    /// The sending country's income group (`source_income`; see
    /// [`Countries::classify`](crate::Countries::classify) for rows without it). This and the
    /// other classification dimensions below come with the cargo feature `countries` (on by
    /// default; the WebAssembly build leaves them out with the table, for its size budget).
    #[serde(alias = "sending_income")]
    #[cfg(feature = "countries")]
    SourceIncome,
    /// The receiving country's income group (`destination_income`).
    #[serde(alias = "receiving_income")]
    #[cfg(feature = "countries")]
    DestinationIncome,
    /// The sending country's lending category (`source_lending`).
    #[serde(alias = "sending_lending")]
    #[cfg(feature = "countries")]
    SourceLending,
    /// The receiving country's lending category (`destination_lending`).
    #[serde(alias = "receiving_lending")]
    #[cfg(feature = "countries")]
    DestinationLending,
    /// Whether the sending country is in the G8: `G8` or `non-G8` (from `source_G8G20`).
    #[serde(alias = "sending_g8")]
    #[cfg(feature = "countries")]
    SourceG8,
    /// Whether the sending country is in the G20: `G20` or `non-G20` (from `source_G8G20`).
    #[serde(alias = "sending_g20")]
    #[cfg(feature = "countries")]
    SourceG20,
    /// Whether the receiving country is in the G8 (from `destination_G8G20`).
    #[serde(alias = "receiving_g8")]
    #[cfg(feature = "countries")]
    DestinationG8,
    /// Whether the receiving country is in the G20 (from `destination_G8G20`).
    #[serde(alias = "receiving_g20")]
    #[cfg(feature = "countries")]
    DestinationG20,
}

/// A service's value of one dimension.
pub(crate) fn service_part(obs: &Observation, dim: Dimension) -> Part<'_> {
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
