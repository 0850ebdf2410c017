//! The Python library's sources in the browser: `pylib/NAME.py` next to the page (Trunk
//! copies crates/vm/src/pylib there), read on a module's first import instead of being
//! part of the wasm every visitor downloads (see `vm::modules`' library). The read is a
//! synchronous request on the thread that imports, which is always a worker: a pool
//! worker in the threads build, the engine worker in the simulated one (Python never
//! runs on the page's main thread). The worker waits as CPython waits for a file; the
//! page goes on.

use std::sync::OnceLock;

/// The folder's absolute URL (workers started from blob URLs cannot resolve a relative
/// one). In the threads build the page's main thread sets it once, in shared memory, for
/// every worker; the simulated build's engine worker sets its own.
static LIBRARY_BASE: OnceLock<String> = OnceLock::new();

/// Says where the library is (`relative` resolved against `base`) and installs the
/// fetcher in the VM. Only the first call counts.
pub fn install_library(base: &str, relative: &str) {
    if let Ok(url) = web_sys::Url::new_with_base(relative, base) {
        let _ = LIBRARY_BASE.set(url.href());
        engine::set_library_fetcher(fetch);
    }
}

/// `window.threadplayLibrary` on the page: the library's files (relative to the page),
/// which www/isolation.js adds to the offline copies, since the page itself never
/// fetches them (its workers do, on first import).
pub fn expose_library_files() {
    let files = js_sys::Array::new();
    for name in engine::library_modules() {
        files.push(&format!("pylib/{name}.py").into());
    }
    let _ = js_sys::Reflect::set(&js_sys::global(), &"threadplayLibrary".into(), &files);
}

/// Reads `pylib/NAME.py` (synchronously: this runs on a worker).
fn fetch(name: &str) -> Result<String, String> {
    let base = LIBRARY_BASE.get().ok_or("no library address")?;
    let url = format!("{base}{name}.py");
    let failed =
        |error: wasm_bindgen::JsValue| format!("{url}: {}", super::describe_js_error(&error));
    let request = web_sys::XmlHttpRequest::new().map_err(failed)?;
    request
        .open_with_async("GET", &url, false)
        .map_err(failed)?;
    request.send().map_err(failed)?;
    match request.status().map_err(failed)? {
        200 => request
            .response_text()
            .map_err(failed)?
            .ok_or_else(|| format!("{url}: no text")),
        status => Err(format!("{url}: HTTP {status}")),
    }
}
