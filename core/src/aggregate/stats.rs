//! Exact statistics of a group of values: count, sum, mean, median (by selection), min, max
//! and the member with the lowest value.

use crate::decimal::{add, div};
use crate::error::{Error, Result};
use rust_decimal::Decimal;

/// Exact statistics of one group.
pub(crate) struct Summary {
    pub count: usize,
    pub sum: Decimal,
    pub mean: Decimal,
    pub median: Decimal,
    pub min: Decimal,
    pub max: Decimal,
    /// The member with the lowest value (the first by label on a tie).
    pub cheapest: u32,
}

/// Count, sum, mean, median (mean of the two middles for an even count), min, max and the
/// cheapest member of a non-empty group, from its values and members (aligned). `values` is
/// reordered (the median is found by selection, not by sorting).
pub(crate) fn summarize_values<'a>(
    values: &mut [Decimal],
    members: &[u32],
    label: impl Fn(u32) -> &'a str,
) -> Result<Summary> {
    let (Some(&first_value), Some(&first)) = (values.first(), members.first()) else {
        return Err(Error::NoData("an empty group".into()));
    };
    let mut sum = Decimal::ZERO;
    let (mut min, mut max, mut cheapest) = (first_value, first_value, first);
    for (&v, &m) in values.iter().zip(members) {
        sum = add(sum, v, "group sum")?;
        if v < min || (v == min && label(m) < label(cheapest)) {
            min = v;
            cheapest = m;
        }
        if v > max {
            max = v;
        }
    }
    let count = values.len();
    let mean = div(sum, Decimal::from(count), "group mean")?;
    let mid = count / 2;
    let Some((lower_half, upper, _)) = crate::sort::select_nth_by(values, mid, Ord::cmp) else {
        return Err(Error::NoData("an empty group".into()));
    };
    let upper = *upper;
    let median = if count % 2 == 1 {
        upper
    } else {
        let lower = lower_half.iter().max().copied().unwrap_or(upper);
        div(
            add(lower, upper, "group median")?,
            Decimal::TWO,
            "group median",
        )?
    };
    Ok(Summary {
        count,
        sum,
        mean,
        median,
        min,
        max,
        cheapest,
    })
}

/// [`summarize_values`] over members whose values `value` gives. `scratch` is reused between
/// groups.
pub(crate) fn summarize<'a>(
    members: &[u32],
    value: impl Fn(u32) -> Decimal,
    label: impl Fn(u32) -> &'a str,
    scratch: &mut Vec<Decimal>,
) -> Result<Summary> {
    scratch.clear();
    scratch.extend(members.iter().map(|m| value(*m)));
    summarize_values(scratch, members, label)
}
