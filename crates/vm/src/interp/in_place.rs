//! Reading and writing through a fast local in place: `LoadFast` together with the
//! instruction(s) after it, when those only read an item or attribute of the local's
//! object (`row[i]`, `self.x`) or write one (`row[i] = v`, `self.x = v`).
//!
//! A plain `LoadFast` clones the local (an atomic increment of the object's count) only
//! for the next instruction to index it and drop it (an atomic decrement): a profile of
//! list and attribute-heavy programs showed that pair as a sixth of the loop's time.
//! Here the object is borrowed from the frame's locals and only the item read is cloned.
//!
//! Only the outcome of the common case is done here, and only when it cannot fail or run
//! Python code: a list or tuple (not a subclass) indexed by an int in range; an instance
//! of a program's class whose attribute is in its dict, or a plain value (int, float,
//! str, bool, None) on its class with no property, descriptor or custom `__setattr__` in
//! the way. Everything else returns None having done nothing, and the instructions run
//! one by one as before (so errors, tracebacks and the instruction pointer they report
//! are those of the unfused instructions). `Rot2 StoreAttr` (the end of `obj.x op= v`)
//! stores to an instance's dict in place the same way. The dispatch loop uses this only off the
//! per-instruction check (no instruction counting, no switch between instructions), as
//! the Compare + PopJumpIf fusion does.

use super::attributes::AttrFallback;
use super::class_cache::ClassCache;
use super::dispatch::push_clone;
use super::frame::Frame;
use crate::code::{CodeObject, Instr, Name};
use crate::value::*;
use bytecode::BinOp;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Whether a frame pushed now would be below the recursion limit (as
/// `Vm::below_recursion_limit`): the number of frames and the limit, compared only when
/// a property's accessor is met (loading the limit for every `self.x` showed on
/// attribute-heavy programs).
#[derive(Clone, Copy)]
pub(super) struct Room<'a> {
    frames: usize,
    limit: Option<&'a AtomicUsize>,
}

impl<'a> Room<'a> {
    /// No room: accessors keep their frames.
    const NONE: Room<'static> = Room {
        frames: 0,
        limit: None,
    };

    #[inline(always)]
    pub(super) fn new(frames: usize, limit: &'a AtomicUsize) -> Room<'a> {
        Room {
            frames,
            limit: Some(limit),
        }
    }

    #[inline(always)]
    fn ok(self) -> bool {
        self.limit
            .is_some_and(|limit| self.frames < limit.load(Ordering::Relaxed))
    }
}

/// Runs `LoadFast(local)` (at `ip`, the local holding an object) with the instructions
/// after it when they read or write an attribute of an instance in place (`LoadAttr`,
/// `Dup LoadAttr`, `StoreAttr`); returns the instruction pointer after them. Else
/// nothing was done, and the error holds what the class lookup made for the `LoadAttr`
/// or `StoreAttr` at `ip + 1` found, when there was one (for `Vm::attr_after_local`).
/// `room` tells whether a frame pushed now would be below the recursion limit, so a
/// property's trivial getter or setter may run here without its frame
/// (`trivial_get_probed`, `trivial_set_probed`).
#[inline(never)] // out of `dispatch`: inlined, it slowed the loop's other arms
pub(super) fn attr_in_place(
    frame: &mut Frame,
    cache: &mut ClassCache,
    code: &CodeObject,
    ip: usize,
    local: usize,
    room: Room,
) -> Result<usize, Option<AttrFallback>> {
    let Some(Value::Obj(object)) = &frame.fast[local] else {
        return Err(None);
    };
    match code.instructions.get(ip + 1) {
        Some(Instr::LoadAttr(name)) => {
            let value = plain_instance_attr(cache, object, &code.names[*name as usize], room)?;
            push_inline(&mut frame.stack, value);
            Ok(ip + 2)
        }
        Some(Instr::StoreAttr(name)) => {
            // `self.x = value`: the value is on the stack.
            let value = frame.stack.pop().expect("balanced stack");
            let name = &code.names[*name as usize];
            match store_plain_instance_attr(cache, object, name, value, room) {
                Ok(()) => Ok(ip + 2),
                Err((value, found)) => {
                    frame.stack.push(value);
                    Err(found)
                }
            }
        }
        Some(Instr::Dup) => {
            // `self.x += v` starts `LoadFast(self) Dup LoadAttr(x)`: one clone of the
            // object (for the StoreAttr after) instead of two.
            let Some(Instr::LoadAttr(name)) = code.instructions.get(ip + 2) else {
                return Err(None);
            };
            if let Some(next) = augmented_attr(&frame.fast, cache, code, ip, object, *name) {
                return Ok(next);
            }
            let name = &code.names[*name as usize];
            let value = plain_instance_attr(cache, object, name, room).map_err(|_| None)?;
            let object = Value::Obj(object.clone());
            frame.stack.push(object);
            frame.stack.push(value);
            Ok(ip + 3)
        }
        _ => Err(None),
    }
}

