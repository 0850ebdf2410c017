//! The Python sandbox page: an editable program, Run and Stop, the status, elapsed time
//! and the console. The program runs on its own pool worker; the page polls it once per
//! animation frame and never waits on it.

use super::catalog::DemoEntry;
use super::frame_loop::use_frame_polling;
use super::run_status::UiStatus;
use super::timeline::{self, Timeline};
use crate::engine::{GilModel, RunOptions, SchedulerKind};
use crate::runtime::program::{ProgramRun, ProgramStatus, Stream};
use crate::trace::{clock, TraceLog};
use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Console pieces kept (each usually one printed line); older ones are dropped and
/// counted, so a program printing forever never slows the page down.
const CONSOLE_KEEP: usize = 2000;

#[derive(Default)]
struct Session {
    run: Option<ProgramRun>,
    output: std::collections::VecDeque<(Stream, String)>,
    /// Console pieces dropped from the front to stay within `CONSOLE_KEEP`.
    dropped: usize,
    log: TraceLog,
    status: UiStatus,
    elapsed_ms: f64,
    exit_code: Option<i32>,
    /// The run is on the virtual scheduler: its trace is on the virtual clock.
    virtual_clock: bool,
}

impl Session {
    fn start(
        &mut self,
        source: String,
        gil: GilModel,
        scheduler: SchedulerKind,
        watch: Option<&str>,
        switch_interval: Option<f64>,
    ) {
        *self = Session {
            virtual_clock: scheduler == SchedulerKind::Virtual,
            ..Session::default()
        };
        let options = RunOptions {
            gil,
            scheduler,
            watch: watch.map(str::to_string).into_iter().collect(),
            switch_interval,
            ..RunOptions::default()
        };
        match ProgramRun::start(source, "main.py".into(), options) {
            Ok(run) => {
                self.run = Some(run);
                self.status = UiStatus::Running;
            }
            Err(error) => {
                self.output
                    .push_back((Stream::Stderr, format!("RuntimeError: {error}\n")));
                self.status = UiStatus::Error;
            }
        }
    }

    fn poll(&mut self) {
        let Some(run) = &self.run else {
            return;
        };
        if self.status != UiStatus::Running {
            return;
        }
        let status = run.status();
        let mut fresh = Vec::new();
        run.drain_output(&mut fresh);
        self.output.extend(fresh);
        while self.output.len() > CONSOLE_KEEP {
            self.output.pop_front();
            self.dropped += 1;
        }
        run.drain_trace(&mut self.log);
        self.elapsed_ms = run.elapsed_ms();
        self.status = match status {
            ProgramStatus::Running => UiStatus::Running,
            ProgramStatus::Exited(0) => {
                self.exit_code = Some(0);
                UiStatus::Finished
            }
            ProgramStatus::Exited(code) => {
                self.exit_code = Some(code);
                UiStatus::Error
            }
            ProgramStatus::Stopped => UiStatus::Stopped,
            ProgramStatus::Deadlock => UiStatus::Deadlock,
        };
    }
}

/// A description's text with `backticked` spans shown as code.
fn with_code(text: &str) -> Html {
    html! {
        { for text.split('`').enumerate().map(|(index, piece)| {
            if index % 2 == 1 {
                html! { <code>{ piece }</code> }
            } else {
                html! { { piece } }
            }
        }) }
    }
}

/// The latest value the trace sampled for a watched global.
fn watched_value(log: &crate::trace::TraceLog, name: &str) -> String {
    log.marks
        .iter()
        .rev()
        .find_map(|mark| match &mark.kind {
            crate::trace::MarkKind::Watch {
                name: watched,
                value,
            } if watched == name => Some(value.clone()),
            _ => None,
        })
        .unwrap_or_else(|| "\u{2013}".into())
}

/// How far the run's virtual clock went (the last trace event after the start).
fn virtual_elapsed(session: &Session) -> String {
    let (Some(run), Some((_, last))) = (&session.run, session.log.time_range()) else {
        return "\u{2013}".into();
    };
    let ms = last.saturating_sub(run.started_ns()) as f64 / 1e6;
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else {
        format!("{ms:.1} ms")
    }
}

fn gil_from(value: &str) -> GilModel {
    match value {
        "legacy" => GilModel::Legacy,
        "free" => GilModel::Free,
        _ => GilModel::Modern,
    }
}

#[derive(Properties, PartialEq)]
pub struct PythonPageProps {
    pub pool_ready: bool,
    /// The demo: its program (a .py file, not Rust code), explanation and suggestions.
    pub demo: &'static DemoEntry,
}

