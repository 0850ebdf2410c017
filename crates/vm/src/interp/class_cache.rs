//! A thread's cache of class attribute lookups (CPython's type attribute cache).
//!
//! Finding `name` on a class walks the class and its MRO, hashing the name and taking
//! the class's lock at every step; an attribute of an instance (`self.x`) misses every
//! class before it is found in the instance dict, and a method sits on a base. Each
//! Python thread (`Vm`) keeps the answers, found or not, in a small direct-mapped table
//! keyed by the class's address and the name.
//!
//! An entry is valid only while `value::class_epoch()` is the number it was filled
//! under: every write to a program's class dict bumps that number (after the write), and
//! a fill reads it before looking up, so a stale answer is never returned once the write
//! is ordered before the lookup. Class MROs and metaclasses never change after creation,
//! and built-in classes are frozen, so nothing else can change an answer. An entry holds
//! a `Weak` to its class, so the address cannot be reused by another class while the
//! entry exists, and its own copy of the name, which is what a hit compares.
//!
//! It lives in the `Vm`, not in a thread-local: what it holds (functions, so their
//! globals) is dropped with the thread's `Vm`, never kept past its run.

use crate::code::Name;
use crate::types;
use crate::value::{class_epoch, Obj, Value};
use std::sync::{Arc, Weak};

/// Entries in a thread's table (a power of two).
const SLOTS: usize = 512;

/// The table; allocated on the first lookup (most threads of a threaded demo do few).
#[derive(Default)]
pub(crate) struct ClassCache {
    entries: Vec<Entry>,
}

struct Entry {
    /// The epoch it was filled under (0: never filled; epochs start at 1).
    epoch: u64,
    class: Weak<Obj>,
    /// The address of the text the entry was filled with, when that address is known
    /// to name that text for the entry's life (a kept `Name`, a `&'static str`), else
    /// 0: a lookup with the same address matches without comparing text.
    key: usize,
    /// The name (a lookup at another address compares this text).
    name: Name,
    value: Option<Value>,
    /// Where the name was last found in the dict of an instance of the class (instances
    /// made by the same `__init__` lay out their dicts alike): a guess, checked against
    /// the key found there before it is used.
    dict_hint: usize,
}

impl Entry {
    fn empty() -> Entry {
        Entry {
            epoch: 0,
            class: Weak::new(),
            key: 0,
            name: Name::from(""),
            value: None,
            dict_hint: usize::MAX,
        }
    }
}

#[inline(always)]
fn slot(class: &Arc<Obj>, name: &str) -> usize {
    // Addresses are stable for a name of a code object and for a `&'static str`, so
    // the same lookup lands in the same slot; a hit still compares the name's text.
    let key = ((Arc::as_ptr(class) as usize) >> 4) ^ ((name.as_ptr() as usize) >> 3);
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15_u64 as usize) >> 7) & (SLOTS - 1)
}

impl ClassCache {
    /// `types::lookup_in_class(class, name)`, from the table when it has the answer.
    #[inline]
    pub(crate) fn lookup(&mut self, class: &Arc<Obj>, name: &str) -> Option<Value> {
        // The text may be freed once this returns: its address proves nothing later.
        self.lookup_with(class, name, 0, || Name::from(name))
    }

    /// The same for a name written in the source of the VM (`"__setattr__"`): its
    /// address never names other text, so a hit needs no text comparison.
    #[inline]
    pub(crate) fn lookup_static(&mut self, class: &Arc<Obj>, name: &'static str) -> Option<Value> {
        self.lookup_with(class, name, name.as_ptr() as usize, || Name::from(name))
    }

    /// The same for a name of a code object: the entry keeps that very name alive, so
    /// its address names the same text as long as the entry exists.
    #[inline]
    pub(crate) fn lookup_name(&mut self, class: &Arc<Obj>, name: &Name) -> Option<Value> {
        self.lookup_with(class, name, name.as_ptr() as usize, || name.clone())
    }

    /// `lookup_name`, with the entry's slot (for `dict_hint` and `set_dict_hint`; valid
    /// until the next lookup).
    #[inline]
    pub(crate) fn lookup_name_at(
        &mut self,
        class: &Arc<Obj>,
        name: &Name,
    ) -> (Option<Value>, usize) {
        let value = self.lookup_name(class, name);
        (value, slot(class, name))
    }

    /// The guessed position of the entry's name in an instance dict (`usize::MAX`:
    /// none).
    #[inline]
    pub(crate) fn dict_hint(&self, at: usize) -> usize {
        self.entries.get(at).map_or(usize::MAX, |entry| entry.dict_hint)
    }

    #[inline]
    pub(crate) fn set_dict_hint(&mut self, at: usize, index: usize) {
        if let Some(entry) = self.entries.get_mut(at) {
            entry.dict_hint = index;
        }
    }

    /// `key`: the address of `name`'s text when that address keeps naming the same
    /// text while the entry lives (0 when it may not).
    #[inline(always)]
    fn lookup_with(
        &mut self,
        class: &Arc<Obj>,
        name: &str,
        key: usize,
        owned: impl FnOnce() -> Name,
    ) -> Option<Value> {
        let epoch = class_epoch();
        let at = slot(class, name);
        if let Some(entry) = self.entries.get(at) {
            if entry.epoch == epoch
                && std::ptr::eq(entry.class.as_ptr(), Arc::as_ptr(class))
                && ((entry.key == name.as_ptr() as usize && entry.name.len() == name.len())
                    || *entry.name == *name)
            {
                return entry.value.clone();
            }
        }
        self.fill(at, epoch, class, name, key, owned)
    }

    #[cold]
    #[inline(never)]
    fn fill(
        &mut self,
        at: usize,
        epoch: u64,
        class: &Arc<Obj>,
        name: &str,
        key: usize,
        owned: impl FnOnce() -> Name,
    ) -> Option<Value> {
        let value = types::lookup_in_class(class, name);
        if self.entries.is_empty() {
            self.entries = (0..SLOTS).map(|_| Entry::empty()).collect();
        }
        let entry = &mut self.entries[at];
        // The old entry's values are dropped after the new one is in place (a drop runs
        // no Python code, but it stays out of the table's way all the same).
        let name = owned();
        let old = std::mem::replace(
            entry,
            Entry {
                epoch,
                class: Arc::downgrade(class),
                key,
                name,
                value: value.clone(),
                dict_hint: usize::MAX,
            },
        );
        drop(old);
        value
    }
}

#[cfg(test)]
mod tests {
    use super::ClassCache;
    use crate::types::{class_of, new_class, types};
    use crate::value::{AttrMap, Value};

    #[test]
    fn a_write_to_a_base_class_reaches_the_cached_answer_of_a_subclass() {
        let base = new_class(
            "B",
            vec![types().object.clone()],
            AttrMap::default(),
            "m",
            false,
        )
        .expect("class");
        let sub =
            new_class("S", vec![base.clone()], AttrMap::default(), "m", false).expect("class");
        let mut cache = ClassCache::default();
        assert!(cache.lookup(&sub, "x").is_none());
        assert!(cache.lookup(&sub, "x").is_none());
        let dict = &class_of(&base).expect("class").dict;
        assert!(dict.insert("x".into(), Value::Int(7)));
        assert!(matches!(cache.lookup(&sub, "x"), Some(Value::Int(7))));
        assert!(dict.remove("x").is_some());
        assert!(cache.lookup(&sub, "x").is_none());
        // Built-in classes' answers come from the table too.
        assert!(cache.lookup(&types().list, "append").is_some());
        assert!(cache.lookup(&types().list, "append").is_some());
    }
}
