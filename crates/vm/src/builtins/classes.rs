//! Class machinery: `class` statements (`__build_class__`), `type(x)` and
//! `type(name, bases, ns)`, `object()` and the methods of `object`, `super()` and
//! attribute lookup through it, `property` (with `setter`/`getter`), `staticmethod` and
//! `classmethod`. Subclassing a built-in type other than `object` and the exceptions is
//! refused here; it must never be allowed silently.

use super::args::{arity, keyword, str_arg};
use crate::interp::{exc, Vm};
use crate::types::ExcType;
use crate::types::{self, class_of, type_name, type_of, types, MethodTables, Types};
use crate::code::Name;
use crate::value::*;
use crate::PyResult;
use std::sync::{Arc, Mutex};

/// `type(x)` (the type of `x`) and `type(name, bases, namespace)` (a new class).
pub(super) fn construct_type(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let pos = &args.positional;
    Ok(match pos.len() {
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
        _ => return Err(exc(ExcType::TypeError, "type() takes 1 or 3 arguments")),
    })
}

/// `object()`: a bare instance of `object` (`class` is `object` itself).
pub(super) fn construct_object(class: &Arc<Obj>, args: &Args) -> PyResult<Value> {
    let pos = &args.positional;
    if !pos.is_empty() {
        return Err(exc(ExcType::TypeError, "object() takes no arguments"));
    }
    Ok(Value::obj(Payload::Instance(Instance {
        class: class.clone(),
        dict: Mutex::new(AttrMap::new()),
        exception: None,
    })))
}

/// `property(fget, fset)` (positionally or by keyword).
pub(super) fn construct_property(args: &Args) -> Value {
    let pos = &args.positional;
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
}

