//! The app's side of the crash guard (www/crash-guard.js): it learns that the engine
//! died (a wasm trap on the page or on a worker), so the page stops polling and shows
//! `error`; it restores the program and settings the guard saved before its restart
//! reload; and it provokes crashes on request (`?crash-test=worker|main`) so the browser
//! tests can check all of this.
//! It must never block, and never panic on whatever sessionStorage holds.

use gloo_events::EventListener;
use std::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::JsValue;

/// Where the guard keeps the state a restart carries over (see crash-guard.js).
const RESTORE_KEY: &str = "threadplay:restore";

/// Set once the guard reported a crash; the engine cannot be trusted after it (a dead
/// worker may hold the GIL or a lock forever), so nothing more runs until a reload.
static CRASHED: AtomicBool = AtomicBool::new(false);

pub fn crashed() -> bool {
    CRASHED.load(Ordering::Relaxed)
}

/// Listens for the guard's `threadplay:crash` event and calls `on_crash` (after noting
/// it) so the app re-renders. Keep the listener alive as long as the app.
pub fn listen(on_crash: impl Fn() + 'static) -> Option<EventListener> {
    let window = web_sys::window()?;
    Some(EventListener::new(&window, "threadplay:crash", move |_| {
        CRASHED.store(true, Ordering::Relaxed);
        on_crash();
    }))
}

/// What the page had when the learner pressed "Restart the engine".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Restored {
    pub program: Option<String>,
    pub gil: Option<String>,
    pub scheduler: Option<String>,
    pub switch_interval: Option<String>,
    /// The virtual scheduler's seed (when it was selected).
    pub seed: Option<String>,
    /// Step mode's schedule from a link (a restart after a crash leaves step mode).
    pub steps: Option<String>,
}

/// Takes (reads and forgets) what the guard saved for the page at `hash` (`#/demo/...`),
/// if its restart reload brought the learner back to that page.
pub fn take_restored(hash: &str) -> Option<Restored> {
    let storage = web_sys::window()?.session_storage().ok()??;
    let saved = storage.get_item(RESTORE_KEY).ok()??;
    let parsed = js_sys::JSON::parse(&saved).ok()?;
    let field = |name: &str| {
        js_sys::Reflect::get(&parsed, &JsValue::from_str(name))
            .ok()
            .and_then(|value| value.as_string())
    };
    if field("hash").as_deref() != Some(hash) {
        return None;
    }
    let _ = storage.remove_item(RESTORE_KEY);
    Some(Restored {
        program: field("program"),
        gil: field("gil"),
        scheduler: field("scheduler"),
        switch_interval: field("switchInterval"),
        seed: field("seed"),
        steps: None,
    })
}

/// A crash the page was asked to provoke when a run starts (browser tests only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CrashTest {
    /// A pool worker traps while the program runs.
    Worker,
    /// The page's own main thread traps.
    Main,
}

/// `?crash-test=worker` or `?crash-test=main` in the page's URL.
pub fn crash_test_requested() -> Option<CrashTest> {
    let search = web_sys::window()?.location().search().ok()?;
    if search.contains("crash-test=worker") {
        Some(CrashTest::Worker)
    } else if search.contains("crash-test=main") {
        Some(CrashTest::Main)
    } else {
        None
    }
}

/// Traps where asked, the way a bug in the engine would: a wasm `unreachable`.
pub fn provoke(kind: CrashTest) {
    match kind {
        CrashTest::Worker => {
            let _ =
                engine::threads::spawn("crash-test".into(), || core::arch::wasm32::unreachable());
        }
        CrashTest::Main => core::arch::wasm32::unreachable(),
    }
}
