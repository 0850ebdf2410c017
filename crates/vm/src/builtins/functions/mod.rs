//! The built-in functions (`print`, `len`, `sorted`, `isinstance`, ...) and the
//! `builtins` namespace they live in, with the built-in classes, the exceptions and the
//! constants. Each child holds the functions of one role. The namespace is filled once
//! per run; nothing here may keep per-run state.

mod iteration;
mod numeric;
mod objects;
mod text;

pub(crate) use iteration::{b_next, length, length_builtin};
pub(crate) use numeric::{b_abs, b_divmod, b_pow, b_round, better, SumState};

use super::classes::{b_build_class, b_super};
use super::{builtin, ellipsis, not_implemented};
use crate::types::types;
use crate::value::*;
use iteration::*;
use numeric::*;
use objects::*;
use std::sync::Arc;
use text::*;

/// Fills a run's `builtins` namespace: the functions, the built-in classes, the
/// exceptions and the constants.
pub(crate) fn install_functions(globals: &Arc<Globals>) {
    let t = types();
    let mut vars = globals.write();
    let functions: &[(&'static str, BuiltinFn)] = &[
        ("print", b_print),
        ("len", b_len),
        ("repr", b_repr),
        ("ascii", b_ascii),
        ("abs", b_abs),
        ("round", b_round),
        ("divmod", b_divmod),
        ("pow", b_pow),
        ("sum", b_sum),
        ("min", b_min),
        ("max", b_max),
        ("any", b_any),
        ("all", b_all),
        ("sorted", b_sorted),
        ("reversed", b_reversed),
        ("enumerate", b_enumerate),
        ("zip", b_zip),
        ("map", b_map),
        ("filter", b_filter),
        ("isinstance", b_isinstance),
        ("issubclass", b_issubclass),
        ("hasattr", b_hasattr),
        ("getattr", b_getattr),
        ("setattr", b_setattr),
        ("delattr", b_delattr),
        ("id", b_id),
        ("hash", b_hash),
        ("iter", b_iter),
        ("next", b_next),
        ("aiter", super::generators::b_aiter),
        ("anext", super::generators::b_anext),
        ("chr", b_chr),
        ("ord", b_ord),
        ("hex", b_hex),
        ("oct", b_oct),
        ("bin", b_bin),
        ("callable", b_callable),
        ("format", b_format),
        ("vars", b_vars),
        ("dir", b_dir),
        ("input", b_input),
        ("open", b_open),
        ("globals", b_globals),
        ("locals", b_locals),
        ("__build_class__", b_build_class),
        ("exit", b_exit),
        ("quit", b_exit),
    ];
    for (name, func) in functions {
        vars.insert((*name).into(), builtin(name, *func));
    }
    let classes = [
        ("object", &t.object),
        ("type", &t.type_),
        ("int", &t.int),
        ("float", &t.float),
        ("bool", &t.bool_),
        ("str", &t.str_),
        ("list", &t.list),
        ("tuple", &t.tuple),
        ("dict", &t.dict),
        ("set", &t.set),
        ("frozenset", &t.frozenset),
        ("range", &t.range),
        ("slice", &t.slice),
        ("property", &t.property),
        ("staticmethod", &t.staticmethod),
        ("classmethod", &t.classmethod),
    ];
    for (name, class) in classes {
        vars.insert(name.into(), Value::Obj(class.clone()));
    }
    vars.insert("super".into(), builtin("super", b_super));
    for (name, class) in &t.exceptions {
        vars.insert((*name).into(), Value::Obj(class.clone()));
    }
    vars.insert("NotImplemented".into(), not_implemented());
    vars.insert("Ellipsis".into(), ellipsis());
    vars.insert("__name__".into(), Value::str("builtins"));
}
