//! Expressions from `star_expressions` down to primaries: walrus, conditional
//! expressions, lambdas, `or`/`and`/`not`, comparisons, binary operators by precedence
//! climbing, unary operators, `**`, `await`, and the trailers after an atom (attributes,
//! calls with their arguments, subscripts and slices).
//!
//! These functions are on the recursion path of every nested bracket: each level must
//! stay small on the stack (work for operators that are present goes into
//! `#[inline(never)]` functions) and count towards `MAX_DEPTH`.

use crate::ast::*;
use crate::lexer::{Pos, Tok};

use super::diagnostics::{expr_name, syntax_error, PErr, PResult};
use super::{expr, is_keyword, loc, Context, Parser};

/// The arguments of a call, while they are parsed.
#[derive(Default)]
struct CallArguments {
    args: Vec<Expr>,
    keywords: Vec<Keyword>,
    seen_keyword: bool,
    seen_unpack: bool,
    /// Which list got the last argument (for error messages).
    last_is_keyword: bool,
    order_error: Option<&'static str>,
}

impl Parser {
    /// `star_expressions`: a tuple when there is a comma.
    pub(super) fn parse_star_expressions(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.parse_star_expression()?;
        if !self.is_op(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if !self.at_expression_start() {
                break;
            }
            items.push(self.parse_star_expression()?);
        }
        let tuple = self.bare_tuple(items, start);
        self.record_end(&tuple);
        Ok(tuple)
    }

    fn parse_star_expression(&mut self) -> PResult<Expr> {
        if self.is_op("*") {
            let star = self.advance();
            let inner = self.parse_bitwise_or()?;
            self.record_end(&inner);
            let starred = expr(ExprKind::Starred(Box::new(inner)), star.start);
            self.record_end(&starred);
            return Ok(starred);
        }
        let e = self.parse_expression()?;
        self.record_end(&e);
        Ok(e)
    }

    // The functions from here to `parse_atom` are on the recursion path of every nested
    // bracket, so they are kept thin: the work for operators that are present goes into
    // separate, never-inlined functions, which keeps each nesting level's stack small.

    pub(super) fn parse_star_named_expression(&mut self) -> PResult<Expr> {
        let e = if self.is_op("*") {
            self.parse_star_expression()?
        } else {
            self.parse_named_expression()?
        };
        self.record_end(&e);
        Ok(e)
    }

    /// `NAME := expression` or an expression.
    pub(super) fn parse_named_expression(&mut self) -> PResult<Expr> {
        if matches!(self.peek(), Tok::Name(name) if !is_keyword(name))
            && matches!(self.peek_ahead(1), Tok::Op(":="))
        {
            return self.parse_walrus();
        }
        let e = self.parse_expression()?;
        if self.is_op(":=") && self.expression_follows_walrus() {
            return Err(self.walrus_error(&e));
        }
        Ok(e)
    }

    /// CPython blames the target of `:=` only when an expression follows it.
    #[inline(never)]
    pub(super) fn expression_follows_walrus(&mut self) -> bool {
        self.speculate(|p| {
            p.skip();
            p.parse_expression().is_ok()
        })
    }

    #[inline(never)]
    fn parse_walrus(&mut self) -> PResult<Expr> {
        let target = match self.peek() {
            Tok::Name(name) if !is_keyword(name) => name.clone(),
            _ => {
                let e = self.parse_expression()?;
                return Err(self.walrus_error(&e));
            }
        };
        let start = self.start();
        self.skip();
        self.skip();
        let value = self.parse_expression()?;
        let named = expr(
            ExprKind::NamedExpr {
                target,
                value: Box::new(value),
            },
            start,
        );
        self.record_end(&named);
        Ok(named)
    }

    #[inline(never)]
    fn walrus_error(&mut self, e: &Expr) -> Box<PErr> {
        self.record_end(e);
        self.error_on(
            format!("cannot use assignment expressions with {}", expr_name(e)),
            e,
        )
    }

