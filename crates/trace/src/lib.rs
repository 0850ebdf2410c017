//! The trace: what every thread did, and when, for the timeline, the counters and the
//! export.
//!
//! Each thread owns one lane and appends its state changes to it; a lane is a lock-free
//! queue, so writers never wait for each other or for the reader, and nothing is lost or
//! reordered within a lane. A run's keeper drains all lanes every few tens of
//! milliseconds into a bounded [`store::TraceStore`] (a test may drain into a
//! [`TraceLog`] instead), without blocking the writers. This crate must never take a
//! lock on the recording path and never know about the web or the UI: in the browser
//! the page hands [`clock`] its time source at start-up.

mod bucket;
pub mod chrome;
pub mod clock;
pub mod store;

use crossbeam_queue::SegQueue;
use std::sync::atomic::{AtomicU32, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

/// What a thread is doing from the event's time until its next event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ThreadState {
    /// Executing (holding the GIL, where there is one).
    Running,
    /// Ready to run but waiting for the GIL.
    WaitingForGil,
    /// In a timed sleep (the chapter's stand-in for I/O).
    Sleeping,
    /// Waiting on a lock, event, queue, join or other synchronisation object.
    Blocked,
    /// Finished; no events follow.
    Done,
}

impl ThreadState {
    pub const ALL: [ThreadState; 5] = [
        ThreadState::Running,
        ThreadState::WaitingForGil,
        ThreadState::Sleeping,
        ThreadState::Blocked,
        ThreadState::Done,
    ];

    /// The word shown in legends and exports.
    pub fn label(self) -> &'static str {
        match self {
            ThreadState::Running => "running",
            ThreadState::WaitingForGil => "waiting for GIL",
            ThreadState::Sleeping => "sleeping",
            ThreadState::Blocked => "blocked",
            ThreadState::Done => "done",
        }
    }
}

/// One state change of one thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TraceEvent {
    /// Reading of [`clock::now_ns`] when the change happened.
    pub at_ns: u64,
    pub state: ThreadState,
    /// The line of the program the thread was at (0 when not in the program's own code).
    pub line: u32,
}

/// Something that happened at an instant, besides state changes.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum MarkKind {
    /// The thread took the GIL.
    GilTaken,
    /// The thread let the GIL go: forced (asked to drop it after a switch interval, or
    /// preempted) or voluntary (it was about to block).
    GilDropped { forced: bool },
    /// The thread became the owner of a lock another thread (or nobody) held last.
    LockOwner { lock: String },
    /// What the thread is about to block on (a lock's Python name, "Thread-1 to finish").
    WaitsFor { what: String },
    /// A line the thread printed (without its newline).
    Printed { text: String },
    /// A watched global's value, as `repr` shows it.
    Watch { name: String, value: String },
}

/// An instant event of one thread.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Mark {
    pub at_ns: u64,
    /// The lane of the thread it belongs to.
    pub lane: usize,
    pub kind: MarkKind,
}

/// The most bytes of a printed line a mark keeps.
pub const PRINTED_TEXT_KEEP: usize = 240;

struct Lane {
    name: OnceLock<String>,
    /// The process the thread belongs to (0: the run's main process); stored before the
    /// name is set, so whoever sees the name sees it too.
    process: AtomicU64,
    events: SegQueue<TraceEvent>,
    /// The program line the thread is at now, for live markers (0: unknown).
    current_line: AtomicU32,
}

/// The shared, append-only record of one run: a fixed number of lanes, one per thread.
pub struct Trace {
    lanes: Box<[Lane]>,
    /// Lanes handed out so far (may briefly exceed `lanes.len()` during a failed claim).
    claimed: AtomicUsize,
    /// Instant events of every lane; several writers, each pushing its own in order.
    marks: SegQueue<Mark>,
}

impl Trace {
    /// A trace with room for `max_threads` lanes.
    pub fn new(max_threads: usize) -> Arc<Trace> {
        let lanes = (0..max_threads)
            .map(|_| Lane {
                name: OnceLock::new(),
                process: AtomicU64::new(0),
                events: SegQueue::new(),
                current_line: AtomicU32::new(0),
            })
            .collect();
        Arc::new(Trace {
            lanes,
            claimed: AtomicUsize::new(0),
            marks: SegQueue::new(),
        })
    }

    /// The program line lane `lane`'s thread is at now (0: unknown). Never blocks.
    pub fn current_line(&self, lane: usize) -> u32 {
        self.lanes
            .get(lane)
            .map_or(0, |l| l.current_line.load(Ordering::Relaxed))
    }

    /// Records an instant event for lane `lane`. A printed line longer than
    /// [`PRINTED_TEXT_KEEP`] bytes is cut there (the console has the whole text; the
    /// trace only says what was printed, and must not hold megabytes per line).
    pub fn mark(&self, lane: usize, at_ns: u64, mut kind: MarkKind) {
        if let MarkKind::Printed { text } = &mut kind {
            if text.len() > PRINTED_TEXT_KEEP {
                let mut cut = PRINTED_TEXT_KEEP;
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
                *text = format!("{}\u{2026}", &text[..cut]);
            }
        }
        self.marks.push(Mark { at_ns, lane, kind });
    }

    /// Lanes handed out so far.
    fn claimed_lanes(&self) -> usize {
        self.claimed.load(Ordering::Acquire).min(self.lanes.len())
    }

    pub fn capacity(&self) -> usize {
        self.lanes.len()
    }

