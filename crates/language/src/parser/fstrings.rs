//! String literals in expressions: adjacent literals concatenated (str, bytes, or one
//! f-string), and f-strings' replacement fields (`{value=!r:spec}`) with CPython's
//! "f-string: ..." errors.
//!
//! The tokenizer has already split f-strings into tokens and decoded their escapes; this
//! only assembles parts. Nested fields count towards `MAX_DEPTH`.

use crate::ast::*;
use crate::error::SyntaxErrorKind;
use crate::lexer::{StrValue, Tok};

use super::diagnostics::{syntax_error, PErr, PResult};
use super::{expr, Parser};

impl Parser {
    /// Adjacent string literals, concatenated: a str, a bytes, or (if any piece is an
    /// f-string) one f-string.
    pub(super) fn parse_strings(&mut self) -> PResult<Expr> {
        let start = self.start();
        let mut parts: Vec<FStringPart> = Vec::new();
        let mut bytes: Vec<u8> = Vec::new();
        let mut saw_bytes = false;
        let mut saw_text = false;
        let mut saw_fstring = false;
        loop {
            match self.peek().clone() {
                Tok::Str(StrValue::Str(text)) => {
                    self.advance();
                    saw_text = true;
                    push_literal(&mut parts, &text);
                }
                Tok::Str(StrValue::Bytes(value)) => {
                    self.advance();
                    saw_bytes = true;
                    bytes.extend_from_slice(&value);
                }
                Tok::FStringStart => {
                    saw_text = true;
                    saw_fstring = true;
                    for part in self.parse_fstring()? {
                        match part {
                            FStringPart::Literal(text) => push_literal(&mut parts, &text),
                            field => parts.push(field),
                        }
                    }
                }
                _ => break,
            }
        }
        if saw_bytes && saw_text {
            let token = self.token().clone();
            return Err(syntax_error(
                "cannot mix bytes and nonbytes literals",
                token.start,
                token.end,
            ));
        }
        let kind = if saw_bytes {
            ExprKind::Constant(Constant::Bytes(bytes))
        } else if saw_fstring {
            ExprKind::FString(parts)
        } else {
            let text = match parts.pop() {
                Some(FStringPart::Literal(text)) => text,
                _ => String::new(),
            };
            ExprKind::Constant(Constant::Str(text))
        };
        let e = expr(kind, start);
        self.record_end(&e);
        Ok(e)
    }

    /// One f-string, `FStringStart` through `FStringEnd`.
    fn parse_fstring(&mut self) -> PResult<Vec<FStringPart>> {
        self.advance(); // FStringStart
        let mut parts = Vec::new();
        loop {
            match self.peek().clone() {
                Tok::FStringMiddle(text) => {
                    self.advance();
                    push_literal(&mut parts, &text);
                }
                Tok::FStringEnd => {
                    self.advance();
                    return Ok(parts);
                }
                Tok::Op("{") => parts.push(self.parse_fstring_field()?),
                _ => return Err(self.invalid_here()),
            }
        }
    }

    fn parse_fstring_field(&mut self) -> PResult<FStringPart> {
        let open = self.advance();
        if self.is_op("}") || self.is_op("!") || self.is_op(":") || self.is_op("=") {
            let token = self.token().clone();
            let what = match token.tok {
                Tok::Op(op) => op,
                _ => "}",
            };
            return Err(syntax_error(
                format!("f-string: valid expression required before '{what}'"),
                token.start,
                token.end,
            ));
        }
        self.enter()?;
        let value_index = self.pos;
        let value = if self.is_kw("yield") {
            self.parse_yield()
        } else {
            self.parse_star_expressions()
        };
        self.leave();
        let value = match value {
            Ok(value) => value,
            // CPython's own message when what follows `{` is no expression at all.
            Err(error) if error.message == "invalid syntax" => {
                let token = &self.tokens[value_index];
                return Err(syntax_error(
                    "f-string: expecting a valid expression after '{'",
                    token.start,
                    token.end,
                ));
            }
            Err(error) => return Err(error),
        };
        let mut self_documenting = None;
        if self.is_op("=") {
            self.advance();
            let text = self.source_between(open.end, self.start());
            self_documenting = Some(text);
        }
        let mut conversion = None;
        if self.is_op("!") {
            let bang = self.advance();
            match self.peek().clone() {
                Tok::Name(name) => {
                    let name_token = self.advance();
                    if name_token.start != bang.end {
                        return Err(syntax_error(
                            "f-string: conversion type must come right after the exclamanation mark",
                            bang.start,
                            name_token.end,
                        ));
                    }
                    match name.as_str() {
                        "s" | "r" | "a" => conversion = name.chars().next(),
                        _ => {
                            return Err(syntax_error(
                                format!(
                                    "f-string: invalid conversion character '{name}': expected 's', 'r', or 'a'"
                                ),
                                name_token.start,
                                name_token.end,
                            ));
                        }
                    }
                }
                _ => {
                    let token = self.token().clone();
                    return Err(syntax_error(
                        "f-string: missing conversion character",
                        token.start,
                        token.end,
                    ));
                }
            }
        }
        let mut format_spec = None;
        if self.is_op(":") {
            self.advance();
            let mut spec = Vec::new();
            loop {
                match self.peek().clone() {
                    Tok::FStringMiddle(text) => {
                        self.advance();
                        push_literal(&mut spec, &text);
                    }
                    Tok::Op("{") => spec.push(self.parse_fstring_field()?),
                    _ => break,
                }
            }
            format_spec = Some(spec);
        }
        if !self.is_op("}") {
            let token = self.token().clone();
            if matches!(token.tok, Tok::FStringEnd) && format_spec.is_some() {
                return Err(syntax_error(
                    "f-string: expecting '}', or format specs",
                    token.start,
                    token.end,
                ));
            }
            if matches!(token.tok, Tok::FStringEnd) {
                return Err(Box::new(PErr {
                    kind: SyntaxErrorKind::SyntaxError,
                    message: "f-string: expecting '}'".into(),
                    line: token.start.line,
                    offset: token.start.col + 1,
                    end_offset: token.start.col + 1,
                    end_line: None,
                }));
            }
            if conversion.is_some() {
                return Err(syntax_error(
                    "f-string: expecting ':' or '}'",
                    token.start,
                    token.end,
                ));
            }
            if self_documenting.is_some() {
                return Err(syntax_error(
                    "f-string: expecting '!', or ':', or '}'",
                    token.start,
                    token.end,
                ));
            }
            let error = self.unexpected_after(value_index, &value);
            if error.message == "invalid syntax" {
                return Err(syntax_error(
                    "f-string: expecting '=', or '!', or ':', or '}'",
                    token.start,
                    token.end,
                ));
            }
            return Err(error);
        }
        self.advance();
        if self_documenting.is_some() && conversion.is_none() && format_spec.is_none() {
            conversion = Some('r');
        }
        Ok(FStringPart::Field {
            value: Box::new(value),
            conversion,
            format_spec,
            self_documenting,
        })
    }
}

/// Appends literal text, merging it into a literal just before it.
fn push_literal(parts: &mut Vec<FStringPart>, text: &str) {
    if let Some(FStringPart::Literal(last)) = parts.last_mut() {
        last.push_str(text);
    } else {
        parts.push(FStringPart::Literal(text.to_string()));
    }
}
