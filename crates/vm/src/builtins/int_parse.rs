//! Parsing the digits of `int(text, base)` in subquadratic time (issue 16).
//!
//! `num-bigint` parses a base that is not a power of two one machine word of digits at a
//! time, multiplying the whole number so far by the word's weight: quadratic in the
//! number of digits (`int('7' * 80_000)` took 16x the time of a quarter of it). Splitting
//! the digits in two, parsing each half and joining them as `high * base**len(low) + low`
//! lets the big multiplications use `num-bigint`'s Karatsuba / Toom-3, as CPython's
//! `_pylong.int_from_string` does for long strings. Short runs of digits still go to
//! `num-bigint`'s own loop, which is fastest there.

use std::collections::HashMap;

use num_bigint::BigUint;
use num_traits::Zero;

/// Up to this many digits `num-bigint`'s word-at-a-time loop is faster than splitting.
const DIRECT_DIGITS: usize = 1_000;

/// The value of `digits` (ASCII, without sign, prefix or underscores) in `base`
/// (2..=36), or `None` if a byte is not a digit of that base.
pub(super) fn parse_digits(digits: &[u8], base: u32) -> Option<BigUint> {
    // Checked up front: `num-bigint` also accepts `_` and a leading `+`, which must not be
    // accepted inside the string or at the start of one of its halves.
    if digits.is_empty()
        || !digits
            .iter()
            .all(|&b| digit_value(b).is_some_and(|d| d < base))
    {
        return None;
    }
    if digits.len() <= DIRECT_DIGITS || base.is_power_of_two() {
        // Powers of two parse in linear time already (bits are copied, not multiplied).
        return BigUint::parse_bytes(digits, base);
    }
    let mut powers = HashMap::new();
    Some(split_parse(digits, base, &mut powers))
}

/// The value of an ASCII digit in bases up to 36.
fn digit_value(byte: u8) -> Option<u32> {
    char::from(byte).to_digit(36)
}

/// Parses valid `digits` by halves; `powers` remembers `base**k` per `k` (the halves of
/// the halves are mostly of the same few lengths).
fn split_parse(digits: &[u8], base: u32, powers: &mut HashMap<usize, BigUint>) -> BigUint {
    if digits.len() <= DIRECT_DIGITS {
        return BigUint::parse_bytes(digits, base).unwrap_or_default();
    }
    // The low half's length is a multiple of DIRECT_DIGITS times a power of two, so
    // the powers needed repeat across the recursion.
    let mut low_len = DIRECT_DIGITS;
    while low_len * 2 < digits.len() {
        low_len *= 2;
    }
    let (high, low) = digits.split_at(digits.len() - low_len);
    let high = split_parse(high, base, powers);
    let low = split_parse(low, base, powers);
    if high.is_zero() {
        return low;
    }
    let weight = power(base, low_len, powers);
    high * weight + low
}

/// `base**exponent`, remembered in `powers`.
fn power(base: u32, exponent: usize, powers: &mut HashMap<usize, BigUint>) -> &BigUint {
    if !powers.contains_key(&exponent) {
        let value = if exponent <= DIRECT_DIGITS {
            num_traits::pow(BigUint::from(base), exponent)
        } else {
            // Exponents are DIRECT_DIGITS * 2**j: square the half.
            let half = power(base, exponent / 2, powers).clone();
            &half * &half
        };
        powers.insert(exponent, value);
    }
    powers.get(&exponent).unwrap_or_else(|| unreachable!())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_agree_with_num_bigint() {
        for len in [1, 999, 1_000, 1_001, 2_000, 2_001, 4_321, 9_000] {
            let digits: Vec<u8> = (0..len)
                .map(|i| b"9081726354"[(i * 7 + i / 3) % 10])
                .collect();
            for base in [10, 7, 36, 16] {
                let digits: Vec<u8> = digits
                    .iter()
                    .map(|&d| if u32::from(d - b'0') < base { d } else { b'1' })
                    .collect();
                assert_eq!(
                    parse_digits(&digits, base),
                    BigUint::parse_bytes(&digits, base),
                    "len {len} base {base}"
                );
            }
        }
        let zeros = vec![b'0'; 5_000];
        assert_eq!(parse_digits(&zeros, 10), Some(BigUint::zero()));
        let mut one = zeros.clone();
        one[0] = b'1';
        assert_eq!(
            parse_digits(&one, 10),
            Some(num_traits::pow(BigUint::from(10u32), 4_999))
        );
    }

    #[test]
    fn rejects_what_cpython_rejects() {
        for bad in ["", "+5", "1_0", "1+2", "12a", "-1"] {
            assert_eq!(parse_digits(bad.as_bytes(), 10), None, "{bad:?}");
        }
        let mut long = vec![b'1'; 3_000];
        long[1_500] = b'+';
        assert_eq!(parse_digits(&long, 10), None);
        long[1_500] = b'_';
        assert_eq!(parse_digits(&long, 10), None);
        assert_eq!(parse_digits(b"z", 36), BigUint::parse_bytes(b"z", 36));
    }
}
