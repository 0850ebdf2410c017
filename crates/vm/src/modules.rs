//! The standard modules threadplay provides now: `time`, `math`, `random` and `sys`
//! (`threading`, `queue`, `concurrent.futures` and `asyncio` join them, written in Python),
//! plus the glue between `%`-formatting and VM values. Sleeping and the clocks of
//! `time` go through the run's thread driver (`scheduler::ThreadDriver`); nothing here
//! blocks on its own or asks which scheduler runs it.

use super::builtins::{index_arg, new_list, new_tuple};
use super::format::{self, FormatError, PercentArgs, PercentValue};
use super::interp::{exc, exception_data, new_exception, Vm};
use super::ops::{self, as_int_like, to_f64};
use super::types::{self, type_name};
use super::value::*;
use super::{PyErr, PyResult};
use crate::types::ExcType;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use std::cell::RefCell;
use std::sync::{Arc, Mutex, OnceLock};

fn function(name: &'static str, func: BuiltinFn) -> Value {
    Value::obj(Payload::Builtin(Builtin {
        name,
        func,
        bound: None,
        owner: None,
    }))
}

fn module(name: &str, entries: Vec<(&'static str, Value)>) -> Value {
    let globals = Arc::new(Globals {
        name: name.into(),
        vars: Mutex::new(
            entries
                .into_iter()
                .map(|(k, v)| (Name::from(k), v))
                .collect(),
        ),
    });
    lock(&globals.vars).insert("__name__".into(), Value::str(name));
    Value::obj(Payload::Module(Module {
        name: name.into(),
        globals,
    }))
}

type Name = Arc<str>;

/// Builds a module on first import.
pub fn create(vm: &mut Vm, name: &str) -> PyResult<Value> {
    Ok(match name {
        "time" => module(
            "time",
            vec![
                ("sleep", function("sleep", time_sleep)),
                ("perf_counter", function("perf_counter", time_monotonic)),
                ("monotonic", function("monotonic", time_monotonic)),
                ("time", function("time", time_time)),
                (
                    "perf_counter_ns",
                    function("perf_counter_ns", time_monotonic_ns),
                ),
                ("monotonic_ns", function("monotonic_ns", time_monotonic_ns)),
                ("time_ns", function("time_ns", time_time_ns)),
            ],
        ),
        "math" => math_module(),
        "random" => random_module(),
        "_thread" => super::threads::module(),
        "threading" => python_module(vm, "threading", include_str!("threading.py"))?,
        "queue" => python_module(vm, "queue", include_str!("queue.py"))?,
        "asyncio" => python_module(vm, "asyncio", include_str!("asyncio.py"))?,
        "concurrent" => module("concurrent", Vec::new()),
        "concurrent.futures" => {
            let futures = python_module(vm, "concurrent.futures", include_str!("futures.py"))?;
            // `import concurrent.futures` binds `concurrent`, whose attribute is the package.
            let parent = vm.import("concurrent")?;
            vm.set_attr(&parent, &Arc::from("futures"), futures.clone())?;
            futures
        }
        "sys" => {
            let stdout = Value::obj(Payload::Native(Box::new(Stream { is_stderr: false })));
            let stderr = Value::obj(Payload::Native(Box::new(Stream { is_stderr: true })));
            module(
                "sys",
                vec![
                    (
                        "getswitchinterval",
                        function("getswitchinterval", sys_getswitchinterval),
                    ),
                    (
                        "setswitchinterval",
                        function("setswitchinterval", sys_setswitchinterval),
                    ),
                    (
                        "getrecursionlimit",
                        function("getrecursionlimit", sys_getrecursionlimit),
                    ),
                    (
                        "setrecursionlimit",
                        function("setrecursionlimit", sys_setrecursionlimit),
                    ),
                    ("exit", function("exit", sys_exit)),
                    ("exc_info", function("exc_info", sys_exc_info)),
                    ("version_info", version_info().clone()),
                    ("version", Value::str("3.12.1 (threadplay)")),
                    ("maxsize", Value::Int(i64::MAX)),
                    ("platform", Value::str("threadplay")),
                    ("implementation", Value::str("threadplay")),
                    ("argv", new_list(vec![Value::str("main.py")])),
                    ("stdout", stdout),
                    ("stderr", stderr),
                ],
            )
        }
        _ => {
            let _ = vm;
            return Err(exc(
                ExcType::ModuleNotFoundError,
                format!("No module named '{name}'"),
            ));
        }
    })
}

/// Replaces each `#@line N` marker line with blank lines so the next line is line N.
fn pad_to_line_markers(source: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for line in source.lines() {
        match line
            .trim()
            .strip_prefix("#@line ")
            .and_then(|n| n.trim().parse::<usize>().ok())
        {
            Some(target) => {
                while out.len() + 1 < target {
                    out.push("");
                }
            }
            None => out.push(line),
        }
    }
    out.join("\n")
}

/// A module written in Python (shipped inside the binary), compiled and run on import.
fn python_module(vm: &mut Vm, name: &str, source: &str) -> PyResult<Value> {
    // Tracebacks through these modules name the file as CPython names its own module
    // (`threading.py`), and `#@line N` markers pad the source so the lines a learner
    // sees in a thread's traceback carry CPython's line numbers.
    let filename = format!("{}.py", name.rsplit('.').next().unwrap_or(name));
    let source = &pad_to_line_markers(source);
    let code = crate::code::compile_module(source, &filename).map_err(|error| {
        exc(
            ExcType::ImportError,
            format!("the built-in module {name} failed to compile: {error}"),
        )
    })?;
    lock(&vm.rt.sources).insert(
        filename,
        Arc::new(source.lines().map(str::to_string).collect()),
    );
    let globals = Arc::new(Globals {
        name: name.into(),
        vars: Mutex::new(AttrMap::new()),
    });
    lock(&globals.vars).insert("__name__".into(), Value::str(name));
    let module = Value::obj(Payload::Module(Module {
        name: name.into(),
        globals: globals.clone(),
    }));
    // Registered before running, so imports inside the module see it (as CPython does).
    lock(&vm.rt.modules).insert(name.to_string(), module.clone());
    vm.run_module(code, globals)?;
    Ok(module)
}

// ---------------------------------------------------------------------- sys streams

struct Stream {
    is_stderr: bool,
}

impl NativeObject for Stream {
    fn type_name(&self) -> &'static str {
        "_io.TextIOWrapper"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn stream_write(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let text = match args.positional.get(1) {
        Some(Value::Str(s)) => s.clone(),
        Some(other) => {
            return Err(exc(
                ExcType::TypeError,
                format!("write() argument must be str, not {}", type_name(other)),
            ))
        }
        None => {
            return Err(exc(
                ExcType::TypeError,
                "write() takes exactly one argument (0 given)",
            ))
        }
    };
    let is_stderr = matches!(args.positional[0].payload(), Some(Payload::Native(n)) if n.as_any().downcast_ref::<Stream>().is_some_and(|s| s.is_stderr));
    vm.write_output(is_stderr, &text);
    Ok(Value::Int(text.chars().count() as i64))
}

fn stream_flush(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::None)
}

/// Attributes of Rust-implemented objects.
pub fn native_attribute(
    vm: &mut Vm,
    object: &Value,
    native: &dyn NativeObject,
    name: &str,
) -> PyResult<Option<Value>> {
    let _ = vm;
    if super::threads::is_lock(native) {
        return Ok(super::threads::lock_attribute(object, name));
    }
    if native.as_any().downcast_ref::<RandomInstance>().is_some() {
        return Ok(random_method(object, name));
    }
    if native.as_any().downcast_ref::<Stream>().is_some() {
        let func: BuiltinFn = match name {
            "write" => stream_write,
            "flush" => stream_flush,
            _ => return Ok(None),
        };
        return Ok(Some(Value::obj(Payload::BoundMethod(
            object.clone(),
            function(if name == "write" { "write" } else { "flush" }, func),
        ))));
    }
    Ok(None)
}

pub fn native_len(_vm: &mut Vm, _value: &Value) -> PyResult<Option<usize>> {
    Ok(None)
}

/// `print(..., file=f)`.
pub fn write_to_file(vm: &mut Vm, file: &Value, text: &str) -> PyResult<()> {
    let write = vm.get_attr(file, &Arc::from("write"))?;
    vm.call1(write, Value::str(text))?;
    Ok(())
}

// ---------------------------------------------------------------------- time

fn seconds_arg(value: &Value, what: &str) -> PyResult<f64> {
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

fn time_sleep(vm: &mut Vm, args: Args) -> PyResult<Value> {
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
fn monotonic_now(vm: &Vm) -> f64 {
    vm.rt.driver.monotonic(vm)
}

/// `time.time()`: the run driver's clock (the host's, or the virtual one).
fn wall_now(vm: &Vm) -> f64 {
    vm.rt.driver.wall_clock(vm)
}

fn time_monotonic(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Float(monotonic_now(vm)))
}

fn time_monotonic_ns(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int((monotonic_now(vm) * 1e9) as i64))
}

fn time_time(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Float(wall_now(vm)))
}

