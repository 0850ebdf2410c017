//! Backslash escapes in `str` and bytes literals, decoded as CPython decodes them, with
//! its "(unicode error)" and "(value error)" messages (positions in bytes).
//!
//! Pure functions over a literal's body: they never panic on any input, and an escape
//! threadplay cannot represent (a lone surrogate, an unknown `\N{...}` name) is
//! reported as unsupported, not as an error.

use super::unicode_names::lookup_unicode_name;

/// A decoded `str` body, or the name of an escape threadplay does not support.
pub(super) enum Decoded {
    Text(String),
    Unsupported(String),
}

/// Reads up to `max` hex digits starting at `i`.
fn hex_digits(body: &[char], i: usize, max: usize) -> (u32, usize) {
    let mut value: u32 = 0;
    let mut count = 0;
    while count < max {
        match body.get(i + count).and_then(|c| c.to_digit(16)) {
            Some(d) => {
                value = value.wrapping_mul(16).wrapping_add(d);
                count += 1;
            }
            None => break,
        }
    }
    (value, count)
}

/// Byte position of character `i` of `body` in its UTF-8 encoding (CPython reports
/// escape errors in bytes).
fn byte_pos(body: &[char], i: usize) -> usize {
    body[..i.min(body.len())].iter().map(|c| c.len_utf8()).sum()
}

/// Decodes the escapes of a non-raw `str` literal body.
pub(super) fn decode_str(body: &[char]) -> Result<Decoded, String> {
    let mut out = String::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        if c != '\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let Some(&e) = body.get(i + 1) else {
            out.push('\\');
            break;
        };
        let start = i;
        i += 2;
        match e {
            '\n' => {}
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut value = e.to_digit(8).unwrap_or(0);
                let mut count = 1;
                while count < 3 {
                    match body.get(i).and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            value = value * 8 + d;
                            i += 1;
                            count += 1;
                        }
                        None => break,
                    }
                }
                match char::from_u32(value) {
                    Some(ch) => out.push(ch),
                    None => return Ok(Decoded::Unsupported("lone surrogate characters".into())),
                }
            }
            'x' | 'u' | 'U' => {
                let (want, name) = match e {
                    'x' => (2, "\\xXX"),
                    'u' => (4, "\\uXXXX"),
                    _ => (8, "\\UXXXXXXXX"),
                };
                let (value, count) = hex_digits(body, i, want);
                if count < want {
                    return Err(format!(
                        "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: truncated {name} escape",
                        byte_pos(body, start),
                        byte_pos(body, i + count) - 1
                    ));
                }
                i += count;
                match char::from_u32(value) {
                    Some(ch) => out.push(ch),
                    None if (0xD800..0xE000).contains(&value) => {
                        return Ok(Decoded::Unsupported("lone surrogate characters".into()));
                    }
                    None => {
                        return Err(format!(
                            "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: illegal Unicode character",
                            byte_pos(body, start),
                            byte_pos(body, i) - 1
                        ));
                    }
                }
            }
            'N' => {
                let close = body[i..].iter().position(|c| *c == '}');
                let (Some('{'), Some(close)) = (body.get(i).copied(), close) else {
                    return Err(format!(
                        "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: malformed \\N character escape",
                        byte_pos(body, start),
                        byte_pos(body, i).max(byte_pos(body, start) + 1)
                    ));
                };
                let name: String = body[i + 1..i + close].iter().collect();
                i += close + 1;
                match lookup_unicode_name(&name) {
                    Some(ch) => out.push(ch),
                    // CPython knows every name; the table here only common ones.
                    None => {
                        return Ok(Decoded::Unsupported(format!(
                            "the character name in '\\N{{{name}}}'"
                        )))
                    }
                }
            }
            _ => {
                // An unknown escape keeps its backslash (CPython warns, then does this).
                out.push('\\');
                out.push(e);
            }
        }
    }
    Ok(Decoded::Text(out))
}

/// Decodes the escapes of a non-raw bytes literal body (already checked to be ASCII).
pub(super) fn decode_bytes(body: &[char]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        if c != '\\' {
            out.push(c as u8);
            i += 1;
            continue;
        }
        let Some(&e) = body.get(i + 1) else {
            out.push(b'\\');
            break;
        };
        let start = i;
        i += 2;
        match e {
            '\n' => {}
            '\\' => out.push(b'\\'),
            '\'' => out.push(b'\''),
            '"' => out.push(b'"'),
            'a' => out.push(7),
            'b' => out.push(8),
            'f' => out.push(12),
            'n' => out.push(b'\n'),
            'r' => out.push(b'\r'),
            't' => out.push(b'\t'),
            'v' => out.push(11),
            '0'..='7' => {
                let mut value = e.to_digit(8).unwrap_or(0);
                let mut count = 1;
                while count < 3 {
                    match body.get(i).and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            value = value * 8 + d;
                            i += 1;
                            count += 1;
                        }
                        None => break,
                    }
                }
                out.push((value & 0xff) as u8);
            }
            'x' => {
                let (value, count) = hex_digits(body, i, 2);
                if count < 2 {
                    return Err(format!(
                        "(value error) invalid \\x escape at position {start}"
                    ));
                }
                i += 2;
                out.push(value as u8);
            }
            _ => {
                out.push(b'\\');
                out.push(e as u8);
            }
        }
    }
    Ok(out)
}
