//! The timeline's label column: as wide as the thread names shown need (measured with
//! the canvas's own text metrics, in the font the names are drawn in), between a
//! minimum and a share of the canvas (a smaller share on phones, so the plot keeps its
//! room); a name that still does not fit is cut with an ellipsis, and the tooltip over
//! its label (hover or tap) gives it whole.
//!
//! Measuring and fitting (and the label column's tooltip): it draws nothing and reads
//! the trace only for that tooltip; results are cached per name and width, so a frame
//! measures only names it has not seen.

use super::{duration_label, lane_color, Layout, Tip};
use crate::timeline_model::TimelineModel;
use web_sys::CanvasRenderingContext2d;

/// The font lane names are drawn in (and measured with).
pub(crate) const LANE_FONT: &str = "11px system-ui, sans-serif";
/// Where a lane's name starts (after its color chip).
pub(crate) const LABEL_TEXT_X: f64 = 22.0;
/// Room after the longest name, before the plot.
const LABEL_PAD: f64 = 10.0;
/// The narrowest label column: `MainThread`, `GIL` and the "virtual time" axis note fit.
const LABEL_MIN: f64 = 84.0;
/// Below this canvas width (CSS px) the page is on a phone.
const NARROW: f64 = 560.0;
/// The most of the canvas the labels may take, on wide and on narrow screens.
const LABEL_SHARE: f64 = 0.40;
const NARROW_LABEL_SHARE: f64 = 0.34;

/// The label column's width for a widest name of `widest` px on a canvas `css_width`
/// px wide.
pub(crate) fn label_column(widest: f64, css_width: f64) -> f64 {
    let share = if css_width < NARROW {
        NARROW_LABEL_SHARE
    } else {
        LABEL_SHARE
    };
    let cap = (css_width * share).max(LABEL_MIN);
    (LABEL_TEXT_X + widest + LABEL_PAD).clamp(LABEL_MIN, cap)
}

/// The room a name has in a label column `label_width` wide.
pub(crate) fn name_room(label_width: f64) -> f64 {
    label_width - LABEL_TEXT_X - LABEL_PAD / 2.0
}

/// `name`, shortened with an ellipsis to fit `width`. Starts from a guess in proportion
/// to the measured width, so a long name costs a few measurements, not one per char.
pub(crate) fn fit_label(context: &CanvasRenderingContext2d, name: &str, width: f64) -> String {
    let measure = |text: &str| context.measure_text(text).map_or(0.0, |m| m.width());
    let full = measure(name);
    if full <= width {
        return name.to_string();
    }
    let chars: Vec<char> = name.chars().collect();
    let mut keep = ((chars.len() as f64 * width / full.max(1.0)) as usize).min(chars.len());
    while keep > 0 {
        let candidate: String = chars[..keep].iter().collect::<String>() + "\u{2026}";
        if measure(&candidate) <= width {
            return candidate;
        }
        keep -= 1;
    }
    String::new()
}

/// `name` cut in the middle to fit `width`, keeping its last `tail` characters (where
/// names of one family differ: `ThreadPo\u{2026}-0_1`); an end cut when even one leading
/// character and the tail do not fit.
fn fit_middle(context: &CanvasRenderingContext2d, name: &str, width: f64, tail: usize) -> String {
    let measure = |text: &str| context.measure_text(text).map_or(0.0, |m| m.width());
    let chars: Vec<char> = name.chars().collect();
    let tail = tail.min(chars.len().saturating_sub(1));
    let end: String = chars[chars.len() - tail..].iter().collect();
    let mut head = chars.len() - tail;
    while head > 0 {
        let candidate: String = chars[..head].iter().collect::<String>() + "\u{2026}" + &end;
        if measure(&candidate) <= width {
            return candidate;
        }
        head -= 1;
    }
    fit_label(context, name, width)
}

/// How many leading characters all of `names` share.
fn common_prefix(names: &[&str]) -> usize {
    let Some(first) = names.first() else {
        return 0;
    };
    first
        .chars()
        .enumerate()
        .take_while(|(index, c)| {
            names
                .iter()
                .all(|name| name.chars().nth(*index) == Some(*c))
        })
        .count()
}

/// One lane's name as measured and as drawn.
#[derive(Clone, Default)]
struct Label {
    name: String,
    width: f64,
    fitted: String,
}

/// The label column of the last frame: each lane's name, measured and fitted.
#[derive(Default)]
pub(crate) struct Labels {
    lanes: Vec<Label>,
    /// The room the names were fitted to (None: fit again).
    fitted_for: Option<f64>,
}

