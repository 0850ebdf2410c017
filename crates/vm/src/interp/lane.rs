//! This thread's lane in the run's trace: state changes, instant marks, the program line
//! it is at, the watched globals, and output written on its behalf.
//!
//! Recording only: nothing here may change how the program runs (no raising, no
//! switching threads, no taking locks the program can see).

use super::frame::Vm;
use crate::types::type_name;
use crate::value::*;
use std::sync::Arc;
use trace::ThreadState;

/// Backward jumps between two publications of a thread's current line.
pub(super) const LINE_PUBLISH_EVERY: u32 = 64;

/// Shortest trace-clock gap between two samples of the watched globals by one thread.
const WATCH_EVERY_NS: u64 = 1_000_000;

impl Vm {
    /// Records a state change of this thread in the run's trace.
    pub fn record(&self, state: ThreadState) {
        let now = self.trace_now_ns();
        self.running.change(state == ThreadState::Running, now);
        if let Some(lane) = &self.lane {
            lane.record_at(state, now, self.line);
        }
    }

    /// Nanoseconds of the trace's clock this thread has spent in the running state
    /// up to `now` (its CPU time where no OS clock gives one: the browser).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub(crate) fn running_ns(&self, now: u64) -> u64 {
        self.running.total(now)
    }

    /// The trace's clock as this thread sees it.
    fn trace_now_ns(&self) -> u64 {
        if self.rt.virtual_sched.is_some() {
            self.virtual_now_ns()
        } else {
            trace::clock::now_ns()
        }
    }

    /// Records an instant event of this thread in the run's trace.
    pub(crate) fn mark(&self, kind: trace::MarkKind) {
        if let Some(lane) = &self.lane {
            lane.mark_at(kind, self.trace_now_ns());
        }
    }

    /// This thread's lane in the run's trace (None once all lanes are taken).
    pub(crate) fn lane_index(&self) -> Option<usize> {
        self.lane.as_ref().map(|lane| lane.lane())
    }

    /// Writes program output on this thread's behalf (the host learns which thread).
    pub fn write_output(&self, to_stderr: bool, text: &str) {
        self.rt.host.write_from(self.lane_index(), to_stderr, text);
    }

    /// A GIL hand-off of this thread, where the model has a GIL. Each process has its
    /// own GIL: the trace puts the mark on the GIL lane of the process this thread's
    /// lane belongs to (registered with its process's trace number).
    pub(crate) fn mark_gil(&self, kind: trace::MarkKind) {
        if self.rt.gil_model != crate::GilModel::Free {
            self.mark(kind);
        }
    }

    /// Publishes the line of the program this thread is at, when its innermost frame
    /// runs the program's own code. Inlined: every call and direct built-in call
    /// publishes its caller's line, and as a call of its own it cost about as much again
    /// as its body.
    #[inline(always)]
    pub(super) fn publish_line(&mut self) {
        let (Some(lane), Some(user), Some(frame)) =
            (&self.lane, &self.user_file, self.frames.last())
        else {
            return;
        };
        if Arc::ptr_eq(&frame.code.filename, user) {
            let line = frame.code.line_at(frame.ip.saturating_sub(1));
            if line != self.line {
                self.line = line;
                lane.set_line(line);
            }
        }
    }

    /// Samples the watched globals into the trace (at most once a millisecond per
    /// thread, unless `always`).
    pub fn sample_watched(&mut self, always: bool) {
        if !self.watching || self.lane.is_none() {
            return;
        }
        let now = self.trace_now_ns();
        if !always && now.saturating_sub(self.last_watch_ns) < WATCH_EVERY_NS {
            return;
        }
        self.last_watch_ns = now;
        let Some(globals) = lock(&self.rt.main_globals).clone() else {
            return;
        };
        let names = self.rt.watched.get().cloned().unwrap_or_default();
        for name in names {
            let value = lock(&globals.vars).get(&name).cloned();
            let Some(value) = value else { continue };
            let text = match &value {
                Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::None | Value::Str(_) => {
                    self.repr(&value).unwrap_or_default()
                }
                other => format!("<{}>", type_name(other)),
            };
            self.mark(trace::MarkKind::Watch {
                name: name.to_string(),
                value: text,
            });
        }
    }
}

/// The time a thread spent in the running state, accumulated at its state changes
/// (never per instruction).
#[derive(Default)]
pub(crate) struct RunningTime {
    /// When the thread last entered the running state (None: not running).
    since: std::cell::Cell<Option<u64>>,
    /// Nanoseconds of its earlier running periods.
    total: std::cell::Cell<u64>,
}

impl RunningTime {
    /// The thread enters (`running`) or leaves the running state at `now`.
    fn change(&self, running: bool, now: u64) {
        match (self.since.get(), running) {
            (None, true) => self.since.set(Some(now)),
            (Some(since), false) => {
                self.total.set(self.total.get() + now.saturating_sub(since));
                self.since.set(None);
            }
            _ => {}
        }
    }

    /// Running time up to `now`, the current period included.
    fn total(&self, now: u64) -> u64 {
        self.total.get()
            + self
                .since
                .get()
                .map_or(0, |since| now.saturating_sub(since))
    }
}

#[cfg(test)]
mod tests {
    use super::RunningTime;

    #[test]
    fn only_running_periods_count() {
        let time = RunningTime::default();
        assert_eq!(time.total(5), 0);
        time.change(true, 10);
        time.change(true, 12); // still running: the period goes on
        assert_eq!(time.total(15), 5);
        time.change(false, 20); // waiting for the GIL from 20
        assert_eq!(time.total(100), 10);
        time.change(true, 30);
        time.change(false, 35);
        assert_eq!(time.total(1_000), 15);
    }
}
