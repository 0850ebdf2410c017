//! Statements: expression statements, assignments (plain, augmented, annotated) and
//! their targets, `if`, `while` and `for` loops, `def`/`class` statements, `return`,
//! `del`, `raise`, `assert` and imports.
//!
//! Blocks with clean-up on the way out (`try`, `with`, loop exits) are in `blocks`;
//! errors here are CPython's compiler errors (`'return' outside function`, ...).

use bytecode::{Constant as Const, Instr};

use super::functions::{contains_yield, FunctionBody};
use super::{CResult, Compiler, FBlock};
use crate::ast::*;
use crate::symbols::ScopeKind;

impl Compiler {
    pub(super) fn body(&mut self, body: &[Stmt]) -> CResult {
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
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
            } => self.ann_assign(target, annotation, value.as_ref(), line)?,
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
                self.function(&def.name, &def.params, def.returns.as_ref(), body, line)?;
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

    pub(super) fn store_target(&mut self, target: &Expr) -> CResult {
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
}
