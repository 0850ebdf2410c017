//! The methods of `str` (split, strip, case, search, predicates, padding, ...), with
//! CPython's results and messages; `str.format` is in `string_format`. Strings are
//! immutable: every method builds a new one, checking the memory budget first where the
//! program chooses the size, and must never hold a lock.

use super::args::{arity, index_arg, keyword, only_keywords, self_str, str_arg};
use super::string_format::s_format;
use super::{new_list, new_tuple};
use crate::interp::{exc, Vm};
use crate::memory;
use crate::ops;
use crate::types::ExcType;
use crate::types::{type_name, MethodTables, Types};
use crate::value::Mutex;
use crate::value::*;
use crate::PyResult;
use std::sync::Arc;

fn s_join(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "join", 2, 2)?;
    let sep = self_str(&args);
    let items = vm.collect(&args.positional[1])?;
    let mut parts = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        match item {
            Value::Str(s) => parts.push(s.clone()),
            other => {
                return Err(exc(
                    ExcType::TypeError,
                    format!(
                        "sequence item {index}: expected str instance, {} found",
                        type_name(other)
                    ),
                ))
            }
        }
    }
    let total: usize = parts.iter().map(|p| p.len()).sum::<usize>() + sep.len() * parts.len();
    memory::check(total)?;
    Ok(Value::str(
        parts.iter().map(|p| &**p).collect::<Vec<&str>>().join(&sep),
    ))
}

fn split_args(args: &Args, name: &str) -> PyResult<(Option<String>, i64)> {
    only_keywords(args, name, &["sep", "maxsplit"])?;
    let sep = args
        .positional
        .get(1)
        .cloned()
        .or_else(|| keyword(args, "sep"));
    let sep = match sep {
        None | Some(Value::None) => None,
        Some(Value::Str(s)) => {
            if s.is_empty() {
                return Err(exc(ExcType::ValueError, "empty separator"));
            }
            Some(s.to_string())
        }
        Some(other) => {
            return Err(exc(
                ExcType::TypeError,
                format!("must be str or None, not {}", type_name(&other)),
            ))
        }
    };
    let maxsplit = match args
        .positional
        .get(2)
        .cloned()
        .or_else(|| keyword(args, "maxsplit"))
    {
        Some(value) => index_arg(&value)?,
        None => -1,
    };
    Ok((sep, maxsplit))
}

fn s_split(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let text = self_str(&args);
    let (sep, maxsplit) = split_args(&args, "split")?;
    check_split(&text, sep.as_deref(), maxsplit)?;
    let parts: Vec<Value> = match sep {
        // A one-byte separator (an ASCII character) splits with the char searcher (a
        // memchr), far quicker on short pieces than the substring searcher; same pieces.
        Some(sep) if sep.len() == 1 => {
            let sep = char::from(sep.as_bytes()[0]);
            if maxsplit < 0 {
                text.split(sep).map(Value::str).collect()
            } else {
                text.splitn(maxsplit as usize + 1, sep)
                    .map(Value::str)
                    .collect()
            }
        }
        Some(sep) => {
            if maxsplit < 0 {
                text.split(sep.as_str()).map(Value::str).collect()
            } else {
                text.splitn(maxsplit as usize + 1, sep.as_str())
                    .map(Value::str)
                    .collect()
            }
        }
        None => {
            let mut parts = Vec::new();
            let mut rest = text.trim_start();
            while !rest.is_empty() {
                if maxsplit >= 0 && parts.len() as i64 == maxsplit {
                    parts.push(Value::str(rest));
                    break;
                }
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                parts.push(Value::str(&rest[..end]));
                rest = rest[end..].trim_start();
            }
            parts
        }
    };
    Ok(new_list(parts))
}

/// `MemoryError` unless the pieces of a split fit the budget: each becomes a string
/// object (counted first, so a huge text split into a few lines is fine).
fn check_split(text: &str, sep: Option<&str>, maxsplit: i64) -> PyResult<()> {
    if text.len() < 1 << 16 {
        return Ok(());
    }
    let pieces = match sep {
        Some(sep) if !sep.is_empty() => text.matches(sep).count() + 1,
        _ => text.split_whitespace().count(),
    };
    let pieces = if maxsplit >= 0 {
        pieces.min(maxsplit as usize + 1)
    } else {
        pieces
    };
    memory::check_items(pieces, memory::STRING_OBJECT_BYTES)?;
    memory::check(text.len())
}

