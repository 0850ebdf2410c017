//! Operators and protocols on values: arithmetic, comparison, hashing, truth, repr/str,
//! format, and item access, with CPython's results and error messages. Each child holds
//! one protocol; this one re-exports them under the paths the interpreter, the built-ins
//! and the modules call. Instances of user classes go through their dunder methods
//! (which may run Python code, so no object lock is ever held while calling them).

mod arithmetic;
mod compare;
mod containers;
mod display;
mod items;
mod operators;
mod printable;
pub(crate) mod text_index;
mod truth;

pub(crate) use crate::hashing::{hash, hash_str, key_equal};
pub(crate) use arithmetic::{
    as_int_like, big, float_divmod, float_fast, int_fast, is_number, to_f64,
};
pub(crate) use compare::{
    builtin_compare, compare, contains_builtin, equal, equal_builtin, greater_than, less_than,
    num_cmp,
};
pub(crate) use containers::set_keys;
pub(crate) use display::{format, repr, repr_builtin, str_repr, to_str};
pub(crate) use items::{
    del_item, del_item_builtin, get_item, get_item_builtin, index_dunder, set_item,
    set_item_builtin, slice_indices,
};
pub(crate) use operators::{binary, binary_plain, unary};
pub(crate) use printable::is_printable;
pub(crate) use text_index::{char_len, forget_strings, str_hash, with_view};
pub(crate) use truth::quick_truth;
pub(crate) use truth::truthy;

use crate::types::{self, types, ExcType};
use crate::value::Value;

/// Is `value` an instance of the built-in exception class `kind` (or a subclass)?
pub(crate) fn is_exception_of(value: &Value, kind: ExcType) -> bool {
    types::is_instance(value, types().exception(kind))
}
