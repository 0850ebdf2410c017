//! The `conclusion` key of a `.demo` file (demos/README.md): the verdict lines a demo's
//! program may print, grouped by the question they answer, each with the runs in which
//! it is the one that must be printed:
//!
//! ```text
//! conclusion: speed | Threads helped: both jobs really ran at once | free on virtual
//! conclusion: speed | Threads helped a little: they ran at once only part of the time
//! conclusion: speed | Threads did not help: they took turns, one at a time | legacy, modern
//! conclusion: calls | The slow calls overlapped: all were under way at once | always with LOCK_WHOLE_JOB = False
//! conclusion: jobs | threads do not help | legacy, modern; always with JOBS = 1
//! ```
//!
//! A condition is `always` or a list of GIL models, then optionally `on threads` or
//! `on virtual`, then optionally `with NAME = value and ...` naming top-level constants
//! the demo's controls set (the controls not named may have any value); `;` separates
//! alternatives. The runs checked are the program as it is and once with each set of
//! settings a condition names.
//!
//! A run prints exactly one line of each question; where a line's condition holds it
//! must be that line, and where none holds (free-threading on real threads, which
//! depends on how many cores are free) any line of the question is an honest answer.
//! The engine's tests/verdicts.rs runs every demo that declares conclusions under each
//! GIL model on both schedulers and checks this.
//!
//! Pure: parses and evaluates strings, never runs a program, never panics on any input.
//! It knows models and schedulers only by the names the CLI uses.

use crate::params;

/// The GIL models, as the CLI and the page name them.
pub const MODELS: [&str; 3] = ["legacy", "modern", "free"];
/// The schedulers, as the CLI and the page name them.
pub const SCHEDULERS: [&str; 2] = ["threads", "virtual"];

/// One `conclusion: question | line | condition` value.
#[derive(Clone, Debug, PartialEq)]
pub struct Conclusion {
    /// What the line answers; a run prints exactly one line per question.
    pub question: String,
    /// The whole line as the program prints it (figures belong on other lines).
    pub line: String,
    /// Where this must be the line printed (any one of them); empty: it may be
    /// printed where no line of its question is required.
    pub required: Vec<Condition>,
}

impl Conclusion {
    /// Whether this is the line a run of `program` under `model` on `scheduler` must
    /// print.
    pub fn required_in(&self, model: &str, scheduler: &str, program: &str) -> bool {
        self.required
            .iter()
            .any(|condition| condition.holds(model, scheduler, program))
    }
}

/// The runs a conclusion is required in.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    /// GIL models (empty: every model).
    pub models: Vec<String>,
    /// One scheduler, or None for both.
    pub scheduler: Option<String>,
    /// Controls at given settings (`NAME = True`, `NAME = 4`); the others as the
    /// program has them.
    pub settings: Vec<(String, String)>,
}

impl Condition {
    /// Whether a run of `program` under `model` on `scheduler` is one of these runs.
    pub fn holds(&self, model: &str, scheduler: &str, program: &str) -> bool {
        (self.models.is_empty() || self.models.iter().any(|m| m == model))
            && self.scheduler.as_deref().is_none_or(|s| s == scheduler)
            && self
                .settings
                .iter()
                .all(|(name, value)| setting_in(program, name) == Some(normal(value)))
    }
}

/// A control's value in the program text, as normalized text (`True`, `4`, `0.5`).
fn setting_in(program: &str, name: &str) -> Option<String> {
    params::read_toggle(program, name)
        .map(|on| if on { "True" } else { "False" }.to_string())
        .or_else(|| params::read_number(program, name).map(|n| n.to_string()))
}

/// A setting's value written the way [`setting_in`] reads it.
fn normal(value: &str) -> String {
    match value.replace('_', "").parse::<f64>() {
        Ok(number) => number.to_string(),
        Err(_) => value.to_string(),
    }
}

/// Parses one `conclusion` value; `program` is the demo's program text (the settings
/// must name a top-level constant it has, with a value of the same kind).
pub fn parse(spec: &str, program: &str) -> Result<Conclusion, String> {
    let parts: Vec<&str> = spec.split('|').map(str::trim).collect();
    if !(2..=3).contains(&parts.len()) || parts[0].is_empty() || parts[1].is_empty() {
        return Err(format!(
            "conclusion must be `question | line | condition`, got {spec:?}"
        ));
    }
    let required = match parts.get(2) {
        None | Some(&"") => Vec::new(),
        Some(conditions) => conditions
            .split(';')
            .map(|condition| parse_condition(condition.trim(), program))
            .collect::<Result<_, _>>()?,
    };
    Ok(Conclusion {
        question: parts[0].to_string(),
        line: parts[1].to_string(),
        required,
    })
}

