//! Step mode by slices (engine::stepping, `StepUnit::Slice`): a thread runs to its next
//! switch, and the scheduler's own pick ("S") takes the step a run without steps would
//! take. These tests hold the two promises the page relies on: a schedule of the
//! scheduler's own slices is the seeded run itself, however many of them come before
//! "run to end" (so a hunted failure can be stepped through), and under a GIL one slice
//! takes the holder all the way to its next switch.

use engine::native_host::NativeHost;
use engine::stepping::{step_here, AfterSteps, StepChoice, StepPlan, StepSnapshot, StepUnit};
use engine::{GilModel, Outcome, RunOptions, SchedulerKind, StopSignal};
use std::path::Path;

fn demo(slug: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../demos/{slug}.py"));
    std::fs::read_to_string(path).expect("the demo exists")
}

fn stepped(
    source: &str,
    gil: GilModel,
    seed: u64,
    choices: Vec<StepChoice>,
    then: AfterSteps,
) -> (Outcome, StepSnapshot, String) {
    let host = NativeHost::captured();
    let options = RunOptions {
        gil,
        scheduler: SchedulerKind::Virtual,
        seed,
        steps: Some(StepPlan { choices, then }),
        ..RunOptions::default()
    };
    let (outcome, snapshot) = step_here(source, "main.py", host.clone(), &options);
    let (stdout, stderr) = host.captured_output();
    (outcome, snapshot, format!("{stdout}{stderr}"))
}

fn plain(source: &str, gil: GilModel, seed: u64) -> (Outcome, String) {
    let host = NativeHost::captured();
    let outcome = engine::run_program(
        source,
        "main.py",
        host.clone(),
        StopSignal::new(),
        &RunOptions {
            gil,
            scheduler: SchedulerKind::Virtual,
            seed,
            ..RunOptions::default()
        },
    );
    let (stdout, stderr) = host.captured_output();
    (outcome, format!("{stdout}{stderr}"))
}

fn schedulers(count: usize) -> Vec<StepChoice> {
    vec![StepChoice::schedulers_slice(); count]
}

/// Any number of the scheduler's own slices, then run to the end: exactly the plain
/// seeded run; paused after them, the output so far is where that run was.
#[test]
fn the_schedulers_own_slices_are_the_seeded_run() {
    for slug in ["race", "deadlock", "lock", "gil", "queues", "event"] {
        let source = demo(slug);
        for (gil, seed) in [
            (GilModel::Modern, 0),
            (GilModel::Free, 3),
            (GilModel::Legacy, 5),
        ] {
            let (plain_outcome, plain_output) = plain(&source, gil, seed);
            for count in [1, 7, 40] {
                let (outcome, snapshot, output) =
                    stepped(&source, gil, seed, schedulers(count), AfterSteps::RunToEnd);
                assert_eq!(
                    outcome, plain_outcome,
                    "{slug} {gil:?} seed {seed}, {count} S"
                );
                assert_eq!(
                    output, plain_output,
                    "{slug} {gil:?} seed {seed}, {count} S"
                );
                assert!(snapshot.finished, "{slug}: {snapshot:?}");
                let (_, paused, so_far) =
                    stepped(&source, gil, seed, schedulers(count), AfterSteps::Pause);
                assert!(
                    plain_output.starts_with(&so_far),
                    "{slug} {gil:?} {count} S: {so_far:?} is not how {plain_output:?} began"
                );
                if !paused.finished {
                    assert_eq!(paused.applied, count, "{slug}: {paused:?}");
                    assert!(paused.last_slice.is_some(), "{slug}: {paused:?}");
                }
            }
        }
    }
}

/// Under the legacy GIL the race demo needs only a few dozen slices: each one takes
/// the holder to its next switch (at least half a switch interval, 1,000,000 virtual
/// instructions at the default 5 ms, unless it blocks or ends), after which the GIL is
/// up for grabs. Stepped slice by slice to its end, it prints what the seeded run
/// prints, lost updates included.
#[test]
fn a_slice_takes_the_gil_holder_to_its_next_switch() {
    let source = demo("race");
    let (_, plain_output) = plain(&source, GilModel::Legacy, 5);
    let mut choices = Vec::new();
    let mut long_slices = 0;
    loop {
        choices.push(StepChoice::schedulers_slice());
        let (outcome, snapshot, output) = stepped(
            &source,
            GilModel::Legacy,
            5,
            choices.clone(),
            AfterSteps::Pause,
        );
        if snapshot.finished {
            assert_eq!(outcome, Outcome::Exited(0));
            assert_eq!(output, plain_output);
            break;
        }
        assert!(choices.len() < 200, "never ended: {snapshot:?}");
        let slice = snapshot.last_slice.expect("a slice was carried out");
        let ran = snapshot
            .threads
            .iter()
            .find(|t| t.lane == slice.lane)
            .unwrap();
        // Preempted, not blocked or done: a whole slice, and nobody holds the GIL now.
        if ran.can_step {
            assert!(slice.instructions >= 499_999, "{slice:?} {snapshot:?}");
            long_slices += 1;
            assert!(
                snapshot.threads.iter().all(|t| !t
                    .why_not
                    .as_deref()
                    .unwrap_or("")
                    .contains("GIL")),
                "{snapshot:?}"
            );
        }
    }
    assert!(long_slices >= 3, "{long_slices} whole slices");
    assert!(plain_output.contains("Final counter"), "{plain_output}");
}

/// The learner can hand the GIL to a thread of their choosing at a switch ("2S"), and a
/// thread that is not the holder is refused mid-slice, as for lines and instructions.
#[test]
fn the_learner_picks_who_takes_the_gil_at_a_switch() {
    let source = demo("race");
    let mut choices = Vec::new();
    // Let the scheduler run until two workers exist and the GIL is free.
    let snapshot = loop {
        choices.push(StepChoice::schedulers_slice());
        let (_, snapshot, _) = stepped(
            &source,
            GilModel::Modern,
            0,
            choices.clone(),
            AfterSteps::Pause,
        );
        assert!(!snapshot.finished && choices.len() < 100, "{snapshot:?}");
        let ready = snapshot.threads.iter().filter(|t| t.can_step).count();
        if ready >= 2 && snapshot.threads.iter().any(|t| t.lane == 2) {
            break snapshot;
        }
    };
    let pick = snapshot
        .threads
        .iter()
        .rev()
        .find(|t| t.can_step)
        .unwrap()
        .lane;
    choices.push(StepChoice {
        lane: pick,
        unit: StepUnit::Slice,
    });
    let (_, after, _) = stepped(
        &source,
        GilModel::Modern,
        0,
        choices.clone(),
        AfterSteps::Pause,
    );
    assert_eq!(after.applied, choices.len(), "{after:?}");
    assert_eq!(after.last_slice.map(|s| s.lane), Some(pick), "{after:?}");
    // Mid-slice: one instruction of `pick`, then another thread is refused.
    let mut mid = choices.clone();
    mid.push(StepChoice {
        lane: pick,
        unit: StepUnit::Instruction,
    });
    let (_, paused, _) = stepped(&source, GilModel::Modern, 0, mid.clone(), AfterSteps::Pause);
    if let Some(other) = paused
        .threads
        .iter()
        .find(|t| t.lane != pick && t.lane != 0)
    {
        mid.push(StepChoice {
            lane: other.lane,
            unit: StepUnit::Slice,
        });
        let (_, refused, _) = stepped(&source, GilModel::Modern, 0, mid, AfterSteps::Pause);
        let why = refused.refused.expect("a non-holder is refused");
        assert!(why.contains("waiting for the GIL"), "{why}");
    }
}
