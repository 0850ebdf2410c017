//! Python values and the objects behind them.
//!
//! Small immutable values (None, bool, int, float) live inline; everything else is an
//! `Arc<Obj>` shared by every thread that can see it. Mutable objects guard their state
//! with their own mutex (as free-threaded CPython does), so concurrent Python threads can
//! never corrupt Rust memory, while Python-level read-modify-write races stay possible.
//! A lock here is held only for the few instructions of one operation and never while
//! Python code runs (calling back into Python with a lock held could deadlock). What
//! never changes needs no lock: a built-in class's dict is frozen once the built-in
//! types are built (`ClassDict::Frozen`).

use super::code::{CodeObject, Name};
use indexmap::IndexMap;
use num_bigint::BigInt;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

pub use crate::objlock::{Mutex, MutexGuard};

/// Lock a per-object mutex ([`Mutex`], the light lock of `objlock`) or one of the
/// runtime's `std::sync::Mutex`es; see [`Lockable`].
#[inline]
pub fn lock<M: Lockable + ?Sized>(mutex: &M) -> M::Guard<'_> {
    mutex.lock_now()
}

/// A mutex [`lock`] can take. For `std::sync::Mutex`, a panic while holding one is a bug
/// elsewhere, and the data is still structurally valid, so poisoning is ignored; the
/// object lock has no poisoning (an unwinding panic releases it).
pub trait Lockable {
    type Guard<'a>
    where
        Self: 'a;
    fn lock_now(&self) -> Self::Guard<'_>;
}

impl<T: ?Sized> Lockable for Mutex<T> {
    type Guard<'a>
        = MutexGuard<'a, T>
    where
        Self: 'a;
    #[inline]
    fn lock_now(&self) -> MutexGuard<'_, T> {
        self.lock()
    }
}

// What deref coercion did for `lock(&arc)` when `lock` took a concrete `&Mutex<T>`.
impl<M: Lockable + ?Sized> Lockable for Arc<M> {
    type Guard<'a>
        = M::Guard<'a>
    where
        Self: 'a;
    #[inline]
    fn lock_now(&self) -> M::Guard<'_> {
        (**self).lock_now()
    }
}

impl<M: Lockable + ?Sized> Lockable for Box<M> {
    type Guard<'a>
        = M::Guard<'a>
    where
        Self: 'a;
    #[inline]
    fn lock_now(&self) -> M::Guard<'_> {
        (**self).lock_now()
    }
}

impl<T: ?Sized> Lockable for std::sync::Mutex<T> {
    type Guard<'a>
        = std::sync::MutexGuard<'a, T>
    where
        Self: 'a;
    #[inline]
    fn lock_now(&self) -> std::sync::MutexGuard<'_, T> {
        self.lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    /// Only for ints outside i64; arithmetic normalises back to `Int` when it fits.
    BigInt(Arc<BigInt>),
    Float(f64),
    Str(Arc<str>),
    Obj(Arc<Obj>),
}

/// Written out (not derived) to be inlined: a derived `clone` stayed an out-of-line call
/// in the interpreter's hot paths, returning the value through memory the caller then
/// reread at another width (a store-forwarding stall per clone, a twentieth of the time
/// of an attribute-heavy program).
impl Clone for Value {
    ///
    /// The copy is one bitwise read of the whole value after the count of a shared
    /// variant was raised, not a value rebuilt per variant: rebuilt, the tag and payload
    /// were written to the stack piecewise and reread at other widths (store-forwarding
    /// stalls, a third of the time of the in-place list read in a float-heavy program).
    #[inline(always)]
    fn clone(&self) -> Value {
        match self {
            Value::BigInt(i) => std::mem::forget(Arc::clone(i)),
            Value::Str(s) => std::mem::forget(Arc::clone(s)),
            Value::Obj(o) => std::mem::forget(Arc::clone(o)),
            Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) => {}
        }
        // SAFETY: the other variants are plain data, and each shared one holds an `Arc`
        // whose count was raised just above for the copy made here (the count the
        // copy's drop gives back).
        unsafe { std::ptr::read(self) }
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::None => write!(f, "None"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::BigInt(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{x:?}"),
            Value::Str(s) => write!(f, "{s:?}"),
            Value::Obj(o) => write!(f, "<{}>", o.payload.kind_name()),
        }
    }
}

impl Value {
    pub fn str(text: impl Into<Arc<str>>) -> Value {
        Value::Str(text.into())
    }

