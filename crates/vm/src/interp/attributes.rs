//! Attributes: `getattr`, `setattr`, `delattr`, method lookup for `LoadMethod`, special
//! method lookup on the type, and binding functions found on a class.
//!
//! Lookups must follow CPython's order (data descriptors, instance dict, class,
//! `__getattr__`); nothing here may switch frames, except `LoadAttr` / `StoreAttr`
//! pushing the frame of a property's Python getter / setter (`push_accessor_frame`).

use super::class_cache::ClassCache;
use super::dispatch::Flow;
use super::exceptions::{attribute_error, exc, exception_data};
use super::frame::Vm;
use super::in_place::{trivial_get, trivial_set};
use crate::code::{Instr, Name};
use crate::types::ExcType;
use crate::types::{self, type_name};
use crate::value::Mutex;
use crate::value::*;
use crate::PyResult;
use std::sync::atomic::Ordering;
use std::sync::Arc;

/// What `ClassCache::lookup_name_at` answers: the class attribute and the entry's slot.
pub(super) type ClassLookup = (Option<Value>, usize);

/// What `in_place::attr_in_place` found when it left a `LoadAttr` or `StoreAttr` to the
/// general path (`Vm::attr_after_local`).
pub(super) enum AttrFallback {
    /// The class lookup made (not made twice).
    Lookup(ClassLookup),
    /// The Python function a property on the class has as its getter (for a load) or
    /// setter (for a store): its frame is pushed, as `load_attr_found` and
    /// `store_attr_found` would, without the property itself being cloned.
    Accessor(Value),
}

impl Vm {
    #[inline(never)] // keeps the instance lookups (inlined here) out of `dispatch`
    pub(super) fn load_attr(&mut self, name: &Name) -> PyResult<Option<Flow>> {
        let object = self.pop();
        let found = match &object {
            Value::Obj(obj) => match &obj.payload {
                Payload::Instance(instance)
                    if instance.exception.is_none()
                        && !matches!(&**name, "__class__" | "__dict__") =>
                {
                    Some(self.class_cache.lookup_name_at(&instance.class, name))
                }
                _ => None,
            },
            _ => None,
        };
        self.load_attr_found(object, name, found)
    }

    /// `LoadAttr` of `object` (off the stack already); `found` is the class lookup of
    /// `name` when `object` is an instance of a program's class, not an exception, and
    /// `name` is not `__class__` or `__dict__` (None otherwise).
    #[inline(always)]
    fn load_attr_found(
        &mut self,
        object: Value,
        name: &Name,
        found: Option<ClassLookup>,
    ) -> PyResult<Option<Flow>> {
        // An instance of a program's class (as in `get_attr`), whose class attribute
        // may be a property with a Python getter: its frame is pushed.
        let mut getter = None;
        if let (Some(found), Some(Payload::Instance(instance))) = (found, object.payload()) {
            match found.0.as_ref().and_then(|a| a.payload()) {
                Some(Payload::Property(get, _))
                    if matches!(get.payload(), Some(Payload::Function(_))) =>
                {
                    getter = Some(get.clone());
                }
                _ => {
                    let value = self.instance_attr_found(
                        &object,
                        &instance.class,
                        &instance.dict,
                        name,
                        found,
                    )?;
                    self.push(value);
                    return Ok(None);
                }
            }
        }
        if let Some(getter) = getter {
            return self.push_accessor_frame(getter, [object], false);
        }
        let value = self.get_attr(&object, name)?;
        self.push(value);
        Ok(None)
    }

    /// `StoreAttr`: stack: value, object. A property's Python setter gets a frame.
    #[inline(never)] // as `load_attr`
    pub(super) fn store_attr(&mut self, name: &Name) -> PyResult<Option<Flow>> {
        let object = self.pop();
        let value = self.pop();
        let found = match object.payload() {
            Some(Payload::Instance(instance)) => {
                Some(self.class_cache.lookup_name_at(&instance.class, name))
            }
            _ => None,
        };
        self.store_attr_found(object, value, name, found)
    }

