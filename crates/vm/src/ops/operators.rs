//! The binary and unary operators' dispatch: user classes' dunders (in-place, forward,
//! reflected, honouring NotImplemented), then numbers (`arithmetic`), str
//! concatenation, repetition and `%`, then containers (`containers`). It must never
//! hold an object's lock while a dunder runs.

use super::arithmetic::{is_intlike, is_number, numeric};
use super::containers::{repeat_count, sequence_binary};
use super::truth::truthy;
use crate::interp::{exc, Vm};
use crate::memory;
use crate::types::ExcType;
use crate::types::{self, class_of, type_name};
use crate::value::*;
use crate::{PyErr, PyResult};
use bytecode::{BinOp, UnaryOp};
use num_bigint::BigInt;
use std::sync::Arc;

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

pub(super) fn is_instance_obj(value: &Value) -> bool {
    matches!(value.payload(), Some(Payload::Instance(_)))
}

pub(super) fn is_not_implemented(value: &Value) -> bool {
    matches!(value.payload(), Some(Payload::Instance(i)) if class_of(&i.class).is_some_and(|c| &*c.name == "NotImplementedType"))
}

pub(crate) fn binary(
    vm: &mut Vm,
    op: BinOp,
    left: &Value,
    right: &Value,
    inplace: bool,
) -> PyResult<Value> {
    if (left.is_subclass_instance() || right.is_subclass_instance())
        && !is_instance_obj(left)
        && !is_instance_obj(right)
    {
        return subclass_binary(vm, op, left, right, inplace);
    }
    if let (BinOp::Mod, Value::Str(fmt)) = (op, left) {
        // `str.__mod__` comes first and takes any right operand (an instance is the one
        // argument), so the instance's `__rmod__` is never asked, as in CPython.
        return percent(vm, fmt, right);
    }
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
    binary_builtin(vm, op, left, right, inplace)
}

/// A binary operation on built-in values.
#[inline(always)]
fn binary_builtin(
    vm: &mut Vm,
    op: BinOp,
    left: &Value,
    right: &Value,
    inplace: bool,
) -> PyResult<Value> {
    if is_number(left) && is_number(right) {
        return numeric(op, left, right);
    }
    if op == BinOp::BitOr && is_type_operand(left) && is_type_operand(right) {
        // `int | None` (PEP 604) is a types.UnionType, built by the Python `types` module.
        return type_union(vm, left, right);
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
            ExcType::TypeError,
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
            // The left operand repeats when it is a sequence (`(1,) * 'a'` names str).
            let left_is_sequence = matches!(left, Value::Str(_))
                || matches!(left.payload(), Some(Payload::List(_) | Payload::Tuple(_)));
            let other = if left_is_sequence { right } else { left };
            Err(exc(
                ExcType::TypeError,
                format!(
                    "can't multiply sequence by non-int of type '{}'",
                    type_name(other)
                ),
            ))
        }
        _ => sequence_binary(vm, op, left, right, inplace),
    }
}

/// A class, or None: what `X | Y` unions between classes take.
fn is_type_operand(value: &Value) -> bool {
    matches!(value, Value::None) || matches!(value.payload(), Some(Payload::Class(_)))
}

fn type_union(vm: &mut Vm, left: &Value, right: &Value) -> PyResult<Value> {
    if matches!(left, Value::None) && matches!(right, Value::None) {
        return Err(unsupported(BinOp::BitOr, left, right));
    }
    let types_module = vm.import("types")?;
    let make = vm.get_attr(&types_module, &std::sync::Arc::from("_union_type"))?;
    vm.call(
        make,
        Args::new(smallvec::smallvec![left.clone(), right.clone()]),
    )
}

pub(super) fn unsupported(op: BinOp, left: &Value, right: &Value) -> PyErr {
    exc(
        ExcType::TypeError,
        format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            op_symbol(op),
            type_name(left),
            type_name(right)
        ),
    )
}

fn percent(vm: &mut Vm, fmt: &str, args: &Value) -> PyResult<Value> {
    crate::builtins::percent_format(vm, fmt, args).map(Value::str)
}

pub(crate) fn unary(vm: &mut Vm, op: UnaryOp, operand: &Value) -> PyResult<Value> {
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
    if let Some(inner) = operand.scalar_inner() {
        if let Some(method) = vm.override_method(operand, name) {
            return vm.call0(method);
        }
        let op = match name {
            "__neg__" => UnaryOp::Neg,
            "__pos__" => UnaryOp::Pos,
            _ => UnaryOp::Invert,
        };
        return unary(vm, op, &inner.clone());
    }
    match vm.special_method(operand, name) {
        Some(method) => vm.call0(method),
        None => Err(exc(
            ExcType::TypeError,
            format!(
                "bad operand type for unary {symbol}: '{}'",
                type_name(operand)
            ),
        )),
    }
}

/// A binary operation with an instance of a subclass of a built-in type: the
/// operators its class defines in Python, else the built-in operation on the values.
fn subclass_binary(
    vm: &mut Vm,
    op: BinOp,
    left: &Value,
    right: &Value,
    inplace: bool,
) -> PyResult<Value> {
    let (forward, reflected, in_place) = dunder(op);
    let mut attempts: Vec<(&Value, &Value, &str)> = Vec::with_capacity(3);
    if inplace && left.is_subclass_instance() {
        attempts.push((left, right, in_place));
    }
    // A right operand whose type subclasses the left's gets the first try.
    let right_first = right.is_subclass_instance()
        && !Arc::ptr_eq(types::type_ref(left), types::type_ref(right))
        && types::is_subclass(types::type_ref(right), types::type_ref(left));
    if right_first {
        attempts.push((right, left, reflected));
    }
    if left.is_subclass_instance() {
        attempts.push((left, right, forward));
    }
    if right.is_subclass_instance() && !right_first {
        attempts.push((right, left, reflected));
    }
    for (receiver, other, name) in attempts {
        if let Some(method) = vm.override_method(receiver, name) {
            let result = vm.call1(method, other.clone())?;
            if !is_not_implemented(&result) {
                return Ok(result);
            }
        }
    }
    let left = left.scalar_inner().unwrap_or(left).clone();
    let right = right.scalar_inner().unwrap_or(right).clone();
    binary_plain(vm, op, &left, &right, inplace)
}

/// An out-of-line copy of the built-in operations, so that `binary`'s own copy keeps
/// its inlining (numbers first).
#[inline(never)]
pub(crate) fn binary_plain(
    vm: &mut Vm,
    op: BinOp,
    left: &Value,
    right: &Value,
    inplace: bool,
) -> PyResult<Value> {
    binary_builtin(vm, op, left, right, inplace)
}
