//! The page's side of the simulated build: the one engine worker, and
//! [`SimulatedRun`], a program running in it, with the same methods the UI calls on the
//! threads build's `ProgramRun` (so the UI does not know which build it is in).
//!
//! The worker streams reports (`engine_wire`); each is taken in as it arrives, in the
//! worker's message handler, whatever the UI's frames do (a hidden tab gets none): its
//! output goes into an `OutputQueue` with the threads build's caps, its trace events
//! into the run's bounded `TraceStore`, so the page's memory stays bounded however long
//! a run goes on. Stop terminates the worker (the only way to interrupt a worker busy
//! with a run) and starts a fresh one, which holds the next run until it has loaded.
//!
//! [`SimulatedHunt`] is the race hunter in the same worker (the threads build's
//! `engine::hunt::HuntRun`), stopped the same way.
//!
//! A run that reaches an `input()` nobody answered yet pauses there (its worker run
//! ends) and is run again from its start with the answer (`SimulatedRun::send_input`).
//!
//! Everything here returns at once: it posts messages and handles them, never waits.

use crate::engine_wire::{self, FromWorker, HuntRequest, RunRequest, ToWorker};
use engine::hunt::{HuntEnd, HuntOptions, HuntReport};
use engine::keeper::SharedStore;
use engine::program::{OutputPiece, OutputQueue, ProgramStatus, Stream};
use engine::RunOptions;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use trace::store::TraceStore;
use trace::{clock, TraceLog};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The engine worker's script, relative to the page (a worker's URL resolves against
/// the document's base URL, so the site works under any path).
const WORKER_SCRIPT: &str = "simulated/engine-worker.js";

/// What www/engine-worker.js posts (a plain object, not engine bytes) when the worker
/// failed: its script or module did not load, or the engine trapped.
const CRASH_TYPE: &str = "threadplay:worker-crash";

/// The first message to a fresh worker: the page's compiled module.
const MODULE_TYPE: &str = "threadplay:module";

/// The engine worker and what it is doing.
struct Engine {
    worker: web_sys::Worker,
    /// Its handlers; they live as long as the worker is in use.
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::ErrorEvent)>,
    /// The run it serves, until that run ends.
    run: Option<Rc<RunState>>,
    /// The hunt it serves, until that hunt ends.
    hunt: Option<Rc<HuntState>>,
    /// It said it is ready at least once (a fresh worker after a Stop has not yet).
    ready: bool,
}

/// The start-up's wait for the first worker: resolve with nothing, or reject with why.
type Waiter = (js_sys::Function, js_sys::Function);

thread_local! {
    static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
    static WAITER: RefCell<Option<Waiter>> = const { RefCell::new(None) };
}

impl Engine {
    fn spawn() -> Result<Engine, String> {
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options(WORKER_SCRIPT, &options)
            .map_err(|error| describe(&error))?;
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|event: web_sys::MessageEvent| {
                received(event.data())
            });
        let on_error =
            Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(|event: web_sys::ErrorEvent| {
                crashed(&event.message())
            });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // First, this page's own compiled module (the same wasm): the worker instantiates
        // it instead of downloading and compiling the file again (www/engine-worker.js).
        let module = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&module, &"type".into(), &MODULE_TYPE.into());
        let _ = js_sys::Reflect::set(&module, &"module".into(), &wasm_bindgen::module());
        if worker.post_message(&module).is_err() {
            let _ = js_sys::Reflect::set(&module, &"module".into(), &JsValue::NULL);
            let _ = worker.post_message(&module);
        }
        Ok(Engine {
            worker,
            _on_message: on_message,
            _on_error: on_error,
            run: None,
            hunt: None,
            ready: false,
        })
    }

    /// Ends the worker at once, whatever it is doing; nothing it posted is handled after.
    fn terminate(self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }

    fn send(&self, message: &ToWorker) {
        let bytes = js_sys::Uint8Array::from(engine_wire::encode(message).as_slice());
        let transfer = js_sys::Array::of1(&bytes.buffer());
        let _ = self.worker.post_message_with_transfer(&bytes, &transfer);
    }
}

/// Starts the engine worker; resolves with the time since navigation once it has
/// loaded, or fails with why it could not (its script or module did not load).
pub async fn start_engine() -> Result<f64, String> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        WAITER.with(|waiter| *waiter.borrow_mut() = Some((resolve, reject)));
    });
    let spawned = Engine::spawn()?;
    ENGINE.with(|engine| *engine.borrow_mut() = Some(spawned));
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|error| describe(&error))?;
    Ok(crate::web::ms_since_navigation())
}

