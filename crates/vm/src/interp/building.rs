//! Instructions that build values: tuples, lists, sets and dicts (displays and
//! comprehensions), unpacking, slices and f-strings.
//!
//! Each helper pops its operands and pushes its result on the current frame's stack; it
//! must never switch frames.

use super::exceptions::exc;
use super::frame::Vm;
use super::values::has_python_eq;
use crate::ops;
use crate::types::type_name;
use crate::types::ExcType;
use crate::value::Mutex;
use crate::value::*;
use crate::{PyErr, PyResult};
use bytecode::FormatFlags;

impl Vm {
    /// `BuildSlice`: `start:stop` or, with `n == 3`, `start:stop:step`.
    #[inline]
    pub(super) fn build_slice(&mut self, n: u8) {
        let step = if n == 3 { self.pop() } else { Value::None };
        let stop = self.pop();
        let start = self.pop();
        self.push(Value::obj(Payload::Slice(start, stop, step)));
    }

    #[inline]
    pub(super) fn build_tuple(&mut self, n: usize) {
        let items = self.pop_n(n);
        self.push(Value::obj(Payload::Tuple(items)));
    }

    #[inline]
    pub(super) fn build_list(&mut self, n: usize) {
        let items = self.pop_n(n);
        self.push(Value::obj(Payload::List(Mutex::new(items))));
    }

    #[inline]
    pub(super) fn build_set(&mut self, n: usize) -> PyResult<()> {
        let items = self.pop_n(n);
        let mut set = Set::new();
        for item in items {
            let key = self.key_among(item, set.iter())?;
            set.insert(key);
        }
        self.push(Value::obj(Payload::Set(Mutex::new(set))));
        Ok(())
    }

    /// A set display of more than two constants (see `Instr::BuildConstSet`).
    #[inline]
    pub(super) fn build_const_set(&mut self, n: usize) -> PyResult<()> {
        let items = self.pop_n(n);
        let mut constants = Set::new();
        for item in items {
            constants.insert(self.key(item)?);
        }
        // The compiler's constant merging rebuilds the frozenset from its
        // own iteration order; SET_UPDATE then merges it into a new set.
        let merged: Set = constants.iter().cloned().collect();
        let set = merged.copied();
        self.push(Value::obj(Payload::Set(Mutex::new(set))));
        Ok(())
    }

    #[inline]
    pub(super) fn build_map(&mut self, n: usize) -> PyResult<()> {
        let items = self.pop_n(2 * n);
        let mut dict = Dict::new();
        let mut iter = items.into_iter();
        while let (Some(key), Some(value)) = (iter.next(), iter.next()) {
            let key = self.key_among(key, dict.keys())?;
            dict.insert(key, value);
        }
        self.push(Value::obj(Payload::Dict(Mutex::new(dict))));
        Ok(())
    }

    /// `ListAppend`: appends the value on top to the list `depth` below it (a list
    /// comprehension's result).
    #[inline]
    pub(super) fn list_append(&mut self, depth: usize) -> PyResult<()> {
        let value = self.pop();
        // The result stays borrowed on the stack (no count traffic on it per item).
        if let Some(Payload::List(items)) = self.peek(depth - 1).payload() {
            let mut items = lock(items);
            crate::memory::check_push(&items)?;
            items.push(value);
        }
        Ok(())
    }

    /// `SetAdd`: adds the value on top to the set `depth` below it.
    #[inline]
    pub(super) fn set_add(&mut self, depth: usize) -> PyResult<()> {
        let value = self.pop();
        let key = self.key(value)?;
        // Only a key whose class has a Python `__eq__` needs the set at hand (it runs
        // Python); any other is inserted with the set borrowed on the stack.
        let key = if has_python_eq(&key.value) {
            let set = self.peek(depth - 1).clone();
            self.stored_key_in(&set, key)?
        } else {
            key
        };
        if let Some(Payload::Set(items)) = self.peek(depth - 1).payload() {
            lock(items).insert(key);
        }
        Ok(())
    }

