//! Code objects as the VM runs them: a compiled `bytecode::Code` plus its constants as
//! the VM's own values.
//!
//! The compiler (below the VM) only knows plain-data constants; [`CodeObject::load`]
//! turns them into values once, when a module's code is loaded, recursively for the
//! nested code objects among them. So `LoadConst` stays a clone of a ready value, and
//! a constant loaded twice is the same object both times. A `CodeObject` derefs to its
//! bytecode, so the interpreter reads instructions, names and lines straight through it.
//!
//! Loading never runs code and never fails.

use crate::value::{Payload, Value};
pub use bytecode::{disassemble, Constant, FormatFlags, Instr, MakeFunctionFlags, Name};
use std::ops::Deref;
use std::sync::Arc;

#[derive(Debug)]
pub struct CodeObject {
    pub code: Arc<bytecode::Code>,
    /// `code.consts` as values, index for index (this field shadows the bytecode's).
    pub consts: Vec<Value>,
}

impl CodeObject {
    /// The code object of `code` with its constants (and theirs) as values. Recursion
    /// follows the nesting of functions and classes in the source, which the parser caps.
    pub fn load(code: Arc<bytecode::Code>) -> Arc<CodeObject> {
        let consts = code.consts.iter().map(constant_value).collect();
        Arc::new(CodeObject { code, consts })
    }
}

impl Deref for CodeObject {
    type Target = bytecode::Code;

    fn deref(&self) -> &bytecode::Code {
        &self.code
    }
}

/// Parses and compiles `source` as the module `filename`, loaded and ready to run.
pub fn compile_module(
    source: &str,
    filename: &str,
) -> Result<Arc<CodeObject>, language::error::CompileError> {
    let ast = language::parser::parse_module(source, filename)?;
    language::compiler::compile_module(&ast, filename, source).map(CodeObject::load)
}

fn constant_value(constant: &Constant) -> Value {
    match constant {
        Constant::None => Value::None,
        Constant::Bool(b) => Value::Bool(*b),
        Constant::Int(i) => Value::Int(*i),
        Constant::BigInt(i) => Value::BigInt(Arc::new(i.clone())),
        Constant::Float(x) => Value::Float(*x),
        // The same string the compiler made, not a copy.
        Constant::Str(s) => Value::Str(s.clone()),
        Constant::Tuple(items) => {
            Value::obj(Payload::Tuple(items.iter().map(constant_value).collect()))
        }
        Constant::Code(inner) => Value::obj(Payload::Code(CodeObject::load(inner.clone()))),
    }
}
