//! The parser's diagnostics: `SyntaxError`s positioned and worded like CPython 3.12's.
//!
//! The error on its way out (`PErr`, 1-based offsets like CPython's), the `CompileError`
//! built from it, CPython's names for expressions and invalid targets, and the
//! second-pass hints CPython gives where parsing fails ("Perhaps you forgot a comma?",
//! "Maybe you meant '==' ...", "Missing parentheses in call to 'print'", indentation).
//!
//! It changes no parser state but the errors it records (`note_compile_error`,
//! `note_unsupported`); its speculative looks ahead are restored. It must never panic: a
//! position it cannot find falls back to the token where parsing stopped.

use crate::ast::*;
use crate::error::*;
use crate::lexer::{LexError, Pos, Tok};

use super::{pos_of, Parser};

/// A syntax error on its way out, positioned like CPython's (1-based offsets).
#[derive(Debug)]
pub(super) struct PErr {
    pub(super) kind: SyntaxErrorKind,
    pub(super) message: String,
    pub(super) line: u32,
    pub(super) offset: u32,
    pub(super) end_offset: u32,
    /// The line `end_offset` is on, when not `line`.
    pub(super) end_line: Option<u32>,
}

impl PErr {
    /// CPython reports these without scanning the rest of the file for tokenizer
    /// errors, so a later tokenizer error does not replace them.
    pub(super) fn is_final(&self) -> bool {
        self.message == "unexpected indent" || self.message == "unexpected unindent"
    }
}

impl From<LexError> for PErr {
    fn from(error: LexError) -> Self {
        PErr {
            kind: error.kind,
            message: error.message,
            line: error.line,
            offset: error.offset,
            end_offset: error.end_offset,
            end_line: None,
        }
    }
}

pub(super) type PResult<T> = Result<T, Box<PErr>>;

pub(super) fn syntax_error(message: impl Into<String>, start: Pos, end: Pos) -> Box<PErr> {
    Box::new(PErr {
        kind: SyntaxErrorKind::SyntaxError,
        message: message.into(),
        line: start.line,
        offset: start.col + 1,
        end_offset: end.col + 1,
        end_line: (end.line != start.line).then_some(end.line),
    })
}

/// CPython's `_PyPegen_get_expr_name`: how error messages call an expression.
pub(super) fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred(_) => "starred",
        ExprKind::Name(_) => "name",
        ExprKind::List(_) => "list",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::Await(_) => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::FString(_) => "f-string expression",
        ExprKind::Constant(Constant::None) => "None",
        ExprKind::Constant(Constant::Bool(true)) => "True",
        ExprKind::Constant(Constant::Bool(false)) => "False",
        ExprKind::Constant(Constant::Ellipsis) => "ellipsis",
        ExprKind::Constant(_) => "literal",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum TargetsKind {
    Star,
    For,
    Del,
}

/// CPython's `_PyPegen_get_invalid_target`: the part of a would-be target that cannot be
/// assigned to (or deleted), if any.
pub(super) fn invalid_target(e: &Expr, kind: TargetsKind) -> Option<&Expr> {
    match &e.kind {
        ExprKind::List(items) | ExprKind::Tuple(items) => {
            items.iter().find_map(|item| invalid_target(item, kind))
        }
        ExprKind::Starred(inner) => {
            if kind == TargetsKind::Del {
                Some(e)
            } else {
                invalid_target(inner, kind)
            }
        }
        ExprKind::Compare { left, ops, .. } => {
            // `for a in b` parses `a in b` as a comparison first.
            if kind == TargetsKind::For {
                if ops.first() == Some(&CmpOp::In) {
                    invalid_target(left, kind)
                } else {
                    None
                }
            } else {
                Some(e)
            }
        }
        ExprKind::Name(_) | ExprKind::Subscript { .. } | ExprKind::Attribute { .. } => None,
        _ => Some(e),
    }
}

/// Is `e` something CPython's `bitwise_or` rule produces (an atom, a primary, or an
/// arithmetic or bitwise expression), rather than a comparison, `not`, `and`/`or`,
/// a conditional expression, a lambda or a starred expression?
pub(super) fn is_bitwise_or_level(e: &Expr, bare_tuple: bool) -> bool {
    !matches!(
        e.kind,
        ExprKind::Compare { .. }
            | ExprKind::BoolOp { .. }
            | ExprKind::UnaryOp {
                op: UnaryOp::Not,
                ..
            }
            | ExprKind::IfExp { .. }
            | ExprKind::Lambda { .. }
            | ExprKind::Starred(_)
            | ExprKind::Tuple(_)
    ) || matches!(e.kind, ExprKind::Tuple(_) if !bare_tuple)
}

