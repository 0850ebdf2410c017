//! `_processes`: the native core of `multiprocessing` (written in Python, in
//! `pylib/multiprocessing.py`). A process is an isolated interpreter: a child
//! [`Runtime`] with its own GIL, modules, builtins, recursion limit and `random`, sharing
//! only the run's host, stop signal, trace and thread driver. Its main thread starts,
//! like CPython's spawn start method, by running the main module as `__mp_main__`,
//! then the target the parent named.
//!
//! What crosses between processes lives outside every runtime: the objects here
//! (queues, locks, events, shared arrays, process handles) are plain Rust behind an
//! `Arc`, and the only Python values they carry are immutable trees (tuples of None,
//! bool, int, float, str) that `multiprocessing.py` builds as pickling would, so no
//! mutable Python object is ever reachable from two runtimes. Waiting goes through the
//! run's thread driver, as every lock and queue does.
//!
//! It must never hand a mutable Python object of one runtime to another, and never block
//! by itself.

use crate::builtins::new_tuple;
use crate::interp::{exc, Runtime, Vm};
use crate::scheduler::Wait;
use crate::types::{type_name, ExcType};
use crate::value::{lock, Args, AttrMap, Builtin, BuiltinFn, Function, Globals, Module};
use crate::value::{NativeObject, Payload, Value};
use crate::PyResult;
use sched::wait::WaitWord;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use trace::ThreadState;

/// Which process of the run a runtime is.
pub(crate) struct Identity {
    pub(crate) pid: u64,
    pub(crate) name: String,
    pub(crate) parent_pid: Option<u64>,
    /// A child's handle (its target, its exit code); None for the main process.
    handle: Option<Value>,
    /// Process ids handed out in this run (shared by all its processes).
    next_pid: Arc<AtomicU64>,
}

impl Identity {
    /// The run's main process.
    pub(crate) fn main() -> Identity {
        #[cfg(not(target_arch = "wasm32"))]
        let pid = u64::from(std::process::id());
        #[cfg(target_arch = "wasm32")]
        let pid = 1000;
        Identity {
            pid,
            name: "MainProcess".to_string(),
            parent_pid: None,
            handle: None,
            next_pid: Arc::new(AtomicU64::new(pid + 1)),
        }
    }

    /// Whether this is the run's main process.
    pub(crate) fn is_main(&self) -> bool {
        self.handle.is_none()
    }

    /// The process a thread's trace lane belongs to: 0 for the run's main process (its
    /// lanes and GIL lane stay as they were before processes), the pid for a child, so
    /// each child's GIL hand-offs go to its own GIL lane.
    pub(crate) fn trace_process(&self) -> u64 {
        if self.is_main() {
            0
        } else {
            self.pid.max(1)
        }
    }

    /// The name a thread's trace lane carries: the thread's, prefixed by the process's
    /// in a child, so the timeline and the console can group lanes by process.
    pub(crate) fn lane_name(&self, thread: &str) -> String {
        match self.handle {
            None => thread.to_string(),
            Some(_) => format!("{} · {thread}", self.name),
        }
    }
}

// ------------------------------------------------------------------ shared objects

const DONE: i32 = 1;
const WAKE: i32 = 2;

/// A child process as its parent (and the child itself) sees it.
struct ProcessHandle {
    pid: u64,
    /// What the child calls: an immutable tree built by `multiprocessing.py`.
    payload: Value,
    exitcode: Mutex<Option<i64>>,
    /// Bit 0: the process has ended; the bits above count wake-ups.
    state: WaitWord,
}

/// A multiprocessing queue (also each direction of a `Pipe`).
struct SharedQueue {
    items: Mutex<VecDeque<Value>>,
    /// Changed by every put and by `close`, so waiters look again.
    word: WaitWord,
    /// Open write ends (a `Pipe`'s connections, one per process holding a copy):
    /// when the last closes, a reader with nothing left gets EOF.
    writers: AtomicI64,
}

/// A lock shared between processes (`multiprocessing.Lock`, `RLock`).
struct SharedLock {
    /// Bit 0: held; the bits above count wake-ups.
    word: WaitWord,
    owner: AtomicU64,
    count: AtomicU64,
    recursive: bool,
}

