//! The interpreter's data: a `Frame` (one activation, plain data so it can be paused
//! after any instruction), its `Block`s (exception handlers), and the `Vm` (one Python
//! thread's state), with the value-stack accessors every instruction uses.
//!
//! Data and accessors only: nothing here may run Python code, raise, or block.

use super::builtin_names::BuiltinsView;
use super::runtime::Runtime;
use super::virtual_slice::SliceState;
use crate::code::{CodeObject, Name};
use crate::value::Mutex;
use crate::value::*;
use std::mem::ManuallyDrop;
use std::ops::Deref;
use std::sync::atomic::Ordering;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BlockKind {
    /// An except/finally/with handler starts at `handler`.
    Handler,
    /// Inside a handler: the exception stack is restored to `exc_depth` on exit.
    ActiveHandler,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Block {
    pub(super) kind: BlockKind,
    pub(super) handler: u32,
    pub(super) stack_depth: u32,
    pub(super) exc_depth: u32,
}

/// A frame's code or globals: an `Arc` with a count of its own, or, in a frame that
/// owns the function it runs (`Frame::function`), that function's own `Arc` used
/// without one. A profile of recursive calls showed the two increments at a call and
/// the two decrements at its return (atomic read-modify-writes, on counts that every
/// thread running the function shares) as a fifth of a call's time. Reads as the
/// `Arc` (`Deref`); cloning that makes an `Arc` with its own count, as before.
pub(crate) struct FrameArc<T> {
    arc: ManuallyDrop<Arc<T>>,
    /// Whether `arc` holds a count of its own (dropped with this).
    owned: bool,
}

impl<T> FrameArc<T> {
    #[inline(always)]
    pub(crate) fn owned(arc: Arc<T>) -> Self {
        FrameArc {
            arc: ManuallyDrop::new(arc),
            owned: true,
        }
    }

    /// `arc` used without a count of its own.
    ///
    /// # Safety
    /// `arc` must stay alive, and keep pointing to the same object, for as long as the
    /// result exists: in a frame, it is a field of the `Function` the frame owns through
    /// `Frame::function` (which the frame never lets go of before dropping this, and
    /// whose fields are never reassigned).
    #[inline(always)]
    pub(crate) unsafe fn borrowed(arc: &Arc<T>) -> Self {
        FrameArc {
            // SAFETY: a bitwise copy that is never dropped (`owned` is false), so the
            // count stays that of `arc` alone; the caller keeps `arc` alive.
            arc: ManuallyDrop::new(unsafe { std::ptr::read(arc) }),
            owned: false,
        }
    }
}

impl<T> Deref for FrameArc<T> {
    type Target = Arc<T>;

    #[inline(always)]
    fn deref(&self) -> &Arc<T> {
        &self.arc
    }
}

impl<T> Drop for FrameArc<T> {
    #[inline(always)]
    fn drop(&mut self) {
        if self.owned {
            // SAFETY: an owned `arc` holds a count of its own, dropped once, here.
            unsafe { ManuallyDrop::drop(&mut self.arc) }
        }
    }
}

/// One activation of a code object: plain data, so it can be suspended anywhere.
pub struct Frame {
    /// Borrowed from `function` when the call that made the frame moved the function
    /// here (see `FrameArc`), so is `globals`.
    pub(crate) code: FrameArc<CodeObject>,
    pub(crate) ip: usize,
    pub(crate) stack: Vec<Value>,
    pub(crate) fast: Vec<Option<Value>>,
    /// Cell objects: the code's own cellvars, then its freevars (see `Frame::cell`).
    pub(crate) cells: Vec<Value>,
    /// The function a call runs, when the call moved it here from the caller's stack
    /// (the calls `push_plain_frame` makes): its closure holds this frame's freevars'
    /// cells, read in place (`Frame::cell`) instead of cloned into `cells` per call.
    pub(crate) function: Option<Arc<Obj>>,
    pub(crate) globals: FrameArc<Globals>,
    /// The namespace of a class body being executed.
    pub(crate) class_ns: Option<Arc<Mutex<AttrMap>>>,
    pub(super) blocks: Vec<Block>,
    pub(super) id: u64,
    /// A suspended generator's own exceptions being handled (it yielded inside an
    /// `except`/`finally`/`async with` handler): taken off the thread's stack when it
    /// yields and put back when it resumes, as CPython keeps `gi_exc_state`.
    pub(super) saved_exc: Vec<Value>,
    /// This frame runs the `__init__` of an instance a class call made (pushed by the
    /// call instruction, the instance already on the caller's stack): its return value
    /// must be None and is dropped.
    pub(super) is_init: bool,
    /// This frame runs a property's setter for `StoreAttr` (pushed by the instruction):
    /// its return value is dropped.
    pub(super) discards_return: bool,
}

impl Frame {
    /// Cell `index` (cellvars first, then freevars): from `cells`, then from the closure
    /// of `function` past them.
    #[inline]
    pub(crate) fn cell(&self, index: usize) -> Option<&Value> {
        cell_of(&self.cells, &self.function, index)
    }

    /// Every cell of the frame, in `cell` order.
    pub(crate) fn all_cells(&self) -> impl Iterator<Item = &Value> {
        (0..).map_while(|index| self.cell(index))
    }
}

/// `Frame::cell` from the two fields it reads, so `dispatch` can read a cell while it
/// pushes onto the same frame's stack (disjoint borrows of the frame's fields).
#[inline(always)]
pub(super) fn cell_of<'a>(
    cells: &'a [Value],
    function: &'a Option<Arc<Obj>>,
    index: usize,
) -> Option<&'a Value> {
    match cells.get(index) {
        Some(cell) => Some(cell),
        None => match &function.as_deref()?.payload {
            Payload::Function(function) => function.closure.get(index - cells.len()),
            _ => None,
        },
    }
}

