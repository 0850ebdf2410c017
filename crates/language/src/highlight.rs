//! Syntax highlighting for the editor, from the project's own tokenizer: the same
//! tokens the parser sees, so what is colored as a string or keyword is what runs.
//!
//! Pure and total: any text (half-typed, unterminated strings, tabs, non-ASCII) gives one
//! row of pieces per source line whose texts joined are exactly that line. It must never
//! panic and never drop or reorder a character, because the editor lays the colored
//! text under the text area character for character.

use super::lexer::{self, Tok};
use super::parser::KEYWORDS;

/// What a piece of source is, for coloring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenClass {
    Plain,
    Keyword,
    /// `True`, `False`, `None`.
    Constant,
    /// The name a `def` or `class` introduces.
    Definition,
    /// A built-in function or type name (`print`, `range`, ...).
    Builtin,
    /// `@name` above a function or class.
    Decorator,
    String,
    Number,
    Comment,
    Operator,
}

impl TokenClass {
    /// The CSS class the editor gives the piece.
    pub fn css(self) -> &'static str {
        match self {
            TokenClass::Plain => "tok-plain",
            TokenClass::Keyword => "tok-kw",
            TokenClass::Constant => "tok-const",
            TokenClass::Definition => "tok-def",
            TokenClass::Builtin => "tok-builtin",
            TokenClass::Decorator => "tok-deco",
            TokenClass::String => "tok-str",
            TokenClass::Number => "tok-num",
            TokenClass::Comment => "tok-comment",
            TokenClass::Operator => "tok-op",
        }
    }
}

/// Built-in names worth a color of their own in threading programs.
const BUILTINS: &[&str] = &[
    "print",
    "range",
    "len",
    "list",
    "dict",
    "set",
    "tuple",
    "str",
    "int",
    "float",
    "bool",
    "sum",
    "min",
    "max",
    "sorted",
    "enumerate",
    "zip",
    "map",
    "filter",
    "isinstance",
    "super",
    "object",
    "repr",
    "abs",
    "round",
    "any",
    "all",
    "iter",
    "next",
    "id",
    "type",
    "hash",
    "open",
    "input",
    "Exception",
    "RuntimeError",
    "ValueError",
    "TypeError",
    "KeyError",
    "IndexError",
    "StopIteration",
    "KeyboardInterrupt",
];

/// One line of source as consecutive colored pieces.
pub type HighlightedLine = Vec<(TokenClass, String)>;

/// Colors `source`, one row per line (split on `\n`).
pub fn highlight(source: &str) -> Vec<HighlightedLine> {
    let lines: Vec<Vec<char>> = source.split('\n').map(|l| l.chars().collect()).collect();
    let mut classes: Vec<Vec<Option<TokenClass>>> =
        lines.iter().map(|line| vec![None; line.len()]).collect();
    let lexed = lexer::tokenize(source);
    let tokens = &lexed.tokens;
    for (index, token) in tokens.iter().enumerate() {
        let class = match &token.tok {
            Tok::Name(name) => name_class(name, index, tokens),
            Tok::Int(_) | Tok::Float(_) | Tok::Imaginary => TokenClass::Number,
            Tok::Str(_) | Tok::FStringStart | Tok::FStringMiddle(_) | Tok::FStringEnd => {
                TokenClass::String
            }
            Tok::Op("@") if starts_logical_line(index, tokens) => TokenClass::Decorator,
            Tok::Op(_) => TokenClass::Operator,
            Tok::Newline | Tok::Indent | Tok::Dedent | Tok::EndMarker | Tok::Error => continue,
        };
        paint(&mut classes, token.start, token.end, class);
    }
    // What no token covers is blank space, line continuations, comments, or text after
    // a tokenizer error; an uncovered `#` starts a comment that runs to the line's end.
    for line in classes.iter_mut().zip(&lines) {
        let (marks, chars) = line;
        if let Some(hash) = (0..chars.len()).find(|&i| marks[i].is_none() && chars[i] == '#') {
            for mark in &mut marks[hash..] {
                *mark = Some(TokenClass::Comment);
            }
        }
    }
    lines
        .iter()
        .zip(&classes)
        .map(|(chars, marks)| {
            let mut pieces: HighlightedLine = Vec::new();
            for (ch, mark) in chars.iter().zip(marks) {
                let class = mark.unwrap_or(TokenClass::Plain);
                match pieces.last_mut() {
                    Some((last, text)) if *last == class => text.push(*ch),
                    _ => pieces.push((class, ch.to_string())),
                }
            }
            pieces
        })
        .collect()
}

