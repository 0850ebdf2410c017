//! The built-in functions that make or write text: `print` (to the host, with a trace
//! mark, or to a file object), `repr`, `format`, `chr`, `ord`, `input` (the waiting is
//! `crate::stdin`'s), `open`, which threadplay refuses (no files), and `exit`/`quit`. Output must only ever
//! go through the VM's writer, never straight to a stream.

use crate::builtins::args::{arity, index_arg, keyword, only_keywords};
use crate::interp::{exc, Vm};
use crate::types::type_name;
use crate::types::ExcType;
use crate::value::*;
use crate::PyResult;

pub(super) fn b_print(vm: &mut Vm, args: Args) -> PyResult<Value> {
    only_keywords(&args, "print", &["sep", "end", "file", "flush"])?;
    let sep = match keyword(&args, "sep") {
        None | Some(Value::None) => " ".to_string(),
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => {
            return Err(exc(
                ExcType::TypeError,
                format!("sep must be None or a string, not {}", type_name(&other)),
            ))
        }
    };
    let end = match keyword(&args, "end") {
        None | Some(Value::None) => "\n".to_string(),
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => {
            return Err(exc(
                ExcType::TypeError,
                format!("end must be None or a string, not {}", type_name(&other)),
            ))
        }
    };
    let mut text = String::new();
    for (index, value) in args.positional.iter().enumerate() {
        if index > 0 {
            text.push_str(&sep);
        }
        text.push_str(&vm.to_str(value)?);
    }
    text.push_str(&end);
    // `print()` without a file follows `sys.stdout` once a program replaced it
    // (contextlib.redirect_stdout); the usual case stays a direct write.
    let file = match keyword(&args, "file") {
        None | Some(Value::None) => crate::modules::replaced_stdout(vm),
        file => file,
    };
    match file {
        None | Some(Value::None) => {
            vm.write_output(false, &text);
            vm.mark(trace::MarkKind::Printed {
                text: text.strip_suffix('\n').unwrap_or(&text).to_string(),
            });
        }
        Some(file) => crate::modules::write_to_file(vm, &file, &text)?,
    }
    Ok(Value::None)
}

pub(super) fn b_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "repr", 1, 1)?;
    vm.repr(&args.positional[0]).map(Value::str)
}

/// `ascii(obj)`: `repr(obj)` with every non-ASCII character escaped.
pub(super) fn b_ascii(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "ascii", 1, 1)?;
    let text = vm.repr(&args.positional[0])?;
    Ok(Value::str(crate::format::ascii_escape(&text)))
}

pub(super) fn b_chr(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "chr", 1, 1)?;
    let code = index_arg(&args.positional[0])?;
    u32::try_from(code)
        .ok()
        .and_then(char::from_u32)
        .map(|c| Value::str(c.to_string()))
        .ok_or_else(|| exc(ExcType::ValueError, "chr() arg not in range(0x110000)"))
}

pub(super) fn b_ord(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "ord", 1, 1)?;
    match &args.positional[0] {
        Value::Str(s) => {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(Value::Int(c as i64)),
                _ => Err(exc(
                    ExcType::TypeError,
                    format!(
                        "ord() expected a character, but string of length {} found",
                        s.chars().count()
                    ),
                )),
            }
        }
        other => Err(exc(
            ExcType::TypeError,
            format!(
                "ord() expected string of length 1, but {} found",
                type_name(other)
            ),
        )),
    }
}

pub(super) fn b_format(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "format", 1, 2)?;
    let spec = match args.positional.get(1) {
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => {
            return Err(exc(
                ExcType::TypeError,
                format!("format() argument 2 must be str, not {}", type_name(other)),
            ))
        }
        None => String::new(),
    };
    vm.format(&args.positional[0], &spec).map(Value::str)
}

/// `input([prompt])`: the prompt is `str(prompt)`; the wait is `crate::stdin`'s.
pub(super) fn b_input(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if !args.keywords.is_empty() {
        return Err(exc(
            ExcType::TypeError,
            "input() takes no keyword arguments",
        ));
    }
    arity(&args, "input", 0, 1)?;
    let prompt = match args.positional.first() {
        Some(prompt) => vm.to_str(prompt)?.to_string(),
        None => String::new(),
    };
    crate::stdin::read_line(vm, prompt)
}

pub(super) fn b_open(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(exc(
        ExcType::NotImplementedError,
        "threadplay does not support open(): programs run without files",
    ))
}

pub(super) fn b_exit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    crate::modules::sys_exit(vm, args)
}
