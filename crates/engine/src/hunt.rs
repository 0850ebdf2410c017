//! The race hunter: one program run again and again on the virtual scheduler, a new
//! seed each time, until a run fails its goal, and "Check my fix" (the same hunt over a
//! fixed number of seeds, where finding nothing is the answer hoped for).
//!
//! [`hunt`] runs the seeds `first_seed`, `first_seed + 1`, ... one after another on the
//! calling thread and judges each run as it ends: a deadlock, an uncaught exception in
//! any thread (an `AssertionError` included), a non-zero exit status, or the goal's
//! global ending at another value than expected fails it. It stops at the first
//! failure, after `runs` runs, when a run passes its instruction or time budget, or at
//! once when its stop signal is requested (looked at every [`CHUNK`] instructions).
//! A failing seed replays exactly: the virtual scheduler is deterministic, so a run
//! with that seed and GIL model prints the same and ends with the same value.
//! [`HuntRun`] is the same hunt on its own logical thread (a pool worker in the page),
//! started, polled and stopped without blocking.
//!
//! It must never block the browser's main thread (`hunt` blocks its caller for the
//! whole hunt: a logical thread, a test, or the simulated build's engine worker), never
//! keep more than one run's output, and never judge a run it could not read: a goal
//! that cannot be evaluated ends the hunt with a message saying why.

use crate::run::{run_program_reading, GlobalValue};
use crate::{threads, GilModel, Outcome, RunOptions, SchedulerKind, StopSignal};
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use trace::clock;
use vm::scheduler::Stepper;
use vm::Host;

/// Instructions a run goes between two looks at the stop signal and its budgets.
pub const CHUNK: u64 = 100_000;
/// The stderr a run keeps for judging (the first exception is near its start).
const STDERR_CAP: usize = 32 * 1024;

/// What every run must reach beyond ending cleanly: the global `global` ends equal to
/// `expected` (a demo's `goal: counter == THREADS * ROUNDS`, evaluated by the caller on
/// the program as run).
#[derive(Clone, Debug, PartialEq)]
pub struct WatchGoal {
    pub global: String,
    pub expected: f64,
}

/// How to hunt.
#[derive(Clone, Debug)]
pub struct HuntOptions {
    pub gil: GilModel,
    /// Seconds; None keeps CPython's 0.005.
    pub switch_interval: Option<f64>,
    /// The seed of the first run; run k (from 1) uses `first_seed + k - 1`.
    pub first_seed: u64,
    /// Runs at most.
    pub runs: u32,
    /// One run's budget in instructions and in real seconds: a run past either ends the
    /// hunt (it is neither a pass nor a failure).
    pub max_instructions: u64,
    pub max_seconds: f64,
    /// The goal's global and value, if the goal names one (None: `no deadlock`).
    pub watch: Option<WatchGoal>,
    /// Runs [`HuntRun`] keeps going at once, each on its own logical thread (one core
    /// each: a virtual run is single-threaded). The report is the same as one at a
    /// time: the lowest-numbered run that ends the hunt. [`hunt`] ignores it.
    pub parallel: u32,
}

impl Default for HuntOptions {
    fn default() -> Self {
        HuntOptions {
            gil: GilModel::Free,
            switch_interval: None,
            first_seed: 0,
            runs: 200,
            max_instructions: 500_000_000,
            max_seconds: 60.0,
            watch: None,
            parallel: 1,
        }
    }
}

/// What failed in a run.
#[derive(Clone, Debug, PartialEq)]
pub enum FailureKind {
    /// The goal's global ended at another value (`lost` is expected minus found when
    /// both are numbers).
    WrongValue,
    /// An uncaught exception (in the main thread or another one).
    Exception,
    Deadlock,
    /// The program exited with a non-zero status without a traceback (`sys.exit(2)`).
    ExitStatus,
}

/// A failing run.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    /// Which run it was, from 1.
    pub run: u32,
    pub seed: u64,
    pub kind: FailureKind,
    /// One line: "counter was 499998, expected 500000", "AssertionError in Thread-2",
    /// "deadlock: ...".
    pub reason: String,
    /// The goal's global at the end, when the goal was missed and it is a number.
    pub value: Option<f64>,
}

