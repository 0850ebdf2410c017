//! The race hunter on a demo page: "Hunt for a race" runs the program as edited for
//! seed after seed on the virtual scheduler under the selected GIL model until a run
//! fails (its goal's global off, an exception, a deadlock), and "Check my fix" (on a
//! demo whose `.demo` file states a goal) runs 200 seeds under free threading, the model
//! that allows every interleaving, and says plainly whether the fix holds. The result
//! line gives the run, the seed and why; "Replay this run" puts that seed, the virtual
//! scheduler and the model into the page's controls, so Run reproduces it exactly.
//!
//! The hunt runs where runs run (`run_backend::Hunt`: a pool worker, or the simulated
//! build's engine worker); the page polls it once per animation frame at most and never
//! waits on it. Stop (the page's) ends it at once through [`HuntHandle::stop`].

use super::catalog::DemoEntry;
use super::run_backend::Hunt;
use engine::hunt::{FailureKind, HuntEnd, HuntOptions, HuntReport, WatchGoal};
use engine::GilModel;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Runs a hunt or a check tries at most.
pub const RUNS: u32 = 200;
/// A run's budgets: past them the hunt ends (a program that loops forever).
const MAX_INSTRUCTIONS: u64 = 400_000_000;
const MAX_SECONDS: f64 = 30.0;

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Hunt,
    Check,
}

/// The page's hold on its hunt: whether one is going, and Stop.
#[derive(Clone, Default)]
pub struct HuntHandle(Rc<RefCell<Slot>>);

impl PartialEq for HuntHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Runs a hunt keeps going at once: one per core the browser reports (a virtual run
/// uses one), at most 8 (each holds a run's memory). The simulated build runs them one
/// at a time in its engine worker whatever this says.
fn parallel_runs() -> u32 {
    let cores = web_sys::window().map_or(1.0, |window| window.navigator().hardware_concurrency());
    (cores as u32).clamp(1, 8)
}

#[derive(Default)]
struct Slot {
    hunt: Option<Hunt>,
    mode: Option<Mode>,
    gil: Option<GilModel>,
    /// The line shown, and the failing run's seed and model if there is one to replay.
    line: String,
    failed: bool,
    replay: Option<(u64, GilModel)>,
}

impl HuntHandle {
    /// A hunt is going.
    pub fn busy(&self) -> bool {
        self.0.borrow().hunt.is_some()
    }

    /// Ends the hunt at once (its report then says it stopped).
    pub fn stop(&self) {
        if let Some(hunt) = &self.0.borrow().hunt {
            hunt.stop();
        }
    }
}

#[hook]
pub fn use_hunt() -> HuntHandle {
    (*use_memo((), |_| HuntHandle::default())).clone()
}

/// The model's name as the page's GIL menu says it.
fn model_name(gil: GilModel) -> &'static str {
    match gil {
        GilModel::Legacy => "legacy",
        GilModel::Modern => "modern",
        GilModel::Free => "free-threaded",
    }
}

fn model_value(gil: GilModel) -> &'static str {
    match gil {
        GilModel::Legacy => "legacy",
        GilModel::Modern => "modern",
        GilModel::Free => "free",
    }
}

fn seconds(ms: f64) -> String {
    format!("{:.1} s", ms / 1000.0)
}

