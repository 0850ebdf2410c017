//! The parser's cursor over the token stream: peeking, consuming and expecting tokens,
//! backtracking (`speculate`, snapshots), the nesting limit, the end positions recorded
//! for error ranges, and the source text behind the tokens.
//!
//! It decides nothing about the grammar. It must never move past the last token (the
//! `EndMarker` or `Error` that ends every token list) and never index out of bounds.

use crate::ast::*;
use crate::lexer::{Pos, Tok, Token};

use super::diagnostics::{syntax_error, PErr, PResult};
use super::{expr, is_keyword, pos_of, Parser, MAX_DEPTH};

/// Saved parser state for speculative parsing.
pub(super) struct Snapshot {
    pos: usize,
    depth: u32,
    compile_error_set: bool,
    unsupported_set: bool,
}

fn kind_tag(e: &Expr) -> u8 {
    match &e.kind {
        ExprKind::Name(_) => 0,
        ExprKind::Constant(_) => 1,
        ExprKind::FString(_) => 2,
        ExprKind::List(_) => 3,
        ExprKind::Tuple(_) => 4,
        ExprKind::Set(_) => 5,
        ExprKind::Dict(_) => 6,
        ExprKind::Starred(_) => 7,
        ExprKind::BinOp { .. } => 8,
        ExprKind::UnaryOp { .. } => 9,
        ExprKind::BoolOp { .. } => 10,
        ExprKind::Compare { .. } => 11,
        ExprKind::Call { .. } => 12,
        ExprKind::Attribute { .. } => 13,
        ExprKind::Subscript { .. } => 14,
        ExprKind::Slice { .. } => 15,
        ExprKind::IfExp { .. } => 16,
        ExprKind::Lambda { .. } => 17,
        ExprKind::ListComp { .. } => 18,
        ExprKind::SetComp { .. } => 19,
        ExprKind::DictComp { .. } => 20,
        ExprKind::GeneratorExp { .. } => 21,
        ExprKind::Yield(_) => 22,
        ExprKind::YieldFrom(_) => 23,
        ExprKind::NamedExpr { .. } => 24,
        ExprKind::Await(_) => 25,
    }
}

impl Parser {
    pub(super) fn furthest_line(&self) -> u32 {
        self.tokens[self.furthest.get().min(self.tokens.len() - 1)]
            .start
            .line
    }

    pub(super) fn source_line(&self, line: u32) -> String {
        self.lines
            .get((line as usize).wrapping_sub(1))
            .map(|chars| chars.iter().collect())
            .unwrap_or_default()
    }

    /// Source text between two positions (for `f"{x = }"`).
    pub(super) fn source_between(&self, start: Pos, end: Pos) -> String {
        let mut text = String::new();
        let mut line = start.line;
        let mut col = start.col as usize;
        while line < end.line || (line == end.line && col < end.col as usize) {
            let Some(chars) = self.lines.get(line as usize - 1) else {
                break;
            };
            if col < chars.len() {
                text.push(chars[col]);
                col += 1;
            } else {
                text.push('\n');
                line += 1;
                col = 0;
            }
        }
        text
    }

    pub(super) fn token_at(&self, index: usize) -> &Token {
        let index = index.min(self.tokens.len() - 1);
        if index > self.furthest.get() {
            self.furthest.set(index);
        }
        if index > self.furthest_parsed.get() {
            self.furthest_parsed.set(index);
        }
        &self.tokens[index]
    }

    pub(super) fn token(&self) -> &Token {
        self.token_at(self.pos)
    }

    pub(super) fn peek(&self) -> &Tok {
        &self.token().tok
    }

    pub(super) fn peek_ahead(&self, ahead: usize) -> &Tok {
        &self.token_at(self.pos + ahead).tok
    }

