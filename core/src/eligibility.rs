//! Which services count towards SmaRT: RPW's speed categories and the eligibility predicate.

use crate::observation::Observation;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// RPW's speed categories, fastest first (they order by speed).
///
/// [`Speed::parse`] reads the dataset's `speed actual` strings and their usual variants:
///
/// | category | strings read (any case, any spacing, `-` or `–`) |
/// | --- | --- |
/// | `LessThanOneHour` | `Less than one hour`, `Less than 1 hour`, `Less than an hour`, `< 1 hour`, `Within one hour`, `Within 1 hour`, `Instant` |
/// | `SameDay` | `Same day`, `Same-day` |
/// | `NextDay` | `Next day`, `Next-day`, `1 day`, `One day` |
/// | `TwoToFiveDays` | `2-5 days`, `2 to 5 days`, `3-5 days`, `2 days` … `5 days` |
/// | `MoreThanFiveDays` | `More than 5 days`, `More than five days`, `6 days or more`, `> 5 days`, `6+ days` |
///
/// Anything else is `None`: a service of unknown speed is not shown to arrive within 5 days.
///
/// ```
/// use remitcost::Speed;
/// assert_eq!(Speed::parse("2 - 5 Days"), Some(Speed::TwoToFiveDays));
/// assert_eq!(Speed::parse("6 days or more"), Some(Speed::MoreThanFiveDays));
/// assert!(Speed::parse("Next day").unwrap().within_five_days());
/// assert!(!Speed::MoreThanFiveDays.within_five_days());
/// assert_eq!(Speed::parse("whenever"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Speed {
    /// Less than one hour.
    LessThanOneHour,
    /// Same day.
    SameDay,
    /// Next day.
    NextDay,
    /// 2 to 5 days.
    TwoToFiveDays,
    /// More than 5 days.
    MoreThanFiveDays,
}

impl Speed {
    /// The category of a published speed string, `None` if it is not one (see the table above).
    ///
    /// ```
    /// assert_eq!(remitcost::Speed::parse("Same-day"), Some(remitcost::Speed::SameDay));
    /// ```
    pub fn parse(text: &str) -> Option<Speed> {
        let tidy = tidy(text);
        let speed = match tidy.as_str() {
            "less than one hour" | "less than 1 hour" | "less than an hour" | "< 1 hour"
            | "<1 hour" | "within one hour" | "within 1 hour" | "instant" => Speed::LessThanOneHour,
            "same day" | "same-day" => Speed::SameDay,
            "next day" | "next-day" | "1 day" | "one day" => Speed::NextDay,
            "2-5 days" | "2 to 5 days" | "3-5 days" | "2 days" | "3 days" | "4 days" | "5 days" => {
                Speed::TwoToFiveDays
            }
            "more than 5 days"
            | "more than five days"
            | "6 days or more"
            | "> 5 days"
            | ">5 days"
            | "6+ days" => Speed::MoreThanFiveDays,
            _ => return None,
        };
        Some(speed)
    }

    /// True for every category up to 2–5 days: delivered within 5 days.
    ///
    /// ```
    /// assert!(remitcost::Speed::TwoToFiveDays.within_five_days());
    /// ```
    pub fn within_five_days(self) -> bool {
        self <= Speed::TwoToFiveDays
    }
}

/// A speed string as the table matches it, in one pass: ASCII letters in lower case, en and em
/// dashes as `-`, white space trimmed and each run of it one space, none next to a `-` (`" 2 –
/// 5  Days"` is `"2-5 days"`). What `replace`, `split_whitespace` and `join` did in four passes
/// and about 3 KB of WebAssembly (issue 14); `tidy_is_the_four_passes` checks the two agree.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '–' | '—' => '-',
            c => c.to_ascii_lowercase(),
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space && c != '-' && !out.ends_with('-') {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// The predicate a service must pass to count towards SmaRT. It is data (serde), with RPW's
/// rule as the default: transparent, delivered within 5 days, accessible.
///
/// - `transparent`: require the `transparent` flag (default `true`).
/// - `max_speed`: the slowest [`Speed`] accepted (default `two_to_five_days`); a speed string
///   [`Speed::parse`] does not know fails it. `null` accepts any speed, known or not.
/// - `inaccessible`: column → values that make a service inaccessible. Columns are named as
///   published (`firm`, `firm_type`, `payment instrument`, `access point`, `speed actual`, or
///   any other column, which the reader keeps in [`Observation::extra`]); values match whatever
///   their case (of ASCII letters: `É` and `é` differ; Unicode case tables would add about
///   7 KB gzipped to the WebAssembly module) and surrounding spaces. The RPW dataset has no accessibility flag, so the
///   default list is empty (every surveyed service is accessible); e.g.
///   `{"receiving network coverage": ["Limited"]}` excludes services with a limited network.
///
/// ```
/// use remitcost::{Eligibility, Speed};
/// let rule: Eligibility = serde_json::from_str(
///     r#"{"max_speed": "next_day", "inaccessible": {"access point": ["Bank branch"]}}"#).unwrap();
/// assert!(rule.transparent);
/// assert_eq!(rule.max_speed, Some(Speed::NextDay));
/// assert_eq!(Eligibility::default().max_speed, Some(Speed::TwoToFiveDays));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Eligibility {
    /// Require a transparent service.
    pub transparent: bool,
    /// The slowest speed accepted; `None` accepts any.
    pub max_speed: Option<Speed>,
    /// Column → values that make a service inaccessible.
    pub inaccessible: BTreeMap<String, Vec<String>>,
}

