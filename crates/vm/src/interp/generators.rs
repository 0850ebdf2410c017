//! Generators and coroutines: resuming a suspended frame with a value or an exception,
//! `yield from` / `await` delegation and `GET_AWAITABLE`.
//!
//! A generator's frame runs in a nested loop of the resuming thread; this module must
//! never leave a generator marked as running once it returns (its state is always put
//! back, whatever the outcome).

use super::dispatch::Flow;
use super::exceptions::{exc, exception_data};
use super::folds::Fold;
use super::frame::{Frame, Vm};
use crate::code::Instr;
use crate::ops;
use crate::types::type_name;
use crate::types::ExcType;
use crate::value::*;
use crate::{PyErr, PyResult};
use std::mem::MaybeUninit;
use std::sync::atomic::Ordering;

/// Moves a suspended frame out of its box onto the top of `frames` and keeps the
/// allocation, so suspending it again writes it back in place instead of freeing and
/// allocating a box per `yield`. The frame is copied once, straight into the vector's
/// free slot (a `push` of a read value copies it twice).
fn unbox_onto(boxed: Box<Frame>, frames: &mut Vec<Frame>) -> Box<MaybeUninit<Frame>> {
    frames.reserve(1);
    let len = frames.len();
    let raw = Box::into_raw(boxed);
    // SAFETY: `raw` comes from `Box::into_raw`, so it is valid, aligned and holds an
    // initialized frame; `reserve` made room for one more frame at `len`, so the copy
    // lands in allocated, unused memory that cannot overlap the box. The frame is then
    // owned by the vector only: the allocation is owned again as a `MaybeUninit` of the
    // same type (same layout, same allocator), which never drops the frame that was
    // moved out; dropping it only frees the memory. Nothing between the copy and
    // `set_len` can panic.
    unsafe {
        std::ptr::copy_nonoverlapping(raw, frames.as_mut_ptr().add(len), 1);
        frames.set_len(len + 1);
        Box::from_raw(raw.cast::<MaybeUninit<Frame>>())
    }
}

/// Moves the frame on top of `frames` into `spare` (the inverse of `unbox_onto`), with
/// one copy.
fn rebox_top(frames: &mut Vec<Frame>, mut spare: Box<MaybeUninit<Frame>>) -> Box<Frame> {
    let len = frames.len();
    assert!(len > 0, "a frame to suspend");
    // SAFETY: the vector holds an initialized frame at `len - 1`; shortening it first
    // gives up its ownership of that frame, which is then copied exactly once into the
    // spare allocation (a different allocation, so no overlap) and owned by the box
    // that `assume_init` makes. Nothing between `set_len` and the copy can panic.
    unsafe {
        frames.set_len(len - 1);
        std::ptr::copy_nonoverlapping(frames.as_ptr().add(len - 1), spare.as_mut_ptr(), 1);
        spare.assume_init()
    }
}

/// A generator whose frame a `for` loop (`ForIter`) pushed onto the thread's stack of
/// frames to run in the same interpreter loop as the loop's own frame, instead of in a
/// nested `execute` per item (as CPython 3.11+ runs generator frames inline). Its
/// `yield` goes straight back to the loop, its return ends the loop, and an exception
/// leaving its frame finishes it (see `Vm::inline_gen_raised`). Only off the
/// per-instruction check: the virtual scheduler suspends a thread only at the top level
/// of its own loop, so seeded schedules must keep a generator's frame in a nested run.
pub(crate) struct InlineGen {
    /// Where the generator's frame is in `Vm::frames`.
    depth: usize,
    /// A fold's own reference to the generator; None for a `for` loop, whose iterator on
    /// top of the stack of the frame below (`depth - 1`) is the generator and stays
    /// there for the whole inline run (that frame does not run meanwhile, and an
    /// exception leaving the generator's frame is seen before that frame's handlers):
    /// borrowing it there spares a reference count change at every item.
    pub(super) generator: Option<Value>,
    /// The frame's own allocation, for the frame to go back into when it yields.
    spare: Box<MaybeUninit<Frame>>,
    /// The thread's exception stack depth when the frame was entered.
    exc_base: usize,
    /// The `ForIter`'s jump target in the caller (taken when the generator returns).
    target: u32,
    /// Run by a built-in such as `sum` instead of a `for` loop (see folds.rs): its
    /// `yield` feeds this and goes on; its return gives the caller the result.
    pub(super) fold: Option<Box<Fold>>,
}

