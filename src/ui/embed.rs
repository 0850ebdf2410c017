//! Embedding: the embed view at `#/embed/<slug>` (the demo page's component in its
//! compact mode, framed by `EmbedShell`: no site header, no demo menu, no explanation),
//! the height messages it sends its parent, the "Open in threadplay" link that carries
//! the program and settings to the full page, and the demo page's "Embed" button with
//! the snippet for www/embed.js. The URL format itself is `crate::program_link` (pure).
//!
//! It must never run a program by itself (a link or an embed only fills the editor and
//! the settings), never send its parent anything but its height, and never post a
//! height that did not change.

use super::a11y;
use super::crash::{self, Restored};
use super::field_check;
use crate::program_link::{self, LinkState, Parsed};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

/// The page's defaults, which a link leaves out.
const DEFAULT_GIL: &str = "modern";
const DEFAULT_SWITCH_MS: &str = "5";
const DEFAULT_SCHEDULER: &str = "threads";

/// What a page opens with: what the crash guard saved before a restart (for this very
/// URL), else what the link in the URL carries; and the one line to show when the link
/// could not be read in full.
pub(crate) fn initial_state(link: &Parsed) -> (Restored, Option<String>) {
    let hash = web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .unwrap_or_default();
    if let Some(restored) = crash::take_restored(&hash) {
        return (restored, None);
    }
    let state = &link.state;
    // The fields check their own ranges as the learner types; a link's value out of
    // range is left out here, so the page never starts with a value it would refuse.
    let in_range = |value: &Option<String>, rule: demos::params::NumberRule| {
        value.clone().filter(|text| rule.check(text).is_ok())
    };
    let switch_interval = in_range(&state.switch_ms, field_check::SWITCH_MS);
    let seed = in_range(&state.seed, field_check::SEED);
    let mut problem = link.problem.clone();
    if switch_interval.is_none() && state.switch_ms.is_some() {
        let note = "The link's switch interval is out of range; the default (5 ms) is used.";
        problem = Some(problem.map_or(note.to_string(), |line| format!("{line} {note}")));
    }
    (
        Restored {
            program: state.program.clone(),
            gil: state.gil.clone(),
            scheduler: state.scheduler.clone(),
            switch_interval,
            seed,
            steps: state.steps.clone(),
        },
        problem,
    )
}

/// The settings a link must carry to reopen the page as it is now: only what differs
/// from the demo's program and the page's defaults (the seed only with the virtual
/// scheduler, where it matters), so an untouched demo's link is just its route.
pub(crate) fn link_state(
    demo_program: &str,
    source: &str,
    gil: &str,
    switch_ms: &str,
    scheduler: &str,
    seed: &str,
) -> LinkState {
    let differs = |value: &str, default: &str| (value != default).then(|| value.to_string());
    LinkState {
        program: differs(source, demo_program),
        gil: differs(gil, DEFAULT_GIL),
        switch_ms: differs(switch_ms, DEFAULT_SWITCH_MS)
            .filter(|text| field_check::SWITCH_MS.check(text).is_ok()),
        scheduler: differs(scheduler, DEFAULT_SCHEDULER),
        seed: (scheduler == "virtual")
            .then(|| seed.to_string())
            .filter(|text| field_check::SEED.check(text).is_ok()),
        theme: None,
        // Step mode's schedule: the share link adds it (`StepState::schedule_text`).
        steps: None,
    }
}

/// `#/demo/<slug>` with the state's query: relative, so it resolves against whatever
/// URL (and path) the page was served from, framed or not.
fn full_page_href(slug: &str, state: &LinkState) -> String {
    format!(
        "#{}",
        program_link::with_query(&format!("/demo/{slug}"), &program_link::to_query(state))
    )
}

/// The URL of the site's folder (where index.html and embed.js are), from the page's
/// own address: works under any path.
fn site_folder() -> String {
    let href = web_sys::window()
        .and_then(|window| window.location().href().ok())
        .unwrap_or_default();
    let page = href.split(['#', '?']).next().unwrap_or_default();
    match page.rfind('/') {
        Some(slash) => page[..=slash].to_string(),
        None => page.to_string(),
    }
}

