//! Shared by the fuzz targets: a small data table like the example site's, and a
//! check that line numbers in diagnostics lie inside the text they point into.
#![allow(dead_code)]

use std::path::Path;

use baogao::data::load::parse_table;
use baogao::data::Table;
use baogao::Diagnostic;

/// The CSV every target falls back to when the input brings no usable table.
pub const TABLE_CSV: &str = "类别,投资,产出,时间进度\n\
甲,100,~80,40%\n\
乙,>50,\"1,234.5\",50%\n\
丙,<1,-3,\n\
丁,0.25,7e2,45.5%\n\
合计,151.25,~1311.5,45%\n";

/// The fallback table (its CSV is fixed, so it always parses).
pub fn table() -> Table {
    parse_table(TABLE_CSV, "csv", "d.csv", Path::new("charts/d.csv"), None)
        .unwrap_or_else(|d| panic!("the fixed table must parse: {d}"))
}

/// `text` parsed as a CSV table, or the fallback table.
pub fn table_or_default(text: Option<&str>) -> Table {
    text.and_then(|t| parse_table(t, "csv", "d.csv", Path::new("charts/d.csv"), None).ok())
        .unwrap_or_else(table)
}

/// A diagnostic's line must exist in the text it points into (1-based; a text with n
/// newlines has n + 1 lines), and printing it must work.
pub fn check_line(d: &Diagnostic, text: &str) {
    let lines = text.matches('\n').count() + 1;
    if let Some(line) = d.line {
        assert!(
            (1..=lines).contains(&line),
            "line {line} outside 1..={lines}: {d}"
        );
    }
    if let Some(col) = d.col {
        assert!(col >= 1, "column 0: {d}");
    }
    let shown = d.to_string();
    assert!(!shown.is_empty());
}

/// A loaded table is never empty, is rectangular, its row lines lie inside `text`, and
/// its numbers are finite.
pub fn check_table(table: &Table, text: &str) {
    let lines = text.matches('\n').count() + 1;
    assert!(!table.rows.is_empty());
    for row in &table.rows {
        assert_eq!(row.cells.len(), table.columns.len(), "ragged table");
        assert!(row.line <= lines, "row line {} of {lines}", row.line);
        for cell in &row.cells {
            if let baogao::data::Cell::Number(n) = cell {
                assert!(n.value.is_finite());
            }
        }
    }
}
