//! Running a thread on the virtual scheduler: the slice a thread is in (its instruction
//! budget and virtual clock), running until the slice ends, starting a thread's first
//! frame, and blocking on a wait.
//!
//! It must never decide which thread runs next (the scheduler does) nor sleep on a real
//! clock: a suspended thread keeps its frames as they are and returns to the scheduler.

use super::dispatch::Flow;
use super::exceptions::exc;
use super::frame::Vm;
use crate::code::CodeObject;
use crate::scheduler::{VirtualScheduler, VirtualWait};
use crate::types::ExcType;
use crate::value::*;
use crate::PyResult;
use std::sync::Arc;

/// How a virtual-scheduler slice ended.
pub(crate) enum SliceEnd {
    /// The budget ran out; the thread can go on later.
    Preempted,
    /// The thread waits for this.
    Blocked(VirtualWait),
    /// The thread's first frame returned or raised.
    Finished(PyResult<Value>),
}

/// Where a thread stands in its current virtual-scheduler slice.
#[derive(Default)]
pub(super) struct SliceState {
    /// True on the virtual scheduler (instructions are counted) or under the legacy GIL
    /// (a switch may come between any two instructions): the per-instruction check runs.
    pub(super) per_instruction: bool,
    /// The model lets a switch happen at any instruction (legacy, free), not only at
    /// eval-breaker points.
    pub(super) switch_anywhere: bool,
    /// Instructions executed in this slice, and how many it may run before a switch.
    pub(super) executed: u64,
    pub(super) budget: u64,
    /// The budget ran out: switch at the next point the model allows.
    pub(super) switch_due: bool,
    /// The budget is a step-mode pause: stop at any instruction.
    pub(super) pausing: bool,
    /// Virtual time at the slice's start, and what one instruction costs in it.
    pub(super) start_ns: u64,
    pub(super) ps_per_instruction: u64,
    /// Virtual time this thread spent running in its earlier slices
    /// (`time.thread_time()` on the virtual scheduler).
    pub(super) cpu_ns: u64,
    /// Set by `call_or_push` just for the built-in it calls: that built-in may suspend
    /// the thread, because the scheduler will push its result exactly where the call
    /// would have.
    pub(super) suspend_ok: bool,
    /// A suspension is unwinding to the thread's loop (carried by an error value).
    pub(super) suspending: bool,
    /// What the thread blocked on, for the scheduler to pick up.
    pub(super) pending_wait: Option<VirtualWait>,
    /// The blocking call it resumes from raised this (`input()` at end of input): it
    /// is raised where the call was, as the thread's loop starts again.
    pub(super) resume_error: Option<crate::PyErr>,
}

impl Vm {
    /// The virtual clock as this thread sees it now.
    pub(crate) fn virtual_now_ns(&self) -> u64 {
        self.slice.start_ns + self.slice.executed * self.slice.ps_per_instruction / 1000
    }

    /// Moves this thread's view of the virtual clock up to `now_ns` (never back): for a
    /// thread taken out of a wait by a stop or a deadlock, so that what it records next
    /// (its end) is stamped when that happened, not when it began to wait.
    pub(crate) fn catch_up_clock(&mut self, now_ns: u64) {
        let now = self.virtual_now_ns().max(now_ns);
        self.slice.cpu_ns = self.virtual_cpu_ns();
        self.slice.start_ns = now;
        self.slice.executed = 0;
    }

    /// Virtual time this thread has spent running: its earlier slices plus the
    /// instructions of the current (or last) one, each at the time one instruction
    /// takes on a core of its own (under free threading the clock moves slower per
    /// instruction while several threads share it, but each of them runs all along).
    pub(crate) fn virtual_cpu_ns(&self) -> u64 {
        self.slice.cpu_ns + self.slice.executed * crate::scheduler::PS_PER_INSTRUCTION / 1000
    }

