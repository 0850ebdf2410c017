//! Giving a finished run's memory back.
//!
//! Values are reference-counted and the VM has no cycle collector, so anything that
//! points back at itself would outlive its run: every function holds its module's
//! globals, which hold the function; every class holds its methods, which hold the
//! globals, which hold the class. In the page one tab runs program after program, so a
//! run that keeps what it built would, a few runs later, leave the next program nothing
//! of the allocation budget.
//!
//! When the last thread of a run lets go of its [`Runtime`] (so no Python code of the
//! run can execute any more), the runtime's drop empties every mutable container
//! reachable from the run's modules: module globals, lists, dicts, sets, instance and
//! class dicts, cells, function attributes, suspended generator frames, exception
//! chains. Cycles among them are cut, so everything is freed as the last references
//! drop (through the trashcan, so depth is no problem). Cycles the program made
//! unreachable while it ran (a list that contains itself and was then forgotten) are
//! not found; CPython's collector would free those.
//!
//! This module must never touch an object that can outlive the run: the built-in
//! classes (with their methods) are process-wide and shared by every run, so classes
//! marked built-in are skipped (their dicts are frozen anyway), and immutable objects
//! are only walked through. The run's `builtins` namespace is its own and is emptied.

use super::interp::Runtime;
use super::value::*;
use std::collections::HashSet;
use std::sync::Arc;

impl Drop for Runtime {
    fn drop(&mut self) {
        let mut sweep = Sweep::default();
        let modules: Vec<Value> = lock(&self.modules).drain().map(|(_, m)| m).collect();
        sweep.pending.extend(modules);
        if let Some(globals) = lock(&self.main_globals).take() {
            sweep.empty_globals(&globals);
        }
        sweep.empty_globals(self.builtins.namespace());
        sweep.run();
        crate::ops::forget_strings();
    }
}

#[derive(Default)]
struct Sweep {
    /// Values still to empty (and so to drop, once this holds their last reference).
    pending: Vec<Value>,
    /// Objects and globals already emptied, by address.
    seen: HashSet<usize>,
}

impl Sweep {
    fn run(&mut self) {
        while let Some(value) = self.pending.pop() {
            if let Value::Obj(obj) = &value {
                if self.seen.insert(Arc::as_ptr(obj) as usize) {
                    self.empty(obj);
                }
            }
        }
    }

    fn empty_globals(&mut self, globals: &Arc<Globals>) {
        if self.seen.insert(Arc::as_ptr(globals) as *const u8 as usize) {
            let vars = {
                let mut vars = globals.write();
                std::mem::take(&mut *vars)
            };
            self.pending.extend(vars.into_values());
        }
    }

    fn empty_attrs(&mut self, attrs: &crate::value::Mutex<AttrMap>) {
        let attrs = std::mem::take(&mut *lock(attrs));
        self.pending.extend(attrs.into_values());
    }

    /// Moves everything `obj` holds onto `pending` (mutable containers are emptied,
    /// immutable ones only walked).
    fn empty(&mut self, obj: &Arc<Obj>) {
        if let Some(ext) = &obj.ext {
            self.pending.push(Value::Obj(ext.class.clone()));
            self.empty_attrs(&ext.dict);
        }
        let pending = &mut self.pending;
        match &obj.payload {
            Payload::List(items) => pending.append(&mut lock(items)),
            Payload::Tuple(items) => pending.extend(items.iter().cloned()),
            Payload::Dict(dict) => {
                for (key, value) in std::mem::take(&mut *lock(dict)) {
                    pending.push(key.value);
                    pending.push(value);
                }
            }
            Payload::Set(set) => {
                let set = std::mem::take(&mut *lock(set));
                pending.extend(set.iter().map(|key| key.value.clone()));
            }
            Payload::FrozenSet(set) => pending.extend(set.iter().map(|key| key.value.clone())),
            Payload::Slice(a, b, c) => pending.extend([a.clone(), b.clone(), c.clone()]),
            Payload::Function(function) => {
                pending.extend(function.defaults.iter().cloned());
                pending.extend(function.kwdefaults.iter().map(|(_, v)| v.clone()));
                pending.extend(function.closure.iter().cloned());
                self.empty_attrs(&function.attrs);
                self.empty_globals(&function.globals);
            }
            Payload::Builtin(builtin) => pending.extend(builtin.bound.clone()),
            Payload::BoundMethod(receiver, function) | Payload::Property(receiver, function) => {
                pending.extend([receiver.clone(), function.clone()]);
            }
            Payload::StaticMethod(inner) | Payload::ClassMethod(inner) => {
                pending.push(inner.clone());
            }
            Payload::DictView(_, dict) => pending.push(dict.clone()),
            Payload::Super(class, object) => {
                pending.extend([Value::Obj(class.clone()), object.clone()]);
            }
            // Built-in classes are shared by every run: never emptied.
            Payload::Class(class) if class.is_builtin() || &*class.module == "builtins" => {}
            Payload::Class(class) => {
                pending.extend(class.bases.iter().cloned().map(Value::Obj));
                if let Some(dict) = class.dict.mutable() {
                    self.empty_attrs(dict);
                }
            }
            Payload::Instance(instance) => {
                pending.push(Value::Obj(instance.class.clone()));
                self.empty_attrs(&instance.dict);
                if let Some(data) = &instance.exception {
                    let data = std::mem::take(&mut *lock(data));
                    let pending = &mut self.pending;
                    pending.extend(data.args);
                    pending.extend(data.cause);
                    pending.extend(data.context);
                    pending.extend(data.traceback_object.map(|(_, tb)| tb));
                }
            }
            Payload::Module(module) => self.empty_globals(&module.globals),
            Payload::Cell(cell) => pending.extend(lock(cell).take()),
            Payload::Scalar(_) => {}
            Payload::Iterator(state) => {
                let state = std::mem::replace(&mut *lock(state), IterState::Exhausted);
                match state {
                    IterState::Seq { seq, .. } => pending.push(seq),
                    IterState::Hashed { container, .. } => pending.push(container),
                    IterState::Items { items, .. } => pending.extend(items),
                    IterState::Lazy(lazy) => match *lazy {
                        LazyIter::Enumerate { inner, count } => pending.extend([inner, count]),
                        LazyIter::Zip { inners, .. } => pending.extend(inners),
                        LazyIter::Map { func, inners } => {
                            pending.push(func);
                            pending.extend(inners);
                        }
                        LazyIter::Filter { func, inner } => pending.extend([func, inner]),
                        LazyIter::Reversed { seq, .. } => pending.push(seq),
                    },
                    IterState::Range { .. } | IterState::Exhausted => {}
                }
            }
            Payload::Generator(generator) => {
                let state =
                    std::mem::replace(&mut *lock(&generator.state), GeneratorState::Finished);
                if let GeneratorState::Suspended(frame) = state {
                    let frame = *frame;
                    pending.extend(frame.stack);
                    pending.extend(frame.fast.into_iter().flatten());
                    pending.extend(frame.cells);
                    pending.extend(frame.function.map(Value::Obj));
                    if let Some(namespace) = &frame.class_ns {
                        self.empty_attrs(namespace);
                    }
                    self.empty_globals(&frame.globals);
                }
            }
            Payload::Range(_) | Payload::Code(_) | Payload::Native(_) => {}
        }
    }
}
