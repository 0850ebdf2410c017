//! What the timeline asks of a run's trace store: the span under the pointer, who held
//! the GIL, each lane's pixel columns, a deadlock's wait edges. Pure queries over the
//! bounded [`TraceStore`] (the one copy of the trace: the timeline keeps none of its
//! own), so it builds natively and its unit tests run with `cargo test`.
//! Before the store's boundary the trace is a summary; the answers say so
//! (`summarized`), and coalescing into pixel columns is visual only. It must never
//! panic on odd input, and a frame's work is bounded by the store's caps plus the
//! canvas width, never by the run's length.

use trace::store::{GilTrack, StoreLane, TraceStore};
use trace::{ThreadState, TraceEvent};

/// One stretch of one lane, as the tooltip describes it.
pub struct SpanInfo<'a> {
    pub state: ThreadState,
    pub start_ns: u64,
    pub end_ns: u64,
    pub line: u32,
    /// For a blocked span: what the thread said it was about to wait for.
    pub waits_for: Option<&'a str>,
    /// The span lies in the summarized part (it stands for buckets of the quantum).
    pub summarized: bool,
}

/// Who held the GIL at an instant, as the tooltip describes it.
pub struct GilHold {
    pub holder: Option<usize>,
    pub start_ns: u64,
    /// When and how the holder let go (`None`: still held at the end of the trace). In
    /// the summary: when the next bucket with another holder began, and whether a forced
    /// hand-off happened in this one.
    pub released: Option<(u64, bool)>,
    pub summarized: bool,
}

/// A long blocked span worth labelling with what it waits for, in column units.
pub struct BlockedLabel {
    pub lane: usize,
    pub from_column: f64,
    pub to_column: f64,
    pub what: String,
}

/// A store seen up to `end_ns` (where the run is now, or where it ended).
#[derive(Clone, Copy)]
pub struct TimelineModel<'a> {
    pub store: &'a TraceStore,
    pub end_ns: u64,
    /// Where the time axis starts: the store's origin (when the run started), or on the
    /// virtual scheduler the virtual clock's start ([`first_event_ns`]).
    origin_ns: u64,
}

/// The earliest instant any lane of `store` was stamped with. On the virtual scheduler
/// this is where the virtual clock started: the real time between starting the run and
/// starting its scheduler is not part of the run's virtual time.
pub fn first_event_ns(store: &TraceStore) -> Option<u64> {
    store
        .lanes()
        .iter()
        .filter_map(|lane| lane.events().first())
        .map(|event| event.at_ns)
        .min()
}

/// Where a lane's first event at or after `at_ns` is (events are in time order).
fn first_at_or_after(events: &[TraceEvent], at_ns: u64) -> usize {
    events.partition_point(|e| e.at_ns < at_ns)
}

impl<'a> TimelineModel<'a> {
    pub fn new(store: &'a TraceStore, end_ns: u64) -> TimelineModel<'a> {
        TimelineModel {
            store,
            end_ns: end_ns.max(store.origin_ns()),
            origin_ns: store.origin_ns(),
        }
    }

    /// The same view with its time axis starting at `origin_ns` (never before the
    /// store's origin, never after the end).
    pub fn with_origin(self, origin_ns: u64) -> TimelineModel<'a> {
        TimelineModel {
            origin_ns: origin_ns.clamp(self.store.origin_ns(), self.end_ns),
            ..self
        }
    }

    /// Where the time axis starts (time 0 on it).
    pub fn origin_ns(&self) -> u64 {
        self.origin_ns
    }

