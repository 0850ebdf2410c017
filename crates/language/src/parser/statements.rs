//! Statements: the file, blocks, simple statements (`pass`, `return`, `raise`, `global`,
//! `del`, `assert`, imports, `type` aliases), expression statements and every kind of
//! assignment, and the soft-keyword `match` statement (skipped, reported as unsupported).
//!
//! It must never loop without consuming a token: every loop here advances or returns,
//! and stops at the `EndMarker`. Compound statements are in `compound`.

use crate::ast::*;
use crate::lexer::{Pos, Tok};

use super::diagnostics::{
    expr_name, invalid_target, is_bitwise_or_level, leftmost_atom, syntax_error, PResult,
    TargetsKind,
};
use super::{is_keyword, loc, Parser};

impl Parser {
    pub(super) fn parse_file(&mut self) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        loop {
            match self.peek() {
                Tok::EndMarker => return Ok(body),
                Tok::Newline => {
                    self.advance();
                }
                _ => self.parse_statement(&mut body)?,
            }
        }
    }

    fn parse_statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let keyword = match self.peek() {
            Tok::Name(name) => name.clone(),
            Tok::Op("@") => "@".to_string(),
            _ => String::new(),
        };
        match keyword.as_str() {
            "if" => out.push(self.parse_if()?),
            "while" => out.push(self.parse_while()?),
            "for" => out.push(self.parse_for(false)?),
            "try" => out.push(self.parse_try()?),
            "with" => out.push(self.parse_with(false)?),
            "def" => out.push(self.parse_def(Vec::new(), false)?),
            "class" => out.push(self.parse_class(Vec::new())?),
            "@" => out.push(self.parse_decorated()?),
            "async" => out.push(self.parse_async()?),
            "match" if self.looks_like_match() => out.push(self.skip_match()?),
            _ => self.parse_simple_statements(out)?,
        }
        Ok(())
    }

    fn parse_async(&mut self) -> PResult<Stmt> {
        let line = self.start().line;
        match self.peek_ahead(1) {
            Tok::Name(n) if n == "def" => {
                self.advance();
                self.parse_def(Vec::new(), true)
            }
            Tok::Name(n) if n == "for" => {
                let first = self.pos;
                self.advance();
                let stmt = self.parse_for(true)?;
                self.check_async_statement("'async for' outside async function", first, line);
                Ok(stmt)
            }
            Tok::Name(n) if n == "with" => {
                let first = self.pos;
                self.advance();
                let stmt = self.parse_with(true)?;
                self.check_async_statement("'async with' outside async function", first, line);
                Ok(stmt)
            }
            _ => {
                self.advance();
                Err(self.invalid_here())
            }
        }
    }

    /// `async for` / `async with` outside an `async def`: an error of CPython's compiler
    /// (reported after every parser error), its carets under the statement's first line.
    fn check_async_statement(&mut self, message: &str, first: usize, line: u32) {
        if self.context.in_async {
            return;
        }
        let start = self.tokens[first].start;
        let end = self.tokens[first..]
            .iter()
            .take_while(|t| t.start.line == line)
            .filter(|t| !matches!(t.tok, Tok::Newline | Tok::Indent | Tok::Dedent))
            .map(|t| t.end)
            .last()
            .unwrap_or(start);
        self.note_compile_error(syntax_error(message, start, end));
    }

    /// `match` is a soft keyword: a statement only when a subject and `:` follow.
    fn looks_like_match(&mut self) -> bool {
        if !matches!(
            self.peek_ahead(1),
            Tok::Name(_)
                | Tok::Int(_)
                | Tok::Float(_)
                | Tok::Str(_)
                | Tok::FStringStart
                | Tok::Op("(" | "[" | "{" | "-" | "*" | "~")
        ) {
            return false;
        }
        let snapshot = self.snapshot();
        self.advance();
        let subject = self.parse_star_named_expressions_list();
        let is_match =
            subject.is_ok() && self.is_op(":") && matches!(self.peek_ahead(1), Tok::Newline);
        self.restore(snapshot);
        is_match
    }

    /// Reports `match` as unsupported and skips its block (its cases are not parsed).
    fn skip_match(&mut self) -> PResult<Stmt> {
        let start = self.start();
        self.note_unsupported("the 'match' statement", start.line);
        self.advance();
        self.parse_star_named_expressions_list()?;
        self.expect_op(":")?;
        self.advance(); // NEWLINE
        if !matches!(self.peek(), Tok::Indent) {
            return Err(self.indented_block_error("'match' statement", start.line));
        }
        let mut depth = 0usize;
        loop {
            match self.peek() {
                Tok::Indent => depth += 1,
                Tok::Dedent => {
                    depth -= 1;
                    if depth == 0 {
                        self.advance();
                        break;
                    }
                }
                Tok::EndMarker | Tok::Error => return Err(self.invalid_here()),
                _ => {}
            }
            self.advance();
        }
        Ok(Stmt {
            kind: StmtKind::Pass,
            loc: loc(start),
        })
    }

    fn parse_star_named_expressions_list(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.parse_star_named_expression()?;
        if !self.is_op(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if !self.at_expression_start() {
                break;
            }
            items.push(self.parse_star_named_expression()?);
        }
        Ok(self.bare_tuple(items, start))
    }

    /// After `:` — either an indented block or simple statements on the same line.
    pub(super) fn parse_block(&mut self, what: &str, header_line: u32) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        if !matches!(self.peek(), Tok::Newline) {
            self.parse_simple_statements(&mut body)?;
            return Ok(body);
        }
        self.advance();
        if !matches!(self.peek(), Tok::Indent) {
            return Err(self.indented_block_error(what, header_line));
        }
        self.advance();
        loop {
            match self.peek() {
                Tok::Dedent => {
                    self.advance();
                    return Ok(body);
                }
                Tok::EndMarker => return Ok(body),
                _ => self.parse_statement(&mut body)?,
            }
        }
    }

    fn parse_simple_statements(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            if matches!(self.peek(), Tok::Indent) {
                return Err(self.invalid_here());
            }
            let stmt = self.parse_simple_statement()?;
            out.push(stmt);
            if self.eat_op(";") {
                if matches!(self.peek(), Tok::Newline) {
                    self.advance();
                    return Ok(());
                }
                continue;
            }
            if matches!(self.peek(), Tok::Newline) {
                self.advance();
                return Ok(());
            }
            return Err(self.invalid_here());
        }
    }

    fn parse_simple_statement(&mut self) -> PResult<Stmt> {
        let start = self.start();
        let keyword = match self.peek() {
            Tok::Name(name) => name.clone(),
            _ => String::new(),
        };
        let kind = match keyword.as_str() {
            "pass" => {
                self.advance();
                StmtKind::Pass
            }
            "break" => {
                self.advance();
                if !self.context.in_loop {
                    self.note_compile_error(syntax_error(
                        "'break' outside loop",
                        start,
                        self.prev_end(),
                    ));
                }
                StmtKind::Break
            }
            "continue" => {
                self.advance();
                if !self.context.in_loop {
                    self.note_compile_error(syntax_error(
                        "'continue' not properly in loop",
                        start,
                        self.prev_end(),
                    ));
                }
                StmtKind::Continue
            }
            "return" => {
                self.advance();
                let value = if self.at_expression_start() {
                    let value_start = self.pos;
                    let value = self.parse_star_expressions()?;
                    self.check_statement_end(value_start, &value)?;
                    Some(value)
                } else {
                    None
                };
                if !self.context.in_function {
                    self.note_compile_error(syntax_error(
                        "'return' outside function",
                        start,
                        self.prev_end(),
                    ));
                }
                StmtKind::Return(value)
            }
            "raise" => {
                self.advance();
                let mut exc = None;
                let mut cause = None;
                if self.at_expression_start() {
                    let exc_index = self.pos;
                    let value = self.parse_expression()?;
                    if self.eat_kw("from") {
                        let cause_index = self.pos;
                        let value = self.parse_expression()?;
                        self.check_statement_end(cause_index, &value)?;
                        cause = Some(value);
                    } else {
                        self.check_statement_end(exc_index, &value)?;
                    }
                    exc = Some(value);
                }
                StmtKind::Raise { exc, cause }
            }
            "global" | "nonlocal" => {
                self.advance();
                let mut names = vec![self.parse_name()?];
                while self.eat_op(",") {
                    names.push(self.parse_name()?);
                }
                self.stmt_ends
                    .insert((start.line, start.col), self.prev_end());
                if keyword == "global" {
                    StmtKind::Global(names)
                } else {
                    StmtKind::Nonlocal(names)
                }
            }
            "del" => {
                self.advance();
                let targets_start = self.pos;
                let target = self.parse_target_list(true)?;
                self.check_statement_end(targets_start, &target)?;
                if let Some(bad) = invalid_target(&target, TargetsKind::Del) {
                    return Err(self.error_on(format!("cannot delete {}", expr_name(bad)), bad));
                }
                let targets = match target.kind {
                    ExprKind::Tuple(items) if self.is_bare_tuple(&target) => items,
                    _ => vec![target],
                };
                StmtKind::Delete(targets)
            }
            "assert" => {
                self.advance();
                let test_index = self.pos;
                let test = self.parse_expression()?;
                let msg = if self.eat_op(",") {
                    let msg_index = self.pos;
                    let msg = self.parse_expression()?;
                    self.check_statement_end(msg_index, &msg)?;
                    Some(msg)
                } else {
                    self.check_statement_end(test_index, &test)?;
                    None
                };
                StmtKind::Assert { test, msg }
            }
            "import" => {
                self.advance();
                let mut names = vec![self.parse_dotted_alias()?];
                while self.eat_op(",") {
                    names.push(self.parse_dotted_alias()?);
                }
                StmtKind::Import(names)
            }
            "from" => self.parse_from_import()?,
            "type" if self.looks_like_type_alias() => {
                self.note_unsupported("'type' alias statements", start.line);
                self.advance();
                self.parse_name()?;
                if self.is_op("[") {
                    self.skip_type_params()?;
                }
                self.expect_op("=")?;
                self.parse_expression()?;
                StmtKind::Pass
            }
            _ => return self.parse_expression_statement(),
        };
        Ok(Stmt {
            kind,
            loc: loc(start),
        })
    }

    fn looks_like_type_alias(&self) -> bool {
        matches!(self.peek_ahead(1), Tok::Name(n) if !is_keyword(n))
            && matches!(self.peek_ahead(2), Tok::Op("=" | "["))
    }

    /// Skips a PEP 695 type parameter list `[T, U: int]` (reported as unsupported).
    pub(super) fn skip_type_params(&mut self) -> PResult<()> {
        let line = self.start().line;
        self.note_unsupported("type parameter lists", line);
        let mut depth = 0usize;
        loop {
            match self.peek() {
                Tok::Op("[" | "(" | "{") => depth += 1,
                Tok::Op("]" | ")" | "}") => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        self.advance();
                        return Ok(());
                    }
                }
                Tok::EndMarker | Tok::Error | Tok::Newline => return Err(self.invalid_here()),
                _ => {}
            }
            self.advance();
        }
    }

    /// After a statement's last expression: `;` or a newline must follow.
    fn check_statement_end(&mut self, start: usize, e: &Expr) -> PResult<()> {
        if matches!(self.peek(), Tok::Newline) || self.is_op(";") {
            Ok(())
        } else {
            Err(self.unexpected_after(start, e))
        }
    }

    pub(super) fn parse_name(&mut self) -> PResult<String> {
        match self.peek() {
            Tok::Name(name) if !is_keyword(name) => {
                let name = name.clone();
                self.advance();
                Ok(name)
            }
            _ => Err(self.invalid_here()),
        }
    }

    fn parse_dotted_name(&mut self) -> PResult<String> {
        let mut name = self.parse_name()?;
        while self.is_op(".") {
            self.advance();
            name.push('.');
            name.push_str(&self.parse_name()?);
        }
        Ok(name)
    }

    fn parse_dotted_alias(&mut self) -> PResult<Alias> {
        let start = self.start();
        let name = self.parse_dotted_name()?;
        let asname = if self.eat_kw("as") {
            Some(self.parse_name()?)
        } else {
            None
        };
        Ok(Alias {
            name,
            asname,
            loc: loc(start),
        })
    }

    fn parse_from_import(&mut self) -> PResult<StmtKind> {
        self.advance(); // from
                        // Relative imports keep their dots at the front of the module name.
        let mut module = String::new();
        loop {
            if self.eat_op(".") {
                module.push('.');
            } else if self.eat_op("...") {
                module.push_str("...");
            } else {
                break;
            }
        }
        if !self.is_kw("import") || module.is_empty() {
            module.push_str(&self.parse_dotted_name()?);
        }
        if !self.eat_kw("import") {
            return Err(self.invalid_here());
        }
        let mut names = Vec::new();
        if self.is_op("*") {
            let star = self.advance();
            names.push(Alias {
                name: "*".into(),
                asname: None,
                loc: loc(star.start),
            });
            return Ok(StmtKind::ImportFrom { module, names });
        }
        let parenthesized = self.eat_op("(");
        loop {
            let start = self.start();
            let name = self.parse_name()?;
            let asname = if self.eat_kw("as") {
                Some(self.parse_name()?)
            } else {
                None
            };
            names.push(Alias {
                name,
                asname,
                loc: loc(start),
            });
            if !self.eat_op(",") {
                break;
            }
            if parenthesized && self.is_op(")") {
                break;
            }
            if !parenthesized && !matches!(self.peek(), Tok::Name(_)) {
                let token = self.token().clone();
                return Err(syntax_error(
                    "trailing comma not allowed without surrounding parentheses",
                    token.start,
                    token.end,
                ));
            }
        }
        if parenthesized {
            self.expect_op(")")?;
        }
        Ok(StmtKind::ImportFrom { module, names })
    }

    /// Expression statements and every kind of assignment.
    fn parse_expression_statement(&mut self) -> PResult<Stmt> {
        let start = self.start();
        let first_index = self.pos;
        let first = self.parse_statement_value()?;
        if self.is_op("=") {
            return self.parse_assignment(start, first_index, first);
        }
        if self.is_op(":") {
            return self.parse_annotated(start, first);
        }
        if let Some(op) = self.augmented_op() {
            let op_token = self.advance();
            if let Some(bad) = match &first.kind {
                ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => None,
                _ => Some(&first),
            } {
                return Err(self.error_on(
                    format!(
                        "'{}' is an illegal expression for augmented assignment",
                        expr_name(bad)
                    ),
                    bad,
                ));
            }
            let _ = op_token;
            let value_start = self.pos;
            let value = self.parse_statement_value()?;
            self.check_statement_end(value_start, &value)?;
            return Ok(Stmt {
                kind: StmtKind::AugAssign {
                    target: first,
                    op,
                    value,
                },
                loc: loc(start),
            });
        }
        self.check_statement_end(first_index, &first)?;
        if let ExprKind::Starred(_) = first.kind {
            self.note_compile_error(self.error_on("can't use starred expression here", &first));
        }
        Ok(Stmt {
            kind: StmtKind::Expr(first),
            loc: loc(start),
        })
    }

    /// `yield_expr | star_expressions`, recording the value's end for error ranges.
    fn parse_statement_value(&mut self) -> PResult<Expr> {
        let value = if self.is_kw("yield") {
            self.parse_yield()?
        } else {
            self.parse_star_expressions()?
        };
        self.record_end(&value);
        Ok(value)
    }

    fn augmented_op(&self) -> Option<BinOp> {
        let Tok::Op(op) = self.peek() else {
            return None;
        };
        Some(match *op {
            "+=" => BinOp::Add,
            "-=" => BinOp::Sub,
            "*=" => BinOp::Mult,
            "@=" => BinOp::MatMult,
            "/=" => BinOp::Div,
            "//=" => BinOp::FloorDiv,
            "%=" => BinOp::Mod,
            "**=" => BinOp::Pow,
            "<<=" => BinOp::LShift,
            ">>=" => BinOp::RShift,
            "|=" => BinOp::BitOr,
            "^=" => BinOp::BitXor,
            "&=" => BinOp::BitAnd,
            _ => return None,
        })
    }

    fn parse_assignment(&mut self, start: Pos, first_index: usize, first: Expr) -> PResult<Stmt> {
        let mut targets = vec![first];
        let mut bare_yields = vec![false];
        let mut value_index;
        let mut value;
        loop {
            self.advance(); // '='
            value_index = self.pos;
            let is_yield = self.is_kw("yield");
            value = self.parse_statement_value()?;
            if self.is_op("=") {
                targets.push(value);
                bare_yields.push(is_yield);
                continue;
            }
            break;
        }
        // `f() = 1`: CPython's friendlier message, when the statement could have been
        // meant as a comparison.
        let first = &targets[0];
        if targets.len() == 1
            && self.starts_bitwise_or(value_index)
            && is_bitwise_or_level(first, self.is_bare_tuple(first))
        {
            let leftmost = leftmost_atom(first);
            let excluded = matches!(
                leftmost.kind,
                ExprKind::List(_)
                    | ExprKind::Tuple(_)
                    | ExprKind::GeneratorExp { .. }
                    | ExprKind::Constant(Constant::Bool(_) | Constant::None)
            ) || matches!(self.tokens[first_index].tok, Tok::Op("["));
            if !excluded && invalid_target(first, TargetsKind::Star).is_some() {
                return Err(self.error_on(
                    format!(
                        "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                        expr_name(first)
                    ),
                    first,
                ));
            }
        }
        for (target, bare_yield) in targets.iter().zip(&bare_yields) {
            if *bare_yield {
                return Err(self.error_on("assignment to yield expression not possible", target));
            }
            if let Some(bad) = invalid_target(target, TargetsKind::Star) {
                return Err(self.error_on(format!("cannot assign to {}", expr_name(bad)), bad));
            }
        }
        self.check_statement_end(value_index, &value)?;
        for target in &targets {
            self.check_starred_target(target);
        }
        if let ExprKind::Starred(_) = value.kind {
            self.note_compile_error(self.error_on("can't use starred expression here", &value));
        }
        Ok(Stmt {
            kind: StmtKind::Assign { targets, value },
            loc: loc(start),
        })
    }

    /// The compiler's checks of starred assignment targets.
    fn check_starred_target(&mut self, target: &Expr) {
        match &target.kind {
            ExprKind::Starred(_) => {
                self.note_compile_error(self.error_on(
                    "starred assignment target must be in a list or tuple",
                    target,
                ));
            }
            ExprKind::List(items) | ExprKind::Tuple(items) => {
                let starred = items
                    .iter()
                    .filter(|i| matches!(i.kind, ExprKind::Starred(_)))
                    .count();
                if starred > 1 {
                    self.note_compile_error(
                        self.error_on("multiple starred expressions in assignment", target),
                    );
                }
                for item in items {
                    if let ExprKind::Starred(inner) = &item.kind {
                        self.check_starred_target(inner);
                    } else {
                        self.check_starred_target(item);
                    }
                }
            }
            _ => {}
        }
    }

    /// Could the token at `index` start a `bitwise_or` expression?
    fn starts_bitwise_or(&self, index: usize) -> bool {
        match &self.tokens[index.min(self.tokens.len() - 1)].tok {
            Tok::Name(name) => {
                !is_keyword(name) || matches!(name.as_str(), "True" | "False" | "None" | "await")
            }
            Tok::Int(_) | Tok::Float(_) | Tok::Imaginary | Tok::Str(_) | Tok::FStringStart => true,
            Tok::Op(op) => matches!(*op, "(" | "[" | "{" | "-" | "+" | "~" | "..."),
            _ => false,
        }
    }

    fn parse_annotated(&mut self, start: Pos, target: Expr) -> PResult<Stmt> {
        let single = matches!(
            target.kind,
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
        );
        if !single {
            // CPython blames the target only when an annotation follows the colon;
            // otherwise its parser never got past the colon.
            let colon = self.pos;
            if !self.speculate(|p| {
                p.skip();
                p.parse_expression().is_ok()
            }) {
                return Err(self.invalid_at(colon));
            }
            return Err(match &target.kind {
                ExprKind::Tuple(items) if self.is_bare_tuple(&target) => {
                    self.error_on("only single target (not tuple) can be annotated", &items[0])
                }
                ExprKind::Tuple(_) => {
                    self.error_on("only single target (not tuple) can be annotated", &target)
                }
                ExprKind::List(_) => {
                    self.error_on("only single target (not list) can be annotated", &target)
                }
                _ => self.error_on("illegal target for annotation", &target),
            });
        }
        self.skip(); // ':'
        let annotation = self.parse_expression()?;
        let value = if self.eat_op("=") {
            let value_start = self.pos;
            let value = self.parse_statement_value()?;
            self.check_statement_end(value_start, &value)?;
            Some(value)
        } else {
            None
        };
        Ok(Stmt {
            kind: StmtKind::AnnAssign {
                target,
                annotation,
                value,
            },
            loc: loc(start),
        })
    }
}
