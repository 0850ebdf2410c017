//! The command-line face of threadplay. Until the interpreter lands it runs the platform
//! demo natively: `threadplay many-threads [N] [SECONDS]`. It must never need the web.

use std::process::ExitCode;
use std::time::Duration;
use threadplay::runtime::many_threads::{ManyThreadsConfig, ManyThreadsRun, RunStatus};
use threadplay::trace::TraceLog;

const USAGE: &str = "usage: threadplay many-threads [THREADS 1..32] [SECONDS]

Runs the platform demo natively: THREADS threads each sleep SECONDS, then bump a
shared counter. Prints each thread's line, the counter and the elapsed time.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("many-threads") => run_many_threads(&args[1..]),
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
