//! The `.demo` description format (demos/README.md): plain `key: value` lines, `#`
//! comments, some keys repeatable. [`parse_file`] reads one description, checks it
//! (required keys, numbers, statuses, quiz options, and that every control names a
//! constant or statement its program has) and returns its keys, or an error naming the
//! file, the line and the key.
//!
//! The page's build.rs turns the descriptions into the demo catalog with it, so a
//! malformed one fails the build. It only reads files: it never panics, never runs the
//! program and knows nothing of the page. `threadplay demos` prints the descriptions as
//! JSON for the browser tests, and the engine's tests run every demo natively, so this
//! is the only reader of the format.

use crate::conclusions::{self, Conclusion};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Keys given at most once.
pub const SINGLE_KEYS: &[&str] = &[
    "slug",
    "title",
    "section",
    "order",
    "blurb",
    "program",
    "expect-any-order",
    "status",
    "threads",
    "watch",
    "speedup",
    "question",
    "goal",
];
/// Keys that may repeat (one value per line, in order).
pub const REPEATED_KEYS: &[&str] = &[
    "explain",
    "try",
    "expect",
    "number",
    "toggle",
    "wrap",
    "option",
    "conclusion",
];
/// Keys every description has.
pub const REQUIRED_KEYS: &[&str] = &[
    "slug", "title", "section", "order", "blurb", "program", "explain", "threads",
];

/// One checked description.
#[derive(Clone, Debug)]
pub struct Description {
    /// Its position in the gallery.
    pub order: u32,
    /// Every key with its values, in file order (one value for single keys).
    pub keys: BTreeMap<String, Vec<String>>,
    /// The directory the file is in (its `program` is relative to it).
    pub dir: PathBuf,
}

impl Description {
    /// The value of a single key, if given.
    pub fn one(&self, key: &str) -> Option<&str> {
        self.keys
            .get(key)
            .and_then(|values| values.first())
            .map(String::as_str)
    }

    /// Every value of a repeatable key (empty if not given).
    pub fn list(&self, key: &str) -> &[String] {
        self.keys.get(key).map_or(&[], Vec::as_slice)
    }

    /// The program file the description names.
    pub fn program_path(&self) -> PathBuf {
        self.dir.join(self.one("program").unwrap_or_default())
    }

    /// The lines a default run prints (`expect`), and whether their order may vary.
    pub fn expected_lines(&self) -> (&[String], bool) {
        (
            self.list("expect"),
            self.one("expect-any-order") == Some("yes"),
        )
    }

    /// The verdict lines the program may print (`conclusion`), checked when parsed.
    pub fn conclusions(&self) -> Vec<Conclusion> {
        let program = std::fs::read_to_string(self.program_path()).unwrap_or_default();
        self.list("conclusion")
            .iter()
            .filter_map(|spec| conclusions::parse(spec, &program).ok())
            .collect()
    }

    /// What every run must reach (`goal`), checked when parsed.
    pub fn goal(&self) -> Option<crate::goal::Goal> {
        let program = std::fs::read_to_string(self.program_path()).unwrap_or_default();
        self.one("goal")
            .and_then(|spec| crate::goal::parse(spec, &program).ok())
    }

    /// How a default run ends: `finished` (the default) or `deadlock`.
    pub fn end_status(&self) -> &str {
        self.one("status").unwrap_or("finished")
    }
}

/// Reads and checks every `.demo` file in `dir`, in gallery order; slugs must be unique.
pub fn read_dir(dir: &Path) -> Result<Vec<Description>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut descriptions = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path
            .extension()
            .is_some_and(|extension| extension == "demo")
        {
            descriptions.push(parse_file(&path)?);
        }
    }
    descriptions.sort_by_key(|description| description.order);
    for (index, description) in descriptions.iter().enumerate() {
        let slug = description.one("slug");
        if descriptions[..index]
            .iter()
            .any(|earlier| earlier.one("slug") == slug)
        {
            return Err(format!("{}: slug {slug:?} is used twice", dir.display()));
        }
    }
    Ok(descriptions)
}

