//! One clock for every thread of a run, in nanoseconds since the process's first reading.
//!
//! Natively it is `Instant`. In the browser each worker's `performance.now()` counts from
//! its own time origin, so the reading is `performance.timeOrigin + performance.now()`,
//! which all workers share. On top of either source a global high-water mark makes the
//! clock monotonic across threads: a reading taken after another thread's reading (in the
//! happens-before sense) is never smaller. The mark is a single atomic `fetch_max`, not a
//! lock, so the clock never blocks; it must never be used to order events that are not
//! otherwise ordered.

use std::sync::atomic::{AtomicU64, Ordering};

/// The largest reading handed out so far, by any thread.
static HIGH_WATER_NS: AtomicU64 = AtomicU64::new(0);

/// Nanoseconds since this process (or page) first read the clock; monotonic across threads.
pub fn now_ns() -> u64 {
    let raw = source::raw_ns();
    let previous = HIGH_WATER_NS.fetch_max(raw, Ordering::AcqRel);
    previous.max(raw)
}

/// Milliseconds between two readings, as a float for display.
pub fn ms_between(start_ns: u64, end_ns: u64) -> f64 {
    end_ns.saturating_sub(start_ns) as f64 / 1e6
}

#[cfg(not(target_arch = "wasm32"))]
mod source {
    use std::sync::OnceLock;
    use std::time::Instant;

    static EPOCH: OnceLock<Instant> = OnceLock::new();

    pub fn raw_ns() -> u64 {
        let epoch = EPOCH.get_or_init(Instant::now);
        epoch.elapsed().as_nanos() as u64
    }
}

#[cfg(target_arch = "wasm32")]
mod source {
    use std::cell::OnceCell;
    use std::sync::atomic::{AtomicU64, Ordering};
    use wasm_bindgen::JsCast;

    /// Absolute time (ms since the Unix epoch, as f64 bits) of the first reading in any
    /// thread; readings are relative to it so they fit comfortably in u64 nanoseconds.
    static BASE_MS_BITS: AtomicU64 = AtomicU64::new(0);

    thread_local! {
        static PERFORMANCE: OnceCell<web_sys::Performance> = const { OnceCell::new() };
    }

    fn absolute_ms() -> f64 {
        PERFORMANCE.with(|cell| {
            let performance = cell.get_or_init(|| {
                js_sys::Reflect::get(&js_sys::global(), &"performance".into())
                    .expect("every browser global scope has `performance`")
                    .unchecked_into::<web_sys::Performance>()
            });
            performance.time_origin() + performance.now()
        })
    }

    pub fn raw_ns() -> u64 {
        let now = absolute_ms();
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
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0)
    }
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() / 1000.0
    }
}
