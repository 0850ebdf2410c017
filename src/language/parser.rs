//! The parser of threadplay's Python subset: tokens to the AST in `ast.rs`.
//!
//! A hand-written recursive-descent parser for Python 3.12's grammar (the part of it the
//! AST can express), built to give learners the same `SyntaxError`s CPython gives: the
//! same messages, lines and caret columns for the common mistakes (missing colons,
//! brackets, commas, bad assignment targets, indentation, `print x`, misplaced `return`
//! or `break`, ...). CPython finds those with a second, error-hunting parser pass; here the
//! same rules are applied at the point where parsing fails.
//!
//! CPython reports errors in tiers, and so does this parser: a tokenizer error anywhere in
//! the file beats a parser error (see `lexer::Strength`), parser errors beat the errors
//! CPython's symbol table finds (`global` misuse, duplicate parameters), those beat the
//! compiler's (`return` outside a function, ...), and only a program free of all of them
//! is reported as using a construct threadplay does not support (`async`, `match`, ...).
//!
//! It must never panic, never loop without consuming a token, and never recurse without
//! bound: expression nesting is capped (`MAX_DEPTH`) so parsing fits a 1 MiB stack, and
//! statement nesting is capped by the tokenizer's indentation limit.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};

use crate::language::ast::*;
use crate::language::error::*;
use crate::language::lexer::{self, LexError, Pos, StrValue, Strength, Tok, Token};

/// How deeply expressions may nest (brackets, unary operators, operator chains, lambdas
/// and conditional expressions all count). Keeps parser recursion, and the recursion of
/// every later pass over the AST, within a small stack.
const MAX_DEPTH: u32 = 100;

/// Parses a whole module.
pub fn parse_module(source: &str, filename: &str) -> Result<Vec<Stmt>, CompileError> {
    let normalized = lexer::normalize_newlines(source);
    let lines: Vec<Vec<char>> = normalized
        .split('\n')
        .map(|l| l.chars().collect())
        .collect();
    let lexed = lexer::tokenize(&normalized);
    let error_index = lexed.error.as_ref().map(|_| lexed.tokens.len() - 1);
    let mut parser = Parser::new(lexed.tokens, lines);
    let make = |parser: &Parser, error: PErr| -> CompileError {
        CompileError::Syntax(SyntaxError {
            kind: error.kind,
            message: error.message,
            filename: filename.to_string(),
            line: error.line,
            offset: error.offset,
            end_offset: error.end_offset,
            source_line: parser.source_line(error.line),
        })
    };
    let from_lex = |error: LexError| PErr {
        kind: error.kind,
        message: error.message,
        line: error.line,
        offset: error.offset,
        end_offset: error.end_offset,
    };
    match parser.parse_file() {
        Err(error) => {
            let Some(lex_error) = lexed.error else {
                return Err(make(&parser, *error));
            };
            let reached = error_index.is_some_and(|index| parser.furthest.get() >= index);
            let lexer_wins = reached
                || match lex_error.strength {
                    Strength::Overrides => true,
                    Strength::WhenReached => false,
                    // CPython compares with the line of the last token it fetched.
                    Strength::UnclosedAtEof { bracket_line } => {
                        parser.furthest_line() > bracket_line
                    }
                };
            if lexer_wins {
                Err(make(&parser, from_lex(lex_error)))
            } else {
                Err(make(&parser, *error))
            }
        }
        Ok(body) => {
            if let Some(error) = symtable_check(&body, &parser.stmt_ends) {
                return Err(make(&parser, *error));
            }
            if let Some(error) = parser.compile_error.take() {
                return Err(make(&parser, *error));
            }
            let unsupported = match (parser.unsupported.take(), lexed.unsupported) {
                (Some(a), Some(b)) => Some(if b.1 < a.1 { b } else { a }),
                (a, b) => a.or(b),
            };
            if let Some((construct, line)) = unsupported {
                return Err(CompileError::Unsupported {
                    construct,
                    filename: filename.to_string(),
                    line,
                    source_line: parser.source_line(line),
                });
            }
            Ok(body)
        }
    }
}

/// A syntax error on its way out, positioned like CPython's (1-based offsets).
#[derive(Debug)]
struct PErr {
    kind: SyntaxErrorKind,
    message: String,
    line: u32,
    offset: u32,
    end_offset: u32,
}

type PResult<T> = Result<T, Box<PErr>>;

fn syntax_error(message: impl Into<String>, start: Pos, end: Pos) -> Box<PErr> {
    Box::new(PErr {
        kind: SyntaxErrorKind::SyntaxError,
        message: message.into(),
        line: start.line,
        offset: start.col + 1,
        end_offset: end.col + 1,
    })
}

fn loc(pos: Pos) -> Location {
    Location {
        line: pos.line,
        column: pos.col,
    }
}

fn pos_of(location: Location) -> Pos {
    Pos {
        line: location.line,
        col: location.column,
    }
}

fn expr(kind: ExprKind, start: Pos) -> Expr {
    Expr {
        kind,
        loc: loc(start),
    }
}

const KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// CPython's `_PyPegen_get_expr_name`: how error messages call an expression.
fn expr_name(e: &Expr) -> &'static str {
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
enum TargetsKind {
    Star,
    For,
    Del,
}

