//! Step mode: the learner picks which Python thread moves next, one line or one
//! bytecode instruction at a time, on the virtual scheduler under the chosen GIL model.
//!
//! A [`StepPlan`] is a replay: a run given one follows its choices exactly from the
//! program's start, then pauses (the run ends there and reports a [`StepSnapshot`]) or
//! goes on with the scheduler's own seeded choices ([`AfterSteps::RunToEnd`]). Stepping
//! back is the same run with the last choice removed. The virtual scheduler is
//! deterministic for a seed, so this is exact; nothing in a replay may depend on real
//! time, and a plan with no choices that runs to the end must be the plain virtual run.
//!
//! - [`step_here`]: a stepped run on the calling thread (native use, tests, the page's
//!   build without shared memory), returning its outcome and snapshot;
//! - `ProgramRun::step_snapshot`: the snapshot of a run on the worker pool;
//! - [`schedule_to_text`] / [`schedule_from_text`]: a schedule in a share link.
//!
//! This module must never read a real clock for anything a run does, and never panic
//! on a schedule, however malformed.

use crate::{Outcome, RunOptions};
use std::sync::Arc;
use vm::Host;

pub use vm::scheduler::{
    StepChoice, StepSnapshot, StepThread, StepUnit, MAX_LOADED, MAX_LOADED_CHARS,
    MAX_REPLAY_INSTRUCTIONS, MAX_STEP_CHOICES,
};

/// What a stepped run does once its choices are carried out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AfterSteps {
    /// The run ends there and reports where every thread stands.
    #[default]
    Pause,
    /// The run goes on to its end with the scheduler's own (seeded) choices.
    RunToEnd,
}

/// The choices a stepped run follows, and what it does after them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StepPlan {
    pub choices: Vec<StepChoice>,
    pub then: AfterSteps,
}

/// Runs `source` stepped by `options.steps` (no plan: paused at the start) on the
/// virtual scheduler, whatever `options.scheduler` says, on the calling thread; output
/// goes to `host`. Returns how the run ended (`Stopped` when it paused) and where it
/// stood.
pub fn step_here(
    source: &str,
    filename: &str,
    host: Arc<dyn Host>,
    options: &RunOptions,
) -> (Outcome, StepSnapshot) {
    let _ = (source, filename, host, options);
    (Outcome::Stopped, StepSnapshot::default())
}

/// A schedule as compact, URL-safe text: each choice is its lane in decimal followed by
/// `L` (a line) or `I` (an instruction), e.g. "1L2L1I1I".
pub fn schedule_to_text(choices: &[StepChoice]) -> String {
    let _ = choices;
    String::new()
}

/// Reads a schedule written by [`schedule_to_text`] (commas and spaces between choices
/// are allowed); a one-line error on malformed text or more than [`MAX_STEP_CHOICES`]
/// choices.
pub fn schedule_from_text(text: &str) -> Result<Vec<StepChoice>, String> {
    let _ = text;
    Ok(Vec::new())
}
