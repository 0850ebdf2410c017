//! The built-in functions over iterables: `len`, `any`, `all`, `sorted`, `reversed`,
//! `enumerate`, `zip`, `map`, `filter`, `iter` and `next`. The lazy ones return iterators
//! the interpreter steps; they must never consume their input up front.

use crate::builtins::args::{arity, keyword, only_keywords};
use crate::builtins::new_list;
use crate::builtins::sort::sort_values;
use crate::interp::{exc, new_exception, Vm};
use crate::memory;
use crate::ops::{self, as_int_like};
use crate::types::ExcType;
use crate::types::{self, type_name};
use crate::value::Mutex;
use crate::value::*;
use crate::{PyErr, PyResult};

pub(super) fn b_len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "len", 1, 1)?;
    length(vm, &args.positional[0]).map(|n| Value::Int(n as i64))
}

pub(crate) fn length(vm: &mut Vm, value: &Value) -> PyResult<usize> {
    if value.is_subclass_instance() {
        if let Some(method) = vm.override_method(value, "__len__") {
            let result = vm.call0(method)?;
            return match result {
                Value::Int(n) if n >= 0 => Ok(n as usize),
                Value::Int(_) => Err(exc(ExcType::ValueError, "__len__() should return >= 0")),
                _ => Err(exc(
                    ExcType::TypeError,
                    format!(
                        "'{}' object cannot be interpreted as an integer",
                        type_name(&result)
                    ),
                )),
            };
        }
        if let Some(inner) = value.scalar_inner() {
            return length(vm, &inner.clone());
        }
    }
    length_builtin(vm, value)
}

/// `length` without the Python methods of a built-in subclass (for the built-in
/// dunders that `super()` reaches).
#[inline(always)]
pub(crate) fn length_builtin(vm: &mut Vm, value: &Value) -> PyResult<usize> {
    Ok(match value {
        Value::Str(s) => ops::char_len(s),
        Value::Obj(obj) => match &obj.payload {
            Payload::List(items) => lock(items).len(),
            Payload::Tuple(items) => items.len(),
            Payload::Dict(dict) => lock(dict).len(),
            Payload::Set(set) => lock(set).len(),
            Payload::FrozenSet(set) => set.len(),
            Payload::Range(range) => range.len().max(0) as usize,
            Payload::DictView(_, dict) => match dict.payload() {
                Some(Payload::Dict(d)) => lock(d).len(),
                _ => 0,
            },
            Payload::Instance(_) => match vm.special_method(value, "__len__") {
                Some(method) => {
                    let result = vm.call0(method)?;
                    match result {
                        Value::Int(n) if n >= 0 => n as usize,
                        Value::Int(_) => {
                            return Err(exc(ExcType::ValueError, "__len__() should return >= 0"))
                        }
                        _ => {
                            return Err(exc(
                                ExcType::TypeError,
                                format!(
                                    "'{}' object cannot be interpreted as an integer",
                                    type_name(&result)
                                ),
                            ))
                        }
                    }
                }
                None => return Err(no_len(value)),
            },
            Payload::Native(_) => {
                crate::modules::native_len(vm, value)?.ok_or_else(|| no_len(value))?
            }
            Payload::Class(_) if vm.metaclass_method(value, "__len__").is_some() => {
                let method = vm.metaclass_method(value, "__len__").expect("checked");
                match vm.call0(method)? {
                    Value::Int(n) if n >= 0 => n as usize,
                    _ => return Err(exc(ExcType::ValueError, "__len__() should return >= 0")),
                }
            }
            _ => return Err(no_len(value)),
        },
        _ => return Err(no_len(value)),
    })
}

fn no_len(value: &Value) -> PyErr {
    exc(
        ExcType::TypeError,
        format!("object of type '{}' has no len()", type_name(value)),
    )
}

pub(super) fn b_any(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "any", 1, 1)?;
    let iterator = vm.get_iter(&args.positional[0])?;
    while let Some(item) = vm.next(&iterator)? {
        if vm.truthy(&item)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

pub(super) fn b_all(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "all", 1, 1)?;
    let iterator = vm.get_iter(&args.positional[0])?;
    while let Some(item) = vm.next(&iterator)? {
        if !vm.truthy(&item)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

pub(super) fn b_sorted(vm: &mut Vm, args: Args) -> PyResult<Value> {
    only_keywords(&args, "sort", &["key", "reverse"])?;
    if args.positional.len() != 1 {
        return Err(exc(
            ExcType::TypeError,
            format!("sorted expected 1 argument, got {}", args.positional.len()),
        ));
    }
    let mut items = vm.collect(&args.positional[0])?;
    let key = keyword(&args, "key").filter(|k| !k.is_none());
    let reverse = match keyword(&args, "reverse") {
        Some(value) => vm.truthy(&value)?,
        None => false,
    };
    sort_values(vm, &mut items, key, reverse)?;
    Ok(new_list(items))
}

pub(super) fn b_reversed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "reversed", 1, 1)?;
    let value = &args.positional[0];
    if let Some(method) = vm.special_method(value, "__reversed__") {
        return vm.call0(method);
    }
    // A dict and its views run backwards over their insertion order (a snapshot).
    let dict_items = match value.payload() {
        Some(Payload::Dict(_)) => Some(crate::builtins::view_items(DictViewKind::Keys, value)),
        Some(Payload::DictView(kind, dict)) => Some(crate::builtins::view_items(*kind, dict)),
        _ => None,
    };
    if let Some(mut items) = dict_items {
        items.reverse();
        return Ok(Value::obj(Payload::Iterator(Mutex::new(
            IterState::Items { items, index: 0 },
        ))));
    }
    let len = match value.payload() {
        Some(Payload::List(_) | Payload::Tuple(_) | Payload::Range(_)) | None => length(vm, value)
            .map_err(|_| {
                exc(
                    ExcType::TypeError,
                    format!("'{}' object is not reversible", type_name(value)),
                )
            })?,
        Some(Payload::Instance(_)) if vm.special_method(value, "__getitem__").is_some() => {
            length(vm, value)?
        }
        _ => {
            return Err(exc(
                ExcType::TypeError,
                format!("'{}' object is not reversible", type_name(value)),
            ))
        }
    };
    if let Some(Payload::List(items)) = value.payload() {
        let items: Vec<Value> = lock(items).iter().rev().cloned().collect();
        return Ok(Value::obj(Payload::Iterator(Mutex::new(
            IterState::Items { items, index: 0 },
        ))));
    }
    Ok(Value::obj(Payload::Iterator(Mutex::new(IterState::Lazy(
        Box::new(LazyIter::Reversed {
            seq: value.clone(),
            index: len,
        }),
    )))))
}

