//! The virtual scheduler: every Python thread on one OS thread, deterministic from the
//! seed, on a virtual clock. The same seed replays the same run (racy output included);
//! the GIL models give CPython's outcomes (modern never loses an update of the unlocked
//! counter, legacy and free do); the clock makes a CPU-bound pair take as long as running
//! it twice under a GIL and about half as long without one; sleeps take no real time;
//! Stop ends any program.

use engine::native_host::run_captured;
use engine::program::{ProgramRun, ProgramStatus};
use engine::{self, GilModel, Outcome, RunOptions, SchedulerKind};
use std::time::{Duration, Instant};

fn options(gil: GilModel, seed: u64) -> RunOptions {
    RunOptions {
        gil,
        scheduler: SchedulerKind::Virtual,
        seed,
        ..RunOptions::default()
    }
}

fn run(source: &str, options: &RunOptions) -> String {
    let (outcome, stdout, stderr) = run_captured(source, "main.py", options);
    assert_eq!(outcome, Outcome::Exited(0), "{stderr}");
    stdout
}

/// Threads print as they go, and the unlocked counter races: the output depends on
/// every scheduling decision.
const RACE: &str = "
import threading
counter = 0
def bump(name):
    global counter
    for i in range(100_000):
        counter += 1
        if i % 25_000 == 0:
            print(name, i, counter)
