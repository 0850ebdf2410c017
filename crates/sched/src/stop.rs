//! The one stop signal of a run: a request that every thread of the run sees and that
//! wakes every thread waiting in the run.
//!
//! A [`StopSignal`] is a cheap handle (clones share one signal). Running threads poll
//! [`StopSignal::is_requested`] at their eval-breaker points (a single relaxed load);
//! sleepers sleep through [`StopSignal::sleep`], which returns the moment a stop is
//! requested; and a thread parked on some other word (a lock's) registers a waker
//! ([`StopSignal::register`]) that [`StopSignal::request`] calls, so no wait has to poll
//! for a stop. `request`, `is_requested` and `wake_waiters` never block (they may run on
//! the browser's main thread); `sleep` and `register` may, and run on logical threads
//! only. Wakers must be quick, must never block and must never touch the signal.

use crate::wait::WaitWord;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, TryLockError};
use std::time::Duration;
use trace::clock;

const RUNNING: i32 = 0;
const STOPPED: i32 = 1;

/// Something that wakes one parked waiter: it must change the word the waiter sleeps
/// on (e.g. [`WaitWord::bump`]), not only notify it, or a waiter that has not started
/// sleeping yet would sleep through it.
pub type Waker = Box<dyn Fn() + Send + Sync>;

/// A stop request shared by everything that drives one run; clones share it.
#[derive(Clone, Default)]
pub struct StopSignal {
    shared: Arc<Shared>,
}

struct Shared {
    /// RUNNING or STOPPED; [`StopSignal::sleep`] sleeps on it.
    state: WaitWord,
    /// The wakers of the waiters parked now on words of their own.
    waiters: Mutex<Waiters>,
}

impl Default for Shared {
    fn default() -> Self {
        Shared {
            state: WaitWord::new(RUNNING),
            waiters: Mutex::new(Waiters::default()),
        }
    }
}

#[derive(Default)]
struct Waiters {
    next_id: u64,
    wakers: Vec<(u64, Waker)>,
}

/// How a sleep ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SleepOutcome {
    Completed,
    Stopped,
}

/// A waiter's waker, registered until this is dropped.
#[must_use = "the waker is unregistered when this is dropped"]
pub struct Registration<'a> {
    signal: &'a StopSignal,
    id: u64,
}

impl Drop for Registration<'_> {
    fn drop(&mut self) {
        let mut waiters = self.signal.waiters();
        waiters.wakers.retain(|(id, _)| *id != self.id);
    }
}

impl StopSignal {
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether a stop was requested: one relaxed load, cheap enough for the eval
    /// breaker. A thread that must not miss a request while it sleeps registers a
    /// waker first (see [`StopSignal::register`]).
    #[inline]
    pub fn is_requested(&self) -> bool {
        self.shared.state.load_relaxed() == STOPPED
    }

    /// Requests a stop and wakes every sleeper and every registered waiter. Never
    /// blocks (it may run on the browser's main thread); it may spin for the instant a
    /// waiter takes to register or unregister.
    pub fn request(&self) {
        // The flag is set before the registry is looked at: see `register` for why a
        // waiter can then never sleep through the request.
        self.shared.state.store(STOPPED);
        self.shared.state.notify_all();
        self.wake_waiters();
    }

    /// Calls every registered waker without requesting a stop, so each parked waiter
    /// looks again at what it waits for. (The real-thread driver calls it when a
    /// thread's end may have left every other thread stuck: one of them must then run
    /// the deadlock check.) Never blocks.
    pub fn wake_waiters(&self) {
        let waiters = self.waiters_without_blocking();
        for (_, wake) in &waiters.wakers {
            wake();
        }
    }

