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
mod step_replay;
mod stepper;
mod steps;
mod virtual_threads;

use crate::interp::{Runtime, Vm};
use crate::value::{Args, Value};
use crate::PyResult;
use sched::wait::WaitWord;
use std::sync::Arc;
use trace::ThreadState;

pub(crate) use os_threads::OsThreads;
pub use stepper::Stepper;
pub use steps::{
    SliceRan, StepChoice, StepScript, StepSnapshot, StepThread, StepUnit, MAX_LOADED,
    MAX_LOADED_CHARS, MAX_REPLAY_INSTRUCTIONS, MAX_STEP_CHOICES,
};
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

    /// `time.thread_time()`: seconds this Python thread has spent running (holding the
    /// GIL, or running under free threading); waiting, sleeping and blocking count
    /// nothing.
    fn thread_time(&self, vm: &Vm) -> f64;

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

/// What a blocking built-in waits for: an object (a lock) and what to do with it.
/// Plain function pointers over the object rather than closures, so a wait allocates
/// nothing: blocking is on the path of every contended lock.
pub(crate) struct Wait {
    /// The object waited for; `poll`, `word` and `wake` look at it.
    pub(crate) object: Value,
    /// Tries to end the wait for thread `thread_id` (taking the lock, say): the
    /// blocking call's result when it did. It runs on the waiting thread (real
    /// threads) or on the scheduler's (virtual), without the GIL, and never blocks.
    pub(crate) poll: fn(rt: &Runtime, object: &Value, thread_id: u64) -> Option<Value>,
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
    /// Real threads: the word inside `object` the thread sleeps on while `poll` fails,
    /// which changes (waking its sleepers) whenever `poll` may succeed, such as a
    /// lock's word, which every release changes. None if `object` is not what the wait
    /// expects (a bug in the built-in: the wait then fails with a RuntimeError).
    pub(crate) word: fn(&Value) -> Option<&WaitWord>,
    /// Real threads: changes that word without changing what it means (a lock's
    /// wake-up count, above its locked bit) and wakes its sleepers; never blocks. The
    /// driver calls it to wake the thread for a stop or a deadlock check.
    pub(crate) wake: fn(&WaitWord),
}
