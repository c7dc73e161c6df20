//! The pass over a frame: rows left out as the row path leaves them out, eligibility from
//! per-value tables, dense group numbers, and each kept row fed to the one
//! [`Accumulator`] that the row path, [`group`](crate::group), the indicators and
//! [`Partial`](crate::Partial) share.

use super::keys::{number, KeyDim};
use super::{Frame, Text, MISSING};
use crate::aggregate::accumulator::{one_corridor_period, Accumulator, Gathered, Rows};
use crate::aggregate::dimension::Dimension;
use crate::aggregate::keys::{index, Part};
use crate::aggregate::options::{AggregateOptions, LeftOut};
use crate::eligibility::Eligibility;
use crate::error::Result;

/// A text column's per-value table of whether `values` list the value (trimmed, ignoring
/// ASCII case), as [`Eligibility`]'s `inaccessible` matches a cell.
fn listed(cells: &[Box<str>], values: &[String]) -> Vec<bool> {
    cells
        .iter()
        .map(|c| {
            values
                .iter()
                .any(|v| v.trim().eq_ignore_ascii_case(c.trim()))
        })
        .collect()
}

impl Frame {
    /// Per row, whether `rule`'s `inaccessible` lists its cell (the same columns and matching
    /// as [`Eligibility::accepts`]); `None` when it lists nothing.
    fn blocked(&self, rule: &Eligibility) -> Option<Vec<bool>> {
        if rule.inaccessible.is_empty() {
            return None;
        }
        let mut blocked = vec![false; self.len()];
        for (column, values) in &rule.inaccessible {
            let text = match column.trim().to_ascii_lowercase().as_str() {
                "firm" => Some(Text::Firm),
                "firm_type" => Some(Text::FirmType),
                "payment instrument" | "instrument" => Some(Text::Instrument),
                "access point" | "access_point" => Some(Text::AccessPoint),
                "speed actual" | "speed" => Some(Text::Speed),
                _ => None,
            };
            if let Some(text) = text {
                let c = self.text(text);
                let table = listed(&c.values, values);
                for (b, code) in blocked.iter_mut().zip(&c.codes) {
                    *b = *b || table.get(*code as usize).copied().unwrap_or(false);
                }
                continue;
            }
            // Another column: the row's first extra column (by name) named so, trimmed and
            // ignoring ASCII case; a row without one is not blocked by it.
            let columns: Vec<_> = self
                .extra
                .iter()
                .filter(|(n, _)| n.trim().eq_ignore_ascii_case(column.trim()))
                .map(|(_, c)| (c, listed(&c.values, values)))
                .collect();
            for (row, b) in blocked.iter_mut().enumerate() {
                let row = u32::try_from(row).unwrap_or(MISSING);
                let cell = columns.iter().find_map(|(c, table)| match c.code(row) {
                    MISSING => None,
                    code => Some(table.get(code as usize).copied().unwrap_or(false)),
                });
                *b = *b || cell.unwrap_or(false);
            }
        }
        Some(blocked)
    }

    /// Groups the frame's rows by `dims` in one pass, as the row path's `gather` does: the
    /// same groups, in the same order, with the same accumulators. Errors: a dimension the
    /// frame does not code ([`Error::Incompatible`](crate::Error::Incompatible)), overflow.
    pub(crate) fn gather(
        &self,
        dims: &[Dimension],
        options: &AggregateOptions,
    ) -> Result<(Gathered<'_>, LeftOut)> {
        self.gather_with(self, dims, options)
    }

    /// [`Frame::gather`], the ties between services decided by `rows` (the frame's rows, some
    /// of their labels read elsewhere).
    pub(crate) fn gather_with<R: Rows + ?Sized>(
        &self,
        rows: &R,
        dims: &[Dimension],
        options: &AggregateOptions,
    ) -> Result<(Gathered<'_>, LeftOut)> {
        let keys = dims
            .iter()
            .map(|d| self.key_dim(d))
            .collect::<Result<Vec<KeyDim<'_>>>>()?;
        let digits: Vec<_> = keys.iter().flat_map(KeyDim::digits).collect();
        let numbering = number(self.len(), &digits)?;
        let rule = &options.eligibility;
        let speed = self.text(Text::Speed);
        let fast: Vec<bool> = speed.values.iter().map(|s| rule.accepts_speed(s)).collect();
        let blocked = self.blocked(rule);
        let span_known = one_corridor_period(dims);
        let (period, src, dst) = (
            &self.period.codes,
            &self.text(Text::SourceCode).codes,
            &self.text(Text::DestinationCode).codes,
        );
        let costs = self.costs(options.amount);
        let mut left_out = LeftOut::default();
        let mut groups: Vec<Option<Accumulator>> = Vec::new();
        groups.resize_with(numbering.len(), || None);
        // Each group's rows (kept or not): room for its costs, reserved once.
        let mut sizes = vec![0usize; numbering.len()];
        for g in &numbering.gid {
            if let Some(n) = sizes.get_mut(*g as usize) {
                *n = n.saturating_add(1);
            }
        }
        let each = costs
            .scaled
            .iter()
            .zip(&self.transparent)
            .zip(numbering.gid.iter().zip(&speed.codes));
        for (i, ((scaled, transparent), (g, s))) in each.enumerate() {
            let row = index(i)?;
            let Some(cost) = costs.cost(row, *scaled) else {
                left_out.unpriced = left_out.unpriced.saturating_add(1);
                continue;
            };
            if !transparent && !options.include_non_transparent {
                left_out.non_transparent = left_out.non_transparent.saturating_add(1);
                continue;
            }
            let eligible = fast.get(*s as usize).copied().unwrap_or(false)
                && (*transparent || !rule.transparent)
                && !blocked
                    .as_ref()
                    .is_some_and(|b| b.get(i).copied().unwrap_or(false));
            let Some(slot) = groups.get_mut(*g as usize) else {
                continue;
            };
            let group = slot.get_or_insert_with(|| {
                Accumulator::with_capacity(row, sizes.get(*g as usize).copied().unwrap_or(0))
            });
            if !span_known && !group.several {
                let first = group.first as usize;
                let differs = |c: &[u32]| c.get(first) != c.get(i);
                group.several = differs(period) || differs(src) || differs(dst);
            }
            group.add(rows, row, cost, eligible)?;
        }
        let mut ordered: Vec<(Vec<u32>, Accumulator)> = groups
            .into_iter()
            .enumerate()
            .filter_map(|(g, acc)| Some((numbering.values(u32::try_from(g).ok()?), acc?)))
            .collect();
        crate::sort::sort_by(&mut ordered, |a, b| a.0.cmp(&b.0));
        let mut out = Vec::with_capacity(ordered.len());
        for (values, acc) in ordered {
            let mut rest = values.as_slice();
            let mut key: Vec<Part<'_>> = Vec::with_capacity(keys.len());
            for k in &keys {
                let n = k.digits().len();
                let (mine, after) = rest.split_at(n.min(rest.len()));
                rest = after;
                key.extend(k.part(mine));
            }
            out.push((key, acc));
        }
        Ok((out, left_out))
    }
}