pub(super) fn b_build_class(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.positional.len() < 2 {
        return Err(exc(
            ExcType::TypeError,
            "__build_class__: not enough arguments",
        ));
    }
    let body = args.positional[0].clone();
    let name = str_arg(&args.positional[1], "__build_class__: name")?.clone();
    let mut bases = Vec::new();
    for base in &args.positional[2..] {
        match base.as_obj() {
            Some(obj) if matches!(obj.payload, Payload::Class(_)) => bases.push(obj.clone()),
            _ => {
                return Err(exc(
                    ExcType::TypeError,
                    format!("bases must be types, not {}", type_name(base)),
                ))
            }
        }
    }
    if let Some((key, _)) = args.keywords.first() {
        return Err(exc(
            ExcType::NotImplementedError,
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
    let bases = if bases.is_empty() {
        vec![types().object.clone()]
    } else {
        bases
    };
    let t = types();
    for base in &bases {
        let allowed = Arc::ptr_eq(base, &t.object)
            || !class_of(base).is_some_and(|c| c.is_builtin())
            || types::is_exception_class(base)
            || types::is_data_type(base);
        if allowed {
            continue;
        }
        // CPython's final types.
        let is = |other: &Arc<Obj>| Arc::ptr_eq(base, other);
        if is(&t.bool_)
            || is(&t.range)
            || is(&t.slice)
            || is(&t.function)
            || is(&t.builtin)
            || is(&t.method)
            || is(&t.none)
        {
            return Err(exc(
                ExcType::TypeError,
                format!(
                    "type '{}' is not an acceptable base type",
                    types::class_name(base)
                ),
            ));
        }
        return Err(exc(
            ExcType::NotImplementedError,
            format!(
                "threadplay does not support subclassing the built-in type '{}'",
                types::class_name(base)
            ),
        ));
    }
    // Two different built-in layouts (list and dict, an exception and a dict) cannot
    // share one instance.
    let layouts: Vec<Arc<Obj>> = bases
        .iter()
        .filter_map(|base| {
            if types::is_exception_class(base) {
                Some(types().exception(ExcType::BaseException).clone())
            } else {
                types::data_base(std::slice::from_ref(base))
            }
        })
        .collect();
    if layouts.windows(2).any(|w| !Arc::ptr_eq(&w[0], &w[1])) {
        return Err(exc(
            ExcType::TypeError,
            "multiple bases have instance lay-out conflict",
        ));
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
    let descriptors: Vec<(Name, Value)> = namespace
        .iter()
        .filter(|(_, v)| matches!(v.payload(), Some(Payload::Instance(_))))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let class = types::new_class(name, bases, namespace, &module, false)
        .map_err(|m| exc(ExcType::TypeError, m))?;
    let class = Value::Obj(class);
    // `__set_name__` tells each attribute that wants to know its owner and name, in
    // definition order, as `type.__new__` does.
    for (attr_name, value) in descriptors {
        let set_name = match value.payload() {
            Some(Payload::Instance(instance)) => {
                types::lookup_in_class(&instance.class, "__set_name__")
            }
            _ => None,
        };
        if let Some(set_name) = set_name {
            vm.call(
                set_name,
                Args::new(vec![value, class.clone(), Value::Str(attr_name)]),
            )?;
        }
    }
    Ok(class)
}

/// `object.__delattr__(self, name)`: removes an instance attribute.
fn m_object_delattr(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "__delattr__", 2, 2)?;
    let name = str_arg(&args.positional[1], "attribute name")?.clone();
    if let Some(Payload::Instance(instance)) = args.positional[0].payload() {
        if lock(&instance.dict).shift_remove(&name).is_some() {
            return Ok(Value::None);
        }
    }
    if let Some(ext) = args.positional[0].as_obj().and_then(|o| o.ext.as_ref()) {
        if lock(&ext.dict).shift_remove(&name).is_some() {
            return Ok(Value::None);
        }
    }
    Err(exc(
        ExcType::AttributeError,
        format!(
            "'{}' object has no attribute '{name}'",
            type_name(&args.positional[0])
        ),
    ))
}

fn m_object_init(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::None)
}

/// `object.__new__(cls)`: a bare instance of a Python class (for a class's own
/// `__new__` to build on).
fn m_object_new(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let not_a_type = |value: Option<&Value>| {
        let kind = value.map_or_else(|| "nothing".to_string(), type_name);
        exc(
            ExcType::TypeError,
            format!("object.__new__(X): X is not a type object ({kind})"),
        )
    };
    let Some(Value::Obj(class)) = args.positional.first() else {
        return Err(not_a_type(args.positional.first()));
    };
    if crate::types::class_of(class).is_none() {
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
        if instance.takes_attributes() {
            lock(&instance.dict).insert(name, args.positional[2].clone());
            return Ok(Value::None);
        }
    }
    if let Some(ext) = args.positional[0].as_obj().and_then(|o| o.ext.as_ref()) {
        lock(&ext.dict).insert(name, args.positional[2].clone());
        return Ok(Value::None);
    }
    vm.set_attr(&args.positional[0], &name, args.positional[2].clone())?;
    Ok(Value::None)
}

pub(super) fn b_super(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (class, object) = match args.positional.as_slice() {
        [class, object] => (class.clone(), object.clone()),
        [] => {
            let frame = vm
                .caller_frame()
                .ok_or_else(|| exc(ExcType::RuntimeError, "super(): no arguments"))?;
            let object = frame
                .fast
                .first()
                .cloned()
                .flatten()
                .ok_or_else(|| exc(ExcType::RuntimeError, "super(): no arguments"))?;
            let code = &frame.code;
            let position = code
                .cellvars
                .iter()
                .chain(code.freevars.iter())
                .position(|n| &**n == "__class__")
                .ok_or_else(|| exc(ExcType::RuntimeError, "super(): __class__ cell not found"))?;
            let class = match frame.cells.get(position).and_then(|c| c.payload()) {
                Some(Payload::Cell(content)) => lock(content).clone(),
                _ => None,
            }
            .ok_or_else(|| exc(ExcType::RuntimeError, "super(): empty __class__ cell"))?;
            (class, object)
        }
        _ => return Err(exc(ExcType::TypeError, "super() takes 0 or 2 arguments")),
    };
    let Some(class) = class.as_obj().cloned() else {
        return Err(exc(ExcType::TypeError, "super() argument 1 must be a type"));
    };
    Ok(Value::obj(Payload::Super(class, object)))
}

/// Attribute lookup through `super()`: the MRO of the object's type after `class`.
pub(super) fn super_attribute(
    vm: &mut Vm,
    class: &Arc<Obj>,
    object: &Value,
    name: &str,
) -> PyResult<Value> {
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
            let found = c.dict.get(name);
            if let Some(found) = found {
                // `__new__` is a static method: `super().__new__(cls, ...)`.
                if name == "__new__" {
                    return Ok(found);
                }
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
        ExcType::AttributeError,
        format!("'super' object has no attribute '{name}'"),
    ))
}

fn p_setter(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "setter", 2, 2)?;
    match args.positional[0].payload() {
        Some(Payload::Property(getter, _)) => Ok(Value::obj(Payload::Property(
            getter.clone(),
            args.positional[1].clone(),
        ))),
        _ => Err(exc(ExcType::TypeError, "setter requires a property")),
    }
}

