//! Operators and delimiters: the longest operator at the cursor, the bracket stack with
//! CPython's mismatched and unmatched bracket errors, an f-string field's top-level `:`
//! and `!`, and the errors for characters that start no token.
//!
//! It must keep the bracket stack within `MAX_BRACKET_DEPTH`.

use crate::error::SyntaxErrorKind;

use super::{Bracket, LexError, LexResult, Lexer, Pos, Strength, Tok, MAX_BRACKET_DEPTH};

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
    pub(super) fn lex_operator(&mut self, start: Pos, c: char) -> LexResult<()> {
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

    pub(super) fn invalid_character(&self, start: Pos, c: char) -> Box<LexError> {
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
}
