//! `_collections`: the storage of `collections.deque`, in Rust so that `popleft` is O(1)
//! and every single operation (`append`, `appendleft`, `pop`, `popleft`, `extend`,
//! `rotate`, ...) is one step under the deque's own mutex, as in free-threaded CPython:
//! threads appending to one deque at once never lose an item. The `deque` class itself
//! (reprs, comparisons, iteration objects, the error messages) is Python, in
//! `pylib/collections.py`, and keeps one of these cores in `self._core`.
//!
//! The mutex is held only inside one method here, never while Python code runs: values
//! are compared, hashed or iterated by the Python side, on snapshots.

use super::function;
use crate::builtins::{index_arg, new_list};
use crate::interp::{exc, Vm};
use crate::types::{type_name, ExcType};
use crate::value::Mutex;
use crate::value::{lock, Args, BuiltinFn, NativeObject, Payload, Value};
use crate::PyResult;
use std::collections::VecDeque;

/// One deque's items, its bound, and its mutation count.
pub(crate) struct DequeCore {
    inner: Mutex<Inner>,
    /// None: unbounded.
    maxlen: Option<usize>,
}

struct Inner {
    items: VecDeque<Value>,
    /// Bumped by every change of length (what CPython's `state` counts): an iterator
    /// made before a change refuses to go on.
    state: u64,
}

impl NativeObject for DequeCore {
    fn type_name(&self) -> &'static str {
        "_collections.deque_core"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl Inner {
    /// Appends at the right, dropping from the left when a bounded deque is full.
    fn push_back(&mut self, value: Value, maxlen: Option<usize>) {
        self.state = self.state.wrapping_add(1);
        if maxlen == Some(0) {
            return;
        }
        if maxlen.is_some_and(|max| self.items.len() >= max) {
            self.items.pop_front();
        }
        self.items.push_back(value);
    }

    fn push_front(&mut self, value: Value, maxlen: Option<usize>) {
        self.state = self.state.wrapping_add(1);
        if maxlen == Some(0) {
            return;
        }
        if maxlen.is_some_and(|max| self.items.len() >= max) {
            self.items.pop_back();
        }
        self.items.push_front(value);
    }

    /// `index` (negative counts from the right) as a position, or CPython's IndexError.
    fn position(&self, index: i64) -> PyResult<usize> {
        let len = self.items.len() as i64;
        let at = if index < 0 { index + len } else { index };
        if at < 0 || at >= len {
            return Err(exc(ExcType::IndexError, "deque index out of range"));
        }
        Ok(at as usize)
    }
}

/// The `_collections` module: `deque_core(maxlen)` makes a core.
pub(crate) fn module() -> Value {
    // The methods `deque` binds directly (see `core_of`), by their CPython names.
    let methods: [(&'static str, BuiltinFn); 13] = [
        ("append", append),
        ("appendleft", appendleft),
        ("pop", pop),
        ("popleft", popleft),
        ("extend", extend),
        ("extendleft", extendleft),
        ("rotate", rotate),
        ("clear", clear),
        ("__len__", length),
        ("__bool__", non_empty),
        ("__getitem__", getitem),
        ("__setitem__", setitem),
        ("__delitem__", delitem),
    ];
    let mut entries = vec![("deque_core", function("deque_core", new_core))];
    entries.extend(
        methods
            .into_iter()
            .map(|(name, func)| (name, function(name, func))),
    );
    super::module("_collections", entries)
}

fn new_core(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let maxlen = match args.positional.first() {
        None | Some(Value::None) => None,
        Some(Value::Int(n)) if *n < 0 => {
            return Err(exc(ExcType::ValueError, "maxlen must be non-negative"))
        }
        Some(value @ (Value::Int(_) | Value::Bool(_))) => Some(index_arg(value)? as usize),
        Some(_) => return Err(exc(ExcType::TypeError, "an integer is required")),
    };
    Ok(Value::obj(Payload::Native(Box::new(DequeCore {
        inner: Mutex::new(Inner {
            items: VecDeque::new(),
            state: 0,
        }),
        maxlen,
    }))))
}

/// The core a method works on: the receiver itself, or the `_core` of a `deque`
/// instance (the class binds these functions as its methods directly, which saves a
/// Python frame per call).
fn core_of(args: &Args) -> PyResult<Value> {
    let value = args.positional.first().unwrap_or(&Value::None);
    let found = match value.payload() {
        Some(Payload::Native(_)) => Some(value.clone()),
        Some(Payload::Instance(instance)) => lock(&instance.dict).get("_core").cloned(),
        _ => None,
    };
    match found {
        Some(core) if as_core(&core).is_some() => Ok(core),
        _ => Err(exc(
            ExcType::TypeError,
            format!(
                "descriptor requires a 'collections.deque' object but received '{}'",
                type_name(value)
            ),
        )),
    }
}

fn as_core(value: &Value) -> Option<&DequeCore> {
    match value.payload() {
        Some(Payload::Native(native)) => native.as_any().downcast_ref::<DequeCore>(),
        _ => None,
    }
}

/// Runs `body` on the receiver's core.
fn with_core<R>(args: &Args, body: impl FnOnce(&DequeCore) -> PyResult<R>) -> PyResult<R> {
    let core = core_of(args)?;
    match as_core(&core) {
        Some(deque) => body(deque),
        None => Err(exc(ExcType::TypeError, "not a deque")),
    }
}

/// An index argument, with CPython's message for a slice.
fn index_of(value: &Value) -> PyResult<i64> {
    if let Some(Payload::Slice(..)) = value.payload() {
        return Err(exc(
            ExcType::TypeError,
            "sequence index must be integer, not 'slice'",
        ));
    }
    index_arg(value)
}

/// The argument after the receiver, or CPython's arity message for `deque.<method>()`.
fn one_arg<'a>(args: &'a Args, method: &str) -> PyResult<&'a Value> {
    match args.positional.len() {
        2 => Ok(&args.positional[1]),
        n => Err(exc(
            ExcType::TypeError,
            format!(
                "deque.{method}() takes exactly one argument ({} given)",
                n.saturating_sub(1)
            ),
        )),
    }
}

