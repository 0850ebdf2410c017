//! Bytecode: the instruction set and the code objects the compiler produces.
//!
//! Plain, immutable data shared by every thread that runs it. Instructions are a Rust
//! enum (one match arm each in the interpreter loop); jumps are absolute indices into
//! `Code::instructions`; every instruction has a source line for tracebacks. Constants
//! are plain data too ([`Constant`]): the VM turns them into its own values once, when
//! it loads a code object, so this crate sits below both the compiler and the VM.
//!
//! This crate must never depend on the VM (no Python objects here), on threads or on
//! the web; it is data and a disassembler, nothing that runs.

use num_bigint::BigInt;
use std::sync::Arc;

pub type Name = Arc<str>;

#[derive(Clone, Debug)]
pub enum Instr {
    Nop,
    LoadConst(u32),
    LoadFast(u32),
    StoreFast(u32),
    DeleteFast(u32),
    /// `fast[to] = fast[from]`, leaving `from` unbound (either may be unbound): an
    /// inlined comprehension saves and restores its variables' outer values with it.
    MoveFast(u16, u16),
    LoadGlobal(u32),
    StoreGlobal(u32),
    DeleteGlobal(u32),
    /// Module-level and class-body names: locals dict, then globals, then builtins.
    LoadName(u32),
    StoreName(u32),
    DeleteName(u32),
    /// Cell slot: cellvars first, then freevars.
    LoadDeref(u32),
    StoreDeref(u32),
    /// Push the cell object itself (to build a closure).
    LoadClosure(u32),
    LoadAttr(u32),
    StoreAttr(u32),
    DeleteAttr(u32),
    /// Push `obj.name` as (method, self) or (None-marker, bound) for CallMethod.
    LoadMethod(u32),
    CallMethod(u32),
    Subscript,
    StoreSubscript,
    DeleteSubscript,
    BuildSlice(u8),
    Binary(BinOp),
    InplaceBinary(BinOp),
    Unary(UnaryOp),
    Compare(CmpOp),
    Pop,
    Dup,
    Dup2,
    Rot2,
    Rot3,
    Rot4,
    Jump(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    /// For `and` / `or`: jump keeping the value if it decides the result, else pop.
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),
    GetIter,
    /// `await`: replace the top with its awaitable iterator (a coroutine itself, or
    /// what `__await__()` returns); a TypeError for anything else.
    GetAwaitable,
    /// `async with`: pops the manager, pushes its bound `__aexit__` and then what
    /// `__aenter__()` returns (awaited next).
    BeforeAsyncWith,
    /// `async with`, once `__aenter__` is awaited: a handler at the target whose stack
    /// keeps `__aexit__` but not the entered value on top.
    SetupAsyncWith(u32),
    /// End of an `async with` handler: stack holds aexit, exc -> pushes what
    /// `aexit(type, exc, tb)` returns (awaited next, then tested).
    AsyncWithExceptStart,
    /// `async for`: replace the top with `top.__aiter__()`.
    GetAIter,
    /// `async for`: push the awaitable `__anext__()` of the async iterator on top.
    GetANext,
    /// The handler that ends an `async for`: stack holds the async iterator and the
    /// exception; StopAsyncIteration ends the loop (both popped, handler left), anything
    /// else is re-raised.
    EndAsyncFor,
    /// Push next item, or pop the iterator and jump when exhausted.
    ForIter(u32),
    BuildTuple(u32),
    BuildList(u32),
    BuildSet(u32),
    /// A set display of more than two constants: CPython builds a frozenset constant
    /// and copies it into a new set, which lays the table out differently.
    BuildConstSet(u32),
    BuildMap(u32),
    /// Stack: container, ..., value -> append value to the container `n` below the top.
    ListAppend(u32),
    SetAdd(u32),
    MapAdd(u32),
    ListExtend(u32),
    SetUpdate(u32),
    DictUpdate(u32),
    ListToTuple,
    UnpackSequence(u32),
    /// `a, *b, c`: counts before and after the star.
    UnpackEx(u16, u16),
    /// Positional call with `argc` arguments.
    Call(u32),
    /// Stack: callable, args..., kwnames tuple (const index) -> call with keywords.
    CallKw(u32),
    /// Stack: callable, args tuple, kwargs dict or None.
    CallEx,
    MakeFunction(MakeFunctionFlags),
    /// Stack: class-body function, name -> run body, then build the class from bases.
    LoadBuildClass,
    Return,
    Yield,
    /// `yield from`: stack holds the sub-iterator and the value to send.
    YieldFrom,
    /// Push an exception handler for the block starting at the target.
    SetupExcept(u32),
    SetupFinally(u32),
    SetupWith(u32),
    PopBlock,
    /// Stack top: exception being handled; pop it and restore the previous one.
    PopExcept,
    /// Re-raise the exception on top of the stack (end of a handler that did not match).
    Reraise,
    /// `raise` forms: 0 = bare re-raise, 1 = exc, 2 = exc from cause.
    Raise(u8),
    /// Does the exception on top match the class below it? Pops class, pushes bool.
    ExceptionMatch,
    /// End of a `with` handler: stack holds exit, exc -> call exit, maybe suppress.
    WithExceptStart,
    /// Normal `with` exit: call `exit(None, None, None)`.
    WithCleanNormal,
    FormatValue(FormatFlags),
    BuildString(u32),
    ImportName(u32),
    ImportFrom(u32),
    ImportStar,
    LoadAssertionError,
    /// Set up `__class__` cell etc. for `super()`: not needed as an op (implicit).
    PrintExpr,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mult,
    MatMult,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    Not,
    Neg,
    Pos,
    Invert,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

/// A constant of a code object (`LoadConst`), as plain data. The VM converts each one
/// to a value once, when it loads the code object, so a constant loaded twice is the
/// same object both times (`is` holds, as in CPython).
#[derive(Clone, Debug)]
pub enum Constant {
    None,
    Bool(bool),
    /// An int that fits in i64; the compiler always uses this form when it can.
    Int(i64),
    /// Only for ints outside i64.
    BigInt(BigInt),
    Float(f64),
    Str(Arc<str>),
    /// A tuple of constants (the keyword names of a call).
    Tuple(Vec<Constant>),
    /// A nested code object (a function, class body, lambda or comprehension).
    Code(Arc<Code>),
}

impl Constant {
    pub fn str(text: impl Into<Arc<str>>) -> Constant {
        Constant::Str(text.into())
    }