    /// `MapAdd`: sets key -> value (the two on top) in the dict `depth` below them.
    #[inline]
    pub(super) fn map_add(&mut self, depth: usize) -> PyResult<()> {
        let value = self.pop();
        let key = self.pop();
        let key = self.key(key)?;
        let key = if has_python_eq(&key.value) {
            let dict = self.peek(depth - 1).clone();
            self.stored_key_in(&dict, key)?
        } else {
            key
        };
        if let Some(Payload::Dict(items)) = self.peek(depth - 1).payload() {
            lock(items).insert(key, value);
        }
        Ok(())
    }

    #[inline]
    pub(super) fn list_extend(&mut self, depth: usize) -> PyResult<()> {
        let iterable = self.pop();
        let values = self.collect(&iterable)?;
        let list = self.peek(depth - 1).clone();
        if let Some(Payload::List(items)) = list.payload() {
            lock(items).extend(values);
        }
        Ok(())
    }

    #[inline]
    pub(super) fn set_update(&mut self, depth: usize) -> PyResult<()> {
        let iterable = self.pop();
        let values = self.collect(&iterable)?;
        let mut keys = Vec::with_capacity(values.len());
        for value in values {
            keys.push(self.key(value)?);
        }
        let set = self.peek(depth - 1).clone();
        if let Some(Payload::Set(items)) = set.payload() {
            lock(items).extend(keys);
        }
        Ok(())
    }

    #[inline]
    pub(super) fn dict_update(&mut self, depth: usize) -> PyResult<()> {
        let mapping = self.pop();
        let pairs = self.mapping_items(&mapping)?;
        let dict = self.peek(depth - 1).clone();
        if let Some(Payload::Dict(items)) = dict.payload() {
            let mut items = lock(items);
            for (key, value) in pairs {
                items.insert(key, value);
            }
        }
        Ok(())
    }

    #[inline]
    pub(super) fn list_to_tuple(&mut self) {
        let list = self.pop();
        let items = match list.payload() {
            Some(Payload::List(items)) => lock(items).clone(),
            _ => Vec::new(),
        };
        self.push(Value::obj(Payload::Tuple(items)));
    }

    /// `a, b = value`: pushes the `n` items, the first on top.
    #[inline]
    pub(super) fn unpack_sequence(&mut self, n: usize) -> PyResult<()> {
        let value = self.pop();
        let items = self
            .collect(&value)
            .map_err(|e| self.unpack_error(e, &value))?;
        if items.len() != n {
            return Err(if items.len() > n {
                exc(
                    ExcType::ValueError,
                    format!("too many values to unpack (expected {n})"),
                )
            } else {
                exc(
                    ExcType::ValueError,
                    format!(
                        "not enough values to unpack (expected {n}, got {})",
                        items.len()
                    ),
                )
            });
        }
        let stack = &mut self.top_mut().stack;
        stack.extend(items.into_iter().rev());
        Ok(())
    }

    /// `a, *b, c = value`: `before` items, a list of the middle ones, `after` items.
    #[inline]
    pub(super) fn unpack_ex(&mut self, before: usize, after: usize) -> PyResult<()> {
        let value = self.pop();
        let mut items = self
            .collect(&value)
            .map_err(|e| self.unpack_error(e, &value))?;
        if items.len() < before + after {
            return Err(exc(
                ExcType::ValueError,
                format!(
                    "not enough values to unpack (expected at least {}, got {})",
                    before + after,
                    items.len()
                ),
            ));
        }
        let tail = items.split_off(items.len() - after);
        let middle = items.split_off(before);
        let stack = &mut self.top_mut().stack;
        stack.extend(tail.into_iter().rev());
        stack.push(Value::obj(Payload::List(Mutex::new(middle))));
        stack.extend(items.into_iter().rev());
        Ok(())
    }