/// The result line for a finished hunt.
fn result_line(mode: Mode, gil: GilModel, report: &HuntReport) -> (String, bool) {
    let model = model_name(gil);
    let took = seconds(report.elapsed_ms);
    match &report.end {
        HuntEnd::Failed(failure) => {
            let what = match failure.kind {
                FailureKind::WrongValue => "Lost an update",
                FailureKind::Exception => "An uncaught exception",
                FailureKind::Deadlock => "A deadlock",
                FailureKind::ExitStatus => "A failed exit",
            };
            let line = format!(
                "{what} on run {} (seed {}) under {model}: {} ({took})",
                failure.run, failure.seed, failure.reason
            );
            match mode {
                Mode::Hunt => (line, true),
                Mode::Check => (format!("Your fix does not hold yet. {line}"), true),
            }
        }
        HuntEnd::Held => match mode {
            Mode::Hunt => (
                format!("No failure in {} runs under {model} ({took})", report.runs),
                false,
            ),
            Mode::Check => (
                format!(
                    "Your fix holds: no failure in {} runs under {model} ({took})",
                    report.runs
                ),
                false,
            ),
        },
        HuntEnd::Stopped => (
            format!(
                "Stopped after {} runs under {model}, no failure so far ({took})",
                report.runs
            ),
            false,
        ),
        HuntEnd::OverBudget { run, seed, reason } => (
            format!(
                "Run {run} (seed {seed}) under {model} stopped: {reason}; the hunt ended there"
            ),
            true,
        ),
        HuntEnd::Unjudgeable(why) => (format!("Cannot judge the runs: {why}"), true),
    }
}

/// What the runs must reach for `source`: the demo's goal, else its watched counter's
/// expected value; an error when the goal no longer fits the edited program.
fn watch_goal(demo: &DemoEntry, source: &str) -> Result<Option<WatchGoal>, String> {
    let to_goal = |(global, expected): (&str, f64)| WatchGoal {
        global: global.to_string(),
        expected,
    };
    if let Some(spec) = demo.goal {
        let goal = demos::goal::parse(spec, source)?;
        return Ok(goal.expected(source)?.map(to_goal));
    }
    Ok(demo
        .watch
        .zip(demo.watch_expected)
        .and_then(|(global, product)| {
            demos::params::expected_value(source, product).map(|value| (global, value))
        })
        .map(to_goal))
}

#[derive(Properties, PartialEq)]
pub struct HuntPanelProps {
    pub handle: HuntHandle,
    pub demo: &'static DemoEntry,
    /// The program as edited.
    pub source: AttrValue,
    /// The GIL menu's value (`legacy`, `modern`, `free`).
    pub gil: AttrValue,
    /// The switch interval in seconds, if valid.
    pub switch_interval: Option<f64>,
    /// Runs may start (the pool is up, no run is going, the text compiles).
    pub can_start: bool,
    /// Puts a seed, the virtual scheduler and a model into the page's controls; with
    /// `true`, also opens step mode at that run's start, to follow its slices.
    pub on_replay: Callback<(u64, String, bool)>,
    /// A hunt started or ended (the page's Run and Stop change).
    pub on_change: Callback<()>,
}

