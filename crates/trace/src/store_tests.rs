//! Unit tests of the bounded trace store (store.rs).

use super::*;
use crate::Trace;

fn event(at_ns: u64, state: ThreadState, line: u32) -> TraceEvent {
    TraceEvent { at_ns, state, line }
}

fn mark(at_ns: u64, lane: usize, kind: MarkKind) -> Mark {
    Mark { at_ns, lane, kind }
}

fn small_limits() -> StoreLimits {
    StoreLimits {
        detail_cap: 1_000,
        summary_buckets: 64,
        printed_keep: 10,
        owners_cap: 4,
        watch_keep: 16,
        watch_names: 2,
    }
}

/// The state lane `lane` is in at `at_ns`, per the store's step function.
fn state_at(store: &TraceStore, lane: usize, at_ns: u64) -> Option<ThreadState> {
    let events = store.lanes()[lane].events();
    let after = events.partition_point(|e| e.at_ns <= at_ns);
    after.checked_sub(1).map(|index| events[index].state)
}

fn check_invariants(store: &TraceStore) {
    let limits = store.limits();
    assert!(
        store.detail_len() <= limits.detail_cap,
        "detail {} over its cap",
        store.detail_len()
    );
    let quantum = store.quantum_ns();
    let span = store.boundary_ns() - store.origin_ns();
    assert!(
        span.div_ceil(quantum) <= limits.summary_buckets,
        "summary too long"
    );
    for lane in store.lanes() {
        let events = lane.events();
        assert!(
            events.windows(2).all(|w| w[0].at_ns <= w[1].at_ns),
            "{}: out of order",
            lane.name()
        );
        assert!(lane.summary_len() as u64 <= limits.summary_buckets + 2);
        assert!(events[..lane.summary_len()]
            .iter()
            .all(|e| e.at_ns < store.boundary_ns()));
        assert!(events[lane.summary_len()..]
            .iter()
            .all(|e| e.at_ns >= store.boundary_ns()));
        let dones = events
            .iter()
            .filter(|e| e.state == ThreadState::Done)
            .count();
        assert!(dones <= 1 && (dones == 0 || lane.is_done()));
    }
    for track in store.gil_tracks() {
        assert!(track.summary().len() as u64 <= limits.summary_buckets + 1);
        assert!(track.marks().windows(2).all(|w| w[0].at_ns <= w[1].at_ns));
        for mark in track.marks() {
            assert_eq!(store.lanes()[mark.lane].process(), track.process());
        }
    }
    assert!(store.gil_tracks().len() <= store.lanes().len().max(1));
}

#[test]
fn caps_hold_after_millions_of_events_and_counters_stay_exact() {
    let mut store = TraceStore::new(1_000);
    let lanes = 4;
    let per_lane = 500_000u64;
    let mut handoffs = 0;
    let mut forced = 0;
    for step in 0..per_lane {
        for lane in 0..lanes {
            let at = 1_000 + step * 200 + lane as u64 * 10;
            let state = if (step + lane as u64).is_multiple_of(2) {
                ThreadState::Running
            } else {
                ThreadState::WaitingForGil
            };
            store.push_event(lane, event(at, state, 3));
            if state == ThreadState::Running {
                store.push_mark(mark(at, lane, MarkKind::GilTaken));
            } else {
                let force = step % 3 == 0;
                store.push_mark(mark(at, lane, MarkKind::GilDropped { forced: force }));
                handoffs += 1;
                forced += u64::from(force);
            }
        }
        if step % 1_000 == 0 {
            store.compact_if_needed();
            check_invariants(&store);
        }
    }
    store.compact_if_needed();
    check_invariants(&store);
    let counters = store.counters();
    assert_eq!(counters.state_changes, per_lane * lanes as u64);
    assert_eq!(
        (counters.gil_handoffs, counters.gil_forced),
        (handoffs, forced)
    );
    assert!(counters.compactions > 10, "{counters:?}");
    let cap = store.limits().detail_cap + lanes * (store.limits().summary_buckets as usize + 2);
    assert!(
        store.retained_events() <= cap,
        "{}",
        store.retained_events()
    );
    assert!(
        store.approx_bytes() < 8 << 20,
        "{} bytes",
        store.approx_bytes()
    );
    assert!(store.is_summarized());
    // The summary covers the run from its start: every lane's first event is its exact
    // first change.
    for lane in 0..lanes {
        assert_eq!(
            store.lanes()[lane].events()[0].at_ns,
            1_000 + lane as u64 * 10
        );
    }
}

