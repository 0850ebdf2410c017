//! The tokenizer of threadplay's Python subset: source text to a flat list of tokens.
//!
//! It follows CPython 3.12's tokenizer closely, because learners see its errors: INDENT
//! and DEDENT from an indentation stack (tabs advance to the next multiple of 8, and a
//! tab/space mix that depends on the tab size is a `TabError`), implicit line joining
//! inside brackets, backslash continuations, every numeric literal form, string literals
//! with their escapes already decoded, and PEP 701 f-strings split into
//! `FStringStart` / `FStringMiddle` / fields / `FStringEnd` tokens like CPython does.
//!
//! The whole file is tokenized up front. A tokenizer error stops the token list with an
//! `Error` token; the error itself is kept aside with a [`Strength`] that tells the parser
//! whether it wins over a parser error found earlier in the file (CPython scans the rest
//! of the file for tokenizer errors before reporting a parser error).
//!
//! It must never panic, never loop without consuming input, and never recurse: nesting
//! (brackets, f-strings, indentation) is tracked on explicit stacks with CPython's limits.

use crate::error::SyntaxErrorKind;
use num_bigint::BigInt;
use num_traits::Num;

/// CPython's MAXLEVEL: how deeply brackets (and f-string fields) may nest.
pub const MAX_BRACKET_DEPTH: usize = 200;
/// CPython's MAXINDENT: how many indentation levels a file may have.
const MAX_INDENT_DEPTH: usize = 100;
/// CPython's MAXFSTRINGLEVEL: how deeply f-strings may nest inside each other.
const MAX_FSTRING_DEPTH: usize = 150;

/// A position: 1-based line, 0-based column in characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

/// The decoded value of one plain (non-f) string literal.
#[derive(Clone, Debug, PartialEq)]
pub enum StrValue {
    Str(String),
    Bytes(Vec<u8>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// An identifier or keyword (the parser tells them apart).
    Name(String),
    Int(BigInt),
    Float(f64),
    /// A `1j` literal: tokenized so syntax errors elsewhere still win, reported as
    /// unsupported by the parser.
    Imaginary,
    Str(StrValue),
    /// `f"` (with any prefix): the literal's pieces follow until `FStringEnd`.
    FStringStart,
    /// Literal text of an f-string or of a format spec, escapes decoded.
    FStringMiddle(String),
    FStringEnd,
    /// Operators and delimiters, spelled as in the source.
    Op(&'static str),
    Newline,
    Indent,
    Dedent,
    EndMarker,
    /// Where tokenization stopped with an error (see [`Lexed::error`]).
    Error,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub start: Pos,
    pub end: Pos,
    /// Bracket nesting depth after this token (CPython's `tok->level`).
    pub level: u32,
}

/// When a tokenizer error is reported, relative to parser errors earlier in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strength {
    /// CPython raises it from the tokenizer itself: it wins over any parser error,
    /// because CPython tokenizes the rest of the file before reporting a parser error.
    Overrides,
    /// Reported only if the parser gets as far as the error token.
    WhenReached,
    /// End of file inside brackets: wins over a parser error found on a later line than
    /// the unclosed bracket's.
    UnclosedAtEof { bracket_line: u32 },
}

/// A tokenizer error, positioned like CPython's `SyntaxError` (1-based offsets).
#[derive(Clone, Debug, PartialEq)]
pub struct LexError {
    pub kind: SyntaxErrorKind,
    pub message: String,
    pub line: u32,
    pub offset: u32,
    pub end_offset: u32,
    pub strength: Strength,
}

/// The result of tokenizing a whole file.
#[derive(Clone, Debug)]
pub struct Lexed {
    /// The tokens; ends with `EndMarker`, or with `Error` when `error` is set.
    pub tokens: Vec<Token>,
    pub error: Option<LexError>,
    /// The first valid-but-unsupported construct met while tokenizing, with its line.
    pub unsupported: Option<(String, u32)>,
}

/// One open bracket: the character, where it is, and whether it opens an f-string field.
#[derive(Clone, Copy, Debug)]
struct Bracket {
    ch: char,
    pos: Pos,
}

/// One replacement field of an f-string being tokenized.
#[derive(Clone, Copy, Debug)]
struct Field {
    /// `brackets.len()` once the field's `{` is pushed.
    depth: usize,
    /// After the top-level `:` of the field: lexing the format spec's literal text.
    in_spec: bool,
}

/// An f-string being tokenized.
#[derive(Clone, Debug)]
struct FState {
    quote: char,
    triple: bool,
    raw: bool,
    start: Pos,
    fields: Vec<Field>,
}

type LexResult<T> = Result<T, Box<LexError>>;

/// Tokenizes a whole source file. Never fails: errors end the token list (see [`Lexed`]).
pub fn tokenize(source: &str) -> Lexed {
    let mut lexer = Lexer::new(source);
    let error = match lexer.run() {
        Ok(()) => None,
        Err(error) => {
            let at = Pos {
                line: error.line,
                col: error.offset.saturating_sub(1),
            };
            lexer.push(Tok::Error, at, at);
            Some(*error)
        }
    };
    Lexed {
        tokens: lexer.tokens,
        error,
        unsupported: lexer.unsupported,
    }
}

/// Normalizes line endings the way CPython's tokenizer does: `\r\n` and lone `\r` become
/// `\n`. Columns are unaffected because both are line ends.
pub fn normalize_newlines(source: &str) -> String {
    source.replace("\r\n", "\n").replace('\r', "\n")
}

struct Lexer {
    chars: Vec<char>,
    pos: usize,
    line: u32,
    /// Index in `chars` where the current line starts.
    line_start: usize,
    at_line_start: bool,
    tokens: Vec<Token>,
    /// Indentation stack: (column with tabs to multiples of 8, column with tabs as 1).
    indents: Vec<(u32, u32)>,
    brackets: Vec<Bracket>,
    fstrings: Vec<FState>,
    unsupported: Option<(String, u32)>,
    /// Where a comment skipped since the last token starts.
    comment_start: Option<Pos>,
}

fn is_id_start(c: char) -> bool {
    c == '_' || c.is_ascii_alphabetic() || (!c.is_ascii() && c.is_alphabetic())
}

fn is_id_continue(c: char) -> bool {
    c == '_' || c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric())
}

/// CPython's `is_potential_identifier_char` for ASCII characters.
fn is_potential_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn closing_for(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        _ => '}',
    }
}

const THREE_CHAR_OPS: [&str; 5] = ["**=", "//=", ">>=", "<<=", "..."];
const TWO_CHAR_OPS: [&str; 20] = [
    "**", "//", ">>", "<<", "<=", ">=", "==", "!=", "->", "+=", "-=", "*=", "/=", "%=", "&=", "|=",
    "^=", "@=", ":=", "<>",
];
const ONE_CHAR_OPS: [&str; 23] = [
    "(", ")", "[", "]", "{", "}", ":", ",", ";", "+", "-", "*", "/", "|", "&", "<", ">", "=", ".",
    "%", "~", "^", "@",
];

