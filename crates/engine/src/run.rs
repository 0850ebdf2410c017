//! Running a whole program: compile the source, run its main thread on a VM, and turn
//! the outcome into what `python3 file.py` would print and return (stdout, a traceback
//! or SyntaxError on stderr, an exit code). Shared by the command-line runner, the tests
//! and the page. It never panics on any program and knows nothing of the web.

use sched::stop::StopSignal;
use std::sync::Arc;
use vm::interp::{exception_data, Runtime, Vm};
use vm::scheduler::{Scheduling, VirtualScheduler};
pub use vm::traceback::{exception_summary, format_exception};
use vm::types;
use vm::types::ExcType;
use vm::value::{lock, Globals, Value};
use vm::{Host, PyErr};

pub use vm::GilModel;

/// Which scheduler drives the Python threads (meaningful once threads arrive).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SchedulerKind {
    #[default]
    Threads,
    Virtual,
}

#[derive(Clone, Default)]
pub struct RunOptions {
    pub gil: GilModel,
    pub scheduler: SchedulerKind,
    pub seed: u64,
    /// Where the run records its threads' states (a fresh trace when None).
    pub trace: Option<Arc<trace::Trace>>,
    /// Globals whose values the trace samples as they change (a demo's counters).
    pub watch: Vec<String>,
    /// The GIL's switch interval in seconds at the start (`sys.setswitchinterval` still
    /// changes it); None keeps CPython's 0.005.
    pub switch_interval: Option<f64>,
    /// Step-by-step control (virtual scheduler only): the run executes only the
    /// instructions granted through it.
    pub stepper: Option<Arc<vm::scheduler::Stepper>>,
    /// Step mode (virtual scheduler only): the threads move as these choices say, then
    /// the run pauses or goes on by itself (`crate::stepping`).
    pub steps: Option<crate::stepping::StepPlan>,
    /// Where `input()` reads lines (someone answers it: the CLI's stdin reader, the
    /// page's input line); None reads end of input, as `python3 < /dev/null`.
    pub stdin: Option<Arc<sched::input::Stdin>>,
}

/// How a program ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Exit status as `python3` would return it (0, 1 for an uncaught exception or a
    /// syntax error, or the `sys.exit` code).
    Exited(i32),
    /// Stopped from outside (the Stop button, Ctrl-C).
    Stopped,
    /// Every thread waited forever on a lock another waiting thread held; the report
    /// (also printed to stderr) names them.
    Deadlock(String),
}

/// Compiles `source` without running it: the error a run would report before its first
/// instruction, if any (the editor checks as the learner types).
pub fn check_program(source: &str, filename: &str) -> Result<(), language::error::CompileError> {
    language::compile(source, filename).map(drop)
}

/// Compiles and runs `source` as the main module; output goes to `host`. `stop` is the
/// run's one stop signal: requesting it ends the run soon wherever its threads are
/// (running, sleeping or waiting); the run requests it itself as it ends, so its
/// daemon threads end too.
pub fn run_program(
    source: &str,
    filename: &str,
    host: Arc<dyn Host>,
    stop: StopSignal,
    options: &RunOptions,
) -> Outcome {
    run_program_full(source, filename, host, stop, options, &[]).0
}

/// [`run_program`], with where a stepped run (`options.steps`, virtual scheduler only)
/// stood at its end: None for a run without steps, or one that never started (a
/// SyntaxError).
pub(crate) fn run_program_stepped(
    source: &str,
    filename: &str,
    host: Arc<dyn Host>,
    stop: StopSignal,
    options: &RunOptions,
) -> (Outcome, Option<crate::stepping::StepSnapshot>) {
    let (outcome, snapshot, _) = run_program_full(source, filename, host, stop, options, &[]);
    (outcome, snapshot)
}

/// A main-module global's value at the end of a run: its number, when it is an int
/// (that fits an f64 exactly or nearly), a float or a bool, and its text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct GlobalValue {
    pub number: Option<f64>,
    /// Its `str()`.
    pub text: String,
}

