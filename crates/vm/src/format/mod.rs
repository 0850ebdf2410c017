//! CPython-3.12-exact text formatting of numbers and strings.
//!
//! This module is what `repr(float)`, `str(float)`, `format(value, spec)` (and so
//! f-strings and `str.format`) for `int`, `float` and `str`, `round(float, n)` and
//! printf-style `fmt % args` produce. Every function is pure: it takes plain Rust
//! values (`f64`, `BigInt`, `&str`) and returns a `String` or a [`FormatError`] that
//! names the Python exception and carries CPython's exact message, so the VM can
//! raise it unchanged.
//!
//! What it must never do: touch VM objects directly, allocate without a bound, or
//! panic. `%`-formatting sees Python objects only through the [`PercentValue`]
//! trait, which the VM implements, so `str()`/`repr()`/`__getitem__` of user
//! objects run in the VM (and may fail) while this module stays VM-agnostic.
//! Widths and precisions that would make a result longer than
//! [`MAX_OUTPUT_LEN`] characters give `MemoryError` instead of allocating
//! (CPython would try to allocate and may succeed).
//!
//! The code follows CPython's `Python/formatter_unicode.c`, `Python/pystrtod.c`
//! (`format_float_short`), `Objects/unicodeobject.c` (`PyUnicode_Format`) and
//! `Objects/floatobject.c` (`double_round`) closely, including the order in which
//! errors are detected, because that order is observable from Python.
//! Decimal digits come from Rust's float formatting: `{:e}` gives the shortest
//! round-tripping digits (what David Gay's `dtoa` mode 0 gives, except for exact
//! ties between two candidates, which `shortest_digits` settles dtoa's way) and
//! `{:.N}` / `{:.Ne}` give correctly rounded digits, ties to even on the exact
//! binary value (what `dtoa` modes 2 and 3 give).
//!
//! The children, one concern each: `float_text` (decimal digits of a float: `repr`,
//! `%e/%f/%g` text, `round(x, n)`), `spec` (the format-spec mini-language: parsing it
//! and laying out a number), `by_type` (`format(value, spec)` for `int`, `float` and
//! `str`), `percent` (printf-style `fmt % args`); `tests` holds the CPython tables.

mod by_type;
mod float_text;
mod percent;
mod spec;
#[cfg(test)]
mod tests;

use crate::types::ExcType;
use std::fmt;

pub(crate) use by_type::{format_float, format_int, format_small_int, format_str, push_padded_int};
pub(crate) use float_text::{float_repr, round_float};
pub(crate) use percent::{ascii_escape, percent_format, PercentArgs, PercentValue};
pub(crate) use spec::decimal_value;

/// A Python exception raised by formatting: the exception type's name and its
/// message, exactly as CPython 3.12 words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FormatError {
    /// "ValueError", "TypeError", "KeyError", "OverflowError" or "MemoryError"
    /// (or whatever a [`PercentValue`] callback returned).
    pub(crate) exception: ExcType,
    pub(crate) message: String,
}

impl FormatError {
    pub(crate) fn new(exception: ExcType, message: impl Into<String>) -> Self {
        FormatError {
            exception,
            message: message.into(),
        }
    }
    fn value(message: impl Into<String>) -> Self {
        Self::new(ExcType::ValueError, message)
    }
    fn type_error(message: impl Into<String>) -> Self {
        Self::new(ExcType::TypeError, message)
    }
    fn overflow(message: impl Into<String>) -> Self {
        Self::new(ExcType::OverflowError, message)
    }
    /// CPython's `PyErr_NoMemory()` raises a `MemoryError` with an empty message.
    fn memory() -> Self {
        Self::new(ExcType::MemoryError, "")
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.exception, self.message)
    }
}

impl std::error::Error for FormatError {}

/// Widths and precisions that would make a result longer than this many characters
/// are refused with `MemoryError`. CPython attempts the allocation (a width of 10**9
/// makes a 1 GB string); in a browser tab that would kill the page, and no real
/// program needs ten million characters of padding.
pub(crate) const MAX_OUTPUT_LEN: i64 = 10_000_000;

/// `PY_SSIZE_T_MAX` of a 64-bit CPython, the ground truth we match (even on wasm32).
const PY_SSIZE_T_MAX: i64 = i64::MAX;
const INT_MAX: i64 = i32::MAX as i64;
