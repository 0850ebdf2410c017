//! Fuzzing the language layer: whatever text comes in, the lexer, the parser, the
//! compiler and the error's `Display` return (a code object or a `CompileError`) and never
//! panic, never hang and never overflow a small stack.
//!
//! Four proptest properties feed it different kinds of input:
//!
//! 1. arbitrary Unicode text (control characters, `\r`, tabs, non-ASCII, very long lines);
//! 2. "token soup": random sequences of Python tokens and token fragments;
//! 3. random edits of the real programs in `tests/py`;
//! 4. deep nesting: brackets, unary chains, operator chains, f-strings and blocks nested
//!    up to hundreds (chains: thousands) of levels.
//!
//! Every input is checked on its own thread with a 1 MiB stack (what a browser worker
//! gets; 8 MiB in unoptimized builds, see `STACK_SIZE`), so a recursion that is not bounded shows up as a stack overflow here, and under
//! a watchdog, so an input that hangs aborts the run with the input printed.
//!
//! The case counts are fixed (see `CASES_*`) so the whole file stays well under a minute
//! in `cargo test --release`; `fuzz_input_count` prints how many inputs a run checks.
//! Nothing is written to disk (`failure_persistence: None`). A failure prints the
//! shrunk input; `PROPTEST_RNG_SEED=<n>` replays a run with a fixed seed.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::OnceLock;
use std::thread;
use std::time::{Duration, Instant};

use language::compiler::compile_module;
use language::lexer::{self, Tok};
use language::parser::parse_module;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};

const CASES_ARBITRARY_TEXT: u32 = 10_000;
const CASES_TOKEN_SOUP: u32 = 10_000;
const CASES_MUTATED_PROGRAMS: u32 = 8_000;
const CASES_DEEP_NESTING: u32 = 4_000;

/// The stack every input is checked on: a browser worker's 1 MiB in optimized builds (the
/// ones that ship, and what `scripts/test` runs). Unoptimized frames are several times
/// larger, so a plain `cargo test` (debug) gets 8 MiB instead.
const STACK_SIZE: usize = if cfg!(debug_assertions) {
    8 << 20
} else {
    1 << 20
};
/// An input that takes longer than this is reported as a hang.
const HANG_TIMEOUT: Duration = Duration::from_secs(30);
const FILENAME: &str = "<fuzz>";

/// How often each stage was reached, over one property's run (shrinking included).
#[derive(Default)]
struct Stats {
    inputs: AtomicUsize,
    syntax_errors: AtomicUsize,
    compile_errors: AtomicUsize,
    compiled: AtomicUsize,
}

#[derive(Clone, Copy, Debug)]
enum Outcome {
    SyntaxError,
    CompileError,
    Compiled,
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        // Bound the time a failure's shrinking may take.
        max_shrink_time: 60_000,
        ..Config::default()
    }
}

/// The check itself: tokenize, parse, compile what parses, and render every error.
fn check(source: &str) -> Outcome {
    let lexed = lexer::tokenize(&lexer::normalize_newlines(source));
    match lexed.tokens.last().map(|token| &token.tok) {
        Some(Tok::EndMarker) => assert!(lexed.error.is_none(), "EndMarker with an error"),
        Some(Tok::Error) => assert!(lexed.error.is_some(), "Error token without an error"),
        other => panic!("token list ends with {other:?}"),
    }
    // The editor lays the highlighted text under the typed text: every character must
    // come back, in order, on its line.
    let normalized = lexer::normalize_newlines(source);
    let rows = language::highlight::highlight(&normalized);
    let rebuilt: Vec<String> = rows
        .iter()
        .map(|row| row.iter().map(|(_, text)| text.as_str()).collect())
        .collect();
    assert_eq!(
        rebuilt.join("\n"),
        normalized,
        "highlighting changed the text"
    );
    let render = |error: &dyn std::fmt::Display| {
        let text = format!("{error}");
        assert!(text.contains("Error"), "error renders as {text:?}");
    };
    match parse_module(source, FILENAME) {
        Err(error) => {
            render(&error);
            let _ = format!("{error:?}");
            Outcome::SyntaxError
        }
        Ok(body) => match compile_module(&body, FILENAME, source) {
            Err(error) => {
                render(&error);
                Outcome::CompileError
            }
            Ok(code) => {
                drop(code);
                Outcome::Compiled
            }
        },
    }
}

fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "<non-string panic payload>".to_string()
    }
}

/// Runs `check` on a 1 MiB thread under the hang watchdog. A panic becomes a test-case
/// failure (so proptest shrinks it); a hang aborts the process after printing the input.
fn guarded_check(source: &str, stats: &Stats) -> Result<(), TestCaseError> {
    stats.inputs.fetch_add(1, Ordering::Relaxed);
    let (sender, receiver) = mpsc::channel();
    let owned = source.to_string();
    let handle = thread::Builder::new()
        .name("fuzz-check".into())
        .stack_size(STACK_SIZE)
        .spawn(move || {
            let outcome = check(&owned);
            let _ = sender.send(outcome);
        })
        .map_err(|error| TestCaseError::fail(format!("cannot spawn a checker: {error}")))?;
    match receiver.recv_timeout(HANG_TIMEOUT) {
        Ok(outcome) => {
            let _ = handle.join();
            let counter = match outcome {
                Outcome::SyntaxError => &stats.syntax_errors,
                Outcome::CompileError => &stats.compile_errors,
                Outcome::Compiled => &stats.compiled,
            };
            counter.fetch_add(1, Ordering::Relaxed);
            Ok(())
        }
        Err(RecvTimeoutError::Disconnected) => {
            let message = handle.join().err().map(panic_message).unwrap_or_default();
            Err(TestCaseError::fail(format!(
                "panicked: {message}\ninput ({} chars): {source:?}",
                source.chars().count()
            )))
        }
        Err(RecvTimeoutError::Timeout) => {
            // Straight to the stderr file descriptor: the test harness's output capture
            // would be lost with the abort.
            let _ = writeln!(
                std::io::stderr(),
                "fuzz_language: no result after {HANG_TIMEOUT:?} (hang?) on input: {source:?}"
            );
            std::process::abort();
        }
    }
}

/// Runs one property and prints what it did.
fn run_property<S: Strategy>(
    name: &str,
    cases: u32,
    strategy: S,
    to_source: impl Fn(&S::Value) -> String,
) {
    let stats = Stats::default();
    let started = Instant::now();
    let mut runner = TestRunner::new(config(cases));
    let result = runner.run(&strategy, |value| guarded_check(&to_source(&value), &stats));
    let load = |counter: &AtomicUsize| counter.load(Ordering::Relaxed);
    println!(
        "fuzz_language::{name}: {cases} cases, {} inputs checked ({} syntax errors, {} compile \
         errors, {} compiled) in {:.1?}",
        load(&stats.inputs),
        load(&stats.syntax_errors),
        load(&stats.compile_errors),
        load(&stats.compiled),
        started.elapsed(),
    );
    match result {
        Ok(()) => assert!(load(&stats.inputs) >= cases as usize),
        Err(TestError::Fail(reason, value)) => {
            panic!("{name} failed: {reason}\nminimal generated value: {value:?}")
        }
        Err(TestError::Abort(reason)) => panic!("{name} aborted: {reason}"),
    }
}

// ---------------------------------------------------------------------------------------
// 1. Arbitrary text
// ---------------------------------------------------------------------------------------

const SPECIAL_CHARS: &[char] = &[
    '\t', '\r', '\n', '\x0b', '\x0c', '\0', '\x1b', '\x7f', '\u{85}', '\u{a0}', '\u{200b}',
    '\u{2028}', '\u{2029}', '\u{feff}', '\u{fffd}', 'é', 'ß', 'λ', 'Ω', '中', '𝔘', '😀', '\\', '"',
    '\'', '{', '}', '(', ')', '[', ']', ':', '#', '@', '!', '$', '?', '`', ';', ' ', '_', '0', '1',
    '.', 'e', 'j', 'x', 'b', 'f', 'r', 'u',
];

fn arbitrary_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => any::<char>(),
        4 => proptest::char::range(' ', '~'),
        3 => select(SPECIAL_CHARS),
        1 => proptest::char::range('\0', '\x1f'),
    ]
}

fn arbitrary_text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => vec(arbitrary_char(), 0..300).prop_map(String::from_iter),
        2 => any::<String>(),
        // A very long line (or a very long run of one character), between short text.
        1 => (
            vec(arbitrary_char(), 0..20),
            arbitrary_char(),
            1_000usize..20_000,
            vec(arbitrary_char(), 0..20),
        )
            .prop_map(|(before, repeated, count, after)| {
                let mut text: String = before.into_iter().collect();
                text.extend(std::iter::repeat_n(repeated, count));
                text.extend(after);
                text
            }),
    ]
}

