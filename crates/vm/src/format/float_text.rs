//! Decimal text of a float, as CPython 3.12 writes it: `repr(float)` (shortest
//! round-tripping digits), `PyOS_double_to_string` for the `e E f F g G r` codes that
//! `format()` and `%` use, and `round(float, ndigits)`.
//!
//! What it must never do: produce digits other than correctly rounded ones (ties to
//! even on the exact binary value), or allocate past what its caller has bounded
//! (the callers refuse precisions over [`MAX_OUTPUT_LEN`](super::MAX_OUTPUT_LEN)).

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::One;

use super::FormatError;

// ---------------------------------------------------------------------------
// repr(float)
// ---------------------------------------------------------------------------

/// `repr(value)` == `str(value)` for a float in CPython 3.12: the shortest digits
/// that round-trip, scientific notation when the decimal exponent is < -4 or >= 16,
/// and `.0` appended to integral values (`1e+16`, `1e-05`, `100.0`, `-0.0`, `inf`, `nan`).
pub(crate) fn float_repr(value: f64) -> String {
    double_to_string(value, 'r', 0, false, true, false, false)
}

// ---------------------------------------------------------------------------
// Decimal digit generation (the part of dtoa CPython uses)
// ---------------------------------------------------------------------------

/// How many digits to produce, mirroring `_Py_dg_dtoa`'s modes.
#[derive(Clone, Copy)]
enum DigitMode {
    /// Mode 0: shortest digits that round-trip.
    Shortest,
    /// Mode 2: this many significant digits (at least 1).
    Significant(i64),
    /// Mode 3: this many digits after the decimal point.
    Fixed(i64),
}

/// Decimal digits of a finite, non-negative `x` as `dtoa` returns them: no leading
/// or trailing zeros (zero itself is `"0"`), with the decimal point `decpt` places
/// from the left of the digit string (value = 0.DIGITS * 10**decpt).
fn dtoa_digits(x: f64, mode: DigitMode) -> (Vec<u8>, i64) {
    match mode {
        DigitMode::Shortest => shortest_digits(x),
        DigitMode::Significant(n) => {
            // An f64 has at most 767 significant decimal digits, so asking for more
            // than 800 changes nothing but the cost: the extra digits are zeros,
            // which dtoa strips anyway.
            let n = n.clamp(1, 800) as usize;
            split_exponent_form(&format!("{:.*e}", n - 1, x))
        }
        DigitMode::Fixed(n) => {
            // The fraction of an f64 ends at most 1074 places after the point,
            // so beyond 1100 places every further digit is a zero.
            let n = n.clamp(0, 1100) as usize;
            let text = format!("{x:.n$}");
            let (int_part, frac_part) = text.split_once('.').unwrap_or((&text, ""));
            let mut digits: Vec<u8> = int_part.bytes().chain(frac_part.bytes()).collect();
            let mut decpt = int_part.len() as i64;
            let leading = digits.iter().take_while(|&&d| d == b'0').count();
            digits.drain(..leading);
            decpt -= leading as i64;
            normalize_digits(digits, decpt)
        }
    }
}

/// Shortest round-tripping digits, choosing like dtoa when two candidates of the
/// same length are equally close: Rust's `{:e}` then picks the upper one, dtoa the
/// one ending in an even digit (repr(9777361279237.8125) is '9777361279237.812').
fn shortest_digits(x: f64) -> (Vec<u8>, i64) {
    let (digits, decpt) = split_exponent_form(&format!("{x:e}"));
    let n = digits.len();
    if digits.last().is_none_or(|d| d % 2 == 0) {
        return (digits, decpt);
    }
    // A tie means x is exactly the n-digit candidates' midpoint, whose expansion
    // is the lower candidate followed by a single 5. Check cheaply, then exactly.
    let (one_more, one_more_decpt) = split_exponent_form(&format!("{:.*e}", n, x));
    if one_more.len() != n + 1 || one_more.last() != Some(&b'5') {
        return (digits, decpt);
    }
    let (exact, _) = split_exponent_form(&format!("{x:.799e}"));
    if exact != one_more {
        return (digits, decpt);
    }
    let lower = &one_more[..n];
    let other: Vec<u8> = if digits == lower {
        // Rust chose the lower candidate; the upper one ends in digit + 1, no carry
        // because the lower one is odd.
        let mut upper = lower.to_vec();
        if let Some(last) = upper.last_mut() {
            *last += 1;
        }
        upper
    } else {
        lower.to_vec()
    };
    let mantissa = String::from_utf8_lossy(&other).into_owned();
    let candidate = format!("0.{mantissa}e{one_more_decpt}");
    if candidate.parse::<f64>().ok() == Some(x) {
        normalize_digits(other, one_more_decpt)
    } else {
        (digits, decpt)
    }
}

/// Splits Rust's `d.ddde±x` output into dtoa-style digits and decimal point.
fn split_exponent_form(text: &str) -> (Vec<u8>, i64) {
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
    let digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    let exponent: i64 = exponent.parse().unwrap_or(0);
    normalize_digits(digits, exponent + 1)
}

/// Strips trailing zeros; an all-zero result becomes `"0"` with `decpt` 1, which
/// formats exactly like dtoa's empty "rounded to zero" result in every mode.
fn normalize_digits(mut digits: Vec<u8>, decpt: i64) -> (Vec<u8>, i64) {
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
    if digits.is_empty() {
        (vec![b'0'], 1)
    } else {
        (digits, decpt)
    }
}