    /// `expression`: a conditional expression, a lambda, or a disjunction.
    pub(super) fn parse_expression(&mut self) -> PResult<Expr> {
        self.enter()?;
        let result = if self.is_kw("lambda") {
            self.parse_lambda()
        } else {
            self.parse_ternary()
        };
        self.leave();
        result
    }

    fn parse_ternary(&mut self) -> PResult<Expr> {
        let start = self.start();
        let body = self.parse_disjunction()?;
        if self.is_kw("if") {
            self.parse_ternary_rest(start, body)
        } else {
            Ok(body)
        }
    }

    #[inline(never)]
    fn parse_ternary_rest(&mut self, start: Pos, body: Expr) -> PResult<Expr> {
        self.skip(); // 'if'
        let test = self.parse_disjunction()?;
        if !self.eat_kw("else") {
            if !self.is_op(":") {
                return Err(syntax_error(
                    "expected 'else' after 'if' expression",
                    start,
                    self.prev_end(),
                ));
            }
            return Err(self.invalid_here());
        }
        let orelse = self.parse_expression()?;
        let e = expr(
            ExprKind::IfExp {
                test: Box::new(test),
                body: Box::new(body),
                orelse: Box::new(orelse),
            },
            start,
        );
        self.record_end(&e);
        Ok(e)
    }

    #[inline(never)]
    fn parse_lambda(&mut self) -> PResult<Expr> {
        let keyword = self.advance();
        let params = self.parse_parameters(false)?;
        let colon = self.expect_op(":")?;
        if matches!(self.peek(), Tok::FStringMiddle(_)) {
            return Err(syntax_error(
                "f-string: lambda expressions are not allowed without parentheses",
                keyword.start,
                colon.end,
            ));
        }
        let saved = self.context;
        self.context = Context {
            in_function: true,
            in_loop: false,
            in_async: false,
        };
        let body = self.parse_expression();
        self.context = saved;
        let body = body?;
        Ok(expr(
            ExprKind::Lambda {
                params: Box::new(params),
                body: Box::new(body),
            },
            keyword.start,
        ))
    }

    pub(super) fn parse_disjunction(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.parse_conjunction()?;
        if self.is_kw("or") {
            self.parse_bool_rest(start, first, BoolOp::Or)
        } else {
            Ok(first)
        }
    }

    fn parse_conjunction(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.parse_inversion()?;
        if self.is_kw("and") {
            self.parse_bool_rest(start, first, BoolOp::And)
        } else {
            Ok(first)
        }
    }

    /// The rest of `a or b or c` (or of `a and b`), once the first operator is seen.
    #[inline(never)]
    fn parse_bool_rest(&mut self, start: Pos, first: Expr, op: BoolOp) -> PResult<Expr> {
        let keyword = if op == BoolOp::Or { "or" } else { "and" };
        let mut values = vec![first];
        while self.eat_kw(keyword) {
            values.push(if op == BoolOp::Or {
                self.parse_conjunction()?
            } else {
                self.parse_inversion()?
            });
        }
        Ok(expr(ExprKind::BoolOp { op, values }, start))
    }

    fn parse_inversion(&mut self) -> PResult<Expr> {
        if self.is_kw("not") {
            self.parse_not()
        } else {
            self.parse_comparison()
        }
    }

    #[inline(never)]
    fn parse_not(&mut self) -> PResult<Expr> {
        let start = self.start();
        self.skip();
        self.enter()?;
        let operand = self.parse_inversion();
        self.leave();
        Ok(expr(
            ExprKind::UnaryOp {
                op: UnaryOp::Not,
                operand: Box::new(operand?),
            },
            start,
        ))
    }

