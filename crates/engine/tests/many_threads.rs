//! The platform demo natively: sleeps overlap, the counter is exact, the trace has a lane
//! per thread, and Stop ends sleeping threads at once.

use engine::many_threads::{ManyThreadsConfig, ManyThreadsRun, RunStatus};
use std::time::{Duration, Instant};
use trace::{ThreadState, TraceLog};

fn wait_until_ended(run: &ManyThreadsRun, limit: Duration) -> Duration {
    let started = Instant::now();
    while run.status() == RunStatus::Running {
        assert!(
            started.elapsed() < limit,
            "run did not end within {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    started.elapsed()
}

#[test]
fn eight_sleepers_overlap_and_count_to_eight() {
    let sleep = Duration::from_millis(200);
    let run = ManyThreadsRun::start(ManyThreadsConfig { threads: 8, sleep }).unwrap();
    wait_until_ended(&run, Duration::from_secs(10));
    assert_eq!(run.status(), RunStatus::Finished);
    assert_eq!(run.counter(), 8);
    let elapsed = run.elapsed_ms();
    assert!(
        elapsed >= 200.0,
        "a thread woke before its sleep was over: {elapsed} ms"
    );
    // Queued sleeps would take 8 x 200 ms; overlapping ones take about 200.
    assert!(
        elapsed < 2.0 * 200.0,
        "sleeps did not overlap: {elapsed} ms"
    );

    let mut log = TraceLog::default();
    run.drain_trace(&mut log);
    let mut console = Vec::new();
    run.drain_console(&mut console);
    assert_eq!(console.len(), 8);
    assert_eq!(log.lanes.len(), 8);
    for lane in &log.lanes {
        let states: Vec<_> = lane.events.iter().map(|e| e.state).collect();
        assert_eq!(
            states,
            [
                ThreadState::Running,
                ThreadState::Sleeping,
                ThreadState::Running,
                ThreadState::Done
            ],
            "lane {}",
            lane.name
        );
        let sleeping = &lane.spans(u64::MAX)[1];
        assert!(sleeping.end_ns - sleeping.start_ns >= 200_000_000);
    }
}

#[test]
fn stop_ends_long_sleeps_at_once_and_a_new_run_works() {
    let long = ManyThreadsConfig {
        threads: 6,
        sleep: Duration::from_secs(60),
    };
    let run = ManyThreadsRun::start(long).unwrap();
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(run.status(), RunStatus::Running);
    run.stop();
    wait_until_ended(&run, Duration::from_secs(5));
    assert_eq!(run.status(), RunStatus::Stopped);
    assert_eq!(
        run.counter(),
        0,
        "no thread may finish its sleep after Stop"
    );

    let again = ManyThreadsRun::start(ManyThreadsConfig {
        threads: 3,
        sleep: Duration::from_millis(20),
    })
    .unwrap();
    wait_until_ended(&again, Duration::from_secs(5));
    assert_eq!((again.status(), again.counter()), (RunStatus::Finished, 3));
}

#[test]
fn thread_count_is_clamped_to_the_demo_range() {
    let run = ManyThreadsRun::start(ManyThreadsConfig {
        threads: 0,
        sleep: Duration::ZERO,
    })
    .unwrap();
    wait_until_ended(&run, Duration::from_secs(5));
    assert_eq!(run.threads(), 1);
    assert_eq!(run.counter(), 1);
}