/// What a suspended generator or coroutine is resumed with.
pub(crate) enum Resume {
    /// `send(value)` / `next()`: what the paused `yield` evaluates to.
    Send(Value),
    /// `throw(exc)`: raised where the frame is paused.
    Throw(PyErr),
}

/// How a generator step ended.
pub(crate) enum GenStep {
    Yielded(Value),
    Returned(Value),
}

impl Vm {
    /// `GetAwaitable`: replaces the value on top with what awaiting it waits on.
    #[inline]
    pub(super) fn get_awaitable(&mut self) -> PyResult<()> {
        let value = self.pop();
        let awaitable = self.awaitable_of(value)?;
        self.push(awaitable);
        Ok(())
    }

    /// What `await value` waits on: a coroutine itself, or the iterator its
    /// `__await__()` returns (CPython's `GET_AWAITABLE`).
    pub(super) fn awaitable_of(&mut self, value: Value) -> PyResult<Value> {
        if let Some(Payload::Generator(g)) = value.payload() {
            if g.is_coroutine && !g.is_async_gen {
                return Ok(value);
            }
        }
        let Some(method) = self.special_method(&value, "__await__") else {
            return Err(exc(
                ExcType::TypeError,
                format!(
                    "object {} can't be used in 'await' expression",
                    type_name(&value)
                ),
            ));
        };
        let iterator = self.call0(method)?;
        match iterator.payload() {
            Some(Payload::Generator(g)) if g.is_coroutine => {
                Err(exc(ExcType::TypeError, "__await__() returned a coroutine"))
            }
            Some(Payload::Generator(_) | Payload::Iterator(_)) => Ok(iterator),
            _ if self.special_method(&iterator, "__next__").is_some() => Ok(iterator),
            _ => Err(exc(
                ExcType::TypeError,
                format!(
                    "__await__() returned non-iterator of type '{}'",
                    type_name(&iterator)
                ),
            )),
        }
    }

    /// `YieldFrom`: sends the value on top to the sub-iterator below it; yields what it
    /// yields (coming back to this instruction at `ip`), or replaces it with its result.
    #[inline]
    pub(super) fn yield_from(&mut self, ip: usize) -> PyResult<Option<Flow>> {
        let sent = self.pop();
        let iterator = self.peek(0).clone();
        let step = if let Some(Payload::Generator(_)) = iterator.payload() {
            self.resume_generator(&iterator, sent)?
        } else {
            // (`next_fast` steps range, list and tuple iterators in one lock.)
            match self.next_fast(&iterator)? {
                Some(item) => GenStep::Yielded(item),
                None => GenStep::Returned(Value::None),
            }
        };
        match step {
            GenStep::Yielded(item) => {
                // Come back to this instruction after the caller sends a value.
                self.top_mut().ip = ip;
                return Ok(Some(Flow::Yield(item)));
            }
            GenStep::Returned(result) => {
                self.pop();
                self.push(result);
            }
        }
        Ok(None)
    }

    /// Gives a paused `yield` its value. A `yield` statement drops what it evaluates to
    /// at once: resumed with None (`next()`, a `for` loop), its `Pop` is skipped and
    /// nothing pushed. Not under the per-instruction check, which counts every
    /// instruction. (A frame paused in `yield from` points at the `YieldFrom` itself,
    /// so only a `yield` is followed by a `Pop` here.)
    #[inline]
    fn deliver(&self, frame: &mut Frame, sent: Value) {
        let drops_it = !self.slice.per_instruction
            && sent.is_none()
            && matches!(frame.code.instructions.get(frame.ip), Some(Instr::Pop));
        if drops_it {
            frame.ip += 1;
        } else {
            frame.stack.push(sent);
        }
    }

