//! The `builtins` module: a program that replaces, adds or deletes a built-in through
//! it sees the change at its next lookup, on both schedulers and in every GIL model
//! (threads read `builtins` through a per-thread snapshot, republished on each write);
//! and nothing one run does to `builtins` or to the built-in types reaches another run
//! (each run has its own `builtins`; the process-wide built-in types are immutable).

use engine::native_host::run_captured;
use engine::{self, GilModel, Outcome, RunOptions, SchedulerKind};

/// Runs `source` to completion; its stdout (a failure shows stderr).
fn run(source: &str, gil: GilModel, scheduler: SchedulerKind) -> String {
    let options = RunOptions {
        gil,
        scheduler,
        ..RunOptions::default()
    };
    let (outcome, stdout, stderr) = run_captured(source, "builtins_test.py", &options);
    assert_eq!(
        outcome,
        Outcome::Exited(0),
        "{gil:?} {scheduler:?}: {stderr}"
    );
    stdout
}

fn every_configuration() -> Vec<(GilModel, SchedulerKind)> {
    let mut all = Vec::new();
    for gil in [GilModel::Legacy, GilModel::Modern, GilModel::Free] {
        for scheduler in [SchedulerKind::Threads, SchedulerKind::Virtual] {
            all.push((gil, scheduler));
        }
    }
    all
}

const SHADOWING: &str = r#"
import builtins
import threading

print(builtins)
print(builtins.len is len, type(builtins).__name__)
original_len = builtins.len
builtins.len = lambda x: 42
print(len([1, 2]))
def in_function():
    return len("abc")
print(in_function())
del builtins.len
try:
    len([])
except NameError as e:
    print("NameError:", e)
setattr(builtins, "len", original_len)
print(len([1, 2, 3]))
builtins.answer = 7
print(answer)
delattr(builtins, "answer")
try:
    answer
except NameError as e:
    print("NameError:", e)
try:
    del builtins.nothing_here
except AttributeError as e:
    print("AttributeError:", e)
print("len" in dir(builtins), builtins.__dict__["abs"] is abs)
from builtins import max as biggest
print(biggest(3, 9))

# A global of the module shadows the built-in; deleting it uncovers the built-in.
def show(x):
    builtins.print("global", x)
print = show
print(1)
del print
print("builtin", 2)

# Another thread sees a change ordered before its lookup (here by an Event).
results = []
ready = threading.Event()
def worker():
    ready.wait()
    results.append(abs(-5))
t = threading.Thread(target=worker)
t.start()
original_abs = builtins.abs
builtins.abs = lambda x: "patched"
ready.set()
t.join()
builtins.abs = original_abs
print(results, abs(-5))
import sys
print("builtins" in sys.modules)
"#;

/// What CPython 3.12 prints for `SHADOWING`.
const SHADOWING_EXPECTED: &str = "<module 'builtins' (built-in)>
True module
42
42
NameError: name 'len' is not defined
3
7
NameError: name 'answer' is not defined
AttributeError: 'module' object has no attribute 'nothing_here'
True True
9
global 1
builtin 2
['patched'] 5
True
";

#[test]
fn replacing_a_builtin_through_the_builtins_module_is_seen_at_once() {
    for (gil, scheduler) in every_configuration() {
        assert_eq!(
            run(SHADOWING, gil, scheduler),
            SHADOWING_EXPECTED,
            "{gil:?} {scheduler:?}"
        );
    }
}

/// Threads look `len` up in a loop while the main thread swaps it back and forth:
/// every call finds one of the two, and each thread sees the final one after the join
/// that follows the last swap.
const SWAPPING: &str = r#"
import builtins
import threading

def short(x):
    return 1
def long(x):
    return 2
original_len = len
stop = threading.Event()
seen = []
last = []
def reader():
    found = set()
    while not stop.is_set():
        found.add(len("ab"))
    seen.append(found)
    last.append(len("ab"))
threads = [threading.Thread(target=reader) for _ in range(3)]
for t in threads:
    t.start()
for i in range(2000):
    builtins.len = short if i % 2 == 0 else long
builtins.len = long
stop.set()
for t in threads:
    t.join()
print(all(found <= {1, 2} for found in seen), original_len(seen), last)
"#;

#[test]
fn threads_reading_builtins_while_one_writes_see_only_written_values() {
    for (gil, scheduler) in every_configuration() {
        assert_eq!(
            run(SWAPPING, gil, scheduler),
            "True 3 [2, 2, 2]\n",
            "{gil:?} {scheduler:?}"
        );
    }
}

/// What one run does to `builtins` and to the built-in types, none of which the next
/// run may see.
const TAMPERING: &str = r#"
import builtins
builtins.len = lambda x: -1
builtins.leftover = "from the first run"
del builtins.abs
for target, name in ((int, "x"), (NotImplemented, "x"), (object(), "x")):
    try:
        setattr(target, name, 1)
        print("set", name)
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)
"#;

const INSPECTING: &str = r#"
import builtins
print(len([1, 2]), abs(-3), hasattr(builtins, "leftover"))
print(hasattr(int, "x"), hasattr(NotImplemented, "x"))
"#;

#[test]
fn one_run_never_sees_what_another_did_to_builtins() {
    for (gil, scheduler) in every_configuration() {
        assert_eq!(
            run(TAMPERING, gil, scheduler),
            "TypeError cannot set 'x' attribute of immutable type 'int'\n\
             AttributeError 'NotImplementedType' object has no attribute 'x'\n\
             AttributeError 'object' object has no attribute 'x'\n",
            "{gil:?} {scheduler:?}"
        );
        assert_eq!(
            run(INSPECTING, gil, scheduler),
            "2 3 False\nFalse False\n",
            "{gil:?} {scheduler:?}"
        );
    }
}

/// A function that found a built-in (the module had no such global) must see a global
/// of that name as soon as one is added: by this thread, by another thread (ordered
/// before the lookup by a join or an Event), or after a deletion that leaves the
/// module's namespace as long as before.
const SHADOWED_LATER: &str = r#"
import threading

def measure():
    return len([1, 2])
print(measure(), measure())
len = lambda x: "module"
print(measure())
del len
print(measure())
filler = 1
print(measure())
del filler
len = lambda x: "same length"
print(measure())
del len
print(measure())

def setter():
    global len
    len = lambda x: "from a thread"
t = threading.Thread(target=setter)
t.start()
t.join()
print(measure())
del len

ready = threading.Event()
done = threading.Event()
results = []
def reader():
    results.append(measure())
    ready.wait()
    results.append(measure())
    done.set()
t = threading.Thread(target=reader)
t.start()
len = lambda x: "before the event"
ready.set()
done.wait()
t.join()
print(results[1])
"#;

#[test]
fn a_global_added_later_shadows_a_builtin_found_before() {
    for (gil, scheduler) in every_configuration() {
        assert_eq!(
            run(SHADOWED_LATER, gil, scheduler),
            "2 2\nmodule\n2\n2\nsame length\n2\nfrom a thread\nbefore the event\n",
            "{gil:?} {scheduler:?}"
        );
    }
}
