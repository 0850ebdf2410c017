//! How much heap the process (natively) or the wasm instance (in the page) holds, and
//! the allocation budget Python programs run under, so a program that keeps allocating
//! gets `MemoryError` long before the page's 1 GiB of wasm memory is gone and the
//! trace, the UI and the other threads always keep room.
//!
//! The counting allocator wraps the heap (mimalloc natively, std's allocator in the
//! simulated page) and adds each allocation's size to one global counter of live bytes.
//! Natively each thread first sums its changes in a thread-local and publishes them every
//! [`FLUSH_BYTES`], so free-threaded runs do not fight over one cache line. The page
//! with shared memory allocates from its own arenas instead (`wasm_heap`), which sum per
//! arena the same way; the simulated page (one thread) sends every change straight to
//! the global counter (a worker's thread-locals are not set up yet when its first
//! allocations happen).
//!
//! The VM asks [`over_budget`] at its eval-breaker points (one relaxed load) and
//! [`reserve`] before any allocation whose size the program chooses (`[0] * n`,
//! `"x" * n`, `list(range(n))`, format widths...), and raises `MemoryError` instead of
//! allocating. After a `MemoryError` the program gets [`GRACE_BYTES`] more so its handler,
//! the traceback and `threading._shutdown` can still run; past [`hard_limit`] every check
//! fails until memory is freed, and once the live heap is back under the budget the
//! budget applies again.
//!
//! This module must never allocate, lock, panic or print inside the allocator hooks
//! (they run inside every allocation of the process, including std's own), and never
//! refuse an allocation itself: failing is the VM's decision, made where a Python
//! exception can be raised.

use crate::types::ExcType;
// Natively the heap is mimalloc's (far fewer instructions per allocation than glibc's
// malloc for the many small strings, tuples and argument vectors a run makes); the
// simulated page (wasm without atomics) keeps std's allocator.
#[cfg(not(target_arch = "wasm32"))]
use native_heap::Mimalloc as System;
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
use std::alloc::System;
use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicIsize, Ordering};

/// The live heap allowed to the whole process or page before Python allocations fail:
/// half of the page's 1 GiB wasm memory, so the trace, the UI, the allocator's own
/// fragmentation and a second run always fit.
pub const DEFAULT_BUDGET: usize = 512 << 20;

/// Extra room granted after each `MemoryError`, for the program's handler, the traceback
/// and shutdown (a handler that keeps allocating gets another `MemoryError` after it).
pub const GRACE_BYTES: usize = 32 << 20;

/// Natively, how far a thread's unpublished count may drift before it is added to the
/// global counter.
#[cfg(not(target_arch = "wasm32"))]
const FLUSH_BYTES: isize = 64 << 10;

/// Every heap allocation of the program goes through this wrapper of `System`.
pub struct CountingAllocator;

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Live heap bytes, as published (natively up to `FLUSH_BYTES` per thread behind).
static LIVE: AtomicIsize = AtomicIsize::new(0);
/// The budget itself (tests may lower it).
static BUDGET: AtomicIsize = AtomicIsize::new(DEFAULT_BUDGET as isize);
/// Above this the next check raises: the budget, or more during a grace period.
static THRESHOLD: AtomicIsize = AtomicIsize::new(DEFAULT_BUDGET as isize);

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    /// This thread's changes not yet added to `LIVE`. A const initializer and no
    /// destructor: reading it never allocates and works until the thread is gone.
    static PENDING: std::cell::Cell<isize> = const { std::cell::Cell::new(0) };
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "atomics")))]
#[inline]
fn note(delta: isize) {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let published = PENDING.try_with(|pending| {
            let sum = pending.get().wrapping_add(delta);
            // One comparison for -FLUSH_BYTES < sum < FLUSH_BYTES.
            if (sum.wrapping_add(FLUSH_BYTES) as usize) < 2 * FLUSH_BYTES as usize {
                pending.set(sum);
            } else {
                pending.set(0);
                publish(sum);
            }
        });
        if published.is_err() {
            publish(delta);
        }
    }
    #[cfg(target_arch = "wasm32")]
    publish(delta);
}

