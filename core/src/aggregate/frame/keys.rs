//! Group keys on a frame: each [`Dimension`] as one or two key digits (a column of codes that
//! compare as their values, and how many values), and dense group numbers from the digits,
//! a column at a time.

use super::{Column, Frame, Text, MISSING};
#[cfg(feature = "countries")]
use crate::aggregate::dimension::member_of;
use crate::aggregate::dimension::{name_key, Dimension, Field};
use crate::aggregate::keys::{index, FastMap, Part};
use crate::error::{Error, Result};
use crate::observation::Period;
use std::borrow::Cow;

/// One dimension's key on a frame.
pub(super) enum KeyDim<'f> {
    /// The period column.
    Period(&'f Column<Period>),
    /// A text column's codes (or codes derived from columns) and the values they stand for,
    /// ascending.
    Text(Cow<'f, [u32]>, Vec<&'f str>),
    /// The corridor: sending code, then receiving code.
    Pair(&'f Column<Box<str>>, &'f Column<Box<str>>),
}

/// One key digit: each row's value number, and how many values.
pub(super) type Digit<'d> = (&'d [u32], u32);

fn radix(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl<'f> KeyDim<'f> {
    /// The digits, most significant first.
    pub(super) fn digits(&self) -> Vec<Digit<'_>> {
        match self {
            KeyDim::Period(c) => vec![(&c.codes, c.radix())],
            KeyDim::Text(codes, values) => vec![(codes, radix(values.len()))],
            KeyDim::Pair(a, b) => vec![(&a.codes, a.radix()), (&b.codes, b.radix())],
        }
    }

    /// The key part of the digits' values (as many as [`KeyDim::digits`]).
    pub(super) fn part(&self, values: &[u32]) -> Option<Part<'f>> {
        let at = |i: usize| values.get(i).map(|v| *v as usize);
        match self {
            KeyDim::Period(c) => c.values.get(at(0)?).map(|p| Part::Period(*p)),
            KeyDim::Text(_, v) => v.get(at(0)?).map(|t| Part::Text(t)),
            KeyDim::Pair(a, b) => {
                let (x, y) = (a.values.get(at(0)?)?, b.values.get(at(1)?)?);
                Some(Part::Pair(x, y))
            }
        }
    }
}

