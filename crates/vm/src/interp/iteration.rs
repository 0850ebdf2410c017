//! Iteration: `iter()`, `next()` (with fast paths for the built-in iterators), the lazy
//! iterators (`map`, `zip`, `filter`, `enumerate`, `reversed`), collecting an iterable
//! into a vector and the items of a mapping.
//!
//! No iterator lock may be held while Python code runs (lazy iterators and `__next__`
//! call back into Python).

use super::exceptions::{exc, not_iterable};
use super::frame::Vm;
use super::generators::GenStep;
use crate::code::Instr;
use crate::ops;
use crate::types::type_name;
use crate::types::ExcType;
use crate::value::Mutex;
use crate::value::*;
use crate::PyResult;
use bytecode::BinOp;

impl Vm {
    pub(crate) fn get_iter(&mut self, value: &Value) -> PyResult<Value> {
        if value.is_subclass_instance() {
            if let Some(method) = self.override_method(value, "__iter__") {
                return self.call0(method);
            }
            if let Some(inner) = value.scalar_inner() {
                return self.get_iter(&inner.clone());
            }
        }
        self.get_iter_builtin(value)
    }

    /// `get_iter` without the Python `__iter__` of a built-in subclass.
    #[inline(always)]
    pub(crate) fn get_iter_builtin(&mut self, value: &Value) -> PyResult<Value> {
        let state = match value {
            // Lazily, one character at a time (`index` is a byte offset): materialising
            // every character first would cost 40 bytes per byte of text.
            Value::Str(_) => IterState::Seq {
                seq: value.clone(),
                index: 0,
            },
            Value::Obj(obj) => match &obj.payload {
                Payload::List(_) | Payload::Tuple(_) => IterState::Seq {
                    seq: value.clone(),
                    index: 0,
                },
                Payload::Range(range) => IterState::Range {
                    next: range.start,
                    stop: range.stop,
                    step: range.step,
                },
                Payload::Dict(dict) => IterState::Hashed {
                    container: value.clone(),
                    index: 0,
                    len: lock(dict).len(),
                    view: DictViewKind::Keys,
                },
                Payload::Set(set) => IterState::Hashed {
                    container: value.clone(),
                    index: 0,
                    len: lock(set).len(),
                    view: DictViewKind::Keys,
                },
                Payload::FrozenSet(set) => IterState::Items {
                    items: set.iter().map(|k| k.value.clone()).collect(),
                    index: 0,
                },
                Payload::Generator(g) if g.is_coroutine => {
                    return Err(exc(
                        ExcType::TypeError,
                        format!("'{}' object is not iterable", g.kind()),
                    ));
                }
                Payload::Iterator(_) | Payload::Generator(_) => return Ok(value.clone()),
                // Lazily from the dict's table, as for the dict itself.
                Payload::DictView(kind, dict) => match dict.payload() {
                    Some(Payload::Dict(table)) => IterState::Hashed {
                        container: dict.clone(),
                        index: 0,
                        len: lock(table).len(),
                        view: *kind,
                    },
                    _ => IterState::Items {
                        items: crate::builtins::view_items(*kind, dict),
                        index: 0,
                    },
                },
                Payload::Instance(_) => {
                    if let Some(method) = self.special_method(value, "__iter__") {
                        let iterator = self.call0(method)?;
                        if self.special_method(&iterator, "__next__").is_none()
                            && !matches!(
                                iterator.payload(),
                                Some(Payload::Iterator(_)) | Some(Payload::Generator(_))
                            )
                        {
                            return Err(exc(
                                ExcType::TypeError,
                                format!(
                                    "iter() returned non-iterator of type '{}'",
                                    type_name(&iterator)
                                ),
                            ));
                        }
                        return Ok(iterator);
                    }
                    if self.special_method(value, "__getitem__").is_some() {
                        let mut items = Vec::new();
                        let getitem = self.special_method(value, "__getitem__").expect("checked");
                        for index in 0.. {
                            match self.call1(getitem.clone(), Value::Int(index)) {
                                Ok(item) => items.push(item),
                                Err(e) if ops::is_exception_of(&e.0, ExcType::IndexError) => break,
                                Err(e) => return Err(e),
                            }
                        }
                        IterState::Items { items, index: 0 }
                    } else {
                        return Err(not_iterable(value));
                    }
                }
                Payload::Class(_) => match self.metaclass_method(value, "__iter__") {
                    Some(method) => return self.call0(method),
                    None => return Err(not_iterable(value)),
                },
                _ => return Err(not_iterable(value)),
            },
            _ => return Err(not_iterable(value)),
        };
        Ok(Value::obj(Payload::Iterator(Mutex::new(state))))
    }

