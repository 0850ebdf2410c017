//! The live timeline: one lane per thread on a canvas, colored by state, with a time
//! axis, plus its legend. Drawing only: it reads a drained [`TraceLog`] and never touches
//! the runtime.

use crate::trace::{ThreadState, TraceLog};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

const LANE_HEIGHT: f64 = 16.0;
const LANE_GAP: f64 = 4.0;
const LABEL_WIDTH: f64 = 132.0;
const AXIS_HEIGHT: f64 = 26.0;
const TOP_PAD: f64 = 8.0;
const RIGHT_PAD: f64 = 16.0;

/// Lane colors; the browser test reads pixels back, so keep them distinct.
pub fn state_color(state: ThreadState) -> &'static str {
    match state {
        ThreadState::Running => "#2f9e5b",
        ThreadState::WaitingForGil => "#e2a50b",
        ThreadState::Sleeping => "#3f7fdc",
        ThreadState::Blocked => "#d9483b",
        ThreadState::Done => "#b9bec7",
    }
}

/// CSS height the canvas needs for `lanes` lanes.
pub fn canvas_height(lanes: usize) -> f64 {
    TOP_PAD + lanes.max(1) as f64 * (LANE_HEIGHT + LANE_GAP) + AXIS_HEIGHT
}

/// A tick step of 1, 2 or 5 times a power of ten giving about `target` ticks.
fn tick_step(span_ms: f64, target: f64) -> f64 {
    let raw = (span_ms / target).max(1e-3);
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|step| *step >= raw)
        .unwrap_or(10.0 * magnitude)
}

/// The lane name, shortened with an ellipsis to fit the label column.
fn fit_label(context: &CanvasRenderingContext2d, name: &str) -> String {
    let fits = |text: &str| {
        context
            .measure_text(text)
            .map(|m| m.width() <= LABEL_WIDTH - 12.0)
            .unwrap_or(true)
    };
    if fits(name) {
        return name.to_string();
    }
    let mut chars: Vec<char> = name.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate: String = chars.iter().collect::<String>() + "\u{2026}";
        if fits(&candidate) {
            return candidate;
        }
    }
    String::new()
}

/// Draws `log` from `origin_ns` over a window of `window_ms`; `now_ns` closes open spans.
/// Returns how many lanes were drawn.
/// The timeline's neutral colors, from the page's CSS (light or dark theme).
struct Theme {
    text: String,
    muted: String,
    grid: String,
    track: String,
}

impl Theme {
    fn of(canvas: &HtmlCanvasElement) -> Theme {
        let style = web_sys::window().and_then(|w| w.get_computed_style(canvas).ok().flatten());
        let color = |name: &str, fallback: &str| {
            style
                .as_ref()
                .and_then(|s| s.get_property_value(name).ok())
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| fallback.to_string())
        };
        Theme {
            text: color("--tl-text", "#30343b"),
            muted: color("--tl-muted", "#5b6270"),
            grid: color("--tl-grid", "#e6e8ec"),
            track: color("--tl-track", "#f3f4f6"),
        }
    }
}

pub fn draw(
    canvas: &HtmlCanvasElement,
    log: &TraceLog,
    origin_ns: u64,
    now_ns: u64,
    window_ms: f64,
) -> usize {
    let css_width = f64::from(canvas.client_width()).max(320.0);
    let css_height = canvas_height(log.lanes.len());
    let theme = Theme::of(canvas);
    let ratio = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0);
    canvas.set_width((css_width * ratio) as u32);
    canvas.set_height((css_height * ratio) as u32);
    let _ = canvas
        .style()
        .set_property("height", &format!("{css_height}px"));
    let Some(context) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
    else {
        return 0;
    };
    let _ = context.scale(ratio, ratio);
    context.clear_rect(0.0, 0.0, css_width, css_height);

    let plot_width = (css_width - LABEL_WIDTH - RIGHT_PAD).max(10.0);
    let window_ms = window_ms.max(1.0);
    let x_of = |ns: u64| {
        let ms = ns.saturating_sub(origin_ns) as f64 / 1e6;
        LABEL_WIDTH + (ms / window_ms).min(1.0) * plot_width
    };
    let axis_y = TOP_PAD + log.lanes.len().max(1) as f64 * (LANE_HEIGHT + LANE_GAP);

    // Grid and axis first, so lanes draw over them.
    let step = tick_step(window_ms, 8.0);
    context.set_font("11px system-ui, sans-serif");
    context.set_text_baseline("top");
    let mut tick = 0.0;
    while tick <= window_ms + 1e-9 {
        let x = LABEL_WIDTH + tick / window_ms * plot_width;
        context.set_fill_style_str(&theme.grid);
        context.fill_rect(x, TOP_PAD, 1.0, axis_y - TOP_PAD);
        context.set_fill_style_str(&theme.muted);
        let label = if window_ms >= 2000.0 {
            format!("{:.1} s", tick / 1000.0)
        } else {
            format!("{tick:.0} ms")
        };
        // Keep the first and last labels inside the plot.
        let label_width = context
            .measure_text(&label)
            .map(|m| m.width())
            .unwrap_or(0.0);
        let label_x =
            (x - label_width / 2.0).clamp(LABEL_WIDTH - 4.0, css_width - label_width - 2.0);
        let _ = context.fill_text(&label, label_x, axis_y + 6.0);
        tick += step;
    }
    context.set_fill_style_str(&theme.muted);
    context.fill_rect(LABEL_WIDTH, axis_y, plot_width, 1.0);

    context.set_text_baseline("middle");
    for (index, lane) in log.lanes.iter().enumerate() {
        let y = TOP_PAD + index as f64 * (LANE_HEIGHT + LANE_GAP);
        context.set_fill_style_str(&theme.text);
        let _ = context.fill_text(&fit_label(&context, &lane.name), 6.0, y + LANE_HEIGHT / 2.0);
        context.set_fill_style_str(&theme.track);
        context.fill_rect(LABEL_WIDTH, y, plot_width, LANE_HEIGHT);
        for span in lane.spans(now_ns) {
            let x0 = x_of(span.start_ns);
            let x1 = x_of(span.end_ns).max(x0 + 1.0);
            context.set_fill_style_str(state_color(span.state));
            context.fill_rect(x0, y, x1 - x0, LANE_HEIGHT);
        }
        if let Some(end) = lane.events.last().filter(|e| e.state == ThreadState::Done) {
            // A thin tail marks where the thread ended.
            context.set_fill_style_str(state_color(ThreadState::Done));
            context.fill_rect(x_of(end.at_ns), y + LANE_HEIGHT / 2.0 - 1.0, 6.0, 2.0);
        }
    }
    let _ = canvas.set_attribute("data-lanes", &log.lanes.len().to_string());
    log.lanes.len()
}

#[function_component(Legend)]
pub fn legend() -> Html {
    html! {
        <ul class="legend" data-testid="timeline-legend">
        { for ThreadState::ALL.iter().map(|state| html! {
            <li>
                <span class="swatch" style={format!("background:{}", state_color(*state))}></span>
                { state.label() }
            </li>
        }) }
        </ul>
    }
}

/// Each thread's identity color (its lane chip, its console tag, its editor marker).
pub fn lane_color(lane: usize) -> &'static str {
    const PALETTE: [&str; 10] = [
        "#4c6ef5", "#e8590c", "#0ca678", "#d6336c", "#7048e8", "#1098ad", "#f08c00", "#5c940d",
        "#c2255c", "#495057",
    ];
    PALETTE[lane % PALETTE.len()]
}
