//! `time`: sleeping and the clocks. Both go through the run's host or scheduler; this
//! file never blocks by itself and never reads a clock of its own.

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
    if vm.rt.virtual_sched.is_some() {
        // On the virtual clock a sleep takes no real time: it only moves the clock.
        let nanos = (seconds * 1e9).min(u64::MAX as f64) as u64;
        let deadline = vm.virtual_now_ns().saturating_add(nanos);
        return vm.block(crate::scheduler::Wait::sleep_until(deadline));
    }
    let host = vm.rt.host.clone();
    // Sleeping gives the GIL away, as every blocking call does.
    if !vm.without_gil(trace::ThreadState::Sleeping, || host.sleep(seconds)) {
        // The run was stopped during the sleep: end it now.
        vm.rt.stop.request();
        return Err(vm.stop_error());
    }
    Ok(Value::None)
}

/// `time.monotonic()`: the host's clock, or the virtual one on the virtual scheduler.
pub(super) fn monotonic_now(vm: &Vm) -> f64 {
    match &vm.rt.virtual_sched {
        Some(sched) => sched.monotonic_at(vm.virtual_now_ns()),
        None => vm.rt.host.monotonic(),
    }
}

/// `time.time()`: the host's clock, or the virtual one on the virtual scheduler.
pub(super) fn wall_now(vm: &Vm) -> f64 {
    match &vm.rt.virtual_sched {
        Some(sched) => sched.wall_at(vm.virtual_now_ns()),
        None => vm.rt.host.wall_clock(),
    }
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
