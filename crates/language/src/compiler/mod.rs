//! The compiler: AST to bytecode (`bytecode::Code`), with a source line per instruction.
//!
//! Scope analysis (`symbols`) decides where each name lives; this module emits
//! instructions. `finally` bodies are emitted inline on every exit path (normal, break,
//! continue, return) and once more as the exception handler, as CPython does. The
//! compiler never runs code and never panics on any AST the parser can produce.
//!
//! This file holds the compiler's state (the stack of scopes being compiled, the blocks
//! each is inside) and opens and closes scopes; the rest is by concern: `emit` (code
//! building: instructions, jumps, constants, names, stack depth), `statements`,
//! `blocks` (loops' exits, `try`, `with`), `functions` (`def`, `lambda`, `class`),
//! `expressions` and `comprehensions`.

mod blocks;
mod comprehensions;
mod emit;
mod expressions;
mod functions;
mod statements;

use super::ast::*;
use super::error::CompileError;
use super::symbols::{self, NameKind, ScopeKind, ScopeNames};
use bytecode::{Code, Constant as Const, Instr, Name};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Compiles a parsed module into the code object of its top level.
pub fn compile_module(
    body: &[Stmt],
    filename: &str,
    source: &str,
) -> Result<Arc<Code>, CompileError> {
    let mut names = ScopeNames::inlining();
    let mut nested = Vec::new();
    symbols::collect_body(body, &mut names, &mut nested);
    let mut compiler = Compiler {
        filename: filename.into(),
        source_lines: source.lines().map(str::to_string).collect(),
        scopes: Vec::new(),
    };
    compiler.push_scope(
        ScopeKind::Module,
        "<module>",
        "<module>",
        1,
        names,
        &nested,
        &[],
    );
    // A module's `__doc__` is its docstring or None; `__annotations__` exists when the
    // module annotates a name, as CPython sets them up before the first statement.
    let first_line = body.first().map_or(1, |s| s.loc.line);
    let doc = docstring(body).map_or(Const::None, Const::str);
    compiler.emit_const(doc, first_line);
    let doc_name = compiler.name_index("__doc__");
    compiler.emit(Instr::StoreName(doc_name), first_line);
    compiler.setup_annotations(body, first_line);
    compiler.body(body)?;
    compiler.emit_const(Const::None, 0);
    compiler.emit(Instr::Return, 0);
    Ok(Arc::new(compiler.pop_scope()))
}

/// The docstring of a body: its first statement when that is a string literal.
pub(super) fn docstring(body: &[Stmt]) -> Option<&str> {
    match &body.first()?.kind {
        StmtKind::Expr(Expr {
            kind: ExprKind::Constant(Constant::Str(text)),
            ..
        }) => Some(text),
        _ => None,
    }
}

/// Whether a module or class body annotates a name at its own level (CPython's
/// `find_ann`: through compound statements, not into functions or classes).
pub(super) fn has_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|stmt| match &stmt.kind {
        StmtKind::AnnAssign { .. } => true,
        StmtKind::If { body, orelse, .. }
        | StmtKind::While { body, orelse, .. }
        | StmtKind::For { body, orelse, .. } => has_annotations(body) || has_annotations(orelse),
        StmtKind::With { body, .. } => has_annotations(body),
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            has_annotations(body)
                || handlers.iter().any(|h| has_annotations(&h.body))
                || has_annotations(orelse)
                || has_annotations(finalbody)
        }
        _ => false,
    })
}

/// One loop or block the compiler is inside, for break/continue/return clean-up.
#[derive(Clone)]
enum FBlock {
    /// A `for` loop: the iterator is on the stack.
    For {
        continue_target: usize,
        breaks: Vec<usize>,
    },
    While {
        continue_target: usize,
        breaks: Vec<usize>,
    },
    /// Inside `try:` with handlers: a SetupExcept block is active.
    TryExcept,
    /// Inside `try:` with a finally: the body to run on the way out.
    TryFinally(Vec<Stmt>),
    /// Inside `with`: the exit method is on the stack, a SetupWith block is active.
    With,
    /// Inside `async with`: as `With`, but `__aexit__`'s result is awaited.
    AsyncWith,
    /// Inside an except/finally handler: an active-handler block; `exc_on_stack` when
    /// the exception value is still on the stack (finally handlers).
    Handler { exc_on_stack: bool },
}

struct Scope {
    kind: ScopeKind,
    code: Code,
    kinds: HashMap<String, NameKind>,
    fblocks: Vec<FBlock>,
    current_line: u32,
    /// Names bound in this function scope (locals, cells) and free ones, for children.
    visible_function_names: HashSet<String>,
    stack_depth: i64,
    /// The variables of the inlined comprehensions being compiled, innermost last: fast
    /// locals while they run, whatever the name is in the rest of the body.
    comp_locals: Vec<String>,
}

struct Compiler {
    filename: Name,
    source_lines: Vec<String>,
    scopes: Vec<Scope>,
}

type CResult<T = ()> = Result<T, CompileError>;

impl Compiler {
    fn scope(&mut self) -> &mut Scope {
        self.scopes
            .last_mut()
            .expect("a scope is always open while compiling")
    }

