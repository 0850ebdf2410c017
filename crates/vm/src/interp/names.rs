//! Variables: loading, storing and deleting global, class-body and closure (cell)
//! variables, and the errors for unbound ones. (Fast locals are loaded and stored inline
//! in the instruction loop.)
//!
//! Nothing here may run Python code: a name lookup only reads namespaces.

use super::builtin_names::BuiltinNames;
use super::exceptions::{exc, name_error};
use super::frame::Vm;
use crate::code::{CodeObject, Name};
use crate::types::ExcType;
use crate::value::*;
use crate::{PyErr, PyResult};
use std::sync::Arc;

/// This thread's cache of globals: per slot (hashed from the namespace's and the name's
/// addresses) the last value a `LoadGlobal` found, with the namespace's change count
/// (`Globals::version`) it was found at. A hit is an acquire load of that count and a
/// compare: no lock and no hashing of the name. Every change to a namespace bumps its
/// count under its lock (`Globals::write`), so a hit is never older than any write ordered
/// before it, by any thread (a `--gil free` thread sees another's rebinding as soon as
/// it could see the write itself). A miss looks under the lock, first at the position the
/// name was found at last (checked against the key there), and refills the slot.
///
/// A name found among the builtins rather than in the module (`len`, `range`) is valid
/// while the module is unchanged (so still lacks the name) and `builtins` is at the same
/// generation.
#[derive(Default)]
pub(crate) struct GlobalPositions {
    hits: Vec<Option<GlobalHit>>,
}

/// One cached global. Holding the namespace and the name keeps their addresses from
/// being reused by others while they are compared by address.
struct GlobalHit {
    globals: Arc<Globals>,
    name: Name,
    /// `globals.version` when `value` was read.
    version: u64,
    /// Where the name was in the namespace (a guess for the next miss).
    index: usize,
    /// The `builtins` generation when the name was found there (absent from the module),
    /// or `NOT_BUILTIN`.
    generation: u64,
    value: Value,
}

const NOT_BUILTIN: u64 = u64::MAX;
const GLOBAL_SLOT_BITS: u32 = 8;
const GLOBAL_SLOTS: usize = 1 << GLOBAL_SLOT_BITS;

impl GlobalPositions {
    /// The cached value at `at` if it is `name` in `globals` and still valid: the
    /// namespace unchanged since it was read and, for a built-in, `builtins` too.
    #[inline(always)]
    fn fresh(
        &self,
        at: usize,
        globals: &Arc<Globals>,
        name: &Name,
        builtins: &BuiltinNames,
    ) -> Option<&Value> {
        let hit = self.hits.get(at)?.as_ref()?;
        (Arc::ptr_eq(&hit.globals, globals)
            && Arc::ptr_eq(&hit.name, name)
            && hit.version == globals.version()
            && (hit.generation == NOT_BUILTIN || hit.generation == builtins.current_generation()))
        .then_some(&hit.value)
    }

    #[inline(always)]
    fn slot(&self, globals: &Arc<Globals>, name: &Name) -> usize {
        let key = ((Arc::as_ptr(globals) as usize) >> 4) ^ ((name.as_ptr() as usize) >> 3);
        let hash = (key as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (hash >> (64 - GLOBAL_SLOT_BITS)) as usize
    }

    /// The entry at `at` if it is for `name` in `globals`.
    #[inline(always)]
    fn entry(&mut self, at: usize, globals: &Arc<Globals>, name: &Name) -> Option<&mut GlobalHit> {
        match self.hits.get_mut(at) {
            Some(Some(hit))
                if Arc::ptr_eq(&hit.globals, globals) && Arc::ptr_eq(&hit.name, name) =>
            {
                Some(hit)
            }
            _ => None,
        }
    }

    /// Fills slot `at` (the namespace and name of a matching entry are kept, so a refill
    /// after a change touches no reference count but the values').
    #[inline]
    fn fill(
        &mut self,
        at: usize,
        globals: &Arc<Globals>,
        name: &Name,
        (version, index, generation): (u64, usize, u64),
        value: Value,
    ) {
        if let Some(hit) = self.entry(at, globals, name) {
            hit.version = version;
            hit.index = index;
            hit.generation = generation;
            hit.value = value;
            return;
        }
        if self.hits.is_empty() {
            self.hits = (0..GLOBAL_SLOTS).map(|_| None).collect();
        }
        self.hits[at] = Some(GlobalHit {
            globals: globals.clone(),
            name: name.clone(),
            version,
            index,
            generation,
            value,
        });
    }
}

impl Vm {
    pub(super) fn builtin_value(&mut self, name: &str) -> PyResult<Value> {
        self.builtins
            .get(&self.rt.builtins, name)
            .ok_or_else(|| name_error(name))
    }

