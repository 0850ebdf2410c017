//! Class machinery: `class` statements (`__build_class__`: metaclass choice,
//! `__prepare__`, class keywords), `type(x)` and `type(name, bases, ns)`, what
//! `type.__new__` does (`__set_name__`, `__init_subclass__`, implicit class methods),
//! the methods of `object` and `type`, `super()` and attribute lookup through it,
//! `property` (with `setter`/`getter`), `staticmethod` and `classmethod`, and the
//! `__new__`/`__init__` of the built-in data types a program may subclass (list, dict,
//! set, frozenset, tuple, int, float, str). Subclassing any other built-in type is
//! refused here with an error naming it; it must never be allowed silently.

use super::args::{arity, keyword, str_arg};
use crate::code::Name;
use crate::interp::{exc, Vm};
use crate::types::ExcType;
use crate::types::{self, class_of, type_name, type_of, types, MethodTables, Types};
use crate::value::Mutex;
use crate::value::*;
use crate::PyResult;
use std::sync::Arc;

/// `type(x)` (the type of `x`) and `type(name, bases, namespace)` (a new class).
pub(super) fn construct_type(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let pos = &args.positional;
    Ok(match pos.len() {
        1 => Value::Obj(type_of(&pos[0])),
        3 => {
            let name = str_arg(&pos[0], "type.__new__() argument 1")?.clone();
            let bases: Vec<Arc<Obj>> = match pos[1].payload() {
                Some(Payload::Tuple(items)) => {
                    items.iter().filter_map(|b| b.as_obj().cloned()).collect()
                }
                _ => Vec::new(),
            };
            // The bases' metaclass makes the class when it is not `type`.
            let winner = winning_metaclass(None, &bases)?;
            if !Arc::ptr_eq(&winner, &types().type_) {
                return vm.instantiate_plain(winner, args.clone());
            }
            let mut namespace = AttrMap::default();
            for (key, value) in vm.mapping_items(&pos[2])? {
                if let Value::Str(k) = key.value {
                    namespace.insert(k, value);
                }
            }
            make_class(vm, &name, bases, namespace, None, Vec::new())?
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
        dict: Mutex::new(AttrMap::default()),
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
    let mut explicit = None;
    let mut keywords = Vec::new();
    for (key, value) in &args.keywords {
        if &**key == "metaclass" {
            explicit = Some(value.clone());
        } else {
            keywords.push((key.clone(), value.clone()));
        }
    }
    // `metaclass=` may be any callable; a class competes with the bases' metaclasses.
    let metaclass = match explicit {
        Some(meta) if !meta.is_class() => Err(meta),
        Some(Value::Obj(meta)) => Ok(winning_metaclass(Some(meta), &bases)?),
        _ => Ok(winning_metaclass(None, &bases)?),
    };
    let bases_tuple = || super::new_tuple(bases.iter().cloned().map(Value::Obj).collect());
    let namespace = Arc::new(Mutex::new(AttrMap::default()));
    if let Ok(meta) = &metaclass {
        // `__prepare__`: the mapping it returns seeds the namespace; the body then
        // writes to a plain namespace (a custom mapping's `__setitem__` is not called).
        if let Some(prepare) = types::lookup_in_class(meta, "__prepare__") {
            let prepare = match prepare.payload() {
                Some(Payload::ClassMethod(inner)) => Value::obj(Payload::BoundMethod(
                    Value::Obj(meta.clone()),
                    inner.clone(),
                )),
                Some(Payload::StaticMethod(inner)) => inner.clone(),
                _ => prepare,
            };
            let seed = vm.call(
                prepare,
                Args {
                    positional: [Value::Str(name.clone()), bases_tuple()]
                        .into_iter()
                        .collect(),
                    keywords: keywords.clone(),
                },
            )?;
            for (key, value) in vm.mapping_items(&seed)? {
                if let Value::Str(k) = key.value {
                    lock(&namespace).insert(k, value);
                }
            }
        }
    }
    let cell = vm.run_class_body(&body, namespace.clone())?;
    let namespace = lock(&namespace).clone();
    let class = match metaclass {
        Ok(meta) if Arc::ptr_eq(&meta, &types().type_) => {
            make_class(vm, &name, bases, namespace, None, keywords)?
        }
        Ok(meta) => call_metaclass(
            vm,
            Value::Obj(meta),
            &name,
            bases_tuple(),
            namespace,
            keywords,
        )?,
        Err(callable) => call_metaclass(vm, callable, &name, bases_tuple(), namespace, keywords)?,
    };
    if let Some(Payload::Cell(content)) = cell.payload() {
        *lock(content) = Some(class.clone());
    }
    Ok(class)
}

/// `metaclass(name, bases, namespace, **keywords)`.
fn call_metaclass(
    vm: &mut Vm,
    metaclass: Value,
    name: &Name,
    bases: Value,
    namespace: AttrMap,
    keywords: Vec<(Name, Value)>,
) -> PyResult<Value> {
    let namespace = super::attributes::dict_from_attrs(&namespace);
    vm.call(
        metaclass,
        Args {
            positional: [Value::Str(name.clone()), bases, namespace]
                .into_iter()
                .collect(),
            keywords,
        },
    )
}

/// The most derived of the explicit metaclass and the bases' metaclasses, as CPython's
/// `_PyType_CalculateMetaclass`.
fn winning_metaclass(explicit: Option<Arc<Obj>>, bases: &[Arc<Obj>]) -> PyResult<Arc<Obj>> {
    let mut winner = explicit.unwrap_or_else(|| types().type_.clone());
    for base in bases {
        let base_meta = types::type_of(&Value::Obj(base.clone()));
        if types::is_subclass(&winner, &base_meta) {
            continue;
        }
        if types::is_subclass(&base_meta, &winner) {
            winner = base_meta;
            continue;
        }
        return Err(exc(
            ExcType::TypeError,
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) \
             subclass of the metaclasses of all its bases",
        ));
    }
    Ok(winner)
}

fn make_class(
    vm: &mut Vm,
    name: &str,
    bases: Vec<Arc<Obj>>,
    namespace: AttrMap,
    metaclass: Option<Arc<Obj>>,
    keywords: Vec<(Name, Value)>,
) -> PyResult<Value> {
    let bases = if bases.is_empty() {
        vec![types().object.clone()]
    } else {
        bases
    };
    let t = types();
    for base in &bases {
        let allowed = Arc::ptr_eq(base, &t.object)
            || Arc::ptr_eq(base, &t.type_)
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
    // `__doc__` is never inherited: a class without a docstring has None.
    if !namespace.contains_key("__doc__") {
        namespace.insert("__doc__".into(), Value::None);
    }
    // Implicit class methods, as `type.__new__` makes them.
    for implicit in ["__init_subclass__", "__class_getitem__"] {
        if let Some(function) = namespace.get_mut(implicit) {
            if matches!(function.payload(), Some(Payload::Function(_))) {
                *function = Value::obj(Payload::ClassMethod(function.clone()));
            }
        }
    }
    let descriptors: Vec<(Name, Value)> = namespace
        .iter()
        .filter(|(_, v)| matches!(v.payload(), Some(Payload::Instance(_))))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let class = types::new_class_with_metaclass(name, bases, namespace, &module, metaclass)
        .map_err(|m| exc(ExcType::TypeError, m))?;
    let class_obj = class.clone();
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
                Args::new(smallvec::smallvec![
                    value,
                    class.clone(),
                    Value::Str(attr_name)
                ]),
            )?;
        }
    }
    // `super(cls, cls).__init_subclass__(**keywords)`.
    let init_subclass = super_attribute(vm, &class_obj, &class, "__init_subclass__")?;
    vm.call(
        init_subclass,
        Args {
            positional: Positional::new(),
            keywords,
        },
    )?;
    Ok(class)
}