    /// An int literal, as `Int` when it fits in i64 (as the VM's values keep ints).
    pub fn int(value: BigInt) -> Constant {
        match i64::try_from(&value) {
            Ok(small) => Constant::Int(small),
            Err(_) => Constant::BigInt(value),
        }
    }
}

#[derive(Clone, Copy, Debug, Default)]
pub struct MakeFunctionFlags {
    pub defaults: bool,
    pub kwdefaults: bool,
    /// A dict of parameter and return annotations lies below the closure.
    pub annotations: bool,
    pub closure: bool,
}

#[derive(Clone, Copy, Debug, Default)]
pub struct FormatFlags {
    /// 0 none, b's', b'r', b'a'.
    pub conversion: u8,
    pub has_spec: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Code {
    pub name: Name,
    /// Dotted name for reprs: `Outer.method`, `f.<locals>.g`.
    pub qualname: Name,
    pub filename: Name,
    pub first_line: u32,
    pub instructions: Vec<Instr>,
    /// Source line of each instruction.
    pub lines: Vec<u32>,
    pub consts: Vec<Constant>,
    pub names: Vec<Name>,
    /// Fast locals: parameters first, in signature order.
    pub varnames: Vec<Name>,
    pub cellvars: Vec<Name>,
    pub freevars: Vec<Name>,
    /// For each cellvar that is also a parameter: (cell index, varname index).
    pub cell_params: Vec<(u32, u32)>,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub has_varargs: bool,
    pub has_varkw: bool,
    pub is_generator: bool,
    /// An `async def`: calling it makes a coroutine (also `is_generator`).
    pub is_coroutine: bool,
    /// An `async def` containing `yield` (or an async generator expression): calling
    /// it makes an async generator (also `is_generator` and `is_coroutine`).
    pub is_async_generator: bool,
    /// Module and class bodies use name lookups (`LoadName`) instead of fast locals.
    pub uses_name_lookups: bool,
    /// A function's docstring (its body's first statement, when a string literal).
    pub docstring: Option<Name>,
    /// The most values the evaluation stack holds at once (a capacity hint).
    pub stack_hint: u32,
}

impl Code {
    pub fn line_at(&self, index: usize) -> u32 {
        self.lines.get(index).copied().unwrap_or(self.first_line)
    }
}

/// A readable listing of a code object and the code objects among its constants.
pub fn disassemble(code: &Code) -> String {
    let mut out = format!(
        "== {} ({} locals, {} cells)\n",
        code.qualname,
        code.varnames.len(),
        code.cellvars.len() + code.freevars.len()
    );
    for (index, instr) in code.instructions.iter().enumerate() {
        out.push_str(&format!(
            "{:4} {:4}  {instr:?}\n",
            code.line_at(index),
            index
        ));
    }
    for constant in &code.consts {
        if let Constant::Code(inner) = constant {
            out.push_str(&disassemble(inner));
        }
    }
    out
}