/// The buffers of a finished frame, kept for the next call (see [`FramePool`]).
struct SpareFrame {
    stack: Vec<Value>,
    fast: Vec<Option<Value>>,
    cells: Vec<Value>,
    blocks: Vec<Block>,
}

/// Finished frames' buffers (all empty), so a call allocates nothing: a profile of
/// call-heavy programs showed malloc/free of each frame's vectors as a tenth of the
/// time. Bounded in count and in buffer size, so a deep recursion or a huge function
/// does not keep memory alive.
///
/// A frame that returns keeps its buffers in its own slot of `Vm::frames`, past the
/// vector's length (`Vm::spare_end`), for the next frame pushed at that depth: moving
/// them into this pool at each return and out at each call was some fifty loads and
/// stores per call. The pool serves the frames made apart from the stack of frames
/// (`new_frame`: nested runs, generators), and takes the kept buffers of a slot that
/// such a frame is pushed into (`Vm::vacate_next_slot`).
#[derive(Default)]
pub(super) struct FramePool {
    spare: Vec<SpareFrame>,
}

/// Spare frames kept at most (deeper recursions allocate past this depth).
const POOL_FRAMES: usize = 128;
/// A buffer with more room than this is freed rather than kept.
const POOL_MAX_CAPACITY: usize = 256;