    /// Claims the next lane for a thread called `name` of the run's main process; `None`
    /// when all lanes are taken.
    pub fn register(self: &Arc<Self>, name: impl Into<String>) -> Option<LaneWriter> {
        self.register_in(name, 0)
    }

    /// Claims the next lane for a thread called `name` of process `process` (0: the run's
    /// main process; any other number names one child process, whose GIL marks go to its
    /// own GIL lane); `None` when all lanes are taken.
    pub fn register_in(
        self: &Arc<Self>,
        name: impl Into<String>,
        process: u64,
    ) -> Option<LaneWriter> {
        let index = self.claimed.fetch_add(1, Ordering::AcqRel);
        if index >= self.lanes.len() {
            self.claimed.fetch_sub(1, Ordering::AcqRel);
            return None;
        }
        self.lanes[index].process.store(process, Ordering::Release);
        let _ = self.lanes[index].name.set(name.into());
        Some(LaneWriter {
            trace: Arc::clone(self),
            lane: index,
        })
    }

    /// Moves every event recorded since the last drain into `log`. Never blocks.
    pub fn drain_into(&self, log: &mut TraceLog) {
        let claimed = self.claimed_lanes();
        while log.lanes.len() < claimed {
            log.lanes.push(LaneLog::default());
        }
        for (lane, lane_log) in self.lanes[..claimed].iter().zip(&mut log.lanes) {
            if lane_log.name.is_empty() {
                if let Some(name) = lane.name.get() {
                    lane_log.name = name.clone();
                    lane_log.process = lane.process.load(Ordering::Acquire);
                }
            }
            while let Some(event) = lane.events.pop() {
                lane_log.events.push(event);
            }
        }
        while let Some(mark) = self.marks.pop() {
            log.marks.push(mark);
        }
    }
}

/// The one writer of one lane; it lives on the thread the lane belongs to.
pub struct LaneWriter {
    trace: Arc<Trace>,
    lane: usize,
}

impl LaneWriter {
    pub fn lane(&self) -> usize {
        self.lane
    }

    /// Records that this thread is now in `state`, stamped with the shared clock.
    pub fn record(&self, state: ThreadState) -> u64 {
        let at_ns = clock::now_ns();
        self.record_at(state, at_ns, 0);
        at_ns
    }

    /// Records a state change, at `line` of the program, with a time the caller already
    /// read (from the shared clock, or the virtual one).
    pub fn record_at(&self, state: ThreadState, at_ns: u64, line: u32) {
        self.trace.lanes[self.lane]
            .events
            .push(TraceEvent { at_ns, state, line });
    }

    /// Records an instant event of this thread.
    pub fn mark_at(&self, kind: MarkKind, at_ns: u64) {
        self.trace.mark(self.lane, at_ns, kind);
    }

    /// Publishes the program line this thread is at (for live markers).
    #[inline]
    pub fn set_line(&self, line: u32) {
        self.trace.lanes[self.lane]
            .current_line
            .store(line, Ordering::Relaxed);
    }
}

/// Everything drained so far, lane by lane, kept by the reader.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TraceLog {
    pub lanes: Vec<LaneLog>,
    /// Instant events of all lanes, each lane's in the order it recorded them.
    pub marks: Vec<Mark>,
}

#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LaneLog {
    pub name: String,
    /// The process the thread belongs to (0: the run's main process).
    #[cfg_attr(feature = "serde", serde(default))]
    pub process: u64,
    pub events: Vec<TraceEvent>,
}

/// A stretch of time one thread spent in one state.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Span {
    pub state: ThreadState,
    pub start_ns: u64,
    pub end_ns: u64,
    /// The program line the thread was at when the span began (0: unknown).
    pub line: u32,
}

impl LaneLog {
    /// The lane as consecutive spans; the last open span ends at `now_ns`.
    /// A `Done` event closes the lane and produces no span of its own.
    pub fn spans(&self, now_ns: u64) -> Vec<Span> {
        spans(&self.events, now_ns)
    }

    pub fn is_done(&self) -> bool {
        self.events.last().map(|e| e.state) == Some(ThreadState::Done)
    }
}

/// A lane's events as consecutive spans; the last open span ends at `now_ns`. A `Done`
/// event closes the lane and produces no span of its own.
pub fn spans(events: &[TraceEvent], now_ns: u64) -> Vec<Span> {
    let mut spans = Vec::with_capacity(events.len());
    for pair in events.windows(2) {
        if pair[0].state != ThreadState::Done {
            spans.push(Span {
                state: pair[0].state,
                start_ns: pair[0].at_ns,
                end_ns: pair[1].at_ns,
                line: pair[0].line,
            });
        }
    }
    if let Some(last) = events.last() {
        if last.state != ThreadState::Done {
            spans.push(Span {
                state: last.state,
                start_ns: last.at_ns,
                end_ns: now_ns.max(last.at_ns),
                line: last.line,
            });
        }
    }
    spans
}

impl TraceLog {
    /// Earliest and latest timestamps over all lanes, if any event was recorded.
    pub fn time_range(&self) -> Option<(u64, u64)> {
        let mut stamps = self.lanes.iter().flat_map(|lane| lane.events.iter());
        let first = stamps.next()?.at_ns;
        Some(stamps.fold((first, first), |(lo, hi), e| {
            (lo.min(e.at_ns), hi.max(e.at_ns))
        }))
    }
}
