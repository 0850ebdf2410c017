//! Values as text: `repr` (recursion-safe through `Vm::repr_guard` and the stack
//! guard), `str`, and `format(value, spec)`, with CPython's exact output (float repr
//! and format specs come from `crate::format`). It must never hold a lock while a
//! user's `__repr__`, `__str__` or `__format__` runs.

use super::arithmetic::big;
use super::is_exception_of;
use crate::format;
use crate::interp::{exc, Vm};
use crate::stack_guard;
use crate::types::ExcType;
use crate::types::{self, class_of, type_name};
use crate::value::*;
use crate::{PyErr, PyResult};
use std::sync::Arc;

pub(crate) fn str_repr(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if super::printable::is_printable(c) => out.push(c),
            c => {
                let code = c as u32;
                if code < 0x100 {
                    out.push_str(&format!("\\x{code:02x}"));
                } else if code < 0x10000 {
                    out.push_str(&format!("\\u{code:04x}"));
                } else {
                    out.push_str(&format!("\\U{code:08x}"));
                }
            }
        }
    }
    out.push(quote);
    out
}

fn address(value: &Value) -> String {
    format!("0x{:012x}", value.identity())
}

pub(crate) fn repr(vm: &mut Vm, value: &Value) -> PyResult<String> {
    if let Some(method) = vm.metaclass_method(value, "__repr__") {
        let result = vm.call0(method)?;
        return match result {
            Value::Str(s) => Ok(s.to_string()),
            _ => Err(exc(
                ExcType::TypeError,
                format!("__repr__ returned non-string (type {})", type_name(&result)),
            )),
        };
    }
    if value.is_subclass_instance() {
        if let Some(method) = vm.override_method(value, "__repr__") {
            let result = vm.call0(method)?;
            return match result {
                Value::Str(s) => Ok(s.to_string()),
                _ => Err(exc(
                    ExcType::TypeError,
                    format!("__repr__ returned non-string (type {})", type_name(&result)),
                )),
            };
        }
        if let Some(inner) = value.scalar_inner() {
            return repr(vm, &inner.clone());
        }
    }
    repr_builtin(vm, value)
}

/// `repr` without the Python methods of a built-in subclass (for the built-in
/// dunders that `super()` reaches).
#[inline(always)]
pub(crate) fn repr_builtin(vm: &mut Vm, value: &Value) -> PyResult<String> {
    Ok(match value {
        Value::None => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Int(i) => i.to_string(),
        Value::BigInt(b) => b.to_string(),
        Value::Float(x) => format::float_repr(*x),
        Value::Str(s) => str_repr(s),
        Value::Obj(obj) => {
            let id = value.identity();
            let recursive = matches!(
                obj.payload,
                Payload::List(_) | Payload::Dict(_) | Payload::Set(_) | Payload::Instance(_)
            );
            if recursive && vm.repr_guard.contains(&id) {
                return Ok(match obj.payload {
                    Payload::Dict(_) => "{...}".into(),
                    Payload::List(_) => "[...]".into(),
                    _ => "...".into(),
                });
            }
            let _level = stack_guard::enter(stack_guard::REPR_MESSAGE)?;
            vm.repr_guard.push(id);
            let result = repr_object(vm, value, obj);
            vm.repr_guard.pop();
            result?
        }
    })
}

fn join_reprs(vm: &mut Vm, items: &[Value]) -> PyResult<String> {
    let mut parts = Vec::with_capacity(items.len());
    for item in items {
        parts.push(repr(vm, item)?);
    }
    Ok(parts.join(", "))
}