/// A flag shared between processes (`multiprocessing.Event`).
struct SharedEvent {
    /// Bit 0: set; the bits above count wake-ups.
    word: WaitWord,
}

/// Shared memory (`Value`, `Array`): each slot one atomic word, read and written
/// separately, so `v.value += 1` from two processes can lose an update, as in CPython.
struct SharedArray {
    typecode: char,
    slots: Vec<AtomicU64>,
}

macro_rules! native {
    ($ty:ty, $name:expr) => {
        impl NativeObject for $ty {
            fn type_name(&self) -> &'static str {
                $name
            }
            fn as_any(&self) -> &dyn std::any::Any {
                self
            }
        }
    };
}
native!(ProcessHandle, "_processes.process");
native!(SharedQueue, "_processes.queue");
native!(SharedLock, "_processes.lock");
native!(SharedEvent, "_processes.event");
native!(SharedArray, "_processes.array");

fn downcast<T: 'static>(value: &Value) -> Option<&T> {
    match value.payload() {
        Some(Payload::Native(native)) => native.as_any().downcast_ref::<T>(),
        _ => None,
    }
}

fn arg<'a, T: 'static>(args: &'a Args, index: usize, what: &str) -> PyResult<&'a T> {
    args.positional
        .get(index)
        .and_then(downcast::<T>)
        .ok_or_else(|| exc(ExcType::TypeError, format!("expected a shared {what}")))
}

fn positional(args: &Args, index: usize) -> Value {
    args.positional.get(index).cloned().unwrap_or(Value::None)
}

/// A timeout argument: None (no limit) or seconds, not negative.
fn timeout_of(value: &Value) -> PyResult<Option<u64>> {
    match value {
        Value::None => Ok(None),
        other => {
            let seconds = crate::ops::to_f64(other).ok_or_else(|| {
                exc(
                    ExcType::TypeError,
                    format!(
                        "'{}' object cannot be interpreted as an integer",
                        type_name(other)
                    ),
                )
            })?;
            let seconds = seconds.max(0.0);
            Ok(Some(
                Duration::try_from_secs_f64(seconds)
                    .unwrap_or(Duration::MAX)
                    .as_nanos()
                    .min(u64::MAX as u128) as u64,
            ))
        }
    }
}

/// Truth of a plain argument (the wrappers pass bools and None).
fn truthy_value(value: &Value) -> bool {
    !matches!(value, Value::None | Value::Bool(false) | Value::Int(0))
}

fn wake_word(word: &WaitWord) {
    word.add(WAKE);
}

/// Blocks through the run's driver (dropping the GIL) until `poll` succeeds.
fn block(
    vm: &mut Vm,
    object: &Value,
    poll: fn(&Runtime, &Value, u64) -> Option<Value>,
    word: fn(&Value) -> Option<&WaitWord>,
    timeout_ns: Option<u64>,
    on_timeout: Value,
) -> PyResult<Value> {
    let wait = Wait {
        object: object.clone(),
        poll,
        timeout_ns,
        on_timeout,
        state: ThreadState::Blocked,
        lock: None,
        word,
        wake: wake_word,
    };
    let driver = Arc::clone(&vm.rt.driver);
    driver.block(vm, wait)
}

fn builtin(name: &'static str, func: BuiltinFn) -> Value {
    Value::obj(Payload::Builtin(Builtin {
        name,
        func,
        bound: None,
        owner: None,
        arity: None,
        direct: crate::value::DirectCall::Other,
    }))
}

/// The `_processes` module.
pub(crate) fn module() -> Value {
    let functions: &[(&'static str, BuiltinFn)] = &[
        ("start", start),
        ("join", join),
        ("exitcode", exitcode),
        ("pid", pid),
        ("identity", identity),
        ("payload", payload),
        ("finish", finish),
        ("run_main", run_main),
        ("report", report),
        ("cpu_count", cpu_count),
        ("lookup", lookup),
        ("is_shared", is_shared),
        ("queue_new", queue_new),
        ("queue_put", queue_put),
        ("queue_get", queue_get),
        ("queue_size", queue_size),
        ("queue_wait", queue_wait),
        ("queue_close", queue_close),
        ("queue_open", queue_open),
        ("lock_new", lock_new),
        ("lock_acquire", lock_acquire),
        ("lock_release", lock_release),
        ("lock_locked", lock_locked),
        ("event_new", event_new),
        ("event_set", event_set),
        ("event_clear", event_clear),
        ("event_is_set", event_is_set),
        ("event_wait", event_wait),
        ("array_new", array_new),
        ("array_get", array_get),
        ("array_set", array_set),
        ("array_len", array_len),
    ];
    let globals = Arc::new(Globals {
        name: "_processes".into(),
        version: Default::default(),
        vars: crate::value::Mutex::new(
            functions
                .iter()
                .map(|(name, func)| (Arc::from(*name), builtin(name, *func)))
                .collect(),
        ),
    });
    globals
        .write()
        .insert("__name__".into(), Value::str("_processes"));
    Value::obj(Payload::Module(Module {
        name: "_processes".into(),
        globals,
    }))
}

// ------------------------------------------------------------------ processes

/// How the child's main thread begins: run the main module as `__mp_main__`, then the
/// target (`multiprocessing._child_bootstrap`). A Python function, so on the virtual
/// scheduler the child's main thread can be suspended anywhere in the target.
const BOOT_SOURCE: &str = "\
def _boot(handle):
    import _processes
    try:
        _processes.run_main()
    except BaseException as error:
        _processes.report(error)
        _processes.finish(handle, 1)
        return
    import multiprocessing
    multiprocessing._child_bootstrap(handle)
";

/// The boot function, made in the child's runtime (its globals are the child's).
fn boot_function() -> PyResult<Value> {
    let module = crate::code::compile_module(BOOT_SOURCE, "spawn.py")
        .map_err(|error| exc(ExcType::SystemError, error.to_string()))?;
    let code = module
        .consts
        .iter()
        .find_map(|c| match c.payload() {
            Some(Payload::Code(code)) => Some(code.clone()),
            _ => None,
        })
        .ok_or_else(|| exc(ExcType::SystemError, "spawn: no boot code"))?;
    let globals = Arc::new(Globals {
        name: "multiprocessing.spawn".into(),
        version: Default::default(),
        vars: crate::value::Mutex::new(AttrMap::default()),
    });
    globals
        .write()
        .insert("__name__".into(), Value::str("multiprocessing.spawn"));
    Ok(Value::obj(Payload::Function(Box::new(Function {
        name: code.name.clone(),
        qualname: code.qualname.clone(),
        code,
        globals,
        defaults: Vec::new(),
        kwdefaults: Vec::new(),
        closure: Vec::new(),
        attrs: crate::value::Mutex::new(AttrMap::default()),
    }))))
}

/// `start(name, payload)`: starts a child process whose main thread runs the main
/// module, then `payload`'s target; returns its handle.
fn start(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let name = match args.positional.first() {
        Some(Value::Str(name)) => name.to_string(),
        _ => "Process".to_string(),
    };
    let payload = positional(&args, 1);
    let pid = vm.rt.process.next_pid.fetch_add(1, Ordering::AcqRel);
    let handle = Value::obj(Payload::Native(Box::new(ProcessHandle {
        pid,
        payload,
        exitcode: Mutex::new(None),
        state: WaitWord::new(0),
    })));
    let identity = Identity {
        pid,
        name,
        parent_pid: Some(vm.rt.process.pid),
        handle: Some(handle.clone()),
        next_pid: vm.rt.process.next_pid.clone(),
    };
    let child_rt = Runtime::child(&vm.rt, identity);
    let child = Vm::named(child_rt, "MainThread");
    let lane = child.rt.process.lane_name("MainThread");
    let boot = boot_function()?;
    vm.rt
        .driver
        .spawn(
            &lane,
            child,
            boot,
            Args::new(smallvec::smallvec![handle.clone()]),
        )
        .map_err(|_| exc(ExcType::RuntimeError, "can't start new process"))?;
    Ok(handle)
}

fn poll_process(_rt: &Runtime, value: &Value, _thread: u64) -> Option<Value> {
    let handle = downcast::<ProcessHandle>(value)?;
    (handle.state.load() & DONE != 0).then_some(Value::Bool(true))
}

fn process_word(value: &Value) -> Option<&WaitWord> {
    downcast::<ProcessHandle>(value).map(|h| &h.state)
}

/// `join(handle, timeout)`: True once the process ended, False after the timeout.
fn join(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let handle = arg::<ProcessHandle>(&args, 0, "process")?;
    if handle.state.load() & DONE != 0 {
        return Ok(Value::Bool(true));
    }
    let timeout = timeout_of(&positional(&args, 1))?;
    if timeout == Some(0) {
        return Ok(Value::Bool(false));
    }
    block(
        vm,
        &args.positional[0],
        poll_process,
        process_word,
        timeout,
        Value::Bool(false),
    )
}

fn exitcode(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let handle = arg::<ProcessHandle>(&args, 0, "process")?;
    Ok(match *lock(&handle.exitcode) {
        Some(code) => Value::Int(code),
        None => Value::None,
    })
}

fn pid(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let handle = arg::<ProcessHandle>(&args, 0, "process")?;
    Ok(Value::Int(handle.pid as i64))
}

/// `identity()`: (name, pid, parent pid or None, this child's handle or None).
fn identity(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let process = &vm.rt.process;
    Ok(new_tuple(vec![
        Value::str(process.name.as_str()),
        Value::Int(process.pid as i64),
        process
            .parent_pid
            .map_or(Value::None, |p| Value::Int(p as i64)),
        process.handle.clone().unwrap_or(Value::None),
    ]))
}

/// `payload(handle)`: what `start` was given.
fn payload(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let handle = arg::<ProcessHandle>(&args, 0, "process")?;
    Ok(handle.payload.clone())
}

/// `finish(handle, code)`: the process ended with exit code `code`.
fn finish(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let handle = arg::<ProcessHandle>(&args, 0, "process")?;
    let code = match positional(&args, 1) {
        Value::Int(code) => code,
        Value::Bool(b) => i64::from(b),
        Value::None => 0,
        _ => 1,
    };
    *lock(&handle.exitcode) = Some(code);
    handle.state.fetch_or(DONE);
    handle.state.add(WAKE);
    Ok(Value::None)
}

/// `run_main()`: runs the program's main module in this (child) runtime as
/// `__mp_main__`, also known there as `__main__`, as CPython's spawn does.
fn run_main(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let rt = vm.rt.clone();
    let Some(file) = rt.main_file.get().cloned() else {
        return Ok(Value::None);
    };
    let lines = lock(&rt.sources).get(&*file).cloned().unwrap_or_default();
    let source = lines.join("\n");
    let code = crate::code::compile_module(&source, &file)
        .map_err(|error| exc(ExcType::RuntimeError, error.to_string()))?;
    let globals = Arc::new(Globals {
        name: "__mp_main__".into(),
        version: Default::default(),
        vars: crate::value::Mutex::new(AttrMap::default()),
    });
    globals
        .write()
        .insert("__name__".into(), Value::str("__mp_main__"));
    let module = Value::obj(Payload::Module(Module {
        name: "__mp_main__".into(),
        globals: globals.clone(),
    }));
    {
        let mut modules = lock(&rt.modules);
        modules.insert("__mp_main__".to_string(), module.clone());
        modules.insert("__main__".to_string(), module);
    }
    *lock(&rt.main_globals) = Some(globals.clone());
    vm.run_module(code, globals)?;
    Ok(Value::None)
}

/// `report(error)`: prints an exception's traceback on stderr, as a child does.
fn report(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let error = positional(&args, 0);
    if let Some(Payload::Instance(_)) = error.payload() {
        let text = crate::traceback::format_exception(vm, &error);
        vm.write_output(true, &text);
    }
    Ok(Value::None)
}

/// `cpu_count()`: the cores the run may use (2 on the virtual scheduler's machine).
fn cpu_count(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    if vm.rt.virtual_sched.is_some() {
        return Ok(Value::Int(crate::scheduler::VIRTUAL_CORES as i64));
    }
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    Ok(Value::Int(cores as i64))
}

/// `lookup(module, qualname)`: the object pickling would find for a reference, or
/// None. `__main__` and `__mp_main__` both name this process's main module.
fn lookup(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (Value::Str(module), Value::Str(qualname)) = (positional(&args, 0), positional(&args, 1))
    else {
        return Ok(Value::None);
    };
    let mut parts = qualname.split('.');
    let first = parts.next().unwrap_or_default();
    let mut object = if &*module == "__main__" || &*module == "__mp_main__" {
        let globals = lock(&vm.rt.main_globals).clone();
        match globals.and_then(|g| lock(&g.vars).get(first).cloned()) {
            Some(value) => value,
            None => return Ok(Value::None),
        }
    } else {
        let Ok(module) = vm.import(&module) else {
            return Ok(Value::None);
        };
        match vm.get_attr(&module, &Arc::from(first)) {
            Ok(value) => value,
            Err(_) => return Ok(Value::None),
        }
    };
    for part in parts {
        object = match vm.get_attr(&object, &Arc::from(part)) {
            Ok(value) => value,
            Err(_) => return Ok(Value::None),
        };
    }
    Ok(object)
}

/// `is_shared(x)`: whether `x` is one of the objects here, which cross processes as
/// themselves.
fn is_shared(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let value = positional(&args, 0);
    Ok(Value::Bool(
        downcast::<SharedQueue>(&value).is_some()
            || downcast::<SharedLock>(&value).is_some()
            || downcast::<SharedEvent>(&value).is_some()
            || downcast::<SharedArray>(&value).is_some()
            || downcast::<ProcessHandle>(&value).is_some(),
    ))
}

// ------------------------------------------------------------------ queues

fn queue_new(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::obj(Payload::Native(Box::new(SharedQueue {
        items: Mutex::new(VecDeque::new()),
        word: WaitWord::new(0),
        writers: AtomicI64::new(1),
    }))))
}

/// `queue_put(q, item)`: `item` must be an immutable tree (multiprocessing.py's).
fn queue_put(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let queue = arg::<SharedQueue>(&args, 0, "queue")?;
    lock(&queue.items).push_back(positional(&args, 1));
    queue.word.add(WAKE);
    Ok(Value::None)
}

fn poll_queue(_rt: &Runtime, value: &Value, _thread: u64) -> Option<Value> {
    let queue = downcast::<SharedQueue>(value)?;
    if let Some(item) = lock(&queue.items).pop_front() {
        return Some(new_tuple(vec![Value::Bool(true), item]));
    }
    (queue.writers.load(Ordering::Acquire) <= 0)
        .then(|| new_tuple(vec![Value::Bool(false), Value::Bool(true)]))
}

fn poll_queue_nonempty(_rt: &Runtime, value: &Value, _thread: u64) -> Option<Value> {
    let queue = downcast::<SharedQueue>(value)?;
    (!lock(&queue.items).is_empty() || queue.writers.load(Ordering::Acquire) <= 0)
        .then_some(Value::Bool(true))
}

fn queue_word(value: &Value) -> Option<&WaitWord> {
    downcast::<SharedQueue>(value).map(|q| &q.word)
}

/// `queue_get(q, block, timeout)`: (True, item), or (False, closed) when none came.
fn queue_get(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let queue = arg::<SharedQueue>(&args, 0, "queue")?;
    let blocking = truthy_value(&positional(&args, 1));
    let empty = new_tuple(vec![Value::Bool(false), Value::Bool(false)]);
    if let Some(found) = poll_queue(&vm.rt, &args.positional[0], 0) {
        return Ok(found);
    }
    let _ = queue;
    if !blocking {
        return Ok(empty);
    }
    let timeout = timeout_of(&positional(&args, 2))?;
    block(
        vm,
        &args.positional[0],
        poll_queue,
        queue_word,
        timeout,
        empty,
    )
}

/// `queue_wait(q, timeout)`: True once an item is there (or the queue closed).
fn queue_wait(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arg::<SharedQueue>(&args, 0, "queue")?;
    if poll_queue_nonempty(&vm.rt, &args.positional[0], 0).is_some() {
        return Ok(Value::Bool(true));
    }
    let timeout = timeout_of(&positional(&args, 1))?;
    if timeout == Some(0) {
        return Ok(Value::Bool(false));
    }
    block(
        vm,
        &args.positional[0],
        poll_queue_nonempty,
        queue_word,
        timeout,
        Value::Bool(false),
    )
}

fn queue_size(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let queue = arg::<SharedQueue>(&args, 0, "queue")?;
    Ok(Value::Int(lock(&queue.items).len() as i64))
}

/// `queue_close(q)`: one write end closed; once none is left, a reader with nothing
/// left to read gives up.
fn queue_close(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let queue = arg::<SharedQueue>(&args, 0, "queue")?;
    queue.writers.fetch_sub(1, Ordering::AcqRel);
    queue.word.add(WAKE);
    Ok(Value::None)
}

/// `queue_open(q)`: one more write end (a connection copied into another process).
fn queue_open(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let queue = arg::<SharedQueue>(&args, 0, "queue")?;
    queue.writers.fetch_add(1, Ordering::AcqRel);
    Ok(Value::None)
}

// ------------------------------------------------------------------ locks and events

const HELD: i32 = 1;

fn lock_new(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::obj(Payload::Native(Box::new(SharedLock {
        word: WaitWord::new(0),
        owner: AtomicU64::new(0),
        count: AtomicU64::new(0),
        recursive: truthy_value(&positional(&args, 0)),
    }))))
}

