//! CSV data files: a header row, then one row per record; ragged rows are errors.

use std::path::Path;

use super::cell::parse_cell;
use super::written_units::WrittenUnits;
use crate::data::Row;
use crate::error::{line_col, Diagnostic, LineCounter};

/// Columns and rows of a CSV text (BOM already stripped). An empty text gives no
/// columns and no rows; the caller reports that.
pub fn read(
    text: &str,
    shown: &Path,
    units: &mut WrittenUnits,
) -> Result<(Vec<String>, Vec<Row>), Diagnostic> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| csv_diagnostic(&e, text, shown))?
        .clone();
    let columns = columns(&headers, text, shown)?;
    let mut rows = Vec::new();
    let mut lines = LineCounter::new(text);
    for record in reader.records() {
        let record = record.map_err(|e| csv_diagnostic(&e, text, shown))?;
        if columns.is_empty() {
            // A blank header line (e.g. only spaces) followed by data.
            let line = headers
                .position()
                .map_or(1, |p| line_col(text, record_start(text, p.byte())).0);
            return Err(Diagnostic::at(shown, line, None, "column 1 has no name")
                .with_hint("the first row of a CSV file names the columns"));
        }
        let start = record
            .position()
            .map_or(0, |p| record_start(text, p.byte()));
        let line = lines.line(start);
        let mut cells = Vec::with_capacity(record.len());
        let mut cols = Vec::with_capacity(record.len());
        let mut cursor = start;
        for field in record.iter() {
            let at = text
                .get(cursor..)
                .and_then(|rest| rest.find(field))
                .map(|i| cursor + i);
            if let Some(at) = at {
                cursor = at + field.len();
            }
            let col = at.map(|a| column_at(text, a));
            let cell = parse_cell(field).map_err(|m| {
                Diagnostic::at(shown, line, col, format!("`{}`: {m}", field.trim()))
            })?;
            units.note(cells.len(), line, Some(field), &cell);
            cells.push(cell);
            cols.push(col.and_then(|c| u32::try_from(c).ok()).unwrap_or(u32::MAX));
        }
        let mut row = Row::new(line, cells);
        row.cols = cols;
        rows.push(row);
    }
    Ok((columns, rows))
}

/// The 1-based character column of byte `at`, counted back to the line's start only
/// (every cell asks, so scanning from the file's start would be quadratic).
fn column_at(text: &str, at: usize) -> usize {
    let before = text.get(..at).unwrap_or("");
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    before.get(line_start..).map_or(0, |s| s.chars().count()) + 1
}

/// Header names, trimmed; empty and repeated names are errors (a column must be
/// nameable from a chart or shortcode).
fn columns(
    headers: &csv::StringRecord,
    text: &str,
    shown: &Path,
) -> Result<Vec<String>, Diagnostic> {
    let line = headers
        .position()
        .map_or(1, |p| line_col(text, record_start(text, p.byte())).0);
    let mut columns: Vec<String> = Vec::with_capacity(headers.len());
    for (i, h) in headers.iter().enumerate() {
        let name = h.trim().to_string();
        if name.is_empty() && headers.len() > 1 {
            return Err(
                Diagnostic::at(shown, line, None, format!("column {} has no name", i + 1))
                    .with_hint("the first row of a CSV file names the columns"),
            );
        }
        if columns.contains(&name) {
            return Err(Diagnostic::at(
                shown,
                line,
                None,
                format!("column `{name}` appears twice"),
            ));
        }
        columns.push(name);
    }
    if columns.len() == 1 && columns.first().is_some_and(String::is_empty) {
        columns.clear();
    }
    Ok(columns)
}

/// The csv crate reports where it started reading a record, which may be the blank
/// lines before it; the record itself starts after them.
fn record_start(text: &str, byte: u64) -> usize {
    let mut at = usize::try_from(byte).unwrap_or(text.len()).min(text.len());
    while text.get(at..).is_some_and(|r| r.starts_with(['\n', '\r'])) {
        at += 1;
    }
    at
}