/// How a hunt ended.
#[derive(Clone, Debug, PartialEq)]
pub enum HuntEnd {
    /// A run failed.
    Failed(Failure),
    /// Every run passed.
    Held,
    /// Stopped from outside.
    Stopped,
    /// A run went past its budget (run, seed, which budget).
    OverBudget { run: u32, seed: u64, reason: String },
    /// The goal cannot be judged on this program (its global never set, not a
    /// number): why, in one line.
    Unjudgeable(String),
}

/// A hunt's result.
#[derive(Clone, Debug, PartialEq)]
pub struct HuntReport {
    pub end: HuntEnd,
    /// Runs that were started (the failing one included).
    pub runs: u32,
    /// Real time the hunt took.
    pub elapsed_ms: f64,
}

/// The host of a hunted run: keeps the start of stderr, forgets stdout.
struct HuntHost {
    stderr: Mutex<String>,
    started_ns: u64,
}

impl Host for HuntHost {
    fn write_stdout(&self, _text: &str) {}

    fn write_stderr(&self, text: &str) {
        let mut stderr = self.stderr.lock().unwrap_or_else(PoisonError::into_inner);
        if stderr.len() < STDERR_CAP {
            stderr.push_str(text);
        }
    }

    fn monotonic(&self) -> f64 {
        clock::now_ns().saturating_sub(self.started_ns) as f64 / 1e9
    }

    fn wall_clock(&self) -> f64 {
        clock::unix_time_secs()
    }

    fn spawn_thread(&self, _name: &str, _task: Box<dyn FnOnce() + Send>) -> Result<(), String> {
        // The virtual scheduler runs every Python thread on the hunt's own thread.
        Err("a hunted run has no real threads".into())
    }
}

/// A number as a learner wrote it: whole numbers without a fraction.
fn show_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// The first uncaught exception in `stderr`: its line (`AssertionError: ...`) and the
/// thread it ended (None: the main thread).
fn first_exception(stderr: &str) -> Option<(String, Option<String>)> {
    let mut thread = None;
    let mut in_traceback = false;
    for line in stderr.lines() {
        if let Some(rest) = line.strip_prefix("Exception in thread ") {
            let name = rest.split(" (").next().unwrap_or(rest);
            thread = Some(name.trim_end_matches(':').to_string());
            in_traceback = true;
        } else if line.starts_with("Traceback (most recent call last)") {
            in_traceback = true;
        } else if in_traceback && !line.starts_with(' ') && !line.is_empty() {
            let message: String = line.chars().take(200).collect();
            return Some((message, thread));
        }
    }
    None
}

/// Judges one finished run; None when it passed.
fn judge(
    outcome: &Outcome,
    stderr: &str,
    watched: Option<&Option<GlobalValue>>,
    goal: Option<&WatchGoal>,
) -> Result<Option<(FailureKind, String)>, String> {
    if let Outcome::Deadlock(report) = outcome {
        let first = report.lines().next().unwrap_or("every thread waits");
        let first = first.strip_prefix("Deadlock: ").unwrap_or(first);
        let first: String = first.chars().take(200).collect();
        return Ok(Some((FailureKind::Deadlock, format!("deadlock: {first}"))));
    }
    if let Some((line, thread)) = first_exception(stderr) {
        let kind = line.split(':').next().unwrap_or(&line).to_string();
        let place = thread.map_or("the main thread".to_string(), |name| name);
        let detail = line
            .split_once(": ")
            .map(|(_, message)| format!(" ({message})"))
            .unwrap_or_default();
        return Ok(Some((
            FailureKind::Exception,
            format!("{kind} in {place}{detail}"),
        )));
    }
    if let Outcome::Exited(code) = outcome {
        if *code != 0 {
            let first = stderr.lines().find(|line| !line.trim().is_empty());
            let why = first.map(|line| format!(": {line}")).unwrap_or_default();
            return Ok(Some((
                FailureKind::ExitStatus,
                format!("the program exited with status {code}{why}"),
            )));
        }
    }
    let (Some(goal), Some(value)) = (goal, watched) else {
        return Ok(None);
    };
    let Some(value) = value else {
        return Err(format!(
            "the goal cannot be checked: the program never set the global `{}`",
            goal.global
        ));
    };
    let Some(number) = value.number else {
        return Err(format!(
            "the goal cannot be checked: `{}` ended as {:?}, not a number",
            goal.global, value.text
        ));
    };
    if number == goal.expected {
        return Ok(None);
    }
    Ok(Some((
        FailureKind::WrongValue,
        format!(
            "{} was {}, expected {}",
            goal.global,
            value.text,
            show_number(goal.expected)
        ),
    )))
}

