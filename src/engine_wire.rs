//! The messages between the simulated build's engine worker and its page, and their
//! encoding (postcard: compact bytes, sent as a transferred ArrayBuffer, so a report of
//! a busy run costs one copy and no JavaScript object per event).
//!
//! The page sends [`ToWorker::Run`] (or [`ToWorker::Hunt`], answered by
//! [`FromWorker::HuntRun`] per run and [`FromWorker::HuntEnded`]); the worker answers [`FromWorker::Ready`] once its
//! engine is loaded, then for each run [`FromWorker::Started`], a [`Progress`] report
//! every few tens of milliseconds (output, the trace events recorded since the last
//! one, each thread's line) and [`FromWorker::Ended`]; a step-mode replay (the request's
//! `steps`) also sends [`FromWorker::Stepped`], where its threads stood, just before
//! `Ended`. Stopping a run is not a message:
//! the worker runs the program to its end without returning to its event loop, so the
//! page ends it by terminating the worker.
//!
//! Pure data and conversions, tested natively; it must never run anything or know the
//! browser.

use engine::hunt::{Failure, FailureKind, HuntEnd, HuntOptions, HuntReport, WatchGoal};
use engine::local_run::Update;
use engine::program::{OutputPiece, ProgramStatus, Stream};
use engine::stepping::{
    schedule_from_text, schedule_to_text, AfterSteps, SliceRan, StepPlan, StepSnapshot, StepThread,
};
use engine::{GilModel, RunOptions, SchedulerKind};
use serde::{Deserialize, Serialize};
use trace::TraceLog;

/// What the page asks of the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    Run(RunRequest),
    /// The race hunter: the program for seed after seed (`engine::hunt`).
    Hunt(HuntRequest),
}

/// A hunt to run in the worker (`engine::hunt::HuntOptions` as sent).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HuntRequest {
    pub source: String,
    pub filename: String,
    pub gil: Gil,
    pub switch_interval: Option<f64>,
    pub first_seed: u64,
    pub runs: u32,
    pub max_instructions: u64,
    pub max_seconds: f64,
    /// The goal's global and the value it must end at.
    pub watch: Option<(String, f64)>,
    pub clock_base_ms: f64,
}

impl HuntRequest {
    pub fn new(source: String, filename: String, options: &HuntOptions) -> HuntRequest {
        HuntRequest {
            source,
            filename,
            gil: options.gil.into(),
            switch_interval: options.switch_interval,
            first_seed: options.first_seed,
            runs: options.runs,
            max_instructions: options.max_instructions,
            max_seconds: options.max_seconds,
            watch: options
                .watch
                .as_ref()
                .map(|goal| (goal.global.clone(), goal.expected)),
            clock_base_ms: trace::clock::base_ms().unwrap_or(0.0),
        }
    }

    pub fn options(&self) -> HuntOptions {
        HuntOptions {
            gil: self.gil.into(),
            switch_interval: self.switch_interval,
            first_seed: self.first_seed,
            runs: self.runs,
            max_instructions: self.max_instructions,
            max_seconds: self.max_seconds,
            watch: self
                .watch
                .clone()
                .map(|(global, expected)| WatchGoal { global, expected }),
            // The engine worker hunts one run at a time (`engine::hunt::hunt`).
            parallel: 1,
        }
    }
}

/// How a hunt ended, as sent (`engine::hunt::HuntReport`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HuntDone {
    /// 0 held, 1 failed, 2 stopped, 3 over budget, 4 unjudgeable.
    pub end: u8,
    pub run: u32,
    pub seed: u64,
    /// 0 wrong value, 1 exception, 2 deadlock, 3 exit status.
    pub kind: u8,
    pub reason: String,
    pub value: Option<f64>,
    pub runs: u32,
    pub elapsed_ms: f64,
}

impl From<&HuntReport> for HuntDone {
    fn from(report: &HuntReport) -> HuntDone {
        let mut done = HuntDone {
            end: 0,
            run: 0,
            seed: 0,
            kind: 0,
            reason: String::new(),
            value: None,
            runs: report.runs,
            elapsed_ms: report.elapsed_ms,
        };
        match &report.end {
            HuntEnd::Held => {}
            HuntEnd::Failed(failure) => {
                done.end = 1;
                done.run = failure.run;
                done.seed = failure.seed;
                done.kind = match failure.kind {
                    FailureKind::WrongValue => 0,
                    FailureKind::Exception => 1,
                    FailureKind::Deadlock => 2,
                    FailureKind::ExitStatus => 3,
                };
                done.reason = failure.reason.clone();
                done.value = failure.value;
            }
            HuntEnd::Stopped => done.end = 2,
            HuntEnd::OverBudget { run, seed, reason } => {
                done.end = 3;
                (done.run, done.seed, done.reason) = (*run, *seed, reason.clone());
            }
            HuntEnd::Unjudgeable(why) => {
                done.end = 4;
                done.reason = why.clone();
            }
        }
        done
    }
}

