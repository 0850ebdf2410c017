//! Scope analysis: which names are local, global, free (from an enclosing function) or
//! cells (local but captured by an inner function), per function, class, lambda and
//! comprehension. Pure: reads the AST, never runs anything.

use super::ast::*;
use std::collections::HashSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ScopeKind {
    Module,
    Function,
    Class,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NameKind {
    /// Fast local slot.
    Local,
    /// Local captured by an inner scope: lives in a cell.
    Cell,
    /// Captured from an enclosing function.
    Free,
    /// Explicit `global`, or an unbound name in a function (global, then builtins).
    Global,
    /// Module and class bodies: dictionary lookups.
    Name,
}

/// The names one scope binds and uses, before resolution against enclosing scopes.
#[derive(Debug, Default)]
pub(crate) struct ScopeNames {
    pub(crate) assigned: Vec<String>,
    pub(crate) used: HashSet<String>,
    pub(crate) globals: HashSet<String>,
    pub(crate) nonlocals: HashSet<String>,
    /// Whether list/set/dict comprehensions in this body run inline (module and function
    /// bodies; see [`inlinable_comprehension`]): their uses then count as this body's.
    pub(crate) inline_comprehensions: bool,
}

impl ScopeNames {
    /// An empty analysis for a module or function body, whose comprehensions inline.
    pub(crate) fn inlining() -> ScopeNames {
        ScopeNames {
            inline_comprehensions: true,
            ..ScopeNames::default()
        }
    }
}

impl ScopeNames {
    fn assign(&mut self, name: &str) {
        if !self.assigned.iter().any(|n| n == name) {
            self.assigned.push(name.to_string());
        }
    }
}

/// Collects the names a function body (or module/class body) binds and uses, without
/// descending into nested scopes (their free names are gathered separately).
pub(crate) fn collect_body(body: &[Stmt], names: &mut ScopeNames, nested: &mut Vec<NestedUse>) {
    for stmt in body {
        collect_stmt(stmt, names, nested);
    }
}

/// Names used by a nested scope that the enclosing one may have to provide as cells.
#[derive(Debug, Default, Clone)]
pub(crate) struct NestedUse {
    pub(crate) free: HashSet<String>,
}

fn collect_target(target: &Expr, names: &mut ScopeNames, nested: &mut Vec<NestedUse>) {
    match &target.kind {
        ExprKind::Name(name) => names.assign(name),
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            for item in items {
                collect_target(item, names, nested);
            }
        }
        ExprKind::Starred(inner) => collect_target(inner, names, nested),
        _ => collect_expr(target, names, nested),
    }
}

fn collect_stmt(stmt: &Stmt, names: &mut ScopeNames, nested: &mut Vec<NestedUse>) {
    match &stmt.kind {
        StmtKind::Expr(e) => collect_expr(e, names, nested),
        StmtKind::Assign { targets, value } => {
            collect_expr(value, names, nested);
            for target in targets {
                collect_target(target, names, nested);
            }
        }
        StmtKind::AugAssign { target, value, .. } => {
            collect_expr(value, names, nested);
            if let ExprKind::Name(name) = &target.kind {
                names.used.insert(name.clone());
            }
            collect_target(target, names, nested);
        }
        StmtKind::AnnAssign { target, value, .. } => {
            if let Some(value) = value {
                collect_expr(value, names, nested);
                collect_target(target, names, nested);
            } else if !matches!(target.kind, ExprKind::Name(_)) {
                collect_expr(target, names, nested);
            }
        }
        StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
            collect_expr(test, names, nested);
            collect_body(body, names, nested);
            collect_body(orelse, names, nested);
        }
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
            ..
        } => {
            collect_expr(iter, names, nested);
            collect_target(target, names, nested);
            collect_body(body, names, nested);
            collect_body(orelse, names, nested);
        }
        StmtKind::FunctionDef(def) => {
            for decorator in &def.decorators {
                collect_expr(decorator, names, nested);
            }
            collect_param_defaults(&def.params, names, nested);
            names.assign(&def.name);
            nested.push(free_names_of_function(&def.params, &def.body));
        }
        StmtKind::ClassDef(class) => {
            for decorator in &class.decorators {
                collect_expr(decorator, names, nested);
            }
            for base in &class.bases {
                collect_expr(base, names, nested);
            }
            for keyword in &class.keywords {
                collect_expr(&keyword.value, names, nested);
            }
            names.assign(&class.name);
            nested.push(free_names_of_class(&class.body));
        }
        StmtKind::Return(value) => {
            if let Some(value) = value {
                collect_expr(value, names, nested);
            }
        }
        StmtKind::Delete(targets) => {
            for target in targets {
                collect_target(target, names, nested);
            }
        }
        StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        StmtKind::Global(list) => {
            for name in list {
                names.globals.insert(name.clone());
            }
        }
        StmtKind::Nonlocal(list) => {
            for name in list {
                names.nonlocals.insert(name.clone());
            }
        }
        StmtKind::Raise { exc, cause } => {
            for e in exc.iter().chain(cause.iter()) {
                collect_expr(e, names, nested);
            }
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            collect_body(body, names, nested);
            for handler in handlers {
                if let Some(t) = &handler.type_ {
                    collect_expr(t, names, nested);
                }
                if let Some(name) = &handler.name {
                    names.assign(name);
                }
                collect_body(&handler.body, names, nested);
            }
            collect_body(orelse, names, nested);
            collect_body(finalbody, names, nested);
        }
        StmtKind::With { items, body, .. } => {
            for item in items {
                collect_expr(&item.context, names, nested);
                if let Some(target) = &item.target {
                    collect_target(target, names, nested);
                }
            }
            collect_body(body, names, nested);
        }
        StmtKind::Assert { test, msg } => {
            collect_expr(test, names, nested);
            if let Some(msg) = msg {
                collect_expr(msg, names, nested);
            }
        }
        StmtKind::Import(aliases) => {
            for alias in aliases {
                let bound = alias
                    .asname
                    .clone()
                    .unwrap_or_else(|| alias.name.split('.').next().unwrap_or("").to_string());
                names.assign(&bound);
            }
        }
        StmtKind::ImportFrom { names: list, .. } => {
            for alias in list {
                if alias.name != "*" {
                    names.assign(alias.asname.as_deref().unwrap_or(&alias.name));
                }
            }
        }
    }
}

