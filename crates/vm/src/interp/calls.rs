//! Calls: calling any callable, pushing frames for Python functions, binding arguments
//! to parameters (with CPython's error messages), the call instructions, making
//! functions, instantiating classes and running class bodies.
//!
//! A Python-to-Python call from the loop must only push a frame (never recurse in Rust);
//! only calls made from Rust run a nested loop.

use super::dispatch::Flow;
use super::exceptions::{exc, not_callable};
use super::frame::{Frame, FrameArc, Vm};
use crate::code::Name;
use crate::ops;
use crate::types::ExcType;
use crate::types::{self, class_of, type_name};
use crate::value::Mutex;
use crate::value::*;
use crate::PyResult;
use bytecode::MakeFunctionFlags;
use std::sync::atomic::Ordering;
use std::sync::Arc;

/// Keyword arguments a call binds without an argument vector at most.
const MAX_KEYWORDS: usize = 8;

impl Vm {
    /// Calls `callable`; a plain Python function gets a new frame on this thread's stack
    /// (returns `Some(Flow::Switch)`), anything else runs now and pushes its result.
    pub(super) fn call_or_push(&mut self, callable: Value, args: Args) -> PyResult<Option<Flow>> {
        self.publish_line();
        let args = match self.push_call_frame(&callable, args)? {
            Err(args) => args,
            Ok(()) => return self.entered_function().map(Some),
        };
        self.slice.suspend_ok = true;
        let result = self.call(callable, args);
        self.slice.suspend_ok = false;
        self.push(result?);
        Ok(None)
    }

    /// After a call pushed a frame: function entry is an eval-breaker point; on the
    /// virtual scheduler the thread may give way here and start the new frame when it
    /// resumes.
    #[inline]
    fn entered_function(&mut self) -> PyResult<Flow> {
        self.eval_breaker()?;
        self.preempt_if_due()?;
        Ok(Flow::Switch)
    }

    /// The commonest call, checked first: `stack[callable_at]` (of the current frame) is
    /// a plain Python function whose code takes positional arguments only
    /// (`CodeObject::plain_positional`) and the `stack[args_at..]` fill its parameters
    /// (defaults filling any left): the arguments move into the new frame's first
    /// locals and the frame is pushed. False (nothing touched) otherwise, and at the
    /// recursion limit; `push_plain_frame` and the general path take those.
    #[inline(always)]
    fn push_positional_frame(&mut self, callable_at: usize, args_at: usize) -> bool {
        let frame = self.frames.last().expect("a frame is running");
        let Some(Payload::Function(function)) = frame.stack[callable_at].payload() else {
            return false;
        };
        let code = &function.code;
        let argcount = code.argcount as usize;
        let given = frame.stack.len() - args_at;
        if !code.plain_positional
            || given > argcount
            || given + function.defaults.len() < argcount
            || self.frames.len() >= self.rt.recursion_limit.load(Ordering::Relaxed)
        {
            return false;
        }
        // SAFETY: borrowed from the function at `stack[callable_at]`, which
        // `push_frame_moving_args` moves into the new frame (its safety contract).
        let (code, globals) = unsafe {
            (
                FrameArc::borrowed(code),
                FrameArc::borrowed(&function.globals),
            )
        };
        // The caller's line is published before its frame stops being the top one.
        self.publish_line();
        // SAFETY: as above.
        let new = unsafe { self.push_frame_moving_args(callable_at, args_at, code, globals) };
        if given < argcount {
            let Some(Payload::Function(function)) = new.function.as_deref().map(|f| &f.payload)
            else {
                unreachable!("checked above");
            };
            let first_default = argcount - function.defaults.len().min(argcount);
            for index in given..argcount {
                new.fast[index] = Some(function.defaults[index - first_default].clone());
            }
        }
        true
    }

