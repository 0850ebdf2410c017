//! `str.format`: replacement fields with automatic or manual numbering, keyword fields,
//! `.attr` and `[index]` accessors, `!r`/`!s` conversions and nested fields in the spec;
//! the spec itself goes to `format()` (`ops::format`). It must never mix automatic and
//! manual numbering, as CPython refuses to.

use super::args::self_str;
use super::key_error;
use crate::interp::{exc, Vm};
use crate::ops;
use crate::types::ExcType;
use crate::value::*;
use crate::PyResult;
use std::sync::Arc;

pub(super) fn s_format(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let template = self_str(&args);
    let text = format_fields(
        vm,
        &template,
        &args.positional[1..],
        Named::Keywords(&args.keywords),
    )?;
    Ok(Value::str(text))
}

/// `str.format_map(mapping)`: `format` with names looked up as `mapping[name]` (so a
/// dict subclass's `__missing__` answers), no positional fields.
pub(super) fn s_format_map(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let template = self_str(&args);
    let text = format_fields(vm, &template, &[], Named::Mapping(&args.positional[1]))?;
    Ok(Value::str(text))
}

/// Where a named replacement field's value comes from.
#[derive(Clone, Copy)]
enum Named<'a> {
    Keywords(&'a [(Arc<str>, Value)]),
    Mapping(&'a Value),
}

fn format_fields(
    vm: &mut Vm,
    template: &str,
    positional: &[Value],
    named: Named<'_>,
) -> PyResult<String> {
    let mut out = String::with_capacity(template.len() + 16);
    let bytes = template.as_bytes();
    let mut auto_index = 0usize;
    let mut used_auto = false;
    let mut used_manual = false;
    // Byte positions: the braces are ASCII, so every slice taken at one is on a char
    // boundary, and the text between fields is copied in runs (no per-char pushes, no
    // allocation per field: the field, its name and its spec are slices of the template).
    let mut at = 0;
    while at < bytes.len() {
        let run_end = bytes[at..]
            .iter()
            .position(|&b| b == b'{' || b == b'}')
            .map_or(bytes.len(), |i| at + i);
        out.push_str(&template[at..run_end]);
        at = run_end;
        if at >= bytes.len() {
            break;
        }
        let c = bytes[at];
        at += 1;
        match c {
            b'{' if bytes.get(at) == Some(&b'{') => {
                at += 1;
                out.push('{');
            }
            b'}' if bytes.get(at) == Some(&b'}') => {
                at += 1;
                out.push('}');
            }
            b'}' => {
                return Err(exc(
                    ExcType::ValueError,
                    "Single '}' encountered in format string",
                ))
            }
            _ => {
                // The field runs to the matching '}' (nested braces kept in it).
                let start = at;
                let mut depth = 1;
                loop {
                    match bytes.get(at) {
                        None => {
                            return Err(exc(
                                ExcType::ValueError,
                                "expected '}' before end of string",
                            ))
                        }
                        Some(b'{') => depth += 1,
                        Some(b'}') => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        Some(_) => {}
                    }
                    at += 1;
                }
                let field = &template[start..at];
                at += 1;
                let (name_part, spec) = match field.find(':') {
                    Some(i) => (&field[..i], &field[i + 1..]),
                    None => (field, ""),
                };
                let (name_part, conversion) = match name_part.find('!') {
                    Some(i) => (&name_part[..i], name_part[i + 1..].chars().next()),
                    None => (name_part, None),
                };
                let mut parts = name_part.splitn(2, ['.', '[']);
                let first = parts.next().unwrap_or("");
                let mut value = if first.is_empty() {
                    if used_manual {
                        return Err(exc(ExcType::ValueError, "cannot switch from manual field specification to automatic field numbering"));
                    }
                    used_auto = true;
                    let value = positional.get(auto_index).cloned().ok_or_else(|| {
                        exc(ExcType::IndexError, format!("Replacement index {auto_index} out of range for positional args tuple"))
                    })?;
                    auto_index += 1;
                    value
                } else if let Ok(index) = first.parse::<usize>() {
                    if used_auto {
                        return Err(exc(ExcType::ValueError, "cannot switch from automatic field numbering to manual field specification"));
                    }
                    used_manual = true;
                    positional.get(index).cloned().ok_or_else(|| {
                        exc(
                            ExcType::IndexError,
                            format!(
                                "Replacement index {index} out of range for positional args tuple"
                            ),
                        )
                    })?
                } else {
                    match named {
                        Named::Keywords(keywords) => keywords
                            .iter()
                            .find(|(k, _)| **k == *first)
                            .map(|(_, v)| v.clone())
                            .ok_or_else(|| key_error(&Value::str(first)))?,
                        Named::Mapping(mapping) => ops::get_item(vm, mapping, &Value::str(first))?,
                    }
                };
                // Attribute and index accessors.
                let rest = &name_part[first.len()..];
                let mut remaining = rest;
                while !remaining.is_empty() {
                    if let Some(after) = remaining.strip_prefix('.') {
                        let end = after.find(['.', '[']).unwrap_or(after.len());
                        value = vm.get_attr(&value, &Arc::from(&after[..end]))?;
                        remaining = &after[end..];
                    } else if let Some(after) = remaining.strip_prefix('[') {
                        let end = after.find(']').ok_or_else(|| {
                            exc(ExcType::ValueError, "Missing ']' in format string")
                        })?;
                        let key_text = &after[..end];
                        let key = match key_text.parse::<i64>() {
                            Ok(i) => Value::Int(i),
                            Err(_) => Value::str(key_text),
                        };
                        value = ops::get_item(vm, &value, &key)?;
                        remaining = &after[end + 1..];
                    } else {
                        break;
                    }
                }
                // Nested fields inside the spec (`{:{width}}`) number after the field itself.
                let spec: std::borrow::Cow<'_, str> = if spec.contains('{') {
                    let rest = positional.get(auto_index..).unwrap_or(&[]);
                    let nested = format_fields(vm, spec, rest, named)?;
                    auto_index += spec.matches("{}").count();
                    nested.into()
                } else {
                    spec.into()
                };
                let value = match conversion {
                    Some('r') => Value::str(vm.repr(&value)?),
                    Some('a') => Value::str(crate::format::ascii_escape(&vm.repr(&value)?)),
                    Some('s') => Value::str(vm.to_str(&value)?),
                    None => value,
                    Some(other) => {
                        return Err(exc(
                            ExcType::ValueError,
                            format!("Unknown conversion specifier {other}"),
                        ))
                    }
                };
                match (&value, spec.is_empty()) {
                    // `format(x, "")` of a str or an int is its text (no subclass is
                    // inline, so no `__format__` can be in the way): straight into `out`.
                    (Value::Str(text), true) => out.push_str(text),
                    (Value::Int(n), true) => crate::format::push_padded_int(&mut out, *n, 0, false),
                    _ => out.push_str(&vm.format(&value, &spec)?),
                }
            }
        }
    }
    Ok(out)
}
