//! Indentation and the end of the file: INDENT and DEDENT tokens from the indentation
//! stack (tabs to multiples of 8, with CPython's `TabError` when the result depends on
//! the tab size), blank and comment-only lines, and the final NEWLINE, DEDENTs and
//! `EndMarker`, or the error for what is still open at the end of the file.
//!
//! It must keep the indentation stack within CPython's limit (`MAX_INDENT_DEPTH`), which
//! is what bounds the parser's statement recursion.

use crate::error::SyntaxErrorKind;

use super::{LexResult, Lexer, Pos, Strength, Tok, MAX_INDENT_DEPTH};

impl Lexer {
    /// Measures the indentation of a new line and emits INDENT/DEDENT tokens. Leaves
    /// `at_line_start` set when the line was blank (it is skipped entirely, as CPython
    /// does). Returns true when the end of the file was reached and handled.
    pub(super) fn lex_indentation(&mut self) -> LexResult<bool> {
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
    pub(super) fn detected_line(&self) -> u32 {
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
    pub(super) fn lex_eof(&mut self) -> LexResult<bool> {
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
}
