//! `sum`, `any`, `all`, `max` and `min` over a generator, run in the caller's loop: the
//! generator's frame is pushed as an inline generator (see `InlineGen`) whose `yield`
//! feeds the built-in's running state (a `Fold`) and goes straight on in the generator's
//! frame, instead of one nested `execute` (and two copies of the frame) per item.
//!
//! Only where nothing can tell the difference: off the per-instruction check (as a `for`
//! loop's inline generator), and only while an item is folded without running Python
//! code (ints, floats, the scalars' truth). At the first item that could run Python code
//! (an `__add__`, `__bool__`, `__gt__`), the generator is suspended as after any `yield`
//! and the built-in finishes the usual way, resuming it per item, so Python code never
//! sees the generator running while the built-in works on its item.

use super::exceptions::exc;
use super::frame::Vm;
use crate::builtins::{better, SumState};
use crate::code::Instr;
use crate::types::ExcType;
use crate::value::*;
use crate::PyResult;

/// The running state of a built-in that consumes an iterator.
pub(super) enum Fold {
    Sum(SumState),
    Any,
    All,
    MinMax {
        want_max: bool,
        best: Option<Value>,
        name: &'static str,
    },
}

impl Fold {
    /// The fold `stack[callable_at]` called with `stack[callable_at + 1..]` would make,
    /// when that is `sum`, `any`, `all`, `max` or `min` on one generator (and, for `sum`,
    /// an int or float start).
    fn of_call(stack: &[Value], callable_at: usize) -> Option<Fold> {
        let Some(Payload::Builtin(builtin)) = stack[callable_at].payload() else {
            return None;
        };
        if builtin.bound.is_some() || builtin.owner.is_some() {
            return None;
        }
        let argc = stack.len() - callable_at - 1;
        Some(match (builtin.name, argc) {
            ("sum", 1) => Fold::Sum(SumState::new(Value::Int(0))),
            ("sum", 2) => match &stack[callable_at + 2] {
                start @ (Value::Int(_) | Value::Float(_)) => {
                    Fold::Sum(SumState::new(start.clone()))
                }
                _ => return None,
            },
            ("any", 1) => Fold::Any,
            ("all", 1) => Fold::All,
            ("max" | "min", 1) => Fold::MinMax {
                want_max: builtin.name == "max",
                best: None,
                name: builtin.name,
            },
            _ => return None,
        })
    }

    /// Whether folding `item` runs no Python code.
    #[inline]
    fn plain(&self, item: &Value) -> bool {
        match self {
            Fold::Sum(sum) => sum.adds_plainly(item),
            Fold::Any | Fold::All => !matches!(item, Value::Obj(_)),
            Fold::MinMax { best, .. } => match best {
                None => true,
                Some(best) => matches!((item, best), (Value::Int(_), Value::Int(_))),
            },
        }
    }

    /// Folds one item: the built-in's result when it is decided early (`any`, `all`).
    fn feed(&mut self, vm: &mut Vm, item: Value) -> PyResult<Option<Value>> {
        match self {
            Fold::Sum(sum) => sum.add(vm, item)?,
            Fold::Any => {
                if vm.truthy(&item)? {
                    return Ok(Some(Value::Bool(true)));
                }
            }
            Fold::All => {
                if !vm.truthy(&item)? {
                    return Ok(Some(Value::Bool(false)));
                }
            }
            Fold::MinMax { want_max, best, .. } => match best {
                None => *best = Some(item),
                Some(current) => {
                    if better(vm, &item, current, *want_max)? {
                        *best = Some(item);
                    }
                }
            },
        }
        Ok(None)
    }

    /// The built-in's result once the iterator is exhausted.
    pub(super) fn finish(self) -> PyResult<Value> {
        match self {
            Fold::Sum(sum) => Ok(sum.finish()),
            Fold::Any => Ok(Value::Bool(false)),
            Fold::All => Ok(Value::Bool(true)),
            Fold::MinMax {
                best: Some(best), ..
            } => Ok(best),
            Fold::MinMax {
                best: None, name, ..
            } => Err(exc(
                ExcType::ValueError,
                format!("{name}() iterable argument is empty"),
            )),
        }
    }
}

impl Vm {
    /// A call of `stack[callable_at]` (a built-in) that `Fold::of_call` recognises, on a
    /// suspended generator: pushes the generator's frame to run in this loop, feeding
    /// the fold (see the module's comment), and drops the call's values from the
    /// caller's stack. False (nothing done) otherwise.
    #[inline(always)]
    pub(super) fn fold_inline(&mut self, callable_at: usize) -> bool {
        // Every built-in call passes here: only a generator argument goes on.
        let on_generator = matches!(
            self.top().stack.get(callable_at + 1),
            Some(Value::Obj(obj)) if matches!(obj.payload, Payload::Generator(_))
        );
        on_generator && self.fold_inline_on(callable_at)
    }

    /// `fold_inline` once the first argument is a generator.
    #[inline(never)]
    fn fold_inline_on(&mut self, callable_at: usize) -> bool {
        let stack = &self.top().stack;
        let generator = &stack[callable_at + 1];
        if !matches!(generator.payload(), Some(Payload::Generator(g)) if !g.is_coroutine) {
            return false;
        }
        let Some(fold) = Fold::of_call(stack, callable_at) else {
            return false;
        };
        let generator = generator.clone();
        // The line a built-in call publishes (as `call_builtin_on_stack`).
        self.publish_line();
        if !self.enter_inline_with(Some(generator), 0, Some(Box::new(fold))) {
            return false;
        }
        let depth = self.frames.len() - 2;
        self.frames[depth].stack.truncate(callable_at);
        true
    }

    /// `yield value` from an inline generator run by a fold: folds the value and goes
    /// on in the generator's frame; or, decided early or at an item that could run
    /// Python code, suspends the generator and gives the built-in's result to the
    /// caller (finishing the fold with ordinary resumes in the second case).
    #[inline(never)]
    pub(super) fn yield_to_fold(&mut self, value: Value) -> PyResult<()> {
        let mut inline = self.inline_gens.pop().expect("an inline generator yielded");
        let mut fold = inline.fold.take().expect("a fold runs it");
        if fold.plain(&value) {
            let decided = fold.feed(self, value);
            if let Ok(None) = decided {
                // Resumed with None, as `deliver` does it off the per-instruction check:
                // a `yield` statement's `Pop` is skipped.
                let frame = self.frames.last_mut().expect("the generator's frame");
                if matches!(frame.code.instructions.get(frame.ip), Some(Instr::Pop)) {
                    frame.ip += 1;
                } else {
                    frame.stack.push(Value::None);
                }
                inline.fold = Some(fold);
                self.inline_gens.push(inline);
                return Ok(());
            }
            self.suspend_inline(inline);
            let result = decided?.expect("decided early");
            self.push(result);
            return Ok(());
        }
        let generator = inline
            .generator
            .clone()
            .expect("a fold holds its generator");
        self.suspend_inline(inline);
        let result = self.fold_rest(*fold, &generator, value)?;
        self.push(result);
        Ok(())
    }

    /// The rest of a fold the usual way (as the built-in runs it): `first`, then every
    /// item the generator yields when resumed.
    fn fold_rest(&mut self, mut fold: Fold, generator: &Value, first: Value) -> PyResult<Value> {
        if let Some(result) = fold.feed(self, first)? {
            return Ok(result);
        }
        while let Some(item) = self.next(generator)? {
            if let Some(result) = fold.feed(self, item)? {
                return Ok(result);
            }
        }
        fold.finish()
    }
}