    /// `StoreAttr` of `value` to `object` (both off the stack already); `found` is the
    /// class lookup of `name` when `object` is an instance of a program's class (None
    /// otherwise).
    #[inline(always)]
    fn store_attr_found(
        &mut self,
        object: Value,
        value: Value,
        name: &Name,
        found: Option<ClassLookup>,
    ) -> PyResult<Option<Flow>> {
        let mut setter = None;
        if let (Some(found), Some(Payload::Instance(instance))) = (found, object.payload()) {
            match found.0.as_ref().and_then(|a| a.payload()) {
                Some(Payload::Property(_, set))
                    if matches!(set.payload(), Some(Payload::Function(_)))
                        && !self.class_cache.custom_setattr_at(found.1) =>
                {
                    setter = Some(set.clone());
                }
                _ => {
                    let takes = instance.takes_attributes();
                    let (class, dict) = (&instance.class, &instance.dict);
                    self.set_instance_attr_found(&object, class, dict, takes, name, value, found)?;
                    return Ok(None);
                }
            }
        }
        if let Some(setter) = setter {
            return self.push_accessor_frame(setter, [object, value], true);
        }
        self.set_attr(&object, name, value)?;
        Ok(None)
    }

    /// The `LoadAttr` or `StoreAttr` at `at` right after a `LoadFast` of `object`, which
    /// `in_place::attr_in_place` left to the general path with what its class lookup
    /// found. Runs as that instruction (the frame's instruction pointer is past it
    /// already), the object never having been on the stack.
    #[inline(never)]
    pub(super) fn attr_after_local(
        &mut self,
        object: Value,
        at: &Instr,
        names: &[Name],
        found: AttrFallback,
    ) -> PyResult<Option<Flow>> {
        let found = match found {
            AttrFallback::Lookup(found) => found,
            AttrFallback::Accessor(getter) if matches!(at, Instr::LoadAttr(_)) => {
                // `return self._x`: read in place, without the getter's frame (when
                // its frame could be pushed: below the recursion limit).
                if let (Value::Obj(obj), true) = (&object, self.below_recursion_limit()) {
                    if let Some(value) = trivial_get(&mut self.class_cache, &getter, obj) {
                        drop(object);
                        self.push(value);
                        return Ok(None);
                    }
                }
                return self.push_accessor_frame(getter, [object], false);
            }
            AttrFallback::Accessor(setter) => {
                let mut value = self.pop();
                // `self._x = value`: written in place, as for a getter above.
                if let (Value::Obj(obj), true) = (&object, self.below_recursion_limit()) {
                    match trivial_set(&mut self.class_cache, &setter, obj, value) {
                        Ok(()) => return Ok(None),
                        Err(back) => value = back,
                    }
                }
                return self.push_accessor_frame(setter, [object, value], true);
            }
        };
        match at {
            Instr::LoadAttr(name) => {
                self.load_attr_found(object, &names[*name as usize], Some(found))
            }
            Instr::StoreAttr(name) => {
                let value = self.pop();
                self.store_attr_found(object, value, &names[*name as usize], Some(found))
            }
            _ => unreachable!("attr_in_place hands back only LoadAttr and StoreAttr"),
        }
    }

    /// Whether a frame pushed now would be below the recursion limit (as
    /// `push_accessor_frame` checks before pushing one).
    #[inline(always)]
    fn below_recursion_limit(&self) -> bool {
        self.frames.len() < self.rt.recursion_limit.load(Ordering::Relaxed)
    }

    #[inline]
    pub(super) fn delete_attr(&mut self, name: &Name) -> PyResult<()> {
        let object = self.pop();
        self.del_attr(&object, name)
    }

    /// `LoadMethod`: pushes (method, self) when `name` is a plain method found on the
    /// type, else (the attribute, the no-self marker), for `CallMethod`.
    #[inline]
    pub(super) fn load_method(&mut self, name: &Name) -> PyResult<()> {
        let object = self.pop();
        if let Some(function) = self.class_function(&object, name) {
            self.push(function);
            let marker = self.rt.no_self.clone();
            self.push(marker);
            return Ok(());
        }
        match self.lookup_method(&object, name)? {
            Some(method) => {
                self.push(method);
                self.push(object);
            }
            None => {
                let attr = self.get_attr(&object, name)?;
                self.push(attr);
                let marker = self.rt.no_self.clone();
                self.push(marker);
            }
        }
        Ok(())
    }