/// `object.__init_subclass__(cls)`: takes no keyword arguments.
fn m_object_init_subclass(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    if !args.keywords.is_empty() {
        let name = args
            .positional
            .first()
            .and_then(|c| c.as_obj())
            .map(types::class_qualname)
            .unwrap_or_else(|| "object".into());
        return Err(exc(
            ExcType::TypeError,
            format!("{name}.__init_subclass__() takes no keyword arguments"),
        ));
    }
    Ok(Value::None)
}

/// `type.__new__(mcls, name, bases, namespace, **keywords)`: a class whose type is
/// `mcls`.
fn m_type_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = &args.positional;
    if pos.len() == 2 {
        return Ok(Value::Obj(type_of(&pos[1])));
    }
    if pos.len() != 4 {
        return Err(exc(
            ExcType::TypeError,
            "type.__new__() takes exactly 3 arguments",
        ));
    }
    let Some(Value::Obj(metaclass)) = pos.first().cloned() else {
        return Err(exc(
            ExcType::TypeError,
            "type.__new__(X): X is not a type object",
        ));
    };
    let name = str_arg(&pos[1], "type.__new__() argument 1")?.clone();
    let bases: Vec<Arc<Obj>> = match pos[2].payload() {
        Some(Payload::Tuple(items)) => items.iter().filter_map(|b| b.as_obj().cloned()).collect(),
        _ => {
            return Err(exc(
                ExcType::TypeError,
                format!(
                    "type.__new__() argument 2 must be tuple, not {}",
                    type_name(&pos[2])
                ),
            ))
        }
    };
    let mut namespace = AttrMap::default();
    for (key, value) in vm.mapping_items(&pos[3])? {
        if let Value::Str(k) = key.value {
            namespace.insert(k, value);
        }
    }
    let metaclass = winning_metaclass(Some(metaclass), &bases)?;
    make_class(vm, &name, bases, namespace, Some(metaclass), args.keywords)
}

