//! Blocks with clean-up on the way out: `break` and `continue`, `return` through the
//! enclosing blocks, `try`/`except`, `try`/`finally` (the `finally` body emitted inline on
//! every exit path and once more as the handler, as CPython does) and `with`.
//!
//! Every exit must leave the value stack and the VM's block stack as they were when the
//! block was entered.

use bytecode::{Constant as Const, Instr};

use super::{CResult, Compiler, FBlock};
use crate::ast::*;

impl Compiler {
    pub(super) fn break_or_continue(&mut self, is_break: bool, loc: Location) -> CResult {
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
            FBlock::AsyncWith => {
                self.emit(Instr::PopBlock, line);
                if value_on_top {
                    self.emit(Instr::Rot2, line);
                }
                self.emit(Instr::WithCleanNormal, line);
                self.emit_await(line);
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

    pub(super) fn unwind_fblocks_for_return(&mut self, line: u32) -> CResult {
        let blocks = self.scope().fblocks.clone();
        for block in blocks.iter().rev() {
            self.unwind_one(block, true, line)?;
        }
        Ok(())
    }

    pub(super) fn try_except(
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

    pub(super) fn try_finally(
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

    pub(super) fn with(&mut self, items: &[WithItem], body: &[Stmt], line: u32) -> CResult {
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

    /// `await` of the value on top: CPython's GET_AWAITABLE + SEND loop.
    pub(super) fn emit_await(&mut self, line: u32) {
        self.emit(Instr::GetAwaitable, line);
        self.emit_send_none(line);
    }

    /// Drives the awaitable iterator on top to its result (the instructions of `async
    /// with`/`async for` push one already checked, with their own messages).
    pub(super) fn emit_send_none(&mut self, line: u32) {
        self.emit_const(Const::None, line);
        self.emit(Instr::YieldFrom, line);
    }

    /// `async with`: as `with`, with `__aenter__`/`__aexit__` awaited; the handler is
    /// set up only once `__aenter__` has been awaited (its failure calls no `__aexit__`).
    pub(super) fn async_with(&mut self, items: &[WithItem], body: &[Stmt], line: u32) -> CResult {
        let Some((first, rest)) = items.split_first() else {
            return self.body(body);
        };
        self.expr(&first.context)?;
        self.emit(Instr::BeforeAsyncWith, line);
        self.emit_send_none(line);
        let setup = self.emit(Instr::SetupAsyncWith(0), line);
        match &first.target {
            Some(target) => self.store_target(target)?,
            None => {
                self.emit(Instr::Pop, line);
            }
        }
        self.scope().fblocks.push(FBlock::AsyncWith);
        if rest.is_empty() {
            self.body(body)?;
        } else {
            self.async_with(rest, body, line)?;
        }
        self.scope().fblocks.pop();
        self.emit(Instr::PopBlock, line);
        self.emit(Instr::WithCleanNormal, line);
        self.emit_await(line);
        self.emit(Instr::Pop, line);
        let to_end = self.emit(Instr::Jump(0), line);
        let handler = self.here();
        self.patch(setup, handler);
        // Stack at the handler: aexit, exc.
        self.scope().stack_depth += 2;
        self.emit(Instr::AsyncWithExceptStart, line);
        self.emit_send_none(line);
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

    /// `async for`: `__anext__()` awaited under a handler that turns StopAsyncIteration
    /// into the end of the loop; `break` pops the async iterator as `for` pops its own.
    pub(super) fn async_for(
        &mut self,
        target: &Expr,
        iter: &Expr,
        body: &[Stmt],
        orelse: &[Stmt],
        line: u32,
    ) -> CResult {
        self.expr(iter)?;
        self.emit(Instr::GetAIter, line);
        let start = self.here();
        let setup = self.emit(Instr::SetupExcept(0), line);
        self.emit(Instr::GetANext, line);
        self.emit_send_none(line);
        self.emit(Instr::PopBlock, line);
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
        let handler = self.here();
        self.patch(setup, handler);
        // Stack at the handler: aiter, exc; EndAsyncFor pops both.
        self.scope().stack_depth += 1;
        self.emit(Instr::EndAsyncFor, line);
        self.body(orelse)?;
        let end = self.here();
        for at in breaks {
            self.patch(at, end);
        }
        Ok(())
    }
}
