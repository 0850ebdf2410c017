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

use crate::language::error::SyntaxErrorKind;
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
        loop {
            match self.peek() {
                Some(' ' | '\t' | '\x0c') => {
                    self.pos += 1;
                }
                Some('#') => {
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
            while self.indents.len() > 1 && col < self.indents.last().map_or(0, |i| i.0) {
                self.indents.pop();
                self.push(Tok::Dedent, here, here);
            }
            let (new_col, new_alt) = *self.indents.last().unwrap_or(&(0, 0));
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
                self.push(Tok::Newline, here, end);
            }
        }
        // CPython puts the closing DEDENTs and the ENDMARKER on the line after the last.
        let after = if here.col == 0 {
            here
        } else {
            Pos {
                line: here.line + 1,
                col: 0,
            }
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
                    self.note_unsupported(what, body_start_line);
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
                if in_spec {
                    // Let the parser report the missing '}' at the closing quote.
                    self.flush_fstring_text(&mut text, start, text_end);
                    return Err(self.error(
                        SyntaxErrorKind::SyntaxError,
                        "f-string: expecting '}', or format specs",
                        here.line,
                        here.col + 1,
                        here.col + 2,
                        Strength::WhenReached,
                    ));
                }
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
                        Ok(Decoded::Unsupported(what)) => self.note_unsupported(what, here.line),
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
    Unsupported(&'static str),
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
                    None => return Ok(Decoded::Unsupported("lone surrogate characters")),
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
                        return Ok(Decoded::Unsupported("lone surrogate characters"));
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
            'N' => return Ok(Decoded::Unsupported("'\\N{...}' escapes")),
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
