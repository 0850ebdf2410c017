//! A stop request that wakes every thread sleeping on it.
//!
//! Threads sleep through [`StopSignal::sleep`], which returns early the moment
//! [`StopSignal::stop`] is called, so a run can always be ended promptly. Natively it
//! waits on a condition variable; in the browser `Condvar::wait_timeout` is unavailable
//! (std has no clock on wasm32-unknown-unknown), so it waits on the flag's own memory
//! with `memory.atomic.wait32`. `sleep` blocks and must never run on the browser's main
//! thread; `stop` and `is_stopped` never block and may run anywhere.

use crate::trace::clock;
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::Duration;

const RUNNING: i32 = 0;
const STOPPED: i32 = 1;

pub struct StopSignal {
    state: AtomicI32,
    #[cfg(not(target_arch = "wasm32"))]
    wakeup: (std::sync::Mutex<()>, std::sync::Condvar),
}

/// How a sleep ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SleepOutcome {
    Completed,
    Stopped,
}

impl Default for StopSignal {
    fn default() -> Self {
        StopSignal {
            state: AtomicI32::new(RUNNING),
            #[cfg(not(target_arch = "wasm32"))]
            wakeup: Default::default(),
        }
    }
}

impl StopSignal {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn is_stopped(&self) -> bool {
        self.state.load(Ordering::Acquire) == STOPPED
    }

    /// Requests a stop and wakes every sleeper. Never blocks for long (natively it takes
    /// the wake-up mutex only to avoid a lost wake-up; nobody holds it while sleeping).
    pub fn stop(&self) {
        self.state.store(STOPPED, Ordering::Release);
        self.wake_all();
    }

    /// Sleeps for `duration` unless a stop is requested first.
    pub fn sleep(&self, duration: Duration) -> SleepOutcome {
        let deadline_ns = clock::now_ns().saturating_add(duration.as_nanos() as u64);
        loop {
            if self.is_stopped() {
                return SleepOutcome::Stopped;
            }
            let now = clock::now_ns();
            if now >= deadline_ns {
                return SleepOutcome::Completed;
            }
            self.wait_while_running(Duration::from_nanos(deadline_ns - now));
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn wait_while_running(&self, timeout: Duration) {
        let (mutex, condvar) = &self.wakeup;
        let guard = mutex
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if !self.is_stopped() {
            let _ = condvar.wait_timeout(guard, timeout);
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn wake_all(&self) {
        let (mutex, condvar) = &self.wakeup;
        drop(
            mutex
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        );
        condvar.notify_all();
    }

    #[cfg(target_arch = "wasm32")]
    fn wait_while_running(&self, timeout: Duration) {
        let timeout_ns = i64::try_from(timeout.as_nanos()).unwrap_or(i64::MAX);
        // SAFETY: the pointer comes from a live `AtomicI32` borrowed for the whole call,
        // so it is valid and 4-byte aligned, and wasm memory is shared (the crate is built
        // with +atomics). The wait returns when `wake_all` notifies this address, when the
        // value is no longer RUNNING, or at the timeout; callers only run on workers, where
        // blocking waits are allowed.
        unsafe {
            core::arch::wasm32::memory_atomic_wait32(self.state.as_ptr(), RUNNING, timeout_ns);
        }
    }

    #[cfg(target_arch = "wasm32")]
    fn wake_all(&self) {
        // SAFETY: same pointer validity as in `wait_while_running`; notify never blocks,
        // so it is allowed on the browser's main thread too.
        unsafe {
            core::arch::wasm32::memory_atomic_notify(self.state.as_ptr(), u32::MAX);
        }
    }
}