impl Labels {
    /// Measures the names not seen before (`context` must have [`LANE_FONT`] set) and
    /// returns the label column's width for a canvas `css_width` px wide.
    pub(crate) fn measure<'a>(
        &mut self,
        context: &CanvasRenderingContext2d,
        names: impl ExactSizeIterator<Item = &'a str>,
        css_width: f64,
    ) -> f64 {
        if self.lanes.len() != names.len() {
            self.lanes.resize(names.len(), Label::default());
            self.fitted_for = None;
        }
        let mut widest: f64 = 0.0;
        for (label, name) in self.lanes.iter_mut().zip(names) {
            if label.name != name {
                *label = Label {
                    name: name.to_string(),
                    width: context.measure_text(name).map_or(0.0, |m| m.width()),
                    fitted: String::new(),
                };
                self.fitted_for = None;
            }
            widest = widest.max(label.width);
        }
        label_column(widest, css_width)
    }

    /// Fits every name to a column `label_width` wide (when the names or the width
    /// changed): a name that does not fit is cut at its end, unless that makes it look
    /// like another lane's cut name (`ThreadPoolEx\u{2026}` three times): those are cut in
    /// the middle, keeping the ends where they differ.
    pub(crate) fn fit(&mut self, context: &CanvasRenderingContext2d, label_width: f64) {
        let room = name_room(label_width);
        if self.fitted_for == Some(room) {
            return;
        }
        for label in &mut self.lanes {
            label.fitted = if label.width <= room {
                label.name.clone()
            } else {
                fit_label(context, &label.name, room)
            };
        }
        for index in 0..self.lanes.len() {
            let cut = &self.lanes[index];
            if cut.fitted == cut.name {
                continue;
            }
            let family: Vec<usize> = (0..self.lanes.len())
                .filter(|other| self.lanes[*other].fitted == cut.fitted)
                .collect();
            if family.len() < 2 {
                continue;
            }
            let names: Vec<&str> = family
                .iter()
                .map(|i| self.lanes[*i].name.as_str())
                .collect();
            let shared = common_prefix(&names);
            let fitted: Vec<String> = names
                .iter()
                .map(|name| {
                    let tail = (name.chars().count() - shared + 3).min(name.chars().count());
                    fit_middle(context, name, room, tail)
                })
                .collect();
            for (lane, text) in family.into_iter().zip(fitted) {
                self.lanes[lane].fitted = text;
            }
        }
        self.fitted_for = Some(room);
    }

    /// Lane `lane`'s name as [`Labels::fit`] fitted it.
    pub(crate) fn fitted(&self, lane: usize) -> &str {
        self.lanes
            .get(lane)
            .map_or("", |label| label.fitted.as_str())
    }

    /// How many names are cut (shown with an ellipsis) in the last frame.
    pub(crate) fn cut(&self) -> usize {
        self.lanes
            .iter()
            .filter(|label| label.fitted != label.name)
            .count()
    }

    /// How many of the names drawn look alike (the same text for different names).
    pub(crate) fn alike(&self) -> usize {
        self.lanes
            .iter()
            .filter(|label| {
                self.lanes
                    .iter()
                    .any(|other| other.fitted == label.fitted && other.name != label.name)
            })
            .count()
    }
}

/// The tooltip over the label column: a lane's whole name (the column may cut it) and
/// when its thread started and ended, or what the GIL lane shows.
pub(super) fn label_tip(model: &TimelineModel, layout: Layout, x: f64, y: f64) -> Option<Tip> {
    let place = |title: String, color: &'static str, lines: Vec<String>| Tip {
        left: x,
        flip: false,
        top: y,
        title,
        color,
        lines,
    };
    if let Some(row) = layout.rows.gil_at(y) {
        let whose = if row.process == 0 {
            "who holds the GIL, in the holder's color".to_string()
        } else {
            let name = row.label.trim_start_matches("GIL \u{b7} ");
            format!("who holds {name}'s own GIL, in the holder's color")
        };
        return Some(place(row.label.clone(), "#888888", vec![whose]));
    }
    let lane = layout.rows.lane_at(y)?;
    let lane_model = model.lanes().get(lane)?;
    let since = |at_ns: u64| duration_label(at_ns.saturating_sub(model.origin_ns()) as f64 / 1e6);
    let events = lane_model.events();
    let mut lines = Vec::new();
    if let Some(first) = events.first() {
        lines.push(format!("started at {}", since(first.at_ns)));
    }
    match events.last() {
        Some(last) if lane_model.is_done() => {
            lines.push(format!("finished at {}", since(last.at_ns)))
        }
        Some(_) => lines.push("not finished".into()),
        None => lines.push("not started yet".into()),
    }
    Some(place(
        lane_model.name().to_string(),
        lane_color(lane),
        lines,
    ))
}
