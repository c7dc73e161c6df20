//! A group's costs as the mergeable multiset a [`Partial`](crate::Partial) keeps: distinct
//! values (normalised, `5.10` as `5.1`), ascending, with how many services have each.
//!
//! Costs a pass gathers stay as they came (scaled integers, in no order) until something
//! needs them in order. A median needs no order (a selection finds it), and merging the
//! states of two parts appends one's gathered costs to the other's. Only serializing a state,
//! comparing two, or a merge that leaves more unsorted costs than [`SORT_IN_FROM`] sorts
//! them in. Sorting every group's costs was most of what a partial added to a pass (issue 13).

use super::accumulator::{median_scaled, normalized, scaled_multiset};
use crate::error::{Error, Result};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::cmp::Ordering;

/// A merge sorts a group's unsorted costs into its multiset once they number more than this
/// and more than its distinct costs, so a state fed batch after batch holds about as much as
/// its distinct costs, as the module docs of [`Partial`](crate::Partial) say.
const SORT_IN_FROM: usize = 4096;

/// A group's costs (see the module docs).
#[derive(Debug, Clone, Default)]
pub(crate) struct Multiset {
    /// Distinct costs, ascending, with how many services have each.
    sorted: Vec<(Decimal, usize)>,
    /// Costs not yet sorted in: scaled (see [`Cost`](super::accumulator::Cost)), in no order.
    gathered: Vec<i64>,
}

fn count_overflow() -> Error {
    Error::Overflow("partial aggregation count")
}

impl Multiset {
    /// The costs a pass gathered, scaled, in any order.
    pub(crate) fn gathered(scaled: Vec<i64>) -> Multiset {
        Multiset {
            sorted: Vec::new(),
            gathered: scaled,
        }
    }

    /// Distinct costs, ascending, with their counts.
    pub(crate) fn sorted(pairs: Vec<(Decimal, usize)>) -> Multiset {
        Multiset {
            sorted: pairs,
            gathered: Vec::new(),
        }
    }

    /// Adds `other`'s costs.
    pub(crate) fn merge(&mut self, other: Multiset) -> Result<()> {
        self.gathered.extend(other.gathered);
        self.sorted = merge_sorted(std::mem::take(&mut self.sorted), other.sorted)?;
        if self.gathered.len() > SORT_IN_FROM.max(self.sorted.len()) {
            let gathered = scaled_multiset(&mut std::mem::take(&mut self.gathered));
            self.sorted = merge_sorted(std::mem::take(&mut self.sorted), gathered)?;
        }
        Ok(())
    }

    /// Every cost in order: distinct values, ascending, with their counts.
    pub(crate) fn in_order(&self) -> Result<Cow<'_, [(Decimal, usize)]>> {
        if self.gathered.is_empty() {
            return Ok(Cow::Borrowed(&self.sorted));
        }
        let gathered = scaled_multiset(&mut self.gathered.clone());
        Ok(Cow::Owned(merge_sorted(self.sorted.clone(), gathered)?))
    }

    /// The median of `count` costs (the mean of the two middle ones for an even count): by
    /// selection when no cost is sorted in yet.
    pub(crate) fn median(&self, count: usize) -> Result<Decimal> {
        if self.sorted.is_empty() {
            return median_scaled(&mut self.gathered.clone());
        }
        let sorted = self.in_order()?;
        let nth = |k: usize| {
            let mut seen = 0usize;
            let mut values = sorted.iter().filter_map(|(value, n)| {
                seen = seen.saturating_add(*n);
                (k < seen).then_some(*value)
            });
            values.next()
        };
        let missing = || Error::NoData("an empty group".into());
        let mid = count / 2;
        let upper = nth(mid).ok_or_else(missing)?;
        if count % 2 == 1 {
            return Ok(upper);
        }
        let lower = nth(mid.checked_sub(1).ok_or_else(missing)?).ok_or_else(missing)?;
        crate::decimal::div(
            crate::decimal::add(lower, upper, "group median")?,
            Decimal::TWO,
            "group median",
        )
    }

    /// The least and the greatest cost.
    pub(crate) fn min_max(&self) -> Option<(Decimal, Decimal)> {
        let gathered = self.gathered.iter().min().zip(self.gathered.iter().max());
        let gathered = gathered.map(|(lo, hi)| (normalized(*lo), normalized(*hi)));
        let sorted = self.sorted.first().zip(self.sorted.last());
        match (sorted.map(|(lo, hi)| (lo.0, hi.0)), gathered) {
            (Some((a, b)), Some((c, d))) => Some((a.min(c), b.max(d))),
            (one, other) => one.or(other),
        }
    }

    /// Checks a multiset read from outside against its group's `count`: strictly ascending,
    /// no value counted zero times, counts adding up to `count`.
    pub(crate) fn check(&self, count: usize) -> std::result::Result<(), &'static str> {
        if self.sorted.windows(2).any(|pair| pair[0].0 >= pair[1].0) {
            return Err("costs not strictly ascending");
        }
        let mut total = self.gathered.len();
        for (_, n) in &self.sorted {
            if *n == 0 {
                return Err("a cost counted zero times");
            }
            total = total.checked_add(*n).ok_or("cost counts overflow")?;
        }
        if total != count || count == 0 {
            return Err("cost counts do not add up to the group's count");
        }
        Ok(())
    }
}

