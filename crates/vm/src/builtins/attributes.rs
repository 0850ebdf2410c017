//! Attributes computed rather than stored (`__class__`, `__name__`, `__dict__`,
//! `__mro__`, an int's `real`, a range's `start`, ...), asked by the interpreter before
//! the usual lookup. It must never store anything: every answer is built from the
//! object as it is now.

use super::classes::super_attribute;
use super::exceptions::exception_attribute;
use super::new_tuple;
use crate::interp::{exc, Vm};
use crate::ops::{self, as_int_like};
use crate::types::{type_of, ExcType};

use crate::value::Mutex;
use crate::value::*;
use crate::PyResult;
use std::sync::Arc;

/// Attributes computed rather than stored (`__name__`, `__class__`, `args`, ...).
pub(crate) fn special_attribute(
    vm: &mut Vm,
    object: &Value,
    name: &str,
) -> PyResult<Option<Value>> {
    if name == "__class__" {
        return Ok(Some(Value::Obj(type_of(object))));
    }
    let Some(obj) = object.as_obj() else {
        return Ok(match (object, name) {
            (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), "real" | "numerator") => Some(
                as_int_like(object)
                    .map(Value::int_from_big)
                    .unwrap_or(Value::Int(0)),
            ),
            (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), "imag") => Some(Value::Int(0)),
            (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), "denominator") => {
                Some(Value::Int(1))
            }
            (Value::Float(x), "real") => Some(Value::Float(*x)),
            (Value::Float(_), "imag") => Some(Value::Float(0.0)),
            _ => None,
        });
    };
    Ok(match (&obj.payload, name) {
        (Payload::Super(class, target), _) => Some(super_attribute(vm, class, target, name)?),
        (Payload::Tuple(items), _)
            if crate::modules::VERSION_INFO_FIELDS.contains(&name)
                && crate::modules::is_version_info(obj) =>
        {
            crate::modules::VERSION_INFO_FIELDS
                .iter()
                .position(|field| *field == name)
                .and_then(|at| items.get(at).cloned())
        }
        // Assigned ones (`functools.wraps` sets them) win over the definition's.
        (Payload::Function(f), "__name__" | "__qualname__" | "__module__")
            if lock(&f.attrs).contains_key(name) =>
        {
            lock(&f.attrs).get(name).cloned()
        }
        (Payload::Function(f), "__name__") => Some(Value::Str(f.name.clone())),
        (Payload::Function(f), "__qualname__") => Some(Value::Str(f.qualname.clone())),
        (Payload::Function(f), "__module__") => Some(Value::Str(f.globals.name.clone())),
        (Payload::Function(f), "__doc__") => Some(
            lock(&f.attrs)
                .get("__doc__")
                .cloned()
                .or_else(|| f.code.docstring.clone().map(Value::Str))
                .unwrap_or(Value::None),
        ),
        // A function without annotations gets an empty dict on first access, kept.
        (Payload::Function(f), "__annotations__") => Some(
            lock(&f.attrs)
                .entry("__annotations__".into())
                .or_insert_with(|| Value::obj(Payload::Dict(Mutex::new(Dict::new()))))
                .clone(),
        ),
        (Payload::Function(f), "__defaults__") => Some(if f.defaults.is_empty() {
            Value::None
        } else {
            new_tuple(f.defaults.clone())
        }),
        (Payload::Function(f), "__kwdefaults__") => Some(if f.kwdefaults.is_empty() {
            Value::None
        } else {
            let dict: Dict = f
                .kwdefaults
                .iter()
                .map(|(k, v)| {
                    let key = Key {
                        hash: ops::hash_str(k),
                        value: Value::Str(k.clone()),
                    };
                    (key, v.clone())
                })
                .collect();
            Value::obj(Payload::Dict(Mutex::new(dict)))
        }),
        (Payload::Function(f), "__closure__") => Some(if f.closure.is_empty() {
            Value::None
        } else {
            new_tuple(f.closure.clone())
        }),
        (Payload::Function(f), "__code__") => Some(Value::obj(Payload::Code(f.code.clone()))),
        (Payload::Code(code), _) => code_attribute(code, name),
        (Payload::Cell(content), "cell_contents") => match lock(content).clone() {
            Some(value) => Some(value),
            None => return Err(exc(ExcType::ValueError, "Cell is empty")),
        },
        (Payload::Function(f), "__dict__") => {
            // The attributes a function keeps in its dict here but in slots in CPython.
            let mut attrs = lock(&f.attrs).clone();
            for slot in [
                "__name__",
                "__qualname__",
                "__module__",
                "__doc__",
                "__annotations__",
            ] {
                attrs.shift_remove(slot);
            }
            Some(dict_from_attrs(&attrs))
        }
        (Payload::Builtin(b), "__name__" | "__qualname__") => Some(Value::str(b.name)),
        (Payload::BoundMethod(receiver, _), "__self__") => Some(receiver.clone()),
        (Payload::BoundMethod(_, function), "__func__") => Some(function.clone()),
        (Payload::BoundMethod(_, function), "__name__" | "__qualname__" | "__doc__") => {
            Some(vm.get_attr(function, &Arc::from(name))?)
        }
        (Payload::Class(c), "__name__") => Some(Value::Str(c.name.clone())),
        (Payload::Class(c), "__qualname__") => Some(Value::Str(c.qualname.clone())),
        (Payload::Class(c), "__module__") => Some(Value::Str(c.module.clone())),
        (Payload::Class(c), "__bases__") => {
            Some(new_tuple(c.bases.iter().cloned().map(Value::Obj).collect()))
        }
        (Payload::Class(c), "__mro__") => {
            let mut mro = vec![object.clone()];
            mro.extend(c.mro.iter().cloned().map(Value::Obj));
            Some(new_tuple(mro))
        }
        (Payload::Class(c), "__dict__") => Some(dict_from_attrs(&c.dict.to_map())),
        (Payload::Class(c), "__doc__") => Some(c.dict.get("__doc__").unwrap_or(Value::None)),
        (Payload::Module(m), "__name__") => Some(Value::Str(m.name.clone())),
        (Payload::Module(m), "__dict__") => Some(dict_from_attrs(&lock(&m.globals.vars))),
        (Payload::Instance(instance), "__dict__") => Some(dict_from_attrs(&lock(&instance.dict))),
        (_, "__dict__") if obj.ext.is_some() => Some(dict_from_attrs(&lock(
            &obj.ext.as_ref().expect("checked").dict,
        ))),
        (Payload::Instance(instance), _) if instance.exception.is_some() => {
            exception_attribute(object, instance.exception.as_ref().expect("checked"), name)
        }
        (Payload::Range(r), "start") => Some(Value::Int(r.start)),
        (Payload::Range(r), "stop") => Some(Value::Int(r.stop)),
        (Payload::Range(r), "step") => Some(Value::Int(r.step)),
        (Payload::Slice(a, _, _), "start") => Some(a.clone()),
        (Payload::Slice(_, b, _), "stop") => Some(b.clone()),
        (Payload::Slice(_, _, c), "step") => Some(c.clone()),
        (Payload::Property(getter, _), "fget") => Some(getter.clone()),
        (Payload::Property(_, setter), "fset") => Some(setter.clone()),
        (Payload::Native(native), _) => {
            crate::modules::native_attribute(vm, object, native.as_ref(), name)?
        }
        _ => None,
    })
}