#[function_component(HuntPanel)]
pub fn hunt_panel(props: &HuntPanelProps) -> Html {
    let handle = props.handle.clone();
    let busy = handle.busy();
    // The page re-renders this panel only when its props change: a start that failed,
    // or a result, draws itself too.
    let redraw = use_force_update();
    let _frame = super::frame_loop::use_frame_polling(busy, {
        let handle = handle.clone();
        let on_change = props.on_change.clone();
        let redraw = redraw.clone();
        Callback::from(move |_: ()| {
            let mut slot = handle.0.borrow_mut();
            let Some(report) = slot.hunt.as_ref().and_then(|hunt| hunt.report()) else {
                return;
            };
            let (mode, gil) = (
                slot.mode.unwrap_or(Mode::Hunt),
                slot.gil.unwrap_or_default(),
            );
            let (line, failed) = result_line(mode, gil, &report);
            slot.replay = match &report.end {
                HuntEnd::Failed(failure) => Some((failure.seed, gil)),
                _ => None,
            };
            (slot.line, slot.failed, slot.hunt) = (line, failed, None);
            drop(slot);
            on_change.emit(());
            redraw.force_update();
        })
    });
    let start = |mode: Mode| {
        let handle = handle.clone();
        let demo = props.demo;
        let source = props.source.to_string();
        let selected = super::python_page::gil_from(&props.gil);
        let switch_interval = props.switch_interval;
        let on_change = props.on_change.clone();
        let redraw = redraw.clone();
        Callback::from(move |_: MouseEvent| {
            if handle.busy() {
                return;
            }
            let gil = if mode == Mode::Check {
                GilModel::Free
            } else {
                selected
            };
            let mut slot = handle.0.borrow_mut();
            slot.replay = None;
            let watch = match watch_goal(demo, &source) {
                Ok(watch) => watch,
                Err(why) => {
                    (slot.line, slot.failed) = (format!("Cannot judge the runs: {why}"), true);
                    drop(slot);
                    redraw.force_update();
                    return;
                }
            };
            let options = HuntOptions {
                gil,
                switch_interval,
                first_seed: 0,
                runs: RUNS,
                max_instructions: MAX_INSTRUCTIONS,
                max_seconds: MAX_SECONDS,
                watch,
                parallel: parallel_runs(),
            };
            match Hunt::start(source.clone(), "main.py".into(), options) {
                Ok(hunt) => {
                    slot.hunt = Some(hunt);
                    (slot.mode, slot.gil) = (Some(mode), Some(gil));
                    (slot.line, slot.failed) = (String::new(), false);
                }
                Err(error) => {
                    (slot.line, slot.failed) = (format!("The hunt could not start: {error}"), true);
                }
            }
            drop(slot);
            on_change.emit(());
            redraw.force_update();
        })
    };
    let slot = handle.0.borrow();
    let line = match (&slot.hunt, slot.mode) {
        (Some(hunt), mode) => {
            let verb = if mode == Some(Mode::Check) {
                "Checking your fix"
            } else {
                "Hunting"
            };
            let run = hunt.current_run().max(1);
            format!(
                "{verb} under {}: run {run} of {RUNS}\u{2026}",
                model_name(slot.gil.unwrap_or_default())
            )
        }
        (None, _) => slot.line.clone(),
    };
    let replay = |in_steps: bool| {
        let on_replay = props.on_replay.clone();
        let replay = slot.replay;
        Callback::from(move |_: MouseEvent| {
            if let Some((seed, gil)) = replay {
                on_replay.emit((seed, model_value(gil).to_string(), in_steps));
            }
        })
    };
    let disabled = busy || !props.can_start;
    let selected = model_name(super::python_page::gil_from(&props.gil));
    html! {
        <div class="hunt" data-testid="hunt-panel">
            <div class="hunt-buttons">
                <button data-testid="hunt" onclick={start(Mode::Hunt)} {disabled}
                        title={format!("Run the program for up to {RUNS} seeds on the virtual scheduler under {selected} until a run fails")}>
                    { "Hunt for a race" }
                </button>
                if props.demo.goal.is_some() {
                    <button data-testid="check-fix" onclick={start(Mode::Check)} {disabled}
                            title={format!("Run your program for {RUNS} seeds under free-threaded and say whether every run reaches the goal")}>
                        { "Check my fix" }
                    </button>
                }
            </div>
            <div class={classes!("hunt-line", line.is_empty().then_some("blank"))}>
                <p class={classes!("hunt-result", slot.failed.then_some("failed"), busy.then_some("busy"))}
                   data-testid="hunt-result" role="status"
                   // The run count changes every frame while hunting: only the result is read out.
                   aria-live={if busy { "off" } else { "polite" }}>
                    { line }
                </p>
                if slot.replay.is_some() && !busy {
                    <button data-testid="hunt-replay" onclick={replay(false)}
                            title="Put this seed, the virtual scheduler and this GIL model into the controls; then Run replays the failing run">
                        { "Replay this run" }
                    </button>
                    <button data-testid="hunt-step" onclick={replay(true)}
                            title="Open this run in step mode, at its start: the scheduler's picks (or your own) take it slice by slice to where it fails">
                        { "Step through it" }
                    </button>
                }
            </div>
        </div>
    }
}
