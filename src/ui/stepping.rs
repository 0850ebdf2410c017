//! Step mode on the demo page: the learner picks which Python thread moves next, one
//! line, one bytecode instruction or one slice (to its next switch) at a time, lets the
//! scheduler take its own next slice, steps back, runs to the end, or lets the page step
//! by itself at a chosen pace (threads in turn, or the scheduler's picks: the seeded run
//! unfolding).
//!
//! Every change is a replay (`engine::stepping`): the page asks for a run of the whole
//! schedule from the program's start through its usual path (its `Run`, on the worker
//! pool or in the simulated build's engine worker), so output, timeline and counters
//! are exactly those of that run, and the run reports where each thread stands. This
//! module holds what the learner chose ([`StepState`]) and draws the controls; the page
//! starts the replays (whenever the wanted schedule differs from the last one started)
//! and hands the snapshot back.
//!
//! It must never run or compile anything itself, never invent a snapshot (what it
//! shows comes from the engine's run), and never block.

use super::editor::ThreadMarker;
use super::run_status::UiStatus;
use super::timeline::lane_color;
use crate::step_model::{PlayBy, StepState};
use engine::stepping::{StepSnapshot, StepThread, StepUnit};
use gloo_timers::callback::Interval;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The play control's paces (milliseconds between two steps) and their names.
const PACES: [(u32, &str); 4] = [
    (1500, "slow (1.5 s)"),
    (700, "medium (0.7 s)"),
    (300, "fast (0.3 s)"),
    (100, "very fast (0.1 s)"),
];

/// The step mode switch (in the program's button bar).
#[derive(Properties, PartialEq)]
pub struct StepToggleProps {
    pub on: bool,
    pub disabled: bool,
    pub ontoggle: Callback<()>,
}

#[function_component(StepToggle)]
pub fn step_toggle(props: &StepToggleProps) -> Html {
    let onclick = props.ontoggle.reform(|_: MouseEvent| ());
    html! {
        <button class={classes!("step-toggle", props.on.then_some("on"))} data-testid="step-mode"
                aria-pressed={if props.on { "true" } else { "false" }} disabled={props.disabled} {onclick}
                title="Step mode: choose which thread moves next, one line or instruction at a time">
            { "Step mode" }
        </button>
    }
}

#[derive(Properties, PartialEq)]
pub struct StepBarProps {
    pub state: UseStateHandle<StepState>,
    /// The latest replay's snapshot (None until one arrived, or for a replay that ran
    /// to the end).
    pub snapshot: Option<Rc<StepSnapshot>>,
    /// A replay is running: the controls wait for it.
    pub busy: bool,
}

