//! The virtual scheduler: every Python thread of a run interleaved on the one OS thread
//! that drives it, deterministic from a seed, on a virtual clock.
//!
//! The clock advances by the instructions executed (a fixed cost each) and jumps over
//! sleeps and timeouts when no thread can run, so CPU-bound timings read as they would
//! on real hardware under the chosen GIL model and a `sleep(10)` takes no real time:
//! - legacy and modern: one thread runs at a time; after about one switch interval of
//!   virtual time it gives way, at any instruction (legacy) or at the next eval-breaker
//!   point (modern), to another runnable thread picked with the seeded generator;
//! - free: no GIL; threads switch every few instructions (so read-modify-write races
//!   happen), and while several are runnable the clock advances as if they shared
//!   [`VIRTUAL_CORES`] cores.
//!
//! A thread that blocks in its own loop is suspended with its frames intact and resumed
//! with the blocking call's result. One that blocks inside a call made from Rust (a
//! generator driven by `list()`, a dunder method) cannot be suspended: it runs the other
//! threads itself until its wait is over, and stays pinned on the native stack meanwhile.
//!
//! When no thread can run and no timeout can ever wake one, the run is deadlocked: the
//! scheduler reports it at once (no confirmation delay is needed, nothing else runs),
//! unless a thread waits in `input()`: then it sleeps for real until a line comes or
//! the run stops (the one wait on the outside world). While a thread waits for input,
//! the clock follows the real time waited (and its jumps over sleeps and timeouts take
//! their real time, so sleepers keep their pace until the line comes).
//!
//! It is a [`ThreadDriver`]: built-ins block, sleep, read its clock and spawn through
//! that interface, never through its own methods.
//!
//! It never blocks the OS thread (but to wait for step-mode grants or for input) and
//! never reads a real clock after it starts (but while a thread waits for input); it
//! knows nothing of the web.

use super::step_replay::Replay;
use super::{StepScript, Stepper, ThreadDriver, Wait};
use crate::interp::{exc, Runtime, SliceEnd, Vm};
use crate::types::ExcType;
use crate::value::{lock, Args, Value};
use crate::{GilModel, PyResult};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use trace::{MarkKind, ThreadState};

/// Virtual picoseconds one bytecode instruction costs: about what this interpreter and
/// CPython 3.12 take per instruction of the chapter's loops on the project's machines
/// (BENCHMARKS.md, "virtual clock").
pub const PS_PER_INSTRUCTION: u64 = 5_000;

/// The longest real sleep of the scheduler waiting for input before it looks again.
const INPUT_POLL_NS: u64 = 50_000_000;

/// Cores the free-threaded model spreads runnable threads over.
pub const VIRTUAL_CORES: u64 = 2;

/// Instructions a free-threaded thread runs before the next switch: a few, picked at
/// random up to this many, so unsynchronised updates interleave as on real cores.
const FREE_SLICE_MAX: u64 = 24;

/// Python threads the virtual scheduler runs at once (as on real threads).
pub const MAX_VIRTUAL_THREADS: usize = sched::MAX_LIVE_THREADS;

/// A wait on the virtual scheduler: a [`Wait`] with its timeout turned into a deadline
/// on the virtual clock.
pub(crate) struct VirtualWait {
    /// The object waited for and the function that tries to end the wait (see
    /// [`Wait`]).
    pub(crate) object: Value,
    pub(crate) poll: fn(&Runtime, &Value, u64) -> Option<Value>,
    /// Virtual time at which the wait gives up, if ever.
    pub(crate) deadline_ns: Option<u64>,
    /// The blocking call's result when the deadline passes.
    pub(crate) on_timeout: Value,
    /// How the timeline shows the wait.
    pub(crate) state: ThreadState,
    /// The lock waited for, in the run's wait graph (which forgets the wait as it ends).
    pub(crate) lock: Option<usize>,
}

