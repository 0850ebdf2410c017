//! The allocation budget: a program that keeps allocating gets `MemoryError` with a
//! normal traceback, natively and on both schedulers, the run ends with exit status 1,
//! its memory is given back, and the next program runs as usual. A handler may catch the
//! error and go on.
//!
//! Its own test binary with one test function, because the budget and the live-heap
//! count are process-wide: another test allocating at the same time would change what
//! these programs see.

mod common;

use common::run_captured as run;
use engine::{self, Outcome, SchedulerKind};
use vm::memory;

const ALLOCATION_LOOP: &str = "\
data = []
while True:
    data.append([0] * 1000)
";

/// Small allocations: no size check of its own fails first, the eval breaker at the loop's
/// back edge does, and the traceback still names the line that allocated.
const SMALL_ALLOCATIONS: &str = "\
data = []
for i in range(10**9):
    data.append((i, [i]))
";

const CATCH_AND_GO_ON: &str = "\
data = []
try:
    while True:
        data.append([0] * 1000)
except MemoryError as e:
    print('caught', repr(e), len(data) > 1000)
    data = None
more = [[0] * 1000 for _ in range(1000)]
print('allocated again', len(more))

def grow():
    items = []
    while True:
        items.append('x' * 10000)

for attempt in range(2):
    try:
        grow()
    except MemoryError:
        print('attempt', attempt, 'MemoryError')

kept = []
for attempt in range(2):
    try:
        while True:
            kept.append([1] * 1000)
    except MemoryError:
        print('caught while keeping', attempt)
kept = None
print('done')
";

/// Allocations the program chooses the size of fail before allocating anything.
const HUGE_REQUESTS: &str = "\
attempts = [
    lambda: [0] * 10**9,
    lambda: (0,) * 10**9,
    lambda: 'x' * 10**10,
    lambda: 'ab'.ljust(10**10),
    lambda: 'a' * 1000 + ('a' * 10**6).replace('a', 'b' * 10**4),
    lambda: list(range(10**10)),
    lambda: ''.join(['x' * 10**6] * 10**4),
    lambda: (lambda t: t + t + t + t)((0,) * 10**7),
]
for index, attempt in enumerate(attempts):
    try:
        attempt()
        print(index, 'allocated')
    except MemoryError as e:
        print(index, type(e).__name__, e.args)
print('survived')
";

/// A thread that exhausts the budget gets the error; the main thread carries on.
const IN_A_THREAD: &str = "\
import threading

def hog():
    data = []
    while True:
        data.append([0] * 1000)

t = threading.Thread(target=hog)
t.start()
t.join()
print('main thread goes on', sum(range(10)))
";

/// Live heap bytes once this thread's pending count is published.
fn live() -> usize {
    memory::flush_thread();
    memory::live_bytes()
}

#[test]
fn the_allocation_budget() {
    assert_eq!(memory::budget(), memory::DEFAULT_BUDGET);
    // Warm up (one-time tables, the threading module's source) before the baseline.
    run("import threading\nprint(1)", SchedulerKind::Threads);
    run("print(1)", SchedulerKind::Virtual);
    let baseline = live();
    assert!(baseline < 64 << 20, "baseline {baseline}");

    for scheduler in [SchedulerKind::Threads, SchedulerKind::Virtual] {
        let (outcome, out, err) = run(ALLOCATION_LOOP, scheduler);
        assert_eq!(outcome, Outcome::Exited(1), "{scheduler:?}: {err}");
        assert_eq!(out, "");
        assert_eq!(
            err,
            "Traceback (most recent call last):\n  File \"prog.py\", line 3, in <module>\n    \
             data.append([0] * 1000)\nMemoryError\n",
            "{scheduler:?}"
        );
        let after = live();
        assert!(
            after < baseline + (16 << 20),
            "{scheduler:?}: the run's memory must be given back ({baseline} -> {after})"
        );
        assert!(!memory::over_budget());

        let (outcome, _, err) = run(SMALL_ALLOCATIONS, scheduler);
        assert_eq!(outcome, Outcome::Exited(1), "{scheduler:?}: {err}");
        assert!(
            err.ends_with("line 3, in <module>\n    data.append((i, [i]))\nMemoryError\n"),
            "{scheduler:?}: {err}"
        );
        assert!(live() < baseline + (16 << 20), "{scheduler:?}");

        let (outcome, out, err) = run("print(sum(range(10)))", scheduler);
        assert_eq!(
            (outcome, out.as_str(), err.as_str()),
            (Outcome::Exited(0), "45\n", "")
        );

        let (outcome, out, err) = run(CATCH_AND_GO_ON, scheduler);
        assert_eq!(outcome, Outcome::Exited(0), "{scheduler:?}: {err}");
        assert_eq!(
            out,
            "caught MemoryError() True\nallocated again 1000\nattempt 0 MemoryError\n\
             attempt 1 MemoryError\ncaught while keeping 0\ncaught while keeping 1\ndone\n",
            "{scheduler:?}"
        );
        assert!(live() < baseline + (16 << 20), "{scheduler:?}");

        let before = live();
        let (outcome, out, err) = run(HUGE_REQUESTS, scheduler);
        assert_eq!(outcome, Outcome::Exited(0), "{scheduler:?}: {err}");
        let expected: String = (0..8)
            .map(|index| format!("{index} MemoryError ()\n"))
            .chain(["survived\n".to_string()])
            .collect();
        assert_eq!(out, expected, "{scheduler:?}");
        assert!(live() < before + (16 << 20), "{scheduler:?}");

        let (outcome, out, err) = run(IN_A_THREAD, scheduler);
        assert_eq!(outcome, Outcome::Exited(0), "{scheduler:?}: {err}");
        assert_eq!(out, "main thread goes on 45\n", "{scheduler:?}");
        assert!(
            err.starts_with(
                "Exception in thread Thread-1 (hog):\nTraceback (most recent call last):\n"
            ) && err.ends_with("    data.append([0] * 1000)\nMemoryError\n"),
            "{scheduler:?}: {err}"
        );
        assert!(live() < baseline + (16 << 20), "{scheduler:?}");
    }
}
