//! The bounded record of one run, the one copy the timeline, the counters and the export
//! read. It takes in what the lock-free lanes recorded ([`TraceStore::ingest`]) and keeps
//! its size under fixed caps however long the run goes on:
//!
//! - one store-wide boundary: before `boundary_ns` the trace is a summary at resolution
//!   `quantum_ns` (each bucket of every lane shows the state that covered most of it,
//!   consecutive equal buckets merged; a thread's start and its `Done` kept exactly; the
//!   GIL lane likewise shows its holder per bucket and whether a hand-off happened in it);
//!   from the boundary on, every state change and GIL mark as recorded;
//! - when the retained detail passes `detail_cap`, the older half is summarized: the
//!   boundary moves forward (to exactly where about half the cap remains after it) and
//!   the quantum doubles as often as needed to keep a lane's summary under
//!   `summary_buckets` buckets (aligned on the origin; the last one ends at the boundary);
//! - counts are exact whatever was summarized (state changes, GIL hand-offs, forced ones,
//!   waits, prints, watched samples); what each thread waits for is kept for the detail
//!   window (plus the last wait before the boundary, which may still be going on); the
//!   lock-owner map is capped; printed lines are counted and only the last few kept;
//!   watched values keep their latest value exactly and a decimated history.
//!
//! Plain data: no locks inside (its owner puts it behind a mutex), no clocks, no web, no
//! UI. It must never grow without bound and never reorder a lane's events; an event or
//! mark that arrives stamped before the boundary (a late writer) is moved to it.

use super::bucket::Bucketer;
use super::{Mark, MarkKind, ThreadState, Trace, TraceEvent, TraceLog};
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::Ordering;

/// The finest quantum a summary uses; it doubles from here as the run grows.
pub const BASE_QUANTUM_NS: u64 = 1_000;

/// How much a store keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoreLimits {
    /// State changes, GIL marks, waits and lock-owner marks kept in full detail, over all
    /// lanes; past it the older half is summarized.
    pub detail_cap: usize,
    /// The most buckets a lane's summary spans (the quantum doubles to stay under it).
    pub summary_buckets: u64,
    /// Printed lines kept for the export (all are counted).
    pub printed_keep: usize,
    /// Locks whose last owner is remembered (for the deadlock arrows).
    pub owners_cap: usize,
    /// Samples kept per watched name before the history is decimated.
    pub watch_keep: usize,
    /// Watched names tracked.
    pub watch_names: usize,
}

impl Default for StoreLimits {
    fn default() -> Self {
        StoreLimits {
            detail_cap: 100_000,
            summary_buckets: 2_048,
            printed_keep: 1_000,
            owners_cap: 256,
            watch_keep: 2_048,
            watch_names: 16,
        }
    }
}

impl StoreLimits {
    /// No summarizing at all: for exporting a short, already-drained log in full.
    pub fn unbounded() -> StoreLimits {
        StoreLimits {
            detail_cap: usize::MAX,
            summary_buckets: u64::MAX,
            printed_keep: usize::MAX,
            owners_cap: usize::MAX,
            watch_keep: usize::MAX,
            watch_names: usize::MAX,
        }
    }
}

/// A GIL mark of the detail window: `dropped` is `None` when the lane took the GIL,
/// `Some(forced)` when it let it go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GilMark {
    pub at_ns: u64,
    pub lane: usize,
    pub dropped: Option<bool>,
    /// Not a recorded hand-off: it stands for whoever held the GIL at the boundary.
    pub synthetic: bool,
}

/// One entry of the GIL lane's summary: from `at_ns` until the next entry the GIL was
/// mostly held by `holder`; `tick` says a hand-off happened in each of its buckets (0
/// none, 1 voluntary, 2 forced).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GilBucket {
    pub at_ns: u64,
    pub holder: Option<usize>,
    pub tick: u8,
}

/// The GIL lane of one process: its hand-offs in the detail window, sorted by time (marks
/// of different threads arrive slightly out of order, so each is inserted at its place),
/// and its summary before the boundary. Each process has its own GIL, so each has its
/// own lane; a mark goes to the lane of the process its thread's lane belongs to.
#[derive(Clone, Debug, Default)]
pub struct GilTrack {
    /// The process ([`StoreLane::process`]); 0 is the run's main process.
    process: u64,
    marks: Vec<GilMark>,
    summary: Vec<GilBucket>,
    seen: bool,
}

