//! The cost table's figures: every offer priced at every amount, into one column of integers
//! per figure at a scale common to all the offers, on the machine's cores. What every binding's
//! batch pricing shares: Arrow (`arrow::cost_table`) and WebAssembly (`costTable`) only hand
//! these columns over in their own types.

use crate::kernel::{scaled, Figures};
use crate::{CostOptions, Decimal, Offer, Pricer};

/// Below this many quotes the table is priced on the calling thread: a spawn costs more than
/// its rows.
const ONE_THREAD: usize = 20_000;

/// Every amount of a list under every offer of a list, as columns: row `i * amounts + j` is
/// offer `i` at amount `j` (offer-major). Each figure of [`Cost::FIGURES`](crate::Cost::FIGURES)
/// is a column of integer mantissas at the largest of the offers' scales for it (2 for EUR
/// beside 0 for XOF: 6546 XOF is `654600` there); a quote that cannot be priced (outside the
/// schedule's limits, a bad rate, …) has its error code in [`CostGrid::errors`] and zeros in
/// the figures. Row by row the figures are [`Pricer::figures`]'s; each amount is brought to
/// each send currency's minor units once for all the offers, and a large table is priced on
/// all the machine's cores (one thread where there are none, as in WebAssembly).
///
/// ```
/// use remitcost::{CostGrid, CostOptions, Decimal, Offer};
/// let offer = |json: &str| -> Offer { serde_json::from_str(json).unwrap() };
/// let eur_xof = offer(r#"{"send_currency": "EUR", "receive_currency": "XOF",
///   "schedule": {"parts": [{"fixed": "4.90"}], "max_amount": "1000"},
///   "offered_rate": {"base": "EUR", "quote": "XOF", "value": "645"},
///   "mid_rate": {"base": "EUR", "quote": "XOF", "value": "655.957"}}"#);
/// let eur_eur = offer(r#"{"send_currency": "EUR", "receive_currency": "EUR",
///   "schedule": {"parts": [{"fixed": "1"}]}}"#);
/// let amounts = [Decimal::from(200), Decimal::from(5000)];
/// let grid = CostGrid::new(&[eur_xof, eur_eur], &amounts, &CostOptions::default());
/// assert_eq!((grid.rows(), grid.offers(), grid.amounts()), (4, 2, 2));
/// // Recipient gets (figure 11): XOF (0 places) beside EUR (2 places), in one column at 2.
/// assert_eq!(grid.scales()[11], 2);
/// assert_eq!(grid.figures(11), [12_900_000, 0, 20_000, 500_000]);
/// // At the offer's own scale, as `Pricer::cost` writes it.
/// assert_eq!(grid.decimal(11, 0), Some(Decimal::from(129_000)));
/// assert_eq!(grid.decimal(11, 2).unwrap().to_string(), "200.00");
/// assert_eq!(grid.errors(), [(1, "amount_out_of_range")]);
/// assert_eq!((grid.error(1), grid.decimal(11, 1)), (Some("amount_out_of_range"), None));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CostGrid {
    amounts: usize,
    scales: [u32; 13],
    /// Each offer's own scales ([`Pricer::scales`]).
    own: Vec<[u32; 13]>,
    figures: [Vec<i128>; 13],
    /// The rows that could not be priced, in row order, with their error codes.
    errors: Vec<(usize, &'static str)>,
}

impl CostGrid {
    /// Prices every one of `offers` at every one of `amounts` under `options` (see
    /// [`CostGrid`]).
    pub fn new(offers: &[Offer], amounts: &[Decimal], options: &CostOptions) -> CostGrid {
        let m = amounts.len();
        let rows = offers.len().saturating_mul(m);
        let pricers: Vec<Pricer> = offers.iter().map(|o| Pricer::new(o, options)).collect();
        let own: Vec<[u32; 13]> = pricers.iter().map(Pricer::scales).collect();
        // Each figure's column at the largest of the offers' scales for it.
        let mut scales = [0u32; 13];
        for o in &own {
            for (s, o) in scales.iter_mut().zip(o) {
                *s = (*s).max(*o);
            }
        }
        // The amounts in each send currency's minor units (`None`: finer digits), once per
        // scale (a few: a list, not a hash map, which WebAssembly would pay for in bytes).
        let mut minors: Vec<(u32, Vec<Option<i128>>)> = Vec::new();
        for p in &pricers {
            let units = p.minor_units();
            if !minors.iter().any(|(u, _)| *u == units) {
                minors.push((units, amounts.iter().map(|a| scaled(*a, units)).collect()));
            }
        }
        let jobs: Vec<Job> = pricers
            .iter()
            .zip(&own)
            .map(|(p, own)| {
                let minor = minors
                    .iter()
                    .find(|(u, _)| *u == p.minor_units())
                    .map_or(&[][..], |(_, v)| v.as_slice());
                Job::new(p, minor, own, &scales)
            })
            .collect();

        let mut figures: [Vec<i128>; 13] = std::array::from_fn(|_| vec![0; rows]);
        let all = Rows {
            first_row: 0,
            figures: figures.each_mut().map(Vec::as_mut_slice),
        };
        let errors = all.price_on_cores(&jobs, amounts, crate::threads::for_work(rows, ONE_THREAD));
        CostGrid {
            amounts: m,
            scales,
            own,
            figures,
            errors,
        }
    }

