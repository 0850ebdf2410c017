//! What the timeline knows, kept between frames: a copy of every state change and the
//! marks it shows (what each thread waits for, who holds the GIL), taken in
//! incrementally from the drained [`TraceLog`], plus the queries drawing and hovering
//! need (pixel columns, the span under the pointer). Pure data: no web, no drawing, so
//! it builds natively and its unit tests run with `cargo test`.
//! It must never drop or reorder an event: coalescing happens only in the pixel
//! columns it hands to the drawing code, never in what it stores.

use crate::trace::{MarkKind, ThreadState, TraceEvent, TraceLog};

/// One thread's lane: its events in order and what it said it was about to wait for.
#[derive(Default)]
pub struct LaneModel {
    pub name: String,
    pub events: Vec<TraceEvent>,
    /// `WaitsFor` marks of this thread: (time, what), in the order recorded.
    pub waits: Vec<(u64, String)>,
}

/// A GIL mark: `dropped` is `None` when the lane took the GIL, `Some(forced)` when it
/// let it go.
#[derive(Clone, Copy, Debug)]
pub struct GilMark {
    pub at_ns: u64,
    pub lane: usize,
    pub dropped: Option<bool>,
}

/// One stretch of one lane, as the tooltip describes it.
pub struct SpanInfo<'a> {
    pub state: ThreadState,
    pub start_ns: u64,
    pub end_ns: u64,
    pub line: u32,
    /// For a blocked span: what the thread said it was about to wait for.
    pub waits_for: Option<&'a str>,
}

/// Who held the GIL at an instant, as the tooltip describes it.
pub struct GilHold {
    pub holder: Option<usize>,
    pub start_ns: u64,
    /// When and how the holder let go (`None`: still held at the end of the trace).
    pub released: Option<(u64, bool)>,
}

/// A long blocked span worth labelling with what it waits for, in column units.
pub struct BlockedLabel {
    pub lane: usize,
    pub from_column: f64,
    pub to_column: f64,
    pub what: String,
}

#[derive(Default)]
pub struct TimelineModel {
    pub origin_ns: u64,
    pub end_ns: u64,
    pub lanes: Vec<LaneModel>,
    /// GIL marks of every lane, sorted by time (marks of different threads can arrive
    /// slightly out of order, so each is inserted at its place).
    pub gil: Vec<GilMark>,
    pub gil_handoffs: usize,
    pub gil_forced: usize,
    /// State changes taken in so far, over all lanes.
    pub events: usize,
    /// The lane that last became the owner of each named lock.
    pub owners: std::collections::HashMap<String, usize>,
    marks_seen: usize,
}

/// Where a lane's first event at or after `at_ns` is (events are in time order).
fn first_at_or_after(events: &[TraceEvent], at_ns: u64) -> usize {
    events.partition_point(|e| e.at_ns < at_ns)
}

impl TimelineModel {
    /// Takes in what `log` holds beyond what was seen already. A log that is not a
    /// continuation of the one seen (a new run, or a shorter log) starts over.
    pub fn ingest(&mut self, log: &TraceLog, origin_ns: u64, end_ns: u64) {
        let continues = origin_ns == self.origin_ns
            && log.lanes.len() >= self.lanes.len()
            && log.marks.len() >= self.marks_seen
            && self
                .lanes
                .iter()
                .zip(&log.lanes)
                .all(|(seen, lane)| lane.events.len() >= seen.events.len());
        if !continues {
            *self = TimelineModel {
                origin_ns,
                ..TimelineModel::default()
            };
        }
        self.end_ns = end_ns.max(origin_ns);
        while self.lanes.len() < log.lanes.len() {
            self.lanes.push(LaneModel::default());
        }
        for (seen, lane) in self.lanes.iter_mut().zip(&log.lanes) {
            if seen.name != lane.name {
                seen.name.clone_from(&lane.name);
            }
            let fresh = &lane.events[seen.events.len()..];
            self.events += fresh.len();
            seen.events.extend_from_slice(fresh);
        }
        for mark in &log.marks[self.marks_seen..] {
            match &mark.kind {
                MarkKind::WaitsFor { what } => {
                    while self.lanes.len() <= mark.lane {
                        self.lanes.push(LaneModel::default());
                    }
                    self.lanes[mark.lane].waits.push((mark.at_ns, what.clone()));
                }
                MarkKind::LockOwner { lock } => {
                    self.owners.insert(lock.clone(), mark.lane);
                }
                MarkKind::GilTaken => self.insert_gil(GilMark {
                    at_ns: mark.at_ns,
                    lane: mark.lane,
                    dropped: None,
                }),
                MarkKind::GilDropped { forced } => {
                    self.gil_handoffs += 1;
                    self.gil_forced += usize::from(*forced);
                    self.insert_gil(GilMark {
                        at_ns: mark.at_ns,
                        lane: mark.lane,
                        dropped: Some(*forced),
                    });
                }
                _ => {}
            }
        }
        self.marks_seen = log.marks.len();
    }

