//! Built-in functions (`print`, `len`, `sorted`, ...), the constructors of the built-in
//! types, and the methods of str, list, dict, set, tuple, int and float, with CPython's
//! behaviour and messages. Everything here runs on the calling Python thread and
//! never holds an object's lock while calling back into Python.

use super::format;
use super::interp::{attribute_error, exc, exception_data, new_exception, GenStep, Resume, Vm};
use super::memory;
use super::ops::{self, as_int_like, to_f64};
use super::types::{self, add_method, class_of, type_name, type_of, types, Types};
use super::value::*;
use super::{PyErr, PyResult};
use bytecode::BinOp;
use num_bigint::BigInt;
use num_traits::{Signed, Zero};
use std::sync::{Arc, Mutex};

// ---------------------------------------------------------------------- helpers

fn builtin(name: &'static str, func: BuiltinFn) -> Value {
    Value::obj(Payload::Builtin(Builtin {
        name,
        func,
        bound: None,
        owner: None,
    }))
}

pub fn new_list(items: Vec<Value>) -> Value {
    Value::obj(Payload::List(Mutex::new(items)))
}

pub fn new_tuple(items: Vec<Value>) -> Value {
    Value::obj(Payload::Tuple(items))
}

fn arity(args: &Args, name: &str, min: usize, max: usize) -> PyResult<()> {
    let n = args.positional.len();
    if n < min || n > max {
        let message = if min == max {
            match min {
                0 => format!("{name}() takes no arguments ({n} given)"),
                1 => format!("{name}() takes exactly one argument ({n} given)"),
                _ => format!("{name} expected {min} arguments, got {n}"),
            }
        } else if n < min {
            format!(
                "{name} expected at least {min} argument{}, got {n}",
                if min == 1 { "" } else { "s" }
            )
        } else {
            format!(
                "{name} expected at most {max} argument{}, got {n}",
                if max == 1 { "" } else { "s" }
            )
        };
        return Err(exc("TypeError", message));
    }
    Ok(())
}

fn no_keywords(args: &Args, name: &str) -> PyResult<()> {
    if let Some((key, _)) = args.keywords.first() {
        return Err(exc(
            "TypeError",
            format!("{name}() got an unexpected keyword argument '{key}'"),
        ));
    }
    Ok(())
}

fn keyword(args: &Args, name: &str) -> Option<Value> {
    args.keywords
        .iter()
        .find(|(k, _)| &**k == name)
        .map(|(_, v)| v.clone())
}

fn only_keywords(args: &Args, fname: &str, allowed: &[&str]) -> PyResult<()> {
    for (key, _) in &args.keywords {
        if !allowed.contains(&&**key) {
            return Err(exc(
                "TypeError",
                format!("{fname}() got an unexpected keyword argument '{key}'"),
            ));
        }
    }
    Ok(())
}

fn str_arg<'a>(value: &'a Value, what: &str) -> PyResult<&'a Arc<str>> {
    match value {
        Value::Str(s) => Ok(s),
        _ => Err(exc(
            "TypeError",
            format!("{what} must be str, not {}", type_name(value)),
        )),
    }
}

/// An index-like integer argument ("'float' object cannot be interpreted as an integer").
pub fn index_arg(value: &Value) -> PyResult<i64> {
    match value {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(i64::from(*b)),
        Value::BigInt(_) => Err(exc(
            "OverflowError",
            "Python int too large to convert to C ssize_t",
        )),
        _ => Err(exc(
            "TypeError",
            format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(value)
            ),
        )),
    }
}

fn self_str(args: &Args) -> Arc<str> {
    match args.positional.first() {
        Some(Value::Str(s)) => s.clone(),
        _ => Arc::from(""),
    }
}

fn self_list(args: &Args) -> PyResult<&Mutex<Vec<Value>>> {
    match args.positional.first().and_then(|v| v.payload()) {
        Some(Payload::List(items)) => Ok(items),
        _ => Err(exc("TypeError", "descriptor requires a 'list' object")),
    }
}

fn self_dict(args: &Args) -> PyResult<&Mutex<Dict>> {
    match args.positional.first().and_then(|v| v.payload()) {
        Some(Payload::Dict(dict)) => Ok(dict),
        _ => Err(exc("TypeError", "descriptor requires a 'dict' object")),
    }
}

fn self_set(args: &Args) -> PyResult<&Mutex<Set>> {
    match args.positional.first().and_then(|v| v.payload()) {
        Some(Payload::Set(set)) => Ok(set),
        _ => Err(exc("TypeError", "descriptor requires a 'set' object")),
    }
}

fn key_error(key: &Value) -> PyErr {
    PyErr(new_exception(
        &types::exception_class("KeyError"),
        vec![key.clone()],
    ))
}

// ---------------------------------------------------------------------- install