/// `obj.x op= v` whole, from its `LoadFast(obj)` at `ip`: `LoadFast Dup LoadAttr(x)`,
/// then `LoadFast(v)` or `LoadConst(v)`, `InplaceBinary(op)`, `Rot2`, `StoreAttr(x)`,
/// when `x` is in the dict of an instance of a program's class with nothing on its
/// class (no class attribute of that name, no Python `__setattr__`), and `op` of the
/// two is an int or float operation the dispatch loop does inline (no overflow).
/// Returns the instruction pointer after the seven; else None, having changed nothing.
///
/// The read and the write take the dict's lock apart, as the seven instructions do
/// (another thread may still run between them under free threading).
#[inline(always)]
fn augmented_attr(
    fast: &[Option<Value>],
    cache: &mut ClassCache,
    code: &CodeObject,
    ip: usize,
    object: &Obj,
    name_index: u32,
) -> Option<usize> {
    let [load, Instr::InplaceBinary(op), Instr::Rot2, Instr::StoreAttr(store)] =
        code.instructions.get(ip + 3..ip + 7)?
    else {
        return None;
    };
    let operand = match load {
        Instr::LoadFast(i) => fast[*i as usize].as_ref()?,
        Instr::LoadConst(i) => &code.consts[*i as usize],
        _ => return None,
    };
    if *store != name_index || !matches!(operand, Value::Int(_) | Value::Float(_)) {
        return None;
    }
    let Payload::Instance(instance) = &object.payload else {
        return None;
    };
    let name = &code.names[name_index as usize];
    if instance.exception.is_some()
        || !instance.takes_attributes()
        || matches!(&**name, "__class__" | "__dict__")
    {
        return None;
    }
    let at = cache.name_slot(&instance.class, name);
    if cache.value_at(at).is_some() || cache.custom_setattr_at(at) {
        return None;
    }
    // The read (as `plain_instance_attr`), only of a number.
    let attrs = lock(&instance.dict);
    let current = match attrs.get_index(cache.dict_hint(at)) {
        Some((key, value)) if Arc::ptr_eq(key, name) || **key == **name => value,
        _ => {
            let (index, _, value) = attrs.get_full(name)?;
            cache.set_dict_hint(at, index);
            value
        }
    };
    let result = match (current, operand) {
        (Value::Int(a), Value::Int(b)) => crate::ops::int_fast(*op, *a, *b),
        (Value::Float(a), Value::Float(b)) => crate::ops::float_fast(*op, *a, *b).map(Value::Float),
        (Value::Float(a), Value::Int(b)) => {
            crate::ops::float_fast(*op, *a, *b as f64).map(Value::Float)
        }
        (Value::Int(a), Value::Float(b)) => {
            crate::ops::float_fast(*op, *a as f64, *b).map(Value::Float)
        }
        _ => None,
    };
    drop(attrs);
    let result = result?;
    // The write (as `store_plain_instance_attr`); the old value is dropped once the lock
    // is released.
    let mut attrs = lock(&instance.dict);
    let old = cache.store_hinted(&mut attrs, at, name, result);
    drop(attrs);
    drop(old);
    Some(ip + 7)
}

