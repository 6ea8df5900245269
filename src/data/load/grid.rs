//! The raw grid a CSV file or a workbook sheet is read into before its layout (title
//! rows, unit line, header, notes) is worked out, and how a place in it is named in
//! messages: `file:line:col` for text, `file: sheet 名称, cell B7` for a sheet.

use std::path::Path;

use crate::error::Diagnostic;

/// Rows of text fields, as found in the file.
pub struct Grid<'a> {
    pub shown: &'a Path,
    pub origin: Origin<'a>,
    pub rows: Vec<GridRow>,
}

/// Where a grid came from, for naming places in it.
pub enum Origin<'a> {
    /// A CSV text (fields are found in it again to give a column).
    Text { text: &'a str, delimiter: u8 },
    /// A workbook sheet whose used range starts at column `first_col` (0-based).
    Sheet { name: String, first_col: u32 },
}

/// One row: its 1-based line (CSV) or row number (sheet), where its text starts
/// (CSV only), and its fields (one compact buffer per row).
pub struct GridRow {
    pub line: usize,
    pub start: usize,
    pub fields: csv::StringRecord,
}

impl GridRow {
    /// The field at `index`, trimmed ("" past the end).
    pub fn field(&self, index: usize) -> &str {
        self.fields.get(index).map_or("", str::trim)
    }

    /// Whether every field is blank.
    pub fn is_blank(&self) -> bool {
        self.fields.iter().all(|f| f.trim().is_empty())
    }

    /// The non-blank fields, trimmed, with their indexes.
    pub fn filled(&self) -> impl Iterator<Item = (usize, &str)> {
        self.fields
            .iter()
            .map(str::trim)
            .enumerate()
            .filter(|(_, f)| !f.is_empty())
    }
}

impl Grid<'_> {
    /// A problem with field `index` of `row`.
    pub fn at_field(&self, row: &GridRow, index: usize, message: String) -> Diagnostic {
        match &self.origin {
            Origin::Text { text, .. } => {
                let col = field_offset(text, row, index).map(|at| column_at(text, at));
                Diagnostic::at(self.shown, row.line, col, message)
            }
            Origin::Sheet { name, first_col } => {
                let column = u32::try_from(index).unwrap_or(u32::MAX);
                let cell = cell_name(row.line, first_col.saturating_add(column));
                Diagnostic::file(self.shown, format!("sheet {name}, cell {cell}: {message}"))
            }
        }
    }

    /// A problem with `row` as a whole.
    pub fn at_row(&self, row: &GridRow, message: String) -> Diagnostic {
        match &self.origin {
            Origin::Text { .. } => Diagnostic::at(self.shown, row.line, None, message),
            Origin::Sheet { name, .. } => Diagnostic::file(
                self.shown,
                format!("sheet {name}, row {}: {message}", row.line),
            ),
        }
    }

    /// The 1-based character column of each field of `row` listed in `kept` (for
    /// [`crate::data::Row::cols`]); for a sheet, the 1-based sheet column (C is 3).
    pub fn columns_of(&self, row: &GridRow, kept: &[usize]) -> Vec<u32> {
        let text = match &self.origin {
            Origin::Text { text, .. } => text,
            Origin::Sheet { first_col, .. } => {
                return kept
                    .iter()
                    .map(|&i| {
                        let i = u32::try_from(i).unwrap_or(u32::MAX - 1);
                        first_col.saturating_add(i).saturating_add(1)
                    })
                    .collect();
            }
        };
        let mut offsets = Vec::with_capacity(row.fields.len());
        let mut cursor = row.start;
        for field in row.fields.iter() {
            let at = text
                .get(cursor..)
                .and_then(|rest| rest.find(field))
                .map(|i| cursor + i);
            if let Some(at) = at {
                cursor = at + field.len();
            }
            offsets.push(at);
        }
        kept.iter()
            .map(|&i| {
                offsets
                    .get(i)
                    .copied()
                    .flatten()
                    .and_then(|at| u32::try_from(column_at(text, at)).ok())
                    .unwrap_or(u32::MAX)
            })
            .collect()
    }

    /// How the rows were split, for hints: "`,`-separated" or "sheet 名称".
    pub fn described(&self) -> String {
        match &self.origin {
            Origin::Text { delimiter, .. } => {
                format!("read as {}", super::dialect::name(*delimiter))
            }
            Origin::Sheet { name, .. } => format!("read from sheet {name}"),
        }
    }
}

/// The byte offset of field `index` of a CSV row, found by searching the fields in
/// order from where the row starts (quoting may put characters between them).
fn field_offset(text: &str, row: &GridRow, index: usize) -> Option<usize> {
    let mut cursor = row.start;
    let mut found = None;
    for field in row.fields.iter().take(index + 1) {
        let at = text.get(cursor..)?.find(field)? + cursor;
        cursor = at + field.len();
        found = Some(at);
    }
    found
}

/// The 1-based character column of byte `at`, counted back to the line's start only
/// (every cell asks, so scanning from the file's start would be quadratic).
fn column_at(text: &str, at: usize) -> usize {
    let before = text.get(..at).unwrap_or("");
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    before.get(line_start..).map_or(0, |s| s.chars().count()) + 1
}

/// A spreadsheet cell name: row 7, column index 1 → `B7`.
pub fn cell_name(row: usize, column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(column) + 1;
    while n > 0 {
        let rem = u8::try_from((n - 1) % 26).unwrap_or(0);
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &row.to_string()
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(7, 1), "B7");
        assert_eq!(cell_name(1, 0), "A1");
        assert_eq!(cell_name(3, 25), "Z3");
        assert_eq!(cell_name(3, 26), "AA3");
        assert_eq!(cell_name(9, 701), "ZZ9");
        assert_eq!(cell_name(9, 702), "AAA9");
    }
}
