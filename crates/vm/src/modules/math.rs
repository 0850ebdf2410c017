//! `math`: CPython 3.12's functions over floats and ints, with its exact errors
//! (domain and range errors, integer-only functions). Pure: no state, no waiting.

use super::*;

pub(super) fn math_module() -> Value {
    let mut entries: Vec<(&'static str, Value)> = vec![
        ("pi", Value::Float(std::f64::consts::PI)),
        ("e", Value::Float(std::f64::consts::E)),
        ("tau", Value::Float(std::f64::consts::TAU)),
        ("inf", Value::Float(f64::INFINITY)),
        ("nan", Value::Float(f64::NAN)),
    ];
    let functions: &[(&'static str, BuiltinFn)] = &[
        ("sqrt", m_sqrt),
        ("floor", m_floor),
        ("ceil", m_ceil),
        ("trunc", m_trunc),
        ("fabs", m_fabs),
        ("exp", m_exp),
        ("log", m_log),
        ("log2", m_log2),
        ("log10", m_log10),
        ("sin", m_sin),
        ("cos", m_cos),
        ("tan", m_tan),
        ("asin", m_asin),
        ("acos", m_acos),
        ("atan", m_atan),
        ("atan2", m_atan2),
        ("hypot", m_hypot),
        ("pow", m_pow),
        ("degrees", m_degrees),
        ("radians", m_radians),
        ("isclose", m_isclose),
        ("isnan", m_isnan),
        ("isinf", m_isinf),
        ("isfinite", m_isfinite),
        ("copysign", m_copysign),
        ("gcd", m_gcd),
        ("lcm", m_lcm),
        ("factorial", m_factorial),
        ("isqrt", m_isqrt),
        ("prod", m_prod),
        ("fsum", m_fsum),
        ("comb", m_comb),
        ("perm", m_perm),
        ("fmod", m_fmod),
        ("modf", m_modf),
        ("frexp", m_frexp),
        ("ldexp", m_ldexp),
        ("dist", m_dist),
    ];
    for (name, func) in functions {
        entries.push((name, function(name, *func)));
    }
    module("math", entries)
}

pub(super) fn float_of(value: &Value) -> PyResult<f64> {
    match value {
        Value::BigInt(b) => b
            .to_f64()
            .filter(|x| x.is_finite())
            .ok_or_else(|| exc(ExcType::OverflowError, "int too large to convert to float")),
        _ => to_f64(value).ok_or_else(|| {
            exc(
                ExcType::TypeError,
                format!("must be real number, not {}", type_name(value)),
            )
        }),
    }
}

pub(super) fn one_float(args: &Args, name: &str) -> PyResult<f64> {
    if args.positional.len() != 1 {
        return Err(exc(
            ExcType::TypeError,
            format!(
                "math.{name}() takes exactly one argument ({} given)",
                args.positional.len()
            ),
        ));
    }
    float_of(&args.positional[0])
}

pub(super) fn domain() -> PyErr {
    exc(ExcType::ValueError, "math domain error")
}

pub(super) fn checked(result: f64, input_finite: bool) -> PyResult<Value> {
    if result.is_nan() && input_finite {
        return Err(domain());
    }
    if result.is_infinite() && input_finite {
        return Err(exc(ExcType::OverflowError, "math range error"));
    }
    Ok(Value::Float(result))
}

macro_rules! unary_math {
    ($name:ident, $py:literal, $f:expr) => {
        fn $name(_vm: &mut Vm, args: Args) -> PyResult<Value> {
            let x = one_float(&args, $py)?;
            let f: fn(f64) -> f64 = $f;
            checked(f(x), x.is_finite())
        }
    };
}

unary_math!(m_exp, "exp", f64::exp);
unary_math!(m_sin, "sin", f64::sin);
unary_math!(m_cos, "cos", f64::cos);
unary_math!(m_tan, "tan", f64::tan);
unary_math!(m_atan, "atan", f64::atan);
unary_math!(m_fabs, "fabs", f64::abs);
unary_math!(m_degrees, "degrees", f64::to_degrees);
unary_math!(m_radians, "radians", f64::to_radians);

pub(super) fn m_sqrt(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = one_float(&args, "sqrt")?;
    if x < 0.0 {
        return Err(domain());
    }
    Ok(Value::Float(x.sqrt()))
}

pub(super) fn m_asin(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = one_float(&args, "asin")?;
    if !(-1.0..=1.0).contains(&x) {
        return Err(domain());
    }
    Ok(Value::Float(x.asin()))
}

pub(super) fn m_acos(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = one_float(&args, "acos")?;
    if !(-1.0..=1.0).contains(&x) {
        return Err(domain());
    }
    Ok(Value::Float(x.acos()))
}

pub(super) fn log_of(value: &Value) -> PyResult<f64> {
    if let Value::BigInt(b) = value {
        if b.is_positive() {
            // ln(b) = ln(b / 2^k) + k ln 2, for ints beyond float range.
            let shift = b.bits().saturating_sub(60);
            let top = (&**b >> shift).to_f64().unwrap_or(1.0);
            return Ok(top.ln() + shift as f64 * std::f64::consts::LN_2);
        }
        return Err(domain());
    }
    let x = float_of(value)?;
    if x <= 0.0 {
        return Err(domain());
    }
    Ok(x.ln())
}

pub(super) fn m_log(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    match args.positional.as_slice() {
        [x] => Ok(Value::Float(log_of(x)?)),
        [x, base] => {
            let denominator = log_of(base)?;
            if denominator == 0.0 {
                return Err(exc(ExcType::ZeroDivisionError, "float division by zero"));
            }
            Ok(Value::Float(log_of(x)? / denominator))
        }
        _ => Err(exc(ExcType::TypeError, "log expected 1 or 2 arguments")),
    }
}

pub(super) fn m_log2(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(x) = args.positional.first() else {
        return Err(exc(
            ExcType::TypeError,
            "math.log2() takes exactly one argument (0 given)",
        ));
    };
    if let Some(i) = as_int_like(x) {
        if i.is_positive() && (&i & (&i - 1u32)).is_zero() {
            return Ok(Value::Float((i.bits() - 1) as f64));
        }
    }
    let f = float_of(x).ok();
    match f {
        Some(f) if f > 0.0 => Ok(Value::Float(f.log2())),
        _ => Ok(Value::Float(log_of(x)? / std::f64::consts::LN_2)),
    }
}

pub(super) fn m_log10(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(x) = args.positional.first() else {
        return Err(exc(
            ExcType::TypeError,
            "math.log10() takes exactly one argument (0 given)",
        ));
    };
    match float_of(x).ok() {
        Some(f) if f > 0.0 => Ok(Value::Float(f.log10())),
        _ => Ok(Value::Float(log_of(x)? / std::f64::consts::LN_10)),
    }
}

pub(super) fn int_result(x: f64, name: &str) -> PyResult<Value> {
    if x.is_nan() {
        return Err(exc(
            ExcType::ValueError,
            "cannot convert float NaN to integer",
        ));
    }
    if x.is_infinite() {
        return Err(exc(
            ExcType::OverflowError,
            "cannot convert float infinity to integer",
        ));
    }
    let _ = name;
    if x.abs() < 9.0e18 {
        Ok(Value::Int(x as i64))
    } else {
        Ok(Value::int_from_big(
            format!("{x:.0}").parse::<BigInt>().unwrap_or_default(),
        ))
    }
}

pub(super) fn m_floor(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    if let [v @ (Value::Int(_) | Value::BigInt(_) | Value::Bool(_))] = args.positional.as_slice() {
        return Ok(Value::int_from_big(as_int_like(v).unwrap_or_default()));
    }
    int_result(one_float(&args, "floor")?.floor(), "floor")
}

pub(super) fn m_ceil(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    if let [v @ (Value::Int(_) | Value::BigInt(_) | Value::Bool(_))] = args.positional.as_slice() {
        return Ok(Value::int_from_big(as_int_like(v).unwrap_or_default()));
    }
    int_result(one_float(&args, "ceil")?.ceil(), "ceil")
}

pub(super) fn m_trunc(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    if let [v @ (Value::Int(_) | Value::BigInt(_) | Value::Bool(_))] = args.positional.as_slice() {
        return Ok(Value::int_from_big(as_int_like(v).unwrap_or_default()));
    }
    int_result(one_float(&args, "trunc")?.trunc(), "trunc")
}

pub(super) fn two_floats(args: &Args, name: &str) -> PyResult<(f64, f64)> {
    if args.positional.len() != 2 {
        return Err(exc(
            ExcType::TypeError,
            format!("{name} expected 2 arguments, got {}", args.positional.len()),
        ));
    }
    Ok((
        float_of(&args.positional[0])?,
        float_of(&args.positional[1])?,
    ))
}

pub(super) fn m_atan2(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (y, x) = two_floats(&args, "atan2")?;
    Ok(Value::Float(y.atan2(x)))
}

pub(super) fn m_hypot(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut total: f64 = 0.0;
    for value in &args.positional {
        let x = float_of(value)?;
        total = total.hypot(x);
    }
    Ok(Value::Float(total))
}

pub(super) fn m_dist(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.positional.len() != 2 {
        return Err(exc(ExcType::TypeError, "dist expected 2 arguments"));
    }
    let p = vm.collect(&args.positional[0])?;
    let q = vm.collect(&args.positional[1])?;
    if p.len() != q.len() {
        return Err(exc(
            ExcType::ValueError,
            "both points must have the same number of dimensions",
        ));
    }
    let mut total: f64 = 0.0;
    for (a, b) in p.iter().zip(&q) {
        total = total.hypot(float_of(a)? - float_of(b)?);
    }
    Ok(Value::Float(total))
}

pub(super) fn m_pow(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two_floats(&args, "pow")?;
    if x == 0.0 && y < 0.0 {
        return Err(domain());
    }
    if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
        return Err(domain());
    }
    checked(x.powf(y), x.is_finite() && y.is_finite())
}

