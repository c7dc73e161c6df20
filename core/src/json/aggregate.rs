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
use super::read::{fields, missing, set, variant, Read};
use crate::{
    AggregateOptions, Comparison, CorridorStat, Decimal, Dimension, Eligibility, Observation,
    Period, Price, Result,
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

/// A required period's place until it is read (`missing` refuses it absent).
const NO_PERIOD: Period = Period {
    year: 0,
    quarter: 1,
};

impl Read for Price {
    fn read(v: &V) -> Result<Self> {
        let mut p = Price {
            amount: Decimal::ZERO,
            denomination_amount: None,
            currency: None,
            fee: Decimal::ZERO,
            fx_rate: None,
            fx_margin_pct: Decimal::ZERO,
            total_cost_pct: Decimal::ZERO,
        };
        const NAMES: [&str; 7] = [
            "amount",
            "denomination_amount",
            "currency",
            "fee",
            "fx_rate",
            "fx_margin_pct",
            "total_cost_pct",
        ];
        let seen = fields(v, &NAMES, false, |k, v| match k {
            "amount" => set(&mut p.amount, v),
            "denomination_amount" => set(&mut p.denomination_amount, v),
            "currency" => set(&mut p.currency, v),
            "fee" => set(&mut p.fee, v),
            "fx_rate" => set(&mut p.fx_rate, v),
            "fx_margin_pct" => set(&mut p.fx_margin_pct, v),
            "total_cost_pct" => set(&mut p.total_cost_pct, v),
            _ => Ok(false),
        })?;
        missing(
            seen,
            &NAMES,
            &["denomination_amount", "currency", "fx_rate"],
        )?;
        Ok(p)
    }
}

impl Read for Observation {
    fn read(v: &V) -> Result<Self> {
        // Each field at its default (or a placeholder), then read; the required ones checked
        // once, at the end (`missing`).
        let mut o = Observation {
            row: 0,
            id: None,
            period: NO_PERIOD,
            source_code: String::new(),
            source_name: String::new(),
            source_region: String::new(),
            destination_code: String::new(),
            destination_name: String::new(),
            destination_region: String::new(),
            firm: String::new(),
            firm_type: String::new(),
            instrument: String::new(),
            product: String::new(),
            access_point: String::new(),
            coverage: String::new(),
            pickup_method: String::new(),
            speed: String::new(),
            transparent: false,
            cc1: None,
            cc2: None,
            interbank_fx: None,
            extra: BTreeMap::new(),
        };
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
        let seen = fields(v, &NAMES, false, |k, v| match k {
            "row" => set(&mut o.row, v),
            "id" => set(&mut o.id, v),
            "period" => set(&mut o.period, v),
            "source_code" => set(&mut o.source_code, v),
            "source_name" => set(&mut o.source_name, v),
            "source_region" => set(&mut o.source_region, v),
            "destination_code" => set(&mut o.destination_code, v),
            "destination_name" => set(&mut o.destination_name, v),
            "destination_region" => set(&mut o.destination_region, v),
            "firm" => set(&mut o.firm, v),
            "firm_type" => set(&mut o.firm_type, v),
            "instrument" => set(&mut o.instrument, v),
            "product" => set(&mut o.product, v),
            "access_point" => set(&mut o.access_point, v),
            "coverage" => set(&mut o.coverage, v),
            "pickup_method" => set(&mut o.pickup_method, v),
            "speed" => set(&mut o.speed, v),
            "transparent" => set(&mut o.transparent, v),
            "cc1" => set(&mut o.cc1, v),
            "cc2" => set(&mut o.cc2, v),
            "interbank_fx" => set(&mut o.interbank_fx, v),
            "extra" => set(&mut o.extra, v),
            _ => Ok(false),
        })?;
        // The fields with a default in serde's form (the others are required).
        const OPTIONAL: [&str; 7] = [
            "id",
            "product",
            "coverage",
            "pickup_method",
            "cc1",
            "cc2",
            "interbank_fx",
        ];
        missing(seen, &NAMES, &OPTIONAL)?;
        Ok(o)
    }
}

impl Read for CorridorStat {
    fn read(v: &V) -> Result<Self> {
        let mut c = CorridorStat {
            period: NO_PERIOD,
            source_code: String::new(),
            source_name: String::new(),
            source_region: None,
            destination_code: String::new(),
            destination_name: String::new(),
            destination_region: None,
            services: None,
            eligible: None,
            average_pct: Decimal::ZERO,
            smart_pct: None,
            smart_firms: Vec::new(),
        };
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
        let seen = fields(v, &NAMES, false, |k, v| match k {
            "period" => set(&mut c.period, v),
            "source_code" => set(&mut c.source_code, v),
            "source_name" => set(&mut c.source_name, v),
            "source_region" => set(&mut c.source_region, v),
            "destination_code" => set(&mut c.destination_code, v),
            "destination_name" => set(&mut c.destination_name, v),
            "destination_region" => set(&mut c.destination_region, v),
            "services" => set(&mut c.services, v),
            "eligible" => set(&mut c.eligible, v),
            "average_pct" => set(&mut c.average_pct, v),
            "smart_pct" => set(&mut c.smart_pct, v),
            "smart_firms" => set(&mut c.smart_firms, v),
            _ => Ok(false),
        })?;
        missing(
            seen,
            &NAMES,
            &[
                "source_name",
                "source_region",
                "destination_name",
                "destination_region",
                "services",
                "eligible",
                "smart_pct",
                "smart_firms",
            ],
        )?;
        Ok(c)
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
