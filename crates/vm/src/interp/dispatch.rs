//! The instruction loop: running frames until the base one returns, yields or raises
//! (`execute`), and `dispatch`, the match on the opcode that runs the current frame.
//!
//! Speed lives here: the hot arms (local and constant loads, stores, integer
//! arithmetic and comparisons, jumps, `for` over a range) stay inline in the match.
//! Nothing slow or rare may be added to those arms; anything else goes to the method of
//! its concern in the sibling modules. Recursion in Rust happens only through `execute`,
//! which bounds it.

use super::exceptions::exc;
use super::frame::{cell_of, Frame, Vm};
use super::in_place::{
    attr_in_place, item_in_place, read_list, seq_position, store_attr_after_rot2,
    store_item_after_rot3, Room,
};
use super::lane::LINE_PUBLISH_EVERY;
use super::names::unbound_local;
use crate::code::{CodeObject, Instr};
use crate::ops;
use crate::types::ExcType;
use crate::value::*;
use crate::{PyErr, PyResult};
use bytecode::{BinOp, CmpOp};
use std::sync::atomic::Ordering;
use std::sync::Arc;

/// Nested interpreter loops allowed (each costs native stack; a browser worker has
/// about 1 MiB). Python-to-Python calls do not count: they only push a frame.
const MAX_NESTED_RUNS: usize = 160;

/// Calls pushed between two re-entries of `dispatch` (see `Vm::leave_after_call`).
const LEAVE_EVERY_CALLS: u32 = 64;

/// Ints up to this magnitude convert to f64 exactly (2**53).
const EXACT_F64: u64 = 1 << 53;