impl Default for Eligibility {
    fn default() -> Self {
        Eligibility {
            transparent: true,
            max_speed: Some(Speed::TwoToFiveDays),
            inaccessible: BTreeMap::new(),
        }
    }
}

impl Eligibility {
    /// Whether a service passes every part of the predicate except speed.
    pub(crate) fn accepts_without_speed(&self, obs: &Observation) -> bool {
        if self.transparent && !obs.transparent {
            return false;
        }
        !self.inaccessible.iter().any(|(column, values)| {
            let cell = match column.trim().to_ascii_lowercase().as_str() {
                "firm" => Some(obs.firm.as_str()),
                "firm_type" => Some(obs.firm_type.as_str()),
                "payment instrument" | "instrument" => Some(obs.instrument.as_str()),
                "access point" | "access_point" => Some(obs.access_point.as_str()),
                "speed actual" | "speed" => Some(obs.speed.as_str()),
                _ => obs
                    .extra
                    .iter()
                    .find(|(name, _)| name.trim().eq_ignore_ascii_case(column.trim()))
                    .map(|(_, v)| v.as_str()),
            };
            cell.is_some_and(|c| {
                values
                    .iter()
                    .any(|v| v.trim().eq_ignore_ascii_case(c.trim()))
            })
        })
    }

    /// Whether a published speed string is fast enough.
    pub(crate) fn accepts_speed(&self, speed: &str) -> bool {
        match self.max_speed {
            None => true,
            Some(max) => Speed::parse(speed).is_some_and(|s| s <= max),
        }
    }

    /// Whether a service is eligible for SmaRT under this predicate.
    ///
    /// ```
    /// use remitcost::Eligibility;
    /// let row = r#"{"row":2,"id":null,"period":"2025_1Q","source_code":"FRA","source_name":"France",
    ///   "source_region":"","destination_code":"SEN","destination_name":"Senegal",
    ///   "destination_region":"","firm":"Atlas Transfers","firm_type":"Money Transfer Operator",
    ///   "instrument":"Cash","access_point":"Agent","speed":"More than 5 days","transparent":true,
    ///   "cc1":null,"cc2":null,"interbank_fx":null,"extra":{}}"#;
    /// let mut obs: remitcost::Observation = serde_json::from_str(row).unwrap();
    /// assert!(!Eligibility::default().accepts(&obs));
    /// obs.speed = "Same day".into();
    /// assert!(Eligibility::default().accepts(&obs));
    /// obs.transparent = false;
    /// assert!(!Eligibility::default().accepts(&obs));
    /// ```
    pub fn accepts(&self, obs: &Observation) -> bool {
        self.accepts_speed(&obs.speed) && self.accepts_without_speed(obs)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// What `tidy` replaced, as it was written.
    fn four_passes(text: &str) -> String {
        let lower = text.to_ascii_lowercase().replace(['–', '—'], "-");
        let words = lower.split_whitespace().collect::<Vec<_>>().join(" ");
        words.replace(" -", "-").replace("- ", "-")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        #[test]
        fn tidy_is_the_four_passes(text in "[ \t\n\u{a0}\u{2003}aAbZ25<>+-–—]{0,12}") {
            prop_assert_eq!(super::tidy(&text), four_passes(&text));
        }

        #[test]
        fn tidy_is_the_four_passes_on_any_text(text in any::<String>()) {
            prop_assert_eq!(super::tidy(&text), four_passes(&text));
        }
    }
}
