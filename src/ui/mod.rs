//! The page's Yew components: the shell (header with the demo menu, routing by
//! `#/demo/<slug>` and `#/embed/<slug>`, each with an optional `?` query carrying a
//! program and settings), the gallery and the demo pages. wasm32 only.
//!
//! The UI reads what the runtime publishes (counters, trace lanes, console lines) once
//! per animation frame and never blocks; it must never know about bytecode or wait on a
//! lock. Test hooks (`data-testid`) named in the README are a stable contract.

mod a11y;
mod catalog;
mod console;
mod console_input;
mod crash;
mod editor;
mod embed;
mod field_check;
mod frame_loop;
mod hunt;
mod presenter;
mod python_page;
mod quiz;
mod run_backend;
mod run_status;
mod share;
mod stepping;
mod timeline;

use crate::program_link;
use crate::web;
use engine::threads::{MAX_LIVE_THREADS, POOL_SIZE, SERVICE_THREADS};
use gloo_events::EventListener;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Where the worker pool is.
#[derive(Clone, PartialEq)]
pub enum PoolState {
    /// The page is not cross-origin isolated: no shared memory, no workers.
    NotIsolated,
    /// The simulated build's engine worker is loading (the threads build's pool is
    /// built before the first render, so it never shows this).
    Starting,
    /// Programs can run (Run is offered); workers start as programs need them.
    Ready {
        ready_at_ms: f64,
        /// When the interpreter's warm-up ended; `None` until then. It begins when
        /// someone is about to run something (`web::warm_up`), and a program started
        /// before it ends waits for it on its worker, so the first timed run measures
        /// optimized code.
        warm_at_ms: Option<f64>,
    },
    Failed(String),
}

/// Builds the threads build's pool (no worker starts yet): Run is offered at once.
#[cfg(target_feature = "atomics")]
fn build_pool() -> PoolState {
    match web::start_worker_pool() {
        Ok(ready_at_ms) => PoolState::Ready {
            ready_at_ms,
            // `?no-warm-up` keeps the cold start, for scripts/bench-page.
            warm_at_ms: skip_warm_up().then_some(ready_at_ms),
        },
        Err(message) => PoolState::Failed(message),
    }
}

/// The simulated build has no pool (it never gets here: see `App`).
#[cfg(not(target_feature = "atomics"))]
fn build_pool() -> PoolState {
    PoolState::Starting
}

/// `?no-warm-up` in the address: no warm-up, so first runs start cold (for benchmarks).
#[cfg(target_feature = "atomics")]
fn skip_warm_up() -> bool {
    web_sys::window()
        .and_then(|window| window.location().search().ok())
        .is_some_and(|query| query.contains("no-warm-up"))
}