    /// `Class.name` (`Shape.clip(x)`) when `object` is a class without a metaclass and
    /// `name` (not a dunder, so not one `special_attribute` computes) is a function or a
    /// static method on it: the function, as `get_attr` answers (then called without a
    /// receiver), without going through it. None for anything else.
    #[inline]
    fn class_function(&mut self, object: &Value, name: &Name) -> Option<Value> {
        let Value::Obj(obj) = object else {
            return None;
        };
        let Payload::Class(class) = &obj.payload else {
            return None;
        };
        if class.metaclass.is_some() || name.starts_with("__") {
            return None;
        }
        let found = self.class_cache.lookup_name(obj, name)?;
        match found.payload() {
            Some(Payload::Function(_)) => Some(found),
            Some(Payload::StaticMethod(inner)) => Some(inner.clone()),
            _ => None,
        }
    }

    /// A method found on the type (not shadowed by the instance), for LoadMethod.
    fn lookup_method(&mut self, object: &Value, name: &Name) -> PyResult<Option<Value>> {
        match object {
            Value::Obj(obj) => match &obj.payload {
                Payload::Instance(instance) => {
                    if shadows(&lock(&instance.dict), name) {
                        return Ok(None);
                    }
                    match self.class_cache.lookup_name(&instance.class, name) {
                        Some(found @ Value::Obj(_))
                            if matches!(
                                found.payload(),
                                Some(Payload::Function(_)) | Some(Payload::Builtin(_))
                            ) =>
                        {
                            Ok(Some(found))
                        }
                        _ => Ok(None),
                    }
                }
                Payload::Module(_)
                | Payload::Class(_)
                | Payload::Super(..)
                | Payload::Native(_) => Ok(None),
                _ if obj.ext.is_some() => Ok(None),
                _ => Ok(self
                    .class_cache
                    .lookup(types::type_ref(object), name)
                    .filter(|f| matches!(f.payload(), Some(Payload::Builtin(_))))),
            },
            _ => Ok(self
                .class_cache
                .lookup(types::type_ref(object), name)
                .filter(|f| matches!(f.payload(), Some(Payload::Builtin(_))))),
        }
    }

    /// A special method looked up on the type and bound to `object`.
    pub(crate) fn special_method(&mut self, object: &Value, name: &str) -> Option<Value> {
        if let Some(Payload::Native(native)) = object.payload() {
            return crate::modules::native_attribute(self, object, native.as_ref(), name)
                .ok()
                .flatten();
        }
        let class = types::type_ref(object);
        let found = self.class_cache.lookup(class, name)?;
        Some(self.bind(found, object, class))
    }

    /// A special method a class's metaclass defines in Python, bound to the class
    /// (`for x in Color`, `len(Color)`); None for every other value.
    pub(crate) fn metaclass_method(&mut self, object: &Value, name: &str) -> Option<Value> {
        match object.payload() {
            Some(Payload::Class(class)) if class.metaclass.is_some() => {
                self.override_method(object, name)
            }
            _ => None,
        }
    }

    /// A special method that a program's subclass of a built-in type defines in
    /// Python (not the built-in's own), bound to `object`; `__hash__ = None` comes
    /// back as None. Only asked for `Obj::ext` objects, so built-ins pay nothing.
    pub(crate) fn override_method(&mut self, object: &Value, name: &str) -> Option<Value> {
        let class = types::type_ref(object);
        let found = self.class_cache.lookup(class, name)?;
        match found.payload() {
            Some(Payload::Builtin(_)) => None,
            _ if found.is_none() => Some(Value::None),
            _ => Some(self.bind(found, object, class)),
        }
    }

    fn bind(&self, found: Value, object: &Value, class: &Arc<Obj>) -> Value {
        match found.payload() {
            Some(Payload::Builtin(_)) if object.scalar_inner().is_some() => {
                // A built-in method of int/float/str works on the inline value.
                let inner = object.scalar_inner().expect("checked").clone();
                Value::obj(Payload::BoundMethod(inner, found))
            }
            Some(Payload::Function(_)) | Some(Payload::Builtin(_)) => {
                Value::obj(Payload::BoundMethod(object.clone(), found))
            }
            Some(Payload::ClassMethod(inner)) => Value::obj(Payload::BoundMethod(
                Value::Obj(class.clone()),
                inner.clone(),
            )),
            Some(Payload::StaticMethod(inner)) => inner.clone(),
            _ => found,
        }
    }

