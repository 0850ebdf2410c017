//! The compiler: AST to bytecode (`bytecode::Code`), with a source line per instruction.
//!
//! Scope analysis (`symbols`) decides where each name lives; this module emits
//! instructions. `finally` bodies are emitted inline on every exit path (normal, break,
//! continue, return) and once more as the exception handler, as CPython does. The
//! compiler never runs code and never panics on any AST the parser can produce.

use super::ast::*;
use super::error::CompileError;
use super::symbols::{self, NameKind, ScopeKind, ScopeNames};
use bytecode::{Code, Constant as Const, FormatFlags, Instr, MakeFunctionFlags, Name};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Compiles a parsed module into the code object of its top level.
pub fn compile_module(
    body: &[Stmt],
    filename: &str,
    source: &str,
) -> Result<Arc<Code>, CompileError> {
    let mut names = ScopeNames::default();
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
    compiler.body(body)?;
    compiler.emit_const(Const::None, 0);
    compiler.emit(Instr::Return, 0);
    Ok(Arc::new(compiler.pop_scope()))
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
                let mut free: Vec<&String> = names
                    .used
                    .iter()
                    .chain(nested_free.iter().copied())
                    .filter(|n| *n != "__class__" && !names.assigned.contains(n))
                    .collect();
                free.sort();
                free.dedup();
                for name in free {
                    if enclosing_has(&self.scopes, name) {
                        kinds.insert(name.clone(), NameKind::Free);
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
        });
    }

    fn pop_scope(&mut self) -> Code {
        let scope = self.scopes.pop().expect("scope pushed before it is popped");
        scope.code
    }

    fn set_line(&mut self, line: u32) {
        if line > 0 {
            self.scope().current_line = line;
        }
    }

    fn emit(&mut self, instr: Instr, line: u32) -> usize {
        let scope = self.scope();
        let line = if line == 0 { scope.current_line } else { line };
        scope.stack_depth += stack_effect(&instr);
        scope.code.stack_hint = scope.code.stack_hint.max(scope.stack_depth.max(0) as u32);
        scope.code.instructions.push(instr);
        scope.code.lines.push(line);
        scope.code.instructions.len() - 1
    }

    fn here(&mut self) -> usize {
        self.scope().code.instructions.len()
    }

    fn patch(&mut self, at: usize, target: usize) {
        let target = target as u32;
        let instr = &mut self.scope().code.instructions[at];
        match instr {
            Instr::Jump(t)
            | Instr::PopJumpIfFalse(t)
            | Instr::PopJumpIfTrue(t)
            | Instr::JumpIfFalseOrPop(t)
            | Instr::JumpIfTrueOrPop(t)
            | Instr::ForIter(t)
            | Instr::SetupExcept(t)
            | Instr::SetupFinally(t)
            | Instr::SetupWith(t) => *t = target,
            _ => {}
        }
    }

    fn add_const(&mut self, value: Const) -> u32 {
        let consts = &mut self.scope().code.consts;
        // Reuse simple constants; code objects and floats (because of -0.0/nan) are not shared.
        let existing = consts.iter().position(|c| match (c, &value) {
            (Const::None, Const::None) => true,
            (Const::Bool(a), Const::Bool(b)) => a == b,
            (Const::Int(a), Const::Int(b)) => a == b,
            (Const::Str(a), Const::Str(b)) => a == b,
            _ => false,
        });
        match existing {
            Some(index) => index as u32,
            None => {
                consts.push(value);
                (consts.len() - 1) as u32
            }
        }
    }

    fn emit_const(&mut self, value: Const, line: u32) {
        let index = self.add_const(value);
        self.emit(Instr::LoadConst(index), line);
    }

    fn name_index(&mut self, name: &str) -> u32 {
        let names = &mut self.scope().code.names;
        match names.iter().position(|n| &**n == name) {
            Some(index) => index as u32,
            None => {
                names.push(name.into());
                (names.len() - 1) as u32
            }
        }
    }

    fn cell_index(&mut self, name: &str) -> u32 {
        let code = &self.scope().code;
        if let Some(i) = code.cellvars.iter().position(|n| &**n == name) {
            return i as u32;
        }
        let free = code.freevars.iter().position(|n| &**n == name).unwrap_or(0);
        (code.cellvars.len() + free) as u32
    }

    fn name_kind(&mut self, name: &str) -> NameKind {
        let scope = self.scope();
        match scope.kind {
            ScopeKind::Module => NameKind::Name,
            ScopeKind::Class => match scope.kinds.get(name) {
                Some(NameKind::Free) => NameKind::Free,
                _ => NameKind::Name,
            },
            ScopeKind::Function => scope.kinds.get(name).copied().unwrap_or(NameKind::Global),
        }
    }

    fn load_name(&mut self, name: &str, line: u32) {
        match self.name_kind(name) {
            NameKind::Local => {
                let i = self.varname_index(name);
                self.emit(Instr::LoadFast(i), line);
            }
            NameKind::Cell | NameKind::Free => {
                let i = self.cell_index(name);
                self.emit(Instr::LoadDeref(i), line);
            }
            NameKind::Global => {
                let i = self.name_index(name);
                self.emit(Instr::LoadGlobal(i), line);
            }
            NameKind::Name => {
                let i = self.name_index(name);
                self.emit(Instr::LoadName(i), line);
            }
        }
    }

    fn store_name(&mut self, name: &str, line: u32) {
        match self.name_kind(name) {
            NameKind::Local => {
                let i = self.varname_index(name);
                self.emit(Instr::StoreFast(i), line);
            }
            NameKind::Cell | NameKind::Free => {
                let i = self.cell_index(name);
                self.emit(Instr::StoreDeref(i), line);
            }
            NameKind::Global => {
                let i = self.name_index(name);
                self.emit(Instr::StoreGlobal(i), line);
            }
            NameKind::Name => {
                let i = self.name_index(name);
                self.emit(Instr::StoreName(i), line);
            }
        }
    }

    fn delete_name(&mut self, name: &str, line: u32) -> CResult {
        match self.name_kind(name) {
            NameKind::Local => {
                let i = self.varname_index(name);
                self.emit(Instr::DeleteFast(i), line);
            }
            NameKind::Cell | NameKind::Free => {
                return Err(self.unsupported("deleting a variable captured by a closure", line));
            }
            NameKind::Global => {
                let i = self.name_index(name);
                self.emit(Instr::DeleteGlobal(i), line);
            }
            NameKind::Name => {
                let i = self.name_index(name);
                self.emit(Instr::DeleteName(i), line);
            }
        }
        Ok(())
    }

    fn varname_index(&mut self, name: &str) -> u32 {
        let varnames = &mut self.scope().code.varnames;
        match varnames.iter().position(|n| &**n == name) {
            Some(i) => i as u32,
            None => {
                varnames.push(name.into());
                (varnames.len() - 1) as u32
            }
        }
    }

    // ---------------------------------------------------------------- statements

    fn body(&mut self, body: &[Stmt]) -> CResult {
        for stmt in body {
            self.stmt(stmt)?;
        }
        Ok(())
    }

    fn stmt(&mut self, stmt: &Stmt) -> CResult {
        let line = stmt.loc.line;
        self.set_line(line);
        match &stmt.kind {
            StmtKind::Expr(expr) => {
                self.expr(expr)?;
                self.emit(Instr::Pop, line);
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (index, target) in targets.iter().enumerate() {
                    if index + 1 < targets.len() {
                        self.emit(Instr::Dup, line);
                    }
                    self.store_target(target)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => {
                self.aug_assign(target, *op, value, line)?
            }
            StmtKind::AnnAssign { target, value, .. } => {
                if let Some(value) = value {
                    self.expr(value)?;
                    self.store_target(target)?;
                }
            }
            StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                let to_else = self.emit(Instr::PopJumpIfFalse(0), line);
                self.body(body)?;
                if orelse.is_empty() {
                    let end = self.here();
                    self.patch(to_else, end);
                } else {
                    let to_end = self.emit(Instr::Jump(0), 0);
                    let else_start = self.here();
                    self.patch(to_else, else_start);
                    self.body(orelse)?;
                    let end = self.here();
                    self.patch(to_end, end);
                }
            }
            StmtKind::While { test, body, orelse } => {
                let start = self.here();
                self.expr(test)?;
                let to_else = self.emit(Instr::PopJumpIfFalse(0), line);
                self.scope().fblocks.push(FBlock::While {
                    continue_target: start,
                    breaks: Vec::new(),
                });
                self.body(body)?;
                self.emit(Instr::Jump(start as u32), line);
                let Some(FBlock::While { breaks, .. }) = self.scope().fblocks.pop() else {
                    unreachable!("the while block pushed above")
                };
                let else_start = self.here();
                self.patch(to_else, else_start);
                self.body(orelse)?;
                let end = self.here();
                for at in breaks {
                    self.patch(at, end);
                }
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.expr(iter)?;
                self.emit(Instr::GetIter, line);
                let start = self.here();
                let for_iter = self.emit(Instr::ForIter(0), line);
                self.store_target(target)?;
                self.scope().fblocks.push(FBlock::For {
                    continue_target: start,
                    breaks: Vec::new(),
                });
                self.body(body)?;
                self.emit(Instr::Jump(start as u32), line);
                let Some(FBlock::For { breaks, .. }) = self.scope().fblocks.pop() else {
                    unreachable!("the for block pushed above")
                };
                // ForIter pops the iterator when it is exhausted.
                self.scope().stack_depth -= 1;
                let else_start = self.here();
                self.patch(for_iter, else_start);
                self.body(orelse)?;
                let end = self.here();
                for at in breaks {
                    self.patch(at, end);
                }
            }
            StmtKind::FunctionDef(def) => {
                for decorator in &def.decorators {
                    self.expr(decorator)?;
                }
                if def.is_async && contains_yield(&def.body) {
                    return Err(self.unsupported("async generators", line));
                }
                let body = if def.is_async {
                    FunctionBody::AsyncBlock(&def.body)
                } else {
                    FunctionBody::Block(&def.body)
                };
                self.function(&def.name, &def.params, body, line)?;
                for _ in &def.decorators {
                    self.emit(Instr::Call(1), line);
                }
                self.store_name(&def.name, line);
            }
            StmtKind::ClassDef(class) => self.class(class, line)?,
            StmtKind::Return(value) => {
                if self.scope().kind != ScopeKind::Function {
                    return Err(self.syntax("'return' outside function", stmt.loc));
                }
                match value {
                    Some(value) => self.expr(value)?,
                    None => self.emit_const(Const::None, line),
                }
                self.unwind_fblocks_for_return(line)?;
                self.emit(Instr::Return, line);
            }
            StmtKind::Delete(targets) => {
                for target in targets {
                    self.delete_target(target)?;
                }
            }
            StmtKind::Pass => {
                self.emit(Instr::Nop, line);
            }
            StmtKind::Break => self.break_or_continue(true, stmt.loc)?,
            StmtKind::Continue => self.break_or_continue(false, stmt.loc)?,
            StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::Raise { exc, cause } => {
                let mut count = 0;
                if let Some(exc) = exc {
                    self.expr(exc)?;
                    count = 1;
                    if let Some(cause) = cause {
                        self.expr(cause)?;
                        count = 2;
                    }
                }
                self.emit(Instr::Raise(count), line);
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                if finalbody.is_empty() {
                    self.try_except(body, handlers, orelse, line)?;
                } else {
                    self.try_finally(body, handlers, orelse, finalbody, line)?;
                }
            }
            StmtKind::With { items, body } => self.with(items, body, line)?,
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                let to_end = self.emit(Instr::PopJumpIfTrue(0), line);
                self.emit(Instr::LoadAssertionError, line);
                if let Some(msg) = msg {
                    self.expr(msg)?;
                    self.emit(Instr::Call(1), line);
                }
                self.emit(Instr::Raise(1), line);
                let end = self.here();
                self.patch(to_end, end);
            }
            StmtKind::Import(aliases) => {
                for alias in aliases {
                    let index = self.name_index(&alias.name);
                    self.emit(Instr::ImportName(index), line);
                    match &alias.asname {
                        Some(asname) => {
                            // `import a.b as c` binds the submodule itself.
                            for part in alias.name.split('.').skip(1) {
                                let i = self.name_index(part);
                                self.emit(Instr::LoadAttr(i), line);
                            }
                            self.store_name(asname, line);
                        }
                        None => {
                            let top = alias.name.split('.').next().unwrap_or("").to_string();
                            // ImportName of a dotted name pushes the top-level package.
                            self.store_name(&top, line);
                        }
                    }
                }
            }
            StmtKind::ImportFrom { module, names } => {
                let index = self.name_index(&format!("from:{module}"));
                self.emit(Instr::ImportName(index), line);
                if names.len() == 1 && names[0].name == "*" {
                    if self.scope().kind != ScopeKind::Module {
                        return Err(self.syntax("import * only allowed at module level", stmt.loc));
                    }
                    self.emit(Instr::ImportStar, line);
                } else {
                    for alias in names {
                        let i = self.name_index(&alias.name);
                        self.emit(Instr::ImportFrom(i), line);
                        self.store_name(alias.asname.as_deref().unwrap_or(&alias.name), line);
                    }
                    self.emit(Instr::Pop, line);
                }
            }
        }
        Ok(())
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

    fn aug_assign(&mut self, target: &Expr, op: BinOp, value: &Expr, line: u32) -> CResult {
        match &target.kind {
            ExprKind::Name(name) => {
                self.load_name(name, line);
                self.expr(value)?;
                self.emit(Instr::InplaceBinary(op), line);
                self.store_name(name, line);
            }
            ExprKind::Attribute {
                value: object,
                attr,
            } => {
                self.expr(object)?;
                self.emit(Instr::Dup, line);
                let i = self.name_index(attr);
                self.emit(Instr::LoadAttr(i), line);
                self.expr(value)?;
                self.emit(Instr::InplaceBinary(op), line);
                self.emit(Instr::Rot2, line);
                self.emit(Instr::StoreAttr(i), line);
            }
            ExprKind::Subscript {
                value: object,
                index,
            } => {
                self.expr(object)?;
                self.expr(index)?;
                self.emit(Instr::Dup2, line);
                self.emit(Instr::Subscript, line);
                self.expr(value)?;
                self.emit(Instr::InplaceBinary(op), line);
                self.emit(Instr::Rot3, line);
                self.emit(Instr::StoreSubscript, line);
            }
            _ => {
                return Err(self.syntax(
                    "'expression' is an illegal expression for augmented assignment",
                    target.loc,
                ))
            }
        }
        Ok(())
    }

    fn break_or_continue(&mut self, is_break: bool, loc: Location) -> CResult {
        let line = loc.line;
        let blocks = self.scope().fblocks.clone();
        let Some(loop_index) = blocks
            .iter()
            .rposition(|b| matches!(b, FBlock::For { .. } | FBlock::While { .. }))
        else {
            let message = if is_break {
                "'break' outside loop"
            } else {
                "'continue' not properly in loop"
            };
            return Err(self.syntax(message, loc));
        };
        for block in blocks[loop_index + 1..].iter().rev() {
            self.unwind_one(block, false, line)?;
        }
        match &blocks[loop_index] {
            FBlock::For {
                continue_target, ..
            }
            | FBlock::While {
                continue_target, ..
            } => {
                if is_break {
                    if matches!(blocks[loop_index], FBlock::For { .. }) {
                        self.emit(Instr::Pop, line);
                        self.scope().stack_depth += 1;
                    }
                    let at = self.emit(Instr::Jump(0), line);
                    match &mut self.scope().fblocks[loop_index] {
                        FBlock::For { breaks, .. } | FBlock::While { breaks, .. } => {
                            breaks.push(at)
                        }
                        _ => unreachable!("loop_index points at a loop"),
                    }
                } else {
                    let target = *continue_target as u32;
                    self.emit(Instr::Jump(target), line);
                }
            }
            _ => unreachable!("loop_index points at a loop"),
        }
        Ok(())
    }

    /// Leaves one enclosing block on the way out of it (break/continue/return).
    /// `value_on_top`: a return value sits above the block's own stack items.
    fn unwind_one(&mut self, block: &FBlock, value_on_top: bool, line: u32) -> CResult {
        match block {
            FBlock::For { .. } => {
                if value_on_top {
                    self.emit(Instr::Rot2, line);
                }
                self.emit(Instr::Pop, line);
                self.scope().stack_depth += 1;
            }
            FBlock::While { .. } => {}
            FBlock::TryExcept => {
                self.emit(Instr::PopBlock, line);
            }
            FBlock::TryFinally(finalbody) => {
                self.emit(Instr::PopBlock, line);
                // The finally body runs outside the try: pop it from the fblock stack
                // while compiling it, so a `return` inside it does not run it again.
                let saved = self.scope().fblocks.clone();
                if let Some(position) = saved
                    .iter()
                    .rposition(|b| matches!(b, FBlock::TryFinally(_)))
                {
                    self.scope().fblocks.truncate(position);
                }
                let result = self.body(finalbody);
                self.scope().fblocks = saved;
                result?;
            }
            FBlock::With => {
                self.emit(Instr::PopBlock, line);
                if value_on_top {
                    self.emit(Instr::Rot2, line);
                }
                self.emit(Instr::WithCleanNormal, line);
                self.emit(Instr::Pop, line);
            }
            FBlock::Handler { exc_on_stack } => {
                if *exc_on_stack {
                    if value_on_top {
                        self.emit(Instr::Rot2, line);
                    }
                    self.emit(Instr::Pop, line);
                    self.scope().stack_depth += 1;
                }
                self.emit(Instr::PopExcept, line);
            }
        }
        Ok(())
    }

    fn unwind_fblocks_for_return(&mut self, line: u32) -> CResult {
        let blocks = self.scope().fblocks.clone();
        for block in blocks.iter().rev() {
            self.unwind_one(block, true, line)?;
        }
        Ok(())
    }

    fn try_except(
        &mut self,
        body: &[Stmt],
        handlers: &[ExceptHandler],
        orelse: &[Stmt],
        line: u32,
    ) -> CResult {
        let setup = self.emit(Instr::SetupExcept(0), line);
        self.scope().fblocks.push(FBlock::TryExcept);
        self.body(body)?;
        self.scope().fblocks.pop();
        self.emit(Instr::PopBlock, 0);
        self.body(orelse)?;
        let mut to_end = vec![self.emit(Instr::Jump(0), 0)];
        let handler_start = self.here();
        self.patch(setup, handler_start);
        // The unwinder pushes the exception here.
        self.scope().stack_depth += 1;
        for handler in handlers {
            let hline = handler.loc.line;
            self.set_line(hline);
            let mut to_next = None;
            if let Some(type_) = &handler.type_ {
                self.emit(Instr::Dup, hline);
                self.expr(type_)?;
                self.emit(Instr::ExceptionMatch, hline);
                to_next = Some(self.emit(Instr::PopJumpIfFalse(0), hline));
            }
            match &handler.name {
                Some(name) => self.store_name(name, hline),
                None => {
                    self.emit(Instr::Pop, hline);
                }
            }
            self.scope().fblocks.push(FBlock::Handler {
                exc_on_stack: false,
            });
            self.body(&handler.body)?;
            self.scope().fblocks.pop();
            self.emit(Instr::PopExcept, 0);
            if let Some(name) = &handler.name {
                self.emit_const(Const::None, 0);
                self.store_name(name, 0);
                self.delete_name(name, 0)?;
            }
            to_end.push(self.emit(Instr::Jump(0), 0));
            self.scope().stack_depth += 1;
            if let Some(at) = to_next {
                let next = self.here();
                self.patch(at, next);
            }
        }
        self.emit(Instr::Reraise, 0);
        let end = self.here();
        for at in to_end {
            self.patch(at, end);
        }
        Ok(())
    }

    fn try_finally(
        &mut self,
        body: &[Stmt],
        handlers: &[ExceptHandler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
        line: u32,
    ) -> CResult {
        let setup = self.emit(Instr::SetupFinally(0), line);
        self.scope()
            .fblocks
            .push(FBlock::TryFinally(finalbody.to_vec()));
        if handlers.is_empty() {
            self.body(body)?;
        } else {
            self.try_except(body, handlers, orelse, line)?;
        }
        self.scope().fblocks.pop();
        self.emit(Instr::PopBlock, 0);
        self.body(finalbody)?;
        let to_end = self.emit(Instr::Jump(0), 0);
        let handler = self.here();
        self.patch(setup, handler);
        self.scope().stack_depth += 1;
        self.scope()
            .fblocks
            .push(FBlock::Handler { exc_on_stack: true });
        self.body(finalbody)?;
        self.scope().fblocks.pop();
        self.emit(Instr::Reraise, 0);
        let end = self.here();
        self.patch(to_end, end);
        Ok(())
    }

    fn with(&mut self, items: &[WithItem], body: &[Stmt], line: u32) -> CResult {
        let Some((first, rest)) = items.split_first() else {
            return self.body(body);
        };
        self.expr(&first.context)?;
        let setup = self.emit(Instr::SetupWith(0), line);
        match &first.target {
            Some(target) => self.store_target(target)?,
            None => {
                self.emit(Instr::Pop, line);
            }
        }
        self.scope().fblocks.push(FBlock::With);
        if rest.is_empty() {
            self.body(body)?;
        } else {
            self.with(rest, body, line)?;
        }
        self.scope().fblocks.pop();
        self.emit(Instr::PopBlock, line);
        self.emit(Instr::WithCleanNormal, line);
        self.emit(Instr::Pop, line);
        let to_end = self.emit(Instr::Jump(0), line);
        let handler = self.here();
        self.patch(setup, handler);
        // Stack at the handler: exit, exc.
        self.scope().stack_depth += 2;
        self.emit(Instr::WithExceptStart, line);
        let to_reraise = self.emit(Instr::PopJumpIfFalse(0), line);
        self.emit(Instr::Pop, line);
        self.emit(Instr::Pop, line);
        self.emit(Instr::PopExcept, line);
        let to_end2 = self.emit(Instr::Jump(0), line);
        let reraise = self.here();
        self.patch(to_reraise, reraise);
        self.emit(Instr::Reraise, line);
        self.scope().stack_depth -= 1;
        let end = self.here();
        self.patch(to_end, end);
        self.patch(to_end2, end);
        Ok(())
    }

    fn class(&mut self, class: &ClassDef, line: u32) -> CResult {
        for decorator in &class.decorators {
            self.expr(decorator)?;
        }
        let mut names = ScopeNames::default();
        let mut nested = Vec::new();
        symbols::collect_body(&class.body, &mut names, &mut nested);
        let qualname = self.child_qualname(&class.name);
        self.push_scope(
            ScopeKind::Class,
            &class.name,
            &qualname,
            line,
            names,
            &nested,
            &[],
        );
        // Class bodies record their module and qualified name like CPython.
        let module_index = self.name_index("__name__");
        self.emit(Instr::LoadName(module_index), line);
        let store_module = self.name_index("__module__");
        self.emit(Instr::StoreName(store_module), line);
        self.emit_const(Const::str(qualname.as_str()), line);
        let store_qualname = self.name_index("__qualname__");
        self.emit(Instr::StoreName(store_qualname), line);
        self.body(&class.body)?;
        if self
            .scope()
            .code
            .cellvars
            .iter()
            .any(|c| &**c == "__class__")
        {
            let i = self.cell_index("__class__");
            self.emit(Instr::LoadClosure(i), line);
        } else {
            self.emit_const(Const::None, line);
        }
        self.emit(Instr::Return, line);
        let code = self.pop_scope();
        self.emit(Instr::LoadBuildClass, line);
        self.make_function(code, MakeFunctionFlags::default(), line);
        self.emit_const(Const::str(class.name.as_str()), line);
        for base in &class.bases {
            self.expr(base)?;
        }
        let mut argc = 2 + class.bases.len() as u32;
        if class.keywords.is_empty() {
            self.emit(Instr::Call(argc), line);
        } else {
            let mut kwnames = Vec::new();
            for keyword in &class.keywords {
                let Some(name) = &keyword.name else {
                    return Err(self.unsupported("'**' in a class header", line));
                };
                self.expr(&keyword.value)?;
                kwnames.push(Const::str(name.as_str()));
                argc += 1;
            }
            let index = self.add_const(Const::Tuple(kwnames));
            self.emit_const_index(index, line);
            self.emit(Instr::CallKw(argc), line);
        }
        for _ in &class.decorators {
            self.emit(Instr::Call(1), line);
        }
        self.store_name(&class.name, line);
        Ok(())
    }

    fn emit_const_index(&mut self, index: u32, line: u32) {
        self.emit(Instr::LoadConst(index), line);
    }

    fn child_qualname(&mut self, name: &str) -> String {
        let scope = self.scope();
        match scope.kind {
            ScopeKind::Module => name.to_string(),
            ScopeKind::Class => format!("{}.{name}", scope.code.qualname),
            ScopeKind::Function => format!("{}.<locals>.{name}", scope.code.qualname),
        }
    }

    /// Compiles a function (def or lambda) and leaves it on the stack.
    fn function(
        &mut self,
        name: &str,
        params: &Parameters,
        body: FunctionBody<'_>,
        line: u32,
    ) -> CResult {
        // Defaults are evaluated in the enclosing scope, at definition time.
        let positional_defaults: Vec<&Expr> = params
            .posonly
            .iter()
            .chain(&params.args)
            .filter_map(|p| p.default.as_ref())
            .collect();
        let mut flags = MakeFunctionFlags::default();
        if !positional_defaults.is_empty() {
            for default in &positional_defaults {
                self.expr(default)?;
            }
            self.emit(Instr::BuildTuple(positional_defaults.len() as u32), line);
            flags.defaults = true;
        }
        let kw_defaults: Vec<&Param> = params
            .kwonly
            .iter()
            .filter(|p| p.default.is_some())
            .collect();
        if !kw_defaults.is_empty() {
            for param in &kw_defaults {
                self.emit_const(Const::str(param.name.as_str()), line);
                if let Some(default) = &param.default {
                    self.expr(default)?;
                }
            }
            self.emit(Instr::BuildMap(kw_defaults.len() as u32), line);
            flags.kwdefaults = true;
        }

        let mut names = ScopeNames::default();
        let mut nested = Vec::new();
        let param_names: Vec<String> = symbols::all_params(params)
            .map(|p| p.name.clone())
            .collect();
        let owned_body;
        let body_stmts: &[Stmt] = match body {
            FunctionBody::Block(stmts) | FunctionBody::AsyncBlock(stmts) => stmts,
            FunctionBody::Lambda(expr) => {
                owned_body = [Stmt {
                    kind: StmtKind::Return(Some(expr.clone())),
                    loc: expr.loc,
                }];
                &owned_body
            }
        };
        symbols::collect_body(body_stmts, &mut names, &mut nested);
        for param in &param_names {
            names.assigned.retain(|n| n != param);
        }
        let qualname = self.child_qualname(name);
        self.push_scope(
            ScopeKind::Function,
            name,
            &qualname,
            line,
            names,
            &nested,
            &param_names,
        );
        {
            let code = &mut self.scope().code;
            code.argcount = (params.posonly.len() + params.args.len()) as u32;
            code.posonlyargcount = params.posonly.len() as u32;
            code.kwonlyargcount = params.kwonly.len() as u32;
            code.has_varargs = params.vararg.is_some();
            code.has_varkw = params.kwarg.is_some();
            // A coroutine runs on the generator machinery: its frame is suspended at
            // each `await` the way a generator's is at each `yield`.
            code.is_coroutine = matches!(body, FunctionBody::AsyncBlock(_));
            code.is_generator = code.is_coroutine || contains_yield(body_stmts);
        }
        match body {
            FunctionBody::Block(stmts) | FunctionBody::AsyncBlock(stmts) => {
                self.body(stmts)?;
                self.emit_const(Const::None, 0);
                self.emit(Instr::Return, 0);
            }
            FunctionBody::Lambda(expr) => {
                self.expr(expr)?;
                self.emit(Instr::Return, expr.loc.line);
            }
        }
        let code = self.pop_scope();
        flags.closure = !code.freevars.is_empty();
        if flags.closure {
            let freevars = code.freevars.clone();
            for free in &freevars {
                let i = self.cell_index(free);
                self.emit(Instr::LoadClosure(i), line);
            }
            self.emit(Instr::BuildTuple(freevars.len() as u32), line);
        }
        self.make_function(code, flags, line);
        Ok(())
    }

    fn make_function(&mut self, code: Code, flags: MakeFunctionFlags, line: u32) {
        let index = self.add_const(Const::Code(Arc::new(code)));
        self.emit(Instr::LoadConst(index), line);
        self.emit(Instr::MakeFunction(flags), line);
    }

    // ---------------------------------------------------------------- targets

    fn store_target(&mut self, target: &Expr) -> CResult {
        let line = target.loc.line;
        match &target.kind {
            ExprKind::Name(name) => self.store_name(name, line),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name_index(attr);
                self.emit(Instr::StoreAttr(i), line);
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.emit(Instr::StoreSubscript, line);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let star = items
                    .iter()
                    .position(|i| matches!(i.kind, ExprKind::Starred(_)));
                match star {
                    None => {
                        self.emit(Instr::UnpackSequence(items.len() as u32), line);
                    }
                    Some(at) => {
                        if items
                            .iter()
                            .filter(|i| matches!(i.kind, ExprKind::Starred(_)))
                            .count()
                            > 1
                        {
                            return Err(self
                                .syntax("multiple starred expressions in assignment", target.loc));
                        }
                        let after = items.len() - at - 1;
                        self.emit(Instr::UnpackEx(at as u16, after as u16), line);
                    }
                }
                for item in items {
                    match &item.kind {
                        ExprKind::Starred(inner) => self.store_target(inner)?,
                        _ => self.store_target(item)?,
                    }
                }
            }
            ExprKind::Starred(_) => {
                return Err(self.syntax(
                    "starred assignment target must be in a list or tuple",
                    target.loc,
                ));
            }
            _ => return Err(self.syntax("cannot assign to expression", target.loc)),
        }
        Ok(())
    }

    fn delete_target(&mut self, target: &Expr) -> CResult {
        let line = target.loc.line;
        match &target.kind {
            ExprKind::Name(name) => self.delete_name(name, line)?,
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name_index(attr);
                self.emit(Instr::DeleteAttr(i), line);
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.emit(Instr::DeleteSubscript, line);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for item in items {
                    self.delete_target(item)?;
                }
            }
            _ => return Err(self.syntax("cannot delete expression", target.loc)),
        }
        Ok(())
    }

    // ---------------------------------------------------------------- expressions

    fn expr(&mut self, expr: &Expr) -> CResult {
        let line = expr.loc.line;
        match &expr.kind {
            ExprKind::Name(name) => self.load_name(name, line),
            ExprKind::Constant(constant) => {
                let value = match constant {
                    Constant::None => Const::None,
                    Constant::Bool(b) => Const::Bool(*b),
                    Constant::Int(i) => Const::int(i.clone()),
                    Constant::Float(x) => Const::Float(*x),
                    Constant::Str(s) => Const::str(s.as_str()),
                    Constant::Bytes(_) => return Err(self.unsupported("bytes literals", line)),
                    Constant::Ellipsis => {
                        let i = self.name_index("Ellipsis");
                        self.emit(Instr::LoadGlobal(i), line);
                        return Ok(());
                    }
                };
                self.emit_const(value, line);
            }
            ExprKind::FString(parts) => self.fstring(parts, line)?,
            ExprKind::List(items) => self.sequence_display(items, Display::List, line)?,
            ExprKind::Tuple(items) => self.sequence_display(items, Display::Tuple, line)?,
            ExprKind::Set(items) => self.sequence_display(items, Display::Set, line)?,
            ExprKind::Dict(entries) => {
                let has_spread = entries.iter().any(|(k, _)| k.is_none());
                if !has_spread {
                    for (key, value) in entries {
                        if let Some(key) = key {
                            self.expr(key)?;
                        }
                        self.expr(value)?;
                    }
                    self.emit(Instr::BuildMap(entries.len() as u32), line);
                } else {
                    self.emit(Instr::BuildMap(0), line);
                    for (key, value) in entries {
                        match key {
                            Some(key) => {
                                self.expr(key)?;
                                self.expr(value)?;
                                self.emit(Instr::MapAdd(1), line);
                            }
                            None => {
                                self.expr(value)?;
                                self.emit(Instr::DictUpdate(1), line);
                            }
                        }
                    }
                }
            }
            ExprKind::Starred(_) => {
                return Err(self.syntax("can't use starred expression here", expr.loc));
            }
            ExprKind::BinOp { left, op, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.emit(Instr::Binary(*op), line);
            }
            ExprKind::UnaryOp { op, operand } => {
                self.expr(operand)?;
                self.emit(Instr::Unary(*op), line);
            }
            ExprKind::BoolOp { op, values } => {
                let mut jumps = Vec::new();
                for (index, value) in values.iter().enumerate() {
                    self.expr(value)?;
                    if index + 1 < values.len() {
                        let jump = match op {
                            BoolOp::And => Instr::JumpIfFalseOrPop(0),
                            BoolOp::Or => Instr::JumpIfTrueOrPop(0),
                        };
                        jumps.push(self.emit(jump, line));
                    }
                }
                let end = self.here();
                for at in jumps {
                    self.patch(at, end);
                }
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                self.expr(left)?;
                if ops.len() == 1 {
                    self.expr(&comparators[0])?;
                    self.emit(Instr::Compare(ops[0]), line);
                } else {
                    // a < b < c: keep b for the next comparison, stop at the first false.
                    let mut cleanups = Vec::new();
                    for (index, (op, right)) in ops.iter().zip(comparators).enumerate() {
                        self.expr(right)?;
                        if index + 1 < ops.len() {
                            self.emit(Instr::Dup, line);
                            self.emit(Instr::Rot3, line);
                            self.emit(Instr::Compare(*op), line);
                            cleanups.push(self.emit(Instr::JumpIfFalseOrPop(0), line));
                        } else {
                            self.emit(Instr::Compare(*op), line);
                        }
                    }
                    let to_end = self.emit(Instr::Jump(0), line);
                    let cleanup = self.here();
                    for at in cleanups {
                        self.patch(at, cleanup);
                    }
                    self.emit(Instr::Rot2, line);
                    self.emit(Instr::Pop, line);
                    let end = self.here();
                    self.patch(to_end, end);
                }
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(func, args, keywords, line)?,
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name_index(attr);
                self.emit(Instr::LoadAttr(i), line);
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.emit(Instr::Subscript, line);
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper] {
                    match part {
                        Some(part) => self.expr(part)?,
                        None => self.emit_const(Const::None, line),
                    }
                }
                match step {
                    Some(step) => {
                        self.expr(step)?;
                        self.emit(Instr::BuildSlice(3), line);
                    }
                    None => {
                        self.emit(Instr::BuildSlice(2), line);
                    }
                }
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                let to_else = self.emit(Instr::PopJumpIfFalse(0), line);
                self.expr(body)?;
                let to_end = self.emit(Instr::Jump(0), line);
                self.scope().stack_depth -= 1;
                let else_start = self.here();
                self.patch(to_else, else_start);
                self.expr(orelse)?;
                let end = self.here();
                self.patch(to_end, end);
            }
            ExprKind::Lambda { params, body } => {
                self.function("<lambda>", params, FunctionBody::Lambda(body), line)?;
            }
            ExprKind::ListComp { elt, generators } => {
                self.comprehension("<listcomp>", Comp::List(elt), generators, line)?
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension("<setcomp>", Comp::Set(elt), generators, line)?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension("<dictcomp>", Comp::Dict(key, value), generators, line)?,
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension("<genexpr>", Comp::Generator(elt), generators, line)?
            }
            ExprKind::Yield(value) => {
                if self.scope().kind != ScopeKind::Function {
                    return Err(self.syntax("'yield' outside function", expr.loc));
                }
                match value {
                    Some(value) => self.expr(value)?,
                    None => self.emit_const(Const::None, line),
                }
                self.emit(Instr::Yield, line);
            }
            ExprKind::YieldFrom(value) => {
                if self.scope().kind != ScopeKind::Function {
                    return Err(self.syntax("'yield' outside function", expr.loc));
                }
                self.expr(value)?;
                self.emit(Instr::GetIter, line);
                self.emit_const(Const::None, line);
                self.emit(Instr::YieldFrom, line);
            }
            ExprKind::Await(value) => {
                // The parser already rejected `await` outside an `async def`; inside
                // one, a comprehension would need to be an async comprehension.
                if self.scope().code.name.starts_with('<') {
                    return Err(self.unsupported("'await' in a comprehension or lambda", line));
                }
                self.expr(value)?;
                self.emit(Instr::GetAwaitable, line);
                self.emit_const(Const::None, line);
                self.emit(Instr::YieldFrom, line);
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.emit(Instr::Dup, line);
                self.store_name(target, line);
            }
        }
        Ok(())
    }

    fn sequence_display(&mut self, items: &[Expr], display: Display, line: u32) -> CResult {
        let has_star = items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_)));
        if !has_star {
            for item in items {
                self.expr(item)?;
            }
            let n = items.len() as u32;
            self.emit(
                match display {
                    Display::List => Instr::BuildList(n),
                    Display::Tuple => Instr::BuildTuple(n),
                    Display::Set if n > 2 && items.iter().all(is_constant) => {
                        Instr::BuildConstSet(n)
                    }
                    Display::Set => Instr::BuildSet(n),
                },
                line,
            );
            return Ok(());
        }
        match display {
            Display::Set => self.emit(Instr::BuildSet(0), line),
            _ => self.emit(Instr::BuildList(0), line),
        };
        for item in items {
            match &item.kind {
                ExprKind::Starred(inner) => {
                    self.expr(inner)?;
                    match display {
                        Display::Set => self.emit(Instr::SetUpdate(1), line),
                        _ => self.emit(Instr::ListExtend(1), line),
                    };
                }
                _ => {
                    self.expr(item)?;
                    match display {
                        Display::Set => self.emit(Instr::SetAdd(1), line),
                        _ => self.emit(Instr::ListAppend(1), line),
                    };
                }
            }
        }
        if let Display::Tuple = display {
            self.emit(Instr::ListToTuple, line);
        }
        Ok(())
    }

    fn call(&mut self, func: &Expr, args: &[Expr], keywords: &[Keyword], line: u32) -> CResult {
        let has_star = args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)));
        let has_double_star = keywords.iter().any(|k| k.name.is_none());
        if has_star || has_double_star {
            self.expr(func)?;
            self.sequence_display(args, Display::Tuple, line)?;
            if keywords.is_empty() {
                self.emit_const(Const::None, line);
            } else {
                self.emit(Instr::BuildMap(0), line);
                for keyword in keywords {
                    match &keyword.name {
                        Some(name) => {
                            self.emit_const(Const::str(name.as_str()), line);
                            self.expr(&keyword.value)?;
                            self.emit(Instr::MapAdd(1), line);
                        }
                        None => {
                            self.expr(&keyword.value)?;
                            self.emit(Instr::DictUpdate(1), line);
                        }
                    }
                }
            }
            self.emit(Instr::CallEx, line);
            return Ok(());
        }
        // obj.method(args) without building a bound method.
        if let (ExprKind::Attribute { value, attr }, true) = (&func.kind, keywords.is_empty()) {
            self.expr(value)?;
            let i = self.name_index(attr);
            self.emit(Instr::LoadMethod(i), line);
            for arg in args {
                self.expr(arg)?;
            }
            self.emit(Instr::CallMethod(args.len() as u32), line);
            return Ok(());
        }
        self.expr(func)?;
        for arg in args {
            self.expr(arg)?;
        }
        if keywords.is_empty() {
            self.emit(Instr::Call(args.len() as u32), line);
        } else {
            let mut kwnames = Vec::new();
            for keyword in keywords {
                self.expr(&keyword.value)?;
                kwnames.push(Const::str(keyword.name.as_deref().unwrap_or_default()));
            }
            let index = self.add_const(Const::Tuple(kwnames));
            self.emit(Instr::LoadConst(index), line);
            self.emit(Instr::CallKw((args.len() + keywords.len()) as u32), line);
        }
        Ok(())
    }

    fn fstring(&mut self, parts: &[FStringPart], line: u32) -> CResult {
        if parts.is_empty() {
            self.emit_const(Const::str(""), line);
            return Ok(());
        }
        let mut count = 0;
        for part in parts {
            match part {
                FStringPart::Literal(text) => {
                    self.emit_const(Const::str(text.as_str()), line);
                    count += 1;
                }
                FStringPart::Field {
                    value,
                    conversion,
                    format_spec,
                    self_documenting,
                } => {
                    if let Some(text) = self_documenting {
                        self.emit_const(Const::str(text.as_str()), line);
                        count += 1;
                    }
                    self.expr(value)?;
                    if let Some(spec) = format_spec {
                        self.fstring(spec, line)?;
                    }
                    let conversion = match conversion {
                        Some('s') => b's',
                        Some('r') => b'r',
                        Some('a') => b'a',
                        _ => 0,
                    };
                    self.emit(
                        Instr::FormatValue(FormatFlags {
                            conversion,
                            has_spec: format_spec.is_some(),
                        }),
                        line,
                    );
                    count += 1;
                }
            }
        }
        if count != 1 {
            self.emit(Instr::BuildString(count), line);
        } else if let [FStringPart::Literal(_)] = parts {
            // A single literal is already a str.
        }
        Ok(())
    }

    /// Comprehensions run as a nested function called with the first iterator.
    fn comprehension(
        &mut self,
        name: &str,
        kind: Comp<'_>,
        generators: &[Comprehension],
        line: u32,
    ) -> CResult {
        let Some(first) = generators.first() else {
            return Err(self.syntax(
                "comprehension without a 'for' clause",
                Location { line, column: 0 },
            ));
        };
        // Analyse the comprehension body as a function whose parameter is `.0`.
        let mut names = ScopeNames::default();
        let mut nested = Vec::new();
        let elements: Vec<&Expr> = match &kind {
            Comp::List(e) | Comp::Set(e) | Comp::Generator(e) => vec![e],
            Comp::Dict(k, v) => vec![k, v],
        };
        let fake_body: Vec<Stmt> = comprehension_as_statements(generators, &elements);
        symbols::collect_body(&fake_body, &mut names, &mut nested);
        // The first iterable belongs to the enclosing scope.
        let first_iter_names = {
            let mut outer = ScopeNames::default();
            let mut ignored = Vec::new();
            symbols::collect_body(
                &[Stmt {
                    kind: StmtKind::Expr(first.iter.clone()),
                    loc: first.iter.loc,
                }],
                &mut outer,
                &mut ignored,
            );
            outer.used
        };
        for used in first_iter_names {
            let still_used_inside = generators[1..].iter().any(|g| {
                expr_mentions(&g.iter, &used) || g.ifs.iter().any(|i| expr_mentions(i, &used))
            }) || elements.iter().any(|e| expr_mentions(e, &used))
                || generators[0].ifs.iter().any(|i| expr_mentions(i, &used));
            if !still_used_inside {
                names.used.remove(&used);
            }
        }
        // Walrus targets bind in the enclosing scope, not the comprehension.
        let mut walrus_targets = Vec::new();
        for generator in generators {
            for condition in &generator.ifs {
                collect_walrus_targets(condition, &mut walrus_targets);
            }
        }
        for element in &elements {
            collect_walrus_targets(element, &mut walrus_targets);
        }
        if !walrus_targets.is_empty() {
            if self.scope().kind != ScopeKind::Module {
                return Err(self.unsupported(
                    "':=' inside a comprehension that is itself inside a function or class",
                    line,
                ));
            }
            names.assigned.retain(|n| !walrus_targets.contains(n));
        }
        let params = vec![".0".to_string()];
        let qualname = self.child_qualname(name);
        self.expr(&first.iter)?;
        self.emit(Instr::GetIter, line);
        self.push_scope(
            ScopeKind::Function,
            name,
            &qualname,
            line,
            names,
            &nested,
            &params,
        );
        {
            let scope = self.scope();
            for target in &walrus_targets {
                scope.kinds.insert(target.clone(), NameKind::Global);
            }
            let code = &mut scope.code;
            code.argcount = 1;
            code.is_generator = matches!(kind, Comp::Generator(_));
        }
        match kind {
            Comp::List(_) => {
                self.emit(Instr::BuildList(0), line);
            }
            Comp::Set(_) => {
                self.emit(Instr::BuildSet(0), line);
            }
            Comp::Dict(..) => {
                self.emit(Instr::BuildMap(0), line);
            }
            Comp::Generator(_) => {}
        }
        self.comprehension_level(&kind, generators, 0, line)?;
        if matches!(kind, Comp::Generator(_)) {
            self.emit_const(Const::None, line);
        }
        self.emit(Instr::Return, line);
        let code = self.pop_scope();
        let mut flags = MakeFunctionFlags::default();
        if !code.freevars.is_empty() {
            flags.closure = true;
            let freevars = code.freevars.clone();
            for free in &freevars {
                let i = self.cell_index(free);
                self.emit(Instr::LoadClosure(i), line);
            }
            self.emit(Instr::BuildTuple(freevars.len() as u32), line);
        }
        self.make_function(code, flags, line);
        self.emit(Instr::Rot2, line);
        self.emit(Instr::Call(1), line);
        Ok(())
    }

    fn comprehension_level(
        &mut self,
        kind: &Comp<'_>,
        generators: &[Comprehension],
        level: usize,
        line: u32,
    ) -> CResult {
        let generator = &generators[level];
        if level == 0 {
            let i = self.varname_index(".0");
            self.emit(Instr::LoadFast(i), line);
        } else {
            self.expr(&generator.iter)?;
            self.emit(Instr::GetIter, line);
        }
        let start = self.here();
        let for_iter = self.emit(Instr::ForIter(0), line);
        self.store_target(&generator.target)?;
        let mut skips = Vec::new();
        for condition in &generator.ifs {
            self.expr(condition)?;
            skips.push(self.emit(Instr::PopJumpIfFalse(0), line));
        }
        if level + 1 < generators.len() {
            self.comprehension_level(kind, generators, level + 1, line)?;
        } else {
            // Depth of the result container below this level's iterators.
            let depth = (generators.len() + 1) as u32;
            match kind {
                Comp::List(elt) => {
                    self.expr(elt)?;
                    self.emit(Instr::ListAppend(depth), line);
                }
                Comp::Set(elt) => {
                    self.expr(elt)?;
                    self.emit(Instr::SetAdd(depth), line);
                }
                Comp::Dict(key, value) => {
                    self.expr(key)?;
                    self.expr(value)?;
                    self.emit(Instr::MapAdd(depth), line);
                }
                Comp::Generator(elt) => {
                    self.expr(elt)?;
                    self.emit(Instr::Yield, line);
                    self.emit(Instr::Pop, line);
                }
            }
        }
        let loop_back = self.here();
        for at in skips {
            self.patch(at, loop_back);
        }
        self.emit(Instr::Jump(start as u32), line);
        self.scope().stack_depth -= 1;
        let end = self.here();
        self.patch(for_iter, end);
        Ok(())
    }
}