impl GilTrack {
    pub fn process(&self) -> u64 {
        self.process
    }

    pub fn marks(&self) -> &[GilMark] {
        &self.marks
    }

    pub fn summary(&self) -> &[GilBucket] {
        &self.summary
    }
}

/// Exact counts of everything recorded, summarized or not.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    /// State changes recorded, over all lanes.
    pub state_changes: u64,
    pub gil_handoffs: u64,
    pub gil_forced: u64,
    /// Times a thread was about to block on a lock, queue, event, join...
    pub waits: u64,
    pub lock_owner_changes: u64,
    /// `print` calls (each a printed-line mark).
    pub prints: u64,
    pub watch_samples: u64,
    /// Events and marks that arrived stamped before the boundary and were moved to it.
    pub moved_to_boundary: u64,
    /// Times the older part was summarized.
    pub compactions: u64,
}

/// One thread's lane.
#[derive(Clone, Debug, Default)]
pub struct StoreLane {
    name: String,
    /// The process the thread belongs to (0: the run's main process).
    process: u64,
    /// Summary entries (before the boundary), then every state change since, in order.
    events: Vec<TraceEvent>,
    /// How many of `events` lie before the boundary.
    summary_len: usize,
    /// What the thread said it would wait for: (time, what), in the order recorded.
    waits: Vec<(u64, String)>,
}

impl StoreLane {
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The process the thread belongs to (0: the run's main process).
    pub fn process(&self) -> u64 {
        self.process
    }

    /// The lane's step function: summary entries, then the detail window's changes.
    pub fn events(&self) -> &[TraceEvent] {
        &self.events
    }

    /// How many of [`StoreLane::events`] are summary entries (before the boundary).
    pub fn summary_len(&self) -> usize {
        self.summary_len
    }

    pub fn waits(&self) -> &[(u64, String)] {
        &self.waits
    }

    pub fn is_done(&self) -> bool {
        self.events.last().map(|e| e.state) == Some(ThreadState::Done)
    }

    /// The program line of event `index`; a change recorded outside the program's code
    /// (taking the GIL back, say) resumes where the thread last was, so look back.
    pub fn line_at(&self, index: usize) -> u32 {
        self.events
            .get(..=index)
            .unwrap_or_default()
            .iter()
            .rev()
            .take(64)
            .map(|e| e.line)
            .find(|line| *line > 0)
            .unwrap_or(0)
    }

    /// The latest thing this thread said it would wait for, at or before `at_ns`.
    pub fn wait_before(&self, at_ns: u64) -> Option<&str> {
        let after = self.waits.partition_point(|(at, _)| *at <= at_ns);
        after
            .checked_sub(1)
            .and_then(|index| self.waits.get(index))
            .map(|(_, what)| what.as_str())
    }
}

impl GilTrack {
    /// Summarizes this lane's marks before `boundary` (after `old_boundary`) at `quantum`,
    /// folding in its old summary, as the store does for the thread lanes.
    fn summarize(&mut self, origin: u64, old_boundary: u64, boundary: u64, quantum: u64) {
        let code = |holder: Option<usize>| holder.map_or(0, |lane| (lane + 1).min(0xfffe) as u16);
        let mut buckets = Bucketer::new(origin, quantum);
        // The old summary again (its entries are unions of whole buckets of the old
        // quantum, which the new one divides); every bucket of a run with a tick had
        // one, so does every bucket it folds into.
        for (index, entry) in self.summary.iter().enumerate() {
            let next = self
                .summary
                .get(index + 1)
                .map_or(old_boundary, |e| e.at_ns);
            buckets.add(entry.at_ns, next, code(entry.holder), 0, entry.tick);
        }
        // The detail up to the new boundary: the holder at the old boundary is exactly
        // the synthetic mark there, if any.
        let split = self.marks.partition_point(|m| m.at_ns < boundary);
        let (mut holder, mut since) = (None, old_boundary);
        for mark in &self.marks[..split] {
            // The span up to each mark first, so spans and ticks reach the buckets in
            // time order.
            buckets.add(since, mark.at_ns, code(holder), 0, 0);
            since = since.max(mark.at_ns);
            match mark.dropped {
                None => holder = Some(mark.lane),
                Some(forced) => {
                    if holder == Some(mark.lane) {
                        holder = None;
                    }
                    if !mark.synthetic {
                        buckets.tick(mark.at_ns, if forced { 2 } else { 1 });
                    }
                }
            }
        }
        buckets.add(since, boundary, code(holder), 0, 0);
        self.summary = buckets
            .finish()
            .into_iter()
            .map(|b| GilBucket {
                at_ns: b.at_ns,
                holder: b.value.checked_sub(1).map(usize::from),
                tick: b.tick,
            })
            .collect();
        self.marks.drain(..split);
        if let Some(lane) = holder {
            self.marks.insert(
                0,
                GilMark {
                    at_ns: boundary,
                    lane,
                    dropped: None,
                    synthetic: true,
                },
            );
        }
    }
}

/// One sample of a watched global.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WatchSample {
    pub at_ns: u64,
    pub lane: usize,
    pub value: String,
}