impl From<HuntDone> for HuntReport {
    fn from(done: HuntDone) -> HuntReport {
        let end = match done.end {
            1 => HuntEnd::Failed(Failure {
                run: done.run,
                seed: done.seed,
                kind: match done.kind {
                    0 => FailureKind::WrongValue,
                    1 => FailureKind::Exception,
                    2 => FailureKind::Deadlock,
                    _ => FailureKind::ExitStatus,
                },
                reason: done.reason,
                value: done.value,
            }),
            2 => HuntEnd::Stopped,
            3 => HuntEnd::OverBudget {
                run: done.run,
                seed: done.seed,
                reason: done.reason,
            },
            4 => HuntEnd::Unjudgeable(done.reason),
            _ => HuntEnd::Held,
        };
        HuntReport {
            end,
            runs: done.runs,
            elapsed_ms: done.elapsed_ms,
        }
    }
}

/// A program to run and how (always on the virtual scheduler: there is one thread).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunRequest {
    pub source: String,
    pub filename: String,
    pub gil: Gil,
    pub seed: u64,
    /// Seconds; None keeps CPython's 0.005.
    pub switch_interval: Option<f64>,
    pub watch: Vec<String>,
    /// The absolute time (ms) the page's trace clock counts from: the worker adopts it,
    /// so the run's timestamps compare with the page's (`trace::clock::set_base_ms`).
    pub clock_base_ms: f64,
    /// A step-mode replay's plan (None: an ordinary run).
    pub steps: Option<Steps>,
    /// The answers to the program's `input()` calls so far (None: end of input): the
    /// run is a replay that pauses at the first request past them
    /// (`sched::input::Stdin::replaying`).
    pub input: Vec<Option<String>>,
}

/// A step plan as sent: its schedule in `engine::stepping`'s text form (the engine's
/// own types have no wire format).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Steps {
    pub schedule: String,
    pub run_to_end: bool,
}

impl From<&StepPlan> for Steps {
    fn from(plan: &StepPlan) -> Steps {
        Steps {
            schedule: schedule_to_text(&plan.choices),
            run_to_end: plan.then == AfterSteps::RunToEnd,
        }
    }
}

impl Steps {
    /// The plan; a schedule that does not read (only a page of another version could
    /// send one) is an empty one.
    pub fn plan(&self) -> StepPlan {
        StepPlan {
            choices: schedule_from_text(&self.schedule).unwrap_or_default(),
            then: if self.run_to_end {
                AfterSteps::RunToEnd
            } else {
                AfterSteps::Pause
            },
        }
    }
}

/// The GIL model, as sent (the engine's own type has no wire format).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Gil {
    Legacy,
    Modern,
    Free,
}

impl From<GilModel> for Gil {
    fn from(model: GilModel) -> Gil {
        match model {
            GilModel::Legacy => Gil::Legacy,
            GilModel::Modern => Gil::Modern,
            GilModel::Free => Gil::Free,
        }
    }
}

impl From<Gil> for GilModel {
    fn from(gil: Gil) -> GilModel {
        match gil {
            Gil::Legacy => GilModel::Legacy,
            Gil::Modern => GilModel::Modern,
            Gil::Free => GilModel::Free,
        }
    }
}

impl RunRequest {
    /// The request for a run with `options` (its scheduler, trace and stepper are the
    /// worker's business and are not sent).
    pub fn new(source: String, filename: String, options: &RunOptions) -> RunRequest {
        RunRequest {
            source,
            filename,
            gil: options.gil.into(),
            seed: options.seed,
            switch_interval: options.switch_interval,
            watch: options.watch.clone(),
            clock_base_ms: trace::clock::base_ms().unwrap_or(0.0),
            steps: options.steps.as_ref().map(Steps::from),
            input: Vec::new(),
        }
    }

