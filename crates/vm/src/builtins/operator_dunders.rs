//! The operator and conversion special methods of the built-in number, text, sequence,
//! dict and set types, as found by attribute lookup: `(5).__add__(1)`,
//! `'ab'.__mul__(2)`, `{1}.__or__({2})`, `(2.5).__int__()`, `x.__format__('')`. Each
//! answers as CPython 3.12's slot wrapper does (NotImplemented for an operand of a
//! foreign type, "expected 1 argument, got 0" for a wrong count) and runs the built-in
//! operation on the payload itself, never a subclass's Python override, so a
//! `super().__add__(x)` in that override cannot loop. The operators (`a + b`) never come
//! here: they keep their own fast paths in `ops`.

use super::args::check_method_arity;
use super::functions::{b_abs, b_divmod, b_next, b_pow, b_round};
use super::not_implemented;
use super::numbers::{to_float, to_int};
use crate::interp::{exc, Vm};
use crate::ops;
use crate::types::{ExcType, MethodTables, Types};
use crate::value::*;
use crate::PyResult;
use bytecode::{BinOp, CmpOp};

/// What decides whether a built-in operation accepts an operand.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Int,
    Float,
    Str,
    List,
    Tuple,
    Dict,
    Set,
    None,
    Other,
}

pub(super) fn kind(value: &Value) -> Kind {
    match value {
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => Kind::Int,
        Value::Float(_) => Kind::Float,
        Value::Str(_) => Kind::Str,
        Value::None => Kind::None,
        _ => match value.payload() {
            Some(Payload::Scalar(inner)) => kind(inner),
            Some(Payload::List(_)) => Kind::List,
            Some(Payload::Tuple(_)) => Kind::Tuple,
            Some(Payload::Dict(_)) => Kind::Dict,
            Some(Payload::Set(_) | Payload::FrozenSet(_)) => Kind::Set,
            _ => Kind::Other,
        },
    }
}

/// A value as the built-in operations see it (an int/str subclass's inline value).
fn plain(value: &Value) -> Value {
    value.scalar_inner().unwrap_or(value).clone()
}

/// The argument count check of a slot wrapper (`args` holds `self` first), with its
/// wording; keywords are refused as CPython's wrappers refuse them.
pub(super) fn slot_arity(args: &Args, name: &str, min: usize, max: usize) -> PyResult<()> {
    if !args.keywords.is_empty() {
        return Err(exc(
            ExcType::TypeError,
            format!("wrapper {name}() takes no keyword arguments"),
        ));
    }
    let given = args.positional.len().saturating_sub(1);
    if (min..=max).contains(&given) {
        return Ok(());
    }
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    // Ternary slots (`__pow__`) word it as argument clinic does, with an empty name.
    let message = if min == max {
        format!("expected {min} argument{}, got {given}", plural(min))
    } else if given < min {
        format!(
            " expected at least {min} argument{}, got {given}",
            plural(min)
        )
    } else {
        format!(
            " expected at most {max} argument{}, got {given}",
            plural(max)
        )
    };
    Err(exc(ExcType::TypeError, message))
}

/// The one-argument check of a method that is an ordinary method on the `methods`
/// kinds (`dict.__contains__() takes exactly one argument (0 given)`), a slot wrapper
/// on the others.
pub(super) fn method_or_slot<const N: usize>(
    args: &Args,
    name: &str,
    methods: [Kind; N],
) -> PyResult<()> {
    let receiver = &args.positional[0];
    if !methods.contains(&kind(receiver)) {
        return slot_arity(args, name, 1, 1);
    }
    let given = args.positional.len() - 1;
    if given == 1 {
        return Ok(());
    }
    Err(exc(
        ExcType::TypeError,
        format!(
            "{}.{name}() takes exactly one argument ({given} given)",
            crate::types::type_name(receiver)
        ),
    ))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Forward,
    Reflected,
    InPlace,
}

/// Whether the receiver's type implements `op` with `other` (else NotImplemented).
/// str, list and tuple take any operand and raise their own TypeError, as CPython's
/// sequence slots do.
fn accepts(this: Kind, other: Kind, side: Side) -> bool {
    match this {
        Kind::Int => other == Kind::Int,
        Kind::Float => matches!(other, Kind::Int | Kind::Float),
        Kind::Str | Kind::List | Kind::Tuple => true,
        // `d |= pairs` takes any mapping or iterable of pairs.
        Kind::Dict => other == Kind::Dict || side == Side::InPlace,
        Kind::Set => other == Kind::Set,
        Kind::None | Kind::Other => false,
    }
}