fn time_time_ns(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int((wall_now(vm) * 1e9) as i64))
}

// ---------------------------------------------------------------------- math

fn math_module() -> Value {
    let mut entries: Vec<(&'static str, Value)> = vec![
        ("pi", Value::Float(std::f64::consts::PI)),
        ("e", Value::Float(std::f64::consts::E)),
        ("tau", Value::Float(std::f64::consts::TAU)),
        ("inf", Value::Float(f64::INFINITY)),
        ("nan", Value::Float(f64::NAN)),
    ];
    let functions: &[(&'static str, BuiltinFn)] = &[
        ("sqrt", m_sqrt),
        ("floor", m_floor),
        ("ceil", m_ceil),
        ("trunc", m_trunc),
        ("fabs", m_fabs),
        ("exp", m_exp),
        ("log", m_log),
        ("log2", m_log2),
        ("log10", m_log10),
        ("sin", m_sin),
        ("cos", m_cos),
        ("tan", m_tan),
        ("asin", m_asin),
        ("acos", m_acos),
        ("atan", m_atan),
        ("atan2", m_atan2),
        ("hypot", m_hypot),
        ("pow", m_pow),
        ("degrees", m_degrees),
        ("radians", m_radians),
        ("isclose", m_isclose),
        ("isnan", m_isnan),
        ("isinf", m_isinf),
        ("isfinite", m_isfinite),
        ("copysign", m_copysign),
        ("gcd", m_gcd),
        ("lcm", m_lcm),
        ("factorial", m_factorial),
        ("isqrt", m_isqrt),
        ("prod", m_prod),
        ("fsum", m_fsum),
        ("comb", m_comb),
        ("perm", m_perm),
        ("fmod", m_fmod),
        ("modf", m_modf),
        ("dist", m_dist),
    ];
    for (name, func) in functions {
        entries.push((name, function(name, *func)));
    }
    module("math", entries)
}

fn float_of(value: &Value) -> PyResult<f64> {
    match value {
        Value::BigInt(b) => b
            .to_f64()
            .filter(|x| x.is_finite())
            .ok_or_else(|| exc(ExcType::OverflowError, "int too large to convert to float")),
        _ => to_f64(value).ok_or_else(|| {
            exc(
                ExcType::TypeError,
                format!("must be real number, not {}", type_name(value)),
            )
        }),
    }
}

fn one_float(args: &Args, name: &str) -> PyResult<f64> {
    if args.positional.len() != 1 {
        return Err(exc(
            ExcType::TypeError,
            format!(
                "math.{name}() takes exactly one argument ({} given)",
                args.positional.len()
            ),
        ));
    }
    float_of(&args.positional[0])
}

fn domain() -> PyErr {
    exc(ExcType::ValueError, "math domain error")
}

fn checked(result: f64, input_finite: bool) -> PyResult<Value> {
    if result.is_nan() && input_finite {
        return Err(domain());
    }
    if result.is_infinite() && input_finite {
        return Err(exc(ExcType::OverflowError, "math range error"));
    }
    Ok(Value::Float(result))
}

macro_rules! unary_math {
    ($name:ident, $py:literal, $f:expr) => {
        fn $name(_vm: &mut Vm, args: Args) -> PyResult<Value> {
            let x = one_float(&args, $py)?;
            let f: fn(f64) -> f64 = $f;
            checked(f(x), x.is_finite())
        }
    };
}

unary_math!(m_exp, "exp", f64::exp);
unary_math!(m_sin, "sin", f64::sin);
unary_math!(m_cos, "cos", f64::cos);
unary_math!(m_tan, "tan", f64::tan);
unary_math!(m_atan, "atan", f64::atan);
unary_math!(m_fabs, "fabs", f64::abs);
unary_math!(m_degrees, "degrees", f64::to_degrees);
unary_math!(m_radians, "radians", f64::to_radians);

fn m_sqrt(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = one_float(&args, "sqrt")?;
    if x < 0.0 {
        return Err(domain());
    }
    Ok(Value::Float(x.sqrt()))
}

fn m_asin(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = one_float(&args, "asin")?;
    if !(-1.0..=1.0).contains(&x) {
        return Err(domain());
    }
    Ok(Value::Float(x.asin()))
}

fn m_acos(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = one_float(&args, "acos")?;
    if !(-1.0..=1.0).contains(&x) {
        return Err(domain());
    }
    Ok(Value::Float(x.acos()))
}

fn log_of(value: &Value) -> PyResult<f64> {
    if let Value::BigInt(b) = value {
        if b.is_positive() {
            // ln(b) = ln(b / 2^k) + k ln 2, for ints beyond float range.
            let shift = b.bits().saturating_sub(60);
            let top = (&**b >> shift).to_f64().unwrap_or(1.0);
            return Ok(top.ln() + shift as f64 * std::f64::consts::LN_2);
        }
        return Err(domain());
    }
    let x = float_of(value)?;
    if x <= 0.0 {
        return Err(domain());
    }
    Ok(x.ln())
}

fn m_log(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    match args.positional.as_slice() {
        [x] => Ok(Value::Float(log_of(x)?)),
        [x, base] => {
            let denominator = log_of(base)?;
            if denominator == 0.0 {
                return Err(exc(ExcType::ZeroDivisionError, "float division by zero"));
            }
            Ok(Value::Float(log_of(x)? / denominator))
        }
        _ => Err(exc(ExcType::TypeError, "log expected 1 or 2 arguments")),
    }
}

fn m_log2(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(x) = args.positional.first() else {
        return Err(exc(
            ExcType::TypeError,
            "math.log2() takes exactly one argument (0 given)",
        ));
    };
    if let Some(i) = as_int_like(x) {
        if i.is_positive() && (&i & (&i - 1u32)).is_zero() {
            return Ok(Value::Float((i.bits() - 1) as f64));
        }
    }
    let f = float_of(x).ok();
    match f {
        Some(f) if f > 0.0 => Ok(Value::Float(f.log2())),
        _ => Ok(Value::Float(log_of(x)? / std::f64::consts::LN_2)),
    }
}

fn m_log10(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(x) = args.positional.first() else {
        return Err(exc(
            ExcType::TypeError,
            "math.log10() takes exactly one argument (0 given)",
        ));
    };
    match float_of(x).ok() {
        Some(f) if f > 0.0 => Ok(Value::Float(f.log10())),
        _ => Ok(Value::Float(log_of(x)? / std::f64::consts::LN_10)),
    }
}

fn int_result(x: f64, name: &str) -> PyResult<Value> {
    if x.is_nan() {
        return Err(exc(
            ExcType::ValueError,
            "cannot convert float NaN to integer",
        ));
    }
    if x.is_infinite() {
        return Err(exc(
            ExcType::OverflowError,
            "cannot convert float infinity to integer",
        ));
    }
    let _ = name;
    if x.abs() < 9.0e18 {
        Ok(Value::Int(x as i64))
    } else {
        Ok(Value::int_from_big(
            format!("{x:.0}").parse::<BigInt>().unwrap_or_default(),
        ))
    }
}

fn m_floor(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    if let [v @ (Value::Int(_) | Value::BigInt(_) | Value::Bool(_))] = args.positional.as_slice() {
        return Ok(Value::int_from_big(as_int_like(v).unwrap_or_default()));
    }
    int_result(one_float(&args, "floor")?.floor(), "floor")
}

fn m_ceil(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    if let [v @ (Value::Int(_) | Value::BigInt(_) | Value::Bool(_))] = args.positional.as_slice() {
        return Ok(Value::int_from_big(as_int_like(v).unwrap_or_default()));
    }
    int_result(one_float(&args, "ceil")?.ceil(), "ceil")
}

fn m_trunc(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    if let [v @ (Value::Int(_) | Value::BigInt(_) | Value::Bool(_))] = args.positional.as_slice() {
        return Ok(Value::int_from_big(as_int_like(v).unwrap_or_default()));
    }
    int_result(one_float(&args, "trunc")?.trunc(), "trunc")
}

fn two_floats(args: &Args, name: &str) -> PyResult<(f64, f64)> {
    if args.positional.len() != 2 {
        return Err(exc(
            ExcType::TypeError,
            format!("{name} expected 2 arguments, got {}", args.positional.len()),
        ));
    }
    Ok((
        float_of(&args.positional[0])?,
        float_of(&args.positional[1])?,
    ))
}

fn m_atan2(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (y, x) = two_floats(&args, "atan2")?;
    Ok(Value::Float(y.atan2(x)))
}

fn m_hypot(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut total: f64 = 0.0;
    for value in &args.positional {
        let x = float_of(value)?;
        total = total.hypot(x);
    }
    Ok(Value::Float(total))
}

fn m_dist(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.positional.len() != 2 {
        return Err(exc(ExcType::TypeError, "dist expected 2 arguments"));
    }
    let p = vm.collect(&args.positional[0])?;
    let q = vm.collect(&args.positional[1])?;
    if p.len() != q.len() {
        return Err(exc(
            ExcType::ValueError,
            "both points must have the same number of dimensions",
        ));
    }
    let mut total: f64 = 0.0;
    for (a, b) in p.iter().zip(&q) {
        total = total.hypot(float_of(a)? - float_of(b)?);
    }
    Ok(Value::Float(total))
}

fn m_pow(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two_floats(&args, "pow")?;
    if x == 0.0 && y < 0.0 {
        return Err(domain());
    }
    if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
        return Err(domain());
    }
    checked(x.powf(y), x.is_finite() && y.is_finite())
}