impl Lexer {
    fn new(source: &str) -> Self {
        Lexer {
            chars: normalize_newlines(source).chars().collect(),
            pos: 0,
            line: 1,
            line_start: 0,
            at_line_start: true,
            tokens: Vec::new(),
            indents: vec![(0, 0)],
            brackets: Vec::new(),
            fstrings: Vec::new(),
            unsupported: None,
            comment_start: None,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    /// Consumes one character, keeping the line bookkeeping right.
    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        if c == '\n' {
            self.line += 1;
            self.line_start = self.pos;
        }
        Some(c)
    }

    fn here(&self) -> Pos {
        Pos {
            line: self.line,
            col: (self.pos - self.line_start) as u32,
        }
    }

    fn push(&mut self, tok: Tok, start: Pos, end: Pos) {
        let level = self.brackets.len() as u32;
        self.tokens.push(Token {
            tok,
            start,
            end,
            level,
        });
    }

    fn note_unsupported(&mut self, construct: &str, line: u32) {
        if self.unsupported.is_none() {
            self.unsupported = Some((construct.to_string(), line));
        }
    }

    fn error(
        &self,
        kind: SyntaxErrorKind,
        message: impl Into<String>,
        line: u32,
        offset: u32,
        end_offset: u32,
        strength: Strength,
    ) -> Box<LexError> {
        // CPython keeps an earlier parser error over a tokenizer error met inside an
        // f-string (its `tok_mode_stack_index` check).
        let strength = if strength == Strength::Overrides && !self.fstrings.is_empty() {
            Strength::WhenReached
        } else {
            strength
        };
        Box::new(LexError {
            kind,
            message: message.into(),
            line,
            offset,
            end_offset,
            strength,
        })
    }

    /// CPython's `syntaxerror()` from inside the tokenizer: positioned at the current
    /// character (offset = characters before it on the line), and it always wins.
    fn error_here(&self, message: impl Into<String>) -> Box<LexError> {
        let col = (self.pos - self.line_start) as u32;
        self.error(
            SyntaxErrorKind::SyntaxError,
            message,
            self.line,
            col,
            col,
            Strength::Overrides,
        )
    }

    fn run(&mut self) -> LexResult<()> {
        loop {
            if self.next_token()? {
                return Ok(());
            }
        }
    }

    /// Produces the next token(s). Returns true once `EndMarker` has been pushed.
    fn next_token(&mut self) -> LexResult<bool> {
        // Inside an f-string, outside its replacement fields: literal text.
        if let Some(fstring) = self.fstrings.last() {
            match fstring.fields.last() {
                None => {
                    self.lex_fstring_text(false)?;
                    return Ok(false);
                }
                Some(field) if field.in_spec && field.depth == self.brackets.len() => {
                    self.lex_fstring_text(true)?;
                    return Ok(false);
                }
                _ => {}
            }
        }
        if self.at_line_start && self.brackets.is_empty() {
            if self.lex_indentation()? {
                return Ok(true);
            }
            if self.at_line_start {
                // A blank or comment-only line was skipped; look again.
                return Ok(false);
            }
        }
        // Skip spaces, comments and continuations between tokens.
        self.comment_start = None;
        loop {
            match self.peek() {
                Some(' ' | '\t' | '\x0c') => {
                    self.pos += 1;
                }
                Some('#') => {
                    // A NEWLINE token starts at a comment before it, as in CPython.
                    self.comment_start = Some(self.here());
                    while !matches!(self.peek(), None | Some('\n')) {
                        self.pos += 1;
                    }
                }
                Some('\\') => {
                    let start = self.here();
                    match self.peek_at(1) {
                        Some('\n') => {
                            self.bump();
                            self.bump();
                        }
                        None => {
                            return Err(self.error(
                                SyntaxErrorKind::SyntaxError,
                                "unexpected EOF while parsing",
                                start.line,
                                start.col + 2,
                                start.col + 3,
                                Strength::WhenReached,
                            ));
                        }
                        Some(_) => {
                            return Err(self.error(
                                SyntaxErrorKind::SyntaxError,
                                "unexpected character after line continuation character",
                                start.line,
                                start.col + 2,
                                start.col + 3,
                                Strength::WhenReached,
                            ));
                        }
                    }
                }
                _ => break,
            }
        }
        let start = self.here();
        let Some(c) = self.peek() else {
            return self.lex_eof();
        };
        if c == '\n' {
            self.bump();
            if self.brackets.is_empty() {
                let end = Pos {
                    line: start.line,
                    col: start.col + 1,
                };
                let start = self.comment_start.unwrap_or(start);
                self.push(Tok::Newline, start, end);
                self.at_line_start = true;
            }
            return Ok(false);
        }
        if c.is_ascii_digit() || (c == '.' && self.peek_at(1).is_some_and(|d| d.is_ascii_digit())) {
            self.lex_number(start)?;
            return Ok(false);
        }
        if is_id_start(c) {
            self.lex_name_or_string(start)?;
            return Ok(false);
        }
        if c == '"' || c == '\'' {
            self.lex_string(start, false, false, false)?;
            return Ok(false);
        }
        self.lex_operator(start, c)?;
        Ok(false)
    }

    /// Measures the indentation of a new line and emits INDENT/DEDENT tokens. Leaves
    /// `at_line_start` set when the line was blank (it is skipped entirely, as CPython
    /// does). Returns true when the end of the file was reached and handled.
    fn lex_indentation(&mut self) -> LexResult<bool> {
        let mut col: u32 = 0;
        let mut altcol: u32 = 0;
        loop {
            match self.peek() {
                Some(' ') => {
                    col += 1;
                    altcol += 1;
                }
                Some('\t') => {
                    col = (col / 8 + 1) * 8;
                    altcol += 1;
                }
                Some('\x0c') => {
                    col = 0;
                    altcol = 0;
                }
                _ => break,
            }
            self.pos += 1;
        }
        match self.peek() {
            None => {
                self.pos = self.chars.len();
                return self.lex_eof().map(|_| true);
            }
            Some('#') => {
                while !matches!(self.peek(), None | Some('\n')) {
                    self.pos += 1;
                }
                if self.peek().is_some() {
                    self.bump();
                }
                return Ok(false);
            }
            Some('\n') => {
                self.bump();
                return Ok(false);
            }
            Some('\\') if self.peek_at(1) == Some('\n') => {
                // A continuation right after the indentation: CPython measures the
                // indentation here and joins the next line to this one.
            }
            _ => {}
        }
        self.at_line_start = false;
        let here = self.here();
        let (top_col, top_alt) = *self.indents.last().unwrap_or(&(0, 0));
        let tab_error = |lexer: &Lexer| {
            lexer.error(
                SyntaxErrorKind::TabError,
                "inconsistent use of tabs and spaces in indentation",
                here.line,
                1,
                2,
                Strength::WhenReached,
            )
        };
        if col == top_col {
            if altcol != top_alt {
                return Err(tab_error(self));
            }
        } else if col > top_col {
            if self.indents.len() >= MAX_INDENT_DEPTH {
                return Err(self.error(
                    SyntaxErrorKind::IndentationError,
                    "too many levels of indentation",
                    here.line,
                    here.col + 1,
                    here.col + 2,
                    Strength::WhenReached,
                ));
            }
            if altcol <= top_alt {
                return Err(tab_error(self));
            }
            self.indents.push((col, altcol));
            let line_pos = Pos {
                line: here.line,
                col: 0,
            };
            self.push(Tok::Indent, line_pos, here);
        } else {
            // Check the new level before emitting any DEDENT, as CPython does: a bad
            // unindent is reported where the parser meets the line, not after it.
            let keep = self
                .indents
                .iter()
                .rposition(|level| level.0 <= col)
                .unwrap_or(0);
            let (new_col, new_alt) = self.indents[keep];
            if col != new_col {
                // CPython points just past the end of the offending line.
                let line_len = self.current_line_len();
                return Err(self.error(
                    SyntaxErrorKind::IndentationError,
                    "unindent does not match any outer indentation level",
                    here.line,
                    line_len + 1,
                    line_len + 2,
                    Strength::WhenReached,
                ));
            }
            while self.indents.len() > keep + 1 {
                self.indents.pop();
                self.push(Tok::Dedent, here, here);
            }
            if altcol != new_alt {
                return Err(tab_error(self));
            }
        }
        Ok(false)
    }

    /// The line CPython names in "(detected at line N)": at the end of the file, a final
    /// newline does not start another line.
    fn detected_line(&self) -> u32 {
        if self.pos >= self.chars.len() && self.pos > 0 && self.chars[self.pos - 1] == '\n' {
            self.line - 1
        } else {
            self.line
        }
    }

    fn current_line_len(&self) -> u32 {
        let mut end = self.line_start;
        while end < self.chars.len() && self.chars[end] != '\n' {
            end += 1;
        }
        (end - self.line_start) as u32
    }

    /// End of input: close the last line, unwind indentation, push `EndMarker`.
    fn lex_eof(&mut self) -> LexResult<bool> {
        // Inside brackets (an f-string's replacement field included) CPython reports
        // the innermost unclosed bracket; in an f-string's text, the f-string.
        if let Some(open) = self.brackets.last().copied() {
            return Err(self.error(
                SyntaxErrorKind::SyntaxError,
                format!("'{}' was never closed", open.ch),
                open.pos.line,
                open.pos.col + 1,
                open.pos.col + 2,
                Strength::UnclosedAtEof {
                    bracket_line: open.pos.line,
                },
            ));
        }
        if let Some(fstring) = self.fstrings.last() {
            let message = if fstring.triple {
                "unterminated triple-quoted f-string literal"
            } else {
                "unterminated f-string literal"
            };
            let start = fstring.start;
            return Err(self.error(
                SyntaxErrorKind::SyntaxError,
                format!("{message} (detected at line {})", self.detected_line()),
                start.line,
                start.col + 1,
                start.col + 1,
                Strength::Overrides,
            ));
        }
        let here = self.here();
        if let Some(last) = self.tokens.last() {
            if !matches!(last.tok, Tok::Newline | Tok::Dedent | Tok::Indent) {
                let end = Pos {
                    line: here.line,
                    col: here.col + 1,
                };
                let start = self.comment_start.unwrap_or(here);
                self.push(Tok::Newline, start, end);
            }
        }
        // CPython puts the closing DEDENTs and the ENDMARKER at the end of the last line
        // (the one holding the file's final newline).
        let after = if here.col == 0 && here.line > 1 {
            let line_start = self.chars[..self.pos.saturating_sub(1)]
                .iter()
                .rposition(|c| *c == '\n')
                .map_or(0, |i| i + 1);
            Pos {
                line: here.line - 1,
                col: (self.pos.saturating_sub(1) - line_start) as u32,
            }
        } else {
            here
        };
        while self.indents.len() > 1 {
            self.indents.pop();
            self.push(Tok::Dedent, after, after);
        }
        self.push(Tok::EndMarker, after, after);
        Ok(true)
    }

    fn lex_operator(&mut self, start: Pos, c: char) -> LexResult<()> {
        let rest: String = self.chars[self.pos..(self.pos + 3).min(self.chars.len())]
            .iter()
            .collect();
        // Inside an f-string field, a top-level `:` starts the format spec and a `!` not
        // followed by `=` the conversion, whatever follows them.
        let at_field_top = self
            .fstrings
            .last()
            .and_then(|f| f.fields.last())
            .is_some_and(|f| !f.in_spec && f.depth == self.brackets.len());
        let op: Option<&'static str> = if at_field_top && c == ':' {
            Some(":")
        } else if at_field_top && c == '!' && self.peek_at(1) != Some('=') {
            Some("!")
        } else {
            THREE_CHAR_OPS
                .iter()
                .chain(TWO_CHAR_OPS.iter())
                .chain(ONE_CHAR_OPS.iter())
                .find(|op| rest.starts_with(*op))
                .copied()
                .or(if c == '!' { Some("!") } else { None })
        };
        let Some(op) = op else {
            return Err(self.invalid_character(start, c));
        };
        let length = op.chars().count();
        self.pos += length;
        let end = Pos {
            line: start.line,
            col: start.col + length as u32,
        };
        match op {
            "(" | "[" | "{" => {
                if self.brackets.len() >= MAX_BRACKET_DEPTH {
                    return Err(self.error(
                        SyntaxErrorKind::SyntaxError,
                        "too many nested parentheses",
                        start.line,
                        start.col + 1,
                        start.col + 1,
                        Strength::Overrides,
                    ));
                }
                self.brackets.push(Bracket { ch: c, pos: start });
            }
            ")" | "]" | "}" => {
                let in_fstring_field = at_field_top;
                let prefix = if self.fstrings.last().is_some_and(|f| !f.fields.is_empty()) {
                    "f-string: "
                } else {
                    ""
                };
                match self.brackets.last().copied() {
                    None => {
                        return Err(self.error(
                            SyntaxErrorKind::SyntaxError,
                            format!("{prefix}unmatched '{c}'"),
                            start.line,
                            start.col + 1,
                            start.col + 1,
                            Strength::Overrides,
                        ));
                    }
                    Some(open) if closing_for(open.ch) != c => {
                        let message = if in_fstring_field {
                            format!("f-string: unmatched '{c}'")
                        } else if open.pos.line != start.line {
                            format!(
                                "closing parenthesis '{c}' does not match opening parenthesis '{}' on line {}",
                                open.ch, open.pos.line
                            )
                        } else {
                            format!(
                                "closing parenthesis '{c}' does not match opening parenthesis '{}'",
                                open.ch
                            )
                        };
                        return Err(self.error(
                            SyntaxErrorKind::SyntaxError,
                            message,
                            start.line,
                            start.col + 1,
                            start.col + 1,
                            Strength::Overrides,
                        ));
                    }
                    Some(_) => {
                        self.brackets.pop();
                        if in_fstring_field {
                            // The field's closing brace: back to the f-string's text.
                            if let Some(fstring) = self.fstrings.last_mut() {
                                fstring.fields.pop();
                            }
                        }
                    }
                }
            }
            ":" if at_field_top => {
                if let Some(field) = self.fstrings.last_mut().and_then(|f| f.fields.last_mut()) {
                    field.in_spec = true;
                }
            }
            _ => {}
        }
        self.push(Tok::Op(op), start, end);
        Ok(())
    }

    fn invalid_character(&self, start: Pos, c: char) -> Box<LexError> {
        if c.is_ascii() && !c.is_ascii_control() || c == '\x1b' {
            // `$`, `?` and backquotes are CPython error tokens: plain "invalid syntax".
            return self.error(
                SyntaxErrorKind::SyntaxError,
                "invalid syntax",
                start.line,
                start.col + 1,
                start.col + 2,
                Strength::WhenReached,
            );
        }
        let message = if c.is_control() || c.is_whitespace() {
            format!("invalid non-printable character U+{:04X}", c as u32)
        } else {
            format!("invalid character '{c}' (U+{:04X})", c as u32)
        };
        self.error(
            SyntaxErrorKind::SyntaxError,
            message,
            start.line,
            start.col + 1,
            start.col + 1,
            Strength::Overrides,
        )
    }

    fn lex_name_or_string(&mut self, start: Pos) -> LexResult<()> {
        // String prefixes: the legal combinations of b, r, u and f (any case).
        let (mut saw_b, mut saw_r, mut saw_u, mut saw_f) = (false, false, false, false);
        let mut ahead = 0;
        while let Some(c) = self.peek_at(ahead) {
            match c.to_ascii_lowercase() {
                'b' if !(saw_b || saw_u || saw_f) => saw_b = true,
                'u' if !(saw_b || saw_u || saw_r || saw_f) => saw_u = true,
                'r' if !(saw_r || saw_u) => saw_r = true,
                'f' if !(saw_f || saw_b || saw_u) => saw_f = true,
                _ => break,
            }
            ahead += 1;
            if let Some('"' | '\'') = self.peek_at(ahead) {
                self.pos += ahead;
                return self.lex_string(start, saw_b, saw_r, saw_f);
            }
        }
        let begin = self.pos;
        while self.peek().is_some_and(is_id_continue) {
            self.pos += 1;
        }
        // A non-ASCII character that cannot be part of a name right after one.
        if let Some(c) = self.peek() {
            if !c.is_ascii() && !is_id_continue(c) && !c.is_whitespace() {
                let at = self.here();
                return Err(self.invalid_character(at, c));
            }
        }
        let name: String = self.chars[begin..self.pos].iter().collect();
        let end = self.here();
        self.push(Tok::Name(name), start, end);
        Ok(())
    }