#[inline]
pub(crate) fn publish(delta: isize) {
    let live = LIVE.fetch_add(delta, Ordering::Relaxed) + delta;
    if delta < 0 {
        rearm_if_under(live);
    }
}

/// Once the live heap is back under the budget, the budget applies again.
#[inline]
fn rearm_if_under(live: isize) {
    let budget = BUDGET.load(Ordering::Relaxed);
    if live < budget && THRESHOLD.load(Ordering::Relaxed) != budget {
        THRESHOLD.store(budget, Ordering::Relaxed);
    }
}

// SAFETY: every method forwards to `System` (mimalloc natively, a `GlobalAlloc` too)
// with the caller's own arguments, so the contract holds exactly as it does for it; the counting around it
// only updates atomics and a const thread-local (no allocation, no lock, no unwinding).
#[cfg(not(all(target_arch = "wasm32", target_feature = "atomics")))]
unsafe impl GlobalAlloc for CountingAllocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as ours (non-zero size is the caller's duty).
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            note(layout.size() as isize);
        }
        pointer
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let pointer = unsafe { System.alloc_zeroed(layout) };
        if !pointer.is_null() {
            note(layout.size() as isize);
        }
        pointer
    }

    #[inline]
    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: `pointer` came from this allocator, that is from `System`, with `layout`.
        unsafe { System.dealloc(pointer, layout) };
        note(-(layout.size() as isize));
    }

    #[inline]
    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `pointer` came from `System` with `layout`; the caller upholds the rest.
        let moved = unsafe { System.realloc(pointer, layout, new_size) };
        if !moved.is_null() {
            note(new_size as isize - layout.size() as isize);
        }
        moved
    }
}

// SAFETY: every method forwards to the page's arenas (`wasm_heap`) with the caller's
// own arguments; they keep `GlobalAlloc`'s contract as std's wasm allocator does, and
// count the bytes themselves.
#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
unsafe impl GlobalAlloc for CountingAllocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as ours.
        unsafe { crate::wasm_heap::alloc(layout) }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as ours.
        unsafe { crate::wasm_heap::alloc_zeroed(layout) }
    }

    #[inline]
    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: `pointer` came from this allocator, that is from the arenas, with `layout`.
        unsafe { crate::wasm_heap::dealloc(pointer, layout) }
    }

    #[inline]
    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `pointer` came from the arenas with `layout`; the caller upholds the rest.
        unsafe { crate::wasm_heap::realloc(pointer, layout, new_size) }
    }
}

/// mimalloc as a `GlobalAlloc`. Its blocks are whole words from word-aligned pages, so
/// up to word alignment the plain calls serve; its `_aligned` calls would take a slow
/// over-allocating path for sizes that are not powers of two (most vectors and strings).
#[cfg(not(target_arch = "wasm32"))]
mod native_heap {
    use libmimalloc_sys as mi;
    use std::alloc::{GlobalAlloc, Layout};
    use std::ffi::c_void;

    const WORD: usize = std::mem::size_of::<usize>();

    pub struct Mimalloc;

    // SAFETY: each method hands mimalloc the caller's size (and alignment beyond a word,
    // which the plain calls would not guarantee); mimalloc returns null on failure,
    // frees what it allocated, and `mi_realloc` keeps the contents up to the smaller size
    // (what `GlobalAlloc` asks of each method).
    unsafe impl GlobalAlloc for Mimalloc {
        #[inline]
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            // SAFETY: plain FFI calls; any size is valid.
            unsafe {
                if layout.align() <= WORD {
                    mi::mi_malloc(layout.size()).cast()
                } else {
                    mi::mi_malloc_aligned(layout.size(), layout.align()).cast()
                }
            }
        }

