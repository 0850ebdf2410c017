//! Runs that never end keep a bounded trace: an endless print loop and a four-thread
//! lock ping-pong run through `ProgramRun` (as the page runs them: nobody drains the
//! output, only the run's keeper drains the trace) for a few seconds on each scheduler;
//! the store stays under its caps the whole time, the output queue stays bounded and
//! counts what it dropped, and Stop ends the run quickly. `TRACE_BOUNDED_SECONDS=60`
//! runs each case longer.

use engine::keeper::lock_store;
use engine::program::{ProgramRun, ProgramStatus, OUTPUT_PENDING_BYTES};
use engine::{GilModel, RunOptions, SchedulerKind};
use std::time::{Duration, Instant};

const SPAM: &str = "while True:\n    print(\"spam \" * 20)\n";

const PING_PONG: &str = "\
import threading
lock = threading.Lock()
counter = 0
def work():
    global counter
    while True:
        with lock:
            counter += 1
threads = [threading.Thread(target=work) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
";

/// Resident memory of this process in MiB (Linux), for a coarse flatness check.
fn rss_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

fn run_bounded(name: &str, source: &str, scheduler: SchedulerKind, gil: GilModel, seconds: f64) {
    let options = RunOptions {
        scheduler,
        gil,
        watch: vec!["counter".into()],
        ..RunOptions::default()
    };
    let run = ProgramRun::start(source.into(), "main.py".into(), options).expect("a thread");
    assert!(run.has_keeper(), "{name}: no keeper thread");
    let store = run.trace_store();
    let started = Instant::now();
    let mut rss_after_warm_up = None;
    let mut peak_retained = 0;
    while started.elapsed().as_secs_f64() < seconds {
        std::thread::sleep(Duration::from_millis(200));
        assert_eq!(run.status(), ProgramStatus::Running, "{name}");
        let store = lock_store(&store);
        let limits = store.limits();
        let lanes = store.lanes().len();
        assert!(
            store.detail_len() <= limits.detail_cap,
            "{name}: detail {}",
            store.detail_len()
        );
        let cap = limits.detail_cap + lanes * (limits.summary_buckets as usize + 2);
        assert!(
            store.retained_events() <= cap,
            "{name}: {} events",
            store.retained_events()
        );
        assert!(
            store.approx_bytes() < 16 << 20,
            "{name}: {} bytes",
            store.approx_bytes()
        );
        peak_retained = peak_retained.max(store.retained_events());
        if started.elapsed() > Duration::from_secs(1) && rss_after_warm_up.is_none() {
            rss_after_warm_up = rss_mib();
        }
    }
    let rss_end = rss_mib();
    let stop_asked = Instant::now();
    run.stop();
    while run.status() == ProgramStatus::Running {
        assert!(
            stop_asked.elapsed() < Duration::from_secs(3),
            "{name}: still running 3 s after Stop"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    let stopped_in = stop_asked.elapsed();
    assert_eq!(run.status(), ProgramStatus::Stopped, "{name}");
    let store = lock_store(&store);
    let counters = store.counters();
    println!(
        "{name}: {} state changes, {} GIL hand-offs, {} prints, {} watch samples in {seconds} s; \
         kept {} events (peak {peak_retained}), {} KiB, summarized: {} (before {:.1} ms at {:.3} ms), \
         {} compactions; output dropped {} lines; RSS {rss_after_warm_up:?} -> {rss_end:?} MiB; \
         stopped in {stopped_in:?}",
        counters.state_changes,
        counters.gil_handoffs,
        counters.prints,
        counters.watch_samples,
        store.retained_events(),
        store.approx_bytes() / 1024,
        store.is_summarized(),
        (store.boundary_ns() - store.origin_ns()) as f64 / 1e6,
        store.quantum_ns() as f64 / 1e6,
        counters.compactions,
        run.dropped_output_lines(),
    );
    if let (Some(before), Some(after)) = (rss_after_warm_up, rss_end) {
        assert!(
            after <= before + 64,
            "{name}: resident memory grew from {before} to {after} MiB"
        );
    }
    if source == SPAM {
        assert!(counters.prints > 10_000, "{name}: {counters:?}");
        assert!(store.printed().count() <= store.limits().printed_keep);
        // Nobody read the output: the queue kept about a megabyte and counted the rest.
        let mut pending = Vec::new();
        run.drain_output(&mut pending);
        let bytes: usize = pending.iter().map(|(_, text)| text.len()).sum();
        assert!(
            bytes <= OUTPUT_PENDING_BYTES,
            "{name}: {bytes} bytes pending"
        );
        assert!(run.dropped_output_lines() > 0, "{name}");
    }
}

#[test]
fn endless_runs_keep_a_bounded_trace_and_stop_quickly() {
    let cases = [
        (
            "print loop, threads",
            SPAM,
            SchedulerKind::Threads,
            GilModel::Modern,
        ),
        (
            "print loop, virtual",
            SPAM,
            SchedulerKind::Virtual,
            GilModel::Modern,
        ),
        (
            "ping-pong, threads, modern",
            PING_PONG,
            SchedulerKind::Threads,
            GilModel::Modern,
        ),
        (
            "ping-pong, threads, free",
            PING_PONG,
            SchedulerKind::Threads,
            GilModel::Free,
        ),
        (
            "ping-pong, virtual, free",
            PING_PONG,
            SchedulerKind::Virtual,
            GilModel::Free,
        ),
    ];
    // TRACE_BOUNDED_SECONDS=60 makes it a soak (figures for BENCHMARKS.md).
    let seconds = std::env::var("TRACE_BOUNDED_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3.0);
    for (name, source, scheduler, gil) in cases {
        run_bounded(name, source, scheduler, gil, seconds);
    }
}
