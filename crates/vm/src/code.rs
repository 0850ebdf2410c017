//! Code objects as the VM runs them: a compiled `bytecode::Code` plus its constants as
//! the VM's own values.
//!
//! The compiler (below the VM) only knows plain-data constants; [`CodeObject::load`]
//! turns them into values once, when a module's code is loaded, recursively for the
//! nested code objects among them. So `LoadConst` stays a clone of a ready value, and
//! a constant loaded twice is the same object both times. A `CodeObject` derefs to its
//! bytecode, so the interpreter reads instructions, names and lines straight through it.
//!
//! Loading also makes the names of a module's code objects (`Code::names`: globals,
//! attributes) one shared string per text, so a function's `LoadGlobal` of a name the
//! module stored, or a method's `self.x` of an attribute `__init__` set, finds the very
//! key it looks for: the lookups that check a guessed position compare pointers, not
//! text.
//!
//! Loading never runs code and never fails. It checks that every local and constant an
//! instruction names is one of the code's (`varnames`, `consts`), which the interpreter
//! then relies on (a compiler bug there panics here, not as a wild access later).

use crate::value::{Payload, Value};
use bytecode::Constant;
pub use bytecode::{Instr, Name};
use std::collections::HashSet;
use std::ops::Deref;
use std::sync::Arc;

/// The names seen so far while loading one module's code (see the module comment).
type Names = HashSet<Name>;

#[derive(Debug)]
pub struct CodeObject {
    /// Held by value, not behind another `Arc`: the interpreter reads `instructions`
    /// for every instruction it runs, and one more pointer to chase there costs
    /// measurable time (about 1.5% on benchmarks/cpu_bound.py).
    pub code: bytecode::Code,
    /// `code.consts` as values, index for index (this field shadows the bytecode's).
    pub consts: Vec<Value>,
    /// A call with only positional arguments, as many as the parameters (or fewer, the
    /// defaults filling the rest), binds them straight to the first locals: no
    /// `*args`, `**kwargs`, keyword-only parameters or own cells, not a generator. Known
    /// once here, so the call instruction's fast path tests one flag
    /// (`Vm::push_positional_frame`).
    pub plain_positional: bool,
}

impl CodeObject {
    /// The code object of `code` with its constants (and theirs) as values. Recursion
    /// follows the nesting of functions and classes in the source, which the parser caps.
    pub fn load(code: Arc<bytecode::Code>) -> Arc<CodeObject> {
        let mut names = Names::new();
        Arc::new(CodeObject::from_bytecode(
            Arc::unwrap_or_clone(code),
            &mut names,
        ))
    }

    fn from_bytecode(mut code: bytecode::Code, names: &mut Names) -> CodeObject {
        for name in &mut code.names {
            match names.get(&**name) {
                Some(shared) => *name = shared.clone(),
                None => {
                    names.insert(name.clone());
                }
            }
        }
        let consts = code
            .consts
            .iter()
            .map(|constant| constant_value(constant, names))
            .collect();
        // `dispatch` reads locals and constants without a bounds check, on this promise.
        let (locals, constants) = (code.varnames.len(), code.consts.len());
        assert!(
            code.instructions.iter().all(|instr| match instr {
                Instr::LoadFast(i) | Instr::StoreFast(i) | Instr::DeleteFast(i) => {
                    (*i as usize) < locals
                }
                Instr::MoveFast(from, to) => {
                    usize::from(*from) < locals && usize::from(*to) < locals
                }
                Instr::LoadConst(i) => (*i as usize) < constants,
                _ => true,
            }),
            "a local's or constant's index out of range in {}",
            code.name
        );
        let plain_positional = !code.is_generator
            && !code.has_varargs
            && !code.has_varkw
            && code.kwonlyargcount == 0
            && code.cellvars.is_empty();
        CodeObject {
            code,
            consts,
            plain_positional,
        }
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
    language::compile(source, filename).map(CodeObject::load)
}

fn constant_value(constant: &Constant, names: &mut Names) -> Value {
    match constant {
        Constant::None => Value::None,
        Constant::Bool(b) => Value::Bool(*b),
        Constant::Int(i) => Value::Int(*i),
        Constant::BigInt(i) => Value::BigInt(Arc::new(i.clone())),
        Constant::Float(x) => Value::Float(*x),
        // The same string the compiler made, not a copy.
        Constant::Str(s) => Value::Str(s.clone()),
        Constant::Tuple(items) => {
            let items = items.iter().map(|item| constant_value(item, names));
            Value::obj(Payload::Tuple(items.collect()))
        }
        // A copy of the nested code's own tables (its nested code stays shared), so each
        // code object holds its bytecode inline; loading happens once per module.
        Constant::Code(inner) => Value::obj(Payload::Code(Arc::new(CodeObject::from_bytecode(
            bytecode::Code::clone(inner),
            names,
        )))),
    }
}
