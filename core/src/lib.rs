#![doc = include_str!("../../README.md")]
#![forbid(unsafe_code)]
#![warn(clippy::arithmetic_side_effects)]

mod currency;
mod decimal;
mod error;
mod fee;
mod fx;
mod money;
mod observation;
mod quote;
mod rank;
mod solve;

pub use currency::Currency;
pub use decimal::parse_decimal;
pub use error::{Error, Result};
pub use fee::{Charges, Charging, FeePart, FeeSchedule, Tax, TaxBase};
pub use fx::{fx_margin, fx_margin_pct, Rate};
pub use money::{Money, Rounding, PCT_DECIMALS};
pub use observation::{Observation, Period, Price, RpwAmount};
pub use quote::{Cost, CostOptions, Offer, Quote, RATE_DECIMALS};
pub use rank::{rank_offers, Excluded, Ranked, Ranking, Target};
pub use rust_decimal::Decimal;
