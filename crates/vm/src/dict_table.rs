//! The table behind Python's `dict`: insertion-ordered entries with holes left by
//! deletions and a hash table of entry positions, as CPython lays a dict out. Deleting
//! any key is O(1) (IndexMap's order-keeping `shift_remove`, used before, moved every
//! later entry: deleting the oldest keys one by one was quadratic, issue 16).
//!
//! Holes are squeezed out once they outnumber the live entries, so memory and
//! iteration stay proportional to the size. Positions (for iterators that keep one
//! between steps) are stable until a deletion compacts the table, which also changes
//! the size, so such iterators stop with "changed size during iteration" first.
//!
//! It must never reorder live entries, and never call Python code itself (key equality
//! is `Key`'s, as with any map).

use crate::value::{Key, Value};
use hashbrown::HashTable;

/// Spreads a Python hash over all 64 bits: hashbrown takes its probe tag from the top
/// bits, which are all zero for small ints (whose hash is themselves). The multiply
/// carries low bits up; the shift brings high bits down (hashes that differ only
/// there, as floats' do, still reach different buckets). 64-bit operations only: a
/// 128-bit product is a call to `__multi3` in the page's wasm32.
#[inline]
fn spread(hash: i64) -> u64 {
    let product = (hash as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    product ^ (product >> 32)
}

/// Holes tolerated before a compaction, whatever the size (small dicts never bother).
const MIN_HOLES: usize = 16;

#[derive(Clone, Default)]
pub struct Dict {
    entries: Vec<Option<(Key, Value)>>,
    /// Positions in `entries` of the live keys, hashed by `spread`.
    table: HashTable<usize>,
    live: usize,
}

impl Dict {
    pub fn new() -> Dict {
        Dict::default()
    }

    pub fn with_capacity(capacity: usize) -> Dict {
        Dict {
            entries: Vec::with_capacity(capacity),
            table: HashTable::with_capacity(capacity),
            live: 0,
        }
    }

    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    fn position(&self, key: &Key) -> Option<usize> {
        self.position_by(key.hash, &key.value)
    }

    /// The entry of the key with this hash equal to `value` (as `Key` equality).
    #[inline]
    fn position_by(&self, hash: i64, value: &Value) -> Option<usize> {
        let entries = &self.entries;
        self.table
            .find(spread(hash), |&at| {
                matches!(&entries[at], Some((k, _)) if k.hash == hash && crate::ops::key_equal(&k.value, value))
            })
            .copied()
    }

    /// [`Dict::get`] for a key given as its hash and a borrowed value (a lookup that
    /// needs no `Key` of its own, so no clone of the value).
    pub fn get_by(&self, hash: i64, value: &Value) -> Option<&Value> {
        let at = self.position_by(hash, value)?;
        self.entries[at].as_ref().map(|(_, v)| v)
    }

    /// [`Dict::contains_key`] for a key given as its hash and a borrowed value.
    pub fn contains_by(&self, hash: i64, value: &Value) -> bool {
        self.position_by(hash, value).is_some()
    }

    pub fn get(&self, key: &Key) -> Option<&Value> {
        let at = self.position(key)?;
        self.entries[at].as_ref().map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &Key) -> Option<&mut Value> {
        let at = self.position(key)?;
        self.entries[at].as_mut().map(|(_, v)| v)
    }

    /// The stored key equal to `key` (which may be a different but equal object).
    pub fn get_key_value(&self, key: &Key) -> Option<(&Key, &Value)> {
        let at = self.position(key)?;
        self.entries[at].as_ref().map(|(k, v)| (k, v))
    }

    pub fn contains_key(&self, key: &Key) -> bool {
        self.position(key).is_some()
    }

    /// Sets `key` to `value`; an existing key keeps its place and its original key
    /// object (as CPython does), and the old value is returned.
    pub fn insert(&mut self, key: Key, value: Value) -> Option<Value> {
        // One probe finds the key or the slot for it.
        let at = self.entries.len();
        let entries = &self.entries;
        let slot = self.table.entry(
            spread(key.hash),
            |&i| matches!(&entries[i], Some((k, _)) if *k == key),
            |&i| match &entries[i] {
                Some((k, _)) => spread(k.hash),
                None => 0,
            },
        );
        match slot {
            hashbrown::hash_table::Entry::Occupied(found) => {
                let found = *found.get();
                let old = self.entries[found].as_mut().map(|(_, v)| v)?;
                Some(std::mem::replace(old, value))
            }
            hashbrown::hash_table::Entry::Vacant(vacant) => {
                vacant.insert(at);
                self.entries.push(Some((key, value)));
                self.live += 1;
                None
            }
        }
    }

    /// Removes `key`, keeping the order of the others; O(1) (amortised).
    pub fn shift_remove(&mut self, key: &Key) -> Option<Value> {
        self.shift_remove_entry(key).map(|(_, v)| v)
    }

    pub fn shift_remove_entry(&mut self, key: &Key) -> Option<(Key, Value)> {
        self.shift_remove_by(key.hash, &key.value)
    }

    /// [`Dict::shift_remove_entry`] for a key given as its hash and a borrowed value.
    pub fn shift_remove_by(&mut self, hash: i64, value: &Value) -> Option<(Key, Value)> {
        let entries = &self.entries;
        let found = self
            .table
            .find_entry(spread(hash), |&at| {
                matches!(&entries[at], Some((k, _)) if k.hash == hash && crate::ops::key_equal(&k.value, value))
            })
            .ok()?;
        let (at, _) = found.remove();
        let removed = self.entries[at].take();
        self.live -= 1;
        self.tidy();
        removed
    }

    /// Removes and returns the newest entry (`dict.popitem`).
    pub fn pop(&mut self) -> Option<(Key, Value)> {
        while let Some(last) = self.entries.pop() {
            let Some((key, value)) = last else {
                continue;
            };
            let at = self.entries.len();
            if let Ok(found) = self.table.find_entry(spread(key.hash), |&i| i == at) {
                found.remove();
            }
            self.live -= 1;
            self.tidy();
            return Some((key, value));
        }
        None
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.table.clear();
        self.live = 0;
    }

    /// Drops trailing holes, and squeezes all holes out once they outnumber the live
    /// entries (rebuilding the positions).
    fn tidy(&mut self) {
        while matches!(self.entries.last(), Some(None)) {
            self.entries.pop();
        }
        let holes = self.entries.len() - self.live;
        if holes <= MIN_HOLES || holes <= self.live {
            return;
        }
        self.entries.retain(Option::is_some);
        self.table.clear();
        let entries = &self.entries;
        for (at, entry) in entries.iter().enumerate() {
            if let Some((key, _)) = entry {
                self.table
                    .insert_unique(spread(key.hash), at, |&i| match &entries[i] {
                        Some((k, _)) => spread(k.hash),
                        None => 0,
                    });
            }
        }
    }

    /// The entries in insertion order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&Key, &Value)> + Clone + '_ {
        self.entries
            .iter()
            .filter_map(|entry| entry.as_ref().map(|(k, v)| (k, v)))
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&Key, &mut Value)> + '_ {
        self.entries
            .iter_mut()
            .filter_map(|entry| entry.as_mut().map(|(k, v)| (&*k, v)))
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &Key> + Clone + '_ {
        self.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Value> + Clone + '_ {
        self.iter().map(|(_, v)| v)
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut Value> + '_ {
        self.iter_mut().map(|(_, v)| v)
    }

    /// The first live entry at `position` or after, with its position (for iterators
    /// that keep a position between steps).
    pub fn next_from(&self, position: usize) -> Option<(usize, &Key, &Value)> {
        self.entries
            .get(position..)?
            .iter()
            .enumerate()
            .find_map(|(offset, entry)| entry.as_ref().map(|(k, v)| (position + offset, k, v)))
    }

    /// Takes every entry out, in order, leaving the dict empty.
    pub fn drain(&mut self) -> impl Iterator<Item = (Key, Value)> {
        self.table.clear();
        self.live = 0;
        std::mem::take(&mut self.entries).into_iter().flatten()
    }
}

