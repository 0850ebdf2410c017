//! The value protocols the interpreter and built-ins use through the `Vm`: dict and set
//! keys (hashing, and `__eq__` written in Python), truthiness, `repr`, `str` and format.
//!
//! Thin wrappers over `ops`: no dict or set lock may be held while Python `__eq__` runs.

use super::frame::Vm;
use crate::code::Instr;
use crate::ops;
use crate::types::{self};
use crate::value::*;
use crate::PyResult;
use bytecode::CmpOp;

impl Vm {
    /// `Compare(In)` / `Compare(NotIn)` when the container on top is a dict, set or
    /// frozenset (not a subclass's instance, which may define `__contains__`): pops both
    /// operands and answers as `ops::compare` would (one hash, one probe). Off the
    /// per-instruction check, a conditional jump right after runs here too, as the
    /// instruction loop does for its own comparisons (the bool is never pushed). False,
    /// nothing touched, for any other container.
    #[inline]
    pub(super) fn membership(&mut self, op: CmpOp) -> PyResult<bool> {
        let wanted = match op {
            CmpOp::In => true,
            CmpOp::NotIn => false,
            _ => return Ok(false),
        };
        let stack = &mut self.top_mut().stack;
        match stack.last() {
            Some(Value::Obj(obj))
                if obj.ext.is_none()
                    && matches!(
                        obj.payload,
                        Payload::Dict(_) | Payload::Set(_) | Payload::FrozenSet(_)
                    ) => {}
            _ => return Ok(false),
        }
        let container = stack.pop().expect("a container");
        let item = stack.pop().expect("an item");
        let result = ops::contains_builtin(self, &container, &item)? == wanted;
        let per_instruction = self.slice.per_instruction;
        let frame = self.top_mut();
        if !per_instruction {
            let jump = match frame.code.instructions.get(frame.ip) {
                Some(Instr::PopJumpIfFalse(target)) => Some((false, *target)),
                Some(Instr::PopJumpIfTrue(target)) => Some((true, *target)),
                _ => None,
            };
            if let Some((when, target)) = jump {
                frame.ip = if result == when {
                    target as usize
                } else {
                    frame.ip + 1
                };
                return Ok(true);
            }
        }
        frame.stack.push(Value::Bool(result));
        Ok(true)
    }

    #[inline]
    pub(crate) fn key(&mut self, value: Value) -> PyResult<Key> {
        let hash = ops::hash(self, &value)?;
        Ok(Key { hash, value })
    }

    /// What to look `value` up by in the dict or set `container` for a lookup that only
    /// reads (`in`, `d[k]`, `d.get`): its hash and the value itself, borrowed, with no
    /// `Key` (so no clone) unless its class has a Python `__eq__` (then the stored key
    /// equal to it, as [`Vm::key_in`] finds it). Hashes once, as `key_in` does.
    #[inline]
    pub(crate) fn probe<'a>(&mut self, container: &Value, value: &'a Value) -> PyResult<Probe<'a>> {
        let hash = ops::hash(self, value)?;
        if !has_python_eq(value) {
            return Ok(Probe::Borrowed(hash, value));
        }
        let key = Key {
            hash,
            value: value.clone(),
        };
        self.stored_key_in(container, key).map(Probe::Owned)
    }

    /// The key to use for `value` in the dict or set `container`. `Key` equality cannot
    /// run Python, so for an instance whose class defines `__eq__` in Python, the stored
    /// keys with the same hash are compared here with `==` (no lock held meanwhile) and
    /// the matching stored key is returned, for the real lookup to find.
    #[inline]
    pub(crate) fn key_in(&mut self, container: &Value, value: Value) -> PyResult<Key> {
        let key = self.key(value)?;
        if !has_python_eq(&key.value) {
            return Ok(key);
        }
        self.stored_key_in(container, key)
    }

    /// The stored key of `container` equal (by Python `==`) to `key`, whose class has a
    /// Python `__eq__`, or `key` itself when none is.
    pub(super) fn stored_key_in(&mut self, container: &Value, key: Key) -> PyResult<Key> {
        let hash = key.hash;
        let candidates: Vec<Key> = match container.payload() {
            Some(Payload::Dict(dict)) => lock(dict)
                .keys()
                .filter(|k| k.hash == hash)
                .cloned()
                .collect(),
            Some(Payload::Set(set)) => lock(set)
                .iter()
                .filter(|k| k.hash == hash)
                .cloned()
                .collect(),
            Some(Payload::FrozenSet(set)) => {
                set.iter().filter(|k| k.hash == hash).cloned().collect()
            }
            _ => Vec::new(),
        };
        self.match_key(key, candidates)
    }

    /// Like [`Vm::key_in`], for keys of a collection still being built.
    pub(super) fn key_among<'a>(
        &mut self,
        value: Value,
        stored: impl Iterator<Item = &'a Key>,
    ) -> PyResult<Key> {
        let key = self.key(value)?;
        if !has_python_eq(&key.value) {
            return Ok(key);
        }
        let hash = key.hash;
        let candidates: Vec<Key> = stored.filter(|k| k.hash == hash).cloned().collect();
        self.match_key(key, candidates)
    }

    fn match_key(&mut self, key: Key, candidates: Vec<Key>) -> PyResult<Key> {
        for candidate in candidates {
            if candidate.value.is(&key.value) || ops::equal(self, &candidate.value, &key.value)? {
                return Ok(candidate);
            }
        }
        Ok(key)
    }

    pub(crate) fn truthy(&mut self, value: &Value) -> PyResult<bool> {
        ops::truthy(self, value)
    }

    pub(crate) fn repr(&mut self, value: &Value) -> PyResult<String> {
        ops::repr(self, value)
    }

    pub fn to_str(&mut self, value: &Value) -> PyResult<String> {
        ops::to_str(self, value)
    }

    pub(crate) fn format(&mut self, value: &Value, spec: &str) -> PyResult<String> {
        ops::format(self, value, spec)
    }
}

/// Whether `value` is an instance of a class that defines `__eq__` in Python.
#[inline]
pub(super) fn has_python_eq(value: &Value) -> bool {
    match value.payload() {
        Some(Payload::Instance(instance)) => matches!(
            types::lookup_in_class(&instance.class, "__eq__")
                .as_ref()
                .and_then(|f| f.payload()),
            Some(Payload::Function(_))
        ),
        _ => false,
    }
}

/// A key to look up by, from [`Vm::probe`].
pub(crate) enum Probe<'a> {
    Borrowed(i64, &'a Value),
    Owned(Key),
}

impl Probe<'_> {
    #[inline]
    pub(crate) fn hash(&self) -> i64 {
        match self {
            Probe::Borrowed(hash, _) => *hash,
            Probe::Owned(key) => key.hash,
        }
    }

    /// The key to store (a clone of a borrowed value).
    pub(crate) fn into_key(self) -> Key {
        match self {
            Probe::Borrowed(hash, value) => Key {
                hash,
                value: value.clone(),
            },
            Probe::Owned(key) => key,
        }
    }

    #[inline]
    pub(crate) fn value(&self) -> &Value {
        match self {
            Probe::Borrowed(_, value) => value,
            Probe::Owned(key) => &key.value,
        }
    }
}