/// A message from the worker.
fn received(data: JsValue) {
    let Some(bytes) = data.dyn_ref::<js_sys::Uint8Array>() else {
        let kind = js_sys::Reflect::get(&data, &"type".into()).ok();
        if kind.and_then(|kind| kind.as_string()).as_deref() == Some(CRASH_TYPE) {
            let message = js_sys::Reflect::get(&data, &"message".into())
                .ok()
                .and_then(|message| message.as_string())
                .unwrap_or_default();
            crashed(&message);
        }
        return;
    };
    let Ok(message) = engine_wire::decode::<FromWorker>(&bytes.to_vec()) else {
        return;
    };
    if let FromWorker::HuntRun { .. } | FromWorker::HuntEnded(_) = &message {
        let hunt = ENGINE.with(|engine| {
            let mut engine = engine.borrow_mut();
            let engine = engine.as_mut()?;
            if matches!(message, FromWorker::HuntEnded(_)) {
                engine.hunt.take()
            } else {
                engine.hunt.clone()
            }
        });
        if let Some(hunt) = hunt {
            match message {
                FromWorker::HuntRun { run } => hunt.run.set(run),
                FromWorker::HuntEnded(done) => hunt.end(done.into()),
                _ => {}
            }
        }
        return;
    }
    let run = ENGINE.with(|engine| {
        let mut engine = engine.borrow_mut();
        let engine = engine.as_mut()?;
        if message == FromWorker::Ready {
            engine.ready = true;
        }
        if matches!(message, FromWorker::Ended { .. }) {
            engine.run.take()
        } else {
            engine.run.clone()
        }
    });
    match message {
        FromWorker::Ready => {
            if let Some((resolve, _)) = WAITER.with(|waiter| waiter.borrow_mut().take()) {
                let _ = resolve.call0(&JsValue::NULL);
            }
        }
        FromWorker::Started { started_ns } => {
            // A replay after an input() keeps the run's first start.
            if let Some(run) = run.filter(|run| run.started_ns.get().is_none()) {
                run.started_ns.set(Some(started_ns));
            }
        }
        FromWorker::Progress(progress) => {
            if let Some(run) = run {
                for piece in progress.output {
                    run.take_output(piece.into());
                }
                run.worker_dropped.set(progress.dropped_lines);
                *run.lines.borrow_mut() = progress.lines;
                run.take_in(progress.trace);
            }
        }
        FromWorker::Stepped(snapshot) => {
            if let Some(run) = run {
                *run.snapshot.borrow_mut() = Some(snapshot.into());
            }
        }
        FromWorker::Ended { end, ended_ns } => {
            if let Some(run) = run {
                match end {
                    // Still running, as the page sees it: a thread waits for input.
                    engine_wire::End::NeedsInput(wait) => {
                        if run.status.get() == ProgramStatus::Running {
                            *run.input_wait.borrow_mut() = Some(wait.into());
                        }
                    }
                    end => run.end(end.into(), ended_ns),
                }
            }
        }
        FromWorker::HuntRun { .. } | FromWorker::HuntEnded(_) => {}
    }
}

/// The worker failed. Before it was ever ready: the start-up fails with the message.
/// Otherwise the run it served ends in an error saying so, and a fresh worker replaces
/// it.
fn crashed(message: &str) {
    if let Some((_, reject)) = WAITER.with(|waiter| waiter.borrow_mut().take()) {
        let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(message));
        return;
    }
    let Some(old) = ENGINE.with(|engine| engine.borrow_mut().take()) else {
        return;
    };
    let (run, was_ready) = (old.run.clone(), old.ready);
    if let Some(hunt) = old.hunt.clone() {
        hunt.end(HuntReport {
            end: HuntEnd::Unjudgeable(format!(
                "The interpreter stopped working ({message}) during run {}. It has been restarted.",
                hunt.run.get()
            )),
            runs: hunt.run.get(),
            elapsed_ms: clock::ms_between(hunt.asked_ns, clock::now_ns()),
        });
    }
    old.terminate();
    if let Some(run) = run {
        run.output.push(OutputPiece {
            stream: Stream::Stderr,
            lane: None,
            text: format!(
                "The interpreter stopped working ({message}). It has been restarted: run the program again.\n"
            ),
        });
        run.end(ProgramStatus::Exited(1), clock::now_ns());
    }
    // A worker that never loaded would fail again: do not start one in a loop.
    if was_ready {
        if let Ok(fresh) = Engine::spawn() {
            ENGINE.with(|engine| *engine.borrow_mut() = Some(fresh));
        }
    }
}

