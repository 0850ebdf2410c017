//! The stable sort behind `list.sort` and `sorted`: CPython's list sort in outline
//! (natural runs, binary insertion up to a minimum run, merges of adjacent runs), on a
//! permutation of indices so moving an element copies four bytes and touches no
//! reference count, and an error leaves the caller's items untouched.
//!
//! Comparisons may run Python code (and fail), so none holds a lock. Like CPython's
//! `unsafe_*_compare`, when every key is an `int`, a `str`, a `float`, or a tuple (whose
//! first differing items are compared), the keys are compared in Rust without going
//! through the rich comparison; the outcome is the one `<` gives, and an inconsistent
//! `__lt__` can only produce some order, never a panic or a lost item.
//! Every comparison asks "is a later item less than an earlier one", as CPython's
//! timsort does, so a TypeError names the operands in CPython's order; `reverse=True`
//! reverses, sorts and reverses back, which keeps equal items in their first order.

use crate::interp::Vm;
use crate::memory;
use crate::ops;
use crate::value::*;
use crate::PyResult;
use std::cmp::Ordering;

/// Runs shorter than this are extended by binary insertion (CPython picks 32..64).
const MIN_RUN: usize = 32;

/// How the keys compare: chosen once by looking at all of them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum KeyKind {
    Int,
    Str,
    Float,
    Tuple,
    Any,
}

fn key_kind(keys: &[Value]) -> KeyKind {
    let Some(first) = keys.first() else {
        return KeyKind::Any;
    };
    let kind = match first {
        Value::Int(_) => KeyKind::Int,
        Value::Str(_) => KeyKind::Str,
        Value::Float(_) => KeyKind::Float,
        _ if plain_tuple(first).is_some() => KeyKind::Tuple,
        _ => return KeyKind::Any,
    };
    let same = keys.iter().all(|key| match kind {
        KeyKind::Int => matches!(key, Value::Int(_)),
        KeyKind::Str => matches!(key, Value::Str(_)),
        KeyKind::Float => matches!(key, Value::Float(_)),
        _ => plain_tuple(key).is_some(),
    });
    if same {
        kind
    } else {
        KeyKind::Any
    }
}

/// The items of a tuple that is not an instance of a program's subclass (which could
/// override the comparison).
fn plain_tuple(value: &Value) -> Option<&[Value]> {
    match value {
        Value::Obj(obj) if obj.ext.is_none() => match &obj.payload {
            Payload::Tuple(items) => Some(items),
            _ => None,
        },
        _ => None,
    }
}

/// Compares two keys of one kind; `later < earlier` is what is asked.
struct Keys<'a> {
    keys: &'a [Value],
    kind: KeyKind,
}

impl Keys<'_> {
    /// Inlined into every merge step: ints and floats compare in a few instructions;
    /// the rest goes out of line so the merge loops stay small.
    #[inline(always)]
    fn less(&self, vm: &mut Vm, a: u32, b: u32) -> PyResult<bool> {
        let (x, y) = (&self.keys[a as usize], &self.keys[b as usize]);
        match (self.kind, x, y) {
            (KeyKind::Int, Value::Int(x), Value::Int(y)) => Ok(x < y),
            (KeyKind::Float, Value::Float(x), Value::Float(y)) => Ok(x < y),
            _ => self.less_slow(vm, x, y),
        }
    }

    #[inline(never)]
    fn less_slow(&self, vm: &mut Vm, x: &Value, y: &Value) -> PyResult<bool> {
        match (self.kind, x, y) {
            (KeyKind::Str, Value::Str(x), Value::Str(y)) => Ok(x.as_bytes() < y.as_bytes()),
            (KeyKind::Tuple, _, _) => tuple_less(vm, x, y),
            _ => ops::less_than(vm, x, y),
        }
    }
}

/// `x < y` for two plain tuples: items that are ints or strs on both sides are compared
/// here while they are equal; the first other pair hands the whole comparison to the
/// rich comparison (which sees the same equal prefix: comparing ints or strs runs no
/// Python code).
fn tuple_less(vm: &mut Vm, x: &Value, y: &Value) -> PyResult<bool> {
    let (Some(a), Some(b)) = (plain_tuple(x), plain_tuple(y)) else {
        return ops::less_than(vm, x, y);
    };
    for (p, q) in a.iter().zip(b) {
        let order = match (p, q) {
            (Value::Int(p), Value::Int(q)) => p.cmp(q),
            (Value::Str(p), Value::Str(q)) => p.as_bytes().cmp(q.as_bytes()),
            _ => return ops::less_than(vm, x, y),
        };
        if order != Ordering::Equal {
            return Ok(order == Ordering::Less);
        }
    }
    Ok(a.len() < b.len())
}