impl SharedLock {
    fn try_acquire(&self, thread: u64) -> bool {
        if self.recursive && self.owner.load(Ordering::Acquire) == thread {
            self.count.fetch_add(1, Ordering::AcqRel);
            return true;
        }
        if self.word.fetch_or(HELD) & HELD != 0 {
            return false;
        }
        self.owner.store(thread, Ordering::Release);
        self.count.store(1, Ordering::Release);
        true
    }
}

fn poll_lock(_rt: &Runtime, value: &Value, thread: u64) -> Option<Value> {
    let shared = downcast::<SharedLock>(value)?;
    shared.try_acquire(thread).then_some(Value::Bool(true))
}

fn lock_word(value: &Value) -> Option<&WaitWord> {
    downcast::<SharedLock>(value).map(|l| &l.word)
}

/// `lock_acquire(l, block, timeout)`.
fn lock_acquire(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let shared = arg::<SharedLock>(&args, 0, "lock")?;
    if shared.try_acquire(vm.thread_id) {
        return Ok(Value::Bool(true));
    }
    if !truthy_value(&positional(&args, 1)) {
        return Ok(Value::Bool(false));
    }
    let timeout = timeout_of(&positional(&args, 2))?;
    block(
        vm,
        &args.positional[0],
        poll_lock,
        lock_word,
        timeout,
        Value::Bool(false),
    )
}