impl Frame {
    fn text_key(&self, column: Text) -> KeyDim<'_> {
        let c = self.text(column);
        KeyDim::Text(
            Cow::Borrowed(&c.codes),
            c.values.iter().map(|v| &**v).collect(),
        )
    }

    /// `dim`'s key on this frame. Errors: a column that no row has
    /// ([`Error::UnknownColumn`]), one the frame does not hold ([`Error::Incompatible`]).
    pub(super) fn key_dim(&self, dim: &Dimension) -> Result<KeyDim<'_>> {
        let key = match dim {
            Dimension::Period => KeyDim::Period(&self.period),
            Dimension::Corridor => KeyDim::Pair(
                self.text(Text::SourceCode),
                self.text(Text::DestinationCode),
            ),
            Dimension::SourceCountry => self.text_key(Text::SourceCode),
            Dimension::DestinationCountry => self.text_key(Text::DestinationCode),
            Dimension::SourceRegion => self.text_key(Text::SourceRegion),
            Dimension::DestinationRegion => self.text_key(Text::DestinationRegion),
            Dimension::Firm => self.text_key(Text::Firm),
            Dimension::FirmType => self.text_key(Text::FirmType),
            Dimension::Instrument => self.text_key(Text::Instrument),
            Dimension::AccessPoint => self.text_key(Text::AccessPoint),
            Dimension::Speed => self.text_key(Text::Speed),
            Dimension::Product => self.text_key(Text::Product),
            Dimension::Coverage => self.text_key(Text::Coverage),
            Dimension::PickupMethod => self.text_key(Text::PickupMethod),
            #[cfg(feature = "countries")]
            Dimension::SourceIncome => self.extra_key("source_income"),
            #[cfg(feature = "countries")]
            Dimension::DestinationIncome => self.extra_key("destination_income"),
            #[cfg(feature = "countries")]
            Dimension::SourceLending => self.extra_key("source_lending"),
            #[cfg(feature = "countries")]
            Dimension::DestinationLending => self.extra_key("destination_lending"),
            #[cfg(feature = "countries")]
            Dimension::SourceG8 => self.member_key("source_G8G20", "G8"),
            #[cfg(feature = "countries")]
            Dimension::SourceG20 => self.member_key("source_G8G20", "G20"),
            #[cfg(feature = "countries")]
            Dimension::DestinationG8 => self.member_key("destination_G8G20", "G8"),
            #[cfg(feature = "countries")]
            Dimension::DestinationG20 => self.member_key("destination_G8G20", "G20"),
            Dimension::Column(name) => return self.column_key(name),
        };
        Ok(key)
    }

    /// A dataset column's key, the column found as the row path finds it ([`Field`]): the
    /// names, the transparency flag and the extra columns; the frame does not hold `id`,
    /// `inter lcu bank fx` or the amount blocks' values ([`Error::Incompatible`]: the row
    /// path serves them).
    fn column_key(&self, name: &str) -> Result<KeyDim<'_>> {
        Ok(match Field::column(name, &[])? {
            Field::Named(dim) => return self.key_dim(&dim),
            Field::SourceName => self.text_key(Text::SourceName),
            Field::DestinationName => self.text_key(Text::DestinationName),
            Field::Transparent => KeyDim::Text(
                Cow::Owned(self.transparent.iter().map(|t| u32::from(*t)).collect()),
                vec!["no", "yes"],
            ),
            Field::Extra(_) => match self.header(name) {
                Some(header) => self.extra_key(header),
                None if self.is_empty() => self.extra_key(""),
                None => return Err(Error::UnknownColumn(name.to_string())),
            },
            Field::Id | Field::Interbank | Field::Block(..) => {
                return Err(Error::Incompatible(format!(
                    "a frame does not hold the column {name:?}"
                )))
            }
        })
    }

    /// The extra column named `name` (as [`name_key`] compares names) that the row path
    /// groups by: the first, by name, that the first row having one has.
    fn header(&self, name: &str) -> Option<&str> {
        let key = name_key(name);
        let named: Vec<_> = self
            .extra
            .iter()
            .filter(|(n, _)| name_key(n) == key)
            .collect();
        (0..self.len()).find_map(|row| {
            let row = radix(row);
            named
                .iter()
                .find(|(_, c)| c.code(row) != MISSING)
                .map(|(n, _)| &**n)
        })
    }

    /// Each row's cell of an extra column as [`column`](crate::aggregate::column) reads it
    /// (the column named exactly, else the first, by name, named so ignoring ASCII case;
    /// empty when the row has neither), coded into the cells' values, ascending.
    fn resolve(&self, name: &str) -> (Vec<u32>, Vec<&str>) {
        let exact = self.extra.iter().position(|(n, _)| &**n == name);
        let mut candidates: Vec<usize> = exact.into_iter().collect();
        candidates.extend(
            self.extra
                .iter()
                .enumerate()
                .filter(|(_, (n, _))| n.eq_ignore_ascii_case(name))
                .map(|(i, _)| i),
        );
        self.resolve_among(&candidates)
    }

    /// Each row's cell of the first of `candidates` (extra columns, by position) it has, or
    /// empty, coded into the cells' values, ascending.
    fn resolve_among(&self, candidates: &[usize]) -> (Vec<u32>, Vec<&str>) {
        let columns: Vec<&Column<Box<str>>> = candidates
            .iter()
            .filter_map(|i| self.extra.get(*i).map(|(_, c)| c))
            .collect();
        let mut values: Vec<&str> = vec![""];
        for c in &columns {
            values.extend(c.values.iter().map(|v| &**v));
        }
        values.sort_unstable();
        values.dedup();
        let id = |v: &str| radix(values.binary_search(&v).unwrap_or(0));
        let empty = id("");
        // Each column's code → merged value number.
        let maps: Vec<Vec<u32>> = columns
            .iter()
            .map(|c| c.values.iter().map(|v| id(v)).collect())
            .collect();
        let codes = (0..self.len())
            .map(|row| {
                let row = radix(row);
                columns
                    .iter()
                    .zip(&maps)
                    .find_map(|(c, map)| match c.code(row) {
                        MISSING => None,
                        code => map.get(code as usize).copied(),
                    })
                    .unwrap_or(empty)
            })
            .collect();
        (codes, values)
    }

    fn extra_key(&self, name: &str) -> KeyDim<'_> {
        let (codes, values) = self.resolve(name);
        KeyDim::Text(Cow::Owned(codes), values)
    }

    #[cfg(feature = "countries")]
    fn member_key(&self, name: &str, group: &'static str) -> KeyDim<'_> {
        let (codes, values) = self.resolve(name);
        let mut labels: Vec<&str> = values.iter().map(|v| member_of(v, group)).collect();
        labels.sort_unstable();
        labels.dedup();
        let map: Vec<u32> = values
            .iter()
            .map(|v| radix(labels.binary_search(&member_of(v, group)).unwrap_or(0)))
            .collect();
        let codes = codes
            .iter()
            .map(|c| map.get(*c as usize).copied().unwrap_or(0))
            .collect();
        KeyDim::Text(Cow::Owned(codes), labels)
    }
}

