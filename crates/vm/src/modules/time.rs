//! `time`: sleeping and the clocks. Both go through the run's thread driver
//! (`scheduler::ThreadDriver`); this file never blocks by itself, never reads a clock of
//! its own and never asks which scheduler runs it.

use super::*;

pub(super) fn seconds_arg(value: &Value, what: &str) -> PyResult<f64> {
    match value {
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) | Value::Float(_) => {
            Ok(to_f64(value).unwrap_or(0.0))
        }
        _ => Err(exc(
            ExcType::TypeError,
            format!(
                "'{}' object cannot be interpreted as an integer{what}",
                type_name(value)
            ),
        )),
    }
}

pub(super) fn time_sleep(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(value) = args.positional.first() else {
        return Err(exc(
            ExcType::TypeError,
            "time.sleep() takes exactly one argument (0 given)",
        ));
    };
    let seconds = seconds_arg(value, "")?;
    if seconds.is_nan() {
        return Err(exc(ExcType::ValueError, "Invalid value NaN (not a number)"));
    }
    if seconds < 0.0 {
        return Err(exc(
            ExcType::ValueError,
            "sleep length must be non-negative",
        ));
    }
    let driver = Arc::clone(&vm.rt.driver);
    driver.sleep(vm, seconds)
}

/// `time.monotonic()`: the run driver's clock (the host's, or the virtual one).
pub(super) fn monotonic_now(vm: &Vm) -> f64 {
    vm.rt.driver.monotonic(vm)
}

/// `time.time()`: the run driver's clock (the host's, or the virtual one).
pub(super) fn wall_now(vm: &Vm) -> f64 {
    vm.rt.driver.wall_clock(vm)
}

pub(super) fn time_monotonic(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Float(monotonic_now(vm)))
}

pub(super) fn time_monotonic_ns(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int((monotonic_now(vm) * 1e9) as i64))
}

pub(super) fn time_time(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Float(wall_now(vm)))
}

pub(super) fn time_time_ns(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int((wall_now(vm) * 1e9) as i64))
}

/// `time.thread_time()`: this thread's CPU time as the run's driver counts it.
pub(super) fn time_thread_time(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Float(vm.rt.driver.thread_time(vm)))
}

pub(super) fn time_thread_time_ns(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int((vm.rt.driver.thread_time(vm) * 1e9) as i64))
}
