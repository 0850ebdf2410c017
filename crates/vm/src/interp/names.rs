//! Variables: loading, storing and deleting global, class-body and closure (cell)
//! variables, and the errors for unbound ones. (Fast locals are loaded and stored inline
//! in the instruction loop.)
//!
//! Nothing here may run Python code: a name lookup only reads namespaces.

use super::exceptions::{exc, name_error};
use super::frame::Vm;
use crate::code::{CodeObject, Name};
use crate::types::ExcType;
use crate::value::*;
use crate::{PyErr, PyResult};
use std::sync::Arc;

/// Where this thread last found each global (by namespace and name) in its module's
/// namespace: a guess, used only when the key at that position is the name, so no write
/// to a namespace (by any thread, through any path) can make it give a wrong value; a
/// hit skips hashing the name. Namespaces keep their order, so a guess stays right until
/// a deletion moves the names after it.
///
/// It also remembers, per slot, a name last found among the builtins rather than in the
/// module (`len`, `range`): see [`BuiltinHit`].
#[derive(Default)]
pub(crate) struct GlobalPositions {
    guesses: Vec<usize>,
    builtins: Vec<Option<BuiltinHit>>,
}

/// A global found among the builtins: valid while the module's namespace has the same
/// length and removal count (so no name was added to it: adding one raises the length,
/// and only a removal, which bumps the count, lowers it) and `builtins` is at the same
/// generation. Both are read under the namespace's lock (the count) or with an acquire
/// load (the generation), so a write another thread made before this thread could see
/// it is never missed. Holding the namespace and the name keeps their addresses from
/// being reused by others.
struct BuiltinHit {
    globals: Arc<Globals>,
    name: Name,
    len: usize,
    removals: u64,
    generation: u64,
    value: Value,
}

const GLOBAL_SLOT_BITS: u32 = 8;
const GLOBAL_SLOTS: usize = 1 << GLOBAL_SLOT_BITS;

impl GlobalPositions {
    #[inline(always)]
    fn slot(&self, globals: &Arc<Globals>, name: &Name) -> usize {
        let key = ((Arc::as_ptr(globals) as usize) >> 4) ^ ((name.as_ptr() as usize) >> 3);
        let hash = (key as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (hash >> (64 - GLOBAL_SLOT_BITS)) as usize
    }

    #[inline(always)]
    fn guess(&self, at: usize) -> usize {
        self.guesses.get(at).copied().unwrap_or(usize::MAX)
    }

    #[inline]
    fn remember(&mut self, at: usize, index: usize) {
        if self.guesses.is_empty() {
            self.guesses = vec![usize::MAX; GLOBAL_SLOTS];
        }
        self.guesses[at] = index;
    }

    #[inline(always)]
    fn builtin(&self, at: usize) -> Option<&BuiltinHit> {
        self.builtins.get(at).and_then(Option::as_ref)
    }

    #[inline]
    fn remember_builtin(&mut self, at: usize, hit: BuiltinHit) {
        if self.builtins.is_empty() {
            self.builtins = (0..GLOBAL_SLOTS).map(|_| None).collect();
        }
        self.builtins[at] = Some(hit);
    }
}

impl Vm {
    pub(super) fn builtin_value(&mut self, name: &str) -> PyResult<Value> {
        self.builtins
            .get(&self.rt.builtins, name)
            .ok_or_else(|| name_error(name))
    }