fn m_fmod(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two_floats(&args, "fmod")?;
    if y == 0.0 || x.is_infinite() {
        return Err(domain());
    }
    Ok(Value::Float(x % y))
}

fn m_modf(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = one_float(&args, "modf")?;
    Ok(new_tuple(vec![
        Value::Float(x.fract()),
        Value::Float(x.trunc()),
    ]))
}

fn m_copysign(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two_floats(&args, "copysign")?;
    Ok(Value::Float(x.copysign(y)))
}

fn m_isclose(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.positional.len() != 2 {
        return Err(exc(
            ExcType::TypeError,
            "isclose() takes exactly 2 positional arguments",
        ));
    }
    let a = float_of(&args.positional[0])?;
    let b = float_of(&args.positional[1])?;
    let get = |name: &str, default: f64| -> PyResult<f64> {
        match args.keywords.iter().find(|(k, _)| &**k == name) {
            Some((_, v)) => float_of(v),
            None => Ok(default),
        }
    };
    let rel = get("rel_tol", 1e-9)?;
    let abs = get("abs_tol", 0.0)?;
    if rel < 0.0 || abs < 0.0 {
        return Err(exc(ExcType::ValueError, "tolerances must be non-negative"));
    }
    if a == b {
        return Ok(Value::Bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (a - b).abs();
    Ok(Value::Bool(
        diff <= (rel * b).abs() || diff <= (rel * a).abs() || diff <= abs,
    ))
}

fn m_isnan(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(one_float(&args, "isnan")?.is_nan()))
}

fn m_isinf(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(one_float(&args, "isinf")?.is_infinite()))
}

