//! `str.format` and `str.format_map`: replacement fields with automatic or manual
//! numbering, keyword fields, `.attr` and `[index]` accessors, `!r`/`!s`/`!a`
//! conversions and nested fields in the spec; the spec itself goes to `format()`
//! (`ops::format`). A field is read as CPython's `MarkupIterator` and `parse_field` read
//! it, so a malformed template fails with the same message, at the same point (fields
//! before it have already been formatted, with their side effects). It must never mix
//! automatic and manual numbering, which CPython refuses, and it must never allocate per
//! field when nothing needs it: names and specs are slices of the template.

use super::args::self_str;
use super::key_error;
use crate::format::decimal_value;
use crate::interp::{exc, Vm};
use crate::ops;
use crate::types::ExcType;
use crate::value::*;
use crate::{PyErr, PyResult};
use std::sync::Arc;

/// How deep specs may nest fields: `"{0:{1}}"` works, `"{0:{1:{2}}}"` does not (PEP 3101).
const MAX_SPEC_NESTING: u32 = 2;

pub(super) fn s_format(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let template = self_str(&args);
    let mut fields = Fields {
        positional: Some(&args.positional[1..]),
        named: Named::Keywords(&args.keywords),
        numbering: Numbering::Unset,
        next_auto: 0,
    };
    let mut out = String::with_capacity(template.len() + 16);
    fields.render(vm, &template, MAX_SPEC_NESTING, &mut out)?;
    Ok(Value::str(out))
}

/// `str.format_map(mapping)`: `format` with names looked up as `mapping[name]` (so a
/// dict subclass's `__missing__` answers), no positional fields.
pub(super) fn s_format_map(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let template = self_str(&args);
    let mut fields = Fields {
        positional: None,
        named: Named::Mapping(&args.positional[1]),
        numbering: Numbering::Unset,
        next_auto: 0,
    };
    let mut out = String::with_capacity(template.len() + 16);
    fields.render(vm, &template, MAX_SPEC_NESTING, &mut out)?;
    Ok(Value::str(out))
}

/// Where a named replacement field's value comes from.
#[derive(Clone, Copy)]
enum Named<'a> {
    Keywords(&'a [(Arc<str>, Value)]),
    Mapping(&'a Value),
}

/// Whether the fields so far were numbered automatically (`{}`) or by hand (`{0}`).
#[derive(Clone, Copy, PartialEq)]
enum Numbering {
    Unset,
    Automatic,
    Manual,
}

/// The arguments of one `format` call and its numbering state, which the fields nested
/// in a spec share with the field around them (`"{:{}}"` takes two automatic numbers).
struct Fields<'a> {
    /// None for `format_map`, which has no positional arguments.
    positional: Option<&'a [Value]>,
    named: Named<'a>,
    numbering: Numbering,
    next_auto: usize,
}

/// A replacement field as `parse_field` splits it, all slices of the template.
struct FieldParts<'t> {
    name: &'t str,
    conversion: Option<char>,
    spec: &'t str,
    /// The spec holds fields of its own (`{:{width}}`), to be formatted first.
    spec_has_fields: bool,
    /// Where the text after the field's closing '}' starts.
    end: usize,
}

fn value_error(message: &'static str) -> PyErr {
    exc(ExcType::ValueError, message)
}

