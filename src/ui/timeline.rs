//! The live timeline: one lane per thread on a canvas, colored by state, a GIL lane
//! showing who holds it (forced and voluntary hand-offs as ticks), a time axis, zoom and
//! pan, a hover tooltip, and the legend.
//!
//! The page hands it the run's bounded trace store once per frame
//! ([`TimelineHandle::update`]); the timeline keeps no copy of the trace: it draws
//! straight from the store ([`TimelineModel`] answers its queries), taking the store's
//! lock only with `try_lock` and skipping the frame when the run's keeper holds it.
//! Lanes are painted per pixel column into one image (the state covering most of each
//! column wins), so a frame costs about the same for 10 events or 100 000, and the
//! store's caps bound it however long the run goes on. Before the store's boundary the
//! trace is a summary: that part is shaded, and the tooltip says so.
//! Drawing only: it never touches the runtime, never blocks (no `lock()`), and never
//! drops an event (coalescing is visual only; summarizing is the store's).

mod labels;
mod rows;

use crate::timeline_model::{BlockedLabel, TimelineModel};
use engine::keeper::SharedStore;
use labels::{fit_label, label_tip, Labels, LABEL_TEXT_X, LANE_FONT};
use rows::Rows;
use std::cell::RefCell;
use std::rc::Rc;
use trace::store::TraceStore;
use trace::ThreadState;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement, ImageData};
use yew::prelude::*;

const LANE_HEIGHT: f64 = 16.0;
const LANE_GAP: f64 = 4.0;
const AXIS_HEIGHT: f64 = 26.0;
const TOP_PAD: f64 = 8.0;
const RIGHT_PAD: f64 = 16.0;
/// Extra space between the thread lanes and the GIL lane below them.
const GIL_GAP: f64 = 6.0;
/// Rows of the GIL lane used by the hand-off ticks (below the holder band).
const TICK_ROWS: f64 = 4.0;
/// The narrowest window a zoom may reach, in milliseconds (50 microseconds).
const MIN_WINDOW_MS: f64 = 0.05;
/// A blocked span at least this wide (CSS px) is labelled with what it waits for.
const BLOCKED_LABEL_PX: f64 = 56.0;
const FORCED_TICK: [u8; 4] = [0xc2, 0x18, 0x5b, 0xff];
const VOLUNTARY_TICK: [u8; 4] = [0x8a, 0x94, 0xa6, 0xff];

/// Lane colors; the browser test reads pixels back, so keep them distinct.
pub fn state_color(state: ThreadState) -> &'static str {
    match state {
        ThreadState::Running => "#2f9e5b",
        ThreadState::WaitingForGil => "#e2a50b",
        ThreadState::Sleeping => "#3f7fdc",
        // Dark enough for the white "waits for" labels drawn on it (4.96:1).
        ThreadState::Blocked => "#c8402f",
        ThreadState::Done => "#b9bec7",
    }
}

/// Identity colors of threads, cycling: distinguishable from each other and readable
/// on light and dark backgrounds (Tableau 10). Lane `n` of the timeline (the chip by its
/// name, its stretch of the GIL lane) and anything else naming that thread use
/// `lane_color(n)`.
const LANE_PALETTE: [&str; 10] = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac",
];

/// The identity color of thread lane `lane` (0 is the main thread).
pub fn lane_color(lane: usize) -> &'static str {
    LANE_PALETTE[lane % LANE_PALETTE.len()]
}

/// The canvas's 2D drawing context (None if the browser refuses one).
fn context_2d(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
}

/// CSS height the canvas needs for `lanes` lanes (and the GIL lane, when shown).
pub fn canvas_height(lanes: usize, gil_lane: bool) -> f64 {
    let gil = if gil_lane {
        GIL_GAP + LANE_HEIGHT + LANE_GAP
    } else {
        0.0
    };
    TOP_PAD + lanes.max(1) as f64 * (LANE_HEIGHT + LANE_GAP) + gil + AXIS_HEIGHT
}

/// A tick step of 1, 2 or 5 times a power of ten giving about `target` ticks.
fn tick_step(span_ms: f64, target: f64) -> f64 {
    let raw = (span_ms / target).max(1e-6);
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|step| *step >= raw)
        .unwrap_or(10.0 * magnitude)
}

/// A time in milliseconds, with as many digits as `step` (the axis step) needs.
fn time_label(ms: f64, step: f64) -> String {
    if step >= 1000.0 {
        format!("{:.*} s", decimals(step / 1000.0), ms / 1000.0)
    } else {
        format!("{:.*} ms", decimals(step), ms)
    }
}

fn decimals(step: f64) -> usize {
    if step >= 1.0 {
        0
    } else {
        (-step.log10()).ceil().clamp(0.0, 4.0) as usize
    }
}

/// A duration for the tooltip.
fn duration_label(ms: f64) -> String {
    if ms >= 1000.0 {
        format!("{:.3} s", ms / 1000.0)
    } else if ms >= 1.0 {
        format!("{ms:.2} ms")
    } else {
        format!("{:.1} \u{b5}s", ms * 1000.0)
    }
}

/// `#rgb`, `#rrggbb` or `rgb(r, g, b)` as RGBA bytes (opaque gray when unreadable).
fn parse_color(css: &str) -> [u8; 4] {
    let css = css.trim();
    if let Some(hex) = css.strip_prefix('#') {
        let digit = |i: usize, len: usize| {
            u8::from_str_radix(hex.get(i..i + len).unwrap_or("0"), 16).unwrap_or(0)
        };
        return match hex.len() {
            3 => [digit(0, 1) * 17, digit(1, 1) * 17, digit(2, 1) * 17, 255],
            6 | 8 => [digit(0, 2), digit(2, 2), digit(4, 2), 255],
            _ => [128, 128, 128, 255],
        };
    }
    if let Some(inner) = css
        .strip_prefix("rgba(")
        .or_else(|| css.strip_prefix("rgb("))
        .and_then(|rest| rest.strip_suffix(')'))
    {
        let mut parts = inner
            .split([',', ' ', '/'])
            .filter(|p| !p.is_empty())
            .map(|p| p.parse::<f64>().unwrap_or(0.0).clamp(0.0, 255.0) as u8);
        let mut next = || parts.next().unwrap_or(0);
        return [next(), next(), next(), 255];
    }
    [128, 128, 128, 255]
}

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

