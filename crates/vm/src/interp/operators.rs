//! Instructions that apply Python's operators to the values on the stack: binary and
//! unary operators, comparisons and subscripts, through `ops`. The instruction loop runs
//! the integer fast paths of `Binary` and `Compare` itself and falls back here.
//!
//! Each helper pops its operands and pushes its result; it must never switch frames, and
//! no fast path may live here (they belong inline in `dispatch`).

use super::frame::Vm;
use crate::ops;
use crate::PyResult;
use bytecode::{BinOp, CmpOp, UnaryOp};

impl Vm {
    /// `Binary` / `InplaceBinary` on anything but two small ints.
    #[inline]
    pub(super) fn binary(&mut self, op: BinOp, inplace: bool) -> PyResult<()> {
        // `s = s + t` as well as `s += t`, as CPython 3.12 specializes both.
        if op == BinOp::Add && self.str_append_in_place(inplace)? {
            return Ok(());
        }
        let right = self.pop();
        let left = self.pop();
        let value = ops::binary(self, op, &left, &right, inplace)?;
        self.push(value);
        Ok(())
    }

    /// `Compare` on anything but two small ints compared by order or equality.
    #[inline]
    pub(super) fn compare(&mut self, op: CmpOp) -> PyResult<()> {
        let right = self.pop();
        let left = self.pop();
        let value = ops::compare(self, op, &left, &right)?;
        self.push(value);
        Ok(())
    }

    #[inline]
    pub(super) fn unary(&mut self, op: UnaryOp) -> PyResult<()> {
        let operand = self.pop();
        let value = ops::unary(self, op, &operand)?;
        self.push(value);
        Ok(())
    }

    /// `container[index]`.
    #[inline]
    pub(super) fn subscript(&mut self) -> PyResult<()> {
        let index = self.pop();
        let container = self.pop();
        let value = ops::get_item(self, &container, &index)?;
        self.push(value);
        Ok(())
    }

    /// `container[index] = value`.
    #[inline]
    pub(super) fn store_subscript(&mut self) -> PyResult<()> {
        let index = self.pop();
        let container = self.pop();
        let value = self.pop();
        ops::set_item(self, &container, index, value)
    }

    /// `del container[index]`.
    #[inline]
    pub(super) fn delete_subscript(&mut self) -> PyResult<()> {
        let index = self.pop();
        let container = self.pop();
        ops::del_item(self, &container, &index)
    }
}
