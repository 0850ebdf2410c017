//! Scheduling Python threads: the blocking primitive every wait is built on (`wait`)
//! and the GIL models (`gil`). The thread schedulers that drive VM threads build on
//! these. Knows nothing of the web or the UI; its blocking calls run only on logical
//! threads, never on the browser's main thread.

pub mod deadlock;
pub mod gil;
pub mod wait;