/// A pointer pressed on the canvas: where, and whether it has moved far enough to be a
/// drag (a press that has not is a tap or a click).
#[derive(Clone, Copy)]
struct Press {
    x: f64,
    y: f64,
    moved: bool,
}

/// How far (CSS px) a press may move and still count as a tap.
const TAP_SLOP: f64 = 8.0;

/// What part of the run the canvas shows.
#[derive(Clone, Copy, Debug, PartialEq)]
struct View {
    /// Show the whole run and follow its live end (until the user zooms or pans).
    follow: bool,
    start_ms: f64,
    window_ms: f64,
}

/// Where things were drawn last, for hit testing in CSS pixels.
#[derive(Clone, Default)]
struct Layout {
    label_width: f64,
    plot_width: f64,
    /// Where each thread lane and each process's GIL lane went.
    rows: Rc<Rows>,
    start_ms: f64,
    window_ms: f64,
}

/// Buffers reused from frame to frame, so drawing allocates nothing once warmed up.
#[derive(Default)]
struct Scratch {
    columns: Vec<u8>,
    cover: Vec<[f32; 5]>,
    holders: Vec<u16>,
    ticks: Vec<u8>,
    pixels: Vec<u8>,
    labels: Vec<BlockedLabel>,
    /// The JS-side copy of `pixels` and the image around it (wasm memory is shared, and
    /// an ImageData must not view shared memory).
    image: Option<(u32, u32, js_sys::Uint8ClampedArray, ImageData)>,
    /// Lane names, measured and fitted to the label column.
    names: Labels,
    canvas_size: (u32, u32),
    /// The small image's canvas (one pixel row per lane), stretched onto the timeline.
    rows_canvas: Option<HtmlCanvasElement>,
    /// The canvas's CSS width and the theme, read again only after a resize (reading
    /// them forces the browser to lay out and style the page).
    measured: Option<(f64, Theme)>,
}

struct TimelineState {
    /// The run's store (None before the first run); read with `try_lock` only.
    store: Option<SharedStore>,
    /// Where the run is now (or ended), on the trace's clock.
    end_ns: u64,
    view: View,
    /// The width "fit" shows, in milliseconds from the origin.
    fit_ms: f64,
    gil_lane: bool,
    canvas: NodeRef,
    layout: Layout,
    scratch: Scratch,
    /// A drag in progress: pointer x where it began and the view's start then.
    drag: Option<(f64, f64)>,
    /// The press that began it, to tell a tap from a drag.
    press: Option<Press>,
    /// Draw who waits for whom (the page sets it when a run ended in a deadlock).
    show_waits: bool,
    /// The trace is on the virtual scheduler's clock, which started here (the axis
    /// starts there too, and says it is virtual time).
    virtual_origin: Option<u64>,
}

/// The timeline's state, shared by the page (which feeds it every frame) and the
/// [`Timeline`] component (which draws and handles zoom, pan and hover).
#[derive(Clone)]
pub struct TimelineHandle {
    state: Rc<RefCell<TimelineState>>,
}

impl PartialEq for TimelineHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.state, &other.state)
    }
}

/// A timeline for one page; `gil_lane`: show the GIL lane (Python pages).
#[hook]
pub fn use_timeline(gil_lane: bool) -> TimelineHandle {
    let handle = use_state(move || TimelineHandle {
        state: Rc::new(RefCell::new(TimelineState {
            store: None,
            end_ns: 0,
            view: View {
                follow: true,
                start_ms: 0.0,
                window_ms: 50.0,
            },
            fit_ms: 50.0,
            gil_lane,
            canvas: NodeRef::default(),
            layout: Layout::default(),
            scratch: Scratch::default(),
            drag: None,
            press: None,
            show_waits: false,
            virtual_origin: None,
        })),
    });
    (*handle).clone()
}

impl TimelineHandle {
    /// Shows `store` (a new one is a new run: the view follows it again) up to
    /// `end_ns`, `fit_ms` being the width the whole-run view shows, and redraws. Never
    /// blocks: returns false when the store was busy and the frame was skipped.
    /// `virtual_origin`: the run is on the virtual scheduler, whose clock started at
    /// that instant; `end_ns` and `fit_ms` are in its virtual time, from there (the axis
    /// starts there and is labelled virtual, and runs far shorter than a millisecond
    /// still fill the width).
    pub fn update(
        &self,
        store: &SharedStore,
        end_ns: u64,
        fit_ms: f64,
        virtual_origin: Option<u64>,
    ) -> bool {
        let started = now_ms();
        let Ok(mut state) = self.state.try_borrow_mut() else {
            return false;
        };
        let new_run = !state
            .store
            .as_ref()
            .is_some_and(|shown| std::sync::Arc::ptr_eq(shown, store));
        if new_run {
            state.store = Some(store.clone());
            state.view.follow = true;
        }
        state.end_ns = end_ns;
        state.virtual_origin = virtual_origin;
        state.fit_ms = fit_ms.max(if virtual_origin.is_some() {
            MIN_WINDOW_MS
        } else {
            1.0
        });
        let drawn = state.draw();
        if drawn {
            if let Some(canvas) = state.canvas.cast::<HtmlCanvasElement>() {
                report_draw_time(&canvas, now_ms() - started);
            }
        }
        drawn
    }

    /// Whether to draw the wait-for arrows (a deadlock's cycle) from the next draw on.
    pub fn show_wait_cycle(&self, show: bool) {
        if let Ok(mut state) = self.state.try_borrow_mut() {
            state.show_waits = show;
        }
    }

    fn redraw(&self) {
        let started = now_ms();
        if let Ok(mut state) = self.state.try_borrow_mut() {
            // A busy store (the keeper is draining) skips this draw; the page's next
            // frame draws again.
            if state.draw() {
                if let Some(canvas) = state.canvas.cast::<HtmlCanvasElement>() {
                    report_draw_time(&canvas, now_ms() - started);
                }
            }
        }
    }

    /// Zooms by `factor` (below 1 zooms in) keeping the time under `anchor` (0..1 of
    /// the plot width) in place.
    fn zoom(&self, factor: f64, anchor: f64) {
        if let Ok(mut state) = self.state.try_borrow_mut() {
            let total = state.fit_ms;
            let view = state.current_view();
            let anchor_ms = view.start_ms + anchor * view.window_ms;
            let window = (view.window_ms * factor).clamp(MIN_WINDOW_MS, total);
            state.view = if window >= total {
                fit_view(total)
            } else {
                View {
                    follow: false,
                    start_ms: (anchor_ms - anchor * window).clamp(0.0, total - window),
                    window_ms: window,
                }
            };
        }
        self.redraw();
    }

