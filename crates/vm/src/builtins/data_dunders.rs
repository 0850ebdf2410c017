//! The special methods of the built-in data types that a subclass reaches through
//! `super()` or `dict.__setitem__(self, ...)` (`__getitem__`, `__setitem__`, `__len__`,
//! `__repr__`, ...). Each runs the built-in operation itself, never the subclass's
//! Python override (which is what called it), so an override that delegates upward
//! cannot loop.

use super::args::arity;
use super::new_tuple;
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
    arity(&args, "__getitem__", 2, 2)?;
    ops::get_item_builtin(vm, &receiver(&args), &args.positional[1])
}

fn d_setitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "__setitem__", 3, 3)?;
    let (key, value) = (args.positional[1].clone(), args.positional[2].clone());
    ops::set_item_builtin(vm, &receiver(&args), key, value)?;
    Ok(Value::None)
}

fn d_delitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "__delitem__", 2, 2)?;
    ops::del_item_builtin(vm, &receiver(&args), &args.positional[1])?;
    Ok(Value::None)
}

fn d_len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "__len__", 1, 1)?;
    Ok(Value::Int(
        super::functions::length_builtin(vm, &receiver(&args))? as i64,
    ))
}

fn d_contains(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "__contains__", 2, 2)?;
    Ok(Value::Bool(ops::contains_builtin(
        vm,
        &receiver(&args),
        &args.positional[1],
    )?))
}

fn d_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "__repr__", 1, 1)?;
    Ok(Value::str(ops::repr_builtin(vm, &receiver(&args))?))
}

fn d_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "__iter__", 1, 1)?;
    // The built-in iterator of the payload (not a Python `__iter__` override).
    vm.get_iter_builtin(&receiver(&args))
}

fn d_eq(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "__eq__", 2, 2)?;
    let (left, right) = (receiver(&args), args.positional[1].clone());
    let right = right.scalar_inner().unwrap_or(&right).clone();
    Ok(Value::Bool(ops::equal_builtin(vm, &left, &right)?))
}

fn d_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "__hash__", 1, 1)?;
    Ok(Value::Int(ops::hash(vm, &receiver(&args))?))
}

fn d_getnewargs(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "__getnewargs__", 1, 1)?;
    Ok(new_tuple(vec![receiver(&args)]))
}

/// Installs the special methods on list, dict, set, frozenset, tuple, str, int, float.
pub(super) fn install(t: &Types, methods: &mut MethodTables) {
    for class in [&t.list, &t.dict, &t.tuple, &t.str_] {
        methods.add_method(class, "__getitem__", d_getitem);
    }
    for class in [&t.list, &t.dict] {
        methods.add_method(class, "__setitem__", d_setitem);
        methods.add_method(class, "__delitem__", d_delitem);
    }
    for class in [&t.list, &t.dict, &t.set, &t.frozenset, &t.tuple, &t.str_] {
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
    ] {
        methods.add_method(class, "__repr__", d_repr);
        methods.add_method(class, "__eq__", d_eq);
    }
    for class in [&t.frozenset, &t.tuple, &t.str_, &t.int, &t.float] {
        methods.add_method(class, "__hash__", d_hash);
    }
    methods.add_method(&t.tuple, "__getnewargs__", d_getnewargs);
}