    pub fn int_from_big(value: BigInt) -> Value {
        match i64::try_from(&value) {
            Ok(small) => Value::Int(small),
            Err(_) => Value::BigInt(Arc::new(value)),
        }
    }

    pub fn obj(payload: Payload) -> Value {
        Value::Obj(Arc::new(Obj { payload, ext: None }))
    }

    /// An instance of a program's subclass of a built-in type: the built-in's payload
    /// (so every built-in operation works on it) plus the class and an attribute dict.
    pub fn obj_of_class(payload: Payload, class: Arc<Obj>) -> Value {
        Value::Obj(Arc::new(Obj {
            payload,
            ext: Some(Box::new(SubclassData {
                class,
                dict: Mutex::new(AttrMap::default()),
            })),
        }))
    }

    pub fn as_obj(&self) -> Option<&Arc<Obj>> {
        match self {
            Value::Obj(o) => Some(o),
            _ => None,
        }
    }

    pub fn payload(&self) -> Option<&Payload> {
        self.as_obj().map(|o| &o.payload)
    }

    /// An instance of a program's subclass of a built-in type (`Obj::ext`).
    #[inline]
    pub fn is_subclass_instance(&self) -> bool {
        matches!(self, Value::Obj(o) if o.ext.is_some())
    }

    /// The inline value of an instance of a subclass of int, float or str.
    #[inline]
    pub fn scalar_inner(&self) -> Option<&Value> {
        match self.payload() {
            Some(Payload::Scalar(inner)) => Some(inner),
            _ => None,
        }
    }

