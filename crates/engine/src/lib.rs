//! The engine: whole Python programs on logical threads, like `python3 FILE.py`.
//!
//! - [`run_program`] / [`check_program`] (`run`): compile, run the main module on the
//!   thread driver the options pick (real threads or the VM's virtual scheduler), print
//!   a SyntaxError or traceback, return the exit status, `Stopped` or `Deadlock`; a
//!   run ends early when its [`StopSignal`] is requested.
//! - `threads`: logical threads (a std thread natively, a worker of the page's rayon
//!   pool in the browser) and the live-thread limit.
//! - `program::ProgramRun`: a program on its own logical thread with its output queue,
//!   status and trace keeper (`keeper`), started, polled and stopped without blocking.
//! - `local_run`: a program on the virtual scheduler run to its end on the calling
//!   thread, reporting output and trace as it goes (a page without shared memory runs
//!   it in its one worker).
//! - `hunt`: the race hunter: one program on the virtual scheduler for seed after seed
//!   until a run fails its goal (a watched global's value, an exception, a deadlock).
//! - `native_host` (native only): the VM's host for the command line and the tests.
//! - `stepping`: step mode, the learner picking which thread moves next, as a replay
//!   of a schedule of choices ([`stepping::step_here`], `ProgramRun::step_snapshot`).
//! - `warm_up`: a short program the page runs once before the first program, which
//!   waits for it on its own thread, so first runs measure optimized code.
//!
//! This layer knows nothing of the web or the UI: no wasm-bindgen, web-sys or yew (the
//! page builds the worker pool, hands it to `threads` and starts workers when `threads`
//! asks). Its blocking calls must
//! only ever run on a logical thread, never on the browser's main thread; starting,
//! stopping and polling a run return at once.

pub mod hunt;
pub mod keeper;
pub mod local_run;
#[cfg(not(target_arch = "wasm32"))]
pub mod native_host;
pub mod program;
mod run;
pub mod stepping;
pub mod threads;
pub mod warm_up;

pub use run::{
    check_program, exception_summary, format_exception, run_program, GilModel, Outcome, RunOptions,
    SchedulerKind,
};
/// Types [`run_program`] and [`RunOptions`] take, so callers need not reach into the VM
/// or the scheduling layer.
pub use sched::input::{InputRequest, Stdin};
pub use sched::stop::StopSignal;
pub use stepping::{
    schedule_from_text, schedule_to_text, step_here, AfterSteps, StepChoice, StepPlan,
    StepSnapshot, StepThread, StepUnit,
};
/// The Python library in `pylib/`: its modules, and (in the browser) how to read them.
pub use vm::modules::library_modules;
#[cfg(target_arch = "wasm32")]
pub use vm::modules::set_library_fetcher;
pub use vm::{interp::MAX_TRACED_THREADS, scheduler::Stepper, Host};