    pub fn get_attr(&mut self, object: &Value, name: &Name) -> PyResult<Value> {
        // The common case first: an instance of a program's class, which has only two
        // computed attributes (an exception has more: `special_attribute` knows them).
        if let Value::Obj(obj) = object {
            if let Payload::Instance(instance) = &obj.payload {
                if instance.exception.is_none() && !matches!(&**name, "__class__" | "__dict__") {
                    return self.instance_attr(object, &instance.class, &instance.dict, name);
                }
            }
        }
        if let Some(value) = crate::builtins::special_attribute(self, object, name)? {
            return Ok(value);
        }
        let class = types::type_ref(object);
        if let Value::Obj(obj) = object {
            match &obj.payload {
                Payload::Instance(instance) => {
                    return self.instance_attr(object, &instance.class, &instance.dict, name);
                }
                Payload::Class(class) => {
                    let metaclass = class.metaclass.as_ref();
                    if let Some(meta) = metaclass {
                        // A metaclass's properties come before the class's own dict.
                        if let Some(found) = self.class_cache.lookup_name(meta, name) {
                            if let Some(Payload::Property(getter, _)) = found.payload() {
                                return self.call1(getter.clone(), object.clone());
                            }
                        }
                    }
                    if let Some(found) = self.class_cache.lookup_name(obj, name) {
                        return Ok(match found.payload() {
                            Some(Payload::ClassMethod(inner)) => {
                                Value::obj(Payload::BoundMethod(object.clone(), inner.clone()))
                            }
                            Some(Payload::StaticMethod(inner)) => inner.clone(),
                            Some(Payload::Instance(descr)) => {
                                match self.class_cache.lookup_static(&descr.class, "__get__") {
                                    Some(get) => self.call(
                                        get,
                                        Args::new(smallvec::smallvec![
                                            found,
                                            Value::None,
                                            object.clone()
                                        ]),
                                    )?,
                                    None => found,
                                }
                            }
                            _ => found,
                        });
                    }
                    if let Some(meta) = metaclass {
                        if let Some(found) = self.class_cache.lookup_name(meta, name) {
                            return Ok(self.bind(found, object, meta));
                        }
                        if let Some(getattr) = self.class_cache.lookup_static(meta, "__getattr__") {
                            return self.call(
                                getattr,
                                Args::new(smallvec::smallvec![
                                    object.clone(),
                                    Value::Str(name.clone())
                                ]),
                            );
                        }
                    }
                    return Err(exc(
                        ExcType::AttributeError,
                        format!(
                            "type object '{}' has no attribute '{name}'",
                            types::class_name(obj)
                        ),
                    ));
                }
                Payload::Module(module) => {
                    if let Some(value) = lock(&module.globals.vars).get(name) {
                        return Ok(value.clone());
                    }
                    if &*module.name == "sys" && &**name == "modules" {
                        let modules: Vec<(String, Value)> = lock(&self.rt.modules)
                            .iter()
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect();
                        let mut dict = Dict::new();
                        for (key, value) in modules {
                            dict.insert(self.key(Value::str(key))?, value);
                        }
                        return Ok(Value::obj(Payload::Dict(Mutex::new(dict))));
                    }
                    let error = attribute_error(object, name);
                    if let Some(data) = exception_data(&error.0) {
                        lock(data).args = vec![Value::str(format!(
                            "module '{}' has no attribute '{name}'",
                            module.name
                        ))];
                    }
                    return Err(error);
                }
                Payload::Function(function) => {
                    if let Some(value) = lock(&function.attrs).get(name) {
                        return Ok(value.clone());
                    }
                }
                _ if obj.ext.is_some() => {
                    let ext = obj.ext.as_ref().expect("checked");
                    return self.instance_attr(object, &ext.class, &ext.dict, name);
                }
                _ => {}
            }
        }
        match self.class_cache.lookup_name(class, name) {
            Some(found) => Ok(self.bind(found, object, class)),
            None => Err(attribute_error(object, name)),
        }
    }

    /// An attribute of an instance of a program's class (`dict` is its own
    /// attributes): data descriptors, the instance dict, the class (non-data
    /// descriptors, methods), then `__getattr__`.
    #[inline(always)]
    fn instance_attr(
        &mut self,
        object: &Value,
        class: &Arc<Obj>,
        dict: &Mutex<AttrMap>,
        name: &Name,
    ) -> PyResult<Value> {
        let found = self.class_cache.lookup_name_at(class, name);
        self.instance_attr_found(object, class, dict, name, found)
    }