#[test]
fn arbitrary_text_never_panics() {
    run_property(
        "arbitrary_text",
        CASES_ARBITRARY_TEXT,
        arbitrary_text(),
        Clone::clone,
    );
}

// ---------------------------------------------------------------------------------------
// 2. Token soup
// ---------------------------------------------------------------------------------------

#[rustfmt::skip]
const VOCABULARY: &[&str] = &[
    // Keywords and soft keywords.
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "except*", "finally", "for", "from",
    "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
    "return", "try", "while", "with", "yield", "yield from", "match", "case", "type", "_",
    "print", "self", "super", "__init__", "threading", "Thread", "Lock",
    // Names.
    "x", "y", "f", "a_b", "λ", "名前", "x1", "__x",
    // Operators and delimiters.
    "+", "-", "*", "/", "//", "%", "**", "@", "<<", ">>", "&", "|", "^", "~", "<", ">", "<=",
    ">=", "==", "!=", "<>", "=", "+=", "-=", "*=", "/=", "//=", "%=", "**=", "@=", "&=",
    "|=", "^=", ">>=", "<<=", ":=", "->", ".", "...", ",", ":", ";", "!", "$", "?", "`",
    "(", ")", "[", "]", "{", "}", "((", "))", "[[", "]]", "{{", "}}",
    // Numbers, complete and not.
    "0", "1", "42", "07", "00", "0x", "0xFF", "0o17", "0b101", "0b2", "0o8", "1_000", "1__0",
    "1_", "1e", "1e10", "1e-", "1.", ".5", "1.5e+3", "1j", "2.5J", "0x_1", "9999999999999999999999",
    "1.e5", "1_000.000_1",
    // Strings, complete and not, with every prefix.
    "\"\"", "''", "\"a\"", "'b'", "\"", "'", "\"\"\"", "'''", "\"\"\"doc\"\"\"", "'''x\ny'''",
    "r\"\\d\"", "b'\\x00'", "rb'\\'", "u'é'", "br\"\"", "\"\\N{BULLET}\"", "\"\\N{\"", "'\\u12'",
    "'\\x4'", "\"\\777\"", "'\\q'", "\"unterminated", "'a\\\n b'",
    // f-strings.
    "f\"", "f'", "f\"\"\"", "f\"{x}\"", "f'{x!r}'", "f\"{x:{w}}\"", "f\"{x:>{w}.{p}f}\"",
    "f\"{{}}\"", "f\"{\"", "f\"}\"", "f'{x=}'", "f\"{f\"{x}\"}\"", "rf\"{x}\\n\"", "F'{'",
    "f\"{x!}\"", "f\"{x!z}\"", "f\"{:}\"", "f\"{lambda x: 1}\"", "f'''{\nx\n}'''", "fb''",
    "{", "}", "!r", "!s", "=}",
    // Layout.
    "\n", "\n\n", "\r\n", "\r", "    ", "  ", "\t", "\t ", " \t", "\x0c", "\\", "\\\n", "\\ \n",
    "# comment", "#", "# -*- coding: latin-1 -*-\n", "\n    ", "\n        ", "\n\t", "\n  ",
    // Common fragments.
    "def f():", "class C:", "if x:", "else:", "while True:", "for i in range(3):", "try:",
    "except Exception as e:", "finally:", "with lock:", "return", "lambda x:", "lambda *a, **k:",
    "async def g():", "await x", "match x:", "case 1:", "@decorator", "*args", "**kwargs", "/,",
    "global x", "nonlocal y", "del x", "import os", "from . import x", "x[1:2:3]", "f(x=1)",
    "[x for x in y if x]", "{k: v for k, v in d}", "(x async for x in y)", "yield",
    "t = threading.Thread(target=f)", "t.start()", "with open(f) as g, h:", "print(x, end='')",
];

const SEPARATORS: &[&str] = &[" ", " ", " ", "\n", "", "", "\t", "    ", "\n    "];

fn token_soup() -> impl Strategy<Value = Vec<(&'static str, &'static str)>> {
    vec((select(VOCABULARY), select(SEPARATORS)), 0..200)
}

fn join_soup(items: &[(&'static str, &'static str)]) -> String {
    let mut text = String::new();
    for (token, separator) in items {
        text.push_str(token);
        text.push_str(separator);
    }
    text
}