/// The step controls: granularity, back, run to end, play and its pace, and one row per
/// thread with its step button and (at instruction granularity) its next instruction
/// and the values it has loaded.
#[function_component(StepBar)]
pub fn step_bar(props: &StepBarProps) -> Html {
    let state = props.state.clone();
    // The play timer calls the latest render's tick (it is made once per pace).
    let tick = use_mut_ref(Callback::<()>::noop);
    *tick.borrow_mut() = {
        let state = state.clone();
        let snapshot = props.snapshot.clone();
        let busy = props.busy;
        Callback::from(move |_: ()| {
            if busy || !state.playing || state.to_end {
                return;
            }
            let next = snapshot
                .as_ref()
                .and_then(|snapshot| state.played(snapshot));
            match next {
                Some(next) => state.set(next),
                // Nothing can move (or it ended): playing stops by itself.
                None if snapshot.is_some() => state.set(StepState {
                    playing: false,
                    ..(*state).clone()
                }),
                None => {}
            }
        })
    };
    {
        let tick = tick.clone();
        use_effect_with((state.playing, state.pace_ms), move |(playing, pace)| {
            let timer = playing.then(|| Interval::new(*pace, move || tick.borrow().emit(())));
            move || drop(timer)
        });
    }
    let snapshot = props.snapshot.as_deref();
    let finished = snapshot.is_some_and(|snapshot| snapshot.finished) || state.to_end;
    // The panel of next instructions and loaded values shows at instruction and slice
    // granularity (a slice ends mid-statement, often between a load and its store).
    let instruction = state.unit != StepUnit::Line;
    let on_unit = {
        let state = state.clone();
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                let unit = match select.value().as_str() {
                    "instruction" => StepUnit::Instruction,
                    "slice" => StepUnit::Slice,
                    _ => StepUnit::Line,
                };
                state.set(StepState {
                    unit,
                    ..(*state).clone()
                });
            }
        })
    };
    let on_pace = {
        let state = state.clone();
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                if let Ok(pace_ms) = select.value().parse() {
                    state.set(StepState {
                        pace_ms,
                        ..(*state).clone()
                    });
                }
            }
        })
    };
    let on_play_by = {
        let state = state.clone();
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                let play_by = if select.value() == "scheduler" {
                    PlayBy::Scheduler
                } else {
                    PlayBy::Turns
                };
                state.set(StepState {
                    play_by,
                    ..(*state).clone()
                });
            }
        })
    };
    let on_schedulers = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.set(state.schedulers_step()))
    };
    let on_back = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.set(state.back()))
    };
    let on_end = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            state.set(StepState {
                to_end: true,
                playing: false,
                note: None,
                ..(*state).clone()
            })
        })
    };
    let on_play = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            state.set(StepState {
                playing: !state.playing,
                ..(*state).clone()
            })
        })
    };
    let can_back = !props.busy && (state.to_end || !state.choices.is_empty());
    let threads: &[StepThread] = snapshot.map_or(&[], |snapshot| &snapshot.threads);
    let steps_word = match state.choices.len() {
        1 => "1 step".to_string(),
        n => format!("{n} steps"),
    };
    let where_now = if props.busy {
        "replaying\u{2026}".to_string()
    } else if state.to_end {
        format!("{steps_word}, then the scheduler's own choices to the end")
    } else if finished {
        format!("{steps_word}: the program ended")
    } else {
        format!("{steps_word}: paused")
    };
    let last_slice = snapshot
        .and_then(|snapshot| {
            let slice = snapshot.last_slice?;
            let name = threads.iter().find(|t| t.lane == slice.lane)?.name.clone();
            Some((name, slice.instructions))
        })
        .filter(|_| {
            !props.busy
                && !state.to_end
                && state
                    .choices
                    .last()
                    .is_some_and(|c| c.unit == StepUnit::Slice)
        });
    let play_note = match state.play_by {
        PlayBy::Turns => " \u{b7} Play takes the threads that can move in turn (round-robin)",
        PlayBy::Scheduler => {
            " \u{b7} Play takes the scheduler's own slices: the run with this seed, unfolding"
        }
    };
    html! {
        <section class="step-bar" aria-label="Step mode" data-testid="step-bar">
            <div class="step-tools">
                <label>{ "Step by" }
                    <select data-testid="step-granularity" onchange={on_unit}>
                        <option value="line" selected={state.unit == StepUnit::Line}>{ "line" }</option>
                        <option value="instruction" selected={state.unit == StepUnit::Instruction}>{ "instruction" }</option>
                        <option value="slice" selected={state.unit == StepUnit::Slice}
                                title="A thread runs to its next switch (the end of its slice), or until it blocks or ends">{ "slice" }</option>
                    </select>
                </label>
                <button data-testid="step-scheduler" onclick={on_schedulers} disabled={props.busy || finished}
                        title="Let the scheduler take its own next step: the thread this seed picks runs one slice, as in a run with this seed">
                    { "\u{21E5} Scheduler's pick" }
                </button>
                <button data-testid="step-back" onclick={on_back} disabled={!can_back}
                        title="Undo the last step (replays the steps before it)">{ "\u{21B6} Back" }</button>
                <button data-testid="step-run-to-end" onclick={on_end} disabled={props.busy || finished}
                        title="Let the scheduler choose from here to the end (same seed, same run)">{ "Run to end" }</button>
                <button data-testid="step-play" onclick={on_play} aria-pressed={if state.playing { "true" } else { "false" }}
                        disabled={!state.playing && finished}
                        title={format!("Step by itself at the chosen pace{play_note}")}>
                    { if state.playing { "\u{23F8} Pause" } else { "\u{25B6} Play" } }
                </button>
                <label>{ "Play" }
                    <select data-testid="step-play-by" onchange={on_play_by}>
                        <option value="turns" selected={state.play_by == PlayBy::Turns}>{ "threads in turn" }</option>
                        <option value="scheduler" selected={state.play_by == PlayBy::Scheduler}>{ "scheduler's picks" }</option>
                    </select>
                </label>
                <label>{ "Pace" }
                    <select data-testid="step-pace" onchange={on_pace}>
                        { for PACES.iter().map(|(ms, name)| html! {
                            <option value={ms.to_string()} selected={state.pace_ms == *ms}>{ *name }</option>
                        }) }
                    </select>
                </label>
            </div>
            <p class="step-where" data-testid="step-status" data-steps={state.choices.len().to_string()}>
                { where_now }
                if let Some((name, instructions)) = last_slice {
                    <span class="step-slice" data-testid="step-last-slice" data-instructions={instructions.to_string()}>
                        { format!(" \u{b7} {name} ran one slice: {} instruction{}", thousands(instructions),
                                  if instructions == 1 { "" } else { "s" }) }
                    </span>
                }
            </p>
            if let Some(note) = &state.note {
                <p class="step-note" data-testid="step-note" role="status">{ note }</p>
            }
            <ul class={classes!("step-threads", instruction.then_some("detailed"))}
                data-testid={if instruction { "step-panel" } else { "step-threads" }}
                aria-label={if instruction { "Each thread's next instruction and the values it has loaded" } else { "Threads" }}>
                { for threads.iter().map(|thread| thread_row(thread, &state, props.busy || state.to_end, instruction)) }
            </ul>
        </section>
    }
}