/// Runs `Rot2` (at `ip`) with the `StoreAttr` after it, the end of `obj.x op= v` (the
/// stack holds the object, then the value), when the store goes to the dict of an
/// instance of a program's class with nothing on its class in the way (as
/// `store_plain_instance_attr` decides); returns the instruction pointer after them.
/// Else None, having done nothing (the two run one by one).
#[inline(never)] // as `attr_in_place`
pub(super) fn store_attr_after_rot2(
    frame: &mut Frame,
    cache: &mut ClassCache,
    code: &CodeObject,
    ip: usize,
) -> Option<usize> {
    let Some(Instr::StoreAttr(name)) = code.instructions.get(ip + 1) else {
        return None;
    };
    let n = frame.stack.len();
    if !matches!(frame.stack.get(n.wrapping_sub(2)), Some(Value::Obj(_))) {
        return None;
    }
    let value = frame.stack.pop().expect("balanced stack");
    let Some(Value::Obj(object)) = frame.stack.last() else {
        unreachable!("just matched");
    };
    match store_plain_instance_attr(
        cache,
        object,
        &code.names[*name as usize],
        value,
        Room::NONE,
    ) {
        Ok(()) => {
            // (The object is dropped after the dict's lock was released.)
            frame.stack.pop();
            Some(ip + 2)
        }
        Err((value, _)) => {
            frame.stack.push(value);
            None
        }
    }
}

/// Runs `LoadFast(local)` (at `ip`, the local holding an object) with the instructions
/// after it when they index a list or tuple by an int in place (`[i]` read, `[i] =`
/// written, `[i] op=` started with `Dup2 Subscript`); returns the instruction pointer
/// after them, or None when nothing was done. The index is an int local or constant, or
/// the sum or difference of two of them (`row[i + 1]`, `row[n - k]`) when it does not
/// overflow: the `Binary` it saves would have given the same int. `exclusive`: as
/// `push_seq_item` (a read may skip the list's lock).
#[inline(never)] // as `attr_in_place`
pub(super) fn item_in_place(
    frame: &mut Frame,
    code: &CodeObject,
    ip: usize,
    local: usize,
    exclusive: bool,
) -> Option<usize> {
    let int_operand = |instr: Option<&Instr>| match instr? {
        Instr::LoadFast(i) => match frame.fast[*i as usize] {
            Some(Value::Int(value)) => Some(value),
            _ => None,
        },
        Instr::LoadConst(i) => match code.consts[*i as usize] {
            Value::Int(value) => Some(value),
            _ => None,
        },
        _ => None,
    };
    let mut index = int_operand(code.instructions.get(ip + 1))?;
    let mut ip = ip;
    if let Some(Instr::LoadFast(_) | Instr::LoadConst(_)) = code.instructions.get(ip + 2) {
        let other = int_operand(code.instructions.get(ip + 2))?;
        index = match code.instructions.get(ip + 3)? {
            Instr::Binary(BinOp::Add) => index.checked_add(other)?,
            Instr::Binary(BinOp::Sub) => index.checked_sub(other)?,
            _ => return None,
        };
        // From here on as if the index had been one operand at `ip + 1`.
        ip += 2;
    }
    let Some(Value::Obj(object)) = &frame.fast[local] else {
        return None;
    };
    if object.ext.is_some() {
        return None;
    }
    match code.instructions.get(ip + 2)? {
        Instr::Subscript => {
            push_seq_item(&mut frame.stack, object, index, false, exclusive).then_some(ip + 3)
        }
        Instr::Dup2 => {
            // `row[i] op= v` starts `LoadFast(row) LoadFast(i) Dup2 Subscript`: the list
            // and index stay for the StoreSubscript after; one clone of the list instead
            // of two.
            if !matches!(code.instructions.get(ip + 3), Some(Instr::Subscript)) {
                return None;
            }
            push_seq_item(&mut frame.stack, object, index, true, exclusive).then_some(ip + 4)
        }
        Instr::StoreSubscript => {
            // `row[i] = value`: the value is on the stack.
            let Payload::List(items) = &object.payload else {
                return None;
            };
            let mut items = lock(items);
            let at = seq_position(items.len(), index)?;
            let value = frame.stack.pop().expect("balanced stack");
            // The old item is dropped after the lock is released.
            let old = std::mem::replace(&mut items[at], value);
            drop(items);
            drop(old);
            Some(ip + 3)
        }
        _ => None,
    }
}

