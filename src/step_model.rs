//! Step mode's state, pure: what the learner chose (the schedule, the granularity, run
//! to end, play), how each control changes it, and which thread the play control moves
//! next. `ui::stepping` draws it and the page replays it; unit-tested natively.
//!
//! It must never run anything and never make up where a thread stands: that comes
//! only from a replay's `StepSnapshot`.

use engine::stepping::{
    schedule_from_text, schedule_to_text, AfterSteps, StepChoice, StepPlan, StepSnapshot, StepUnit,
};

/// The play control's pace when the learner chose none (milliseconds per step).
pub const DEFAULT_PACE_MS: u32 = 700;

/// Who the play control moves.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PlayBy {
    /// The threads that can move, in turn, by the chosen granularity.
    #[default]
    Turns,
    /// The scheduler's own slices: the seeded run itself, unfolding.
    Scheduler,
}

/// What the learner chose in step mode.
#[derive(Clone, Debug, PartialEq)]
pub struct StepState {
    pub on: bool,
    pub choices: Vec<StepChoice>,
    /// "Run to end" was pressed after the choices.
    pub to_end: bool,
    /// How far the next step goes.
    pub unit: StepUnit,
    pub playing: bool,
    pub pace_ms: u32,
    pub play_by: PlayBy,
    /// Why the schedule was cut short (a refused choice, an unreadable link).
    pub note: Option<String>,
}

impl Default for StepState {
    fn default() -> Self {
        StepState {
            on: false,
            choices: Vec::new(),
            to_end: false,
            unit: StepUnit::Line,
            playing: false,
            pace_ms: DEFAULT_PACE_MS,
            play_by: PlayBy::Turns,
            note: None,
        }
    }
}

impl StepState {
    /// Step mode at a schedule from a link (`steps=`): the page opens paused there.
    pub fn from_link(steps: Option<&str>) -> StepState {
        let Some(text) = steps else {
            return StepState::default();
        };
        match schedule_from_text(text) {
            Ok(choices) => StepState {
                on: true,
                // The granularity the schedule ends with is the one to go on with.
                unit: choices.last().map_or(StepUnit::Line, |choice| choice.unit),
                // A schedule of the scheduler's own slices goes on as it began.
                play_by: if !choices.is_empty() && choices.iter().all(StepChoice::is_schedulers) {
                    PlayBy::Scheduler
                } else {
                    PlayBy::Turns
                },
                choices,
                ..StepState::default()
            },
            Err(problem) => StepState {
                note: Some(format!("The link's steps could not be read: {problem}")),
                ..StepState::default()
            },
        }
    }

    /// The replay this state asks for.
    pub fn plan(&self) -> StepPlan {
        StepPlan {
            choices: self.choices.clone(),
            then: if self.to_end {
                AfterSteps::RunToEnd
            } else {
                AfterSteps::Pause
            },
        }
    }

    /// The schedule as a share link carries it (`steps=`): None outside step mode.
    /// An empty schedule is still step mode ("" opens step mode at the start).
    pub fn schedule_text(&self) -> Option<String> {
        self.on.then(|| schedule_to_text(&self.choices))
    }

    /// What identifies a replay's schedule (with the program and settings, the page's
    /// key for "this replay was already started").
    pub fn key(&self) -> String {
        format!(
            "{}|{}",
            schedule_to_text(&self.choices),
            if self.to_end { "end" } else { "pause" }
        )
    }

    pub fn entered(&self) -> StepState {
        StepState {
            on: true,
            choices: Vec::new(),
            to_end: false,
            playing: false,
            note: None,
            ..self.clone()
        }
    }

    /// Step mode at the start of a seeded run, to follow the scheduler's own slices
    /// (a hunted failure, stepped through): slices, played as the scheduler picks.
    pub fn following_the_seed(&self) -> StepState {
        StepState {
            unit: StepUnit::Slice,
            play_by: PlayBy::Scheduler,
            ..self.entered()
        }
    }

    pub fn left(&self) -> StepState {
        StepState {
            on: false,
            playing: false,
            ..self.clone()
        }
    }

    pub fn stepped(&self, lane: u16) -> StepState {
        let mut next = self.clone();
        next.choices.push(StepChoice {
            lane,
            unit: self.unit,
        });
        next.to_end = false;
        next.note = None;
        next
    }

    /// The scheduler takes its own next slice.
    pub fn schedulers_step(&self) -> StepState {
        let mut next = self.clone();
        next.choices.push(StepChoice::schedulers_slice());
        next.to_end = false;
        next.note = None;
        next
    }

    /// The play control's next step from `snapshot`: None when nothing can move.
    pub fn played(&self, snapshot: &StepSnapshot) -> Option<StepState> {
        if snapshot.finished {
            return None;
        }
        match self.play_by {
            // Even when every thread sleeps: the scheduler's step then lets time pass.
            PlayBy::Scheduler => Some(self.schedulers_step()),
            PlayBy::Turns => {
                let last = self.choices.last().filter(|choice| !choice.is_schedulers());
                next_in_turn(snapshot, last.map(|choice| choice.lane))
                    .map(|lane| self.stepped(lane))
            }
        }
    }

