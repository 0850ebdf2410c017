//! What the console and the editor say about a run, worked out from plain data: where
//! each traceback of the run points in the program (one per failing thread, so the
//! editor can mark them all), which thread a stopped run was stopped in and at which
//! line, how wide the console's thread tags must be, and tag colors that stay readable
//! on the console's background. Pure functions, built natively and unit-tested with
//! `cargo test`; the page's console (`ui::console`) renders what they return.
//!
//! It must never touch the DOM or the runtime, and never claim more than the trace
//! shows: a stop is reported only for a run the learner stopped, and the thread named
//! is the one the trace says was running then (or, when none was, the last to run).

use trace::store::TraceStore;
use trace::ThreadState;

use crate::timeline_model::TimelineModel;

/// Where one uncaught exception points in the program: the last frame of the
/// program's own file in its traceback, the exception's line, and the thread that
/// raised it (None: the main thread, whose traceback has no "Exception in thread").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorSpot {
    pub line: u32,
    pub message: String,
    pub thread: Option<String>,
}

/// The header CPython's `threading.excepthook` prints above a thread's traceback.
const THREAD_HEADER: &str = "Exception in thread ";
const TRACEBACK: &str = "Traceback (most recent call last):";
/// Lines that join two tracebacks of one chained exception.
const CHAINED: [&str; 2] = [
    "During handling of the above exception, another exception occurred:",
    "The above exception was the direct cause of the following exception:",
];

/// One error being read: where its traceback last was in the program, and its
/// exception line once seen.
#[derive(Default)]
struct Reading {
    thread: Option<String>,
    line: Option<u32>,
    /// The exception's first line (`ValueError: bad input`), read after the last frame.
    message: Option<String>,
    /// A chained exception's separator was just seen: the next traceback continues this
    /// error instead of starting another.
    chained: bool,
}

/// Every uncaught error in `stderr` (one writer's stderr lines, in order) that points
/// into `filename`, in the order they were printed. A chained exception counts once, at
/// its last traceback (the one the program died of); SyntaxErrors (a `File` line
/// without a traceback) count too.
pub fn error_spots<'a>(
    stderr: impl IntoIterator<Item = &'a str>,
    filename: &str,
) -> Vec<ErrorSpot> {
    let prefix = format!("  File \"{filename}\", line ");
    let mut spots = Vec::new();
    let mut reading: Option<Reading> = None;
    let mut pending_thread: Option<String> = None;
    let finish = |reading: Option<Reading>, spots: &mut Vec<ErrorSpot>| {
        if let Some(Reading {
            thread,
            line: Some(line),
            message,
            ..
        }) = reading
        {
            spots.push(ErrorSpot {
                line,
                message: message.unwrap_or_default(),
                thread,
            });
        }
    };
    for text in stderr {
        if let Some(name) = text
            .strip_prefix(THREAD_HEADER)
            .and_then(|rest| rest.strip_suffix(':'))
        {
            finish(reading.take(), &mut spots);
            pending_thread = Some(name.to_string());
            continue;
        }
        if text == TRACEBACK {
            match &mut reading {
                Some(current) if current.chained => {
                    current.chained = false;
                    current.line = None;
                    current.message = None;
                }
                _ => {
                    finish(reading.take(), &mut spots);
                    reading = Some(Reading {
                        thread: pending_thread.take(),
                        ..Reading::default()
                    });
                }
            }
            continue;
        }
        if CHAINED.contains(&text.trim()) {
            if let Some(current) = &mut reading {
                current.chained = true;
            }
            continue;
        }
        if let Some(rest) = text.strip_prefix(&prefix) {
            let number = rest
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .and_then(|digits| digits.parse().ok());
            if let Some(number) = number {
                let current = reading.get_or_insert_with(|| Reading {
                    thread: pending_thread.take(),
                    ..Reading::default()
                });
                current.line = Some(number);
                current.message = None;
            }
            continue;
        }
        // The exception's line: the first one back at the margin after the last frame
        // (frames, source lines and carets are indented).
        if let Some(current) = &mut reading {
            let at_margin = !text.starts_with(' ') && !text.trim().is_empty();
            if at_margin && current.line.is_some() && current.message.is_none() {
                current.message = Some(text.trim_end().to_string());
            }
        }
    }
    finish(reading, &mut spots);
    spots
}