/// `PyOS_double_to_string`: `code` is one of `e E f F g G r`. The caller has
/// already refused precisions whose output would exceed [`MAX_OUTPUT_LEN`].
pub(super) fn double_to_string(
    value: f64,
    code: char,
    precision: i64,
    always_add_sign: bool,
    add_dot_0_if_integer: bool,
    use_alt_formatting: bool,
    no_negative_zero: bool,
) -> String {
    let upper = code.is_ascii_uppercase();
    let code = code.to_ascii_lowercase();
    let (mode, precision) = match code {
        'e' => (DigitMode::Significant(precision + 1), precision + 1),
        'f' => (DigitMode::Fixed(precision), precision),
        // precision 0 makes no sense for 'g'; CPython treats it as 1
        'g' => {
            let p = precision.max(1);
            (DigitMode::Significant(p), p)
        }
        _ => (DigitMode::Shortest, 0),
    };

    let mut out = String::new();
    if !value.is_finite() {
        // The sign of a nan is ignored.
        if value.is_infinite() && value < 0.0 {
            out.push('-');
        } else if always_add_sign {
            out.push('+');
        }
        out.push_str(match (value.is_nan(), upper) {
            (true, false) => "nan",
            (true, true) => "NAN",
            (false, false) => "inf",
            (false, true) => "INF",
        });
        return out;
    }

    let (digits, mut decpt) = dtoa_digits(value.abs(), mode);
    let mut negative = value.is_sign_negative();
    // 'z': a value that rounds to zero loses its sign.
    if no_negative_zero && negative && digits == b"0" {
        negative = false;
    }
    let digits_len = digits.len() as i64;

    // The rest is format_float_short: output the slice
    // vdigits[vdigits_start..vdigits_end] of the digits padded with zeros on both
    // sides, with the decimal point after position decpt.
    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match code {
        'e' => {
            use_exp = true;
            vdigits_end = precision;
        }
        'f' => vdigits_end = decpt + precision,
        'g' => {
            let limit = if add_dot_0_if_integer {
                precision - 1
            } else {
                precision
            };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if use_alt_formatting {
                vdigits_end = precision;
            }
        }
        _ => {
            // repr switches to exponent notation at 1e16
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    if !use_exp && add_dot_0_if_integer {
        vdigits_end = vdigits_end.max(decpt + 1);
    } else {
        vdigits_end = vdigits_end.max(decpt);
    }

    if negative {
        out.push('-');
    } else if always_add_sign {
        out.push('+');
    }
    let zeros = |out: &mut String, n: i64| out.extend(std::iter::repeat_n('0', n.max(0) as usize));
    let digit_str = |range: std::ops::Range<usize>| -> String {
        digits
            .get(range)
            .map(|d| String::from_utf8_lossy(d).into_owned())
            .unwrap_or_default()
    };
    if decpt <= 0 {
        zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        zeros(&mut out, -decpt);
    } else {
        zeros(&mut out, -vdigits_start);
    }
    if 0 < decpt && decpt <= digits_len {
        out.push_str(&digit_str(0..decpt as usize));
        out.push('.');
        out.push_str(&digit_str(decpt as usize..digits.len()));
    } else {
        out.push_str(&digit_str(0..digits.len()));
    }
    if digits_len < decpt {
        zeros(&mut out, decpt - digits_len);
        out.push('.');
        zeros(&mut out, vdigits_end - decpt);
    } else {
        zeros(&mut out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !use_alt_formatting {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", exp.abs()));
    }
    out
}

// ---------------------------------------------------------------------------
// round(float, ndigits)
// ---------------------------------------------------------------------------

/// `round(value, ndigits)` for a float with an explicit `ndigits` (the VM clips a
/// huge Python int to the i64 range, as `PyNumber_AsSsize_t` does): correctly
/// rounded, ties to even on the exact binary value, so `round(2.675, 2) == 2.67`.
/// inf and nan come back unchanged; the only error is CPython's
/// `OverflowError: rounded value too large to represent`
/// (`round(1.7976931348623157e308, -308)`).
pub(crate) fn round_float(value: f64, ndigits: i64) -> Result<f64, FormatError> {
    // Beyond these bounds the answer is known without arithmetic (CPython's
    // NDIGITS_MAX and NDIGITS_MIN).
    const NDIGITS_MAX: i64 = 323;
    const NDIGITS_MIN: i64 = -308;
    if !value.is_finite() || ndigits > NDIGITS_MAX {
        return Ok(value);
    }
    if ndigits < NDIGITS_MIN {
        return Ok(0.0 * value);
    }
    // value = mantissa * 2**exponent exactly.
    let bits = value.abs().to_bits();
    let biased = (bits >> 52) as i64;
    let fraction = bits & ((1u64 << 52) - 1);
    let (mantissa, exponent) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    };
    // q = value * 10**ndigits rounded half-even, computed as num / den.
    let mut num = BigInt::from(mantissa);
    let mut den = BigInt::one();
    if exponent >= 0 {
        num <<= exponent as usize;
    } else {
        den <<= (-exponent) as usize;
    }
    let power = num_traits::pow(BigInt::from(10u32), ndigits.unsigned_abs() as usize);
    if ndigits >= 0 {
        num *= power;
    } else {
        den *= power;
    }
    let (mut q, r) = num.div_rem(&den);
    let doubled: BigInt = r << 1usize;
    if doubled.cmp(&den) == Ordering::Greater || (doubled == den && q.is_odd()) {
        q += 1;
    }
    // Back to the nearest double, exactly as CPython's strtod of "<q>e<-ndigits>".
    let sign = if value.is_sign_negative() { "-" } else { "" };
    let text = format!("{sign}{q}e{}", -ndigits);
    let rounded: f64 = text.parse().unwrap_or(f64::NAN);
    if rounded.is_infinite() {
        return Err(FormatError::overflow(
            "rounded value too large to represent",
        ));
    }
    Ok(rounded)
}
