//! Step mode (engine::stepping): the learner picks which thread moves next, and a run
//! replays those choices from the start. These tests drive the demos by hand: a lost
//! update found step by step, the GIL refusing a second thread, stepping back as a
//! replay of fewer choices, a blocked thread and a deadlock, and the promise that a
//! schedule with no choices that runs to the end is the plain virtual run; and by
//! slices, that the scheduler's own picks are the seeded run itself and that one slice
//! takes the GIL holder to its next switch.

use engine::native_host::NativeHost;
use engine::stepping::{
    schedule_from_text, schedule_to_text, step_here, AfterSteps, StepChoice, StepPlan,
    StepSnapshot, StepThread, StepUnit,
};
use engine::{GilModel, Outcome, RunOptions, SchedulerKind, StopSignal};
use std::path::Path;

fn demo(slug: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../demos/{slug}.py"));
    std::fs::read_to_string(path).expect("the demo exists")
}

/// The race demo, small enough to finish by hand: two threads, three rounds each.
fn small_race() -> String {
    let source = demo("race")
        .replace("THREADS = 5", "THREADS = 2")
        .replace("ROUNDS = 100_000", "ROUNDS = 3");
    assert!(source.contains("THREADS = 2") && source.contains("ROUNDS = 3"));
    source
}

fn options(gil: GilModel, seed: u64, choices: &[StepChoice], then: AfterSteps) -> RunOptions {
    RunOptions {
        gil,
        scheduler: SchedulerKind::Virtual,
        seed,
        steps: Some(StepPlan {
            choices: choices.to_vec(),
            then,
        }),
        ..RunOptions::default()
    }
}

/// A stepped run: its outcome, snapshot and everything it printed.
fn run(source: &str, gil: GilModel, choices: &[StepChoice]) -> (Outcome, StepSnapshot, String) {
    run_then(source, gil, 0, choices, AfterSteps::Pause)
}

fn run_then(
    source: &str,
    gil: GilModel,
    seed: u64,
    choices: &[StepChoice],
    then: AfterSteps,
) -> (Outcome, StepSnapshot, String) {
    run_with(source, &options(gil, seed, choices, then))
}

fn run_with(source: &str, options: &RunOptions) -> (Outcome, StepSnapshot, String) {
    let host = NativeHost::captured();
    let (outcome, snapshot) = step_here(source, "main.py", host.clone(), options);
    let (stdout, stderr) = host.captured_output();
    (outcome, snapshot, format!("{stdout}{stderr}"))
}

fn line(lane: u16) -> StepChoice {
    StepChoice {
        lane,
        unit: StepUnit::Line,
    }
}

fn instr(lane: u16) -> StepChoice {
    StepChoice {
        lane,
        unit: StepUnit::Instruction,
    }
}

fn thread(snapshot: &StepSnapshot, lane: u16) -> Option<&StepThread> {
    snapshot.threads.iter().find(|t| t.lane == lane)
}

/// Steps the main thread, and any worker it waits for to start, until threads on
/// `lanes` all exist; returns the schedule. (With a GIL, a worker that took it keeps
/// it for a switch interval: it moves by lines, so that comes sooner.)
fn until_started(source: &str, gil: GilModel, lanes: &[u16]) -> Vec<StepChoice> {
    let mut choices = Vec::new();
    for _ in 0..1_000 {
        let (_, snapshot, _) = run(source, gil, &choices);
        assert_eq!(
            snapshot.applied,
            choices.len(),
            "{snapshot:?} after {}",
            schedule_to_text(&choices)
        );
        if lanes.iter().all(|lane| thread(&snapshot, *lane).is_some()) {
            return choices;
        }
        let main = thread(&snapshot, 0).expect("the main thread");
        if main.can_step {
            choices.push(line(0));
        } else {
            // start() waits for the new thread to begin (the newest): let it move.
            let starting = snapshot
                .threads
                .iter()
                .rev()
                .find(|t| t.lane != 0 && t.can_step)
                .unwrap_or_else(|| panic!("nobody can move: {snapshot:?}"));
            choices.push(match gil {
                GilModel::Free => instr(starting.lane),
                _ => line(starting.lane),
            });
        }
    }
    panic!("threads {lanes:?} never started");
}

