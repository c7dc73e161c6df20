//! Arrow columns (the `arrow` feature): the layouts of remitcost's tables as `arrow-array`
//! arrays, so that every binding hands over the same schema and `cargo test` checks it.
//!
//! - [`Values`] and [`Builder`] make a result table ([`RecordBatch`]): exact decimals as
//!   `decimal128(38, s)` at the column's largest scale (`decimal256(76, s)` when a value needs
//!   more than 38 digits at that scale), figures already held as integers at one scale
//!   ([`Values::Scaled`]) as `decimal128` over those very integers (no per-value conversion),
//!   text as `large_string`, text repeated row after row ([`Values::Shared`]) dictionary-encoded,
//!   whole numbers as `int64`, booleans as `bool`.
//! - [`Columns`] reads the columns of Arrow batches from any producer, by name, as text,
//!   decimals, booleans or whole numbers, whatever their Arrow type among those a data frame
//!   library writes (strings of any offset width or views, dictionaries, integers, floats,
//!   decimals).
//! - [`cost_table`]: every offer priced at every amount, written straight into the columns
//!   (the bindings' batch pricing).
//! - [`observation_table`] and [`observations`]: a dataset's rows as Arrow and back (the
//!   columns of the observation table, or RPW's published headers); [`frame`] and [`add`]:
//!   Arrow batches of RPW rows as a [`Frame`](crate::Frame) and into a
//!   [`Partial`](crate::Partial), without an observation per row; [`group_table`],
//!   [`corridors_table`], [`periods_table`], [`issues_table`] and the published data's
//!   tables: the result tables.
//!
//! ```
//! use remitcost::{arrow::{Builder, Columns, Values}, parse_decimal};
//! let batch = Builder::default()
//!     .col("amount", Values::Dec(vec![Some(parse_decimal("1.5")?), Some(parse_decimal("20")?), None]))
//!     .col("who", Values::Str(vec![Some("a".into()), None, Some("c".into())]))
//!     .build();
//! assert_eq!(batch.schema().field(0).data_type().to_string(), "Decimal128(38, 1)");
//! let columns = Columns::new(&[batch]);
//! let amounts = columns.get(&["AMOUNT"])?.decimals()?;
//! assert_eq!(amounts, vec![Some(parse_decimal("1.5")?), Some(parse_decimal("20.0")?), None]);
//! # Ok::<(), remitcost::Error>(())
//! ```

mod costs;
mod read;
mod rows;
mod tables;

pub use costs::cost_table;
pub use read::{Column, Columns};
pub use rows::{add, frame, observation_table, observations};
#[cfg(feature = "csv")]
pub use tables::{corridor_averages_table, flows_table, wdi_table};
pub use tables::{corridors_table, group_table, issues_table, periods_table};

/// The Arrow crates this module builds on, at the versions it uses.
pub use arrow_array;
pub use arrow_schema;

use crate::Decimal;
use arrow_array::types::Int32Type;
use arrow_array::{
    Array, ArrayRef, BooleanArray, Decimal128Array, Decimal256Array, DictionaryArray, Int32Array,
    Int64Array, LargeStringArray, RecordBatch, RecordBatchOptions,
};
use arrow_buffer::{i256, NullBuffer, ScalarBuffer};
use arrow_schema::{Field, Schema};
use std::collections::HashMap;
use std::sync::Arc;

/// The largest precision of `decimal128`, and of `decimal256`.
const PRECISION_128: u8 = 38;
const PRECISION_256: u8 = 76;

/// The values of one column, before they become an Arrow array.
#[derive(Debug, Clone)]
pub enum Values {
    /// Exact decimals: `decimal128(38, s)` at the column's largest scale `s`.
    Dec(Vec<Option<Decimal>>),
    /// Text: `large_string`.
    Str(Vec<Option<String>>),
    /// Text shared between rows (an offer's provider and currencies, the same for all its
    /// rows): dictionary-encoded (`dictionary<int32, large_string>`), each text stored once.
    Shared(Vec<Option<Arc<str>>>),
    /// Whole numbers: `int64`.
    Int(Vec<Option<i64>>),
    /// Booleans: `bool`.
    Bool(Vec<Option<bool>>),
    /// Exact decimals held as integers at one scale (core's pricing figures):
    /// `decimal128(38, scale)` whose buffer is `values` itself; `valid[i]` false is a null.
    Scaled {
        /// The decimal places of every value.
        scale: u32,
        /// The values times `10^scale`.
        values: Vec<i128>,
        /// Which rows hold a value.
        valid: Vec<bool>,
    },
}

