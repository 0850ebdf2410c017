//! The simulated build: the page for browsers and hosts that give it no shared memory
//! (an iframe on an ordinary docs page in Firefox or Safari, a host without the
//! isolation headers). It is the same crate built without the `atomics` target feature
//! and without the worker pool; index.html loads it instead of the threads build when
//! `crossOriginIsolated` is false.
//!
//! Every Python thread runs on the virtual scheduler inside one dedicated Web Worker,
//! the engine worker (`worker`: the same wasm module, started by
//! www/engine-worker.js), never on the page's main thread. The page side (`client`)
//! sends it a program and rebuilds, from the reports it streams back, what the threads
//! build reads from shared memory: the output queue, the status and the run's bounded
//! trace store. Stop terminates the worker at once and starts a fresh one.
//!
//! wasm32 without `atomics` only. Nothing here may block the page's main thread: the
//! client only posts messages and handles them as they arrive.

mod client;
pub mod worker;

pub use client::{start_engine, SimulatedHunt, SimulatedRun};