/// Where a stopped run was when the learner pressed Stop: the thread, its program line
/// and what it was doing, and what the other live threads were doing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StopSpot {
    pub name: String,
    pub line: u32,
    pub state: ThreadState,
    pub waits_for: Option<String>,
    /// How many other threads were alive, by state (in [`ThreadState::ALL`] order).
    pub others: Vec<(ThreadState, usize)>,
}

/// The thread to report for a run stopped at `at_ns` (on the trace's clock): the one
/// running then (the GIL holder where there is a GIL; the main thread first when
/// several ran at once), else the one that ran most recently (the newest span of a live
/// thread), else the main thread. `live_lines[lane]` is the line each thread was at
/// when Stop was pressed (the trace's own line is where its state last changed, which
/// for a thread spinning in a loop is older). None when no thread had started.
pub fn stop_spot(store: &TraceStore, at_ns: u64, live_lines: &[u32]) -> Option<StopSpot> {
    let model = TimelineModel::new(store, at_ns.max(store.last_ns()));
    let lanes = model.lanes();
    let alive: Vec<(usize, crate::timeline_model::SpanInfo)> = (0..lanes.len())
        .filter_map(|lane| model.span_at(lane, at_ns).map(|span| (lane, span)))
        .collect();
    let holder = store
        .gil_seen()
        .then(|| model.gil_at(at_ns).holder)
        .flatten();
    let chosen = alive
        .iter()
        .find(|(lane, span)| Some(*lane) == holder && span.state == ThreadState::Running)
        .or_else(|| {
            alive
                .iter()
                .find(|(_, span)| span.state == ThreadState::Running)
        })
        .or_else(|| {
            alive
                .iter()
                .filter(|(_, span)| span.state != ThreadState::Running)
                .max_by_key(|(lane, span)| (span.start_ns, std::cmp::Reverse(*lane)))
        });
    let live_line = |lane: usize| live_lines.get(lane).copied().unwrap_or(0);
    let Some((lane, span)) = chosen else {
        let main = lanes.first()?;
        return Some(StopSpot {
            name: main.name().to_string(),
            line: live_line(0),
            state: ThreadState::Done,
            waits_for: None,
            others: Vec::new(),
        });
    };
    let mut others = Vec::new();
    for state in ThreadState::ALL {
        let count = alive
            .iter()
            .filter(|(other, span)| other != lane && span.state == state)
            .count();
        if count > 0 {
            others.push((state, count));
        }
    }
    Some(StopSpot {
        name: lanes[*lane].name().to_string(),
        line: match live_line(*lane) {
            0 => span.line,
            line => line,
        },
        state: span.state,
        waits_for: span.waits_for.map(str::to_string),
        others,
    })
}

impl StopSpot {
    /// The console's one line about the stop, e.g. `stopped at line 9 in Thread-2
    /// (work), which was sleeping (2 other threads sleeping)`.
    pub fn sentence(&self) -> String {
        let mut text = if self.line > 0 {
            format!("stopped at line {} in {}", self.line, self.name)
        } else {
            format!(
                "stopped in {}, before its first line of the program",
                self.name
            )
        };
        let doing = match (self.state, &self.waits_for) {
            (ThreadState::Done, _) => None,
            (ThreadState::Blocked, Some(what)) if what == "input" => {
                Some("blocked on input".into())
            }
            (ThreadState::Blocked, Some(what)) => Some(format!("blocked, waiting for {what}")),
            (state, _) => Some(state.label().to_string()),
        };
        if let Some(doing) = doing {
            text.push_str(", which was ");
            text.push_str(&doing);
        }
        if !self.others.is_empty() {
            let parts: Vec<String> = self
                .others
                .iter()
                .map(|(state, count)| format!("{count} {}", state.label()))
                .collect();
            let total: usize = self.others.iter().map(|(_, count)| count).sum();
            let noun = if total == 1 {
                "other thread"
            } else {
                "other threads"
            };
            text.push_str(&format!(" ({noun}: {})", parts.join(", ")));
        }
        text
    }
}

/// The console's background in the light and the dark theme (www/styles.css,
/// `.console pre`): tag colors are checked against both.
pub const CONSOLE_BACKGROUNDS: [&str; 2] = ["#1f2430", "#0d1016"];

