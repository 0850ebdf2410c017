//! Python's `hash()` and the key equality of dicts and sets, with CPython's results for
//! numbers and tuples (so equal numbers hash equally across int and float, and set
//! iteration order matches CPython's).
//!
//! Tuples nest without limit (`t = (t,)` 100000 times is a fine dict key in CPython), so
//! hashing and comparing them walks an explicit stack instead of recursing in Rust. This
//! module must never hold an object's lock while calling Python (`__hash__` methods).

use super::interp::{exc, Vm};
use super::ops::{big, is_number, num_cmp};
use super::types::{self, type_name};
use super::value::*;
use super::PyResult;
use crate::types::ExcType;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive};
use std::sync::Arc;

const HASH_MODULUS: i64 = (1 << 61) - 1;

pub fn hash_big(value: &BigInt) -> i64 {
    let modulus = BigInt::from(HASH_MODULUS);
    let reduced = value.abs().mod_floor(&modulus).to_i64().unwrap_or(0);
    let hash = if value.is_negative() {
        -reduced
    } else {
        reduced
    };
    if hash == -1 {
        -2
    } else {
        hash
    }
}

#[inline]
fn hash_int(value: i64) -> i64 {
    if value == -1 {
        return -2;
    }
    if (-HASH_MODULUS..HASH_MODULUS).contains(&value) {
        return value;
    }
    hash_big(&BigInt::from(value))
}

/// CPython's hash of a float (equal numbers hash equally across int and float).
fn hash_float(x: f64) -> i64 {
    if x.is_infinite() {
        return if x > 0.0 { 314_159 } else { -314_159 };
    }
    if x.is_nan() {
        return 0;
    }
    if x.fract() == 0.0 && x.abs() < 9.2e18 {
        return hash_int(x as i64);
    }
    let (mut mantissa, mut exponent) = frexp(x.abs());
    let mut hash: u64 = 0;
    let modulus = HASH_MODULUS as u64;
    while mantissa != 0.0 {
        hash = ((hash << 28) & modulus) | (hash >> (61 - 28));
        mantissa *= 268_435_456.0;
        exponent -= 28;
        let digit = mantissa as u64;
        mantissa -= digit as f64;
        hash += digit;
        if hash >= modulus {
            hash -= modulus;
        }
    }
    let exponent = if exponent >= 0 {
        exponent % 61
    } else {
        61 - 1 - ((-1 - exponent) % 61)
    };
    hash = ((hash << exponent) & modulus) | (hash >> (61 - exponent));
    let mut result = hash as i64;
    if x < 0.0 {
        result = -result;
    }
    if result == -1 {
        -2
    } else {
        result
    }
}

fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 {
        return (0.0, 0);
    }
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    if exponent == 0 {
        let (m, e) = frexp(x * 2f64.powi(54));
        return (m, e - 54);
    }
    let mantissa = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (mantissa, exponent - 1022)
}

/// A deterministic string hash (FNV-1a); CPython's randomised SipHash is not reproduced.
#[inline]
pub fn hash_str(text: &str) -> i64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let hash = (hash >> 1) as i64;
    if hash == -1 {
        -2
    } else {
        hash
    }
}

// The accumulation of CPython's tuple hash (xxHash-based), one item at a time.
const PRIME1: u64 = 11_400_714_785_074_694_791;
const PRIME2: u64 = 14_029_467_366_897_019_727;
const PRIME5: u64 = 2_870_177_450_012_600_261;

fn tuple_mix(acc: u64, item_hash: i64) -> u64 {
    acc.wrapping_add((item_hash as u64).wrapping_mul(PRIME2))
        .rotate_left(31)
        .wrapping_mul(PRIME1)
}

fn tuple_finish(acc: u64, len: usize) -> i64 {
    let acc = acc.wrapping_add((len as u64) ^ (PRIME5 ^ 3_527_539));
    if acc == u64::MAX {
        return 1_546_275_796;
    }
    acc as i64
}

/// Python `hash(value)`.
#[inline]
pub fn hash(vm: &mut Vm, value: &Value) -> PyResult<i64> {
    // The commonest keys inline (an inline str or int is never a subclass instance).
    match value {
        Value::Str(s) => Ok(crate::ops::str_hash(s)),
        Value::Int(i) => Ok(hash_int(*i)),
        _ => hash_other(vm, value),
    }
}