/// A run as the page sees it, updated by the worker's messages.
struct RunState {
    status: Cell<ProgramStatus>,
    /// Output not yet drained by the UI, under the threads build's caps.
    output: OutputQueue,
    /// Lines the worker's own queue dropped (its running total).
    worker_dropped: Cell<u64>,
    lines: RefCell<Vec<u32>>,
    /// When the page asked for the run, and when the worker began it.
    asked_ns: u64,
    started_ns: Cell<Option<u64>>,
    ended_ns: Cell<u64>,
    store: SharedStore,
    /// Where a step-mode replay's threads stood when it ended.
    snapshot: RefCell<Option<engine::stepping::StepSnapshot>>,
    /// Logs that arrived while the UI held the store (never in practice: it only
    /// holds it within one frame's drawing).
    waiting: RefCell<Vec<TraceLog>>,
    /// The request last sent, with the answers to `input()` so far: a run that paused
    /// at an unanswered `input()` is sent again with one answer more.
    request: RefCell<Option<RunRequest>>,
    /// The `input()` the run paused at, until it is answered.
    input_wait: RefCell<Option<engine::InputRequest>>,
    /// Output bytes of the current replay received so far, and how many of them the
    /// console already showed (from the replay before; the same bytes, since a replay
    /// repeats the run up to where it paused).
    seen_bytes: Cell<usize>,
    skip_bytes: Cell<usize>,
}

impl RunState {
    fn take_in(&self, log: TraceLog) {
        self.waiting.borrow_mut().push(log);
        if let Ok(mut store) = self.store.try_lock() {
            for log in self.waiting.borrow_mut().drain(..) {
                store.ingest_log(log);
            }
        }
    }

    /// Output from the worker, less what an earlier replay already showed.
    fn take_output(&self, mut piece: OutputPiece) {
        let before = self.seen_bytes.get();
        self.seen_bytes.set(before + piece.text.len());
        let skip = self.skip_bytes.get();
        if before + piece.text.len() <= skip {
            return;
        }
        if before < skip {
            let cut = skip - before;
            if !piece.text.is_char_boundary(cut) {
                return;
            }
            piece.text = piece.text[cut..].to_string();
        }
        self.output.push(piece);
    }

    fn end(&self, status: ProgramStatus, ended_ns: u64) {
        if self.status.get() == ProgramStatus::Running {
            self.ended_ns.set(ended_ns);
            self.status.set(status);
        }
    }
}

/// A program running in the engine worker (or waiting for a fresh one to load). Same
/// methods as the threads build's `ProgramRun`; dropping it does not stop it.
pub struct SimulatedRun {
    state: Rc<RunState>,
}

impl SimulatedRun {
    /// Sends `source` to the engine worker and returns at once. Always on the virtual
    /// scheduler, whatever `options.scheduler` says: there is one thread.
    pub fn start(
        source: String,
        filename: String,
        options: RunOptions,
    ) -> Result<SimulatedRun, String> {
        // (This first reading also fixes the page's clock base, which the worker adopts.)
        let asked_ns = clock::now_ns();
        let state = Rc::new(RunState {
            status: Cell::new(ProgramStatus::Running),
            output: OutputQueue::default(),
            worker_dropped: Cell::new(0),
            lines: RefCell::new(Vec::new()),
            asked_ns,
            started_ns: Cell::new(None),
            ended_ns: Cell::new(0),
            store: Arc::new(Mutex::new(TraceStore::new(asked_ns))),
            waiting: RefCell::new(Vec::new()),
            snapshot: RefCell::new(None),
            request: RefCell::new(None),
            input_wait: RefCell::new(None),
            seen_bytes: Cell::new(0),
            skip_bytes: Cell::new(0),
        });
        let run_request = RunRequest::new(source, filename, &options);
        *state.request.borrow_mut() = Some(run_request.clone());
        let request = ToWorker::Run(run_request);
        // A run still going belongs to a page the learner left (a page stops its own
        // before it starts another): nobody watches it any more, so it ends here, as a
        // Stop would end it, and the new run gets a fresh worker.
        abandon_busy_worker();
        ENGINE.with(|engine| {
            let mut engine = engine.borrow_mut();
            if engine.is_none() {
                *engine = Some(Engine::spawn()?);
            }
            let engine = engine.as_mut().expect("spawned above");
            engine.run = Some(state.clone());
            engine.send(&request);
            Ok::<(), String>(())
        })?;
        Ok(SimulatedRun { state })
    }

