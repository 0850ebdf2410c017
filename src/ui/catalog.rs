//! The list of demos shown in the sidebar and reachable at `#/demo/<slug>`.
//! Data only: a Python demo is a .py file in `demos/` plus a title and a blurb.

pub struct DemoEntry {
    pub slug: &'static str,
    pub title: &'static str,
    pub blurb: &'static str,
    /// The program a Python demo opens with (None for the built-in platform demo).
    pub program: Option<&'static str>,
}

pub const MANY_THREADS: &str = "many-threads";

pub const DEMOS: &[DemoEntry] = &[
    DemoEntry {
        slug: "downloads",
        title: "Overlapping downloads",
        blurb: "Sleeping threads give the GIL away",
        program: Some(include_str!("../../demos/downloads.py")),
    },
    DemoEntry {
        slug: "counter",
        title: "Race on a counter",
        blurb: "counter += 1 under each GIL model",
        program: Some(include_str!("../../demos/counter.py")),
    },
    DemoEntry {
        slug: "cpu-threads",
        title: "CPU-bound threads",
        blurb: "The GIL keeps them one at a time",
        program: Some(include_str!("../../demos/cpu_threads.py")),
    },
    DemoEntry {
        slug: "producer-consumer",
        title: "Producer and consumer",
        blurb: "A queue between two threads",
        program: Some(include_str!("../../demos/producer_consumer.py")),
    },
    DemoEntry {
        slug: "python",
        title: "Python sandbox",
        blurb: "Write a program and run it in the page",
        program: Some(include_str!("../../demos/sandbox.py")),
    },
    DemoEntry {
        slug: MANY_THREADS,
        title: "Many threads (platform)",
        blurb: "N workers sleep at once: the pool",
        program: None,
    },
];

pub fn find(slug: &str) -> Option<&'static DemoEntry> {
    DEMOS.iter().find(|demo| demo.slug == slug)
}
