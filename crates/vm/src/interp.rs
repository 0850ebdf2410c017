//! The bytecode interpreter: frames, the instruction loop, calls, exceptions and
//! tracebacks, generators, classes and imports.
//!
//! Python-to-Python calls push a frame on the thread's frame stack instead of recursing
//! in Rust, so deep Python recursion does not exhaust a browser worker's small stack.
//! Calls made from Rust (built-ins calling back, dunder methods, generators) run a nested
//! loop until their frame returns. The loop checks the stop flag at eval-breaker points
//! (function entry and backward jumps), so any program can be stopped.

use super::code::{CodeObject, Instr, Name};
use super::ops;
use super::types::{self, class_of, exception_class, type_name, types};
use super::value::*;
use super::{Host, PyErr, PyResult, StopFlag};
use bytecode::{BinOp, CmpOp};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use trace::ThreadState;

/// Deepest Python call stack allowed (CPython's default recursion limit).
pub const DEFAULT_RECURSION_LIMIT: usize = 1000;

/// Python threads whose states a run records (more still run, untraced).
pub const MAX_TRACED_THREADS: usize = 64;

/// Nested interpreter loops allowed (each costs native stack; a browser worker has
/// about 1 MiB). Python-to-Python calls do not count: they only push a frame.
const MAX_NESTED_RUNS: usize = 160;

/// Everything the threads of one run share.
pub struct Runtime {
    pub host: Arc<dyn Host>,
    pub stop: StopFlag,
    pub builtins: Arc<Globals>,
    pub modules: Mutex<HashMap<String, Value>>,
    /// Source lines of every file that was compiled, for tracebacks.
    pub sources: Mutex<HashMap<String, Arc<Vec<String>>>>,
    pub switch_interval: Mutex<f64>,
    pub random: Mutex<super::pyrandom::MersenneTwister>,
    pub recursion_limit: AtomicUsize,
    /// Marks "no self" in the LoadMethod/CallMethod pair.
    no_self: Value,
    pub gil_model: super::GilModel,
    pub gil: sched::gil::Gil,
    /// Where every Python thread records its state changes (for the timeline).
    pub trace: Arc<trace::Trace>,
    /// Who holds and waits for which lock, for deadlock detection.
    pub waits: sched::deadlock::WaitGraph,
    /// The deadlock report, once one was found (the run is then stopped).
    pub deadlock: Mutex<Option<String>>,
    /// The main module's globals (to name locks in deadlock reports).
    pub main_globals: Mutex<Option<Arc<Globals>>>,
    /// Python thread ids handed out so far (the main thread is 1).
    pub next_thread_id: AtomicU64,
    /// The virtual scheduler, when every Python thread of the run is interleaved on one
    /// OS thread (None: one real thread per Python thread).
    pub virtual_sched: Option<Arc<super::scheduler::VirtualScheduler>>,
    /// The program's own file (its code objects share this name): lines in it are what
    /// the trace reports as a thread's current line.
    pub main_file: std::sync::OnceLock<Name>,
    /// Globals whose values the trace samples (the demo's counters).
    pub watched: std::sync::OnceLock<Vec<Name>>,
    /// Trace lane of each Python thread id, for events recorded on a thread's behalf.
    pub lanes: Mutex<HashMap<u64, usize>>,
    /// Python names of locks already looked up for the trace.
    lock_names: Mutex<HashMap<usize, Option<String>>>,
}

impl Runtime {
    pub fn new(host: Arc<dyn Host>, stop: StopFlag) -> Arc<Runtime> {
        Runtime::with_model(host, stop, super::GilModel::default())
    }

    pub fn with_model(
        host: Arc<dyn Host>,
        stop: StopFlag,
        gil_model: super::GilModel,
    ) -> Arc<Runtime> {
        Runtime::with_trace(host, stop, gil_model, trace::Trace::new(MAX_TRACED_THREADS))
    }

    pub fn with_trace(
        host: Arc<dyn Host>,
        stop: StopFlag,
        gil_model: super::GilModel,
        trace: Arc<trace::Trace>,
    ) -> Arc<Runtime> {
        Runtime::build(host, stop, gil_model, trace, None)
    }

    /// A runtime; with `virtual_seed`, its threads run on the virtual scheduler seeded
    /// with it (and `random` starts from the same seed, so a run replays exactly).
    pub fn build(
        host: Arc<dyn Host>,
        stop: StopFlag,
        gil_model: super::GilModel,
        trace: Arc<trace::Trace>,
        virtual_seed: Option<u64>,
    ) -> Arc<Runtime> {
        let interval = std::time::Duration::from_millis(5);
        // On the virtual scheduler only one thread ever runs at a time and the scheduler
        // plays the GIL's part, so the real GIL stays out of the way.
        let gil = match (gil_model, virtual_seed) {
            (super::GilModel::Free, _) | (_, Some(_)) => sched::gil::Gil::free_threaded(),
            _ => sched::gil::Gil::new(interval),
        };
        let virtual_sched = virtual_seed.map(|seed| {
            Arc::new(super::scheduler::VirtualScheduler::new(
                gil_model,
                seed,
                host.monotonic(),
                host.wall_clock(),
            ))
        });
        let entropy = match virtual_seed {
            Some(seed) => seed,
            None => (host.wall_clock() * 1e9) as u64,
        };
        let builtins = Arc::new(Globals {
            name: "builtins".into(),
            vars: Mutex::new(AttrMap::new()),
        });
        super::builtins::install_functions(&builtins);
        Arc::new(Runtime {
            host,
            stop,
            builtins,
            modules: Mutex::new(HashMap::new()),
            sources: Mutex::new(HashMap::new()),
            switch_interval: Mutex::new(0.005),
            random: Mutex::new(super::pyrandom::MersenneTwister::from_entropy(entropy)),
            recursion_limit: AtomicUsize::new(DEFAULT_RECURSION_LIMIT),
            no_self: Value::obj(Payload::Tuple(Vec::new())),
            gil_model,
            gil,
            trace,
            waits: Default::default(),
            deadlock: Mutex::new(None),
            main_globals: Mutex::new(None),
            next_thread_id: AtomicU64::new(1),
            virtual_sched,
            main_file: std::sync::OnceLock::new(),
            watched: std::sync::OnceLock::new(),
            lanes: Mutex::new(HashMap::new()),
            lock_names: Mutex::new(HashMap::new()),
        })
    }

    /// Keeps the first deadlock report of the run and stops it.
    pub fn report_deadlock(&self, report: String) {
        lock(&self.deadlock).get_or_insert(report);
        self.stop.request();
    }

    /// Sets the switch interval (seconds, positive), as `sys.setswitchinterval` does.
    pub fn set_switch_interval(&self, seconds: f64) {
        *lock(&self.switch_interval) = seconds;
        self.gil
            .set_switch_interval(std::time::Duration::from_secs_f64(seconds));
    }

    /// The trace's clock: the virtual one on the virtual scheduler (as seen between
    /// slices), the shared real one otherwise.
    pub fn trace_now_ns(&self) -> u64 {
        match &self.virtual_sched {
            Some(sched) => sched.now_ns(),
            None => trace::clock::now_ns(),
        }
    }

    /// Records an instant event for Python thread `thread_id` (from any thread).
    pub fn mark_thread(&self, thread_id: u64, kind: trace::MarkKind) {
        let lane = lock(&self.lanes).get(&thread_id).copied();
        if let Some(lane) = lane {
            self.trace.mark(lane, self.trace_now_ns(), kind);
        }
    }

    /// A lock's Python name for the trace, looked up once per lock.
    pub fn traced_lock_name(&self, key: usize) -> Option<String> {
        if let Some(known) = lock(&self.lock_names).get(&key) {
            return known.clone();
        }
        let name = super::threads::lock_name(self, key);
        lock(&self.lock_names).insert(key, name.clone());
        name
    }

