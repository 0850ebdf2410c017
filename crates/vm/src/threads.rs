//! `_thread`: the native core the `threading` module (written in Python, in
//! `threading.py` beside this file) builds on, as in CPython: starting a Python thread
//! on a new logical thread with its own VM, the basic lock, thread identities, and the
//! report of an exception that escapes a thread.
//!
//! Starting a thread and waiting for a lock go through the run's thread driver
//! (`scheduler::ThreadDriver`), which knows whether Python threads are real threads or
//! the virtual scheduler's; nothing here asks. A wait drops the GIL, and the run's stop
//! signal ends it at once.

use super::interp::{exc, Vm};
use super::types::type_name;
use super::value::{
    lock, Args, AttrMap, Builtin, BuiltinFn, Globals, Module, NativeObject, Payload, Value,
};
use super::PyResult;
use crate::scheduler::Wait;
use crate::types::ExcType;
use crate::value::Mutex;
use sched::wait::WaitWord;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// The lock word's bit 0: set while the lock is held.
const LOCKED: i32 = 1;
/// The lock word's bit 1: a release woke a waiter that has not looked at the lock yet
/// (see `Lock::release`).
const WOKEN: i32 = 2;
/// What a wake-up adds to the lock word: the bits above `WOKEN` count wake-ups.
const WAKE_UP: i32 = 4;

/// `_thread.lock`: a plain mutex any thread may release.
pub struct Lock {
    /// Bit 0 (`LOCKED`) is the lock, bit 1 (`WOKEN`) says a woken waiter is on its
    /// way; the bits above count wake-ups (every release, and `wake_up`: the run's stop
    /// signal waking a waiter). Waiters on real threads sleep on the whole
    /// word, so both a release and a wake-up change what they sleep on, and a wake-up
    /// never touches the lock. (One word keeps acquire and release one atomic
    /// operation each, as a plain lock.)
    state: WaitWord,
    /// Thread id of the last acquirer (for the deadlock report later); 0 when free.
    owner: AtomicU64,
    /// Thread id of the last acquirer, kept after release: the trace records a change
    /// of owner, not every acquisition.
    last_owner: AtomicU64,
}