    fn comparison_op(&self) -> Option<(CmpOp, usize)> {
        Some(match self.peek() {
            Tok::Op("==") => (CmpOp::Eq, 1),
            Tok::Op("!=") => (CmpOp::NotEq, 1),
            Tok::Op("<") => (CmpOp::Lt, 1),
            Tok::Op("<=") => (CmpOp::LtE, 1),
            Tok::Op(">") => (CmpOp::Gt, 1),
            Tok::Op(">=") => (CmpOp::GtE, 1),
            Tok::Name(n) if n == "in" => (CmpOp::In, 1),
            Tok::Name(n) if n == "not" => match self.peek_ahead(1) {
                Tok::Name(m) if m == "in" => (CmpOp::NotIn, 2),
                _ => return None,
            },
            Tok::Name(n) if n == "is" => match self.peek_ahead(1) {
                Tok::Name(m) if m == "not" => (CmpOp::IsNot, 2),
                _ => (CmpOp::Is, 1),
            },
            _ => return None,
        })
    }

    fn parse_comparison(&mut self) -> PResult<Expr> {
        let start = self.start();
        let left = self.parse_bitwise_or()?;
        if self.comparison_op().is_some() {
            self.parse_comparison_rest(start, left)
        } else {
            Ok(left)
        }
    }

    #[inline(never)]
    fn parse_comparison_rest(&mut self, start: Pos, left: Expr) -> PResult<Expr> {
        let mut ops = Vec::new();
        let mut comparators = Vec::new();
        while let Some((op, width)) = self.comparison_op() {
            for _ in 0..width {
                self.skip();
            }
            ops.push(op);
            comparators.push(self.parse_bitwise_or()?);
        }
        Ok(expr(
            ExprKind::Compare {
                left: Box::new(left),
                ops,
                comparators,
            },
            start,
        ))
    }

    pub(super) fn parse_bitwise_or(&mut self) -> PResult<Expr> {
        self.parse_binary(1)
    }

    fn binary_op(&self) -> Option<(BinOp, u8)> {
        let Tok::Op(op) = self.peek() else {
            return None;
        };
        Some(match *op {
            "|" => (BinOp::BitOr, 1),
            "^" => (BinOp::BitXor, 2),
            "&" => (BinOp::BitAnd, 3),
            "<<" => (BinOp::LShift, 4),
            ">>" => (BinOp::RShift, 4),
            "+" => (BinOp::Add, 5),
            "-" => (BinOp::Sub, 5),
            "*" => (BinOp::Mult, 6),
            "/" => (BinOp::Div, 6),
            "//" => (BinOp::FloorDiv, 6),
            "%" => (BinOp::Mod, 6),
            "@" => (BinOp::MatMult, 6),
            _ => return None,
        })
    }

    /// Binary operators from `|` to `*`, by precedence climbing: all left-associative.
    fn parse_binary(&mut self, min_precedence: u8) -> PResult<Expr> {
        let start = self.start();
        let left = self.parse_factor()?;
        if self
            .binary_op()
            .is_some_and(|(_, precedence)| precedence >= min_precedence)
        {
            self.parse_binary_rest(start, left, min_precedence)
        } else {
            Ok(left)
        }
    }

    /// Each operator in a chain counts towards the nesting limit, because the tree it
    /// builds is as deep as the chain is long.
    #[inline(never)]
    fn parse_binary_rest(&mut self, start: Pos, first: Expr, min_precedence: u8) -> PResult<Expr> {
        let mut left = first;
        let mut chain = 0;
        let result = loop {
            let Some((op, precedence)) = self.binary_op() else {
                break Ok(left);
            };
            if precedence < min_precedence {
                break Ok(left);
            }
            self.skip();
            chain += 1;
            if let Err(error) = self.enter() {
                break Err(error);
            }
            let right = match self.parse_binary(precedence + 1) {
                Ok(right) => right,
                Err(error) => break Err(error),
            };
            left = expr(
                ExprKind::BinOp {
                    left: Box::new(left),
                    op,
                    right: Box::new(right),
                },
                start,
            );
        };
        self.depth = self.depth.saturating_sub(chain);
        result
    }

