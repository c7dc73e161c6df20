//! The readers of the aggregation inputs (observations, corridor statistics, dimensions,
//! options, corridor weights) from the parsed tree, with their types' serde rules as read.rs
//! has them for the pricing inputs: the same fields, defaults and `null`s, unknown fields
//! skipped where serde skips them (`Observation`, `Price`, `CorridorStat`) and refused where it
//! refuses them (`AggregateOptions`, `Eligibility`), and the same error codes (`invalid_period`
//! for a period's text, `invalid_decimal`, `unknown_currency`; `invalid_json` for a shape that
//! does not fit). The npm package's aggregation module reads its arguments with these
//! (issue 14: serde's derived deserialisers and serde_json were a third of that module).
//! `Observation`, `Price` and `CorridorStat` are built whole: a field added to one of them
//! stops the crate compiling with the feature on until it is read here too.

use super::parse::{invalid, V};
use super::read::{fields, req, set, variant, Read};
use crate::{
    AggregateOptions, Comparison, CorridorStat, Dimension, Eligibility, Observation, Period, Price,
    Result,
};
use std::collections::BTreeMap;

impl Read for usize {
    /// A non-negative integer number that fits (serde_json reads `-0`, a fraction or an
    /// exponent as a float, which a `usize` refuses).
    fn read(v: &V) -> Result<Self> {
        match v {
            V::Num(n) => n
                .parse::<u64>()
                .ok()
                .and_then(|n| usize::try_from(n).ok())
                .ok_or_else(|| invalid("invalid type: expected usize")),
            _ => Err(invalid("invalid type: expected usize")),
        }
    }
}

impl<T: Read> Read for BTreeMap<String, T> {
    /// An object; a key given twice keeps its last value, as serde's map does.
    fn read(v: &V) -> Result<Self> {
        let V::Obj(entries) = v else {
            return Err(invalid("invalid type: expected a map"));
        };
        let mut map = BTreeMap::new();
        for (key, value) in entries {
            let key = key
                .clone()
                .ok_or_else(|| invalid("lone surrogate in a key"))?;
            map.insert(key, T::read(value)?);
        }
        Ok(map)
    }
}

impl<A: Read, B: Read, C: Read> Read for (A, B, C) {
    /// An array of exactly three values, read in order (a value's own error before a length
    /// error, as serde reads a tuple).
    fn read(v: &V) -> Result<Self> {
        let V::Arr(items) = v else {
            return Err(invalid("invalid type: expected a tuple of size 3"));
        };
        let mut next = items.iter();
        let mut item = || {
            next.next()
                .ok_or_else(|| invalid("invalid length: expected a tuple of size 3"))
        };
        let tuple = (A::read(item()?)?, B::read(item()?)?, C::read(item()?)?);
        if items.len() > 3 {
            return Err(invalid("trailing characters"));
        }
        Ok(tuple)
    }
}

impl Read for Period {
    /// A period's text, as `Period`'s `FromStr` reads it (`invalid_period`).
    fn read(v: &V) -> Result<Self> {
        String::read(v)?.parse()
    }
}

impl Read for Dimension {
    /// Any name: a named dimension or a column (never refused).
    fn read(v: &V) -> Result<Self> {
        Ok(Dimension::from(String::read(v)?))
    }
}

impl Read for Comparison {
    fn read(v: &V) -> Result<Self> {
        variant(
            v,
            &[
                ("greater_than", Comparison::GreaterThan),
                ("at_least", Comparison::AtLeast),
            ],
        )
    }
}

/// The value of a required field, or serde's refusal naming it.
fn required<T>(slot: Option<T>, name: &str) -> Result<T> {
    slot.ok_or_else(|| crate::Error::InvalidJson(format!("missing field `{name}`")))
}

impl Read for Price {
    fn read(v: &V) -> Result<Self> {
        let (mut amount, mut denomination_amount, mut currency, mut fee) = (None, None, None, None);
        let (mut fx_rate, mut fx_margin_pct, mut total_cost_pct) = (None, None, None);
        const NAMES: [&str; 7] = [
            "amount",
            "denomination_amount",
            "currency",
            "fee",
            "fx_rate",
            "fx_margin_pct",
            "total_cost_pct",
        ];
        fields(v, &NAMES, false, |k, v| match k {
            "amount" => req(&mut amount, v),
            "denomination_amount" => set(&mut denomination_amount, v),
            "currency" => set(&mut currency, v),
            "fee" => req(&mut fee, v),
            "fx_rate" => set(&mut fx_rate, v),
            "fx_margin_pct" => req(&mut fx_margin_pct, v),
            "total_cost_pct" => req(&mut total_cost_pct, v),
            _ => Ok(false),
        })?;
        Ok(Price {
            amount: required(amount, "amount")?,
            denomination_amount,
            currency,
            fee: required(fee, "fee")?,
            fx_rate,
            fx_margin_pct: required(fx_margin_pct, "fx_margin_pct")?,
            total_cost_pct: required(total_cost_pct, "total_cost_pct")?,
        })
    }
}

