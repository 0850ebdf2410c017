//! Item access: `x[i]`, `x[a:b:c]`, assignment and deletion for str, list, tuple, range,
//! dict and instances (`__getitem__`, ...), with CPython's index normalisation and slice
//! adjustment. Lists are snapshotted or locked only briefly; no lock is held while a
//! dunder or a hash runs.

use super::arithmetic::small;
use super::is_exception_of;
use super::text_index::{self, CharView};
use crate::interp::{exc, Vm};
use crate::types::ExcType;
use crate::types::{self, type_name};
use crate::value::Mutex;
use crate::value::*;
use crate::{PyErr, PyResult};
use num_traits::Signed;

/// Normalises a possibly negative index against `len`.
fn seq_index(index: &Value, len: usize, what: &str) -> PyResult<usize> {
    let Some(i) = small(index) else {
        if let Value::BigInt(_) = index {
            return Err(exc(
                ExcType::IndexError,
                "cannot fit 'int' into an index-sized integer".to_string(),
            ));
        }
        return Err(exc(
            ExcType::TypeError,
            format!(
                "{what} indices must be integers or slices, not {}",
                type_name(index)
            ),
        ));
    };
    let len_i = len as i64;
    let actual = if i < 0 { i + len_i } else { i };
    if actual < 0 || actual >= len_i {
        return Err(exc(
            ExcType::IndexError,
            format!("{what} index out of range"),
        ));
    }
    Ok(actual as usize)
}

/// The (start, stop, step) a slice selects in a sequence of `len` items, as CPython's
/// `PySlice_AdjustIndices` (and `slice.indices`).
pub(crate) fn slice_indices(
    vm: &mut Vm,
    slice: (&Value, &Value, &Value),
    len: usize,
) -> PyResult<(i64, i64, i64)> {
    let mut to_i = |v: &Value| -> PyResult<Option<i64>> {
        let converted;
        let v = if matches!(v.payload(), Some(Payload::Instance(_))) {
            match index_dunder(vm, v)? {
                Some(int) => {
                    converted = int;
                    &converted
                }
                None => v,
            }
        } else {
            v
        };
        match v {
            Value::None => Ok(None),
            Value::BigInt(b) => Ok(Some(if b.is_negative() {
                i64::MIN / 2
            } else {
                i64::MAX / 2
            })),
            _ => small(v).map(Some).ok_or_else(|| {
                exc(
                    ExcType::TypeError,
                    "slice indices must be integers or None or have an __index__ method",
                )
            }),
        }
    };
    let step = to_i(slice.2)?.unwrap_or(1);
    if step == 0 {
        return Err(exc(ExcType::ValueError, "slice step cannot be zero"));
    }
    let len = len as i64;
    let clamp = |value: Option<i64>, default: i64| -> i64 {
        match value {
            None => default,
            Some(v) => {
                let v = if v < 0 { v + len } else { v };
                if step > 0 {
                    v.clamp(0, len)
                } else {
                    v.clamp(-1, len - 1)
                }
            }
        }
    };
    let (default_start, default_stop) = if step > 0 { (0, len) } else { (len - 1, -1) };
    let start = clamp(to_i(slice.0)?, default_start);
    let stop = clamp(to_i(slice.1)?, default_stop);
    Ok((start, stop, step))
}

