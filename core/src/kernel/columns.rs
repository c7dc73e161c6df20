//! Costs of many amounts as columns: one vector of integers per figure (struct of arrays), each
//! at a known scale, and one error slot per row.

use super::Figures;
use crate::error::{Error, Result};
use rust_decimal::Decimal;

/// The costs of a column of amounts, one column per figure of [`Cost::FIGURES`](crate::Cost::FIGURES)
/// (in that order), each an integer mantissa at the column's scale: `figures[4][row]` at
/// `scales[4]` is the fee of that row. A row that could not be priced has zeros in every
/// figure and its error in `errors`.
///
/// ```
/// use remitcost::{CostOptions, Decimal, Offer, Pricer};
/// let offer: Offer = serde_json::from_str(r#"{"send_currency": "EUR", "receive_currency": "XOF",
///   "schedule": {"parts": [{"fixed": "4.90"}]},
///   "offered_rate": {"base": "EUR", "quote": "XOF", "value": "645"},
///   "mid_rate": {"base": "EUR", "quote": "XOF", "value": "655.957"}}"#).unwrap();
/// let columns = Pricer::new(&offer, &CostOptions::default()).cost_columns(&[Decimal::from(200)]);
/// assert_eq!((columns.figures[11][0], columns.scales[11]), (129000, 0)); // recipient gets
/// assert_eq!(columns.decimal(10, 0).unwrap().to_string(), "4.1204");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CostColumns {
    /// The scale (decimal places) of each figure's column.
    pub scales: [u32; 13],
    /// One column per figure.
    pub figures: [Vec<i128>; 13],
    /// Why a row could not be priced, or `None`.
    pub errors: Vec<Option<Error>>,
}

impl CostColumns {
    /// `rows` rows of zeros, no errors.
    pub(crate) fn new(scales: [u32; 13], rows: usize) -> CostColumns {
        CostColumns {
            scales,
            figures: std::array::from_fn(|_| vec![0; rows]),
            errors: vec![None; rows],
        }
    }

    /// Makes this `rows` rows at `scales` with no errors and empty figure columns, each with
    /// room for `rows` (reusing the vectors' memory): the caller appends every row's figures
    /// (zeros for a row in error) with [`CostColumns::extend`], so no column is zeroed first.
    pub(crate) fn reset(&mut self, scales: [u32; 13], rows: usize) {
        self.scales = scales;
        for column in &mut self.figures {
            column.clear();
            column.reserve(rows);
        }
        self.errors.clear();
        self.errors.resize_with(rows, || None);
    }

    /// Appends the first `rows` rows of `block` to the columns (see [`CostColumns::reset`]).
    #[inline]
    pub(crate) fn extend(&mut self, block: &Block, rows: usize) {
        for (column, figures) in self.figures.iter_mut().zip(&block.figures) {
            column.extend_from_slice(figures.get(..rows).unwrap_or(figures));
        }
    }

    /// Writes one row's figures, or its error.
    pub(crate) fn set(&mut self, row: usize, figures: Result<Figures>) {
        match figures {
            Ok(figures) => {
                for (column, value) in self.figures.iter_mut().zip(figures) {
                    if let Some(cell) = column.get_mut(row) {
                        *cell = value;
                    }
                }
            }
            Err(e) => {
                if let Some(cell) = self.errors.get_mut(row) {
                    *cell = Some(e);
                }
            }
        }
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// Figure `figure` (an index into [`Cost::FIGURES`](crate::Cost::FIGURES)) of row `row`
    /// as a decimal, if the row was priced.
    pub fn decimal(&self, figure: usize, row: usize) -> Option<Decimal> {
        if self.errors.get(row)?.is_some() {
            return None;
        }
        let mantissa = *self.figures.get(figure)?.get(row)?;
        Decimal::try_from_i128_with_scale(mantissa, *self.scales.get(figure)?).ok()
    }
}

/// A few rows of figures held column by column on their way into a [`CostColumns`]: a row's
/// figures are stored one by one (no copy of the whole row), and each column is then appended
/// in one copy.
pub(crate) struct Block {
    figures: [[i128; Block::ROWS]; 13],
}

impl Block {
    /// The rows a block holds (13 KB of figures, within a first-level cache).
    pub(crate) const ROWS: usize = 64;

    /// Writes row `i`'s figures (`i` below [`Block::ROWS`]).
    #[inline(always)]
    pub(crate) fn set(&mut self, i: usize, figures: &Figures) {
        for (column, value) in self.figures.iter_mut().zip(figures) {
            if let Some(cell) = column.get_mut(i) {
                *cell = *value;
            }
        }
    }
}

impl Default for Block {
    fn default() -> Block {
        Block {
            figures: [[0; Block::ROWS]; 13],
        }
    }
}
