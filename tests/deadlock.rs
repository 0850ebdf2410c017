//! Deadlock detection on both schedulers: every program of tests/py_threads/deadlock
//! prints what it prints before it gets stuck, then ends with a deadlock report instead
//! of hanging, quickly; a lock-order inversion is named in words. (Every program of tests/py_threads, the non-deadlock ones included, runs in
//! tests/conformance.rs, where a false alarm would change its exit status.)

use std::path::Path;
use std::time::{Duration, Instant};
use threadplay::engine::{self, Outcome, RunOptions};
use threadplay::native_host::NativeHost;
use threadplay::vm::StopFlag;

#[test]
fn every_deadlock_program_is_detected_and_reported() {
    check_deadlock_corpus(&RunOptions::default());
}

#[test]
fn every_deadlock_program_is_detected_on_the_virtual_scheduler() {
    for seed in [0, 7] {
        check_deadlock_corpus(&RunOptions {
            scheduler: engine::SchedulerKind::Virtual,
            seed,
            ..RunOptions::default()
        });
    }
}

fn check_deadlock_corpus(options: &RunOptions) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/py_threads/deadlock");
    let mut programs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    programs.sort();
    assert!(programs.len() >= 4, "the deadlock corpus is missing");
    for path in &programs {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let source = std::fs::read_to_string(path).unwrap();
        let host = NativeHost::captured();
        let started = Instant::now();
        let outcome =
            engine::run_program(&source, &name, host.clone(), StopFlag::default(), options);
        let took = started.elapsed();
        let (stdout, stderr) = host.captured_output();
        let expected_stdout = std::fs::read_to_string(path.with_extension("stdout")).unwrap();
        assert_eq!(stdout, expected_stdout, "{name}: stdout");
        let Outcome::Deadlock(report) = outcome else {
            panic!("{name}: no deadlock reported ({outcome:?}); stderr: {stderr}");
        };
        println!("{name}: {report} [{took:?}]");
        assert!(
            stderr.ends_with(&format!("{report}\n")),
            "{name}: the report is not on stderr"
        );
        assert!(
            took < Duration::from_secs(5),
            "{name}: detection took {took:?}"
        );
        if name == "lock_order_inversion.py" {
            assert!(
                report.contains("Thread-1 (take_a_then_b) holds lock_a and waits for lock_b; Thread-2 (take_b_then_a) holds lock_b and waits for lock_a"),
                "{report}"
            );
        }
    }
}