/// The part of the location hash after `#`, e.g. `/demo/many-threads`.
fn current_hash_path() -> String {
    web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .map(|hash| hash.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

#[function_component(App)]
pub fn app() -> Html {
    // The pool is built before the first render (it starts no worker and returns at
    // once), so Run is offered on the very first render.
    let pool = use_state(|| {
        // The simulated build needs no shared memory: it is what runs where there is
        // none. Its one engine worker starts in the effect below.
        if run_backend::SIMULATED {
            return PoolState::Starting;
        }
        if !web::is_cross_origin_isolated() {
            return PoolState::NotIsolated;
        }
        build_pool()
    });
    // Whether the warm-up runs now (the header says so).
    let warming = use_state(|| false);
    {
        let pool = pool.clone();
        #[cfg(target_feature = "atomics")]
        let warming = warming.clone();
        use_effect_with((), move |_| {
            // The simulated build starts its one engine worker instead of the pool.
            #[cfg(not(target_feature = "atomics"))]
            if *pool == PoolState::Starting {
                wasm_bindgen_futures::spawn_local(async move {
                    pool.set(match crate::simulated::start_engine().await {
                        Ok(at) => PoolState::Ready {
                            ready_at_ms: at,
                            warm_at_ms: Some(at),
                        },
                        Err(message) => PoolState::Failed(message),
                    });
                });
            }
            #[cfg(target_feature = "atomics")]
            if let PoolState::Ready {
                ready_at_ms,
                warm_at_ms: None,
            } = *pool
            {
                web::warm_up::prepare();
                wasm_bindgen_futures::spawn_local(async move {
                    web::warm_up::begun().await;
                    warming.set(true);
                    let warm_at_ms = web::warm_up::over().await;
                    warming.set(false);
                    pool.set(PoolState::Ready {
                        ready_at_ms,
                        warm_at_ms: Some(warm_at_ms),
                    });
                });
            }
        });
    }

    // The crash guard (www/crash-guard.js) reports a dead engine; re-render so the page
    // shows `error` and stops polling.
    let crash_seen = use_force_update();
    use_effect_with((), move |_| {
        let listener = crash::listen(move || crash_seen.force_update());
        move || drop(listener)
    });

    let hash_path = use_state(current_hash_path);
    {
        let hash_path = hash_path.clone();
        use_effect_with((), move |_| {
            let window = web_sys::window().expect("the page has a window");
            let listener = EventListener::new(&window, "hashchange", move |_| {
                hash_path.set(current_hash_path());
            });
            move || drop(listener)
        });
    }

    // `#/` (or anything but a demo or embed route) is the gallery. A route may carry a
    // program and settings after `?` (program_link); `#/embed/` alone is the sandbox.
    let (route, query) = program_link::split_route(&hash_path);
    let embedded = route.strip_prefix("/embed/");
    let slug = match embedded {
        Some("") => "python".to_string(),
        Some(slug) => slug.to_string(),
        None => route.strip_prefix("/demo/").unwrap_or_default().to_string(),
    };
    let link = use_memo(query.to_string(), |query| program_link::parse_query(query));
    a11y::use_page_title(catalog::find(&slug).map(|demo| demo.title));
    // Presenter mode (ui/presenter.rs) applies to demo pages, not the gallery or embeds.
    let shown_demo = catalog::find(&slug).filter(|_| {
        embedded.is_none() && matches!(*pool, PoolState::Starting | PoolState::Ready { .. })
    });
    let (presenting, toggle_presenter) = presenter::use_presenter(shown_demo.map(|demo| demo.slug));
    let page = Page {
        slug: &slug,
        key: &hash_path,
        link: &link,
        embed: embedded.is_some(),
    };

    if page.embed {
        return html! {
            <embed::EmbedShell theme={link.state.theme.clone().map(AttrValue::from)}>
                { body_for(&pool, &page) }
            </embed::EmbedShell>
        };
    }
    html! {
        <div class={classes!("shell", presenting.then_some("presenter"))}>
            // Without threads a demo route shows a notice, not the editor: skip to it.
            <a11y::SkipLink demo={!slug.is_empty() && !matches!(*pool, PoolState::NotIsolated | PoolState::Failed(_))} />
            <Header pool={(*pool).clone()} warming={*warming} current={slug.clone()}>
                if shown_demo.is_some() {
                    <presenter::PresenterToggle on={presenting} ontoggle={toggle_presenter} />
                }
            </Header>
            <main class="demo-area" id={a11y::MAIN_ID}>
                { body_for(&pool, &page) }
            </main>
        </div>
    }
}

/// The route's demo page: which demo, as embed or full page, with the link's settings.
struct Page<'a> {
    slug: &'a str,
    /// The whole hash path: a new link to the same demo opens the page afresh.
    key: &'a str,
    link: &'a Rc<program_link::Parsed>,
    embed: bool,
}

fn body_for(pool: &PoolState, page: &Page) -> Html {
    let slug = page.slug;
    if slug.is_empty() {
        return html! { <Gallery /> };
    }
    match pool {
        PoolState::NotIsolated => html! { <NotIsolatedMessage /> },
        PoolState::Failed(message) => html! {
            <section class="notice error" data-testid="pool-error">
                <h2>{ "The worker pool did not start" }</h2>
                <p>{ format!("The browser said: {message}") }</p>
                <p>{ "Reload the page; if it persists, check the browser console." }</p>
            </section>
        },
        PoolState::Starting | PoolState::Ready { .. } => {
            let ready = matches!(pool, PoolState::Ready { .. });
            match catalog::find(slug) {
                Some(demo) => html! {
                    <python_page::PythonPage key={page.key} pool_ready={ready} demo={demo}
                                             embed={page.embed} link={page.link.clone()} />
                },
                _ => html! {
                    <section class="notice" data-testid="unknown-demo">
                        <h2>{ format!("There is no demo called \u{201c}{slug}\u{201d}") }</h2>
                        <p>{ "Pick one from the list." }</p>
                    </section>
                },
            }
        }
    }
}

#[derive(Properties, PartialEq)]
struct HeaderProps {
    pool: PoolState,
    /// The interpreter's warm-up runs now.
    warming: bool,
    /// The demo shown (empty on the gallery).
    current: String,
    /// The presenter toggle, on demo pages.
    #[prop_or_default]
    children: Html,
}

#[function_component(Header)]
fn header(props: &HeaderProps) -> Html {
    // The pool counts workers for Python threads and for the runtime's own service
    // threads; the learner only cares about the first number.
    let (text, detail, class, ready_ms) = match &props.pool {
        PoolState::NotIsolated => (
            "no shared memory: threads unavailable".to_string(),
            String::new(),
            "warn",
            None,
        ),
        PoolState::Starting => (
            "starting".to_string(),
            " threads\u{2026}".to_string(),
            "busy",
            None,
        ),
        PoolState::Ready { ready_at_ms, .. } if props.warming => (
            "warming up".to_string(),
            format!(" ({MAX_LIVE_THREADS} threads ready in {ready_at_ms:.0} ms)"),
            "busy",
            Some(format!("{ready_at_ms:.1}")),
        ),
        PoolState::Ready { ready_at_ms, .. } => (
            format!("{MAX_LIVE_THREADS} threads"),
            format!(" ready in {ready_at_ms:.0} ms"),
            "ok",
            Some(format!("{ready_at_ms:.1}")),
        ),
        PoolState::Failed(_) => (
            "worker pool failed".to_string(),
            String::new(),
            "warn",
            None,
        ),
    };
    let warm_ms = match &props.pool {
        PoolState::Ready {
            warm_at_ms: Some(warm_at_ms),
            ..
        } => Some(format!("{warm_at_ms:.1}")),
        _ => None,
    };
    let mut title = format!(
        "Up to {POOL_SIZE} Web Workers, each started when a program needs it: {MAX_LIVE_THREADS} for Python threads, {SERVICE_THREADS} for the runtime's own work"
    );
    // The simulated build has no pool: one worker runs every Python thread in turn.
    let (text, detail) = match &props.pool {
        PoolState::Ready { .. } if run_backend::SIMULATED => {
            title = "No shared memory here: one Web Worker runs every Python thread in turn, on a virtual clock".into();
            ("simulated threads".to_string(), " on one core".to_string())
        }
        _ => (text, detail),
    };
    html! {
        <header class="top">
            <a class="brand" href="#/">
                <img class="logo" src="favicon.svg" alt="" width="22" height="22" />
                <span class="name">{ "threadplay" }</span>
            </a>
            <DemoMenu current={props.current.clone()} />
            <span class="tagline">{ "Python threads and the GIL, running for real" }</span>
            <span class={classes!("pool", class)} data-testid="pool-status" {title}
                  data-ready-ms={ready_ms} data-warm-ms={warm_ms}>{ text }<span class="pool-time">{ detail }</span></span>
            { props.children.clone() }
        </header>
    }
}

#[derive(Properties, PartialEq)]
struct DemoMenuProps {
    current: String,
}

/// Every demo, in a menu that drops down from the header: the demo page keeps the whole
/// width for the program and the timeline. A `<details>`, so it opens with the keyboard
/// and a screen reader knows it is expanded; it closes when a demo is picked (the route
/// changes) and on Escape.
#[function_component(DemoMenu)]
fn demo_menu(props: &DemoMenuProps) -> Html {
    let menu = use_node_ref();
    {
        let menu = menu.clone();
        use_effect_with(props.current.clone(), move |_| {
            if let Some(details) = menu.cast::<web_sys::Element>() {
                let _ = details.remove_attribute("open");
            }
        });
    }
    let on_key = {
        let menu = menu.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() != "Escape" {
                return;
            }
            if let Some(details) = menu.cast::<web_sys::Element>() {
                if details.has_attribute("open") {
                    let _ = details.remove_attribute("open");
                    // Escape also stops a run (python_page): a closed menu must not.
                    event.stop_propagation();
                    if let Some(summary) = details.first_element_child() {
                        let _ = summary.unchecked_into::<web_sys::HtmlElement>().focus();
                    }
                }
            }
        })
    };
    html! {
        <details class="demo-menu" ref={menu} onkeydown={on_key}>
            <summary data-testid="demo-menu">{ "Demos" }</summary>
            <nav class="demo-list" data-testid="demo-list" aria-label="Demos">
                <p class="all"><a href="#/">{ "All demos, by section" }</a></p>
                <ul>
                { for catalog::all().map(|demo| {
                    let active = demo.slug == props.current;
                    html! {
                        <li class={classes!(active.then_some("active"))}>
                            <a href={format!("#/demo/{}", demo.slug)}
                               aria-current={active.then_some("page")}>
                                <span class="title">{ demo.title }</span>
                            </a>
                        </li>
                    }
                }) }
                </ul>
            </nav>
        </details>
    }
}