    /// `ForIter` on a suspended generator, off the per-instruction check: pushes its
    /// frame to run in this loop (see `InlineGen`) and returns true; false when it must
    /// be resumed the usual way (running, finished, or at the recursion limit: `resume`
    /// raises what it must). The generator is the iterator on top of the stack.
    pub(super) fn enter_inline(&mut self, target: u32) -> bool {
        self.enter_inline_with(None, target, None)
    }

    /// `enter_inline`, for a `for` loop (`generator` and `fold` None: the generator is
    /// on top of the stack) or a built-in's fold (both given).
    pub(super) fn enter_inline_with(
        &mut self,
        generator: Option<Value>,
        target: u32,
        fold: Option<Box<Fold>>,
    ) -> bool {
        let base = self.frames.len();
        if base >= self.rt.recursion_limit.load(Ordering::Relaxed) {
            return false;
        }
        let taken = {
            let generator = match &generator {
                Some(generator) => generator,
                None => self.peek(0),
            };
            let Some(Payload::Generator(gen)) = generator.payload() else {
                return false;
            };
            self.take_suspended(&gen.state)
        };
        let Some(mut frame) = taken else {
            return false;
        };
        if frame.ip > 0 {
            self.deliver(&mut frame, Value::None);
        }
        let exc_base = self.exc_stack.len();
        let spare = self.install_suspended(frame);
        self.inline_gens.push(InlineGen {
            depth: base,
            generator,
            spare,
            exc_base,
            target,
            fold,
        });
        true
    }

    /// Whether the frame on top runs an inline generator (see `InlineGen`): its `yield`
    /// goes to `yield_inline`, its `return` to `return_inline`.
    #[inline(always)]
    pub(super) fn top_is_inline(&self) -> bool {
        match self.inline_gens.last() {
            Some(inline) => inline.depth + 1 == self.frames.len(),
            None => false,
        }
    }

    /// `yield value` from an inline generator's frame (`top_is_inline`): the frame goes
    /// back into its generator and the value to the `for` loop that runs it, whose
    /// frame is on top then.
    #[inline(never)]
    pub(super) fn yield_inline(&mut self, value: Value) -> PyResult<()> {
        if self
            .inline_gens
            .last()
            .is_some_and(|inline| inline.fold.is_some())
        {
            return self.yield_to_fold(value);
        }
        let inline = self.inline_gens.pop().expect("an inline generator yielded");
        self.suspend_inline(inline);
        // The loop's `StoreFast` of the item runs here too, as in `for_iter`.
        let per_instruction = self.slice.per_instruction;
        let caller = self.top_mut();
        if !per_instruction {
            if let Some(Instr::StoreFast(i)) = caller.code.instructions.get(caller.ip) {
                caller.fast[*i as usize] = Some(value);
                caller.ip += 1;
                return Ok(());
            }
        }
        caller.stack.push(value);
        Ok(())
    }

    /// Puts an inline generator's frame (on top, just popped from `inline_gens`) back
    /// into its generator, suspended as after a `yield`.
    pub(super) fn suspend_inline(&mut self, inline: InlineGen) {
        let exc_base = inline.exc_base;
        let frame = self.frames.last_mut().expect("the generator frame yielded");
        if self.exc_stack.len() > exc_base {
            frame.saved_exc.extend(self.exc_stack.drain(exc_base..));
        }
        if exc_base != 0 {
            for block in &mut frame.blocks {
                block.exc_depth = block.exc_depth.saturating_sub(exc_base as u32);
            }
        }
        let frame = rebox_top(&mut self.frames, inline.spare);
        self.refill_vacated_slots(self.frames.len() + 1);
        let generator = inline_generator(&self.frames, inline.depth, &inline.generator);
        if let Some(Payload::Generator(gen)) = generator.payload() {
            self.put_back_inline(&gen.state, GeneratorState::Suspended(frame));
        }
    }