fn lock_release(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let shared = arg::<SharedLock>(&args, 0, "lock")?;
    if shared.recursive {
        if shared.owner.load(Ordering::Acquire) != vm.thread_id || shared.word.load() & HELD == 0 {
            return Err(exc(
                ExcType::AssertionError,
                "attempt to release recursive lock not owned by thread",
            ));
        }
        if shared.count.fetch_sub(1, Ordering::AcqRel) > 1 {
            return Ok(Value::None);
        }
    } else if shared.word.load() & HELD == 0 {
        return Err(exc(
            ExcType::ValueError,
            "semaphore or lock released too many times",
        ));
    }
    shared.owner.store(0, Ordering::Release);
    loop {
        let word = shared.word.load();
        if shared
            .word
            .compare_exchange(word, (word & !HELD).wrapping_add(WAKE))
        {
            break;
        }
    }
    shared.word.notify_all();
    Ok(Value::None)
}

fn lock_locked(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let shared = arg::<SharedLock>(&args, 0, "lock")?;
    Ok(Value::Bool(shared.word.load() & HELD != 0))
}

fn event_new(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::obj(Payload::Native(Box::new(SharedEvent {
        word: WaitWord::new(0),
    }))))
}

fn event_set(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let event = arg::<SharedEvent>(&args, 0, "event")?;
    event.word.fetch_or(HELD);
    event.word.add(WAKE);
    Ok(Value::None)
}

