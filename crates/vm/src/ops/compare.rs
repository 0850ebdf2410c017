//! Comparison: `is`, `in`, `==` and the orderings, with user classes' rich comparison
//! dunders (subclass first), exact int/float comparison, lexicographic sequence order,
//! set inclusion order, and membership (`in`) for every container. Recursion through
//! nested containers enters the stack guard; it must never recurse unguarded.

use super::arithmetic::{big, is_intlike, is_number, small};
use super::containers::set_keys;
use super::operators::{is_instance_obj, is_not_implemented};
use super::truth::truthy;
use crate::interp::{exc, Vm};
use crate::stack_guard;
use crate::types::ExcType;
use crate::types::{self, type_name};
use crate::value::*;
use crate::{PyErr, PyResult};
use bytecode::CmpOp;
use num_bigint::BigInt;
use std::sync::Arc;

pub(crate) fn compare(vm: &mut Vm, op: CmpOp, left: &Value, right: &Value) -> PyResult<Value> {
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

/// The comparison methods classes define in Python, tried in CPython's order; None
/// when none answers.
fn user_compare(vm: &mut Vm, op: CmpOp, left: &Value, right: &Value) -> PyResult<Option<Value>> {
    let (forward, reflected, _) = cmp_dunders(op);
    let user_defined = |value: &Value, name: &str| -> Option<Value> {
        let found = types::lookup_in_class(types::type_ref(value), name)?;
        matches!(found.payload(), Some(Payload::Function(_))).then_some(found)
    };
    let is_user = |value: &Value| is_instance_obj(value) || value.is_subclass_instance();
    // A right operand of a subclass type gets the first try, as in CPython.
    let right_first = is_user(right)
        && !Arc::ptr_eq(types::type_ref(left), types::type_ref(right))
        && types::is_subclass(types::type_ref(right), types::type_ref(left));
    let order: [(&Value, &Value, &str); 2] = if right_first {
        [(right, left, reflected), (left, right, forward)]
    } else {
        [(left, right, forward), (right, left, reflected)]
    };
    for (receiver, other, name) in order {
        if let Some(method) = user_defined(receiver, name) {
            let result = vm.call(
                method,
                Args::new(smallvec::smallvec![receiver.clone(), other.clone()]),
            )?;
            if !is_not_implemented(&result) {
                return Ok(Some(result));
            }
        }
    }
    if op == CmpOp::NotEq {
        if let Some(method) = user_defined(left, "__eq__") {
            let result = vm.call(
                method,
                Args::new(smallvec::smallvec![left.clone(), right.clone()]),
            )?;
            if !is_not_implemented(&result) {
                return Ok(Some(Value::Bool(!truthy(vm, &result)?)));
            }
        }
    }
    Ok(None)
}

/// A subclass of a built-in type: its Python comparison methods, else the built-in
/// comparison of the values (an int subclass compares as its int).
fn subclass_compare(vm: &mut Vm, op: CmpOp, left: &Value, right: &Value) -> PyResult<Value> {
    if let Some(result) = user_compare(vm, op, left, right)? {
        return Ok(result);
    }
    let left = left.scalar_inner().unwrap_or(left).clone();
    let right = right.scalar_inner().unwrap_or(right).clone();
    builtin_compare(vm, op, &left, &right)
}

fn rich_compare(vm: &mut Vm, op: CmpOp, left: &Value, right: &Value) -> PyResult<Value> {
    if (left.is_subclass_instance() || right.is_subclass_instance())
        && !is_instance_obj(left)
        && !is_instance_obj(right)
    {
        return subclass_compare(vm, op, left, right);
    }
    if is_instance_obj(left) || is_instance_obj(right) {
        let (_, _, symbol) = cmp_dunders(op);
        if let Some(result) = user_compare(vm, op, left, right)? {
            return Ok(result);
        }
        return match op {
            CmpOp::Eq => Ok(Value::Bool(left.is(right))),
            CmpOp::NotEq => Ok(Value::Bool(!left.is(right))),
            _ => Err(order_error(symbol, left, right)),
        };
    }
    builtin_compare(vm, op, left, right)
}

/// Comparison of built-in values.
pub(crate) fn builtin_compare(
    vm: &mut Vm,
    op: CmpOp,
    left: &Value,
    right: &Value,
) -> PyResult<Value> {
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
        ExcType::TypeError,
        format!(
            "'{symbol}' not supported between instances of '{}' and '{}'",
            type_name(left),
            type_name(right)
        ),
    )
}

/// `left == right` when neither is an object (None, bool, int, float, str): then it runs
/// no Python and takes no lock. None when either is an object.
fn plain_equal(left: &Value, right: &Value) -> Option<bool> {
    if matches!(left, Value::Obj(_)) || matches!(right, Value::Obj(_)) {
        return None;
    }
    Some(match (left, right) {
        (Value::Str(a), Value::Str(b)) => a == b,
        (Value::None, Value::None) => true,
        _ if is_number(left) && is_number(right) => {
            num_cmp(left, right) == Some(std::cmp::Ordering::Equal)
        }
        _ => false,
    })
}

