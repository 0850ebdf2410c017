//! Code building: appending instructions with their source lines, patching jumps,
//! the constant and name tables, loading/storing/deleting a name where its scope says it
//! lives, and the stack depth that sizes each frame.
//!
//! It knows no syntax: callers decide what to emit. It must keep `stack_hint` at least
//! the deepest the stack can get, since the VM sizes frames from it.

use bytecode::{Constant as Const, FormatFlags, Instr};

use super::{CResult, Compiler};
use crate::symbols::{NameKind, ScopeKind};

impl Compiler {
    pub(super) fn set_line(&mut self, line: u32) {
        if line > 0 {
            self.scope().current_line = line;
        }
    }

    pub(super) fn emit(&mut self, instr: Instr, line: u32) -> usize {
        let scope = self.scope();
        let line = if line == 0 { scope.current_line } else { line };
        scope.stack_depth += stack_effect(&instr);
        scope.code.stack_hint = scope.code.stack_hint.max(scope.stack_depth.max(0) as u32);
        scope.code.instructions.push(instr);
        scope.code.lines.push(line);
        scope.code.instructions.len() - 1
    }

    pub(super) fn here(&mut self) -> usize {
        self.scope().code.instructions.len()
    }

    pub(super) fn patch(&mut self, at: usize, target: usize) {
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
            | Instr::SetupWith(t)
            | Instr::SetupAsyncWith(t) => *t = target,
            _ => {}
        }
    }

    pub(super) fn add_const(&mut self, value: Const) -> u32 {
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

    pub(super) fn emit_const(&mut self, value: Const, line: u32) {
        let index = self.add_const(value);
        self.emit(Instr::LoadConst(index), line);
    }

    pub(super) fn emit_const_index(&mut self, index: u32, line: u32) {
        self.emit(Instr::LoadConst(index), line);
    }

    pub(super) fn name_index(&mut self, name: &str) -> u32 {
        let names = &mut self.scope().code.names;
        match names.iter().position(|n| &**n == name) {
            Some(index) => index as u32,
            None => {
                names.push(name.into());
                (names.len() - 1) as u32
            }
        }
    }

    pub(super) fn cell_index(&mut self, name: &str) -> u32 {
        let code = &self.scope().code;
        if let Some(i) = code.cellvars.iter().position(|n| &**n == name) {
            return i as u32;
        }
        let free = code.freevars.iter().position(|n| &**n == name).unwrap_or(0);
        (code.cellvars.len() + free) as u32
    }

    fn name_kind(&mut self, name: &str) -> NameKind {
        let scope = self.scope();
        if scope.comp_locals.iter().any(|n| n == name) {
            return NameKind::Local;
        }
        match scope.kind {
            ScopeKind::Module => NameKind::Name,
            ScopeKind::Class => match scope.kinds.get(name) {
                Some(NameKind::Free) => NameKind::Free,
                _ => NameKind::Name,
            },
            ScopeKind::Function => scope.kinds.get(name).copied().unwrap_or(NameKind::Global),
        }
    }

    pub(super) fn load_name(&mut self, name: &str, line: u32) {
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

    pub(super) fn store_name(&mut self, name: &str, line: u32) {
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

    pub(super) fn delete_name(&mut self, name: &str, line: u32) -> CResult {
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

    pub(super) fn varname_index(&mut self, name: &str) -> u32 {
        let varnames = &mut self.scope().code.varnames;
        match varnames.iter().position(|n| &**n == name) {
            Some(i) => i as u32,
            None => {
                varnames.push(name.into());
                (varnames.len() - 1) as u32
            }
        }
    }
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
        | MoveFast(..)
        | DeleteGlobal(_)
        | DeleteName(_)
        | SetupExcept(_)
        | SetupFinally(_)
        | SetupAsyncWith(_)
        | GetAIter => 0,
        LoadConst(_) | LoadFast(_) | LoadGlobal(_) | LoadName(_) | LoadDeref(_)
        | LoadClosure(_) | Dup | LoadAssertionError | LoadBuildClass | ImportName(_)
        | ImportFrom(_) | ForIter(_) | SetupWith(_) | LoadMethod(_) | BeforeAsyncWith
        | GetANext | AsyncWithExceptStart => 1,
        Dup2 => 2,
        EndAsyncFor => -2,
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