    /// A global: the module's globals, then builtins (this thread's snapshot: no lock).
    #[inline]
    fn global_value(&mut self, name: &Name) -> PyResult<Value> {
        let globals = &self.frames.last().expect("a frame is running").globals;
        let at = self.global_positions.slot(globals, name);
        if let Some(value) = self
            .global_positions
            .fresh(at, globals, name, &self.rt.builtins)
        {
            return Ok(value.clone());
        }
        self.global_miss(name, at)
    }

    /// `global_value` when this thread's cache has no valid copy: looks under the
    /// namespace's lock and refills the cache.
    #[inline(never)]
    fn global_miss(&mut self, name: &Name, at: usize) -> PyResult<Value> {
        let globals = self
            .frames
            .last()
            .expect("a frame is running")
            .globals
            .clone();
        let guess = self
            .global_positions
            .entry(at, &globals, name)
            .map_or(usize::MAX, |hit| hit.index);
        let (version, found) = {
            let vars = lock(&globals.vars);
            let version = globals.version();
            let found = match vars.get_index(guess) {
                Some((key, value)) if Arc::ptr_eq(key, name) || **key == **name => {
                    Some((guess, value.clone()))
                }
                _ => vars
                    .get_full(name)
                    .map(|(index, _, value)| (index, value.clone())),
            };
            (version, found)
        };
        if let Some((index, value)) = found {
            self.global_positions.fill(
                at,
                &globals,
                name,
                (version, index, NOT_BUILTIN),
                value.clone(),
            );
            return Ok(value);
        }
        self.builtin_global(name, at, &globals, version)
    }

    /// A global not in the module's namespace `globals` (at change count `version` when it
    /// was looked in): a builtin, remembered for the next lookup, or a `NameError`.
    #[cold]
    fn builtin_global(
        &mut self,
        name: &Name,
        at: usize,
        globals: &Arc<Globals>,
        version: u64,
    ) -> PyResult<Value> {
        if let Some(value) = self.builtins.get(&self.rt.builtins, name) {
            let generation = self.builtins.generation();
            self.global_positions.fill(
                at,
                globals,
                name,
                (version, usize::MAX, generation),
                value.clone(),
            );
            return Ok(value);
        }
        let error = name_error(name);
        // Remember what was visible, for the "Did you mean" hint of the traceback.
        if let Some(Payload::Instance(instance)) = error.0.payload() {
            let frame = self.top();
            let mut visible: Vec<Value> = frame
                .code
                .varnames
                .iter()
                .zip(&frame.fast)
                .filter(|(n, v)| v.is_some() && !n.starts_with(".save"))
                .map(|(n, _)| Value::Str(n.clone()))
                .collect();
            visible.extend(
                lock(&frame.globals.vars)
                    .keys()
                    .map(|k| Value::Str(k.clone())),
            );
            visible.extend(self.builtins.names().map(|k| Value::Str(k.clone())));
            lock(&instance.dict)
                .insert("__candidates__".into(), Value::obj(Payload::Tuple(visible)));
        }
        Err(error)
    }

    /// `LoadGlobal`: `global_value`'s hit written out here, the value cloned straight
    /// onto the stack (as a call of its own, returning the value through a `PyResult`
    /// and pushing it, a hit cost about twice as much; every call of a module-level
    /// function starts with one).
    #[inline(always)]
    pub(super) fn load_global(&mut self, name: &Name) -> PyResult<()> {
        let frame = self.frames.last_mut().expect("a frame is running");
        let globals = &frame.globals;
        let at = self.global_positions.slot(globals, name);
        if let Some(value) = self
            .global_positions
            .fresh(at, globals, name, &self.rt.builtins)
        {
            super::dispatch::push_clone(&mut frame.stack, value);
            return Ok(());
        }
        let value = self.global_miss(name, at)?;
        self.push(value);
        Ok(())
    }

    /// `del x` of a fast local.
    #[inline]
    pub(super) fn delete_fast(&mut self, index: usize, code: &CodeObject) -> PyResult<()> {
        if self.top_mut().fast[index].take().is_none() {
            return Err(unbound_local(&code.varnames[index]));
        }
        Ok(())
    }

    #[inline]
    pub(super) fn store_global(&mut self, name: &Name) {
        let value = self.pop();
        self.bind_global(name, value);
        if self.watching {
            self.sample_watched(false);
        }
    }

    /// Binds `name` in the current module's namespace. This thread's cached copy of it
    /// is updated (so it stays valid and no longer holds the old value alive: a program
    /// that drops a big global gets its memory back); the module's other cached globals
    /// refill once.
    fn bind_global(&mut self, name: &Name, value: Value) {
        let globals = &self.frames.last().expect("a frame is running").globals;
        let (index, version) = {
            let mut vars = globals.write();
            let (index, _) = vars.insert_full(name.clone(), value.clone());
            (index, globals.version())
        };
        let at = self.global_positions.slot(globals, name);
        if let Some(hit) = self.global_positions.entry(at, globals, name) {
            hit.version = version;
            hit.index = index;
            hit.generation = NOT_BUILTIN;
            hit.value = value;
        }
    }

