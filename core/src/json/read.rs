//! The readers of core's input types from the parsed tree, written by hand field by field in
//! the text's order with the types' serde rules: the same fields, defaults, `null`s and
//! unknown-field refusals, and the same error codes (a shape that does not fit is
//! `invalid_json`; a value refused by core's own check keeps that check's code, such as
//! `invalid_decimal`, `unknown_currency` or `invalid_rate`). A field added to one of these
//! types must be added here too: `Offer`, `Tax`, `Promotion` and `Money` are built whole (the
//! crate stops compiling with the feature on), the others from their `Default` (the property
//! tests in json/tests.rs and the JSON vectors through the npm module fail, the new field
//! being refused as unknown).

use super::parse::{invalid, V};
use crate::{
    Charging, CostOptions, Currency, Decimal, Error, FeePart, FeeSchedule, Money, Offer, Order,
    Promotion, RankOptions, Rate, Result, Rounding, RpwAmount, Speed, Target, Tax, TaxBase,
};

/// Values readable from the tree (the trait that seals `FromJson`).
pub trait Read: Sized {
    /// Reads the value from the tree, refusing what its serde form refuses.
    fn read(v: &V) -> Result<Self>;
}

impl<T: Read> Read for Vec<T> {
    fn read(v: &V) -> Result<Self> {
        match v {
            V::Arr(items) => items.iter().map(T::read).collect(),
            _ => Err(invalid("invalid type: expected a sequence")),
        }
    }
}

impl<T: Read> Read for Option<T> {
    fn read(v: &V) -> Result<Self> {
        match v {
            V::Null => Ok(None),
            v => T::read(v).map(Some),
        }
    }
}

impl Read for String {
    fn read(v: &V) -> Result<Self> {
        match v {
            V::Str(s) => Ok(s.clone()),
            V::Bad => Err(invalid("lone surrogate in a string")),
            _ => Err(invalid("invalid type: expected a string")),
        }
    }
}

impl Read for bool {
    fn read(v: &V) -> Result<Self> {
        match v {
            V::Bool(b) => Ok(*b),
            _ => Err(invalid("invalid type: expected a boolean")),
        }
    }
}

impl Read for i64 {
    /// An integer number (a fraction or an exponent is a float, and so is `-0` for serde_json:
    /// refused, as serde_json does).
    fn read(v: &V) -> Result<Self> {
        match v {
            V::Num(n) if n != "-0" => n.parse().map_err(|_| invalid("invalid type: expected i64")),
            _ => Err(invalid("invalid type: expected i64")),
        }
    }
}

impl Read for Decimal {
    /// A decimal string, read by core's `parse_decimal` (its error as it gives it).
    fn read(v: &V) -> Result<Self> {
        crate::parse_decimal(&String::read(v)?)
    }
}

impl Read for Currency {
    fn read(v: &V) -> Result<Self> {
        Currency::parse(&String::read(v)?)
    }
}

/// A unit variant by its snake_case name.
pub(super) fn variant<T: Copy>(v: &V, names: &[(&str, T)]) -> Result<T> {
    let name = String::read(v)?;
    names
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .ok_or_else(|| Error::InvalidJson(format!("unknown variant `{name}`")))
}

impl Read for Rounding {
    fn read(v: &V) -> Result<Self> {
        variant(
            v,
            &[
                ("half_even", Rounding::HalfEven),
                ("half_away_from_zero", Rounding::HalfAwayFromZero),
                ("up", Rounding::Up),
                ("down", Rounding::Down),
            ],
        )
    }
}

impl Read for RpwAmount {
    fn read(v: &V) -> Result<Self> {
        variant(
            v,
            &[("usd200", RpwAmount::Usd200), ("usd500", RpwAmount::Usd500)],
        )
    }
}

impl Read for Charging {
    fn read(v: &V) -> Result<Self> {
        variant(
            v,
            &[
                ("on_top", Charging::OnTop),
                ("deducted", Charging::Deducted),
            ],
        )
    }
}

impl Read for TaxBase {
    fn read(v: &V) -> Result<Self> {
        variant(v, &[("fee", TaxBase::Fee), ("amount", TaxBase::Amount)])
    }
}