/// [`run_program`], also reading the main module's globals named in `read` as the run
/// ends (None for one it never set): the race hunter judges a run by them.
pub(crate) fn run_program_reading(
    source: &str,
    filename: &str,
    host: Arc<dyn Host>,
    stop: StopSignal,
    options: &RunOptions,
    read: &[String],
) -> (Outcome, Vec<Option<GlobalValue>>) {
    let (outcome, _, values) = run_program_full(source, filename, host, stop, options, read);
    (outcome, values)
}

/// What the runs above share: the outcome, a stepped run's snapshot and the globals
/// named in `read`.
fn run_program_full(
    source: &str,
    filename: &str,
    host: Arc<dyn Host>,
    stop: StopSignal,
    options: &RunOptions,
    read: &[String],
) -> (
    Outcome,
    Option<crate::stepping::StepSnapshot>,
    Vec<Option<GlobalValue>>,
) {
    let module = match vm::code::compile_module(source, filename) {
        Ok(code) => code,
        Err(error) => {
            host.write_stderr(&format!("{error}\n"));
            return (Outcome::Exited(1), None, vec![None; read.len()]);
        }
    };
    let trace = options
        .trace
        .clone()
        // Without a trace the caller will never drain one: record nothing rather than
        // keep every event of a long run.
        .unwrap_or_else(|| trace::Trace::new(0));
    // The one place that picks how Python threads run.
    let virtual_sched = (options.scheduler == SchedulerKind::Virtual).then(|| {
        let sched = Arc::new(VirtualScheduler::new(
            options.gil,
            options.seed,
            host.monotonic(),
            host.wall_clock(),
        ));
        if let Some(stepper) = &options.stepper {
            sched.set_stepper(stepper.clone());
        }
        if let Some(plan) = &options.steps {
            sched.set_script(Arc::new(vm::scheduler::StepScript::new(
                plan.choices.clone(),
                plan.then == crate::stepping::AfterSteps::Pause,
            )));
        }
        sched
    });
    let scheduling = match &virtual_sched {
        Some(sched) => Scheduling::Virtual(sched.clone()),
        None => Scheduling::OsThreads,
    };
    let runtime = Runtime::build(host.clone(), stop, options.gil, trace, scheduling);
    let _ = runtime.main_file.set(module.filename.clone());
    let stdin = options
        .stdin
        .clone()
        .unwrap_or_else(|| Arc::new(sched::input::Stdin::closed()));
    let _ = runtime.stdin.set(stdin.clone());
    if let Some(seconds) = options
        .switch_interval
        .filter(|s| s.is_finite() && *s > 0.0)
    {
        runtime.set_switch_interval(seconds);
    }
    let _ = runtime.watched.set(
        options
            .watch
            .iter()
            .map(|name| Arc::from(name.as_str()))
            .collect(),
    );
    lock(&runtime.sources).insert(
        filename.to_string(),
        Arc::new(source.lines().map(str::to_string).collect()),
    );
    let globals = Arc::new(Globals {
        name: "__main__".into(),
        version: Default::default(),
        vars: vm::value::Mutex::new(Default::default()),
    });
    globals
        .write()
        .insert("__name__".into(), Value::str("__main__"));
    *lock(&runtime.main_globals) = Some(globals.clone());
    let (mut vm, result) = match &virtual_sched {
        Some(sched) => {
            let mut vm = Box::new(Vm::new(runtime.clone()));
            vm.begin_module(module, globals);
            let (mut vm, mut result) = sched.run_until_finished(&runtime, vm, None);
            if result.is_ok() {
                // threading._shutdown, as a call on the main thread, so its joins block
                // the way any Python code does.
                match shutdown_function(&mut vm) {
                    Ok(Some(shutdown)) => {
                        let (after, shutdown_result) = sched.run_until_finished(
                            &runtime,
                            vm,
                            Some((shutdown, vm::value::Args::default())),
                        );
                        vm = after;
                        result = shutdown_result;
                    }
                    Ok(None) => {}
                    Err(error) => result = Err(error),
                }
            }
            (*vm, result)
        }
        None => {
            let mut vm = Vm::new(runtime.clone());
            vm.take_gil();
            let result = vm
                .run_module(module, globals)
                .and_then(|_| wait_for_threads(&mut vm));
            (vm, result)
        }
    };
    let outcome = match result {
        Ok(_) => Outcome::Exited(0),
        Err(error) if vm.is_stop_error(&error) => Outcome::Stopped,
        Err(error) => exit_for_uncaught(&mut vm, &error),
    };
    // Threads still running (daemons, or all of them after a stop) end at their next
    // eval-breaker check once the stop signal is up; sleeping and waiting ones wake now.
    vm.rt.stop.request();
    // No thread reads a line any more: a reader waiting for demand leaves.
    stdin.finish();
    vm.sample_watched(true);
    vm.rt.waits.thread_ended(vm.thread_id);
    // A replay paused at an unanswered input() goes on in its next replay: its main
    // thread is blocked on input there, not done.
    if stdin.paused().is_none() {
        vm.record(trace::ThreadState::Done);
    }
    vm.release_gil();
    let main_globals = lock(&vm.rt.main_globals).clone();
    let values = read
        .iter()
        .map(|name| {
            let globals = main_globals.as_ref()?;
            let value = lock(&globals.vars).get(name.as_str()).cloned()?;
            let number = match &value {
                Value::Int(i) => Some(*i as f64),
                Value::Float(f) => Some(*f),
                Value::Bool(b) => Some(f64::from(u8::from(*b))),
                _ => None,
            };
            let repr = vm.to_str(&value).unwrap_or_else(|_| "?".into());
            Some(GlobalValue { number, text: repr })
        })
        .collect();
    let mut snapshot = None;
    if let Some(sched) = &virtual_sched {
        snapshot = sched.final_step_snapshot(&vm.rt);
        // Daemon threads (or all of them after a stop) simply never run again.
        sched.clear();
    }
    let deadlock = lock(&vm.rt.deadlock).clone();
    let outcome = match deadlock {
        Some(report) => {
            vm.rt.host.write_stderr(&format!("{report}\n"));
            Outcome::Deadlock(report)
        }
        None => outcome,
    };
    (outcome, snapshot, values)
}

