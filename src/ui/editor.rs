//! The program editor: a plain text area laid over the same text colored by the
//! project's own tokenizer, with line numbers, the current errors underlined at their
//! lines and columns (a SyntaxError, or each line where a thread's uncaught exception
//! came from), and while a run is live a dot per thread on the line it is executing
//! (colored like the thread's timeline lane).
//!
//! The text area stays the one source of truth for typing, selection, undo and
//! accessibility. Tab, Shift+Tab, Enter, Backspace and Ctrl+/ edit like a code editor
//! (`crate::editor_keys` says how); each such edit goes through the browser's own
//! editing (`execCommand("insertText")`), so undo and redo take it like typing. Escape,
//! then Tab, leaves the editor: a keyboard user is never trapped in it (a note says so
//! while it has the focus). The colored copy underneath is `aria-hidden` and must
//! match the text area character for character, so both use the same font, size, line
//! height and no wrapping. It never runs or compiles anything itself: the page hands
//! it the error and the markers.

use super::timeline::lane_color;
use crate::editor_keys::{edit_for, Edit, EditKey};
use language::highlight::{highlight, TokenClass};
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Where the program is wrong, 1-based line; columns 0-based in characters, end
/// exclusive (an empty range underlines the whole line).
#[derive(Clone, Debug, PartialEq)]
pub struct EditorError {
    pub line: u32,
    pub start_col: u32,
    pub end_col: u32,
    pub message: String,
}

/// A thread's position for the live markers.
#[derive(Clone, Debug, PartialEq)]
pub struct ThreadMarker {
    pub line: u32,
    pub lane: usize,
    pub name: String,
}

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub value: AttrValue,
    pub oninput: Callback<String>,
    /// What to underline, one per line (at most one error per line is shown).
    #[prop_or_default]
    pub errors: Vec<EditorError>,
    #[prop_or_default]
    pub markers: Vec<ThreadMarker>,
    /// Name each marked line's threads at its end (step mode, where the marks stay put).
    #[prop_or_default]
    pub labelled: bool,
}