impl Read for Observation {
    fn read(v: &V) -> Result<Self> {
        let (mut row, mut id, mut period) = (None, None, None);
        let [mut source_code, mut source_name, mut source_region] = [None, None, None];
        let [mut destination_code, mut destination_name, mut destination_region] =
            [None, None, None];
        let [mut firm, mut firm_type, mut instrument, mut access_point, mut speed] =
            [None, None, None, None, None];
        let [mut product, mut coverage, mut pickup_method] =
            [String::new(), String::new(), String::new()];
        let (mut transparent, mut cc1, mut cc2, mut interbank_fx, mut extra) =
            (None, None, None, None, None);
        // In declaration order (serde's sequence form of the struct).
        const NAMES: [&str; 22] = [
            "row",
            "id",
            "period",
            "source_code",
            "source_name",
            "source_region",
            "destination_code",
            "destination_name",
            "destination_region",
            "firm",
            "firm_type",
            "instrument",
            "product",
            "access_point",
            "coverage",
            "pickup_method",
            "speed",
            "transparent",
            "cc1",
            "cc2",
            "interbank_fx",
            "extra",
        ];
        fields(v, &NAMES, false, |k, v| match k {
            "row" => req(&mut row, v),
            "id" => set(&mut id, v),
            "period" => req(&mut period, v),
            "source_code" => req(&mut source_code, v),
            "source_name" => req(&mut source_name, v),
            "source_region" => req(&mut source_region, v),
            "destination_code" => req(&mut destination_code, v),
            "destination_name" => req(&mut destination_name, v),
            "destination_region" => req(&mut destination_region, v),
            "firm" => req(&mut firm, v),
            "firm_type" => req(&mut firm_type, v),
            "instrument" => req(&mut instrument, v),
            "product" => set(&mut product, v),
            "access_point" => req(&mut access_point, v),
            "coverage" => set(&mut coverage, v),
            "pickup_method" => set(&mut pickup_method, v),
            "speed" => req(&mut speed, v),
            "transparent" => req(&mut transparent, v),
            "cc1" => set(&mut cc1, v),
            "cc2" => set(&mut cc2, v),
            "interbank_fx" => set(&mut interbank_fx, v),
            "extra" => req(&mut extra, v),
            _ => Ok(false),
        })?;
        // Missing fields refused in declaration order, as serde does.
        Ok(Observation {
            row: required(row, "row")?,
            id,
            period: required(period, "period")?,
            source_code: required(source_code, "source_code")?,
            source_name: required(source_name, "source_name")?,
            source_region: required(source_region, "source_region")?,
            destination_code: required(destination_code, "destination_code")?,
            destination_name: required(destination_name, "destination_name")?,
            destination_region: required(destination_region, "destination_region")?,
            firm: required(firm, "firm")?,
            firm_type: required(firm_type, "firm_type")?,
            instrument: required(instrument, "instrument")?,
            product,
            access_point: required(access_point, "access_point")?,
            coverage,
            pickup_method,
            speed: required(speed, "speed")?,
            transparent: required(transparent, "transparent")?,
            cc1,
            cc2,
            interbank_fx,
            extra: required(extra, "extra")?,
        })
    }
}

impl Read for CorridorStat {
    fn read(v: &V) -> Result<Self> {
        let (mut period, mut source_code, mut destination_code, mut average_pct) =
            (None, None, None, None);
        let (mut source_name, mut source_region) = (String::new(), None);
        let (mut destination_name, mut destination_region) = (String::new(), None);
        let (mut services, mut eligible, mut smart_pct, mut smart_firms) =
            (None, None, None, Vec::new());
        const NAMES: [&str; 12] = [
            "period",
            "source_code",
            "source_name",
            "source_region",
            "destination_code",
            "destination_name",
            "destination_region",
            "services",
            "eligible",
            "average_pct",
            "smart_pct",
            "smart_firms",
        ];
        fields(v, &NAMES, false, |k, v| match k {
            "period" => req(&mut period, v),
            "source_code" => req(&mut source_code, v),
            "source_name" => set(&mut source_name, v),
            "source_region" => set(&mut source_region, v),
            "destination_code" => req(&mut destination_code, v),
            "destination_name" => set(&mut destination_name, v),
            "destination_region" => set(&mut destination_region, v),
            "services" => set(&mut services, v),
            "eligible" => set(&mut eligible, v),
            "average_pct" => req(&mut average_pct, v),
            "smart_pct" => set(&mut smart_pct, v),
            "smart_firms" => set(&mut smart_firms, v),
            _ => Ok(false),
        })?;
        Ok(CorridorStat {
            period: required(period, "period")?,
            source_code: required(source_code, "source_code")?,
            source_name,
            source_region,
            destination_code: required(destination_code, "destination_code")?,
            destination_name,
            destination_region,
            services,
            eligible,
            average_pct: required(average_pct, "average_pct")?,
            smart_pct,
            smart_firms,
        })
    }
}

impl Read for Eligibility {
    fn read(v: &V) -> Result<Self> {
        let mut e = Eligibility::default();
        const NAMES: [&str; 3] = ["transparent", "max_speed", "inaccessible"];
        fields(v, &NAMES, true, |k, v| match k {
            "transparent" => set(&mut e.transparent, v),
            "max_speed" => set(&mut e.max_speed, v),
            "inaccessible" => set(&mut e.inaccessible, v),
            _ => Ok(false),
        })?;
        Ok(e)
    }
}

impl Read for AggregateOptions {
    fn read(v: &V) -> Result<Self> {
        let mut o = AggregateOptions::default();
        const NAMES: [&str; 6] = [
            "amount",
            "include_non_transparent",
            "eligibility",
            "smart_min_services",
            "comparison",
            "rounding",
        ];
        fields(v, &NAMES, true, |k, v| match k {
            "amount" => set(&mut o.amount, v),
            "include_non_transparent" => set(&mut o.include_non_transparent, v),
            "eligibility" => set(&mut o.eligibility, v),
            "smart_min_services" => set(&mut o.smart_min_services, v),
            "comparison" => set(&mut o.comparison, v),
            "rounding" => set(&mut o.rounding, v),
            _ => Ok(false),
        })?;
        Ok(o)
    }
}
