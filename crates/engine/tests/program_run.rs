//! A Python program on a logical thread, as the page runs it: output arrives through the
//! queue in order, exit statuses are right, and Stop ends busy loops and long sleeps.

use engine::program::{ProgramRun, ProgramStatus, Stream};
use engine::RunOptions;
use std::time::{Duration, Instant};

fn start(source: &str) -> ProgramRun {
    ProgramRun::start(source.to_string(), "main.py".into(), RunOptions::default())
        .expect("a free thread")
}

fn wait(run: &ProgramRun, limit: Duration) -> (ProgramStatus, Duration) {
    let started = Instant::now();
    loop {
        let status = run.status();
        if status != ProgramStatus::Running {
            return (status, started.elapsed());
        }
        assert!(
            started.elapsed() < limit,
            "program still running after {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn output(run: &ProgramRun, stream: Stream) -> String {
    let mut pieces = Vec::new();
    run.drain_output(&mut pieces);
    pieces
        .into_iter()
        .filter(|(s, _)| *s == stream)
        .map(|(_, t)| t)
        .collect()
}

#[test]
fn output_and_exit_status_reach_the_caller() {
    let run = start("for i in range(3):\n    print('line', i)\nprint(sum(range(10)))\n");
    assert_eq!(
        wait(&run, Duration::from_secs(10)).0,
        ProgramStatus::Exited(0)
    );
    assert_eq!(output(&run, Stream::Stdout), "line 0\nline 1\nline 2\n45\n");
}

#[test]
fn an_uncaught_exception_exits_1_with_a_traceback() {
    let run = start("def f():\n    return 1 / 0\nf()\n");
    assert_eq!(
        wait(&run, Duration::from_secs(10)).0,
        ProgramStatus::Exited(1)
    );
    let stderr = output(&run, Stream::Stderr);
    assert!(
        stderr.starts_with("Traceback (most recent call last):\n"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("ZeroDivisionError: division by zero\n"),
        "{stderr}"
    );
}

#[test]
fn an_exception_in_a_coroutine_comes_out_of_asyncio_run_with_every_await_in_its_traceback() {
    let source = "import asyncio\n\nasync def leaf():\n    await asyncio.sleep(0.01)\n    raise ValueError('deep')\n\nasync def middle():\n    await leaf()\n\nasync def main():\n    await asyncio.gather(middle(), asyncio.sleep(0.02))\n\nasyncio.run(main())\n";
    let run = start(source);
    assert_eq!(
        wait(&run, Duration::from_secs(10)).0,
        ProgramStatus::Exited(1)
    );
    let stderr = output(&run, Stream::Stderr);
    // The program's own frames, outermost first, as CPython 3.12 prints them (its
    // asyncio frames between the first two are named after its own files).
    let frames: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("  File \"main.py\""))
        .collect();
    assert_eq!(
        frames,
        [
            "  File \"main.py\", line 13, in <module>",
            "  File \"main.py\", line 11, in main",
            "  File \"main.py\", line 8, in middle",
            "  File \"main.py\", line 5, in leaf",
        ],
        "{stderr}"
    );
    assert!(stderr.ends_with("ValueError: deep\n"), "{stderr}");
}

#[test]
fn an_event_loop_with_nothing_left_to_wait_for_ends_with_an_error_not_a_hang() {
    let source = "import asyncio\n\nasync def main():\n    await asyncio.get_running_loop().create_future()\n\nasyncio.run(main())\n";
    let run = start(source);
    assert_eq!(
        wait(&run, Duration::from_secs(10)).0,
        ProgramStatus::Exited(1)
    );
    let stderr = output(&run, Stream::Stderr);
    assert!(
        stderr.contains("RuntimeError: threadplay: the event loop has nothing left to run"),
        "{stderr}"
    );
}

#[test]
fn stop_ends_busy_loops_and_long_sleeps() {
    for source in [
        "while True:\n    pass\n",
        "import time\ntime.sleep(1e9)\n",
        "x = 0\nwhile True:\n    x += 1\n",
        // A consumer blocked on an empty queue (a timed wait, so no deadlock) and a
        // main thread blocked joining it.
        "import queue, threading\nq = queue.Queue()\nt = threading.Thread(target=q.get, kwargs={'timeout': 1e6})\nt.start()\nt.join()\n",
        // An event loop sleeping until its only timer, far away.
        "import asyncio\nasync def main():\n    await asyncio.sleep(1e9)\nasyncio.run(main())\n",
        // Four busy threads and a main thread joining them.
        "import threading\ndef spin():\n    while True:\n        pass\nts = [threading.Thread(target=spin) for _ in range(4)]\nfor t in ts:\n    t.start()\nfor t in ts:\n    t.join()\n",
    ] {
        let run = start(source);
        std::thread::sleep(Duration::from_millis(200));
        assert_eq!(run.status(), ProgramStatus::Running, "{source}");
        run.stop();
        let (status, took) = wait(&run, Duration::from_secs(5));
        assert_eq!(status, ProgramStatus::Stopped, "{source}: {}", output(&run, Stream::Stderr));
        println!("stopped {source:?} in {took:?}");
    }
}

#[test]
fn blocked_forever_programs_end_as_deadlocks() {
    for source in [
        // A consumer blocked on an empty queue, and main joining it.
        "import queue, threading\nq = queue.Queue()\nt = threading.Thread(target=q.get)\nt.start()\nt.join()\n",
        // A lock-order deadlock between two threads.
        "import threading, time\na = threading.Lock()\nb = threading.Lock()\ndef one():\n    with a:\n        time.sleep(0.05)\n        with b:\n            pass\ndef two():\n    with b:\n        time.sleep(0.05)\n        with a:\n            pass\nts = [threading.Thread(target=one), threading.Thread(target=two)]\nfor t in ts:\n    t.start()\nfor t in ts:\n    t.join()\n",
    ] {
        let run = start(source);
        let (status, took) = wait(&run, Duration::from_secs(5));
        assert_eq!(status, ProgramStatus::Deadlock, "{source}");
        let report = output(&run, Stream::Stderr);
        assert!(report.starts_with("Deadlock: "), "{report}");
        println!("deadlock found in {took:?}: {report}");
    }
}

#[test]
fn each_output_piece_names_the_thread_that_wrote_it() {
    let run = start(
        "import threading\n\
         def work():\n    print('from worker')\n    raise ValueError('boom')\n\
         print('from main')\n\
         t = threading.Thread(target=work)\nt.start()\nt.join()\n\
         print('main again')\n",
    );
    let (status, _) = wait(&run, Duration::from_secs(10));
    assert_eq!(status, ProgramStatus::Exited(0));
    let mut pieces = Vec::new();
    run.drain_output_pieces(&mut pieces);
    let lane_of = |needle: &str| {
        pieces
            .iter()
            .find(|p| p.text.contains(needle))
            .unwrap_or_else(|| panic!("no output containing {needle:?}: {pieces:?}"))
            .lane
    };
    assert_eq!(lane_of("from main"), Some(0));
    assert_eq!(lane_of("main again"), Some(0));
    assert_eq!(lane_of("from worker"), Some(1));
    let report = pieces
        .iter()
        .find(|p| p.text.contains("ValueError: boom"))
        .expect("the thread's traceback");
    assert_eq!(report.stream, Stream::Stderr);
    assert_eq!(report.lane, Some(1));
}

/// Stop wakes a thread blocked forever on a lock at once: the wait registers with the
/// run's stop signal (no polling), so the run ends within a few milliseconds. A daemon
/// thread sleeping meanwhile keeps the run from being a deadlock. Prints the latency.
#[test]
fn stop_wakes_a_thread_blocked_on_a_lock() {
    let source = "import threading, time\n\
                  lock = threading.Lock()\n\
                  lock.acquire()\n\
                  def idle():\n    while True:\n        time.sleep(1000)\n\
                  threading.Thread(target=idle, daemon=True).start()\n\
                  print('blocking')\n\
                  lock.acquire()\n";
    let mut took_all = Vec::new();
    for trial in 0..10 {
        let run = start(source);
        let started = Instant::now();
        while !output(&run, Stream::Stdout).contains("blocking") {
            assert!(started.elapsed() < Duration::from_secs(10), "never blocked");
            std::thread::sleep(Duration::from_millis(1));
        }
        // Long enough for the main thread to be parked on the lock; varied, so a
        // polling wait would show its average delay.
        std::thread::sleep(Duration::from_millis(30 + 7 * trial));
        assert_eq!(run.status(), ProgramStatus::Running);
        let stopped_at = Instant::now();
        run.stop();
        let (status, _) = wait(&run, Duration::from_secs(5));
        let took = stopped_at.elapsed();
        assert_eq!(
            status,
            ProgramStatus::Stopped,
            "{}",
            output(&run, Stream::Stderr)
        );
        took_all.push(took);
    }
    took_all.sort();
    println!(
        "stop latency of a lock-blocked thread: median {:?}, max {:?}",
        took_all[took_all.len() / 2],
        took_all[took_all.len() - 1]
    );
}