/// Scrolls the editor (`scroller`) by as little as it takes to show lines `first` to
/// `last` (1-based), or `first` alone a third of the way down when they do not fit.
fn keep_lines_in_view(scroller: &web_sys::Element, first: u32, last: u32) {
    let Some(row) = scroller
        .query_selector(".active-line")
        .ok()
        .flatten()
        .and_then(|row| row.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let line_height = f64::from(row.offset_height().max(1));
    // The code's top padding: the first marked row's offset less its lines above.
    let padding = (f64::from(row.offset_top()) - f64::from(first - 1) * line_height).max(0.0);
    let top = padding + f64::from(first - 1) * line_height;
    let bottom = padding + f64::from(last) * line_height;
    let view_top = f64::from(scroller.scroll_top());
    let view_height = f64::from(scroller.client_height());
    let wanted = if bottom - top <= view_height {
        if top < view_top {
            top - line_height
        } else if bottom > view_top + view_height {
            bottom - view_height + line_height
        } else {
            return;
        }
    } else if top < view_top || top > view_top + view_height - line_height {
        top - view_height / 3.0
    } else {
        return;
    };
    scroller.set_scroll_top(wanted.max(0.0) as i32);
}

/// Markers drawn per line before they collapse into "+n".
const DOTS_PER_LINE: usize = 3;

#[function_component(CodeEditor)]
pub fn code_editor(props: &EditorProps) -> Html {
    let rows = use_memo(props.value.clone(), |source| highlight(source));
    let on_input = {
        let oninput = props.oninput.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(area) = event.target_dyn_into::<HtmlTextAreaElement>() {
                oninput.emit(area.value());
            }
        })
    };
    // Escape was the last key pressed here: the next Tab leaves the editor.
    let escaped = use_mut_ref(|| false);
    let on_keydown = {
        let escaped = escaped.clone();
        Callback::from(move |event: KeyboardEvent| on_key(&event, &mut escaped.borrow_mut()))
    };
    let on_blur = Callback::from(move |_: FocusEvent| *escaped.borrow_mut() = false);
    // In step mode the marks move by steps, not by the learner's scrolling: the marked
    // lines are kept in view (the first, when they do not all fit).
    let scroller = use_node_ref();
    {
        let scroller = scroller.clone();
        let lines: Vec<u32> = if props.labelled {
            props.markers.iter().map(|m| m.line).collect()
        } else {
            Vec::new()
        };
        use_effect_with(lines, move |lines| {
            if let (Some(first), Some(last), Some(element)) = (
                lines.iter().min(),
                lines.iter().max(),
                scroller.cast::<web_sys::Element>(),
            ) {
                keep_lines_in_view(&element, *first, *last);
            }
        });
    }
    let error_lines: Vec<u32> = props.errors.iter().map(|e| e.line).collect();
    let line_count = rows.len();
    let gutter = (1..=line_count).map(|number| {
        let here: Vec<&ThreadMarker> = props
            .markers
            .iter()
            .filter(|m| m.line as usize == number)
            .collect();
        let names = here
            .iter()
            .map(|m| m.name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        html! {
            <div class={classes!("ln", error_lines.contains(&(number as u32)).then_some("ln-error"))}
                 title={(!here.is_empty()).then_some(names)}>
                <span class="dots">
                    { for here.iter().take(DOTS_PER_LINE).map(|m| html! {
                        <span class="thread-dot" data-testid="thread-marker" data-lane={m.lane.to_string()}
                              data-thread={m.name.clone()}
                              style={format!("background:{}", lane_color(m.lane))}></span>
                    }) }
                    if here.len() > DOTS_PER_LINE {
                        <span class="more">{ format!("+{}", here.len() - DOTS_PER_LINE) }</span>
                    }
                </span>
                <span class="number">{ number }</span>
            </div>
        }
    });
    // Live lines get a tint drawn over the code rather than a class on its lines, so
    // the colored code (hundreds of spans) is not rebuilt when only the markers move.
    let mut active_lines: Vec<u32> = props.markers.iter().map(|m| m.line).collect();
    active_lines.sort_unstable();
    active_lines.dedup();
    let longest = props
        .value
        .split('\n')
        .map(|line| line.chars().count())
        .max()
        .unwrap_or(0);
    html! {
        <div class="editor">
            <div class="editor-scroll" ref={scroller}>
                <div class="editor-grid" style={format!("--cols:{}", longest + 2)}>
                    <div class="gutter" aria-hidden="true">{ for gutter }</div>
                    <div class="code-area">
                        { for active_lines.iter().map(|line| html! {
                            <div class="active-line" aria-hidden="true"
                                 style={format!("top:calc({} * var(--code-line) + .5rem)", line - 1)}>
                                if props.labelled {
                                    { for props.markers.iter().filter(|m| m.line == *line).map(|m| html! {
                                        <span class="line-mark" data-testid="step-line-mark" data-thread={m.name.clone()}
                                              data-line={m.line.to_string()}
                                              style={format!("border-color:{}", lane_color(m.lane))}>{ &m.name }</span>
                                    }) }
                                }
                            </div>
                        }) }
                        <ColoredCode rows={rows.clone()} errors={props.errors.clone()} />
                        <textarea data-testid="editor" id={super::a11y::EDITOR_ID} spellcheck="false" wrap="off"
                                  autocapitalize="off" autocomplete="off"
                                  aria-label="Program source" aria-invalid={(!props.errors.is_empty()).then_some("true")}
                                  aria-describedby="editor-keys-help"
                                  value={props.value.clone()} oninput={on_input} onkeydown={on_keydown} onblur={on_blur} />
                    </div>
                </div>
            </div>
            // Shown while the editor has the focus (and read as its description): how to
            // get out, since Tab indents here.
            <p id="editor-keys-help" class="editor-keys-help">{ "Tab indents · Esc, then Tab: leave the editor" }</p>
            if let Some(first) = props.errors.first() {
                // One hook for all of them: `data-line` is the first error's line,
                // `data-lines` every marked line.
                <div class="editor-error" data-testid="editor-error" data-line={first.line.to_string()}
                     data-lines={error_lines.iter().map(u32::to_string).collect::<Vec<_>>().join(",")} role="status">
                    { for props.errors.iter().map(|error| html! {
                        <p><span class="where">{ format!("line {}", error.line) }</span>{ " " }{ &error.message }</p>
                    }) }
                </div>
            }
        </div>
    }
}

/// The editor's own keys. `escaped` is whether the key before was Escape; it is updated
/// here (modifier keys alone leave it, so Escape, Shift+Tab also leaves).
fn on_key(event: &KeyboardEvent, escaped: &mut bool) {
    let key = event.key();
    if matches!(key.as_str(), "Shift" | "Control" | "Alt" | "Meta") {
        return;
    }
    let after_escape = std::mem::replace(escaped, key == "Escape");
    if event.is_composing() {
        return;
    }
    let command = event.ctrl_key() || event.meta_key();
    let edit_key = match key.as_str() {
        // After Escape, Tab does what it does anywhere else: moves the focus on.
        "Tab" if after_escape || command || event.alt_key() => return,
        "Tab" if event.shift_key() => EditKey::Dedent,
        "Tab" => EditKey::Indent,
        // Ctrl+Enter runs (the page's listener); Alt+Enter is left alone.
        "Enter" if command || event.alt_key() => return,
        "Enter" => EditKey::Newline,
        "Backspace" if command || event.alt_key() => return,
        "Backspace" => EditKey::Backspace,
        _ if command && !event.alt_key() && (key == "/" || event.code() == "Slash") => {
            EditKey::ToggleComment
        }
        _ => return,
    };
    let Some(area) = event.target_dyn_into::<HtmlTextAreaElement>() else {
        return;
    };
    let start = area.selection_start().ok().flatten().unwrap_or(0) as usize;
    let end = area.selection_end().ok().flatten().unwrap_or(0) as usize;
    match edit_for(&area.value(), start, end, edit_key) {
        Some(edit) => {
            event.prevent_default();
            apply(&area, &edit);
        }
        // Tab and Ctrl+/ with nothing to change still must not leave or type.
        None if edit_key != EditKey::Backspace => event.prevent_default(),
        None => {}
    }
}