fn collect_param_defaults(
    params: &Parameters,
    names: &mut ScopeNames,
    nested: &mut Vec<NestedUse>,
) {
    for param in params
        .posonly
        .iter()
        .chain(&params.args)
        .chain(&params.kwonly)
    {
        if let Some(default) = &param.default {
            collect_expr(default, names, nested);
        }
    }
}

fn collect_comprehension(
    generators: &[Comprehension],
    elements: &[&Expr],
    names: &mut ScopeNames,
    nested: &mut Vec<NestedUse>,
    inlinable_kind: bool,
) {
    // The first iterable is evaluated in the enclosing scope; the rest is a nested scope.
    if let Some(first) = generators.first() {
        collect_expr(&first.iter, names, nested);
    }
    let (inner, inner_nested) = comprehension_names(generators, elements);
    if inlinable_kind
        && names.inline_comprehensions
        && inlinable_given(generators, elements, &inner, &inner_nested)
    {
        // Inlined (PEP 709): the comprehension's own variables are hidden locals of this
        // body; everything else it uses or its nested scopes need is this body's.
        for name in inner.used {
            if !inner.assigned.contains(&name) {
                names.used.insert(name);
            }
        }
        nested.extend(inner_nested);
        return;
    }
    nested.push(free_of(&inner, &inner_nested));
}

/// The names a comprehension binds and uses, apart from its first iterable, with the
/// nested scopes inside it (comprehensions inside it inline into it).
pub(crate) fn comprehension_names(
    generators: &[Comprehension],
    elements: &[&Expr],
) -> (ScopeNames, Vec<NestedUse>) {
    let mut inner = ScopeNames::inlining();
    let mut inner_nested = Vec::new();
    for (index, generator) in generators.iter().enumerate() {
        if index > 0 {
            collect_expr(&generator.iter, &mut inner, &mut inner_nested);
        }
        collect_target(&generator.target, &mut inner, &mut inner_nested);
        for condition in &generator.ifs {
            collect_expr(condition, &mut inner, &mut inner_nested);
        }
    }
    for element in elements {
        collect_expr(element, &mut inner, &mut inner_nested);
    }
    (inner, inner_nested)
}

/// Whether a list, set or dict comprehension can run inline in a module or function body
/// (as CPython 3.12 does, PEP 709) rather than as a nested function: decided from the
/// comprehension alone, so that scope analysis and the compiler agree. Not inlined: async
/// comprehensions and any with `await`, `yield` or `:=` inside (walrus targets bind
/// outside), and any whose variable a nested scope (a lambda, a generator expression)
/// captures, which would need a cell.
pub(crate) fn inlinable_comprehension(generators: &[Comprehension], elements: &[&Expr]) -> bool {
    let (inner, inner_nested) = comprehension_names(generators, elements);
    inlinable_given(generators, elements, &inner, &inner_nested)
}

