//! The built-in classes (int, str, list, ..., the exception hierarchy) and class
//! machinery: `type_of`, method resolution order, subclass checks, attribute lookup on
//! classes.
//!
//! The built-in classes are one process-wide table (`types()`), built once and shared by
//! every run in the process (every run in the page), as CPython's static built-in types
//! are shared by all interpreters of a process. That is sound only because nothing a
//! run does can change it: a built-in class's dict is filled while the table is built
//! (`MethodTables`) and then frozen (`ClassDict::Frozen`, read without a lock), built-in
//! classes refuse new attributes, and the table holds no counters or caches. This module
//! must never give the table anything mutable.

use super::code::Name;
use super::value::{
    lock, AttrMap, BaseKind, Builtin, BuiltinFn, Class, ClassDict, Obj, Payload, Value,
};
use crate::value::Mutex;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

pub struct Types {
    pub object: Arc<Obj>,
    pub type_: Arc<Obj>,
    pub none: Arc<Obj>,
    pub bool_: Arc<Obj>,
    pub int: Arc<Obj>,
    pub float: Arc<Obj>,
    pub str_: Arc<Obj>,
    pub list: Arc<Obj>,
    pub tuple: Arc<Obj>,
    pub dict: Arc<Obj>,
    pub set: Arc<Obj>,
    pub frozenset: Arc<Obj>,
    pub range: Arc<Obj>,
    pub slice: Arc<Obj>,
    pub function: Arc<Obj>,
    pub builtin: Arc<Obj>,
    pub method: Arc<Obj>,
    pub module: Arc<Obj>,
    pub generator: Arc<Obj>,
    pub coroutine: Arc<Obj>,
    pub async_generator: Arc<Obj>,
    pub iterator: Arc<Obj>,
    pub property: Arc<Obj>,
    pub staticmethod: Arc<Obj>,
    pub classmethod: Arc<Obj>,
    pub cell: Arc<Obj>,
    pub code: Arc<Obj>,
    pub native: Arc<Obj>,
    /// Exception classes by name (the `builtins` namespace lists them).
    pub exceptions: HashMap<&'static str, Arc<Obj>>,
    /// Exception classes by [`ExcType`] (its discriminant is the index).
    by_type: Vec<Arc<Obj>>,
    /// Iterator classes by name (`map`, `zip`, `range_iterator`, ...).
    pub iterators: HashMap<&'static str, Arc<Obj>>,
    /// The classes of Rust-implemented objects, in `NATIVE_TYPE_NAMES` order.
    natives: Vec<Arc<Obj>>,
}

/// The type names of the Rust-implemented objects (`NativeObject::type_name`): each gets
/// one class, made with the other built-in classes. A native object whose name is
/// missing here gets a new class at every `type()` (a name must be added here).
const NATIVE_TYPE_NAMES: [&str; 4] = ["lock", "_io.TextIOWrapper", "Random", "tuple"];

/// The built-in exception classes, typed: raising one by a misspelt name is a compile
/// error, not a silent `Exception`. In definition order: parents come before children
/// (`ALL` builds the classes in this order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExcType {
    BaseException,
    SystemExit,
    KeyboardInterrupt,
    GeneratorExit,
    Exception,
    StopIteration,
    StopAsyncIteration,
    ArithmeticError,
    ZeroDivisionError,
    OverflowError,
    AssertionError,
    AttributeError,
    LookupError,
    IndexError,
    KeyError,
    NameError,
    UnboundLocalError,
    RuntimeError,
    RecursionError,
    NotImplementedError,
    SystemError,
    TypeError,
    ValueError,
    UnicodeError,
    MemoryError,
    ImportError,
    ModuleNotFoundError,
    OSError,
    TimeoutError,
    EOFError,
    BufferError,
    Warning,
    UserWarning,
    DeprecationWarning,
}

