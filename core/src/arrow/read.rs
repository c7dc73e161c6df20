//! Reading the columns of Arrow batches from any producer (pyarrow, polars, duckdb, pandas,
//! Spark), whatever Arrow type each library picks for text, numbers and decimals.

use crate::{parse_decimal, Decimal, Error, Result};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Decimal128Type, Decimal256Type, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type,
    Int8Type, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_buffer::{i256, NullBuffer};
use arrow_schema::DataType;

/// The columns of a run of Arrow batches of one schema (a table, or a stream read whole), found
/// by name.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    names: Vec<String>,
    chunks: Vec<Vec<ArrayRef>>,
    rows: usize,
}

impl Columns {
    /// The columns of `batches` (the first batch's schema names them; an empty slice has no
    /// columns).
    pub fn new(batches: &[RecordBatch]) -> Columns {
        let Some(first) = batches.first() else {
            return Columns::default();
        };
        let names: Vec<String> = first
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        let chunks = (0..names.len())
            .map(|i| {
                batches
                    .iter()
                    .filter_map(|b| b.columns().get(i).cloned())
                    .collect()
            })
            .collect();
        let rows = batches
            .iter()
            .fold(0usize, |n, b| n.saturating_add(b.num_rows()));
        Columns {
            names,
            chunks,
            rows,
        }
    }

    /// The number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The column named by the first of `names` that the batches have (names compared
    /// trimmed and case-insensitive).
    pub fn find(&self, names: &[&str]) -> Option<Column<'_>> {
        names.iter().find_map(|want| {
            let i = self
                .names
                .iter()
                .position(|n| n.trim().eq_ignore_ascii_case(want.trim()))?;
            Some(Column::new(self.names.get(i)?, self.chunks.get(i)?))
        })
    }

    /// A required column: [`Error::MissingColumn`] (naming the first of `names`) when absent.
    pub fn get(&self, names: &[&str]) -> Result<Column<'_>> {
        self.find(names).ok_or_else(|| {
            Error::MissingColumn(names.first().copied().unwrap_or_default().to_string())
        })
    }
}

/// One column: its chunks, read as text, decimals, booleans or whole numbers. A type that
/// cannot be read so is [`Error::UnsupportedFormat`] naming the column and the type.
#[derive(Debug, Clone, Copy)]
pub struct Column<'a> {
    name: &'a str,
    chunks: &'a [ArrayRef],
}

/// Calls `$body` with `$a` bound to `$array` as the primitive array of its integer type, or
/// evaluates `$other` for any other type.
macro_rules! integers {
    ($array:expr, $a:ident => $body:expr, $other:expr) => {
        match $array.data_type() {
            DataType::Int8 => {
                let $a = $array.as_primitive::<Int8Type>();
                $body
            }
            DataType::Int16 => {
                let $a = $array.as_primitive::<Int16Type>();
                $body
            }
            DataType::Int32 => {
                let $a = $array.as_primitive::<Int32Type>();
                $body
            }
            DataType::Int64 => {
                let $a = $array.as_primitive::<Int64Type>();
                $body
            }
            DataType::UInt8 => {
                let $a = $array.as_primitive::<UInt8Type>();
                $body
            }
            DataType::UInt16 => {
                let $a = $array.as_primitive::<UInt16Type>();
                $body
            }
            DataType::UInt32 => {
                let $a = $array.as_primitive::<UInt32Type>();
                $body
            }
            DataType::UInt64 => {
                let $a = $array.as_primitive::<UInt64Type>();
                $body
            }
            _ => $other,
        }
    };
}

/// Arrow's decimal `m × 10^-scale` as a `Decimal`: trailing zeros dropped where the value
/// needs fewer places than Arrow's scale gives it (a `decimal256` or a scale above 28); a
/// negative scale is read through text, to stay exact.
fn decimal_of(m: i256, scale: i8) -> Result<Decimal> {
    let text = || format!("{m}E{}", i32::from(scale).saturating_neg());
    let (mut m, mut places) = (m, i32::from(scale));
    let ten = i256::from_i128(10);
    // A `Decimal` holds 96 bits and 28 places.
    let fits = |m: i256| m.to_i128().is_some_and(|v| v.unsigned_abs() < 1u128 << 96);
    while places > 0 && (!fits(m) || places > 28) && m.wrapping_rem(ten) == i256::ZERO {
        m = m.wrapping_div(ten);
        places = places.saturating_sub(1);
    }
    let d = match (m.to_i128(), u32::try_from(places)) {
        (Some(m), Ok(s)) => Decimal::try_from_i128_with_scale(m, s).ok(),
        _ => parse_decimal(&text()).ok(),
    };
    d.ok_or_else(|| Error::InvalidDecimal(text()))
}

