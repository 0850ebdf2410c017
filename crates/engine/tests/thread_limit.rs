//! The live-thread limit: beyond it a spawn is refused at once, never queued. Its own test
//! binary, because the limit is process-wide.

use engine::threads::{self, SpawnError, MAX_LIVE_THREADS, POOL_SIZE, SPARE_WORKERS};
use sched::stop::StopSignal;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// What the workers-wanted hook was asked: how many calls, and the last count.
static WANT_CALLS: AtomicUsize = AtomicUsize::new(0);
static WANTED: AtomicUsize = AtomicUsize::new(0);

fn record_wanted(count: usize) {
    WANT_CALLS.fetch_add(1, Ordering::SeqCst);
    let before = WANTED.swap(count, Ordering::SeqCst);
    assert!(count > before, "asked for {count} workers after {before}");
}

#[test]
fn spawns_beyond_the_limit_are_refused_and_slots_come_back() {
    threads::on_workers_wanted(record_wanted);
    let hold = StopSignal::new();
    for index in 0..MAX_LIVE_THREADS {
        let hold = hold.clone();
        threads::spawn(format!("holder-{index}"), move || {
            hold.sleep(Duration::from_secs(60));
        })
        .expect("below the limit");
        // A spawn asks at once for no fewer workers than there are threads in use, and
        // for no spare: those wait for the next top-up (the trace keeper's tick), which
        // asks for the threads in use plus a few spare, never past the pool's size.
        assert!(threads::workers_asked() > index);
        assert!(
            index == 0 || WANTED.load(Ordering::SeqCst) == (index + SPARE_WORKERS).min(POOL_SIZE)
        );
        threads::top_up_spares();
        assert_eq!(
            WANTED.load(Ordering::SeqCst),
            (index + 1 + SPARE_WORKERS).min(POOL_SIZE)
        );
    }
    assert_eq!(threads::live(), MAX_LIVE_THREADS);
    assert_eq!(threads::workers_asked(), POOL_SIZE);
    // Asked only when the count grew: the first spawn's own worker, then once per top-up
    // until the pool's size was reached.
    assert_eq!(
        WANT_CALLS.load(Ordering::SeqCst),
        1 + POOL_SIZE - SPARE_WORKERS
    );
    let refused = threads::spawn("one-too-many".into(), || {});
    assert_eq!(
        refused,
        Err(SpawnError::NoFreeWorker {
            live: MAX_LIVE_THREADS,
            capacity: MAX_LIVE_THREADS
        })
    );
    assert!(refused
        .unwrap_err()
        .to_string()
        .starts_with("can't start new thread"));

    hold.request();
    for _ in 0..5_000 {
        if threads::live() == 0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    assert_eq!(
        threads::live(),
        0,
        "ended threads must give their slots back"
    );
    threads::spawn("after".into(), || {}).expect("a slot is free again");
    // The pool never shrinks, so nothing more is asked for.
    threads::top_up_spares();
    assert_eq!(
        WANT_CALLS.load(Ordering::SeqCst),
        1 + POOL_SIZE - SPARE_WORKERS
    );
}