/// Steps `lane` one instruction at a time until its next instruction is `next`.
fn until_next(
    source: &str,
    gil: GilModel,
    choices: &mut Vec<StepChoice>,
    lane: u16,
    next: &str,
) -> StepSnapshot {
    for _ in 0..100 {
        let (_, snapshot, _) = run(source, gil, choices);
        assert_eq!(snapshot.applied, choices.len(), "{snapshot:?}");
        let t = thread(&snapshot, lane).expect("the thread started");
        if t.next_instruction == next {
            return snapshot;
        }
        assert!(t.can_step, "lane {lane} stuck before {next}: {t:?}");
        choices.push(instr(lane));
    }
    panic!("lane {lane} never reached {next}");
}

#[test]
fn a_lost_update_stepped_by_hand() {
    let source = small_race();
    let gil = GilModel::Free;
    let mut choices = until_started(&source, gil, &[1, 2]);
    // Thread 1 reads the counter...
    until_next(&source, gil, &mut choices, 1, "LOAD_GLOBAL counter");
    choices.push(instr(1));
    // ...and so does thread 2, before thread 1 writes it back.
    until_next(&source, gil, &mut choices, 2, "LOAD_GLOBAL counter");
    choices.push(instr(2));
    let (_, loaded, _) = run(&source, gil, &choices);
    let read_1 = thread(&loaded, 1).unwrap().loaded.last().cloned();
    let read_2 = thread(&loaded, 2).unwrap().loaded.last().cloned();
    assert!(read_1.is_some(), "{loaded:?}");
    assert_eq!(read_1, read_2, "both threads read the same counter");
    // Both add one and stand before their stores holding the same new value.
    until_next(&source, gil, &mut choices, 1, "STORE_GLOBAL counter");
    let before_2 = until_next(&source, gil, &mut choices, 2, "STORE_GLOBAL counter");
    let new_1 = thread(&before_2, 1).unwrap().loaded.last().cloned();
    let new_2 = thread(&before_2, 2).unwrap().loaded.last().cloned();
    assert_eq!(new_1, new_2, "{before_2:?}");
    let read: i64 = read_1.unwrap().parse().expect("an int was read");
    assert_eq!(new_1, Some((read + 1).to_string()));
    choices.push(instr(1));
    choices.push(instr(2));
    let steps_to_lose = choices.len();
    println!(
        "steps to lose an update: {steps_to_lose} ({})",
        schedule_to_text(&choices)
    );
    // Now let each thread finish on its own, then the main thread: one update is lost.
    for lane in [1, 2, 0] {
        loop {
            let (outcome, snapshot, output) = run(&source, gil, &choices);
            assert_eq!(snapshot.refused, None, "{snapshot:?}");
            if snapshot.finished {
                assert_eq!(outcome, Outcome::Exited(0));
                assert!(output.contains("Final counter: 5"), "{output}");
                assert_eq!(lane, 0, "the program ended early");
                return;
            }
            let t = thread(&snapshot, lane).unwrap();
            if t.why_not.as_deref() == Some("done") {
                break;
            }
            assert!(choices.len() < 400, "no end in sight: {snapshot:?}");
            choices.push(line(lane));
        }
    }
    panic!("the program never finished");
}