impl Fields<'_> {
    /// Appends `template` with its fields replaced to `out`; `depth` counts the spec
    /// nesting left.
    fn render(
        &mut self,
        vm: &mut Vm,
        template: &str,
        depth: u32,
        out: &mut String,
    ) -> PyResult<()> {
        if depth == 0 {
            return Err(value_error("Max string recursion exceeded"));
        }
        let mut at = 0;
        while let Some(piece) = next_piece(template, at)? {
            out.push_str(piece.literal);
            at = piece.end;
            if let Some(field) = piece.field {
                self.render_field(vm, &field, depth, out)?;
            }
        }
        Ok(())
    }

    fn render_field(
        &mut self,
        vm: &mut Vm,
        field: &FieldParts<'_>,
        depth: u32,
        out: &mut String,
    ) -> PyResult<()> {
        let mut value = self.field_value(vm, field.name)?;
        if let Some(conversion) = field.conversion {
            value = match conversion {
                'r' => Value::str(vm.repr(&value)?),
                'a' => Value::str(crate::format::ascii_escape(&vm.repr(&value)?)),
                's' => Value::str(vm.to_str(&value)?),
                printable @ '!'..='~' => {
                    let message = format!("Unknown conversion specifier {printable}");
                    return Err(exc(ExcType::ValueError, message));
                }
                other => {
                    let message = format!("Unknown conversion specifier \\x{:x}", other as u32);
                    return Err(exc(ExcType::ValueError, message));
                }
            };
        }
        let spec: std::borrow::Cow<'_, str> = if field.spec_has_fields {
            let mut expanded = String::new();
            self.render(vm, field.spec, depth - 1, &mut expanded)?;
            expanded.into()
        } else {
            field.spec.into()
        };
        match (&value, spec.is_empty()) {
            // `format(x, "")` of a str or an int is its text (no subclass is inline, so
            // no `__format__` can be in the way): straight into `out`.
            (Value::Str(text), true) => out.push_str(text),
            (Value::Int(n), true) => crate::format::push_padded_int(out, *n, 0, false),
            _ => out.push_str(&vm.format(&value, &spec)?),
        }
        Ok(())
    }

    /// The object a field name names: its first part (a number, nothing, or a key),
    /// then each `.attr` and `[index]` in turn, each checked only when reached.
    fn field_value(&mut self, vm: &mut Vm, name: &str) -> PyResult<Value> {
        let first_end = name.find(['.', '[']).unwrap_or(name.len());
        let first = &name[..first_end];
        let mut value = match (first.is_empty(), decimal_index(first)?) {
            (false, None) => match self.named {
                Named::Keywords(keywords) => keywords
                    .iter()
                    .find(|(k, _)| **k == *first)
                    .map(|(_, v)| v.clone())
                    .ok_or_else(|| key_error(&Value::str(first)))?,
                Named::Mapping(mapping) => ops::get_item(vm, mapping, &Value::str(first))?,
            },
            (automatic, manual) => {
                let index = self.number(automatic, manual)?;
                let Some(positional) = self.positional else {
                    return Err(value_error("Format string contains positional fields"));
                };
                positional.get(index).cloned().ok_or_else(|| {
                    let message =
                        format!("Replacement index {index} out of range for positional args tuple");
                    exc(ExcType::IndexError, message)
                })?
            }
        };
        let mut rest = &name[first_end..];
        while let Some(&lead) = rest.as_bytes().first() {
            let (part, after) = match lead {
                b'.' => {
                    let end = rest[1..].find(['.', '[']).map_or(rest.len(), |i| i + 1);
                    (&rest[1..end], &rest[end..])
                }
                b'[' => match rest.find(']') {
                    Some(close) => (&rest[1..close], &rest[close + 1..]),
                    None => return Err(value_error("Missing ']' in format string")),
                },
                _ => {
                    return Err(value_error(
                        "Only '.' or '[' may follow ']' in format field specifier",
                    ))
                }
            };
            if part.is_empty() {
                return Err(value_error("Empty attribute in format string"));
            }
            value = if lead == b'.' {
                vm.get_attr(&value, &Arc::from(part))?
            } else {
                // Only decimal digits make an index (`[-1]` is the key "-1").
                let key = match decimal_index(part)? {
                    Some(index) => Value::Int(index as i64),
                    None => Value::str(part),
                };
                ops::get_item(vm, &value, &key)?
            };
            rest = after;
        }
        Ok(value)
    }

    /// The positional index of a numbered field: the next automatic one for `{}`, or
    /// `manual`, refusing to mix the two styles.
    fn number(&mut self, automatic: bool, manual: Option<usize>) -> PyResult<usize> {
        let style = if automatic {
            Numbering::Automatic
        } else {
            Numbering::Manual
        };
        if self.numbering == Numbering::Unset {
            self.numbering = style;
        }
        match (self.numbering, style) {
            (Numbering::Manual, Numbering::Automatic) => Err(value_error(
                "cannot switch from manual field specification to automatic field numbering",
            )),
            (Numbering::Automatic, Numbering::Manual) => Err(value_error(
                "cannot switch from automatic field numbering to manual field specification",
            )),
            _ => Ok(manual.unwrap_or_else(|| {
                self.next_auto += 1;
                self.next_auto - 1
            })),
        }
    }
}

/// `text` as an index if it is all Unicode decimal digits (`get_integer`): None for
/// anything else, including the empty text, a sign or a space.
fn decimal_index(text: &str) -> PyResult<Option<usize>> {
    if text.is_empty() {
        return Ok(None);
    }
    let mut index: usize = 0;
    for c in text.chars() {
        let Some(digit) = decimal_value(c) else {
            return Ok(None);
        };
        index = index
            .checked_mul(10)
            .and_then(|i| i.checked_add(digit as usize))
            .filter(|&i| i <= isize::MAX as usize)
            .ok_or_else(|| value_error("Too many decimal digits in format string"))?;
    }
    Ok(Some(index))
}

/// One step through a template, as CPython's `MarkupIterator` steps: literal text up to
/// a field (or up to and including an escaped brace), then the field if there is one.
struct Piece<'t> {
    literal: &'t str,
    field: Option<FieldParts<'t>>,
    /// Where the next piece starts.
    end: usize,
}

