//! The warm-up, when it ends by itself: a program started meanwhile begins once it is
//! over, and [`warm_up::begin`] from the platform (before any program) starts it without
//! blocking. Its own test binary: the warm-up is process-wide.

use engine::program::{ProgramRun, ProgramStatus};
use engine::warm_up::{self, WarmUpState};
use engine::RunOptions;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

static BEGUN_CALLS: AtomicUsize = AtomicUsize::new(0);

fn count_begin() {
    BEGUN_CALLS.fetch_add(1, Ordering::SeqCst);
}

#[test]
fn a_program_begins_once_the_warm_up_is_over() {
    assert!(warm_up::prepare(
        "import time\ntime.sleep(0.3)\n".into(),
        Duration::from_secs(20),
        Some(count_begin),
    ));
    let began = Instant::now();
    assert!(warm_up::begin());
    assert!(began.elapsed() < Duration::from_millis(50), "begin blocked");
    assert!(!warm_up::begin(), "begun twice");
    assert_eq!(BEGUN_CALLS.load(Ordering::SeqCst), 1);
    assert_eq!(warm_up::state(), WarmUpState::Running);

    let run = ProgramRun::start("print('hi')\n".into(), "a.py".into(), RunOptions::default())
        .expect("a thread is free");
    let deadline = Instant::now() + Duration::from_secs(10);
    while run.status() == ProgramStatus::Running && Instant::now() < deadline {
        if warm_up::state() == WarmUpState::Running {
            assert!(!run.has_begun(), "the program began during the warm-up");
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    assert_eq!(run.status(), ProgramStatus::Exited(0));
    assert_eq!(warm_up::state(), WarmUpState::Over);
    let waited = began.elapsed();
    assert!(
        waited >= Duration::from_millis(280),
        "done after {waited:?}"
    );
    assert!(waited < Duration::from_secs(5), "done after {waited:?}");
    assert_eq!(BEGUN_CALLS.load(Ordering::SeqCst), 1);
}