fn m_isfinite(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(one_float(&args, "isfinite")?.is_finite()))
}

fn int_arg(value: &Value) -> PyResult<BigInt> {
    as_int_like(value).ok_or_else(|| {
        exc(
            ExcType::TypeError,
            format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(value)
            ),
        )
    })
}

fn m_gcd(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut result = BigInt::zero();
    for value in &args.positional {
        result = num_integer::Integer::gcd(&result, &int_arg(value)?);
    }
    Ok(Value::int_from_big(result))
}

fn m_lcm(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut result = BigInt::from(1);
    for value in &args.positional {
        result = num_integer::Integer::lcm(&result, &int_arg(value)?);
    }
    Ok(Value::int_from_big(result))
}

fn m_factorial(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(value) = args.positional.first() else {
        return Err(exc(
            ExcType::TypeError,
            "math.factorial() takes exactly one argument (0 given)",
        ));
    };
    if let Value::Float(_) = value {
        return Err(exc(
            ExcType::TypeError,
            "'float' object cannot be interpreted as an integer",
        ));
    }
    let n = int_arg(value)?;
    if n.is_negative() {
        return Err(exc(
            ExcType::ValueError,
            "factorial() not defined for negative values",
        ));
    }
    let n = n.to_u64().filter(|n| *n <= 100_000).ok_or_else(|| {
        exc(
            ExcType::OverflowError,
            "factorial() argument should not exceed 100000 in threadplay",
        )
    })?;
    let mut result = BigInt::from(1);
    for i in 2..=n {
        result *= i;
    }
    Ok(Value::int_from_big(result))
}