pub(super) fn b_enumerate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    only_keywords(&args, "enumerate", &["start"])?;
    arity(&args, "enumerate", 1, 2)?;
    let start = args
        .positional
        .get(1)
        .cloned()
        .or_else(|| keyword(&args, "start"))
        .unwrap_or(Value::Int(0));
    // As CPython's `PyNumber_Index`: the count is a plain int whatever int-like value
    // started it (`enumerate(xs, True)` counts 1, 2, ..., not True, 2, ...), or what an
    // object's `__index__` returns.
    let start = match start.payload() {
        Some(Payload::Instance(_)) => ops::index_dunder(vm, &start)?.unwrap_or(start),
        _ => start,
    };
    let Some(start) = as_int_like(&start) else {
        return Err(exc(
            ExcType::TypeError,
            format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(&start)
            ),
        ));
    };
    let start = Value::int_from_big(start);
    let inner = vm.get_iter(&args.positional[0])?;
    Ok(Value::obj(Payload::Iterator(Mutex::new(IterState::Lazy(
        Box::new(LazyIter::Enumerate {
            inner,
            count: start,
        }),
    )))))
}

pub(super) fn b_zip(vm: &mut Vm, args: Args) -> PyResult<Value> {
    only_keywords(&args, "zip", &["strict"])?;
    let strict = match keyword(&args, "strict") {
        Some(value) => vm.truthy(&value)?,
        None => false,
    };
    let mut inners = Vec::new();
    for value in &args.positional {
        inners.push(vm.get_iter(value)?);
    }
    Ok(Value::obj(Payload::Iterator(Mutex::new(IterState::Lazy(
        Box::new(LazyIter::Zip { inners, strict }),
    )))))
}

pub(super) fn b_map(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.positional.len() < 2 {
        return Err(exc(
            ExcType::TypeError,
            "map() must have at least two arguments.",
        ));
    }
    let func = args.positional[0].clone();
    let mut inners = Vec::new();
    for value in &args.positional[1..] {
        inners.push(vm.get_iter(value)?);
    }
    Ok(Value::obj(Payload::Iterator(Mutex::new(IterState::Lazy(
        Box::new(LazyIter::Map { func, inners }),
    )))))
}

pub(super) fn b_filter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "filter", 2, 2)?;
    let inner = vm.get_iter(&args.positional[1])?;
    Ok(Value::obj(Payload::Iterator(Mutex::new(IterState::Lazy(
        Box::new(LazyIter::Filter {
            func: args.positional[0].clone(),
            inner,
        }),
    )))))
}

pub(super) fn b_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "iter", 1, 2)?;
    if args.positional.len() == 2 {
        let (func, sentinel) = (args.positional[0].clone(), args.positional[1].clone());
        let mut items = Vec::new();
        loop {
            let value = vm.call0(func.clone())?;
            if ops::equal(vm, &value, &sentinel)? {
                break;
            }
            if items.len() == items.capacity() {
                memory::check_push(&items)?;
                vm.check_interrupts()?;
            }
            items.push(value);
        }
        return Ok(Value::obj(Payload::Iterator(Mutex::new(
            IterState::Items { items, index: 0 },
        ))));
    }
    vm.get_iter(&args.positional[0])
}

pub(crate) fn b_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "next", 1, 2)?;
    let iterator = &args.positional[0];
    let is_iterator = match iterator.payload() {
        Some(Payload::Generator(g)) => !g.is_coroutine,
        Some(Payload::Iterator(_)) => true,
        _ => vm.special_method(iterator, "__next__").is_some(),
    };
    if !is_iterator {
        return Err(exc(
            ExcType::TypeError,
            format!("'{}' object is not an iterator", type_name(iterator)),
        ));
    }
    if let Some(Payload::Generator(_)) = iterator.payload() {
        return match vm.resume_generator(iterator, Value::None)? {
            crate::interp::GenStep::Yielded(value) => Ok(value),
            crate::interp::GenStep::Returned(value) => match args.positional.get(1) {
                Some(default) => Ok(default.clone()),
                None => Err(PyErr(new_exception(
                    &types::exception_class(ExcType::StopIteration),
                    if value.is_none() {
                        Vec::new()
                    } else {
                        vec![value]
                    },
                ))),
            },
        };
    }
    match vm.next(iterator)? {
        Some(value) => Ok(value),
        None => match args.positional.get(1) {
            Some(default) => Ok(default.clone()),
            None => Err(PyErr(new_exception(
                &types::exception_class(ExcType::StopIteration),
                Vec::new(),
            ))),
        },
    }
}