#[test]
fn a_lane_summary_shows_the_dominant_state_and_keeps_start_and_done_exact() {
    let limits = StoreLimits {
        detail_cap: 8,
        summary_buckets: 16,
        ..small_limits()
    };
    let mut store = TraceStore::with_limits(0, limits);
    // Lane 0: starts at 5, mostly sleeping, ends exactly at 12_345.
    store.push_event(0, event(5, ThreadState::Running, 1));
    store.push_event(0, event(100, ThreadState::Sleeping, 2));
    store.push_event(0, event(12_000, ThreadState::Running, 3));
    store.push_event(0, event(12_345, ThreadState::Done, 3));
    // Lane 1 keeps changing until late.
    for step in 0..40u64 {
        let state = [ThreadState::Running, ThreadState::Blocked][(step % 2) as usize];
        store.push_event(1, event(step * 1_000 + 7, state, 4));
    }
    store.compact_if_needed();
    check_invariants(&store);
    assert!(store.is_summarized());
    let lane = &store.lanes()[0];
    assert_eq!(lane.events()[0].at_ns, 5, "the start is exact");
    assert_eq!(
        lane.events().last(),
        Some(&event(12_345, ThreadState::Done, 3))
    );
    assert_eq!(state_at(&store, 0, 6_000), Some(ThreadState::Sleeping));
    assert_eq!(state_at(&store, 0, 2), None, "nothing before the start");
}

#[test]
fn the_state_at_the_boundary_is_exact() {
    let limits = StoreLimits {
        detail_cap: 10,
        summary_buckets: 8,
        ..small_limits()
    };
    let mut store = TraceStore::with_limits(0, limits);
    // Lane 0 runs, then blocks just before the end of a bucket and stays blocked.
    store.push_event(0, event(0, ThreadState::Running, 1));
    store.push_event(0, event(9_990, ThreadState::Blocked, 2));
    store.push_mark(mark(
        9_989,
        0,
        MarkKind::WaitsFor {
            what: "lock_a".into(),
        },
    ));
    // Lane 1 makes the detail overflow much later.
    for step in 0..20u64 {
        store.push_event(1, event(50_000 + step, ThreadState::Running, 1));
    }
    store.compact_if_needed();
    check_invariants(&store);
    let boundary = store.boundary_ns();
    assert!(boundary > 9_990, "boundary {boundary}");
    // Whatever the buckets say before it, from the boundary on lane 0 is blocked, and
    // the wait it began with is still known.
    assert_eq!(state_at(&store, 0, boundary), Some(ThreadState::Blocked));
    assert_eq!(state_at(&store, 0, 49_000), Some(ThreadState::Blocked));
    assert_eq!(store.lanes()[0].wait_before(boundary), Some("lock_a"));
}

#[test]
fn incremental_ingest_across_compactions_loses_no_count() {
    let trace = Trace::new(3);
    let writers: Vec<_> = (0..3)
        .map(|i| trace.register(format!("T{i}")).unwrap())
        .collect();
    let mut store = TraceStore::with_limits(0, small_limits());
    let mut at = 0;
    let mut recorded = 0;
    for round in 0..200u64 {
        for (lane, writer) in writers.iter().enumerate() {
            for k in 0..30u64 {
                at += 17;
                let state = ThreadState::ALL[((round + k + lane as u64) % 4) as usize];
                writer.record_at(state, at, (k % 7) as u32);
                recorded += 1;
            }
            writer.mark_at(MarkKind::GilTaken, at);
            writer.mark_at(MarkKind::GilDropped { forced: true }, at + 1);
        }
        store.ingest(&trace);
        check_invariants(&store);
    }
    writers[2].record_at(ThreadState::Done, at + 100, 0);
    store.ingest(&trace);
    check_invariants(&store);
    let counters = store.counters();
    assert_eq!(counters.state_changes, recorded + 1);
    assert_eq!((counters.gil_handoffs, counters.gil_forced), (600, 600));
    assert!(counters.compactions > 0);
    assert_eq!(counters.moved_to_boundary, 0, "nothing arrived late");
    assert_eq!(store.lanes()[1].name(), "T1");
    assert!(store.lanes()[2].is_done());
    assert!(!store.lanes()[0].is_done());
    // Nothing is left in the lanes.
    let mut log = TraceLog::default();
    trace.drain_into(&mut log);
    assert!(log.lanes.iter().all(|l| l.events.is_empty()) && log.marks.is_empty());
}