    /// `ForIter` on anything but a range iterator: pushes the next item, or pops the
    /// iterator and jumps to `target` when it is exhausted. True when it pushed a
    /// generator's frame instead, to run in the caller's loop (see `InlineGen`).
    #[inline]
    pub(super) fn for_iter(&mut self, target: u32) -> PyResult<bool> {
        // A generator resumes straight away (what `next` would come to): in this loop,
        // off the per-instruction check, borrowed from the stack (no count change).
        if !self.slice.per_instruction
            && matches!(self.peek(0).payload(), Some(Payload::Generator(g)) if !g.is_coroutine)
            && self.enter_inline(target)
        {
            return Ok(true);
        }
        let iterator = self.peek(0).clone();
        let next = match iterator.payload() {
            // Resumed the usual way: on the per-instruction check, or when it cannot
            // run inline (see `enter_inline`).
            Some(Payload::Generator(g)) if !g.is_coroutine => {
                match self.resume_generator(&iterator, Value::None)? {
                    GenStep::Yielded(value) => Some(value),
                    GenStep::Returned(_) => None,
                }
            }
            // `for k, v in d.items()`: the key and value without the tuple.
            Some(Payload::Iterator(_))
                if !self.slice.per_instruction && self.unpacks_pair_next() =>
            {
                match self.next_item_pair(&iterator)? {
                    Some(Some((key, value))) => {
                        self.store_pair(key, value);
                        return Ok(false);
                    }
                    Some(None) => None,
                    None => self.next_fast(&iterator)?,
                }
            }
            _ => self.next_fast(&iterator)?,
        };
        match next {
            Some(item) => {
                // Off the per-instruction check, the `StoreFast` of the loop variable
                // that follows runs here too (as in the range and list fast path).
                if !self.slice.per_instruction {
                    let frame = self.top_mut();
                    if let Some(Instr::StoreFast(i)) = frame.code.instructions.get(frame.ip) {
                        frame.fast[*i as usize] = Some(item);
                        frame.ip += 1;
                        return Ok(false);
                    }
                }
                self.push(item)
            }
            None => {
                self.pop();
                self.top_mut().ip = target as usize;
            }
        }
        Ok(false)
    }

    /// Whether the instruction after this `ForIter` unpacks two values.
    #[inline]
    fn unpacks_pair_next(&self) -> bool {
        let frame = self.top();
        matches!(
            frame.code.instructions.get(frame.ip),
            Some(Instr::UnpackSequence(2))
        )
    }

    /// The next pair of an iterator over a dict's items, an `enumerate` with an int count
    /// or a two-way `zip`, the last two over lists, tuples or ranges (none runs Python),
    /// read as `next_fast`/`next` read it (the same RuntimeError if the dict changed
    /// size), without making the pair's tuple: `Some(None)` when exhausted, `None` (and
    /// nothing advanced) for any other iterator.
    fn next_item_pair(&mut self, iterator: &Value) -> PyResult<Option<Option<(Value, Value)>>> {
        let Some(Payload::Iterator(state)) = iterator.payload() else {
            return Ok(None);
        };
        let mut state = lock(state);
        let step = match &mut *state {
            IterState::Hashed {
                container,
                index,
                len,
                view: DictViewKind::Items,
            } => {
                let Some(Payload::Dict(dict)) = container.payload() else {
                    return Ok(None);
                };
                let dict = lock(dict);
                if dict.len() != *len {
                    drop(dict);
                    *state = IterState::Exhausted;
                    return Err(exc(
                        ExcType::RuntimeError,
                        "dictionary changed size during iteration",
                    ));
                }
                match dict.next_from(*index) {
                    Some((at, k, v)) => {
                        *index = at + 1;
                        Some((k.value.clone(), v.clone()))
                    }
                    None => None,
                }
            }
            IterState::Lazy(lazy) => match &mut **lazy {
                LazyIter::Enumerate {
                    inner,
                    count: Value::Int(count),
                } if *count < i64::MAX => match plain_next(inner) {
                    Some(Some(item)) => {
                        let at = *count;
                        *count += 1;
                        Some((Value::Int(at), item))
                    }
                    Some(None) => None,
                    None => return Ok(None),
                },
                LazyIter::Zip {
                    inners,
                    strict: false,
                } if inners.len() == 2 && plain_iterator(&inners[1]) => {
                    match plain_next(&inners[0]) {
                        Some(Some(first)) => plain_next(&inners[1])
                            .flatten()
                            .map(|second| (first, second)),
                        Some(None) => None,
                        None => return Ok(None),
                    }
                }
                _ => return Ok(None),
            },
            _ => return Ok(None),
        };
        if step.is_none() {
            *state = IterState::Exhausted;
        }
        Ok(Some(step))
    }

