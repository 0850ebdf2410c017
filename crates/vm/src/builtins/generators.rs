//! The methods of generators and coroutines: `send`, `throw` and `close`, on the
//! interpreter's resumable frames. Resuming is the interpreter's; this must never run a
//! frame that is already running.

use super::args::arity;
use crate::interp::{exc, exception_data, new_exception, AsyncGenStep, GenStep, Resume, Vm};
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
            vm.call(raised.clone(), Args::new(smallvec::smallvec![value]))?
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

/// Adds the methods of generators, coroutines and async generators.
pub(super) fn install(t: &Types, methods: &mut MethodTables) {
    for class in [&t.generator, &t.coroutine] {
        methods.add_method(class, "send", g_send);
        methods.add_method(class, "throw", g_throw);
        methods.add_method(class, "close", g_close);
    }
    let agen = &t.async_generator;
    methods.add_method(agen, "__aiter__", ag_aiter);
    methods.add_method(agen, "__anext__", ag_anext);
    methods.add_method(agen, "asend", ag_asend);
    methods.add_method(agen, "athrow", ag_athrow);
    methods.add_method(agen, "aclose", ag_aclose);
}

// ------------------------------------------------------------- async generators
// Their awaitables are Python (pylib `_asyncgen`); these methods hand over to it, and
// the `_native_*` functions below are its only way into the generator's frame.

fn ag_aiter(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "__aiter__", 1, 1)?;
    Ok(args.positional[0].clone())
}

fn call_helper(vm: &mut Vm, name: &str, args: Vec<Value>) -> PyResult<Value> {
    let module = vm.import("_asyncgen")?;
    let helper = vm.get_attr(&module, &std::sync::Arc::from(name))?;
    vm.call(helper, Args::new(args))
}

fn ag_anext(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "__anext__", 1, 1)?;
    call_helper(vm, "asend", vec![args.positional[0].clone(), Value::None])
}

fn ag_asend(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "asend", 2, 2)?;
    call_helper(vm, "asend", args.positional.into_vec())
}

fn ag_athrow(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "athrow", 2, 4)?;
    call_helper(vm, "athrow", args.positional.into_vec())
}

fn ag_aclose(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "aclose", 1, 1)?;
    call_helper(vm, "aclose", args.positional.into_vec())
}

fn async_gen_of(value: &Value) -> PyResult<&Generator> {
    match value.payload() {
        Some(Payload::Generator(g)) if g.is_async_gen => Ok(g),
        _ => Err(exc(
            ExcType::TypeError,
            format!("expected an async generator, got {}", type_name(value)),
        )),
    }
}

/// `_native_step(agen, mode, arg)`: one resume (mode 0 sends `arg`, 1 throws it);
/// returns `(0, value)` paused in `await`, `(1, value)` at `yield`, `(2, None)` finished.
pub(crate) fn native_step(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "_native_step", 3, 3)?;
    let agen = args.positional[0].clone();
    async_gen_of(&agen)?;
    let how = if matches!(args.positional[1], Value::Int(1)) {
        Resume::Throw(PyErr(args.positional[2].clone()))
    } else {
        Resume::Send(args.positional[2].clone())
    };
    let (kind, value) = match vm.async_gen_step(&agen, how)? {
        AsyncGenStep::Awaiting(value) => (0, value),
        AsyncGenStep::Yielded(value) => (1, value),
        AsyncGenStep::Finished => (2, Value::None),
    };
    Ok(super::new_tuple(vec![Value::Int(kind), value]))
}

/// `_native_state(agen)`: 0 not started, 1 suspended at a `yield`/`await`, 2 running,
/// 3 finished.
pub(crate) fn native_state(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "_native_state", 1, 1)?;
    let gen = async_gen_of(&args.positional[0])?;
    let state = match &*lock(&gen.state) {
        GeneratorState::Suspended(frame) if frame.ip == 0 => 0,
        GeneratorState::Suspended(_) => 1,
        GeneratorState::Running => 2,
        GeneratorState::Finished => 3,
    };
    Ok(Value::Int(state))
}

/// `_native_finish(agen)`: marks a generator that never started as finished.
pub(crate) fn native_finish(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "_native_finish", 1, 1)?;
    let gen = async_gen_of(&args.positional[0])?;
    let mut state = lock(&gen.state);
    if !matches!(*state, GeneratorState::Running) {
        *state = GeneratorState::Finished;
    }
    Ok(Value::None)
}

/// `aiter(obj)`: `obj.__aiter__()`.
pub(crate) fn b_aiter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "aiter", 1, 1)?;
    let value = &args.positional[0];
    let Some(method) = vm.special_method(value, "__aiter__") else {
        return Err(exc(
            ExcType::TypeError,
            format!("'{}' object is not an async iterable", type_name(value)),
        ));
    };
    let iterator = vm.call0(method)?;
    if vm.special_method(&iterator, "__anext__").is_none() {
        return Err(exc(
            ExcType::TypeError,
            format!(
                "aiter() returned not an async iterator of type '{}'",
                type_name(&iterator)
            ),
        ));
    }
    Ok(iterator)
}

/// `anext(iterator[, default])`: the awaitable `__anext__()`, which with a default
/// turns StopAsyncIteration into that default.
pub(crate) fn b_anext(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "anext", 1, 2)?;
    let value = &args.positional[0];
    let Some(method) = vm.special_method(value, "__anext__") else {
        return Err(exc(
            ExcType::TypeError,
            format!("'{}' object is not an async iterator", type_name(value)),
        ));
    };
    let awaitable = vm.call0(method)?;
    match args.positional.get(1) {
        None => Ok(awaitable),
        Some(default) => call_helper(vm, "_anext_default", vec![awaitable, default.clone()]),
    }
}
