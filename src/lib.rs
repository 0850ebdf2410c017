//! threadplay: a playground for Python threading that runs on real threads.
//!
//! The crate is layered so that data flows one way (see ARCHITECTURE.md):
//! `trace` (the shared clock and per-thread event buffers) and `runtime` (logical
//! threads, interruptible waits, the built-in workloads) know nothing of the web;
//! `web` (worker-pool start-up, isolation checks) and `ui` (Yew components) exist
//! only on wasm32 and only read the shared state the lower layers publish.
//!
//! Nothing in this crate may block the browser's main thread: blocking waits live in
//! `runtime` and are only ever called from worker threads.
#![cfg_attr(target_arch = "wasm32", feature(stdarch_wasm_atomic_wait))]

pub mod demo_params;
pub mod engine;
pub mod language;
#[cfg(not(target_arch = "wasm32"))]
pub mod native_host;
pub mod runtime;
pub mod sched;
pub mod timeline_model;
pub mod trace;
pub mod vm;

#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;
