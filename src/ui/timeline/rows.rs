//! Where each row of the timeline goes. Each process of the run is a group: its thread
//! lanes, then its own GIL lane right under them (a process has its own GIL); the main
//! process comes first, then each child in the order its first thread appeared. A run
//! without child processes is laid out as before: the lanes, then the one GIL lane.
//!
//! Geometry only: it reads the store's lane list and GIL lanes, draws nothing, and
//! never holds more than a row per lane plus a row per process.

use super::{GIL_GAP, LANE_GAP, LANE_HEIGHT, TOP_PAD};
use trace::store::TraceStore;

/// A process's GIL lane as drawn.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct GilRow {
    pub(crate) top: f64,
    /// The process ([`trace::store::StoreLane::process`]; 0: the main one).
    pub(crate) process: u64,
    /// "GIL", or "GIL · Process-1" for a child.
    pub(crate) label: String,
}

/// The rows of one drawing, in CSS px.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Rows {
    /// Top of each thread lane, by lane index.
    pub(crate) lane_top: Vec<f64>,
    /// One per process when the GIL lane is shown, the main process's first.
    pub(crate) gils: Vec<GilRow>,
    /// Where the rows end (the time axis goes there).
    pub(crate) bottom: f64,
}

const ROW: f64 = LANE_HEIGHT + LANE_GAP;

impl Rows {
    /// The rows for `store`'s lanes; `gil_lane`: a GIL lane per process.
    pub(crate) fn of(store: &TraceStore, gil_lane: bool) -> Rows {
        let lanes = store.lanes();
        // Processes in the order their first lane appeared (lane 0 is the main thread).
        let mut processes: Vec<u64> = vec![0];
        for lane in lanes {
            if !processes.contains(&lane.process()) {
                processes.push(lane.process());
            }
        }
        let mut rows = Rows {
            lane_top: vec![0.0; lanes.len()],
            gils: Vec::new(),
            bottom: 0.0,
        };
        let mut y = TOP_PAD;
        for (group, process) in processes.iter().enumerate() {
            if group > 0 {
                // A little air between one process's GIL lane and the next group.
                y += GIL_GAP;
            }
            let before = y;
            for (index, lane) in lanes.iter().enumerate() {
                if lane.process() == *process {
                    rows.lane_top[index] = y;
                    y += ROW;
                }
            }
            if y == before {
                // The main process before its first thread shows: room for one lane.
                y += ROW;
            }
            if gil_lane {
                y += GIL_GAP;
                let label = match store.process_name(*process) {
                    Some(name) => format!("GIL \u{b7} {name}"),
                    None => "GIL".to_string(),
                };
                rows.gils.push(GilRow {
                    top: y,
                    process: *process,
                    label,
                });
                y += ROW;
            }
        }
        rows.bottom = y;
        rows
    }

    /// The thread lane under `y`, if any.
    pub(crate) fn lane_at(&self, y: f64) -> Option<usize> {
        self.lane_top
            .iter()
            .position(|top| (*top..*top + LANE_HEIGHT).contains(&y))
    }

    /// The GIL lane under `y`, if any.
    pub(crate) fn gil_at(&self, y: f64) -> Option<&GilRow> {
        self.gils
            .iter()
            .find(|row| (row.top..row.top + LANE_HEIGHT).contains(&y))
    }
}
