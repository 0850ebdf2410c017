//! The list of demos shown in the sidebar and reachable at `#/demo/<slug>`.
//! Data only: what a demo does lives in its own page or (later) its .py file.

pub struct DemoEntry {
    pub slug: &'static str,
    pub title: &'static str,
    pub blurb: &'static str,
}

pub const MANY_THREADS: &str = "many-threads";

pub const PYTHON: &str = "python";

pub const DEMOS: &[DemoEntry] = &[
    DemoEntry {
        slug: MANY_THREADS,
        title: "Many threads",
        blurb: "N threads sleep at once: waits overlap",
    },
    DemoEntry {
        slug: PYTHON,
        title: "Python sandbox",
        blurb: "Write a program and run it in the page",
    },
];

pub fn find(slug: &str) -> Option<&'static DemoEntry> {
    DEMOS.iter().find(|demo| demo.slug == slug)
}
