//! Keeps the engine's own (Rust) stack from overflowing when Rust recursion follows the
//! shape of Python data (the repr of a list nested 100000 deep, `==` between two such
//! lists, a chain of `map` iterators, a long `__cause__` chain in a traceback) or nests
//! interpreter loops (calls from built-ins back into Python).
//!
//! Every such recursion enters a [`Level`] first; entering fails, and the caller raises
//! `RecursionError` with CPython's message for the place, when either
//! - the levels entered on this OS thread would pass [`MAX_DEPTH`] units (CPython 3.12's
//!   C recursion limit, so the same programs fail at about the same depth), or
//! - less than [`MARGIN`] bytes of this thread's stack remain below the current stack
//!   pointer (the address of a local). Natively the stack's end comes from the OS
//!   (`pthread_getattr_np`); in the browser the pointer is the shadow stack in linear
//!   memory, whose size wasm-bindgen fixes per worker, counted from the first address
//!   seen on the thread.
//!
//! In the browser the wasm code's frames also live on V8's machine stack (500 KiB on a
//! Chromium worker), which no address can measure: there the depth limit is the bound,
//! and [`MAX_DEPTH`] is chosen so its deepest use fits (see ARCHITECTURE.md).
//!
//! This module must never allocate, block or panic: it runs on every guarded step, and
//! on the edge of the stack.

use crate::types::ExcType;
use std::cell::Cell;

/// Guarded units allowed at once on one OS thread. Natively CPython 3.12's C recursion
/// limit, so the same programs fail at about the same depth. In the browser V8's machine
/// stack is the bound: measured in node 20 (V8 11.3, `--stack-size=500`, optimized
/// code), a unit of repr recursion takes up to about 370 bytes of it and a nested
/// interpreter loop up to 2.4 KiB (resuming a generator, the deepest), so 750 units
/// stay near 300 KB of a worker's 500 KiB whatever mix of the two a program nests.
pub const MAX_DEPTH: u32 = if cfg!(target_arch = "wasm32") {
    750
} else {
    1500
};

/// What one nested interpreter loop costs in units: its frames are far larger than one
/// level of a repr or a comparison, so nesting both kinds cannot add up past the budget.
/// Natively 160 of them (`MAX_NESTED_RUNS`) fit; in the browser 125 (see [`MAX_DEPTH`]).
pub const NESTED_RUN_UNITS: u32 = if cfg!(target_arch = "wasm32") { 6 } else { 9 };

/// Stack kept free below the deepest guarded level, for the unguarded work a level does
/// (an instruction's built-in, creating the exception, unwinding, dropping values): in
/// unoptimized builds one nested loop takes about 30 KiB, in optimized ones a few.
pub const MARGIN: usize = 256 << 10;

/// The stack a thread is assumed to have below the first address seen on it, where the
/// platform cannot say: a browser worker's shadow stack is 2 MiB (wasm-bindgen's
/// default), of which the frames above the task take a little; half of it is certain.
const ASSUMED_STACK: usize = 1 << 20;

pub const MESSAGE: &str = "maximum recursion depth exceeded";
pub const REPR_MESSAGE: &str =
    "maximum recursion depth exceeded while getting the repr of an object";
pub const COMPARE_MESSAGE: &str = "maximum recursion depth exceeded in comparison";

thread_local! {
    /// Units entered on this thread.
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    /// The lowest stack address a guarded level may start at; 0 until first needed.
    static FLOOR: Cell<usize> = const { Cell::new(0) };
}

/// One entered level; leaving it (dropping it) gives its units back.
#[must_use = "the level ends when this is dropped"]
pub struct Level {
    units: u32,
}

impl Drop for Level {
    fn drop(&mut self) {
        DEPTH.with(|depth| depth.set(depth.get().saturating_sub(self.units)));
    }
}

/// Enters `units` of guarded recursion, or None when the depth limit or the stack's end
/// is near.
#[inline]
pub fn try_enter(units: u32) -> Option<Level> {
    let depth = DEPTH.with(Cell::get).saturating_add(units);
    if depth > MAX_DEPTH || !stack_left() {
        return None;
    }
    DEPTH.with(|cell| cell.set(depth));
    Some(Level { units })
}