/// `inlinable_comprehension` with the comprehension's names already collected (once per
/// level: collecting them again here would double the work at every level of nesting).
fn inlinable_given(
    generators: &[Comprehension],
    elements: &[&Expr],
    inner: &ScopeNames,
    inner_nested: &[NestedUse],
) -> bool {
    if generators.is_empty() || generators.iter().any(|g| g.is_async) {
        return false;
    }
    let mut exprs: Vec<&Expr> = elements.to_vec();
    for generator in generators {
        exprs.push(&generator.iter);
        exprs.push(&generator.target);
        exprs.extend(generator.ifs.iter());
    }
    if exprs.iter().any(|e| contains_special(e)) {
        return false;
    }
    !inner_nested
        .iter()
        .any(|n| inner.assigned.iter().any(|a| n.free.contains(a)))
}

/// Whether an expression holds `await`, `yield`, `yield from` or `:=` anywhere, nested
/// scopes included (conservative: such comprehensions stay functions).
fn contains_special(expr: &Expr) -> bool {
    let any = |items: &[Expr]| items.iter().any(contains_special);
    let opt = |e: &Option<Box<Expr>>| e.as_deref().is_some_and(contains_special);
    let comp = |generators: &[Comprehension]| {
        generators.iter().any(|g| {
            g.is_async || contains_special(&g.iter) || contains_special(&g.target) || any(&g.ifs)
        })
    };
    match &expr.kind {
        ExprKind::Await(_) | ExprKind::Yield(_) | ExprKind::YieldFrom(_) => true,
        ExprKind::NamedExpr { .. } => true,
        ExprKind::Name(_) | ExprKind::Constant(_) => false,
        ExprKind::FString(parts) => fstring_special(parts),
        ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => any(items),
        ExprKind::Dict(entries) => entries
            .iter()
            .any(|(k, v)| k.as_ref().is_some_and(contains_special) || contains_special(v)),
        ExprKind::Starred(inner) => contains_special(inner),
        ExprKind::BinOp { left, right, .. } => contains_special(left) || contains_special(right),
        ExprKind::UnaryOp { operand, .. } => contains_special(operand),
        ExprKind::BoolOp { values, .. } => any(values),
        ExprKind::Compare {
            left, comparators, ..
        } => contains_special(left) || any(comparators),
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            contains_special(func)
                || any(args)
                || keywords.iter().any(|k| contains_special(&k.value))
        }
        ExprKind::Attribute { value, .. } => contains_special(value),
        ExprKind::Subscript { value, index } => contains_special(value) || contains_special(index),
        ExprKind::Slice { lower, upper, step } => opt(lower) || opt(upper) || opt(step),
        ExprKind::IfExp { test, body, orelse } => {
            contains_special(test) || contains_special(body) || contains_special(orelse)
        }
        ExprKind::Lambda { params, body } => {
            all_params(params).any(|p| p.default.as_ref().is_some_and(contains_special))
                || contains_special(body)
        }
        ExprKind::ListComp { elt, generators }
        | ExprKind::SetComp { elt, generators }
        | ExprKind::GeneratorExp { elt, generators } => contains_special(elt) || comp(generators),
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => contains_special(key) || contains_special(value) || comp(generators),
    }
}

fn fstring_special(parts: &[FStringPart]) -> bool {
    parts.iter().any(|part| match part {
        FStringPart::Field {
            value, format_spec, ..
        } => contains_special(value) || format_spec.as_deref().is_some_and(fstring_special),
        _ => false,
    })
}