    /// The common call without an argument vector: when `stack[callable_at]` (of the
    /// current frame) is a plain Python function without cells or `**kwargs`, and the
    /// arguments from `stack[args_at..]` (positional ones, then one value for each of
    /// `keywords`, the names of `CallKw`) bind without an error (defaults fill what they
    /// leave; extra positional ones go to `*args`), moves the arguments straight into a
    /// new frame's locals, pops the callable (and anything between it and the arguments:
    /// the no-self marker of `CallMethod`) and pushes the frame. False (nothing touched)
    /// for anything else, which takes the general path with its error messages; so does
    /// a call at the recursion limit.
    #[inline]
    fn push_plain_frame(
        &mut self,
        callable_at: usize,
        args_at: usize,
        keywords: &[Value],
    ) -> PyResult<bool> {
        let frame = self.frames.last().expect("a frame is running");
        let Some(given) = (frame.stack.len() - args_at).checked_sub(keywords.len()) else {
            return Ok(false);
        };
        let function = match frame.stack[callable_at].payload() {
            Some(Payload::Function(function)) => function,
            Some(Payload::Class(_)) => return self.push_init_frame(callable_at, args_at, keywords),
            _ => return Ok(false),
        };
        let code = &function.code;
        let argcount = code.argcount as usize;
        let kwonly = code.kwonlyargcount as usize;
        if code.is_generator
            || code.has_varkw
            || !code.cellvars.is_empty()
            || (given > argcount && !code.has_varargs)
            || self.frames.len() >= self.rt.recursion_limit.load(Ordering::Relaxed)
        {
            return Ok(false);
        }
        // Where each keyword argument goes, and which parameters they fill (a bit each).
        let mut keyword_slots = [0u8; MAX_KEYWORDS];
        let mut filled: u64 = 0;
        if !keywords.is_empty() {
            if keywords.len() > MAX_KEYWORDS || argcount + kwonly > 64 {
                return Ok(false);
            }
            let posonly = code.posonlyargcount as usize;
            for (slot, name) in keyword_slots.iter_mut().zip(keywords) {
                let Value::Str(name) = name else {
                    return Ok(false);
                };
                let Some(index) = code.varnames[posonly..argcount + kwonly]
                    .iter()
                    .position(|param| **param == **name)
                    .map(|at| at + posonly)
                else {
                    return Ok(false);
                };
                if index < given || filled & (1 << index) != 0 {
                    return Ok(false);
                }
                filled |= 1 << index;
                *slot = index as u8;
            }
        }
        // Every parameter left must have a default (`filled` has bits only when there are
        // keywords, and then at most 64 parameters).
        let is_filled = |index: usize| index < 64 && filled & (1 << index) != 0;
        let first_default = argcount - function.defaults.len().min(argcount);
        if given < first_default && (given..first_default).any(|index| !is_filled(index)) {
            return Ok(false);
        }
        for index in argcount..argcount + kwonly {
            if !is_filled(index) && kwdefault(function, &code.varnames, argcount, index).is_none() {
                return Ok(false);
            }
        }
        // SAFETY: the function stays on the caller's stack until it moves into the new
        // frame's `function` below (nothing in between can fail or run code), so its
        // code and globals outlive the frame's use of them (`FrameArc::borrowed`).
        let (code, globals) = unsafe {
            (
                FrameArc::borrowed(code),
                FrameArc::borrowed(&function.globals),
            )
        };
        // The caller's line is published before its frame stops being the top one.
        self.publish_line();
        let (caller, new) = self.push_new_frame(code, globals);
        let stack = &mut caller.stack;
        for &index in keyword_slots[..keywords.len()].iter().rev() {
            new.fast[index as usize] = stack.pop();
        }
        if new.code.has_varargs {
            let extra = if given > argcount {
                stack.split_off(args_at + argcount)
            } else {
                Vec::new()
            };
            new.fast[argcount + kwonly] = Some(Value::obj(Payload::Tuple(extra)));
        }
        for slot in new.fast[..given.min(argcount)].iter_mut().rev() {
            *slot = stack.pop();
        }
        stack.truncate(callable_at + 1);
        let Some(Value::Obj(callable)) = stack.pop() else {
            unreachable!("the function checked above is on the stack");
        };
        let Payload::Function(function) = &new.function.insert(callable).payload else {
            unreachable!("checked above");
        };
        for index in given.max(first_default)..argcount {
            if new.fast[index].is_none() {
                new.fast[index] = Some(function.defaults[index - first_default].clone());
            }
        }
        for index in argcount..argcount + kwonly {
            if new.fast[index].is_none() {
                new.fast[index] = kwdefault(function, &new.code.varnames, argcount, index).cloned();
            }
        }
        // (The closure's cells stay in `function`: see `Frame::cell`.)
        Ok(true)
    }

    /// `Class(...)` of a plain Python class (no metaclass, no `__new__` of its own, not
    /// derived from a built-in type) whose `__init__` is a plain Python function: makes
    /// the instance as `instantiate_plain` does and pushes `__init__`'s frame (through
    /// `push_plain_frame`, with the instance first), so creating an object does not run
    /// a nested loop in Rust. The instance waits on the caller's stack for the frame's
    /// return (see `Frame::is_init`). False (stack as it was) for anything else.
    ///
    /// Not on the virtual scheduler: there `__init__` keeps running in a nested loop,
    /// where the thread cannot be suspended, as before issue 16. A pushed `__init__` is
    /// a place where the seeded scheduler can switch threads, which moves every later
    /// switch of a seed: the rare lost update of two threads doing `n += 1` once (the
    /// hunt's test program) went from 2 in 1,000 seeds to none in 1,000, so the hunt no
    /// longer found it. Seeded schedules stay as they were; real threads get the speed.
    #[inline(never)]
    fn push_init_frame(
        &mut self,
        callable_at: usize,
        args_at: usize,
        keywords: &[Value],
    ) -> PyResult<bool> {
        if self.rt.virtual_sched.is_some() {
            return Ok(false);
        }
        let stack = &self.top().stack;
        let Value::Obj(class) = &stack[callable_at] else {
            return Ok(false);
        };
        let Payload::Class(class_data) = &class.payload else {
            return Ok(false);
        };
        if class_data.is_builtin()
            || class_data.metaclass.is_some()
            || class_data.base_kind != BaseKind::Object
        {
            return Ok(false);
        }
        if types::lookup_in_class(class, "__new__").is_some_and(|new| {
            matches!(
                new.payload(),
                Some(Payload::Function(_) | Payload::StaticMethod(_))
            )
        }) {
            return Ok(false);
        }
        let Some(init) = types::lookup_in_class(class, "__init__") else {
            return Ok(false);
        };
        if !matches!(init.payload(), Some(Payload::Function(_))) {
            return Ok(false);
        }
        let instance = Value::obj(Payload::Instance(Instance {
            class: class.clone(),
            dict: Mutex::new(AttrMap::default()),
            exception: None,
        }));
        // Lay the call out as `__init__(instance, ...)`.
        let stack = &mut self.top_mut().stack;
        let class = std::mem::replace(&mut stack[callable_at], init);
        stack.insert(args_at, instance.clone());
        if self.push_plain_frame(callable_at, args_at, keywords)? {
            let [.., caller, init] = &mut self.frames[..] else {
                unreachable!("a frame was pushed onto the caller's");
            };
            caller.stack.push(instance);
            init.is_init = true;
            return Ok(true);
        }
        let stack = &mut self.top_mut().stack;
        stack.remove(args_at);
        stack[callable_at] = class;
        Ok(false)
    }