fn append(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    with_core(&args, |deque| {
        let value = one_arg(&args, "append")?.clone();
        lock(&deque.inner).push_back(value, deque.maxlen);
        Ok(Value::None)
    })
}

fn appendleft(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    with_core(&args, |deque| {
        let value = one_arg(&args, "appendleft")?.clone();
        lock(&deque.inner).push_front(value, deque.maxlen);
        Ok(Value::None)
    })
}

fn pop(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    with_core(&args, |deque| {
        let mut inner = lock(&deque.inner);
        let item = inner.items.pop_back();
        if item.is_some() {
            inner.state = inner.state.wrapping_add(1);
        }
        item.ok_or_else(|| exc(ExcType::IndexError, "pop from an empty deque"))
    })
}

fn popleft(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    with_core(&args, |deque| {
        let mut inner = lock(&deque.inner);
        let item = inner.items.pop_front();
        if item.is_some() {
            inner.state = inner.state.wrapping_add(1);
        }
        item.ok_or_else(|| exc(ExcType::IndexError, "pop from an empty deque"))
    })
}

/// `extend(iterable)`: the iterable is read first (Python code may run), then its
/// items go in under one lock, so other threads never see half of them.
fn extend(vm: &mut Vm, args: Args) -> PyResult<Value> {
    with_core(&args, |deque| {
        let items = vm.collect(one_arg(&args, "extend")?)?;
        let mut inner = lock(&deque.inner);
        for item in items {
            inner.push_back(item, deque.maxlen);
        }
        Ok(Value::None)
    })
}