pub fn install_functions(globals: &Arc<Globals>) {
    let t = types();
    let mut vars = lock(&globals.vars);
    let functions: &[(&'static str, BuiltinFn)] = &[
        ("print", b_print),
        ("len", b_len),
        ("repr", b_repr),
        ("abs", b_abs),
        ("round", b_round),
        ("divmod", b_divmod),
        ("pow", b_pow),
        ("sum", b_sum),
        ("min", b_min),
        ("max", b_max),
        ("any", b_any),
        ("all", b_all),
        ("sorted", b_sorted),
        ("reversed", b_reversed),
        ("enumerate", b_enumerate),
        ("zip", b_zip),
        ("map", b_map),
        ("filter", b_filter),
        ("isinstance", b_isinstance),
        ("issubclass", b_issubclass),
        ("hasattr", b_hasattr),
        ("getattr", b_getattr),
        ("setattr", b_setattr),
        ("delattr", b_delattr),
        ("id", b_id),
        ("hash", b_hash),
        ("iter", b_iter),
        ("next", b_next),
        ("chr", b_chr),
        ("ord", b_ord),
        ("hex", b_hex),
        ("oct", b_oct),
        ("bin", b_bin),
        ("callable", b_callable),
        ("format", b_format),
        ("vars", b_vars),
        ("dir", b_dir),
        ("input", b_input),
        ("open", b_open),
        ("globals", b_globals),
        ("__build_class__", b_build_class),
        ("exit", b_exit),
        ("quit", b_exit),
    ];
    for (name, func) in functions {
        vars.insert((*name).into(), builtin(name, *func));
    }
    let classes = [
        ("object", &t.object),
        ("type", &t.type_),
        ("int", &t.int),
        ("float", &t.float),
        ("bool", &t.bool_),
        ("str", &t.str_),
        ("list", &t.list),
        ("tuple", &t.tuple),
        ("dict", &t.dict),
        ("set", &t.set),
        ("frozenset", &t.frozenset),
        ("range", &t.range),
        ("slice", &t.slice),
        ("property", &t.property),
        ("staticmethod", &t.staticmethod),
        ("classmethod", &t.classmethod),
    ];
    for (name, class) in classes {
        vars.insert(name.into(), Value::Obj(class.clone()));
    }
    vars.insert("super".into(), builtin("super", b_super));
    for (name, class) in &t.exceptions {
        vars.insert((*name).into(), Value::Obj(class.clone()));
    }
    vars.insert("NotImplemented".into(), not_implemented());
    vars.insert("Ellipsis".into(), Value::str("Ellipsis"));
    vars.insert("__name__".into(), Value::str("builtins"));
}

pub fn not_implemented() -> Value {
    static VALUE: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    VALUE
        .get_or_init(|| {
            let class = types::new_class(
                "NotImplementedType",
                vec![types().object.clone()],
                AttrMap::new(),
                "builtins",
                true,
            )
            .expect("single base");
            Value::obj(Payload::Instance(Instance {
                class,
                dict: Mutex::new(AttrMap::new()),
                exception: None,
            }))
        })
        .clone()
}

pub fn install_methods(t: &Types) {
    add_method(&t.object, "__init__", m_object_init);
    add_method(&t.object, "__setattr__", m_object_setattr);
    add_method(&t.object, "__new__", m_object_new);
    add_method(&t.exceptions["BaseException"], "__init__", m_exception_init);
    add_method(
        &t.exceptions["BaseException"],
        "with_traceback",
        m_exception_with_traceback,
    );
    let str_methods: &[(&'static str, BuiltinFn)] = &[
        ("join", s_join),
        ("split", s_split),
        ("rsplit", s_rsplit),
        ("strip", s_strip),
        ("lstrip", s_lstrip),
        ("rstrip", s_rstrip),
        ("lower", s_lower),
        ("upper", s_upper),
        ("title", s_title),
        ("capitalize", s_capitalize),
        ("swapcase", s_swapcase),
        ("casefold", s_lower),
        ("replace", s_replace),
        ("startswith", s_startswith),
        ("endswith", s_endswith),
        ("count", s_count),
        ("find", s_find),
        ("rfind", s_rfind),
        ("index", s_index),
        ("rindex", s_rindex),
        ("format", s_format),
        ("isdigit", s_isdigit),
        ("isdecimal", s_isdigit),
        ("isnumeric", s_isnumeric),
        ("isalpha", s_isalpha),
        ("isalnum", s_isalnum),
        ("isspace", s_isspace),
        ("isupper", s_isupper),
        ("islower", s_islower),
        ("istitle", s_istitle),
        ("isidentifier", s_isidentifier),
        ("zfill", s_zfill),
        ("center", s_center),
        ("ljust", s_ljust),
        ("rjust", s_rjust),
        ("splitlines", s_splitlines),
        ("partition", s_partition),
        ("rpartition", s_rpartition),
        ("encode", s_encode),
        ("removeprefix", s_removeprefix),
        ("removesuffix", s_removesuffix),
        ("expandtabs", s_expandtabs),
    ];
    for (name, func) in str_methods {
        add_method(&t.str_, name, *func);
    }
    let list_methods: &[(&'static str, BuiltinFn)] = &[
        ("append", l_append),
        ("extend", l_extend),
        ("insert", l_insert),
        ("pop", l_pop),
        ("remove", l_remove),
        ("index", l_index),
        ("count", l_count),
        ("sort", l_sort),
        ("reverse", l_reverse),
        ("clear", l_clear),
        ("copy", l_copy),
    ];
    for (name, func) in list_methods {
        add_method(&t.list, name, *func);
    }
    add_method(&t.tuple, "index", l_index);
    add_method(&t.tuple, "count", l_count);
    let dict_methods: &[(&'static str, BuiltinFn)] = &[
        ("get", d_get),
        ("keys", d_keys),
        ("values", d_values),
        ("items", d_items),
        ("pop", d_pop),
        ("popitem", d_popitem),
        ("setdefault", d_setdefault),
        ("update", d_update),
        ("clear", d_clear),
        ("copy", d_copy),
    ];
    for (name, func) in dict_methods {
        add_method(&t.dict, name, *func);
    }
    if let Payload::Class(c) = &t.dict.payload {
        lock(&c.dict).insert(
            "fromkeys".into(),
            Value::obj(Payload::ClassMethod(builtin("fromkeys", d_fromkeys))),
        );
    }
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
        ("issubset", set_issubset),
        ("issuperset", set_issuperset),
        ("isdisjoint", set_isdisjoint),
    ];
    for (name, func) in set_methods {
        add_method(&t.set, name, *func);
        if ![
            "add",
            "discard",
            "remove",
            "pop",
            "clear",
            "update",
            "intersection_update",
            "difference_update",
        ]
        .contains(name)
        {
            add_method(&t.frozenset, name, *func);
        }
    }
    add_method(&t.range, "index", r_index);
    add_method(&t.range, "count", r_count);
    add_method(&t.int, "bit_length", i_bit_length);
    add_method(&t.int, "conjugate", i_conjugate);
    add_method(&t.float, "is_integer", f_is_integer);
    add_method(&t.float, "conjugate", i_conjugate);
    for class in [&t.generator, &t.coroutine] {
        add_method(class, "send", g_send);
        add_method(class, "throw", g_throw);
        add_method(class, "close", g_close);
    }
    add_method(&t.property, "setter", p_setter);
    add_method(&t.property, "getter", p_getter);
}

// ---------------------------------------------------------------------- constructors

/// Calls of the built-in classes (`int("5")`, `list(x)`, ...); `None` for user classes.
pub fn construct_builtin(vm: &mut Vm, class: &Arc<Obj>, args: &Args) -> PyResult<Option<Value>> {
    let t = types();
    let is = |other: &Arc<Obj>| Arc::ptr_eq(class, other);
    let pos = &args.positional;
    let value = if is(&t.int) {
        only_keywords(args, "int", &["base"])?;
        let base = keyword(args, "base").or_else(|| pos.get(1).cloned());
        match (pos.first(), base) {
            (None, None) => Value::Int(0),
            (Some(value), None) => to_int(vm, value)?,
            (Some(Value::Str(s)), Some(base)) => {
                let base = index_arg(&base)?;
                if base != 0 && !(2..=36).contains(&base) {
                    return Err(exc("ValueError", "int() base must be >= 2 and <= 36, or 0"));
                }
                parse_int(s, base as u32)?
            }
            (Some(_), Some(_)) => {
                return Err(exc(
                    "TypeError",
                    "int() can't convert non-string with explicit base",
                ))
            }
            (None, Some(_)) => return Err(exc("TypeError", "int() missing string argument")),
        }
    } else if is(&t.float) {
        arity(args, "float", 0, 1)?;
        match pos.first() {
            None => Value::Float(0.0),
            Some(value) => to_float(vm, value)?,
        }
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
        arity(args, "set", 0, 1)?;
        let set = match pos.first() {
            Some(value) => set_from_iterable(vm, value)?,
            None => Set::new(),
        };
        if is(&t.set) {
            Value::obj(Payload::Set(Mutex::new(set)))
        } else {
            Value::obj(Payload::FrozenSet(set))
        }
    } else if is(&t.dict) {
        arity(args, "dict", 0, 1)?;
        let mut dict = Dict::new();
        if let Some(source) = pos.first() {
            fill_dict(vm, &mut dict, source)?;
        }
        for (key, value) in &args.keywords {
            dict.insert(
                Key {
                    hash: ops::hash_str(key),
                    value: Value::Str(key.clone()),
                },
                value.clone(),
            );
        }
        Value::obj(Payload::Dict(Mutex::new(dict)))
    } else if is(&t.range) {
        no_keywords(args, "range")?;
        let ints: Vec<i64> = pos.iter().map(index_arg).collect::<PyResult<_>>()?;
        let (start, stop, step) = match ints.as_slice() {
            [stop] => (0, *stop, 1),
            [start, stop] => (*start, *stop, 1),
            [start, stop, step] => (*start, *stop, *step),
            [] => {
                return Err(exc(
                    "TypeError",
                    "range expected at least 1 argument, got 0",
                ))
            }
            _ => {
                return Err(exc(
                    "TypeError",
                    format!("range expected at most 3 arguments, got {}", ints.len()),
                ))
            }
        };
        if step == 0 {
            return Err(exc("ValueError", "range() arg 3 must not be zero"));
        }
        Value::obj(Payload::Range(Range { start, stop, step }))
    } else if is(&t.type_) {
        match pos.len() {
            1 => Value::Obj(type_of(&pos[0])),
            3 => {
                let name = str_arg(&pos[0], "type.__new__() argument 1")?.clone();
                let bases = match pos[1].payload() {
                    Some(Payload::Tuple(items)) => {
                        items.iter().filter_map(|b| b.as_obj().cloned()).collect()
                    }
                    _ => Vec::new(),
                };
                let mut namespace = AttrMap::new();
                for (key, value) in vm.mapping_items(&pos[2])? {
                    if let Value::Str(k) = key.value {
                        namespace.insert(k, value);
                    }
                }
                make_class(vm, &name, bases, namespace)?
            }
            _ => return Err(exc("TypeError", "type() takes 1 or 3 arguments")),
        }
    } else if is(&t.object) {
        if !pos.is_empty() {
            return Err(exc("TypeError", "object() takes no arguments"));
        }
        Value::obj(Payload::Instance(Instance {
            class: t.object.clone(),
            dict: Mutex::new(AttrMap::new()),
            exception: None,
        }))
    } else if is(&t.property) {
        let getter = pos
            .first()
            .cloned()
            .or_else(|| keyword(args, "fget"))
            .unwrap_or(Value::None);
        let setter = pos
            .get(1)
            .cloned()
            .or_else(|| keyword(args, "fset"))
            .unwrap_or(Value::None);
        Value::obj(Payload::Property(getter, setter))
    } else if is(&t.staticmethod) {
        arity(args, "staticmethod", 1, 1)?;
        Value::obj(Payload::StaticMethod(pos[0].clone()))
    } else if is(&t.classmethod) {
        arity(args, "classmethod", 1, 1)?;
        Value::obj(Payload::ClassMethod(pos[0].clone()))
    } else if is(&t.slice) {
        let get = |i: usize| pos.get(i).cloned().unwrap_or(Value::None);
        match pos.len() {
            1 => Value::obj(Payload::Slice(Value::None, get(0), Value::None)),
            2 | 3 => Value::obj(Payload::Slice(get(0), get(1), get(2))),
            _ => {
                return Err(exc(
                    "TypeError",
                    "slice expected at least 1 argument, got 0",
                ))
            }
        }
    } else if class_of(class).is_some_and(|c| c.is_builtin) && !types::is_exception_class(class) {
        return Err(exc(
            "TypeError",
            format!("cannot create '{}' instances", types::class_name(class)),
        ));
    } else {
        return Ok(None);
    };
    Ok(Some(value))
}

fn fill_dict(vm: &mut Vm, dict: &mut Dict, source: &Value) -> PyResult<()> {
    if matches!(source.payload(), Some(Payload::Dict(_)))
        || vm.special_method(source, "keys").is_some()
    {
        for (key, value) in vm.mapping_items(source)? {
            dict.insert(key, value);
        }
        return Ok(());
    }
    let pairs = vm.collect(source)?;
    memory::check_items(pairs.len(), memory::HASHED_ENTRY_BYTES)?;
    for (index, pair) in pairs.into_iter().enumerate() {
        let items = vm.collect(&pair).map_err(|_| {
            exc(
                "TypeError",
                format!("cannot convert dictionary update sequence element #{index} to a sequence"),
            )
        })?;
        if items.len() != 2 {
            return Err(exc(
                "ValueError",
                format!(
                    "dictionary update sequence element #{index} has length {}; 2 is required",
                    items.len()
                ),
            ));
        }
        let mut items = items.into_iter();
        let key = items.next().unwrap_or(Value::None);
        let value = items.next().unwrap_or(Value::None);
        dict.insert(vm.key(key)?, value);
    }
    Ok(())
}

pub fn to_int(vm: &mut Vm, value: &Value) -> PyResult<Value> {
    match value {
        Value::Int(_) | Value::BigInt(_) => Ok(value.clone()),
        Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
        Value::Float(x) => {
            if x.is_nan() {
                return Err(exc("ValueError", "cannot convert float NaN to integer"));
            }
            if x.is_infinite() {
                return Err(exc(
                    "OverflowError",
                    "cannot convert float infinity to integer",
                ));
            }
            let truncated = x.trunc();
            if truncated.abs() < 9.0e18 {
                Ok(Value::Int(truncated as i64))
            } else {
                Ok(Value::int_from_big(
                    format!("{truncated:.0}")
                        .parse::<BigInt>()
                        .unwrap_or_default(),
                ))
            }
        }
        Value::Str(s) => parse_int(s, 10),
        _ => {
            for name in ["__int__", "__index__"] {
                if let Some(method) = vm.special_method(value, name) {
                    return vm.call0(method);
                }
            }
            Err(exc(
                "TypeError",
                format!(
                    "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                    type_name(value)
                ),
            ))
        }
    }
}

fn parse_int(text: &str, base: u32) -> PyResult<Value> {
    let invalid = || {
        exc(
            "ValueError",
            format!(
                "invalid literal for int() with base {base}: {}",
                ops::str_repr(text)
            ),
        )
    };
    let trimmed = text.trim();
    let (negative, digits) = match trimmed.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, trimmed.strip_prefix('+').unwrap_or(trimmed)),
    };
    let lower = digits.to_ascii_lowercase();
    let (base, digits) = match (base, lower.get(..2)) {
        (0 | 16, Some("0x")) => (16, &lower[2..]),
        (0 | 8, Some("0o")) => (8, &lower[2..]),
        (0 | 2, Some("0b")) => (2, &lower[2..]),
        (0, _) => {
            if lower.len() > 1
                && lower.starts_with('0')
                && lower.chars().any(|c| c != '0' && c != '_')
            {
                return Err(invalid());
            }
            (10, lower.as_str())
        }
        (b, _) => (b, lower.as_str()),
    };
    let digits = digits
        .strip_prefix('_')
        .filter(|_| base != 10)
        .unwrap_or(digits);
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return Err(invalid());
    }
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    let parsed = BigInt::parse_bytes(clean.as_bytes(), base).ok_or_else(invalid)?;
    Ok(Value::int_from_big(if negative { -parsed } else { parsed }))
}

pub fn to_float(vm: &mut Vm, value: &Value) -> PyResult<Value> {
    match value {
        Value::Float(_) => Ok(value.clone()),
        Value::Str(s) => parse_float(s).map(Value::Float),
        _ => match to_f64(value) {
            Some(x) => {
                if let Value::BigInt(_) = value {
                    if x.is_infinite() {
                        return Err(exc("OverflowError", "int too large to convert to float"));
                    }
                }
                Ok(Value::Float(x))
            }
            None => match vm.special_method(value, "__float__") {
                Some(method) => vm.call0(method),
                None => Err(exc(
                    "TypeError",
                    format!(
                        "float() argument must be a string or a real number, not '{}'",
                        type_name(value)
                    ),
                )),
            },
        },
    }
}

fn parse_float(text: &str) -> PyResult<f64> {
    let trimmed = text.trim();
    let lower = trimmed.to_ascii_lowercase();
    let unsigned = lower.trim_start_matches(['+', '-']);
    let sign = if lower.starts_with('-') { -1.0 } else { 1.0 };
    match unsigned {
        "inf" | "infinity" => return Ok(sign * f64::INFINITY),
        "nan" => return Ok(f64::NAN),
        _ => {}
    }
    let valid = !trimmed.is_empty()
        && !trimmed.contains("__")
        && !trimmed.starts_with('_')
        && !trimmed.ends_with('_')
        && trimmed
            .chars()
            .all(|c| c.is_ascii_digit() || "+-.eE_".contains(c));
    let clean: String = trimmed.chars().filter(|c| *c != '_').collect();
    match clean.parse::<f64>() {
        Ok(x) if valid => Ok(x),
        _ => Err(exc(
            "ValueError",
            format!("could not convert string to float: {}", ops::str_repr(text)),
        )),
    }
}

// ---------------------------------------------------------------------- classes

fn b_build_class(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.positional.len() < 2 {
        return Err(exc("TypeError", "__build_class__: not enough arguments"));
    }
    let body = args.positional[0].clone();
    let name = str_arg(&args.positional[1], "__build_class__: name")?.clone();
    let mut bases = Vec::new();
    for base in &args.positional[2..] {
        match base.as_obj() {
            Some(obj) if matches!(obj.payload, Payload::Class(_)) => bases.push(obj.clone()),
            _ => {
                return Err(exc(
                    "TypeError",
                    format!("bases must be types, not {}", type_name(base)),
                ))
            }
        }
    }
    if let Some((key, _)) = args.keywords.first() {
        return Err(exc(
            "NotImplementedError",
            format!("threadplay does not support class keyword '{key}' (metaclasses)"),
        ));
    }
    let namespace = Arc::new(Mutex::new(AttrMap::new()));
    let cell = vm.run_class_body(&body, namespace.clone())?;
    let namespace = lock(&namespace).clone();
    let class = make_class(vm, &name, bases, namespace)?;
    if let Some(Payload::Cell(content)) = cell.payload() {
        *lock(content) = Some(class.clone());
    }
    Ok(class)
}