/// Sorts `items` in place (stable), by `key(item)` when a key function is given.
/// On error `items` is left as it was.
pub(crate) fn sort_values(
    vm: &mut Vm,
    items: &mut Vec<Value>,
    key: Option<Value>,
    reverse: bool,
) -> PyResult<()> {
    let n = items.len();
    if n > u32::MAX as usize {
        return Err(crate::interp::exc(
            crate::types::ExcType::MemoryError,
            "list too long to sort",
        ));
    }
    // The keys, the permutation and the merges' scratch space.
    memory::check_items(n, std::mem::size_of::<Value>() + 8)?;
    let keys: Vec<Value> = match &key {
        Some(key) => {
            let mut keys = Vec::with_capacity(n);
            for item in items.iter() {
                keys.push(vm.call1(key.clone(), item.clone())?);
            }
            keys
        }
        None => Vec::new(),
    };
    if n < 2 {
        return Ok(());
    }
    let mut order: Vec<u32> = (0..n as u32).collect();
    if reverse {
        order.reverse();
    }
    {
        let keys = Keys {
            kind: key_kind(if key.is_some() { &keys } else { items }),
            keys: if key.is_some() { &keys } else { items },
        };
        timsort(vm, &keys, &mut order)?;
    }
    if reverse {
        order.reverse();
    }
    let mut slots: Vec<Option<Value>> = std::mem::take(items).into_iter().map(Some).collect();
    items.extend(
        order
            .iter()
            .map(|&i| slots[i as usize].take().expect("a permutation")),
    );
    Ok(())
}

/// Sorts the permutation `order` by the keys it indexes (stable).
fn timsort(vm: &mut Vm, keys: &Keys, order: &mut [u32]) -> PyResult<()> {
    let n = order.len();
    let mut runs: Vec<(usize, usize)> = Vec::new(); // (start, length)
    let mut scratch: Vec<u32> = Vec::new();
    let mut start = 0;
    while start < n {
        let mut len = count_run(vm, keys, &mut order[start..])?;
        if len < MIN_RUN && start + len < n {
            let end = (start + MIN_RUN).min(n);
            binary_insertion(vm, keys, &mut order[start..end], len)?;
            len = end - start;
        }
        runs.push((start, len));
        start += len;
        // Keep run lengths growing down the stack (timsort's invariants, simplified):
        // merges stay balanced, so the work is O(n log n) whatever the runs.
        while runs.len() > 1 {
            let k = runs.len();
            let (_, c) = runs[k - 1];
            let (_, b) = runs[k - 2];
            let a = if k > 2 { runs[k - 3].1 } else { usize::MAX };
            if b <= c || a <= b + c {
                if a < c {
                    merge_at(vm, keys, order, &mut runs, k - 3, &mut scratch)?;
                } else {
                    merge_at(vm, keys, order, &mut runs, k - 2, &mut scratch)?;
                }
            } else {
                break;
            }
        }
    }
    while runs.len() > 1 {
        let k = runs.len();
        merge_at(vm, keys, order, &mut runs, k - 2, &mut scratch)?;
    }
    Ok(())
}

/// The length of the run at the start of `order`: ascending (each item not less than
/// the one before), or strictly descending, which is reversed in place (strictness keeps
/// the sort stable).
fn count_run(vm: &mut Vm, keys: &Keys, order: &mut [u32]) -> PyResult<usize> {
    let n = order.len();
    if n < 2 {
        return Ok(n);
    }
    let mut len = 2;
    if keys.less(vm, order[1], order[0])? {
        while len < n && keys.less(vm, order[len], order[len - 1])? {
            len += 1;
        }
        order[..len].reverse();
    } else {
        while len < n && !keys.less(vm, order[len], order[len - 1])? {
            len += 1;
        }
    }
    Ok(len)
}