    /// Ends the run at once: the worker is terminated (a run never returns to its
    /// event loop, so no message could reach it) and a fresh one starts loading for the
    /// next run. Never blocks.
    pub fn stop(&self) {
        if self.state.status.get() != ProgramStatus::Running {
            return;
        }
        replace_engine_if(|engine| {
            engine
                .run
                .as_ref()
                .is_some_and(|run| Rc::ptr_eq(run, &self.state))
        });
        self.state.end(ProgramStatus::Stopped, clock::now_ns());
    }

    pub fn status(&self) -> ProgramStatus {
        self.state.status.get()
    }

    /// Milliseconds from the start (the worker's, once it said) to now while running,
    /// to the end after.
    pub fn elapsed_ms(&self) -> f64 {
        let start = self.state.started_ns.get().unwrap_or(self.state.asked_ns);
        let end = match self.status() {
            ProgramStatus::Running => clock::now_ns(),
            _ => self.state.ended_ns.get(),
        };
        clock::ms_between(start, end)
    }

    /// Whether the worker has begun the run (a fresh worker after a Stop first loads
    /// its module).
    pub fn has_begun(&self) -> bool {
        self.state.started_ns.get().is_some()
    }

    /// When the page asked for the run (a reading of the shared clock).
    pub fn started_ns(&self) -> u64 {
        self.state.asked_ns
    }

    /// The run's bounded trace, rebuilt from the worker's reports as they arrive.
    pub fn trace_store(&self) -> SharedStore {
        self.state.store.clone()
    }

    /// The store is kept as reports arrive: the reader never needs to.
    pub fn has_keeper(&self) -> bool {
        true
    }

    pub fn keep_trace(&self) -> bool {
        false
    }

    /// Output lines dropped before the reader took them (by the worker's queue or this
    /// page's, each with the threads build's caps).
    pub fn dropped_output_lines(&self) -> u64 {
        self.state.worker_dropped.get() + self.state.output.dropped_lines()
    }

    /// Moves everything printed since the last call into `out`, in order.
    pub fn drain_output_pieces(&self, out: &mut Vec<OutputPiece>) {
        while let Some(piece) = self.state.output.pop() {
            out.push(piece);
        }
    }

    /// Where a step-mode replay stood when it ended (as `ProgramRun::step_snapshot`).
    pub fn step_snapshot(&self) -> Option<engine::stepping::StepSnapshot> {
        self.state.snapshot.borrow().clone()
    }

    /// The program line the thread on trace lane `lane` was at in the latest report.
    pub fn current_line(&self, lane: usize) -> u32 {
        self.state.lines.borrow().get(lane).copied().unwrap_or(0)
    }

    /// The thread waiting in `input()`, while the run is paused there. The worker runs
    /// a program without returning to its event loop, and without shared memory
    /// nothing reaches it meanwhile; so a run that reaches an `input()` nobody answered
    /// yet ends there (`sched::input::Stdin::replaying`), and the answer starts it again
    /// from the beginning on the same seed with every answer so far. On the virtual
    /// scheduler that replay repeats the run exactly up to the pause, so the console
    /// skips the output it already shows. (Unlike the threads build, the other threads
    /// do not run while it waits.)
    pub fn input_request(&self) -> Option<engine::InputRequest> {
        if self.state.status.get() != ProgramStatus::Running {
            return None;
        }
        self.state.input_wait.borrow().clone()
    }

    /// Answers the `input()` the run paused at with `line`, echoed after the prompt.
    pub fn send_input(&self, line: &str) {
        self.answer(Some(line.to_string()));
    }

    /// Answers the `input()` the run paused at with end of input (EOFError).
    pub fn end_input(&self) {
        self.answer(None);
    }

    /// Echoes the answer and runs the program again with it.
    fn answer(&self, answer: Option<String>) {
        let Some(wait) = self.input_request() else {
            return;
        };
        *self.state.input_wait.borrow_mut() = None;
        let echo = match &answer {
            Some(line) => format!("{line}\n"),
            None => "\n".to_string(),
        };
        self.state.output.push(OutputPiece {
            stream: Stream::Stdout,
            lane: wait.lane,
            text: echo,
        });
        let Some(mut request) = self.state.request.borrow().clone() else {
            return;
        };
        request.input.push(answer);
        *self.state.request.borrow_mut() = Some(request.clone());
        self.state.skip_bytes.set(self.state.seen_bytes.get());
        self.state.seen_bytes.set(0);
        // The replay's trace starts again from the program's start.
        self.state.waiting.borrow_mut().clear();
        if let Ok(mut store) = self.state.store.try_lock() {
            *store = TraceStore::new(clock::now_ns());
        }
        let sent = ENGINE.with(|engine| {
            let mut engine = engine.borrow_mut();
            if engine.is_none() {
                *engine = Some(Engine::spawn()?);
            }
            let engine = engine.as_mut().expect("spawned above");
            engine.run = Some(self.state.clone());
            engine.send(&ToWorker::Run(request));
            Ok::<(), String>(())
        });
        if let Err(error) = sent {
            self.state.output.push(OutputPiece {
                stream: Stream::Stderr,
                lane: None,
                text: format!("RuntimeError: {error}\n"),
            });
            self.state.end(ProgramStatus::Exited(1), clock::now_ns());
        }
    }
}

