//! Logical threads: one OS-level thread (std natively, a pool worker in the browser) per
//! running task, held for the task's whole life, so N tasks that all block overlap.
//!
//! In the browser the workers come from the wasm-bindgen-rayon pool started once at page
//! load; `rayon::spawn` hands a task to an idle worker, and because a task never returns
//! to rayon until it is finished, each one keeps its worker. The live-thread limit below
//! is therefore the pool size: a task beyond it would queue behind the others, which is
//! never allowed, so it is refused instead. This module must never block the caller.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Logical threads allowed alive at once, and the size of the browser's worker pool:
/// the Python main thread, 32 user threads, and 7 for executor workers and timers.
pub const MAX_LIVE_THREADS: usize = 40;

static LIVE: AtomicUsize = AtomicUsize::new(0);

/// How many threads the platform can run now: the pool size once it is up in the
/// browser (0 before), `MAX_LIVE_THREADS` natively.
static CAPACITY: AtomicUsize = AtomicUsize::new(if cfg!(target_arch = "wasm32") {
    0
} else {
    MAX_LIVE_THREADS
});

/// Why a logical thread could not start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpawnError {
    /// Every worker is taken (or the pool is not up yet); Python says "can't start new thread".
    NoFreeWorker { live: usize, capacity: usize },
}

impl fmt::Display for SpawnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SpawnError::NoFreeWorker { live, capacity } => write!(
                f,
                "can't start new thread ({live} of {capacity} threads are running)"
            ),
        }
    }
}

impl std::error::Error for SpawnError {}

/// Tells the runtime how many workers the browser's pool has; called once it is ready.
pub fn set_capacity(workers: usize) {
    CAPACITY.store(workers.min(MAX_LIVE_THREADS), Ordering::Release);
}

pub fn capacity() -> usize {
    CAPACITY.load(Ordering::Acquire)
}

/// Logical threads alive right now.
pub fn live() -> usize {
    LIVE.load(Ordering::Acquire)
}

/// Releases a worker slot when the task ends, however it ends.
struct LiveSlot;

impl Drop for LiveSlot {
    fn drop(&mut self) {
        LIVE.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Starts `task` on a logical thread of its own, or refuses at once if none is free.
pub fn spawn<F>(name: String, task: F) -> Result<(), SpawnError>
where
    F: FnOnce() + Send + 'static,
{
    let capacity = capacity();
    let claimed = LIVE.fetch_update(Ordering::AcqRel, Ordering::Acquire, |live| {
        (live < capacity).then_some(live + 1)
    });
    if let Err(live) = claimed {
        return Err(SpawnError::NoFreeWorker { live, capacity });
    }
    let slot = LiveSlot;
    let body = move || {
        let _slot = slot;
        // Near the top of the thread's stack: where the stack guard measures from.
        crate::vm::stack_guard::establish();
        task();
        // Whatever the thread allocated and freed, counted in full before it goes.
        crate::vm::memory::flush_thread();
    };
    backend::spawn(name, body);
    Ok(())
}

#[cfg(not(target_arch = "wasm32"))]
mod backend {
    /// A native logical thread's stack: what a main thread gets on Linux, so deep
    /// recursion ends at the depth limit (as in CPython) rather than at the stack guard.
    /// Only the pages used are ever committed.
    const STACK_SIZE: usize = 8 << 20;

    pub fn spawn(name: String, body: impl FnOnce() + Send + 'static) {
        std::thread::Builder::new()
            .name(name)
            .stack_size(STACK_SIZE)
            .spawn(body)
            .expect("the OS refused a thread below the live-thread limit");
    }
}

#[cfg(target_arch = "wasm32")]
mod backend {
    pub fn spawn(_name: String, body: impl FnOnce() + Send + 'static) {
        rayon::spawn(body);
    }
}
