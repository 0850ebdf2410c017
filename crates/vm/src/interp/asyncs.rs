//! `async with`, `async for` and async generators at the bytecode level: the
//! instructions that look up `__aenter__`/`__aexit__`/`__aiter__`/`__anext__` (with
//! CPython's messages when they are missing), and one raw step of an async generator's
//! frame for the awaitables of `asend`/`athrow`/`aclose` (written in Python, pylib's
//! `_asyncgen`).
//!
//! Awaiting is never done here: each instruction leaves an awaitable iterator on the
//! stack and the compiled code's `YieldFrom` drives it, so a coroutine suspends only
//! at `YieldFrom`, as everywhere else.

use super::dispatch::Flow;
use super::exceptions::exc;
use super::frame::Vm;
use super::generators::{GenStep, Resume};
use crate::code::Instr;
use crate::ops;
use crate::types::{type_name, ExcType};
use crate::value::*;
use crate::{PyErr, PyResult};

impl Vm {
    /// `BeforeAsyncWith`: pops the manager, pushes its bound `__aexit__` and then the
    /// awaitable iterator of what `__aenter__()` returns.
    pub(super) fn before_async_with(&mut self) -> PyResult<()> {
        let manager = self.pop();
        let enter = self.special_method(&manager, "__aenter__");
        let exit = self.special_method(&manager, "__aexit__");
        let (Some(enter), Some(exit)) = (enter.clone(), exit) else {
            let missed = if enter.is_some() {
                " (missed __aexit__ method)"
            } else {
                ""
            };
            return Err(exc(
                ExcType::TypeError,
                format!(
                    "'{}' object does not support the asynchronous context manager protocol{missed}",
                    type_name(&manager)
                ),
            ));
        };
        self.push(exit);
        let entered = self.call0(enter)?;
        let awaitable = self.awaitable_or(entered, |v| {
            format!(
                "'async with' received an object from __aenter__ that does not implement __await__: {}",
                type_name(v)
            )
        })?;
        self.push(awaitable);
        Ok(())
    }

    /// `SetupAsyncWith`: the handler of an `async with` body, set once `__aenter__` has
    /// been awaited; at the handler the stack keeps `__aexit__` only.
    pub(super) fn setup_async_with(&mut self, target: u32) {
        let entered = self.pop();
        self.setup_handler(target);
        self.push(entered);
    }

    /// `AsyncWithExceptStart`: calls `__aexit__` with the exception being handled and
    /// pushes the awaitable iterator of its result (awaited, then tested for truth).
    pub(super) fn async_with_except_start(&mut self) -> PyResult<()> {
        let error = self.peek(0).clone();
        let exit = self.peek(1).clone();
        let class = Value::Obj(crate::types::type_of(&error));
        let result = self.call(
            exit,
            Args::new(smallvec::smallvec![class, error, Value::None]),
        )?;
        let awaitable = self.awaitable_or(result, |v| {
            format!(
                "'async with' received an object from __aexit__ that does not implement __await__: {}",
                type_name(v)
            )
        })?;
        self.push(awaitable);
        Ok(())
    }

    /// `GetAIter`: replaces the top with `top.__aiter__()`.
    pub(super) fn get_aiter(&mut self) -> PyResult<()> {
        let value = self.pop();
        let Some(method) = self.special_method(&value, "__aiter__") else {
            return Err(exc(
                ExcType::TypeError,
                format!(
                    "'async for' requires an object with __aiter__ method, got {}",
                    type_name(&value)
                ),
            ));
        };
        let iterator = self.call0(method)?;
        if self.special_method(&iterator, "__anext__").is_none() {
            return Err(exc(
                ExcType::TypeError,
                format!(
                    "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                    type_name(&iterator)
                ),
            ));
        }
        self.push(iterator);
        Ok(())
    }

    /// `GetANext`: pushes the awaitable iterator of `top.__anext__()`.
    pub(super) fn get_anext(&mut self) -> PyResult<()> {
        let iterator = self.peek(0).clone();
        let Some(method) = self.special_method(&iterator, "__anext__") else {
            return Err(exc(
                ExcType::TypeError,
                format!(
                    "'async for' requires an iterator with __anext__ method, got {}",
                    type_name(&iterator)
                ),
            ));
        };
        let next = self.call0(method)?;
        let awaitable = self.awaitable_or(next, |v| {
            format!(
                "'async for' received an invalid object from __anext__: {}",
                type_name(v)
            )
        })?;
        self.push(awaitable);
        Ok(())
    }

    /// `EndAsyncFor`: stack holds the async iterator and the exception being handled.
    pub(super) fn end_async_for(&mut self) -> PyResult<Option<Flow>> {
        let error = self.pop();
        if !ops::is_exception_of(&error, ExcType::StopAsyncIteration) {
            return Err(PyErr(error));
        }
        self.pop_except();
        self.pop();
        Ok(None)
    }

    /// What awaiting `value` drives, with `message` as the TypeError when it is not
    /// awaitable.
    fn awaitable_or(
        &mut self,
        value: Value,
        message: impl Fn(&Value) -> String,
    ) -> PyResult<Value> {
        let awaitable = match value.payload() {
            Some(Payload::Generator(g)) if g.is_coroutine && !g.is_async_gen => true,
            _ => self.special_method(&value, "__await__").is_some(),
        };
        if !awaitable {
            return Err(exc(ExcType::TypeError, message(&value)));
        }
        self.awaitable_of(value)
    }

    /// One raw step of an async generator's frame: `how` resumes it and the answer says
    /// whether it paused in an `await` (its value goes on to the event loop), at a
    /// `yield` (the value is the result of `asend`), or finished.
    pub(crate) fn async_gen_step(&mut self, agen: &Value, how: Resume) -> PyResult<AsyncGenStep> {
        match self.resume(agen, how)? {
            GenStep::Returned(_) => Ok(AsyncGenStep::Finished),
            GenStep::Yielded(value) => {
                let Some(Payload::Generator(gen)) = agen.payload() else {
                    return Err(exc(ExcType::TypeError, "not an async generator"));
                };
                // A frame paused in `await` points at its YieldFrom (it resumes there).
                let awaiting = match &*lock(&gen.state) {
                    GeneratorState::Suspended(frame) => matches!(
                        frame.code.instructions.get(frame.ip),
                        Some(Instr::YieldFrom)
                    ),
                    _ => false,
                };
                Ok(if awaiting {
                    AsyncGenStep::Awaiting(value)
                } else {
                    AsyncGenStep::Yielded(value)
                })
            }
        }
    }
}

/// How one raw step of an async generator ended.
pub(crate) enum AsyncGenStep {
    /// Paused in an `await`: the value is for whoever drives the awaitable.
    Awaiting(Value),
    /// Paused at `yield`: the value is the result of the `asend`/`athrow`.
    Yielded(Value),
    /// Ran to its end.
    Finished,
}