    pub(super) fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Tok::Op(o) if *o == op)
    }

    pub(super) fn is_kw(&self, keyword: &str) -> bool {
        matches!(self.peek(), Tok::Name(n) if n == keyword)
    }

    pub(super) fn advance(&mut self) -> Token {
        let token = self.token().clone();
        if self.pos + 1 < self.tokens.len() {
            self.pos += 1;
        }
        token
    }

    /// Moves past the current token (never past the last one).
    pub(super) fn skip(&mut self) {
        if self.pos + 1 < self.tokens.len() {
            self.pos += 1;
        }
    }

    pub(super) fn eat_op(&mut self, op: &str) -> bool {
        if self.is_op(op) {
            self.skip();
            true
        } else {
            false
        }
    }

    pub(super) fn eat_kw(&mut self, keyword: &str) -> bool {
        if self.is_kw(keyword) {
            self.skip();
            true
        } else {
            false
        }
    }

    pub(super) fn start(&self) -> Pos {
        self.token().start
    }

    /// End of the last consumed token.
    pub(super) fn prev_end(&self) -> Pos {
        self.tokens[self.pos.saturating_sub(1)].end
    }

    /// Runs `f` to look for a better error message, restoring the parser afterwards;
    /// tokens it looks at still count as reached (for tokenizer errors), but not for
    /// where a plain "invalid syntax" points.
    pub(super) fn speculate<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        let snapshot = self.snapshot();
        let parsed = self.furthest_parsed.get();
        let result = f(self);
        self.restore(snapshot);
        self.furthest_parsed.set(parsed);
        result
    }

    pub(super) fn snapshot(&self) -> Snapshot {
        Snapshot {
            pos: self.pos,
            depth: self.depth,
            compile_error_set: self.compile_error.is_some(),
            unsupported_set: self.unsupported.is_some(),
        }
    }

    pub(super) fn restore(&mut self, snapshot: Snapshot) {
        // `furthest` stays: CPython raises a tokenizer error as soon as any lookahead,
        // even a failed one, fetches the bad token.
        self.pos = snapshot.pos;
        self.depth = snapshot.depth;
        if !snapshot.compile_error_set {
            self.compile_error = None;
        }
        if !snapshot.unsupported_set {
            self.unsupported = None;
        }
    }

    pub(super) fn expect_op(&mut self, op: &str) -> PResult<Token> {
        if self.is_op(op) {
            Ok(self.advance())
        } else {
            Err(self.invalid_here())
        }
    }

    /// CPython's forced tokens (`&&':'`): "expected ':'" at whatever is there instead.
    pub(super) fn expect_forced(&mut self, op: &str) -> PResult<Token> {
        if self.is_op(op) {
            Ok(self.advance())
        } else {
            let token = self.token().clone();
            Err(syntax_error(
                format!("expected '{op}'"),
                token.start,
                token.end,
            ))
        }
    }

    /// A colon that CPython reports as "expected ':'" only when the line ends instead.
    pub(super) fn expect_colon(&mut self) -> PResult<Token> {
        if self.is_op(":") {
            return Ok(self.advance());
        }
        if matches!(self.peek(), Tok::Newline) {
            let token = self.token().clone();
            return Err(syntax_error("expected ':'", token.start, token.end));
        }
        Err(self.invalid_here())
    }

    pub(super) fn record_end(&mut self, e: &Expr) {
        let end = self.prev_end();
        // The first record is the tightest: a parenthesized expression is recorded
        // again, with its closing parenthesis, by the expression around it.
        self.ends
            .entry((e.loc.line, e.loc.column, kind_tag(e)))
            .or_insert(end);
    }

    pub(super) fn end_of(&self, e: &Expr) -> Pos {
        self.ends
            .get(&(e.loc.line, e.loc.column, kind_tag(e)))
            .copied()
            .unwrap_or(Pos {
                line: e.loc.line,
                col: e.loc.column + 1,
            })
    }

    /// A tuple written without parentheses.
    pub(super) fn bare_tuple(&mut self, items: Vec<Expr>, start: Pos) -> Expr {
        self.bare_tuples.insert((start.line, start.col));
        expr(ExprKind::Tuple(items), start)
    }

    pub(super) fn is_bare_tuple(&self, e: &Expr) -> bool {
        matches!(e.kind, ExprKind::Tuple(_))
            && self.bare_tuples.contains(&(e.loc.line, e.loc.column))
    }

    pub(super) fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.too_deep());
        }
        Ok(())
    }

    #[inline(never)]
    fn too_deep(&self) -> Box<PErr> {
        let token = self.token();
        syntax_error("too many nested parentheses", token.start, token.end)
    }

    pub(super) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Can the current token start an expression?
    pub(super) fn at_expression_start(&self) -> bool {
        match self.peek() {
            Tok::Name(name) => {
                !is_keyword(name)
                    || matches!(
                        name.as_str(),
                        "True" | "False" | "None" | "not" | "lambda" | "await"
                    )
            }
            Tok::Int(_) | Tok::Float(_) | Tok::Imaginary | Tok::Str(_) | Tok::FStringStart => true,
            Tok::Op(op) => matches!(*op, "(" | "[" | "{" | "-" | "+" | "~" | "..." | "*"),
            _ => false,
        }
    }

    /// The index of the token where `e` starts (searching backwards from here).
    pub(super) fn index_of_start(&self, e: &Expr) -> Option<usize> {
        let start = pos_of(e.loc);
        self.tokens[..self.pos]
            .iter()
            .rposition(|t| t.start == start)
    }
}