/// The contrast WCAG 2.2 AA asks of text this small, with a margin for rounding.
pub const TAG_CONTRAST: f64 = 4.6;

/// `#rrggbb` as (r, g, b); None when it is not that form.
fn rgb(hex: &str) -> Option<[u8; 3]> {
    let hex = hex.strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    let byte = |at: usize| u8::from_str_radix(hex.get(at..at + 2)?, 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// WCAG's relative luminance of an sRGB color.
fn luminance(color: [u8; 3]) -> f64 {
    let linear = |channel: u8| {
        let c = f64::from(channel) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(color[0]) + 0.7152 * linear(color[1]) + 0.0722 * linear(color[2])
}

/// WCAG's contrast ratio of two `#rrggbb` colors (1.0 when either is unreadable).
pub fn contrast(a: &str, b: &str) -> f64 {
    let (Some(a), Some(b)) = (rgb(a), rgb(b)) else {
        return 1.0;
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `color` (`#rrggbb`), mixed with white just enough to reach `ratio` against every one
/// of the (dark) `backgrounds`: the thread keeps its hue, and its console tag stays
/// readable. A color that already reaches it is returned unchanged.
pub fn readable_on(color: &str, backgrounds: &[&str], ratio: f64) -> String {
    let Some(base) = rgb(color) else {
        return "#ffffff".into();
    };
    for step in 0..=100u32 {
        let t = f64::from(step) / 100.0;
        let mixed = base.map(|c| (f64::from(c) + (255.0 - f64::from(c)) * t).round() as u8);
        let hex = format!("#{:02x}{:02x}{:02x}", mixed[0], mixed[1], mixed[2]);
        if backgrounds.iter().all(|bg| contrast(&hex, bg) >= ratio) {
            return hex;
        }
    }
    "#ffffff".into()
}

/// The console's thread tag column, in characters: as wide as the longest of `names`
/// (the threads that printed), at least `MIN_TAG_CHARS` (the CSS caps it).
pub fn tag_chars<'a>(names: impl IntoIterator<Item = &'a str>) -> usize {
    names
        .into_iter()
        .map(|name| name.chars().count())
        .max()
        .unwrap_or(0)
        .max(MIN_TAG_CHARS)
}

/// The narrowest tag column (`MainThread` fits in it).
pub const MIN_TAG_CHARS: usize = 10;

#[cfg(test)]
mod tests {
    use super::*;
    use trace::store::StoreLimits;
    use trace::{LaneLog, Mark, MarkKind, TraceEvent, TraceLog};

    const TWO_THREADS_FAIL: &str = "Exception in thread Thread-2 (work):
Traceback (most recent call last):
  File \"threading.py\", line 1073, in _bootstrap_inner
    self.run()
  File \"threading.py\", line 1010, in run
    self._target(*self._args, **self._kwargs)
  File \"main.py\", line 7, in work
    raise ValueError(f\"bad input {n}\")
ValueError: bad input 1
Exception in thread Thread-3 (work):
Traceback (most recent call last):
  File \"threading.py\", line 1073, in _bootstrap_inner
    self.run()
  File \"main.py\", line 8, in work
    return 10 / (n - 2)
           ~~~^~~~~~~~~
ZeroDivisionError: division by zero";

    #[test]
    fn every_failing_thread_gets_its_spot() {
        let spots = error_spots(TWO_THREADS_FAIL.lines(), "main.py");
        assert_eq!(
            spots,
            [
                ErrorSpot {
                    line: 7,
                    message: "ValueError: bad input 1".into(),
                    thread: Some("Thread-2 (work)".into()),
                },
                ErrorSpot {
                    line: 8,
                    message: "ZeroDivisionError: division by zero".into(),
                    thread: Some("Thread-3 (work)".into()),
                },
            ]
        );
    }

    #[test]
    fn a_main_thread_error_has_no_thread_and_its_innermost_frame_wins() {
        let text = "Traceback (most recent call last):
  File \"main.py\", line 9, in <module>
    main()
  File \"main.py\", line 4, in main
    data[\"missing\"]
    ~~~~^^^^^^^^^^^
KeyError: 'missing'";
        assert_eq!(
            error_spots(text.lines(), "main.py"),
            [ErrorSpot {
                line: 4,
                message: "KeyError: 'missing'".into(),
                thread: None
            }]
        );
        // Another file's frames are not the program's lines.
        assert!(error_spots(text.lines(), "other.py").is_empty());
    }

    #[test]
    fn a_chained_exception_counts_once_at_its_last_traceback() {
        let text = "Exception in thread worker:
Traceback (most recent call last):
  File \"main.py\", line 3, in job
    int(\"x\")
ValueError: invalid literal for int() with base 10: 'x'

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File \"main.py\", line 5, in job
    raise RuntimeError(\"job failed\")
RuntimeError: job failed";
        assert_eq!(
            error_spots(text.lines(), "main.py"),
            [ErrorSpot {
                line: 5,
                message: "RuntimeError: job failed".into(),
                thread: Some("worker".into())
            }]
        );
    }

    #[test]
    fn a_syntax_error_is_a_spot_without_a_traceback() {
        let text =
            "  File \"main.py\", line 2\n    if True\n           ^\nSyntaxError: expected ':'";
        assert_eq!(
            error_spots(text.lines(), "main.py"),
            [ErrorSpot {
                line: 2,
                message: "SyntaxError: expected ':'".into(),
                thread: None
            }]
        );
    }

    fn event(at_ns: u64, state: ThreadState, line: u32) -> TraceEvent {
        TraceEvent { at_ns, state, line }
    }

    fn lane(name: &str, events: Vec<TraceEvent>) -> LaneLog {
        LaneLog {
            name: name.into(),
            process: 0,
            events,
        }
    }

    #[test]
    fn a_stop_names_the_gil_holder_and_what_the_others_did() {
        use ThreadState::*;
        let log = TraceLog {
            lanes: vec![
                lane(
                    "MainThread",
                    vec![event(0, Running, 1), event(10, Blocked, 12)],
                ),
                lane(
                    "Thread-1 (spin)",
                    vec![event(5, Running, 3), event(40, WaitingForGil, 3)],
                ),
                lane(
                    "Thread-2 (spin)",
                    vec![event(6, WaitingForGil, 3), event(40, Running, 4)],
                ),
                lane("Thread-3 (nap)", vec![event(7, Sleeping, 8)]),
            ],
            marks: vec![
                Mark {
                    at_ns: 9,
                    lane: 0,
                    kind: MarkKind::WaitsFor {
                        what: "Thread-1 (spin) to finish".into(),
                    },
                },
                Mark {
                    at_ns: 11,
                    lane: 1,
                    kind: MarkKind::GilTaken,
                },
                Mark {
                    at_ns: 40,
                    lane: 1,
                    kind: MarkKind::GilDropped { forced: true },
                },
                Mark {
                    at_ns: 40,
                    lane: 2,
                    kind: MarkKind::GilTaken,
                },
            ],
        };
        let store = TraceStore::from_log(&log, 0, StoreLimits::default());
        let spot = stop_spot(&store, 50, &[12, 3, 5, 8]).expect("a spot");
        assert_eq!(spot.name, "Thread-2 (spin)");
        // The live line (5) is newer than the span's (4): the thread moved on in a loop.
        assert_eq!((spot.line, spot.state), (5, Running));
        assert_eq!(
            spot.sentence(),
            "stopped at line 5 in Thread-2 (spin), which was running \
             (other threads: 1 waiting for GIL, 1 sleeping, 1 blocked)"
        );
        // Before the hand-off, the other spinner held it.
        let earlier = stop_spot(&store, 20, &[]).expect("a spot");
        assert_eq!(
            (earlier.name.as_str(), earlier.line),
            ("Thread-1 (spin)", 3)
        );
    }

    #[test]
    fn with_nobody_running_the_stop_names_the_last_thread_to_run() {
        use ThreadState::*;
        let log = TraceLog {
            lanes: vec![
                lane(
                    "MainThread",
                    vec![event(0, Running, 1), event(30, Blocked, 20)],
                ),
                lane(
                    "Thread-1 (download)",
                    vec![event(10, Running, 11), event(12, Sleeping, 11)],
                ),
            ],
            marks: vec![Mark {
                at_ns: 29,
                lane: 0,
                kind: MarkKind::WaitsFor {
                    what: "Thread-1 (download) to finish".into(),
                },
            }],
        };
        let store = TraceStore::from_log(&log, 0, StoreLimits::default());
        let spot = stop_spot(&store, 100, &[20, 11]).expect("a spot");
        assert_eq!(
            spot.sentence(),
            "stopped at line 20 in MainThread, which was blocked, waiting for \
             Thread-1 (download) to finish (other thread: 1 sleeping)"
        );
        // A run with no thread started says nothing.
        let empty = TraceStore::from_log(&TraceLog::default(), 0, StoreLimits::default());
        assert_eq!(stop_spot(&empty, 10, &[]), None);
    }

    /// As the page does it: Stop pressed while a spinner holds the GIL and the main
    /// thread waits in `join`; the note is worked out from the store once the run is over.
    #[test]
    fn a_real_stopped_run_names_the_spinning_thread_on_both_schedulers() {
        use engine::program::{ProgramRun, ProgramStatus};
        use engine::{RunOptions, SchedulerKind};
        use std::time::{Duration, Instant};
        const SPINNER: &str = "import threading\n\ndef spin():\n    n = 0\n    while True:\n        n += 1\n\nt = threading.Thread(target=spin, name='spinner')\nt.start()\nt.join()\n";
        for scheduler in [SchedulerKind::Threads, SchedulerKind::Virtual] {
            let options = RunOptions {
                scheduler,
                ..RunOptions::default()
            };
            let run = ProgramRun::start(SPINNER.into(), "main.py".into(), options).expect("starts");
            std::thread::sleep(Duration::from_millis(300));
            let store = run.trace_store();
            let at_ns = if scheduler == SchedulerKind::Virtual {
                store.lock().expect("store").last_ns()
            } else {
                trace::clock::now_ns()
            };
            let lines: Vec<u32> = (0..4).map(|lane| run.current_line(lane)).collect();
            run.stop();
            let started = Instant::now();
            while run.status() == ProgramStatus::Running {
                assert!(started.elapsed() < Duration::from_secs(10), "no stop");
                std::thread::sleep(Duration::from_millis(2));
            }
            let store = store.lock().expect("store");
            let spot = stop_spot(&store, at_ns, &lines).expect("a spot");
            let sentence = spot.sentence();
            assert!(
                sentence.starts_with("stopped at line 5 in spinner, which was running")
                    || sentence.starts_with("stopped at line 6 in spinner, which was running"),
                "{scheduler:?}: {sentence}"
            );
            assert!(
                sentence.ends_with("(other thread: 1 blocked)"),
                "{scheduler:?}: {sentence}"
            );
            // The main thread, stopped in its `join`, ends after the stop on either
            // clock (the virtual scheduler once stamped its end when its wait began).
            let main_end = store.lanes()[0].events().last().expect("main's events");
            assert!(
                main_end.state == ThreadState::Done && main_end.at_ns >= at_ns,
                "{scheduler:?}: main ended at {} ns, the stop was at {at_ns}",
                main_end.at_ns
            );
        }
    }

    #[test]
    fn tag_colors_reach_aa_contrast_on_both_console_backgrounds() {
        // The timeline's lane palette (ui::timeline::LANE_PALETTE), and colors far off it.
        let colors = [
            "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
            "#9c755f", "#bab0ac", "#000000", "#1f2430", "#0000ff", "#ffffff",
        ];
        for color in colors {
            let tag = readable_on(color, &CONSOLE_BACKGROUNDS, TAG_CONTRAST);
            for background in CONSOLE_BACKGROUNDS {
                let ratio = contrast(&tag, background);
                assert!(ratio >= 4.5, "{color} -> {tag}: {ratio:.2} on {background}");
            }
        }
        // A readable color is kept as it is; a dark one is lightened, not replaced.
        assert_eq!(
            readable_on("#f28e2b", &CONSOLE_BACKGROUNDS, TAG_CONTRAST),
            "#f28e2b"
        );
        let blue = readable_on("#4e79a7", &CONSOLE_BACKGROUNDS, TAG_CONTRAST);
        assert_ne!(blue, "#ffffff");
        assert!(contrast("#4e79a7", CONSOLE_BACKGROUNDS[0]) < 4.5);
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
    }

    #[test]
    fn the_tag_column_fits_the_longest_name() {
        assert_eq!(tag_chars(["MainThread", "ThreadPoolExecutor-0_0"]), 22);
        assert_eq!(tag_chars(["T1"]), MIN_TAG_CHARS);
        assert_eq!(tag_chars([]), MIN_TAG_CHARS);
    }
}
