//! The Chrome Trace Event export of a threaded run follows the format's rules: valid
//! JSON, a thread-name metadata event for every track, complete events that never
//! overlap within a thread (so they nest properly), non-decreasing timestamps per
//! thread, non-negative durations, and only the known state names.

use std::collections::HashMap;
use threadplay::engine::{self, Outcome, RunOptions};
use threadplay::native_host::NativeHost;
use threadplay::trace::{chrome, clock, ThreadState, Trace, TraceLog};
use threadplay::vm::StopFlag;

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
    let trace = Trace::new(16);
    let options = RunOptions {
        trace: Some(trace.clone()),
        ..RunOptions::default()
    };
    let host = NativeHost::captured();
    let started = clock::now_ns();
    let outcome = engine::run_program(
        PROGRAM,
        "traced.py",
        host.clone(),
        StopFlag::default(),
        &options,
    );
    assert_eq!(outcome, Outcome::Exited(0), "{:?}", host.captured_output());
    assert_eq!(host.captured_output().0, "60000\n");

    let mut log = TraceLog::default();
    trace.drain_into(&mut log);
    let json = chrome::to_json(&log, started, clock::now_ns());
    let document: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let events = document["traceEvents"]
        .as_array()
        .expect("a traceEvents array");

    let labels: Vec<&str> = ThreadState::ALL.iter().map(|s| s.label()).collect();
    let mut names: HashMap<u64, String> = HashMap::new();
    let mut last_end: HashMap<u64, f64> = HashMap::new();
    let mut spans = 0;
    for event in events {
        let tid = event["tid"].as_u64().expect("tid");
        match event["ph"].as_str().expect("ph") {
            "M" => {
                if event["name"] == "thread_name" {
                    names.insert(tid, event["args"]["name"].as_str().unwrap().to_string());
                }
            }
            "X" => {
                spans += 1;
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
            }
            other => panic!("unexpected phase {other}"),
        }
    }
    let mut thread_names: Vec<String> = names.values().cloned().collect();
    thread_names.sort();
    assert_eq!(
        thread_names,
        ["MainThread", "worker-0", "worker-1", "worker-2"]
    );
    assert!(spans >= 4 * 3, "too few spans: {spans}");
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