    /// The number of rows: offers times amounts.
    pub fn rows(&self) -> usize {
        self.own.len().saturating_mul(self.amounts)
    }

    /// The number of offers.
    pub fn offers(&self) -> usize {
        self.own.len()
    }

    /// The number of amounts (rows per offer).
    pub fn amounts(&self) -> usize {
        self.amounts
    }

    /// The scale (decimal places) of each figure's column: the largest of the offers'.
    pub fn scales(&self) -> [u32; 13] {
        self.scales
    }

    /// Figure `figure`'s column (an index into [`Cost::FIGURES`](crate::Cost::FIGURES); empty
    /// beyond them): one integer per row at `scales()[figure]` places, 0 in a row in error.
    pub fn figures(&self, figure: usize) -> &[i128] {
        self.figures.get(figure).map_or(&[], Vec::as_slice)
    }

    /// The rows that could not be priced, in row order, with their error codes
    /// ([`Error::code`](crate::Error::code)).
    pub fn errors(&self) -> &[(usize, &'static str)] {
        &self.errors
    }

    /// The error code of row `row`, if it could not be priced.
    pub fn error(&self, row: usize) -> Option<&'static str> {
        let at = self.errors.binary_search_by_key(&row, |(r, _)| *r).ok()?;
        self.errors.get(at).map(|(_, code)| *code)
    }

    /// Figure `figure` of row `row` at its offer's own scale (`6546` XOF in a column that
    /// also holds euros), as [`Pricer::cost`] gives it; `None` for a row in error.
    pub fn decimal(&self, figure: usize, row: usize) -> Option<Decimal> {
        if self.error(row).is_some() {
            return None;
        }
        let m = *self.figures.get(figure)?.get(row)?;
        let own = *self.own.get(row.checked_div(self.amounts)?)?.get(figure)?;
        let drop = 10i128.checked_pow(self.scales.get(figure)?.checked_sub(own)?)?;
        Decimal::try_from_i128_with_scale(m.checked_div(drop)?, own).ok()
    }

    /// The figure columns, taken (each `rows()` long, in the order of
    /// [`Cost::FIGURES`](crate::Cost::FIGURES)), and the rows in error.
    pub fn into_parts(self) -> ([Vec<i128>; 13], Vec<(usize, &'static str)>) {
        (self.figures, self.errors)
    }
}

/// One offer's pricing: its pricer, the amounts in its minor units, the factors that bring
/// its figures to the columns' scales, and the largest magnitude of each figure that stays
/// within `i128` times its factor (0 for a factor beyond `i128`: only a zero fits).
struct Job<'a> {
    pricer: &'a Pricer<'a>,
    minor: &'a [Option<i128>],
    factors: [i128; 13],
    limits: [u128; 13],
    /// Whether a factor is not 1.
    scaled: bool,
}

impl<'a> Job<'a> {
    fn new(
        pricer: &'a Pricer<'a>,
        minor: &'a [Option<i128>],
        own: &[u32; 13],
        scales: &[u32; 13],
    ) -> Job<'a> {
        let factors: [Option<i128>; 13] =
            std::array::from_fn(|i| 10i128.checked_pow(scales[i].saturating_sub(own[i])));
        Job {
            pricer,
            minor,
            factors: factors.map(|f| f.unwrap_or(0)),
            scaled: factors.iter().any(|f| *f != Some(1)),
            limits: factors.map(|f| {
                f.and_then(|f| i128::MAX.checked_div(f))
                    .map_or(0, i128::unsigned_abs)
            }),
        }
    }
}

/// A run of whole offers' rows of the figure columns, written by one thread.
struct Rows<'a> {
    first_row: usize,
    figures: [&'a mut [i128]; 13],
}

impl<'a> Rows<'a> {
    /// The first `n` rows, and the rest.
    #[cfg(not(target_arch = "wasm32"))]
    fn split_at(self, n: usize) -> (Rows<'a>, Rows<'a>) {
        let mut heads = [const { None }; 13];
        let mut tails = [const { None }; 13];
        for ((column, head), tail) in self.figures.into_iter().zip(&mut heads).zip(&mut tails) {
            let (h, t) = column.split_at_mut(n.min(column.len()));
            (*head, *tail) = (Some(h), Some(t));
        }
        (
            Rows {
                first_row: self.first_row,
                figures: heads.map(Option::unwrap_or_default),
            },
            Rows {
                first_row: self.first_row.saturating_add(n),
                figures: tails.map(Option::unwrap_or_default),
            },
        )
    }

