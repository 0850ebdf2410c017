//! int and float: their constructors (`int(x)`, `int(text, base)`, `float(x)`), the
//! conversions and literal parsing behind them, and their methods (`bit_length`,
//! `conjugate`, `is_integer`). The arithmetic itself is in `ops`; this must never
//! accept a literal CPython rejects.

use super::args::{arity, index_arg, keyword, only_keywords};
use super::{builtin, float_bits, new_tuple};
use crate::interp::{exc, Vm};
use crate::ops::{self, as_int_like, to_f64};
use crate::types::ExcType;
use crate::types::{type_name, MethodTables, Types};
use crate::value::*;
use crate::PyResult;
use num_bigint::BigInt;

/// `int()`, `int(x)` and `int(text, base)`.
pub(super) fn construct_int(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let pos = &args.positional;
    only_keywords(args, "int", &["base"])?;
    let base = keyword(args, "base").or_else(|| pos.get(1).cloned());
    Ok(match (pos.first(), base) {
        (None, None) => Value::Int(0),
        (Some(value), None) => to_int(vm, value)?,
        (Some(Value::Str(s)), Some(base)) => {
            let base = index_arg(&base)?;
            if base != 0 && !(2..=36).contains(&base) {
                return Err(exc(
                    ExcType::ValueError,
                    "int() base must be >= 2 and <= 36, or 0",
                ));
            }
            parse_int(s, base as u32)?
        }
        (Some(_), Some(_)) => {
            return Err(exc(
                ExcType::TypeError,
                "int() can't convert non-string with explicit base",
            ))
        }
        (None, Some(_)) => return Err(exc(ExcType::TypeError, "int() missing string argument")),
    })
}

/// `float()` and `float(x)`.
pub(super) fn construct_float(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let pos = &args.positional;
    arity(args, "float", 0, 1)?;
    Ok(match pos.first() {
        None => Value::Float(0.0),
        Some(value) => to_float(vm, value)?,
    })
}

pub(super) fn to_int(vm: &mut Vm, value: &Value) -> PyResult<Value> {
    match value {
        Value::Int(_) | Value::BigInt(_) => Ok(value.clone()),
        Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
        Value::Float(x) => {
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
            let truncated = x.trunc();
            if truncated.abs() < 9.0e18 {
                Ok(Value::Int(truncated as i64))
            } else {
                Ok(Value::int_from_big(
                    format!("{truncated:.0}")
                        .parse::<BigInt>()
                        .unwrap_or_default(),
                ))
            }
        }
        Value::Str(s) => parse_int(s, 10),
        _ => {
            for name in ["__int__", "__index__"] {
                if let Some(method) = vm.special_method(value, name) {
                    return vm.call0(method);
                }
            }
            Err(exc(ExcType::TypeError,
                format!(
                    "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                    type_name(value)
                ),
            ))
        }
    }
}

/// `text` with every non-ASCII Unicode decimal digit replaced by its ASCII digit, as
/// CPython does before parsing `int(text)` or `float(text)` (`int('١٢٣') == 123`).
fn ascii_digits(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        return text.into();
    }
    text.chars()
        .map(|c| match crate::format::decimal_value(c) {
            Some(digit) => char::from(b'0' + digit as u8),
            None => c,
        })
        .collect::<String>()
        .into()
}

fn parse_int(text: &str, base: u32) -> PyResult<Value> {
    if let Some(value) = small_decimal(text, base) {
        return Ok(Value::Int(value));
    }
    let invalid = || {
        exc(
            ExcType::ValueError,
            format!(
                "invalid literal for int() with base {base}: {}",
                ops::str_repr(text)
            ),
        )
    };
    let ascii = ascii_digits(text);
    let trimmed = ascii.trim();
    let (negative, digits) = match trimmed.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, trimmed.strip_prefix('+').unwrap_or(trimmed)),
    };
    let lower = digits.to_ascii_lowercase();
    let (base, digits) = match (base, lower.get(..2)) {
        (0 | 16, Some("0x")) => (16, &lower[2..]),
        (0 | 8, Some("0o")) => (8, &lower[2..]),
        (0 | 2, Some("0b")) => (2, &lower[2..]),
        (0, _) => {
            if lower.len() > 1
                && lower.starts_with('0')
                && lower.chars().any(|c| c != '0' && c != '_')
            {
                return Err(invalid());
            }
            (10, lower.as_str())
        }
        (b, _) => (b, lower.as_str()),
    };
    let digits = digits
        .strip_prefix('_')
        .filter(|_| base != 10)
        .unwrap_or(digits);
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return Err(invalid());
    }
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    let parsed =
        BigInt::from(super::int_parse::parse_digits(clean.as_bytes(), base).ok_or_else(invalid)?);
    Ok(Value::int_from_big(if negative { -parsed } else { parsed }))
}