    /// Finishes `ForIter` + `UnpackSequence(2)` with a pair: into the two locals when
    /// two `StoreFast`s follow (as they would store them), else onto the stack as the
    /// unpacking leaves them (the first on top).
    fn store_pair(&mut self, first: Value, second: Value) {
        let frame = self.top_mut();
        let at = frame.ip;
        if let (Some(Instr::StoreFast(a)), Some(Instr::StoreFast(b))) = (
            frame.code.instructions.get(at + 1),
            frame.code.instructions.get(at + 2),
        ) {
            let (a, b) = (*a as usize, *b as usize);
            frame.fast[a] = Some(first);
            frame.fast[b] = Some(second);
            frame.ip = at + 3;
            return;
        }
        frame.ip = at + 1;
        frame.stack.push(second);
        frame.stack.push(first);
    }

    /// The next item of an iterator, or `None` when it is exhausted.
    pub(super) fn next_fast(&mut self, iterator: &Value) -> PyResult<Option<Value>> {
        if let Some(Payload::Iterator(state)) = iterator.payload() {
            let mut state = lock(state);
            match &mut *state {
                IterState::Range { next, stop, step } => {
                    let current = *next;
                    if (*step > 0 && current < *stop) || (*step < 0 && current > *stop) {
                        *next = current.saturating_add(*step);
                        return Ok(Some(Value::Int(current)));
                    }
                    *state = IterState::Exhausted;
                    return Ok(None);
                }
                IterState::Hashed {
                    container,
                    index,
                    len,
                    view,
                } => {
                    // `index` is an entry position for dicts, a table slot for sets.
                    let (current_len, item, what) = match container.payload() {
                        Some(Payload::Dict(dict)) => {
                            let dict = lock(dict);
                            let item = match dict.next_from(*index) {
                                Some((at, k, _)) if *view == DictViewKind::Keys => {
                                    Some((at, k.value.clone()))
                                }
                                Some((at, _, v)) if *view == DictViewKind::Values => {
                                    Some((at, v.clone()))
                                }
                                Some((at, k, v)) => Some((
                                    at,
                                    Value::obj(Payload::Tuple(vec![k.value.clone(), v.clone()])),
                                )),
                                None => None,
                            };
                            (dict.len(), item, "dictionary")
                        }
                        Some(Payload::Set(set)) => {
                            let set = lock(set);
                            (
                                set.len(),
                                set.next_from(*index).map(|(at, k)| (at, k.value.clone())),
                                "Set",
                            )
                        }
                        _ => (0, None, "container"),
                    };
                    if current_len != *len {
                        *state = IterState::Exhausted;
                        return Err(exc(
                            ExcType::RuntimeError,
                            format!("{what} changed size during iteration"),
                        ));
                    }
                    match item {
                        Some((at, item)) => {
                            *index = at + 1;
                            return Ok(Some(item));
                        }
                        None => {
                            *state = IterState::Exhausted;
                            return Ok(None);
                        }
                    }
                }
                IterState::Seq { seq, index } => {
                    let item = match seq {
                        Value::Str(text) => text.get(*index..).and_then(|rest| {
                            let c = rest.chars().next()?;
                            // Advance by the character's bytes less the 1 added below.
                            *index += c.len_utf8() - 1;
                            Some(Value::str(c.encode_utf8(&mut [0; 4]) as &str))
                        }),
                        _ => match seq.payload() {
                            Some(Payload::List(items)) => lock(items).get(*index).cloned(),
                            Some(Payload::Tuple(items)) => items.get(*index).cloned(),
                            _ => None,
                        },
                    };
                    match item {
                        Some(item) => {
                            *index += 1;
                            return Ok(Some(item));
                        }
                        None => {
                            *state = IterState::Exhausted;
                            return Ok(None);
                        }
                    }
                }
                _ => {}
            }
        }
        self.next(iterator)
    }

