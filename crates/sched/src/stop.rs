//! A stop request that wakes every thread sleeping on it.
//!
//! Threads sleep through [`StopSignal::sleep`], which returns early the moment
//! [`StopSignal::stop`] is called, so a run can always be ended promptly. It is a
//! [`WaitWord`] holding RUNNING or STOPPED. `sleep` blocks and must never run on the
//! browser's main thread; `stop` and `is_stopped` never block and may run anywhere.

use crate::wait::WaitWord;
use std::time::Duration;
use trace::clock;

const RUNNING: i32 = 0;
const STOPPED: i32 = 1;

pub struct StopSignal {
    state: WaitWord,
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
            state: WaitWord::new(RUNNING),
        }
    }
}

impl StopSignal {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn is_stopped(&self) -> bool {
        self.state.load() == STOPPED
    }

    /// Requests a stop and wakes every sleeper; never blocks for long.
    pub fn stop(&self) {
        self.state.store(STOPPED);
        self.state.notify_all();
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
            self.state
                .wait(RUNNING, Some(Duration::from_nanos(deadline_ns - now)));
        }
    }
}