    /// The options the worker runs the program with.
    pub fn options(&self) -> RunOptions {
        RunOptions {
            gil: self.gil.into(),
            scheduler: SchedulerKind::Virtual,
            seed: self.seed,
            watch: self.watch.clone(),
            switch_interval: self.switch_interval,
            steps: self.steps.as_ref().map(Steps::plan),
            ..RunOptions::default()
        }
    }
}

/// What the worker tells the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The engine is loaded: runs may start.
    Ready,
    /// The run began, at this reading of the shared clock (the worker's
    /// `performance.timeOrigin + now()`, comparable with the page's).
    Started {
        started_ns: u64,
    },
    Progress(Progress),
    /// Where a step-mode replay's threads stood when it ended (right before `Ended`).
    Stepped(Snapshot),
    /// The run is over (after its last `Progress`), at this reading of the clock.
    Ended {
        end: End,
        ended_ns: u64,
    },
    /// A hunt began its run `run` (from 1).
    HuntRun {
        run: u32,
    },
    /// A hunt is over.
    HuntEnded(HuntDone),
}

/// A `StepSnapshot` as sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub applied: u32,
    pub refused: Option<String>,
    pub threads: Vec<Thread>,
    pub finished: bool,
    /// The last step's slice, when it was one: (lane, instructions).
    pub last_slice: Option<(u16, u64)>,
}

/// A `StepThread` as sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thread {
    pub lane: u16,
    pub name: String,
    pub line: u32,
    pub can_step: bool,
    pub why_not: Option<String>,
    pub next_instruction: String,
    pub loaded: Vec<String>,
}

impl From<StepSnapshot> for Snapshot {
    fn from(snapshot: StepSnapshot) -> Snapshot {
        Snapshot {
            applied: snapshot.applied as u32,
            refused: snapshot.refused,
            threads: snapshot
                .threads
                .into_iter()
                .map(|thread| Thread {
                    lane: thread.lane,
                    name: thread.name,
                    line: thread.line,
                    can_step: thread.can_step,
                    why_not: thread.why_not,
                    next_instruction: thread.next_instruction,
                    loaded: thread.loaded,
                })
                .collect(),
            finished: snapshot.finished,
            last_slice: snapshot
                .last_slice
                .map(|slice| (slice.lane, slice.instructions)),
        }
    }
}

impl From<Snapshot> for StepSnapshot {
    fn from(snapshot: Snapshot) -> StepSnapshot {
        StepSnapshot {
            applied: snapshot.applied as usize,
            refused: snapshot.refused,
            threads: snapshot
                .threads
                .into_iter()
                .map(|thread| StepThread {
                    lane: thread.lane,
                    name: thread.name,
                    line: thread.line,
                    can_step: thread.can_step,
                    why_not: thread.why_not,
                    next_instruction: thread.next_instruction,
                    loaded: thread.loaded,
                })
                .collect(),
            finished: snapshot.finished,
            last_slice: snapshot
                .last_slice
                .map(|(lane, instructions)| SliceRan { lane, instructions }),
        }
    }
}

/// How a run ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum End {
    Exited(i32),
    Stopped,
    Deadlock,
    /// Paused at an `input()` nobody answered yet: the page runs it again with the
    /// answer.
    NeedsInput(InputWait),
}

/// A thread waiting in `input()`, as sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputWait {
    pub lane: Option<u32>,
    pub prompt: String,
    pub seq: u64,
}

impl From<&engine::InputRequest> for InputWait {
    fn from(request: &engine::InputRequest) -> InputWait {
        InputWait {
            lane: request.lane.and_then(|lane| u32::try_from(lane).ok()),
            prompt: request.prompt.clone(),
            seq: request.seq,
        }
    }
}

impl From<InputWait> for engine::InputRequest {
    fn from(wait: InputWait) -> engine::InputRequest {
        engine::InputRequest {
            thread_id: 0,
            lane: wait.lane.map(|lane| lane as usize),
            prompt: wait.prompt,
            seq: wait.seq,
        }
    }
}

impl From<End> for ProgramStatus {
    fn from(end: End) -> ProgramStatus {
        match end {
            End::Exited(code) => ProgramStatus::Exited(code),
            End::Stopped => ProgramStatus::Stopped,
            End::Deadlock => ProgramStatus::Deadlock,
            End::NeedsInput(_) => ProgramStatus::Running,
        }
    }
}

impl From<&engine::Outcome> for End {
    fn from(outcome: &engine::Outcome) -> End {
        match outcome {
            engine::Outcome::Exited(code) => End::Exited(*code),
            engine::Outcome::Stopped => End::Stopped,
            engine::Outcome::Deadlock(_) => End::Deadlock,
        }
    }
}