#[test]
fn a_virtual_clock_run_far_from_zero_summarizes_the_same_way() {
    // The virtual scheduler stamps events on its own clock, which may be far ahead of
    // the real one and dense (an instruction costs 5 ns).
    let origin = 7_000_000_000_000;
    let mut store = TraceStore::with_limits(origin, small_limits());
    let mut at = origin;
    for step in 0..300_000u64 {
        at += 5 * (1 + step % 24);
        let lane = (step % 3) as usize;
        let state = if step % 2 == 0 {
            ThreadState::Running
        } else {
            ThreadState::WaitingForGil
        };
        store.push_event(lane, event(at, state, 1));
        if step % 500 == 0 {
            store.compact_if_needed();
        }
    }
    store.compact_if_needed();
    check_invariants(&store);
    assert!(
        store.boundary_ns() > origin && store.boundary_ns() <= at,
        "boundary {} origin {origin} last {at} quantum {}",
        store.boundary_ns(),
        store.quantum_ns()
    );
    assert_eq!(store.counters().state_changes, 300_000);
}

#[test]
fn the_gil_summary_shows_the_holder_and_the_boundary_holder_is_exact() {
    let limits = StoreLimits {
        detail_cap: 20,
        summary_buckets: 8,
        ..small_limits()
    };
    let mut store = TraceStore::with_limits(0, limits);
    // Lane 0 holds the GIL for most of 0..10_000; lane 1 takes it at 9_000 and keeps it.
    store.push_mark(mark(10, 0, MarkKind::GilTaken));
    store.push_mark(mark(9_000, 0, MarkKind::GilDropped { forced: true }));
    store.push_mark(mark(9_001, 1, MarkKind::GilTaken));
    for step in 0..30u64 {
        store.push_event(2, event(40_000 + step, ThreadState::Running, 1));
    }
    store.compact_if_needed();
    check_invariants(&store);
    let summary = store.gil_summary();
    let holder_at = |at: u64| {
        let after = summary.partition_point(|b| b.at_ns <= at);
        summary[after - 1].holder
    };
    assert_eq!(holder_at(4_000), Some(0), "{summary:?}");
    assert!(summary.iter().any(|b| b.tick == 2), "{summary:?}");
    // The detail starts with who really held it at the boundary.
    let first = store.gil()[0];
    assert_eq!(
        (first.at_ns, first.lane, first.synthetic),
        (store.boundary_ns(), 1, true)
    );
    assert_eq!(store.counters().gil_handoffs, 1);
    // The export leaves the synthetic mark out.
    assert!(store
        .marks()
        .iter()
        .all(|m| !matches!(m.kind, MarkKind::GilTaken | MarkKind::GilDropped { .. })));
}

#[test]
fn prints_owners_and_watches_stay_capped() {
    let mut store = TraceStore::with_limits(0, small_limits());
    for i in 0..1_000u64 {
        store.push_mark(mark(
            i,
            0,
            MarkKind::Printed {
                text: format!("line {i}"),
            },
        ));
        store.push_mark(mark(
            i,
            (i % 3) as usize,
            MarkKind::LockOwner {
                lock: format!("lock{}", i % 9),
            },
        ));
        store.push_mark(mark(
            i,
            1,
            MarkKind::Watch {
                name: "counter".into(),
                value: i.to_string(),
            },
        ));
        store.push_mark(mark(
            i,
            1,
            MarkKind::Watch {
                name: format!("other{}", i % 5),
                value: "0".into(),
            },
        ));
    }
    let counters = store.counters();
    assert_eq!(
        (
            counters.prints,
            counters.lock_owner_changes,
            counters.watch_samples
        ),
        (1_000, 1_000, 2_000)
    );
    let printed: Vec<_> = store.printed().map(|(_, _, t)| t.clone()).collect();
    assert_eq!(printed.len(), 10);
    assert_eq!(printed.last().map(String::as_str), Some("line 999"));
    // The owner map remembers the most recent locks only, and their owners exactly.
    assert_eq!(store.owner_of("lock0"), Some(0)); // 999 = 9 * 111: lock0, lane 0
    assert_eq!(store.owner_of("lock1"), None, "evicted as the oldest");
    assert_eq!(store.watched("counter"), Some("999"));
    assert!(store.watches().len() <= 2);
    let history = store.watches()[0].history();
    assert!(history.len() <= 16, "{}", history.len());
    assert_eq!(history.last().map(|s| s.value.as_str()), Some("999"));
    assert!(history.windows(2).all(|w| w[0].at_ns <= w[1].at_ns));
}

