//! The language layer: source text to AST to bytecode, with Python-style errors.
//!
//! Pure and single-threaded: it never runs code, never touches the VM's objects, the
//! web or the UI, and never panics on any input (tests/fuzz_language.rs holds it to that).

pub mod ast;
pub mod compiler;
pub mod error;
pub mod highlight;
pub mod lexer;
pub mod parser;
pub mod symbols;
