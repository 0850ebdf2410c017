//! The command-line face of threadplay: `threadplay run FILE.py` runs a Python program
//! on the same engine as the page, like `python3 FILE.py`; `threadplay dis FILE.py`
//! shows its bytecode; `threadplay step FILE.py --schedule 1L,2I` runs it in step mode
//! (the learner's choice of thread at each step) and prints where every thread stands; `threadplay demos` prints the demo descriptions as JSON (the
//! browser tests read them from there, so the `.demo` format is parsed in one place).
//! It must never need the web, and it keeps a long run's memory flat (the trace goes
//! through a keeper into a bounded store).

use clap::{Args, Parser, Subcommand, ValueEnum};
use engine::keeper::{lock_store, TraceKeeper};
use engine::native_host::NativeHost;
use engine::{GilModel, Outcome, RunOptions, SchedulerKind, StopSignal};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use trace::store::TraceStore;

#[derive(Parser)]
#[command(
    name = "threadplay",
    version,
    about = "Python threads and the GIL on a Rust interpreter: the page's engine on the command line."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Runs FILE.py like `python3 FILE.py`: the program's output on stdout, tracebacks
    /// and syntax errors on stderr; exit status 0, 1 on an uncaught exception, or the
    /// code given to sys.exit().
    Run(RunArgs),
    /// Runs FILE.py in step mode on the virtual scheduler: the threads move as the
    /// schedule says (lane then L for a line, I for an instruction or S for a slice, to
    /// its next switch; lane 0 is the main thread; a bare S lets the scheduler take its
    /// own next slice, so "S,S,S" is the seeded run itself), then the run pauses and prints every thread's state, line, next
    /// instruction and loaded values, after the program's output so far.
    Step(StepArgs),
    /// Prints the bytecode FILE.py compiles to (for developing the interpreter).
    Dis {
        /// The program to compile.
        file: PathBuf,
    },
    /// Prints every demo description (`DIR/*.demo`, checked as the page's build checks
    /// them) as one JSON array, in gallery order.
    Demos {
        /// Where the .demo files are.
        #[arg(long, default_value = "demos")]
        dir: PathBuf,
    },
}

#[derive(Args)]
struct RunArgs {
    /// GIL model: legacy (CPython <= 3.9), modern (3.10-3.13), free (free-threaded
    /// 3.13t).
    #[arg(long, value_enum, default_value_t = Gil::Modern)]
    gil: Gil,
    /// threads (one OS thread per Python thread) or virtual (every thread on one OS
    /// thread, deterministic from --seed, on a virtual clock: sleeps take no real time).
    #[arg(long, value_enum, default_value_t = Scheduler::Threads)]
    scheduler: Scheduler,
    /// Seed for the virtual scheduler.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Write the trace as Chrome Trace Event JSON to OUT (open it in
    /// https://ui.perfetto.dev or chrome://tracing): every thread's states with their
    /// program lines, GIL hand-offs, lock owners, waits, printed lines. Memory stays
    /// bounded: on a long or busy run the start is a summary (the file's metadata says
    /// from where and at what resolution).
    #[arg(long, value_name = "OUT")]
    trace: Option<PathBuf>,
    /// Sample the global NAME into the trace as it changes (a counter track); may be
    /// repeated.
    #[arg(long, value_name = "NAME")]
    watch: Vec<String>,
    /// The GIL's switch interval at the start (default 0.005, as CPython;
    /// sys.setswitchinterval() still changes it).
    #[arg(long, value_name = "SECONDS", value_parser = positive_seconds)]
    switch_interval: Option<f64>,
    /// Record nothing (the baseline of scripts/bench-trace).
    #[arg(long, conflicts_with = "trace")]
    no_trace: bool,
    /// The program to run.
    #[arg(value_name = "FILE.py")]
    file: PathBuf,
}

#[derive(Args)]
struct StepArgs {
    /// The steps, e.g. "0L,0L,1I,2I,S,1S" or "0L0L1I2IS1S" (empty: paused at the start).
    #[arg(long, default_value = "")]
    schedule: String,
    /// GIL model: legacy, modern or free.
    #[arg(long, value_enum, default_value_t = Gil::Modern)]
    gil: Gil,
    /// Seed for the virtual scheduler (its choices after the schedule, its slices).
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// After the schedule: pause there, or run to the end with the scheduler's own
    /// choices.
    #[arg(long, value_enum, default_value_t = Then::Pause)]
    then: Then,
    /// The GIL's switch interval at the start (default 0.005).
    #[arg(long, value_name = "SECONDS", value_parser = positive_seconds)]
    switch_interval: Option<f64>,
    /// The program to run.
    #[arg(value_name = "FILE.py")]
    file: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
enum Then {
    Pause,
    End,
}

#[derive(Clone, Copy, ValueEnum)]
enum Gil {
    Legacy,
    Modern,
    Free,
}

#[derive(Clone, Copy, ValueEnum)]
enum Scheduler {
    Threads,
    Virtual,
}

fn positive_seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(seconds) if seconds > 0.0 && seconds.is_finite() => Ok(seconds),
        _ => Err(format!("needs a positive number of seconds, not '{text}'")),
    }
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Run(args) => run_file(args),
        Command::Step(args) => step_file(args),
        Command::Dis { file } => disassemble(&file),
        Command::Demos { dir } => print_demos(&dir),
    }
}