fn m_isqrt(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(value) = args.positional.first() else {
        return Err(exc(
            ExcType::TypeError,
            "math.isqrt() takes exactly one argument (0 given)",
        ));
    };
    let n = int_arg(value)?;
    if n.is_negative() {
        return Err(exc(
            ExcType::ValueError,
            "isqrt() argument must be nonnegative",
        ));
    }
    Ok(Value::int_from_big(num_integer::Roots::sqrt(&n)))
}

fn m_prod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(iterable) = args.positional.first() else {
        return Err(exc(
            ExcType::TypeError,
            "prod() missing required argument 'iterable' (pos 1)",
        ));
    };
    let mut total = args
        .keywords
        .iter()
        .find(|(k, _)| &**k == "start")
        .map(|(_, v)| v.clone())
        .unwrap_or(Value::Int(1));
    for item in vm.collect(iterable)? {
        total = ops::binary(vm, bytecode::BinOp::Mult, &total, &item, false)?;
    }
    Ok(total)
}

fn m_fsum(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(iterable) = args.positional.first() else {
        return Err(exc(
            ExcType::TypeError,
            "math.fsum() takes exactly one argument (0 given)",
        ));
    };
    // Shewchuk's exact summation, as CPython does.
    let mut partials: Vec<f64> = Vec::new();
    for item in vm.collect(iterable)? {
        let mut x = float_of(&item)?;
        let mut kept = 0;
        for index in 0..partials.len() {
            let mut y = partials[index];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let high = x + y;
            let low = y - (high - x);
            if low != 0.0 {
                partials[kept] = low;
                kept += 1;
            }
            x = high;
        }
        partials.truncate(kept);
        partials.push(x);
    }
    let mut total = 0.0;
    if let Some(mut high) = partials.pop() {
        let mut low = 0.0;
        while let Some(next) = partials.pop() {
            let x = high;
            let y = next;
            high = x + y;
            let y_rounded = high - x;
            low = y - y_rounded;
            if low != 0.0 {
                break;
            }
        }
        if let Some(&last) = partials.last() {
            if (low < 0.0 && last < 0.0) || (low > 0.0 && last > 0.0) {
                let y = low * 2.0;
                let x = high + y;
                if y == x - high {
                    high = x;
                }
            }
        }
        total = high;
    }
    Ok(Value::Float(total))
}

fn comb_perm(args: &Args, name: &str) -> PyResult<(BigInt, Option<BigInt>)> {
    let n = int_arg(args.positional.first().ok_or_else(|| {
        exc(
            ExcType::TypeError,
            format!("{name} expected at least 1 argument"),
        )
    })?)?;
    let k = match args.positional.get(1) {
        Some(Value::None) | None => None,
        Some(k) => Some(int_arg(k)?),
    };
    if n.is_negative() {
        return Err(exc(ExcType::ValueError, "n must be a non-negative integer"));
    }
    if k.as_ref().is_some_and(|k| k.is_negative()) {
        return Err(exc(ExcType::ValueError, "k must be a non-negative integer"));
    }
    Ok((n, k))
}

fn m_comb(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (n, k) = comb_perm(&args, "comb")?;
    let k = k.ok_or_else(|| exc(ExcType::TypeError, "comb expected 2 arguments, got 1"))?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = std::cmp::min(k.clone(), &n - &k).to_u64().unwrap_or(0);
    let mut result = BigInt::from(1);
    for i in 0..k {
        result = result * (&n - i) / (i + 1);
    }
    Ok(Value::int_from_big(result))
}

fn m_perm(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (n, k) = comb_perm(&args, "perm")?;
    let k = k.unwrap_or_else(|| n.clone());
    if k > n {
        return Ok(Value::Int(0));
    }
    let mut result = BigInt::from(1);
    for i in 0..k.to_u64().unwrap_or(0) {
        result *= &n - i;
    }
    Ok(Value::int_from_big(result))
}

// ---------------------------------------------------------------------- random

/// `random.Random(seed)`: an independent generator with the module functions as methods.
struct RandomInstance(Mutex<super::pyrandom::MersenneTwister>);

