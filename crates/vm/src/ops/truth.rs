//! Truth (`bool(x)`, `if x`): emptiness for containers, `__bool__` then `__len__` for
//! instances. It must never treat a non-bool `__bool__` result as true (TypeError).

use crate::interp::{exc, Vm};
use crate::types::type_name;
use crate::types::ExcType;
use crate::value::*;
use crate::PyResult;

/// The truth of the values whose truth needs neither Python code nor a class lookup
/// (an instance of a subclass of a built-in type may define `__bool__`/`__len__`),
/// for the instruction loop's conditional jumps; None for the others.
#[inline(always)]
pub(crate) fn quick_truth(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::Int(i) => Some(*i != 0),
        Value::None => Some(false),
        Value::Str(s) => Some(!s.is_empty()),
        Value::Float(x) => Some(*x != 0.0),
        Value::Obj(obj) if obj.ext.is_none() => match &obj.payload {
            Payload::List(items) => Some(!lock(items).is_empty()),
            Payload::Tuple(items) => Some(!items.is_empty()),
            Payload::Dict(d) => Some(!lock(d).is_empty()),
            _ => None,
        },
        _ => None,
    }
}

pub(crate) fn truthy(vm: &mut Vm, value: &Value) -> PyResult<bool> {
    if value.is_subclass_instance() {
        if let Some(method) = vm.override_method(value, "__bool__") {
            let result = vm.call0(method)?;
            return match result {
                Value::Bool(b) => Ok(b),
                _ => Err(exc(
                    ExcType::TypeError,
                    format!(
                        "__bool__ should return bool, returned {}",
                        type_name(&result)
                    ),
                )),
            };
        }
        if vm.override_method(value, "__len__").is_some() {
            return Ok(crate::builtins::length(vm, value)? > 0);
        }
        if let Some(inner) = value.scalar_inner() {
            return truthy(vm, &inner.clone());
        }
    }
    Ok(match value {
        Value::None => false,
        Value::Bool(b) => *b,
        Value::Int(i) => *i != 0,
        Value::BigInt(_) => true,
        Value::Float(x) => *x != 0.0,
        Value::Str(s) => !s.is_empty(),
        Value::Obj(obj) => match &obj.payload {
            Payload::List(items) => !lock(items).is_empty(),
            Payload::Tuple(items) => !items.is_empty(),
            Payload::Dict(d) => !lock(d).is_empty(),
            Payload::Set(s) => !lock(s).is_empty(),
            Payload::FrozenSet(s) => !s.is_empty(),
            Payload::Range(r) => !r.is_empty(),
            Payload::Instance(_) => {
                if let Some(method) = vm.special_method(value, "__bool__") {
                    let result = vm.call0(method)?;
                    return match result {
                        Value::Bool(b) => Ok(b),
                        _ => Err(exc(
                            ExcType::TypeError,
                            format!(
                                "__bool__ should return bool, returned {}",
                                type_name(&result)
                            ),
                        )),
                    };
                }
                if let Some(method) = vm.special_method(value, "__len__") {
                    let result = vm.call0(method)?;
                    return Ok(!matches!(result, Value::Int(0) | Value::Bool(false)));
                }
                true
            }
            Payload::Native(native) => crate::builtins::native_truthy(native.as_ref()),
            _ => true,
        },
    })
}
