//! A demo's controls, as edits of its program text: a number control rewrites a
//! top-level `NAME = 5` line, a switch rewrites `NAME = True`, and a lock switch wraps or
//! unwraps one statement in a `with` block. The program text stays the only state, so
//! typing in the editor and using the controls can never disagree: the controls read
//! their values back from the text on every render.
//!
//! Pure string work on any text: never panics, and leaves every line it does not own
//! byte for byte as it was. It knows nothing of the UI, the VM or the web.

/// One control of a demo, as its `.demo` file declares it (see demos/README.md).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Control {
    /// `number: NAME | label | min..max`: a top-level `NAME = <number>` line.
    Number {
        name: &'static str,
        label: &'static str,
        min: f64,
        max: f64,
    },
    /// `toggle: NAME | label`: a top-level `NAME = True` / `False` line.
    Toggle {
        name: &'static str,
        label: &'static str,
    },
    /// `wrap: label | with lock: | counter += 1`: whether the statement sits alone in a
    /// block opened by the header line, one indentation level in.
    Wrap {
        label: &'static str,
        header: &'static str,
        statement: &'static str,
    },
}

impl Control {
    pub fn label(&self) -> &'static str {
        match self {
            Control::Number { label, .. }
            | Control::Toggle { label, .. }
            | Control::Wrap { label, .. } => label,
        }
    }
}

/// A control's setting as the program text holds it now.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Setting {
    Number(f64),
    /// A toggle's `True`/`False`, or whether a wrap's statement is wrapped.
    Switch(bool),
}

impl Control {
    /// The control's setting in `source`; None when the program no longer has the line
    /// the control rewrites (the learner edited it away).
    pub fn read(&self, source: &str) -> Option<Setting> {
        match self {
            Control::Number { name, .. } => read_number(source, name).map(Setting::Number),
            Control::Toggle { name, .. } => read_toggle(source, name).map(Setting::Switch),
            Control::Wrap {
                header, statement, ..
            } => read_wrap(source, header, statement).map(Setting::Switch),
        }
    }

    /// The rule a number control's input must follow in `source`: its range, and whole
    /// numbers only when the program's literal is an integer (`write_number` keeps the
    /// literal's style, so 2.5 threads would otherwise become 3 without a word). None for
    /// switches, or when the program lacks the line.
    pub fn rule(&self, source: &str) -> Option<NumberRule> {
        let Control::Number { name, min, max, .. } = self else {
            return None;
        };
        let (index, range) = find_assignment(source, name)?;
        let literal = &source.split('\n').nth(index)?[range];
        Some(NumberRule {
            min: *min,
            max: *max,
            whole: !literal.contains('.'),
        })
    }

    /// `source` rewritten for what the learner entered: a number (`_` allowed) within
    /// the control's rule, or `true`/`false` for a switch. A number outside the rule is
    /// refused, never clamped: the program keeps its last valid value and the page says
    /// why (`NumberRule::message`).
    pub fn try_apply(&self, source: &str, input: &str) -> Result<String, ApplyError> {
        let on = input == "true";
        let written = match self {
            Control::Number { name, .. } => {
                let rule = self.rule(source).ok_or(ApplyError::NoLine)?;
                let number = rule.check(input).map_err(ApplyError::Refused)?;
                write_number(source, name, number)
            }
            Control::Toggle { name, .. } => write_toggle(source, name, on),
            Control::Wrap {
                header, statement, ..
            } => write_wrap(source, header, statement, on),
        };
        written.ok_or(ApplyError::NoLine)
    }

    /// `try_apply` without the reason: None when the input is refused or the program
    /// lacks the line.
    pub fn apply(&self, source: &str, input: &str) -> Option<String> {
        self.try_apply(source, input).ok()
    }
}

/// Why a control did not rewrite the program.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ApplyError {
    /// The program no longer has the line the control rewrites.
    NoLine,
    /// The input breaks the control's rule.
    Refused(Refusal),
}

/// What is wrong with a typed number.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Refusal {
    /// Not a number at all (an empty field included).
    NotANumber,
    /// A fraction where only whole numbers make sense.
    NotWhole,
    /// Below the minimum or above the maximum.
    OutOfRange,
}

/// The numbers a field accepts: `min..=max`, whole numbers only when `whole`. Used by
/// the number controls and by the page's own number fields (switch interval, seed).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NumberRule {
    pub min: f64,
    pub max: f64,
    pub whole: bool,
}

