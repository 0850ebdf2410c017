//! What the editor's code-editing keys do to the text: Tab and Shift+Tab indent and
//! dedent lines, Enter keeps the indentation (one level more after a `:`), Backspace in
//! leading spaces removes one level, Ctrl+/ toggles `# ` comments. Pure and unit-tested
//! natively; `ui::editor` reads the key and the text area's selection, asks here for an
//! [`Edit`] and makes it through the browser's own editing (so undo and redo hold it).
//!
//! Offsets are in UTF-16 code units, as a text area's `selectionStart` counts them.
//! It must never decide anything about focus (whether Tab leaves the editor is the
//! component's business) and never touch the DOM.

/// One indentation level: Python's usual four spaces.
pub const INDENT: usize = 4;

/// A key the editor handles itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditKey {
    /// Tab: indent the caret's line or every line of the selection.
    Indent,
    /// Shift+Tab: dedent them.
    Dedent,
    /// Enter: a new line with the current indentation, one level more after a `:`.
    Newline,
    /// Backspace: one level back when the caret is in leading spaces.
    Backspace,
    /// Ctrl+/ (Cmd+/): comment or uncomment the lines.
    ToggleComment,
}

/// Replace `from..to` of the old text with `insert`, then select `sel_start..sel_end`
/// of the new text. All in UTF-16 code units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub from: usize,
    pub to: usize,
    pub insert: String,
    pub sel_start: usize,
    pub sel_end: usize,
}

/// What `key` does to `text` with the selection `start..end` (UTF-16; a caret when
/// equal). `None`: nothing to change (for Backspace: let the browser delete as usual).
pub fn edit_for(text: &str, start: usize, end: usize, key: EditKey) -> Option<Edit> {
    let (start, end) = (start.min(end), start.max(end));
    let s = byte_at(text, start);
    let e = byte_at(text, end);
    match key {
        EditKey::Indent | EditKey::Dedent | EditKey::ToggleComment => lines_edit(text, s, e, key),
        EditKey::Newline => Some(newline(text, s, e)),
        EditKey::Backspace => backspace(text, s, e),
    }
}

/// The byte offset of a UTF-16 offset (clamped to the text, and to a char boundary).
fn byte_at(text: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (byte, ch) in text.char_indices() {
        if units >= utf16 {
            return byte;
        }
        units += ch.len_utf16();
    }
    text.len()
}

fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i)
}

