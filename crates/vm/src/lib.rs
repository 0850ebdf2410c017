//! The virtual machine: objects, the bytecode interpreter, built-in functions and the
//! standard modules threadplay provides (some written in Python: threading.py,
//! queue.py, futures.py, compiled in with `language`; pylib/ holds the rest, asyncio
//! included), and the two drivers
//! of Python threads (`scheduler`: real OS threads, or the virtual scheduler).
//!
//! Frames are plain data (`interp::Frame`), so a Python thread can be paused after any
//! instruction. Built-ins never block by themselves: anything that must wait, sleep,
//! read the time or start a thread goes through the run's `scheduler::ThreadDriver`;
//! output, the real clocks and new logical threads come from the [`Host`], which the
//! engine implements. Stopping a run is `sched::stop::StopSignal`. It knows
//! nothing of the engine above it, the web or the UI: it uses only `bytecode`,
//! `language`, `sched` and `trace`. It also declares the process's global allocator
//! (`memory`), so every binary that links it counts its heap against the budget.

pub(crate) mod builtins;
pub mod code;
pub mod dict_table;
pub(crate) mod format;
pub mod hashing;
pub mod interp;
pub mod memory;
pub mod modules;
pub mod objlock;
pub(crate) mod ops;
mod processes;
pub mod pyrandom;
pub mod scheduler;
pub mod stack_guard;
pub(crate) mod stdin;
mod teardown;
pub mod threads;
pub mod traceback;
mod trashcan;
pub mod types;
pub mod value;
// Natively too under test: its arenas are exercised by threads (with a stand-in for
// `memory.grow`).
#[cfg(any(all(target_arch = "wasm32", target_feature = "atomics"), test))]
mod wasm_heap;

use value::Value;

/// Which GIL model a run uses: where thread switches may happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum GilModel {
    /// CPython <= 3.9: one GIL; a switch may happen between any two instructions.
    Legacy,
    /// CPython 3.10-3.13: one GIL; switches only at eval-breaker points.
    #[default]
    Modern,
    /// Free-threaded 3.13t+: no GIL; threads run truly in parallel.
    Free,
}

/// A raised Python exception (an exception instance).
#[derive(Clone, Debug)]
pub struct PyErr(pub Value);

pub type PyResult<T> = Result<T, PyErr>;

/// What the VM needs from whoever runs it: output, the real clocks, and logical threads.
/// (Waiting and sleeping are the VM's own, on `sched` words and the run's stop signal,
/// the same on every target.)
pub trait Host: Send + Sync {
    fn write_stdout(&self, text: &str);
    fn write_stderr(&self, text: &str);
    /// Output written by one Python thread, with the trace lane of that thread (None when
    /// it has none), so a console can tag each line with who printed it. Hosts that do not
    /// care keep this default, which forgets the lane.
    fn write_from(&self, lane: Option<usize>, to_stderr: bool, text: &str) {
        let _ = lane;
        if to_stderr {
            self.write_stderr(text);
        } else {
            self.write_stdout(text);
        }
    }
    /// Seconds on a monotonic clock (`time.perf_counter`, `time.monotonic`).
    fn monotonic(&self) -> f64;
    /// Seconds since the Unix epoch (`time.time`).
    fn wall_clock(&self) -> f64;
    /// Runs `task` on a new logical thread (a Python thread); fails when none is free.
    fn spawn_thread(&self, name: &str, task: Box<dyn FnOnce() + Send>) -> Result<(), String>;
}
