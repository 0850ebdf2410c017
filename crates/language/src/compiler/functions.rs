//! Functions and classes: a `def` or `lambda` (defaults, its own scope, closure cells,
//! generator and coroutine flags) and a `class` body (`__module__`, `__qualname__`,
//! `__class__`), each left on the stack as a function object.
//!
//! The body is compiled in a new scope pushed here and always popped before returning
//! to the enclosing one.

use bytecode::{Code, Constant as Const, Instr, MakeFunctionFlags, Name};
use std::sync::Arc;

use super::{CResult, Compiler};
use crate::ast::*;
use crate::symbols::{self, ScopeKind, ScopeNames};

pub(super) enum FunctionBody<'a> {
    Block(&'a [Stmt]),
    /// The body of an `async def`.
    AsyncBlock(&'a [Stmt]),
    Lambda(&'a Expr),
}

impl Compiler {
    pub(super) fn class(&mut self, class: &ClassDef, line: u32) -> CResult {
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
        self.setup_annotations(&class.body, line);
        if let Some(doc) = super::docstring(&class.body) {
            self.emit_const(Const::str(doc), line);
            let store_doc = self.name_index("__doc__");
            self.emit(Instr::StoreName(store_doc), line);
        }
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
        // A class inside a function whose body or methods read the function's variables
        // needs those cells passed in, as a nested function does.
        let flags = self.closure_for(&code, line);
        self.make_function(code, flags, line);
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

    pub(super) fn child_qualname(&mut self, name: &str) -> String {
        let scope = self.scope();
        match scope.kind {
            ScopeKind::Module => name.to_string(),
            ScopeKind::Class => format!("{}.{name}", scope.code.qualname),
            ScopeKind::Function => format!("{}.<locals>.{name}", scope.code.qualname),
        }
    }

    /// Compiles a function (def or lambda) and leaves it on the stack.
    pub(super) fn function(
        &mut self,
        name: &str,
        params: &Parameters,
        returns: Option<&Expr>,
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
        // Annotations in CPython 3.12's order: regular parameters before the
        // positional-only ones, then *args, keyword-only, **kwargs and the return.
        let annotated: Vec<(&str, &Expr)> = params
            .args
            .iter()
            .chain(&params.posonly)
            .chain(&params.vararg)
            .chain(&params.kwonly)
            .chain(&params.kwarg)
            .filter_map(|p| Some((p.name.as_str(), p.annotation.as_ref()?)))
            .chain(returns.map(|r| ("return", r)))
            .collect();
        if !annotated.is_empty() {
            for (param, annotation) in &annotated {
                self.emit_const(Const::str(*param), line);
                self.expr(annotation)?;
            }
            self.emit(Instr::BuildMap(annotated.len() as u32), line);
            flags.annotations = true;
        }

        let mut names = ScopeNames::inlining();
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
            code.is_async_generator = code.is_coroutine && contains_yield(body_stmts);
            if matches!(body, FunctionBody::Block(_) | FunctionBody::AsyncBlock(_)) {
                code.docstring = super::docstring(body_stmts).map(Name::from);
            }
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
        flags.closure = self.closure_for(&code, line).closure;
        self.make_function(code, flags, line);
        Ok(())
    }

    /// Pushes the tuple of cells a new code object's free variables read, if it has
    /// any, and says so in the returned flags.
    fn closure_for(&mut self, code: &Code, line: u32) -> MakeFunctionFlags {
        let flags = MakeFunctionFlags {
            closure: !code.freevars.is_empty(),
            ..MakeFunctionFlags::default()
        };
        if flags.closure {
            for free in &code.freevars {
                let i = self.cell_index(free);
                self.emit(Instr::LoadClosure(i), line);
            }
            self.emit(Instr::BuildTuple(code.freevars.len() as u32), line);
        }
        flags
    }

    /// `__annotations__ = {}` at the start of a module or class body that annotates a
    /// name (CPython's `SETUP_ANNOTATIONS`; such a namespace starts without one).
    pub(super) fn setup_annotations(&mut self, body: &[Stmt], line: u32) {
        if super::has_annotations(body) {
            self.emit(Instr::BuildMap(0), line);
            let index = self.name_index("__annotations__");
            self.emit(Instr::StoreName(index), line);
        }
    }

    /// `target: annotation [= value]`: the value is stored first; in a module or class
    /// body the annotation is then evaluated, and recorded in `__annotations__` for a
    /// plain name. Functions never evaluate the annotations of their local variables.
    pub(super) fn ann_assign(
        &mut self,
        target: &Expr,
        annotation: &Expr,
        value: Option<&Expr>,
        line: u32,
    ) -> CResult {
        if let Some(value) = value {
            self.expr(value)?;
            self.store_target(target)?;
        }
        let in_namespace = self.scope().kind != ScopeKind::Function;
        match &target.kind {
            ExprKind::Name(name) => {
                if in_namespace {
                    self.expr(annotation)?;
                    let index = self.name_index("__annotations__");
                    self.emit(Instr::LoadName(index), line);
                    self.emit_const(Const::str(name.as_str()), line);
                    self.emit(Instr::StoreSubscript, line);
                }
            }
            _ => {
                if value.is_none() {
                    if let ExprKind::Attribute { value: object, .. } = &target.kind {
                        self.expr(object)?;
                        self.emit(Instr::Pop, line);
                    }
                }
                if in_namespace {
                    self.expr(annotation)?;
                    self.emit(Instr::Pop, line);
                }
            }
        }
        Ok(())
    }

    pub(super) fn make_function(&mut self, code: Code, flags: MakeFunctionFlags, line: u32) {
        let index = self.add_const(Const::Code(Arc::new(code)));
        self.emit(Instr::LoadConst(index), line);
        self.emit(Instr::MakeFunction(flags), line);
    }
}

pub(super) fn contains_yield(body: &[Stmt]) -> bool {
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
            StmtKind::With { items, body, .. } => {
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
