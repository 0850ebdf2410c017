//! A Python program running on a logical thread, observed without blocking.
//!
//! `ProgramRun::start` compiles and runs the source on its own logical thread (a pool
//! worker in the browser); the caller polls status and drains output, and may stop it at
//! any moment. The same code runs natively (tests) and in the page. Printing from Python
//! goes into a lock-free queue, so the UI never waits on the program.

use super::stop::{SleepOutcome, StopSignal};
use super::threads::{self, SpawnError};
use crate::engine::{self, Outcome, RunOptions};
use crate::trace::{clock, Trace, TraceLog};
use crate::vm::{Host, StopFlag};
use crossbeam_queue::SegQueue;
use std::sync::atomic::{AtomicI32, AtomicU64, AtomicU8, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Which stream a piece of output was written to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// One piece of output, with the trace lane of the thread that wrote it (None for text
/// the run itself wrote, such as a SyntaxError or a deadlock report).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputPiece {
    pub stream: Stream,
    pub lane: Option<usize>,
    pub text: String,
}

/// Where a program is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProgramStatus {
    Running,
    /// Ended by itself with this exit status (0 = success).
    Exited(i32),
    Stopped,
    /// Every thread waited forever; the report went to stderr.
    Deadlock,
}

const RUNNING: u8 = 0;
const EXITED: u8 = 1;
const STOPPED: u8 = 2;
const DEADLOCK: u8 = 3;

/// The host the VM sees: output into queues, the shared clock, interruptible sleeps.
struct ProgramHost {
    output: SegQueue<OutputPiece>,
    sleep_signal: StopSignal,
    started_ns: u64,
}

impl Host for ProgramHost {
    fn write_stdout(&self, text: &str) {
        self.write_from(None, false, text);
    }

    fn write_stderr(&self, text: &str) {
        self.write_from(None, true, text);
    }

    fn write_from(&self, lane: Option<usize>, to_stderr: bool, text: &str) {
        self.output.push(OutputPiece {
            stream: if to_stderr {
                Stream::Stderr
            } else {
                Stream::Stdout
            },
            lane,
            text: text.to_string(),
        });
    }

    fn monotonic(&self) -> f64 {
        clock::now_ns().saturating_sub(self.started_ns) as f64 / 1e9
    }

    fn wall_clock(&self) -> f64 {
        clock::unix_time_secs()
    }

    fn spawn_thread(&self, name: &str, task: Box<dyn FnOnce() + Send>) -> Result<(), String> {
        threads::spawn(name.to_string(), task).map_err(|e| e.to_string())
    }

    fn sleep(&self, seconds: f64) -> bool {
        let duration = Duration::try_from_secs_f64(seconds).unwrap_or(Duration::MAX);
        self.sleep_signal.sleep(duration) == SleepOutcome::Completed
    }
}

struct Shared {
    host: Arc<ProgramHost>,
    trace: Arc<Trace>,
    stop: StopFlag,
    state: AtomicU8,
    exit_code: AtomicI32,
    ended_ns: AtomicU64,
}

/// A started program; dropping the handle does not stop it.
pub struct ProgramRun {
    shared: Arc<Shared>,
    started_ns: u64,
}

impl ProgramRun {
    /// Starts `source` on a logical thread of its own and returns at once.
    pub fn start(
        source: String,
        filename: String,
        mut options: RunOptions,
    ) -> Result<ProgramRun, SpawnError> {
        let trace = Trace::new(crate::vm::interp::MAX_TRACED_THREADS);
        options.trace = Some(trace.clone());
        let started_ns = clock::now_ns();
        let host = Arc::new(ProgramHost {
            output: SegQueue::new(),
            sleep_signal: StopSignal::new(),
            started_ns,
        });
        let shared = Arc::new(Shared {
            host,
            trace,
            stop: StopFlag::default(),
            state: AtomicU8::new(RUNNING),
            exit_code: AtomicI32::new(0),
            ended_ns: AtomicU64::new(0),
        });
        let thread_shared = Arc::clone(&shared);
        threads::spawn("python-main".into(), move || {
            let shared = thread_shared;
            let host: Arc<dyn Host> = shared.host.clone();
            let outcome =
                engine::run_program(&source, &filename, host, shared.stop.clone(), &options);
            shared.ended_ns.store(clock::now_ns(), Ordering::Release);
            match outcome {
                Outcome::Exited(code) => {
                    shared.exit_code.store(code, Ordering::Release);
                    shared.state.store(EXITED, Ordering::Release);
                }
                Outcome::Stopped => shared.state.store(STOPPED, Ordering::Release),
                Outcome::Deadlock(_) => shared.state.store(DEADLOCK, Ordering::Release),
            }
        })?;
        Ok(ProgramRun { shared, started_ns })
    }

    /// Asks the program to stop: busy loops end at their next backward jump, sleeps at
    /// once. Returns at once; `status` says when it has.
    pub fn stop(&self) {
        self.shared.stop.request();
        self.shared.host.sleep_signal.stop();
    }

    pub fn status(&self) -> ProgramStatus {
        match self.shared.state.load(Ordering::Acquire) {
            RUNNING => ProgramStatus::Running,
            EXITED => ProgramStatus::Exited(self.shared.exit_code.load(Ordering::Acquire)),
            DEADLOCK => ProgramStatus::Deadlock,
            _ => ProgramStatus::Stopped,
        }
    }

    /// Milliseconds from start to now while running, to the end after.
    pub fn elapsed_ms(&self) -> f64 {
        let end = match self.status() {
            ProgramStatus::Running => clock::now_ns(),
            _ => self.shared.ended_ns.load(Ordering::Acquire),
        };
        clock::ms_between(self.started_ns, end)
    }

    /// When the run started (a reading of the shared clock).
    pub fn started_ns(&self) -> u64 {
        self.started_ns
    }

    /// Moves the threads' state changes since the last call into `log`; never blocks.
    pub fn drain_trace(&self, log: &mut TraceLog) {
        self.shared.trace.drain_into(log);
    }

    /// Moves everything printed since the last call into `out`, in order; never blocks.
    pub fn drain_output(&self, out: &mut Vec<(Stream, String)>) {
        while let Some(piece) = self.shared.host.output.pop() {
            out.push((piece.stream, piece.text));
        }
    }

    /// Like `drain_output`, keeping which thread wrote each piece.
    pub fn drain_output_pieces(&self, out: &mut Vec<OutputPiece>) {
        while let Some(piece) = self.shared.host.output.pop() {
            out.push(piece);
        }
    }

    /// The program line the thread on trace lane `lane` is at now (0: unknown). Never
    /// blocks; for the editor's live per-thread markers.
    pub fn current_line(&self, lane: usize) -> u32 {
        self.shared.trace.current_line(lane)
    }
}
