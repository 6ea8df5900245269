//! A grid (CSV or sheet) laid out as a statistical yearbook prints a table: title rows
//! above the header (found, or skipped with `skip_rows`), a `单位：` line, units in
//! header cells, footnote marks after labels and numbers, and `注：`/`资料来源：` lines
//! below the table, which become the table's notes.

use std::collections::BTreeMap;

use super::cell::parse_cell;
use super::grid::{Grid, GridRow, Origin};
use super::marks::{opens_notes, split_unit, strip_marks, unit_line};
use super::written_units::WrittenUnits;
use crate::data::{Cell, Row};
use crate::error::{Diagnostic, Diagnostics};

/// A table's parts as the file lays them out.
#[derive(Debug, Default, PartialEq)]
pub struct Laid {
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    pub units: BTreeMap<String, String>,
    pub notes: Vec<String>,
    /// A `单位：万人、%` line: several units, and no saying which column has which. Its
    /// problem, reported (see [`Laid::unit_line_unresolved`]) only if a column of numbers
    /// is still without a unit once headers and the sidecar's `[units]` have spoken.
    pub several_units: Option<Diagnostic>,
    /// Cells that are no value at all (`NaN`), read as empty: reported with the other
    /// bad cells once the table is whole (see `load::finish`).
    pub unreadable: Vec<Diagnostic>,
    /// The workbook sheet the rows were read from (`None`: a text file).
    pub sheet: Option<String>,
}

impl Laid {
    /// The several-units problem, naming `columns` (numbers with no unit of their own).
    pub fn unit_line_unresolved(several: Diagnostic, columns: &[&str]) -> Diagnostic {
        let named: Vec<String> = columns.iter().map(|c| format!("`{c}`")).collect();
        let which = match named.as_slice() {
            [one] => format!("the column {one} has"),
            _ => format!("the columns {} have", named.join(", ")),
        };
        Diagnostic {
            message: format!("{}; {which} no unit of its own", several.message),
            ..several
        }
        .with_hint("write each column's unit in its header (`常住人口（万人）`) or in the sidecar's [units]")
    }
}

/// Bad cells reported from one file before reading stops.
const MAX_BAD_CELLS: usize = 20;

/// Lays out `grid`. With `skip_rows`, the header is the first non-blank row after
/// line (or sheet row) `skip_rows`; without, title rows (at most one filled cell
/// besides a unit line) above the first wider row are skipped.
pub fn lay_out(
    mut grid: Grid<'_>,
    skip_rows: Option<usize>,
    written: &mut WrittenUnits,
) -> Result<Laid, Diagnostics> {
    let header_at = match skip_rows {
        Some(n) => grid.rows.iter().position(|r| r.line > n && !r.is_blank()),
        None => find_header(&grid.rows),
    };
    let Some(header_at) = header_at else {
        return Ok(Laid::default());
    };
    // Rows are taken one by one and freed once read, so a large file is not held
    // whole twice over (as grid rows and as table rows).
    let mut rows = std::mem::take(&mut grid.rows).into_iter();
    let above: Vec<GridRow> = rows.by_ref().take(header_at).collect();
    let Some(header) = rows.next() else {
        return Ok(Laid::default());
    };
    let table_unit = table_unit(&grid, &above)?;
    let body = rows.as_slice();
    let notes_at = body.iter().position(opens_notes_row).unwrap_or(body.len());
    let mut laid = Laid {
        sheet: match &grid.origin {
            Origin::Sheet { name, .. } => Some(name.clone()),
            Origin::Text { .. } => None,
        },
        ..Laid::default()
    };
    let kept = columns(
        &grid,
        &header,
        body.get(..notes_at).unwrap_or(body),
        &mut laid,
    )?;
    laid.rows.reserve(notes_at);
    for row in rows.by_ref().take(notes_at) {
        if row.is_blank() {
            continue;
        }
        check_width(&grid, &header, &row, &kept)?;
        let mut cells = Vec::with_capacity(kept.len());
        for &index in &kept {
            // Untrimmed: leading full-width spaces are the row's indent.
            let raw = row.fields.get(index).unwrap_or("");
            let cell = match parse_cell(strip_marks(raw)) {
                Ok(cell) => cell,
                Err(m) => {
                    let at = grid.at_field(&row, index, format!("`{}`: {m}", raw.trim()));
                    laid.unreadable.push(at);
                    if laid.unreadable.len() >= MAX_BAD_CELLS {
                        return Err(Diagnostics(laid.unreadable));
                    }
                    Cell::Empty
                }
            };
            written.note(cells.len(), row.line, Some(raw), &cell);
            cells.push(cell);
        }
        let mut laid_row = Row::new(row.line, cells);
        laid_row.cols = grid.columns_of(&row, &kept);
        laid.rows.push(laid_row);
    }
    match table_unit {
        Some((unit, _)) if several_units(&unit).len() < 2 => apply_table_unit(&mut laid, &unit),
        Some((_, at)) => laid.several_units = Some(at),
        None => {}
    }
    laid.notes = rows
        .filter(|r| !r.is_blank())
        .map(|r| r.filled().map(|(_, f)| f).collect::<Vec<_>>().join(" "))
        .collect();
    Ok(laid)
}