/// The atom an expression starts with (`[a][0]()` starts with the list `[a]`).
pub(super) fn leftmost_atom(e: &Expr) -> &Expr {
    let mut e = e;
    loop {
        e = match &e.kind {
            ExprKind::BinOp { left, .. } => left,
            ExprKind::Compare { left, .. } => left,
            ExprKind::Call { func, .. } => func,
            ExprKind::Attribute { value, .. } => value,
            ExprKind::Subscript { value, .. } => value,
            _ => return e,
        };
    }
}

impl Parser {
    /// The `CompileError` a parse error becomes: CPython's `SyntaxError`, with its line.
    pub(super) fn report(&self, error: PErr, filename: &str) -> CompileError {
        let mut end_offset = error.end_offset;
        if error.end_line.is_some() {
            // CPython measures an end on a later line against the first line's length.
            let first_line = self.lines.get(error.line as usize - 1).map_or(0, Vec::len);
            end_offset = end_offset.min(first_line as u32 + 1);
        }
        CompileError::Syntax(SyntaxError {
            kind: error.kind,
            message: error.message,
            filename: filename.to_string(),
            line: error.line,
            offset: error.offset,
            end_offset,
            source_line: self.source_line(error.line),
        })
    }

    /// CPython's generic "invalid syntax" at a token.
    pub(super) fn invalid_at(&self, index: usize) -> Box<PErr> {
        let token = self.token_at(index).clone();
        match token.tok {
            Tok::Indent => Box::new(PErr {
                kind: SyntaxErrorKind::IndentationError,
                message: "unexpected indent".into(),
                line: token.end.line,
                offset: token.end.col,
                end_offset: token.end.col + 1,
                end_line: None,
            }),
            Tok::Dedent => Box::new(PErr {
                kind: SyntaxErrorKind::IndentationError,
                message: "unexpected unindent".into(),
                line: token.start.line,
                offset: token.start.col,
                end_offset: token.start.col + 1,
                end_line: None,
            }),
            _ => syntax_error("invalid syntax", token.start, token.end),
        }
    }

    /// "invalid syntax" where parsing failed. Like CPython, this is the furthest token
    /// the parser has looked at, which a failed lookahead may have put past this one.
    pub(super) fn invalid_here(&self) -> Box<PErr> {
        self.invalid_at(self.pos.max(self.furthest_parsed.get()))
    }

    pub(super) fn note_compile_error(&mut self, error: Box<PErr>) {
        if self.compile_error.is_none() {
            self.compile_error = Some(error);
        }
    }

    pub(super) fn note_unsupported(&mut self, construct: &str, line: u32) {
        if self.unsupported.is_none() {
            self.unsupported = Some((construct.to_string(), line));
        }
    }

    pub(super) fn error_on(&self, message: impl Into<String>, e: &Expr) -> Box<PErr> {
        syntax_error(message, pos_of(e.loc), self.end_of(e))
    }