#[test]
fn waits_are_kept_for_the_detail_window_and_the_last_one_before_it() {
    let limits = StoreLimits {
        detail_cap: 10,
        summary_buckets: 16,
        ..small_limits()
    };
    let mut store = TraceStore::with_limits(0, limits);
    for i in 0..40u64 {
        store.push_mark(mark(
            i * 1_000,
            0,
            MarkKind::WaitsFor {
                what: format!("w{i}"),
            },
        ));
        store.push_event(0, event(i * 1_000 + 1, ThreadState::Blocked, 1));
        store.push_event(0, event(i * 1_000 + 500, ThreadState::Running, 1));
    }
    store.compact_if_needed();
    check_invariants(&store);
    let lane = &store.lanes()[0];
    let boundary = store.boundary_ns();
    let before = lane.waits().iter().filter(|(at, _)| *at < boundary).count();
    assert_eq!(before, 1, "{:?}", lane.waits());
    assert_eq!(store.counters().waits, 40);
    assert_eq!(lane.wait_before(39_999), Some("w39"));
}

#[test]
fn a_late_event_moves_to_the_boundary_and_order_holds() {
    let limits = StoreLimits {
        detail_cap: 10,
        summary_buckets: 16,
        ..small_limits()
    };
    let mut store = TraceStore::with_limits(0, limits);
    for i in 0..30u64 {
        store.push_event(0, event(i * 100, ThreadState::ALL[(i % 3) as usize], 1));
    }
    store.compact_if_needed();
    let boundary = store.boundary_ns();
    assert!(boundary > 500);
    store.push_event(1, event(3, ThreadState::Running, 1));
    assert_eq!(store.lanes()[1].events()[0].at_ns, boundary);
    assert_eq!(store.counters().moved_to_boundary, 1);
    check_invariants(&store);
}

#[test]
fn a_long_printed_line_is_cut_when_recorded() {
    let trace = Trace::new(1);
    let writer = trace.register("main").unwrap();
    writer.mark_at(
        MarkKind::Printed {
            text: "é".repeat(10_000),
        },
        5,
    );
    let mut store = TraceStore::new(0);
    store.ingest(&trace);
    let (_, _, text) = store.printed().next().unwrap();
    assert!(text.len() <= crate::PRINTED_TEXT_KEEP + 3, "{}", text.len());
    assert!(text.ends_with('\u{2026}'));
}

#[test]
fn only_an_empty_store_moves_its_origin() {
    let mut store = TraceStore::new(1_000);
    assert!(store.restart_at(5_000));
    assert_eq!(
        (store.origin_ns(), store.boundary_ns(), store.last_ns()),
        (5_000, 5_000, 5_000)
    );
    store.set_lane_name(0, "MainThread");
    store.push_event(0, event(6_000, ThreadState::Running, 1));
    assert!(
        !store.restart_at(9_000),
        "a store with events keeps its origin"
    );
    assert_eq!(store.origin_ns(), 5_000);
    assert_eq!(store.lanes()[0].events().len(), 1);
}