impl NativeObject for RandomInstance {
    fn type_name(&self) -> &'static str {
        "Random"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The functions of the `random` module, which are also the methods of `Random`.
const RANDOM_FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("seed", random_seed),
    ("random", random_random),
    ("randint", random_randint),
    ("randrange", random_randrange),
    ("choice", random_choice),
    ("shuffle", random_shuffle),
    ("sample", random_sample),
    ("uniform", random_uniform),
    ("gauss", random_gauss),
    ("getstate", random_getstate),
    ("setstate", random_setstate),
    ("normalvariate", random_normalvariate),
    ("expovariate", random_expovariate),
    ("triangular", random_triangular),
    ("getrandbits", random_getrandbits),
    ("choices", random_choices),
];

/// Every random function is bound: to `None` at module level (the run's shared
/// generator), or to a `Random` instance. Splits that receiver off the arguments.
fn split_receiver(mut args: Args) -> (Value, Args) {
    let receiver = if args.positional.is_empty() {
        Value::None
    } else {
        args.positional.remove(0)
    };
    (receiver, args)
}

/// The generator a random function uses: the instance's own, or the module's.
fn rng<'a>(
    rt: &'a super::interp::Runtime,
    receiver: &'a Value,
) -> std::sync::MutexGuard<'a, super::pyrandom::MersenneTwister> {
    if let Some(Payload::Native(native)) = receiver.payload() {
        if let Some(instance) = native.as_any().downcast_ref::<RandomInstance>() {
            return lock(&instance.0);
        }
    }
    lock(&rt.random)
}

fn random_module() -> Value {
    let mut entries: Vec<(&'static str, Value)> = RANDOM_FUNCTIONS
        .iter()
        .map(|(name, func)| {
            (
                *name,
                Value::obj(Payload::Builtin(Builtin {
                    name,
                    func: *func,
                    bound: Some(Value::None),
                    owner: None,
                })),
            )
        })
        .collect();
    entries.push(("Random", function("Random", random_new_instance)));
    module("random", entries)
}

/// `random.Random(seed=None)`.
fn random_new_instance(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let entropy = (vm.rt.host.wall_clock() * 1e9) as u64;
    let instance = Value::obj(Payload::Native(Box::new(RandomInstance(Mutex::new(
        super::pyrandom::MersenneTwister::from_entropy(entropy),
    )))));
    let mut seed_args = Args::new(vec![instance.clone()]);
    seed_args
        .positional
        .extend(args.positional.into_iter().take(1));
    random_seed(vm, seed_args)?;
    Ok(instance)
}

/// A method of a `Random` instance.
fn random_method(object: &Value, name: &str) -> Option<Value> {
    let (name, func) = RANDOM_FUNCTIONS.iter().find(|(n, _)| *n == name)?;
    Some(Value::obj(Payload::Builtin(Builtin {
        name,
        func: *func,
        bound: Some(object.clone()),
        owner: None,
    })))
}

fn random_error(error: super::pyrandom::RandomError) -> PyErr {
    let (kind, message) = error.into_parts();
    exc(kind, message)
}

fn random_seed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    let mut generator = rng(&vm.rt, &receiver);
    match args.positional.first() {
        None | Some(Value::None) => {
            let entropy = (vm.rt.host.wall_clock() * 1e9) as u64;
            generator.seed_entropy(entropy);
        }
        Some(Value::Str(s)) => generator.seed_str(s),
        Some(Value::Float(x)) => generator.seed_float(*x),
        Some(value) => match as_int_like(value) {
            Some(n) => generator.seed_int(&n),
            None => return Err(exc(
                ExcType::TypeError,
                "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
            )),
        },
    }
    Ok(Value::None)
}

fn random_random(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, _args) = split_receiver(args);
    let value = rng(&vm.rt, &receiver).random();
    Ok(Value::Float(value))
}

fn random_randint(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    if args.positional.len() != 2 {
        return Err(exc(
            ExcType::TypeError,
            format!(
                "Random.randint() missing {} required positional argument",
                2 - args.positional.len().min(2)
            ),
        ));
    }
    let a = int_arg(&args.positional[0])?;
    let b = int_arg(&args.positional[1])?;
    let result = rng(&vm.rt, &receiver)
        .randint(&a, &b)
        .map_err(random_error)?;
    Ok(Value::int_from_big(result))
}

fn random_randrange(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    let ints: Vec<BigInt> = args
        .positional
        .iter()
        .map(int_arg)
        .collect::<PyResult<_>>()?;
    let result = match ints.as_slice() {
        [stop] => rng(&vm.rt, &receiver).randrange(stop, None, None),
        [start, stop] => rng(&vm.rt, &receiver).randrange(start, Some(stop), None),
        [start, stop, step] => rng(&vm.rt, &receiver).randrange(start, Some(stop), Some(step)),
        _ => {
            return Err(exc(
                ExcType::TypeError,
                "randrange expected 1 to 3 arguments",
            ))
        }
    }
    .map_err(random_error)?;
    Ok(Value::int_from_big(result))
}

fn random_choice(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    let Some(seq) = args.positional.first() else {
        return Err(exc(
            ExcType::TypeError,
            "Random.choice() missing 1 required positional argument: 'seq'",
        ));
    };
    let len = super::builtins::length(vm, seq)?;
    let index = rng(&vm.rt, &receiver)
        .choice_index(len)
        .map_err(random_error)?;
    ops::get_item(vm, seq, &Value::Int(index as i64))
}

