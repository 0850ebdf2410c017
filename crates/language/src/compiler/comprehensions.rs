//! Comprehensions and generator expressions: one loop per `for` clause. List, set and
//! dict comprehensions in module and function bodies run inline, as CPython 3.12's do
//! (PEP 709): no function object, no frame; their variables are fast locals of the
//! enclosing code whose outer values are moved aside while they run and put back after
//! (also when they raise). The others (generator expressions, class bodies, async
//! comprehensions, `:=`, `await` or `yield` inside, a variable a nested scope captures:
//! `symbols::inlinable_comprehension`) compile to a nested function called with the
//! first iterator (whose frame tracebacks hide, as 3.12's do); `:=` targets inside bind
//! in the enclosing (module) scope.
//!
//! The scope analysis here only reads the AST (through `symbols`); it never changes it.

use bytecode::{Constant as Const, Instr, MakeFunctionFlags};

use super::{CResult, Compiler};
use crate::ast::*;
use crate::symbols::{self, NameKind, ScopeKind, ScopeNames};

pub(super) enum Comp<'a> {
    List(&'a Expr),
    Set(&'a Expr),
    Dict(&'a Expr, &'a Expr),
    Generator(&'a Expr),
}

impl Compiler {
    /// Comprehensions run as a nested function called with the first iterator.
    pub(super) fn comprehension(
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
        let elements: Vec<&Expr> = match &kind {
            Comp::List(e) | Comp::Set(e) | Comp::Generator(e) => vec![e],
            Comp::Dict(k, v) => vec![k, v],
        };
        if self.scope().kind != ScopeKind::Class
            && !matches!(kind, Comp::Generator(_))
            && symbols::inlinable_comprehension(generators, &elements)
        {
            let bound = symbols::comprehension_names(generators, &elements)
                .0
                .assigned;
            // Each variable takes a slot and a save slot; indices must fit `MoveFast`.
            let slots_needed = self.scope().code.varnames.len() + 2 * bound.len();
            if slots_needed <= usize::from(u16::MAX) {
                return self.inline_comprehension(&kind, generators, bound, line);
            }
        }
        // Analyse the comprehension body as a function whose parameter is `.0`.
        let mut names = ScopeNames::inlining();
        let mut nested = Vec::new();
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
        self.emit(
            if first.is_async {
                Instr::GetAIter
            } else {
                Instr::GetIter
            },
            line,
        );
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
        self.comprehension_level(&kind, generators, 0, line, false)?;
        if matches!(kind, Comp::Generator(_)) {
            self.emit_const(Const::None, line);
        }
        self.emit(Instr::Return, line);
        // An `async for` clause, or an `await` anywhere inside (noted while compiling
        // it), makes an async comprehension: a coroutine awaited where it is called, or
        // for a generator expression an async generator.
        let is_async = self.scope().code.is_coroutine || generators.iter().any(|g| g.is_async);
        let is_generator = matches!(kind, Comp::Generator(_));
        if is_async {
            let code = &mut self.scope().code;
            code.is_coroutine = true;
            code.is_generator = true;
            code.is_async_generator = is_generator;
        }
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
        if is_async && !is_generator {
            if self.scope().code.name.starts_with('<') {
                self.scope().code.is_coroutine = true;
            }
            self.emit_await(line);
        }
        Ok(())
    }

    /// An inlined comprehension (PEP 709). Stack: the first iterator, then the result
    /// below it while the loops run; each variable's outer value (or its absence) waits
    /// in a save slot (`.saveN`, never shown by `locals()`) and is moved back after, by a
    /// handler when the comprehension raises.
    fn inline_comprehension(
        &mut self,
        kind: &Comp<'_>,
        generators: &[Comprehension],
        bound: Vec<String>,
        line: u32,
    ) -> CResult {
        // The first iterable is evaluated outside: it still sees the outer variables.
        self.expr(&generators[0].iter)?;
        self.emit(Instr::GetIter, line);
        let base = self.scope().comp_locals.len();
        let mut moves = Vec::with_capacity(bound.len());
        for (offset, name) in bound.iter().enumerate() {
            let slot = self.varname_index(name) as u16;
            let save = self.varname_index(&format!(".save{}", base + offset)) as u16;
            moves.push((slot, save));
            self.emit(Instr::MoveFast(slot, save), line);
        }
        let setup = self.emit(Instr::SetupExcept(0), line);
        self.emit(
            match kind {
                Comp::List(_) => Instr::BuildList(0),
                Comp::Set(_) => Instr::BuildSet(0),
                _ => Instr::BuildMap(0),
            },
            line,
        );
        self.emit(Instr::Rot2, line);
        self.scope().comp_locals.extend(bound);
        let levels = self.comprehension_level(kind, generators, 0, line, true);
        self.scope().comp_locals.truncate(base);
        levels?;
        self.emit(Instr::PopBlock, line);
        for &(slot, save) in &moves {
            self.emit(Instr::MoveFast(save, slot), line);
        }
        let to_end = self.emit(Instr::Jump(0), line);
        // The handler's stack: the first iterator (below the block's level) and the
        // exception; the result list is gone.
        let handler = self.here();
        self.patch(setup, handler);
        self.scope().stack_depth += 1;
        self.emit(Instr::Rot2, line);
        self.emit(Instr::Pop, line);
        for &(slot, save) in &moves {
            self.emit(Instr::MoveFast(save, slot), line);
        }
        self.emit(Instr::Reraise, line);
        self.scope().stack_depth += 1;
        let end = self.here();
        self.patch(to_end, end);
        Ok(())
    }

    fn comprehension_level(
        &mut self,
        kind: &Comp<'_>,
        generators: &[Comprehension],
        level: usize,
        line: u32,
        inline: bool,
    ) -> CResult {
        let generator = &generators[level];
        if level == 0 {
            // Inlined, the first iterator is already on the stack.
            if !inline {
                let i = self.varname_index(".0");
                self.emit(Instr::LoadFast(i), line);
            }
        } else {
            self.expr(&generator.iter)?;
            self.emit(
                if generator.is_async {
                    Instr::GetAIter
                } else {
                    Instr::GetIter
                },
                line,
            );
        }
        let start = self.here();
        let for_iter = if generator.is_async {
            let setup = self.emit(Instr::SetupExcept(0), line);
            self.emit(Instr::GetANext, line);
            self.emit_send_none(line);
            self.emit(Instr::PopBlock, line);
            setup
        } else {
            self.emit(Instr::ForIter(0), line)
        };
        self.store_target(&generator.target)?;
        let mut skips = Vec::new();
        for condition in &generator.ifs {
            self.expr(condition)?;
            skips.push(self.emit(Instr::PopJumpIfFalse(0), line));
        }
        if level + 1 < generators.len() {
            self.comprehension_level(kind, generators, level + 1, line, inline)?;
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
        if generator.is_async {
            // Handler stack: aiter, exc; EndAsyncFor pops both.
            self.scope().stack_depth += 1;
            let end = self.here();
            self.patch(for_iter, end);
            self.emit(Instr::EndAsyncFor, line);
        } else {
            self.scope().stack_depth -= 1;
            let end = self.here();
            self.patch(for_iter, end);
        }
        Ok(())
    }
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
                is_async: generator.is_async,
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