    /// `LoadAttr` / `StoreAttr` of a property whose getter / setter `accessor` is a
    /// Python function: pushes its frame with `args` (the instance, then the value for
    /// a setter) as a call instruction would (function entry is an eval-breaker point,
    /// as at CPython 3.12's `LOAD_ATTR_PROPERTY`), so an attribute access does not run
    /// a nested loop in Rust. A setter's frame drops its return value
    /// (`Frame::discards_return`). A function `push_plain_frame` does not take (cells,
    /// wrong arity, at the recursion limit) is called the general way instead, its
    /// result pushed unless `discard`.
    #[inline(never)]
    pub(super) fn push_accessor_frame<const N: usize>(
        &mut self,
        accessor: Value,
        args: [Value; N],
        discard: bool,
    ) -> PyResult<Option<Flow>> {
        // The common accessor (`def x(self)`, `def x(self, value)`: exactly its `N`
        // parameters, no cells, not a generator) binds trivially: its frame is built
        // straight from the arguments, never going through the caller's stack and
        // `push_plain_frame`'s general binding (what that would do, and at the same
        // point: the caller's line published, then the frame pushed).
        if let Some(Payload::Function(function)) = accessor.payload() {
            let code = &function.code;
            if code.argcount as usize == N
                && code.kwonlyargcount == 0
                && !code.has_varargs
                && !code.has_varkw
                && !code.is_generator
                && code.cellvars.is_empty()
                && self.frames.len() < self.rt.recursion_limit.load(Ordering::Relaxed)
            {
                // SAFETY: `accessor` moves into the new frame's `function` below
                // (nothing in between can fail or run code), so its code and globals
                // outlive the frame's use of them (`FrameArc::borrowed`).
                let (code, globals) = unsafe {
                    (
                        FrameArc::borrowed(code),
                        FrameArc::borrowed(&function.globals),
                    )
                };
                self.publish_line();
                let (_, new) = self.push_new_frame(code, globals);
                for (slot, arg) in new.fast.iter_mut().zip(args) {
                    *slot = Some(arg);
                }
                let Value::Obj(function) = accessor else {
                    unreachable!("matched a function above");
                };
                new.function = Some(function);
                new.discards_return = discard;
                return self.entered_function().map(Some);
            }
        }
        let callable_at = self.top().stack.len();
        let stack = &mut self.top_mut().stack;
        stack.push(accessor);
        stack.extend(args);
        if self.push_plain_frame(callable_at, callable_at + 1, &[])? {
            self.top_mut().discards_return = discard;
            return self.entered_function().map(Some);
        }
        let stack = &mut self.top_mut().stack;
        let args = stack.split_off(callable_at + 1);
        let accessor = stack.pop().expect("pushed above");
        let result = self.call(accessor, Args::new(args))?;
        if !discard {
            self.push(result);
        }
        Ok(None)
    }

    /// `Call`: a positional call with `argc` arguments.
    #[inline]
    pub(super) fn call_positional(&mut self, argc: usize) -> PyResult<Option<Flow>> {
        let callable_at = self.top().stack.len() - argc - 1;
        if self.push_positional_frame(callable_at, callable_at + 1) {
            return self.entered_function().map(Some);
        }
        if self.builtin_at(callable_at) {
            if !self.call_builtin_direct(callable_at, callable_at + 1)? {
                // `sum(generator)` and the like run it in this loop (see folds.rs).
                if !self.slice.per_instruction && self.fold_inline(callable_at) {
                    return Ok(Some(Flow::Switch));
                }
                self.call_builtin_on_stack(callable_at, callable_at + 1)?;
            }
            return Ok(None);
        }
        if self.push_plain_frame(callable_at, callable_at + 1, &[])? {
            return self.entered_function().map(Some);
        }
        let at = self.top().stack.len() - argc;
        let args = take_args(&mut self.top_mut().stack, at, Positional::new());
        let callable = self.pop();
        self.call_or_push(callable, Args::positional(args))
    }

    /// `CallMethod`: calls what `LoadMethod` left below the `argc` arguments, with the
    /// receiver first unless it is the no-self marker.
    #[inline]
    pub(super) fn call_method(&mut self, argc: usize) -> PyResult<Option<Flow>> {
        let stack_len = self.top().stack.len();
        let receiver_at = stack_len - argc - 1;
        // (`Value::is`, inline: the marker is an object.)
        let has_self = !matches!(
            (&self.top().stack[receiver_at], &self.rt.no_self),
            (Value::Obj(a), Value::Obj(b)) if Arc::ptr_eq(a, b)
        );
        let args_at = if has_self {
            receiver_at
        } else {
            receiver_at + 1
        };
        if self.push_positional_frame(receiver_at - 1, args_at) {
            return self.entered_function().map(Some);
        }
        if self.builtin_at(receiver_at - 1) {
            if !self.call_builtin_direct(receiver_at - 1, args_at)? {
                self.call_builtin_on_stack(receiver_at - 1, args_at)?;
            }
            return Ok(None);
        }
        if self.push_plain_frame(receiver_at - 1, args_at, &[])? {
            return self.entered_function().map(Some);
        }
        let receiver = self.top().stack[receiver_at].clone();
        let mut positional = Positional::new();
        if has_self {
            positional.push(receiver);
        }
        let positional = take_args(&mut self.top_mut().stack, receiver_at + 1, positional);
        self.top_mut().stack.truncate(receiver_at);
        let callable = self.pop();
        self.call_or_push(callable, Args::positional(positional))
    }

