//! The errors CPython's symbol table finds, checked after a successful parse: `global`
//! and `nonlocal` after a use or assignment, duplicate parameters, `import *` inside a
//! function, `nonlocal` with no binding, `yield` inside a comprehension.
//!
//! It only reports errors; where names actually live is decided by `crate::symbols` for
//! the compiler. It recurses over the AST, whose depth the parser has bounded.

use std::collections::{HashMap, HashSet};

use crate::ast::*;
use crate::lexer::Pos;

use super::diagnostics::{syntax_error, PErr, PResult};
use super::pos_of;

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
pub(super) fn symtable_check(
    body: &[Stmt],
    stmt_ends: &HashMap<(u32, u32), Pos>,
) -> Option<Box<PErr>> {
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
                ..
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
            StmtKind::With { items, body, .. } => {
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
