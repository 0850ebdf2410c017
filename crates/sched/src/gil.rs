//! The global interpreter lock, as CPython's Python/ceval_gil.c runs it.
//!
//! One holder at a time. A thread that wants the GIL waits one switch interval; if the
//! holder has not let go by then, it sets the drop request. The holder sees the request
//! at its next eval-breaker check, drops the GIL and, before asking again, waits until
//! another thread has actually taken it (forced switching), so the waiter is never
//! starved by the thread that just dropped it. Blocking calls drop the GIL for their
//! whole wait.
//!
//! The legacy (CPython <= 3.9) and modern (3.10-3.13) models share this lock; they differ
//! in where the interpreter checks the eval breaker (between any two instructions, or
//! only at function entry, backward jumps and after calls). The free-threaded model has
//! no GIL: [`Gil::free_threaded`] makes every operation a no-op.
//!
//! `take` blocks and must never run on the browser's main thread.

use super::wait::{WaitResult, WaitWord};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

/// Why a thread is dropping the GIL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Drop {
    /// It is about to block (sleep, lock, join, queue...).
    Voluntary,
    /// Another thread asked for it (the switch interval elapsed).
    Forced,
}

pub struct Gil {
    enabled: bool,
    /// Thread id of the holder, 0 when free.
    holder: AtomicU64,
    /// Set by a waiter whose switch interval ran out.
    drop_request: AtomicBool,
    /// Counts acquisitions; a waiter that saw no change during its interval asks for a
    /// drop; a forced dropper waits for it to change before asking again.
    switches: AtomicU64,
    /// Bumped on every release and acquisition, to wake waiters.
    changed: WaitWord,
    interval_ns: AtomicU64,
}

impl Gil {
    /// A GIL (legacy or modern model) with the given switch interval.
    pub fn new(switch_interval: Duration) -> Gil {
        Gil {
            enabled: true,
            holder: AtomicU64::new(0),
            drop_request: AtomicBool::new(false),
            switches: AtomicU64::new(0),
            changed: WaitWord::new(0),
            interval_ns: AtomicU64::new(switch_interval.as_nanos() as u64),
        }
    }

    /// No GIL at all (the free-threaded build).
    pub fn free_threaded() -> Gil {
        Gil {
            enabled: false,
            ..Gil::new(Duration::from_millis(5))
        }
    }

    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    pub fn set_switch_interval(&self, interval: Duration) {
        self.interval_ns
            .store(interval.as_nanos().max(1) as u64, Ordering::Release);
    }

    pub fn switch_interval(&self) -> Duration {
        Duration::from_nanos(self.interval_ns.load(Ordering::Acquire))
    }

    /// The current holder's thread id (0 when free or without a GIL).
    pub fn holder(&self) -> u64 {
        self.holder.load(Ordering::Acquire)
    }

    /// Acquisitions so far (hand-offs included).
    pub fn switches(&self) -> u64 {
        self.switches.load(Ordering::Acquire)
    }

    /// True when the holder should drop the GIL at its next eval-breaker check.
    #[inline]
    pub fn drop_requested(&self) -> bool {
        self.enabled && self.drop_request.load(Ordering::Relaxed)
    }

    /// Blocks until thread `id` (non-zero) holds the GIL.
    pub fn take(&self, id: u64) {
        if !self.enabled {
            return;
        }
        loop {
            if self
                .holder
                .compare_exchange(0, id, Ordering::AcqRel, Ordering::Acquire)
                .is_ok()
            {
                self.drop_request.store(false, Ordering::Release);
                self.switches.fetch_add(1, Ordering::AcqRel);
                self.changed.bump();
                return;
            }
            let seen_word = self.changed.load();
            let seen_switches = self.switches();
            if self.holder() == 0 {
                continue;
            }
            let waited = self.changed.wait(seen_word, Some(self.switch_interval()));
            if waited == WaitResult::TimedOut
                && self.switches() == seen_switches
                && self.holder() != 0
            {
                // A whole interval passed without a hand-off: ask the holder to drop.
                self.drop_request.store(true, Ordering::Release);
            }
        }
    }

    /// Releases the GIL held by `id`.
    pub fn release(&self, id: u64, reason: Drop) {
        if !self.enabled {
            return;
        }
        let _ = reason;
        if self
            .holder
            .compare_exchange(id, 0, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
        {
            self.changed.bump();
        }
    }

    /// The eval-breaker check of the thread holding the GIL: if a drop was requested,
    /// hand the GIL over and wait to get it back. Returns true when it switched.
    pub fn yield_if_requested(&self, id: u64) -> bool {
        if !self.drop_requested() {
            return false;
        }
        self.drop_request.store(false, Ordering::Release);
        let before = self.switches();
        self.release(id, Drop::Forced);
        // Forced switching: do not compete again until someone else has taken it.
        loop {
            let seen = self.changed.load();
            if self.switches() != before {
                break;
            }
            if self.changed.wait(seen, Some(self.switch_interval())) == WaitResult::TimedOut
                && self.switches() == before
            {
                // Nobody came for it after all (the waiter went away): carry on.
                break;
            }
        }
        self.take(id);
        true
    }
}