fn event_clear(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let event = arg::<SharedEvent>(&args, 0, "event")?;
    event.word.fetch_and(!HELD);
    Ok(Value::None)
}

fn event_is_set(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let event = arg::<SharedEvent>(&args, 0, "event")?;
    Ok(Value::Bool(event.word.load() & HELD != 0))
}

fn poll_event(_rt: &Runtime, value: &Value, _thread: u64) -> Option<Value> {
    let event = downcast::<SharedEvent>(value)?;
    (event.word.load() & HELD != 0).then_some(Value::Bool(true))
}

fn event_word(value: &Value) -> Option<&WaitWord> {
    downcast::<SharedEvent>(value).map(|e| &e.word)
}

fn event_wait(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arg::<SharedEvent>(&args, 0, "event")?;
    if poll_event(&vm.rt, &args.positional[0], 0).is_some() {
        return Ok(Value::Bool(true));
    }
    let timeout = timeout_of(&positional(&args, 1))?;
    if timeout == Some(0) {
        return Ok(Value::Bool(false));
    }
    block(
        vm,
        &args.positional[0],
        poll_event,
        event_word,
        timeout,
        Value::Bool(false),
    )
}

// ------------------------------------------------------------------ shared memory

fn is_float_code(typecode: char) -> bool {
    matches!(typecode, 'd' | 'f')
}

