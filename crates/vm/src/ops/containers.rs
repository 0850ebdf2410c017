//! The binary operators on containers: list and tuple concatenation and repetition
//! (`+=` and `*=` in place on lists), set algebra (`| & - ^`, in place on sets) and
//! dict merge (`|`). Sizes are checked against the memory budget before building; no
//! lock is held while an iterable is collected.

use super::arithmetic::{big, is_intlike};
use super::operators::unsupported;
use crate::interp::{exc, Vm};
use crate::memory;
use crate::types::type_name;
use crate::types::ExcType;
use crate::value::Mutex;
use crate::value::*;
use crate::PyResult;
use bytecode::BinOp;
use num_traits::{Signed, ToPrimitive};

pub(super) fn repeat_count(n: &Value) -> PyResult<usize> {
    match big(n) {
        Some(n) if n.is_negative() => Ok(0),
        Some(n) => match n.to_usize() {
            Some(count) => Ok(count),
            None => Err(exc(
                ExcType::OverflowError,
                "cannot fit 'int' into an index-sized integer",
            )),
        },
        None => Err(exc(
            ExcType::TypeError,
            "can't multiply sequence by non-int",
        )),
    }
}

pub(super) fn sequence_binary(
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
            if inplace {
                let b_items = lock(b).clone();
                memory::check_items(lock(a).len() + b_items.len(), std::mem::size_of::<Value>())?;
                lock(a).extend(b_items);
                return Ok(left.clone());
            }
            // One buffer of the final size, each side copied under its own lock (never
            // both at once: `a + a` is the same list).
            let b_len = lock(b).len();
            let mut items = {
                let a_items = lock(a);
                let total = a_items.len() + b_len;
                memory::check_items(total, std::mem::size_of::<Value>())?;
                let mut items = Vec::with_capacity(total);
                items.extend_from_slice(&a_items);
                items
            };
            items.extend_from_slice(&lock(b));
            Ok(Value::obj(Payload::List(Mutex::new(items))))
        }
        (BinOp::Add, Payload::List(a), _) if inplace => {
            let extra = vm.collect(right)?;
            memory::check_items(lock(a).len() + extra.len(), std::mem::size_of::<Value>())?;
            lock(a).extend(extra);
            Ok(left.clone())
        }
        (BinOp::Add, Payload::List(_), _) => Err(exc(
            ExcType::TypeError,
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
            ExcType::TypeError,
            format!(
                "can only concatenate tuple (not \"{}\") to tuple",
                type_name(right)
            ),
        )),
        (BinOp::Mult, Payload::List(a), _) if is_intlike(right) => {
            let count = repeat_count(right)?;
            let repeated = memory::repeat_values(&lock(a), count)?;
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
        // A class instance may still answer through `__rmul__`, so only built-ins here.
        (BinOp::Mult, Payload::List(_) | Payload::Tuple(_), rp)
            if !matches!(rp, Some(Payload::Instance(_))) =>
        {
            Err(exc(
                ExcType::TypeError,
                format!(
                    "can't multiply sequence by non-int of type '{}'",
                    type_name(right)
                ),
            ))
        }
        (
            BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor,
            Payload::Set(_) | Payload::FrozenSet(_),
            Some(Payload::Set(_) | Payload::FrozenSet(_)),
        ) => {
            if inplace {
                if let Payload::Set(target) = lp {
                    // In place, as CPython's `set_ior` and friends update the table.
                    let mut result = set_keys(left);
                    let b = set_keys(right);
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
            // A new set: computed from the operands' tables in place (no copies).
            let result = with_set_pair(left, right, |a, b| match op {
                BinOp::BitOr => a.union(b),
                BinOp::BitAnd => a.intersection(b),
                BinOp::Sub => a.difference(b),
                _ => a.symmetric_difference(b),
            });
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

/// Runs `f` on the tables of two sets or frozensets (an empty one for anything else, as
/// [`set_keys`] gives), holding the locks of the mutable ones meanwhile. `f` must not
/// run Python or take another lock (key equality never does). Two locks are taken in
/// address order, so two threads combining the same sets the other way round cannot
/// deadlock; the same set on both sides is locked once.
fn with_set_pair<R>(left: &Value, right: &Value, f: impl FnOnce(&Set, &Set) -> R) -> R {
    match (left.payload(), right.payload()) {
        (Some(Payload::FrozenSet(a)), Some(Payload::FrozenSet(b))) => f(a, b),
        (Some(Payload::FrozenSet(a)), Some(Payload::Set(b))) => f(a, &lock(b)),
        (Some(Payload::Set(a)), Some(Payload::FrozenSet(b))) => f(&lock(a), b),
        (Some(Payload::Set(a)), Some(Payload::Set(b))) => {
            if std::ptr::eq(a, b) {
                let both = lock(a);
                f(&both, &both)
            } else if (a as *const Mutex<Set>) < (b as *const Mutex<Set>) {
                let first = lock(a);
                f(&first, &lock(b))
            } else {
                let first = lock(b);
                f(&lock(a), &first)
            }
        }
        _ => f(&set_keys(left), &set_keys(right)),
    }
}

pub(crate) fn set_keys(value: &Value) -> Set {
    match value.payload() {
        Some(Payload::Set(s)) => lock(s).clone(),
        Some(Payload::FrozenSet(s)) => s.clone(),
        _ => Set::new(),
    }
}
