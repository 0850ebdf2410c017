//! The console of a demo page: what the program printed, line by line, each line tagged
//! with the thread that printed it and colored like that thread's timeline lane;
//! tracebacks and other stderr text in the error color. Capped: it keeps the last
//! [`CONSOLE_KEEP`] lines (at most [`CONSOLE_KEEP_BYTES`] of text, a line longer than
//! [`LINE_BYTES`] continuing on the next) and counts the rest, including what the run's
//! output queue dropped before the page took it, so a program printing forever never
//! slows the page. It only renders what the runtime published; it never waits on it.
//!
//! Thread tags are as wide as the longest name of a thread that printed (capped by the
//! CSS; a cut name shows in full on hover, on a tap of its line and while the console
//! has the keyboard focus), in the thread's color lightened until it reads at 4.5:1 on
//! the console's background. The console follows new output unless the learner
//! scrolled up (scrolling back down follows again). After Stop it says in one line
//! where the run was stopped; it finds every traceback of the run (one per failing
//! thread) for the editor to mark. The analysis is `crate::console_model` (pure,
//! unit-tested); this file renders and never blocks.

use super::console_input::{self, Answers, InputField, Waiting};
use super::editor::EditorError;
use super::run_backend::Run;
use super::timeline::lane_color;
use crate::console_model::{self, CONSOLE_BACKGROUNDS, TAG_CONTRAST};
use engine::program::{OutputPiece, Stream};
use std::collections::VecDeque;
use trace::store::TraceStore;
use wasm_bindgen::JsCast;
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
pub struct ConsoleBuffer {
    pub lines: VecDeque<ConsoleLine>,
    pub dropped: usize,
    /// Bytes of text in `lines`.
    bytes: usize,
    /// Which buffer this is (each run starts a new one): the view follows a new run's
    /// output again even if the learner scrolled up in the last one.
    epoch: u64,
    /// Bumped by every change: the view follows the end when it moves.
    version: u64,
    /// The lanes of the threads that printed so far (sorted), for the tag width.
    printers: Vec<usize>,
    /// Where the learner's Stop found the run.
    stop: StopNote,
}

impl Default for ConsoleBuffer {
    fn default() -> ConsoleBuffer {
        thread_local! {
            static EPOCHS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
        }
        ConsoleBuffer {
            lines: VecDeque::new(),
            dropped: 0,
            bytes: 0,
            epoch: EPOCHS.with(|epochs| {
                epochs.set(epochs.get() + 1);
                epochs.get()
            }),
            version: 0,
            printers: Vec::new(),
            stop: StopNote::default(),
        }
    }
}

/// Lanes whose current line is read when Stop is pressed (the engine gives the first
/// 64 threads of a run a lane).
const TRACED_LANES: usize = 64;

/// The console's line about a stop: what the run looked like when Stop was pressed,
/// turned into a sentence once the run has stopped (and only if it did).
#[derive(Default)]
struct StopNote {
    /// When Stop was pressed (on the trace's clock) and each lane's line then.
    asked: Option<(u64, Vec<u32>)>,
    text: Option<String>,
}

impl ConsoleBuffer {
    /// Notes that the learner pressed Stop at `at_ns` on the trace's clock (the wall
    /// clock, or on the virtual scheduler the trace's latest time), with the line each
    /// thread is at now. Never blocks.
    pub fn stop_pressed(&mut self, run: &Run, at_ns: u64) {
        if self.stop.asked.is_none() {
            let lines = (0..TRACED_LANES)
                .map(|lane| run.current_line(lane))
                .collect();
            self.stop.asked = Some((at_ns, lines));
        }
    }

    /// Once the run has stopped (`store` holds its whole trace): works out the stop's
    /// line. Nothing when Stop was not pressed or the run ended otherwise.
    pub fn run_stopped(&mut self, store: &TraceStore) {
        if self.stop.text.is_some() {
            return;
        }
        if let Some((at_ns, lines)) = &self.stop.asked {
            self.stop.text = Some(console_model::stop_spot(store, *at_ns, lines).map_or_else(
                || "stopped before any thread started".into(),
                |spot| spot.sentence(),
            ));
            self.version += 1;
        }
    }

    /// Appends a piece of output: text up to each newline goes to its own line; a piece
    /// without a newline continues the same thread's open line.
    pub fn push(&mut self, piece: OutputPiece) {
        self.version += 1;
        if let Some(lane) = piece.lane {
            if let Err(at) = self.printers.binary_search(&lane) {
                self.printers.insert(at, lane);
            }
        }
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
        if lines > 0 {
            self.version += 1;
        }
        self.dropped += usize::try_from(lines).unwrap_or(usize::MAX);
    }