impl VirtualWait {
    /// A sleep until `deadline_ns`.
    fn sleep_until(deadline_ns: u64) -> VirtualWait {
        VirtualWait {
            object: Value::None,
            poll: |_, _, _| None,
            deadline_ns: Some(deadline_ns),
            on_timeout: Value::None,
            state: ThreadState::Sleeping,
            lock: None,
        }
    }

    /// Tries to end the wait at virtual time `now_ns`: its result if it is over (the
    /// wait graph then forgets it).
    fn try_end(&mut self, rt: &Runtime, thread_id: u64, now_ns: u64) -> Option<Value> {
        let value = match (self.poll)(rt, &self.object, thread_id) {
            Some(value) => value,
            None if self.deadline_ns.is_some_and(|d| now_ns >= d) => self.on_timeout.clone(),
            None => return None,
        };
        if self.lock.is_some() {
            rt.waits.done_waiting(thread_id);
        }
        Some(value)
    }
}

pub(super) enum Status {
    /// Not started yet: its first call.
    Starting(Value, Args),
    /// Ready; the value (a blocking call's result) is pushed when it resumes.
    Runnable(Option<Value>),
    Blocked(VirtualWait),
    /// On the native stack: running now, or pinned below a nested wait.
    Running,
    /// Its first frame returned or raised; kept for the thread that awaits it.
    Finished(PyResult<Value>),
}

pub(super) struct Thread {
    pub(super) vm: Option<Box<Vm>>,
    pub(super) status: Status,
}

pub(super) struct State {
    rng: u64,
    pub(super) threads: BTreeMap<u64, Thread>,
    /// The thread that ran last, so a preempted one gives way to another.
    last_run: u64,
    /// The thread `run_until_finished` waits for: it stays in the table when it ends.
    awaited: u64,
    /// A thread paused in step mode mid-slice: it goes on first, with the rest of its
    /// slice's budget and cost, exactly as if it had not paused.
    pub(super) paused: Option<(u64, u64, u64)>,
    /// Step mode's progress through its script (untouched without one).
    pub(super) replay: Replay,
}

impl State {
    /// The earliest virtual time at which a blocked thread's wait gives up (or
    /// `extra`, a pinned wait's deadline): where the clock jumps when nothing can run.
    pub(super) fn next_deadline(&self, extra: Option<u64>) -> Option<u64> {
        self.threads
            .values()
            .filter_map(|t| match &t.status {
                Status::Blocked(wait) => wait.deadline_ns,
                _ => None,
            })
            .chain(extra)
            .min()
    }
}

pub struct VirtualScheduler {
    pub(super) model: GilModel,
    /// The virtual clock between slices. Outside `state`, because the trace reads it
    /// from code the scheduler calls while holding `state` (a wait's poll).
    now_ns: AtomicU64,
    state: Mutex<State>,
    /// The real clocks when the run started: the virtual clock counts from them.
    monotonic_at_start: f64,
    wall_at_start: f64,
    start_ns: u64,
    /// The run's seed (`random` starts from it too).
    seed: u64,
    pub(super) stepper: std::sync::OnceLock<Arc<Stepper>>,
    /// Step mode: the learner's choices of which thread moves next.
    pub(super) script: std::sync::OnceLock<Arc<StepScript>>,
    /// The script still decides (one load per step, not a lock, once it is over).
    pub(super) scripting: std::sync::atomic::AtomicBool,
}

