//! String literals: plain and bytes literals (found, then decoded by `escapes`), the
//! start of an f-string, and an f-string's literal text and format specs up to its
//! replacement fields, with CPython's errors for unterminated literals.
//!
//! Nested f-strings are kept on the lexer's explicit stack (never recursion), within
//! `MAX_FSTRING_DEPTH` and `MAX_BRACKET_DEPTH`.

use crate::error::SyntaxErrorKind;

use super::escapes::{decode_bytes, decode_str, Decoded};
use super::{
    Bracket, FState, Field, LexError, LexResult, Lexer, Pos, StrValue, Strength, Tok,
    MAX_BRACKET_DEPTH, MAX_FSTRING_DEPTH,
};

impl Lexer {
    /// A string literal; `self.pos` is at its opening quote, `start` at its prefix.
    pub(super) fn lex_string(
        &mut self,
        start: Pos,
        bytes: bool,
        raw: bool,
        fstring: bool,
    ) -> LexResult<()> {
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
    pub(super) fn lex_fstring_text(&mut self, in_spec: bool) -> LexResult<()> {
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