    /// True when a thread must look up from its work: a stop, a GIL drop request, or
    /// the live heap past the allocation budget.
    #[inline]
    pub fn needs_attention(&self) -> bool {
        self.stop.is_requested() || self.gil.drop_requested() || super::memory::over_budget()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BlockKind {
    /// An except/finally/with handler starts at `handler`.
    Handler,
    /// Inside a handler: the exception stack is restored to `exc_depth` on exit.
    ActiveHandler,
}

#[derive(Clone, Copy, Debug)]
pub struct Block {
    kind: BlockKind,
    handler: u32,
    stack_depth: u32,
    exc_depth: u32,
}

/// One activation of a code object: plain data, so it can be suspended anywhere.
pub struct Frame {
    pub code: Arc<CodeObject>,
    pub ip: usize,
    pub stack: Vec<Value>,
    pub fast: Vec<Option<Value>>,
    pub cells: Vec<Value>,
    pub globals: Arc<Globals>,
    /// The namespace of a class body being executed.
    pub class_ns: Option<Arc<Mutex<AttrMap>>>,
    pub blocks: Vec<Block>,
    pub id: u64,
}

enum Flow {
    /// A new frame was pushed or popped: reload the current code.
    Switch,
    Return(Value),
    Yield(Value),
    /// The thread gave way to the virtual scheduler (preempted, or blocked with
    /// `Vm::pending_wait` set); its frames stay as they are until it resumes.
    Suspend,
}

/// How a virtual-scheduler slice ended.
pub enum SliceEnd {
    /// The budget ran out; the thread can go on later.
    Preempted,
    /// The thread waits for this.
    Blocked(super::scheduler::Wait),
    /// The thread's first frame returned or raised.
    Finished(PyResult<Value>),
}

/// What a suspended generator or coroutine is resumed with.
pub enum Resume {
    /// `send(value)` / `next()`: what the paused `yield` evaluates to.
    Send(Value),
    /// `throw(exc)`: raised where the frame is paused.
    Throw(PyErr),
}

/// How a generator step ended.
pub enum GenStep {
    Yielded(Value),
    Returned(Value),
}

/// One Python thread's interpreter state.
pub struct Vm {
    pub rt: Arc<Runtime>,
    pub frames: Vec<Frame>,
    /// Exceptions currently being handled (innermost last), for bare `raise` and context.
    pub exc_stack: Vec<Value>,
    next_frame_id: u64,
    /// This Python thread's id (its GIL identity; the main thread is 1).
    pub thread_id: u64,
    /// This thread's lane in the run's trace (None once all lanes are taken).
    lane: Option<trace::LaneWriter>,
    /// Rust-level re-entries of the interpreter loop (calls made from built-ins, dunder
    /// methods, generators); bounded so they cannot overflow a worker's native stack.
    nested_runs: usize,
    /// Objects whose repr is being computed (to print `[...]` for self-references).
    pub repr_guard: Vec<usize>,
    /// Virtual-scheduler bookkeeping (unused on real threads).
    pub slice: SliceState,
    /// The program's file (see `Runtime::main_file`), and the last line of it this
    /// thread published to its lane.
    user_file: Option<Name>,
    line: u32,
    /// Backward jumps until the current line is published again (every jump would cost
    /// too much in tight loops).
    line_countdown: u32,
    /// True when the run watches globals; when this thread last sampled them.
    watching: bool,
    last_watch_ns: u64,
}

/// Backward jumps between two publications of a thread's current line.
const LINE_PUBLISH_EVERY: u32 = 64;

/// Shortest trace-clock gap between two samples of the watched globals by one thread.
const WATCH_EVERY_NS: u64 = 1_000_000;

/// Where a thread stands in its current virtual-scheduler slice.
#[derive(Default)]
pub struct SliceState {
    /// True on the virtual scheduler (instructions are counted) or under the legacy GIL
    /// (a switch may come between any two instructions): the per-instruction check runs.
    per_instruction: bool,
    /// The model lets a switch happen at any instruction (legacy, free), not only at
    /// eval-breaker points.
    switch_anywhere: bool,
    /// Instructions executed in this slice, and how many it may run before a switch.
    executed: u64,
    budget: u64,
    /// The budget ran out: switch at the next point the model allows.
    switch_due: bool,
    /// The budget is a step-mode pause: stop at any instruction.
    pausing: bool,
    /// Virtual time at the slice's start, and what one instruction costs in it.
    start_ns: u64,
    ps_per_instruction: u64,
    /// Set by `call_or_push` just for the built-in it calls: that built-in may suspend
    /// the thread, because the scheduler will push its result exactly where the call
    /// would have.
    suspend_ok: bool,
    /// A suspension is unwinding to the thread's loop (carried by an error value).
    suspending: bool,
    /// What the thread blocked on, for the scheduler to pick up.
    pub pending_wait: Option<super::scheduler::Wait>,
}

pub fn new_exception(class: &Arc<Obj>, args: Vec<Value>) -> Value {
    Value::obj(Payload::Instance(Instance {
        class: class.clone(),
        dict: Mutex::new(AttrMap::new()),
        exception: Some(Box::new(Mutex::new(ExceptionData {
            args,
            ..ExceptionData::default()
        }))),
    }))
}

/// Creates an exception of a built-in class with one message argument.
pub fn exc(class_name: &str, message: impl Into<String>) -> PyErr {
    let message: String = message.into();
    // An empty message means no arguments: `MemoryError()`, not `MemoryError('')`.
    let args = if message.is_empty() {
        Vec::new()
    } else {
        vec![Value::str(message)]
    };
    PyErr(new_exception(&exception_class(class_name), args))
}

pub fn exception_data(value: &Value) -> Option<&Mutex<ExceptionData>> {
    match value.payload() {
        Some(Payload::Instance(instance)) => instance.exception.as_deref(),
        _ => None,
    }
}

impl Vm {
    pub fn new(rt: Arc<Runtime>) -> Vm {
        Vm::named(rt, "MainThread")
    }

    /// A VM for a Python thread called `name` (its trace lane carries the name).
    pub fn named(rt: Arc<Runtime>, name: &str) -> Vm {
        let thread_id = rt.next_thread_id.fetch_add(1, Ordering::AcqRel);
        let lane = rt.trace.register(name);
        if let Some(lane) = &lane {
            lock(&rt.lanes).insert(thread_id, lane.lane());
        }
        rt.waits.thread_started(thread_id, name);
        let slice = SliceState {
            per_instruction: rt.virtual_sched.is_some() || rt.gil_model == super::GilModel::Legacy,
            switch_anywhere: rt.gil_model != super::GilModel::Modern,
            budget: u64::MAX,
            ..SliceState::default()
        };
        Vm {
            user_file: rt.main_file.get().cloned(),
            line: 0,
            line_countdown: 0,
            watching: rt.watched.get().is_some_and(|names| !names.is_empty()),
            last_watch_ns: 0,
            slice,
            thread_id,
            lane,
            rt,
            frames: Vec::new(),
            exc_stack: Vec::new(),
            next_frame_id: 1,
            nested_runs: 0,
            repr_guard: Vec::new(),
        }
    }

    fn top(&self) -> &Frame {
        self.frames.last().expect("a frame is running")
    }

    fn top_mut(&mut self) -> &mut Frame {
        self.frames.last_mut().expect("a frame is running")
    }

    fn pop(&mut self) -> Value {
        self.top_mut()
            .stack
            .pop()
            .expect("the compiler keeps the stack balanced")
    }

    fn push(&mut self, value: Value) {
        self.top_mut().stack.push(value);
    }

    fn peek(&self, depth: usize) -> &Value {
        let stack = &self.top().stack;
        &stack[stack.len() - 1 - depth]
    }

    fn new_frame(&mut self, code: Arc<CodeObject>, globals: Arc<Globals>) -> Frame {
        let id = self.next_frame_id;
        self.next_frame_id += 1;
        Frame {
            fast: vec![None; code.varnames.len()],
            stack: Vec::with_capacity(code.stack_hint as usize + 2),
            cells: Vec::new(),
            ip: 0,
            globals,
            class_ns: None,
            blocks: Vec::new(),
            id,
            code,
        }
    }

    /// Runs a module's top-level code in `globals`.
    pub fn run_module(&mut self, code: Arc<CodeObject>, globals: Arc<Globals>) -> PyResult<Value> {
        let frame = self.new_frame(code, globals);
        self.run_frame(frame)
    }

    /// Pushes `frame` and runs until it returns.
    pub fn run_frame(&mut self, frame: Frame) -> PyResult<Value> {
        let base = self.frames.len();
        if base >= self.rt.recursion_limit.load(Ordering::Relaxed) {
            return Err(exc("RecursionError", "maximum recursion depth exceeded"));
        }
        self.frames.push(frame);
        match self.execute(base)? {
            Flow::Return(value) => Ok(value),
            Flow::Yield(_) | Flow::Switch | Flow::Suspend => {
                Err(exc("RuntimeError", "yield outside a generator frame"))
            }
        }
    }

    /// Runs frames until the one at `base` returns or yields (then it is popped) or an
    /// exception escapes it.
    fn execute(&mut self, base: usize) -> PyResult<Flow> {
        let level = if self.nested_runs < MAX_NESTED_RUNS {
            super::stack_guard::try_enter(super::stack_guard::NESTED_RUN_UNITS)
        } else {
            None
        };
        let Some(_level) = level else {
            // Unwind the frame that was pushed for this run before reporting.
            self.frames.truncate(base);
            return Err(exc("RecursionError", super::stack_guard::MESSAGE));
        };
        self.nested_runs += 1;
        let result = self.execute_loop(base);
        self.nested_runs -= 1;
        result
    }

    fn execute_loop(&mut self, base: usize) -> PyResult<Flow> {
        loop {
            match self.dispatch() {
                Ok(Flow::Switch) => {}
                Ok(Flow::Return(value)) => {
                    self.frames.pop();
                    if self.frames.len() == base {
                        return Ok(Flow::Return(value));
                    }
                    self.push(value);
                }
                Ok(Flow::Yield(value)) => return Ok(Flow::Yield(value)),
                Ok(Flow::Suspend) => return Ok(Flow::Suspend),
                Err(_) if self.slice.suspending => {
                    self.slice.suspending = false;
                    return Ok(Flow::Suspend);
                }
                Err(error) => {
                    self.set_context(&error);
                    if !self.handle_exception(error.clone(), base) {
                        return Err(error);
                    }
                }
            }
        }
    }

    /// Unwinds to the nearest handler at or above `base`; false when the exception
    /// escapes `base` (its frames are popped).
    fn handle_exception(&mut self, error: PyErr, base: usize) -> bool {
        let is_stop = self.is_stop(&error.0);
        loop {
            let Some(frame) = self.frames.last_mut() else {
                return false;
            };
            let line = frame.code.line_at(frame.ip.saturating_sub(1));
            let entry = TracebackEntry {
                filename: frame.code.filename.clone(),
                line,
                function: frame.code.name.clone(),
            };
            let frame_id = frame.id;
            // Comprehension frames are hidden as CPython 3.12 inlines them; the
            // attribute hooks of `threading.local` and asyncio's futures and tasks are C
            // code in CPython, so no frame.
            let hidden = frame.code.name.starts_with("<listcomp")
                || frame.code.name.starts_with("<dictcomp")
                || frame.code.name.starts_with("<setcomp")
                || (&*frame.code.filename == "threading.py"
                    && frame.code.qualname.starts_with("local."))
                || (&*frame.code.filename == "asyncio.py"
                    && ["Future.", "Task.", "Handle."]
                        .iter()
                        .any(|prefix| frame.code.qualname.starts_with(prefix)));
            if !hidden {
                add_traceback(&error.0, entry, frame_id);
            }
            if !is_stop {
                while let Some(block) = frame.blocks.pop() {
                    match block.kind {
                        BlockKind::ActiveHandler => {
                            self.exc_stack.truncate(block.exc_depth as usize);
                        }
                        BlockKind::Handler => {
                            let frame = self.frames.last_mut().expect("checked above");
                            frame.stack.truncate(block.stack_depth as usize);
                            frame.stack.push(error.0.clone());
                            frame.blocks.push(Block {
                                kind: BlockKind::ActiveHandler,
                                handler: 0,
                                stack_depth: 0,
                                exc_depth: self.exc_stack.len() as u32,
                            });
                            frame.ip = block.handler as usize;
                            self.exc_stack.push(error.0);
                            return true;
                        }
                    }
                }
            }
            let frame = self.frames.pop().expect("checked above");
            for block in frame.blocks.iter().rev() {
                if block.kind == BlockKind::ActiveHandler {
                    self.exc_stack.truncate(block.exc_depth as usize);
                }
            }
            if self.frames.len() <= base {
                return false;
            }
        }
    }

    fn is_stop(&self, value: &Value) -> bool {
        match value.payload() {
            Some(Payload::Instance(instance)) => {
                class_of(&instance.class).is_some_and(|c| &*c.name == STOP_CLASS_NAME)
            }
            _ => false,
        }
    }

    /// The uncatchable error that unwinds a stopped run.
    pub fn stop_error(&self) -> PyErr {
        static STOP: std::sync::OnceLock<Arc<Obj>> = std::sync::OnceLock::new();
        let class = STOP.get_or_init(|| {
            types::new_class(
                STOP_CLASS_NAME,
                vec![types().object.clone()],
                AttrMap::new(),
                "builtins",
                true,
            )
            .expect("single base")
        });
        PyErr(new_exception(
            class,
            vec![Value::str("the run was stopped")],
        ))
    }

    /// Checked at eval-breaker points: function entry, backward jumps and after calls
    /// (and, in the legacy model, between any two instructions).
    #[inline]
    fn eval_breaker(&self) -> PyResult<()> {
        if self.rt.needs_attention() {
            return self.handle_attention();
        }
        Ok(())
    }

    #[cold]
    fn handle_attention(&self) -> PyResult<()> {
        if self.rt.stop.is_requested() {
            return Err(self.stop_error());
        }
        if self.rt.gil.drop_requested() {
            self.mark(trace::MarkKind::GilDropped { forced: true });
            self.record(ThreadState::WaitingForGil);
            self.rt.gil.yield_if_requested(self.thread_id);
            self.mark(trace::MarkKind::GilTaken);
            self.record(ThreadState::Running);
        }
        if self.rt.stop.is_requested() {
            return Err(self.stop_error());
        }
        if super::memory::over_budget() && super::memory::claim_memory_error() {
            return Err(super::memory::memory_error());
        }
        Ok(())
    }

    /// Records a state change of this thread in the run's trace.
    pub fn record(&self, state: ThreadState) {
        if let Some(lane) = &self.lane {
            lane.record_at(state, self.trace_now_ns(), self.line);
        }
    }

    /// The trace's clock as this thread sees it.
    fn trace_now_ns(&self) -> u64 {
        if self.rt.virtual_sched.is_some() {
            self.virtual_now_ns()
        } else {
            trace::clock::now_ns()
        }
    }

    /// Records an instant event of this thread in the run's trace.
    pub fn mark(&self, kind: trace::MarkKind) {
        if let Some(lane) = &self.lane {
            lane.mark_at(kind, self.trace_now_ns());
        }
    }

    /// This thread's lane in the run's trace (None once all lanes are taken).
    pub fn lane_index(&self) -> Option<usize> {
        self.lane.as_ref().map(|lane| lane.lane())
    }

    /// Writes program output on this thread's behalf (the host learns which thread).
    pub fn write_output(&self, to_stderr: bool, text: &str) {
        self.rt.host.write_from(self.lane_index(), to_stderr, text);
    }

    /// A GIL hand-off of this thread, where the model has a GIL.
    pub fn mark_gil(&self, kind: trace::MarkKind) {
        if self.rt.gil_model != super::GilModel::Free {
            self.mark(kind);
        }
    }

    /// Publishes the line of the program this thread is at, when its innermost frame
    /// runs the program's own code.
    fn publish_line(&mut self) {
        let (Some(lane), Some(user), Some(frame)) =
            (&self.lane, &self.user_file, self.frames.last())
        else {
            return;
        };
        if Arc::ptr_eq(&frame.code.filename, user) {
            let line = frame.code.line_at(frame.ip.saturating_sub(1));
            if line != self.line {
                self.line = line;
                lane.set_line(line);
            }
        }
    }

    /// Samples the watched globals into the trace (at most once a millisecond per
    /// thread, unless `always`).
    pub fn sample_watched(&mut self, always: bool) {
        if !self.watching || self.lane.is_none() {
            return;
        }
        let now = self.trace_now_ns();
        if !always && now.saturating_sub(self.last_watch_ns) < WATCH_EVERY_NS {
            return;
        }
        self.last_watch_ns = now;
        let Some(globals) = lock(&self.rt.main_globals).clone() else {
            return;
        };
        let names = self.rt.watched.get().cloned().unwrap_or_default();
        for name in names {
            let value = lock(&globals.vars).get(&name).cloned();
            let Some(value) = value else { continue };
            let text = match &value {
                Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::None | Value::Str(_) => {
                    self.repr(&value).unwrap_or_default()
                }
                other => format!("<{}>", type_name(other)),
            };
            self.mark(trace::MarkKind::Watch {
                name: name.to_string(),
                value: text,
            });
        }
    }

    /// Takes the GIL for this thread (blocking); a no-op in the free-threaded model.
    pub fn take_gil(&self) {
        if self.rt.gil.is_enabled() {
            self.record(ThreadState::WaitingForGil);
            self.rt.gil.take(self.thread_id);
            self.mark(trace::MarkKind::GilTaken);
        }
        self.record(ThreadState::Running);
    }

    /// Drops the GIL before this thread blocks (sleep, lock, join...).
    pub fn release_gil(&self) {
        if self.rt.gil.is_enabled() {
            self.mark(trace::MarkKind::GilDropped { forced: false });
        }
        self.rt
            .gil
            .release(self.thread_id, sched::gil::Drop::Voluntary);
    }

    /// Runs `wait` without the GIL, then takes it back: every blocking call goes
    /// through here so other threads run meanwhile. `state` says how it waits.
    pub fn without_gil<T>(&self, state: ThreadState, wait: impl FnOnce() -> T) -> T {
        self.record(state);
        self.release_gil();
        let result = wait();
        self.take_gil();
        result
    }

    // ------------------------------------------------------- virtual scheduler

    /// Runs before every instruction on the virtual scheduler (counting it) and under
    /// the legacy GIL on real threads (where a switch may come between any two).
    #[inline]
    fn per_instruction_check(&mut self) -> PyResult<()> {
        if self.rt.virtual_sched.is_none() {
            if self.rt.gil.drop_requested() {
                self.handle_attention()?;
            }
            return Ok(());
        }
        self.slice.executed += 1;
        if self.slice.executed >= self.slice.budget {
            self.slice.switch_due = true;
            if (self.slice.switch_anywhere || self.slice.pausing) && self.nested_runs == 1 {
                // This instruction runs only after the switch: it does not count here.
                self.slice.executed -= 1;
                self.preempt_if_due()?;
            }
        }
        Ok(())
    }

    /// Gives way to the virtual scheduler if this slice's budget ran out and the thread
    /// is in its own loop (a nested loop cannot be suspended; it switches later).
    #[inline]
    fn preempt_if_due(&mut self) -> PyResult<()> {
        if self.slice.switch_due && self.nested_runs == 1 {
            self.slice.suspending = true;
            return Err(self.stop_error());
        }
        Ok(())
    }

    /// The virtual clock as this thread sees it now.
    pub fn virtual_now_ns(&self) -> u64 {
        self.slice.start_ns + self.slice.executed * self.slice.ps_per_instruction / 1000
    }

    /// Starts a slice on the virtual scheduler: at `now_ns`, at most `budget`
    /// instructions before a switch, each costing `ps_per_instruction` picoseconds.
    pub fn begin_slice(&mut self, now_ns: u64, budget: u64, ps_per_instruction: u64) {
        self.slice.pausing = false;
        self.slice.start_ns = now_ns;
        self.slice.executed = 0;
        self.slice.budget = budget.max(1);
        self.slice.switch_due = false;
        self.slice.ps_per_instruction = ps_per_instruction;
    }

    /// Ends this slice after `budget` instructions at any instruction, for a step-mode
    /// pause (the thread does not give way: it goes on from there when resumed).
    pub fn pause_after(&mut self, budget: u64) {
        self.slice.budget = budget.max(1);
        self.slice.pausing = true;
    }

    /// Instructions run in the current slice so far.
    pub fn executed_in_slice(&self) -> u64 {
        self.slice.executed
    }

    /// Runs this thread's frames until they finish, the thread blocks or its slice ends.
    pub fn run_slice(&mut self) -> SliceEnd {
        if self.frames.is_empty() {
            return SliceEnd::Finished(Ok(Value::None));
        }
        match self.execute(0) {
            Ok(Flow::Return(value)) => SliceEnd::Finished(Ok(value)),
            Ok(Flow::Suspend) => match self.slice.pending_wait.take() {
                Some(wait) => SliceEnd::Blocked(wait),
                None => SliceEnd::Preempted,
            },
            Ok(Flow::Yield(_) | Flow::Switch) => {
                SliceEnd::Finished(Err(exc("RuntimeError", "yield outside a generator frame")))
            }
            Err(error) => SliceEnd::Finished(Err(error)),
        }
    }

    /// Starts a call as this thread's first frame; `Some(result)` when it already ran
    /// to completion (anything but a Python function).
    pub fn begin_call(&mut self, callable: Value, args: Args) -> PyResult<Option<Value>> {
        match self.push_call_frame(&callable, args)? {
            Ok(()) => Ok(None),
            Err(args) => self.call(callable, args).map(Some),
        }
    }

    /// Pushes the first frame of a module.
    pub fn begin_module(&mut self, code: Arc<CodeObject>, globals: Arc<Globals>) {
        let frame = self.new_frame(code, globals);
        self.frames.push(frame);
    }

    /// Hands a blocked call's result to the thread as it resumes.
    pub fn push_resumed_value(&mut self, value: Value) {
        if let Some(frame) = self.frames.last_mut() {
            frame.stack.push(value);
        }
    }

    /// Waits for `wait` on the virtual scheduler: suspends the thread when the blocking
    /// built-in was called straight from its own loop, otherwise runs other threads
    /// until the wait is over. Returns the blocking call's result.
    pub fn block(&mut self, wait: super::scheduler::Wait) -> PyResult<Value> {
        let Some(sched) = self.rt.virtual_sched.clone() else {
            return Err(exc("RuntimeError", "no virtual scheduler"));
        };
        self.publish_line();
        self.mark_gil(trace::MarkKind::GilDropped { forced: false });
        self.record(wait.state);
        if std::mem::take(&mut self.slice.suspend_ok) && self.nested_runs == 1 {
            self.slice.pending_wait = Some(wait);
            self.slice.suspending = true;
            return Err(self.stop_error());
        }
        sched.wait_nested(self, wait)
    }

    pub fn is_stop_error(&self, error: &PyErr) -> bool {
        self.is_stop(&error.0)
    }

    #[allow(clippy::too_many_lines)]
    fn dispatch(&mut self) -> PyResult<Flow> {
        let code = self.top().code.clone();
        loop {
            if self.slice.per_instruction {
                self.per_instruction_check()?;
            }
            // The hot arms use `frame` directly; the others go through `self` (the
            // borrow ends where `frame` is last used).
            let frame = self.frames.last_mut().expect("a frame is running");
            let ip = frame.ip;
            let Some(instr) = code.instructions.get(ip) else {
                return Ok(Flow::Return(Value::None));
            };
            frame.ip = ip + 1;
            match instr {
                Instr::Nop => {}
                Instr::LoadConst(i) => {
                    frame.stack.push(code.consts[*i as usize].clone());
                }
                Instr::LoadFast(i) => match &frame.fast[*i as usize] {
                    Some(value) => {
                        let value = value.clone();
                        frame.stack.push(value);
                    }
                    None => {
                        let name = &code.varnames[*i as usize];
                        return Err(exc(
                                "UnboundLocalError",
                                format!("cannot access local variable '{name}' where it is not associated with a value"),
                            ));
                    }
                },
                Instr::StoreFast(i) => {
                    let value = frame.stack.pop().expect("balanced stack");
                    frame.fast[*i as usize] = Some(value);
                }
                Instr::DeleteFast(i) => {
                    if frame.fast[*i as usize].take().is_none() {
                        let name = &code.varnames[*i as usize];
                        return Err(exc(
                            "UnboundLocalError",
                            format!("cannot access local variable '{name}' where it is not associated with a value"),
                        ));
                    }
                }
                Instr::LoadGlobal(i) => {
                    let name = &code.names[*i as usize];
                    let value = self.load_global(name)?;
                    self.push(value);
                }
                Instr::StoreGlobal(i) => {
                    let value = self.pop();
                    let name = code.names[*i as usize].clone();
                    lock(&self.top().globals.vars).insert(name, value);
                    if self.watching {
                        self.sample_watched(false);
                    }
                }
                Instr::DeleteGlobal(i) => {
                    let name = &code.names[*i as usize];
                    if lock(&self.top().globals.vars).shift_remove(name).is_none() {
                        return Err(name_error(name));
                    }
                }
                Instr::LoadName(i) => {
                    let name = &code.names[*i as usize];
                    let local = self
                        .top()
                        .class_ns
                        .as_ref()
                        .and_then(|ns| lock(ns).get(name).cloned());
                    let value = match local {
                        Some(value) => value,
                        None => self.load_global(name)?,
                    };
                    self.push(value);
                }
                Instr::StoreName(i) => {
                    let value = self.pop();
                    let name = code.names[*i as usize].clone();
                    let frame = self.top();
                    match &frame.class_ns {
                        Some(ns) => {
                            lock(ns).insert(name, value);
                        }
                        None => {
                            lock(&frame.globals.vars).insert(name, value);
                        }
                    }
                }
                Instr::DeleteName(i) => {
                    let name = &code.names[*i as usize];
                    let frame = self.top();
                    let removed = match &frame.class_ns {
                        Some(ns) => lock(ns).shift_remove(name),
                        None => lock(&frame.globals.vars).shift_remove(name),
                    };
                    if removed.is_none() {
                        return Err(name_error(name));
                    }
                }
                Instr::LoadDeref(i) => {
                    let cell = self.top().cells[*i as usize].clone();
                    let value = match cell.payload() {
                        Some(Payload::Cell(content)) => lock(content).clone(),
                        _ => None,
                    };
                    match value {
                        Some(value) => self.push(value),
                        None => {
                            let name = cell_name(&code, *i as usize);
                            return Err(exc(
                                "NameError",
                                format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
                            ));
                        }
                    }
                }
                Instr::StoreDeref(i) => {
                    let value = self.pop();
                    let cell = &self.top().cells[*i as usize];
                    if let Some(Payload::Cell(content)) = cell.payload() {
                        *lock(content) = Some(value);
                    }
                }
                Instr::LoadClosure(i) => {
                    let cell = self.top().cells[*i as usize].clone();
                    self.push(cell);
                }
                Instr::LoadAttr(i) => {
                    let object = self.pop();
                    let value = self.get_attr(&object, &code.names[*i as usize])?;
                    self.push(value);
                }
                Instr::StoreAttr(i) => {
                    let object = self.pop();
                    let value = self.pop();
                    self.set_attr(&object, &code.names[*i as usize], value)?;
                }
                Instr::DeleteAttr(i) => {
                    let object = self.pop();
                    self.del_attr(&object, &code.names[*i as usize])?;
                }
                Instr::LoadMethod(i) => {
                    let object = self.pop();
                    let name = &code.names[*i as usize];
                    match self.lookup_method(&object, name)? {
                        Some(method) => {
                            self.push(method);
                            self.push(object);
                        }
                        None => {
                            let attr = self.get_attr(&object, name)?;
                            self.push(attr);
                            let marker = self.rt.no_self.clone();
                            self.push(marker);
                        }
                    }
                }
                Instr::CallMethod(argc) => {
                    let argc = *argc as usize;
                    let stack_len = self.top().stack.len();
                    let receiver_at = stack_len - argc - 1;
                    let receiver = self.top().stack[receiver_at].clone();
                    let has_self = !receiver.is(&self.rt.no_self);
                    let mut positional: Vec<Value> = Vec::with_capacity(argc + 1);
                    if has_self {
                        positional.push(receiver);
                    }
                    positional.extend(self.top_mut().stack.drain(receiver_at + 1..));
                    self.top_mut().stack.truncate(receiver_at);
                    let callable = self.pop();
                    if let Some(flow) = self.call_or_push(callable, Args::new(positional))? {
                        return Ok(flow);
                    }
                }
                Instr::Subscript => {
                    let index = self.pop();
                    let container = self.pop();
                    let value = ops::get_item(self, &container, &index)?;
                    self.push(value);
                }
                Instr::StoreSubscript => {
                    let index = self.pop();
                    let container = self.pop();
                    let value = self.pop();
                    ops::set_item(self, &container, index, value)?;
                }
                Instr::DeleteSubscript => {
                    let index = self.pop();
                    let container = self.pop();
                    ops::del_item(self, &container, &index)?;
                }
                Instr::BuildSlice(n) => {
                    let step = if *n == 3 { self.pop() } else { Value::None };
                    let stop = self.pop();
                    let start = self.pop();
                    self.push(Value::obj(Payload::Slice(start, stop, step)));
                }
                Instr::Binary(op) | Instr::InplaceBinary(op) => {
                    let n = frame.stack.len();
                    if let [.., Value::Int(a), Value::Int(b)] = frame.stack[..] {
                        let fast = match op {
                            BinOp::Add => a.checked_add(b),
                            BinOp::Sub => a.checked_sub(b),
                            _ => None,
                        };
                        if let Some(result) = fast {
                            frame.stack.truncate(n - 1);
                            frame.stack[n - 2] = Value::Int(result);
                            continue;
                        }
                    }
                    let inplace = matches!(instr, Instr::InplaceBinary(_));
                    let right = self.pop();
                    let left = self.pop();
                    let value = ops::binary(self, *op, &left, &right, inplace)?;
                    self.push(value);
                }
                Instr::Unary(op) => {
                    let operand = self.pop();
                    let value = ops::unary(self, *op, &operand)?;
                    self.push(value);
                }
                Instr::Compare(op) => {
                    let n = frame.stack.len();
                    if let [.., Value::Int(a), Value::Int(b)] = frame.stack[..] {
                        let fast = match op {
                            CmpOp::Lt => Some(a < b),
                            CmpOp::LtE => Some(a <= b),
                            CmpOp::Gt => Some(a > b),
                            CmpOp::GtE => Some(a >= b),
                            CmpOp::Eq => Some(a == b),
                            CmpOp::NotEq => Some(a != b),
                            _ => None,
                        };
                        if let Some(result) = fast {
                            frame.stack.truncate(n - 1);
                            frame.stack[n - 2] = Value::Bool(result);
                            continue;
                        }
                    }
                    let right = self.pop();
                    let left = self.pop();
                    let value = match (op, &left, &right) {
                        (CmpOp::Lt, Value::Int(a), Value::Int(b)) => Value::Bool(a < b),
                        (CmpOp::Eq, Value::Int(a), Value::Int(b)) => Value::Bool(a == b),
                        _ => ops::compare(self, *op, &left, &right)?,
                    };
                    self.push(value);
                }
                Instr::Pop => {
                    self.pop();
                }
                Instr::Dup => {
                    let value = self.peek(0).clone();
                    self.push(value);
                }
                Instr::Dup2 => {
                    let a = self.peek(1).clone();
                    let b = self.peek(0).clone();
                    self.push(a);
                    self.push(b);
                }
                Instr::Rot2 => {
                    let stack = &mut self.top_mut().stack;
                    let n = stack.len();
                    stack.swap(n - 1, n - 2);
                }
                Instr::Rot3 => {
                    let stack = &mut self.top_mut().stack;
                    let top = stack.pop().expect("balanced stack");
                    let n = stack.len();
                    stack.insert(n - 2, top);
                }
                Instr::Rot4 => {
                    let stack = &mut self.top_mut().stack;
                    let top = stack.pop().expect("balanced stack");
                    let n = stack.len();
                    stack.insert(n - 3, top);
                }
                Instr::Jump(target) => {
                    // A backward jump is an eval-breaker point (`self.rt` is a field
                    // apart from the frames, so `frame` stays borrowed).
                    if (*target as usize) <= ip {
                        self.line_countdown = self.line_countdown.saturating_sub(1);
                        if self.line_countdown == 0
                            || self.slice.switch_due
                            || self.rt.needs_attention()
                        {
                            self.line_countdown = LINE_PUBLISH_EVERY;
                            self.publish_line();
                            if super::memory::over_budget() && super::memory::claim_memory_error() {
                                // Reported at the statement that just ran (where the
                                // memory went), as CPython reports the allocation that
                                // failed, not at the loop's head.
                                self.top_mut().ip = ip;
                                return Err(super::memory::memory_error());
                            }
                            self.top_mut().ip = *target as usize;
                            self.handle_attention()?;
                            self.preempt_if_due()?;
                            continue;
                        }
                    }
                    frame.ip = *target as usize;
                }
                Instr::PopJumpIfFalse(target) => {
                    if let Some(Value::Bool(b)) = frame.stack.last() {
                        if !*b {
                            frame.ip = *target as usize;
                        }
                        frame.stack.pop();
                        continue;
                    }
                    let value = self.pop();
                    if !self.truthy(&value)? {
                        self.top_mut().ip = *target as usize;
                    }
                }
                Instr::PopJumpIfTrue(target) => {
                    if let Some(Value::Bool(b)) = frame.stack.last() {
                        if *b {
                            frame.ip = *target as usize;
                        }
                        frame.stack.pop();
                        continue;
                    }
                    let value = self.pop();
                    if self.truthy(&value)? {
                        self.top_mut().ip = *target as usize;
                    }
                }
                Instr::JumpIfFalseOrPop(target) => {
                    let value = self.peek(0).clone();
                    if self.truthy(&value)? {
                        self.pop();
                    } else {
                        self.top_mut().ip = *target as usize;
                    }
                }
                Instr::JumpIfTrueOrPop(target) => {
                    let value = self.peek(0).clone();
                    if self.truthy(&value)? {
                        self.top_mut().ip = *target as usize;
                    } else {
                        self.pop();
                    }
                }
                Instr::GetIter => {
                    let value = self.pop();
                    let iterator = self.get_iter(&value)?;
                    self.push(iterator);
                }
                Instr::ForIter(target) => {
                    // Range iterators step without cloning the iterator.
                    if let Some(Payload::Iterator(state)) =
                        frame.stack.last().and_then(|it| it.payload())
                    {
                        let mut state = lock(state);
                        if let IterState::Range { next, stop, step } = &mut *state {
                            let current = *next;
                            if (*step > 0 && current < *stop) || (*step < 0 && current > *stop) {
                                *next = current.saturating_add(*step);
                                drop(state);
                                frame.stack.push(Value::Int(current));
                            } else {
                                *state = IterState::Exhausted;
                                drop(state);
                                frame.stack.pop();
                                frame.ip = *target as usize;
                            }
                            continue;
                        }
                    }
                    let iterator = self.peek(0).clone();
                    match self.next_fast(&iterator)? {
                        Some(item) => self.push(item),
                        None => {
                            self.pop();
                            self.top_mut().ip = *target as usize;
                        }
                    }
                }
                Instr::BuildTuple(n) => {
                    let items = self.pop_n(*n as usize);
                    self.push(Value::obj(Payload::Tuple(items)));
                }
                Instr::BuildList(n) => {
                    let items = self.pop_n(*n as usize);
                    self.push(Value::obj(Payload::List(Mutex::new(items))));
                }
                Instr::BuildSet(n) => {
                    let items = self.pop_n(*n as usize);
                    let mut set = Set::new();
                    for item in items {
                        let key = self.key_among(item, set.iter())?;
                        set.insert(key);
                    }
                    self.push(Value::obj(Payload::Set(Mutex::new(set))));
                }
                Instr::BuildConstSet(n) => {
                    let items = self.pop_n(*n as usize);
                    let mut constants = Set::new();
                    for item in items {
                        constants.insert(self.key(item)?);
                    }
                    // The compiler's constant merging rebuilds the frozenset from its
                    // own iteration order; SET_UPDATE then merges it into a new set.
                    let merged: Set = constants.iter().cloned().collect();
                    let set = merged.copied();
                    self.push(Value::obj(Payload::Set(Mutex::new(set))));
                }
                Instr::BuildMap(n) => {
                    let items = self.pop_n(2 * *n as usize);
                    let mut dict = Dict::new();
                    let mut iter = items.into_iter();
                    while let (Some(key), Some(value)) = (iter.next(), iter.next()) {
                        let key = self.key_among(key, dict.keys())?;
                        dict.insert(key, value);
                    }
                    self.push(Value::obj(Payload::Dict(Mutex::new(dict))));
                }
                Instr::ListAppend(depth) => {
                    let value = self.pop();
                    let list = self.peek(*depth as usize - 1).clone();
                    if let Some(Payload::List(items)) = list.payload() {
                        let mut items = lock(items);
                        super::memory::check_push(&items)?;
                        items.push(value);
                    }
                }
                Instr::SetAdd(depth) => {
                    let value = self.pop();
                    let set = self.peek(*depth as usize - 1).clone();
                    let key = self.key_in(&set, value)?;
                    if let Some(Payload::Set(items)) = set.payload() {
                        lock(items).insert(key);
                    }
                }
                Instr::MapAdd(depth) => {
                    let value = self.pop();
                    let key = self.pop();
                    let dict = self.peek(*depth as usize - 1).clone();
                    let key = self.key_in(&dict, key)?;
                    if let Some(Payload::Dict(items)) = dict.payload() {
                        lock(items).insert(key, value);
                    }
                }
                Instr::ListExtend(depth) => {
                    let iterable = self.pop();
                    let values = self.collect(&iterable)?;
                    let list = self.peek(*depth as usize - 1).clone();
                    if let Some(Payload::List(items)) = list.payload() {
                        lock(items).extend(values);
                    }
                }
                Instr::SetUpdate(depth) => {
                    let iterable = self.pop();
                    let values = self.collect(&iterable)?;
                    let mut keys = Vec::with_capacity(values.len());
                    for value in values {
                        keys.push(self.key(value)?);
                    }
                    let set = self.peek(*depth as usize - 1).clone();
                    if let Some(Payload::Set(items)) = set.payload() {
                        lock(items).extend(keys);
                    }
                }
                Instr::DictUpdate(depth) => {
                    let mapping = self.pop();
                    let pairs = self.mapping_items(&mapping)?;
                    let dict = self.peek(*depth as usize - 1).clone();
                    if let Some(Payload::Dict(items)) = dict.payload() {
                        let mut items = lock(items);
                        for (key, value) in pairs {
                            items.insert(key, value);
                        }
                    }
                }
                Instr::ListToTuple => {
                    let list = self.pop();
                    let items = match list.payload() {
                        Some(Payload::List(items)) => lock(items).clone(),
                        _ => Vec::new(),
                    };
                    self.push(Value::obj(Payload::Tuple(items)));
                }
                Instr::UnpackSequence(n) => {
                    let value = self.pop();
                    let items = self
                        .collect(&value)
                        .map_err(|e| self.unpack_error(e, &value))?;
                    let n = *n as usize;
                    if items.len() != n {
                        return Err(if items.len() > n {
                            exc(
                                "ValueError",
                                format!("too many values to unpack (expected {n})"),
                            )
                        } else {
                            exc(
                                "ValueError",
                                format!(
                                    "not enough values to unpack (expected {n}, got {})",
                                    items.len()
                                ),
                            )
                        });
                    }
                    let stack = &mut self.top_mut().stack;
                    stack.extend(items.into_iter().rev());
                }
                Instr::UnpackEx(before, after) => {
                    let value = self.pop();
                    let mut items = self
                        .collect(&value)
                        .map_err(|e| self.unpack_error(e, &value))?;
                    let (before, after) = (*before as usize, *after as usize);
                    if items.len() < before + after {
                        return Err(exc(
                            "ValueError",
                            format!(
                                "not enough values to unpack (expected at least {}, got {})",
                                before + after,
                                items.len()
                            ),
                        ));
                    }
                    let tail = items.split_off(items.len() - after);
                    let middle = items.split_off(before);
                    let stack = &mut self.top_mut().stack;
                    stack.extend(tail.into_iter().rev());
                    stack.push(Value::obj(Payload::List(Mutex::new(middle))));
                    stack.extend(items.into_iter().rev());
                }
                Instr::Call(argc) => {
                    let args = self.pop_n(*argc as usize);
                    let callable = self.pop();
                    if let Some(flow) = self.call_or_push(callable, Args::new(args))? {
                        return Ok(flow);
                    }
                }
                Instr::CallKw(argc) => {
                    let names = self.pop();
                    let mut values = self.pop_n(*argc as usize);
                    let names: Vec<Name> = match names.payload() {
                        Some(Payload::Tuple(names)) => names
                            .iter()
                            .map(|n| match n {
                                Value::Str(s) => s.clone(),
                                _ => Name::from(""),
                            })
                            .collect(),
                        _ => Vec::new(),
                    };
                    let keyword_values = values.split_off(values.len() - names.len());
                    let callable = self.pop();
                    let args = Args {
                        positional: values,
                        keywords: names.into_iter().zip(keyword_values).collect(),
                    };
                    if let Some(flow) = self.call_or_push(callable, args)? {
                        return Ok(flow);
                    }
                }
                Instr::CallEx => {
                    let kwargs = self.pop();
                    let positional = self.pop();
                    let callable = self.pop();
                    let positional = self.collect(&positional)?;
                    let mut keywords = Vec::new();
                    if !kwargs.is_none() {
                        for (key, value) in self.mapping_items(&kwargs)? {
                            match key.value {
                                Value::Str(name) => {
                                    if keywords.iter().any(|(k, _): &(Name, Value)| *k == name) {
                                        return Err(exc(
                                            "TypeError",
                                            format!(
                                                "{}() got multiple values for keyword argument '{name}'",
                                                self.callable_name(&callable)
                                            ),
                                        ));
                                    }
                                    keywords.push((name, value));
                                }
                                _ => return Err(exc("TypeError", "keywords must be strings")),
                            }
                        }
                    }
                    if let Some(flow) = self.call_or_push(
                        callable,
                        Args {
                            positional,
                            keywords,
                        },
                    )? {
                        return Ok(flow);
                    }
                }
                Instr::MakeFunction(flags) => {
                    let code_value = self.pop();
                    let closure = if flags.closure {
                        let tuple = self.pop();
                        match tuple.payload() {
                            Some(Payload::Tuple(cells)) => cells.clone(),
                            _ => Vec::new(),
                        }
                    } else {
                        Vec::new()
                    };
                    let kwdefaults = if flags.kwdefaults {
                        let dict = self.pop();
                        self.mapping_items(&dict)?
                            .into_iter()
                            .filter_map(|(k, v)| match k.value {
                                Value::Str(name) => Some((name, v)),
                                _ => None,
                            })
                            .collect()
                    } else {
                        Vec::new()
                    };
                    let defaults = if flags.defaults {
                        let tuple = self.pop();
                        match tuple.payload() {
                            Some(Payload::Tuple(items)) => items.clone(),
                            _ => Vec::new(),
                        }
                    } else {
                        Vec::new()
                    };
                    let Some(Payload::Code(code)) = code_value.payload() else {
                        return Err(exc("SystemError", "MakeFunction without code"));
                    };
                    let function = Function {
                        code: code.clone(),
                        globals: self.top().globals.clone(),
                        defaults,
                        kwdefaults,
                        closure,
                        name: code.name.clone(),
                        qualname: code.qualname.clone(),
                        attrs: Mutex::new(AttrMap::new()),
                    };
                    self.push(Value::obj(Payload::Function(Box::new(function))));
                }
                Instr::LoadBuildClass => {
                    let build = self.builtin_value("__build_class__")?;
                    self.push(build);
                }
                Instr::Return => {
                    let value = self.pop();
                    return Ok(Flow::Return(value));
                }
                Instr::Yield => {
                    let value = self.pop();
                    return Ok(Flow::Yield(value));
                }
                Instr::GetAwaitable => {
                    let value = self.pop();
                    let awaitable = self.get_awaitable(value)?;
                    self.push(awaitable);
                }
                Instr::YieldFrom => {
                    let sent = self.pop();
                    let iterator = self.peek(0).clone();
                    let step = if let Some(Payload::Generator(_)) = iterator.payload() {
                        self.resume_generator(&iterator, sent)?
                    } else {
                        match self.next(&iterator)? {
                            Some(item) => GenStep::Yielded(item),
                            None => GenStep::Returned(Value::None),
                        }
                    };
                    match step {
                        GenStep::Yielded(item) => {
                            // Come back to this instruction after the caller sends a value.
                            self.top_mut().ip = ip;
                            return Ok(Flow::Yield(item));
                        }
                        GenStep::Returned(result) => {
                            self.pop();
                            self.push(result);
                        }
                    }
                }
                Instr::SetupExcept(target) | Instr::SetupFinally(target) => {
                    let depth = self.top().stack.len() as u32;
                    let exc_depth = self.exc_stack.len() as u32;
                    self.top_mut().blocks.push(Block {
                        kind: BlockKind::Handler,
                        handler: *target,
                        stack_depth: depth,
                        exc_depth,
                    });
                }
                Instr::SetupWith(target) => {
                    let manager = self.pop();
                    let enter = self.special_method(&manager, "__enter__");
                    let exit = self.special_method(&manager, "__exit__");
                    let (Some(enter), Some(exit)) = (enter, exit) else {
                        return Err(exc(
                            "TypeError",
                            format!(
                                "'{}' object does not support the context manager protocol",
                                type_name(&manager)
                            ),
                        ));
                    };
                    self.push(exit);
                    let depth = self.top().stack.len() as u32;
                    let exc_depth = self.exc_stack.len() as u32;
                    self.top_mut().blocks.push(Block {
                        kind: BlockKind::Handler,
                        handler: *target,
                        stack_depth: depth,
                        exc_depth,
                    });
                    if let Some(flow) = self.call_or_push(enter, Args::default())? {
                        return Ok(flow);
                    }
                }
                Instr::PopBlock => {
                    self.top_mut().blocks.pop();
                }
                Instr::PopExcept => {
                    if let Some(block) = self.top_mut().blocks.pop() {
                        self.exc_stack.truncate(block.exc_depth as usize);
                    }
                }
                Instr::Reraise => {
                    let error = self.pop();
                    return Err(PyErr(error));
                }
                Instr::Raise(count) => {
                    return Err(self.raise(*count)?);
                }
                Instr::ExceptionMatch => {
                    let class = self.pop();
                    let error = self.pop();
                    let matched = self.exception_matches(&error, &class)?;
                    self.push(Value::Bool(matched));
                }
                Instr::WithExceptStart => {
                    let error = self.peek(0).clone();
                    let exit = self.peek(1).clone();
                    let class = Value::Obj(types::type_of(&error));
                    let traceback = Value::None;
                    let result = self.call(exit, Args::new(vec![class, error, traceback]))?;
                    let suppress = self.truthy(&result)?;
                    self.push(Value::Bool(suppress));
                }
                Instr::WithCleanNormal => {
                    // Leaves exit's result on the stack (the compiler pops it), so a
                    // Python `__exit__` runs as a frame like any call.
                    let exit = self.pop();
                    let args = Args::new(vec![Value::None, Value::None, Value::None]);
                    if let Some(flow) = self.call_or_push(exit, args)? {
                        return Ok(flow);
                    }
                }
                Instr::FormatValue(flags) => {
                    let spec = if flags.has_spec {
                        Some(self.pop())
                    } else {
                        None
                    };
                    let value = self.pop();
                    let value = match flags.conversion {
                        b'r' | b'a' => Value::str(self.repr(&value)?),
                        b's' => Value::str(self.to_str(&value)?),
                        _ => value,
                    };
                    let spec = match &spec {
                        Some(Value::Str(s)) => s.to_string(),
                        _ => String::new(),
                    };
                    let text = self.format(&value, &spec)?;
                    self.push(Value::str(text));
                }
                Instr::BuildString(n) => {
                    let parts = self.pop_n(*n as usize);
                    let mut text = String::new();
                    for part in &parts {
                        if let Value::Str(s) = part {
                            text.push_str(s);
                        }
                    }
                    self.push(Value::str(text));
                }
                Instr::ImportName(i) => {
                    let name = &code.names[*i as usize];
                    let (module_name, from) = match name.strip_prefix("from:") {
                        Some(rest) => (rest, true),
                        None => (&**name, false),
                    };
                    let module = self.import(module_name)?;
                    if from || !module_name.contains('.') {
                        self.push(module);
                    } else {
                        let top = module_name.split('.').next().unwrap_or(module_name);
                        let top_module = self.import(top)?;
                        self.push(top_module);
                    }
                }
                Instr::ImportFrom(i) => {
                    let module = self.peek(0).clone();
                    let name = &code.names[*i as usize];
                    match self.get_attr(&module, name) {
                        Ok(value) => self.push(value),
                        Err(_) => {
                            let module_name = match module.payload() {
                                Some(Payload::Module(m)) => m.name.to_string(),
                                _ => "?".into(),
                            };
                            return Err(exc(
                                "ImportError",
                                format!("cannot import name '{name}' from '{module_name}' (unknown location)"),
                            ));
                        }
                    }
                }
                Instr::ImportStar => {
                    let module = self.pop();
                    if let Some(Payload::Module(m)) = module.payload() {
                        let vars: Vec<(Name, Value)> = lock(&m.globals.vars)
                            .iter()
                            .filter(|(k, _)| !k.starts_with('_'))
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect();
                        let mut globals = lock(&self.top().globals.vars);
                        for (k, v) in vars {
                            globals.insert(k, v);
                        }
                    }
                }
                Instr::LoadAssertionError => {
                    self.push(Value::Obj(exception_class("AssertionError")));
                }
                Instr::PrintExpr => {
                    self.pop();
                }
            }
        }
    }

    fn unpack_error(&self, error: PyErr, value: &Value) -> PyErr {
        if ops::is_exception_of(&error.0, "TypeError") && !self.is_stop(&error.0) {
            exc(
                "TypeError",
                format!("cannot unpack non-iterable {} object", type_name(value)),
            )
        } else {
            error
        }
    }

    fn pop_n(&mut self, n: usize) -> Vec<Value> {
        let stack = &mut self.top_mut().stack;
        let at = stack.len() - n;
        stack.split_off(at)
    }

    fn builtin_value(&self, name: &str) -> PyResult<Value> {
        lock(&self.rt.builtins.vars)
            .get(name)
            .cloned()
            .ok_or_else(|| name_error(name))
    }

    fn load_global(&self, name: &Name) -> PyResult<Value> {
        if let Some(value) = lock(&self.top().globals.vars).get(name) {
            return Ok(value.clone());
        }
        if let Some(value) = lock(&self.rt.builtins.vars).get(name) {
            return Ok(value.clone());
        }
        let error = name_error(name);
        // Remember what was visible, for the "Did you mean" hint of the traceback.
        if let Some(Payload::Instance(instance)) = error.0.payload() {
            let frame = self.top();
            let mut visible: Vec<Value> = frame
                .code
                .varnames
                .iter()
                .zip(&frame.fast)
                .filter(|(_, v)| v.is_some())
                .map(|(n, _)| Value::Str(n.clone()))
                .collect();
            visible.extend(
                lock(&frame.globals.vars)
                    .keys()
                    .map(|k| Value::Str(k.clone())),
            );
            visible.extend(
                lock(&self.rt.builtins.vars)
                    .keys()
                    .map(|k| Value::Str(k.clone())),
            );
            lock(&instance.dict)
                .insert("__candidates__".into(), Value::obj(Payload::Tuple(visible)));
        }
        Err(error)
    }

    fn raise(&mut self, count: u8) -> PyResult<PyErr> {
        if count == 0 {
            return match self.exc_stack.last() {
                Some(current) => Ok(PyErr(current.clone())),
                None => Ok(exc("RuntimeError", "No active exception to reraise")),
            };
        }
        let cause = if count == 2 { Some(self.pop()) } else { None };
        let raised = self.pop();
        let error = self.make_exception(raised)?;
        if let Some(cause) = cause {
            let cause = if cause.is_none() {
                None
            } else {
                Some(self.make_exception(cause)?)
            };
            if let Some(data) = exception_data(&error) {
                let mut data = lock(data);
                data.cause = cause;
                data.suppress_context = true;
            }
        }
        Ok(PyErr(error))
    }

    /// Turns `raise X` operands into an exception instance (instantiating classes).
    pub fn make_exception(&mut self, value: Value) -> PyResult<Value> {
        if let Value::Obj(obj) = &value {
            if let Payload::Class(_) = &obj.payload {
                if types::is_exception_class(obj) {
                    return self.call(value.clone(), Args::default());
                }
            }
        }
        if exception_data(&value).is_some() {
            return Ok(value);
        }
        Err(exc(
            "TypeError",
            "exceptions must derive from BaseException",
        ))
    }

    /// Attaches the exception being handled as `__context__` of a new one.
    pub fn set_context(&self, error: &PyErr) {
        if let (Some(current), Some(data)) = (self.exc_stack.last(), exception_data(&error.0)) {
            if current.is(&error.0) {
                return;
            }
            let mut data = lock(data);
            if data.context.is_none() {
                data.context = Some(current.clone());
            }
        }
    }

    fn exception_matches(&mut self, error: &Value, class: &Value) -> PyResult<bool> {
        let error_class = types::type_of(error);
        match class {
            Value::Obj(obj) => match &obj.payload {
                Payload::Class(_) => {
                    if !types::is_exception_class(obj) {
                        return Err(exc(
                            "TypeError",
                            "catching classes that do not inherit from BaseException is not allowed",
                        ));
                    }
                    Ok(types::is_subclass(&error_class, obj))
                }
                // One level only: CPython refuses a tuple inside the tuple.
                Payload::Tuple(items) if items.iter().all(|item| item.is_class()) => {
                    for item in items.clone() {
                        if self.exception_matches(error, &item)? {
                            return Ok(true);
                        }
                    }
                    Ok(false)
                }
                _ => Err(exc(
                    "TypeError",
                    "catching classes that do not inherit from BaseException is not allowed",
                )),
            },
            _ => Err(exc(
                "TypeError",
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }

    // ------------------------------------------------------------------ calls

    /// Calls `callable`; a plain Python function gets a new frame on this thread's stack
    /// (returns `Some(Flow::Switch)`), anything else runs now and pushes its result.
    fn call_or_push(&mut self, callable: Value, args: Args) -> PyResult<Option<Flow>> {
        self.publish_line();
        let args = match self.push_call_frame(&callable, args)? {
            Err(args) => args,
            Ok(()) => {
                // Function entry is an eval-breaker point; on the virtual scheduler the
                // thread may give way here and start the new frame when it resumes.
                self.eval_breaker()?;
                self.preempt_if_due()?;
                return Ok(Some(Flow::Switch));
            }
        };
        self.slice.suspend_ok = true;
        let result = self.call(callable, args);
        self.slice.suspend_ok = false;
        self.push(result?);
        Ok(None)
    }

    /// Pushes a new frame for a plain Python function (or a method bound to one); gives
    /// the arguments back for anything else, which must be called from Rust.
    fn push_call_frame(&mut self, callable: &Value, args: Args) -> PyResult<Result<(), Args>> {
        let (function, args) = match callable.payload() {
            Some(Payload::Function(function)) => (function, args),
            Some(Payload::BoundMethod(receiver, inner)) => match inner.payload() {
                Some(Payload::Function(function)) => {
                    let mut args = args;
                    args.positional.insert(0, receiver.clone());
                    (function, args)
                }
                _ => return Ok(Err(args)),
            },
            _ => return Ok(Err(args)),
        };
        if function.code.is_generator {
            return Ok(Err(args));
        }
        let frame = self.function_frame(function, args)?;
        if self.frames.len() >= self.rt.recursion_limit.load(Ordering::Relaxed) {
            return Err(exc("RecursionError", "maximum recursion depth exceeded"));
        }
        self.frames.push(frame);
        Ok(Ok(()))
    }

    /// Calls any callable and returns its result (runs Python code to completion).
    pub fn call(&mut self, callable: Value, args: Args) -> PyResult<Value> {
        // Only a built-in called straight from `call_or_push` may suspend the thread;
        // anything it calls back into runs to completion.
        let may_suspend = std::mem::take(&mut self.slice.suspend_ok);
        let Value::Obj(obj) = &callable else {
            return Err(not_callable(&callable));
        };
        match &obj.payload {
            Payload::Function(function) => {
                let frame = self.function_frame(function, args)?;
                if function.code.is_generator {
                    return Ok(Value::obj(Payload::Generator(Generator {
                        state: Mutex::new(GeneratorState::Suspended(Box::new(frame))),
                        is_coroutine: function.code.is_coroutine,
                        qualname: function.code.qualname.clone(),
                    })));
                }
                self.eval_breaker()?;
                self.run_frame(frame)
            }
            Payload::Builtin(builtin) => {
                let mut args = args;
                if let Some(bound) = &builtin.bound {
                    args.positional.insert(0, bound.clone());
                }
                self.slice.suspend_ok = may_suspend;
                let result = (builtin.func)(self, args);
                self.slice.suspend_ok = false;
                result
            }
            Payload::BoundMethod(receiver, function) => {
                let mut args = args;
                args.positional.insert(0, receiver.clone());
                self.slice.suspend_ok = may_suspend;
                self.call(function.clone(), args)
            }
            Payload::Class(_) => self.instantiate(obj.clone(), args),
            Payload::Instance(_) => match self.special_method(&callable, "__call__") {
                Some(method) => self.call(method, args),
                None => Err(not_callable(&callable)),
            },
            Payload::StaticMethod(inner) => self.call(inner.clone(), args),
            _ => Err(not_callable(&callable)),
        }
    }

    pub fn call0(&mut self, callable: Value) -> PyResult<Value> {
        self.call(callable, Args::default())
    }

    pub fn call1(&mut self, callable: Value, arg: Value) -> PyResult<Value> {
        self.call(callable, Args::new(vec![arg]))
    }

    pub fn callable_name(&self, callable: &Value) -> String {
        match callable.payload() {
            Some(Payload::Function(f)) => f.qualname.to_string(),
            Some(Payload::Builtin(b)) => b.name.to_string(),
            Some(Payload::BoundMethod(_, f)) => self.callable_name(f),
            Some(Payload::Class(c)) => c.name.to_string(),
            _ => type_name(callable),
        }
    }

    /// Binds arguments to parameters with CPython's error messages.
    fn function_frame(&mut self, function: &Function, args: Args) -> PyResult<Frame> {
        let code = function.code.clone();
        let mut frame = self.new_frame(code.clone(), function.globals.clone());
        let name = &function.qualname;
        let argcount = code.argcount as usize;
        let kwonly = code.kwonlyargcount as usize;
        let Args {
            mut positional,
            keywords,
        } = args;
        let given = positional.len();
        if given > argcount && !code.has_varargs {
            let required = argcount - function.defaults.len().min(argcount);
            let takes = if required == argcount {
                format!("{argcount} positional argument{}", plural(argcount))
            } else {
                format!("from {required} to {argcount} positional arguments")
            };
            let kw_given = keywords.len();
            let was = if given == 1 && kw_given == 0 {
                "was"
            } else {
                "were"
            };
            let extra = if kw_given > 0 {
                format!(
                    " positional argument{} (and {kw_given} keyword-only argument{})",
                    plural(given),
                    plural(kw_given)
                )
            } else {
                String::new()
            };
            return Err(exc(
                "TypeError",
                format!("{name}() takes {takes} but {given}{extra} {was} given"),
            ));
        }
        let varargs: Vec<Value> = if given > argcount {
            positional.split_off(argcount)
        } else {
            Vec::new()
        };
        for (index, value) in positional.into_iter().enumerate() {
            frame.fast[index] = Some(value);
        }
        let mut kwargs_dict = if code.has_varkw {
            Some(Dict::new())
        } else {
            None
        };
        if kwargs_dict.is_none() {
            let posonly = &code.varnames[..code.posonlyargcount as usize];
            let misused: Vec<&str> = keywords
                .iter()
                .filter(|(k, _)| posonly.contains(k))
                .map(|(k, _)| &**k)
                .collect();
            if !misused.is_empty() {
                return Err(exc(
                    "TypeError",
                    format!(
                        "{name}() got some positional-only arguments passed as keyword arguments: '{}'",
                        misused.join(", ")
                    ),
                ));
            }
        }
        for (key, value) in keywords {
            let position = code.varnames[..argcount + kwonly]
                .iter()
                .position(|v| *v == key);
            match position {
                Some(index) if index >= code.posonlyargcount as usize => {
                    if frame.fast[index].is_some() {
                        return Err(exc(
                            "TypeError",
                            format!("{name}() got multiple values for argument '{key}'"),
                        ));
                    }
                    frame.fast[index] = Some(value);
                }
                _ => match &mut kwargs_dict {
                    Some(dict) => {
                        dict.insert(
                            Key {
                                hash: ops::hash_str(&key),
                                value: Value::Str(key),
                            },
                            value,
                        );
                    }
                    None => {
                        return Err(exc(
                            "TypeError",
                            format!("{name}() got an unexpected keyword argument '{key}'"),
                        ));
                    }
                },
            }
        }
        // Defaults fill the last positional parameters.
        let first_default = argcount - function.defaults.len().min(argcount);
        let mut missing = Vec::new();
        for index in 0..argcount {
            if frame.fast[index].is_none() {
                if index >= first_default {
                    frame.fast[index] = Some(function.defaults[index - first_default].clone());
                } else {
                    missing.push(code.varnames[index].clone());
                }
            }
        }
        if !missing.is_empty() {
            return Err(exc(
                "TypeError",
                format!(
                    "{name}() missing {} required positional argument{}: {}",
                    missing.len(),
                    plural(missing.len()),
                    join_names(&missing)
                ),
            ));
        }
        let mut missing_kw = Vec::new();
        for index in argcount..argcount + kwonly {
            if frame.fast[index].is_none() {
                let param = &code.varnames[index];
                match function.kwdefaults.iter().find(|(k, _)| k == param) {
                    Some((_, value)) => frame.fast[index] = Some(value.clone()),
                    None => missing_kw.push(param.clone()),
                }
            }
        }
        if !missing_kw.is_empty() {
            return Err(exc(
                "TypeError",
                format!(
                    "{name}() missing {} required keyword-only argument{}: {}",
                    missing_kw.len(),
                    plural(missing_kw.len()),
                    join_names(&missing_kw)
                ),
            ));
        }
        let mut next = argcount + kwonly;
        if code.has_varargs {
            frame.fast[next] = Some(Value::obj(Payload::Tuple(varargs)));
            next += 1;
        }
        if let Some(dict) = kwargs_dict {
            frame.fast[next] = Some(Value::obj(Payload::Dict(Mutex::new(dict))));
        }
        // Cells: own cellvars (parameters move in), then the closure's cells.
        if !code.cellvars.is_empty() || !function.closure.is_empty() {
            let mut cells = Vec::with_capacity(code.cellvars.len() + function.closure.len());
            for _ in &code.cellvars {
                cells.push(Value::obj(Payload::Cell(Mutex::new(None))));
            }
            for (cell_index, var_index) in &code.cell_params {
                let value = frame.fast[*var_index as usize].clone();
                if let Some(Payload::Cell(content)) = cells[*cell_index as usize].payload() {
                    *lock(content) = value;
                }
            }
            cells.extend(function.closure.iter().cloned());
            frame.cells = cells;
        }
        Ok(frame)
    }

    fn instantiate(&mut self, class: Arc<Obj>, args: Args) -> PyResult<Value> {
        if let Some(result) = super::builtins::construct_builtin(self, &class, &args)? {
            return Ok(result);
        }
        let Some(class_data) = class_of(&class) else {
            return Err(exc("TypeError", "not a class"));
        };
        let is_exception = class_data.base_kind == BaseKind::Exception;
        // A class's own `__new__` (a Python function) makes the instance; `__init__`
        // follows only when it returned an instance of the class, as in CPython.
        if let Some(new) = types::lookup_in_class(&class, "__new__") {
            if matches!(
                new.payload(),
                Some(Payload::Function(_) | Payload::StaticMethod(_))
            ) {
                let mut new_args = args.clone();
                new_args.positional.insert(0, Value::Obj(class.clone()));
                let instance = self.call(new, new_args)?;
                let made_here = match instance.payload() {
                    Some(Payload::Instance(made)) => types::is_subclass(&made.class, &class),
                    _ => false,
                };
                if made_here {
                    self.run_init(&class, &instance, args)?;
                }
                return Ok(instance);
            }
        }
        let instance = Value::obj(Payload::Instance(Instance {
            class: class.clone(),
            dict: Mutex::new(AttrMap::new()),
            exception: is_exception.then(|| {
                Box::new(Mutex::new(ExceptionData {
                    args: args.positional.clone(),
                    ..ExceptionData::default()
                }))
            }),
        }));
        let takes_arguments = !args.positional.is_empty() || !args.keywords.is_empty();
        if !self.run_init(&class, &instance, args)? && !is_exception && takes_arguments {
            return Err(exc(
                "TypeError",
                format!("{}() takes no arguments", class_data.name),
            ));
        }
        Ok(instance)
    }

    /// Calls the class's `__init__` on a new instance; false when it has none.
    fn run_init(&mut self, class: &Arc<Obj>, instance: &Value, args: Args) -> PyResult<bool> {
        let Some(init) = types::lookup_in_class(class, "__init__") else {
            return Ok(false);
        };
        let mut init_args = args;
        init_args.positional.insert(0, instance.clone());
        let result = self.call(init, init_args)?;
        if !result.is_none() {
            return Err(exc(
                "TypeError",
                format!(
                    "__init__() should return None, not '{}'",
                    type_name(&result)
                ),
            ));
        }
        Ok(true)
    }

    // ------------------------------------------------------------------ attributes

    /// A method found on the type (not shadowed by the instance), for LoadMethod.
    fn lookup_method(&mut self, object: &Value, name: &Name) -> PyResult<Option<Value>> {
        match object {
            Value::Obj(obj) => match &obj.payload {
                Payload::Instance(instance) => {
                    if lock(&instance.dict).contains_key(name) {
                        return Ok(None);
                    }
                    match types::lookup_in_class(&instance.class, name) {
                        Some(found @ Value::Obj(_))
                            if matches!(
                                found.payload(),
                                Some(Payload::Function(_)) | Some(Payload::Builtin(_))
                            ) =>
                        {
                            Ok(Some(found))
                        }
                        _ => Ok(None),
                    }
                }
                Payload::Module(_)
                | Payload::Class(_)
                | Payload::Super(..)
                | Payload::Native(_) => Ok(None),
                _ => Ok(types::lookup_in_class(&types::type_of(object), name)
                    .filter(|f| matches!(f.payload(), Some(Payload::Builtin(_))))),
            },
            _ => Ok(types::lookup_in_class(&types::type_of(object), name)
                .filter(|f| matches!(f.payload(), Some(Payload::Builtin(_))))),
        }
    }

    /// A special method looked up on the type and bound to `object`.
    pub fn special_method(&mut self, object: &Value, name: &str) -> Option<Value> {
        if let Some(Payload::Native(native)) = object.payload() {
            return super::modules::native_attribute(self, object, native.as_ref(), name)
                .ok()
                .flatten();
        }
        let class = types::type_of(object);
        let found = types::lookup_in_class(&class, name)?;
        Some(self.bind(found, object, &class))
    }

    fn bind(&self, found: Value, object: &Value, class: &Arc<Obj>) -> Value {
        match found.payload() {
            Some(Payload::Function(_)) | Some(Payload::Builtin(_)) => {
                Value::obj(Payload::BoundMethod(object.clone(), found))
            }
            Some(Payload::ClassMethod(inner)) => Value::obj(Payload::BoundMethod(
                Value::Obj(class.clone()),
                inner.clone(),
            )),
            Some(Payload::StaticMethod(inner)) => inner.clone(),
            _ => found,
        }
    }

    pub fn get_attr(&mut self, object: &Value, name: &Name) -> PyResult<Value> {
        if let Some(value) = super::builtins::special_attribute(self, object, name)? {
            return Ok(value);
        }
        let class = types::type_of(object);
        if let Value::Obj(obj) = object {
            match &obj.payload {
                Payload::Instance(instance) => {
                    let class_attr = types::lookup_in_class(&instance.class, name);
                    if let Some(Payload::Property(getter, _)) =
                        class_attr.as_ref().and_then(|a| a.payload())
                    {
                        return self.call1(getter.clone(), object.clone());
                    }
                    if let Some(value) = lock(&instance.dict).get(name) {
                        return Ok(value.clone());
                    }
                    if let Some(found) = class_attr {
                        return Ok(self.bind(found, object, &instance.class));
                    }
                    if let Some(getattr) = types::lookup_in_class(&instance.class, "__getattr__") {
                        return self.call(
                            getattr,
                            Args::new(vec![object.clone(), Value::Str(name.clone())]),
                        );
                    }
                    return Err(attribute_error(object, name));
                }
                Payload::Class(_) => {
                    if let Some(found) = types::lookup_in_class(obj, name) {
                        return Ok(match found.payload() {
                            Some(Payload::ClassMethod(inner)) => {
                                Value::obj(Payload::BoundMethod(object.clone(), inner.clone()))
                            }
                            Some(Payload::StaticMethod(inner)) => inner.clone(),
                            _ => found,
                        });
                    }
                    return Err(exc(
                        "AttributeError",
                        format!(
                            "type object '{}' has no attribute '{name}'",
                            types::class_name(obj)
                        ),
                    ));
                }
                Payload::Module(module) => {
                    if let Some(value) = lock(&module.globals.vars).get(name) {
                        return Ok(value.clone());
                    }
                    if &*module.name == "sys" && &**name == "modules" {
                        let modules: Vec<(String, Value)> = lock(&self.rt.modules)
                            .iter()
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect();
                        let mut dict = Dict::new();
                        for (key, value) in modules {
                            dict.insert(self.key(Value::str(key))?, value);
                        }
                        return Ok(Value::obj(Payload::Dict(Mutex::new(dict))));
                    }
                    let error = attribute_error(object, name);
                    if let Some(data) = exception_data(&error.0) {
                        lock(data).args = vec![Value::str(format!(
                            "module '{}' has no attribute '{name}'",
                            module.name
                        ))];
                    }
                    return Err(error);
                }
                Payload::Function(function) => {
                    if let Some(value) = lock(&function.attrs).get(name) {
                        return Ok(value.clone());
                    }
                }
                _ => {}
            }
        }
        match types::lookup_in_class(&class, name) {
            Some(found) => Ok(self.bind(found, object, &class)),
            None => Err(attribute_error(object, name)),
        }
    }

    pub fn set_attr(&mut self, object: &Value, name: &Name, value: Value) -> PyResult<()> {
        if let Value::Obj(obj) = object {
            match &obj.payload {
                Payload::Instance(instance) => {
                    if let Some(Payload::Property(_, setter)) =
                        types::lookup_in_class(&instance.class, name)
                            .as_ref()
                            .and_then(|a| a.payload())
                    {
                        if setter.is_none() {
                            return Err(exc(
                                "AttributeError",
                                format!(
                                    "property '{name}' of '{}' object has no setter",
                                    types::class_name(&instance.class)
                                ),
                            ));
                        }
                        self.call(setter.clone(), Args::new(vec![object.clone(), value]))?;
                        return Ok(());
                    }
                    if let Some(setattr) = types::lookup_in_class(&instance.class, "__setattr__") {
                        if !matches!(setattr.payload(), Some(Payload::Builtin(_))) {
                            self.call(
                                setattr,
                                Args::new(vec![object.clone(), Value::Str(name.clone()), value]),
                            )?;
                            return Ok(());
                        }
                    }
                    lock(&instance.dict).insert(name.clone(), value);
                    return Ok(());
                }
                Payload::Class(class) if !class.is_builtin => {
                    lock(&class.dict).insert(name.clone(), value);
                    return Ok(());
                }
                Payload::Class(class) => {
                    return Err(exc(
                        "TypeError",
                        format!(
                            "cannot set '{name}' attribute of immutable type '{}'",
                            class.name
                        ),
                    ));
                }
                Payload::Module(module) => {
                    lock(&module.globals.vars).insert(name.clone(), value);
                    return Ok(());
                }
                Payload::Function(function) => {
                    lock(&function.attrs).insert(name.clone(), value);
                    return Ok(());
                }
                _ => {}
            }
        }
        if types::lookup_in_class(&types::type_of(object), name).is_some() {
            return Err(exc(
                "AttributeError",
                format!(
                    "'{}' object attribute '{name}' is read-only",
                    type_name(object)
                ),
            ));
        }
        Err(exc(
            "AttributeError",
            format!("'{}' object has no attribute '{name}'", type_name(object)),
        ))
    }

    fn del_attr(&mut self, object: &Value, name: &Name) -> PyResult<()> {
        if let Some(Payload::Instance(instance)) = object.payload() {
            if lock(&instance.dict).shift_remove(name).is_some() {
                return Ok(());
            }
        }
        if let Some(Payload::Class(class)) = object.payload() {
            if !class.is_builtin && lock(&class.dict).shift_remove(name).is_some() {
                return Ok(());
            }
        }
        Err(attribute_error(object, name))
    }

    // ------------------------------------------------------------------ iteration

    pub fn get_iter(&mut self, value: &Value) -> PyResult<Value> {
        let state = match value {
            // Lazily, one character at a time (`index` is a byte offset): materialising
            // every character first would cost 40 bytes per byte of text.
            Value::Str(_) => IterState::Seq {
                seq: value.clone(),
                index: 0,
            },
            Value::Obj(obj) => match &obj.payload {
                Payload::List(_) | Payload::Tuple(_) => IterState::Seq {
                    seq: value.clone(),
                    index: 0,
                },
                Payload::Range(range) => IterState::Range {
                    next: range.start,
                    stop: range.stop,
                    step: range.step,
                },
                Payload::Dict(dict) => IterState::Hashed {
                    container: value.clone(),
                    index: 0,
                    len: lock(dict).len(),
                },
                Payload::Set(set) => IterState::Hashed {
                    container: value.clone(),
                    index: 0,
                    len: lock(set).len(),
                },
                Payload::FrozenSet(set) => IterState::Items {
                    items: set.iter().map(|k| k.value.clone()).collect(),
                    index: 0,
                },
                Payload::Generator(g) if g.is_coroutine => {
                    return Err(exc("TypeError", "'coroutine' object is not iterable"));
                }
                Payload::Iterator(_) | Payload::Generator(_) => return Ok(value.clone()),
                Payload::DictView(kind, dict) => IterState::Items {
                    items: super::builtins::view_items(*kind, dict),
                    index: 0,
                },
                Payload::Instance(_) => {
                    if let Some(method) = self.special_method(value, "__iter__") {
                        let iterator = self.call0(method)?;
                        if self.special_method(&iterator, "__next__").is_none()
                            && !matches!(
                                iterator.payload(),
                                Some(Payload::Iterator(_)) | Some(Payload::Generator(_))
                            )
                        {
                            return Err(exc(
                                "TypeError",
                                format!(
                                    "iter() returned non-iterator of type '{}'",
                                    type_name(&iterator)
                                ),
                            ));
                        }
                        return Ok(iterator);
                    }
                    if self.special_method(value, "__getitem__").is_some() {
                        let mut items = Vec::new();
                        let getitem = self.special_method(value, "__getitem__").expect("checked");
                        for index in 0.. {
                            match self.call1(getitem.clone(), Value::Int(index)) {
                                Ok(item) => items.push(item),
                                Err(e) if ops::is_exception_of(&e.0, "IndexError") => break,
                                Err(e) => return Err(e),
                            }
                        }
                        IterState::Items { items, index: 0 }
                    } else {
                        return Err(not_iterable(value));
                    }
                }
                _ => return Err(not_iterable(value)),
            },
            _ => return Err(not_iterable(value)),
        };
        Ok(Value::obj(Payload::Iterator(Mutex::new(state))))
    }

    /// The next item of an iterator, or `None` when it is exhausted.
    fn next_fast(&mut self, iterator: &Value) -> PyResult<Option<Value>> {
        if let Some(Payload::Iterator(state)) = iterator.payload() {
            let mut state = lock(state);
            match &mut *state {
                IterState::Range { next, stop, step } => {
                    let current = *next;
                    if (*step > 0 && current < *stop) || (*step < 0 && current > *stop) {
                        *next = current.saturating_add(*step);
                        return Ok(Some(Value::Int(current)));
                    }
                    *state = IterState::Exhausted;
                    return Ok(None);
                }
                IterState::Hashed {
                    container,
                    index,
                    len,
                } => {
                    // `index` is an entry index for dicts, a table slot for sets.
                    let (current_len, item, what) = match container.payload() {
                        Some(Payload::Dict(dict)) => {
                            let dict = lock(dict);
                            (
                                dict.len(),
                                dict.get_index(*index)
                                    .map(|(k, _)| (*index, k.value.clone())),
                                "dictionary",
                            )
                        }
                        Some(Payload::Set(set)) => {
                            let set = lock(set);
                            (
                                set.len(),
                                set.next_from(*index).map(|(at, k)| (at, k.value.clone())),
                                "Set",
                            )
                        }
                        _ => (0, None, "container"),
                    };
                    if current_len != *len {
                        *state = IterState::Exhausted;
                        return Err(exc(
                            "RuntimeError",
                            format!("{what} changed size during iteration"),
                        ));
                    }
                    match item {
                        Some((at, item)) => {
                            *index = at + 1;
                            return Ok(Some(item));
                        }
                        None => {
                            *state = IterState::Exhausted;
                            return Ok(None);
                        }
                    }
                }
                IterState::Seq { seq, index } => {
                    let item = match seq {
                        Value::Str(text) => text.get(*index..).and_then(|rest| {
                            let c = rest.chars().next()?;
                            // Advance by the character's bytes less the 1 added below.
                            *index += c.len_utf8() - 1;
                            Some(Value::str(c.encode_utf8(&mut [0; 4]) as &str))
                        }),
                        _ => match seq.payload() {
                            Some(Payload::List(items)) => lock(items).get(*index).cloned(),
                            Some(Payload::Tuple(items)) => items.get(*index).cloned(),
                            _ => None,
                        },
                    };
                    match item {
                        Some(item) => {
                            *index += 1;
                            return Ok(Some(item));
                        }
                        None => {
                            *state = IterState::Exhausted;
                            return Ok(None);
                        }
                    }
                }
                _ => {}
            }
        }
        self.next(iterator)
    }

    pub fn next(&mut self, iterator: &Value) -> PyResult<Option<Value>> {
        match iterator.payload() {
            Some(Payload::Iterator(state)) => {
                let lazy = {
                    let mut guard = lock(state);
                    match &mut *guard {
                        IterState::Items { items, index } => {
                            let item = items.get(*index).cloned();
                            *index += 1;
                            return Ok(item);
                        }
                        IterState::Exhausted => return Ok(None),
                        IterState::Lazy(_) => std::mem::replace(&mut *guard, IterState::Exhausted),
                        _ => {
                            drop(guard);
                            return self.next_fast(iterator);
                        }
                    }
                };
                // Lazy iterators call back into Python: run without the lock held.
                let IterState::Lazy(mut lazy) = lazy else {
                    return Ok(None);
                };
                let result = self.next_lazy(&mut lazy);
                if let Ok(Some(_)) = result {
                    *lock(state) = IterState::Lazy(lazy);
                }
                result
            }
            Some(Payload::Generator(g)) if !g.is_coroutine => {
                match self.resume_generator(iterator, Value::None)? {
                    GenStep::Yielded(value) => Ok(Some(value)),
                    GenStep::Returned(_) => Ok(None),
                }
            }
            _ => match self.special_method(iterator, "__next__") {
                Some(method) => match self.call0(method) {
                    Ok(value) => Ok(Some(value)),
                    Err(error) if ops::is_exception_of(&error.0, "StopIteration") => Ok(None),
                    Err(error) => Err(error),
                },
                None => Err(exc(
                    "TypeError",
                    format!("'{}' object is not an iterator", type_name(iterator)),
                )),
            },
        }
    }

    fn next_lazy(&mut self, lazy: &mut LazyIter) -> PyResult<Option<Value>> {
        // A chain of map/zip/filter objects recurses here once per link.
        let _level = super::stack_guard::enter(super::stack_guard::MESSAGE)?;
        match lazy {
            LazyIter::Enumerate { inner, count } => {
                let Some(item) = self.next(&inner.clone())? else {
                    return Ok(None);
                };
                let current = count.clone();
                *count = ops::binary(self, BinOp::Add, &current, &Value::Int(1), false)?;
                Ok(Some(Value::obj(Payload::Tuple(vec![current, item]))))
            }
            LazyIter::Zip { inners } => {
                let mut items = Vec::with_capacity(inners.len());
                for inner in inners.clone() {
                    match self.next(&inner)? {
                        Some(item) => items.push(item),
                        None => return Ok(None),
                    }
                }
                if items.is_empty() {
                    return Ok(None);
                }
                Ok(Some(Value::obj(Payload::Tuple(items))))
            }
            LazyIter::Map { func, inners } => {
                let mut items = Vec::with_capacity(inners.len());
                for inner in inners.clone() {
                    match self.next(&inner)? {
                        Some(item) => items.push(item),
                        None => return Ok(None),
                    }
                }
                let result = self.call(func.clone(), Args::new(items))?;
                Ok(Some(result))
            }
            LazyIter::Filter { func, inner } => loop {
                let Some(item) = self.next(&inner.clone())? else {
                    return Ok(None);
                };
                let keep = if func.is_none() {
                    self.truthy(&item)?
                } else {
                    let verdict = self.call1(func.clone(), item.clone())?;
                    self.truthy(&verdict)?
                };
                if keep {
                    return Ok(Some(item));
                }
            },
            LazyIter::Reversed { seq, index } => {
                if *index == 0 {
                    return Ok(None);
                }
                *index -= 1;
                let item = ops::get_item(self, &seq.clone(), &Value::Int(*index as i64))?;
                Ok(Some(item))
            }
        }
    }

    /// What `await value` waits on: a coroutine itself, or the iterator its
    /// `__await__()` returns (CPython's `GET_AWAITABLE`).
    fn get_awaitable(&mut self, value: Value) -> PyResult<Value> {
        if let Some(Payload::Generator(g)) = value.payload() {
            if g.is_coroutine {
                return Ok(value);
            }
        }
        let Some(method) = self.special_method(&value, "__await__") else {
            return Err(exc(
                "TypeError",
                format!(
                    "object {} can't be used in 'await' expression",
                    type_name(&value)
                ),
            ));
        };
        let iterator = self.call0(method)?;
        match iterator.payload() {
            Some(Payload::Generator(g)) if g.is_coroutine => {
                Err(exc("TypeError", "__await__() returned a coroutine"))
            }
            Some(Payload::Generator(_) | Payload::Iterator(_)) => Ok(iterator),
            _ if self.special_method(&iterator, "__next__").is_some() => Ok(iterator),
            _ => Err(exc(
                "TypeError",
                format!(
                    "__await__() returned non-iterator of type '{}'",
                    type_name(&iterator)
                ),
            )),
        }
    }

    /// Runs a generator until its next `yield` (or its end).
    pub fn resume_generator(&mut self, generator: &Value, sent: Value) -> PyResult<GenStep> {
        self.resume(generator, Resume::Send(sent))
    }

    /// Resumes a generator or coroutine with a value (`send`) or an exception raised
    /// where it is paused (`throw`), and runs it until its next `yield` or its end.
    /// A frame paused in `yield from` / `await` passes a thrown exception on to the
    /// generator it delegates to first, as CPython does.
    pub fn resume(&mut self, generator: &Value, how: Resume) -> PyResult<GenStep> {
        let Some(Payload::Generator(gen)) = generator.payload() else {
            return Err(exc("TypeError", "not a generator"));
        };
        let state = &gen.state;
        let kind = gen.kind();
        let mut frame = {
            let mut guard = lock(state);
            match std::mem::replace(&mut *guard, GeneratorState::Running) {
                GeneratorState::Suspended(frame) => frame,
                GeneratorState::Running => {
                    *guard = GeneratorState::Running;
                    return Err(exc("ValueError", format!("{kind} already executing")));
                }
                GeneratorState::Finished => {
                    *guard = GeneratorState::Finished;
                    if gen.is_coroutine {
                        return Err(exc(
                            "RuntimeError",
                            "cannot reuse already awaited coroutine",
                        ));
                    }
                    return match how {
                        Resume::Send(_) => Ok(GenStep::Returned(Value::None)),
                        Resume::Throw(error) => Err(error),
                    };
                }
            }
        };
        let pending_error = match how {
            Resume::Send(sent) => {
                if frame.ip > 0 {
                    frame.stack.push(sent);
                } else if !sent.is_none() {
                    *lock(state) = GeneratorState::Suspended(frame);
                    return Err(exc(
                        "TypeError",
                        format!("can't send non-None value to a just-started {kind}"),
                    ));
                }
                None
            }
            Resume::Throw(error) => {
                // Only a `yield from` that yielded leaves its frame pointing at itself.
                let delegating = matches!(
                    frame.code.instructions.get(frame.ip),
                    Some(Instr::YieldFrom)
                );
                let delegate = frame.stack.last().cloned();
                match delegate {
                    Some(delegate)
                        if delegating
                            && matches!(delegate.payload(), Some(Payload::Generator(_))) =>
                    {
                        match self.resume(&delegate, Resume::Throw(error)) {
                            Ok(GenStep::Yielded(value)) => {
                                *lock(state) = GeneratorState::Suspended(frame);
                                return Ok(GenStep::Yielded(value));
                            }
                            Ok(GenStep::Returned(value)) => {
                                frame.stack.pop();
                                frame.stack.push(value);
                                frame.ip += 1;
                                None
                            }
                            Err(error) => {
                                frame.stack.pop();
                                frame.ip += 1;
                                Some(error)
                            }
                        }
                    }
                    _ => {
                        if delegating {
                            frame.stack.pop();
                            frame.ip += 1;
                        }
                        Some(error)
                    }
                }
            }
        };
        let base = self.frames.len();
        if base >= self.rt.recursion_limit.load(Ordering::Relaxed) {
            *lock(state) = GeneratorState::Suspended(frame);
            return Err(exc("RecursionError", "maximum recursion depth exceeded"));
        }
        self.frames.push(*frame);
        let outcome = match pending_error {
            None => self.execute(base),
            Some(error) => {
                self.set_context(&error);
                if self.handle_exception(error.clone(), base) {
                    self.execute(base)
                } else {
                    Err(error)
                }
            }
        };
        match outcome {
            Ok(Flow::Yield(value)) => {
                let frame = self.frames.pop().expect("the generator frame yielded");
                *lock(state) = GeneratorState::Suspended(Box::new(frame));
                Ok(GenStep::Yielded(value))
            }
            Ok(Flow::Return(value)) => {
                *lock(state) = GeneratorState::Finished;
                Ok(GenStep::Returned(value))
            }
            Ok(Flow::Switch | Flow::Suspend) => {
                *lock(state) = GeneratorState::Finished;
                Ok(GenStep::Returned(Value::None))
            }
            Err(error) => {
                *lock(state) = GeneratorState::Finished;
                if ops::is_exception_of(&error.0, "StopIteration") {
                    let replaced = exc("RuntimeError", format!("{kind} raised StopIteration"));
                    if let Some(data) = exception_data(&replaced.0) {
                        let mut data = lock(data);
                        data.cause = Some(error.0.clone());
                        data.suppress_context = true;
                    }
                    return Err(replaced);
                }
                Err(error)
            }
        }
    }

    /// All items of an iterable.
    pub fn collect(&mut self, value: &Value) -> PyResult<Vec<Value>> {
        match value.payload() {
            Some(Payload::List(items)) => {
                let items = lock(items);
                super::memory::check_items(items.len(), std::mem::size_of::<Value>())?;
                return Ok(items.clone());
            }
            Some(Payload::Tuple(items)) => {
                super::memory::check_items(items.len(), std::mem::size_of::<Value>())?;
                return Ok(items.clone());
            }
            _ => {}
        }
        let iterator = self.get_iter(value)?;
        let mut items = Vec::new();
        while let Some(item) = self.next_fast(&iterator)? {
            if items.len() == items.capacity() {
                // A loop in Rust has no eval breaker: look up when the buffer grows.
                super::memory::check_push(&items)?;
                self.check_interrupts()?;
            }
            items.push(item);
        }
        Ok(items)
    }

    /// For long loops in Rust (collecting an iterator): the stop flag and the memory
    /// budget, without giving the GIL away (CPython holds it through such a call).
    pub fn check_interrupts(&self) -> PyResult<()> {
        if self.rt.stop.is_requested() {
            return Err(self.stop_error());
        }
        if super::memory::over_budget() && super::memory::claim_memory_error() {
            return Err(super::memory::memory_error());
        }
        Ok(())
    }

    pub fn mapping_items(&mut self, value: &Value) -> PyResult<Vec<(Key, Value)>> {
        match value.payload() {
            Some(Payload::Dict(dict)) => Ok(lock(dict)
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()),
            _ => {
                let Some(keys) = self.special_method(value, "keys") else {
                    return Err(exc(
                        "TypeError",
                        format!("'{}' object is not a mapping", type_name(value)),
                    ));
                };
                let keys = self.call0(keys)?;
                let keys = self.collect(&keys)?;
                let mut pairs = Vec::new();
                for key in keys {
                    let item = ops::get_item(self, value, &key)?;
                    pairs.push((self.key(key)?, item));
                }
                Ok(pairs)
            }
        }
    }

    // ------------------------------------------------------------------ conversions

    pub fn key(&mut self, value: Value) -> PyResult<Key> {
        let hash = ops::hash(self, &value)?;
        Ok(Key { hash, value })
    }

    /// The key to use for `value` in the dict or set `container`. `Key` equality cannot
    /// run Python, so for an instance whose class defines `__eq__` in Python, the stored
    /// keys with the same hash are compared here with `==` (no lock held meanwhile) and
    /// the matching stored key is returned, for the real lookup to find.
    pub fn key_in(&mut self, container: &Value, value: Value) -> PyResult<Key> {
        let key = self.key(value)?;
        if !has_python_eq(&key.value) {
            return Ok(key);
        }
        let hash = key.hash;
        let candidates: Vec<Key> = match container.payload() {
            Some(Payload::Dict(dict)) => lock(dict)
                .keys()
                .filter(|k| k.hash == hash)
                .cloned()
                .collect(),
            Some(Payload::Set(set)) => lock(set)
                .iter()
                .filter(|k| k.hash == hash)
                .cloned()
                .collect(),
            Some(Payload::FrozenSet(set)) => {
                set.iter().filter(|k| k.hash == hash).cloned().collect()
            }
            _ => Vec::new(),
        };
        self.match_key(key, candidates)
    }

    /// Like [`Vm::key_in`], for keys of a collection still being built.
    pub fn key_among<'a>(
        &mut self,
        value: Value,
        stored: impl Iterator<Item = &'a Key>,
    ) -> PyResult<Key> {
        let key = self.key(value)?;
        if !has_python_eq(&key.value) {
            return Ok(key);
        }
        let hash = key.hash;
        let candidates: Vec<Key> = stored.filter(|k| k.hash == hash).cloned().collect();
        self.match_key(key, candidates)
    }

    fn match_key(&mut self, key: Key, candidates: Vec<Key>) -> PyResult<Key> {
        for candidate in candidates {
            if candidate.value.is(&key.value) || ops::equal(self, &candidate.value, &key.value)? {
                return Ok(candidate);
            }
        }
        Ok(key)
    }

    pub fn truthy(&mut self, value: &Value) -> PyResult<bool> {
        ops::truthy(self, value)
    }

    pub fn repr(&mut self, value: &Value) -> PyResult<String> {
        ops::repr(self, value)
    }

    pub fn to_str(&mut self, value: &Value) -> PyResult<String> {
        ops::to_str(self, value)
    }

    pub fn format(&mut self, value: &Value, spec: &str) -> PyResult<String> {
        ops::format(self, value, spec)
    }

    // ------------------------------------------------------------------ modules

    pub fn import(&mut self, name: &str) -> PyResult<Value> {
        if let Some(module) = lock(&self.rt.modules).get(name) {
            return Ok(module.clone());
        }
        let module = super::modules::create(self, name)?;
        lock(&self.rt.modules).insert(name.to_string(), module.clone());
        Ok(module)
    }

    /// The exception currently being handled (for `sys.exc_info` and bare `raise`).
    pub fn current_exception(&self) -> Option<&Value> {
        self.exc_stack.last()
    }

    /// The frame of the caller of a built-in (for `super()` without arguments).
    pub fn caller_frame(&self) -> Option<&Frame> {
        self.frames.last()
    }

    /// Runs a class body function with `namespace` as its local namespace.
    pub fn run_class_body(
        &mut self,
        body: &Value,
        namespace: Arc<Mutex<AttrMap>>,
    ) -> PyResult<Value> {
        let Some(Payload::Function(function)) = body.payload() else {
            return Err(exc("TypeError", "__build_class__: func must be a function"));
        };
        let mut frame = self.function_frame(function, Args::default())?;
        frame.class_ns = Some(namespace);
        if frame.cells.len() < function.code.cellvars.len() {
            frame.cells = function
                .code
                .cellvars
                .iter()
                .map(|_| Value::obj(Payload::Cell(Mutex::new(None))))
                .collect();
            frame.cells.extend(function.closure.iter().cloned());
        }
        self.run_frame(frame)
    }
}

const STOP_CLASS_NAME: &str = "ThreadplayStop";

/// Whether `value` is an instance of a class that defines `__eq__` in Python.
fn has_python_eq(value: &Value) -> bool {
    match value.payload() {
        Some(Payload::Instance(instance)) => matches!(
            types::lookup_in_class(&instance.class, "__eq__")
                .as_ref()
                .and_then(|f| f.payload()),
            Some(Payload::Function(_))
        ),
        _ => false,
    }
}

fn add_traceback(error: &Value, entry: TracebackEntry, frame_id: u64) {
    if let Some(data) = exception_data(error) {
        let mut data = lock(data);
        // A bare re-raise in the same frame must not list that frame twice.
        if data.traceback_frames.last() == Some(&frame_id) {
            return;
        }
        data.traceback.push(entry);
        data.traceback_frames.push(frame_id);
    }
}

fn cell_name(code: &CodeObject, index: usize) -> Name {
    if index < code.cellvars.len() {
        code.cellvars[index].clone()
    } else {
        code.freevars
            .get(index - code.cellvars.len())
            .cloned()
            .unwrap_or_else(|| "?".into())
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn join_names(names: &[Name]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

pub fn name_error(name: &str) -> PyErr {
    let error = exc("NameError", format!("name '{name}' is not defined"));
    if let Some(Payload::Instance(instance)) = error.0.payload() {
        lock(&instance.dict).insert("name".into(), Value::str(name));
    }
    error
}

pub fn attribute_error(object: &Value, name: &str) -> PyErr {
    let error = exc(
        "AttributeError",
        format!("'{}' object has no attribute '{name}'", type_name(object)),
    );
    if let Some(Payload::Instance(instance)) = error.0.payload() {
        let mut dict = lock(&instance.dict);
        dict.insert("name".into(), Value::str(name));
        dict.insert("obj".into(), object.clone());
    }
    error
}

pub fn not_callable(value: &Value) -> PyErr {
    exc(
        "TypeError",
        format!("'{}' object is not callable", type_name(value)),
    )
}

pub fn not_iterable(value: &Value) -> PyErr {
    exc(
        "TypeError",
        format!("'{}' object is not iterable", type_name(value)),
    )
}
