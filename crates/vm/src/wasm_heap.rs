//! The page's heap with shared memory (wasm32 + `atomics`): several dlmalloc arenas,
//! each behind its own lock, instead of std's one dlmalloc behind one global spin lock.
//!
//! Why: std's wasm allocator spins on a single lock for every allocation and free (it
//! cannot sleep: the browser's main thread may not block). Under free threading every
//! Python thread allocates at once, and with more workers than cores a thread holding
//! that lock is often descheduled while the others spin through their whole time slices:
//! threads_mix under `--gil free` ran at twice the GIL models' time in the page (issue
//! 16), and two allocating threads took three times one thread's time.
//!
//! Here an allocation takes whichever arena is free, starting from one picked by the
//! calling thread's stack address (each worker has a stack of its own, so threads
//! spread over the arenas without thread-locals, which a worker's first allocations run
//! before). A free goes to the arena that owns the memory: every 64 KiB page of memory
//! the arenas grow is recorded with its arena in [`OWNER`]. Both still spin when they must
//! wait (never sleeping, as std's), but they rarely must.
//!
//! The counts of live bytes (`memory`) are kept per arena under its lock and published
//! every [`FLUSH_BYTES`], as native threads do, so the counter is not one more contended
//! cache line.
//!
//! Small blocks (up to [`QUICK_MAX`] bytes, the strings, tuples, argument vectors and
//! boxed objects a run makes by the million) skip dlmalloc on the way back and forth:
//! a freed one goes onto its arena's free list for its 16-byte size class, and the next
//! allocation of that class from the arena pops it (as mimalloc's and glibc's per-size
//! lists do natively; dlmalloc's own bins cost several times the instructions). Every
//! small block is asked of dlmalloc at its class's full size, so any block on a list
//! fits any request of its class. The lists keep at most [`QUICK_KEEP_BYTES`] per class
//! and arena; past that, frees go to dlmalloc, so the memory held back stays bounded.

use dlmalloc::{Allocator, Dlmalloc};
use std::alloc::Layout;
use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

/// How many arenas: more than the cores a page gets on most machines, so a descheduled
/// holder seldom leaves a thread without one.
const ARENAS: usize = 8;
/// wasm's page size: the unit `memory.grow` hands out, so each page has one owner.
const PAGE: usize = 64 * 1024;
/// Pages in the page's whole address space (wasm32: 4 GiB, of which the build allows 1).
const PAGES: usize = 1 << 16;
/// How far an arena's unpublished count of live bytes may drift.
const FLUSH_BYTES: isize = 64 << 10;

/// The largest block kept on the free lists when freed.
const QUICK_MAX: usize = 256;
/// The lists' size classes: 16, 32, ... [`QUICK_MAX`] bytes.
const QUICK_STEP: usize = 16;
const QUICK_CLASSES: usize = QUICK_MAX / QUICK_STEP;
/// The most bytes of freed blocks one size class of one arena keeps for reuse.
const QUICK_KEEP_BYTES: usize = 32 << 10;
/// The largest alignment the lists serve: what dlmalloc gives every block anyway.
const QUICK_ALIGN: usize = 8;

/// The arena (index + 1) owning each page of memory; 0 for pages no arena grew.
static OWNER: [AtomicU8; PAGES] = [const { AtomicU8::new(0) }; PAGES];

/// `memory.grow`: the memory's size in pages before, or `usize::MAX` when it cannot grow.
#[cfg(target_arch = "wasm32")]
fn grow(pages: usize) -> usize {
    core::arch::wasm32::memory_grow(0, pages)
}

/// An arena's source of memory: `memory.grow`, recording the new pages as its own.
struct Pages {
    arena: u8,
}

// SAFETY: `alloc` returns fresh, zeroed pages from `memory.grow` (or null), never
// handed out before; nothing is ever returned to the system (`free*` answer false).
unsafe impl Allocator for Pages {
    fn alloc(&self, size: usize) -> (*mut u8, usize, u32) {
        let pages = size.div_ceil(PAGE);
        let previous = grow(pages);
        if previous == usize::MAX {
            return (std::ptr::null_mut(), 0, 0);
        }
        for page in OWNER.iter().skip(previous).take(pages) {
            page.store(self.arena + 1, Ordering::Release);
        }
        let base = previous * PAGE;
        let bytes = pages * PAGE;
        // The very top of the address space: keep a pointer from wrapping to 0 (as
        // dlmalloc's own wasm source does).
        if base.wrapping_add(bytes) == 0 {
            return (base as *mut u8, bytes - 16, 0);
        }
        (base as *mut u8, bytes, 0)
    }

