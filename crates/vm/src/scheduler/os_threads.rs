//! The real-thread driver: each Python thread on a logical thread of its own (started
//! through `Host::spawn_thread`), the host's clocks, sleeps on the run's stop signal,
//! and waits that sleep on a word without the GIL, woken by whatever may end them, by
//! the run's stop signal, and by the deadlock check's needs.
//!
//! It must never leave a thread asleep once the run is stopped (every sleep is on the
//! stop signal or registered with it), and never report a deadlock that is not one.

use super::{ThreadDriver, Wait};
use crate::interp::{exc, Runtime, Vm};
use crate::threads::lock_name;
use crate::types::ExcType;
use crate::value::{Args, Value};
use crate::PyResult;
use sched::deadlock::Check;
use sched::stop::SleepOutcome;
use std::sync::Arc;
use std::time::Duration;
use trace::ThreadState;

/// How long a waiter sleeps before it checks again while every live thread looks stuck:
/// a deadlock is reported once the same stuck state lasted 100 ms
/// (`sched::deadlock`), so somebody must look again meanwhile.
const DEADLOCK_CHECK_EVERY: Duration = Duration::from_millis(50);

/// One OS thread per Python thread; see the module's notes.
pub(crate) struct OsThreads;

impl ThreadDriver for OsThreads {
    fn monotonic(&self, vm: &Vm) -> f64 {
        vm.rt.host.monotonic()
    }

    fn wall_clock(&self, vm: &Vm) -> f64 {
        vm.rt.host.wall_clock()
    }

    fn thread_time(&self, vm: &Vm) -> f64 {
        // Natively the OS's clock of this thread's CPU time, as CPython reads it: it
        // also leaves out the time the OS kept the thread off a core. The browser has no
        // such clock, so there it is the time this thread spent in the running state.
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = vm;
            let mut now = libc::timespec {
                tv_sec: 0,
                tv_nsec: 0,
            };
            // SAFETY: `now` is a valid, writable timespec.
            if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) } == 0 {
                return now.tv_sec as f64 + now.tv_nsec as f64 / 1e9;
            }
            0.0
        }
        #[cfg(target_arch = "wasm32")]
        {
            vm.running_ns(trace::clock::now_ns()) as f64 / 1e9
        }
    }

    fn sleep(&self, vm: &mut Vm, seconds: f64) -> PyResult<Value> {
        let duration = Duration::try_from_secs_f64(seconds).unwrap_or(Duration::MAX);
        // Sleeping gives the GIL away, as every blocking call does.
        match vm.without_gil(ThreadState::Sleeping, || vm.rt.stop.sleep(duration)) {
            SleepOutcome::Completed => Ok(Value::None),
            SleepOutcome::Stopped => Err(vm.stop_error()),
        }
    }

    fn spawn(&self, name: &str, mut child: Vm, function: Value, args: Args) -> Result<(), String> {
        let host = Arc::clone(&child.rt.host);
        let task = Box::new(move || {
            child.take_gil();
            if let Err(error) = child.call(function, args) {
                // threading's bootstrap reports exceptions itself; this only ends the thread.
                let _ = error;
            }
            child.sample_watched(true);
            child.record(ThreadState::Done);
            child.rt.waits.thread_ended(child.thread_id);
            after_thread_end(&child.rt);
            child.release_gil();
        });
        host.spawn_thread(name, task)
    }

    fn block(&self, vm: &mut Vm, wait: Wait) -> PyResult<Value> {
        let Wait {
            object,
            poll,
            timeout_ns,
            on_timeout,
            state,
            lock,
            word,
            wake,
        } = wait;
        let Some(word) = word(&object) else {
            return Err(exc(
                ExcType::RuntimeError,
                "internal error: a wait with nothing to sleep on",
            ));
        };
        let deadline = timeout_ns.map(|t| trace::clock::now_ns().saturating_add(t));
        let rt = Arc::clone(&vm.rt);
        let thread_id = vm.thread_id;
        if let Some(lock) = lock {
            rt.waits.waiting(thread_id, lock, timeout_ns.is_some());
        }
        // Registered with the stop signal for the whole wait: a stop wakes it at once.
        let ended = vm.without_gil(state, || {
            rt.stop.while_registered(&|| wake(word), || loop {
                // Read before polling (the order `StopSignal::while_registered`
                // explains): a release, or the waker, after this read makes the sleep
                // below return at once.
                let seen = word.load();
                if let Some(value) = poll(&rt, &object, thread_id) {
                    // No longer waiting from this instant on, so no other thread's
                    // deadlock check can count this one as stuck while it is about to
                    // run.
                    rt.waits.done_waiting(thread_id);
                    return Some(value);
                }
                if rt.stop.is_requested() {
                    return None;
                }
                let check = match lock {
                    Some(_) => look_for_deadlock(&rt),
                    None => Check::Clear,
                };
                let slice = match check {
                    Check::Found(_) => return None,
                    // Every live thread looks stuck: look again before the state could
                    // be confirmed, or nobody might (the others may sleep untimed).
                    Check::Suspect => Some(DEADLOCK_CHECK_EVERY),
                    // Some thread can still run. If it ever gets stuck too, it runs the
                    // check itself as it starts waiting; if it ends, its driver wakes
                    // the waiters (`after_thread_end`); so this wait needs no timeout.
                    Check::Clear => None,
                };
                let remaining = match deadline {
                    None => None,
                    Some(deadline) => {
                        let now = trace::clock::now_ns();
                        if now >= deadline {
                            return Some(on_timeout.clone());
                        }
                        Some(Duration::from_nanos(deadline - now))
                    }
                };
                let park = match (remaining, slice) {
                    (Some(remaining), Some(slice)) => Some(remaining.min(slice)),
                    (remaining, slice) => remaining.or(slice),
                };
                word.wait(seen, park);
            })
        });
        rt.waits.done_waiting(thread_id);
        ended.ok_or_else(|| vm.stop_error())
    }
}

/// The run's deadlock check, reporting (and so stopping the run) when it finds one.
fn look_for_deadlock(rt: &Runtime) -> Check {
    let check = rt.waits.check(&|lock| lock_name(rt, lock));
    if let Check::Found(report) = &check {
        rt.report_deadlock(report.clone());
    }
    check
}

/// A thread's end can leave every other live thread stuck without any of them having
/// looked (each looked while this one could still run, and may sleep with no timeout):
/// look now, and wake them if so, so one of them confirms it.
fn after_thread_end(rt: &Runtime) {
    if look_for_deadlock(rt) == Check::Suspect {
        rt.stop.wake_waiters();
    }
}
