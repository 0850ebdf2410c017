//! Operators and protocols on values: arithmetic, comparison, hashing, truth, repr/str,
//! format, and item access, with CPython's results and error messages. Instances of user
//! classes go through their dunder methods (which may run Python code, so no object lock
//! is ever held while calling them).

use super::format;
use super::interp::{exc, Vm};
use super::memory;
use super::stack_guard;
use super::types::{self, class_of, type_name, types};
use super::value::*;
use super::{PyErr, PyResult};
use bytecode::{BinOp, CmpOp, UnaryOp};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use std::sync::{Arc, Mutex};

pub fn is_exception_of(value: &Value, class_name: &str) -> bool {
    types::is_instance(value, &types::exception_class(class_name))
        && types().exceptions.contains_key(class_name)
}

pub(super) fn big(value: &Value) -> Option<BigInt> {
    match value {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::BigInt(b) => Some((**b).clone()),
        Value::Bool(b) => Some(BigInt::from(i64::from(*b))),
        _ => None,
    }
}

pub fn as_int_like(value: &Value) -> Option<BigInt> {
    big(value)
}

fn small(value: &Value) -> Option<i64> {
    match value {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(i64::from(*b)),
        _ => None,
    }
}

pub fn to_f64(value: &Value) -> Option<f64> {
    match value {
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        Value::Float(x) => Some(*x),
        Value::BigInt(b) => Some(b.to_f64().unwrap_or(f64::INFINITY)),
        _ => None,
    }
}

fn is_intlike(value: &Value) -> bool {
    matches!(value, Value::Int(_) | Value::BigInt(_) | Value::Bool(_))
}

pub(super) fn is_number(value: &Value) -> bool {
    is_intlike(value) || matches!(value, Value::Float(_))
}

fn op_symbol(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mult => "*",
        BinOp::MatMult => "@",
        BinOp::Div => "/",
        BinOp::FloorDiv => "//",
        BinOp::Mod => "%",
        BinOp::Pow => "** or pow()",
        BinOp::LShift => "<<",
        BinOp::RShift => ">>",
        BinOp::BitOr => "|",
        BinOp::BitXor => "^",
        BinOp::BitAnd => "&",
    }
}

fn dunder(op: BinOp) -> (&'static str, &'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__", "__iadd__"),
        BinOp::Sub => ("__sub__", "__rsub__", "__isub__"),
        BinOp::Mult => ("__mul__", "__rmul__", "__imul__"),
        BinOp::MatMult => ("__matmul__", "__rmatmul__", "__imatmul__"),
        BinOp::Div => ("__truediv__", "__rtruediv__", "__itruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__", "__imod__"),
        BinOp::Pow => ("__pow__", "__rpow__", "__ipow__"),
        BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
        BinOp::BitOr => ("__or__", "__ror__", "__ior__"),
        BinOp::BitXor => ("__xor__", "__rxor__", "__ixor__"),
        BinOp::BitAnd => ("__and__", "__rand__", "__iand__"),
    }
}

fn is_instance_obj(value: &Value) -> bool {
    matches!(value.payload(), Some(Payload::Instance(_)))
}

fn is_not_implemented(value: &Value) -> bool {
    matches!(value.payload(), Some(Payload::Instance(i)) if class_of(&i.class).is_some_and(|c| &*c.name == "NotImplementedType"))
}

pub fn binary(
    vm: &mut Vm,
    op: BinOp,
    left: &Value,
    right: &Value,
    inplace: bool,
) -> PyResult<Value> {
    if is_instance_obj(left) || is_instance_obj(right) {
        let (forward, reflected, in_place) = dunder(op);
        if inplace && is_instance_obj(left) {
            if let Some(method) = vm.special_method(left, in_place) {
                let result = vm.call1(method, right.clone())?;
                if !is_not_implemented(&result) {
                    return Ok(result);
                }
            }
        }
        if is_instance_obj(left) {
            if let Some(method) = vm.special_method(left, forward) {
                let result = vm.call1(method, right.clone())?;
                if !is_not_implemented(&result) {
                    return Ok(result);
                }
            }
        }
        if is_instance_obj(right) {
            if let Some(method) = vm.special_method(right, reflected) {
                let result = vm.call1(method, left.clone())?;
                if !is_not_implemented(&result) {
                    return Ok(result);
                }
            }
        }
        return Err(unsupported(op, left, right));
    }
    if is_number(left) && is_number(right) {
        return numeric(op, left, right);
    }
    match (op, left, right) {
        (BinOp::Add, Value::Str(a), Value::Str(b)) => {
            memory::check(a.len() + b.len())?;
            let mut text = String::new();
            text.try_reserve_exact(a.len() + b.len())
                .map_err(|_| memory::memory_error())?;
            text.push_str(a);
            text.push_str(b);
            Ok(Value::str(text))
        }
        (BinOp::Add, Value::Str(_), _) => Err(exc(
            "TypeError",
            format!(
                "can only concatenate str (not \"{}\") to str",
                type_name(right)
            ),
        )),
        (BinOp::Mult, Value::Str(s), n) | (BinOp::Mult, n, Value::Str(s)) if is_intlike(n) => {
            let count = repeat_count(n)?;
            Ok(Value::str(memory::repeat_str(s, count)?))
        }
        (BinOp::Mod, Value::Str(fmt), _) => percent(vm, fmt, right),
        (BinOp::Mult, Value::Str(_), _) | (BinOp::Mult, _, Value::Str(_)) => {
            let other = if matches!(left, Value::Str(_)) {
                right
            } else {
                left
            };
            Err(exc(
                "TypeError",
                format!(
                    "can't multiply sequence by non-int of type '{}'",
                    type_name(other)
                ),
            ))
        }
        _ => sequence_binary(vm, op, left, right, inplace),
    }
}

fn repeat_count(n: &Value) -> PyResult<usize> {
    match big(n) {
        Some(n) if n.is_negative() => Ok(0),
        Some(n) => match n.to_usize() {
            Some(count) => Ok(count),
            None => Err(exc(
                "OverflowError",
                "cannot fit 'int' into an index-sized integer",
            )),
        },
        None => Err(exc("TypeError", "can't multiply sequence by non-int")),
    }
}

