//! The platform demo "many threads": N threads each sleep S seconds, then bump one
//! shared counter. It proves the worker pool, the stop path and the trace end to end.
//!
//! A run is started from any thread (the browser's main thread included: starting never
//! blocks) and observed by polling: status, counter, elapsed time, trace and console.

use super::threads::{self, SpawnError};
use crossbeam_queue::SegQueue;
use sched::stop::{SleepOutcome, StopSignal};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use trace::store::TraceStore;
use trace::{clock, ThreadState, Trace, TraceLog};

/// The demo's controls.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ManyThreadsConfig {
    /// 1..=32 threads.
    pub threads: usize,
    pub sleep: Duration,
}

impl ManyThreadsConfig {
    pub const MAX_THREADS: usize = 32;
}

/// Where a run is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunStatus {
    Running,
    Finished,
    Stopped,
}

struct Shared {
    stop: StopSignal,
    trace: Arc<Trace>,
    console: SegQueue<String>,
    counter: AtomicU64,
    /// Threads that have ended, however they ended.
    exited: AtomicUsize,
    /// Latest exit time over all threads (clock readings).
    last_exit_ns: AtomicU64,
}

/// A started run of the demo; dropping it does not stop it (call [`ManyThreadsRun::stop`]).
pub struct ManyThreadsRun {
    shared: Arc<Shared>,
    threads: usize,
    started_ns: u64,
}

impl ManyThreadsRun {
    /// Starts every thread and returns at once.
    pub fn start(config: ManyThreadsConfig) -> Result<ManyThreadsRun, SpawnError> {
        let threads = config.threads.clamp(1, ManyThreadsConfig::MAX_THREADS);
        let shared = Arc::new(Shared {
            stop: StopSignal::new(),
            trace: Trace::new(threads),
            console: SegQueue::new(),
            counter: AtomicU64::new(0),
            exited: AtomicUsize::new(0),
            last_exit_ns: AtomicU64::new(0),
        });
        let started_ns = clock::now_ns();
        for index in 0..threads {
            let name = format!("Thread-{}", index + 1);
            let lane = shared
                .trace
                .register(name.clone())
                .expect("the trace has one lane per thread");
            lane.record_at(ThreadState::Running, started_ns, 0);
            let thread_shared = Arc::clone(&shared);
            let sleep = config.sleep;
            let spawned = threads::spawn(name.clone(), move || {
                let shared = thread_shared;
                lane.record(ThreadState::Sleeping);
                let outcome = shared.stop.sleep(sleep);
                if outcome == SleepOutcome::Completed {
                    lane.record(ThreadState::Running);
                    let count = shared.counter.fetch_add(1, Ordering::AcqRel) + 1;
                    shared.console.push(format!(
                        "{name}: woke after {:.1} s, counter = {count}",
                        sleep.as_secs_f64()
                    ));
                } else {
                    shared
                        .console
                        .push(format!("{name}: stopped while sleeping"));
                }
                let exit_ns = lane.record(ThreadState::Done);
                shared.last_exit_ns.fetch_max(exit_ns, Ordering::AcqRel);
                shared.exited.fetch_add(1, Ordering::AcqRel);
            });
            if let Err(error) = spawned {
                // Threads already started must not outlive a run that failed to start.
                shared.stop.stop();
                return Err(error);
            }
        }
        Ok(ManyThreadsRun {
            shared,
            threads,
            started_ns,
        })
    }

    /// Asks every thread to end now; returns at once. `status` says when they have.
    pub fn stop(&self) {
        self.shared.stop.stop();
    }

    pub fn status(&self) -> RunStatus {
        if self.shared.exited.load(Ordering::Acquire) < self.threads {
            RunStatus::Running
        } else if self.shared.stop.is_stopped() {
            RunStatus::Stopped
        } else {
            RunStatus::Finished
        }
    }

    pub fn threads(&self) -> usize {
        self.threads
    }

    pub fn counter(&self) -> u64 {
        self.shared.counter.load(Ordering::Acquire)
    }

    pub fn started_ns(&self) -> u64 {
        self.started_ns
    }

    /// Milliseconds from start to now while running, to the last thread's exit after.
    pub fn elapsed_ms(&self) -> f64 {
        let end = match self.status() {
            RunStatus::Running => clock::now_ns(),
            _ => self.shared.last_exit_ns.load(Ordering::Acquire),
        };
        clock::ms_between(self.started_ns, end)
    }

    /// Moves new trace events into `log`; never blocks.
    pub fn drain_trace(&self, log: &mut TraceLog) {
        self.shared.trace.drain_into(log);
    }

    /// Moves new trace events into `store`; never blocks. (A run records four events
    /// per thread, so the page drains it itself, with no keeper.)
    pub fn drain_trace_into(&self, store: &mut TraceStore) {
        store.ingest(&self.shared.trace);
    }

    /// Moves new console lines into `out`, in the order they were printed; never blocks.
    pub fn drain_console(&self, out: &mut Vec<String>) {
        while let Some(line) = self.shared.console.pop() {
            out.push(line);
        }
    }
}