/// `always`, `legacy, modern`, `free on virtual`, `always with NAME = False and N = 4`.
fn parse_condition(text: &str, program: &str) -> Result<Condition, String> {
    let (cases, settings_text) = match text.split_once(" with ") {
        Some((cases, settings)) => (cases.trim(), Some(settings)),
        None if text.starts_with("with ") => ("always", Some(&text[5..])),
        None => (text, None),
    };
    let (models_text, scheduler) = match cases.split_once(" on ") {
        Some((models, scheduler)) => (models.trim(), Some(scheduler.trim().to_string())),
        None => (cases, None),
    };
    if let Some(scheduler) = &scheduler {
        if !SCHEDULERS.contains(&scheduler.as_str()) {
            return Err(format!(
                "conclusion condition {text:?}: unknown scheduler {scheduler:?} (threads or virtual)"
            ));
        }
    }
    let models: Vec<String> = if models_text == "always" {
        Vec::new()
    } else {
        models_text
            .split(',')
            .map(|model| model.trim().to_string())
            .collect()
    };
    if let Some(model) = models.iter().find(|m| !MODELS.contains(&m.as_str())) {
        return Err(format!(
            "conclusion condition {text:?}: unknown GIL model {model:?} (legacy, modern, free or always)"
        ));
    }
    let mut settings = Vec::new();
    for setting in settings_text.into_iter().flat_map(|s| s.split(" and ")) {
        let Some((name, value)) = setting.split_once('=') else {
            return Err(format!(
                "conclusion condition {text:?}: a setting is `NAME = value`, got {setting:?}"
            ));
        };
        let (name, value) = (name.trim().to_string(), value.trim().to_string());
        let Some(current) = setting_in(program, &name) else {
            return Err(format!(
                "conclusion condition {text:?}: the program has no top-level `{name} = True/False/<number>` line"
            ));
        };
        let toggle = current == "True" || current == "False";
        let fits = if toggle {
            value == "True" || value == "False"
        } else {
            value.replace('_', "").parse::<f64>().is_ok()
        };
        if !fits {
            return Err(format!(
                "conclusion condition {text:?}: {name} is set to {current} in the program, not to a value like {value:?}"
            ));
        }
        settings.push((name, value));
    }
    Ok(Condition {
        models,
        scheduler,
        settings,
    })
}

/// `program` with a condition's settings applied (None if it has none).
pub fn apply(program: &str, settings: &[(String, String)]) -> Option<String> {
    if settings.is_empty() {
        return None;
    }
    let mut text = program.to_string();
    for (name, value) in settings {
        text = match value.as_str() {
            "True" | "False" => params::write_toggle(&text, name, value == "True")?,
            number => params::write_number(&text, name, number.replace('_', "").parse().ok()?)?,
        };
    }
    Some(text)
}

/// The programs the conclusions must be checked with: `program` as it is, then once
/// with each different set of settings the conditions name.
pub fn variants(program: &str, conclusions: &[Conclusion]) -> Vec<String> {
    variant_settings(program, conclusions)
        .iter()
        .map(|settings| apply(program, settings).unwrap_or_else(|| program.to_string()))
        .collect()
}

/// The settings of each of [`variants`]: none first, then each set a condition names
/// that makes a different program.
pub fn variant_settings(program: &str, conclusions: &[Conclusion]) -> Vec<Vec<(String, String)>> {
    let mut texts = vec![program.to_string()];
    let mut out = vec![Vec::new()];
    for condition in conclusions.iter().flat_map(|c| &c.required) {
        if let Some(text) = apply(program, &condition.settings) {
            if !texts.contains(&text) {
                texts.push(text);
                out.push(condition.settings.clone());
            }
        }
    }
    out
}

/// The line of `question` a run of `program` under `model` on `scheduler` must print,
/// if one is required.
pub fn required_line<'a>(
    conclusions: &'a [Conclusion],
    question: &str,
    model: &str,
    scheduler: &str,
    program: &str,
) -> Option<&'a str> {
    conclusions
        .iter()
        .filter(|c| c.question == question)
        .find(|c| c.required_in(model, scheduler, program))
        .map(|c| c.line.as_str())
}

/// The questions, in the order they are first declared.
pub fn questions(conclusions: &[Conclusion]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for conclusion in conclusions {
        if !out.contains(&conclusion.question.as_str()) {
            out.push(&conclusion.question);
        }
    }
    out
}

