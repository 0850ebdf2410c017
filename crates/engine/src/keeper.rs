//! The trace keeper: a service thread per run that drains the trace's lock-free lanes
//! every [`KEEP_EVERY`] into the run's bounded [`TraceStore`], so a run's memory stays
//! flat whatever the page does (a hidden tab gets no animation frames, and a workshop
//! leaves a daemon heartbeat running behind the slides) and natively nobody has to drain
//! until the end.
//!
//! The store sits behind a mutex: the keeper (a logical thread) and whoever finishes the
//! run lock it; the browser's main thread may only `try_lock` it and skips a frame when
//! it is busy. The keeper must never run on the browser's main thread, and never hold the
//! lock for longer than one drain.

use super::threads;
use sched::stop::{SleepOutcome, StopSignal};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use trace::store::TraceStore;
use trace::Trace;

/// How often the keeper drains: often enough that the lanes never hold more than a few
/// tens of milliseconds of events, rarely enough to cost nothing while threads sleep.
pub const KEEP_EVERY: Duration = Duration::from_millis(40);

/// The run's store, shared by the keeper, the run and its readers.
pub type SharedStore = Arc<Mutex<TraceStore>>;

/// Locks `store`, blocking: only on logical threads (never the browser's main thread).
pub fn lock_store(store: &Mutex<TraceStore>) -> MutexGuard<'_, TraceStore> {
    store.lock().unwrap_or_else(PoisonError::into_inner)
}

struct Shared {
    trace: Arc<Trace>,
    store: SharedStore,
    finished: StopSignal,
}

/// A started keeper; [`TraceKeeper::finish`] ends it with a last drain.
pub struct TraceKeeper {
    shared: Arc<Shared>,
    /// Whether a keeper thread runs (no free service worker: the caller drains instead).
    has_thread: bool,
}

impl TraceKeeper {
    /// Starts draining `trace` into `store` on a service thread. Returns at once; if no
    /// service worker is free the keeper has no thread, and [`TraceKeeper::try_keep`]
    /// from the reader keeps the store up to date instead.
    pub fn start(trace: Arc<Trace>, store: SharedStore) -> TraceKeeper {
        let shared = Arc::new(Shared {
            trace,
            store,
            finished: StopSignal::new(),
        });
        let thread_shared = Arc::clone(&shared);
        let has_thread = threads::spawn_service("trace-keeper".into(), move || {
            let shared = thread_shared;
            while shared.finished.sleep(KEEP_EVERY) == SleepOutcome::Completed {
                lock_store(&shared.store).ingest(&shared.trace);
                // Between a burst's spawns and the next tick, no worker starts.
                threads::top_up_spares();
            }
            // A run shorter than a tick still leaves spares for the next one.
            threads::top_up_spares();
        })
        .is_ok();
        TraceKeeper { shared, has_thread }
    }

    pub fn has_thread(&self) -> bool {
        self.has_thread
    }

    pub fn trace(&self) -> &Arc<Trace> {
        &self.shared.trace
    }

    pub fn store(&self) -> &SharedStore {
        &self.shared.store
    }

    /// Drains now if the store is free; never blocks (the browser's main thread may call
    /// it). Returns whether it drained.
    pub fn try_keep(&self) -> bool {
        match self.shared.store.try_lock() {
            Ok(mut store) => {
                store.ingest(&self.shared.trace);
                true
            }
            Err(_) => false,
        }
    }

    /// Stops the keeper thread without draining; never blocks.
    pub fn stop(&self) {
        self.shared.finished.request();
    }

    /// Stops the keeper thread and drains what is left. Blocks on the store's lock: call
    /// it from a logical thread (the run's own, once the program ended).
    pub fn finish(&self) {
        self.shared.finished.request();
        lock_store(&self.shared.store).ingest(&self.shared.trace);
    }
}
