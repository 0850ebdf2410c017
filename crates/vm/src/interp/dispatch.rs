//! The instruction loop: running frames until the base one returns, yields or raises
//! (`execute`), and `dispatch`, the match on the opcode that runs the current frame.
//!
//! Speed lives here: the hot arms (local and constant loads, stores, integer
//! arithmetic and comparisons, jumps, `for` over a range) stay inline in the match.
//! Nothing slow or rare may be added to those arms; anything else goes to the method of
//! its concern in the sibling modules. Recursion in Rust happens only through `execute`,
//! which bounds it.

use super::exceptions::exc;
use super::frame::{Frame, Vm};
use super::lane::LINE_PUBLISH_EVERY;
use super::names::unbound_local;
use crate::code::{CodeObject, Instr};
use crate::types::ExcType;
use crate::value::*;
use crate::{PyErr, PyResult};
use bytecode::{BinOp, CmpOp};
use std::sync::atomic::Ordering;
use std::sync::Arc;

/// Nested interpreter loops allowed (each costs native stack; a browser worker has
/// about 1 MiB). Python-to-Python calls do not count: they only push a frame.
const MAX_NESTED_RUNS: usize = 160;

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
            self.frames.truncate(base);
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
                    self.return_to_caller(value).map(|()| Flow::Switch)
                }
                step => step,
            };
            match step {
                Ok(Flow::Switch) => {}
                Ok(Flow::Return(value)) => {
                    if let Some(frame) = self.frames.pop() {
                        self.recycle_frame(frame);
                    }
                    return Ok(Flow::Return(value));
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

    /// Runs the current frame until it returns, yields, or another frame is pushed or
    /// the thread gives way. One match on the opcode (one jump table): the hot arms work
    /// on `frame` directly and stay inline; every other arm is one call to the method of
    /// its concern (`#[inline]`, so the compiled loop is as if it were written here).
    ///
    /// A return to a caller that this run (the `execute` of `base`) started stays in the
    /// loop; calls leave it (so a recursion without loops still re-enters, see Jump).
    #[inline(never)] // its own function, so a re-entry picks up optimized code (see Jump)
    fn dispatch(&mut self, base: usize) -> PyResult<Flow> {
        let mut code = self.top().code.clone();
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
                Instr::LoadConst(i) => {
                    frame.stack.push(code.consts[*i as usize].clone());
                }
                Instr::LoadFast(i) => match &frame.fast[*i as usize] {
                    Some(value) => {
                        let value = value.clone();
                        frame.stack.push(value);
                    }
                    None => return Err(unbound_local(&code.varnames[*i as usize])),
                },
                Instr::StoreFast(i) => {
                    let value = frame.stack.pop().expect("balanced stack");
                    frame.fast[*i as usize] = Some(value);
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
                    self.binary(*op, matches!(instr, Instr::InplaceBinary(_)))?;
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
                    self.compare(*op)?;
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
                }
                Instr::PopJumpIfFalse(target) => {
                    if let Some(Value::Bool(b)) = frame.stack.last() {
                        if !*b {
                            frame.ip = *target as usize;
                        }
                        frame.stack.pop();
                        continue;
                    }
                    self.pop_jump_if(false, *target)?;
                }
                Instr::PopJumpIfTrue(target) => {
                    if let Some(Value::Bool(b)) = frame.stack.last() {
                        if *b {
                            frame.ip = *target as usize;
                        }
                        frame.stack.pop();
                        continue;
                    }
                    self.pop_jump_if(true, *target)?;
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
                    self.for_iter(*target)?;
                }
                // Every other instruction, in one line each (to the method of its concern,
                // named after the instruction: `LoadAttr` is `load_attr`).
                Instr::Nop => {}
                Instr::Pop | Instr::PrintExpr => {
                    self.pop();
                }
                // Variables (names.rs)
                Instr::DeleteFast(i) => self.delete_fast(*i as usize, &code)?,
                Instr::LoadGlobal(i) => self.load_global(&code.names[*i as usize])?,
                Instr::StoreGlobal(i) => self.store_global(&code.names[*i as usize]),
                Instr::DeleteGlobal(i) => self.delete_global(&code.names[*i as usize])?,
                Instr::LoadName(i) => self.load_name(&code.names[*i as usize])?,
                Instr::StoreName(i) => self.store_name(&code.names[*i as usize]),
                Instr::DeleteName(i) => self.delete_name(&code.names[*i as usize])?,
                Instr::LoadDeref(i) => self.load_deref(*i as usize, &code)?,
                Instr::StoreDeref(i) => self.store_deref(*i as usize),
                Instr::LoadClosure(i) => self.load_closure(*i as usize),
                // Attributes (attributes.rs)
                Instr::LoadAttr(i) => self.load_attr(&code.names[*i as usize])?,
                Instr::StoreAttr(i) => self.store_attr(&code.names[*i as usize])?,
                Instr::DeleteAttr(i) => self.delete_attr(&code.names[*i as usize])?,
                Instr::LoadMethod(i) => self.load_method(&code.names[*i as usize])?,
                // Operators (operators.rs)
                Instr::Unary(op) => self.unary(*op)?,
                Instr::Subscript => self.subscript()?,
                Instr::StoreSubscript => self.store_subscript()?,
                Instr::DeleteSubscript => self.delete_subscript()?,
                // The value stack (frame.rs)
                Instr::Dup => self.dup_top(),
                Instr::Dup2 => self.dup_top_two(),
                Instr::Rot2 => self.swap_top_two(),
                Instr::Rot3 => self.sink_top(2),
                Instr::Rot4 => self.sink_top(3),
                // Control flow (below)
                Instr::JumpIfFalseOrPop(target) => self.jump_if_or_pop(false, *target)?,
                Instr::JumpIfTrueOrPop(target) => self.jump_if_or_pop(true, *target)?,
                Instr::Return => {
                    let value = frame.stack.pop().expect("balanced stack");
                    if self.frames.len() <= base + 1 {
                        return Ok(Flow::Return(value));
                    }
                    self.return_to_caller(value)?;
                    code = self.top().code.clone();
                }
                // Iteration (iteration.rs)
                Instr::GetIter => {
                    let value = self.pop();
                    let iterator = self.get_iter(&value)?;
                    self.push(iterator);
                }
                // Building values (building.rs)
                Instr::BuildSlice(n) => self.build_slice(*n),
                Instr::BuildTuple(n) => self.build_tuple(*n as usize),
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
                Instr::UnpackSequence(n) => self.unpack_sequence(*n as usize)?,
                Instr::UnpackEx(before, after) => {
                    self.unpack_ex(*before as usize, *after as usize)?;
                }
                Instr::FormatValue(flags) => self.format_value(*flags)?,
                Instr::BuildString(n) => self.build_string(*n as usize),
                // Calls and functions (calls.rs)
                Instr::Call(argc) => {
                    if let Some(flow) = self.call_positional(*argc as usize)? {
                        return Ok(flow);
                    }
                }
                Instr::CallMethod(argc) => {
                    if let Some(flow) = self.call_method(*argc as usize)? {
                        return Ok(flow);
                    }
                }
                Instr::CallKw(argc) => {
                    if let Some(flow) = self.call_kw(*argc as usize)? {
                        return Ok(flow);
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
                Instr::Yield => return Ok(Flow::Yield(self.pop())),
                Instr::GetAwaitable => self.get_awaitable()?,
                Instr::YieldFrom => {
                    if let Some(flow) = self.yield_from(ip)? {
                        return Ok(flow);
                    }
                }
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
        }
    }

    /// Pops the current frame (not the base one of this run) and gives its return value
    /// to its caller: the new instance when it ran a class's `__init__` (which must
    /// have returned None; the error is the caller's).
    #[inline(always)] // one of the hottest paths: a call's end
    fn return_to_caller(&mut self, value: Value) -> PyResult<()> {
        if let Some(done) = self.frames.pop() {
            let is_init = done.is_init;
            self.recycle_frame(done);
            if is_init {
                // The instance is on the caller's stack already.
                return match value {
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
