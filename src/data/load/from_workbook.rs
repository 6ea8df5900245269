//! Workbooks (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`) read with calamine into a
//! [`Grid`]: the first sheet or the one named by `sheet`; numbers, dates and formula
//! results as the workbook shows them (a cell formatted `0.0%` holding 0.061 reads
//! `6.1%`); error cells (`#DIV/0!`) and formulas with no saved result refused by their cell.

use std::path::Path;

use calamine::{open_workbook_auto, Data, Range, Reader, StyleRange};

use super::grid::{cell_name, Grid, GridRow, Origin};
use crate::error::Diagnostic;

/// File extensions read as workbooks.
pub const EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// The rows of sheet `sheet` (or the first sheet) of the workbook at `path`.
pub fn grid<'a>(path: &Path, shown: &'a Path, sheet: Option<&str>) -> Result<Grid<'a>, Diagnostic> {
    let mut book = open_workbook_auto(path).map_err(|e| {
        Diagnostic::file(shown, format!("cannot read the workbook: {e}"))
            .with_hint("save it again from the spreadsheet program as .xlsx, .xls or .ods")
    })?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names.iter().find(|n| n.as_str() == wanted).ok_or_else(|| {
            Diagnostic::file(shown, format!("no sheet `{wanted}` in the workbook"))
                .with_hint(format!("the sheets are: {}", names.join(", ")))
        })?,
        None => names
            .first()
            .ok_or_else(|| Diagnostic::file(shown, "the workbook has no sheets"))?,
    }
    .clone();
    let range = book
        .worksheet_range(&name)
        .map_err(|e| Diagnostic::file(shown, format!("sheet {name}: cannot read it: {e}")))?;
    // Only .xlsx keeps number formats calamine can read; elsewhere these are empty.
    let styles = book
        .worksheet_style(&name)
        .unwrap_or_else(|_| StyleRange::empty());
    let formulas = book.worksheet_formula(&name).unwrap_or_default();
    let at_cell = |row: u32, column: u32, why: Unreadable| {
        let line = usize::try_from(row).unwrap_or(usize::MAX).saturating_add(1);
        Diagnostic::file(
            shown,
            format!("sheet {name}, cell {}: {why}", cell_name(line, column)),
        )
        .with_hint(why.hint())
    };
    if let Some((row, column, formula)) = unsaved_outside(&range, &formulas) {
        return Err(at_cell(row, column, Unreadable::Unsaved(formula)));
    }
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::with_capacity(range.height());
    for (offset, cells) in range.rows().enumerate() {
        let line = usize::try_from(first_row).unwrap_or(usize::MAX) + offset + 1;
        let row = first_row.saturating_add(u32::try_from(offset).unwrap_or(u32::MAX));
        let mut fields = csv::StringRecord::with_capacity(0, cells.len());
        for (column, data) in cells.iter().enumerate() {
            let column = first_col.saturating_add(u32::try_from(column).unwrap_or(u32::MAX));
            let text = cell_text(data, (row, column), &styles, &formulas)
                .map_err(|why| at_cell(row, column, why))?;
            fields.push_field(&text);
        }
        rows.push(GridRow {
            line,
            start: 0,
            fields,
        });
    }
    Ok(Grid {
        shown,
        origin: Origin::Sheet { name, first_col },
        rows,
    })
}

/// A formula outside the cells that hold values (a last row of sums never calculated):
/// calamine's value range ends before it, so the loop over values never meets it.
fn unsaved_outside(values: &Range<Data>, formulas: &Range<String>) -> Option<(u32, u32, String)> {
    let (top, left) = formulas.start()?;
    let inside = |row: u32, column: u32| match (values.start(), values.end()) {
        (Some((r0, c0)), Some((r1, c1))) => (r0..=r1).contains(&row) && (c0..=c1).contains(&column),
        _ => false,
    };
    formulas.used_cells().find_map(|(r, c, formula)| {
        let row = top.saturating_add(u32::try_from(r).unwrap_or(u32::MAX));
        let column = left.saturating_add(u32::try_from(c).unwrap_or(u32::MAX));
        (!formula.is_empty() && !inside(row, column)).then(|| (row, column, formula.clone()))
    })
}

/// Why a cell cannot be read.
enum Unreadable {
    /// `#DIV/0!` and the like.
    Error(String),
    /// A formula the workbook holds no result for (written by a program, never opened).
    Unsaved(String),
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unreadable::Error(why) => f.write_str(why),
            Unreadable::Unsaved(formula) => {
                write!(f, "the formula `={formula}` has no saved result")
            }
        }
    }
}

impl Unreadable {
    fn hint(&self) -> &'static str {
        match self {
            Unreadable::Error(_) => {
                "fix the formula or clear the cell; a blank cell is a missing value"
            }
            Unreadable::Unsaved(_) => {
                "open the workbook in a spreadsheet program and save it, so that each formula's result is stored"
            }
        }
    }
}

/// The text of the cell at `at` (row, column in the sheet): [`shown_text`], a number
/// formatted as a percentage written as one (0.061 as `6.1%`), and a formula cell with
/// no stored result refused rather than read as a gap.
fn cell_text(
    data: &Data,
    at: (u32, u32),
    styles: &StyleRange,
    formulas: &Range<String>,
) -> Result<String, Unreadable> {
    match data {
        Data::Empty => match formulas.get_value(at) {
            Some(formula) if !formula.is_empty() => Err(Unreadable::Unsaved(formula.clone())),
            _ => Ok(String::new()),
        },
        Data::Float(_) | Data::Int(_) if is_percent(styles, at) => {
            let value = match data {
                Data::Int(i) => *i as f64,
                Data::Float(f) => *f,
                _ => 0.0,
            };
            Ok(format!("{}%", excel_digits(value * 100.0)))
        }
        _ => shown_text(data).map_err(Unreadable::Error),
    }
}

/// Whether the cell at `at` has a percentage number format (`0%`, `0.0%`): a `%` outside
/// the format's quoted text, escapes and `[…]` sections.
fn is_percent(styles: &StyleRange, at: (u32, u32)) -> bool {
    let Some(format) = styles.get(at).and_then(|s| s.number_format.as_ref()) else {
        return false;
    };
    let (mut quoted, mut bracket, mut escaped) = (false, false, false);
    for c in format.format_code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if !quoted => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            '%' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}

/// A cell's value as text, as the workbook shows it: numbers to Excel's 15
/// significant digits (so 0.1 + 0.2 reads 0.3), whole dates as `2024-05-01`.
fn shown_text(data: &Data) -> Result<String, String> {
    Ok(match data {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => excel_digits(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => {
            let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
            if d.is_duration() {
                excel_digits(d.as_f64())
            } else if (h, min, s) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{day:02}")
            } else {
                format!("{y:04}-{m:02}-{day:02} {h:02}:{min:02}:{s:02}")
            }
        }
        Data::Error(e) => return Err(format!("the cell holds the error `{e}`")),
    })
}

/// `f` rounded to 15 significant digits, the most a spreadsheet displays.
fn excel_digits(f: f64) -> String {
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    rounded.to_string()
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
    fn numbers_as_shown() {
        assert_eq!(excel_digits(0.1 + 0.2), "0.3");
        assert_eq!(excel_digits(771.4), "771.4");
        assert_eq!(excel_digits(2024.0), "2024");
        assert_eq!(excel_digits(-1.5e-7), "-0.00000015");
        assert_eq!(shown_text(&Data::Int(7)).unwrap(), "7");
        assert!(shown_text(&Data::Error(calamine::CellErrorType::Div0))
            .unwrap_err()
            .contains("#DIV/0!"));
    }
}
