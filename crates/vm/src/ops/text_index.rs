//! Character positions in a Python `str`, which the VM stores as UTF-8 (`Arc<str>`):
//! the length in characters, the character at an index, and the byte offset of a
//! character index (and back), in constant time per call on long strings that are used
//! repeatedly, as CPython's fixed-width strings give them.
//!
//! Why: counting characters or walking to the i-th one is O(n), so `s[i]` or
//! `s.find(x, i)` in a loop, or a slice with a step, was O(n) per step and quadratic
//! overall (issue 16). Short strings are scanned directly; for long ones a per-thread
//! cache of a few recent strings keeps whether the string is ASCII (then characters are
//! bytes), its length, and the byte offset of every `STRIDE`-th character.
//!
//! The hashes of a few recently hashed long strings are remembered the same way.
//!
//! The caches hold `Weak` handles: a live `Weak` keeps the allocation's address from
//! being reused, so a pointer match identifies the same immutable string. It must never
//! hold a strong reference (that would keep values alive and change what Python sees),
//! and they must never grow past `CACHE_ENTRIES`.

use std::cell::RefCell;
use std::sync::{Arc, Weak};

/// Strings shorter than this (bytes) are scanned directly: cheap, and not worth a slot.
const SMALL: usize = 256;
/// One recorded byte offset per this many characters.
const STRIDE: usize = 32;
/// How many long strings each thread remembers.
const CACHE_ENTRIES: usize = 4;

/// What the cache keeps about one long string.
struct Entry {
    text: Weak<str>,
    ascii: bool,
    chars: usize,
    /// `marks[k]` is the byte offset of character `k * STRIDE` (empty when ASCII).
    marks: Vec<usize>,
}

thread_local! {
    static CACHE: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
    /// Hashes of recently hashed long strings (CPython keeps a str's hash in the
    /// object, so `d[s]` with the same long `s` in a loop costs O(1) per lookup).
    static HASHES: RefCell<Vec<(Weak<str>, i64)>> = const { RefCell::new(Vec::new()) };
}

/// `hash(text)`, remembered for the last few long strings hashed on this thread.
#[inline]
pub(crate) fn str_hash(text: &Arc<str>) -> i64 {
    if text.len() < SMALL {
        return crate::hashing::hash_str(text);
    }
    long_str_hash(text)
}

/// [`str_hash`] of a long string, through the cache (out of line: the thread-local
/// access made every short string's hash pay a large stack frame).
#[inline(never)]
fn long_str_hash(text: &Arc<str>) -> i64 {
    HASHES.with(|hashes| {
        let Ok(mut hashes) = hashes.try_borrow_mut() else {
            return crate::hashing::hash_str(text);
        };
        hashes.retain(|(weak, _)| weak.strong_count() > 0);
        let wanted = Arc::as_ptr(text) as *const u8;
        if let Some((_, hash)) = hashes
            .iter()
            .find(|(weak, _)| Weak::as_ptr(weak) as *const u8 == wanted)
        {
            return *hash;
        }
        let hash = crate::hashing::hash_str(text);
        if hashes.len() >= CACHE_ENTRIES {
            hashes.remove(0);
        }
        hashes.push((Arc::downgrade(text), hash));
        hash
    })
}

/// A view of one string for character-indexed access; get it with [`with_view`].
pub(crate) struct CharView<'a> {
    text: &'a str,
    ascii: bool,
    chars: usize,
    /// Present for long non-ASCII strings.
    marks: Option<&'a [usize]>,
}

impl CharView<'_> {
    /// The length in characters (what `len()` says).
    pub(crate) fn len(&self) -> usize {
        self.chars
    }

    /// Every character is one byte.
    pub(crate) fn is_ascii(&self) -> bool {
        self.ascii
    }

    /// The byte offset where character `index` starts; the byte length for `len()`.
    pub(crate) fn byte_offset(&self, index: usize) -> usize {
        if self.ascii {
            return index.min(self.text.len());
        }
        if index >= self.chars {
            return self.text.len();
        }
        let (from, skip) = match self.marks {
            Some(marks) => (marks[index / STRIDE], index % STRIDE),
            None => (0, index),
        };
        self.text[from..]
            .char_indices()
            .nth(skip)
            .map_or(self.text.len(), |(at, _)| from + at)
    }

    /// The character at `index` (which must be below `len()`).
    pub(crate) fn char_at(&self, index: usize) -> char {
        if self.ascii {
            return self.text.as_bytes()[index] as char;
        }
        let at = self.byte_offset(index);
        self.text[at..].chars().next().unwrap_or('\0')
    }

    /// The character index of byte offset `byte` (a character boundary).
    pub(crate) fn char_index(&self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let (first, from) = match self.marks {
            Some(marks) => {
                let k = marks.partition_point(|&m| m <= byte).saturating_sub(1);
                (k * STRIDE, marks[k])
            }
            None => (0, 0),
        };
        first + self.text[from..byte].chars().count()
    }
}