/// The items at `start, start + step, ...` before `stop` (indices already adjusted by
/// `slice_indices`), copied straight from `items` without listing the positions first.
/// Positions at or past `items.len()` are skipped: a list may shrink while `__index__`
/// runs between the adjustment and the copy.
fn pick_slice<T: Clone>(items: &[T], start: i64, stop: i64, step: i64) -> Vec<T> {
    let count = slice_count(start, stop, step);
    if count == 0 {
        return Vec::new();
    }
    let len = items.len() as i64;
    if step > 0 {
        let (from, to) = (start.min(len) as usize, stop.min(len) as usize);
        if step == 1 {
            return items[from..to].to_vec();
        }
        return items[from..to]
            .iter()
            .step_by(step as usize)
            .cloned()
            .collect();
    }
    // Descending: `start` is the highest position, `stop` (>= -1) lies below the last.
    let low = (stop + 1) as usize;
    let high = start.min(len - 1);
    if high < stop + 1 {
        return Vec::new();
    }
    let span = &items[low..=high as usize];
    if step == -1 {
        return span.iter().rev().cloned().collect();
    }
    // Skip the positions that fell off the end so the stride stays aligned to `start`.
    let stride = step.unsigned_abs() as usize;
    let skip = ((start - high) as usize).div_ceil(stride) * stride - (start - high) as usize;
    span.iter()
        .rev()
        .skip(skip)
        .step_by(stride)
        .cloned()
        .collect()
}

/// The `k`-th position of the slice `start, start + step, ...`.
#[inline]
fn slice_position(start: i64, step: i64, k: usize) -> usize {
    (start + k as i64 * step) as usize
}

/// How many positions `start, start + step, ...` lie before `stop`.
fn slice_count(start: i64, stop: i64, step: i64) -> usize {
    if step > 0 && start < stop {
        ((stop - start - 1) / step + 1) as usize
    } else if step < 0 && stop < start {
        ((start - stop - 1) / -step + 1) as usize
    } else {
        0
    }
}

/// `text[start:stop:step]` with indices already adjusted: linear in what it covers.
fn slice_text(view: &CharView<'_>, text: &str, start: i64, stop: i64, step: i64) -> String {
    let count = slice_count(start, stop, step);
    if count == 0 {
        return String::new();
    }
    if step == 1 {
        let (from, to) = (
            view.byte_offset(start as usize),
            view.byte_offset(stop as usize),
        );
        return text[from..to].to_string();
    }
    if view.is_ascii() {
        let bytes = text.as_bytes();
        return (0..count)
            .map(|k| bytes[slice_position(start, step, k)] as char)
            .collect();
    }
    let stride = step.unsigned_abs() as usize;
    if stride > 64 {
        // Far apart: look each one up (a bounded walk from the nearest mark).
        return (0..count)
            .map(|k| view.char_at(slice_position(start, step, k)))
            .collect();
    }
    if step > 0 {
        let from = view.byte_offset(start as usize);
        text[from..].chars().step_by(stride).take(count).collect()
    } else {
        let end = view.byte_offset(start as usize + 1);
        text[..end]
            .chars()
            .rev()
            .step_by(stride)
            .take(count)
            .collect()
    }
}

pub(crate) fn get_item(vm: &mut Vm, container: &Value, index: &Value) -> PyResult<Value> {
    if container.is_subclass_instance() {
        if let Some(method) = vm.override_method(container, "__getitem__") {
            return vm.call1(method, index.clone());
        }
        if let Some(inner) = container.scalar_inner() {
            return get_item(vm, &inner.clone(), index);
        }
    }
    if let Some(index) = sequence_index_dunder(vm, container, index)? {
        return get_item_builtin(vm, container, &index);
    }
    get_item_builtin(vm, container, index)
}

/// An instance used as a position in a str, list, tuple or range, as the int its
/// `__index__` returns (None for every other index or container: a dict key is used as
/// it is). Slices convert their bounds in [`slice_indices`].
fn sequence_index_dunder(vm: &mut Vm, container: &Value, index: &Value) -> PyResult<Option<Value>> {
    if !matches!(index.payload(), Some(Payload::Instance(_))) {
        return Ok(None);
    }
    let sequence = matches!(container, Value::Str(_))
        || matches!(
            container.payload(),
            Some(Payload::List(_) | Payload::Tuple(_) | Payload::Range(_))
        );
    if !sequence {
        return Ok(None);
    }
    index_dunder(vm, index)
}