/// A watched global: its latest value exactly, and a history that thins out as it grows.
#[derive(Clone, Debug)]
pub struct WatchSeries {
    pub name: String,
    pub latest: WatchSample,
    history: Vec<WatchSample>,
}

impl WatchSeries {
    pub fn history(&self) -> &[WatchSample] {
        &self.history
    }
}

/// See the module documentation.
#[derive(Clone, Debug)]
pub struct TraceStore {
    limits: StoreLimits,
    origin_ns: u64,
    boundary_ns: u64,
    quantum_ns: u64,
    lanes: Vec<StoreLane>,
    /// One GIL lane per process that recorded a GIL mark: the main process's first
    /// (always there), then the children's in the order their first mark arrived. There
    /// are never more than lanes (a process has at least one thread).
    gils: Vec<GilTrack>,
    /// Lock-owner changes of the detail window: (time, lane, lock), sorted by time.
    owner_marks: Vec<(u64, usize, String)>,
    /// The lane that last became the owner of each named lock, with the change's number
    /// (the oldest is forgotten first when the map is full).
    owners: HashMap<String, (usize, u64)>,
    /// The last printed lines: (time, lane, text).
    printed: VecDeque<(u64, usize, String)>,
    watches: Vec<WatchSeries>,
    counters: Counters,
    /// Items counted against `detail_cap`.
    detail_len: usize,
    last_ns: u64,
}

impl TraceStore {
    /// An empty store for a run that started at `origin_ns`, with the default caps.
    pub fn new(origin_ns: u64) -> TraceStore {
        TraceStore::with_limits(origin_ns, StoreLimits::default())
    }

    pub fn with_limits(origin_ns: u64, limits: StoreLimits) -> TraceStore {
        TraceStore {
            limits,
            origin_ns,
            boundary_ns: origin_ns,
            quantum_ns: BASE_QUANTUM_NS,
            lanes: Vec::new(),
            gils: vec![GilTrack::default()],
            owner_marks: Vec::new(),
            owners: HashMap::new(),
            printed: VecDeque::new(),
            watches: Vec::new(),
            counters: Counters::default(),
            detail_len: 0,
            last_ns: origin_ns,
        }
    }

    /// A store holding all of `log` (export of a log drained by hand).
    pub fn from_log(log: &TraceLog, origin_ns: u64, limits: StoreLimits) -> TraceStore {
        let mut store = TraceStore::with_limits(origin_ns, limits);
        for (index, lane) in log.lanes.iter().enumerate() {
            store.set_lane_name(index, &lane.name);
            store.set_lane_process(index, lane.process);
            for event in &lane.events {
                store.push_event(index, *event);
            }
        }
        for mark in &log.marks {
            store.push_mark(mark.clone());
        }
        store.compact_if_needed();
        store
    }

    pub fn limits(&self) -> StoreLimits {
        self.limits
    }