    /// The run's deadlock report (the stderr line starting `Deadlock:`), if any.
    /// The console's text as shown (without the thread tags): each kept line, then the
    /// note about a stop.
    pub fn text(&self) -> String {
        let mut text = String::with_capacity(self.bytes + self.lines.len());
        for line in &self.lines {
            text.push_str(&line.text);
            text.push('\n');
        }
        if let Some(note) = &self.stop.text {
            text.push_str(note);
            text.push('\n');
        }
        text
    }

    pub fn deadlock_report(&self) -> Option<&str> {
        self.lines
            .iter()
            .rev()
            .filter(|line| line.stream == Stream::Stderr)
            .map(|line| line.text.as_str())
            .find(|text| text.starts_with("Deadlock: "))
    }

    /// Every uncaught error of the run that points into `filename`, as the editor
    /// marks them: one per line of the program (in line order), naming the threads
    /// that raised there.
    /// Each thread's stderr is read on its own, so tracebacks of threads failing at
    /// the same time cannot mix.
    pub fn editor_errors(&self, filename: &str) -> Vec<EditorError> {
        let mut writers: Vec<Option<usize>> = Vec::new();
        for line in self
            .lines
            .iter()
            .filter(|line| line.stream == Stream::Stderr)
        {
            if !writers.contains(&line.lane) {
                writers.push(line.lane);
            }
        }
        let mut marks: Vec<(EditorError, Vec<String>)> = Vec::new();
        for writer in writers {
            let text = self
                .lines
                .iter()
                .filter(|line| line.stream == Stream::Stderr && line.lane == writer)
                .map(|line| line.text.as_str());
            for spot in console_model::error_spots(text, filename) {
                match marks.iter_mut().find(|(mark, _)| mark.line == spot.line) {
                    Some((_, threads)) => threads.extend(spot.thread),
                    None => marks.push((
                        EditorError {
                            line: spot.line,
                            start_col: 0,
                            end_col: 0,
                            message: spot.message,
                        },
                        spot.thread.into_iter().collect(),
                    )),
                }
            }
        }
        marks.sort_by_key(|(mark, _)| mark.line);
        marks
            .into_iter()
            .map(|(mut mark, threads)| {
                match threads.as_slice() {
                    [] => {}
                    [one] => mark.message.push_str(&format!(" (in {one})")),
                    [first, rest @ ..] => mark.message.push_str(&format!(
                        " (in {first} and {} other thread{})",
                        rest.len(),
                        if rest.len() == 1 { "" } else { "s" }
                    )),
                }
                mark
            })
            .collect()
    }
}

