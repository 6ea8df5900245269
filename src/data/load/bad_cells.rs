//! Text where a column holds numbers (`abc` among `100`, `40`), found once when the file is
//! read and reported cell by cell at `file:line:col`. Reporting it here, at the root, means
//! one bad cell is one error however many charts, shortcodes and assertions read it.

use std::path::Path;

use crate::data::{Cell, Table};
use crate::error::Diagnostics;

/// Bad cells reported one by one; the rest are counted in one last line.
pub const MAX_REPORTED: usize = 20;

/// Every text cell in a column of numbers. A column holds numbers when more of its
/// cells are numbers than text (missing values aside); the first column names the rows
/// and is never checked.
pub fn check(table: &Table, shown: &Path) -> Diagnostics {
    let mut bad = Vec::new();
    for (c, name) in table.columns.iter().enumerate().skip(1) {
        let (mut numbers, mut texts) = (0usize, 0usize);
        for row in &table.rows {
            match row.cells.get(c) {
                Some(Cell::Number(_)) => numbers += 1,
                Some(Cell::Text(_)) => texts += 1,
                _ => {}
            }
        }
        if texts == 0 || numbers <= texts {
            continue;
        }
        for row in &table.rows {
            if let Some(Cell::Text(t)) = row.cells.get(c) {
                bad.push((row.line, row.col_of(c), name, t));
            }
        }
    }
    bad.sort_by_key(|&(line, col, _, _)| (line, col));
    let mut out = Diagnostics::default();
    let count = bad.len();
    // The rest are counted at the first of them.
    let rest_line = bad.get(MAX_REPORTED).map_or(0, |b| b.0);
    for (line, col, name, text) in bad.into_iter().take(MAX_REPORTED) {
        let message = format!("`{text}` in column `{name}` is not a number");
        out.push(table.at(shown, line, col, message).with_hint(
            "write numbers like 771.4, ~430, >100 or <1; leave the cell empty or write NA when the value is not known",
        ));
    }
    if count > MAX_REPORTED {
        out.push(table.at(
            shown,
            rest_line.max(1),
            None,
            format!(
                "and {} more cells that are not numbers",
                count - MAX_REPORTED
            ),
        ));
    }
    out
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
    use crate::data::load::parse_table;

    fn problems(csv: &str) -> Vec<String> {
        let shown = Path::new("charts/t.csv");
        match parse_table(csv, "csv", "t.csv", shown, None) {
            Ok(_) => vec![],
            Err(ds) => ds.0.iter().map(|d| d.to_string()).collect(),
        }
    }

    #[test]
    fn one_error_per_bad_cell_with_line_and_column() {
        let shown = problems("名称,投资,备注\n甲,100,见注\n乙,abc,x\n丙,40,\n丁,NA,y\n");
        assert_eq!(shown.len(), 1, "{shown:?}");
        assert!(
            shown[0].starts_with("charts/t.csv:3:3: `abc` in column `投资` is not a number"),
            "{}",
            shown[0]
        );
    }

    #[test]
    fn text_columns_and_missing_marks_are_fine() {
        assert!(problems("名称,说明,值\n甲,一,1\n乙,2,—\n丙,三,…\n").is_empty());
    }

    #[test]
    fn many_bad_cells_are_capped() {
        let mut csv = String::from("名称,值\n");
        for i in 0..30 {
            csv.push_str(&format!("r{i},x\n"));
        }
        for i in 0..40 {
            csv.push_str(&format!("n{i},{i}\n"));
        }
        let shown = problems(&csv);
        assert_eq!(shown.len(), MAX_REPORTED + 1);
        assert!(
            shown[MAX_REPORTED].ends_with("and 10 more cells that are not numbers"),
            "{}",
            shown[MAX_REPORTED]
        );
    }
}
