//! Instructions that build values: tuples, lists, sets and dicts (displays and
//! comprehensions), unpacking, slices and f-strings.
//!
//! Each helper pops its operands and pushes its result on the current frame's stack; it
//! must never switch frames.

use super::exceptions::exc;
use super::frame::Vm;
use crate::ops;
use crate::types::type_name;
use crate::value::*;
use crate::PyErr;

impl Vm {
    pub(super) fn unpack_error(&self, error: PyErr, value: &Value) -> PyErr {
        if ops::is_exception_of(&error.0, "TypeError") && !self.is_stop(&error.0) {
            exc(
                "TypeError",
                format!("cannot unpack non-iterable {} object", type_name(value)),
            )
        } else {
            error
        }
    }
}
