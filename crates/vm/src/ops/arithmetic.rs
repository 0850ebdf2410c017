//! Arithmetic on numbers: the numeric views of values (`big`, `to_f64`, ...), the binary
//! operators on ints (i64 fast paths, big ints past them) and floats, exact int true
//! division, and CPython's float divmod. No Python code runs here; it must never
//! allocate a big int past the size limits it checks (MemoryError instead).

use super::operators::unsupported;
use crate::interp::exc;
use crate::types::ExcType;
use crate::value::*;
use crate::PyResult;
use bytecode::BinOp;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

/// The value inside an instance of an int/float subclass; out of line so that the
/// numeric fast paths above stay small enough to inline.
#[cold]
#[inline(never)]
fn scalar_value(value: &Value) -> Option<Value> {
    value.scalar_inner().cloned()
}

pub(crate) fn big(value: &Value) -> Option<BigInt> {
    match value {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::BigInt(b) => Some((**b).clone()),
        Value::Bool(b) => Some(BigInt::from(i64::from(*b))),
        _ => scalar_value(value).and_then(|inner| big(&inner)),
    }
}

pub(crate) fn as_int_like(value: &Value) -> Option<BigInt> {
    big(value)
}

pub(super) fn small(value: &Value) -> Option<i64> {
    match value {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(i64::from(*b)),
        _ => match scalar_value(value)? {
            Value::Int(i) => Some(i),
            _ => None,
        },
    }
}

pub(crate) fn to_f64(value: &Value) -> Option<f64> {
    match value {
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        Value::Float(x) => Some(*x),
        Value::BigInt(b) => Some(b.to_f64().unwrap_or(f64::INFINITY)),
        _ => match scalar_value(value)? {
            Value::Int(i) => Some(i as f64),
            Value::Float(x) => Some(x),
            Value::BigInt(b) => Some(b.to_f64().unwrap_or(f64::INFINITY)),
            _ => None,
        },
    }
}

pub(super) fn is_intlike(value: &Value) -> bool {
    matches!(value, Value::Int(_) | Value::BigInt(_) | Value::Bool(_))
}

pub(crate) fn is_number(value: &Value) -> bool {
    is_intlike(value) || matches!(value, Value::Float(_))
}