fn s_rsplit(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let text = self_str(&args);
    let (sep, maxsplit) = split_args(&args, "rsplit")?;
    check_split(&text, sep.as_deref(), maxsplit)?;
    let mut parts: Vec<Value> = match sep {
        Some(sep) => {
            if maxsplit < 0 {
                text.rsplit(sep.as_str()).map(Value::str).collect()
            } else {
                text.rsplitn(maxsplit as usize + 1, sep.as_str())
                    .map(Value::str)
                    .collect()
            }
        }
        None => {
            let mut parts = Vec::new();
            let mut rest = text.trim_end();
            while !rest.is_empty() {
                if maxsplit >= 0 && parts.len() as i64 == maxsplit {
                    parts.push(Value::str(rest));
                    break;
                }
                let start = rest
                    .rfind(char::is_whitespace)
                    .map(|i| i + rest[i..].chars().next().map_or(1, char::len_utf8))
                    .unwrap_or(0);
                parts.push(Value::str(&rest[start..]));
                rest = rest[..start].trim_end();
            }
            parts
        }
    };
    parts.reverse();
    Ok(new_list(parts))
}

fn strip_chars(args: &Args) -> PyResult<Option<Vec<char>>> {
    match args.positional.get(1) {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.chars().collect())),
        Some(other) => Err(exc(
            ExcType::TypeError,
            format!("strip arg must be None or str, not {}", type_name(other)),
        )),
    }
}

fn s_strip(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let text = self_str(&args);
    Ok(Value::str(match strip_chars(&args)? {
        None => text.trim(),
        Some(chars) => text.trim_matches(|c| chars.contains(&c)),
    }))
}

fn s_lstrip(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let text = self_str(&args);
    Ok(Value::str(match strip_chars(&args)? {
        None => text.trim_start(),
        Some(chars) => text.trim_start_matches(|c| chars.contains(&c)),
    }))
}

fn s_rstrip(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let text = self_str(&args);
    Ok(Value::str(match strip_chars(&args)? {
        None => text.trim_end(),
        Some(chars) => text.trim_end_matches(|c| chars.contains(&c)),
    }))
}

fn s_lower(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let text = self_str(&args);
    // ASCII maps byte for byte (the Unicode mapping agrees on it).
    Ok(Value::str(if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        text.to_lowercase()
    }))
}

fn s_upper(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let text = self_str(&args);
    Ok(Value::str(if text.is_ascii() {
        text.to_ascii_uppercase()
    } else {
        text.to_uppercase()
    }))
}

fn s_swapcase(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::str(
        self_str(&args)
            .chars()
            .map(|c| {
                if c.is_uppercase() {
                    c.to_lowercase().collect::<String>()
                } else {
                    c.to_uppercase().collect::<String>()
                }
            })
            .collect::<String>(),
    ))
}

fn s_title(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut out = String::new();
    let mut previous_cased = false;
    for c in self_str(&args).chars() {
        if previous_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        previous_cased = c.is_alphabetic();
    }
    Ok(Value::str(out))
}

fn s_capitalize(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let text = self_str(&args);
    let mut chars = text.chars();
    let out = match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.as_str().to_lowercase().chars())
            .collect(),
        None => String::new(),
    };
    Ok(Value::str(out))
}

fn s_replace(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "replace", 3, 4)?;
    let text = self_str(&args);
    let old = str_arg(&args.positional[1], "replace() argument 1")?;
    let new = str_arg(&args.positional[2], "replace() argument 2")?;
    let count = match args.positional.get(3) {
        Some(value) => index_arg(value)?,
        None => -1,
    };
    if new.len() > old.len() {
        // Size the result before building it: "a" * 10**6 replaced by 1000 characters
        // each would be a gigabyte.
        let found = if old.is_empty() {
            text.chars().count() + 1
        } else {
            text.matches(&**old).count()
        };
        let found = if count < 0 {
            found
        } else {
            found.min(count as usize)
        };
        memory::check(
            text.len()
                .saturating_add(found.saturating_mul(new.len() - old.len())),
        )?;
    }
    let result = if count < 0 {
        text.replace(&**old, new)
    } else {
        text.replacen(&**old, new, count as usize)
    };
    Ok(Value::str(result))
}

