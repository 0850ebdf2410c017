//! Helpers shared by the engine's integration tests (each test file that needs them
//! says `mod common;`). Only ways to run a program and read what it printed: nothing
//! here may assert, so each test states its own expectations.

use engine::native_host::NativeHost;
use engine::{Outcome, RunOptions, SchedulerKind, StopSignal};
use std::sync::Arc;

/// Runs `source` (as "prog.py") on `scheduler` with the default options; returns how it
/// ended, its stdout and its stderr.
pub fn run_captured(source: &str, scheduler: SchedulerKind) -> (Outcome, String, String) {
    let host = NativeHost::captured();
    let options = RunOptions {
        scheduler,
        ..RunOptions::default()
    };
    let outcome = engine::run_program(
        source,
        "prog.py",
        host.clone() as Arc<_>,
        StopSignal::new(),
        &options,
    );
    let (out, err) = host.captured_output();
    (outcome, out, err)
}
