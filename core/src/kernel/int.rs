//! The integers the kernel computes with: `i128` on the fast path, a 512-bit integer on the
//! wide path. The same formulas run on both, so a quote that overflows 128 bits gets the same
//! (exact) figures from the wide path.

use bnum::types::I512;

/// Checked integer arithmetic; `None` is an overflow (or a division by zero, which the kernel's
/// positive denominators rule out).
pub(crate) trait Int: Copy + Ord + Sized {
    /// The value of a 128-bit integer.
    fn of(v: i128) -> Self;
    fn add(self, o: Self) -> Option<Self>;
    fn sub(self, o: Self) -> Option<Self>;
    fn mul(self, o: Self) -> Option<Self>;
    /// Division truncated towards zero.
    fn div(self, o: Self) -> Option<Self>;
    /// The value as an `i128`, if it fits.
    fn narrow(self) -> Option<i128>;
    /// Whether the value is odd.
    fn is_odd(self) -> bool;
    /// The value as an `i64`, if it fits.
    fn small(self) -> Option<i64> {
        self.narrow().and_then(|v| i64::try_from(v).ok())
    }
}

impl Int for i128 {
    #[inline(always)]
    fn of(v: i128) -> Self {
        v
    }
    #[inline(always)]
    fn add(self, o: Self) -> Option<Self> {
        self.checked_add(o)
    }
    #[inline(always)]
    fn sub(self, o: Self) -> Option<Self> {
        self.checked_sub(o)
    }
    #[inline(always)]
    fn mul(self, o: Self) -> Option<Self> {
        // Two factors within 64 bits cannot overflow 128: one widening multiply, where a
        // checked 128-bit product is a library call.
        match (i64::try_from(self), i64::try_from(o)) {
            (Ok(a), Ok(b)) => Some(i128::from(a).wrapping_mul(i128::from(b))),
            _ => self.checked_mul(o),
        }
    }
    #[inline(always)]
    fn div(self, o: Self) -> Option<Self> {
        // Within 64 bits, one native division (the 128-bit one is a library call).
        match (i64::try_from(self), i64::try_from(o)) {
            (Ok(a), Ok(b)) => a.checked_div(b).map(i128::from),
            _ => self.checked_div(o),
        }
    }
    #[inline(always)]
    fn narrow(self) -> Option<i128> {
        Some(self)
    }
    #[inline(always)]
    fn is_odd(self) -> bool {
        self & 1 != 0
    }
}

impl Int for I512 {
    fn of(v: i128) -> Self {
        I512::from(v)
    }
    fn add(self, o: Self) -> Option<Self> {
        self.checked_add(o)
    }
    fn sub(self, o: Self) -> Option<Self> {
        self.checked_sub(o)
    }
    fn mul(self, o: Self) -> Option<Self> {
        self.checked_mul(o)
    }
    fn div(self, o: Self) -> Option<Self> {
        self.checked_div(o)
    }
    fn narrow(self) -> Option<i128> {
        i128::try_from(self).ok()
    }
    fn is_odd(self) -> bool {
        self.bit(0)
    }
}

/// 10^k, if it fits.
pub(crate) fn pow10<I: Int>(k: u32) -> Option<I> {
    let ten = I::of(10);
    (0..k).try_fold(I::of(1), |p, _| p.mul(ten))
}

/// The greatest common divisor of two positive integers.
pub(crate) fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        if let (Ok(x), Ok(y)) = (u64::try_from(a), u64::try_from(b)) {
            // Within 64 bits: native divisions (a 128-bit remainder is a library call).
            return i128::from(gcd64(x, y));
        }
        let r = a.checked_rem(b).unwrap_or(0);
        a = b;
        b = r;
    }
    a
}

fn gcd64(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        let r = a.checked_rem(b).unwrap_or(0);
        a = b;
        b = r;
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_and_narrow_agree_where_both_fit() {
        let (a, b) = (-123_456_789_012_345_678_i128, 97_i128);
        let wide = |v: i128| I512::of(v);
        assert_eq!(
            Int::div(wide(a), wide(b)).and_then(Int::narrow),
            Int::div(a, b)
        );
        assert_eq!(
            Int::mul(wide(a), wide(b)).and_then(Int::narrow),
            Int::mul(a, b)
        );
        assert_eq!(Int::mul(i128::MAX, 2), None);
        assert!(Int::mul(wide(i128::MAX), wide(2)).is_some_and(|v| v.narrow().is_none()));
        assert_eq!(pow10::<i128>(38), Some(10i128.pow(38)));
        assert_eq!(pow10::<i128>(39), None);
        assert_eq!(gcd(655_957_000, 1_000), 1_000);
    }
}
