//! printf-style formatting, `fmt % args`: CPython's `PyUnicode_Format` with its
//! flags, widths, precisions, `*` arguments and `%(key)s` mapping lookups, raising
//! its errors in its order.
//!
//! What it must never do: touch VM objects. It sees Python objects only through the
//! [`PercentValue`] trait, which the VM implements, so `str()`, `repr()` and
//! `__getitem__` of user objects run in the VM (and may fail) while this stays
//! VM-agnostic.

use crate::types::ExcType;
use num_bigint::BigInt;
use num_traits::{FromPrimitive, Signed, ToPrimitive};

use super::by_type::int_to_f64;
use super::float_text::double_to_string;
use super::{FormatError, INT_MAX, MAX_OUTPUT_LEN, PY_SSIZE_T_MAX};

/// A Python object as `%`-formatting sees it. The VM implements this for its
/// values; every method is called lazily, only when a conversion needs it.
pub(crate) trait PercentValue {
    /// `Some` when the object is an `int` (including `bool` and int subclasses).
    fn as_int(&self) -> Option<BigInt>;
    /// `Some` when the object is a `float` (or, if the VM supports it, has
    /// `__float__`). Ints are always read through [`PercentValue::as_int`] first.
    fn as_float(&self) -> Option<f64>;
    /// `Some` when the object is an `int` that fits an i64 (a shortcut of
    /// [`PercentValue::as_int`] that builds no big int).
    fn as_small_int(&self) -> Option<i64> {
        None
    }
    /// `Some` when the object is a `str` (only `%c` needs this).
    fn as_str(&self) -> Option<String> {
        None
    }
    /// For objects that are not ints: the result of `__index__`, `Ok(None)` when
    /// there is none. Used by `%x %X %o %c` (and `%d`, `%e`... as a fallback).
    fn as_index(&self) -> Result<Option<BigInt>, FormatError> {
        Ok(None)
    }
    /// `str(obj)`; may run Python code and fail.
    fn to_str(&self) -> Result<String, FormatError>;
    /// `repr(obj)`; may run Python code and fail.
    fn to_repr(&self) -> Result<String, FormatError>;
    /// `ascii(obj)`: by default `repr(obj)` with non-ASCII characters escaped.
    fn to_ascii(&self) -> Result<String, FormatError> {
        Ok(ascii_escape(&self.to_repr()?))
    }
    /// The type's name for error messages (`"str"`, `"list"`, ...).
    fn type_name(&self) -> String;
    /// Whether CPython's `PyMapping_Check` is true for the object, i.e. its type
    /// has `__getitem__` (dict, list, user classes...). Tuples and strs never reach
    /// this (a tuple is [`PercentArgs::Tuple`]; a str is not treated as a mapping).
    fn is_mapping(&self) -> bool {
        false
    }
    /// `obj[key]` for `%(key)s`; only called when [`PercentValue::is_mapping`] is
    /// true. A missing key should be the VM's `KeyError`.
    fn get_item(&self, key: &str) -> Result<Box<dyn PercentValue + '_>, FormatError> {
        let _ = key;
        Err(FormatError::type_error("format requires a mapping"))
    }
}

/// The right operand of `fmt % args`.
#[derive(Clone, Copy)]
pub(crate) enum PercentArgs<'a> {
    /// Anything that is not a tuple (a dict or other mapping included: `%(key)s`
    /// looks keys up through [`PercentValue::get_item`]).
    Single(&'a dyn PercentValue),
    /// A tuple: its items are the arguments in order.
    Tuple(&'a [&'a dyn PercentValue]),
}

/// Python's `ascii()` escaping of an already computed `repr`: every non-ASCII character
/// as `\xNN`, `\uNNNN` or `\UNNNNNNNN`.
pub(crate) fn ascii_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let code = c as u32;
        if code < 0x80 {
            out.push(c);
        } else if code < 0x100 {
            out.push_str(&format!("\\x{code:02x}"));
        } else if code < 0x10000 {
            out.push_str(&format!("\\u{code:04x}"));
        } else {
            out.push_str(&format!("\\U{code:08x}"));
        }
    }
    out
}