    fn unsupported(&self, construct: &str, line: u32) -> CompileError {
        CompileError::Unsupported {
            construct: construct.to_string(),
            filename: self.filename.to_string(),
            line,
            source_line: self
                .source_lines
                .get((line as usize).wrapping_sub(1))
                .cloned()
                .unwrap_or_default(),
        }
    }

    fn syntax(&self, message: &str, loc: Location) -> CompileError {
        let source_line = self
            .source_lines
            .get((loc.line as usize).wrapping_sub(1))
            .cloned()
            .unwrap_or_default();
        CompileError::Syntax(super::error::SyntaxError {
            kind: super::error::SyntaxErrorKind::SyntaxError,
            message: message.to_string(),
            filename: self.filename.to_string(),
            line: loc.line,
            offset: loc.column + 1,
            end_offset: loc.column + 2,
            source_line,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn push_scope(
        &mut self,
        kind: ScopeKind,
        name: &str,
        qualname: &str,
        first_line: u32,
        names: ScopeNames,
        nested: &[symbols::NestedUse],
        params: &[String],
    ) {
        let mut kinds = HashMap::new();
        let mut code = Code {
            name: name.into(),
            qualname: qualname.into(),
            filename: self.filename.clone(),
            first_line,
            uses_name_lookups: kind != ScopeKind::Function,
            ..Code::default()
        };
        let nested_free: HashSet<&String> = nested.iter().flat_map(|n| n.free.iter()).collect();
        let enclosing_has = |scopes: &[Scope], name: &str| {
            scopes.iter().rev().any(|s| {
                (s.kind == ScopeKind::Function && s.visible_function_names.contains(name))
                    || (s.kind == ScopeKind::Class
                        && name == "__class__"
                        && s.kinds.get(name) == Some(&NameKind::Cell))
            })
        };
        let mut visible = HashSet::new();
        match kind {
            ScopeKind::Module => {}
            ScopeKind::Class => {
                if nested_free.contains(&"__class__".to_string()) {
                    kinds.insert("__class__".to_string(), NameKind::Cell);
                    code.cellvars.push("__class__".into());
                }
                // A name the class body assigns is read and written in its namespace, but
                // a method may still read the enclosing function's variable of that name
                // (methods skip the class scope): the cell passes through as a freevar
                // while the body's own uses stay name lookups.
                let mut free: Vec<&String> = names
                    .used
                    .iter()
                    .filter(|n| !names.assigned.contains(*n))
                    .chain(nested_free.iter().copied())
                    .filter(|n| *n != "__class__")
                    .collect();
                free.sort();
                free.dedup();
                for name in free {
                    if enclosing_has(&self.scopes, name) {
                        if !names.assigned.contains(name) {
                            kinds.insert(name.clone(), NameKind::Free);
                        }
                        code.freevars.push(name.as_str().into());
                    }
                }
            }
            ScopeKind::Function => {
                for param in params {
                    code.varnames.push(param.as_str().into());
                }
                let mut locals: Vec<String> = params.to_vec();
                for name in &names.assigned {
                    if !names.globals.contains(name)
                        && !names.nonlocals.contains(name)
                        && !locals.contains(name)
                    {
                        locals.push(name.clone());
                    }
                }
                for name in &locals {
                    if nested_free.contains(name) {
                        kinds.insert(name.clone(), NameKind::Cell);
                        code.cellvars.push(name.as_str().into());
                    } else {
                        kinds.insert(name.clone(), NameKind::Local);
                        if !code.varnames.iter().any(|v| &**v == name.as_str()) {
                            code.varnames.push(name.as_str().into());
                        }
                    }
                    visible.insert(name.clone());
                }
                // Parameters captured by inner scopes still arrive in fast slots and are
                // moved into their cells at frame start.
                for (cell_index, cell) in code.cellvars.iter().enumerate() {
                    if let Some(var_index) = code.varnames.iter().position(|v| v == cell) {
                        code.cell_params.push((cell_index as u32, var_index as u32));
                    }
                }
                let mut wanted: Vec<String> = names
                    .used
                    .iter()
                    .chain(nested_free.iter().copied())
                    .chain(names.nonlocals.iter())
                    .filter(|n| !locals.contains(n) && !names.globals.contains(*n))
                    .cloned()
                    .collect();
                if names.used.contains("super") {
                    wanted.push("__class__".to_string());
                }
                wanted.sort();
                wanted.dedup();
                for name in wanted {
                    if enclosing_has(&self.scopes, &name) {
                        kinds.insert(name.clone(), NameKind::Free);
                        code.freevars.push(name.as_str().into());
                        visible.insert(name);
                    } else {
                        kinds.insert(name, NameKind::Global);
                    }
                }
                for name in &names.globals {
                    kinds.insert(name.clone(), NameKind::Global);
                }
            }
        }
        self.scopes.push(Scope {
            kind,
            code,
            kinds,
            fblocks: Vec::new(),
            current_line: first_line,
            visible_function_names: visible,
            stack_depth: 0,
            comp_locals: Vec::new(),
        });
    }

    fn pop_scope(&mut self) -> Code {
        let scope = self.scopes.pop().expect("scope pushed before it is popped");
        scope.code
    }
}
