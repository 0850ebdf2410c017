//! `set` and `frozenset`: their constructor, their methods (frozenset gets the ones
//! that do not mutate), and building a set from any iterable with CPython's layout.
//! Hashing may run Python code, so no set lock is ever held across one.

use super::args::{arity, self_set};
use super::key_error;
use crate::interp::{new_exception, Vm};
use crate::memory;
use crate::ops;
use crate::types::ExcType;
use crate::types::{self, MethodTables, Types};
use crate::value::Mutex;
use crate::value::*;
use crate::{PyErr, PyResult};

/// `set(iterable)`, or `frozenset(iterable)` when `mutable` is false.
pub(super) fn construct_set(vm: &mut Vm, args: &Args, mutable: bool) -> PyResult<Value> {
    let pos = &args.positional;
    arity(args, "set", 0, 1)?;
    let set = match pos.first() {
        Some(value) => set_from_iterable(vm, value)?,
        None => Set::new(),
    };
    Ok(if mutable {
        Value::obj(Payload::Set(Mutex::new(set)))
    } else {
        Value::obj(Payload::FrozenSet(set))
    })
}

fn set_add(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    arity(&args, "add", 2, 2)?;
    // The item moves into the set (the arguments are ours), not a clone of it.
    let item = std::mem::replace(&mut args.positional[1], Value::None);
    let key = vm.key_in(&args.positional[0], item)?;
    lock(self_set(&args)?).insert(key);
    Ok(Value::None)
}

fn set_discard(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "discard", 2, 2)?;
    let key = vm.probe(&args.positional[0], &args.positional[1])?;
    lock(self_set(&args)?).remove_by(key.hash(), key.value());
    Ok(Value::None)
}

fn set_remove(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "remove", 2, 2)?;
    let key = vm.probe(&args.positional[0], &args.positional[1])?;
    if !lock(self_set(&args)?).remove_by(key.hash(), key.value()) {
        return Err(key_error(&args.positional[1]));
    }
    Ok(Value::None)
}

fn set_pop(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut set = lock(self_set(&args)?);
    if set.is_empty() {
        return Err(PyErr(new_exception(
            &types::exception_class(ExcType::KeyError),
            vec![Value::str("pop from an empty set")],
        )));
    }
    Ok(set.pop().map(|k| k.value).unwrap_or(Value::None))
}

fn set_clear(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    lock(self_set(&args)?).clear();
    Ok(Value::None)
}

fn same_kind(receiver: &Value, set: Set) -> Value {
    match receiver.payload() {
        Some(Payload::FrozenSet(_)) => Value::obj(Payload::FrozenSet(set)),
        _ => Value::obj(Payload::Set(Mutex::new(set))),
    }
}

fn set_copy(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(same_kind(
        &args.positional[0],
        ops::set_keys(&args.positional[0]).copied(),
    ))
}

/// The arguments after the receiver as sets (snapshots of sets, tables built from
/// other iterables).
fn other_sets(vm: &mut Vm, args: &Args) -> PyResult<Vec<Set>> {
    let mut sets = Vec::new();
    for other in &args.positional[1..] {
        sets.push(set_from_iterable(vm, other)?);
    }
    Ok(sets)
}

/// A set of the items of `iterable`, laid out as CPython's `set(iterable)` lays it out.
fn set_from_iterable(vm: &mut Vm, iterable: &Value) -> PyResult<Set> {
    let mut set = Set::new();
    match iterable.payload() {
        Some(Payload::Set(_) | Payload::FrozenSet(_)) => {
            set.merge(&ops::set_keys(iterable));
        }
        Some(Payload::Dict(dict)) => {
            let keys: Vec<Key> = lock(dict).keys().cloned().collect();
            set.update_presized(keys);
        }
        _ => {
            let items = vm.collect(iterable)?;
            memory::check_items(items.len(), memory::HASHED_ENTRY_BYTES)?;
            for item in items {
                set.insert(vm.key(item)?);
            }
        }
    }
    Ok(set)
}

fn set_union(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut result = ops::set_keys(&args.positional[0]).copied();
    for other in other_sets(vm, &args)? {
        result.merge(&other);
    }
    Ok(same_kind(&args.positional[0], result))
}

