//! A word threads can sleep on until it changes, with an optional timeout, on both
//! targets: a Mutex + Condvar natively, `memory.atomic.wait32` in the browser (where
//! std's timed waits are unavailable). It is the one blocking primitive the schedulers
//! build on (GIL hand-offs, locks, events, queues, sleeps).
//!
//! `wait` blocks and must never run on the browser's main thread; `load`, `bump` and
//! `notify_all` never block and may run anywhere.
//!
//! On wasm32 without the `atomics` target feature there is one thread and no way to
//! sleep: `park` returns at once and `notify_all` does nothing, so a timed `wait` spins
//! until its deadline and an untimed one until the word changes, which in a single
//! thread it never does. Such a build (a page without shared memory) runs Python threads
//! only on the virtual scheduler, which never waits on a word while it runs freely; its
//! step mode waits for grants on one (`vm::scheduler::Stepper`), so stepping there will
//! need another way to pause (return to the page's event loop between grants).

use std::sync::atomic::{AtomicI32, Ordering};
use std::time::Duration;
use trace::clock;

pub struct WaitWord {
    value: AtomicI32,
    #[cfg(not(target_arch = "wasm32"))]
    parking: (std::sync::Mutex<()>, std::sync::Condvar),
    /// Natively, how many threads are in `park` (about to sleep or asleep): a
    /// `notify_all` with none skips the mutex and the condvar's wake-up, a system call
    /// on every lock release and GIL hand-off otherwise (issue 16).
    #[cfg(not(target_arch = "wasm32"))]
    sleepers: std::sync::atomic::AtomicU32,
}

/// How a wait ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaitResult {
    /// The word no longer held the expected value (or a spurious wake-up happened: the
    /// caller re-checks its condition either way).
    Changed,
    TimedOut,
}

impl Default for WaitWord {
    fn default() -> Self {
        WaitWord::new(0)
    }
}

impl WaitWord {
    pub fn new(value: i32) -> WaitWord {
        WaitWord {
            value: AtomicI32::new(value),
            #[cfg(not(target_arch = "wasm32"))]
            parking: Default::default(),
            #[cfg(not(target_arch = "wasm32"))]
            sleepers: Default::default(),
        }
    }

    pub fn load(&self) -> i32 {
        self.value.load(Ordering::Acquire)
    }

    /// The word with no ordering at all: for flags polled on the hot path (the stop
    /// signal at every eval breaker), where a late sighting only delays the reaction.
    #[inline]
    pub fn load_relaxed(&self) -> i32 {
        self.value.load(Ordering::Relaxed)
    }