/// Runs `source` for the seeds `options` names, on the calling thread, until a run
/// fails, every run passed, a run goes over budget, or `stop` is requested. `progress`
/// is called before each run with its number (from 1). Blocks the caller for the whole
/// hunt: never call it on the browser's main thread.
pub fn hunt(
    source: &str,
    filename: &str,
    options: &HuntOptions,
    stop: &StopSignal,
    mut progress: impl FnMut(u32),
) -> HuntReport {
    vm::stack_guard::establish();
    let began = clock::now_ns();
    let elapsed_ms = || clock::now_ns().saturating_sub(began) as f64 / 1e6;
    for run in 1..=options.runs.max(1) {
        if stop.is_requested() {
            return HuntReport {
                end: HuntEnd::Stopped,
                runs: run - 1,
                elapsed_ms: elapsed_ms(),
            };
        }
        progress(run);
        if let Some(end) = hunt_one(source, filename, options, stop, Arc::new(|| false), run) {
            return report_of(end, run, elapsed_ms());
        }
    }
    HuntReport {
        end: HuntEnd::Held,
        runs: options.runs.max(1),
        elapsed_ms: elapsed_ms(),
    }
}

/// Asked between chunks of a run: true when its result is no longer wanted (a parallel
/// hunt already ended at a lower-numbered run).
type Abandon = Arc<dyn Fn() -> bool + Send + Sync>;

/// The report of a hunt that `end`ed at run `run`.
fn report_of(end: HuntEnd, run: u32, elapsed_ms: f64) -> HuntReport {
    // A stopped run did not count; one over budget or judged did.
    let runs = if end == HuntEnd::Stopped {
        run - 1
    } else {
        run
    };
    HuntReport {
        end,
        runs,
        elapsed_ms,
    }
}

/// Run number `run` of a hunt (its seed is `first_seed + run - 1`), judged: None when
/// it passed, else how it ends the hunt. It stops early (as `HuntEnd::Stopped`) when
/// `stop` is requested or `abandon()` says its result is no longer wanted.
fn hunt_one(
    source: &str,
    filename: &str,
    options: &HuntOptions,
    stop: &StopSignal,
    abandon: Abandon,
    run: u32,
) -> Option<HuntEnd> {
    let read: Vec<String> = options.watch.iter().map(|w| w.global.clone()).collect();
    let seed = options.first_seed.wrapping_add(u64::from(run - 1));
    let run_stop = StopSignal::new();
    let over: Arc<Mutex<Option<String>>> = Arc::default();
    let run_began = clock::now_ns();
    let stepper = {
        let (outer, inner, over) = (stop.clone(), run_stop.clone(), over.clone());
        // Only read, never left half-changed by a panic: a refill may hold it.
        let abandon = std::panic::AssertUnwindSafe(abandon);
        let used = AtomicU64::new(0);
        let (max_instructions, max_seconds) = (options.max_instructions, options.max_seconds);
        let max_ns = (max_seconds.max(0.0) * 1e9) as u64;
        Stepper::refilled_by(move |stepper| {
            let used = used.fetch_add(CHUNK, Ordering::Relaxed) + CHUNK;
            let took = clock::now_ns().saturating_sub(run_began);
            let mut verdict = over.lock().unwrap_or_else(PoisonError::into_inner);
            let abandon = &abandon;
            if outer.is_requested() || (abandon.0)() {
                inner.request();
            } else if used > max_instructions {
                *verdict = Some(format!(
                    "it ran past {} instructions",
                    show_number(max_instructions as f64)
                ));
                inner.request();
            } else if took > max_ns {
                *verdict = Some(format!("it ran past {} s", show_number(max_seconds)));
                inner.request();
            } else {
                stepper.grant(CHUNK);
            }
        })
    };
    stepper.grant(CHUNK);
    let run_options = RunOptions {
        gil: options.gil,
        scheduler: SchedulerKind::Virtual,
        seed,
        switch_interval: options.switch_interval,
        stepper: Some(stepper),
        ..RunOptions::default()
    };
    let host = Arc::new(HuntHost {
        stderr: Mutex::default(),
        started_ns: clock::now_ns(),
    });
    let dyn_host: Arc<dyn Host> = host.clone();
    let (outcome, values) =
        run_program_reading(source, filename, dyn_host, run_stop, &run_options, &read);
    let over = over.lock().unwrap_or_else(PoisonError::into_inner).take();
    if outcome == Outcome::Stopped {
        return Some(match over {
            Some(reason) => HuntEnd::OverBudget { run, seed, reason },
            None => HuntEnd::Stopped,
        });
    }
    let stderr = host
        .stderr
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    match judge(&outcome, &stderr, values.first(), options.watch.as_ref()) {
        Ok(None) => None,
        Ok(Some((kind, reason))) => Some(HuntEnd::Failed(Failure {
            run,
            seed,
            value: (kind == FailureKind::WrongValue)
                .then(|| values.first().cloned().flatten().and_then(|v| v.number))
                .flatten(),
            kind,
            reason,
        })),
        Err(why) => Some(HuntEnd::Unjudgeable(why)),
    }
}