fn make_class(
    vm: &mut Vm,
    name: &str,
    bases: Vec<Arc<Obj>>,
    namespace: AttrMap,
) -> PyResult<Value> {
    let _ = vm;
    let bases = if bases.is_empty() {
        vec![types().object.clone()]
    } else {
        bases
    };
    for base in &bases {
        let t = types();
        let allowed = Arc::ptr_eq(base, &t.object)
            || !class_of(base).is_some_and(|c| c.is_builtin)
            || types::is_exception_class(base);
        if !allowed {
            return Err(exc(
                "NotImplementedError",
                format!(
                    "threadplay does not support subclassing the built-in type '{}'",
                    types::class_name(base)
                ),
            ));
        }
    }
    let module = match namespace.get("__module__") {
        Some(Value::Str(m)) => m.to_string(),
        _ => "__main__".to_string(),
    };
    let mut namespace = namespace;
    // A class that defines __eq__ without __hash__ is unhashable, as in CPython.
    if namespace.contains_key("__eq__") && !namespace.contains_key("__hash__") {
        namespace.insert("__hash__".into(), Value::None);
    }
    let class = types::new_class(name, bases, namespace, &module, false)
        .map_err(|m| exc("TypeError", m))?;
    Ok(Value::Obj(class))
}

fn m_object_init(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::None)
}

/// `exc.__traceback__`: traceback objects from the outermost frame (`tb_next` towards
/// the innermost), each with `tb_lineno` and a `tb_frame` whose `f_code` has `co_name`
/// and `co_filename`: enough to walk a traceback as programs do.
fn traceback_chain(entries: &[TracebackEntry]) -> Value {
    static CLASSES: std::sync::OnceLock<[Arc<Obj>; 3]> = std::sync::OnceLock::new();
    let [traceback, frame, code] = CLASSES.get_or_init(|| {
        ["traceback", "frame", "code"].map(|name| {
            types::new_class(
                name,
                vec![types().object.clone()],
                AttrMap::new(),
                "builtins",
                true,
            )
            .expect("a single base")
        })
    });
    let object = |class: &Arc<Obj>, fields: Vec<(&str, Value)>| {
        let dict: AttrMap = fields
            .into_iter()
            .map(|(name, value)| (super::code::Name::from(name), value))
            .collect();
        Value::obj(Payload::Instance(Instance {
            class: class.clone(),
            dict: Mutex::new(dict),
            exception: None,
        }))
    };
    let mut next = Value::None;
    for entry in entries {
        let line = Value::Int(i64::from(entry.line));
        let code_object = object(
            code,
            vec![
                ("co_name", Value::Str(entry.function.clone())),
                ("co_filename", Value::Str(entry.filename.clone())),
            ],
        );
        let frame_object = object(
            frame,
            vec![("f_code", code_object), ("f_lineno", line.clone())],
        );
        next = object(
            traceback,
            vec![
                ("tb_frame", frame_object),
                ("tb_lineno", line),
                ("tb_next", next),
            ],
        );
    }
    next
}

/// `object.__new__(cls)`: a bare instance of a Python class (for a class's own
/// `__new__` to build on).
fn m_object_new(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let not_a_type = |value: Option<&Value>| {
        let kind = value.map_or_else(|| "nothing".to_string(), type_name);
        exc(
            "TypeError",
            format!("object.__new__(X): X is not a type object ({kind})"),
        )
    };
    let Some(Value::Obj(class)) = args.positional.first() else {
        return Err(not_a_type(args.positional.first()));
    };
    if super::types::class_of(class).is_none() {
        return Err(not_a_type(args.positional.first()));
    }
    Ok(Value::obj(Payload::Instance(Instance {
        class: class.clone(),
        dict: Mutex::new(AttrMap::new()),
        exception: None,
    })))
}

fn m_object_setattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "__setattr__", 3, 3)?;
    let name = str_arg(&args.positional[1], "attribute name")?.clone();
    if let Some(Payload::Instance(instance)) = args.positional[0].payload() {
        lock(&instance.dict).insert(name, args.positional[2].clone());
        return Ok(Value::None);
    }
    vm.set_attr(&args.positional[0], &name, args.positional[2].clone())?;
    Ok(Value::None)
}

fn m_exception_init(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    if let Some(data) = args.positional.first().and_then(exception_data) {
        lock(data).args = args.positional[1..].to_vec();
    }
    Ok(Value::None)
}

fn m_exception_with_traceback(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(args.positional.first().cloned().unwrap_or(Value::None))
}

fn b_super(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (class, object) = match args.positional.as_slice() {
        [class, object] => (class.clone(), object.clone()),
        [] => {
            let frame = vm
                .caller_frame()
                .ok_or_else(|| exc("RuntimeError", "super(): no arguments"))?;
            let object = frame
                .fast
                .first()
                .cloned()
                .flatten()
                .ok_or_else(|| exc("RuntimeError", "super(): no arguments"))?;
            let code = &frame.code;
            let position = code
                .cellvars
                .iter()
                .chain(code.freevars.iter())
                .position(|n| &**n == "__class__")
                .ok_or_else(|| exc("RuntimeError", "super(): __class__ cell not found"))?;
            let class = match frame.cells.get(position).and_then(|c| c.payload()) {
                Some(Payload::Cell(content)) => lock(content).clone(),
                _ => None,
            }
            .ok_or_else(|| exc("RuntimeError", "super(): empty __class__ cell"))?;
            (class, object)
        }
        _ => return Err(exc("TypeError", "super() takes 0 or 2 arguments")),
    };
    let Some(class) = class.as_obj().cloned() else {
        return Err(exc("TypeError", "super() argument 1 must be a type"));
    };
    Ok(Value::obj(Payload::Super(class, object)))
}

/// Attribute lookup through `super()`: the MRO of the object's type after `class`.
fn super_attribute(vm: &mut Vm, class: &Arc<Obj>, object: &Value, name: &str) -> PyResult<Value> {
    let start = match object.payload() {
        Some(Payload::Class(_)) => object.as_obj().cloned().unwrap_or_else(|| class.clone()),
        _ => type_of(object),
    };
    let mut chain = vec![start.clone()];
    if let Some(c) = class_of(&start) {
        chain.extend(c.mro.iter().cloned());
    }
    let position = chain
        .iter()
        .position(|c| Arc::ptr_eq(c, class))
        .unwrap_or(0);
    for candidate in &chain[position + 1..] {
        if let Some(c) = class_of(candidate) {
            let found = lock(&c.dict).get(name).cloned();
            if let Some(found) = found {
                return Ok(match found.payload() {
                    Some(Payload::Function(_)) | Some(Payload::Builtin(_)) => {
                        Value::obj(Payload::BoundMethod(object.clone(), found))
                    }
                    Some(Payload::ClassMethod(inner)) => Value::obj(Payload::BoundMethod(
                        Value::Obj(start.clone()),
                        inner.clone(),
                    )),
                    Some(Payload::StaticMethod(inner)) => inner.clone(),
                    Some(Payload::Property(getter, _)) => {
                        vm.call1(getter.clone(), object.clone())?
                    }
                    _ => found,
                });
            }
        }
    }
    Err(exc(
        "AttributeError",
        format!("'super' object has no attribute '{name}'"),
    ))
}

/// Attributes computed rather than stored (`__name__`, `__class__`, `args`, ...).
pub fn special_attribute(vm: &mut Vm, object: &Value, name: &str) -> PyResult<Option<Value>> {
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
            if super::modules::VERSION_INFO_FIELDS.contains(&name)
                && super::modules::is_version_info(obj) =>
        {
            super::modules::VERSION_INFO_FIELDS
                .iter()
                .position(|field| *field == name)
                .and_then(|at| items.get(at).cloned())
        }
        (Payload::Function(f), "__name__") => Some(Value::Str(f.name.clone())),
        (Payload::Function(f), "__qualname__") => Some(Value::Str(f.qualname.clone())),
        (Payload::Function(f), "__module__") => Some(Value::Str(f.globals.name.clone())),
        (Payload::Function(f), "__doc__") => Some(
            lock(&f.attrs)
                .get("__doc__")
                .cloned()
                .unwrap_or(Value::None),
        ),
        (Payload::Function(f), "__defaults__") => Some(if f.defaults.is_empty() {
            Value::None
        } else {
            new_tuple(f.defaults.clone())
        }),
        (Payload::Function(f), "__dict__") => Some(dict_from_attrs(&lock(&f.attrs))),
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
        (Payload::Class(c), "__dict__") => Some(dict_from_attrs(&lock(&c.dict))),
        (Payload::Class(c), "__doc__") => {
            Some(lock(&c.dict).get("__doc__").cloned().unwrap_or(Value::None))
        }
        (Payload::Module(m), "__name__") => Some(Value::Str(m.name.clone())),
        (Payload::Module(m), "__dict__") => Some(dict_from_attrs(&lock(&m.globals.vars))),
        (Payload::Instance(instance), "__dict__") => Some(dict_from_attrs(&lock(&instance.dict))),
        (Payload::Instance(instance), _) if instance.exception.is_some() => {
            let mut data = lock(instance.exception.as_ref().expect("checked"));
            match name {
                "args" => Some(new_tuple(data.args.clone())),
                "__cause__" => Some(data.cause.clone().unwrap_or(Value::None)),
                "__context__" => Some(data.context.clone().unwrap_or(Value::None)),
                "__suppress_context__" => Some(Value::Bool(data.suppress_context)),
                "__traceback__" => {
                    let entries = data.traceback.len();
                    match &data.traceback_object {
                        Some((built_for, chain)) if *built_for == entries => Some(chain.clone()),
                        _ => {
                            let chain = traceback_chain(&data.traceback);
                            data.traceback_object = Some((entries, chain.clone()));
                            Some(chain)
                        }
                    }
                }
                "value" if ops::is_exception_of(object, "StopIteration") => {
                    Some(data.args.first().cloned().unwrap_or(Value::None))
                }
                "code" if ops::is_exception_of(object, "SystemExit") => {
                    Some(match data.args.len() {
                        0 => Value::None,
                        1 => data.args[0].clone(),
                        _ => new_tuple(data.args.clone()),
                    })
                }
                _ => None,
            }
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
            super::modules::native_attribute(vm, object, native.as_ref(), name)?
        }
        _ => None,
    })
}

fn dict_from_attrs(attrs: &AttrMap) -> Value {
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

pub fn native_truthy(_native: &dyn NativeObject) -> bool {
    true
}

fn p_setter(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "setter", 2, 2)?;
    match args.positional[0].payload() {
        Some(Payload::Property(getter, _)) => Ok(Value::obj(Payload::Property(
            getter.clone(),
            args.positional[1].clone(),
        ))),
        _ => Err(exc("TypeError", "setter requires a property")),
    }
}

fn p_getter(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "getter", 2, 2)?;
    match args.positional[0].payload() {
        Some(Payload::Property(_, setter)) => Ok(Value::obj(Payload::Property(
            args.positional[1].clone(),
            setter.clone(),
        ))),
        _ => Err(exc("TypeError", "getter requires a property")),
    }
}

fn g_send(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "send", 2, 2)?;
    match vm.resume_generator(&args.positional[0], args.positional[1].clone())? {
        GenStep::Yielded(value) => Ok(value),
        GenStep::Returned(value) => Err(stop_iteration(value)),
    }
}