#[test]
fn token_soup_never_panics() {
    run_property("token_soup", CASES_TOKEN_SOUP, token_soup(), |items| {
        join_soup(items)
    });
}

// ---------------------------------------------------------------------------------------
// 3. Mutated programs
// ---------------------------------------------------------------------------------------

/// The `.py` programs of the conformance corpus, read once.
fn corpus() -> &'static [(String, String)] {
    static CORPUS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        // The corpus lives at the repository root, shared with the engine's tests.
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/py");
        let mut programs: Vec<(String, String)> = std::fs::read_dir(&dir)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", dir.display()))
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "py"))
            .filter_map(|path| {
                let name = path.file_name()?.to_string_lossy().into_owned();
                Some((name, std::fs::read_to_string(&path).ok()?))
            })
            .collect();
        programs.sort();
        programs
    })
}

#[derive(Clone, Debug)]
enum Edit {
    /// Delete up to this many characters from a position.
    Delete(Index, usize),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    DeleteLine(Index),
    InsertToken(Index, &'static str),
    InsertChar(Index, char),
    ReplaceChar(Index, char),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (any::<Index>(), 1usize..40).prop_map(|(at, len)| Edit::Delete(at, len)),
        2 => any::<Index>().prop_map(Edit::DuplicateLine),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
        1 => any::<Index>().prop_map(Edit::DeleteLine),
        3 => (any::<Index>(), select(VOCABULARY)).prop_map(|(at, token)| Edit::InsertToken(at, token)),
        1 => (any::<Index>(), arbitrary_char()).prop_map(|(at, ch)| Edit::InsertChar(at, ch)),
        1 => (any::<Index>(), arbitrary_char()).prop_map(|(at, ch)| Edit::ReplaceChar(at, ch)),
    ]
}

fn apply_edit(text: &str, edit: &Edit) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    // Lines keep their terminators, so joining them gives the text back.
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    // A position in 0..=len (inserting at the end is allowed).
    let position = |at: &Index, len: usize| at.index(len + 1);
    match edit {
        Edit::Delete(at, len) => {
            if chars.is_empty() {
                return text.to_string();
            }
            let start = at.index(chars.len());
            let end = (start + len).min(chars.len());
            chars.drain(start..end);
        }
        Edit::InsertToken(at, token) => {
            let at = position(at, chars.len());
            chars.splice(at..at, token.chars());
        }
        Edit::InsertChar(at, ch) => {
            let at = position(at, chars.len());
            chars.insert(at, *ch);
        }
        Edit::ReplaceChar(at, ch) => {
            if !chars.is_empty() {
                let at = at.index(chars.len());
                chars[at] = *ch;
            }
        }
        Edit::DuplicateLine(at) | Edit::DeleteLine(at) | Edit::SwapLines(at, _) => {
            if lines.is_empty() {
                return text.to_string();
            }
            // The last line may lack its newline; give it one so line edits keep lines.
            if let Some(last) = lines.last_mut() {
                if !last.ends_with('\n') {
                    last.push('\n');
                }
            }
            let i = at.index(lines.len());
            match edit {
                Edit::DuplicateLine(_) => {
                    let line = lines[i].clone();
                    lines.insert(i, line);
                }
                Edit::DeleteLine(_) => {
                    lines.remove(i);
                }
                Edit::SwapLines(_, other) => {
                    let j = other.index(lines.len());
                    lines.swap(i, j);
                }
                _ => unreachable!(),
            }
            return lines.concat();
        }
    }
    chars.into_iter().collect()
}

fn mutated_program(program: &Index, edits: &[Edit]) -> String {
    let programs = corpus();
    let (_, source) = &programs[program.index(programs.len())];
    edits
        .iter()
        .fold(source.clone(), |text, edit| apply_edit(&text, edit))
}

#[test]
fn mutated_programs_never_panic() {
    let programs = corpus();
    assert!(!programs.is_empty(), "no .py programs in tests/py");
    // The unmutated programs first: they all go through the same check.
    let originals = Stats::default();
    for (name, source) in programs {
        if let Err(error) = guarded_check(source, &originals) {
            panic!("tests/py/{name}: {error}");
        }
    }
    println!(
        "fuzz_language::mutated_programs: {} corpus programs ({} compiled)",
        programs.len(),
        originals.compiled.load(Ordering::Relaxed)
    );
    run_property(
        "mutated_programs",
        CASES_MUTATED_PROGRAMS,
        (any::<Index>(), vec(edit(), 1..5)),
        |(program, edits)| mutated_program(program, edits),
    );
}

