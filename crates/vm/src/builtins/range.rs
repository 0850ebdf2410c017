//! `range` and `slice`: their constructors, range's `index`/`count` (computed, never
//! by iterating) and `slice.indices`. Item access and slicing are in `ops`.

use super::args::{arity, index_arg, no_keywords};
use crate::interp::{exc, Vm};
use crate::types::ExcType;
use crate::types::{MethodTables, Types};
use crate::value::*;
use crate::PyResult;

/// `range(stop)`, `range(start, stop[, step])`.
pub(super) fn construct_range(args: &Args) -> PyResult<Value> {
    let pos = &args.positional;
    no_keywords(args, "range")?;
    let ints: Vec<i64> = pos.iter().map(index_arg).collect::<PyResult<_>>()?;
    let (start, stop, step) = match ints.as_slice() {
        [stop] => (0, *stop, 1),
        [start, stop] => (*start, *stop, 1),
        [start, stop, step] => (*start, *stop, *step),
        [] => {
            return Err(exc(
                ExcType::TypeError,
                "range expected at least 1 argument, got 0",
            ))
        }
        _ => {
            return Err(exc(
                ExcType::TypeError,
                format!("range expected at most 3 arguments, got {}", ints.len()),
            ))
        }
    };
    if step == 0 {
        return Err(exc(ExcType::ValueError, "range() arg 3 must not be zero"));
    }
    Ok(Value::obj(Payload::Range(Range { start, stop, step })))
}

/// `slice(stop)`, `slice(start, stop[, step])`.
pub(super) fn construct_slice(args: &Args) -> PyResult<Value> {
    let pos = &args.positional;
    let get = |i: usize| pos.get(i).cloned().unwrap_or(Value::None);
    Ok(match pos.len() {
        1 => Value::obj(Payload::Slice(Value::None, get(0), Value::None)),
        2 | 3 => Value::obj(Payload::Slice(get(0), get(1), get(2))),
        _ => {
            return Err(exc(
                ExcType::TypeError,
                "slice expected at least 1 argument, got 0",
            ))
        }
    })
}

fn r_position(args: &Args) -> Option<i64> {
    let Some(Payload::Range(range)) = args.positional.first().and_then(|r| r.payload()) else {
        return None;
    };
    let value = match args.positional.get(1)? {
        Value::Int(i) => *i,
        Value::Bool(b) => i64::from(*b),
        _ => return None,
    };
    let offset = value - range.start;
    (offset % range.step == 0 && (0..range.len()).contains(&(offset / range.step)))
        .then_some(offset / range.step)
}

fn r_index(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "index", 2, 2)?;
    match r_position(&args) {
        Some(position) => Ok(Value::Int(position)),
        None => {
            let shown = vm.repr(&args.positional[1])?;
            Err(exc(ExcType::ValueError, format!("{shown} is not in range")))
        }
    }
}

fn r_count(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "count", 2, 2)?;
    Ok(Value::Int(i64::from(r_position(&args).is_some())))
}

/// `slice.indices(length)`: the (start, stop, step) the slice selects in a sequence of
/// that length, clamped as slicing clamps them.
fn s_indices(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.positional.len() != 2 {
        return Err(exc(
            ExcType::TypeError,
            format!(
                "slice.indices() takes exactly one argument ({} given)",
                args.positional.len().saturating_sub(1)
            ),
        ));
    }
    let Some(Payload::Slice(start, stop, step)) = args.positional[0].payload() else {
        return Err(exc(ExcType::TypeError, "indices() needs a slice"));
    };
    let length = index_arg(&args.positional[1])?;
    if length < 0 {
        return Err(exc(ExcType::ValueError, "length should not be negative"));
    }
    let (start, stop, step) = crate::ops::slice_indices(vm, (start, stop, step), length as usize)?;
    Ok(super::new_tuple(vec![
        Value::Int(start),
        Value::Int(stop),
        Value::Int(step),
    ]))
}

/// Adds the methods of `range` and `slice`.
pub(super) fn install(t: &Types, methods: &mut MethodTables) {
    methods.add_method(&t.range, "index", r_index);
    methods.add_method(&t.range, "count", r_count);
    methods.add_method(&t.slice, "indices", s_indices);
}