/// Two busy threads: the one that holds the GIL is the only one that may move until
/// its switch interval runs out. (The default interval is about a million instructions
/// on the virtual clock; this test sets 5 microseconds, 500 to 1,500 instructions.)
#[test]
fn under_the_modern_gil_only_the_holder_moves() {
    let source = "import threading\n\
                  \n\
                  def spin():\n    \
                      total = 0\n    \
                      for i in range(100000):\n        \
                          total += i\n\
                  \n\
                  a = threading.Thread(target=spin, name='A')\n\
                  a.start()\n\
                  a.join()\n";
    let gil = GilModel::Modern;
    let run = |choices: &[StepChoice]| {
        let mut options = options(gil, 0, choices, AfterSteps::Pause);
        options.switch_interval = Some(5e-6);
        run_with(source, &options)
    };
    // Main starts A, which takes the GIL as it begins.
    let mut choices = Vec::new();
    loop {
        let (_, snapshot, _) = run(&choices);
        if thread(&snapshot, 1).is_some_and(|a| a.line == 5) {
            break;
        }
        let lane = if thread(&snapshot, 0).unwrap().can_step {
            0
        } else {
            1
        };
        choices.push(line(lane));
        assert!(choices.len() < 50, "A never began: {snapshot:?}");
    }
    let (_, snapshot, _) = run(&choices);
    let main = thread(&snapshot, 0).unwrap();
    assert!(!main.can_step, "{snapshot:?}");
    assert_eq!(
        main.why_not.as_deref(),
        Some("waiting for the GIL (A holds it)")
    );
    let mut refused = choices.clone();
    refused.push(line(0));
    let (outcome, snapshot, _) = run(&refused);
    assert_eq!(outcome, Outcome::Stopped);
    assert_eq!(snapshot.applied, choices.len());
    assert_eq!(
        snapshot.refused.as_deref(),
        Some("MainThread cannot move: waiting for the GIL (A holds it)")
    );
    // A goes on until its interval runs out; then main may take the GIL.
    let mut lines = 0;
    loop {
        choices.push(line(1));
        lines += 1;
        let (_, snapshot, _) = run(&choices);
        assert_eq!(snapshot.refused, None);
        if thread(&snapshot, 0).unwrap().can_step {
            assert!(thread(&snapshot, 1).unwrap().can_step, "{snapshot:?}");
            break;
        }
        assert!(lines < 1_000, "the switch interval never ran out");
    }
    assert!(
        lines > 50,
        "the GIL was handed over after only {lines} lines"
    );
    // Main takes the GIL, goes on to join() and blocks there: A may move again.
    for _ in 0..5 {
        choices.push(line(0));
        let (_, snapshot, _) = run(&choices);
        assert_eq!(snapshot.applied, choices.len(), "{snapshot:?}");
        let main = thread(&snapshot, 0).unwrap();
        if !main.can_step {
            assert_eq!(main.why_not.as_deref(), Some("waiting for A to finish"));
            assert!(thread(&snapshot, 1).unwrap().can_step, "{snapshot:?}");
            return;
        }
    }
    panic!("main never blocked in join()");
}

/// A holder that blocks (here: sleeps) drops the GIL: whoever waited for it may move.
#[test]
fn under_the_modern_gil_a_blocked_holder_lets_others_move() {
    let source = "import threading, time\n\
                  \n\
                  def nap():\n    \
                      x = 1\n    \
                      time.sleep(0.5)\n    \
                      x = 2\n\
                  \n\
                  a = threading.Thread(target=nap, name='A')\n\
                  a.start()\n\
                  total = 0\n\
                  for i in range(10):\n    \
                      total += i\n\
                  a.join()\n";
    let gil = GilModel::Modern;
    let mut choices = until_started(source, gil, &[1]);
    // A takes the GIL: the main thread waits for it.
    choices.push(instr(1));
    let (_, snapshot, _) = run(source, gil, &choices);
    assert_eq!(thread(&snapshot, 1).unwrap().line, 4, "{snapshot:?}");
    let main = thread(&snapshot, 0).unwrap();
    assert_eq!(
        main.why_not.as_deref(),
        Some("waiting for the GIL (A holds it)"),
        "{snapshot:?}"
    );
    // A finishes `x = 1` and sleeps on line 5: it dropped the GIL, main may move.
    choices.push(line(1));
    choices.push(line(1));
    let (_, snapshot, _) = run(source, gil, &choices);
    assert_eq!(snapshot.applied, choices.len(), "{snapshot:?}");
    let a = thread(&snapshot, 1).unwrap();
    assert_eq!(
        (a.line, a.why_not.as_deref()),
        (5, Some("sleeping")),
        "{snapshot:?}"
    );
    assert!(thread(&snapshot, 0).unwrap().can_step, "{snapshot:?}");
    choices.push(line(0));
    let (_, snapshot, _) = run(source, gil, &choices);
    assert_eq!(snapshot.applied, choices.len(), "{snapshot:?}");
    // Main now holds the GIL; when it blocks in join(), the clock jumps to A's wake-up
    // and A may move again.
    loop {
        let (_, snapshot, _) = run(source, gil, &choices);
        let main = thread(&snapshot, 0).unwrap();
        if !main.can_step {
            assert_eq!(main.why_not.as_deref(), Some("waiting for A to finish"));
            assert!(thread(&snapshot, 1).unwrap().can_step, "{snapshot:?}");
            break;
        }
        choices.push(line(0));
        assert!(choices.len() < 200, "main never reached join: {snapshot:?}");
    }
}