fn document_element() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

#[derive(Properties, PartialEq)]
pub struct EmbedShellProps {
    /// `light` or `dark` forces a theme (else the system's setting is followed).
    pub theme: Option<AttrValue>,
    pub children: Html,
}

/// The frame of the embed view: the page's main region only (no header, menu or skip
/// link), the forced theme on `<html data-theme>`, and the height reporter.
#[function_component(EmbedShell)]
pub fn embed_shell(props: &EmbedShellProps) -> Html {
    // While rendering, not in an effect: the children's effects (the timeline's first
    // drawing, which reads its colors from the CSS) run before this component's own.
    use_memo(props.theme.clone(), |theme| {
        if let Some(root) = document_element() {
            // The stylesheet's forced themes key on it.
            let _ = match theme {
                Some(theme) => root.set_attribute("data-theme", theme),
                None => root.remove_attribute("data-theme"),
            };
        }
    });
    use_height_reporter();
    html! {
        <main class="demo-area embed-area" id={a11y::MAIN_ID}>
            { props.children.clone() }
        </main>
    }
}

/// Tells the parent (when framed) the content's height whenever it changes:
/// `postMessage({ type: "threadplay:height", height }, "*")` in CSS px, from a
/// ResizeObserver on the body. A height equal to the last one sent is not sent again.
#[hook]
fn use_height_reporter() {
    use_effect_with((), |_| {
        let reporter = HeightReporter::start();
        move || drop(reporter)
    });
}

struct HeightReporter {
    observer: web_sys::ResizeObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl HeightReporter {
    fn start() -> Option<HeightReporter> {
        let window = web_sys::window()?;
        let parent = window.parent().ok()??;
        if js_sys::Object::is(&parent, &window) {
            // Not framed: nobody to tell.
            return None;
        }
        let body = window.document()?.body()?;
        let last = Cell::new(-1.0);
        let measured = body.clone();
        let report = move || {
            // The body's border box: the content (html and body keep no min-height in
            // the embed), rounded up so the frame never cuts a fraction of a line.
            let height = measured.get_bounding_client_rect().height().ceil();
            if height == last.get() || height <= 0.0 {
                return;
            }
            last.set(height);
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"type".into(), &"threadplay:height".into());
            let _ = js_sys::Reflect::set(&message, &"height".into(), &JsValue::from_f64(height));
            let _ = parent.post_message(&message, "*");
        };
        // Once now: a browser runs no resize observations for a frame it keeps out of
        // view, so a frame below the fold would otherwise keep its first size until it
        // is scrolled to.
        report();
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries| report());
        let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        observer.observe(&body);
        Some(HeightReporter {
            observer,
            _callback: callback,
        })
    }
}