pub(super) fn dict_from_attrs(attrs: &AttrMap) -> Value {
    let dict: Dict = attrs
        .iter()
        .map(|(k, v)| {
            (
                Key {
                    hash: ops::hash_str(k),
                    value: Value::Str(k.clone()),
                },
                v.clone(),
            )
        })
        .collect();
    Value::obj(Payload::Dict(Mutex::new(dict)))
}

/// The `co_*` attributes of a code object that describe its signature and names.
fn code_attribute(code: &crate::code::CodeObject, name: &str) -> Option<Value> {
    let names = |list: &[crate::code::Name]| {
        new_tuple(list.iter().map(|n| Value::Str(n.clone())).collect())
    };
    let count = |n: u32| Value::Int(i64::from(n));
    Some(match name {
        "co_name" => Value::Str(code.name.clone()),
        "co_qualname" => Value::Str(code.qualname.clone()),
        "co_filename" => Value::Str(code.filename.clone()),
        "co_firstlineno" => count(code.first_line),
        "co_argcount" => count(code.argcount),
        "co_posonlyargcount" => count(code.posonlyargcount),
        "co_kwonlyargcount" => count(code.kwonlyargcount),
        "co_varnames" => names(&code.varnames),
        "co_nlocals" => Value::Int(code.varnames.len() as i64),
        "co_cellvars" => names(&code.cellvars),
        "co_freevars" => names(&code.freevars),
        _ => return None,
    })
}