pub(super) fn m_fmod(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two_floats(&args, "fmod")?;
    if y == 0.0 || x.is_infinite() {
        return Err(domain());
    }
    Ok(Value::Float(x % y))
}

pub(super) fn m_modf(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = one_float(&args, "modf")?;
    Ok(new_tuple(vec![
        Value::Float(x.fract()),
        Value::Float(x.trunc()),
    ]))
}

pub(super) fn m_frexp(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (m, e) = crate::builtins::frexp(one_float(&args, "frexp")?);
    Ok(new_tuple(vec![Value::Float(m), Value::Int(e)]))
}

pub(super) fn m_ldexp(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.positional.len() != 2 {
        return Err(exc(
            ExcType::TypeError,
            format!("ldexp expected 2 arguments, got {}", args.positional.len()),
        ));
    }
    let x = float_of(&args.positional[0])?;
    let i = match &args.positional[1] {
        v @ (Value::Int(_) | Value::BigInt(_) | Value::Bool(_)) => {
            as_int_like(v).unwrap_or_default()
        }
        _ => {
            return Err(exc(
                ExcType::TypeError,
                "Expected an int as second argument to ldexp.",
            ))
        }
    };
    Ok(Value::Float(crate::builtins::ldexp(x, &i)?))
}

pub(super) fn m_copysign(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two_floats(&args, "copysign")?;
    Ok(Value::Float(x.copysign(y)))
}

