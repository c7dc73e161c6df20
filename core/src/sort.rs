//! Sorting through one shared copy of the standard library's sort in WebAssembly.
//!
//! Every `sort_by` of a new element type or comparator compiles to its own copy of the
//! standard library's sort, several KB of WebAssembly each: the npm module had 88 sort
//! functions, 40 KB, a ninth of its code. In WebAssembly, [`sort_by`] sorts a list of
//! positions through one comparator object (`&dyn Fn`), so that one copy serves every caller,
//! then moves the items into that order; natively it is the standard library's own sort.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, stably (equal items keep their order; see the tests below).
pub(crate) fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    #[cfg(target_family = "wasm")]
    {
        let order = positions(items.len(), &|a, b| match (items.get(a), items.get(b)) {
            (Some(x), Some(y)) => compare(x, y),
            _ => Ordering::Equal,
        });
        permute(items, &order);
    }
    #[cfg(not(target_family = "wasm"))]
    items.sort_by(compare);
}

/// Moves `items` into `order` (`order[i]` is the position of the item that goes to `i`), in
/// place: the item for `i` has been swapped away from `order[i]` if that is below `i`, and is
/// found by following `order` from there.
#[cfg_attr(not(any(test, target_family = "wasm")), allow(dead_code))]
fn permute<T>(items: &mut [T], order: &[usize]) {
    for (i, from) in order.iter().enumerate() {
        let mut j = *from;
        while j < i {
            j = order.get(j).copied().unwrap_or(i);
        }
        if j < items.len() {
            items.swap(i, j);
        }
    }
}

/// Reorders `items` so that the one at `nth` is the one a sort by `compare` puts there, with
/// none after it smaller and none before it larger (as `select_nth_unstable_by`), and returns
/// the parts before it, it, and after it; `None` when `nth` is out of range.
pub(crate) fn select_nth_by<T: Copy>(
    items: &mut [T],
    nth: usize,
    compare: impl Fn(&T, &T) -> Ordering,
) -> Option<(&mut [T], &mut T, &mut [T])> {
    if nth >= items.len() {
        return None;
    }
    #[cfg(target_family = "wasm")]
    {
        // A full sort through the shared copy: selection would compile two more algorithms.
        let order = positions(items.len(), &|a, b| match (items.get(a), items.get(b)) {
            (Some(x), Some(y)) => compare(x, y),
            _ => Ordering::Equal,
        });
        let sorted: Vec<T> = order
            .iter()
            .filter_map(|i| items.get(*i).copied())
            .collect();
        for (slot, value) in items.iter_mut().zip(sorted) {
            *slot = value;
        }
        let (before, rest) = items.split_at_mut(nth);
        let (at, after) = rest.split_first_mut()?;
        Some((before, at, after))
    }
    #[cfg(not(target_family = "wasm"))]
    Some(items.select_nth_unstable_by(nth, compare))
}

/// The positions `0..len` in the order `compare` gives them (stable): the one sort compiled.
#[cfg(target_family = "wasm")]
#[inline(never)]
fn positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|a, b| compare(*a, *b));
    order
}

#[cfg(test)]
mod tests {
    use super::sort_by;

    #[test]
    fn sorts_stably() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd')];
        sort_by(&mut v, |x, y| x.0.cmp(&y.0));
        assert_eq!(v, [(0, 'd'), (1, 'b'), (2, 'a'), (2, 'c')]);
    }

    /// Every permutation of up to 6 items is applied exactly.
    #[test]
    fn permutes_in_place() {
        fn all(n: usize) -> Vec<Vec<usize>> {
            if n == 0 {
                return vec![vec![]];
            }
            let mut out = Vec::new();
            for p in all(n - 1) {
                for at in 0..n {
                    let mut q = p.clone();
                    q.insert(at, n - 1);
                    out.push(q);
                }
            }
            out
        }
        for n in 0..=6 {
            for order in all(n) {
                let mut items: Vec<usize> = (0..n).collect();
                super::permute(&mut items, &order);
                assert_eq!(items, order);
            }
        }
    }

    #[test]
    fn selects_the_nth() {
        let mut v = [5, 1, 4, 2, 3];
        let Some((before, at, after)) = super::select_nth_by(&mut v, 1, Ord::cmp) else {
            panic!("1 is in range");
        };
        assert_eq!(*at, 2);
        assert!(before.iter().all(|x| *x <= 2) && after.iter().all(|x| *x >= 2));
        assert!(super::select_nth_by(&mut v, 5, Ord::cmp).is_none());
    }
}
