//! The one stop signal of a run: a request that every thread of the run sees and that
//! wakes every thread waiting in the run.
//!
//! A [`StopSignal`] is a cheap handle (clones share one signal). Running threads poll
//! [`StopSignal::is_requested`] at their eval-breaker points (a single relaxed load);
//! sleepers sleep through [`StopSignal::sleep`], which returns the moment a stop is
//! requested; and a thread parked on some other word (a lock's) registers a waker for
//! as long as it waits ([`StopSignal::while_registered`]), which
//! [`StopSignal::request`] calls, so no wait has to poll for a stop. `request`,
//! `is_requested` and `wake_waiters` never block (they may run on the browser's main
//! thread); `sleep` and `while_registered` may, and run on logical threads only.
//! Wakers must be quick, must never block and must never touch the signal.

use crate::wait::WaitWord;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, TryLockError};
use std::time::Duration;
use trace::clock;

const RUNNING: i32 = 0;
const STOPPED: i32 = 1;

/// Something that wakes one parked waiter: it must change the word the waiter sleeps
/// on (e.g. [`WaitWord::bump`]), not only notify it, or a waiter that has not started
/// sleeping yet would sleep through it. Any thread may call it.
pub type Waker<'a> = &'a (dyn Fn() + Sync + 'a);

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
    wakers: Vec<(u64, RegisteredWaker)>,
}

/// A waker borrowed by `while_registered` for as long as that call lasts, its lifetime
/// erased so the registry can hold it.
struct RegisteredWaker(*const (dyn Fn() + Sync + 'static));

// SAFETY: the pointee is `Sync`, so calling it from any thread is sound, and it stays
// valid for as long as it is in the registry (see `while_registered`).
unsafe impl Send for RegisteredWaker {}

/// How a sleep ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SleepOutcome {
    Completed,
    Stopped,
}

/// Unregisters a waker as `while_registered` returns or unwinds.
struct Registration<'a> {
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
    /// waker first (see [`StopSignal::while_registered`]).
    #[inline]
    pub fn is_requested(&self) -> bool {
        self.shared.state.load_relaxed() == STOPPED
    }

    /// Requests a stop and wakes every sleeper and every registered waiter. Never
    /// blocks (it may run on the browser's main thread); it may spin for the instant a
    /// waiter takes to register or unregister.
    pub fn request(&self) {
        // The flag is set before the registry is looked at: see `while_registered` for
        // why a waiter can then never sleep through the request.
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
        for (_, waker) in &waiters.wakers {
            // SAFETY: a registered waker is borrowed by the `while_registered` call that
            // registered it, which removes it (under this same mutex, held here) before
            // it returns or unwinds: it is still alive.
            let wake = unsafe { &*waker.0 };
            wake();
        }
    }

    /// Runs `body` with `waker` registered: a thread about to park on a word of its own
    /// (a lock's) registers a waker that changes that word, so a stop request wakes it
    /// at once. Returns what `body` returns.
    ///
    /// The protocol, for a waiter that must not sleep through a request (in `body`):
    /// 1. (`waker` is registered);
    /// 2. read the word it will sleep on (`seen`);
    /// 3. check [`StopSignal::is_requested`] (and its own condition);
    /// 4. sleep while the word still holds `seen`; then go back to 2.
    ///
    /// Why that ordering is enough: `request` sets the flag, then takes the registry's
    /// mutex to call the wakers. Either `request` took the mutex after this waiter's
    /// registration released it, and then it calls this waker, which changes the word:
    /// the change lands before step 2 (and then, the waker's write being a release the
    /// waiter's read acquires, step 3 sees the flag) or after it (and then the sleep of
    /// step 4 returns at once or is woken, the word no longer holding `seen`). Or
    /// `request` held the mutex first: its flag store happened before its unlock, which
    /// happened before the registration locked the mutex, so step 3 sees the flag.
    /// A waker is called only under the mutex and is removed under it before this
    /// returns (or unwinds), so it is never called after `body` is over.
    pub fn while_registered<T>(&self, waker: Waker<'_>, body: impl FnOnce() -> T) -> T {
        // SAFETY: only the trait object's lifetime bound changes (same layout). The
        // registry holds the pointer until `_registration` is dropped at the end of
        // this call (also when `body` unwinds), while `waker` is borrowed for all of it.
        let erased = unsafe {
            std::mem::transmute::<*const (dyn Fn() + Sync + '_), *const (dyn Fn() + Sync + 'static)>(
                waker,
            )
        };
        let id = {
            let mut waiters = self.waiters();
            let id = waiters.next_id;
            waiters.next_id += 1;
            waiters.wakers.push((id, RegisteredWaker(erased)));
            id
        };
        let _registration = Registration { signal: self, id };
        body()
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
        let count = move || {
            counted.fetch_add(1, Ordering::Relaxed);
        };
        signal.while_registered(&count, || signal.wake_waiters());
        assert_eq!(calls.load(Ordering::Relaxed), 1);
        assert!(!signal.is_requested(), "waking is not stopping");
        signal.clone().request();
        assert_eq!(calls.load(Ordering::Relaxed), 1, "unregistered before");
        assert!(signal.is_requested(), "clones share the signal");
        assert_eq!(signal.sleep(Duration::from_secs(60)), SleepOutcome::Stopped);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_waker_is_unregistered_when_its_body_panics() {
        let signal = StopSignal::new();
        let calls = AtomicUsize::new(0);
        let count = || {
            calls.fetch_add(1, Ordering::Relaxed);
        };
        let unwound = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            // `resume_unwind` unwinds without the panic hook's message.
            signal.while_registered(&count, || std::panic::resume_unwind(Box::new(())))
        }));
        assert!(unwound.is_err());
        signal.request();
        assert_eq!(calls.load(Ordering::Relaxed), 0);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_waiter_parked_with_no_timeout_wakes_on_a_request() {
        let signal = StopSignal::new();
        let word = Arc::new(WaitWord::new(0));
        let waiter = {
            let (signal, word) = (signal.clone(), Arc::clone(&word));
            std::thread::spawn(move || {
                signal.while_registered(&|| word.bump(), || loop {
                    let seen = word.load();
                    if signal.is_requested() {
                        return;
                    }
                    word.wait(seen, None);
                })
            })
        };
        std::thread::sleep(Duration::from_millis(20));
        signal.request();
        waiter.join().unwrap();
    }
}
