//! The command-line face of threadplay: `threadplay run FILE.py` runs a Python program
//! on the same engine as the page, like `python3 FILE.py`; `threadplay many-threads`
//! runs the platform demo natively. It must never need the web.

use engine::keeper::{lock_store, TraceKeeper};
use engine::many_threads::{ManyThreadsConfig, ManyThreadsRun, RunStatus};
use engine::native_host::NativeHost;
use engine::{GilModel, Outcome, RunOptions, SchedulerKind, StopFlag};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use trace::store::TraceStore;
use trace::TraceLog;

const USAGE: &str = "usage:
  threadplay run [--gil legacy|modern|free] [--scheduler threads|virtual] [--seed N]
                 [--trace OUT] [--watch NAME]... [--no-trace] FILE.py
  threadplay many-threads [THREADS 1..32] [SECONDS]

run           Runs FILE.py like `python3 FILE.py`: the program's output on stdout,
              tracebacks and syntax errors on stderr; exit status 0, 1 on an uncaught
              exception, or the code given to sys.exit().
  --gil       GIL model: legacy (CPython <= 3.9), modern (3.10-3.13, the default),
              free (free-threaded 3.13t). Takes effect with threading support.
  --scheduler threads (one OS thread per Python thread, the default) or virtual
              (every thread on one OS thread, deterministic from --seed, on a
              virtual clock: sleeps take no real time).
  --seed      Seed for the virtual scheduler (default 0).
  --trace OUT Write the trace as Chrome Trace Event JSON to OUT (open it in
              https://ui.perfetto.dev or chrome://tracing): every thread's states with
              their program lines, GIL hand-offs, lock owners, waits, printed lines.
              Memory stays bounded: on a long or busy run the start is a summary
              (the file's metadata says from where and at what resolution).
  --watch NAME  Sample the global NAME into the trace as it changes (a counter
              track); may be repeated.
  --switch-interval SECONDS  The GIL's switch interval at the start (default
              0.005, as CPython; sys.setswitchinterval() still changes it).
  --no-trace  Record nothing (the baseline of scripts/bench-trace).
many-threads  The platform demo: THREADS threads each sleep SECONDS, then bump a
              shared counter.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("many-threads") => run_many_threads(&args[1..]),
        Some("run") => run_file(&args[1..]),
        Some("dis") => disassemble(&args[1..]),
        Some("--help" | "-h") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run_many_threads(args: &[String]) -> ExitCode {
    let threads = match args.first().map(|a| a.parse::<usize>()) {
        None => 8,
        Some(Ok(n)) if (1..=ManyThreadsConfig::MAX_THREADS).contains(&n) => n,
        Some(_) => {
            eprintln!("threadplay: THREADS must be a whole number from 1 to 32");
            return ExitCode::from(2);
        }
    };
    let seconds = match args.get(1).map(|a| a.parse::<f64>()) {
        None => 0.5,
        Some(Ok(s)) if (0.0..=3600.0).contains(&s) => s,
        Some(_) => {
            eprintln!("threadplay: SECONDS must be a number from 0 to 3600");
            return ExitCode::from(2);
        }
    };
    let config = ManyThreadsConfig {
        threads,
        sleep: Duration::from_secs_f64(seconds),
    };
    let run = match ManyThreadsRun::start(config) {
        Ok(run) => run,
        Err(error) => {
            eprintln!("threadplay: {error}");
            return ExitCode::FAILURE;
        }
    };
    let mut lines = Vec::new();
    while run.status() == RunStatus::Running {
        std::thread::sleep(Duration::from_millis(2));
        run.drain_console(&mut lines);
        for line in lines.drain(..) {
            println!("{line}");
        }
    }
    run.drain_console(&mut lines);
    for line in lines.drain(..) {
        println!("{line}");
    }
    let mut log = TraceLog::default();
    run.drain_trace(&mut log);
    println!(
        "counter = {}, elapsed = {:.1} ms, lanes = {}",
        run.counter(),
        run.elapsed_ms(),
        log.lanes.len()
    );
    ExitCode::SUCCESS
}

fn run_file(args: &[String]) -> ExitCode {
    let mut options = RunOptions::default();
    let mut file = None;
    let mut trace_path: Option<String> = None;
    let mut record_trace = true;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = |flag: &str| {
            rest.next()
                .cloned()
                .ok_or_else(|| format!("threadplay: {flag} needs a value"))
        };
        let parsed: Result<(), String> = match arg.as_str() {
            "--gil" => value("--gil").and_then(|v| {
                options.gil = match v.as_str() {
                    "legacy" => GilModel::Legacy,
                    "modern" => GilModel::Modern,
                    "free" => GilModel::Free,
                    other => {
                        return Err(format!(
                            "threadplay: unknown GIL model '{other}' (legacy, modern or free)"
                        ))
                    }
                };
                Ok(())
            }),
            "--scheduler" => value("--scheduler").and_then(|v| {
                options.scheduler = match v.as_str() {
                    "threads" => SchedulerKind::Threads,
                    "virtual" => SchedulerKind::Virtual,
                    other => {
                        return Err(format!(
                            "threadplay: unknown scheduler '{other}' (threads or virtual)"
                        ))
                    }
                };
                Ok(())
            }),
            "--trace" => value("--trace").map(|v| {
                trace_path = Some(v);
            }),
            "--switch-interval" => value("--switch-interval").and_then(|v| {
                match v.parse::<f64>() {
                    Ok(seconds) if seconds > 0.0 && seconds.is_finite() => {
                        options.switch_interval = Some(seconds);
                        Ok(())
                    }
                    _ => Err(format!(
                        "threadplay: --switch-interval needs a positive number of seconds, not '{v}'"
                    )),
                }
            }),
            "--no-trace" => {
                record_trace = false;
                Ok(())
            }
            "--watch" => value("--watch").map(|v| {
                options.watch.push(v);
            }),
            "--seed" => value("--seed").and_then(|v| {
                options.seed = v
                    .parse()
                    .map_err(|_| format!("threadplay: --seed needs a whole number, not '{v}'"))?;
                Ok(())
            }),
            flag if flag.starts_with("--") => Err(format!("threadplay: unknown option '{flag}'")),
            path => {
                if file.is_some() {
                    Err("threadplay: give one FILE.py".to_string())
                } else {
                    file = Some(path.to_string());
                    Ok(())
                }
            }
        };
        if let Err(message) = parsed {
            eprintln!("{message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    let Some(path) = file else {
        eprintln!("threadplay: no FILE.py given\n\n{USAGE}");
        return ExitCode::from(2);
    };
    let source = match std::fs::read_to_string(&path) {
        Ok(source) => source,
        Err(error) => {
            eprintln!("threadplay: can't open file '{path}': {error}");
            return ExitCode::from(2);
        }
    };
    let host = NativeHost::process();
    // With no lanes nothing is recorded: the baseline for the tracing cost.
    let lanes = if record_trace || trace_path.is_some() {
        vm::interp::MAX_TRACED_THREADS
    } else {
        0
    };
    let trace = trace::Trace::new(lanes);
    options.trace = Some(trace.clone());
    let started_ns = trace::clock::now_ns();
    // The keeper drains the lanes into a bounded store as the program runs, so a
    // program that runs for hours keeps a flat memory (the summary covers the start).
    let store = Arc::new(Mutex::new(TraceStore::new(started_ns)));
    let keeper = (lanes > 0).then(|| TraceKeeper::start(trace.clone(), store.clone()));
    let outcome = engine::run_program(&source, &path, host, StopFlag::default(), &options);
    if let Some(keeper) = &keeper {
        keeper.finish();
    }
    if let Some(out) = trace_path {
        let json = trace::chrome::store_to_json(&lock_store(&store), trace::clock::now_ns());
        if let Err(error) = std::fs::write(&out, json) {
            eprintln!("threadplay: can't write the trace to '{out}': {error}");
            return ExitCode::from(2);
        }
    }
    match outcome {
        Outcome::Exited(code) => ExitCode::from(code.clamp(0, 255) as u8),
        Outcome::Stopped => ExitCode::from(130),
        Outcome::Deadlock(_) => ExitCode::FAILURE,
    }
}

/// `threadplay dis FILE.py`: the compiled bytecode, for developing the interpreter.
fn disassemble(args: &[String]) -> ExitCode {
    let Some(path) = args.first() else {
        eprintln!("usage: threadplay dis FILE.py");
        return ExitCode::from(2);
    };
    let Ok(source) = std::fs::read_to_string(path) else {
        eprintln!("threadplay: can't open file '{path}'");
        return ExitCode::from(2);
    };
    match language::compile(&source, path) {
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
