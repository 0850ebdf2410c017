//! The language layer: source text to AST to bytecode, with Python-style errors.
//!
//! Pure and single-threaded: it never runs code, never touches the VM's objects, the
//! web or the UI, and never panics on any input (tests/fuzz_language.rs holds it to that).
//! It depends only on `bytecode`, whose code objects it produces.

pub mod ast;
pub mod compiler;
pub mod error;
pub mod highlight;
pub mod lexer;
pub mod parser;
pub(crate) mod symbols;

use std::sync::Arc;

/// Source text to the code object of its top level (parse, then compile): what every
/// layer above needs. The AST is made and dropped here, so its (large, recursive) drop
/// code exists once, in this crate, not once per crate that compiles.
pub fn compile(source: &str, filename: &str) -> Result<Arc<bytecode::Code>, error::CompileError> {
    let ast = parser::parse_module(source, filename)?;
    compiler::compile_module(&ast, filename, source)
}
