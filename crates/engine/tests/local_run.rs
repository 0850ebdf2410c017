//! `engine::local_run`: a program on the virtual scheduler run on the calling thread,
//! reporting as it goes (the engine of the page's build without shared memory). Its
//! reports never change the run (the same seed prints the same as a virtual run
//! anywhere else), they come during a long run and not just at its end, a store rebuilt
//! from them holds what the run's own store would, a report can stop the run, and the
//! output between two reports stays within the queue's bounds.

use engine::local_run::{run_here, Cadence, Update};
use engine::native_host::run_captured;
use engine::program::Stream;
use engine::{GilModel, Outcome, RunOptions, SchedulerKind, StopSignal};
use std::sync::{Arc, Mutex};
use trace::store::TraceStore;

const RACE: &str = "
import threading
counter = 0
def bump(name):
    global counter
    for i in range(100_000):
        counter += 1
        if i % 25_000 == 0:
            print(name, i, counter)
threads = [threading.Thread(target=bump, args=(f't{n}',)) for n in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print('final', counter)
";

fn options(gil: GilModel, seed: u64) -> RunOptions {
    RunOptions {
        gil,
        seed,
        watch: vec!["counter".into()],
        ..RunOptions::default()
    }
}

/// Runs `source` with `run_here`, keeping every update.
fn run_local(source: &str, options: RunOptions, cadence: Cadence) -> (Outcome, Vec<Update>) {
    let updates = Arc::new(Mutex::new(Vec::new()));
    let kept = updates.clone();
    let outcome = run_here(
        source,
        "main.py",
        options,
        StopSignal::new(),
        cadence,
        move |update| kept.lock().unwrap().push(update),
    );
    let updates = std::mem::take(&mut *updates.lock().unwrap());
    (outcome, updates)
}

fn stdout_of(updates: &[Update]) -> String {
    updates
        .iter()
        .flat_map(|u| &u.output)
        .filter(|p| p.stream == Stream::Stdout)
        .map(|p| p.text.as_str())
        .collect()
}

/// Reports at every look at the clock.
const EVERY_GRANT: Cadence = Cadence {
    instructions: 5_000,
    every_ms: 0.0,
};

#[test]
fn reports_never_change_the_run() {
    for gil in [GilModel::Legacy, GilModel::Modern, GilModel::Free] {
        let virtual_run = RunOptions {
            scheduler: SchedulerKind::Virtual,
            ..options(gil, 9)
        };
        let (outcome, expected, stderr) = run_captured(RACE, "main.py", &virtual_run);
        assert_eq!(outcome, Outcome::Exited(0), "{stderr}");
        // The scheduler option is ignored: this is always the virtual scheduler.
        let (outcome, updates) = run_local(RACE, options(gil, 9), EVERY_GRANT);
        assert_eq!(outcome, Outcome::Exited(0));
        assert_eq!(stdout_of(&updates), expected, "{gil:?}");
        assert!(
            updates.len() > 50,
            "{gil:?}: only {} reports during a run of 400 000 updates",
            updates.len()
        );
        // Output arrives as it is printed, not all at the end.
        let with_output = updates.iter().filter(|u| !u.output.is_empty()).count();
        assert!(with_output > 5, "{gil:?}: output in {with_output} reports");
    }
}

#[test]
fn the_gil_models_still_show_what_they_show() {
    let final_counter = |gil| {
        let (_, updates) = run_local(RACE, options(gil, 3), Cadence::default());
        let out = stdout_of(&updates);
        out.lines()
            .last()
            .and_then(|l| l.strip_prefix("final "))
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or_else(|| panic!("no final line: {out}"))
    };
    assert_eq!(final_counter(GilModel::Modern), 400_000);
    assert!(final_counter(GilModel::Free) < 400_000);
    assert!(final_counter(GilModel::Legacy) < 400_000);
}

#[test]
fn a_store_rebuilt_from_the_reports_holds_the_runs_trace() {
    for gil in [GilModel::Modern, GilModel::Free] {
        let (_, updates) = run_local(RACE, options(gil, 5), EVERY_GRANT);
        let mut rebuilt = TraceStore::new(0);
        let mut lines_seen = false;
        for update in &updates {
            lines_seen |= update.lines.iter().any(|line| *line > 0);
            rebuilt.ingest_log(update.trace.clone());
        }
        // The same run on the virtual scheduler, its trace ingested directly.
        let trace = trace::Trace::new(engine::MAX_TRACED_THREADS);
        let virtual_run = RunOptions {
            scheduler: SchedulerKind::Virtual,
            trace: Some(trace.clone()),
            ..options(gil, 5)
        };
        let _ = run_captured(RACE, "main.py", &virtual_run);
        let mut direct = TraceStore::new(0);
        direct.ingest(&trace);
        // Every count is exact; only how often the start was summarized differs (the
        // direct store took the whole run in at once).
        let without_compactions = |store: &TraceStore| trace::store::Counters {
            compactions: 0,
            ..store.counters()
        };
        assert_eq!(
            without_compactions(&rebuilt),
            without_compactions(&direct),
            "{gil:?}"
        );
        let names: Vec<&str> = rebuilt.lanes().iter().map(|l| l.name()).collect();
        assert_eq!(
            names,
            [
                "MainThread",
                "Thread-1 (bump)",
                "Thread-2 (bump)",
                "Thread-3 (bump)",
                "Thread-4 (bump)"
            ],
            "{gil:?}"
        );
        assert!(rebuilt.lanes().iter().all(|lane| lane.is_done()), "{gil:?}");
        assert_eq!(
            rebuilt.watched("counter"),
            direct.watched("counter"),
            "{gil:?}"
        );
        assert!(lines_seen, "{gil:?}: no report said where a thread was");
    }
}

#[test]
fn a_report_can_stop_an_endless_loop() {
    let stop = StopSignal::new();
    let seen = Arc::new(Mutex::new(0));
    let (count, stopper) = (seen.clone(), stop.clone());
    let outcome = run_here(
        "import threading\ndef spin():\n    while True:\n        pass\nthreading.Thread(target=spin).start()\nwhile True:\n    pass\n",
        "main.py",
        options(GilModel::Modern, 1),
        stop,
        EVERY_GRANT,
        move |_| {
            let mut count = count.lock().unwrap();
            *count += 1;
            if *count == 20 {
                stopper.request();
            }
        },
    );
    assert_eq!(outcome, Outcome::Stopped);
    // The stop came at the 20th report; one more, the last, comes as the run ends.
    assert_eq!(*seen.lock().unwrap(), 21);
}

#[test]
fn a_deadlock_is_reported_at_once_with_its_cycle() {
    let source = "
import threading
a = threading.Lock()
b = threading.Lock()
def one():
    with a:
        with b:
            pass
def two():
    with b:
        with a:
            pass
a.acquire()
t1 = threading.Thread(target=one)
t2 = threading.Thread(target=two)
t1.start()
t2.start()
b_holder = threading.Event()
import time
time.sleep(0.1)
a.release()
t1.join()
t2.join()
";
    let (outcome, updates) = run_local(source, options(GilModel::Modern, 2), Cadence::default());
    let Outcome::Deadlock(report) = outcome else {
        panic!("not a deadlock: {outcome:?}");
    };
    let stderr: String = updates
        .iter()
        .flat_map(|u| &u.output)
        .filter(|p| p.stream == Stream::Stderr)
        .map(|p| p.text.as_str())
        .collect();
    assert!(stderr.contains(&report), "{stderr}");
}

#[test]
fn output_between_two_reports_stays_bounded() {
    // No report until the end: the queue keeps about a megabyte and counts the rest.
    let (outcome, updates) = run_local(
        "for i in range(300_000):\n    print('line', i)\n",
        options(GilModel::Modern, 0),
        Cadence {
            instructions: 20_000,
            every_ms: 3_600_000.0,
        },
    );
    assert_eq!(outcome, Outcome::Exited(0));
    assert_eq!(updates.len(), 1, "one report, at the end");
    let kept: usize = updates[0].output.iter().map(|p| p.text.len()).sum();
    assert!(
        kept <= engine::program::OUTPUT_PENDING_BYTES,
        "{kept} bytes kept"
    );
    let kept_lines = updates[0]
        .output
        .iter()
        .filter(|p| p.text.ends_with('\n'))
        .count() as u64;
    assert!(updates[0].dropped_lines > 0);
    assert_eq!(kept_lines + updates[0].dropped_lines, 300_000);
    assert!(stdout_of(&updates).ends_with("line 299999\n"));
}

#[test]
fn a_store_fed_many_small_reports_keeps_its_caps() {
    // Small caps, so a busy free-threaded run summarizes its start many times over.
    let limits = trace::store::StoreLimits {
        detail_cap: 5_000,
        ..trace::store::StoreLimits::default()
    };
    let store = Arc::new(Mutex::new(TraceStore::with_limits(0, limits)));
    let kept = store.clone();
    let outcome = run_here(
        RACE,
        "main.py",
        options(GilModel::Free, 3),
        StopSignal::new(),
        EVERY_GRANT,
        move |update| {
            let mut store = kept.lock().unwrap();
            store.ingest_log(update.trace);
            assert!(
                store.detail_len() <= 5_000,
                "{} detail items",
                store.detail_len()
            );
        },
    );
    assert_eq!(outcome, Outcome::Exited(0));
    let store = store.lock().unwrap();
    assert!(store.counters().compactions > 10, "{:?}", store.counters());
    assert!(store.counters().state_changes > 100_000);
    assert!(store.lanes().iter().all(|lane| lane.is_done()));
}
