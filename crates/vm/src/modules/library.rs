//! The standard modules written in Python that live in `pylib/` (one file per module,
//! named as it is imported, dots kept), each compiled and run on its first import.
//! Natively their sources are compiled into the binary. In the browser they are not:
//! they would be a tenth of the page's first download, and most programs import none of
//! them, so the page installs a fetcher ([`set_library_fetcher`]) that reads
//! `pylib/NAME.py` next to the page on a module's first import (a synchronous request on
//! the worker that imports it; Python never runs on the page's main thread). A source
//! once fetched is kept for the page's life (at most one copy of each file).

/// Declares the library: its module names, and natively their sources.
macro_rules! library {
    ($($name:literal,)*) => {
        /// The modules in `pylib/`, as imported.
        const NAMES: &[&str] = &[$($name),*];
        /// Their sources, in the order of [`NAMES`].
        #[cfg(not(target_arch = "wasm32"))]
        const SOURCES: &[&str] = &[$(include_str!(concat!("../pylib/", $name, ".py"))),*];
    };
}

library![
    // Issue 15, stdlib part A (collections, itertools, functools, operator, heapq,
    // bisect, copy).
    "operator",
    "heapq",
    "bisect",
    "copy",
    "itertools",
    "functools",
    "collections",
    // i15-stdlib-b: json, string, textwrap, statistics, contextlib, types, ...
    "json",
    "string",
    "textwrap",
    "statistics",
    "contextlib",
    "types",
    "io",
    "dataclasses",
    "typing",
    "enum",
    // Processes (issue 15): multiprocessing on `_processes` (crates/vm/src/processes.rs).
    "multiprocessing",
    // asyncio and the awaitables of async generators (with native hooks, see
    // `modules::create`): most pages never import them, so they are not in the wasm
    // (issue 16: a sixtieth of the first load).
    "asyncio",
    "_asyncgen",
];

/// The library's module names (the page lists its files for offline copies).
pub fn library_modules() -> &'static [&'static str] {
    NAMES
}

/// The source of library module `name`: `None` if there is no such module, an error
/// (in words) if it exists but could not be loaded.
#[cfg(not(target_arch = "wasm32"))]
pub(super) fn source(name: &str) -> Option<Result<&'static str, String>> {
    let index = NAMES.iter().position(|module| *module == name)?;
    Some(Ok(SOURCES[index]))
}

/// How the platform reads `pylib/NAME.py`, given NAME: the file's text, or why not.
#[cfg(target_arch = "wasm32")]
pub type LibraryFetcher = fn(&str) -> Result<String, String>;

#[cfg(target_arch = "wasm32")]
mod fetched {
    use std::sync::{Mutex, OnceLock};

    /// The platform's fetcher, once installed.
    pub(super) static FETCH: OnceLock<super::LibraryFetcher> = OnceLock::new();

    /// Sources fetched so far (each leaked once: the library is small and fixed).
    pub(super) static LOADED: Mutex<Vec<(&'static str, &'static str)>> = Mutex::new(Vec::new());
}

/// Installs the platform's way to read a library module's source, given the module's
/// name (the file is `pylib/NAME.py`). Only the first call counts; without one, library
/// imports fail with an error saying so.
#[cfg(target_arch = "wasm32")]
pub fn set_library_fetcher(fetch: LibraryFetcher) {
    let _ = fetched::FETCH.set(fetch);
}

/// The source of library module `name`: `None` if there is no such module, an error
/// (in words) if it exists but could not be loaded.
#[cfg(target_arch = "wasm32")]
pub(super) fn source(name: &str) -> Option<Result<&'static str, String>> {
    let name = *NAMES.iter().find(|module| **module == name)?;
    let cached = |loaded: &[(&str, &'static str)]| {
        loaded
            .iter()
            .find(|(module, _)| *module == name)
            .map(|(_, source)| *source)
    };
    if let Some(source) = cached(&crate::value::lock(&fetched::LOADED)) {
        return Some(Ok(source));
    }
    let Some(fetch) = fetched::FETCH.get() else {
        return Some(Err("the page did not say where its library is".to_string()));
    };
    // Fetched without the lock held: two threads importing the same module at once may
    // both fetch it; the first copy stored wins.
    let text = match fetch(name) {
        Ok(text) => text,
        Err(error) => return Some(Err(error)),
    };
    let mut loaded = crate::value::lock(&fetched::LOADED);
    if let Some(source) = cached(&loaded) {
        return Some(Ok(source));
    }
    let source: &'static str = Box::leak(text.into_boxed_str());
    loaded.push((name, source));
    Some(Ok(source))
}