fn binary_dunder(vm: &mut Vm, args: &Args, name: &str, op: BinOp, side: Side) -> PyResult<Value> {
    slot_arity(args, name, 1, 1)?;
    let (this, other) = (plain(&args.positional[0]), plain(&args.positional[1]));
    if !accepts(kind(&this), kind(&other), side) {
        return Ok(not_implemented());
    }
    let sequence = matches!(kind(&this), Kind::Str | Kind::List | Kind::Tuple);
    if sequence && op == BinOp::Mult && kind(&other) != Kind::Int && kind(&other) != Kind::Other {
        // The count goes through `__index__`, which a built-in non-int lacks.
        return Err(exc(
            ExcType::TypeError,
            format!(
                "'{}' object cannot be interpreted as an integer",
                crate::types::type_name(&other)
            ),
        ));
    }
    if kind(&this) == Kind::Dict && side == Side::InPlace && kind(&other) != Kind::Dict {
        let update = vm.get_attr(&this, &std::sync::Arc::from("update"))?;
        vm.call1(update, other)?;
        return Ok(this);
    }
    match side {
        Side::Forward => ops::binary_plain(vm, op, &this, &other, false),
        Side::Reflected => ops::binary_plain(vm, op, &other, &this, false),
        Side::InPlace => ops::binary_plain(vm, op, &this, &other, true),
    }
}

macro_rules! binary_dunders {
    ($($func:ident, $name:literal, $op:ident, $side:ident;)*) => {
        $(
            fn $func(vm: &mut Vm, args: Args) -> PyResult<Value> {
                binary_dunder(vm, &args, $name, BinOp::$op, Side::$side)
            }
        )*
    };
}

binary_dunders! {
    d_add, "__add__", Add, Forward;
    d_radd, "__radd__", Add, Reflected;
    d_iadd, "__iadd__", Add, InPlace;
    d_sub, "__sub__", Sub, Forward;
    d_rsub, "__rsub__", Sub, Reflected;
    d_isub, "__isub__", Sub, InPlace;
    d_mul, "__mul__", Mult, Forward;
    d_rmul, "__rmul__", Mult, Reflected;
    d_imul, "__imul__", Mult, InPlace;
    d_truediv, "__truediv__", Div, Forward;
    d_rtruediv, "__rtruediv__", Div, Reflected;
    d_floordiv, "__floordiv__", FloorDiv, Forward;
    d_rfloordiv, "__rfloordiv__", FloorDiv, Reflected;
    d_mod, "__mod__", Mod, Forward;
    d_rmod, "__rmod__", Mod, Reflected;
    d_lshift, "__lshift__", LShift, Forward;
    d_rlshift, "__rlshift__", LShift, Reflected;
    d_rshift, "__rshift__", RShift, Forward;
    d_rrshift, "__rrshift__", RShift, Reflected;
    d_and, "__and__", BitAnd, Forward;
    d_rand, "__rand__", BitAnd, Reflected;
    d_iand, "__iand__", BitAnd, InPlace;
    d_or, "__or__", BitOr, Forward;
    d_ror, "__ror__", BitOr, Reflected;
    d_ior, "__ior__", BitOr, InPlace;
    d_xor, "__xor__", BitXor, Forward;
    d_rxor, "__rxor__", BitXor, Reflected;
    d_ixor, "__ixor__", BitXor, InPlace;
}

/// `__pow__(other, mod=None)` and `__rpow__`: ternary slots.
fn pow_dunder(vm: &mut Vm, args: &Args, name: &str, reflected: bool) -> PyResult<Value> {
    slot_arity(args, name, 1, 2)?;
    let (this, other) = (plain(&args.positional[0]), plain(&args.positional[1]));
    let modulus = args.positional.get(2).map(plain).unwrap_or(Value::None);
    if !accepts(kind(&this), kind(&other), Side::Forward) {
        return Ok(not_implemented());
    }
    let (base, exponent) = if reflected {
        (other, this)
    } else {
        (this, other)
    };
    if modulus.is_none() {
        return ops::binary_plain(vm, BinOp::Pow, &base, &exponent, false);
    }
    b_pow(vm, Args::new(smallvec::smallvec![base, exponent, modulus]))
}

