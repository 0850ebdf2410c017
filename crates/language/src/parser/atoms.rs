//! Atoms: names, numbers, `True`/`False`/`None`/`...`, parenthesized expressions and
//! tuples, list/set/dict displays, their comprehensions and generator expressions, and
//! `yield`. String literals and f-strings are in `fstrings`.
//!
//! A display's elements are parsed by `expressions`, so nesting here is bounded by the
//! same `MAX_DEPTH`; a malformed display ends in CPython's error for it, never a panic.

use crate::ast::*;
use crate::error::SyntaxErrorKind;
use crate::lexer::{Pos, Tok};

use super::diagnostics::{syntax_error, PErr, PResult};
use super::{expr, is_keyword, pos_of, Parser};

impl Parser {
    pub(super) fn parse_atom(&mut self) -> PResult<Expr> {
        match self.peek() {
            Tok::Op("(") => self.parse_parenthesized(),
            Tok::Op("[") => self.parse_list(),
            Tok::Op("{") => self.parse_braces(),
            Tok::Str(_) | Tok::FStringStart => self.parse_strings(),
            _ => self.parse_simple_atom(),
        }
    }

    /// Names, numbers, `True`/`False`/`None` and `...`.
    #[inline(never)]
    fn parse_simple_atom(&mut self) -> PResult<Expr> {
        let start = self.start();
        let kind = match self.peek() {
            Tok::Name(name) => match name.as_str() {
                "True" => ExprKind::Constant(Constant::Bool(true)),
                "False" => ExprKind::Constant(Constant::Bool(false)),
                "None" => ExprKind::Constant(Constant::None),
                _ if is_keyword(name) => return Err(self.invalid_here()),
                _ => ExprKind::Name(name.clone()),
            },
            Tok::Int(value) => ExprKind::Constant(Constant::Int(value.clone())),
            Tok::Float(value) => ExprKind::Constant(Constant::Float(*value)),
            Tok::Imaginary => {
                self.note_unsupported("complex numbers", start.line);
                ExprKind::Constant(Constant::Float(0.0))
            }
            Tok::Op("...") => ExprKind::Constant(Constant::Ellipsis),
            _ => return Err(self.invalid_here()),
        };
        self.skip();
        Ok(expr(kind, start))
    }

    fn parse_parenthesized(&mut self) -> PResult<Expr> {
        let open = self.advance();
        let start = open.start;
        if self.eat_op(")") {
            return Ok(expr(ExprKind::Tuple(Vec::new()), start));
        }
        if self.is_kw("yield") {
            let value = self.parse_yield()?;
            self.record_end(&value);
            self.expect_op(")")?;
            return Ok(value);
        }
        let first_index = self.pos;
        let first = self.parse_star_named_expression()?;
        if self.is_kw("for") || self.is_kw("async") {
            self.check_comprehension_element(&first)?;
            let generators = self.parse_comprehension_clauses()?;
            self.expect_op(")")?;
            return Ok(expr(
                ExprKind::GeneratorExp {
                    elt: Box::new(first),
                    generators,
                },
                start,
            ));
        }
        if self.is_op(")") {
            self.advance();
            if let ExprKind::Starred(_) = first.kind {
                return Err(self.error_on("cannot use starred expression here", &first));
            }
            return Ok(first);
        }
        if !self.is_op(",") {
            return Err(self.unexpected_after(first_index, &first));
        }
        let items = self.parse_display_rest(first, ")")?;
        let tuple = expr(ExprKind::Tuple(items), start);
        self.record_end(&tuple);
        Ok(tuple)
    }