    /// `instance_attr` with the class attribute looked up already (`lookup_name_at`).
    #[inline(always)]
    fn instance_attr_found(
        &mut self,
        object: &Value,
        class: &Arc<Obj>,
        dict: &Mutex<AttrMap>,
        name: &Name,
        (class_attr, at): (Option<Value>, usize),
    ) -> PyResult<Value> {
        // Data descriptors (property, objects whose type has `__set__` or
        // `__delete__`) come before the instance dict. Only a class attribute
        // that is itself an instance pays for the `__get__` lookups.
        match class_attr.as_ref().and_then(|a| a.payload()) {
            Some(Payload::Property(getter, _)) => {
                if getter.is_none() {
                    return Err(exc(
                        ExcType::AttributeError,
                        format!(
                            "property '{name}' of '{}' object has no getter",
                            types::class_qualname(class)
                        ),
                    ));
                }
                return self.call1(getter.clone(), object.clone());
            }
            Some(Payload::Instance(descr))
                if is_data_descriptor(&mut self.class_cache, &descr.class) =>
            {
                let descr_value = class_attr.clone().expect("matched");
                if let Some(get) = self.class_cache.lookup_static(&descr.class, "__get__") {
                    let owner = Value::Obj(class.clone());
                    return self.call(
                        get,
                        Args::new(smallvec::smallvec![descr_value, object.clone(), owner]),
                    );
                }
            }
            _ => {}
        }
        if class_attr.is_none() {
            // An instance attribute, most likely: where instances of this class keep it
            // (checked), else a full lookup that remembers where it was.
            let attrs = lock(dict);
            if let Some((key, value)) = attrs.get_index(self.class_cache.dict_hint(at)) {
                if Arc::ptr_eq(key, name) || **key == **name {
                    return Ok(value.clone());
                }
            }
            if let Some((index, _, value)) = attrs.get_full(name) {
                let value = value.clone();
                drop(attrs);
                self.class_cache.set_dict_hint(at, index);
                return Ok(value);
            }
        } else if let Some(value) = lock(dict).get(name) {
            return Ok(value.clone());
        }
        if let Some(found) = class_attr {
            if let Some(Payload::Instance(descr)) = found.payload() {
                if let Some(get) = self.class_cache.lookup_static(&descr.class, "__get__") {
                    let owner = Value::Obj(class.clone());
                    return self.call(
                        get,
                        Args::new(smallvec::smallvec![found, object.clone(), owner]),
                    );
                }
            }
            return Ok(self.bind(found, object, class));
        }
        if let Some(getattr) = self.class_cache.lookup_static(class, "__getattr__") {
            return self.call(
                getattr,
                Args::new(smallvec::smallvec![
                    object.clone(),
                    Value::Str(name.clone())
                ]),
            );
        }
        Err(attribute_error(object, name))
    }

    pub(crate) fn set_attr(&mut self, object: &Value, name: &Name, value: Value) -> PyResult<()> {
        if let Value::Obj(obj) = object {
            match &obj.payload {
                Payload::Instance(instance) => {
                    let takes = instance.takes_attributes();
                    return self.set_instance_attr(
                        object,
                        &instance.class,
                        &instance.dict,
                        takes,
                        name,
                        value,
                    );
                }
                _ if obj.ext.is_some() => {
                    let ext = obj.ext.as_ref().expect("checked");
                    return self
                        .set_instance_attr(object, &ext.class, &ext.dict, true, name, value);
                }
                Payload::Class(class) => {
                    if let Some(meta) = &class.metaclass {
                        if let Some(setattr) = self.class_cache.lookup_static(meta, "__setattr__") {
                            if matches!(setattr.payload(), Some(Payload::Function(_))) {
                                self.call(
                                    setattr,
                                    Args::new(smallvec::smallvec![
                                        object.clone(),
                                        Value::Str(name.clone()),
                                        value,
                                    ]),
                                )?;
                                return Ok(());
                            }
                        }
                    }
                    if class.dict.insert(name.clone(), value) {
                        return Ok(());
                    }
                    return Err(exc(
                        ExcType::TypeError,
                        format!(
                            "cannot set '{name}' attribute of immutable type '{}'",
                            class.name
                        ),
                    ));
                }
                Payload::Module(module) => {
                    self.rt.builtins.change_module(&module.globals, |vars| {
                        vars.insert(name.clone(), value);
                    });
                    return Ok(());
                }
                Payload::Function(function) => {
                    lock(&function.attrs).insert(name.clone(), value);
                    return Ok(());
                }
                _ => {}
            }
        }
        if self
            .class_cache
            .lookup(types::type_ref(object), name)
            .is_some()
        {
            return Err(exc(
                ExcType::AttributeError,
                format!(
                    "'{}' object attribute '{name}' is read-only",
                    type_name(object)
                ),
            ));
        }
        Err(exc(
            ExcType::AttributeError,
            format!("'{}' object has no attribute '{name}'", type_name(object)),
        ))
    }

