//! Compound statements: `if`/`elif`/`else`, `while`, `for`, `try`/`except`/`finally`,
//! `with`, decorators, `def` and `class`, and the parameter lists of `def` and `lambda`.
//!
//! Loops, `def` and `class` set the statement context (`in_function`, `in_loop`,
//! `in_async`) for their blocks and must restore it even when a block fails to parse.
//! Statement nesting is bounded by the tokenizer's indentation limit, so the recursion
//! here is too.

use crate::ast::*;
use crate::error::SyntaxErrorKind;
use crate::lexer::{Pos, Tok, Token};

use super::diagnostics::{expr_name, invalid_target, syntax_error, PErr, PResult, TargetsKind};
use super::{expr, is_keyword, loc, Context, Parser};

impl Parser {
    pub(super) fn parse_if(&mut self) -> PResult<Stmt> {
        let keyword = self.advance(); // 'if' or 'elif'
        let what = if matches!(&keyword.tok, Tok::Name(n) if n == "elif") {
            "'elif' statement"
        } else {
            "'if' statement"
        };
        let test = self.parse_condition()?;
        self.expect_colon()?;
        let body = self.parse_block(what, keyword.start.line)?;
        let orelse = if self.is_kw("elif") {
            vec![self.parse_if()?]
        } else {
            self.parse_else()?
        };
        Ok(Stmt {
            kind: StmtKind::If { test, body, orelse },
            loc: loc(keyword.start),
        })
    }

    /// An optional `else:` block.
    fn parse_else(&mut self) -> PResult<Vec<Stmt>> {
        if !self.is_kw("else") {
            return Ok(Vec::new());
        }
        let keyword = self.advance();
        self.expect_forced(":")?;
        self.parse_block("'else' statement", keyword.start.line)
    }

    /// The condition of `if`/`elif`/`while`, with CPython's hints for `=` written
    /// instead of `==`.
    fn parse_condition(&mut self) -> PResult<Expr> {
        let start_index = self.pos;
        let test = self.parse_named_expression()?;
        self.record_end(&test);
        if self.is_op("=") {
            if let Some(error) = self.equals_hint(start_index, &test) {
                return Err(error);
            }
        }
        Ok(test)
    }

    pub(super) fn parse_while(&mut self) -> PResult<Stmt> {
        let keyword = self.advance();
        let test = self.parse_condition()?;
        self.expect_colon()?;
        let saved = self.context;
        self.context.in_loop = true;
        let body = self.parse_block("'while' statement", keyword.start.line);
        self.context = saved;
        let body = body?;
        let orelse = self.parse_else()?;
        Ok(Stmt {
            kind: StmtKind::While { test, body, orelse },
            loc: loc(keyword.start),
        })
    }

    pub(super) fn parse_for(&mut self, is_async: bool) -> PResult<Stmt> {
        let start = if is_async {
            self.tokens[self.pos.saturating_sub(1)].start
        } else {
            self.start()
        };
        let keyword = self.advance();
        let target_index = self.pos;
        let target = self.parse_for_target()?;
        if !self.eat_kw("in") {
            return Err(self.unexpected_after(target_index, &target));
        }
        let iter_start = self.pos;
        let iter = self.parse_star_expressions()?;
        if !self.is_op(":") && !matches!(self.peek(), Tok::Newline) {
            return Err(self.unexpected_after(iter_start, &iter));
        }
        self.expect_colon()?;
        let saved = self.context;
        self.context.in_loop = true;
        let body = self.parse_block("'for' statement", keyword.start.line);
        self.context = saved;
        let body = body?;
        let orelse = self.parse_else()?;
        Ok(Stmt {
            kind: StmtKind::For {
                target,
                iter,
                body,
                orelse,
                is_async,
            },
            loc: loc(start),
        })
    }

    /// The target of `for` (statement or comprehension), validated.
    pub(super) fn parse_for_target(&mut self) -> PResult<Expr> {
        let target = self.parse_target_list(false)?;
        if let Some(bad) = invalid_target(&target, TargetsKind::For) {
            return Err(self.error_on(format!("cannot assign to {}", expr_name(bad)), bad));
        }
        Ok(target)
    }