fn random_shuffle(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    let Some(Payload::List(items)) = args.positional.first().and_then(|v| v.payload()) else {
        return Err(exc(ExcType::TypeError, "shuffle() needs a list"));
    };
    let mut snapshot = lock(items).clone();
    rng(&vm.rt, &receiver).shuffle(&mut snapshot);
    *lock(items) = snapshot;
    Ok(Value::None)
}

fn random_sample(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    if args.positional.len() != 2 {
        return Err(exc(
            ExcType::TypeError,
            "sample() expects a population and k",
        ));
    }
    let population = vm.collect(&args.positional[0])?;
    let k = int_arg(&args.positional[1])?;
    let indices = rng(&vm.rt, &receiver)
        .sample_indices(population.len(), &k)
        .map_err(random_error)?;
    Ok(new_list(
        indices.into_iter().map(|i| population[i].clone()).collect(),
    ))
}

fn random_choices(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    let Some(population) = args.positional.first() else {
        return Err(exc(ExcType::TypeError, "choices() missing population"));
    };
    let population = vm.collect(population)?;
    let k = match args.keywords.iter().find(|(key, _)| &**key == "k") {
        Some((_, v)) => index_arg(v)?,
        None => 1,
    };
    let keyword = |name: &str| {
        args.keywords
            .iter()
            .find(|(key, _)| &**key == name)
            .map(|(_, v)| v.clone())
    };
    let cumulative = match (keyword("weights"), keyword("cum_weights")) {
        (Some(_), Some(_)) => {
            return Err(exc(
                ExcType::TypeError,
                "Cannot specify both weights and cumulative weights",
            ))
        }
        (Some(weights), None) => {
            let mut running = 0.0;
            let mut totals = Vec::new();
            for weight in vm.collect(&weights)? {
                running += float_of(&weight)?;
                totals.push(running);
            }
            Some(totals)
        }
        (None, Some(cum)) => Some(
            vm.collect(&cum)?
                .iter()
                .map(float_of)
                .collect::<PyResult<Vec<f64>>>()?,
        ),
        (None, None) => None,
    };
    let indices = match cumulative {
        Some(totals) => {
            if totals.len() != population.len() {
                return Err(exc(
                    ExcType::ValueError,
                    "The number of weights does not match the population",
                ));
            }
            rng(&vm.rt, &receiver)
                .choices_cum_weights(&totals, k)
                .map_err(random_error)?
        }
        None => rng(&vm.rt, &receiver)
            .choices_indices(population.len(), k)
            .map_err(random_error)?,
    };
    Ok(new_list(
        indices.into_iter().map(|i| population[i].clone()).collect(),
    ))
}

fn random_uniform(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    if args.positional.len() != 2 {
        return Err(exc(ExcType::TypeError, "uniform() expects 2 arguments"));
    }
    let a = float_of(&args.positional[0])?;
    let b = float_of(&args.positional[1])?;
    let value = rng(&vm.rt, &receiver).uniform(a, b);
    Ok(Value::Float(value))
}

/// The float argument at `index`, or `default` when it was left out.
fn float_arg_or(args: &Args, index: usize, default: f64) -> PyResult<f64> {
    args.positional
        .get(index)
        .map(float_of)
        .transpose()
        .map(|v| v.unwrap_or(default))
}

fn random_gauss(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    let mu = float_arg_or(&args, 0, 0.0)?;
    let sigma = float_arg_or(&args, 1, 1.0)?;
    let value = rng(&vm.rt, &receiver).gauss(mu, sigma);
    Ok(Value::Float(value))
}

fn random_normalvariate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    let mu = float_arg_or(&args, 0, 0.0)?;
    let sigma = float_arg_or(&args, 1, 1.0)?;
    let value = rng(&vm.rt, &receiver).normalvariate(mu, sigma);
    Ok(Value::Float(value))
}

fn random_expovariate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    let lambd = float_arg_or(&args, 0, 1.0)?;
    let result = rng(&vm.rt, &receiver)
        .expovariate(lambd)
        .map_err(random_error)?;
    Ok(Value::Float(result))
}

fn random_triangular(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    let low = float_arg_or(&args, 0, 0.0)?;
    let high = float_arg_or(&args, 1, 1.0)?;
    let mode = match args.positional.get(2) {
        None | Some(Value::None) => None,
        Some(m) => Some(float_of(m)?),
    };
    let value = rng(&vm.rt, &receiver).triangular(low, high, mode);
    Ok(Value::Float(value))
}

/// `random.getstate()`: an opaque snapshot of the generator.
struct RandomState(super::pyrandom::MersenneTwister);

impl NativeObject for RandomState {
    fn type_name(&self) -> &'static str {
        "tuple"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn random_getstate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, _args) = split_receiver(args);
    let snapshot = rng(&vm.rt, &receiver).clone();
    Ok(Value::obj(Payload::Native(Box::new(RandomState(snapshot)))))
}

