//! The built-in functions that inspect objects: `isinstance`, `issubclass`,
//! `hasattr`/`getattr`/`setattr`/`delattr`, `id`, `hash`, `callable`, `vars`, `dir` and
//! `globals`. They must never change what they inspect (except `setattr`/`delattr`).

use crate::builtins::args::arity;
use crate::builtins::attributes::{dict_from_attrs, special_attribute};
use crate::builtins::new_list;
use crate::interp::{exc, Vm};
use crate::ops;
use crate::types::ExcType;
use crate::types::{self, class_of, type_name, type_of, type_ref};
use crate::value::*;
use crate::PyResult;
use std::sync::Arc;

fn class_or_tuple(value: &Value, fname: &str) -> PyResult<Vec<Arc<Obj>>> {
    match value.payload() {
        Some(Payload::Class(_)) => Ok(vec![value.as_obj().cloned().expect("a class is an object")]),
        Some(Payload::Tuple(items)) => {
            let check = if fname == "isinstance" {
                "__instancecheck__"
            } else {
                "__subclasscheck__"
            };
            let _level = crate::stack_guard::try_enter(1).ok_or_else(|| {
                exc(
                    ExcType::RecursionError,
                    format!("maximum recursion depth exceeded in {check}"),
                )
            })?;
            let mut classes = Vec::new();
            for item in items {
                classes.extend(class_or_tuple(item, fname)?);
            }
            Ok(classes)
        }
        _ => Err(exc(
            ExcType::TypeError,
            format!("{fname}() arg 2 must be a type, a tuple of types, or a union"),
        )),
    }
}

pub(super) fn b_isinstance(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "isinstance", 2, 2)?;
    let class = type_ref(&args.positional[0]);
    // One class (the common case): no list of classes to build.
    if let Some(Payload::Class(_)) = args.positional[1].payload() {
        let expected = args.positional[1].as_obj().expect("a class is an object");
        return Ok(Value::Bool(types::is_subclass(class, expected)));
    }
    let classes = class_or_tuple(&args.positional[1], "isinstance")?;
    Ok(Value::Bool(
        classes.iter().any(|c| types::is_subclass(class, c)),
    ))
}

pub(super) fn b_issubclass(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "issubclass", 2, 2)?;
    let Some(class) = args.positional[0]
        .as_obj()
        .filter(|o| matches!(o.payload, Payload::Class(_)))
    else {
        return Err(exc(
            ExcType::TypeError,
            "issubclass() arg 1 must be a class",
        ));
    };
    let classes = class_or_tuple(&args.positional[1], "issubclass")?;
    Ok(Value::Bool(
        classes.iter().any(|c| types::is_subclass(class, c)),
    ))
}

fn attr_name(value: &Value) -> PyResult<Arc<str>> {
    match value {
        Value::Str(s) => Ok(s.clone()),
        _ => Err(exc(
            ExcType::TypeError,
            format!("attribute name must be string, not '{}'", type_name(value)),
        )),
    }
}

pub(super) fn b_hasattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "hasattr", 2, 2)?;
    let name = attr_name(&args.positional[1])?;
    match vm.get_attr(&args.positional[0], &name) {
        Ok(_) => Ok(Value::Bool(true)),
        Err(e) if ops::is_exception_of(&e.0, ExcType::AttributeError) => Ok(Value::Bool(false)),
        Err(e) => Err(e),
    }
}

pub(super) fn b_getattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "getattr", 2, 3)?;
    let name = attr_name(&args.positional[1])?;
    match vm.get_attr(&args.positional[0], &name) {
        Ok(value) => Ok(value),
        Err(e)
            if ops::is_exception_of(&e.0, ExcType::AttributeError)
                && args.positional.len() == 3 =>
        {
            Ok(args.positional[2].clone())
        }
        Err(e) => Err(e),
    }
}

pub(super) fn b_setattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "setattr", 3, 3)?;
    let name = attr_name(&args.positional[1])?;
    vm.set_attr(&args.positional[0], &name, args.positional[2].clone())?;
    Ok(Value::None)
}

pub(super) fn b_delattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "delattr", 2, 2)?;
    let name = attr_name(&args.positional[1])?;
    vm.del_attr(&args.positional[0], &name)?;
    Ok(Value::None)
}

pub(super) fn b_id(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "id", 1, 1)?;
    Ok(Value::Int(args.positional[0].identity() as i64))
}

pub(super) fn b_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "hash", 1, 1)?;
    ops::hash(vm, &args.positional[0]).map(Value::Int)
}