    pub fn lanes(&self) -> &'a [StoreLane] {
        self.store.lanes()
    }

    /// What a blocked span from `start_ns` to `end_ns` waited for: only known for spans
    /// reaching into the detail window (older waits are not kept).
    fn waits_for(&self, lane: &'a StoreLane, start_ns: u64, end_ns: u64) -> Option<&'a str> {
        let boundary = self.store.boundary_ns();
        if end_ns <= boundary && self.store.is_summarized() {
            return None;
        }
        lane.wait_before(start_ns.max(boundary))
    }

    /// Who waited for whom when the last thread blocked: (waiting lane, lane it waits
    /// on, what), and that instant. Each edge goes from a thread blocked at that moment
    /// to the thread holding what it waits for (a lock's last owner, or the thread a
    /// `join` waits to finish). When a run ends in a deadlock, these edges are its cycle
    /// (plus whoever waits on it).
    pub fn wait_edges(&self) -> (Vec<(usize, usize, String)>, u64) {
        let lanes = self.lanes();
        let Some(at_ns) = lanes
            .iter()
            .filter_map(|lane| {
                lane.events()
                    .iter()
                    .rev()
                    .find(|e| e.state == ThreadState::Blocked)
                    .map(|e| e.at_ns)
            })
            .max()
        else {
            return (Vec::new(), 0);
        };
        let edges = (0..lanes.len())
            .filter_map(|index| {
                let span = self.span_at(index, at_ns)?;
                let what = span.waits_for?;
                let target = match what.strip_suffix(" to finish") {
                    Some(thread) => lanes.iter().position(|l| l.name() == thread),
                    None => self.store.owner_of(what),
                }?;
                (target != index).then(|| (index, target, what.to_string()))
            })
            .collect();
        (edges, at_ns)
    }

    /// What lane `lane` was doing at `at_ns`, if it had started and not finished.
    pub fn span_at(&self, lane: usize, at_ns: u64) -> Option<SpanInfo<'a>> {
        let model = self.lanes().get(lane)?;
        let events = model.events();
        let after = events.partition_point(|e| e.at_ns <= at_ns);
        let index = after.checked_sub(1)?;
        let event = events.get(index)?;
        if event.state == ThreadState::Done {
            return None;
        }
        let end_ns = events
            .get(index + 1)
            .map_or(self.end_ns.max(event.at_ns), |next| next.at_ns);
        Some(SpanInfo {
            state: event.state,
            start_ns: event.at_ns,
            end_ns,
            line: model.line_at(index),
            waits_for: (event.state == ThreadState::Blocked)
                .then(|| self.waits_for(model, event.at_ns, end_ns))
                .flatten(),
            summarized: index < model.summary_len(),
        })
    }

    /// Who held the main process's GIL at `at_ns`.
    pub fn gil_at(&self, at_ns: u64) -> GilHold {
        self.gil_of_at(&self.store.gil_tracks()[0], at_ns)
    }

    /// Who held the GIL of `track`'s process at `at_ns`.
    pub fn gil_of_at(&self, track: &GilTrack, at_ns: u64) -> GilHold {
        let store = self.store;
        if at_ns < store.boundary_ns() {
            let summary = track.summary();
            let after = summary.partition_point(|b| b.at_ns <= at_ns);
            let entry = after.checked_sub(1).and_then(|index| summary.get(index));
            let next = summary.get(after).map_or(store.boundary_ns(), |b| b.at_ns);
            return GilHold {
                holder: entry.and_then(|b| b.holder),
                start_ns: entry.map_or(store.origin_ns(), |b| b.at_ns),
                released: entry.map(|b| (next, b.tick == 2)),
                summarized: true,
            };
        }
        let gil = track.marks();
        let after = gil.partition_point(|m| m.at_ns <= at_ns);
        // The holder is whoever took it last, unless that thread let it go since.
        let last = after.checked_sub(1).and_then(|index| gil.get(index));
        let holder = last.filter(|m| m.dropped.is_none()).map(|m| m.lane);
        let start_ns = last.map_or(store.boundary_ns(), |m| m.at_ns);
        let released = holder.and_then(|lane| {
            gil[after..]
                .iter()
                .find(|m| m.lane == lane && m.dropped.is_some())
                .map(|m| (m.at_ns, m.dropped.unwrap_or(false)))
        });
        GilHold {
            holder,
            start_ns,
            released,
            summarized: false,
        }
    }

    /// Paints lane `lane` over the view into `columns` (0: nothing, else 1 + the index
    /// of the state in [`ThreadState::ALL`] that covers most of the column), using
    /// `cover` as scratch. Returns the column where the thread ended, if in view.
    /// Long blocked spans (at least `label_columns` wide) are added to `labels`.
    #[allow(clippy::too_many_arguments)]
    pub fn lane_columns(
        &self,
        lane: usize,
        view_start_ns: f64,
        ns_per_column: f64,
        columns: &mut [u8],
        cover: &mut Vec<[f32; 5]>,
        label_columns: f64,
        labels: &mut Vec<BlockedLabel>,
    ) -> Option<f64> {
        columns.fill(0);
        let count = columns.len();
        cover.clear();
        cover.resize(count, [0.0; 5]);
        let model = self.lanes().get(lane)?;
        let events = model.events();
        let origin = self.origin_ns();
        let view_end_ns = view_start_ns + ns_per_column * count as f64;
        let start_at = view_start_ns.max(0.0) as u64 + origin;
        let first = first_at_or_after(events, start_at).saturating_sub(1);
        let mut done_column = None;
        for (index, event) in events.iter().enumerate().skip(first) {
            let start = event.at_ns.saturating_sub(origin) as f64;
            if start >= view_end_ns {
                break;
            }
            if event.state == ThreadState::Done {
                if start >= view_start_ns {
                    done_column = Some((start - view_start_ns) / ns_per_column);
                }
                break;
            }
            let end_ns = events
                .get(index + 1)
                .map_or(self.end_ns.max(event.at_ns), |next| next.at_ns);
            let end = end_ns.saturating_sub(origin) as f64;
            let from = ((start - view_start_ns) / ns_per_column).clamp(0.0, count as f64);
            let to = ((end - view_start_ns) / ns_per_column).clamp(0.0, count as f64);
            if to <= from {
                continue;
            }
            let state = state_index(event.state);
            accumulate(cover, from, to, state);
            if event.state == ThreadState::Blocked && to - from >= label_columns {
                if let Some(what) = self.waits_for(model, event.at_ns, end_ns) {
                    labels.push(BlockedLabel {
                        lane,
                        from_column: from,
                        to_column: to,
                        what: what.to_string(),
                    });
                }
            }
        }
        for (column, shares) in columns.iter_mut().zip(cover.iter()) {
            *column = dominant(shares);
        }
        done_column
    }

    /// Paints the GIL lane: `holders` gets 1 + the holding lane per column (0: nobody),
    /// `ticks` 1 for a voluntary hand-off in the column, 2 for a forced one. In the
    /// summary a tick means a hand-off somewhere in that bucket.
    pub fn gil_columns(
        &self,
        view_start_ns: f64,
        ns_per_column: f64,
        holders: &mut [u16],
        ticks: &mut [u8],
    ) {
        let main = &self.store.gil_tracks()[0];
        self.gil_columns_of(main, view_start_ns, ns_per_column, holders, ticks);
    }

    /// [`TimelineModel::gil_columns`] for the GIL lane of `track`'s process.
    pub fn gil_columns_of(
        &self,
        track: &GilTrack,
        view_start_ns: f64,
        ns_per_column: f64,
        holders: &mut [u16],
        ticks: &mut [u8],
    ) {
        holders.fill(0);
        ticks.fill(0);
        let count = holders.len();
        let origin = self.origin_ns();
        let store = self.store;
        let view_end_ns = view_start_ns + ns_per_column * count as f64;
        let start_at = view_start_ns.max(0.0) as u64 + origin;
        // Per column, the holder covering most of it (holds come in time order, so a
        // running best is enough).
        let mut best: Vec<(u16, f64)> = vec![(0, 0.0); count];
        let column_of =
            |at: u64| (at.saturating_sub(origin) as f64 - view_start_ns) / ns_per_column;
        let close = |lane: usize, from: f64, to: f64, best: &mut Vec<(u16, f64)>| {
            let from = from.clamp(0.0, count as f64);
            let to = to.clamp(0.0, count as f64);
            if to <= from {
                return;
            }
            let id = u16::try_from(lane + 1).unwrap_or(u16::MAX);
            let mut column = from.floor() as usize;
            while (column as f64) < to && column < count {
                let share = (to.min(column as f64 + 1.0) - from.max(column as f64)).max(0.0);
                if share > best[column].1 {
                    best[column] = (id, share);
                }
                column += 1;
            }
        };
        let mut put_tick = |at: f64, tick: u8| {
            if at >= 0.0 {
                if let Some(slot) = ticks.get_mut(at as usize) {
                    *slot = (*slot).max(tick);
                }
            }
        };
        // The summary: one holder per entry; a tick at the start of each bucket that had
        // a hand-off (at most one per bucket, so this is bounded by the summary's size).
        if start_at < store.boundary_ns() {
            let summary = track.summary();
            let quantum = store.quantum_ns().max(1);
            let first = summary
                .partition_point(|b| b.at_ns <= start_at)
                .saturating_sub(1);
            for (index, entry) in summary.iter().enumerate().skip(first) {
                let from = column_of(entry.at_ns);
                if from >= count as f64 {
                    break;
                }
                let end_ns = summary
                    .get(index + 1)
                    .map_or(store.boundary_ns(), |next| next.at_ns);
                if let Some(lane) = entry.holder {
                    close(lane, from, column_of(end_ns), &mut best);
                }
                if entry.tick > 0 {
                    let mut at = entry.at_ns.max(start_at);
                    // Back to the bucket's start on the grid, then one tick per bucket.
                    // (The grid is the store's, from its own origin.)
                    let grid = store.origin_ns();
                    at -= (at - grid) % quantum;
                    at = at.max(entry.at_ns);
                    while at < end_ns && column_of(at) < count as f64 {
                        put_tick(column_of(at), entry.tick);
                        at = (at - (at - grid) % quantum) + quantum;
                    }
                }
            }
        }
        let gil = track.marks();
        let mut index = gil.partition_point(|m| m.at_ns < start_at);
        // Step back to the last take before the view, so a hold that began earlier shows.
        while index > 0 {
            index -= 1;
            if gil[index].dropped.is_none() {
                break;
            }
        }
        let mut holding: Option<(usize, f64)> = None;
        for mark in &gil[index..] {
            let at = column_of(mark.at_ns);
            if at >= count as f64 {
                break;
            }
            match mark.dropped {
                None => {
                    if let Some((lane, from)) = holding.take() {
                        close(lane, from, at, &mut best);
                    }
                    holding = Some((mark.lane, at));
                }
                Some(forced) => {
                    if let Some((lane, from)) = holding {
                        if lane == mark.lane {
                            close(lane, from, at, &mut best);
                            holding = None;
                        }
                    }
                    if !mark.synthetic {
                        put_tick(at, if forced { 2 } else { 1 });
                    }
                }
            }
        }
        if let Some((lane, from)) = holding {
            let end = column_of(self.end_ns).min(view_end_ns);
            close(lane, from, end, &mut best);
        }
        for (holder, (id, _)) in holders.iter_mut().zip(best) {
            *holder = id;
        }
    }
}