/// The program at `file` and the path to show for it; on failure, says why as
/// CPython does and gives the exit status to end with.
fn read_program(file: &std::path::Path) -> Result<(String, String), ExitCode> {
    let path = file.display().to_string();
    match std::fs::read_to_string(file) {
        Ok(source) => Ok((path, source)),
        Err(error) => {
            eprintln!("threadplay: can't open file '{path}': {error}");
            Err(ExitCode::from(2))
        }
    }
}

fn run_file(args: RunArgs) -> ExitCode {
    let (path, source) = match read_program(&args.file) {
        Ok(read) => read,
        Err(code) => return code,
    };
    let mut options = RunOptions {
        gil: gil_model(args.gil),
        scheduler: match args.scheduler {
            Scheduler::Threads => SchedulerKind::Threads,
            Scheduler::Virtual => SchedulerKind::Virtual,
        },
        seed: args.seed,
        watch: args.watch,
        switch_interval: args.switch_interval,
        ..RunOptions::default()
    };
    // With no lanes nothing is recorded: the baseline for the tracing cost.
    let lanes = if args.no_trace {
        0
    } else {
        engine::MAX_TRACED_THREADS
    };
    let trace = trace::Trace::new(lanes);
    options.trace = Some(trace.clone());
    let started_ns = trace::clock::now_ns();
    // The keeper drains the lanes into a bounded store as the program runs, so a
    // program that runs for hours keeps a flat memory (the summary covers the start).
    let store = Arc::new(Mutex::new(TraceStore::new(started_ns)));
    let keeper = (lanes > 0).then(|| TraceKeeper::start(trace.clone(), store.clone()));
    // input() reads the process's stdin, a line at a time and only when asked.
    let stdin = Arc::new(engine::Stdin::new());
    match engine::native_host::serve_stdin(
        stdin.clone(),
        Box::new(std::io::BufReader::new(std::io::stdin())),
    ) {
        Ok(_reader) => options.stdin = Some(stdin),
        Err(error) => eprintln!("threadplay: can't read stdin: {error}"),
    }
    let host = NativeHost::process();
    let outcome = engine::run_program(&source, &path, host, StopSignal::new(), &options);
    if let Some(keeper) = &keeper {
        keeper.finish();
    }
    if let Some(out) = args.trace {
        let json = trace::chrome::store_to_json(&lock_store(&store), trace::clock::now_ns());
        if let Err(error) = std::fs::write(&out, json) {
            eprintln!(
                "threadplay: can't write the trace to '{}': {error}",
                out.display()
            );
            return ExitCode::from(2);
        }
    }
    match outcome {
        // As a POSIX process's status: the low 8 bits (`sys.exit(259)` is 3, `-1` is 255).
        Outcome::Exited(code) => ExitCode::from((code & 0xff) as u8),
        Outcome::Stopped => ExitCode::from(130),
        Outcome::Deadlock(_) => ExitCode::FAILURE,
    }
}

/// `threadplay step FILE.py`: a stepped run and where it stopped.
fn step_file(args: StepArgs) -> ExitCode {
    let (path, source) = match read_program(&args.file) {
        Ok(read) => read,
        Err(code) => return code,
    };
    let choices = match engine::schedule_from_text(&args.schedule) {
        Ok(choices) => choices,
        Err(error) => {
            eprintln!("threadplay: bad schedule: {error}");
            return ExitCode::from(2);
        }
    };
    let options = RunOptions {
        gil: gil_model(args.gil),
        scheduler: SchedulerKind::Virtual,
        seed: args.seed,
        switch_interval: args.switch_interval,
        steps: Some(engine::StepPlan {
            choices,
            then: match args.then {
                Then::Pause => engine::AfterSteps::Pause,
                Then::End => engine::AfterSteps::RunToEnd,
            },
        }),
        ..RunOptions::default()
    };
    let host = NativeHost::captured();
    let (outcome, snapshot) = engine::step_here(&source, &path, host.clone(), &options);
    let (stdout, stderr) = host.captured_output();
    println!("--- output so far");
    print!("{stdout}");
    if !stderr.is_empty() {
        println!("--- stderr");
        print!("{stderr}");
    }
    println!("--- {}", step_summary(&snapshot, &outcome));
    for thread in &snapshot.threads {
        let state = match (&thread.why_not, thread.can_step) {
            (_, true) => "can step".to_string(),
            (Some(why), false) => why.clone(),
            (None, false) => "cannot step".to_string(),
        };
        println!(
            "lane {} {:<12} line {:<4} {}",
            thread.lane, thread.name, thread.line, state
        );
        if !thread.next_instruction.is_empty() {
            println!("    next:   {}", thread.next_instruction);
        }
        if !thread.loaded.is_empty() {
            println!("    loaded: [{}]", thread.loaded.join(", "));
        }
    }
    if let Some(slice) = &snapshot.last_slice {
        let name = snapshot
            .threads
            .iter()
            .find(|thread| thread.lane == slice.lane)
            .map_or("?", |thread| thread.name.as_str());
        println!(
            "last step: {name} ran a slice of {} instruction(s)",
            slice.instructions
        );
    }
    if let Some(refused) = &snapshot.refused {
        println!("refused step {}: {refused}", snapshot.applied + 1);
    }
    ExitCode::SUCCESS
}

