//! Scheduling Python threads: the blocking primitive every wait is built on (`wait`),
//! the GIL models (`gil`), the deadlock wait graph (`deadlock`), a run's one stop
//! signal, which wakes every sleeper and registered waiter at once (`stop`), and the
//! limits the layers above share. The VM's thread drivers (real threads and the
//! virtual scheduler) build on these.
//!
//! Knows nothing of the web, the UI or Python objects. Its blocking calls run only on
//! logical threads, never on the browser's main thread (where `Atomics.wait` traps).
//!
//! On wasm32 the blocking waits use `memory.atomic.wait32`, which exists only with the
//! `atomics` target feature (the page's shared-memory build). A wasm32 build without it
//! (a page without shared memory, which runs everything on the virtual scheduler in one
//! thread) still compiles: there `WaitWord` never blocks (see `wait`).
#![cfg_attr(
    all(target_arch = "wasm32", target_feature = "atomics"),
    feature(stdarch_wasm_atomic_wait)
)]

pub mod deadlock;
pub mod gil;
pub mod input;
pub mod stop;
pub mod wait;

/// Logical threads allowed alive at once, and the size of the browser's worker pool
/// for Python threads: the Python main thread, 32 user threads, and 7 for executor
/// workers and timers. The runtime refuses spawns past it; the virtual scheduler holds
/// its simulated threads to the same limit, so both schedulers fail alike.
pub const MAX_LIVE_THREADS: usize = 40;
