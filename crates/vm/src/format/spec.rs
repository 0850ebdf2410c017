//! The format-spec mini-language of `format(value, spec)`:
//! `[[fill]align][sign][z][#][0][width][grouping][.precision][type]` parsed into a
//! [`FormatSpec`] (CPython's `parse_internal_render_format_spec`), and the layout of a
//! formatted number inside it: sign, prefix, padding, thousands grouping
//! (`calc_number_widths` + `fill_number`).
//!
//! What it must never do: know which type is being formatted beyond the name and
//! defaults it is given, accept a spec CPython refuses, or pad past
//! [`MAX_OUTPUT_LEN`] characters.

use super::{FormatError, MAX_OUTPUT_LEN, PY_SSIZE_T_MAX};

/// Which thousands separator the spec asked for (CPython's `LocaleType`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Grouping {
    None,
    Comma,
    Underscore,
    /// '_' with b/o/x/X: every four digits.
    UnderscoreFour,
}

/// A parsed `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
#[derive(Debug)]
pub(super) struct FormatSpec {
    pub(super) fill: char,
    pub(super) align: char,
    /// '\0' when absent, else '+', '-' or ' '.
    pub(super) sign: char,
    pub(super) no_neg_0: bool,
    pub(super) alternate: bool,
    /// -1 when absent.
    pub(super) width: i64,
    pub(super) grouping: Grouping,
    /// -1 when absent.
    pub(super) precision: i64,
    /// '\0' when absent and there is no default.
    pub(super) ty: char,
}

/// Code points whose `unicodedata.decimal()` is 0; each starts a run of ten
/// digits 0..9 (Unicode 15.0, as in CPython 3.12). CPython reads widths and
/// precisions with `Py_UNICODE_TODECIMAL`, so `format(1, '٣')` is a width of 3.
const DECIMAL_ZEROS: [u32; 68] = [
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x11F50, 0x16A60, 0x16AC0,
    0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E4F0, 0x1E950,
    0x1FBF0,
];

/// The value of `c` as a Unicode decimal digit (category Nd), or None: what both format
/// specs and `int()`/`float()` read digits with.
pub(crate) fn decimal_value(c: char) -> Option<i64> {
    let c = c as u32;
    // The table is sorted, so the run `c` could be in starts at the last zero <= c.
    let at = DECIMAL_ZEROS.partition_point(|&zero| zero <= c);
    at.checked_sub(1)
        .map(|i| DECIMAL_ZEROS[i])
        .filter(|&zero| c - zero < 10)
        .map(|zero| i64::from(c - zero))
}

/// `get_integer`: reads decimal digits at `*pos`; returns (digits consumed, value).
fn get_integer(spec: &[char], pos: &mut usize) -> Result<(usize, i64), FormatError> {
    let mut accumulator: i64 = 0;
    let mut consumed = 0;
    while let Some(digit) = spec.get(*pos).copied().and_then(decimal_value) {
        if accumulator > (PY_SSIZE_T_MAX - digit) / 10 {
            return Err(FormatError::value(
                "Too many decimal digits in format string",
            ));
        }
        accumulator = accumulator * 10 + digit;
        *pos += 1;
        consumed += 1;
    }
    Ok((consumed, accumulator))
}

fn invalid_thousands_separator_type(separator: char, ty: char) -> FormatError {
    let t = ty as u32;
    if t > 32 && t < 128 {
        FormatError::value(format!("Cannot specify '{separator}' with '{ty}'."))
    } else {
        FormatError::value(format!("Cannot specify '{separator}' with '\\x{t:x}'."))
    }
}

pub(super) fn unknown_presentation_type(ty: char, type_name: &str) -> FormatError {
    let t = ty as u32;
    if t > 32 && t < 128 {
        FormatError::value(format!(
            "Unknown format code '{ty}' for object of type '{type_name}'"
        ))
    } else {
        FormatError::value(format!(
            "Unknown format code '\\x{t:x}' for object of type '{type_name}'"
        ))
    }
}

