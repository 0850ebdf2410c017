//! The run the UI holds, whichever build the page is: [`Run`] is the threads build's
//! `engine::program::ProgramRun` (a program on the worker pool, read from shared
//! memory) or the simulated build's `SimulatedRun` (a program in the one engine worker,
//! rebuilt from its messages). Both have the same methods, so the demo page holds a
//! `Run` and never asks which it is; a build contains exactly one of them, picked by
//! the `atomics` target feature it is compiled with.
//!
//! Also the engine's mode for the page: the `engine-mode` hook and, in the simulated
//! build, the one-line notice that threads take turns on one core there. Never blocks.

use yew::prelude::*;

#[cfg(target_feature = "atomics")]
pub type Run = engine::program::ProgramRun;
#[cfg(not(target_feature = "atomics"))]
pub type Run = crate::simulated::SimulatedRun;

/// The race hunter, in whichever build: on a pool worker, or in the engine worker.
#[cfg(target_feature = "atomics")]
pub type Hunt = engine::hunt::HuntRun;
#[cfg(not(target_feature = "atomics"))]
pub type Hunt = crate::simulated::SimulatedHunt;

/// This build runs Python threads on the virtual scheduler in one worker.
pub const SIMULATED: bool = cfg!(not(target_feature = "atomics"));

/// The mode's word, as the `engine-mode` hook shows it.
pub fn mode_word() -> &'static str {
    if SIMULATED {
        "simulated"
    } else {
        "threads"
    }
}

#[derive(Properties, PartialEq)]
pub struct EngineNoteProps {
    /// In the embed view's bar.
    #[prop_or_default]
    pub embed: bool,
}

/// The engine's mode on a demo page: in the threads build only the `engine-mode` hook;
/// in the simulated build one line saying that the threads are simulated on one core,
/// with a link to the same page in a new tab (where the host or the browser gives it
/// shared memory, that is the real-threads version). Why there is no shared memory is
/// the header badge's tooltip.
///
/// In the embed view (`embed`) the note is shorter and has no link of its own: the embed's
/// "Open in threadplay" beside it opens the full page, with real threads where the
/// browser allows them.
#[function_component(EngineNote)]
pub fn engine_note(props: &EngineNoteProps) -> Html {
    if !SIMULATED {
        return html! {
            <span class="visually-hidden" data-testid="engine-mode">{ mode_word() }</span>
        };
    }
    if props.embed {
        return html! {
            <p class="engine-note" data-testid="engine-note">
                <span class="engine-mode" data-testid="engine-mode">{ mode_word() }</span>
                { "threads on one core" }
            </p>
        };
    }
    let href = web_sys::window()
        .and_then(|window| window.location().href().ok())
        .unwrap_or_default();
    html! {
        <p class="engine-note" data-testid="engine-note">
            <span class="engine-mode" data-testid="engine-mode">{ mode_word() }</span>
            { "Threads are simulated on one core here. " }
            <a href={href} target="_blank" rel="noopener" data-testid="real-threads-link">
                { "Open the real-threads version \u{2197}" }
            </a>
        </p>
    }
}
