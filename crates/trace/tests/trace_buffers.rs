//! The trace layer under concurrency: many writers, a reader draining while they write,
//! and the shared clock read from many threads.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Barrier};
use std::thread;
use trace::{clock, ThreadState, Trace, TraceLog};

const WRITERS: usize = 16;
const EVENTS_PER_WRITER: u64 = 40_000;

#[test]
fn concurrent_writers_lose_and_reorder_nothing_per_lane() {
    let trace = Trace::new(WRITERS);
    let start = Arc::new(Barrier::new(WRITERS + 1));
    let writers_done = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..WRITERS)
        .map(|index| {
            let lane = trace
                .register(format!("writer-{index}"))
                .expect("a lane per writer");
            let start = Arc::clone(&start);
            thread::spawn(move || {
                start.wait();
                // The timestamp doubles as a sequence number, so order can be checked.
                for sequence in 0..EVENTS_PER_WRITER {
                    let state = ThreadState::ALL[(sequence % 4) as usize];
                    lane.record_at(state, sequence, 0);
                }
            })
        })
        .collect();

    // One reader drains while the writers write, as the UI does every frame.
    let reader = {
        let trace = Arc::clone(&trace);
        let writers_done = Arc::clone(&writers_done);
        let start = Arc::clone(&start);
        thread::spawn(move || {
            let mut log = TraceLog::default();
            let mut drains = 0u64;
            start.wait();
            while !writers_done.load(Ordering::Acquire) {
                trace.drain_into(&mut log);
                drains += 1;
            }
            trace.drain_into(&mut log);
            (log, drains)
        })
    };
    for writer in writers {
        writer.join().unwrap();
    }
    writers_done.store(true, Ordering::Release);
    let (log, drains) = reader.join().unwrap();

    // How many drains overlapped the writes depends on scheduling; report it only.
    println!("reader drained {drains} times while {WRITERS} writers wrote");
    assert_eq!(log.lanes.len(), WRITERS);
    for (index, lane) in log.lanes.iter().enumerate() {
        assert_eq!(lane.name, format!("writer-{index}"));
        assert_eq!(
            lane.events.len() as u64,
            EVENTS_PER_WRITER,
            "lane {index} lost events"
        );
        for (expected, event) in lane.events.iter().enumerate() {
            assert_eq!(event.at_ns, expected as u64, "lane {index} reordered");
            assert_eq!(event.state, ThreadState::ALL[expected % 4]);
        }
    }
}

#[test]
fn lanes_beyond_capacity_are_refused() {
    let trace = Trace::new(2);
    assert!(trace.register("a").is_some());
    assert!(trace.register("b").is_some());
    assert!(trace.register("c").is_none());
    let mut log = TraceLog::default();
    trace.drain_into(&mut log);
    assert_eq!(log.lanes.len(), 2);
}

#[test]
fn clock_is_monotonic_across_threads() {
    // Every reading is published; any thread that has seen a published reading must
    // never read the clock lower than it afterwards.
    let latest = Arc::new(AtomicU64::new(0));
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let latest = Arc::clone(&latest);
            thread::spawn(move || {
                let mut previous_own = 0;
                for _ in 0..200_000 {
                    let seen = latest.load(Ordering::Acquire);
                    let now = clock::now_ns();
                    assert!(
                        now >= seen,
                        "clock went back: {now} < {seen} seen elsewhere"
                    );
                    assert!(now >= previous_own, "clock went back within a thread");
                    previous_own = now;
                    latest.fetch_max(now, Ordering::AcqRel);
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    assert!(
        latest.load(Ordering::Acquire) > 0,
        "the clock never advanced"
    );
}

#[test]
fn lane_log_turns_events_into_spans() {
    let trace = Trace::new(1);
    let lane = trace.register("t").unwrap();
    lane.record_at(ThreadState::Running, 10, 0);
    lane.record_at(ThreadState::Sleeping, 20, 0);
    lane.record_at(ThreadState::Running, 70, 0);
    let mut log = TraceLog::default();
    trace.drain_into(&mut log);
    let open = log.lanes[0].spans(100);
    assert_eq!(open.len(), 3);
    assert_eq!(
        (open[1].state, open[1].start_ns, open[1].end_ns),
        (ThreadState::Sleeping, 20, 70)
    );
    assert_eq!(
        (open[2].start_ns, open[2].end_ns),
        (70, 100),
        "the open span runs to now"
    );
    assert!(!log.lanes[0].is_done());

    lane.record_at(ThreadState::Done, 80, 0);
    trace.drain_into(&mut log);
    let closed = log.lanes[0].spans(1_000);
    assert_eq!(closed.len(), 3, "Done adds no span");
    assert_eq!(
        closed[2].end_ns, 80,
        "the last span ends at Done, not at now"
    );
    assert!(log.lanes[0].is_done());
    assert_eq!(log.time_range(), Some((10, 80)));
}