/// `gen.throw(exc)` (or the deprecated `throw(type[, value])`): raises `exc` where the
/// generator or coroutine is paused; returns what it yields next.
fn g_throw(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "throw", 2, 4)?;
    let raised = args.positional[1].clone();
    let value = args.positional.get(2).cloned().unwrap_or(Value::None);
    let error = match raised.payload() {
        Some(Payload::Class(_)) if !value.is_none() && exception_data(&value).is_some() => value,
        Some(Payload::Class(_)) if !value.is_none() => {
            vm.call(raised.clone(), Args::new(vec![value]))?
        }
        _ if exception_data(&raised).is_some() && !value.is_none() => {
            return Err(exc(
                "TypeError",
                "instance exception may not have a separate value",
            ))
        }
        _ => vm.make_exception(raised.clone()).map_err(|_| {
            exc(
                "TypeError",
                format!(
                    "exceptions must be classes or instances deriving from BaseException, not {}",
                    type_name(&raised)
                ),
            )
        })?,
    };
    match vm.resume(&args.positional[0], Resume::Throw(PyErr(error)))? {
        GenStep::Yielded(value) => Ok(value),
        GenStep::Returned(value) => Err(stop_iteration(value)),
    }
}

/// `gen.close()`: raises GeneratorExit where it is paused, so its `finally` blocks run.
fn g_close(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "close", 1, 1)?;
    let generator = &args.positional[0];
    let Some(Payload::Generator(gen)) = generator.payload() else {
        return Ok(Value::None);
    };
    let started = match &*lock(&gen.state) {
        GeneratorState::Suspended(frame) => frame.ip > 0,
        GeneratorState::Running | GeneratorState::Finished => false,
    };
    if !started {
        // Never started (or already over): nothing to unwind, as in CPython.
        let mut state = lock(&gen.state);
        if !matches!(*state, GeneratorState::Running) {
            *state = GeneratorState::Finished;
        }
        return Ok(Value::None);
    }
    let exit = new_exception(&types::exception_class("GeneratorExit"), Vec::new());
    match vm.resume(generator, Resume::Throw(PyErr(exit))) {
        Ok(GenStep::Yielded(_)) => {
            *lock(&gen.state) = GeneratorState::Finished;
            Err(exc(
                "RuntimeError",
                format!("{} ignored GeneratorExit", gen.kind()),
            ))
        }
        Ok(GenStep::Returned(_)) => Ok(Value::None),
        Err(error)
            if ops::is_exception_of(&error.0, "GeneratorExit")
                || ops::is_exception_of(&error.0, "StopIteration") =>
        {
            Ok(Value::None)
        }
        Err(error) => Err(error),
    }
}

/// The StopIteration a finished generator step raises, carrying the return value.
fn stop_iteration(value: Value) -> PyErr {
    PyErr(new_exception(
        &types::exception_class("StopIteration"),
        if value.is_none() {
            Vec::new()
        } else {
            vec![value]
        },
    ))
}

// ---------------------------------------------------------------------- functions

fn b_print(vm: &mut Vm, args: Args) -> PyResult<Value> {
    only_keywords(&args, "print", &["sep", "end", "file", "flush"])?;
    let sep = match keyword(&args, "sep") {
        None | Some(Value::None) => " ".to_string(),
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => {
            return Err(exc(
                "TypeError",
                format!("sep must be None or a string, not {}", type_name(&other)),
            ))
        }
    };
    let end = match keyword(&args, "end") {
        None | Some(Value::None) => "\n".to_string(),
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => {
            return Err(exc(
                "TypeError",
                format!("end must be None or a string, not {}", type_name(&other)),
            ))
        }
    };
    let mut text = String::new();
    for (index, value) in args.positional.iter().enumerate() {
        if index > 0 {
            text.push_str(&sep);
        }
        text.push_str(&vm.to_str(value)?);
    }
    text.push_str(&end);
    match keyword(&args, "file") {
        None | Some(Value::None) => {
            vm.write_output(false, &text);
            vm.mark(trace::MarkKind::Printed {
                text: text.strip_suffix('\n').unwrap_or(&text).to_string(),
            });
        }
        Some(file) => super::modules::write_to_file(vm, &file, &text)?,
    }
    Ok(Value::None)
}

fn b_len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "len", 1, 1)?;
    length(vm, &args.positional[0]).map(|n| Value::Int(n as i64))
}

pub fn length(vm: &mut Vm, value: &Value) -> PyResult<usize> {
    Ok(match value {
        Value::Str(s) => s.chars().count(),
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
                            return Err(exc("ValueError", "__len__() should return >= 0"))
                        }
                        _ => {
                            return Err(exc(
                                "TypeError",
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
                super::modules::native_len(vm, value)?.ok_or_else(|| no_len(value))?
            }
            _ => return Err(no_len(value)),
        },
        _ => return Err(no_len(value)),
    })
}

fn no_len(value: &Value) -> PyErr {
    exc(
        "TypeError",
        format!("object of type '{}' has no len()", type_name(value)),
    )
}

fn b_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "repr", 1, 1)?;
    vm.repr(&args.positional[0]).map(Value::str)
}

fn b_abs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "abs", 1, 1)?;
    let value = &args.positional[0];
    Ok(match value {
        Value::Int(i) => i
            .checked_abs()
            .map(Value::Int)
            .unwrap_or_else(|| Value::int_from_big(BigInt::from(*i).abs())),
        Value::BigInt(b) => Value::int_from_big(b.abs()),
        Value::Bool(b) => Value::Int(i64::from(*b)),
        Value::Float(x) => Value::Float(x.abs()),
        _ => match vm.special_method(value, "__abs__") {
            Some(method) => return vm.call0(method),
            None => {
                return Err(exc(
                    "TypeError",
                    format!("bad operand type for abs(): '{}'", type_name(value)),
                ))
            }
        },
    })
}

fn b_round(vm: &mut Vm, args: Args) -> PyResult<Value> {
    only_keywords(&args, "round", &["ndigits"])?;
    let value = args.positional.first().cloned().ok_or_else(|| {
        exc(
            "TypeError",
            "round() missing required argument 'number' (pos 1)",
        )
    })?;
    let ndigits = args
        .positional
        .get(1)
        .cloned()
        .or_else(|| keyword(&args, "ndigits"))
        .filter(|v| !v.is_none());
    match (&value, ndigits) {
        (Value::Float(x), None) => {
            if x.is_nan() {
                return Err(exc("ValueError", "cannot convert float NaN to integer"));
            }
            if x.is_infinite() {
                return Err(exc(
                    "OverflowError",
                    "cannot convert float infinity to integer",
                ));
            }
            let rounded = round_half_even(*x);
            to_int(vm, &Value::Float(rounded))
        }
        (Value::Float(x), Some(n)) => format::round_float(*x, index_arg(&n)?)
            .map(Value::Float)
            .map_err(|e| exc(e.exception, e.message)),
        (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), None) => {
            Ok(Value::int_from_big(as_int_like(&value).unwrap_or_default()))
        }
        (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), Some(n)) => {
            let n = index_arg(&n)?;
            let i = as_int_like(&value).unwrap_or_default();
            if n >= 0 {
                return Ok(Value::int_from_big(i));
            }
            let factor = num_traits::pow::Pow::pow(BigInt::from(10), (-n) as u64);
            let (quotient, remainder) = num_integer::Integer::div_mod_floor(&i, &factor);
            let twice = &remainder * 2;
            let rounded =
                if twice > factor || (twice == factor && num_integer::Integer::is_odd(&quotient)) {
                    quotient + 1
                } else {
                    quotient
                };
            Ok(Value::int_from_big(rounded * factor))
        }
        _ => match vm.special_method(&value, "__round__") {
            Some(method) => vm.call0(method),
            None => Err(exc(
                "TypeError",
                format!("type {} doesn't define __round__ method", type_name(&value)),
            )),
        },
    }
}

fn round_half_even(x: f64) -> f64 {
    let rounded = x.round();
    if (x - x.trunc()).abs() == 0.5 {
        2.0 * (x / 2.0).round()
    } else {
        rounded
    }
}

fn b_divmod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "divmod", 2, 2)?;
    let (a, b) = (&args.positional[0], &args.positional[1]);
    if let (Value::Float(_), _) | (_, Value::Float(_)) = (a, b) {
        if let (Some(x), Some(y)) = (to_f64(a), to_f64(b)) {
            if y == 0.0 {
                return Err(exc("ZeroDivisionError", "float divmod()"));
            }
            let (q, r) = ops::float_divmod(x, y);
            return Ok(new_tuple(vec![Value::Float(q), Value::Float(r)]));
        }
    }
    if let (Some(_), Some(y)) = (as_int_like(a), as_int_like(b)) {
        if y.is_zero() {
            return Err(exc(
                "ZeroDivisionError",
                "integer division or modulo by zero",
            ));
        }
    }
    let quotient = ops::binary(vm, BinOp::FloorDiv, a, b, false)?;
    let remainder = ops::binary(vm, BinOp::Mod, a, b, false)?;
    Ok(new_tuple(vec![quotient, remainder]))
}

fn b_pow(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "pow", 2, 3)?;
    let (base, exponent) = (&args.positional[0], &args.positional[1]);
    match args.positional.get(2) {
        None | Some(Value::None) => ops::binary(vm, BinOp::Pow, base, exponent, false),
        Some(modulus) => {
            let (Some(b), Some(e), Some(m)) = (
                as_int_like(base),
                as_int_like(exponent),
                as_int_like(modulus),
            ) else {
                return Err(exc(
                    "TypeError",
                    "pow() 3rd argument not allowed unless all arguments are integers",
                ));
            };
            if m.is_zero() {
                return Err(exc("ValueError", "pow() 3rd argument cannot be 0"));
            }
            let result = if e.is_negative() {
                let inverse = mod_inverse(&b, &m).ok_or_else(|| {
                    exc("ValueError", "base is not invertible for the given modulus")
                })?;
                inverse.modpow(&(-e), &m.abs())
            } else {
                b.modpow(&e, &m.abs())
            };
            let result = num_integer::Integer::mod_floor(&result, &m);
            Ok(Value::int_from_big(result))
        }
    }
}

fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let m = m.abs();
    let egcd = num_integer::Integer::extended_gcd(&num_integer::Integer::mod_floor(a, &m), &m);
    (egcd.gcd == BigInt::from(1)).then(|| num_integer::Integer::mod_floor(&egcd.x, &m))
}

fn b_sum(vm: &mut Vm, args: Args) -> PyResult<Value> {
    only_keywords(&args, "sum", &["start"])?;
    arity(&args, "sum", 1, 2)?;
    let mut total = args
        .positional
        .get(1)
        .cloned()
        .or_else(|| keyword(&args, "start"))
        .unwrap_or(Value::Int(0));
    if let Value::Str(_) = total {
        return Err(exc(
            "TypeError",
            "sum() can't sum strings [use ''.join(seq) instead]",
        ));
    }
    let iterator = vm.get_iter(&args.positional[0])?;
    // Floats are summed with Neumaier's compensation, as CPython 3.12 does.
    let mut compensated: Option<(f64, f64)> = None;
    while let Some(item) = vm.next(&iterator)? {
        let item_float = match &item {
            Value::Float(x) => Some(*x),
            Value::Int(i) if compensated.is_some() && i.unsigned_abs() < (1 << 53) => {
                Some(*i as f64)
            }
            _ => None,
        };
        if compensated.is_none() {
            if let (Some(_), Value::Float(_) | Value::Int(_)) = (item_float, &total) {
                if let Some(start) = to_f64(&total) {
                    compensated = Some((start, 0.0));
                }
            }
        }
        match (&mut compensated, item_float) {
            (Some((sum, compensation)), Some(x)) => {
                let t = *sum + x;
                if sum.abs() >= x.abs() {
                    *compensation += (*sum - t) + x;
                } else {
                    *compensation += (x - t) + *sum;
                }
                *sum = t;
                continue;
            }
            (Some((sum, compensation)), None) => {
                total = Value::Float(finish_compensated(*sum, *compensation));
                compensated = None;
            }
            _ => {}
        }
        total = match (&total, &item) {
            (Value::Int(a), Value::Int(b)) if a.checked_add(*b).is_some() => Value::Int(a + b),
            _ => ops::binary(vm, BinOp::Add, &total, &item, false)?,
        };
    }
    if let Some((sum, compensation)) = compensated {
        return Ok(Value::Float(finish_compensated(sum, compensation)));
    }
    Ok(total)
}

