//! The platform demo page "many threads": controls for N and S, live counter and
//! elapsed time, the timeline and the console. It starts runs and polls them once per
//! animation frame; starting, stopping and polling all return at once.

use super::frame_loop::use_frame_polling;
use super::run_status::UiStatus;
use super::timeline::{self, Timeline};
use engine::keeper::SharedStore;
use engine::many_threads::{ManyThreadsConfig, ManyThreadsRun, RunStatus};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use trace::clock;
use trace::store::TraceStore;
use web_sys::HtmlInputElement;
use yew::prelude::*;

const MAX_SECONDS: f64 = 60.0;

/// Everything the page shows about the current (or last) run.
#[derive(Default)]
struct Session {
    run: Option<ManyThreadsRun>,
    /// The run's trace; only this page's main thread touches it, so `try_lock` always
    /// succeeds (the timeline reads it the same way as a Python run's).
    store: Option<SharedStore>,
    console: Vec<String>,
    status: UiStatus,
    counter: u64,
    elapsed_ms: f64,
    /// Timeline width in ms: grows with the run, at least the configured sleep.
    window_ms: f64,
    stop_requested_ns: Option<u64>,
}

impl Session {
    fn start(&mut self, config: ManyThreadsConfig) {
        *self = Session::default();
        self.window_ms = config.sleep.as_secs_f64() * 1000.0 * 1.1;
        self.console.push(format!(
            "Starting {} threads, each sleeping {:.2} s\u{2026}",
            config.threads,
            config.sleep.as_secs_f64()
        ));
        match ManyThreadsRun::start(config) {
            Ok(run) => {
                self.store = Some(Arc::new(Mutex::new(TraceStore::new(run.started_ns()))));
                self.run = Some(run);
                self.status = UiStatus::Running;
            }
            Err(error) => {
                self.console.push(format!("RuntimeError: {error}"));
                self.status = UiStatus::Error;
            }
        }
    }

    fn request_stop(&mut self) {
        if let Some(run) = &self.run {
            if self.status == UiStatus::Running && self.stop_requested_ns.is_none() {
                self.stop_requested_ns = Some(clock::now_ns());
                run.stop();
            }
        }
    }

    /// Pulls what the threads published since the last frame.
    fn poll(&mut self) {
        let Some(run) = &self.run else {
            return;
        };
        if self.status != UiStatus::Running {
            return;
        }
        let status = run.status();
        let Some(Ok(mut store)) = self.store.as_ref().map(|store| store.try_lock()) else {
            return;
        };
        run.drain_trace_into(&mut store);
        run.drain_console(&mut self.console);
        self.counter = run.counter();
        self.elapsed_ms = run.elapsed_ms();
        self.window_ms = self.window_ms.max(self.elapsed_ms);
        match status {
            RunStatus::Running => {}
            RunStatus::Finished => {
                self.status = UiStatus::Finished;
                self.window_ms = self.elapsed_ms;
                // The first event is stamped by Run, the second by the thread itself
                // once its worker picked it up: their gap is the start-up latency.
                let mut starts: Vec<f64> = store
                    .lanes()
                    .iter()
                    .filter_map(|lane| match lane.events() {
                        [queued, started, ..] => {
                            Some(clock::ms_between(queued.at_ns, started.at_ns))
                        }
                        _ => None,
                    })
                    .collect();
                starts.sort_by(f64::total_cmp);
                let median_start_ms = starts.get(starts.len() / 2).copied().unwrap_or(0.0);
                let slowest_start_ms = starts.last().copied().unwrap_or(0.0);
                self.console.push(format!(
                    "All {} threads done: counter = {}, elapsed {:.1} ms \
                     (thread start: median {median_start_ms:.2} ms, slowest {slowest_start_ms:.2} ms)",
                    run.threads(),
                    self.counter,
                    self.elapsed_ms
                ));
            }
            RunStatus::Stopped => {
                self.status = UiStatus::Stopped;
                self.window_ms = self.elapsed_ms;
                let ended_ns = run.started_ns() + (self.elapsed_ms * 1e6) as u64;
                let latency = self
                    .stop_requested_ns
                    .map(|stop| clock::ms_between(stop, ended_ns))
                    .unwrap_or(0.0);
                self.console.push(format!(
                    "Stopped: every thread ended {latency:.1} ms after Stop (counter = {})",
                    self.counter
                ));
            }
        }
    }

