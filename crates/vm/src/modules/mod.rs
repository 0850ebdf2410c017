//! The standard modules threadplay provides now: `time`, `math`, `random` and `sys`
//! (`threading`, `queue`, `concurrent.futures` and `asyncio` join them, written in Python,
//! and the standard modules in `pylib/`; `_collections` is the Rust core of
//! `collections.deque`), plus the glue between `%`-formatting and VM values. Sleeping and the clocks of
//! `time` go through the run's thread driver (`scheduler::ThreadDriver`); nothing here
//! blocks on its own or asks which scheduler runs it.

use crate::builtins::{index_arg, new_list, new_tuple};
use crate::format::{self, FormatError, PercentArgs, PercentValue};
use crate::interp::{exc, exception_data, new_exception, Vm};
use crate::ops::{self, as_int_like, to_f64};
use crate::types::ExcType;
use crate::types::{self, type_name};
use crate::value::Mutex;
use crate::value::*;
use crate::{PyErr, PyResult};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

mod collections;
mod library;
mod math;
mod percent;
mod random;
mod sys;
mod time;

use math::*;
pub use percent::*;
use random::*;
pub use sys::*;
use time::*;

pub use library::library_modules;
#[cfg(target_arch = "wasm32")]
pub use library::set_library_fetcher;

fn function(name: &'static str, func: BuiltinFn) -> Value {
    Value::obj(Payload::Builtin(Builtin {
        name,
        func,
        bound: None,
        owner: None,
        arity: None,
        direct: DirectCall::Other,
    }))
}

fn module(name: &str, entries: Vec<(&'static str, Value)>) -> Value {
    let globals = Arc::new(Globals {
        name: name.into(),
        version: Default::default(),
        vars: Mutex::new(
            entries
                .into_iter()
                .map(|(k, v)| (Name::from(k), v))
                .collect(),
        ),
    });
    globals.write().insert("__name__".into(), Value::str(name));
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
                ("thread_time", function("thread_time", time_thread_time)),
                (
                    "thread_time_ns",
                    function("thread_time_ns", time_thread_time_ns),
                ),
            ],
        ),
        "math" => math_module(),
        "random" => random_module(),
        "_thread" => crate::threads::module(),
        "_collections" => collections::module(),
        "_processes" => crate::processes::module(),
        // What `string.Formatter.parse` reads templates with (pylib/string.py).
        "_string" => module(
            "_string",
            vec![(
                "formatter_parser",
                function("formatter_parser", crate::builtins::formatter_parser),
            )],
        ),
        "threading" => python_module(vm, "threading", include_str!("../threading.py"))?,
        "queue" => python_module(vm, "queue", include_str!("../queue.py"))?,
        "concurrent" => module("concurrent", Vec::new()),
        "_asyncgen" => {
            // The awaitables of async generators: Python, with three native hooks.
            // Read from the library (fetched on first use in the page, like asyncio).
            let source = library::source(name)
                .unwrap_or_else(|| Err("_asyncgen is missing from the library's list".to_string()));
            let source = source.map_err(|error| {
                exc(
                    ExcType::ImportError,
                    format!("the built-in module {name} could not be loaded: {error}"),
                )
            })?;
            let helper = python_module(vm, name, source)?;
            use crate::builtins::generators as g;
            for (hook, func) in [
                ("_native_step", g::native_step as BuiltinFn),
                ("_native_state", g::native_state),
                ("_native_finish", g::native_finish),
            ] {
                vm.set_attr(&helper, &Name::from(hook), function(hook, func))?;
            }
            helper
        }
        "concurrent.futures" => {
            let futures = python_module(vm, "concurrent.futures", include_str!("../futures.py"))?;
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
        _ => match library::source(name) {
            Some(Ok(source)) => python_module(vm, name, source)?,
            Some(Err(error)) => {
                return Err(exc(
                    ExcType::ImportError,
                    format!("the built-in module {name} could not be loaded: {error}"),
                ))
            }
            None => {
                return Err(exc(
                    ExcType::ModuleNotFoundError,
                    format!("No module named '{name}'"),
                ))
            }
        },
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
        version: Default::default(),
        vars: Mutex::new(AttrMap::default()),
    });
    globals.write().insert("__name__".into(), Value::str(name));
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
    if crate::threads::is_lock(native) {
        return Ok(crate::threads::lock_attribute(object, name));
    }
    if let Some(method) = collections::core_attribute(object, native, name) {
        return Ok(Some(method));
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

/// `sys.stdout` when a program has replaced it with an object of its own (None while it
/// is still the console stream, or `sys` was never imported).
pub fn replaced_stdout(vm: &mut Vm) -> Option<Value> {
    let sys = lock(&vm.rt.modules).get("sys").cloned()?;
    let Some(Payload::Module(module)) = sys.payload() else {
        return None;
    };
    let stdout = lock(&module.globals.vars).get("stdout").cloned()?;
    match stdout.payload() {
        Some(Payload::Native(native)) if native.as_any().downcast_ref::<Stream>().is_some() => None,
        _ => Some(stdout),
    }
}

/// `print(..., file=f)`.
pub fn write_to_file(vm: &mut Vm, file: &Value, text: &str) -> PyResult<()> {
    let write = vm.get_attr(file, &Arc::from("write"))?;
    vm.call1(write, Value::str(text))?;
    Ok(())
}
