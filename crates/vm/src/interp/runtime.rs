//! The `Runtime`: everything the threads of one run share (host, stop signal, thread
//! driver, builtins, modules, GIL, trace, deadlock graph), and its construction.
//!
//! It holds shared state only: it must never run Python code or know about one thread's
//! frames (that is `Vm`'s job).

use crate::code::Name;
use crate::scheduler::{OsThreads, Scheduling, ThreadDriver, VirtualScheduler};
use crate::value::*;
use crate::Host;
use sched::stop::StopSignal;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize};
use std::sync::{Arc, Mutex};

/// Deepest Python call stack allowed (CPython's default recursion limit).
const DEFAULT_RECURSION_LIMIT: usize = 1000;

/// Python threads whose states a run records (more still run, untraced).
pub const MAX_TRACED_THREADS: usize = 64;

/// Everything the threads of one run share.
pub struct Runtime {
    pub host: Arc<dyn Host>,
    /// The run's one stop signal: polled at eval breakers, it also wakes every sleeping
    /// or waiting thread of the run.
    pub stop: StopSignal,
    /// The `builtins` namespace (read through each thread's snapshot).
    pub(crate) builtins: super::builtin_names::BuiltinNames,
    pub modules: Mutex<HashMap<String, Value>>,
    /// Source lines of every file that was compiled, for tracebacks.
    pub sources: Mutex<HashMap<String, Arc<Vec<String>>>>,
    pub(crate) switch_interval: Mutex<f64>,
    pub(crate) random: crate::value::Mutex<crate::pyrandom::MersenneTwister>,
    pub(crate) recursion_limit: AtomicUsize,
    /// Marks "no self" in the LoadMethod/CallMethod pair.
    pub(super) no_self: Value,
    pub(super) gil_model: crate::GilModel,
    pub(super) gil: sched::gil::Gil,
    /// Where every Python thread records its state changes (for the timeline).
    pub(super) trace: Arc<trace::Trace>,
    /// Who holds and waits for which lock, for deadlock detection.
    pub waits: sched::deadlock::WaitGraph,
    /// The deadlock report, once one was found (the run is then stopped).
    pub deadlock: Mutex<Option<String>>,
    /// The main module's globals (to name locks in deadlock reports).
    pub main_globals: Mutex<Option<Arc<Globals>>>,
    /// Python thread ids handed out so far (the main thread is 1), shared by every
    /// process of the run so a thread id names one thread of the whole run (the
    /// virtual scheduler keys its threads by it).
    pub(crate) next_thread_id: Arc<AtomicU64>,
    /// Which process of the run this runtime is (`multiprocessing`): the main one, or
    /// a child started by `Process.start`, with its own GIL, modules and builtins.
    pub(crate) process: crate::processes::Identity,
    /// What every blocking call, clock reading and thread start goes through.
    pub(crate) driver: Arc<dyn ThreadDriver>,
    /// The virtual scheduler, when every Python thread of the run is interleaved on one
    /// OS thread (None: one real thread per Python thread). Only the interpreter's core
    /// looks at it (it counts instructions for it); built-ins go through `driver`.
    pub(crate) virtual_sched: Option<Arc<VirtualScheduler>>,
    /// The program's own file (its code objects share this name): lines in it are what
    /// the trace reports as a thread's current line.
    pub main_file: std::sync::OnceLock<Name>,
    /// Globals whose values the trace samples (the demo's counters).
    pub watched: std::sync::OnceLock<Vec<Name>>,
    /// Where `input()` reads its lines: set by the engine before the run starts; a run
    /// without one reads end of input (as `python3 < /dev/null`).
    pub stdin: std::sync::OnceLock<Arc<sched::input::Stdin>>,
    /// Trace lane of each Python thread id, for events recorded on a thread's behalf.
    pub(super) lanes: Mutex<HashMap<u64, usize>>,
    /// Python names of locks already looked up for the trace.
    lock_names: Mutex<HashMap<usize, Option<String>>>,
}