impl ExcType {
    /// Every built-in exception class, parents before children.
    pub const ALL: [ExcType; 34] = [
        ExcType::BaseException,
        ExcType::SystemExit,
        ExcType::KeyboardInterrupt,
        ExcType::GeneratorExit,
        ExcType::Exception,
        ExcType::StopIteration,
        ExcType::StopAsyncIteration,
        ExcType::ArithmeticError,
        ExcType::ZeroDivisionError,
        ExcType::OverflowError,
        ExcType::AssertionError,
        ExcType::AttributeError,
        ExcType::LookupError,
        ExcType::IndexError,
        ExcType::KeyError,
        ExcType::NameError,
        ExcType::UnboundLocalError,
        ExcType::RuntimeError,
        ExcType::RecursionError,
        ExcType::NotImplementedError,
        ExcType::SystemError,
        ExcType::TypeError,
        ExcType::ValueError,
        ExcType::UnicodeError,
        ExcType::MemoryError,
        ExcType::ImportError,
        ExcType::ModuleNotFoundError,
        ExcType::OSError,
        ExcType::TimeoutError,
        ExcType::EOFError,
        ExcType::BufferError,
        ExcType::Warning,
        ExcType::UserWarning,
        ExcType::DeprecationWarning,
    ];

    /// The class's Python name.
    pub fn name(self) -> &'static str {
        match self {
            ExcType::BaseException => "BaseException",
            ExcType::SystemExit => "SystemExit",
            ExcType::KeyboardInterrupt => "KeyboardInterrupt",
            ExcType::GeneratorExit => "GeneratorExit",
            ExcType::Exception => "Exception",
            ExcType::StopIteration => "StopIteration",
            ExcType::StopAsyncIteration => "StopAsyncIteration",
            ExcType::ArithmeticError => "ArithmeticError",
            ExcType::ZeroDivisionError => "ZeroDivisionError",
            ExcType::OverflowError => "OverflowError",
            ExcType::AssertionError => "AssertionError",
            ExcType::AttributeError => "AttributeError",
            ExcType::LookupError => "LookupError",
            ExcType::IndexError => "IndexError",
            ExcType::KeyError => "KeyError",
            ExcType::NameError => "NameError",
            ExcType::UnboundLocalError => "UnboundLocalError",
            ExcType::RuntimeError => "RuntimeError",
            ExcType::RecursionError => "RecursionError",
            ExcType::NotImplementedError => "NotImplementedError",
            ExcType::SystemError => "SystemError",
            ExcType::TypeError => "TypeError",
            ExcType::ValueError => "ValueError",
            ExcType::UnicodeError => "UnicodeError",
            ExcType::MemoryError => "MemoryError",
            ExcType::ImportError => "ImportError",
            ExcType::ModuleNotFoundError => "ModuleNotFoundError",
            ExcType::OSError => "OSError",
            ExcType::TimeoutError => "TimeoutError",
            ExcType::EOFError => "EOFError",
            ExcType::BufferError => "BufferError",
            ExcType::Warning => "Warning",
            ExcType::UserWarning => "UserWarning",
            ExcType::DeprecationWarning => "DeprecationWarning",
        }
    }

    /// The class it derives from (None for `BaseException`, whose base is `object`).
    pub fn parent(self) -> Option<ExcType> {
        match self {
            ExcType::BaseException => None,
            ExcType::SystemExit => Some(ExcType::BaseException),
            ExcType::KeyboardInterrupt => Some(ExcType::BaseException),
            ExcType::GeneratorExit => Some(ExcType::BaseException),
            ExcType::Exception => Some(ExcType::BaseException),
            ExcType::StopIteration => Some(ExcType::Exception),
            ExcType::StopAsyncIteration => Some(ExcType::Exception),
            ExcType::ArithmeticError => Some(ExcType::Exception),
            ExcType::ZeroDivisionError => Some(ExcType::ArithmeticError),
            ExcType::OverflowError => Some(ExcType::ArithmeticError),
            ExcType::AssertionError => Some(ExcType::Exception),
            ExcType::AttributeError => Some(ExcType::Exception),
            ExcType::LookupError => Some(ExcType::Exception),
            ExcType::IndexError => Some(ExcType::LookupError),
            ExcType::KeyError => Some(ExcType::LookupError),
            ExcType::NameError => Some(ExcType::Exception),
            ExcType::UnboundLocalError => Some(ExcType::NameError),
            ExcType::RuntimeError => Some(ExcType::Exception),
            ExcType::RecursionError => Some(ExcType::RuntimeError),
            ExcType::NotImplementedError => Some(ExcType::RuntimeError),
            ExcType::SystemError => Some(ExcType::Exception),
            ExcType::TypeError => Some(ExcType::Exception),
            ExcType::ValueError => Some(ExcType::Exception),
            ExcType::UnicodeError => Some(ExcType::ValueError),
            ExcType::MemoryError => Some(ExcType::Exception),
            ExcType::ImportError => Some(ExcType::Exception),
            ExcType::ModuleNotFoundError => Some(ExcType::ImportError),
            ExcType::OSError => Some(ExcType::Exception),
            ExcType::TimeoutError => Some(ExcType::OSError),
            ExcType::EOFError => Some(ExcType::Exception),
            ExcType::BufferError => Some(ExcType::Exception),
            ExcType::Warning => Some(ExcType::Exception),
            ExcType::UserWarning => Some(ExcType::Warning),
            ExcType::DeprecationWarning => Some(ExcType::Warning),
        }
    }

    /// The built-in exception class called `name`, if there is one.
    pub fn from_name(name: &str) -> Option<ExcType> {
        ExcType::ALL.into_iter().find(|kind| kind.name() == name)
    }
}