fn char_range(text: &Arc<str>, args: &Args, from: usize) -> PyResult<(usize, usize)> {
    let len = ops::char_len(text);
    let bound = |v: Option<&Value>, default: usize| -> PyResult<usize> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let i = index_arg(v)?;
                let i = if i < 0 {
                    (i + len as i64).max(0)
                } else {
                    i.min(len as i64)
                };
                Ok(i as usize)
            }
        }
    };
    let start = bound(args.positional.get(from), 0)?;
    let end = bound(args.positional.get(from + 1), len)?;
    Ok((start, end))
}

/// The byte range of characters `start..end` (constant time per call on long strings
/// used repeatedly, so `s.find(x, i)` in a loop stays linear).
fn byte_range(text: &Arc<str>, start: usize, end: usize) -> (usize, usize) {
    ops::with_view(text, |view| {
        (view.byte_offset(start), view.byte_offset(end))
    })
}

fn affix_check(args: &Args, name: &str, check: fn(&str, &str) -> bool) -> PyResult<Value> {
    arity(args, name, 2, 4)?;
    let text = self_str(args);
    let (start, end) = char_range(&text, args, 2)?;
    let slice = if start > end {
        ""
    } else {
        let (bs, be) = byte_range(&text, start, end);
        &text[bs..be]
    };
    let candidates: Vec<Arc<str>> = match &args.positional[1] {
        Value::Str(s) => vec![s.clone()],
        Value::Obj(obj) => match &obj.payload {
            Payload::Tuple(items) => items
                .iter()
                .map(|i| match i {
                    Value::Str(s) => Ok(s.clone()),
                    other => Err(exc(
                        ExcType::TypeError,
                        format!(
                            "tuple for {name} must only contain str, not {}",
                            type_name(other)
                        ),
                    )),
                })
                .collect::<PyResult<_>>()?,
            _ => {
                return Err(exc(
                    ExcType::TypeError,
                    format!(
                        "{name} first arg must be str or a tuple of str, not {}",
                        type_name(&args.positional[1])
                    ),
                ))
            }
        },
        other => {
            return Err(exc(
                ExcType::TypeError,
                format!(
                    "{name} first arg must be str or a tuple of str, not {}",
                    type_name(other)
                ),
            ))
        }
    };
    Ok(Value::Bool(candidates.iter().any(|c| check(slice, c))))
}

fn s_startswith(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    affix_check(&args, "startswith", |s, p| s.starts_with(p))
}

fn s_endswith(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    affix_check(&args, "endswith", |s, p| s.ends_with(p))
}

fn find_in(args: &Args, name: &str, reverse: bool) -> PyResult<i64> {
    arity(args, name, 2, 4)?;
    let text = self_str(args);
    let needle = str_arg(&args.positional[1], "must be str")?.clone();
    let (start, end) = char_range(&text, args, 2)?;
    if start > end {
        return Ok(-1);
    }
    let (bs, be) = byte_range(&text, start, end);
    let hay = &text[bs..be];
    let found = if reverse {
        hay.rfind(&*needle)
    } else {
        hay.find(&*needle)
    };
    Ok(match found {
        Some(byte) => ops::with_view(&text, |view| view.char_index(bs + byte)) as i64,
        None => -1,
    })
}

fn s_find(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    find_in(&args, "find", false).map(Value::Int)
}

fn s_rfind(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    find_in(&args, "rfind", true).map(Value::Int)
}

fn s_index(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    match find_in(&args, "index", false)? {
        -1 => Err(exc(ExcType::ValueError, "substring not found")),
        i => Ok(Value::Int(i)),
    }
}

fn s_rindex(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    match find_in(&args, "rindex", true)? {
        -1 => Err(exc(ExcType::ValueError, "substring not found")),
        i => Ok(Value::Int(i)),
    }
}

fn s_count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let _ = vm;
    arity(&args, "count", 2, 4)?;
    let text = self_str(&args);
    let needle = str_arg(&args.positional[1], "must be str")?.clone();
    let (start, end) = char_range(&text, &args, 2)?;
    if start > end {
        return Ok(Value::Int(0));
    }
    let (bs, be) = byte_range(&text, start, end);
    let hay = &text[bs..be];
    let count = if needle.is_empty() {
        hay.chars().count() + 1
    } else {
        hay.matches(&*needle).count()
    };
    Ok(Value::Int(count as i64))
}

fn s_predicate(args: &Args, check: fn(&str) -> bool) -> PyResult<Value> {
    let text = self_str(args);
    Ok(Value::Bool(!text.is_empty() && check(&text)))
}

