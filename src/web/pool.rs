//! The page's worker pool: the vendored wasm-bindgen-rayon's `LazyThreadPool` (see
//! vendor/wasm-bindgen-rayon/FORK.md), built at start-up with no worker running and
//! handed to `engine::threads`, which asks for workers as programs start threads (the
//! threads in use plus a few spare). A request made on a worker (a Python thread starting
//! another) is posted to the page, which starts the workers; the new thread's task waits
//! in the pool's queue meanwhile, on the pool's side. This module never blocks the main
//! thread: building the pool starts nothing, and starting a worker is a Promise nobody
//! waits for.

use super::{describe_js_error, ms_since_navigation};
use engine::threads;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_rayon::{grow_lazy_thread_pool, lazy_thread_pool_workers, LazyThreadPool};

/// Builds the pool (no worker yet) and opens the runtime to spawns. Returns the time
/// since navigation at which programs could run.
pub fn start_worker_pool() -> Result<f64, String> {
    let pool =
        LazyThreadPool::init(threads::POOL_SIZE).map_err(|error| describe_js_error(&error))?;
    threads::on_workers_wanted(want_workers);
    threads::install_pool(pool.pool());
    expose_counts();
    Ok(ms_since_navigation())
}

/// `engine::threads`' hook: start workers until there are `count` (on a worker, the
/// request goes to the page by postMessage). Returns at once.
fn want_workers(count: usize) {
    let started = grow_lazy_thread_pool(count);
    // Only the page's main thread starts workers, and only it can hear that one failed
    // to start (its script did not load): say so in the console, where the tests look.
    if web_sys::window().is_some() {
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(error) = JsFuture::from(started).await {
                web_sys::console::error_1(&JsValue::from_str(&format!(
                    "threadplay: a worker did not start: {}",
                    describe_js_error(&error)
                )));
            }
        });
    }
}

/// Hooks for the browser tests and benchmarks: `threadplayWorkerCount()` (workers
/// started so far) and `threadplayPoolState()` (`{ started, ready, asked, live, service,
/// max }`: workers started and running, workers the runtime asked for, Python threads
/// and service threads alive now, the pool's size).
fn expose_counts() {
    let count = Closure::<dyn Fn() -> f64>::new(|| lazy_thread_pool_workers().0 as f64);
    let state = Closure::<dyn Fn() -> JsValue>::new(|| {
        let (started, ready) = lazy_thread_pool_workers();
        let object = js_sys::Object::new();
        for (key, value) in [
            ("started", started),
            ("ready", ready),
            ("asked", threads::workers_asked()),
            ("live", threads::live()),
            ("service", threads::service_live()),
            ("max", threads::POOL_SIZE),
        ] {
            let _ = js_sys::Reflect::set(&object, &key.into(), &(value as f64).into());
        }
        object.into()
    });
    let global = js_sys::global();
    let _ = js_sys::Reflect::set(&global, &"threadplayWorkerCount".into(), count.as_ref());
    let _ = js_sys::Reflect::set(&global, &"threadplayPoolState".into(), state.as_ref());
    // Both live as long as the page.
    count.forget();
    state.forget();
}
