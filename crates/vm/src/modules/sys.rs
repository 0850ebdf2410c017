//! `sys`: the switch interval, the recursion limit, `exit`, `exc_info` and
//! `version_info`. Never holds a lock while Python code runs.

use super::*;

pub(super) fn sys_getswitchinterval(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Float(*lock(&vm.rt.switch_interval)))
}

pub(super) fn sys_setswitchinterval(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(value) = args.positional.first() else {
        return Err(exc(
            ExcType::TypeError,
            "setswitchinterval() takes exactly one argument (0 given)",
        ));
    };
    let seconds = float_of(value)?;
    if seconds <= 0.0 {
        return Err(exc(
            ExcType::ValueError,
            "switch interval must be strictly positive",
        ));
    }
    vm.rt.set_switch_interval(seconds);
    Ok(Value::None)
}

pub(super) fn sys_getrecursionlimit(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int(
        vm.rt
            .recursion_limit
            .load(std::sync::atomic::Ordering::Relaxed) as i64,
    ))
}

pub(super) fn sys_setrecursionlimit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let limit = args
        .positional
        .first()
        .map(index_arg)
        .transpose()?
        .unwrap_or(1000);
    if limit < 1 {
        return Err(exc(
            ExcType::ValueError,
            "recursion limit must be greater or equal than 1",
        ));
    }
    // Deeper than this would not fit a browser worker's stack with nested calls.
    let limit = limit.min(10_000) as usize;
    vm.rt
        .recursion_limit
        .store(limit, std::sync::atomic::Ordering::Relaxed);
    Ok(Value::None)
}

pub fn sys_exit(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let args = match args.positional.first() {
        None => Vec::new(),
        Some(value) => vec![value.clone()],
    };
    Err(PyErr(new_exception(
        &types::exception_class(ExcType::SystemExit),
        args,
    )))
}

pub(super) fn sys_exc_info(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(match vm.current_exception() {
        Some(error) => new_tuple(vec![
            Value::Obj(types::type_of(error)),
            error.clone(),
            Value::None,
        ]),
        None => new_tuple(vec![Value::None, Value::None, Value::None]),
    })
}

/// The field names of `sys.version_info`, in tuple order.
pub const VERSION_INFO_FIELDS: [&str; 5] = ["major", "minor", "micro", "releaselevel", "serial"];

/// `sys.version_info`: a tuple, recognised by identity for its named fields and repr.
pub fn version_info() -> &'static Value {
    static VERSION_INFO: OnceLock<Value> = OnceLock::new();
    VERSION_INFO.get_or_init(|| {
        new_tuple(vec![
            Value::Int(3),
            Value::Int(12),
            Value::Int(1),
            Value::str("final"),
            Value::Int(0),
        ])
    })
}

/// Whether `obj` is the `sys.version_info` object.
pub fn is_version_info(obj: &Arc<Obj>) -> bool {
    version_info().as_obj().is_some_and(|v| Arc::ptr_eq(v, obj))
}