const F_LJUST: u8 = 1;
const F_SIGN: u8 = 2;
const F_BLANK: u8 = 4;
const F_ALT: u8 = 8;
const F_ZERO: u8 = 16;

/// The arguments currently being consumed: CPython replaces them with the looked-up
/// value after each `%(key)`.
enum Current<'a> {
    Tuple(&'a [&'a dyn PercentValue]),
    One(&'a dyn PercentValue),
    Owned(Box<dyn PercentValue + 'a>),
}

/// CPython's `unicode_formatter_t`, minus the output buffer.
struct Formatter<'a> {
    fmt: FmtText<'a>,
    fmtpos: i64,
    /// Characters left after the current one; goes to -1 at the end, like CPython's.
    fmtcnt: i64,
    current: Current<'a>,
    /// -1 for a single (non-tuple) argument.
    arglen: i64,
    argidx: i64,
    dict: Option<&'a dyn PercentValue>,
}

/// The format string, indexed by character: an ASCII one as its bytes (no copy), any
/// other decoded once.
enum FmtText<'a> {
    Ascii(&'a [u8]),
    Chars(Vec<char>),
}

/// One conversion's parsed flags, width and precision (`unicode_format_arg_t`).
struct ArgSpec {
    ch: char,
    flags: u8,
    width: i64,
    prec: i64,
    /// Whether the converted text is a number whose sign the output step handles.
    sign: bool,
}

impl<'a> Formatter<'a> {
    /// Reads like CPython's `PyUnicode_READ`, including the NUL terminator past the end.
    fn read(&self, pos: i64) -> char {
        let Ok(p) = usize::try_from(pos) else {
            return '\0';
        };
        match &self.fmt {
            FmtText::Ascii(bytes) => bytes.get(p).map_or('\0', |&b| char::from(b)),
            FmtText::Chars(chars) => chars.get(p).copied().unwrap_or('\0'),
        }
    }

    /// Reads the character at `fmtpos` and advances; the caller has already
    /// decremented `fmtcnt` and checked it.
    fn next_char(&mut self) -> char {
        let c = self.read(self.fmtpos);
        self.fmtpos += 1;
        c
    }

    /// `unicode_format_getnextarg`: advances and returns the argument's slot.
    fn next_arg(&mut self) -> Result<Option<usize>, FormatError> {
        let argidx = self.argidx;
        if argidx < self.arglen {
            self.argidx += 1;
            if self.arglen < 0 {
                return Ok(None);
            }
            return Ok(usize::try_from(argidx).ok());
        }
        Err(FormatError::type_error(
            "not enough arguments for format string",
        ))
    }

    /// The argument in a slot from [`Formatter::next_arg`] (`None`: the single one).
    fn arg(&self, slot: Option<usize>) -> Result<&dyn PercentValue, FormatError> {
        match (&self.current, slot) {
            (Current::Tuple(items), Some(i)) => items.get(i).copied(),
            (Current::One(value), None) => Some(*value),
            (Current::Owned(value), None) => Some(value.as_ref()),
            _ => None,
        }
        .ok_or_else(|| FormatError::new(ExcType::SystemError, "bad argument to internal function"))
    }

    /// Reads an `int` argument for `*`.
    fn star_arg(&mut self) -> Result<BigInt, FormatError> {
        let slot = self.next_arg()?;
        self.arg(slot)?
            .as_int()
            .ok_or_else(|| FormatError::type_error("* wants int"))
    }