impl std::fmt::Display for ExcType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A class: a program's (`builtin` false: its dict stays mutable) or a built-in one made
/// outside the type table (`builtin` true: `dict` is frozen as given).
pub fn new_class(
    name: &str,
    bases: Vec<Arc<Obj>>,
    dict: AttrMap,
    module: &str,
    builtin: bool,
) -> Result<Arc<Obj>, String> {
    let qualname = match dict.get("__qualname__") {
        Some(Value::Str(q)) => q.clone(),
        _ => Name::from(name),
    };
    let dict = if builtin {
        ClassDict::Frozen(OnceLock::from(dict))
    } else {
        // `type.__new__` keeps the qualified name on the class, not in its dict.
        let mut dict = dict;
        dict.shift_remove("__qualname__");
        ClassDict::Mutable(Mutex::new(dict))
    };
    let base_kind = if builtin {
        None
    } else if data_base(&bases).is_some() {
        Some(BaseKind::Data)
    } else if bases.iter().any(|b| is_subclass(b, &types().type_)) {
        Some(BaseKind::Type)
    } else {
        None
    };
    make_class(name, qualname, bases, dict, module, base_kind)
}

/// A program's class with a metaclass of its own (`class E(metaclass=M)`).
pub fn new_class_with_metaclass(
    name: &str,
    bases: Vec<Arc<Obj>>,
    dict: AttrMap,
    module: &str,
    metaclass: Option<Arc<Obj>>,
) -> Result<Arc<Obj>, String> {
    let class = new_class(name, bases, dict, module, false)?;
    let Some(metaclass) = metaclass.filter(|m| !Arc::ptr_eq(m, &types().type_)) else {
        return Ok(class);
    };
    // Just made: nothing else holds it yet.
    let mut class = class;
    if let Some(Obj {
        payload: Payload::Class(data),
        ..
    }) = Arc::get_mut(&mut class)
    {
        data.metaclass = Some(metaclass);
    }
    Ok(class)
}

/// The built-in types a program's class may derive from, whose instances are the
/// built-in's payload with the class attached (`Obj::ext`).
pub fn is_data_type(class: &Arc<Obj>) -> bool {
    let t = types();
    [
        &t.list,
        &t.dict,
        &t.set,
        &t.frozenset,
        &t.tuple,
        &t.int,
        &t.float,
        &t.str_,
    ]
    .into_iter()
    .any(|data| Arc::ptr_eq(class, data))
}

/// The built-in data type among `bases` and their MROs (the first one found).
pub fn data_base(bases: &[Arc<Obj>]) -> Option<Arc<Obj>> {
    bases.iter().find_map(|base| {
        std::iter::once(base)
            .chain(class_of(base).map(|c| c.mro.iter()).into_iter().flatten())
            .find(|c| is_data_type(c))
            .cloned()
    })
}