/// One Python thread's interpreter state.
pub struct Vm {
    pub rt: Arc<Runtime>,
    pub(super) frames: Vec<Frame>,
    /// Buffers of finished frames for `new_frame` to reuse.
    frame_pool: FramePool,
    /// The slots of `frames` from its length up to here (when above it) hold the
    /// emptied buffers (`stack`, `fast`, `cells`, `blocks`, possibly without capacity)
    /// of the frames that ran there, the slots' other fields uninitialized: a call
    /// pushed at that depth reuses them in place (see `FramePool`). Never above the
    /// vector's capacity (the vector only grows when full, so never with kept slots).
    /// Whatever writes a whole frame into a kept slot first takes its buffers
    /// (`vacate_next_slot`); whatever moves the top frame out refills its slot
    /// (`refill_vacated_slots`); `Drop` frees the kept buffers.
    spare_end: usize,
    /// Exceptions currently being handled (innermost last), for bare `raise` and context.
    pub(super) exc_stack: Vec<Value>,
    next_frame_id: u64,
    /// This Python thread's id (its GIL identity; the main thread is 1).
    pub thread_id: u64,
    /// This thread's lane in the run's trace (None once all lanes are taken).
    pub(super) lane: Option<trace::LaneWriter>,
    /// Rust-level re-entries of the interpreter loop (calls made from built-ins, dunder
    /// methods, generators); bounded so they cannot overflow a worker's native stack.
    pub(super) nested_runs: usize,
    /// Objects whose repr is being computed (to print `[...]` for self-references).
    pub(crate) repr_guard: Vec<usize>,
    /// Virtual-scheduler bookkeeping (unused on real threads).
    pub(super) slice: SliceState,
    /// The program's file (see `Runtime::main_file`), and the last line of it this
    /// thread published to its lane.
    pub(super) user_file: Option<Name>,
    pub(super) line: u32,
    /// Backward jumps until the current line is published again (every jump would cost
    /// too much in tight loops).
    pub(super) line_countdown: u32,
    /// Calls until `dispatch` is left and re-entered after pushing a callee's frame
    /// (see `Vm::leave_after_call`).
    pub(super) calls_countdown: u32,
    /// True when the run watches globals; when this thread last sampled them.
    pub(super) watching: bool,
    pub(super) last_watch_ns: u64,
    /// The run's `builtins` as this thread last saw it (read without a lock).
    pub(super) builtins: BuiltinsView,
    /// This thread's answers to class attribute lookups (attributes.rs).
    pub(super) class_cache: super::class_cache::ClassCache,
    /// Where this thread last found each global (names.rs).
    pub(super) global_positions: super::names::GlobalPositions,
    /// Time spent in the running state (`time.thread_time()` in the browser).
    pub(super) running: super::lane::RunningTime,
    /// Generators a `for` loop runs in this thread's own loop (generators.rs).
    pub(super) inline_gens: Vec<super::generators::InlineGen>,
}

impl Vm {
    pub fn new(rt: Arc<Runtime>) -> Vm {
        Vm::named(rt, "MainThread")
    }

    /// A VM for a Python thread called `name` (its trace lane carries the name).
    pub(crate) fn named(rt: Arc<Runtime>, name: &str) -> Vm {
        let thread_id = rt.next_thread_id.fetch_add(1, Ordering::AcqRel);
        let lane = rt
            .trace
            .register_in(rt.process.lane_name(name), rt.process.trace_process());
        if let Some(lane) = &lane {
            lock(&rt.lanes).insert(thread_id, lane.lane());
        }
        rt.waits.thread_started(thread_id, name);
        let slice = SliceState {
            per_instruction: rt.virtual_sched.is_some() || rt.gil_model == crate::GilModel::Legacy,
            switch_anywhere: rt.gil_model != crate::GilModel::Modern,
            budget: u64::MAX,
            ..SliceState::default()
        };
        Vm {
            user_file: rt.main_file.get().cloned(),
            line: 0,
            line_countdown: 0,
            calls_countdown: 0,
            watching: rt.watched.get().is_some_and(|names| !names.is_empty()),
            last_watch_ns: 0,
            builtins: rt.builtins.view(),
            class_cache: Default::default(),
            global_positions: Default::default(),
            slice,
            thread_id,
            lane,
            rt,
            frames: Vec::new(),
            frame_pool: FramePool::default(),
            spare_end: 0,
            exc_stack: Vec::new(),
            next_frame_id: 1,
            nested_runs: 0,
            repr_guard: Vec::new(),
            running: Default::default(),
            inline_gens: Vec::new(),
        }
    }

    #[inline(always)]
    pub(super) fn top(&self) -> &Frame {
        self.frames.last().expect("a frame is running")
    }

    #[inline(always)]
    pub(super) fn top_mut(&mut self) -> &mut Frame {
        self.frames.last_mut().expect("a frame is running")
    }

    #[inline(always)]
    pub(super) fn pop(&mut self) -> Value {
        self.top_mut()
            .stack
            .pop()
            .expect("the compiler keeps the stack balanced")
    }

