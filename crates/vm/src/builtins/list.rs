//! The methods of `list` (and `tuple.index`/`tuple.count`, which share them); the sort
//! itself is in `sort`. Comparisons may run Python code, so no list lock is ever held
//! across one.

use super::args::{arity, index_arg, keyword, only_keywords, self_list};
use super::new_list;
use crate::interp::{exc, Vm};
use crate::memory;
use crate::ops;
use crate::types::ExcType;
use crate::types::{type_name, MethodTables, Types};
use crate::value::*;
use crate::PyResult;

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
        return Err(exc(ExcType::IndexError, "pop from empty list"));
    }
    let index = match args.positional.get(1) {
        Some(v) => index_arg(v)?,
        None => -1,
    };
    let len = items.len() as i64;
    let at = if index < 0 { index + len } else { index };
    if at < 0 || at >= len {
        return Err(exc(ExcType::IndexError, "pop index out of range"));
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
    Err(exc(ExcType::ValueError, "list.remove(x): x not in list"))
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
        Err(exc(ExcType::ValueError, format!("{shown} is not in list")))
    } else {
        Err(exc(ExcType::ValueError, "tuple.index(x): x not in tuple"))
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
    let mut items = std::mem::take(&mut *lock(list));
    let key = keyword(&args, "key").filter(|k| !k.is_none());
    let reverse = match keyword(&args, "reverse") {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    // The list looks empty while it is sorted (as in CPython); on error it gets its
    // items back in their first order.
    let sorted = super::sort::sort_values(vm, &mut items, key, reverse);
    *lock(list) = items;
    sorted.map(|()| Value::None)
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

/// Adds the methods of `list` and `tuple`.
pub(super) fn install(t: &Types, methods: &mut MethodTables) {
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
        methods.add_method(&t.list, name, *func);
    }
    methods.add_method(&t.tuple, "index", l_index);
    methods.add_method(&t.tuple, "count", l_count);
}