    /// `return` from an inline generator's frame (`top_is_inline`; a `for` loop drops
    /// the value returned): the generator finishes and its loop ends, its frame on top
    /// past the loop; or its fold's result (or error) goes to the caller.
    #[inline(never)]
    pub(super) fn return_inline(&mut self) -> PyResult<()> {
        let inline = self
            .inline_gens
            .pop()
            .expect("an inline generator returned");
        self.recycle_top_frame();
        drop(inline.spare);
        self.exc_stack.truncate(inline.exc_base);
        let generator = inline_generator(&self.frames, inline.depth, &inline.generator);
        if let Some(Payload::Generator(gen)) = generator.payload() {
            self.put_back_inline(&gen.state, GeneratorState::Finished);
        }
        if let Some(fold) = inline.fold {
            let result = fold.finish()?;
            self.push(result);
            return Ok(());
        }
        let caller = self.top_mut();
        caller.stack.pop();
        caller.ip = inline.target as usize;
        Ok(())
    }

    /// An exception left the frame at `depth` (just popped): when that was an inline
    /// generator's, the generator is finished, and a `StopIteration` it raised becomes
    /// `RuntimeError` in `error` (as `resume` does).
    pub(super) fn inline_gen_raised(&mut self, depth: usize, error: &mut PyErr) {
        if self
            .inline_gens
            .last()
            .is_none_or(|inline| inline.depth != depth)
        {
            return;
        }
        let inline = self.inline_gens.pop().expect("checked above");
        let generator = inline_generator(&self.frames, inline.depth, &inline.generator).clone();
        let Some(Payload::Generator(gen)) = generator.payload() else {
            return;
        };
        self.put_back_inline(&gen.state, GeneratorState::Finished);
        if let Some(replaced) = self.stop_iteration_replaced(gen, error) {
            self.set_context(&replaced);
            *error = replaced;
        }
    }

    /// The `RuntimeError` that replaces a `StopIteration` leaving a generator, or None.
    fn stop_iteration_replaced(&self, gen: &Generator, error: &PyErr) -> Option<PyErr> {
        if !ops::is_exception_of(&error.0, ExcType::StopIteration) {
            return None;
        }
        let kind = if gen.is_async_gen {
            "async generator"
        } else {
            gen.kind()
        };
        let replaced = exc(
            ExcType::RuntimeError,
            format!("{kind} raised StopIteration"),
        );
        if let Some(data) = exception_data(&replaced.0) {
            let mut data = lock(data);
            data.cause = Some(error.0.clone());
            data.suppress_context = true;
        }
        Some(replaced)
    }

    /// Runs a generator until its next `yield` (or its end).
    pub(crate) fn resume_generator(&mut self, generator: &Value, sent: Value) -> PyResult<GenStep> {
        self.resume(generator, Resume::Send(sent))
    }