    /// The rest of a list/tuple/set display after its first element, through `closer`.
    fn parse_display_rest(&mut self, first: Expr, closer: &str) -> PResult<Vec<Expr>> {
        let mut items = vec![first];
        loop {
            if self.eat_op(closer) {
                return Ok(items);
            }
            if !self.eat_op(",") {
                let last = items
                    .pop()
                    .unwrap_or_else(|| expr(ExprKind::Tuple(vec![]), self.start()));
                let index = self.index_of_start(&last).unwrap_or(self.pos);
                return Err(self.unexpected_after(index, &last));
            }
            if self.eat_op(closer) {
                return Ok(items);
            }
            items.push(self.parse_star_named_expression()?);
        }
    }

    fn check_comprehension_element(&self, e: &Expr) -> PResult<()> {
        if let ExprKind::Starred(_) = e.kind {
            return Err(self.error_on("iterable unpacking cannot be used in comprehension", e));
        }
        Ok(())
    }

    fn parse_list(&mut self) -> PResult<Expr> {
        let open = self.advance();
        let start = open.start;
        if self.eat_op("]") {
            return Ok(expr(ExprKind::List(Vec::new()), start));
        }
        let first_index = self.pos;
        let first = self.parse_star_named_expression()?;
        if self.is_kw("for") || self.is_kw("async") {
            self.check_comprehension_element(&first)?;
            let generators = self.parse_comprehension_clauses()?;
            self.expect_op("]")?;
            self.check_async_comprehension(&generators, start);
            return Ok(expr(
                ExprKind::ListComp {
                    elt: Box::new(first),
                    generators,
                },
                start,
            ));
        }
        if !self.is_op(",") && !self.is_op("]") {
            return Err(self.unexpected_after(first_index, &first));
        }
        let items = self.parse_display_rest(first, "]")?;
        let list = expr(ExprKind::List(items), start);
        self.record_end(&list);
        Ok(list)
    }

    /// `{...}`: a dict, a set, or one of their comprehensions.
    fn parse_braces(&mut self) -> PResult<Expr> {
        let open = self.advance();
        let start = open.start;
        if self.eat_op("}") {
            return Ok(expr(ExprKind::Dict(Vec::new()), start));
        }
        let first_index = self.pos;
        if self.is_op("**") {
            let stars = self.advance();
            let value = self.parse_bitwise_or()?;
            if self.is_kw("for") || self.is_kw("async") {
                return Err(syntax_error(
                    "dict unpacking cannot be used in dict comprehension",
                    stars.start,
                    stars.end,
                ));
            }
            return self.parse_dict_rest(start, vec![(None, value)]);
        }
        let first = self.parse_star_named_expression()?;
        if self.is_op(":") {
            let colon = self.advance();
            if self.is_op("}") || self.is_op(",") {
                return Err(syntax_error(
                    "expression expected after dictionary key and ':'",
                    colon.start,
                    colon.end,
                ));
            }
            let value = self.parse_expression()?;
            if self.is_kw("for") || self.is_kw("async") {
                let generators = self.parse_comprehension_clauses()?;
                self.expect_op("}")?;
                self.check_async_comprehension(&generators, start);
                return Ok(expr(
                    ExprKind::DictComp {
                        key: Box::new(first),
                        value: Box::new(value),
                        generators,
                    },
                    start,
                ));
            }
            return self.parse_dict_rest(start, vec![(Some(first), value)]);
        }
        if self.is_kw("for") || self.is_kw("async") {
            self.check_comprehension_element(&first)?;
            let generators = self.parse_comprehension_clauses()?;
            self.expect_op("}")?;
            self.check_async_comprehension(&generators, start);
            return Ok(expr(
                ExprKind::SetComp {
                    elt: Box::new(first),
                    generators,
                },
                start,
            ));
        }
        if !self.is_op(",") && !self.is_op("}") {
            return Err(self.unexpected_after(first_index, &first));
        }
        let items = self.parse_display_rest(first, "}")?;
        let set = expr(ExprKind::Set(items), start);
        self.record_end(&set);
        Ok(set)
    }

