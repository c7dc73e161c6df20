//! A dataset held with its frame: what a long-lived dataset (a notebook's, a server's)
//! aggregates through, so that only the first aggregation pays for coding the rows.

use super::Frame;
use crate::aggregate::dimension::Dimension;
use crate::aggregate::grouping::{group, Grouping};
use crate::aggregate::options::AggregateOptions;
use crate::aggregate::partial::Partial;
use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::indicator::{indicators, CorridorWeights, Indicators};
use std::ops::Deref;
use std::sync::OnceLock;

/// A [`Dataset`] and its [`Frame`], built on the first aggregation and kept: `group`,
/// `indicators` and [`Partial`] run on the frame, and on the rows for a column the frame does
/// not hold (`id`, `inter lcu bank fx`, an amount block's values). Every answer is the row
/// path's, to the last digit. The dataset cannot change once held (it derefs to `&Dataset`).
///
/// ```
/// use remitcost::{AggregateOptions, Dimension, Framed};
/// let data = remitcost::read_rpw_csv(std::fs::File::open("../testdata/rpw/sample.csv").unwrap()).unwrap();
/// let rows = data.observations.clone();
/// let framed = Framed::new(data);
/// let (dims, options) = ([Dimension::Period, Dimension::Corridor], AggregateOptions::default());
/// assert_eq!(framed.group(&dims, &options).unwrap(), remitcost::group(&rows, &dims, &options).unwrap());
/// assert!(framed.frame().is_some());
/// // A column the frame does not hold: the rows answer.
/// let by_id = [Dimension::column("id")];
/// assert_eq!(framed.group(&by_id, &options).unwrap(), remitcost::group(&rows, &by_id, &options).unwrap());
/// ```
#[derive(Debug)]
pub struct Framed {
    data: Dataset,
    frame: OnceLock<Option<Frame>>,
}

impl Framed {
    /// Holds `data`; its frame is built on the first aggregation.
    pub fn new(data: Dataset) -> Framed {
        Framed {
            data,
            frame: OnceLock::new(),
        }
    }

    /// Holds `data` for aggregations that run on its rows only (no frame is ever built): for
    /// rows aggregated once, where coding them would cost more than it saves.
    pub fn unframed(data: Dataset) -> Framed {
        Framed {
            data,
            frame: OnceLock::from(None),
        }
    }

    /// The frame, built now if it was not yet; `None` when held [`unframed`](Framed::unframed)
    /// or when the rows cannot be coded (more distinct values than a `u32` counts).
    pub fn frame(&self) -> Option<&Frame> {
        self.frame
            .get_or_init(|| Frame::from_observations(&self.data.observations).ok())
            .as_ref()
    }

    /// [`group`] over the rows. Errors: as [`group`].
    pub fn group(&self, dimensions: &[Dimension], options: &AggregateOptions) -> Result<Grouping> {
        match self.frame().map(|f| f.group(dimensions, options)) {
            Some(Err(Error::Incompatible(_))) | None => {
                group(&self.data.observations, dimensions, options)
            }
            Some(answer) => answer,
        }
    }

    /// [`indicators`] over the rows. Errors: as [`indicators`].
    pub fn indicators(
        &self,
        options: &AggregateOptions,
        weights: Option<&CorridorWeights>,
    ) -> Result<Indicators> {
        match self.frame() {
            Some(frame) => frame.indicators(options, weights),
            None => indicators(&self.data.observations, options, weights),
        }
    }

    /// Adds the rows to `partial` ([`Partial::add`]). Errors: as [`Partial::add`].
    pub fn add_to(&self, partial: &mut Partial) -> Result<()> {
        match self.frame().map(|f| partial.add_frame(f)) {
            Some(Err(Error::Incompatible(_))) | None => partial.add(&self.data.observations),
            Some(added) => added,
        }
    }

    /// The dataset held.
    pub fn into_inner(self) -> Dataset {
        self.data
    }
}

impl Deref for Framed {
    type Target = Dataset;

    fn deref(&self) -> &Dataset {
        &self.data
    }
}

impl From<Dataset> for Framed {
    fn from(data: Dataset) -> Framed {
        Framed::new(data)
    }
}