fn sequence_binary(
    vm: &mut Vm,
    op: BinOp,
    left: &Value,
    right: &Value,
    inplace: bool,
) -> PyResult<Value> {
    let (Some(lp), rp) = (left.payload(), right.payload()) else {
        if let (BinOp::Mult, Some(Payload::List(_) | Payload::Tuple(_))) = (op, right.payload()) {
            return sequence_binary(vm, op, right, left, false);
        }
        return Err(unsupported(op, left, right));
    };
    match (op, lp, rp) {
        (BinOp::Add, Payload::List(a), Some(Payload::List(b))) => {
            let b_items = lock(b).clone();
            memory::check_items(lock(a).len() + b_items.len(), std::mem::size_of::<Value>())?;
            if inplace {
                lock(a).extend(b_items);
                return Ok(left.clone());
            }
            let mut items = lock(a).clone();
            items.extend(b_items);
            Ok(Value::obj(Payload::List(Mutex::new(items))))
        }
        (BinOp::Add, Payload::List(a), _) if inplace => {
            let extra = vm.collect(right)?;
            memory::check_items(lock(a).len() + extra.len(), std::mem::size_of::<Value>())?;
            lock(a).extend(extra);
            Ok(left.clone())
        }
        (BinOp::Add, Payload::List(_), _) => Err(exc(
            "TypeError",
            format!(
                "can only concatenate list (not \"{}\") to list",
                type_name(right)
            ),
        )),
        (BinOp::Add, Payload::Tuple(a), Some(Payload::Tuple(b))) => {
            memory::check_items(a.len() + b.len(), std::mem::size_of::<Value>())?;
            let mut items = a.clone();
            items.extend(b.iter().cloned());
            Ok(Value::obj(Payload::Tuple(items)))
        }
        (BinOp::Add, Payload::Tuple(_), _) => Err(exc(
            "TypeError",
            format!(
                "can only concatenate tuple (not \"{}\") to tuple",
                type_name(right)
            ),
        )),
        (BinOp::Mult, Payload::List(a), _) if is_intlike(right) => {
            let count = repeat_count(right)?;
            let items = lock(a).clone();
            let repeated = memory::repeat_values(&items, count)?;
            if inplace {
                *lock(a) = repeated;
                return Ok(left.clone());
            }
            Ok(Value::obj(Payload::List(Mutex::new(repeated))))
        }
        (BinOp::Mult, Payload::Tuple(a), _) if is_intlike(right) => {
            let count = repeat_count(right)?;
            Ok(Value::obj(Payload::Tuple(memory::repeat_values(a, count)?)))
        }
        (
            BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor,
            Payload::Set(_) | Payload::FrozenSet(_),
            Some(Payload::Set(_) | Payload::FrozenSet(_)),
        ) => {
            let a = set_keys(left);
            let b = set_keys(right);
            if inplace {
                if let Payload::Set(target) = lp {
                    // In place, as CPython's `set_ior` and friends update the table.
                    let mut result = a;
                    match op {
                        BinOp::BitOr => result.merge(&b),
                        BinOp::BitAnd => result.intersection_update(&b),
                        BinOp::Sub => result.difference_update(&b),
                        _ => result.symmetric_difference_update(&b),
                    }
                    *lock(target) = result;
                    return Ok(left.clone());
                }
            }
            let result = match op {
                BinOp::BitOr => a.union(&b),
                BinOp::BitAnd => a.intersection(&b),
                BinOp::Sub => a.difference(&b),
                _ => a.symmetric_difference(&b),
            };
            if inplace {
                if let Payload::Set(target) = lp {
                    *lock(target) = result;
                    return Ok(left.clone());
                }
            }
            Ok(match lp {
                Payload::FrozenSet(_) => Value::obj(Payload::FrozenSet(result)),
                _ => Value::obj(Payload::Set(Mutex::new(result))),
            })
        }
        (BinOp::BitOr, Payload::Dict(a), Some(Payload::Dict(b))) => {
            let b_items: Vec<(Key, Value)> = lock(b)
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            if inplace {
                let mut target = lock(a);
                for (k, v) in b_items {
                    target.insert(k, v);
                }
                return Ok(left.clone());
            }
            let mut merged = lock(a).clone();
            for (k, v) in b_items {
                merged.insert(k, v);
            }
            Ok(Value::obj(Payload::Dict(Mutex::new(merged))))
        }
        _ => Err(unsupported(op, left, right)),
    }
}

pub fn set_keys(value: &Value) -> Set {
    match value.payload() {
        Some(Payload::Set(s)) => lock(s).clone(),
        Some(Payload::FrozenSet(s)) => s.clone(),
        _ => Set::new(),
    }
}

fn unsupported(op: BinOp, left: &Value, right: &Value) -> PyErr {
    exc(
        "TypeError",
        format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            op_symbol(op),
            type_name(left),
            type_name(right)
        ),
    )
}

fn numeric(op: BinOp, left: &Value, right: &Value) -> PyResult<Value> {
    if matches!(left, Value::Float(_)) || matches!(right, Value::Float(_)) {
        if matches!(
            op,
            BinOp::LShift
                | BinOp::RShift
                | BinOp::BitAnd
                | BinOp::BitOr
                | BinOp::BitXor
                | BinOp::MatMult
        ) {
            return Err(unsupported(op, left, right));
        }
        let a = float_operand(left)?;
        let b = float_operand(right)?;
        return float_op(op, a, b).map(Value::Float);
    }
    if let (Value::Bool(a), Value::Bool(b)) = (left, right) {
        match op {
            BinOp::BitAnd => return Ok(Value::Bool(*a & *b)),
            BinOp::BitOr => return Ok(Value::Bool(*a | *b)),
            BinOp::BitXor => return Ok(Value::Bool(*a ^ *b)),
            _ => {}
        }
    }
    if let (Some(a), Some(b)) = (small(left), small(right)) {
        if let Some(result) = small_int_op(op, a, b)? {
            return Ok(result);
        }
    }
    let a = big(left).unwrap_or_default();
    let b = big(right).unwrap_or_default();
    big_int_op(op, a, b)
}

fn float_operand(value: &Value) -> PyResult<f64> {
    match value {
        Value::BigInt(b) => b
            .to_f64()
            .filter(|x| x.is_finite())
            .ok_or_else(|| exc("OverflowError", "int too large to convert to float")),
        _ => Ok(to_f64(value).unwrap_or(0.0)),
    }
}

fn small_int_op(op: BinOp, a: i64, b: i64) -> PyResult<Option<Value>> {
    Ok(match op {
        BinOp::Add => a.checked_add(b).map(Value::Int),
        BinOp::Sub => a.checked_sub(b).map(Value::Int),
        BinOp::Mult => a.checked_mul(b).map(Value::Int),
        BinOp::FloorDiv => {
            if b == 0 {
                return Err(exc(
                    "ZeroDivisionError",
                    "integer division or modulo by zero",
                ));
            }
            a.checked_div_euclid(b)
                .map(|_| Value::Int(num_integer::Integer::div_floor(&a, &b)))
        }
        BinOp::Mod => {
            if b == 0 {
                return Err(exc("ZeroDivisionError", "integer modulo by zero"));
            }
            a.checked_rem(b).map(|_| Value::Int(a.mod_floor(&b)))
        }
        BinOp::Div => {
            if b == 0 {
                return Err(exc("ZeroDivisionError", "division by zero"));
            }
            if a.unsigned_abs() < (1 << 53) && b.unsigned_abs() < (1 << 53) {
                Some(Value::Float(a as f64 / b as f64))
            } else {
                None
            }
        }
        BinOp::BitAnd => Some(Value::Int(a & b)),
        BinOp::BitOr => Some(Value::Int(a | b)),
        BinOp::BitXor => Some(Value::Int(a ^ b)),
        BinOp::LShift => {
            if b < 0 {
                return Err(exc("ValueError", "negative shift count"));
            }
            if b < 63 && (a.unsigned_abs() >> (62 - b)) == 0 {
                Some(Value::Int(a << b))
            } else {
                None
            }
        }
        BinOp::RShift => {
            if b < 0 {
                return Err(exc("ValueError", "negative shift count"));
            }
            Some(Value::Int(if b >= 64 {
                if a < 0 {
                    -1
                } else {
                    0
                }
            } else {
                a >> b
            }))
        }
        BinOp::Pow => {
            if b < 0 {
                if a == 0 {
                    return Err(exc(
                        "ZeroDivisionError",
                        "0.0 cannot be raised to a negative power",
                    ));
                }
                Some(Value::Float((a as f64).powf(b as f64)))
            } else {
                u32::try_from(b)
                    .ok()
                    .and_then(|e| a.checked_pow(e))
                    .map(Value::Int)
            }
        }
        BinOp::MatMult => {
            return Err(exc(
                "TypeError",
                "unsupported operand type(s) for @: 'int' and 'int'",
            ))
        }
    })
}

