//! Logical threads: one OS-level thread (std natively, a pool worker in the browser) per
//! running task, held for the task's whole life, so N tasks that all block overlap.
//!
//! In the browser the workers come from the page's lazily started wasm-bindgen-rayon pool
//! (`LazyThreadPool`, see ARCHITECTURE.md): its [`POOL_SIZE`] threads exist from the
//! start as Rayon threads, but a Web Worker is started for one only when the runtime
//! asks. Every spawn asks at once for as many workers as are in use (through the hook the
//! page installs with [`on_workers_wanted`]), then hands the task to the pool at once: if
//! no worker is free yet the task waits in Rayon's queue until one has started, on the
//! pool's side, never in the caller. The [`SPARE_WORKERS`] beyond those in use are asked
//! for later, by [`top_up_spares`] (a run's trace keeper, every tick and as it ends), so
//! that starting them never competes for the cores with a burst of `Thread.start()`s.
//! Because a task never returns to Rayon until it is finished, each one keeps its worker. The live-thread
//! limit below is therefore the pool size: a task beyond it would queue behind the
//! others, which is never allowed, so it is refused instead. The pool has
//! [`SERVICE_THREADS`] more workers for the runtime's own service threads (each run's
//! trace keeper), counted apart, so they never take a Python thread's place. This
//! module must never block the caller.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Logical threads allowed alive at once (the Python main thread, 32 user threads, and
/// 7 for executor workers and timers); defined in `sched`, which the VM's virtual
/// scheduler shares.
pub use sched::MAX_LIVE_THREADS;

/// Workers beyond [`MAX_LIVE_THREADS`] kept for service threads ([`spawn_service`]): a
/// run's trace keeper, and the previous run's for the moment it takes to notice its end.
pub const SERVICE_THREADS: usize = 2;

/// Workers the browser's pool may start, at most.
pub const POOL_SIZE: usize = MAX_LIVE_THREADS + SERVICE_THREADS;

/// Workers asked for beyond those in use, so the next few `Thread.start()` calls find one
/// already up instead of waiting for a Web Worker to start (50-100 ms on a busy
/// machine). Eight: a program that starts eight threads at once (the demos' and
/// benchmarks/thread_start.py's burst) finds them all up, since the page's warm-up run
/// (or any earlier run) left eight beyond its own; with four, the fifth to eighth
/// `Thread.start()` of a page's first run waited for a worker to start (issue 16). Asked
/// for by [`top_up_spares`], not by the spawn itself. Each worker costs the tab about
/// 4 MB.
pub const SPARE_WORKERS: usize = 8;

/// The most workers asked for so far (the pool only grows: a started worker stays).
static WORKERS_ASKED: AtomicUsize = AtomicUsize::new(0);

/// The most workers in use plus [`SPARE_WORKERS`] seen at any spawn: what
/// [`top_up_spares`] asks for.
static SPARES_TARGET: AtomicUsize = AtomicUsize::new(0);

/// The platform's "start workers until there are this many" (the page's lazy pool).
static WANT_WORKERS: OnceLock<fn(usize)> = OnceLock::new();

static LIVE: AtomicUsize = AtomicUsize::new(0);

/// Service threads alive, and how many may be (natively there is no pool: plenty, so
/// test binaries running many programs at once each get their keeper).
static SERVICE_LIVE: AtomicUsize = AtomicUsize::new(0);
static SERVICE_CAPACITY: AtomicUsize = AtomicUsize::new(if cfg!(target_arch = "wasm32") {
    0
} else {
    4 * MAX_LIVE_THREADS
});

/// How many threads the platform can run now: `MAX_LIVE_THREADS` once the page has
/// installed its pool in the browser (0 before), `MAX_LIVE_THREADS` natively.
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

/// Opens the runtime to spawns on a pool of `workers` workers: the first
/// [`MAX_LIVE_THREADS`] are for logical threads, the rest for service threads.
#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
fn set_capacity(workers: usize) {
    CAPACITY.store(workers.min(MAX_LIVE_THREADS), Ordering::Release);
    SERVICE_CAPACITY.store(
        workers
            .saturating_sub(MAX_LIVE_THREADS)
            .min(SERVICE_THREADS),
        Ordering::Release,
    );
}

/// Installs the platform's way to start workers on demand: `want(n)` is called, on
/// whichever thread spawns, each time the runtime needs more workers started than it has
/// asked for so far (`n` in all, at most [`POOL_SIZE`]). It must return at once. Only
/// the first call counts.
pub fn on_workers_wanted(want: fn(usize)) {
    let _ = WANT_WORKERS.set(want);
}