    /// Moves the view by `fraction` of its width (positive: later).
    fn pan(&self, fraction: f64) {
        if let Ok(mut state) = self.state.try_borrow_mut() {
            let view = state.current_view();
            state.pan_to(view.start_ms + fraction * view.window_ms);
        }
        self.redraw();
    }

    fn fit(&self) {
        if let Ok(mut state) = self.state.try_borrow_mut() {
            state.view = fit_view(state.fit_ms);
        }
        self.redraw();
    }

    /// Where CSS x `x` falls across the plot, 0 to 1.
    fn anchor(&self, x: f64) -> f64 {
        self.state.try_borrow().map_or(0.5, |s| {
            ((x - s.layout.label_width) / s.layout.plot_width.max(1.0)).clamp(0.0, 1.0)
        })
    }

    fn plot_width(&self) -> f64 {
        self.state
            .try_borrow()
            .map(|s| s.layout.plot_width.max(1.0))
            .unwrap_or(1.0)
    }
}

fn fit_view(total_ms: f64) -> View {
    View {
        follow: true,
        start_ms: 0.0,
        window_ms: total_ms,
    }
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Publishes the frame's draw time: `data-draw-ms` on the canvas, and appended to
/// `window.__timelineDrawMs` when a benchmark or test put an array there.
fn report_draw_time(canvas: &HtmlCanvasElement, ms: f64) {
    let _ = canvas.set_attribute("data-draw-ms", &format!("{ms:.3}"));
    if let Some(window) = web_sys::window() {
        if let Ok(samples) = js_sys::Reflect::get(&window, &JsValue::from_str("__timelineDrawMs")) {
            if let Some(samples) = samples.dyn_ref::<js_sys::Array>() {
                samples.push(&JsValue::from_f64(ms));
            }
        }
    }
}

impl TimelineState {
    fn current_view(&self) -> View {
        if self.view.follow {
            fit_view(self.fit_ms)
        } else {
            self.view
        }
    }

    fn pan_to(&mut self, start_ms: f64) {
        let view = self.current_view();
        if view.window_ms >= self.fit_ms {
            return;
        }
        self.view = View {
            follow: false,
            start_ms: start_ms.clamp(0.0, self.fit_ms - view.window_ms),
            window_ms: view.window_ms,
        };
    }

    /// Draws from the store; false when it was busy (nothing drawn).
    fn draw(&mut self) -> bool {
        let Some(canvas) = self.canvas.cast::<HtmlCanvasElement>() else {
            return true;
        };
        let shared = self.store.clone();
        let (guard, empty);
        let store: &TraceStore = match &shared {
            Some(shared) => match shared.try_lock() {
                Ok(locked) => {
                    guard = locked;
                    &guard
                }
                Err(std::sync::TryLockError::Poisoned(poisoned)) => {
                    guard = poisoned.into_inner();
                    &guard
                }
                Err(std::sync::TryLockError::WouldBlock) => return false,
            },
            None => {
                empty = TraceStore::new(0);
                &empty
            }
        };
        let mut model = TimelineModel::new(store, self.end_ns);
        if let Some(origin) = self.virtual_origin {
            model = model.with_origin(origin);
        }
        self.draw_model(&canvas, &model);
        true
    }

    fn draw_model(&mut self, canvas: &HtmlCanvasElement, model: &TimelineModel) {
        let canvas = canvas.clone();
        let store = model.store;
        let counters = store.counters();
        let ms_from_origin = |ns: u64| ns.saturating_sub(model.origin_ns()) as f64 / 1e6;
        let view = self.current_view();
        let lanes = model.lanes().len();
        if self.scratch.measured.is_none() {
            let width = f64::from(canvas.client_width()).max(200.0);
            self.scratch.measured = Some((width, Theme::of(&canvas)));
        }
        let Some((css_width, theme)) = self.scratch.measured.take() else {
            return;
        };
        let rows = Rc::new(Rows::of(store, self.gil_lane));
        let css_height = rows.bottom + AXIS_HEIGHT;
        let ratio = web_sys::window()
            .map(|w| w.device_pixel_ratio())
            .unwrap_or(1.0)
            .max(1.0);
        let size = ((css_width * ratio) as u32, (css_height * ratio) as u32);
        if self.scratch.canvas_size != size {
            // Resizing clears and reallocates the canvas: only when the size changed.
            canvas.set_width(size.0);
            canvas.set_height(size.1);
            let _ = canvas
                .style()
                .set_property("height", &format!("{css_height}px"));
            self.scratch.canvas_size = size;
        }
        let Some(context) = context_2d(&canvas) else {
            return;
        };
        let _ = context.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
        context.clear_rect(0.0, 0.0, css_width, css_height);

        context.set_font(LANE_FONT);
        let label_width =
            self.scratch
                .names
                .measure(&context, model.lanes().iter().map(|l| l.name()), css_width);
        let plot_width = (css_width - label_width - RIGHT_PAD).max(10.0);
        let axis_y = rows.bottom;
        let step = tick_step(view.window_ms, (plot_width / 90.0).clamp(2.0, 10.0));
        let first_tick = (view.start_ms / step).ceil() * step;
        let ticks: Vec<f64> = (0..64)
            .map(|i| first_tick + i as f64 * step)
            .take_while(|t| *t <= view.start_ms + view.window_ms + 1e-9)
            .collect();
        let x_of_ms = |ms: f64| label_width + (ms - view.start_ms) / view.window_ms * plot_width;

        self.paint_plot(
            model,
            &context,
            &theme,
            ratio,
            label_width,
            plot_width,
            view,
            &rows,
            axis_y,
            &ticks,
            &x_of_ms,
        );

        // The summarized part: a light shade up to the boundary and a line at it (the
        // tooltip says what a summary bucket means).
        if store.is_summarized() {
            let boundary_x = x_of_ms(ms_from_origin(store.boundary_ns()))
                .clamp(label_width, label_width + plot_width);
            if boundary_x > label_width {
                context.set_fill_style_str(&theme.muted);
                context.set_global_alpha(0.16);
                context.fill_rect(
                    label_width,
                    TOP_PAD - 2.0,
                    boundary_x - label_width,
                    axis_y - TOP_PAD + 2.0,
                );
                if boundary_x < label_width + plot_width {
                    context.set_fill_style_str(&theme.text);
                    context.set_global_alpha(0.7);
                    context.fill_rect(boundary_x, TOP_PAD - 4.0, 1.0, axis_y - TOP_PAD + 4.0);
                }
                context.set_global_alpha(1.0);
            }
        }

        // Axis labels.
        context.set_font("11px system-ui, sans-serif");
        context.set_text_baseline("top");
        context.set_fill_style_str(&theme.muted);
        context.fill_rect(label_width, axis_y, plot_width, 1.0);
        for tick in &ticks {
            let x = x_of_ms(*tick);
            let label = time_label(*tick, step);
            let text_width = context
                .measure_text(&label)
                .map(|m| m.width())
                .unwrap_or(0.0);
            // Keep the first and last labels inside the plot.
            let label_x =
                (x - text_width / 2.0).clamp(label_width - 4.0, css_width - text_width - 2.0);
            let _ = context.fill_text(&label, label_x, axis_y + 6.0);
        }
        if self.virtual_origin.is_some() {
            // The axis is the virtual scheduler's clock, not the wall clock: said once,
            // under the lane names.
            context.set_text_align("right");
            let _ = context.fill_text("virtual time", label_width - 10.0, axis_y + 6.0);
            context.set_text_align("left");
        }

        // Lane names, each after a chip in the thread's identity color.
        context.set_text_baseline("middle");
        self.scratch.names.fit(&context, label_width);
        for (index, y) in rows.lane_top.iter().copied().enumerate() {
            context.set_fill_style_str(lane_color(index));
            context.fill_rect(6.0, y + 3.0, 10.0, 10.0);
            context.set_fill_style_str(&theme.text);
            let fitted = self.scratch.names.fitted(index);
            let _ = context.fill_text(fitted, LABEL_TEXT_X, y + LANE_HEIGHT / 2.0);
        }
        for row in &rows.gils {
            let top = row.top;
            context.set_font("600 11px system-ui, sans-serif");
            context.set_fill_style_str(&theme.text);
            let label = fit_label(&context, &row.label, label_width - LABEL_TEXT_X - 4.0);
            let _ = context.fill_text(&label, LABEL_TEXT_X, top + LANE_HEIGHT / 2.0);
            context.set_fill_style_str(&theme.muted);
            let _ = context.fill_text("\u{2666}", 7.0, top + LANE_HEIGHT / 2.0);
            context.set_font("11px system-ui, sans-serif");
            if row.process == 0 && !store.gil_seen() && store.counters().state_changes > 0 {
                let _ = context.fill_text(
                    "no GIL (free-threaded): threads run in parallel",
                    label_width + 6.0,
                    top + LANE_HEIGHT / 2.0,
                );
            }
        }

        // What long blocked spans wait for, inside them.
        context.set_fill_style_str("#ffffff");
        let column_width = 1.0 / ratio;
        for label in self.scratch.labels.iter().take(64) {
            let x0 = label_width + label.from_column * column_width + 4.0;
            let room = (label.to_column - label.from_column) * column_width - 8.0;
            let text = fit_label(&context, &label.what, room);
            if !text.is_empty() {
                let y = rows.lane_top.get(label.lane).copied().unwrap_or(TOP_PAD);
                let _ = context.fill_text(&text, x0, y + LANE_HEIGHT / 2.0);
            }
        }

        // A deadlock's cycle: from the moment the last thread blocked, an arrow from each
        // blocked lane to the lane holding what it waits for.
        let (edges, blocked_at) = if self.show_waits {
            model.wait_edges()
        } else {
            (Vec::new(), 0)
        };
        let end_ms = blocked_at.saturating_sub(model.origin_ns()) as f64 / 1e6;
        // Clear of the label that starts each blocked span, and inside the plot.
        let end_x = (x_of_ms(end_ms) + 64.0 + 18.0 * edges.len() as f64)
            .min(label_width + plot_width - 4.0);
        if !edges.is_empty() && end_x > label_width + 24.0 {
            context.set_stroke_style_str(&theme.text);
            context.set_fill_style_str(&theme.text);
            context.set_line_width(2.0);
            for (order, (from, to, _)) in edges.iter().enumerate() {
                let lane_y = |lane: usize| {
                    rows.lane_top.get(lane).copied().unwrap_or(TOP_PAD) + LANE_HEIGHT / 2.0
                };
                let (y0, y1) = (lane_y(*from), lane_y(*to));
                // Edges side by side, each bowing left of the end of the trace.
                let x = end_x - 6.0 - order as f64 * 18.0;
                let bow = x - 14.0 - 4.0 * (*from as f64 - *to as f64).abs().min(6.0);
                context.begin_path();
                context.move_to(x, y0);
                context.bezier_curve_to(bow, y0, bow, y1, x, y1);
                context.stroke();
                // The arrowhead points at the lane waited on.
                let towards = if y1 > y0 { -1.0 } else { 1.0 };
                context.begin_path();
                context.move_to(x, y1);
                context.line_to(x - 7.0, y1 + towards * 1.0);
                context.line_to(x - 3.0, y1 + towards * 7.0);
                context.close_path();
                context.fill();
                context.begin_path();
                context.arc(x, y0, 3.0, 0.0, std::f64::consts::TAU).ok();
                context.fill();
            }
        }

        self.layout = Layout {
            label_width,
            plot_width,
            rows: rows.clone(),
            start_ms: view.start_ms,
            window_ms: view.window_ms,
        };
        let attributes = [
            ("data-lanes", lanes.to_string()),
            // The GIL lanes drawn (one per process, "GIL" then "GIL · Process-1"...) and
            // how many of them have recorded hand-offs.
            (
                "data-gil-lanes",
                rows.gils
                    .iter()
                    .map(|g| g.label.as_str())
                    .collect::<Vec<_>>()
                    .join("|"),
            ),
            (
                "data-gil-lanes-recorded",
                store
                    .gil_tracks()
                    .iter()
                    .filter(|t| !t.marks().is_empty() || !t.summary().is_empty())
                    .count()
                    .to_string(),
            ),
            // The label column (the plot starts there), how many names it cuts and how
            // many of those look like another lane's.
            ("data-label-width", format!("{label_width:.1}")),
            ("data-labels-cut", self.scratch.names.cut().to_string()),
            ("data-labels-alike", self.scratch.names.alike().to_string()),
            // Every recorded state change is accounted for: kept in detail or folded
            // into the summary (`data-summarized`), so this equals `data-recorded`.
            ("data-events", counters.state_changes.to_string()),
            ("data-recorded", counters.state_changes.to_string()),
            ("data-retained", store.retained_events().to_string()),
            ("data-summarized", store.is_summarized().to_string()),
            (
                "data-summary-ms",
                format!("{:.3}", ms_from_origin(store.boundary_ns())),
            ),
            (
                "data-quantum-ms",
                format!("{:.6}", store.quantum_ns() as f64 / 1e6),
            ),
            ("data-window-ms", format!("{:.3}", view.window_ms)),
            ("data-view-start-ms", format!("{:.3}", view.start_ms)),
            ("data-follow", view.follow.to_string()),
            (
                "data-clock",
                if self.virtual_origin.is_some() {
                    "virtual"
                } else {
                    "real"
                }
                .to_string(),
            ),
            ("data-gil-handoffs", counters.gil_handoffs.to_string()),
            ("data-gil-forced", counters.gil_forced.to_string()),
            (
                "data-wait-edges",
                edges
                    .iter()
                    .map(|(from, to, what)| format!("{from}->{to}:{what}"))
                    .collect::<Vec<_>>()
                    .join(";"),
            ),
        ];
        for (name, value) in attributes {
            let _ = canvas.set_attribute(name, &value);
        }
        self.scratch.measured = Some((css_width, theme));
    }

    /// Paints the lanes and the GIL lane: one pixel row per lane, one pixel column at a
    /// time, into a small image (so the cost follows the canvas width, not the number of
    /// events), then stretches each row to its lane's height. Nearest-neighbour
    /// stretching keeps the state colors exact.
    #[allow(clippy::too_many_arguments)]
    fn paint_plot(
        &mut self,
        model: &TimelineModel,
        context: &CanvasRenderingContext2d,
        theme: &Theme,
        ratio: f64,
        label_width: f64,
        plot_width: f64,
        view: View,
        layout_rows: &Rows,
        axis_y: f64,
        ticks: &[f64],
        x_of_ms: &dyn Fn(f64) -> f64,
    ) {
        // Grid lines first: lanes cover them except in the gaps.
        context.set_fill_style_str(&theme.grid);
        for tick in ticks {
            context.fill_rect(x_of_ms(*tick), TOP_PAD, 1.0, axis_y - TOP_PAD);
        }
        let columns = ((plot_width * ratio).round() as usize).max(1);
        let lanes = model.lanes().len();
        // Rows: one per lane, then per process a GIL holder band and its tick strip.
        let gil_rows = layout_rows.gils.len();
        let rows = lanes + 2 * gil_rows;
        let ns_per_column = view.window_ms * 1e6 / columns as f64;
        let view_start_ns = view.start_ms * 1e6;
        let scratch = &mut self.scratch;
        scratch.pixels.clear();
        scratch.pixels.resize(columns * rows * 4, 0);
        scratch.columns.resize(columns, 0);
        scratch.labels.clear();

        let track = parse_color(&theme.track);
        let states: Vec<[u8; 4]> = ThreadState::ALL
            .iter()
            .map(|s| parse_color(state_color(*s)))
            .collect();
        let stride = columns * 4;
        let mut done_columns = Vec::new();
        for lane in 0..lanes {
            let done_column = model.lane_columns(
                lane,
                view_start_ns,
                ns_per_column,
                &mut scratch.columns,
                &mut scratch.cover,
                BLOCKED_LABEL_PX * ratio,
                &mut scratch.labels,
            );
            if let Some(done_at) = done_column {
                done_columns.push((lane, done_at));
            }
            let row = &mut scratch.pixels[lane * stride..(lane + 1) * stride];
            for (pixel, state) in row.chunks_exact_mut(4).zip(&scratch.columns) {
                let color = match state {
                    0 => &track,
                    n => &states[usize::from(*n - 1).min(4)],
                };
                pixel.copy_from_slice(color);
            }
        }
        let palette: Vec<[u8; 4]> = LANE_PALETTE.iter().map(|c| parse_color(c)).collect();
        for (index, gil_row) in layout_rows.gils.iter().enumerate() {
            scratch.holders.resize(columns, 0);
            scratch.ticks.resize(columns, 0);
            let gil_track = model
                .store
                .gil_tracks()
                .iter()
                .find(|t| t.process() == gil_row.process);
            match gil_track {
                Some(gil_track) => model.gil_columns_of(
                    gil_track,
                    view_start_ns,
                    ns_per_column,
                    &mut scratch.holders,
                    &mut scratch.ticks,
                ),
                None => {
                    scratch.holders.fill(0);
                    scratch.ticks.fill(0);
                }
            }
            let band_at = (lanes + 2 * index) * stride;
            let (band, strip) = scratch.pixels[band_at..band_at + 2 * stride].split_at_mut(stride);
            for (pixel, holder) in band.chunks_exact_mut(4).zip(&scratch.holders) {
                let color = match holder {
                    0 => &track,
                    n => &palette[usize::from(*n - 1) % palette.len()],
                };
                pixel.copy_from_slice(color);
            }
            for (pixel, tick) in strip.chunks_exact_mut(4).zip(&scratch.ticks) {
                let color = match tick {
                    2 => &FORCED_TICK,
                    1 => &VOLUNTARY_TICK,
                    _ => &track,
                };
                pixel.copy_from_slice(color);
            }
        }

        // Wasm memory is shared, and ImageData refuses a view of shared memory: copy
        // into a JS array kept for the next frame of the same size.
        let (width, height) = (columns as u32, rows as u32);
        let reuse = matches!(&scratch.image, Some((w, h, _, _)) if *w == width && *h == height);
        if !reuse {
            let array = js_sys::Uint8ClampedArray::new_with_length(width * height * 4);
            scratch.image = ImageData::new_with_js_u8_clamped_array(&array, width)
                .ok()
                .map(|image| (width, height, array, image));
        }
        if scratch.rows_canvas.is_none() {
            scratch.rows_canvas = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.create_element("canvas").ok())
                .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok());
        }
        let (Some((_, _, array, image)), Some(rows_canvas)) =
            (&scratch.image, &scratch.rows_canvas)
        else {
            return;
        };
        if rows_canvas.width() != width || rows_canvas.height() != height {
            rows_canvas.set_width(width);
            rows_canvas.set_height(height);
        }
        let Some(rows_context) = context_2d(rows_canvas) else {
            return;
        };
        array.copy_from(&scratch.pixels);
        let _ = rows_context.put_image_data(image, 0.0, 0.0);
        context.set_image_smoothing_enabled(false);
        let stretch = |row: usize, y: f64, height: f64| {
            let _ = context
                .draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                    rows_canvas,
                    0.0,
                    row as f64,
                    columns as f64,
                    1.0,
                    label_width,
                    y,
                    plot_width,
                    height,
                );
        };
        for (lane, top) in layout_rows.lane_top.iter().enumerate() {
            stretch(lane, *top, LANE_HEIGHT);
        }
        for (index, gil_row) in layout_rows.gils.iter().enumerate() {
            let top = gil_row.top;
            stretch(lanes + 2 * index, top, LANE_HEIGHT - TICK_ROWS);
            stretch(
                lanes + 2 * index + 1,
                top + LANE_HEIGHT - TICK_ROWS,
                TICK_ROWS,
            );
        }
        // A thin tail marks where each thread ended.
        context.set_fill_style_str(state_color(ThreadState::Done));
        for (lane, column) in done_columns {
            let top = layout_rows.lane_top.get(lane).copied().unwrap_or(TOP_PAD);
            let y = top + LANE_HEIGHT / 2.0 - 1.0;
            let x = label_width + column / ratio;
            context.fill_rect(x, y, (label_width + plot_width - x).clamp(0.0, 6.0), 2.0);
        }
    }
}