    fn lex_decimal_tail(&mut self) -> LexResult<()> {
        loop {
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.pos += 1;
            }
            if self.peek() != Some('_') {
                return Ok(());
            }
            self.pos += 1;
            if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                return Err(self.error_here("invalid decimal literal"));
            }
        }
    }

    /// CPython's `verify_end_of_number`: a number glued to a name is an error, except
    /// before the keywords valid code can have there (`1if x else y`).
    fn verify_end_of_number(&mut self, kind: &str) -> LexResult<()> {
        let Some(c) = self.peek() else {
            return Ok(());
        };
        let follows = |lexer: &Lexer, word: &str| {
            word.chars()
                .enumerate()
                .all(|(i, w)| lexer.peek_at(i + 1) == Some(w))
        };
        let keyword_follows = match c {
            'a' => follows(self, "nd"),
            'e' => follows(self, "lse"),
            'f' => follows(self, "or"),
            'i' => matches!(self.peek_at(1), Some('f' | 'n' | 's')),
            'o' => follows(self, "r"),
            'n' => follows(self, "ot"),
            _ => false,
        };
        if !keyword_follows && is_potential_id_char(c) {
            return Err(self.error_here(format!("invalid {kind} literal")));
        }
        Ok(())
    }

    /// Digits of a 0x/0o/0b literal (after the prefix); CPython's loop, with its errors.
    fn lex_radix_digits(&mut self, radix: u32, kind: &str) -> LexResult<()> {
        loop {
            if self.peek() == Some('_') {
                self.pos += 1;
            }
            let digit_ok = |c: char| c.is_digit(radix);
            match self.peek() {
                Some(c) if digit_ok(c) => {}
                Some(c) if radix != 16 && c.is_ascii_digit() => {
                    self.pos += 1;
                    return Err(self.error_here(format!("invalid digit '{c}' in {kind} literal")));
                }
                _ => return Err(self.error_here(format!("invalid {kind} literal"))),
            }
            while self.peek().is_some_and(digit_ok) {
                self.pos += 1;
            }
            if self.peek() != Some('_') {
                break;
            }
        }
        if radix != 16 {
            if let Some(c) = self.peek().filter(|c| c.is_ascii_digit()) {
                self.pos += 1;
                return Err(self.error_here(format!("invalid digit '{c}' in {kind} literal")));
            }
        }
        self.verify_end_of_number(kind)
    }

    fn lex_number(&mut self, start: Pos) -> LexResult<()> {
        let begin = self.pos;
        let first = self.peek().unwrap_or('0');
        let mut is_float = false;
        let mut is_imaginary = false;
        if first == '0' && matches!(self.peek_at(1), Some('x' | 'X' | 'o' | 'O' | 'b' | 'B')) {
            let (radix, kind) = match self.peek_at(1).map(|c| c.to_ascii_lowercase()) {
                Some('x') => (16, "hexadecimal"),
                Some('o') => (8, "octal"),
                _ => (2, "binary"),
            };
            self.pos += 2;
            self.lex_radix_digits(radix, kind)?;
            let digits: String = self.chars[begin + 2..self.pos]
                .iter()
                .filter(|c| **c != '_')
                .collect();
            let value = BigInt::from_str_radix(&digits, radix).unwrap_or_default();
            let end = self.here();
            self.push(Tok::Int(value), start, end);
            return Ok(());
        }
        if first == '.' {
            self.pos += 1;
            self.lex_decimal_tail()?;
            is_float = true;
        } else if first == '0' {
            // Zeros, possibly an old-style octal (now an error) or a float.
            loop {
                match self.peek() {
                    Some('0') => self.pos += 1,
                    Some('_') => {
                        self.pos += 1;
                        if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                            return Err(self.error_here("invalid decimal literal"));
                        }
                    }
                    _ => break,
                }
            }
            let zeros_end = self.pos;
            let mut nonzero = false;
            if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                nonzero = true;
                self.lex_decimal_tail()?;
            }
            if nonzero && !matches!(self.peek(), Some('.' | 'e' | 'E' | 'j' | 'J')) {
                return Err(self.error(
                    SyntaxErrorKind::SyntaxError,
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    start.line,
                    start.col + 1,
                    (zeros_end - self.line_start) as u32 + 1,
                    Strength::Overrides,
                ));
            }
        } else {
            self.lex_decimal_tail()?;
        }
        if !is_float && self.peek() == Some('.') {
            self.pos += 1;
            is_float = true;
            if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.lex_decimal_tail()?;
            }
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            let e_pos = self.pos;
            self.pos += 1;
            if matches!(self.peek(), Some('+' | '-')) {
                self.pos += 1;
                if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    return Err(self.error_here("invalid decimal literal"));
                }
                self.lex_decimal_tail()?;
                is_float = true;
            } else if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.lex_decimal_tail()?;
                is_float = true;
            } else {
                // `1else`: the `e` starts a keyword, not an exponent.
                self.pos = e_pos;
                self.verify_end_of_number("decimal")?;
                return self.finish_number(start, begin, is_float, false);
            }
        }
        if matches!(self.peek(), Some('j' | 'J')) {
            self.pos += 1;
            is_imaginary = true;
            self.verify_end_of_number("imaginary")?;
        } else {
            self.verify_end_of_number("decimal")?;
        }
        self.finish_number(start, begin, is_float, is_imaginary)
    }

    fn finish_number(
        &mut self,
        start: Pos,
        begin: usize,
        is_float: bool,
        is_imaginary: bool,
    ) -> LexResult<()> {
        let text: String = self.chars[begin..self.pos]
            .iter()
            .filter(|c| **c != '_')
            .collect();
        let tok = if is_imaginary {
            Tok::Imaginary
        } else if is_float {
            Tok::Float(text.parse::<f64>().unwrap_or(f64::INFINITY))
        } else {
            Tok::Int(text.parse::<BigInt>().unwrap_or_default())
        };
        let end = self.here();
        self.push(tok, start, end);
        Ok(())
    }

    /// A string literal; `self.pos` is at its opening quote, `start` at its prefix.
    fn lex_string(&mut self, start: Pos, bytes: bool, raw: bool, fstring: bool) -> LexResult<()> {
        let quote = self.peek().unwrap_or('"');
        let triple = self.peek_at(1) == Some(quote) && self.peek_at(2) == Some(quote);
        self.pos += if triple { 3 } else { 1 };
        if fstring {
            if self.fstrings.len() >= MAX_FSTRING_DEPTH {
                return Err(self.error(
                    SyntaxErrorKind::SyntaxError,
                    "too many nested f-strings",
                    start.line,
                    start.col + 1,
                    start.col + 1,
                    Strength::Overrides,
                ));
            }
            self.fstrings.push(FState {
                quote,
                triple,
                raw,
                start,
                fields: Vec::new(),
            });
            let end = self.here();
            self.push(Tok::FStringStart, start, end);
            return Ok(());
        }
        let body_start = self.pos;
        let body_start_line = self.line;
        // Find the end of the literal first, then decode its body.
        loop {
            match self.peek() {
                None => return Err(self.unterminated_string(start, quote, triple)),
                Some('\n') if !triple => return Err(self.unterminated_string(start, quote, triple)),
                Some('\\') => {
                    self.bump();
                    if self.peek().is_some() {
                        self.bump();
                    }
                }
                Some(c) if c == quote => {
                    if !triple {
                        break;
                    }
                    if self.peek_at(1) == Some(quote) && self.peek_at(2) == Some(quote) {
                        break;
                    }
                    self.pos += 1;
                }
                Some(_) => {
                    self.bump();
                }
            }
        }
        let body_end = self.pos;
        self.pos += if triple { 3 } else { 1 };
        let end = self.here();
        let body: Vec<char> = self.chars[body_start..body_end].to_vec();
        let token_error = |lexer: &Lexer, message: String| {
            // Errors decoding a literal point at the whole token, as CPython's do.
            let end_offset = if end.line == start.line {
                end.col + 1
            } else {
                start.col + 2
            };
            lexer.error(
                SyntaxErrorKind::SyntaxError,
                message,
                start.line,
                start.col + 1,
                end_offset,
                Strength::WhenReached,
            )
        };
        let value = if bytes {
            if body.iter().any(|c| !c.is_ascii()) {
                return Err(token_error(
                    self,
                    "bytes can only contain ASCII literal characters".to_string(),
                ));
            }
            let decoded = if raw {
                body.iter().map(|c| *c as u8).collect()
            } else {
                match decode_bytes(&body) {
                    Ok(value) => value,
                    Err(message) => return Err(token_error(self, message)),
                }
            };
            StrValue::Bytes(decoded)
        } else if raw {
            StrValue::Str(body.iter().collect())
        } else {
            match decode_str(&body) {
                Ok(Decoded::Text(text)) => StrValue::Str(text),
                Ok(Decoded::Unsupported(what)) => {
                    self.note_unsupported(&what, body_start_line);
                    StrValue::Str(String::new())
                }
                Err(message) => return Err(token_error(self, message)),
            }
        };
        self.push(Tok::Str(value), start, end);
        Ok(())
    }

    fn unterminated_string(&self, start: Pos, quote: char, triple: bool) -> Box<LexError> {
        // Inside an f-string's field, a "string" opened by the f-string's own closing
        // quote means the field's '}' is missing.
        if let Some(fstring) = self.fstrings.last() {
            if !fstring.fields.is_empty() && fstring.quote == quote && fstring.triple == triple {
                return self.error(
                    SyntaxErrorKind::SyntaxError,
                    "f-string: expecting '}'",
                    start.line,
                    start.col + 1,
                    start.col + 1,
                    Strength::Overrides,
                );
            }
        }
        let message = if triple {
            format!(
                "unterminated triple-quoted string literal (detected at line {})",
                self.detected_line()
            )
        } else {
            format!(
                "unterminated string literal (detected at line {})",
                self.line
            )
        };
        self.error(
            SyntaxErrorKind::SyntaxError,
            message,
            start.line,
            start.col + 1,
            start.col + 1,
            Strength::Overrides,
        )
    }

    /// Literal text of the innermost f-string (or of its format spec when `in_spec`), up
    /// to a replacement field, the end of the spec, or the closing quote.
    fn lex_fstring_text(&mut self, in_spec: bool) -> LexResult<()> {
        let Some(state) = self.fstrings.last().cloned() else {
            return Ok(());
        };
        let start = self.here();
        let mut text = String::new();
        let mut text_end = start;
        loop {
            let here = self.here();
            let Some(c) = self.peek() else {
                return self.lex_eof().map(|_| ());
            };
            if c == '\n' && !state.triple {
                if in_spec {
                    // CPython reports the field's unclosed '{' here.
                    let open = self.brackets.last().copied();
                    if let Some(open) = open {
                        return Err(self.error(
                            SyntaxErrorKind::SyntaxError,
                            format!("'{}' was never closed", open.ch),
                            open.pos.line,
                            open.pos.col + 1,
                            open.pos.col + 2,
                            Strength::Overrides,
                        ));
                    }
                }
                return Err(self.error(
                    SyntaxErrorKind::SyntaxError,
                    format!(
                        "unterminated f-string literal (detected at line {})",
                        self.line
                    ),
                    state.start.line,
                    state.start.col + 1,
                    state.start.col + 1,
                    Strength::Overrides,
                ));
            }
            let closes = c == state.quote
                && (!state.triple
                    || (self.peek_at(1) == Some(state.quote)
                        && self.peek_at(2) == Some(state.quote)));
            if closes {
                // In a format spec the quote still ends the f-string, as in CPython: the
                // parser reports the missing '}', and the field's '{' stays open.
                self.flush_fstring_text(&mut text, start, text_end);
                self.pos += if state.triple { 3 } else { 1 };
                let end = self.here();
                self.fstrings.pop();
                self.push(Tok::FStringEnd, here, end);
                return Ok(());
            }
            match c {
                '{' if !in_spec && self.peek_at(1) == Some('{') => {
                    self.pos += 2;
                    text.push('{');
                }
                '{' => {
                    self.flush_fstring_text(&mut text, start, text_end);
                    if self.brackets.len() >= MAX_BRACKET_DEPTH {
                        return Err(self.error(
                            SyntaxErrorKind::SyntaxError,
                            "too many nested parentheses",
                            here.line,
                            here.col + 1,
                            here.col + 1,
                            Strength::Overrides,
                        ));
                    }
                    self.pos += 1;
                    self.brackets.push(Bracket { ch: '{', pos: here });
                    let depth = self.brackets.len();
                    if let Some(fstring) = self.fstrings.last_mut() {
                        fstring.fields.push(Field {
                            depth,
                            in_spec: false,
                        });
                    }
                    let end = self.here();
                    self.push(Tok::Op("{"), here, end);
                    return Ok(());
                }
                '}' if in_spec => {
                    self.flush_fstring_text(&mut text, start, text_end);
                    self.pos += 1;
                    self.brackets.pop();
                    if let Some(fstring) = self.fstrings.last_mut() {
                        fstring.fields.pop();
                    }
                    let end = self.here();
                    self.push(Tok::Op("}"), here, end);
                    return Ok(());
                }
                '}' if self.peek_at(1) == Some('}') => {
                    self.pos += 2;
                    text.push('}');
                }
                '}' => {
                    return Err(self.error(
                        SyntaxErrorKind::SyntaxError,
                        "f-string: single '}' is not allowed",
                        here.line,
                        here.col + 1,
                        here.col + 1,
                        Strength::Overrides,
                    ));
                }
                '\\' if !state.raw => {
                    let escape_start = self.pos;
                    self.bump();
                    if self.peek().is_none() {
                        continue;
                    }
                    // Take the whole escape sequence, then decode it like a str literal.
                    self.bump();
                    let first = self.chars[escape_start + 1];
                    let extra = match first {
                        'x' => 2,
                        'u' => 4,
                        'U' => 8,
                        '0'..='7' => 2,
                        _ => 0,
                    };
                    for _ in 0..extra {
                        match self.peek() {
                            Some(d) if d.is_ascii_hexdigit() && d != state.quote => {
                                if first.is_digit(8) && !d.is_digit(8) {
                                    break;
                                }
                                self.pos += 1;
                            }
                            _ => break,
                        }
                    }
                    if first == 'N' && self.peek() == Some('{') {
                        while !matches!(self.peek(), None | Some('}' | '\n')) {
                            self.pos += 1;
                        }
                        if self.peek() == Some('}') {
                            self.pos += 1;
                        }
                    }
                    let escape: Vec<char> = self.chars[escape_start..self.pos].to_vec();
                    match decode_str(&escape) {
                        Ok(Decoded::Text(decoded)) => text.push_str(&decoded),
                        Ok(Decoded::Unsupported(what)) => self.note_unsupported(&what, here.line),
                        Err(message) => {
                            return Err(self.error(
                                SyntaxErrorKind::SyntaxError,
                                message,
                                state.start.line,
                                state.start.col + 1,
                                here.col + 2,
                                Strength::WhenReached,
                            ));
                        }
                    }
                }
                _ => {
                    self.bump();
                    text.push(c);
                }
            }
            text_end = self.here();
        }
    }

    fn flush_fstring_text(&mut self, text: &mut String, start: Pos, end: Pos) {
        if !text.is_empty() {
            let value = std::mem::take(text);
            self.push(Tok::FStringMiddle(value), start, end);
        }
    }
}

