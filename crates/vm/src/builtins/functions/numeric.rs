//! The numeric built-in functions: `abs`, `round`, `divmod`, `pow`, `sum` (with
//! CPython 3.12's compensated float sum), `min`, `max`, `hex`, `oct` and `bin`. The
//! operators themselves are `ops::binary`'s; these must never round differently from
//! CPython.

use crate::builtins::args::{arity, index_arg, keyword, only_keywords};
use crate::builtins::new_tuple;
use crate::builtins::numbers::to_int;
use crate::format;
use crate::interp::{exc, Vm};
use crate::ops::{self, as_int_like, to_f64};
use crate::types::type_name;
use crate::types::ExcType;
use crate::value::*;
use crate::PyResult;
use bytecode::BinOp;
use num_bigint::BigInt;
use num_traits::{Signed, Zero};

pub(crate) fn b_abs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let args = plain_numbers(args);
    arity(&args, "abs", 1, 1)?;
    let value = &args.positional[0];
    Ok(match value {
        Value::Int(i) => i
            .checked_abs()
            .map(Value::Int)
            .unwrap_or_else(|| Value::int_from_big(BigInt::from(*i).abs())),
        Value::BigInt(b) => Value::int_from_big(b.abs()),
        Value::Bool(b) => Value::Int(i64::from(*b)),
        Value::Float(x) => Value::Float(x.abs()),
        _ => match vm.special_method(value, "__abs__") {
            Some(method) => return vm.call0(method),
            None => {
                return Err(exc(
                    ExcType::TypeError,
                    format!("bad operand type for abs(): '{}'", type_name(value)),
                ))
            }
        },
    })
}

pub(crate) fn b_round(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let args = plain_numbers(args);
    only_keywords(&args, "round", &["ndigits"])?;
    let value = args.positional.first().cloned().ok_or_else(|| {
        exc(
            ExcType::TypeError,
            "round() missing required argument 'number' (pos 1)",
        )
    })?;
    let ndigits = args
        .positional
        .get(1)
        .cloned()
        .or_else(|| keyword(&args, "ndigits"))
        .filter(|v| !v.is_none());
    match (&value, ndigits) {
        (Value::Float(x), None) => {
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
            let rounded = round_half_even(*x);
            to_int(vm, &Value::Float(rounded))
        }
        (Value::Float(x), Some(n)) => format::round_float(*x, index_arg(&n)?)
            .map(Value::Float)
            .map_err(|e| exc(e.exception, e.message)),
        (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), None) => {
            Ok(Value::int_from_big(as_int_like(&value).unwrap_or_default()))
        }
        (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), Some(n)) => {
            let n = index_arg(&n)?;
            let i = as_int_like(&value).unwrap_or_default();
            if n >= 0 {
                return Ok(Value::int_from_big(i));
            }
            let factor = num_traits::pow::Pow::pow(BigInt::from(10), (-n) as u64);
            let (quotient, remainder) = num_integer::Integer::div_mod_floor(&i, &factor);
            let twice = &remainder * 2;
            let rounded =
                if twice > factor || (twice == factor && num_integer::Integer::is_odd(&quotient)) {
                    quotient + 1
                } else {
                    quotient
                };
            Ok(Value::int_from_big(rounded * factor))
        }
        // `round(x, None)` calls `__round__()`, as CPython does.
        (_, ndigits) => match vm.special_method(&value, "__round__") {
            Some(method) => match ndigits {
                Some(n) => vm.call1(method, n),
                None => vm.call0(method),
            },
            None => Err(exc(
                ExcType::TypeError,
                format!("type {} doesn't define __round__ method", type_name(&value)),
            )),
        },
    }
}

fn round_half_even(x: f64) -> f64 {
    let rounded = x.round();
    if (x - x.trunc()).abs() == 0.5 {
        2.0 * (x / 2.0).round()
    } else {
        rounded
    }
}

pub(crate) fn b_divmod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let args = plain_numbers(args);
    arity(&args, "divmod", 2, 2)?;
    let (a, b) = (&args.positional[0], &args.positional[1]);
    if let (Value::Float(_), _) | (_, Value::Float(_)) = (a, b) {
        if let (Some(x), Some(y)) = (to_f64(a), to_f64(b)) {
            if y == 0.0 {
                return Err(exc(ExcType::ZeroDivisionError, "float divmod()"));
            }
            let (q, r) = ops::float_divmod(x, y);
            return Ok(new_tuple(vec![Value::Float(q), Value::Float(r)]));
        }
    }
    if let (Some(_), Some(y)) = (as_int_like(a), as_int_like(b)) {
        if y.is_zero() {
            return Err(exc(
                ExcType::ZeroDivisionError,
                "integer division or modulo by zero",
            ));
        }
    }
    // Built-in operands that are not both numbers have no divmod at all (a str's `%`
    // formats); classes go through their `//` and `%` below.
    let numeric = |v: &Value| {
        matches!(
            v,
            Value::Int(_) | Value::BigInt(_) | Value::Bool(_) | Value::Float(_)
        )
    };
    let instance = |v: &Value| matches!(v.payload(), Some(Payload::Instance(_)));
    if !(numeric(a) && numeric(b)) && !instance(a) && !instance(b) {
        return Err(exc(
            ExcType::TypeError,
            format!(
                "unsupported operand type(s) for divmod(): '{}' and '{}'",
                type_name(a),
                type_name(b)
            ),
        ));
    }
    let quotient = ops::binary(vm, BinOp::FloorDiv, a, b, false)?;
    let remainder = ops::binary(vm, BinOp::Mod, a, b, false)?;
    Ok(new_tuple(vec![quotient, remainder]))
}

