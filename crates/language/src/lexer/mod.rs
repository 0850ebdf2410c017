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
//!
//! This file holds the tokens and the tokenizer's core (its state, the loop, the
//! dispatch on the next character, names); the rest is by concern: `indentation`
//! (INDENT/DEDENT and the end of the file), `operators` (operators and brackets),
//! `numbers`, `strings` (string literals and f-strings' text) and `escapes` (decoding
//! backslash escapes, with the `\N{...}` names in `unicode_names`).

mod escapes;
mod indentation;
mod numbers;
mod operators;
mod strings;
#[cfg(test)]
mod tests;
mod unicode_names;

use crate::error::SyntaxErrorKind;
use num_bigint::BigInt;

/// CPython's MAXLEVEL: how deeply brackets (and f-string fields) may nest.
const MAX_BRACKET_DEPTH: usize = 200;

/// CPython's MAXINDENT: how many indentation levels a file may have.
const MAX_INDENT_DEPTH: usize = 100;

/// CPython's MAXFSTRINGLEVEL: how deeply f-strings may nest inside each other.
const MAX_FSTRING_DEPTH: usize = 150;

/// A position: 1-based line, 0-based column in characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Pos {
    pub(crate) line: u32,
    pub(crate) col: u32,
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
    pub(crate) start: Pos,
    pub(crate) end: Pos,
    /// Bracket nesting depth after this token (CPython's `tok->level`).
    pub(crate) level: u32,
}

/// When a tokenizer error is reported, relative to parser errors earlier in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Strength {
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
    pub(crate) kind: SyntaxErrorKind,
    pub(crate) message: String,
    pub(crate) line: u32,
    pub(crate) offset: u32,
    pub(crate) end_offset: u32,
    pub(crate) strength: Strength,
}

/// The result of tokenizing a whole file.
#[derive(Clone, Debug)]
pub struct Lexed {
    /// The tokens; ends with `EndMarker`, or with `Error` when `error` is set.
    pub tokens: Vec<Token>,
    pub error: Option<LexError>,
    /// The first valid-but-unsupported construct met while tokenizing, with its line.
    pub(crate) unsupported: Option<(String, u32)>,
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
}
