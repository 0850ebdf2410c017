//! How the VM blocks, reads the time and starts threads: the [`ThreadDriver`]
//! interface, which every built-in that waits, sleeps, reads a clock or spawns calls,
//! and its two implementations: [`OsThreads`] (one OS thread per Python thread, over
//! the [`crate::Host`]) and [`VirtualScheduler`] (every Python thread interleaved on
//! one OS thread, on a virtual clock). The engine picks one when it builds the runtime
//! ([`Scheduling`]).
//!
//! Built-ins never ask which implementation runs them: they describe a wait
//! ([`Wait`]) and hand it to the driver. Only the interpreter's core (the eval breaker,
//! the slices of `interp::virtual_slice`, the trace's clock) knows that the virtual
//! scheduler exists, because it counts instructions for it.

mod os_threads;
mod stepper;
mod virtual_threads;

use crate::interp::{Runtime, Vm};
use crate::value::{Args, Value};
use crate::PyResult;
use sched::wait::WaitWord;
use std::sync::Arc;
use trace::ThreadState;

pub(crate) use os_threads::OsThreads;
pub use stepper::Stepper;
pub(crate) use virtual_threads::VirtualWait;
pub use virtual_threads::{
    VirtualScheduler, MAX_VIRTUAL_THREADS, PS_PER_INSTRUCTION, VIRTUAL_CORES,
};

/// Which driver runs the Python threads of a run; the engine picks it when it builds
/// the runtime (`Runtime::build`).
pub enum Scheduling {
    /// One OS (logical) thread per Python thread, started through the host.
    OsThreads,
    /// Every Python thread on the one OS thread that runs the scheduler.
    Virtual(Arc<VirtualScheduler>),
}

/// Everything the VM does that blocks, reads the time or starts a thread.
///
/// Calls come from built-ins running on a Python thread (`vm`), holding the GIL where
/// the model has one; a driver gives the GIL away for as long as it blocks.
pub(crate) trait ThreadDriver: Send + Sync {
    /// `time.monotonic()` and `time.perf_counter()`, in seconds.
    fn monotonic(&self, vm: &Vm) -> f64;

    /// `time.time()`, in seconds since the Unix epoch.
    fn wall_clock(&self, vm: &Vm) -> f64;

    /// `time.sleep(seconds)` (finite, not negative): `None`, or the stop error when
    /// the run is stopped meanwhile.
    fn sleep(&self, vm: &mut Vm, seconds: f64) -> PyResult<Value>;

    /// Starts `child` (a new Python thread's VM, already named and counted live) by
    /// calling `function(*args)` on it; fails when no thread is free.
    fn spawn(&self, name: &str, child: Vm, function: Value, args: Args) -> Result<(), String>;

    /// Waits until `wait.poll` succeeds (its value is the result), the timeout passes
    /// (`wait.on_timeout`), or the run stops (the stop error).
    fn block(&self, vm: &mut Vm, wait: Wait) -> PyResult<Value>;
}

/// Tries to end a wait (taking the lock, say); the blocking call's result when it
/// succeeded. It runs on the waiting thread (real threads) or on the scheduler's
/// (virtual), without the GIL, and must not block.
pub(crate) type PollFn = Box<dyn FnMut(&Runtime) -> Option<Value> + Send>;

/// What a blocking built-in waits for.
pub(crate) struct Wait {
    pub(crate) poll: PollFn,
    /// How long the wait may last, in nanoseconds of the driver's clock (None: until
    /// `poll` succeeds or the run stops).
    pub(crate) timeout_ns: Option<u64>,
    /// The blocking call's result when the timeout passes.
    pub(crate) on_timeout: Value,
    /// How the timeline shows the wait.
    pub(crate) state: ThreadState,
    /// The lock waited for, as the run's wait graph knows it (deadlock detection): the
    /// driver records the wait there while it lasts.
    pub(crate) lock: Option<usize>,
    /// Where a real thread sleeps between polls.
    pub(crate) wakes: Wakes,
}

/// The word a real thread sleeps on while its wait cannot end: one inside `object`
/// (found by `word`) that changes, waking its sleepers, whenever `poll` may succeed
/// (a lock's wake-up counter, bumped by every release). The driver also changes it to
/// wake the thread for a stop or a deadlock check, so it must be a word that only
/// counts wake-ups, never one whose value means something else.
pub(crate) struct Wakes {
    pub(crate) object: Value,
    /// The word inside `object`; None if `object` is not what the wait expects (a bug
    /// in the built-in: the wait then fails with a RuntimeError on real threads).
    pub(crate) word: fn(&Value) -> Option<&WaitWord>,
}