    pub(crate) fn next(&mut self, iterator: &Value) -> PyResult<Option<Value>> {
        match iterator.payload() {
            Some(Payload::Iterator(state)) => {
                let lazy = {
                    let mut guard = lock(state);
                    match &mut *guard {
                        IterState::Items { items, index } => {
                            let item = items.get(*index).cloned();
                            *index += 1;
                            return Ok(item);
                        }
                        IterState::Exhausted => return Ok(None),
                        IterState::Lazy(_) => std::mem::replace(&mut *guard, IterState::Exhausted),
                        _ => {
                            drop(guard);
                            return self.next_fast(iterator);
                        }
                    }
                };
                // Lazy iterators call back into Python: run without the lock held.
                let IterState::Lazy(mut lazy) = lazy else {
                    return Ok(None);
                };
                let result = self.next_lazy(&mut lazy);
                if let Ok(Some(_)) = result {
                    *lock(state) = IterState::Lazy(lazy);
                }
                result
            }
            Some(Payload::Generator(g)) if !g.is_coroutine => {
                match self.resume_generator(iterator, Value::None)? {
                    GenStep::Yielded(value) => Ok(Some(value)),
                    GenStep::Returned(_) => Ok(None),
                }
            }
            _ => match self.special_method(iterator, "__next__") {
                Some(method) => match self.call0(method) {
                    Ok(value) => Ok(Some(value)),
                    Err(error) if ops::is_exception_of(&error.0, ExcType::StopIteration) => {
                        Ok(None)
                    }
                    Err(error) => Err(error),
                },
                None => Err(exc(
                    ExcType::TypeError,
                    format!("'{}' object is not an iterator", type_name(iterator)),
                )),
            },
        }
    }

    fn next_lazy(&mut self, lazy: &mut LazyIter) -> PyResult<Option<Value>> {
        // A chain of map/zip/filter objects recurses here once per link.
        let _level = crate::stack_guard::enter(crate::stack_guard::MESSAGE)?;
        match lazy {
            LazyIter::Enumerate { inner, count } => {
                let Some(item) = self.next(&inner.clone())? else {
                    return Ok(None);
                };
                let current = count.clone();
                *count = ops::binary(self, BinOp::Add, &current, &Value::Int(1), false)?;
                Ok(Some(Value::obj(Payload::Tuple(vec![current, item]))))
            }
            LazyIter::Zip { inners, strict } => {
                let strict = *strict;
                let inners = inners.clone();
                let mut items = Vec::with_capacity(inners.len());
                for (at, inner) in inners.iter().enumerate() {
                    match self.next(inner)? {
                        Some(item) => items.push(item),
                        None if strict && at > 0 => return Err(zip_mismatch(at, "shorter")),
                        None if strict => {
                            // The first ran out: every other one must have too.
                            for (other, inner) in inners.iter().enumerate().skip(1) {
                                if self.next(inner)?.is_some() {
                                    return Err(zip_mismatch(other, "longer"));
                                }
                            }
                            return Ok(None);
                        }
                        None => return Ok(None),
                    }
                }
                if items.is_empty() {
                    return Ok(None);
                }
                Ok(Some(Value::obj(Payload::Tuple(items))))
            }
            LazyIter::Map { func, inners } => {
                let mut items = Vec::with_capacity(inners.len());
                for inner in inners.clone() {
                    match self.next(&inner)? {
                        Some(item) => items.push(item),
                        None => return Ok(None),
                    }
                }
                let result = self.call(func.clone(), Args::new(items))?;
                Ok(Some(result))
            }
            LazyIter::Filter { func, inner } => loop {
                let Some(item) = self.next(&inner.clone())? else {
                    return Ok(None);
                };
                let keep = if func.is_none() {
                    self.truthy(&item)?
                } else {
                    let verdict = self.call1(func.clone(), item.clone())?;
                    self.truthy(&verdict)?
                };
                if keep {
                    return Ok(Some(item));
                }
            },
            LazyIter::Reversed { seq, index } => {
                if *index == 0 {
                    return Ok(None);
                }
                *index -= 1;
                let item = ops::get_item(self, &seq.clone(), &Value::Int(*index as i64))?;
                Ok(Some(item))
            }
        }
    }