fn big_int_op(op: BinOp, a: BigInt, b: BigInt) -> PyResult<Value> {
    let result = match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mult => {
            if a.bits() + b.bits() > 64 * 1024 * 1024 {
                return Err(exc("MemoryError", ""));
            }
            a * b
        }
        BinOp::FloorDiv => {
            if b.is_zero() {
                return Err(exc(
                    "ZeroDivisionError",
                    "integer division or modulo by zero",
                ));
            }
            a.div_floor(&b)
        }
        BinOp::Mod => {
            if b.is_zero() {
                return Err(exc("ZeroDivisionError", "integer modulo by zero"));
            }
            a.mod_floor(&b)
        }
        BinOp::Div => {
            if b.is_zero() {
                return Err(exc("ZeroDivisionError", "division by zero"));
            }
            return int_true_divide(&a, &b).map(Value::Float);
        }
        BinOp::BitAnd => a & b,
        BinOp::BitOr => a | b,
        BinOp::BitXor => a ^ b,
        BinOp::LShift => {
            let shift = b.to_u64().ok_or_else(|| {
                if b.is_negative() {
                    exc("ValueError", "negative shift count")
                } else {
                    exc("OverflowError", "too many digits in integer")
                }
            })?;
            if shift > 64 * 1024 * 1024 {
                return Err(exc("MemoryError", ""));
            }
            a << shift
        }
        BinOp::RShift => {
            if b.is_negative() {
                return Err(exc("ValueError", "negative shift count"));
            }
            match b.to_u64() {
                Some(shift) => a >> shift,
                None => BigInt::from(if a.is_negative() { -1 } else { 0 }),
            }
        }
        BinOp::Pow => {
            if b.is_negative() {
                let base = a.to_f64().unwrap_or(f64::INFINITY);
                if base == 0.0 {
                    return Err(exc(
                        "ZeroDivisionError",
                        "0.0 cannot be raised to a negative power",
                    ));
                }
                return Ok(Value::Float(
                    base.powf(b.to_f64().unwrap_or(f64::NEG_INFINITY)),
                ));
            }
            let exponent = b.to_u64().unwrap_or(u64::MAX);
            if a.bits() > 1 && a.bits().saturating_mul(exponent) > 64 * 1024 * 1024 {
                return Err(exc("MemoryError", ""));
            }
            num_traits::pow::Pow::pow(&a, exponent)
        }
        BinOp::MatMult => {
            return Err(exc(
                "TypeError",
                "unsupported operand type(s) for @: 'int' and 'int'",
            ))
        }
    };
    Ok(Value::int_from_big(result))
}

fn int_true_divide(a: &BigInt, b: &BigInt) -> PyResult<f64> {
    match (a.to_f64(), b.to_f64()) {
        (Some(x), Some(y))
            if x.is_finite() && y.is_finite() && x.abs() < 9.0e15 && y.abs() < 9.0e15 =>
        {
            Ok(x / y)
        }
        _ => {
            // Scale so the quotient keeps 64 significant bits, then divide.
            let shift = (a.bits() as i64 - b.bits() as i64 - 64).max(0);
            let quotient = if shift > 0 {
                (a >> shift as u64) / b
            } else {
                (a << 64u64) / b
            };
            let value = quotient.to_f64().unwrap_or(f64::INFINITY);
            let scaled = if shift > 0 {
                value * 2f64.powi(shift as i32)
            } else {
                value / 2f64.powi(64)
            };
            if scaled.is_infinite() {
                return Err(exc(
                    "OverflowError",
                    "integer division result too large for a float",
                ));
            }
            Ok(scaled)
        }
    }
}

fn float_op(op: BinOp, a: f64, b: f64) -> PyResult<f64> {
    Ok(match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mult => a * b,
        BinOp::Div => {
            if b == 0.0 {
                return Err(exc("ZeroDivisionError", "float division by zero"));
            }
            a / b
        }
        BinOp::FloorDiv => {
            if b == 0.0 {
                return Err(exc("ZeroDivisionError", "float floor division by zero"));
            }
            float_divmod(a, b).0
        }
        BinOp::Mod => {
            if b == 0.0 {
                return Err(exc("ZeroDivisionError", "float modulo"));
            }
            float_divmod(a, b).1
        }
        BinOp::Pow => {
            if a == 0.0 && b < 0.0 {
                return Err(exc(
                    "ZeroDivisionError",
                    "0.0 cannot be raised to a negative power",
                ));
            }
            if a < 0.0 && b.fract() != 0.0 && b.is_finite() {
                return Err(exc(
                    "NotImplementedError",
                    "threadplay does not support complex numbers (a negative number raised to a fractional power)",
                ));
            }
            let result = a.powf(b);
            if result.is_infinite() && a.is_finite() && b.is_finite() {
                return Err(exc(
                    "OverflowError",
                    "(34, 'Numerical result out of range')",
                ));
            }
            result
        }
        _ => 0.0,
    })
}

/// CPython's float divmod: floor quotient and a remainder with the divisor's sign.
pub fn float_divmod(a: f64, b: f64) -> (f64, f64) {
    let mut remainder = a % b;
    let mut quotient = (a - remainder) / b;
    if remainder != 0.0 {
        if (b < 0.0) != (remainder < 0.0) {
            remainder += b;
            quotient -= 1.0;
        }
    } else {
        remainder = 0.0f64.copysign(b);
    }
    let floor = if quotient != 0.0 {
        let mut floored = quotient.floor();
        if quotient - floored > 0.5 {
            floored += 1.0;
        }
        floored
    } else {
        0.0f64.copysign(a / b)
    };
    (floor, remainder)
}