    /// Moves the origin of a store that holds nothing yet to `origin_ns` (a run whose
    /// program began later than its store was made, because it waited for a worker to
    /// start). Returns false, changing nothing, once anything was recorded.
    pub fn restart_at(&mut self, origin_ns: u64) -> bool {
        let empty = self.lanes.is_empty()
            && self.gils.iter().all(|g| g.marks.is_empty() && !g.seen)
            && self.owner_marks.is_empty()
            && self.printed.is_empty()
            && self.watches.is_empty()
            && self.detail_len == 0
            && !self.is_summarized();
        if empty {
            self.origin_ns = origin_ns;
            self.boundary_ns = origin_ns;
            self.last_ns = origin_ns;
        }
        empty
    }

    /// When the run started; the summary covers the run from here.
    pub fn origin_ns(&self) -> u64 {
        self.origin_ns
    }

    /// Before this instant the trace is a summary at [`TraceStore::quantum_ns`].
    pub fn boundary_ns(&self) -> u64 {
        self.boundary_ns
    }

    /// The summary's resolution.
    pub fn quantum_ns(&self) -> u64 {
        self.quantum_ns
    }

    pub fn is_summarized(&self) -> bool {
        self.boundary_ns > self.origin_ns
    }

    pub fn counters(&self) -> Counters {
        self.counters
    }

    /// The latest time any event or mark was stamped with.
    pub fn last_ns(&self) -> u64 {
        self.last_ns
    }

    pub fn lanes(&self) -> &[StoreLane] {
        &self.lanes
    }

    /// The main process's GIL lane: its marks of the detail window.
    pub fn gil(&self) -> &[GilMark] {
        &self.gils[0].marks
    }

    /// The main process's GIL lane: its summary.
    pub fn gil_summary(&self) -> &[GilBucket] {
        &self.gils[0].summary
    }

    /// Whether the main process recorded any GIL mark (none under the free-threaded
    /// model).
    pub fn gil_seen(&self) -> bool {
        self.gils[0].seen
    }

    /// The main process's GIL lane, then each child's that recorded a GIL mark.
    pub fn gil_tracks(&self) -> &[GilTrack] {
        &self.gils
    }

    /// The name of process `process` as its lanes carry it (`Process-1` of
    /// `Process-1 · MainThread`); `None` for the main process or one with no lane.
    pub fn process_name(&self, process: u64) -> Option<&str> {
        if process == 0 {
            return None;
        }
        let lane = self.lanes.iter().find(|l| l.process == process)?;
        Some(lane.name.split(" · ").next().unwrap_or(&lane.name))
    }

    /// The GIL lanes of the child processes that recorded a GIL mark, in the order their
    /// first mark arrived.
    pub fn process_gils(&self) -> &[GilTrack] {
        &self.gils[1..]
    }

    /// The lane that last became the owner of `lock`, if remembered.
    pub fn owner_of(&self, lock: &str) -> Option<usize> {
        self.owners.get(lock).map(|(lane, _)| *lane)
    }

    /// The last printed lines kept: (time, lane, text).
    pub fn printed(&self) -> impl Iterator<Item = &(u64, usize, String)> {
        self.printed.iter()
    }

    pub fn watches(&self) -> &[WatchSeries] {
        &self.watches
    }

    /// The latest sampled value of watched global `name`.
    pub fn watched(&self, name: &str) -> Option<&str> {
        self.watches
            .iter()
            .find(|series| series.name == name)
            .map(|series| series.latest.value.as_str())
    }

    /// Events kept over all lanes (summary entries included).
    pub fn retained_events(&self) -> usize {
        self.lanes.iter().map(|lane| lane.events.len()).sum()
    }

    /// Summary entries over all lanes plus the GIL lane's.
    pub fn summary_entries(&self) -> usize {
        self.lanes
            .iter()
            .map(|lane| lane.summary_len)
            .sum::<usize>()
            + self.gils.iter().map(|g| g.summary.len()).sum::<usize>()
    }

    /// Items in full detail (state changes, GIL marks, waits, lock-owner marks).
    pub fn detail_len(&self) -> usize {
        self.detail_len
    }