fn collect_expr(expr: &Expr, names: &mut ScopeNames, nested: &mut Vec<NestedUse>) {
    match &expr.kind {
        ExprKind::Name(name) => {
            names.used.insert(name.clone());
        }
        ExprKind::Constant(_) => {}
        ExprKind::FString(parts) => collect_fstring(parts, names, nested),
        ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
            for item in items {
                collect_expr(item, names, nested);
            }
        }
        ExprKind::Dict(entries) => {
            for (key, value) in entries {
                if let Some(key) = key {
                    collect_expr(key, names, nested);
                }
                collect_expr(value, names, nested);
            }
        }
        ExprKind::Starred(inner) => collect_expr(inner, names, nested),
        ExprKind::BinOp { left, right, .. } => {
            collect_expr(left, names, nested);
            collect_expr(right, names, nested);
        }
        ExprKind::UnaryOp { operand, .. } => collect_expr(operand, names, nested),
        ExprKind::BoolOp { values, .. } => {
            for value in values {
                collect_expr(value, names, nested);
            }
        }
        ExprKind::Compare {
            left, comparators, ..
        } => {
            collect_expr(left, names, nested);
            for c in comparators {
                collect_expr(c, names, nested);
            }
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            collect_expr(func, names, nested);
            for arg in args {
                collect_expr(arg, names, nested);
            }
            for keyword in keywords {
                collect_expr(&keyword.value, names, nested);
            }
        }
        ExprKind::Attribute { value, .. } => collect_expr(value, names, nested),
        ExprKind::Subscript { value, index } => {
            collect_expr(value, names, nested);
            collect_expr(index, names, nested);
        }
        ExprKind::Slice { lower, upper, step } => {
            for part in [lower, upper, step].into_iter().flatten() {
                collect_expr(part, names, nested);
            }
        }
        ExprKind::IfExp { test, body, orelse } => {
            collect_expr(test, names, nested);
            collect_expr(body, names, nested);
            collect_expr(orelse, names, nested);
        }
        ExprKind::Lambda { params, body } => {
            collect_param_defaults(params, names, nested);
            let body_stmt = Stmt {
                kind: StmtKind::Return(Some((**body).clone())),
                loc: body.loc,
            };
            nested.push(free_names_of_function(
                params,
                std::slice::from_ref(&body_stmt),
            ));
        }
        ExprKind::ListComp { elt, generators } | ExprKind::SetComp { elt, generators } => {
            collect_comprehension(generators, &[elt], names, nested, true)
        }
        ExprKind::GeneratorExp { elt, generators } => {
            collect_comprehension(generators, &[elt], names, nested, false)
        }
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => collect_comprehension(generators, &[key, value], names, nested, true),
        ExprKind::Yield(value) => {
            if let Some(value) = value {
                collect_expr(value, names, nested);
            }
        }
        ExprKind::YieldFrom(value) => collect_expr(value, names, nested),
        ExprKind::Await(value) => collect_expr(value, names, nested),
        ExprKind::NamedExpr { target, value } => {
            collect_expr(value, names, nested);
            names.assign(target);
        }
    }
}

fn collect_fstring(parts: &[FStringPart], names: &mut ScopeNames, nested: &mut Vec<NestedUse>) {
    for part in parts {
        if let FStringPart::Field {
            value, format_spec, ..
        } = part
        {
            collect_expr(value, names, nested);
            if let Some(spec) = format_spec {
                collect_fstring(spec, names, nested);
            }
        }
    }
}

/// The names a function body needs from outside itself (its own free variables plus
/// those its nested scopes need and it does not bind).
pub(crate) fn free_names_of_function(params: &Parameters, body: &[Stmt]) -> NestedUse {
    let mut names = ScopeNames::default();
    for param in all_params(params) {
        names.assign(&param.name);
    }
    let mut nested = Vec::new();
    collect_body(body, &mut names, &mut nested);
    free_of(&names, &nested)
}

fn free_names_of_class(body: &[Stmt]) -> NestedUse {
    let mut names = ScopeNames::default();
    let mut nested = Vec::new();
    collect_body(body, &mut names, &mut nested);
    // A class body's own names are not visible to its methods, so everything the
    // methods need passes through. A name the class body reads but never binds may be
    // an enclosing function's variable (`def f(v): class K: x = v`), so it passes
    // through too: the enclosing function then keeps it in a cell, and the body reads it
    // from there (its own namespace first); at module level it stays a global.
    let mut free = HashSet::new();
    for name in &names.used {
        let bound_here = names.assigned.iter().any(|n| n == name) || names.globals.contains(name);
        if !bound_here {
            free.insert(name.clone());
        }
    }
    for use_ in &nested {
        for name in &use_.free {
            if name != "__class__" {
                free.insert(name.clone());
            }
        }
    }
    for name in &names.nonlocals {
        free.insert(name.clone());
    }
    NestedUse { free }
}

fn free_of(names: &ScopeNames, nested: &[NestedUse]) -> NestedUse {
    let mut free = HashSet::new();
    let bound = |name: &str| {
        (names.assigned.iter().any(|n| n == name) && !names.nonlocals.contains(name))
            || names.globals.contains(name)
    };
    for name in &names.used {
        if !bound(name) {
            free.insert(name.clone());
        }
    }
    for use_ in nested {
        for name in &use_.free {
            if !bound(name) {
                free.insert(name.clone());
            }
        }
    }
    for name in &names.nonlocals {
        free.insert(name.clone());
    }
    if names.used.contains("super") {
        free.insert("__class__".to_string());
    }
    NestedUse { free }
}

/// Parameters in CPython's local-slot order: positional, keyword-only, `*args`, `**kwargs`.
pub(crate) fn all_params(params: &Parameters) -> impl Iterator<Item = &Param> {
    params
        .posonly
        .iter()
        .chain(&params.args)
        .chain(&params.kwonly)
        .chain(params.vararg.iter())
        .chain(params.kwarg.iter())
}
