//! When the page warms the interpreter up (see `engine::warm_up` and warm_up.py): not at
//! load, which would start workers for a page nobody uses, but at the first sign that
//! someone is about to run something on a page that can (a key, a press or a touch, or
//! the pointer or focus on Run or the editor), or at the first Run if that comes first.
//! A program started during the warm-up waits for it on its own worker, so Run is
//! offered at once and the first timed run still measures optimized code. Never blocks:
//! the waits here are Promises and timers.

use super::{ms_since_navigation, sleep_ms};
use engine::warm_up::{self, WarmUpState};
use gloo_events::{EventListener, EventListenerOptions};
use std::cell::RefCell;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The longest a program waits for the warm-up (then it is stopped and the program
/// starts on partly baseline code; a slow or busy machine).
const WARM_UP_CAP: Duration = Duration::from_millis(4000);

/// What shows someone is about to run something (with the pointer or focus).
const RUN_CONTROLS: &str = "[data-testid=run], [data-testid=quiz-run]";
/// Where focus shows it too (the editor: someone about to type a program).
const FOCUS_TARGETS: &str = "[data-testid=run], [data-testid=quiz-run], [data-testid=editor]";

thread_local! {
    /// The listeners that begin the warm-up, until it has begun.
    static LISTENERS: RefCell<Vec<EventListener>> = const { RefCell::new(Vec::new()) };
    /// Resolvers of `begun()` promises waiting for it to begin.
    static WAITING: RefCell<Vec<js_sys::Function>> = const { RefCell::new(Vec::new()) };
}

/// Prepares the warm-up and listens for the moment to begin it. Call once, on the
/// page's main thread, after the pool is up.
pub fn prepare() {
    if !warm_up::prepare(
        include_str!("warm_up.py").to_string(),
        WARM_UP_CAP,
        Some(on_begun),
    ) {
        return;
    }
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let capture = EventListenerOptions::run_in_capture_phase();
    let mut listeners = Vec::new();
    for (event, only_on) in [
        ("keydown", None),
        ("pointerdown", None),
        ("touchstart", None),
        ("pointerover", Some(RUN_CONTROLS)),
        ("focusin", Some(FOCUS_TARGETS)),
    ] {
        listeners.push(EventListener::new_with_options(
            &document,
            event,
            capture,
            move |event| {
                if wanted(event, only_on) {
                    warm_up::begin();
                }
            },
        ));
    }
    LISTENERS.with(|cell| *cell.borrow_mut() = listeners);
}

/// Whether `event` shows someone about to run something: on a page with a Run button,
/// and (for `only_on`) on one of those elements.
fn wanted(event: &web_sys::Event, only_on: Option<&str>) -> bool {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return false;
    };
    if document
        .query_selector(RUN_CONTROLS)
        .ok()
        .flatten()
        .is_none()
    {
        return false;
    }
    let Some(selector) = only_on else {
        return true;
    };
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest(selector).ok().flatten())
        .is_some()
}

/// `engine::warm_up`'s hook, on the thread that began it (the page's main thread: an
/// event above, or the first Run).
fn on_begun() {
    // Dropped after this event's listeners have run (one of them may be the caller).
    let listeners = LISTENERS.with(|cell| std::mem::take(&mut *cell.borrow_mut()));
    wasm_bindgen_futures::spawn_local(async move { drop(listeners) });
    for resolve in WAITING.with(|cell| std::mem::take(&mut *cell.borrow_mut())) {
        let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
    }
}

/// Resolves once the warm-up has begun.
pub async fn begun() {
    if warm_up::state() != WarmUpState::Waiting {
        return;
    }
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        WAITING.with(|cell| cell.borrow_mut().push(resolve));
    });
    let _ = JsFuture::from(promise).await;
}

/// Resolves once the warm-up is over (it checks every 20 ms while it runs), with the time
/// since navigation at which it ended: the run's own end, not the moment this check
/// noticed it (a busy page's timers fire late, and a program waiting for the warm-up
/// begins right after the real end).
pub async fn over() -> f64 {
    begun().await;
    while warm_up::state() == WarmUpState::Running {
        sleep_ms(20).await;
    }
    let noticed_ms = ms_since_navigation();
    match warm_up::ended_ns() {
        Some(ended_ns) => noticed_ms - trace::clock::ms_between(ended_ns, trace::clock::now_ns()),
        None => noticed_ms,
    }
}