/// `str.__rmod__`: `other % self` when `other` is a format string.
fn d_str_rmod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    slot_arity(&args, "__rmod__", 1, 1)?;
    let (this, other) = (plain(&args.positional[0]), plain(&args.positional[1]));
    if kind(&other) != Kind::Str {
        return Ok(not_implemented());
    }
    ops::binary_plain(vm, BinOp::Mod, &other, &this, false)
}

fn d_pow(vm: &mut Vm, args: Args) -> PyResult<Value> {
    pow_dunder(vm, &args, "__pow__", false)
}

fn d_rpow(vm: &mut Vm, args: Args) -> PyResult<Value> {
    pow_dunder(vm, &args, "__rpow__", true)
}

fn divmod_dunder(vm: &mut Vm, args: &Args, name: &str, reflected: bool) -> PyResult<Value> {
    slot_arity(args, name, 1, 1)?;
    let (this, other) = (plain(&args.positional[0]), plain(&args.positional[1]));
    if !accepts(kind(&this), kind(&other), Side::Forward) {
        return Ok(not_implemented());
    }
    let pair = if reflected {
        vec![other, this]
    } else {
        vec![this, other]
    };
    b_divmod(vm, Args::new(pair))
}

fn d_divmod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    divmod_dunder(vm, &args, "__divmod__", false)
}

fn d_rdivmod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    divmod_dunder(vm, &args, "__rdivmod__", true)
}

/// The rich comparisons: NotImplemented across foreign types (`(1).__eq__(1.0)` too,
/// as int's own comparison knows only ints), else the built-in comparison.
fn compare_dunder(vm: &mut Vm, args: &Args, name: &str, op: CmpOp) -> PyResult<Value> {
    slot_arity(args, name, 1, 1)?;
    let (this, other) = (plain(&args.positional[0]), plain(&args.positional[1]));
    let (mine, theirs) = (kind(&this), kind(&other));
    let equality = matches!(op, CmpOp::Eq | CmpOp::NotEq);
    let comparable = match mine {
        Kind::Int => theirs == Kind::Int,
        Kind::Float => matches!(theirs, Kind::Int | Kind::Float),
        Kind::Dict | Kind::None => theirs == mine && equality,
        Kind::Other => false,
        _ => theirs == mine,
    };
    if !comparable {
        return Ok(not_implemented());
    }
    match op {
        CmpOp::Eq => Ok(Value::Bool(ops::equal_builtin(vm, &this, &other)?)),
        CmpOp::NotEq => Ok(Value::Bool(!ops::equal_builtin(vm, &this, &other)?)),
        _ => ops::builtin_compare(vm, op, &this, &other),
    }
}

pub(super) fn d_eq(vm: &mut Vm, args: Args) -> PyResult<Value> {
    compare_dunder(vm, &args, "__eq__", CmpOp::Eq)
}

fn d_ne(vm: &mut Vm, args: Args) -> PyResult<Value> {
    compare_dunder(vm, &args, "__ne__", CmpOp::NotEq)
}

fn d_lt(vm: &mut Vm, args: Args) -> PyResult<Value> {
    compare_dunder(vm, &args, "__lt__", CmpOp::Lt)
}

fn d_le(vm: &mut Vm, args: Args) -> PyResult<Value> {
    compare_dunder(vm, &args, "__le__", CmpOp::LtE)
}

fn d_gt(vm: &mut Vm, args: Args) -> PyResult<Value> {
    compare_dunder(vm, &args, "__gt__", CmpOp::Gt)
}

fn d_ge(vm: &mut Vm, args: Args) -> PyResult<Value> {
    compare_dunder(vm, &args, "__ge__", CmpOp::GtE)
}

/// The receiver of a no-argument slot wrapper, as the built-in operations see it.
fn unary_receiver(args: &Args, name: &str) -> PyResult<Value> {
    slot_arity(args, name, 0, 0)?;
    Ok(plain(&args.positional[0]))
}

fn d_neg(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = unary_receiver(&args, "__neg__")?;
    ops::unary(vm, bytecode::UnaryOp::Neg, &this)
}

fn d_pos(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = unary_receiver(&args, "__pos__")?;
    ops::unary(vm, bytecode::UnaryOp::Pos, &this)
}