/// Enters one level, or returns `RecursionError(message)`.
#[inline]
pub fn enter(message: &'static str) -> super::PyResult<Level> {
    try_enter(1).ok_or_else(|| super::interp::exc(ExcType::RecursionError, message))
}

/// Units entered on this thread now (for tests and diagnostics).
pub fn depth() -> u32 {
    DEPTH.with(Cell::get)
}

/// An address in the current stack frame: the stack pointer, near enough.
#[inline(always)]
fn stack_pointer() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

#[inline]
fn stack_left() -> bool {
    let here = stack_pointer();
    let floor = FLOOR.with(Cell::get);
    let floor = if floor == 0 {
        establish_at(here)
    } else {
        floor
    };
    here > floor
}

/// Records where this thread's stack ends. Logical threads call it as they start (so
/// the first address seen is near the stack's top); otherwise the first check does.
pub fn establish() {
    establish_at(stack_pointer());
}

#[cold]
fn establish_at(here: usize) -> usize {
    let low = stack_low(here).unwrap_or_else(|| here.saturating_sub(ASSUMED_STACK));
    // Never let the floor sit above the current frame: a thread whose stack is already
    // nearly used up still gets to run unguarded code, just no guarded recursion.
    let floor = low
        .saturating_add(MARGIN)
        .min(here.saturating_sub(MARGIN / 4))
        .max(1);
    FLOOR.with(|cell| cell.set(floor));
    floor
}

/// The lowest address of the current thread's stack, from the OS.
#[cfg(target_os = "linux")]
fn stack_low(here: usize) -> Option<usize> {
    // SAFETY: `attr` is zeroed storage that `pthread_getattr_np` initializes for the
    // calling thread (its own handle from `pthread_self`); it is read only after that
    // call succeeded and destroyed exactly once. `addr`/`size` are plain out-parameters.
    let (addr, size) = unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return None;
        }
        let mut addr: *mut libc::c_void = std::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let found = libc::pthread_attr_getstack(&attr, &mut addr, &mut size) == 0;
        libc::pthread_attr_destroy(&mut attr);
        if !found {
            return None;
        }
        (addr as usize, size)
    };
    // Only trust an answer that contains the current frame.
    (addr < here && here <= addr.saturating_add(size)).then_some(addr)
}

#[cfg(not(target_os = "linux"))]
fn stack_low(_here: usize) -> Option<usize> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_count_and_release() {
        let before = depth();
        {
            let _a = try_enter(1).expect("room");
            let _b = try_enter(NESTED_RUN_UNITS).expect("room");
            assert_eq!(depth(), before + 1 + NESTED_RUN_UNITS);
        }
        assert_eq!(depth(), before);
    }

    #[test]
    fn the_depth_limit_holds() {
        let mut levels = Vec::new();
        while let Some(level) = try_enter(1) {
            levels.push(level);
            assert!(levels.len() <= MAX_DEPTH as usize);
        }
        assert_eq!(depth(), MAX_DEPTH);
        drop(levels);
        assert_eq!(depth(), 0);
    }

    /// Recursion that only stops at the guard must stop before the stack ends, on a
    /// small stack too (the depth limit alone would not save it here).
    #[test]
    fn the_stack_limit_holds_on_a_small_stack() {
        fn recurse(n: u32) -> u32 {
            let Some(_level) = try_enter(1) else {
                return n;
            };
            // Some stack per level, kept alive across the call.
            let pad = std::hint::black_box([n as u8; 2048]);
            let reached = recurse(n + 1);
            std::hint::black_box(&pad);
            reached
        }
        let reached = std::thread::Builder::new()
            .stack_size(MARGIN + (512 << 10))
            .spawn(|| recurse(0))
            .unwrap()
            .join()
            .unwrap();
        assert!(reached > 10 && reached < MAX_DEPTH, "{reached}");
    }
}
