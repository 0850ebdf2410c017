//! The engine worker of the simulated build: the side of the wasm module that runs in
//! the dedicated Web Worker www/engine-worker.js starts. It runs each program it is sent
//! to its end with `engine::local_run` (blocking this worker, never the page) and posts
//! a report every few tens of milliseconds, then the run's end (for a step-mode replay,
//! where its threads stood just before; for a run that reached an `input()` nobody
//! answered yet, that request: the page runs it again with the answer); or hunts for a
//! failing seed (`engine::hunt`), posting each run's number and the hunt's end.
//!
//! Reports are posted from inside the run: a worker's `postMessage` reaches the page
//! while the worker is still busy, so the page sees output and the timeline move
//! although this worker never returns to its event loop until the run is over. It must
//! never touch the DOM (there is none here) and never post anything but
//! `engine_wire::FromWorker` messages.

use crate::engine_wire::{self, End, FromWorker, ToWorker};
use engine::local_run::{run_here_stepped, Cadence};
use engine::StopSignal;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Starts the worker's side: the trace's clock, then "ready" to the page (the script
/// then hands every message to [`engine_worker_receive`]).
pub fn start() {
    trace::clock::set_source(trace::clock::ClockSource {
        absolute_ms,
        unix_ms: js_sys::Date::now,
    });
    // The worker's script is simulated/engine-worker.js: the library is one folder up.
    let href = js_sys::Reflect::get(&js_sys::global(), &"location".into())
        .and_then(|location| js_sys::Reflect::get(&location, &"href".into()))
        .ok()
        .and_then(|href| href.as_string());
    if let Some(href) = href {
        crate::web::install_library(&href, "../pylib/");
    }
    post(&FromWorker::Ready);
}

/// A message from the page (the bytes of an `engine_wire::ToWorker`): runs the program
/// it carries to its end. Called by www/engine-worker.js for each message.
#[wasm_bindgen]
pub fn engine_worker_receive(data: JsValue) {
    let Some(bytes) = data
        .dyn_ref::<js_sys::Uint8Array>()
        .map(|array| array.to_vec())
    else {
        return;
    };
    let request = match engine_wire::decode::<ToWorker>(&bytes) {
        Ok(ToWorker::Run(request)) => request,
        Ok(ToWorker::Hunt(request)) => return hunt(request),
        Err(_) => return,
    };
    // The page's clock base, before this worker's first reading: timestamps compare.
    if request.clock_base_ms > 0.0 {
        trace::clock::set_base_ms(request.clock_base_ms);
    }
    post(&FromWorker::Started {
        started_ns: trace::clock::now_ns(),
    });
    // input(): the answers so far, and a pause at the first request past them (this
    // worker cannot wait for the page in the middle of a run).
    let stdin = std::sync::Arc::new(engine::Stdin::replaying(request.input.clone()));
    let mut options = request.options();
    options.stdin = Some(stdin.clone());
    let (outcome, snapshot) = run_here_stepped(
        &request.source,
        &request.filename,
        options,
        // Stop is the page terminating this worker: nothing here ever requests it.
        StopSignal::new(),
        Cadence::default(),
        |update| post(&FromWorker::Progress(update.into())),
    );
    if let Some(snapshot) = snapshot {
        post(&FromWorker::Stepped(snapshot.into()));
    }
    let end = match (&outcome, stdin.paused()) {
        (engine::Outcome::Stopped, Some(request)) => End::NeedsInput((&request).into()),
        (outcome, _) => End::from(outcome),
    };
    post(&FromWorker::Ended {
        end,
        ended_ns: trace::clock::now_ns(),
    });
}

/// Runs a hunt to its end (Stop is the page terminating this worker), posting the
/// number of each run as it begins and the hunt's report.
fn hunt(request: engine_wire::HuntRequest) {
    if request.clock_base_ms > 0.0 {
        trace::clock::set_base_ms(request.clock_base_ms);
    }
    let report = engine::hunt::hunt(
        &request.source,
        &request.filename,
        &request.options(),
        &StopSignal::new(),
        |run| post(&FromWorker::HuntRun { run }),
    );
    post(&FromWorker::HuntEnded((&report).into()));
}

/// Posts `message` to the page, its bytes' buffer transferred rather than copied.
fn post(message: &FromWorker) {
    let bytes = js_sys::Uint8Array::from(engine_wire::encode(message).as_slice());
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let transfer = js_sys::Array::of1(&bytes.buffer());
    // Posting fails only for uncloneable data; bytes always clone.
    let _ = scope.post_message_with_transfer(&bytes, &transfer);
}

/// `performance.timeOrigin + performance.now()` in this worker: the same reading as the
/// page's clock (each context's `now()` alone counts from its own origin).
fn absolute_ms() -> f64 {
    thread_local! {
        static PERFORMANCE: web_sys::Performance =
            js_sys::Reflect::get(&js_sys::global(), &"performance".into())
                .map(JsCast::unchecked_into)
                .expect("a worker has `performance`");
    }
    PERFORMANCE.with(|performance| performance.time_origin() + performance.now())
}