impl Read for Order {
    fn read(v: &V) -> Result<Self> {
        variant(
            v,
            &[
                ("cheapest", Order::Cheapest),
                ("total_cost", Order::TotalCost),
                ("received", Order::Received),
                ("speed", Order::Speed),
            ],
        )
    }
}

impl Read for Speed {
    fn read(v: &V) -> Result<Self> {
        variant(
            v,
            &[
                ("less_than_one_hour", Speed::LessThanOneHour),
                ("same_day", Speed::SameDay),
                ("next_day", Speed::NextDay),
                ("two_to_five_days", Speed::TwoToFiveDays),
                ("more_than_five_days", Speed::MoreThanFiveDays),
            ],
        )
    }
}

/// Reads an object's fields in the text's order: `field` reads a known one and says whether
/// it knew it; an unknown one is refused when `deny_unknown`, skipped otherwise; a known one
/// given twice is refused before its second value is read (the caller checks its required
/// fields afterwards, as serde does at the end of the object). An array is serde's other form
/// of a struct: the values of the fields `names` in their order, the last ones left out or
/// not, none more. Gives the fields seen, a bit each in the order of `names` (see `missing`).
pub(super) fn fields(
    v: &V,
    names: &[&str],
    deny_unknown: bool,
    mut field: impl FnMut(&str, &V) -> Result<bool>,
) -> Result<u32> {
    // The generic part is small (it is in every reader): the checks are in `entry`, `known`.
    let mut seen = 0u32;
    let mut i = 0;
    while let Some((key, value)) = entry(v, names, i)? {
        i = i.saturating_add(1);
        if let Some(key) = known(key, names, deny_unknown, &mut seen)? {
            field(key, value)?;
        }
    }
    match v {
        V::Arr(items) if items.len() > names.len() => Err(invalid("trailing characters")),
        _ => Ok(seen),
    }
}

/// The first required field (one of `names` not in `optional`, in the order of `names`, the
/// declaration order, as serde checks them) that `seen` (from `fields`) does not have, refused
/// as serde refuses it. One check after the fields are read, rather than one `Option`
/// unwrapped per field: a struct of many required fields built from `Option`s took ~10 KB of
/// WebAssembly.
pub(super) fn missing(seen: u32, names: &[&str], optional: &[&str]) -> Result<()> {
    let bit = |p: usize| 1u32.wrapping_shl(p as u32);
    match names
        .iter()
        .enumerate()
        .find(|(p, n)| seen & bit(*p) == 0 && !optional.contains(n))
    {
        Some((_, name)) => Err(Error::InvalidJson(format!("missing field `{name}`"))),
        None => Ok(()),
    }
}

/// The `i`th (key, value) pair of an object, or the `i`th value of an array, named by `names`
/// in their order.
fn entry<'a>(v: &'a V, names: &[&'a str], i: usize) -> Result<Option<(Option<&'a str>, &'a V)>> {
    match v {
        V::Obj(entries) => Ok(entries.get(i).map(|(k, v)| (k.as_deref(), v))),
        V::Arr(items) => Ok(names.get(i).zip(items.get(i)).map(|(n, v)| (Some(*n), v))),
        _ => Err(invalid("invalid type: expected a map")),
    }
}

/// A key to read (one of `names`, the first time), `None` for one to skip, or the refusal.
fn known<'a>(
    key: Option<&'a str>,
    names: &[&str],
    deny_unknown: bool,
    seen: &mut u32,
) -> Result<Option<&'a str>> {
    let key = key.ok_or_else(|| invalid("lone surrogate in a key"))?;
    // At most 32 names (a bit each; `Observation` has 22).
    let bit = |p: usize| 1u32.wrapping_shl(p as u32);
    match names.iter().position(|n| *n == key) {
        Some(p) if *seen & bit(p) != 0 => {
            Err(Error::InvalidJson(format!("duplicate field `{key}`")))
        }
        Some(p) => {
            *seen |= bit(p);
            Ok(Some(key))
        }
        None if deny_unknown => Err(Error::InvalidJson(format!("unknown field `{key}`"))),
        None => Ok(None),
    }
}

/// Reads `v` into `slot` and says the field was known.
pub(super) fn set<T: Read>(slot: &mut T, v: &V) -> Result<bool> {
    *slot = T::read(v)?;
    Ok(true)
}