    /// The best error for an unexpected token right after the expression `e`, which
    /// started at token `start`: CPython's "Missing parentheses in call to 'print'",
    /// "Perhaps you forgot a comma?", or plain "invalid syntax".
    pub(super) fn unexpected_after(&mut self, start: usize, e: &Expr) -> Box<PErr> {
        let bad = self.pos.max(self.furthest_parsed.get());
        if self.is_op(":=")
            && !matches!(e.kind, ExprKind::Name(_))
            && self.expression_follows_walrus()
        {
            self.record_end(e);
            return self.error_on(
                format!("cannot use assignment expressions with {}", expr_name(e)),
                e,
            );
        }
        // Inside brackets the element was a named expression (statements have no
        // such hint; `if` conditions check themselves).
        if self.is_op("=") && self.token().level > 0 && !matches!(e.kind, ExprKind::Starred(_)) {
            if let Some(error) = self.equals_hint(start, e) {
                return error;
            }
        }
        if let ExprKind::Name(name) = &e.kind {
            if (name == "print" || name == "exec") && !self.is_op("(") && self.at_expression_start()
            {
                let (parsed, end) =
                    self.speculate(|p| (p.parse_star_expressions().is_ok(), p.prev_end()));
                if parsed {
                    return syntax_error(
                        format!(
                            "Missing parentheses in call to '{name}'. Did you mean {name}(...)?"
                        ),
                        pos_of(e.loc),
                        end,
                    );
                }
            }
        }
        // "a=disjunction b=expression" inside brackets: a missing comma.
        let a_start = match &e.kind {
            ExprKind::IfExp { .. } | ExprKind::Lambda { .. } | ExprKind::NamedExpr { .. } => None,
            ExprKind::Starred(inner) => Some(pos_of(inner.loc)),
            _ => Some(self.tokens[start.min(self.tokens.len() - 1)].start),
        };
        if let Some(a_start) = a_start {
            let a_index = self.tokens[..bad]
                .iter()
                .rposition(|t| t.start == a_start)
                .unwrap_or(start);
            let a_token = &self.tokens[a_index].tok;
            let soft_keyword = matches!(a_token, Tok::Name(n) if matches!(n.as_str(), "_" | "match" | "case" | "type"));
            let name_string = matches!(a_token, Tok::Name(_))
                && matches!(
                    self.tokens.get(a_index + 1).map(|t| &t.tok),
                    Some(Tok::Str(_) | Tok::FStringStart)
                );
            if !soft_keyword && !name_string && self.at_expression_start() && !self.is_op("*") {
                let (parsed, end, level) = self.speculate(|p| {
                    let parsed = p.parse_expression();
                    let level = p.tokens[p.pos.saturating_sub(1)].level;
                    (parsed, p.prev_end(), level)
                });
                // CPython's second pass reports a specific error met inside `b`.
                let parsed = match parsed {
                    Ok(_) => true,
                    Err(error) if error.message != "invalid syntax" => return error,
                    Err(_) => false,
                };
                if parsed && level > 0 {
                    return syntax_error(
                        "invalid syntax. Perhaps you forgot a comma?",
                        a_start,
                        end,
                    );
                }
            }
        }
        self.invalid_at(bad)
    }

    pub(super) fn indented_block_error(&self, what: &str, header_line: u32) -> Box<PErr> {
        let token = self.token().clone();
        let at_eof = self.tokens[self.pos..]
            .iter()
            .all(|t| matches!(t.tok, Tok::Dedent | Tok::EndMarker));
        let (line, offset, end_offset) = match token.tok {
            // At the end of the file CPython points just past the last line.
            Tok::EndMarker | Tok::Dedent if at_eof => {
                (token.start.line, token.start.col + 1, token.start.col + 2)
            }
            Tok::Dedent => (token.start.line, 0, 1),
            _ => (token.start.line, token.start.col + 1, token.end.col + 1),
        };
        Box::new(PErr {
            kind: SyntaxErrorKind::IndentationError,
            message: format!("expected an indented block after {what} on line {header_line}"),
            line,
            offset,
            end_offset,
            end_line: None,
        })
    }

    /// CPython's hints for `=` written where a named expression was expected (an `if`
    /// condition, a parenthesized or displayed element): `x = 1` may have meant `x == 1`.
    pub(super) fn equals_hint(&mut self, start_index: usize, test: &Expr) -> Option<Box<PErr>> {
        let (hint, end) = self.speculate(|p| {
            p.skip(); // '='
            let value = p.parse_bitwise_or();
            let hint = value.is_ok() && !p.is_op("=") && !p.is_op(":=");
            (hint, p.prev_end())
        });
        if !hint {
            return None;
        }
        if matches!(test.kind, ExprKind::Name(_))
            && matches!(self.tokens[start_index].tok, Tok::Name(_))
        {
            return Some(syntax_error(
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                pos_of(test.loc),
                end,
            ));
        }
        if is_bitwise_or_level(test, false) {
            let leftmost = leftmost_atom(test);
            let excluded = matches!(
                leftmost.kind,
                ExprKind::List(_)
                    | ExprKind::Tuple(_)
                    | ExprKind::GeneratorExp { .. }
                    | ExprKind::Constant(Constant::Bool(_) | Constant::None)
            );
            if !excluded {
                return Some(self.error_on(
                    format!(
                        "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                        expr_name(test)
                    ),
                    test,
                ));
            }
        }
        None
    }
}