    /// Resumes a generator or coroutine with a value (`send`) or an exception raised
    /// where it is paused (`throw`), and runs it until its next `yield` or its end.
    /// A frame paused in `yield from` / `await` passes a thrown exception on to the
    /// generator it delegates to first, as CPython does.
    pub(crate) fn resume(&mut self, generator: &Value, how: Resume) -> PyResult<GenStep> {
        let Some(Payload::Generator(gen)) = generator.payload() else {
            return Err(exc(ExcType::TypeError, "not a generator"));
        };
        let state = &gen.state;
        let kind = gen.kind();
        let mut frame = {
            let mut guard = lock(state);
            match std::mem::replace(&mut *guard, GeneratorState::Running) {
                GeneratorState::Suspended(frame) => frame,
                GeneratorState::Running => {
                    *guard = GeneratorState::Running;
                    return Err(exc(
                        ExcType::ValueError,
                        format!("{kind} already executing"),
                    ));
                }
                GeneratorState::Finished => {
                    *guard = GeneratorState::Finished;
                    if gen.is_coroutine && !gen.is_async_gen {
                        return Err(exc(
                            ExcType::RuntimeError,
                            "cannot reuse already awaited coroutine",
                        ));
                    }
                    return match how {
                        Resume::Send(_) => Ok(GenStep::Returned(Value::None)),
                        Resume::Throw(error) => Err(error),
                    };
                }
            }
        };
        let pending_error = match how {
            Resume::Send(sent) => {
                if frame.ip > 0 {
                    self.deliver(&mut frame, sent);
                } else if !sent.is_none() {
                    *lock(state) = GeneratorState::Suspended(frame);
                    return Err(exc(
                        ExcType::TypeError,
                        format!("can't send non-None value to a just-started {kind}"),
                    ));
                }
                None
            }
            Resume::Throw(error) => {
                // Only a `yield from` that yielded leaves its frame pointing at itself.
                let delegating = matches!(
                    frame.code.instructions.get(frame.ip),
                    Some(Instr::YieldFrom)
                );
                let delegate = frame.stack.last().cloned();
                match delegate {
                    Some(delegate)
                        if delegating
                            && matches!(delegate.payload(), Some(Payload::Generator(_))) =>
                    {
                        match self.resume(&delegate, Resume::Throw(error)) {
                            Ok(GenStep::Yielded(value)) => {
                                *lock(state) = GeneratorState::Suspended(frame);
                                return Ok(GenStep::Yielded(value));
                            }
                            Ok(GenStep::Returned(value)) => {
                                frame.stack.pop();
                                frame.stack.push(value);
                                frame.ip += 1;
                                None
                            }
                            Err(error) => {
                                frame.stack.pop();
                                frame.ip += 1;
                                Some(error)
                            }
                        }
                    }
                    _ => {
                        if delegating {
                            frame.stack.pop();
                            frame.ip += 1;
                        }
                        Some(error)
                    }
                }
            }
        };
        let base = self.frames.len();
        if base >= self.rt.recursion_limit.load(Ordering::Relaxed) {
            *lock(state) = GeneratorState::Suspended(frame);
            return Err(exc(
                ExcType::RecursionError,
                "maximum recursion depth exceeded",
            ));
        }
        // The frame's handler blocks count exceptions from the thread's stack base: make
        // them absolute again for wherever this resume happens.
        let exc_base = self.exc_stack.len();
        let spare = self.install_suspended(frame);
        let outcome = match pending_error {
            None => self.execute(base),
            Some(mut error) => {
                self.set_context(&error);
                if self.handle_exception(&mut error, base) {
                    self.execute(base)
                } else {
                    Err(error)
                }
            }
        };
        match outcome {
            Ok(Flow::Yield(value)) => {
                let frame = self.frames.last_mut().expect("the generator frame yielded");
                // `saved_exc` is empty here (appended above); most yields are outside
                // any handler, so usually nothing moves.
                if self.exc_stack.len() > exc_base {
                    frame.saved_exc.extend(self.exc_stack.drain(exc_base..));
                }
                if exc_base != 0 {
                    for block in &mut frame.blocks {
                        block.exc_depth = block.exc_depth.saturating_sub(exc_base as u32);
                    }
                }
                // Straight from the stack of frames into the kept allocation.
                let frame = rebox_top(&mut self.frames, spare);
                self.refill_vacated_slots(self.frames.len() + 1);
                put_back(state, GeneratorState::Suspended(frame));
                Ok(GenStep::Yielded(value))
            }
            Ok(Flow::Return(value)) => {
                self.exc_stack.truncate(exc_base);
                put_back(state, GeneratorState::Finished);
                Ok(GenStep::Returned(value))
            }
            Ok(Flow::Switch | Flow::Suspend) => {
                *lock(state) = GeneratorState::Finished;
                Ok(GenStep::Returned(Value::None))
            }
            Err(error) => {
                *lock(state) = GeneratorState::Finished;
                match self.stop_iteration_replaced(gen, &error) {
                    Some(replaced) => Err(replaced),
                    None => Err(error),
                }
            }
        }
    }
}

