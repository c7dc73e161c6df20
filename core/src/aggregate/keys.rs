//! Group keys without copying strings: a fast hasher, each row's key parts, and the interner
//! that gives every distinct key a dense group number and orders the groups by key.

use super::dimension::Dimension;
use crate::error::{Error, Result};
use crate::observation::Period;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast, non-cryptographic hasher (the multiply-rotate hash of rustc's FxHasher): group keys
/// are the program's own data, so hash flooding is not a concern, and it is several times
/// faster than SipHash on short keys.
#[derive(Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

impl FastHasher {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        let mut word = [0u8; 8];
        for (w, b) in word.iter_mut().zip(chunks.remainder()) {
            *w = *b;
        }
        self.mix(u64::from_le_bytes(word));
    }
    fn write_u8(&mut self, n: u8) {
        self.mix(u64::from(n));
    }
    fn write_u16(&mut self, n: u16) {
        self.mix(u64::from(n));
    }
    fn write_u32(&mut self, n: u32) {
        self.mix(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.mix(n);
    }
    fn write_usize(&mut self, n: usize) {
        self.mix(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// One dimension's value for one row, borrowed from the row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Part<'a> {
    Period(Period),
    Text(&'a str),
    Pair(&'a str, &'a str),
    /// A number column's value (`cc1 lcu amount`, …): equal values are one key whatever
    /// their scale, ordered by value.
    Number(Decimal),
}

impl Part<'_> {
    pub(crate) fn display(&self) -> String {
        match self {
            Part::Period(p) => p.to_string(),
            Part::Text(t) => (*t).to_string(),
            Part::Pair(a, b) => format!("{a}{b}"),
            Part::Number(n) => n.normalize().to_string(),
        }
    }
}

/// A [`Part`] as a hash key: text up to 7 bytes is held in one word, up to 31 bytes in four
/// (its length in the last byte), so that hashing and comparing keys takes a few integer
/// operations instead of a call to `memcmp` per row; longer text is kept by reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Compact<'a> {
    Period(Period),
    Word(u64),
    WordPair(u64, u64),
    Short([u64; 4]),
    Long(&'a str),
    Pair([u64; 4], [u64; 4]),
    LongPair(&'a str, &'a str),
    Number(Decimal),
}

/// Text up to 7 bytes (country codes, most short labels) in one word, its length in the
/// last byte.
fn word(text: &str) -> Option<u64> {
    let bytes = text.as_bytes();
    let len = u8::try_from(bytes.len()).ok().filter(|n| *n < 8)?;
    let mut buf = [0u8; 8];
    for (b, t) in buf.iter_mut().zip(bytes) {
        *b = *t;
    }
    buf[7] = len;
    Some(u64::from_le_bytes(buf))
}

fn inline(text: &str) -> Option<[u64; 4]> {
    let bytes = text.as_bytes();
    let len = u8::try_from(bytes.len()).ok().filter(|n| *n < 32)?;
    let mut buf = [0u8; 32];
    for (b, t) in buf.iter_mut().zip(bytes) {
        *b = *t;
    }
    buf[31] = len;
    let mut words = [0u64; 4];
    for (w, chunk) in words.iter_mut().zip(buf.chunks_exact(8)) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        *w = u64::from_le_bytes(word);
    }
    Some(words)
}

impl<'a> Compact<'a> {
    pub(crate) fn of(part: Part<'a>) -> Self {
        match part {
            Part::Period(p) => Compact::Period(p),
            Part::Text(t) => match word(t) {
                Some(w) => Compact::Word(w),
                None => inline(t).map_or(Compact::Long(t), Compact::Short),
            },
            Part::Pair(a, b) => match (word(a), word(b)) {
                (Some(x), Some(y)) => Compact::WordPair(x, y),
                _ => match (inline(a), inline(b)) {
                    (Some(x), Some(y)) => Compact::Pair(x, y),
                    _ => Compact::LongPair(a, b),
                },
            },
            Part::Number(n) => Compact::Number(n),
        }
    }
}

/// One group: its key and its members (indexes into the rows, in row order).
pub(crate) struct Group<'a> {
    pub key: Vec<Part<'a>>,
    pub members: Vec<u32>,
}

fn too_many() -> Error {
    Error::Overflow("grouping: more than 4294967295 rows or groups")
}

pub(crate) fn index(n: usize) -> Result<u32> {
    u32::try_from(n).map_err(|_| too_many())
}

/// Gives each distinct key (one [`Part`] per dimension) a group number, row by row, without
/// copying any string: each dimension's values are interned, and the numbers combine pairwise
/// (group so far × this dimension's value → next group), so a key of any length costs one
/// small hash lookup per dimension.
pub(crate) struct Interner<'a> {
    /// Per dimension: value → its number, and the values in order of first sight.
    ids: Vec<FastMap<Compact<'a>, u32>>,
    values: Vec<Vec<Part<'a>>>,
    /// Per dimension: the last value seen and its number (rows often come sorted).
    last: Vec<Option<(Compact<'a>, u32)>>,
    /// Per dimension: (group so far, value number) → group, and each group's (parent, value).
    pairs: Vec<FastMap<(u32, u32), u32>>,
    nodes: Vec<Vec<(u32, u32)>>,
    any: bool,
}

impl<'a> Interner<'a> {
    pub(crate) fn new(dims: usize) -> Self {
        Interner {
            ids: (0..dims).map(|_| FastMap::default()).collect(),
            values: vec![Vec::new(); dims],
            last: vec![None; dims],
            pairs: (0..dims).map(|_| FastMap::default()).collect(),
            nodes: vec![Vec::new(); dims],
            any: false,
        }
    }

    /// The group number of one row's key (its parts in dimension order).
    pub(crate) fn group_of(&mut self, parts: impl Iterator<Item = Part<'a>>) -> Result<u32> {
        self.any = true;
        let mut g = 0u32;
        let levels = self
            .ids
            .iter_mut()
            .zip(self.values.iter_mut().zip(self.last.iter_mut()))
            .zip(self.pairs.iter_mut().zip(self.nodes.iter_mut()));
        for (level, (part, ((ids, (values, last)), (pairs, nodes)))) in
            parts.zip(levels).enumerate()
        {
            let key = Compact::of(part);
            let id = match last {
                Some((k, id)) if *k == key => *id,
                _ => {
                    let id = match ids.get(&key) {
                        Some(id) => *id,
                        None => {
                            let id = index(values.len())?;
                            values.push(part);
                            ids.insert(key, id);
                            id
                        }
                    };
                    *last = Some((key, id));
                    id
                }
            };
            // The first dimension's groups are its values, numbered alike (both in order of
            // first sight): no lookup.
            if level == 0 {
                if id as usize == nodes.len() {
                    nodes.push((0, id));
                }
                g = id;
                continue;
            }
            g = match pairs.get(&(g, id)) {
                Some(next) => *next,
                None => {
                    let next = index(nodes.len())?;
                    nodes.push((g, id));
                    pairs.insert((g, id), next);
                    next
                }
            };
        }
        Ok(g)
    }

    /// How many groups were seen.
    pub(crate) fn len(&self) -> usize {
        match self.nodes.last() {
            Some(last) => last.len(),
            None => usize::from(self.any),
        }
    }

    /// The groups' keys, as (group number, key), ordered by key: periods chronologically,
    /// text by byte order, corridors by (sending, receiving).
    pub(crate) fn ordered(&self) -> Result<Vec<(u32, Vec<Part<'a>>)>> {
        // Rank each dimension's distinct values, then sort the groups by their rank tuples.
        let ranks: Vec<Vec<u32>> = self
            .values
            .iter()
            .map(|values| {
                let mut order: Vec<u32> = (0..index(values.len())?).collect();
                crate::sort::sort_by(&mut order, |a, b| {
                    values.get(*a as usize).cmp(&values.get(*b as usize))
                });
                let mut rank = vec![0u32; values.len()];
                for (r, id) in order.iter().enumerate() {
                    if let Some(slot) = rank.get_mut(*id as usize) {
                        *slot = index(r)?;
                    }
                }
                Ok(rank)
            })
            .collect::<Result<_>>()?;
        let mut groups = Vec::with_capacity(self.len());
        for g in 0..index(self.len())? {
            // Walk up from the last dimension to the first.
            let mut ids = vec![0u32; self.nodes.len()];
            let mut at = g;
            for (level, slot) in self.nodes.iter().zip(ids.iter_mut()).rev() {
                let (parent, id) = level.get(at as usize).copied().unwrap_or((0, 0));
                *slot = id;
                at = parent;
            }
            let key: Vec<Part<'a>> = ids
                .iter()
                .zip(&self.values)
                .filter_map(|(id, values)| values.get(*id as usize).copied())
                .collect();
            let rank: Vec<u32> = ids
                .iter()
                .zip(&ranks)
                .map(|(id, rank)| rank.get(*id as usize).copied().unwrap_or(0))
                .collect();
            groups.push((rank, g, key));
        }
        crate::sort::sort_by(&mut groups, |a, b| a.0.cmp(&b.0));
        Ok(groups.into_iter().map(|(_, g, key)| (g, key)).collect())
    }
}

/// Partitions rows `0..n` by `dims`, each row's key given by `part`, into groups ordered by
/// key.
pub(crate) fn partition<'a>(
    n: usize,
    dims: &[Dimension],
    part: impl Fn(usize, &Dimension) -> Result<Part<'a>>,
) -> Result<Vec<Group<'a>>> {
    let mut interner = Interner::new(dims.len());
    let mut gid = Vec::with_capacity(n);
    for row in 0..n {
        let parts = dims
            .iter()
            .map(|d| part(row, d))
            .collect::<Result<Vec<_>>>()?;
        gid.push(interner.group_of(parts.into_iter())?);
    }
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); interner.len()];
    for (row, g) in gid.iter().enumerate() {
        if let Some(m) = members.get_mut(*g as usize) {
            m.push(index(row)?);
        }
    }
    Ok(interner
        .ordered()?
        .into_iter()
        .map(|(g, key)| Group {
            key,
            members: members
                .get_mut(g as usize)
                .map(std::mem::take)
                .unwrap_or_default(),
        })
        .collect())
}