/// A run or hunt still going belongs to a page the learner left (a page ends its own
/// before it starts another): nobody watches it any more, so it ends here, as a Stop
/// would end it, and what comes next gets a fresh worker.
fn abandon_busy_worker() {
    let abandoned = ENGINE.with(|engine| {
        let mut engine = engine.borrow_mut();
        let busy = engine
            .as_ref()
            .is_some_and(|engine| engine.run.is_some() || engine.hunt.is_some());
        if busy {
            engine.take()
        } else {
            None
        }
    });
    if let Some(old) = abandoned {
        if let Some(run) = &old.run {
            run.end(ProgramStatus::Stopped, clock::now_ns());
        }
        if let Some(hunt) = &old.hunt {
            hunt.stopped();
        }
        old.terminate();
    }
}

/// A hunt as the page sees it, updated by the worker's messages.
struct HuntState {
    run: Cell<u32>,
    asked_ns: u64,
    report: RefCell<Option<HuntReport>>,
}

impl HuntState {
    fn end(&self, report: HuntReport) {
        let mut kept = self.report.borrow_mut();
        if kept.is_none() {
            *kept = Some(report);
        }
    }

    fn stopped(&self) {
        self.end(HuntReport {
            end: HuntEnd::Stopped,
            runs: self.run.get().saturating_sub(1),
            elapsed_ms: clock::ms_between(self.asked_ns, clock::now_ns()),
        });
    }
}

/// A race hunt in the engine worker: the same methods as the threads build's
/// `engine::hunt::HuntRun`. Stop terminates the worker, as for a run.
pub struct SimulatedHunt {
    state: Rc<HuntState>,
}

impl SimulatedHunt {
    /// Sends the hunt to the engine worker and returns at once.
    pub fn start(
        source: String,
        filename: String,
        options: HuntOptions,
    ) -> Result<SimulatedHunt, String> {
        let asked_ns = clock::now_ns();
        let state = Rc::new(HuntState {
            run: Cell::new(0),
            asked_ns,
            report: RefCell::new(None),
        });
        let request = ToWorker::Hunt(HuntRequest::new(source, filename, &options));
        abandon_busy_worker();
        ENGINE.with(|engine| {
            let mut engine = engine.borrow_mut();
            if engine.is_none() {
                *engine = Some(Engine::spawn()?);
            }
            let engine = engine.as_mut().expect("spawned above");
            engine.hunt = Some(state.clone());
            engine.send(&request);
            Ok::<(), String>(())
        })?;
        Ok(SimulatedHunt { state })
    }

    /// The run in progress, from 1 (0 before the first).
    pub fn current_run(&self) -> u32 {
        self.state.run.get()
    }

    pub fn report(&self) -> Option<HuntReport> {
        self.state.report.borrow().clone()
    }

    /// Ends the hunt at once: the worker is terminated and a fresh one starts loading.
    pub fn stop(&self) {
        if self.state.report.borrow().is_some() {
            return;
        }
        replace_engine_if(|engine| {
            engine
                .hunt
                .as_ref()
                .is_some_and(|hunt| Rc::ptr_eq(hunt, &self.state))
        });
        self.state.stopped();
    }
}

/// Stop's one way to interrupt a busy worker: when the engine serves what `serves`
/// recognises, it is terminated and a fresh one starts loading for the next run.
fn replace_engine_if(serves: impl FnOnce(&Engine) -> bool) {
    let old = ENGINE.with(|engine| {
        let mut engine = engine.borrow_mut();
        if engine.as_ref().is_some_and(serves) {
            engine.take()
        } else {
            None
        }
    });
    if let Some(old) = old {
        old.terminate();
        if let Ok(fresh) = Engine::spawn() {
            ENGINE.with(|engine| *engine.borrow_mut() = Some(fresh));
        }
    }
}

fn describe(error: &JsValue) -> String {
    js_sys::Reflect::get(error, &"message".into())
        .ok()
        .and_then(|message| message.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}