    fn parse_factor(&mut self) -> PResult<Expr> {
        if matches!(self.peek(), Tok::Op("-" | "+" | "~")) {
            self.parse_unary()
        } else {
            self.parse_power()
        }
    }

    #[inline(never)]
    fn parse_unary(&mut self) -> PResult<Expr> {
        let op = match self.peek() {
            Tok::Op("-") => UnaryOp::Neg,
            Tok::Op("+") => UnaryOp::Pos,
            _ => UnaryOp::Invert,
        };
        let start = self.start();
        self.skip();
        self.enter()?;
        let operand = self.parse_factor();
        self.leave();
        Ok(expr(
            ExprKind::UnaryOp {
                op,
                operand: Box::new(operand?),
            },
            start,
        ))
    }

    /// `primary ['**' factor]`: right-associative, and binding tighter than a unary
    /// minus on its left (`-2**2 == -4`).
    fn parse_power(&mut self) -> PResult<Expr> {
        let start = self.start();
        let base = if self.is_kw("await") {
            self.parse_await()?
        } else {
            self.parse_primary()?
        };
        if self.is_op("**") {
            self.parse_power_rest(start, base)
        } else {
            Ok(base)
        }
    }

    /// `await primary`. Misplaced, it is one of the errors CPython's compiler reports
    /// (after every parser error), so it is only noted here.
    #[inline(never)]
    fn parse_await(&mut self) -> PResult<Expr> {
        let keyword = self.advance();
        let operand = self.parse_primary()?;
        let e = expr(ExprKind::Await(Box::new(operand)), keyword.start);
        self.record_end(&e);
        if !self.context.in_async {
            let message = if self.context.in_function {
                "'await' outside async function"
            } else {
                "'await' outside function"
            };
            self.note_compile_error(syntax_error(message, keyword.start, self.prev_end()));
        }
        Ok(e)
    }

    #[inline(never)]
    fn parse_power_rest(&mut self, start: Pos, base: Expr) -> PResult<Expr> {
        self.skip(); // '**'
        self.enter()?;
        let exponent = self.parse_factor();
        self.leave();
        Ok(expr(
            ExprKind::BinOp {
                left: Box::new(base),
                op: BinOp::Pow,
                right: Box::new(exponent?),
            },
            start,
        ))
    }

    fn parse_primary(&mut self) -> PResult<Expr> {
        let start = self.start();
        let e = self.parse_atom()?;
        if matches!(self.peek(), Tok::Op("." | "(" | "[")) {
            self.parse_trailers(start, e)
        } else {
            Ok(e)
        }
    }

    /// Attribute references, calls and subscripts after an atom.
    #[inline(never)]
    fn parse_trailers(&mut self, start: Pos, atom: Expr) -> PResult<Expr> {
        let mut e = atom;
        let mut chain = 0;
        let result = loop {
            if self.is_op(".") {
                self.skip();
                let attr = match self.parse_name() {
                    Ok(attr) => attr,
                    Err(error) => break Err(error),
                };
                e = expr(
                    ExprKind::Attribute {
                        value: Box::new(e),
                        attr,
                    },
                    start,
                );
            } else if self.is_op("(") {
                self.skip();
                let (args, keywords) = match self.parse_arguments() {
                    Ok(parsed) => parsed,
                    Err(error) => break Err(error),
                };
                e = expr(
                    ExprKind::Call {
                        func: Box::new(e),
                        args,
                        keywords,
                    },
                    start,
                );
            } else if self.is_op("[") {
                if matches!(self.peek_ahead(1), Tok::Op("]")) {
                    // `x[]`: CPython reads `[]` as a list after `x` (a missing comma).
                    let index = self.index_of_start(&e).unwrap_or(self.pos);
                    break Err(self.unexpected_after(index, &e));
                }
                self.skip();
                let index = match self.parse_slices() {
                    Ok(index) => index,
                    Err(error) => break Err(error),
                };
                e = expr(
                    ExprKind::Subscript {
                        value: Box::new(e),
                        index: Box::new(index),
                    },
                    start,
                );
            } else {
                break Ok(e);
            }
            chain += 1;
            if let Err(error) = self.enter() {
                break Err(error);
            }
        };
        self.depth = self.depth.saturating_sub(chain);
        result
    }

