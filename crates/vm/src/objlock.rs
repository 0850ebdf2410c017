//! The lock inside every mutable Python object (list items, dict and set tables,
//! instance and module attributes, cells, iterators, generators...).
//!
//! Object interiors are locked for a few instructions at a time and never while Python
//! code runs, blocks or could take the same lock again (see `value.rs`), so they almost
//! never meet a holder. `std::sync::Mutex` pays for waiters it rarely has: its unlock
//! must atomically swap the state to learn whether to wake a sleeper (an `xchg`), and on
//! the web it would sleep with `atomics.wait`. This lock is the cheapest one that is
//! still a real lock: taking it uncontended is one compare-and-swap (Acquire), and
//! releasing it is a plain `store(false, Release)` (an ordinary `mov` on x86, an atomic
//! store on wasm). A taker that meets a holder spins a little, then yields its time
//! slice; it never sleeps, so the browser's main thread could take one without blocking.
//!
//! It comes from `lock_api`, which supplies the `Mutex`/`MutexGuard` types around our raw
//! lock. There is no poisoning: a panic that unwinds through a guard releases it, which
//! is what `value::lock` did anyway (it ignored poison, as the data stays structurally
//! valid).

use std::sync::atomic::{AtomicBool, Ordering};

/// A mutex for an object's interior; `value::lock` takes it.
pub type Mutex<T> = lock_api::Mutex<RawObjLock, T>;

/// The guard `value::lock` returns for an object's interior.
pub type MutexGuard<'a, T> = lock_api::MutexGuard<'a, RawObjLock, T>;

/// Spins before a contended taker starts yielding: enough to cover a holder on another
/// core finishing its few instructions, short enough to waste little when the holder was
/// preempted.
const SPINS: u32 = 100;

/// A test-and-test-and-set spin lock: one bool, `true` while held.
pub struct RawObjLock {
    locked: AtomicBool,
}

// SAFETY: `lock` and `try_lock` succeed only by swapping `locked` from false to true, so
// at most one holder exists at a time; Acquire on taking and Release on `unlock` order
// the holder's accesses to the protected data before the next holder's.
unsafe impl lock_api::RawMutex for RawObjLock {
    #[allow(clippy::declare_interior_mutable_const)]
    const INIT: RawObjLock = RawObjLock {
        locked: AtomicBool::new(false),
    };

    // Like std's guard: a guard stays on the thread that took it.
    type GuardMarker = lock_api::GuardNoSend;

    #[inline]
    fn lock(&self) {
        if self
            .locked
            .compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            self.lock_contended();
        }
    }

    #[inline]
    fn try_lock(&self) -> bool {
        self.locked
            .compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_ok()
    }

    #[inline]
    unsafe fn unlock(&self) {
        self.locked.store(false, Ordering::Release);
    }

    #[inline]
    fn is_locked(&self) -> bool {
        self.locked.load(Ordering::Relaxed)
    }
}

impl RawObjLock {
    /// Waits for the holder: reads (which keep the cache line shared) until the lock
    /// looks free, then tries to take it again.
    #[cold]
    #[inline(never)]
    fn lock_contended(&self) {
        let mut spins = 0;
        loop {
            while self.locked.load(Ordering::Relaxed) {
                if spins < SPINS {
                    spins += 1;
                    std::hint::spin_loop();
                } else {
                    // On wasm this is a no-op and the loop keeps spinning; holders there
                    // are workers, which are never suspended while holding.
                    std::thread::yield_now();
                }
            }
            if self.try_lock_weak() {
                return;
            }
        }
    }

    #[inline]
    fn try_lock_weak(&self) -> bool {
        self.locked
            .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::Mutex;
    use std::sync::Arc;

    #[test]
    fn excludes_other_threads() {
        let counter = Arc::new(Mutex::new(0u64));
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let counter = counter.clone();
                std::thread::spawn(move || {
                    for _ in 0..20_000 {
                        // A non-atomic read-modify-write: lost updates would show.
                        let mut guard = counter.lock();
                        let seen = *guard;
                        std::hint::black_box(&seen);
                        *guard = seen + 1;
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        assert_eq!(*counter.lock(), 80_000);
    }

    #[test]
    fn a_panic_releases_the_lock() {
        let lock = Arc::new(Mutex::new(1));
        let held = lock.clone();
        let result = std::thread::spawn(move || {
            let _guard = held.lock();
            panic!("while holding");
        })
        .join();
        assert!(result.is_err());
        assert_eq!(*lock.try_lock().expect("released by the unwind"), 1);
    }
}