    #[inline(always)]
    pub(super) fn push(&mut self, value: Value) {
        self.top_mut().stack.push(value);
    }

    #[inline(always)]
    pub(super) fn peek(&self, depth: usize) -> &Value {
        let stack = &self.top().stack;
        &stack[stack.len() - 1 - depth]
    }

    /// A frame for `code` at its start, with reused buffers when the pool has some.
    #[inline]
    pub(super) fn new_frame(&mut self, code: Arc<CodeObject>, globals: Arc<Globals>) -> Frame {
        self.make_frame(FrameArc::owned(code), FrameArc::owned(globals))
    }

    /// What every new frame starts from (`make_frame`, `push_new_frame`,
    /// `push_frame_moving_args`): writes the next frame id into `slot`, and its buffers,
    /// reused from the pool when it has some, with room for `code`'s value stack and all
    /// of its locals; `fast` is left empty, for the caller to fill, and the other fields
    /// are the caller's to write. (In place: returning the buffers made the compiler
    /// copy them through memory once more, some fifteen instructions of each call.)
    ///
    /// When `kept` (a slot of `frames` below `spare_end`), the slot's own buffers are
    /// used where they are (not written).
    ///
    /// # Safety
    /// `slot` must be valid for writing a `Frame`, and not within `self.frame_pool`;
    /// when `kept`, its buffers must be initialized and empty (a kept slot).
    #[inline(always)]
    unsafe fn start_frame(&mut self, slot: *mut Frame, code: &CodeObject, kept: bool) {
        use std::ptr::addr_of_mut;
        let id = self.next_frame_id;
        self.next_frame_id += 1;
        // SAFETY: the caller gives a slot valid for writes, with initialized empty
        // buffers when `kept`. Kept buffers whose stack has no capacity (a generator's
        // frame left the slot: `refill_vacated_slots`; see `vacate_next_slot`) own
        // nothing: they are written over with the pool's, where `vacate_next_slot` put
        // those the generator's frame found there (a `for` loop over a generator that
        // calls a function per item alternates the two frames at one depth).
        unsafe {
            addr_of_mut!((*slot).id).write(id);
            if kept && (*slot).stack.capacity() != 0 {
                let stack = &mut *addr_of_mut!((*slot).stack);
                stack.reserve(code.stack_hint as usize + 2);
                let fast = &mut *addr_of_mut!((*slot).fast);
                debug_assert!(fast.is_empty());
                fast.reserve(code.varnames.len());
                return;
            }
        }
        let (mut stack, mut fast, cells, blocks) = match self.frame_pool.spare.pop() {
            Some(spare) => (spare.stack, spare.fast, spare.cells, spare.blocks),
            None => (Vec::new(), Vec::new(), Vec::new(), Vec::new()),
        };
        stack.reserve(code.stack_hint as usize + 2);
        debug_assert!(fast.is_empty());
        fast.reserve(code.varnames.len());
        // SAFETY: the caller gives a slot valid for writes.
        unsafe {
            addr_of_mut!((*slot).stack).write(stack);
            addr_of_mut!((*slot).fast).write(fast);
            addr_of_mut!((*slot).cells).write(cells);
            addr_of_mut!((*slot).blocks).write(blocks);
        }
    }

    /// Before a whole frame is written into the slot at `frames.len()` (a `push` of a
    /// frame made apart, a generator's frame put back): a kept slot's buffers go to the
    /// pool (or are freed), so they are neither leaked nor lost for reuse.
    #[inline(always)]
    pub(super) fn vacate_next_slot(&mut self) {
        let len = self.frames.len();
        if self.spare_end <= len {
            return;
        }
        if self.spare_end == len + 1 {
            self.spare_end = len;
        }
        // SAFETY: `len < spare_end <= capacity` (before the line above): a kept slot,
        // whose buffers are initialized.
        let slot = unsafe { &*self.frames.as_ptr().add(len) };
        // Buffers without capacity own nothing (those `refill_vacated_slots` writes, as
        // a generator's frame leaves and comes back each item): nothing to take. A kept
        // `stack` without capacity comes only with such empty buffers (every frame's
        // stack gets room in `start_frame`; `recycle_top_frame` keeps all four or none).
        if slot.stack.capacity() != 0 {
            self.pool_slot_buffers(len);
        } else {
            debug_assert!(
                slot.fast.capacity() == 0
                    && slot.cells.capacity() == 0
                    && slot.blocks.capacity() == 0
            );
        }
    }