/// The first three demos a newcomer should open, in order: one thread, then what goes
/// wrong when threads share data, then what the GIL does to CPU-bound work.
const START_HERE: [&str; 3] = ["first-thread", "race", "gil"];

/// `#/`: a first step for newcomers, then every demo grouped by the chapter's sections
/// (the sections flow in columns, so the page fills the width).
#[function_component(Gallery)]
fn gallery() -> Html {
    let path: Vec<&'static catalog::DemoEntry> = START_HERE
        .iter()
        .filter_map(|slug| catalog::find(slug))
        .collect();
    html! {
        <article class="gallery" data-testid="gallery">
            <header class="demo-head">
                <h1>{ "Python threads, running for real" }</h1>
                <p>{ "Every example of the threading chapter as a program you can run, change and watch: one Web Worker per Python thread, a live timeline of who runs and who waits, and three GIL models (CPython 3.9, 3.12 and free-threaded)." }</p>
            </header>
            if let Some(first) = path.first() {
                <section class="start-here" aria-labelledby="start-here-title" data-testid="start-here">
                    <div class="start-intro">
                        <h2 id="start-here-title">{ "New to threads? Start here" }</h2>
                        <p>{ "Three demos, about two minutes each. Press Run, watch the lanes, then change one thing and run again." }</p>
                        <a class="start-button" href={format!("#/demo/{}", first.slug)}
                           data-testid="start-here-link">{ format!("Start: {} \u{2192}", first.title) }</a>
                    </div>
                    <ol class="start-path">
                        { for path.iter().map(|demo| html! {
                            <li>
                                <a href={format!("#/demo/{}", demo.slug)}>
                                    <span class="title">{ demo.title }</span>
                                    <span class="blurb">{ demo.blurb }</span>
                                </a>
                            </li>
                        }) }
                    </ol>
                </section>
            }
            <div class="gallery-sections">
            { for catalog::by_section().into_iter().map(|(section, demos)| html! {
                <section class="gallery-section" aria-label={section}>
                    <h2>{ section }</h2>
                    <ul>
                    { for demos.into_iter().map(|demo| html! {
                        <li>
                            <a href={format!("#/demo/{}", demo.slug)}
                               data-testid={format!("gallery-{}", demo.slug)}>
                                <span class="title">{ demo.title }</span>
                                <span class="blurb">{ demo.blurb }</span>
                            </a>
                        </li>
                    }) }
                    </ul>
                </section>
            }) }
            </div>
        </article>
    }
}

