//! The Python sandbox page: an editable program, Run and Stop, the status, elapsed time
//! and the console. The program runs on its own pool worker and its trace is kept by its
//! keeper in a bounded store; the page polls both at most once per animation frame
//! (output lock-free, the store with `try_lock` only) and never waits on them.

use super::a11y::{self, LiveStatus};
use super::catalog::DemoEntry;
use super::console::{self, ConsoleBuffer};
use super::console_input::{Answers, Waiting};
use super::crash;
use super::editor::{CodeEditor, EditorError, ThreadMarker};
use super::embed::{self, EmbedBar, EmbedButton};
use super::field_check::{self, NumberField};
use super::frame_loop::use_frame_polling;
use super::hunt::{self as race_hunt, HuntPanel};
use super::quiz::QuizPanel;
use super::run_backend::{self, EngineNote, Run};
use super::run_status::UiStatus;
use super::share::{self, RunExports, ShareButton};
use super::stepping::{self, StepBar, StepToggle};
use super::timeline::{self, Timeline};
use crate::step_model::{self, StepState};
use crate::timeline_model::first_event_ns;
use demos::params::{self, Control, Setting};
use engine::keeper::SharedStore;
use engine::program::{OutputPiece, ProgramStatus, Stream};
use engine::stepping::StepSnapshot;
use engine::{GilModel, RunOptions, SchedulerKind};
use gloo_events::EventListener;
use language::error::CompileError;
use trace::clock;
use trace::store::{Counters, TraceStore};
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The file name the page's program runs as (tracebacks and SyntaxErrors name it).
const FILENAME: &str = "main.py";

#[derive(Default)]
struct Session {
    run: Option<Run>,
    /// The run's trace (its keeper fills it); read with `try_lock` only.
    store: Option<SharedStore>,
    console: ConsoleBuffer,
    status: UiStatus,
    elapsed_ms: f64,
    exit_code: Option<i32>,
    /// The run is on the virtual scheduler: its trace is on the virtual clock.
    virtual_clock: bool,
    /// The program text the run started with.
    source_run: Option<String>,
    stats: RunStats,
    /// The GIL model the run uses.
    gil: GilModel,
    /// Output lines the run's queue dropped that the console already counts.
    dropped_seen: u64,
    /// The run is over and the counters hold its final figures.
    final_stats: bool,
    /// ... and the timeline drew its final trace: polling may stop.
    settled: bool,
    /// A step-mode replay: where its threads stood when it ended.
    snapshot: Option<std::rc::Rc<StepSnapshot>>,
    /// Which replay this run is (`stepping::replay_key`), so each is started once.
    step_key: Option<String>,
    /// A thread waiting in `input()` (the console's input line).
    input: Option<Waiting>,
}

/// Figures the counters show, copied from the run's store each frame it is free (a few
/// numbers and the lanes' names: never the trace itself).
#[derive(Default)]
struct RunStats {
    counters: Counters,
    /// The latest sampled value of each watched global.
    watched: std::collections::HashMap<String, String>,
    /// Each lane's thread name and whether it finished.
    lanes: Vec<(String, bool)>,
    /// The latest time the trace was stamped with.
    last_ns: u64,
    /// The earliest (on the virtual scheduler: where its clock started).
    first_ns: Option<u64>,
}

impl RunStats {
    fn update(&mut self, store: &TraceStore) {
        self.counters = store.counters();
        self.last_ns = store.last_ns();
        if self.first_ns.is_none() {
            self.first_ns = first_event_ns(store);
        }
        for series in store.watches() {
            if self.watched.get(&series.name) != Some(&series.latest.value) {
                self.watched
                    .insert(series.name.clone(), series.latest.value.clone());
            }
        }
        self.lanes.truncate(store.lanes().len());
        for (index, lane) in store.lanes().iter().enumerate() {
            let done = lane.is_done();
            match self.lanes.get_mut(index) {
                Some(seen) => {
                    if seen.0 != lane.name() {
                        seen.0 = lane.name().to_string();
                    }
                    seen.1 = done;
                }
                None => self.lanes.push((lane.name().to_string(), done)),
            }
        }
    }

    fn watched_number(&self, name: &str) -> Option<f64> {
        self.watched.get(name)?.parse().ok()
    }
}

impl Session {
    /// Starts `source` with `options` (a step-mode replay carries its plan in them).
    fn start(&mut self, source: String, options: RunOptions) {
        *self = Session {
            virtual_clock: options.scheduler == SchedulerKind::Virtual,
            source_run: Some(source.clone()),
            gil: options.gil,
            ..Session::default()
        };
        match Run::start(source, FILENAME.into(), options) {
            Ok(run) => {
                self.store = Some(run.trace_store());
                self.run = Some(run);
                self.status = UiStatus::Running;
            }
            Err(error) => {
                self.console.push(OutputPiece {
                    stream: Stream::Stderr,
                    lane: None,
                    text: format!("RuntimeError: {error}\n"),
                });
                self.status = UiStatus::Error;
                self.settled = true;
            }
        }
    }

