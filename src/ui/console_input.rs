//! The console's input line: while a Python thread waits in `input()`, a text field
//! right after its prompt (inside the console, as a terminal takes what is typed there)
//! and, under the console, which thread is blocked on input with an "End input"
//! button. Enter sends the line, Ctrl+D or the button sends end of input (`input()`
//! raises EOFError); the field takes the keyboard focus when it appears. The page's
//! Stop ends the wait as it ends the run.
//!
//! Hooks: `console-input` (the field), `console-input-eof` (the button). It only hands
//! the text to the page's callbacks, which answer the run without blocking; it never
//! waits for the program.

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A thread waiting in `input()`, as the console shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Waiting {
    /// Which request this is (each new one takes the focus again).
    pub seq: u64,
    /// The waiting thread's trace lane, and its name (empty until the trace has it).
    pub lane: Option<usize>,
    pub thread: String,
    pub prompt: String,
}

/// What the input line does with what the learner typed.
#[derive(Clone, PartialEq)]
pub struct Answers {
    pub line: Callback<String>,
    pub end: Callback<()>,
}

#[derive(Properties, PartialEq)]
pub struct FieldProps {
    pub waiting: Waiting,
    pub answers: Answers,
    /// The field is on a line of its own (output came after the prompt): it shows the
    /// prompt as its placeholder.
    pub own_line: bool,
}

/// The text field after the prompt.
#[function_component(InputField)]
pub fn input_field(props: &FieldProps) -> Html {
    let field = use_node_ref();
    {
        let field = field.clone();
        // A new request takes the focus: typing and Enter work without the pointer.
        use_effect_with(props.waiting.seq, move |_| {
            if let Some(input) = field.cast::<HtmlInputElement>() {
                let _ = input.focus();
                // The bar under the console ("End input") comes into view with it.
                if let Some(bar) = input
                    .closest(".region.console")
                    .ok()
                    .flatten()
                    .and_then(|region| region.query_selector(".console-input-bar").ok().flatten())
                {
                    let below = web_sys::window()
                        .and_then(|window| window.inner_height().ok())
                        .and_then(|height| height.as_f64())
                        .is_some_and(|height| bar.get_bounding_client_rect().bottom() > height);
                    if below {
                        bar.scroll_into_view_with_bool(false);
                    }
                }
            }
        });
    }
    let onkeydown = {
        let answers = props.answers.clone();
        Callback::from(move |event: KeyboardEvent| {
            let Some(input) = event.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            if event.key() == "Enter" && !event.ctrl_key() && !event.meta_key() {
                event.prevent_default();
                let line = input.value();
                input.set_value("");
                answers.line.emit(line);
            } else if event.ctrl_key() && event.key().eq_ignore_ascii_case("d") {
                // Ctrl+D, as in a terminal (the browser's bookmark shortcut otherwise).
                event.prevent_default();
                answers.end.emit(());
            }
        })
    };
    let who = if props.waiting.thread.is_empty() {
        "the program".to_string()
    } else {
        props.waiting.thread.clone()
    };
    let label = if props.waiting.prompt.trim().is_empty() {
        format!("Input for {who}")
    } else {
        format!("Input for {who}: {}", props.waiting.prompt.trim())
    };
    let placeholder = props
        .own_line
        .then(|| props.waiting.prompt.trim().to_string());
    html! {
        <input ref={field} class="console-input" data-testid="console-input" type="text"
               aria-label={label} placeholder={placeholder} aria-describedby="console-input-hint"
               autocomplete="off" autocapitalize="off" spellcheck="false" enterkeyhint="send"
               onkeydown={onkeydown} />
    }
}

/// The line under the console: who waits, how to answer, and "End input".
pub fn bar(waiting: &Waiting, answers: &Answers) -> Html {
    let who = if waiting.thread.is_empty() {
        "A thread".to_string()
    } else {
        waiting.thread.clone()
    };
    let end = answers.end.reform(|_: MouseEvent| ());
    html! {
        <div class="console-input-bar" data-testid="console-input-bar">
            <p id="console-input-hint">
                <strong>{ who }</strong>{ " is blocked on input: type a line and press Enter." }
            </p>
            <button type="button" data-testid="console-input-eof" onclick={end}
                    title="End of input (Ctrl+D): input() raises EOFError">
                { "End input" }
            </button>
        </div>
    }
}
