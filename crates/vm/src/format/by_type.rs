//! `format(value, spec)` for the built-in types `int` (and `bool`), `float` and
//! `str` (so f-strings and `str.format` of them too): CPython's
//! `format_long_internal`, `format_float_internal` and `format_string_internal`,
//! with their checks in CPython's order; and `int.__float__`, which the float
//! presentation types of an int need.
//!
//! What it must never do: parse the spec itself (that is [`super::spec`]'s job) or
//! produce float digits itself (that is [`super::float_text`]'s).

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use super::float_text::{double_to_string, float_repr};
use super::spec::{parse_spec, render_number, unknown_presentation_type, FormatSpec, Grouping};
use super::{FormatError, INT_MAX, MAX_OUTPUT_LEN};

/// An int to format: most are machine-sized, and need no `BigInt` (an allocation) to
/// give their digits.
#[derive(Clone, Copy)]
pub(crate) enum IntRef<'a> {
    Small(i64),
    Big(&'a BigInt),
}

impl IntRef<'_> {
    fn is_negative(self) -> bool {
        match self {
            IntRef::Small(x) => x < 0,
            IntRef::Big(x) => x.is_negative(),
        }
    }

    fn to_i64(self) -> Option<i64> {
        match self {
            IntRef::Small(x) => Some(x),
            IntRef::Big(x) => x.to_i64(),
        }
    }

    /// The digits of the magnitude in `radix` (2, 8, 10 or 16), lowercase.
    fn magnitude_digits(self, radix: u32) -> String {
        match self {
            IntRef::Small(x) => {
                let m = x.unsigned_abs();
                match radix {
                    2 => format!("{m:b}"),
                    8 => format!("{m:o}"),
                    16 => format!("{m:x}"),
                    _ => m.to_string(),
                }
            }
            IntRef::Big(x) => x.magnitude().to_str_radix(radix),
        }
    }

    fn to_f64(self) -> Result<f64, FormatError> {
        match self {
            // `as` rounds to nearest, ties to even, as `int.__float__` does.
            IntRef::Small(x) => Ok(x as f64),
            IntRef::Big(x) => int_to_f64(x),
        }
    }
}

/// `format(value, spec)` for an `int`. See [`format_int_for_type`].
pub(crate) fn format_int(value: &BigInt, spec: &str) -> Result<String, FormatError> {
    format_int_for_type(IntRef::Big(value), spec, "int")
}

/// `format(value, spec)` for an int in the i64 range (no `BigInt` made).
pub(crate) fn format_small_int(value: i64, spec: &str) -> Result<String, FormatError> {
    if let Some(text) = simple_int_spec(value, spec) {
        return Ok(text);
    }
    format_int_for_type(IntRef::Small(value), spec, "int")
}

/// The commonest int specs without the general parse: `d`, `Nd`, `0Nd` (and the same
/// without the `d`), a width of up to three digits. Rust's `{:N}` right-aligns with
/// spaces and `{:0N}` zero-pads after the sign, as CPython's `>` and `=0` do.
fn simple_int_spec(value: i64, spec: &str) -> Option<String> {
    let bytes = spec.as_bytes();
    let digits = bytes.strip_suffix(b"d").unwrap_or(bytes);
    let (zero, width) = match digits.strip_prefix(b"0") {
        Some(rest) => (true, rest),
        None => (false, digits),
    };
    if width.len() > 3 || !width.iter().all(u8::is_ascii_digit) || (zero && width.is_empty()) {
        return None;
    }
    if width.first() == Some(&b'0') {
        return None;
    }
    let width = width
        .iter()
        .fold(0usize, |n, d| n * 10 + usize::from(d - b'0'));
    let mut out = String::with_capacity(width.max(20));
    push_padded_int(&mut out, value, width, zero);
    Some(out)
}

/// Appends `value` in decimal, right-aligned to `width` with spaces, or zero-padded
/// after its sign when `zero` (what `{:N}` / `{:0N}` give), without the `fmt` machinery.
pub(crate) fn push_padded_int(out: &mut String, value: i64, width: usize, zero: bool) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = value.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let len = digits.len() - at + usize::from(value < 0);
    let pad = width.saturating_sub(len);
    if !zero {
        out.extend(std::iter::repeat_n(' ', pad));
    }
    if value < 0 {
        out.push('-');
    }
    if zero {
        out.extend(std::iter::repeat_n('0', pad));
    }
    // The digits are ASCII.
    out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
}

