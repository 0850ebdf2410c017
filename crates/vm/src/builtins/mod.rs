//! The built-ins: the `builtins` namespace (functions, classes, constants) and the methods
//! of the built-in types (str, list, tuple, dict, set, frozenset, range, int, float,
//! generators, object, property), with CPython's behaviour and messages. Each child
//! module holds one type's methods or one role (argument parsing, construction, class
//! machinery, computed attributes, the built-in functions); this one installs the methods
//! and holds the small value builders every child shares. Everything here runs on the
//! calling Python thread and must never hold an object's lock while calling back into
//! Python.

mod args;
mod attributes;
mod classes;
mod construct;
mod data_dunders;
mod dict;
mod exceptions;
mod float_bits;
mod functions;
pub(crate) mod generators;
mod int_parse;
mod list;
mod method_arity;
mod numbers;
mod operator_dunders;
mod range;
mod set;
mod sort;
mod string;
mod string_format;
pub(crate) mod string_grow;

pub(crate) use args::{check_method_arity, index_arg};
pub(crate) use attributes::special_attribute;
pub(crate) use classes::m_data_new;
pub(crate) use construct::construct_builtin;
pub(crate) use dict::view_items;
pub(crate) use float_bits::{frexp, ldexp};
pub(crate) use functions::{better, install_functions, length, SumState};
pub(crate) use method_arity::method_arity;
pub(crate) use string::percent_format;
pub(crate) use string_format::formatter_parser;

use crate::interp::new_exception;
use crate::types::ExcType;
use crate::types::{self, types, MethodTables, Types};
use crate::value::Mutex;
use crate::value::*;
use crate::PyErr;

fn builtin(name: &'static str, func: BuiltinFn) -> Value {
    Value::obj(Payload::Builtin(Builtin {
        name,
        func,
        bound: None,
        owner: None,
        arity: None,
        direct: match name {
            "len" => DirectCall::Len,
            "abs" => DirectCall::Abs,
            _ => DirectCall::Other,
        },
    }))
}

pub(crate) fn new_list(items: Vec<Value>) -> Value {
    Value::obj(Payload::List(Mutex::new(items)))
}

pub(crate) fn new_tuple(items: Vec<Value>) -> Value {
    Value::obj(Payload::Tuple(items))
}

fn key_error(key: &Value) -> PyErr {
    PyErr(new_exception(
        &types::exception_class(ExcType::KeyError),
        vec![key.clone()],
    ))
}

/// A singleton of its own class whose repr is `text` (`NotImplemented`, `Ellipsis`).
fn named_singleton(class_name: &str, repr: BuiltinFn) -> Value {
    let mut attrs = AttrMap::default();
    attrs.insert("__repr__".into(), builtin("__repr__", repr));
    let class = types::new_class(
        class_name,
        vec![types().object.clone()],
        attrs,
        "builtins",
        true,
    )
    .expect("single base");
    Value::obj(Payload::Instance(Instance {
        class,
        dict: Mutex::new(AttrMap::default()),
        exception: None,
    }))
}

fn not_implemented() -> Value {
    static VALUE: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    VALUE
        .get_or_init(|| {
            named_singleton("NotImplementedType", |_, _| {
                Ok(Value::str("NotImplemented"))
            })
        })
        .clone()
}

/// `Ellipsis`, the value of `...`.
fn ellipsis() -> Value {
    static VALUE: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    VALUE
        .get_or_init(|| named_singleton("ellipsis", |_, _| Ok(Value::str("Ellipsis"))))
        .clone()
}

/// The truth of a native object (a Rust-side object of a module): always true, as for
/// CPython objects without `__bool__` or `__len__`.
pub(crate) fn native_truthy(_native: &dyn NativeObject) -> bool {
    true
}

/// Adds the methods of the built-in types to their classes (once, when the type table
/// is built).
pub(crate) fn install_methods(t: &Types, methods: &mut MethodTables) {
    classes::install(t, methods);
    data_dunders::install(t, methods);
    operator_dunders::install(t, methods);
    exceptions::install(t, methods);
    string::install(t, methods);
    list::install(t, methods);
    dict::install(t, methods);
    set::install(t, methods);
    range::install(t, methods);
    numbers::install(t, methods);
    generators::install(t, methods);
}