    /// `unicode_format_arg_parse`.
    fn parse_arg(&mut self, arg: &mut ArgSpec) -> Result<(), FormatError> {
        if self.read(self.fmtpos) == '(' {
            let Some(dict) = self.dict else {
                return Err(FormatError::type_error("format requires a mapping"));
            };
            self.fmtpos += 1;
            self.fmtcnt -= 1;
            let keystart = self.fmtpos;
            let mut pcount = 1;
            while pcount > 0 && {
                self.fmtcnt -= 1;
                self.fmtcnt >= 0
            } {
                arg.ch = self.next_char();
                if arg.ch == ')' {
                    pcount -= 1;
                } else if arg.ch == '(' {
                    pcount += 1;
                }
            }
            let keylen = self.fmtpos - keystart - 1;
            if self.fmtcnt < 0 || pcount > 0 {
                return Err(FormatError::value("incomplete format key"));
            }
            let key: String = (keystart..keystart + keylen)
                .map(|i| self.read(i))
                .collect();
            self.current = Current::Owned(dict.get_item(&key)?);
            self.arglen = -1;
            self.argidx = -2;
        }

        // Flags.
        while {
            self.fmtcnt -= 1;
            self.fmtcnt >= 0
        } {
            arg.ch = self.next_char();
            match arg.ch {
                '-' => arg.flags |= F_LJUST,
                '+' => arg.flags |= F_SIGN,
                ' ' => arg.flags |= F_BLANK,
                '#' => arg.flags |= F_ALT,
                '0' => arg.flags |= F_ZERO,
                _ => break,
            }
        }

        // Width.
        if arg.ch == '*' {
            let width = self.star_arg()?.to_i64().ok_or_else(|| {
                FormatError::overflow("Python int too large to convert to C ssize_t")
            })?;
            arg.width = width;
            if width < 0 {
                arg.flags |= F_LJUST;
                arg.width = width.checked_neg().unwrap_or(i64::MAX);
            }
            self.fmtcnt -= 1;
            if self.fmtcnt >= 0 {
                arg.ch = self.next_char();
            }
        } else if arg.ch.is_ascii_digit() {
            arg.width = i64::from(arg.ch as u8 - b'0');
            while {
                self.fmtcnt -= 1;
                self.fmtcnt >= 0
            } {
                arg.ch = self.next_char();
                if !arg.ch.is_ascii_digit() {
                    break;
                }
                let digit = i64::from(arg.ch as u8 - b'0');
                if arg.width > (PY_SSIZE_T_MAX - digit) / 10 {
                    return Err(FormatError::value("width too big"));
                }
                arg.width = arg.width * 10 + digit;
            }
        }

        // Precision.
        if arg.ch == '.' {
            arg.prec = 0;
            self.fmtcnt -= 1;
            if self.fmtcnt >= 0 {
                arg.ch = self.next_char();
            }
            if arg.ch == '*' {
                let prec = self.star_arg()?.to_i32().ok_or_else(|| {
                    FormatError::overflow("Python int too large to convert to C int")
                })?;
                arg.prec = i64::from(prec.max(0));
                self.fmtcnt -= 1;
                if self.fmtcnt >= 0 {
                    arg.ch = self.next_char();
                }
            } else if arg.ch.is_ascii_digit() {
                arg.prec = i64::from(arg.ch as u8 - b'0');
                while {
                    self.fmtcnt -= 1;
                    self.fmtcnt >= 0
                } {
                    arg.ch = self.next_char();
                    if !arg.ch.is_ascii_digit() {
                        break;
                    }
                    let digit = i64::from(arg.ch as u8 - b'0');
                    if arg.prec > (INT_MAX - digit) / 10 {
                        return Err(FormatError::value("precision too big"));
                    }
                    arg.prec = arg.prec * 10 + digit;
                }
            }
        }

        // "h", "l" and "L" length modifiers are accepted and ignored.
        if self.fmtcnt >= 0 && matches!(arg.ch, 'h' | 'l' | 'L') {
            self.fmtcnt -= 1;
            if self.fmtcnt >= 0 {
                arg.ch = self.next_char();
            }
        }
        if self.fmtcnt < 0 {
            return Err(FormatError::value("incomplete format"));
        }
        Ok(())
    }