/// A report of a running program (an [`Update`] as sent).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub output: Vec<Piece>,
    /// Output lines the run's queue dropped so far (a running total).
    pub dropped_lines: u64,
    pub trace: TraceLog,
    /// The program line each lane's thread is at (0: unknown).
    pub lines: Vec<u32>,
}

/// One piece of output: which stream, the lane of the thread that wrote it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece {
    pub stderr: bool,
    pub lane: Option<u32>,
    pub text: String,
}

impl From<OutputPiece> for Piece {
    fn from(piece: OutputPiece) -> Piece {
        Piece {
            stderr: piece.stream == Stream::Stderr,
            lane: piece.lane.map(|lane| lane as u32),
            text: piece.text,
        }
    }
}

impl From<Piece> for OutputPiece {
    fn from(piece: Piece) -> OutputPiece {
        OutputPiece {
            stream: if piece.stderr {
                Stream::Stderr
            } else {
                Stream::Stdout
            },
            lane: piece.lane.map(|lane| lane as usize),
            text: piece.text,
        }
    }
}

impl From<Update> for Progress {
    fn from(update: Update) -> Progress {
        Progress {
            output: update.output.into_iter().map(Piece::from).collect(),
            dropped_lines: update.dropped_lines,
            trace: update.trace,
            lines: update.lines,
        }
    }
}

/// The bytes of a message.
pub fn encode<T: Serialize>(message: &T) -> Vec<u8> {
    // Serializing these plain types into a growable buffer cannot fail.
    postcard::to_allocvec(message).unwrap_or_default()
}