    /// `vacate_next_slot`'s taking of the buffers of the kept slot at `at`, which has some.
    #[inline(never)]
    fn pool_slot_buffers(&mut self, at: usize) {
        use std::ptr::{addr_of, read};
        // SAFETY: the caller found the slot at `at` a kept slot, whose buffers are
        // initialized; each is read out once here, and the slot is written whole by the
        // caller's caller right after (until then nothing reads it: it is past the
        // length, and the caller pushes into it before anything else touches `frames`).
        let spare = unsafe {
            let slot = self.frames.as_ptr().add(at);
            SpareFrame {
                stack: read(addr_of!((*slot).stack)),
                fast: read(addr_of!((*slot).fast)),
                cells: read(addr_of!((*slot).cells)),
                blocks: read(addr_of!((*slot).blocks)),
            }
        };
        if self.frame_pool.spare.len() < POOL_FRAMES {
            self.frame_pool.spare.push(spare);
        }
    }

    /// After the top frame was moved out of `frames` or dropped there (`pop`, a
    /// generator's frame put back in its box, a `truncate` from `from`): the slots from
    /// the length up to `from` no longer hold buffers; those below `spare_end` get empty
    /// ones (allocating nothing), so every slot below it stays a kept slot. (When the
    /// vacated slots are the last kept ones, `spare_end` comes down instead.)
    #[inline(always)]
    pub(super) fn refill_vacated_slots(&mut self, from: usize) {
        use std::ptr::addr_of_mut;
        let len = self.frames.len();
        if self.spare_end <= from {
            self.spare_end = self.spare_end.min(len);
            return;
        }
        for at in len..from {
            // SAFETY: `at < from < spare_end <= capacity`: a slot within the allocation,
            // past the length, whose buffers were moved out or dropped: writing empty
            // vectors (no allocation) makes it a kept slot again.
            unsafe {
                let slot = self.frames.as_mut_ptr().add(at);
                addr_of_mut!((*slot).stack).write(Vec::new());
                addr_of_mut!((*slot).fast).write(Vec::new());
                addr_of_mut!((*slot).cells).write(Vec::new());
                addr_of_mut!((*slot).blocks).write(Vec::new());
            }
        }
    }

    /// Writes a frame for `code` at its start (every local unbound, no function) into
    /// `slot`, field by field (so no whole `Frame` is built elsewhere and copied).
    ///
    /// # Safety
    /// As for `start_frame`.
    #[inline(always)]
    unsafe fn write_frame(
        &mut self,
        slot: *mut Frame,
        code: FrameArc<CodeObject>,
        globals: FrameArc<Globals>,
        kept: bool,
    ) {
        use std::ptr::addr_of_mut;
        // SAFETY: the caller gives a slot valid for writes; `start_frame` wrote `fast`
        // empty with room for `locals` slots, so its first `locals` slots are the ones
        // initialized here. (`resize` is not inlined: a call of its own for a handful
        // of slots.)
        unsafe {
            self.start_frame(slot, &code, kept);
            let fast = &mut *addr_of_mut!((*slot).fast);
            let locals = code.varnames.len();
            for slot in &mut fast.spare_capacity_mut()[..locals] {
                slot.write(None);
            }
            fast.set_len(locals);
            write_frame_rest(slot, code, globals, None);
        }
    }

    #[inline(always)]
    fn make_frame(&mut self, code: FrameArc<CodeObject>, globals: FrameArc<Globals>) -> Frame {
        let mut frame = std::mem::MaybeUninit::<Frame>::uninit();
        // SAFETY: a local's slot, valid for writes; `write_frame` writes every field.
        unsafe {
            self.write_frame(frame.as_mut_ptr(), code, globals, false);
            frame.assume_init()
        }
    }