    pub fn is_class(&self) -> bool {
        matches!(self.payload(), Some(Payload::Class(_)))
    }

    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// Python `is`.
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            // Small ints are cached in CPython; equal ints in the i64 range are "is"-equal
            // often enough that learners' `x is 5` checks behave as they expect.
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Str(a), Value::Str(b)) => Arc::ptr_eq(a, b) || (a.len() <= 1 && a == b),
            (Value::BigInt(a), Value::BigInt(b)) => Arc::ptr_eq(a, b),
            (Value::Obj(a), Value::Obj(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// A stable identity number for `id()`.
    pub fn identity(&self) -> usize {
        match self {
            Value::Obj(o) => Arc::as_ptr(o) as *const u8 as usize,
            Value::Str(s) => Arc::as_ptr(s) as *const u8 as usize,
            Value::BigInt(b) => Arc::as_ptr(b) as *const u8 as usize,
            Value::None => 0x1000,
            Value::Bool(b) => 0x2000 + usize::from(*b),
            Value::Int(i) => 0x10_0000usize.wrapping_add((*i as usize).wrapping_mul(32)),
            Value::Float(x) => (x.to_bits() as usize) | 1,
        }
    }
}

/// A heap object: its payload says what kind of object it is.
pub struct Obj {
    pub payload: Payload,
    /// Set only on instances of a program's subclass of a built-in type
    /// (`class C(dict)`): the payload stays the built-in's, so the built-in operations
    /// see a dict, while the type and the instance attributes come from here. Boxed so
    /// that every other object pays one pointer for it.
    pub ext: Option<Box<SubclassData>>,
}

/// The class and attributes of an instance of a subclass of a built-in type.
pub struct SubclassData {
    pub class: Arc<Obj>,
    pub dict: Mutex<AttrMap>,
}

/// Name-keyed attributes (instance, class, function and module namespaces, the
/// builtins snapshot), in insertion order. The keys are identifiers a program chose for
/// itself, so they are hashed with a fast non-cryptographic hasher (FxHash): SipHash,
/// the default, was about 12% of the instructions of attribute-heavy programs (issue 16).
pub type AttrMap = IndexMap<Name, Value, rustc_hash::FxBuildHasher>;

pub enum Payload {
    Tuple(Vec<Value>),
    List(Mutex<Vec<Value>>),
    Dict(Mutex<Dict>),
    Set(Mutex<Set>),
    FrozenSet(Set),
    Range(Range),
    Slice(Value, Value, Value),
    /// Boxed, like `Class`: the largest payloads would otherwise set the size of every
    /// object (a list or an instance would cost as much as a function).
    Function(Box<Function>),
    Builtin(Builtin),
    /// A function bound to its receiver (`obj.method`).
    BoundMethod(Value, Value),
    Class(Box<Class>),
    Instance(Instance),
    Module(Module),
    Cell(Mutex<Option<Value>>),
    Iterator(Mutex<IterState>),
    /// A generator, or a coroutine (`async def`), which runs on the same machinery.
    Generator(Generator),
    Property(Value, Value),
    StaticMethod(Value),
    ClassMethod(Value),
    /// A compiled code object (a constant of the enclosing code).
    Code(Arc<CodeObject>),
    /// `dict.keys()`, `.values()`, `.items()`: live views of the dict.
    DictView(DictViewKind, Value),
    /// `super()`: attribute lookups start after `class` in the MRO of `object`'s type.
    Super(Arc<Obj>, Value),
    /// Objects implemented in Rust by modules (locks, events, queues...).
    Native(Box<dyn NativeObject>),
    /// The value of an instance of a program's subclass of int, float or str (always
    /// with `Obj::ext`): built-in operations use the inline value inside.
    Scalar(Value),
}

impl Payload {
    pub fn kind_name(&self) -> &'static str {
        match self {
            Payload::Tuple(_) => "tuple",
            Payload::List(_) => "list",
            Payload::Dict(_) => "dict",
            Payload::Set(_) => "set",
            Payload::FrozenSet(_) => "frozenset",
            Payload::Range(_) => "range",
            Payload::Slice(..) => "slice",
            Payload::Function(_) => "function",
            Payload::Builtin(_) => "builtin_function_or_method",
            Payload::BoundMethod(..) => "method",
            Payload::Class(_) => "type",
            Payload::Instance(_) => "instance",
            Payload::Module(_) => "module",
            Payload::Cell(_) => "cell",
            Payload::Iterator(_) => "iterator",
            Payload::Generator(g) if g.is_async_gen => "async_generator",
            Payload::Generator(g) if g.is_coroutine => "coroutine",
            Payload::Generator(_) => "generator",
            Payload::Property(..) => "property",
            Payload::StaticMethod(_) => "staticmethod",
            Payload::ClassMethod(_) => "classmethod",
            Payload::Code(_) => "code",
            Payload::DictView(DictViewKind::Keys, _) => "dict_keys",
            Payload::DictView(DictViewKind::Values, _) => "dict_values",
            Payload::DictView(DictViewKind::Items, _) => "dict_items",
            Payload::Super(..) => "super",
            Payload::Native(n) => n.type_name(),
            Payload::Scalar(_) => "scalar",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DictViewKind {
    Keys,
    Values,
    Items,
}

/// Rust-implemented objects; the methods are looked up by name through `call_method`.
pub trait NativeObject: Send + Sync {
    fn type_name(&self) -> &'static str;
    fn as_any(&self) -> &dyn std::any::Any;
}

/// A hashable key of a dict or set: the value with its Python hash computed once.
#[derive(Clone)]
pub struct Key {
    pub hash: i64,
    pub value: Value,
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.hash == other.hash && super::ops::key_equal(&self.value, &other.value)
    }
}
impl Eq for Key {}
impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_i64(self.hash);
    }
}

pub use crate::dict_table::Dict;
/// A set table laid out exactly as CPython's `setobject.c` lays it out (open addressing
/// with linear probes, perturbed probing, dummies on deletion, the same resize rule), so
/// iteration order, which is slot order, matches CPython's for the same hashes.
#[derive(Clone)]
pub struct Set {
    table: Vec<Slot>,
    /// Active plus dummy slots.
    fill: usize,
    /// Active slots.
    used: usize,
    /// Where `pop` starts searching.
    finger: usize,
}

#[derive(Clone)]
enum Slot {
    Empty,
    Dummy,
    Active(Key),
}

const SET_MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

impl Default for Set {
    fn default() -> Set {
        Set::new()
    }
}

impl Set {
    pub fn new() -> Set {
        Set {
            table: vec![Slot::Empty; SET_MIN_SIZE],
            fill: 0,
            used: 0,
            finger: 0,
        }
    }

    pub fn len(&self) -> usize {
        self.used
    }

    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    fn mask(&self) -> usize {
        self.table.len() - 1
    }

    /// The slot holding `key`, if present (CPython's `set_lookkey`).
    fn find(&self, key: &Key) -> Option<usize> {
        self.find_by(key.hash, &key.value)
    }