fn s_isdigit(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    s_predicate(&args, |s| {
        s.chars().all(|c| c.is_ascii_digit() || c.is_ascii_digit())
    })
}

fn s_isnumeric(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    s_predicate(&args, |s| s.chars().all(char::is_numeric))
}

fn s_isalpha(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    s_predicate(&args, |s| s.chars().all(char::is_alphabetic))
}

fn s_isascii(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    // The one predicate that is true of the empty string.
    Ok(Value::Bool(self_str(&args).is_ascii()))
}

fn s_isprintable(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let text = self_str(&args);
    Ok(Value::Bool(text.chars().all(ops::is_printable)))
}

/// `str.translate(table)`: each character's code point looked up as `table[ord(c)]`;
/// a LookupError keeps the character, None drops it, an int or str replaces it.
fn s_translate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let text = self_str(&args);
    let table = args.positional[1].clone();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let replacement = match ops::get_item(vm, &table, &Value::Int(i64::from(c as u32))) {
            Ok(value) => value,
            Err(error) if ops::is_exception_of(&error.0, ExcType::LookupError) => {
                out.push(c);
                continue;
            }
            Err(error) => return Err(error),
        };
        match replacement {
            Value::None => {}
            Value::Str(s) => out.push_str(&s),
            Value::Int(code) => match u32::try_from(code).ok().and_then(char::from_u32) {
                Some(c) => out.push(c),
                None => {
                    return Err(exc(
                        ExcType::ValueError,
                        "character mapping must be in range(0x110000)",
                    ))
                }
            },
            Value::Bool(b) => out.push(char::from(u8::from(b))),
            _ => {
                return Err(exc(
                    ExcType::TypeError,
                    "character mapping must return integer, None or str",
                ))
            }
        }
        memory::check(out.len())?;
    }
    Ok(Value::str(out))
}

/// `str.maketrans(x[, y[, z]])` (a static method): the table `translate` reads.
fn s_maketrans(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "maketrans", 1, 3).map_err(|_| {
        let n = args.positional.len();
        let message = if n == 0 {
            "maketrans expected at least 1 argument, got 0".to_string()
        } else {
            format!("maketrans expected at most 3 arguments, got {n}")
        };
        exc(ExcType::TypeError, message)
    })?;
    let ord = |c: char| Value::Int(i64::from(c as u32));
    let mut pairs: Vec<(Value, Value)> = Vec::new();
    match &args.positional[..] {
        [mapping] => {
            let Some(Payload::Dict(_)) = mapping.payload() else {
                return Err(exc(
                    ExcType::TypeError,
                    "if you give only one argument to maketrans it must be a dict",
                ));
            };
            for key in vm.collect(mapping)? {
                let value = ops::get_item(vm, mapping, &key)?;
                let key = match &key {
                    Value::Str(s) if s.chars().count() == 1 => {
                        ord(s.chars().next().unwrap_or('\0'))
                    }
                    Value::Str(_) => {
                        return Err(exc(
                            ExcType::ValueError,
                            "string keys in translate table must be of length 1",
                        ))
                    }
                    Value::Int(_) => key.clone(),
                    _ => {
                        return Err(exc(
                            ExcType::TypeError,
                            "keys in translate table must be strings or integers",
                        ))
                    }
                };
                pairs.push((key, value));
            }
        }
        [from, to, rest @ ..] => {
            let from = str_arg(from, "maketrans() argument 1")?;
            let to = str_arg(to, "maketrans() argument 2")?;
            if from.chars().count() != to.chars().count() {
                return Err(exc(
                    ExcType::ValueError,
                    "the first two maketrans arguments must have equal length",
                ));
            }
            for (a, b) in from.chars().zip(to.chars()) {
                pairs.push((ord(a), ord(b)));
            }
            if let Some(dropped) = rest.first() {
                for c in str_arg(dropped, "maketrans() argument 3")?.chars() {
                    pairs.push((ord(c), Value::None));
                }
            }
        }
        [] => unreachable!("arity checked"),
    }
    let table = Value::obj(Payload::Dict(Mutex::new(Dict::new())));
    for (key, value) in pairs {
        ops::set_item(vm, &table, key, value)?;
    }
    Ok(table)
}

fn s_isalnum(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    s_predicate(&args, |s| s.chars().all(char::is_alphanumeric))
}

fn s_isspace(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    s_predicate(&args, |s| s.chars().all(char::is_whitespace))
}