/// How `dispatch` left the current frame (or why the loop must look up).
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
    pub(super) fn run_frame(&mut self, frame: Frame) -> PyResult<Value> {
        let base = self.frames.len();
        if base >= self.rt.recursion_limit.load(Ordering::Relaxed) {
            return Err(exc(
                ExcType::RecursionError,
                "maximum recursion depth exceeded",
            ));
        }
        self.vacate_next_slot();
        self.frames.push(frame);
        match self.execute(base)? {
            Flow::Return(value) => Ok(value),
            Flow::Yield(_) | Flow::Switch | Flow::Suspend => Err(exc(
                ExcType::RuntimeError,
                "yield outside a generator frame",
            )),
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
            let from = self.frames.len();
            self.frames.truncate(base);
            self.refill_vacated_slots(from);
            return Err(exc(ExcType::RecursionError, crate::stack_guard::MESSAGE));
        };
        self.nested_runs += 1;
        let result = self.execute_loop(base);
        self.nested_runs -= 1;
        result
    }

    fn execute_loop(&mut self, base: usize) -> PyResult<Flow> {
        loop {
            // A call the thread resumes from raised (rare: one load per loop entry).
            let step = match self.slice.resume_error.take() {
                Some(error) => Err(error),
                None => self.dispatch(base),
            };
            // (`dispatch` returns only from the base frame; falling off the end of a
            // code object returns from any.)
            let step = match step {
                Ok(Flow::Return(value)) if self.frames.len() > base + 1 => {
                    if self.top_is_inline() {
                        self.return_inline().map(|()| Flow::Switch)
                    } else {
                        self.return_to_caller(value).map(|()| Flow::Switch)
                    }
                }
                step => step,
            };
            match step {
                Ok(Flow::Switch) => {}
                Ok(Flow::Return(value)) => {
                    self.recycle_top_frame();
                    return Ok(Flow::Return(value));
                }
                Ok(Flow::Yield(value)) => return Ok(Flow::Yield(value)),
                Ok(Flow::Suspend) => return Ok(Flow::Suspend),
                Err(_) if self.slice.suspending => {
                    self.slice.suspending = false;
                    return Ok(Flow::Suspend);
                }
                Err(mut error) => {
                    self.set_context(&error);
                    if !self.handle_exception(&mut error, base) {
                        return Err(error);
                    }
                }
            }
        }
    }

    /// Runs the current frame until it returns, yields, or another frame is pushed or
    /// the thread gives way. One match on the opcode (one jump table): the hot arms work
    /// on `frame` directly and stay inline; every other arm is one call to the method of
    /// its concern (`#[inline]`, so the compiled loop is as if it were written here).
    ///
    /// A return to a caller that this run (the `execute` of `base`) started stays in the
    /// loop, and so does the frame of a property's getter or setter that `LoadAttr` /
    /// `StoreAttr` pushes; calls leave it (so a recursion without loops still re-enters,
    /// see Jump).
    #[inline(never)] // its own function, so a re-entry picks up optimized code (see Jump)
    fn dispatch(&mut self, base: usize) -> PyResult<Flow> {
        let mut code = self.running_code();
        // The frame on top, found once and again only after something that may have
        // changed the stack of frames (see `current_frame`): finding it per instruction
        // (length, check, multiply, add) was a third of the loop's own overhead.
        let mut top = self.top_frame_ptr();
        loop {
            if self.slice.per_instruction {
                // (It counts, may wait for the GIL or stop the thread, but never pushes
                // or pops frames: `top` stays.)
                self.per_instruction_check()?;
            }
            // The hot arms use `frame` directly; the others go through `self` (the
            // borrow ends where `frame` is last used). Every arm that calls a method of
            // `self` falls through to the end of the loop, which finds the top frame
            // again; the arms that `continue` touch only `frame` (and fields of `self`
            // apart from the frames).
            let frame = current_frame(&mut self.frames, top);
            let ip = frame.ip;
            let Some(instr) = code.instructions.get(ip) else {
                return Ok(Flow::Return(Value::None));
            };
            frame.ip = ip + 1;
            match instr {
                Instr::LoadConst(i) => {
                    debug_assert!((*i as usize) < code.consts.len());
                    // SAFETY: `CodeObject::load` checked every constant's index.
                    let constant = unsafe { code.consts.get_unchecked(*i as usize) };
                    push_clone(&mut frame.stack, constant);
                    continue;
                }
                Instr::LoadFast(i) => match fast_slot(&frame.fast, *i as usize) {
                    // Off the per-instruction check, an item or attribute read or written
                    // through an object in a local is done in place (no count traffic on
                    // the object; see in_place.rs).
                    Some(Value::Obj(_)) if !self.slice.per_instruction => {
                        let local = *i as usize;
                        // What tells whether a property accessor's frame could be
                        // pushed now (`Room`; the frame is found again after).
                        let room = Room::new(self.frames.len(), &self.rt.recursion_limit);
                        let frame = current_frame(&mut self.frames, top);
                        let done = match code.instructions.get(ip + 1) {
                            Some(
                                next @ (Instr::LoadAttr(_) | Instr::StoreAttr(_) | Instr::Dup),
                            ) => {
                                let cache = &mut self.class_cache;
                                match attr_in_place(frame, cache, code, ip, local, room) {
                                    Ok(next) => Some(next),
                                    Err(None) => None,
                                    Err(Some(found)) => {
                                        // The attribute instruction runs from here with
                                        // the class lookup made (see attr_after_local).
                                        let object = fast_slot(&frame.fast, local).clone();
                                        let object = object.expect("just matched");
                                        frame.ip = ip + 2;
                                        let names = &code.names;
                                        let step =
                                            self.attr_after_local(object, next, names, found);
                                        match step? {
                                            // A property's accessor frame was pushed: it
                                            // runs in this loop (as a return to a caller
                                            // does; calls still leave, see Jump).
                                            Some(Flow::Switch) => code = self.running_code(),
                                            Some(flow) => return Ok(flow),
                                            None => {}
                                        }
                                        top = self.top_frame_ptr();
                                        continue;
                                    }
                                }
                            }
                            Some(Instr::LoadFast(_) | Instr::LoadConst(_))
                                if matches!(
                                    code.instructions.get(ip + 2),
                                    Some(Instr::Subscript | Instr::StoreSubscript | Instr::Dup2)
                                ) || matches!(
                                    code.instructions.get(ip + 3),
                                    Some(Instr::Binary(BinOp::Add | BinOp::Sub))
                                ) =>
                            {
                                // Reads skip the list's lock under the modern GIL.
                                let exclusive = !self.slice.switch_anywhere;
                                item_in_place(frame, code, ip, local, exclusive)
                            }
                            _ => None,
                        };
                        if let Some(next) = done {
                            frame.ip = next;
                            continue;
                        }
                        let Some(value) = fast_slot(&frame.fast, local) else {
                            unreachable!("just matched")
                        };
                        push_clone(&mut frame.stack, value);
                        continue;
                    }
                    Some(value) => {
                        push_clone(&mut frame.stack, value);
                        continue;
                    }
                    None => return Err(unbound_local(&code.varnames[*i as usize])),
                },
                Instr::StoreFast(i) => {
                    let value = frame.stack.pop().expect("balanced stack");
                    store_local(&mut frame.fast, *i as usize, value);
                    continue;
                }
                Instr::MoveFast(from, to) => {
                    // An inlined comprehension saving or restoring a variable.
                    let value = frame.fast[*from as usize].take();
                    frame.fast[*to as usize] = value;
                    continue;
                }
                Instr::Binary(op) | Instr::InplaceBinary(op) => {
                    // Small ints and floats (mixed too) stay here; an int operand of a
                    // float operation converts as CPython's `float(int)` does.
                    let n = frame.stack.len();
                    let fast = match frame.stack[n - 2..] {
                        [Value::Int(a), Value::Int(b)] => ops::int_fast(*op, a, b),
                        [Value::Float(a), Value::Float(b)] => {
                            ops::float_fast(*op, a, b).map(Value::Float)
                        }
                        [Value::Float(a), Value::Int(b)] => {
                            ops::float_fast(*op, a, b as f64).map(Value::Float)
                        }
                        [Value::Int(a), Value::Float(b)] => {
                            ops::float_fast(*op, a as f64, b).map(Value::Float)
                        }
                        _ => None,
                    };
                    if let Some(result) = fast {
                        // Both operands are ints or floats: nothing to drop (forgetting
                        // them skips the drop glue; `truncate` would even call it).
                        std::mem::forget(frame.stack.pop());
                        std::mem::forget(std::mem::replace(&mut frame.stack[n - 2], result));
                        continue;
                    }
                    self.binary(*op, matches!(instr, Instr::InplaceBinary(_)))?;
                }
                Instr::Compare(op) => {
                    let n = frame.stack.len();
                    // Outer None: not a fast case; inner None: unordered (a NaN).
                    let ordering = match &frame.stack[n - 2..] {
                        [Value::Int(a), Value::Int(b)] => Some(Some(a.cmp(b))),
                        [Value::Float(a), Value::Float(b)] => Some(a.partial_cmp(b)),
                        // Exact only while the int converts exactly (CPython compares
                        // int and float exactly).
                        [Value::Float(a), Value::Int(b)] if b.unsigned_abs() <= EXACT_F64 => {
                            Some(a.partial_cmp(&(*b as f64)))
                        }
                        [Value::Int(a), Value::Float(b)] if a.unsigned_abs() <= EXACT_F64 => {
                            Some((*a as f64).partial_cmp(b))
                        }
                        // Code point order is UTF-8 byte order.
                        [Value::Str(a), Value::Str(b)] => {
                            Some(Some(a.as_bytes().cmp(b.as_bytes())))
                        }
                        _ => None,
                    };
                    let fast = match (ordering, op) {
                        (_, CmpOp::Is) => Some(frame.stack[n - 2].is(&frame.stack[n - 1])),
                        (_, CmpOp::IsNot) => Some(!frame.stack[n - 2].is(&frame.stack[n - 1])),
                        (Some(ordering), _) => compare_fast(*op, ordering),
                        (None, _) => None,
                    };
                    if let Some(result) = fast {
                        // Off the per-instruction check (nothing counts instructions or
                        // may switch between the two), a conditional jump right after
                        // runs here: the bool is never pushed.
                        if !self.slice.per_instruction {
                            let jump = match code.instructions.get(ip + 1) {
                                Some(Instr::PopJumpIfFalse(target)) => Some((false, *target)),
                                Some(Instr::PopJumpIfTrue(target)) => Some((true, *target)),
                                _ => None,
                            };
                            if let Some((when, target)) = jump {
                                frame.stack.pop();
                                frame.stack.pop();
                                frame.ip = if result == when {
                                    target as usize
                                } else {
                                    ip + 2
                                };
                                continue;
                            }
                        }
                        frame.stack.pop();
                        frame.stack[n - 2] = Value::Bool(result);
                        continue;
                    }
                    if !self.membership(*op)? {
                        self.compare(*op)?;
                    }
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
                            // Leave and re-enter this function (execute_loop calls it
                            // again at once). A browser runs WebAssembly first with
                            // baseline code and uses the optimized code it compiles in
                            // the background only from the next call on: without this,
                            // a long loop entered cold (the first timed half of a
                            // benchmark) would stay on baseline code to its end.
                            return Ok(Flow::Switch);
                        }
                    }
                    frame.ip = *target as usize;
                    continue;
                }
                Instr::PopJumpIfFalse(target) => {
                    if let Some(truth) = frame.stack.last().and_then(ops::quick_truth) {
                        if !truth {
                            frame.ip = *target as usize;
                        }
                        frame.stack.pop();
                        continue;
                    }
                    self.pop_jump_if(false, *target)?;
                }
                Instr::PopJumpIfTrue(target) => {
                    if let Some(truth) = frame.stack.last().and_then(ops::quick_truth) {
                        if truth {
                            frame.ip = *target as usize;
                        }
                        frame.stack.pop();
                        continue;
                    }
                    self.pop_jump_if(true, *target)?;
                }
                Instr::ForIter(target) => {
                    // Range, list and tuple iterators step without cloning the iterator.
                    // (A list's item is read without its lock under the modern GIL.)
                    let exclusive = !self.slice.switch_anywhere;
                    if let Some(Payload::Iterator(state)) =
                        frame.stack.last().and_then(|it| it.payload())
                    {
                        let mut state = lock(state);
                        let step = match &mut *state {
                            IterState::Range { next, stop, step } => {
                                let current = *next;
                                if (*step > 0 && current < *stop) || (*step < 0 && current > *stop)
                                {
                                    *next = current.saturating_add(*step);
                                    Some(Some(Value::Int(current)))
                                } else {
                                    Some(None)
                                }
                            }
                            IterState::Seq {
                                seq: Value::Obj(seq),
                                index,
                            } => {
                                let item = match &seq.payload {
                                    Payload::List(items) => {
                                        Some(read_list(items, exclusive, |items| {
                                            items.get(*index).cloned()
                                        }))
                                    }
                                    Payload::Tuple(items) => Some(items.get(*index).cloned()),
                                    _ => None,
                                };
                                if let Some(Some(_)) = item {
                                    *index += 1;
                                }
                                item
                            }
                            _ => None,
                        };
                        match step {
                            Some(Some(item)) => {
                                drop(state);
                                // Off the per-instruction check, the `StoreFast` of the
                                // loop variable that follows runs here too.
                                if !self.slice.per_instruction {
                                    if let Some(Instr::StoreFast(i)) = code.instructions.get(ip + 1)
                                    {
                                        store_local(&mut frame.fast, *i as usize, item);
                                        frame.ip = ip + 2;
                                        continue;
                                    }
                                }
                                frame.stack.push(item);
                                continue;
                            }
                            Some(None) => {
                                // Dropping the sequence under the iterator's lock, as
                                // `next_fast` does.
                                *state = IterState::Exhausted;
                                drop(state);
                                frame.stack.pop();
                                frame.ip = *target as usize;
                                continue;
                            }
                            None => {}
                        }
                    }
                    if self.for_iter(*target)? {
                        // A generator's frame was pushed (see `InlineGen`).
                        code = self.running_code();
                    }
                }
                Instr::Subscript => {
                    // `list[int]` and `tuple[int]` (not a subclass, which may define
                    // `__getitem__`) within range; the general path raises.
                    let n = frame.stack.len();
                    if let [.., Value::Obj(obj), Value::Int(i)] = &frame.stack[..] {
                        if obj.ext.is_none() {
                            let item = match &obj.payload {
                                Payload::List(items) => {
                                    let exclusive = !self.slice.switch_anywhere;
                                    read_list(items, exclusive, |items| seq_item(items, *i))
                                }
                                Payload::Tuple(items) => seq_item(items, *i),
                                _ => None,
                            };
                            if let Some(item) = item {
                                frame.stack.pop();
                                frame.stack[n - 2] = item;
                                continue;
                            }
                        }
                    }
                    // `dict[str]` or `dict[int]` for a key present (hashed and compared
                    // without Python code, borrowed where it lies; a missing key raises
                    // on the general path).
                    if let [.., Value::Obj(obj), key] = &frame.stack[..] {
                        if let (None, Payload::Dict(dict), Some(hash)) =
                            (&obj.ext, &obj.payload, crate::hashing::plain_hash(key))
                        {
                            let item = lock(dict).get_by(hash, key).cloned();
                            if let Some(item) = item {
                                frame.stack.pop();
                                frame.stack[n - 2] = item;
                                continue;
                            }
                        }
                    }
                    self.subscript()?;
                }
                Instr::StoreSubscript => {
                    // `list[int] = value` within range (`value, list, index` on the stack).
                    let n = frame.stack.len();
                    let (below, top) = frame.stack.split_at_mut(n - 2);
                    if let [Value::Obj(obj), Value::Int(i)] = top {
                        if let (None, Payload::List(items)) = (&obj.ext, &obj.payload) {
                            let mut items = lock(items);
                            if let Some(at) = seq_position(items.len(), *i) {
                                let value = std::mem::replace(&mut below[n - 3], Value::None);
                                // The old item is dropped after the lock is released.
                                let old = std::mem::replace(&mut items[at], value);
                                drop(items);
                                frame.stack.pop();
                                frame.stack.pop();
                                frame.stack.pop();
                                drop(old);
                                continue;
                            }
                        }
                    }
                    // `dict[str] = value`.
                    if let [_, Value::Obj(obj), Value::Str(text)] = &frame.stack[n - 3..] {
                        if let (None, Payload::Dict(_)) = (&obj.ext, &obj.payload) {
                            let key = str_key(text);
                            let _index = frame.stack.pop();
                            let container = frame.stack.pop();
                            let value = frame.stack.pop().expect("balanced stack");
                            if let Some(Payload::Dict(dict)) =
                                container.as_ref().and_then(|c| c.payload())
                            {
                                // The value replaced is dropped after the lock is released.
                                let old = lock(dict).insert(key, value);
                                drop(old);
                            }
                            continue;
                        }
                    }
                    self.store_subscript()?;
                }
                Instr::UnpackSequence(count) => {
                    // A tuple or list (not a subclass) of exactly `count` items.
                    let count = *count as usize;
                    if let Some(Value::Obj(obj)) = frame.stack.last() {
                        if obj.ext.is_none()
                            && matches!(obj.payload, Payload::Tuple(_) | Payload::List(_))
                        {
                            let Some(Value::Obj(obj)) = frame.stack.pop() else {
                                unreachable!("just matched")
                            };
                            let unpacked = match &obj.payload {
                                Payload::Tuple(items) if items.len() == count => {
                                    frame.stack.extend(items.iter().rev().cloned());
                                    true
                                }
                                Payload::List(items) => {
                                    let items = lock(items);
                                    let fits = items.len() == count;
                                    if fits {
                                        frame.stack.extend(items.iter().rev().cloned());
                                    }
                                    fits
                                }
                                _ => false,
                            };
                            if unpacked {
                                continue;
                            }
                            frame.stack.push(Value::Obj(obj));
                        }
                    }
                    self.unpack_sequence(count)?;
                }
                // Every other instruction, in one line each (to the method of its concern,
                // named after the instruction: `LoadAttr` is `load_attr`).
                Instr::Nop => {}
                Instr::Pop | Instr::PrintExpr => {
                    self.pop();
                }
                // Variables (names.rs)
                Instr::DeleteFast(i) => self.delete_fast(*i as usize, code)?,
                Instr::LoadGlobal(i) => self.load_global(&code.names[*i as usize])?,
                Instr::StoreGlobal(i) => self.store_global(&code.names[*i as usize]),
                Instr::DeleteGlobal(i) => self.delete_global(&code.names[*i as usize])?,
                Instr::LoadName(i) => self.load_name(&code.names[*i as usize])?,
                Instr::StoreName(i) => self.store_name(&code.names[*i as usize]),
                Instr::DeleteName(i) => self.delete_name(&code.names[*i as usize])?,
                // The cell reads and writes under the modern GIL stay here, on `frame`
                // (through `self`, each found the top frame twice more and left the
                // loop's cached one); the rest (legacy and free-threaded runs, which
                // lock the cell, and an empty cell's error) go to names.rs.
                Instr::LoadDeref(i) => {
                    if !self.slice.switch_anywhere {
                        let cell = cell_of(&frame.cells, &frame.function, *i as usize);
                        if let Some(Payload::Cell(content)) = cell.and_then(Value::payload) {
                            // SAFETY: as in `load_deref`: under the modern GIL only the
                            // GIL holder, this thread, writes a cell's content, and it
                            // holds no guard of this cell here.
                            if let Some(value) = unsafe { &*content.data_ptr() } {
                                push_clone(&mut frame.stack, value);
                                continue;
                            }
                        }
                    }
                    self.load_deref(*i as usize, code)?
                }
                Instr::StoreDeref(i) => {
                    if !self.slice.switch_anywhere {
                        let cell = cell_of(&frame.cells, &frame.function, *i as usize);
                        if let Some(Payload::Cell(content)) = cell.and_then(Value::payload) {
                            let value = frame.stack.pop().expect("balanced stack");
                            // SAFETY: as in `store_deref`: only this thread (the GIL
                            // holder) reads or writes the content meanwhile, and it holds
                            // no guard of this cell here. The old content is dropped
                            // after the write: that may free objects, never run Python
                            // code.
                            let old = unsafe { (*content.data_ptr()).replace(value) };
                            drop(old);
                            continue;
                        }
                    }
                    self.store_deref(*i as usize)
                }
                Instr::LoadClosure(i) => {
                    // The cell object itself (to build a closure).
                    let cell = cell_of(&frame.cells, &frame.function, *i as usize);
                    push_clone(&mut frame.stack, cell.expect("the compiler numbers cells"));
                    continue;
                }
                // Attributes (attributes.rs)
                Instr::LoadAttr(i) => match self.load_attr(&code.names[*i as usize])? {
                    // (A property's getter frame runs in this loop: see attr_after_local.)
                    Some(Flow::Switch) => code = self.running_code(),
                    Some(flow) => return Ok(flow),
                    None => {}
                },
                Instr::StoreAttr(i) => match self.store_attr(&code.names[*i as usize])? {
                    Some(Flow::Switch) => code = self.running_code(),
                    Some(flow) => return Ok(flow),
                    None => {}
                },
                Instr::DeleteAttr(i) => self.delete_attr(&code.names[*i as usize])?,
                Instr::LoadMethod(i) => self.load_method(&code.names[*i as usize])?,
                // Operators (operators.rs)
                Instr::Unary(op) => self.unary(*op)?,
                Instr::DeleteSubscript => self.delete_subscript()?,
                // The value stack (frame.rs)
                Instr::Dup => self.dup_top(),
                Instr::Dup2 => self.dup_top_two(),
                Instr::Rot2 => {
                    // Off the per-instruction check, `Rot2 StoreAttr` (`obj.x op= v`)
                    // stores to an instance's dict in place when it can (in_place.rs).
                    if !self.slice.per_instruction
                        && matches!(code.instructions.get(ip + 1), Some(Instr::StoreAttr(_)))
                    {
                        let cache = &mut self.class_cache;
                        if let Some(next) = store_attr_after_rot2(frame, cache, code, ip) {
                            frame.ip = next;
                            continue;
                        }
                    }
                    self.swap_top_two();
                }
                Instr::Rot3 => {
                    // `Rot3 StoreSubscript` (`seq[i] op= v`) likewise (in_place.rs).
                    if !self.slice.per_instruction {
                        if let Some(next) = store_item_after_rot3(frame, code, ip) {
                            frame.ip = next;
                            continue;
                        }
                    }
                    self.sink_top(2);
                }
                Instr::Rot4 => self.sink_top(3),
                // Control flow (below)
                Instr::JumpIfFalseOrPop(target) => self.jump_if_or_pop(false, *target)?,
                Instr::JumpIfTrueOrPop(target) => self.jump_if_or_pop(true, *target)?,
                Instr::Return => {
                    let value = frame.stack.pop().expect("balanced stack");
                    if self.frames.len() <= base + 1 {
                        return Ok(Flow::Return(value));
                    }
                    if self.top_is_inline() {
                        // A `for` loop's generator returned (see `InlineGen`).
                        self.return_inline()?;
                    } else {
                        self.return_to_caller(value)?;
                    }
                    code = self.running_code();
                }
                // Iteration (iteration.rs)
                Instr::GetIter => {
                    let value = self.pop();
                    let iterator = self.get_iter(&value)?;
                    self.push(iterator);
                }
                // Building values (building.rs)
                Instr::BuildSlice(n) => self.build_slice(*n),
                Instr::BuildTuple(n) => {
                    // `a, b = b, a` (and `x[i], x[j] = x[j], x[i]`) packs and unpacks at
                    // once: `BuildTuple(n) UnpackSequence(n)` leaves the n values in
                    // reverse order, which CPython's compiler emits as SWAP. Off the
                    // per-instruction check it is done here without the tuple (its
                    // allocation was most of a swap's cost); the compiler's output, and
                    // so what step mode and seeded schedules count, is unchanged.
                    if !self.slice.per_instruction
                        && matches!(code.instructions.get(ip + 1),
                            Some(Instr::UnpackSequence(m)) if m == n)
                    {
                        let len = frame.stack.len();
                        frame.stack[len - *n as usize..].reverse();
                        frame.ip = ip + 2;
                        continue;
                    }
                    self.build_tuple(*n as usize);
                }
                Instr::BuildList(n) => self.build_list(*n as usize),
                Instr::BuildSet(n) => self.build_set(*n as usize)?,
                Instr::BuildConstSet(n) => self.build_const_set(*n as usize)?,
                Instr::BuildMap(n) => self.build_map(*n as usize)?,
                Instr::ListAppend(depth) => self.list_append(*depth as usize)?,
                Instr::SetAdd(depth) => self.set_add(*depth as usize)?,
                Instr::MapAdd(depth) => self.map_add(*depth as usize)?,
                Instr::ListExtend(depth) => self.list_extend(*depth as usize)?,
                Instr::SetUpdate(depth) => self.set_update(*depth as usize)?,
                Instr::DictUpdate(depth) => self.dict_update(*depth as usize)?,
                Instr::ListToTuple => self.list_to_tuple(),
                Instr::UnpackEx(before, after) => {
                    self.unpack_ex(*before as usize, *after as usize)?;
                }
                Instr::FormatValue(flags) => self.format_value(*flags)?,
                Instr::BuildString(n) => self.build_string(*n as usize),
                // Calls and functions (calls.rs)
                Instr::Call(argc) => {
                    if let Some(flow) = self.call_positional(*argc as usize)? {
                        if self.leave_after_call(&flow) {
                            return Ok(flow);
                        }
                        // A `Flow::Switch` (see `leave_after_call`): nothing to drop
                        // (the drop glue was a call of its own per call).
                        std::mem::forget(flow);
                        code = self.running_code();
                    }
                }
                Instr::CallMethod(argc) => {
                    if let Some(flow) = self.call_method(*argc as usize)? {
                        if self.leave_after_call(&flow) {
                            return Ok(flow);
                        }
                        // A `Flow::Switch` (see `leave_after_call`): nothing to drop
                        // (the drop glue was a call of its own per call).
                        std::mem::forget(flow);
                        code = self.running_code();
                    }
                }
                Instr::CallKw(argc) => {
                    if let Some(flow) = self.call_kw(*argc as usize)? {
                        if self.leave_after_call(&flow) {
                            return Ok(flow);
                        }
                        // A `Flow::Switch` (see `leave_after_call`): nothing to drop
                        // (the drop glue was a call of its own per call).
                        std::mem::forget(flow);
                        code = self.running_code();
                    }
                }
                Instr::CallEx => {
                    if let Some(flow) = self.call_ex()? {
                        return Ok(flow);
                    }
                }
                Instr::MakeFunction(flags) => self.make_function(*flags)?,
                Instr::LoadBuildClass => self.load_build_class()?,
                // Generators and coroutines (generators.rs)
                Instr::Yield => {
                    let value = self.pop();
                    if !self.top_is_inline() {
                        return Ok(Flow::Yield(value));
                    }
                    // A `for` loop's generator yielded to it (see `InlineGen`).
                    self.yield_inline(value)?;
                    code = self.running_code();
                }
                Instr::GetAwaitable => self.get_awaitable()?,
                Instr::YieldFrom => match self.yield_from(ip)? {
                    Some(Flow::Yield(value)) if self.top_is_inline() => {
                        self.yield_inline(value)?;
                        code = self.running_code();
                    }
                    Some(flow) => return Ok(flow),
                    None => {}
                },
                // Exceptions and `with` (exceptions.rs)
                Instr::SetupExcept(target) | Instr::SetupFinally(target) => {
                    self.setup_handler(*target);
                }
                Instr::SetupWith(target) => {
                    if let Some(flow) = self.setup_with(*target)? {
                        return Ok(flow);
                    }
                }
                Instr::PopBlock => self.pop_block(),
                Instr::PopExcept => self.pop_except(),
                Instr::Reraise => return Err(PyErr(self.pop())),
                Instr::Raise(count) => return Err(self.raise(*count)?),
                Instr::ExceptionMatch => self.exception_match()?,
                Instr::WithExceptStart => self.with_except_start()?,
                Instr::WithCleanNormal => {
                    if let Some(flow) = self.with_clean_normal()? {
                        return Ok(flow);
                    }
                }
                Instr::LoadAssertionError => self.load_assertion_error(),
                // `async with` / `async for` (asyncs.rs)
                Instr::BeforeAsyncWith => self.before_async_with()?,
                Instr::SetupAsyncWith(target) => self.setup_async_with(*target),
                Instr::AsyncWithExceptStart => self.async_with_except_start()?,
                Instr::GetAIter => self.get_aiter()?,
                Instr::GetANext => self.get_anext()?,
                Instr::EndAsyncFor => {
                    if let Some(flow) = self.end_async_for()? {
                        return Ok(flow);
                    }
                }
                // Imports (imports.rs)
                Instr::ImportName(i) => self.import_name(&code.names[*i as usize])?,
                Instr::ImportFrom(i) => self.import_from(&code.names[*i as usize])?,
                Instr::ImportStar => self.import_star(),
            }
            // The arm called a method of `self`, which may have pushed, popped or moved
            // frames (a call, a return, a nested run growing the vector).
            top = self.top_frame_ptr();
        }
    }

    /// The frame on top, as `dispatch` keeps it between instructions (see
    /// `current_frame`).
    #[inline(always)]
    fn top_frame_ptr(&mut self) -> *mut Frame {
        self.frames.last_mut().expect("a frame is running")
    }

    /// The code of the frame on top, borrowed for as long as `dispatch` runs that frame
    /// (without cloning its `Arc`: two atomic operations on a count that every thread
    /// running the same function shares, at each entry and each return).
    #[inline(always)]
    fn running_code<'a>(&self) -> &'a CodeObject {
        let code: *const CodeObject = Arc::as_ptr(&self.top().code);
        // SAFETY: the frame on top owns an `Arc` of this code object, and `dispatch` uses
        // the reference only while that frame exists: a frame's `code` is never
        // reassigned; the frames under the top one are popped only by `Return` (which
        // takes the caller's code right after) or once `dispatch` has returned (unwinding
        // in `handle_exception`, a generator's yield, the end of a run); nested runs and
        // generators started by an instruction push and pop only frames above it. A
        // frame moved in memory (the vector of frames growing) keeps the same `Arc`, so
        // the object it points to does not move.
        unsafe { &*code }
    }

    /// After a call instruction pushed its callee's frame (`Flow::Switch`), the loop
    /// goes on with the callee in this same `dispatch` (leaving and re-entering costs a
    /// few dozen instructions per call), except once every `LEAVE_EVERY_CALLS` calls:
    /// a browser swaps in a function's optimized code only at its next call (see
    /// `Jump`), and a deep recursion without loops would otherwise never re-enter.
    /// Anything else than a pushed frame leaves.
    #[inline(always)]
    fn leave_after_call(&mut self, flow: &Flow) -> bool {
        if !matches!(flow, Flow::Switch) {
            return true;
        }
        if self.calls_countdown == 0 {
            self.calls_countdown = LEAVE_EVERY_CALLS;
            return true;
        }
        self.calls_countdown -= 1;
        false
    }

    /// Pops the current frame (not the base one of this run) and gives its return value
    /// to its caller: the new instance when it ran a class's `__init__` (which must
    /// have returned None; the error is the caller's), nothing when it ran a property's
    /// setter.
    #[inline(always)] // one of the hottest paths: a call's end
    fn return_to_caller(&mut self, value: Value) -> PyResult<()> {
        if let Some((is_init, discards)) = self.recycle_top_frame() {
            if is_init | discards {
                // The instance is on the caller's stack already; a setter's result goes.
                return match value {
                    _ if discards => Ok(()),
                    Value::None => Ok(()),
                    _ => Err(init_returned(&value)),
                };
            }
        }
        self.push(value);
        Ok(())
    }

    // ------------------------------------------------- slow paths of the hot arms

    /// `PopJumpIfFalse` / `PopJumpIfTrue` on anything but a bool: jumps when the truth
    /// of the value is `when`.
    #[inline]
    fn pop_jump_if(&mut self, when: bool, target: u32) -> PyResult<()> {
        let value = self.pop();
        if self.truthy(&value)? == when {
            self.top_mut().ip = target as usize;
        }
        Ok(())
    }

    /// `JumpIfFalseOrPop` / `JumpIfTrueOrPop` (`and` / `or`): jumps keeping the value if
    /// its truth is `when`, else pops it.
    #[inline]
    fn jump_if_or_pop(&mut self, when: bool, target: u32) -> PyResult<()> {
        let value = self.peek(0).clone();
        if self.truthy(&value)? == when {
            self.top_mut().ip = target as usize;
        } else {
            self.pop();
        }
        Ok(())
    }
}