/// The tag color of lane `lane`: its identity color, lightened where needed to reach
/// AA contrast on the console (computed once per palette entry).
fn tag_color(lane: usize) -> String {
    thread_local! {
        static COLORS: std::cell::RefCell<Vec<(&'static str, String)>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let base = lane_color(lane);
    COLORS.with(|colors| {
        let mut colors = colors.borrow_mut();
        if let Some((_, tag)) = colors.iter().find(|(color, _)| *color == base) {
            return tag.clone();
        }
        let tag = console_model::readable_on(base, &CONSOLE_BACKGROUNDS, TAG_CONTRAST);
        colors.push((base, tag.clone()));
        tag
    })
}

/// A tap or click on a line shows its thread's whole name (toggles `data-open`), unless
/// it ended a text selection. DOM only: the tags are CSS-generated.
fn on_console_click(event: MouseEvent) {
    let selecting = web_sys::window()
        .and_then(|window| window.get_selection().ok().flatten())
        .is_some_and(|selection| !selection.is_collapsed());
    if selecting {
        return;
    }
    let Some(line) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest(".line[data-thread]").ok().flatten())
    else {
        return;
    };
    let open = line.has_attribute("data-open");
    if let Some(pre) = line.parent_element() {
        close_names(&pre);
    }
    if !open {
        let _ = line.set_attribute("data-open", "");
    }
}

/// Shows every line's tag at its usual width again (undoes the taps).
fn close_names(pre: &web_sys::Element) {
    if let Ok(open) = pre.query_selector_all(".line[data-open]") {
        for index in 0..open.length() {
            if let Some(line) = open
                .item(index)
                .and_then(|node| node.dyn_into::<web_sys::Element>().ok())
            {
                let _ = line.remove_attribute("data-open");
            }
        }
    }
}

/// Whether the console is scrolled to (within a few pixels of) its end.
fn at_end(pre: &web_sys::Element) -> bool {
    pre.scroll_top() + pre.client_height() >= pre.scroll_height() - 8
}

#[derive(Properties, PartialEq)]
struct FollowProps {
    /// The buffer (a new one per run), its version (a change means new text to
    /// follow) and how many lines it dropped from the front.
    at: (u64, u64, usize),
    target: NodeRef,
}

/// Keeps the console scrolled to its end after each change, unless the learner
/// scrolled up (`data-follow="false"`, set by the scroll handler). Renders nothing.
#[function_component(FollowEnd)]
fn follow_end(props: &FollowProps) -> Html {
    let last = use_mut_ref(|| (0u64, 0u64, 0usize));
    let target = props.target.clone();
    use_effect_with(props.at, move |at| {
        if let Some(pre) = target.cast::<web_sys::Element>() {
            let (epoch, _, dropped) = *last.borrow();
            if at.0 != epoch {
                // A new run follows again, even if the learner scrolled up in the last.
                let _ = pre.remove_attribute("data-follow");
            }
            if at.0 != epoch || at.2 != dropped {
                // The line elements now hold other lines (a new run, or the first
                // lines dropped): a name opened by a tap belongs to none of them.
                close_names(&pre);
            }
            if pre.get_attribute("data-follow").as_deref() != Some("false") {
                pre.set_scroll_top(pre.scroll_height());
            }
        }
        *last.borrow_mut() = *at;
    });
    Html::default()
}

/// The console panel. Thread tags are CSS-generated (`data-thread`), so the console's
/// text stays exactly what the program printed. A plain function rather than a
/// component: the page re-renders every frame while running, and comparing 2000-line
/// props each time would cost more than it saves.
///
/// While a thread waits in `input()` (`input`), its text field follows its prompt: on
/// the prompt's own line when that is the console's last line, else on a line of its
/// own; the bar under the console says who waits and offers "End input".
pub fn view(
    buffer: &ConsoleBuffer,
    thread_names: &[String],
    input: Option<(&Waiting, &Answers)>,
) -> Html {
    thread_local! {
        static PRE: NodeRef = NodeRef::default();
    }
    let pre = PRE.with(NodeRef::clone);
    let tag_chars = console_model::tag_chars(
        buffer
            .printers
            .iter()
            .filter_map(|lane| thread_names.get(*lane))
            .map(String::as_str),
    );
    // The field goes on the prompt's line when that line is the last and still open.
    let prompt_line = input.and_then(|(waiting, _)| {
        let last = buffer.lines.back()?;
        (last.open
            && last.stream == Stream::Stdout
            && last.lane == waiting.lane
            && waiting
                .prompt
                .rsplit('\n')
                .next()
                .is_some_and(|tail| !tail.is_empty() && last.text.ends_with(tail)))
        .then(|| buffer.lines.len() - 1)
    });
    let field = input.map(|(waiting, answers)| {
        html! { <InputField waiting={waiting.clone()} answers={answers.clone()} own_line={prompt_line.is_none()} /> }
    });
    let on_scroll = Callback::from(|event: Event| {
        if let Some(pre) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = pre.set_attribute("data-follow", if at_end(&pre) { "true" } else { "false" });
        }
    });
    html! {
        <>
            if buffer.dropped > 0 {
                <p class="console-dropped" data-testid="console-dropped">
                    { format!("\u{2026} {} earlier lines not shown (the console keeps the last {CONSOLE_KEEP})", buffer.dropped) }
                </p>
            }
            <pre ref={pre.clone()} data-testid="console" tabindex="0" role="region" aria-label="Program output"
                 style={format!("--tag-ch:{tag_chars}")} onscroll={on_scroll} onclick={Callback::from(on_console_click)}>
                { for buffer.lines.iter().enumerate().map(|(index, line)| {
                    let name = line.lane.and_then(|lane| thread_names.get(lane)).cloned();
                    let style = line.lane.map(|lane| format!("--who:{}", tag_color(lane)));
                    let asking = Some(index) == prompt_line;
                    html! {
                        <span class={classes!("line", (line.stream == Stream::Stderr).then_some("stderr"),
                                              asking.then_some("asking"))}
                              title={name.clone()} data-thread={name} style={style}>
                            { &line.text }{ if asking { "" } else { "\n" } }
                        </span>
                    }
                }) }
                // Always this one place in the tree, so the field (its text, its focus)
                // survives output arriving while the learner types; on the prompt's
                // line when that is the last one (both shown inline), else on its own.
                if let (Some(field), Some((waiting, _))) = (field, input) {
                    if prompt_line.is_some() {
                        <span class="line input-row inline">{ field }{ "\n" }</span>
                    } else {
                        <span class="line input-row" data-thread={waiting.lane.and_then(|lane| thread_names.get(lane)).cloned()}
                              style={waiting.lane.map(|lane| format!("--who:{}", tag_color(lane)))}>
                            { field }{ "\n" }
                        </span>
                    }
                }
                if let Some(note) = &buffer.stop.text {
                    <span class="line console-note" data-testid="console-stopped">{ note }{ "\n" }</span>
                }
            </pre>
            if let Some((waiting, answers)) = input {
                { console_input::bar(waiting, answers) }
            }
            <FollowEnd at={(buffer.epoch, buffer.version + input.map_or(0, |(w, _)| w.seq), buffer.dropped)} target={pre} />
        </>
    }
}