impl NumberRule {
    /// The number typed (surrounding spaces and `_` between digits allowed), or why it
    /// is refused.
    pub fn check(&self, input: &str) -> Result<f64, Refusal> {
        let number: f64 = input
            .replace('_', "")
            .trim()
            .parse()
            .map_err(|_| Refusal::NotANumber)?;
        if !number.is_finite() {
            return Err(Refusal::NotANumber);
        }
        if self.whole && number.fract() != 0.0 {
            return Err(Refusal::NotWhole);
        }
        if number < self.min || number > self.max {
            return Err(Refusal::OutOfRange);
        }
        Ok(number)
    }

    /// What the page shows next to a field whose input was refused, e.g. "threads must
    /// be between 1 and 32".
    pub fn message(&self, label: &str, refusal: Refusal) -> String {
        let (min, max) = (readable(self.min), readable(self.max));
        match refusal {
            Refusal::OutOfRange => format!("{label} must be between {min} and {max}"),
            Refusal::NotWhole => format!("{label} must be a whole number between {min} and {max}"),
            Refusal::NotANumber => format!("{label} must be a number between {min} and {max}"),
        }
    }
}

/// A bound as a learner reads it: `1,000,000`, `0.1`.
fn readable(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        group_thousands(value as i64).replace('_', ",")
    } else {
        format!("{value}")
    }
}

/// The indentation a wrapped statement gains.
const INDENT: &str = "    ";

/// The value part of a top-level `NAME = value  # comment` line: (line index, the byte
/// range of the value within that line).
fn find_assignment(source: &str, name: &str) -> Option<(usize, std::ops::Range<usize>)> {
    source.split('\n').enumerate().find_map(|(index, line)| {
        let rest = line.strip_prefix(name)?;
        let after_name = rest.trim_start_matches([' ', '\t']);
        let after_eq = after_name.strip_prefix('=')?;
        if after_eq.starts_with('=') {
            return None;
        }
        let value_start = line.len() - after_eq.trim_start_matches([' ', '\t']).len();
        let value_text = &line[value_start..];
        let value_len = value_text.find('#').unwrap_or(value_text.len());
        let trimmed = value_text[..value_len].trim_end();
        (!trimmed.is_empty()).then(|| (index, value_start..value_start + trimmed.len()))
    })
}

