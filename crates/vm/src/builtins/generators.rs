//! The methods of generators and coroutines: `send`, `throw` and `close`, on the
//! interpreter's resumable frames. Resuming is the interpreter's; this must never run a
//! frame that is already running.

use super::args::arity;
use crate::interp::{exc, exception_data, new_exception, GenStep, Resume, Vm};
use crate::ops;
use crate::types::ExcType;
use crate::types::{self, type_name, MethodTables, Types};
use crate::value::*;
use crate::{PyErr, PyResult};

fn g_send(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "send", 2, 2)?;
    match vm.resume_generator(&args.positional[0], args.positional[1].clone())? {
        GenStep::Yielded(value) => Ok(value),
        GenStep::Returned(value) => Err(stop_iteration(value)),
    }
}

/// `gen.throw(exc)` (or the deprecated `throw(type[, value])`): raises `exc` where the
/// generator or coroutine is paused; returns what it yields next.
fn g_throw(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "throw", 2, 4)?;
    let raised = args.positional[1].clone();
    let value = args.positional.get(2).cloned().unwrap_or(Value::None);
    let error = match raised.payload() {
        Some(Payload::Class(_)) if !value.is_none() && exception_data(&value).is_some() => value,
        Some(Payload::Class(_)) if !value.is_none() => {
            vm.call(raised.clone(), Args::new(vec![value]))?
        }
        _ if exception_data(&raised).is_some() && !value.is_none() => {
            return Err(exc(
                ExcType::TypeError,
                "instance exception may not have a separate value",
            ))
        }
        _ => vm.make_exception(raised.clone()).map_err(|_| {
            exc(
                ExcType::TypeError,
                format!(
                    "exceptions must be classes or instances deriving from BaseException, not {}",
                    type_name(&raised)
                ),
            )
        })?,
    };
    match vm.resume(&args.positional[0], Resume::Throw(PyErr(error)))? {
        GenStep::Yielded(value) => Ok(value),
        GenStep::Returned(value) => Err(stop_iteration(value)),
    }
}

/// `gen.close()`: raises GeneratorExit where it is paused, so its `finally` blocks run.
fn g_close(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "close", 1, 1)?;
    let generator = &args.positional[0];
    let Some(Payload::Generator(gen)) = generator.payload() else {
        return Ok(Value::None);
    };
    let started = match &*lock(&gen.state) {
        GeneratorState::Suspended(frame) => frame.ip > 0,
        GeneratorState::Running | GeneratorState::Finished => false,
    };
    if !started {
        // Never started (or already over): nothing to unwind, as in CPython.
        let mut state = lock(&gen.state);
        if !matches!(*state, GeneratorState::Running) {
            *state = GeneratorState::Finished;
        }
        return Ok(Value::None);
    }
    let exit = new_exception(&types::exception_class(ExcType::GeneratorExit), Vec::new());
    match vm.resume(generator, Resume::Throw(PyErr(exit))) {
        Ok(GenStep::Yielded(_)) => {
            *lock(&gen.state) = GeneratorState::Finished;
            Err(exc(
                ExcType::RuntimeError,
                format!("{} ignored GeneratorExit", gen.kind()),
            ))
        }
        Ok(GenStep::Returned(_)) => Ok(Value::None),
        Err(error)
            if ops::is_exception_of(&error.0, ExcType::GeneratorExit)
                || ops::is_exception_of(&error.0, ExcType::StopIteration) =>
        {
            Ok(Value::None)
        }
        Err(error) => Err(error),
    }
}

/// The StopIteration a finished generator step raises, carrying the return value.
fn stop_iteration(value: Value) -> PyErr {
    PyErr(new_exception(
        &types::exception_class(ExcType::StopIteration),
        if value.is_none() {
            Vec::new()
        } else {
            vec![value]
        },
    ))
}

/// Adds the methods of generators and coroutines.
pub(super) fn install(t: &Types, methods: &mut MethodTables) {
    for class in [&t.generator, &t.coroutine] {
        methods.add_method(class, "send", g_send);
        methods.add_method(class, "throw", g_throw);
        methods.add_method(class, "close", g_close);
    }
}