pub(crate) fn b_pow(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "pow", 2, 3)?;
    let (base, exponent) = (&args.positional[0], &args.positional[1]);
    match args.positional.get(2) {
        None | Some(Value::None) => ops::binary(vm, BinOp::Pow, base, exponent, false),
        Some(modulus) => {
            let (Some(b), Some(e), Some(m)) = (
                as_int_like(base),
                as_int_like(exponent),
                as_int_like(modulus),
            ) else {
                return Err(exc(
                    ExcType::TypeError,
                    "pow() 3rd argument not allowed unless all arguments are integers",
                ));
            };
            if m.is_zero() {
                return Err(exc(ExcType::ValueError, "pow() 3rd argument cannot be 0"));
            }
            let result = if e.is_negative() {
                let inverse = mod_inverse(&b, &m).ok_or_else(|| {
                    exc(
                        ExcType::ValueError,
                        "base is not invertible for the given modulus",
                    )
                })?;
                inverse.modpow(&(-e), &m.abs())
            } else {
                b.modpow(&e, &m.abs())
            };
            let result = num_integer::Integer::mod_floor(&result, &m);
            Ok(Value::int_from_big(result))
        }
    }
}

fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let m = m.abs();
    let egcd = num_integer::Integer::extended_gcd(&num_integer::Integer::mod_floor(a, &m), &m);
    (egcd.gcd == BigInt::from(1)).then(|| num_integer::Integer::mod_floor(&egcd.x, &m))
}

pub(super) fn b_sum(vm: &mut Vm, args: Args) -> PyResult<Value> {
    only_keywords(&args, "sum", &["start"])?;
    arity(&args, "sum", 1, 2)?;
    let total = args
        .positional
        .get(1)
        .cloned()
        .or_else(|| keyword(&args, "start"))
        .unwrap_or(Value::Int(0));
    if let Value::Str(_) = total {
        return Err(exc(
            ExcType::TypeError,
            "sum() can't sum strings [use ''.join(seq) instead]",
        ));
    }
    let iterator = vm.get_iter(&args.positional[0])?;
    let mut sum = SumState::new(total);
    while let Some(item) = vm.next(&iterator)? {
        sum.add(vm, item)?;
    }
    Ok(sum.finish())
}

/// A running `sum()`: its total so far and, once a float came, the float total with
/// its compensation (floats are summed with Neumaier's compensation, as CPython 3.12
/// does). Shared with the interpreter's inline run of `sum(generator)`.
pub(crate) struct SumState {
    total: Value,
    compensated: Option<(f64, f64)>,
}

impl SumState {
    /// A sum starting at `start` (not a str: `b_sum` checks that first).
    pub(crate) fn new(start: Value) -> SumState {
        SumState {
            total: start,
            compensated: None,
        }
    }

    /// Whether adding `item` runs no Python code (no `__add__`/`__radd__` of a class).
    pub(crate) fn adds_plainly(&self, item: &Value) -> bool {
        matches!(item, Value::Int(_) | Value::Float(_))
            && (self.compensated.is_some() || matches!(self.total, Value::Int(_) | Value::Float(_)))
    }

    /// Adds one item.
    pub(crate) fn add(&mut self, vm: &mut Vm, item: Value) -> PyResult<()> {
        let item_float = match &item {
            Value::Float(x) => Some(*x),
            Value::Int(i) if self.compensated.is_some() && i.unsigned_abs() < (1 << 53) => {
                Some(*i as f64)
            }
            _ => None,
        };
        if self.compensated.is_none() {
            if let (Some(_), Value::Float(_) | Value::Int(_)) = (item_float, &self.total) {
                if let Some(start) = to_f64(&self.total) {
                    self.compensated = Some((start, 0.0));
                }
            }
        }
        match (&mut self.compensated, item_float) {
            (Some((sum, compensation)), Some(x)) => {
                let t = *sum + x;
                if sum.abs() >= x.abs() {
                    *compensation += (*sum - t) + x;
                } else {
                    *compensation += (x - t) + *sum;
                }
                *sum = t;
                return Ok(());
            }
            (Some((sum, compensation)), None) => {
                self.total = Value::Float(finish_compensated(*sum, *compensation));
                self.compensated = None;
            }
            _ => {}
        }
        self.total = match (&self.total, &item) {
            (Value::Int(a), Value::Int(b)) if a.checked_add(*b).is_some() => Value::Int(a + b),
            _ => ops::binary(vm, BinOp::Add, &self.total, &item, false)?,
        };
        Ok(())
    }