    /// Pushes a frame for `code` at its start (as `new_frame` makes it) and returns it
    /// with its caller's frame: a call's hot path, which builds the frame right in the
    /// stack of frames rather than moving it there. A `code` and `globals` borrowed from
    /// a function (`FrameArc::borrowed`) need that function in the new frame's
    /// `function` before anything else can use the frame.
    #[inline(always)]
    pub(super) fn push_new_frame(
        &mut self,
        code: FrameArc<CodeObject>,
        globals: FrameArc<Globals>,
    ) -> (&mut Frame, &mut Frame) {
        self.frames.reserve(1);
        let len = self.frames.len();
        let kept = self.spare_end > len;
        // SAFETY: the slot at `len` is within the capacity reserved above (a kept slot
        // when `kept`), and `write_frame` writes every field of it before the length
        // covers it. (`push` of a frame built apart would copy it once more: a tenth of a
        // call's cost.)
        unsafe {
            let slot = self.frames.as_mut_ptr().add(len);
            self.write_frame(slot, code, globals, kept);
            self.frames.set_len(len + 1);
        }
        let [.., caller, new] = &mut self.frames[..] else {
            unreachable!("a caller's frame is running")
        };
        (caller, new)
    }

    /// The fast call's frame: pushes a frame running `stack[callable_at]` of the caller
    /// (a plain Python function, checked by the caller: `Vm::push_positional_frame`)
    /// whose first locals are the caller's `stack[args_at..]` (fewer than the code's
    /// locals), moved there, not cloned; the rest start unbound. The callable moves into
    /// the frame (`Frame::function`), and the frame uses its code and globals without
    /// counts of their own (`FrameArc::borrowed`); what lies between it and the
    /// arguments (the no-self marker of `CallMethod`) is dropped. Returns the new frame.
    ///
    /// Each field is written in place: building a `Frame` value and writing it into the
    /// vector's spare slot made the compiler copy it through `memcpy` (about 30
    /// instructions of a call's few hundred).
    ///
    /// # Safety
    /// `code` and `globals` must be those of the function at `stack[callable_at]`,
    /// borrowed from it (`FrameArc::borrowed`): it moves into the new frame's
    /// `function`, which keeps them alive for the frame. (The `Obj` does not move with
    /// its `Arc`.)
    #[inline(always)]
    pub(super) unsafe fn push_frame_moving_args(
        &mut self,
        callable_at: usize,
        args_at: usize,
        code: FrameArc<CodeObject>,
        globals: FrameArc<Globals>,
    ) -> &mut Frame {
        let len = self.frames.len();
        let locals = code.varnames.len();
        self.frames.reserve(1);
        let slot = self.frames.as_mut_ptr().wrapping_add(len);
        let kept = self.spare_end > len;
        // SAFETY: the slot at `len` is within the capacity reserved above (not in the
        // pool; a kept slot when `kept`); the other fields are written below before the
        // length covers it.
        unsafe { self.start_frame(slot, &code, kept) };
        let caller = &mut self.frames[len - 1].stack;
        let given = caller.len() - args_at;
        assert!(callable_at < args_at && given <= locals);
        // SAFETY: `callable_at < args_at <= caller.len()` (asserted above), so every slot
        // read here is initialized; the caller's length is set to `callable_at` below,
        // before anything can observe it, so each value read is owned once: the
        // callable by `function`, the values between it and the arguments are dropped
        // in place, the arguments move into `fast`. `fast` (written by `start_frame`,
        // past the caller's frame) was empty with room for `locals >= given` slots: its
        // first `locals` slots are initialized here, the first `given` with the
        // arguments, the rest unbound. Then every other field of the frame is written
        // before the length covers it.
        unsafe {
            let fast = &mut *std::ptr::addr_of_mut!((*slot).fast);
            let from = caller.as_mut_ptr();
            let Value::Obj(function) = from.add(callable_at).read() else {
                unreachable!("the caller checked the function")
            };
            for between in callable_at + 1..args_at {
                std::ptr::drop_in_place(from.add(between));
            }
            let to = fast.as_mut_ptr();
            for index in 0..given {
                to.add(index).write(Some(from.add(args_at + index).read()));
            }
            for index in given..locals {
                to.add(index).write(None);
            }
            caller.set_len(callable_at);
            fast.set_len(locals);
            write_frame_rest(slot, code, globals, Some(function));
            self.frames.set_len(len + 1);
            &mut *slot
        }
    }