/// `parse_internal_render_format_spec`.
pub(super) fn parse_spec(
    spec: &str,
    type_name: &str,
    default_type: char,
    default_align: char,
) -> Result<FormatSpec, FormatError> {
    let chars: Vec<char> = spec.chars().collect();
    let end = chars.len();
    let is_align = |c: char| matches!(c, '<' | '>' | '=' | '^');
    let mut format = FormatSpec {
        fill: ' ',
        align: default_align,
        sign: '\0',
        no_neg_0: false,
        alternate: false,
        width: -1,
        grouping: Grouping::None,
        precision: -1,
        ty: default_type,
    };
    let mut pos = 0;
    let mut fill_char_specified = false;
    let mut align_specified = false;
    let at = |pos: usize| chars.get(pos).copied();

    if end >= 2 && is_align(chars[1]) {
        format.align = chars[1];
        format.fill = chars[0];
        fill_char_specified = true;
        align_specified = true;
        pos = 2;
    } else if end >= 1 && is_align(chars[0]) {
        format.align = chars[0];
        align_specified = true;
        pos = 1;
    }
    if let Some(c @ (' ' | '+' | '-')) = at(pos) {
        format.sign = c;
        pos += 1;
    }
    if at(pos) == Some('z') {
        format.no_neg_0 = true;
        pos += 1;
    }
    if at(pos) == Some('#') {
        format.alternate = true;
        pos += 1;
    }
    // The special case for 0-padding (backwards compat).
    if !fill_char_specified && at(pos) == Some('0') {
        format.fill = '0';
        if !align_specified && default_align == '>' {
            format.align = '=';
        }
        pos += 1;
    }
    let (consumed, width) = get_integer(&chars, &mut pos)?;
    if consumed > 0 {
        format.width = width;
    }
    if at(pos) == Some(',') {
        format.grouping = Grouping::Comma;
        pos += 1;
    }
    if at(pos) == Some('_') {
        if format.grouping != Grouping::None {
            return Err(FormatError::value("Cannot specify both ',' and '_'."));
        }
        format.grouping = Grouping::Underscore;
        pos += 1;
    }
    if at(pos) == Some(',') && format.grouping == Grouping::Underscore {
        return Err(FormatError::value("Cannot specify both ',' and '_'."));
    }
    if at(pos) == Some('.') {
        pos += 1;
        let (consumed, precision) = get_integer(&chars, &mut pos)?;
        if consumed == 0 {
            return Err(FormatError::value("Format specifier missing precision"));
        }
        format.precision = precision;
    }
    if end - pos > 1 {
        return Err(FormatError::value(format!(
            "Invalid format specifier '{spec}' for object of type '{type_name}'"
        )));
    }
    if let Some(c) = at(pos) {
        format.ty = c;
    }
    if format.grouping != Grouping::None {
        match format.ty {
            'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0' => {}
            'b' | 'o' | 'x' | 'X' if format.grouping == Grouping::Underscore => {
                format.grouping = Grouping::UnderscoreFour;
            }
            ty => {
                let separator = if format.grouping == Grouping::Comma {
                    ','
                } else {
                    '_'
                };
                return Err(invalid_thousands_separator_type(separator, ty));
            }
        }
    }
    Ok(format)
}

