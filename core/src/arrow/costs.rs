//! The cost table as Arrow: core's [`CostGrid`] (every offer priced at every amount, on the
//! machine's cores) handed over as the columns' buffers (no per-quote `Cost`, no per-row
//! decimal or string).

use super::{decimal_array, with_scale128, Builder, Values};
use crate::{Cost, CostGrid, CostOptions, Decimal, Offer};
use arrow_array::types::Int32Type;
use arrow_array::{
    Array, ArrayRef, Decimal128Array, DictionaryArray, Int32Array, Int64Array, LargeStringArray,
    RecordBatch,
};
use arrow_buffer::{BooleanBufferBuilder, NullBuffer, ScalarBuffer};
use arrow_schema::DataType;
use std::collections::HashMap;
use std::sync::Arc;

/// Every amount of `amounts` under every offer of `offers` (rows ordered by offer, then
/// amount), as a table: `offer` (the offer's index, `int64`), `provider`, `amount`,
/// `send_currency`, `receive_currency`, every figure of [`Cost::FIGURES`] (each
/// `decimal128(38, s)` at the largest of the offers' scales for it: 2 for EUR beside 0 for
/// XOF), then `error`: a quote that cannot be priced (outside the schedule's limits, a bad
/// rate, …) has its error code there and null figures. Texts repeated from row to row (the
/// provider, the currencies) are dictionary-encoded. The figures are
/// [`Pricer::figures`](crate::Pricer::figures)'s, row by row ([`CostGrid`]'s columns); large
/// tables are priced on all the machine's cores.
///
/// ```
/// use remitcost::arrow::{cost_table, Column};
/// use remitcost::{CostOptions, Decimal, Offer};
/// let offer: Offer = serde_json::from_str(r#"{"provider": "Example MTO",
///   "send_currency": "EUR", "receive_currency": "XOF",
///   "schedule": {"parts": [{"fixed": "4.90"}], "max_amount": "1000"},
///   "offered_rate": {"base": "EUR", "quote": "XOF", "value": "645"},
///   "mid_rate": {"base": "EUR", "quote": "XOF", "value": "655.957"}}"#)?;
/// let amounts = [Decimal::from(200), Decimal::from(5000)];
/// let table = cost_table(&[offer], &amounts, &CostOptions::default());
/// let column = |name: &'static str| {
///     Column::new(name, std::slice::from_ref(table.column_by_name(name).unwrap()))
/// };
/// assert_eq!(column("total_cost_pct").decimals()?, vec![Some("4.1204".parse()?), None]);
/// assert_eq!(column("error").text()?, vec![None, Some("amount_out_of_range".into())]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn cost_table(offers: &[Offer], amounts: &[Decimal], options: &CostOptions) -> RecordBatch {
    let m = amounts.len();
    let rows = offers.len().saturating_mul(m);
    let grid = CostGrid::new(offers, amounts, options);
    let scales = grid.scales();
    let (figures, errors) = grid.into_parts();

    // Each row's offer index, and its amount (the amounts once, at their column's scale,
    // repeated per offer).
    let mut offer_index = Vec::with_capacity(rows);
    for i in 0..offers.len() {
        offer_index.extend(std::iter::repeat_n(i64::try_from(i).unwrap_or(i64::MAX), m));
    }
    let amount_once = decimal_array(&amounts.iter().map(|a| Some(*a)).collect::<Vec<_>>());
    let amount: ArrayRef = match amount_once.data_type() {
        DataType::Decimal128(_, s) => match (
            u32::try_from(*s),
            amount_once.as_any().downcast_ref::<Decimal128Array>(),
        ) {
            (Ok(scale), Some(once)) => {
                let mut values = Vec::with_capacity(rows);
                for _ in offers {
                    values.extend_from_slice(once.values());
                }
                Arc::new(with_scale128(
                    Decimal128Array::new(ScalarBuffer::from(values), None),
                    scale,
                ))
            }
            _ => repeated(offers, amounts),
        },
        // An amount of more than 38 digits at the column's scale: decimal256, row by row.
        _ => repeated(offers, amounts),
    };

    // Null figures where a quote has an error: one validity bitmap shared by every figure.
    let nulls = (!errors.is_empty()).then(|| {
        let mut valid = BooleanBufferBuilder::new(rows);
        valid.append_n(rows, true);
        for (row, _) in &errors {
            valid.set_bit(*row, false);
        }
        NullBuffer::new(valid.finish())
    });
    let error: ArrayRef = if errors.is_empty() {
        Arc::new(LargeStringArray::new_null(rows))
    } else {
        let mut codes: Vec<Option<&str>> = vec![None; rows];
        for (row, code) in &errors {
            if let Some(cell) = codes.get_mut(*row) {
                *cell = Some(code);
            }
        }
        Arc::new(LargeStringArray::from(codes))
    };
    let mut table = Builder::default()
        .array(
            "offer",
            Arc::new(Int64Array::new(ScalarBuffer::from(offer_index), None)),
        )
        .array("provider", shared(offers, m, |o| o.provider.as_deref()))
        .array("amount", amount)
        .array(
            "send_currency",
            shared(offers, m, |o| Some(o.send_currency.code())),
        )
        .array(
            "receive_currency",
            shared(offers, m, |o| Some(o.receive_currency.code())),
        );
    for (((name, _), values), scale) in Cost::FIGURES.iter().zip(figures).zip(scales) {
        let array = Decimal128Array::new(ScalarBuffer::from(values), nulls.clone());
        table = table.array(name, Arc::new(with_scale128(array, scale)));
    }
    table.array("error", error).build()
}