fn d_invert(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = unary_receiver(&args, "__invert__")?;
    ops::unary(vm, bytecode::UnaryOp::Invert, &this)
}

fn d_abs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = unary_receiver(&args, "__abs__")?;
    b_abs(vm, Args::new(smallvec::smallvec![this]))
}

fn d_bool(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = unary_receiver(&args, "__bool__")?;
    Ok(Value::Bool(ops::truthy(vm, &this)?))
}

/// `__int__`, `__index__`, `__trunc__`: an int's value as an exact int (a bool's
/// too), a float truncated toward zero.
fn d_int(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = unary_receiver(&args, "__int__")?;
    to_int(vm, &this)
}

fn d_index(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = unary_receiver(&args, "__index__")?;
    to_int(vm, &this)
}

fn d_float(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = unary_receiver(&args, "__float__")?;
    to_float(vm, &this)
}

/// `__trunc__`, `__floor__`, `__ceil__`, `__round__` are ordinary methods in CPython,
/// hence the `int.__trunc__() takes no arguments (1 given)` wording.
fn method_arity_check(args: &Args, name: &'static str, owner: &'static str) -> PyResult<()> {
    let method = Builtin {
        name,
        func: d_trunc,
        bound: None,
        owner: Some(owner),
        arity: None,
        direct: DirectCall::Other,
    };
    let arity = Arity {
        min: 0,
        max: 0,
        style: ArityStyle::NoArgs,
    };
    check_method_arity(args, &method, arity)
}

fn owner_of(value: &Value) -> &'static str {
    if kind(value) == Kind::Float {
        "float"
    } else {
        "int"
    }
}

fn rounded(vm: &mut Vm, args: &Args, name: &'static str, f: fn(f64) -> f64) -> PyResult<Value> {
    let this = plain(&args.positional[0]);
    method_arity_check(args, name, owner_of(&this))?;
    match this {
        Value::Float(x) => to_int(vm, &Value::Float(f(x))),
        other => to_int(vm, &other),
    }
}

fn d_trunc(vm: &mut Vm, args: Args) -> PyResult<Value> {
    rounded(vm, &args, "__trunc__", f64::trunc)
}

fn d_floor(vm: &mut Vm, args: Args) -> PyResult<Value> {
    rounded(vm, &args, "__floor__", f64::floor)
}

fn d_ceil(vm: &mut Vm, args: Args) -> PyResult<Value> {
    rounded(vm, &args, "__ceil__", f64::ceil)
}

fn d_round(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let n = args.positional.len().saturating_sub(1);
    if n > 1 {
        return Err(exc(
            ExcType::TypeError,
            format!("__round__ expected at most 1 argument, got {n}"),
        ));
    }
    let positional: Positional = args.positional.iter().map(plain).collect();
    b_round(vm, Args::new(positional))
}

/// `__str__`: a str is itself; every other built-in value prints as `repr(self)`
/// (object's `__str__`, which honours a subclass's `__repr__` as CPython's does).
fn d_str(vm: &mut Vm, args: Args) -> PyResult<Value> {
    slot_arity(&args, "__str__", 0, 0)?;
    let this = &args.positional[0];
    match plain(this) {
        Value::Str(text) => Ok(Value::Str(text)),
        _ => Ok(Value::str(ops::repr(vm, this)?)),
    }
}

/// `__format__(spec)`: what `format(self, spec)` gives for the built-in value.
fn d_format(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = plain(&args.positional[0]);
    if args.positional.len() != 2 {
        return Err(exc(
            ExcType::TypeError,
            format!(
                "{}.__format__() takes exactly one argument ({} given)",
                crate::types::type_name(&args.positional[0]),
                args.positional.len() - 1
            ),
        ));
    }
    let spec = match &args.positional[1] {
        Value::Str(spec) => spec.to_string(),
        other => {
            return Err(exc(
                ExcType::TypeError,
                format!(
                    "__format__() argument must be str, not {}",
                    crate::types::type_name(other)
                ),
            ))
        }
    };
    if spec.is_empty() && kind(&this) != Kind::Str {
        return d_str(
            vm,
            Args::new(smallvec::smallvec![args.positional[0].clone()]),
        );
    }
    ops::format(vm, &this, &spec).map(Value::str)
}

/// `__next__` of the built-in iterators: what `next(self)` gives.
fn d_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    slot_arity(&args, "__next__", 0, 0)?;
    b_next(vm, args)
}