    /// All items of an iterable.
    pub(crate) fn collect(&mut self, value: &Value) -> PyResult<Vec<Value>> {
        // A subclass's items come through its iterator, which it may override.
        let exact = value.as_obj().is_some_and(|o| o.ext.is_none());
        match value.payload() {
            Some(Payload::List(items)) if exact => {
                let items = lock(items);
                crate::memory::check_items(items.len(), std::mem::size_of::<Value>())?;
                return Ok(items.clone());
            }
            Some(Payload::Tuple(items)) if exact => {
                crate::memory::check_items(items.len(), std::mem::size_of::<Value>())?;
                return Ok(items.clone());
            }
            _ => {}
        }
        let iterator = self.get_iter(value)?;
        let mut items = Vec::new();
        while let Some(item) = self.next_fast(&iterator)? {
            if items.len() == items.capacity() {
                // A loop in Rust has no eval breaker: look up when the buffer grows.
                crate::memory::check_push(&items)?;
                self.check_interrupts()?;
            }
            items.push(item);
        }
        Ok(items)
    }

    pub(crate) fn mapping_items(&mut self, value: &Value) -> PyResult<Vec<(Key, Value)>> {
        match value.payload() {
            Some(Payload::Dict(dict)) => Ok(lock(dict)
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()),
            _ => {
                let Some(keys) = self.special_method(value, "keys") else {
                    return Err(exc(
                        ExcType::TypeError,
                        format!("'{}' object is not a mapping", type_name(value)),
                    ));
                };
                let keys = self.call0(keys)?;
                let keys = self.collect(&keys)?;
                let mut pairs = Vec::new();
                for key in keys {
                    let item = ops::get_item(self, value, &key)?;
                    pairs.push((self.key(key)?, item));
                }
                Ok(pairs)
            }
        }
    }
}

/// CPython's message when `zip(..., strict=True)` finds argument `at` (from 0) shorter
/// or longer than the ones before it.
fn zip_mismatch(at: usize, how: &str) -> crate::PyErr {
    let before = if at == 1 {
        "argument 1".to_string()
    } else {
        format!("arguments 1-{at}")
    };
    exc(
        ExcType::ValueError,
        format!("zip() argument {} is {how} than {before}", at + 1),
    )
}

/// Whether `iterator` is a built-in iterator over a list, a tuple or a range, whose next
/// item `plain_next` reads without running Python.
fn plain_iterator(iterator: &Value) -> bool {
    let Some(Payload::Iterator(state)) = iterator.payload() else {
        return false;
    };
    match &*lock(state) {
        IterState::Range { .. } | IterState::Exhausted => true,
        IterState::Seq {
            seq: Value::Obj(seq),
            ..
        } => matches!(seq.payload, Payload::List(_) | Payload::Tuple(_)),
        _ => false,
    }
}

/// The next item of a `plain_iterator`, as `Vm::next_fast` steps it: `Some(None)` when
/// it is exhausted, `None` (nothing advanced) when it is not such an iterator.
fn plain_next(iterator: &Value) -> Option<Option<Value>> {
    let Some(Payload::Iterator(state)) = iterator.payload() else {
        return None;
    };
    let mut state = lock(state);
    match &mut *state {
        IterState::Range { next, stop, step } => {
            let current = *next;
            if (*step > 0 && current < *stop) || (*step < 0 && current > *stop) {
                *next = current.saturating_add(*step);
                return Some(Some(Value::Int(current)));
            }
        }
        IterState::Seq {
            seq: Value::Obj(seq),
            index,
        } => {
            let item = match &seq.payload {
                Payload::List(items) => lock(items).get(*index).cloned(),
                Payload::Tuple(items) => items.get(*index).cloned(),
                _ => return None,
            };
            if item.is_some() {
                *index += 1;
                return Some(item);
            }
        }
        IterState::Exhausted => return Some(None),
        _ => return None,
    }
    *state = IterState::Exhausted;
    Some(None)
}