fn finish_compensated(sum: f64, compensation: f64) -> f64 {
    if compensation != 0.0 && compensation.is_finite() {
        sum + compensation
    } else {
        sum
    }
}

fn min_max(vm: &mut Vm, args: Args, name: &str, want_max: bool) -> PyResult<Value> {
    only_keywords(&args, name, &["key", "default"])?;
    let key = keyword(&args, "key").filter(|k| !k.is_none());
    let default = keyword(&args, "default");
    let items = match args.positional.len() {
        0 => {
            return Err(exc(
                "TypeError",
                format!("{name} expected at least 1 argument, got 0"),
            ))
        }
        1 => vm.collect(&args.positional[0])?,
        _ => {
            if default.is_some() {
                return Err(exc(
                    "TypeError",
                    format!(
                        "Cannot specify a default for {name}() with multiple positional arguments"
                    ),
                ));
            }
            args.positional.clone()
        }
    };
    let mut best: Option<(Value, Value)> = None;
    for item in items {
        let item_key = match &key {
            Some(key) => vm.call1(key.clone(), item.clone())?,
            None => item.clone(),
        };
        best = match best {
            None => Some((item, item_key)),
            Some((best_item, best_key)) => {
                let better = if want_max {
                    ops::less_than(vm, &best_key, &item_key)?
                } else {
                    ops::less_than(vm, &item_key, &best_key)?
                };
                if better {
                    Some((item, item_key))
                } else {
                    Some((best_item, best_key))
                }
            }
        };
    }
    match (best, default) {
        (Some((item, _)), _) => Ok(item),
        (None, Some(default)) => Ok(default),
        (None, None) => Err(exc(
            "ValueError",
            format!("{name}() iterable argument is empty"),
        )),
    }
}

fn b_min(vm: &mut Vm, args: Args) -> PyResult<Value> {
    min_max(vm, args, "min", false)
}

fn b_max(vm: &mut Vm, args: Args) -> PyResult<Value> {
    min_max(vm, args, "max", true)
}

fn b_any(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "any", 1, 1)?;
    let iterator = vm.get_iter(&args.positional[0])?;
    while let Some(item) = vm.next(&iterator)? {
        if vm.truthy(&item)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn b_all(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "all", 1, 1)?;
    let iterator = vm.get_iter(&args.positional[0])?;
    while let Some(item) = vm.next(&iterator)? {
        if !vm.truthy(&item)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

/// A stable merge sort whose comparisons may run Python code (and fail).
pub fn sort_values(
    vm: &mut Vm,
    items: Vec<Value>,
    key: Option<Value>,
    reverse: bool,
) -> PyResult<Vec<Value>> {
    // The keyed pairs, and the merges' copies of them.
    memory::check_items(items.len(), 2 * std::mem::size_of::<(Value, Value)>())?;
    let mut keyed = Vec::with_capacity(items.len());
    for item in items {
        let k = match &key {
            Some(key) => vm.call1(key.clone(), item.clone())?,
            None => item.clone(),
        };
        keyed.push((k, item));
    }
    let sorted = merge_sort(vm, keyed, reverse)?;
    Ok(sorted.into_iter().map(|(_, item)| item).collect())
}

fn merge_sort(
    vm: &mut Vm,
    mut items: Vec<(Value, Value)>,
    reverse: bool,
) -> PyResult<Vec<(Value, Value)>> {
    if items.len() <= 1 {
        return Ok(items);
    }
    let right = items.split_off(items.len() / 2);
    let left = merge_sort(vm, items, reverse)?;
    let right = merge_sort(vm, right, reverse)?;
    let mut merged = Vec::with_capacity(left.len() + right.len());
    let mut left = left.into_iter().peekable();
    let mut right = right.into_iter().peekable();
    while let (Some(l), Some(r)) = (left.peek(), right.peek()) {
        // Take from the right only when it strictly precedes the left: stability.
        let take_right = if reverse {
            ops::less_than(vm, &l.0, &r.0)?
        } else {
            ops::less_than(vm, &r.0, &l.0)?
        };
        if take_right {
            merged.push(right.next().expect("peeked"));
        } else {
            merged.push(left.next().expect("peeked"));
        }
    }
    merged.extend(left);
    merged.extend(right);
    Ok(merged)
}

fn b_sorted(vm: &mut Vm, args: Args) -> PyResult<Value> {
    only_keywords(&args, "sort", &["key", "reverse"])?;
    if args.positional.len() != 1 {
        return Err(exc(
            "TypeError",
            format!("sorted expected 1 argument, got {}", args.positional.len()),
        ));
    }
    let items = vm.collect(&args.positional[0])?;
    let key = keyword(&args, "key").filter(|k| !k.is_none());
    let reverse = match keyword(&args, "reverse") {
        Some(value) => vm.truthy(&value)?,
        None => false,
    };
    Ok(new_list(sort_values(vm, items, key, reverse)?))
}

fn b_reversed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "reversed", 1, 1)?;
    let value = &args.positional[0];
    if let Some(method) = vm.special_method(value, "__reversed__") {
        return vm.call0(method);
    }
    let len = match value.payload() {
        Some(Payload::List(_) | Payload::Tuple(_) | Payload::Range(_)) | None => length(vm, value)
            .map_err(|_| {
                exc(
                    "TypeError",
                    format!("'{}' object is not reversible", type_name(value)),
                )
            })?,
        Some(Payload::Instance(_)) if vm.special_method(value, "__getitem__").is_some() => {
            length(vm, value)?
        }
        _ => {
            return Err(exc(
                "TypeError",
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

fn b_enumerate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    only_keywords(&args, "enumerate", &["start"])?;
    arity(&args, "enumerate", 1, 2)?;
    let start = args
        .positional
        .get(1)
        .cloned()
        .or_else(|| keyword(&args, "start"))
        .unwrap_or(Value::Int(0));
    if as_int_like(&start).is_none() {
        return Err(exc(
            "TypeError",
            format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(&start)
            ),
        ));
    }
    let inner = vm.get_iter(&args.positional[0])?;
    Ok(Value::obj(Payload::Iterator(Mutex::new(IterState::Lazy(
        Box::new(LazyIter::Enumerate {
            inner,
            count: start,
        }),
    )))))
}

fn b_zip(vm: &mut Vm, args: Args) -> PyResult<Value> {
    only_keywords(&args, "zip", &["strict"])?;
    let mut inners = Vec::new();
    for value in &args.positional {
        inners.push(vm.get_iter(value)?);
    }
    Ok(Value::obj(Payload::Iterator(Mutex::new(IterState::Lazy(
        Box::new(LazyIter::Zip { inners }),
    )))))
}

fn b_map(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.positional.len() < 2 {
        return Err(exc("TypeError", "map() must have at least two arguments."));
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

fn b_filter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "filter", 2, 2)?;
    let inner = vm.get_iter(&args.positional[1])?;
    Ok(Value::obj(Payload::Iterator(Mutex::new(IterState::Lazy(
        Box::new(LazyIter::Filter {
            func: args.positional[0].clone(),
            inner,
        }),
    )))))
}

fn class_or_tuple(value: &Value, fname: &str) -> PyResult<Vec<Arc<Obj>>> {
    match value.payload() {
        Some(Payload::Class(_)) => Ok(vec![value.as_obj().cloned().expect("a class is an object")]),
        Some(Payload::Tuple(items)) => {
            let check = if fname == "isinstance" {
                "__instancecheck__"
            } else {
                "__subclasscheck__"
            };
            let _level = super::stack_guard::try_enter(1).ok_or_else(|| {
                exc(
                    "RecursionError",
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
            "TypeError",
            format!("{fname}() arg 2 must be a type, a tuple of types, or a union"),
        )),
    }
}

fn b_isinstance(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "isinstance", 2, 2)?;
    let classes = class_or_tuple(&args.positional[1], "isinstance")?;
    let class = type_of(&args.positional[0]);
    Ok(Value::Bool(
        classes.iter().any(|c| types::is_subclass(&class, c)),
    ))
}

fn b_issubclass(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "issubclass", 2, 2)?;
    let Some(class) = args.positional[0]
        .as_obj()
        .filter(|o| matches!(o.payload, Payload::Class(_)))
    else {
        return Err(exc("TypeError", "issubclass() arg 1 must be a class"));
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
            "TypeError",
            format!("attribute name must be string, not '{}'", type_name(value)),
        )),
    }
}

fn b_hasattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "hasattr", 2, 2)?;
    let name = attr_name(&args.positional[1])?;
    match vm.get_attr(&args.positional[0], &name) {
        Ok(_) => Ok(Value::Bool(true)),
        Err(e) if ops::is_exception_of(&e.0, "AttributeError") => Ok(Value::Bool(false)),
        Err(e) => Err(e),
    }
}

fn b_getattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "getattr", 2, 3)?;
    let name = attr_name(&args.positional[1])?;
    match vm.get_attr(&args.positional[0], &name) {
        Ok(value) => Ok(value),
        Err(e) if ops::is_exception_of(&e.0, "AttributeError") && args.positional.len() == 3 => {
            Ok(args.positional[2].clone())
        }
        Err(e) => Err(e),
    }
}

fn b_setattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "setattr", 3, 3)?;
    let name = attr_name(&args.positional[1])?;
    vm.set_attr(&args.positional[0], &name, args.positional[2].clone())?;
    Ok(Value::None)
}

fn b_delattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "delattr", 2, 2)?;
    let name = attr_name(&args.positional[1])?;
    match args.positional[0].payload() {
        Some(Payload::Instance(instance)) => {
            if lock(&instance.dict).shift_remove(&name).is_some() {
                return Ok(Value::None);
            }
            Err(attribute_error(&args.positional[0], &name))
        }
        _ => {
            let _ = vm;
            Err(attribute_error(&args.positional[0], &name))
        }
    }
}

fn b_id(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "id", 1, 1)?;
    Ok(Value::Int(args.positional[0].identity() as i64))
}

fn b_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "hash", 1, 1)?;
    ops::hash(vm, &args.positional[0]).map(Value::Int)
}

fn b_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
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

fn b_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "next", 1, 2)?;
    let iterator = &args.positional[0];
    let is_iterator = match iterator.payload() {
        Some(Payload::Generator(g)) => !g.is_coroutine,
        Some(Payload::Iterator(_)) => true,
        _ => vm.special_method(iterator, "__next__").is_some(),
    };
    if !is_iterator {
        return Err(exc(
            "TypeError",
            format!("'{}' object is not an iterator", type_name(iterator)),
        ));
    }
    if let Some(Payload::Generator(_)) = iterator.payload() {
        return match vm.resume_generator(iterator, Value::None)? {
            super::interp::GenStep::Yielded(value) => Ok(value),
            super::interp::GenStep::Returned(value) => match args.positional.get(1) {
                Some(default) => Ok(default.clone()),
                None => Err(PyErr(new_exception(
                    &types::exception_class("StopIteration"),
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
                &types::exception_class("StopIteration"),
                Vec::new(),
            ))),
        },
    }
}