fn repr_object(vm: &mut Vm, value: &Value, obj: &Arc<Obj>) -> PyResult<String> {
    Ok(match &obj.payload {
        Payload::List(items) => {
            let items = lock(items).clone();
            format!("[{}]", join_reprs(vm, &items)?)
        }
        Payload::Tuple(items) if crate::modules::is_version_info(obj) => {
            let mut fields = Vec::with_capacity(items.len());
            for (field, item) in crate::modules::VERSION_INFO_FIELDS.iter().zip(items) {
                fields.push(format!("{field}={}", repr(vm, item)?));
            }
            format!("sys.version_info({})", fields.join(", "))
        }
        Payload::Tuple(items) => {
            if items.len() == 1 {
                format!("({},)", repr(vm, &items[0])?)
            } else {
                format!("({})", join_reprs(vm, items)?)
            }
        }
        Payload::Dict(dict) => {
            let entries: Vec<(Value, Value)> = lock(dict)
                .iter()
                .map(|(k, v)| (k.value.clone(), v.clone()))
                .collect();
            let mut parts = Vec::with_capacity(entries.len());
            for (key, item) in entries {
                parts.push(format!("{}: {}", repr(vm, &key)?, repr(vm, &item)?));
            }
            format!("{{{}}}", parts.join(", "))
        }
        // A subclass's instance names its class, as CPython's set repr does (`S({1})`,
        // `S()`); a plain set has no name around its braces.
        Payload::Set(set) => {
            let items: Vec<Value> = lock(set).iter().map(|k| k.value.clone()).collect();
            let named = value.is_subclass_instance().then(|| type_name(value));
            if items.is_empty() {
                match named {
                    Some(name) => format!("{name}()"),
                    None => "set()".into(),
                }
            } else {
                // CPython reprs a set through a list of its items: one level more.
                let _level = stack_guard::enter(stack_guard::REPR_MESSAGE)?;
                let braces = format!("{{{}}}", join_reprs(vm, &items)?);
                match named {
                    Some(name) => format!("{name}({braces})"),
                    None => braces,
                }
            }
        }
        Payload::FrozenSet(set) => {
            let items: Vec<Value> = set.iter().map(|k| k.value.clone()).collect();
            let name = type_name(value);
            if items.is_empty() {
                format!("{name}()")
            } else {
                let _level = stack_guard::enter(stack_guard::REPR_MESSAGE)?;
                format!("{name}({{{}}})", join_reprs(vm, &items)?)
            }
        }
        Payload::Range(r) => {
            if r.step == 1 {
                format!("range({}, {})", r.start, r.stop)
            } else {
                format!("range({}, {}, {})", r.start, r.stop, r.step)
            }
        }
        Payload::Slice(a, b, c) => format!(
            "slice({}, {}, {})",
            repr(vm, a)?,
            repr(vm, b)?,
            repr(vm, c)?
        ),
        Payload::Function(f) => format!("<function {} at {}>", f.qualname, address(value)),
        Payload::Builtin(b) => match (b.owner, &b.bound) {
            (_, Some(_)) | (None, None) => format!("<built-in function {}>", b.name),
            (Some(owner), None) => format!("<method '{}' of '{owner}' objects>", b.name),
        },
        Payload::BoundMethod(receiver, function) => match function.payload() {
            Some(Payload::Builtin(b)) => format!(
                "<built-in method {} of {} object at {}>",
                b.name,
                type_name(receiver),
                address(receiver)
            ),
            _ => {
                let receiver_repr = repr(vm, receiver)?;
                format!(
                    "<bound method {} of {receiver_repr}>",
                    vm.callable_name(function)
                )
            }
        },
        Payload::Class(class) => {
            if class.is_builtin() || &*class.module == "builtins" {
                format!("<class '{}'>", class.name)
            } else {
                format!("<class '{}.{}'>", class.module, class.qualname)
            }
        }
        Payload::Module(m) => format!("<module '{}' (built-in)>", m.name),
        Payload::DictView(kind, dict) => {
            let items = crate::builtins::view_items(*kind, dict);
            format!("{}([{}])", obj.payload.kind_name(), join_reprs(vm, &items)?)
        }
        Payload::Generator(g) => {
            format!("<{} object {} at {}>", g.kind(), g.qualname, address(value))
        }
        Payload::Iterator(_) => format!("<{} object at {}>", type_name(value), address(value)),
        Payload::Instance(instance) => {
            if let Some(method) = types::lookup_in_class(&instance.class, "__repr__") {
                // A Rust `__repr__` only comes from the built-in singletons
                // (NotImplemented, Ellipsis); no built-in class defines one.
                if matches!(
                    method.payload(),
                    Some(Payload::Function(_) | Payload::Builtin(_))
                ) {
                    let result = vm.call1(method, value.clone())?;
                    return match result {
                        Value::Str(s) => Ok(s.to_string()),
                        _ => Err(exc(
                            ExcType::TypeError,
                            format!("__repr__ returned non-string (type {})", type_name(&result)),
                        )),
                    };
                }
            }
            if let Some(data) = &instance.exception {
                let args = lock(data).args.clone();
                let name = types::class_name(&instance.class);
                if args.len() == 1 {
                    return Ok(format!("{name}({})", repr(vm, &args[0])?));
                }
                return Ok(format!("{name}({})", join_reprs(vm, &args)?));
            }
            let class = class_of(&instance.class);
            let module = class.map(|c| c.module.to_string()).unwrap_or_default();
            let qualname = class.map(|c| c.qualname.to_string()).unwrap_or_default();
            format!("<{module}.{qualname} object at {}>", address(value))
        }
        Payload::Native(native) => format!("<{} object at {}>", native.type_name(), address(value)),
        _ => format!("<{} object at {}>", obj.payload.kind_name(), address(value)),
    })
}

