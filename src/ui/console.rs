//! The console of a demo page: what the program printed, line by line, each line tagged
//! with the thread that printed it and colored like that thread's timeline lane;
//! tracebacks and other stderr text in the error color. Capped: it keeps the last
//! [`CONSOLE_KEEP`] lines (at most [`CONSOLE_KEEP_BYTES`] of text, a line longer than
//! [`LINE_BYTES`] continuing on the next) and counts the rest, including what the run's
//! output queue dropped before the page took it, so a program printing forever never
//! slows the page. It only renders what the runtime published; it never waits on it.

use super::timeline::lane_color;
use engine::program::{OutputPiece, Stream};
use std::collections::VecDeque;
use yew::prelude::*;

/// Lines kept; older ones are dropped and counted.
pub const CONSOLE_KEEP: usize = 2000;
/// Text kept over all lines; older lines are dropped and counted past it.
pub const CONSOLE_KEEP_BYTES: usize = 1 << 20;
/// A line grows to this many bytes, then continues on a new line (a program printing
/// without newlines must not build one endless line).
pub const LINE_BYTES: usize = 16 << 10;

/// One console line (without its newline) and who wrote it.
#[derive(Clone, Debug, PartialEq)]
pub struct ConsoleLine {
    /// The trace lane of the thread that wrote it (None: the run itself, e.g. a
    /// SyntaxError or a deadlock report).
    pub lane: Option<usize>,
    pub stream: Stream,
    pub text: String,
    /// No newline yet: the next piece of the same thread and stream continues it.
    open: bool,
}

/// The kept lines plus how many were dropped from the front.
#[derive(Default)]
pub struct ConsoleBuffer {
    pub lines: VecDeque<ConsoleLine>,
    pub dropped: usize,
    /// Bytes of text in `lines`.
    bytes: usize,
}

impl ConsoleBuffer {
    /// Appends a piece of output: text up to each newline goes to its own line; a piece
    /// without a newline continues the same thread's open line.
    pub fn push(&mut self, piece: OutputPiece) {
        let mut parts = piece.text.split('\n').peekable();
        while let Some(part) = parts.next() {
            let ends_line = parts.peek().is_some();
            if !ends_line && part.is_empty() {
                break;
            }
            self.bytes += part.len();
            match self.lines.back_mut() {
                Some(last)
                    if last.open
                        && last.lane == piece.lane
                        && last.stream == piece.stream
                        && last.text.len() < LINE_BYTES =>
                {
                    last.text.push_str(part);
                    last.open = !ends_line;
                }
                _ => self.lines.push_back(ConsoleLine {
                    lane: piece.lane,
                    stream: piece.stream,
                    text: part.to_string(),
                    open: !ends_line,
                }),
            }
        }
        while self.lines.len() > CONSOLE_KEEP
            || (self.bytes > CONSOLE_KEEP_BYTES && self.lines.len() > 1)
        {
            if let Some(line) = self.lines.pop_front() {
                self.bytes -= line.text.len();
            }
            self.dropped += 1;
        }
    }

    /// Appends pieces in order, skipping (and counting) those the cap would drop at once:
    /// a program printing a million lines between two frames costs the page only the
    /// last [`CONSOLE_KEEP`].
    pub fn push_all(&mut self, pieces: Vec<OutputPiece>) {
        let mut lines = 0;
        let mut first = pieces.len();
        while first > 0 && lines <= CONSOLE_KEEP {
            first -= 1;
            lines += pieces[first].text.matches('\n').count();
        }
        if first > 0 {
            for piece in &pieces[..first] {
                self.dropped += piece.text.matches('\n').count();
            }
            // What follows the skipped pieces must not continue a line begun before them.
            if let Some(last) = self.lines.back_mut() {
                last.open = false;
            }
        }
        for piece in pieces.into_iter().skip(first) {
            self.push(piece);
        }
    }

    /// Counts `lines` dropped before they reached the console (the run's output queue
    /// drops its oldest pieces when the page does not take them in time).
    pub fn count_dropped(&mut self, lines: u64) {
        self.dropped += usize::try_from(lines).unwrap_or(usize::MAX);
    }

    /// The run's deadlock report (the stderr line starting `Deadlock:`), if any.
    pub fn deadlock_report(&self) -> Option<&str> {
        self.lines
            .iter()
            .rev()
            .filter(|line| line.stream == Stream::Stderr)
            .map(|line| line.text.as_str())
            .find(|text| text.starts_with("Deadlock: "))
    }

    /// The last line of stderr that says where an uncaught error happened in the
    /// program (`File "main.py", line N`) and the error's own last line, if any.
    pub fn error_spot(&self, filename: &str) -> Option<(u32, String)> {
        let prefix = format!("  File \"{filename}\", line ");
        let stderr: Vec<&ConsoleLine> = self
            .lines
            .iter()
            .filter(|line| line.stream == Stream::Stderr)
            .collect();
        let at = stderr
            .iter()
            .rposition(|line| line.text.starts_with(&prefix))?;
        let number: u32 = stderr[at].text[prefix.len()..]
            .split(|c: char| !c.is_ascii_digit())
            .next()?
            .parse()
            .ok()?;
        let message = stderr[at..]
            .iter()
            .rev()
            .map(|line| line.text.trim())
            .find(|text| !text.is_empty() && !text.starts_with('^') && !text.starts_with('~'))
            .unwrap_or_default()
            .to_string();
        Some((number, message))
    }
}

/// The console panel. Thread tags are CSS-generated (`data-thread`), so the console's
/// text stays exactly what the program printed. A plain function rather than a
/// component: the page re-renders every frame while running, and comparing 2000-line
/// props each time would cost more than it saves.
pub fn view(buffer: &ConsoleBuffer, thread_names: &[String]) -> Html {
    html! {
        <>
            if buffer.dropped > 0 {
                <p class="console-dropped" data-testid="console-dropped">
                    { format!("\u{2026} {} earlier lines not shown (the console keeps the last {CONSOLE_KEEP})", buffer.dropped) }
                </p>
            }
            <pre data-testid="console" tabindex="0" role="region" aria-label="Program output">
                { for buffer.lines.iter().map(|line| {
                    let name = line.lane.and_then(|lane| thread_names.get(lane)).cloned();
                    let style = line.lane.map(|lane| format!("--who:{}", lane_color(lane)));
                    html! {
                        <span class={classes!("line", (line.stream == Stream::Stderr).then_some("stderr"))}
                              title={name.clone()} data-thread={name} style={style}>
                            { &line.text }{ "\n" }
                        </span>
                    }
                }) }
            </pre>
        </>
    }
}