/// `__iter__` of an iterator: the iterator itself.
fn d_iter_self(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    slot_arity(&args, "__iter__", 0, 0)?;
    Ok(args.positional[0].clone())
}

/// `object.__eq__`: identity, else NotImplemented (what `super().__eq__(other)` in a
/// class gives).
fn d_object_eq(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    slot_arity(&args, "__eq__", 1, 1)?;
    if args.positional[0].is(&args.positional[1]) {
        return Ok(Value::Bool(true));
    }
    Ok(not_implemented())
}

/// `object.__ne__`: the inverse of the receiver's own `__eq__`, unless that answers
/// NotImplemented.
fn d_object_ne(vm: &mut Vm, args: Args) -> PyResult<Value> {
    slot_arity(&args, "__ne__", 1, 1)?;
    let (this, other) = (&args.positional[0], &args.positional[1]);
    let Some(eq) = vm.special_method(this, "__eq__") else {
        return Ok(not_implemented());
    };
    let result = vm.call1(eq, other.clone())?;
    if matches!(result.payload(), Some(Payload::Instance(i)) if crate::types::class_of(&i.class).is_some_and(|c| &*c.name == "NotImplementedType"))
    {
        return Ok(result);
    }
    Ok(Value::Bool(!ops::truthy(vm, &result)?))
}

/// `object.__hash__`: the identity hash `hash()` gives an instance without one of its
/// own (never the class's Python `__hash__`, which may be what called it).
fn d_object_hash(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    slot_arity(&args, "__hash__", 0, 0)?;
    Ok(Value::Int((args.positional[0].identity() >> 4) as i64))
}

/// `object.__str__`: `repr(self)`.
fn d_object_str(vm: &mut Vm, args: Args) -> PyResult<Value> {
    slot_arity(&args, "__str__", 0, 0)?;
    Ok(Value::str(ops::repr(vm, &args.positional[0])?))
}

/// `object.__format__(spec)`: `str(self)` for an empty spec, else a TypeError.
fn d_object_format(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.positional.len() != 2 {
        return Err(exc(
            ExcType::TypeError,
            format!(
                "object.__format__() takes exactly one argument ({} given)",
                args.positional.len() - 1
            ),
        ));
    }
    let this = &args.positional[0];
    match &args.positional[1] {
        Value::Str(spec) if spec.is_empty() => Ok(Value::str(ops::to_str(vm, this)?)),
        Value::Str(_) => Err(exc(
            ExcType::TypeError,
            format!(
                "unsupported format string passed to {}.__format__",
                crate::types::type_name(this)
            ),
        )),
        other => Err(exc(
            ExcType::TypeError,
            format!(
                "__format__() argument must be str, not {}",
                crate::types::type_name(other)
            ),
        )),
    }
}

/// `BaseException.__str__`: the message from the arguments (never a subclass's Python
/// `__str__`, which is what a `super().__str__()` comes from).
fn d_exception_str(vm: &mut Vm, args: Args) -> PyResult<Value> {
    slot_arity(&args, "__str__", 0, 0)?;
    let this = &args.positional[0];
    let Some(Payload::Instance(Instance {
        exception: Some(data),
        ..
    })) = this.payload()
    else {
        return Ok(Value::str(ops::repr(vm, this)?));
    };
    let items = lock(data).args.clone();
    Ok(Value::str(match items.len() {
        0 => String::new(),
        1 if ops::is_exception_of(this, ExcType::KeyError) => ops::repr(vm, &items[0])?,
        1 => ops::to_str(vm, &items[0])?,
        _ => ops::repr(vm, &super::new_tuple(items))?,
    }))
}

