//! `threadplay step`: the command-line face of step mode prints the output so far and
//! where every thread stands, refuses a malformed schedule with exit status 2, and names
//! a refused step.

use std::path::Path;
use std::process::Command;

fn threadplay(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_threadplay"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .output()
        .expect("threadplay runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_paused_run_shows_each_thread() {
    let (code, stdout, _) = threadplay(&[
        "step",
        "demos/race.py",
        "--gil",
        "free",
        "--schedule",
        "0L,0L,0L",
    ]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("--- output so far"), "{stdout}");
    assert!(stdout.contains("3 step(s) carried out; paused"), "{stdout}");
    assert!(stdout.contains("lane 0 MainThread"), "{stdout}");
    assert!(stdout.contains("can step"), "{stdout}");
    assert!(stdout.contains("    next:   "), "{stdout}");
}

#[test]
fn a_refused_step_is_named_and_a_bad_schedule_rejected() {
    let (code, stdout, _) = threadplay(&["step", "demos/race.py", "--schedule", "0L,4I"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("refused step 2: no thread has started on lane 4 yet"),
        "{stdout}"
    );
    let (code, _, stderr) = threadplay(&["step", "demos/race.py", "--schedule", "0Q"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("bad schedule"), "{stderr}");
}

#[test]
fn running_to_the_end_prints_the_whole_output() {
    let (code, stdout, _) =
        threadplay(&["step", "demos/lock.py", "--schedule", "0L", "--then", "end"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("Final counter: 500000"), "{stdout}");
    assert!(stdout.contains("the program exited (0)"), "{stdout}");
}
