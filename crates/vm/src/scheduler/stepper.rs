//! Step mode of the virtual scheduler: a run that executes only the instructions it was
//! granted. The scheduler waits for grants on its own OS thread (a logical thread, never
//! the browser's main thread); granting and reading what is left never block.
//!
//! It must never change a run: pausing is not a switch, so the same seed gives the same
//! run stepped or not (the scheduler's `run_slice` keeps a paused slice's budget).
//!
//! Where there is no other thread to grant (a build without shared memory, where the
//! scheduler runs on the only thread there is), a stepper made with
//! [`Stepper::refilled_by`] asks a function for the next grant instead of waiting: the
//! run reports its progress there every few thousand instructions, on its own thread.

use sched::stop::StopSignal;
use sched::wait::WaitWord;
use std::panic::RefUnwindSafe;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Step-by-step control of a virtual run: the scheduler runs only the instructions it
/// was granted, then waits (on its own OS thread, never the browser's main thread) for
/// more. Pausing never changes a run: the same seed gives the same run stepped or not.
pub struct Stepper {
    /// Instructions granted and not yet run (`u64::MAX`: run freely).
    allowance: AtomicU64,
    /// Bumped by every grant, and by the run's stop signal while the scheduler waits.
    changed: WaitWord,
    /// Called instead of waiting when the allowance is used up (see
    /// [`Stepper::refilled_by`]).
    refill: Option<Refill>,
}

/// What a stepper made with [`Stepper::refilled_by`] calls when its allowance is used up.
/// (Unwind-safe, so options that hold a stepper can cross `catch_unwind` as before.)
pub type Refill = Box<dyn Fn(&Stepper) + Send + Sync + RefUnwindSafe>;

impl Stepper {
    /// A stepper that starts paused.
    pub fn paused() -> Arc<Stepper> {
        Arc::new(Stepper {
            allowance: AtomicU64::new(0),
            changed: WaitWord::new(0),
            refill: None,
        })
    }

    /// A stepper that never waits: each time its allowance is used up, the scheduler
    /// calls `refill` (on the run's own thread, between two instructions, with no lock
    /// of the scheduler held), which grants the next instructions. A driver without a
    /// second thread reports the run's progress there. `refill` must grant something or
    /// request the run's stop; otherwise the run calls it again at once.
    pub fn refilled_by(
        refill: impl Fn(&Stepper) + Send + Sync + RefUnwindSafe + 'static,
    ) -> Arc<Stepper> {
        Arc::new(Stepper {
            allowance: AtomicU64::new(0),
            changed: WaitWord::new(0),
            refill: Some(Box::new(refill)),
        })
    }

    /// Lets the run go on for `instructions` more instructions.
    pub fn grant(&self, instructions: u64) {
        let _ = self
            .allowance
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |left| {
                Some(left.saturating_add(instructions))
            });
        self.changed.bump();
    }

    /// Lets the run go on without pausing again.
    pub fn run_freely(&self) {
        self.allowance.store(u64::MAX, Ordering::Release);
        self.changed.bump();
    }

    /// Instructions granted and not run yet.
    pub fn remaining(&self) -> u64 {
        self.allowance.load(Ordering::Acquire)
    }

    pub(super) fn consume(&self, instructions: u64) {
        let _ = self
            .allowance
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |left| {
                Some(if left == u64::MAX {
                    left
                } else {
                    left.saturating_sub(instructions)
                })
            });
    }

    /// Waits until some instructions are granted; false when the run is stopped first.
    /// While it waits, a stop request bumps `changed` (a registered waker), so it needs
    /// no timeout: the register-then-read-then-check order is the one
    /// `StopSignal::while_registered` explains.
    pub(super) fn wait_for_allowance(&self, stop: &StopSignal) -> bool {
        if stop.is_requested() {
            return false;
        }
        if self.remaining() > 0 {
            return true;
        }
        if let Some(refill) = &self.refill {
            refill(self);
            return !stop.is_requested() && self.remaining() > 0;
        }
        stop.while_registered(&|| self.changed.bump(), || loop {
            let seen = self.changed.load();
            if stop.is_requested() {
                return false;
            }
            if self.remaining() > 0 {
                return true;
            }
            self.changed.wait(seen, None);
        })
    }
}