/// The hash of an inline str or int, which runs no Python and cannot fail (`hash`
/// gives the same); `None` for anything else.
#[inline(always)]
pub fn plain_hash(value: &Value) -> Option<i64> {
    match value {
        Value::Str(s) => Some(crate::ops::str_hash(s)),
        Value::Int(i) => Some(hash_int(*i)),
        _ => None,
    }
}

/// [`hash`] of anything but an inline str or int.
#[inline(never)]
fn hash_other(vm: &mut Vm, value: &Value) -> PyResult<i64> {
    if value.is_subclass_instance() {
        return hash_subclass_instance(vm, value);
    }
    match value {
        Value::Obj(obj) => match &obj.payload {
            // A tuple without tuples in it (`(x, y)` keys) needs no work list: the same
            // accumulation as `hash_tuple`'s, item by item.
            Payload::Tuple(items) if !items.iter().any(is_tuple) => {
                let mut acc = PRIME5;
                for item in items.iter() {
                    acc = tuple_mix(acc, hash_one(vm, item)?);
                }
                Ok(tuple_finish(acc, items.len()))
            }
            Payload::Tuple(_) => hash_tuple(vm, obj),
            _ => hash_one(vm, value),
        },
        _ => hash_one(vm, value),
    }
}

fn is_tuple(value: &Value) -> bool {
    matches!(value, Value::Obj(inner) if matches!(inner.payload, Payload::Tuple(_)))
}

/// A tuple's hash, nested tuples included, without recursion: each entry of `pending`
/// is a tuple being hashed, the next item to take and the hash so far.
fn hash_tuple(vm: &mut Vm, root: &Arc<Obj>) -> PyResult<i64> {
    let mut pending: Vec<(Arc<Obj>, usize, u64)> = vec![(root.clone(), 0, PRIME5)];
    let mut finished: Option<i64> = None;
    while let Some((tuple, next, acc)) = pending.last_mut() {
        if let Some(item_hash) = finished.take() {
            *acc = tuple_mix(*acc, item_hash);
        }
        let Payload::Tuple(items) = &tuple.payload else {
            unreachable!("only tuples are pushed");
        };
        match items.get(*next).cloned() {
            Some(item) => {
                *next += 1;
                match item {
                    Value::Obj(inner) if matches!(inner.payload, Payload::Tuple(_)) => {
                        pending.push((inner, 0, PRIME5));
                    }
                    item => finished = Some(hash_one(vm, &item)?),
                }
            }
            None => {
                finished = Some(tuple_finish(*acc, items.len()));
                pending.pop();
            }
        }
    }
    Ok(finished.expect("the root tuple finished last"))
}

/// The hash of anything but a tuple.
fn hash_one(vm: &mut Vm, value: &Value) -> PyResult<i64> {
    Ok(match value {
        Value::None => 0x5f3a_9b1c,
        Value::Bool(b) => i64::from(*b),
        Value::Int(i) => hash_int(*i),
        Value::BigInt(b) => hash_big(b),
        Value::Float(x) => hash_float(*x),
        Value::Str(s) => crate::ops::str_hash(s),
        Value::Obj(obj) => match &obj.payload {
            Payload::Tuple(_) => hash_tuple(vm, obj)?,
            Payload::FrozenSet(set) => set
                .iter()
                .fold(0x000f_a5e7, |acc, k| acc ^ k.hash.wrapping_mul(0x9e37_79b9)),
            Payload::List(_) | Payload::Dict(_) | Payload::Set(_) => {
                return Err(exc(
                    ExcType::TypeError,
                    format!("unhashable type: '{}'", type_name(value)),
                ));
            }
            Payload::Instance(instance) => {
                let hash_method = types::lookup_in_class(&instance.class, "__hash__");
                let eq_method = types::lookup_in_class(&instance.class, "__eq__");
                match hash_method {
                    Some(Value::None) => {
                        return Err(exc(
                            ExcType::TypeError,
                            format!("unhashable type: '{}'", type_name(value)),
                        ));
                    }
                    Some(method @ Value::Obj(_))
                        if matches!(method.payload(), Some(Payload::Function(_))) =>
                    {
                        let result = vm.call1(method, value.clone())?;
                        match big(&result) {
                            Some(h) => hash_big(&h),
                            None => {
                                return Err(exc(
                                    ExcType::TypeError,
                                    "__hash__ method should return an integer",
                                ))
                            }
                        }
                    }
                    _ if eq_method
                        .as_ref()
                        .is_some_and(|m| matches!(m.payload(), Some(Payload::Function(_)))) =>
                    {
                        return Err(exc(
                            ExcType::TypeError,
                            format!("unhashable type: '{}'", type_name(value)),
                        ));
                    }
                    _ => (value.identity() >> 4) as i64,
                }
            }
            _ => (value.identity() >> 4) as i64,
        },
    })
}

