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
//!
//! The parser is one `Parser` (this file) whose methods live with their concern:
//! `cursor` (the token stream: peeking, consuming, expecting, backtracking, nesting),
//! `statements` (simple statements, blocks, imports, assignments), `compound` (`if`,
//! loops, `try`, `with`, `def`, `class`, parameters), `expressions` (operators down to
//! calls and subscripts), `atoms` (names, literals, displays, comprehensions), `fstrings`
//! (string concatenation and f-string fields), `diagnostics` (CPython's error messages
//! and positions) and `symtable` (the errors CPython's symbol table finds).

mod atoms;
mod compound;
mod cursor;
mod diagnostics;
mod expressions;
mod fstrings;
mod statements;
mod symtable;
#[cfg(test)]
mod tests;

use std::cell::Cell;
use std::collections::{HashMap, HashSet};

use crate::ast::*;
use crate::error::*;
use crate::lexer::{self, Pos, Strength, Token};

use diagnostics::PErr;
use symtable::symtable_check;

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
    match parser.parse_file() {
        Err(error) => {
            let Some(lex_error) = lexed.error else {
                return Err(parser.report(*error, filename));
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
                Err(parser.report(PErr::from(lex_error), filename))
            } else {
                Err(parser.report(*error, filename))
            }
        }
        Ok(body) => {
            if let Some(error) = symtable_check(&body, &parser.stmt_ends) {
                return Err(parser.report(*error, filename));
            }
            if let Some(error) = parser.compile_error.take() {
                return Err(parser.report(*error, filename));
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
pub(crate) const KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
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
}