// Inlined into `binary`: the int fast path must not pay for a call (its size grew by
// the int-subclass fallbacks of `small`/`big`).
#[inline(always)]
pub(super) fn numeric(op: BinOp, left: &Value, right: &Value) -> PyResult<Value> {
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

/// The instruction loop's fast path for two small ints: the result, or None when the
/// operation needs the general path (overflow to a big int, a zero divisor to raise
/// about, `**`, true division of ints past 2**53). Same results as `small_int_op`.
#[inline(always)]
pub(crate) fn int_fast(op: BinOp, a: i64, b: i64) -> Option<Value> {
    match op {
        BinOp::Add => a.checked_add(b).map(Value::Int),
        BinOp::Sub => a.checked_sub(b).map(Value::Int),
        BinOp::Mult => mul_small(a, b).map(Value::Int),
        // Python floors (the quotient towards minus infinity, the remainder takes the
        // divisor's sign); `i64::MIN // -1` overflows to a big int.
        BinOp::FloorDiv if b != 0 && !(a == i64::MIN && b == -1) => {
            Some(Value::Int(Integer::div_floor(&a, &b)))
        }
        BinOp::Mod if b != 0 && b != -1 => Some(Value::Int(Integer::mod_floor(&a, &b))),
        BinOp::BitAnd => Some(Value::Int(a & b)),
        BinOp::BitOr => Some(Value::Int(a | b)),
        BinOp::BitXor => Some(Value::Int(a ^ b)),
        BinOp::LShift if (0..63).contains(&b) && (a.unsigned_abs() >> (62 - b)) == 0 => {
            Some(Value::Int(a << b))
        }
        BinOp::RShift if b >= 0 => Some(Value::Int(a >> b.min(63))),
        BinOp::Div if b != 0 && a.unsigned_abs() < (1 << 53) && b.unsigned_abs() < (1 << 53) => {
            Some(Value::Float(a as f64 / b as f64))
        }
        _ => None,
    }
}

/// `a * b` of two small ints, None when it overflows an i64 (as `checked_mul`). The
/// page's wasm32 has no 64-bit multiply with an overflow flag: `checked_mul` there is a
/// call to `__multi3` through the shadow stack (about 40 instructions), so operands
/// whose magnitudes have at most 62 significant bits between them (the product is
/// below 2**62: it cannot overflow) multiply directly first.
#[inline(always)]
fn mul_small(a: i64, b: i64) -> Option<i64> {
    #[cfg(target_arch = "wasm32")]
    if a.unsigned_abs().leading_zeros() + b.unsigned_abs().leading_zeros() >= 66 {
        return Some(a * b);
    }
    a.checked_mul(b)
}

/// The instruction loop's fast path for floats (an int operand already converted, which
/// is exact or correctly rounded as CPython's int-to-float): `+ - * /`, None for the
/// others and for a zero divisor (the general path raises).
#[inline(always)]
pub(crate) fn float_fast(op: BinOp, a: f64, b: f64) -> Option<f64> {
    match op {
        BinOp::Add => Some(a + b),
        BinOp::Sub => Some(a - b),
        BinOp::Mult => Some(a * b),
        BinOp::Div if b != 0.0 => Some(a / b),
        _ => None,
    }
}

fn float_operand(value: &Value) -> PyResult<f64> {
    match value {
        Value::BigInt(b) => b
            .to_f64()
            .filter(|x| x.is_finite())
            .ok_or_else(|| exc(ExcType::OverflowError, "int too large to convert to float")),
        _ => Ok(to_f64(value).unwrap_or(0.0)),
    }
}

fn small_int_op(op: BinOp, a: i64, b: i64) -> PyResult<Option<Value>> {
    Ok(match op {
        BinOp::Add => a.checked_add(b).map(Value::Int),
        BinOp::Sub => a.checked_sub(b).map(Value::Int),
        BinOp::Mult => mul_small(a, b).map(Value::Int),
        BinOp::FloorDiv => {
            if b == 0 {
                return Err(exc(
                    ExcType::ZeroDivisionError,
                    "integer division or modulo by zero",
                ));
            }
            a.checked_div_euclid(b)
                .map(|_| Value::Int(num_integer::Integer::div_floor(&a, &b)))
        }
        BinOp::Mod => {
            if b == 0 {
                return Err(exc(ExcType::ZeroDivisionError, "integer modulo by zero"));
            }
            a.checked_rem(b).map(|_| Value::Int(a.mod_floor(&b)))
        }
        BinOp::Div => {
            if b == 0 {
                return Err(exc(ExcType::ZeroDivisionError, "division by zero"));
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
                return Err(exc(ExcType::ValueError, "negative shift count"));
            }
            if b < 63 && (a.unsigned_abs() >> (62 - b)) == 0 {
                Some(Value::Int(a << b))
            } else {
                None
            }
        }
        BinOp::RShift => {
            if b < 0 {
                return Err(exc(ExcType::ValueError, "negative shift count"));
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
                        ExcType::ZeroDivisionError,
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
                ExcType::TypeError,
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
                return Err(exc(ExcType::MemoryError, ""));
            }
            a * b
        }
        BinOp::FloorDiv => {
            if b.is_zero() {
                return Err(exc(
                    ExcType::ZeroDivisionError,
                    "integer division or modulo by zero",
                ));
            }
            a.div_floor(&b)
        }
        BinOp::Mod => {
            if b.is_zero() {
                return Err(exc(ExcType::ZeroDivisionError, "integer modulo by zero"));
            }
            a.mod_floor(&b)
        }
        BinOp::Div => {
            if b.is_zero() {
                return Err(exc(ExcType::ZeroDivisionError, "division by zero"));
            }
            return int_true_divide(&a, &b).map(Value::Float);
        }
        BinOp::BitAnd => a & b,
        BinOp::BitOr => a | b,
        BinOp::BitXor => a ^ b,
        BinOp::LShift => {
            let shift = b.to_u64().ok_or_else(|| {
                if b.is_negative() {
                    exc(ExcType::ValueError, "negative shift count")
                } else {
                    exc(ExcType::OverflowError, "too many digits in integer")
                }
            })?;
            if shift > 64 * 1024 * 1024 {
                return Err(exc(ExcType::MemoryError, ""));
            }
            a << shift
        }
        BinOp::RShift => {
            if b.is_negative() {
                return Err(exc(ExcType::ValueError, "negative shift count"));
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
                        ExcType::ZeroDivisionError,
                        "0.0 cannot be raised to a negative power",
                    ));
                }
                return Ok(Value::Float(
                    base.powf(b.to_f64().unwrap_or(f64::NEG_INFINITY)),
                ));
            }
            let exponent = b.to_u64().unwrap_or(u64::MAX);
            if a.bits() > 1 && a.bits().saturating_mul(exponent) > 64 * 1024 * 1024 {
                return Err(exc(ExcType::MemoryError, ""));
            }
            num_traits::pow::Pow::pow(&a, exponent)
        }
        BinOp::MatMult => {
            return Err(exc(
                ExcType::TypeError,
                "unsupported operand type(s) for @: 'int' and 'int'",
            ))
        }
    };
    Ok(Value::int_from_big(result))
}