fn slot_bits(typecode: char, value: &Value) -> PyResult<u64> {
    if is_float_code(typecode) {
        return crate::ops::to_f64(value).map(f64::to_bits).ok_or_else(|| {
            exc(
                ExcType::TypeError,
                format!("must be real number, not {}", type_name(value)),
            )
        });
    }
    match value {
        Value::Int(i) => Ok(*i as u64),
        Value::Bool(b) => Ok(u64::from(*b)),
        Value::Float(_) => Err(exc(
            ExcType::TypeError,
            "'float' object cannot be interpreted as an integer",
        )),
        other => Err(exc(
            ExcType::TypeError,
            format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(other)
            ),
        )),
    }
}

fn slot_value(typecode: char, bits: u64) -> Value {
    if is_float_code(typecode) {
        Value::Float(f64::from_bits(bits))
    } else {
        Value::Int(bits as i64)
    }
}

/// `array_new(typecode, values)`.
fn array_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let typecode = match positional(&args, 0) {
        Value::Str(code) if code.chars().count() == 1 => code.chars().next().unwrap_or('i'),
        _ => return Err(exc(ExcType::TypeError, "typecode must be a one-letter str")),
    };
    if !"bBhHiIlLqQfd".contains(typecode) {
        return Err(exc(
            ExcType::ValueError,
            "bad typecode (must be b, B, u, w, h, H, i, I, l, L, q, Q, f or d)",
        ));
    }
    let values = vm.collect(&positional(&args, 1))?;
    let slots = values
        .iter()
        .map(|value| slot_bits(typecode, value).map(AtomicU64::new))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(Value::obj(Payload::Native(Box::new(SharedArray {
        typecode,
        slots,
    }))))
}

fn slot_index(array: &SharedArray, value: &Value) -> PyResult<usize> {
    let len = array.slots.len() as i64;
    let index = crate::builtins::index_arg(value)?;
    let index = if index < 0 { index + len } else { index };
    if index < 0 || index >= len {
        return Err(exc(ExcType::IndexError, "invalid index"));
    }
    Ok(index as usize)
}

fn array_get(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let array = arg::<SharedArray>(&args, 0, "array")?;
    let index = slot_index(array, &positional(&args, 1))?;
    let bits = array.slots[index].load(Ordering::Acquire);
    Ok(slot_value(array.typecode, bits))
}

fn array_set(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let array = arg::<SharedArray>(&args, 0, "array")?;
    let index = slot_index(array, &positional(&args, 1))?;
    let bits = slot_bits(array.typecode, &positional(&args, 2))?;
    array.slots[index].store(bits, Ordering::Release);
    Ok(Value::None)
}

fn array_len(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let array = arg::<SharedArray>(&args, 0, "array")?;
    Ok(Value::Int(array.slots.len() as i64))
}
