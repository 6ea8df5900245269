//! CSV data files (any dialect [`super::dialect`] recognises) read into a [`Grid`];
//! [`super::layout`] then finds the header, units and notes.

use std::path::Path;

use super::dialect;
use super::grid::{Grid, GridRow, Origin};
use crate::error::{Diagnostic, LineCounter};

/// The rows of a CSV text (BOM already stripped) split at `delimiter`, as the `csv`
/// crate reads them (no header row, any number of fields per row).
pub fn grid<'a>(text: &'a str, delimiter: u8, shown: &'a Path) -> Result<Grid<'a>, Diagnostic> {
    // The parser is the thread's own: building one (its state table) cost more than
    // reading a small file with it.
    let rows = dialect::with_parser(delimiter, |parser| records(parser, text))
        .map_err(|e| Diagnostic::file(shown, e))?;
    Ok(Grid {
        shown,
        origin: Origin::Text { text, delimiter },
        rows,
    })
}

/// Every record of `text`, with its line and the byte it starts at.
fn records(parser: &mut csv_core::Reader, text: &str) -> Result<Vec<GridRow>, String> {
    let mut rows = Vec::new();
    let mut lines = LineCounter::new(text);
    let mut split_character = false;
    dialect::each_record(parser, text.as_bytes(), true, |started, data, ends| {
        let mut fields = csv::StringRecord::with_capacity(data.len(), ends.len());
        let mut from = 0;
        for &end in ends {
            // Fields end at ASCII delimiters and quotes, so each is whole UTF-8.
            match data.get(from..end).map(std::str::from_utf8) {
                Some(Ok(field)) => fields.push_field(field),
                _ => {
                    split_character = true;
                    return false;
                }
            }
            from = end;
        }
        let start = record_start(text, started);
        rows.push(GridRow {
            line: lines.line(start),
            start,
            fields,
        });
        true
    });
    if split_character {
        return Err("internal error: a CSV field split a character".to_string());
    }
    Ok(rows)
}

/// A record is read from where the one before it ended, which may be the blank lines
/// before it; the record itself starts after them.
fn record_start(text: &str, byte: usize) -> usize {
    let mut at = byte.min(text.len());
    while text.get(at..).is_some_and(|r| r.starts_with(['\n', '\r'])) {
        at += 1;
    }
    at
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
        let laid =
            layout::lay_out(grid, None, &mut Default::default()).map_err(|d| d.0[0].clone())?;
        match laid.unreadable.first() {
            Some(d) => Err(d.clone()),
            None => Ok((laid.columns, laid.rows)),
        }
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

    #[test]
    fn records_are_read_as_the_csv_crate_reads_them() {
        for sample in &dialect::tests::tricky_samples() {
            for delimiter in [b',', b'\t', b';', b'|'] {
                let mut reader = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .delimiter(delimiter)
                    .from_reader(sample.as_bytes());
                let expected: Vec<(usize, Vec<String>)> = reader
                    .records()
                    .map(|r| {
                        let r = r.unwrap();
                        let at = record_start(sample, r.position().unwrap().byte() as usize);
                        (at, r.iter().map(String::from).collect())
                    })
                    .collect();
                let got: Vec<(usize, Vec<String>)> = grid(sample, delimiter, shown())
                    .unwrap()
                    .rows
                    .into_iter()
                    .map(|row| (row.start, row.fields.iter().map(String::from).collect()))
                    .collect();
                assert_eq!(got, expected, "{sample:?} split at {:?}", delimiter as char);
            }
        }
    }
}
