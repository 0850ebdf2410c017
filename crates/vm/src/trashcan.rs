//! Freeing objects without deep Rust recursion (CPython's "trashcan").
//!
//! Dropping the last reference to a list drops its items, which drops their items, and
//! so on: for `a = [a]` repeated 100000 times, plain `Drop` recursion is 100000 levels
//! deep and overflows any thread's stack. Every unbounded chain of Python data passes
//! through an `Obj` (lists, tuples, dicts, sets, instances and their dicts, cells,
//! closures, bound methods, generator frames, iterators, exceptions and their
//! `__cause__`...), so `Obj`'s `Drop` is the one place to cut it: up to [`INLINE_DEPTH`]
//! nested object drops run as usual; deeper, the object's payload is moved to a
//! thread-local list instead of being dropped, and the outermost drop on the thread
//! frees that list in a loop. Rust recursion stays O(1) in the depth of the data, and
//! memory in the list stays O(depth / INLINE_DEPTH).
//!
//! This module must never run Python code, take a lock or allocate beyond the list
//! itself; it runs inside every object's destruction, on any thread.

use super::value::{Obj, Payload};
use std::cell::{Cell, RefCell};

/// Nested object drops done inline before payloads are deferred (CPython's trashcan
/// uses 50; our drop frames are small, and a shallow limit keeps them far from a
/// stack's end).
const INLINE_DEPTH: u32 = 32;

/// Deferred payloads kept allocated between drains; a bigger list is shrunk back.
const KEEP_CAPACITY: usize = 256;

thread_local! {
    /// Object drops in progress on this thread.
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    /// Payloads waiting for the outermost drop to free them.
    static DEFERRED: RefCell<Vec<Payload>> = const { RefCell::new(Vec::new()) };
}

impl Drop for Obj {
    fn drop(&mut self) {
        if let Some(ext) = self.ext.as_mut() {
            // The attributes of a built-in subclass's instance go through the same
            // deferral as payloads, as a tuple of their values.
            // `&mut self`: nothing else can hold the lock, so no atomic is needed to reach it.
            let attrs = std::mem::take(ext.dict.get_mut());
            if !attrs.is_empty() {
                let values = Payload::Tuple(attrs.into_values().collect());
                drop(Obj {
                    payload: values,
                    ext: None,
                });
            }
        }
        if holds_nothing(&mut self.payload) {
            return;
        }
        let depth = DEPTH.with(Cell::get);
        if depth >= INLINE_DEPTH {
            let payload = std::mem::replace(&mut self.payload, empty());
            // During the thread's own teardown the list may be gone: the payload is then
            // dropped in place with the closure (only a structure freed at that very
            // moment could still recurse deeply).
            let _ = DEFERRED.try_with(move |list| list.borrow_mut().push(payload));
            return;
        }
        DEPTH.with(|cell| cell.set(depth + 1));
        // In place rather than `mem::replace` + drop: payloads are a few hundred bytes,
        // and copying each one out cost more than the rest of this function.
        let abort_if_unwinding = AbortOnUnwind;
        // SAFETY: the payload is dropped exactly once here and at once replaced by a
        // valid value, so the field's own drop glue, which runs after this function,
        // sees an initialized payload. Nothing reads the field in between: `self` is
        // borrowed mutably and nothing else can reach an object being dropped. Should the
        // drop unwind, the guard aborts before the glue could drop the field twice.
        unsafe {
            std::ptr::drop_in_place(&mut self.payload);
            std::ptr::write(&mut self.payload, empty());
        }
        std::mem::forget(abort_if_unwinding);
        if depth == 0 {
            drain();
        }
        DEPTH.with(|cell| cell.set(depth));
    }
}

/// Aborts the process if dropped: held across an in-place drop that must not unwind.
struct AbortOnUnwind;

impl Drop for AbortOnUnwind {
    fn drop(&mut self) {
        std::process::abort();
    }
}

/// Frees what deeper drops deferred, one payload at a time (each may defer more).
fn drain() {
    loop {
        let next = DEFERRED
            .try_with(|list| {
                let mut list = list.borrow_mut();
                let next = list.pop();
                if next.is_none() && list.capacity() > KEEP_CAPACITY {
                    *list = Vec::new();
                }
                next
            })
            .ok()
            .flatten();
        match next {
            // Dropped outside the borrow: it may defer payloads of its own.
            Some(payload) => drop(payload),
            None => return,
        }
    }
}

/// A payload with nothing inside to free (what a dropped object is left holding).
fn empty() -> Payload {
    Payload::Tuple(Vec::new())
}

/// Payloads that hold no Python values: dropping them cannot recurse. Empty lists,
/// dicts and sets are common (`d.setdefault(k, [])` frees one per call that finds `k`);
/// `&mut` reaches their contents without taking their locks.
#[inline]
fn holds_nothing(payload: &mut Payload) -> bool {
    match payload {
        Payload::Tuple(items) => items.is_empty(),
        Payload::List(items) => items.get_mut().is_empty(),
        Payload::Dict(dict) => dict.get_mut().is_empty(),
        Payload::Set(set) => set.get_mut().is_empty(),
        Payload::Range(_) | Payload::Code(_) => true,
        Payload::Builtin(builtin) => builtin.bound.is_none(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::value::{Payload, Value};
    use crate::value::Mutex;

    fn nested_lists(depth: usize) -> Value {
        let mut value = Value::obj(Payload::List(Mutex::new(Vec::new())));
        for _ in 0..depth {
            value = Value::obj(Payload::List(Mutex::new(vec![value])));
        }
        value
    }

    #[test]
    fn a_deep_list_frees_on_a_small_stack() {
        std::thread::Builder::new()
            .stack_size(256 << 10)
            .spawn(|| drop(nested_lists(1_000_000)))
            .unwrap()
            .join()
            .unwrap();
    }

    #[test]
    fn deep_tuples_inside_a_wide_list_free() {
        std::thread::Builder::new()
            .stack_size(256 << 10)
            .spawn(|| {
                let mut items = Vec::new();
                for _ in 0..100 {
                    let mut value = Value::None;
                    for _ in 0..10_000 {
                        value = Value::obj(Payload::Tuple(vec![value, Value::Int(1)]));
                    }
                    items.push(value);
                }
                drop(Value::obj(Payload::List(Mutex::new(items))));
            })
            .unwrap()
            .join()
            .unwrap();
    }
}