        #[inline]
        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            // SAFETY: as for `alloc`.
            unsafe {
                if layout.align() <= WORD {
                    mi::mi_zalloc(layout.size()).cast()
                } else {
                    mi::mi_zalloc_aligned(layout.size(), layout.align()).cast()
                }
            }
        }

        #[inline]
        unsafe fn dealloc(&self, pointer: *mut u8, _layout: Layout) {
            // SAFETY: `pointer` came from mimalloc (one of the calls above).
            unsafe { mi::mi_free(pointer.cast::<c_void>()) }
        }

        #[inline]
        unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            // SAFETY: `pointer` came from mimalloc with `layout`'s alignment, which the
            // new block keeps.
            unsafe {
                if layout.align() <= WORD {
                    mi::mi_realloc(pointer.cast::<c_void>(), new_size).cast()
                } else {
                    mi::mi_realloc_aligned(pointer.cast::<c_void>(), new_size, layout.align())
                        .cast()
                }
            }
        }
    }
}

/// Publishes this thread's pending count (a logical thread calls it as it ends, so
/// threads that come and go leave no drift behind).
pub fn flush_thread() {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let pending = PENDING.try_with(|pending| pending.replace(0)).unwrap_or(0);
        if pending != 0 {
            publish(pending);
        }
    }
}

/// Live heap bytes of the process (natively up to 64 KiB per thread behind).
pub fn live_bytes() -> usize {
    LIVE.load(Ordering::Relaxed).max(0) as usize
}

/// The budget Python allocations run under.
pub fn budget() -> usize {
    BUDGET.load(Ordering::Relaxed) as usize
}

/// Changes the budget (for tests; the page and the command line keep the default).
pub fn set_budget(bytes: usize) {
    let bytes = bytes.min(isize::MAX as usize / 2) as isize;
    BUDGET.store(bytes, Ordering::Relaxed);
    THRESHOLD.store(bytes, Ordering::Relaxed);
}

/// Beyond this nothing more is granted after a `MemoryError`: a quarter over the budget.
pub fn hard_limit() -> usize {
    budget() + budget() / 4
}

/// True when the live heap is past what a Python program may use now: the VM then calls
/// [`claim_memory_error`]. One relaxed load each: cheap enough for every eval breaker.
#[inline]
pub fn over_budget() -> bool {
    LIVE.load(Ordering::Relaxed) > THRESHOLD.load(Ordering::Relaxed)
}

/// Called by a thread that found [`over_budget`]: true when this thread must raise
/// `MemoryError` (then the grace period starts); false when another thread already
/// raised it for the same excess, or the memory was freed meanwhile.
#[cold]
pub fn claim_memory_error() -> bool {
    let live = LIVE.load(Ordering::Relaxed);
    let threshold = THRESHOLD.load(Ordering::Relaxed);
    if live <= threshold {
        return false;
    }
    let hard = hard_limit() as isize;
    let next = live.saturating_add(GRACE_BYTES as isize).min(hard);
    if next <= threshold {
        // Already at the hard limit: every check fails until memory is freed.
        return true;
    }
    THRESHOLD
        .compare_exchange(threshold, next, Ordering::Relaxed, Ordering::Relaxed)
        .is_ok()
}

/// May the program allocate `bytes` more now? False means: raise `MemoryError` instead
/// of allocating. Nothing is counted here; the allocation itself is.
#[inline]
pub fn reserve(bytes: usize) -> bool {
    let room = THRESHOLD.load(Ordering::Relaxed) - LIVE.load(Ordering::Relaxed);
    bytes <= isize::MAX as usize && (bytes as isize).saturating_add(RESERVE_SLACK) <= room
}

/// Kept free by [`reserve`] beyond the bytes asked for: the objects around them and, natively,
/// the counts threads have not published yet. So a loop that allocates through `reserve`
/// fails there, on the line that allocates, before the eval breaker sees the excess.
const RESERVE_SLACK: isize = 128 << 10;