/// A message from its bytes; an error names what did not decode.
pub fn decode<T: for<'de> Deserialize<'de>>(bytes: &[u8]) -> Result<T, String> {
    postcard::from_bytes(bytes).map_err(|error| format!("a malformed engine message: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::local_run::{run_here, Cadence};
    use std::sync::{Arc, Mutex};
    use trace::store::TraceStore;

    #[test]
    fn a_request_round_trips_and_gives_the_runs_options() {
        let options = RunOptions {
            gil: GilModel::Free,
            scheduler: SchedulerKind::Threads,
            seed: 77,
            switch_interval: Some(0.002),
            watch: vec!["counter".into()],
            ..RunOptions::default()
        };
        let request = RunRequest::new("print(1)".into(), "main.py".into(), &options);
        let message = ToWorker::Run(request.clone());
        let back: ToWorker = decode(&encode(&message)).unwrap();
        assert_eq!(back, message);
        let sent = request.options();
        assert_eq!(sent.gil, GilModel::Free);
        assert_eq!(sent.scheduler, SchedulerKind::Virtual);
        assert_eq!(
            (sent.seed, sent.switch_interval, sent.watch),
            (77, Some(0.002), vec!["counter".to_string()])
        );
    }

    #[test]
    fn a_runs_reports_round_trip_and_rebuild_its_trace() {
        // A real run's reports, encoded and decoded as the page receives them.
        let source = "import threading\nn = 0\ndef f():\n    global n\n    for _ in range(20_000):\n        n += 1\n    print('done', n)\nts = [threading.Thread(target=f) for _ in range(3)]\nfor t in ts: t.start()\nfor t in ts: t.join()\nprint(n)\n";
        let sent = Arc::new(Mutex::new(Vec::new()));
        let kept = sent.clone();
        let request = RunRequest::new(
            source.into(),
            "main.py".into(),
            &RunOptions {
                gil: GilModel::Modern,
                seed: 4,
                watch: vec!["n".into()],
                ..RunOptions::default()
            },
        );
        let outcome = run_here(
            &request.source,
            &request.filename,
            request.options(),
            engine::StopSignal::new(),
            Cadence {
                instructions: 2_000,
                every_ms: 0.0,
            },
            move |update| {
                kept.lock()
                    .unwrap()
                    .push(encode(&FromWorker::Progress(update.into())))
            },
        );
        let end = FromWorker::Ended {
            end: End::from(&outcome),
            ended_ns: 5,
        };
        assert_eq!(decode::<FromWorker>(&encode(&end)).unwrap(), end);
        assert_eq!(
            ProgramStatus::from(End::from(&outcome)),
            ProgramStatus::Exited(0)
        );
        let mut store = TraceStore::new(0);
        let mut text = String::new();
        let reports = sent.lock().unwrap().clone();
        assert!(reports.len() > 3, "{} reports", reports.len());
        for bytes in reports {
            let FromWorker::Progress(progress) = decode(&bytes).unwrap() else {
                panic!("not a progress report");
            };
            for piece in progress.output {
                text.push_str(&OutputPiece::from(piece).text);
            }
            store.ingest_log(progress.trace);
        }
        assert_eq!(text, "done 20000\ndone 40000\ndone 60000\n60000\n");
        assert_eq!(store.lanes().len(), 4);
        assert!(store.lanes().iter().all(|lane| lane.is_done()));
        assert_eq!(store.watched("n"), Some("60000"));
        assert!(store.counters().gil_handoffs > 0);
    }

    #[test]
    fn a_step_replay_sends_its_plan_and_gets_its_snapshot_back() {
        use engine::stepping::{StepChoice, StepUnit};
        let plan = StepPlan {
            choices: vec![
                StepChoice {
                    lane: 0,
                    unit: StepUnit::Line,
                },
                StepChoice {
                    lane: 0,
                    unit: StepUnit::Instruction,
                },
            ],
            then: AfterSteps::Pause,
        };
        let options = RunOptions {
            steps: Some(plan.clone()),
            ..RunOptions::default()
        };
        let request = RunRequest::new("x = 1\ny = x + 1\n".into(), "main.py".into(), &options);
        let back: ToWorker = decode(&encode(&ToWorker::Run(request.clone()))).unwrap();
        assert_eq!(back, ToWorker::Run(request.clone()));
        assert_eq!(request.options().steps, Some(plan));
        let (_, snapshot) = engine::local_run::run_here_stepped(
            &request.source,
            &request.filename,
            request.options(),
            engine::StopSignal::new(),
            Cadence::default(),
            |_| {},
        );
        let snapshot = snapshot.expect("a stepped run has a snapshot");
        assert_eq!(snapshot.applied, 2);
        assert_eq!(snapshot.threads[0].line, 2);
        let message = FromWorker::Stepped(snapshot.clone().into());
        let FromWorker::Stepped(sent) = decode(&encode(&message)).unwrap() else {
            panic!("not a snapshot");
        };
        assert_eq!(StepSnapshot::from(sent), snapshot);
    }

    #[test]
    fn a_hunt_round_trips_its_request_and_its_report() {
        let options = HuntOptions {
            gil: GilModel::Legacy,
            first_seed: 3,
            runs: 20,
            watch: Some(WatchGoal {
                global: "counter".into(),
                expected: 500_000.0,
            }),
            ..HuntOptions::default()
        };
        let message = ToWorker::Hunt(HuntRequest::new("x = 1".into(), "main.py".into(), &options));
        let ToWorker::Hunt(back) = decode::<ToWorker>(&encode(&message)).unwrap() else {
            panic!("not a hunt");
        };
        let sent = back.options();
        assert_eq!(
            (sent.gil, sent.first_seed, sent.runs),
            (GilModel::Legacy, 3, 20)
        );
        assert_eq!(sent.watch, options.watch);
        let source = "import threading\nn = 0\ndef f():\n    global n\n    for _ in range(5_000):\n        n += 1\nts = [threading.Thread(target=f) for _ in range(3)]\nfor t in ts: t.start()\nfor t in ts: t.join()\n";
        let free = HuntOptions {
            gil: GilModel::Free,
            watch: Some(WatchGoal {
                global: "n".into(),
                expected: 15_000.0,
            }),
            ..HuntOptions::default()
        };
        for report in [
            engine::hunt::hunt(source, "main.py", &free, &engine::StopSignal::new(), |_| {}),
            engine::hunt::hunt(
                "assert False",
                "main.py",
                &free,
                &engine::StopSignal::new(),
                |_| {},
            ),
            engine::hunt::hunt("pass", "main.py", &free, &engine::StopSignal::new(), |_| {}),
        ] {
            let done = FromWorker::HuntEnded(HuntDone::from(&report));
            let FromWorker::HuntEnded(back) = decode::<FromWorker>(&encode(&done)).unwrap() else {
                panic!("not a hunt's end");
            };
            assert_eq!(HuntReport::from(back), report);
        }
    }

    #[test]
    fn a_malformed_message_is_an_error_not_a_panic() {
        assert!(decode::<FromWorker>(&[0xff, 0xff, 0xff]).is_err());
        assert!(decode::<ToWorker>(&[]).is_err());
    }
}