    /// One step back: first out of "run to end", then the last choice.
    pub fn back(&self) -> StepState {
        let mut next = self.clone();
        if next.to_end {
            next.to_end = false;
        } else {
            next.choices.pop();
        }
        next.playing = false;
        next.note = None;
        next
    }

    /// After a replay: a refused choice and everything after it are dropped (with the
    /// reason shown), so the schedule is what the run did. None when nothing changes.
    pub fn settled_by(&self, snapshot: &StepSnapshot) -> Option<StepState> {
        let refused = snapshot.refused.as_ref()?;
        if snapshot.applied >= self.choices.len() {
            return None;
        }
        let mut next = self.clone();
        next.choices.truncate(snapshot.applied);
        next.playing = false;
        next.note = Some(format!(
            "Step {} could not be taken: {refused}",
            snapshot.applied + 1
        ));
        Some(next)
    }
}

/// The thread the play control moves next: round-robin over the threads that can step,
/// starting after the one moved last (so every runnable thread gets its turn).
pub fn next_in_turn(snapshot: &StepSnapshot, last_lane: Option<u16>) -> Option<u16> {
    let ready: Vec<u16> = snapshot
        .threads
        .iter()
        .filter(|thread| thread.can_step)
        .map(|thread| thread.lane)
        .collect();
    let after = last_lane.and_then(|last| ready.iter().copied().find(|lane| *lane > last));
    after.or_else(|| ready.first().copied())
}

/// The toggle's new state: entering starts at the program's beginning (an empty,
/// paused schedule); leaving keeps nothing running.
pub fn toggled(state: &StepState) -> StepState {
    if state.on {
        state.left()
    } else {
        state.entered()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use engine::stepping::StepThread;

    fn thread(lane: u16, can_step: bool) -> StepThread {
        StepThread {
            lane,
            name: format!("T{lane}"),
            can_step,
            ..StepThread::default()
        }
    }

    #[test]
    fn play_takes_the_ready_threads_in_turn() {
        let snapshot = StepSnapshot {
            threads: vec![thread(0, false), thread(1, true), thread(2, true)],
            ..StepSnapshot::default()
        };
        assert_eq!(next_in_turn(&snapshot, None), Some(1));
        assert_eq!(next_in_turn(&snapshot, Some(1)), Some(2));
        assert_eq!(next_in_turn(&snapshot, Some(2)), Some(1));
        assert_eq!(next_in_turn(&snapshot, Some(0)), Some(1));
        let stuck = StepSnapshot {
            threads: vec![thread(0, false)],
            ..StepSnapshot::default()
        };
        assert_eq!(next_in_turn(&stuck, Some(0)), None);
    }

    #[test]
    fn back_leaves_run_to_end_first_then_drops_the_last_choice() {
        let state = StepState::default().entered().stepped(0).stepped(1);
        let ended = StepState {
            to_end: true,
            ..state.clone()
        };
        assert_eq!(ended.back(), state);
        assert_eq!(
            state.back().choices,
            vec![StepChoice {
                lane: 0,
                unit: StepUnit::Line
            }]
        );
        assert_eq!(StepState::default().entered().back().choices, vec![]);
    }

    #[test]
    fn playing_the_schedulers_picks_and_following_a_seed() {
        let snapshot = StepSnapshot {
            threads: vec![thread(0, false), thread(1, true)],
            ..StepSnapshot::default()
        };
        let following = StepState::default().following_the_seed();
        assert!(following.on && following.choices.is_empty());
        assert_eq!(following.unit, StepUnit::Slice);
        let played = following.played(&snapshot).unwrap();
        assert_eq!(played.choices, vec![StepChoice::schedulers_slice()]);
        assert_eq!(played.schedule_text().as_deref(), Some("S"));
        // Nobody can move now, but time can pass: the scheduler still steps.
        let asleep = StepSnapshot {
            threads: vec![thread(0, false)],
            ..StepSnapshot::default()
        };
        assert!(following.played(&asleep).is_some());
        let ended = StepSnapshot {
            finished: true,
            ..snapshot.clone()
        };
        assert_eq!(following.played(&ended), None);
        // In turns after a scheduler's step: the first ready thread.
        let turns = StepState {
            play_by: PlayBy::Turns,
            ..played
        };
        assert_eq!(turns.played(&snapshot).unwrap().choices[1].lane, 1);
        // A link of the scheduler's slices plays on the same way.
        let linked = StepState::from_link(Some("SSS"));
        assert_eq!(
            (linked.play_by, linked.unit),
            (PlayBy::Scheduler, StepUnit::Slice)
        );
        assert_eq!(StepState::from_link(Some("S1S")).play_by, PlayBy::Turns);
    }

    #[test]
    fn a_refused_choice_cuts_the_schedule_there() {
        let state = StepState::default()
            .entered()
            .stepped(0)
            .stepped(3)
            .stepped(0);
        let snapshot = StepSnapshot {
            applied: 1,
            refused: Some("no thread on lane 3".into()),
            ..StepSnapshot::default()
        };
        let settled = state.settled_by(&snapshot).unwrap();
        assert_eq!(settled.choices.len(), 1);
        assert!(settled.note.unwrap().contains("Step 2"));
        assert_eq!(state.settled_by(&StepSnapshot::default()), None);
    }
}