fn m_type_init(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::None)
}

/// `type.__call__(cls, *args)`: makes an instance without the metaclass's own
/// `__call__` (which is what calls this through `super()`).
fn m_type_call(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut args = args;
    if args.positional.is_empty() {
        return Err(exc(ExcType::TypeError, "type.__call__() needs an argument"));
    }
    let Value::Obj(class) = args.positional.remove(0) else {
        return Err(exc(ExcType::TypeError, "type.__call__() needs a type"));
    };
    vm.instantiate_plain(class, args)
}

/// `type.__setattr__(cls, name, value)`: stores in the class's dict.
fn m_type_setattr(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "__setattr__", 3, 3)?;
    let name = str_arg(&args.positional[1], "attribute name")?.clone();
    match args.positional[0].payload() {
        Some(Payload::Class(class)) => {
            if class.dict.insert(name.clone(), args.positional[2].clone()) {
                Ok(Value::None)
            } else {
                Err(exc(
                    ExcType::TypeError,
                    format!(
                        "cannot set '{name}' attribute of immutable type '{}'",
                        class.name
                    ),
                ))
            }
        }
        _ => Err(exc(
            ExcType::TypeError,
            "descriptor '__setattr__' requires a type",
        )),
    }
}

/// `object.__delattr__(self, name)`: removes an instance attribute (a data descriptor's
/// `__delete__` first), never through the class's own `__delattr__`.
fn m_object_delattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "__delattr__", 2, 2)?;
    let name = str_arg(&args.positional[1], "attribute name")?.clone();
    vm.generic_del_attr(&args.positional[0], &name)?;
    Ok(Value::None)
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
        dict: Mutex::new(AttrMap::default()),
        exception: None,
    })))
}

fn m_object_setattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "__setattr__", 3, 3)?;
    let name = str_arg(&args.positional[1], "attribute name")?.clone();
    vm.object_setattr(&args.positional[0], &name, args.positional[2].clone())?;
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
            let class = match frame.cell(position).and_then(|c| c.payload()) {
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
    // `super(C, obj)` walks type(obj)'s MRO when obj is an instance of C (a class
    // whose metaclass is C included), else obj's own MRO when obj is a subclass of C.
    let start = match object.payload() {
        Some(Payload::Class(_)) if !types::is_instance(object, class) => {
            object.as_obj().cloned().unwrap_or_else(|| class.clone())
        }
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
    let init_subclass = Value::obj(Payload::Builtin(Builtin {
        name: "__init_subclass__",
        func: m_object_init_subclass,
        bound: None,
        owner: Some("object"),
        arity: None,
        direct: DirectCall::Other,
    }));
    methods.add(
        &t.object,
        "__init_subclass__",
        Value::obj(Payload::ClassMethod(init_subclass)),
    );
    methods.add_method(&t.type_, "__new__", m_type_new);
    methods.add_method(&t.type_, "__init__", m_type_init);
    methods.add_method(&t.type_, "__call__", m_type_call);
    methods.add_method(&t.type_, "__setattr__", m_type_setattr);
    for data in [
        &t.list,
        &t.dict,
        &t.set,
        &t.frozenset,
        &t.tuple,
        &t.int,
        &t.float,
        &t.str_,
    ] {
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
        return Err(exc(
            ExcType::TypeError,
            "__new__(X): X is not a type object",
        ));
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
        positional: args.positional[1..].iter().cloned().collect(),
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
        positional: args.positional[1..].iter().cloned().collect(),
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