    /// Removes `name` from the current module's namespace (false if absent), and this
    /// thread's cached copy of it.
    fn unbind_global(&mut self, name: &Name) -> bool {
        let globals = &self.frames.last().expect("a frame is running").globals;
        let removed = globals.write().shift_remove(name);
        let at = self.global_positions.slot(globals, name);
        if self.global_positions.entry(at, globals, name).is_some() {
            self.global_positions.hits[at] = None;
        }
        removed.is_some()
    }

    #[inline]
    pub(super) fn delete_global(&mut self, name: &Name) -> PyResult<()> {
        if !self.unbind_global(name) {
            return Err(name_error(name));
        }
        Ok(())
    }

    /// A module-level or class-body name: the class namespace, then globals, then
    /// builtins.
    #[inline]
    pub(super) fn load_name(&mut self, name: &Name) -> PyResult<()> {
        let local = self
            .top()
            .class_ns
            .as_ref()
            .and_then(|ns| lock(ns).get(name).cloned());
        let value = match local {
            Some(value) => value,
            None => self.global_value(name)?,
        };
        self.push(value);
        Ok(())
    }

    #[inline]
    pub(super) fn store_name(&mut self, name: &Name) {
        let value = self.pop();
        match &self.top().class_ns {
            Some(ns) => {
                lock(ns).insert(name.clone(), value);
            }
            None => self.bind_global(name, value),
        }
    }

    #[inline]
    pub(super) fn delete_name(&mut self, name: &Name) -> PyResult<()> {
        let removed = match &self.top().class_ns {
            Some(ns) => lock(ns).shift_remove(name).is_some(),
            None => self.unbind_global(name),
        };
        if !removed {
            return Err(name_error(name));
        }
        Ok(())
    }

    /// A cell variable's content (cellvars first, then freevars).
    #[inline]
    pub(super) fn load_deref(&mut self, index: usize, code: &CodeObject) -> PyResult<()> {
        // The cell is read in place (no count traffic on it): only its content is cloned.
        // Under the modern GIL the holder reads it without the cell's lock, as a list's
        // items (`in_place::push_seq_item`), and writes it (`store_deref`) the same way.
        let exclusive = !self.slice.switch_anywhere;
        let value = match self.top().cell(index).and_then(Value::payload) {
            Some(Payload::Cell(content)) if exclusive => {
                // SAFETY: as in `push_seq_item`: only the GIL holder, this thread, writes
                // a cell's content while the modern GIL is in force, and it holds no
                // guard of this cell here; other threads may at most read it.
                unsafe { (*content.data_ptr()).clone() }
            }
            Some(Payload::Cell(content)) => lock(content).clone(),
            _ => None,
        };
        match value {
            Some(value) => self.push(value),
            None => {
                let name = cell_name(code, index);
                return Err(exc(ExcType::NameError,
                    format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
                ));
            }
        }
        Ok(())
    }

    /// Writes a cell variable's content. Under the modern GIL the holder writes without
    /// the cell's lock, for the reason `load_deref` reads without it: every access to a
    /// cell's content is made by a thread running Python code (the instructions here,
    /// `__class__` and `super()`, `locals()`/`vars()`, a function's `__closure__`
    /// contents), so, while the modern GIL is in force, by the GIL holder alone; no
    /// thread reads cells off the GIL (the deadlock report's search walks lists,
    /// tuples and instances, never cells; a run's teardown empties them once no thread
    /// runs). Legacy and free-threaded runs lock.
    #[inline]
    pub(super) fn store_deref(&mut self, index: usize) {
        let value = self.pop();
        let exclusive = !self.slice.switch_anywhere;
        let cell = self.top().cell(index);
        if let Some(Payload::Cell(content)) = cell.and_then(Value::payload) {
            // The old content is dropped after the write (and after the lock is
            // released): dropping it may free other objects, never run Python code.
            let old = if exclusive {
                // SAFETY: as above, only this thread (the GIL holder) reads or writes
                // the content meanwhile, and it holds no guard of this cell here.
                unsafe { (*content.data_ptr()).replace(value) }
            } else {
                lock(content).replace(value)
            };
            drop(old);
        }
    }
}

fn cell_name(code: &CodeObject, index: usize) -> Name {
    if index < code.cellvars.len() {
        code.cellvars[index].clone()
    } else {
        code.freevars
            .get(index - code.cellvars.len())
            .cloned()
            .unwrap_or_else(|| "?".into())
    }
}

/// A fast local read or deleted before it was assigned.
#[cold]
pub(super) fn unbound_local(name: &str) -> PyErr {
    exc(
        ExcType::UnboundLocalError,
        format!("cannot access local variable '{name}' where it is not associated with a value"),
    )
}