/// One line on where a stepped run ended.
fn step_summary(snapshot: &engine::StepSnapshot, outcome: &Outcome) -> String {
    let steps = format!("{} step(s) carried out", snapshot.applied);
    match outcome {
        Outcome::Exited(code) if snapshot.finished => {
            format!("{steps}; the program exited ({code})")
        }
        Outcome::Deadlock(_) => format!("{steps}; the program is deadlocked"),
        _ if snapshot.finished => format!("{steps}; the program ended"),
        _ => format!("{steps}; paused"),
    }
}

fn gil_model(gil: Gil) -> GilModel {
    match gil {
        Gil::Legacy => GilModel::Legacy,
        Gil::Modern => GilModel::Modern,
        Gil::Free => GilModel::Free,
    }
}

/// `threadplay dis FILE.py`: the compiled bytecode, for developing the interpreter.
fn disassemble(path: &std::path::Path) -> ExitCode {
    let name = path.display().to_string();
    let Ok(source) = std::fs::read_to_string(path) else {
        eprintln!("threadplay: can't open file '{name}'");
        return ExitCode::from(2);
    };
    match language::compile(&source, &name) {
        Ok(code) => {
            print!("{}", bytecode::disassemble(&code));
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

/// A demo's `conclusion` lines for the browser tests: each question with its lines,
/// and the runs to check (the program as it is, then with each set of settings the
/// conditions name), each with the line every question must conclude in it per
/// `model/scheduler` (left out where any line of the question is honest).
fn conclusions_json(
    conclusions: &[demos::conclusions::Conclusion],
    program: &str,
) -> serde_json::Value {
    use demos::conclusions::{self, MODELS, SCHEDULERS};
    if conclusions.is_empty() {
        return serde_json::Value::Null;
    }
    let questions: serde_json::Map<String, serde_json::Value> = conclusions::questions(conclusions)
        .into_iter()
        .map(|question| {
            let lines: Vec<&str> = conclusions
                .iter()
                .filter(|c| c.question == question)
                .map(|c| c.line.as_str())
                .collect();
            (question.to_string(), serde_json::json!(lines))
        })
        .collect();
    let runs: Vec<serde_json::Value> = conclusions::variant_settings(program, conclusions)
        .into_iter()
        .map(|settings| {
            let text =
                conclusions::apply(program, &settings).unwrap_or_else(|| program.to_string());
            let mut required = serde_json::Map::new();
            for model in MODELS {
                for scheduler in SCHEDULERS {
                    let lines: serde_json::Map<String, serde_json::Value> =
                        conclusions::questions(conclusions)
                            .into_iter()
                            .filter_map(|question| {
                                conclusions::required_line(
                                    conclusions,
                                    question,
                                    model,
                                    scheduler,
                                    &text,
                                )
                                .map(|line| (question.to_string(), serde_json::json!(line)))
                            })
                            .collect();
                    required.insert(format!("{model}/{scheduler}"), lines.into());
                }
            }
            serde_json::json!({ "settings": settings, "required": required })
        })
        .collect();
    serde_json::json!({ "questions": questions, "runs": runs })
}

/// `threadplay demos`: every description as JSON, with its program's text and its
/// conclusions.
fn print_demos(dir: &std::path::Path) -> ExitCode {
    match demos::format::read_dir(dir) {
        Ok(descriptions) => {
            let json: Vec<serde_json::Value> = descriptions
                .iter()
                .map(|description| {
                    let program =
                        std::fs::read_to_string(description.program_path()).unwrap_or_default();
                    let (expect, any_order) = description.expected_lines();
                    let threads: Option<u32> =
                        description.one("threads").and_then(|n| n.parse().ok());
                    let conclusions = conclusions_json(&description.conclusions(), &program);
                    serde_json::json!({
                        "slug": description.one("slug"),
                        "order": description.order,
                        "threads": threads,
                        "expect": expect,
                        "expect_any_order": any_order,
                        "status": description.end_status(),
                        "keys": description.keys,
                        "conclusions": conclusions,
                        "program": program,
                    })
                })
                .collect();
            let text = serde_json::to_string_pretty(&json).expect("plain data serializes");
            // A closed pipe (`threadplay demos | head`) is not an error worth a panic.
            let mut out = std::io::stdout().lock();
            match writeln!(out, "{text}") {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("threadplay: {error}");
                    ExitCode::FAILURE
                }
            }
        }
        Err(error) => {
            eprintln!("threadplay: {error}");
            ExitCode::FAILURE
        }
    }
}