/// `int(text)` for the common text: an optional sign and at most 18 ASCII digits (no
/// space, no underscore), in base 10 or, without a leading zero, base 0. None for
/// anything else (`parse_int`'s general path then reads it, errors included), so the
/// common case allocates nothing.
#[inline]
fn small_decimal(text: &str, base: u32) -> Option<i64> {
    if base != 10 && base != 0 {
        return None;
    }
    let bytes = text.as_bytes();
    let (negative, digits) = match bytes.first()? {
        b'-' => (true, &bytes[1..]),
        b'+' => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    let plain = !digits.is_empty() && digits.len() <= 18 && digits.iter().all(u8::is_ascii_digit);
    if !plain || (base == 0 && digits.len() > 1 && digits[0] == b'0') {
        return None;
    }
    let magnitude = digits
        .iter()
        .fold(0i64, |value, digit| value * 10 + i64::from(digit - b'0'));
    Some(if negative { -magnitude } else { magnitude })
}

pub(super) fn to_float(vm: &mut Vm, value: &Value) -> PyResult<Value> {
    match value {
        Value::Float(_) => Ok(value.clone()),
        Value::Str(s) => parse_float(s).map(Value::Float),
        _ => match to_f64(value) {
            Some(x) => {
                if let Value::BigInt(_) = value {
                    if x.is_infinite() {
                        return Err(exc(
                            ExcType::OverflowError,
                            "int too large to convert to float",
                        ));
                    }
                }
                Ok(Value::Float(x))
            }
            None => match vm.special_method(value, "__float__") {
                Some(method) => vm.call0(method),
                None => Err(exc(
                    ExcType::TypeError,
                    format!(
                        "float() argument must be a string or a real number, not '{}'",
                        type_name(value)
                    ),
                )),
            },
        },
    }
}

fn parse_float(text: &str) -> PyResult<f64> {
    let ascii = ascii_digits(text);
    let trimmed = ascii.trim();
    let lower = trimmed.to_ascii_lowercase();
    let unsigned = lower.trim_start_matches(['+', '-']);
    let sign = if lower.starts_with('-') { -1.0 } else { 1.0 };
    match unsigned {
        "inf" | "infinity" => return Ok(sign * f64::INFINITY),
        "nan" => return Ok(f64::NAN),
        _ => {}
    }
    let valid = !trimmed.is_empty()
        && !trimmed.contains("__")
        && !trimmed.starts_with('_')
        && !trimmed.ends_with('_')
        && trimmed
            .chars()
            .all(|c| c.is_ascii_digit() || "+-.eE_".contains(c));
    let clean: String = trimmed.chars().filter(|c| *c != '_').collect();
    match clean.parse::<f64>() {
        Ok(x) if valid => Ok(x),
        _ => Err(exc(
            ExcType::ValueError,
            format!("could not convert string to float: {}", ops::str_repr(text)),
        )),
    }
}

fn i_bit_length(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let value = as_int_like(&args.positional[0]).unwrap_or_default();
    Ok(Value::Int(value.bits() as i64))
}

fn i_bit_count(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let value = as_int_like(&args.positional[0]).unwrap_or_default();
    let ones: u64 = value
        .magnitude()
        .iter_u64_digits()
        .map(|d| u64::from(d.count_ones()))
        .sum();
    Ok(Value::Int(ones as i64))
}

fn i_as_integer_ratio(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let numerator = match &args.positional[0] {
        Value::Bool(b) => Value::Int(i64::from(*b)),
        other => other.clone(),
    };
    Ok(new_tuple(vec![numerator, Value::Int(1)]))
}

fn i_is_integer(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Bool(true))
}

fn i_conjugate(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(args.positional[0].clone())
}

fn f_hex(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = float_self(&args, "hex")?;
    Ok(Value::Str(float_bits::float_hex(x).into()))
}

fn f_as_integer_ratio(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (n, d) = float_bits::as_integer_ratio(float_self(&args, "as_integer_ratio")?)?;
    Ok(new_tuple(vec![
        Value::int_from_big(n),
        Value::int_from_big(d),
    ]))
}

/// `float.fromhex(text)` (a classmethod: the class comes first).
fn f_fromhex(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.positional.len() != 2 {
        return Err(exc(
            ExcType::TypeError,
            format!(
                "float.fromhex() takes exactly one argument ({} given)",
                args.positional.len().saturating_sub(1)
            ),
        ));
    }
    match &args.positional[1] {
        Value::Str(s) => Ok(Value::Float(float_bits::float_fromhex(s)?)),
        _ => Err(exc(
            ExcType::TypeError,
            "bad argument type for built-in operation",
        )),
    }
}

/// The float a no-argument float method runs on, with CPython's message for extra arguments.
fn float_self(args: &Args, name: &str) -> PyResult<f64> {
    if args.positional.len() > 1 {
        return Err(exc(
            ExcType::TypeError,
            format!(
                "float.{name}() takes no arguments ({} given)",
                args.positional.len() - 1
            ),
        ));
    }
    match args.positional.first() {
        Some(Value::Float(x)) => Ok(*x),
        _ => Err(exc(
            ExcType::TypeError,
            format!("descriptor '{name}' of 'float' object needs an argument"),
        )),
    }
}

fn f_is_integer(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(
        matches!(args.positional[0], Value::Float(x) if x.is_finite() && x.fract() == 0.0),
    ))
}

/// Adds the methods of `int` and `float`.
pub(super) fn install(t: &Types, methods: &mut MethodTables) {
    methods.add_method(&t.int, "bit_length", i_bit_length);
    methods.add_method(&t.int, "conjugate", i_conjugate);
    methods.add_method(&t.int, "bit_count", i_bit_count);
    methods.add_method(&t.int, "as_integer_ratio", i_as_integer_ratio);
    methods.add_method(&t.int, "is_integer", i_is_integer);
    methods.add_method(&t.float, "is_integer", f_is_integer);
    methods.add_method(&t.float, "conjugate", i_conjugate);
    methods.add_method(&t.float, "hex", f_hex);
    methods.add_method(&t.float, "as_integer_ratio", f_as_integer_ratio);
    methods.add(
        &t.float,
        "fromhex",
        Value::obj(Payload::ClassMethod(builtin("fromhex", f_fromhex))),
    );
}
