//! The instruction loop: running frames until the base one returns, yields or raises
//! (`execute`), and `dispatch`, the match on the opcode that runs the current frame.
//!
//! Speed lives here: the hot arms (local and constant loads, stores, integer
//! arithmetic and comparisons, jumps, `for` over a range) stay inline in the match.
//! Nothing slow or rare may be added to those arms; anything else goes to the method of
//! its concern in the sibling modules. Recursion in Rust happens only through `execute`,
//! which bounds it.

use super::exceptions::{exc, name_error};
use super::frame::{Block, BlockKind, Frame, Vm};
use super::generators::GenStep;
use super::lane::LINE_PUBLISH_EVERY;
use super::names::cell_name;
use crate::code::{CodeObject, Instr, Name};
use crate::ops;
use crate::types::{self, exception_class, type_name};
use crate::value::*;
use crate::{PyErr, PyResult};
use bytecode::{BinOp, CmpOp};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};

/// Nested interpreter loops allowed (each costs native stack; a browser worker has
/// about 1 MiB). Python-to-Python calls do not count: they only push a frame.
pub(super) const MAX_NESTED_RUNS: usize = 160;

pub(super) enum Flow {
    /// A new frame was pushed or popped: reload the current code.
    Switch,
    Return(Value),
    Yield(Value),
    /// The thread gave way to the virtual scheduler (preempted, or blocked with
    /// `Vm::pending_wait` set); its frames stay as they are until it resumes.
    Suspend,
}

impl Vm {
    /// Runs a module's top-level code in `globals`.
    pub fn run_module(&mut self, code: Arc<CodeObject>, globals: Arc<Globals>) -> PyResult<Value> {
        let frame = self.new_frame(code, globals);
        self.run_frame(frame)
    }

    /// Pushes `frame` and runs until it returns.
    pub fn run_frame(&mut self, frame: Frame) -> PyResult<Value> {
        let base = self.frames.len();
        if base >= self.rt.recursion_limit.load(Ordering::Relaxed) {
            return Err(exc("RecursionError", "maximum recursion depth exceeded"));
        }
        self.frames.push(frame);
        match self.execute(base)? {
            Flow::Return(value) => Ok(value),
            Flow::Yield(_) | Flow::Switch | Flow::Suspend => {
                Err(exc("RuntimeError", "yield outside a generator frame"))
            }
        }
    }

    /// Runs frames until the one at `base` returns or yields (then it is popped) or an
    /// exception escapes it.
    pub(super) fn execute(&mut self, base: usize) -> PyResult<Flow> {
        let level = if self.nested_runs < MAX_NESTED_RUNS {
            crate::stack_guard::try_enter(crate::stack_guard::NESTED_RUN_UNITS)
        } else {
            None
        };
        let Some(_level) = level else {
            // Unwind the frame that was pushed for this run before reporting.
            self.frames.truncate(base);
            return Err(exc("RecursionError", crate::stack_guard::MESSAGE));
        };
        self.nested_runs += 1;
        let result = self.execute_loop(base);
        self.nested_runs -= 1;
        result
    }

    fn execute_loop(&mut self, base: usize) -> PyResult<Flow> {
        loop {
            match self.dispatch() {
                Ok(Flow::Switch) => {}
                Ok(Flow::Return(value)) => {
                    self.frames.pop();
                    if self.frames.len() == base {
                        return Ok(Flow::Return(value));
                    }
                    self.push(value);
                }
                Ok(Flow::Yield(value)) => return Ok(Flow::Yield(value)),
                Ok(Flow::Suspend) => return Ok(Flow::Suspend),
                Err(_) if self.slice.suspending => {
                    self.slice.suspending = false;
                    return Ok(Flow::Suspend);
                }
                Err(error) => {
                    self.set_context(&error);
                    if !self.handle_exception(error.clone(), base) {
                        return Err(error);
                    }
                }
            }
        }
    }

