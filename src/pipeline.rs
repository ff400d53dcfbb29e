//! An ordered parallel map: items in, results out in input order, with a
//! bounded number in flight.
//!
//! Each worker takes the next batch of items (taking turns at the shared
//! iterator), maps it with a state of its own, and hands it back numbered;
//! the calling thread passes the results to the sink in input order. An item
//! is thus read, mapped and dropped on one thread, which spares the
//! allocator's locks. A batch needs a permit to be read and gives it back
//! once sunk, so that at most `in_flight` batches are ever held, however slow
//! one of them is. The map knows nothing of what the items are.

use std::any::Any;
use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::sync::mpsc::sync_channel;
use std::sync::{Mutex, PoisonError};

/// Items of a slice a worker takes at a time: few enough that the workers
/// finish together, enough that taking them costs nothing.
const SLICE_BATCH: usize = 16;

/// A numbered batch of results, or the panic of the worker that mapped it.
type Mapped<R> = Result<(usize, Vec<R>), Box<dyn Any + Send>>;

/// How the work is spread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    /// Worker threads (at least one is used).
    pub threads: usize,
    /// Items a worker takes at once.
    pub batch: usize,
    /// Batches read but not yet sunk, at most; never fewer than `threads`,
    /// as a worker that finds the input used up keeps the permit it took.
    pub in_flight: usize,
}

impl Plan {
    /// `threads` workers, batches of `batch`, two batches in flight per worker.
    pub fn new(threads: usize, batch: usize) -> Plan {
        let threads = threads.max(1);
        Plan {
            threads,
            batch: batch.max(1),
            in_flight: 2 * threads,
        }
    }
}

/// The shared iterator and the number of the next batch it gives.
struct Source<I> {
    items: I,
    next_number: usize,
    finished: bool,
}