enum FunctionBody<'a> {
    Block(&'a [Stmt]),
    /// The body of an `async def`.
    AsyncBlock(&'a [Stmt]),
    Lambda(&'a Expr),
}

#[derive(Clone, Copy)]
enum Display {
    List,
    Tuple,
    Set,
}

enum Comp<'a> {
    List(&'a Expr),
    Set(&'a Expr),
    Dict(&'a Expr, &'a Expr),
    Generator(&'a Expr),
}

/// A comprehension's clauses as statements, for scope analysis only.
fn comprehension_as_statements(generators: &[Comprehension], elements: &[&Expr]) -> Vec<Stmt> {
    let mut inner: Vec<Stmt> = elements
        .iter()
        .map(|e| Stmt {
            kind: StmtKind::Expr((*e).clone()),
            loc: e.loc,
        })
        .collect();
    for (index, generator) in generators.iter().enumerate().rev() {
        for condition in generator.ifs.iter().rev() {
            inner = vec![Stmt {
                kind: StmtKind::If {
                    test: condition.clone(),
                    body: inner,
                    orelse: Vec::new(),
                },
                loc: condition.loc,
            }];
        }
        let iter = if index == 0 {
            Expr {
                kind: ExprKind::Constant(Constant::None),
                loc: generator.iter.loc,
            }
        } else {
            generator.iter.clone()
        };
        inner = vec![Stmt {
            kind: StmtKind::For {
                target: generator.target.clone(),
                iter,
                body: inner,
                orelse: Vec::new(),
            },
            loc: generator.target.loc,
        }];
    }
    inner
}

/// Names bound by `:=` in an expression, not looking into nested scopes.
fn collect_walrus_targets(expr: &Expr, out: &mut Vec<String>) {
    match &expr.kind {
        ExprKind::NamedExpr { target, value } => {
            out.push(target.clone());
            collect_walrus_targets(value, out);
        }
        ExprKind::BinOp { left, right, .. } => {
            collect_walrus_targets(left, out);
            collect_walrus_targets(right, out);
        }
        ExprKind::UnaryOp { operand, .. } => collect_walrus_targets(operand, out),
        ExprKind::BoolOp { values, .. } => {
            values.iter().for_each(|v| collect_walrus_targets(v, out))
        }
        ExprKind::Compare {
            left, comparators, ..
        } => {
            collect_walrus_targets(left, out);
            comparators
                .iter()
                .for_each(|c| collect_walrus_targets(c, out));
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            collect_walrus_targets(func, out);
            args.iter().for_each(|a| collect_walrus_targets(a, out));
            keywords
                .iter()
                .for_each(|k| collect_walrus_targets(&k.value, out));
        }
        ExprKind::IfExp { test, body, orelse } => {
            collect_walrus_targets(test, out);
            collect_walrus_targets(body, out);
            collect_walrus_targets(orelse, out);
        }
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            items.iter().for_each(|i| collect_walrus_targets(i, out))
        }
        _ => {}
    }
}

fn expr_mentions(expr: &Expr, name: &str) -> bool {
    let mut names = ScopeNames::default();
    let mut nested = Vec::new();
    symbols::collect_body(
        &[Stmt {
            kind: StmtKind::Expr(expr.clone()),
            loc: expr.loc,
        }],
        &mut names,
        &mut nested,
    );
    names.used.contains(name) || nested.iter().any(|n| n.free.contains(name))
}

fn contains_yield(body: &[Stmt]) -> bool {
    fn in_expr(expr: &Expr) -> bool {
        match &expr.kind {
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) => true,
            ExprKind::Lambda { .. }
            | ExprKind::ListComp { .. }
            | ExprKind::SetComp { .. }
            | ExprKind::DictComp { .. }
            | ExprKind::GeneratorExp { .. } => false,
            ExprKind::BinOp { left, right, .. } => in_expr(left) || in_expr(right),
            ExprKind::UnaryOp { operand, .. } => in_expr(operand),
            ExprKind::BoolOp { values, .. } => values.iter().any(in_expr),
            ExprKind::Compare {
                left, comparators, ..
            } => in_expr(left) || comparators.iter().any(in_expr),
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                in_expr(func)
                    || args.iter().any(in_expr)
                    || keywords.iter().any(|k| in_expr(&k.value))
            }
            ExprKind::Attribute { value, .. } | ExprKind::Starred(value) => in_expr(value),
            ExprKind::Subscript { value, index } => in_expr(value) || in_expr(index),
            ExprKind::IfExp { test, body, orelse } => {
                in_expr(test) || in_expr(body) || in_expr(orelse)
            }
            ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
                items.iter().any(in_expr)
            }
            ExprKind::Dict(entries) => entries
                .iter()
                .any(|(k, v)| k.as_ref().is_some_and(in_expr) || in_expr(v)),
            ExprKind::NamedExpr { value, .. } => in_expr(value),
            ExprKind::FString(parts) => parts.iter().any(|p| match p {
                FStringPart::Field { value, .. } => in_expr(value),
                FStringPart::Literal(_) => false,
            }),
            _ => false,
        }
    }
    fn in_stmt(stmt: &Stmt) -> bool {
        match &stmt.kind {
            StmtKind::Expr(e) => in_expr(e),
            StmtKind::Assign { targets, value } => in_expr(value) || targets.iter().any(in_expr),
            StmtKind::AugAssign { value, .. } => in_expr(value),
            StmtKind::AnnAssign { value, .. } => value.as_ref().is_some_and(in_expr),
            StmtKind::Return(Some(e)) => in_expr(e),
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                in_expr(test) || contains_yield(body) || contains_yield(orelse)
            }
            StmtKind::For {
                iter, body, orelse, ..
            } => in_expr(iter) || contains_yield(body) || contains_yield(orelse),
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                contains_yield(body)
                    || handlers.iter().any(|h| contains_yield(&h.body))
                    || contains_yield(orelse)
                    || contains_yield(finalbody)
            }
            StmtKind::With { items, body } => {
                items.iter().any(|i| in_expr(&i.context)) || contains_yield(body)
            }
            StmtKind::Raise { exc, cause } => {
                exc.as_ref().is_some_and(in_expr) || cause.as_ref().is_some_and(in_expr)
            }
            StmtKind::Assert { test, msg } => in_expr(test) || msg.as_ref().is_some_and(in_expr),
            _ => false,
        }
    }
    body.iter().any(in_stmt)
}