    /// Registers `waker` until the returned registration is dropped: a thread about to
    /// park on a word of its own (a lock's) registers a waker that changes that word,
    /// so a stop request wakes it at once.
    ///
    /// The protocol, for a waiter that must not sleep through a request:
    /// 1. register the waker;
    /// 2. read the word it will sleep on (`seen`);
    /// 3. check [`StopSignal::is_requested`] (and its own condition);
    /// 4. sleep while the word still holds `seen`.
    ///
    /// Why that ordering is enough: `request` sets the flag, then takes the registry's
    /// mutex to call the wakers. Either `request` took the mutex after this waiter's
    /// step 1 released it, and then it calls this waker, which changes the word: the
    /// change lands before step 2 (and then, the waker's write being a release the
    /// waiter's read acquires, step 3 sees the flag) or after it (and then the sleep of
    /// step 4 returns at once or is woken, the word no longer holding `seen`). Or
    /// `request` held the mutex first: its flag store happened before its unlock, which
    /// happened before the waiter's step 1 locked the mutex, so step 3 sees the flag.
    /// A waker is never called after its registration is dropped (both happen under
    /// the mutex), so it may refer to the waiter's word for as long as it lives.
    pub fn register(&self, waker: Waker) -> Registration<'_> {
        let mut waiters = self.waiters();
        let id = waiters.next_id;
        waiters.next_id += 1;
        waiters.wakers.push((id, waker));
        Registration { signal: self, id }
    }

    /// Sleeps for `duration` unless a stop is requested first.
    pub fn sleep(&self, duration: Duration) -> SleepOutcome {
        let deadline_ns = clock::now_ns().saturating_add(duration.as_nanos() as u64);
        loop {
            if self.is_requested() {
                return SleepOutcome::Stopped;
            }
            let now = clock::now_ns();
            if now >= deadline_ns {
                return SleepOutcome::Completed;
            }
            self.shared
                .state
                .wait(RUNNING, Some(Duration::from_nanos(deadline_ns - now)));
        }
    }

    /// The registry, for waiters (logical threads, where blocking is allowed).
    fn waiters(&self) -> MutexGuard<'_, Waiters> {
        self.shared
            .waiters
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The registry without ever blocking: `request` may run on the browser's main
    /// thread, where a contended std mutex would wait with `Atomics.wait` (which traps
    /// there). The holder is a waiter registering or unregistering (a push or a
    /// removal) or another request calling wakers, so the spin is short.
    fn waiters_without_blocking(&self) -> MutexGuard<'_, Waiters> {
        loop {
            match self.shared.waiters.try_lock() {
                Ok(waiters) => return waiters,
                Err(TryLockError::Poisoned(poisoned)) => return poisoned.into_inner(),
                Err(TryLockError::WouldBlock) => std::hint::spin_loop(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn a_request_calls_registered_wakers_and_no_others() {
        let signal = StopSignal::new();
        let calls = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&calls);
        let registered = signal.register(Box::new(move || {
            counted.fetch_add(1, Ordering::Relaxed);
        }));
        signal.wake_waiters();
        assert_eq!(calls.load(Ordering::Relaxed), 1);
        assert!(!signal.is_requested(), "waking is not stopping");
        drop(registered);
        signal.clone().request();
        assert_eq!(calls.load(Ordering::Relaxed), 1, "unregistered before");
        assert!(signal.is_requested(), "clones share the signal");
        assert_eq!(signal.sleep(Duration::from_secs(60)), SleepOutcome::Stopped);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_waiter_parked_with_no_timeout_wakes_on_a_request() {
        let signal = StopSignal::new();
        let word = Arc::new(WaitWord::new(0));
        let waiter = {
            let (signal, word) = (signal.clone(), Arc::clone(&word));
            std::thread::spawn(move || {
                let bumped = Arc::clone(&word);
                let _registered = signal.register(Box::new(move || bumped.bump()));
                loop {
                    let seen = word.load();
                    if signal.is_requested() {
                        return;
                    }
                    word.wait(seen, None);
                }
            })
        };
        std::thread::sleep(Duration::from_millis(20));
        signal.request();
        waiter.join().unwrap();
    }
}
