//! The methods and computed attributes of exceptions: `BaseException.__init__`,
//! `with_traceback`, `args`/`__cause__`/`__context__`/`__traceback__` and friends, and
//! the traceback objects (`tb_frame`, `tb_lineno`, `tb_next`) programs walk. Raising and
//! unwinding are the interpreter's; this must never change an exception's chain.

use super::new_tuple;
use crate::interp::{exception_data, Vm};
use crate::ops;
use crate::types::ExcType;
use crate::types::{self, types, MethodTables, Types};
use crate::value::Mutex;
use crate::value::*;
use crate::PyResult;
use std::sync::Arc;

fn m_exception_init(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    if let Some(data) = args.positional.first().and_then(exception_data) {
        lock(data).args = args.positional[1..].to_vec();
    }
    Ok(Value::None)
}

fn m_exception_with_traceback(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(args.positional.first().cloned().unwrap_or(Value::None))
}

/// The computed attributes of an exception instance: `args`, `__cause__`, `__context__`,
/// `__suppress_context__`, `__traceback__` (built once per traceback length), and
/// StopIteration's `value` and SystemExit's `code`.
pub(super) fn exception_attribute(
    object: &Value,
    data: &Mutex<ExceptionData>,
    name: &str,
) -> Option<Value> {
    let mut data = lock(data);
    match name {
        "args" => Some(new_tuple(data.args.clone())),
        "__cause__" => Some(data.cause.clone().unwrap_or(Value::None)),
        "__context__" => Some(data.context.clone().unwrap_or(Value::None)),
        "__suppress_context__" => Some(Value::Bool(data.suppress_context)),
        "__traceback__" => {
            let entries = data.traceback.len();
            match &data.traceback_object {
                Some((built_for, chain)) if *built_for == entries => Some(chain.clone()),
                _ => {
                    let chain = traceback_chain(&data.traceback);
                    data.traceback_object = Some((entries, chain.clone()));
                    Some(chain)
                }
            }
        }
        "value" if ops::is_exception_of(object, ExcType::StopIteration) => {
            Some(data.args.first().cloned().unwrap_or(Value::None))
        }
        "code" if ops::is_exception_of(object, ExcType::SystemExit) => {
            Some(match data.args.len() {
                0 => Value::None,
                1 => data.args[0].clone(),
                _ => new_tuple(data.args.clone()),
            })
        }
        _ => None,
    }
}

/// `exc.__traceback__`: traceback objects from the outermost frame (`tb_next` towards
/// the innermost), each with `tb_lineno` and a `tb_frame` whose `f_code` has `co_name`
/// and `co_filename`: enough to walk a traceback as programs do.
fn traceback_chain(entries: &[TracebackEntry]) -> Value {
    static CLASSES: std::sync::OnceLock<[Arc<Obj>; 3]> = std::sync::OnceLock::new();
    let [traceback, frame, code] = CLASSES.get_or_init(|| {
        ["traceback", "frame", "code"].map(|name| {
            types::new_class(
                name,
                vec![types().object.clone()],
                AttrMap::default(),
                "builtins",
                true,
            )
            .expect("a single base")
        })
    });
    let object = |class: &Arc<Obj>, fields: Vec<(&str, Value)>| {
        let dict: AttrMap = fields
            .into_iter()
            .map(|(name, value)| (crate::code::Name::from(name), value))
            .collect();
        Value::obj(Payload::Instance(Instance {
            class: class.clone(),
            dict: Mutex::new(dict),
            exception: None,
        }))
    };
    let mut next = Value::None;
    for entry in entries {
        let line = Value::Int(i64::from(entry.line));
        let code_object = object(
            code,
            vec![
                ("co_name", Value::Str(entry.function.clone())),
                ("co_filename", Value::Str(entry.filename.clone())),
            ],
        );
        let frame_object = object(
            frame,
            vec![("f_code", code_object), ("f_lineno", line.clone())],
        );
        next = object(
            traceback,
            vec![
                ("tb_frame", frame_object),
                ("tb_lineno", line),
                ("tb_next", next),
            ],
        );
    }
    next
}

/// Adds the methods of `BaseException`.
pub(super) fn install(t: &Types, methods: &mut MethodTables) {
    methods.add_method(
        t.exception(ExcType::BaseException),
        "__init__",
        m_exception_init,
    );
    methods.add_method(
        t.exception(ExcType::BaseException),
        "with_traceback",
        m_exception_with_traceback,
    );
}