    /// Who waited for whom when the last thread blocked: (waiting lane, lane it waits
    /// on, what), and that instant. Each edge goes from a thread blocked at that moment
    /// to the thread holding what it waits for (a lock's last owner, or the thread a
    /// `join` waits to finish). When a run ends in a deadlock, these edges are its cycle
    /// (plus whoever waits on it).
    pub fn wait_edges(&self) -> (Vec<(usize, usize, String)>, u64) {
        let Some(at_ns) = self
            .lanes
            .iter()
            .filter_map(|lane| {
                lane.events
                    .iter()
                    .rev()
                    .find(|e| e.state == ThreadState::Blocked)
                    .map(|e| e.at_ns)
            })
            .max()
        else {
            return (Vec::new(), 0);
        };
        let edges = (0..self.lanes.len())
            .filter_map(|index| {
                let span = self.span_at(index, at_ns)?;
                let what = span.waits_for?;
                let target = match what.strip_suffix(" to finish") {
                    Some(thread) => self.lanes.iter().position(|l| l.name == thread),
                    None => self.owners.get(what).copied(),
                }?;
                (target != index).then(|| (index, target, what.to_string()))
            })
            .collect();
        (edges, at_ns)
    }

    /// Inserts keeping time order; marks come nearly sorted, so this is usually a push.
    fn insert_gil(&mut self, mark: GilMark) {
        let mut at = self.gil.len();
        while at > 0 && self.gil[at - 1].at_ns > mark.at_ns {
            at -= 1;
        }
        self.gil.insert(at, mark);
    }

