//! Numeric literals: decimal, hexadecimal, octal and binary integers with underscores,
//! floats with exponents, and imaginary literals (tokenized, reported as unsupported by
//! the parser), with CPython's errors for malformed ones.
//!
//! It never fails on a value: an integer of any size becomes a `BigInt`, a float too
//! large becomes infinity.

use crate::error::SyntaxErrorKind;
use num_bigint::BigInt;
use num_traits::Num;

use super::{LexResult, Lexer, Pos, Strength, Tok};

/// CPython's `is_potential_identifier_char` for ASCII characters.
fn is_potential_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

impl Lexer {
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

    pub(super) fn lex_number(&mut self, start: Pos) -> LexResult<()> {
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
}