    fn parse_dict_rest(
        &mut self,
        start: Pos,
        mut entries: Vec<(Option<Expr>, Expr)>,
    ) -> PResult<Expr> {
        loop {
            if self.eat_op("}") {
                break;
            }
            if !self.eat_op(",") {
                let index = entries
                    .last()
                    .and_then(|(_, v)| self.index_of_start(v))
                    .unwrap_or(self.pos);
                let last = entries
                    .pop()
                    .map(|(_, v)| v)
                    .unwrap_or_else(|| expr(ExprKind::Tuple(vec![]), start));
                return Err(self.unexpected_after(index, &last));
            }
            if self.eat_op("}") {
                break;
            }
            if self.eat_op("**") {
                let value = self.parse_bitwise_or()?;
                entries.push((None, value));
                continue;
            }
            let key = self.parse_expression()?;
            if !self.is_op(":") {
                if self.is_op("}") || self.is_op(",") {
                    let key_start = pos_of(key.loc);
                    return Err(Box::new(PErr {
                        kind: SyntaxErrorKind::SyntaxError,
                        message: "':' expected after dictionary key".into(),
                        line: key_start.line,
                        offset: key_start.col + 1,
                        end_offset: key_start.col + 2,
                        end_line: None,
                    }));
                }
                return Err(self.invalid_here());
            }
            let colon = self.advance();
            if self.is_op("}") || self.is_op(",") {
                return Err(syntax_error(
                    "expression expected after dictionary key and ':'",
                    colon.start,
                    colon.end,
                ));
            }
            let value = self.parse_expression()?;
            entries.push((Some(key), value));
        }
        let dict = expr(ExprKind::Dict(entries), start);
        self.record_end(&dict);
        Ok(dict)
    }

    /// `for target in iter [if cond]...`, one or more times.
    pub(super) fn parse_comprehension_clauses(&mut self) -> PResult<Vec<Comprehension>> {
        let mut generators = Vec::new();
        loop {
            let is_async =
                self.is_kw("async") && matches!(self.peek_ahead(1), Tok::Name(n) if n == "for");
            if is_async {
                self.advance();
            } else if !self.is_kw("for") {
                break;
            }
            self.advance(); // 'for'
            let target_index = self.pos;
            let target = self.parse_for_target()?;
            if !self.eat_kw("in") {
                return Err(self.unexpected_after(target_index, &target));
            }
            let iter = self.parse_disjunction()?;
            let mut ifs = Vec::new();
            while self.eat_kw("if") {
                ifs.push(self.parse_disjunction()?);
            }
            generators.push(Comprehension {
                target,
                iter,
                ifs,
                is_async,
            });
        }
        Ok(generators)
    }

    /// A list, set or dict comprehension with an `async for` outside an `async def`
    /// (generator expressions may be asynchronous anywhere): a compile-stage error.
    fn check_async_comprehension(&mut self, generators: &[Comprehension], start: Pos) {
        if !self.context.in_async && generators.iter().any(|g| g.is_async) {
            self.note_compile_error(syntax_error(
                "asynchronous comprehension outside of an asynchronous function",
                start,
                self.prev_end(),
            ));
        }
    }

    pub(super) fn parse_yield(&mut self) -> PResult<Expr> {
        let keyword = self.advance();
        let e = if self.eat_kw("from") {
            let value = self.parse_expression()?;
            expr(ExprKind::YieldFrom(Box::new(value)), keyword.start)
        } else if self.at_expression_start() {
            let value = self.parse_star_expressions()?;
            expr(ExprKind::Yield(Some(Box::new(value))), keyword.start)
        } else {
            expr(ExprKind::Yield(None), keyword.start)
        };
        self.stmt_ends
            .insert((keyword.start.line, keyword.start.col), self.prev_end());
        if !self.context.in_function {
            self.note_compile_error(syntax_error(
                "'yield' outside function",
                keyword.start,
                self.prev_end(),
            ));
        }
        Ok(e)
    }
}
