//! Presenter mode, for workshops: a toggle (the header's button, or `P`) that makes a
//! demo page projector-readable (large type, the program, Run/Stop/Reset, the counters
//! and the timeline on one 1280x720 screen; the look is the `.presenter` block at the end
//! of www/styles.css) and lets the arrow keys walk through the demos in chapter order.
//! The choice is kept in localStorage, so it survives moving between demos and reloads
//! until it is turned off (the button, `P`, or Escape).
//!
//! It must never take a key from someone typing: keys typed into the editor, a field, a
//! menu or a dialog, and keys with a modifier, are left alone. It never touches the
//! program, a run or the URL's query.

use super::catalog;
use gloo_events::EventListener;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The localStorage key that remembers presenter mode ("1" while it is on).
const STORAGE_KEY: &str = "threadplay.presenter";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Whether presenter mode was left on (storage may be refused: then it is off).
fn stored() -> bool {
    storage()
        .and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten())
        .is_some_and(|value| value == "1")
}

fn remember(on: bool) {
    if let Some(storage) = storage() {
        let _ = if on {
            storage.set_item(STORAGE_KEY, "1")
        } else {
            storage.remove_item(STORAGE_KEY)
        };
    }
}

/// Whether a key pressed here belongs to what has the focus: the editor, a field, a
/// select, a dialog, the open demo menu, or the timeline (its arrows pan it).
fn typed_into(event: &web_sys::KeyboardEvent) -> bool {
    let Some(target) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    target
        .closest("input, textarea, select, [contenteditable], .editor, dialog, details[open], .timeline-frame")
        .ok()
        .flatten()
        .is_some()
}

/// A run is going on (its Stop button is enabled): Escape is then Stop's key, not ours.
fn run_going_on() -> bool {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| {
            document
                .query_selector("[data-testid=stop]:not(:disabled)")
                .ok()
                .flatten()
        })
        .is_some()
}

fn go_to(slug: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(&format!("/demo/{slug}"));
    }
}

/// What the key listener needs from the latest render.
#[derive(Clone, Copy, Default)]
struct KeyState {
    /// The demo shown (`None` off a demo page: the keys do nothing there).
    slug: Option<&'static str>,
    on: bool,
}

/// Presenter mode's state for the shell: whether it applies now (on, and a demo page is
/// shown) and a callback that toggles it. Listens for `P`, Escape and the arrows.
#[hook]
pub fn use_presenter(slug: Option<&'static str>) -> (bool, Callback<()>) {
    let on = use_state(stored);
    let toggle = {
        let on = on.clone();
        Callback::from(move |()| {
            let next = !*on;
            remember(next);
            on.set(next);
            if next {
                // Everything the room must see starts at the top of the page.
                if let Some(window) = web_sys::window() {
                    window.scroll_to_with_x_and_y(0.0, 0.0);
                }
            }
        })
    };
    let keys = use_mut_ref(|| (KeyState::default(), Callback::<()>::noop()));
    *keys.borrow_mut() = (KeyState { slug, on: *on }, toggle.clone());
    use_effect_with((), {
        let keys: Rc<RefCell<(KeyState, Callback<()>)>> = keys.clone();
        move |_| {
            let document = web_sys::window()
                .and_then(|window| window.document())
                .expect("the page has a document");
            let listener = EventListener::new(&document, "keydown", move |event| {
                let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                if key.ctrl_key()
                    || key.meta_key()
                    || key.alt_key()
                    || key.default_prevented()
                    || typed_into(key)
                {
                    return;
                }
                let (state, toggle) = {
                    let keys = keys.borrow();
                    (keys.0, keys.1.clone())
                };
                let Some(slug) = state.slug else {
                    return;
                };
                match key.key().as_str() {
                    "p" | "P" if !key.repeat() => toggle.emit(()),
                    "Escape" if state.on && !run_going_on() => toggle.emit(()),
                    "ArrowLeft" | "ArrowRight" if state.on => {
                        let (previous, next) = catalog::neighbours(slug);
                        let target = if key.key() == "ArrowLeft" {
                            previous
                        } else {
                            next
                        };
                        if let Some(target) = target {
                            key.prevent_default();
                            go_to(target.slug);
                        }
                    }
                    _ => {}
                }
            });
            move || drop(listener)
        }
    });
    (*on && slug.is_some(), toggle)
}

#[derive(Properties, PartialEq)]
pub struct ToggleProps {
    pub on: bool,
    pub ontoggle: Callback<()>,
}

/// The header's presenter button; `aria-pressed` says whether the mode is on.
#[function_component(PresenterToggle)]
pub fn presenter_toggle(props: &ToggleProps) -> Html {
    let onclick = props.ontoggle.reform(|_: MouseEvent| ());
    html! {
        <button class="presenter-toggle" data-testid="presenter" aria-pressed={props.on.to_string()}
                title="Presenter mode: large type, one screen; arrow keys change demo (P)" {onclick}>
            { "Presenter" }
        </button>
    }
}