impl VirtualScheduler {
    pub fn new(model: GilModel, seed: u64, monotonic_now: f64, wall_now: f64) -> Self {
        let start_ns = trace::clock::now_ns();
        VirtualScheduler {
            model,
            now_ns: AtomicU64::new(start_ns),
            state: Mutex::new(State {
                // splitmix64 needs no particular seed; mix it once so 0 is fine too.
                rng: seed ^ 0x9E37_79B9_7F4A_7C15,
                threads: BTreeMap::new(),
                last_run: 0,
                awaited: 0,
                paused: None,
                replay: Replay::default(),
            }),
            monotonic_at_start: monotonic_now,
            wall_at_start: wall_now,
            start_ns,
            seed,
            stepper: std::sync::OnceLock::new(),
            script: std::sync::OnceLock::new(),
            scripting: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// The seed the run was started with.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Puts the run under step-by-step control (before it starts).
    pub fn set_stepper(&self, stepper: Arc<Stepper>) {
        let _ = self.stepper.set(stepper);
    }

    /// Puts the run under the learner's choices (before it starts): see `StepScript`.
    pub fn set_script(&self, script: Arc<StepScript>) {
        if self.script.set(script).is_ok() {
            self.scripting.store(true, Ordering::Relaxed);
        }
    }

    pub(super) fn state(&self) -> std::sync::MutexGuard<'_, State> {
        lock(&self.state)
    }

    /// The virtual clock, as seen between slices.
    pub fn now_ns(&self) -> u64 {
        self.now_ns.load(Ordering::Relaxed)
    }

    /// Moves the virtual clock forward to `at_ns` (never back).
    pub(super) fn advance_to(&self, at_ns: u64) {
        self.now_ns.fetch_max(at_ns, Ordering::Relaxed);
    }

    /// `time.monotonic()` at virtual time `now_ns`.
    pub fn monotonic_at(&self, now_ns: u64) -> f64 {
        self.monotonic_at_start + (now_ns - self.start_ns) as f64 / 1e9
    }

    /// `time.time()` at virtual time `now_ns`.
    pub fn wall_at(&self, now_ns: u64) -> f64 {
        self.wall_at_start + (now_ns - self.start_ns) as f64 / 1e9
    }

    /// Adds a new Python thread that will start by calling `function(*args)`.
    fn add_thread(
        &self,
        name: &str,
        vm: Vm,
        function: Value,
        args: Args,
    ) -> Result<(), &'static str> {
        let mut state = self.state();
        let live = state
            .threads
            .values()
            .filter(|t| !matches!(t.status, Status::Finished(_)))
            .count();
        if live >= MAX_VIRTUAL_THREADS {
            return Err("can't start new thread");
        }
        if self.script.get().is_some() {
            state.replay.enrol(&vm, name);
        }
        state.threads.insert(
            vm.thread_id,
            Thread {
                vm: Some(Box::new(vm)),
                status: Status::Starting(function, args),
            },
        );
        Ok(())
    }

    /// Runs every thread until `vm`'s thread (whose first frame or call is already
    /// set up, or is given as `start`) finishes; returns it with its result. Other
    /// threads stay in the scheduler for the next call.
    pub fn run_until_finished(
        &self,
        rt: &Arc<Runtime>,
        vm: Box<Vm>,
        start: Option<(Value, Args)>,
    ) -> (Box<Vm>, PyResult<Value>) {
        let id = vm.thread_id;
        let status = match start {
            Some((function, args)) => Status::Starting(function, args),
            None => Status::Runnable(None),
        };
        {
            let mut state = self.state();
            state.awaited = id;
            if self.script.get().is_some() {
                state.replay.enrol(&vm, "MainThread");
            }
            state.threads.insert(
                id,
                Thread {
                    vm: Some(vm),
                    status,
                },
            );
        }
        loop {
            {
                let mut state = self.state();
                let finished = matches!(
                    state.threads.get(&id).map(|t| &t.status),
                    Some(Status::Finished(_))
                );
                if finished || rt.stop.is_requested() {
                    let thread = state.threads.remove(&id).expect("the awaited thread");
                    let mut vm = thread.vm.expect("a finished thread keeps its VM");
                    let result = match thread.status {
                        Status::Finished(result) => result,
                        _ => {
                            // Stopped while waiting: it ends now, not when it began to wait.
                            vm.catch_up_clock(self.now_ns());
                            Err(vm.stop_error())
                        }
                    };
                    return (vm, result);
                }
            }
            if !self.step(rt, None) {
                self.report_stuck(rt);
            }
        }
    }