impl Drop for HeightReporter {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

#[derive(Properties, PartialEq)]
pub struct EmbedBarProps {
    pub slug: &'static str,
    pub title: &'static str,
    /// The page as it is now (program and settings).
    pub link: Rc<LinkState>,
}

/// The embed's one line of chrome: the demo's title and "Open in threadplay", a link to
/// the full page (a new tab) with the current program and settings.
#[function_component(EmbedBar)]
pub fn embed_bar(props: &EmbedBarProps) -> Html {
    // Compressing the program takes well under a millisecond, but the page re-renders
    // every frame of a run: only a change of program or settings recomputes it.
    let href = use_memo((props.slug, props.link.clone()), |(slug, link)| {
        full_page_href(slug, link)
    });
    html! {
        <header class="embed-bar">
            <h1>{ props.title }</h1>
            <super::run_backend::EngineNote embed=true />
            <a class="open-full" href={(*href).clone()} target="_blank" rel="noopener"
               data-testid="open-full" title="The full page, with this program and these settings (new tab)">
                { "Open in threadplay" }<span aria-hidden="true">{ " \u{2197}" }</span>
                <span class="visually-hidden">{ " (opens in a new tab)" }</span>
            </a>
        </header>
    }
}

#[derive(Properties, PartialEq)]
pub struct EmbedButtonProps {
    pub slug: &'static str,
    pub link: Rc<LinkState>,
}

/// Which program the snippet embeds.
#[derive(Clone, Copy, PartialEq)]
enum Choice {
    Demo,
    Edited,
}

/// "Embed": a dialog with the snippet for a docs page (the demo as it is, or the
/// program and settings as they are now), and a button that copies it.
#[function_component(EmbedButton)]
pub fn embed_button(props: &EmbedButtonProps) -> Html {
    let dialog = use_node_ref();
    let choice = use_state(|| None::<Choice>);
    let copied = use_state(String::new);
    let edited = *props.link != LinkState::default();
    // Until the learner picks, the snippet follows the page: edited if it is.
    let chosen = choice.unwrap_or(if edited { Choice::Edited } else { Choice::Demo });
    let snippet = {
        let state = match chosen {
            Choice::Demo => LinkState::default(),
            Choice::Edited => (*props.link).clone(),
        };
        program_link::embed_snippet(&format!("{}embed.js", site_folder()), props.slug, &state)
    };
    let open = {
        let dialog = dialog.clone();
        let choice = choice.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            choice.set(None);
            copied.set(String::new());
            if let Some(dialog) = dialog.cast::<web_sys::HtmlDialogElement>() {
                let _ = dialog.show_modal();
            }
        })
    };
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(dialog) = dialog.cast::<web_sys::HtmlDialogElement>() {
                dialog.close();
            }
        })
    };
    let pick = |which: Choice| {
        let choice = choice.clone();
        let copied = copied.clone();
        Callback::from(move |_: Event| {
            choice.set(Some(which));
            copied.set(String::new());
        })
    };
    let copy = {
        let snippet = snippet.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(window) = web_sys::window() else {
                return;
            };
            let promise = window.navigator().clipboard().write_text(&snippet);
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(match wasm_bindgen_futures::JsFuture::from(promise).await {
                    Ok(_) => "Copied.".into(),
                    Err(_) => {
                        "The browser refused the clipboard: select the text and copy it.".into()
                    }
                });
            });
        })
    };
    // Escape closes the dialog; it must not also stop a run (python_page's key handler).
    let on_key = Callback::from(|event: KeyboardEvent| {
        if event.key() == "Escape" {
            event.stop_propagation();
        }
    });
    html! {
        <>
            <button type="button" class="embed-open" data-testid="embed" onclick={open}
                    title="HTML to put this demo on another page" aria-haspopup="dialog">
                { "</> Embed" }
            </button>
            <dialog class="embed-dialog" ref={dialog} aria-labelledby="embed-title" onkeydown={on_key}>
                <h2 id="embed-title">{ "Embed this demo on another page" }</h2>
                <p>{ "Paste this into any HTML page. It loads lazily in a frame that runs real threads and fits its height to its content." }</p>
                <fieldset class="embed-choice">
                    <legend>{ "Embed" }</legend>
                    <label>
                        <input type="radio" name="embed-choice" data-testid="embed-choice-demo"
                               checked={chosen == Choice::Demo} onchange={pick(Choice::Demo)} />
                        { "the demo as it is" }
                    </label>
                    <label>
                        <input type="radio" name="embed-choice" data-testid="embed-choice-edited"
                               checked={chosen == Choice::Edited} onchange={pick(Choice::Edited)} disabled={!edited} />
                        { if edited { "the program and settings as edited now" } else { "the program as edited (nothing is edited yet)" } }
                    </label>
                </fieldset>
                <label class="embed-snippet-label" for="embed-snippet">{ "HTML" }</label>
                <textarea id="embed-snippet" class="embed-snippet" data-testid="embed-snippet" readonly=true
                          rows="6" spellcheck="false" value={snippet} />
                <div class="embed-actions">
                    <button type="button" class="run" data-testid="embed-copy" onclick={copy}>{ "Copy" }</button>
                    <span role="status" data-testid="embed-copied">{ (*copied).clone() }</span>
                    <button type="button" class="reset" data-testid="embed-close" onclick={close}>{ "Close" }</button>
                </div>
            </dialog>
        </>
    }
}