    /// A rough size of everything kept, in bytes (for tests and benchmarks).
    pub fn approx_bytes(&self) -> usize {
        let text = |s: &String| s.capacity() + std::mem::size_of::<String>();
        let lanes: usize = self
            .lanes
            .iter()
            .map(|lane| {
                lane.events.capacity() * std::mem::size_of::<TraceEvent>()
                    + lane.waits.iter().map(|(_, w)| 8 + text(w)).sum::<usize>()
                    + text(&lane.name)
            })
            .sum();
        let watches: usize = self
            .watches
            .iter()
            .map(|s| s.history.iter().map(|w| 16 + text(&w.value)).sum::<usize>())
            .sum();
        lanes
            + watches
            + self
                .gils
                .iter()
                .map(|g| {
                    g.marks.capacity() * std::mem::size_of::<GilMark>()
                        + g.summary.capacity() * std::mem::size_of::<GilBucket>()
                })
                .sum::<usize>()
            + self
                .owner_marks
                .iter()
                .map(|(_, _, l)| 16 + text(l))
                .sum::<usize>()
            + self.owners.keys().map(|k| 24 + text(k)).sum::<usize>()
            + self
                .printed
                .iter()
                .map(|(_, _, t)| 16 + text(t))
                .sum::<usize>()
    }

    fn lane_mut(&mut self, lane: usize) -> &mut StoreLane {
        if self.lanes.len() <= lane {
            self.lanes.resize_with(lane + 1, StoreLane::default);
        }
        &mut self.lanes[lane]
    }

    /// Names lane `lane` (once; later calls with the same name cost nothing).
    pub fn set_lane_name(&mut self, lane: usize, name: &str) {
        let lane = self.lane_mut(lane);
        if lane.name != name {
            lane.name = name.to_string();
        }
    }

    /// Says which process lane `lane`'s thread belongs to (0, the default: the main one).
    /// Set before the lane's first GIL mark arrives, so the mark finds its GIL lane.
    pub fn set_lane_process(&mut self, lane: usize, process: u64) {
        self.lane_mut(lane).process = process;
    }

    /// A time no earlier than the boundary (a late arrival moves to it).
    fn in_detail(&mut self, at_ns: u64) -> u64 {
        self.last_ns = self.last_ns.max(at_ns);
        if at_ns < self.boundary_ns {
            self.counters.moved_to_boundary += 1;
            self.boundary_ns
        } else {
            at_ns
        }
    }

    /// Takes in one state change of lane `lane` (each lane's in the order recorded).
    pub fn push_event(&mut self, lane: usize, mut event: TraceEvent) {
        self.counters.state_changes += 1;
        event.at_ns = self.in_detail(event.at_ns);
        let lane = self.lane_mut(lane);
        if let Some(last) = lane.events.last() {
            // Never out of order, even after a move to the boundary.
            event.at_ns = event.at_ns.max(last.at_ns);
        }
        lane.events.push(event);
        self.detail_len += 1;
    }

    /// Takes in one instant event.
    pub fn push_mark(&mut self, mark: Mark) {
        let Mark { at_ns, lane, kind } = mark;
        match kind {
            MarkKind::GilTaken | MarkKind::GilDropped { .. } => {
                let dropped = match kind {
                    MarkKind::GilDropped { forced } => {
                        self.counters.gil_handoffs += 1;
                        self.counters.gil_forced += u64::from(forced);
                        Some(forced)
                    }
                    _ => None,
                };
                let at_ns = self.in_detail(at_ns);
                let gil = GilMark {
                    at_ns,
                    lane,
                    dropped,
                    synthetic: false,
                };
                let process = self.lanes.get(lane).map_or(0, |l| l.process);
                let track = match self.gils.iter().position(|g| g.process == process) {
                    Some(index) => &mut self.gils[index],
                    None => {
                        self.gils.push(GilTrack {
                            process,
                            ..GilTrack::default()
                        });
                        self.gils.last_mut().expect("just pushed")
                    }
                };
                track.seen = true;
                let mut at = track.marks.len();
                while at > 0 && track.marks[at - 1].at_ns > at_ns {
                    at -= 1;
                }
                track.marks.insert(at, gil);
                self.detail_len += 1;
            }
            MarkKind::WaitsFor { what } => {
                self.counters.waits += 1;
                let at_ns = self.in_detail(at_ns);
                self.lane_mut(lane).waits.push((at_ns, what));
                self.detail_len += 1;
            }
            MarkKind::LockOwner { lock } => {
                self.counters.lock_owner_changes += 1;
                let change = self.counters.lock_owner_changes;
                let at_ns = self.in_detail(at_ns);
                if !self.owners.contains_key(&lock) && self.owners.len() >= self.limits.owners_cap {
                    let oldest = self
                        .owners
                        .iter()
                        .min_by_key(|(_, (_, change))| *change)
                        .map(|(name, _)| name.clone());
                    if let Some(oldest) = oldest {
                        self.owners.remove(&oldest);
                    }
                }
                self.owners.insert(lock.clone(), (lane, change));
                let mut at = self.owner_marks.len();
                while at > 0 && self.owner_marks[at - 1].0 > at_ns {
                    at -= 1;
                }
                self.owner_marks.insert(at, (at_ns, lane, lock));
                self.detail_len += 1;
            }
            MarkKind::Printed { text } => {
                self.counters.prints += 1;
                self.last_ns = self.last_ns.max(at_ns);
                if self.limits.printed_keep > 0 {
                    if self.printed.len() >= self.limits.printed_keep {
                        self.printed.pop_front();
                    }
                    self.printed.push_back((at_ns, lane, text));
                }
            }
            MarkKind::Watch { name, value } => {
                self.counters.watch_samples += 1;
                self.last_ns = self.last_ns.max(at_ns);
                self.push_watch(name, WatchSample { at_ns, lane, value });
            }
        }
    }

