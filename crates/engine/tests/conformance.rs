//! The conformance corpora: every program in tests/py (single-threaded) and
//! tests/py_threads (threads, queues, executors; deterministic output only) runs through
//! the engine and must print exactly what CPython 3.12 printed (stdout, stderr, exit
//! status), as recorded in the goldens by scripts/regen-goldens and
//! scripts/regen-thread-goldens. CPython is not needed here.
//!
//! Each corpus has a KNOWN_FAILURES file listing the programs that do not match yet, one
//! per line with a reason. A test fails when a program outside its list differs from its
//! golden, and also when a listed program starts to match (so the lists only shrink).

use engine::native_host::NativeHost;
use engine::StopSignal;
use engine::{self, Outcome, RunOptions};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

struct Result {
    matches: bool,
    detail: String,
}

/// The corpora live at the repository root (`tests/py`, `tests/py_threads`), beside
/// the scripts that regenerate their goldens.
fn corpus_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests")
        .join(name)
}

fn known_failures(dir: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(dir.join("KNOWN_FAILURES")).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once(char::is_whitespace) {
            Some((name, reason)) => (name.to_string(), reason.trim().to_string()),
            None => (l.to_string(), String::new()),
        })
        .collect()
}

fn first_difference(label: &str, expected: &str, actual: &str) -> Option<String> {
    if expected == actual {
        return None;
    }
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let line = e
        .iter()
        .zip(&a)
        .position(|(x, y)| x != y)
        .unwrap_or(e.len().min(a.len()));
    Some(format!(
        "{label} differs at line {}:\n      expected: {:?}\n      actual:   {:?}",
        line + 1,
        e.get(line).unwrap_or(&"<end>"),
        a.get(line).unwrap_or(&"<end>")
    ))
}

fn run_one(path: &Path, options: &RunOptions) -> Result {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let source = std::fs::read_to_string(path).unwrap();
    let golden = |ext: &str| std::fs::read_to_string(path.with_extension(ext)).unwrap_or_default();
    let (want_out, want_err, want_exit) = (golden("stdout"), golden("stderr"), golden("exit"));
    let host = NativeHost::captured();
    let outcome = engine::run_program(&source, &name, host.clone(), StopSignal::new(), options);
    let (out, err) = host.captured_output();
    let exit = match outcome {
        Outcome::Exited(code) => code.to_string(),
        Outcome::Stopped => "stopped".into(),
        Outcome::Deadlock(report) => format!("deadlock: {report}"),
    };
    let differences: Vec<String> = [
        first_difference("stdout", &want_out, &out),
        first_difference("stderr", &want_err, &err),
        first_difference("exit", want_exit.trim(), &exit),
    ]
    .into_iter()
    .flatten()
    .collect();
    Result {
        matches: differences.is_empty(),
        detail: differences.join("\n    "),
    }
}

#[test]
fn corpus_matches_cpython_goldens() {
    check_corpus("py", 80, &RunOptions::default());
}

#[test]
fn threading_corpus_matches_cpython_goldens() {
    check_corpus("py_threads", 40, &RunOptions::default());
}

/// The virtual scheduler runs the same corpora: the same programs must print the same.
fn on_virtual_scheduler(seed: u64) -> RunOptions {
    RunOptions {
        scheduler: engine::SchedulerKind::Virtual,
        seed,
        ..RunOptions::default()
    }
}

#[test]
fn corpus_matches_cpython_goldens_on_the_virtual_scheduler() {
    check_corpus("py", 80, &on_virtual_scheduler(0));
}

#[test]
fn threading_corpus_matches_cpython_goldens_on_the_virtual_scheduler() {
    for seed in [0, 1, 2] {
        check_corpus("py_threads", 40, &on_virtual_scheduler(seed));
    }
}

fn check_corpus(name: &str, minimum: usize, options: &RunOptions) {
    let dir = corpus_dir(name);
    let mut programs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    programs.sort();
    assert!(
        programs.len() >= minimum,
        "the {name} corpus has only {} programs",
        programs.len()
    );
    let known = known_failures(&dir);
    let mut unexpected = Vec::new();
    let mut fixed = Vec::new();
    let mut passed = 0;
    for path in &programs {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        // A panic in the engine is a failure of that program, not of the whole run.
        let result =
            std::panic::catch_unwind(|| run_one(path, options)).unwrap_or_else(|panic| Result {
                matches: false,
                detail: format!("the engine panicked: {:?}", panic.downcast_ref::<String>()),
            });
        match (result.matches, known.contains_key(&stem)) {
            (true, false) => passed += 1,
            (true, true) => fixed.push(stem),
            (false, true) => {}
            (false, false) => unexpected.push(format!("{stem}:\n    {}", result.detail)),
        }
    }
    println!(
        "conformance ({name}, {:?} scheduler, seed {}): {passed} of {} programs match CPython 3.12; {} listed as known failures",
        options.scheduler,
        options.seed,
        programs.len(),
        known.len()
    );
    assert!(
        unexpected.is_empty() && fixed.is_empty(),
        "{} programs differ from CPython:\n{}\n\nnow passing, remove from KNOWN_FAILURES: {:?}",
        unexpected.len(),
        unexpected.join("\n"),
        fixed
    );
}