fn extendleft(vm: &mut Vm, args: Args) -> PyResult<Value> {
    with_core(&args, |deque| {
        let items = vm.collect(one_arg(&args, "extendleft")?)?;
        let mut inner = lock(&deque.inner);
        for item in items {
            inner.push_front(item, deque.maxlen);
        }
        Ok(Value::None)
    })
}

fn rotate(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    with_core(&args, |deque| {
        let steps = match args.positional.get(1) {
            Some(value) => index_arg(value)?,
            None => 1,
        };
        let mut inner = lock(&deque.inner);
        let len = inner.items.len() as i64;
        if len > 1 {
            let right = steps.rem_euclid(len) as usize;
            inner.items.rotate_right(right);
        }
        inner.state = inner.state.wrapping_add(1);
        Ok(Value::None)
    })
}

fn clear(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    with_core(&args, |deque| {
        // Dropped after the lock is released: dropping a value never runs Python here,
        // but a long deque is freed outside the critical section all the same.
        let old = {
            let mut inner = lock(&deque.inner);
            inner.state = inner.state.wrapping_add(1);
            std::mem::take(&mut inner.items)
        };
        drop(old);
        Ok(Value::None)
    })
}

fn reverse(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    with_core(&args, |deque| {
        let mut inner = lock(&deque.inner);
        inner.items.make_contiguous().reverse();
        inner.state = inner.state.wrapping_add(1);
        Ok(Value::None)
    })
}

fn length(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    with_core(&args, |deque| {
        Ok(Value::Int(lock(&deque.inner).items.len() as i64))
    })
}

fn non_empty(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    with_core(&args, |deque| {
        Ok(Value::Bool(!lock(&deque.inner).items.is_empty()))
    })
}

fn maxlen(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    with_core(&args, |deque| {
        Ok(deque.maxlen.map_or(Value::None, |n| Value::Int(n as i64)))
    })
}

fn state(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    with_core(&args, |deque| {
        Ok(Value::Int(lock(&deque.inner).state as i64))
    })
}

/// The items, left to right, as a new list (what comparisons and searches run on).
fn snapshot(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    with_core(&args, |deque| {
        let items: Vec<Value> = lock(&deque.inner).items.iter().cloned().collect();
        Ok(new_list(items))
    })
}

fn getitem(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    with_core(&args, |deque| {
        let index = index_of(one_arg(&args, "__getitem__")?)?;
        let inner = lock(&deque.inner);
        let at = inner.position(index)?;
        Ok(inner.items[at].clone())
    })
}

fn setitem(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    with_core(&args, |deque| {
        let (Some(index), Some(value)) = (args.positional.get(1), args.positional.get(2)) else {
            return Err(exc(ExcType::TypeError, "expected 2 arguments"));
        };
        let index = index_of(index)?;
        let old = {
            let mut inner = lock(&deque.inner);
            let at = inner.position(index)?;
            std::mem::replace(&mut inner.items[at], value.clone())
        };
        drop(old);
        Ok(Value::None)
    })
}

fn delitem(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    with_core(&args, |deque| {
        let index = index_of(one_arg(&args, "__delitem__")?)?;
        let mut inner = lock(&deque.inner);
        let at = inner.position(index)?;
        let old = inner.items.remove(at);
        inner.state = inner.state.wrapping_add(1);
        drop(inner);
        drop(old);
        Ok(Value::None)
    })
}

/// `insert(index, value)`, clamping the index as `list.insert` does.
fn insert(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    with_core(&args, |deque| {
        let (Some(index), Some(value)) = (args.positional.get(1), args.positional.get(2)) else {
            return Err(exc(
                ExcType::TypeError,
                format!(
                    "insert expected 2 arguments, got {}",
                    args.positional.len().saturating_sub(1)
                ),
            ));
        };
        let index = index_arg(index)?;
        let mut inner = lock(&deque.inner);
        if deque.maxlen.is_some_and(|max| inner.items.len() >= max) {
            return Err(exc(
                ExcType::IndexError,
                "deque already at its maximum size",
            ));
        }
        let len = inner.items.len() as i64;
        let at = if index < 0 {
            (index + len).max(0)
        } else {
            index.min(len)
        };
        inner.items.insert(at as usize, value.clone());
        inner.state = inner.state.wrapping_add(1);
        Ok(Value::None)
    })
}

