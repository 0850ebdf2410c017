//! What step mode shows of a suspended thread: where it is (its frame depth, line and
//! next instruction, for deciding where a line step ends) and what its current frame
//! has loaded on its value stack.
//!
//! Reading only: nothing here may run Python code (a value's repr is computed only for
//! plain values, never through `__repr__`), change a frame or record into the trace.

use super::frame::Vm;
use crate::code::{CodeObject, Instr};
use crate::scheduler::{MAX_LOADED, MAX_LOADED_CHARS};
use crate::types::type_name;
use crate::value::{Payload, Value};
use bytecode::{BinOp, CmpOp, Constant, UnaryOp};
use std::sync::Arc;

/// Where a thread's next instruction is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct StepPosition {
    /// Frames on the thread's stack.
    pub(crate) depth: usize,
    /// The index of the next instruction in its frame's code.
    pub(crate) ip: usize,
    pub(crate) line: u32,
    /// The frame runs the program's own code (not threading.py or another module).
    pub(crate) in_program: bool,
    /// The next instruction jumps back (a loop's end): the new line is where it lands.
    pub(crate) jumps_back: bool,
}

impl Vm {
    /// Where this thread's next instruction is; None before its first frame.
    pub(crate) fn step_position(&self) -> Option<StepPosition> {
        let frame = self.frames.last()?;
        Some(StepPosition {
            depth: self.frames.len(),
            ip: frame.ip,
            line: frame.code.line_at(frame.ip),
            in_program: self.in_program(&frame.code),
            jumps_back: matches!(
                frame.code.instructions.get(frame.ip),
                Some(Instr::Jump(target)) if (*target as usize) <= frame.ip
            ),
        })
    }

    fn in_program(&self, code: &CodeObject) -> bool {
        self.user_file
            .as_ref()
            .is_some_and(|user| Arc::ptr_eq(&code.filename, user))
    }

    /// The program line this thread is at: its innermost frame running the program's
    /// code (the line of its next instruction there, or of the call it is in), else the
    /// last line it published.
    pub(crate) fn step_line(&self) -> u32 {
        let top = self.frames.len();
        for (index, frame) in self.frames.iter().enumerate().rev() {
            if self.in_program(&frame.code) {
                // A caller's ip is past the call it is in.
                let ip = if index + 1 == top {
                    frame.ip
                } else {
                    frame.ip.saturating_sub(1)
                };
                return frame.code.line_at(ip);
            }
        }
        self.line
    }

    /// The instruction this thread runs next, spelled as CPython's `dis` would
    /// ("LOAD_GLOBAL counter", "BINARY_OP +="); empty without a frame.
    pub(crate) fn next_instruction_text(&self) -> String {
        let Some(frame) = self.frames.last() else {
            return String::new();
        };
        match frame.code.instructions.get(frame.ip) {
            Some(instr) => instruction_text(&frame.code, instr),
            None => String::new(),
        }
    }

    /// Reprs of the values on the current frame's value stack, bottom to top: at most
    /// the [`MAX_LOADED`] topmost, each cut to [`MAX_LOADED_CHARS`] characters.
    pub(crate) fn loaded_values(&mut self) -> Vec<String> {
        let Some(frame) = self.frames.last() else {
            return Vec::new();
        };
        let skip = frame.stack.len().saturating_sub(MAX_LOADED);
        let values: Vec<Value> = frame.stack[skip..].to_vec();
        values.iter().map(|value| self.plain_repr(value)).collect()
    }

    /// A value's repr when it is a plain value (no Python code runs for it), else
    /// `<type>`; at most [`MAX_LOADED_CHARS`] characters.
    fn plain_repr(&mut self, value: &Value) -> String {
        let text = match value {
            Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::None | Value::Str(_) => {
                self.repr(value).unwrap_or_default()
            }
            other => match other.payload() {
                Some(Payload::Class(class)) => format!("<class '{}'>", class.name),
                Some(Payload::Function(function)) => format!("<function {}>", function.qualname),
                Some(Payload::Builtin(builtin)) => format!("<built-in function {}>", builtin.name),
                _ => format!("<{}>", type_name(other)),
            },
        };
        cut(text, MAX_LOADED_CHARS)
    }
}

/// `text` cut to `max` characters (the last one an ellipsis when cut).
fn cut(text: String, max: usize) -> String {
    if text.chars().count() <= max {
        return text;
    }
    let mut short: String = text.chars().take(max.saturating_sub(1)).collect();
    short.push('…');
    short
}