    /// Blocks `vm` (which is running, so not in the table) until `wait` is over, by
    /// running the other threads meanwhile.
    pub(crate) fn wait_nested(&self, vm: &mut Vm, mut wait: VirtualWait) -> PyResult<Value> {
        let rt = vm.rt.clone();
        self.advance_to(vm.virtual_now_ns());
        let result =
            loop {
                if rt.stop.is_requested() {
                    // Stopped while waiting: it ends now, not when it began to wait.
                    vm.catch_up_clock(self.now_ns());
                    return Err(vm.stop_error());
                }
                if let Some(value) = wait.try_end(&rt, vm.thread_id, self.now_ns()) {
                    break value;
                }
                if !self.step(&rt, wait.deadline_ns) {
                    let others_pinned =
                        self.state().threads.iter().any(|(id, t)| {
                            *id != vm.thread_id && matches!(t.status, Status::Running)
                        });
                    if others_pinned {
                        return Err(exc(ExcType::RuntimeError,
                        "the virtual scheduler cannot go on: a thread waits inside a call made \
                         from native code (a generator consumed by a built-in, a dunder method) \
                         while another such wait sits below it; run this program on the \
                         threads scheduler",
                    ));
                    }
                    self.report_stuck(&rt);
                    vm.catch_up_clock(self.now_ns());
                    return Err(vm.stop_error());
                }
            };
        let now = self.now_ns();
        let (budget, cost) = self.slice_terms(&rt);
        vm.begin_slice(now, budget, cost);
        vm.mark_gil(MarkKind::GilTaken);
        vm.record(ThreadState::Running);
        Ok(result)
    }

    /// Every remaining thread waits forever: record the deadlock and stop the run.
    fn report_stuck(&self, rt: &Arc<Runtime>) {
        let report = rt
            .waits
            .report(&|key| crate::threads::lock_name(rt, key))
            .unwrap_or_else(|| {
                "Deadlock: every thread waits and nothing can wake any of them".to_string()
            });
        rt.report_deadlock(report);
    }

    /// One scheduling step: wake what can be woken, then run one slice of a runnable
    /// thread, or jump the clock to the next timeout (also `extra_deadline`, a pinned
    /// wait's). False when nothing can ever happen again.
    fn step(&self, rt: &Arc<Runtime>, extra_deadline: Option<u64>) -> bool {
        if let Some(stepper) = self.stepper.get() {
            if !stepper.wait_for_allowance(&rt.stop) {
                // Stopped while paused: the callers see the stop signal.
                return true;
            }
        }
        if self.scripting.load(Ordering::Relaxed) && self.scripted_step(rt, extra_deadline) {
            return true;
        }
        if self.own_slice(rt).is_some() {
            return true;
        }
        let state = self.state();
        match state.next_deadline(extra_deadline) {
            Some(deadline) => {
                drop(state);
                // While a thread waits for input, sleeps take their real time, so the
                // line comes at a moment the sleepers can see (a "tick" thread ticks
                // at its pace, not thousands of times a second).
                let jump = deadline.saturating_sub(self.now_ns());
                match self.wait_for_input(rt, Some(jump)) {
                    Some(waited) => self.advance_to(self.now_ns() + waited.min(jump)),
                    None => self.advance_to(deadline),
                }
                true
            }
            None => {
                drop(state);
                // The wait for the learner takes its real time on the virtual clock too,
                // as a sleep would: the timeline shows the thread blocked on input, and
                // the program's clocks see how long the answer took.
                match self.wait_for_input(rt, None) {
                    Some(waited) => {
                        self.advance_to(self.now_ns() + waited);
                        true
                    }
                    None => false,
                }
            }
        }
    }