/// Like CPython at exit: join every non-daemon thread (`threading._shutdown`), if the
/// program used threading at all.
fn wait_for_threads(vm: &mut Vm) -> vm::PyResult<Value> {
    let threading = lock(&vm.rt.modules).get("threading").cloned();
    match threading {
        Some(module) => {
            let shutdown = vm.get_attr(&module, &Arc::from("_shutdown"))?;
            vm.call0(shutdown)
        }
        None => Ok(Value::None),
    }
}

/// `threading._shutdown`, if the program used threading at all.
fn shutdown_function(vm: &mut Vm) -> vm::PyResult<Option<Value>> {
    let threading = lock(&vm.rt.modules).get("threading").cloned();
    match threading {
        Some(module) => vm.get_attr(&module, &Arc::from("_shutdown")).map(Some),
        None => Ok(None),
    }
}

fn exit_for_uncaught(vm: &mut Vm, error: &PyErr) -> Outcome {
    let host = vm.rt.host.clone();
    let class = types::type_of(&error.0);
    if types::is_subclass(&class, &types::exception_class(ExcType::SystemExit)) {
        let args = exception_data(&error.0)
            .map(|d| lock(d).args.clone())
            .unwrap_or_default();
        return match args.first() {
            None | Some(Value::None) => Outcome::Exited(0),
            Some(Value::Int(code)) => Outcome::Exited(*code as i32),
            Some(Value::Bool(b)) => Outcome::Exited(i32::from(*b)),
            Some(other) => {
                let text = vm.to_str(other).unwrap_or_default();
                host.write_stderr(&format!("{text}\n"));
                Outcome::Exited(1)
            }
        };
    }
    let text = format_exception(vm, &error.0);
    vm.write_output(true, &text);
    Outcome::Exited(1)
}
