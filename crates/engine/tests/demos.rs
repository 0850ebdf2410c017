//! Every demo in demos/ runs natively with its default settings, on real threads and on
//! the virtual scheduler, and prints its `expect` lines (as the browser tests check them
//! in the page): the descriptions are read by `demos::format`, the one parser of the
//! `.demo` format, so a demo that stops printing what its page promises fails here
//! without a browser.

use demos::format::Description;
use engine::native_host::NativeHost;
use engine::{GilModel, Outcome, RunOptions, SchedulerKind, StopSignal};
use std::path::Path;

fn descriptions() -> Vec<Description> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../demos");
    demos::format::read_dir(&dir).expect("demos/ reads")
}

/// Runs one demo; on a mismatch returns what went wrong, with the whole output.
fn check(description: &Description, scheduler: SchedulerKind) -> Result<(), String> {
    let slug = description.one("slug").unwrap_or_default();
    let source = std::fs::read_to_string(description.program_path())
        .map_err(|error| format!("{slug}: {error}"))?;
    let host = NativeHost::captured();
    let options = RunOptions {
        gil: GilModel::Modern,
        scheduler,
        ..RunOptions::default()
    };
    let outcome = engine::run_program(
        &source,
        "main.py",
        host.clone(),
        StopSignal::new(),
        &options,
    );
    let (stdout, stderr) = host.captured_output();
    let shown = format!("{stdout}{stderr}");
    let lines: Vec<&str> = shown.lines().map(str::trim_end).collect();
    let ended = matches!(
        (&outcome, description.end_status()),
        (Outcome::Exited(0), "finished") | (Outcome::Deadlock(_), "deadlock")
    );
    if !ended {
        return Err(format!(
            "{slug} on {scheduler:?}: ended {outcome:?}, expected {}\n{shown}",
            description.end_status()
        ));
    }
    let (expected, any_order) = description.expected_lines();
    let mut from = 0;
    for line in expected {
        let found = if any_order {
            lines.iter().position(|shown| shown == line)
        } else {
            lines[from..]
                .iter()
                .position(|shown| shown == line)
                .map(|at| from + at)
        };
        match found {
            Some(at) if !any_order => from = at + 1,
            Some(_) => {}
            None => {
                return Err(format!(
                    "{slug} on {scheduler:?}: no line {line:?}{}\n{shown}",
                    if any_order { "" } else { " (in order)" }
                ))
            }
        }
    }
    Ok(())
}

fn check_all(scheduler: SchedulerKind) {
    let all = descriptions();
    assert!(all.len() >= 20, "only {} demos found", all.len());
    let mut failures = Vec::new();
    // One at a time: several demos print timings rounded to a tenth of a second
    // (`1.0s` for three overlapping one-second sleeps), which a busy machine can push
    // over on real threads. For the same reason a real-thread run that misses gets one
    // more try; the virtual scheduler's clock is exact, so there it must match the
    // first time. (The verdicts of gil and quiz come from how many threads ran at
    // once, which no load can flip under a GIL: tests/verdicts.rs.)
    for description in &all {
        let mut result = check(description, scheduler);
        if result.is_err() && scheduler == SchedulerKind::Threads {
            result = check(description, scheduler);
        }
        failures.extend(result.err());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Both schedulers in one test, one after the other, so the timing demos on real
/// threads do not share the cores with the virtual runs.
#[test]
fn every_demo_prints_its_lines_on_both_schedulers() {
    check_all(SchedulerKind::Virtual);
    check_all(SchedulerKind::Threads);
}