/// A decoded `str` body, or the name of an escape threadplay does not support.
enum Decoded {
    Text(String),
    Unsupported(String),
}

/// Unicode names `\N{...}` escapes may use: `NAME=HEX;` entries (a selection; CPython
/// knows them all, so a name missing here is reported as unsupported, not as an error).
const UNICODE_NAMES: &str = concat!(
    "ACUTE ACCENT=B4;ADI SHAKTI=262C;AIRPLANE=2708;ALARM CLOCK=23F0;ALERT=7;",
    "ALMOST EQUAL TO=2248;AMPERSAND=26;ANGRY FACE=1F620;ANGUISHED FACE=1F627;ANKH=2625;",
    "APOSTROPHE=27;AQUARIUS=2652;ARIES=2648;ASCENDING NODE=260A;ASTERISK=2A;",
    "ASTONISHED FACE=1F632;BABY CHICK=1F424;BACKSPACE=8;BALLOON-SPOKED ASTERISK=2749;",
    "BALLOT BOX=2610;BALLOT BOX WITH CHECK=2611;BALLOT BOX WITH X=2612;BALLOT X=2717;",
    "BANANA=1F34C;BELL=1F514;BIOHAZARD SIGN=2623;BLACK CENTRE WHITE STAR=272C;",
    "BLACK CHESS BISHOP=265D;BLACK CHESS KING=265A;BLACK CHESS KNIGHT=265E;",
    "BLACK CHESS PAWN=265F;BLACK CHESS QUEEN=265B;BLACK CHESS ROOK=265C;",
    "BLACK CIRCLE=25CF;BLACK CLUB SUIT=2663;BLACK DIAMOND=25C6;",
    "BLACK DIAMOND MINUS WHITE X=2756;BLACK DIAMOND SUIT=2666;",
    "BLACK DOWN-POINTING SMALL TRIANGLE=25BE;BLACK DOWN-POINTING TRIANGLE=25BC;",
    "BLACK FLORETTE=273F;BLACK FOUR POINTED STAR=2726;BLACK HEART SUIT=2665;",
    "BLACK LEFT POINTING INDEX=261A;BLACK LEFT-POINTING POINTER=25C4;",
    "BLACK LEFT-POINTING SMALL TRIANGLE=25C2;BLACK LEFT-POINTING TRIANGLE=25C0;",
    "BLACK LOWER LEFT TRIANGLE=25E3;BLACK LOWER RIGHT TRIANGLE=25E2;",
    "BLACK MEDIUM SMALL SQUARE=25FE;BLACK MEDIUM SQUARE=25FC;BLACK NIB=2712;",
    "BLACK PARALLELOGRAM=25B0;BLACK QUESTION MARK ORNAMENT=2753;BLACK RECTANGLE=25AC;",
    "BLACK RIGHT POINTING INDEX=261B;BLACK RIGHT-POINTING POINTER=25BA;",
    "BLACK RIGHT-POINTING SMALL TRIANGLE=25B8;BLACK RIGHT-POINTING TRIANGLE=25B6;",
    "BLACK SAFETY SCISSORS=2700;BLACK SCISSORS=2702;BLACK SHOGI PIECE=2617;",
    "BLACK SMALL SQUARE=25AA;BLACK SMILING FACE=263B;BLACK SPADE SUIT=2660;",
    "BLACK SQUARE=25A0;BLACK STAR=2605;BLACK SUN WITH RAYS=2600;BLACK TELEPHONE=260E;",
    "BLACK UP-POINTING SMALL TRIANGLE=25B4;BLACK UP-POINTING TRIANGLE=25B2;",
    "BLACK UPPER LEFT TRIANGLE=25E4;BLACK UPPER RIGHT TRIANGLE=25E5;",
    "BLACK VERTICAL RECTANGLE=25AE;BOX DRAWINGS DOUBLE DOWN AND HORIZONTAL=2566;",
    "BOX DRAWINGS DOUBLE DOWN AND LEFT=2557;BOX DRAWINGS DOUBLE DOWN AND RIGHT=2554;",
    "BOX DRAWINGS DOUBLE HORIZONTAL=2550;BOX DRAWINGS DOUBLE UP AND HORIZONTAL=2569;",
    "BOX DRAWINGS DOUBLE UP AND LEFT=255D;BOX DRAWINGS DOUBLE UP AND RIGHT=255A;",
    "BOX DRAWINGS DOUBLE VERTICAL=2551;BOX DRAWINGS DOUBLE VERTICAL AND HORIZONTAL=256C;",
    "BOX DRAWINGS DOUBLE VERTICAL AND LEFT=2563;",
    "BOX DRAWINGS DOUBLE VERTICAL AND RIGHT=2560;",
    "BOX DRAWINGS DOWN DOUBLE AND HORIZONTAL SINGLE=2565;",
    "BOX DRAWINGS DOWN DOUBLE AND LEFT SINGLE=2556;",
    "BOX DRAWINGS DOWN DOUBLE AND RIGHT SINGLE=2553;",
    "BOX DRAWINGS DOWN HEAVY AND HORIZONTAL LIGHT=2530;",
    "BOX DRAWINGS DOWN HEAVY AND LEFT LIGHT=2512;",
    "BOX DRAWINGS DOWN HEAVY AND LEFT UP LIGHT=2527;",
    "BOX DRAWINGS DOWN HEAVY AND RIGHT LIGHT=250E;",
    "BOX DRAWINGS DOWN HEAVY AND RIGHT UP LIGHT=251F;",
    "BOX DRAWINGS DOWN HEAVY AND UP HORIZONTAL LIGHT=2541;",
    "BOX DRAWINGS DOWN LIGHT AND HORIZONTAL HEAVY=252F;",
    "BOX DRAWINGS DOWN LIGHT AND LEFT HEAVY=2511;",
    "BOX DRAWINGS DOWN LIGHT AND LEFT UP HEAVY=2529;",
    "BOX DRAWINGS DOWN LIGHT AND RIGHT HEAVY=250D;",
    "BOX DRAWINGS DOWN LIGHT AND RIGHT UP HEAVY=2521;",
    "BOX DRAWINGS DOWN LIGHT AND UP HORIZONTAL HEAVY=2547;",
    "BOX DRAWINGS DOWN SINGLE AND HORIZONTAL DOUBLE=2564;",
    "BOX DRAWINGS DOWN SINGLE AND LEFT DOUBLE=2555;",
    "BOX DRAWINGS DOWN SINGLE AND RIGHT DOUBLE=2552;",
    "BOX DRAWINGS HEAVY DOUBLE DASH HORIZONTAL=254D;",
    "BOX DRAWINGS HEAVY DOUBLE DASH VERTICAL=254F;BOX DRAWINGS HEAVY DOWN=257B;",
    "BOX DRAWINGS HEAVY DOWN AND HORIZONTAL=2533;BOX DRAWINGS HEAVY DOWN AND LEFT=2513;",
    "BOX DRAWINGS HEAVY DOWN AND RIGHT=250F;BOX DRAWINGS HEAVY HORIZONTAL=2501;",
    "BOX DRAWINGS HEAVY LEFT=2578;BOX DRAWINGS HEAVY LEFT AND LIGHT RIGHT=257E;",
    "BOX DRAWINGS HEAVY QUADRUPLE DASH HORIZONTAL=2509;",
    "BOX DRAWINGS HEAVY QUADRUPLE DASH VERTICAL=250B;BOX DRAWINGS HEAVY RIGHT=257A;",
    "BOX DRAWINGS HEAVY TRIPLE DASH HORIZONTAL=2505;",
    "BOX DRAWINGS HEAVY TRIPLE DASH VERTICAL=2507;BOX DRAWINGS HEAVY UP=2579;",
    "BOX DRAWINGS HEAVY UP AND HORIZONTAL=253B;BOX DRAWINGS HEAVY UP AND LEFT=251B;",
    "BOX DRAWINGS HEAVY UP AND LIGHT DOWN=257F;BOX DRAWINGS HEAVY UP AND RIGHT=2517;",
    "BOX DRAWINGS HEAVY VERTICAL=2503;BOX DRAWINGS HEAVY VERTICAL AND HORIZONTAL=254B;",
    "BOX DRAWINGS HEAVY VERTICAL AND LEFT=252B;",
    "BOX DRAWINGS HEAVY VERTICAL AND RIGHT=2523;",
    "BOX DRAWINGS LEFT DOWN HEAVY AND RIGHT UP LIGHT=2545;",
    "BOX DRAWINGS LEFT HEAVY AND RIGHT DOWN LIGHT=252D;",
    "BOX DRAWINGS LEFT HEAVY AND RIGHT UP LIGHT=2535;",
    "BOX DRAWINGS LEFT HEAVY AND RIGHT VERTICAL LIGHT=253D;",
    "BOX DRAWINGS LEFT LIGHT AND RIGHT DOWN HEAVY=2532;",
    "BOX DRAWINGS LEFT LIGHT AND RIGHT UP HEAVY=253A;",
    "BOX DRAWINGS LEFT LIGHT AND RIGHT VERTICAL HEAVY=254A;",
    "BOX DRAWINGS LEFT UP HEAVY AND RIGHT DOWN LIGHT=2543;",
    "BOX DRAWINGS LIGHT ARC DOWN AND LEFT=256E;",
    "BOX DRAWINGS LIGHT ARC DOWN AND RIGHT=256D;BOX DRAWINGS LIGHT ARC UP AND LEFT=256F;",
    "BOX DRAWINGS LIGHT ARC UP AND RIGHT=2570;BOX DRAWINGS LIGHT DIAGONAL CROSS=2573;",
    "BOX DRAWINGS LIGHT DIAGONAL UPPER LEFT TO LOWER RIGHT=2572;",
    "BOX DRAWINGS LIGHT DIAGONAL UPPER RIGHT TO LOWER LEFT=2571;",
    "BOX DRAWINGS LIGHT DOUBLE DASH HORIZONTAL=254C;",
    "BOX DRAWINGS LIGHT DOUBLE DASH VERTICAL=254E;BOX DRAWINGS LIGHT DOWN=2577;",
    "BOX DRAWINGS LIGHT DOWN AND HORIZONTAL=252C;BOX DRAWINGS LIGHT DOWN AND LEFT=2510;",
    "BOX DRAWINGS LIGHT DOWN AND RIGHT=250C;BOX DRAWINGS LIGHT HORIZONTAL=2500;",
    "BOX DRAWINGS LIGHT LEFT=2574;BOX DRAWINGS LIGHT LEFT AND HEAVY RIGHT=257C;",
    "BOX DRAWINGS LIGHT QUADRUPLE DASH HORIZONTAL=2508;",
    "BOX DRAWINGS LIGHT QUADRUPLE DASH VERTICAL=250A;BOX DRAWINGS LIGHT RIGHT=2576;",
    "BOX DRAWINGS LIGHT TRIPLE DASH HORIZONTAL=2504;",
    "BOX DRAWINGS LIGHT TRIPLE DASH VERTICAL=2506;BOX DRAWINGS LIGHT UP=2575;",
    "BOX DRAWINGS LIGHT UP AND HEAVY DOWN=257D;BOX DRAWINGS LIGHT UP AND HORIZONTAL=2534;",
    "BOX DRAWINGS LIGHT UP AND LEFT=2518;BOX DRAWINGS LIGHT UP AND RIGHT=2514;",
    "BOX DRAWINGS LIGHT VERTICAL=2502;BOX DRAWINGS LIGHT VERTICAL AND HORIZONTAL=253C;",
    "BOX DRAWINGS LIGHT VERTICAL AND LEFT=2524;",
    "BOX DRAWINGS LIGHT VERTICAL AND RIGHT=251C;",
    "BOX DRAWINGS RIGHT DOWN HEAVY AND LEFT UP LIGHT=2546;",
    "BOX DRAWINGS RIGHT HEAVY AND LEFT DOWN LIGHT=252E;",
    "BOX DRAWINGS RIGHT HEAVY AND LEFT UP LIGHT=2536;",
    "BOX DRAWINGS RIGHT HEAVY AND LEFT VERTICAL LIGHT=253E;",
    "BOX DRAWINGS RIGHT LIGHT AND LEFT DOWN HEAVY=2531;",
    "BOX DRAWINGS RIGHT LIGHT AND LEFT UP HEAVY=2539;",
    "BOX DRAWINGS RIGHT LIGHT AND LEFT VERTICAL HEAVY=2549;",
    "BOX DRAWINGS RIGHT UP HEAVY AND LEFT DOWN LIGHT=2544;",
    "BOX DRAWINGS UP DOUBLE AND HORIZONTAL SINGLE=2568;",
    "BOX DRAWINGS UP DOUBLE AND LEFT SINGLE=255C;",
    "BOX DRAWINGS UP DOUBLE AND RIGHT SINGLE=2559;",
    "BOX DRAWINGS UP HEAVY AND DOWN HORIZONTAL LIGHT=2540;",
    "BOX DRAWINGS UP HEAVY AND HORIZONTAL LIGHT=2538;",
    "BOX DRAWINGS UP HEAVY AND LEFT DOWN LIGHT=2526;",
    "BOX DRAWINGS UP HEAVY AND LEFT LIGHT=251A;",
    "BOX DRAWINGS UP HEAVY AND RIGHT DOWN LIGHT=251E;",
    "BOX DRAWINGS UP HEAVY AND RIGHT LIGHT=2516;",
    "BOX DRAWINGS UP LIGHT AND DOWN HORIZONTAL HEAVY=2548;",
    "BOX DRAWINGS UP LIGHT AND HORIZONTAL HEAVY=2537;",
    "BOX DRAWINGS UP LIGHT AND LEFT DOWN HEAVY=252A;",
    "BOX DRAWINGS UP LIGHT AND LEFT HEAVY=2519;",
    "BOX DRAWINGS UP LIGHT AND RIGHT DOWN HEAVY=2522;",
    "BOX DRAWINGS UP LIGHT AND RIGHT HEAVY=2515;",
    "BOX DRAWINGS UP SINGLE AND HORIZONTAL DOUBLE=2567;",
    "BOX DRAWINGS UP SINGLE AND LEFT DOUBLE=255B;",
    "BOX DRAWINGS UP SINGLE AND RIGHT DOUBLE=2558;",
    "BOX DRAWINGS VERTICAL DOUBLE AND HORIZONTAL SINGLE=256B;",
    "BOX DRAWINGS VERTICAL DOUBLE AND LEFT SINGLE=2562;",
    "BOX DRAWINGS VERTICAL DOUBLE AND RIGHT SINGLE=255F;",
    "BOX DRAWINGS VERTICAL HEAVY AND HORIZONTAL LIGHT=2542;",
    "BOX DRAWINGS VERTICAL HEAVY AND LEFT LIGHT=2528;",
    "BOX DRAWINGS VERTICAL HEAVY AND RIGHT LIGHT=2520;",
    "BOX DRAWINGS VERTICAL LIGHT AND HORIZONTAL HEAVY=253F;",
    "BOX DRAWINGS VERTICAL LIGHT AND LEFT HEAVY=2525;",
    "BOX DRAWINGS VERTICAL LIGHT AND RIGHT HEAVY=251D;",
    "BOX DRAWINGS VERTICAL SINGLE AND HORIZONTAL DOUBLE=256A;",
    "BOX DRAWINGS VERTICAL SINGLE AND LEFT DOUBLE=2561;",
    "BOX DRAWINGS VERTICAL SINGLE AND RIGHT DOUBLE=255E;BROKEN BAR=A6;BULLET=2022;",
    "BULLET OPERATOR=2219;BULLSEYE=25CE;BYTE ORDER MARK=FEFF;CADUCEUS=2624;CANCER=264B;",
    "CAPRICORN=2651;CARET=2038;CARRIAGE RETURN=D;CAT FACE WITH TEARS OF JOY=1F639;",
    "CAT FACE WITH WRY SMILE=1F63C;CAUTION SIGN=2621;CEDILLA=B8;CENT SIGN=A2;",
    "CHARACTER TABULATION=9;CHECK MARK=2713;CHI RHO=2627;",
    "CIRCLE WITH ALL BUT UPPER LEFT QUADRANT BLACK=25D5;CIRCLE WITH LEFT HALF BLACK=25D0;",
    "CIRCLE WITH LOWER HALF BLACK=25D2;CIRCLE WITH RIGHT HALF BLACK=25D1;",
    "CIRCLE WITH UPPER HALF BLACK=25D3;CIRCLE WITH UPPER RIGHT QUADRANT BLACK=25D4;",
    "CIRCLE WITH VERTICAL FILL=25CD;CIRCLED OPEN CENTRE EIGHT POINTED STAR=2742;",
    "CIRCLED WHITE STAR=272A;CIRCUMFLEX ACCENT=5E;CLOUD=2601;COLON=3A;COMET=2604;",
    "COMMA=2C;COMMERCIAL AT=40;CONFOUNDED FACE=1F616;CONFUSED FACE=1F615;",
    "CONJUNCTION=260C;COOKIE=1F36A;COPYRIGHT SIGN=A9;CROSS MARK=274C;",
    "CROSS OF JERUSALEM=2629;CROSS OF LORRAINE=2628;CRYING CAT FACE=1F63F;",
    "CRYING FACE=1F622;CURRENCY SIGN=A4;CURVED STEM PARAGRAPH SIGN ORNAMENT=2761;",
    "CYCLONE=1F300;DAGGER=2020;DARK SHADE=2593;DEGREE SIGN=B0;DELETE=7F;",
    "DESCENDING NODE=260B;DIAERESIS=A8;DIGIT EIGHT=38;DIGIT FIVE=35;DIGIT FOUR=34;",
    "DIGIT NINE=39;DIGIT ONE=31;DIGIT SEVEN=37;DIGIT SIX=36;DIGIT THREE=33;DIGIT TWO=32;",
    "DIGIT ZERO=30;DISAPPOINTED BUT RELIEVED FACE=1F625;DISAPPOINTED FACE=1F61E;",
    "DIVISION SIGN=F7;DIZZY FACE=1F635;DOLLAR SIGN=24;DOT OPERATOR=22C5;",
    "DOTTED CIRCLE=25CC;DOUBLE DAGGER=2021;DOUBLE HIGH-REVERSED-9 QUOTATION MARK=201F;",
    "DOUBLE LOW LINE=2017;DOUBLE LOW-9 QUOTATION MARK=201E;DOUBLE PRIME=2033;",
    "DOUBLE VERTICAL LINE=2016;DOWNWARDS ARROW=2193;EARTH=2641;",
    "EIGHT PETALLED OUTLINED BLACK FLORETTE=2741;EIGHT POINTED BLACK STAR=2734;",
    "EIGHT POINTED PINWHEEL STAR=2735;EIGHT POINTED RECTILINEAR BLACK STAR=2737;",
    "EIGHT SPOKED ASTERISK=2733;EIGHT TEARDROP-SPOKED PROPELLER ASTERISK=274A;",
    "ELEMENT OF=2208;EM DASH=2014;EMPTY SET=2205;EN DASH=2013;ENVELOPE=2709;",
    "EQUALS SIGN=3D;ESCAPE=1B;EURO SIGN=20AC;EXCLAMATION MARK=21;",
    "EXPRESSIONLESS FACE=1F611;FACE SAVOURING DELICIOUS FOOD=1F60B;",
    "FACE SCREAMING IN FEAR=1F631;FACE THROWING A KISS=1F618;FACE WITH COLD SWEAT=1F613;",
    "FACE WITH LOOK OF TRIUMPH=1F624;FACE WITH MEDICAL MASK=1F637;",
    "FACE WITH NO GOOD GESTURE=1F645;FACE WITH OK GESTURE=1F646;",
    "FACE WITH OPEN MOUTH=1F62E;FACE WITH OPEN MOUTH AND COLD SWEAT=1F630;",
    "FACE WITH ROLLING EYES=1F644;FACE WITH STUCK-OUT TONGUE=1F61B;",
    "FACE WITH STUCK-OUT TONGUE AND TIGHTLY-CLOSED EYES=1F61D;",
    "FACE WITH STUCK-OUT TONGUE AND WINKING EYE=1F61C;FACE WITH TEARS OF JOY=1F602;",
    "FACE WITHOUT MOUTH=1F636;FARSI SYMBOL=262B;FEARFUL FACE=1F628;FEMALE SIGN=2640;",
    "FEMININE ORDINAL INDICATOR=AA;FIGURE DASH=2012;FIRE=1F525;FIRST QUARTER MOON=263D;",
    "FISHEYE=25C9;FLORAL HEART=2766;FLUSHED FACE=1F633;FOR ALL=2200;FORM FEED=C;",
    "FOUR BALLOON-SPOKED ASTERISK=2723;FOUR CLUB-SPOKED ASTERISK=2725;",
    "FOUR TEARDROP-SPOKED ASTERISK=2722;FROWNING FACE WITH OPEN MOUTH=1F626;",
    "FULL BLOCK=2588;FULL STOP=2E;GEMINI=264A;GRAVE ACCENT=60;",
    "GREATER-THAN OR EQUAL TO=2265;GREATER-THAN SIGN=3E;GREEK CAPITAL LETTER ALPHA=391;",
    "GREEK CAPITAL LETTER BETA=392;GREEK CAPITAL LETTER CHI=3A7;",
    "GREEK CAPITAL LETTER DELTA=394;GREEK CAPITAL LETTER EPSILON=395;",
    "GREEK CAPITAL LETTER ETA=397;GREEK CAPITAL LETTER GAMMA=393;",
    "GREEK CAPITAL LETTER IOTA=399;GREEK CAPITAL LETTER KAPPA=39A;",
    "GREEK CAPITAL LETTER LAMDA=39B;GREEK CAPITAL LETTER MU=39C;",
    "GREEK CAPITAL LETTER NU=39D;GREEK CAPITAL LETTER OMEGA=3A9;",
    "GREEK CAPITAL LETTER OMICRON=39F;GREEK CAPITAL LETTER PHI=3A6;",
    "GREEK CAPITAL LETTER PI=3A0;GREEK CAPITAL LETTER PSI=3A8;",
    "GREEK CAPITAL LETTER RHO=3A1;GREEK CAPITAL LETTER SIGMA=3A3;",
    "GREEK CAPITAL LETTER TAU=3A4;GREEK CAPITAL LETTER THETA=398;",
    "GREEK CAPITAL LETTER UPSILON=3A5;GREEK CAPITAL LETTER XI=39E;",
    "GREEK CAPITAL LETTER ZETA=396;GREEK SMALL LETTER ALPHA=3B1;",
    "GREEK SMALL LETTER BETA=3B2;GREEK SMALL LETTER CHI=3C7;GREEK SMALL LETTER DELTA=3B4;",
    "GREEK SMALL LETTER EPSILON=3B5;GREEK SMALL LETTER ETA=3B7;",
    "GREEK SMALL LETTER FINAL SIGMA=3C2;GREEK SMALL LETTER GAMMA=3B3;",
    "GREEK SMALL LETTER IOTA=3B9;GREEK SMALL LETTER KAPPA=3BA;",
    "GREEK SMALL LETTER LAMDA=3BB;GREEK SMALL LETTER MU=3BC;GREEK SMALL LETTER NU=3BD;",
    "GREEK SMALL LETTER OMEGA=3C9;GREEK SMALL LETTER OMICRON=3BF;",
    "GREEK SMALL LETTER PHI=3C6;GREEK SMALL LETTER PI=3C0;GREEK SMALL LETTER PSI=3C8;",
    "GREEK SMALL LETTER RHO=3C1;GREEK SMALL LETTER SIGMA=3C3;GREEK SMALL LETTER TAU=3C4;",
    "GREEK SMALL LETTER THETA=3B8;GREEK SMALL LETTER UPSILON=3C5;",
    "GREEK SMALL LETTER XI=3BE;GREEK SMALL LETTER ZETA=3B6;GREEN APPLE=1F34F;",
    "GRIMACING FACE=1F62C;GRINNING CAT FACE WITH SMILING EYES=1F638;GRINNING FACE=1F600;",
    "GRINNING FACE WITH SMILING EYES=1F601;HAMBURGER=1F354;HAMMER AND SICKLE=262D;",
    "HAPPY PERSON RAISING ONE HAND=1F64B;HEAR-NO-EVIL MONKEY=1F649;HEAVY ASTERISK=2731;",
    "HEAVY BALLOT X=2718;HEAVY BLACK HEART=2764;HEAVY CHECK MARK=2714;",
    "HEAVY CHEVRON SNOWFLAKE=2746;HEAVY DOUBLE COMMA QUOTATION MARK ORNAMENT=275E;",
    "HEAVY DOUBLE TURNED COMMA QUOTATION MARK ORNAMENT=275D;",
    "HEAVY EIGHT POINTED RECTILINEAR BLACK STAR=2738;",
    "HEAVY EIGHT TEARDROP-SPOKED PROPELLER ASTERISK=274B;",
    "HEAVY EXCLAMATION MARK ORNAMENT=2762;HEAVY EXCLAMATION MARK SYMBOL=2757;",
    "HEAVY FOUR BALLOON-SPOKED ASTERISK=2724;HEAVY GREEK CROSS=271A;",
    "HEAVY HEART EXCLAMATION MARK ORNAMENT=2763;",
    "HEAVY LOW DOUBLE COMMA QUOTATION MARK ORNAMENT=2760;",
    "HEAVY LOW SINGLE COMMA QUOTATION MARK ORNAMENT=275F;HEAVY MULTIPLICATION X=2716;",
    "HEAVY OPEN CENTRE CROSS=271C;HEAVY OUTLINED BLACK STAR=272E;",
    "HEAVY SINGLE COMMA QUOTATION MARK ORNAMENT=275C;",
    "HEAVY SINGLE TURNED COMMA QUOTATION MARK ORNAMENT=275B;HEAVY SPARKLE=2748;",
    "HEAVY TEARDROP-SPOKED ASTERISK=273D;HEAVY TEARDROP-SPOKED PINWHEEL ASTERISK=2743;",
    "HEAVY VERTICAL BAR=275A;HIGH VOLTAGE SIGN=26A1;HORIZONTAL BAR=2015;",
    "HORIZONTAL ELLIPSIS=2026;HOT BEVERAGE=2615;HOURGLASS=231B;",
    "HOURGLASS WITH FLOWING SAND=23F3;HUSHED FACE=1F62F;HYPHEN=2010;HYPHEN-MINUS=2D;",
    "HYPHENATION POINT=2027;INCREMENT=2206;INFINITY=221E;INTEGRAL=222B;INTERSECTION=2229;",
    "INVERSE BULLET=25D8;INVERSE WHITE CIRCLE=25D9;INVERTED EXCLAMATION MARK=A1;",
    "INVERTED QUESTION MARK=BF;JUPITER=2643;KEY=1F511;",
    "KISSING CAT FACE WITH CLOSED EYES=1F63D;KISSING FACE=1F617;",
    "KISSING FACE WITH CLOSED EYES=1F61A;KISSING FACE WITH SMILING EYES=1F619;",
    "LARGE CIRCLE=25EF;LAST QUARTER MOON=263E;LATIN CAPITAL LETTER A=41;",
    "LATIN CAPITAL LETTER A WITH ACUTE=C1;LATIN CAPITAL LETTER A WITH CIRCUMFLEX=C2;",
    "LATIN CAPITAL LETTER A WITH DIAERESIS=C4;LATIN CAPITAL LETTER A WITH GRAVE=C0;",
    "LATIN CAPITAL LETTER A WITH RING ABOVE=C5;LATIN CAPITAL LETTER A WITH TILDE=C3;",
    "LATIN CAPITAL LETTER AE=C6;LATIN CAPITAL LETTER B=42;LATIN CAPITAL LETTER C=43;",
    "LATIN CAPITAL LETTER C WITH CEDILLA=C7;LATIN CAPITAL LETTER D=44;",
    "LATIN CAPITAL LETTER E=45;LATIN CAPITAL LETTER E WITH ACUTE=C9;",
    "LATIN CAPITAL LETTER E WITH CIRCUMFLEX=CA;LATIN CAPITAL LETTER E WITH DIAERESIS=CB;",
    "LATIN CAPITAL LETTER E WITH GRAVE=C8;LATIN CAPITAL LETTER ETH=D0;",
    "LATIN CAPITAL LETTER F=46;LATIN CAPITAL LETTER G=47;LATIN CAPITAL LETTER H=48;",
    "LATIN CAPITAL LETTER I=49;LATIN CAPITAL LETTER I WITH ACUTE=CD;",
    "LATIN CAPITAL LETTER I WITH CIRCUMFLEX=CE;LATIN CAPITAL LETTER I WITH DIAERESIS=CF;",
    "LATIN CAPITAL LETTER I WITH GRAVE=CC;LATIN CAPITAL LETTER J=4A;",
    "LATIN CAPITAL LETTER K=4B;LATIN CAPITAL LETTER L=4C;LATIN CAPITAL LETTER M=4D;",
    "LATIN CAPITAL LETTER N=4E;LATIN CAPITAL LETTER N WITH TILDE=D1;",
    "LATIN CAPITAL LETTER O=4F;LATIN CAPITAL LETTER O WITH ACUTE=D3;",
    "LATIN CAPITAL LETTER O WITH CIRCUMFLEX=D4;LATIN CAPITAL LETTER O WITH DIAERESIS=D6;",
    "LATIN CAPITAL LETTER O WITH GRAVE=D2;LATIN CAPITAL LETTER O WITH STROKE=D8;",
    "LATIN CAPITAL LETTER O WITH TILDE=D5;LATIN CAPITAL LETTER P=50;",
    "LATIN CAPITAL LETTER Q=51;LATIN CAPITAL LETTER R=52;LATIN CAPITAL LETTER S=53;",
    "LATIN CAPITAL LETTER T=54;LATIN CAPITAL LETTER THORN=DE;LATIN CAPITAL LETTER U=55;",
    "LATIN CAPITAL LETTER U WITH ACUTE=DA;LATIN CAPITAL LETTER U WITH CIRCUMFLEX=DB;",
    "LATIN CAPITAL LETTER U WITH DIAERESIS=DC;LATIN CAPITAL LETTER U WITH GRAVE=D9;",
    "LATIN CAPITAL LETTER V=56;LATIN CAPITAL LETTER W=57;LATIN CAPITAL LETTER X=58;",
    "LATIN CAPITAL LETTER Y=59;LATIN CAPITAL LETTER Y WITH ACUTE=DD;",
    "LATIN CAPITAL LETTER Z=5A;LATIN CROSS=271D;LATIN SMALL LETTER A=61;",
    "LATIN SMALL LETTER A WITH ACUTE=E1;LATIN SMALL LETTER A WITH CIRCUMFLEX=E2;",
    "LATIN SMALL LETTER A WITH DIAERESIS=E4;LATIN SMALL LETTER A WITH GRAVE=E0;",
    "LATIN SMALL LETTER A WITH RING ABOVE=E5;LATIN SMALL LETTER A WITH TILDE=E3;",
    "LATIN SMALL LETTER AE=E6;LATIN SMALL LETTER B=62;LATIN SMALL LETTER C=63;",
    "LATIN SMALL LETTER C WITH CEDILLA=E7;LATIN SMALL LETTER D=64;",
    "LATIN SMALL LETTER E=65;LATIN SMALL LETTER E WITH ACUTE=E9;",
    "LATIN SMALL LETTER E WITH CIRCUMFLEX=EA;LATIN SMALL LETTER E WITH DIAERESIS=EB;",
    "LATIN SMALL LETTER E WITH GRAVE=E8;LATIN SMALL LETTER ETH=F0;",
    "LATIN SMALL LETTER F=66;LATIN SMALL LETTER G=67;LATIN SMALL LETTER H=68;",
    "LATIN SMALL LETTER I=69;LATIN SMALL LETTER I WITH ACUTE=ED;",
    "LATIN SMALL LETTER I WITH CIRCUMFLEX=EE;LATIN SMALL LETTER I WITH DIAERESIS=EF;",
    "LATIN SMALL LETTER I WITH GRAVE=EC;LATIN SMALL LETTER J=6A;LATIN SMALL LETTER K=6B;",
    "LATIN SMALL LETTER L=6C;LATIN SMALL LETTER M=6D;LATIN SMALL LETTER N=6E;",
    "LATIN SMALL LETTER N WITH TILDE=F1;LATIN SMALL LETTER O=6F;",
    "LATIN SMALL LETTER O WITH ACUTE=F3;LATIN SMALL LETTER O WITH CIRCUMFLEX=F4;",
    "LATIN SMALL LETTER O WITH DIAERESIS=F6;LATIN SMALL LETTER O WITH GRAVE=F2;",
    "LATIN SMALL LETTER O WITH STROKE=F8;LATIN SMALL LETTER O WITH TILDE=F5;",
    "LATIN SMALL LETTER P=70;LATIN SMALL LETTER Q=71;LATIN SMALL LETTER R=72;",
    "LATIN SMALL LETTER S=73;LATIN SMALL LETTER SHARP S=DF;LATIN SMALL LETTER T=74;",
    "LATIN SMALL LETTER THORN=FE;LATIN SMALL LETTER U=75;",
    "LATIN SMALL LETTER U WITH ACUTE=FA;LATIN SMALL LETTER U WITH CIRCUMFLEX=FB;",
    "LATIN SMALL LETTER U WITH DIAERESIS=FC;LATIN SMALL LETTER U WITH GRAVE=F9;",
    "LATIN SMALL LETTER V=76;LATIN SMALL LETTER W=77;LATIN SMALL LETTER X=78;",
    "LATIN SMALL LETTER Y=79;LATIN SMALL LETTER Y WITH ACUTE=FD;",
    "LATIN SMALL LETTER Y WITH DIAERESIS=FF;LATIN SMALL LETTER Z=7A;",
    "LEFT CURLY BRACKET=7B;LEFT DOUBLE QUOTATION MARK=201C;LEFT FIVE EIGHTHS BLOCK=258B;",
    "LEFT HALF BLACK CIRCLE=25D6;LEFT HALF BLOCK=258C;LEFT ONE EIGHTH BLOCK=258F;",
    "LEFT ONE QUARTER BLOCK=258E;LEFT PARENTHESIS=28;LEFT RIGHT ARROW=2194;",
    "LEFT SEVEN EIGHTHS BLOCK=2589;LEFT SINGLE QUOTATION MARK=2018;",
    "LEFT SQUARE BRACKET=5B;LEFT THREE EIGHTHS BLOCK=258D;LEFT THREE QUARTERS BLOCK=258A;",
    "LEFT-POINTING DOUBLE ANGLE QUOTATION MARK=AB;LEFTWARDS ARROW=2190;LEO=264C;",
    "LESS-THAN OR EQUAL TO=2264;LESS-THAN SIGN=3C;LIBRA=264E;LIGHT SHADE=2591;",
    "LIGHT VERTICAL BAR=2758;LIGHTNING=2607;LINE FEED=A;LINE TABULATION=B;LOCK=1F512;",
    "LOGICAL AND=2227;LOGICAL OR=2228;LOUDLY CRYING FACE=1F62D;LOW LINE=5F;",
    "LOWER BLADE SCISSORS=2703;LOWER FIVE EIGHTHS BLOCK=2585;LOWER HALF BLOCK=2584;",
    "LOWER HALF CIRCLE=25E1;LOWER HALF INVERSE WHITE CIRCLE=25DB;",
    "LOWER LEFT QUADRANT CIRCULAR ARC=25DF;LOWER LEFT TRIANGLE=25FA;",
    "LOWER ONE EIGHTH BLOCK=2581;LOWER ONE QUARTER BLOCK=2582;",
    "LOWER RIGHT DROP-SHADOWED WHITE SQUARE=274F;LOWER RIGHT PENCIL=270E;",
    "LOWER RIGHT QUADRANT CIRCULAR ARC=25DE;LOWER RIGHT SHADOWED WHITE SQUARE=2751;",
    "LOWER RIGHT TRIANGLE=25FF;LOWER SEVEN EIGHTHS BLOCK=2587;",
    "LOWER THREE EIGHTHS BLOCK=2583;LOWER THREE QUARTERS BLOCK=2586;LOZENGE=25CA;",
    "MACRON=AF;MALE SIGN=2642;MALTESE CROSS=2720;MASCULINE ORDINAL INDICATOR=BA;",
    "MEDIUM SHADE=2592;MEDIUM VERTICAL BAR=2759;MERCURY=263F;MICRO SIGN=B5;MIDDLE DOT=B7;",
    "MINUS SIGN=2212;MULTIPLICATION SIGN=D7;MULTIPLICATION X=2715;N-ARY PRODUCT=220F;",
    "N-ARY SUMMATION=2211;NABLA=2207;NEGATIVE SQUARED CROSS MARK=274E;NEPTUNE=2646;",
    "NEUTRAL FACE=1F610;NO-BREAK SPACE=A0;NON-BREAKING HYPHEN=2011;NORTH EAST ARROW=2197;",
    "NORTH WEST ARROW=2196;NOT EQUAL TO=2260;NOT SIGN=AC;NULL=0;NUMBER SIGN=23;",
    "ONE DOT LEADER=2024;OPEN CENTRE ASTERISK=2732;OPEN CENTRE BLACK STAR=272B;",
    "OPEN CENTRE CROSS=271B;OPEN CENTRE TEARDROP-SPOKED ASTERISK=273C;OPEN LOCK=1F513;",
    "OPPOSITION=260D;ORTHODOX CROSS=2626;OUTLINED BLACK STAR=272D;",
    "OUTLINED GREEK CROSS=2719;OUTLINED LATIN CROSS=271F;PARTIAL DIFFERENTIAL=2202;",
    "PARTY POPPER=1F389;PEACE SYMBOL=262E;PENCIL=270F;PENSIVE FACE=1F614;",
    "PER MILLE SIGN=2030;PER TEN THOUSAND SIGN=2031;PERCENT SIGN=25;",
    "PERSEVERING FACE=1F623;PERSON BOWING DEEPLY=1F647;PERSON FROWNING=1F64D;",
    "PERSON RAISING BOTH HANDS IN CELEBRATION=1F64C;PERSON WITH FOLDED HANDS=1F64F;",
    "PERSON WITH POUTING FACE=1F64E;PILCROW SIGN=B6;PINWHEEL STAR=272F;PISCES=2653;",
    "PLUS SIGN=2B;PLUS-MINUS SIGN=B1;PLUTO=2647;POUND SIGN=A3;POUTING CAT FACE=1F63E;",
    "POUTING FACE=1F621;PRIME=2032;QUADRANT LOWER LEFT=2596;QUADRANT LOWER RIGHT=2597;",
    "QUADRANT UPPER LEFT=2598;QUADRANT UPPER LEFT AND LOWER LEFT AND LOWER RIGHT=2599;",
    "QUADRANT UPPER LEFT AND LOWER RIGHT=259A;",
    "QUADRANT UPPER LEFT AND UPPER RIGHT AND LOWER LEFT=259B;",
    "QUADRANT UPPER LEFT AND UPPER RIGHT AND LOWER RIGHT=259C;QUADRANT UPPER RIGHT=259D;",
    "QUADRANT UPPER RIGHT AND LOWER LEFT=259E;",
    "QUADRANT UPPER RIGHT AND LOWER LEFT AND LOWER RIGHT=259F;QUESTION MARK=3F;",
    "QUOTATION MARK=22;RADIOACTIVE SIGN=2622;RAISED FIST=270A;RAISED HAND=270B;",
    "RED APPLE=1F34E;REGISTERED SIGN=AE;RELIEVED FACE=1F60C;REVERSE SOLIDUS=5C;",
    "REVERSED DOUBLE PRIME=2036;REVERSED PRIME=2035;",
    "REVERSED ROTATED FLORAL HEART BULLET=2619;REVERSED TRIPLE PRIME=2037;",
    "RIGHT CURLY BRACKET=7D;RIGHT DOUBLE QUOTATION MARK=201D;",
    "RIGHT HALF BLACK CIRCLE=25D7;RIGHT HALF BLOCK=2590;RIGHT ONE EIGHTH BLOCK=2595;",
    "RIGHT PARENTHESIS=29;RIGHT SINGLE QUOTATION MARK=2019;RIGHT SQUARE BRACKET=5D;",
    "RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK=BB;RIGHTWARDS ARROW=2192;ROCKET=1F680;",
    "ROTATED FLORAL HEART BULLET=2767;ROTATED HEAVY BLACK HEART BULLET=2765;",
    "SAGITTARIUS=2650;SALTIRE=2613;SATURN=2644;SCORPIUS=264F;SECTION SIGN=A7;",
    "SEE-NO-EVIL MONKEY=1F648;SEMICOLON=3B;SHADOWED WHITE CIRCLE=274D;",
    "SHADOWED WHITE LATIN CROSS=271E;SHADOWED WHITE STAR=2730;SHAMROCK=2618;",
    "SINGLE HIGH-REVERSED-9 QUOTATION MARK=201B;",
    "SINGLE LEFT-POINTING ANGLE QUOTATION MARK=2039;SINGLE LOW-9 QUOTATION MARK=201A;",
    "SINGLE RIGHT-POINTING ANGLE QUOTATION MARK=203A;",
    "SIX PETALLED BLACK AND WHITE FLORETTE=273E;SIX POINTED BLACK STAR=2736;",
    "SIXTEEN POINTED ASTERISK=273A;SKULL AND CROSSBONES=2620;SLEEPING FACE=1F634;",
    "SLEEPING SYMBOL=1F4A4;SLEEPY FACE=1F62A;SLICE OF PIZZA=1F355;",
    "SLIGHTLY FROWNING FACE=1F641;SLIGHTLY SMILING FACE=1F642;",
    "SMILING CAT FACE WITH HEART-SHAPED EYES=1F63B;",
    "SMILING CAT FACE WITH OPEN MOUTH=1F63A;SMILING FACE WITH HALO=1F607;",
    "SMILING FACE WITH HEART-SHAPED EYES=1F60D;SMILING FACE WITH HORNS=1F608;",
    "SMILING FACE WITH OPEN MOUTH=1F603;",
    "SMILING FACE WITH OPEN MOUTH AND COLD SWEAT=1F605;",
    "SMILING FACE WITH OPEN MOUTH AND SMILING EYES=1F604;",
    "SMILING FACE WITH OPEN MOUTH AND TIGHTLY-CLOSED EYES=1F606;",
    "SMILING FACE WITH SMILING EYES=1F60A;SMILING FACE WITH SUNGLASSES=1F60E;",
    "SMIRKING FACE=1F60F;SNAKE=1F40D;SNOWFLAKE=2744;SNOWMAN=2603;SOFT HYPHEN=AD;",
    "SOLIDUS=2F;SOUTH EAST ARROW=2198;SOUTH WEST ARROW=2199;SPACE=20;SPARKLE=2747;",
    "SPARKLES=2728;SPEAK-NO-EVIL MONKEY=1F64A;SQUARE ROOT=221A;",
    "SQUARE WITH DIAGONAL CROSSHATCH FILL=25A9;SQUARE WITH HORIZONTAL FILL=25A4;",
    "SQUARE WITH LEFT HALF BLACK=25E7;SQUARE WITH LOWER RIGHT DIAGONAL HALF BLACK=25EA;",
    "SQUARE WITH ORTHOGONAL CROSSHATCH FILL=25A6;SQUARE WITH RIGHT HALF BLACK=25E8;",
    "SQUARE WITH UPPER LEFT DIAGONAL HALF BLACK=25E9;",
    "SQUARE WITH UPPER LEFT TO LOWER RIGHT FILL=25A7;",
    "SQUARE WITH UPPER RIGHT TO LOWER LEFT FILL=25A8;SQUARE WITH VERTICAL FILL=25A5;",
    "STAR AND CRESCENT=262A;STAR OF DAVID=2721;STOPWATCH=23F1;",
    "STRESS OUTLINED WHITE STAR=2729;SUBSET OF=2282;SUN=2609;SUPERSCRIPT ONE=B9;",
    "SUPERSCRIPT THREE=B3;SUPERSCRIPT TWO=B2;TAPE DRIVE=2707;TAURUS=2649;",
    "TEARDROP-SPOKED ASTERISK=273B;TELEPHONE LOCATION SIGN=2706;THERE EXISTS=2203;",
    "THUMBS UP SIGN=1F44D;THUNDERSTORM=2608;TIGHT TRIFOLIATE SNOWFLAKE=2745;TILDE=7E;",
    "TIMER CLOCK=23F2;TIRED FACE=1F62B;TRADE MARK SIGN=2122;TRIANGULAR BULLET=2023;",
    "TRIGRAM FOR EARTH=2637;TRIGRAM FOR FIRE=2632;TRIGRAM FOR HEAVEN=2630;",
    "TRIGRAM FOR LAKE=2631;TRIGRAM FOR MOUNTAIN=2636;TRIGRAM FOR THUNDER=2633;",
    "TRIGRAM FOR WATER=2635;TRIGRAM FOR WIND=2634;TRIPLE PRIME=2034;",
    "TWELVE POINTED BLACK STAR=2739;TWO DOT LEADER=2025;UMBRELLA=2602;",
    "UMBRELLA WITH RAIN DROPS=2614;UNAMUSED FACE=1F612;UNION=222A;UP DOWN ARROW=2195;",
    "UP-POINTING TRIANGLE WITH LEFT HALF BLACK=25ED;",
    "UP-POINTING TRIANGLE WITH RIGHT HALF BLACK=25EE;UPPER BLADE SCISSORS=2701;",
    "UPPER HALF BLOCK=2580;UPPER HALF CIRCLE=25E0;UPPER HALF INVERSE WHITE CIRCLE=25DA;",
    "UPPER LEFT QUADRANT CIRCULAR ARC=25DC;UPPER LEFT TRIANGLE=25F8;",
    "UPPER ONE EIGHTH BLOCK=2594;UPPER RIGHT DROP-SHADOWED WHITE SQUARE=2750;",
    "UPPER RIGHT PENCIL=2710;UPPER RIGHT QUADRANT CIRCULAR ARC=25DD;",
    "UPPER RIGHT SHADOWED WHITE SQUARE=2752;UPPER RIGHT TRIANGLE=25F9;",
    "UPSIDE-DOWN FACE=1F643;UPWARDS ARROW=2191;URANUS=2645;VERTICAL LINE=7C;",
    "VICTORY HAND=270C;VIRGO=264D;VULGAR FRACTION ONE HALF=BD;",
    "VULGAR FRACTION ONE QUARTER=BC;VULGAR FRACTION THREE QUARTERS=BE;WARNING SIGN=26A0;",
    "WATCH=231A;WEARY CAT FACE=1F640;WEARY FACE=1F629;WHEEL OF DHARMA=2638;",
    "WHITE BULLET=25E6;WHITE CHESS BISHOP=2657;WHITE CHESS KING=2654;",
    "WHITE CHESS KNIGHT=2658;WHITE CHESS PAWN=2659;WHITE CHESS QUEEN=2655;",
    "WHITE CHESS ROOK=2656;WHITE CIRCLE=25CB;WHITE CIRCLE WITH LOWER LEFT QUADRANT=25F5;",
    "WHITE CIRCLE WITH LOWER RIGHT QUADRANT=25F6;",
    "WHITE CIRCLE WITH UPPER LEFT QUADRANT=25F4;",
    "WHITE CIRCLE WITH UPPER RIGHT QUADRANT=25F7;WHITE CLUB SUIT=2667;WHITE DIAMOND=25C7;",
    "WHITE DIAMOND CONTAINING BLACK SMALL DIAMOND=25C8;WHITE DIAMOND SUIT=2662;",
    "WHITE DOWN POINTING INDEX=261F;WHITE DOWN-POINTING SMALL TRIANGLE=25BF;",
    "WHITE DOWN-POINTING TRIANGLE=25BD;WHITE EXCLAMATION MARK ORNAMENT=2755;",
    "WHITE FLORETTE=2740;WHITE FOUR POINTED STAR=2727;WHITE FROWNING FACE=2639;",
    "WHITE HEART SUIT=2661;WHITE HEAVY CHECK MARK=2705;WHITE LEFT POINTING INDEX=261C;",
    "WHITE LEFT-POINTING POINTER=25C5;WHITE LEFT-POINTING SMALL TRIANGLE=25C3;",
    "WHITE LEFT-POINTING TRIANGLE=25C1;WHITE MEDIUM SMALL SQUARE=25FD;",
    "WHITE MEDIUM SQUARE=25FB;WHITE NIB=2711;WHITE PARALLELOGRAM=25B1;",
    "WHITE QUESTION MARK ORNAMENT=2754;WHITE RECTANGLE=25AD;",
    "WHITE RIGHT POINTING INDEX=261E;WHITE RIGHT-POINTING POINTER=25BB;",
    "WHITE RIGHT-POINTING SMALL TRIANGLE=25B9;WHITE RIGHT-POINTING TRIANGLE=25B7;",
    "WHITE SCISSORS=2704;WHITE SHOGI PIECE=2616;WHITE SMALL SQUARE=25AB;",
    "WHITE SMILING FACE=263A;WHITE SPADE SUIT=2664;WHITE SQUARE=25A1;",
    "WHITE SQUARE CONTAINING BLACK SMALL SQUARE=25A3;",
    "WHITE SQUARE WITH LOWER LEFT QUADRANT=25F1;",
    "WHITE SQUARE WITH LOWER RIGHT QUADRANT=25F2;WHITE SQUARE WITH ROUNDED CORNERS=25A2;",
    "WHITE SQUARE WITH UPPER LEFT QUADRANT=25F0;",
    "WHITE SQUARE WITH UPPER RIGHT QUADRANT=25F3;",
    "WHITE SQUARE WITH VERTICAL BISECTING LINE=25EB;WHITE STAR=2606;",
    "WHITE SUN WITH RAYS=263C;WHITE TELEPHONE=260F;WHITE UP POINTING INDEX=261D;",
    "WHITE UP-POINTING SMALL TRIANGLE=25B5;WHITE UP-POINTING TRIANGLE=25B3;",
    "WHITE UP-POINTING TRIANGLE WITH DOT=25EC;WHITE VERTICAL RECTANGLE=25AF;",
    "WINKING FACE=1F609;WORRIED FACE=1F61F;WRITING HAND=270D;YEN SIGN=A5;YIN YANG=262F;",
    "ZERO WIDTH JOINER=200D;ZERO WIDTH SPACE=200B;",
);

