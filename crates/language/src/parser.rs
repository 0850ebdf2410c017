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
//! is reported as using a construct threadplay does not support (`async with`, `match`, ...).
//!
//! It must never panic, never loop without consuming a token, and never recurse without
//! bound: expression nesting is capped (`MAX_DEPTH`) so parsing fits a 1 MiB stack, and
//! statement nesting is capped by the tokenizer's indentation limit.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};

use crate::ast::*;
use crate::error::*;
use crate::lexer::{self, LexError, Pos, StrValue, Strength, Tok, Token};

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
        let mut end_offset = error.end_offset;
        if error.end_line.is_some() {
            // CPython measures an end on a later line against the first line's length.
            let first_line = parser
                .lines
                .get(error.line as usize - 1)
                .map_or(0, Vec::len);
            end_offset = end_offset.min(first_line as u32 + 1);
        }
        CompileError::Syntax(SyntaxError {
            kind: error.kind,
            message: error.message,
            filename: filename.to_string(),
            line: error.line,
            offset: error.offset,
            end_offset,
            source_line: parser.source_line(error.line),
        })
    };
    let from_lex = |error: LexError| PErr {
        kind: error.kind,
        message: error.message,
        line: error.line,
        offset: error.offset,
        end_offset: error.end_offset,
        end_line: None,
    };
    match parser.parse_file() {
        Err(error) => {
            let Some(lex_error) = lexed.error else {
                return Err(make(&parser, *error));
            };
            let reached = error_index.is_some_and(|index| parser.furthest.get() >= index);
            let lexer_wins = reached
                || !error.is_final()
                    && match lex_error.strength {
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
    /// The line `end_offset` is on, when not `line`.
    end_line: Option<u32>,
}

impl PErr {
    /// CPython reports these without scanning the rest of the file for tokenizer
    /// errors, so a later tokenizer error does not replace them.
    fn is_final(&self) -> bool {
        self.message == "unexpected indent" || self.message == "unexpected unindent"
    }
}

type PResult<T> = Result<T, Box<PErr>>;

fn syntax_error(message: impl Into<String>, start: Pos, end: Pos) -> Box<PErr> {
    Box::new(PErr {
        kind: SyntaxErrorKind::SyntaxError,
        message: message.into(),
        line: start.line,
        offset: start.col + 1,
        end_offset: end.col + 1,
        end_line: (end.line != start.line).then_some(end.line),
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

/// Python 3.12's hard keywords (the editor's highlighter uses them too).
pub const KEYWORDS: [&str; 35] = [
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

/// Where statements are, for `return`/`break`/`continue`/`yield` placement.
#[derive(Clone, Copy)]
struct Context {
    in_function: bool,
    in_loop: bool,
    /// Directly inside an `async def` (not a nested `def`, `lambda` or class): where
    /// `await` is allowed.
    in_async: bool,
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    /// The furthest token looked at: tells whether the parser reached a tokenizer error.
    furthest: Cell<usize>,
    /// The furthest token looked at while parsing proper, not while looking for a
    /// better error message: where CPython reports a plain "invalid syntax".
    furthest_parsed: Cell<usize>,
    lines: Vec<Vec<char>>,
    depth: u32,
    context: Context,
    /// The first error CPython's compiler (not its parser) would report.
    compile_error: Option<Box<PErr>>,
    unsupported: Option<(String, u32)>,
    /// End positions of expressions, keyed by start and kind, for error ranges.
    ends: HashMap<(u32, u32, u8), Pos>,
    /// End positions of `global`/`nonlocal` statements and of `yield` expressions,
    /// keyed by start (the symbol-table checks point at them).
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
        ExprKind::Await(_) => 25,
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
            furthest_parsed: Cell::new(0),
            lines,
            depth: 0,
            context: Context {
                in_function: false,
                in_loop: false,
                in_async: false,
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
        if index > self.furthest_parsed.get() {
            self.furthest_parsed.set(index);
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

    /// Moves past the current token (never past the last one).
    fn skip(&mut self) {
        if self.pos + 1 < self.tokens.len() {
            self.pos += 1;
        }
    }

    fn eat_op(&mut self, op: &str) -> bool {
        if self.is_op(op) {
            self.skip();
            true
        } else {
            false
        }
    }

    fn eat_kw(&mut self, keyword: &str) -> bool {
        if self.is_kw(keyword) {
            self.skip();
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

    /// Runs `f` to look for a better error message, restoring the parser afterwards;
    /// tokens it looks at still count as reached (for tokenizer errors), but not for
    /// where a plain "invalid syntax" points.
    fn speculate<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        let snapshot = self.snapshot();
        let parsed = self.furthest_parsed.get();
        let result = f(self);
        self.restore(snapshot);
        self.furthest_parsed.set(parsed);
        result
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
    fn invalid_here(&self) -> Box<PErr> {
        self.invalid_at(self.pos.max(self.furthest_parsed.get()))
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
            return Err(self.too_deep());
        }
        Ok(())
    }

    #[inline(never)]
    fn too_deep(&self) -> Box<PErr> {
        let token = self.token();
        syntax_error("too many nested parentheses", token.start, token.end)
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
            if let Some(error) = self.equals_hint(start_index, &test) {
                return Err(error);
            }
        }
        Ok(test)
    }

    /// CPython's hints for `=` written where a named expression was expected (an `if`
    /// condition, a parenthesized or displayed element): `x = 1` may have meant `x == 1`.
    fn equals_hint(&mut self, start_index: usize, test: &Expr) -> Option<Box<PErr>> {
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
            self.advance();
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

    // The functions from here to `parse_atom` are on the recursion path of every nested
    // bracket, so they are kept thin: the work for operators that are present goes into
    // separate, never-inlined functions, which keeps each nesting level's stack small.

    fn parse_star_named_expression(&mut self) -> PResult<Expr> {
        let e = if self.is_op("*") {
            self.parse_star_expression()?
        } else {
            self.parse_named_expression()?
        };
        self.record_end(&e);
        Ok(e)
    }

    /// `NAME := expression` or an expression.
    fn parse_named_expression(&mut self) -> PResult<Expr> {
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
    fn expression_follows_walrus(&mut self) -> bool {
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
    fn parse_expression(&mut self) -> PResult<Expr> {
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

    fn parse_disjunction(&mut self) -> PResult<Expr> {
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
    fn parse_arguments(&mut self) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
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
    /// For a comprehension's scope, what CPython calls it ("list comprehension", ...).
    comprehension: Option<&'static str>,
    symbols: HashMap<String, u8>,
    /// Names in the order they were first seen (CPython analyses them in that order).
    order: Vec<String>,
    /// Where each name's `global`/`nonlocal` statement is (start, end).
    directives: HashMap<String, (Pos, Pos)>,
    children: Vec<Scope>,
}

impl Scope {
    fn new(kind: ScopeKind) -> Self {
        Scope {
            kind,
            comprehension: None,
            symbols: HashMap::new(),
            order: Vec::new(),
            directives: HashMap::new(),
            children: Vec::new(),
        }
    }
}

/// The errors CPython's symbol table raises: first those found while building it, in
/// visiting order (`global`/`nonlocal` after a use or assignment, duplicate parameters,
/// `import *` in a function), then those of its analysis (`nonlocal` with no binding).
fn symtable_check(body: &[Stmt], stmt_ends: &HashMap<(u32, u32), Pos>) -> Option<Box<PErr>> {
    let mut checker = SymtableChecker {
        scopes: vec![Scope::new(ScopeKind::Module)],
        stmt_ends,
    };
    if let Err(error) = checker.visit_body(body) {
        return Some(error);
    }
    let module = checker.scopes.pop()?;
    analyze_scope(&module, None).err()
}

/// CPython's `analyze_block`: a `nonlocal` name must be bound in an enclosing function.
fn analyze_scope(scope: &Scope, bound: Option<&HashSet<String>>) -> PResult<()> {
    for name in &scope.order {
        let flags = scope.symbols.get(name).copied().unwrap_or(0);
        if flags & DEF_NONLOCAL == 0 {
            continue;
        }
        let message = match bound {
            None => "nonlocal declaration not allowed at module level".to_string(),
            Some(bound) if !bound.contains(name) => {
                format!("no binding for nonlocal '{name}' found")
            }
            Some(_) => continue,
        };
        let (start, end) = scope.directives.get(name).copied().unwrap_or_default();
        return Err(syntax_error(message, start, end));
    }
    let mut new_bound: HashSet<String> = bound.cloned().unwrap_or_default();
    match scope.kind {
        ScopeKind::Class => {}
        ScopeKind::Module | ScopeKind::Function => {
            for (name, flags) in &scope.symbols {
                if flags & DEF_GLOBAL != 0 {
                    new_bound.remove(name);
                } else if scope.kind == ScopeKind::Function
                    && flags & (DEF_LOCAL | DEF_PARAM) != 0
                    && flags & DEF_NONLOCAL == 0
                {
                    new_bound.insert(name.clone());
                }
            }
        }
    }
    for child in &scope.children {
        analyze_scope(child, Some(&new_bound))?;
    }
    Ok(())
}

struct SymtableChecker<'a> {
    scopes: Vec<Scope>,
    stmt_ends: &'a HashMap<(u32, u32), Pos>,
}

impl SymtableChecker<'_> {
    fn add(&mut self, name: &str, flag: u8) {
        if let Some(scope) = self.scopes.last_mut() {
            if !scope.symbols.contains_key(name) {
                scope.order.push(name.to_string());
            }
            *scope.symbols.entry(name.to_string()).or_insert(0) |= flag;
        }
    }

    fn pop_scope(&mut self) {
        if self.scopes.len() > 1 {
            if let Some(scope) = self.scopes.pop() {
                if let Some(parent) = self.scopes.last_mut() {
                    parent.children.push(scope);
                }
            }
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
        self.scopes.push(Scope::new(kind));
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
            if let Some(scope) = self.scopes.last_mut() {
                scope.directives.entry(name.clone()).or_insert((start, end));
            }
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
                self.pop_scope();
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
                self.pop_scope();
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
                let in_module = self.scopes.len() == 1;
                for alias in names {
                    if alias.name == "*" && !in_module {
                        let start = pos_of(alias.loc);
                        let end = Pos {
                            line: start.line,
                            col: start.col + 1,
                        };
                        return Err(syntax_error(
                            "import * only allowed at module level",
                            start,
                            end,
                        ));
                    }
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
        what: &'static str,
        generators: &[Comprehension],
        elements: &[&Expr],
    ) -> PResult<()> {
        let Some(first) = generators.first() else {
            return Ok(());
        };
        self.visit_expr(&first.iter)?;
        self.push_scope(ScopeKind::Function);
        if let Some(scope) = self.scopes.last_mut() {
            scope.comprehension = Some(what);
        }
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
        self.pop_scope();
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
                self.pop_scope();
                result
            }
            ExprKind::ListComp { elt, generators } => {
                self.visit_comprehension("list comprehension", generators, &[elt])
            }
            ExprKind::SetComp { elt, generators } => {
                self.visit_comprehension("set comprehension", generators, &[elt])
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.visit_comprehension("generator expression", generators, &[elt])
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.visit_comprehension("dict comprehension", generators, &[key, value]),
            ExprKind::Yield(value) => {
                self.check_yield(e)?;
                match value {
                    Some(value) => self.visit_expr(value),
                    None => Ok(()),
                }
            }
            ExprKind::YieldFrom(value) => {
                self.check_yield(e)?;
                self.visit_expr(value)
            }
            ExprKind::Await(value) => self.visit_expr(value),
            ExprKind::NamedExpr { target, value } => {
                self.visit_expr(value)?;
                // The target binds in the nearest enclosing non-comprehension scope;
                // close enough for the checks made here.
                self.add(target, DEF_LOCAL);
                Ok(())
            }
        }
    }

    /// `yield` in a comprehension would make the comprehension a generator.
    fn check_yield(&self, e: &Expr) -> PResult<()> {
        if let Some(what) = self.scopes.last().and_then(|s| s.comprehension) {
            let start = pos_of(e.loc);
            let end = self
                .stmt_ends
                .get(&(start.line, start.col))
                .copied()
                .unwrap_or(Pos {
                    line: start.line,
                    col: start.col + 5,
                });
            return Err(syntax_error(format!("'yield' inside {what}"), start, end));
        }
        Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    /// (source, kind, message, line, offset, end_offset), taken from CPython 3.12.1's
    /// `compile()`. Where CPython's `end_offset` is 0 or -1, or before `offset` on the
    /// same line (it then draws a single caret), `offset + 1` stands in for it.
    const CPYTHON_SYNTAX_ERRORS: &[(&str, &str, &str, u32, u32, u32)] = &[
    ("def f():\n    x = await g()\n", "SyntaxError", "'await' outside async function", 2, 9, 18),
    ("await x\n", "SyntaxError", "'await' outside function", 1, 1, 8),
    ("x = 1\nasync def f():\n    return lambda: await g()\n", "SyntaxError", "'await' outside async function", 3, 20, 29),
    ("async def f():\n    await\n", "SyntaxError", "invalid syntax", 2, 10, 11),
    ("class A:\n    await x\n", "SyntaxError", "'await' outside function", 2, 5, 12),
    ("async def f():\n    def g():\n        await h()\n", "SyntaxError", "'await' outside async function", 3, 9, 18),
    ("async def f():\n    await await x\n", "SyntaxError", "invalid syntax", 2, 11, 16),
    ("async def f():\n    x = await\n", "SyntaxError", "invalid syntax", 2, 14, 15),
    ("if x\n  pass\n", "SyntaxError", "expected ':'", 1, 5, 6),
    ("if x\n", "SyntaxError", "expected ':'", 1, 5, 6),
    ("while x\n pass\n", "SyntaxError", "expected ':'", 1, 8, 9),
    ("for a in b\n pass\n", "SyntaxError", "expected ':'", 1, 11, 12),
    ("def f()\n pass\n", "SyntaxError", "expected ':'", 1, 8, 9),
    ("def f() x\n", "SyntaxError", "expected ':'", 1, 9, 10),
    ("class C\n pass\n", "SyntaxError", "expected ':'", 1, 8, 9),
    ("class C(A)\n pass\n", "SyntaxError", "expected ':'", 1, 11, 12),
    ("if x:\n pass\nelse\n pass\n", "SyntaxError", "expected ':'", 3, 5, 6),
    ("try\n pass\n", "SyntaxError", "expected ':'", 1, 4, 5),
    ("try:\n pass\nexcept\n pass\n", "SyntaxError", "expected ':'", 3, 7, 8),
    ("try:\n pass\nexcept E\n pass\n", "SyntaxError", "expected ':'", 3, 9, 10),
    ("with a as b\n pass\n", "SyntaxError", "expected ':'", 1, 12, 13),
    ("x = (1,\ny = 2\n", "SyntaxError", "'(' was never closed", 1, 5, 6),
    ("x = (1, 2\n", "SyntaxError", "'(' was never closed", 1, 5, 6),
    ("x = 1)\n", "SyntaxError", "unmatched ')'", 1, 6, 6),
    ("x = (1]\n", "SyntaxError", "closing parenthesis ']' does not match opening parenthesis '('", 1, 7, 7),
    ("x = (1,\n2]\n", "SyntaxError", "closing parenthesis ']' does not match opening parenthesis '(' on line 1", 2, 2, 2),
    ("x = = 3\n", "SyntaxError", "invalid syntax", 1, 5, 6),
    ("foo bar\n", "SyntaxError", "invalid syntax", 1, 5, 8),
    ("f(a b)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 3, 6),
    ("[a b c]\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 2, 5),
    ("x = 'abc\n", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 5, 5),
    ("x = \"\"\"abc\n\n", "SyntaxError", "unterminated triple-quoted string literal (detected at line 2)", 1, 5, 5),
    ("x = 1\n    y = 2\n", "IndentationError", "unexpected indent", 2, 4, 5),
    ("if x:\npass\n", "IndentationError", "expected an indented block after 'if' statement on line 1", 2, 1, 5),
    ("if x:\n    a\n  b\n", "IndentationError", "unindent does not match any outer indentation level", 3, 4, 5),
    ("1 = x\n", "SyntaxError", "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 1, 2),
    ("f() = 1\n", "SyntaxError", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 1, 4),
    ("a + 1 = 2\n", "SyntaxError", "cannot assign to expression here. Maybe you meant '==' instead of '='?", 1, 1, 6),
    ("(a, 1) = x\n", "SyntaxError", "cannot assign to literal", 1, 5, 6),
    ("[a, f()] = x\n", "SyntaxError", "cannot assign to function call", 1, 5, 8),
    ("x = f() = 3\n", "SyntaxError", "cannot assign to function call", 1, 5, 8),
    ("return 1\n", "SyntaxError", "'return' outside function", 1, 1, 9),
    ("break\n", "SyntaxError", "'break' outside loop", 1, 1, 6),
    ("continue\n", "SyntaxError", "'continue' not properly in loop", 1, 1, 9),
    ("x = 1abc\n", "SyntaxError", "invalid decimal literal", 1, 5, 5),
    ("print 'hi'\n", "SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1, 11),
    ("print x\n", "SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1, 8),
    ("f(a=1, b)\n", "SyntaxError", "positional argument follows keyword argument", 1, 9, 10),
    ("def f(a=1, b): pass\n", "SyntaxError", "parameter without a default follows parameter with a default", 1, 12, 13),
    ("f'{x'\n", "SyntaxError", "f-string: expecting '}'", 1, 5, 5),
    ("f'{x!z}'\n", "SyntaxError", "f-string: invalid conversion character 'z': expected 's', 'r', or 'a'", 1, 6, 7),
    ("f'{}'\n", "SyntaxError", "f-string: valid expression required before '}'", 1, 4, 5),
    ("f'}'\n", "SyntaxError", "f-string: single '}' is not allowed", 1, 3, 3),
    ("yield 1\n", "SyntaxError", "'yield' outside function", 1, 1, 8),
    ("nonlocal x\n", "SyntaxError", "nonlocal declaration not allowed at module level", 1, 1, 11),
    ("def f():\n  x = 1\n  global x\n", "SyntaxError", "name 'x' is assigned to before global declaration", 3, 3, 11),
    ("x = 1 +\n", "SyntaxError", "invalid syntax", 1, 8, 9),
    ("if x = 3:\n pass\n", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 4, 9),
    ("while True:\n  pass\nelse:\n  break\n", "SyntaxError", "'break' outside loop", 4, 3, 8),
    ("x = 5 if y\n", "SyntaxError", "expected 'else' after 'if' expression", 1, 5, 11),
    ("a.b = 3 = 4\n", "SyntaxError", "cannot assign to literal", 1, 7, 8),
    ("del f()\n", "SyntaxError", "cannot delete function call", 1, 5, 8),
    ("for f() in x: pass\n", "SyntaxError", "cannot assign to function call", 1, 5, 8),
    ("x += 1 += 2\n", "SyntaxError", "invalid syntax", 1, 8, 10),
    ("f() += 1\n", "SyntaxError", "'function call' is an illegal expression for augmented assignment", 1, 1, 4),
    ("x: int, y: int = 1, 2\n", "SyntaxError", "invalid syntax", 1, 7, 8),
    ("[x]: int\n", "SyntaxError", "only single target (not list) can be annotated", 1, 1, 4),
    ("f'{x)}'\n", "SyntaxError", "f-string: unmatched ')'", 1, 5, 5),
    ("f'{x!}'\n", "SyntaxError", "f-string: missing conversion character", 1, 6, 7),
    ("f'{x! r}'\n", "SyntaxError", "f-string: conversion type must come right after the exclamanation mark", 1, 5, 8),
    ("f'abc\n", "SyntaxError", "unterminated f-string literal (detected at line 1)", 1, 1, 1),
    ("f'''abc\n", "SyntaxError", "unterminated triple-quoted f-string literal (detected at line 1)", 1, 1, 1),
    ("f'{x:abc'\n", "SyntaxError", "f-string: expecting '}', or format specs", 1, 9, 10),
    ("f'{x:abc\n", "SyntaxError", "'{' was never closed", 1, 3, 4),
    ("f'{\\'a\\'}'\n", "SyntaxError", "unexpected character after line continuation character", 1, 5, 6),
    ("f'{x!r=}'\n", "SyntaxError", "f-string: expecting ':' or '}'", 1, 7, 8),
    ("f'{lambda x: 1}'\n", "SyntaxError", "f-string: lambda expressions are not allowed without parentheses", 1, 4, 13),
    ("f'{yield}'\n", "SyntaxError", "'yield' outside function", 1, 4, 9),
    ("x = $\n", "SyntaxError", "invalid syntax", 1, 5, 6),
    ("x = a ? b\n", "SyntaxError", "invalid syntax", 1, 7, 8),
    ("x = `a`\n", "SyntaxError", "invalid syntax", 1, 5, 6),
    ("x = 5 ♥ 3\n", "SyntaxError", "invalid character '♥' (U+2665)", 1, 7, 7),
    ("x = 1 \\ 2\n", "SyntaxError", "unexpected character after line continuation character", 1, 8, 9),
    ("x = 1 \\", "SyntaxError", "unexpected EOF while parsing", 1, 8, 9),
    ("x = 0x\n", "SyntaxError", "invalid hexadecimal literal", 1, 6, 6),
    ("x = 0o8\n", "SyntaxError", "invalid digit '8' in octal literal", 1, 7, 7),
    ("x = 0b2\n", "SyntaxError", "invalid digit '2' in binary literal", 1, 7, 7),
    ("x = 1_\n", "SyntaxError", "invalid decimal literal", 1, 6, 6),
    ("x = 1__0\n", "SyntaxError", "invalid decimal literal", 1, 6, 6),
    ("x = 012\n", "SyntaxError", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1, 5, 6),
    ("x = 1e\n", "SyntaxError", "invalid decimal literal", 1, 5, 5),
    ("x = 1e+\n", "SyntaxError", "invalid decimal literal", 1, 7, 7),
    ("x = 1.e5x\n", "SyntaxError", "invalid decimal literal", 1, 8, 8),
    ("x = 0xfg\n", "SyntaxError", "invalid hexadecimal literal", 1, 7, 7),
    ("x = b'é'\n", "SyntaxError", "bytes can only contain ASCII literal characters", 1, 5, 9),
    ("x = '\\x4'\n", "SyntaxError", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape", 1, 5, 10),
    ("x = b'\\x4'\n", "SyntaxError", "(value error) invalid \\x escape at position 0", 1, 5, 11),
    ("x = 'ab\\x4'\n", "SyntaxError", "(unicode error) 'unicodeescape' codec can't decode bytes in position 2-4: truncated \\xXX escape", 1, 5, 12),
    ("x = 'a' b'b'\n", "SyntaxError", "cannot mix bytes and nonbytes literals", 1, 13, 14),
    ("x = b'a' f'b'\n", "SyntaxError", "cannot mix bytes and nonbytes literals", 1, 14, 15),
    ("x = rb'a' 'b'\n", "SyntaxError", "cannot mix bytes and nonbytes literals", 1, 14, 15),
    ("if x:\n\tpass\n        pass\n", "TabError", "inconsistent use of tabs and spaces in indentation", 3, 1, 2),
    ("if x:\n        pass\n\tpass\n", "TabError", "inconsistent use of tabs and spaces in indentation", 3, 1, 2),
    ("if x:\n  if y:\n    pass\n pass\n", "IndentationError", "unindent does not match any outer indentation level", 4, 6, 7),
    ("x = (\n", "SyntaxError", "'(' was never closed", 1, 5, 6),
    ("x = [1,\n  2,\n", "SyntaxError", "'[' was never closed", 1, 5, 6),
    ("x = {", "SyntaxError", "'{' was never closed", 1, 5, 6),
    ("if x:\n", "IndentationError", "expected an indented block after 'if' statement on line 1", 1, 6, 7),
    ("if x:\n  pass\n  else:\n", "SyntaxError", "invalid syntax", 3, 3, 7),
    ("def f():\n    if x:\n    y = 1\n", "IndentationError", "expected an indented block after 'if' statement on line 2", 3, 5, 6),
    ("def f():\n    if x:\ny = 1\n", "IndentationError", "expected an indented block after 'if' statement on line 2", 3, 0, 1),
    ("  x = 1\n", "IndentationError", "unexpected indent", 1, 2, 3),
    ("x = 1\n\ty = 2\n", "IndentationError", "unexpected indent", 2, 1, 2),
    ("x = bu'a'\n", "SyntaxError", "invalid syntax", 1, 7, 10),
    ("x = ur'a'\n", "SyntaxError", "invalid syntax", 1, 7, 10),
    ("x = b'abc\n", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 5, 5),
    ("x = rb'abc\n", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 5, 5),
    ("x = '''abc", "SyntaxError", "unterminated triple-quoted string literal (detected at line 1)", 1, 5, 5),
    ("x = 1\ny = '''abc\n\nz\n", "SyntaxError", "unterminated triple-quoted string literal (detected at line 4)", 2, 5, 5),
    ("x = f'{x}' f'{\n", "SyntaxError", "'{' was never closed", 1, 14, 15),
    ("x = (1 +\n  2]\n", "SyntaxError", "closing parenthesis ']' does not match opening parenthesis '(' on line 1", 2, 4, 4),
    ("print(1))\n", "SyntaxError", "unmatched ')'", 1, 9, 9),
    ("x = 1\n)\n", "SyntaxError", "unmatched ')'", 2, 1, 1),
    ("x = -\n", "SyntaxError", "invalid syntax", 1, 6, 7),
    ("if x:\n  pass\nelif\n", "SyntaxError", "invalid syntax", 3, 5, 6),
    ("else:\n  pass\n", "SyntaxError", "invalid syntax", 1, 1, 5),
    ("x = [1, 2 3]\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 9, 12),
    ("x = (1, 2 3\n", "SyntaxError", "'(' was never closed", 1, 5, 6),
    ("f(x for x in y, 1)\n", "SyntaxError", "Generator expression must be parenthesized", 1, 3, 15),
    ("f(1, x for x in y)\n", "SyntaxError", "Generator expression must be parenthesized", 1, 6, 18),
    ("def f(*): pass\n", "SyntaxError", "named arguments must follow bare *", 1, 7, 8),
    ("def f(a, a): pass\n", "SyntaxError", "duplicate argument 'a' in function definition", 1, 10, 11),
    ("lambda x:\n", "SyntaxError", "invalid syntax", 1, 10, 11),
    ("f(a.b=1)\n", "SyntaxError", "expression cannot contain assignment, perhaps you meant \"==\"?", 1, 3, 7),
    ("f(True=1)\n", "SyntaxError", "cannot assign to True", 1, 3, 8),
    ("f(**k, *a)\n", "SyntaxError", "iterable argument unpacking follows keyword argument unpacking", 1, 8, 9),
    ("f(**k, b)\n", "SyntaxError", "positional argument follows keyword argument unpacking", 1, 9, 10),
    ("f(a=1, a=2)\n", "SyntaxError", "keyword argument repeated: a", 1, 8, 11),
    ("x = *a\n", "SyntaxError", "can't use starred expression here", 1, 5, 7),
    ("*a = 1\n", "SyntaxError", "starred assignment target must be in a list or tuple", 1, 1, 3),
    ("*a, *b = c\n", "SyntaxError", "multiple starred expressions in assignment", 1, 1, 7),
    ("del *a, b\n", "SyntaxError", "cannot delete starred", 1, 5, 7),
    ("a < b = 1\n", "SyntaxError", "cannot assign to comparison", 1, 1, 6),
    ("a and b = 1\n", "SyntaxError", "cannot assign to expression", 1, 1, 8),
    ("True = 1\n", "SyntaxError", "cannot assign to True", 1, 1, 5),
    ("None = 1\n", "SyntaxError", "cannot assign to None", 1, 1, 5),
    ("(yield) = 1\n", "SyntaxError", "cannot assign to yield expression here. Maybe you meant '==' instead of '='?", 1, 2, 7),
    ("x = yield = 1\n", "SyntaxError", "assignment to yield expression not possible", 1, 5, 10),
    ("[x for f() in y]\n", "SyntaxError", "cannot assign to function call", 1, 8, 11),
    ("with a as f(): pass\n", "SyntaxError", "cannot assign to function call", 1, 11, 14),
    ("(f() := 1)\n", "SyntaxError", "cannot use assignment expressions with function call", 1, 2, 5),
    ("x := 1\n", "SyntaxError", "invalid syntax", 1, 3, 5),
    ("def f():\n  x = 1\n  nonlocal x\n", "SyntaxError", "name 'x' is assigned to before nonlocal declaration", 3, 3, 13),
    ("def f():\n  print(x)\n  global x\n", "SyntaxError", "name 'x' is used prior to global declaration", 3, 3, 11),
    ("def f(x):\n  global x\n", "SyntaxError", "name 'x' is parameter and global", 2, 3, 11),
    ("class C:\n  return 1\n", "SyntaxError", "'return' outside function", 2, 3, 11),
    ("def f():\n  class C:\n    yield 1\n", "SyntaxError", "'yield' outside function", 3, 5, 12),
    ("for x in y:\n  def f():\n    break\n", "SyntaxError", "'break' outside loop", 3, 5, 10),
    ("while x:\n  class C:\n    continue\n", "SyntaxError", "'continue' not properly in loop", 3, 5, 13),
    ("import a.b as\n", "SyntaxError", "invalid syntax", 1, 14, 15),
    ("from x import (a, b\n", "SyntaxError", "'(' was never closed", 1, 15, 16),
    ("from x import a,\n", "SyntaxError", "trailing comma not allowed without surrounding parentheses", 1, 17, 18),
    ("from x import *, a\n", "SyntaxError", "invalid syntax", 1, 16, 17),
    ("import *\n", "SyntaxError", "invalid syntax", 1, 8, 9),
    ("x = 1 if 2\n", "SyntaxError", "expected 'else' after 'if' expression", 1, 5, 11),
    ("x = 1 if 2 else\n", "SyntaxError", "invalid syntax", 1, 16, 17),
    ("a, b += 1\n", "SyntaxError", "'tuple' is an illegal expression for augmented assignment", 1, 1, 5),
    ("def f(**k, a): pass\n", "SyntaxError", "arguments cannot follow var-keyword argument", 1, 12, 13),
    ("def f(/, a): pass\n", "SyntaxError", "at least one argument must precede /", 1, 7, 8),
    ("def f(a, /, b, /): pass\n", "SyntaxError", "/ may appear only once", 1, 16, 17),
    ("def f(*, **k): pass\n", "SyntaxError", "named arguments must follow bare *", 1, 7, 8),
    ("def f(*a=1): pass\n", "SyntaxError", "var-positional argument cannot have default value", 1, 9, 10),
    ("global x, \n", "SyntaxError", "invalid syntax", 1, 11, 12),
    ("assert\n", "SyntaxError", "invalid syntax", 1, 7, 8),
    ("raise from x\n", "SyntaxError", "invalid syntax", 1, 7, 11),
    ("x = -", "SyntaxError", "invalid syntax", 1, 6, 7),
    ("x = ", "SyntaxError", "invalid syntax", 1, 5, 6),
    ("f'{x y}'\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 4, 7),
    ("f'{x=!}'\n", "SyntaxError", "f-string: missing conversion character", 1, 7, 8),
    ("f'{x:{y}'\n", "SyntaxError", "f-string: expecting '}', or format specs", 1, 9, 10),
    ("try:\n  pass\nx = 1\n", "SyntaxError", "expected 'except' or 'finally' block", 3, 1, 2),
    ("try:\n  pass\n", "SyntaxError", "expected 'except' or 'finally' block", 2, 7, 8),
    ("try:\n  pass\nexcept A, B:\n  pass\n", "SyntaxError", "multiple exception types must be parenthesized", 3, 8, 12),
    ("def f(*a, *b): pass\n", "SyntaxError", "* argument may appear only once", 1, 11, 12),
    ("def f(**a, **b): pass\n", "SyntaxError", "arguments cannot follow var-keyword argument", 1, 12, 14),
    ("def f(a, *): pass\n", "SyntaxError", "named arguments must follow bare *", 1, 10, 11),
    ("def f(*, a, /): pass\n", "SyntaxError", "/ must be ahead of *", 1, 13, 14),
    ("class C x:\n  pass\n", "SyntaxError", "invalid syntax", 1, 9, 10),
    ("for x in y z:\n  pass\n", "SyntaxError", "invalid syntax", 1, 12, 13),
    ("while x y:\n  pass\n", "SyntaxError", "invalid syntax", 1, 9, 10),
    ("x = [1, 2\ny = 3\n", "SyntaxError", "'[' was never closed", 1, 5, 6),
    ("def f(:\n  pass\n", "SyntaxError", "invalid syntax", 1, 7, 8),
    ("if x:\n  pass\n else:\n  pass\n", "IndentationError", "unindent does not match any outer indentation level", 3, 7, 8),
    ("{a: 1, b}\n", "SyntaxError", "':' expected after dictionary key", 1, 8, 9),
    ("{a: }\n", "SyntaxError", "expression expected after dictionary key and ':'", 1, 3, 4),
    ("x = (*a)\n", "SyntaxError", "cannot use starred expression here", 1, 6, 8),
    ("f(x for x in y,)\n", "SyntaxError", "Generator expression must be parenthesized", 1, 3, 15),
    ("x = 1 <> 2\n", "SyntaxError", "invalid syntax", 1, 7, 9),
    ("class = 5\n", "SyntaxError", "invalid syntax", 1, 7, 8),
    ("x.if = 3\n", "SyntaxError", "invalid syntax", 1, 3, 5),
    ("import a.if\n", "SyntaxError", "invalid syntax", 1, 10, 12),
    ("a = 1; b = \n", "SyntaxError", "invalid syntax", 1, 12, 13),
    ("lambda x\n", "SyntaxError", "invalid syntax", 1, 9, 10),
    ("x = [i for i in]\n", "SyntaxError", "invalid syntax", 1, 16, 17),
    ("else if x:\n  pass\n", "SyntaxError", "invalid syntax", 1, 1, 5),
    ("if x:\n  pass\nelse if y:\n  pass\n", "SyntaxError", "expected ':'", 3, 6, 8),
    ("def f():\n    return\n  x = 1\n", "IndentationError", "unindent does not match any outer indentation level", 3, 8, 9),
    ("print('a' 'b' c)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 7, 16),
    ("f(a, b c=1)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 6, 9),
    ("x = {1 2}\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 6, 9),
    ("x = [*a b]\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 7, 10),
    ("x = [_ b]\n", "SyntaxError", "invalid syntax", 1, 8, 9),
    ("x = (a if b else c d)\n", "SyntaxError", "invalid syntax", 1, 20, 21),
    ("f(x=a b)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 5, 8),
    ("while x:\npass\n", "IndentationError", "expected an indented block after 'while' statement on line 1", 2, 1, 5),
    ("for x in y:\npass\n", "IndentationError", "expected an indented block after 'for' statement on line 1", 2, 1, 5),
    ("def f():\npass\n", "IndentationError", "expected an indented block after function definition on line 1", 2, 1, 5),
    ("class C:\npass\n", "IndentationError", "expected an indented block after class definition on line 1", 2, 1, 5),
    ("try:\npass\n", "IndentationError", "expected an indented block after 'try' statement on line 1", 2, 1, 5),
    ("try:\n  pass\nexcept:\npass\n", "IndentationError", "expected an indented block after 'except' statement on line 3", 4, 1, 5),
    ("try:\n  pass\nfinally:\npass\n", "IndentationError", "expected an indented block after 'finally' statement on line 3", 4, 1, 5),
    ("with a:\npass\n", "IndentationError", "expected an indented block after 'with' statement on line 1", 2, 1, 5),
    ("if x:\n  pass\nelse:\npass\n", "IndentationError", "expected an indented block after 'else' statement on line 3", 4, 1, 5),
    ("if x:\n  pass\nelif y:\npass\n", "IndentationError", "expected an indented block after 'elif' statement on line 3", 4, 1, 5),
    ("try:\n  pass\nexcept E as e:\npass\n", "IndentationError", "expected an indented block after 'except' statement on line 3", 4, 1, 5),
    ("for x in y:\n  pass\nelse:\npass\n", "IndentationError", "expected an indented block after 'else' statement on line 3", 4, 1, 5),
    ("def f():\n  x = 1\n\ndef g():\nreturn 2\n", "IndentationError", "expected an indented block after function definition on line 4", 5, 1, 7),
    ("x = 'abc\ny = 2\n", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 5, 5),
    ("print('hello)\n", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 7, 7),
    ("print(\"hello)\n", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 7, 7),
    ("s = \"\"\"abc\n", "SyntaxError", "unterminated triple-quoted string literal (detected at line 1)", 1, 5, 5),
    ("x = f'abc{x'\n", "SyntaxError", "f-string: expecting '}'", 1, 12, 12),
    ("if x:\n    y = 1\n   z = 2\n", "IndentationError", "unindent does not match any outer indentation level", 3, 9, 10),
    ("def f():\n    return 1\n        x = 2\n", "IndentationError", "unexpected indent", 3, 8, 9),
    ("print('x'\n", "SyntaxError", "'(' was never closed", 1, 6, 7),
    ("print('x'\nprint('y')\n", "SyntaxError", "'(' was never closed", 1, 6, 7),
    ("x = [1, 2, 3\nprint(x)\n", "SyntaxError", "'[' was never closed", 1, 5, 6),
    ("def f(x):\n    return x\nprint(f(1)\n", "SyntaxError", "'(' was never closed", 3, 6, 7),
    ("foo(\n", "SyntaxError", "'(' was never closed", 1, 4, 5),
    ("if x == 1\n    pass\n", "SyntaxError", "expected ':'", 1, 10, 11),
    ("x = 3 +* 4\n", "SyntaxError", "invalid syntax", 1, 8, 9),
    ("for i in range(10) print(i)\n", "SyntaxError", "invalid syntax", 1, 20, 25),
    ("print('a'\n     'b'\n", "SyntaxError", "'(' was never closed", 1, 6, 7),
    ("x = )\n", "SyntaxError", "unmatched ')'", 1, 5, 5),
    ("def f(x y): pass\n", "SyntaxError", "invalid syntax", 1, 9, 10),
    ("x = y z\n", "SyntaxError", "invalid syntax", 1, 7, 8),
    ("x = {'a': 1 'b': 2}\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 11, 16),
    ("f(1 2)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 3, 6),
    ("import\n", "SyntaxError", "invalid syntax", 1, 7, 8),
    ("from x import\n", "SyntaxError", "invalid syntax", 1, 14, 15),
    ("def():\n  pass\n", "SyntaxError", "invalid syntax", 1, 4, 5),
    ("class:\n  pass\n", "SyntaxError", "invalid syntax", 1, 6, 7),
    ("x = [1, 2,, 3]\n", "SyntaxError", "invalid syntax", 1, 11, 12),
    ("x = 1 = 2\n", "SyntaxError", "cannot assign to literal", 1, 5, 6),
    ("x == 1 = 2\n", "SyntaxError", "cannot assign to comparison", 1, 1, 7),
    ("'a' = 1\n", "SyntaxError", "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 1, 4),
    ("x + 1 += 1\n", "SyntaxError", "'expression' is an illegal expression for augmented assignment", 1, 1, 6),
    ("[a, b] += 1\n", "SyntaxError", "'list' is an illegal expression for augmented assignment", 1, 1, 7),
    ("f'{a!r'\n", "SyntaxError", "f-string: expecting '}'", 1, 6, 6),
    ("f'{a:'\n", "SyntaxError", "f-string: expecting '}', or format specs", 1, 6, 7),
    ("f'{'\n", "SyntaxError", "f-string: expecting '}'", 1, 4, 4),
    ("f'{a b}'\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 4, 7),
    ("f'{a}}'\n", "SyntaxError", "f-string: single '}' is not allowed", 1, 6, 6),
    ("f'{{a}'\n", "SyntaxError", "f-string: single '}' is not allowed", 1, 6, 6),
    ("x = 5\ndef f():\n    print(x)\n    x = 3\n    global x\n", "SyntaxError", "name 'x' is used prior to global declaration", 5, 5, 13),
    ("def f(a):\n    nonlocal a\n", "SyntaxError", "name 'a' is parameter and nonlocal", 2, 5, 15),
    ("class C:\n    nonlocal x\n", "SyntaxError", "no binding for nonlocal 'x' found", 2, 5, 15),
    ("x = lambda: yield\n", "SyntaxError", "invalid syntax", 1, 13, 18),
    ("if x:\n    pass\n  elif y:\n    pass\n", "IndentationError", "unindent does not match any outer indentation level", 3, 10, 11),
    ("def f(a, b=1, c): pass\n", "SyntaxError", "parameter without a default follows parameter with a default", 1, 15, 16),
    ("lambda a=1, b: 0\n", "SyntaxError", "parameter without a default follows parameter with a default", 1, 13, 14),
    ("f(a=1, 2)\n", "SyntaxError", "positional argument follows keyword argument", 1, 9, 10),
    ("f(*a, b=1, c)\n", "SyntaxError", "positional argument follows keyword argument", 1, 13, 14),
    ("print 'hello world'\n", "SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1, 20),
    ("print x, y\n", "SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1, 11),
    ("exec 'code'\n", "SyntaxError", "Missing parentheses in call to 'exec'. Did you mean exec(...)?", 1, 1, 12),
    ("x = 0777\n", "SyntaxError", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1, 5, 6),
    ("x = 1.2.3\n", "SyntaxError", "invalid syntax", 1, 8, 10),
    ("x = 1_000_\n", "SyntaxError", "invalid decimal literal", 1, 10, 10),
    ("x = 0b\n", "SyntaxError", "invalid binary literal", 1, 6, 6),
    ("x = 0o\n", "SyntaxError", "invalid octal literal", 1, 6, 6),
    ("x = 0xg\n", "SyntaxError", "invalid hexadecimal literal", 1, 6, 6),
    ("x = 5abc\n", "SyntaxError", "invalid decimal literal", 1, 5, 5),
    ("x = 3.14abc\n", "SyntaxError", "invalid decimal literal", 1, 8, 8),
    ("x = 1e5e\n", "SyntaxError", "invalid decimal literal", 1, 7, 7),
    ("a, b: int\n", "SyntaxError", "only single target (not tuple) can be annotated", 1, 1, 2),
    ("(a, b): int\n", "SyntaxError", "only single target (not tuple) can be annotated", 1, 1, 7),
    ("f(): int\n", "SyntaxError", "illegal target for annotation", 1, 1, 4),
    ("x = (1 for x in y, 2)\n", "SyntaxError", "invalid syntax", 1, 18, 19),
    ("x = [*a for a in b]\n", "SyntaxError", "iterable unpacking cannot be used in comprehension", 1, 6, 8),
    ("x = {**a for a in b}\n", "SyntaxError", "dict unpacking cannot be used in dict comprehension", 1, 6, 8),
    ("del 1\n", "SyntaxError", "cannot delete literal", 1, 5, 6),
    ("del a + b\n", "SyntaxError", "cannot delete expression", 1, 5, 10),
    ("for 1 in x: pass\n", "SyntaxError", "cannot assign to literal", 1, 5, 6),
    ("for x + 1 in y: pass\n", "SyntaxError", "cannot assign to expression", 1, 5, 10),
    ("with a as 1: pass\n", "SyntaxError", "cannot assign to literal", 1, 11, 12),
    ("[x for 1 in y]\n", "SyntaxError", "cannot assign to literal", 1, 8, 9),
    ("x = {1: 2, 3}\n", "SyntaxError", "':' expected after dictionary key", 1, 12, 13),
    ("x := 5\n", "SyntaxError", "invalid syntax", 1, 3, 5),
    ("(x.y := 5)\n", "SyntaxError", "cannot use assignment expressions with attribute", 1, 2, 5),
    ("def f(x=1, /, y): pass\n", "SyntaxError", "parameter without a default follows parameter with a default", 1, 15, 16),
    ("break\ncontinue\n", "SyntaxError", "'break' outside loop", 1, 1, 6),
    ("def f():\n    break\n", "SyntaxError", "'break' outside loop", 2, 5, 10),
    ("for x in y:\n    class C:\n        break\n", "SyntaxError", "'break' outside loop", 3, 9, 14),
    ("while x:\n    def g():\n        continue\n", "SyntaxError", "'continue' not properly in loop", 3, 9, 17),
    ("x = 1\nreturn x\n", "SyntaxError", "'return' outside function", 2, 1, 9),
    ("yield\n", "SyntaxError", "'yield' outside function", 1, 1, 6),
    ("x = yield\n", "SyntaxError", "'yield' outside function", 1, 5, 10),
    ("class C:\n    yield\n", "SyntaxError", "'yield' outside function", 2, 5, 10),
    ("def f():\n    def g():\n        nonlocal y\n", "SyntaxError", "no binding for nonlocal 'y' found", 3, 9, 19),
    ("global x\nx = 1\nglobal x\n", "SyntaxError", "name 'x' is assigned to before global declaration", 3, 1, 9),
    ("import a.b.c as\n", "SyntaxError", "invalid syntax", 1, 16, 17),
    ("def f():\n    from x import *\n", "SyntaxError", "import * only allowed at module level", 2, 19, 20),
    ("x = 'a' 'b' b'c'\n", "SyntaxError", "cannot mix bytes and nonbytes literals", 1, 17, 18),
    ("x = f'{x}' b'y'\n", "SyntaxError", "cannot mix bytes and nonbytes literals", 1, 16, 17),
    ("\tif x:\n pass\n", "IndentationError", "unexpected indent", 1, 1, 2),
    ("if x:\n\tpass\n    pass\n", "IndentationError", "unindent does not match any outer indentation level", 3, 9, 10),
    ("x = (\n  1,\n  2\n", "SyntaxError", "'(' was never closed", 1, 5, 6),
    ("x = [\n  1,\n  2\n\ny = 3\n", "SyntaxError", "'[' was never closed", 1, 5, 6),
    ("def f(\n  a,\n  b\n\nx = 1\n", "SyntaxError", "'(' was never closed", 1, 6, 7),
    ("def f():\n    return [(yield x) for x in y]\n", "SyntaxError", "'yield' inside list comprehension", 2, 14, 21),
    ("def f():\n    return {(yield): 1 for x in y}\n", "SyntaxError", "'yield' inside dict comprehension", 2, 14, 19),
    ("x = ((yield) for x in y)\n", "SyntaxError", "'yield' inside generator expression", 1, 7, 12),
    ("x = [(yield from z) for x in y]\n", "SyntaxError", "'yield' inside list comprehension", 1, 7, 19),
    ("whlie x < 3:\n    x += 1\n", "SyntaxError", "invalid syntax", 1, 7, 8),
    ("for i in range(10)\n    print(i)\n", "SyntaxError", "expected ':'", 1, 19, 20),
    ("def greet(name)\n    print('hi', name)\n", "SyntaxError", "expected ':'", 1, 16, 17),
    ("def greet(name):\nprint('hi', name)\n", "IndentationError", "expected an indented block after function definition on line 1", 2, 1, 6),
    ("if x == 1:\n    print('one')\n  else:\n    print('other')\n", "IndentationError", "unindent does not match any outer indentation level", 3, 8, 9),
    ("import threading\n\ndef worker():\n    print('working'\n\nt = threading.Thread(target=worker)\nt.start()\n", "SyntaxError", "'(' was never closed", 4, 10, 11),
    ("x = [1, 2, 3\nfor i in x:\n    print(i)\n", "SyntaxError", "'[' was never closed", 1, 5, 6),
    ("d = {'a': 1\n     'b': 2}\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 11, 9),
    ("d = {'a': 1,\n     'b': 2\nprint(d)\n", "SyntaxError", "'{' was never closed", 1, 5, 6),
    ("print('unclosed)\nprint('next')\n", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 7, 7),
    ("s = 'it's'\n", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 10, 10),
    ("s = \"say \"hi\"\"\n", "SyntaxError", "invalid syntax", 1, 11, 13),
    ("if x = 5:\n    pass\n", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 4, 9),
    ("while x = 5:\n    pass\n", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 7, 12),
    ("elif x:\n    pass\n", "SyntaxError", "invalid syntax", 1, 1, 5),
    ("def f():\n    return\nreturn 5\n", "SyntaxError", "'return' outside function", 3, 1, 9),
    ("class A:\ndef f(self): pass\n", "IndentationError", "expected an indented block after class definition on line 1", 2, 1, 4),
    ("def f(self):\n    pass\n  def g(self):\n    pass\n", "IndentationError", "unindent does not match any outer indentation level", 3, 15, 16),
    ("x = 5\nif x > 3:\n    print('big')\n    else:\n    print('small')\n", "SyntaxError", "invalid syntax", 4, 5, 9),
    ("for i in range(3):\nprint(i)\n", "IndentationError", "expected an indented block after 'for' statement on line 1", 2, 1, 6),
    ("lock.acquire(\nprint('x')\n", "SyntaxError", "'(' was never closed", 1, 13, 14),
    ("t = Thread(target=f, args=(1,)\nt.start()\n", "SyntaxError", "'(' was never closed", 1, 11, 12),
    ("print(f'{x')\n", "SyntaxError", "f-string: expecting '}'", 1, 11, 11),
    ("print(f'{x!}')\n", "SyntaxError", "f-string: missing conversion character", 1, 12, 13),
    ("print(f\"{x:{y}\")\n", "SyntaxError", "closing parenthesis ')' does not match opening parenthesis '{'", 1, 16, 16),
    ("x = 10\ny = x +\nprint(y)\n", "SyntaxError", "invalid syntax", 2, 8, 9),
    ("def f(x, y):\n    return x + y\nf(1, 2, )\nf(,)\n", "SyntaxError", "invalid syntax", 4, 3, 4),
    ("f(1,,2)\n", "SyntaxError", "invalid syntax", 1, 5, 6),
    ("x = (1, 2))\n", "SyntaxError", "unmatched ')'", 1, 11, 11),
    ("def f():\n    x = 1\n     y = 2\n", "IndentationError", "unexpected indent", 3, 5, 6),
    ("try:\n    x = 1\nprint(x)\n", "SyntaxError", "expected 'except' or 'finally' block", 3, 1, 6),
    ("try:\n    x = 1\nexcept ValueError\n    pass\n", "SyntaxError", "expected ':'", 3, 18, 19),
    ("with open('f') as f\n    pass\n", "SyntaxError", "expected ':'", 1, 20, 21),
    ("class Foo(object)\n    pass\n", "SyntaxError", "expected ':'", 1, 18, 19),
    ("x = 1 +* 2\n", "SyntaxError", "invalid syntax", 1, 8, 9),
    ("x == 5\nx === 5\n", "SyntaxError", "invalid syntax", 2, 5, 6),
    ("print('a' + 'b'\n", "SyntaxError", "'(' was never closed", 1, 6, 7),
    ("if (x > 3:\n    pass\n", "SyntaxError", "invalid syntax", 1, 10, 11),
    ("if x > 3):\n    pass\n", "SyntaxError", "unmatched ')'", 1, 9, 9),
    ("def f(a, b:\n    pass\n", "SyntaxError", "'(' was never closed", 1, 6, 7),
    ("x = [i for i in range(10) if i % 2 == 0\n", "SyntaxError", "'[' was never closed", 1, 5, 6),
    ("nums = [1, 2, 3]]\n", "SyntaxError", "unmatched ']'", 1, 17, 17),
    ("def f(*args, **kwargs, x): pass\n", "SyntaxError", "arguments cannot follow var-keyword argument", 1, 24, 25),
    ("lambda x: yield x\n", "SyntaxError", "invalid syntax", 1, 11, 16),
    ("global\n", "SyntaxError", "invalid syntax", 1, 7, 8),
    ("def f():\n    # only comment\n", "IndentationError", "expected an indented block after function definition on line 1", 2, 19, 20),
    ("def f():\n    # only comment\nx = 1\n", "IndentationError", "expected an indented block after function definition on line 1", 3, 1, 2),
    ("if True:\n    pass\n\n\n\n  x = 1\n", "IndentationError", "unindent does not match any outer indentation level", 6, 8, 9),
    ("x = 5 6\n", "SyntaxError", "invalid syntax", 1, 7, 8),
    ("x = 'a' 'b' c\n", "SyntaxError", "invalid syntax", 1, 13, 14),
    ("print(1 2 3)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 7, 10),
    ("foo(bar baz)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 5, 12),
    ("x = {1: 2 3: 4}\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 9, 12),
    ("a = 1\nb = 2\nc = a b\n", "SyntaxError", "invalid syntax", 3, 7, 8),
    ("true = True\nif x is true\n    pass\n", "SyntaxError", "expected ':'", 2, 13, 14),
    ("x = [1, 2, 3,]\ny = (1, 2, 3,,)\n", "SyntaxError", "invalid syntax", 2, 14, 15),
    ("def 1f(): pass\n", "SyntaxError", "invalid decimal literal", 1, 5, 5),
    ("1x = 5\n", "SyntaxError", "invalid decimal literal", 1, 1, 1),
    ("x.1 = 5\n", "SyntaxError", "invalid syntax", 1, 2, 4),
    ("x = 5.\ny = .5\nz = 5.e\n", "SyntaxError", "invalid decimal literal", 3, 6, 6),
    ("import a as 1\n", "SyntaxError", "invalid syntax", 1, 13, 14),
    ("from . import\n", "SyntaxError", "invalid syntax", 1, 14, 15),
    ("x = not\n", "SyntaxError", "invalid syntax", 1, 8, 9),
    ("x = a if else b\n", "SyntaxError", "invalid syntax", 1, 10, 14),
    ("x = [1, 2\n\n\n\ny = 2\n", "SyntaxError", "'[' was never closed", 1, 5, 6),
    ("print('hello'))\n", "SyntaxError", "unmatched ')'", 1, 15, 15),
    ("if x:\n    pass\nelse:\n    pass\nelse:\n    pass\n", "SyntaxError", "invalid syntax", 5, 1, 5),
    ("def f(a, a=1): pass\n", "SyntaxError", "duplicate argument 'a' in function definition", 1, 10, 11),
    ("f(x=1, x=2)\n", "SyntaxError", "keyword argument repeated: x", 1, 8, 11),
    ("class C(metaclass=M, metaclass=N): pass\n", "SyntaxError", "keyword argument repeated: metaclass", 1, 22, 33),
    ("x = yield from\n", "SyntaxError", "invalid syntax", 1, 15, 16),
    ("def f():\n    yield from\n", "SyntaxError", "invalid syntax", 2, 15, 16),
    ("for x in range(3):\n    pass\nelse\n    pass\n", "SyntaxError", "expected ':'", 3, 5, 6),
    ("while True\n    pass\n", "SyntaxError", "expected ':'", 1, 11, 12),
    ("x = f(a)(b\n", "SyntaxError", "'(' was never closed", 1, 9, 10),
    ("del\n", "SyntaxError", "invalid syntax", 1, 4, 5),
    ("raise X from\n", "SyntaxError", "invalid syntax", 1, 13, 14),
    ("x: = 5\n", "SyntaxError", "invalid syntax", 1, 4, 5),
    ("x: int = \n", "SyntaxError", "invalid syntax", 1, 10, 11),
    ("print(x for x in y for)\n", "SyntaxError", "invalid syntax", 1, 23, 24),
    ("@\ndef f(): pass\n", "SyntaxError", "invalid syntax", 1, 2, 3),
    ("@dec\nx = 1\n", "SyntaxError", "invalid syntax", 2, 1, 2),
    ("class C:\n    x = 1\n    def f(self):\n        return self.x\n  y = 2\n", "IndentationError", "unindent does not match any outer indentation level", 5, 8, 9),
    ("if x:\n    y = 1\n        z = 2\n", "IndentationError", "unexpected indent", 3, 8, 9),
    ("def f():\nreturn 1\n", "IndentationError", "expected an indented block after function definition on line 1", 2, 1, 7),
    ("x = '''abc\ndef\n", "SyntaxError", "unterminated triple-quoted string literal (detected at line 2)", 1, 5, 5),
    ("x = \"abc\n", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 5, 5),
    ("x = 1 # comment\n    y = 2\n", "IndentationError", "unexpected indent", 2, 4, 5),
    ("\n\n\n    x = 1\n", "IndentationError", "unexpected indent", 4, 4, 5),
    ("x = (\n1 +\n)\n", "SyntaxError", "invalid syntax", 3, 1, 2),
    ("x = [\n    1,\n    2\n    3,\n]\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 3, 5, 6),
    ("print('a', end='' sep='')\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 16, 22),
    ("print('a',, 'b')\n", "SyntaxError", "invalid syntax", 1, 11, 12),
    ("if x:", "IndentationError", "expected an indented block after 'if' statement on line 1", 1, 6, 7),
    ("if x:\n\n\n", "IndentationError", "expected an indented block after 'if' statement on line 1", 3, 1, 2),
    ("if x:\n  \n", "IndentationError", "expected an indented block after 'if' statement on line 1", 2, 3, 4),
    ("if x:\n# c\n\n", "IndentationError", "expected an indented block after 'if' statement on line 1", 3, 1, 2),
    ("if x:\n    # only\n", "IndentationError", "expected an indented block after 'if' statement on line 1", 2, 11, 12),
    ("try:\n  pass\n\n# c\n", "SyntaxError", "expected 'except' or 'finally' block", 4, 4, 5),
    ("try:\n  pass\n  # c", "SyntaxError", "expected 'except' or 'finally' block", 3, 6, 7),
    ("def f():\n  if x:\n\n", "IndentationError", "expected an indented block after 'if' statement on line 2", 3, 1, 2),
    ("def f():\n  if x:\n  # c\n", "IndentationError", "expected an indented block after 'if' statement on line 2", 3, 6, 7),
    ("f'{x!r'\n", "SyntaxError", "f-string: expecting '}'", 1, 6, 6),
    ("f'{x='\n", "SyntaxError", "f-string: expecting '}'", 1, 6, 6),
    ("print(f'{x:{y}')\n", "SyntaxError", "closing parenthesis ')' does not match opening parenthesis '{'", 1, 16, 16),
    ("f'{x:abc' + 1\n", "SyntaxError", "f-string: expecting '}', or format specs", 1, 9, 10),
    ("d = {'a': 1\n     'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb': 2}\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 11, 12),
    ("d = [a\n b]\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 6, 3),
    ("f(a\n  bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 3, 4),
    ("x = (1 +\n 2 = 3)\n", "SyntaxError", "cannot assign to expression here. Maybe you meant '==' instead of '='?", 1, 6, 3),
    ("class C:\n", "IndentationError", "expected an indented block after class definition on line 1", 1, 9, 10),
    ("while x:\n\n", "IndentationError", "expected an indented block after 'while' statement on line 1", 2, 1, 2),
    ("for x in y:\n    pass\nelse:\n", "IndentationError", "expected an indented block after 'else' statement on line 3", 3, 6, 7),
    ("x = (a = 1)\n", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 6, 11),
    ("x = [a = 1]\n", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 6, 11),
    ("x = [1, a = 1]\n", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 9, 14),
    ("x = {a = 1}\n", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 6, 11),
    ("x = a[b = 1]\n", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 7, 12),
    ("print((a = 1))\n", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 8, 13),
    ("x = (f() = 1)\n", "SyntaxError", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 6, 9),
    ("x = (a, b = 1)\n", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 9, 14),
    ("x = (True = 1)\n", "SyntaxError", "invalid syntax", 1, 11, 12),
    ("x = ([a] = 1)\n", "SyntaxError", "invalid syntax", 1, 10, 11),
    ("x = (a.b = 1)\n", "SyntaxError", "cannot assign to attribute here. Maybe you meant '==' instead of '='?", 1, 6, 9),
    ("assert x = 1\n", "SyntaxError", "invalid syntax", 1, 10, 11),
    ("return x = 1\n", "SyntaxError", "invalid syntax", 1, 10, 11),
    ("while f() = 1: pass\n", "SyntaxError", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 7, 10),
    ("if x.y = 1: pass\n", "SyntaxError", "cannot assign to attribute here. Maybe you meant '==' instead of '='?", 1, 4, 7),
    ("if x = y = 1: pass\n", "SyntaxError", "invalid syntax", 1, 6, 7),
    ("elif = 3\n", "SyntaxError", "invalid syntax", 1, 1, 5),
    ("for x in y = 3: pass\n", "SyntaxError", "invalid syntax", 1, 12, 13),
    ("if x  # comment\n    pass\n", "SyntaxError", "expected ':'", 1, 7, 17),
    ("x = 1 +  # c\n", "SyntaxError", "invalid syntax", 1, 10, 14),
    ("print(x[])\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 7, 10),
    ("x = a[]\n", "SyntaxError", "invalid syntax", 1, 7, 8),
    ("x = f(a[], 1)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 7, 10),
    ("def f()  # c\n  pass\n", "SyntaxError", "expected ':'", 1, 10, 14),
    ("x = (1,  # c\n", "SyntaxError", "'(' was never closed", 1, 5, 6),
    ("if x:  # c\n", "IndentationError", "expected an indented block after 'if' statement on line 1", 1, 11, 12),
    ("x = (\n  1 2  # c\n)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 2, 3, 6),

    ];

    fn parse(source: &str) -> Result<Vec<Stmt>, CompileError> {
        parse_module(source, "test.py")
    }

    fn parse_ok(source: &str) -> Vec<Stmt> {
        match parse(source) {
            Ok(body) => body,
            Err(error) => panic!("{source:?} failed:\n{error}"),
        }
    }

    /// The value of the single expression statement (or assignment) in `source`.
    fn value_of(source: &str) -> Expr {
        match parse_ok(source).remove(0).kind {
            StmtKind::Expr(e) => e,
            StmtKind::Assign { value, .. } => value,
            other => panic!("not an expression statement: {other:?}"),
        }
    }

    /// A compact rendering of an expression's shape, for precedence tests.
    fn shape(e: &Expr) -> String {
        match &e.kind {
            ExprKind::Name(n) => n.clone(),
            ExprKind::Constant(Constant::Int(i)) => i.to_string(),
            ExprKind::Constant(c) => format!("{c:?}"),
            ExprKind::BinOp { left, op, right } => {
                format!("({} {op:?} {})", shape(left), shape(right))
            }
            ExprKind::UnaryOp { op, operand } => format!("({op:?} {})", shape(operand)),
            ExprKind::BoolOp { op, values } => format!(
                "({op:?} {})",
                values.iter().map(shape).collect::<Vec<_>>().join(" ")
            ),
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                let mut out = format!("(Cmp {}", shape(left));
                for (op, right) in ops.iter().zip(comparators) {
                    out.push_str(&format!(" {op:?} {}", shape(right)));
                }
                out + ")"
            }
            ExprKind::IfExp { test, body, orelse } => {
                format!("(If {} {} {})", shape(test), shape(body), shape(orelse))
            }
            ExprKind::Call { func, args, .. } => format!(
                "{}({})",
                shape(func),
                args.iter().map(shape).collect::<Vec<_>>().join(", ")
            ),
            ExprKind::Attribute { value, attr } => format!("{}.{attr}", shape(value)),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn syntax_errors_match_cpython() {
        let mut failures = Vec::new();
        for &(source, kind, message, line, offset, end_offset) in CPYTHON_SYNTAX_ERRORS {
            match parse(source) {
                Err(CompileError::Syntax(e)) => {
                    let expected_line: String = source
                        .split('\n')
                        .nth(line as usize - 1)
                        .unwrap_or("")
                        .into();
                    let got = (
                        e.kind.name(),
                        e.message.as_str(),
                        e.line,
                        e.offset,
                        e.end_offset,
                    );
                    if got != (kind, message, line, offset, end_offset)
                        || e.source_line != expected_line
                        || e.filename != "test.py"
                    {
                        failures.push(format!("{source:?}\n  expected {kind}: {message} at {line}:{offset}-{end_offset}\n  got      {got:?} {:?}", e.source_line));
                    }
                }
                other => failures.push(format!("{source:?}: expected {message}, got {other:?}")),
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn operator_precedence() {
        let cases = [
            ("-2**2", "(Neg (2 Pow 2))"),
            ("2**-1", "(2 Pow (Neg 1))"),
            ("2**3**2", "(2 Pow (3 Pow 2))"),
            ("a + b * c - d", "((a Add (b Mult c)) Sub d)"),
            ("a - b - c", "((a Sub b) Sub c)"),
            (
                "a // b % c @ d / e",
                "((((a FloorDiv b) Mod c) MatMult d) Div e)",
            ),
            (
                "a | b ^ c & d << e + f",
                "(a BitOr (b BitXor (c BitAnd (d LShift (e Add f)))))",
            ),
            ("a >> b << c", "((a RShift b) LShift c)"),
            ("~a + -b", "((Invert a) Add (Neg b))"),
            ("not a == b", "(Not (Cmp a Eq b))"),
            ("not a and b or c", "(Or (And (Not a) b) c)"),
            ("a or b and c", "(Or a (And b c))"),
            ("a < b <= c != d", "(Cmp a Lt b LtE c NotEq d)"),
            (
                "a not in b is not c in d is e",
                "(Cmp a NotIn b IsNot c In d Is e)",
            ),
            ("a if b else c if d else e", "(If b a (If d c e))"),
            ("a + b if c or d else e", "(If (Or c d) (a Add b) e)"),
            ("f(x).y(z)", "f(x).y(z)"),
            ("-a.b ** 2", "(Neg (a.b Pow 2))"),
            ("a | b < c & d", "(Cmp (a BitOr b) Lt (c BitAnd d))"),
        ];
        for (source, expected) in cases {
            assert_eq!(shape(&value_of(source)), expected, "{source}");
        }
    }

    #[test]
    fn locations_follow_cpython() {
        let e = value_of("x = (a) + b * c");
        assert_eq!(e.loc, Location { line: 1, column: 4 });
        let ExprKind::BinOp { left, right, .. } = &e.kind else {
            panic!("{e:?}")
        };
        assert_eq!(left.loc.column, 5);
        assert_eq!(right.loc.column, 10);
        let call = value_of("    \n\nfoo.bar(1)(2)");
        assert_eq!(call.loc, Location { line: 3, column: 0 });
        // Columns count characters, not bytes.
        let e = value_of("s = '♥♥' + t");
        let ExprKind::BinOp { right, .. } = &e.kind else {
            panic!("{e:?}")
        };
        assert_eq!(right.loc.column, 11);
        let body = parse_ok("if x:\n    y = 1\nelif z:\n    pass\n");
        let StmtKind::If { orelse, .. } = &body[0].kind else {
            panic!()
        };
        assert_eq!(orelse[0].loc, Location { line: 3, column: 0 });
    }

    fn fstring_parts(source: &str) -> Vec<FStringPart> {
        match value_of(source).kind {
            ExprKind::FString(parts) => parts,
            other => panic!("not an f-string: {other:?}"),
        }
    }

    fn name_field(name: &str) -> Box<Expr> {
        match &fstring_parts(&format!("f'{{{name}}}'"))[0] {
            FStringPart::Field { value, .. } => value.clone(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn fstrings() {
        let parts = fstring_parts("f'a{b!r}c{d:>10}{{e}}'");
        assert_eq!(parts.len(), 5);
        assert_eq!(parts[0], FStringPart::Literal("a".into()));
        assert!(matches!(
            &parts[1],
            FStringPart::Field {
                conversion: Some('r'),
                format_spec: None,
                ..
            }
        ));
        assert_eq!(parts[4], FStringPart::Literal("{e}".into()));
        let FStringPart::Field {
            format_spec: Some(spec),
            ..
        } = &parts[3]
        else {
            panic!("{parts:?}")
        };
        assert_eq!(spec, &vec![FStringPart::Literal(">10".into())]);

        // Nested fields in the spec.
        let parts = fstring_parts("f'{v:{w}.{p}f}'");
        let FStringPart::Field {
            format_spec: Some(spec),
            ..
        } = &parts[0]
        else {
            panic!("{parts:?}")
        };
        assert_eq!(spec.len(), 4);
        assert_eq!(spec[1], FStringPart::Literal(".".into()));
        assert_eq!(spec[3], FStringPart::Literal("f".into()));

        // Self-documenting fields: repr by default, unless a spec is given.
        let parts = fstring_parts("f'{x = }{y=:>4}{z=!s}'");
        let expected = [
            ("x = ", Some('r'), false),
            ("y=", None, true),
            ("z=", Some('s'), false),
        ];
        for (part, (text, conversion, has_spec)) in parts.iter().zip(expected) {
            let FStringPart::Field {
                self_documenting,
                conversion: c,
                format_spec,
                value,
            } = part
            else {
                panic!("{part:?}")
            };
            assert_eq!(self_documenting.as_deref(), Some(text));
            assert_eq!(*c, conversion);
            assert_eq!(format_spec.is_some(), has_spec);
            assert!(matches!(value.kind, ExprKind::Name(_)));
        }

        // Adjacent literals merge into one f-string; quotes nest.
        let parts = fstring_parts("'a' f'{b}' 'c' f\"{d['k']}\" f'{\"q\"}'");
        assert_eq!(parts[0], FStringPart::Literal("a".into()));
        assert_eq!(parts[2], FStringPart::Literal("c".into()));
        assert_eq!(parts.len(), 5);
        assert_eq!(name_field("x + 1").loc, Location { line: 1, column: 3 });
        // Plain strings stay constants; bytes concatenate.
        assert_eq!(
            value_of("'a' 'b'").kind,
            ExprKind::Constant(Constant::Str("ab".into()))
        );
        assert_eq!(
            value_of("b'a' b'\\x00'").kind,
            ExprKind::Constant(Constant::Bytes(vec![b'a', 0]))
        );
    }

    #[test]
    fn numbers() {
        assert_eq!(
            shape(&value_of("0x_FF + 0o17 + 0b11")),
            "((255 Add 15) Add 3)"
        );
        let big = "1".repeat(120);
        let ExprKind::Constant(Constant::Int(value)) = value_of(&big).kind else {
            panic!()
        };
        assert_eq!(value.to_string(), big);
        assert_eq!(
            value_of("1e-3").kind,
            ExprKind::Constant(Constant::Float(1e-3))
        );
        assert_eq!(
            value_of("5.").kind,
            ExprKind::Constant(Constant::Float(5.0))
        );
        assert_eq!(
            value_of("1_000.5").kind,
            ExprKind::Constant(Constant::Float(1000.5))
        );
    }

    #[test]
    fn statements() {
        let body = parse_ok(
            "@d\ndef f(a, /, b=1, *args, c, d=2, **kw) -> int:\n    global g\n    return a\n\
             class C(B, metaclass=M):\n    x: int = 1\n\
             for i, (j, k) in z:\n    break\nelse:\n    pass\n\
             while x: continue\n\
             try:\n    pass\nexcept (A, B) as e:\n    raise X from e\nexcept:\n    pass\nelse:\n    pass\nfinally:\n    pass\n\
             with (open(a) as f, b):\n    pass\n\
             import a.b.c as d, e\nfrom x.y import (p as q, r,)\nfrom m import *\n\
             del a, b[0]; assert x, 'm'; x = y = z; x **= 2\n\
             lambda a, *, b=1: a\n\
             def g():\n    x = yield\n    yield from y\n",
        );
        assert_eq!(body.len(), 15);
        let StmtKind::FunctionDef(def) = &body[0].kind else {
            panic!()
        };
        assert_eq!(def.params.posonly.len(), 1);
        assert_eq!(def.params.args.len(), 1);
        assert_eq!(def.params.kwonly.len(), 2);
        assert!(def.params.vararg.is_some() && def.params.kwarg.is_some());
        assert_eq!(def.decorators.len(), 1);
        let StmtKind::Delete(targets) = &body[9].kind else {
            panic!("{:?}", body[9])
        };
        assert_eq!(targets.len(), 2);
        let StmtKind::Assign { targets, .. } = &body[11].kind else {
            panic!()
        };
        assert_eq!(targets.len(), 2);
    }

    #[test]
    fn soft_keywords_stay_names() {
        parse_ok("match = 3\nmatch.x = 1\nprint(match)\nmatch(x)\nmatch [1]\ntype = 5\ntype(x)\n");
        parse_ok("case = _ = 1\n");
    }

    #[test]
    fn unsupported_constructs() {
        let cases = [
            (
                "async def f():\n    async for x in y:\n        pass\n",
                "'async for'",
            ),
            (
                "async def f():\n    async with a:\n        pass\n",
                "'async with'",
            ),
            (
                "def f():\n    async with a:\n        pass\n",
                "'async with'",
            ),
            (
                "def f():\n    async for x in y:\n        pass\n",
                "'async for'",
            ),
            (
                "match x:\n    case 1:\n        pass\n",
                "the 'match' statement",
            ),
            ("x = 1j\n", "complex numbers"),
            ("type X = int\n", "'type' alias statements"),
            (
                "try:\n    pass\nexcept* E:\n    pass\n",
                "star-expressions in 'except*'",
            ),
        ];
        for (source, construct) in cases {
            match parse(source) {
                Err(CompileError::Unsupported { construct: got, .. }) => {
                    assert_eq!(got, construct, "{source}")
                }
                other => panic!("{source}: {other:?}"),
            }
        }
        // A syntax error anywhere still wins, as CPython would report it.
        assert!(matches!(
            parse("x = 1j\nif x\n"),
            Err(CompileError::Syntax(_))
        ));
    }

    const PROGRAMS: [&str; 4] = [
        "import threading\n\ncounter = 0\nlock = threading.Lock()\n\ndef work(n: int) -> None:\n    global counter\n    for i in range(n):\n        with lock:\n            counter += 1\n\nthreads = [threading.Thread(target=work, args=(1000,)) for _ in range(4)]\nfor t in threads: t.start()\nfor t in threads:\n    t.join()\nprint(f\"counter = {counter:>{8}} {counter!r} {counter=}\")\n",
        "class Account:\n    def __init__(self, balance=0, *args, **kwargs):\n        self.balance = balance  # ♥ comment\n\n    @property\n    def value(self):\n        return self.balance if self.balance > 0 else -self.balance ** 2\n\ntry:\n    x = {'a': [1, 2, (3, 4)], **extra}\nexcept (KeyError, ValueError) as e:\n    raise RuntimeError('bad') from e\nfinally:\n    del x\n",
        "def gen():\n    x = yield 1\n    yield from range(3)\n    return [y for y in x if y if not y]\n\nwhile True:\n    if (n := len(data)) > 10:\n        break\n    elif n:\n        continue\n    else:\n        data.append(lambda a, *, b=2: a[1:2, ::3])\n",
        "s = '''triple\nquoted''' + \"\\x41\\n\" + r'\\d' + b'\\xff'.decode()\nvalues = {*a, *b}; pairs = {k: v for k, v in items}; g = (x for x in y)\nif a is not b and c not in d or e <= f < g:\n    pass\nx = 0x_ff + 0o7 + 0b1 + 1_000 + 1e-3 + 5.\n",
    ];

    /// Every prefix of some real programs (cut at every character) parses or fails
    /// cleanly: no panic.
    #[test]
    fn prefixes_never_panic() {
        for program in PROGRAMS {
            parse_ok(program);
            let cuts: Vec<usize> = program.char_indices().map(|(i, _)| i).collect();
            for cut in cuts {
                let _ = parse(&program[..cut]);
                // Also with the rest of the line dropped, and a stray bracket.
                let _ = parse(&format!("{}(\n", &program[..cut]));
                let _ = parse(&format!("{})\n", &program[..cut]));
            }
        }
    }

    #[test]
    fn odd_inputs_never_panic() {
        let inputs = [
            "",
            "\n",
            "\\",
            "\\\n",
            "(",
            ")",
            "f'",
            "f'{",
            "f'{x",
            "f'{x!",
            "f'{x:",
            "f'{x:{",
            "f'}",
            "'''",
            "b'\\",
            "0x",
            "1e",
            "1_",
            "\t\x0cx",
            "if",
            "if x:",
            "def",
            "def f(",
            "class",
            "lambda",
            "lambda:",
            "@",
            "@x",
            "for",
            "for x in",
            "with",
            "try:",
            "except",
            "*",
            "**",
            "x[",
            "x[:",
            "x.",
            "x(*",
            "x(**",
            "{**",
            "{1:",
            "[*",
            "yield",
            "from",
            "from .",
            "import",
            "global",
            "del",
            "assert",
            "raise",
            "return",
            "not",
            "await",
            "async",
            "async def",
            "match x:",
            "match x:\n",
            "type",
            "type X",
            "\u{feff}x = 1",
            "x = 1\r\ny = 2\r",
            "f'{x=!r:{y!s:{z}}}'",
            "if x:\n\tpass\n        pass\n",
            "  x",
            "x\n  y\n z\n",
        ];
        for input in inputs {
            let _ = parse(input);
        }
    }

    /// Deep nesting ends in a SyntaxError, not a stack overflow, even in a debug build
    /// on a small stack.
    #[test]
    fn deep_nesting_is_bounded() {
        let inputs = vec![
            format!("x = {}1{}\n", "(".repeat(1000), ")".repeat(1000)),
            format!("x = {}1{}\n", "[".repeat(150), "]".repeat(150)),
            format!("x = {}1\n", "-".repeat(100_000)),
            format!("x = {}1\n", "not ".repeat(100_000)),
            format!("x = {}1\n", "lambda: ".repeat(10_000)),
            format!("x = 1{}\n", " + 1".repeat(100_000)),
            format!("x = 1{}\n", " ** 1".repeat(100_000)),
            format!("x = a{}\n", ".b".repeat(100_000)),
            format!("x = {}1\n", "1 if 2 else ".repeat(10_000)),
            format!("x = {}1{}\n", "f'{".repeat(300), "}'".repeat(300)),
            format!("x = {}1{}\n", "f(".repeat(150), ")".repeat(150)),
            (0..120)
                .map(|i| format!("{}if x:\n", " ".repeat(i)))
                .collect::<String>(),
        ];
        let handle = std::thread::Builder::new()
            .stack_size(4 << 20)
            .spawn(move || {
                for input in inputs {
                    let _ = parse(&input);
                }
            })
            .expect("spawn");
        assert!(handle.join().is_ok());
        let error = parse(&format!("x = {}1\n", "-".repeat(1000))).unwrap_err();
        assert!(
            error.to_string().contains("too many nested parentheses"),
            "{error}"
        );
    }

    #[test]
    fn placement_errors_are_reported_after_parsing() {
        // A later syntax error beats an earlier 'return' outside a function.
        let error = parse("return 1\nx = (\n").unwrap_err();
        assert!(error.to_string().contains("was never closed"), "{error}");
        // Symbol-table errors beat compiler errors wherever they are.
        let error = parse("break\ndef f():\n    x = 1\n    global x\n").unwrap_err();
        assert!(
            error.to_string().contains("assigned to before global"),
            "{error}"
        );
        parse_ok("def f():\n    for x in y:\n        try:\n            continue\n        finally:\n            break\n    return lambda: (yield)\n");
    }
}
