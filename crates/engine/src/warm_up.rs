//! The warm-up: one short program, run once before the first program a learner starts,
//! so that program runs on the browser's optimized code (a browser runs WebAssembly on
//! a baseline compiler first, and only switches a hot function once it is called again).
//!
//! The platform [`prepare`]s it without running it, and [`begin`]s it when someone is
//! about to run something (the page: at the first sign of a person); the first
//! [`ProgramRun::start`] begins it too if nothing did. A program started while it runs
//! waits on its own logical thread until it is over ([`wait_until_over`], capped), so
//! its first timed line runs warm; the waiting never happens in the caller of `start`,
//! and a stop ends it at once. This module never blocks the caller of `prepare`,
//! `begin` or `state`: the browser's main thread calls them.

use crate::program::{ProgramRun, ProgramStatus};
use crate::RunOptions;
use sched::stop::{SleepOutcome, StopSignal};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::Duration;
use trace::clock;

struct Prepared {
    source: String,
    /// How long a program waits for the warm-up at most; then the warm-up is stopped.
    cap: Duration,
    /// Called (on the thread that began it) as the warm-up begins.
    on_begin: Option<fn()>,
}

static PREPARED: OnceLock<Prepared> = OnceLock::new();
static BEGUN: AtomicBool = AtomicBool::new(false);
/// The warm-up's run, once begun and started (`None` in it if no thread was free).
static RUN: OnceLock<Option<ProgramRun>> = OnceLock::new();
/// When it began (shared clock), for the cap.
static BEGUN_NS: AtomicU64 = AtomicU64::new(0);

/// Where the warm-up is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WarmUpState {
    /// Nothing prepared: programs start at once.
    None,
    /// Prepared, waiting for [`begin`].
    Waiting,
    Running,
    /// Over (finished, stopped at its cap, or it could not start).
    Over,
}

/// Prepares `source` as the warm-up, run once [`begin`] is called; a program waits for
/// it at most `cap`. Only the first call counts; returns whether it was that one.
pub fn prepare(source: String, cap: Duration, on_begin: Option<fn()>) -> bool {
    PREPARED
        .set(Prepared {
            source,
            cap,
            on_begin,
        })
        .is_ok()
}

/// Starts the prepared warm-up unless it was begun before (or none is prepared).
/// Returns whether this call began it. Never blocks.
pub fn begin() -> bool {
    let Some(prepared) = PREPARED.get() else {
        return false;
    };
    if BEGUN.swap(true, Ordering::AcqRel) {
        return false;
    }
    BEGUN_NS.store(clock::now_ns(), Ordering::Release);
    let run = ProgramRun::launch(
        prepared.source.clone(),
        "<warm-up>".into(),
        RunOptions::default(),
        false,
    )
    .ok();
    let _ = RUN.set(run);
    // The first sign that somebody is about to run something: start the spare workers
    // now (its trace keeper would ask on its first tick), so the first program's
    // threads find them up rather than starting beside them.
    crate::threads::top_up_spares();
    if let Some(on_begin) = prepared.on_begin {
        on_begin();
    }
    true
}

pub fn state() -> WarmUpState {
    if PREPARED.get().is_none() {
        return WarmUpState::None;
    }
    if !BEGUN.load(Ordering::Acquire) {
        return WarmUpState::Waiting;
    }
    match RUN.get() {
        // Begun, its run not stored yet (the instant inside `begin`).
        None => WarmUpState::Running,
        Some(Some(run)) if run.status() == ProgramStatus::Running => WarmUpState::Running,
        Some(_) => WarmUpState::Over,
    }
}

/// When the warm-up's run ended (shared clock); `None` while it runs, before it began,
/// or when it could not start.
pub fn ended_ns() -> Option<u64> {
    match RUN.get() {
        Some(Some(run)) => run.ended_ns(),
        _ => None,
    }
}

/// Waits, on a logical thread, until the warm-up is over, `stop` is requested, or the
/// cap has passed since the warm-up began (then it stops the warm-up). Returns at once
/// when no warm-up runs.
pub(crate) fn wait_until_over(stop: &StopSignal) {
    let Some(prepared) = PREPARED.get() else {
        return;
    };
    let deadline_ns = BEGUN_NS
        .load(Ordering::Acquire)
        .saturating_add(prepared.cap.as_nanos() as u64);
    while state() == WarmUpState::Running {
        let now = clock::now_ns();
        if now >= deadline_ns {
            if let Some(Some(run)) = RUN.get() {
                run.stop();
            }
            return;
        }
        // Short naps: the warm-up's end is noticed within a couple of milliseconds,
        // and a stop request ends the nap at once.
        let nap = Duration::from_nanos((deadline_ns - now).min(2_000_000));
        if stop.sleep(nap) == SleepOutcome::Stopped {
            return;
        }
    }
}