/// A class of the type table: its dict stays open until `MethodTables::freeze`.
/// `BaseException` says it is the root of the exceptions (`base_kind`), which its MRO
/// (just `object`) cannot tell.
fn table_class(name: &str, bases: Vec<Arc<Obj>>, base_kind: Option<BaseKind>) -> Arc<Obj> {
    let dict = ClassDict::Frozen(OnceLock::new());
    make_class(name, Name::from(name), bases, dict, "builtins", base_kind)
        .expect("a built-in class has a consistent MRO")
}

fn make_class(
    name: &str,
    qualname: Name,
    bases: Vec<Arc<Obj>>,
    dict: ClassDict,
    module: &str,
    base_kind: Option<BaseKind>,
) -> Result<Arc<Obj>, String> {
    let mro = compute_mro(&bases)?;
    let base_kind = base_kind.unwrap_or_else(|| {
        if mro
            .iter()
            .any(|c| class_of(c).map(|c| c.base_kind) == Some(BaseKind::Exception))
        {
            BaseKind::Exception
        } else {
            BaseKind::Object
        }
    });
    Ok(Arc::new(Obj {
        ext: None,
        payload: Payload::Class(Box::new(Class {
            name: name.into(),
            qualname,
            module: module.into(),
            bases,
            mro,
            dict,
            base_kind,
            metaclass: None,
        })),
    }))
}

pub fn class_of(obj: &Arc<Obj>) -> Option<&Class> {
    match &obj.payload {
        Payload::Class(class) => Some(class),
        _ => None,
    }
}

/// C3 linearisation of the bases (the result excludes the new class itself).
fn compute_mro(bases: &[Arc<Obj>]) -> Result<Vec<Arc<Obj>>, String> {
    let mut sequences: Vec<Vec<Arc<Obj>>> = bases
        .iter()
        .map(|base| {
            let mut seq = vec![base.clone()];
            if let Some(class) = class_of(base) {
                seq.extend(class.mro.iter().cloned());
            }
            seq
        })
        .collect();
    sequences.push(bases.to_vec());
    let mut result = Vec::new();
    loop {
        sequences.retain(|s| !s.is_empty());
        if sequences.is_empty() {
            return Ok(result);
        }
        let candidate = sequences.iter().find_map(|seq| {
            let head = &seq[0];
            let in_tail = sequences
                .iter()
                .any(|s| s[1..].iter().any(|c| Arc::ptr_eq(c, head)));
            (!in_tail).then(|| head.clone())
        });
        let Some(next) = candidate else {
            return Err("Cannot create a consistent method resolution order (MRO)".into());
        };
        for seq in &mut sequences {
            if Arc::ptr_eq(&seq[0], &next) {
                seq.remove(0);
            }
        }
        result.push(next);
    }
}

static TYPES: OnceLock<Types> = OnceLock::new();

/// The built-in classes; created on first use, with their methods, then immutable.
pub fn types() -> &'static Types {
    TYPES.get_or_init(Types::build)
}

impl Types {
    fn build() -> Types {
        let object = table_class("object", Vec::new(), None);
        let plain = |name: &str| table_class(name, vec![object.clone()], None);
        let int = plain("int");
        let bool_ = table_class("bool", vec![int.clone()], None);
        let mut exceptions: HashMap<&'static str, Arc<Obj>> = HashMap::new();
        for kind in ExcType::ALL {
            let class = match kind.parent() {
                None => table_class(kind.name(), vec![object.clone()], Some(BaseKind::Exception)),
                Some(parent) => {
                    table_class(kind.name(), vec![exceptions[parent.name()].clone()], None)
                }
            };
            exceptions.insert(kind.name(), class);
        }
        // `ALL` lists the variants in declaration order, so a variant's discriminant
        // is its index here.
        let by_type = ExcType::ALL
            .iter()
            .map(|kind| exceptions[kind.name()].clone())
            .collect();
        let types = Types {
            type_: plain("type"),
            none: plain("NoneType"),
            bool_,
            float: plain("float"),
            str_: plain("str"),
            list: plain("list"),
            tuple: plain("tuple"),
            dict: plain("dict"),
            set: plain("set"),
            frozenset: plain("frozenset"),
            range: plain("range"),
            slice: plain("slice"),
            function: plain("function"),
            builtin: plain("builtin_function_or_method"),
            method: plain("method"),
            module: plain("module"),
            generator: plain("generator"),
            coroutine: plain("coroutine"),
            async_generator: plain("async_generator"),
            iterator: plain("iterator"),
            property: plain("property"),
            staticmethod: plain("staticmethod"),
            classmethod: plain("classmethod"),
            cell: plain("cell"),
            code: plain("code"),
            native: plain("object"),
            iterators: [
                "range_iterator",
                "list_iterator",
                "iterator",
                "enumerate",
                "zip",
                "map",
                "filter",
                "list_reverseiterator",
                "reversed",
            ]
            .into_iter()
            .map(|name| (name, plain(name)))
            .collect(),
            natives: NATIVE_TYPE_NAMES.into_iter().map(plain).collect(),
            int,
            object,
            exceptions,
            by_type,
        };
        let mut methods = MethodTables::default();
        super::builtins::install_methods(&types, &mut methods);
        methods.freeze();
        types
    }

