//! Core's outputs written as JSON text without serde (feature `lite-json`): the text
//! `serde_json::to_string` writes for the same value (keys in declaration order, decimals as
//! strings, `null` for `None`, serde_json's string escapes), written field by field by hand.
//! The npm package's modules write their results with these (issue 14: serde's serializer and
//! serde_json's number formatting are not in them). A field added to one of these types must
//! be written here too: the property tests (json/tests/write.rs) compare the text with
//! serde_json's.

use crate::{
    Comparison, CorridorStat, CorridorsAbove, Cost, Currency, Decimal, Excluded, GroupStat,
    Grouping, Indicators, LeftOut, Money, Period, PeriodIndicators, Ranked, Ranking, Rate, Savings,
    Speed,
};

/// Values that write themselves as JSON (the trait that seals `ToJson`).
pub trait Write {
    /// Appends the value's JSON text to `out`.
    fn write(&self, out: &mut Writer);
}

/// JSON text under construction.
pub struct Writer(pub(super) String);

impl Writer {
    /// Appends raw JSON (punctuation, a number already formatted).
    fn raw(&mut self, text: &str) -> &mut Writer {
        self.0.push_str(text);
        self
    }

    /// `"key":` after a comma unless the object or array is just opened.
    fn key(&mut self, key: &str) -> &mut Writer {
        if !self.0.ends_with(['{', '[']) {
            self.0.push(',');
        }
        self.0.push('"');
        self.0.push_str(key);
        self.0.push_str("\":");
        self
    }

    /// `"key":value`.
    fn field<T: Write + ?Sized>(&mut self, key: &str, value: &T) -> &mut Writer {
        self.key(key);
        value.write(self);
        self
    }

    /// A string that needs no escaping (codes, names of variants, decimals).
    fn plain(&mut self, text: &str) -> &mut Writer {
        self.0.push('"');
        self.0.push_str(text);
        self.0.push('"');
        self
    }
}

impl Write for str {
    /// A JSON string, escaped as serde_json escapes it (`\"`, `\\`, `\b \t \n \f \r`, other
    /// control characters as `\u00xx`).
    fn write(&self, out: &mut Writer) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let s = &mut out.0;
        s.push('"');
        for c in self.chars() {
            match c {
                '"' => s.push_str("\\\""),
                '\\' => s.push_str("\\\\"),
                '\u{8}' => s.push_str("\\b"),
                '\t' => s.push_str("\\t"),
                '\n' => s.push_str("\\n"),
                '\u{c}' => s.push_str("\\f"),
                '\r' => s.push_str("\\r"),
                c if u32::from(c) < 0x20 => {
                    let n = u32::from(c) as usize;
                    s.push_str("\\u00");
                    s.push(char::from(HEX[n >> 4]));
                    s.push(char::from(HEX[n & 15]));
                }
                c => s.push(c),
            }
        }
        s.push('"');
    }
}

impl<T: Write + ?Sized> Write for &T {
    fn write(&self, out: &mut Writer) {
        (**self).write(out);
    }
}

impl Write for String {
    fn write(&self, out: &mut Writer) {
        self.as_str().write(out);
    }
}

impl Write for Decimal {
    /// A decimal string, as serde writes it (`push_decimal`).
    fn write(&self, out: &mut Writer) {
        out.0.push('"');
        crate::push_decimal(&mut out.0, *self);
        out.0.push('"');
    }
}

impl Write for i64 {
    fn write(&self, out: &mut Writer) {
        crate::push_decimal(&mut out.0, Decimal::from(*self));
    }
}

impl Write for usize {
    fn write(&self, out: &mut Writer) {
        crate::push_decimal(&mut out.0, Decimal::from(*self));
    }
}

impl<T: Write> Write for Option<T> {
    fn write(&self, out: &mut Writer) {
        match self {
            Some(v) => v.write(out),
            None => {
                out.raw("null");
            }
        }
    }
}

impl<T: Write> Write for Vec<T> {
    fn write(&self, out: &mut Writer) {
        out.raw("[");
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.raw(",");
            }
            item.write(out);
        }
        out.raw("]");
    }
}

impl Write for Currency {
    fn write(&self, out: &mut Writer) {
        out.plain(self.code());
    }
}

impl Write for Period {
    fn write(&self, out: &mut Writer) {
        out.plain(&self.to_string());
    }
}

impl Write for Speed {
    fn write(&self, out: &mut Writer) {
        out.plain(match self {
            Speed::LessThanOneHour => "less_than_one_hour",
            Speed::SameDay => "same_day",
            Speed::NextDay => "next_day",
            Speed::TwoToFiveDays => "two_to_five_days",
            Speed::MoreThanFiveDays => "more_than_five_days",
        });
    }
}

impl Write for Comparison {
    fn write(&self, out: &mut Writer) {
        out.plain(match self {
            Comparison::GreaterThan => "greater_than",
            Comparison::AtLeast => "at_least",
        });
    }
}

impl Write for Rate {
    fn write(&self, out: &mut Writer) {
        out.raw("{").field("base", &self.base());
        out.field("quote", &self.quote());
        out.field("value", &self.value()).raw("}");
    }
}

impl Write for Money {
    fn write(&self, out: &mut Writer) {
        out.raw("{").field("amount", &self.amount);
        out.field("currency", &self.currency).raw("}");
    }
}