impl Runtime {
    /// A runtime whose threads `scheduling` runs; on the virtual scheduler `random`
    /// starts from the scheduler's seed, so a run replays exactly.
    pub fn build(
        host: Arc<dyn Host>,
        stop: StopSignal,
        gil_model: crate::GilModel,
        trace: Arc<trace::Trace>,
        scheduling: Scheduling,
    ) -> Arc<Runtime> {
        let interval = std::time::Duration::from_millis(5);
        let (driver, virtual_sched): (Arc<dyn ThreadDriver>, _) = match scheduling {
            Scheduling::OsThreads => (Arc::new(OsThreads), None),
            Scheduling::Virtual(sched) => (sched.clone(), Some(sched)),
        };
        // On the virtual scheduler only one thread ever runs at a time and the scheduler
        // plays the GIL's part, so the real GIL stays out of the way.
        let gil = match (gil_model, &virtual_sched) {
            (crate::GilModel::Free, _) | (_, Some(_)) => sched::gil::Gil::free_threaded(),
            _ => sched::gil::Gil::new(interval),
        };
        let entropy = match &virtual_sched {
            Some(sched) => sched.seed(),
            None => (host.wall_clock() * 1e9) as u64,
        };
        let builtins = super::builtin_names::BuiltinNames::new();
        // `builtins` is imported from the start, as in CPython.
        let modules = HashMap::from([("builtins".to_string(), builtins.module())]);
        Arc::new(Runtime {
            host,
            stop,
            builtins,
            modules: Mutex::new(modules),
            sources: Mutex::new(HashMap::new()),
            switch_interval: Mutex::new(0.005),
            random: crate::value::Mutex::new(crate::pyrandom::MersenneTwister::from_entropy(
                entropy,
            )),
            recursion_limit: AtomicUsize::new(DEFAULT_RECURSION_LIMIT),
            no_self: Value::obj(Payload::Tuple(Vec::new())),
            gil_model,
            gil,
            trace,
            waits: Default::default(),
            deadlock: Mutex::new(None),
            main_globals: Mutex::new(None),
            next_thread_id: Arc::new(AtomicU64::new(1)),
            process: crate::processes::Identity::main(),
            driver,
            virtual_sched,
            main_file: std::sync::OnceLock::new(),
            watched: std::sync::OnceLock::new(),
            stdin: std::sync::OnceLock::new(),
            lanes: Mutex::new(HashMap::new()),
            lock_names: Mutex::new(HashMap::new()),
        })
    }

    /// A runtime for a child process of `parent`'s run: its own GIL, modules, builtins,
    /// recursion limit and `random`, sharing only the host (output), the stop signal,
    /// the trace, the thread driver and the thread-id counter.
    pub(crate) fn child(parent: &Runtime, process: crate::processes::Identity) -> Arc<Runtime> {
        let interval = std::time::Duration::from_secs_f64(*lock(&parent.switch_interval));
        let gil = match (parent.gil_model, &parent.virtual_sched) {
            (crate::GilModel::Free, _) | (_, Some(_)) => sched::gil::Gil::free_threaded(),
            _ => sched::gil::Gil::new(interval),
        };
        let entropy = match &parent.virtual_sched {
            // Deterministic per child on the virtual scheduler.
            Some(sched) => sched.seed() ^ process.pid.wrapping_mul(0x9E37_79B9_7F4A_7C15),
            None => (parent.host.wall_clock() * 1e9) as u64 ^ process.pid,
        };
        let builtins = super::builtin_names::BuiltinNames::new();
        let modules = HashMap::from([("builtins".to_string(), builtins.module())]);
        let sources = lock(&parent.sources).clone();
        let main_file = std::sync::OnceLock::new();
        if let Some(file) = parent.main_file.get() {
            let _ = main_file.set(file.clone());
        }
        Arc::new(Runtime {
            host: parent.host.clone(),
            stop: parent.stop.clone(),
            builtins,
            modules: Mutex::new(modules),
            sources: Mutex::new(sources),
            switch_interval: Mutex::new(*lock(&parent.switch_interval)),
            random: crate::value::Mutex::new(crate::pyrandom::MersenneTwister::from_entropy(
                entropy,
            )),
            recursion_limit: AtomicUsize::new(DEFAULT_RECURSION_LIMIT),
            no_self: Value::obj(Payload::Tuple(Vec::new())),
            gil_model: parent.gil_model,
            gil,
            trace: parent.trace.clone(),
            waits: Default::default(),
            deadlock: Mutex::new(None),
            main_globals: Mutex::new(None),
            next_thread_id: parent.next_thread_id.clone(),
            process,
            driver: parent.driver.clone(),
            virtual_sched: parent.virtual_sched.clone(),
            main_file,
            watched: std::sync::OnceLock::new(),
            lanes: Mutex::new(HashMap::new()),
            lock_names: Mutex::new(HashMap::new()),
            // A child's stdin is closed, as CPython's multiprocessing makes it
            // (os.devnull): input() in a child raises EOFError at once.
            stdin: std::sync::OnceLock::new(),
        })
    }

    /// Keeps the first deadlock report of the run and stops it.
    pub(crate) fn report_deadlock(&self, report: String) {
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
    pub(super) fn trace_now_ns(&self) -> u64 {
        match &self.virtual_sched {
            Some(sched) => sched.now_ns(),
            None => trace::clock::now_ns(),
        }
    }

    /// Records an instant event for Python thread `thread_id` (from any thread).
    pub(crate) fn mark_thread(&self, thread_id: u64, kind: trace::MarkKind) {
        let lane = lock(&self.lanes).get(&thread_id).copied();
        if let Some(lane) = lane {
            self.trace.mark(lane, self.trace_now_ns(), kind);
        }
    }

    /// A lock's Python name for the trace, looked up once per lock.
    pub(crate) fn traced_lock_name(&self, key: usize) -> Option<String> {
        if let Some(known) = lock(&self.lock_names).get(&key) {
            return known.clone();
        }
        let name = crate::threads::lock_name(self, key);
        lock(&self.lock_names).insert(key, name.clone());
        name
    }

    /// True when a thread must look up from its work: a stop, a GIL drop request, or
    /// the live heap past the allocation budget.
    #[inline]
    pub(super) fn needs_attention(&self) -> bool {
        self.stop.is_requested() || self.gil.drop_requested() || crate::memory::over_budget()
    }
}