    /// [`Rows::price`] of `jobs`, shared out into `threads` runs of whole offers, each on a
    /// thread of its own when there are several.
    #[cfg(not(target_arch = "wasm32"))]
    fn price_on_cores(
        self,
        jobs: &[Job<'_>],
        amounts: &[Decimal],
        threads: usize,
    ) -> Vec<(usize, &'static str)> {
        if threads <= 1 {
            return self.price(jobs, amounts);
        }
        let per_thread = jobs.len().div_ceil(threads).max(1);
        let mut errors = Vec::new();
        std::thread::scope(|scope| {
            let mut rest = self;
            let mut handles = Vec::new();
            for chunk in jobs.chunks(per_thread) {
                let (mine, more) = rest.split_at(chunk.len().saturating_mul(amounts.len()));
                rest = more;
                handles.push(scope.spawn(move || mine.price(chunk, amounts)));
            }
            for handle in handles {
                // A pricing thread does not panic (core never does); if one did, its rows
                // stay zeros.
                errors.extend(handle.join().unwrap_or_default());
            }
        });
        errors
    }

    /// [`Rows::price`] of `jobs` on the calling thread: WebAssembly has no threads
    /// (`available_parallelism` fails there), and the module leaves out the code that
    /// spawns them (~7 KB gzipped).
    #[cfg(target_arch = "wasm32")]
    fn price_on_cores(
        self,
        jobs: &[Job<'_>],
        amounts: &[Decimal],
        _threads: usize,
    ) -> Vec<(usize, &'static str)> {
        self.price(jobs, amounts)
    }

    /// Prices `jobs` (this run's offers) at every one of `amounts`; the rows that could not
    /// be priced, with their error codes.
    fn price(mut self, jobs: &[Job<'_>], amounts: &[Decimal]) -> Vec<(usize, &'static str)> {
        let mut errors = Vec::new();
        let mut row = 0usize;
        for job in jobs {
            for (amount, minor) in amounts.iter().zip(job.minor) {
                let code = match minor.and_then(|a| job.pricer.fast_minor(a)) {
                    Some(figures) => self.set(row, &figures, job),
                    None => match job.pricer.figures(*amount) {
                        Ok(figures) => self.set(row, &figures, job),
                        Err(e) => Some(e.code()),
                    },
                };
                if let Some(code) = code {
                    errors.push((self.first_row.saturating_add(row), code));
                }
                row = row.saturating_add(1);
            }
        }
        errors
    }

    /// Writes row `row`'s figures at the columns' scales; `Some("overflow")` (and the row
    /// left zeros) where one does not fit `i128` at its column's scale.
    #[inline]
    fn set(&mut self, row: usize, figures: &Figures, job: &Job<'_>) -> Option<&'static str> {
        if !job.scaled {
            // The offer's scales are the columns': the figures as they are.
            for (column, v) in self.figures.iter_mut().zip(figures) {
                if let Some(cell) = column.get_mut(row) {
                    *cell = *v;
                }
            }
            return None;
        }
        let fits = figures
            .iter()
            .zip(&job.limits)
            .all(|(v, limit)| v.unsigned_abs() <= *limit);
        if !fits {
            return Some("overflow");
        }
        for ((column, v), f) in self.figures.iter_mut().zip(figures).zip(&job.factors) {
            if let Some(cell) = column.get_mut(row) {
                // Within `limit`: exact. A factor of 1 (most figures) needs no multiply,
                // which in WebAssembly is a call on `i128`.
                *cell = if *f == 1 { *v } else { v.wrapping_mul(*f) };
            }
        }
        None
    }
}

#[cfg(test)]
// Test arithmetic on small known sizes.
#[allow(clippy::arithmetic_side_effects)]
mod tests {
    use super::*;
    use crate::{parse_decimal, Cost};

    fn offer(json: serde_json::Value) -> Offer {
        serde_json::from_value(json).unwrap()
    }

    /// Offers of different scales (EUR -> XOF, GBP -> INR, JPY -> PHP), one without rates
    /// (every row an error), one with a maximum amount.
    fn offers() -> Vec<Offer> {
        let corridor = |send: &str, receive: &str, offered: &str, mid: &str| {
            serde_json::json!({
                "send_currency": send, "receive_currency": receive,
                "schedule": {"parts": [{"to": "100", "fixed": "2.90"},
                                       {"from": "100", "fixed": "1", "pct": "0.75"}],
                              "max_fee": "20", "max_amount": "5000"},
                "offered_rate": {"base": send, "quote": receive, "value": offered},
                "mid_rate": {"base": send, "quote": receive, "value": mid}
            })
        };
        let mut no_rates = corridor("USD", "MXN", "17", "17.2");
        no_rates.as_object_mut().unwrap().remove("mid_rate");
        vec![
            offer(corridor("EUR", "XOF", "645", "655.957")),
            offer(corridor("GBP", "INR", "102.9", "105.1234")),
            offer(corridor("EUR", "XOF", "650", "655.957")),
            offer(corridor("JPY", "PHP", "0.371", "0.3791")),
            offer(no_rates),
        ]
    }

    fn amounts(n: usize) -> Vec<Decimal> {
        let mut a: Vec<Decimal> = (0..n)
            .map(|j| Decimal::new(i64::try_from(100 + j * 2_999 % 700_000).unwrap(), 2))
            .collect();
        for (k, text) in ["0", "-5", "10.005", "5000.001", "7000", "1e-3", "100.000"]
            .iter()
            .enumerate()
        {
            a[k * 3] = parse_decimal(text).unwrap();
        }
        a
    }

    /// Every row of the grid is `Pricer::cost` of its offer and amount (at the offer's own
    /// scale and at the column's), or its error with zeros.
    fn check(offers: &[Offer], amounts: &[Decimal]) {
        let options = CostOptions::default();
        let grid = CostGrid::new(offers, amounts, &options);
        let m = amounts.len();
        assert_eq!(
            (grid.rows(), grid.offers(), grid.amounts()),
            (offers.len() * m, offers.len(), m)
        );
        let scales = grid.scales();
        let mut errors = Vec::new();
        for (i, o) in offers.iter().enumerate() {
            let pricer = Pricer::new(o, &options);
            for (j, a) in amounts.iter().enumerate() {
                let row = i * m + j;
                match pricer.cost(*a) {
                    Ok(cost) => {
                        assert_eq!(grid.error(row), None, "row {row}");
                        for (f, (_, figure)) in Cost::FIGURES.iter().enumerate() {
                            let d = figure(&cost);
                            assert_eq!(grid.decimal(f, row), Some(d), "row {row} figure {f}");
                            let at = Decimal::from_i128_with_scale(grid.figures(f)[row], scales[f]);
                            assert_eq!(at, d, "row {row} figure {f}");
                            assert_eq!(at.scale(), scales[f]);
                        }
                    }
                    Err(e) => {
                        errors.push((row, e.code()));
                        assert_eq!(grid.error(row), Some(e.code()), "row {row}");
                        assert!((0..13).all(|f| grid.figures(f)[row] == 0));
                        assert_eq!(grid.decimal(0, row), None);
                    }
                }
            }
        }
        assert_eq!(grid.errors(), errors);
        assert!(errors.len() > m, "the grid has errors of several kinds");
        assert!(grid.figures(13).is_empty() && grid.decimal(13, 0).is_none());
        let (figures, errors) = grid.clone().into_parts();
        assert_eq!(figures[4], grid.figures(4));
        assert_eq!(errors, grid.errors());
    }

    #[test]
    fn every_row_is_the_pricers_on_one_thread_and_on_several() {
        check(&offers(), &amounts(40));
        check(&offers(), &amounts(ONE_THREAD / 4));
    }

    #[test]
    fn a_huge_figure_brought_to_its_columns_scale_stays_exact() {
        // Decimal's largest amount in yen (0 places) beside euros (2 places): times 100,
        // within i128 (a figure has at most 96 bits; the scales differ by a few places).
        let corridor = |c: &str| {
            offer(serde_json::json!({
                "send_currency": c, "receive_currency": c, "schedule": {"parts": []}
            }))
        };
        let amounts = [Decimal::MAX];
        let grid = CostGrid::new(
            &[corridor("JPY"), corridor("EUR")],
            &amounts,
            &CostOptions::default(),
        );
        assert_eq!(grid.error(0), None);
        assert_eq!(grid.figures(0)[0], Decimal::MAX.mantissa() * 100);
        assert_eq!(grid.decimal(0, 0), Some(Decimal::MAX));
    }

    #[test]
    fn an_empty_grid_has_no_rows() {
        let grid = CostGrid::new(&offers(), &[], &CostOptions::default());
        assert_eq!((grid.rows(), grid.offers(), grid.errors().len()), (0, 5, 0));
        assert_eq!(grid.decimal(0, 0), None);
        let grid = CostGrid::new(&[], &amounts(40), &CostOptions::default());
        assert_eq!((grid.rows(), grid.figures(0).len()), (0, 0));
    }
}