/// `format(value, spec)` for an int-like object whose type is `type_name` (`"bool"`
/// for `True`/`False`; the name appears in error messages). An empty spec gives
/// the decimal digits; for `bool` the VM must use `str(obj)` ("True") instead.
fn format_int_for_type(value: IntRef, spec: &str, type_name: &str) -> Result<String, FormatError> {
    if spec.is_empty() {
        return Ok(match value {
            IntRef::Small(x) => x.to_string(),
            IntRef::Big(x) => x.to_string(),
        });
    }
    let format = parse_spec(spec, type_name, 'd', '>')?;
    match format.ty {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => format_long_internal(value, &format),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => format_float_internal(value.to_f64()?, &format),
        ty => Err(unknown_presentation_type(ty, type_name)),
    }
}

/// `format_long_internal`.
fn format_long_internal(value: IntRef, format: &FormatSpec) -> Result<String, FormatError> {
    if format.precision != -1 {
        return Err(FormatError::value(
            "Precision not allowed in integer format specifier",
        ));
    }
    if format.no_neg_0 {
        return Err(FormatError::value(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    if format.ty == 'c' {
        if format.sign != '\0' {
            return Err(FormatError::value(
                "Sign not allowed with integer format specifier 'c'",
            ));
        }
        if format.alternate {
            return Err(FormatError::value(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        let code = value
            .to_i64()
            .ok_or_else(|| FormatError::overflow("Python int too large to convert to C long"))?;
        let ch = u32::try_from(code)
            .ok()
            .filter(|&c| c <= 0x10ffff)
            .ok_or_else(|| FormatError::overflow("%c arg not in range(0x110000)"))?;
        // Lone surrogates cannot live in a Rust string; U+FFFD stands in for them.
        let ch = char::from_u32(ch).unwrap_or('\u{fffd}');
        // Like CPython, the character is a "remainder" with no digits, so neither
        // grouping nor zero-padding inside the number applies to it.
        return render_number(
            format,
            "",
            false,
            "",
            false,
            &ch.to_string(),
            format.grouping,
            false,
        );
    }
    let (radix, prefix) = match format.ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' | 'X' => (16, "0x"),
        _ => (10, ""),
    };
    let digits = value.magnitude_digits(radix);
    // 'n' uses the current locale, which for us is always the C locale: no grouping.
    let grouping = if format.ty == 'n' {
        Grouping::None
    } else {
        format.grouping
    };
    render_number(
        format,
        if format.alternate { prefix } else { "" },
        value.is_negative(),
        &digits,
        false,
        "",
        grouping,
        format.ty == 'X',
    )
}

/// `int.__float__`: correctly rounded (ties to even), `OverflowError` when the
/// result would not be finite.
pub(super) fn int_to_f64(value: &BigInt) -> Result<f64, FormatError> {
    let magnitude = value.magnitude();
    let bits = magnitude.bits();
    let too_large = || FormatError::overflow("int too large to convert to float");
    let result = if bits <= 64 {
        magnitude.to_u64().map(|m| m as f64).unwrap_or(0.0)
    } else {
        if bits > 1024 {
            return Err(too_large());
        }
        let shift = bits - 64;
        let top = (magnitude >> shift).to_u64().unwrap_or(u64::MAX);
        // A sticky bit below the 53 kept bits makes the u64 -> f64 rounding see
        // "more than half" whenever any discarded low bit is set.
        let sticky = u64::from(magnitude.trailing_zeros().unwrap_or(0) < shift);
        let scale = f64::from_bits((shift + 1023) << 52); // exactly 2**shift
        ((top | sticky) as f64) * scale
    };
    if result.is_infinite() {
        return Err(too_large());
    }
    Ok(if value.is_negative() { -result } else { result })
}

/// `format(value, spec)` for a `float`: an empty spec is `str(value)`; no type is
/// like 'g' but repr-like (`format(1.0, '') == '1.0'`, `format(1.5, '.3') == '1.5'`).
pub(crate) fn format_float(value: f64, spec: &str) -> Result<String, FormatError> {
    if spec.is_empty() {
        return Ok(float_repr(value));
    }
    let format = parse_spec(spec, "float", '\0', '>')?;
    match format.ty {
        '\0' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%' => {
            format_float_internal(value, &format)
        }
        ty => Err(unknown_presentation_type(ty, "float")),
    }
}

/// `format_float_internal`.
fn format_float_internal(value: f64, format: &FormatSpec) -> Result<String, FormatError> {
    if format.precision > INT_MAX {
        return Err(FormatError::value("precision too big"));
    }
    let mut precision = format.precision;
    let mut ty = format.ty;
    let mut default_precision = 6;
    let mut add_dot_0 = false;
    if ty == '\0' {
        // Like repr() without a precision, else like 'g' with at least one digit
        // after the point.
        add_dot_0 = true;
        ty = 'r';
        default_precision = 0;
    }
    if ty == 'n' {
        ty = 'g';
    }
    let mut value = value;
    let mut add_pct = false;
    if ty == '%' {
        ty = 'f';
        value *= 100.0;
        add_pct = true;
    }
    if precision < 0 {
        precision = default_precision;
    } else if ty == 'r' {
        ty = 'g';
    }
    // e/E/f/F always print `precision` digits, alternate 'g' too.
    let long_output = matches!(ty, 'e' | 'E' | 'f' | 'F') || (format.alternate && ty != 'r');
    if long_output && precision > MAX_OUTPUT_LEN {
        return Err(FormatError::memory());
    }
    let mut text = double_to_string(
        value,
        ty,
        precision,
        false,
        add_dot_0,
        format.alternate,
        format.no_neg_0,
    );
    if add_pct {
        text.push('%');
    }
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    // parse_number: leading digits, an optional '.', then the remainder.
    let n_digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, rest) = body.split_at(n_digits);
    let (has_decimal, remainder) = match rest.strip_prefix('.') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let grouping = if format.ty == 'n' {
        Grouping::None
    } else {
        format.grouping
    };
    render_number(
        format,
        "",
        negative,
        digits,
        has_decimal,
        remainder,
        grouping,
        false,
    )
}

/// `format(value, spec)` for a `str`: fill, alignment, width and precision
/// (truncation); everything numeric is an error with CPython's message.
pub(crate) fn format_str(value: &str, spec: &str) -> Result<String, FormatError> {
    if spec.is_empty() {
        return Ok(value.to_string());
    }
    let format = parse_spec(spec, "str", 's', '<')?;
    if format.ty != 's' {
        return Err(unknown_presentation_type(format.ty, "str"));
    }
    match format.sign {
        '\0' => {}
        ' ' => {
            return Err(FormatError::value(
                "Space not allowed in string format specifier",
            ))
        }
        _ => {
            return Err(FormatError::value(
                "Sign not allowed in string format specifier",
            ))
        }
    }
    if format.no_neg_0 {
        return Err(FormatError::value(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if format.alternate {
        return Err(FormatError::value(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    if format.align == '=' {
        return Err(FormatError::value(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    let len = value.chars().count() as i64;
    if (format.width == -1 || format.width <= len)
        && (format.precision == -1 || format.precision >= len)
    {
        return Ok(value.to_string());
    }
    if format.width > MAX_OUTPUT_LEN {
        return Err(FormatError::memory());
    }
    let len = if format.precision >= 0 {
        len.min(format.precision)
    } else {
        len
    };
    // calc_padding
    let total = format.width.max(len);
    let lpad = match format.align {
        '>' => total - len,
        '^' => (total - len) / 2,
        _ => 0,
    };
    let rpad = total - len - lpad;
    let mut out = String::new();
    out.extend(std::iter::repeat_n(format.fill, lpad as usize));
    out.extend(value.chars().take(len as usize));
    out.extend(std::iter::repeat_n(format.fill, rpad as usize));
    Ok(out)
}