/// A hunt on its own logical threads (`options.parallel` of them, each taking the next
/// run in turn): started, polled and stopped without blocking. Its report is the one
/// [`hunt`] would give: runs are handed out in order, a run that ends the hunt keeps
/// only the lower-numbered runs going (the higher ones are abandoned at their next
/// chunk), and the lowest-numbered ending is reported.
pub struct HuntRun {
    shared: Arc<HuntShared>,
}

#[derive(Default)]
struct HuntShared {
    stop: StopSignal,
    /// The highest run begun (from 1; 0 before the first).
    run: AtomicU32,
    /// The next run to hand out.
    next: AtomicU32,
    /// Runs that passed.
    passed: AtomicU32,
    /// The lowest-numbered run that ended the hunt, and how (u32::MAX: none yet).
    lowest_end: AtomicU32,
    ending: Mutex<Option<(u32, HuntEnd)>>,
    /// Workers still hunting; the last one out writes the report.
    working: AtomicU32,
    began_ns: u64,
    done: AtomicBool,
    report: Mutex<Option<HuntReport>>,
}

impl HuntShared {
    /// Records that run `run` ended the hunt with `end`, if no lower one did.
    fn ended(&self, run: u32, end: HuntEnd) {
        let mut ending = self.ending.lock().unwrap_or_else(PoisonError::into_inner);
        if ending.as_ref().is_none_or(|(lowest, _)| run < *lowest) {
            *ending = Some((run, end));
            self.lowest_end.store(run, Ordering::Release);
        }
    }

    /// One worker: takes runs in turn until they run out or one below ends the hunt.
    fn work(self: &Arc<Self>, source: &str, filename: &str, options: &HuntOptions) {
        vm::stack_guard::establish();
        loop {
            if self.stop.is_requested() {
                break;
            }
            let run = self.next.fetch_add(1, Ordering::AcqRel);
            if run > options.runs.max(1) || run > self.lowest_end.load(Ordering::Acquire) {
                break;
            }
            self.run.fetch_max(run, Ordering::AcqRel);
            let abandon: Abandon = {
                let shared = self.clone();
                Arc::new(move || shared.lowest_end.load(Ordering::Acquire) < run)
            };
            match hunt_one(source, filename, options, &self.stop, abandon, run) {
                None => {
                    self.passed.fetch_add(1, Ordering::AcqRel);
                }
                // Abandoned for a lower run's ending: its result is not wanted.
                Some(HuntEnd::Stopped) if !self.stop.is_requested() => {}
                Some(end) => self.ended(run, end),
            }
        }
        if self.working.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.finish(options);
        }
    }

    /// The report, once every worker is out.
    fn finish(&self, options: &HuntOptions) {
        let elapsed_ms = clock::now_ns().saturating_sub(self.began_ns) as f64 / 1e6;
        let ending = self
            .ending
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        let report = match ending {
            Some((run, HuntEnd::Stopped)) => HuntReport {
                end: HuntEnd::Stopped,
                runs: self.passed.load(Ordering::Acquire).min(run - 1),
                elapsed_ms,
            },
            Some((run, end)) => report_of(end, run, elapsed_ms),
            None if self.stop.is_requested() => HuntReport {
                end: HuntEnd::Stopped,
                runs: self.passed.load(Ordering::Acquire),
                elapsed_ms,
            },
            None => HuntReport {
                end: HuntEnd::Held,
                runs: options.runs.max(1),
                elapsed_ms,
            },
        };
        *self.report.lock().unwrap_or_else(PoisonError::into_inner) = Some(report);
        self.done.store(true, Ordering::Release);
    }
}

