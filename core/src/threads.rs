//! Work split over the machine's cores with scoped threads: no pool, no dependency. Used by
//! the cost table ([`CostGrid`](crate::CostGrid)), and by the Arrow reader (`arrow` feature)
//! to read a batch's columns.

#[cfg(feature = "arrow")]
use crate::error::{Error, Result};

/// How many threads a job of `work` units gets: one below `from` (a spawn would cost more
/// than it saves), else one per available core (one where the platform has no threads).
pub(crate) fn for_work(work: usize, from: usize) -> usize {
    match work {
        n if n < from => 1,
        _ => std::thread::available_parallelism().map_or(1, usize::from),
    }
}

/// `f` of each run, the first on the calling thread and each other on a thread of its own;
/// the results in the runs' order, or the first error.
#[cfg(feature = "arrow")]
pub(crate) fn in_runs<T: Send, R: Send>(
    runs: Vec<T>,
    f: impl Fn(T) -> Result<R> + Sync,
) -> Result<Vec<R>> {
    let mut runs = runs.into_iter();
    let Some(mine) = runs.next() else {
        return Ok(Vec::new());
    };
    let f = &f;
    std::thread::scope(|scope| {
        let theirs: Vec<_> = runs.map(|run| scope.spawn(move || f(run))).collect();
        let mut out = vec![f(mine)?];
        for handle in theirs {
            // Core does not panic; if a thread did, its work is reported lost.
            let result = handle
                .join()
                .unwrap_or_else(|_| Err(Error::Overflow("a worker thread (it stopped)")));
            out.push(result?);
        }
        Ok(out)
    })
}

/// `jobs` shared out into `threads` runs (at least one), each job, heaviest first, going to
/// the run with the least weight so far.
#[cfg(feature = "arrow")]
pub(crate) fn balanced<T>(jobs: Vec<(usize, T)>, threads: usize) -> Vec<Vec<T>> {
    let mut runs: Vec<(usize, Vec<T>)> = (0..threads.max(1)).map(|_| (0, Vec::new())).collect();
    let mut jobs = jobs;
    jobs.sort_by_key(|(weight, _)| std::cmp::Reverse(*weight));
    for (weight, job) in jobs {
        if let Some((load, run)) = runs.iter_mut().min_by_key(|(load, _)| *load) {
            *load = load.saturating_add(weight);
            run.push(job);
        }
    }
    runs.into_iter()
        .map(|(_, run)| run)
        .filter(|run| !run.is_empty())
        .collect()
}

// What the tests call runs only with the `arrow` feature.
#[cfg(all(test, feature = "arrow"))]
mod tests {
    use super::*;

    #[test]
    fn runs_come_back_in_order_with_the_first_error() {
        let sums = in_runs(vec![vec![1, 2], vec![3], vec![]], |run: Vec<i32>| {
            Ok(run.iter().sum::<i32>())
        });
        assert_eq!(sums.unwrap(), [3, 3, 0]);
        let failed = in_runs(vec![1, 2, 3], |n| match n {
            2 => Err(Error::NoData(format!("run {n}"))),
            n => Ok(n),
        });
        assert_eq!(failed.unwrap_err().to_string(), "no data: run 2");
        assert!(in_runs(Vec::<u8>::new(), Ok).unwrap().is_empty());
        assert_eq!(for_work(10, 100), 1);
        assert!(for_work(100, 100) >= 1);
    }

    #[test]
    fn jobs_go_heaviest_first_to_the_least_loaded_run() {
        let runs = balanced(vec![(1, 'a'), (5, 'b'), (1, 'c'), (1, 'd'), (1, 'e')], 2);
        assert_eq!(runs, [vec!['b'], vec!['a', 'c', 'd', 'e']]);
        assert_eq!(balanced(vec![(1, 'a')], 3), [vec!['a']]);
    }
}