/// An instruction in CPython's `dis` spelling, its argument resolved to a name or a
/// constant where it has one.
fn instruction_text(code: &CodeObject, instr: &Instr) -> String {
    let name = |index: &u32, table: &[bytecode::Name]| {
        table
            .get(*index as usize)
            .map_or_else(|| index.to_string(), |n| n.to_string())
    };
    let cell = |index: &u32| {
        let index = *index as usize;
        code.cellvars
            .get(index)
            .or_else(|| code.freevars.get(index - code.cellvars.len().min(index)))
            .map_or_else(|| index.to_string(), |n| n.to_string())
    };
    let opname = upper_snake(instr);
    let argument = match instr {
        Instr::LoadConst(index) => code
            .code
            .consts
            .get(*index as usize)
            .map(constant_text)
            .unwrap_or_default(),
        Instr::LoadFast(i) | Instr::StoreFast(i) | Instr::DeleteFast(i) => name(i, &code.varnames),
        Instr::MoveFast(from, to) => format!(
            "{} -> {}",
            name(&u32::from(*from), &code.varnames),
            name(&u32::from(*to), &code.varnames)
        ),
        Instr::LoadGlobal(i)
        | Instr::StoreGlobal(i)
        | Instr::DeleteGlobal(i)
        | Instr::LoadName(i)
        | Instr::StoreName(i)
        | Instr::DeleteName(i)
        | Instr::LoadAttr(i)
        | Instr::StoreAttr(i)
        | Instr::DeleteAttr(i)
        | Instr::LoadMethod(i)
        | Instr::ImportName(i)
        | Instr::ImportFrom(i) => name(i, &code.names),
        Instr::LoadDeref(i) | Instr::StoreDeref(i) | Instr::LoadClosure(i) => cell(i),
        Instr::Binary(op) => return format!("BINARY_OP {}", binary_symbol(*op)),
        Instr::InplaceBinary(op) => return format!("BINARY_OP {}=", binary_symbol(*op)),
        Instr::Compare(op) => return format!("COMPARE_OP {}", compare_symbol(*op)),
        Instr::Unary(op) => {
            return match op {
                UnaryOp::Not => "UNARY_NOT",
                UnaryOp::Neg => "UNARY_NEGATIVE",
                UnaryOp::Pos => "UNARY_POSITIVE",
                UnaryOp::Invert => "UNARY_INVERT",
            }
            .to_string()
        }
        Instr::CallMethod(n)
        | Instr::Call(n)
        | Instr::CallKw(n)
        | Instr::BuildTuple(n)
        | Instr::BuildList(n)
        | Instr::BuildSet(n)
        | Instr::BuildMap(n)
        | Instr::BuildString(n)
        | Instr::UnpackSequence(n)
        | Instr::Jump(n)
        | Instr::PopJumpIfFalse(n)
        | Instr::PopJumpIfTrue(n)
        | Instr::JumpIfFalseOrPop(n)
        | Instr::JumpIfTrueOrPop(n)
        | Instr::ForIter(n) => n.to_string(),
        _ => String::new(),
    };
    if argument.is_empty() {
        opname
    } else {
        format!("{opname} {}", cut(argument, MAX_LOADED_CHARS))
    }
}

/// `LoadGlobal(3)` as `LOAD_GLOBAL`.
fn upper_snake(instr: &Instr) -> String {
    let debug = format!("{instr:?}");
    let variant = debug.split(['(', ' ', '{']).next().unwrap_or_default();
    let mut out = String::new();
    for (index, c) in variant.chars().enumerate() {
        if c.is_ascii_uppercase() && index > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

fn constant_text(constant: &Constant) -> String {
    match constant {
        Constant::None => "None".into(),
        Constant::Bool(b) => if *b { "True" } else { "False" }.into(),
        Constant::Int(i) => i.to_string(),
        Constant::BigInt(i) => i.to_string(),
        Constant::Float(x) => format!("{x:?}"),
        Constant::Str(s) => format!("{:?}", s.as_ref()),
        Constant::Tuple(items) => {
            let inner: Vec<String> = items.iter().map(constant_text).collect();
            format!("({})", inner.join(", "))
        }
        Constant::Code(code) => format!("<code {}>", code.qualname),
    }
}

fn binary_symbol(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mult => "*",
        BinOp::MatMult => "@",
        BinOp::Div => "/",
        BinOp::FloorDiv => "//",
        BinOp::Mod => "%",
        BinOp::Pow => "**",
        BinOp::LShift => "<<",
        BinOp::RShift => ">>",
        BinOp::BitOr => "|",
        BinOp::BitXor => "^",
        BinOp::BitAnd => "&",
    }
}

fn compare_symbol(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "==",
        CmpOp::NotEq => "!=",
        CmpOp::Lt => "<",
        CmpOp::LtE => "<=",
        CmpOp::Gt => ">",
        CmpOp::GtE => ">=",
        CmpOp::Is => "is",
        CmpOp::IsNot => "is not",
        CmpOp::In => "in",
        CmpOp::NotIn => "not in",
    }
}

#[cfg(test)]
mod tests {
    use super::{cut, upper_snake};
    use crate::code::Instr;

    #[test]
    fn opnames_read_like_dis() {
        assert_eq!(upper_snake(&Instr::LoadGlobal(3)), "LOAD_GLOBAL");
        assert_eq!(upper_snake(&Instr::PopJumpIfFalse(1)), "POP_JUMP_IF_FALSE");
        assert_eq!(upper_snake(&Instr::Nop), "NOP");
        assert_eq!(cut("abcdef".into(), 4), "abc…");
        assert_eq!(cut("abc".into(), 4), "abc");
    }
}