fn replace_in_line(
    source: &str,
    line_index: usize,
    range: std::ops::Range<usize>,
    new: &str,
) -> String {
    source
        .split('\n')
        .enumerate()
        .map(|(index, line)| {
            if index == line_index {
                format!("{}{}{}", &line[..range.start], new, &line[range.end..])
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The number a top-level `NAME = ...` line holds (`100_000` reads as 100000), if it
/// holds a plain number literal.
pub fn read_number(source: &str, name: &str) -> Option<f64> {
    let (index, range) = find_assignment(source, name)?;
    let line = source.split('\n').nth(index)?;
    let literal = line[range].replace('_', "");
    if literal.starts_with(['+', '-']) || literal.contains(['e', 'E', 'x', 'X', 'j']) {
        return None;
    }
    literal.parse::<f64>().ok()
}

/// Rewrites `NAME = ...` to hold `value`, written the way the old literal was: an
/// integer stays an integer (with `_` between thousands if it had them), a float keeps
/// a decimal point. Returns None when there is no such line.
pub fn write_number(source: &str, name: &str, value: f64) -> Option<String> {
    let (index, range) = find_assignment(source, name)?;
    let old = &source.split('\n').nth(index)?[range.clone()];
    let new = if old.contains('.') {
        let text = format!("{value}");
        if text.contains('.') {
            text
        } else {
            format!("{text}.0")
        }
    } else {
        let whole = value.round() as i64;
        if old.contains('_') {
            group_thousands(whole)
        } else {
            whole.to_string()
        }
    };
    Some(replace_in_line(source, index, range, &new))
}

fn group_thousands(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::new();
    for (position, digit) in digits.chars().enumerate() {
        if position > 0 && (digits.len() - position).is_multiple_of(3) {
            out.push('_');
        }
        out.push(digit);
    }
    if value < 0 {
        out.insert(0, '-');
    }
    out
}

/// The value of a top-level `NAME = True` / `False` line.
pub fn read_toggle(source: &str, name: &str) -> Option<bool> {
    let (index, range) = find_assignment(source, name)?;
    match &source.split('\n').nth(index)?[range] {
        "True" => Some(true),
        "False" => Some(false),
        _ => None,
    }
}

pub fn write_toggle(source: &str, name: &str, on: bool) -> Option<String> {
    read_toggle(source, name)?;
    let (index, range) = find_assignment(source, name)?;
    Some(replace_in_line(
        source,
        index,
        range,
        if on { "True" } else { "False" },
    ))
}

fn indentation(line: &str) -> &str {
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// Where the wrapped statement is: its line index, and the index of the header line
/// right above it when it is wrapped.
fn find_wrap(source: &str, header: &str, statement: &str) -> Option<(usize, Option<usize>)> {
    let lines: Vec<&str> = source.split('\n').collect();
    let at = lines
        .iter()
        .position(|line| line.trim_start().starts_with(statement))?;
    let above = (0..at).rev().find(|&i| !lines[i].trim().is_empty());
    let wrapped = above.filter(|&i| {
        lines[i].trim() == header
            && format!("{}{INDENT}", indentation(lines[i])) == indentation(lines[at])
    });
    Some((at, wrapped))
}

/// Whether the statement is wrapped in the header's block (None: no such statement).
pub fn read_wrap(source: &str, header: &str, statement: &str) -> Option<bool> {
    find_wrap(source, header, statement).map(|(_, wrapped)| wrapped.is_some())
}

/// Wraps the statement in `header` (one level deeper) or unwraps it (the header line
/// goes, the statement moves out one level). The block holds just that statement.
pub fn write_wrap(source: &str, header: &str, statement: &str, on: bool) -> Option<String> {
    let (at, wrapped) = find_wrap(source, header, statement)?;
    let mut lines: Vec<String> = source.split('\n').map(str::to_string).collect();
    match (on, wrapped) {
        (true, None) => {
            let indent = indentation(&lines[at]).to_string();
            lines[at] = format!("{INDENT}{}", lines[at]);
            lines.insert(at, format!("{indent}{header}"));
        }
        (false, Some(header_at)) => {
            lines[at] = lines[at]
                .strip_prefix(INDENT)
                .map(str::to_string)
                .unwrap_or_else(|| lines[at].clone());
            lines.remove(header_at);
        }
        _ => {}
    }
    Some(lines.join("\n"))
}

/// Evaluates a watch's expected value, a product of numbers and top-level constants
/// of the program (`THREADS * ROUNDS`); None if a name is missing or not a number.
pub fn expected_value(source: &str, product: &str) -> Option<f64> {
    product
        .split('*')
        .map(str::trim)
        .try_fold(1.0, |total, factor| {
            let value = factor
                .replace('_', "")
                .parse::<f64>()
                .ok()
                .or_else(|| read_number(source, factor))?;
            Some(total * value)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RACE: &str = "import threading\n\nTHREADS = 5  # how many\nROUNDS = 100_000\nSECONDS = 0.5\nUSE_LOCK = False\nlock = threading.Lock()\n\n\ndef count_up():\n    global counter\n    for _ in range(ROUNDS):\n        counter += 1  # not atomic\n";

    #[test]
    fn numbers_read_and_write_in_the_literal_s_own_style() {
        assert_eq!(read_number(RACE, "THREADS"), Some(5.0));
        assert_eq!(read_number(RACE, "ROUNDS"), Some(100_000.0));
        assert_eq!(read_number(RACE, "SECONDS"), Some(0.5));
        assert_eq!(read_number(RACE, "MISSING"), None);
        assert_eq!(read_number(RACE, "USE_LOCK"), None);
        let more = write_number(RACE, "THREADS", 12.0).unwrap();
        assert!(more.contains("THREADS = 12  # how many\n"));
        let rounds = write_number(RACE, "ROUNDS", 2_500_000.0).unwrap();
        assert!(rounds.contains("ROUNDS = 2_500_000\n"));
        let seconds = write_number(RACE, "SECONDS", 2.0).unwrap();
        assert!(seconds.contains("SECONDS = 2.0\n"));
        // Nothing else moved.
        assert_eq!(
            write_number(&more, "THREADS", 5.0).unwrap(),
            RACE,
            "a round trip restores the text"
        );
    }

    #[test]
    fn only_top_level_assignments_count() {
        let source = "def f():\n    THREADS = 9\nTHREADS == 3\nTHREADS = 4\n";
        assert_eq!(read_number(source, "THREADS"), Some(4.0));
    }

    #[test]
    fn toggles_flip_true_and_false() {
        assert_eq!(read_toggle(RACE, "USE_LOCK"), Some(false));
        let on = write_toggle(RACE, "USE_LOCK", true).unwrap();
        assert_eq!(read_toggle(&on, "USE_LOCK"), Some(true));
        assert_eq!(write_toggle(&on, "USE_LOCK", false).unwrap(), RACE);
        assert_eq!(write_toggle(RACE, "THREADS", true), None);
    }

    #[test]
    fn a_wrap_adds_and_removes_the_with_block() {
        assert_eq!(read_wrap(RACE, "with lock:", "counter += 1"), Some(false));
        let locked = write_wrap(RACE, "with lock:", "counter += 1", true).unwrap();
        assert!(locked.contains(
            "    for _ in range(ROUNDS):\n        with lock:\n            counter += 1  # not atomic\n"
        ));
        assert_eq!(read_wrap(&locked, "with lock:", "counter += 1"), Some(true));
        assert_eq!(
            write_wrap(&locked, "with lock:", "counter += 1", false).unwrap(),
            RACE
        );
        // Asking for the state it is already in changes nothing.
        assert_eq!(
            write_wrap(RACE, "with lock:", "counter += 1", false).unwrap(),
            RACE
        );
        assert_eq!(read_wrap(RACE, "with lock:", "total -= 1"), None);
    }

    #[test]
    fn controls_read_and_apply_through_one_interface() {
        let threads = Control::Number {
            name: "THREADS",
            label: "threads",
            min: 1.0,
            max: 32.0,
        };
        let lock = Control::Wrap {
            label: "lock",
            header: "with lock:",
            statement: "counter += 1",
        };
        assert_eq!(threads.read(RACE), Some(Setting::Number(5.0)));
        let more = threads.apply(RACE, "1_2").unwrap();
        assert_eq!(threads.read(&more), Some(Setting::Number(12.0)));
        assert_eq!(threads.apply(RACE, "lots"), None);
        assert_eq!(lock.read(RACE), Some(Setting::Switch(false)));
        let locked = lock.apply(RACE, "true").unwrap();
        assert_eq!(lock.read(&locked), Some(Setting::Switch(true)));
        assert_eq!(lock.apply(&locked, "false").unwrap(), RACE);
    }

    #[test]
    fn out_of_range_numbers_are_refused_not_clamped() {
        let threads = Control::Number {
            name: "THREADS",
            label: "threads",
            min: 1.0,
            max: 32.0,
        };
        let seconds = Control::Number {
            name: "SECONDS",
            label: "seconds each",
            min: 0.1,
            max: 5.0,
        };
        let refused = |control: &Control, input| match control.try_apply(RACE, input) {
            Err(ApplyError::Refused(why)) => Some(why),
            _ => None,
        };
        for input in ["0", "500", "-3", "1_000"] {
            assert_eq!(
                refused(&threads, input),
                Some(Refusal::OutOfRange),
                "{input}"
            );
        }
        assert_eq!(refused(&threads, "2.5"), Some(Refusal::NotWhole));
        assert_eq!(refused(&threads, ""), Some(Refusal::NotANumber));
        assert_eq!(refused(&threads, "inf"), Some(Refusal::NotANumber));
        assert_eq!(refused(&seconds, "0"), Some(Refusal::OutOfRange));
        assert_eq!(refused(&seconds, "-0.5"), Some(Refusal::OutOfRange));
        // The edges are allowed; a float literal takes fractions.
        assert!(threads.try_apply(RACE, "1").is_ok() && threads.try_apply(RACE, "32").is_ok());
        let slow = seconds.try_apply(RACE, "2.5").unwrap();
        assert!(slow.contains("SECONDS = 2.5\n"));
        // A program without the line is not a refusal.
        assert_eq!(
            threads.try_apply("print(1)\n", "3"),
            Err(ApplyError::NoLine)
        );
        let rule = threads.rule(RACE).unwrap();
        assert_eq!(
            rule.message("threads", Refusal::OutOfRange),
            "threads must be between 1 and 32"
        );
        let rounds = NumberRule {
            min: 1_000.0,
            max: 1_000_000.0,
            whole: true,
        };
        assert_eq!(
            rounds.message("increments per thread", Refusal::NotWhole),
            "increments per thread must be a whole number between 1,000 and 1,000,000"
        );
        assert_eq!(
            seconds
                .rule(RACE)
                .unwrap()
                .message("seconds each", Refusal::NotANumber),
            "seconds each must be a number between 0.1 and 5"
        );
    }

    #[test]
    fn expected_values_multiply_constants() {
        assert_eq!(expected_value(RACE, "THREADS * ROUNDS"), Some(500_000.0));
        assert_eq!(expected_value(RACE, "2 * THREADS"), Some(10.0));
        assert_eq!(expected_value(RACE, "THREADS * NOPE"), None);
    }

    #[test]
    fn odd_text_never_panics() {
        for source in [
            "",
            "=",
            "THREADS =",
            "THREADS = # x",
            "THREADS=é",
            "\n\n",
            "with lock:",
        ] {
            let _ = read_number(source, "THREADS");
            let _ = write_number(source, "THREADS", 3.0);
            let _ = write_toggle(source, "THREADS", true);
            let _ = write_wrap(source, "with lock:", "", true);
            let _ = write_wrap(source, "with lock:", "x", false);
        }
    }
}
