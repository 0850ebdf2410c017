//! Calls of the built-in classes (`int("5")`, `list(x)`, `type(x)`, ...): one test per
//! class, in a fixed order, handing each to the constructor in its type's module (the
//! one-line ones stay here). It must never build instances of user classes: for those
//! it answers `None` and the interpreter runs `__new__` and `__init__`.

use super::args::{arity, no_keywords};
use super::{classes, dict, new_list, new_tuple, numbers, range, set};
use crate::interp::{exc, Vm};
use crate::types::ExcType;
use crate::types::{self, class_of, types};
use crate::value::*;
use crate::PyResult;
use std::sync::Arc;

/// Calls of the built-in classes (`int("5")`, `list(x)`, ...); `None` for user classes.
pub(crate) fn construct_builtin(
    vm: &mut Vm,
    class: &Arc<Obj>,
    args: &Args,
) -> PyResult<Option<Value>> {
    let t = types();
    let is = |other: &Arc<Obj>| Arc::ptr_eq(class, other);
    // `int(x)`, `str(x)`, `float(x)` of an int/str/float subclass's instance: its value.
    if let Some(inner) = args.positional.first().and_then(|a| a.scalar_inner()) {
        if is(&t.int) || is(&t.float) || is(&t.bool_) {
            let mut unwrapped = args.clone();
            unwrapped.positional[0] = inner.clone();
            return construct_builtin(vm, class, &unwrapped);
        }
    }
    let pos = &args.positional;
    let value = if is(&t.int) {
        numbers::construct_int(vm, args)?
    } else if is(&t.float) {
        numbers::construct_float(vm, args)?
    } else if is(&t.str_) {
        arity(args, "str", 0, 1)?;
        match pos.first() {
            None => Value::str(""),
            Some(value) => Value::str(vm.to_str(value)?),
        }
    } else if is(&t.bool_) {
        arity(args, "bool", 0, 1)?;
        match pos.first() {
            None => Value::Bool(false),
            Some(value) => Value::Bool(vm.truthy(value)?),
        }
    } else if is(&t.list) {
        arity(args, "list", 0, 1)?;
        no_keywords(args, "list")?;
        match pos.first() {
            None => new_list(Vec::new()),
            Some(value) => new_list(vm.collect(value)?),
        }
    } else if is(&t.tuple) {
        arity(args, "tuple", 0, 1)?;
        match pos.first() {
            None => new_tuple(Vec::new()),
            Some(value) => new_tuple(vm.collect(value)?),
        }
    } else if is(&t.set) || is(&t.frozenset) {
        set::construct_set(vm, args, is(&t.set))?
    } else if is(&t.dict) {
        dict::construct_dict(vm, args)?
    } else if is(&t.range) {
        range::construct_range(args)?
    } else if is(&t.type_) {
        classes::construct_type(vm, args)?
    } else if is(&t.object) {
        classes::construct_object(class, args)?
    } else if is(&t.property) {
        classes::construct_property(args)
    } else if is(&t.staticmethod) {
        arity(args, "staticmethod", 1, 1)?;
        Value::obj(Payload::StaticMethod(pos[0].clone()))
    } else if is(&t.classmethod) {
        arity(args, "classmethod", 1, 1)?;
        Value::obj(Payload::ClassMethod(pos[0].clone()))
    } else if is(&t.slice) {
        range::construct_slice(args)?
    } else if class_of(class).is_some_and(|c| c.is_builtin()) && !types::is_exception_class(class) {
        return Err(exc(
            ExcType::TypeError,
            format!("cannot create '{}' instances", types::class_name(class)),
        ));
    } else {
        return Ok(None);
    };
    Ok(Some(value))
}