/// The most workers asked for so far (what the pool has grown to, or is growing to).
pub fn workers_asked() -> usize {
    WORKERS_ASKED.load(Ordering::Acquire)
}

/// Asks for `count` workers in all (capped at [`POOL_SIZE`]) if that is more than
/// before. Never blocks.
fn ask_for_workers(count: usize) {
    let count = count.min(POOL_SIZE);
    if WORKERS_ASKED.fetch_max(count, Ordering::AcqRel) < count {
        if let Some(want) = WANT_WORKERS.get() {
            want(count);
        }
    }
}

/// Asks for the spare workers the spawns so far call for ([`SPARE_WORKERS`] beyond the
/// most ever in use), if not asked for yet. Never blocks. Called off the spawn path: a
/// worker starting takes a core for tens of milliseconds, and the spawns of a burst
/// (eight `Thread.start()`s in a row) each used to start one, so every thread of a page's
/// first burst waited for its worker to wake up behind them (issue 16: thread start
/// median 0.5-0.9 ms against 0.15-0.3 ms once the workers were up).
pub fn top_up_spares() {
    ask_for_workers(SPARES_TARGET.load(Ordering::Acquire));
}

pub fn capacity() -> usize {
    CAPACITY.load(Ordering::Acquire)
}

/// Logical threads alive right now.
pub fn live() -> usize {
    LIVE.load(Ordering::Acquire)
}

/// Service threads alive right now.
pub fn service_live() -> usize {
    SERVICE_LIVE.load(Ordering::Acquire)
}

/// Releases a worker slot when the task ends, however it ends.
struct LiveSlot(&'static AtomicUsize);

impl Drop for LiveSlot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Starts `task` on a logical thread of its own, or refuses at once if none is free.
pub fn spawn<F>(name: String, task: F) -> Result<(), SpawnError>
where
    F: FnOnce() + Send + 'static,
{
    spawn_counted(&LIVE, capacity(), name, task)
}

/// Starts a service thread of the runtime (never a Python thread) on one of the workers
/// kept for them, or refuses at once if none is free.
pub fn spawn_service<F>(name: String, task: F) -> Result<(), SpawnError>
where
    F: FnOnce() + Send + 'static,
{
    spawn_counted(
        &SERVICE_LIVE,
        SERVICE_CAPACITY.load(Ordering::Acquire),
        name,
        task,
    )
}

fn spawn_counted<F>(
    live: &'static AtomicUsize,
    capacity: usize,
    name: String,
    task: F,
) -> Result<(), SpawnError>
where
    F: FnOnce() + Send + 'static,
{
    let claimed = live.fetch_update(Ordering::AcqRel, Ordering::Acquire, |live| {
        (live < capacity).then_some(live + 1)
    });
    if let Err(live) = claimed {
        return Err(SpawnError::NoFreeWorker { live, capacity });
    }
    let slot = LiveSlot(live);
    // This task's own worker now (it may have to start); the spares later.
    let in_use = LIVE.load(Ordering::Acquire) + SERVICE_LIVE.load(Ordering::Acquire);
    ask_for_workers(in_use);
    SPARES_TARGET.fetch_max(in_use + SPARE_WORKERS, Ordering::AcqRel);
    let body = move || {
        let _slot = slot;
        // Near the top of the thread's stack: where the stack guard measures from.
        vm::stack_guard::establish();
        task();
        // Whatever the thread allocated and freed, counted in full before it goes.
        vm::memory::flush_thread();
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

/// Gives the runtime the browser's pool (the page's `LazyThreadPool`) and opens it to
/// spawns: [`MAX_LIVE_THREADS`] logical threads and [`SERVICE_THREADS`] service threads.
/// No worker needs to be up yet. Only the first call counts.
#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
pub fn install_pool(pool: &'static rayon::ThreadPool) {
    if backend::POOL.set(pool).is_ok() {
        set_capacity(POOL_SIZE);
    }
}

#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
mod backend {
    use std::sync::OnceLock;

    pub(super) static POOL: OnceLock<&'static rayon::ThreadPool> = OnceLock::new();

    pub fn spawn(_name: String, body: impl FnOnce() + Send + 'static) {
        // Capacity stays 0 until `install_pool`, so every spawn gets here with a pool.
        if let Some(pool) = POOL.get() {
            pool.spawn(body);
        }
    }
}

/// Without shared memory there are no threads to start: the capacity stays 0, so
/// `spawn_counted` refuses before it gets here (runs use `local_run` instead).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
mod backend {
    pub fn spawn(_name: String, _body: impl FnOnce() + Send + 'static) {
        unreachable!("a build without shared memory has no threads to start");
    }
}