    /// Sets an attribute of an instance of a program's class: the class's own Python
    /// `__setattr__` first, else data descriptors and properties, then the instance dict.
    #[inline(always)]
    fn set_instance_attr(
        &mut self,
        object: &Value,
        class: &Arc<Obj>,
        dict: &Mutex<AttrMap>,
        takes_attributes: bool,
        name: &Name,
        value: Value,
    ) -> PyResult<()> {
        let found = self.class_cache.lookup_name_at(class, name);
        self.set_instance_attr_found(object, class, dict, takes_attributes, name, value, found)
    }

    /// `set_instance_attr` with the class attribute looked up already (`lookup_name_at`).
    /// A class's own `__setattr__` comes first, before any property or descriptor (as
    /// CPython's `type(obj).__setattr__`); else `generic_set_instance_attr`.
    #[inline(always)]
    #[allow(clippy::too_many_arguments)] // the parts of the instance, borrowed from it
    fn set_instance_attr_found(
        &mut self,
        object: &Value,
        class: &Arc<Obj>,
        dict: &Mutex<AttrMap>,
        takes_attributes: bool,
        name: &Name,
        value: Value,
        found: ClassLookup,
    ) -> PyResult<()> {
        if self.class_cache.custom_setattr_at(found.1)
            && self
                .class_cache
                .static_is(class, "__setattr__", super::in_place::is_custom)
        {
            let setattr = self.class_cache.lookup_static(class, "__setattr__");
            let setattr = setattr.expect("the class has its own");
            self.call(
                setattr,
                Args::new(smallvec::smallvec![
                    object.clone(),
                    Value::Str(name.clone()),
                    value
                ]),
            )?;
            return Ok(());
        }
        self.generic_set_instance_attr(object, class, dict, takes_attributes, name, value, found)
    }

    /// `object.__setattr__(object, name, value)`: for an instance of a program's class
    /// (or of a subclass of a built-in type), `generic_set_instance_attr`; for anything
    /// else, as `setattr`.
    pub(crate) fn object_setattr(
        &mut self,
        object: &Value,
        name: &Name,
        value: Value,
    ) -> PyResult<()> {
        if let Value::Obj(obj) = object {
            if let Payload::Instance(instance) = &obj.payload {
                let found = self.class_cache.lookup_name_at(&instance.class, name);
                let takes = instance.takes_attributes();
                let (class, dict) = (&instance.class, &instance.dict);
                return self
                    .generic_set_instance_attr(object, class, dict, takes, name, value, found);
            }
            if let Some(ext) = &obj.ext {
                let found = self.class_cache.lookup_name_at(&ext.class, name);
                return self.generic_set_instance_attr(
                    object, &ext.class, &ext.dict, true, name, value, found,
                );
            }
        }
        self.set_attr(object, name, value)
    }

    /// `object.__setattr__` on an instance: a data descriptor's `__set__` or a
    /// property's setter, else the instance dict. Never the class's own `__setattr__`
    /// (which is what calls this, through `object.__setattr__` or `super()`).
    #[allow(clippy::too_many_arguments)] // the parts of the instance, borrowed from it
    pub(crate) fn generic_set_instance_attr(
        &mut self,
        object: &Value,
        class: &Arc<Obj>,
        dict: &Mutex<AttrMap>,
        takes_attributes: bool,
        name: &Name,
        value: Value,
        (class_attr, at): ClassLookup,
    ) -> PyResult<()> {
        if let Some(Payload::Instance(descr)) = class_attr.as_ref().and_then(|a| a.payload()) {
            if let Some(set) = self.class_cache.lookup_static(&descr.class, "__set__") {
                let descr_value = class_attr.clone().expect("matched");
                self.call(
                    set,
                    Args::new(smallvec::smallvec![descr_value, object.clone(), value]),
                )?;
                return Ok(());
            }
            if self
                .class_cache
                .lookup(&descr.class, "__delete__")
                .is_some()
            {
                return Err(exc(ExcType::AttributeError, "__set__"));
            }
        }
        if let Some(Payload::Property(_, setter)) = class_attr.as_ref().and_then(|a| a.payload()) {
            if setter.is_none() {
                return Err(exc(
                    ExcType::AttributeError,
                    format!(
                        "property '{name}' of '{}' object has no setter",
                        types::class_qualname(class)
                    ),
                ));
            }
            self.call(
                setter.clone(),
                Args::new(smallvec::smallvec![object.clone(), value]),
            )?;
            return Ok(());
        }
        if !takes_attributes {
            return Err(attribute_error(object, name));
        }
        // The old value is dropped once the lock is released.
        let mut attrs = lock(dict);
        let old = self.class_cache.store_hinted(&mut attrs, at, name, value);
        drop(attrs);
        drop(old);
        Ok(())
    }