    /// The commonest built-in calls without an argument vector: when `stack[callable_at]`
    /// is the built-in `len` with one argument, `abs` with a plain int or float,
    /// `list.append` with a list and one value, `dict.get` or `dict.setdefault` with a
    /// dict, a key and maybe a default, `set.add` or `set.discard` with a set and a value
    /// (from `LoadMethod` on such a value, or called through the class), starting at
    /// `stack[args_at]`, runs it on the stack values, pops the callable, the no-self
    /// marker and the arguments and pushes the result. Which built-in it is was resolved when it was made (`Builtin::direct`).
    /// The results and errors are the built-ins' own (`len` shares `length` with the
    /// built-in; the methods do what theirs do once the receiver's type and the argument
    /// count are known right). A name that shadows `len` or a subclass's override of
    /// `append` is not that built-in, so it takes the general path; so does anything
    /// else (false, nothing touched).
    #[inline]
    fn call_builtin_direct(&mut self, callable_at: usize, args_at: usize) -> PyResult<bool> {
        let stack = &self.top().stack;
        let Some(Payload::Builtin(builtin)) = stack[callable_at].payload() else {
            return Ok(false);
        };
        let direct = builtin.direct;
        if direct == DirectCall::Other || builtin.bound.is_some() {
            return Ok(false);
        }
        let argc = stack.len() - args_at;
        if self.call_plain_key_direct(direct, callable_at, args_at, argc) {
            return Ok(true);
        }
        let stack = &self.top().stack;
        // The tag was resolved when the built-in was made (`DirectCall`); the receiver's
        // payload is checked here since the method may be called through its class.
        let receiver = stack[args_at..].first().and_then(Value::payload);
        match (direct, argc, receiver) {
            (DirectCall::Len, 1, _) => {
                self.publish_line();
                let stack = &mut self.top_mut().stack;
                let value = stack.pop().expect("an argument");
                stack.truncate(callable_at);
                let n = crate::builtins::length(self, &value)?;
                // (Not `self.push`, which is not always inlined: a call of its own.)
                self.top_mut().stack.push(Value::Int(n as i64));
                Ok(true)
            }
            // `abs` of a plain int (not the one whose absolute value needs a big int) or
            // float; anything else (big ints, bools, `__abs__`, errors) goes to `b_abs`.
            (DirectCall::Abs, 1, _) => {
                let result = match stack[args_at] {
                    Value::Int(i) if i != i64::MIN => Value::Int(i.abs()),
                    Value::Float(x) => Value::Float(x.abs()),
                    _ => return Ok(false),
                };
                self.publish_line();
                let stack = &mut self.top_mut().stack;
                stack.truncate(callable_at);
                stack.push(result);
                Ok(true)
            }
            (DirectCall::ListAppend, 2, Some(Payload::List(_))) => {
                self.publish_line();
                let stack = &mut self.top_mut().stack;
                let value = stack.pop().expect("an argument");
                let receiver = stack.pop().expect("a list");
                stack.truncate(callable_at);
                if let Some(Payload::List(items)) = receiver.payload() {
                    let mut items = lock(items);
                    crate::memory::check_push(&items)?;
                    items.push(value);
                }
                self.push(Value::None);
                Ok(true)
            }
            (DirectCall::DictGet, 2 | 3, Some(Payload::Dict(_))) => {
                self.publish_line();
                let stack = &mut self.top_mut().stack;
                let default = if argc == 3 { stack.pop() } else { None };
                let key = stack.pop().expect("a key");
                let receiver = stack.pop().expect("a dict");
                stack.truncate(callable_at);
                let found = {
                    let probe = self.probe(&receiver, &key)?;
                    match receiver.payload() {
                        Some(Payload::Dict(dict)) => {
                            lock(dict).get_by(probe.hash(), probe.value()).cloned()
                        }
                        _ => None,
                    }
                };
                self.push(found.or(default).unwrap_or(Value::None));
                Ok(true)
            }
            (DirectCall::DictSetdefault, 2 | 3, Some(Payload::Dict(_))) => {
                // As `d_setdefault`: one hash, one probe when the key is there.
                self.publish_line();
                let stack = &mut self.top_mut().stack;
                let default = if argc == 3 { stack.pop() } else { None };
                let key = stack.pop().expect("a key");
                let receiver = stack.pop().expect("a dict");
                stack.truncate(callable_at);
                let probe = self.probe(&receiver, &key)?;
                let result = match receiver.payload() {
                    Some(Payload::Dict(dict)) => {
                        let mut dict = lock(dict);
                        match dict.get_by(probe.hash(), probe.value()) {
                            Some(found) => found.clone(),
                            None => {
                                let default = default.unwrap_or(Value::None);
                                dict.insert(probe.into_key(), default.clone());
                                default
                            }
                        }
                    }
                    _ => Value::None,
                };
                self.push(result);
                Ok(true)
            }
            (DirectCall::SetAdd | DirectCall::SetDiscard, 2, Some(Payload::Set(_))) => {
                self.publish_line();
                let stack = &mut self.top_mut().stack;
                let value = stack.pop().expect("an argument");
                let receiver = stack.pop().expect("a set");
                stack.truncate(callable_at);
                if direct == DirectCall::SetAdd {
                    let key = self.key_in(&receiver, value)?;
                    if let Some(Payload::Set(set)) = receiver.payload() {
                        lock(set).insert(key);
                    }
                } else {
                    let probe = self.probe(&receiver, &value)?;
                    if let Some(Payload::Set(set)) = receiver.payload() {
                        lock(set).remove_by(probe.hash(), probe.value());
                    }
                }
                self.push(Value::None);
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// `call_builtin_direct`'s `dict.get`, `dict.setdefault`, `set.add` and `set.discard` when the key is an
    /// inline str or int (hashed without Python, compared without Python): done on the
    /// values where they lie on the stack, with no pops or probe. True when done.
    #[inline]
    fn call_plain_key_direct(
        &mut self,
        direct: DirectCall,
        callable_at: usize,
        args_at: usize,
        argc: usize,
    ) -> bool {
        let wanted = match direct {
            DirectCall::DictGet | DirectCall::DictSetdefault => matches!(argc, 2 | 3),
            DirectCall::SetAdd | DirectCall::SetDiscard => argc == 2,
            _ => false,
        };
        if !wanted {
            return false;
        }
        let stack = &self.top().stack;
        let (Some(Value::Obj(receiver)), Some(key)) = (stack.get(args_at), stack.get(args_at + 1))
        else {
            return false;
        };
        let Some(hash) = crate::hashing::plain_hash(key) else {
            return false;
        };
        let result = match (direct, argc, &receiver.payload) {
            (DirectCall::DictGet, _, Payload::Dict(dict)) => {
                let found = lock(dict).get_by(hash, key).cloned();
                found.unwrap_or_else(|| stack.get(args_at + 2).cloned().unwrap_or(Value::None))
            }
            (DirectCall::DictSetdefault, _, Payload::Dict(dict)) => {
                let mut dict = lock(dict);
                match dict.get_by(hash, key) {
                    Some(found) => found.clone(),
                    None => {
                        let default = stack.get(args_at + 2).cloned().unwrap_or(Value::None);
                        let key = Key {
                            hash,
                            value: key.clone(),
                        };
                        dict.insert(key, default.clone());
                        default
                    }
                }
            }
            (DirectCall::SetAdd, _, Payload::Set(set)) => {
                let key = Key {
                    hash,
                    value: key.clone(),
                };
                lock(set).insert(key);
                Value::None
            }
            (DirectCall::SetDiscard, _, Payload::Set(set)) => {
                lock(set).remove_by(hash, key);
                Value::None
            }
            _ => return false,
        };
        self.publish_line();
        let stack = &mut self.top_mut().stack;
        stack.truncate(callable_at);
        stack.push(result);
        true
    }

    /// Whether `stack[callable_at]` is a built-in function or method (which neither
    /// `push_plain_frame` nor `push_call_frame` takes).
    #[inline(always)]
    fn builtin_at(&self, callable_at: usize) -> bool {
        matches!(
            self.top().stack[callable_at].payload(),
            Some(Payload::Builtin(_))
        )
    }

    /// The built-in function or method at `stack[callable_at]` (`builtin_at`), called with
    /// the positional arguments `stack[args_at..]` (anything between: the no-self marker
    /// of `CallMethod`): what `call_or_push` and `call` do for a built-in, without their
    /// checks for the other kinds of callable.
    #[inline]
    fn call_builtin_on_stack(&mut self, callable_at: usize, args_at: usize) -> PyResult<()> {
        self.publish_line();
        let stack = &mut self.top_mut().stack;
        let mut args = Args::positional(take_args(stack, args_at, Positional::new()));
        stack.truncate(callable_at + 1);
        let callable = stack.pop().expect("the callable");
        let Some(Payload::Builtin(builtin)) = callable.payload() else {
            unreachable!("checked by builtin_at");
        };
        if let Some(arity) = builtin.arity {
            crate::builtins::check_method_arity(&args, builtin, arity)?;
        }
        if let Some(bound) = &builtin.bound {
            args.positional.insert(0, bound.clone());
        }
        // As from `call_or_push`: the built-in may suspend the thread.
        self.slice.suspend_ok = true;
        let result = (builtin.func)(self, args);
        self.slice.suspend_ok = false;
        self.push(result?);
        Ok(())
    }

    /// `CallKw`: `argc` arguments, the last of them named by the tuple on top.
    #[inline]
    pub(super) fn call_kw(&mut self, argc: usize) -> PyResult<Option<Flow>> {
        let names = self.pop();
        if let Some(Payload::Tuple(keywords)) = names.payload() {
            let callable_at = self.top().stack.len() - argc - 1;
            if self.push_plain_frame(callable_at, callable_at + 1, keywords)? {
                return self.entered_function().map(Some);
            }
        }
        let mut values = self.pop_n(argc);
        let names: Vec<Name> = match names.payload() {
            Some(Payload::Tuple(names)) => names
                .iter()
                .map(|n| match n {
                    Value::Str(s) => s.clone(),
                    _ => Name::from(""),
                })
                .collect(),
            _ => Vec::new(),
        };
        let keyword_values = values.split_off(values.len() - names.len());
        let callable = self.pop();
        let args = Args {
            positional: values.into(),
            keywords: names.into_iter().zip(keyword_values).collect(),
        };
        self.call_or_push(callable, args)
    }

    /// `CallEx`: `f(*args, **kwargs)`.
    #[inline]
    pub(super) fn call_ex(&mut self) -> PyResult<Option<Flow>> {
        let kwargs = self.pop();
        let positional = self.pop();
        let callable = self.pop();
        let positional = self.collect(&positional)?;
        let mut keywords = Vec::new();
        if !kwargs.is_none() {
            for (key, value) in self.mapping_items(&kwargs)? {
                match key.value {
                    Value::Str(name) => {
                        if keywords.iter().any(|(k, _): &(Name, Value)| *k == name) {
                            return Err(exc(
                                ExcType::TypeError,
                                format!(
                                    "{}() got multiple values for keyword argument '{name}'",
                                    self.callable_name(&callable)
                                ),
                            ));
                        }
                        keywords.push((name, value));
                    }
                    _ => return Err(exc(ExcType::TypeError, "keywords must be strings")),
                }
            }
        }
        self.call_or_push(
            callable,
            Args {
                positional: positional.into(),
                keywords,
            },
        )
    }

    /// `MakeFunction`: a function of the code object on top, with what `flags` says
    /// lies below it (closure cells, keyword-only defaults, defaults).
    #[inline]
    pub(super) fn make_function(&mut self, flags: MakeFunctionFlags) -> PyResult<()> {
        let code_value = self.pop();
        let closure = if flags.closure {
            tuple_items(self.pop())
        } else {
            Vec::new()
        };
        let annotations = flags.annotations.then(|| self.pop());
        let kwdefaults = if flags.kwdefaults {
            let dict = self.pop();
            self.mapping_items(&dict)?
                .into_iter()
                .filter_map(|(k, v)| match k.value {
                    Value::Str(name) => Some((name, v)),
                    _ => None,
                })
                .collect()
        } else {
            Vec::new()
        };
        let defaults = if flags.defaults {
            tuple_items(self.pop())
        } else {
            Vec::new()
        };
        let Some(Payload::Code(code)) = code_value.payload() else {
            return Err(exc(ExcType::SystemError, "MakeFunction without code"));
        };
        let function = Function {
            code: code.clone(),
            globals: self.top().globals.clone(),
            defaults,
            kwdefaults,
            closure,
            name: code.name.clone(),
            qualname: code.qualname.clone(),
            attrs: Mutex::new(AttrMap::default()),
        };
        if let Some(annotations) = annotations {
            lock(&function.attrs).insert("__annotations__".into(), annotations);
        }
        self.push(Value::obj(Payload::Function(Box::new(function))));
        Ok(())
    }

    /// Pushes a new frame for a plain Python function (or a method bound to one); gives
    /// the arguments back for anything else, which must be called from Rust.
    pub(super) fn push_call_frame(
        &mut self,
        callable: &Value,
        args: Args,
    ) -> PyResult<Result<(), Args>> {
        let (function, args) = match callable.payload() {
            Some(Payload::Function(function)) => (function, args),
            Some(Payload::BoundMethod(receiver, inner)) => match inner.payload() {
                // A generator function is called through `call`, which binds the
                // receiver itself: it must not be inserted twice.
                Some(Payload::Function(function)) if !function.code.is_generator => {
                    let mut args = args;
                    args.positional.insert(0, receiver.clone());
                    (function, args)
                }
                _ => return Ok(Err(args)),
            },
            _ => return Ok(Err(args)),
        };
        if function.code.is_generator {
            return Ok(Err(args));
        }
        let frame = self.function_frame(function, args)?;
        if self.frames.len() >= self.rt.recursion_limit.load(Ordering::Relaxed) {
            return Err(exc(
                ExcType::RecursionError,
                "maximum recursion depth exceeded",
            ));
        }
        self.vacate_next_slot();
        self.frames.push(frame);
        Ok(Ok(()))
    }

    /// Calls any callable and returns its result (runs Python code to completion).
    pub(crate) fn call(&mut self, callable: Value, args: Args) -> PyResult<Value> {
        // Only a built-in called straight from `call_or_push` may suspend the thread;
        // anything it calls back into runs to completion.
        let may_suspend = std::mem::take(&mut self.slice.suspend_ok);
        let Value::Obj(obj) = &callable else {
            return Err(not_callable(&callable));
        };
        match &obj.payload {
            Payload::Function(function) => {
                let frame = self.function_frame(function, args)?;
                if function.code.is_generator {
                    return Ok(Value::obj(Payload::Generator(Generator {
                        state: Mutex::new(GeneratorState::Suspended(Box::new(frame))),
                        is_coroutine: function.code.is_coroutine,
                        is_async_gen: function.code.is_async_generator,
                        qualname: function.code.qualname.clone(),
                    })));
                }
                self.eval_breaker()?;
                self.run_frame(frame)
            }
            Payload::Builtin(builtin) => {
                if let Some(arity) = builtin.arity {
                    crate::builtins::check_method_arity(&args, builtin, arity)?;
                }
                let mut args = args;
                if let Some(bound) = &builtin.bound {
                    args.positional.insert(0, bound.clone());
                }
                self.slice.suspend_ok = may_suspend;
                let result = (builtin.func)(self, args);
                self.slice.suspend_ok = false;
                result
            }
            Payload::BoundMethod(receiver, function) => {
                let mut args = args;
                args.positional.insert(0, receiver.clone());
                self.slice.suspend_ok = may_suspend;
                self.call(function.clone(), args)
            }
            Payload::Class(_) => self.instantiate(obj.clone(), args),
            Payload::Instance(_) => match self.special_method(&callable, "__call__") {
                Some(method) => self.call(method, args),
                None => Err(not_callable(&callable)),
            },
            Payload::StaticMethod(inner) => self.call(inner.clone(), args),
            _ => Err(not_callable(&callable)),
        }
    }

    pub fn call0(&mut self, callable: Value) -> PyResult<Value> {
        self.call(callable, Args::default())
    }

    pub(crate) fn call1(&mut self, callable: Value, arg: Value) -> PyResult<Value> {
        self.call(callable, Args::new(smallvec::smallvec![arg]))
    }

    pub(crate) fn callable_name(&self, callable: &Value) -> String {
        match callable.payload() {
            Some(Payload::Function(f)) => f.qualname.to_string(),
            Some(Payload::Builtin(b)) => b.name.to_string(),
            Some(Payload::BoundMethod(_, f)) => self.callable_name(f),
            Some(Payload::Class(c)) => c.name.to_string(),
            _ => type_name(callable),
        }
    }

    /// Binds arguments to parameters with CPython's error messages.
    fn function_frame(&mut self, function: &Function, args: Args) -> PyResult<Frame> {
        let code = function.code.clone();
        let mut frame = self.new_frame(code.clone(), function.globals.clone());
        let name = &function.qualname;
        let argcount = code.argcount as usize;
        let kwonly = code.kwonlyargcount as usize;
        let Args {
            mut positional,
            keywords,
        } = args;
        let given = positional.len();
        if given > argcount && !code.has_varargs {
            let required = argcount - function.defaults.len().min(argcount);
            let takes = if required == argcount {
                format!("{argcount} positional argument{}", plural(argcount))
            } else {
                format!("from {required} to {argcount} positional arguments")
            };
            let kw_given = keywords.len();
            let was = if given == 1 && kw_given == 0 {
                "was"
            } else {
                "were"
            };
            let extra = if kw_given > 0 {
                format!(
                    " positional argument{} (and {kw_given} keyword-only argument{})",
                    plural(given),
                    plural(kw_given)
                )
            } else {
                String::new()
            };
            return Err(exc(
                ExcType::TypeError,
                format!("{name}() takes {takes} but {given}{extra} {was} given"),
            ));
        }
        let varargs: Vec<Value> = if given > argcount {
            positional.drain(argcount..).collect()
        } else {
            Vec::new()
        };
        for (index, value) in positional.into_iter().enumerate() {
            frame.fast[index] = Some(value);
        }
        let mut kwargs_dict = if code.has_varkw {
            Some(Dict::new())
        } else {
            None
        };
        if kwargs_dict.is_none() {
            let posonly = &code.varnames[..code.posonlyargcount as usize];
            let misused: Vec<&str> = keywords
                .iter()
                .filter(|(k, _)| posonly.contains(k))
                .map(|(k, _)| &**k)
                .collect();
            if !misused.is_empty() {
                return Err(exc(ExcType::TypeError,
                    format!(
                        "{name}() got some positional-only arguments passed as keyword arguments: '{}'",
                        misused.join(", ")
                    ),
                ));
            }
        }
        for (key, value) in keywords {
            let position = code.varnames[..argcount + kwonly]
                .iter()
                .position(|v| *v == key);
            match position {
                Some(index) if index >= code.posonlyargcount as usize => {
                    if frame.fast[index].is_some() {
                        return Err(exc(
                            ExcType::TypeError,
                            format!("{name}() got multiple values for argument '{key}'"),
                        ));
                    }
                    frame.fast[index] = Some(value);
                }
                _ => match &mut kwargs_dict {
                    Some(dict) => {
                        dict.insert(
                            Key {
                                hash: ops::hash_str(&key),
                                value: Value::Str(key),
                            },
                            value,
                        );
                    }
                    None => {
                        return Err(exc(
                            ExcType::TypeError,
                            format!("{name}() got an unexpected keyword argument '{key}'"),
                        ));
                    }
                },
            }
        }
        // Defaults fill the last positional parameters.
        let first_default = argcount - function.defaults.len().min(argcount);
        let mut missing = Vec::new();
        for index in 0..argcount {
            if frame.fast[index].is_none() {
                if index >= first_default {
                    frame.fast[index] = Some(function.defaults[index - first_default].clone());
                } else {
                    missing.push(code.varnames[index].clone());
                }
            }
        }
        if !missing.is_empty() {
            return Err(exc(
                ExcType::TypeError,
                format!(
                    "{name}() missing {} required positional argument{}: {}",
                    missing.len(),
                    plural(missing.len()),
                    join_names(&missing)
                ),
            ));
        }
        let mut missing_kw = Vec::new();
        for index in argcount..argcount + kwonly {
            if frame.fast[index].is_none() {
                let param = &code.varnames[index];
                match function.kwdefaults.iter().find(|(k, _)| k == param) {
                    Some((_, value)) => frame.fast[index] = Some(value.clone()),
                    None => missing_kw.push(param.clone()),
                }
            }
        }
        if !missing_kw.is_empty() {
            return Err(exc(
                ExcType::TypeError,
                format!(
                    "{name}() missing {} required keyword-only argument{}: {}",
                    missing_kw.len(),
                    plural(missing_kw.len()),
                    join_names(&missing_kw)
                ),
            ));
        }
        let mut next = argcount + kwonly;
        if code.has_varargs {
            frame.fast[next] = Some(Value::obj(Payload::Tuple(varargs)));
            next += 1;
        }
        if let Some(dict) = kwargs_dict {
            frame.fast[next] = Some(Value::obj(Payload::Dict(Mutex::new(dict))));
        }
        // Cells: own cellvars (parameters move in), then the closure's cells.
        if !code.cellvars.is_empty() || !function.closure.is_empty() {
            let mut cells = Vec::with_capacity(code.cellvars.len() + function.closure.len());
            for _ in &code.cellvars {
                cells.push(Value::obj(Payload::Cell(Mutex::new(None))));
            }
            for (cell_index, var_index) in &code.cell_params {
                let value = frame.fast[*var_index as usize].clone();
                if let Some(Payload::Cell(content)) = cells[*cell_index as usize].payload() {
                    *lock(content) = value;
                }
            }
            cells.extend(function.closure.iter().cloned());
            frame.cells = cells;
        }
        Ok(frame)
    }

    fn instantiate(&mut self, class: Arc<Obj>, args: Args) -> PyResult<Value> {
        // A metaclass's own `__call__` decides what calling the class does.
        if let Some(metaclass) = class_of(&class).and_then(|c| c.metaclass.as_ref()) {
            if let Some(call) = types::lookup_in_class(metaclass, "__call__") {
                if matches!(call.payload(), Some(Payload::Function(_))) {
                    let mut call_args = args;
                    call_args.positional.insert(0, Value::Obj(class.clone()));
                    return self.call(call, call_args);
                }
            }
        }
        self.instantiate_plain(class, args)
    }

    /// `type.__call__`: `__new__` then `__init__` (or a built-in class's constructor).
    pub(crate) fn instantiate_plain(&mut self, class: Arc<Obj>, args: Args) -> PyResult<Value> {
        if let Some(result) = crate::builtins::construct_builtin(self, &class, &args)? {
            return Ok(result);
        }
        let Some(class_data) = class_of(&class) else {
            return Err(exc(ExcType::TypeError, "not a class"));
        };
        let is_exception = class_data.base_kind == BaseKind::Exception;
        // A class's own `__new__` (a Python function) makes the instance; `__init__`
        // follows only when it returned an instance of the class, as in CPython.
        if let Some(new) = types::lookup_in_class(&class, "__new__") {
            if matches!(
                new.payload(),
                Some(Payload::Function(_) | Payload::StaticMethod(_))
            ) {
                let mut new_args = args.clone();
                new_args.positional.insert(0, Value::Obj(class.clone()));
                let instance = self.call(new, new_args)?;
                let made_here = match instance.payload() {
                    Some(Payload::Instance(made)) => types::is_subclass(&made.class, &class),
                    _ if instance.is_subclass_instance() || instance.is_class() => {
                        types::is_subclass(types::type_ref(&instance), &class)
                    }
                    _ => false,
                };
                if made_here {
                    self.run_init(&class, &instance, args)?;
                }
                return Ok(instance);
            }
        }
        if class_data.base_kind == BaseKind::Type {
            // A metaclass without a Python `__new__`: `type.__new__` makes the class.
            if args.positional.len() == 1 && args.keywords.is_empty() {
                return Ok(Value::Obj(types::type_of(&args.positional[0])));
            }
            let type_new = types::lookup_in_class(&types::types().type_, "__new__")
                .ok_or_else(|| exc(ExcType::SystemError, "type.__new__ missing"))?;
            let mut new_args = args.clone();
            new_args.positional.insert(0, Value::Obj(class.clone()));
            let made = self.call(type_new, new_args)?;
            self.run_init(&class, &made, args)?;
            return Ok(made);
        }
        if class_data.base_kind == BaseKind::Data {
            // `list.__new__`/`tuple.__new__`... through the MRO, then `__init__`.
            let mut new_args = args.clone();
            new_args.positional.insert(0, Value::Obj(class.clone()));
            let instance = crate::builtins::m_data_new(self, new_args)?;
            self.run_init(&class, &instance, args)?;
            return Ok(instance);
        }
        let instance = Value::obj(Payload::Instance(Instance {
            class: class.clone(),
            dict: Mutex::new(AttrMap::default()),
            exception: is_exception.then(|| {
                Box::new(Mutex::new(ExceptionData {
                    args: args.positional.to_vec(),
                    ..ExceptionData::default()
                }))
            }),
        }));
        let takes_arguments = !args.positional.is_empty() || !args.keywords.is_empty();
        if !self.run_init(&class, &instance, args)? && !is_exception && takes_arguments {
            return Err(exc(
                ExcType::TypeError,
                format!("{}() takes no arguments", class_data.name),
            ));
        }
        Ok(instance)
    }

    /// Calls the class's `__init__` on a new instance; false when it has none.
    fn run_init(&mut self, class: &Arc<Obj>, instance: &Value, args: Args) -> PyResult<bool> {
        let Some(init) = types::lookup_in_class(class, "__init__") else {
            return Ok(false);
        };
        if !args.positional.is_empty() || !args.keywords.is_empty() {
            // Inherited `object.__init__` counts as none: with arguments, CPython's says
            // "C() takes no arguments" (the caller raises that); without, it does nothing.
            let object_init = types::lookup_in_class(&types::types().object, "__init__");
            if let (Value::Obj(found), Some(Value::Obj(object_init))) = (&init, &object_init) {
                if Arc::ptr_eq(found, object_init) {
                    return Ok(false);
                }
            }
        }
        let mut init_args = args;
        init_args.positional.insert(0, instance.clone());
        let result = self.call(init, init_args)?;
        if !result.is_none() {
            return Err(exc(
                ExcType::TypeError,
                format!(
                    "__init__() should return None, not '{}'",
                    type_name(&result)
                ),
            ));
        }
        Ok(true)
    }

    /// `LoadBuildClass`: pushes the `__build_class__` built-in.
    #[inline]
    pub(super) fn load_build_class(&mut self) -> PyResult<()> {
        let build = self.builtin_value("__build_class__")?;
        self.push(build);
        Ok(())
    }

    /// Runs a class body function with `namespace` as its local namespace.
    pub(crate) fn run_class_body(
        &mut self,
        body: &Value,
        namespace: Arc<Mutex<AttrMap>>,
    ) -> PyResult<Value> {
        let Some(Payload::Function(function)) = body.payload() else {
            return Err(exc(
                ExcType::TypeError,
                "__build_class__: func must be a function",
            ));
        };
        let mut frame = self.function_frame(function, Args::default())?;
        frame.class_ns = Some(namespace);
        if frame.cells.len() < function.code.cellvars.len() {
            frame.cells = function
                .code
                .cellvars
                .iter()
                .map(|_| Value::obj(Payload::Cell(Mutex::new(None))))
                .collect();
            frame.cells.extend(function.closure.iter().cloned());
        }
        self.run_frame(frame)
    }
}

/// Moves `stack[at..]` to the end of `args`: one by one when they fit inline (a plain
/// loop; `SmallVec`'s generic `extend` costs more than the call it serves), else through
/// one vector.
#[inline(always)]
fn take_args(stack: &mut Vec<Value>, at: usize, mut args: Positional) -> Positional {
    if args.len() + (stack.len() - at) <= INLINE_ARGS {
        for value in stack.drain(at..) {
            args.push(value);
        }
        args
    } else if args.is_empty() {
        Positional::from_vec(stack.split_off(at))
    } else {
        let mut all = Vec::with_capacity(args.len() + stack.len() - at);
        all.extend(args);
        all.extend(stack.drain(at..));
        Positional::from_vec(all)
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn join_names(names: &[Name]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

/// The items of the tuple `MakeFunction` takes off the stack (its closure cells or its
/// defaults): moved out when the instruction holds the only reference, as it does to
/// the tuple `BuildTuple` made just before (a new vector and a count increment and
/// decrement per item less, for every closure made); cloned from a shared one (a
/// constant tuple of defaults). Anything but a tuple gives none.
#[inline]
fn tuple_items(value: Value) -> Vec<Value> {
    let Value::Obj(mut tuple) = value else {
        return Vec::new();
    };
    if let Some(Obj {
        payload: Payload::Tuple(items),
        ..
    }) = Arc::get_mut(&mut tuple)
    {
        return std::mem::take(items);
    }
    match &tuple.payload {
        Payload::Tuple(items) => items.clone(),
        _ => Vec::new(),
    }
}

/// The default of keyword-only parameter `index` (`varnames[index]`, past the
/// `argcount` positional ones) of `function`. Its defaults usually come in the
/// parameters' order (`MakeFunction` takes them from a dict the compiler builds so):
/// the one at the parameter's own position is tried first, then all of them.
#[inline(always)]
fn kwdefault<'a>(
    function: &'a Function,
    varnames: &[Name],
    argcount: usize,
    index: usize,
) -> Option<&'a Value> {
    let param = &varnames[index];
    match function.kwdefaults.get(index - argcount) {
        Some((name, value)) if name == param => Some(value),
        _ => function
            .kwdefaults
            .iter()
            .find(|(name, _)| name == param)
            .map(|(_, value)| value),
    }
}