/// Maps `work` over `items` on `plan.threads` threads, each with a state
/// made by `init`, and hands every result to `sink` in input order.
///
/// Stops at the first error of `sink` and returns it: the workers then stop
/// reading, and no further item is taken from `items` than those in flight.
pub fn ordered_map<T, R, S, E>(
    items: impl Iterator<Item = T> + Send,
    plan: Plan,
    init: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
    R: Send,
{
    let plan = Plan {
        threads: plan.threads.max(1),
        batch: plan.batch.max(1),
        in_flight: plan.in_flight.max(plan.threads.max(1)),
    };
    let source = Mutex::new(Source {
        items,
        next_number: 0,
        finished: false,
    });
    let (give_permit, permits) = sync_channel::<()>(plan.in_flight);
    for _ in 0..plan.in_flight {
        // The receiver is alive and the channel has room for every permit.
        let _ = give_permit.send(());
    }
    let permits = Mutex::new(permits);
    let (source, permits, init, work) = (&source, &permits, &init, &work);
    // Takes a permit, reads the next batch and maps it; `None` once the
    // input is used up or the sink has stopped.
    let next_batch = move |state: &mut S| -> Option<(usize, Vec<R>)> {
        let permit = permits
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .recv();
        permit.ok()?;
        let (number, batch) = {
            let mut source = source.lock().unwrap_or_else(PoisonError::into_inner);
            if source.finished {
                return None;
            }
            let batch: Vec<T> = source.items.by_ref().take(plan.batch).collect();
            if batch.is_empty() {
                source.finished = true;
                return None;
            }
            source.next_number += 1;
            (source.next_number - 1, batch)
        };
        Some((number, batch.into_iter().map(|t| work(state, t)).collect()))
    };
    let next_batch = &next_batch;
    let mut panicked = None;
    let outcome = std::thread::scope(|scope| {
        let (to_sink, done) = sync_channel::<Mapped<R>>(plan.in_flight);
        let mut started = 0;
        for _ in 0..plan.threads {
            let to_sink = to_sink.clone();
            // Past a process limit (ulimit -u) fewer threads do the work.
            let spawned = std::thread::Builder::new().spawn_scoped(scope, move || {
                // A panic is sent on as a message: a worker that just died
                // would hold back its batch, and with it every permit.
                let run = std::panic::catch_unwind(AssertUnwindSafe(|| {
                    let mut state = init();
                    while let Some(mapped) = next_batch(&mut state) {
                        if to_sink.send(Ok(mapped)).is_err() {
                            return;
                        }
                    }
                }));
                if let Err(panic) = run {
                    let _ = to_sink.send(Err(panic));
                }
            });
            if spawned.is_err() {
                break;
            }
            started += 1;
        }
        drop(to_sink);
        // With no worker at all, this thread maps as well as sinks.
        let mut own_state = None;
        let mut batches: Box<dyn Iterator<Item = Mapped<R>>> = if started > 0 {
            Box::new(done.iter())
        } else {
            Box::new(std::iter::from_fn(|| {
                next_batch(own_state.get_or_insert_with(init)).map(Ok)
            }))
        };
        let mut deliver = || -> Result<(), E> {
            let mut waiting = BTreeMap::new();
            let mut next_number = 0;
            for batch in batches.by_ref() {
                let (number, results) = match batch {
                    Ok(batch) => batch,
                    Err(panic) => {
                        panicked = Some(panic);
                        return Ok(());
                    }
                };
                waiting.insert(number, results);
                while let Some(results) = waiting.remove(&next_number) {
                    next_number += 1;
                    // The receiving side lives as long as a worker does.
                    let _ = give_permit.send(());
                    for result in results {
                        sink(result)?;
                    }
                }
            }
            Ok(())
        };
        let outcome = deliver();
        drop(batches);
        // Stopping early must not leave a worker blocked: without a receiver
        // its send fails, and without a sender of permits its wait ends.
        drop(done);
        drop(give_permit);
        outcome
    });
    match panicked {
        // A worker's panic is the caller's, as if the work ran on one thread.
        Some(panic) => std::panic::resume_unwind(panic),
        None => outcome,
    }
}

/// `work` applied to every item of a slice on `threads` threads, each with
/// a state of its own, the results in the order of `items`: how a binding
/// maps a list it was handed whole.
pub fn map_in_order<T, R, S, F>(items: &[T], threads: usize, work: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    S: Default,
    F: Fn(&T, &mut S) -> R + Sync,
{
    let mut results = Vec::with_capacity(items.len());
    let sunk: Result<(), std::convert::Infallible> = ordered_map(
        items.iter(),
        Plan::new(threads, SLICE_BATCH),
        S::default,
        |state, item| work(item, state),
        |result| {
            results.push(result);
            Ok(())
        },
    );
    match sunk {
        Ok(()) => results,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    /// A fixed pseudo-random delay of up to 300 µs for item `n`.
    fn delay(n: u64) -> Duration {
        Duration::from_micros(n.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56 & 0xFF)
    }

    fn squares(n: u64, plan: Plan) -> Vec<u64> {
        let mut out = Vec::new();
        let result: Result<(), ()> = ordered_map(
            0..n,
            plan,
            || (),
            |(), i| {
                std::thread::sleep(delay(i));
                i * i
            },
            |r| {
                out.push(r);
                Ok(())
            },
        );
        assert_eq!(result, Ok(()));
        out
    }

    #[test]
    fn results_keep_input_order_under_random_delays() {
        let want: Vec<u64> = (0..300).map(|i| i * i).collect();
        for plan in [Plan::new(4, 1), Plan::new(4, 7), Plan::new(3, 64)] {
            assert_eq!(squares(300, plan), want, "{plan:?}");
        }
    }

    #[test]
    fn one_thread_and_many_give_the_same_results() {
        let one = squares(200, Plan::new(1, 5));
        for threads in [2, 8] {
            assert_eq!(squares(200, Plan::new(threads, 5)), one);
        }
        assert!(squares(0, Plan::new(8, 5)).is_empty());
    }

    #[test]
    fn a_slow_sink_holds_back_the_reading() {
        let taken = AtomicUsize::new(0);
        let items = (0..400).inspect(|_| {
            taken.fetch_add(1, Ordering::SeqCst);
        });
        let plan = Plan {
            threads: 4,
            batch: 5,
            in_flight: 3,
        };
        let (mut sunk, mut most_ahead) = (0, 0);
        let result: Result<(), ()> = ordered_map(
            items,
            plan,
            || (),
            |(), i| i,
            |_| {
                std::thread::sleep(Duration::from_micros(200));
                sunk += 1;
                most_ahead = most_ahead.max(taken.load(Ordering::SeqCst) - sunk);
                Ok(())
            },
        );
        assert_eq!(result, Ok(()));
        assert_eq!(sunk, 400);
        // Four batches in flight (never fewer than the workers), and one
        // more read while the batch whose permit came back is being sunk.
        assert!(most_ahead <= (4 + 1) * plan.batch, "{most_ahead}");
    }

    #[test]
    fn an_error_of_the_sink_stops_an_endless_input() {
        let taken = AtomicUsize::new(0);
        let items = (0u64..).inspect(|_| {
            taken.fetch_add(1, Ordering::SeqCst);
        });
        let mut seen = Vec::new();
        let result = ordered_map(
            items,
            Plan::new(4, 3),
            || 0u64,
            |count, i| {
                // Each worker's own state.
                *count += 1;
                i
            },
            |i| {
                if i == 10 {
                    return Err(format!("stop at {i}"));
                }
                seen.push(i);
                Ok(())
            },
        );
        assert_eq!(result, Err("stop at 10".to_string()));
        assert_eq!(seen, (0..10).collect::<Vec<_>>());
        assert!(taken.load(Ordering::SeqCst) < 100);
    }

    #[test]
    fn a_slice_keeps_its_order_at_any_thread_count() {
        let items: Vec<u64> = (0..1000).collect();
        let want: Vec<u64> = items.iter().map(|i| i * i).collect();
        for threads in [0, 1, 2, 3, 8, 100] {
            let got = map_in_order(&items, threads, |i, _: &mut ()| {
                std::thread::sleep(delay(*i) / 8);
                i * i
            });
            assert_eq!(got, want, "{threads} threads");
        }
        assert!(map_in_order(&[] as &[u64], 4, |i, _: &mut ()| *i).is_empty());
    }

    #[test]
    fn a_panic_in_a_worker_reaches_the_caller_instead_of_hanging() {
        let items: Vec<u64> = (0..500).collect();
        for threads in [1, 4] {
            let run = std::panic::catch_unwind(|| {
                map_in_order(&items, threads, |i, _: &mut ()| {
                    assert!(*i != 137, "item {i}");
                    *i
                })
            });
            let panic = run.expect_err("the worker's panic");
            let message = panic.downcast_ref::<String>().map(String::as_str);
            assert_eq!(message, Some("item 137"), "{threads} threads");
        }
    }
}