    /// `unicode_format_arg_format`: converts the next argument to text.
    fn format_arg(&mut self, arg: &mut ArgSpec) -> Result<String, FormatError> {
        // CPython fetches the argument before looking at the conversion character,
        // so "%y" % () complains about arguments, not about 'y'.
        let slot = self.next_arg()?;
        let v = self.arg(slot)?;
        match arg.ch {
            's' => v.to_str(),
            'r' => v.to_repr(),
            'a' => v.to_ascii(),
            'i' | 'd' | 'u' if arg.prec < 0 => {
                arg.sign = true;
                match v.as_small_int() {
                    // Decimal digits with the sign, as `percent_format_long` gives them.
                    Some(n) => Ok(n.to_string()),
                    None => percent_format_long(&percent_integer(v, arg.ch)?, false, -1, 'd'),
                }
            }
            'i' | 'd' | 'u' | 'o' | 'x' | 'X' => {
                let value = percent_integer(v, arg.ch)?;
                arg.sign = true;
                percent_format_long(&value, arg.flags & F_ALT != 0, arg.prec, arg.ch)
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let x = percent_float(v)?;
                let prec = if arg.prec < 0 { 6 } else { arg.prec };
                let long_output = matches!(arg.ch, 'e' | 'E' | 'f' | 'F') || arg.flags & F_ALT != 0;
                if long_output && prec > MAX_OUTPUT_LEN {
                    return Err(FormatError::memory());
                }
                arg.sign = true;
                Ok(double_to_string(
                    x,
                    arg.ch,
                    prec,
                    false,
                    false,
                    arg.flags & F_ALT != 0,
                    false,
                ))
            }
            'c' => percent_char(v).map(String::from),
            ch => {
                let code = ch as u32;
                let shown = if (31..=126).contains(&code) { ch } else { '?' };
                Err(FormatError::value(format!(
                    "unsupported format character '{shown}' (0x{code:x}) at index {}",
                    self.fmtpos - 1
                )))
            }
        }
    }
}

/// `mainformatlong`'s conversion of the argument to an int.
fn percent_integer(v: &dyn PercentValue, ch: char) -> Result<BigInt, FormatError> {
    if let Some(n) = v.as_int() {
        return Ok(n);
    }
    let integer_only = matches!(ch, 'o' | 'x' | 'X');
    if !integer_only {
        // int(float) truncates.
        if let Some(x) = v.as_float() {
            if x.is_nan() {
                return Err(FormatError::value("cannot convert float NaN to integer"));
            }
            if x.is_infinite() {
                return Err(FormatError::overflow(
                    "cannot convert float infinity to integer",
                ));
            }
            return Ok(BigInt::from_f64(x.trunc()).unwrap_or_default());
        }
    }
    if let Some(n) = v.as_index()? {
        return Ok(n);
    }
    Err(FormatError::type_error(if integer_only {
        format!(
            "%{ch} format: an integer is required, not {}",
            v.type_name()
        )
    } else {
        format!(
            "%{ch} format: a real number is required, not {}",
            v.type_name()
        )
    }))
}

/// `PyFloat_AsDouble` of the argument.
fn percent_float(v: &dyn PercentValue) -> Result<f64, FormatError> {
    if let Some(n) = v.as_int() {
        return int_to_f64(&n);
    }
    if let Some(x) = v.as_float() {
        return Ok(x);
    }
    if let Some(n) = v.as_index()? {
        return int_to_f64(&n);
    }
    Err(FormatError::type_error(format!(
        "must be real number, not {}",
        v.type_name()
    )))
}

/// `formatchar`.
fn percent_char(v: &dyn PercentValue) -> Result<char, FormatError> {
    let wrong = || FormatError::type_error("%c requires int or char");
    if let Some(s) = v.as_str() {
        let mut chars = s.chars();
        return match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(wrong()),
        };
    }
    let n = match v.as_int() {
        Some(n) => n,
        None => v.as_index()?.ok_or_else(wrong)?,
    };
    n.to_u32()
        .filter(|&c| c <= 0x10ffff)
        .map(|c| char::from_u32(c).unwrap_or('\u{fffd}'))
        .ok_or_else(|| FormatError::overflow("%c arg not in range(0x110000)"))
}