/// Equal when they hold the same costs, however many are sorted in.
impl PartialEq for Multiset {
    fn eq(&self, other: &Multiset) -> bool {
        match (self.in_order(), other.in_order()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }
}

impl Eq for Multiset {}

/// As the sorted pairs (`[["1.5", 2], ["4", 1]]`), whatever is sorted in.
impl Serialize for Multiset {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let pairs = self.in_order().map_err(serde::ser::Error::custom)?;
        pairs.as_ref().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Multiset {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Multiset, D::Error> {
        crate::decimal::de::pairs(d).map(Multiset::sorted)
    }
}

/// Merges two ascending multisets of costs.
fn merge_sorted(
    a: Vec<(Decimal, usize)>,
    b: Vec<(Decimal, usize)>,
) -> Result<Vec<(Decimal, usize)>> {
    if b.is_empty() {
        return Ok(a);
    }
    if a.is_empty() {
        return Ok(b);
    }
    let mut out = Vec::with_capacity(a.len().saturating_add(b.len()));
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => match x.0.cmp(&y.0) {
                Ordering::Less => a.next(),
                Ordering::Greater => b.next(),
                Ordering::Equal => {
                    let (value, n) = a.next().unwrap_or_default();
                    let (_, m) = b.next().unwrap_or_default();
                    Some((value, n.checked_add(m).ok_or_else(count_overflow)?))
                }
            },
            (Some(_), None) => a.next(),
            (None, Some(_)) => b.next(),
            (None, None) => break,
        };
        out.extend(next);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pairs(values: &[i64]) -> Vec<(Decimal, usize)> {
        scaled_multiset(&mut values.to_vec())
    }

    proptest! {
        /// However costs arrive (sorted in or not, merged in any split), the multiset, its
        /// median and its extremes are those of all the costs sorted at once.
        #[test]
        fn a_multiset_is_its_costs_sorted_whatever_the_merges(
            values in proptest::collection::vec(-50i64..50, 1..40),
            cuts in proptest::collection::vec((0usize..40, any::<bool>()), 0..6),
        ) {
            let whole = pairs(&values);
            let mut parts: Vec<Multiset> = Vec::new();
            let mut rest = values.as_slice();
            for (at, sorted) in cuts {
                let (head, tail) = rest.split_at(at.min(rest.len()));
                rest = tail;
                parts.push(if sorted {
                    Multiset::sorted(pairs(head))
                } else {
                    Multiset::gathered(head.to_vec())
                });
            }
            parts.push(Multiset::gathered(rest.to_vec()));
            let mut merged = Multiset::default();
            for part in parts {
                merged.merge(part).unwrap();
            }
            let mut all = values.clone();
            let in_order = merged.in_order().unwrap();
            prop_assert_eq!(in_order.as_ref(), whole.as_slice());
            prop_assert_eq!(merged.median(values.len()).unwrap(), median_scaled(&mut all).unwrap());
            let (lo, hi) = merged.min_max().unwrap();
            prop_assert_eq!(lo, whole[0].0);
            prop_assert_eq!(Some(hi), whole.last().map(|p| p.0));
            prop_assert!(merged.check(values.len()).is_ok());
            prop_assert_eq!(merged, Multiset::sorted(whole));
        }
    }

    #[test]
    fn many_unsorted_costs_are_sorted_in_by_a_merge() {
        let mut costs = Multiset::gathered(vec![7; SORT_IN_FROM]);
        costs.merge(Multiset::gathered(vec![3])).unwrap();
        assert!(costs.gathered.is_empty());
        assert_eq!(
            costs.sorted,
            vec![(normalized(3), 1), (normalized(7), SORT_IN_FROM)]
        );
    }

    #[test]
    fn a_state_serializes_sorted() {
        let costs = Multiset::gathered(vec![15_000_000_000, 4, 15_000_000_000]);
        let json = serde_json::to_string(&costs).unwrap();
        assert_eq!(json, r#"[["0.0000000004",1],["1.5",2]]"#);
        assert_eq!(serde_json::from_str::<Multiset>(&json).unwrap(), costs);
    }
}