fn b_chr(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "chr", 1, 1)?;
    let code = index_arg(&args.positional[0])?;
    u32::try_from(code)
        .ok()
        .and_then(char::from_u32)
        .map(|c| Value::str(c.to_string()))
        .ok_or_else(|| exc("ValueError", "chr() arg not in range(0x110000)"))
}

fn b_ord(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "ord", 1, 1)?;
    match &args.positional[0] {
        Value::Str(s) => {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(Value::Int(c as i64)),
                _ => Err(exc(
                    "TypeError",
                    format!(
                        "ord() expected a character, but string of length {} found",
                        s.chars().count()
                    ),
                )),
            }
        }
        other => Err(exc(
            "TypeError",
            format!(
                "ord() expected string of length 1, but {} found",
                type_name(other)
            ),
        )),
    }
}

fn radix(args: &Args, name: &str, prefix: &str, base: u32) -> PyResult<Value> {
    arity(args, name, 1, 1)?;
    let value = as_int_like(&args.positional[0]).ok_or_else(|| {
        exc(
            "TypeError",
            format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(&args.positional[0])
            ),
        )
    })?;
    let digits = value.abs().to_str_radix(base);
    let sign = if value.is_negative() { "-" } else { "" };
    Ok(Value::str(format!("{sign}{prefix}{digits}")))
}

fn b_hex(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    radix(&args, "hex", "0x", 16)
}

fn b_oct(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    radix(&args, "oct", "0o", 8)
}

fn b_bin(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    radix(&args, "bin", "0b", 2)
}

fn b_callable(vm: &mut Vm, args: Args) -> PyResult<Value> {
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

fn b_format(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "format", 1, 2)?;
    let spec = match args.positional.get(1) {
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => {
            return Err(exc(
                "TypeError",
                format!("format() argument 2 must be str, not {}", type_name(other)),
            ))
        }
        None => String::new(),
    };
    vm.format(&args.positional[0], &spec).map(Value::str)
}

fn b_vars(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "vars", 1, 1)?;
    match special_attribute(vm, &args.positional[0], "__dict__")? {
        Some(dict) => Ok(dict),
        None => Err(exc(
            "TypeError",
            "vars() argument must have __dict__ attribute",
        )),
    }
}

fn b_dir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "dir", 0, 1)?;
    if args.positional.is_empty() {
        let frame = vm
            .caller_frame()
            .ok_or_else(|| exc("RuntimeError", "no frame"))?;
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
                .filter(|(_, v)| v.is_some())
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
                names.extend(lock(&oc.dict).keys().map(|k| k.to_string()));
            }
        }
    }
    names.sort();
    names.dedup();
    let _ = vm;
    Ok(new_list(names.into_iter().map(Value::str).collect()))
}

fn b_input(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(exc(
        "NotImplementedError",
        "threadplay does not support input(): programs run without a keyboard",
    ))
}

fn b_open(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(exc(
        "NotImplementedError",
        "threadplay does not support open(): programs run without files",
    ))
}

fn b_globals(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let globals = vm
        .caller_frame()
        .map(|f| f.globals.clone())
        .ok_or_else(|| exc("RuntimeError", "no frame"))?;
    let attrs = lock(&globals.vars).clone();
    Ok(dict_from_attrs(&attrs))
}

fn b_exit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    super::modules::sys_exit(vm, args)
}

// ---------------------------------------------------------------------- str methods

fn s_join(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "join", 2, 2)?;
    let sep = self_str(&args);
    let items = vm.collect(&args.positional[1])?;
    let mut parts = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        match item {
            Value::Str(s) => parts.push(s.clone()),
            other => {
                return Err(exc(
                    "TypeError",
                    format!(
                        "sequence item {index}: expected str instance, {} found",
                        type_name(other)
                    ),
                ))
            }
        }
    }
    let total: usize = parts.iter().map(|p| p.len()).sum::<usize>() + sep.len() * parts.len();
    memory::check(total)?;
    Ok(Value::str(
        parts.iter().map(|p| &**p).collect::<Vec<&str>>().join(&sep),
    ))
}

fn split_args(args: &Args, name: &str) -> PyResult<(Option<String>, i64)> {
    only_keywords(args, name, &["sep", "maxsplit"])?;
    let sep = args
        .positional
        .get(1)
        .cloned()
        .or_else(|| keyword(args, "sep"));
    let sep = match sep {
        None | Some(Value::None) => None,
        Some(Value::Str(s)) => {
            if s.is_empty() {
                return Err(exc("ValueError", "empty separator"));
            }
            Some(s.to_string())
        }
        Some(other) => {
            return Err(exc(
                "TypeError",
                format!("must be str or None, not {}", type_name(&other)),
            ))
        }
    };
    let maxsplit = match args
        .positional
        .get(2)
        .cloned()
        .or_else(|| keyword(args, "maxsplit"))
    {
        Some(value) => index_arg(&value)?,
        None => -1,
    };
    Ok((sep, maxsplit))
}

fn s_split(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let text = self_str(&args);
    let (sep, maxsplit) = split_args(&args, "split")?;
    check_split(&text, sep.as_deref(), maxsplit)?;
    let parts: Vec<Value> = match sep {
        Some(sep) => {
            if maxsplit < 0 {
                text.split(sep.as_str()).map(Value::str).collect()
            } else {
                text.splitn(maxsplit as usize + 1, sep.as_str())
                    .map(Value::str)
                    .collect()
            }
        }
        None => {
            let mut parts = Vec::new();
            let mut rest = text.trim_start();
            while !rest.is_empty() {
                if maxsplit >= 0 && parts.len() as i64 == maxsplit {
                    parts.push(Value::str(rest));
                    break;
                }
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                parts.push(Value::str(&rest[..end]));
                rest = rest[end..].trim_start();
            }
            parts
        }
    };
    Ok(new_list(parts))
}

/// `MemoryError` unless the pieces of a split fit the budget: each becomes a string
/// object (counted first, so a huge text split into a few lines is fine).
fn check_split(text: &str, sep: Option<&str>, maxsplit: i64) -> PyResult<()> {
    if text.len() < 1 << 16 {
        return Ok(());
    }
    let pieces = match sep {
        Some(sep) if !sep.is_empty() => text.matches(sep).count() + 1,
        _ => text.split_whitespace().count(),
    };
    let pieces = if maxsplit >= 0 {
        pieces.min(maxsplit as usize + 1)
    } else {
        pieces
    };
    memory::check_items(pieces, memory::STRING_OBJECT_BYTES)?;
    memory::check(text.len())
}

fn s_rsplit(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let text = self_str(&args);
    let (sep, maxsplit) = split_args(&args, "rsplit")?;
    check_split(&text, sep.as_deref(), maxsplit)?;
    let mut parts: Vec<Value> = match sep {
        Some(sep) => {
            if maxsplit < 0 {
                text.rsplit(sep.as_str()).map(Value::str).collect()
            } else {
                text.rsplitn(maxsplit as usize + 1, sep.as_str())
                    .map(Value::str)
                    .collect()
            }
        }
        None => {
            let mut parts = Vec::new();
            let mut rest = text.trim_end();
            while !rest.is_empty() {
                if maxsplit >= 0 && parts.len() as i64 == maxsplit {
                    parts.push(Value::str(rest));
                    break;
                }
                let start = rest
                    .rfind(char::is_whitespace)
                    .map(|i| i + rest[i..].chars().next().map_or(1, char::len_utf8))
                    .unwrap_or(0);
                parts.push(Value::str(&rest[start..]));
                rest = rest[..start].trim_end();
            }
            parts
        }
    };
    parts.reverse();
    Ok(new_list(parts))
}

fn strip_chars(args: &Args) -> PyResult<Option<Vec<char>>> {
    match args.positional.get(1) {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.chars().collect())),
        Some(other) => Err(exc(
            "TypeError",
            format!("strip arg must be None or str, not {}", type_name(other)),
        )),
    }
}

fn s_strip(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let text = self_str(&args);
    Ok(Value::str(match strip_chars(&args)? {
        None => text.trim(),
        Some(chars) => text.trim_matches(|c| chars.contains(&c)),
    }))
}

fn s_lstrip(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let text = self_str(&args);
    Ok(Value::str(match strip_chars(&args)? {
        None => text.trim_start(),
        Some(chars) => text.trim_start_matches(|c| chars.contains(&c)),
    }))
}

fn s_rstrip(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let text = self_str(&args);
    Ok(Value::str(match strip_chars(&args)? {
        None => text.trim_end(),
        Some(chars) => text.trim_end_matches(|c| chars.contains(&c)),
    }))
}

fn s_lower(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::str(self_str(&args).to_lowercase()))
}

fn s_upper(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::str(self_str(&args).to_uppercase()))
}

fn s_swapcase(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::str(
        self_str(&args)
            .chars()
            .map(|c| {
                if c.is_uppercase() {
                    c.to_lowercase().collect::<String>()
                } else {
                    c.to_uppercase().collect::<String>()
                }
            })
            .collect::<String>(),
    ))
}

fn s_title(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut out = String::new();
    let mut previous_cased = false;
    for c in self_str(&args).chars() {
        if previous_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        previous_cased = c.is_alphabetic();
    }
    Ok(Value::str(out))
}

fn s_capitalize(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let text = self_str(&args);
    let mut chars = text.chars();
    let out = match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.as_str().to_lowercase().chars())
            .collect(),
        None => String::new(),
    };
    Ok(Value::str(out))
}

fn s_replace(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "replace", 3, 4)?;
    let text = self_str(&args);
    let old = str_arg(&args.positional[1], "replace() argument 1")?;
    let new = str_arg(&args.positional[2], "replace() argument 2")?;
    let count = match args.positional.get(3) {
        Some(value) => index_arg(value)?,
        None => -1,
    };
    if new.len() > old.len() {
        // Size the result before building it: "a" * 10**6 replaced by 1000 characters
        // each would be a gigabyte.
        let found = if old.is_empty() {
            text.chars().count() + 1
        } else {
            text.matches(&**old).count()
        };
        let found = if count < 0 {
            found
        } else {
            found.min(count as usize)
        };
        memory::check(
            text.len()
                .saturating_add(found.saturating_mul(new.len() - old.len())),
        )?;
    }
    let result = if count < 0 {
        text.replace(&**old, new)
    } else {
        text.replacen(&**old, new, count as usize)
    };
    Ok(Value::str(result))
}

fn char_range(text: &str, args: &Args, from: usize) -> PyResult<(usize, usize)> {
    let len = text.chars().count();
    let bound = |v: Option<&Value>, default: usize| -> PyResult<usize> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let i = index_arg(v)?;
                let i = if i < 0 {
                    (i + len as i64).max(0)
                } else {
                    i.min(len as i64)
                };
                Ok(i as usize)
            }
        }
    };
    let start = bound(args.positional.get(from), 0)?;
    let end = bound(args.positional.get(from + 1), len)?;
    Ok((start, end))
}

fn byte_offset(text: &str, char_index: usize) -> usize {
    text.char_indices()
        .nth(char_index)
        .map(|(i, _)| i)
        .unwrap_or(text.len())
}

fn affix_check(args: &Args, name: &str, check: fn(&str, &str) -> bool) -> PyResult<Value> {
    arity(args, name, 2, 4)?;
    let text = self_str(args);
    let (start, end) = char_range(&text, args, 2)?;
    let slice = if start > end {
        ""
    } else {
        &text[byte_offset(&text, start)..byte_offset(&text, end)]
    };
    let candidates: Vec<Arc<str>> = match &args.positional[1] {
        Value::Str(s) => vec![s.clone()],
        Value::Obj(obj) => match &obj.payload {
            Payload::Tuple(items) => items
                .iter()
                .map(|i| match i {
                    Value::Str(s) => Ok(s.clone()),
                    other => Err(exc(
                        "TypeError",
                        format!(
                            "tuple for {name} must only contain str, not {}",
                            type_name(other)
                        ),
                    )),
                })
                .collect::<PyResult<_>>()?,
            _ => {
                return Err(exc(
                    "TypeError",
                    format!(
                        "{name} first arg must be str or a tuple of str, not {}",
                        type_name(&args.positional[1])
                    ),
                ))
            }
        },
        other => {
            return Err(exc(
                "TypeError",
                format!(
                    "{name} first arg must be str or a tuple of str, not {}",
                    type_name(other)
                ),
            ))
        }
    };
    Ok(Value::Bool(candidates.iter().any(|c| check(slice, c))))
}