/// `_PyUnicode_FormatLong`: sign, optional `0x`/`0o` prefix, digits zero-extended
/// to `prec`.
fn percent_format_long(
    value: &BigInt,
    alt: bool,
    prec: i64,
    ch: char,
) -> Result<String, FormatError> {
    if prec > INT_MAX - 3 {
        return Err(FormatError::overflow("precision too large"));
    }
    let (radix, prefix) = match ch {
        'o' => (8, "0o"),
        'x' | 'X' => (16, "0x"),
        _ => (10, ""),
    };
    let digits = value.magnitude().to_str_radix(radix);
    let n_digits = digits.len() as i64;
    if prec > n_digits && prec > MAX_OUTPUT_LEN {
        return Err(FormatError::memory());
    }
    let mut out = String::new();
    if value.is_negative() {
        out.push('-');
    }
    if alt {
        out.push_str(prefix);
    }
    out.extend(std::iter::repeat_n('0', (prec - n_digits).max(0) as usize));
    out.push_str(&digits);
    if ch == 'X' {
        out.make_ascii_uppercase();
    }
    Ok(out)
}

/// `unicode_format_arg_output`: applies sign, width, precision (for s/r/a) and fill.
fn percent_output(arg: &mut ArgSpec, text: &str, out: &mut String) -> Result<(), FormatError> {
    let fill = if arg.sign && arg.flags & F_ZERO != 0 {
        '0'
    } else {
        ' '
    };
    let mut len = text.chars().count() as i64;
    if (arg.width == -1 || arg.width <= len)
        && (arg.prec == -1 || arg.prec >= len)
        && arg.flags & (F_SIGN | F_BLANK) == 0
    {
        out.push_str(text);
        return Ok(());
    }
    if matches!(arg.ch, 's' | 'r' | 'a') && arg.prec >= 0 && len > arg.prec {
        len = arg.prec;
    }
    let mut pindex: usize = 0;
    let mut signchar = '\0';
    if arg.sign {
        match text.chars().next() {
            Some(c @ ('-' | '+')) => {
                signchar = c;
                len -= 1;
                pindex += 1;
            }
            _ if arg.flags & F_SIGN != 0 => signchar = '+',
            _ if arg.flags & F_BLANK != 0 => signchar = ' ',
            _ => arg.sign = false,
        }
    }
    if arg.width < len {
        arg.width = len;
    }
    if arg.width > MAX_OUTPUT_LEN {
        return Err(FormatError::memory());
    }
    // Since 3.12 the `0o` of `%#o` stays in front of zero padding like `0x` does.
    let alt_prefix = arg.flags & F_ALT != 0 && matches!(arg.ch, 'x' | 'X' | 'o');
    if arg.sign {
        if fill != ' ' {
            out.push(signchar);
        }
        if arg.width > len {
            arg.width -= 1;
        }
    }
    if alt_prefix {
        if fill != ' ' {
            out.push('0');
            out.push(arg.ch);
            pindex += 2;
        }
        arg.width = (arg.width - 2).max(0);
        len -= 2;
    }
    if arg.width > len && arg.flags & F_LJUST == 0 {
        out.extend(std::iter::repeat_n(fill, (arg.width - len) as usize));
        arg.width = len;
    }
    if fill == ' ' {
        if arg.sign {
            out.push(signchar);
        }
        if alt_prefix {
            out.push('0');
            out.push(arg.ch);
            pindex += 2;
        }
    }
    if len > 0 {
        out.extend(text.chars().skip(pindex).take(len as usize));
    }
    if arg.width > len {
        out.extend(std::iter::repeat_n(' ', (arg.width - len) as usize));
    }
    Ok(())
}

