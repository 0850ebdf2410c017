//! Printing an exception as CPython 3.12 prints an uncaught one: the traceback with
//! source lines, folded repeats, the `__cause__`/`__context__` chain, and "Did you
//! mean" hints for NameError and AttributeError. Reads VM objects; never runs code
//! other than `str()` of the exception.

use super::interp::{exception_data, Vm};
use super::types::{self, class_of};
use super::value::{lock, Payload, Value};
use crate::types::ExcType;
use std::collections::HashMap;
use std::sync::Arc;

/// Links of a `__cause__`/`__context__` chain a report follows: a program can chain
/// exceptions without limit (`raise E from previous` in a loop), and CPython itself gives
/// up on printing such a chain.
const MAX_CHAIN: usize = 1000;

const CAUSE_TEXT: &str =
    "\nThe above exception was the direct cause of the following exception:\n\n";
const CONTEXT_TEXT: &str =
    "\nDuring handling of the above exception, another exception occurred:\n\n";

/// The full CPython-style report of an exception, with its cause/context chain (oldest
/// first; at most [`MAX_CHAIN`] links back from `error`).
pub fn format_exception(vm: &mut Vm, error: &Value) -> String {
    // Newest first, each with the sentence that joins it to the newer one before it;
    // walked in a loop, not by recursion, so any chain length is safe.
    let mut chain: Vec<(Value, &'static str)> = vec![(error.clone(), "")];
    let mut seen = vec![error.identity()];
    while chain.len() < MAX_CHAIN {
        let Some(data) = exception_data(&chain[chain.len() - 1].0) else {
            break;
        };
        let (cause, context, suppress) = {
            let data = lock(data);
            (
                data.cause.clone(),
                data.context.clone(),
                data.suppress_context,
            )
        };
        let next = if let Some(cause) = cause.filter(|c| !seen.contains(&c.identity())) {
            (cause, CAUSE_TEXT)
        } else if let Some(context) = context.filter(|c| !suppress && !seen.contains(&c.identity()))
        {
            (context, CONTEXT_TEXT)
        } else {
            break;
        };
        seen.push(next.0.identity());
        chain.push(next);
    }
    let mut out = String::new();
    for (exception, joiner) in chain.iter().rev() {
        out.push_str(&format_single(vm, exception));
        out.push_str(joiner);
    }
    out
}

fn format_single(vm: &mut Vm, error: &Value) -> String {
    let mut out = String::new();
    let entries = exception_data(error)
        .map(|d| lock(d).traceback.clone())
        .unwrap_or_default();
    if !entries.is_empty() {
        out.push_str("Traceback (most recent call last):\n");
        let sources = lock(&vm.rt.sources).clone();
        let mut previous: Option<(String, u32, String)> = None;
        let mut repeats = 0;
        let flush_repeats = |out: &mut String, repeats: &mut usize| {
            // CPython prints a line at most 3 times in a row (TB_RECURSIVE_CUTOFF);
            // `repeats` counts the copies after the first one.
            if *repeats >= 3 {
                let more = *repeats + 1 - 3;
                out.push_str(&format!(
                    "  [Previous line repeated {more} more time{}]\n",
                    if more == 1 { "" } else { "s" }
                ));
            }
            *repeats = 0;
        };
        for entry in entries.iter().rev() {
            let key = (
                entry.filename.to_string(),
                entry.line,
                entry.function.to_string(),
            );
            if previous.as_ref() == Some(&key) {
                repeats += 1;
                if repeats >= 3 {
                    continue;
                }
            } else {
                flush_repeats(&mut out, &mut repeats);
            }
            previous = Some(key);
            out.push_str(&format!(
                "  File \"{}\", line {}, in {}\n",
                entry.filename, entry.line, entry.function
            ));
            if let Some(line) = source_line(&sources, &entry.filename, entry.line) {
                out.push_str(&format!("    {line}\n"));
            }
        }
        flush_repeats(&mut out, &mut repeats);
    }
    out.push_str(&exception_summary(vm, error));
    out.push('\n');
    out
}

fn source_line(
    sources: &HashMap<String, Arc<Vec<String>>>,
    filename: &str,
    line: u32,
) -> Option<String> {
    let lines = sources.get(filename)?;
    let text = lines.get((line as usize).checked_sub(1)?)?.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// `Type: message` (with "Did you mean" hints for names and attributes, as 3.12 prints).
pub fn exception_summary(vm: &mut Vm, error: &Value) -> String {
    let class = types::type_of(error);
    let name = match class_of(&class) {
        Some(c) if &*c.module == "builtins" || &*c.module == "__main__" => c.qualname.to_string(),
        Some(c) => format!("{}.{}", c.module, c.qualname),
        None => "Exception".into(),
    };
    let message = vm
        .to_str(error)
        .unwrap_or_else(|_| "<exception str() failed>".into());
    let mut summary = if message.is_empty() {
        name
    } else {
        format!("{name}: {message}")
    };
    if let Some(hint) = suggestion(vm, error) {
        summary.push_str(&format!(". Did you mean: '{hint}'?"));
    }
    summary
}

/// CPython 3.12's "Did you mean" for NameError and AttributeError.
fn suggestion(_vm: &mut Vm, error: &Value) -> Option<String> {
    let Some(Payload::Instance(instance)) = error.payload() else {
        return None;
    };
    let attrs = lock(&instance.dict).clone();
    let Some(Value::Str(wrong)) = attrs.get("name").cloned() else {
        return None;
    };
    let candidates: Vec<String> = if super::ops::is_exception_of(error, ExcType::AttributeError) {
        let object = attrs.get("obj")?.clone();
        let mut names = Vec::new();
        if let Some(Payload::Instance(target)) = object.payload() {
            names.extend(lock(&target.dict).keys().map(|k| k.to_string()));
        }
        if let Some(Payload::Module(module)) = object.payload() {
            names.extend(lock(&module.globals.vars).keys().map(|k| k.to_string()));
        }
        let class = types::type_of(&object);
        if let Some(c) = class_of(&class) {
            for owner in std::iter::once(&class).chain(c.mro.iter()) {
                if let Some(oc) = class_of(owner) {
                    names.extend(oc.dict.names().iter().map(|k| k.to_string()));
                }
            }
        }
        names
    } else if super::ops::is_exception_of(error, ExcType::NameError) {
        match attrs.get("__candidates__").and_then(|c| c.payload()) {
            Some(Payload::Tuple(names)) => names
                .iter()
                .filter_map(|n| match n {
                    Value::Str(s) => Some(s.to_string()),
                    _ => None,
                })
                .collect(),
            _ => return None,
        }
    } else {
        return None;
    };
    best_match(&wrong, &candidates)
}

/// CPython's `_compute_suggestion_error`: the closest name by a weighted Levenshtein
/// distance (case changes cost 1, other edits 2), within a length-dependent limit.
fn best_match(wrong: &str, candidates: &[String]) -> Option<String> {
    const MOVE_COST: usize = 2;
    const CASE_COST: usize = 1;
    if candidates.len() > 750 || wrong.len() > 40 {
        return None;
    }
    let mut best: Option<(usize, &String)> = None;
    for candidate in candidates {
        if candidate == wrong || candidate.len() > 40 {
            continue;
        }
        let max_distance = (wrong.len() + candidate.len() + 3) * MOVE_COST / 6;
        let limit = best
            .map(|(d, _)| d.min(max_distance))
            .unwrap_or(max_distance);
        let distance = levenshtein(wrong, candidate, limit, MOVE_COST, CASE_COST);
        if distance > limit {
            continue;
        }
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, name)| name.clone())
}

fn levenshtein(a: &str, b: &str, limit: usize, move_cost: usize, case_cost: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b {
        return 0;
    }
    let substitution = |x: char, y: char| {
        if x == y {
            0
        } else if x.eq_ignore_ascii_case(&y) {
            case_cost
        } else {
            move_cost
        }
    };
    let mut previous: Vec<usize> = (0..=b.len()).map(|j| j * move_cost).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut current = vec![(i + 1) * move_cost; b.len() + 1];
        let mut row_min = current[0];
        for (j, &cb) in b.iter().enumerate() {
            let value = (previous[j] + substitution(ca, cb))
                .min(previous[j + 1] + move_cost)
                .min(current[j] + move_cost);
            current[j + 1] = value;
            row_min = row_min.min(value);
        }
        if row_min > limit {
            return limit + 1;
        }
        previous = current;
    }
    previous[b.len()]
}
