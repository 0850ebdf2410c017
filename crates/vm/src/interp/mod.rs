//! The bytecode interpreter: frames, the instruction loop, calls, exceptions and
//! tracebacks, generators, classes and imports.
//!
//! Python-to-Python calls push a frame on the thread's frame stack instead of recursing
//! in Rust, so deep Python recursion does not exhaust a browser worker's small stack.
//! Calls made from Rust (built-ins calling back, dunder methods, generators) run a nested
//! loop until their frame returns. The loop checks the stop signal at eval-breaker points
//! (function entry and backward jumps), so any program can be stopped.
//!
//! One concern per module: `runtime` (what a run's threads share), `frame` (the data:
//! frames, blocks, the `Vm` and its value stack), `dispatch` (the instruction loop),
//! then the methods its instructions use, by concern: `names`, `attributes`,
//! `operators`, `building`, `calls`, `iteration`, `generators`, `exceptions`,
//! `imports` and `values`; `eval_breaker` (stop, GIL and memory checks, switch points),
//! `virtual_slice` (running on the virtual scheduler), `lane` (the thread's trace) and
//! `builtin_names` (the run's `builtins`, which threads read without a lock);
//! `class_cache` (a thread's answers to class attribute lookups); `in_place` (items and
//! attributes read and written through a local without cloning it).
//! Other crates see only `Runtime`, `Vm`, `Frame`, `exception_data` and
//! `MAX_TRACED_THREADS`; everything else is `pub(crate)` or narrower.

mod asyncs;
mod attributes;
mod building;
mod builtin_names;
mod calls;
mod class_cache;
mod dispatch;
mod eval_breaker;
mod exceptions;
mod folds;
mod frame;
mod generators;
mod imports;
mod in_place;
mod iteration;
mod lane;
mod names;
mod operators;
mod runtime;
mod step_view;
mod values;
mod virtual_slice;

pub(crate) use asyncs::AsyncGenStep;
pub use exceptions::exception_data;
pub(crate) use exceptions::{exc, new_exception};
pub use frame::{Frame, Vm};
pub(crate) use generators::{GenStep, Resume};
pub use runtime::{Runtime, MAX_TRACED_THREADS};
pub(crate) use step_view::StepPosition;
pub(crate) use virtual_slice::SliceEnd;