impl Values {
    /// The number of rows.
    pub fn len(&self) -> usize {
        match self {
            Values::Dec(v) => v.len(),
            Values::Str(v) => v.len(),
            Values::Shared(v) => v.len(),
            Values::Int(v) => v.len(),
            Values::Bool(v) => v.len(),
            Values::Scaled { values, .. } => values.len(),
        }
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The Arrow array.
    pub fn into_array(self) -> ArrayRef {
        match self {
            Values::Dec(v) => decimal_array(&v),
            Values::Str(v) => Arc::new(LargeStringArray::from(v)),
            Values::Shared(v) => dictionary(&v),
            Values::Int(v) => Arc::new(Int64Array::from(v)),
            Values::Bool(v) => Arc::new(BooleanArray::from(v)),
            Values::Scaled {
                scale,
                values,
                valid,
            } => {
                let nulls = valid.iter().any(|ok| !ok).then(|| NullBuffer::from(valid));
                // The integers become the array's buffer as they are (no copy).
                let array = Decimal128Array::new(ScalarBuffer::from(values), nulls);
                Arc::new(with_scale128(array, scale))
            }
        }
    }
}

/// `array` at precision 38 and `scale` (a scale above 38 cannot happen for remitcost's
/// figures, which have at most 28 places; it would leave the default type).
fn with_scale128(array: Decimal128Array, scale: u32) -> Decimal128Array {
    match i8::try_from(scale) {
        Ok(s) => array
            .clone()
            .with_precision_and_scale(PRECISION_128, s)
            .unwrap_or(array),
        Err(_) => array,
    }
}

/// Exact decimals at the column's largest scale: `decimal128`, or `decimal256` when a value
/// needs more than 38 digits at that scale (a 29-digit value beside a 28-place one).
fn decimal_array(values: &[Option<Decimal>]) -> ArrayRef {
    let scale = values
        .iter()
        .flatten()
        .map(|d| d.scale())
        .max()
        .unwrap_or(0);
    let at_scale = |d: &Decimal| -> Option<i128> {
        10i128
            .checked_pow(scale.saturating_sub(d.scale()))
            .and_then(|p| d.mantissa().checked_mul(p))
            .filter(|m| m.unsigned_abs() < 10u128.pow(u32::from(PRECISION_128)))
    };
    let narrow: Option<Vec<Option<i128>>> = values
        .iter()
        .map(|v| match v {
            Some(d) => at_scale(d).map(Some),
            None => Some(None),
        })
        .collect();
    match narrow {
        Some(v) => Arc::new(with_scale128(Decimal128Array::from(v), scale)),
        None => {
            let wide = values.iter().map(|v| {
                v.map(|d| {
                    let factor = i256::from_i128(10).wrapping_pow(scale.saturating_sub(d.scale()));
                    i256::from_i128(d.mantissa()).wrapping_mul(factor)
                })
            });
            let array = Decimal256Array::from_iter(wide);
            let scale = i8::try_from(scale).unwrap_or(0);
            Arc::new(
                array
                    .clone()
                    .with_precision_and_scale(PRECISION_256, scale)
                    .unwrap_or(array),
            )
        }
    }
}

/// Shared text, dictionary-encoded (each distinct text once; rows hold `int32` keys).
fn dictionary(values: &[Option<Arc<str>>]) -> ArrayRef {
    dictionary_of(values.iter().map(Option::as_deref))
}

/// Text, dictionary-encoded from borrowed cells (each distinct text copied once, the values
/// sorted, so that they read as ordered categories and a reader coding them in order needs no
/// renumbering; rows hold `int32` keys); plain `large_string` past `int32`'s keys.
pub(crate) fn dictionary_of<'a>(cells: impl Iterator<Item = Option<&'a str>> + Clone) -> ArrayRef {
    let mut slots: HashMap<&str, i32> = HashMap::new();
    let mut distinct: Vec<&str> = Vec::new();
    let mut keys: Vec<Option<i32>> = Vec::with_capacity(cells.size_hint().0);
    let mut last: Option<(&str, i32)> = None;
    for cell in cells.clone() {
        let key = match cell {
            None => None,
            // Rows often repeat the text above them: no lookup then.
            Some(text) if last.is_some_and(|(t, _)| t == text) => last.map(|(_, k)| k),
            Some(text) => {
                let k = match slots.get(text) {
                    Some(k) => *k,
                    None => {
                        let Ok(k) = i32::try_from(distinct.len()) else {
                            // More distinct texts than int32 keys: plain text instead.
                            return Arc::new(LargeStringArray::from_iter(cells));
                        };
                        slots.insert(text, k);
                        distinct.push(text);
                        k
                    }
                };
                last = Some((text, k));
                Some(k)
            }
        };
        keys.push(key);
    }
    // Keys in order of first sight, renumbered to the sorted values' positions.
    let mut order: Vec<usize> = (0..distinct.len()).collect();
    crate::sort::sort_by(&mut order, |a, b| distinct.get(*a).cmp(&distinct.get(*b)));
    let mut rank = vec![0i32; order.len()];
    for (r, k) in order.iter().enumerate() {
        if let (Some(slot), Ok(r)) = (rank.get_mut(*k), i32::try_from(r)) {
            *slot = r;
        }
    }
    let keys = keys
        .into_iter()
        .map(|k| k.and_then(|k| rank.get(usize::try_from(k).ok()?).copied()));
    let sorted = order.iter().filter_map(|k| distinct.get(*k).copied());
    let dictionary = DictionaryArray::<Int32Type>::try_new(
        keys.collect::<Int32Array>(),
        Arc::new(sorted.map(Some).collect::<LargeStringArray>()),
    );
    match dictionary {
        Ok(d) => Arc::new(d),
        // Cannot happen (every key indexes `distinct`); plain text all the same.
        Err(_) => Arc::new(LargeStringArray::from_iter(cells)),
    }
}