/// The tooltip's content and place (CSS px inside the timeline frame).
#[derive(Clone, PartialEq)]
struct Tip {
    left: f64,
    /// Show it to the left of the pointer (the pointer is in the right half).
    flip: bool,
    top: f64,
    title: String,
    color: &'static str,
    lines: Vec<String>,
}

impl TimelineHandle {
    /// What is under the pointer at (`x`, `y`) CSS px on the canvas; `None` when the
    /// store is busy (keep showing what was shown).
    fn tip_at(&self, x: f64, y: f64) -> Option<Option<Tip>> {
        let Ok(state) = self.state.try_borrow() else {
            return None;
        };
        let (guard, empty);
        let store: &TraceStore = match &state.store {
            Some(shared) => match shared.try_lock() {
                Ok(locked) => {
                    guard = locked;
                    &guard
                }
                Err(std::sync::TryLockError::Poisoned(poisoned)) => {
                    guard = poisoned.into_inner();
                    &guard
                }
                Err(std::sync::TryLockError::WouldBlock) => return None,
            },
            None => {
                empty = TraceStore::new(0);
                &empty
            }
        };
        let model = TimelineModel::new(store, state.end_ns);
        Some(tip_for(&model, state.layout.clone(), x, y))
    }
}

/// The tooltip for (`x`, `y`) over a drawing laid out as `layout`.
fn tip_for(model: &TimelineModel, layout: Layout, x: f64, y: f64) -> Option<Tip> {
    let label_width = layout.label_width;
    if x < label_width {
        return label_tip(model, layout, x, y);
    }
    if x > label_width + layout.plot_width || layout.window_ms <= 0.0 {
        return None;
    }
    let store = model.store;
    let at_ms = layout.start_ms + (x - label_width) / layout.plot_width * layout.window_ms;
    let at_ns = model.origin_ns() + (at_ms.max(0.0) * 1e6) as u64;
    let since = |start_ns: u64| start_ns.saturating_sub(model.origin_ns()) as f64 / 1e6;
    let place = |title: String, color: &'static str, lines: Vec<String>| Tip {
        left: x,
        flip: x > label_width + layout.plot_width / 2.0,
        top: y,
        title,
        color,
        lines,
    };
    let quantum = duration_label(store.quantum_ns() as f64 / 1e6);
    if let Some(gil_row) = layout.rows.gil_at(y) {
        {
            let title = gil_row.label.clone();
            let track = store
                .gil_tracks()
                .iter()
                .find(|t| t.process() == gil_row.process);
            let Some(track) = track.filter(|_| store.gil_seen()) else {
                let line = if store.gil_seen() {
                    "no hand-off of this process's GIL recorded yet"
                } else {
                    "no GIL: free-threaded, threads run in parallel"
                };
                return Some(place(title, "#888888", vec![line.into()]));
            };
            let hold = model.gil_of_at(track, at_ns);
            let Some(holder) = hold.holder else {
                let mut lines = vec![
                    "nobody holds it (being handed over)".into(),
                    format!("at {}", duration_label(at_ms)),
                ];
                if hold.summarized {
                    lines[0] = "mostly nobody held it".into();
                    lines.push(format!(
                        "summary: each {quantum} shows who held the GIL most of it"
                    ));
                }
                return Some(place(title, "#888888", lines));
            };
            let name = model
                .lanes()
                .get(holder)
                .map_or_else(|| format!("thread {holder}"), |l| l.name().to_string());
            let end_ns = hold.released.map_or(model.end_ns, |(at, _)| at);
            let stretch = format!(
                "from {} for {}",
                duration_label(since(hold.start_ns)),
                duration_label(end_ns.saturating_sub(hold.start_ns) as f64 / 1e6)
            );
            let lines = if hold.summarized {
                vec![
                    format!("held mostly by {name}"),
                    stretch,
                    if hold.released.is_some_and(|(_, forced)| forced) {
                        "forced hand-offs happened in this stretch".into()
                    } else {
                        "no forced hand-off in this stretch".into()
                    },
                    format!("summary: each {quantum} shows who held the GIL most of it"),
                ]
            } else {
                vec![
                    format!("held by {name}"),
                    stretch,
                    match hold.released {
                        Some((_, true)) => {
                            "hand-off: forced (switch interval ran out, another thread asked)"
                                .into()
                        }
                        Some((_, false)) => {
                            "hand-off: voluntary (the holder was about to block or finish)".into()
                        }
                        None => "still held".into(),
                    },
                ]
            };
            return Some(place(title, lane_color(holder), lines));
        }
    }
    let lane = layout.rows.lane_at(y)?;
    let lane_model = model.lanes().get(lane)?;
    let Some(span) = model.span_at(lane, at_ns) else {
        let word = if lane_model
            .events()
            .first()
            .is_some_and(|first| first.at_ns > at_ns)
        {
            "not started yet"
        } else {
            "done"
        };
        return Some(place(
            lane_model.name().to_string(),
            lane_color(lane),
            vec![word.into()],
        ));
    };
    let mut lines = vec![span.state.label().to_string()];
    if span.state == ThreadState::Blocked {
        lines[0] = match span.waits_for {
            // A thread in input() waits for the learner, not for another thread.
            Some("input") => "blocked on input".into(),
            Some(what) => format!("blocked, waiting for {what}"),
            None => "blocked".into(),
        };
    }
    if span.summarized {
        lines[0] = format!("mostly {}", lines[0]);
    }
    lines.push(if span.line > 0 {
        format!("line {}", span.line)
    } else {
        "line: none yet (start-up, before the program's first line)".into()
    });
    lines.push(format!(
        "from {} for {}",
        duration_label(since(span.start_ns)),
        duration_label(span.end_ns.saturating_sub(span.start_ns) as f64 / 1e6)
    ));
    if span.summarized {
        lines.push(format!(
            "summary: each {quantum} shows the state that filled most of it"
        ));
    }
    Some(place(
        lane_model.name().to_string(),
        lane_color(lane),
        lines,
    ))
}

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub handle: TimelineHandle,
    /// What the canvas shows, for screen readers.
    pub label: AttrValue,
    /// Lanes to keep room for before any are drawn (the threads a default run starts),
    /// so the page below does not jump down when a run begins.
    #[prop_or(1)]
    pub reserve_lanes: usize,
}