    /// The class of a built-in exception.
    pub fn exception(&self, kind: ExcType) -> &Arc<Obj> {
        &self.by_type[kind as usize]
    }
}

/// The class of a built-in exception.
pub fn exception_class(kind: ExcType) -> Arc<Obj> {
    types().exception(kind).clone()
}

/// The methods of the built-in classes while the type table is built: one table per
/// class, frozen into its class once every table is complete.
#[derive(Default)]
pub(crate) struct MethodTables {
    tables: Vec<(Arc<Obj>, AttrMap)>,
}

impl MethodTables {
    /// Adds a Rust function as a method of a built-in class.
    pub(crate) fn add_method(&mut self, class: &Arc<Obj>, name: &'static str, func: BuiltinFn) {
        let owner = match &*class_name(class) {
            "str" => "str",
            "list" => "list",
            "dict" => "dict",
            "set" => "set",
            "tuple" => "tuple",
            "int" => "int",
            "float" => "float",
            "frozenset" => "frozenset",
            _ => "object",
        };
        let method = Value::obj(Payload::Builtin(Builtin {
            name,
            func,
            bound: None,
            owner: Some(owner),
            arity: crate::builtins::method_arity(&class_name(class), name),
            direct: crate::value::DirectCall::method(owner, name),
        }));
        self.add(class, name, method);
    }

    /// Adds any attribute to a built-in class (a classmethod, ...).
    pub(crate) fn add(&mut self, class: &Arc<Obj>, name: &'static str, value: Value) {
        let at = match self.tables.iter().position(|(c, _)| Arc::ptr_eq(c, class)) {
            Some(at) => at,
            None => {
                self.tables.push((class.clone(), AttrMap::default()));
                self.tables.len() - 1
            }
        };
        self.tables[at].1.insert(name.into(), value);
    }

    /// Gives each class its table, for good.
    fn freeze(self) {
        for (class, table) in self.tables {
            if let Some(Class {
                dict: ClassDict::Frozen(dict),
                ..
            }) = class_of(&class)
            {
                assert!(dict.set(table).is_ok(), "a built-in class is frozen once");
            }
        }
    }
}