    fn push_watch(&mut self, name: String, sample: WatchSample) {
        let keep = self.limits.watch_keep.max(2);
        let series = match self.watches.iter().position(|s| s.name == name) {
            Some(index) => &mut self.watches[index],
            None if self.watches.len() < self.limits.watch_names => {
                self.watches.push(WatchSeries {
                    name,
                    latest: sample.clone(),
                    history: Vec::new(),
                });
                self.watches.last_mut().expect("just pushed")
            }
            None => return,
        };
        // The latest by time (samples of different threads may arrive out of order).
        if sample.at_ns >= series.latest.at_ns {
            series.latest = sample.clone();
        }
        series.history.push(sample);
        if series.history.len() > keep {
            // Decimate: every other sample goes, the newest always stays; older parts
            // thin out each time, recent ones stay dense.
            let last = series.history.len() - 1;
            let mut index = 0;
            series.history.retain(|_| {
                let keep = index % 2 == 1 || index == last;
                index += 1;
                keep
            });
        }
    }

    /// Moves everything `trace` recorded since the last call into the store, then
    /// summarizes if the detail passed its cap. Never blocks (the lanes are lock-free).
    pub fn ingest(&mut self, trace: &Trace) {
        let claimed = trace.claimed_lanes();
        // A writer faster than this loop must not keep it here forever: take at most a
        // cap's worth per lane per round, summarizing in between.
        let batch = self.limits.detail_cap.clamp(1, 1 << 20);
        for _round in 0..64 {
            let mut moved = 0;
            for (index, lane) in trace.lanes[..claimed].iter().enumerate() {
                if self.lanes.get(index).is_none_or(|l| l.name.is_empty()) {
                    if let Some(name) = lane.name.get() {
                        self.set_lane_name(index, name);
                        self.set_lane_process(index, lane.process.load(Ordering::Acquire));
                    } else {
                        self.lane_mut(index);
                    }
                }
                let mut taken = 0;
                while taken < batch {
                    let Some(event) = lane.events.pop() else {
                        break;
                    };
                    self.push_event(index, event);
                    taken += 1;
                }
                moved += taken;
            }
            let mut taken = 0;
            while taken < batch {
                let Some(mark) = trace.marks.pop() else {
                    break;
                };
                self.push_mark(mark);
                taken += 1;
            }
            moved += taken;
            self.compact_if_needed();
            if moved == 0 {
                break;
            }
        }
    }