/// Reads a required field's `v` (no `null` for it) into `slot`.
fn req<T: Read>(slot: &mut Option<T>, v: &V) -> Result<bool> {
    *slot = Some(T::read(v)?);
    Ok(true)
}

impl Read for Rate {
    fn read(v: &V) -> Result<Self> {
        let (mut base, mut quote, mut value) = (None, None, None);
        fields(v, &["base", "quote", "value"], true, |k, v| match k {
            "base" => req(&mut base, v),
            "quote" => req(&mut quote, v),
            "value" => req(&mut value, v),
            _ => Ok(false),
        })?;
        match (base, quote, value) {
            (Some(b), Some(q), Some(x)) => Rate::new(b, q, x),
            (None, _, _) => Err(invalid("missing field `base`")),
            (_, None, _) => Err(invalid("missing field `quote`")),
            _ => Err(invalid("missing field `value`")),
        }
    }
}

impl Read for Money {
    /// `{amount, currency}`; other fields ignored (core's `Money` does not refuse them).
    fn read(v: &V) -> Result<Self> {
        let (mut amount, mut currency) = (None, None);
        fields(v, &["amount", "currency"], false, |k, v| match k {
            "amount" => req(&mut amount, v),
            "currency" => req(&mut currency, v),
            _ => Ok(false),
        })?;
        match (amount, currency) {
            (Some(a), Some(c)) => Ok(Money::new(a, c)),
            (None, _) => Err(invalid("missing field `amount`")),
            _ => Err(invalid("missing field `currency`")),
        }
    }
}

impl Read for FeePart {
    fn read(v: &V) -> Result<Self> {
        let mut part = FeePart::default();
        fields(v, &["from", "to", "fixed", "pct"], true, |k, v| match k {
            "from" => set(&mut part.from, v),
            "to" => set(&mut part.to, v),
            "fixed" => set(&mut part.fixed, v),
            "pct" => set(&mut part.pct, v),
            _ => Ok(false),
        })?;
        Ok(part)
    }
}

impl Read for Tax {
    fn read(v: &V) -> Result<Self> {
        let (mut name, mut pct, mut base, mut only_funding) = (String::new(), None, None, None);
        fields(
            v,
            &["name", "pct", "base", "only_funding"],
            true,
            |k, v| match k {
                "name" => set(&mut name, v),
                "pct" => req(&mut pct, v),
                "base" => req(&mut base, v),
                "only_funding" => set(&mut only_funding, v),
                _ => Ok(false),
            },
        )?;
        match (pct, base) {
            (Some(pct), Some(base)) => Ok(Tax {
                name,
                pct,
                base,
                only_funding,
            }),
            (None, _) => Err(invalid("missing field `pct`")),
            _ => Err(invalid("missing field `base`")),
        }
    }
}

impl Read for FeeSchedule {
    fn read(v: &V) -> Result<Self> {
        let mut s = FeeSchedule::default();
        const NAMES: [&str; 9] = [
            "parts",
            "min_fee",
            "max_fee",
            "receiving_fee",
            "taxes",
            "charging",
            "min_amount",
            "max_amount",
            "payout_unit",
        ];
        fields(v, &NAMES, true, |k, v| match k {
            "parts" => set(&mut s.parts, v),
            "min_fee" => set(&mut s.min_fee, v),
            "max_fee" => set(&mut s.max_fee, v),
            "receiving_fee" => set(&mut s.receiving_fee, v),
            "taxes" => set(&mut s.taxes, v),
            "charging" => set(&mut s.charging, v),
            "min_amount" => set(&mut s.min_amount, v),
            "max_amount" => set(&mut s.max_amount, v),
            "payout_unit" => set(&mut s.payout_unit, v),
            _ => Ok(false),
        })?;
        Ok(s)
    }
}

impl Read for Promotion {
    fn read(v: &V) -> Result<Self> {
        let (mut rate, mut rate_up_to, mut waived) = (None, None, false);
        const NAMES: [&str; 3] = ["rate", "rate_up_to", "first_transfer_fee_waived"];
        fields(v, &NAMES, true, |k, v| match k {
            "rate" => set(&mut rate, v),
            "rate_up_to" => set(&mut rate_up_to, v),
            "first_transfer_fee_waived" => set(&mut waived, v),
            _ => Ok(false),
        })?;
        Ok(Promotion {
            rate,
            rate_up_to,
            first_transfer_fee_waived: waived,
        })
    }
}