fn csv_diagnostic(e: &csv::Error, text: &str, shown: &Path) -> Diagnostic {
    let line_of =
        |pos: Option<&csv::Position>| pos.map(|p| line_col(text, record_start(text, p.byte())).0);
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => {
            let message = format!("this row has {len} fields, but the header has {expected_len}");
            match line_of(pos.as_ref()) {
                Some(line) => Diagnostic::at(shown, line, None, message),
                None => Diagnostic::file(shown, message),
            }
            .with_hint("every row needs one field per column; quote fields that contain commas")
        }
        csv::ErrorKind::Utf8 { pos, .. } => match line_of(pos.as_ref()) {
            Some(line) => Diagnostic::at(shown, line, None, "file is not valid UTF-8"),
            None => Diagnostic::file(shown, "file is not valid UTF-8"),
        },
        _ => match e.position() {
            Some(p) => Diagnostic::at(shown, line_of(Some(p)).unwrap_or(1), None, e.to_string()),
            None => Diagnostic::file(shown, e.to_string()),
        },
    }
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
    use crate::data::{Cell, Qualifier};

    fn shown() -> &'static Path {
        Path::new("charts/t.csv")
    }

    #[test]
    fn lines_count_blank_lines_and_quoted_newlines() {
        let text = "a,b\n1,2\n\n3,4\n\"x\ny\",5\n6,7\n";
        let (cols, rows) = read(text, shown(), &mut Default::default()).unwrap();
        assert_eq!(cols, ["a", "b"]);
        let lines: Vec<usize> = rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4, 5, 7]);
        assert_eq!(rows[2].cells[0], Cell::Text("x\ny".into()));
    }

    #[test]
    fn thousands_separators_in_quoted_fields() {
        let text = "项目,金额\r\n甲,\"1,234.5\"\r\n乙,\"~2,000\"\r\n";
        let (_, rows) = read(text, shown(), &mut Default::default()).unwrap();
        let n = rows[0].cells[1].as_number().unwrap();
        assert_eq!((n.value, n.decimals), (1234.5, 1));
        let q = rows[1].cells[1].as_number().unwrap();
        assert_eq!((q.value, q.qualifier), (2000.0, Qualifier::About));
    }

    #[test]
    fn ragged_row_is_reported_at_its_line() {
        let text = "a,b\n1,2\n\n3\n";
        let d = read(text, shown(), &mut Default::default()).unwrap_err();
        assert_eq!(d.line, Some(4));
        assert!(d.message.contains("1 fields, but the header has 2"), "{d}");
    }

    #[test]
    fn nan_is_reported_with_line_and_column() {
        let text = "名称,值\n甲,1\n乙,NaN\n";
        let d = read(text, shown(), &mut Default::default()).unwrap_err();
        assert_eq!(
            d.to_string(),
            "charts/t.csv:3:3: `NaN`: not a finite number"
        );
        let d = read("a,b\n1,\"inf\"\n", shown(), &mut Default::default()).unwrap_err();
        assert_eq!((d.line, d.col), (Some(2), Some(4)));
    }

    #[test]
    fn header_problems() {
        assert!(read("a,a\n1,2\n", shown(), &mut Default::default())
            .unwrap_err()
            .message
            .contains("twice"));
        assert!(read("a,\n1,2\n", shown(), &mut Default::default())
            .unwrap_err()
            .message
            .contains("no name"));
        assert_eq!(
            read("", shown(), &mut Default::default()).unwrap(),
            (vec![], vec![])
        );
        // Found by fuzzing: a blank header then data gave rows wider than the header.
        let d = read("\n\u{b}\n\n7\n", shown(), &mut Default::default()).unwrap_err();
        assert_eq!(d.to_string(), "charts/t.csv:2: column 1 has no name\n  hint: the first row of a CSV file names the columns");
    }
}