/// The frame `top` points to, the last of `frames`, borrowed as `frames` is (so the
/// borrow checker still keeps `dispatch` from using it across a method of the `Vm`).
#[inline(always)]
fn current_frame(frames: &mut Vec<Frame>, top: *mut Frame) -> &mut Frame {
    // (Compared as raw pointers: a reference to the slot made here would retire `top`.)
    debug_assert!(std::ptr::eq(
        top,
        frames
            .as_mut_ptr()
            .wrapping_add(frames.len().wrapping_sub(1))
    ));
    // SAFETY: `dispatch` takes `top` from `frames.last_mut()` (`Vm::top_frame_ptr`) on
    // entry and after every arm that calls a method
    // of the `Vm` (the only code that may push, pop or reallocate the frames while
    // `dispatch` runs; `per_instruction_check` only counts and waits); the arms that skip that refresh (`continue`) touch the frames
    // only through the `&mut Frame` made here, which cannot push or pop. So `top` is
    // still the last frame, and the exclusive borrow of `frames` this reference
    // carries makes it the only way to that frame while it lives.
    unsafe { &mut *top }
}

/// Pushes a clone of `value` (as `Value::clone`), for the loads: the count of what it
/// holds goes up in place, then the value is copied bitwise. (The derived clone builds
/// the new value in each of its arms, and the arms join through a copy on the native
/// stack before the push: a jump table and four moves more per load.)
#[inline(always)]
pub(super) fn push_clone(stack: &mut Vec<Value>, value: &Value) {
    match value {
        Value::Obj(object) => std::mem::forget(Arc::clone(object)),
        Value::Str(text) => std::mem::forget(Arc::clone(text)),
        Value::BigInt(int) => std::mem::forget(Arc::clone(int)),
        Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) => {}
    }
    // Room first, so the copy goes straight from `value` to the stack (a value pushed
    // with `push` lives across its growing call, through a copy on the native stack).
    if stack.len() == stack.capacity() {
        stack.reserve(1);
    }
    let len = stack.len();
    // SAFETY: the count of what `value` holds (if anything) was raised by one just above
    // for this copy to own (the other variants own nothing); the slot at `len` is within
    // the capacity made sure of above, and is initialized before the length covers it.
    unsafe {
        std::ptr::copy_nonoverlapping(value, stack.as_mut_ptr().add(len), 1);
        stack.set_len(len + 1);
    }
}

