//! The result tables of the aggregations, the indicators and the dataset readers: one row
//! per group, corridor, period, issue or value, as the bindings hand them over.

use super::{Builder, Values};
use crate::ValidationReport;
use crate::{CorridorStat, Decimal, GroupStat, Grouping, Indicators, Issue, PeriodIndicators};
use arrow_array::RecordBatch;

/// A value's name in remitcost's JSON (`"period"`, `"warning"`, …).
fn json_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(e) => e.to_string(),
    }
}

/// Whole numbers as `int64` (a count beyond `i64` is null).
fn counts<T>(rows: &[T], f: impl Fn(&T) -> Option<usize>) -> Values {
    Values::Int(
        rows.iter()
            .map(|x| f(x).and_then(|n| i64::try_from(n).ok()))
            .collect(),
    )
}

fn decimals<T>(rows: &[T], f: impl Fn(&T) -> Option<Decimal>) -> Values {
    Values::Dec(rows.iter().map(f).collect())
}

fn texts<T>(rows: &[T], f: impl Fn(&T) -> Option<String>) -> Values {
    Values::Str(rows.iter().map(f).collect())
}

/// A grouping: one column per dimension (named as in JSON), then `count`, `mean_pct`,
/// `median_pct`, `min_pct`, `max_pct`, `cheapest`, `eligible`, `smart_pct`, `change_pp`.
pub fn group_table(g: &Grouping) -> RecordBatch {
    let groups: &[GroupStat] = &g.groups;
    let mut b = Builder::default();
    for (i, dim) in g.dimensions.iter().enumerate() {
        b = b.col(&json_name(dim), texts(groups, |s| s.key.get(i).cloned()));
    }
    b.col("count", counts(groups, |s| Some(s.count)))
        .col("mean_pct", decimals(groups, |s| Some(s.mean_pct)))
        .col("median_pct", decimals(groups, |s| Some(s.median_pct)))
        .col("min_pct", decimals(groups, |s| Some(s.min_pct)))
        .col("max_pct", decimals(groups, |s| Some(s.max_pct)))
        .col("cheapest", texts(groups, |s| Some(s.cheapest.clone())))
        .col("eligible", counts(groups, |s| Some(s.eligible)))
        .col("smart_pct", decimals(groups, |s| s.smart_pct))
        .col("change_pp", decimals(groups, |s| s.change_pp))
        .build()
}

/// The indicators' corridors: one row per corridor and period.
pub fn corridors_table(indicators: &Indicators) -> RecordBatch {
    let c: &[CorridorStat] = &indicators.corridors;
    Builder::default()
        .col("period", texts(c, |x| Some(x.period.to_string())))
        .col("corridor", texts(c, |x| Some(x.corridor())))
        .col("source_code", texts(c, |x| Some(x.source_code.clone())))
        .col("source_name", texts(c, |x| Some(x.source_name.clone())))
        .col("source_region", texts(c, |x| x.source_region.clone()))
        .col(
            "destination_code",
            texts(c, |x| Some(x.destination_code.clone())),
        )
        .col(
            "destination_name",
            texts(c, |x| Some(x.destination_name.clone())),
        )
        .col(
            "destination_region",
            texts(c, |x| x.destination_region.clone()),
        )
        .col("services", counts(c, |x| x.services))
        .col("eligible", counts(c, |x| x.eligible))
        .col("average_pct", decimals(c, |x| Some(x.average_pct)))
        .col("smart_pct", decimals(c, |x| x.smart_pct))
        .col("smart_firms", texts(c, |x| Some(x.smart_firms.join("; "))))
        .build()
}