/// The generator an inline run at `depth` belongs to (see `InlineGen::generator`); the
/// frame below it must be on `frames`.
#[inline(always)]
fn inline_generator<'a>(frames: &'a [Frame], depth: usize, own: &'a Option<Value>) -> &'a Value {
    match own {
        Some(generator) => generator,
        None => frames[depth - 1]
            .stack
            .last()
            .expect("a for loop's iterator under its inline generator"),
    }
}

impl Vm {
    /// Takes a suspended generator's frame, leaving it `Running`; None (and the state
    /// unchanged) when it is running or finished. For the inline runs, which enter and
    /// leave a generator at every item of a loop: under the modern GIL the holder (this
    /// thread) does it without the generator's lock, as it reads and writes cells
    /// (`names::load_deref`): every access to a generator's state is made by a thread
    /// running Python code (resuming it, an inline run, `next`/`send`/`throw`/`close`,
    /// `inspect.getgeneratorstate`, `await`), so, while the modern GIL is in force, by
    /// the GIL holder alone, and never across a point where it could give the GIL away;
    /// no thread reads a generator's state off the GIL (the deadlock report's search
    /// never walks generators; a run's teardown finishes them once no thread runs).
    /// Legacy and free-threaded runs lock.
    #[inline(always)]
    fn take_suspended(&self, state: &Mutex<GeneratorState>) -> Option<Box<Frame>> {
        fn take(state: &mut GeneratorState) -> Option<Box<Frame>> {
            if !matches!(*state, GeneratorState::Suspended(_)) {
                return None;
            }
            match std::mem::replace(state, GeneratorState::Running) {
                GeneratorState::Suspended(frame) => Some(frame),
                _ => unreachable!("matched above"),
            }
        }
        if self.slice.switch_anywhere {
            take(&mut lock(state))
        } else {
            // SAFETY: under the modern GIL only its holder, this thread, reads or writes
            // a generator's state (see above), and it holds no guard of this one here.
            take(unsafe { &mut *state.data_ptr() })
        }
    }

    /// `put_back` for the inline runs, without the lock under the modern GIL (see
    /// `take_suspended`).
    #[inline(always)]
    fn put_back_inline(&self, state: &Mutex<GeneratorState>, new: GeneratorState) {
        if self.slice.switch_anywhere {
            put_back(state, new);
        } else {
            // SAFETY: as in `take_suspended`.
            store_over_running(unsafe { &mut *state.data_ptr() }, new);
        }
    }
}

/// Ends a resume: stores the generator's new state over `Running` (which owns nothing,
/// so it is not dropped: no drop glue runs per `yield`). Only the resume that set
/// `Running` writes the state until it is put back (others see `Running` and leave it).
#[inline]
fn put_back(state: &Mutex<GeneratorState>, new: GeneratorState) {
    store_over_running(&mut lock(state), new);
}

/// `put_back`'s store, wherever the state was reached from.
#[inline(always)]
fn store_over_running(slot: &mut GeneratorState, new: GeneratorState) {
    let old = std::mem::replace(slot, new);
    debug_assert!(matches!(old, GeneratorState::Running));
    std::mem::forget(old);
}

impl Vm {
    /// Puts a suspended generator's frame on top of the thread's frames, as both a
    /// resume and a `for` loop's inline run need it: its handler blocks count exceptions
    /// from the stack base again, and the exceptions it was handling when it yielded go
    /// back on the thread's exception stack. Returns the emptied box for `rebox_top`.
    #[inline(always)]
    fn install_suspended(&mut self, mut frame: Box<Frame>) -> Box<MaybeUninit<Frame>> {
        let exc_base = self.exc_stack.len();
        if exc_base != 0 {
            for block in &mut frame.blocks {
                block.exc_depth += exc_base as u32;
            }
        }
        if !frame.saved_exc.is_empty() {
            self.exc_stack.append(&mut frame.saved_exc);
        }
        self.vacate_next_slot();
        unbox_onto(frame, &mut self.frames)
    }
}