/// Stepping back is a replay with fewer choices: it gives exactly the snapshot (and the
/// output) that run had before the step.
#[test]
fn step_back_is_the_earlier_snapshot() {
    for (source, gil) in [
        (small_race(), GilModel::Free),
        (demo("lock"), GilModel::Modern),
    ] {
        let mut choices = Vec::new();
        let mut history = Vec::new();
        // Round-robin over whoever can move, by lines and instructions in turn.
        for n in 0..60 {
            let (_, snapshot, output) = run(&source, gil, &choices);
            if snapshot.finished {
                break;
            }
            history.push((snapshot.clone(), output));
            let movable: Vec<u16> = snapshot
                .threads
                .iter()
                .filter(|t| t.can_step)
                .map(|t| t.lane)
                .collect();
            assert!(!movable.is_empty(), "{snapshot:?}");
            let lane = movable[n % movable.len()];
            choices.push(if n % 3 == 0 { line(lane) } else { instr(lane) });
        }
        assert!(history.len() > 20, "too short a walk: {}", history.len());
        for n in [1, 7, 15, history.len() - 1] {
            let (_, snapshot, output) = run(&source, gil, &choices[..n]);
            assert_eq!(snapshot.applied, n);
            assert_eq!(
                (&snapshot, &output),
                (&history[n].0, &history[n].1),
                "n = {n}"
            );
            assert_ne!(history[n].0, history[n - 1].0, "step {n} changed nothing");
        }
    }
}

#[test]
fn a_blocked_thread_is_refused_and_a_deadlock_is_reported() {
    let source = demo("deadlock");
    let gil = GilModel::Modern;
    let mut choices = Vec::new();
    let mut refusal_seen = false;
    for _ in 0..400 {
        let (outcome, snapshot, output) = run(&source, gil, &choices);
        assert_eq!(snapshot.refused, None, "{snapshot:?}");
        if snapshot.finished {
            assert!(matches!(outcome, Outcome::Deadlock(_)), "{outcome:?}");
            assert!(output.contains("T1: waiting for lock_b"), "{output}");
            let t1 = snapshot.threads.iter().find(|t| t.name == "T1").unwrap();
            let t2 = snapshot.threads.iter().find(|t| t.name == "T2").unwrap();
            assert_eq!(t1.why_not.as_deref(), Some("blocked on lock_b"));
            assert_eq!(t2.why_not.as_deref(), Some("blocked on lock_a"));
            assert!(snapshot.threads.iter().all(|t| !t.can_step));
            assert!(refusal_seen, "no thread was ever blocked on a lock before");
            return;
        }
        // A thread blocked on a lock is refused, with the lock's name.
        if let Some(blocked) = snapshot.threads.iter().find(|t| {
            t.why_not
                .as_deref()
                .is_some_and(|w| w.starts_with("blocked on lock_"))
        }) {
            let mut refused = choices.clone();
            refused.push(line(blocked.lane));
            let (outcome, after, _) = run(&source, gil, &refused);
            assert_eq!(outcome, Outcome::Stopped);
            assert_eq!(after.applied, choices.len());
            let reason = after.refused.expect("refused");
            let why = blocked.why_not.as_deref().unwrap();
            assert_eq!(reason, format!("{} cannot move: {why}", blocked.name));
            refusal_seen = true;
        }
        let lane = snapshot
            .threads
            .iter()
            .find(|t| t.can_step)
            .unwrap_or_else(|| panic!("nobody can move: {snapshot:?}"))
            .lane;
        choices.push(line(lane));
    }
    panic!("the deadlock never came");
}

