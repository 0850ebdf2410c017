//! Sharing a demo page as it is, for workshops: the "Copy link" button and its field
//! (a URL in `crate::program_link`'s format that reopens the page with this program and
//! these settings), the learner's edits kept per demo across reloads on the same
//! machine, and the last run's exports ("Copy output", and "Download trace" as Chrome
//! Trace Event JSON made by `trace::chrome`, the CLI's own export).
//!
//! Saved edits are stored in localStorage as a `program_link` query (one format for
//! links and saved edits), one key per demo, with the query of the link the edit grew
//! from, so a reload of a page opened from a link keeps the edits made since. The crash guard's sessionStorage entry is
//! a different thing: a one-shot hand-over across its restart reload, taken first.
//!
//! It must never run a program, never block (the trace is read with `try_lock` only),
//! and never panic on whatever storage holds or refuses.

use crate::program_link::{self, LinkState, Parsed};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The localStorage key of a demo's saved edit.
fn edit_key(slug: &str) -> String {
    format!("threadplay:edit:{slug}")
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// What the page opens with, and the canonical query of the link it was opened with
/// (empty without one), which `save_edit` keeps next to the edit.
///
/// On the full demo page: a link in the URL wins, unless the saved edit grew out of
/// this very link (the learner opened it, edited, reloaded: the edit survives, and the
/// link's line about a problem is not repeated); without a link, the demo's saved edit.
/// A link nothing could be read from always shows its problem and the demo's program.
/// Embeds keep their link and never read saved edits (a docs page shows what its
/// author chose).
pub(crate) fn opening_link(slug: &str, embed: bool, link: &Rc<Parsed>) -> (Rc<Parsed>, String) {
    let from = program_link::to_query(&link.state);
    // A link that could not be read at all (nothing in it kept) is no edit's origin: it
    // gets its one line and the demo's program, whatever edit this demo has saved.
    if embed || (link.problem.is_some() && from.is_empty()) {
        return (link.clone(), from);
    }
    let saved = local_storage().and_then(|storage| storage.get_item(&edit_key(slug)).ok()?);
    // "<the edit's query>\n<the query of the link it grew from>" (see `save_edit`).
    let saved = saved
        .as_deref()
        .map(|text| text.split_once('\n').unwrap_or((text, "")));
    match saved {
        Some((edit, saved_from)) if saved_from == from || **link == Parsed::default() => {
            // Only this page writes it; whatever it could not read is left out without
            // a message (the learner did nothing wrong).
            let state = program_link::parse_query(edit).state;
            (
                Rc::new(Parsed {
                    state,
                    problem: None,
                }),
                saved_from.to_string(),
            )
        }
        _ => (link.clone(), from),
    }
}

/// Keeps the page's state for the next visit: only what differs from the demo's
/// defaults, with the link it grew from; nothing at all when there is neither.
pub(crate) fn save_edit(slug: &str, from: &str, state: &LinkState) {
    let Some(storage) = local_storage() else {
        return;
    };
    let key = edit_key(slug);
    let _ = if *state == LinkState::default() && from.is_empty() {
        storage.remove_item(&key)
    } else {
        storage.set_item(&key, &format!("{}\n{from}", program_link::to_query(state)))
    };
}

/// Forgets the demo's saved edit (Reset).
pub(crate) fn clear_edit(slug: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(&edit_key(slug));
    }
}

/// The absolute URL that reopens `slug` with `state`: this page's address (any path,
/// any host) with the route and query after `#`.
pub(crate) fn share_url(slug: &str, state: &LinkState) -> String {
    let href = web_sys::window()
        .and_then(|window| window.location().href().ok())
        .unwrap_or_default();
    let page = href.split('#').next().unwrap_or_default();
    format!(
        "{page}#{}",
        program_link::with_query(&format!("/demo/{slug}"), &program_link::to_query(state))
    )
}

/// Writes `text` to the clipboard, then calls `done` with a word for the learner.
fn copy_text(text: &str, done: impl FnOnce(String) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        done(match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => "Copied.".into(),
            Err(_) => "The browser refused the clipboard: select the text and copy it.".into(),
        });
    });
}

#[derive(Properties, PartialEq)]
pub struct ShareButtonProps {
    pub slug: &'static str,
    /// The page as it is now, as a link carries it.
    pub link: Rc<LinkState>,
}

