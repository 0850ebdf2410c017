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

use crate::local_run::{run_here_stepped, Cadence};
use crate::program::Stream;
use crate::{Outcome, RunOptions};
use sched::stop::StopSignal;
use std::sync::Arc;
use vm::Host;

pub use vm::scheduler::{
    SliceRan, StepChoice, StepSnapshot, StepThread, StepUnit, MAX_LOADED, MAX_LOADED_CHARS,
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
/// goes to `host`. Returns how the run ended (`Stopped` when it paused or refused a
/// step) and where it stood.
///
/// It is `local_run`'s run (the page's build without shared memory runs the same one,
/// with `local_run::run_here_stepped`), its reports forwarded to `host`: output as it
/// comes, the trace drained and dropped, so a long run to the end keeps a flat memory.
pub fn step_here(
    source: &str,
    filename: &str,
    host: Arc<dyn Host>,
    options: &RunOptions,
) -> (Outcome, StepSnapshot) {
    let mut options = options.clone();
    options.steps.get_or_insert_with(StepPlan::default);
    let (outcome, snapshot) = run_here_stepped(
        source,
        filename,
        options,
        StopSignal::new(),
        Cadence::default(),
        move |update| {
            for piece in update.output {
                let to_stderr = piece.stream == Stream::Stderr;
                host.write_from(piece.lane, to_stderr, &piece.text);
            }
        },
    );
    (outcome, snapshot.unwrap_or_default())
}

/// A schedule as compact, URL-safe text: each choice is its lane in decimal followed by
/// `L` (a line), `I` (an instruction) or `S` (a slice: to its next switch), e.g.
/// "1L2L1I1I2S"; a bare `S` is the scheduler's own pick of its next slice.
pub fn schedule_to_text(choices: &[StepChoice]) -> String {
    let mut text = String::with_capacity(choices.len() * 2);
    for choice in choices {
        if choice.is_schedulers() {
            text.push('S');
            continue;
        }
        text.push_str(&choice.lane.to_string());
        text.push(match choice.unit {
            StepUnit::Line => 'L',
            StepUnit::Instruction => 'I',
            StepUnit::Slice => 'S',
        });
    }
    text
}

/// Reads a schedule written by [`schedule_to_text`] (lower case, and commas or spaces
/// between choices, are allowed); a one-line error on malformed text or more than
/// [`MAX_STEP_CHOICES`] choices.
pub fn schedule_from_text(text: &str) -> Result<Vec<StepChoice>, String> {
    // Longer than the longest valid schedule (five-digit lanes, a separator each).
    if text.len() > MAX_STEP_CHOICES * 7 {
        return Err(format!(
            "the schedule is too long (at most {MAX_STEP_CHOICES} steps)"
        ));
    }
    let mut choices = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(at, c)) = chars.peek() {
        if c == ',' || c.is_whitespace() {
            chars.next();
            continue;
        }
        if matches!(c, 'S' | 's') {
            if choices.len() == MAX_STEP_CHOICES {
                return Err(format!(
                    "the schedule is too long (at most {MAX_STEP_CHOICES} steps)"
                ));
            }
            chars.next();
            choices.push(StepChoice::schedulers_slice());
            continue;
        }
        let mut lane: u32 = 0;
        let mut digits = 0;
        while let Some(&(_, d)) = chars.peek() {
            let Some(value) = d.to_digit(10) else { break };
            lane = lane * 10 + value;
            digits += 1;
            chars.next();
            if lane >= u32::from(StepChoice::SCHEDULERS_PICK) {
                return Err(format!("step {}: lane number too large", choices.len() + 1));
            }
        }
        if digits == 0 {
            return Err(format!(
                "step {}: expected a lane number at character {}, found {c:?}",
                choices.len() + 1,
                at + 1
            ));
        }
        let unit = match chars.next() {
            Some((_, 'L' | 'l')) => StepUnit::Line,
            Some((_, 'I' | 'i')) => StepUnit::Instruction,
            Some((_, 'S' | 's')) => StepUnit::Slice,
            Some((at, other)) => {
                return Err(format!(
                "step {}: expected L (line), I (instruction) or S (slice) at character {}, found {other:?}",
                choices.len() + 1,
                at + 1
            ))
            }
            None => {
                return Err(format!(
                    "step {}: the lane number must be followed by L (line), I (instruction) or S (slice)",
                    choices.len() + 1
                ))
            }
        };
        if choices.len() == MAX_STEP_CHOICES {
            return Err(format!(
                "the schedule is too long (at most {MAX_STEP_CHOICES} steps)"
            ));
        }
        choices.push(StepChoice {
            lane: lane as u16,
            unit,
        });
    }
    Ok(choices)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips_and_rejects_garbage() {
        let choices = vec![
            StepChoice {
                lane: 1,
                unit: StepUnit::Line,
            },
            StepChoice {
                lane: 12,
                unit: StepUnit::Instruction,
            },
        ];
        assert_eq!(schedule_to_text(&choices), "1L12I");
        assert_eq!(schedule_from_text("1L12I"), Ok(choices.clone()));
        assert_eq!(schedule_from_text("1l, 12i"), Ok(choices.clone()));
        let mut with_slices = choices;
        with_slices.push(StepChoice::schedulers_slice());
        with_slices.push(StepChoice {
            lane: 2,
            unit: StepUnit::Slice,
        });
        assert_eq!(schedule_to_text(&with_slices), "1L12IS2S");
        assert_eq!(schedule_from_text("1L12IS2S"), Ok(with_slices.clone()));
        assert_eq!(schedule_from_text("1l 12i s 2s"), Ok(with_slices));
        for bad in [
            "L", "1", "1X", "99999L", "65535L", "1L2", "-1L", "1L\u{e9}", "S1",
        ] {
            assert!(schedule_from_text(bad).is_err(), "{bad:?}");
        }
    }
}