    /// Call arguments after `(`, through the closing `)`.
    pub(super) fn parse_arguments(&mut self) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        // A generator expression as the sole argument starts at the call's `(`.
        let open = self.tokens[self.pos.saturating_sub(1)].start;
        let mut state = CallArguments::default();
        loop {
            if self.is_op(")") {
                return self.close_arguments(state);
            }
            let arg_index = self.pos;
            match self.peek() {
                Tok::Op("*") => self.parse_star_argument(&mut state)?,
                Tok::Op("**") => self.parse_double_star_argument(&mut state)?,
                Tok::Name(name)
                    if (!is_keyword(name)
                        || matches!(name.as_str(), "True" | "False" | "None"))
                        && matches!(self.peek_ahead(1), Tok::Op("=")) =>
                {
                    self.parse_keyword_argument(&mut state)?
                }
                _ => {
                    let value = self.parse_named_expression()?;
                    if self.finish_positional(&mut state, value, arg_index, open)? {
                        return Ok((state.args, state.keywords));
                    }
                }
            }
            if self.eat_op(",") {
                if self.is_op(",") {
                    return Err(self.invalid_here());
                }
                continue;
            }
            if !self.is_op(")") {
                return Err(self.argument_error(&state, arg_index));
            }
        }
    }

    #[inline(never)]
    fn close_arguments(&mut self, state: CallArguments) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        // CPython reports argument order errors at the last token of the arguments.
        if let Some(message) = state.order_error {
            let token = self.token();
            return Err(syntax_error(message, token.start, token.end));
        }
        self.skip();
        Ok((state.args, state.keywords))
    }

    #[inline(never)]
    fn argument_error(&mut self, state: &CallArguments, arg_index: usize) -> Box<PErr> {
        let last = if state.last_is_keyword {
            state.keywords.last().map(|k| k.value.clone())
        } else {
            state.args.last().cloned()
        };
        let Some(last) = last else {
            return self.invalid_here();
        };
        let value_index = self.index_of_start(&last).unwrap_or(arg_index);
        self.unexpected_after(value_index, &last)
    }

    #[inline(never)]
    fn parse_star_argument(&mut self, state: &mut CallArguments) -> PResult<()> {
        let star = self.advance();
        let value = self.parse_expression()?;
        let starred = expr(ExprKind::Starred(Box::new(value)), star.start);
        self.record_end(&starred);
        if state.seen_unpack {
            return Err(syntax_error(
                "iterable argument unpacking follows keyword argument unpacking",
                star.start,
                star.end,
            ));
        }
        state.args.push(starred);
        state.last_is_keyword = false;
        Ok(())
    }

    #[inline(never)]
    fn parse_double_star_argument(&mut self, state: &mut CallArguments) -> PResult<()> {
        let start = self.start();
        self.skip();
        let value = self.parse_expression()?;
        self.record_end(&value);
        state.seen_unpack = true;
        state.keywords.push(Keyword {
            name: None,
            value,
            loc: loc(start),
        });
        state.last_is_keyword = true;
        Ok(())
    }

    #[inline(never)]
    fn parse_keyword_argument(&mut self, state: &mut CallArguments) -> PResult<()> {
        let arg_index = self.pos;
        let name_token = self.advance();
        let Tok::Name(name) = name_token.tok else {
            return Err(self.invalid_here());
        };
        let eq = self.advance();
        if matches!(name.as_str(), "True" | "False" | "None") {
            return Err(syntax_error(
                format!("cannot assign to {name}"),
                name_token.start,
                eq.end,
            ));
        }
        let value = self.parse_expression()?;
        self.record_end(&value);
        if is_keyword(&name) {
            return Err(self.invalid_at(arg_index));
        }
        if state
            .keywords
            .iter()
            .any(|k| k.name.as_ref() == Some(&name))
        {
            self.note_compile_error(syntax_error(
                format!("keyword argument repeated: {name}"),
                name_token.start,
                self.prev_end(),
            ));
        }
        state.seen_keyword = true;
        state.keywords.push(Keyword {
            name: Some(name),
            value,
            loc: loc(name_token.start),
        });
        state.last_is_keyword = true;
        Ok(())
    }

    /// After a positional argument: a generator expression (true when it closed the
    /// call), `=` misused, or arguments out of order.
    #[inline(never)]
    fn finish_positional(
        &mut self,
        state: &mut CallArguments,
        value: Expr,
        arg_index: usize,
        open: Pos,
    ) -> PResult<bool> {
        self.record_end(&value);
        let arg_start = self.tokens[arg_index].start;
        if self.is_kw("for") || self.is_kw("async") {
            let generators = self.parse_comprehension_clauses()?;
            let sole = state.args.is_empty() && state.keywords.is_empty() && self.is_op(")");
            if !sole {
                return Err(syntax_error(
                    "Generator expression must be parenthesized",
                    arg_start,
                    self.prev_end(),
                ));
            }
            let genexp = expr(
                ExprKind::GeneratorExp {
                    elt: Box::new(value),
                    generators,
                },
                open,
            );
            state.args.push(genexp);
            self.skip();
            return Ok(true);
        }
        if self.is_op("=") {
            return Err(syntax_error(
                "expression cannot contain assignment, perhaps you meant \"==\"?",
                arg_start,
                self.token().end,
            ));
        }
        if state.order_error.is_none() {
            if state.seen_unpack {
                state.order_error = Some("positional argument follows keyword argument unpacking");
            } else if state.seen_keyword {
                state.order_error = Some("positional argument follows keyword argument");
            }
        }
        state.args.push(value);
        state.last_is_keyword = false;
        Ok(false)
    }

    /// Subscript contents after `[`, through the closing `]`.
    fn parse_slices(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.parse_slice()?;
        if self.eat_op("]") {
            // `a[*b]` subscripts with a one-element tuple.
            if let ExprKind::Starred(_) = first.kind {
                return Ok(expr(ExprKind::Tuple(vec![first]), start));
            }
            return Ok(first);
        }
        let mut items = vec![first];
        loop {
            if !self.is_op(",") {
                let last_index = self
                    .index_of_start(items.last().unwrap_or(&items[0]))
                    .unwrap_or(self.pos);
                let last = items
                    .pop()
                    .unwrap_or_else(|| expr(ExprKind::Tuple(vec![]), start));
                return Err(self.unexpected_after(last_index, &last));
            }
            self.advance();
            if self.eat_op("]") {
                break;
            }
            items.push(self.parse_slice()?);
            if self.eat_op("]") {
                break;
            }
        }
        Ok(expr(ExprKind::Tuple(items), start))
    }

    fn parse_slice(&mut self) -> PResult<Expr> {
        let start = self.start();
        if self.is_op("*") {
            return self.parse_star_expression();
        }
        let lower = if self.is_op(":") {
            None
        } else {
            let e = self.parse_named_expression()?;
            self.record_end(&e);
            if !self.is_op(":") {
                return Ok(e);
            }
            Some(Box::new(e))
        };
        self.advance(); // ':'
        let bound_start = |p: &Parser| !p.is_op(":") && !p.is_op("]") && !p.is_op(",");
        let upper = if bound_start(self) {
            Some(Box::new(self.parse_expression()?))
        } else {
            None
        };
        let mut step = None;
        if self.eat_op(":") && bound_start(self) {
            step = Some(Box::new(self.parse_expression()?));
        }
        let slice = expr(ExprKind::Slice { lower, upper, step }, start);
        self.record_end(&slice);
        Ok(slice)
    }
}
