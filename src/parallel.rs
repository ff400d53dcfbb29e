//! Work on articles already in memory, spread over threads, each with a
//! [`Workspace`] of its own, the results kept in input order: how a binding
//! scores a list of texts handed to it whole.

use crate::score::Workspace;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Items a thread takes at a time: few enough that the threads finish
/// together, enough that taking them costs nothing.
const CHUNK: usize = 16;

/// `work` applied to every item on `threads` threads (at least one), the
/// results in the order of `items` whatever the number of threads.
pub fn map_in_order<T, R, F>(items: &[T], threads: usize, work: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T, &mut Workspace) -> R + Sync,
{
    let chunks = items.len().div_ceil(CHUNK);
    let threads = threads.clamp(1, chunks.max(1));
    if threads == 1 {
        let mut ws = Workspace::default();
        return items.iter().map(|item| work(item, &mut ws)).collect();
    }
    let next = AtomicUsize::new(0);
    let (next, work) = (&next, &work);
    let mut done: Vec<(usize, Vec<R>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(move || {
                    let mut ws = Workspace::default();
                    let mut results = Vec::new();
                    loop {
                        let chunk = next.fetch_add(1, Ordering::Relaxed);
                        if chunk >= chunks {
                            return results;
                        }
                        let end = (chunk * CHUNK + CHUNK).min(items.len());
                        let part = &items[chunk * CHUNK..end];
                        results.push((chunk, part.iter().map(|i| work(i, &mut ws)).collect()));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| match w.join() {
                Ok(results) => results,
                // A worker's panic is the caller's panic, as if run on one thread.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    done.sort_unstable_by_key(|(chunk, _)| *chunk);
    done.into_iter().flat_map(|(_, results)| results).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_input_order_at_any_thread_count() {
        let items: Vec<u64> = (0..1000).collect();
        let expected: Vec<u64> = items.iter().map(|i| i * i).collect();
        for threads in [0, 1, 2, 3, 8, 100] {
            let got = map_in_order(&items, threads, |i, _| {
                // Uneven work, so that chunks finish out of order.
                if i % 37 == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
                i * i
            });
            assert_eq!(got, expected, "{threads} threads");
        }
        assert!(map_in_order(&[] as &[u64], 4, |i, _| *i).is_empty());
    }
}