pub(super) fn m_isclose(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.positional.len() != 2 {
        return Err(exc(
            ExcType::TypeError,
            "isclose() takes exactly 2 positional arguments",
        ));
    }
    let a = float_of(&args.positional[0])?;
    let b = float_of(&args.positional[1])?;
    let get = |name: &str, default: f64| -> PyResult<f64> {
        match args.keywords.iter().find(|(k, _)| &**k == name) {
            Some((_, v)) => float_of(v),
            None => Ok(default),
        }
    };
    let rel = get("rel_tol", 1e-9)?;
    let abs = get("abs_tol", 0.0)?;
    if rel < 0.0 || abs < 0.0 {
        return Err(exc(ExcType::ValueError, "tolerances must be non-negative"));
    }
    if a == b {
        return Ok(Value::Bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (a - b).abs();
    Ok(Value::Bool(
        diff <= (rel * b).abs() || diff <= (rel * a).abs() || diff <= abs,
    ))
}

pub(super) fn m_isnan(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(one_float(&args, "isnan")?.is_nan()))
}

pub(super) fn m_isinf(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(one_float(&args, "isinf")?.is_infinite()))
}

pub(super) fn m_isfinite(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(one_float(&args, "isfinite")?.is_finite()))
}

pub(super) fn int_arg(value: &Value) -> PyResult<BigInt> {
    as_int_like(value).ok_or_else(|| {
        exc(
            ExcType::TypeError,
            format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(value)
            ),
        )
    })
}

pub(super) fn m_gcd(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut result = BigInt::zero();
    for value in &args.positional {
        result = num_integer::Integer::gcd(&result, &int_arg(value)?);
    }
    Ok(Value::int_from_big(result))
}

pub(super) fn m_lcm(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut result = BigInt::from(1);
    for value in &args.positional {
        result = num_integer::Integer::lcm(&result, &int_arg(value)?);
    }
    Ok(Value::int_from_big(result))
}