/// The indicators' periods: one row per period, the headline figures (`above_5` and
/// `above_3` as `…_count` and `…_share_pct`).
pub fn periods_table(indicators: &Indicators) -> RecordBatch {
    let p: &[PeriodIndicators] = &indicators.periods;
    Builder::default()
        .col("period", texts(p, |x| Some(x.period.to_string())))
        .col("services", counts(p, |x| x.services))
        .col("corridors", counts(p, |x| Some(x.corridors)))
        .col("global_average_pct", decimals(p, |x| x.global_average_pct))
        .col(
            "corridor_average_pct",
            decimals(p, |x| Some(x.corridor_average_pct)),
        )
        .col(
            "weighted_average_pct",
            decimals(p, |x| x.weighted_average_pct),
        )
        .col("smart_pct", decimals(p, |x| x.smart_pct))
        .col("smart_corridors", counts(p, |x| Some(x.smart_corridors)))
        .col("above_5_count", counts(p, |x| Some(x.above_5.count)))
        .col(
            "above_5_share_pct",
            decimals(p, |x| Some(x.above_5.share_pct)),
        )
        .col("above_3_count", counts(p, |x| Some(x.above_3.count)))
        .col(
            "above_3_share_pct",
            decimals(p, |x| Some(x.above_3.share_pct)),
        )
        .col("gap_to_3_pct", decimals(p, |x| Some(x.gap_to_3_pct)))
        .col(
            "global_average_change_pp",
            decimals(p, |x| x.global_average_change_pp),
        )
        .col(
            "corridor_average_change_pp",
            decimals(p, |x| x.corridor_average_change_pp),
        )
        .build()
}

/// A validation report: one row per issue (`row`, `field`, `reason`, `detail`, `severity`).
pub fn issues_table(report: &ValidationReport) -> RecordBatch {
    let i: &[Issue] = &report.issues;
    Builder::default()
        .col("row", counts(i, |x| Some(x.row)))
        .col("field", texts(i, |x| Some(x.field.clone())))
        .col("reason", texts(i, |x| Some(x.reason.code().to_string())))
        .col("detail", texts(i, |x| Some(x.detail.clone())))
        .col("severity", texts(i, |x| Some(json_name(&x.severity))))
        .build()
}

/// Published corridor averages: one row per value.
#[cfg(feature = "csv")]
pub fn corridor_averages_table(averages: &crate::CorridorAverages) -> RecordBatch {
    let a: &[crate::CorridorAverage] = &averages.averages;
    Builder::default()
        .col("period", texts(a, |x| Some(x.period.to_string())))
        .col("corridor", texts(a, |x| Some(x.corridor())))
        .col("source_code", texts(a, |x| Some(x.source_code.clone())))
        .col("source_name", texts(a, |x| Some(x.source_name.clone())))
        .col(
            "destination_code",
            texts(a, |x| Some(x.destination_code.clone())),
        )
        .col(
            "destination_name",
            texts(a, |x| Some(x.destination_name.clone())),
        )
        .col("total_cost_pct", decimals(a, |x| Some(x.total_cost_pct)))
        .build()
}

/// A WDI series: one row per country and year (`country_code`, `year`, `value`).
#[cfg(feature = "csv")]
pub fn wdi_table(series: &crate::WdiSeries) -> RecordBatch {
    let v: &[crate::CountryYearValue] = &series.values;
    Builder::default()
        .col("country_code", texts(v, |x| Some(x.country_code.clone())))
        .col(
            "year",
            Values::Int(v.iter().map(|x| Some(i64::from(x.year))).collect()),
        )
        .col("value", decimals(v, |x| Some(x.value)))
        .build()
}

/// A bilateral remittance matrix: one row per flow (`sending`, `receiving`, `flow`).
#[cfg(feature = "csv")]
pub fn flows_table(matrix: &crate::BilateralMatrix) -> RecordBatch {
    let f = &matrix.flows;
    Builder::default()
        .col(
            "sending",
            Values::Str(f.keys().map(|(s, _)| Some(s.clone())).collect()),
        )
        .col(
            "receiving",
            Values::Str(f.keys().map(|(_, r)| Some(r.clone())).collect()),
        )
        .col("flow", Values::Dec(f.values().map(|v| Some(*v)).collect()))
        .build()
}
