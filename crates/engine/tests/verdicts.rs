//! The demos that print a conclusion print the one that matches what happened, under
//! each GIL model on both schedulers.
//!
//! Which demos conclude, and what, is declared in their `.demo` files (`conclusion`
//! lines, read by `demos::conclusions`): every run prints exactly one line of each
//! question, and where a line's condition holds it must be that line. Each demo runs
//! as it is and once with each set of control settings its conditions name, under
//! legacy, modern and free, on real threads and on the virtual scheduler.
//!
//! The programs decide from what each thread measured, not from comparing timings:
//! - the waiting demos note when each wait began and ended, and count the most waits
//!   under way at one moment; sleeping threads do not need the GIL, so under every
//!   model the waits overlap (and behind one lock they queue);
//! - gil and quiz's computing jobs divide the threads' `time.thread_time()` by the wall
//!   time (the quiz also needs the threaded batch to end sooner, best of three rounds).
//!   With a GIL only one thread runs at a time whatever the machine does, so it is "did
//!   not help"; free-threaded on the virtual scheduler (two virtual cores, an exact
//!   clock) it is "helped"; free-threaded on real threads it depends on how many cores
//!   are free, so no line is required there, but the figure may not exceed the cores
//!   and the verdict must be the one the printed figures call for.

use demos::conclusions::{self, Conclusion};
use demos::format::Description;
use engine::native_host::run_captured;
use engine::{GilModel, Outcome, RunOptions, SchedulerKind};
use std::path::Path;

const MODELS: [(GilModel, &str); 3] = [
    (GilModel::Legacy, "legacy"),
    (GilModel::Modern, "modern"),
    (GilModel::Free, "free"),
];
const SCHEDULERS: [(SchedulerKind, &str); 2] = [
    (SchedulerKind::Virtual, "virtual"),
    (SchedulerKind::Threads, "threads"),
];
/// The demos that must declare conclusions (so dropping the declarations fails here).
const CONCLUDING: [&str; 5] = ["gil", "quiz", "many-threads", "asyncio", "long-lock"];

fn descriptions() -> Vec<Description> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../demos");
    demos::format::read_dir(&dir).expect("demos/ reads")
}

fn run(source: &str, gil: GilModel, scheduler: SchedulerKind) -> String {
    let options = RunOptions {
        gil,
        scheduler,
        ..RunOptions::default()
    };
    let (outcome, stdout, stderr) = run_captured(source, "main.py", &options);
    assert!(
        matches!(outcome, Outcome::Exited(0)),
        "{gil:?} on {scheduler:?}: {outcome:?}\n{stdout}{stderr}"
    );
    stdout
}

/// The program a test runs for `slug`: the gil demo with a fifth of its rounds, which
/// leaves its conditions as they are (they name no rounds) and saves most of the time.
fn quicker(slug: &str, program: &str) -> String {
    if slug != "gil" {
        return program.to_string();
    }
    let quicker =
        demos::params::write_number(program, "ROUNDS", 2_000_000.0).expect("gil.py sets ROUNDS");
    assert_ne!(quicker, program);
    quicker
}

/// The number just before `marker` on the first line that contains it.
fn figure_before(output: &str, marker: &str) -> f64 {
    let line = output
        .lines()
        .find(|line| line.contains(marker))
        .unwrap_or_else(|| panic!("no line with {marker:?}:\n{output}"));
    let before = line[..line.find(marker).unwrap()].trim_end();
    let word = before.rsplit([' ', ',']).next().unwrap_or_default();
    word.parse()
        .unwrap_or_else(|_| panic!("no figure before {marker:?} in {line:?}"))
}

/// The one line of `question` the output holds (panics on none or several).
fn concluded<'a>(
    conclusions: &[Conclusion],
    question: &str,
    output: &'a str,
    context: &str,
) -> &'a str {
    let printed: Vec<&str> = output
        .lines()
        .map(str::trim_end)
        .filter(|line| {
            conclusions
                .iter()
                .any(|c| c.question == question && c.line == *line)
        })
        .collect();
    assert_eq!(
        printed.len(),
        1,
        "{context}: not exactly one conclusion on {question:?}:\n{output}"
    );
    printed[0]
}

/// Which of "helped", "a little", "did not help" a figure of threads running at once
/// calls for (the programs' thresholds).
fn called_for(at_once: f64) -> usize {
    if at_once >= 1.5 {
        0
    } else if at_once <= 1.2 {
        2
    } else {
        1
    }
}

/// What a computing demo measured: how many threads ran at once (their
/// `time.thread_time()` over the wall time) and, where it measures that too, how many
/// times as fast the threaded batch was; the verdict follows the smaller.
struct Figures {
    at_once: f64,
    sooner: Option<f64>,
}