pub(crate) fn to_str(vm: &mut Vm, value: &Value) -> PyResult<String> {
    if value.is_subclass_instance() {
        if let Some(method) = vm.override_method(value, "__str__") {
            let result = vm.call0(method)?;
            return match result {
                Value::Str(s) => Ok(s.to_string()),
                _ => Err(exc(
                    ExcType::TypeError,
                    format!("__str__ returned non-string (type {})", type_name(&result)),
                )),
            };
        }
        // An int or float subclass with its own `__repr__` prints through it.
        if vm.override_method(value, "__repr__").is_some() {
            return repr(vm, value);
        }
        if let Some(inner) = value.scalar_inner() {
            return to_str(vm, &inner.clone());
        }
    }
    match value {
        Value::Str(s) => Ok(s.to_string()),
        Value::Obj(obj) => match &obj.payload {
            Payload::Instance(instance) => {
                // An exception's str is its argument's, which may be an exception...
                let _level = stack_guard::enter(STR_MESSAGE)?;
                if let Some(method) = types::lookup_in_class(&instance.class, "__str__") {
                    if matches!(method.payload(), Some(Payload::Function(_))) {
                        let result = vm.call1(method, value.clone())?;
                        return match result {
                            Value::Str(s) => Ok(s.to_string()),
                            _ => Err(exc(
                                ExcType::TypeError,
                                format!(
                                    "__str__ returned non-string (type {})",
                                    type_name(&result)
                                ),
                            )),
                        };
                    }
                }
                if let Some(data) = &instance.exception {
                    let args = lock(data).args.clone();
                    return match args.len() {
                        0 => Ok(String::new()),
                        1 if is_exception_of(value, ExcType::KeyError) => repr(vm, &args[0]),
                        1 => to_str(vm, &args[0]),
                        _ => repr(vm, &Value::obj(Payload::Tuple(args))),
                    };
                }
                repr(vm, value)
            }
            _ => repr(vm, value),
        },
        _ => repr(vm, value),
    }
}

const STR_MESSAGE: &str = "maximum recursion depth exceeded while getting the str of an object";

fn format_error(error: format::FormatError) -> PyErr {
    exc(error.exception, error.message)
}

pub(crate) fn format(vm: &mut Vm, value: &Value, spec: &str) -> PyResult<String> {
    if value.is_subclass_instance() {
        if let Some(method) = vm.override_method(value, "__format__") {
            let result = vm.call1(method, Value::str(spec))?;
            return match result {
                Value::Str(s) => Ok(s.to_string()),
                _ => Err(exc(ExcType::TypeError, "__format__ must return a str")),
            };
        }
        if spec.is_empty() {
            return to_str(vm, value);
        }
        if let Some(inner) = value.scalar_inner() {
            return format(vm, &inner.clone(), spec);
        }
    }
    match value {
        Value::Str(s) => format::format_str(s, spec).map_err(format_error),
        Value::Bool(b) if spec.is_empty() => Ok(if *b { "True" } else { "False" }.into()),
        Value::Int(x) => format::format_small_int(*x, spec).map_err(format_error),
        Value::BigInt(_) | Value::Bool(_) => {
            format::format_int(&big(value).unwrap_or_default(), spec).map_err(format_error)
        }
        Value::Float(x) => format::format_float(*x, spec).map_err(format_error),
        Value::None if spec.is_empty() => Ok("None".into()),
        _ => {
            if let Some(Payload::Instance(instance)) = value.payload() {
                if let Some(method) = types::lookup_in_class(&instance.class, "__format__") {
                    if matches!(method.payload(), Some(Payload::Function(_))) {
                        let result = vm.call(
                            method,
                            Args::new(smallvec::smallvec![value.clone(), Value::str(spec)]),
                        )?;
                        return match result {
                            Value::Str(s) => Ok(s.to_string()),
                            _ => Err(exc(ExcType::TypeError, "__format__ must return a str")),
                        };
                    }
                }
            }
            if spec.is_empty() {
                to_str(vm, value)
            } else {
                Err(exc(
                    ExcType::TypeError,
                    format!(
                        "unsupported format string passed to {}.__format__",
                        type_name(value)
                    ),
                ))
            }
        }
    }
}