/// The int an object's `__index__` returns, None when its type has no `__index__`;
/// a non-int result is CPython's TypeError.
pub(crate) fn index_dunder(vm: &mut Vm, value: &Value) -> PyResult<Option<Value>> {
    let Some(method) = vm.special_method(value, "__index__") else {
        return Ok(None);
    };
    let result = vm.call0(method)?;
    match result {
        Value::Int(_) | Value::BigInt(_) => Ok(Some(result)),
        Value::Bool(b) => Ok(Some(Value::Int(b as i64))),
        _ => Err(exc(
            ExcType::TypeError,
            format!("__index__ returned non-int (type {})", type_name(&result)),
        )),
    }
}

/// `get_item` without the Python methods of a built-in subclass (for the built-in
/// dunders that `super()` reaches).
#[inline(always)]
pub(crate) fn get_item_builtin(vm: &mut Vm, container: &Value, index: &Value) -> PyResult<Value> {
    let slice = match index.payload() {
        Some(Payload::Slice(a, b, c)) => Some((a.clone(), b.clone(), c.clone())),
        _ => None,
    };
    match container {
        Value::Str(s) => {
            if let Some((a, b, c)) = slice {
                let len = text_index::char_len(s);
                let (start, stop, step) = slice_indices(vm, (&a, &b, &c), len)?;
                let text = text_index::with_view(s, |view| slice_text(view, s, start, stop, step));
                return Ok(Value::str(text));
            }
            if small(index).is_none() && !matches!(index, Value::BigInt(_)) {
                return Err(exc(
                    ExcType::TypeError,
                    format!(
                        "string indices must be integers, not '{}'",
                        type_name(index)
                    ),
                ));
            }
            let i = seq_index(index, text_index::char_len(s), "string")?;
            let c = text_index::with_view(s, |view| view.char_at(i));
            Ok(Value::str(c.encode_utf8(&mut [0; 4]) as &str))
        }
        Value::Obj(obj) => match &obj.payload {
            Payload::List(items) => {
                let items = lock(items);
                if let Some((a, b, c)) = slice {
                    let len = items.len();
                    drop(items);
                    let (start, stop, step) = slice_indices(vm, (&a, &b, &c), len)?;
                    // Pick under the lock rather than copying the whole list first: a
                    // short slice of a long list costs its own length, as in CPython.
                    let picked = match &obj.payload {
                        Payload::List(items) => pick_slice(&lock(items), start, stop, step),
                        _ => Vec::new(),
                    };
                    return Ok(Value::obj(Payload::List(Mutex::new(picked))));
                }
                let i = seq_index(index, items.len(), "list")?;
                Ok(items[i].clone())
            }
            Payload::Tuple(items) => {
                if let Some((a, b, c)) = slice {
                    let (start, stop, step) = slice_indices(vm, (&a, &b, &c), items.len())?;
                    let picked = pick_slice(items, start, stop, step);
                    return Ok(Value::obj(Payload::Tuple(picked)));
                }
                let i = seq_index(index, items.len(), "tuple")?;
                Ok(items[i].clone())
            }
            Payload::Range(range) => {
                let len = range.len().max(0) as usize;
                if let Some((a, b, c)) = slice {
                    let (start, stop, step) = slice_indices(vm, (&a, &b, &c), len)?;
                    return Ok(Value::obj(Payload::Range(Range {
                        start: range.item(start),
                        stop: range.item(stop),
                        step: range.step * step,
                    })));
                }
                let i = seq_index(index, len, "range object")?;
                Ok(Value::Int(range.item(i as i64)))
            }
            Payload::Dict(dict) => {
                let key = vm.probe(container, index)?;
                if let Some(value) = lock(dict).get_by(key.hash(), key.value()) {
                    return Ok(value.clone());
                }
                // A dict subclass may answer missing keys (defaultdict, Counter).
                if container.is_subclass_instance() {
                    if let Some(missing) = vm.override_method(container, "__missing__") {
                        return vm.call1(missing, index.clone());
                    }
                }
                Err(PyErr(crate::interp::new_exception(
                    &types::exception_class(ExcType::KeyError),
                    vec![index.clone()],
                )))
            }
            Payload::Instance(_) => match vm.special_method(container, "__getitem__") {
                Some(method) => vm.call1(method, index.clone()),
                None => Err(not_subscriptable(container)),
            },
            Payload::Class(_) => {
                if let Some(method) = vm.metaclass_method(container, "__getitem__") {
                    return vm.call1(method, index.clone());
                }
                let Value::Obj(class) = container else {
                    return Ok(container.clone());
                };
                // `__class_getitem__` is an implicit classmethod (`Stack[int]` in typing).
                if let Some(found) = types::lookup_in_class(class, "__class_getitem__") {
                    let func = match found.payload() {
                        Some(Payload::ClassMethod(inner)) => inner.clone(),
                        _ => found,
                    };
                    return vm.call(
                        func,
                        Args::new(smallvec::smallvec![container.clone(), index.clone()]),
                    );
                }
                let builtin_generic = types::class_of(class).is_some_and(|c| {
                    c.is_builtin()
                        && matches!(
                            &*c.name,
                            "list" | "dict" | "tuple" | "set" | "frozenset" | "type"
                        )
                });
                if builtin_generic {
                    // `list[int]`: a types.GenericAlias, as CPython's built-in classes give.
                    let types_module = vm.import("types")?;
                    let make = vm.get_attr(&types_module, &std::sync::Arc::from("GenericAlias"))?;
                    return vm.call(
                        make,
                        Args::new(smallvec::smallvec![container.clone(), index.clone()]),
                    );
                }
                // Other classes subscripted in annotations evaluate to the class itself.
                Ok(container.clone())
            }
            _ => Err(not_subscriptable(container)),
        },
        _ => Err(not_subscriptable(container)),
    }
}