/// The piece of `template` that starts at byte `at`; None at the end.
fn next_piece(template: &str, at: usize) -> PyResult<Option<Piece<'_>>> {
    let bytes = template.as_bytes();
    if at >= bytes.len() {
        return Ok(None);
    }
    // Byte positions: the braces are ASCII, so every slice taken at one is on a char
    // boundary, and the text between fields is taken in runs.
    let Some(brace) = bytes[at..].iter().position(|&b| b == b'{' || b == b'}') else {
        let literal = &template[at..];
        let end = bytes.len();
        return Ok(Some(Piece {
            literal,
            field: None,
            end,
        }));
    };
    let brace = at + brace;
    if bytes.get(brace + 1) == Some(&bytes[brace]) {
        let literal = &template[at..=brace];
        return Ok(Some(Piece {
            literal,
            field: None,
            end: brace + 2,
        }));
    }
    if bytes[brace] == b'}' {
        return Err(value_error("Single '}' encountered in format string"));
    }
    if brace + 1 == bytes.len() {
        return Err(value_error("Single '{' encountered in format string"));
    }
    let field = parse_field(template, brace + 1)?;
    let end = field.end;
    let literal = &template[at..brace];
    Ok(Some(Piece {
        literal,
        field: Some(field),
        end,
    }))
}

/// `_string.formatter_parser(template)`, as a list: a (literal, field name, spec,
/// conversion) tuple per piece, None for the last three where no field follows. It is
/// what `string.Formatter.parse` returns, read as `str.format` reads the template.
pub(crate) fn formatter_parser(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let template = match args.positional.as_slice() {
        [Value::Str(template)] => template.clone(),
        [other] => {
            let message = format!("expected str, got {}", crate::types::type_name(other));
            return Err(exc(ExcType::TypeError, message));
        }
        _ => {
            let message = format!(
                "formatter_parser() takes exactly one argument ({} given)",
                args.positional.len()
            );
            return Err(exc(ExcType::TypeError, message));
        }
    };
    let mut pieces = Vec::new();
    let mut at = 0;
    while let Some(piece) = next_piece(&template, at)? {
        at = piece.end;
        let literal = Value::str(piece.literal);
        pieces.push(match piece.field {
            None => [literal, Value::None, Value::None, Value::None],
            Some(field) => {
                let conversion = field
                    .conversion
                    .map_or(Value::None, |c| Value::str(c.to_string()));
                [
                    literal,
                    Value::str(field.name),
                    Value::str(field.spec),
                    conversion,
                ]
            }
        });
    }
    let tuples = pieces
        .into_iter()
        .map(|piece| super::new_tuple(piece.into()))
        .collect();
    Ok(super::new_list(tuples))
}

/// Splits the field that starts at `start` (just after its '{'): the name runs to '}',
/// ':' or '!' (a `[...]` in it may hold any of them); then an optional conversion
/// character; then the spec, to the '}' that balances the field's '{'.
fn parse_field(template: &str, start: usize) -> PyResult<FieldParts<'_>> {
    let bytes = template.as_bytes();
    let mut at = start;
    let mut stop = None;
    while at < bytes.len() {
        let c = bytes[at];
        at += 1;
        match c {
            b'{' => return Err(value_error("unexpected '{' in field name")),
            b'[' => {
                while at < bytes.len() && bytes[at] != b']' {
                    at += 1;
                }
            }
            b'}' | b':' | b'!' => {
                stop = Some(c);
                break;
            }
            _ => {}
        }
    }
    let Some(stop) = stop else {
        return Err(value_error("expected '}' before end of string"));
    };
    let name = &template[start..at - 1];
    let mut conversion = None;
    match stop {
        b'}' => {
            let parts = FieldParts {
                name,
                conversion,
                spec: "",
                spec_has_fields: false,
                end: at,
            };
            return Ok(parts);
        }
        b'!' => {
            let Some(c) = template[at..].chars().next() else {
                return Err(value_error(
                    "end of string while looking for conversion specifier",
                ));
            };
            conversion = Some(c);
            at += c.len_utf8();
            match bytes.get(at) {
                None => {}
                Some(b'}') => {
                    let parts = FieldParts {
                        name,
                        conversion,
                        spec: "",
                        spec_has_fields: false,
                        end: at + 1,
                    };
                    return Ok(parts);
                }
                Some(b':') => at += 1,
                Some(_) => return Err(value_error("expected ':' after conversion specifier")),
            }
        }
        _ => {}
    }
    let spec_start = at;
    let mut open = 1;
    let mut spec_has_fields = false;
    while at < bytes.len() {
        let c = bytes[at];
        at += 1;
        match c {
            b'{' => {
                spec_has_fields = true;
                open += 1;
            }
            b'}' => {
                open -= 1;
                if open == 0 {
                    let parts = FieldParts {
                        name,
                        conversion,
                        spec: &template[spec_start..at - 1],
                        spec_has_fields,
                        end: at,
                    };
                    return Ok(parts);
                }
            }
            _ => {}
        }
    }
    Err(value_error("unmatched '{' in format spec"))
}