    /// Takes in a drained log (what [`Trace::drain_into`] moved out since the last
    /// drain), as [`TraceStore::ingest`] takes in the trace itself: for a store kept
    /// away from the run, fed with the logs the run sends (the page's build without
    /// shared memory). The same caps hold whatever the log's size.
    pub fn ingest_log(&mut self, log: TraceLog) {
        // In the same order and rounds as `ingest`, so both summarize alike.
        let batch = self.limits.detail_cap.clamp(1, 1 << 20);
        let mut lanes: Vec<_> = log
            .lanes
            .into_iter()
            .enumerate()
            .map(|(index, lane)| {
                if lane.name.is_empty() {
                    self.lane_mut(index);
                } else {
                    self.set_lane_name(index, &lane.name);
                    self.set_lane_process(index, lane.process);
                }
                lane.events.into_iter()
            })
            .collect();
        let mut marks = log.marks.into_iter();
        loop {
            let mut moved = 0;
            for (index, events) in lanes.iter_mut().enumerate() {
                for event in events.by_ref().take(batch) {
                    self.push_event(index, event);
                    moved += 1;
                }
            }
            for mark in marks.by_ref().take(batch) {
                self.push_mark(mark);
                moved += 1;
            }
            self.compact_if_needed();
            if moved == 0 {
                break;
            }
        }
    }

    /// Summarizes the older half of the detail if it passed its cap.
    pub fn compact_if_needed(&mut self) {
        if self.detail_len > self.limits.detail_cap {
            self.compact(self.limits.detail_cap / 2);
        }
    }

    /// Detail items stamped at or after `at_ns`.
    fn detail_from(&self, at_ns: u64) -> usize {
        let lanes: usize = self
            .lanes
            .iter()
            .map(|lane| {
                let detail = &lane.events[lane.summary_len..];
                let waits = lane.waits.len() - lane.waits.partition_point(|(at, _)| *at < at_ns);
                detail.len() - detail.partition_point(|e| e.at_ns < at_ns) + waits
            })
            .sum();
        let gils: usize = self
            .gils
            .iter()
            .map(|g| g.marks.len() - g.marks.partition_point(|m| m.at_ns < at_ns))
            .sum();
        lanes + gils + self.owner_marks.len() - self.owner_marks.partition_point(|m| m.0 < at_ns)
    }

    /// Moves the boundary so that at most about `keep` detail items remain after it,
    /// summarizing what it passes over (and the old summary again if the quantum grows).
    pub fn compact(&mut self, keep: usize) {
        // The earliest instant with at most `keep` items at or after it.
        let (mut low, mut high) = (self.boundary_ns, self.last_ns.saturating_add(1));
        if self.detail_from(low) <= keep {
            return;
        }
        while high - low > 1 {
            let middle = low + (high - low) / 2;
            if self.detail_from(middle) <= keep {
                high = middle;
            } else {
                low = middle;
            }
        }
        // The boundary goes exactly there, not to the quantum's grid: rounding up would
        // pass the newest data when a quantum holds more than the cap (dense virtual-clock
        // runs), and rounding down may not move at all. Only the last bucket is partial.
        let boundary = high;
        let mut quantum = self.quantum_ns.max(1);
        let buckets = self.limits.summary_buckets.max(2);
        while boundary - self.origin_ns > quantum.saturating_mul(buckets - 1) {
            quantum = quantum.saturating_mul(2);
        }
        self.summarize_until(boundary, quantum);
    }

    /// Summarizes everything before `boundary` (after the current one) at `quantum` (the
    /// current one or a power-of-two multiple, so old buckets fold into new ones).
    fn summarize_until(&mut self, boundary: u64, quantum: u64) {
        let origin = self.origin_ns;
        for lane in &mut self.lanes {
            // A lane that began after the boundary has nothing to fold.
            if lane.events.first().is_some_and(|e| e.at_ns < boundary) {
                let (events, summary_len) = summarize_lane(&lane.events, origin, boundary, quantum);
                lane.events = events;
                lane.summary_len = summary_len;
            }
            // Waits of the detail window, plus the last one before it (a wait that may
            // still be going on at the boundary).
            let split = lane.waits.partition_point(|(at, _)| *at < boundary);
            lane.waits.drain(..split.saturating_sub(1));
        }
        let (origin, old_boundary) = (self.origin_ns, self.boundary_ns);
        for track in &mut self.gils {
            if track.seen {
                track.summarize(origin, old_boundary, boundary, quantum);
            }
        }
        let split = self.owner_marks.partition_point(|m| m.0 < boundary);
        self.owner_marks.drain(..split);
        self.boundary_ns = boundary;
        self.quantum_ns = quantum;
        self.counters.compactions += 1;
        self.detail_len = self
            .lanes
            .iter()
            .map(|lane| lane.events.len() - lane.summary_len + lane.waits.len())
            .sum::<usize>()
            + self.gils.iter().map(|g| g.marks.len()).sum::<usize>()
            + self.owner_marks.len();
    }