fn not_subscriptable(value: &Value) -> PyErr {
    exc(
        ExcType::TypeError,
        format!("'{}' object is not subscriptable", type_name(value)),
    )
}

pub(crate) fn set_item(vm: &mut Vm, container: &Value, index: Value, value: Value) -> PyResult<()> {
    if container.is_subclass_instance() {
        if let Some(method) = vm.override_method(container, "__setitem__") {
            return vm
                .call(method, Args::new(smallvec::smallvec![index, value]))
                .map(|_| ());
        }
    }
    if let Some(index) = sequence_index_dunder(vm, container, &index)? {
        return set_item_builtin(vm, container, index, value);
    }
    set_item_builtin(vm, container, index, value)
}

/// `set_item` without the Python methods of a built-in subclass (for the built-in
/// dunders that `super()` reaches).
#[inline(always)]
pub(crate) fn set_item_builtin(
    vm: &mut Vm,
    container: &Value,
    index: Value,
    value: Value,
) -> PyResult<()> {
    match container.payload() {
        Some(Payload::List(items)) => {
            if let Some(Payload::Slice(a, b, c)) = index.payload() {
                let replacement = vm.collect(&value)?;
                let len = lock(items).len();
                let (start, stop, step) = slice_indices(vm, (a, b, c), len)?;
                let mut items = lock(items);
                if step == 1 {
                    let stop = stop.max(start);
                    items.splice(start as usize..stop as usize, replacement);
                } else {
                    let count = slice_count(start, stop, step);
                    if count != replacement.len() {
                        return Err(exc(ExcType::ValueError,
                            format!(
                                "attempt to assign sequence of size {} to extended slice of size {}",
                                replacement.len(),
                                count
                            ),
                        ));
                    }
                    for (k, item) in replacement.into_iter().enumerate() {
                        // `get_mut`: the list may have shrunk while `__index__` ran.
                        if let Some(slot) = items.get_mut(slice_position(start, step, k)) {
                            *slot = item;
                        }
                    }
                }
                return Ok(());
            }
            let mut items = lock(items);
            let len = items.len();
            let i = seq_index(&index, len, "list").map_err(|e| {
                if is_exception_of(&e.0, ExcType::IndexError) {
                    exc(ExcType::IndexError, "list assignment index out of range")
                } else {
                    e
                }
            })?;
            items[i] = value;
            Ok(())
        }
        Some(Payload::Dict(dict)) => {
            let key = vm.key_in(container, index)?;
            lock(dict).insert(key, value);
            Ok(())
        }
        Some(Payload::Instance(_)) => match vm.special_method(container, "__setitem__") {
            Some(method) => vm
                .call(method, Args::new(smallvec::smallvec![index, value]))
                .map(|_| ()),
            None => Err(exc(
                ExcType::TypeError,
                format!(
                    "'{}' object does not support item assignment",
                    type_name(container)
                ),
            )),
        },
        _ => Err(exc(
            ExcType::TypeError,
            format!(
                "'{}' object does not support item assignment",
                type_name(container)
            ),
        )),
    }
}

