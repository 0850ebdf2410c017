//! A Python program running on a logical thread, observed without blocking.
//!
//! `ProgramRun::start` compiles and runs the source on its own logical thread (a pool
//! worker in the browser); the caller polls status and drains output, and may stop it at
//! any moment. The same code runs natively (tests) and in the page. Printing from Python
//! goes into a bounded lock-free queue (past its cap the oldest pieces are dropped and
//! counted), so the UI never waits on the program and a program printing forever into a
//! hidden tab holds at most about a megabyte. The trace goes through the run's keeper
//! into a bounded store (`keeper`), independent of the UI's frames.
//!
//! A thread waiting in `input()` is answered through the handle (`input_request`,
//! `send_input`, `end_input`), which never blocks either.
//!
//! A run's program may begin a little after `start` returns: its thread first waits for
//! a worker (the page starts workers on demand) and for the page's warm-up
//! (`warm_up`). Its clock (elapsed time, the timeline's origin, `time.monotonic()`)
//! starts when the program begins, so neither wait counts as the program's time.

use super::keeper::{lock_store, SharedStore, TraceKeeper};
use super::threads::{self, SpawnError};
use crate::run::run_program_stepped;
use crate::stepping::StepSnapshot;
use crate::{Outcome, RunOptions};
use crossbeam_queue::SegQueue;
use sched::stop::StopSignal;
use std::sync::atomic::{AtomicI32, AtomicU64, AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use trace::store::TraceStore;
use trace::{clock, Trace};
use vm::Host;

/// Output bytes waiting for the reader before the oldest pieces are dropped.
pub const OUTPUT_PENDING_BYTES: usize = 1 << 20;
/// Output pieces waiting for the reader before the oldest are dropped.
pub const OUTPUT_PENDING_PIECES: usize = 4096;
/// A single piece longer than this keeps its start and says how much was left out.
pub const OUTPUT_PIECE_BYTES: usize = 256 << 10;

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

/// `Shared::begun_ns` before the program begins, and once a stop cancelled it.
const NOT_BEGUN: u64 = 0;
const CANCELLED: u64 = u64::MAX;

const RUNNING: u8 = 0;
const EXITED: u8 = 1;
const STOPPED: u8 = 2;
const DEADLOCK: u8 = 3;

/// Output on its way to the reader: lock-free, and bounded by the writer itself (past
/// the caps it drops the oldest pieces, counting their lines), so the producing thread
/// never queues unbounded text and the reader never waits. (Public for the page's build
/// without shared memory, which queues what its worker sent under the same caps.)
#[derive(Default)]
pub struct OutputQueue {
    pieces: SegQueue<OutputPiece>,
    pending_pieces: AtomicUsize,
    pending_bytes: AtomicUsize,
    pub(crate) dropped_lines: AtomicU64,
}

impl OutputQueue {
    /// Queues `piece`, dropping the oldest pieces past the caps (and counting their
    /// lines); never blocks.
    pub fn push(&self, mut piece: OutputPiece) {
        if piece.text.len() > OUTPUT_PIECE_BYTES {
            let mut cut = OUTPUT_PIECE_BYTES;
            while !piece.text.is_char_boundary(cut) {
                cut -= 1;
            }
            let left_out = piece.text.len() - cut;
            let newline = if piece.text.ends_with('\n') { "\n" } else { "" };
            piece.text = format!(
                "{}\u{2026} [{left_out} more bytes not shown]{newline}",
                &piece.text[..cut]
            );
        }
        // Counted before it is visible, so a reader's decrement never comes first.
        let bytes = piece.text.len();
        let pieces = self.pending_pieces.fetch_add(1, Ordering::AcqRel) + 1;
        let total = self.pending_bytes.fetch_add(bytes, Ordering::AcqRel) + bytes;
        self.pieces.push(piece);
        if pieces > OUTPUT_PENDING_PIECES || total > OUTPUT_PENDING_BYTES {
            while self.pending_pieces.load(Ordering::Acquire) > OUTPUT_PENDING_PIECES
                || self.pending_bytes.load(Ordering::Acquire) > OUTPUT_PENDING_BYTES
            {
                let Some(oldest) = self.pop() else {
                    break;
                };
                let lines = oldest.text.matches('\n').count() as u64;
                self.dropped_lines.fetch_add(lines, Ordering::AcqRel);
            }
        }
    }

    /// Lines dropped so far to keep within the caps.
    pub fn dropped_lines(&self) -> u64 {
        self.dropped_lines.load(Ordering::Acquire)
    }

    /// The oldest piece still queued; never blocks.
    pub fn pop(&self) -> Option<OutputPiece> {
        let piece = self.pieces.pop()?;
        self.pending_pieces.fetch_sub(1, Ordering::AcqRel);
        self.pending_bytes
            .fetch_sub(piece.text.len(), Ordering::AcqRel);
        Some(piece)
    }
}

/// The host the VM sees: output into queues, the shared clock, logical threads.
pub(crate) struct ProgramHost {
    pub(crate) output: OutputQueue,
    /// When the program began (`time.monotonic()` counts from here).
    pub(crate) started_ns: AtomicU64,
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
        clock::now_ns().saturating_sub(self.started_ns.load(Ordering::Acquire)) as f64 / 1e9
    }

    fn wall_clock(&self) -> f64 {
        clock::unix_time_secs()
    }

    fn spawn_thread(&self, name: &str, task: Box<dyn FnOnce() + Send>) -> Result<(), String> {
        threads::spawn(name.to_string(), task).map_err(|e| e.to_string())
    }
}