/// Reads and checks one `.demo` file.
pub fn parse_file(path: &Path) -> Result<Description, String> {
    let name = path.display();
    let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
    let mut keys: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(format!(
                "{name}:{}: expected `key: value`, got {line:?}",
                number + 1
            ));
        };
        let key = key.trim();
        if !SINGLE_KEYS.contains(&key) && !REPEATED_KEYS.contains(&key) {
            return Err(format!("{name}:{}: unknown key {key:?}", number + 1));
        }
        let values = keys.entry(key.to_string()).or_default();
        if SINGLE_KEYS.contains(&key) && !values.is_empty() {
            return Err(format!("{name}:{}: {key:?} given twice", number + 1));
        }
        values.push(value.trim().to_string());
    }
    for key in REQUIRED_KEYS {
        if !keys.contains_key(*key) {
            return Err(format!("{name}: missing {key:?}"));
        }
    }
    let order: u32 = keys["order"][0]
        .parse()
        .map_err(|_| format!("{name}: order must be a number"))?;
    let threads = &keys["threads"][0];
    if threads.parse::<u32>().is_err() {
        return Err(format!("{name}: threads must be a number"));
    }
    if let Some(status) = keys.get("status") {
        if !["finished", "deadlock"].contains(&status[0].as_str()) {
            return Err(format!("{name}: status must be finished or deadlock"));
        }
    }
    let dir = path
        .parent()
        .ok_or_else(|| format!("{name}: not a file in a directory"))?
        .to_path_buf();
    let program = dir.join(&keys["program"][0]);
    if !program.exists() {
        return Err(format!(
            "{name}: program {} does not exist",
            program.display()
        ));
    }
    let program_text = std::fs::read_to_string(&program).map_err(|e| format!("{name}: {e}"))?;
    for key in ["number", "toggle", "wrap"] {
        for spec in keys.get(key).into_iter().flatten() {
            check_control(&name.to_string(), key, spec, &program_text)?;
        }
    }
    match (keys.get("question"), keys.get("option")) {
        (None, None) => {}
        (Some(_), Some(options)) => {
            for option in options {
                let parts: Vec<&str> = option.splitn(3, '|').map(str::trim).collect();
                if parts.len() != 3 || !["right", "wrong"].contains(&parts[0]) {
                    return Err(format!(
                        "{name}: option must be `right|wrong | text | feedback`, got {option:?}"
                    ));
                }
            }
            let right = options
                .iter()
                .filter(|o| o.trim_start().starts_with("right"))
                .count();
            if right != 1 || options.len() < 2 {
                return Err(format!(
                    "{name}: a question needs at least two options, exactly one of them right"
                ));
            }
        }
        _ => return Err(format!("{name}: `question` and `option` go together")),
    }
    if let Some(spec) = keys.get("speedup") {
        if !spec[0].contains('/') {
            return Err(format!(
                "{name}: speedup must be `slow_global / fast_global`"
            ));
        }
    }
    check_conclusions(&name.to_string(), &keys, &program_text)?;
    if let Some(spec) = keys.get("goal") {
        crate::goal::parse(&spec[0], &program_text).map_err(|error| format!("{name}: {error}"))?;
    }
    Ok(Description { order, keys, dir })
}

/// The `conclusion` lines parse, agree with each other, and the one a default run under
/// the default (modern) model must print on both schedulers is among the `expect` lines.
fn check_conclusions(
    name: &str,
    keys: &BTreeMap<String, Vec<String>>,
    program: &str,
) -> Result<(), String> {
    let Some(specs) = keys.get("conclusion") else {
        return Ok(());
    };
    let parsed = specs
        .iter()
        .map(|spec| conclusions::parse(spec, program))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| format!("{name}: {error}"))?;
    conclusions::check_all(program, &parsed).map_err(|error| format!("{name}: {error}"))?;
    let expected = keys.get("expect").map_or(&[][..], Vec::as_slice);
    for question in conclusions::questions(&parsed) {
        for scheduler in conclusions::SCHEDULERS {
            let line = conclusions::required_line(&parsed, question, "modern", scheduler, program);
            if let Some(line) = line.filter(|line| !expected.iter().any(|e| e == line)) {
                return Err(format!(
                    "{name}: a default run on {scheduler} must conclude {line:?}, but it is not an `expect` line"
                ));
            }
        }
    }
    Ok(())
}

/// Checks a control key's shape and that the program has what it controls.
fn check_control(name: &str, key: &str, spec: &str, program: &str) -> Result<(), String> {
    let parts: Vec<&str> = spec.split('|').map(str::trim).collect();
    let top_level = |constant: &str| {
        program.lines().any(|line| {
            line.strip_prefix(constant).is_some_and(|rest| {
                rest.trim_start().starts_with('=') && !rest.trim_start().starts_with("==")
            })
        })
    };
    match key {
        "number" => {
            let range = parts.get(2).and_then(|r| r.split_once(".."));
            let valid = parts.len() == 3
                && range.is_some_and(|(a, b)| {
                    a.trim().replace('_', "").parse::<f64>().is_ok()
                        && b.trim().replace('_', "").parse::<f64>().is_ok()
                });
            if !valid {
                return Err(format!(
                    "{name}: number must be `NAME | label | min..max`, got {spec:?}"
                ));
            }
            if !top_level(parts[0]) {
                return Err(format!(
                    "{name}: the program has no top-level `{} = ...` line",
                    parts[0]
                ));
            }
        }
        "toggle" => {
            if parts.len() != 2 {
                return Err(format!(
                    "{name}: toggle must be `NAME | label`, got {spec:?}"
                ));
            }
            if !top_level(parts[0]) {
                return Err(format!(
                    "{name}: the program has no top-level `{} = ...` line",
                    parts[0]
                ));
            }
        }
        "wrap" => {
            if parts.len() != 3 {
                return Err(format!(
                    "{name}: wrap must be `label | header: | statement`, got {spec:?}"
                ));
            }
            if !program
                .lines()
                .any(|line| line.trim_start().starts_with(parts[2]))
            {
                return Err(format!(
                    "{name}: the program has no line starting with {:?}",
                    parts[2]
                ));
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every description in the repository's demos/ parses (build.rs would fail on
    /// any that does not, but this names it without a page build).
    #[test]
    fn every_demo_in_the_repository_parses() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../demos");
        let mut count = 0;
        for entry in std::fs::read_dir(&dir).expect("demos/ exists") {
            let path = entry.expect("a readable entry").path();
            if path.extension().is_some_and(|e| e == "demo") {
                let description = parse_file(&path).unwrap_or_else(|error| panic!("{error}"));
                assert!(description.one("slug").is_some());
                count += 1;
            }
        }
        assert!(count > 0, "no .demo files in {}", dir.display());
    }
}