    /// The sum.
    pub(crate) fn finish(self) -> Value {
        match self.compensated {
            Some((sum, compensation)) => Value::Float(finish_compensated(sum, compensation)),
            None => self.total,
        }
    }
}

fn finish_compensated(sum: f64, compensation: f64) -> f64 {
    if compensation != 0.0 && compensation.is_finite() {
        sum + compensation
    } else {
        sum
    }
}

fn min_max(vm: &mut Vm, args: Args, name: &str, want_max: bool) -> PyResult<Value> {
    only_keywords(&args, name, &["key", "default"])?;
    let key = keyword(&args, "key").filter(|k| !k.is_none());
    let default = keyword(&args, "default");
    // One iterable is walked item by item (never collected: `max(genexp)` keeps one
    // item alive at a time); several arguments are the items themselves.
    let (iterator, mut rest) = match args.positional.len() {
        0 => {
            return Err(exc(
                ExcType::TypeError,
                format!("{name} expected at least 1 argument, got 0"),
            ))
        }
        1 => (
            Some(vm.get_iter(&args.positional[0])?),
            Positional::new().into_iter(),
        ),
        _ => {
            if default.is_some() {
                return Err(exc(
                    ExcType::TypeError,
                    format!(
                        "Cannot specify a default for {name}() with multiple positional arguments"
                    ),
                ));
            }
            (None, args.positional.clone().into_iter())
        }
    };
    let mut best: Option<(Value, Value)> = None;
    loop {
        let item = match &iterator {
            Some(iterator) => vm.next(iterator)?,
            None => rest.next(),
        };
        let Some(item) = item else { break };
        let item_key = match &key {
            Some(key) => vm.call1(key.clone(), item.clone())?,
            None => item.clone(),
        };
        let Some((_, best_key)) = &best else {
            best = Some((item, item_key));
            continue;
        };
        if better(vm, &item_key, best_key, want_max)? {
            best = Some((item, item_key));
        }
    }
    match (best, default) {
        (Some((item, _)), _) => Ok(item),
        (None, Some(default)) => Ok(default),
        (None, None) => Err(exc(
            ExcType::ValueError,
            format!("{name}() iterable argument is empty"),
        )),
    }
}

/// Whether `item` replaces `best` in `max()` (`want_max`) or `min()`: CPython asks
/// `item > best` for max and `item < best` for min. Shared with the interpreter's inline
/// run of `max(generator)`.
#[inline]
pub(crate) fn better(vm: &mut Vm, item: &Value, best: &Value, want_max: bool) -> PyResult<bool> {
    match (item, best) {
        (Value::Int(a), Value::Int(b)) => Ok(if want_max { a > b } else { a < b }),
        _ if want_max => ops::greater_than(vm, item, best),
        _ => ops::less_than(vm, item, best),
    }
}

pub(super) fn b_min(vm: &mut Vm, args: Args) -> PyResult<Value> {
    min_max(vm, args, "min", false)
}

pub(super) fn b_max(vm: &mut Vm, args: Args) -> PyResult<Value> {
    min_max(vm, args, "max", true)
}

fn radix(args: &Args, name: &str, prefix: &str, base: u32) -> PyResult<Value> {
    arity(args, name, 1, 1)?;
    let value = as_int_like(&args.positional[0]).ok_or_else(|| {
        exc(
            ExcType::TypeError,
            format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(&args.positional[0])
            ),
        )
    })?;
    let digits = value.abs().to_str_radix(base);
    let sign = if value.is_negative() { "-" } else { "" };
    Ok(Value::str(format!("{sign}{prefix}{digits}")))
}

pub(super) fn b_hex(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    radix(&args, "hex", "0x", 16)
}

pub(super) fn b_oct(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    radix(&args, "oct", "0o", 8)
}

pub(super) fn b_bin(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    radix(&args, "bin", "0b", 2)
}

/// The arguments with instances of int/float subclasses replaced by their values.
fn plain_numbers(mut args: Args) -> Args {
    for arg in args.positional.iter_mut() {
        if let Some(inner) = arg.scalar_inner() {
            *arg = inner.clone();
        }
    }
    args
}