impl Read for Offer {
    fn read(v: &V) -> Result<Self> {
        let (mut provider, mut firm_type, mut speed, mut funding, mut payout) =
            (None, None, None, None, None);
        let (mut send, mut receive, mut schedule) = (None, None, FeeSchedule::default());
        let (mut offered_rate, mut mid_rate, mut promotion, mut collected_at) =
            (None, None, None, None);
        const NAMES: [&str; 12] = [
            "provider",
            "firm_type",
            "speed",
            "funding",
            "payout",
            "send_currency",
            "receive_currency",
            "schedule",
            "offered_rate",
            "mid_rate",
            "promotion",
            "collected_at",
        ];
        fields(v, &NAMES, true, |k, v| match k {
            "provider" => set(&mut provider, v),
            "firm_type" => set(&mut firm_type, v),
            "speed" => set(&mut speed, v),
            "funding" => set(&mut funding, v),
            "payout" => set(&mut payout, v),
            "send_currency" => req(&mut send, v),
            "receive_currency" => req(&mut receive, v),
            "schedule" => set(&mut schedule, v),
            "offered_rate" => set(&mut offered_rate, v),
            "mid_rate" => set(&mut mid_rate, v),
            "promotion" => set(&mut promotion, v),
            "collected_at" => set(&mut collected_at, v),
            _ => Ok(false),
        })?;
        match (send, receive) {
            (Some(send_currency), Some(receive_currency)) => Ok(Offer {
                provider,
                firm_type,
                speed,
                funding,
                payout,
                send_currency,
                receive_currency,
                schedule,
                offered_rate,
                mid_rate,
                promotion,
                collected_at,
            }),
            (None, _) => Err(invalid("missing field `send_currency`")),
            _ => Err(invalid("missing field `receive_currency`")),
        }
    }
}

impl Read for CostOptions {
    fn read(v: &V) -> Result<Self> {
        let mut o = CostOptions::default();
        const NAMES: [&str; 4] = [
            "rounding",
            "include_receiving_fee",
            "first_transfer",
            "oldest_quote",
        ];
        fields(v, &NAMES, true, |k, v| match k {
            "rounding" => set(&mut o.rounding, v),
            "include_receiving_fee" => set(&mut o.include_receiving_fee, v),
            "first_transfer" => set(&mut o.first_transfer, v),
            "oldest_quote" => set(&mut o.oldest_quote, v),
            _ => Ok(false),
        })?;
        Ok(o)
    }
}

impl Read for RankOptions {
    fn read(v: &V) -> Result<Self> {
        let mut o = RankOptions::default();
        const NAMES: [&str; 5] = ["payout", "funding", "max_speed", "order", "now"];
        fields(v, &NAMES, true, |k, v| match k {
            "payout" => set(&mut o.payout, v),
            "funding" => set(&mut o.funding, v),
            "max_speed" => set(&mut o.max_speed, v),
            "order" => set(&mut o.order, v),
            "now" => set(&mut o.now, v),
            _ => Ok(false),
        })?;
        Ok(o)
    }
}

impl Read for Target {
    /// `{send}`, `{receive}` or `{total}`: exactly one key.
    fn read(v: &V) -> Result<Self> {
        let V::Obj(entries) = v else {
            return Err(invalid("invalid type: expected a map with a single key"));
        };
        let Some((key, value)) = entries.first() else {
            return Err(invalid("invalid type: expected a map with a single key"));
        };
        let key = key
            .as_deref()
            .ok_or_else(|| invalid("lone surrogate in a key"))?;
        let make: fn(Decimal) -> Target = match key {
            "send" => Target::Send,
            "receive" => Target::Receive,
            "total" => Target::Total,
            _ => return Err(Error::InvalidJson(format!("unknown variant `{key}`"))),
        };
        let target = make(Decimal::read(value)?);
        if entries.len() > 1 {
            return Err(invalid("expected a map with a single key"));
        }
        Ok(target)
    }
}