    /// Fails to compile when `Frame` gains a field: `start_frame` and `write_frame_rest`
    /// write each one by hand and must then write the new one too (and `recycle_top_frame`, which
    /// drops or moves each one by hand, drop it).
    #[allow(dead_code)]
    fn frame_fields_written(frame: Frame) {
        let Frame {
            code: _,
            ip: _,
            stack: _,
            fast: _,
            cells: _,
            function: _,
            globals: _,
            class_ns: _,
            blocks: _,
            id: _,
            saved_exc: _,
            is_init: _,
            discards_return: _,
        } = frame;
    }

    /// Pops the frame on top, drops its contents and keeps its emptied buffers in its
    /// slot for the next frame pushed there (see `spare_end`); returns its `is_init` and
    /// `discards_return` (None without frames). Field by field in place: `pop` would
    /// first copy the whole frame out of the vector. Buffers with more room than
    /// `POOL_MAX_CAPACITY`, or of a slot deeper than `POOL_FRAMES`, are freed (the slot
    /// keeps empty ones), so a deep recursion or a huge function keeps no memory alive.
    #[inline(always)]
    pub(super) fn recycle_top_frame(&mut self) -> Option<(bool, bool)> {
        use std::ptr::{addr_of_mut, drop_in_place};
        let len = self.frames.len();
        if len == 0 {
            return None;
        }
        // SAFETY: the slot at `len - 1` holds a frame; the length is lowered first, so the
        // vector no longer owns it, and each of its fields that owns something but the
        // buffers is dropped exactly once below (`frame_fields_written` lists them all;
        // `ip`, `id`, `is_init` and `discards_return` are plain data). The buffers stay
        // initialized (emptied, or replaced by empty ones), so the slot is a kept slot,
        // below `spare_end` as raised here (`len <= capacity`).
        unsafe {
            self.frames.set_len(len - 1);
            let done = self.frames.as_mut_ptr().add(len - 1);
            // (Code and globals first: borrowed ones point into the function.)
            drop_in_place(addr_of_mut!((*done).code));
            drop_in_place(addr_of_mut!((*done).globals));
            drop_in_place(addr_of_mut!((*done).function));
            if (*done).class_ns.is_some() {
                drop_in_place(addr_of_mut!((*done).class_ns));
            }
            // A frame's `saved_exc` holds something only while it is suspended (a
            // generator paused in a handler); an empty one with no buffer has nothing to
            // free (skips a call of the slice's drop glue).
            if (*done).saved_exc.capacity() != 0 {
                drop_in_place(addr_of_mut!((*done).saved_exc));
            }
            let flags = ((*done).is_init, (*done).discards_return);
            if self.spare_end < len {
                self.spare_end = len;
            }
            let done = &mut *done;
            // (A stack without room, which no frame has, frees the others too: a kept
            // slot whose stack has no room holds no buffer at all, as
            // `vacate_next_slot` and `start_frame` assume.)
            if len > POOL_FRAMES
                || done.stack.capacity().wrapping_sub(1) >= POOL_MAX_CAPACITY
                || done.fast.capacity() > POOL_MAX_CAPACITY
                || done.cells.capacity() > POOL_MAX_CAPACITY
                || done.blocks.capacity() > POOL_MAX_CAPACITY
            {
                done.stack = Vec::new();
                done.fast = Vec::new();
                done.cells = Vec::new();
                done.blocks = Vec::new();
                return Some(flags);
            }
            // (The checks skip a call of the slice's drop glue; most of these are empty.)
            if !done.stack.is_empty() {
                done.stack.clear();
            }
            clear_locals(&mut done.fast);
            if !done.cells.is_empty() {
                done.cells.clear();
            }
            done.blocks.clear();
            Some(flags)
        }
    }

