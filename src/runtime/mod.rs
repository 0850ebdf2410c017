//! Running work on logical threads: spawning them, waiting interruptibly, and the
//! built-in workloads that exercise the platform before the interpreter drives it.
//!
//! This layer knows nothing of the web or the UI. Its blocking calls must only ever run
//! on a logical thread (a std thread natively, a pool worker in the browser), never on
//! the browser's main thread.

pub mod many_threads;
pub mod stop;
pub mod threads;