/// Key equality inside dicts and sets, where no Python code may run: built-in values
/// compare by value, everything else by identity. Nested tuples are compared through a
/// work list, not recursion.
#[inline]
pub fn key_equal(a: &Value, b: &Value) -> bool {
    // The commonest keys without the work list (the same answers `shallow_key_equal`
    // gives them).
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Arc::ptr_eq(x, y) || x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        _ => key_equal_general(a, b),
    }
}

fn key_equal_general(a: &Value, b: &Value) -> bool {
    let mut nested: Vec<(Arc<Obj>, Arc<Obj>)> = Vec::new();
    if !shallow_key_equal(a, b, &mut nested) {
        return false;
    }
    while let Some((x, y)) = nested.pop() {
        let (Payload::Tuple(p), Payload::Tuple(q)) = (&x.payload, &y.payload) else {
            return false;
        };
        if !p
            .iter()
            .zip(q)
            .all(|(u, v)| shallow_key_equal(u, v, &mut nested))
        {
            return false;
        }
    }
    true
}

/// Compares `a` and `b` except inside tuples of the same length, which are queued on
/// `nested` (their items still to compare).
fn shallow_key_equal(a: &Value, b: &Value, nested: &mut Vec<(Arc<Obj>, Arc<Obj>)>) -> bool {
    if a.is(b) {
        return true;
    }
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => x == y,
        _ if is_number(a) && is_number(b) => num_cmp(a, b) == Some(std::cmp::Ordering::Equal),
        (Value::Obj(x), Value::Obj(y)) => match (&x.payload, &y.payload) {
            (Payload::Tuple(p), Payload::Tuple(q)) => {
                if p.len() != q.len() {
                    return false;
                }
                nested.push((x.clone(), y.clone()));
                true
            }
            (Payload::FrozenSet(p), Payload::FrozenSet(q)) => {
                // Frozensets of frozensets recurse through the sets' own lookups; too
                // deep to compare counts as unequal rather than overflowing the stack.
                let Some(_level) = super::stack_guard::try_enter(1) else {
                    return false;
                };
                p.len() == q.len() && p.iter().all(|k| q.contains(k))
            }
            _ => scalar_key_equal(a, b, nested),
        },
        _ => scalar_key_equal(a, b, nested),
    }
}

/// An instance of an int/float/str subclass as a key equals its value.
#[cold]
#[inline(never)]
fn scalar_key_equal(a: &Value, b: &Value, nested: &mut Vec<(Arc<Obj>, Arc<Obj>)>) -> bool {
    if a.scalar_inner().is_none() && b.scalar_inner().is_none() {
        return false;
    }
    let a = a.scalar_inner().unwrap_or(a);
    let b = b.scalar_inner().unwrap_or(b);
    shallow_key_equal(a, b, nested)
}

/// `hash` of an instance of a subclass of a built-in type: its Python `__hash__`, else
/// the built-in hash of its value (out of line: the common path stays small).
#[cold]
#[inline(never)]
fn hash_subclass_instance(vm: &mut Vm, value: &Value) -> PyResult<i64> {
    match vm.override_method(value, "__hash__") {
        Some(Value::None) => {
            return Err(exc(
                ExcType::TypeError,
                format!("unhashable type: '{}'", type_name(value)),
            ))
        }
        Some(method) => {
            return match vm.call0(method)? {
                Value::Int(h) => Ok(if h == -1 { -2 } else { h }),
                other => match other.as_obj() {
                    _ if matches!(other, Value::BigInt(_)) => hash_one(vm, &other),
                    _ => Err(exc(
                        ExcType::TypeError,
                        "__hash__ method should return an integer",
                    )),
                },
            };
        }
        None => {}
    }
    if let Some(inner) = value.scalar_inner() {
        return hash(vm, &inner.clone());
    }
    match value {
        Value::Obj(obj) if matches!(obj.payload, Payload::Tuple(_)) => hash_tuple(vm, obj),
        _ => hash_one(vm, value),
    }
}
