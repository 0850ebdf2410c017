//! The built-in classes (int, str, list, ..., the exception hierarchy) and class
//! machinery: `type_of`, method resolution order, subclass checks, attribute lookup on
//! classes. The built-in classes are process-wide singletons created once; their method
//! tables are filled by `builtins` and never change afterwards.

use super::code::Name;
use super::value::{lock, AttrMap, BaseKind, Builtin, BuiltinFn, Class, Obj, Payload, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

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
}

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
    pub const ALL: [ExcType; 33] = [
        ExcType::BaseException,
        ExcType::SystemExit,
        ExcType::KeyboardInterrupt,
        ExcType::GeneratorExit,
        ExcType::Exception,
        ExcType::StopIteration,
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

pub fn new_class(
    name: &str,
    bases: Vec<Arc<Obj>>,
    dict: AttrMap,
    module: &str,
    builtin: bool,
) -> Result<Arc<Obj>, String> {
    let mro = compute_mro(&bases)?;
    let base_kind = if mro
        .iter()
        .any(|c| class_of(c).map(|c| c.base_kind) == Some(BaseKind::Exception))
    {
        BaseKind::Exception
    } else {
        BaseKind::Object
    };
    let qualname = match dict.get("__qualname__") {
        Some(Value::Str(q)) => q.clone(),
        _ => Name::from(name),
    };
    Ok(Arc::new(Obj {
        payload: Payload::Class(Box::new(Class {
            name: name.into(),
            qualname,
            module: module.into(),
            bases,
            mro,
            dict: Mutex::new(dict),
            base_kind,
            is_builtin: builtin,
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

/// The built-in classes; created on first use, with their methods.
pub fn types() -> &'static Types {
    TYPES.get_or_init(|| {
        let object = new_class("object", Vec::new(), AttrMap::new(), "builtins", true)
            .expect("object has no bases");
        let plain = |name: &str| {
            new_class(name, vec![object.clone()], AttrMap::new(), "builtins", true)
                .expect("single base")
        };
        let int = plain("int");
        let bool_ = new_class("bool", vec![int.clone()], AttrMap::new(), "builtins", true)
            .expect("single base");
        let mut exceptions: HashMap<&'static str, Arc<Obj>> = HashMap::new();
        for kind in ExcType::ALL {
            let name = kind.name();
            let base = match kind.parent() {
                None => object.clone(),
                Some(parent) => exceptions[parent.name()].clone(),
            };
            let class =
                new_class(name, vec![base], AttrMap::new(), "builtins", true).expect("single base");
            if let Payload::Class(c) = &class.payload {
                // SAFETY-free trick avoided: base_kind is computed from the MRO, and
                // BaseException itself must be marked as the root of exceptions.
                if kind == ExcType::BaseException {
                    let fixed = Class {
                        name: c.name.clone(),
                        qualname: c.qualname.clone(),
                        module: c.module.clone(),
                        bases: c.bases.clone(),
                        mro: c.mro.clone(),
                        dict: Mutex::new(AttrMap::new()),
                        base_kind: BaseKind::Exception,
                        is_builtin: true,
                    };
                    exceptions.insert(
                        name,
                        Arc::new(Obj {
                            payload: Payload::Class(Box::new(fixed)),
                        }),
                    );
                    continue;
                }
            }
            exceptions.insert(name, class);
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
            ]
            .into_iter()
            .map(|name| (name, plain(name)))
            .collect(),
            int,
            object,
            exceptions,
            by_type,
        };
        super::builtins::install_methods(&types);
        types
    })
}

/// The class of a built-in exception.
pub fn exception_class(kind: ExcType) -> Arc<Obj> {
    types().exception(kind).clone()
}

impl Types {
    /// The class of a built-in exception.
    pub fn exception(&self, kind: ExcType) -> &Arc<Obj> {
        &self.by_type[kind as usize]
    }
}

/// Adds a Rust function as a method of a built-in class (used while building `types`).
pub fn add_method(class: &Arc<Obj>, name: &'static str, func: BuiltinFn) {
    if let Payload::Class(c) = &class.payload {
        let owner = match &*c.name {
            "str" => "str",
            "list" => "list",
            "dict" => "dict",
            "set" => "set",
            "tuple" => "tuple",
            "int" => "int",
            "float" => "float",
            _ => "object",
        };
        lock(&c.dict).insert(
            name.into(),
            Value::obj(Payload::Builtin(Builtin {
                name,
                func,
                bound: None,
                owner: Some(owner),
            })),
        );
    }
}

/// The class of any value.
pub fn type_of(value: &Value) -> Arc<Obj> {
    let t = types();
    match value {
        Value::None => t.none.clone(),
        Value::Bool(_) => t.bool_.clone(),
        Value::Int(_) | Value::BigInt(_) => t.int.clone(),
        Value::Float(_) => t.float.clone(),
        Value::Str(_) => t.str_.clone(),
        Value::Obj(obj) => match &obj.payload {
            Payload::Instance(instance) => instance.class.clone(),
            Payload::Tuple(_) => t.tuple.clone(),
            Payload::List(_) => t.list.clone(),
            Payload::Dict(_) => t.dict.clone(),
            Payload::Set(_) => t.set.clone(),
            Payload::FrozenSet(_) => t.frozenset.clone(),
            Payload::Range(_) => t.range.clone(),
            Payload::Slice(..) => t.slice.clone(),
            Payload::Function(_) => t.function.clone(),
            Payload::Builtin(_) => t.builtin.clone(),
            Payload::BoundMethod(..) => t.method.clone(),
            Payload::Class(_) => t.type_.clone(),
            Payload::Module(_) => t.module.clone(),
            Payload::Cell(_) => t.cell.clone(),
            Payload::Iterator(state) => {
                let name = iterator_type_name(&lock(state));
                t.iterators
                    .get(name)
                    .cloned()
                    .unwrap_or_else(|| t.iterator.clone())
            }
            Payload::Generator(g) if g.is_coroutine => t.coroutine.clone(),
            Payload::Generator(_) => t.generator.clone(),
            Payload::Property(..) => t.property.clone(),
            Payload::StaticMethod(_) => t.staticmethod.clone(),
            Payload::ClassMethod(_) => t.classmethod.clone(),
            Payload::Code(_) => t.code.clone(),
            Payload::DictView(..) | Payload::Super(..) => t.native.clone(),
            Payload::Native(native) => native_class(native.type_name()),
        },
    }
}

pub fn type_name(value: &Value) -> String {
    match value {
        Value::Obj(obj) => match &obj.payload {
            Payload::Native(native) => native.type_name().to_string(),
            Payload::DictView(..) | Payload::Super(..) => obj.payload.kind_name().to_string(),
            Payload::Iterator(state) => iterator_type_name(&lock(state)).to_string(),
            _ => class_name(&type_of(value)).to_string(),
        },
        _ => class_name(&type_of(value)).to_string(),
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
            LazyIter::Reversed { .. } => "list_reverseiterator",
        },
        IterState::Exhausted => "iterator",
    }
}

/// One class per Rust-implemented object type (`lock`, ...), made on first use.
fn native_class(name: &'static str) -> Arc<Obj> {
    static CLASSES: std::sync::OnceLock<Mutex<HashMap<&'static str, Arc<Obj>>>> =
        std::sync::OnceLock::new();
    let classes = CLASSES.get_or_init(|| Mutex::new(HashMap::new()));
    lock(classes)
        .entry(name)
        .or_insert_with(|| {
            new_class(
                name,
                vec![types().object.clone()],
                AttrMap::new(),
                "builtins",
                true,
            )
            .expect("single base")
        })
        .clone()
}

pub fn class_name(class: &Arc<Obj>) -> Name {
    class_of(class)
        .map(|c| c.name.clone())
        .unwrap_or_else(|| "?".into())
}

/// Looks `name` up in the class and its MRO.
pub fn lookup_in_class(class: &Arc<Obj>, name: &str) -> Option<Value> {
    let c = class_of(class)?;
    if let Some(value) = lock(&c.dict).get(name) {
        return Some(value.clone());
    }
    for base in &c.mro {
        if let Some(bc) = class_of(base) {
            if let Some(value) = lock(&bc.dict).get(name) {
                return Some(value.clone());
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
    is_subclass(&type_of(value), class)
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