    fn remap(&self, _ptr: *mut u8, _old: usize, _new: usize, _can_move: bool) -> *mut u8 {
        std::ptr::null_mut()
    }

    fn free_part(&self, _ptr: *mut u8, _old: usize, _new: usize) -> bool {
        false
    }

    fn free(&self, _ptr: *mut u8, _size: usize) -> bool {
        false
    }

    fn can_release_part(&self, _flags: u32) -> bool {
        false
    }

    fn allocates_zeros(&self) -> bool {
        true
    }

    fn page_size(&self) -> usize {
        PAGE
    }
}

/// An arena's free lists of small blocks: per size class, the first free block (each
/// block's first word links to the next) and how many the list holds.
struct QuickLists {
    heads: [*mut u8; QUICK_CLASSES],
    counts: [u16; QUICK_CLASSES],
}

struct Arena {
    locked: AtomicBool,
    heap: UnsafeCell<Dlmalloc<Pages>>,
    quick: UnsafeCell<QuickLists>,
    /// Live bytes not yet published to `memory`'s counter (under the lock).
    pending: UnsafeCell<isize>,
}

// SAFETY: `heap`, `quick` and `pending` are only touched by the thread holding `locked`.
unsafe impl Sync for Arena {}

const fn arena(index: u8) -> Arena {
    Arena {
        locked: AtomicBool::new(false),
        heap: UnsafeCell::new(Dlmalloc::new_with_allocator(Pages { arena: index })),
        quick: UnsafeCell::new(QuickLists {
            heads: [std::ptr::null_mut(); QUICK_CLASSES],
            counts: [0; QUICK_CLASSES],
        }),
        pending: UnsafeCell::new(0),
    }
}

/// The size class of a block the free lists serve, or None.
#[inline]
fn quick_class(size: usize, align: usize) -> Option<usize> {
    (size <= QUICK_MAX && align <= QUICK_ALIGN).then(|| size.max(1).div_ceil(QUICK_STEP) - 1)
}

/// The bytes a block of `class` is asked of dlmalloc with (the class's full size).
#[inline]
fn class_size(class: usize) -> usize {
    (class + 1) * QUICK_STEP
}

/// What to ask dlmalloc for a block of `size` bytes with `align`: a small one at its
/// class's full size (`quick_class`, then `class_size`), so that it may later serve any
/// request of its class.
#[inline]
fn request_size(size: usize, align: usize) -> usize {
    quick_class(size, align).map_or(size, class_size)
}

static HEAPS: [Arena; ARENAS] = [
    arena(0),
    arena(1),
    arena(2),
    arena(3),
    arena(4),
    arena(5),
    arena(6),
    arena(7),
];