/// Each dictionary key's position among `null` values where the key is valid and in range,
/// `null` otherwise (`None`: more values than `u32` positions).
fn positions<K: Copy + TryInto<usize>>(
    keys: &[K],
    nulls: Option<&NullBuffer>,
    null: usize,
) -> Option<Vec<u32>> {
    let null32 = u32::try_from(null).ok()?;
    // In range, so the position fits `u32` as `null` does.
    let at = |k: K| match k.try_into() {
        Ok(k) if k < null => k as u32,
        _ => null32,
    };
    Some(match nulls {
        None => keys.iter().map(|k| at(*k)).collect(),
        Some(n) => keys
            .iter()
            .zip(n.iter())
            .map(|(k, valid)| if valid { at(*k) } else { null32 })
            .collect(),
    })
}

/// Appends the code of each row's dictionary position (at most `null`) to `out`:
/// `code(position)`, asked once for each position some valid row uses, in order; a null row is
/// at `null`. Two passes over the positions (which are used, then each row's code), each a
/// plain loop.
fn coded_keys(
    positions: impl Iterator<Item = usize> + Clone,
    nulls: Option<&NullBuffer>,
    null: usize,
    code: &mut impl FnMut(usize) -> Result<u32>,
    out: &mut Vec<u32>,
) -> Result<()> {
    let nulls = nulls.filter(|n| n.null_count() > 0);
    let mut used = vec![false; null.saturating_add(1)];
    let mut mark = |p: usize| {
        if let Some(u) = used.get_mut(p) {
            *u = true;
        }
    };
    match nulls {
        None => positions.clone().for_each(&mut mark),
        Some(n) => positions
            .clone()
            .zip(n.iter())
            .for_each(|(p, valid)| mark(if valid { p } else { null })),
    }
    let mut table = vec![0u32; used.len()];
    for (p, (slot, used)) in table.iter_mut().zip(used).enumerate() {
        if used {
            *slot = code(p)?;
        }
    }
    let null_code = table.last().copied().unwrap_or(0);
    let start = out.len();
    out.extend(positions.map(|p| table.get(p).copied().unwrap_or(null_code)));
    if let (Some(n), Some(added)) = (nulls, out.get_mut(start..)) {
        for (c, valid) in added.iter_mut().zip(n.iter()) {
            if !valid {
                *c = null_code;
            }
        }
    }
    Ok(())
}

/// Cell `i` of a string array (or a dictionary of strings), borrowed; `None` for a null cell,
/// a key naming no value, or another layout.
// `integers!` expands one arm per key type: `try_from` cannot fail in the unsigned small ones.
#[allow(clippy::unnecessary_fallible_conversions)]
fn str_in(array: &dyn Array, i: usize) -> Option<&str> {
    if array.is_null(i) || i >= array.len() {
        return None;
    }
    match array.data_type() {
        DataType::Utf8 => Some(array.as_string::<i32>().value(i)),
        DataType::LargeUtf8 => Some(array.as_string::<i64>().value(i)),
        DataType::Utf8View => Some(array.as_string_view().value(i)),
        DataType::Dictionary(_, _) => {
            let dictionary = array.as_any_dictionary();
            let keys = dictionary.keys();
            let key: Option<usize> = integers!(keys, k => k.values().get(i).and_then(|v| usize::try_from(*v).ok()), None);
            let values = dictionary.values();
            key.filter(|k| *k < values.len())
                .and_then(|k| str_in(values.as_ref(), k))
        }
        _ => None,
    }
}

/// Appends each bit of `bits` as a `bool`, 64 at a time (a bit at a time is ~15 instructions).
fn push_bits(bits: &arrow_buffer::BooleanBuffer, out: &mut Vec<bool>) {
    let chunks = bits.bit_chunks();
    let word = |w: u64, n: usize| (0..n).map(move |i| (w.wrapping_shr(i as u32) & 1) == 1);
    for w in chunks.iter() {
        out.extend(word(w, 64));
    }
    out.extend(word(chunks.remainder_bits(), chunks.remainder_len()));
}