/// Runs `f` with a [`CharView`] of `text`. `f` must not run Python code (the view may
/// borrow this thread's cache).
pub(crate) fn with_view<R>(text: &Arc<str>, f: impl FnOnce(&CharView<'_>) -> R) -> R {
    if text.len() < SMALL {
        let ascii = text.is_ascii();
        let chars = if ascii {
            text.len()
        } else {
            text.chars().count()
        };
        return f(&CharView {
            text,
            ascii,
            chars,
            marks: None,
        });
    }
    CACHE.with(|cache| {
        let Ok(mut cache) = cache.try_borrow_mut() else {
            // Re-entered from inside `f` (it should not be): answer without the cache.
            let entry = measure(text);
            return f(&entry.view(text));
        };
        // Entries whose string is gone only pin its memory (which counts against the
        // budget): drop them on every use.
        cache.retain(|e| e.text.strong_count() > 0);
        let wanted = Arc::as_ptr(text) as *const u8;
        let at = cache
            .iter()
            .position(|e| Weak::as_ptr(&e.text) as *const u8 == wanted);
        let at = match at {
            Some(at) => at,
            None => {
                if cache.len() >= CACHE_ENTRIES {
                    cache.remove(0);
                }
                cache.push(measure(text));
                cache.len() - 1
            }
        };
        // Most recently used last, so eviction takes the oldest.
        let entry = cache.remove(at);
        cache.push(entry);
        let entry = cache.last().expect("just pushed");
        f(&entry.view(text))
    })
}

impl Entry {
    fn view<'a>(&'a self, text: &'a str) -> CharView<'a> {
        CharView {
            text,
            ascii: self.ascii,
            chars: self.chars,
            marks: (!self.ascii).then_some(&self.marks[..]),
        }
    }
}

/// One pass over `text`: ASCII or not, its length and its marks.
fn measure(text: &Arc<str>) -> Entry {
    let ascii = text.is_ascii();
    let mut marks = Vec::new();
    let mut chars = text.len();
    if !ascii {
        chars = 0;
        for (at, _) in text.char_indices() {
            if chars.is_multiple_of(STRIDE) {
                marks.push(at);
            }
            chars += 1;
        }
    }
    Entry {
        text: Arc::downgrade(text),
        ascii,
        chars,
        marks,
    }
}

/// What this thread's caches knew about a `str` that is being grown in place, taken out
/// of them: their `Weak` handles would make `Arc::get_mut` see the string as shared, so
/// `s += t` next to `len(s)` or `s[i]` in a loop copied `s` every time (quadratic, issue
/// 16). Get it with [`detach`]; [`Detached::reattach`] records the grown string.
pub(crate) struct Detached(Option<Positions>);

/// An [`Entry`] without its handle.
struct Positions {
    ascii: bool,
    chars: usize,
    marks: Vec<usize>,
}

impl Detached {
    /// Nothing detached.
    pub(crate) fn none() -> Self {
        Detached(None)
    }
}

/// Takes `text` out of this thread's caches (a string held by one owner only: the
/// caller checked its strong count). Its remembered hash is dropped for good (growing
/// changes it); its positions are handed back to extend after the growth.
pub(crate) fn detach(text: &Arc<str>) -> Detached {
    if Arc::weak_count(text) == 0 {
        return Detached(None);
    }
    let wanted = Arc::as_ptr(text) as *const u8;
    HASHES.with(|hashes| {
        if let Ok(mut hashes) = hashes.try_borrow_mut() {
            hashes.retain(|(weak, _)| Weak::as_ptr(weak) as *const u8 != wanted);
        }
    });
    CACHE.with(|cache| {
        let Ok(mut cache) = cache.try_borrow_mut() else {
            return Detached(None);
        };
        let at = cache
            .iter()
            .position(|e| Weak::as_ptr(&e.text) as *const u8 == wanted);
        // The entry's `Weak` handle is dropped here with it; its positions are kept.
        Detached(at.map(|at| {
            let Entry {
                ascii,
                chars,
                marks,
                ..
            } = cache.remove(at);
            Positions {
                ascii,
                chars,
                marks,
            }
        }))
    })
}

impl Detached {
    /// Records `grown` (the detached string, `old_bytes` long, followed by `extra`) with
    /// the positions the detached entry had, extended over `extra` only: `len(s)` after
    /// `s += t` then costs O(len(t)), not a scan of all of `s`.
    pub(crate) fn reattach(self, grown: &Arc<str>, old_bytes: usize, extra: &str) {
        let Some(Positions {
            ascii,
            chars,
            marks,
        }) = self.0
        else {
            return;
        };
        let mut entry = Entry {
            text: Arc::downgrade(grown),
            ascii,
            chars,
            marks,
        };
        if entry.ascii && extra.is_ascii() {
            entry.chars += extra.len();
        } else {
            if entry.ascii {
                // Characters were bytes: their marks are their indices.
                entry.marks = (0..entry.chars).step_by(STRIDE).collect();
                entry.ascii = false;
            }
            for (at, _) in extra.char_indices() {
                if entry.chars.is_multiple_of(STRIDE) {
                    entry.marks.push(old_bytes + at);
                }
                entry.chars += 1;
            }
        }
        CACHE.with(|cache| {
            if let Ok(mut cache) = cache.try_borrow_mut() {
                cache.retain(|e| e.text.strong_count() > 0);
                if cache.len() >= CACHE_ENTRIES {
                    cache.remove(0);
                }
                cache.push(entry);
            }
        });
    }
}

/// Empties this thread's cache (when a run ends, so nothing of it stays pinned).
pub(crate) fn forget_strings() {
    CACHE.with(|cache| {
        if let Ok(mut cache) = cache.try_borrow_mut() {
            cache.clear();
        }
    });
    HASHES.with(|hashes| {
        if let Ok(mut hashes) = hashes.try_borrow_mut() {
            hashes.clear();
        }
    });
}

/// The length of `text` in characters.
pub(crate) fn char_len(text: &Arc<str>) -> usize {
    with_view(text, |view| view.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) {
        let arc: Arc<str> = text.into();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        with_view(&arc, |view| {
            assert_eq!(view.len(), chars.len());
            assert_eq!(view.is_ascii(), text.is_ascii());
            for (i, &(at, c)) in chars.iter().enumerate() {
                assert_eq!(view.char_at(i), c, "char {i}");
                assert_eq!(view.byte_offset(i), at, "offset {i}");
                assert_eq!(view.char_index(at), i, "index of byte {at}");
            }
            assert_eq!(view.byte_offset(chars.len()), text.len());
            assert_eq!(view.byte_offset(chars.len() + 5), text.len());
            assert_eq!(view.char_index(text.len()), chars.len());
        });
    }

    #[test]
    fn positions_match_a_plain_walk() {
        check("");
        check("abc");
        check("é");
        check(&"xyz".repeat(1000));
        check(&"é€x𝄞".repeat(500));
        check(&format!("{}é", "a".repeat(300)));
        check(&format!("é{}", "a".repeat(300)));
        check(&"é".repeat(STRIDE * 10 + 3));
    }

    #[test]
    fn growing_in_place_keeps_positions_right() {
        for (start, unit) in [
            ("a", "bc"),
            ("a", "é"),
            ("é", "x"),
            ("é", "€𝄞"),
            ("ab", "c"),
        ] {
            let mut text: Arc<str> = start.repeat(300).into();
            let mut plain = String::from(&*text);
            for i in 0..200 {
                // Cached (a long string) before every growth, as `len(s)` in the loop does.
                assert_eq!(char_len(&text), plain.chars().count());
                let extra = if i % 7 == 0 { unit } else { "z" };
                text = crate::builtins::string_grow::append_unique(text, extra)
                    .expect("held once: the cache's handle does not count");
                plain.push_str(extra);
                assert_eq!(&*text, plain.as_str());
            }
            check(&text);
            with_view(&text, |view| {
                let chars: Vec<(usize, char)> = plain.char_indices().collect();
                for (i, &(at, c)) in chars.iter().enumerate() {
                    assert_eq!(view.char_at(i), c);
                    assert_eq!(view.byte_offset(i), at);
                    assert_eq!(view.char_index(at), i);
                }
            });
            assert_eq!(str_hash(&text), crate::hashing::hash_str(&text));
        }
    }

    #[test]
    fn remembered_hashes_belong_to_their_strings() {
        for round in 0..10 {
            let texts: Vec<Arc<str>> = (0..CACHE_ENTRIES + 3)
                .map(|k| format!("{}{k}-{round}", "h".repeat(SMALL)).into())
                .collect();
            for _ in 0..3 {
                for text in &texts {
                    assert_eq!(str_hash(text), crate::hashing::hash_str(text));
                }
            }
        }
        HASHES.with(|hashes| assert!(hashes.borrow().len() <= CACHE_ENTRIES));
    }

    #[test]
    fn the_cache_never_mixes_strings_up() {
        // More long strings than slots, used in turns, some dropped and replaced by
        // others of the same length (which may reuse freed memory).
        for round in 0..20 {
            let texts: Vec<Arc<str>> = (0..CACHE_ENTRIES + 2)
                .map(|k| {
                    let unit = if (k + round) % 2 == 0 { "é" } else { "ab" };
                    unit.repeat(300 + k).into()
                })
                .collect();
            for _ in 0..2 {
                for text in &texts {
                    let expected = text.chars().count();
                    assert_eq!(char_len(text), expected);
                    let last = text.chars().last().unwrap();
                    assert_eq!(with_view(text, |v| v.char_at(expected - 1)), last);
                }
            }
        }
        CACHE.with(|cache| assert!(cache.borrow().len() <= CACHE_ENTRIES));
    }
}