// ---------------------------------------------------------------------------------------
// 4. Deep nesting
// ---------------------------------------------------------------------------------------

/// Expression layers: each wraps the expression inside it as `open + inner + close`.
const EXPRESSION_LAYERS: &[(&str, &str)] = &[
    ("(", ")"),
    ("[", "]"),
    ("{", "}"),
    ("{1: ", "}"),
    ("(", ",)"),
    ("f(", ")"),
    ("a[", "]"),
    ("a[1:", "]"),
    ("not ", ""),
    ("-", ""),
    ("~", ""),
    ("+", ""),
    ("a + ", ""),
    ("", " + a"),
    ("a * ", ""),
    ("2 ** ", ""),
    ("a < ", ""),
    ("a and ", ""),
    ("a or ", ""),
    ("lambda: ", ""),
    ("lambda x=", ": x"),
    ("a if b else ", ""),
    ("", " if b else c"),
    ("(a := ", ")"),
    ("[", " for x in y]"),
    ("{", " for x in y}"),
    ("(", " for x in y)"),
    ("[x for x in ", "]"),
    ("f\"{", "}\""),
    ("f'{x:{", "}}'"),
    ("await ", ""),
    ("(yield ", ")"),
    ("*", ""),
    ("", ".b"),
    ("", "()"),
    ("", "[0]"),
];

/// Block layers: a header line, the nested body indented one level, then a trailer at
/// the header's level (`{i}`: the header's indentation, `{t}`: one level).
const BLOCK_LAYERS: &[(&str, &str)] = &[
    ("if x:", ""),
    ("if x:\n{i}{t}pass\n{i}else:", ""),
    ("while x:", ""),
    ("for i in x:", ""),
    ("def f(a, b=1):", ""),
    ("async def f():", ""),
    ("class C:", ""),
    ("with x as y:", ""),
    ("try:", "{i}finally:\n{i}{t}pass\n"),
    ("try:", "{i}except E as e:\n{i}{t}pass\n"),
    ("match x:\n{i}{t}case 1:", ""),
    ("if x: pass\n{i}elif y:", ""),
];

#[derive(Clone, Debug)]
enum Nesting {
    /// One expression layer repeated `depth` times, as a statement.
    Repeated { layer: usize, depth: usize },
    /// A mix of expression layers, innermost last.
    MixedExpression(Vec<usize>),
    /// A mix of block layers with `x = <mixed expression>` at the bottom.
    MixedBlocks {
        blocks: Vec<usize>,
        expression: Vec<usize>,
        indent: &'static str,
    },
    /// Brackets opened and never closed (or closed and never opened).
    Unbalanced { bracket: char, depth: usize },
    /// `depth` nested f-strings, all using the same quote (PEP 701).
    FStrings { depth: usize },
}

fn nesting() -> impl Strategy<Value = Nesting> {
    let depth = || prop_oneof![4 => 0usize..=300, 1 => 300usize..=3_000];
    prop_oneof![
        4 => (0..EXPRESSION_LAYERS.len(), depth())
            .prop_map(|(layer, depth)| Nesting::Repeated { layer, depth }),
        3 => vec(0..EXPRESSION_LAYERS.len(), 0..300).prop_map(Nesting::MixedExpression),
        3 => (
            vec(0..BLOCK_LAYERS.len(), 0..300),
            vec(0..EXPRESSION_LAYERS.len(), 0..50),
            select(&[" ", "    ", "\t", "\t "][..]),
        )
            .prop_map(|(blocks, expression, indent)| Nesting::MixedBlocks {
                blocks,
                expression,
                indent,
            }),
        1 => (select(&['(', '[', '{', ')', ']', '}'][..]), depth())
            .prop_map(|(bracket, depth)| Nesting::Unbalanced { bracket, depth }),
        1 => (0usize..=300).prop_map(|depth| Nesting::FStrings { depth }),
    ]
}

fn layered_expression(layers: impl DoubleEndedIterator<Item = usize> + Clone) -> String {
    let mut text = String::new();
    for layer in layers.clone() {
        text.push_str(EXPRESSION_LAYERS[layer].0);
    }
    text.push('x');
    for layer in layers.rev() {
        text.push_str(EXPRESSION_LAYERS[layer].1);
    }
    text
}