#[function_component(PythonPage)]
pub fn python_page(props: &PythonPageProps) -> Html {
    let program = props.demo.program.unwrap_or_default();
    let source = use_state(|| program.to_string());
    let gil = use_state(|| "modern".to_string());
    let scheduler = use_state(|| "threads".to_string());
    // The GIL's switch interval in milliseconds, as typed (CPython's default is 5).
    let switch_ms = use_state(|| "5".to_string());
    let session = use_mut_ref(Session::default);
    let rerender = use_force_update();
    let running = session.borrow().status == UiStatus::Running;
    let frame = use_frame_polling(running, {
        let session = session.clone();
        Callback::from(move |_| session.borrow_mut().poll())
    });
    let timeline = timeline::use_timeline(true);
    {
        let session = session.clone();
        let timeline = timeline.clone();
        use_effect_with(frame, move |_| {
            let view = session.borrow();
            if let Some(run) = &view.run {
                let origin = run.started_ns();
                let now = if view.status == UiStatus::Running {
                    clock::now_ns()
                } else {
                    origin + (view.elapsed_ms * 1e6) as u64
                };
                // On the virtual scheduler the trace runs on the virtual clock,
                // which may be far ahead of the real one: show all of it.
                let end = view.log.time_range().map_or(now, |(_, last)| last.max(now));
                let span_ms = (end.saturating_sub(origin) as f64 / 1e6).max(50.0);
                timeline.update(&view.log, origin, end, span_ms);
            }
        });
    }

    let on_input = {
        let source = source.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(area) = event.target_dyn_into::<HtmlTextAreaElement>() {
                source.set(area.value());
            }
        })
    };
    let on_gil = {
        let gil = gil.clone();
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                gil.set(select.value());
            }
        })
    };
    let on_switch = {
        let switch_ms = switch_ms.clone();
        Callback::from(move |event: Event| {
            if let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
                switch_ms.set(input.value());
            }
        })
    };
    let on_scheduler = {
        let scheduler = scheduler.clone();
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                scheduler.set(select.value());
            }
        })
    };
    let on_run = {
        let session = session.clone();
        let rerender = rerender.clone();
        let source = source.clone();
        let gil = gil.clone();
        let scheduler = scheduler.clone();
        let watch = props.demo.watch;
        let switch_ms = (*switch_ms).clone();
        let can_start = props.pool_ready && !running;
        Callback::from(move |_: ()| {
            if !can_start {
                return;
            }
            let kind = if *scheduler == "virtual" {
                SchedulerKind::Virtual
            } else {
                SchedulerKind::Threads
            };
            session.borrow_mut().start(
                (*source).clone(),
                gil_from(&gil),
                kind,
                watch,
                switch_ms.parse::<f64>().ok().map(|ms| ms / 1000.0),
            );
            rerender.force_update();
        })
    };
    let on_stop = {
        let session = session.clone();
        Callback::from(move |_: ()| {
            if let Some(run) = &session.borrow().run {
                run.stop();
            }
        })
    };
    // Ctrl+Enter (or Cmd+Enter) runs, Escape stops, wherever the focus is. The listener
    // is attached once and calls this render's callbacks through `keys`.
    let keys = use_mut_ref(|| (Callback::<()>::noop(), Callback::<()>::noop()));
    *keys.borrow_mut() = (on_run.clone(), on_stop.clone());
    {
        let keys = keys.clone();
        use_effect_with((), move |_| {
            let document = web_sys::window()
                .and_then(|window| window.document())
                .expect("the page has a document");
            let listener = EventListener::new(&document, "keydown", move |event| {
                let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                let (run, stop) = keys.borrow().clone();
                if key.key() == "Enter" && (key.ctrl_key() || key.meta_key()) {
                    key.prevent_default();
                    run.emit(());
                } else if key.key() == "Escape" {
                    stop.emit(());
                }
            });
            move || drop(listener)
        });
    }

    let on_reset = {
        let source = source.clone();
        Callback::from(move |_: MouseEvent| source.set(program.to_string()))
    };

    let view = session.borrow();
    let can_run = props.pool_ready && !running;
    html! {
        <article class="demo python" data-testid={format!("demo-{}", props.demo.slug)}>
            <header class="demo-head">
                <p class="section">{ props.demo.section }</p>
                <h1>{ props.demo.title }</h1>
                <p>{ props.demo.blurb }</p>
            </header>
            <section class="region code" aria-label="Program">
                <h2>{ "Program (main.py)" }</h2>
                <textarea data-testid="editor" spellcheck="false" rows="22" wrap="off"
                          value={(*source).clone()} oninput={on_input} />
            </section>
            <section class="region controls" aria-label="Controls">
                <h2>{ "Controls" }</h2>
                <label>{ "GIL model" }
                    <select data-testid="gil-model" onchange={on_gil} disabled={running}>
                        <option value="legacy" selected={*gil == "legacy"}>{ "legacy (CPython \u{2264} 3.9)" }</option>
                        <option value="modern" selected={*gil == "modern"}>{ "modern (3.10\u{2013}3.13)" }</option>
                        <option value="free" selected={*gil == "free"}>{ "free-threaded (3.13t)" }</option>
                    </select>
                </label>
                <label>{ "Switch interval (ms)" }
                    <input data-testid="switch-interval" type="number" min="0.1" step="0.1"
                           value={(*switch_ms).clone()} onchange={on_switch} disabled={running}
                           title="How long a thread may hold the GIL before another may ask for it (sys.setswitchinterval)" />
                </label>
                <label>{ "Scheduler" }
                    <select data-testid="scheduler" onchange={on_scheduler} disabled={running}>
                        <option value="threads" selected={*scheduler == "threads"}>{ "real threads" }</option>
                        <option value="virtual" selected={*scheduler == "virtual"}>{ "virtual (seeded)" }</option>
                    </select>
                </label>
                <div class="buttons">
                    <button class="run" data-testid="run" onclick={on_run.reform(|_: MouseEvent| ())}
                            disabled={!can_run} title="Run (Ctrl+Enter)">
                        { if props.pool_ready { "\u{25B6} Run" } else { "Starting workers\u{2026}" } }
                    </button>
                    <button class="stop" data-testid="stop" onclick={on_stop.reform(|_: MouseEvent| ())}
                            disabled={!running} title="Stop (Escape)">
                        { "\u{25A0} Stop" }
                    </button>
                    <button class="reset" data-testid="reset" onclick={on_reset} disabled={running}
                            title="Restore the demo's program">
                        { "\u{21BA} Reset" }
                    </button>
                </div>
            </section>
            <section class="region counters" aria-label="Counters">
                <h2>{ "Run" }</h2>
                <dl>
                    <div><dt>{ "status" }</dt>
                         <dd data-testid="status" class={classes!("status", view.status.word())}>{ view.status.word() }</dd></div>
                    <div><dt>{ "elapsed" }</dt>
                         <dd data-testid="elapsed" data-ms={format!("{:.1}", view.elapsed_ms)}>
                             { format!("{:.0} ms", view.elapsed_ms) }</dd></div>
                    if view.virtual_clock {
                        <div><dt>{ "virtual clock" }</dt>
                             <dd data-testid="virtual-elapsed">{ virtual_elapsed(&view) }</dd></div>
                    }
                    if let Some(name) = props.demo.watch {
                        <div><dt>{ name }</dt>
                             <dd data-testid="watch">{ watched_value(&view.log, name) }</dd></div>
                    }
                    <div><dt>{ "exit code" }</dt>
                         <dd data-testid="exit-code">{ view.exit_code.map(|c| c.to_string()).unwrap_or_else(|| "\u{2013}".into()) }</dd></div>
                </dl>
            </section>
            <section class="region timeline" aria-label="Timeline">
                <h2>{ "Threads" }</h2>
                <Timeline handle={timeline}
                          label="One lane per Python thread, colored by state over time, and the GIL lane" />
            </section>
            <section class="region console" aria-label="Console">
                <h2>{ "Console" }</h2>
                if view.dropped > 0 {
                    <p class="console-dropped" data-testid="console-dropped">
                        { format!("\u{2026} {} earlier lines not shown (the console keeps the last {CONSOLE_KEEP})", view.dropped) }
                    </p>
                }
                <pre data-testid="console">
                    { for view.output.iter().map(|(stream, text)| html! {
                        <span class={classes!(matches!(stream, Stream::Stderr).then_some("stderr"))}>{ text }</span>
                    }) }
                </pre>
            </section>
            if !props.demo.explain.is_empty() {
                <section class="region explain" aria-label="What is going on" data-testid="explain">
                    <h2>{ "What is going on" }</h2>
                    { for props.demo.explain.iter().map(|paragraph| html! { <p>{ with_code(paragraph) }</p> }) }
                    if !props.demo.tries.is_empty() {
                        <h3>{ "Try this" }</h3>
                        <ul data-testid="try-this">
                            { for props.demo.tries.iter().map(|idea| html! { <li>{ with_code(idea) }</li> }) }
                        </ul>
                    }
                </section>
            }
        </article>
    }
}