/// Whether a row opens the notes below the table: one filled cell, `注：…` or alike.
fn opens_notes_row(row: &GridRow) -> bool {
    let mut filled = row.filled();
    matches!((filled.next(), filled.next()), (Some((_, f)), None) if opens_notes(f))
}

/// The first row that is not a title row; failing that, the first non-blank row (a
/// one-column table). A title row (`表3-1 地区生产总值`) has text in its first cell
/// only, besides a `单位：` line anywhere; a header with a blank first cell is no title.
fn find_header(rows: &[GridRow]) -> Option<usize> {
    let title = |r: &GridRow| {
        r.filled()
            .filter(|(_, f)| unit_line(f).is_none())
            .all(|(index, _)| index == 0)
    };
    let wide = |r: &GridRow| !r.is_blank() && !title(r);
    let first = rows.iter().position(|r| !r.is_blank());
    match rows.iter().position(wide) {
        // A row of numbers is data, not a header: the rows above it are no titles.
        Some(at) if !all_numbers(rows.get(at)) => Some(at),
        _ => first,
    }
}

fn all_numbers(row: Option<&GridRow>) -> bool {
    row.is_some_and(|r| {
        r.filled()
            .all(|(_, f)| matches!(parse_cell(strip_marks(f)), Ok(Cell::Number(_))))
    })
}

/// The units a unit line lists (`万人、%`: two; `亿元`: one).
fn several_units(unit: &str) -> Vec<&str> {
    // Not `/`: `元/人` is one unit.
    unit.split(['、', '，', ',', '；', ';'])
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .collect()
}

/// The unit of a `单位：` line above the header, with the problem to report should it
/// name several units; two different unit lines are an error.
fn table_unit(
    grid: &Grid<'_>,
    above: &[GridRow],
) -> Result<Option<(String, Diagnostic)>, Diagnostic> {
    let mut found: Option<(String, Diagnostic)> = None;
    for row in above {
        for (index, cell) in row.filled() {
            let Some(unit) = unit_line(cell) else {
                continue;
            };
            match &found {
                Some((first, _)) if first != unit => {
                    return Err(grid.at_field(
                        row,
                        index,
                        format!("a second unit line says `{unit}`, the first said `{first}`"),
                    ))
                }
                _ => {
                    let listed = several_units(unit).join("`, `");
                    let message = format!(
                        "the unit line names several units (`{listed}`) without saying which column has which"
                    );
                    found = Some((unit.to_string(), grid.at_field(row, index, message)));
                }
            }
        }
    }
    Ok(found)
}

/// Reads the header into `laid` (bare names and their units) and returns the indexes
/// of the fields kept: a column with no name and no data (padding a spreadsheet
/// export adds) is dropped; one with data is an error.
fn columns(
    grid: &Grid<'_>,
    header: &GridRow,
    body: &[GridRow],
    laid: &mut Laid,
) -> Result<Vec<usize>, Diagnostic> {
    let mut kept = Vec::new();
    let width = header.fields.len();
    for index in 0..width {
        let name = strip_marks(header.field(index));
        if name.is_empty() {
            let holds_data = body.iter().any(|r| !r.field(index).is_empty());
            if holds_data || width == 1 && !body.is_empty() {
                // Text under a nameless column, beside a named one: a header on two rows
                // (a merged cell over `总量（亿元）`, `比上年增长（%）`).
                let second_header = body.first().is_some_and(|r| {
                    matches!(parse_cell(strip_marks(r.field(index))), Ok(Cell::Text(_)))
                });
                let hint = if second_header {
                    two_row_hint(grid)
                } else {
                    name_hint(grid)
                };
                return Err(grid
                    .at_row(header, format!("column {} has no name", index + 1))
                    .with_hint(hint));
            }
            continue;
        }
        let (bare, unit) = split_unit(name).unwrap_or((name, ""));
        if laid.columns.iter().any(|c| c == bare) {
            return Err(grid.at_field(header, index, format!("column `{bare}` appears twice")));
        }
        laid.columns.push(bare.to_string());
        if !unit.is_empty() {
            laid.units.insert(bare.to_string(), unit.to_string());
        }
        kept.push(index);
    }
    Ok(kept)
}

