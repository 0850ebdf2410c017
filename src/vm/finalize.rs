//! The end of a run: breaking the reference cycles its Python objects form, so their
//! memory comes back.
//!
//! Objects are reference counted (`Arc`), and Python programs make cycles all the time:
//! every function points at its module's globals, which point back at the function; a
//! class's methods, an exception's traceback, a thread object in `threading._active`.
//! Nothing would ever free them, and each run in the page would leak its modules
//! (about 165 KB for `import threading`). When the last thread of a run is gone, no Python
//! code can touch its objects again, so [`RunToken`]'s drop walks everything reachable
//! from the run's roots (modules, the main module's globals, the run's builtins) and
//! empties every container it finds; the cycles fall apart and the counts reach zero.
//! It must never touch objects shared by every run (the built-in classes and
//! functions), and never run while a thread of the run may still execute.
//!
//! Garbage cycles made and dropped during a run (`a = []; a.append(a); del a`) are not
//! reachable from the roots and stay until a cycle collector exists.

use super::interp::Runtime;
use super::value::{lock, GeneratorState, IterState, LazyIter, Payload, Value};
use std::collections::HashSet;
use std::sync::atomic::Ordering;
use std::sync::Arc;

/// Held by every thread (`Vm`) of a run. When the last one is dropped after the run has
/// ended ([`Runtime::end_run`]), the run's objects are cleared.
pub struct RunToken {
    runtime: Arc<Runtime>,
}

impl RunToken {
    pub fn new(runtime: &Arc<Runtime>) -> RunToken {
        runtime.live_vms.fetch_add(1, Ordering::AcqRel);
        RunToken {
            runtime: Arc::clone(runtime),
        }
    }
}

impl Drop for RunToken {
    fn drop(&mut self) {
        // The main thread's token is dropped only after `end_run`, so the count cannot
        // reach zero before the run has ended unless the run never started a thread.
        let last = self.runtime.live_vms.fetch_sub(1, Ordering::AcqRel) == 1;
        if last && self.runtime.run_ended.load(Ordering::Acquire) {
            clear_run_objects(&self.runtime);
        }
    }
}

/// Empties every container reachable from the run's roots. Iterative (a list nested a
/// million deep is one more item on the work list, not a deeper Rust stack).
fn clear_run_objects(runtime: &Runtime) {
    let mut work: Vec<Value> = Vec::new();
    work.extend(lock(&runtime.modules).drain().map(|(_, module)| module));
    if let Some(globals) = lock(&runtime.main_globals).take() {
        work.extend(std::mem::take(&mut *lock(&globals.vars)).into_values());
    }
    work.extend(std::mem::take(&mut *lock(&runtime.builtins.vars)).into_values());
    let mut seen: HashSet<usize> = HashSet::new();
    while let Some(value) = work.pop() {
        let Value::Obj(object) = value else {
            continue;
        };
        if !seen.insert(Arc::as_ptr(&object) as usize) {
            continue;
        }
        take_references(&object.payload, &mut work);
        // `object` is dropped here: its contents are on the work list, so the drop is
        // shallow even for deeply nested data.
    }
}

/// Moves what `payload` refers to onto `work`, leaving mutable containers empty.
/// Shared built-ins (classes and functions every run uses) are left alone.
fn take_references(payload: &Payload, work: &mut Vec<Value>) {
    match payload {
        Payload::Tuple(items) => work.extend(items.iter().cloned()),
        Payload::List(items) => work.append(&mut lock(items)),
        Payload::Dict(dict) => {
            for (key, value) in std::mem::take(&mut *lock(dict)) {
                work.push(key.value);
                work.push(value);
            }
        }
        Payload::Set(set) => {
            let mut set = lock(set);
            work.extend(set.iter().map(|key| key.value.clone()));
            set.clear();
        }
        Payload::FrozenSet(set) => work.extend(set.iter().map(|key| key.value.clone())),
        Payload::Slice(a, b, c) => work.extend([a.clone(), b.clone(), c.clone()]),
        Payload::Function(function) => {
            work.extend(function.defaults.iter().cloned());
            work.extend(function.kwdefaults.iter().map(|(_, value)| value.clone()));
            work.extend(function.closure.iter().cloned());
            work.extend(std::mem::take(&mut *lock(&function.attrs)).into_values());
            work.extend(std::mem::take(&mut *lock(&function.globals.vars)).into_values());
        }
        Payload::BoundMethod(receiver, function) => {
            work.push(receiver.clone());
            work.push(function.clone());
        }
        Payload::Class(class) if !class.is_builtin => {
            work.extend(std::mem::take(&mut *lock(&class.dict)).into_values());
            work.extend(class.bases.iter().cloned().map(Value::Obj));
        }
        Payload::Instance(instance) => {
            work.extend(std::mem::take(&mut *lock(&instance.dict)).into_values());
            if let Some(exception) = &instance.exception {
                let data = std::mem::take(&mut *lock(exception));
                work.extend(data.args);
                work.extend(data.cause);
                work.extend(data.context);
                work.extend(data.traceback_object.map(|(_, value)| value));
            }
        }
        Payload::Module(module) => {
            work.extend(std::mem::take(&mut *lock(&module.globals.vars)).into_values());
        }
        Payload::Cell(cell) => work.extend(lock(cell).take()),
        Payload::Iterator(state) => {
            take_iterator(
                std::mem::replace(&mut *lock(state), IterState::Exhausted),
                work,
            );
        }
        Payload::Generator(generator) => {
            if let GeneratorState::Suspended(frame) =
                std::mem::replace(&mut *lock(&generator.state), GeneratorState::Finished)
            {
                work.extend(frame.stack);
                work.extend(frame.fast.into_iter().flatten());
                work.extend(frame.cells);
                work.extend(std::mem::take(&mut *lock(&frame.globals.vars)).into_values());
            }
        }
        Payload::Property(getter, setter) => work.extend([getter.clone(), setter.clone()]),
        Payload::StaticMethod(inner) | Payload::ClassMethod(inner) => work.push(inner.clone()),
        Payload::DictView(_, dict) => work.push(dict.clone()),
        Payload::Super(_, receiver) => work.push(receiver.clone()),
        // Built-in classes, built-in functions, ranges, code objects and native objects
        // (locks, events: they hold no Python values) refer to nothing of the run.
        Payload::Class(_)
        | Payload::Builtin(_)
        | Payload::Range(_)
        | Payload::Code(_)
        | Payload::Native(_) => {}
    }
}

fn take_iterator(state: IterState, work: &mut Vec<Value>) {
    match state {
        IterState::Seq { seq, .. } => work.push(seq),
        IterState::Hashed { container, .. } => work.push(container),
        IterState::Items { items, .. } => work.extend(items),
        IterState::Lazy(lazy) => match *lazy {
            LazyIter::Enumerate { inner, count } => work.extend([inner, count]),
            LazyIter::Zip { inners } => work.extend(inners),
            LazyIter::Map { func, inners } => {
                work.push(func);
                work.extend(inners);
            }
            LazyIter::Filter { func, inner } => work.extend([func, inner]),
            LazyIter::Reversed { seq, .. } => work.push(seq),
        },
        IterState::Range { .. } | IterState::Exhausted => {}
    }
}
