//! The bytecode interpreter: frames, the instruction loop, calls, exceptions and
//! tracebacks, generators, classes and imports.
//!
//! Python-to-Python calls push a frame on the thread's frame stack instead of recursing
//! in Rust, so deep Python recursion does not exhaust a browser worker's small stack.
//! Calls made from Rust (built-ins calling back, dunder methods, generators) run a nested
//! loop until their frame returns. The loop checks the stop flag at eval-breaker points
//! (function entry and backward jumps), so any program can be stopped.

mod attributes;
mod building;
mod calls;
mod dispatch;
mod eval_breaker;
mod exceptions;
mod frame;
mod generators;
mod imports;
mod iteration;
mod lane;
mod names;
mod operators;
mod runtime;
mod values;
mod virtual_slice;

pub use exceptions::{
    attribute_error, exc, exception_data, name_error, new_exception, not_callable, not_iterable,
};
pub use frame::{Block, Frame, Vm};
pub use generators::{GenStep, Resume};
pub use runtime::{Runtime, DEFAULT_RECURSION_LIMIT, MAX_TRACED_THREADS};
pub use virtual_slice::{SliceEnd, SliceState};