/// Runs `Rot3` (at `ip`) with the `StoreSubscript` after it, the end of `seq[i] op= v`
/// (the stack holds the list, the index, then the value), when the list is a list (not
/// a subclass) and the int index is in range, or it is a dict (not a subclass) and the
/// key an inline str or int: the value goes to its place without the rotation. Returns the instruction pointer after them; else None, having done nothing
/// (the two run one by one).
#[inline(never)] // as `attr_in_place`
pub(super) fn store_item_after_rot3(
    frame: &mut Frame,
    code: &CodeObject,
    ip: usize,
) -> Option<usize> {
    if !matches!(code.instructions.get(ip + 1), Some(Instr::StoreSubscript)) {
        return None;
    }
    let n = frame.stack.len();
    let [Value::Obj(object), index, value] = frame.stack.get_mut(n.checked_sub(3)?..)? else {
        return None;
    };
    match (&object.ext, &object.payload, &*index) {
        (None, Payload::List(items), Value::Int(index)) => {
            let mut items = lock(items);
            let at = seq_position(items.len(), *index)?;
            // The old item is dropped after the lock is released.
            let old = std::mem::replace(&mut items[at], std::mem::replace(value, Value::None));
            drop(items);
            // The value's slot now holds None and the index is an int: neither has
            // anything to drop. The list's clone is dropped (its count given back) after
            // the old item.
            std::mem::forget(frame.stack.pop());
            std::mem::forget(frame.stack.pop());
            let list = frame.stack.pop();
            drop(old);
            drop(list);
        }
        (None, Payload::Dict(_), _) => store_dict_item(&mut frame.stack)?,
        _ => return None,
    }
    Some(ip + 2)
}

/// `store_item_after_rot3` for a dict (not a subclass) and a str or int key (hashed and
/// compared without Python, as the `StoreSubscript` after would): `d[k] op= v` stores
/// without the rotation. None, having done nothing, for any other key. (Out of line:
/// the list case stays as lean as it was.)
#[inline(never)]
fn store_dict_item(stack: &mut Vec<Value>) -> Option<()> {
    let n = stack.len();
    let [Value::Obj(object), index, value] = stack.get_mut(n.checked_sub(3)?..)? else {
        return None;
    };
    let Payload::Dict(dict) = &object.payload else {
        return None;
    };
    let key = Key {
        hash: crate::hashing::plain_hash(index)?,
        value: index.clone(),
    };
    let value = std::mem::replace(value, Value::None);
    // The value replaced is dropped after the lock is released.
    let old = lock(dict).insert(key, value);
    stack.truncate(n - 3);
    drop(old);
    Some(())
}

/// `stack.push(value)`, inlined: `Vec::push` stayed an out-of-line call in
/// `item_in_place`, the value passing through memory at another width (a
/// store-forwarding stall on the hottest read of a list).
#[inline(always)]
fn push_inline(stack: &mut Vec<Value>, value: Value) {
    if stack.len() == stack.capacity() {
        stack.reserve(1);
    }
    let len = stack.len();
    stack.spare_capacity_mut()[0].write(value);
    // SAFETY: the slot at `len` is within the capacity (reserved above when full) and
    // was just initialized.
    unsafe { stack.set_len(len + 1) };
}

/// Where index `i` (negative from the end) falls in a sequence of `len` items.
#[inline(always)]
pub(super) fn seq_position(len: usize, i: i64) -> Option<usize> {
    let at = if i < 0 { i + len as i64 } else { i };
    (at >= 0 && (at as u64) < len as u64).then_some(at as usize)
}

/// Pushes `object[index]` of a list or tuple within range, after the object itself and
/// the index when `with_operands` (`Dup2 Subscript`); false, having pushed nothing, for
/// any other object or an index out of range.
///
/// The item is copied from the list straight to the stack (`push_clone`): returned as
/// an `Option<Value>`, it went through the native stack in pieces reread at other widths
/// (store-forwarding stalls, a third of the time of this read).
///
/// `exclusive`: the caller holds the GIL of a model where only its holder runs Python
/// code (the modern GIL; not free threading, where it is false). Every write to a
/// list's items is then made by the GIL holder: other threads give the GIL away only to
/// sleep or to poll a wait's native object (scheduler/os_threads.rs), and a process
/// never shares a mutable object with another (processes.rs). A read by the holder can
/// then skip the list's lock (its compare-and-swap was a fifth of this read's time):
/// another thread may at most read the list under its lock meanwhile (a deadlock
/// report's search), and reads do not conflict.
#[inline(always)]
fn push_seq_item(
    stack: &mut Vec<Value>,
    object: &Arc<Obj>,
    index: i64,
    with_operands: bool,
    exclusive: bool,
) -> bool {
    // Room first: no allocation while the list's lock is held.
    stack.reserve(3);
    let guard;
    let item = match &object.payload {
        Payload::List(list) => {
            let items: &Vec<Value> = if exclusive {
                // SAFETY: see `exclusive` above: no thread writes the list meanwhile,
                // and this one holds no guard of it (none is held between instructions).
                unsafe { &*list.data_ptr() }
            } else {
                guard = lock(list);
                &guard
            };
            let Some(at) = seq_position(items.len(), index) else {
                return false;
            };
            &items[at]
        }
        Payload::Tuple(tuple) => {
            let Some(at) = seq_position(tuple.len(), index) else {
                return false;
            };
            &tuple[at]
        }
        _ => return false,
    };
    if with_operands {
        push_inline(stack, Value::Obj(object.clone()));
        push_inline(stack, Value::Int(index));
    }
    push_clone(stack, item);
    true
}