fn s_isupper(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    s_predicate(&args, |s| {
        s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)
    })
}

fn s_islower(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    s_predicate(&args, |s| {
        s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase)
    })
}

fn s_istitle(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    s_predicate(&args, |s| {
        let mut previous_cased = false;
        let mut any = false;
        for c in s.chars() {
            if c.is_uppercase() {
                if previous_cased {
                    return false;
                }
                previous_cased = true;
                any = true;
            } else if c.is_lowercase() {
                if !previous_cased {
                    return false;
                }
                previous_cased = true;
            } else {
                previous_cased = false;
            }
        }
        any
    })
}

fn s_isidentifier(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let text = self_str(&args);
    let mut chars = text.chars();
    Ok(Value::Bool(match chars.next() {
        Some(first) => {
            (first.is_alphabetic() || first == '_')
                && chars.all(|c| c.is_alphanumeric() || c == '_')
        }
        None => false,
    }))
}

fn pad(args: &Args, name: &str, align: char) -> PyResult<Value> {
    arity(args, name, 2, 3)?;
    let text = self_str(args);
    let width = index_arg(&args.positional[1])?.max(0) as usize;
    let fill = match args.positional.get(2) {
        Some(Value::Str(s)) if s.chars().count() == 1 => s.chars().next().unwrap_or(' '),
        Some(_) => {
            return Err(exc(
                ExcType::TypeError,
                "The fill character must be exactly one character long",
            ))
        }
        None => ' ',
    };
    let len = ops::char_len(&text);
    if len >= width {
        return Ok(Value::Str(text));
    }
    let total = width - len;
    memory::check(
        total
            .saturating_mul(fill.len_utf8())
            .saturating_add(text.len()),
    )?;
    let (left, right) = match align {
        '<' => (0, total),
        '>' => (total, 0),
        // CPython's str.center puts the extra space on the right unless width is odd
        // and the string length even, in which case it goes left.
        _ => {
            let left = total / 2 + (total & width & 1);
            (left, total - left)
        }
    };
    let fill_str = |n: usize| std::iter::repeat_n(fill, n).collect::<String>();
    Ok(Value::str(format!(
        "{}{text}{}",
        fill_str(left),
        fill_str(right)
    )))
}

fn s_center(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    pad(&args, "center", '^')
}

fn s_ljust(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    pad(&args, "ljust", '<')
}

fn s_rjust(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    pad(&args, "rjust", '>')
}

fn s_zfill(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "zfill", 2, 2)?;
    let text = self_str(&args);
    let width = index_arg(&args.positional[1])?.max(0) as usize;
    let len = ops::char_len(&text);
    if len >= width {
        return Ok(Value::Str(text));
    }
    memory::check(text.len().saturating_add(width - len))?;
    let zeros = "0".repeat(width - len);
    let (sign, rest) = match text.chars().next() {
        Some(c @ ('+' | '-')) => (c.to_string(), &text[1..]),
        _ => (String::new(), &text[..]),
    };
    Ok(Value::str(format!("{sign}{zeros}{rest}")))
}

fn s_splitlines(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let text = self_str(&args);
    check_split(&text, Some("\n"), -1)?;
    let keepends = matches!(
        args.positional
            .get(1)
            .or(keyword(&args, "keepends").as_ref()),
        Some(Value::Bool(true))
    );
    // Each line is a slice of the text (one string made per line, no char pushes).
    let mut lines = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        ) {
            let mut end = at + c.len_utf8();
            if c == '\r' && matches!(chars.peek(), Some((_, '\n'))) {
                chars.next();
                end += 1;
            }
            lines.push(Value::str(&text[start..if keepends { end } else { at }]));
            start = end;
        }
    }
    if start < text.len() {
        lines.push(Value::str(&text[start..]));
    }
    Ok(new_list(lines))
}

fn s_partition(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "partition", 2, 2)?;
    let text = self_str(&args);
    let sep = str_arg(&args.positional[1], "must be str")?;
    if sep.is_empty() {
        return Err(exc(ExcType::ValueError, "empty separator"));
    }
    Ok(new_tuple(match text.find(&**sep) {
        Some(i) => vec![
            Value::str(&text[..i]),
            Value::Str(sep.clone()),
            Value::str(&text[i + sep.len()..]),
        ],
        None => vec![Value::Str(text.clone()), Value::str(""), Value::str("")],
    }))
}