#[function_component(NotIsolatedMessage)]
fn not_isolated_message() -> Html {
    html! {
        <section class="notice error" data-testid="not-isolated">
            <h1>{ "Real threads are switched off on this page" }</h1>
            <p>
                { "threadplay runs every thread on its own Web Worker, and the workers share one block of memory (a " }
                <code>{ "SharedArrayBuffer" }</code>
                { "). Browsers allow that only on cross-origin isolated pages, and this one is not: it was served without the headers that turn isolation on." }
            </p>
            <p>{ "What to do:" }</p>
            <ul>
                <li>{ "Running it yourself: start it with " }<code>{ "./scripts/serve" }</code>{ " and open http://127.0.0.1:8080." }</li>
                <li>{ "Hosting it: send these three headers with every file (www/_headers has them for Netlify and Cloudflare Pages; on a host without headers, such as GitHub Pages, a top-level visit turns isolation on through a service worker):" }
                    <pre>{ "Cross-Origin-Opener-Policy: same-origin\nCross-Origin-Embedder-Policy: require-corp\nDocument-Isolation-Policy: isolate-and-require-corp" }</pre>
                </li>
                <li>{ "Embedding it in an iframe: with the third header, Chromium-based browsers run real threads inside the iframe on any page; other browsers only when the parent page is isolated as well." }</li>
            </ul>
        </section>
    }
}