fn name_class(name: &str, index: usize, tokens: &[lexer::Token]) -> TokenClass {
    if matches!(name, "True" | "False" | "None") {
        return TokenClass::Constant;
    }
    if KEYWORDS.contains(&name) {
        return TokenClass::Keyword;
    }
    let previous = index.checked_sub(1).map(|i| &tokens[i].tok);
    match previous {
        Some(Tok::Name(word)) if word == "def" || word == "class" => TokenClass::Definition,
        Some(Tok::Op("@")) if index >= 1 && starts_logical_line(index - 1, tokens) => {
            TokenClass::Decorator
        }
        Some(Tok::Op(".")) => TokenClass::Plain,
        _ if BUILTINS.contains(&name) => TokenClass::Builtin,
        _ => TokenClass::Plain,
    }
}

/// Whether token `index` is the first of a logical line.
fn starts_logical_line(index: usize, tokens: &[lexer::Token]) -> bool {
    index == 0
        || matches!(
            tokens[index - 1].tok,
            Tok::Newline | Tok::Indent | Tok::Dedent
        )
}

/// Marks the characters from `start` (inclusive) to `end` (exclusive), across lines.
fn paint(
    classes: &mut [Vec<Option<TokenClass>>],
    start: lexer::Pos,
    end: lexer::Pos,
    class: TokenClass,
) {
    let first = start.line as usize;
    let last = end.line as usize;
    for line in first.max(1)..=last {
        let Some(marks) = classes.get_mut(line - 1) else {
            break;
        };
        let from = if line == first { start.col as usize } else { 0 };
        let to = if line == last {
            (end.col as usize).min(marks.len())
        } else {
            marks.len()
        };
        for mark in marks.iter_mut().take(to).skip(from) {
            *mark = Some(class);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes_of(source: &str) -> Vec<(TokenClass, String)> {
        highlight(source).into_iter().flatten().collect()
    }

    fn class_of(source: &str, text: &str) -> TokenClass {
        classes_of(source)
            .into_iter()
            .find(|(_, piece)| piece.trim() == text)
            .unwrap_or_else(|| panic!("no piece {text:?} in {:?}", classes_of(source)))
            .0
    }

    #[test]
    fn every_line_keeps_every_character() {
        for source in [
            "def f(x):\n    return x + 1  # one more\n",
            "s = '''open\nstill open",
            "print(f\"{a!r:>{width}} and {{braces}}\")\n\tx = 'é' # ünïcode\n",
            "if x\n  y = 1\n",
            "x = \\\n  2\n",
            "",
        ] {
            let rows = highlight(source);
            let rebuilt: Vec<String> = rows
                .iter()
                .map(|row| row.iter().map(|(_, text)| text.as_str()).collect())
                .collect();
            assert_eq!(rebuilt.join("\n"), source);
        }
    }

    #[test]
    fn tokens_get_their_classes() {
        let source = "import threading\n\n@decorate\ndef work(n=5):\n    \
                      \"\"\"Doc.\"\"\"\n    x = None  # nothing yet\n    print(n, 2.5, threading.Lock)\n";
        assert_eq!(class_of(source, "import"), TokenClass::Keyword);
        assert_eq!(class_of(source, "def"), TokenClass::Keyword);
        assert_eq!(class_of(source, "work"), TokenClass::Definition);
        assert_eq!(class_of(source, "@decorate"), TokenClass::Decorator);
        assert_eq!(class_of(source, "5"), TokenClass::Number);
        assert_eq!(class_of(source, "\"\"\"Doc.\"\"\""), TokenClass::String);
        assert_eq!(class_of(source, "None"), TokenClass::Constant);
        assert_eq!(class_of(source, "# nothing yet"), TokenClass::Comment);
        assert_eq!(class_of(source, "print"), TokenClass::Builtin);
    }

    #[test]
    fn a_hash_inside_a_string_is_not_a_comment() {
        let rows = highlight("s = '#not' # real\n");
        let pieces: Vec<_> = rows[0].clone();
        assert!(pieces
            .iter()
            .any(|(c, t)| *c == TokenClass::String && t == "'#not'"));
        assert!(pieces
            .iter()
            .any(|(c, t)| *c == TokenClass::Comment && t == "# real"));
    }

    #[test]
    fn text_after_a_tokenizer_error_stays_visible() {
        let rows = highlight("x = 'unterminated\ny = 2\n");
        let all: String = rows
            .iter()
            .flatten()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join("|");
        assert!(all.contains("unterminated"));
        assert!(all.contains('y'));
    }
}
