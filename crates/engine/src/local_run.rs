//! A program on the virtual scheduler, run to its end on the calling thread, reporting
//! as it goes: the engine of the page's build without shared memory, where a Web Worker
//! has one thread and every Python thread is interleaved on it.
//!
//! [`run_here`] compiles and runs the program on the thread that calls it and returns
//! its outcome; it blocks that thread for the whole run, so in the browser it runs in a
//! dedicated worker, never on the page's main thread. Every [`Cadence::instructions`]
//! instructions it looks at the real clock, and at most every [`Cadence::every_ms`]
//! hands the caller an [`Update`]: the output printed since the last one (through the
//! same bounded queue as a [`crate::program::ProgramRun`]), the trace events recorded
//! since (whoever receives them rebuilds the run's bounded store), and the line each
//! thread is at. The pauses are the virtual scheduler's step mode, which never switches
//! threads, so reporting never changes a run: the same seed prints the same as on the
//! virtual scheduler anywhere else.
//!
//! This module must never start a thread and never keep more than one report's worth
//! of output or trace.

use crate::program::{OutputPiece, ProgramHost};
use crate::run::run_program_stepped;
use crate::stepping::StepSnapshot;
use crate::{Outcome, RunOptions, SchedulerKind};
use sched::stop::StopSignal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use trace::{clock, Trace, TraceLog};
use vm::scheduler::Stepper;
use vm::Host;

/// How often a run reports.
#[derive(Clone, Copy, Debug)]
pub struct Cadence {
    /// Instructions between two looks at the real clock.
    pub instructions: u64,
    /// Real milliseconds between two reports, at least (the last one comes at the end
    /// whatever the gap).
    pub every_ms: f64,
}

impl Default for Cadence {
    /// About a millisecond of work between looks at the clock, and a report per
    /// animation frame or two: the page sees output and the timeline move as it would
    /// with real threads, and no message carries more than a few tens of milliseconds
    /// of trace.
    fn default() -> Self {
        Cadence {
            instructions: 20_000,
            every_ms: 30.0,
        }
    }
}

/// What happened since the previous report.
#[derive(Clone, Debug, Default)]
pub struct Update {
    /// Output in the order it was printed, with the lane of the thread that printed it.
    pub output: Vec<OutputPiece>,
    /// Output lines the queue dropped since the run began (a running total: the queue
    /// keeps at most about a megabyte between two reports).
    pub dropped_lines: u64,
    /// State changes and marks recorded since the previous report, lane by lane; every
    /// lane that exists so far is listed with its thread's name.
    pub trace: TraceLog,
    /// The program line each lane's thread is at now (0: unknown), by lane.
    pub lines: Vec<u32>,
}

/// What a report is handed to.
type Reporter = Box<dyn FnMut(Update) + Send>;

/// The run's side of reporting: its output, its trace and the caller's function.
struct Reports {
    host: Arc<ProgramHost>,
    trace: Arc<Trace>,
    report: Mutex<(Reporter, u64)>,
    every_ns: u64,
}

impl Reports {
    /// Hands everything recorded since the last report to the caller; unless `always`,
    /// only once `every_ns` passed since that report.
    fn report(&self, always: bool) {
        let mut guard = self.report.lock().unwrap_or_else(PoisonError::into_inner);
        let (report, last_ns) = &mut *guard;
        let now = clock::now_ns();
        if !always && now.saturating_sub(*last_ns) < self.every_ns {
            return;
        }
        *last_ns = now;
        let mut update = Update::default();
        while let Some(piece) = self.host.output.pop() {
            update.output.push(piece);
        }
        update.dropped_lines = self.host.output.dropped_lines.load(Ordering::Acquire);
        self.trace.drain_into(&mut update.trace);
        update.lines = (0..update.trace.lanes.len())
            .map(|lane| self.trace.current_line(lane))
            .collect();
        report(update);
    }
}

/// Runs `source` on the virtual scheduler (whatever `options.scheduler` says) on the
/// calling thread until it ends, handing `report` an [`Update`] as often as `cadence`
/// says and a last one, with everything left, before it returns. `stop` ends the run at
/// its next instruction (`report` may request it).
pub fn run_here(
    source: &str,
    filename: &str,
    options: RunOptions,
    stop: StopSignal,
    cadence: Cadence,
    report: impl FnMut(Update) + Send + 'static,
) -> Outcome {
    run_here_stepped(source, filename, options, stop, cadence, report).0
}

/// [`run_here`], with where a stepped run (`options.steps`, see `crate::stepping`) stood
/// at its end: None for a run without steps.
pub fn run_here_stepped(
    source: &str,
    filename: &str,
    mut options: RunOptions,
    stop: StopSignal,
    cadence: Cadence,
    report: impl FnMut(Update) + Send + 'static,
) -> (Outcome, Option<StepSnapshot>) {
    // Near the top of this thread's stack: where the stack guard measures from.
    vm::stack_guard::establish();
    let trace = Trace::new(vm::interp::MAX_TRACED_THREADS);
    let host = Arc::new(ProgramHost {
        output: Default::default(),
        started_ns: AtomicU64::new(clock::now_ns()),
    });
    let reports = Arc::new(Reports {
        host: host.clone(),
        trace: trace.clone(),
        report: Mutex::new((Box::new(report), clock::now_ns())),
        every_ns: (cadence.every_ms.max(0.0) * 1e6) as u64,
    });
    let grant = cadence.instructions.max(1);
    let stepper = {
        let reports = reports.clone();
        Stepper::refilled_by(move |stepper| {
            reports.report(false);
            stepper.grant(grant);
        })
    };
    stepper.grant(grant);
    options.scheduler = SchedulerKind::Virtual;
    options.trace = Some(trace);
    options.stepper = Some(stepper);
    let host: Arc<dyn Host> = host;
    let outcome = run_program_stepped(source, filename, host, stop, &options);
    reports.report(true);
    outcome
}
