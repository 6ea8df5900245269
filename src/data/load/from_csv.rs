//! CSV data files (any dialect [`super::dialect`] recognises) read into a [`Grid`];
//! [`super::layout`] then finds the header, units and notes.

use std::path::Path;

use super::grid::{Grid, GridRow, Origin};
use crate::error::{line_col, Diagnostic, LineCounter};

/// The rows of a CSV text (BOM already stripped) split at `delimiter`.
pub fn grid<'a>(text: &'a str, delimiter: u8, shown: &'a Path) -> Result<Grid<'a>, Diagnostic> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut lines = LineCounter::new(text);
    let mut fields = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut fields) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_diagnostic(&e, text, shown)),
        }
        let start = fields
            .position()
            .map_or(0, |p| record_start(text, p.byte()));
        // A copy sized to the row: the reader's buffer only grows.
        let mut record = csv::StringRecord::with_capacity(fields.as_slice().len(), fields.len());
        record.extend(fields.iter());
        rows.push(GridRow {
            line: lines.line(start),
            start,
            fields: record,
        });
    }
    Ok(Grid {
        shown,
        origin: Origin::Text { text, delimiter },
        rows,
    })
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
    match e.position() {
        Some(p) => {
            let line = line_col(text, record_start(text, p.byte())).0;
            Diagnostic::at(shown, line, None, e.to_string())
        }
        None => Diagnostic::file(shown, e.to_string()),
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
    use crate::data::load::{dialect, layout};
    use crate::data::{Cell, Qualifier, Row};

    fn shown() -> &'static Path {
        Path::new("charts/t.csv")
    }

    /// Columns and rows as a CSV file is laid out.
    fn read(text: &str, shown: &Path) -> Result<(Vec<String>, Vec<Row>), Diagnostic> {
        let grid = grid(text, dialect::sniff(text, "csv"), shown)?;
        let laid = layout::lay_out(grid, None, &mut Default::default())?;
        Ok((laid.columns, laid.rows))
    }

    #[test]
    fn lines_count_blank_lines_and_quoted_newlines() {
        let text = "a,b\n1,2\n\n3,4\n\"x\ny\",5\n6,7\n";
        let (cols, rows) = read(text, shown()).unwrap();
        assert_eq!(cols, ["a", "b"]);
        let lines: Vec<usize> = rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4, 5, 7]);
        assert_eq!(rows[2].cells[0], Cell::Text("x\ny".into()));
    }

    #[test]
    fn thousands_separators_in_quoted_fields() {
        let text = "项目,金额\r\n甲,\"1,234.5\"\r\n乙,\"~2,000\"\r\n";
        let (_, rows) = read(text, shown()).unwrap();
        let n = rows[0].cells[1].as_number().unwrap();
        assert_eq!((n.value, n.decimals), (1234.5, 1));
        let q = rows[1].cells[1].as_number().unwrap();
        assert_eq!((q.value, q.qualifier), (2000.0, Qualifier::About));
    }

    #[test]
    fn ragged_row_is_reported_at_its_line() {
        let text = "a,b\n1,2\n\n3\n";
        let d = read(text, shown()).unwrap_err();
        assert_eq!(d.line, Some(4));
        assert!(d.message.contains("1 fields, but the header has 2"), "{d}");
    }

    #[test]
    fn nan_is_reported_with_line_and_column() {
        let text = "名称,值\n甲,1\n乙,NaN\n";
        let d = read(text, shown()).unwrap_err();
        assert_eq!(
            d.to_string(),
            "charts/t.csv:3:3: `NaN`: not a finite number"
        );
        let d = read("a,b\n1,\"inf\"\n", shown()).unwrap_err();
        assert_eq!((d.line, d.col), (Some(2), Some(4)));
    }

    #[test]
    fn header_problems() {
        assert!(read("a,a\n1,2\n", shown())
            .unwrap_err()
            .message
            .contains("twice"));
        assert!(read("a,\n1,2\n", shown())
            .unwrap_err()
            .message
            .contains("no name"));
        assert_eq!(read("", shown()).unwrap(), (vec![], vec![]));
        // Found by fuzzing: a blank header then data gave rows wider than the header.
        // Blank rows are skipped, so the header is the first filled row.
        let (cols, rows) = read("\n\u{b}\n\n7\n", shown()).unwrap();
        assert_eq!((cols, rows.len()), (vec!["7".to_string()], 0));
        let d = read(" ,b\n1,2\n", shown()).unwrap_err();
        assert_eq!(d.to_string(), "charts/t.csv:1: column 1 has no name\n  hint: the first row of a CSV file names the columns");
    }
}