/// Local `index` of a frame (its `fast`), for an instruction of the frame's code:
/// without a bounds check (two instructions of the few a `LoadFast` or `StoreFast` costs).
#[inline(always)]
fn fast_slot(fast: &[Option<Value>], index: usize) -> &Option<Value> {
    debug_assert!(index < fast.len());
    // SAFETY: `CodeObject::load` checked that every local an instruction names is below
    // `varnames.len()`, and a frame's `fast` has exactly that many slots from its making
    // (`Vm::make_frame`, `Vm::push_frame_moving_args`) until it is recycled.
    unsafe { fast.get_unchecked(index) }
}

/// Stores `value` in local `index` (as `fast_slot` finds it). The old value is dropped
/// after the store, and only when it holds a count (so the new one goes straight from
/// the stack into the slot, and an int replacing an int costs no drop glue).
#[inline(always)]
fn store_local(fast: &mut [Option<Value>], index: usize, value: Value) {
    debug_assert!(index < fast.len());
    // SAFETY: as in `fast_slot`.
    let slot = unsafe { fast.get_unchecked_mut(index) };
    match slot.replace(value) {
        Some(Value::Obj(object)) => drop(object),
        Some(Value::Str(text)) => drop(text),
        Some(Value::BigInt(int)) => drop(int),
        Some(Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_)) | None => {}
    }
}

