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
use crate::value::{class_epoch, AttrMap, Obj, Value};
use std::sync::{Arc, Weak};

/// A thread's table has `2^SET_BITS` sets of `WAYS` entries: answers whose keys land
/// in the same set do not evict each other until more than `WAYS` do. (With two ways,
/// three hot answers in one set, which the addresses of classes and names decide, made
/// a program refill its lookups all the time: a tenth more instructions on the methods
/// benchmark after an unrelated change had moved the VM's static names.)
const SET_BITS: u32 = 7;
const WAYS: usize = 4;
const SLOTS: usize = WAYS << SET_BITS;

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
    /// Whether the class's `__setattr__` is a program's own (not `object.__setattr__`),
    /// found when the entry was filled: a store to an instance asks it every time, and
    /// the entry is refilled after any write to a class dict (the epoch), as the answer.
    custom_setattr: bool,
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
            custom_setattr: false,
        }
    }
}

/// The first of the two entries (a set) where `name` on `class` may be.
#[inline(always)]
fn set_of(class: &Arc<Obj>, name: &str) -> usize {
    // Addresses are stable for a name of a code object and for a `&'static str`, so
    // the same lookup lands in the same set; a hit still checks the name.
    let key = ((Arc::as_ptr(class) as usize) >> 4) ^ ((name.as_ptr() as usize) >> 3);
    let hash = (key as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    ((hash >> (64 - SET_BITS)) as usize) * WAYS
}

/// The way of `set` whose entry answers `name` on `class` (the checks unrolled: an
/// iterator's `position` stayed an out-of-line call).
#[inline(always)]
fn way_of(set: &[Entry], epoch: u64, class: &Arc<Obj>, name: &str) -> Option<usize> {
    let [a, b, c, d] = set else {
        return None;
    };
    if a.answers(epoch, class, name) {
        Some(0)
    } else if b.answers(epoch, class, name) {
        Some(1)
    } else if c.answers(epoch, class, name) {
        Some(2)
    } else if d.answers(epoch, class, name) {
        Some(3)
    } else {
        None
    }
}

impl Entry {
    #[inline(always)]
    fn answers(&self, epoch: u64, class: &Arc<Obj>, name: &str) -> bool {
        self.epoch == epoch
            && std::ptr::eq(self.class.as_ptr(), Arc::as_ptr(class))
            && ((self.key == name.as_ptr() as usize && self.name.len() == name.len())
                || *self.name == *name)
    }
}

impl ClassCache {
    /// `types::lookup_in_class(class, name)`, from the table when it has the answer.
    #[inline]
    pub(crate) fn lookup(&mut self, class: &Arc<Obj>, name: &str) -> Option<Value> {
        // The text may be freed once this returns: its address proves nothing later.
        self.lookup_with(class, name, 0, || Name::from(name)).0
    }

    /// The same for a name written in the source of the VM (`"__setattr__"`): its
    /// address never names other text, so a hit needs no text comparison.
    #[inline]
    pub(crate) fn lookup_static(&mut self, class: &Arc<Obj>, name: &'static str) -> Option<Value> {
        self.lookup_with(class, name, name.as_ptr() as usize, || Name::from(name))
            .0
    }

    /// Whether `lookup_static(class, name)` answers a value that `test` accepts (None
    /// never does), without a clone of it (no count traffic on a shared object).
    #[inline]
    pub(crate) fn static_is(
        &mut self,
        class: &Arc<Obj>,
        name: &'static str,
        test: impl FnOnce(&Value) -> bool,
    ) -> bool {
        let at = self.slot(class, name, name.as_ptr() as usize, || Name::from(name));
        self.entries[at].value.as_ref().is_some_and(test)
    }

    /// The same for a name of a code object: the entry keeps that very name alive, so
    /// its address names the same text as long as the entry exists.
    #[inline]
    pub(crate) fn lookup_name(&mut self, class: &Arc<Obj>, name: &Name) -> Option<Value> {
        self.lookup_with(class, name, name.as_ptr() as usize, || name.clone())
            .0
    }

    /// `lookup_name`, with the entry's slot (for `dict_hint` and `set_dict_hint`; valid
    /// until the next lookup).
    #[inline]
    pub(crate) fn lookup_name_at(
        &mut self,
        class: &Arc<Obj>,
        name: &Name,
    ) -> (Option<Value>, usize) {
        self.lookup_with(class, name, name.as_ptr() as usize, || name.clone())
    }

    /// The slot of the entry answering `name` (of a code object) on `class`, filled
    /// first when none does: for `value_at` and the other slot readers, which borrow
    /// the answer instead of cloning it (no count traffic on a shared class attribute).
    /// Valid until the next lookup.
    #[inline]
    pub(crate) fn name_slot(&mut self, class: &Arc<Obj>, name: &Name) -> usize {
        self.slot(class, name, name.as_ptr() as usize, || name.clone())
    }

    /// The slot of the entry answering `name` (of a code object) on `class` when the
    /// table has one now (`name_slot` without the fill): for a lookup made while
    /// another entry's answer is still borrowed (`in_place::trivial_get_probed`).
    #[inline(always)]
    pub(crate) fn probe(&self, class: &Arc<Obj>, name: &Name) -> Option<usize> {
        let epoch = class_epoch();
        let at = set_of(class, name);
        let set = self.entries.get(at..at + WAYS)?;
        way_of(set, epoch, class, name).map(|way| at + way)
    }

    /// The class attribute the entry at `at` (from `name_slot`) answers, borrowed.
    #[inline]
    pub(crate) fn value_at(&self, at: usize) -> Option<&Value> {
        self.entries.get(at).and_then(|entry| entry.value.as_ref())
    }

    /// Whether the class of the entry at `at` (from `name_slot`) has a program's own
    /// `__setattr__`: as `static_is(class, "__setattr__", is_custom)`, without a lookup.
    #[inline]
    pub(crate) fn custom_setattr_at(&self, at: usize) -> bool {
        self.entries
            .get(at)
            .is_none_or(|entry| entry.custom_setattr)
    }

    /// The guessed position of the entry's name in an instance dict (`usize::MAX`:
    /// none).
    #[inline]
    pub(crate) fn dict_hint(&self, at: usize) -> usize {
        self.entries
            .get(at)
            .map_or(usize::MAX, |entry| entry.dict_hint)
    }

    #[inline]
    pub(crate) fn set_dict_hint(&mut self, at: usize, index: usize) {
        if let Some(entry) = self.entries.get_mut(at) {
            entry.dict_hint = index;
        }
    }

    /// Stores `value` under `name` in an instance dict, at the position instances of the
    /// entry's class keep it when the guess is right (the guess is checked against the
    /// key found there, so no write through any path can make it wrong). Replacing a
    /// value keeps the stored key (no count traffic on the name). Returns the old value,
    /// for the caller to drop once the dict's lock is released.
    #[inline]
    pub(crate) fn store_hinted(
        &mut self,
        attrs: &mut AttrMap,
        at: usize,
        name: &Name,
        value: Value,
    ) -> Option<Value> {
        match attrs.get_index_mut(self.dict_hint(at)) {
            Some((key, slot)) if Arc::ptr_eq(key, name) || **key == **name => {
                Some(std::mem::replace(slot, value))
            }
            _ => {
                let (index, old) = match attrs.get_full_mut(name) {
                    Some((index, _, slot)) => (index, Some(std::mem::replace(slot, value))),
                    None => attrs.insert_full(name.clone(), value),
                };
                self.set_dict_hint(at, index);
                old
            }
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
    ) -> (Option<Value>, usize) {
        let at = self.slot(class, name, key, owned);
        (self.entries[at].value.clone(), at)
    }

    /// The slot of the entry that answers `name` on `class`, filled first when none
    /// does (`key` as for `lookup_with`).
    #[inline(always)]
    fn slot(
        &mut self,
        class: &Arc<Obj>,
        name: &str,
        key: usize,
        owned: impl FnOnce() -> Name,
    ) -> usize {
        let epoch = class_epoch();
        let at = set_of(class, name);
        if let Some(way) = self
            .entries
            .get(at..at + WAYS)
            .and_then(|set| way_of(set, epoch, class, name))
        {
            return at + way;
        }
        self.fill(at, epoch, class, name, key, owned);
        at
    }

    /// Looks up and puts the answer first in its set, at `at` (the others move down
    /// one; the last is evicted).
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
    ) {
        let value = types::lookup_in_class(class, name);
        let custom_setattr = types::lookup_in_class(class, "__setattr__")
            .is_some_and(|setattr| super::in_place::is_custom(&setattr));
        if self.entries.is_empty() {
            self.entries = (0..SLOTS).map(|_| Entry::empty()).collect();
        }
        let entry = Entry {
            epoch,
            class: Arc::downgrade(class),
            key,
            name: owned(),
            value,
            dict_hint: usize::MAX,
            custom_setattr,
        };
        // The evicted entry is dropped after the table is in order again (a drop runs
        // no Python code, but it stays out of the table's way all the same).
        let set = &mut self.entries[at..at + WAYS];
        set.rotate_right(1);
        let evicted = std::mem::replace(&mut set[0], entry);
        drop(evicted);
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