threads = [threading.Thread(target=bump, args=(f't{n}',)) for n in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print('final', counter)
";

fn final_counter(output: &str) -> u64 {
    output
        .lines()
        .last()
        .and_then(|line| line.strip_prefix("final "))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no final line in {output}"))
}

#[test]
fn the_same_seed_replays_the_same_run() {
    for gil in [GilModel::Legacy, GilModel::Modern, GilModel::Free] {
        let first = run(RACE, &options(gil, 42));
        let second = run(RACE, &options(gil, 42));
        assert_eq!(first, second, "{gil:?}: seed 42 twice");
    }
    // Seeds do matter where the program races.
    let outputs: std::collections::BTreeSet<String> = (0..6)
        .map(|seed| run(RACE, &options(GilModel::Free, seed)))
        .collect();
    assert!(outputs.len() > 1, "six seeds gave one free-threaded run");
}

#[test]
fn the_models_give_cpythons_race_outcomes() {
    let modern: Vec<u64> = (0..5)
        .map(|seed| final_counter(&run(RACE, &options(GilModel::Modern, seed))))
        .collect();
    assert!(modern.iter().all(|&c| c == 400_000), "modern: {modern:?}");
    for gil in [GilModel::Legacy, GilModel::Free] {
        let counts: Vec<u64> = (0..5)
            .map(|seed| final_counter(&run(RACE, &options(gil, seed))))
            .collect();
        assert!(counts.iter().all(|&c| c <= 400_000), "{gil:?}: {counts:?}");
        assert!(
            counts.iter().any(|&c| c < 400_000),
            "{gil:?} never lost an update: {counts:?}"
        );
    }
}

/// Two CPU-bound calls one after the other, then on two threads, timed with the
/// program's own (virtual) clock; prints threaded / sequential.
const CPU_PAIR: &str = "
import threading, time
def spin():
    n = 0
    for _ in range(300_000):
        n += 1
start = time.perf_counter()
spin()
spin()
sequential = time.perf_counter() - start
start = time.perf_counter()
threads = [threading.Thread(target=spin) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
threaded = time.perf_counter() - start
print(sequential > 0.005, round(threaded / sequential, 2))
";

fn cpu_ratio(gil: GilModel) -> f64 {
    let output = run(CPU_PAIR, &options(gil, 1));
    let (positive, ratio) = output.trim().split_once(' ').expect("two values");
    assert_eq!(
        positive, "True",
        "the virtual clock did not advance: {output}"
    );
    ratio.parse().unwrap()
}

#[test]
fn the_virtual_clock_times_cpu_bound_threads_like_real_hardware() {
    for gil in [GilModel::Legacy, GilModel::Modern] {
        let ratio = cpu_ratio(gil);
        assert!((0.95..=1.1).contains(&ratio), "{gil:?}: {ratio}");
    }
    let free = cpu_ratio(GilModel::Free);
    assert!((0.45..=0.6).contains(&free), "free: {free}");
}

#[test]
fn sleeps_move_the_virtual_clock_not_the_real_one() {
    let source = "
import threading, time
def download(n):
    time.sleep(100)
    print('done', n)
start = time.monotonic()
threads = [threading.Thread(target=download, args=(n,)) for n in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(round(time.monotonic() - start, 2))
";
    let started = Instant::now();
    let output = run(source, &options(GilModel::Modern, 0));
    assert!(started.elapsed() < Duration::from_secs(5));
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(lines.len(), 4, "{output}");
    assert!(
        lines[..3].iter().all(|l| l.starts_with("done ")),
        "{output}"
    );
    let took: f64 = lines[3].parse().unwrap();
    assert!((100.0..100.01).contains(&took), "{output}");
}

#[test]
fn stop_ends_any_program_on_the_virtual_scheduler() {
    for source in [
        "while True:\n    pass\n",
        "import time\nwhile True:\n    time.sleep(1)\n",
        // A consumer blocked on an empty queue while main keeps sleeping: no deadlock.
        "import queue, threading, time\nq = queue.Queue()\nthreading.Thread(target=q.get, daemon=True).start()\nwhile True:\n    time.sleep(0.5)\n",
        // Busy threads and a main thread joining them.
        "import threading\ndef spin():\n    while True:\n        pass\nts = [threading.Thread(target=spin) for _ in range(4)]\nfor t in ts:\n    t.start()\nfor t in ts:\n    t.join()\n",
    ] {
        let run = ProgramRun::start(
            source.to_string(),
            "main.py".into(),
            options(GilModel::Modern, 0),
        )
        .expect("a free thread");
        std::thread::sleep(Duration::from_millis(200));
        assert_eq!(run.status(), ProgramStatus::Running, "{source}");
        let asked = Instant::now();
        run.stop();
        while run.status() == ProgramStatus::Running {
            assert!(asked.elapsed() < Duration::from_secs(5), "{source}");
            std::thread::sleep(Duration::from_millis(1));
        }
        assert_eq!(run.status(), ProgramStatus::Stopped, "{source}");
        println!("stopped in {:?}: {source:?}", asked.elapsed());
    }
}

#[test]
fn blocking_inside_a_generator_driven_by_a_builtin_still_works() {
    // list() drives executor.map's generator from Rust: the main thread cannot be
    // suspended there, so it runs the workers itself until each result is ready.
    let source = "
from concurrent.futures import ThreadPoolExecutor
import time
def slow_square(n):
    time.sleep(0.1 * (3 - n))
    return n * n
with ThreadPoolExecutor(max_workers=3) as pool:
    print(list(pool.map(slow_square, range(3))))
    print(sorted(pool.map(slow_square, [2, 1])))
";
    for gil in [GilModel::Legacy, GilModel::Modern, GilModel::Free] {
        assert_eq!(run(source, &options(gil, 3)), "[0, 1, 4]\n[1, 4]\n");
    }
}

#[test]
fn step_mode_pauses_and_replays_the_free_run_exactly() {
    use engine::Stepper;
    for gil in [GilModel::Legacy, GilModel::Modern, GilModel::Free] {
        let free_run = run(RACE, &options(gil, 9));
        let stepper = Stepper::paused();
        let stepped = ProgramRun::start(
            RACE.to_string(),
            "main.py".into(),
            RunOptions {
                stepper: Some(stepper.clone()),
                ..options(gil, 9)
            },
        )
        .expect("a free thread");
        // Paused from the start: nothing runs until instructions are granted.
        std::thread::sleep(Duration::from_millis(50));
        assert_eq!(stepped.status(), ProgramStatus::Running);
        assert_eq!(stepper.remaining(), 0);
        let mut steps = 0;
        while stepped.status() == ProgramStatus::Running {
            stepper.grant(20_000);
            steps += 1;
            // Each grant is used up (or the program ends) before the next one.
            let granted_at = Instant::now();
            while stepper.remaining() > 0 && stepped.status() == ProgramStatus::Running {
                assert!(granted_at.elapsed() < Duration::from_secs(5), "{gil:?}");
                std::thread::yield_now();
            }
        }
        assert_eq!(stepped.status(), ProgramStatus::Exited(0));
        let mut pieces = Vec::new();
        stepped.drain_output(&mut pieces);
        let output: String = pieces.into_iter().map(|(_, text)| text).collect();
        assert_eq!(
            output, free_run,
            "{gil:?}: stepped run differs from the free run"
        );
        assert!(steps > 10, "{gil:?}: only {steps} steps");
    }
}

#[test]
fn stop_ends_a_paused_run() {
    use engine::Stepper;
    let stepper = Stepper::paused();
    let paused = ProgramRun::start(
        "while True:\n    pass\n".to_string(),
        "main.py".into(),
        RunOptions {
            stepper: Some(stepper),
            ..options(GilModel::Modern, 0)
        },
    )
    .expect("a free thread");
    std::thread::sleep(Duration::from_millis(50));
    paused.stop();
    let asked = Instant::now();
    while paused.status() == ProgramStatus::Running {
        assert!(asked.elapsed() < Duration::from_secs(5));
        std::thread::sleep(Duration::from_millis(1));
    }
    assert_eq!(paused.status(), ProgramStatus::Stopped);
}

#[test]
fn the_switch_interval_option_sets_the_gils_interval_on_both_schedulers() {
    let source = "import sys\nprint(sys.getswitchinterval())\nsys.setswitchinterval(0.001)\nprint(sys.getswitchinterval())\n";
    for scheduler in [SchedulerKind::Threads, SchedulerKind::Virtual] {
        let options = RunOptions {
            scheduler,
            switch_interval: Some(0.02),
            ..RunOptions::default()
        };
        assert_eq!(run(source, &options), "0.02\n0.001\n", "{scheduler:?}");
    }
    assert_eq!(run(source, &RunOptions::default()), "0.005\n0.001\n");
}
