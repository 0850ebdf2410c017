//! The demos: the gallery at `#/`, the demo menu, and the pages at `#/demo/<slug>`.
//! Data only: each Python demo is a .py file plus a .demo description in `demos/`,
//! turned into `PYTHON_DEMOS` by build.rs.

impl PartialEq for DemoEntry {
    fn eq(&self, other: &Self) -> bool {
        self.slug == other.slug
    }
}

pub struct DemoEntry {
    pub slug: &'static str,
    pub title: &'static str,
    /// The chapter section it belongs to (the gallery groups by it).
    pub section: &'static str,
    pub blurb: &'static str,
    /// The program the demo opens with.
    pub program: &'static str,
    /// The explanation, a paragraph each.
    pub explain: &'static [&'static str],
    /// "Try this" suggestions.
    pub tries: &'static [&'static str],
    /// A global shown as a live counter. (What a default run prints and how it ends
    /// stay in the .demo file, for the browser tests.)
    pub watch: Option<&'static str>,
    /// The watched global's value when no update is lost, as a product of the
    /// program's constants (`THREADS * ROUNDS`).
    pub watch_expected: Option<&'static str>,
    /// What every run must reach (the `.demo` file's `goal`, `demos::goal`): the race
    /// hunter's goal and the reason for "Check my fix".
    pub goal: Option<&'static str>,
    /// Two globals holding the sequential and the threaded time of the same work.
    pub speedup: Option<(&'static str, &'static str)>,
    /// Controls that rewrite the program's parameters.
    pub controls: &'static [Control],
    /// A practice question shown above the program (the program proves the answer).
    pub quiz: Option<Quiz>,
    /// Python threads a default run starts, the main thread included (the timeline
    /// keeps room for their lanes from the start).
    pub threads: u32,
}

/// A multiple-choice question with feedback for every option.
pub struct Quiz {
    pub question: &'static str,
    pub options: &'static [QuizOption],
}

pub struct QuizOption {
    pub right: bool,
    pub text: &'static str,
    /// Why this option is right or wrong, in the project's words.
    pub feedback: &'static str,
}

use demos::params::Control;

include!(concat!(env!("OUT_DIR"), "/demos.rs"));

/// Every demo in gallery order.
pub fn all() -> impl Iterator<Item = &'static DemoEntry> {
    PYTHON_DEMOS.iter()
}

pub fn find(slug: &str) -> Option<&'static DemoEntry> {
    all().find(|demo| demo.slug == slug)
}

/// The demos before and after `slug` in gallery order.
pub fn neighbours(slug: &str) -> (Option<&'static DemoEntry>, Option<&'static DemoEntry>) {
    let Some(at) = PYTHON_DEMOS.iter().position(|demo| demo.slug == slug) else {
        return (None, None);
    };
    (
        at.checked_sub(1).map(|before| &PYTHON_DEMOS[before]),
        PYTHON_DEMOS.get(at + 1),
    )
}

/// The demos grouped by section, sections in the order of their first demo.
pub fn by_section() -> Vec<(&'static str, Vec<&'static DemoEntry>)> {
    let mut sections: Vec<(&'static str, Vec<&'static DemoEntry>)> = Vec::new();
    for demo in all() {
        match sections.iter_mut().find(|(name, _)| *name == demo.section) {
            Some((_, demos)) => demos.push(demo),
            None => sections.push((demo.section, vec![demo])),
        }
    }
    sections
}