fn p_getter(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "getter", 2, 2)?;
    match args.positional[0].payload() {
        Some(Payload::Property(_, setter)) => Ok(Value::obj(Payload::Property(
            args.positional[1].clone(),
            setter.clone(),
        ))),
        _ => Err(exc(ExcType::TypeError, "getter requires a property")),
    }
}

/// Adds the methods of `object` and `property`.
pub(super) fn install(t: &Types, methods: &mut MethodTables) {
    methods.add_method(&t.object, "__init__", m_object_init);
    methods.add_method(&t.object, "__setattr__", m_object_setattr);
    methods.add_method(&t.object, "__new__", m_object_new);
    methods.add_method(&t.object, "__delattr__", m_object_delattr);
    for data in [&t.list, &t.dict, &t.set, &t.frozenset, &t.tuple, &t.int, &t.float, &t.str_] {
        methods.add_method(data, "__new__", m_data_new);
    }
    for data in [&t.list, &t.dict, &t.set] {
        methods.add_method(data, "__init__", m_data_init);
    }
    methods.add_method(&t.property, "setter", p_setter);
    methods.add_method(&t.property, "getter", p_getter);
}

/// `list.__new__(cls, ...)`, `tuple.__new__(cls, iterable)`, ...: an instance of `cls`,
/// a subclass of a built-in data type, carrying that type's payload. Immutable types
/// take their value from the arguments here; mutable ones start empty and are filled
/// by their `__init__`.
pub(crate) fn m_data_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(Value::Obj(class)) = args.positional.first().cloned() else {
        return Err(exc(ExcType::TypeError, "__new__(X): X is not a type object"));
    };
    let Some(base) = types::data_base(std::slice::from_ref(&class)) else {
        return Err(exc(
            ExcType::TypeError,
            format!(
                "__new__(X): X is not a subtype of a built-in type ({})",
                types::class_name(&class)
            ),
        ));
    };
    let t = types();
    let mutable = [&t.list, &t.dict, &t.set]
        .into_iter()
        .any(|m| Arc::ptr_eq(m, &base));
    let rest = Args {
        positional: args.positional[1..].to_vec(),
        keywords: args.keywords.clone(),
    };
    let empty = Args::default();
    let made = super::construct_builtin(vm, &base, if mutable { &empty } else { &rest })?
        .ok_or_else(|| exc(ExcType::TypeError, "cannot create instance"))?;
    if Arc::ptr_eq(&class, &base) {
        return Ok(made);
    }
    Ok(with_class(&made, class))
}

/// A copy of a built-in value as an instance of `class` (a subclass of its type).
pub(crate) fn with_class(value: &Value, class: Arc<Obj>) -> Value {
    let payload = match value.payload() {
        Some(Payload::Tuple(items)) => Payload::Tuple(items.clone()),
        Some(Payload::List(items)) => Payload::List(Mutex::new(lock(items).clone())),
        Some(Payload::Dict(dict)) => Payload::Dict(Mutex::new(lock(dict).clone())),
        Some(Payload::Set(set)) => Payload::Set(Mutex::new(lock(set).clone())),
        Some(Payload::FrozenSet(set)) => Payload::FrozenSet(set.clone()),
        _ => Payload::Scalar(value.clone()),
    };
    Value::obj_of_class(payload, class)
}

/// `list.__init__(self, iterable=())`, `dict.__init__(self, ...)`, `set.__init__`:
/// replaces the contents of `self` with what the built-in constructor would make.
pub(crate) fn m_data_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(target) = args.positional.first().cloned() else {
        return Err(exc(ExcType::TypeError, "__init__ needs an argument"));
    };
    let rest = Args {
        positional: args.positional[1..].to_vec(),
        keywords: args.keywords.clone(),
    };
    let t = types();
    let base = match target.payload() {
        Some(Payload::List(_)) => t.list.clone(),
        Some(Payload::Dict(_)) => t.dict.clone(),
        Some(Payload::Set(_)) => t.set.clone(),
        _ => return Ok(Value::None),
    };
    let made = super::construct_builtin(vm, &base, &rest)?.unwrap_or(Value::None);
    match (target.payload(), made.payload()) {
        (Some(Payload::List(items)), Some(Payload::List(new))) => {
            let new = lock(new).clone();
            *lock(items) = new;
        }
        (Some(Payload::Dict(dict)), Some(Payload::Dict(new))) => {
            let new = lock(new).clone();
            *lock(dict) = new;
        }
        (Some(Payload::Set(set)), Some(Payload::Set(new))) => {
            let new = lock(new).clone();
            *lock(set) = new;
        }
        _ => {}
    }
    Ok(Value::None)
}