pub(crate) fn del_item(vm: &mut Vm, container: &Value, index: &Value) -> PyResult<()> {
    if container.is_subclass_instance() {
        if let Some(method) = vm.override_method(container, "__delitem__") {
            return vm.call1(method, index.clone()).map(|_| ());
        }
    }
    if let Some(index) = sequence_index_dunder(vm, container, index)? {
        return del_item_builtin(vm, container, &index);
    }
    del_item_builtin(vm, container, index)
}

/// `del_item` without the Python methods of a built-in subclass (for the built-in
/// dunders that `super()` reaches).
#[inline(always)]
pub(crate) fn del_item_builtin(vm: &mut Vm, container: &Value, index: &Value) -> PyResult<()> {
    match container.payload() {
        Some(Payload::List(items)) => {
            if let Some(Payload::Slice(a, b, c)) = index.payload() {
                let len = lock(items).len();
                let (start, stop, step) = slice_indices(vm, (a, b, c), len)?;
                let count = slice_count(start, stop, step);
                let mut items = lock(items);
                if step == 1 {
                    let len = items.len();
                    let (from, to) = ((start as usize).min(len), (stop as usize).min(len));
                    if from < to {
                        items.drain(from..to);
                    }
                    return Ok(());
                }
                // One pass that keeps the survivors (removing one position at a time
                // moved the tail each time: quadratic for `del l[::2]`).
                let mut doomed = vec![false; items.len()];
                for k in 0..count {
                    if let Some(slot) = doomed.get_mut(slice_position(start, step, k)) {
                        *slot = true;
                    }
                }
                let mut at = 0;
                items.retain(|_| {
                    at += 1;
                    !doomed[at - 1]
                });
                return Ok(());
            }
            let mut items = lock(items);
            let len = items.len();
            let i = seq_index(index, len, "list").map_err(|e| {
                if is_exception_of(&e.0, ExcType::IndexError) {
                    exc(ExcType::IndexError, "list assignment index out of range")
                } else {
                    e
                }
            })?;
            items.remove(i);
            Ok(())
        }
        Some(Payload::Dict(dict)) => {
            let key = vm.probe(container, index)?;
            if lock(dict)
                .shift_remove_by(key.hash(), key.value())
                .is_none()
            {
                return Err(PyErr(crate::interp::new_exception(
                    &types::exception_class(ExcType::KeyError),
                    vec![index.clone()],
                )));
            }
            Ok(())
        }
        Some(Payload::Instance(_)) => match vm.special_method(container, "__delitem__") {
            Some(method) => vm.call1(method, index.clone()).map(|_| ()),
            None => Err(exc(
                ExcType::TypeError,
                format!(
                    "'{}' object does not support item deletion",
                    type_name(container)
                ),
            )),
        },
        _ => Err(exc(
            ExcType::TypeError,
            format!(
                "'{}' object does not support item deletion",
                type_name(container)
            ),
        )),
    }
}