    /// Nothing can run now, but a thread waits in `input()`: the outside world can
    /// still wake it, so this is no deadlock. Sleeps for real until the run's stdin
    /// changes, the run stops, or `at_most` nanoseconds pass (the next timeout's
    /// distance on the virtual clock); returns the real nanoseconds it waited, which
    /// the caller adds to the virtual clock (the one place it follows a real clock).
    /// None when no thread waits for input.
    fn wait_for_input(&self, rt: &Arc<Runtime>, at_most: Option<u64>) -> Option<u64> {
        let stdin = rt.stdin.get().filter(|stdin| stdin.waiters() > 0)?;
        let seen = stdin.word().load();
        {
            // A line that came since this step looked: no need to sleep.
            let mut state = self.state();
            self.wake_ready(rt, &mut state);
            let runnable = state
                .threads
                .values()
                .any(|t| matches!(t.status, Status::Runnable(_) | Status::Starting(..)));
            if runnable {
                return Some(0);
            }
        }
        // A wait pinned below a nested call is polled by its own loop, not here: the
        // 50 ms bound is how late it can see a line that came before `seen` was read.
        let limit = at_most.map_or(INPUT_POLL_NS, |t| t.min(INPUT_POLL_NS));
        let began = trace::clock::now_ns();
        rt.stop.while_registered(&|| stdin.word().bump(), || {
            if !rt.stop.is_requested() {
                stdin.sleep_while(seen, Some(std::time::Duration::from_nanos(limit)));
            }
        });
        Some(trace::clock::now_ns().saturating_sub(began))
    }

    /// The scheduler's own next slice: the rest of a paused one, else a new slice of a
    /// runnable thread picked with the seed (one that did not just run, when there is
    /// one). Returns the thread and the instructions it ran; None when no thread can run
    /// now (the caller jumps the clock or reports the deadlock).
    pub(super) fn own_slice(&self, rt: &Arc<Runtime>) -> Option<(u64, u64)> {
        let paused = self.state().paused.take();
        if let Some((id, budget, cost)) = paused {
            return Some((id, self.run_slice(rt, id, Some((budget, cost)), None)));
        }
        let chosen = {
            let mut state = self.state();
            self.wake_ready(rt, &mut state);
            let runnable: Vec<u64> = state
                .threads
                .iter()
                .filter(|(_, t)| matches!(t.status, Status::Runnable(_) | Status::Starting(..)))
                .map(|(id, _)| *id)
                .collect();
            if runnable.is_empty() {
                return None;
            }
            // A thread that just ran gives way to another when there is one.
            let others: Vec<u64> = runnable
                .iter()
                .copied()
                .filter(|id| *id != state.last_run)
                .collect();
            let pool = if others.is_empty() { runnable } else { others };
            let pick = (next_random(&mut state.rng) % pool.len() as u64) as usize;
            pool[pick]
        };
        Some((chosen, self.run_slice(rt, chosen, None, None)))
    }

    /// Makes runnable every blocked thread whose wait is over now.
    pub(super) fn wake_ready(&self, rt: &Arc<Runtime>, state: &mut State) {
        let now = self.now_ns();
        for (id, thread) in state.threads.iter_mut() {
            if let Status::Blocked(wait) = &mut thread.status {
                // A wait is ended in its own thread's runtime (a child process's locks
                // and wait graph are its own).
                let own = thread.vm.as_ref().map_or(rt, |vm| &vm.rt);
                if let Some(value) = wait.try_end(own, *id, now) {
                    thread.status = Status::Runnable(Some(value));
                }
            }
        }
    }