impl HuntRun {
    /// Starts the hunt on `options.parallel` logical threads (at least one); fails at
    /// once when not even one is free (with fewer free, it runs on those).
    pub fn start(
        source: String,
        filename: String,
        options: HuntOptions,
    ) -> Result<HuntRun, threads::SpawnError> {
        let workers = options.parallel.clamp(1, 16);
        let shared = Arc::new(HuntShared {
            next: AtomicU32::new(1),
            lowest_end: AtomicU32::new(u32::MAX),
            working: AtomicU32::new(workers),
            began_ns: clock::now_ns(),
            ..HuntShared::default()
        });
        let job = Arc::new((source, filename, options));
        for index in 0..workers {
            let (inside, task) = (shared.clone(), job.clone());
            let spawned = threads::spawn(format!("race hunter {}", index + 1), move || {
                inside.work(&task.0, &task.1, &task.2);
            });
            if let Err(error) = spawned {
                // The workers that did start share the runs; none at all is an error.
                if index == 0 {
                    return Err(error);
                }
                let missing = workers - index;
                if shared.working.fetch_sub(missing, Ordering::AcqRel) == missing {
                    shared.finish(&job.2);
                }
                break;
            }
        }
        Ok(HuntRun { shared })
    }

    /// The highest run begun, from 1 (0 before the first).
    pub fn current_run(&self) -> u32 {
        self.shared.run.load(Ordering::Acquire)
    }

    /// The result, once the hunt is over; never blocks (a hunt that is finishing
    /// right now reads as not over yet).
    pub fn report(&self) -> Option<HuntReport> {
        if !self.shared.done.load(Ordering::Acquire) {
            return None;
        }
        self.shared
            .report
            .try_lock()
            .ok()
            .and_then(|report| report.clone())
    }

    /// Ends the hunt at its running programs' next [`CHUNK`] of instructions.
    pub fn stop(&self) {
        self.shared.stop.request();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exceptions_are_found_in_any_thread() {
        let stderr = "Exception in thread Thread-2 (work):\nTraceback (most recent call last):\n  File \"main.py\", line 3, in work\n    assert x == 1, \"lost\"\nAssertionError: lost\n";
        assert_eq!(
            first_exception(stderr),
            Some(("AssertionError: lost".into(), Some("Thread-2".into())))
        );
        let main = "Traceback (most recent call last):\n  File \"main.py\", line 1, in <module>\nValueError\n";
        assert_eq!(first_exception(main), Some(("ValueError".into(), None)));
        assert_eq!(first_exception("just a warning\n"), None);
    }

    #[test]
    fn values_are_judged_against_the_goal() {
        let goal = WatchGoal {
            global: "counter".into(),
            expected: 500_000.0,
        };
        let value = |number: Option<f64>, text: &str| {
            Some(GlobalValue {
                number,
                text: text.into(),
            })
        };
        let ok = value(Some(500_000.0), "500000");
        assert_eq!(
            judge(&Outcome::Exited(0), "", Some(&ok), Some(&goal)),
            Ok(None)
        );
        let short = value(Some(499_998.0), "499998");
        assert_eq!(
            judge(&Outcome::Exited(0), "", Some(&short), Some(&goal)),
            Ok(Some((
                FailureKind::WrongValue,
                "counter was 499998, expected 500000".into()
            )))
        );
        let text = value(None, "many");
        assert!(judge(&Outcome::Exited(0), "", Some(&text), Some(&goal))
            .unwrap_err()
            .contains("not a number"));
        assert!(judge(&Outcome::Exited(0), "", Some(&None), Some(&goal))
            .unwrap_err()
            .contains("never set the global `counter`"));
        let exit = judge(&Outcome::Exited(3), "", None, None).unwrap().unwrap();
        assert_eq!(exit.0, FailureKind::ExitStatus);
    }
}