fn set_intersection(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut result = ops::set_keys(&args.positional[0]).copied();
    for other in other_sets(vm, &args)? {
        result = result.intersection(&other);
    }
    Ok(same_kind(&args.positional[0], result))
}

fn set_difference(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mine = ops::set_keys(&args.positional[0]);
    let others = other_sets(vm, &args)?;
    let result = match others.split_first() {
        None => mine.copied(),
        Some((first, rest)) => {
            let mut result = mine.difference(first);
            for other in rest {
                result.difference_update(other);
            }
            result
        }
    };
    Ok(same_kind(&args.positional[0], result))
}

fn set_symmetric_difference(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "symmetric_difference", 2, 2)?;
    let mine = ops::set_keys(&args.positional[0]);
    let other = other_sets(vm, &args)?.pop().unwrap_or_default();
    let result = mine.symmetric_difference(&other);
    Ok(same_kind(&args.positional[0], result))
}

fn set_symmetric_difference_update(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let other = other_sets(vm, &args)?.pop().unwrap_or_default();
    let mut set = lock(self_set(&args)?);
    let result = set.symmetric_difference(&other);
    *set = result;
    Ok(Value::None)
}

/// Applies `update` to the receiver set with each argument (as a set) in turn.
fn update_set_with(vm: &mut Vm, args: &Args, update: fn(&mut Set, &Set)) -> PyResult<Value> {
    let others = other_sets(vm, args)?;
    let mut set = lock(self_set(args)?);
    for other in others {
        update(&mut set, &other);
    }
    Ok(Value::None)
}

fn set_update(vm: &mut Vm, args: Args) -> PyResult<Value> {
    update_set_with(vm, &args, |set, other| set.merge(other))
}

fn set_intersection_update(vm: &mut Vm, args: Args) -> PyResult<Value> {
    update_set_with(vm, &args, |set, other| set.intersection_update(other))
}

fn set_difference_update(vm: &mut Vm, args: Args) -> PyResult<Value> {
    update_set_with(vm, &args, |set, other| set.difference_update(other))
}

fn set_issubset(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "issubset", 2, 2)?;
    let mine = ops::set_keys(&args.positional[0]);
    let other = other_sets(vm, &args)?.pop().unwrap_or_default();
    Ok(Value::Bool(mine.iter().all(|k| other.contains(k))))
}

fn set_issuperset(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "issuperset", 2, 2)?;
    let mine = ops::set_keys(&args.positional[0]);
    let other = other_sets(vm, &args)?.pop().unwrap_or_default();
    Ok(Value::Bool(other.iter().all(|k| mine.contains(k))))
}

fn set_isdisjoint(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "isdisjoint", 2, 2)?;
    let mine = ops::set_keys(&args.positional[0]);
    let other = other_sets(vm, &args)?.pop().unwrap_or_default();
    Ok(Value::Bool(!mine.iter().any(|k| other.contains(k))))
}

/// Adds the methods of `set` and `frozenset`.
pub(super) fn install(t: &Types, methods: &mut MethodTables) {
    let set_methods: &[(&'static str, BuiltinFn)] = &[
        ("add", set_add),
        ("discard", set_discard),
        ("remove", set_remove),
        ("pop", set_pop),
        ("clear", set_clear),
        ("copy", set_copy),
        ("union", set_union),
        ("intersection", set_intersection),
        ("difference", set_difference),
        ("symmetric_difference", set_symmetric_difference),
        ("update", set_update),
        ("intersection_update", set_intersection_update),
        ("difference_update", set_difference_update),
        (
            "symmetric_difference_update",
            set_symmetric_difference_update,
        ),
        ("issubset", set_issubset),
        ("issuperset", set_issuperset),
        ("isdisjoint", set_isdisjoint),
    ];
    for (name, func) in set_methods {
        methods.add_method(&t.set, name, *func);
        if ![
            "add",
            "discard",
            "remove",
            "pop",
            "clear",
            "update",
            "intersection_update",
            "difference_update",
            "symmetric_difference_update",
        ]
        .contains(name)
        {
            methods.add_method(&t.frozenset, name, *func);
        }
    }
}
