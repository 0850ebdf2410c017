//! One clock for every thread of a run, in nanoseconds since the process's first reading.
//!
//! Natively it is `Instant` (and `SystemTime` for the wall clock). In the browser this
//! crate cannot reach the clock itself (it must never depend on wasm-bindgen), so the page
//! installs one at start-up with [`set_source`]: `performance.timeOrigin +
//! performance.now()`, which all workers share (each worker's `performance.now()` alone
//! counts from its own time origin), and `Date.now()`. The source lives in a static, so
//! with shared memory one call on the main thread serves every worker. Until a source is
//! installed, a wasm32 build reads 0 (time stands still) rather than trapping.
//!
//! On top of either source a global high-water mark makes the clock monotonic across
//! threads: a reading taken after another thread's reading (in the happens-before sense)
//! is never smaller. The mark is a single atomic `fetch_max`, not a lock, so the clock
//! never blocks; it must never be used to order events that are not otherwise ordered.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// The largest reading handed out so far, by any thread.
static HIGH_WATER_NS: AtomicU64 = AtomicU64::new(0);

/// Where readings come from when the platform's own clocks are out of reach (the page).
#[derive(Clone, Copy, Debug)]
pub struct ClockSource {
    /// Milliseconds on a clock that every thread reads alike (the page passes
    /// `performance.timeOrigin + performance.now()`): absolute, high resolution.
    pub absolute_ms: fn() -> f64,
    /// Milliseconds since the Unix epoch, for `time.time()` (`Date.now()`).
    pub unix_ms: fn() -> f64,
}

static SOURCE: OnceLock<ClockSource> = OnceLock::new();

/// Installs the clock's source; the first call wins, later ones are ignored. The page
/// calls it before anything reads the clock. Natively nobody needs to: `Instant` and
/// `SystemTime` are the default there.
pub fn set_source(source: ClockSource) {
    let _ = SOURCE.set(source);
}

/// Nanoseconds since this process (or page) first read the clock; monotonic across threads.
pub fn now_ns() -> u64 {
    let raw = match SOURCE.get() {
        Some(source) => injected::raw_ns((source.absolute_ms)()),
        None => native::raw_ns(),
    };
    let previous = HIGH_WATER_NS.fetch_max(raw, Ordering::AcqRel);
    previous.max(raw)
}

/// Milliseconds between two readings, as a float for display.
/// With an injected source: the absolute time (ms) readings count from, once the first
/// reading (or [`set_base_ms`]) fixed it.
pub fn base_ms() -> Option<f64> {
    injected::base_ms()
}

/// With an injected source: makes readings count from `base` (absolute ms), so that two
/// separate wasm instances (the simulated build's page and its engine worker, which
/// share no memory) read the same clock. Call it before this instance's first reading;
/// later calls with the same base change nothing.
pub fn set_base_ms(base: f64) {
    injected::set_base_ms(base);
}

pub fn ms_between(start_ns: u64, end_ns: u64) -> f64 {
    end_ns.saturating_sub(start_ns) as f64 / 1e6
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::sync::OnceLock;
    use std::time::Instant;

    static EPOCH: OnceLock<Instant> = OnceLock::new();

    pub fn raw_ns() -> u64 {
        let epoch = EPOCH.get_or_init(Instant::now);
        epoch.elapsed().as_nanos() as u64
    }

    pub fn unix_time_secs() -> f64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0)
    }
}

/// wasm32 without a source installed: `Instant` and `SystemTime` panic there, so the
/// clock stands still instead (a page that forgot [`set_source`] shows zero times, it
/// does not trap).
#[cfg(target_arch = "wasm32")]
mod native {
    pub fn raw_ns() -> u64 {
        0
    }

    pub fn unix_time_secs() -> f64 {
        0.0
    }
}

mod injected {
    use std::sync::atomic::{AtomicU64, Ordering};

    /// Absolute time (ms, as f64 bits) of the first reading in any thread; readings are
    /// relative to it so they fit comfortably in u64 nanoseconds.
    static BASE_MS_BITS: AtomicU64 = AtomicU64::new(0);

    pub fn base_ms() -> Option<f64> {
        let bits = BASE_MS_BITS.load(Ordering::Acquire);
        (bits != 0).then(|| f64::from_bits(bits))
    }

    pub fn set_base_ms(base: f64) {
        BASE_MS_BITS.store(base.to_bits(), Ordering::Release);
    }

    pub fn raw_ns(now: f64) -> u64 {
        // The first thread to read sets the base; later ones use it. Lock-free so the
        // browser's main thread may read the clock too.
        let base = match BASE_MS_BITS.compare_exchange(
            0,
            now.to_bits(),
            Ordering::AcqRel,
            Ordering::Acquire,
        ) {
            Ok(_) => now,
            Err(existing) => f64::from_bits(existing),
        };
        ((now - base).max(0.0) * 1e6) as u64
    }
}

/// Seconds since the Unix epoch (for `time.time()`): wall-clock time, not monotonic.
pub fn unix_time_secs() -> f64 {
    match SOURCE.get() {
        Some(source) => (source.unix_ms)() / 1000.0,
        None => native::unix_time_secs(),
    }
}