    /// Whether frames are still needed: the run goes on, or its final figures and
    /// drawing are not in yet (the store was busy at the last frame).
    fn needs_polling(&self) -> bool {
        self.run.is_some() && !self.settled
    }

    fn poll(&mut self) {
        let Some(run) = &self.run else {
            return;
        };
        if self.final_stats {
            return;
        }
        if crash::crashed() {
            // A dead worker may hold the GIL or a lock forever: the run will not end,
            // and nothing it reports can be trusted any more. Stop polling (its store
            // may even stay locked by a dead keeper: the page only ever try_locks it).
            self.status = UiStatus::Error;
            self.final_stats = true;
            self.settled = true;
            return;
        }
        let status = run.status();
        if status != ProgramStatus::Running && self.snapshot.is_none() {
            self.snapshot = run.step_snapshot().map(std::rc::Rc::new);
        }
        let mut fresh = Vec::new();
        run.drain_output_pieces(&mut fresh);
        // What the queue dropped came before what it still held.
        let dropped = run.dropped_output_lines();
        self.console
            .count_dropped(dropped.saturating_sub(self.dropped_seen));
        self.dropped_seen = dropped;
        self.console.push_all(fresh);
        if !run.has_keeper() {
            run.keep_trace();
        }
        let read = match self.store.as_ref().map(|store| store.try_lock()) {
            Some(Ok(store)) => {
                self.stats.update(&store);
                if status == ProgramStatus::Stopped {
                    self.console.run_stopped(&store);
                }
                true
            }
            _ => false,
        };
        self.elapsed_ms = run.elapsed_ms();
        self.input = run.input_request().map(|request| Waiting {
            seq: request.seq,
            lane: request.lane,
            thread: request
                .lane
                .and_then(|lane| self.stats.lanes.get(lane))
                .map(|(name, _)| name.clone())
                .unwrap_or_default(),
            prompt: request.prompt,
        });
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
            // A replay that ended where its steps ran out is paused, not stopped.
            ProgramStatus::Stopped
                if self
                    .snapshot
                    .as_ref()
                    .is_some_and(|snapshot| !snapshot.finished) =>
            {
                UiStatus::Paused
            }
            ProgramStatus::Stopped => UiStatus::Stopped,
            ProgramStatus::Deadlock => UiStatus::Deadlock,
        };
        // The run finished its last drain before its status changed: one successful
        // read after that has everything.
        self.final_stats = read && self.status != UiStatus::Running;
    }
}