impl NativeObject for Lock {
    fn type_name(&self) -> &'static str {
        "lock"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl Lock {
    fn new() -> Lock {
        Lock {
            state: WaitWord::new(0),
            owner: AtomicU64::new(0),
            last_owner: AtomicU64::new(0),
        }
    }

    /// This lock's identity in the wait graph.
    fn key(&self) -> usize {
        self as *const Lock as usize
    }

    fn try_acquire(&self, vm_rt: &super::interp::Runtime, thread_id: u64) -> bool {
        let acquired = self.state.fetch_or(LOCKED) & LOCKED == 0;
        if acquired {
            self.owner.store(thread_id, Ordering::Release);
            vm_rt.waits.acquired(self.key(), thread_id);
        }
        acquired
    }

    /// After `thread_id` acquired the lock: the trace event for a change of owner, if
    /// it is one (only for locks the program named: internal ones would be noise).
    fn owner_change(&self, rt: &super::interp::Runtime, thread_id: u64) -> Option<trace::MarkKind> {
        if self.last_owner.swap(thread_id, Ordering::AcqRel) == thread_id {
            return None;
        }
        rt.traced_lock_name(self.key())
            // A waiter parked in a condition is not a lock anyone "owns".
            .filter(|name| !name.ends_with(')'))
            .map(|lock| trace::MarkKind::LockOwner { lock })
    }

    fn release(&self, rt: &super::interp::Runtime) -> PyResult<()> {
        // Forget the holder first: a deadlock check may then miss a deadlock for a
        // moment, but can never see a free lock as held.
        rt.waits.released(self.key());
        // Before the lock is free: cleared after, it could wipe the next owner's id.
        self.owner.store(0, Ordering::Release);
        // Clear the bit and count a wake-up in one step, so the word after a release
        // is never a value it held before. A waiter reads the word, then tries the
        // lock, then sleeps while the word still holds what it read: had a release
        // only cleared the bit, the word could read "free", another thread take the
        // lock (the waiter's try fails), release it again (nobody asleep yet to
        // wake), and the waiter would sleep on a free lock with no release to come.
        //
        // It wakes one waiter, and none while a waiter it woke has not looked yet
        // (`WOKEN`, cleared by each waiter as it looks: `poll_lock`): a thread that
        // takes the lock again at once (a loop around `with lock:`) would otherwise wake
        // every waiter on every release, a system call each time and a crowd of threads
        // that fail and sleep again, fighting the holder for the cores (issue 16; a
        // switch inside `with lock:` under the legacy GIL, or free threads, leave such
        // a queue of waiters). One look is enough: a woken waiter that finds the lock
        // held sleeps again with `WOKEN` cleared, so the next release wakes one; a
        // waiter always tries the lock before it gives up on a timeout, and a stop
        // wakes them all (`wake_up`). CPython's lock (a semaphore) also wakes one.
        let word = loop {
            let word = self.state.load();
            if word & LOCKED == 0 {
                return Err(exc(ExcType::RuntimeError, "release unlocked lock"));
            }
            if self
                .state
                .compare_exchange(word, (word & !LOCKED).wrapping_add(WAKE_UP) | WOKEN)
            {
                break word;
            }
        };
        if word & WOKEN == 0 {
            self.state.notify_one();
        }
        Ok(())
    }

    fn locked(&self) -> bool {
        self.state.load() & LOCKED != 0
    }

    /// Wakes the threads asleep on this lock's word without touching the lock: they
    /// look again (a stopped run's waiters then leave).
    fn wake_up(word: &WaitWord) {
        word.add(WAKE_UP);
    }
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

/// The `_thread` module.
pub fn module() -> Value {
    let functions: &[(&'static str, BuiltinFn)] = &[
        ("start_new_thread", start_new_thread),
        ("allocate_lock", allocate_lock),
        ("get_ident", get_ident),
        ("_report_exception", report_exception),
    ];
    let globals = Arc::new(Globals {
        name: "_thread".into(),
        version: Default::default(),
        vars: Mutex::new(
            functions
                .iter()
                .map(|(name, func)| (Arc::from(*name), builtin(name, *func)))
                .collect(),
        ),
    });
    globals
        .write()
        .insert("__name__".into(), Value::str("_thread"));
    Value::obj(Payload::Module(Module {
        name: "_thread".into(),
        globals,
    }))
}

fn allocate_lock(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::obj(Payload::Native(Box::new(Lock::new()))))
}

fn get_ident(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int(vm.thread_id as i64))
}

/// `start_new_thread(function, args[, kwargs])`: runs the call on a new Python thread and
/// returns its id.
fn start_new_thread(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let function = args.positional.first().cloned().ok_or_else(|| {
        exc(
            ExcType::TypeError,
            "start_new_thread expected at least 2 arguments, got 0",
        )
    })?;
    let call_args = match args.positional.get(1) {
        Some(tuple) => vm.collect(tuple)?,
        None => Vec::new(),
    };
    // threading passes the thread's name as a fourth argument, for the trace lane.
    let name = match args.positional.get(3) {
        Some(Value::Str(name)) => name.to_string(),
        _ => format!("Thread-{}", vm.rt.next_thread_id.load(Ordering::Acquire)),
    };
    let child = Vm::named(vm.rt.clone(), &name);
    let ident = child.thread_id;
    vm.rt
        .driver
        .spawn(&name, child, function, Args::new(call_args))
        .map_err(|_| exc(ExcType::RuntimeError, "can't start new thread"))?;
    Ok(Value::Int(ident as i64))
}

/// `_report_exception(thread_name, exc)`: what CPython prints when an exception escapes
/// a thread, on stderr; the program goes on.
fn report_exception(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (Some(name), Some(error)) = (args.positional.first(), args.positional.get(1)) else {
        return Ok(Value::None);
    };
    let name = vm.to_str(name)?;
    let report = super::traceback::format_exception(vm, error);
    vm.write_output(true, &format!("Exception in thread {name}:\n{report}"));
    Ok(Value::None)
}

fn the_lock(value: &Value) -> PyResult<&Lock> {
    match value.payload() {
        Some(Payload::Native(native)) => native.as_any().downcast_ref::<Lock>().ok_or_else(|| {
            exc(
                ExcType::TypeError,
                format!("expected a lock, not {}", type_name(value)),
            )
        }),
        _ => Err(exc(
            ExcType::TypeError,
            format!("expected a lock, not {}", type_name(value)),
        )),
    }
}

fn lock_acquire(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let lock = the_lock(&args.positional[0])?;
    let keyword = |name: &str| {
        args.keywords
            .iter()
            .find(|(k, _)| &**k == name)
            .map(|(_, v)| v.clone())
    };
    let blocking = match args
        .positional
        .get(1)
        .cloned()
        .or_else(|| keyword("blocking"))
    {
        Some(value) => vm.truthy(&value)?,
        None => true,
    };
    let timeout = match args
        .positional
        .get(2)
        .cloned()
        .or_else(|| keyword("timeout"))
    {
        Some(value) => super::ops::to_f64(&value).ok_or_else(|| {
            exc(
                ExcType::TypeError,
                format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_name(&value)
                ),
            )
        })?,
        None => -1.0,
    };
    if !blocking && timeout != -1.0 {
        return Err(exc(
            ExcType::ValueError,
            "can't specify a timeout for a non-blocking call",
        ));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(exc(ExcType::ValueError, "timeout value must be positive"));
    }
    let limit = if !blocking {
        Some(Duration::ZERO)
    } else if timeout >= 0.0 {
        Some(Duration::try_from_secs_f64(timeout).unwrap_or(Duration::MAX))
    } else {
        None
    };
    acquire(vm, &args.positional[0], lock, limit)
}

