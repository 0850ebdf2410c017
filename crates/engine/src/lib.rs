//! Running work on logical threads: spawning them, waiting interruptibly, running a
//! Python program (`program`), and the built-in platform workload (`many_threads`).
//!
//! This layer knows nothing of the web or the UI. Its blocking calls must only ever run
//! on a logical thread (a std thread natively, a pool worker in the browser), never on
//! the browser's main thread.

pub mod keeper;
pub mod many_threads;
pub mod program;
pub mod stop;
pub mod threads;