    /// Starts a slice on the virtual scheduler: at `now_ns`, at most `budget`
    /// instructions before a switch, each costing `ps_per_instruction` picoseconds.
    pub(crate) fn begin_slice(&mut self, now_ns: u64, budget: u64, ps_per_instruction: u64) {
        self.slice.pausing = false;
        self.slice.cpu_ns = self.virtual_cpu_ns();
        self.slice.start_ns = now_ns;
        self.slice.executed = 0;
        self.slice.budget = budget.max(1);
        self.slice.switch_due = false;
        self.slice.ps_per_instruction = ps_per_instruction;
    }

    /// Whether this slice may end at any instruction: always outside the modern model,
    /// and under it while another process is busy too (processes run in parallel, so
    /// one's instructions interleave with another's anywhere, GIL or not).
    pub(crate) fn set_switch_anywhere(&mut self, other_process_busy: bool) {
        self.slice.switch_anywhere =
            other_process_busy || self.rt.gil_model != crate::GilModel::Modern;
    }

    /// Ends this slice after `budget` instructions at any instruction, for a step-mode
    /// pause (the thread does not give way: it goes on from there when resumed).
    pub(crate) fn pause_after(&mut self, budget: u64) {
        self.slice.budget = budget.max(1);
        self.slice.pausing = true;
    }

    /// Instructions run in the current slice so far.
    pub(crate) fn executed_in_slice(&self) -> u64 {
        self.slice.executed
    }

    /// Runs this thread's frames until they finish, the thread blocks or its slice ends.
    pub(crate) fn run_slice(&mut self) -> SliceEnd {
        if self.frames.is_empty() {
            return SliceEnd::Finished(Ok(Value::None));
        }
        match self.execute(0) {
            Ok(Flow::Return(value)) => SliceEnd::Finished(Ok(value)),
            Ok(Flow::Suspend) => match self.slice.pending_wait.take() {
                Some(wait) => SliceEnd::Blocked(wait),
                None => SliceEnd::Preempted,
            },
            Ok(Flow::Yield(_) | Flow::Switch) => SliceEnd::Finished(Err(exc(
                ExcType::RuntimeError,
                "yield outside a generator frame",
            ))),
            Err(error) => SliceEnd::Finished(Err(error)),
        }
    }

    /// Starts a call as this thread's first frame; `Some(result)` when it already ran
    /// to completion (anything but a Python function).
    pub(crate) fn begin_call(&mut self, callable: Value, args: Args) -> PyResult<Option<Value>> {
        match self.push_call_frame(&callable, args)? {
            Ok(()) => Ok(None),
            Err(args) => self.call(callable, args).map(Some),
        }
    }

    /// Pushes the first frame of a module.
    pub fn begin_module(&mut self, code: Arc<CodeObject>, globals: Arc<Globals>) {
        let frame = self.new_frame(code, globals);
        self.vacate_next_slot();
        self.frames.push(frame);
    }

    /// Hands a blocked call's result to the thread as it resumes.
    pub(crate) fn push_resumed_value(&mut self, value: Value) {
        if let Some(error) = crate::stdin::exception_in(&value) {
            self.slice.resume_error = Some(error);
            return;
        }
        if let Some(frame) = self.frames.last_mut() {
            frame.stack.push(value);
        }
    }

    /// Whether an error now unwinding is this thread's suspension on the virtual
    /// scheduler (its wait goes on there), not a real exception or a stop.
    pub(crate) fn is_suspending(&self) -> bool {
        self.slice.suspending
    }

    /// Waits for `wait` on the virtual scheduler `sched` (the run's): suspends the
    /// thread when the blocking built-in was called straight from its own loop,
    /// otherwise runs other threads until the wait is over. Returns the blocking call's
    /// result.
    pub(crate) fn block_virtually(
        &mut self,
        sched: &VirtualScheduler,
        wait: VirtualWait,
    ) -> PyResult<Value> {
        self.publish_line();
        self.mark_gil(trace::MarkKind::GilDropped { forced: false });
        self.record(wait.state);
        if std::mem::take(&mut self.slice.suspend_ok) && self.nested_runs == 1 {
            self.slice.pending_wait = Some(wait);
            self.slice.suspending = true;
            return Err(self.stop_error());
        }
        sched.wait_nested(self, wait)
    }
}