/// The figures against the verdict printed and the model: `verdicts` are the lines for
/// "helped", "a little", "did not help"; `workers` is how many threads computed.
fn check_figure(
    figures: Figures,
    shown: &str,
    verdicts: [&str; 3],
    workers: usize,
    (gil, scheduler): (GilModel, SchedulerKind),
    context: &str,
) {
    let Figures { at_once, sooner } = figures;
    let context = format!("{context}, {at_once} at once, {sooner:?} times as fast");
    let shown = verdicts
        .iter()
        .position(|verdict| *verdict == shown)
        .unwrap_or_else(|| panic!("{context}: {shown:?} is not one of {verdicts:?}"));
    // The figures printed (one decimal) and the verdict agree, up to rounding.
    let evidence = sooner.map_or(at_once, |sooner| sooner.min(at_once));
    let near = [evidence - 0.05, evidence + 0.05].map(called_for);
    assert!(
        near.contains(&shown),
        "{context}: verdict against its figures"
    );
    match (gil, scheduler) {
        (GilModel::Legacy | GilModel::Modern, _) => {
            assert!(at_once <= 1.1, "{context}: a GIL runs one thread at a time");
            assert_eq!(shown, 2, "{context}: a GIL never lets threads help");
        }
        (GilModel::Free, SchedulerKind::Virtual) => {
            let cores = workers.min(2) as f64;
            assert!(at_once >= cores - 0.1, "{context}: two virtual cores");
            if let Some(sooner) = sooner {
                assert!(
                    sooner >= cores - 0.1,
                    "{context}: the virtual clock is exact"
                );
            }
        }
        (GilModel::Free, SchedulerKind::Threads) => {
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            let bound = cores.min(workers) as f64 + 0.15;
            assert!(at_once <= bound, "{context}: more at once than cores");
            eprintln!("{context}: free on real threads ({cores} cores)");
        }
    }
}

/// The figures gil and quiz print, against their verdicts.
fn check_figures(
    slug: &str,
    program: &str,
    output: &str,
    run: (GilModel, SchedulerKind),
    context: &str,
) {
    let lines: Vec<&str> = output.lines().map(str::trim_end).collect();
    let find = |verdicts: [&str; 3]| {
        *lines
            .iter()
            .find(|line| verdicts.contains(line))
            .unwrap_or_else(|| panic!("{context}: none of {verdicts:?}"))
    };
    match slug {
        "gil" => {
            let verdicts = [
                "Threads helped: both jobs really ran at once",
                "Threads helped a little: they ran at once only part of the time",
                "Threads did not help: they took turns, one at a time",
            ];
            let figures = Figures {
                at_once: figure_before(output, "threads running at once"),
                sooner: None,
            };
            check_figure(figures, find(verdicts), verdicts, 2, run, context);
        }
        "quiz" => {
            let verdicts = [
                "computing jobs: threads help",
                "computing jobs: threads help a little",
                "computing jobs: threads do not help",
            ];
            let jobs = demos::params::read_number(program, "JOBS").expect("quiz.py sets JOBS");
            let figures = Figures {
                at_once: figure_before(output, "at once"),
                sooner: Some(figure_before(output, "times as fast")),
            };
            check_figure(
                figures,
                find(verdicts),
                verdicts,
                jobs as usize,
                run,
                context,
            );
        }
        _ => {}
    }
}

/// One test, so the runs on real threads do not share the cores with each other.
#[test]
fn every_concluding_demo_concludes_what_happened() {
    let all = descriptions();
    let concluding: Vec<&Description> = all
        .iter()
        .filter(|description| !description.list("conclusion").is_empty())
        .collect();
    for slug in CONCLUDING {
        assert!(
            concluding.iter().any(|d| d.one("slug") == Some(slug)),
            "{slug}.demo declares no conclusion"
        );
    }
    for description in concluding {
        let slug = description.one("slug").unwrap_or_default();
        let declared = description.conclusions();
        assert_eq!(
            declared.len(),
            description.list("conclusion").len(),
            "{slug}"
        );
        let program = std::fs::read_to_string(description.program_path()).expect("reads");
        let program = quicker(slug, &program);
        for (variant_index, variant) in conclusions::variants(&program, &declared)
            .iter()
            .enumerate()
        {
            for (scheduler, scheduler_name) in SCHEDULERS {
                for (model, model_name) in MODELS {
                    let output = run(variant, model, scheduler);
                    let context = format!(
                        "{slug} (variant {variant_index}), {model_name} on {scheduler_name}"
                    );
                    let mut shown = Vec::new();
                    for question in conclusions::questions(&declared) {
                        let line = concluded(&declared, question, &output, &context);
                        let required = conclusions::required_line(
                            &declared,
                            question,
                            model_name,
                            scheduler_name,
                            variant,
                        );
                        if let Some(required) = required {
                            assert_eq!(line, required, "{context}:\n{output}");
                        }
                        shown.push(line);
                    }
                    check_figures(slug, variant, &output, (model, scheduler), &context);
                    eprintln!("{context}: {}", shown.join(" / "));
                }
            }
        }
    }
}

/// The "try" suggestions that edit the code change the verdict as the texts say: joining
/// each download right after starting it, and a blocking sleep in a coroutine, make
/// the waits one after another.
#[test]
fn waits_made_one_after_another_are_concluded_so() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../demos");
    let read = |file: &str| std::fs::read_to_string(dir.join(file)).expect("reads");
    let many = read("many_threads.py");
    let joined = many.replacen("    job.start()\n", "    job.start()\n    job.join()\n", 1);
    assert_ne!(joined, many, "many_threads.py starts its jobs in a loop");
    let asyncio = read("threads_vs_asyncio.py");
    let blocking = asyncio.replacen("await asyncio.sleep(1)", "time.sleep(1)", 1);
    assert_ne!(
        blocking, asyncio,
        "threads_vs_asyncio.py awaits asyncio.sleep(1)"
    );
    for (scheduler, name) in SCHEDULERS {
        let output = run(&joined, GilModel::Modern, scheduler);
        assert!(
            output
                .lines()
                .any(|l| l == "The waits did not overlap: the downloads waited one after another"),
            "many-threads joined at once on {name}:\n{output}"
        );
        let output = run(&blocking, GilModel::Modern, scheduler);
        let lines: Vec<&str> = output.lines().collect();
        assert!(
            lines.contains(&"threads: the waits overlapped, all at the same moment")
                && lines.contains(&"asyncio: the waits did not overlap, one after another"),
            "asyncio with a blocking sleep on {name}:\n{output}"
        );
    }
}
