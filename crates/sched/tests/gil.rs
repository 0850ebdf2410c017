//! The GIL on real threads: one holder at a time, forced hand-offs when a waiter's
//! switch interval runs out (so CPU-bound threads take turns), voluntary drops for
//! blocking calls, and no GIL at all in the free-threaded model.

use sched::gil::{Drop, Gil};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

/// Runs `threads` CPU-bound workers for `run_for`, each checking the eval breaker after
/// every unit of work. Returns (units per thread, max threads ever inside at once, turns).
fn contend(gil: Arc<Gil>, threads: u64, run_for: Duration) -> (Vec<u64>, usize, u64) {
    let inside = Arc::new(AtomicUsize::new(0));
    let max_inside = Arc::new(AtomicUsize::new(0));
    let turns = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let handles: Vec<_> = (1..=threads)
        .map(|id| {
            let (gil, inside, max_inside, turns, stop) = (
                gil.clone(),
                inside.clone(),
                max_inside.clone(),
                turns.clone(),
                stop.clone(),
            );
            thread::spawn(move || {
                let mut units = 0u64;
                gil.take(id);
                let enter = || {
                    let now = inside.fetch_add(1, Ordering::AcqRel) + 1;
                    max_inside.fetch_max(now, Ordering::AcqRel);
                };
                enter();
                while !stop.load(Ordering::Acquire) {
                    // A unit of "bytecode" work.
                    std::hint::black_box((0..200u64).sum::<u64>());
                    units += 1;
                    inside.fetch_sub(1, Ordering::AcqRel);
                    if gil.yield_if_requested(id) {
                        turns.fetch_add(1, Ordering::AcqRel);
                    }
                    enter();
                }
                inside.fetch_sub(1, Ordering::AcqRel);
                gil.release(id, Drop::Voluntary);
                units
            })
        })
        .collect();
    thread::sleep(run_for);
    stop.store(true, Ordering::Release);
    let units = handles.into_iter().map(|h| h.join().unwrap()).collect();
    (
        units,
        max_inside.load(Ordering::Acquire),
        turns.load(Ordering::Acquire),
    )
}

#[test]
fn cpu_bound_threads_take_turns_and_never_overlap() {
    let gil = Arc::new(Gil::new(Duration::from_millis(5)));
    let (units, max_inside, turns) = contend(gil.clone(), 2, Duration::from_millis(300));
    println!(
        "units {units:?}, forced hand-offs {turns}, acquisitions {}",
        gil.switches()
    );
    assert_eq!(
        max_inside, 1,
        "two threads ran Python at once under the GIL"
    );
    assert!(
        units.iter().all(|u| *u > 0),
        "a thread never got the GIL: {units:?}"
    );
    assert!(
        turns >= 2,
        "no forced hand-offs happened in 300 ms: {turns}"
    );
}

#[test]
fn free_threaded_model_runs_threads_at_once() {
    let gil = Arc::new(Gil::free_threaded());
    let (units, _max_inside, turns) = contend(gil, 2, Duration::from_millis(200));
    assert!(units.iter().all(|u| *u > 0));
    assert_eq!(turns, 0, "without a GIL nobody hands anything off");
}

#[test]
fn a_voluntary_drop_lets_a_waiter_in_at_once() {
    let gil = Arc::new(Gil::new(Duration::from_secs(10)));
    gil.take(1);
    let waiter = {
        let gil = gil.clone();
        thread::spawn(move || {
            let started = Instant::now();
            gil.take(2);
            let waited = started.elapsed();
            gil.release(2, Drop::Voluntary);
            waited
        })
    };
    thread::sleep(Duration::from_millis(50));
    assert_eq!(gil.holder(), 1);
    // Thread 1 blocks (e.g. time.sleep): it drops the GIL without being asked.
    gil.release(1, Drop::Voluntary);
    let waited = waiter.join().unwrap();
    assert!(
        waited < Duration::from_secs(5),
        "the waiter was not woken by the release: {waited:?}"
    );
    assert_eq!(gil.holder(), 0);
}