/// The character a `\N{...}` escape names (case-insensitively, as CPython does).
fn lookup_unicode_name(name: &str) -> Option<char> {
    let wanted = name.to_ascii_uppercase();
    UNICODE_NAMES.split(';').find_map(|entry| {
        let (entry_name, hex) = entry.split_once('=')?;
        if entry_name == wanted {
            char::from_u32(u32::from_str_radix(hex, 16).ok()?)
        } else {
            None
        }
    })
}

/// Reads up to `max` hex digits starting at `i`.
fn hex_digits(body: &[char], i: usize, max: usize) -> (u32, usize) {
    let mut value: u32 = 0;
    let mut count = 0;
    while count < max {
        match body.get(i + count).and_then(|c| c.to_digit(16)) {
            Some(d) => {
                value = value.wrapping_mul(16).wrapping_add(d);
                count += 1;
            }
            None => break,
        }
    }
    (value, count)
}

/// Byte position of character `i` of `body` in its UTF-8 encoding (CPython reports
/// escape errors in bytes).
fn byte_pos(body: &[char], i: usize) -> usize {
    body[..i.min(body.len())].iter().map(|c| c.len_utf8()).sum()
}

/// Decodes the escapes of a non-raw `str` literal body.
fn decode_str(body: &[char]) -> Result<Decoded, String> {
    let mut out = String::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        if c != '\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let Some(&e) = body.get(i + 1) else {
            out.push('\\');
            break;
        };
        let start = i;
        i += 2;
        match e {
            '\n' => {}
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut value = e.to_digit(8).unwrap_or(0);
                let mut count = 1;
                while count < 3 {
                    match body.get(i).and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            value = value * 8 + d;
                            i += 1;
                            count += 1;
                        }
                        None => break,
                    }
                }
                match char::from_u32(value) {
                    Some(ch) => out.push(ch),
                    None => return Ok(Decoded::Unsupported("lone surrogate characters".into())),
                }
            }
            'x' | 'u' | 'U' => {
                let (want, name) = match e {
                    'x' => (2, "\\xXX"),
                    'u' => (4, "\\uXXXX"),
                    _ => (8, "\\UXXXXXXXX"),
                };
                let (value, count) = hex_digits(body, i, want);
                if count < want {
                    return Err(format!(
                        "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: truncated {name} escape",
                        byte_pos(body, start),
                        byte_pos(body, i + count) - 1
                    ));
                }
                i += count;
                match char::from_u32(value) {
                    Some(ch) => out.push(ch),
                    None if (0xD800..0xE000).contains(&value) => {
                        return Ok(Decoded::Unsupported("lone surrogate characters".into()));
                    }
                    None => {
                        return Err(format!(
                            "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: illegal Unicode character",
                            byte_pos(body, start),
                            byte_pos(body, i) - 1
                        ));
                    }
                }
            }
            'N' => {
                let close = body[i..].iter().position(|c| *c == '}');
                let (Some('{'), Some(close)) = (body.get(i).copied(), close) else {
                    return Err(format!(
                        "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: malformed \\N character escape",
                        byte_pos(body, start),
                        byte_pos(body, i).max(byte_pos(body, start) + 1)
                    ));
                };
                let name: String = body[i + 1..i + close].iter().collect();
                i += close + 1;
                match lookup_unicode_name(&name) {
                    Some(ch) => out.push(ch),
                    // CPython knows every name; the table here only common ones.
                    None => {
                        return Ok(Decoded::Unsupported(format!(
                            "the character name in '\\N{{{name}}}'"
                        )))
                    }
                }
            }
            _ => {
                // An unknown escape keeps its backslash (CPython warns, then does this).
                out.push('\\');
                out.push(e);
            }
        }
    }
    Ok(Decoded::Text(out))
}

