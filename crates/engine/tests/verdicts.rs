//! The demos that print a conclusion (threads helped or not) print the one that matches
//! what happened, under each GIL model on both schedulers. They decide from how many
//! threads ran at once (the threads' `time.thread_time()` over the wall time), so:
//! - with a GIL (legacy, modern) only one thread runs at a time whatever the machine
//!   does, so the verdict is always "did not help" (never "helped", not even a little);
//! - free-threaded on the virtual scheduler (two virtual cores, an exact clock) both
//!   threads run all along, so the verdict is always "helped";
//! - free-threaded on real threads it depends on how many cores are free (this machine
//!   may be busy): all that is guaranteed is that no more threads run at once than
//!   there are cores, and that the verdict is the one the printed figure calls for.

use engine::native_host::run_captured;
use engine::{GilModel, Outcome, RunOptions, SchedulerKind};
use std::path::Path;

const MODELS: [GilModel; 3] = [GilModel::Legacy, GilModel::Modern, GilModel::Free];
const SCHEDULERS: [SchedulerKind; 2] = [SchedulerKind::Virtual, SchedulerKind::Threads];

fn demo(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../demos")
        .join(file);
    std::fs::read_to_string(path).expect("the demo reads")
}

fn run(source: &str, gil: GilModel, scheduler: SchedulerKind) -> String {
    let options = RunOptions {
        gil,
        scheduler,
        ..RunOptions::default()
    };
    let (outcome, stdout, stderr) = run_captured(source, "main.py", &options);
    assert!(
        matches!(outcome, Outcome::Exited(0)),
        "{gil:?} on {scheduler:?}: {outcome:?}\n{stdout}{stderr}"
    );
    stdout
}

/// The number just before `marker` on the first line that contains it.
fn figure_before(output: &str, marker: &str) -> f64 {
    let line = output
        .lines()
        .find(|line| line.contains(marker))
        .unwrap_or_else(|| panic!("no line with {marker:?}:\n{output}"));
    let before = line[..line.find(marker).unwrap()].trim_end();
    let word = before.rsplit([' ', ',']).next().unwrap_or_default();
    word.parse()
        .unwrap_or_else(|_| panic!("no figure before {marker:?} in {line:?}"))
}

/// Which of the three verdicts a figure of threads running at once calls for.
fn called_for(at_once: f64) -> usize {
    if at_once >= 1.5 {
        0
    } else if at_once <= 1.2 {
        2
    } else {
        1
    }
}

/// Checks one concluding run: `verdicts` are "helped", "a little", "did not help".
fn check(
    what: &str,
    output: &str,
    at_once: f64,
    verdicts: [&str; 3],
    gil: GilModel,
    scheduler: SchedulerKind,
) {
    let shown: Vec<usize> = (0..3)
        .filter(|&v| output.lines().any(|line| line.trim_end() == verdicts[v]))
        .collect();
    let context = format!("{what}, {gil:?} on {scheduler:?}, {at_once} at once:\n{output}");
    assert_eq!(shown.len(), 1, "not exactly one verdict: {context}");
    let shown = shown[0];
    // The figure printed (one decimal) and the verdict agree, up to rounding.
    let near = [at_once - 0.05, at_once + 0.05].map(called_for);
    assert!(
        near.contains(&shown),
        "verdict against its figure: {context}"
    );
    match (gil, scheduler) {
        (GilModel::Legacy | GilModel::Modern, _) => {
            assert_eq!(shown, 2, "a GIL lets one thread run at a time: {context}");
            assert!(at_once <= 1.1, "{context}");
        }
        (GilModel::Free, SchedulerKind::Virtual) => {
            assert_eq!(shown, 0, "two virtual cores run both: {context}");
            assert!(at_once >= 1.9, "{context}");
        }
        (GilModel::Free, SchedulerKind::Threads) => {
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            let bound = cores.min(4) as f64 + 0.15;
            assert!(at_once <= bound, "more at once than cores: {context}");
            eprintln!("{what}, free on real threads: {at_once} at once ({cores} cores)");
        }
    }
}

/// One test, so the runs on real threads do not share the cores with each other.
#[test]
fn concluding_demos_conclude_what_happened() {
    let gil = demo("gil.py");
    let quicker = gil.replace("ROUNDS = 10_000_000", "ROUNDS = 2_000_000");
    assert_ne!(gil, quicker, "gil.py sets ROUNDS");
    let quiz = demo("quiz.py");
    for scheduler in SCHEDULERS {
        for model in MODELS {
            let output = run(&quicker, model, scheduler);
            let at_once = figure_before(&output, "threads running at once");
            check(
                "gil",
                &output,
                at_once,
                [
                    "Threads helped: both jobs really ran at once",
                    "Threads helped a little: they ran at once only part of the time",
                    "Threads did not help: they took turns, one at a time",
                ],
                model,
                scheduler,
            );

            let output = run(&quiz, model, scheduler);
            assert!(
                output
                    .lines()
                    .any(|line| line == "waiting jobs: threads help"),
                "quiz, {model:?} on {scheduler:?}: waits overlap on every model\n{output}"
            );
            let at_once = figure_before(&output, "at once");
            check(
                "quiz",
                &output,
                at_once,
                [
                    "computing jobs: threads help",
                    "computing jobs: threads help a little",
                    "computing jobs: threads do not help",
                ],
                model,
                scheduler,
            );
        }
    }
}