/// Takes `lock` (the lock object `lock_value`) now, or blocks the thread through the
/// run's driver until the lock is handed over, the timeout passes (`Ok(false)`) or the
/// run stops.
fn acquire(
    vm: &mut Vm,
    lock_value: &Value,
    lock: &Lock,
    timeout: Option<Duration>,
) -> PyResult<Value> {
    if lock.try_acquire(&vm.rt, vm.thread_id) {
        if let Some(mark) = lock.owner_change(&vm.rt, vm.thread_id) {
            vm.mark(mark);
        }
        return Ok(Value::Bool(true));
    }
    if timeout == Some(Duration::ZERO) {
        return Ok(Value::Bool(false));
    }
    vm.mark(waits_for(&vm.rt, lock.key()));
    let wait = Wait {
        object: lock_value.clone(),
        poll: poll_lock,
        timeout_ns: timeout.map(|t| t.as_nanos().min(u64::MAX as u128) as u64),
        on_timeout: Value::Bool(false),
        state: trace::ThreadState::Blocked,
        lock: Some(lock.key()),
        word: lock_word,
        wake: Lock::wake_up,
    };
    let driver = Arc::clone(&vm.rt.driver);
    driver.block(vm, wait)
}

/// A blocked `acquire`'s attempt, for thread `thread_id`: `True` once it took the lock.
fn poll_lock(rt: &super::interp::Runtime, value: &Value, thread_id: u64) -> Option<Value> {
    let lock = the_lock(value).ok()?;
    // This waiter looks now: the next release may wake another (see `Lock::release`).
    if lock.state.load() & WOKEN != 0 {
        lock.state.fetch_and(!WOKEN);
    }
    if !lock.try_acquire(rt, thread_id) {
        return None;
    }
    if let Some(mark) = lock.owner_change(rt, thread_id) {
        rt.mark_thread(thread_id, mark);
    }
    Some(Value::Bool(true))
}

/// The word waiters of the lock `value` sleep on.
fn lock_word(value: &Value) -> Option<&WaitWord> {
    the_lock(value).ok().map(|lock| &lock.state)
}