/// No choices, then run to the end: exactly the plain virtual run.
#[test]
fn running_to_the_end_after_no_steps_is_the_plain_run() {
    for slug in ["race", "deadlock", "lock", "gil", "queues", "event"] {
        let source = demo(slug);
        for (gil, seed) in [
            (GilModel::Modern, 0),
            (GilModel::Free, 3),
            (GilModel::Legacy, 11),
        ] {
            let (plain, plain_output) = plain(&source, gil, seed);
            let (outcome, snapshot, output) =
                run_then(&source, gil, seed, &[], AfterSteps::RunToEnd);
            assert_eq!(outcome, plain, "{slug} {gil:?} {seed}");
            assert_eq!(output, plain_output, "{slug} {gil:?} {seed}");
            assert!(snapshot.finished && snapshot.applied == 0, "{snapshot:?}");
        }
    }
}

/// Some choices, then the scheduler's own: the run ends, and after different first
/// steps the race can end differently, always with the same output for the same plan.
#[test]
fn running_to_the_end_after_steps_finishes_deterministically() {
    let source = small_race();
    let choices = until_started(&source, GilModel::Free, &[1, 2]);
    let once = run_then(&source, GilModel::Free, 5, &choices, AfterSteps::RunToEnd);
    let again = run_then(&source, GilModel::Free, 5, &choices, AfterSteps::RunToEnd);
    assert_eq!(once, again);
    assert_eq!(once.0, Outcome::Exited(0));
    assert!(once.1.finished && once.1.applied == choices.len());
    assert!(once.2.contains("Final counter: "), "{}", once.2);
}

#[test]
fn a_thread_that_has_not_started_and_a_lane_that_does_not_exist() {
    let source = small_race();
    let (outcome, snapshot, _) = run(&source, GilModel::Free, &[line(3)]);
    assert_eq!(outcome, Outcome::Stopped);
    assert_eq!(snapshot.applied, 0);
    assert_eq!(
        snapshot.refused.as_deref(),
        Some("no thread has started on lane 3 yet")
    );
    let main = thread(&snapshot, 0).unwrap();
    assert!(main.can_step && main.name == "MainThread" && main.line > 0);
    assert!(!main.next_instruction.is_empty());
}

#[test]
fn schedules_as_text() {
    // 65535 stands for the scheduler's own pick: the highest lane a thread can have
    // is 65534.
    let choices = vec![line(1), line(2), instr(1), instr(1), instr(0), line(65534)];
    let text = schedule_to_text(&choices);
    assert_eq!(text, "1L2L1I1I0I65534L");
    assert_eq!(schedule_from_text(&text), Ok(choices));
    assert_eq!(schedule_from_text(""), Ok(vec![]));
    assert_eq!(
        schedule_from_text("1L, 2i 0l"),
        Ok(vec![line(1), instr(2), line(0)])
    );
    for bad in [
        "L", "1", "1X", "65535L", "65536L", "1L2", "x", "1L;2L", "1 L", "١L", "1Lé", "🙂",
    ] {
        let error = schedule_from_text(bad).expect_err(bad);
        assert!(!error.contains('\n') && !error.is_empty(), "{error}");
    }
    let too_many = "1L".repeat(10_001);
    assert!(schedule_from_text(&too_many).is_err());
    assert_eq!(
        schedule_from_text(&"1L".repeat(10_000)).map(|c| c.len()),
        Ok(10_000)
    );
    // Arbitrary bytes never panic.
    let mut seed = 0x1234_5678_u64;
    for _ in 0..2_000 {
        let text: String = (0..(seed % 40))
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                char::from_u32(((seed >> 33) % 0x80) as u32).unwrap_or('?')
            })
            .collect();
        let _ = schedule_from_text(&text);
    }
    // A schedule over the limit given directly to a run is refused, not run.
    let (outcome, snapshot, _) = run(&small_race(), GilModel::Free, &vec![line(0); 10_001]);
    assert_eq!(outcome, Outcome::Stopped);
    assert!(snapshot.refused.unwrap().contains("at most 10000"));
}

