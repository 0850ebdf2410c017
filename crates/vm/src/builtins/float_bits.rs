//! The float operations that work on a float's bits: `float.hex()`, `float.fromhex()`,
//! `float.as_integer_ratio()`, and the `frexp` / `ldexp` behind `math`. Each must give
//! CPython 3.12's exact text, rounding (half to even) and error messages; it must never
//! round twice (every step but the last is exact).

use crate::interp::exc;
use crate::types::ExcType;
use crate::PyResult;
use num_bigint::{BigInt, BigUint};
use num_traits::{ToPrimitive, Zero};

/// 2**n for -1074 <= n <= 1023, exactly (subnormal below -1022).
fn pow2(n: i64) -> f64 {
    debug_assert!((-1074..=1023).contains(&n));
    if n >= -1022 {
        f64::from_bits(((n + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (n + 1074))
    }
}

/// `math.frexp(x)`: (m, e) with x == m * 2**e and 0.5 <= |m| < 1; zero, inf and nan
/// come back unchanged with e == 0.
pub(crate) fn frexp(x: f64) -> (f64, i64) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    if biased == 0 {
        // Subnormal: scale into the normal range first (exact).
        let (m, e) = frexp(x * pow2(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, biased - 1022)
}

/// `math.ldexp(x, i)`: x * 2**i rounded once; OverflowError past the largest float.
pub(crate) fn ldexp(x: f64, i: &BigInt) -> PyResult<f64> {
    if x == 0.0 || !x.is_finite() {
        return Ok(x);
    }
    let (m, e) = frexp(x);
    // A shift this far out overflows or underflows whatever m is.
    let shift = i
        .to_i64()
        .unwrap_or(if i.sign() == num_bigint::Sign::Minus {
            i64::MIN / 2
        } else {
            i64::MAX / 2
        });
    let k = e.saturating_add(shift);
    let result = if k > 1024 {
        f64::INFINITY
    } else if k >= -1021 {
        // m*2 is in [1, 2) and 2**(k-1) normal: the product is exact unless it overflows.
        (m * 2.0) * pow2(k - 1)
    } else if k >= -1080 {
        // The first product is exact (normal); the second rounds once.
        (m * pow2(k + 60)) * pow2(-60)
    } else {
        0.0
    };
    if result.is_infinite() {
        return Err(exc(ExcType::OverflowError, "math range error"));
    }
    Ok(result.copysign(x))
}

/// `float.hex()`: CPython's format, every one of the 13 fraction digits written.
pub(crate) fn float_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x < 0.0 { "-inf" } else { "inf" }.into();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1u64 << 52) - 1);
    let (lead, exponent) = if biased == 0 {
        (0, -1022)
    } else {
        (1, biased - 1023)
    };
    format!("{sign}0x{lead}.{fraction:013x}p{exponent:+}")
}

fn invalid_hex() -> crate::PyErr {
    exc(
        ExcType::ValueError,
        "invalid hexadecimal floating-point string",
    )
}

fn hex_too_large() -> crate::PyErr {
    exc(
        ExcType::OverflowError,
        "hexadecimal value too large to represent as a float",
    )
}