    /// What lane `lane` was doing at `at_ns`, if it had started and not finished.
    pub fn span_at(&self, lane: usize, at_ns: u64) -> Option<SpanInfo<'_>> {
        let model = self.lanes.get(lane)?;
        let after = model.events.partition_point(|e| e.at_ns <= at_ns);
        let index = after.checked_sub(1)?;
        let event = model.events.get(index)?;
        if event.state == ThreadState::Done {
            return None;
        }
        let end_ns = model
            .events
            .get(index + 1)
            .map_or(self.end_ns.max(event.at_ns), |next| next.at_ns);
        Some(SpanInfo {
            state: event.state,
            start_ns: event.at_ns,
            end_ns,
            line: model.line_at(index),
            waits_for: (event.state == ThreadState::Blocked)
                .then(|| model.wait_before(event.at_ns))
                .flatten(),
        })
    }

    /// Who held the GIL at `at_ns`.
    pub fn gil_at(&self, at_ns: u64) -> GilHold {
        let after = self.gil.partition_point(|m| m.at_ns <= at_ns);
        // The holder is whoever took it last, unless that thread let it go since.
        let last = after.checked_sub(1).and_then(|index| self.gil.get(index));
        let holder = last.filter(|m| m.dropped.is_none()).map(|m| m.lane);
        let start_ns = last.map_or(self.origin_ns, |m| m.at_ns);
        let released = holder.and_then(|lane| {
            self.gil[after..]
                .iter()
                .find(|m| m.lane == lane && m.dropped.is_some())
                .map(|m| (m.at_ns, m.dropped.unwrap_or(false)))
        });
        GilHold {
            holder,
            start_ns,
            released,
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
        let model = self.lanes.get(lane)?;
        let view_end_ns = view_start_ns + ns_per_column * count as f64;
        let start_at = view_start_ns.max(0.0) as u64 + self.origin_ns;
        let first = first_at_or_after(&model.events, start_at).saturating_sub(1);
        let mut done_column = None;
        for (index, event) in model.events.iter().enumerate().skip(first) {
            let start = event.at_ns.saturating_sub(self.origin_ns) as f64;
            if start >= view_end_ns {
                break;
            }
            if event.state == ThreadState::Done {
                if start >= view_start_ns {
                    done_column = Some((start - view_start_ns) / ns_per_column);
                }
                break;
            }
            let end = model
                .events
                .get(index + 1)
                .map_or(self.end_ns.max(event.at_ns), |next| next.at_ns)
                .saturating_sub(self.origin_ns) as f64;
            let from = ((start - view_start_ns) / ns_per_column).clamp(0.0, count as f64);
            let to = ((end - view_start_ns) / ns_per_column).clamp(0.0, count as f64);
            if to <= from {
                continue;
            }
            let state = state_index(event.state);
            accumulate(cover, from, to, state);
            if event.state == ThreadState::Blocked && to - from >= label_columns {
                if let Some(what) = model.wait_before(event.at_ns) {
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
    /// `ticks` 1 for a voluntary hand-off in the column, 2 for a forced one.
    pub fn gil_columns(
        &self,
        view_start_ns: f64,
        ns_per_column: f64,
        holders: &mut [u16],
        ticks: &mut [u8],
    ) {
        holders.fill(0);
        ticks.fill(0);
        let count = holders.len();
        let view_end_ns = view_start_ns + ns_per_column * count as f64;
        let start_at = view_start_ns.max(0.0) as u64 + self.origin_ns;
        let mut index = self.gil.partition_point(|m| m.at_ns < start_at);
        // Step back to the last take before the view, so a hold that began earlier shows.
        while index > 0 {
            index -= 1;
            if self.gil[index].dropped.is_none() {
                break;
            }
        }
        // Per column, the holder covering most of it (holds come in time order, so a
        // running best is enough).
        let mut best: Vec<(u16, f64)> = vec![(0, 0.0); count];
        let mut holding: Option<(usize, f64)> = None;
        let column_of =
            |at: u64| (at.saturating_sub(self.origin_ns) as f64 - view_start_ns) / ns_per_column;
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
        for mark in &self.gil[index..] {
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
                    if at >= 0.0 {
                        if let Some(tick) = ticks.get_mut(at as usize) {
                            *tick = (*tick).max(if forced { 2 } else { 1 });
                        }
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

impl LaneModel {
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
    use crate::trace::{LaneLog, Mark};

    fn event(at_ns: u64, state: ThreadState, line: u32) -> TraceEvent {
        TraceEvent { at_ns, state, line }
    }

    fn mark(at_ns: u64, lane: usize, kind: MarkKind) -> Mark {
        Mark { at_ns, lane, kind }
    }

    fn lane(name: &str, events: Vec<TraceEvent>) -> LaneLog {
        LaneLog {
            name: name.into(),
            events,
        }
    }

    #[test]
    fn ingesting_is_incremental_and_keeps_every_event() {
        let mut log = TraceLog {
            lanes: vec![lane(
                "MainThread",
                vec![event(1000, ThreadState::Running, 1)],
            )],
            marks: Vec::new(),
        };
        let mut model = TimelineModel::default();
        model.ingest(&log, 1000, 2000);
        assert_eq!(model.events, 1);
        log.lanes[0]
            .events
            .push(event(1500, ThreadState::Blocked, 4));
        log.lanes
            .push(lane("Thread-1", vec![event(1200, ThreadState::Running, 7)]));
        model.ingest(&log, 1000, 2500);
        assert_eq!(model.events, 3);
        assert_eq!(model.lanes.len(), 2);
        assert_eq!(model.lanes[0].events, log.lanes[0].events);
        assert_eq!(model.lanes[1].name, "Thread-1");
        // A run with another origin starts over instead of appending.
        let next = TraceLog {
            lanes: vec![lane(
                "MainThread",
                vec![event(9000, ThreadState::Running, 1)],
            )],
            marks: Vec::new(),
        };
        model.ingest(&next, 9000, 9500);
        assert_eq!((model.events, model.lanes.len()), (1, 1));
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
        let mut model = TimelineModel::default();
        model.ingest(&log, 0, 100);
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
        let mut model = TimelineModel::default();
        model.ingest(&log, 0, 50);
        assert_eq!((model.gil_handoffs, model.gil_forced), (2, 1));
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
        let mut model = TimelineModel::default();
        model.ingest(&log, 0, 120);
        let mut columns = [0u8; 3];
        let (mut cover, mut labels) = (Vec::new(), Vec::new());
        let done = model.lane_columns(0, 0.0, 50.0, &mut columns, &mut cover, 1e9, &mut labels);
        let code = |state| 1 + state_index(state) as u8;
        // 0-50 ns: 30 running, 20 sleeping; 50-100: sleeping; 100-150: ended.
        assert_eq!(
            columns,
            [code(ThreadState::Running), code(ThreadState::Sleeping), 0]
        );
        assert_eq!(done, Some(2.0));
        // Nothing is lost: every event is still stored.
        assert_eq!(model.lanes[0].events.len(), 3);
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
        let mut model = TimelineModel::default();
        model.ingest(&log, 0, 200);
        let (mut edges, at) = model.wait_edges();
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
}