struct Shared {
    host: Arc<ProgramHost>,
    keeper: TraceKeeper,
    /// The run's one stop signal (what `run_program` polls and waiters register with).
    stop: StopSignal,
    state: AtomicU8,
    exit_code: AtomicI32,
    /// When the program began running on its thread: [`NOT_BEGUN`] until then,
    /// [`CANCELLED`] if a stop came first. The thread and `stop` race for it with a
    /// compare-exchange, so exactly one of them decides.
    begun_ns: AtomicU64,
    ended_ns: AtomicU64,
    /// Where a stepped run stood at its end (set before the status changes).
    step_snapshot: Mutex<Option<StepSnapshot>>,
    /// The program's standard input: the page's input line answers it.
    stdin: Arc<sched::input::Stdin>,
}

/// A started program; dropping the handle does not stop it.
pub struct ProgramRun {
    shared: Arc<Shared>,
    /// When `start` was called.
    created_ns: u64,
}

impl ProgramRun {
    /// Starts `source` on a logical thread of its own and returns at once. If the
    /// platform prepared a warm-up (`warm_up`), this begins it when nothing did yet, and
    /// the program waits for it on its own thread.
    pub fn start(
        source: String,
        filename: String,
        options: RunOptions,
    ) -> Result<ProgramRun, SpawnError> {
        crate::warm_up::begin();
        let after_warm_up = crate::warm_up::state() == crate::warm_up::WarmUpState::Running;
        ProgramRun::launch(source, filename, options, after_warm_up)
    }