/// Net stack effect, used only to size each frame's stack up front.
fn stack_effect(instr: &Instr) -> i64 {
    use Instr::*;
    match instr {
        Nop
        | Jump(_)
        | Rot2
        | Rot3
        | Rot4
        | Unary(_)
        | GetIter
        | GetAwaitable
        | PopBlock
        | PopExcept
        | ListToTuple
        | LoadAttr(_)
        | FormatValue(FormatFlags {
            has_spec: false, ..
        })
        | DeleteFast(_)
        | DeleteGlobal(_)
        | DeleteName(_)
        | SetupExcept(_)
        | SetupFinally(_) => 0,
        LoadConst(_) | LoadFast(_) | LoadGlobal(_) | LoadName(_) | LoadDeref(_)
        | LoadClosure(_) | Dup | LoadAssertionError | LoadBuildClass | ImportName(_)
        | ImportFrom(_) | ForIter(_) | SetupWith(_) | LoadMethod(_) => 1,
        Dup2 => 2,
        StoreFast(_)
        | StoreGlobal(_)
        | StoreName(_)
        | StoreDeref(_)
        | Pop
        | PopJumpIfFalse(_)
        | PopJumpIfTrue(_)
        | JumpIfFalseOrPop(_)
        | JumpIfTrueOrPop(_)
        | Binary(_)
        | InplaceBinary(_)
        | Compare(_)
        | Subscript
        | ListAppend(_)
        | SetAdd(_)
        | ListExtend(_)
        | SetUpdate(_)
        | DictUpdate(_)
        | Return
        | Reraise
        | ExceptionMatch
        | ImportStar
        | DeleteAttr(_)
        | PrintExpr
        | FormatValue(FormatFlags { has_spec: true, .. })
        | YieldFrom => -1,
        Yield | WithExceptStart | WithCleanNormal => 0,
        StoreAttr(_) | MapAdd(_) | DeleteSubscript => -2,
        StoreSubscript => -3,
        BuildSlice(n) => 1 - i64::from(*n),
        BuildTuple(n) | BuildList(n) | BuildSet(n) | BuildConstSet(n) | BuildString(n) => {
            1 - i64::from(*n)
        }
        BuildMap(n) => 1 - 2 * i64::from(*n),
        UnpackSequence(n) => i64::from(*n) - 1,
        UnpackEx(a, b) => i64::from(*a) + i64::from(*b),
        Call(n) => -i64::from(*n),
        CallMethod(n) => -i64::from(*n) - 1,
        CallKw(n) => -i64::from(*n) - 1,
        CallEx => -2,
        MakeFunction(flags) => {
            -i64::from(flags.defaults) - i64::from(flags.kwdefaults) - i64::from(flags.closure)
        }
        Raise(n) => -i64::from(*n),
    }
}

/// Whether CPython's AST optimiser turns `expr` into a constant (literals, and unary and
/// binary operations and tuples of them), which decides how it builds set displays.
fn is_constant(expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::Constant(_) => true,
        ExprKind::UnaryOp { operand, .. } => is_constant(operand),
        ExprKind::BinOp { left, right, .. } => is_constant(left) && is_constant(right),
        ExprKind::Tuple(items) => items.iter().all(is_constant),
        _ => false,
    }
}
