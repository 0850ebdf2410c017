//! Where a running thread looks up from its work: the eval breaker (stop requests, GIL
//! drop requests, the memory budget) at function entry and backward jumps, the
//! per-instruction check of the legacy GIL and the virtual scheduler, and the GIL
//! hand-offs around blocking calls.
//!
//! These checks run on the hot path: the common case (nothing to do) must stay a few
//! loads and a branch; the work itself goes in `#[cold]` functions.

use super::frame::Vm;
use crate::PyResult;
use trace::ThreadState;

impl Vm {
    /// Checked at eval-breaker points: function entry, backward jumps and after calls
    /// (and, in the legacy model, between any two instructions).
    #[inline]
    pub(super) fn eval_breaker(&self) -> PyResult<()> {
        if self.rt.needs_attention() {
            return self.handle_attention();
        }
        Ok(())
    }

    #[cold]
    pub(super) fn handle_attention(&self) -> PyResult<()> {
        if self.rt.stop.is_requested() {
            return Err(self.stop_error());
        }
        if self.rt.gil.drop_requested() {
            self.mark_gil(trace::MarkKind::GilDropped { forced: true });
            self.record(ThreadState::WaitingForGil);
            self.rt.gil.yield_if_requested(self.thread_id);
            self.mark_gil(trace::MarkKind::GilTaken);
            self.record(ThreadState::Running);
        }
        if self.rt.stop.is_requested() {
            return Err(self.stop_error());
        }
        if crate::memory::over_budget() && crate::memory::claim_memory_error() {
            return Err(crate::memory::memory_error());
        }
        Ok(())
    }

    // ------------------------------------------- switch points between instructions

    /// Runs before every instruction on the virtual scheduler (counting it) and under
    /// the legacy GIL on real threads (where a switch may come between any two). It
    /// must never push or pop frames: `dispatch` keeps its pointer to the top frame
    /// across it.
    #[inline]
    pub(super) fn per_instruction_check(&mut self) -> PyResult<()> {
        if self.rt.virtual_sched.is_none() {
            if self.rt.gil.drop_requested() {
                self.handle_attention()?;
            }
            return Ok(());
        }
        self.slice.executed += 1;
        if self.slice.executed >= self.slice.budget {
            self.slice.switch_due = true;
            if (self.slice.switch_anywhere || self.slice.pausing) && self.nested_runs == 1 {
                // This instruction runs only after the switch: it does not count here.
                self.slice.executed -= 1;
                self.preempt_if_due()?;
            }
        }
        Ok(())
    }

    /// Gives way to the virtual scheduler if this slice's budget ran out and the thread
    /// is in its own loop (a nested loop cannot be suspended; it switches later).
    #[inline]
    pub(super) fn preempt_if_due(&mut self) -> PyResult<()> {
        if self.slice.switch_due && self.nested_runs == 1 {
            self.slice.suspending = true;
            return Err(self.stop_error());
        }
        Ok(())
    }

    /// For long loops in Rust (collecting an iterator): the stop signal and the memory
    /// budget, without giving the GIL away (CPython holds it through such a call).
    pub(crate) fn check_interrupts(&self) -> PyResult<()> {
        if self.rt.stop.is_requested() {
            return Err(self.stop_error());
        }
        if crate::memory::over_budget() && crate::memory::claim_memory_error() {
            return Err(crate::memory::memory_error());
        }
        Ok(())
    }

    // ------------------------------------------------------------- GIL hand-offs

    /// Takes the GIL for this thread (blocking); a no-op in the free-threaded model.
    pub fn take_gil(&self) {
        if self.rt.gil.is_enabled() {
            self.record(ThreadState::WaitingForGil);
            self.rt.gil.take(self.thread_id);
            self.mark_gil(trace::MarkKind::GilTaken);
        }
        self.record(ThreadState::Running);
    }

    /// Drops the GIL before this thread blocks (sleep, lock, join...).
    pub fn release_gil(&self) {
        if self.rt.gil.is_enabled() {
            self.mark_gil(trace::MarkKind::GilDropped { forced: false });
        }
        self.rt
            .gil
            .release(self.thread_id, sched::gil::Drop::Voluntary);
    }

    /// Runs `wait` without the GIL, then takes it back: every blocking call goes
    /// through here so other threads run meanwhile. `state` says how it waits.
    pub(crate) fn without_gil<T>(&self, state: ThreadState, wait: impl FnOnce() -> T) -> T {
        self.record(state);
        self.release_gil();
        let result = wait();
        self.take_gil();
        result
    }
}
