//! Helpers shared by the engine's integration tests (each test file that needs them
//! says `mod common;`). Only ways to run a program and read what it printed: nothing
//! here may assert, so each test states its own expectations.

use engine::{Outcome, RunOptions, SchedulerKind};

/// Runs `source` (as "prog.py") on `scheduler` with the default options; returns how it
/// ended, its stdout and its stderr.
pub fn run_captured(source: &str, scheduler: SchedulerKind) -> (Outcome, String, String) {
    let options = RunOptions {
        scheduler,
        ..RunOptions::default()
    };
    engine::native_host::run_captured(source, "prog.py", &options)
}