pub fn unary(vm: &mut Vm, op: UnaryOp, operand: &Value) -> PyResult<Value> {
    match op {
        UnaryOp::Not => Ok(Value::Bool(!truthy(vm, operand)?)),
        UnaryOp::Neg => match operand {
            Value::Int(i) => Ok(i
                .checked_neg()
                .map(Value::Int)
                .unwrap_or_else(|| Value::int_from_big(-BigInt::from(*i)))),
            Value::BigInt(b) => Ok(Value::int_from_big(-(**b).clone())),
            Value::Bool(b) => Ok(Value::Int(-i64::from(*b))),
            Value::Float(x) => Ok(Value::Float(-x)),
            _ => unary_dunder(vm, operand, "__neg__", "-"),
        },
        UnaryOp::Pos => match operand {
            Value::Int(_) | Value::BigInt(_) | Value::Float(_) => Ok(operand.clone()),
            Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
            _ => unary_dunder(vm, operand, "__pos__", "+"),
        },
        UnaryOp::Invert => match operand {
            Value::Int(i) => Ok(Value::Int(!i)),
            Value::BigInt(b) => Ok(Value::int_from_big(-(**b).clone() - 1)),
            Value::Bool(b) => Ok(Value::Int(!i64::from(*b))),
            _ => unary_dunder(vm, operand, "__invert__", "~"),
        },
    }
}

fn unary_dunder(vm: &mut Vm, operand: &Value, name: &str, symbol: &str) -> PyResult<Value> {
    match vm.special_method(operand, name) {
        Some(method) => vm.call0(method),
        None => Err(exc(
            "TypeError",
            format!(
                "bad operand type for unary {symbol}: '{}'",
                type_name(operand)
            ),
        )),
    }
}

// ---------------------------------------------------------------------- comparison

pub fn compare(vm: &mut Vm, op: CmpOp, left: &Value, right: &Value) -> PyResult<Value> {
    Ok(Value::Bool(match op {
        CmpOp::Is => left.is(right),
        CmpOp::IsNot => !left.is(right),
        CmpOp::In => contains(vm, right, left)?,
        CmpOp::NotIn => !contains(vm, right, left)?,
        CmpOp::Eq => return rich_compare(vm, op, left, right),
        CmpOp::NotEq => return rich_compare(vm, op, left, right),
        _ => return rich_compare(vm, op, left, right),
    }))
}

fn cmp_dunders(op: CmpOp) -> (&'static str, &'static str, &'static str) {
    match op {
        CmpOp::Eq => ("__eq__", "__eq__", "=="),
        CmpOp::NotEq => ("__ne__", "__ne__", "!="),
        CmpOp::Lt => ("__lt__", "__gt__", "<"),
        CmpOp::LtE => ("__le__", "__ge__", "<="),
        CmpOp::Gt => ("__gt__", "__lt__", ">"),
        CmpOp::GtE => ("__ge__", "__le__", ">="),
        _ => ("", "", ""),
    }
}

fn rich_compare(vm: &mut Vm, op: CmpOp, left: &Value, right: &Value) -> PyResult<Value> {
    if is_instance_obj(left) || is_instance_obj(right) {
        let (forward, reflected, symbol) = cmp_dunders(op);
        let user_defined = |value: &Value, name: &str| -> Option<Value> {
            let class = types::type_of(value);
            let found = types::lookup_in_class(&class, name)?;
            matches!(found.payload(), Some(Payload::Function(_))).then_some(found)
        };
        // A right operand of a subclass type gets the first try, as in CPython.
        let right_first = is_instance_obj(right)
            && !Arc::ptr_eq(&types::type_of(left), &types::type_of(right))
            && types::is_subclass(&types::type_of(right), &types::type_of(left));
        let order: [(&Value, &Value, &str); 2] = if right_first {
            [(right, left, reflected), (left, right, forward)]
        } else {
            [(left, right, forward), (right, left, reflected)]
        };
        for (receiver, other, name) in order {
            if let Some(method) = user_defined(receiver, name) {
                let result = vm.call(method, Args::new(vec![receiver.clone(), other.clone()]))?;
                if !is_not_implemented(&result) {
                    return Ok(result);
                }
            }
        }
        if op == CmpOp::NotEq {
            if let Some(method) = user_defined(left, "__eq__") {
                let result = vm.call(method, Args::new(vec![left.clone(), right.clone()]))?;
                if !is_not_implemented(&result) {
                    return Ok(Value::Bool(!truthy(vm, &result)?));
                }
            }
        }
        return match op {
            CmpOp::Eq => Ok(Value::Bool(left.is(right))),
            CmpOp::NotEq => Ok(Value::Bool(!left.is(right))),
            _ => Err(order_error(symbol, left, right)),
        };
    }
    match op {
        CmpOp::Eq => Ok(Value::Bool(equal(vm, left, right)?)),
        CmpOp::NotEq => Ok(Value::Bool(!equal(vm, left, right)?)),
        _ => {
            let ordering = order(vm, left, right, cmp_dunders(op).2)?;
            Ok(Value::Bool(match op {
                CmpOp::Lt => ordering == Some(std::cmp::Ordering::Less),
                CmpOp::LtE => matches!(
                    ordering,
                    Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)
                ),
                CmpOp::Gt => ordering == Some(std::cmp::Ordering::Greater),
                _ => matches!(
                    ordering,
                    Some(std::cmp::Ordering::Greater | std::cmp::Ordering::Equal)
                ),
            }))
        }
    }
}

fn order_error(symbol: &str, left: &Value, right: &Value) -> PyErr {
    exc(
        "TypeError",
        format!(
            "'{symbol}' not supported between instances of '{}' and '{}'",
            type_name(left),
            type_name(right)
        ),
    )
}

/// Python `==`.
pub fn equal(vm: &mut Vm, left: &Value, right: &Value) -> PyResult<bool> {
    if is_instance_obj(left) || is_instance_obj(right) {
        let result = rich_compare(vm, CmpOp::Eq, left, right)?;
        return truthy(vm, &result);
    }
    if left.is(right) && !matches!(left, Value::Float(x) if x.is_nan()) {
        return Ok(true);
    }
    match (left, right) {
        (Value::Str(a), Value::Str(b)) => Ok(a == b),
        (Value::None, Value::None) => Ok(true),
        _ if is_number(left) && is_number(right) => {
            Ok(num_cmp(left, right) == Some(std::cmp::Ordering::Equal))
        }
        (Value::Obj(a), Value::Obj(b)) => match (&a.payload, &b.payload) {
            (Payload::List(x), Payload::List(y)) => {
                let (x, y) = (lock(x).clone(), lock(y).clone());
                let _level = stack_guard::enter(stack_guard::COMPARE_MESSAGE)?;
                seq_equal(vm, &x, &y)
            }
            (Payload::Tuple(x), Payload::Tuple(y)) => {
                let (x, y) = (x.clone(), y.clone());
                let _level = stack_guard::enter(stack_guard::COMPARE_MESSAGE)?;
                seq_equal(vm, &x, &y)
            }
            (Payload::Dict(x), Payload::Dict(y)) => {
                let (x, y) = (lock(x).clone(), lock(y).clone());
                if x.len() != y.len() {
                    return Ok(false);
                }
                let _level = stack_guard::enter(stack_guard::COMPARE_MESSAGE)?;
                for (key, value) in &x {
                    match y.get(key) {
                        Some(other) => {
                            if !equal(vm, value, other)? {
                                return Ok(false);
                            }
                        }
                        None => return Ok(false),
                    }
                }
                Ok(true)
            }
            (Payload::Set(_) | Payload::FrozenSet(_), Payload::Set(_) | Payload::FrozenSet(_)) => {
                let (x, y) = (set_keys(left), set_keys(right));
                Ok(x.len() == y.len() && x.iter().all(|k| y.contains(k)))
            }
            (Payload::Range(x), Payload::Range(y)) => Ok(x.len() == y.len()
                && (x.is_empty() || (x.start == y.start && (x.len() == 1 || x.step == y.step)))),
            _ => Ok(Arc::ptr_eq(a, b)),
        },
        _ => Ok(false),
    }
}

