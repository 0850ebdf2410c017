//! User-chosen steps on the virtual scheduler: the learner, not the seed, picks which
//! thread moves next, one line or one instruction at a time, and the run reports where
//! every thread stands when the choices run out.
//!
//! A [`StepScript`] is a replay: the run follows its choices from the program's start,
//! then either stops there with a [`StepSnapshot`] or goes on with the scheduler's own
//! seeded choices. Nothing here may read a real clock or depend on anything but the
//! program, the seed and the choices, so a replay of a prefix is exactly the earlier run
//! (step back = replay with one choice fewer), and a script with no choices never
//! changes a run.

use std::sync::Mutex;

/// How far one step moves a thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StepUnit {
    /// Until the thread reaches a new line of the program (a loop's next iteration on
    /// the same line counts), blocks or ends.
    Line,
    /// One bytecode instruction of the program's own code.
    Instruction,
    /// One slice, as the scheduler gives them: until the thread's slice ends (under a
    /// GIL, the switch interval runs out: its next switch), it blocks or it ends. How
    /// long a slice is comes from the seed, exactly as in a run without steps.
    Slice,
}

/// One step: which thread (by trace lane, 0 = MainThread) and how far.
///
/// The lane [`StepChoice::SCHEDULERS_PICK`] with [`StepUnit::Slice`] chooses no thread:
/// the scheduler takes its own next step (the rest of a paused slice, or a new slice of
/// the thread its seed picks), so a schedule of such steps alone is the seeded run
/// itself, paused between its slices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StepChoice {
    pub lane: u16,
    pub unit: StepUnit,
}

impl StepChoice {
    /// The lane that stands for "no thread chosen: the scheduler picks" (no thread of a
    /// run ever gets it: lanes are bounded far below).
    pub const SCHEDULERS_PICK: u16 = u16::MAX;

    /// The scheduler's own next slice.
    pub fn schedulers_slice() -> StepChoice {
        StepChoice {
            lane: Self::SCHEDULERS_PICK,
            unit: StepUnit::Slice,
        }
    }

    /// Whether the scheduler, not the learner, picks the thread.
    pub fn is_schedulers(&self) -> bool {
        self.lane == Self::SCHEDULERS_PICK
    }
}

/// What the last step, when it was a slice, ran: which thread and how many instructions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SliceRan {
    pub lane: u16,
    pub instructions: u64,
}

/// Where one thread stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StepThread {
    /// Its trace lane (the timeline's numbering).
    pub lane: u16,
    pub name: String,
    /// The program line it is at (0: not in the program's own code yet).
    pub line: u32,
    /// Whether a step of this thread would be carried out now.
    pub can_step: bool,
    /// Why not, when it cannot: "done", "blocked on lock_a", "sleeping",
    /// "waiting for the GIL (Thread-1 holds it)", "waiting for Thread-1 to finish".
    pub why_not: Option<String>,
    /// The instruction it runs next, e.g. "LOAD_GLOBAL counter" (empty when done).
    pub next_instruction: String,
    /// Reprs of the values on its current frame's value stack, bottom to top (at most
    /// [`MAX_LOADED`] of the topmost, each at most [`MAX_LOADED_CHARS`] characters).
    pub loaded: Vec<String>,
}

/// Where a stepped run stands when its choices ran out (or one was refused).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StepSnapshot {
    /// Choices carried out (a refused choice stops the replay there).
    pub applied: usize,
    /// Why choice number `applied` could not be carried out.
    pub refused: Option<String>,
    /// Every thread started so far, by lane.
    pub threads: Vec<StepThread>,
    /// The program ended within the schedule.
    pub finished: bool,
    /// When the last step carried out was a slice: whose, and how long it was.
    pub last_slice: Option<SliceRan>,
}

/// Values of a value stack a snapshot shows at most.
pub const MAX_LOADED: usize = 8;
/// Characters of one value's repr a snapshot shows at most.
pub const MAX_LOADED_CHARS: usize = 60;
/// Choices a schedule may hold at most.
pub const MAX_STEP_CHOICES: usize = 10_000;
/// Instructions a replay may run before it gives up.
pub const MAX_REPLAY_INSTRUCTIONS: u64 = 50_000_000;

/// The choices a run follows and, once it stops, where it stood.
pub struct StepScript {
    pub(crate) choices: Vec<StepChoice>,
    /// Stop the run once the choices are carried out (else go on freely).
    pub(crate) pause: bool,
    pub(crate) snapshot: Mutex<Option<StepSnapshot>>,
}

impl StepScript {
    /// A script for `choices`; `pause`: the run stops after the last one (with a
    /// snapshot) instead of going on with the scheduler's own choices.
    pub fn new(choices: Vec<StepChoice>, pause: bool) -> StepScript {
        StepScript {
            choices,
            pause,
            snapshot: Mutex::new(None),
        }
    }

    pub(crate) fn set_snapshot(&self, snapshot: StepSnapshot) {
        *self
            .snapshot
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(snapshot);
    }

    /// The snapshot taken when the run paused (or ended within the choices, or a choice
    /// was refused); None while it runs or when it went on freely to its end.
    pub fn snapshot(&self) -> Option<StepSnapshot> {
        self.snapshot
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }
}