    /// How many instructions the next slice may run and what each costs.
    pub(super) fn slice_terms(&self, rt: &Arc<Runtime>) -> (u64, u64) {
        let mut state = self.state();
        match self.model {
            GilModel::Free => {
                let busy = state
                    .threads
                    .values()
                    .filter(|t| !matches!(t.status, Status::Blocked(_) | Status::Finished(_)))
                    .count() as u64;
                let cores = busy.clamp(1, VIRTUAL_CORES);
                let budget = 1 + next_random(&mut state.rng) % FREE_SLICE_MAX;
                (budget, PS_PER_INSTRUCTION / cores)
            }
            GilModel::Legacy | GilModel::Modern => {
                // Each process has a GIL of its own: the processes with a thread ready
                // to run share the cores, one thread of each at a time.
                let mut gils: Vec<*const Runtime> = state
                    .threads
                    .values()
                    .filter(|t| !matches!(t.status, Status::Blocked(_) | Status::Finished(_)))
                    .map(|t| {
                        t.vm.as_ref()
                            .map_or(Arc::as_ptr(rt), |vm| Arc::as_ptr(&vm.rt))
                    })
                    .collect();
                gils.sort_unstable();
                gils.dedup();
                let cores = (gils.len() as u64).clamp(1, VIRTUAL_CORES);
                let interval_ps = (*lock(&rt.switch_interval) * 1e12).max(1.0) as u64;
                let instructions = (interval_ps / PS_PER_INSTRUCTION).max(1);
                // CPython switches after an interval of wall time, which never falls
                // on the same instruction twice: jitter within half an interval.
                let jitter = next_random(&mut state.rng) % instructions.max(2);
                // Processes alternating slices advance the one clock at 1/cores of
                // the rate each, as the free-threaded model's threads do: in virtual
                // time they run side by side.
                (instructions / 2 + jitter + 1, PS_PER_INSTRUCTION / cores)
            }
        }
    }

    /// Runs one slice of thread `id`: a new one, or the rest of a paused one; with
    /// `limit`, it pauses (step mode) after that many instructions if the slice goes on
    /// longer. Returns the instructions it ran.
    pub(super) fn run_slice(
        &self,
        rt: &Arc<Runtime>,
        id: u64,
        rest_of_paused: Option<(u64, u64)>,
        limit: Option<u64>,
    ) -> u64 {
        let (budget, cost) = match rest_of_paused {
            Some(rest) => rest,
            None => self.slice_terms(rt),
        };
        let allowance = self
            .stepper
            .get()
            .map_or(u64::MAX, |s| s.remaining())
            .min(limit.unwrap_or(u64::MAX));
        let (mut vm, status, now) = {
            let mut state = self.state();
            state.last_run = id;
            let now = self.now_ns();
            let thread = state.threads.get_mut(&id).expect("picked from the table");
            let status = std::mem::replace(&mut thread.status, Status::Running);
            (
                thread.vm.take().expect("a runnable thread has its VM"),
                status,
                now,
            )
        };
        vm.begin_slice(now, budget, cost);
        // Under a GIL a slice is charged less than a full instruction each only while
        // several processes are busy (`slice_terms`).
        vm.set_switch_anywhere(self.model != GilModel::Free && cost < PS_PER_INSTRUCTION);
        // A slice of budget B runs B - 1 instructions (the B-th check switches), so a
        // pause after `allowance` instructions comes first when allowance < B - 1.
        let pause_at = (allowance.saturating_add(1) < budget).then(|| allowance + 1);
        if let Some(pause_at) = pause_at {
            vm.pause_after(pause_at);
        }
        if rest_of_paused.is_none() {
            vm.mark_gil(MarkKind::GilTaken);
        }
        let end = match status {
            Status::Starting(function, args) => {
                vm.record(ThreadState::Running);
                match vm.begin_call(function, args) {
                    Ok(None) => vm.run_slice(),
                    Ok(Some(value)) => SliceEnd::Finished(Ok(value)),
                    Err(error) => SliceEnd::Finished(Err(error)),
                }
            }
            Status::Runnable(resumed) => {
                // A paused slice goes on: the thread never stopped running (no event,
                // so a stepped run records the same trace as a free one).
                if rest_of_paused.is_none() {
                    vm.record(ThreadState::Running);
                }
                if let Some(value) = resumed {
                    vm.push_resumed_value(value);
                }
                vm.run_slice()
            }
            _ => SliceEnd::Finished(Err(exc(
                ExcType::RuntimeError,
                "scheduler: thread not runnable",
            ))),
        };
        self.advance_to(vm.virtual_now_ns());
        let executed = vm.executed_in_slice();
        if let Some(stepper) = self.stepper.get() {
            stepper.consume(executed);
        }
        let mut state = self.state();
        if let (SliceEnd::Preempted, Some(pause_at)) = (&end, pause_at) {
            if executed + 1 < budget && executed + 1 >= pause_at {
                // A step-mode pause, not a switch: this thread goes on first.
                state.paused = Some((id, budget - executed, cost));
                let thread = state.threads.get_mut(&id).expect("still in the table");
                thread.status = Status::Runnable(None);
                thread.vm = Some(vm);
                return executed;
            }
        }
        if matches!(end, SliceEnd::Finished(_)) && id != state.awaited {
            // A thread's end, as on real threads (threading reported any exception).
            state.threads.remove(&id);
            drop(state);
            vm.sample_watched(true);
            vm.record(ThreadState::Done);
            vm.rt.waits.thread_ended(id);
            return executed;
        }
        let status = match end {
            SliceEnd::Preempted => {
                if self.model != GilModel::Free {
                    vm.mark_gil(MarkKind::GilDropped { forced: true });
                    vm.record(ThreadState::WaitingForGil);
                }
                Status::Runnable(None)
            }
            SliceEnd::Blocked(wait) => Status::Blocked(wait),
            SliceEnd::Finished(result) => Status::Finished(result),
        };
        let thread = state.threads.get_mut(&id).expect("still in the table");
        thread.status = status;
        thread.vm = Some(vm);
        executed
    }