fn seq_equal(vm: &mut Vm, x: &[Value], y: &[Value]) -> PyResult<bool> {
    if x.len() != y.len() {
        return Ok(false);
    }
    for (a, b) in x.iter().zip(y) {
        if !a.is(b) && !equal(vm, a, b)? {
            return Ok(false);
        }
    }
    Ok(true)
}

pub(super) fn num_cmp(left: &Value, right: &Value) -> Option<std::cmp::Ordering> {
    match (left, right) {
        (Value::Int(a), Value::Int(b)) => Some(a.cmp(b)),
        _ if is_intlike(left) && is_intlike(right) => Some(big(left)?.cmp(&big(right)?)),
        (Value::Float(a), Value::Float(b)) => a.partial_cmp(b),
        (Value::Float(x), other) | (other, Value::Float(x)) => {
            let flipped = matches!(right, Value::Float(_)) && !matches!(left, Value::Float(_));
            let ordering = float_int_cmp(*x, &big(other)?)?;
            Some(if flipped {
                ordering.reverse()
            } else {
                ordering
            })
        }
        _ => None,
    }
}

/// Exact float-vs-int comparison (no rounding of big ints).
fn float_int_cmp(x: f64, i: &BigInt) -> Option<std::cmp::Ordering> {
    if x.is_nan() {
        return None;
    }
    if x.is_infinite() {
        return Some(if x > 0.0 {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Less
        });
    }
    let floor = x.floor();
    let floor_int = num_bigint::BigInt::from(floor as i128);
    let floor_int = if floor.abs() < 1e38 {
        floor_int
    } else {
        let as_string = format!("{floor:.0}");
        as_string.parse::<BigInt>().unwrap_or(floor_int)
    };
    match floor_int.cmp(i) {
        std::cmp::Ordering::Equal if x > floor => Some(std::cmp::Ordering::Greater),
        other => Some(other),
    }
}

fn order(
    vm: &mut Vm,
    left: &Value,
    right: &Value,
    symbol: &str,
) -> PyResult<Option<std::cmp::Ordering>> {
    if is_number(left) && is_number(right) {
        return Ok(num_cmp(left, right));
    }
    match (left, right) {
        (Value::Str(a), Value::Str(b)) => Ok(Some(a.cmp(b))),
        (Value::Obj(a), Value::Obj(b)) => match (&a.payload, &b.payload) {
            (Payload::List(x), Payload::List(y)) => {
                let (x, y) = (lock(x).clone(), lock(y).clone());
                let _level = stack_guard::enter(stack_guard::COMPARE_MESSAGE)?;
                seq_order(vm, &x, &y, symbol)
            }
            (Payload::Tuple(x), Payload::Tuple(y)) => {
                let (x, y) = (x.clone(), y.clone());
                let _level = stack_guard::enter(stack_guard::COMPARE_MESSAGE)?;
                seq_order(vm, &x, &y, symbol)
            }
            (Payload::Set(_) | Payload::FrozenSet(_), Payload::Set(_) | Payload::FrozenSet(_)) => {
                let (x, y) = (set_keys(left), set_keys(right));
                let sub = x.iter().all(|k| y.contains(k));
                let sup = y.iter().all(|k| x.contains(k));
                Ok(match (sub, sup) {
                    (true, true) => Some(std::cmp::Ordering::Equal),
                    (true, false) => Some(std::cmp::Ordering::Less),
                    (false, true) => Some(std::cmp::Ordering::Greater),
                    _ => None,
                })
            }
            _ => Err(order_error(symbol, left, right)),
        },
        _ => Err(order_error(symbol, left, right)),
    }
}

fn seq_order(
    vm: &mut Vm,
    x: &[Value],
    y: &[Value],
    symbol: &str,
) -> PyResult<Option<std::cmp::Ordering>> {
    for (a, b) in x.iter().zip(y) {
        if a.is(b) || equal(vm, a, b)? {
            continue;
        }
        if is_instance_obj(a) || is_instance_obj(b) {
            let less = rich_compare(vm, CmpOp::Lt, a, b)?;
            return Ok(Some(if truthy(vm, &less)? {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Greater
            }));
        }
        return order(vm, a, b, symbol);
    }
    Ok(Some(x.len().cmp(&y.len())))
}

/// Python `a < b` as a bool, for sorting and min/max.
pub fn less_than(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if let (Value::Int(x), Value::Int(y)) = (a, b) {
        return Ok(x < y);
    }
    let result = rich_compare(vm, CmpOp::Lt, a, b)?;
    truthy(vm, &result)
}