fn random_setstate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    match args.positional.first().and_then(|v| v.payload()) {
        Some(Payload::Native(native)) => match native.as_any().downcast_ref::<RandomState>() {
            Some(RandomState(snapshot)) => {
                *rng(&vm.rt, &receiver) = snapshot.clone();
                Ok(Value::None)
            }
            None => Err(exc(ExcType::TypeError, "state vector must be a tuple")),
        },
        _ => Err(exc(ExcType::TypeError, "state vector must be a tuple")),
    }
}

fn random_getrandbits(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    let k = args
        .positional
        .first()
        .map(index_arg)
        .transpose()?
        .unwrap_or(0);
    let result = rng(&vm.rt, &receiver)
        .getrandbits(k)
        .map_err(random_error)?;
    Ok(Value::int_from_big(result))
}

// ---------------------------------------------------------------------- sys

fn sys_getswitchinterval(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Float(*lock(&vm.rt.switch_interval)))
}

fn sys_setswitchinterval(vm: &mut Vm, args: Args) -> PyResult<Value> {
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

fn sys_getrecursionlimit(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int(
        vm.rt
            .recursion_limit
            .load(std::sync::atomic::Ordering::Relaxed) as i64,
    ))
}

fn sys_setrecursionlimit(vm: &mut Vm, args: Args) -> PyResult<Value> {
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

fn sys_exc_info(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(match vm.current_exception() {
        Some(error) => new_tuple(vec![
            Value::Obj(types::type_of(error)),
            error.clone(),
            Value::None,
        ]),
        None => new_tuple(vec![Value::None, Value::None, Value::None]),
    })
}

// ---------------------------------------------------------------------- % formatting

/// A VM value seen by `%`-formatting; the VM is shared by all arguments of one call.
struct PercentArg<'a, 'v> {
    vm: &'a RefCell<&'v mut Vm>,
    value: Value,
}

fn to_format_error(error: PyErr) -> FormatError {
    let name = match error.0.payload() {
        Some(Payload::Instance(instance)) => types::class_name(&instance.class).to_string(),
        _ => "ValueError".into(),
    };
    let exception = match name.as_str() {
        "TypeError" => ExcType::TypeError,
        "KeyError" => ExcType::KeyError,
        "OverflowError" => ExcType::OverflowError,
        "MemoryError" => ExcType::MemoryError,
        "IndexError" => ExcType::IndexError,
        "RecursionError" => ExcType::RecursionError,
        _ => ExcType::ValueError,
    };
    let message = exception_data(&error.0)
        .and_then(|d| lock(d).args.first().cloned())
        .map(|a| match a {
            Value::Str(s) => s.to_string(),
            other => format!("{other:?}"),
        })
        .unwrap_or_default();
    FormatError::new(exception, message)
}

impl PercentValue for PercentArg<'_, '_> {
    fn as_int(&self) -> Option<BigInt> {
        match &self.value {
            Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => as_int_like(&self.value),
            _ => None,
        }
    }
    fn as_float(&self) -> Option<f64> {
        match &self.value {
            Value::Float(x) => Some(*x),
            _ => None,
        }
    }
    fn as_str(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.to_string()),
            _ => None,
        }
    }
    fn to_str(&self) -> Result<String, FormatError> {
        let mut vm = self.vm.borrow_mut();
        vm.to_str(&self.value).map_err(to_format_error)
    }
    fn to_repr(&self) -> Result<String, FormatError> {
        let mut vm = self.vm.borrow_mut();
        vm.repr(&self.value).map_err(to_format_error)
    }
    fn type_name(&self) -> String {
        type_name(&self.value)
    }
    fn is_mapping(&self) -> bool {
        match self.value.payload() {
            Some(Payload::Dict(_)) | Some(Payload::List(_)) => true,
            Some(Payload::Instance(_)) => {
                let mut vm = self.vm.borrow_mut();
                vm.special_method(&self.value, "__getitem__").is_some()
            }
            _ => false,
        }
    }
    fn get_item(&self, key: &str) -> Result<Box<dyn PercentValue + '_>, FormatError> {
        let item = {
            let mut vm = self.vm.borrow_mut();
            ops::get_item(&mut vm, &self.value, &Value::str(key)).map_err(to_format_error)?
        };
        Ok(Box::new(PercentArg {
            vm: self.vm,
            value: item,
        }))
    }
}

pub fn percent_format(vm: &mut Vm, fmt: &str, args: &Value) -> PyResult<String> {
    let shared = RefCell::new(vm);
    let result = match args.payload() {
        Some(Payload::Tuple(items)) => {
            let wrapped: Vec<PercentArg<'_, '_>> = items
                .iter()
                .map(|value| PercentArg {
                    vm: &shared,
                    value: value.clone(),
                })
                .collect();
            let refs: Vec<&dyn PercentValue> =
                wrapped.iter().map(|w| w as &dyn PercentValue).collect();
            format::percent_format(fmt, PercentArgs::Tuple(&refs))
        }
        _ => {
            let single = PercentArg {
                vm: &shared,
                value: args.clone(),
            };
            format::percent_format(fmt, PercentArgs::Single(&single))
        }
    };
    result.map_err(|e| {
        if e.exception == ExcType::KeyError {
            PyErr(new_exception(
                &types::exception_class(ExcType::KeyError),
                vec![Value::str(e.message)],
            ))
        } else {
            exc(e.exception, e.message)
        }
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
