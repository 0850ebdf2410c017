//! CPython 3.12-compatible `random` module core for threadplay.
//!
//! This module exists so that a Python program which calls `random.seed(42)`
//! and then draws numbers prints exactly what CPython 3.12 prints. It holds a
//! Mersenne Twister (MT19937) seeded the way CPython's `_random` C module
//! seeds it, and ports the pure-Python algorithms of `Lib/random.py`
//! (`randrange`, `randint`, `choice`, `shuffle`, `sample`, `choices`,
//! `uniform`, `gauss`, ...) step for step, because any deviation in how many
//! 32-bit words an algorithm consumes changes every later result.
//!
//! What this module must never do:
//! - read a clock or the OS entropy source: `seed(None)` is served by
//!   [`MersenneTwister::seed_entropy`], and the *caller* supplies the bits;
//! - know about VM objects: it works on `BigInt`, `f64`, `usize` and plain
//!   slices, and reports Python exceptions as [`RandomError`] values
//!   (exception type name + message) for the VM to raise;
//! - panic or loop forever on any argument (bad arguments give CPython's
//!   exception and message).
//!
//! Float results use `ln`/`sin`/`cos` from the platform math library, like
//! CPython does; on the native Linux build those are glibc's, the same ones
//! CPython uses, so results match bit for bit.
//!
//! The children, one concern each: `generator` (MT19937 itself and CPython's
//! seeding), `distributions` (the methods `Lib/random.py` builds on the generator:
//! integers, sequences, real-valued distributions), `hashes` (the SHA-512 and
//! `hash(float)` that seeding puts its input through); `tests` holds the CPython
//! tables.

mod distributions;
mod generator;
mod hashes;
#[cfg(test)]
mod tests;

use crate::types::ExcType;
use std::fmt;

use generator::N;

/// A Python exception to be raised by the VM: `exc_type` is the builtin
/// exception class name (`"ValueError"`, `"IndexError"`, `"TypeError"`,
/// `"OverflowError"`) and `message` is CPython 3.12's exact text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RandomError {
    pub(crate) exc_type: ExcType,
    pub(crate) message: String,
}

impl RandomError {
    fn new(exc_type: ExcType, message: impl Into<String>) -> Self {
        RandomError {
            exc_type,
            message: message.into(),
        }
    }

    fn value(message: impl Into<String>) -> Self {
        Self::new(ExcType::ValueError, message)
    }

    /// The `(exception_type_name, message)` pair.
    pub(crate) fn into_parts(self) -> (ExcType, String) {
        (self.exc_type, self.message)
    }
}

impl fmt::Display for RandomError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.exc_type, self.message)
    }
}

impl std::error::Error for RandomError {}

/// The state of one CPython `random.Random` instance: the MT19937 words plus
/// the cached second normal deviate of `gauss()` (`gauss_next`), which
/// CPython keeps on the instance and clears on every `seed()`.
///
/// The type stays `pub` (its methods do not) because the public `Runtime::random`
/// field holds one.
#[derive(Clone)]
pub struct MersenneTwister {
    mt: Box<[u32; N]>,
    index: usize,
    gauss_next: Option<f64>,
}

impl fmt::Debug for MersenneTwister {
    // The 624 state words are noise in a debug dump.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MersenneTwister")
            .field("index", &self.index)
            .field("gauss_next", &self.gauss_next)
            .finish_non_exhaustive()
    }
}