fn s_startswith(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    affix_check(&args, "startswith", |s, p| s.starts_with(p))
}

fn s_endswith(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    affix_check(&args, "endswith", |s, p| s.ends_with(p))
}

fn find_in(args: &Args, name: &str, reverse: bool) -> PyResult<i64> {
    arity(args, name, 2, 4)?;
    let text = self_str(args);
    let needle = str_arg(&args.positional[1], "must be str")?.clone();
    let (start, end) = char_range(&text, args, 2)?;
    if start > end {
        return Ok(-1);
    }
    let (bs, be) = (byte_offset(&text, start), byte_offset(&text, end));
    let hay = &text[bs..be];
    let found = if reverse {
        hay.rfind(&*needle)
    } else {
        hay.find(&*needle)
    };
    Ok(match found {
        Some(byte) => (start + hay[..byte].chars().count()) as i64,
        None => -1,
    })
}

fn s_find(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    find_in(&args, "find", false).map(Value::Int)
}

fn s_rfind(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    find_in(&args, "rfind", true).map(Value::Int)
}

fn s_index(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    match find_in(&args, "index", false)? {
        -1 => Err(exc("ValueError", "substring not found")),
        i => Ok(Value::Int(i)),
    }
}

fn s_rindex(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    match find_in(&args, "rindex", true)? {
        -1 => Err(exc("ValueError", "substring not found")),
        i => Ok(Value::Int(i)),
    }
}

fn s_count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let _ = vm;
    arity(&args, "count", 2, 4)?;
    let text = self_str(&args);
    let needle = str_arg(&args.positional[1], "must be str")?.clone();
    let (start, end) = char_range(&text, &args, 2)?;
    if start > end {
        return Ok(Value::Int(0));
    }
    let hay = &text[byte_offset(&text, start)..byte_offset(&text, end)];
    let count = if needle.is_empty() {
        hay.chars().count() + 1
    } else {
        hay.matches(&*needle).count()
    };
    Ok(Value::Int(count as i64))
}

fn s_format(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let template = self_str(&args);
    let positional = &args.positional[1..];
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    let mut auto_index = 0usize;
    let mut used_auto = false;
    let mut used_manual = false;
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '}' => return Err(exc("ValueError", "Single '}' encountered in format string")),
            '{' => {
                let mut field = String::new();
                let mut depth = 1;
                loop {
                    match chars.next() {
                        None => return Err(exc("ValueError", "expected '}' before end of string")),
                        Some('{') => {
                            depth += 1;
                            field.push('{');
                        }
                        Some('}') => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                            field.push('}');
                        }
                        Some(other) => field.push(other),
                    }
                }
                let (name_part, spec) = match field.find(':') {
                    Some(i) => (field[..i].to_string(), field[i + 1..].to_string()),
                    None => (field.clone(), String::new()),
                };
                let (name_part, conversion) = match name_part.find('!') {
                    Some(i) => (
                        name_part[..i].to_string(),
                        name_part[i + 1..].chars().next(),
                    ),
                    None => (name_part, None),
                };
                let mut parts = name_part.splitn(2, ['.', '[']);
                let first = parts.next().unwrap_or("").to_string();
                let mut value = if first.is_empty() {
                    if used_manual {
                        return Err(exc("ValueError", "cannot switch from manual field specification to automatic field numbering"));
                    }
                    used_auto = true;
                    let value = positional.get(auto_index).cloned().ok_or_else(|| {
                        exc("IndexError", format!("Replacement index {auto_index} out of range for positional args tuple"))
                    })?;
                    auto_index += 1;
                    value
                } else if let Ok(index) = first.parse::<usize>() {
                    if used_auto {
                        return Err(exc("ValueError", "cannot switch from automatic field numbering to manual field specification"));
                    }
                    used_manual = true;
                    positional.get(index).cloned().ok_or_else(|| {
                        exc(
                            "IndexError",
                            format!(
                                "Replacement index {index} out of range for positional args tuple"
                            ),
                        )
                    })?
                } else {
                    keyword(&args, &first).ok_or_else(|| key_error(&Value::str(first.as_str())))?
                };
                // Attribute and index accessors.
                let rest = &name_part[first.len()..];
                let mut remaining = rest;
                while !remaining.is_empty() {
                    if let Some(after) = remaining.strip_prefix('.') {
                        let end = after.find(['.', '[']).unwrap_or(after.len());
                        value = vm.get_attr(&value, &Arc::from(&after[..end]))?;
                        remaining = &after[end..];
                    } else if let Some(after) = remaining.strip_prefix('[') {
                        let end = after
                            .find(']')
                            .ok_or_else(|| exc("ValueError", "Missing ']' in format string"))?;
                        let key_text = &after[..end];
                        let key = match key_text.parse::<i64>() {
                            Ok(i) => Value::Int(i),
                            Err(_) => Value::str(key_text),
                        };
                        value = ops::get_item(vm, &value, &key)?;
                        remaining = &after[end + 1..];
                    } else {
                        break;
                    }
                }
                // Nested fields inside the spec (`{:{width}}`) number after the field itself.
                let spec = if spec.contains('{') {
                    let nested = Args {
                        positional: std::iter::once(Value::str(spec.as_str()))
                            .chain(positional.iter().skip(auto_index).cloned())
                            .collect(),
                        keywords: args.keywords.clone(),
                    };
                    auto_index += spec.matches("{}").count();
                    match s_format(vm, nested)? {
                        Value::Str(s) => s.to_string(),
                        _ => spec,
                    }
                } else {
                    spec
                };
                let value = match conversion {
                    Some('r') | Some('a') => Value::str(vm.repr(&value)?),
                    Some('s') => Value::str(vm.to_str(&value)?),
                    None => value,
                    Some(other) => {
                        return Err(exc(
                            "ValueError",
                            format!("Unknown conversion specifier {other}"),
                        ))
                    }
                };
                out.push_str(&vm.format(&value, &spec)?);
            }
            other => out.push(other),
        }
    }
    Ok(Value::str(out))
}

fn s_predicate(args: &Args, check: fn(&str) -> bool) -> PyResult<Value> {
    let text = self_str(args);
    Ok(Value::Bool(!text.is_empty() && check(&text)))
}

fn s_isdigit(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    s_predicate(&args, |s| {
        s.chars().all(|c| c.is_ascii_digit() || c.is_ascii_digit())
    })
}

fn s_isnumeric(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    s_predicate(&args, |s| s.chars().all(char::is_numeric))
}

fn s_isalpha(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    s_predicate(&args, |s| s.chars().all(char::is_alphabetic))
}

fn s_isalnum(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    s_predicate(&args, |s| s.chars().all(char::is_alphanumeric))
}

fn s_isspace(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    s_predicate(&args, |s| s.chars().all(char::is_whitespace))
}

fn s_isupper(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    s_predicate(&args, |s| {
        s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)
    })
}

fn s_islower(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    s_predicate(&args, |s| {
        s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase)
    })
}

fn s_istitle(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    s_predicate(&args, |s| {
        let mut previous_cased = false;
        let mut any = false;
        for c in s.chars() {
            if c.is_uppercase() {
                if previous_cased {
                    return false;
                }
                previous_cased = true;
                any = true;
            } else if c.is_lowercase() {
                if !previous_cased {
                    return false;
                }
                previous_cased = true;
            } else {
                previous_cased = false;
            }
        }
        any
    })
}

fn s_isidentifier(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let text = self_str(&args);
    let mut chars = text.chars();
    Ok(Value::Bool(match chars.next() {
        Some(first) => {
            (first.is_alphabetic() || first == '_')
                && chars.all(|c| c.is_alphanumeric() || c == '_')
        }
        None => false,
    }))
}

fn pad(args: &Args, name: &str, align: char) -> PyResult<Value> {
    arity(args, name, 2, 3)?;
    let text = self_str(args);
    let width = index_arg(&args.positional[1])?.max(0) as usize;
    let fill = match args.positional.get(2) {
        Some(Value::Str(s)) if s.chars().count() == 1 => s.chars().next().unwrap_or(' '),
        Some(_) => {
            return Err(exc(
                "TypeError",
                "The fill character must be exactly one character long",
            ))
        }
        None => ' ',
    };
    let len = text.chars().count();
    if len >= width {
        return Ok(Value::Str(text));
    }
    let total = width - len;
    memory::check(
        total
            .saturating_mul(fill.len_utf8())
            .saturating_add(text.len()),
    )?;
    let (left, right) = match align {
        '<' => (0, total),
        '>' => (total, 0),
        // CPython's str.center puts the extra space on the right unless width is odd
        // and the string length even, in which case it goes left.
        _ => {
            let left = total / 2 + (total & width & 1);
            (left, total - left)
        }
    };
    let fill_str = |n: usize| std::iter::repeat_n(fill, n).collect::<String>();
    Ok(Value::str(format!(
        "{}{text}{}",
        fill_str(left),
        fill_str(right)
    )))
}

fn s_center(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    pad(&args, "center", '^')
}

fn s_ljust(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    pad(&args, "ljust", '<')
}

fn s_rjust(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    pad(&args, "rjust", '>')
}

fn s_zfill(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "zfill", 2, 2)?;
    let text = self_str(&args);
    let width = index_arg(&args.positional[1])?.max(0) as usize;
    let len = text.chars().count();
    if len >= width {
        return Ok(Value::Str(text));
    }
    memory::check(text.len().saturating_add(width - len))?;
    let zeros = "0".repeat(width - len);
    let (sign, rest) = match text.chars().next() {
        Some(c @ ('+' | '-')) => (c.to_string(), &text[1..]),
        _ => (String::new(), &text[..]),
    };
    Ok(Value::str(format!("{sign}{zeros}{rest}")))
}

fn s_splitlines(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let text = self_str(&args);
    check_split(&text, Some("\n"), -1)?;
    let keepends = matches!(
        args.positional
            .get(1)
            .or(keyword(&args, "keepends").as_ref()),
        Some(Value::Bool(true))
    );
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        ) {
            let mut ending = c.to_string();
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
                ending.push('\n');
            }
            if keepends {
                current.push_str(&ending);
            }
            lines.push(Value::str(std::mem::take(&mut current)));
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        lines.push(Value::str(current));
    }
    Ok(new_list(lines))
}

fn s_partition(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "partition", 2, 2)?;
    let text = self_str(&args);
    let sep = str_arg(&args.positional[1], "must be str")?;
    if sep.is_empty() {
        return Err(exc("ValueError", "empty separator"));
    }
    Ok(new_tuple(match text.find(&**sep) {
        Some(i) => vec![
            Value::str(&text[..i]),
            Value::Str(sep.clone()),
            Value::str(&text[i + sep.len()..]),
        ],
        None => vec![Value::Str(text.clone()), Value::str(""), Value::str("")],
    }))
}

fn s_rpartition(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "rpartition", 2, 2)?;
    let text = self_str(&args);
    let sep = str_arg(&args.positional[1], "must be str")?;
    if sep.is_empty() {
        return Err(exc("ValueError", "empty separator"));
    }
    Ok(new_tuple(match text.rfind(&**sep) {
        Some(i) => vec![
            Value::str(&text[..i]),
            Value::Str(sep.clone()),
            Value::str(&text[i + sep.len()..]),
        ],
        None => vec![Value::str(""), Value::str(""), Value::Str(text.clone())],
    }))
}

