//! Decimals written as text in bulk: the batch calls of the bindings write millions of
//! figures, and `Decimal`'s `Display` divides the 96-bit mantissa by ten once per digit
//! (three 32-bit divisions each) into a temporary string. Most figures fit in 64 bits, where
//! one native division per digit does, straight into the caller's buffer.

use rust_decimal::Decimal;
use std::fmt::Write;

/// Appends `value` to `out` exactly as `value.to_string()` would write it (sign, every digit,
/// the decimal point at the scale, trailing zeros kept), without a temporary string.
///
/// ```
/// use remitcost::{push_decimal, Decimal};
/// let mut out = String::from("[");
/// push_decimal(&mut out, Decimal::new(-5, 3));
/// out.push(',');
/// push_decimal(&mut out, Decimal::new(131192, 0));
/// assert_eq!(out, "[-0.005,131192");
/// ```
pub fn push_decimal(out: &mut String, value: Decimal) {
    let mantissa = value.mantissa();
    let scale = usize::try_from(value.scale()).unwrap_or(usize::MAX);
    let magnitude = u64::try_from(mantissa.unsigned_abs()).unwrap_or(0);
    // Sign, "0.", 28 places, 20 digits: at most 51 bytes.
    let mut text = [b'0'; 52];
    let mut start = text.len();
    let mut rest = magnitude;
    let mut written = 0;
    while rest > 0 || written <= scale {
        start = start.saturating_sub(1);
        if written == scale && scale > 0 {
            if let Some(b) = text.get_mut(start) {
                *b = b'.';
            }
            start = start.saturating_sub(1);
        }
        if let Some(b) = text.get_mut(start) {
            // `rest % 10` is below 10: the cast cannot truncate.
            *b = b'0'.saturating_add((rest % 10) as u8);
        }
        rest /= 10;
        written = written.saturating_add(1);
    }
    if mantissa < 0 {
        start = start.saturating_sub(1);
        if let Some(b) = text.get_mut(start) {
            *b = b'-';
        }
    }
    match text.get(start..).map(std::str::from_utf8) {
        Some(Ok(text)) if magnitude != 0 && scale <= 28 => out.push_str(text),
        // Zero (whose sign flag `Display` shows) and mantissas beyond 64 bits.
        _ => {
            let _ = write!(out, "{value}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn text(value: Decimal) -> String {
        let mut out = String::new();
        push_decimal(&mut out, value);
        out
    }

    #[test]
    fn edges_match_display() {
        let cases = [
            Decimal::ZERO,
            Decimal::new(0, 4),
            -Decimal::new(0, 2),
            Decimal::ONE,
            Decimal::new(-1, 28),
            Decimal::new(1, 28),
            Decimal::new(10, 1),
            Decimal::new(i64::MAX, 0),
            Decimal::new(i64::MIN, 3),
            Decimal::from(u64::MAX),
            Decimal::from_i128_with_scale(i128::from(u64::MAX) + 1, 5),
            Decimal::MAX,
            Decimal::MIN,
        ];
        for value in cases {
            assert_eq!(text(value), value.to_string(), "{value:?}");
        }
    }

    proptest! {
        #[test]
        fn any_decimal_as_display(lo: u32, mid: u32, hi: u32, negative: bool, scale in 0u32..=28) {
            let value = Decimal::from_parts(lo, mid, hi, negative, scale);
            prop_assert_eq!(text(value), value.to_string());
        }

        #[test]
        fn sixty_four_bit_decimals_as_display(m: i64, scale in 0u32..=28) {
            let value = Decimal::new(m, scale);
            prop_assert_eq!(text(value), value.to_string());
        }
    }
}