/// CPython's `_PyPegen_get_invalid_target`: the part of a would-be target that cannot be
/// assigned to (or deleted), if any.
fn invalid_target(e: &Expr, kind: TargetsKind) -> Option<&Expr> {
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

/// Where statements are, for `return`/`break`/`continue`/`yield` placement.
#[derive(Clone, Copy)]
struct Context {
    in_function: bool,
    in_loop: bool,
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    /// The furthest token looked at: tells whether the parser reached a tokenizer error.
    furthest: Cell<usize>,
    lines: Vec<Vec<char>>,
    depth: u32,
    context: Context,
    /// The first error CPython's compiler (not its parser) would report.
    compile_error: Option<Box<PErr>>,
    unsupported: Option<(String, u32)>,
    /// End positions of expressions, keyed by start and kind, for error ranges.
    ends: HashMap<(u32, u32, u8), Pos>,
    /// End positions of `global`/`nonlocal` statements, keyed by start.
    stmt_ends: HashMap<(u32, u32), Pos>,
    /// Starts of the tuples written without parentheses (`a, b = ...`).
    bare_tuples: HashSet<(u32, u32)>,
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
    }
}

/// Saved parser state for speculative parsing.
struct Snapshot {
    pos: usize,
    depth: u32,
    compile_error_set: bool,
    unsupported_set: bool,
}

impl Parser {
    fn new(tokens: Vec<Token>, lines: Vec<Vec<char>>) -> Self {
        Parser {
            tokens,
            pos: 0,
            furthest: Cell::new(0),
            lines,
            depth: 0,
            context: Context {
                in_function: false,
                in_loop: false,
            },
            compile_error: None,
            unsupported: None,
            ends: HashMap::new(),
            stmt_ends: HashMap::new(),
            bare_tuples: HashSet::new(),
        }
    }

    fn furthest_line(&self) -> u32 {
        self.tokens[self.furthest.get().min(self.tokens.len() - 1)]
            .start
            .line
    }

    fn source_line(&self, line: u32) -> String {
        self.lines
            .get((line as usize).wrapping_sub(1))
            .map(|chars| chars.iter().collect())
            .unwrap_or_default()
    }