/// Python `==`.
pub(crate) fn equal(vm: &mut Vm, left: &Value, right: &Value) -> PyResult<bool> {
    if left.is_subclass_instance() || right.is_subclass_instance() {
        if let Some(result) = user_compare(vm, CmpOp::Eq, left, right)? {
            return truthy(vm, &result);
        }
        if left.scalar_inner().is_some() || right.scalar_inner().is_some() {
            let left = left.scalar_inner().unwrap_or(left).clone();
            let right = right.scalar_inner().unwrap_or(right).clone();
            return equal(vm, &left, &right);
        }
    }
    equal_builtin(vm, left, right)
}

/// `equal` without the Python `__eq__` of a built-in subclass.
#[inline(always)]
pub(crate) fn equal_builtin(vm: &mut Vm, left: &Value, right: &Value) -> PyResult<bool> {
    if is_instance_obj(left) || is_instance_obj(right) {
        let result = rich_compare(vm, CmpOp::Eq, left, right)?;
        return truthy(vm, &result);
    }
    // None, bool, int, float and str compare here, and nowhere else (`x in list` reads
    // its plain items with the same function).
    if let Some(equal) = plain_equal(left, right) {
        return Ok(equal);
    }
    if left.is(right) {
        return Ok(true);
    }
    match (left, right) {
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

pub(crate) fn num_cmp(left: &Value, right: &Value) -> Option<std::cmp::Ordering> {
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
pub(crate) fn less_than(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if let (Value::Int(x), Value::Int(y)) = (a, b) {
        return Ok(x < y);
    }
    let result = rich_compare(vm, CmpOp::Lt, a, b)?;
    truthy(vm, &result)
}

/// Python `a > b` as a bool: `max` asks "is this item greater than the best so far",
/// and which operand comes first shows in the TypeError's message.
pub(crate) fn greater_than(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if let (Value::Int(x), Value::Int(y)) = (a, b) {
        return Ok(x > y);
    }
    let result = rich_compare(vm, CmpOp::Gt, a, b)?;
    truthy(vm, &result)
}

fn contains(vm: &mut Vm, container: &Value, item: &Value) -> PyResult<bool> {
    if container.is_subclass_instance() {
        if let Some(method) = vm.override_method(container, "__contains__") {
            let result = vm.call1(method, item.clone())?;
            return truthy(vm, &result);
        }
        if let Some(inner) = container.scalar_inner() {
            return contains(vm, &inner.clone(), item);
        }
    }
    contains_builtin(vm, container, item)
}

/// `contains` without the Python methods of a built-in subclass (for the built-in
/// dunders that `super()` reaches).
#[inline(always)]
pub(crate) fn contains_builtin(vm: &mut Vm, container: &Value, item: &Value) -> PyResult<bool> {
    match container {
        Value::Str(haystack) => match item {
            Value::Str(needle) => Ok(haystack.contains(&**needle)),
            _ => Err(exc(
                ExcType::TypeError,
                format!(
                    "'in <string>' requires string as left operand, not {}",
                    type_name(item)
                ),
            )),
        },
        Value::Obj(obj) => match &obj.payload {
            Payload::List(items) => {
                // As CPython's list_contains: position by position, rereading the
                // length, since an `__eq__` may change the list. Items whose equality
                // with `item` runs no Python are compared under one lock; the list is
                // never copied.
                let mut index = 0;
                loop {
                    let candidate = {
                        let items = lock(items);
                        loop {
                            let Some(candidate) = items.get(index) else {
                                return Ok(false);
                            };
                            if candidate.is(item) {
                                return Ok(true);
                            }
                            match plain_equal(candidate, item) {
                                Some(true) => return Ok(true),
                                Some(false) => index += 1,
                                None => break candidate.clone(),
                            }
                        }
                    };
                    if equal(vm, &candidate, item)? {
                        return Ok(true);
                    }
                    index += 1;
                }
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
                let key = vm.probe(container, item)?;
                Ok(lock(dict).contains_by(key.hash(), key.value()))
            }
            Payload::Set(set) => {
                let key = vm.probe(container, item)?;
                Ok(lock(set).contains_by(key.hash(), key.value()))
            }
            Payload::FrozenSet(set) => {
                let key = vm.probe(container, item)?;
                Ok(set.contains_by(key.hash(), key.value()))
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
            Payload::Class(_) => match vm.metaclass_method(container, "__contains__") {
                Some(method) => {
                    let result = vm.call1(method, item.clone())?;
                    truthy(vm, &result)
                }
                None => iter_contains(vm, container, item),
            },
            _ => iter_contains(vm, container, item),
        },
        _ => Err(exc(
            ExcType::TypeError,
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
            ExcType::TypeError,
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