    #[inline]
    pub(super) fn pop_n(&mut self, n: usize) -> Vec<Value> {
        let stack = &mut self.top_mut().stack;
        let at = stack.len() - n;
        stack.split_off(at)
    }

    /// `Dup`: pushes the top again.
    #[inline]
    pub(super) fn dup_top(&mut self) {
        let value = self.peek(0).clone();
        self.push(value);
    }

    /// `Dup2`: pushes the top two again, in the same order.
    #[inline]
    pub(super) fn dup_top_two(&mut self) {
        let a = self.peek(1).clone();
        let b = self.peek(0).clone();
        self.push(a);
        self.push(b);
    }

    /// `Rot2`: swaps the top two.
    #[inline]
    pub(super) fn swap_top_two(&mut self) {
        let stack = &mut self.top_mut().stack;
        let n = stack.len();
        stack.swap(n - 1, n - 2);
    }

    /// `Rot3` / `Rot4`: moves the top `below` places down (under the next `below`).
    #[inline]
    pub(super) fn sink_top(&mut self, below: usize) {
        let stack = &mut self.top_mut().stack;
        let top = stack.pop().expect("balanced stack");
        let n = stack.len();
        stack.insert(n - below, top);
    }

    /// The frame of the caller of a built-in (for `super()` without arguments).
    pub(crate) fn caller_frame(&self) -> Option<&Frame> {
        self.frames.last()
    }
}

impl Drop for Vm {
    fn drop(&mut self) {
        use std::ptr::{addr_of_mut, drop_in_place};
        // The kept slots' buffers lie past the vector's length: the vector does not
        // free them.
        for at in self.frames.len()..self.spare_end {
            // SAFETY: a slot below `spare_end` and past the length is a kept slot, whose
            // buffers are initialized and owned by nothing else; each is dropped once,
            // and `spare_end` comes down so none is dropped again.
            unsafe {
                let slot = self.frames.as_mut_ptr().add(at);
                drop_in_place(addr_of_mut!((*slot).stack));
                drop_in_place(addr_of_mut!((*slot).fast));
                drop_in_place(addr_of_mut!((*slot).cells));
                drop_in_place(addr_of_mut!((*slot).blocks));
            }
        }
        self.spare_end = 0;
    }
}

/// Writes the fields of the frame in `slot` that `Vm::start_frame` does not: `code`,
/// `globals` and `function` as given, the others as at a frame's start.
///
/// # Safety
/// `slot` must be valid for writing a `Frame`.
#[inline(always)]
unsafe fn write_frame_rest(
    slot: *mut Frame,
    code: FrameArc<CodeObject>,
    globals: FrameArc<Globals>,
    function: Option<Arc<Obj>>,
) {
    use std::ptr::addr_of_mut;
    // SAFETY: the caller gives a slot valid for writes.
    unsafe {
        addr_of_mut!((*slot).code).write(code);
        addr_of_mut!((*slot).ip).write(0);
        addr_of_mut!((*slot).function).write(function);
        addr_of_mut!((*slot).globals).write(globals);
        addr_of_mut!((*slot).class_ns).write(None);
        addr_of_mut!((*slot).saved_exc).write(Vec::new());
        addr_of_mut!((*slot).is_init).write(false);
        addr_of_mut!((*slot).discards_return).write(false);
    }
}

/// Empties a finished frame's locals: only the references among them (str, big int,
/// object) are released, inline; the slice's drop glue (a call of its own, about 45
/// instructions for two int locals) is skipped.
#[inline(always)]
fn clear_locals(fast: &mut Vec<Option<Value>>) {
    for slot in fast.iter_mut() {
        match slot.take() {
            Some(Value::Obj(object)) => drop(object),
            Some(Value::Str(text)) => drop(text),
            Some(Value::BigInt(int)) => drop(int),
            _ => {}
        }
    }
    // SAFETY: every slot was just set to None, which owns nothing: forgetting them
    // (rather than dropping) leaks nothing.
    unsafe { fast.set_len(0) };
}