    /// `start` without the warm-up's part: `after_warm_up` says whether the program
    /// waits for it first.
    pub(crate) fn launch(
        source: String,
        filename: String,
        mut options: RunOptions,
        after_warm_up: bool,
    ) -> Result<ProgramRun, SpawnError> {
        let trace = Trace::new(vm::interp::MAX_TRACED_THREADS);
        options.trace = Some(trace.clone());
        let stdin = options
            .stdin
            .get_or_insert_with(|| Arc::new(sched::input::Stdin::new()))
            .clone();
        let created_ns = clock::now_ns();
        let host = Arc::new(ProgramHost {
            output: OutputQueue::default(),
            started_ns: AtomicU64::new(created_ns),
        });
        let store = Arc::new(Mutex::new(TraceStore::new(created_ns)));
        let shared = Arc::new(Shared {
            host,
            keeper: TraceKeeper::start(trace, store),
            stop: StopSignal::new(),
            state: AtomicU8::new(RUNNING),
            exit_code: AtomicI32::new(0),
            begun_ns: AtomicU64::new(NOT_BEGUN),
            ended_ns: AtomicU64::new(0),
            step_snapshot: Mutex::new(None),
            stdin,
        });
        let thread_shared = Arc::clone(&shared);
        let spawned = threads::spawn("python-main".into(), move || {
            let shared = thread_shared;
            if after_warm_up {
                crate::warm_up::wait_until_over(&shared.stop);
            }
            let begun_ns = clock::now_ns();
            let begins = !shared.stop.is_requested()
                && shared
                    .begun_ns
                    .compare_exchange(NOT_BEGUN, begun_ns, Ordering::AcqRel, Ordering::Acquire)
                    .is_ok();
            let outcome = if begins {
                lock_store(shared.keeper.store()).restart_at(begun_ns);
                shared.host.started_ns.store(begun_ns, Ordering::Release);
                let host: Arc<dyn Host> = shared.host.clone();
                let (outcome, snapshot) =
                    run_program_stepped(&source, &filename, host, shared.stop.clone(), &options);
                *shared
                    .step_snapshot
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner) = snapshot;
                outcome
            } else {
                // Stopped before it began: nothing ran, nothing to report.
                Outcome::Stopped
            };
            shared.ended_ns.store(clock::now_ns(), Ordering::Release);
            // The last drain happens before the status changes, so a reader that sees
            // the end finds the whole trace in the store.
            shared.keeper.finish();
            match outcome {
                Outcome::Exited(code) => {
                    shared.exit_code.store(code, Ordering::Release);
                    shared.state.store(EXITED, Ordering::Release);
                }
                Outcome::Stopped => shared.state.store(STOPPED, Ordering::Release),
                Outcome::Deadlock(_) => shared.state.store(DEADLOCK, Ordering::Release),
            }
        });
        if let Err(error) = spawned {
            shared.keeper.stop();
            return Err(error);
        }
        Ok(ProgramRun { shared, created_ns })
    }

    /// Asks the program to stop: busy loops end at their next backward jump, sleeps and
    /// waits (locks, joins, queues) at once; a program that has not begun yet (its
    /// thread waits for a worker or for the warm-up) is stopped here and then. Returns at
    /// once, never blocking (the browser's main thread calls it); `status` says when it
    /// has.
    pub fn stop(&self) {
        self.shared.stop.request();
        let cancelled = self
            .shared
            .begun_ns
            .compare_exchange(NOT_BEGUN, CANCELLED, Ordering::AcqRel, Ordering::Acquire)
            .is_ok();
        if cancelled {
            // Nothing ran and nothing will: its thread, when it gets a worker, only
            // finishes the keeper (whose store stays empty) and ends.
            self.shared
                .ended_ns
                .store(clock::now_ns(), Ordering::Release);
            self.shared.state.store(STOPPED, Ordering::Release);
        }
    }

    pub fn status(&self) -> ProgramStatus {
        match self.shared.state.load(Ordering::Acquire) {
            RUNNING => ProgramStatus::Running,
            EXITED => ProgramStatus::Exited(self.shared.exit_code.load(Ordering::Acquire)),
            DEADLOCK => ProgramStatus::Deadlock,
            _ => ProgramStatus::Stopped,
        }
    }

    /// Milliseconds from the program's beginning to now while running, to the end
    /// after; 0 until it begins (and for a run stopped before it began).
    pub fn elapsed_ms(&self) -> f64 {
        let begun = self.shared.begun_ns.load(Ordering::Acquire);
        if begun == NOT_BEGUN || begun == CANCELLED {
            return 0.0;
        }
        let end = match self.status() {
            ProgramStatus::Running => clock::now_ns(),
            _ => self.shared.ended_ns.load(Ordering::Acquire),
        };
        clock::ms_between(begun, end)
    }

    /// When the run ended (a reading of the shared clock); `None` while it runs.
    pub fn ended_ns(&self) -> Option<u64> {
        match self.status() {
            ProgramStatus::Running => None,
            _ => Some(self.shared.ended_ns.load(Ordering::Acquire)),
        }
    }

    /// When the program began (a reading of the shared clock); until then, when `start`
    /// was called.
    pub fn started_ns(&self) -> u64 {
        match self.shared.begun_ns.load(Ordering::Acquire) {
            NOT_BEGUN | CANCELLED => self.created_ns,
            begun => begun,
        }
    }

    /// Whether the program has begun running (it may first wait for a worker and for
    /// the warm-up).
    pub fn has_begun(&self) -> bool {
        !matches!(
            self.shared.begun_ns.load(Ordering::Acquire),
            NOT_BEGUN | CANCELLED
        )
    }

    /// The run's bounded trace, kept up to date by its keeper. Readers on the browser's
    /// main thread must only `try_lock` it (and skip a frame when it is busy).
    pub fn trace_store(&self) -> SharedStore {
        self.shared.keeper.store().clone()
    }

    /// Whether a keeper thread drains the trace; if not (no free service worker), the
    /// reader calls [`ProgramRun::keep_trace`] each frame instead.
    pub fn has_keeper(&self) -> bool {
        self.shared.keeper.has_thread()
    }

    /// Drains the trace into the store if it is free; never blocks. Only needed when
    /// there is no keeper thread.
    pub fn keep_trace(&self) -> bool {
        self.shared.keeper.try_keep()
    }

    /// Lines of output dropped before the reader took them (the queue keeps at most
    /// about [`OUTPUT_PENDING_BYTES`] or [`OUTPUT_PENDING_PIECES`]).
    pub fn dropped_output_lines(&self) -> u64 {
        self.shared
            .host
            .output
            .dropped_lines
            .load(Ordering::Acquire)
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

    /// Where a stepped run (`RunOptions::steps`) stood when it ended: after it paused,
    /// ended within its choices or refused one; None while it runs, and for runs
    /// without steps.
    pub fn step_snapshot(&self) -> Option<StepSnapshot> {
        if self.status() == ProgramStatus::Running {
            return None;
        }
        self.shared
            .step_snapshot
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// The program line the thread on trace lane `lane` is at now (0: unknown). Never
    /// blocks; for the editor's live per-thread markers.
    pub fn current_line(&self, lane: usize) -> u32 {
        self.shared.keeper.trace().current_line(lane)
    }

    /// The thread waiting in `input()` whose turn it is, with its prompt, while the
    /// run goes on (the page shows its input line then); never blocks.
    pub fn input_request(&self) -> Option<sched::input::InputRequest> {
        if self.status() != ProgramStatus::Running {
            return None;
        }
        self.shared.stdin.waiting()
    }

    /// Answers the waiting `input()` with `line` (no newline), and writes it to the
    /// output after the prompt, as a terminal echoes what is typed; never blocks.
    pub fn send_input(&self, line: &str) {
        let Some(request) = self.input_request() else {
            return;
        };
        self.shared
            .host
            .write_from(request.lane, false, &format!("{line}\n"));
        self.shared.stdin.answer(line.to_string());
    }

    /// Answers the waiting `input()` with end of input (it raises `EOFError`), as
    /// Ctrl+D in a terminal; never blocks.
    pub fn end_input(&self) {
        let Some(request) = self.input_request() else {
            return;
        };
        self.shared.host.write_from(request.lane, false, "\n");
        self.shared.stdin.end_of_input();
    }
}
