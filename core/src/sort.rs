//! Sorting through one shared copy of the standard library's sort in WebAssembly.
//!
//! Every `sort_by` of a new element type or comparator compiles to its own copy of the
//! standard library's sort, several KB of WebAssembly each: the npm module had 88 sort
//! functions, 40 KB, a ninth of its code. In WebAssembly, [`sort_by`] sorts a list of
//! positions through one comparator object (`&dyn Fn`), so that one copy serves every caller,
//! then moves the items into that order; natively it is the standard library's own sort.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, stably (equal items keep their order).
///
/// ```ignore
/// let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c')];
/// sort_by(&mut v, |x, y| x.0.cmp(&y.0));
/// assert_eq!(v, [(1, 'b'), (2, 'a'), (2, 'c')]);
/// ```
pub(crate) fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    #[cfg(target_family = "wasm")]
    {
        let order = positions(items.len(), &|a, b| match (items.get(a), items.get(b)) {
            (Some(x), Some(y)) => compare(x, y),
            _ => Ordering::Equal,
        });
        let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
        items.extend(
            order
                .into_iter()
                .filter_map(|i| slots.get_mut(i).and_then(Option::take)),
        );
    }
    #[cfg(not(target_family = "wasm"))]
    items.sort_by(compare);
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
