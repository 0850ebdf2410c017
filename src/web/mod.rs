//! The browser platform: page start-up, the browser's clock for the trace, the
//! cross-origin-isolation check, the worker pool (`pool`: workers started on demand)
//! and when the interpreter warms up (`warm_up`). wasm32 only. It builds the pool
//! exactly once and never blocks the main thread: everything here either returns at once
//! or is a Promise awaited asynchronously.

// The simulated build (no `atomics`) has no pool and no warm-up: their helpers go unused.
#![cfg_attr(not(target_feature = "atomics"), allow(dead_code))]

mod library;
#[cfg(target_feature = "atomics")]
mod pool;
#[cfg(target_feature = "atomics")]
pub mod warm_up;

pub use library::install_library;
#[cfg(target_feature = "atomics")]
pub use pool::start_worker_pool;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Prepares the page before the UI mounts: the trace's clock, the memory probe for the
/// long-run checks, and `#app` emptied of index.html's static boot message. Returns the
/// element the UI mounts into. (The UI is mounted by the crate root's `start`, so this
/// platform layer never knows the components above it.)
pub fn init() -> web_sys::Element {
    // Before anything reads the clock; the source lives in shared memory, so this one
    // call serves every worker too.
    trace::clock::set_source(trace::clock::ClockSource {
        absolute_ms,
        unix_ms: js_sys::Date::now,
    });
    let document = gloo_document();
    // Also before anything runs: the Python library's files are next to the page.
    if let Some(base) = document.base_uri().ok().flatten() {
        install_library(&base, "pylib/");
    }
    library::expose_library_files();
    if let Some(boot) = document.get_element_by_id("boot") {
        boot.remove();
    }
    expose_memory_size();
    document
        .get_element_by_id("app")
        .expect("index.html has an element with id=app")
}

/// `threadplayMemoryBytes()` on the page: the size of the shared wasm memory now, for
/// the long-run memory checks (tests/browser/soak.mjs). Wasm memory only grows, so a
/// flat reading over minutes means the run's memory is bounded.
fn expose_memory_size() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let read = Closure::<dyn Fn() -> f64>::new(|| {
        wasm_bindgen::memory()
            .dyn_into::<js_sys::WebAssembly::Memory>()
            .ok()
            .and_then(|memory| js_sys::Reflect::get(&memory.buffer(), &"byteLength".into()).ok())
            .and_then(|length| length.as_f64())
            .unwrap_or(0.0)
    });
    let _ = js_sys::Reflect::set(
        &js_sys::global(),
        &"threadplayMemoryBytes".into(),
        read.as_ref(),
    );
    // Lives as long as the page.
    read.forget();
}

thread_local! {
    /// This thread's `performance` object (the window's, or a worker's own).
    static PERFORMANCE: std::cell::OnceCell<web_sys::Performance> =
        const { std::cell::OnceCell::new() };
}

/// `performance.timeOrigin + performance.now()`: the same reading in every worker
/// (each worker's `performance.now()` alone counts from its own time origin).
fn absolute_ms() -> f64 {
    use wasm_bindgen::JsCast;
    PERFORMANCE.with(|cell| {
        let performance = cell.get_or_init(|| {
            js_sys::Reflect::get(&js_sys::global(), &"performance".into())
                .expect("every browser global scope has `performance`")
                .unchecked_into::<web_sys::Performance>()
        });
        performance.time_origin() + performance.now()
    })
}

fn gloo_document() -> web_sys::Document {
    web_sys::window()
        .and_then(|window| window.document())
        .expect("the page runs in a window with a document")
}

/// True when the page may share memory with workers: served with COOP `same-origin` and
/// COEP `require-corp`, so `crossOriginIsolated` is true and SharedArrayBuffer exists.
pub fn is_cross_origin_isolated() -> bool {
    let global = js_sys::global();
    let isolated = js_sys::Reflect::get(&global, &"crossOriginIsolated".into())
        .ok()
        .and_then(|value| value.as_bool())
        .unwrap_or(false);
    let has_shared_buffers =
        js_sys::Reflect::has(&global, &"SharedArrayBuffer".into()).unwrap_or(false);
    isolated && has_shared_buffers
}

/// Milliseconds since navigation started (the page's own `performance.now()`).
pub fn ms_since_navigation() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map(|performance| performance.now())
        .unwrap_or(0.0)
}

/// A timer as a future: resolves after `ms` milliseconds without blocking the thread.
async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

fn describe_js_error(error: &JsValue) -> String {
    js_sys::Reflect::get(error, &"message".into())
        .ok()
        .and_then(|message| message.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}