fn two_row_hint(grid: &Grid<'_>) -> &'static str {
    match grid.origin {
        Origin::Text { .. } => "the first row of a CSV file names the columns; a header on two rows (a merged cell over the names below it) must be one row: write each column's whole name, e.g. `地区生产总值（亿元）`, `地区生产总值比上年增长（%）`",
        Origin::Sheet { .. } => "the header row of the sheet names the columns; a header on two rows (a merged cell over the names below it) must be one row: write each column's whole name, e.g. `地区生产总值（亿元）`, `地区生产总值比上年增长（%）`",
    }
}

fn name_hint(grid: &Grid<'_>) -> &'static str {
    match grid.origin {
        Origin::Text { .. } => "the first row of a CSV file names the columns",
        Origin::Sheet { .. } => "the header row of the sheet names the columns",
    }
}

/// A row must fill every named column and nothing past them.
fn check_width(
    grid: &Grid<'_>,
    header: &GridRow,
    row: &GridRow,
    kept: &[usize],
) -> Result<(), Diagnostic> {
    let needed = kept.last().map_or(0, |last| last + 1);
    let spills = (header.fields.len()..row.fields.len()).any(|i| !row.field(i).is_empty());
    if row.fields.len() < needed || spills {
        let message = format!(
            "this row has {} fields, but the header has {}",
            row.fields.len(),
            header.fields.len()
        );
        return Err(grid.at_row(row, message).with_hint(format!(
            "every row needs one field per column; quote fields that contain the separator ({})",
            grid.described()
        )));
    }
    Ok(())
}

/// The `单位：` line's unit for every column but the first that holds numbers and
/// states no unit of its own.
fn apply_table_unit(laid: &mut Laid, unit: &str) {
    for (index, name) in laid.columns.iter().enumerate().skip(1) {
        let numeric = laid
            .rows
            .iter()
            .any(|r| matches!(r.cells.get(index), Some(Cell::Number(_))));
        if numeric && !laid.units.contains_key(name) {
            laid.units.insert(name.clone(), unit.to_string());
        }
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
    use std::path::Path;

    use super::*;
    use crate::data::load::{dialect, from_csv};

    fn laid(text: &str, skip_rows: Option<usize>) -> Result<Laid, Diagnostic> {
        let shown = Path::new("charts/t.csv");
        let grid = from_csv::grid(text, dialect::sniff(text, "csv"), shown)?;
        let laid = lay_out(grid, skip_rows, &mut WrittenUnits::default());
        match laid {
            Ok(l) if !l.unreadable.is_empty() => Err(l.unreadable[0].clone()),
            Ok(l) => Ok(l),
            Err(d) => Err(d.0[0].clone()),
        }
    }

    /// A table as a yearbook prints it, exported from Excel (every row as wide).
    const YEARBOOK: &str = "表3-1 地区生产总值,,\n,,单位：亿元\n指标,2023年,比上年增长（%）\n地区生产总值①,\"30,145.79\",6.1\n第一产业,\"2,074.68\",4.6*\n第二产业,\"11,699.14\",6.6\n,,\n注：①按当年价格计算。,,\n资料来源：重庆市统计局。,,\n";

    #[test]
    fn a_yearbook_table_as_printed() {
        let t = laid(YEARBOOK, None).unwrap();
        assert_eq!(t.columns, ["指标", "2023年", "比上年增长"]);
        assert_eq!(t.units.get("2023年").map(String::as_str), Some("亿元"));
        assert_eq!(t.units.get("比上年增长").map(String::as_str), Some("%"));
        assert!(!t.units.contains_key("指标"));
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[0].line, 4);
        assert_eq!(t.rows[0].cells[0], Cell::Text("地区生产总值".into()));
        assert_eq!(t.rows[0].cells[1].as_number().unwrap().value, 30145.79);
        assert_eq!(t.rows[1].cells[2].as_number().unwrap().value, 4.6);
        assert_eq!(
            t.notes,
            ["注：①按当年价格计算。", "资料来源：重庆市统计局。"]
        );
        // The same with the title rows skipped by hand: skipped rows still give the unit.
        assert_eq!(laid(YEARBOOK, Some(2)).unwrap(), t);
        // Skipping too few rows makes the unit line the header, which names no column.
        let d = laid(YEARBOOK, Some(1)).unwrap_err();
        assert_eq!(
            d.to_string().lines().next(),
            Some("charts/t.csv:2: column 1 has no name")
        );
    }

    #[test]
    fn hand_written_title_lines_and_tabs() {
        let t = laid(
            "重庆市重点项目\n单位：亿元\n领域\t投资\n甲\t1\n\n注：初步数\n",
            None,
        )
        .unwrap();
        assert_eq!(t.columns, ["领域", "投资"]);
        assert_eq!(t.units.get("投资").map(String::as_str), Some("亿元"));
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.notes, ["注：初步数"]);
    }

    #[test]
    fn layout_errors() {
        let d = laid("单位：亿元\n单位：万元\na,b\nx,1\n", None).unwrap_err();
        assert_eq!(
            d.to_string(),
            "charts/t.csv:2:1: a second unit line says `万元`, the first said `亿元`"
        );
        let d = laid("a（亿元）,a（%）\n1,2\n", None).unwrap_err();
        assert_eq!(d.to_string(), "charts/t.csv:1:7: column `a` appears twice");
        let d = laid("a,b,\nx,1,2\n", None).unwrap_err();
        assert!(d.message.contains("column 3 has no name"), "{d}");
        let d = laid("a;b\nx;1;2\n", None).unwrap_err();
        assert!(d.hint.unwrap().contains("`;`-separated"));
        // Padding columns with no name and no data are dropped.
        assert_eq!(laid("a,b,\nx,1,\n", None).unwrap().columns, ["a", "b"]);
    }
}