/// 1234567 as "1,234,567".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// One thread's row: its step button (disabled with the reason beside it when it cannot
/// step) and where it is.
fn thread_row(
    thread: &StepThread,
    state: &UseStateHandle<StepState>,
    busy: bool,
    instruction: bool,
) -> Html {
    let lane = thread.lane;
    let onclick = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.set(state.stepped(lane)))
    };
    let why = thread.why_not.clone().unwrap_or_default();
    let reason_id = format!("step-why-{lane}");
    html! {
        <li class="step-thread" data-lane={lane.to_string()}>
            <span class="swatch" aria-hidden="true" style={format!("background:{}", lane_color(lane as usize))}></span>
            <button data-testid="step-thread" data-thread={thread.name.clone()}
                    onclick={onclick} disabled={busy || !thread.can_step}
                    aria-label={format!("Step {}", thread.name)}
                    aria-describedby={(!thread.can_step).then(|| reason_id.clone())}>
                { format!("\u{25B8} {}", thread.name) }
            </button>
            <span class="where">{ if thread.line > 0 { format!("line {}", thread.line) } else { String::new() } }</span>
            if !thread.can_step {
                <span class="why-not" id={reason_id} data-testid="step-why-not">{ why }</span>
            }
            if instruction && thread.why_not.as_deref() != Some("done") {
                <span class="next" data-testid="step-next">
                    if !thread.next_instruction.is_empty() {
                        <span class="label">{ "next " }</span><code>{ &thread.next_instruction }</code>
                    }
                </span>
                <span class="loaded" data-testid="step-loaded">
                    <span class="label">{ "loaded " }</span>
                    if thread.loaded.is_empty() {
                        { "\u{2013}" }
                    } else {
                        { for thread.loaded.iter().map(|value| html! { <code>{ value }</code> }) }
                    }
                </span>
            }
        </li>
    }
}

/// What identifies a replay: the schedule, the settings it runs with and the program.
pub(crate) fn replay_key(
    state: &StepState,
    source: &str,
    gil: &str,
    switch_ms: &str,
    seed: &str,
) -> String {
    format!("{}\n{gil}\n{switch_ms}\n{seed}\n{source}", state.key())
}

/// The editor's marks: each thread that is still in the program, at its line.
pub(crate) fn markers(snapshot: &StepSnapshot) -> Vec<ThreadMarker> {
    snapshot
        .threads
        .iter()
        // A finished thread has no next instruction.
        .filter(|thread| thread.line > 0 && !thread.next_instruction.is_empty())
        .map(|thread| ThreadMarker {
            line: thread.line,
            lane: thread.lane as usize,
            name: thread.name.clone(),
        })
        .collect()
}

/// The live region's words in step mode: where a replay left the program, once it did
/// (nothing while it replays, so a screen reader hears one line per step).
pub(crate) fn announcement(
    state: &StepState,
    status: UiStatus,
    snapshot: Option<&StepSnapshot>,
) -> String {
    let steps = match state.choices.len() {
        1 => "1 step".to_string(),
        n => format!("{n} steps"),
    };
    match (status, snapshot) {
        (UiStatus::Running, _) => String::new(),
        (UiStatus::Paused, Some(snapshot)) => {
            let ready: Vec<&str> = snapshot
                .threads
                .iter()
                .filter(|thread| thread.can_step)
                .map(|thread| thread.name.as_str())
                .collect();
            format!(
                "Paused after {steps}. Can move: {}.",
                if ready.is_empty() {
                    "none".to_string()
                } else {
                    ready.join(", ")
                }
            )
        }
        (UiStatus::Idle, _) => String::new(),
        (status, _) => format!("After {steps}: {}.", status.word()),
    }
}
