//! The Chrome Trace Event export of a threaded run, on both schedulers, follows the
//! format's rules: valid JSON, a thread-name metadata event for every track, complete
//! events that never overlap within a thread (so they nest properly), non-decreasing
//! timestamps per thread, non-negative durations, only the known state names,
//! thread-scoped instant events and numeric counter events. It holds what the timeline
//! needs: GIL hand-offs of both kinds, lock owner changes, printed lines with their
//! thread, the program line of each span, and the watched counter's values. Its
//! metadata says whether the start was summarized; a summarized store (as a long run
//! leaves it) exports under the same rules, its summary spans marked.

use engine::native_host::NativeHost;
use engine::StopSignal;
use engine::{self, Outcome, RunOptions, SchedulerKind};
use std::collections::HashMap;
use trace::store::{StoreLimits, TraceStore};
use trace::{chrome, clock, ThreadState, Trace, TraceLog};

const PROGRAM: &str = "
import threading, time
lock = threading.Lock()
total = 0
def work(n):
    global total
    time.sleep(0.02)
    for _ in range(20_000):
        with lock:
            total += 1
threads = [threading.Thread(target=work, args=(i,), name=f'worker-{i}') for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(total)
";

#[test]
fn exported_trace_follows_the_chrome_trace_event_rules() {
    check_export(SchedulerKind::Threads);
}

#[test]
fn exported_trace_of_the_virtual_scheduler_follows_the_rules() {
    check_export(SchedulerKind::Virtual);
}

/// Runs PROGRAM on `scheduler`, recording into a fresh trace; returns it and the start.
fn traced_run(scheduler: SchedulerKind) -> (std::sync::Arc<Trace>, u64) {
    let trace = Trace::new(16);
    let options = RunOptions {
        trace: Some(trace.clone()),
        scheduler,
        watch: vec!["total".into()],
        ..RunOptions::default()
    };
    let host = NativeHost::captured();
    let started = clock::now_ns();
    let outcome = engine::run_program(
        PROGRAM,
        "traced.py",
        host.clone(),
        StopSignal::new(),
        &options,
    );
    assert_eq!(outcome, Outcome::Exited(0), "{:?}", host.captured_output());
    assert_eq!(host.captured_output().0, "60000\n");
    (trace, started)
}

/// What a document holds, after checking the format's rules.
#[derive(Default)]
struct Exported {
    names: HashMap<u64, String>,
    spans: usize,
    spans_with_lines: usize,
    summary_spans: usize,
    instants: HashMap<String, usize>,
    printed: Vec<(u64, String)>,
    counter_values: Vec<f64>,
    metadata: serde_json::Value,
}

fn check_document(json: &str) -> Exported {
    let document: serde_json::Value = serde_json::from_str(json).expect("valid JSON");
    let events = document["traceEvents"]
        .as_array()
        .expect("a traceEvents array");
    assert!(
        document["metadata"].is_object(),
        "the object form carries metadata"
    );

    let labels: Vec<&str> = ThreadState::ALL.iter().map(|s| s.label()).collect();
    let mut out = Exported {
        metadata: document["metadata"].clone(),
        ..Exported::default()
    };
    let Exported {
        names,
        spans,
        spans_with_lines,
        summary_spans,
        instants,
        printed,
        counter_values,
        ..
    } = &mut out;
    let mut last_end: HashMap<u64, f64> = HashMap::new();
    let mut last_instant: HashMap<u64, f64> = HashMap::new();
    for event in events {
        let tid = event["tid"].as_u64().expect("tid");
        match event["ph"].as_str().expect("ph") {
            "i" => {
                assert_eq!(event["s"], "t", "instant events are thread-scoped: {event}");
                assert!(
                    names.contains_key(&tid),
                    "instant on an unnamed track: {event}"
                );
                let ts = event["ts"].as_f64().expect("ts");
                assert!(ts >= 0.0, "{event}");
                // Each thread's own events come in its order.
                let previous = last_instant.get(&tid).copied().unwrap_or(0.0);
                assert!(ts + 0.002 >= previous, "instant out of order: {event}");
                last_instant.insert(tid, ts);
                let name = event["name"].as_str().unwrap().to_string();
                if name == "print" {
                    printed.push((tid, event["args"]["text"].as_str().unwrap().to_string()));
                }
                *instants.entry(name).or_default() += 1;
            }
            "C" => {
                assert_eq!(event["name"], "total", "{event}");
                counter_values.push(event["args"]["value"].as_f64().expect("a number"));
            }
            "M" => {
                if event["name"] == "thread_name" {
                    names.insert(tid, event["args"]["name"].as_str().unwrap().to_string());
                }
            }
            // A GIL track's span (one track per process): who held that GIL, on a
            // named track, in order; counted apart from the threads' state spans.
            "X" if event["cat"] == "gil" => {
                let name = event["name"].as_str().expect("name");
                let holder = name
                    .strip_prefix("held by ")
                    .unwrap_or_else(|| panic!("a GIL span names its holder: {event}"));
                assert!(
                    names.values().any(|thread| thread == holder),
                    "the GIL held by an unknown thread: {event}"
                );
                assert!(
                    names.contains_key(&tid),
                    "GIL span on an unnamed track: {event}"
                );
                let ts = event["ts"].as_f64().expect("ts");
                let dur = event["dur"].as_f64().expect("dur");
                assert!(dur >= 0.0, "negative duration: {event}");
                let previous = last_end.get(&tid).copied().unwrap_or(0.0);
                assert!(ts + 0.002 >= previous, "overlapping GIL spans: {event}");
                last_end.insert(tid, ts + dur);
            }
            "X" => {
                *spans += 1;
                let ts = event["ts"].as_f64().expect("ts");
                let dur = event["dur"].as_f64().expect("dur");
                assert!(dur >= 0.0, "negative duration: {event}");
                assert!(
                    labels.contains(&event["name"].as_str().unwrap()),
                    "unknown state: {event}"
                );
                assert!(
                    names.contains_key(&tid),
                    "span before its thread's name: {event}"
                );
                let previous = last_end.get(&tid).copied().unwrap_or(0.0);
                // Allow for the three decimals the export rounds to.
                assert!(
                    ts + 0.002 >= previous,
                    "overlapping or out-of-order span on tid {tid}: {event}"
                );
                last_end.insert(tid, ts + dur);
                if event["args"]["line"].as_u64().is_some_and(|line| line > 0) {
                    *spans_with_lines += 1;
                }
                if event["args"]["summary"] == true {
                    *summary_spans += 1;
                }
            }
            other => panic!("unexpected phase {other}"),
        }
    }
    out
}

fn check_export(scheduler: SchedulerKind) {
    let (trace, started) = traced_run(scheduler);
    let mut log = TraceLog::default();
    trace.drain_into(&mut log);
    let json = chrome::to_json(&log, started, clock::now_ns());
    let Exported {
        names,
        spans,
        spans_with_lines,
        summary_spans,
        instants,
        printed,
        counter_values,
        metadata,
    } = check_document(&json);
    assert_eq!(metadata["summarized"], false, "{metadata}");
    assert_eq!(summary_spans, 0);
    let state_changes: usize = log.lanes.iter().map(|l| l.events.len()).sum();
    assert_eq!(
        metadata["state_changes"], state_changes as u64,
        "{metadata}"
    );
    // Every run's export has one GIL track per process: here only the main one.
    assert_eq!(names.values().filter(|n| *n == "GIL").count(), 1);
    let mut thread_names: Vec<String> = names
        .values()
        .filter(|n| !n.starts_with("GIL"))
        .cloned()
        .collect();
    thread_names.sort();
    assert_eq!(
        thread_names,
        ["MainThread", "worker-0", "worker-1", "worker-2"]
    );
    assert!(spans >= 4 * 3, "too few spans: {spans}");
    assert!(spans_with_lines > 0, "no span carries its program line");
    // GIL hand-offs of both kinds, and lock's changes of owner.
    for name in ["GIL taken", "GIL dropped (voluntary)", "owns lock"] {
        assert!(
            instants.contains_key(name),
            "no {name:?} event: {instants:?}"
        );
    }
    assert!(
        instants.keys().any(|name| name.starts_with("waits for")),
        "{instants:?}"
    );
    // The printed line, on the main thread's track.
    let main_tid = names
        .iter()
        .find(|(_, name)| name.as_str() == "MainThread")
        .map(|(tid, _)| *tid)
        .unwrap();
    assert_eq!(printed, [(main_tid, "60000".to_string())]);
    // The watched counter was sampled as it grew and ends at the final total.
    assert!(counter_values.len() >= 2, "{counter_values:?}");
    assert_eq!(counter_values.last(), Some(&60000.0), "{counter_values:?}");
    // Every thread slept, and the main thread blocked in join.
    for lane in &log.lanes {
        let states: Vec<ThreadState> = lane.events.iter().map(|e| e.state).collect();
        if lane.name.starts_with("worker") {
            assert!(
                states.contains(&ThreadState::Sleeping),
                "{}: {states:?}",
                lane.name
            );
        } else {
            assert!(
                states.contains(&ThreadState::Blocked),
                "{}: {states:?}",
                lane.name
            );
        }
        assert_eq!(states.last(), Some(&ThreadState::Done), "{}", lane.name);
    }
}

#[test]
fn a_summarized_store_exports_by_the_same_rules_and_says_so() {
    for scheduler in [SchedulerKind::Threads, SchedulerKind::Virtual] {
        let (trace, started) = traced_run(scheduler);
        // Tiny caps, so this short run is summarized the way a long one would be.
        let limits = StoreLimits {
            detail_cap: 40,
            summary_buckets: 32,
            ..StoreLimits::default()
        };
        let mut store = TraceStore::with_limits(started, limits);
        store.ingest(&trace);
        assert!(store.is_summarized(), "{scheduler:?}: not summarized");
        let json = chrome::store_to_json(&store, clock::now_ns());
        let exported = check_document(&json);
        let metadata = &exported.metadata;
        assert_eq!(metadata["summarized"], true, "{metadata}");
        let before_ms = metadata["summary_before_ms"].as_f64().expect("where");
        let quantum_ms = metadata["summary_quantum_ms"].as_f64().expect("resolution");
        assert!(before_ms > 0.0 && quantum_ms > 0.0, "{metadata}");
        assert!(before_ms / quantum_ms <= 32.0 + 1e-6, "{metadata}");
        let counters = store.counters();
        assert_eq!(
            metadata["state_changes"], counters.state_changes,
            "{metadata}"
        );
        assert_eq!(
            metadata["gil_handoffs"], counters.gil_handoffs,
            "{metadata}"
        );
        assert!(exported.summary_spans > 0, "{scheduler:?}: no summary span");
        let mut thread_names: Vec<String> = exported
            .names
            .values()
            .filter(|n| !n.starts_with("GIL"))
            .cloned()
            .collect();
        thread_names.sort();
        assert_eq!(
            thread_names,
            ["MainThread", "worker-0", "worker-1", "worker-2"]
        );
        // The printed line is kept (prints are counted, the last ones kept).
        assert_eq!(exported.printed.len(), 1);
        // Every thread still ends exactly where it ended: no span runs past it.
        for lane in store.lanes() {
            assert!(lane.is_done(), "{}", lane.name());
        }
    }
}
