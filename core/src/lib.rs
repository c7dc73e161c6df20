#![doc = include_str!("../../README.md")]
#![forbid(unsafe_code)]
#![warn(clippy::arithmetic_side_effects)]

mod aggregate;
#[cfg(feature = "arrow")]
pub mod arrow;
mod budget;
mod country;
mod currency;
mod dataset;
mod decimal;
mod eligibility;
mod error;
mod fee;
mod fx;
mod indicator;
#[cfg(feature = "lite-json")]
mod json;
mod kernel;
mod money;
mod observation;
mod pricer;
mod published;
mod quote;
mod rank;
mod solve;
mod sort;
mod table;
mod text;
mod threads;

pub use aggregate::{
    group, AggregateOptions, Comparison, Dimension, Frame, FrameBuilder, FrameRow, Framed,
    GroupStat, Grouping, LeftOut, Partial,
};
pub use country::{fiscal_year, Countries, Country, IncomeVintage};
pub use currency::Currency;
#[cfg(feature = "csv")]
pub use dataset::{
    read_bilateral_matrix, read_corridor_averages, read_rpw_csv, read_rpw_csv_with, read_wdi_csv,
};
#[cfg(feature = "xlsx")]
pub use dataset::{
    read_countries_xlsx, read_rpw_xlsx, read_rpw_xlsx_with, CountriesSheet, SHEET_COUNTRIES,
    SHEET_FROM_2016, SHEET_UP_TO_2016,
};
pub use dataset::{
    read_rpw_file, read_rpw_json, read_rpw_json_with, Dataset, ReadOptions, RpwFormat,
};
#[cfg(feature = "csv")]
pub use dataset::{
    BilateralMatrix, CorridorAverage, CorridorAverages, CountryYearValue, WdiSeries,
};
pub use dataset::{Issue, IssueReason, Severity, ValidationReport};
pub use decimal::parse_decimal;
pub use eligibility::{Eligibility, Speed};
pub use error::{Error, Result};
pub use fee::{Charges, Charging, FeePart, FeeSchedule, Tax, TaxBase};
pub use fx::{fx_margin, fx_margin_pct, Rate};
pub use indicator::{
    corridor_indicators, group_corridors, indicators, CorridorStat, CorridorWeights,
    CorridorsAbove, Indicators, PeriodIndicators,
};
#[cfg(feature = "lite-json")]
pub use json::{FromJson, ToJson};
pub use kernel::{CostColumns, Figures};
pub use money::{Money, Rounding, PCT_DECIMALS};
pub use observation::{Observation, Period, Price, RpwAmount};
pub use pricer::Pricer;
pub use published::{
    published_indicators, AnnualAverage, Average, DigitalRule, Exclusion, Figure, Published,
    PublishedOptions, PublishedPeriod,
};
pub use quote::{Cost, CostFigure, CostOptions, Offer, Promotion, Quote, RATE_DECIMALS};
pub use rank::{
    rank_offers, rank_offers_with, Excluded, Order, RankOptions, Ranked, Ranking, Savings, Target,
};
pub use rust_decimal::Decimal;
pub use table::CostGrid;
pub use text::push_decimal;