fn lock_release(vm: &mut Vm, args: Args) -> PyResult<Value> {
    the_lock(&args.positional[0])?.release(&vm.rt)?;
    Ok(Value::None)
}

fn lock_exit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    the_lock(&args.positional[0])?.release(&vm.rt)?;
    Ok(Value::Bool(false))
}

/// The trace event saying what a thread is about to wait for.
fn waits_for(rt: &super::interp::Runtime, key: usize) -> trace::MarkKind {
    trace::MarkKind::WaitsFor {
        what: lock_name(rt, key).unwrap_or_else(|| "an internal lock".to_string()),
    }
}

/// What a lock is to the program, for deadlock reports and the trace, found from the
/// main module's globals: "lock_a", "forks[1]", "ledger.guard" (a `Lock`, or the
/// `RLock`/`Condition` around one); "Thread-1 to finish" (what `join` waits for),
/// "Thread-1 to start" (what `start` waits for);
/// "cond (Condition.wait)", "inbox (queue.get)", "done (Event.wait)" (a waiter parked
/// in a condition, named after the object that owns it). None for locks the program
/// cannot reach from its globals (or only past the first `LOCK_SEARCH_ITEMS` items of a
/// list or tuple).
pub fn lock_name(rt: &super::interp::Runtime, key: usize) -> Option<String> {
    if let Some(thread) = thread_waited_on(rt, key, "_active", "_done") {
        return Some(format!("{thread} to finish"));
    }
    if let Some(thread) = thread_waited_on(rt, key, "_starting", "_started_event") {
        return Some(format!("{thread} to start"));
    }
    let globals = lock(&rt.main_globals).clone()?;
    let vars = lock(&globals.vars).clone();
    vars.iter()
        .filter(|(name, _)| !name.starts_with("__"))
        .find_map(|(name, value)| find_lock(value, key, name, 0))
}

/// The name of the thread whose lock `field` is `key`, found in threading's table
/// `table`: `_active` / `_done` is what `join()` waits for, `_starting` /
/// `_started_event` what `start()` waits for. Found there rather than in the program's
/// globals, so a thread held only in a local variable is named too.
fn thread_waited_on(
    rt: &super::interp::Runtime,
    key: usize,
    table: &str,
    field: &str,
) -> Option<String> {
    let threading = lock(&rt.modules).get("threading").cloned()?;
    let Some(Payload::Module(module)) = threading.payload() else {
        return None;
    };
    let threads = lock(&module.globals.vars).get(table).cloned()?;
    let Some(Payload::Dict(threads)) = threads.payload() else {
        return None;
    };
    let threads: Vec<Value> = lock(threads).values().cloned().collect();
    threads.iter().find_map(|thread| {
        let Some(Payload::Instance(instance)) = thread.payload() else {
            return None;
        };
        let fields = lock(&instance.dict);
        if fields.get(field).and_then(lock_key_of) != Some(key) {
            return None;
        }
        match fields.get("_name") {
            Some(Value::Str(name)) => Some(name.to_string()),
            _ => None,
        }
    })
}

/// How deep `find_lock` looks into containers and attributes.
const LOCK_SEARCH_DEPTH: usize = 2;
/// How many items of one list or tuple `find_lock` looks at. Every blocking wait names
/// its lock, so without a bound a program holding a long list (say 20,000 futures)
/// paid a walk over all of it per wait: quadratic in the list's length (issue 16).
const LOCK_SEARCH_ITEMS: usize = 256;