/// The canvas with its zoom buttons, keyboard and pointer handling, tooltip and legend.
#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let handle = props.handle.clone();
    let tip = use_state(|| None::<Tip>);
    let (canvas_ref, gil_lane) = {
        let state = handle.state.borrow();
        (state.canvas.clone(), state.gil_lane)
    };
    // Redraw when the canvas's width changes (nothing else redraws after a run): with the
    // window, and with the page's layout (the timeline shares its row with the program,
    // whose column follows the program's longest line).
    {
        let handle = handle.clone();
        let canvas_ref = canvas_ref.clone();
        use_effect_with((), move |_| {
            handle.redraw();
            let on_resize = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                let width = handle
                    .state
                    .try_borrow()
                    .ok()
                    .and_then(|state| state.canvas.cast::<HtmlCanvasElement>())
                    .map(|canvas| f64::from(canvas.client_width()).max(200.0));
                if let Ok(mut state) = handle.state.try_borrow_mut() {
                    // Drawing changes the canvas's height, which reports here too: only
                    // a new width needs measuring again.
                    if state
                        .scratch
                        .measured
                        .as_ref()
                        .is_some_and(|(drawn, _)| Some(*drawn) == width)
                    {
                        return;
                    }
                    state.scratch.measured = None;
                }
                handle.redraw();
            });
            let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(canvas)) =
                (&observer, canvas_ref.cast::<web_sys::Element>())
            {
                observer.observe(&canvas);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(on_resize);
            }
        });
    }
    let anchor_of = {
        let handle = handle.clone();
        move |x: f64| handle.anchor(x)
    };

    let on_wheel = {
        let handle = handle.clone();
        let tip = tip.clone();
        let anchor_of = anchor_of.clone();
        Callback::from(move |event: WheelEvent| {
            // The wheel zooms only when asked (pinch, Ctrl/Cmd) or once the timeline has
            // the focus, so scrolling the page past it keeps working.
            let focused = event
                .current_target()
                .and_then(|t| t.dyn_into::<HtmlElement>().ok())
                .and_then(|frame| {
                    let active = web_sys::window()?.document()?.active_element()?;
                    Some(frame.contains(Some(&active)))
                })
                .unwrap_or(false);
            let (dx, dy) = (event.delta_x(), event.delta_y());
            if dx.abs() > dy.abs() && focused {
                event.prevent_default();
                handle.pan(dx / handle.plot_width());
            } else if focused || event.ctrl_key() || event.meta_key() {
                event.prevent_default();
                let per_line = if event.delta_mode() == 1 { 40.0 } else { 1.0 };
                let factor = (dy * per_line * 0.002).clamp(-1.0, 1.0).exp();
                handle.zoom(factor, anchor_of(f64::from(event.offset_x())));
            } else {
                return;
            }
            tip.set(None);
        })
    };
    // A press starts a drag (pan) once it moves past TAP_SLOP; one that does not is a
    // tap or a click, which shows the tooltip of what is under it, as hovering does
    // (touch screens cannot hover). The tooltip of a tap stays until the next tap on the
    // canvas or a press anywhere else on the page.
    let on_pointer_down = {
        let handle = handle.clone();
        Callback::from(move |event: PointerEvent| {
            if event.button() != 0 {
                return;
            }
            let (x, y) = (f64::from(event.offset_x()), f64::from(event.offset_y()));
            if let Ok(mut state) = handle.state.try_borrow_mut() {
                let start = state.current_view().start_ms;
                state.drag = Some((x, start));
                state.press = Some(Press { x, y, moved: false });
            }
            if let Some(target) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                let _ = target.set_pointer_capture(event.pointer_id());
            }
        })
    };
    let on_pointer_move = {
        let handle = handle.clone();
        let tip = tip.clone();
        Callback::from(move |event: PointerEvent| {
            let (x, y) = (f64::from(event.offset_x()), f64::from(event.offset_y()));
            let drag = handle.state.try_borrow().ok().and_then(|s| s.drag);
            if let Some((from_x, start_ms)) = drag {
                let mut panned = false;
                if let Ok(mut state) = handle.state.try_borrow_mut() {
                    let far = state
                        .press
                        .is_none_or(|p| p.moved || (x - p.x).hypot(y - p.y) > TAP_SLOP);
                    if far {
                        if let Some(press) = &mut state.press {
                            press.moved = true;
                        }
                        let view = state.current_view();
                        let moved_ms =
                            (x - from_x) / state.layout.plot_width.max(1.0) * view.window_ms;
                        state.pan_to(start_ms - moved_ms);
                        panned = true;
                    }
                }
                if panned {
                    if tip.is_some() {
                        tip.set(None);
                    }
                    handle.redraw();
                }
                return;
            }
            // A busy store (the keeper is draining) keeps the tooltip as it is.
            if let Some(next) = handle.tip_at(x, y) {
                if *tip != next {
                    tip.set(next);
                }
            }
        })
    };
    let on_pointer_up = {
        let handle = handle.clone();
        let tip = tip.clone();
        Callback::from(move |event: PointerEvent| {
            let press = handle.state.try_borrow_mut().ok().and_then(|mut state| {
                state.drag = None;
                state.press.take()
            });
            if press.is_some_and(|press| !press.moved) {
                let (x, y) = (f64::from(event.offset_x()), f64::from(event.offset_y()));
                if let Some(next) = handle.tip_at(x, y) {
                    tip.set(next);
                }
            }
        })
    };
    // The browser took the gesture over (a vertical swipe scrolls the page): neither a
    // drag nor a tap.
    let on_pointer_cancel = {
        let handle = handle.clone();
        Callback::from(move |_: PointerEvent| {
            if let Ok(mut state) = handle.state.try_borrow_mut() {
                state.drag = None;
                state.press = None;
            }
        })
    };
    // A finger leaving the screen also "leaves" the canvas: only a mouse or pen leaving
    // hides the tooltip.
    let on_leave = {
        let tip = tip.clone();
        Callback::from(move |event: PointerEvent| {
            if event.pointer_type() != "touch" {
                tip.set(None);
            }
        })
    };
    // A press anywhere else on the page hides the tooltip a tap left.
    let frame_ref = use_node_ref();
    {
        let tip = tip.clone();
        let frame_ref = frame_ref.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window()
                .and_then(|w| w.document())
                .map(|document| {
                    gloo_events::EventListener::new(&document, "pointerdown", move |event| {
                        let inside = frame_ref
                            .cast::<web_sys::Node>()
                            .zip(
                                event
                                    .target()
                                    .and_then(|t| t.dyn_into::<web_sys::Node>().ok()),
                            )
                            .is_some_and(|(frame, target)| frame.contains(Some(&target)));
                        if !inside {
                            tip.set(None);
                        }
                    })
                });
            move || drop(listener)
        });
    }
    let on_double_click = {
        let handle = handle.clone();
        Callback::from(move |_: MouseEvent| handle.fit())
    };
    let on_key = {
        let handle = handle.clone();
        let tip = tip.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.ctrl_key() || event.meta_key() || event.alt_key() {
                return;
            }
            match event.key().as_str() {
                "+" | "=" => handle.zoom(0.5, 0.5),
                "-" | "_" => handle.zoom(2.0, 0.5),
                "0" => handle.fit(),
                "ArrowLeft" => handle.pan(-0.1),
                "ArrowRight" => handle.pan(0.1),
                _ => return,
            }
            event.prevent_default();
            tip.set(None);
        })
    };
    let zoom_in = {
        let handle = handle.clone();
        Callback::from(move |_: MouseEvent| handle.zoom(0.5, 0.5))
    };
    let zoom_out = {
        let handle = handle.clone();
        Callback::from(move |_: MouseEvent| handle.zoom(2.0, 0.5))
    };
    let fit = {
        let handle = handle.clone();
        Callback::from(move |_: MouseEvent| handle.fit())
    };

    html! {
        <>
            <div class="timeline-tools">
                <span class="timeline-hint">{ "Drag: pan \u{b7} pinch, Ctrl+wheel or wheel once focused: zoom \u{b7} double-click: fit \u{b7} keys + \u{2212} \u{2190} \u{2192} 0" }</span>
                <button class="zoom" data-testid="timeline-zoom-in" onclick={zoom_in}
                        title="Zoom in (+)" aria-label="Zoom in">{ "+" }</button>
                <button class="zoom" data-testid="timeline-zoom-out" onclick={zoom_out}
                        title="Zoom out (\u{2212})" aria-label="Zoom out">{ "\u{2212}" }</button>
                <button class="zoom" data-testid="timeline-fit" onclick={fit}
                        title="Show the whole run (0)">{ "fit" }</button>
            </div>
            <div class="timeline-frame" ref={frame_ref} tabindex="0" role="group" onkeydown={on_key} onwheel={on_wheel}
                 style={format!("min-height:{}px", canvas_height(props.reserve_lanes, true))}
                 aria-label="Timeline. Plus and minus zoom, arrow keys pan, 0 shows the whole run.">
                <canvas ref={canvas_ref} data-testid="timeline" data-lanes="0"
                        style={format!("height:{}px", canvas_height(1, gil_lane))}
                        role="img" aria-label={props.label.clone()}
                        onpointerdown={on_pointer_down} onpointermove={on_pointer_move}
                        onpointerup={on_pointer_up} onpointercancel={on_pointer_cancel}
                        onpointerleave={on_leave} ondblclick={on_double_click} />
                if let Some(tip) = &*tip {
                    <div class={classes!("timeline-tooltip", tip.flip.then_some("flip"))} data-testid="timeline-tooltip" role="status"
                         style={format!("left:{:.0}px;top:{:.0}px;--tip-x:{:.0}px", tip.left, tip.top, tip.left)}>
                        <strong><span class="chip" style={format!("background:{}", tip.color)}></span>{ &tip.title }</strong>
                        { for tip.lines.iter().map(|line| html! { <span>{ line }</span> }) }
                    </div>
                }
            </div>
            <Legend gil={gil_lane} />
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct LegendProps {
    /// Also explain the GIL lane.
    #[prop_or_default]
    pub gil: bool,
}

#[function_component(Legend)]
pub fn legend(props: &LegendProps) -> Html {
    let hex = |rgba: [u8; 4]| format!("#{:02x}{:02x}{:02x}", rgba[0], rgba[1], rgba[2]);
    html! {
        <ul class="legend" data-testid="timeline-legend">
        { for ThreadState::ALL.iter().map(|state| html! {
            <li>
                <span class="swatch" style={format!("background:{}", state_color(*state))}></span>
                { state.label() }
            </li>
        }) }
        if props.gil {
            <li title="The GIL lane is painted in the color of the thread holding it">
                <span class="swatch gil">{ for (0..3).map(|lane| html! {
                    <span style={format!("background:{}", lane_color(lane))}></span>
                }) }</span>
                { "GIL held (holder's color)" }
            </li>
            <li><span class="swatch tick" style={format!("background:{}", hex(FORCED_TICK))}></span>
                { "forced hand-off" }</li>
            <li><span class="swatch tick" style={format!("background:{}", hex(VOLUNTARY_TICK))}></span>
                { "voluntary hand-off" }</li>
        }
        </ul>
    }
}
