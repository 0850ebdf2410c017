//! A demo's goal (the `.demo` key `goal`): what every run of its program must reach,
//! whatever the interleaving, for the race hunter and "Check my fix" to judge runs by.
//!
//! Two forms: `NAME == PRODUCT` (the global `NAME` ends equal to a product of numbers and
//! top-level constants of the program, as a `watch` key's expected value is written:
//! `counter == THREADS * ROUNDS`) and `no deadlock`. Under either, a deadlock or an
//! uncaught exception (an `AssertionError` included, in any thread) fails a run: the
//! goal only adds what a run that ended cleanly must also show.
//!
//! Pure: it parses and checks text against the program's text; it never runs anything
//! and never panics on any input.

use crate::params;

/// A parsed goal.
#[derive(Clone, Debug, PartialEq)]
pub enum Goal {
    /// The global `global` must end equal to `product` evaluated on the program as run
    /// (the learner may have changed its constants).
    Equals { global: String, product: String },
    /// Nothing beyond ending cleanly: no deadlock, no uncaught exception.
    NoDeadlock,
}

impl Goal {
    /// The value the global must end at for `source` (None for `no deadlock`), or why
    /// it cannot be worked out from that program.
    pub fn expected(&self, source: &str) -> Result<Option<(&str, f64)>, String> {
        match self {
            Goal::NoDeadlock => Ok(None),
            Goal::Equals { global, product } => params::expected_value(source, product)
                .map(|value| Some((global.as_str(), value)))
                .ok_or_else(|| {
                    format!(
                        "the goal `{global} == {product}` cannot be worked out: the program has no top-level number for one of {product}"
                    )
                }),
        }
    }

    /// The goal in the words of the `.demo` file.
    pub fn text(&self) -> String {
        match self {
            Goal::NoDeadlock => "no deadlock".into(),
            Goal::Equals { global, product } => format!("{global} == {product}"),
        }
    }
}

fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Parses a `goal` value and checks it against `program`: the global is assigned at the
/// top level and the product evaluates there.
pub fn parse(spec: &str, program: &str) -> Result<Goal, String> {
    let spec = spec.trim();
    if spec == "no deadlock" {
        return Ok(Goal::NoDeadlock);
    }
    let Some((global, product)) = spec.split_once("==") else {
        return Err(format!(
            "goal must be `NAME == PRODUCT` or `no deadlock`, got {spec:?}"
        ));
    };
    let (global, product) = (global.trim(), product.trim());
    if !is_identifier(global) {
        return Err(format!("goal: {global:?} is not a global's name"));
    }
    if product.is_empty()
        || product
            .split('*')
            .map(str::trim)
            .any(|factor| factor.is_empty() || factor.contains(char::is_whitespace))
    {
        return Err(format!(
            "goal: {product:?} must be numbers and constants joined by `*`"
        ));
    }
    let assigned = program.lines().any(|line| {
        line.strip_prefix(global).is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.starts_with('=') && !rest.starts_with("==")
        })
    });
    if !assigned {
        return Err(format!(
            "goal: the program has no top-level `{global} = ...` line"
        ));
    }
    let goal = Goal::Equals {
        global: global.to_string(),
        product: product.to_string(),
    };
    goal.expected(program)
        .map_err(|error| format!("goal: {error}"))?;
    Ok(goal)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROGRAM: &str = "THREADS = 5\nROUNDS = 100_000\ncounter = 0\n";

    #[test]
    fn both_forms_parse_and_evaluate_on_the_program_as_run() {
        let goal = parse("counter == THREADS * ROUNDS", PROGRAM).unwrap();
        assert_eq!(
            goal.expected(PROGRAM).unwrap(),
            Some(("counter", 500_000.0))
        );
        let edited = PROGRAM.replace("THREADS = 5", "THREADS = 2");
        assert_eq!(
            goal.expected(&edited).unwrap(),
            Some(("counter", 200_000.0))
        );
        assert_eq!(goal.text(), "counter == THREADS * ROUNDS");
        assert_eq!(parse(" no deadlock ", PROGRAM).unwrap(), Goal::NoDeadlock);
        assert_eq!(
            parse("counter == 2 * 3", PROGRAM)
                .unwrap()
                .expected(PROGRAM)
                .unwrap(),
            Some(("counter", 6.0))
        );
    }

    #[test]
    fn malformed_goals_are_refused_with_a_reason() {
        for (spec, says) in [
            ("counter = 5", "NAME == PRODUCT"),
            ("no deadlocks", "NAME == PRODUCT"),
            ("2x == 5", "not a global"),
            ("counter ==", "numbers and constants"),
            ("counter == THREADS *", "numbers and constants"),
            ("counter == THREADS + 1", "numbers and constants"),
            ("total == 5", "no top-level `total = ...`"),
            ("counter == THREADS * MISSING", "cannot be worked out"),
        ] {
            let error = parse(spec, PROGRAM).unwrap_err();
            assert!(error.contains(says), "{spec}: {error}");
        }
        // A program whose constants went missing after editing.
        let goal = parse("counter == THREADS * ROUNDS", PROGRAM).unwrap();
        assert!(goal.expected("counter = 0\n").is_err());
    }
}
