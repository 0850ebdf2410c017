//! Expressions: constants, names, operators, short-circuit `and`/`or`, comparisons,
//! conditional expressions, attribute and subscript access, calls (with `*`/`**`
//! unpacking and the method-call fast path), displays, f-strings, `yield`, `await` and
//! `:=`.
//!
//! Each expression leaves exactly one value on the stack. Comprehensions are in
//! `comprehensions`.

use bytecode::{Constant as Const, FormatFlags, Instr};

use super::comprehensions::Comp;
use super::functions::FunctionBody;
use super::{CResult, Compiler};
use crate::ast::*;
use crate::symbols::ScopeKind;

impl Compiler {
    pub(super) fn expr(&mut self, expr: &Expr) -> CResult {
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
                self.function("<lambda>", params, None, FunctionBody::Lambda(body), line)?;
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
}

#[derive(Clone, Copy)]
enum Display {
    List,
    Tuple,
    Set,
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