    fn now_for_drawing(&self) -> u64 {
        match (&self.run, self.status) {
            (Some(run), UiStatus::Running) => clock::now_ns().max(run.started_ns()),
            (Some(run), _) => run.started_ns() + (self.elapsed_ms * 1e6) as u64,
            (None, _) => 0,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ManyThreadsProps {
    /// False until the worker pool is up; Run waits for it.
    pub pool_ready: bool,
}

fn read_number(event: &Event) -> Option<f64> {
    event
        .target_dyn_into::<HtmlInputElement>()
        .and_then(|input| input.value().trim().parse::<f64>().ok())
}

#[function_component(ManyThreadsDemo)]
pub fn many_threads_demo(props: &ManyThreadsProps) -> Html {
    let threads = use_state(|| 8usize);
    let seconds = use_state(|| 0.5f64);
    let input_error = use_state(|| None::<String>);
    let session = use_mut_ref(Session::default);
    let rerender = use_force_update();
    let timeline = timeline::use_timeline(false);
    let running_now = session.borrow().status == UiStatus::Running;
    let frame = use_frame_polling(running_now, {
        let session = session.clone();
        Callback::from(move |_| session.borrow_mut().poll())
    });

    // Draw the timeline from what was last drained, after every frame's render.
    {
        let session = session.clone();
        let timeline = timeline.clone();
        use_effect_with(frame, move |_| {
            let view = session.borrow();
            if let Some(store) = &view.store {
                timeline.update(store, view.now_for_drawing(), view.window_ms);
            }
        });
    }

    let on_threads = {
        let threads = threads.clone();
        let input_error = input_error.clone();
        Callback::from(move |event: Event| match read_number(&event) {
            Some(n) if n.fract() == 0.0 && (1.0..=32.0).contains(&n) => {
                threads.set(n as usize);
                input_error.set(None);
            }
            _ => input_error.set(Some("Threads must be a whole number from 1 to 32.".into())),
        })
    };
    let on_seconds = {
        let seconds = seconds.clone();
        let input_error = input_error.clone();
        Callback::from(move |event: Event| match read_number(&event) {
            Some(s) if (0.0..=MAX_SECONDS).contains(&s) => {
                seconds.set(s);
                input_error.set(None);
            }
            _ => input_error.set(Some(format!(
                "Seconds must be a number from 0 to {MAX_SECONDS}."
            ))),
        })
    };
    let on_run = {
        let session = session.clone();
        let rerender = rerender.clone();
        let threads = *threads;
        let seconds = *seconds;
        let blocked = input_error.is_some();
        Callback::from(move |_: MouseEvent| {
            if blocked {
                return;
            }
            session.borrow_mut().start(ManyThreadsConfig {
                threads,
                sleep: Duration::from_secs_f64(seconds),
            });
            rerender.force_update();
        })
    };
    let on_stop = {
        let session = session.clone();
        Callback::from(move |_: MouseEvent| {
            session.borrow_mut().request_stop();
            rerender.force_update();
        })
    };

    let view = session.borrow();
    let running = view.status == UiStatus::Running;
    let can_run = props.pool_ready && !running && input_error.is_none();
    let listing = format!(
        "# Built-in platform workload (native code,\n\
         # one Web Worker per thread). Editable Python\n\
         # programs arrive with the interpreter.\n\
         threads = {}   # 1..32\n\
         seconds = {}\n\
         # Each thread sleeps `seconds`, then adds 1\n\
         # to one shared counter. The sleeps overlap:\n\
         # the run takes about `seconds`, not\n\
         # threads x seconds.\n",
        *threads, *seconds
    );
    let lanes = view
        .store
        .as_ref()
        .and_then(|store| store.try_lock().ok().map(|store| store.lanes().len()))
        .unwrap_or(0);

    html! {
        <article class="demo" data-testid="demo-platform">
            <header class="demo-head">
                <h1>{ "Many threads" }</h1>
                <p>{ "Every thread sleeps, then bumps a shared counter. Sleeping threads give the CPU away, so their waits overlap: eight half-second sleeps finish in about half a second, not four." }</p>
            </header>
            <section class="region code" aria-label="Program">
                <h2>{ "Program" }</h2>
                <textarea data-testid="editor" readonly=true spellcheck="false"
                          rows="10" value={listing} />
            </section>
            <section class="region controls" aria-label="Controls">
                <h2>{ "Controls" }</h2>
                <label>{ "Threads" }
                    <input type="number" min="1" max="32" step="1" data-testid="threads"
                           value={threads.to_string()} onchange={on_threads} disabled={running} />
                </label>
                <label>{ "Seconds each" }
                    <input type="number" min="0" max={MAX_SECONDS.to_string()} step="0.1"
                           data-testid="seconds" value={seconds.to_string()}
                           onchange={on_seconds} disabled={running} />
                </label>
                <div class="buttons">
                    <button class="run" data-testid="run" onclick={on_run} disabled={!can_run}>
                        { if props.pool_ready { "\u{25B6} Run" } else { "Starting workers\u{2026}" } }
                    </button>
                    <button class="stop" data-testid="stop" onclick={on_stop} disabled={!running}>
                        { "\u{25A0} Stop" }
                    </button>
                </div>
                if let Some(message) = &*input_error {
                    <p class="input-error" role="alert">{ message }</p>
                }
            </section>
            <section class="region counters" aria-label="Counters">
                <h2>{ "Counters" }</h2>
                <dl>
                    <div><dt>{ "status" }</dt>
                         <dd data-testid="status" class={classes!("status", view.status.word())}>{ view.status.word() }</dd></div>
                    <div><dt>{ "counter" }</dt>
                         <dd data-testid="counter">{ view.counter }</dd></div>
                    <div><dt>{ "elapsed" }</dt>
                         <dd data-testid="elapsed" data-ms={format!("{:.1}", view.elapsed_ms)}>
                             { format!("{:.0} ms", view.elapsed_ms) }</dd></div>
                    <div><dt>{ "threads" }</dt>
                         <dd data-testid="lanes">{ lanes }</dd></div>
                </dl>
            </section>
            <section class="region timeline" aria-label="Timeline">
                <h2>{ "Timeline" }</h2>
                <Timeline handle={timeline} label="One lane per thread, colored by state over time" />
            </section>
            <section class="region console" aria-label="Console">
                <h2>{ "Console" }</h2>
                <pre data-testid="console">{ view.console.join("\n") }</pre>
            </section>
        </article>
    }
}