/// A locked arena; unlocks when dropped.
struct Held(&'static Arena);

impl Held {
    fn try_lock(arena: &'static Arena) -> Option<Held> {
        // Built only once the lock is taken: a `Held` dropped unlocks.
        (!arena.locked.load(Ordering::Relaxed) && !arena.locked.swap(true, Ordering::Acquire))
            .then(|| Held(arena))
    }

    /// Spins until `arena` is free (the allocator may never sleep: see the module).
    fn lock(arena: &'static Arena) -> Held {
        loop {
            if let Some(held) = Held::try_lock(arena) {
                return held;
            }
            std::hint::spin_loop();
        }
    }

    fn heap(&mut self) -> &mut Dlmalloc<Pages> {
        // SAFETY: this thread holds the arena's lock until `self` is dropped.
        unsafe { &mut *self.0.heap.get() }
    }

    /// A free block of `class` from this arena's list, if it keeps one.
    #[inline]
    fn pop_quick(&mut self, class: usize) -> Option<*mut u8> {
        // SAFETY: as in `heap`.
        let quick = unsafe { &mut *self.0.quick.get() };
        let block = quick.heads[class];
        if block.is_null() {
            return None;
        }
        // SAFETY: a block on the list is a free block of at least a word (its class's
        // size, at least 16 bytes, 8-aligned), whose first word `push_quick` wrote.
        quick.heads[class] = unsafe { block.cast::<*mut u8>().read() };
        quick.counts[class] -= 1;
        Some(block)
    }

    /// Keeps the freed `block` of `class` on this arena's list; false when the list is
    /// full (the caller frees it to dlmalloc).
    #[inline]
    fn push_quick(&mut self, block: *mut u8, class: usize) -> bool {
        // SAFETY: as in `heap`.
        let quick = unsafe { &mut *self.0.quick.get() };
        if usize::from(quick.counts[class]) * class_size(class) >= QUICK_KEEP_BYTES {
            return false;
        }
        // SAFETY: `block` is a freed block of this arena with at least its class's size
        // (every small block was asked of dlmalloc at that size), 8-aligned: room and
        // alignment for the link word.
        unsafe { block.cast::<*mut u8>().write(quick.heads[class]) };
        quick.heads[class] = block;
        quick.counts[class] += 1;
        true
    }

    /// Counts `delta` live bytes, publishing the arena's sum now and then.
    fn note(&mut self, delta: isize) {
        // SAFETY: as in `heap`.
        let pending = unsafe { &mut *self.0.pending.get() };
        let sum = pending.wrapping_add(delta);
        if (sum.wrapping_add(FLUSH_BYTES) as usize) < 2 * FLUSH_BYTES as usize {
            *pending = sum;
        } else {
            *pending = 0;
            super::memory::publish(sum);
        }
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        self.0.locked.store(false, Ordering::Release);
    }
}

/// Any free arena, trying first the calling thread's own.
fn lock_any() -> Held {
    let probe = 0u8;
    let stack = std::hint::black_box(&probe) as *const u8 as usize;
    // Stacks are 1-2 MiB apart: hash the MiB the stack pointer is in.
    let first = ((stack >> 20) as u32).wrapping_mul(0x9E37_79B1) as usize >> 29;
    loop {
        for offset in 0..ARENAS {
            if let Some(held) = Held::try_lock(&HEAPS[(first + offset) % ARENAS]) {
                return held;
            }
        }
        std::hint::spin_loop();
    }
}

/// The locked arena owning `pointer` (memory one of them handed out).
fn lock_owner(pointer: *mut u8) -> Held {
    let owner = OWNER[pointer as usize / PAGE].load(Ordering::Acquire);
    debug_assert!(owner != 0, "freeing memory no arena owns");
    Held::lock(&HEAPS[usize::from(owner.max(1) - 1)])
}

/// `GlobalAlloc::alloc`; the caller counts nothing.
///
/// # Safety
/// As `GlobalAlloc::alloc`.
pub(crate) unsafe fn alloc(layout: Layout) -> *mut u8 {
    let mut held = lock_any();
    let pointer = match quick_class(layout.size(), layout.align()) {
        Some(class) => match held.pop_quick(class) {
            Some(block) => block,
            // SAFETY: the caller's contract is dlmalloc's (a non-zero size).
            None => unsafe { held.heap().malloc(class_size(class), layout.align()) },
        },
        // SAFETY: as above.
        None => unsafe { held.heap().malloc(layout.size(), layout.align()) },
    };
    if !pointer.is_null() {
        held.note(layout.size() as isize);
    }
    pointer
}

/// `GlobalAlloc::alloc_zeroed`.
///
/// # Safety
/// As `GlobalAlloc::alloc_zeroed`.
pub(crate) unsafe fn alloc_zeroed(layout: Layout) -> *mut u8 {
    let mut held = lock_any();
    let pointer = match quick_class(layout.size(), layout.align()) {
        Some(class) => match held.pop_quick(class) {
            Some(block) => {
                // SAFETY: the block has at least `layout.size()` bytes (its class's).
                unsafe { std::ptr::write_bytes(block, 0, layout.size()) };
                block
            }
            // SAFETY: as in `alloc`.
            None => unsafe { held.heap().calloc(class_size(class), layout.align()) },
        },
        // SAFETY: as in `alloc`.
        None => unsafe { held.heap().calloc(layout.size(), layout.align()) },
    };
    if !pointer.is_null() {
        held.note(layout.size() as isize);
    }
    pointer
}

/// `GlobalAlloc::dealloc`.
///
/// # Safety
/// As `GlobalAlloc::dealloc`: `pointer` came from [`alloc`] or its kin with `layout`.
pub(crate) unsafe fn dealloc(pointer: *mut u8, layout: Layout) {
    let mut held = lock_owner(pointer);
    let kept = quick_class(layout.size(), layout.align())
        .is_some_and(|class| held.push_quick(pointer, class));
    if !kept {
        // SAFETY: the owning arena allocated `pointer` with `layout`.
        unsafe { held.heap().free(pointer, layout.size(), layout.align()) };
    }
    held.note(-(layout.size() as isize));
}

/// `GlobalAlloc::realloc`: in the arena that owns `pointer` (a moved block stays there).
///
/// # Safety
/// As `GlobalAlloc::realloc`.
pub(crate) unsafe fn realloc(pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
    let mut held = lock_owner(pointer);
    // SAFETY: the owning arena allocated `pointer` with `layout`; the caller upholds the rest.
    // A block that becomes small is asked for at its class's size (see `request_size`).
    let asked = request_size(new_size, layout.align());
    let moved = unsafe {
        held.heap()
            .realloc(pointer, layout.size(), layout.align(), asked)
    };
    if !moved.is_null() {
        held.note(new_size as isize - layout.size() as isize);
    }
    moved
}

/// Natively (the tests below), `memory.grow` over one reserved region placed low enough
/// for [`OWNER`]'s page numbers.
#[cfg(all(test, not(target_arch = "wasm32")))]
fn grow(pages: usize) -> usize {
    use std::sync::atomic::AtomicUsize;
    use std::sync::OnceLock;
    const BASE: usize = 0x1000_0000;
    const BYTES: usize = 2 << 30;
    static REGION: OnceLock<()> = OnceLock::new();
    static USED: AtomicUsize = AtomicUsize::new(0);
    REGION.get_or_init(|| {
        // SAFETY: a fresh private anonymous mapping at an address nothing else uses
        // (MAP_FIXED_NOREPLACE fails rather than replace a mapping).
        let at = unsafe {
            libc::mmap(
                BASE as *mut libc::c_void,
                BYTES,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE
                    | libc::MAP_ANONYMOUS
                    | libc::MAP_FIXED_NOREPLACE
                    | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        assert_eq!(at as usize, BASE, "the test region could not be mapped");
    });
    let used = USED.fetch_add(pages, Ordering::SeqCst);
    if (used + pages) * PAGE > BYTES {
        return usize::MAX;
    }
    BASE / PAGE + used
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::alloc::Layout;

    /// Eight threads allocate, grow and free blocks of every size (large ones included)
    /// at once, through whichever arena is free, writing every byte they get; then one
    /// thread frees what all of them kept (frees across arenas). A lock taken twice, or a
    /// block freed into the wrong arena, corrupts a heap and crashes or trips an assert.
    #[test]
    fn arenas_survive_threads_allocating_and_freeing_at_once() {
        let threads: Vec<_> = (0..8u64)
            .map(|thread| {
                std::thread::spawn(move || {
                    let mut kept: Vec<(usize, Layout)> = Vec::new();
                    let mut x = thread * 7919 + 1;
                    for round in 0..60_000usize {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        let size = if x % 200 == 0 {
                            (x % 300_000) as usize + 1
                        } else {
                            (x % 200) as usize + 1
                        };
                        if kept.len() < 300 || x % 2 == 0 {
                            let layout = Layout::from_size_align(size, 8).unwrap();
                            let block = if x % 7 == 0 {
                                // SAFETY: a non-zero size.
                                let block = unsafe { super::alloc_zeroed(layout) };
                                assert!(!block.is_null());
                                // SAFETY: the block has `size` bytes.
                                let bytes = unsafe { std::slice::from_raw_parts(block, size) };
                                assert!(bytes.iter().all(|&byte| byte == 0));
                                block
                            } else {
                                // SAFETY: a non-zero size.
                                unsafe { super::alloc(layout) }
                            };
                            assert!(!block.is_null());
                            // SAFETY: the block has `size` bytes.
                            unsafe { std::ptr::write_bytes(block, round as u8, size) };
                            kept.push((block as usize, layout));
                        } else {
                            let (block, layout) = kept.swap_remove(x as usize / 3 % kept.len());
                            if x % 5 == 0 && layout.size() < 100_000 {
                                let bigger = layout.size() * 2 + 1;
                                // SAFETY: the block came from `alloc` with `layout`.
                                let moved =
                                    unsafe { super::realloc(block as *mut u8, layout, bigger) };
                                assert!(!moved.is_null());
                                // SAFETY: the block now has `bigger` bytes.
                                unsafe { std::ptr::write_bytes(moved, 1, bigger) };
                                kept.push((
                                    moved as usize,
                                    Layout::from_size_align(bigger, 8).unwrap(),
                                ));
                            } else {
                                // SAFETY: the block came from `alloc` with `layout`.
                                unsafe { super::dealloc(block as *mut u8, layout) };
                            }
                        }
                    }
                    kept
                })
            })
            .collect();
        let kept: Vec<_> = threads
            .into_iter()
            .flat_map(|t| t.join().unwrap())
            .collect();
        for (block, layout) in kept {
            // SAFETY: each block came from the arenas with its layout.
            unsafe { super::dealloc(block as *mut u8, layout) };
        }
    }
}
