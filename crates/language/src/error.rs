//! Errors the language layer reports before anything runs: Python's SyntaxError (and its
//! IndentationError / TabError kinds) in CPython's printed shape, and constructs that are
//! valid Python but outside the subset threadplay runs.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
}

impl SyntaxErrorKind {
    pub fn name(&self) -> &'static str {
        match self {
            SyntaxErrorKind::SyntaxError => "SyntaxError",
            SyntaxErrorKind::IndentationError => "IndentationError",
            SyntaxErrorKind::TabError => "TabError",
        }
    }
}

/// A syntax error positioned as CPython 3.12 positions it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub message: String,
    pub(crate) filename: String,
    /// 1-based line number.
    pub line: u32,
    /// 1-based column of the first caret (CPython's `offset`), counted in characters.
    pub offset: u32,
    /// 1-based column just past the last caret (CPython's `end_offset`); equal to
    /// `offset + 1` for a single caret.
    pub end_offset: u32,
    /// The offending source line, without its line ending.
    pub(crate) source_line: String,
}

impl fmt::Display for SyntaxError {
    /// CPython's shape (what `python3 file.py` prints to stderr):
    ///
    /// ```text
    ///   File "demo.py", line 3
    ///     if x
    ///         ^
    /// SyntaxError: expected ':'
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Mirrors CPython's print_error_text: strip the indentation, and print no caret
        // when the offset points into it (unexpected indent, tabs and spaces mixed).
        writeln!(f, "  File \"{}\", line {}", self.filename, self.line)?;
        let stripped = self.source_line.trim_start_matches([' ', '\t', '\x0c']);
        let shown = stripped.trim_end_matches(['\n', '\r']);
        if !shown.trim_end().is_empty() {
            let removed = self.source_line.chars().count() - stripped.chars().count();
            writeln!(f, "    {shown}")?;
            let column = i64::from(self.offset) - 1 - removed as i64;
            if column >= 0 {
                let column = (column as usize).min(shown.chars().count());
                let width = match self.kind {
                    SyntaxErrorKind::SyntaxError => {
                        (self.end_offset.saturating_sub(self.offset) as usize).max(1)
                    }
                    _ => 1,
                };
                writeln!(f, "    {}{}", " ".repeat(column), "^".repeat(width))?;
            }
        }
        write!(f, "{}: {}", self.kind.name(), self.message)
    }
}

/// Why a program could not be compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompileError {
    Syntax(SyntaxError),
    /// Valid Python that threadplay does not run (yet), e.g. `async with` or `match`.
    Unsupported {
        construct: String,
        filename: String,
        line: u32,
        source_line: String,
    },
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompileError::Syntax(error) => error.fmt(f),
            CompileError::Unsupported {
                construct,
                filename,
                line,
                source_line,
            } => {
                writeln!(f, "  File \"{filename}\", line {line}")?;
                if !source_line.trim().is_empty() {
                    writeln!(f, "    {}", source_line.trim())?;
                }
                write!(
                    f,
                    "NotImplementedError: threadplay does not support {construct} (line {line})"
                )
            }
        }
    }
}

impl From<SyntaxError> for CompileError {
    fn from(error: SyntaxError) -> Self {
        CompileError::Syntax(error)
    }
}