/// Dense group numbers: each row's, and for each level (digit) each group's (parent group,
/// digit value).
pub(super) struct Numbering {
    pub gid: Vec<u32>,
    levels: Vec<Vec<(u32, u32)>>,
}

impl Numbering {
    /// How many groups (some may have no kept row).
    pub(super) fn len(&self) -> usize {
        self.levels.last().map_or(1, Vec::len)
    }

    /// The digit values of group `g`, most significant first.
    pub(super) fn values(&self, g: u32) -> Vec<u32> {
        let mut out = vec![0u32; self.levels.len()];
        let mut at = g;
        for (level, slot) in self.levels.iter().zip(out.iter_mut()).rev() {
            let (parent, value) = level.get(at as usize).copied().unwrap_or((0, 0));
            *slot = value;
            at = parent;
        }
        out
    }
}

/// Numbers `rows` rows' groups by `digits`, a digit at a time: the first digit's value is the
/// group number; each further digit combines (group so far, value) into the next number,
/// through a dense table while groups × values stay small (the usual case: 4 periods × 48
/// sending × 350 receiving countries is a 67,200-entry table), a hash map otherwise.
pub(super) fn number(rows: usize, digits: &[Digit<'_>]) -> Result<Numbering> {
    let mut levels: Vec<Vec<(u32, u32)>> = Vec::with_capacity(digits.len());
    let mut gid = vec![0u32; rows];
    let cap = rows.max(1 << 16).saturating_mul(4);
    for (level, (codes, radix)) in digits.iter().enumerate() {
        if level == 0 {
            gid.copy_from_slice(codes.get(..rows).unwrap_or(&[]));
            levels.push((0..*radix).map(|v| (0, v)).collect());
            continue;
        }
        let groups = levels.last().map_or(1, Vec::len);
        let mut nodes: Vec<(u32, u32)> = Vec::new();
        let r = u64::from(*radix);
        let slot = |g: u32, v: u32| u64::from(g).wrapping_mul(r).wrapping_add(u64::from(v));
        match usize::try_from(u64::try_from(groups).unwrap_or(u64::MAX).saturating_mul(r)) {
            Ok(size) if size <= cap => {
                let mut table = vec![u32::MAX; size];
                for (g, v) in gid.iter_mut().zip(codes.iter()) {
                    let Some(t) = table.get_mut(slot(*g, *v) as usize) else {
                        continue;
                    };
                    if *t == u32::MAX {
                        *t = index(nodes.len())?;
                        nodes.push((*g, *v));
                    }
                    *g = *t;
                }
            }
            _ => {
                let mut table: FastMap<u64, u32> = FastMap::default();
                for (g, v) in gid.iter_mut().zip(codes.iter()) {
                    let next = index(nodes.len())?;
                    let t = *table.entry(slot(*g, *v)).or_insert(next);
                    if t == next {
                        nodes.push((*g, *v));
                    }
                    *g = t;
                }
            }
        }
        levels.push(nodes);
    }
    Ok(Numbering { gid, levels })
}
