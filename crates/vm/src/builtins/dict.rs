//! `dict`: its constructor (from a mapping, pairs and keywords), its methods, and the
//! items its views show. Hashing and key equality may run Python code, so no dict lock is
//! ever held across one.

use super::args::{arity, self_dict};
use super::{builtin, key_error, new_tuple};
use crate::interp::{exc, new_exception, Vm};
use crate::memory;
use crate::ops;
use crate::types::ExcType;
use crate::types::{self, MethodTables, Types};
use crate::value::Mutex;
use crate::value::*;
use crate::{PyErr, PyResult};

/// `dict()`, `dict(mapping_or_pairs)`, with `**keywords` added after.
pub(super) fn construct_dict(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let pos = &args.positional;
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
    Ok(Value::obj(Payload::Dict(Mutex::new(dict))))
}

fn fill_dict(vm: &mut Vm, dict: &mut Dict, source: &Value) -> PyResult<()> {
    // A dict's entries (its own, even for a subclass, as `mapping_items` takes them)
    // copied table and all: the same keys in the same order, without rehashing.
    if let Some(Payload::Dict(from)) = source.payload() {
        if dict.is_empty() {
            *dict = lock(from).clone();
            return Ok(());
        }
    }
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
                ExcType::TypeError,
                format!("cannot convert dictionary update sequence element #{index} to a sequence"),
            )
        })?;
        if items.len() != 2 {
            return Err(exc(
                ExcType::ValueError,
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

fn d_get(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "get", 2, 3)?;
    let key = vm.probe(&args.positional[0], &args.positional[1])?;
    let found = lock(self_dict(&args)?)
        .get_by(key.hash(), key.value())
        .cloned();
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
pub(crate) fn view_items(kind: DictViewKind, dict: &Value) -> Vec<Value> {
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
    let key = vm.probe(&args.positional[0], &args.positional[1])?;
    let removed = lock(self_dict(&args)?)
        .shift_remove_by(key.hash(), key.value())
        .map(|(_, v)| v);
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
            &types::exception_class(ExcType::KeyError),
            vec![Value::str("popitem(): dictionary is empty")],
        ))),
    }
}

fn d_setdefault(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "setdefault", 2, 3)?;
    let key = vm.probe(&args.positional[0], &args.positional[1])?;
    let mut dict = lock(self_dict(&args)?);
    if let Some(value) = dict.get_by(key.hash(), key.value()) {
        return Ok(value.clone());
    }
    let default = args.positional.get(2).cloned().unwrap_or(Value::None);
    dict.insert(key.into_key(), default.clone());
    Ok(default)
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
    // A classmethod: the class comes first, and CPython's count leaves it out.
    let given = args.positional.len().saturating_sub(1);
    if !(1..=2).contains(&given) {
        let message = if given == 0 {
            "fromkeys expected at least 1 argument, got 0".to_string()
        } else {
            format!("fromkeys expected at most 2 arguments, got {given}")
        };
        return Err(exc(ExcType::TypeError, message));
    }
    let value = args.positional.get(2).cloned().unwrap_or(Value::None);
    let mut dict = Dict::new();
    let keys = vm.collect(&args.positional[1])?;
    memory::check_items(keys.len(), memory::HASHED_ENTRY_BYTES)?;
    for key in keys {
        dict.insert(vm.key(key)?, value.clone());
    }
    Ok(Value::obj(Payload::Dict(Mutex::new(dict))))
}

/// Adds the methods of `dict` (`fromkeys` as a classmethod).
pub(super) fn install(t: &Types, methods: &mut MethodTables) {
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
        methods.add_method(&t.dict, name, *func);
    }
    methods.add(
        &t.dict,
        "fromkeys",
        Value::obj(Payload::ClassMethod(builtin("fromkeys", d_fromkeys))),
    );
}