/// A `decimal128`'s value: straight into a `Decimal` where mantissa and scale fit one (the
/// usual case), else as [`decimal_of`] reads it.
fn decimal128_of(m: i128, scale: i8) -> Result<Decimal> {
    match u32::try_from(scale) {
        Ok(s) if s <= 28 && m.unsigned_abs() < 1u128 << 96 => {
            Decimal::try_from_i128_with_scale(m, s)
                .or_else(|_| decimal_of(i256::from_i128(m), scale))
        }
        _ => decimal_of(i256::from_i128(m), scale),
    }
}

/// A float's shortest text that reads back as the same float (`50.0`, `199.99`).
fn float_text(v: f64) -> String {
    format!("{v:?}")
}

impl<'a> Column<'a> {
    /// A column made of `chunks`, called `name` in errors.
    pub fn new(name: &'a str, chunks: &'a [ArrayRef]) -> Column<'a> {
        Column { name, chunks }
    }

    fn unsupported(&self, ty: &DataType, as_what: &str) -> Error {
        Error::UnsupportedFormat(format!(
            "column {:?} of arrow type {ty} as {as_what}",
            self.name
        ))
    }

    /// The values as text: strings (`utf8`, `large_utf8`, `utf8_view`, dictionaries of them)
    /// as they are; integers, floats (shortest text), decimals and booleans as their text.
    pub fn text(&self) -> Result<Vec<Option<String>>> {
        let mut out = Vec::new();
        for chunk in self.chunks {
            self.text_of(chunk.as_ref(), &mut out)?;
        }
        Ok(out)
    }

    fn text_of(&self, array: &dyn Array, out: &mut Vec<Option<String>>) -> Result<()> {
        let owned = |s: Option<&str>| s.map(str::to_string);
        match array.data_type() {
            DataType::Utf8 => out.extend(array.as_string::<i32>().iter().map(owned)),
            DataType::LargeUtf8 => out.extend(array.as_string::<i64>().iter().map(owned)),
            DataType::Utf8View => out.extend(array.as_string_view().iter().map(owned)),
            DataType::Null => out.extend(std::iter::repeat_n(None, array.len())),
            DataType::Boolean => {
                out.extend(array.as_boolean().iter().map(|b| b.map(|b| b.to_string())))
            }
            DataType::Float32 => out.extend(
                array
                    .as_primitive::<Float32Type>()
                    .iter()
                    .map(|v| v.map(|v| float_text(f64::from(v)))),
            ),
            DataType::Float64 => out.extend(
                array
                    .as_primitive::<Float64Type>()
                    .iter()
                    .map(|v| v.map(float_text)),
            ),
            DataType::Decimal128(_, _) | DataType::Decimal256(_, _) => {
                let mut values = Vec::with_capacity(array.len());
                self.decimals_of(array, &mut values)?;
                out.extend(values.into_iter().map(|d| d.map(|d| d.to_string())));
            }
            DataType::Dictionary(_, _) => {
                let (values, positions) = self.dictionary(array)?;
                out.extend(
                    positions
                        .iter()
                        .map(|p| values.get(*p as usize).cloned().flatten()),
                );
            }
            ty => integers!(array, a => out.extend(a.iter().map(|v| v.map(|v| v.to_string()))),
                return Err(self.unsupported(ty, "text"))),
        }
        Ok(())
    }

    /// A dictionary array's values as text, and each row's position among them: a null key,
    /// or one past the values, is a null cell, the position after them (`values.len()`).
    /// Not arrow's `normalized_keys`: it panics on a dictionary without values (all null).
    fn dictionary(&self, array: &dyn Array) -> Result<(Vec<Option<String>>, Vec<u32>)> {
        let dictionary = array.as_any_dictionary();
        let mut values = Vec::with_capacity(dictionary.values().len());
        self.text_of(dictionary.values().as_ref(), &mut values)?;
        let keys = dictionary.keys();
        let positions: Option<Vec<u32>> = integers!(keys, k =>
            positions(k.values(), keys.logical_nulls().as_ref(), values.len()), None);
        match positions {
            Some(positions) => Ok((values, positions)),
            None => Err(self.unsupported(keys.data_type(), "dictionary keys")),
        }
    }

    /// Whether every chunk holds strings (`utf8`, `large_utf8`, `utf8_view`, or a dictionary of
    /// them), so that [`Column::str_at`] reads any row.
    pub(crate) fn holds_strings(&self) -> bool {
        fn strings(ty: &DataType) -> bool {
            match ty {
                DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => true,
                DataType::Dictionary(_, values) => strings(values),
                _ => false,
            }
        }
        self.chunks.iter().all(|c| strings(c.data_type()))
    }

    /// Row `row`'s text, borrowed from the column (`None`: a null cell, or a dictionary key
    /// that names no value, as [`Column::codes`] reads them), where the column
    /// [holds strings](Column::holds_strings); `None` for any other row or layout.
    pub(crate) fn str_at(&self, row: usize) -> Option<&'a str> {
        let mut row = row;
        for chunk in self.chunks {
            match row.checked_sub(chunk.len()) {
                Some(after) => row = after,
                None => return str_in(chunk.as_ref(), row),
            }
        }
        None
    }

    /// Each row's code, from `code`: called with each distinct value of a dictionary-encoded
    /// column once (only the values its rows use), with each cell of any other column
    /// (text, or the text of [`Column::text`]); a null cell is `None`. What a columnar
    /// reader needs to turn a text column into small integers without an owned string per
    /// row.
    ///
    /// ```
    /// use remitcost::arrow::{Builder, Columns, Values};
    /// let batch = Builder::default()
    ///     .col("firm", Values::Shared(vec![Some("B".into()), None, Some("B".into())]))
    ///     .build();
    /// let columns = Columns::new(&[batch]);
    /// let mut seen = Vec::new();
    /// let codes = columns.get(&["firm"])?.codes(|cell| {
    ///     seen.push(cell.map(str::to_string));
    ///     Ok(seen.len() as u32)
    /// })?;
    /// assert_eq!((codes, seen), (vec![1, 2, 1], vec![Some("B".to_string()), None]));
    /// # Ok::<(), remitcost::Error>(())
    /// ```
    pub fn codes(&self, mut code: impl FnMut(Option<&str>) -> Result<u32>) -> Result<Vec<u32>> {
        let mut out = Vec::with_capacity(self.chunks.iter().map(|c| c.len()).sum());
        for chunk in self.chunks {
            self.codes_of(chunk.as_ref(), &mut code, &mut out)?;
        }
        Ok(out)
    }

    // `integers!` expands one arm per key type: `as u64` is the identity in `u64`'s.
    #[allow(clippy::unnecessary_cast)]
    fn codes_of(
        &self,
        array: &dyn Array,
        code: &mut impl FnMut(Option<&str>) -> Result<u32>,
        out: &mut Vec<u32>,
    ) -> Result<()> {
        let mut cells = |cells: &mut dyn Iterator<Item = Option<&str>>| -> Result<()> {
            for cell in cells {
                out.push(code(cell)?);
            }
            Ok(())
        };
        match array.data_type() {
            DataType::Utf8 => cells(&mut array.as_string::<i32>().iter()),
            DataType::LargeUtf8 => cells(&mut array.as_string::<i64>().iter()),
            DataType::Utf8View => cells(&mut array.as_string_view().iter()),
            DataType::Dictionary(_, _) => {
                let dictionary = array.as_any_dictionary();
                let mut values = Vec::with_capacity(dictionary.values().len());
                self.text_of(dictionary.values().as_ref(), &mut values)?;
                // Each value some row uses is coded once, in the dictionary's order.
                let mut value = |p: usize| code(values.get(p).and_then(Option::as_deref));
                let keys = dictionary.keys();
                let nulls = keys.logical_nulls();
                let null = values.len();
                // A negative key, or one past the values, is at `null` (`as` keeps the bits:
                // a negative key reads as a position past any dictionary's).
                let last = u64::try_from(null).unwrap_or(u64::MAX);
                let done: Option<Result<()>> = integers!(keys, k => Some(coded_keys(
                    k.values().iter().map(|v| (*v as u64).min(last) as usize),
                    nulls.as_ref(), null, &mut value, out)), None);
                done.unwrap_or_else(|| Err(self.unsupported(keys.data_type(), "dictionary keys")))
            }
            _ => {
                let mut text = Vec::with_capacity(array.len());
                self.text_of(array, &mut text)?;
                cells(&mut text.iter().map(Option::as_deref))
            }
        }
    }

    /// The values as exact decimals: `decimal128` / `decimal256` at any scale, integers;
    /// text and floats (through their shortest text) parsed. Nulls, and text that is empty,
    /// RPW's `..` or `nan`, are `None`; other text that is not a number is
    /// [`Error::InvalidDecimal`].
    pub fn decimals(&self) -> Result<Vec<Option<Decimal>>> {
        let mut out = Vec::new();
        for chunk in self.chunks {
            self.decimals_of(chunk.as_ref(), &mut out)?;
        }
        Ok(out)
    }

    /// Calls `f` with each value as [`Column::decimals`] reads it, a `decimal128` value of at
    /// most `places` places as the integer `value × 10^places` (`Ok`) where that fits an
    /// `i64`: no `Decimal` made for the usual cell.
    pub(crate) fn each_scaled(
        &self,
        places: u32,
        mut f: impl FnMut(Option<std::result::Result<i64, Decimal>>) -> Result<()>,
    ) -> Result<()> {
        for chunk in self.chunks {
            let array = chunk.as_ref();
            let scaled = match array.data_type() {
                DataType::Decimal128(_, scale) => u32::try_from(*scale)
                    .ok()
                    .and_then(|s| places.checked_sub(s))
                    .and_then(|up| 10i64.checked_pow(up))
                    .map(|factor| (factor, *scale)),
                _ => None,
            };
            let Some((factor, scale)) = scaled else {
                let mut values = Vec::with_capacity(array.len());
                self.decimals_of(array, &mut values)?;
                values.into_iter().try_for_each(|d| f(d.map(Err)))?;
                continue;
            };
            let scaled = |m: i128| match i64::try_from(m).ok().and_then(|m| m.checked_mul(factor)) {
                Some(v) => Ok(Ok(v)),
                None => decimal128_of(m, scale).map(Err),
            };
            let decimals = array.as_primitive::<Decimal128Type>();
            if decimals.null_count() == 0 {
                // No validity to look up per value.
                for m in decimals.values() {
                    f(Some(scaled(*m)?))?;
                }
                continue;
            }
            for v in decimals.iter() {
                f(v.map(scaled).transpose()?)?;
            }
        }
        Ok(())
    }

    /// Every value scaled to `places` decimal places as an `i64`, where the column is
    /// `decimal128` without nulls at a scale of at most `places` and every value fits and
    /// `keep` accepts it; `None` otherwise (then [`Column::each_scaled`] reads it). One plain
    /// loop per chunk.
    pub(crate) fn all_scaled(&self, places: u32, keep: impl Fn(i64) -> bool) -> Option<Vec<i64>> {
        let mut out = Vec::with_capacity(self.chunks.iter().map(|c| c.len()).sum());
        for chunk in self.chunks {
            let DataType::Decimal128(_, scale) = chunk.data_type() else {
                return None;
            };
            let up = places.checked_sub(u32::try_from(*scale).ok()?)?;
            let factor = 10i64.checked_pow(up)?;
            let decimals = chunk.as_primitive::<Decimal128Type>();
            if decimals.null_count() > 0 {
                return None;
            }
            let scaled = |m: &i128| {
                let v = i64::try_from(*m).ok()?.checked_mul(factor)?;
                keep(v).then_some(v)
            };
            for m in decimals.values() {
                out.push(scaled(m)?);
            }
        }
        Some(out)
    }

    fn decimals_of(&self, array: &dyn Array, out: &mut Vec<Option<Decimal>>) -> Result<()> {
        match array.data_type() {
            DataType::Decimal128(_, scale) => {
                for v in array.as_primitive::<Decimal128Type>().iter() {
                    out.push(v.map(|m| decimal128_of(m, *scale)).transpose()?);
                }
            }
            DataType::Decimal256(_, scale) => {
                for v in array.as_primitive::<Decimal256Type>().iter() {
                    out.push(v.map(|m| decimal_of(m, *scale)).transpose()?);
                }
            }
            ty => {
                let integers: Option<Vec<Option<Decimal>>> = integers!(array, a =>
                    Some(a.iter().map(|v| v.map(Decimal::from)).collect()), None);
                if let Some(values) = integers {
                    out.extend(values);
                    return Ok(());
                }
                if matches!(
                    ty,
                    DataType::Struct(_) | DataType::List(_) | DataType::Binary
                ) {
                    return Err(self.unsupported(ty, "decimals"));
                }
                let mut text = Vec::with_capacity(array.len());
                self.text_of(array, &mut text)
                    .map_err(|_| self.unsupported(ty, "decimals"))?;
                for t in text {
                    let t = t
                        .as_deref()
                        .map(str::trim)
                        .filter(|t| !t.is_empty() && *t != ".." && !t.eq_ignore_ascii_case("nan"));
                    out.push(t.map(parse_decimal).transpose()?);
                }
            }
        }
        Ok(())
    }

    /// [`Column::booleans`] with `None` read as `false`: a `bool` column straight from its
    /// bits.
    pub(crate) fn flags(&self) -> Result<Vec<bool>> {
        let mut out = Vec::with_capacity(self.chunks.iter().map(|c| c.len()).sum());
        for chunk in self.chunks {
            match chunk.as_boolean_opt() {
                Some(b) if b.null_count() == 0 => push_bits(b.values(), &mut out),
                _ => {
                    return Ok(self
                        .booleans()?
                        .into_iter()
                        .map(|b| b == Some(true))
                        .collect())
                }
            }
        }
        Ok(out)
    }

    /// [`Column::integers`] as counts: null and negative values are 0; an `int64` column
    /// straight from its values.
    pub(crate) fn counts(&self) -> Result<Vec<usize>> {
        let count = |v: i64| usize::try_from(v).unwrap_or(0);
        let mut out = Vec::with_capacity(self.chunks.iter().map(|c| c.len()).sum());
        for chunk in self.chunks {
            match chunk.as_primitive_opt::<Int64Type>() {
                Some(a) if a.null_count() == 0 => out.extend(a.values().iter().map(|v| count(*v))),
                _ => {
                    let all = self.integers()?.into_iter();
                    return Ok(all.map(|v| v.map_or(0, count)).collect());
                }
            }
        }
        Ok(out)
    }

    /// The values as booleans: `bool`, or text `yes`/`no`, `y`/`n`, `true`/`false`, `1`/`0`
    /// (any case; empty text is `None`).
    pub fn booleans(&self) -> Result<Vec<Option<bool>>> {
        let mut out = Vec::new();
        for chunk in self.chunks {
            if chunk.data_type() == &DataType::Boolean {
                out.extend(chunk.as_boolean().iter());
                continue;
            }
            let mut text = Vec::with_capacity(chunk.len());
            self.text_of(chunk.as_ref(), &mut text)?;
            for t in text {
                out.push(match t.as_deref().map(|t| t.trim().to_lowercase()) {
                    None => None,
                    Some(t) if ["yes", "y", "true", "1"].contains(&t.as_str()) => Some(true),
                    Some(t) if ["no", "n", "false", "0"].contains(&t.as_str()) => Some(false),
                    Some(t) if t.is_empty() => None,
                    Some(t) => {
                        return Err(Error::UnsupportedFormat(format!(
                            "column {:?}: expected a boolean (yes/no, true/false), got {t:?}",
                            self.name
                        )))
                    }
                });
            }
        }
        Ok(out)
    }

    /// The values as whole numbers: integer types, or text of a whole number.
    pub fn integers(&self) -> Result<Vec<Option<i64>>> {
        let mut out = Vec::new();
        for chunk in self.chunks {
            let array = chunk.as_ref();
            let ty = array.data_type();
            let overflow = || Error::Overflow("int64 column");
            let done: Option<Result<()>> = integers!(array, a => Some(a.iter().try_for_each(|v| {
                out.push(v.map(|v| i64::try_from(i128::from(v)).map_err(|_| overflow())).transpose()?);
                Ok(())
            })), None);
            if let Some(done) = done {
                done?;
                continue;
            }
            let mut text = Vec::with_capacity(array.len());
            self.text_of(array, &mut text)?;
            for t in text {
                let t = t.as_deref().map(str::trim).filter(|t| !t.is_empty());
                out.push(
                    t.map(|t| {
                        t.parse::<i64>()
                            .map_err(|_| self.unsupported(ty, "integers"))
                    })
                    .transpose()?,
                );
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{
        BooleanArray, Decimal128Array, DictionaryArray, Float64Array, Int32Array, Int64Array,
        Int8Array, LargeStringArray, StringArray, StringViewArray, UInt8Array,
    };
    use std::sync::Arc;

    fn col(arrays: Vec<ArrayRef>) -> Vec<ArrayRef> {
        arrays
    }

    #[test]
    fn text_of_every_string_layout_and_of_numbers() {
        let keys = Int32Array::from(vec![Some(1), None, Some(0)]);
        let values = Arc::new(StringArray::from(vec!["FRA", "SEN"]));
        let chunks = col(vec![
            Arc::new(StringViewArray::from(vec![Some("a"), None])),
            Arc::new(DictionaryArray::<Int32Type>::try_new(keys, values).unwrap()),
            Arc::new(UInt8Array::from(vec![7])),
            Arc::new(Float64Array::from(vec![50.0, 199.99])),
        ]);
        let text = Column::new("x", &chunks).text().unwrap();
        let want = [
            Some("a"),
            None,
            Some("SEN"),
            None,
            Some("FRA"),
            Some("7"),
            Some("50.0"),
            Some("199.99"),
        ];
        assert_eq!(text, want.map(|s| s.map(String::from)).to_vec());
    }

    #[test]
    fn a_cell_is_borrowed_from_any_string_layout_across_chunks() {
        let keys = Int8Array::from(vec![Some(1), None, Some(0)]);
        let values = Arc::new(LargeStringArray::from(vec![Some("FRA"), None]));
        let chunks = col(vec![
            Arc::new(StringViewArray::from(vec![Some("a"), None])),
            Arc::new(DictionaryArray::<Int8Type>::try_new(keys, values).unwrap()),
            Arc::new(StringArray::from(vec!["z"])),
        ]);
        let column = Column::new("x", &chunks);
        assert!(column.holds_strings());
        let cells: Vec<_> = (0..7).map(|row| column.str_at(row)).collect();
        // The dictionary's null value and its null key read as null, as `codes` reads them; a
        // row past the end is `None` too.
        let want = [Some("a"), None, None, None, Some("FRA"), Some("z"), None];
        assert_eq!(cells, want);
        let numbers = col(vec![Arc::new(UInt8Array::from(vec![7]))]);
        assert!(!Column::new("n", &numbers).holds_strings());
        assert_eq!(Column::new("n", &numbers).str_at(0), None);
    }

    #[test]
    fn a_dictionary_codes_each_used_value_once_and_may_have_no_values() {
        let keys = Int32Array::from(vec![Some(1), None, Some(1)]);
        let values = Arc::new(StringArray::from(vec!["unused", "SEN"]));
        let empty = Int32Array::from(vec![None, None]);
        let chunks = col(vec![
            Arc::new(DictionaryArray::<Int32Type>::try_new(keys, values).unwrap()),
            // All null: no values at all (arrow's `normalized_keys` would panic on it).
            Arc::new(
                DictionaryArray::<Int32Type>::try_new(
                    empty,
                    Arc::new(StringArray::from(Vec::<&str>::new())),
                )
                .unwrap(),
            ),
        ]);
        let column = Column::new("x", &chunks);
        let mut seen = Vec::new();
        let codes = column
            .codes(|cell| {
                seen.push(cell.map(str::to_string));
                Ok(u32::try_from(seen.len()).unwrap())
            })
            .unwrap();
        assert_eq!(codes, vec![1, 2, 1, 3, 3]);
        assert_eq!(seen, vec![Some("SEN".to_string()), None, None]);
        let text = column.text().unwrap();
        assert_eq!(
            text,
            vec![Some("SEN".into()), None, Some("SEN".into()), None, None]
        );
    }

    #[test]
    fn decimals_from_decimal_integer_float_and_text_columns() {
        let d = |s: &str| Some(s.parse::<Decimal>().unwrap());
        let chunks = col(vec![
            Arc::new(
                Decimal128Array::from(vec![Some(10010), None])
                    .with_precision_and_scale(12, 2)
                    .unwrap(),
            ),
            Arc::new(
                Decimal128Array::from(vec![Some(12)])
                    .with_precision_and_scale(12, -3)
                    .unwrap(),
            ),
            Arc::new(Int32Array::from(vec![-4])),
            Arc::new(Float64Array::from(vec![50.0])),
            Arc::new(StringArray::from(vec![
                Some(" 4.5 "),
                Some(".."),
                Some(""),
                None,
            ])),
        ]);
        let got = Column::new("x", &chunks).decimals().unwrap();
        assert_eq!(
            got,
            vec![
                d("100.10"),
                None,
                d("12000"),
                d("-4"),
                d("50.0"),
                d("4.5"),
                None,
                None,
                None
            ]
        );
        let bad = col(vec![Arc::new(StringArray::from(vec!["4,5"]))]);
        assert_eq!(
            Column::new("x", &bad).decimals().unwrap_err().code(),
            "invalid_decimal"
        );
    }

    #[test]
    fn flags_are_read_64_at_a_time_from_any_offset() {
        let bits: Vec<bool> = (0..200).map(|i| i % 3 == 0 || i % 7 == 0).collect();
        let whole = BooleanArray::from(bits.clone());
        // A slice starting mid-byte, and one shorter than a word.
        let chunks = col(vec![
            Arc::new(whole.slice(5, 150)),
            Arc::new(whole.slice(3, 10)),
        ]);
        let want: Vec<bool> = bits[5..155].iter().chain(&bits[3..13]).copied().collect();
        assert_eq!(Column::new("t", &chunks).flags().unwrap(), want);
    }

    #[test]
    fn costs_scale_in_one_loop_only_when_every_value_fits() {
        let decimals = |values: Vec<Option<i128>>, scale: i8| -> ArrayRef {
            Arc::new(
                Decimal128Array::from(values)
                    .with_precision_and_scale(38, scale)
                    .unwrap(),
            )
        };
        let ok = col(vec![
            decimals(vec![Some(15), Some(-2)], 1),
            decimals(vec![Some(7)], 4),
        ]);
        let scaled = Column::new("c", &ok).all_scaled(4, |_| true);
        assert_eq!(scaled, Some(vec![15_000, -2_000, 7]));
        // Refused by `keep`, too fine a scale, a null, a value too large for `i64` scaled.
        assert_eq!(Column::new("c", &ok).all_scaled(4, |v| v != 7), None);
        assert_eq!(Column::new("c", &ok).all_scaled(3, |_| true), None);
        let null = col(vec![decimals(vec![Some(1), None], 2)]);
        assert_eq!(Column::new("c", &null).all_scaled(4, |_| true), None);
        let large = col(vec![decimals(vec![Some(i128::from(i64::MAX))], 0)]);
        assert_eq!(Column::new("c", &large).all_scaled(1, |_| true), None);
    }

    #[test]
    fn flags_and_counts_read_nulls_and_negatives_as_false_and_zero() {
        let plain = col(vec![
            Arc::new(BooleanArray::from(vec![true, false])),
            Arc::new(BooleanArray::from(vec![true])),
        ]);
        let mixed = col(vec![
            Arc::new(BooleanArray::from(vec![true, false])),
            Arc::new(BooleanArray::from(vec![Some(true), None])),
            Arc::new(StringArray::from(vec!["no", "Yes"])),
        ]);
        assert_eq!(
            Column::new("t", &plain).flags().unwrap(),
            [true, false, true]
        );
        assert_eq!(
            Column::new("t", &mixed).flags().unwrap(),
            [true, false, true, false, false, true]
        );
        let rows = col(vec![
            Arc::new(Int64Array::from(vec![3, -1])),
            Arc::new(Int64Array::from(vec![Some(7), None])),
            Arc::new(UInt8Array::from(vec![2])),
        ]);
        assert_eq!(Column::new("r", &rows).counts().unwrap(), [3, 0, 7, 0, 2]);
        let all_int64 = col(vec![Arc::new(Int64Array::from(vec![5, -2]))]);
        assert_eq!(Column::new("r", &all_int64).counts().unwrap(), [5, 0]);
    }

    #[test]
    fn booleans_integers_and_what_cannot_be_read() {
        let chunks = col(vec![
            Arc::new(BooleanArray::from(vec![Some(true), None])),
            Arc::new(StringArray::from(vec!["Yes", "n", ""])),
        ]);
        assert_eq!(
            Column::new("t", &chunks).booleans().unwrap(),
            vec![Some(true), None, Some(true), Some(false), None]
        );
        let bad = col(vec![Arc::new(StringArray::from(vec!["maybe"]))]);
        assert_eq!(
            Column::new("t", &bad).booleans().unwrap_err().code(),
            "unsupported_format"
        );
        let ints = col(vec![
            Arc::new(StringArray::from(vec!["12", ""])),
            Arc::new(UInt8Array::from(vec![3])),
        ]);
        assert_eq!(
            Column::new("r", &ints).integers().unwrap(),
            vec![Some(12), None, Some(3)]
        );
        let list = col(vec![Arc::new(BooleanArray::from(vec![true]))]);
        assert!(Column::new("r", &list).integers().is_err());
    }

    #[test]
    fn columns_are_found_by_any_name_in_any_case() {
        let batch = RecordBatch::try_from_iter([(
            "Payment Instrument",
            Arc::new(StringArray::from(vec!["cash"])) as ArrayRef,
        )])
        .unwrap();
        let c = Columns::new(&[batch.clone(), batch]);
        assert_eq!(c.rows(), 2);
        let found = c.get(&["instrument", " payment instrument "]).unwrap();
        assert_eq!(found.text().unwrap().len(), 2);
        assert_eq!(c.get(&["firm"]).unwrap_err().code(), "missing_column");
    }
}