/// A description's text with `backticked` spans shown as code.
pub fn with_code(text: &str) -> Html {
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

/// How far the run's virtual clock went (the last trace event after the start).
fn virtual_elapsed(session: &Session) -> String {
    let Some(run) = &session.run else {
        return "\u{2013}".into();
    };
    let last = session.stats.last_ns;
    let start = session.stats.first_ns.unwrap_or_else(|| run.started_ns());
    let ms = last.saturating_sub(start) as f64 / 1e6;
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else {
        format!("{ms:.1} ms")
    }
}

/// A fresh seed for the virtual scheduler: small enough to read and retype.
fn fresh_seed() -> u64 {
    (js_sys::Math::random() * 1_000_000.0) as u64
}

/// The seed in use; one its field would refuse (restored after a crash) counts as 0
/// (as the CLI's default).
/// The program and settings as the learner last set them. The fields' own handlers
/// update it as well as each render: a key pressed in the same frame as a change
/// (Ctrl+Enter right after typing or after a field's change) must run what is on the
/// screen, not what the last render saw.
#[derive(Clone, Default)]
struct Latest {
    source: String,
    gil: String,
    scheduler: String,
    switch_ms: String,
    seed: String,
}

fn parse_seed(text: &str) -> u64 {
    field_check::SEED.check(text).map_or(0, |seed| seed as u64)
}

pub(crate) fn gil_from(value: &str) -> GilModel {
    match value {
        "legacy" => GilModel::Legacy,
        "free" => GilModel::Free,
        _ => GilModel::Modern,
    }
}

/// The editor's view of a compile error: line, the caret's columns, the message.
fn compile_error_mark(error: &CompileError) -> EditorError {
    match error {
        CompileError::Syntax(syntax) => EditorError {
            line: syntax.line,
            start_col: syntax.offset.saturating_sub(1),
            end_col: syntax.end_offset.saturating_sub(1),
            message: format!("{}: {}", syntax.kind.name(), syntax.message),
        },
        CompileError::Unsupported {
            construct, line, ..
        } => EditorError {
            line: *line,
            start_col: 0,
            end_col: 0,
            message: format!("NotImplementedError: threadplay does not support {construct}"),
        },
    }
}

/// Where each live thread is in the program, for the editor's markers (in step mode:
/// where the replay left them).
fn thread_markers(session: &Session, stepping: bool) -> Vec<ThreadMarker> {
    if stepping {
        return session
            .snapshot
            .as_deref()
            .map(stepping::markers)
            .unwrap_or_default();
    }
    let Some(run) = session
        .run
        .as_ref()
        .filter(|_| session.status == UiStatus::Running)
    else {
        return Vec::new();
    };
    session
        .stats
        .lanes
        .iter()
        .enumerate()
        .filter(|(_, (_, done))| !done)
        .filter_map(|(lane, (name, _))| {
            let line = run.current_line(lane);
            (line > 0).then(|| ThreadMarker {
                line,
                lane,
                name: name.clone(),
            })
        })
        .collect()
}

const DASH: &str = "\u{2013}";

/// The globals a run of this demo samples: its watched value and its speedup's pair.
fn watch_names(demo: &DemoEntry) -> Vec<String> {
    demo.watch
        .into_iter()
        .chain(demo.speedup.into_iter().flat_map(|(a, b)| [a, b]))
        .map(str::to_string)
        .collect()
}

/// A test id for a control: `param-<name>` in lower case (`param-wrap` for a wrap).
fn control_test_id(control: &Control) -> String {
    match control {
        Control::Number { name, .. } | Control::Toggle { name, .. } => {
            format!("param-{}", name.to_lowercase())
        }
        Control::Wrap { .. } => "param-wrap".into(),
    }
}

/// The demo's parameter controls. Each reads its value from the program text on every
/// render and writes by rewriting that text, so code and controls never disagree; a
/// control whose line the learner deleted is shown disabled.
fn params_view(
    controls: &'static [Control],
    source: &UseStateHandle<String>,
    running: bool,
) -> Html {
    if controls.is_empty() {
        return Html::default();
    }
    html! {
        <fieldset class="params" data-testid="params">
            <legend>{ "Program parameters" }</legend>
            { for controls.iter().map(|control| {
                let setting = control.read(source);
                let onchange = {
                    let source = source.clone();
                    Callback::from(move |event: Event| {
                        let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() else {
                            return;
                        };
                        // Switches only: number controls are `NumberField`s.
                        if let Some(text) = control.apply(&source, &input.checked().to_string()) {
                            source.set(text);
                        }
                    })
                };
                let (title, shown) = match control {
                    Control::Number { name, .. } => (format!("Rewrites `{name} = ...` in the program"), *name),
                    Control::Toggle { name, .. } => (format!("Rewrites `{name} = True/False` in the program"), *name),
                    Control::Wrap { header, statement, .. } => (format!("Wraps `{statement}` in `{header}` (or unwraps it)"), *header),
                };
                let disabled = running || setting.is_none();
                let label = html! { <span>{ control.label() }<code class="param-name">{ shown }</code></span> };
                if let Control::Number { .. } = control {
                    let on_valid = {
                        let source = source.clone();
                        Callback::from(move |typed: String| {
                            if let Some(text) = control.apply(&source, &typed) {
                                source.set(text);
                            }
                        })
                    };
                    let value = match setting {
                        Some(Setting::Number(value)) => Some(AttrValue::from(value.to_string())),
                        _ => None,
                    };
                    return html! {
                        <NumberField testid={control_test_id(control)} name={control.label()} {label} {title}
                                     {value} rule={control.rule(source)} {disabled} {on_valid} />
                    };
                }
                html! {
                    <label class="switch" {title}>
                        { label }
                        <input type="checkbox" data-testid={control_test_id(control)}
                               checked={setting == Some(Setting::Switch(true))} {disabled} {onchange} />
                    </label>
                }
            }) }
        </fieldset>
    }
}

fn format_count(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// The counters beyond status and time: the watched value against what it should be,
/// the speedup over sequential work, GIL hand-offs, waits and live threads.
fn counters_view(demo: &DemoEntry, view: &Session, source: &str) -> Html {
    let stats = &view.stats;
    let started = view.run.is_some();
    let watch = demo.watch.map(|name| {
        let value = stats.watched.get(name).cloned().unwrap_or_else(|| DASH.into());
        // What the value should be with no lost update, for the program as it ran.
        let expected = demo.watch_expected.and_then(|product| {
            params::expected_value(view.source_run.as_deref().unwrap_or(source), product)
        });
        let lost = expected.zip(stats.watched_number(name)).map(|(want, got)| want - got);
        html! {
            <div class="wide"><dt>{ name }</dt>
                <dd data-testid="watch">{ value }</dd>
                if let Some(want) = expected {
                    <dd class="note" data-testid="watch-expected">
                        { format!("expected {}", format_count(want)) }
                        if let Some(lost) = lost.filter(|lost| *lost > 0.0 && view.status == UiStatus::Finished) {
                            <strong class="lost" data-testid="watch-lost">{ format!(" \u{b7} {} lost", format_count(lost)) }</strong>
                        }
                    </dd>
                }
            </div>
        }
    });
    let speedup = demo.speedup.map(|(slow, fast)| {
        let ratio = stats
            .watched_number(slow)
            .zip(stats.watched_number(fast))
            .filter(|(_, fast)| *fast > 0.0)
            .map(|(slow, fast)| slow / fast);
        html! {
            <div><dt>{ "speedup" }</dt>
                <dd data-testid="speedup">{ ratio.map_or_else(|| DASH.to_string(), |r| format!("{r:.2}\u{d7}")) }</dd>
                <dd class="note">{ format!("{slow} \u{f7} {fast}") }</dd>
            </div>
        }
    });
    let live = stats.lanes.iter().filter(|(_, done)| !done).count();
    let gil_free = started && view.gil == GilModel::Free;
    html! {
        <>
            { for watch }
            { for speedup }
            <div><dt>{ "GIL hand-offs" }</dt>
                <dd data-testid="gil-switches">{
                    if gil_free { "no GIL".to_string() } else if started { stats.counters.gil_handoffs.to_string() } else { DASH.into() }
                }</dd>
                <dd class="note">{ if started && !gil_free { format!("{} forced", stats.counters.gil_forced) } else { "\u{a0}".into() } }</dd>
            </div>
            <div><dt>{ "waits" }</dt>
                <dd data-testid="lock-waits">{ if started { stats.counters.waits.to_string() } else { DASH.into() } }</dd>
                <dd class="note">{ "locks, joins, queues" }</dd>
            </div>
            <div><dt>{ "live threads" }</dt>
                <dd data-testid="live-threads">{ if started { live.to_string() } else { DASH.into() } }</dd>
                <dd class="note">{ if started { format!("of {} started", stats.lanes.len()) } else { "\u{a0}".into() } }</dd>
            </div>
        </>
    }
}

/// Links to the demos before and after this one in the chapter's order, so a reader
/// (or a workshop) can walk through them without the menu.
fn neighbours_view(demo: &DemoEntry) -> Html {
    let (previous, next) = super::catalog::neighbours(demo.slug);
    html! {
        <nav class="neighbours" aria-label="Previous and next demo">
            if let Some(previous) = previous {
                <a href={format!("#/demo/{}", previous.slug)} rel="prev" data-testid="previous-demo"
                   title={previous.title}>{ "\u{2190} previous" }</a>
            }
            if let Some(next) = next {
                <a href={format!("#/demo/{}", next.slug)} rel="next" data-testid="next-demo"
                   title={next.title}>{ "next \u{2192}" }</a>
            }
        </nav>
    }
}

#[derive(Properties, PartialEq)]
pub struct PythonPageProps {
    pub pool_ready: bool,
    /// The demo: its program (a .py file, not Rust code), explanation and suggestions.
    pub demo: &'static DemoEntry,
    /// The compact view for an iframe (`#/embed/<slug>`): no heading block, quiz or
    /// explanation; the embed bar instead (ui/embed.rs).
    #[prop_or_default]
    pub embed: bool,
    /// The program and settings the URL carries (crate::program_link).
    #[prop_or_default]
    pub link: std::rc::Rc<crate::program_link::Parsed>,
}

#[function_component(PythonPage)]
pub fn python_page(props: &PythonPageProps) -> Html {
    let program = props.demo.program;
    // After "Restart the engine" (the crash panel) the page comes back as it was; else
    // it opens with what its URL carries.
    // On the full page, a link wins over the demo's saved edit (ui/share.rs).
    let opened = use_memo(props.link.clone(), |link| {
        let (link, from) = share::opening_link(props.demo.slug, props.embed, link);
        let (restored, problem) = embed::initial_state(&link);
        (restored, problem, from)
    });
    let (restored, link_problem) = (&opened.0, opened.1.clone());
    let source = use_state(|| {
        restored
            .program
            .clone()
            .unwrap_or_else(|| program.to_string())
    });
    let gil = use_state(|| restored.gil.clone().unwrap_or_else(|| "modern".to_string()));
    let scheduler = use_state(|| {
        restored
            .scheduler
            .clone()
            .filter(|_| !run_backend::SIMULATED)
            // The simulated build has only the virtual scheduler.
            .unwrap_or_else(|| {
                if run_backend::SIMULATED {
                    "virtual"
                } else {
                    "threads"
                }
                .to_string()
            })
    });
    // The GIL's switch interval in milliseconds, as typed (CPython's default is 5).
    let switch_ms = use_state(|| {
        restored
            .switch_interval
            .clone()
            .unwrap_or_else(|| "5".to_string())
    });
    // The virtual scheduler's seed, as typed (a fresh one per page visit).
    let seed = use_state(|| {
        restored
            .seed
            .clone()
            .unwrap_or_else(|| fresh_seed().to_string())
    });
    let session = use_mut_ref(Session::default);
    let rerender = use_force_update();
    // Step mode (ui/stepping.rs); a link's `steps=` opens the page in it.
    let step = use_state(|| StepState::from_link(restored.steps.as_deref()));
    let running = session.borrow().status == UiStatus::Running;
    // The race hunter (ui/hunt.rs): while it hunts, Run waits and Stop ends the hunt.
    let hunt = race_hunt::use_hunt();
    let hunting = hunt.busy();
    let polling = session.borrow().needs_polling();
    a11y::use_run_focus(running);
    let frame = use_frame_polling(polling, {
        let session = session.clone();
        Callback::from(move |_| session.borrow_mut().poll())
    });
    let timeline = timeline::use_timeline(true);
    {
        let session = session.clone();
        let timeline = timeline.clone();
        use_effect_with(frame, move |_| {
            let mut view = session.borrow_mut();
            if let (Some(run), Some(store)) = (&view.run, &view.store) {
                let origin = run.started_ns();
                let (end, span_ms, virtual_origin) = if view.virtual_clock {
                    // On the virtual scheduler the trace runs on the virtual clock, which
                    // may be far behind or ahead of the real one: the run goes from the
                    // clock's start to its last event, whatever the wall clock says.
                    let start = view.stats.first_ns.unwrap_or(origin).max(origin);
                    let end = view.stats.last_ns.max(start);
                    (end, end.saturating_sub(start) as f64 / 1e6, Some(start))
                } else {
                    let now = if view.status == UiStatus::Running {
                        clock::now_ns()
                    } else {
                        origin + (view.elapsed_ms * 1e6) as u64
                    };
                    let end = view.stats.last_ns.max(now);
                    (
                        end,
                        (end.saturating_sub(origin) as f64 / 1e6).max(50.0),
                        None,
                    )
                };
                timeline.show_wait_cycle(view.status == UiStatus::Deadlock);
                let drawn = timeline.update(store, end, span_ms, virtual_origin);
                if drawn && view.final_stats {
                    view.settled = true;
                }
            }
        });
    }

    let latest = use_mut_ref(Latest::default);
    *latest.borrow_mut() = Latest {
        source: (*source).clone(),
        gil: (*gil).clone(),
        scheduler: (*scheduler).clone(),
        switch_ms: (*switch_ms).clone(),
        seed: (*seed).clone(),
    };
    let on_input = {
        let (source, latest) = (source.clone(), latest.clone());
        Callback::from(move |text: String| {
            latest.borrow_mut().source = text.clone();
            source.set(text)
        })
    };
    // Checked as the learner types (compiling is pure and takes well under a millisecond
    // for a demo-sized program), so a SyntaxError shows before Run.
    let compile_error = use_memo((*source).clone(), |text| {
        engine::check_program(text, FILENAME)
            .err()
            .map(|error| compile_error_mark(&error))
    });
    let on_gil = {
        let (gil, latest) = (gil.clone(), latest.clone());
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                latest.borrow_mut().gil = select.value();
                gil.set(select.value());
            }
        })
    };
    let on_switch = {
        let (switch_ms, latest) = (switch_ms.clone(), latest.clone());
        Callback::from(move |typed: String| {
            latest.borrow_mut().switch_ms = typed.clone();
            switch_ms.set(typed)
        })
    };
    let on_scheduler = {
        let (scheduler, latest) = (scheduler.clone(), latest.clone());
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                latest.borrow_mut().scheduler = select.value();
                scheduler.set(select.value());
            }
        })
    };
    let on_seed = {
        let (seed, latest) = (seed.clone(), latest.clone());
        Callback::from(move |typed: String| {
            latest.borrow_mut().seed = typed.clone();
            seed.set(typed)
        })
    };
    let on_new_seed = {
        let (seed, latest) = (seed.clone(), latest.clone());
        Callback::from(move |_: MouseEvent| {
            let fresh = fresh_seed().to_string();
            latest.borrow_mut().seed = fresh.clone();
            seed.set(fresh)
        })
    };
    let on_run = {
        let session = session.clone();
        let rerender = rerender.clone();
        let latest = latest.clone();
        let watch = watch_names(props.demo);
        // In step mode the runs are the steps' replays (below); a hunt holds the runs too.
        let can_start = props.pool_ready && !running && !step.on && !hunting;
        Callback::from(move |_: ()| {
            if !can_start || crash::crashed() {
                return;
            }
            let now = latest.borrow().clone();
            let kind = if now.scheduler == "virtual" {
                SchedulerKind::Virtual
            } else {
                SchedulerKind::Threads
            };
            session.borrow_mut().start(
                now.source,
                RunOptions {
                    gil: gil_from(&now.gil),
                    scheduler: kind,
                    seed: parse_seed(&now.seed),
                    watch: watch.clone(),
                    switch_interval: field_check::SWITCH_MS
                        .check(&now.switch_ms)
                        .ok()
                        .map(|ms| ms / 1000.0),
                    ..RunOptions::default()
                },
            );
            if let Some(kind) = crash::crash_test_requested() {
                crash::provoke(kind);
            }
            rerender.force_update();
        })
    };
    let on_stop = {
        let session = session.clone();
        let hunt = hunt.clone();
        Callback::from(move |_: ()| {
            hunt.stop();
            let view = &mut *session.borrow_mut();
            if let Some(run) = &view.run {
                // Where the threads are now (before the stop wakes them), on the
                // clock the trace uses.
                let at_ns = if view.virtual_clock {
                    view.stats.last_ns
                } else {
                    clock::now_ns()
                };
                view.console.stop_pressed(run, at_ns);
                run.stop();
            }
        })
    };
    // The console's input line answers the thread waiting in input(), never blocking.
    let answers = {
        let (line_session, end_session) = (session.clone(), session.clone());
        let (line_render, end_render) = (rerender.clone(), rerender.clone());
        Answers {
            line: Callback::from(move |line: String| {
                let view = &mut *line_session.borrow_mut();
                if let Some(run) = &view.run {
                    run.send_input(&line);
                    view.input = None;
                }
                line_render.force_update();
            }),
            end: Callback::from(move |_: ()| {
                let view = &mut *end_session.borrow_mut();
                if let Some(run) = &view.run {
                    run.end_input();
                    view.input = None;
                }
                end_render.force_update();
            }),
        }
    };
    // Step mode's replays: whenever the schedule, the program or a setting differs from
    // the replay last started, the next one starts (after the one running, if any), on
    // the virtual scheduler through the same `Session` a run uses.
    let replay_key = step
        .on
        .then(|| stepping::replay_key(&step, &source, &gil, &switch_ms, &seed));
    {
        let session = session.clone();
        let rerender = rerender.clone();
        let step = step.clone();
        let (source, gil, switch_ms, seed) =
            (source.clone(), gil.clone(), switch_ms.clone(), seed.clone());
        let watch = watch_names(props.demo);
        let ready = props.pool_ready;
        let settled = session.borrow().snapshot.is_some();
        use_effect_with(
            (replay_key, running, ready, settled),
            move |(key, running, ready, _)| {
                let Some(key) = key else {
                    return;
                };
                let mut view = session.borrow_mut();
                if view.step_key.as_ref() == Some(key) {
                    // Started already; a refused step cuts the schedule where it was refused
                    // (the run did exactly that much: no new replay is needed).
                    if let Some(next) = view
                        .snapshot
                        .as_deref()
                        .and_then(|snapshot| step.settled_by(snapshot))
                    {
                        view.step_key = Some(stepping::replay_key(
                            &next, &source, &gil, &switch_ms, &seed,
                        ));
                        step.set(next);
                    }
                    return;
                }
                if *running || !*ready || crash::crashed() {
                    return;
                }
                view.start(
                    (*source).clone(),
                    RunOptions {
                        gil: gil_from(&gil),
                        scheduler: SchedulerKind::Virtual,
                        seed: parse_seed(&seed),
                        watch,
                        switch_interval: field_check::SWITCH_MS
                            .check(&switch_ms)
                            .ok()
                            .map(|ms| ms / 1000.0),
                        steps: Some(step.plan()),
                        ..RunOptions::default()
                    },
                );
                view.step_key = Some(key.clone());
                drop(view);
                rerender.force_update();
            },
        );
    }
    let on_step_toggle = {
        let step = step.clone();
        let scheduler = scheduler.clone();
        Callback::from(move |_: ()| {
            // Step mode runs on the virtual scheduler: its seed field shows.
            scheduler.set("virtual".to_string());
            step.set(step_model::toggled(&step));
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
        let slug = props.demo.slug;
        Callback::from(move |_: MouseEvent| {
            share::clear_edit(slug);
            source.set(program.to_string())
        })
    };

    // The page as it is now, for the embed's "Open in threadplay" and the Embed snippet.
    let link = use_memo(
        (
            (*source).clone(),
            (*gil).clone(),
            (*switch_ms).clone(),
            // The simulated build's only scheduler is no choice: a link from it opens the
            // real-threads version with real threads.
            if run_backend::SIMULATED {
                "threads".to_string()
            } else {
                (*scheduler).clone()
            },
            (*seed).clone(),
        ),
        |(text, gil, switch_ms, scheduler, seed)| {
            embed::link_state(program, text, gil, switch_ms, scheduler, seed)
        },
    );

    // The page as a share link and a saved edit carry it: this build's own scheduler,
    // and the seed whatever the scheduler (so the link restores it exactly).
    // In step mode the link also carries the schedule, so the room opens the same step.
    let shared = use_memo(
        (
            (*source).clone(),
            (*gil).clone(),
            (*switch_ms).clone(),
            (*scheduler).clone(),
            (*seed).clone(),
            step.schedule_text(),
        ),
        |(text, gil, switch_ms, scheduler, seed, steps)| {
            let mut state = embed::link_state(program, text, gil, switch_ms, scheduler, seed);
            state.seed = Some(seed.clone()).filter(|text| field_check::SEED.check(text).is_ok());
            state.steps = steps.clone();
            state
        },
    );
    {
        let (slug, embed) = (props.demo.slug, props.embed);
        let opened = opened.clone();
        // The state the page opened with is saved already (a saved edit) or kept by the
        // URL (a link): only later changes are saved. (Saving it at once would let a
        // damaged link, which opens the demo's program, wipe the demo's saved edit.)
        let first = use_mut_ref(|| true);
        use_effect_with(shared.clone(), move |state| {
            if std::mem::take(&mut *first.borrow_mut()) {
                return;
            }
            if !embed {
                // Only a seed the learner chose is an edit (each visit picks a fresh one).
                let mut saved = (**state).clone();
                if saved.scheduler.as_deref() != Some("virtual") {
                    saved.seed = None;
                }
                // A reload opens the program, not a half-stepped run: only a share link
                // carries the schedule.
                saved.steps = None;
                share::save_edit(slug, &opened.2, &saved);
            }
        });
    }
    let on_copy_output = {
        let session = session.clone();
        Callback::from(move |_: ()| session.borrow().console.text())
    };
    let on_download = {
        let session = session.clone();
        let slug = props.demo.slug;
        Callback::from(move |_: ()| {
            let view = session.borrow();
            let (Some(run), Some(store)) = (&view.run, &view.store) else {
                return false;
            };
            // Open spans end where the timeline ends them.
            let end_ns = if view.virtual_clock {
                view.stats.last_ns
            } else {
                run.started_ns() + (view.elapsed_ms * 1e6) as u64
            };
            share::download_trace(store, end_ns.max(view.stats.last_ns), slug)
        })
    };

    let on_replay = {
        let (seed, scheduler, gil) = (seed.clone(), scheduler.clone(), gil.clone());
        let step = step.clone();
        Callback::from(move |(replay_seed, model, in_steps): (u64, String, bool)| {
            seed.set(replay_seed.to_string());
            scheduler.set("virtual".into());
            gil.set(model);
            if in_steps {
                step.set(step.following_the_seed());
            }
        })
    };
    let on_hunt_change = {
        let rerender = rerender.clone();
        Callback::from(move |_: ()| rerender.force_update())
    };
    let view = session.borrow();
    let can_run = props.pool_ready && !running && !hunting && !crash::crashed() && !step.on;
    // The errors to underline: a compile error in the text as it is now, else where the
    // last run's uncaught exceptions came from, in any thread, as soon as each is
    // printed (while the text is unchanged since).
    let editor_errors: Vec<EditorError> = match &*compile_error {
        Some(error) => vec![error.clone()],
        None if view.source_run.as_deref() == Some(source.as_str()) => {
            view.console.editor_errors(FILENAME)
        }
        None => Vec::new(),
    };
    let thread_names: Vec<String> = view
        .stats
        .lanes
        .iter()
        .map(|(name, _)| name.clone())
        .collect();
    html! {
        <article class={classes!("demo", "python", props.embed.then_some("embed"), step.on.then_some("stepping"),
                                 (props.demo.quiz.is_some() && !props.embed).then_some("has-quiz"))}
                 data-testid={format!("demo-{}", props.demo.slug)}>
            if props.embed {
                <EmbedBar slug={props.demo.slug} title={props.demo.title} link={link.clone()} />
            } else {
                <header class="demo-head">
                    <div class="head-line">
                        <p class="section">{ props.demo.section }</p>
                        <EngineNote />
                        { neighbours_view(props.demo) }
                        <ShareButton slug={props.demo.slug} link={shared.clone()} />
                        <EmbedButton slug={props.demo.slug} link={link.clone()} />
                    </div>
                    <h1>{ props.demo.title }</h1>
                    <p class="blurb">{ props.demo.blurb }</p>
                </header>
            }
            if let Some(quiz) = props.demo.quiz.as_ref().filter(|_| !props.embed) {
                <QuizPanel quiz={quiz} on_prove={on_run.clone()} can_run={can_run} />
            }
            <section class="region code" aria-label="Program">
                <div class="code-bar">
                    <h2>{ "Program " }<span class="file">{ "main.py" }</span></h2>
                    <div class="buttons">
                        <button class="run" data-testid="run" onclick={on_run.reform(|_: MouseEvent| ())}
                                disabled={!can_run} title="Run (Ctrl+Enter)">
                            { if props.pool_ready { "\u{25B6} Run" } else { "Getting ready\u{2026}" } }
                        </button>
                        <button class="stop" data-testid="stop" onclick={on_stop.reform(|_: MouseEvent| ())}
                                disabled={!running && !hunting} title="Stop (Escape)">
                            { "\u{25A0} Stop" }
                        </button>
                        <StepToggle on={step.on} disabled={!props.pool_ready || (running && !step.on)}
                                    ontoggle={on_step_toggle} />
                        <button class="reset" data-testid="reset" onclick={on_reset} disabled={running}
                                title="Restore the demo's program">
                            { "\u{21BA} Reset" }
                        </button>
                    </div>
                </div>
                if let Some(problem) = link_problem {
                    <p class="link-problem" data-testid="link-problem" role="status">{ problem }</p>
                }
                <CodeEditor value={AttrValue::from((*source).clone())} oninput={on_input}
                            errors={editor_errors} markers={thread_markers(&view, step.on)}
                            labelled={step.on} />
                if step.on {
                    // Under the editor, next to the marks it moves (also on a phone).
                    <StepBar state={step.clone()} snapshot={view.snapshot.clone()} busy={running} />
                }
            </section>
            <section class="region controls" aria-label="Controls">
                <h2>{ "Controls" }</h2>
                // Not in the embed view: an iframe on a docs page keeps to running the program.
                if !props.embed {
                    <HuntPanel handle={hunt.clone()} demo={props.demo} source={AttrValue::from((*source).clone())}
                               gil={AttrValue::from((*gil).clone())}
                               switch_interval={field_check::SWITCH_MS.check(&switch_ms).ok().map(|ms| ms / 1000.0)}
                               can_start={can_run && compile_error.is_none()} on_replay={on_replay}
                               on_change={on_hunt_change} />
                }
                <div class="settings">
                <label>{ "GIL model" }
                    <select data-testid="gil-model" onchange={on_gil} disabled={running}>
                        <option value="legacy" selected={*gil == "legacy"}>{ "legacy (CPython \u{2264} 3.9)" }</option>
                        <option value="modern" selected={*gil == "modern"}>{ "modern (3.10\u{2013}3.13)" }</option>
                        <option value="free" selected={*gil == "free"}>{ "free-threaded (3.13t)" }</option>
                    </select>
                </label>
                <NumberField testid="switch-interval" name="the switch interval" unit="ms" label={html! { "Switch interval (ms)" }}
                             value={AttrValue::from((*switch_ms).clone())} rule={field_check::SWITCH_MS} step="0.1"
                             disabled={running} on_valid={on_switch}
                             title="How long a thread may hold the GIL before another may ask for it (sys.setswitchinterval)" />
                <label class="scheduler-field">{ "Scheduler" }
                    <select data-testid="scheduler" onchange={on_scheduler} disabled={running || step.on}>
                        <option value="threads" selected={*scheduler == "threads"} disabled={run_backend::SIMULATED}>{ "real threads" }</option>
                        <option value="virtual" selected={*scheduler == "virtual"}>{ "virtual (seeded)" }</option>
                    </select>
                </label>
                if *scheduler == "virtual" {
                    <div class="seed">
                        <NumberField testid="seed" name="the seed" label={html! { "Seed" }}
                                     value={AttrValue::from((*seed).clone())} rule={field_check::SEED}
                                     disabled={running} on_valid={on_seed}
                                     title="The virtual scheduler's seed: the same seed gives the same run" />
                        <button data-testid="new-seed" onclick={on_new_seed} disabled={running}
                                title="Pick a fresh random seed">
                            { "new seed" }
                        </button>
                    </div>
                }
                </div>
                // Not in step mode: the parameters rewrite the program (the editor still
                // can), and the column's room goes to the counters and the timeline.
                if !step.on {
                    { params_view(props.demo.controls, &source, running) }
                }
            </section>
            <section class="region counters" aria-label="Counters">
                <h2>{ "Run" }</h2>
                <dl>
                    <div><dt>{ "status" }</dt>
                         <dd data-testid="status" class={classes!("status", view.status.word())}>{ view.status.word() }</dd></div>
                    <div><dt>{ "elapsed" }</dt>
                         <dd data-testid="elapsed" data-ms={format!("{:.1}", view.elapsed_ms)}>
                             // "Not yet", as the other counters say it, until the program's
                             // thread has a worker (and, on a page's first run, the warm-up
                             // is over): its time has not started.
                             if view.status == UiStatus::Running && view.run.as_ref().is_some_and(|run| !run.has_begun()) {
                                 { "\u{2013}" }
                             } else {
                                 { format!("{:.0} ms", view.elapsed_ms) }
                             }</dd></div>
                    if view.virtual_clock {
                        <div><dt>{ "virtual clock" }</dt>
                             <dd data-testid="virtual-elapsed">{ virtual_elapsed(&view) }</dd></div>
                    }
                    { counters_view(props.demo, &view, &source) }
                    <div><dt>{ "exit code" }</dt>
                         <dd data-testid="exit-code">{ view.exit_code.map(|c| c.to_string()).unwrap_or_else(|| "\u{2013}".into()) }</dd></div>
                </dl>
            </section>
            <section class="region timeline" aria-label="Timeline">
                <h2>{ "Threads" }</h2>
                <Timeline handle={timeline} reserve_lanes={props.demo.threads as usize}
                          label="One lane per Python thread, colored by state over time, and the GIL lane" />
                if let Some(report) = view.console.deadlock_report().filter(|_| view.status == UiStatus::Deadlock) {
                    <p class="wait-cycle" data-testid="wait-cycle">
                        <strong>{ "The arrows are the cycle. " }</strong>{ report.trim_start_matches("Deadlock: ") }
                    </p>
                }
            </section>
            <section class="region console" aria-label="Console">
                <div class="console-bar">
                    <h2>{ "Console" }</h2>
                    <RunExports ready={view.run.is_some() && !running} output={on_copy_output} download={on_download} />
                </div>
                { console::view(&view.console, &thread_names,
                                view.input.as_ref().filter(|_| running).map(|waiting| (waiting, &answers))) }
            </section>
            if !props.embed && !props.demo.explain.is_empty() {
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
            <LiveStatus text={if step.on {
                // Each step is a replay: say where it left the program, not "Running."
                stepping::announcement(&step, view.status, view.snapshot.as_deref())
            } else {
                a11y::announcement(view.status, view.exit_code, view.console.deadlock_report())
            }} />
        </article>
    }
}