/// `path` names `value`; the name of lock `key` if it is `value` or inside it.
fn find_lock(value: &Value, key: usize, path: &str, depth: usize) -> Option<String> {
    if lock_key_of(value) == Some(key) {
        return Some(path.to_string());
    }
    match value.payload() {
        Some(Payload::List(items)) if depth < LOCK_SEARCH_DEPTH => {
            let items: Vec<Value> = lock(items)
                .iter()
                .take(LOCK_SEARCH_ITEMS)
                .cloned()
                .collect();
            items
                .iter()
                .enumerate()
                .find_map(|(i, item)| find_lock(item, key, &format!("{path}[{i}]"), depth + 1))
        }
        Some(Payload::Tuple(items)) if depth < LOCK_SEARCH_DEPTH => items
            .iter()
            .take(LOCK_SEARCH_ITEMS)
            .enumerate()
            .find_map(|(i, item)| find_lock(item, key, &format!("{path}[{i}]"), depth + 1)),
        Some(Payload::Instance(instance)) => {
            let class = super::types::class_of(&instance.class)
                .map(|c| c.name.to_string())
                .unwrap_or_default();
            let fields = lock(&instance.dict).clone();
            // The lock inside an RLock, a Condition or a queue is the object itself.
            for field in ["_block", "_lock", "mutex"] {
                if fields.get(field).and_then(lock_key_of) == Some(key) {
                    return Some(path.to_string());
                }
            }
            if has_waiter(&fields, key) {
                return Some(format!("{path} (Condition.wait)"));
            }
            let owned_conditions = [
                ("_cond", ""),
                ("not_empty", "queue.get"),
                ("not_full", "queue.put"),
                ("all_tasks_done", "queue.join"),
                ("_condition", "Future.result"),
            ];
            for (field, call) in owned_conditions {
                let Some(Payload::Instance(condition)) =
                    fields.get(field).and_then(|v| v.payload())
                else {
                    continue;
                };
                if has_waiter(&lock(&condition.dict), key) {
                    let call = match call {
                        "" if class.contains("Semaphore") => format!("{class}.acquire"),
                        "" => format!("{class}.wait"),
                        call => call.to_string(),
                    };
                    return Some(format!("{path} ({call})"));
                }
            }
            if depth >= LOCK_SEARCH_DEPTH {
                return None;
            }
            fields
                .iter()
                .filter(|(field, _)| !field.starts_with('_'))
                .find_map(|(field, inner)| {
                    find_lock(inner, key, &format!("{path}.{field}"), depth + 1)
                })
        }
        _ => None,
    }
}

/// Is lock `key` one of the waiters parked in this Condition's fields?
fn has_waiter(fields: &AttrMap, key: usize) -> bool {
    match fields.get("_waiters").and_then(|w| w.payload()) {
        Some(Payload::List(waiters)) => lock(waiters)
            .iter()
            .any(|waiter| lock_key_of(waiter) == Some(key)),
        _ => false,
    }
}

fn lock_key_of(value: &Value) -> Option<usize> {
    match value.payload() {
        Some(Payload::Native(native)) => native.as_any().downcast_ref::<Lock>().map(Lock::key),
        _ => None,
    }
}

fn lock_locked(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(the_lock(&args.positional[0])?.locked()))
}

/// The methods of `_thread.lock`, by name, made once per process: every `with lock:`
/// looks up `__enter__` and `__exit__`, and binding then allocates only the bound
/// method, not the function too.
fn lock_methods() -> &'static [(&'static str, Value); 5] {
    static METHODS: OnceLock<[(&'static str, Value); 5]> = OnceLock::new();
    METHODS.get_or_init(|| {
        let methods: [(&'static str, BuiltinFn); 5] = [
            ("acquire", lock_acquire),
            ("__enter__", lock_acquire),
            ("release", lock_release),
            ("__exit__", lock_exit),
            ("locked", lock_locked),
        ];
        methods.map(|(name, func)| (name, builtin(name, func)))
    })
}

/// Methods of `_thread.lock` objects, bound to `object`.
pub fn lock_attribute(object: &Value, name: &str) -> Option<Value> {
    let (_, method) = lock_methods().iter().find(|(known, _)| *known == name)?;
    Some(Value::obj(Payload::BoundMethod(
        object.clone(),
        method.clone(),
    )))
}

/// Is this native object a `_thread.lock`?
pub fn is_lock(native: &dyn NativeObject) -> bool {
    native.as_any().downcast_ref::<Lock>().is_some()
}
