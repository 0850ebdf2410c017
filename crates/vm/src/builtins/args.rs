//! Argument parsing for the built-ins: arity and keyword checks with CPython's messages,
//! typed arguments (`str`, index-like ints) and the receiver (`self`) of a method. Pure
//! checks: nothing here calls into Python or allocates Python objects.

use crate::interp::exc;
use crate::types::type_name;
use crate::types::ExcType;
use crate::value::Mutex;
use crate::value::*;
use crate::PyResult;
use std::sync::Arc;

pub(super) fn arity(args: &Args, name: &str, min: usize, max: usize) -> PyResult<()> {
    let n = args.positional.len();
    if n < min || n > max {
        let message = if min == max {
            match min {
                0 => format!("{name}() takes no arguments ({n} given)"),
                1 => format!("{name}() takes exactly one argument ({n} given)"),
                _ => format!("{name} expected {min} arguments, got {n}"),
            }
        } else if n < min {
            format!(
                "{name} expected at least {min} argument{}, got {n}",
                if min == 1 { "" } else { "s" }
            )
        } else {
            format!(
                "{name} expected at most {max} argument{}, got {n}",
                if max == 1 { "" } else { "s" }
            )
        };
        return Err(exc(ExcType::TypeError, message));
    }
    Ok(())
}

/// Checks a built-in method's argument count (`args` holds `self` first) against what
/// CPython 3.12 checks, with its wording; see `method_arity.rs`.
pub(crate) fn check_method_arity(args: &Args, method: &Builtin, arity: Arity) -> PyResult<()> {
    let given = args.positional.len().saturating_sub(1);
    let (min, max) = (usize::from(arity.min), usize::from(arity.max));
    if (min..=max).contains(&given) {
        return Ok(());
    }
    let name = method.name;
    let owner = method.owner.unwrap_or("object");
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    let message = match arity.style {
        ArityStyle::NoArgs => format!("{owner}.{name}() takes no arguments ({given} given)"),
        ArityStyle::ExactlyOne => {
            format!("{owner}.{name}() takes exactly one argument ({given} given)")
        }
        ArityStyle::NoPositional => format!("{name}() takes no positional arguments"),
        ArityStyle::Clinic if min == max => {
            format!("{name} expected {min} argument{}, got {given}", plural(min))
        }
        ArityStyle::Clinic if given < min => {
            format!(
                "{name} expected at least {min} argument{}, got {given}",
                plural(min)
            )
        }
        ArityStyle::Clinic => {
            format!(
                "{name} expected at most {max} argument{}, got {given}",
                plural(max)
            )
        }
        ArityStyle::Tuple => {
            let (bound, k) = if min == max {
                ("exactly", min)
            } else if given < min {
                ("at least", min)
            } else {
                ("at most", max)
            };
            format!(
                "{name}() takes {bound} {k} argument{} ({given} given)",
                plural(k)
            )
        }
    };
    Err(exc(ExcType::TypeError, message))
}

pub(super) fn no_keywords(args: &Args, name: &str) -> PyResult<()> {
    if let Some((key, _)) = args.keywords.first() {
        return Err(exc(
            ExcType::TypeError,
            format!("{name}() got an unexpected keyword argument '{key}'"),
        ));
    }
    Ok(())
}

pub(super) fn keyword(args: &Args, name: &str) -> Option<Value> {
    args.keywords
        .iter()
        .find(|(k, _)| &**k == name)
        .map(|(_, v)| v.clone())
}

pub(super) fn only_keywords(args: &Args, fname: &str, allowed: &[&str]) -> PyResult<()> {
    for (key, _) in &args.keywords {
        if !allowed.contains(&&**key) {
            return Err(exc(
                ExcType::TypeError,
                format!("{fname}() got an unexpected keyword argument '{key}'"),
            ));
        }
    }
    Ok(())
}

pub(super) fn str_arg<'a>(value: &'a Value, what: &str) -> PyResult<&'a Arc<str>> {
    match value {
        Value::Str(s) => Ok(s),
        _ => Err(exc(
            ExcType::TypeError,
            format!("{what} must be str, not {}", type_name(value)),
        )),
    }
}

/// An index-like integer argument ("'float' object cannot be interpreted as an integer").
pub(crate) fn index_arg(value: &Value) -> PyResult<i64> {
    match value {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(i64::from(*b)),
        Value::BigInt(_) => Err(exc(
            ExcType::OverflowError,
            "Python int too large to convert to C ssize_t",
        )),
        _ => Err(exc(
            ExcType::TypeError,
            format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(value)
            ),
        )),
    }
}

pub(super) fn self_str(args: &Args) -> Arc<str> {
    match args.positional.first() {
        Some(Value::Str(s)) => s.clone(),
        _ => Arc::from(""),
    }
}

pub(super) fn self_list(args: &Args) -> PyResult<&Mutex<Vec<Value>>> {
    match args.positional.first().and_then(|v| v.payload()) {
        Some(Payload::List(items)) => Ok(items),
        _ => Err(exc(
            ExcType::TypeError,
            "descriptor requires a 'list' object",
        )),
    }
}

pub(super) fn self_dict(args: &Args) -> PyResult<&Mutex<Dict>> {
    match args.positional.first().and_then(|v| v.payload()) {
        Some(Payload::Dict(dict)) => Ok(dict),
        _ => Err(exc(
            ExcType::TypeError,
            "descriptor requires a 'dict' object",
        )),
    }
}

pub(super) fn self_set(args: &Args) -> PyResult<&Mutex<Set>> {
    match args.positional.first().and_then(|v| v.payload()) {
        Some(Payload::Set(set)) => Ok(set),
        _ => Err(exc(
            ExcType::TypeError,
            "descriptor requires a 'set' object",
        )),
    }
}
