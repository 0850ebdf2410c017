//! The abstract syntax tree of the Python subset threadplay runs.
//!
//! Produced by the parser, consumed by the compiler. Plain data: no behaviour, no
//! references to the VM, the web or the UI. Every statement and expression carries the
//! position it starts at, so errors and tracebacks can point at source lines.

use num_bigint::BigInt;

/// The operators are the bytecode's own: the compiler emits them as they are parsed.
pub(crate) use bytecode::{BinOp, CmpOp, UnaryOp};

/// A position in the source: 1-based line, 0-based column counted in characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Location {
    pub(crate) line: u32,
    pub(crate) column: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub(crate) kind: StmtKind,
    pub(crate) loc: Location,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum StmtKind {
    /// An expression evaluated for its effect (a call, usually).
    Expr(Expr),
    /// `a = b = value`: one or more targets, assigned left to right.
    Assign {
        targets: Vec<Expr>,
        value: Expr,
    },
    /// `target op= value`.
    AugAssign {
        target: Expr,
        op: BinOp,
        value: Expr,
    },
    /// `target: annotation [= value]`; the annotation is parsed and ignored at run time.
    AnnAssign {
        target: Expr,
        annotation: Expr,
        value: Option<Expr>,
    },
    If {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    While {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    For {
        target: Expr,
        iter: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
        /// `async for`.
        is_async: bool,
    },
    FunctionDef(Box<FunctionDef>),
    ClassDef(Box<ClassDef>),
    Return(Option<Expr>),
    Delete(Vec<Expr>),
    Pass,
    Break,
    Continue,
    Global(Vec<String>),
    Nonlocal(Vec<String>),
    /// `raise`, `raise exc`, `raise exc from cause`.
    Raise {
        exc: Option<Expr>,
        cause: Option<Expr>,
    },
    Try {
        body: Vec<Stmt>,
        handlers: Vec<ExceptHandler>,
        orelse: Vec<Stmt>,
        finalbody: Vec<Stmt>,
    },
    With {
        items: Vec<WithItem>,
        body: Vec<Stmt>,
        /// `async with`.
        is_async: bool,
    },
    Assert {
        test: Expr,
        msg: Option<Expr>,
    },
    /// `import a.b as c, d`.
    Import(Vec<Alias>),
    /// `from module import a as b, c` (`names` holds one alias `*` for a star import).
    ImportFrom {
        module: String,
        names: Vec<Alias>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FunctionDef {
    pub(crate) name: String,
    pub(crate) params: Parameters,
    pub(crate) body: Vec<Stmt>,
    pub(crate) decorators: Vec<Expr>,
    pub(crate) returns: Option<Expr>,
    /// `async def`: calling it makes a coroutine instead of running the body.
    pub(crate) is_async: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ClassDef {
    pub(crate) name: String,
    pub(crate) bases: Vec<Expr>,
    pub(crate) keywords: Vec<Keyword>,
    pub(crate) body: Vec<Stmt>,
    pub(crate) decorators: Vec<Expr>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ExceptHandler {
    /// `None` for a bare `except:`.
    pub(crate) type_: Option<Expr>,
    pub(crate) name: Option<String>,
    pub(crate) body: Vec<Stmt>,
    pub(crate) loc: Location,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct WithItem {
    pub(crate) context: Expr,
    pub(crate) target: Option<Expr>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Alias {
    /// Dotted name as written, e.g. `concurrent.futures`.
    pub(crate) name: String,
    pub(crate) asname: Option<String>,
    pub(crate) loc: Location,
}

/// A parameter list: `def f(a, /, b=1, *args, c, d=2, **kwargs)`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Parameters {
    pub(crate) posonly: Vec<Param>,
    pub(crate) args: Vec<Param>,
    pub(crate) vararg: Option<Param>,
    pub(crate) kwonly: Vec<Param>,
    pub(crate) kwarg: Option<Param>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Param {
    pub(crate) name: String,
    pub(crate) default: Option<Expr>,
    pub(crate) annotation: Option<Expr>,
    pub(crate) loc: Location,
}

/// `name=value` in a call or class header; `name` is `None` for `**mapping`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Keyword {
    pub(crate) name: Option<String>,
    pub(crate) value: Expr,
    pub(crate) loc: Location,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Expr {
    pub(crate) kind: ExprKind,
    pub(crate) loc: Location,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum ExprKind {
    Name(String),
    Constant(Constant),
    /// An f-string (adjacent plain and f-string literals are merged into one).
    FString(Vec<FStringPart>),
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    Set(Vec<Expr>),
    /// Entries in order; a `None` key is a `**mapping` spread.
    Dict(Vec<(Option<Expr>, Expr)>),
    /// `*value` in a call, a display or an assignment target.
    Starred(Box<Expr>),
    BinOp {
        left: Box<Expr>,
        op: BinOp,
        right: Box<Expr>,
    },
    UnaryOp {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    /// `a and b and c` / `a or b`.
    BoolOp {
        op: BoolOp,
        values: Vec<Expr>,
    },
    /// `a < b <= c`: `ops.len() == comparators.len()`.
    Compare {
        left: Box<Expr>,
        ops: Vec<CmpOp>,
        comparators: Vec<Expr>,
    },
    /// Positional `args` may contain `Starred`; `keywords` may contain `**` entries.
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        keywords: Vec<Keyword>,
    },
    Attribute {
        value: Box<Expr>,
        attr: String,
    },
    /// `value[index]`; a slice index is `ExprKind::Slice`, `a[1:2, 3]` a `Tuple`.
    Subscript {
        value: Box<Expr>,
        index: Box<Expr>,
    },
    Slice {
        lower: Option<Box<Expr>>,
        upper: Option<Box<Expr>>,
        step: Option<Box<Expr>>,
    },
    IfExp {
        test: Box<Expr>,
        body: Box<Expr>,
        orelse: Box<Expr>,
    },
    Lambda {
        params: Box<Parameters>,
        body: Box<Expr>,
    },
    ListComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    SetComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    DictComp {
        key: Box<Expr>,
        value: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    GeneratorExp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    Yield(Option<Box<Expr>>),
    YieldFrom(Box<Expr>),
    /// `await value`, only inside an `async def`.
    Await(Box<Expr>),
    /// `(name := value)`.
    NamedExpr {
        target: String,
        value: Box<Expr>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Constant {
    None,
    Bool(bool),
    Int(BigInt),
    Float(f64),
    Str(String),
    Bytes(Vec<u8>),
    Ellipsis,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum FStringPart {
    Literal(String),
    Field {
        value: Box<Expr>,
        /// `!r`, `!s` or `!a`.
        conversion: Option<char>,
        /// The spec after `:`, itself made of literal text and nested fields (`{width}`).
        format_spec: Option<Vec<FStringPart>>,
        /// For `{expr=}`: the text `expr=` (with its spaces) printed before the value.
        self_documenting: Option<String>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Comprehension {
    pub(crate) target: Expr,
    pub(crate) iter: Expr,
    pub(crate) ifs: Vec<Expr>,
    /// `async for` clause.
    pub(crate) is_async: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum BoolOp {
    And,
    Or,
}
