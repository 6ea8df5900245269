//! Workbooks (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`) read with calamine into a
//! [`Grid`]: the first sheet or the one named by `sheet`; numbers, dates and formula
//! results as the workbook shows them; error cells (`#DIV/0!`) refused by their cell.

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};

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
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::with_capacity(range.height());
    for (offset, cells) in range.rows().enumerate() {
        let line = usize::try_from(first_row).unwrap_or(usize::MAX) + offset + 1;
        let mut fields = csv::StringRecord::with_capacity(0, cells.len());
        for (column, data) in cells.iter().enumerate() {
            let text = shown_text(data).map_err(|why| {
                let column = first_col.saturating_add(u32::try_from(column).unwrap_or(u32::MAX));
                Diagnostic::file(
                    shown,
                    format!("sheet {name}, cell {}: {why}", cell_name(line, column)),
                )
                .with_hint("fix the formula or clear the cell; a blank cell is a missing value")
            })?;
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