/// The amounts repeated per offer, as exact decimals (`decimal256` when they need it).
fn repeated(offers: &[Offer], amounts: &[Decimal]) -> ArrayRef {
    Values::Dec(
        offers
            .iter()
            .flat_map(|_| amounts.iter().map(|a| Some(*a)))
            .collect(),
    )
    .into_array()
}

/// A text per offer repeated on each of its `m` rows, dictionary-encoded: each distinct
/// text once (in order of first appearance), an `int32` key per row.
fn shared<'a>(
    offers: &'a [Offer],
    m: usize,
    text: impl Fn(&'a Offer) -> Option<&'a str>,
) -> ArrayRef {
    let mut slots: HashMap<&str, i32> = HashMap::new();
    let mut distinct: Vec<&str> = Vec::new();
    let rows = offers.len().saturating_mul(m);
    let mut keys: Vec<i32> = Vec::with_capacity(rows);
    let mut valid = BooleanBufferBuilder::new(rows);
    for offer in offers {
        let key = text(offer).and_then(|t| match slots.get(t) {
            Some(k) => Some(*k),
            None => {
                let k = i32::try_from(distinct.len()).ok()?;
                slots.insert(t, k);
                distinct.push(t);
                Some(k)
            }
        });
        if key.is_none() && text(offer).is_some() {
            // More distinct texts than int32 keys: plain text instead.
            return Arc::new(LargeStringArray::from_iter(
                offers.iter().flat_map(|o| std::iter::repeat_n(text(o), m)),
            ));
        }
        keys.extend(std::iter::repeat_n(key.unwrap_or(0), m));
        valid.append_n(m, key.is_some());
    }
    let nulls = NullBuffer::new(valid.finish());
    let keys = Int32Array::new(
        ScalarBuffer::from(keys),
        (nulls.null_count() > 0).then_some(nulls),
    );
    match DictionaryArray::<Int32Type>::try_new(keys, Arc::new(LargeStringArray::from(distinct))) {
        Ok(d) => Arc::new(d),
        // Cannot happen (every key indexes `distinct`).
        Err(_) => Arc::new(LargeStringArray::from_iter(
            offers.iter().flat_map(|o| std::iter::repeat_n(text(o), m)),
        )),
    }
}