/// `read` of a list's items, without the list's lock when `exclusive` (the caller
/// holds the modern GIL: see `push_seq_item`).
#[inline(always)]
pub(super) fn read_list<R>(
    list: &Mutex<Vec<Value>>,
    exclusive: bool,
    read: impl FnOnce(&[Value]) -> R,
) -> R {
    if exclusive {
        // SAFETY: as in `push_seq_item`: no thread writes the list meanwhile, and this
        // one holds no guard of it.
        read(unsafe { &*list.data_ptr() })
    } else {
        read(&lock(list))
    }
}

/// Whether a class attribute is a plain value: nothing to bind, call or consult
/// (`instance_attr_found` returns it as it is when the instance dict lacks the name, and
/// a store to the instance goes to its dict).
#[inline(always)]
fn is_plain(value: &Value) -> bool {
    matches!(
        value,
        Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Str(_)
    )
}

/// `object.name` when `object` is an instance of a program's class and the answer is
/// in its dict or a plain value on its class: what `Vm::load_attr` would push. Else what
/// the class lookup found (None when `object` is no such instance or `name` is
/// computed): a property's Python getter, for its frame; properties, descriptors,
/// methods, `__getattr__` and errors are the general path's. With `room` (as for
/// `attr_in_place`), a property's trivial getter runs here (`trivial_get_probed`).
#[inline(always)]
fn plain_instance_attr(
    cache: &mut ClassCache,
    object: &Obj,
    name: &Name,
    room: Room,
) -> Result<Value, Option<AttrFallback>> {
    let Payload::Instance(instance) = &object.payload else {
        return Err(None);
    };
    if instance.exception.is_some() || matches!(&**name, "__class__" | "__dict__") {
        return Err(None);
    }
    // The class attribute is only borrowed from the cache: a property or method there
    // is a shared object, and a clone and drop of it are two atomic count changes.
    let at = cache.name_slot(&instance.class, name);
    match cache.value_at(at) {
        // An instance attribute, most likely: at the position instances of this class
        // keep it (checked), else a full lookup that remembers where it was (as
        // `instance_attr_found` does).
        None => {
            let attrs = lock(&instance.dict);
            if let Some((key, value)) = attrs.get_index(cache.dict_hint(at)) {
                if Arc::ptr_eq(key, name) || **key == **name {
                    return Ok(value.clone());
                }
            }
            let Some((index, _, value)) = attrs.get_full(name) else {
                return Err(Some(AttrFallback::Lookup((None, at))));
            };
            let value = value.clone();
            drop(attrs);
            cache.set_dict_hint(at, index);
            Ok(value)
        }
        Some(found) if is_plain(found) => {
            let own = lock(&instance.dict).get(name).cloned();
            Ok(own.unwrap_or_else(|| found.clone()))
        }
        // A property whose getter is a Python function: `load_attr_found` would push
        // the getter's frame (before any look at the instance dict) and so does the
        // caller with this, unless the getter is trivial and its read is done here.
        Some(found) => Err(Some(match found.payload() {
            Some(Payload::Property(get, _)) => match get.payload() {
                Some(Payload::Function(getter)) => {
                    if room.ok() {
                        if let Some(value) = trivial_get_probed(cache, getter, instance) {
                            return Ok(value);
                        }
                    }
                    AttrFallback::Accessor(get.clone())
                }
                _ => AttrFallback::Lookup((Some(found.clone()), at)),
            },
            _ => AttrFallback::Lookup((Some(found.clone()), at)),
        })),
    }
}