/// Makes `edit` as the browser's own editing, so it lands on the undo stack like
/// typing and fires the `input` event the page listens to. Where `execCommand` is
/// refused, the text is set directly (undo then cannot take it back).
fn apply(area: &HtmlTextAreaElement, edit: &Edit) {
    let _ = area.set_selection_range(edit.from as u32, edit.to as u32);
    let document = area
        .owner_document()
        .and_then(|document| document.dyn_into::<web_sys::HtmlDocument>().ok());
    let done = document.is_some_and(|document| {
        if edit.insert.is_empty() {
            document.exec_command("delete")
        } else {
            document.exec_command_with_show_ui_and_value("insertText", false, &edit.insert)
        }
        .unwrap_or(false)
    });
    if !done {
        let _ =
            area.set_range_text_with_start_and_end(&edit.insert, edit.from as u32, edit.to as u32);
        if let Ok(input) = web_sys::Event::new_with_event_init_dict("input", &{
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            init
        }) {
            let _ = area.dispatch_event(&input);
        }
    }
    let _ = area.set_selection_range(edit.sel_start as u32, edit.sel_end as u32);
}

#[derive(Properties)]
struct ColoredCodeProps {
    rows: std::rc::Rc<Vec<language::highlight::HighlightedLine>>,
    errors: Vec<EditorError>,
}

impl PartialEq for ColoredCodeProps {
    /// The same highlighting result (by identity: it is memoized on the text) and the
    /// same errors: nothing to redraw.
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.rows, &other.rows) && self.errors == other.errors
    }
}

/// The colored copy of the text under the text area. Re-rendered only when the text or
/// the errors change, not on every frame of a run.
#[function_component(ColoredCode)]
fn colored_code(props: &ColoredCodeProps) -> Html {
    html! {
        <div class="highlight" aria-hidden="true">
            { for props.rows.iter().enumerate().map(|(index, pieces)| {
                let number = index as u32 + 1;
                let error = props.errors.iter().find(|e| e.line == number);
                html! { <div class="cl">{ render_line(pieces, error) }</div> }
            }) }
        </div>
    }
}

/// One line's colored pieces, with the error's columns wrapped in an underline.
fn render_line(pieces: &[(TokenClass, String)], error: Option<&EditorError>) -> Html {
    let Some(error) = error else {
        return html! { <>{ for pieces.iter().map(|(class, text)| html! {
            <span class={class.css()}>{ text }</span>
        }) }</> };
    };
    let length: usize = pieces.iter().map(|(_, text)| text.chars().count()).sum();
    let (mut from, mut to) = (error.start_col as usize, error.end_col as usize);
    if to <= from || from >= length {
        // No usable range (e.g. "unexpected EOF" past the end): underline the code part
        // of the line, or make room for a visible mark when it is empty.
        let text: String = pieces.iter().map(|(_, t)| t.as_str()).collect();
        from = text.chars().take_while(|c| c.is_whitespace()).count();
        to = length.max(from + 1);
    }
    let mut out = Vec::new();
    let mut column = 0;
    for (class, text) in pieces {
        let chars: Vec<char> = text.chars().collect();
        let (start, end) = (column, column + chars.len());
        // Split the piece where the underline starts and ends.
        let cut_a = from.clamp(start, end) - start;
        let cut_b = to.clamp(start, end) - start;
        for (range, underlined) in [
            (0..cut_a, false),
            (cut_a..cut_b, true),
            (cut_b..chars.len(), false),
        ] {
            if range.is_empty() {
                continue;
            }
            let piece: String = chars[range].iter().collect();
            out.push(html! {
                <span class={classes!(class.css(), underlined.then_some("err"))}>{ piece }</span>
            });
        }
        column = end;
    }
    if to > length {
        // The error sits just past the last character: mark that spot.
        out.push(html! { <span class="err err-end">{ " " }</span> });
    }
    html! { <>{ for out }</> }
}
