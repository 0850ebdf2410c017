//! The GIL models against CPython's ground truth, on real threads: the chapter's
//! unlocked counter (5 threads x 100_000 `counter += 1`) never loses an update under the
//! modern GIL (as CPython 3.12), loses updates for real without a GIL (free-threaded),
//! and the locked version is exact in every model.

use engine::native_host::NativeHost;
use engine::StopSignal;
use engine::{self, GilModel, Outcome, RunOptions, SchedulerKind};

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
