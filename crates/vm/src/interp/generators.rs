//! Generators and coroutines: resuming a suspended frame with a value or an exception,
//! `yield from` / `await` delegation and `GET_AWAITABLE`.
//!
//! A generator's frame runs in a nested loop of the resuming thread; this module must
//! never leave a generator marked as running once it returns (its state is always put
//! back, whatever the outcome).

use super::dispatch::Flow;
use super::exceptions::{exc, exception_data};
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
                    // A `yield` statement drops what it evaluates to at once: resumed
                    // with None (`next()`, a `for` loop), its `Pop` is skipped and
                    // nothing pushed. Not under the per-instruction check, which counts
                    // every instruction. (A frame paused in `yield from` points at the
                    // `YieldFrom` itself, so only a `yield` is followed by a `Pop` here.)
                    let drops_it = !self.slice.per_instruction
                        && sent.is_none()
                        && matches!(frame.code.instructions.get(frame.ip), Some(Instr::Pop));
                    if drops_it {
                        frame.ip += 1;
                    } else {
                        frame.stack.push(sent);
                    }
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
        let mut frame = frame;
        if exc_base != 0 {
            for block in &mut frame.blocks {
                block.exc_depth += exc_base as u32;
            }
        }
        if !frame.saved_exc.is_empty() {
            self.exc_stack.append(&mut frame.saved_exc);
        }
        let spare = unbox_onto(frame, &mut self.frames);
        let outcome = match pending_error {
            None => self.execute(base),
            Some(error) => {
                self.set_context(&error);
                if self.handle_exception(error.clone(), base) {
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
                if ops::is_exception_of(&error.0, ExcType::StopIteration) {
                    let kind = if gen.is_async_gen {
                        "async generator"
                    } else {
                        kind
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
                    return Err(replaced);
                }
                Err(error)
            }
        }
    }
}

/// Ends a resume: stores the generator's new state over `Running` (which owns nothing,
/// so it is not dropped: no drop glue runs per `yield`). Only the resume that set
/// `Running` writes the state until it is put back (others see `Running` and leave it).
#[inline]
fn put_back(state: &Mutex<GeneratorState>, new: GeneratorState) {
    let old = std::mem::replace(&mut *lock(state), new);
    debug_assert!(matches!(old, GeneratorState::Running));
    std::mem::forget(old);
}
