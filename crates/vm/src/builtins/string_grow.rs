//! Appending to a `str` nobody else holds, in place: what makes `s += t` in a loop
//! linear (issue 16), as CPython's `unicode_concatenate` does when the local being
//! assigned holds the only other reference.
//!
//! A `str` is an `Arc<str>`: one allocation of the two reference counts followed by the
//! bytes. When the `Arc` is unique (`Arc::get_mut`: no other strong or weak handle, on
//! any thread), nobody can observe its bytes change, so the allocation is resized with
//! `realloc` (in place when the allocator can, as CPython relies on too) and the new
//! bytes written after the old ones. That needs the allocation's layout, which `std`
//! does not document: `ArcInner` is `#[repr(C)] { strong, weak, data }` and `Arc<str>`
//! allocates the header extended by the bytes, padded to the header's alignment.
//! [`layout_known`] checks that shape once per process on a live `Arc` (the two counts
//! are where they must be); if it ever differs, appending copies as before.

use std::alloc::Layout;
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, OnceLock};

/// The header `Arc` puts before a value: its strong and weak counts.
type Header = [AtomicUsize; 2];

/// The layout of the allocation of an `Arc<str>` of `len` bytes (`std`'s
/// `arcinner_layout_for_value_layout`), and the offset of the bytes in it.
fn arc_str_layout(len: usize) -> Option<(Layout, usize)> {
    let (layout, offset) = Layout::new::<Header>()
        .extend(Layout::array::<u8>(len).ok()?)
        .ok()?;
    Some((layout.pad_to_align(), offset))
}

/// Whether `Arc<str>` is laid out as this module assumes (checked once).
fn layout_known() -> bool {
    static KNOWN: OnceLock<bool> = OnceLock::new();
    *KNOWN.get_or_init(|| {
        let Some((_, offset)) = arc_str_layout(2) else {
            return false;
        };
        let probe: Arc<str> = Arc::from("ab");
        let second = probe.clone();
        let data = Arc::as_ptr(&probe).cast::<u8>();
        let header = data.wrapping_sub(offset).cast::<usize>();
        // SAFETY: only read when `offset` bytes before the data lie inside the same
        // allocation, which holds as long as `Arc` puts its two counts (as the data is
        // at least `offset` bytes into it per `std`'s `ArcInner`); the reads are of
        // plain, aligned `usize`s that no other thread can touch (`probe` is local). If
        // the shape ever changed, the values read would not be the counts and this
        // returns false. Note `std` keeps one implicit weak count while strong ones live.
        let (strong, weak) = unsafe { (header.read(), header.add(1).read()) };
        let known = strong == 2 && weak == 1 && Arc::strong_count(&probe) == 2;
        drop(second);
        known
    })
}

/// `text + extra` reusing `text`'s allocation when `text` is unique; otherwise (or if
/// the memory budget refuses) hands `text` back untouched.
pub(crate) fn append_unique(mut text: Arc<str>, extra: &str) -> Result<Arc<str>, Arc<str>> {
    if !layout_known() {
        return Err(text);
    }
    // This thread's position and hash caches hold `Weak` handles, which `get_mut`
    // counts: a string held once but cached (after `len(s)`, `s[i]`) is taken out of
    // them first, and its positions put back extended once grown.
    let cached = if Arc::strong_count(&text) == 1 {
        crate::ops::text_index::detach(&text)
    } else {
        crate::ops::text_index::Detached::none()
    };
    if Arc::get_mut(&mut text).is_none() {
        return Err(text);
    }
    let old_len = text.len();
    let Some(new_len) = old_len.checked_add(extra.len()) else {
        return Err(text);
    };
    let (Some((old_layout, offset)), Some((new_layout, _))) =
        (arc_str_layout(old_len), arc_str_layout(new_len))
    else {
        return Err(text);
    };
    if !crate::memory::reserve(new_layout.size() - old_layout.size()) {
        return Err(text);
    }
    let data = Arc::into_raw(text).cast::<u8>().cast_mut();
    let start = data.wrapping_sub(offset);
    // SAFETY: `text` was unique (`get_mut` succeeded: strong count 1, no weak handle),
    // so after `into_raw` nothing else can reach the allocation. `start` is where it
    // begins and `old_layout` the layout `Arc<str>` allocated it with (checked by
    // `layout_known`); `Arc` allocates with the global allocator, which `realloc` uses.
    // On failure the old allocation is untouched and re-owned by `from_raw` with its
    // own length. On success the new block holds the same counts (1 strong, 1 implicit
    // weak) and the old bytes; `extra` (another allocation, which `text` being unique
    // cannot alias) is copied after them, so the `new_len` bytes are valid UTF-8, and
    // `from_raw` re-owns the block with exactly the length its layout is computed from.
    unsafe {
        let grown = std::alloc::realloc(start, old_layout, new_layout.size());
        if grown.is_null() {
            let old = std::ptr::slice_from_raw_parts(data.cast_const(), old_len);
            return Err(Arc::from_raw(old as *const str));
        }
        let data = grown.add(offset);
        std::ptr::copy_nonoverlapping(extra.as_ptr(), data.add(old_len), extra.len());
        let new = std::ptr::slice_from_raw_parts(data.cast_const(), new_len);
        let grown = Arc::from_raw(new as *const str);
        cached.reattach(&grown, old_len, extra);
        Ok(grown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_layout_is_the_one_assumed() {
        assert!(layout_known());
    }

    #[test]
    fn appends_in_place_only_when_unique() {
        let mut text: Arc<str> = Arc::from(String::from("ab"));
        for i in 0..1000 {
            text = append_unique(text, if i % 2 == 0 { "é" } else { "x" }).expect("unique");
        }
        assert_eq!(text.chars().count(), 1002);
        assert!(text.starts_with("abéxé"));
        let shared = text.clone();
        let back = append_unique(text, "z").expect_err("shared");
        assert_eq!(back, shared);
        let weak = Arc::downgrade(&shared);
        drop(back);
        assert!(append_unique(shared, "z").is_err());
        drop(weak);
    }
}