fn leading_spaces(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// How one line changes: `removed` bytes at `column` replaced by `inserted`.
#[derive(Clone, Copy, Default)]
struct LineChange {
    column: usize,
    removed: usize,
    inserted: &'static str,
}

impl LineChange {
    /// Where a column of the old line lands in the new one. `sticky` keeps a position
    /// sitting exactly at an insertion before the inserted text (a selection's start).
    fn map(self, col: usize, sticky: bool) -> usize {
        let inserted = self.inserted.len();
        if col < self.column || (col == self.column && sticky && inserted > 0) {
            col
        } else if col < self.column + self.removed {
            self.column + inserted
        } else {
            col - self.removed + inserted
        }
    }
}

/// Tab, Shift+Tab and Ctrl+/: a change per line of the block the selection touches.
fn lines_edit(text: &str, s: usize, e: usize, key: EditKey) -> Option<Edit> {
    let selection = s != e;
    // A selection ending at the very start of a line does not take that line in.
    let last = if selection && e == line_start(text, e) {
        e - 1
    } else {
        e
    };
    let block_start = line_start(text, s);
    let block_end = line_end(text, last.max(s));
    let lines: Vec<&str> = text[block_start..block_end].split('\n').collect();
    let changes: Vec<LineChange> = match key {
        EditKey::Indent => lines
            .iter()
            .map(|line| {
                if selection && lines.len() > 1 && line.is_empty() {
                    LineChange::default()
                } else {
                    LineChange {
                        column: 0,
                        removed: 0,
                        inserted: "    ",
                    }
                }
            })
            .collect(),
        EditKey::Dedent => lines
            .iter()
            .map(|line| {
                let indent = leading_spaces(line);
                LineChange {
                    column: 0,
                    removed: if indent == 0 {
                        0
                    } else {
                        (indent - 1) % INDENT + 1
                    },
                    inserted: "",
                }
            })
            .collect(),
        _ => comment_changes(&lines)?,
    };
    if changes
        .iter()
        .all(|c| c.removed == 0 && c.inserted.is_empty())
    {
        return None;
    }
    let mut new_block = String::new();
    for (index, (line, change)) in lines.iter().zip(&changes).enumerate() {
        if index > 0 {
            new_block.push('\n');
        }
        new_block.push_str(&line[..change.column]);
        new_block.push_str(change.inserted);
        new_block.push_str(&line[change.column + change.removed..]);
    }
    let delta = new_block.len() as isize - (block_end - block_start) as isize;
    // Where an old byte offset lands in the new text.
    let map = |at: usize, sticky: bool| -> usize {
        if at < block_start {
            return at;
        }
        if at > block_end {
            return (at as isize + delta) as usize;
        }
        let (mut old_line, mut new_line) = (block_start, block_start);
        for (line, change) in lines.iter().zip(&changes) {
            if at <= old_line + line.len() {
                return new_line + change.map(at - old_line, sticky);
            }
            old_line += line.len() + 1;
            new_line += line.len() - change.removed + change.inserted.len() + 1;
        }
        unreachable!("the offset lies in the block")
    };
    let (sel_start, sel_end) = (map(s, selection), map(e, false));
    let new_text = format!(
        "{}{}{}",
        &text[..block_start],
        new_block,
        &text[block_end..]
    );
    Some(minimal(
        text,
        &new_text,
        block_start,
        block_end,
        sel_start,
        sel_end,
    ))
}

/// Ctrl+/: uncomment when every non-blank line is a comment, else put `# ` on each
/// non-blank line at the smallest indentation among them. `None` when all are blank.
fn comment_changes(lines: &[&str]) -> Option<Vec<LineChange>> {
    let blank = |line: &str| line.trim().is_empty();
    let code: Vec<&str> = lines.iter().copied().filter(|l| !blank(l)).collect();
    if code.is_empty() {
        return None;
    }
    if code.iter().all(|line| line.trim_start().starts_with('#')) {
        return Some(
            lines
                .iter()
                .map(|line| {
                    if blank(line) {
                        return LineChange::default();
                    }
                    let column = line.len() - line.trim_start().len();
                    let removed = if line[column..].starts_with("# ") {
                        2
                    } else {
                        1
                    };
                    LineChange {
                        column,
                        removed,
                        inserted: "",
                    }
                })
                .collect(),
        );
    }
    let column = code
        .iter()
        .map(|line| line.len() - line.trim_start().len())
        .min()
        .unwrap_or(0);
    Some(
        lines
            .iter()
            .map(|line| {
                if blank(line) {
                    LineChange::default()
                } else {
                    LineChange {
                        column,
                        removed: 0,
                        inserted: "# ",
                    }
                }
            })
            .collect(),
    )
}

/// Enter: the line's indentation (up to the caret), one level more when the code
/// before the caret ends with `:` (a trailing comment aside).
fn newline(text: &str, s: usize, e: usize) -> Edit {
    let before = &text[line_start(text, s)..s];
    let mut indent = leading_spaces(before);
    if strip_comment(before).trim_end().ends_with(':') {
        indent += INDENT;
    }
    let insert = format!("\n{}", " ".repeat(indent));
    let from = utf16_len(&text[..s]);
    let caret = from + utf16_len(&insert);
    Edit {
        from,
        to: utf16_len(&text[..e]),
        insert,
        sel_start: caret,
        sel_end: caret,
    }
}

/// The line up to its first `#` outside a one-line string literal.
fn strip_comment(line: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (at, ch) in line.char_indices() {
        match quote {
            Some(_) if escaped => escaped = false,
            Some(_) if ch == '\\' => escaped = true,
            Some(open) if ch == open => quote = None,
            Some(_) => {}
            None if ch == '\'' || ch == '"' => quote = Some(ch),
            None if ch == '#' => return &line[..at],
            None => {}
        }
    }
    line
}

/// Backspace with the caret in a line's leading spaces: back to the previous multiple
/// of [`INDENT`]. `None` elsewhere, and with a selection.
fn backspace(text: &str, s: usize, e: usize) -> Option<Edit> {
    let before = &text[line_start(text, s)..s];
    if s != e || before.is_empty() || before.bytes().any(|b| b != b' ') {
        return None;
    }
    let removed = (before.len() - 1) % INDENT + 1;
    let to = utf16_len(&text[..s]);
    Some(Edit {
        from: to - removed,
        to,
        insert: String::new(),
        sel_start: to - removed,
        sel_end: to - removed,
    })
}

/// The edit from `old` to `new` (which differ only inside `block_start..block_end` of
/// `old`), cut down to the part that really changes, so that undo gives back no more
/// than was changed. Selection offsets are bytes of `new`.
fn minimal(
    old: &str,
    new: &str,
    block_start: usize,
    block_end: usize,
    sel_start: usize,
    sel_end: usize,
) -> Edit {
    let tail = old.len() - block_end;
    let new_end = new.len() - tail;
    let (a, b) = (&old[block_start..block_end], &new[block_start..new_end]);
    let mut prefix = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while !a.is_char_boundary(prefix) || !b.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let room = a.len().min(b.len()) - prefix;
    let mut suffix = a
        .bytes()
        .rev()
        .zip(b.bytes().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    while !a.is_char_boundary(a.len() - suffix) || !b.is_char_boundary(b.len() - suffix) {
        suffix -= 1;
    }
    let from = block_start + prefix;
    Edit {
        from: utf16_len(&old[..from]),
        to: utf16_len(&old[..block_end - suffix]),
        insert: new[from..new_end - suffix].to_string(),
        sel_start: utf16_len(&new[..sel_start]),
        sel_end: utf16_len(&new[..sel_end]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies the key to `text` with the selection marked by `[` and `]` (or a caret
    /// `|`), returning the result marked the same way.
    fn press(marked: &str, key: EditKey) -> String {
        let (text, start, end) = unmark(marked);
        let Some(edit) = edit_for(&text, start, end, key) else {
            return marked.to_string();
        };
        let units: Vec<u16> = text.encode_utf16().collect();
        let mut out: Vec<u16> = units[..edit.from].to_vec();
        out.extend(edit.insert.encode_utf16());
        out.extend(&units[edit.to..]);
        let mut result = String::from_utf16(&out[..edit.sel_start]).unwrap();
        if edit.sel_start == edit.sel_end {
            result.push('|');
        } else {
            result.push('[');
            result.push_str(&String::from_utf16(&out[edit.sel_start..edit.sel_end]).unwrap());
            result.push(']');
        }
        result.push_str(&String::from_utf16(&out[edit.sel_end..]).unwrap());
        result
    }

    fn unmark(marked: &str) -> (String, usize, usize) {
        let units = |s: &str| s.encode_utf16().count();
        if let Some(at) = marked.find('|') {
            let text = marked.replacen('|', "", 1);
            return (text, units(&marked[..at]), units(&marked[..at]));
        }
        let open = marked.find('[').expect("a caret or a selection");
        let close = marked.find(']').unwrap();
        let text = marked.replacen('[', "", 1).replacen(']', "", 1);
        (text, units(&marked[..open]), units(&marked[..close]) - 1)
    }

    #[test]
    fn tab_indents_the_caret_line_and_moves_the_caret_with_it() {
        assert_eq!(
            press("x = 1\ny| = 2\n", EditKey::Indent),
            "x = 1\n    y| = 2\n"
        );
        assert_eq!(press("|pass", EditKey::Indent), "    |pass");
        assert_eq!(press("  |", EditKey::Indent), "      |");
    }

    #[test]
    fn tab_indents_every_selected_line_but_empty_ones_and_not_a_line_the_selection_only_reaches() {
        assert_eq!(
            press("[a\n\n  b\n]c", EditKey::Indent),
            "[    a\n\n      b\n]c"
        );
        assert_eq!(press("a[b\nc]d", EditKey::Indent), "    a[b\n    c]d");
        assert_eq!(press("x\na[bc]\n", EditKey::Indent), "x\n    a[bc]\n");
    }

    #[test]
    fn shift_tab_dedents_to_the_previous_multiple_of_four() {
        assert_eq!(press("    x|", EditKey::Dedent), "x|");
        assert_eq!(press("      x|", EditKey::Dedent), "    x|");
        assert_eq!(press("  |  x", EditKey::Dedent), "|x");
        assert_eq!(press("x|", EditKey::Dedent), "x|");
        assert_eq!(press("[    a\n  b\nc\n]", EditKey::Dedent), "[a\nb\nc\n]");
        assert_eq!(press("    a[a\n    b]b", EditKey::Dedent), "a[a\nb]b");
    }

    #[test]
    fn enter_keeps_the_indentation_and_adds_a_level_after_a_colon() {
        assert_eq!(press("    x = 1|", EditKey::Newline), "    x = 1\n    |");
        assert_eq!(press("if x:|", EditKey::Newline), "if x:\n    |");
        assert_eq!(
            press("    for i in r:  # loop|", EditKey::Newline),
            "    for i in r:  # loop\n        |"
        );
        assert_eq!(press("x = ':'  # a|", EditKey::Newline), "x = ':'  # a\n|");
        assert_eq!(press("s = '#':|", EditKey::Newline), "s = '#':\n    |");
        assert_eq!(press("  a[bc]d", EditKey::Newline), "  a\n  |d");
        // In the indentation: no more than is before the caret.
        assert_eq!(press("  |  x", EditKey::Newline), "  \n  |  x");
    }

    #[test]
    fn backspace_in_leading_spaces_removes_one_level() {
        assert_eq!(press("x\n        |y", EditKey::Backspace), "x\n    |y");
        assert_eq!(press("      |", EditKey::Backspace), "    |");
        assert_eq!(press("   |", EditKey::Backspace), "|");
        assert_eq!(press("  a |", EditKey::Backspace), "  a |");
        assert_eq!(press("|x", EditKey::Backspace), "|x");
        assert_eq!(press("[    ]x", EditKey::Backspace), "[    ]x");
    }

    #[test]
    fn ctrl_slash_comments_at_the_least_indentation_and_back() {
        assert_eq!(press("x = 1|", EditKey::ToggleComment), "# x = 1|");
        assert_eq!(press("# x = 1|", EditKey::ToggleComment), "x = 1|");
        assert_eq!(press("#x|", EditKey::ToggleComment), "x|");
        assert_eq!(
            press("[if a:\n\n    b\n]c", EditKey::ToggleComment),
            "[# if a:\n\n#     b\n]c"
        );
        assert_eq!(
            press("[# if a:\n\n#     b\n]c", EditKey::ToggleComment),
            "[if a:\n\n    b\n]c"
        );
        // Mixed: comments everything.
        assert_eq!(
            press("    [# a\n    b]", EditKey::ToggleComment),
            "    [# # a\n    # b]"
        );
        assert_eq!(press("   |", EditKey::ToggleComment), "   |");
    }

    #[test]
    fn offsets_count_utf16_units() {
        assert_eq!(press("s = '😀é'|", EditKey::Indent), "    s = '😀é'|");
        assert_eq!(
            press("'😀'[\n'é']", EditKey::ToggleComment),
            "# '😀'[\n# 'é']"
        );
        let edit = edit_for("'😀'\nx", 5, 5, EditKey::Indent).unwrap();
        assert_eq!((edit.from, edit.to, edit.sel_start), (5, 5, 9));
    }

    #[test]
    fn an_edit_is_cut_to_what_changes() {
        let edit = edit_for("ab\ncd", 1, 1, EditKey::Indent).unwrap();
        assert_eq!((edit.from, edit.to, edit.insert.as_str()), (0, 0, "    "));
        let edit = edit_for("    ab", 6, 6, EditKey::Dedent).unwrap();
        assert_eq!((edit.from, edit.to, edit.insert.as_str()), (0, 4, ""));
    }
}