    /// [`Set::find`] for a key given as its hash and a borrowed value.
    #[inline]
    fn find_by(&self, hash: i64, value: &Value) -> Option<usize> {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                match &self.table[j] {
                    Slot::Empty => return None,
                    Slot::Active(stored)
                        if stored.hash == hash && super::ops::key_equal(&stored.value, value) =>
                    {
                        return Some(j)
                    }
                    _ => {}
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    pub fn contains(&self, key: &Key) -> bool {
        self.find(key).is_some()
    }

    /// [`Set::contains`] for a key given as its hash and a borrowed value (a lookup
    /// that needs no `Key` of its own).
    pub fn contains_by(&self, hash: i64, value: &Value) -> bool {
        self.find_by(hash, value).is_some()
    }

    /// The stored key equal to `key`.
    pub fn get(&self, key: &Key) -> Option<&Key> {
        match self.find(key).map(|at| &self.table[at]) {
            Some(Slot::Active(stored)) => Some(stored),
            _ => None,
        }
    }

    /// Adds `key`; false when an equal key was already present (CPython's
    /// `set_add_entry`).
    pub fn insert(&mut self, key: Key) -> bool {
        let mask = self.mask();
        let mut perturb = key.hash as u64;
        let mut i = (key.hash as u64 as usize) & mask;
        let mut freeslot: Option<usize> = None;
        let unused = loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            let mut found = None;
            for j in i..=i + probes {
                match &self.table[j] {
                    Slot::Empty => {
                        found = Some(j);
                        break;
                    }
                    Slot::Active(stored) => {
                        if *stored == key {
                            return false;
                        }
                    }
                    Slot::Dummy => {
                        if freeslot.is_none() {
                            freeslot = Some(j);
                        }
                    }
                }
            }
            if let Some(j) = found {
                break j;
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        };
        if let Some(free) = freeslot {
            self.used += 1;
            self.table[free] = Slot::Active(key);
            return true;
        }
        self.fill += 1;
        self.used += 1;
        self.table[unused] = Slot::Active(key);
        if self.fill * 5 >= mask * 3 {
            let minused = if self.used > 50000 {
                self.used * 2
            } else {
                self.used * 4
            };
            self.resize(minused);
        }
        true
    }

    /// CPython's `set_insert_clean`: into a table with no dummies and no equal key.
    fn insert_clean(table: &mut [Slot], key: Key) {
        let mask = table.len() - 1;
        let mut perturb = key.hash as u64;
        let mut i = (key.hash as u64 as usize) & mask;
        loop {
            if matches!(table[i], Slot::Empty) {
                table[i] = Slot::Active(key);
                return;
            }
            if i + LINEAR_PROBES <= mask {
                let probed = table[i + 1..=i + LINEAR_PROBES]
                    .iter_mut()
                    .find(|slot| matches!(slot, Slot::Empty));
                if let Some(slot) = probed {
                    *slot = Slot::Active(key);
                    return;
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    /// CPython's `set_table_resize`.
    fn resize(&mut self, minused: usize) {
        let mut size = SET_MIN_SIZE;
        while size <= minused {
            size <<= 1;
        }
        let old = std::mem::replace(&mut self.table, vec![Slot::Empty; size]);
        self.fill = self.used;
        for slot in old {
            if let Slot::Active(key) = slot {
                Set::insert_clean(&mut self.table, key);
            }
        }
    }

    /// Removes `key`; false when it was absent (CPython's `set_discard_entry`).
    pub fn remove(&mut self, key: &Key) -> bool {
        self.remove_by(key.hash, &key.value)
    }

    /// [`Set::remove`] for a key given as its hash and a borrowed value.
    pub fn remove_by(&mut self, hash: i64, value: &Value) -> bool {
        match self.find_by(hash, value) {
            Some(at) => {
                self.table[at] = Slot::Dummy;
                self.used -= 1;
                true
            }
            None => false,
        }
    }

    /// Same as [`Set::remove`] (the name `IndexSet` uses).
    pub fn shift_remove(&mut self, key: &Key) -> bool {
        self.remove(key)
    }

    /// Removes and returns an arbitrary key, as CPython's `set.pop` picks it.
    pub fn pop(&mut self) -> Option<Key> {
        if self.used == 0 {
            return None;
        }
        let mask = self.mask();
        let mut at = self.finger & mask;
        while !matches!(self.table[at], Slot::Active(_)) {
            at = (at + 1) & mask;
        }
        let Slot::Active(key) = std::mem::replace(&mut self.table[at], Slot::Dummy) else {
            return None;
        };
        self.used -= 1;
        self.finger = at + 1;
        Some(key)
    }

    pub fn clear(&mut self) {
        *self = Set::new();
    }

    /// The keys in slot order.
    pub fn iter(&self) -> SetIter<'_> {
        SetIter {
            slots: self.table.iter(),
        }
    }

    /// The first key at slot `position` or after, with its slot (for iterators that
    /// keep a position between steps).
    pub fn next_from(&self, position: usize) -> Option<(usize, &Key)> {
        self.table
            .iter()
            .enumerate()
            .skip(position)
            .find_map(|(at, slot)| match slot {
                Slot::Active(key) => Some((at, key)),
                _ => None,
            })
    }

    /// CPython's `set_merge` (`set.update` with another set, and copies).
    pub fn merge(&mut self, other: &Set) {
        if other.used == 0 {
            return;
        }
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill == 0 && self.mask() == other.mask() && other.fill == other.used {
            self.table.clone_from(&other.table);
            self.fill = other.fill;
            self.used = other.used;
            return;
        }
        if self.fill == 0 {
            self.fill = other.used;
            self.used = other.used;
            for key in other.iter() {
                Set::insert_clean(&mut self.table, key.clone());
            }
            return;
        }
        for key in other.iter() {
            self.insert(key.clone());
        }
    }

    /// A copy laid out as CPython's `set.copy()` lays it out.
    pub fn copied(&self) -> Set {
        let mut result = Set::new();
        result.merge(self);
        result
    }

    /// CPython's `set_update_internal` with a dict: one resize first, then insertions.
    pub fn update_presized(&mut self, keys: Vec<Key>) {
        if (self.fill + keys.len()) * 5 >= self.mask() * 3 {
            self.resize((self.used + keys.len()) * 2);
        }
        for key in keys {
            self.insert(key);
        }
    }

    /// `self | other`.
    pub fn union(&self, other: &Set) -> Set {
        let mut result = self.copied();
        result.merge(other);
        result
    }

    /// `self & other`: iterates the smaller set, as CPython does.
    pub fn intersection(&self, other: &Set) -> Set {
        let (big, small) = if other.len() > self.len() {
            (other, self)
        } else {
            (self, other)
        };
        let mut result = Set::new();
        for key in small.iter() {
            if big.contains(key) {
                result.insert(key.clone());
            }
        }
        result
    }

    /// `self - other`.
    pub fn difference(&self, other: &Set) -> Set {
        if (self.len() >> 2) > other.len() {
            let mut result = self.copied();
            result.difference_update(other);
            return result;
        }
        let mut result = Set::new();
        for key in self.iter() {
            if !other.contains(key) {
                result.insert(key.clone());
            }
        }
        result
    }

    /// `self ^ other`: a copy of `other` updated with `self`, as CPython does.
    pub fn symmetric_difference(&self, other: &Set) -> Set {
        let mut result = other.copied();
        result.symmetric_difference_update(self);
        result
    }

    pub fn intersection_update(&mut self, other: &Set) {
        *self = self.intersection(other);
    }

    pub fn difference_update(&mut self, other: &Set) {
        for key in other.iter() {
            self.remove(key);
        }
    }

    pub fn symmetric_difference_update(&mut self, other: &Set) {
        for key in other.iter() {
            if !self.remove(key) {
                self.insert(key.clone());
            }
        }
    }
}

/// The keys of a [`Set`] in slot order.
pub struct SetIter<'a> {
    slots: std::slice::Iter<'a, Slot>,
}

impl<'a> Iterator for SetIter<'a> {
    type Item = &'a Key;

    fn next(&mut self) -> Option<&'a Key> {
        self.slots.by_ref().find_map(|slot| match slot {
            Slot::Active(key) => Some(key),
            _ => None,
        })
    }
}

impl FromIterator<Key> for Set {
    fn from_iter<I: IntoIterator<Item = Key>>(iter: I) -> Set {
        let mut set = Set::new();
        set.extend(iter);
        set
    }
}

impl Extend<Key> for Set {
    fn extend<I: IntoIterator<Item = Key>>(&mut self, iter: I) {
        for key in iter {
            self.insert(key);
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Range {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl Range {
    pub fn len(&self) -> i64 {
        if self.step > 0 && self.start < self.stop {
            (self.stop - self.start - 1) / self.step + 1
        } else if self.step < 0 && self.start > self.stop {
            (self.start - self.stop - 1) / (-self.step) + 1
        } else {
            0
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn item(&self, index: i64) -> i64 {
        self.start + index * self.step
    }
}

pub struct Function {
    pub code: Arc<CodeObject>,
    pub globals: Arc<Globals>,
    pub defaults: Vec<Value>,
    pub kwdefaults: Vec<(Name, Value)>,
    /// Cells for the code's free variables.
    pub closure: Vec<Value>,
    pub name: Name,
    pub qualname: Name,
    pub attrs: Mutex<AttrMap>,
}

pub type BuiltinFn = fn(&mut super::interp::Vm, Args) -> super::PyResult<Value>;

pub struct Builtin {
    pub name: &'static str,
    pub func: BuiltinFn,
    /// For module functions: the receiver is prepended (e.g. a module-level native object).
    pub bound: Option<Value>,
    /// The type that owns a method (for reprs like `<method 'append' of 'list' objects>`).
    pub owner: Option<&'static str>,
    /// For methods of built-in types: the argument count CPython checks before the call
    /// (`self` not counted), so a wrong count gets CPython's wording.
    pub arity: Option<Arity>,
    /// Which of the commonest built-ins this is, resolved once when it is made, so the
    /// interpreter's direct call path (`Vm::call_builtin_direct`) is one jump on a tag
    /// rather than a comparison of names per call.
    pub direct: DirectCall,
}

/// The built-ins the interpreter runs on the stack values without an argument vector
/// (see `Vm::call_builtin_direct`); `Other` for every other built-in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectCall {
    Other,
    /// The built-in function `len`.
    Len,
    /// The built-in function `abs`.
    Abs,
    ListAppend,
    DictGet,
    DictSetdefault,
    SetAdd,
    SetDiscard,
}

impl DirectCall {
    /// The tag of the method `name` of the built-in class `owner`.
    pub fn method(owner: &str, name: &str) -> DirectCall {
        match (owner, name) {
            ("list", "append") => DirectCall::ListAppend,
            ("dict", "get") => DirectCall::DictGet,
            ("dict", "setdefault") => DirectCall::DictSetdefault,
            ("set", "add") => DirectCall::SetAdd,
            ("set", "discard") => DirectCall::SetDiscard,
            _ => DirectCall::Other,
        }
    }
}

/// How many arguments (besides `self`) a built-in method takes, and how CPython words
/// the TypeError for a wrong count.
#[derive(Clone, Copy, Debug)]
pub struct Arity {
    pub min: u8,
    /// 255: any number.
    pub max: u8,
    pub style: ArityStyle,
}

/// The wording of a wrong-count TypeError, which follows the method's C calling convention.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArityStyle {
    /// METH_NOARGS: "str.upper() takes no arguments (1 given)".
    NoArgs,
    /// METH_O: "list.append() takes exactly one argument (0 given)".
    ExactlyOne,
    /// Argument Clinic: "get expected at most 2 arguments, got 3".
    Clinic,
    /// PyArg_ParseTuple: "find() takes at least 1 argument (0 given)".
    Tuple,
    /// Keyword-only parameters: "sort() takes no positional arguments".
    NoPositional,
}

/// Call arguments after evaluation.
#[derive(Default, Clone)]
pub struct Args {
    pub positional: Positional,
    pub keywords: Vec<(Name, Value)>,
}

/// A call's positional arguments: up to `INLINE_ARGS` of them are held inline, so the
/// commonest calls of built-ins allocate no argument vector.
pub type Positional = smallvec::SmallVec<[Value; INLINE_ARGS]>;

/// How many positional arguments [`Positional`] holds without allocating (a method's
/// receiver counts).
pub const INLINE_ARGS: usize = 3;

impl Args {
    /// Arguments from a `Vec` (kept as it is) or a [`Positional`] (`smallvec!`).
    #[inline]
    pub fn new(positional: impl Into<Positional>) -> Args {
        Args {
            positional: positional.into(),
            keywords: Vec::new(),
        }
    }

    /// Arguments already gathered in a [`Positional`].
    #[inline]
    pub fn positional(positional: Positional) -> Args {
        Args {
            positional,
            keywords: Vec::new(),
        }
    }
}

/// Which built-in type a class is or derives from: instances of user classes that derive
/// from a built-in keep the built-in's behaviour for these.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaseKind {
    Object,
    Exception,
    /// Derives from a built-in type whose instances carry its payload (list, dict, set,
    /// frozenset, tuple, int, float, str): instances are `Obj::ext` objects.
    Data,
    /// A metaclass (derives from `type`): its instances are classes.
    Type,
}

pub struct Class {
    pub name: Name,
    pub qualname: Name,
    pub module: Name,
    pub bases: Vec<Arc<Obj>>,
    /// Method resolution order, excluding the class itself.
    pub mro: Vec<Arc<Obj>>,
    pub dict: ClassDict,
    pub base_kind: BaseKind,
    /// The class's own metaclass when a program gave it one (`type` otherwise).
    pub metaclass: Option<Arc<Obj>>,
}

impl Class {
    /// Built-in types refuse new attributes (their dict is frozen).
    pub fn is_builtin(&self) -> bool {
        matches!(self.dict, ClassDict::Frozen(_))
    }
}

/// Changes (after the change is made) at every write to any program's class dict, in
/// every run of the process: what a thread's class attribute cache
/// (`interp::class_cache`) checks its answers against. Writes to class dicts are rare
/// once classes are built, so one number for all classes is enough.
static CLASS_EPOCH: AtomicU64 = AtomicU64::new(1);

/// The current class-dict epoch (see `CLASS_EPOCH`).
#[inline]
pub fn class_epoch() -> u64 {
    CLASS_EPOCH.load(Ordering::Acquire)
}

/// A class's own attributes.
pub enum ClassDict {
    /// A built-in class: filled once while the built-in types are built, then never
    /// changed, so every thread of every run reads it without a lock (unset means
    /// empty: a built-in class without methods of its own).
    Frozen(OnceLock<AttrMap>),
    /// A class a program made: its attributes can change while threads run, so they
    /// sit behind the class's own mutex.
    Mutable(Mutex<AttrMap>),
}

impl ClassDict {
    /// The attribute `name`, if the class itself has it.
    #[inline]
    pub fn get(&self, name: &str) -> Option<Value> {
        match self {
            ClassDict::Frozen(dict) => dict.get()?.get(name).cloned(),
            ClassDict::Mutable(dict) => lock(dict).get(name).cloned(),
        }
    }

    /// A copy of the attributes (for `__dict__`).
    pub fn to_map(&self) -> AttrMap {
        match self {
            ClassDict::Frozen(dict) => dict.get().cloned().unwrap_or_default(),
            ClassDict::Mutable(dict) => lock(dict).clone(),
        }
    }

    /// The attribute names, in definition order.
    pub fn names(&self) -> Vec<Name> {
        match self {
            ClassDict::Frozen(dict) => dict
                .get()
                .map(|dict| dict.keys().cloned().collect())
                .unwrap_or_default(),
            ClassDict::Mutable(dict) => lock(dict).keys().cloned().collect(),
        }
    }

    /// Sets an attribute of a program's class; false (and nothing changes) for a
    /// built-in class. Every write to a class dict goes through here or `remove`, so the
    /// threads' class attribute caches see it.
    pub fn insert(&self, name: Name, value: Value) -> bool {
        let ClassDict::Mutable(dict) = self else {
            return false;
        };
        let mut attrs = lock(dict);
        let old = attrs.insert(name, value);
        CLASS_EPOCH.fetch_add(1, Ordering::AcqRel);
        drop(attrs);
        drop(old);
        true
    }

    /// Removes an attribute of a program's class (None if absent or built-in).
    pub fn remove(&self, name: &str) -> Option<Value> {
        let ClassDict::Mutable(dict) = self else {
            return None;
        };
        let removed = lock(dict).shift_remove(name);
        if removed.is_some() {
            CLASS_EPOCH.fetch_add(1, Ordering::AcqRel);
        }
        removed
    }

    /// The attributes of a program's class, to read or to empty at teardown (None for
    /// a built-in class). Writes while the run's threads live go through `insert` and
    /// `remove`, never through this.
    pub fn mutable(&self) -> Option<&Mutex<AttrMap>> {
        match self {
            ClassDict::Frozen(_) => None,
            ClassDict::Mutable(dict) => Some(dict),
        }
    }
}

pub struct Instance {
    pub class: Arc<Obj>,
    pub dict: Mutex<AttrMap>,
    /// Present on exceptions (boxed: most instances are not exceptions).
    pub exception: Option<Box<Mutex<ExceptionData>>>,
}

impl Instance {
    /// Whether a program may give it new attributes: not an instance of a built-in class
    /// other than an exception (`object()`, `NotImplemented`, traceback objects refuse,
    /// as in CPython; `NotImplemented` is shared by every run in the process).
    pub fn takes_attributes(&self) -> bool {
        self.exception.is_some()
            || !matches!(&self.class.payload, Payload::Class(class) if class.is_builtin())
    }
}

#[derive(Default, Clone)]
pub struct ExceptionData {
    pub args: Vec<Value>,
    /// Where the exception passed, innermost frame first (added as it unwinds).
    pub traceback: Vec<TracebackEntry>,
    /// The frame each traceback entry came from (to skip duplicates on re-raise).
    pub traceback_frames: Vec<u64>,
    /// `__traceback__` as built last, for how many entries (so it stays the same object
    /// until the exception travels further).
    pub traceback_object: Option<(usize, Value)>,
    pub cause: Option<Value>,
    pub context: Option<Value>,
    pub suppress_context: bool,
}

#[derive(Clone)]
pub struct TracebackEntry {
    pub filename: Name,
    pub line: u32,
    pub function: Name,
}

pub struct Globals {
    pub name: Name,
    /// The namespace. Read it under [`lock`]; change it only through
    /// [`Globals::write`], which counts the change in `version`.
    pub vars: Mutex<AttrMap>,
    /// How many times `vars` was (or may have been) changed: any name added, rebound or
    /// removed, or `vars` replaced. Bumped while `vars` is locked, so read under the lock
    /// it tells exactly which state `vars` is in; read without it (an acquire load), an
    /// unchanged count means no write ordered before the read happened since (the
    /// per-thread global cache of `interp::names` returns its copy of a value then).
    pub version: std::sync::atomic::AtomicU64,
}

impl Globals {
    /// Locks `vars` to change it, counting the change first (see `version`).
    #[inline]
    pub fn write(&self) -> MutexGuard<'_, AttrMap> {
        let vars = lock(&self.vars);
        self.version
            .fetch_add(1, std::sync::atomic::Ordering::Release);
        vars
    }

    /// The change count; exact when read with `vars` locked.
    #[inline]
    pub fn version(&self) -> u64 {
        self.version.load(std::sync::atomic::Ordering::Acquire)
    }
}

/// A module. A program changes its attributes only through
/// `interp::builtin_names::BuiltinNames::change_module`, which keeps the threads'
/// snapshots of `builtins` right when the module is `builtins`.
pub struct Module {
    pub name: Name,
    pub globals: Arc<Globals>,
}

pub enum IterState {
    Seq {
        seq: Value,
        index: usize,
    },
    /// Keys, values or items of a dict (`view`; `Keys` for a set's items), read from
    /// the table one at a time as CPython's dict iterators do, failing if it changes
    /// size meanwhile.
    Hashed {
        container: Value,
        index: usize,
        len: usize,
        view: DictViewKind,
    },
    Range {
        next: i64,
        stop: i64,
        step: i64,
    },
    /// Items already materialised (dict views, sets, strings...).
    Items {
        items: Vec<Value>,
        index: usize,
    },
    /// `iter(callable, sentinel)`, map, filter, zip, enumerate work through `Lazy`.
    Lazy(Box<LazyIter>),
    Exhausted,
}

pub enum LazyIter {
    Enumerate {
        inner: Value,
        count: Value,
    },
    /// `strict`: `zip(..., strict=True)` raises when the inputs differ in length.
    Zip {
        inners: Vec<Value>,
        strict: bool,
    },
    Map {
        func: Value,
        inners: Vec<Value>,
    },
    Filter {
        func: Value,
        inner: Value,
    },
    Reversed {
        seq: Value,
        index: usize,
    },
}

/// A suspended Python frame driven step by step: a generator or a coroutine.
pub struct Generator {
    pub state: Mutex<GeneratorState>,
    /// Made by an `async def`: awaitable, not iterable, reprs and errors say "coroutine".
    pub is_coroutine: bool,
    /// Made by an `async def` with `yield`: also `is_coroutine` (so never iterable), but
    /// not awaitable; driven through the awaitables of `asend`/`athrow`/`aclose`.
    pub is_async_gen: bool,
    /// The function's qualified name, for the repr.
    pub qualname: Name,
}

impl Generator {
    /// "generator" or "coroutine", as CPython's messages call it.
    pub fn kind(&self) -> &'static str {
        if self.is_async_gen {
            "async_generator"
        } else if self.is_coroutine {
            "coroutine"
        } else {
            "generator"
        }
    }
}

pub enum GeneratorState {
    /// Not started or suspended at a `yield`: the frame is stored here.
    Suspended(Box<super::interp::Frame>),
    Running,
    Finished,
}