/// `_PyUnicode_InsertThousandsGrouping`: groups `digits` (ASCII) from the right,
/// left-padding with zeros until at least `min_width` characters are used (that is
/// how `'0'` fill with `'='` alignment pads *inside* the grouping: `000,001,234`).
fn group_digits(digits: &str, min_width: i64, group: i64, separator: char) -> String {
    let digits = digits.as_bytes();
    let mut min_width = min_width.max(0);
    let mut remaining = digits.len() as i64;
    let mut end = digits.len();
    // Built right to left, then reversed.
    let mut reversed: Vec<u8> = Vec::new();
    let mut use_separator = false;
    let mut emit = |reversed: &mut Vec<u8>, len: i64, remaining: i64, use_separator: bool| {
        let n_zeros = (len - remaining).max(0);
        let n_chars = remaining.min(len).max(0);
        if use_separator {
            reversed.push(0); // placeholder for the separator, which may not be ASCII
        }
        let start = end - n_chars as usize;
        reversed.extend(digits[start..end].iter().rev());
        end = start;
        reversed.extend(std::iter::repeat_n(b'0', n_zeros as usize));
        n_chars
    };
    let mut loop_broken = false;
    if group > 0 {
        loop {
            let len = group.min(remaining.max(min_width).max(1));
            let n_chars = emit(&mut reversed, len, remaining, use_separator);
            use_separator = true;
            remaining -= n_chars;
            min_width -= len;
            if remaining <= 0 && min_width <= 0 {
                loop_broken = true;
                break;
            }
            min_width -= 1; // the separator's length
        }
    }
    if !loop_broken {
        let len = remaining.max(min_width).max(1);
        emit(&mut reversed, len, remaining, use_separator);
    }
    reversed
        .iter()
        .rev()
        .map(|&b| if b == 0 { separator } else { char::from(b) })
        .collect()
}

/// `calc_number_widths` + `fill_number`: lays out
/// `<lpadding><sign><prefix><spadding><grouped digits><decimal><remainder><rpadding>`.
#[allow(clippy::too_many_arguments)]
pub(super) fn render_number(
    format: &FormatSpec,
    prefix: &str,
    negative: bool,
    digits: &str,
    has_decimal: bool,
    remainder: &str,
    grouping: Grouping,
    upper: bool,
) -> Result<String, FormatError> {
    if format.width > MAX_OUTPUT_LEN {
        return Err(FormatError::memory());
    }
    let sign = match (format.sign, negative) {
        (_, true) => Some('-'),
        ('+', false) => Some('+'),
        (' ', false) => Some(' '),
        _ => None,
    };
    let n_prefix = prefix.chars().count() as i64;
    let n_remainder = remainder.chars().count() as i64;
    let n_non_digit_non_padding =
        i64::from(sign.is_some()) + n_prefix + i64::from(has_decimal) + n_remainder;
    let min_width = if format.fill == '0' && format.align == '=' {
        format.width - n_non_digit_non_padding
    } else {
        0
    };
    let (group, separator) = match grouping {
        Grouping::None => (0, ','),
        Grouping::Comma => (3, ','),
        Grouping::Underscore => (3, '_'),
        Grouping::UnderscoreFour => (4, '_'),
    };
    // No digits only happens for 'c', inf and nan; grouping always wants one.
    let grouped = if digits.is_empty() {
        String::new()
    } else {
        group_digits(digits, min_width, group, separator)
    };
    let n_grouped = grouped.chars().count() as i64;
    let n_padding = format.width - (n_non_digit_non_padding + n_grouped);
    let (mut lpad, mut spad, mut rpad) = (0, 0, 0);
    if n_padding > 0 {
        match format.align {
            '<' => rpad = n_padding,
            '^' => {
                lpad = n_padding / 2;
                rpad = n_padding - lpad;
            }
            '=' => spad = n_padding,
            _ => lpad = n_padding,
        }
    }
    let fill = |out: &mut String, n: i64| out.extend(std::iter::repeat_n(format.fill, n as usize));
    let mut out = String::new();
    fill(&mut out, lpad);
    out.extend(sign);
    if upper {
        out.push_str(&prefix.to_ascii_uppercase());
    } else {
        out.push_str(prefix);
    }
    fill(&mut out, spad);
    if upper {
        out.push_str(&grouped.to_ascii_uppercase());
    } else {
        out.push_str(&grouped);
    }
    if has_decimal {
        out.push('.');
    }
    out.push_str(remainder);
    fill(&mut out, rpad);
    Ok(out)
}