/// `fmt % args` (printf-style formatting of a `str`): `%s %r %a %d %i %u %x %X %o
/// %e %E %f %F %g %G %c %%`, flags `- + space # 0`, width and precision (also `*`),
/// `%(name)s` mapping keys, with CPython's errors and their order.
pub(crate) fn percent_format(fmt: &str, args: PercentArgs<'_>) -> Result<String, FormatError> {
    let text = if fmt.is_ascii() {
        FmtText::Ascii(fmt.as_bytes())
    } else {
        FmtText::Chars(fmt.chars().collect())
    };
    let len = match &text {
        FmtText::Ascii(bytes) => bytes.len(),
        FmtText::Chars(chars) => chars.len(),
    } as i64;
    let (current, arglen, argidx, dict) = match args {
        PercentArgs::Tuple(items) => (Current::Tuple(items), items.len() as i64, 0, None),
        PercentArgs::Single(value) => {
            let dict = if value.is_mapping() {
                Some(value)
            } else {
                None
            };
            (Current::One(value), -1, -2, dict)
        }
    };
    let mut ctx = Formatter {
        fmt: text,
        fmtpos: 0,
        fmtcnt: len,
        current,
        arglen,
        argidx,
        dict,
    };
    let mut out = String::with_capacity(fmt.len() + 16);
    while {
        ctx.fmtcnt -= 1;
        ctx.fmtcnt >= 0
    } {
        if let (FmtText::Ascii(bytes), Ok(start)) = (&ctx.fmt, usize::try_from(ctx.fmtpos)) {
            if bytes.get(start).is_some_and(|&b| b != b'%') {
                // The literal run up to the next '%' in one search and one copy; it
                // leaves `fmtpos` and `fmtcnt` as the char loop below does.
                match bytes[start + 1..].iter().position(|&b| b == b'%') {
                    Some(i) => {
                        ctx.fmtpos = (start + 1 + i) as i64;
                        ctx.fmtcnt = (bytes.len() - (start + 1 + i)) as i64;
                    }
                    None => {
                        ctx.fmtpos = bytes.len() as i64;
                        ctx.fmtcnt = -1;
                    }
                }
                out.push_str(&fmt[start..ctx.fmtpos as usize]);
                continue;
            }
        }
        if ctx.read(ctx.fmtpos) != '%' {
            // Copy the literal run up to the next '%'.
            let start = ctx.fmtpos;
            ctx.fmtpos += 1;
            while ctx.fmtcnt >= 0 && ctx.read(ctx.fmtpos) != '%' {
                ctx.fmtpos += 1;
                ctx.fmtcnt -= 1;
            }
            if ctx.fmtcnt < 0 {
                ctx.fmtpos -= 1;
            }
            match &ctx.fmt {
                // Char positions are byte positions in an ASCII string.
                FmtText::Ascii(_) => out.push_str(&fmt[start as usize..ctx.fmtpos as usize]),
                FmtText::Chars(_) => out.extend((start..ctx.fmtpos).map(|i| ctx.read(i))),
            }
            continue;
        }
        ctx.fmtpos += 1;
        // unicode_format_arg
        if ctx.read(ctx.fmtpos) == '%' {
            ctx.fmtpos += 1;
            ctx.fmtcnt -= 1;
            out.push('%');
            continue;
        }
        let mut arg = ArgSpec {
            ch: ctx.read(ctx.fmtpos),
            flags: 0,
            width: -1,
            prec: -1,
            sign: false,
        };
        ctx.parse_arg(&mut arg)?;
        let text = ctx.format_arg(&mut arg)?;
        percent_output(&mut arg, &text, &mut out)?;
        if ctx.dict.is_some() && ctx.argidx < ctx.arglen {
            return Err(FormatError::type_error(
                "not all arguments converted during string formatting",
            ));
        }
    }
    if ctx.argidx < ctx.arglen && ctx.dict.is_none() {
        return Err(FormatError::type_error(
            "not all arguments converted during string formatting",
        ));
    }
    Ok(out)
}