pub fn contains(vm: &mut Vm, container: &Value, item: &Value) -> PyResult<bool> {
    match container {
        Value::Str(haystack) => match item {
            Value::Str(needle) => Ok(haystack.contains(&**needle)),
            _ => Err(exc(
                "TypeError",
                format!(
                    "'in <string>' requires string as left operand, not {}",
                    type_name(item)
                ),
            )),
        },
        Value::Obj(obj) => match &obj.payload {
            Payload::List(items) => {
                let items = lock(items).clone();
                for candidate in &items {
                    if candidate.is(item) || equal(vm, candidate, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Payload::Tuple(items) => {
                for candidate in items {
                    if candidate.is(item) || equal(vm, candidate, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Payload::Dict(dict) => {
                let key = vm.key_in(container, item.clone())?;
                Ok(lock(dict).contains_key(&key))
            }
            Payload::Set(set) => {
                let key = vm.key_in(container, item.clone())?;
                Ok(lock(set).contains(&key))
            }
            Payload::FrozenSet(set) => {
                let key = vm.key_in(container, item.clone())?;
                Ok(set.contains(&key))
            }
            Payload::DictView(DictViewKind::Keys, dict) => contains(vm, dict, item),
            Payload::Range(range) => match small(item) {
                Some(i) => {
                    let in_bounds = if range.step > 0 {
                        i >= range.start && i < range.stop
                    } else {
                        i <= range.start && i > range.stop
                    };
                    Ok(in_bounds && (i - range.start) % range.step == 0)
                }
                None => Ok(false),
            },
            Payload::Instance(_) => {
                if let Some(method) = vm.special_method(container, "__contains__") {
                    let result = vm.call1(method, item.clone())?;
                    return truthy(vm, &result);
                }
                iter_contains(vm, container, item)
            }
            _ => iter_contains(vm, container, item),
        },
        _ => Err(exc(
            "TypeError",
            format!(
                "argument of type '{}' is not iterable",
                type_name(container)
            ),
        )),
    }
}

fn iter_contains(vm: &mut Vm, container: &Value, item: &Value) -> PyResult<bool> {
    let iterator = vm.get_iter(container).map_err(|_| {
        exc(
            "TypeError",
            format!(
                "argument of type '{}' is not iterable",
                type_name(container)
            ),
        )
    })?;
    while let Some(candidate) = vm.next(&iterator)? {
        if candidate.is(item) || equal(vm, &candidate, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

// ---------------------------------------------------------------------- hashing

pub use super::hashing::{hash, hash_str, key_equal};

// ---------------------------------------------------------------------- truth

pub fn truthy(vm: &mut Vm, value: &Value) -> PyResult<bool> {
    Ok(match value {
        Value::None => false,
        Value::Bool(b) => *b,
        Value::Int(i) => *i != 0,
        Value::BigInt(_) => true,
        Value::Float(x) => *x != 0.0,
        Value::Str(s) => !s.is_empty(),
        Value::Obj(obj) => match &obj.payload {
            Payload::List(items) => !lock(items).is_empty(),
            Payload::Tuple(items) => !items.is_empty(),
            Payload::Dict(d) => !lock(d).is_empty(),
            Payload::Set(s) => !lock(s).is_empty(),
            Payload::FrozenSet(s) => !s.is_empty(),
            Payload::Range(r) => !r.is_empty(),
            Payload::Instance(_) => {
                if let Some(method) = vm.special_method(value, "__bool__") {
                    let result = vm.call0(method)?;
                    return match result {
                        Value::Bool(b) => Ok(b),
                        _ => Err(exc(
                            "TypeError",
                            format!(
                                "__bool__ should return bool, returned {}",
                                type_name(&result)
                            ),
                        )),
                    };
                }
                if let Some(method) = vm.special_method(value, "__len__") {
                    let result = vm.call0(method)?;
                    return Ok(!matches!(result, Value::Int(0) | Value::Bool(false)));
                }
                true
            }
            Payload::Native(native) => super::builtins::native_truthy(native.as_ref()),
            _ => true,
        },
    })
}

// ---------------------------------------------------------------------- repr / str

pub fn str_repr(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if (0x80..0xa0).contains(&(c as u32)) => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

fn address(value: &Value) -> String {
    format!("0x{:012x}", value.identity())
}

pub fn repr(vm: &mut Vm, value: &Value) -> PyResult<String> {
    Ok(match value {
        Value::None => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Int(i) => i.to_string(),
        Value::BigInt(b) => b.to_string(),
        Value::Float(x) => format::float_repr(*x),
        Value::Str(s) => str_repr(s),
        Value::Obj(obj) => {
            let id = value.identity();
            let recursive = matches!(
                obj.payload,
                Payload::List(_) | Payload::Dict(_) | Payload::Set(_) | Payload::Instance(_)
            );
            if recursive && vm.repr_guard.contains(&id) {
                return Ok(match obj.payload {
                    Payload::Dict(_) => "{...}".into(),
                    Payload::List(_) => "[...]".into(),
                    _ => "...".into(),
                });
            }
            let _level = stack_guard::enter(stack_guard::REPR_MESSAGE)?;
            vm.repr_guard.push(id);
            let result = repr_object(vm, value, obj);
            vm.repr_guard.pop();
            result?
        }
    })
}

fn join_reprs(vm: &mut Vm, items: &[Value]) -> PyResult<String> {
    let mut parts = Vec::with_capacity(items.len());
    for item in items {
        parts.push(repr(vm, item)?);
    }
    Ok(parts.join(", "))
}

fn repr_object(vm: &mut Vm, value: &Value, obj: &Arc<Obj>) -> PyResult<String> {
    Ok(match &obj.payload {
        Payload::List(items) => {
            let items = lock(items).clone();
            format!("[{}]", join_reprs(vm, &items)?)
        }
        Payload::Tuple(items) if super::modules::is_version_info(obj) => {
            let mut fields = Vec::with_capacity(items.len());
            for (field, item) in super::modules::VERSION_INFO_FIELDS.iter().zip(items) {
                fields.push(format!("{field}={}", repr(vm, item)?));
            }
            format!("sys.version_info({})", fields.join(", "))
        }
        Payload::Tuple(items) => {
            if items.len() == 1 {
                format!("({},)", repr(vm, &items[0])?)
            } else {
                format!("({})", join_reprs(vm, items)?)
            }
        }
        Payload::Dict(dict) => {
            let entries: Vec<(Value, Value)> = lock(dict)
                .iter()
                .map(|(k, v)| (k.value.clone(), v.clone()))
                .collect();
            let mut parts = Vec::with_capacity(entries.len());
            for (key, item) in entries {
                parts.push(format!("{}: {}", repr(vm, &key)?, repr(vm, &item)?));
            }
            format!("{{{}}}", parts.join(", "))
        }
        Payload::Set(set) => {
            let items: Vec<Value> = lock(set).iter().map(|k| k.value.clone()).collect();
            if items.is_empty() {
                "set()".into()
            } else {
                // CPython reprs a set through a list of its items: one level more.
                let _level = stack_guard::enter(stack_guard::REPR_MESSAGE)?;
                format!("{{{}}}", join_reprs(vm, &items)?)
            }
        }
        Payload::FrozenSet(set) => {
            let items: Vec<Value> = set.iter().map(|k| k.value.clone()).collect();
            if items.is_empty() {
                "frozenset()".into()
            } else {
                let _level = stack_guard::enter(stack_guard::REPR_MESSAGE)?;
                format!("frozenset({{{}}})", join_reprs(vm, &items)?)
            }
        }
        Payload::Range(r) => {
            if r.step == 1 {
                format!("range({}, {})", r.start, r.stop)
            } else {
                format!("range({}, {}, {})", r.start, r.stop, r.step)
            }
        }
        Payload::Slice(a, b, c) => format!(
            "slice({}, {}, {})",
            repr(vm, a)?,
            repr(vm, b)?,
            repr(vm, c)?
        ),
        Payload::Function(f) => format!("<function {} at {}>", f.qualname, address(value)),
        Payload::Builtin(b) => match (b.owner, &b.bound) {
            (_, Some(_)) | (None, None) => format!("<built-in function {}>", b.name),
            (Some(owner), None) => format!("<method '{}' of '{owner}' objects>", b.name),
        },
        Payload::BoundMethod(receiver, function) => match function.payload() {
            Some(Payload::Builtin(b)) => format!(
                "<built-in method {} of {} object at {}>",
                b.name,
                type_name(receiver),
                address(receiver)
            ),
            _ => {
                let receiver_repr = repr(vm, receiver)?;
                format!(
                    "<bound method {} of {receiver_repr}>",
                    vm.callable_name(function)
                )
            }
        },
        Payload::Class(class) => {
            if class.is_builtin || &*class.module == "builtins" {
                format!("<class '{}'>", class.name)
            } else {
                format!("<class '{}.{}'>", class.module, class.qualname)
            }
        }
        Payload::Module(m) => format!("<module '{}' (built-in)>", m.name),
        Payload::DictView(kind, dict) => {
            let items = super::builtins::view_items(*kind, dict);
            format!("{}([{}])", obj.payload.kind_name(), join_reprs(vm, &items)?)
        }
        Payload::Generator(g) => {
            format!("<{} object {} at {}>", g.kind(), g.qualname, address(value))
        }
        Payload::Iterator(_) => format!("<{} object at {}>", type_name(value), address(value)),
        Payload::Instance(instance) => {
            if let Some(method) = types::lookup_in_class(&instance.class, "__repr__") {
                if matches!(method.payload(), Some(Payload::Function(_))) {
                    let result = vm.call1(method, value.clone())?;
                    return match result {
                        Value::Str(s) => Ok(s.to_string()),
                        _ => Err(exc(
                            "TypeError",
                            format!("__repr__ returned non-string (type {})", type_name(&result)),
                        )),
                    };
                }
            }
            if let Some(data) = &instance.exception {
                let args = lock(data).args.clone();
                let name = types::class_name(&instance.class);
                if args.len() == 1 {
                    return Ok(format!("{name}({})", repr(vm, &args[0])?));
                }
                return Ok(format!("{name}({})", join_reprs(vm, &args)?));
            }
            let class = class_of(&instance.class);
            let module = class.map(|c| c.module.to_string()).unwrap_or_default();
            let qualname = class.map(|c| c.qualname.to_string()).unwrap_or_default();
            format!("<{module}.{qualname} object at {}>", address(value))
        }
        Payload::Native(native) => format!("<{} object at {}>", native.type_name(), address(value)),
        _ => format!("<{} object at {}>", obj.payload.kind_name(), address(value)),
    })
}

pub fn to_str(vm: &mut Vm, value: &Value) -> PyResult<String> {
    match value {
        Value::Str(s) => Ok(s.to_string()),
        Value::Obj(obj) => match &obj.payload {
            Payload::Instance(instance) => {
                // An exception's str is its argument's, which may be an exception...
                let _level = stack_guard::enter(STR_MESSAGE)?;
                if let Some(method) = types::lookup_in_class(&instance.class, "__str__") {
                    if matches!(method.payload(), Some(Payload::Function(_))) {
                        let result = vm.call1(method, value.clone())?;
                        return match result {
                            Value::Str(s) => Ok(s.to_string()),
                            _ => Err(exc(
                                "TypeError",
                                format!(
                                    "__str__ returned non-string (type {})",
                                    type_name(&result)
                                ),
                            )),
                        };
                    }
                }
                if let Some(data) = &instance.exception {
                    let args = lock(data).args.clone();
                    return match args.len() {
                        0 => Ok(String::new()),
                        1 if is_exception_of(value, "KeyError") => repr(vm, &args[0]),
                        1 => to_str(vm, &args[0]),
                        _ => repr(vm, &Value::obj(Payload::Tuple(args))),
                    };
                }
                repr(vm, value)
            }
            _ => repr(vm, value),
        },
        _ => repr(vm, value),
    }
}

const STR_MESSAGE: &str = "maximum recursion depth exceeded while getting the str of an object";

fn format_error(error: format::FormatError) -> PyErr {
    exc(error.exception, error.message)
}

pub fn format(vm: &mut Vm, value: &Value, spec: &str) -> PyResult<String> {
    match value {
        Value::Str(s) => format::format_str(s, spec).map_err(format_error),
        Value::Bool(b) if spec.is_empty() => Ok(if *b { "True" } else { "False" }.into()),
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => {
            format::format_int(&big(value).unwrap_or_default(), spec).map_err(format_error)
        }
        Value::Float(x) => format::format_float(*x, spec).map_err(format_error),
        Value::None if spec.is_empty() => Ok("None".into()),
        _ => {
            if let Some(Payload::Instance(instance)) = value.payload() {
                if let Some(method) = types::lookup_in_class(&instance.class, "__format__") {
                    if matches!(method.payload(), Some(Payload::Function(_))) {
                        let result =
                            vm.call(method, Args::new(vec![value.clone(), Value::str(spec)]))?;
                        return match result {
                            Value::Str(s) => Ok(s.to_string()),
                            _ => Err(exc("TypeError", "__format__ must return a str")),
                        };
                    }
                }
            }
            if spec.is_empty() {
                to_str(vm, value)
            } else {
                Err(exc(
                    "TypeError",
                    format!(
                        "unsupported format string passed to {}.__format__",
                        type_name(value)
                    ),
                ))
            }
        }
    }
}

fn percent(vm: &mut Vm, fmt: &str, args: &Value) -> PyResult<Value> {
    super::builtins::percent_format(vm, fmt, args).map(Value::str)
}

// ---------------------------------------------------------------------- items

/// Normalises a possibly negative index against `len`.
pub fn seq_index(index: &Value, len: usize, what: &str) -> PyResult<usize> {
    let Some(i) = small(index) else {
        if let Value::BigInt(_) = index {
            return Err(exc(
                "IndexError",
                "cannot fit 'int' into an index-sized integer".to_string(),
            ));
        }
        return Err(exc(
            "TypeError",
            format!(
                "{what} indices must be integers or slices, not {}",
                type_name(index)
            ),
        ));
    };
    let len_i = len as i64;
    let actual = if i < 0 { i + len_i } else { i };
    if actual < 0 || actual >= len_i {
        return Err(exc("IndexError", format!("{what} index out of range")));
    }
    Ok(actual as usize)
}

/// The (start, stop, step) a slice selects in a sequence of `len` items, as CPython's
/// `PySlice_AdjustIndices`.
pub fn slice_indices(
    vm: &mut Vm,
    slice: (&Value, &Value, &Value),
    len: usize,
) -> PyResult<(i64, i64, i64)> {
    let _ = vm;
    let to_i = |v: &Value| -> PyResult<Option<i64>> {
        match v {
            Value::None => Ok(None),
            Value::BigInt(b) => Ok(Some(if b.is_negative() {
                i64::MIN / 2
            } else {
                i64::MAX / 2
            })),
            _ => small(v).map(Some).ok_or_else(|| {
                exc(
                    "TypeError",
                    "slice indices must be integers or None or have an __index__ method",
                )
            }),
        }
    };
    let step = to_i(slice.2)?.unwrap_or(1);
    if step == 0 {
        return Err(exc("ValueError", "slice step cannot be zero"));
    }
    let len = len as i64;
    let clamp = |value: Option<i64>, default: i64| -> i64 {
        match value {
            None => default,
            Some(v) => {
                let v = if v < 0 { v + len } else { v };
                if step > 0 {
                    v.clamp(0, len)
                } else {
                    v.clamp(-1, len - 1)
                }
            }
        }
    };
    let (default_start, default_stop) = if step > 0 { (0, len) } else { (len - 1, -1) };
    let start = clamp(to_i(slice.0)?, default_start);
    let stop = clamp(to_i(slice.1)?, default_stop);
    Ok((start, stop, step))
}

fn slice_positions(start: i64, stop: i64, step: i64) -> Vec<usize> {
    let mut positions = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        positions.push(i as usize);
        i += step;
    }
    positions
}

pub fn get_item(vm: &mut Vm, container: &Value, index: &Value) -> PyResult<Value> {
    let slice = match index.payload() {
        Some(Payload::Slice(a, b, c)) => Some((a.clone(), b.clone(), c.clone())),
        _ => None,
    };
    match container {
        Value::Str(s) => {
            let chars: Vec<char> = if s.is_ascii() {
                Vec::new()
            } else {
                s.chars().collect()
            };
            let len = if s.is_ascii() { s.len() } else { chars.len() };
            let char_at = |i: usize| {
                if s.is_ascii() {
                    s.as_bytes()[i] as char
                } else {
                    chars[i]
                }
            };
            if let Some((a, b, c)) = slice {
                let (start, stop, step) = slice_indices(vm, (&a, &b, &c), len)?;
                let text: String = slice_positions(start, stop, step)
                    .into_iter()
                    .map(char_at)
                    .collect();
                return Ok(Value::str(text));
            }
            if small(index).is_none() && !matches!(index, Value::BigInt(_)) {
                return Err(exc(
                    "TypeError",
                    format!(
                        "string indices must be integers, not '{}'",
                        type_name(index)
                    ),
                ));
            }
            let i = seq_index(index, len, "string")?;
            Ok(Value::str(char_at(i).to_string()))
        }
        Value::Obj(obj) => match &obj.payload {
            Payload::List(items) => {
                let items = lock(items);
                if let Some((a, b, c)) = slice {
                    let len = items.len();
                    drop(items);
                    let (start, stop, step) = slice_indices(vm, (&a, &b, &c), len)?;
                    let items = match &obj.payload {
                        Payload::List(items) => lock(items).clone(),
                        _ => Vec::new(),
                    };
                    let picked = slice_positions(start, stop, step)
                        .into_iter()
                        .filter_map(|i| items.get(i).cloned())
                        .collect();
                    return Ok(Value::obj(Payload::List(Mutex::new(picked))));
                }
                let i = seq_index(index, items.len(), "list")?;
                Ok(items[i].clone())
            }
            Payload::Tuple(items) => {
                if let Some((a, b, c)) = slice {
                    let (start, stop, step) = slice_indices(vm, (&a, &b, &c), items.len())?;
                    let picked = slice_positions(start, stop, step)
                        .into_iter()
                        .map(|i| items[i].clone())
                        .collect();
                    return Ok(Value::obj(Payload::Tuple(picked)));
                }
                let i = seq_index(index, items.len(), "tuple")?;
                Ok(items[i].clone())
            }
            Payload::Range(range) => {
                let len = range.len().max(0) as usize;
                if let Some((a, b, c)) = slice {
                    let (start, stop, step) = slice_indices(vm, (&a, &b, &c), len)?;
                    return Ok(Value::obj(Payload::Range(Range {
                        start: range.item(start),
                        stop: range.item(stop),
                        step: range.step * step,
                    })));
                }
                let i = seq_index(index, len, "range object")?;
                Ok(Value::Int(range.item(i as i64)))
            }
            Payload::Dict(dict) => {
                let key = vm.key_in(container, index.clone())?;
                if let Some(value) = lock(dict).get(&key) {
                    return Ok(value.clone());
                }
                Err(PyErr(super::interp::new_exception(
                    &types::exception_class("KeyError"),
                    vec![index.clone()],
                )))
            }
            Payload::Instance(_) => match vm.special_method(container, "__getitem__") {
                Some(method) => vm.call1(method, index.clone()),
                None => Err(not_subscriptable(container)),
            },
            Payload::Class(_) => {
                // `list[int]` style annotations evaluate to the class itself.
                Ok(container.clone())
            }
            _ => Err(not_subscriptable(container)),
        },
        _ => Err(not_subscriptable(container)),
    }
}

fn not_subscriptable(value: &Value) -> PyErr {
    exc(
        "TypeError",
        format!("'{}' object is not subscriptable", type_name(value)),
    )
}

pub fn set_item(vm: &mut Vm, container: &Value, index: Value, value: Value) -> PyResult<()> {
    match container.payload() {
        Some(Payload::List(items)) => {
            if let Some(Payload::Slice(a, b, c)) = index.payload() {
                let replacement = vm.collect(&value)?;
                let len = lock(items).len();
                let (start, stop, step) = slice_indices(vm, (a, b, c), len)?;
                let mut items = lock(items);
                if step == 1 {
                    let stop = stop.max(start);
                    items.splice(start as usize..stop as usize, replacement);
                } else {
                    let positions = slice_positions(start, stop, step);
                    if positions.len() != replacement.len() {
                        return Err(exc(
                            "ValueError",
                            format!(
                                "attempt to assign sequence of size {} to extended slice of size {}",
                                replacement.len(),
                                positions.len()
                            ),
                        ));
                    }
                    for (position, item) in positions.into_iter().zip(replacement) {
                        items[position] = item;
                    }
                }
                return Ok(());
            }
            let mut items = lock(items);
            let len = items.len();
            let i = seq_index(&index, len, "list").map_err(|e| {
                if is_exception_of(&e.0, "IndexError") {
                    exc("IndexError", "list assignment index out of range")
                } else {
                    e
                }
            })?;
            items[i] = value;
            Ok(())
        }
        Some(Payload::Dict(dict)) => {
            let key = vm.key_in(container, index)?;
            lock(dict).insert(key, value);
            Ok(())
        }
        Some(Payload::Instance(_)) => match vm.special_method(container, "__setitem__") {
            Some(method) => vm.call(method, Args::new(vec![index, value])).map(|_| ()),
            None => Err(exc(
                "TypeError",
                format!(
                    "'{}' object does not support item assignment",
                    type_name(container)
                ),
            )),
        },
        _ => Err(exc(
            "TypeError",
            format!(
                "'{}' object does not support item assignment",
                type_name(container)
            ),
        )),
    }
}

pub fn del_item(vm: &mut Vm, container: &Value, index: &Value) -> PyResult<()> {
    match container.payload() {
        Some(Payload::List(items)) => {
            if let Some(Payload::Slice(a, b, c)) = index.payload() {
                let len = lock(items).len();
                let (start, stop, step) = slice_indices(vm, (a, b, c), len)?;
                let mut positions = slice_positions(start, stop, step);
                positions.sort_unstable();
                let mut items = lock(items);
                for position in positions.into_iter().rev() {
                    items.remove(position);
                }
                return Ok(());
            }
            let mut items = lock(items);
            let len = items.len();
            let i = seq_index(index, len, "list").map_err(|e| {
                if is_exception_of(&e.0, "IndexError") {
                    exc("IndexError", "list assignment index out of range")
                } else {
                    e
                }
            })?;
            items.remove(i);
            Ok(())
        }
        Some(Payload::Dict(dict)) => {
            let key = vm.key_in(container, index.clone())?;
            if lock(dict).shift_remove(&key).is_none() {
                return Err(PyErr(super::interp::new_exception(
                    &types::exception_class("KeyError"),
                    vec![index.clone()],
                )));
            }
            Ok(())
        }
        Some(Payload::Instance(_)) => match vm.special_method(container, "__delitem__") {
            Some(method) => vm.call1(method, index.clone()).map(|_| ()),
            None => Err(exc(
                "TypeError",
                format!(
                    "'{}' object does not support item deletion",
                    type_name(container)
                ),
            )),
        },
        _ => Err(exc(
            "TypeError",
            format!(
                "'{}' object does not support item deletion",
                type_name(container)
            ),
        )),
    }
}