fn nested_source(nesting: &Nesting) -> String {
    match nesting {
        Nesting::Repeated { layer, depth } => {
            let layers = std::iter::repeat_n(*layer, *depth);
            // Inside a function too, so `return`, `await` and `yield` have a home.
            let expression = layered_expression(layers);
            format!("y = {expression}\ndef g():\n    return {expression}\n")
        }
        Nesting::MixedExpression(layers) => {
            format!("{}\n", layered_expression(layers.iter().copied()))
        }
        Nesting::MixedBlocks {
            blocks,
            expression,
            indent,
        } => {
            let mut text = String::new();
            for (level, &block) in blocks.iter().enumerate() {
                let prefix = indent.repeat(level);
                let header = BLOCK_LAYERS[block]
                    .0
                    .replace("{i}", &prefix)
                    .replace("{t}", indent);
                text.push_str(&format!("{prefix}{header}\n"));
            }
            let prefix = indent.repeat(blocks.len());
            let expression = layered_expression(expression.iter().copied());
            text.push_str(&format!("{prefix}x = {expression}\n"));
            for (level, &block) in blocks.iter().enumerate().rev() {
                let prefix = indent.repeat(level);
                text.push_str(
                    &BLOCK_LAYERS[block]
                        .1
                        .replace("{i}", &prefix)
                        .replace("{t}", indent),
                );
            }
            text
        }
        Nesting::Unbalanced { bracket, depth } => {
            let mut text = String::from("x = ");
            text.extend(std::iter::repeat_n(*bracket, *depth));
            text.push_str("1\n");
            text
        }
        Nesting::FStrings { depth } => {
            let mut text = String::from("x = ");
            text.push_str(&"f\"{".repeat(*depth));
            text.push('x');
            text.push_str(&"}\"".repeat(*depth));
            text.push('\n');
            text
        }
    }
}

#[test]
fn deep_nesting_never_panics_on_a_small_stack() {
    // The fixed worst cases first, then the generated ones.
    let stats = Stats::default();
    for depth in [0, 1, 99, 100, 101, 199, 200, 201, 300, 1_000, 10_000] {
        let fixed = [
            format!("x = {}1{}\n", "(".repeat(depth), ")".repeat(depth)),
            format!("x = {}{}\n", "[".repeat(depth), "]".repeat(depth)),
            format!("x = {}a\n", "not ".repeat(depth)),
            format!("x = {}a\n", "a+".repeat(depth)),
            format!("x = a{}\n", ".b".repeat(depth)),
            format!("x = f{}\n", "()".repeat(depth)),
            format!("x = a{}\n", "[0]".repeat(depth)),
            format!("x = {}1\n", "-".repeat(depth)),
            format!("x = {}0\n", "lambda: ".repeat(depth)),
            (0..depth.min(300))
                .map(|level| format!("{}if x:\n", " ".repeat(level)))
                .chain([format!("{}pass\n", " ".repeat(depth.min(300)))])
                .collect::<String>(),
        ];
        for source in &fixed {
            if let Err(error) = guarded_check(source, &stats) {
                panic!("fixed nesting input failed: {error}");
            }
        }
    }
    println!(
        "fuzz_language::deep_nesting: {} fixed inputs ({} compiled)",
        stats.inputs.load(Ordering::Relaxed),
        stats.compiled.load(Ordering::Relaxed)
    );
    run_property("deep_nesting", CASES_DEEP_NESTING, nesting(), nested_source);
}

// ---------------------------------------------------------------------------------------
// The input count
// ---------------------------------------------------------------------------------------

#[test]
fn fuzz_input_count() {
    let properties = [
        ("arbitrary_text", CASES_ARBITRARY_TEXT),
        ("token_soup", CASES_TOKEN_SOUP),
        ("mutated_programs", CASES_MUTATED_PROGRAMS),
        ("deep_nesting", CASES_DEEP_NESTING),
    ];
    let total: u32 = properties.iter().map(|(_, cases)| cases).sum();
    for (name, cases) in properties {
        println!("fuzz_language: {name}: {cases} generated inputs");
    }
    println!(
        "fuzz_language: {total} generated inputs in total across {} properties (plus {} corpus \
         programs and the fixed nesting cases)",
        properties.len(),
        corpus().len()
    );
    assert!(total > 0);
}
