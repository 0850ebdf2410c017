//! The special methods of the built-in data types that a subclass reaches through
//! `super()` or `dict.__setitem__(self, ...)` (`__getitem__`, `__setitem__`, `__len__`,
//! `__repr__`, ...; `__eq__` and the operators are in `operator_dunders`). Each runs the built-in operation itself, never the subclass's
//! Python override (which is what called it), so an override that delegates upward
//! cannot loop.

use super::args::arity;
use super::new_tuple;
use super::operator_dunders::{method_or_slot, slot_arity, Kind};
use crate::interp::Vm;
use crate::ops;
use crate::types::{MethodTables, Types};
use crate::value::*;
use crate::PyResult;

/// The receiver as the built-in operations see it (an int/str subclass's value).
fn receiver(args: &Args) -> Value {
    let this = &args.positional[0];
    this.scalar_inner().unwrap_or(this).clone()
}

fn d_getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    // list's and dict's are ordinary one-argument methods, str's and tuple's slots.
    method_or_slot(&args, "__getitem__", [Kind::List, Kind::Dict])?;
    ops::get_item_builtin(vm, &receiver(&args), &args.positional[1])
}

fn d_setitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    slot_arity(&args, "__setitem__", 2, 2)?;
    let (key, value) = (args.positional[1].clone(), args.positional[2].clone());
    ops::set_item_builtin(vm, &receiver(&args), key, value)?;
    Ok(Value::None)
}

fn d_delitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    slot_arity(&args, "__delitem__", 1, 1)?;
    ops::del_item_builtin(vm, &receiver(&args), &args.positional[1])?;
    Ok(Value::None)
}

fn d_len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    slot_arity(&args, "__len__", 0, 0)?;
    Ok(Value::Int(
        super::functions::length_builtin(vm, &receiver(&args))? as i64,
    ))
}

fn d_contains(vm: &mut Vm, args: Args) -> PyResult<Value> {
    method_or_slot(&args, "__contains__", [Kind::Dict, Kind::Set])?;
    Ok(Value::Bool(ops::contains_builtin(
        vm,
        &receiver(&args),
        &args.positional[1],
    )?))
}

fn d_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    slot_arity(&args, "__repr__", 0, 0)?;
    Ok(Value::str(ops::repr_builtin(vm, &receiver(&args))?))
}

fn d_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    slot_arity(&args, "__iter__", 0, 0)?;
    // The built-in iterator of the payload (not a Python `__iter__` override).
    vm.get_iter_builtin(&receiver(&args))
}

fn d_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    slot_arity(&args, "__hash__", 0, 0)?;
    Ok(Value::Int(ops::hash(vm, &receiver(&args))?))
}

fn d_getnewargs(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "__getnewargs__", 1, 1)?;
    Ok(new_tuple(vec![receiver(&args)]))
}

/// Installs the special methods on list, dict, set, frozenset, tuple, str, int, float.
pub(super) fn install(t: &Types, methods: &mut MethodTables) {
    for class in [&t.list, &t.dict, &t.tuple, &t.str_, &t.range] {
        methods.add_method(class, "__getitem__", d_getitem);
    }
    for class in [&t.list, &t.dict] {
        methods.add_method(class, "__setitem__", d_setitem);
        methods.add_method(class, "__delitem__", d_delitem);
    }
    for class in [
        &t.list,
        &t.dict,
        &t.set,
        &t.frozenset,
        &t.tuple,
        &t.str_,
        &t.range,
    ] {
        methods.add_method(class, "__len__", d_len);
        methods.add_method(class, "__contains__", d_contains);
        methods.add_method(class, "__iter__", d_iter);
    }
    for class in [
        &t.list,
        &t.dict,
        &t.set,
        &t.frozenset,
        &t.tuple,
        &t.str_,
        &t.int,
        &t.float,
        &t.none,
        &t.range,
    ] {
        methods.add_method(class, "__repr__", d_repr);
    }
    for class in [
        &t.frozenset,
        &t.tuple,
        &t.str_,
        &t.int,
        &t.float,
        &t.none,
        &t.range,
    ] {
        methods.add_method(class, "__hash__", d_hash);
    }
    methods.add_method(&t.tuple, "__getnewargs__", d_getnewargs);
}