/// How long a replay of 1,000 instruction steps of the race demo takes (printed for
/// BENCHMARKS-style notes; never asserted).
#[test]
fn replay_time_of_a_thousand_steps() {
    let source = demo("race");
    let gil = GilModel::Free;
    let mut choices = until_started(&source, gil, &[1, 2]);
    while choices.len() < 1_000 {
        let lane = if choices.len() % 7 < 4 { 1 } else { 2 };
        choices.push(instr(lane));
    }
    let started = std::time::Instant::now();
    let (_, snapshot, _) = run(&source, gil, &choices);
    let elapsed = started.elapsed();
    assert_eq!(snapshot.applied, 1_000, "{snapshot:?}");
    println!(
        "replay of 1000 steps of the race demo: {:.1} ms",
        elapsed.as_secs_f64() * 1e3
    );
}

/// A stepped run on the worker pool reports its snapshot once it ended.
#[test]
fn a_program_run_reports_its_snapshot() {
    let run = engine::program::ProgramRun::start(
        small_race(),
        "main.py".into(),
        options(GilModel::Free, 0, &[line(0), line(0)], AfterSteps::Pause),
    )
    .expect("started");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while run.status() == engine::program::ProgramStatus::Running {
        assert!(std::time::Instant::now() < deadline, "the run never paused");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let snapshot = run.step_snapshot().expect("a snapshot");
    assert_eq!(snapshot.applied, 2);
    assert!(!snapshot.finished);
    assert!(thread(&snapshot, 0).unwrap().can_step);
}

// Steps by slice: a thread runs to its next switch, and the scheduler's own pick ("S")
// takes the step a run without steps would take; a schedule of such picks is the
// seeded run itself, however many come before "run to end".

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
                    run_then(&source, gil, seed, &schedulers(count), AfterSteps::RunToEnd);
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
                    run_then(&source, gil, seed, &schedulers(count), AfterSteps::Pause);
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
/// the holder to its next switch (at least half a switch interval of 1,000,000 virtual
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
        let (outcome, snapshot, output) =
            run_then(&source, GilModel::Legacy, 5, &choices, AfterSteps::Pause);
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
        // Preempted mid-code (not blocked, ended, or back from its module's end to the
        // interpreter's shutdown, which shows no next instruction).
        if ran.can_step && !ran.next_instruction.is_empty() {
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
    // Most threads finish their 100,000 increments inside one slice; at least one is
    // switched out mid-update (the lost updates), and a few dozen slices end the run.
    assert!(long_slices >= 1, "{long_slices} whole slices");
    assert!(choices.len() <= 40, "{} slices", choices.len());
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
        let (_, snapshot, _) = run_then(&source, GilModel::Modern, 0, &choices, AfterSteps::Pause);
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
    let (_, after, _) = run_then(&source, GilModel::Modern, 0, &choices, AfterSteps::Pause);
    assert_eq!(after.applied, choices.len(), "{after:?}");
    assert_eq!(after.last_slice.map(|s| s.lane), Some(pick), "{after:?}");
    // Mid-slice instead (one instruction of `pick` from the same point): the other
    // runnable thread is refused a slice, as for lines and instructions.
    let mut mid = choices[..choices.len() - 1].to_vec();
    mid.push(StepChoice {
        lane: pick,
        unit: StepUnit::Instruction,
    });
    let other = snapshot
        .threads
        .iter()
        .find(|t| t.lane != pick && t.can_step)
        .expect("a second thread could move at the switch")
        .lane;
    mid.push(StepChoice {
        lane: other,
        unit: StepUnit::Slice,
    });
    let (_, refused, _) = run_then(&source, GilModel::Modern, 0, &mid, AfterSteps::Pause);
    assert_eq!(refused.applied, mid.len() - 1, "{refused:?}");
    let why = refused.refused.expect("a non-holder is refused");
    assert!(why.contains("waiting for the GIL"), "{why}");
}