    /// `FormatValue`: one `{value!conversion:spec}` of an f-string.
    #[inline]
    pub(super) fn format_value(&mut self, flags: FormatFlags) -> PyResult<()> {
        let spec = if flags.has_spec {
            Some(self.pop())
        } else {
            None
        };
        let value = self.pop();
        let value = match flags.conversion {
            b'r' => Value::str(self.repr(&value)?),
            b'a' => Value::str(crate::format::ascii_escape(&self.repr(&value)?)),
            b's' => Value::str(self.to_str(&value)?),
            _ => value,
        };
        let spec: &str = match &spec {
            Some(Value::Str(s)) => s,
            _ => "",
        };
        // `format(s, '')` of an exact str is `s` itself: no copy.
        if spec.is_empty() && matches!(value, Value::Str(_)) {
            self.push(value);
            return Ok(());
        }
        let text = self.format(&value, spec)?;
        self.push(Value::str(text));
        Ok(())
    }

    /// `BuildString`: joins an f-string's `n` parts (all strs, from `FormatValue` and
    /// constants) into one allocation of the exact size.
    #[inline]
    pub(super) fn build_string(&mut self, n: usize) {
        let stack = &mut self.top_mut().stack;
        let at = stack.len() - n;
        let parts = &stack[at..];
        let size = parts
            .iter()
            .map(|part| match part {
                Value::Str(s) => s.len(),
                _ => 0,
            })
            .sum();
        let mut text = String::with_capacity(size);
        for part in parts {
            if let Value::Str(s) = part {
                text.push_str(s);
            }
        }
        stack.truncate(at);
        stack.push(Value::str(text));
    }

    fn unpack_error(&self, error: PyErr, value: &Value) -> PyErr {
        if ops::is_exception_of(&error.0, ExcType::TypeError) && !self.is_stop(&error.0) {
            exc(
                ExcType::TypeError,
                format!("cannot unpack non-iterable {} object", type_name(value)),
            )
        } else {
            error
        }
    }
}

impl Vm {
    /// `s += t` (or `s = s + t`: `inplace` false) on two strs when the next instruction
    /// stores the result back into the local `s` came from (`StoreFast` of the same slot): the local's reference is
    /// dropped first, so when the str had no other holder it grows in place
    /// (`string_grow`), making a `+=` loop linear as in CPython. Returns false, with
    /// nothing changed, when the instruction is anything else.
    #[inline]
    pub(super) fn str_append_in_place(&mut self, inplace: bool) -> PyResult<bool> {
        // Stepping shows the locals between any two instructions, where the local would
        // look unbound for a moment: keep to the plain path there (small programs).
        if self.slice.per_instruction {
            return Ok(false);
        }
        let frame = self.frames.last_mut().expect("a frame is running");
        let n = frame.stack.len();
        let (Value::Str(left), Value::Str(_)) = (&frame.stack[n - 2], &frame.stack[n - 1]) else {
            return Ok(false);
        };
        let Some(crate::code::Instr::StoreFast(slot)) = frame.code.instructions.get(frame.ip)
        else {
            return Ok(false);
        };
        let slot = *slot as usize;
        match &frame.fast[slot] {
            Some(Value::Str(held)) if std::sync::Arc::ptr_eq(held, left) => {}
            _ => return Ok(false),
        }
        let Some(Value::Str(right)) = frame.stack.pop() else {
            unreachable!("checked above")
        };
        let Some(Value::Str(left)) = frame.stack.pop() else {
            unreachable!("checked above")
        };
        // The local's reference: the `StoreFast` that follows overwrites it anyway.
        frame.fast[slot] = None;
        match crate::builtins::string_grow::append_unique(left, &right) {
            Ok(grown) => {
                frame.stack.push(Value::Str(grown));
                Ok(true)
            }
            Err(left) => {
                frame.fast[slot] = Some(Value::Str(left.clone()));
                let result = ops::binary(
                    self,
                    bytecode::BinOp::Add,
                    &Value::Str(left),
                    &Value::Str(right),
                    inplace,
                )?;
                self.push(result);
                Ok(true)
            }
        }
    }
}