    /// Atomically replaces `current` with `new`; false if the word held something else.
    pub fn compare_exchange(&self, current: i32, new: i32) -> bool {
        self.value
            .compare_exchange(current, new, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
    }

    pub fn store(&self, value: i32) {
        self.value.store(value, Ordering::Release);
    }

    /// Changes the word (so sleepers that read the old value will not sleep) and wakes
    /// every sleeper.
    pub fn bump(&self) {
        self.add(1);
    }

    /// Adds `n` to the word (wrapping) and wakes every sleeper: [`WaitWord::bump`] for a
    /// word whose low bits mean something else (a lock's word adds above its locked
    /// bit).
    pub fn add(&self, n: i32) {
        self.value.fetch_add(n, Ordering::AcqRel);
        self.notify_all();
    }

    /// Sets `bits`; returns the word before. Does not wake anyone.
    #[inline]
    pub fn fetch_or(&self, bits: i32) -> i32 {
        self.value.fetch_or(bits, Ordering::AcqRel)
    }

    /// Keeps only `bits`; returns the word before. Does not wake anyone.
    #[inline]
    pub fn fetch_and(&self, bits: i32) -> i32 {
        self.value.fetch_and(bits, Ordering::AcqRel)
    }

    /// Sleeps while the word equals `expected`, at most `timeout` (None = no limit).
    pub fn wait(&self, expected: i32, timeout: Option<Duration>) -> WaitResult {
        let deadline = timeout.map(|t| clock::now_ns().saturating_add(t.as_nanos() as u64));
        loop {
            if self.load() != expected {
                return WaitResult::Changed;
            }
            let remaining = match deadline {
                None => None,
                Some(deadline) => {
                    let now = clock::now_ns();
                    if now >= deadline {
                        return WaitResult::TimedOut;
                    }
                    Some(Duration::from_nanos(deadline - now))
                }
            };
            self.park(expected, remaining);
            if self.load() != expected {
                return WaitResult::Changed;
            }
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn park(&self, expected: i32, timeout: Option<Duration>) {
        use std::sync::atomic::fence;
        let (mutex, condvar) = &self.parking;
        // Counted before the word is checked, with a full fence on each side (here and
        // in `notify_all`, after its change of the word): either the notifier sees this
        // sleeper, or this sleeper sees the notifier's change and does not sleep.
        self.sleepers.fetch_add(1, Ordering::SeqCst);
        fence(Ordering::SeqCst);
        let guard = mutex.lock().unwrap_or_else(|p| p.into_inner());
        if self.load() == expected {
            match timeout {
                Some(timeout) => drop(condvar.wait_timeout(guard, timeout)),
                None => drop(condvar.wait(guard)),
            }
        } else {
            drop(guard);
        }
        self.sleepers.fetch_sub(1, Ordering::SeqCst);
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub fn notify_all(&self) {
        // Pairs with the fence in `park`: the word's change (made by the caller before
        // this call) is ordered before the look at the sleepers.
        std::sync::atomic::fence(Ordering::SeqCst);
        if self.sleepers.load(Ordering::SeqCst) == 0 {
            return;
        }
        let (mutex, condvar) = &self.parking;
        // Taking the mutex orders this wake-up after a sleeper's last check.
        drop(mutex.lock().unwrap_or_else(|p| p.into_inner()));
        condvar.notify_all();
    }

    /// Wakes at most one sleeper (natively: none when nobody is in `park`). For words
    /// whose waiters each look again when woken and whose wakers know one look is
    /// enough (a lock release: see `vm::threads::Lock`); a woken sleeper that cannot
    /// act must leave the word so that the next change wakes another.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn notify_one(&self) {
        // The same protocol as `notify_all`.
        std::sync::atomic::fence(Ordering::SeqCst);
        if self.sleepers.load(Ordering::SeqCst) == 0 {
            return;
        }
        let (mutex, condvar) = &self.parking;
        drop(mutex.lock().unwrap_or_else(|p| p.into_inner()));
        condvar.notify_one();
    }

    #[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
    pub fn notify_one(&self) {
        // SAFETY: as in `notify_all`.
        unsafe {
            core::arch::wasm32::memory_atomic_notify(self.value.as_ptr(), 1);
        }
    }

    #[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
    pub fn notify_one(&self) {}

    #[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
    fn park(&self, expected: i32, timeout: Option<Duration>) {
        let timeout_ns = timeout.map_or(-1, |t| i64::try_from(t.as_nanos()).unwrap_or(i64::MAX));
        // SAFETY: the pointer comes from an AtomicI32 borrowed for the whole call, so it
        // is valid and aligned; memory is shared (+atomics); callers only wait on
        // workers, where blocking is allowed. The wait returns when the value differs
        // from `expected`, on notify, or at the timeout.
        unsafe {
            core::arch::wasm32::memory_atomic_wait32(self.value.as_ptr(), expected, timeout_ns);
        }
    }

    #[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
    pub fn notify_all(&self) {
        // SAFETY: same pointer validity as in `park`; notify never blocks, so it is
        // allowed on the browser's main thread.
        unsafe {
            core::arch::wasm32::memory_atomic_notify(self.value.as_ptr(), u32::MAX);
        }
    }

    /// Single-threaded wasm32: nothing else can change the word, so there is nothing to
    /// sleep for; the caller's loop re-checks (see the module's notes).
    #[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
    fn park(&self, _expected: i32, _timeout: Option<Duration>) {}

    #[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
    pub fn notify_all(&self) {}
}
