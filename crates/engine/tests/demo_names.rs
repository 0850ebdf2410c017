//! The names a learner reads must agree: a demo that prints a thread's name prints the
//! name that thread's timeline lane shows (the semaphore demo once printed `T0` on a
//! lane named `Thread-1 (query)`), and executor workers get CPython 3.12's names
//! (`ThreadPoolExecutor-0_0`, ...) on their lanes, the same names they print
//! (tests/py_threads/executor_names*.py check the printed names against CPython's
//! goldens; here the lanes are checked against the printed names).

use demos::format::Description;
use engine::{GilModel, Outcome, RunOptions, SchedulerKind, StopSignal};
use std::path::Path;
use trace::store::{StoreLimits, TraceStore};
use trace::{clock, Trace};

/// Runs `source` with a trace on `scheduler`; returns the lane names and the printed
/// lines as (lane, text).
fn traced(source: &str, scheduler: SchedulerKind) -> (Vec<String>, Vec<(usize, String)>) {
    let trace = Trace::new(64);
    let options = RunOptions {
        gil: GilModel::Modern,
        scheduler,
        trace: Some(trace.clone()),
        ..RunOptions::default()
    };
    let host = engine::native_host::NativeHost::captured();
    let started = clock::now_ns();
    let outcome = engine::run_program(source, "main.py", host.clone(), StopSignal::new(), &options);
    assert!(
        matches!(outcome, Outcome::Exited(0) | Outcome::Deadlock(_)),
        "{outcome:?}: {:?}",
        host.captured_output()
    );
    let mut store = TraceStore::with_limits(started, StoreLimits::unbounded());
    store.ingest(&trace);
    let names = store
        .lanes()
        .iter()
        .map(|lane| lane.name().to_string())
        .collect();
    let printed = store
        .printed()
        .map(|(_, lane, text)| (*lane, text.clone()))
        .collect();
    (names, printed)
}

/// The thread a line says printed it: the text before its first `:` when that is one
/// word naming a thread (`T0: using connection`, `worker-3: done`): a name one of the
/// run's lanes has, or a word ending in a number (how programs number their threads).
fn claimed_thread<'a>(text: &'a str, lanes: &[String]) -> Option<&'a str> {
    let (head, _) = text.split_once(':')?;
    let head = head.trim();
    let numbered = head.ends_with(|c: char| c.is_ascii_digit())
        && head.starts_with(|c: char| c.is_ascii_alphabetic())
        && head
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    (numbered || lanes.iter().any(|lane| lane == head)).then_some(head)
}

#[test]
fn a_line_that_names_its_thread_names_its_lane() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../demos");
    let all: Vec<Description> = demos::format::read_dir(&dir).expect("demos/ reads");
    let mut checked = 0;
    let mut wrong = Vec::new();
    for scheduler in [SchedulerKind::Virtual, SchedulerKind::Threads] {
        for description in &all {
            let slug = description.one("slug").unwrap_or_default();
            let source = std::fs::read_to_string(description.program_path()).expect("reads");
            let (lanes, printed) = traced(&source, scheduler);
            for (lane, text) in &printed {
                let Some(claimed) = claimed_thread(text, &lanes) else {
                    continue;
                };
                checked += 1;
                let shown = lanes.get(*lane).map_or("?", String::as_str);
                if claimed != shown {
                    wrong.push(format!(
                        "{slug} ({scheduler:?}): {text:?} printed on the lane named {shown:?}"
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The demos that print their threads' names (deadlock, semaphore, thread_local)
    // were all seen, so the rule above was really applied.
    assert!(
        checked >= 2 * (4 + 8 + 3),
        "only {checked} lines named a thread"
    );
}

#[test]
fn the_rule_catches_a_printed_name_that_is_not_the_lanes() {
    let lanes = vec!["MainThread".to_string(), "Thread-1 (query)".to_string()];
    assert_eq!(claimed_thread("T0: using connection", &lanes), Some("T0"));
    assert_eq!(
        claimed_thread("MainThread: done", &lanes),
        Some("MainThread")
    );
    assert_eq!(claimed_thread("main: my own work is done", &lanes), None);
    assert_eq!(claimed_thread("Final counter: 500000", &lanes), None);
    assert_eq!(claimed_thread("Response from https://x", &lanes), None);
}

/// The executor demos' worker lanes are named as CPython 3.12 names the workers.
#[test]
fn executor_demo_lanes_have_cpython_names() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../demos");
    for (file, workers) in [("executor.py", 3), ("executor_map.py", 4)] {
        let source = std::fs::read_to_string(dir.join(file)).expect("reads");
        for scheduler in [SchedulerKind::Virtual, SchedulerKind::Threads] {
            let (lanes, _) = traced(&source, scheduler);
            let mut expected = vec!["MainThread".to_string()];
            expected.extend((0..workers).map(|n| format!("ThreadPoolExecutor-0_{n}")));
            assert_eq!(lanes, expected, "{file} on {scheduler:?}");
        }
    }
}

/// A program whose workers print their own names (CPython 3.12.1 printed these same
/// lines; tests/py_threads/executor_names_more.py is the longer version with goldens):
/// every name printed is the printing lane's name, and the lanes are CPython's names.
#[test]
fn executor_workers_print_the_names_their_lanes_show() {
    const PROGRAM: &str = "
from concurrent.futures import ThreadPoolExecutor
import threading

def who():
    name = threading.current_thread().name
    print(f'{name}: working')
    return name

barrier = threading.Barrier(2)
def both():
    barrier.wait()
    return who()

with ThreadPoolExecutor(max_workers=2) as pool:
    for future in [pool.submit(both) for _ in range(2)]:
        future.result()
with ThreadPoolExecutor(thread_name_prefix='fetch') as pool:
    pool.submit(who).result()
with ThreadPoolExecutor(1) as pool:
    pool.submit(who).result()
";
    for scheduler in [SchedulerKind::Virtual, SchedulerKind::Threads] {
        let (lanes, printed) = traced(PROGRAM, scheduler);
        assert_eq!(
            lanes,
            [
                "MainThread",
                "ThreadPoolExecutor-0_0",
                "ThreadPoolExecutor-0_1",
                "fetch_0",
                "ThreadPoolExecutor-1_0"
            ],
            "{scheduler:?}"
        );
        assert_eq!(printed.len(), 4, "{printed:?}");
        for (lane, text) in printed {
            assert_eq!(text, format!("{}: working", lanes[lane]), "{scheduler:?}");
        }
    }
}