    /// `star_targets` (or `del_targets`): comma-separated `bitwise_or`s, so that `in`
    /// after a `for` target is not taken for a comparison.
    pub(super) fn parse_target_list(&mut self, for_del: bool) -> PResult<Expr> {
        let start = self.start();
        let first = self.parse_target_item()?;
        if !self.is_op(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            let can_continue = if for_del {
                self.at_expression_start()
            } else {
                self.at_expression_start() && !self.is_kw("in")
            };
            if !can_continue {
                break;
            }
            items.push(self.parse_target_item()?);
        }
        let tuple = self.bare_tuple(items, start);
        self.record_end(&tuple);
        Ok(tuple)
    }

    fn parse_target_item(&mut self) -> PResult<Expr> {
        let start = self.start();
        let item = if self.eat_op("*") {
            let inner = self.parse_bitwise_or()?;
            self.record_end(&inner);
            expr(ExprKind::Starred(Box::new(inner)), start)
        } else {
            self.parse_bitwise_or()?
        };
        self.record_end(&item);
        Ok(item)
    }

    pub(super) fn parse_try(&mut self) -> PResult<Stmt> {
        let keyword = self.advance();
        self.expect_forced(":")?;
        let body = self.parse_block("'try' statement", keyword.start.line)?;
        let mut handlers = Vec::new();
        let mut saw_star = false;
        let mut saw_plain = false;
        while self.is_kw("except") {
            let except = self.advance();
            let star = self.eat_op("*");
            if star {
                saw_star = true;
                self.note_unsupported("star-expressions in 'except*'", except.start.line);
            } else {
                saw_plain = true;
            }
            if saw_star && saw_plain {
                return Err(syntax_error(
                    "cannot have both 'except' and 'except*' on the same 'try'",
                    except.start,
                    except.end,
                ));
            }
            let mut type_ = None;
            let mut name = None;
            if !self.is_op(":") && !matches!(self.peek(), Tok::Newline) {
                let type_start = self.start();
                let first = self.parse_expression()?;
                if self.is_op(",") {
                    let snapshot = self.snapshot();
                    let mut end = self.prev_end();
                    while self.eat_op(",") {
                        if self.parse_expression().is_err() {
                            break;
                        }
                        end = self.prev_end();
                    }
                    let as_or_colon = self.is_kw("as") || self.is_op(":");
                    self.restore(snapshot);
                    if as_or_colon {
                        return Err(syntax_error(
                            "multiple exception types must be parenthesized",
                            type_start,
                            end,
                        ));
                    }
                }
                type_ = Some(first);
                if self.eat_kw("as") {
                    name = Some(self.parse_name()?);
                }
            } else if star {
                return Err(syntax_error(
                    "expected one or more exception types",
                    self.start(),
                    self.token().end,
                ));
            }
            self.expect_colon()?;
            let what = if star {
                "'except*' statement"
            } else {
                "'except' statement"
            };
            let body = self.parse_block(what, except.start.line)?;
            handlers.push(ExceptHandler {
                type_,
                name,
                body,
                loc: loc(except.start),
            });
        }
        let orelse = if handlers.is_empty() {
            Vec::new()
        } else {
            self.parse_else()?
        };
        let mut finalbody = Vec::new();
        if self.is_kw("finally") {
            let finally = self.advance();
            self.expect_forced(":")?;
            finalbody = self.parse_block("'finally' statement", finally.start.line)?;
        } else if handlers.is_empty() {
            let token = self.token().clone();
            let at_eof = self.tokens[self.pos..]
                .iter()
                .all(|t| matches!(t.tok, Tok::Dedent | Tok::EndMarker));
            let (at, end) = if at_eof {
                let after = Pos {
                    line: token.start.line,
                    col: token.start.col + 1,
                };
                (token.start, after)
            } else if matches!(token.tok, Tok::Dedent) {
                // CPython's DEDENT sits at column -1: offset 0.
                return Err(Box::new(PErr {
                    kind: SyntaxErrorKind::SyntaxError,
                    message: "expected 'except' or 'finally' block".into(),
                    line: token.start.line,
                    offset: 0,
                    end_offset: 1,
                    end_line: None,
                }));
            } else {
                (token.start, token.end)
            };
            return Err(syntax_error(
                "expected 'except' or 'finally' block",
                at,
                end,
            ));
        }
        Ok(Stmt {
            kind: StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            },
            loc: loc(keyword.start),
        })
    }

    pub(super) fn parse_with(&mut self, is_async: bool) -> PResult<Stmt> {
        let start = if is_async {
            self.tokens[self.pos.saturating_sub(1)].start
        } else {
            self.start()
        };
        let keyword = self.advance();
        // `with (a as b, c):` — tried first, as CPython does; otherwise a plain list
        // whose first expression may itself be parenthesized.
        let mut items = None;
        if self.is_op("(") {
            let snapshot = self.snapshot();
            self.advance();
            let parsed = (|| -> PResult<Vec<WithItem>> {
                let mut items = vec![self.parse_with_item()?];
                while self.eat_op(",") {
                    if self.is_op(")") {
                        break;
                    }
                    items.push(self.parse_with_item()?);
                }
                self.expect_op(")")?;
                if !self.is_op(":") {
                    return Err(self.invalid_here());
                }
                Ok(items)
            })();
            match parsed {
                Ok(parsed) => items = Some(parsed),
                Err(_) => self.restore(snapshot),
            }
        }
        let items = match items {
            Some(items) => items,
            None => {
                let mut items = vec![self.parse_with_item()?];
                while self.eat_op(",") {
                    items.push(self.parse_with_item()?);
                }
                items
            }
        };
        self.expect_colon()?;
        let body = self.parse_block("'with' statement", keyword.start.line)?;
        Ok(Stmt {
            kind: StmtKind::With {
                items,
                body,
                is_async,
            },
            loc: loc(start),
        })
    }

    fn parse_with_item(&mut self) -> PResult<WithItem> {
        let context = self.parse_expression()?;
        let target = if self.eat_kw("as") {
            let target = self.parse_target_item()?;
            if let Some(bad) = invalid_target(&target, TargetsKind::Star) {
                return Err(self.error_on(format!("cannot assign to {}", expr_name(bad)), bad));
            }
            Some(target)
        } else {
            None
        };
        Ok(WithItem { context, target })
    }

    pub(super) fn parse_decorated(&mut self) -> PResult<Stmt> {
        let mut decorators = Vec::new();
        while self.is_op("@") {
            self.advance();
            decorators.push(self.parse_named_expression()?);
            if !matches!(self.peek(), Tok::Newline) {
                return Err(self.invalid_here());
            }
            self.advance();
        }
        if self.is_kw("def") {
            self.parse_def(decorators, false)
        } else if self.is_kw("class") {
            self.parse_class(decorators)
        } else if self.is_kw("async") && matches!(self.peek_ahead(1), Tok::Name(n) if n == "def") {
            self.advance();
            self.parse_def(decorators, true)
        } else {
            Err(self.invalid_here())
        }
    }

    pub(super) fn parse_def(&mut self, decorators: Vec<Expr>, is_async: bool) -> PResult<Stmt> {
        let start = if is_async {
            self.tokens[self.pos.saturating_sub(1)].start
        } else {
            self.start()
        };
        let keyword = self.advance(); // 'def'
        let name = self.parse_name()?;
        if self.is_op("[") {
            self.skip_type_params()?;
        }
        self.expect_forced("(")?;
        let params = self.parse_parameters(true)?;
        self.expect_op(")")?;
        let returns = if self.eat_op("->") {
            Some(self.parse_expression()?)
        } else {
            None
        };
        self.expect_forced(":")?;
        let saved = self.context;
        self.context = Context {
            in_function: true,
            in_loop: false,
            in_async: is_async,
        };
        let body = self.parse_block("function definition", keyword.start.line);
        self.context = saved;
        let body = body?;
        Ok(Stmt {
            kind: StmtKind::FunctionDef(Box::new(FunctionDef {
                name,
                params,
                body,
                decorators,
                returns,
                is_async,
            })),
            loc: loc(start),
        })
    }

    pub(super) fn parse_class(&mut self, decorators: Vec<Expr>) -> PResult<Stmt> {
        let keyword = self.advance();
        let name = self.parse_name()?;
        if self.is_op("[") {
            self.skip_type_params()?;
        }
        let (bases, keywords) = if self.eat_op("(") {
            self.parse_arguments()?
        } else {
            (Vec::new(), Vec::new())
        };
        self.expect_colon()?;
        let saved = self.context;
        self.context = Context {
            in_function: false,
            in_loop: false,
            in_async: false,
        };
        let body = self.parse_block("class definition", keyword.start.line);
        self.context = saved;
        let body = body?;
        Ok(Stmt {
            kind: StmtKind::ClassDef(Box::new(ClassDef {
                name,
                bases,
                keywords,
                body,
                decorators,
            })),
            loc: loc(keyword.start),
        })
    }

    /// Parameters of `def` (with annotations) or `lambda` (without), up to the closing
    /// `)` or `:`, which is left for the caller.
    pub(super) fn parse_parameters(&mut self, annotated: bool) -> PResult<Parameters> {
        let closer = if annotated { ")" } else { ":" };
        let mut params = Parameters::default();
        let mut seen_slash = false;
        let mut seen_star = false;
        let mut seen_default = false;
        let mut bare_star: Option<Token> = None;
        loop {
            if self.is_op(closer) {
                break;
            }
            let token = self.token().clone();
            if self.is_op("/") {
                let error = if seen_slash {
                    Some("/ may appear only once")
                } else if seen_star {
                    Some("/ must be ahead of *")
                } else if params.args.is_empty() {
                    Some("at least one argument must precede /")
                } else {
                    None
                };
                if let Some(message) = error {
                    return Err(syntax_error(message, token.start, token.end));
                }
                self.advance();
                seen_slash = true;
                params.posonly.append(&mut params.args);
            } else if self.is_op("*") {
                if seen_star {
                    return Err(syntax_error(
                        "* argument may appear only once",
                        token.start,
                        token.end,
                    ));
                }
                self.advance();
                seen_star = true;
                if self.is_op(",") || self.is_op(closer) {
                    bare_star = Some(token);
                } else {
                    let param = self.parse_param(annotated)?;
                    if self.is_op("=") {
                        let eq = self.token().clone();
                        return Err(syntax_error(
                            "var-positional argument cannot have default value",
                            eq.start,
                            eq.end,
                        ));
                    }
                    params.vararg = Some(param);
                }
            } else if self.is_op("**") {
                self.advance();
                let param = self.parse_param(annotated)?;
                if self.is_op("=") {
                    let eq = self.token().clone();
                    return Err(syntax_error(
                        "var-keyword argument cannot have default value",
                        eq.start,
                        eq.end,
                    ));
                }
                params.kwarg = Some(param);
                self.eat_op(",");
                if !self.is_op(closer) {
                    let token = self.token().clone();
                    if matches!(token.tok, Tok::Name(_) | Tok::Op("*" | "**" | "/")) {
                        return Err(syntax_error(
                            "arguments cannot follow var-keyword argument",
                            token.start,
                            token.end,
                        ));
                    }
                    return Err(self.invalid_here());
                }
                break;
            } else if matches!(self.peek(), Tok::Name(n) if !is_keyword(n)) {
                let mut param = self.parse_param(annotated)?;
                if self.eat_op("=") {
                    param.default = Some(self.parse_expression()?);
                    if !seen_star {
                        seen_default = true;
                    }
                } else if seen_default && !seen_star {
                    return Err(syntax_error(
                        "parameter without a default follows parameter with a default",
                        token.start,
                        token.end,
                    ));
                }
                if seen_star {
                    params.kwonly.push(param);
                } else {
                    params.args.push(param);
                }
            } else {
                return Err(self.invalid_here());
            }
            if !self.eat_op(",") {
                if !self.is_op(closer) {
                    return Err(self.invalid_here());
                }
                break;
            }
        }
        if let Some(star) = bare_star {
            if params.kwonly.is_empty() {
                return Err(syntax_error(
                    "named arguments must follow bare *",
                    star.start,
                    star.end,
                ));
            }
        }
        Ok(params)
    }

    fn parse_param(&mut self, annotated: bool) -> PResult<Param> {
        let start = self.start();
        let name = self.parse_name()?;
        let annotation = if annotated && self.eat_op(":") {
            Some(self.parse_expression()?)
        } else {
            None
        };
        Ok(Param {
            name,
            default: None,
            annotation,
            loc: loc(start),
        })
    }
}