/// Checks a demo's conclusions together: each question has two lines or more, no line
/// twice, and no run (model, scheduler, each variant of the program) in which two
/// lines of one question are both required.
pub fn check_all(program: &str, conclusions: &[Conclusion]) -> Result<(), String> {
    for question in questions(conclusions) {
        let lines: Vec<&str> = conclusions
            .iter()
            .filter(|c| c.question == question)
            .map(|c| c.line.as_str())
            .collect();
        if lines.len() < 2 {
            return Err(format!(
                "conclusion question {question:?} needs two lines or more (what else could the run print?)"
            ));
        }
    }
    for (index, conclusion) in conclusions.iter().enumerate() {
        if conclusions[..index]
            .iter()
            .any(|c| c.line == conclusion.line)
        {
            return Err(format!(
                "conclusion line {:?} is given twice",
                conclusion.line
            ));
        }
    }
    for variant in variants(program, conclusions) {
        for model in MODELS {
            for scheduler in SCHEDULERS {
                for question in questions(conclusions) {
                    let required: Vec<&str> = conclusions
                        .iter()
                        .filter(|c| c.question == question)
                        .filter(|c| c.required_in(model, scheduler, &variant))
                        .map(|c| c.line.as_str())
                        .collect();
                    if required.len() > 1 {
                        return Err(format!(
                            "conclusion question {question:?}: {model} on {scheduler} requires {required:?} at once"
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROGRAM: &str = "LOCKED = True\nJOBS = 4\nprint('hi')\n";

    fn all(specs: &[&str]) -> Result<Vec<Conclusion>, String> {
        let conclusions = specs
            .iter()
            .map(|spec| parse(spec, PROGRAM))
            .collect::<Result<Vec<_>, _>>()?;
        check_all(PROGRAM, &conclusions)?;
        Ok(conclusions)
    }

    #[test]
    fn conditions_pick_the_required_line() {
        let gil = all(&[
            "speed | helped | free on virtual",
            "speed | a little",
            "speed | took turns | legacy, modern",
        ])
        .unwrap();
        let line = |model, scheduler| required_line(&gil, "speed", model, scheduler, PROGRAM);
        assert_eq!(line("free", "virtual"), Some("helped"));
        assert_eq!(line("free", "threads"), None);
        assert_eq!(line("legacy", "threads"), Some("took turns"));
        assert_eq!(line("modern", "virtual"), Some("took turns"));
        assert_eq!(variants(PROGRAM, &gil), vec![PROGRAM.to_string()]);
    }

    #[test]
    fn settings_make_variants_of_the_program() {
        let lock = all(&[
            "calls | queued | always with LOCKED = True",
            "calls | overlapped | with LOCKED = False",
            "calls | partly",
            "jobs | one | always with JOBS = 1",
            "jobs | many | always with JOBS = 4",
        ])
        .unwrap();
        let programs = variants(PROGRAM, &lock);
        assert_eq!(programs.len(), 3, "{programs:?}");
        assert!(programs[1].starts_with("LOCKED = False\nJOBS = 4\n"));
        assert!(programs[2].starts_with("LOCKED = True\nJOBS = 1\n"));
        let line = |question, program| required_line(&lock, question, "free", "threads", program);
        assert_eq!(line("calls", PROGRAM), Some("queued"));
        assert_eq!(line("calls", &programs[1]), Some("overlapped"));
        assert_eq!(line("jobs", PROGRAM), Some("many"));
        assert_eq!(line("jobs", &programs[2]), Some("one"));
    }

    #[test]
    fn alternatives_are_separated_by_semicolons() {
        let either = all(&["q | a | free on virtual; legacy", "q | b | modern", "q | c"]).unwrap();
        let line = |model, scheduler| required_line(&either, "q", model, scheduler, PROGRAM);
        assert_eq!(line("free", "virtual"), Some("a"));
        assert_eq!(line("legacy", "threads"), Some("a"));
        assert_eq!(line("modern", "virtual"), Some("b"));
        assert_eq!(line("free", "threads"), None);
    }

    #[test]
    fn mistakes_are_named() {
        let error = |specs: &[&str]| all(specs).unwrap_err();
        assert!(error(&["q | a | always", "q | b | modern"]).contains("at once"));
        assert!(error(&["q | a | always"]).contains("two lines"));
        assert!(error(&["q | a", "q | a"]).contains("twice"));
        assert!(error(&["q | a | cpython", "q | b"]).contains("unknown GIL model"));
        assert!(error(&["q | a | free on gpu", "q | b"]).contains("unknown scheduler"));
        assert!(error(&["q | a | with MISSING = True", "q | b"]).contains("no top-level"));
        assert!(error(&["q | a | with LOCKED = 3", "q | b"]).contains("not to a value"));
        assert!(error(&["q | a | with JOBS = many", "q | b"]).contains("not to a value"));
        assert!(error(&["just a line"]).contains("question | line"));
    }
}