    #[allow(clippy::too_many_lines)]
    fn dispatch(&mut self) -> PyResult<Flow> {
        let code = self.top().code.clone();
        loop {
            if self.slice.per_instruction {
                self.per_instruction_check()?;
            }
            // The hot arms use `frame` directly; the others go through `self` (the
            // borrow ends where `frame` is last used).
            let frame = self.frames.last_mut().expect("a frame is running");
            let ip = frame.ip;
            let Some(instr) = code.instructions.get(ip) else {
                return Ok(Flow::Return(Value::None));
            };
            frame.ip = ip + 1;
            match instr {
                Instr::Nop => {}
                Instr::LoadConst(i) => {
                    frame.stack.push(code.consts[*i as usize].clone());
                }
                Instr::LoadFast(i) => match &frame.fast[*i as usize] {
                    Some(value) => {
                        let value = value.clone();
                        frame.stack.push(value);
                    }
                    None => {
                        let name = &code.varnames[*i as usize];
                        return Err(exc(
                                "UnboundLocalError",
                                format!("cannot access local variable '{name}' where it is not associated with a value"),
                            ));
                    }
                },
                Instr::StoreFast(i) => {
                    let value = frame.stack.pop().expect("balanced stack");
                    frame.fast[*i as usize] = Some(value);
                }
                Instr::DeleteFast(i) => {
                    if frame.fast[*i as usize].take().is_none() {
                        let name = &code.varnames[*i as usize];
                        return Err(exc(
                            "UnboundLocalError",
                            format!("cannot access local variable '{name}' where it is not associated with a value"),
                        ));
                    }
                }
                Instr::LoadGlobal(i) => {
                    let name = &code.names[*i as usize];
                    let value = self.load_global(name)?;
                    self.push(value);
                }
                Instr::StoreGlobal(i) => {
                    let value = self.pop();
                    let name = code.names[*i as usize].clone();
                    lock(&self.top().globals.vars).insert(name, value);
                    if self.watching {
                        self.sample_watched(false);
                    }
                }
                Instr::DeleteGlobal(i) => {
                    let name = &code.names[*i as usize];
                    if lock(&self.top().globals.vars).shift_remove(name).is_none() {
                        return Err(name_error(name));
                    }
                }
                Instr::LoadName(i) => {
                    let name = &code.names[*i as usize];
                    let local = self
                        .top()
                        .class_ns
                        .as_ref()
                        .and_then(|ns| lock(ns).get(name).cloned());
                    let value = match local {
                        Some(value) => value,
                        None => self.load_global(name)?,
                    };
                    self.push(value);
                }
                Instr::StoreName(i) => {
                    let value = self.pop();
                    let name = code.names[*i as usize].clone();
                    let frame = self.top();
                    match &frame.class_ns {
                        Some(ns) => {
                            lock(ns).insert(name, value);
                        }
                        None => {
                            lock(&frame.globals.vars).insert(name, value);
                        }
                    }
                }
                Instr::DeleteName(i) => {
                    let name = &code.names[*i as usize];
                    let frame = self.top();
                    let removed = match &frame.class_ns {
                        Some(ns) => lock(ns).shift_remove(name),
                        None => lock(&frame.globals.vars).shift_remove(name),
                    };
                    if removed.is_none() {
                        return Err(name_error(name));
                    }
                }
                Instr::LoadDeref(i) => {
                    let cell = self.top().cells[*i as usize].clone();
                    let value = match cell.payload() {
                        Some(Payload::Cell(content)) => lock(content).clone(),
                        _ => None,
                    };
                    match value {
                        Some(value) => self.push(value),
                        None => {
                            let name = cell_name(&code, *i as usize);
                            return Err(exc(
                                "NameError",
                                format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
                            ));
                        }
                    }
                }
                Instr::StoreDeref(i) => {
                    let value = self.pop();
                    let cell = &self.top().cells[*i as usize];
                    if let Some(Payload::Cell(content)) = cell.payload() {
                        *lock(content) = Some(value);
                    }
                }
                Instr::LoadClosure(i) => {
                    let cell = self.top().cells[*i as usize].clone();
                    self.push(cell);
                }
                Instr::LoadAttr(i) => {
                    let object = self.pop();
                    let value = self.get_attr(&object, &code.names[*i as usize])?;
                    self.push(value);
                }
                Instr::StoreAttr(i) => {
                    let object = self.pop();
                    let value = self.pop();
                    self.set_attr(&object, &code.names[*i as usize], value)?;
                }
                Instr::DeleteAttr(i) => {
                    let object = self.pop();
                    self.del_attr(&object, &code.names[*i as usize])?;
                }
                Instr::LoadMethod(i) => {
                    let object = self.pop();
                    let name = &code.names[*i as usize];
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
                }
                Instr::CallMethod(argc) => {
                    let argc = *argc as usize;
                    let stack_len = self.top().stack.len();
                    let receiver_at = stack_len - argc - 1;
                    let receiver = self.top().stack[receiver_at].clone();
                    let has_self = !receiver.is(&self.rt.no_self);
                    let mut positional: Vec<Value> = Vec::with_capacity(argc + 1);
                    if has_self {
                        positional.push(receiver);
                    }
                    positional.extend(self.top_mut().stack.drain(receiver_at + 1..));
                    self.top_mut().stack.truncate(receiver_at);
                    let callable = self.pop();
                    if let Some(flow) = self.call_or_push(callable, Args::new(positional))? {
                        return Ok(flow);
                    }
                }
                Instr::Subscript => {
                    let index = self.pop();
                    let container = self.pop();
                    let value = ops::get_item(self, &container, &index)?;
                    self.push(value);
                }
                Instr::StoreSubscript => {
                    let index = self.pop();
                    let container = self.pop();
                    let value = self.pop();
                    ops::set_item(self, &container, index, value)?;
                }
                Instr::DeleteSubscript => {
                    let index = self.pop();
                    let container = self.pop();
                    ops::del_item(self, &container, &index)?;
                }
                Instr::BuildSlice(n) => {
                    let step = if *n == 3 { self.pop() } else { Value::None };
                    let stop = self.pop();
                    let start = self.pop();
                    self.push(Value::obj(Payload::Slice(start, stop, step)));
                }
                Instr::Binary(op) | Instr::InplaceBinary(op) => {
                    let n = frame.stack.len();
                    if let [.., Value::Int(a), Value::Int(b)] = frame.stack[..] {
                        let fast = match op {
                            BinOp::Add => a.checked_add(b),
                            BinOp::Sub => a.checked_sub(b),
                            _ => None,
                        };
                        if let Some(result) = fast {
                            frame.stack.truncate(n - 1);
                            frame.stack[n - 2] = Value::Int(result);
                            continue;
                        }
                    }
                    let inplace = matches!(instr, Instr::InplaceBinary(_));
                    let right = self.pop();
                    let left = self.pop();
                    let value = ops::binary(self, *op, &left, &right, inplace)?;
                    self.push(value);
                }
                Instr::Unary(op) => {
                    let operand = self.pop();
                    let value = ops::unary(self, *op, &operand)?;
                    self.push(value);
                }
                Instr::Compare(op) => {
                    let n = frame.stack.len();
                    if let [.., Value::Int(a), Value::Int(b)] = frame.stack[..] {
                        let fast = match op {
                            CmpOp::Lt => Some(a < b),
                            CmpOp::LtE => Some(a <= b),
                            CmpOp::Gt => Some(a > b),
                            CmpOp::GtE => Some(a >= b),
                            CmpOp::Eq => Some(a == b),
                            CmpOp::NotEq => Some(a != b),
                            _ => None,
                        };
                        if let Some(result) = fast {
                            frame.stack.truncate(n - 1);
                            frame.stack[n - 2] = Value::Bool(result);
                            continue;
                        }
                    }
                    let right = self.pop();
                    let left = self.pop();
                    let value = match (op, &left, &right) {
                        (CmpOp::Lt, Value::Int(a), Value::Int(b)) => Value::Bool(a < b),
                        (CmpOp::Eq, Value::Int(a), Value::Int(b)) => Value::Bool(a == b),
                        _ => ops::compare(self, *op, &left, &right)?,
                    };
                    self.push(value);
                }
                Instr::Pop => {
                    self.pop();
                }
                Instr::Dup => {
                    let value = self.peek(0).clone();
                    self.push(value);
                }
                Instr::Dup2 => {
                    let a = self.peek(1).clone();
                    let b = self.peek(0).clone();
                    self.push(a);
                    self.push(b);
                }
                Instr::Rot2 => {
                    let stack = &mut self.top_mut().stack;
                    let n = stack.len();
                    stack.swap(n - 1, n - 2);
                }
                Instr::Rot3 => {
                    let stack = &mut self.top_mut().stack;
                    let top = stack.pop().expect("balanced stack");
                    let n = stack.len();
                    stack.insert(n - 2, top);
                }
                Instr::Rot4 => {
                    let stack = &mut self.top_mut().stack;
                    let top = stack.pop().expect("balanced stack");
                    let n = stack.len();
                    stack.insert(n - 3, top);
                }
                Instr::Jump(target) => {
                    // A backward jump is an eval-breaker point (`self.rt` is a field
                    // apart from the frames, so `frame` stays borrowed).
                    if (*target as usize) <= ip {
                        self.line_countdown = self.line_countdown.saturating_sub(1);
                        if self.line_countdown == 0
                            || self.slice.switch_due
                            || self.rt.needs_attention()
                        {
                            self.line_countdown = LINE_PUBLISH_EVERY;
                            self.publish_line();
                            if crate::memory::over_budget() && crate::memory::claim_memory_error() {
                                // Reported at the statement that just ran (where the
                                // memory went), as CPython reports the allocation that
                                // failed, not at the loop's head.
                                self.top_mut().ip = ip;
                                return Err(crate::memory::memory_error());
                            }
                            self.top_mut().ip = *target as usize;
                            self.handle_attention()?;
                            self.preempt_if_due()?;
                            continue;
                        }
                    }
                    frame.ip = *target as usize;
                }
                Instr::PopJumpIfFalse(target) => {
                    if let Some(Value::Bool(b)) = frame.stack.last() {
                        if !*b {
                            frame.ip = *target as usize;
                        }
                        frame.stack.pop();
                        continue;
                    }
                    let value = self.pop();
                    if !self.truthy(&value)? {
                        self.top_mut().ip = *target as usize;
                    }
                }
                Instr::PopJumpIfTrue(target) => {
                    if let Some(Value::Bool(b)) = frame.stack.last() {
                        if *b {
                            frame.ip = *target as usize;
                        }
                        frame.stack.pop();
                        continue;
                    }
                    let value = self.pop();
                    if self.truthy(&value)? {
                        self.top_mut().ip = *target as usize;
                    }
                }
                Instr::JumpIfFalseOrPop(target) => {
                    let value = self.peek(0).clone();
                    if self.truthy(&value)? {
                        self.pop();
                    } else {
                        self.top_mut().ip = *target as usize;
                    }
                }
                Instr::JumpIfTrueOrPop(target) => {
                    let value = self.peek(0).clone();
                    if self.truthy(&value)? {
                        self.top_mut().ip = *target as usize;
                    } else {
                        self.pop();
                    }
                }
                Instr::GetIter => {
                    let value = self.pop();
                    let iterator = self.get_iter(&value)?;
                    self.push(iterator);
                }
                Instr::ForIter(target) => {
                    // Range iterators step without cloning the iterator.
                    if let Some(Payload::Iterator(state)) =
                        frame.stack.last().and_then(|it| it.payload())
                    {
                        let mut state = lock(state);
                        if let IterState::Range { next, stop, step } = &mut *state {
                            let current = *next;
                            if (*step > 0 && current < *stop) || (*step < 0 && current > *stop) {
                                *next = current.saturating_add(*step);
                                drop(state);
                                frame.stack.push(Value::Int(current));
                            } else {
                                *state = IterState::Exhausted;
                                drop(state);
                                frame.stack.pop();
                                frame.ip = *target as usize;
                            }
                            continue;
                        }
                    }
                    let iterator = self.peek(0).clone();
                    match self.next_fast(&iterator)? {
                        Some(item) => self.push(item),
                        None => {
                            self.pop();
                            self.top_mut().ip = *target as usize;
                        }
                    }
                }
                Instr::BuildTuple(n) => {
                    let items = self.pop_n(*n as usize);
                    self.push(Value::obj(Payload::Tuple(items)));
                }
                Instr::BuildList(n) => {
                    let items = self.pop_n(*n as usize);
                    self.push(Value::obj(Payload::List(Mutex::new(items))));
                }
                Instr::BuildSet(n) => {
                    let items = self.pop_n(*n as usize);
                    let mut set = Set::new();
                    for item in items {
                        let key = self.key_among(item, set.iter())?;
                        set.insert(key);
                    }
                    self.push(Value::obj(Payload::Set(Mutex::new(set))));
                }
                Instr::BuildConstSet(n) => {
                    let items = self.pop_n(*n as usize);
                    let mut constants = Set::new();
                    for item in items {
                        constants.insert(self.key(item)?);
                    }
                    // The compiler's constant merging rebuilds the frozenset from its
                    // own iteration order; SET_UPDATE then merges it into a new set.
                    let merged: Set = constants.iter().cloned().collect();
                    let set = merged.copied();
                    self.push(Value::obj(Payload::Set(Mutex::new(set))));
                }
                Instr::BuildMap(n) => {
                    let items = self.pop_n(2 * *n as usize);
                    let mut dict = Dict::new();
                    let mut iter = items.into_iter();
                    while let (Some(key), Some(value)) = (iter.next(), iter.next()) {
                        let key = self.key_among(key, dict.keys())?;
                        dict.insert(key, value);
                    }
                    self.push(Value::obj(Payload::Dict(Mutex::new(dict))));
                }
                Instr::ListAppend(depth) => {
                    let value = self.pop();
                    let list = self.peek(*depth as usize - 1).clone();
                    if let Some(Payload::List(items)) = list.payload() {
                        let mut items = lock(items);
                        crate::memory::check_push(&items)?;
                        items.push(value);
                    }
                }
                Instr::SetAdd(depth) => {
                    let value = self.pop();
                    let set = self.peek(*depth as usize - 1).clone();
                    let key = self.key_in(&set, value)?;
                    if let Some(Payload::Set(items)) = set.payload() {
                        lock(items).insert(key);
                    }
                }
                Instr::MapAdd(depth) => {
                    let value = self.pop();
                    let key = self.pop();
                    let dict = self.peek(*depth as usize - 1).clone();
                    let key = self.key_in(&dict, key)?;
                    if let Some(Payload::Dict(items)) = dict.payload() {
                        lock(items).insert(key, value);
                    }
                }
                Instr::ListExtend(depth) => {
                    let iterable = self.pop();
                    let values = self.collect(&iterable)?;
                    let list = self.peek(*depth as usize - 1).clone();
                    if let Some(Payload::List(items)) = list.payload() {
                        lock(items).extend(values);
                    }
                }
                Instr::SetUpdate(depth) => {
                    let iterable = self.pop();
                    let values = self.collect(&iterable)?;
                    let mut keys = Vec::with_capacity(values.len());
                    for value in values {
                        keys.push(self.key(value)?);
                    }
                    let set = self.peek(*depth as usize - 1).clone();
                    if let Some(Payload::Set(items)) = set.payload() {
                        lock(items).extend(keys);
                    }
                }
                Instr::DictUpdate(depth) => {
                    let mapping = self.pop();
                    let pairs = self.mapping_items(&mapping)?;
                    let dict = self.peek(*depth as usize - 1).clone();
                    if let Some(Payload::Dict(items)) = dict.payload() {
                        let mut items = lock(items);
                        for (key, value) in pairs {
                            items.insert(key, value);
                        }
                    }
                }
                Instr::ListToTuple => {
                    let list = self.pop();
                    let items = match list.payload() {
                        Some(Payload::List(items)) => lock(items).clone(),
                        _ => Vec::new(),
                    };
                    self.push(Value::obj(Payload::Tuple(items)));
                }
                Instr::UnpackSequence(n) => {
                    let value = self.pop();
                    let items = self
                        .collect(&value)
                        .map_err(|e| self.unpack_error(e, &value))?;
                    let n = *n as usize;
                    if items.len() != n {
                        return Err(if items.len() > n {
                            exc(
                                "ValueError",
                                format!("too many values to unpack (expected {n})"),
                            )
                        } else {
                            exc(
                                "ValueError",
                                format!(
                                    "not enough values to unpack (expected {n}, got {})",
                                    items.len()
                                ),
                            )
                        });
                    }
                    let stack = &mut self.top_mut().stack;
                    stack.extend(items.into_iter().rev());
                }
                Instr::UnpackEx(before, after) => {
                    let value = self.pop();
                    let mut items = self
                        .collect(&value)
                        .map_err(|e| self.unpack_error(e, &value))?;
                    let (before, after) = (*before as usize, *after as usize);
                    if items.len() < before + after {
                        return Err(exc(
                            "ValueError",
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
                }
                Instr::Call(argc) => {
                    let args = self.pop_n(*argc as usize);
                    let callable = self.pop();
                    if let Some(flow) = self.call_or_push(callable, Args::new(args))? {
                        return Ok(flow);
                    }
                }
                Instr::CallKw(argc) => {
                    let names = self.pop();
                    let mut values = self.pop_n(*argc as usize);
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
                        positional: values,
                        keywords: names.into_iter().zip(keyword_values).collect(),
                    };
                    if let Some(flow) = self.call_or_push(callable, args)? {
                        return Ok(flow);
                    }
                }
                Instr::CallEx => {
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
                                            "TypeError",
                                            format!(
                                                "{}() got multiple values for keyword argument '{name}'",
                                                self.callable_name(&callable)
                                            ),
                                        ));
                                    }
                                    keywords.push((name, value));
                                }
                                _ => return Err(exc("TypeError", "keywords must be strings")),
                            }
                        }
                    }
                    if let Some(flow) = self.call_or_push(
                        callable,
                        Args {
                            positional,
                            keywords,
                        },
                    )? {
                        return Ok(flow);
                    }
                }
                Instr::MakeFunction(flags) => {
                    let code_value = self.pop();
                    let closure = if flags.closure {
                        let tuple = self.pop();
                        match tuple.payload() {
                            Some(Payload::Tuple(cells)) => cells.clone(),
                            _ => Vec::new(),
                        }
                    } else {
                        Vec::new()
                    };
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
                        let tuple = self.pop();
                        match tuple.payload() {
                            Some(Payload::Tuple(items)) => items.clone(),
                            _ => Vec::new(),
                        }
                    } else {
                        Vec::new()
                    };
                    let Some(Payload::Code(code)) = code_value.payload() else {
                        return Err(exc("SystemError", "MakeFunction without code"));
                    };
                    let function = Function {
                        code: code.clone(),
                        globals: self.top().globals.clone(),
                        defaults,
                        kwdefaults,
                        closure,
                        name: code.name.clone(),
                        qualname: code.qualname.clone(),
                        attrs: Mutex::new(AttrMap::new()),
                    };
                    self.push(Value::obj(Payload::Function(Box::new(function))));
                }
                Instr::LoadBuildClass => {
                    let build = self.builtin_value("__build_class__")?;
                    self.push(build);
                }
                Instr::Return => {
                    let value = self.pop();
                    return Ok(Flow::Return(value));
                }
                Instr::Yield => {
                    let value = self.pop();
                    return Ok(Flow::Yield(value));
                }
                Instr::GetAwaitable => {
                    let value = self.pop();
                    let awaitable = self.get_awaitable(value)?;
                    self.push(awaitable);
                }
                Instr::YieldFrom => {
                    let sent = self.pop();
                    let iterator = self.peek(0).clone();
                    let step = if let Some(Payload::Generator(_)) = iterator.payload() {
                        self.resume_generator(&iterator, sent)?
                    } else {
                        match self.next(&iterator)? {
                            Some(item) => GenStep::Yielded(item),
                            None => GenStep::Returned(Value::None),
                        }
                    };
                    match step {
                        GenStep::Yielded(item) => {
                            // Come back to this instruction after the caller sends a value.
                            self.top_mut().ip = ip;
                            return Ok(Flow::Yield(item));
                        }
                        GenStep::Returned(result) => {
                            self.pop();
                            self.push(result);
                        }
                    }
                }
                Instr::SetupExcept(target) | Instr::SetupFinally(target) => {
                    let depth = self.top().stack.len() as u32;
                    let exc_depth = self.exc_stack.len() as u32;
                    self.top_mut().blocks.push(Block {
                        kind: BlockKind::Handler,
                        handler: *target,
                        stack_depth: depth,
                        exc_depth,
                    });
                }
                Instr::SetupWith(target) => {
                    let manager = self.pop();
                    let enter = self.special_method(&manager, "__enter__");
                    let exit = self.special_method(&manager, "__exit__");
                    let (Some(enter), Some(exit)) = (enter, exit) else {
                        return Err(exc(
                            "TypeError",
                            format!(
                                "'{}' object does not support the context manager protocol",
                                type_name(&manager)
                            ),
                        ));
                    };
                    self.push(exit);
                    let depth = self.top().stack.len() as u32;
                    let exc_depth = self.exc_stack.len() as u32;
                    self.top_mut().blocks.push(Block {
                        kind: BlockKind::Handler,
                        handler: *target,
                        stack_depth: depth,
                        exc_depth,
                    });
                    if let Some(flow) = self.call_or_push(enter, Args::default())? {
                        return Ok(flow);
                    }
                }
                Instr::PopBlock => {
                    self.top_mut().blocks.pop();
                }
                Instr::PopExcept => {
                    if let Some(block) = self.top_mut().blocks.pop() {
                        self.exc_stack.truncate(block.exc_depth as usize);
                    }
                }
                Instr::Reraise => {
                    let error = self.pop();
                    return Err(PyErr(error));
                }
                Instr::Raise(count) => {
                    return Err(self.raise(*count)?);
                }
                Instr::ExceptionMatch => {
                    let class = self.pop();
                    let error = self.pop();
                    let matched = self.exception_matches(&error, &class)?;
                    self.push(Value::Bool(matched));
                }
                Instr::WithExceptStart => {
                    let error = self.peek(0).clone();
                    let exit = self.peek(1).clone();
                    let class = Value::Obj(types::type_of(&error));
                    let traceback = Value::None;
                    let result = self.call(exit, Args::new(vec![class, error, traceback]))?;
                    let suppress = self.truthy(&result)?;
                    self.push(Value::Bool(suppress));
                }
                Instr::WithCleanNormal => {
                    // Leaves exit's result on the stack (the compiler pops it), so a
                    // Python `__exit__` runs as a frame like any call.
                    let exit = self.pop();
                    let args = Args::new(vec![Value::None, Value::None, Value::None]);
                    if let Some(flow) = self.call_or_push(exit, args)? {
                        return Ok(flow);
                    }
                }
                Instr::FormatValue(flags) => {
                    let spec = if flags.has_spec {
                        Some(self.pop())
                    } else {
                        None
                    };
                    let value = self.pop();
                    let value = match flags.conversion {
                        b'r' | b'a' => Value::str(self.repr(&value)?),
                        b's' => Value::str(self.to_str(&value)?),
                        _ => value,
                    };
                    let spec = match &spec {
                        Some(Value::Str(s)) => s.to_string(),
                        _ => String::new(),
                    };
                    let text = self.format(&value, &spec)?;
                    self.push(Value::str(text));
                }
                Instr::BuildString(n) => {
                    let parts = self.pop_n(*n as usize);
                    let mut text = String::new();
                    for part in &parts {
                        if let Value::Str(s) = part {
                            text.push_str(s);
                        }
                    }
                    self.push(Value::str(text));
                }
                Instr::ImportName(i) => {
                    let name = &code.names[*i as usize];
                    let (module_name, from) = match name.strip_prefix("from:") {
                        Some(rest) => (rest, true),
                        None => (&**name, false),
                    };
                    let module = self.import(module_name)?;
                    if from || !module_name.contains('.') {
                        self.push(module);
                    } else {
                        let top = module_name.split('.').next().unwrap_or(module_name);
                        let top_module = self.import(top)?;
                        self.push(top_module);
                    }
                }
                Instr::ImportFrom(i) => {
                    let module = self.peek(0).clone();
                    let name = &code.names[*i as usize];
                    match self.get_attr(&module, name) {
                        Ok(value) => self.push(value),
                        Err(_) => {
                            let module_name = match module.payload() {
                                Some(Payload::Module(m)) => m.name.to_string(),
                                _ => "?".into(),
                            };
                            return Err(exc(
                                "ImportError",
                                format!("cannot import name '{name}' from '{module_name}' (unknown location)"),
                            ));
                        }
                    }
                }
                Instr::ImportStar => {
                    let module = self.pop();
                    if let Some(Payload::Module(m)) = module.payload() {
                        let vars: Vec<(Name, Value)> = lock(&m.globals.vars)
                            .iter()
                            .filter(|(k, _)| !k.starts_with('_'))
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect();
                        let mut globals = lock(&self.top().globals.vars);
                        for (k, v) in vars {
                            globals.insert(k, v);
                        }
                    }
                }
                Instr::LoadAssertionError => {
                    self.push(Value::Obj(exception_class("AssertionError")));
                }
                Instr::PrintExpr => {
                    self.pop();
                }
            }
        }
    }
}
