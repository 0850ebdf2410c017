//! The warm-up: a program started while it runs waits for it on its own thread, its
//! clock starting only when it begins; a stop ends the wait at once; the cap ends a
//! warm-up that takes too long. Its own test binary: the warm-up is process-wide.

use engine::program::{ProgramRun, ProgramStatus};
use engine::warm_up::{self, WarmUpState};
use engine::RunOptions;
use std::time::{Duration, Instant};
use trace::clock;

fn wait_for(run: &ProgramRun, seconds: u64) -> ProgramStatus {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while run.status() == ProgramStatus::Running && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
    }
    run.status()
}

fn output(run: &ProgramRun) -> String {
    let mut pieces = Vec::new();
    run.drain_output(&mut pieces);
    pieces.into_iter().map(|(_, text)| text).collect()
}

#[test]
fn programs_wait_for_the_warm_up_which_ends_at_its_cap() {
    assert_eq!(warm_up::state(), WarmUpState::None);
    // A warm-up that would go on for a minute, capped at 400 ms.
    assert!(warm_up::prepare(
        "import time\ntime.sleep(60)\n".into(),
        Duration::from_millis(400),
        None,
    ));
    assert_eq!(warm_up::state(), WarmUpState::Waiting);
    let program = "import time\nprint('began', round(time.monotonic(), 1))\n";

    // The first program begins the warm-up and waits for it; a stop ends that wait.
    let asked = clock::now_ns();
    let stopped = ProgramRun::start(program.into(), "a.py".into(), RunOptions::default())
        .expect("a thread is free");
    assert_eq!(warm_up::state(), WarmUpState::Running);
    std::thread::sleep(Duration::from_millis(50));
    assert!(!stopped.has_begun(), "it began during the warm-up");
    assert_eq!(stopped.elapsed_ms(), 0.0);
    let stop_asked = Instant::now();
    stopped.stop();
    assert_eq!(wait_for(&stopped, 5), ProgramStatus::Stopped);
    assert!(stop_asked.elapsed() < Duration::from_millis(100));
    assert_eq!(
        output(&stopped),
        "",
        "a program stopped before it began ran"
    );
    assert_eq!(stopped.elapsed_ms(), 0.0);

    // The next one waits until the cap stops the warm-up, then runs from its own start.
    let waiting = ProgramRun::start(program.into(), "b.py".into(), RunOptions::default())
        .expect("a thread is free");
    assert_eq!(wait_for(&waiting, 10), ProgramStatus::Exited(0));
    assert_eq!(warm_up::state(), WarmUpState::Over);
    let waited_ms = clock::ms_between(asked, waiting.started_ns());
    assert!(
        (380.0..5_000.0).contains(&waited_ms),
        "began {waited_ms} ms after the warm-up"
    );
    assert_eq!(
        output(&waiting),
        "began 0.0\n",
        "time.monotonic() counts from its beginning"
    );
    assert!(
        waiting.elapsed_ms() < 300.0,
        "elapsed {}",
        waiting.elapsed_ms()
    );

    // Once it is over, programs start at once and the warm-up never runs again.
    assert!(!warm_up::begin());
    let at_once = ProgramRun::start(program.into(), "c.py".into(), RunOptions::default())
        .expect("a thread is free");
    assert_eq!(wait_for(&at_once, 10), ProgramStatus::Exited(0));
    assert!(clock::ms_between(asked, at_once.started_ns()) > waited_ms);
}