/// `a / b` for ints, correctly rounded (round-half-even) like CPython's `long_true_divide`:
/// operands that fit a double's 53-bit mantissa divide as floats; otherwise the quotient is
/// computed on integers with two or three extra bits plus a sticky "inexact" bit, rounded
/// once, and scaled into place (which also rounds subnormal results only once).
fn int_true_divide(a: &BigInt, b: &BigInt) -> PyResult<f64> {
    const MANT_DIG: i64 = f64::MANTISSA_DIGITS as i64; // 53
    const MIN_EXP: i64 = f64::MIN_EXP as i64; // -1021
    const MAX_EXP: i64 = f64::MAX_EXP as i64; // 1024
    if b.is_zero() {
        return Err(exc(ExcType::ZeroDivisionError, "division by zero"));
    }
    let negate = a.is_negative() != b.is_negative();
    let (a, b) = (a.magnitude(), b.magnitude());
    let signed = |x: f64| if negate { -x } else { x };
    if a.bits() as i64 <= MANT_DIG && b.bits() as i64 <= MANT_DIG {
        // Both exact as doubles: one IEEE division rounds correctly.
        let x = a.to_f64().unwrap_or(0.0) / b.to_f64().unwrap_or(1.0);
        return Ok(signed(x));
    }
    if a.is_zero() {
        return Ok(signed(0.0));
    }
    let too_large = || {
        exc(
            ExcType::OverflowError,
            "integer division result too large for a float",
        )
    };
    let diff = a.bits() as i64 - b.bits() as i64;
    if diff > MAX_EXP {
        return Err(too_large());
    }
    if diff < MIN_EXP - MANT_DIG - 1 {
        return Ok(signed(0.0));
    }
    // x = a * 2**-shift, then x //= b, keeping track of whether anything was lost.
    let shift = diff.max(MIN_EXP) - MANT_DIG - 2;
    let mut inexact = false;
    let x = if shift <= 0 {
        a << ((-shift) as u64)
    } else {
        let shifted = a >> (shift as u64);
        inexact = (&shifted << (shift as u64)) != *a;
        shifted
    };
    let (mut x, rem) = x.div_rem(b);
    inexact |= !rem.is_zero();
    // Round x to `x_bits - extra` significant bits, half to even, the sticky bit counting.
    let extra = (x.bits() as i64).max(MIN_EXP - shift) - MANT_DIG;
    let mask = num_bigint::BigUint::from(1u8) << ((extra - 1) as u64);
    let below = &x & (&mask - 1u8);
    let half = !(&x & &mask).is_zero();
    let odd = !(&x & (&mask << 1u8)).is_zero();
    if half && (odd || inexact || !below.is_zero()) {
        x += &mask;
    }
    x = (x >> (extra as u64)) << (extra as u64);
    let dx = x.to_f64().unwrap_or(f64::INFINITY);
    let result = ldexp(dx, shift);
    if result.is_infinite() {
        return Err(too_large());
    }
    Ok(signed(result))
}

/// `x * 2**exp` exactly when the result is representable: the power is applied in
/// steps that each stay in the normal range, so no intermediate rounds or overflows early.
fn ldexp(mut x: f64, mut exp: i64) -> f64 {
    let pow2 = |e: i64| f64::from_bits(((e + 1023) as u64) << 52);
    while exp > 1000 {
        x *= pow2(1000);
        exp -= 1000;
    }
    while exp < -1000 {
        x *= pow2(-1000);
        exp += 1000;
    }
    x * pow2(exp)
}

fn float_op(op: BinOp, a: f64, b: f64) -> PyResult<f64> {
    Ok(match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mult => a * b,
        BinOp::Div => {
            if b == 0.0 {
                return Err(exc(ExcType::ZeroDivisionError, "float division by zero"));
            }
            a / b
        }
        BinOp::FloorDiv => {
            if b == 0.0 {
                return Err(exc(
                    ExcType::ZeroDivisionError,
                    "float floor division by zero",
                ));
            }
            float_divmod(a, b).0
        }
        BinOp::Mod => {
            if b == 0.0 {
                return Err(exc(ExcType::ZeroDivisionError, "float modulo"));
            }
            float_divmod(a, b).1
        }
        BinOp::Pow => {
            if a == 0.0 && b < 0.0 {
                return Err(exc(
                    ExcType::ZeroDivisionError,
                    "0.0 cannot be raised to a negative power",
                ));
            }
            if a < 0.0 && b.fract() != 0.0 && b.is_finite() {
                return Err(exc(ExcType::NotImplementedError,
                    "threadplay does not support complex numbers (a negative number raised to a fractional power)",
                ));
            }
            let result = a.powf(b);
            if result.is_infinite() && a.is_finite() && b.is_finite() {
                return Err(exc(
                    ExcType::OverflowError,
                    "(34, 'Numerical result out of range')",
                ));
            }
            result
        }
        _ => 0.0,
    })
}

/// CPython's float divmod: floor quotient and a remainder with the divisor's sign.
pub(crate) fn float_divmod(a: f64, b: f64) -> (f64, f64) {
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