#[cfg(test)]
// Test arithmetic on small known sizes.
#[allow(clippy::arithmetic_side_effects)]
mod tests {
    use super::*;
    use crate::arrow::Column;
    use crate::{parse_decimal, Pricer};

    fn offer(json: serde_json::Value) -> Offer {
        serde_json::from_value(json).unwrap()
    }

    /// Offers of different scales (EUR -> XOF, GBP -> INR, JPY -> PHP), one without a provider,
    /// one without rates (every row an error), one with a maximum amount.
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
        let mut named = corridor("EUR", "XOF", "645", "655.957");
        named["provider"] = "A".into();
        let mut inr = corridor("GBP", "INR", "102.9", "105.1234");
        inr["provider"] = "B".into();
        let mut jpy = corridor("JPY", "PHP", "0.371", "0.3791");
        jpy["provider"] = "A".into();
        let mut no_rates = corridor("USD", "MXN", "17", "17.2");
        no_rates.as_object_mut().unwrap().remove("mid_rate");
        vec![
            offer(named),
            offer(inr),
            offer(corridor("EUR", "XOF", "650", "655.957")),
            offer(jpy),
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

    /// Every row of the table is `Pricer::cost` of its offer and amount, or its error.
    fn check(offers: &[Offer], amounts: &[Decimal]) {
        let options = CostOptions::default();
        let table = cost_table(offers, amounts, &options);
        let m = amounts.len();
        assert_eq!(table.num_rows(), offers.len() * m);
        let column = |name: &'static str| {
            Column::new(
                name,
                std::slice::from_ref(table.column_by_name(name).unwrap()),
            )
        };
        let figures: Vec<Vec<Option<Decimal>>> = Cost::FIGURES
            .iter()
            .map(|(name, _)| column(name).decimals().unwrap())
            .collect();
        let (index, provider) = (
            column("offer").integers().unwrap(),
            column("provider").text().unwrap(),
        );
        let (send, receive) = (
            column("send_currency").text().unwrap(),
            column("receive_currency").text().unwrap(),
        );
        let (amount, error) = (
            column("amount").decimals().unwrap(),
            column("error").text().unwrap(),
        );
        let mut errors = 0;
        for (i, o) in offers.iter().enumerate() {
            let pricer = Pricer::new(o, &options);
            for (j, a) in amounts.iter().enumerate() {
                let row = i * m + j;
                assert_eq!(index[row], Some(i64::try_from(i).unwrap()));
                assert_eq!(provider[row], o.provider.clone());
                assert_eq!(send[row].as_deref(), Some(o.send_currency.code()));
                assert_eq!(receive[row].as_deref(), Some(o.receive_currency.code()));
                assert_eq!(amount[row], Some(*a));
                match pricer.cost(*a) {
                    Ok(cost) => {
                        assert_eq!(error[row], None, "row {row}");
                        for (f, (_, figure)) in Cost::FIGURES.iter().enumerate() {
                            assert_eq!(
                                figures[f][row],
                                Some(figure(&cost)),
                                "row {row} figure {f}"
                            );
                        }
                    }
                    Err(e) => {
                        errors += 1;
                        assert_eq!(error[row].as_deref(), Some(e.code()), "row {row}");
                        assert!(figures.iter().all(|c| c[row].is_none()));
                    }
                }
            }
        }
        assert!(errors > m, "the table has errors of several kinds");
    }

    #[test]
    fn every_row_is_the_pricers_on_one_thread_and_on_several() {
        check(&offers(), &amounts(40));
        // 25,000 quotes: priced on several threads (from 20,000).
        check(&offers(), &amounts(5_000));
    }

    #[test]
    fn an_empty_table_keeps_its_columns() {
        let table = cost_table(&offers(), &[], &CostOptions::default());
        assert_eq!((table.num_rows(), table.num_columns()), (0, 19));
        let table = cost_table(&[], &amounts(40), &CostOptions::default());
        assert_eq!((table.num_rows(), table.num_columns()), (0, 19));
    }
}