pub(super) fn b_callable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "callable", 1, 1)?;
    let value = &args.positional[0];
    Ok(Value::Bool(match value.payload() {
        Some(
            Payload::Function(_)
            | Payload::Builtin(_)
            | Payload::BoundMethod(..)
            | Payload::Class(_),
        ) => true,
        Some(Payload::Instance(_)) => vm.special_method(value, "__call__").is_some(),
        _ => false,
    }))
}

pub(super) fn b_vars(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "vars", 0, 1)?;
    if args.positional.is_empty() {
        return b_locals(vm, args);
    }
    match special_attribute(vm, &args.positional[0], "__dict__")? {
        Some(dict) => Ok(dict),
        None => Err(exc(
            ExcType::TypeError,
            "vars() argument must have __dict__ attribute",
        )),
    }
}

pub(super) fn b_dir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "dir", 0, 1)?;
    if args.positional.is_empty() {
        let frame = vm
            .caller_frame()
            .ok_or_else(|| exc(ExcType::RuntimeError, "no frame"))?;
        let mut names: Vec<String> = if frame.code.uses_name_lookups {
            match &frame.class_ns {
                Some(ns) => lock(ns).keys().map(|k| k.to_string()).collect(),
                None => lock(&frame.globals.vars)
                    .keys()
                    .map(|k| k.to_string())
                    .collect(),
            }
        } else {
            frame
                .code
                .varnames
                .iter()
                .zip(&frame.fast)
                // (not an inlined comprehension's save slots: see `b_locals`)
                .filter(|(n, v)| v.is_some() && !n.starts_with(".save"))
                .map(|(n, _)| n.to_string())
                .collect()
        };
        names.sort();
        return Ok(new_list(names.into_iter().map(Value::str).collect()));
    }
    let value = &args.positional[0];
    let mut names: Vec<String> = Vec::new();
    if let Some(Payload::Instance(instance)) = value.payload() {
        names.extend(lock(&instance.dict).keys().map(|k| k.to_string()));
    }
    if let Some(Payload::Module(module)) = value.payload() {
        names.extend(lock(&module.globals.vars).keys().map(|k| k.to_string()));
    }
    let class = match value.payload() {
        Some(Payload::Class(_)) => value.as_obj().cloned().expect("class"),
        _ => type_of(value),
    };
    if let Some(c) = class_of(&class) {
        for owner in std::iter::once(&class).chain(c.mro.iter()) {
            if let Some(oc) = class_of(owner) {
                names.extend(oc.dict.names().iter().map(|k| k.to_string()));
            }
        }
    }
    names.sort();
    names.dedup();
    let _ = vm;
    Ok(new_list(names.into_iter().map(Value::str).collect()))
}

pub(super) fn b_globals(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let globals = vm
        .caller_frame()
        .map(|f| f.globals.clone())
        .ok_or_else(|| exc(ExcType::RuntimeError, "no frame"))?;
    let attrs = lock(&globals.vars).clone();
    Ok(dict_from_attrs(&attrs))
}

/// `locals()`: in a function, a snapshot of its variables (arguments and locals that
/// have a value, then the cells it shares with nested functions); in a class body, its
/// namespace; at module level, the globals (with the variables of the inlined
/// comprehension it is called in, as 3.12's).
pub(super) fn b_locals(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "locals", 0, 0)?;
    let frame = vm
        .caller_frame()
        .ok_or_else(|| exc(ExcType::RuntimeError, "no frame"))?;
    if let Some(namespace) = &frame.class_ns {
        let attrs = lock(namespace).clone();
        return Ok(dict_from_attrs(&attrs));
    }
    if frame.code.uses_name_lookups {
        let mut attrs = lock(&frame.globals.vars).clone();
        // Inside a module-level comprehension (inlined, its variables fast locals), 3.12
        // answers a copy of the globals with those variables added.
        for (name, value) in frame.code.varnames.iter().zip(&frame.fast) {
            if let (false, Some(value)) = (name.starts_with(".save"), value) {
                attrs.insert(name.clone(), value.clone());
            }
        }
        return Ok(dict_from_attrs(&attrs));
    }
    let code = &frame.code;
    let mut attrs = AttrMap::default();
    for (name, value) in code.varnames.iter().zip(&frame.fast) {
        // An inlined comprehension's save slots hold outer values CPython keeps on
        // its stack: not variables.
        if name.starts_with(".save") {
            continue;
        }
        if let Some(value) = value {
            attrs.insert(name.clone(), value.clone());
        }
    }
    let cell_names = code.cellvars.iter().chain(code.freevars.iter());
    for (name, cell) in cell_names.zip(frame.all_cells()) {
        if let Some(Payload::Cell(content)) = cell.payload() {
            if let Some(value) = lock(content).clone() {
                attrs.insert(name.clone(), value);
            }
        }
    }
    Ok(dict_from_attrs(&attrs))
}