/// Sorts `order` whose first `sorted` entries are already in order, inserting each
/// next one after the last entry it is not less than.
fn binary_insertion(vm: &mut Vm, keys: &Keys, order: &mut [u32], sorted: usize) -> PyResult<()> {
    for i in sorted.max(1)..order.len() {
        let pivot = order[i];
        let (mut lo, mut hi) = (0, i);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if keys.less(vm, pivot, order[mid])? {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        order.copy_within(lo..i, lo + 1);
        order[lo] = pivot;
    }
    Ok(())
}

/// Consecutive wins by one side after which a merge stops comparing item by item and
/// searches ahead for how many more that side wins (CPython's MIN_GALLOP).
const MIN_GALLOP: usize = 7;

/// The wins before the next gallop, after one that moved `count` entries at once.
fn next_gallop(gallop_after: usize, count: usize) -> usize {
    if count >= MIN_GALLOP {
        gallop_after.saturating_sub(1).max(1)
    } else {
        gallop_after + 2
    }
}

/// How many of the first entries of `run` (ascending) satisfy `wins`, which holds for a
/// prefix of it: by doubling steps, then bisecting the last step, as CPython's gallop.
fn gallop(
    vm: &mut Vm,
    run: &[u32],
    mut wins: impl FnMut(&mut Vm, u32) -> PyResult<bool>,
) -> PyResult<usize> {
    // Invariant: `run[..known]` all win; `run[limit..]` none (limit may be the end).
    let (mut known, mut step) = (0, 1);
    let mut limit = run.len();
    while known < run.len() {
        let probe = (known + step - 1).min(run.len() - 1);
        if wins(vm, run[probe])? {
            known = probe + 1;
            step *= 2;
        } else {
            limit = probe;
            break;
        }
    }
    while known < limit {
        let mid = known + (limit - known) / 2;
        if wins(vm, run[mid])? {
            known = mid + 1;
        } else {
            limit = mid;
        }
    }
    Ok(known)
}

/// Merges runs `at` and `at + 1` (adjacent in `order`) into one. As in CPython, the
/// left run's entries not greater than the right run's first, and the right run's
/// entries not less than the left run's last, are already in place; the rest merges
/// with galloping when one side keeps winning.
fn merge_at(
    vm: &mut Vm,
    keys: &Keys,
    order: &mut [u32],
    runs: &mut Vec<(usize, usize)>,
    at: usize,
    scratch: &mut Vec<u32>,
) -> PyResult<()> {
    let (start, left_len) = runs[at];
    let (_, right_len) = runs[at + 1];
    runs[at] = (start, left_len + right_len);
    runs.remove(at + 1);
    let slice = &mut order[start..start + left_len + right_len];
    // Already in order (common for nearly sorted input): nothing to move.
    if !keys.less(vm, slice[left_len], slice[left_len - 1])? {
        return Ok(());
    }
    // Left entries that the right's first is not less than stay where they are.
    let first_right = slice[left_len];
    let kept_left = gallop(vm, &slice[..left_len], |vm, entry| {
        keys.less(vm, first_right, entry).map(|less| !less)
    })?;
    // Right entries not less than the left's last stay where they are.
    let last_left = slice[left_len - 1];
    let moving_right = gallop(vm, &slice[left_len..], |vm, entry| {
        keys.less(vm, entry, last_left)
    })?;
    let slice = &mut slice[kept_left..left_len + moving_right];
    let left_len = left_len - kept_left;
    scratch.clear();
    scratch.extend_from_slice(&slice[..left_len]);
    // `out <= j` always, so writing `slice[out]` never overwrites an unread right entry.
    let (mut i, mut j, mut out) = (0, left_len, 0);
    let (mut right_wins, mut left_wins) = (0, 0);
    // As CPython's min_gallop: a gallop that found a long stretch makes the next one
    // come sooner; one that did not pay makes it come later (random data seldom gallops).
    let mut gallop_after = MIN_GALLOP;
    // An error leaves the loop (not the function) so the left run's rest is put back.
    let merged: PyResult<()> = 'merge: {
        macro_rules! attempt {
            ($e:expr) => {
                match $e {
                    Ok(value) => value,
                    Err(error) => break 'merge Err(error),
                }
            };
        }
        while i < left_len && j < slice.len() {
            if right_wins >= gallop_after {
                // How many more right entries are less than the left's next one.
                let pivot = scratch[i];
                let count =
                    attempt!(gallop(vm, &slice[j..], |vm, entry| keys.less(vm, entry, pivot)));
                slice.copy_within(j..j + count, out);
                (j, out, right_wins) = (j + count, out + count, 0);
                gallop_after = next_gallop(gallop_after, count);
                if count == 0 || j == slice.len() {
                    continue;
                }
            } else if left_wins >= gallop_after {
                // How many more left entries the right's next one is not less than.
                let pivot = slice[j];
                let count = attempt!(gallop(vm, &scratch[i..], |vm, entry| {
                    keys.less(vm, pivot, entry).map(|less| !less)
                }));
                slice[out..out + count].copy_from_slice(&scratch[i..i + count]);
                (i, out, left_wins) = (i + count, out + count, 0);
                gallop_after = next_gallop(gallop_after, count);
                if count == 0 || i == left_len {
                    continue;
                }
            }
            // Take from the right only when it is strictly less: stability.
            if attempt!(keys.less(vm, slice[j], scratch[i])) {
                slice[out] = slice[j];
                j += 1;
                (right_wins, left_wins) = (right_wins + 1, 0);
            } else {
                slice[out] = scratch[i];
                i += 1;
                (right_wins, left_wins) = (0, left_wins + 1);
            }
            out += 1;
        }
        Ok(())
    };
    // The rest of the left run goes back before the right's unread entries, on success
    // and on error alike, so `order` stays a permutation.
    slice[out..out + left_len - i].copy_from_slice(&scratch[i..]);
    merged
}