    /// A global: the module's globals, then builtins (this thread's snapshot: no lock).
    fn global_value(&mut self, name: &Name) -> PyResult<Value> {
        let globals = &self.frames.last().expect("a frame is running").globals;
        let at = self.global_positions.slot(globals, name);
        let (len, removals) = {
            let vars = lock(&globals.vars);
            if let Some(hit) = self.global_positions.builtin(at) {
                if Arc::ptr_eq(&hit.globals, globals)
                    && Arc::ptr_eq(&hit.name, name)
                    && hit.len == vars.len()
                    && hit.removals == globals.removal_count()
                {
                    drop(vars);
                    if hit.generation == self.rt.builtins.current_generation() {
                        return Ok(hit.value.clone());
                    }
                    // Still absent from the module; only builtins changed.
                    let absent = (hit.len, hit.removals);
                    return self.builtin_global(name, at, absent);
                }
            }
            if let Some((key, value)) = vars.get_index(self.global_positions.guess(at)) {
                if Arc::ptr_eq(key, name) || **key == **name {
                    return Ok(value.clone());
                }
            }
            if let Some((index, _, value)) = vars.get_full(name) {
                let value = value.clone();
                drop(vars);
                self.global_positions.remember(at, index);
                return Ok(value);
            }
            (vars.len(), globals.removal_count())
        };
        self.builtin_global(name, at, (len, removals))
    }

    /// A global not in the module's namespace (which had `len` names and `removals`
    /// removals when it was looked in): a builtin, remembered for the next
    /// lookup, or a `NameError`.
    #[cold]
    fn builtin_global(
        &mut self,
        name: &Name,
        at: usize,
        (len, removals): (usize, u64),
    ) -> PyResult<Value> {
        if let Some(value) = self.builtins.get(&self.rt.builtins, name) {
            let globals = self
                .frames
                .last()
                .expect("a frame is running")
                .globals
                .clone();
            let hit = BuiltinHit {
                globals,
                name: name.clone(),
                len,
                removals,
                generation: self.builtins.generation(),
                value: value.clone(),
            };
            self.global_positions.remember_builtin(at, hit);
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
                .filter(|(_, v)| v.is_some())
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

    #[inline]
    pub(super) fn load_global(&mut self, name: &Name) -> PyResult<()> {
        let value = self.global_value(name)?;
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
        let name = name.clone();
        lock(&self.top().globals.vars).insert(name, value);
        if self.watching {
            self.sample_watched(false);
        }
    }

    #[inline]
    pub(super) fn delete_global(&self, name: &Name) -> PyResult<()> {
        let globals = &self.top().globals;
        let mut vars = lock(&globals.vars);
        globals.note_removal();
        if vars.shift_remove(name).is_none() {
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
        let name = name.clone();
        let frame = self.top();
        match &frame.class_ns {
            Some(ns) => {
                lock(ns).insert(name, value);
            }
            None => {
                lock(&frame.globals.vars).insert(name, value);
            }
        }
    }

    #[inline]
    pub(super) fn delete_name(&self, name: &Name) -> PyResult<()> {
        let frame = self.top();
        let removed = match &frame.class_ns {
            Some(ns) => lock(ns).shift_remove(name),
            None => {
                let mut vars = lock(&frame.globals.vars);
                frame.globals.note_removal();
                vars.shift_remove(name)
            }
        };
        if removed.is_none() {
            return Err(name_error(name));
        }
        Ok(())
    }

    /// A cell variable's content (cellvars first, then freevars).
    #[inline]
    pub(super) fn load_deref(&mut self, index: usize, code: &CodeObject) -> PyResult<()> {
        // The cell is read in place (no count traffic on it): only its content is cloned.
        let value = match self.top().cell(index).and_then(Value::payload) {
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

    #[inline]
    pub(super) fn store_deref(&mut self, index: usize) {
        let value = self.pop();
        let cell = self.top().cell(index);
        if let Some(Payload::Cell(content)) = cell.and_then(Value::payload) {
            // The old content is dropped after the lock is released.
            let old = lock(content).replace(value);
            drop(old);
        }
    }

    /// Pushes the cell object itself (to build a closure).
    #[inline]
    pub(super) fn load_closure(&mut self, index: usize) {
        let cell = self
            .top()
            .cell(index)
            .expect("the compiler numbers cells")
            .clone();
        self.push(cell);
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