    /// Source text between two positions (for `f"{x = }"`).
    fn source_between(&self, start: Pos, end: Pos) -> String {
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

    // ----- token access -------------------------------------------------------------

    fn token_at(&self, index: usize) -> &Token {
        let index = index.min(self.tokens.len() - 1);
        if index > self.furthest.get() {
            self.furthest.set(index);
        }
        &self.tokens[index]
    }

    fn token(&self) -> &Token {
        self.token_at(self.pos)
    }

    fn peek(&self) -> &Tok {
        &self.token().tok
    }

    fn peek_ahead(&self, ahead: usize) -> &Tok {
        &self.token_at(self.pos + ahead).tok
    }

    fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Tok::Op(o) if *o == op)
    }

    fn is_kw(&self, keyword: &str) -> bool {
        matches!(self.peek(), Tok::Name(n) if n == keyword)
    }

    fn advance(&mut self) -> Token {
        let token = self.token().clone();
        if self.pos + 1 < self.tokens.len() {
            self.pos += 1;
        }
        token
    }

    fn eat_op(&mut self, op: &str) -> bool {
        if self.is_op(op) {
            self.advance();
            true
        } else {
            false
        }
    }

    fn eat_kw(&mut self, keyword: &str) -> bool {
        if self.is_kw(keyword) {
            self.advance();
            true
        } else {
            false
        }
    }

    fn start(&self) -> Pos {
        self.token().start
    }

    /// End of the last consumed token.
    fn prev_end(&self) -> Pos {
        self.tokens[self.pos.saturating_sub(1)].end
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            pos: self.pos,
            depth: self.depth,
            compile_error_set: self.compile_error.is_some(),
            unsupported_set: self.unsupported.is_some(),
        }
    }

    fn restore(&mut self, snapshot: Snapshot) {
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

    // ----- errors -------------------------------------------------------------------

    /// CPython's generic "invalid syntax" at a token.
    fn invalid_at(&self, index: usize) -> Box<PErr> {
        let token = self.token_at(index).clone();
        match token.tok {
            Tok::Indent => Box::new(PErr {
                kind: SyntaxErrorKind::IndentationError,
                message: "unexpected indent".into(),
                line: token.end.line,
                offset: token.end.col,
                end_offset: token.end.col + 1,
            }),
            Tok::Dedent => Box::new(PErr {
                kind: SyntaxErrorKind::IndentationError,
                message: "unexpected unindent".into(),
                line: token.start.line,
                offset: token.start.col,
                end_offset: token.start.col + 1,
            }),
            _ => syntax_error("invalid syntax", token.start, token.end),
        }
    }

    fn invalid_here(&self) -> Box<PErr> {
        self.invalid_at(self.pos)
    }

    fn expect_op(&mut self, op: &str) -> PResult<Token> {
        if self.is_op(op) {
            Ok(self.advance())
        } else {
            Err(self.invalid_here())
        }
    }

    /// CPython's forced tokens (`&&':'`): "expected ':'" at whatever is there instead.
    fn expect_forced(&mut self, op: &str) -> PResult<Token> {
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
    fn expect_colon(&mut self) -> PResult<Token> {
        if self.is_op(":") {
            return Ok(self.advance());
        }
        if matches!(self.peek(), Tok::Newline) {
            let token = self.token().clone();
            return Err(syntax_error("expected ':'", token.start, token.end));
        }
        Err(self.invalid_here())
    }

    fn note_compile_error(&mut self, error: Box<PErr>) {
        if self.compile_error.is_none() {
            self.compile_error = Some(error);
        }
    }

    fn note_unsupported(&mut self, construct: &str, line: u32) {
        if self.unsupported.is_none() {
            self.unsupported = Some((construct.to_string(), line));
        }
    }

    fn record_end(&mut self, e: &Expr) {
        let end = self.prev_end();
        // The first record is the tightest: a parenthesized expression is recorded
        // again, with its closing parenthesis, by the expression around it.
        self.ends
            .entry((e.loc.line, e.loc.column, kind_tag(e)))
            .or_insert(end);
    }

    fn end_of(&self, e: &Expr) -> Pos {
        self.ends
            .get(&(e.loc.line, e.loc.column, kind_tag(e)))
            .copied()
            .unwrap_or(Pos {
                line: e.loc.line,
                col: e.loc.column + 1,
            })
    }

    /// A tuple written without parentheses.
    fn bare_tuple(&mut self, items: Vec<Expr>, start: Pos) -> Expr {
        self.bare_tuples.insert((start.line, start.col));
        expr(ExprKind::Tuple(items), start)
    }

    fn is_bare_tuple(&self, e: &Expr) -> bool {
        matches!(e.kind, ExprKind::Tuple(_))
            && self.bare_tuples.contains(&(e.loc.line, e.loc.column))
    }

    fn error_on(&self, message: impl Into<String>, e: &Expr) -> Box<PErr> {
        syntax_error(message, pos_of(e.loc), self.end_of(e))
    }

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let token = self.token().clone();
            return Err(syntax_error(
                "too many nested parentheses",
                token.start,
                token.end,
            ));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Can the current token start an expression?
    fn at_expression_start(&self) -> bool {
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

    /// The best error for an unexpected token right after the expression `e`, which
    /// started at token `start`: CPython's "Missing parentheses in call to 'print'",
    /// "Perhaps you forgot a comma?", or plain "invalid syntax".
    fn unexpected_after(&mut self, start: usize, e: &Expr) -> Box<PErr> {
        let bad = self.pos;
        if let ExprKind::Name(name) = &e.kind {
            if (name == "print" || name == "exec") && !self.is_op("(") && self.at_expression_start()
            {
                let snapshot = self.snapshot();
                let parsed = self.parse_star_expressions().is_ok();
                let end = self.prev_end();
                self.restore(snapshot);
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
                let snapshot = self.snapshot();
                let parsed = self.parse_expression().is_ok();
                let end = self.prev_end();
                let level = self.tokens[self.pos.saturating_sub(1)].level;
                self.restore(snapshot);
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

    // ----- statements ---------------------------------------------------------------

    fn parse_file(&mut self) -> PResult<Vec<Stmt>> {
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
                self.note_unsupported("'async def'", line);
                self.parse_def(Vec::new(), true)
            }
            Tok::Name(n) if n == "for" => {
                self.advance();
                self.note_unsupported("'async for'", line);
                self.parse_for(true)
            }
            Tok::Name(n) if n == "with" => {
                self.advance();
                self.note_unsupported("'async with'", line);
                self.parse_with(true)
            }
            _ => {
                self.advance();
                Err(self.invalid_here())
            }
        }
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
    fn parse_block(&mut self, what: &str, header_line: u32) -> PResult<Vec<Stmt>> {
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

    fn indented_block_error(&self, what: &str, header_line: u32) -> Box<PErr> {
        let token = self.token().clone();
        let (line, offset, end_offset) = match token.tok {
            // At the end of the file CPython points at the header's newline.
            Tok::EndMarker => {
                let newline = self.tokens[self.pos.saturating_sub(1)].clone();
                (
                    newline.start.line,
                    newline.start.col + 1,
                    newline.start.col + 2,
                )
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
        })
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
                    exc = Some(self.parse_expression()?);
                    if self.eat_kw("from") {
                        cause = Some(self.parse_expression()?);
                    }
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
                let test = self.parse_expression()?;
                let msg = if self.eat_op(",") {
                    Some(self.parse_expression()?)
                } else {
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
    fn skip_type_params(&mut self) -> PResult<()> {
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

    fn parse_name(&mut self) -> PResult<String> {
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
        match &target.kind {
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
            ExprKind::Tuple(items) if self.is_bare_tuple(&target) => {
                let first = &items[0];
                return Err(self.error_on("only single target (not tuple) can be annotated", first));
            }
            ExprKind::Tuple(_) => {
                return Err(
                    self.error_on("only single target (not tuple) can be annotated", &target)
                );
            }
            ExprKind::List(_) => {
                return Err(
                    self.error_on("only single target (not list) can be annotated", &target)
                );
            }
            _ => return Err(self.error_on("illegal target for annotation", &target)),
        }
        self.advance(); // ':'
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

    fn parse_if(&mut self) -> PResult<Stmt> {
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
            let snapshot = self.snapshot();
            self.advance();
            let value = self.parse_bitwise_or();
            let hint = value.is_ok() && !self.is_op("=") && !self.is_op(":=");
            let end = self.prev_end();
            self.restore(snapshot);
            if hint {
                if matches!(test.kind, ExprKind::Name(_))
                    && matches!(self.tokens[start_index].tok, Tok::Name(_))
                {
                    return Err(syntax_error(
                        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                        pos_of(test.loc),
                        end,
                    ));
                }
                if is_bitwise_or_level(&test, false) {
                    let leftmost = leftmost_atom(&test);
                    let excluded = matches!(
                        leftmost.kind,
                        ExprKind::List(_)
                            | ExprKind::Tuple(_)
                            | ExprKind::GeneratorExp { .. }
                            | ExprKind::Constant(Constant::Bool(_) | Constant::None)
                    );
                    if !excluded {
                        return Err(self.error_on(
                            format!(
                                "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                                expr_name(&test)
                            ),
                            &test,
                        ));
                    }
                }
            }
        }
        Ok(test)
    }

    fn parse_while(&mut self) -> PResult<Stmt> {
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

    fn parse_for(&mut self, is_async: bool) -> PResult<Stmt> {
        let start = if is_async {
            self.tokens[self.pos.saturating_sub(1)].start
        } else {
            self.start()
        };
        let keyword = self.advance();
        let target = self.parse_for_target()?;
        if !self.eat_kw("in") {
            return Err(self.invalid_here());
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
            },
            loc: loc(start),
        })
    }

    /// The target of `for` (statement or comprehension), validated.
    fn parse_for_target(&mut self) -> PResult<Expr> {
        let target = self.parse_target_list(false)?;
        if let Some(bad) = invalid_target(&target, TargetsKind::For) {
            return Err(self.error_on(format!("cannot assign to {}", expr_name(bad)), bad));
        }
        Ok(target)
    }

    /// `star_targets` (or `del_targets`): comma-separated `bitwise_or`s, so that `in`
    /// after a `for` target is not taken for a comparison.
    fn parse_target_list(&mut self, for_del: bool) -> PResult<Expr> {
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

    fn parse_try(&mut self) -> PResult<Stmt> {
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
            let (at, end) = if matches!(token.tok, Tok::EndMarker) {
                let before = self.tokens[self.pos.saturating_sub(1)].clone();
                let newline = self.tokens[..self.pos]
                    .iter()
                    .rev()
                    .find(|t| matches!(t.tok, Tok::Newline))
                    .cloned()
                    .unwrap_or(before);
                (newline.start, newline.end)
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

    fn parse_with(&mut self, is_async: bool) -> PResult<Stmt> {
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
            kind: StmtKind::With { items, body },
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

    fn parse_decorated(&mut self) -> PResult<Stmt> {
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
            let line = self.start().line;
            self.advance();
            self.note_unsupported("'async def'", line);
            self.parse_def(decorators, true)
        } else {
            Err(self.invalid_here())
        }
    }

    fn parse_def(&mut self, decorators: Vec<Expr>, is_async: bool) -> PResult<Stmt> {
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
            })),
            loc: loc(start),
        })
    }

    fn parse_class(&mut self, decorators: Vec<Expr>) -> PResult<Stmt> {
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
    fn parse_parameters(&mut self, annotated: bool) -> PResult<Parameters> {
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

    // ----- expressions --------------------------------------------------------------

    /// `star_expressions`: a tuple when there is a comma.
    fn parse_star_expressions(&mut self) -> PResult<Expr> {
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

    fn parse_star_named_expression(&mut self) -> PResult<Expr> {
        if self.is_op("*") {
            return self.parse_star_expression();
        }
        let e = self.parse_named_expression()?;
        self.record_end(&e);
        Ok(e)
    }

    /// `NAME := expression` or an expression.
    fn parse_named_expression(&mut self) -> PResult<Expr> {
        if let Tok::Name(name) = self.peek() {
            if !is_keyword(name) && matches!(self.peek_ahead(1), Tok::Op(":=")) {
                let target = name.clone();
                let start = self.start();
                self.advance();
                self.advance();
                let value = self.parse_expression()?;
                let named = expr(
                    ExprKind::NamedExpr {
                        target,
                        value: Box::new(value),
                    },
                    start,
                );
                self.record_end(&named);
                return Ok(named);
            }
        }
        let e = self.parse_expression()?;
        if self.is_op(":=") {
            self.record_end(&e);
            return Err(self.error_on(
                format!("cannot use assignment expressions with {}", expr_name(&e)),
                &e,
            ));
        }
        Ok(e)
    }

    /// `expression`: a conditional expression, a lambda, or a disjunction.
    fn parse_expression(&mut self) -> PResult<Expr> {
        self.enter()?;
        let result = self.parse_expression_inner();
        self.leave();
        result
    }

    fn parse_expression_inner(&mut self) -> PResult<Expr> {
        if self.is_kw("lambda") {
            return self.parse_lambda();
        }
        let start = self.start();
        let body = self.parse_disjunction()?;
        if !self.is_kw("if") {
            return Ok(body);
        }
        self.advance();
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

    fn parse_disjunction(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.parse_conjunction()?;
        if !self.is_kw("or") {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat_kw("or") {
            values.push(self.parse_conjunction()?);
        }
        Ok(expr(
            ExprKind::BoolOp {
                op: BoolOp::Or,
                values,
            },
            start,
        ))
    }

    fn parse_conjunction(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.parse_inversion()?;
        if !self.is_kw("and") {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat_kw("and") {
            values.push(self.parse_inversion()?);
        }
        Ok(expr(
            ExprKind::BoolOp {
                op: BoolOp::And,
                values,
            },
            start,
        ))
    }

    fn parse_inversion(&mut self) -> PResult<Expr> {
        if self.is_kw("not") {
            let keyword = self.advance();
            self.enter()?;
            let operand = self.parse_inversion();
            self.leave();
            return Ok(expr(
                ExprKind::UnaryOp {
                    op: UnaryOp::Not,
                    operand: Box::new(operand?),
                },
                keyword.start,
            ));
        }
        self.parse_comparison()
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
        let mut ops = Vec::new();
        let mut comparators = Vec::new();
        while let Some((op, width)) = self.comparison_op() {
            for _ in 0..width {
                self.advance();
            }
            ops.push(op);
            comparators.push(self.parse_bitwise_or()?);
        }
        if ops.is_empty() {
            return Ok(left);
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

    fn parse_bitwise_or(&mut self) -> PResult<Expr> {
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
    /// Each operator in a chain counts towards the nesting limit, because the tree it
    /// builds is as deep as the chain is long.
    fn parse_binary(&mut self, min_precedence: u8) -> PResult<Expr> {
        let start = self.start();
        let mut left = self.parse_factor()?;
        let mut chain = 0;
        let result = loop {
            let Some((op, precedence)) = self.binary_op() else {
                break Ok(left);
            };
            if precedence < min_precedence {
                break Ok(left);
            }
            self.advance();
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
        let op = match self.peek() {
            Tok::Op("-") => UnaryOp::Neg,
            Tok::Op("+") => UnaryOp::Pos,
            Tok::Op("~") => UnaryOp::Invert,
            _ => return self.parse_power(),
        };
        let token = self.advance();
        self.enter()?;
        let operand = self.parse_factor();
        self.leave();
        Ok(expr(
            ExprKind::UnaryOp {
                op,
                operand: Box::new(operand?),
            },
            token.start,
        ))
    }

    /// `primary ['**' factor]`: right-associative, and binding tighter than a unary
    /// minus on its left (`-2**2 == -4`).
    fn parse_power(&mut self) -> PResult<Expr> {
        let start = self.start();
        let base = if self.is_kw("await") {
            self.advance();
            self.note_unsupported("'await'", start.line);
            self.parse_primary()?
        } else {
            self.parse_primary()?
        };
        if !self.is_op("**") {
            return Ok(base);
        }
        self.advance();
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
        let mut e = self.parse_atom()?;
        let mut chain = 0;
        let result = loop {
            if self.is_op(".") {
                self.advance();
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
                self.advance();
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
                self.advance();
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
    fn parse_arguments(&mut self) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        // A generator expression as the sole argument starts at the call's `(`.
        let open = self.tokens[self.pos.saturating_sub(1)].start;
        let mut args: Vec<Expr> = Vec::new();
        let mut keywords: Vec<Keyword> = Vec::new();
        let mut seen_keyword = false;
        let mut seen_unpack = false;
        let mut keyword_names: Vec<String> = Vec::new();
        let mut order_error: Option<&str> = None;
        loop {
            if self.is_op(")") {
                if let Some(message) = order_error {
                    let token = self.token().clone();
                    return Err(syntax_error(message, token.start, token.end));
                }
                self.advance();
                break;
            }
            let arg_index = self.pos;
            let arg_start = self.start();
            let last: Expr;
            if self.is_op("*") {
                let star = self.advance();
                let value = self.parse_expression()?;
                let starred = expr(ExprKind::Starred(Box::new(value)), star.start);
                self.record_end(&starred);
                if seen_unpack {
                    return Err(syntax_error(
                        "iterable argument unpacking follows keyword argument unpacking",
                        star.start,
                        star.end,
                    ));
                }
                args.push(starred.clone());
                last = starred;
            } else if self.is_op("**") {
                self.advance();
                let value = self.parse_expression()?;
                self.record_end(&value);
                seen_unpack = true;
                keywords.push(Keyword {
                    name: None,
                    value: value.clone(),
                    loc: loc(arg_start),
                });
                last = value;
            } else if matches!(self.peek(), Tok::Name(_))
                && matches!(self.peek_ahead(1), Tok::Op("="))
            {
                let name_token = self.advance();
                let Tok::Name(name) = name_token.tok.clone() else {
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
                if keyword_names.contains(&name) {
                    self.note_compile_error(syntax_error(
                        format!("keyword argument repeated: {name}"),
                        name_token.start,
                        self.prev_end(),
                    ));
                }
                keyword_names.push(name.clone());
                seen_keyword = true;
                keywords.push(Keyword {
                    name: Some(name),
                    value: value.clone(),
                    loc: loc(name_token.start),
                });
                last = value;
            } else {
                let value = self.parse_named_expression()?;
                self.record_end(&value);
                if self.is_kw("for") || self.is_kw("async") {
                    let generators = self.parse_comprehension_clauses()?;
                    let sole = args.is_empty() && keywords.is_empty() && self.is_op(")");
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
                    args.push(genexp);
                    self.advance();
                    break;
                }
                if self.is_op("=") {
                    let eq = self.token().clone();
                    return Err(syntax_error(
                        "expression cannot contain assignment, perhaps you meant \"==\"?",
                        arg_start,
                        eq.end,
                    ));
                }
                // CPython reports these at the last token of the arguments.
                if seen_unpack && order_error.is_none() {
                    order_error = Some("positional argument follows keyword argument unpacking");
                } else if seen_keyword && order_error.is_none() {
                    order_error = Some("positional argument follows keyword argument");
                }
                args.push(value.clone());
                last = value;
            }
            if self.eat_op(",") {
                if self.is_op(",") {
                    return Err(self.invalid_here());
                }
                continue;
            }
            if self.is_op(")") {
                continue;
            }
            let value_index = self.index_of_start(&last).unwrap_or(arg_index);
            return Err(self.unexpected_after(value_index, &last));
        }
        // Generator expressions given with other arguments were caught above; one given
        // after a trailing comma is also an error in CPython.
        Ok((args, keywords))
    }

    /// The index of the token where `e` starts (searching backwards from here).
    fn index_of_start(&self, e: &Expr) -> Option<usize> {
        let start = pos_of(e.loc);
        self.tokens[..self.pos]
            .iter()
            .rposition(|t| t.start == start)
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

    fn parse_atom(&mut self) -> PResult<Expr> {
        let token = self.token().clone();
        let start = token.start;
        let kind = match &token.tok {
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
            Tok::Str(_) | Tok::FStringStart => return self.parse_strings(),
            Tok::Op("(") => return self.parse_parenthesized(),
            Tok::Op("[") => return self.parse_list(),
            Tok::Op("{") => return self.parse_braces(),
            _ => return Err(self.invalid_here()),
        };
        self.advance();
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
            self.advance();
            let value = self.parse_bitwise_or()?;
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
    fn parse_comprehension_clauses(&mut self) -> PResult<Vec<Comprehension>> {
        let mut generators = Vec::new();
        loop {
            if self.is_kw("async") && matches!(self.peek_ahead(1), Tok::Name(n) if n == "for") {
                let line = self.start().line;
                self.note_unsupported("'async for'", line);
                self.advance();
            } else if !self.is_kw("for") {
                break;
            }
            self.advance(); // 'for'
            let target = self.parse_for_target()?;
            if !self.eat_kw("in") {
                return Err(self.invalid_here());
            }
            let iter = self.parse_disjunction()?;
            let mut ifs = Vec::new();
            while self.eat_kw("if") {
                ifs.push(self.parse_disjunction()?);
            }
            generators.push(Comprehension { target, iter, ifs });
        }
        Ok(generators)
    }

    fn parse_yield(&mut self) -> PResult<Expr> {
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
        if !self.context.in_function {
            self.note_compile_error(syntax_error(
                "'yield' outside function",
                keyword.start,
                self.prev_end(),
            ));
        }
        Ok(e)
    }

    /// Adjacent string literals, concatenated: a str, a bytes, or (if any piece is an
    /// f-string) one f-string.
    fn parse_strings(&mut self) -> PResult<Expr> {
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
        let value = value?;
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
            if matches!(token.tok, Tok::FStringEnd) {
                return Err(Box::new(PErr {
                    kind: SyntaxErrorKind::SyntaxError,
                    message: "f-string: expecting '}'".into(),
                    line: token.start.line,
                    offset: token.start.col + 1,
                    end_offset: token.start.col + 1,
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
            return Err(self.unexpected_after(value_index, &value));
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

/// Is `e` something CPython's `bitwise_or` rule produces (an atom, a primary, or an
/// arithmetic or bitwise expression), rather than a comparison, `not`, `and`/`or`,
/// a conditional expression, a lambda or a starred expression?
fn is_bitwise_or_level(e: &Expr, bare_tuple: bool) -> bool {
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
fn leftmost_atom(e: &Expr) -> &Expr {
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

// ----- the symbol-table checks ------------------------------------------------------

const DEF_PARAM: u8 = 1;
const DEF_LOCAL: u8 = 2;
const USE: u8 = 4;
const DEF_ANNOT: u8 = 8;
const DEF_GLOBAL: u8 = 16;
const DEF_NONLOCAL: u8 = 32;

#[derive(PartialEq, Eq, Clone, Copy)]
enum ScopeKind {
    Module,
    Function,
    Class,
}

struct Scope {
    kind: ScopeKind,
    symbols: HashMap<String, u8>,
}

/// The errors CPython's symbol table raises, in its visiting order: `global`/`nonlocal`
/// after a use or assignment, `nonlocal` at module level, duplicate parameters.
fn symtable_check(body: &[Stmt], stmt_ends: &HashMap<(u32, u32), Pos>) -> Option<Box<PErr>> {
    let mut checker = SymtableChecker {
        scopes: vec![Scope {
            kind: ScopeKind::Module,
            symbols: HashMap::new(),
        }],
        stmt_ends,
    };
    checker.visit_body(body).err()
}

struct SymtableChecker<'a> {
    scopes: Vec<Scope>,
    stmt_ends: &'a HashMap<(u32, u32), Pos>,
}

impl SymtableChecker<'_> {
    fn add(&mut self, name: &str, flag: u8) {
        if let Some(scope) = self.scopes.last_mut() {
            *scope.symbols.entry(name.to_string()).or_insert(0) |= flag;
        }
    }

    fn visit_body(&mut self, body: &[Stmt]) -> PResult<()> {
        for stmt in body {
            self.visit_stmt(stmt)?;
        }
        Ok(())
    }

    fn visit_params(&mut self, params: &Parameters) -> PResult<()> {
        let all = params
            .posonly
            .iter()
            .chain(&params.args)
            .chain(&params.vararg)
            .chain(&params.kwonly)
            .chain(&params.kwarg);
        let mut seen: Vec<&str> = Vec::new();
        for param in all {
            if seen.contains(&param.name.as_str()) {
                let start = pos_of(param.loc);
                let end = Pos {
                    line: start.line,
                    col: start.col + param.name.chars().count() as u32,
                };
                return Err(syntax_error(
                    format!("duplicate argument '{}' in function definition", param.name),
                    start,
                    end,
                ));
            }
            seen.push(&param.name);
            self.add(&param.name, DEF_PARAM);
        }
        Ok(())
    }

    fn visit_defaults(&mut self, params: &Parameters, annotations: bool) -> PResult<()> {
        for param in params
            .posonly
            .iter()
            .chain(&params.args)
            .chain(&params.kwonly)
        {
            if let Some(default) = &param.default {
                self.visit_expr(default)?;
            }
        }
        if annotations {
            for param in params
                .posonly
                .iter()
                .chain(&params.args)
                .chain(&params.vararg)
                .chain(&params.kwonly)
                .chain(&params.kwarg)
            {
                if let Some(annotation) = &param.annotation {
                    self.visit_expr(annotation)?;
                }
            }
        }
        Ok(())
    }

    fn push_scope(&mut self, kind: ScopeKind) {
        self.scopes.push(Scope {
            kind,
            symbols: HashMap::new(),
        });
    }

    fn declaration(&mut self, stmt: &Stmt, names: &[String], global: bool) -> PResult<()> {
        let start = pos_of(stmt.loc);
        let end = self
            .stmt_ends
            .get(&(start.line, start.col))
            .copied()
            .unwrap_or(Pos {
                line: start.line,
                col: start.col + 1,
            });
        let word = if global { "global" } else { "nonlocal" };
        let kind = self.scopes.last().map_or(ScopeKind::Module, |s| s.kind);
        if !global && kind == ScopeKind::Module {
            return Err(syntax_error(
                "nonlocal declaration not allowed at module level",
                start,
                end,
            ));
        }
        for name in names {
            let flags = self
                .scopes
                .last()
                .and_then(|s| s.symbols.get(name))
                .copied()
                .unwrap_or(0);
            let message = if flags & DEF_PARAM != 0 {
                Some(format!("name '{name}' is parameter and {word}"))
            } else if flags & USE != 0 {
                Some(format!("name '{name}' is used prior to {word} declaration"))
            } else if flags & DEF_ANNOT != 0 {
                Some(format!("annotated name '{name}' can't be {word}"))
            } else if flags & DEF_LOCAL != 0 {
                Some(format!(
                    "name '{name}' is assigned to before {word} declaration"
                ))
            } else if (global && flags & DEF_NONLOCAL != 0) || (!global && flags & DEF_GLOBAL != 0)
            {
                Some(format!("name '{name}' is nonlocal and global"))
            } else {
                None
            };
            if let Some(message) = message {
                return Err(syntax_error(message, start, end));
            }
            self.add(name, if global { DEF_GLOBAL } else { DEF_NONLOCAL });
        }
        Ok(())
    }

    fn visit_stmt(&mut self, stmt: &Stmt) -> PResult<()> {
        match &stmt.kind {
            StmtKind::Expr(e) => self.visit_expr(e),
            StmtKind::Assign { targets, value } => {
                for target in targets {
                    self.visit_target(target)?;
                }
                self.visit_expr(value)
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.visit_target(target)?;
                self.visit_expr(value)
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
            } => {
                if let ExprKind::Name(name) = &target.kind {
                    self.add(name, DEF_ANNOT | DEF_LOCAL);
                } else {
                    self.visit_target(target)?;
                }
                self.visit_expr(annotation)?;
                if let Some(value) = value {
                    self.visit_expr(value)?;
                }
                Ok(())
            }
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                self.visit_expr(test)?;
                self.visit_body(body)?;
                self.visit_body(orelse)
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.visit_target(target)?;
                self.visit_expr(iter)?;
                self.visit_body(body)?;
                self.visit_body(orelse)
            }
            StmtKind::FunctionDef(def) => {
                self.visit_defaults(&def.params, true)?;
                if let Some(returns) = &def.returns {
                    self.visit_expr(returns)?;
                }
                for decorator in &def.decorators {
                    self.visit_expr(decorator)?;
                }
                self.add(&def.name, DEF_LOCAL);
                self.push_scope(ScopeKind::Function);
                let result = self
                    .visit_params(&def.params)
                    .and_then(|_| self.visit_body(&def.body));
                self.scopes.pop();
                result
            }
            StmtKind::ClassDef(class) => {
                for base in &class.bases {
                    self.visit_expr(base)?;
                }
                for keyword in &class.keywords {
                    self.visit_expr(&keyword.value)?;
                }
                for decorator in &class.decorators {
                    self.visit_expr(decorator)?;
                }
                self.add(&class.name, DEF_LOCAL);
                self.push_scope(ScopeKind::Class);
                let result = self.visit_body(&class.body);
                self.scopes.pop();
                result
            }
            StmtKind::Return(value) => match value {
                Some(value) => self.visit_expr(value),
                None => Ok(()),
            },
            StmtKind::Delete(targets) => {
                for target in targets {
                    self.visit_target(target)?;
                }
                Ok(())
            }
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => Ok(()),
            StmtKind::Global(names) => self.declaration(stmt, names, true),
            StmtKind::Nonlocal(names) => self.declaration(stmt, names, false),
            StmtKind::Raise { exc, cause } => {
                if let Some(exc) = exc {
                    self.visit_expr(exc)?;
                }
                if let Some(cause) = cause {
                    self.visit_expr(cause)?;
                }
                Ok(())
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.visit_body(body)?;
                for handler in handlers {
                    if let Some(type_) = &handler.type_ {
                        self.visit_expr(type_)?;
                    }
                    if let Some(name) = &handler.name {
                        self.add(name, DEF_LOCAL);
                    }
                    self.visit_body(&handler.body)?;
                }
                self.visit_body(orelse)?;
                self.visit_body(finalbody)
            }
            StmtKind::With { items, body } => {
                for item in items {
                    self.visit_expr(&item.context)?;
                    if let Some(target) = &item.target {
                        self.visit_target(target)?;
                    }
                }
                self.visit_body(body)
            }
            StmtKind::Assert { test, msg } => {
                self.visit_expr(test)?;
                if let Some(msg) = msg {
                    self.visit_expr(msg)?;
                }
                Ok(())
            }
            StmtKind::Import(names) => {
                for alias in names {
                    let bound = alias
                        .asname
                        .clone()
                        .unwrap_or_else(|| alias.name.split('.').next().unwrap_or("").to_string());
                    self.add(&bound, DEF_LOCAL);
                }
                Ok(())
            }
            StmtKind::ImportFrom { names, .. } => {
                for alias in names {
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name);
                    if bound != "*" {
                        let bound = bound.clone();
                        self.add(&bound, DEF_LOCAL);
                    }
                }
                Ok(())
            }
        }
    }

    fn visit_target(&mut self, target: &Expr) -> PResult<()> {
        match &target.kind {
            ExprKind::Name(name) => {
                self.add(name, DEF_LOCAL);
                Ok(())
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for item in items {
                    self.visit_target(item)?;
                }
                Ok(())
            }
            ExprKind::Starred(inner) => self.visit_target(inner),
            _ => self.visit_expr(target),
        }
    }

    fn visit_comprehension(
        &mut self,
        generators: &[Comprehension],
        elements: &[&Expr],
    ) -> PResult<()> {
        let Some(first) = generators.first() else {
            return Ok(());
        };
        self.visit_expr(&first.iter)?;
        // Comprehensions have their own scope, but their names never meet a `global`
        // statement, so the enclosing scope's table can stand in for it.
        self.push_scope(ScopeKind::Function);
        let result = (|| {
            for (i, generator) in generators.iter().enumerate() {
                self.visit_target(&generator.target)?;
                if i > 0 {
                    self.visit_expr(&generator.iter)?;
                }
                for condition in &generator.ifs {
                    self.visit_expr(condition)?;
                }
            }
            for element in elements {
                self.visit_expr(element)?;
            }
            Ok(())
        })();
        self.scopes.pop();
        result
    }

    fn visit_expr(&mut self, e: &Expr) -> PResult<()> {
        match &e.kind {
            ExprKind::Name(name) => {
                self.add(name, USE);
                Ok(())
            }
            ExprKind::Constant(_) => Ok(()),
            ExprKind::FString(parts) => self.visit_fstring(parts),
            ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
                for item in items {
                    self.visit_expr(item)?;
                }
                Ok(())
            }
            ExprKind::Dict(entries) => {
                for (key, value) in entries {
                    if let Some(key) = key {
                        self.visit_expr(key)?;
                    }
                    self.visit_expr(value)?;
                }
                Ok(())
            }
            ExprKind::Starred(inner) => self.visit_expr(inner),
            ExprKind::BinOp { left, right, .. } => {
                self.visit_expr(left)?;
                self.visit_expr(right)
            }
            ExprKind::UnaryOp { operand, .. } => self.visit_expr(operand),
            ExprKind::BoolOp { values, .. } => {
                for value in values {
                    self.visit_expr(value)?;
                }
                Ok(())
            }
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.visit_expr(left)?;
                for comparator in comparators {
                    self.visit_expr(comparator)?;
                }
                Ok(())
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.visit_expr(func)?;
                for arg in args {
                    self.visit_expr(arg)?;
                }
                for keyword in keywords {
                    self.visit_expr(&keyword.value)?;
                }
                Ok(())
            }
            ExprKind::Attribute { value, .. } => self.visit_expr(value),
            ExprKind::Subscript { value, index } => {
                self.visit_expr(value)?;
                self.visit_expr(index)
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    self.visit_expr(part)?;
                }
                Ok(())
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.visit_expr(test)?;
                self.visit_expr(body)?;
                self.visit_expr(orelse)
            }
            ExprKind::Lambda { params, body } => {
                self.visit_defaults(params, false)?;
                self.push_scope(ScopeKind::Function);
                let result = self
                    .visit_params(params)
                    .and_then(|_| self.visit_expr(body));
                self.scopes.pop();
                result
            }
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                self.visit_comprehension(generators, &[elt])
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.visit_comprehension(generators, &[key, value]),
            ExprKind::Yield(value) => match value {
                Some(value) => self.visit_expr(value),
                None => Ok(()),
            },
            ExprKind::YieldFrom(value) => self.visit_expr(value),
            ExprKind::NamedExpr { target, value } => {
                self.visit_expr(value)?;
                // The target binds in the nearest enclosing non-comprehension scope;
                // close enough for the checks made here.
                self.add(target, DEF_LOCAL);
                Ok(())
            }
        }
    }

    fn visit_fstring(&mut self, parts: &[FStringPart]) -> PResult<()> {
        for part in parts {
            if let FStringPart::Field {
                value, format_spec, ..
            } = part
            {
                self.visit_expr(value)?;
                if let Some(spec) = format_spec {
                    self.visit_fstring(spec)?;
                }
            }
        }
        Ok(())
    }
}