impl Write for Cost {
    fn write(&self, out: &mut Writer) {
        out.raw("{").field("send_currency", &self.send_currency);
        out.field("receive_currency", &self.receive_currency);
        for (name, figure) in Cost::FIGURES {
            out.field(name, &figure(self));
        }
        out.raw("}");
    }
}

impl Write for Savings {
    fn write(&self, out: &mut Writer) {
        out.raw("{").field("currency", &self.currency);
        out.field("vs_dearest", &self.vs_dearest);
        out.field("vs_mean", &self.vs_mean).raw("}");
    }
}

impl Write for Ranked {
    fn write(&self, out: &mut Writer) {
        out.raw("{").field("rank", &self.rank);
        out.field("index", &self.index);
        out.field("provider", &self.provider);
        out.field("firm_type", &self.firm_type);
        out.field("speed", &self.speed);
        out.field("speed_category", &self.speed_category);
        out.field("funding", &self.funding);
        out.field("payout", &self.payout);
        out.field("offered_rate", &self.offered_rate);
        out.field("mid_rate", &self.mid_rate);
        out.field("collected_at", &self.collected_at);
        out.field("quote_age", &self.quote_age);
        out.field("cost", &self.cost);
        out.field("savings", &self.savings).raw("}");
    }
}

impl Write for Excluded {
    fn write(&self, out: &mut Writer) {
        out.raw("{").field("index", &self.index);
        out.field("provider", &self.provider);
        out.field("code", &self.code);
        out.field("message", &self.message).raw("}");
    }
}

impl Write for Ranking {
    fn write(&self, out: &mut Writer) {
        out.raw("{").field("ranked", &self.ranked);
        out.field("excluded", &self.excluded);
        out.field("filtered", &self.filtered).raw("}");
    }
}

impl Write for LeftOut {
    fn write(&self, out: &mut Writer) {
        out.raw("{").field("non_transparent", &self.non_transparent);
        out.field("unpriced", &self.unpriced).raw("}");
    }
}

impl Write for GroupStat {
    fn write(&self, out: &mut Writer) {
        out.raw("{").field("key", &self.key);
        out.field("count", &self.count);
        out.field("mean_pct", &self.mean_pct);
        out.field("median_pct", &self.median_pct);
        out.field("min_pct", &self.min_pct);
        out.field("max_pct", &self.max_pct);
        out.field("cheapest", &self.cheapest);
        out.field("eligible", &self.eligible);
        out.field("smart_pct", &self.smart_pct);
        out.field("change_pp", &self.change_pp).raw("}");
    }
}

impl Write for Grouping {
    fn write(&self, out: &mut Writer) {
        out.raw("{").key("dimensions").raw("[");
        for (i, dimension) in self.dimensions.iter().enumerate() {
            if i > 0 {
                out.raw(",");
            }
            // A dimension is its name (serde's `into = "String"`): free text for a column.
            dimension.name().write(out);
        }
        out.raw("]").field("groups", &self.groups);
        out.field("left_out", &self.left_out).raw("}");
    }
}

impl Write for CorridorsAbove {
    fn write(&self, out: &mut Writer) {
        out.raw("{").field("threshold_pct", &self.threshold_pct);
        out.field("comparison", &self.comparison);
        out.field("count", &self.count);
        out.field("share_pct", &self.share_pct);
        out.field("corridors", &self.corridors).raw("}");
    }
}

impl Write for PeriodIndicators {
    fn write(&self, out: &mut Writer) {
        out.raw("{").field("period", &self.period);
        out.field("services", &self.services);
        out.field("corridors", &self.corridors);
        out.field("global_average_pct", &self.global_average_pct);
        out.field("corridor_average_pct", &self.corridor_average_pct);
        out.field("weighted_average_pct", &self.weighted_average_pct);
        out.field("unweighted", &self.unweighted);
        out.field("smart_pct", &self.smart_pct);
        out.field("smart_corridors", &self.smart_corridors);
        out.field("smart_dropped", &self.smart_dropped);
        out.field("above_5", &self.above_5);
        out.field("above_3", &self.above_3);
        out.field("gap_to_3_pct", &self.gap_to_3_pct);
        out.field("global_average_change_pp", &self.global_average_change_pp);
        out.field(
            "corridor_average_change_pp",
            &self.corridor_average_change_pp,
        )
        .raw("}");
    }
}

impl Write for CorridorStat {
    fn write(&self, out: &mut Writer) {
        out.raw("{").field("period", &self.period);
        out.field("source_code", &self.source_code);
        out.field("source_name", &self.source_name);
        out.field("source_region", &self.source_region);
        out.field("destination_code", &self.destination_code);
        out.field("destination_name", &self.destination_name);
        out.field("destination_region", &self.destination_region);
        out.field("services", &self.services);
        out.field("eligible", &self.eligible);
        out.field("average_pct", &self.average_pct);
        out.field("smart_pct", &self.smart_pct);
        out.field("smart_firms", &self.smart_firms).raw("}");
    }
}

impl Write for Indicators {
    fn write(&self, out: &mut Writer) {
        out.raw("{").field("periods", &self.periods);
        out.field("corridors", &self.corridors);
        out.field("left_out", &self.left_out).raw("}");
    }
}
