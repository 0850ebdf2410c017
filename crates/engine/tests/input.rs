//! `input()` on both schedulers: lines from a piped stdin, end of input as EOFError,
//! the prompt on stdout, other threads running while one waits, two threads served in
//! turn, a stop ending the wait, and `ProgramRun`'s side (what the page's input line
//! uses).

use engine::native_host::{run_captured_with_input, serve_stdin, NativeHost};
use engine::program::{ProgramRun, ProgramStatus};
use engine::{Outcome, RunOptions, SchedulerKind, Stdin, StopSignal};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn both() -> [RunOptions; 3] {
    [
        RunOptions::default(),
        RunOptions {
            scheduler: SchedulerKind::Virtual,
            seed: 3,
            ..RunOptions::default()
        },
        RunOptions {
            scheduler: SchedulerKind::Virtual,
            gil: engine::GilModel::Free,
            seed: 11,
            ..RunOptions::default()
        },
    ]
}

/// Waits (at most 20 s) until `ready` says yes.
fn wait_until(what: &str, ready: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

const NAMES: &str = r#"
first = input("First name? ")
last = input("Last name? ")
print(f"Hello, {first} {last}!")
try:
    input("More? ")
except EOFError as e:
    print("caught", repr(e))
print(repr(input(None)))
"#;

#[test]
fn piped_lines_then_end_of_input() {
    for options in both() {
        let (outcome, out, err) =
            run_captured_with_input(NAMES, "prog.py", &options, "Ada\nLovelace\n");
        assert_eq!(
            out,
            "First name? Last name? Hello, Ada Lovelace!\n\
             More? caught EOFError('EOF when reading a line')\nNone",
            "{:?}",
            options.scheduler
        );
        assert_eq!(outcome, Outcome::Exited(1));
        assert!(
            err.ends_with("    print(repr(input(None)))\nEOFError: EOF when reading a line\n"),
            "{err}"
        );
    }
}

#[test]
fn a_last_line_without_newline_and_arguments() {
    let source = r#"
for args, kw in [((1, 2), {}), ((), {"prompt": "x"})]:
    try:
        input(*args, **kw)
    except TypeError as e:
        print(e)
print(repr(input(42)))
print(repr(input()))
print(repr(input()))
"#;
    for options in both() {
        let (outcome, out, _) = run_captured_with_input(source, "prog.py", &options, "a\r\nb");
        assert_eq!(
            out,
            "input expected at most 1 argument, got 2\n\
             input() takes no keyword arguments\n42'a\\r'\n'b'\n"
        );
        assert_eq!(outcome, Outcome::Exited(1));
    }
}

#[test]
fn without_a_stdin_input_reads_end_of_input() {
    for options in both() {
        let (outcome, out, err) =
            engine::native_host::run_captured("input('? ')\n", "prog.py", &options);
        assert_eq!(out, "? ");
        assert!(
            err.ends_with("EOFError: EOF when reading a line\n"),
            "{err}"
        );
        assert_eq!(outcome, Outcome::Exited(1));
    }
}

#[test]
fn input_inside_a_call_from_native_code() {
    // On the virtual scheduler a generator drained by list() cannot be suspended: its
    // wait is pinned, and the scheduler still serves it.
    let source =
        "print(list(input() for _ in range(2)))\nprint(sorted(input() for _ in range(2)))\n";
    for options in both() {
        let (outcome, out, err) =
            run_captured_with_input(source, "prog.py", &options, "b\na\nd\nc\n");
        assert_eq!(out, "['b', 'a']\n['c', 'd']\n", "{err}");
        assert_eq!(outcome, Outcome::Exited(0));
    }
}

const COUNTER: &str = r#"
import threading, time
count = 0
done = False
def counter():
    global count
    while not done:
        count += 1
        time.sleep(0.001)
t = threading.Thread(target=counter)
t.start()
time.sleep(0.01)
before = count
name = input("Name? ")
after = count
done = True
t.join()
print("hi", name, after > before)

got = {}
def ask(n):
    got[n] = input()
asking = [threading.Thread(target=ask, args=(n,)) for n in range(2)]
for a in asking:
    a.start()
    time.sleep(0.01)
for a in asking:
    a.join()
print(sorted(got.items()))
"#;

#[test]
fn other_threads_run_while_one_waits_and_waiters_are_served_in_turn() {
    for options in both() {
        let stdin = Arc::new(Stdin::new());
        let host = NativeHost::captured();
        let run = {
            let options = RunOptions {
                stdin: Some(stdin.clone()),
                ..options.clone()
            };
            let host = host.clone();
            std::thread::spawn(move || {
                engine::run_program(COUNTER, "prog.py", host, StopSignal::new(), &options)
            })
        };
        wait_until("the prompt", || stdin.waiting().is_some());
        assert_eq!(stdin.waiting().unwrap().prompt, "Name? ");
        // Real time passes while it waits: the counter thread keeps counting.
        std::thread::sleep(Duration::from_millis(100));
        stdin.answer("Ada".into());
        wait_until("two waiting threads", || stdin.waiters() == 2);
        stdin.answer("first".into());
        stdin.answer("second".into());
        assert_eq!(run.join().unwrap(), Outcome::Exited(0));
        let (out, err) = host.captured_output();
        assert_eq!(
            out, "Name? hi Ada True\n[(0, 'first'), (1, 'second')]\n",
            "{:?} {err}",
            options.scheduler
        );
    }
}

#[test]
fn a_stop_ends_the_wait() {
    let source = "import threading\nthreading.Thread(target=lambda: input('t? ')).start()\ninput('main? ')\n";
    for options in both() {
        let stdin = Arc::new(Stdin::new());
        let stop = StopSignal::new();
        let host = NativeHost::captured();
        let run = {
            let options = RunOptions {
                stdin: Some(stdin.clone()),
                ..options.clone()
            };
            let (host, stop) = (host.clone(), stop.clone());
            std::thread::spawn(move || engine::run_program(source, "prog.py", host, stop, &options))
        };
        wait_until("both waiting", || stdin.waiters() == 2);
        stop.request();
        assert_eq!(run.join().unwrap(), Outcome::Stopped);
        // The run is over: nothing waits, and a reader waiting for demand would leave.
        assert_eq!(stdin.waiting(), None);
        assert!(!stdin.wait_for_demand());
    }
}

#[test]
fn a_program_run_shows_the_request_and_takes_answers() {
    for options in both() {
        let source = "import threading\ndef t():\n    print('t:', input('T says? '))\nthreading.Thread(target=t, name='Asker').start()\n".to_string()
            + "try:\n    input('main? ')\nexcept EOFError:\n    print('main: EOF')\n";
        let run = ProgramRun::start(source, "prog.py".into(), options).expect("a thread");
        wait_until("a request", || run.input_request().is_some());
        let first = run.input_request().unwrap();
        assert!(first.prompt == "T says? " || first.prompt == "main? ");
        if first.prompt == "T says? " {
            run.send_input("hello");
            wait_until("main's request", || {
                run.input_request().is_some_and(|r| r.prompt == "main? ")
            });
            run.end_input();
        } else {
            run.end_input();
            wait_until("T's request", || {
                run.input_request().is_some_and(|r| r.prompt == "T says? ")
            });
            run.send_input("hello");
        }
        wait_until("the end", || run.status() != ProgramStatus::Running);
        assert_eq!(run.status(), ProgramStatus::Exited(0));
        assert_eq!(run.input_request(), None);
        let mut out = Vec::new();
        run.drain_output(&mut out);
        let text: String = out.into_iter().map(|(_, t)| t).collect();
        // The answer is echoed, as a terminal shows what was typed.
        assert!(
            text.contains("T says? ") && text.contains("main? "),
            "{text}"
        );
        assert!(text.contains("hello\n"), "{text}");
        assert!(text.contains("t: hello\n"), "{text}");
        assert!(text.contains("main: EOF\n"), "{text}");
    }
}

#[test]
fn the_cli_reader_reads_one_line_per_request() {
    // Only as much of the stream as input() asked for is read.
    let stdin = Arc::new(Stdin::new());
    let reader = serve_stdin(
        stdin.clone(),
        Box::new(std::io::Cursor::new(b"one\ntwo\n".to_vec())),
    )
    .unwrap();
    stdin.ask(engine::InputRequest {
        thread_id: 1,
        lane: None,
        prompt: String::new(),
        seq: 0,
    });
    wait_until("the answer", || stdin.waiting().is_none());
    std::thread::sleep(Duration::from_millis(20));
    assert_eq!(stdin.take(1), Some(Some("one".into())));
    assert_eq!(stdin.take(1), None);
    stdin.finish();
    reader.join().unwrap();
}

#[test]
fn a_replay_repeats_the_run_up_to_where_it_paused() {
    // The simulated page's way to wait (one thread, no shared memory): each run pauses
    // at the first input() past the answers it has, and the next starts over with one
    // answer more. On the virtual scheduler it repeats the earlier run exactly up to
    // that point, so the page can skip the output it already shows.
    let source = r#"
import threading
def chatter():
    for i in range(40):
        print("chatter", i)
threading.Thread(target=chatter).start()
a = input("a? ")
print("a is", a)
try:
    b = input("b? ")
except EOFError:
    b = "at its end"
print("b is", b)
"#;
    for gil in [
        engine::GilModel::Legacy,
        engine::GilModel::Modern,
        engine::GilModel::Free,
    ] {
        for seed in 1..4 {
            let mut answers = Vec::new();
            let mut shown = String::new();
            for (step, next) in [Some("x"), None, Some("never")].into_iter().enumerate() {
                let stdin = Arc::new(Stdin::replaying(answers.clone()));
                let options = RunOptions {
                    scheduler: SchedulerKind::Virtual,
                    gil,
                    seed,
                    stdin: Some(stdin.clone()),
                    ..RunOptions::default()
                };
                let (outcome, out, err) =
                    engine::native_host::run_captured(source, "prog.py", &options);
                assert!(
                    out.starts_with(&shown),
                    "{gil:?} {seed}: {shown:?} then {out:?}"
                );
                shown = out;
                match step {
                    0 | 1 => {
                        assert_eq!(outcome, Outcome::Stopped, "{err}");
                        let paused = stdin.paused().expect("paused at an input()");
                        assert_eq!(paused.prompt, ["a? ", "b? "][step]);
                    }
                    _ => {
                        assert_eq!(outcome, Outcome::Exited(0), "{err}");
                        assert!(shown.contains("a is x\n"), "{shown}");
                        assert!(shown.contains("b is at its end\n"), "{shown}");
                        assert_eq!(shown.matches("chatter").count(), 40);
                    }
                }
                answers.push(next.map(str::to_string));
            }
        }
    }
}
