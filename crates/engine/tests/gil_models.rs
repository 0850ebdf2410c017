//! The GIL models against CPython's ground truth, on real threads: the chapter's
//! unlocked counter (5 threads x 100_000 `counter += 1`) never loses an update under the
//! modern GIL (as CPython 3.12), loses updates for real without a GIL (free-threaded),
//! and the locked version is exact in every model.

use engine::native_host::NativeHost;
use engine::StopSignal;
use engine::{self, GilModel, Outcome, RunOptions, SchedulerKind};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Natively a test process has one pool of [`engine::threads::MAX_LIVE_THREADS`] (40)
/// thread slots, shared by every test of this binary, and the test harness runs tests
/// in parallel. The tests that start 33 and 34 threads at once would overflow it
/// together, or next to a counter test ("can't start new thread"), so every test here
/// takes this lock for its whole run.
static MANY_THREADS: Mutex<()> = Mutex::new(());

fn many_threads() -> MutexGuard<'static, ()> {
    // A test that failed while holding the lock poisons it; the others still run.
    MANY_THREADS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Waits until at most `live` logical threads hold slots: a finished run's threads give
/// theirs back as they exit, which can trail the run's end under load.
fn wait_for_slots(live: usize) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while engine::threads::live() > live && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
    }
}

const COUNTER: &str = "
import threading
counter = 0
lock = threading.Lock()
def unsafe():
    global counter
    for _ in range(100_000):
        counter += 1
def safe():
    global counter
    for _ in range(100_000):
        with lock:
            counter += 1
for target in (unsafe, safe):
    counter = 0
    threads = [threading.Thread(target=target) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(counter)
";

fn counters(model: GilModel) -> (u64, u64) {
    let _slots = many_threads();
    let host = NativeHost::captured();
    let options = RunOptions {
        gil: model,
        ..RunOptions::default()
    };
    let outcome = engine::run_program(
        COUNTER,
        "counter.py",
        host.clone(),
        StopSignal::new(),
        &options,
    );
    let (stdout, stderr) = host.captured_output();
    assert_eq!(outcome, Outcome::Exited(0), "{stderr}");
    let values: Vec<u64> = stdout.lines().map(|l| l.parse().unwrap()).collect();
    (values[0], values[1])
}

#[test]
fn modern_gil_never_loses_an_update() {
    for _ in 0..3 {
        assert_eq!(counters(GilModel::Modern), (500_000, 500_000));
    }
}

#[test]
fn legacy_gil_keeps_the_locked_counter_exact() {
    let (unlocked, locked) = counters(GilModel::Legacy);
    assert!(unlocked <= 500_000);
    assert_eq!(locked, 500_000);
}

#[test]
fn free_threading_loses_updates_but_locks_still_hold() {
    // Two real cores run the five threads at once: read-modify-write races happen.
    let lost = (0..5).any(|_| {
        let (unlocked, locked) = counters(GilModel::Free);
        assert!(unlocked <= 500_000);
        assert_eq!(locked, 500_000);
        unlocked < 500_000
    });
    assert!(
        lost,
        "the free-threaded model never lost an update in 5 runs"
    );
}

#[test]
fn thirty_two_threads_of_locked_increments_lose_nothing_in_any_model() {
    let _slots = many_threads();
    let program = "
import threading
total = 0
lock = threading.Lock()
def work():
    global total
    for _ in range(1000):
        with lock:
            total += 1
threads = [threading.Thread(target=work) for _ in range(32)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(total)
";
    let schedulers = [SchedulerKind::Threads, SchedulerKind::Virtual];
    for (model, scheduler) in [GilModel::Legacy, GilModel::Modern, GilModel::Free]
        .into_iter()
        .flat_map(|model| schedulers.map(|scheduler| (model, scheduler)))
    {
        for seed in 0..3 {
            let host = NativeHost::captured();
            let options = RunOptions {
                gil: model,
                scheduler,
                seed,
                ..RunOptions::default()
            };
            let outcome = engine::run_program(
                program,
                "stress.py",
                host.clone(),
                StopSignal::new(),
                &options,
            );
            let (stdout, stderr) = host.captured_output();
            assert_eq!(
                outcome,
                Outcome::Exited(0),
                "{model:?} {scheduler:?}: {stderr}"
            );
            assert_eq!(
                stdout, "32000\n",
                "{model:?} on {scheduler:?} lost a locked increment"
            );
        }
    }
}

/// A lock's waiter must never sleep through the release that frees it. A waiter reads
/// the lock's word, tries the lock, then sleeps while the word is unchanged; when a
/// release only cleared the locked bit, the word could go "free" -> taken by another
/// thread (the try fails) -> "free" again before the waiter slept, and it then slept on
/// a free lock for good. Runs side by side, many threads handing one lock around with
/// tiny critical sections, make that window common; a watchdog stops a stuck run, so a
/// regression fails here instead of hanging.
#[test]
fn a_waiter_never_sleeps_through_the_release_that_frees_the_lock() {
    let program = "
import threading
lock = threading.Lock()
count = 0
def work():
    global count
    for _ in range(1000):
        with lock:
            count += 1
threads = [threading.Thread(target=work) for _ in range(16)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(count)
";
    let _slots = many_threads();
    for model in [GilModel::Free, GilModel::Modern] {
        for round in 0..ROUNDS {
            wait_for_slots(0);
            let runs: Vec<_> = (0..SIDE_BY_SIDE)
                .map(|_| {
                    let host = NativeHost::captured();
                    let stop = StopSignal::new();
                    let options = RunOptions {
                        gil: model,
                        ..RunOptions::default()
                    };
                    let (done_tx, done_rx) = std::sync::mpsc::channel();
                    let thread = {
                        let (host, stop) = (host.clone(), stop.clone());
                        std::thread::spawn(move || {
                            let outcome =
                                engine::run_program(program, "handoff.py", host, stop, &options);
                            let _ = done_tx.send(());
                            outcome
                        })
                    };
                    (host, stop, done_rx, thread)
                })
                .collect();
            for (host, stop, done_rx, thread) in runs {
                // Far above a run's time on a loaded machine (about a second alone),
                // far below a CI timeout.
                let hung = done_rx
                    .recv_timeout(std::time::Duration::from_secs(30))
                    .is_err();
                if hung {
                    stop.request();
                }
                let outcome = thread.join().expect("the run panicked");
                let (stdout, stderr) = host.captured_output();
                assert!(
                    !hung,
                    "{model:?}, round {round}: a thread slept on a free lock (the run hung)"
                );
                assert_eq!(outcome, Outcome::Exited(0), "{model:?}: {stderr}");
                assert_eq!(stdout, "16000\n", "{model:?} lost a locked increment");
            }
        }
    }
}

/// Rounds of [`a_waiter_never_sleeps_through_the_release_that_frees_the_lock`], and
/// runs side by side in each: before the fix, about one Free round in 80 hung.
const ROUNDS: usize = 100;
const SIDE_BY_SIDE: usize = 2;
