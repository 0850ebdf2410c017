//! Keyboard and screen-reader help for every page: the skip link (the first thing Tab
//! reaches), the document's title per route, the polite live region that says when a
//! run starts and how it ended, and the focus hand-off between Run and Stop as they
//! take turns being disabled.
//!
//! It only reads what the page already knows (the status word, the exit code, the
//! deadlock report) and moves focus only away from a control that just became
//! disabled or from nowhere (the page's body): never out of the editor or any other
//! control the learner is using. It must never announce per frame: the live region's
//! text depends on the run's outcome only, not on its counters or time.

use super::run_status::UiStatus;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

/// The id the skip link points at on a demo page: the editor's text area.
pub const EDITOR_ID: &str = "program-editor";
/// ... and elsewhere (the gallery): the page's main region.
pub const MAIN_ID: &str = "main-content";

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

fn by_test_id(id: &str) -> Option<HtmlElement> {
    document()?
        .query_selector(&format!("[data-testid={id}]"))
        .ok()??
        .dyn_into()
        .ok()
}

#[derive(Properties, PartialEq)]
pub struct SkipLinkProps {
    /// A demo page is open (its editor is the target); else the main region is.
    pub demo: bool,
}

/// "Skip to the editor": hidden until focused, then shown at the top left. The link
/// names its target by id (so it works as a link for tools that read the page), and
/// the click moves focus there itself, since following `#id` would change the route.
#[function_component(SkipLink)]
pub fn skip_link(props: &SkipLinkProps) -> Html {
    let (target, text) = if props.demo {
        (EDITOR_ID, "Skip to the editor")
    } else {
        (MAIN_ID, "Skip to the demos")
    };
    let onclick = Callback::from(move |event: MouseEvent| {
        event.prevent_default();
        let Some(element) = document()
            .and_then(|document| document.get_element_by_id(target))
            .and_then(|element| element.dyn_into::<HtmlElement>().ok())
        else {
            return;
        };
        if !element.has_attribute("tabindex") && element.tag_name() != "TEXTAREA" {
            // The main region takes focus from a script only, not from Tab.
            let _ = element.set_attribute("tabindex", "-1");
        }
        let _ = element.focus();
    });
    html! {
        <a class="skip-link" href={format!("#{target}")} data-testid="skip-link" {onclick}>{ text }</a>
    }
}

/// The page's name in the browser's tab and history (and what a screen reader reads
/// first on a new route): the demo's title, or the site's name on the gallery.
#[hook]
pub fn use_page_title(demo_title: Option<&'static str>) {
    use_effect_with(demo_title, |title| {
        if let Some(document) = document() {
            document.set_title(&match title {
                Some(title) => format!("{title} \u{2013} threadplay"),
                None => "threadplay: Python threads and the GIL, running for real".into(),
            });
        }
    });
}

/// What the live region says for a status: set once per change of outcome.
pub fn announcement(status: UiStatus, exit_code: Option<i32>, deadlock: Option<&str>) -> String {
    match status {
        UiStatus::Idle => String::new(),
        UiStatus::Running => "Running.".into(),
        UiStatus::Finished => "Finished, exit code 0.".into(),
        UiStatus::Stopped => "Stopped.".into(),
        UiStatus::Paused => "Paused.".into(),
        UiStatus::Error => match exit_code {
            Some(code) => format!("Error: the program ended with exit code {code}."),
            None => "Error: the run could not go on.".into(),
        },
        UiStatus::Deadlock => match deadlock {
            Some(report) => format!(
                "Deadlock: {}",
                report.trim_start_matches("Deadlock: ").trim_end()
            ),
            None => "Deadlock: every thread waits for another.".into(),
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct LiveStatusProps {
    pub text: AttrValue,
}

/// The page's polite live region: in the page from the start (so changes are read),
/// visually hidden (the status counter shows the same on screen).
#[function_component(LiveStatus)]
pub fn live_status(props: &LiveStatusProps) -> Html {
    html! {
        <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"
           data-testid="live-status">{ props.text.clone() }</p>
    }
}

/// Keeps keyboard focus on a usable control while Run and Stop take turns: when a run
/// starts, focus on the now-disabled Run (or lost to the body) goes to Stop; when it
/// ends, focus on the now-disabled Stop (or lost) goes back to Run. Focus anywhere
/// else stays where it is.
#[hook]
pub fn use_run_focus(running: bool) {
    let before = use_mut_ref(|| running);
    use_effect_with(running, move |running| {
        let changed = *before.borrow() != *running;
        *before.borrow_mut() = *running;
        if changed {
            let (from, to) = if *running {
                ("run", "stop")
            } else {
                ("stop", "run")
            };
            hand_focus(from, to);
        }
    });
}

fn hand_focus(from: &str, to: &str) {
    let Some(document) = document() else {
        return;
    };
    let active = document.active_element();
    let lost = match &active {
        None => true,
        // Disabled: the button that was pressed (Run, the quiz's proof) just was.
        Some(element) => {
            element.tag_name() == "BODY"
                || element.has_attribute("disabled")
                || element.get_attribute("data-testid").as_deref() == Some(from)
        }
    };
    if !lost {
        return;
    }
    if let Some(target) = by_test_id(to).filter(|target| !target.has_attribute("disabled")) {
        let _ = target.focus();
    }
}