fn state_index(state: ThreadState) -> usize {
    ThreadState::ALL
        .iter()
        .position(|s| *s == state)
        .unwrap_or(0)
}

/// Adds the span `[from, to)` (in columns) of state `state` to the columns it covers.
fn accumulate(cover: &mut [[f32; 5]], from: f64, to: f64, state: usize) {
    let first = from.floor() as usize;
    let last = (to.ceil() as usize).min(cover.len());
    for (offset, shares) in cover[first.min(last)..last].iter_mut().enumerate() {
        let column = (first + offset) as f64;
        let share = to.min(column + 1.0) - from.max(column);
        shares[state] += share as f32;
    }
}

/// 1 + the state covering most of a column; 0 when nothing covers it.
fn dominant(shares: &[f32; 5]) -> u8 {
    let mut best = 0u8;
    let mut best_share = 0.0f32;
    for (index, share) in shares.iter().enumerate() {
        if *share > best_share {
            best_share = *share;
            best = index as u8 + 1;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use trace::store::StoreLimits;
    use trace::{LaneLog, Mark, MarkKind, TraceLog};

    fn event(at_ns: u64, state: ThreadState, line: u32) -> TraceEvent {
        TraceEvent { at_ns, state, line }
    }

    fn mark(at_ns: u64, lane: usize, kind: MarkKind) -> Mark {
        Mark { at_ns, lane, kind }
    }

    fn lane(name: &str, events: Vec<TraceEvent>) -> LaneLog {
        LaneLog {
            name: name.into(),
            process: 0,
            events,
        }
    }

    fn store_of(log: &TraceLog, origin: u64) -> TraceStore {
        TraceStore::from_log(log, origin, StoreLimits::default())
    }

    fn code(state: ThreadState) -> u8 {
        1 + state_index(state) as u8
    }

    #[test]
    fn a_blocked_span_names_what_it_waits_for() {
        let log = TraceLog {
            lanes: vec![lane(
                "T1",
                vec![
                    event(0, ThreadState::Running, 3),
                    event(50, ThreadState::Blocked, 9),
                ],
            )],
            marks: vec![mark(
                49,
                0,
                MarkKind::WaitsFor {
                    what: "lock_b".into(),
                },
            )],
        };
        let store = store_of(&log, 0);
        let model = TimelineModel::new(&store, 100);
        let running = model.span_at(0, 10).expect("a span at 10 ns");
        assert_eq!(
            (running.state, running.waits_for),
            (ThreadState::Running, None)
        );
        let blocked = model.span_at(0, 80).expect("a span at 80 ns");
        assert_eq!(blocked.state, ThreadState::Blocked);
        assert_eq!(blocked.waits_for, Some("lock_b"));
        assert_eq!(
            (blocked.start_ns, blocked.end_ns, blocked.line),
            (50, 100, 9)
        );
        assert!(!blocked.summarized);
    }

    #[test]
    fn gil_hand_offs_are_counted_and_the_holder_is_known() {
        let log = TraceLog {
            lanes: vec![
                lane("A", vec![event(0, ThreadState::Running, 1)]),
                lane("B", vec![event(0, ThreadState::WaitingForGil, 1)]),
            ],
            marks: vec![
                mark(10, 0, MarkKind::GilTaken),
                mark(20, 0, MarkKind::GilDropped { forced: true }),
                mark(21, 1, MarkKind::GilTaken),
                mark(40, 1, MarkKind::GilDropped { forced: false }),
            ],
        };
        let store = store_of(&log, 0);
        let counters = store.counters();
        assert_eq!((counters.gil_handoffs, counters.gil_forced), (2, 1));
        let model = TimelineModel::new(&store, 50);
        let first = model.gil_at(15);
        assert_eq!(first.holder, Some(0));
        assert_eq!(first.released, Some((20, true)));
        assert_eq!(model.gil_at(30).holder, Some(1));
        assert_eq!(model.gil_at(45).holder, None);
    }

    #[test]
    fn a_pixel_column_shows_the_state_covering_most_of_it() {
        let log = TraceLog {
            lanes: vec![lane(
                "A",
                vec![
                    event(0, ThreadState::Running, 1),
                    event(30, ThreadState::Sleeping, 2),
                    event(100, ThreadState::Done, 2),
                ],
            )],
            marks: Vec::new(),
        };
        let store = store_of(&log, 0);
        let model = TimelineModel::new(&store, 120);
        let mut columns = [0u8; 3];
        let (mut cover, mut labels) = (Vec::new(), Vec::new());
        let done = model.lane_columns(0, 0.0, 50.0, &mut columns, &mut cover, 1e9, &mut labels);
        // 0-50 ns: 30 running, 20 sleeping; 50-100: sleeping; 100-150: ended.
        assert_eq!(
            columns,
            [code(ThreadState::Running), code(ThreadState::Sleeping), 0]
        );
        assert_eq!(done, Some(2.0));
        // Short runs are never summarized: every event is still stored.
        assert_eq!(store.lanes()[0].events().len(), 3);
    }

    #[test]
    fn a_virtual_run_is_drawn_from_its_first_event() {
        // A run on the virtual scheduler: its clock started 1000 ns after the run did
        // (real time spent starting it), then it ran 100 virtual ns.
        let log = TraceLog {
            lanes: vec![
                lane(
                    "MainThread",
                    vec![
                        event(1000, ThreadState::Running, 1),
                        event(1100, ThreadState::Done, 2),
                    ],
                ),
                lane(
                    "T1",
                    vec![
                        event(1050, ThreadState::Running, 4),
                        event(1080, ThreadState::Done, 5),
                    ],
                ),
            ],
            marks: Vec::new(),
        };
        let store = store_of(&log, 0);
        assert_eq!(first_event_ns(&store), Some(1000));
        assert_eq!(first_event_ns(&store_of(&TraceLog::default(), 7)), None);
        let model = TimelineModel::new(&store, 1100).with_origin(1000);
        assert_eq!(model.origin_ns(), 1000);
        // Columns of 25 ns: the first four cover the whole run, edge to edge.
        let mut columns = [0u8; 5];
        let (mut cover, mut labels) = (Vec::new(), Vec::new());
        let done = model.lane_columns(0, 0.0, 25.0, &mut columns, &mut cover, 1e9, &mut labels);
        let running = code(ThreadState::Running);
        assert_eq!(columns, [running, running, running, running, 0]);
        assert_eq!(done, Some(4.0));
        model.lane_columns(1, 0.0, 25.0, &mut columns, &mut cover, 1e9, &mut labels);
        assert_eq!(columns[..3], [0, 0, running]);
        // The span under the pointer is found at the same instants as before.
        let span = model.span_at(1, 1060).map(|s| (s.start_ns, s.end_ns));
        assert_eq!(span, Some((1050, 1080)));
        // An origin outside the store's time is clamped into it.
        assert_eq!(
            TimelineModel::new(&store, 1100)
                .with_origin(5000)
                .origin_ns(),
            1100
        );
    }

    #[test]
    fn the_wait_edges_of_a_deadlock_form_its_cycle() {
        let blocked_from = |at| {
            vec![
                event(0, ThreadState::Running, 1),
                event(at, ThreadState::Blocked, 2),
            ]
        };
        let log = TraceLog {
            lanes: vec![
                lane("MainThread", blocked_from(5)),
                lane("T1", blocked_from(60)),
                lane("T2", blocked_from(90)),
            ],
            marks: vec![
                mark(
                    4,
                    0,
                    MarkKind::WaitsFor {
                        what: "T1 to finish".into(),
                    },
                ),
                mark(
                    10,
                    1,
                    MarkKind::LockOwner {
                        lock: "lock_a".into(),
                    },
                ),
                mark(
                    30,
                    2,
                    MarkKind::LockOwner {
                        lock: "lock_b".into(),
                    },
                ),
                mark(
                    59,
                    1,
                    MarkKind::WaitsFor {
                        what: "lock_b".into(),
                    },
                ),
                mark(
                    89,
                    2,
                    MarkKind::WaitsFor {
                        what: "lock_a".into(),
                    },
                ),
            ],
        };
        let store = store_of(&log, 0);
        let (mut edges, at) = TimelineModel::new(&store, 200).wait_edges();
        edges.sort();
        assert_eq!(at, 90);
        assert_eq!(
            edges,
            vec![
                (0, 1, "T1 to finish".to_string()),
                (1, 2, "lock_b".to_string()),
                (2, 1, "lock_a".to_string()),
            ]
        );
    }

    /// A long two-lane ping-pong summarized into a small store.
    fn summarized_ping_pong() -> (TraceStore, u64) {
        let limits = StoreLimits {
            detail_cap: 2_000,
            summary_buckets: 256,
            ..StoreLimits::default()
        };
        let mut store = TraceStore::with_limits(0, limits);
        store.set_lane_name(0, "A");
        store.set_lane_name(1, "B");
        let mut at = 0;
        for step in 0..100_000u64 {
            let (running, waiting) = if step % 2 == 0 { (0, 1) } else { (1, 0) };
            // A holds most of each round: 900 ns against B's 100.
            let hold = if running == 0 { 900 } else { 100 };
            store.push_event(running, event(at, ThreadState::Running, 5));
            store.push_event(waiting, event(at, ThreadState::WaitingForGil, 5));
            store.push_mark(mark(at, running, MarkKind::GilTaken));
            at += hold;
            store.push_mark(mark(at, running, MarkKind::GilDropped { forced: true }));
            if step % 100 == 0 {
                store.compact_if_needed();
            }
        }
        store.compact_if_needed();
        (store, at)
    }

    #[test]
    fn old_parts_of_a_long_run_read_as_the_summary() {
        let (store, end) = summarized_ping_pong();
        assert!(store.is_summarized());
        let model = TimelineModel::new(&store, end);
        // Early on, lane A ran 90% of the time: the summary says running, and says it
        // is a summary.
        let early = model.span_at(0, 1_000_000).expect("a span");
        assert!(early.summarized);
        assert_eq!(early.state, ThreadState::Running);
        let late = model.span_at(0, end - 50).expect("a span");
        assert!(!late.summarized);
        let hold = model.gil_at(1_000_000);
        assert!(hold.summarized);
        assert_eq!(hold.holder, Some(0));
        assert_eq!(store.counters().gil_handoffs, 100_000);
        // The whole run at 400 columns: every column painted, the GIL lane mostly A's,
        // with forced ticks in the summary too.
        let mut columns = vec![0u8; 400];
        let (mut cover, mut labels) = (Vec::new(), Vec::new());
        let per_column = end as f64 / 400.0;
        model.lane_columns(
            0,
            0.0,
            per_column,
            &mut columns,
            &mut cover,
            1e9,
            &mut labels,
        );
        assert!(columns.iter().all(|c| *c == code(ThreadState::Running)));
        let mut holders = vec![0u16; 400];
        let mut ticks = vec![0u8; 400];
        model.gil_columns(0.0, per_column, &mut holders, &mut ticks);
        assert!(
            holders.iter().filter(|h| **h == 1).count() > 390,
            "{holders:?}"
        );
        // A bucket spans about two columns here: a tick at each bucket's start.
        let summary_columns = (store.boundary_ns() as f64 / per_column) as usize;
        let ticked = ticks[..summary_columns].iter().filter(|t| **t == 2).count();
        assert!(ticked * 3 >= summary_columns, "{ticks:?}");
        // Zoomed into the summary: one bucket spans many columns, and a tick shows at
        // most once per bucket.
        let quantum = store.quantum_ns() as f64;
        let mut ticks = vec![0u8; 1_000];
        let mut holders = vec![0u16; 1_000];
        model.gil_columns(10.0 * quantum, quantum / 100.0, &mut holders, &mut ticks);
        assert_eq!(ticks.iter().filter(|t| **t > 0).count(), 10, "{ticks:?}");
    }
}