/// `object.name = value` when `object` is an instance of a program's class that takes
/// attributes, with nothing on its class in the way (no property, descriptor or Python
/// `__setattr__`; as `Vm::set_instance_attr_found` decides): the value goes to its dict.
/// Else gives the value back, with what the class lookup found when `object` is an
/// instance of a program's class (a property's Python setter, for its frame, as
/// `store_attr_found` would push it).
#[inline(always)]
fn store_plain_instance_attr(
    cache: &mut ClassCache,
    object: &Obj,
    name: &Name,
    value: Value,
    room: Room,
) -> Result<(), (Value, Option<AttrFallback>)> {
    let Payload::Instance(instance) = &object.payload else {
        return Err((value, None));
    };
    // Only a property or an instance (a descriptor, maybe) on the class can take the
    // store elsewhere; a method or a plain value there is shadowed by the instance's.
    let at = cache.name_slot(&instance.class, name);
    let class_attr = cache.value_at(at);
    // A class's own `__setattr__` runs before any property's setter.
    if cache.custom_setattr_at(at) {
        return Err((value, Some(AttrFallback::Lookup((class_attr.cloned(), at)))));
    }
    let in_the_way = match class_attr.and_then(|found| found.payload()) {
        Some(Payload::Property(_, set)) if matches!(set.payload(), Some(Payload::Function(_))) => {
            // A trivial setter's store is made here when it can be (`room`: as for
            // `attr_in_place`).
            let value = match set.payload() {
                Some(Payload::Function(setter)) if room.ok() => {
                    match trivial_set_probed(cache, setter, instance, value) {
                        Ok(()) => return Ok(()),
                        Err(value) => value,
                    }
                }
                _ => value,
            };
            return Err((value, Some(AttrFallback::Accessor(set.clone()))));
        }
        Some(Payload::Property(..) | Payload::Instance(_)) => true,
        _ => false,
    };
    if in_the_way || !instance.takes_attributes() {
        let found = (class_attr.cloned(), at);
        return Err((value, Some(AttrFallback::Lookup(found))));
    }
    // The old value is dropped once the lock is released.
    let mut attrs = lock(&instance.dict);
    let old = cache.store_hinted(&mut attrs, at, name, value);
    drop(attrs);
    drop(old);
    Ok(())
}

/// Whether a class's `__setattr__` is a program's own (not `object.__setattr__`).
#[inline(always)]
pub(super) fn is_custom(setattr: &Value) -> bool {
    !matches!(setattr.payload(), Some(Payload::Builtin(_)))
}

/// Whether `code` is a property accessor's that binds exactly `argcount` positional
/// parameters to its first locals and runs as a plain frame (no cells, not a generator
/// or coroutine): the shape `trivial_get` and `trivial_set` look for.
#[inline(always)]
fn plain_accessor_code(code: &CodeObject, argcount: u32) -> bool {
    code.argcount == argcount
        && code.plain_positional
        && code.freevars.is_empty()
        && !code.is_generator
        && !code.is_coroutine
        && !code.is_async_generator
}

/// A property getter that is exactly `def x(self): return self.name`, run without its
/// frame: `self.name` of `object` when `plain_instance_attr` can answer it (an
/// attribute in the instance dict, or a plain value on its class). None, having done
/// nothing observable, otherwise (the getter's frame then runs it, so an error and its
/// traceback are the frame's). The caller checks the recursion limit as the frame's
/// push would, and runs this only off the per-instruction check (no instructions are
/// counted for the getter).
#[inline(always)]
pub(super) fn trivial_get(cache: &mut ClassCache, getter: &Value, object: &Obj) -> Option<Value> {
    let Some(Payload::Function(function)) = getter.payload() else {
        return None;
    };
    let code = &function.code;
    let [Instr::LoadFast(0), Instr::LoadAttr(name), Instr::Return, ..] = &code.instructions[..]
    else {
        return None;
    };
    if !plain_accessor_code(code, 1) {
        return None;
    }
    plain_instance_attr(cache, object, &code.names[*name as usize], Room::NONE).ok()
}