/// Decodes the escapes of a non-raw bytes literal body (already checked to be ASCII).
fn decode_bytes(body: &[char]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        if c != '\\' {
            out.push(c as u8);
            i += 1;
            continue;
        }
        let Some(&e) = body.get(i + 1) else {
            out.push(b'\\');
            break;
        };
        let start = i;
        i += 2;
        match e {
            '\n' => {}
            '\\' => out.push(b'\\'),
            '\'' => out.push(b'\''),
            '"' => out.push(b'"'),
            'a' => out.push(7),
            'b' => out.push(8),
            'f' => out.push(12),
            'n' => out.push(b'\n'),
            'r' => out.push(b'\r'),
            't' => out.push(b'\t'),
            'v' => out.push(11),
            '0'..='7' => {
                let mut value = e.to_digit(8).unwrap_or(0);
                let mut count = 1;
                while count < 3 {
                    match body.get(i).and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            value = value * 8 + d;
                            i += 1;
                            count += 1;
                        }
                        None => break,
                    }
                }
                out.push((value & 0xff) as u8);
            }
            'x' => {
                let (value, count) = hex_digits(body, i, 2);
                if count < 2 {
                    return Err(format!(
                        "(value error) invalid \\x escape at position {start}"
                    ));
                }
                i += 2;
                out.push(value as u8);
            }
            _ => {
                out.push(b'\\');
                out.push(e as u8);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(source: &str) -> Vec<Tok> {
        tokenize(source).tokens.into_iter().map(|t| t.tok).collect()
    }

    fn name(s: &str) -> Tok {
        Tok::Name(s.to_string())
    }

    #[test]
    fn indentation_and_newlines() {
        let toks = kinds("if x:\n    y\n\n  # c\nz\n");
        assert_eq!(
            toks,
            vec![
                name("if"),
                name("x"),
                Tok::Op(":"),
                Tok::Newline,
                Tok::Indent,
                name("y"),
                Tok::Newline,
                Tok::Dedent,
                name("z"),
                Tok::Newline,
                Tok::EndMarker
            ]
        );
    }

    #[test]
    fn implicit_joining_and_continuation() {
        let toks = kinds("x = (1,\n  2)\ny = 1 + \\\n 2");
        assert_eq!(toks.iter().filter(|t| **t == Tok::Newline).count(), 2);
        assert!(!toks.contains(&Tok::Indent));
    }

    #[test]
    fn numbers() {
        let toks = kinds("0x_ff 0o17 0b101 1_000 1e-3 5. .5 10j 1if");
        assert_eq!(toks[0], Tok::Int(BigInt::from(255)));
        assert_eq!(toks[1], Tok::Int(BigInt::from(15)));
        assert_eq!(toks[2], Tok::Int(BigInt::from(5)));
        assert_eq!(toks[3], Tok::Int(BigInt::from(1000)));
        assert_eq!(toks[4], Tok::Float(1e-3));
        assert_eq!(toks[5], Tok::Float(5.0));
        assert_eq!(toks[6], Tok::Float(0.5));
        assert_eq!(toks[7], Tok::Imaginary);
        assert_eq!(toks[8], Tok::Int(BigInt::from(1)));
        assert_eq!(toks[9], name("if"));
    }

    #[test]
    fn strings_and_escapes() {
        let toks = kinds(r#"'a\n\x41\101\u00e9' r'\n' b'\xff' """x"y""" '\q'"#);
        assert_eq!(toks[0], Tok::Str(StrValue::Str("a\nAAé".into())));
        assert_eq!(toks[1], Tok::Str(StrValue::Str("\\n".into())));
        assert_eq!(toks[2], Tok::Str(StrValue::Bytes(vec![255])));
        assert_eq!(toks[3], Tok::Str(StrValue::Str("x\"y".into())));
        assert_eq!(toks[4], Tok::Str(StrValue::Str("\\q".into())));
    }

    #[test]
    fn fstring_tokens() {
        let toks = kinds("f'a{x!r:>{w}}b{{'");
        assert_eq!(
            toks[..12],
            [
                Tok::FStringStart,
                Tok::FStringMiddle("a".into()),
                Tok::Op("{"),
                name("x"),
                Tok::Op("!"),
                name("r"),
                Tok::Op(":"),
                Tok::FStringMiddle(">".into()),
                Tok::Op("{"),
                name("w"),
                Tok::Op("}"),
                Tok::Op("}"),
            ]
        );
        assert_eq!(toks[12], Tok::FStringMiddle("b{".into()));
        assert_eq!(toks[13], Tok::FStringEnd);
    }

    #[test]
    fn columns_count_characters() {
        let lexed = tokenize("s = '♥♥' + x");
        let x = lexed.tokens.iter().find(|t| t.tok == name("x")).unwrap();
        assert_eq!(x.start.col, 11);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for source in [
            "",
            "\\",
            "'",
            "f'",
            "f'{",
            "f'{x:",
            "f'{x!",
            "0x",
            "1e",
            "\t\x0c x",
            "(((",
            ")))",
            "f'{'",
            "f'''{\n",
            "b'\\",
            "'\\N{",
            "\u{feff}x",
            "0_",
            "1.e",
            "..",
            "!",
        ] {
            let _ = tokenize(source);
        }
    }
}