    /// Forgets every thread (their VMs hold the runtime: this breaks the cycle).
    pub fn clear(&self) {
        let threads = std::mem::take(&mut self.state().threads);
        drop(threads);
    }
}

impl ThreadDriver for VirtualScheduler {
    fn monotonic(&self, vm: &Vm) -> f64 {
        self.monotonic_at(vm.virtual_now_ns())
    }

    fn wall_clock(&self, vm: &Vm) -> f64 {
        self.wall_at(vm.virtual_now_ns())
    }

    fn thread_time(&self, vm: &Vm) -> f64 {
        // The virtual time of the instructions it ran: only a thread on a core runs them.
        vm.virtual_cpu_ns() as f64 / 1e9
    }

    fn sleep(&self, vm: &mut Vm, seconds: f64) -> PyResult<Value> {
        // On the virtual clock a sleep takes no real time: it only moves the clock.
        let nanos = (seconds * 1e9).min(u64::MAX as f64) as u64;
        let deadline = vm.virtual_now_ns().saturating_add(nanos);
        vm.block_virtually(self, VirtualWait::sleep_until(deadline))
    }

    fn spawn(&self, name: &str, child: Vm, function: Value, args: Args) -> Result<(), String> {
        self.add_thread(name, child, function, args)
            .map_err(str::to_string)
    }

    /// Takes the wait now if it is over, or blocks the thread until the scheduler can
    /// end it (or the timeout passes on the virtual clock).
    fn block(&self, vm: &mut Vm, wait: Wait) -> PyResult<Value> {
        if let Some(lock) = wait.lock {
            vm.rt
                .waits
                .waiting(vm.thread_id, lock, wait.timeout_ns.is_some());
        }
        let deadline_ns = wait
            .timeout_ns
            .map(|t| vm.virtual_now_ns().saturating_add(t));
        vm.block_virtually(
            self,
            VirtualWait {
                object: wait.object,
                poll: wait.poll,
                deadline_ns,
                on_timeout: wait.on_timeout,
                state: wait.state,
                lock: wait.lock,
            },
        )
    }
}

/// splitmix64: tiny, fast, and the same sequence everywhere for a seed.
fn next_random(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