/// The error of an `__init__` that returned something else than None.
#[cold]
pub(super) fn init_returned(value: &Value) -> PyErr {
    exc(
        ExcType::TypeError,
        format!(
            "__init__() should return None, not '{}'",
            crate::types::type_name(value)
        ),
    )
}

/// A comparison operator applied to an ordering (None: unordered, as with a NaN, where
/// only `!=` holds); None for the operators that are not orderings.
#[inline(always)]
fn compare_fast(op: CmpOp, ordering: Option<std::cmp::Ordering>) -> Option<bool> {
    use std::cmp::Ordering::{Equal, Greater, Less};
    Some(match op {
        CmpOp::Lt => ordering == Some(Less),
        CmpOp::LtE => matches!(ordering, Some(Less | Equal)),
        CmpOp::Gt => ordering == Some(Greater),
        CmpOp::GtE => matches!(ordering, Some(Greater | Equal)),
        CmpOp::Eq => ordering == Some(Equal),
        CmpOp::NotEq => ordering != Some(Equal),
        _ => return None,
    })
}

/// `items[i]` within range.
#[inline(always)]
fn seq_item(items: &[Value], i: i64) -> Option<Value> {
    items.get(seq_position(items.len(), i)?).cloned()
}

/// The dict key for a str (hashed as `hash(str)`).
#[inline(always)]
fn str_key(text: &std::sync::Arc<str>) -> Key {
    Key {
        hash: ops::str_hash(text),
        value: Value::Str(text.clone()),
    }
}
