//! The demos as data: the `.demo` description format (`format`), read by the page's
//! build.rs to make its catalog, the verdicts a demo may conclude (`conclusions`), checked
//! by the engine's tests, what every run must reach (`goal`, for the race hunter), and the controls that rewrite a demo's program text
//! (`params`), used by the page at run time.
//!
//! Pure: it reads files and rewrites strings, never runs a program, never panics on
//! any input and knows nothing of the VM, the engine, the web or the UI.

pub mod conclusions;
pub mod format;
pub mod goal;
pub mod params;