    /// Every mark kept, in time order (for the export): GIL hand-offs, waits and owner
    /// changes of the detail window, the last printed lines, watched samples.
    pub fn marks(&self) -> Vec<Mark> {
        let mut marks: Vec<Mark> = Vec::new();
        let gil_marks = self.gils.iter().flat_map(|g| g.marks.iter());
        marks.extend(gil_marks.filter(|m| !m.synthetic).map(|m| Mark {
            at_ns: m.at_ns,
            lane: m.lane,
            kind: match m.dropped {
                None => MarkKind::GilTaken,
                Some(forced) => MarkKind::GilDropped { forced },
            },
        }));
        for (index, lane) in self.lanes.iter().enumerate() {
            marks.extend(lane.waits.iter().map(|(at, what)| Mark {
                at_ns: *at,
                lane: index,
                kind: MarkKind::WaitsFor { what: what.clone() },
            }));
        }
        marks.extend(self.owner_marks.iter().map(|(at, lane, lock)| Mark {
            at_ns: *at,
            lane: *lane,
            kind: MarkKind::LockOwner { lock: lock.clone() },
        }));
        marks.extend(self.printed.iter().map(|(at, lane, text)| Mark {
            at_ns: *at,
            lane: *lane,
            kind: MarkKind::Printed { text: text.clone() },
        }));
        for series in &self.watches {
            marks.extend(series.history.iter().map(|s| Mark {
                at_ns: s.at_ns,
                lane: s.lane,
                kind: MarkKind::Watch {
                    name: series.name.clone(),
                    value: s.value.clone(),
                },
            }));
        }
        marks.sort_by_key(|m| m.at_ns);
        marks
    }
}

fn state_code(state: ThreadState) -> u16 {
    ThreadState::ALL
        .iter()
        .position(|s| *s == state)
        .unwrap_or(0) as u16
}

/// A lane's events with everything before `boundary` folded into buckets of `quantum`:
/// the lane's first event keeps its time, `Done` is kept exactly, and if the state the
/// thread was really in at the boundary differs from its last bucket's, an event at the
/// boundary restores it (so the detail window starts exact). Returns the events and how
/// many lie before the boundary.
fn summarize_lane(
    events: &[TraceEvent],
    origin: u64,
    boundary: u64,
    quantum: u64,
) -> (Vec<TraceEvent>, usize) {
    let split = events.partition_point(|e| e.at_ns < boundary);
    let (head, tail) = events.split_at(split);
    let Some(last) = head.last().copied() else {
        return (events.to_vec(), 0);
    };
    let done = (last.state == ThreadState::Done).then_some(last);
    let end = done.map_or(boundary, |d| d.at_ns);
    let mut buckets = Bucketer::new(origin, quantum);
    for (index, event) in head.iter().enumerate() {
        if event.state == ThreadState::Done {
            break;
        }
        let to = head.get(index + 1).map_or(end, |next| next.at_ns).min(end);
        buckets.add(event.at_ns, to, state_code(event.state), event.line, 0);
    }
    let mut out: Vec<TraceEvent> = buckets
        .finish()
        .into_iter()
        .map(|b| TraceEvent {
            at_ns: b.at_ns,
            state: ThreadState::ALL[usize::from(b.value).min(4)],
            line: b.line,
        })
        .collect();
    let summary_len;
    match done {
        Some(done) => {
            out.push(done);
            summary_len = out.len();
        }
        None => {
            summary_len = out.len();
            let exact_at_boundary = tail.first().is_some_and(|t| t.at_ns == boundary);
            if !exact_at_boundary && out.last().map(|e| e.state) != Some(last.state) {
                out.push(TraceEvent {
                    at_ns: boundary,
                    state: last.state,
                    line: last.line,
                });
            }
        }
    }
    out.extend_from_slice(tail);
    (out, summary_len)
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