/// `float.fromhex(text)`: `[sign] ['0x'] digits ['.' digits] ['p' [sign] digits]`
/// (or inf / infinity / nan), surrounding whitespace allowed, rounded half to even.
pub(crate) fn float_fromhex(text: &str) -> PyResult<f64> {
    let trimmed = text.trim_matches(|c: char| c.is_ascii_whitespace() || c == '\x0b');
    let (negative, rest) = match trimmed.as_bytes().first() {
        Some(b'-') => (true, &trimmed[1..]),
        Some(b'+') => (false, &trimmed[1..]),
        _ => (false, trimmed),
    };
    let sign = if negative { -1.0 } else { 1.0 };
    let lower = rest.to_ascii_lowercase();
    match lower.as_str() {
        "inf" | "infinity" => return Ok(sign * f64::INFINITY),
        "nan" => return Ok(f64::NAN),
        _ => {}
    }
    let body = lower.strip_prefix("0x").unwrap_or(&lower);
    let (number, exponent) = match body.split_once('p') {
        Some((number, exponent)) => (number, Some(exponent)),
        None => (body, None),
    };
    let (whole, fraction) = match number.split_once('.') {
        Some((whole, fraction)) => (whole, fraction),
        None => (number, ""),
    };
    let is_hex = |s: &str| s.bytes().all(|b| b.is_ascii_hexdigit());
    if whole.len() + fraction.len() == 0 || !is_hex(whole) || !is_hex(fraction) {
        return Err(invalid_hex());
    }
    let mut exp: i64 = 0;
    if let Some(exponent) = exponent {
        let digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid_hex());
        }
        // Past this the answer is 0 or an overflow whatever the digits are.
        let magnitude = digits.parse::<i64>().unwrap_or(i64::MAX).min(1 << 40);
        exp = if exponent.starts_with('-') {
            -magnitude
        } else {
            magnitude
        };
    }
    let all_digits = format!("{whole}{fraction}");
    let mantissa = BigUint::parse_bytes(all_digits.as_bytes(), 16).unwrap_or_default();
    exp -= 4 * fraction.len() as i64;
    if mantissa.is_zero() {
        return Ok(sign * 0.0);
    }
    let top = exp + mantissa.bits() as i64 - 1;
    if top > 1023 {
        return Err(hex_too_large());
    }
    if top < -1076 {
        return Ok(sign * 0.0);
    }
    let lsb = (top - 52).max(-1074);
    let shift = lsb - exp;
    let q: u64 = if shift <= 0 {
        (mantissa << (-shift) as u64).to_u64().unwrap_or(0)
    } else {
        let shift = shift as u64;
        let q = &mantissa >> shift;
        let rem = &mantissa - (&q << shift);
        let half = BigUint::from(1u8) << (shift - 1);
        let mut q = q.to_u64().unwrap_or(0);
        if rem > half || (rem == half && q & 1 == 1) {
            q += 1;
        }
        q
    };
    // q < 2**54 and lsb >= -1074: the product is exact unless it overflows.
    let result = (q as f64) * pow2(lsb.min(1023));
    if result.is_infinite() {
        return Err(hex_too_large());
    }
    Ok(sign * result)
}

/// `float.as_integer_ratio()`: the exact fraction in lowest terms, positive denominator.
pub(crate) fn as_integer_ratio(x: f64) -> PyResult<(BigInt, BigInt)> {
    if x.is_nan() {
        return Err(exc(
            ExcType::ValueError,
            "cannot convert NaN to integer ratio",
        ));
    }
    if x.is_infinite() {
        return Err(exc(
            ExcType::OverflowError,
            "cannot convert Infinity to integer ratio",
        ));
    }
    if x == 0.0 {
        return Ok((BigInt::zero(), BigInt::from(1)));
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1u64 << 52) - 1);
    let (mut mantissa, mut exp) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    };
    let zeros = mantissa.trailing_zeros() as i64;
    mantissa >>= zeros;
    exp += zeros;
    let mut numerator = BigInt::from(mantissa);
    if x < 0.0 {
        numerator = -numerator;
    }
    Ok(if exp >= 0 {
        (numerator << exp as u64, BigInt::from(1))
    } else {
        (numerator, BigInt::from(1) << (-exp) as u64)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips() {
        for x in [
            0.1,
            1.0,
            -2.5,
            5e-324,
            2.2250738585072014e-308,
            f64::MAX,
            1e300,
            3.0,
        ] {
            assert_eq!(float_fromhex(&float_hex(x)).ok(), Some(x), "{x}");
        }
        assert_eq!(float_hex(0.1), "0x1.999999999999ap-4");
        assert_eq!(float_hex(5e-324), "0x0.0000000000001p-1022");
    }

    #[test]
    fn ldexp_and_frexp_invert() {
        for x in [0.1, -7.5, 5e-324, 1e-310, f64::MAX] {
            let (m, e) = frexp(x);
            assert!((0.5..1.0).contains(&m.abs()), "{x}");
            assert_eq!(ldexp(m, &BigInt::from(e)).ok(), Some(x), "{x}");
        }
    }
}