/// Builds a table column by column.
#[derive(Debug, Default)]
pub struct Builder {
    fields: Vec<Field>,
    columns: Vec<ArrayRef>,
}

impl Builder {
    /// Adds a column (every column must have the same number of rows; all nullable).
    pub fn col(self, name: &str, values: Values) -> Self {
        self.array(name, values.into_array())
    }

    /// Adds a column already made an Arrow array (same rules as [`Builder::col`]).
    pub fn array(mut self, name: &str, array: ArrayRef) -> Self {
        self.fields
            .push(Field::new(name, array.data_type().clone(), true));
        self.columns.push(array);
        self
    }

    /// The table.
    pub fn build(self) -> RecordBatch {
        let rows = self.columns.first().map_or(0, |c| c.len());
        debug_assert!(self.columns.iter().all(|c| c.len() == rows));
        let schema = Arc::new(Schema::new(self.fields));
        let options = RecordBatchOptions::new().with_row_count(Some(rows));
        RecordBatch::try_new_with_options(schema.clone(), self.columns, &options)
            // Only columns of different lengths fail, which no caller builds.
            .unwrap_or_else(|_| RecordBatch::new_empty(schema))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::cast::AsArray;
    use arrow_schema::DataType;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn decimals_take_the_largest_scale_and_widen_only_when_needed() {
        let a = Values::Dec(vec![Some(d("1.5")), Some(d("-20")), None]).into_array();
        assert_eq!(a.data_type(), &DataType::Decimal128(38, 1));
        let a = a.as_primitive::<arrow_array::types::Decimal128Type>();
        assert_eq!(a.values().to_vec(), vec![15, -200, 0]);
        assert!(a.is_null(2));
        // 29 digits beside 28 places: 57 digits at scale 28, only decimal256 holds it.
        let big = Decimal::MAX;
        let small = d("0.0000000000000000000000000001");
        let a = Values::Dec(vec![Some(big), Some(small)]).into_array();
        assert_eq!(a.data_type(), &DataType::Decimal256(76, 28));
        let back = Column::new("x", &[a]).decimals().unwrap();
        assert_eq!(back, vec![Some(big), Some(small)]);
    }

    #[test]
    fn scaled_figures_are_the_buffer_and_shared_text_is_a_dictionary() {
        let a = Values::Scaled {
            scale: 4,
            values: vec![41204, 0],
            valid: vec![true, false],
        }
        .into_array();
        assert_eq!(a.data_type(), &DataType::Decimal128(38, 4));
        assert_eq!(
            Column::new("x", &[a]).decimals().unwrap(),
            vec![Some(d("4.1204")), None]
        );
        let eur: Arc<str> = Arc::from("EUR");
        let s = Values::Shared(vec![Some(eur.clone()), None, Some(eur), Some("XOF".into())])
            .into_array();
        assert!(matches!(s.data_type(), DataType::Dictionary(_, _)));
        assert_eq!(s.as_any_dictionary().values().len(), 2);
        assert_eq!(
            Column::new("x", &[s]).text().unwrap(),
            vec![
                Some("EUR".into()),
                None,
                Some("EUR".into()),
                Some("XOF".into())
            ]
        );
    }

    #[test]
    fn an_empty_table_keeps_its_schema() {
        let b = Builder::default()
            .col("a", Values::Int(vec![]))
            .col("b", Values::Bool(vec![]))
            .build();
        assert_eq!(b.num_rows(), 0);
        assert_eq!(b.schema().fields().len(), 2);
    }
}
