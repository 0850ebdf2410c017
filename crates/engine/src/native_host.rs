//! The VM's host outside the browser: stdout/stderr of the process, the OS clocks, and
//! std threads for Python threads (sleeps are the VM's own, on the run's stop signal),
//! and a reader that answers a run's `input()` from a stream, one line per request.
//! Used by the command-line runner and the tests; never compiled into the page.

use sched::input::Stdin;
use std::io::{BufRead, Write};
use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime, UNIX_EPOCH};
use vm::Host;

/// Where program output goes.
pub enum Output {
    /// The process's own stdout and stderr.
    Process,
    /// Captured in memory (tests).
    Captured {
        stdout: Mutex<String>,
        stderr: Mutex<String>,
    },
}

pub struct NativeHost {
    output: Output,
    started: Instant,
}

impl NativeHost {
    pub fn process() -> Arc<NativeHost> {
        Arc::new(NativeHost {
            output: Output::Process,
            started: Instant::now(),
        })
    }

    pub fn captured() -> Arc<NativeHost> {
        Arc::new(NativeHost {
            output: Output::Captured {
                stdout: Mutex::new(String::new()),
                stderr: Mutex::new(String::new()),
            },
            started: Instant::now(),
        })
    }

    /// (stdout, stderr) captured so far; empty for process output.
    pub fn captured_output(&self) -> (String, String) {
        match &self.output {
            Output::Process => (String::new(), String::new()),
            Output::Captured { stdout, stderr } => (
                vm::value::lock(stdout).clone(),
                vm::value::lock(stderr).clone(),
            ),
        }
    }
}

impl Host for NativeHost {
    fn write_stdout(&self, text: &str) {
        match &self.output {
            Output::Process => {
                let mut out = std::io::stdout().lock();
                let _ = out.write_all(text.as_bytes());
                let _ = out.flush();
            }
            Output::Captured { stdout, .. } => vm::value::lock(stdout).push_str(text),
        }
    }

    fn write_stderr(&self, text: &str) {
        match &self.output {
            Output::Process => {
                let _ = std::io::stdout().lock().flush();
                let _ = std::io::stderr().lock().write_all(text.as_bytes());
            }
            Output::Captured { stderr, .. } => vm::value::lock(stderr).push_str(text),
        }
    }

    fn monotonic(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }

    fn wall_clock(&self) -> f64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0)
    }

    fn spawn_thread(&self, name: &str, task: Box<dyn FnOnce() + Send>) -> Result<(), String> {
        crate::threads::spawn(name.to_string(), task).map_err(|e| e.to_string())
    }
}

/// Runs `source` to the end on a captured host with a fresh stop signal: the outcome,
/// then what it printed on stdout and on stderr (the tests' way to run a program).
pub fn run_captured(
    source: &str,
    filename: &str,
    options: &crate::RunOptions,
) -> (crate::Outcome, String, String) {
    let host = NativeHost::captured();
    let outcome = crate::run_program(
        source,
        filename,
        host.clone(),
        sched::stop::StopSignal::new(),
        options,
    );
    let (stdout, stderr) = host.captured_output();
    (outcome, stdout, stderr)
}

/// Answers `stdin`'s requests from `reader` on a thread of its own: one line per
/// request, read only when a thread waits in `input()` (as CPython reads stdin only
/// there), without its `\n` (a `\r` before it stays, as in CPython); end of the stream, or a read error,
/// is end of input for that request (a terminal's Ctrl+D; the next request reads
/// again). The thread leaves when the run is over (`Stdin::finish`) or, natively, with
/// the process if it is blocked in a read then.
pub fn serve_stdin(
    stdin: Arc<Stdin>,
    mut reader: Box<dyn BufRead + Send>,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name("stdin".into())
        .spawn(move || {
            let mut bytes = Vec::new();
            while stdin.wait_for_demand() {
                bytes.clear();
                match reader.read_until(b'\n', &mut bytes) {
                    Ok(0) | Err(_) => stdin.end_of_input(),
                    Ok(_) => {
                        // Only the newline, as CPython's input() on a pipe: a `\r`
                        // before it stays.
                        if bytes.ends_with(b"\n") {
                            bytes.pop();
                        }
                        stdin.answer(String::from_utf8_lossy(&bytes).into_owned());
                    }
                }
            }
        })
}

/// [`run_captured`], with `input` as the program's standard input.
pub fn run_captured_with_input(
    source: &str,
    filename: &str,
    options: &crate::RunOptions,
    input: &str,
) -> (crate::Outcome, String, String) {
    let stdin = Arc::new(Stdin::new());
    let reader = serve_stdin(
        stdin.clone(),
        Box::new(std::io::Cursor::new(input.as_bytes().to_vec())),
    )
    .expect("a thread for stdin");
    let options = crate::RunOptions {
        stdin: Some(stdin),
        ..options.clone()
    };
    let result = run_captured(source, filename, &options);
    let _ = reader.join();
    result
}