/// Installs the operator and conversion methods on the built-in types (bool finds
/// int's).
pub(super) fn install(t: &Types, methods: &mut MethodTables) {
    let numeric: &[(&'static str, BuiltinFn)] = &[
        ("__add__", d_add),
        ("__radd__", d_radd),
        ("__sub__", d_sub),
        ("__rsub__", d_rsub),
        ("__mul__", d_mul),
        ("__rmul__", d_rmul),
        ("__truediv__", d_truediv),
        ("__rtruediv__", d_rtruediv),
        ("__floordiv__", d_floordiv),
        ("__rfloordiv__", d_rfloordiv),
        ("__mod__", d_mod),
        ("__rmod__", d_rmod),
        ("__pow__", d_pow),
        ("__rpow__", d_rpow),
        ("__divmod__", d_divmod),
        ("__rdivmod__", d_rdivmod),
        ("__neg__", d_neg),
        ("__pos__", d_pos),
        ("__abs__", d_abs),
        ("__bool__", d_bool),
        ("__int__", d_int),
        ("__float__", d_float),
        ("__trunc__", d_trunc),
        ("__floor__", d_floor),
        ("__ceil__", d_ceil),
        ("__round__", d_round),
    ];
    let int_only: &[(&'static str, BuiltinFn)] = &[
        ("__index__", d_index),
        ("__invert__", d_invert),
        ("__lshift__", d_lshift),
        ("__rlshift__", d_rlshift),
        ("__rshift__", d_rshift),
        ("__rrshift__", d_rrshift),
        ("__and__", d_and),
        ("__rand__", d_rand),
        ("__or__", d_or),
        ("__ror__", d_ror),
        ("__xor__", d_xor),
        ("__rxor__", d_rxor),
    ];
    let set_ops: &[(&'static str, BuiltinFn)] = &[
        ("__or__", d_or),
        ("__ror__", d_ror),
        ("__and__", d_and),
        ("__rand__", d_rand),
        ("__sub__", d_sub),
        ("__rsub__", d_rsub),
        ("__xor__", d_xor),
        ("__rxor__", d_rxor),
    ];
    let set_inplace: &[(&'static str, BuiltinFn)] = &[
        ("__ior__", d_ior),
        ("__iand__", d_iand),
        ("__isub__", d_isub),
        ("__ixor__", d_ixor),
    ];
    let sequence: &[(&'static str, BuiltinFn)] =
        &[("__add__", d_add), ("__mul__", d_mul), ("__rmul__", d_rmul)];
    let compare: &[(&'static str, BuiltinFn)] = &[
        ("__eq__", d_eq),
        ("__ne__", d_ne),
        ("__lt__", d_lt),
        ("__le__", d_le),
        ("__gt__", d_gt),
        ("__ge__", d_ge),
    ];
    let text: &[(&'static str, BuiltinFn)] = &[("__str__", d_str), ("__format__", d_format)];
    let mut add = |class: &std::sync::Arc<Obj>, table: &[(&'static str, BuiltinFn)]| {
        for &(name, func) in table {
            methods.add_method(class, name, func);
        }
    };
    add(&t.int, numeric);
    add(&t.int, int_only);
    add(&t.float, numeric);
    for class in [&t.str_, &t.list, &t.tuple] {
        add(class, sequence);
    }
    add(&t.str_, &[("__mod__", d_mod), ("__rmod__", d_str_rmod)]);
    add(&t.list, &[("__iadd__", d_iadd), ("__imul__", d_imul)]);
    add(
        &t.dict,
        &[("__or__", d_or), ("__ror__", d_ror), ("__ior__", d_ior)],
    );
    add(&t.set, set_ops);
    add(&t.set, set_inplace);
    add(&t.frozenset, set_ops);
    for class in [
        &t.int,
        &t.float,
        &t.str_,
        &t.list,
        &t.tuple,
        &t.dict,
        &t.set,
        &t.frozenset,
    ] {
        add(class, compare);
        add(class, text);
    }
    add(
        &t.none,
        &[("__eq__", d_eq), ("__ne__", d_ne), ("__bool__", d_bool)],
    );
    add(&t.none, text);
    // object's own: the rest of the VM asks only for Python-defined methods
    // (`Payload::Function`) on instances, so these answer only direct calls and super().
    add(
        &t.object,
        &[
            ("__eq__", d_object_eq),
            ("__ne__", d_object_ne),
            ("__hash__", d_object_hash),
            ("__str__", d_object_str),
            ("__format__", d_object_format),
        ],
    );
    if let Some(base) = t.exceptions.get("BaseException") {
        add(base, &[("__str__", d_exception_str)]);
    }
    for class in t.iterators.values() {
        add(class, &[("__next__", d_next), ("__iter__", d_iter_self)]);
    }
    // The mutable containers are unhashable: `[].__hash__ is None`, as in CPython
    // (and not object's identity hash).
    for class in [&t.list, &t.dict, &t.set] {
        methods.add(class, "__hash__", Value::None);
    }
}
