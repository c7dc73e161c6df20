//! Aggregation of services, one engine for all: the dimensions and options
//! ([`dimension`], [`options`]), group keys interned without copying ([`keys`]), the one
//! pass whose per-group accumulator [`group`], the indicators and [`Partial`] share
//! ([`accumulator`]), the columnar frame that feeds it without reading strings ([`frame`]), exact statistics of a group of values ([`stats`]), the grouping API
//! ([`grouping`]) and the mergeable partial state ([`partial`]) with its costs ([`multiset`]).

mod accumulator;
mod dimension;
mod frame;
mod grouping;
mod keys;
mod multiset;
mod options;
mod partial;
mod stats;

pub(crate) use accumulator::{service_groups, ServiceGroup};
#[cfg(feature = "arrow")]
pub(crate) use accumulator::{Named, Rows};
pub use dimension::Dimension;
pub(crate) use dimension::{column, member};
#[cfg(feature = "arrow")]
pub(crate) use frame::{
    boxed, names_read_later, texts_read, Costs, ExtraColumns, Interning, Parts, MISSING, TEXTS,
    TEXT_FIELDS,
};
pub use frame::{Frame, FrameBuilder, FrameRow, Framed};
pub(crate) use grouping::finish;
pub use grouping::{group, GroupStat, Grouping};
pub(crate) use keys::{partition, Part};
pub use options::{AggregateOptions, Comparison, LeftOut};
pub use partial::Partial;
pub(crate) use stats::summarize;
