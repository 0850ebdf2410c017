//! `input()`: writes the prompt, then waits for one line of the run's standard input
//! (`Runtime::stdin`, a `sched::input::Stdin` the engine sets up), without the GIL, as
//! any blocking call does: through the run's thread driver, so on real threads the
//! other threads run meanwhile and on the virtual scheduler the thread is blocked while
//! the others take their turns. End of input raises `EOFError`; the run's stop signal
//! ends the wait.
//!
//! It never reads a stream itself (whoever answers the `Stdin` does) and never asks
//! which scheduler runs it.

use crate::interp::{exc, Runtime, Vm};
use crate::scheduler::Wait;
use crate::types::ExcType;
use crate::value::{NativeObject, Payload, Value};
use crate::{PyErr, PyResult};
use sched::input::{InputRequest, Stdin};
use sched::wait::WaitWord;
use std::sync::Arc;

/// What a thread waiting in `input()` waits on: the run's stdin.
struct StdinWait(Arc<Stdin>);

impl NativeObject for StdinWait {
    fn type_name(&self) -> &'static str {
        "stdin"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// A blocking call's result that is an exception to raise, not a value: a wait's
/// `poll` can only hand back a value, and on the virtual scheduler that value reaches
/// the suspended thread straight from the scheduler (`Vm::push_resumed_value` raises
/// it there).
pub(crate) struct RaiseOnResume(pub(crate) PyErr);

impl NativeObject for RaiseOnResume {
    fn type_name(&self) -> &'static str {
        "pending exception"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The exception a blocking call's result stands for, if it is one.
pub(crate) fn exception_in(value: &Value) -> Option<PyErr> {
    match value.payload() {
        Some(Payload::Native(native)) => native
            .as_any()
            .downcast_ref::<RaiseOnResume>()
            .map(|raise| raise.0.clone()),
        _ => None,
    }
}

fn eof_error() -> PyErr {
    exc(ExcType::EOFError, "EOF when reading a line")
}

fn the_stdin(value: &Value) -> Option<&Arc<Stdin>> {
    match value.payload() {
        Some(Payload::Native(native)) => native
            .as_any()
            .downcast_ref::<StdinWait>()
            .map(|wait| &wait.0),
        _ => None,
    }
}

/// Takes the line if it is this thread's turn and one is there.
fn poll_stdin(_rt: &Runtime, object: &Value, thread_id: u64) -> Option<Value> {
    match the_stdin(object)?.take(thread_id)? {
        Some(line) => Some(Value::str(line)),
        None => Some(Value::obj(Payload::Native(Box::new(RaiseOnResume(
            eof_error(),
        ))))),
    }
}

fn stdin_word(object: &Value) -> Option<&WaitWord> {
    the_stdin(object).map(|stdin| stdin.word())
}

/// The rest of `input(prompt)` once its arguments are read (`builtins`): writes the
/// prompt, then waits for this thread's line.
pub(crate) fn read_line(vm: &mut Vm, prompt: String) -> PyResult<Value> {
    if !prompt.is_empty() {
        vm.write_output(false, &prompt);
    }
    let Some(stdin) = vm.rt.stdin.get().cloned() else {
        return Err(eof_error());
    };
    let pause = stdin.ask(InputRequest {
        thread_id: vm.thread_id,
        lane: vm.lane_index(),
        prompt,
        seq: 0,
    });
    if pause {
        // A replay reached the request nobody answered yet: the run stops here, and
        // the page runs it again with the answer (`sched::input::Stdin::replaying`).
        vm.rt.stop.request();
    }
    vm.mark(trace::MarkKind::WaitsFor {
        what: "input".to_string(),
    });
    let wait = Wait {
        object: Value::obj(Payload::Native(Box::new(StdinWait(stdin.clone())))),
        poll: poll_stdin,
        timeout_ns: None,
        on_timeout: Value::None,
        state: trace::ThreadState::Blocked,
        lock: None,
        word: stdin_word,
        wake: WaitWord::bump,
    };
    let driver = Arc::clone(&vm.rt.driver);
    let result = driver.block(vm, wait);
    if result.is_err() {
        // Stopped (or suspended on the virtual scheduler, which then still waits: the
        // request stays until the scheduler's poll takes the line).
        if !vm.is_suspending() {
            stdin.withdraw(vm.thread_id);
        }
    }
    let value = result?;
    match exception_in(&value) {
        Some(error) => Err(error),
        None => Ok(value),
    }
}