fn s_rpartition(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "rpartition", 2, 2)?;
    let text = self_str(&args);
    let sep = str_arg(&args.positional[1], "must be str")?;
    if sep.is_empty() {
        return Err(exc(ExcType::ValueError, "empty separator"));
    }
    Ok(new_tuple(match text.rfind(&**sep) {
        Some(i) => vec![
            Value::str(&text[..i]),
            Value::Str(sep.clone()),
            Value::str(&text[i + sep.len()..]),
        ],
        None => vec![Value::str(""), Value::str(""), Value::Str(text.clone())],
    }))
}

fn s_encode(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(exc(
        ExcType::NotImplementedError,
        "threadplay does not support bytes (str.encode)",
    ))
}

fn s_removeprefix(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "removeprefix", 2, 2)?;
    let text = self_str(&args);
    let prefix = str_arg(&args.positional[1], "removeprefix() argument")?;
    Ok(Value::str(text.strip_prefix(&**prefix).unwrap_or(&text)))
}

fn s_removesuffix(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(&args, "removesuffix", 2, 2)?;
    let text = self_str(&args);
    let suffix = str_arg(&args.positional[1], "removesuffix() argument")?;
    Ok(Value::str(text.strip_suffix(&**suffix).unwrap_or(&text)))
}

fn s_expandtabs(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let text = self_str(&args);
    let size = match args.positional.get(1) {
        Some(v) => index_arg(v)?.max(0) as usize,
        None => 8,
    };
    let mut out = String::new();
    let mut column = 0;
    for c in text.chars() {
        match c {
            '\t' => {
                if size > 0 {
                    let spaces = size - column % size;
                    memory::check(out.len().saturating_add(spaces))?;
                    out.push_str(&" ".repeat(spaces));
                    column += spaces;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                column = 0;
            }
            _ => {
                out.push(c);
                column += 1;
            }
        }
    }
    Ok(Value::str(out))
}

/// `fmt % args` for str.
pub(crate) fn percent_format(vm: &mut Vm, fmt: &str, args: &Value) -> PyResult<String> {
    crate::modules::percent_format(vm, fmt, args)
}

/// Adds the methods of `str`.
pub(super) fn install(t: &Types, methods: &mut MethodTables) {
    let str_methods: &[(&'static str, BuiltinFn)] = &[
        ("join", s_join),
        ("split", s_split),
        ("rsplit", s_rsplit),
        ("strip", s_strip),
        ("lstrip", s_lstrip),
        ("rstrip", s_rstrip),
        ("lower", s_lower),
        ("upper", s_upper),
        ("title", s_title),
        ("capitalize", s_capitalize),
        ("swapcase", s_swapcase),
        ("casefold", s_lower),
        ("replace", s_replace),
        ("startswith", s_startswith),
        ("endswith", s_endswith),
        ("count", s_count),
        ("find", s_find),
        ("rfind", s_rfind),
        ("index", s_index),
        ("rindex", s_rindex),
        ("format", s_format),
        ("isdigit", s_isdigit),
        ("isdecimal", s_isdigit),
        ("isnumeric", s_isnumeric),
        ("isalpha", s_isalpha),
        ("isalnum", s_isalnum),
        ("isascii", s_isascii),
        ("isprintable", s_isprintable),
        ("translate", s_translate),
        ("format_map", super::string_format::s_format_map),
        ("isspace", s_isspace),
        ("isupper", s_isupper),
        ("islower", s_islower),
        ("istitle", s_istitle),
        ("isidentifier", s_isidentifier),
        ("zfill", s_zfill),
        ("center", s_center),
        ("ljust", s_ljust),
        ("rjust", s_rjust),
        ("splitlines", s_splitlines),
        ("partition", s_partition),
        ("rpartition", s_rpartition),
        ("encode", s_encode),
        ("removeprefix", s_removeprefix),
        ("removesuffix", s_removesuffix),
        ("expandtabs", s_expandtabs),
    ];
    for (name, func) in str_methods {
        methods.add_method(&t.str_, name, *func);
    }
    let maketrans = Value::obj(Payload::Builtin(Builtin {
        name: "maketrans",
        func: s_maketrans,
        bound: None,
        owner: Some("str"),
        arity: None,
        direct: DirectCall::Other,
    }));
    methods.add(
        &t.str_,
        "maketrans",
        Value::obj(Payload::StaticMethod(maketrans)),
    );
}