pub(super) fn m_factorial(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(value) = args.positional.first() else {
        return Err(exc(
            ExcType::TypeError,
            "math.factorial() takes exactly one argument (0 given)",
        ));
    };
    if let Value::Float(_) = value {
        return Err(exc(
            ExcType::TypeError,
            "'float' object cannot be interpreted as an integer",
        ));
    }
    let n = int_arg(value)?;
    if n.is_negative() {
        return Err(exc(
            ExcType::ValueError,
            "factorial() not defined for negative values",
        ));
    }
    let n = n.to_u64().filter(|n| *n <= 100_000).ok_or_else(|| {
        exc(
            ExcType::OverflowError,
            "factorial() argument should not exceed 100000 in threadplay",
        )
    })?;
    let mut result = BigInt::from(1);
    for i in 2..=n {
        result *= i;
    }
    Ok(Value::int_from_big(result))
}

pub(super) fn m_isqrt(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(value) = args.positional.first() else {
        return Err(exc(
            ExcType::TypeError,
            "math.isqrt() takes exactly one argument (0 given)",
        ));
    };
    let n = int_arg(value)?;
    if n.is_negative() {
        return Err(exc(
            ExcType::ValueError,
            "isqrt() argument must be nonnegative",
        ));
    }
    Ok(Value::int_from_big(num_integer::Roots::sqrt(&n)))
}

pub(super) fn m_prod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(iterable) = args.positional.first() else {
        return Err(exc(
            ExcType::TypeError,
            "prod() missing required argument 'iterable' (pos 1)",
        ));
    };
    let mut total = args
        .keywords
        .iter()
        .find(|(k, _)| &**k == "start")
        .map(|(_, v)| v.clone())
        .unwrap_or(Value::Int(1));
    for item in vm.collect(iterable)? {
        total = ops::binary(vm, bytecode::BinOp::Mult, &total, &item, false)?;
    }
    Ok(total)
}

pub(super) fn m_fsum(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(iterable) = args.positional.first() else {
        return Err(exc(
            ExcType::TypeError,
            "math.fsum() takes exactly one argument (0 given)",
        ));
    };
    // Shewchuk's exact summation, as CPython does.
    let mut partials: Vec<f64> = Vec::new();
    for item in vm.collect(iterable)? {
        let mut x = float_of(&item)?;
        let mut kept = 0;
        for index in 0..partials.len() {
            let mut y = partials[index];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let high = x + y;
            let low = y - (high - x);
            if low != 0.0 {
                partials[kept] = low;
                kept += 1;
            }
            x = high;
        }
        partials.truncate(kept);
        partials.push(x);
    }
    let mut total = 0.0;
    if let Some(mut high) = partials.pop() {
        let mut low = 0.0;
        while let Some(next) = partials.pop() {
            let x = high;
            let y = next;
            high = x + y;
            let y_rounded = high - x;
            low = y - y_rounded;
            if low != 0.0 {
                break;
            }
        }
        if let Some(&last) = partials.last() {
            if (low < 0.0 && last < 0.0) || (low > 0.0 && last > 0.0) {
                let y = low * 2.0;
                let x = high + y;
                if y == x - high {
                    high = x;
                }
            }
        }
        total = high;
    }
    Ok(Value::Float(total))
}

pub(super) fn comb_perm(args: &Args, name: &str) -> PyResult<(BigInt, Option<BigInt>)> {
    let n = int_arg(args.positional.first().ok_or_else(|| {
        exc(
            ExcType::TypeError,
            format!("{name} expected at least 1 argument"),
        )
    })?)?;
    let k = match args.positional.get(1) {
        Some(Value::None) | None => None,
        Some(k) => Some(int_arg(k)?),
    };
    if n.is_negative() {
        return Err(exc(ExcType::ValueError, "n must be a non-negative integer"));
    }
    if k.as_ref().is_some_and(|k| k.is_negative()) {
        return Err(exc(ExcType::ValueError, "k must be a non-negative integer"));
    }
    Ok((n, k))
}

pub(super) fn m_comb(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (n, k) = comb_perm(&args, "comb")?;
    let k = k.ok_or_else(|| exc(ExcType::TypeError, "comb expected 2 arguments, got 1"))?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = std::cmp::min(k.clone(), &n - &k).to_u64().unwrap_or(0);
    let mut result = BigInt::from(1);
    for i in 0..k {
        result = result * (&n - i) / (i + 1);
    }
    Ok(Value::int_from_big(result))
}

pub(super) fn m_perm(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (n, k) = comb_perm(&args, "perm")?;
    let k = k.unwrap_or_else(|| n.clone());
    if k > n {
        return Ok(Value::Int(0));
    }
    let mut result = BigInt::from(1);
    for i in 0..k.to_u64().unwrap_or(0) {
        result *= &n - i;
    }
    Ok(Value::int_from_big(result))
}