/// "Copy link": puts the share URL on the clipboard and shows it in a read-only field
/// (selected, so it can be copied by hand where the clipboard is refused).
#[function_component(ShareButton)]
pub fn share_button(props: &ShareButtonProps) -> Html {
    let shown = use_state(|| None::<String>);
    let said = use_state(String::new);
    let field = use_node_ref();
    let on_share = {
        let shown = shown.clone();
        let said = said.clone();
        let (slug, link) = (props.slug, props.link.clone());
        Callback::from(move |_: MouseEvent| {
            let url = share_url(slug, &link);
            said.set(String::new());
            let said = said.clone();
            copy_text(&url, move |word| said.set(word));
            shown.set(Some(url));
        })
    };
    // Select the link once it is shown, for a learner who copies by hand.
    {
        let field = field.clone();
        use_effect_with((*shown).clone(), move |_| {
            if let Some(input) = field.cast::<web_sys::HtmlInputElement>() {
                input.select();
            }
        });
    }
    let on_close = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(None))
    };
    html! {
        <div class="share">
            <button type="button" class="share-open" data-testid="share" onclick={on_share}
                    title="Copy a link that opens this program with these settings">
                { "Copy link" }
            </button>
            if let Some(url) = &*shown {
                <div class="share-panel" data-testid="share-panel">
                    <label for="share-link">{ "Link to this program and its settings" }</label>
                    <input id="share-link" data-testid="share-link" readonly=true value={url.clone()}
                           ref={field} spellcheck="false" />
                    <span role="status" data-testid="share-copied">{ (*said).clone() }</span>
                    <button type="button" class="reset" data-testid="share-close" onclick={on_close}>{ "Close" }</button>
                </div>
            }
        </div>
    }
}

/// Offers the last run's trace as a Chrome Trace Event JSON file, made by the CLI's
/// own export (`threadplay run --trace`); false when the store is busy this instant
/// (its keeper is draining: try again) or the browser refused the file.
pub(crate) fn download_trace(store: &engine::keeper::SharedStore, end_ns: u64, slug: &str) -> bool {
    let Ok(store) = store.try_lock() else {
        return false;
    };
    let json = trace::chrome::store_to_json(&store, end_ns);
    drop(store);
    offer_file(&json, &format!("threadplay-{slug}-trace.json")).is_some()
}

/// Hands `text` to the browser as a file named `name` (a download link clicked once).
fn offer_file(text: &str, name: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let document = web_sys::window()?.document()?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // The click starts the download synchronously; the URL is no longer needed.
    let _ = web_sys::Url::revoke_object_url(&url);
    Some(())
}

#[derive(Properties, PartialEq)]
pub struct RunExportsProps {
    /// A run exists and is over: its output and trace are final.
    pub ready: bool,
    /// The console's text, read when "Copy output" is pressed.
    pub output: Callback<(), String>,
    /// Starts the trace download; false when the trace was busy.
    pub download: Callback<(), bool>,
}

/// "Copy output" and "Download trace", next to the console's heading.
#[function_component(RunExports)]
pub fn run_exports(props: &RunExportsProps) -> Html {
    let said = use_state(String::new);
    let on_copy = {
        let said = said.clone();
        let output = props.output.clone();
        Callback::from(move |_: MouseEvent| {
            let said = said.clone();
            copy_text(&output.emit(()), move |word| said.set(word));
        })
    };
    let on_download = {
        let said = said.clone();
        let download = props.download.clone();
        Callback::from(move |_: MouseEvent| {
            said.set(if download.emit(()) {
                "Trace downloaded (open it in ui.perfetto.dev).".into()
            } else {
                "The trace is still being written: try again.".into()
            });
        })
    };
    html! {
        <div class="run-exports">
            <span role="status" class="export-note" data-testid="export-note">{ (*said).clone() }</span>
            <button type="button" data-testid="copy-output" onclick={on_copy} disabled={!props.ready}
                    title="Copy what the program printed">{ "Copy output" }</button>
            <button type="button" data-testid="download-trace" onclick={on_download} disabled={!props.ready}
                    title="The run's trace as Chrome Trace Event JSON (opens in ui.perfetto.dev)">
                { "Download trace" }
            </button>
        </div>
    }
}