/// `next_item(position, state)`: the item an iterator made at mutation count `state`
/// yields at `position` (counted from the left, or from the right when a third
/// argument is true): RuntimeError once the deque changed length, StopIteration past
/// the end.
fn next_item(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    with_core(&args, |deque| {
        let position = index_arg(args.positional.get(1).unwrap_or(&Value::Int(0)))?;
        let state = index_arg(args.positional.get(2).unwrap_or(&Value::Int(0)))?;
        let from_right = matches!(args.positional.get(3), Some(Value::Bool(true)));
        let inner = lock(&deque.inner);
        if inner.state as i64 != state {
            return Err(exc(ExcType::RuntimeError, "deque mutated during iteration"));
        }
        let len = inner.items.len() as i64;
        if position < 0 || position >= len {
            return Err(exc(ExcType::StopIteration, ""));
        }
        let at = if from_right {
            len - 1 - position
        } else {
            position
        };
        Ok(inner.items[at as usize].clone())
    })
}

/// Methods of a deque core, bound to `object`.
pub(crate) fn core_attribute(
    object: &Value,
    native: &dyn NativeObject,
    name: &str,
) -> Option<Value> {
    native.as_any().downcast_ref::<DequeCore>()?;
    let (name, func): (&'static str, BuiltinFn) = match name {
        "append" => ("append", append),
        "appendleft" => ("appendleft", appendleft),
        "pop" => ("pop", pop),
        "popleft" => ("popleft", popleft),
        "extend" => ("extend", extend),
        "extendleft" => ("extendleft", extendleft),
        "rotate" => ("rotate", rotate),
        "clear" => ("clear", clear),
        "reverse" => ("reverse", reverse),
        "length" => ("length", length),
        "maxlen" => ("maxlen", maxlen),
        "state" => ("state", state),
        "snapshot" => ("snapshot", snapshot),
        "getitem" => ("getitem", getitem),
        "setitem" => ("setitem", setitem),
        "delitem" => ("delitem", delitem),
        "insert" => ("insert", insert),
        "next_item" => ("next_item", next_item),
        _ => return None,
    };
    Some(Value::obj(Payload::BoundMethod(
        object.clone(),
        function(name, func),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(inner: &Inner) -> Vec<i64> {
        inner
            .items
            .iter()
            .map(|v| match v {
                Value::Int(i) => *i,
                _ => -1,
            })
            .collect()
    }

    #[test]
    fn a_bounded_deque_drops_from_the_other_end() {
        let mut inner = Inner {
            items: VecDeque::new(),
            state: 0,
        };
        for i in 0..5 {
            inner.push_back(Value::Int(i), Some(3));
        }
        assert_eq!(ints(&inner), vec![2, 3, 4]);
        inner.push_front(Value::Int(9), Some(3));
        assert_eq!(ints(&inner), vec![9, 2, 3]);
        // Every append counts as a change, even one that keeps the length.
        assert_eq!(inner.state, 6);
        inner.push_back(Value::Int(1), Some(0));
        assert_eq!(ints(&inner), vec![9, 2, 3]);
    }

    #[test]
    fn positions_count_from_either_end() {
        let mut inner = Inner {
            items: VecDeque::new(),
            state: 0,
        };
        for i in 0..3 {
            inner.push_back(Value::Int(i), None);
        }
        assert_eq!(inner.position(-1).ok(), Some(2));
        assert_eq!(inner.position(0).ok(), Some(0));
        assert!(inner.position(3).is_err());
        assert!(inner.position(-4).is_err());
    }
}