/// The class of any value, borrowed: a built-in class lives as long as the process, an
/// instance's class as long as the instance, so finding a type costs no reference count
/// (a count shared by every thread that looks at values of that type).
#[inline]
pub fn type_ref(value: &Value) -> &Arc<Obj> {
    let t = types();
    match value {
        Value::None => &t.none,
        Value::Bool(_) => &t.bool_,
        Value::Int(_) | Value::BigInt(_) => &t.int,
        Value::Float(_) => &t.float,
        Value::Str(_) => &t.str_,
        Value::Obj(obj) => match &obj.payload {
            Payload::Instance(instance) => &instance.class,
            // Only the data payloads can belong to a subclass's instance (`Obj::ext`).
            Payload::Tuple(_) => subclass_or(obj, &t.tuple),
            Payload::List(_) => subclass_or(obj, &t.list),
            Payload::Dict(_) => subclass_or(obj, &t.dict),
            Payload::Set(_) => subclass_or(obj, &t.set),
            Payload::FrozenSet(_) => subclass_or(obj, &t.frozenset),
            Payload::Range(_) => &t.range,
            Payload::Slice(..) => &t.slice,
            Payload::Function(_) => &t.function,
            Payload::Builtin(_) => &t.builtin,
            Payload::BoundMethod(..) => &t.method,
            Payload::Class(class) => class.metaclass.as_ref().unwrap_or(&t.type_),
            Payload::Module(_) => &t.module,
            Payload::Cell(_) => &t.cell,
            Payload::Iterator(state) => {
                let name = iterator_type_name(&lock(state));
                t.iterators.get(name).unwrap_or(&t.iterator)
            }
            Payload::Generator(g) if g.is_async_gen => &t.async_generator,
            Payload::Generator(g) if g.is_coroutine => &t.coroutine,
            Payload::Generator(_) => &t.generator,
            Payload::Property(..) => &t.property,
            Payload::StaticMethod(_) => &t.staticmethod,
            Payload::ClassMethod(_) => &t.classmethod,
            Payload::Code(_) => &t.code,
            Payload::DictView(..) | Payload::Super(..) => &t.native,
            Payload::Native(native) => native_class(t, native.type_name()),
            Payload::Scalar(inner) => subclass_or(obj, type_ref(inner)),
        },
    }
}

/// The class of any value.
/// The class of a built-in subclass's instance, else the built-in type.
#[inline(always)]
fn subclass_or<'a>(obj: &'a Obj, builtin: &'a Arc<Obj>) -> &'a Arc<Obj> {
    match &obj.ext {
        Some(ext) => &ext.class,
        None => builtin,
    }
}

pub fn type_of(value: &Value) -> Arc<Obj> {
    type_ref(value).clone()
}

pub fn type_name(value: &Value) -> String {
    match value {
        Value::Obj(obj) => match &obj.payload {
            Payload::Native(native) => native.type_name().to_string(),
            Payload::DictView(..) | Payload::Super(..) => obj.payload.kind_name().to_string(),
            Payload::Iterator(state) => iterator_type_name(&lock(state)).to_string(),
            _ => class_name(type_ref(value)).to_string(),
        },
        _ => class_name(type_ref(value)).to_string(),
    }
}

fn iterator_type_name(state: &super::value::IterState) -> &'static str {
    use super::value::{IterState, LazyIter};
    match state {
        IterState::Range { .. } => "range_iterator",
        IterState::Seq {
            seq: Value::Str(text),
            ..
        } => {
            if text.is_ascii() {
                "str_ascii_iterator"
            } else {
                "str_iterator"
            }
        }
        IterState::Seq { .. } => "list_iterator",
        IterState::Hashed { .. } => "iterator",
        IterState::Items { .. } => "iterator",
        IterState::Lazy(lazy) => match **lazy {
            LazyIter::Enumerate { .. } => "enumerate",
            LazyIter::Zip { .. } => "zip",
            LazyIter::Map { .. } => "map",
            LazyIter::Filter { .. } => "filter",
            LazyIter::Reversed { ref seq, .. } => match seq.payload() {
                Some(Payload::Range(_)) => "range_iterator",
                Some(Payload::List(_)) => "list_reverseiterator",
                // A str, a tuple or a class with `__len__` and `__getitem__`.
                _ => "reversed",
            },
        },
        IterState::Exhausted => "iterator",
    }
}

/// The class of a Rust-implemented object type (`lock`, ...): one per name in
/// `NATIVE_TYPE_NAMES`, made with the type table, so finding it takes no lock.
fn native_class(t: &'static Types, name: &'static str) -> &'static Arc<Obj> {
    match NATIVE_TYPE_NAMES.iter().position(|known| *known == name) {
        Some(at) => &t.natives[at],
        None => unlisted_native_class(name),
    }
}