    /// `del object.name`: a class's own `__delattr__` first, else `generic_del_attr`.
    pub(crate) fn del_attr(&mut self, object: &Value, name: &Name) -> PyResult<()> {
        if let Some(Payload::Instance(instance)) = object.payload() {
            if let Some(delattr) = self
                .class_cache
                .lookup_static(&instance.class, "__delattr__")
            {
                if matches!(delattr.payload(), Some(Payload::Function(_))) {
                    self.call(
                        delattr,
                        Args::new(smallvec::smallvec![
                            object.clone(),
                            Value::Str(name.clone())
                        ]),
                    )?;
                    return Ok(());
                }
            }
        }
        self.generic_del_attr(object, name)
    }

    /// `object.__delattr__`: a data descriptor's `__delete__` (a property cannot be
    /// deleted), else the attribute is removed from the instance dict (or the class's,
    /// or the module's). Never the class's own `__delattr__`.
    pub(crate) fn generic_del_attr(&mut self, object: &Value, name: &Name) -> PyResult<()> {
        if let Some(Payload::Instance(instance)) = object.payload() {
            let class_attr = self.class_cache.lookup_name(&instance.class, name);
            match class_attr.as_ref().and_then(|a| a.payload()) {
                Some(Payload::Instance(descr)) => {
                    if let Some(delete) = self.class_cache.lookup_static(&descr.class, "__delete__")
                    {
                        let descr_value = class_attr.clone().expect("matched");
                        self.call(
                            delete,
                            Args::new(smallvec::smallvec![descr_value, object.clone()]),
                        )?;
                        return Ok(());
                    }
                    if self
                        .class_cache
                        .lookup_static(&descr.class, "__set__")
                        .is_some()
                    {
                        return Err(exc(ExcType::AttributeError, "__delete__"));
                    }
                }
                Some(Payload::Property(..)) => {
                    return Err(exc(
                        ExcType::AttributeError,
                        format!(
                            "property '{name}' of '{}' object has no deleter",
                            types::class_qualname(&instance.class)
                        ),
                    ));
                }
                _ => {}
            }
        }
        let removed = match object.as_obj() {
            Some(obj) if obj.ext.is_some() => {
                lock(&obj.ext.as_ref().expect("checked").dict).shift_remove(name)
            }
            _ => None,
        };
        if removed.is_some() {
            return Ok(());
        }
        let removed = match object.payload() {
            Some(Payload::Instance(instance)) => lock(&instance.dict).shift_remove(name),
            Some(Payload::Class(class)) => class.dict.remove(name),
            Some(Payload::Module(module)) => self
                .rt
                .builtins
                .change_module(&module.globals, |vars| vars.shift_remove(name)),
            _ => None,
        };
        match removed {
            Some(_) => Ok(()),
            None => Err(attribute_error(object, name)),
        }
    }
}

/// Whether instances of `class` are data descriptors (their type defines `__set__` or
/// `__delete__`), which take precedence over an instance's own attributes.
fn is_data_descriptor(cache: &mut ClassCache, class: &Arc<Obj>) -> bool {
    cache.lookup_static(class, "__set__").is_some()
        || cache.lookup_static(class, "__delete__").is_some()
}

/// Whether an instance's own attributes hold `name` (shadowing a method of its class).
/// Most instances have a handful: comparing the names (by address first; a name of
/// another length differs at once) costs less than hashing this one.
#[inline(always)]
fn shadows(attrs: &AttrMap, name: &Name) -> bool {
    if attrs.len() <= 8 {
        attrs
            .keys()
            .any(|key| Arc::ptr_eq(key, name) || **key == **name)
    } else {
        attrs.contains_key(name)
    }
}
