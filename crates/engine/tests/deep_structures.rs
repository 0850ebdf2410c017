//! Data nested far deeper than any stack: building, printing, comparing, hashing and
//! freeing it ends in normal output or a Python exception with CPython's message, never
//! a Rust stack overflow, on both schedulers, on the caller's thread with a stack as
//! small as a browser worker's, and on a Python thread of the program.

mod common;

use engine::{self, Outcome, SchedulerKind};

/// A browser worker's stack in optimized builds; unoptimized frames are several times
/// larger, so debug builds get more (as crates/language/tests/fuzz_language.rs does).
const SMALL_STACK: usize = if cfg!(debug_assertions) {
    8 << 20
} else {
    1 << 20
};

const DEEP_LIST: &str = "\
a = []
for _ in range(100000):
    a = [a]
del a
print('freed')
";

const DEEP_OPERATIONS: &str = "\
def nest(wrap, start):
    value = start
    for _ in range(100000):
        value = wrap(value)
    return value

def attempt(label, fn):
    try:
        print(label, fn())
    except RecursionError as e:
        print(label, 'RecursionError:', e)

a = nest(lambda v: [v], [])
b = nest(lambda v: [v], [])
t = nest(lambda v: (v,), ())
t2 = nest(lambda v: (v,), ())
d = nest(lambda v: {'k': v}, {})
attempt('repr', lambda: repr(a))
attempt('eq', lambda: a == b)
attempt('lt', lambda: a < b)
attempt('in', lambda: b in [a])
attempt('dict repr', lambda: repr(d))
attempt('hash', lambda: hash(t) == hash(t2))
attempt('tuple key', lambda: {t: 1}[t])
attempt('str join', lambda: ','.join(str(x) for x in [a]))
m = iter([1])
for _ in range(100000):
    m = map(abs, m)
attempt('map chain', lambda: next(m))
try:
    print(a)
except RecursionError as e:
    print('print RecursionError:', e)
";

const DEEP_OPERATIONS_OUTPUT: &str = "\
repr RecursionError: maximum recursion depth exceeded while getting the repr of an object
eq RecursionError: maximum recursion depth exceeded in comparison
lt RecursionError: maximum recursion depth exceeded in comparison
in RecursionError: maximum recursion depth exceeded in comparison
dict repr RecursionError: maximum recursion depth exceeded while getting the repr of an object
hash True
tuple key 1
str join RecursionError: maximum recursion depth exceeded while getting the repr of an object
map chain RecursionError: maximum recursion depth exceeded
print RecursionError: maximum recursion depth exceeded while getting the repr of an object
";

const OTHER_CHAINS: &str = "\
class N:
    pass

prev = None
for _ in range(200000):
    n = N()
    n.next = prev
    prev = n
n = prev = None
print('instances freed')
f = lambda: 0
for _ in range(100000):
    f = (lambda g: lambda: g())(f)
try:
    f()
except RecursionError as e:
    print('closure call RecursionError:', e)
f = None
g = iter([1])
for _ in range(100000):
    g = (x for x in g)
try:
    next(g)
except RecursionError as e:
    print('generator RecursionError:', e)
g = None
print('done')
";

const OTHER_CHAINS_OUTPUT: &str = "\
instances freed
closure call RecursionError: maximum recursion depth exceeded
generator RecursionError: maximum recursion depth exceeded
done
";

/// One program at a time: the allocation budget is process-wide, and several of these
/// structures built at once by parallel tests would add up.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn run(source: &str, scheduler: SchedulerKind) -> (Outcome, String, String) {
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    common::run_captured(source, scheduler)
}

/// Runs `source` on a thread of its own with `stack` bytes of stack.
fn run_on_stack(
    source: &'static str,
    scheduler: SchedulerKind,
    stack: usize,
) -> (Outcome, String, String) {
    std::thread::Builder::new()
        .stack_size(stack)
        .spawn(move || run(source, scheduler))
        .unwrap()
        .join()
        .expect("the run must not crash its thread")
}

fn check(source: &'static str, expected: &str) {
    for scheduler in [SchedulerKind::Threads, SchedulerKind::Virtual] {
        for stack in [SMALL_STACK, 8 << 20] {
            let (outcome, out, err) = run_on_stack(source, scheduler, stack);
            assert_eq!(
                (outcome, out.as_str(), err.as_str()),
                (Outcome::Exited(0), expected, ""),
                "{scheduler:?}, {stack}-byte stack"
            );
        }
    }
}

#[test]
fn a_100000_deep_list_is_freed() {
    check(DEEP_LIST, "freed\n");
}

#[test]
fn operations_on_deep_data_raise_cpythons_recursion_errors() {
    check(DEEP_OPERATIONS, DEEP_OPERATIONS_OUTPUT);
}

#[test]
fn chains_of_instances_closures_and_generators() {
    check(OTHER_CHAINS, OTHER_CHAINS_OUTPUT);
}

#[test]
fn deep_data_on_a_python_thread() {
    let program = format!(
        "import threading\n\ndef work():\n{}\nt = threading.Thread(target=work)\nt.start()\nt.join()\nprint('joined')\n",
        DEEP_OPERATIONS
            .lines()
            .map(|line| format!("    {line}\n"))
            .collect::<String>()
    );
    for scheduler in [SchedulerKind::Threads, SchedulerKind::Virtual] {
        let (outcome, out, err) = run(&program, scheduler);
        assert_eq!(outcome, Outcome::Exited(0), "{scheduler:?}: {err}");
        assert_eq!(
            out,
            format!("{DEEP_OPERATIONS_OUTPUT}joined\n"),
            "{scheduler:?}"
        );
        assert_eq!(err, "");
    }
}

/// `raise ... from previous` in a loop chains exceptions without limit; the report of
/// the last one is bounded (CPython itself fails to print it) and the run ends normally.
#[test]
fn an_unbounded_exception_chain_is_reported() {
    let program = "\
e = None
for i in range(100000):
    try:
        raise ValueError(i) from e
    except ValueError as err:
        e = err
raise e
";
    for scheduler in [SchedulerKind::Threads, SchedulerKind::Virtual] {
        let (outcome, out, err) = run(program, scheduler);
        assert_eq!(outcome, Outcome::Exited(1), "{scheduler:?}");
        assert_eq!(out, "");
        assert!(err.ends_with("ValueError: 99999\n"), "{scheduler:?}");
        assert_eq!(
            err.matches("Traceback (most recent call last):").count(),
            1000,
            "{scheduler:?}"
        );
    }
}