/// `trivial_get` for a getter borrowed from the class lookup's table, which is then
/// only read: the read is made when the table answers the getter's attribute name on
/// the instance's class already and the value is where instances of the class keep it
/// in their dict (`dict_hint`), or a plain value on the class. None, having done
/// nothing, otherwise (`trivial_get` or the getter's frame then runs it, as without
/// this). The caller checks the recursion limit, as for `trivial_get`, and runs this
/// only off the per-instruction check. Saves the getter's and the object's clones (four
/// atomic count changes) and the general path's round trip on `self.x` of a property.
#[inline(always)]
fn trivial_get_probed(cache: &ClassCache, getter: &Function, instance: &Instance) -> Option<Value> {
    let code = &getter.code;
    let [Instr::LoadFast(0), Instr::LoadAttr(name), Instr::Return, ..] = &code.instructions[..]
    else {
        return None;
    };
    let name = &code.names[*name as usize];
    if !plain_accessor_code(code, 1)
        || instance.exception.is_some()
        || matches!(&**name, "__class__" | "__dict__")
    {
        return None;
    }
    // As `plain_instance_attr` reads `name` (without the fill of a missing table entry
    // or of a dict position: the fallback makes those).
    let at = cache.probe(&instance.class, name)?;
    match cache.value_at(at) {
        None => {
            let attrs = lock(&instance.dict);
            match attrs.get_index(cache.dict_hint(at)) {
                Some((key, value)) if Arc::ptr_eq(key, name) || **key == **name => {
                    Some(value.clone())
                }
                _ => None,
            }
        }
        Some(found) if is_plain(found) => {
            let own = lock(&instance.dict).get(name).cloned();
            Some(own.unwrap_or_else(|| found.clone()))
        }
        Some(_) => None,
    }
}

/// The attribute a setter stores when its code is exactly `self.name = value` then
/// `return None`; None for any other setter.
#[inline(always)]
fn trivial_setter_name(code: &CodeObject) -> Option<&Name> {
    let [Instr::LoadFast(1), Instr::LoadFast(0), Instr::StoreAttr(name), Instr::LoadConst(none), Instr::Return, ..] =
        &code.instructions[..]
    else {
        return None;
    };
    (plain_accessor_code(code, 2) && code.consts[*none as usize].is_none())
        .then(|| &code.names[*name as usize])
}

/// `trivial_set` for a setter borrowed from the class lookup's table (as
/// `trivial_get_probed`): the store `store_plain_instance_attr` would make, when the
/// table answers the name already and the instance's dict holds it where the entry
/// remembers. Else gives the value back, having done nothing.
#[inline(always)]
fn trivial_set_probed(
    cache: &ClassCache,
    setter: &Function,
    instance: &Instance,
    value: Value,
) -> Result<(), Value> {
    let Some(name) = trivial_setter_name(&setter.code) else {
        return Err(value);
    };
    let Some(at) = cache.probe(&instance.class, name) else {
        return Err(value);
    };
    // What `store_plain_instance_attr` checks before storing to the dict.
    if cache.custom_setattr_at(at)
        || !instance.takes_attributes()
        || matches!(
            cache.value_at(at).and_then(|found| found.payload()),
            Some(Payload::Property(..) | Payload::Instance(_))
        )
    {
        return Err(value);
    }
    let mut attrs = lock(&instance.dict);
    match attrs.get_index_mut(cache.dict_hint(at)) {
        Some((key, slot)) if Arc::ptr_eq(key, name) || **key == **name => {
            // The old value is dropped once the lock is released.
            let old = std::mem::replace(slot, value);
            drop(attrs);
            drop(old);
            Ok(())
        }
        _ => Err(value),
    }
}

/// A property setter that is exactly `def x(self, value): self.name = value` (returning
/// None), run without its frame: the store `store_plain_instance_attr` makes. Else gives
/// the value back, having done nothing (as `trivial_get`).
#[inline(always)]
pub(super) fn trivial_set(
    cache: &mut ClassCache,
    setter: &Value,
    object: &Obj,
    value: Value,
) -> Result<(), Value> {
    let Some(Payload::Function(function)) = setter.payload() else {
        return Err(value);
    };
    let Some(name) = trivial_setter_name(&function.code) else {
        return Err(value);
    };
    store_plain_instance_attr(cache, object, name, value, Room::NONE).map_err(|(value, _)| value)
}