/// A native type missing from `NATIVE_TYPE_NAMES` (a bug): a class of its name, made
/// anew (and leaked) at every call rather than cached behind a lock.
#[cold]
fn unlisted_native_class(name: &'static str) -> &'static Arc<Obj> {
    debug_assert!(
        false,
        "native type {name} is missing from NATIVE_TYPE_NAMES"
    );
    Box::leak(Box::new(
        new_class(
            name,
            vec![types().object.clone()],
            AttrMap::default(),
            "builtins",
            true,
        )
        .expect("single base"),
    ))
}

pub fn class_name(class: &Arc<Obj>) -> Name {
    class_of(class)
        .map(|c| c.name.clone())
        .unwrap_or_else(|| "?".into())
}

/// A class's `__qualname__` (`f.<locals>.C` for a class defined in a function).
pub fn class_qualname(class: &Arc<Obj>) -> Name {
    class_of(class)
        .map(|c| c.qualname.clone())
        .unwrap_or_else(|| "?".into())
}

/// Looks `name` up in the class and its MRO (a built-in class's dict without a lock).
#[inline]
pub fn lookup_in_class(class: &Arc<Obj>, name: &str) -> Option<Value> {
    let c = class_of(class)?;
    if let Some(value) = c.dict.get(name) {
        return Some(value);
    }
    for base in &c.mro {
        if let Some(bc) = class_of(base) {
            if let Some(value) = bc.dict.get(name) {
                return Some(value);
            }
        }
    }
    None
}

pub fn is_subclass(class: &Arc<Obj>, base: &Arc<Obj>) -> bool {
    if Arc::ptr_eq(class, base) {
        return true;
    }
    class_of(class).is_some_and(|c| c.mro.iter().any(|m| Arc::ptr_eq(m, base)))
}

pub fn is_instance(value: &Value, class: &Arc<Obj>) -> bool {
    is_subclass(type_ref(value), class)
}

pub fn is_exception_class(class: &Arc<Obj>) -> bool {
    is_subclass(class, types().exception(ExcType::BaseException))
}

#[cfg(test)]
mod exc_type_tests {
    use super::{class_name, is_subclass, types, ExcType};

    #[test]
    fn every_exception_type_is_its_own_class_under_its_parent() {
        for (index, kind) in ExcType::ALL.into_iter().enumerate() {
            // `Types::exception` indexes by discriminant: ALL must list declaration order.
            assert_eq!(
                kind as usize, index,
                "{kind} is out of order in ExcType::ALL"
            );
            let class = types().exception(kind);
            assert_eq!(&*class_name(class), kind.name());
            assert!(Arc::ptr_eq(class, &types().exceptions[kind.name()]));
            if let Some(parent) = kind.parent() {
                assert!(
                    (parent as usize) < index,
                    "{parent} must come before {kind}"
                );
                assert!(is_subclass(class, types().exception(parent)));
            }
            assert_eq!(ExcType::from_name(kind.name()), Some(kind));
        }
        assert_eq!(ExcType::from_name("Exceptoin"), None);
    }

    use std::sync::Arc;
}

#[cfg(test)]
mod table_tests {
    use super::{class_of, lookup_in_class, native_class, type_ref, types, NATIVE_TYPE_NAMES};
    use crate::value::Value;
    use std::sync::Arc;

    #[test]
    fn every_class_of_the_table_is_frozen() {
        let t = types();
        let mut classes = vec![&t.object, &t.type_, &t.int, &t.bool_, &t.str_, &t.list];
        classes.extend([&t.dict, &t.set, &t.frozenset, &t.tuple, &t.native]);
        classes.extend(t.exceptions.values());
        classes.extend(t.iterators.values());
        classes.extend(t.natives.iter());
        for class in classes {
            let c = class_of(class).expect("a class");
            assert!(c.is_builtin() && c.dict.mutable().is_none(), "{}", c.name);
        }
        assert!(lookup_in_class(&t.list, "append").is_some());
        assert!(lookup_in_class(&t.dict, "fromkeys").is_some());
        assert!(
            lookup_in_class(&t.bool_, "bit_length").is_some(),
            "through int"
        );
        assert!(lookup_in_class(&t.list, "no_such_method").is_none());
    }

    #[test]
    fn a_value_of_a_built_in_type_borrows_its_class_from_the_table() {
        assert!(Arc::ptr_eq(type_ref(&Value::Int(1)), &types().int));
        for name in NATIVE_TYPE_NAMES {
            let class = native_class(types(), name);
            assert!(Arc::ptr_eq(class, native_class(types(), name)));
            assert_eq!(&*class_of(class).expect("a class").name, name);
        }
    }
}