fn s_encode(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(exc(
        "NotImplementedError",
        "threadplay does not support bytes (str.encode)",
    ))
}

fn s_removeprefix(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "removeprefix", 2, 2)?;
    let text = self_str(&args);
    let prefix = str_arg(&args.positional[1], "removeprefix() argument")?;
    Ok(Value::str(text.strip_prefix(&**prefix).unwrap_or(&text)))
}

fn s_removesuffix(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "removesuffix", 2, 2)?;
    let text = self_str(&args);
    let suffix = str_arg(&args.positional[1], "removesuffix() argument")?;
    Ok(Value::str(text.strip_suffix(&**suffix).unwrap_or(&text)))
}

fn s_expandtabs(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let text = self_str(&args);
    let size = match args.positional.get(1) {
        Some(v) => index_arg(v)?.max(0) as usize,
        None => 8,
    };
    let mut out = String::new();
    let mut column = 0;
    for c in text.chars() {
        match c {
            '\t' => {
                if size > 0 {
                    let spaces = size - column % size;
                    memory::check(out.len().saturating_add(spaces))?;
                    out.push_str(&" ".repeat(spaces));
                    column += spaces;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                column = 0;
            }
            _ => {
                out.push(c);
                column += 1;
            }
        }
    }
    Ok(Value::str(out))
}

/// `fmt % args` for str.
pub fn percent_format(vm: &mut Vm, fmt: &str, args: &Value) -> PyResult<String> {
    super::modules::percent_format(vm, fmt, args)
}

// ---------------------------------------------------------------------- list methods

fn l_append(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "append", 2, 2)?;
    let items = self_list(&args)?;
    let mut items = lock(items);
    memory::check_push(&items)?;
    items.push(args.positional[1].clone());
    Ok(Value::None)
}

fn l_extend(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "extend", 2, 2)?;
    let extra = vm.collect(&args.positional[1])?;
    let mut items = lock(self_list(&args)?);
    memory::check_items(items.len() + extra.len(), std::mem::size_of::<Value>())?;
    items.extend(extra);
    Ok(Value::None)
}

fn l_insert(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "insert", 3, 3)?;
    let index = index_arg(&args.positional[1])?;
    let mut items = lock(self_list(&args)?);
    let len = items.len() as i64;
    let at = if index < 0 {
        (index + len).max(0)
    } else {
        index.min(len)
    };
    items.insert(at as usize, args.positional[2].clone());
    Ok(Value::None)
}

fn l_pop(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "pop", 1, 2)?;
    let mut items = lock(self_list(&args)?);
    if items.is_empty() {
        return Err(exc("IndexError", "pop from empty list"));
    }
    let index = match args.positional.get(1) {
        Some(v) => index_arg(v)?,
        None => -1,
    };
    let len = items.len() as i64;
    let at = if index < 0 { index + len } else { index };
    if at < 0 || at >= len {
        return Err(exc("IndexError", "pop index out of range"));
    }
    Ok(items.remove(at as usize))
}

fn l_remove(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "remove", 2, 2)?;
    let list = self_list(&args)?;
    let snapshot = lock(list).clone();
    for (index, item) in snapshot.iter().enumerate() {
        if item.is(&args.positional[1]) || ops::equal(vm, item, &args.positional[1])? {
            let mut items = lock(list);
            if index < items.len() {
                items.remove(index);
            }
            return Ok(Value::None);
        }
    }
    Err(exc("ValueError", "list.remove(x): x not in list"))
}

fn seq_items(value: &Value) -> Vec<Value> {
    match value.payload() {
        Some(Payload::List(items)) => lock(items).clone(),
        Some(Payload::Tuple(items)) => items.clone(),
        _ => Vec::new(),
    }
}

fn l_index(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "index", 2, 4)?;
    let items = seq_items(&args.positional[0]);
    let len = items.len() as i64;
    let bound = |v: Option<&Value>, default: i64| -> PyResult<i64> {
        Ok(match v {
            Some(v) => {
                let i = index_arg(v)?;
                if i < 0 {
                    (i + len).max(0)
                } else {
                    i.min(len)
                }
            }
            None => default,
        })
    };
    let start = bound(args.positional.get(2), 0)?;
    let end = bound(args.positional.get(3), len)?;
    for index in start..end {
        let item = &items[index as usize];
        if item.is(&args.positional[1]) || ops::equal(vm, item, &args.positional[1])? {
            return Ok(Value::Int(index));
        }
    }
    let kind = type_name(&args.positional[0]);
    if kind == "list" {
        let shown = vm.repr(&args.positional[1])?;
        Err(exc("ValueError", format!("{shown} is not in list")))
    } else {
        Err(exc("ValueError", "tuple.index(x): x not in tuple"))
    }
}

fn l_count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "count", 2, 2)?;
    let items = seq_items(&args.positional[0]);
    let mut count = 0;
    for item in &items {
        if item.is(&args.positional[1]) || ops::equal(vm, item, &args.positional[1])? {
            count += 1;
        }
    }
    Ok(Value::Int(count))
}

fn l_sort(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "sort", 1, 1)?;
    only_keywords(&args, "sort", &["key", "reverse"])?;
    let list = self_list(&args)?;
    let items = std::mem::take(&mut *lock(list));
    let key = keyword(&args, "key").filter(|k| !k.is_none());
    let reverse = match keyword(&args, "reverse") {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    match sort_values(vm, items.clone(), key, reverse) {
        Ok(sorted) => {
            *lock(list) = sorted;
            Ok(Value::None)
        }
        Err(error) => {
            *lock(list) = items;
            Err(error)
        }
    }
}

fn l_reverse(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    lock(self_list(&args)?).reverse();
    Ok(Value::None)
}

fn l_clear(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    lock(self_list(&args)?).clear();
    Ok(Value::None)
}

fn l_copy(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(new_list(lock(self_list(&args)?).clone()))
}

// ---------------------------------------------------------------------- dict methods

fn d_get(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "get", 2, 3)?;
    let key = vm.key_in(&args.positional[0], args.positional[1].clone())?;
    let found = lock(self_dict(&args)?).get(&key).cloned();
    Ok(found.unwrap_or_else(|| args.positional.get(2).cloned().unwrap_or(Value::None)))
}

fn view(args: &Args, kind: DictViewKind) -> PyResult<Value> {
    self_dict(args)?;
    Ok(Value::obj(Payload::DictView(
        kind,
        args.positional[0].clone(),
    )))
}

fn d_keys(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    view(&args, DictViewKind::Keys)
}

fn d_values(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    view(&args, DictViewKind::Values)
}

fn d_items(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    view(&args, DictViewKind::Items)
}

/// The items a dict view shows now.
pub fn view_items(kind: DictViewKind, dict: &Value) -> Vec<Value> {
    let Some(Payload::Dict(dict)) = dict.payload() else {
        return Vec::new();
    };
    let dict = lock(dict);
    match kind {
        DictViewKind::Keys => dict.keys().map(|k| k.value.clone()).collect(),
        DictViewKind::Values => dict.values().cloned().collect(),
        DictViewKind::Items => dict
            .iter()
            .map(|(k, v)| new_tuple(vec![k.value.clone(), v.clone()]))
            .collect(),
    }
}

fn d_pop(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "pop", 2, 3)?;
    let key = vm.key_in(&args.positional[0], args.positional[1].clone())?;
    let removed = lock(self_dict(&args)?).shift_remove(&key);
    match (removed, args.positional.get(2)) {
        (Some(value), _) => Ok(value),
        (None, Some(default)) => Ok(default.clone()),
        (None, None) => Err(key_error(&args.positional[1])),
    }
}

fn d_popitem(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    match lock(self_dict(&args)?).pop() {
        Some((key, value)) => Ok(new_tuple(vec![key.value, value])),
        None => Err(PyErr(new_exception(
            &types::exception_class("KeyError"),
            vec![Value::str("popitem(): dictionary is empty")],
        ))),
    }
}

fn d_setdefault(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "setdefault", 2, 3)?;
    let key = vm.key_in(&args.positional[0], args.positional[1].clone())?;
    let default = args.positional.get(2).cloned().unwrap_or(Value::None);
    Ok(lock(self_dict(&args)?)
        .entry(key)
        .or_insert(default)
        .clone())
}

fn d_update(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "update", 1, 2)?;
    let mut additions = Dict::new();
    if let Some(source) = args.positional.get(1) {
        fill_dict(vm, &mut additions, source)?;
    }
    for (key, value) in &args.keywords {
        additions.insert(
            Key {
                hash: ops::hash_str(key),
                value: Value::Str(key.clone()),
            },
            value.clone(),
        );
    }
    let mut dict = lock(self_dict(&args)?);
    for (key, value) in additions {
        dict.insert(key, value);
    }
    Ok(Value::None)
}

fn d_clear(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    lock(self_dict(&args)?).clear();
    Ok(Value::None)
}

fn d_copy(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::obj(Payload::Dict(Mutex::new(
        lock(self_dict(&args)?).clone(),
    ))))
}

fn d_fromkeys(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "fromkeys", 2, 3)?;
    let value = args.positional.get(2).cloned().unwrap_or(Value::None);
    let mut dict = Dict::new();
    let keys = vm.collect(&args.positional[1])?;
    memory::check_items(keys.len(), memory::HASHED_ENTRY_BYTES)?;
    for key in keys {
        dict.insert(vm.key(key)?, value.clone());
    }
    Ok(Value::obj(Payload::Dict(Mutex::new(dict))))
}

// ---------------------------------------------------------------------- set methods

fn set_add(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "add", 2, 2)?;
    let key = vm.key_in(&args.positional[0], args.positional[1].clone())?;
    lock(self_set(&args)?).insert(key);
    Ok(Value::None)
}

fn set_discard(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "discard", 2, 2)?;
    let key = vm.key_in(&args.positional[0], args.positional[1].clone())?;
    lock(self_set(&args)?).shift_remove(&key);
    Ok(Value::None)
}

fn set_remove(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "remove", 2, 2)?;
    let key = vm.key_in(&args.positional[0], args.positional[1].clone())?;
    if !lock(self_set(&args)?).shift_remove(&key) {
        return Err(key_error(&args.positional[1]));
    }
    Ok(Value::None)
}

fn set_pop(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut set = lock(self_set(&args)?);
    if set.is_empty() {
        return Err(PyErr(new_exception(
            &types::exception_class("KeyError"),
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
pub fn set_from_iterable(vm: &mut Vm, iterable: &Value) -> PyResult<Set> {
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

// ---------------------------------------------------------------------- numbers

fn r_position(args: &Args) -> Option<i64> {
    let Some(Payload::Range(range)) = args.positional.first().and_then(|r| r.payload()) else {
        return None;
    };
    let value = match args.positional.get(1)? {
        Value::Int(i) => *i,
        Value::Bool(b) => i64::from(*b),
        _ => return None,
    };
    let offset = value - range.start;
    (offset % range.step == 0 && (0..range.len()).contains(&(offset / range.step)))
        .then_some(offset / range.step)
}

fn r_index(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "index", 2, 2)?;
    match r_position(&args) {
        Some(position) => Ok(Value::Int(position)),
        None => {
            let shown = vm.repr(&args.positional[1])?;
            Err(exc("ValueError", format!("{shown} is not in range")))
        }
    }
}

fn r_count(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "count", 2, 2)?;
    Ok(Value::Int(i64::from(r_position(&args).is_some())))
}

fn i_bit_length(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let value = as_int_like(&args.positional[0]).unwrap_or_default();
    Ok(Value::Int(value.bits() as i64))
}

fn i_conjugate(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(args.positional[0].clone())
}

fn f_is_integer(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(
        matches!(args.positional[0], Value::Float(x) if x.is_finite() && x.fract() == 0.0),
    ))
}