/// `MemoryError` unless the program may allocate `bytes` more now (see [`reserve`]).
#[inline]
pub fn check(bytes: usize) -> super::PyResult<()> {
    if reserve(bytes) {
        Ok(())
    } else {
        Err(memory_error())
    }
}

/// `MemoryError` unless `count` items of `item_bytes` each may be allocated now
/// (overflowing sizes fail too).
#[inline]
pub fn check_items(count: usize, item_bytes: usize) -> super::PyResult<()> {
    match count.checked_mul(item_bytes) {
        Some(bytes) => check(bytes),
        None => Err(memory_error()),
    }
}

/// Before pushing onto `items`: a full vector is about to double, so the new buffer
/// must fit (checked only when it is full, so appending stays cheap).
#[inline]
pub fn check_push<T>(items: &Vec<T>) -> super::PyResult<()> {
    if items.len() < items.capacity() {
        return Ok(());
    }
    check_items(items.capacity().max(4), 2 * std::mem::size_of::<T>())
}

/// `items` repeated `count` times (`[...] * n`), or `MemoryError` when that does not
/// fit the budget or the allocator.
pub fn repeat_values<T: Clone>(items: &[T], count: usize) -> super::PyResult<Vec<T>> {
    if items.is_empty() || count == 0 {
        return Ok(Vec::new());
    }
    let total = items.len().checked_mul(count).ok_or_else(memory_error)?;
    check_items(total, std::mem::size_of::<T>())?;
    let mut out = Vec::new();
    out.try_reserve_exact(total).map_err(|_| memory_error())?;
    if let [only] = items {
        // `[x] * n`: one fill rather than `n` one-item copies.
        out.resize(total, only.clone());
        return Ok(out);
    }
    for _ in 0..count {
        out.extend_from_slice(items);
    }
    Ok(out)
}

/// `text` repeated `count` times (`"ab" * n`), or `MemoryError`.
pub fn repeat_str(text: &str, count: usize) -> super::PyResult<String> {
    if text.is_empty() || count == 0 {
        return Ok(String::new());
    }
    let total = text.len().checked_mul(count).ok_or_else(memory_error)?;
    check(total)?;
    let mut out = String::new();
    out.try_reserve_exact(total).map_err(|_| memory_error())?;
    out.push_str(text);
    // Doubling copies; every length here is a whole number of copies of `text`, so each
    // cut falls on a character boundary.
    while out.len() < total {
        let more = (total - out.len()).min(out.len());
        out.extend_from_within(..more);
    }
    Ok(out)
}

/// About what one entry of a dict or a set takes, its share of the table included, while
/// the table doubles (for checks before filling one from many items).
pub const HASHED_ENTRY_BYTES: usize = 160;

/// About what a short string object takes: its value in a list and its allocation.
pub const STRING_OBJECT_BYTES: usize = 64;

/// A `MemoryError` as CPython raises it for a failed allocation: no arguments.
pub fn memory_error() -> super::PyErr {
    super::interp::exc(ExcType::MemoryError, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every object's size is its payload's, so the large payloads stay boxed: an
    /// instance or an empty list should not cost what a function costs.
    #[test]
    fn objects_stay_small() {
        assert!(std::mem::size_of::<super::super::value::Payload>() <= 104);
    }

    #[test]
    fn allocations_are_counted_and_released() {
        flush_thread();
        let before = live_bytes();
        let big = vec![0u8; 8 << 20];
        flush_thread();
        let during = live_bytes();
        drop(big);
        flush_thread();
        let after = live_bytes();
        // Other tests run meanwhile in this process: compare with generous slack.
        assert!(during >= before + (6 << 20), "{before} -> {during}");
        assert!(after + (6 << 20) <= during, "{during} -> {after}");
    }
}
