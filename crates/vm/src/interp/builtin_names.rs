//! The run's `builtins` namespace, read without a lock.
//!
//! Every name a program does not define itself (`len`, `range`, `print`, `int`) is
//! found in `builtins`, by every thread, at every use; a program changes `builtins`
//! almost never (`builtins.x = ...`, `setattr(builtins, ...)`, `del builtins.x` after
//! `import builtins`). So reads and writes go to different places:
//! - writes go to the `builtins` module's namespace (a `Globals` behind its mutex, like
//!   any module's, which `import builtins`, `dir()` and `__dict__` show), and each write
//!   then publishes a copy of the whole namespace as a new immutable snapshot with a new
//!   generation number;
//! - each Python thread keeps the snapshot it last saw (`BuiltinsView`, in its `Vm`) and
//!   looks names up in it without a lock; one atomic load of the generation per lookup
//!   tells it when a newer snapshot exists (then it takes that one, under the lock).
//!
//! A thread that changes `builtins` sees its change at its next lookup; another thread
//! sees it as soon as the write is ordered before its lookup (after a lock or a join
//! that follows the write), as with any shared variable.
//!
//! Must never: let a write to the namespace bypass `BuiltinNames::change_module` (the
//! snapshot would go stale), or take a lock on the lookup path.

use crate::code::Name;
use crate::value::*;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// A run's `builtins`: the module's namespace and its published snapshot.
pub(crate) struct BuiltinNames {
    /// The `builtins` module's namespace: what writes change.
    namespace: Arc<Globals>,
    /// The generation of the latest snapshot (equal to `published.generation`, stored
    /// after it under `published`'s lock): the one thing a lookup reads that a write
    /// changes.
    generation: AtomicU64,
    /// The latest snapshot.
    published: Mutex<BuiltinsView>,
}

/// One snapshot of `builtins`, as a thread last took it.
#[derive(Clone)]
pub(crate) struct BuiltinsView {
    generation: u64,
    names: Arc<AttrMap>,
}

impl BuiltinNames {
    /// A new run's `builtins`: the functions, classes and constants.
    pub(crate) fn new() -> BuiltinNames {
        let namespace = Arc::new(Globals {
            name: "builtins".into(),
            version: Default::default(),
            vars: crate::value::Mutex::new(AttrMap::default()),
        });
        crate::builtins::install_functions(&namespace);
        let names = Arc::new(lock(&namespace.vars).clone());
        BuiltinNames {
            namespace,
            generation: AtomicU64::new(0),
            published: Mutex::new(BuiltinsView {
                generation: 0,
                names,
            }),
        }
    }

    /// The namespace (for teardown).
    pub(crate) fn namespace(&self) -> &Arc<Globals> {
        &self.namespace
    }

    /// The `builtins` module (what `import builtins` binds).
    pub(crate) fn module(&self) -> Value {
        Value::obj(Payload::Module(Module {
            name: "builtins".into(),
            globals: self.namespace.clone(),
        }))
    }

    /// The latest snapshot.
    pub(crate) fn view(&self) -> BuiltinsView {
        lock(&self.published).clone()
    }

    /// Changes a module's namespace (`module.x = ...`, `del module.x`): every write to a
    /// module's attributes comes here, so a write to `builtins` is published before it
    /// returns. The namespace stays locked until its snapshot is published, so
    /// concurrent writes publish in the order they changed it.
    pub(crate) fn change_module<R>(
        &self,
        globals: &Arc<Globals>,
        change: impl FnOnce(&mut AttrMap) -> R,
    ) -> R {
        let mut vars = globals.write();
        let result = change(&mut vars);
        if Arc::ptr_eq(globals, &self.namespace) {
            let mut published = lock(&self.published);
            let generation = published.generation + 1;
            *published = BuiltinsView {
                generation,
                names: Arc::new(vars.clone()),
            };
            self.generation.store(generation, Ordering::Release);
        }
        result
    }
}

impl BuiltinNames {
    /// The generation of the latest snapshot: a value found in a snapshot of this
    /// generation is still the built-in while this is unchanged.
    #[inline]
    pub(crate) fn current_generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }
}

impl BuiltinsView {
    /// The generation of this snapshot.
    #[inline]
    pub(crate) fn generation(&self) -> u64 {
        self.generation
    }

    /// The built-in called `name`: from this thread's snapshot, taking the latest one
    /// first if `builtins` changed since (one atomic load, no lock, when it did not).
    #[inline]
    pub(crate) fn get(&mut self, builtins: &BuiltinNames, name: &str) -> Option<Value> {
        if builtins.generation.load(Ordering::Acquire) != self.generation {
            *self = builtins.view();
        }
        self.names.get(name).cloned()
    }

    /// Every name in this thread's snapshot (for "Did you mean" hints).
    pub(crate) fn names(&self) -> impl Iterator<Item = &Name> {
        self.names.keys()
    }
}

#[cfg(test)]
mod tests {
    use super::BuiltinNames;
    use crate::value::{lock, Globals, Mutex, Value};
    use std::sync::Arc;

    #[test]
    fn a_write_to_builtins_reaches_every_snapshot_at_its_next_lookup() {
        let builtins = BuiltinNames::new();
        let mut view = builtins.view();
        assert!(view.get(&builtins, "len").is_some());
        let namespace = builtins.namespace().clone();
        builtins.change_module(&namespace, |vars| {
            vars.insert("answer".into(), Value::Int(42));
            vars.shift_remove("len")
        });
        assert!(matches!(
            view.get(&builtins, "answer"),
            Some(Value::Int(42))
        ));
        assert!(view.get(&builtins, "len").is_none());
        assert!(matches!(
            builtins.view().get(&builtins, "answer"),
            Some(Value::Int(42))
        ));
    }

    #[test]
    fn a_write_to_another_module_publishes_nothing() {
        let builtins = BuiltinNames::new();
        let mut view = builtins.view();
        let other = Arc::new(Globals {
            name: "other".into(),
            version: Default::default(),
            vars: Mutex::new(Default::default()),
        });
        builtins.change_module(&other, |vars| vars.insert("len".into(), Value::None));
        assert!(lock(&other.vars).contains_key("len"));
        assert_eq!(view.generation, 0);
        assert!(matches!(view.get(&builtins, "len"), Some(Value::Obj(_))));
        assert_eq!(view.generation, 0);
    }
}