impl Extend<(Key, Value)> for Dict {
    fn extend<I: IntoIterator<Item = (Key, Value)>>(&mut self, items: I) {
        for (key, value) in items {
            self.insert(key, value);
        }
    }
}

impl FromIterator<(Key, Value)> for Dict {
    fn from_iter<I: IntoIterator<Item = (Key, Value)>>(items: I) -> Dict {
        let mut dict = Dict::new();
        dict.extend(items);
        dict
    }
}

impl IntoIterator for Dict {
    type Item = (Key, Value);
    type IntoIter = std::iter::Flatten<std::vec::IntoIter<Option<(Key, Value)>>>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter().flatten()
    }
}

impl<'a> IntoIterator for &'a Dict {
    type Item = (&'a Key, &'a Value);
    type IntoIter = Box<dyn Iterator<Item = (&'a Key, &'a Value)> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(n: i64) -> Key {
        Key {
            hash: n,
            value: Value::Int(n),
        }
    }

    fn keys_of(dict: &Dict) -> Vec<i64> {
        dict.keys()
            .map(|k| match k.value {
                Value::Int(n) => n,
                _ => -1,
            })
            .collect()
    }

    #[test]
    fn order_survives_deletions_compaction_and_reinsertion() {
        let mut dict = Dict::new();
        let mut model: Vec<i64> = Vec::new();
        for n in 0..1000 {
            dict.insert(key(n), Value::Int(n * 10));
            model.push(n);
        }
        // Delete oldest first, every third, then reinsert some (which go to the end).
        for n in (0..1000).step_by(3) {
            assert_eq!(
                dict.shift_remove(&key(n))
                    .map(|v| matches!(v, Value::Int(x) if x == n * 10)),
                Some(true)
            );
            model.retain(|&m| m != n);
        }
        for n in (0..600).step_by(2) {
            dict.shift_remove(&key(n));
            model.retain(|&m| m != n);
        }
        assert!(dict.shift_remove(&key(0)).is_none());
        for n in [5000, 3, 7, 4999] {
            dict.insert(key(n), Value::Int(n * 10));
            if !model.contains(&n) {
                model.push(n);
            }
        }
        // Replacing a value keeps the key's place.
        dict.insert(key(1), Value::Int(-1));
        assert_eq!(keys_of(&dict), model);
        assert_eq!(dict.len(), model.len());
        assert!(matches!(dict.get(&key(1)), Some(Value::Int(-1))));
        for &n in &model {
            assert!(dict.contains_key(&key(n)), "{n}");
        }
        assert!(!dict.contains_key(&key(2)));
        // popitem takes the newest.
        let (k, _) = dict.pop().unwrap();
        assert!(matches!(k.value, Value::Int(4999)));
        model.pop();
        assert_eq!(keys_of(&dict), model);
        // Walking by position sees the same order.
        let mut walked = Vec::new();
        let mut at = 0;
        while let Some((found, k, _)) = dict.next_from(at) {
            walked.push(k.hash);
            at = found + 1;
        }
        assert_eq!(walked, model);
    }

    #[test]
    fn deleting_everything_leaves_no_holes_behind() {
        let mut dict = Dict::new();
        for n in 0..500 {
            dict.insert(key(n), Value::None);
        }
        for n in 0..500 {
            dict.shift_remove(&key(n));
            assert!(dict.entries.len() - dict.live <= MIN_HOLES.max(dict.live));
        }
        assert!(dict.is_empty());
        assert!(dict.entries.is_empty());
        assert!(dict.pop().is_none());
    }
}