#[test]
fn a_store_fed_drained_logs_equals_one_fed_the_trace() {
    // The same recording twice: one store ingests the trace itself, the other the logs
    // drained from a twin trace at the same moments (as the page's worker sends them).
    let direct_trace = Trace::new(3);
    let sent_trace = Trace::new(3);
    let writers: Vec<_> = (0..3)
        .map(|i| {
            (
                direct_trace.register(format!("T{i}")).unwrap(),
                sent_trace.register(format!("T{i}")).unwrap(),
            )
        })
        .collect();
    let mut direct = TraceStore::with_limits(0, small_limits());
    let mut fed = TraceStore::with_limits(0, small_limits());
    let mut at = 0;
    for round in 0..150u64 {
        for (lane, (a, b)) in writers.iter().enumerate() {
            for k in 0..25u64 {
                at += 13;
                let state = ThreadState::ALL[((round * 3 + k + lane as u64) % 4) as usize];
                a.record_at(state, at, k as u32);
                b.record_at(state, at, k as u32);
            }
            for writer in [a, b] {
                writer.mark_at(
                    MarkKind::GilDropped {
                        forced: round % 2 == 0,
                    },
                    at,
                );
                writer.mark_at(
                    MarkKind::Printed {
                        text: format!("line {round}"),
                    },
                    at,
                );
            }
        }
        direct.ingest(&direct_trace);
        let mut log = TraceLog::default();
        sent_trace.drain_into(&mut log);
        fed.ingest_log(log);
        check_invariants(&fed);
    }
    assert_eq!(fed.counters(), direct.counters());
    assert!(fed.counters().compactions > 0);
    assert_eq!(fed.boundary_ns(), direct.boundary_ns());
    for (a, b) in fed.lanes().iter().zip(direct.lanes()) {
        assert_eq!(a.name(), b.name());
        assert_eq!(a.events(), b.events());
    }
    assert_eq!(fed.marks(), direct.marks());
}

#[test]
fn each_process_has_its_own_bounded_gil_lane_fed_directly_or_by_logs() {
    // The main process (two threads) and two children (pids 41 and 42, one thread
    // each), every thread taking and dropping its own process's GIL over and over.
    let direct_trace = Trace::new(4);
    let sent_trace = Trace::new(4);
    let lanes = [
        ("MainThread", 0),
        ("Thread-1", 0),
        ("Process-1 \u{b7} MainThread", 41),
        ("Process-2 \u{b7} MainThread", 42),
    ];
    let writers: Vec<_> = lanes
        .iter()
        .map(|(name, process)| {
            (
                direct_trace.register_in(*name, *process).unwrap(),
                sent_trace.register_in(*name, *process).unwrap(),
            )
        })
        .collect();
    let mut direct = TraceStore::with_limits(0, small_limits());
    let mut fed = TraceStore::with_limits(0, small_limits());
    let mut at = 0;
    for _round in 0..400u64 {
        for (a, b) in &writers {
            at += 10;
            for writer in [a, b] {
                writer.record_at(ThreadState::Running, at, 1);
                writer.mark_at(MarkKind::GilTaken, at);
                writer.mark_at(MarkKind::GilDropped { forced: true }, at + 5);
            }
        }
        direct.ingest(&direct_trace);
        let mut log = TraceLog::default();
        sent_trace.drain_into(&mut log);
        fed.ingest_log(log);
        check_invariants(&fed);
        check_invariants(&direct);
    }
    for store in [&direct, &fed] {
        assert!(store.counters().compactions > 0);
        assert_eq!(store.counters().gil_handoffs, 4 * 400);
        let children: Vec<u64> = store.process_gils().iter().map(|g| g.process()).collect();
        assert_eq!(children, [41, 42]);
        assert_eq!(store.process_name(41), Some("Process-1"));
        assert_eq!(store.process_name(0), None);
        // Each lane holds only its own process's threads, summary included.
        let holders = |track: &GilTrack| {
            let mut lanes: Vec<usize> = track
                .marks()
                .iter()
                .map(|m| m.lane)
                .chain(track.summary().iter().filter_map(|b| b.holder))
                .collect();
            lanes.sort();
            lanes.dedup();
            lanes
        };
        assert_eq!(holders(&store.gil_tracks()[0]), [0, 1]);
        assert_eq!(holders(&store.process_gils()[0]), [2]);
        assert_eq!(holders(&store.process_gils()[1]), [3]);
        assert!(!store.process_gils()[0].summary().is_empty());
    }
    assert_eq!(fed.marks(), direct.marks());
}
