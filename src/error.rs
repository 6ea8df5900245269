//! The one error type for problems in a user's files, and the one for everything else.
//!
//! A [`Diagnostic`] is a mistake the user can fix: it names the file, the line and
//! column where one exists, says what is wrong and may carry a hint. A build gathers
//! every diagnostic it finds into [`Diagnostics`] so a user sees all problems at once.
//! [`Error::Internal`] is reserved for failures that are not the user's doing (an I/O
//! error on the output folder, a bug); the CLI reports the two differently.

use std::fmt;
use std::path::{Path, PathBuf};

/// A problem in one of the user's files, printed as `file:line[:col]: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, relative to the site root where possible.
    pub file: PathBuf,
    /// 1-based line, when the problem has a place in the file.
    pub line: Option<usize>,
    /// 1-based column in characters, when known.
    pub col: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A problem with a whole file (no line).
    pub fn file(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: None,
            col: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A problem at a line (and optionally a column) of a file.
    pub fn at(
        file: impl Into<PathBuf>,
        line: usize,
        col: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            file: file.into(),
            line: Some(line),
            col,
            message: message.into(),
            hint: None,
        }
    }

    /// A problem at a byte offset of `source`, the text of `file`.
    pub fn at_offset(
        file: impl Into<PathBuf>,
        source: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        let (line, col) = line_col(source, offset);
        Diagnostic::at(file, line, Some(col), message)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Moves the position by `lines` (used when a text was cut out of a larger file,
    /// e.g. front matter or a shortcode inside a page).
    pub fn shifted(mut self, lines: usize) -> Self {
        if let Some(l) = self.line.as_mut() {
            *l += lines;
        }
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `./baogao.toml` reads better as `baogao.toml` (the root is usually `.`).
        let file = self.file.strip_prefix(".").unwrap_or(&self.file);
        write!(f, "{}", file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.col {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every problem found in one build, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Sorts by file, line and column and drops exact repeats, so output is stable
    /// whatever order parallel work finished in.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| {
            (&a.file, a.line, a.col, &a.message).cmp(&(&b.file, b.line, b.col, &b.message))
        });
        self.0.dedup();
        self
    }
    /// `Ok(value)` when nothing went wrong, else every problem.
    pub fn into_result<T>(self, value: T) -> Result<T, Error> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(Error::User(self.sorted()))
        }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

/// What a command can fail with.
#[derive(Debug)]
pub enum Error {
    /// Problems in the user's files: exit code 1.
    User(Diagnostics),
    /// Not the user's mistake (I/O on the output folder, a bug): exit code 1 with a
    /// plain message.
    Internal(String),
}

impl Error {
    pub fn internal(context: impl fmt::Display, err: impl fmt::Display) -> Self {
        Error::Internal(format!("{context}: {err}"))
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::User(d.into())
    }
}

impl From<Diagnostics> for Error {
    fn from(d: Diagnostics) -> Self {
        Error::User(d)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::User(d) => write!(f, "{d}"),
            Error::Internal(msg) => write!(f, "internal error: {msg}"),
        }
    }
}

impl std::error::Error for Error {}

/// Lines of byte offsets asked for in (mostly) increasing order, counted from the
/// last answer: calling [`line_col`] for every row of a big data file would scan the
/// file from its start each time.
pub struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    pub fn new(source: &'a str) -> Self {
        LineCounter {
            bytes: source.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    /// The 1-based line of byte `offset`.
    pub fn line(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.bytes.len());
        if offset < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        let between = self.bytes.get(self.offset..offset).unwrap_or(&[]);
        self.line += between.iter().filter(|&&b| b == b'\n').count();
        self.offset = offset;
        self.line
    }
}

/// 1-based line and 1-based column (in characters) of byte `offset` in `source`.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(source.len());
    while !source.is_char_boundary(end) {
        end -= 1;
    }
    let before = source.get(..end).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, col)
}

/// The first character of `s` that HTML, SVG and XML cannot carry (control
/// characters other than tab and line breaks, U+FFFE, U+FFFF), with its byte offset.
pub fn forbidden_char(s: &str) -> Option<(usize, char)> {
    s.char_indices().find(|&(_, c)| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
    })
}

/// How a forbidden character is named in messages: `U+0000`.
pub fn char_name(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Reads a user's text file, turning I/O and UTF-8 problems into diagnostics.
/// A leading byte-order mark is dropped. Control characters that no HTML, SVG or XML
/// output could carry are refused where they stand.
pub fn read_text(path: &Path, shown_as: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::file(shown_as, format!("cannot read file: {e}")))?;
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            checked_text(s, shown_as)
        }
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(e.as_bytes().get(..offset).unwrap_or(&[]));
            let (line, col) = line_col(&valid, offset);
            Err(
                Diagnostic::at(shown_as, line, Some(col), "file is not valid UTF-8")
                    .with_hint("save the file as UTF-8"),
            )
        }
    }
}

/// `text` as read from a user's file, refused where it holds a control character
/// that no HTML, SVG or XML output could carry.
pub fn checked_text(text: String, shown_as: &Path) -> Result<String, Diagnostic> {
    if let Some((at, c)) = forbidden_char(&text) {
        return Err(Diagnostic::at_offset(
            shown_as,
            &text,
            at,
            format!("control character {} in the file", char_name(c)),
        )
        .with_hint("remove it: web pages, SVG and feeds cannot carry it"));
    }
    Ok(text)
}

#[cfg(test)]
#[allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let s = "ab\n重庆x";
        assert_eq!(line_col(s, 0), (1, 1));
        assert_eq!(line_col(s, 3), (2, 1));
        assert_eq!(line_col(s, 6), (2, 2));
        assert_eq!(line_col(s, 9), (2, 3));
    }

    #[test]
    fn control_characters_are_refused_where_they_stand() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.csv");
        std::fs::write(&p, "a,b\n甲\u{0},1\n").unwrap();
        let d = read_text(&p, Path::new("charts/a.csv")).unwrap_err();
        assert_eq!(
            d.to_string(),
            "charts/a.csv:2:2: control character U+0000 in the file\n  hint: remove it: web pages, SVG and feeds cannot carry it"
        );
        std::fs::write(&p, "\u{feff}tab\there\r\n").unwrap();
        assert_eq!(read_text(&p, Path::new("a")).unwrap(), "tab\there\r\n");
        assert_eq!(forbidden_char("x\u{ffff}"), Some((1, '\u{ffff}')));
        assert_eq!(forbidden_char("\u{202e}bidi is fine"), None);
    }

    #[test]
    fn line_counter_agrees_with_line_col() {
        let s = "a\n重庆\n\nx\ny";
        let mut lines = LineCounter::new(s);
        for offset in [0, 2, 3, 9, 10, 11, 12, 13, 100, 4, 0] {
            assert_eq!(lines.line(offset), line_col(s, offset).0, "at {offset}");
        }
    }

    #[test]
    fn display_has_file_line_col() {
        let d = Diagnostic::at("content/a.md", 3, Some(5), "bad").with_hint("fix it");
        assert_eq!(d.to_string(), "content/a.md:3:5: bad\n  hint: fix it");
    }
}
