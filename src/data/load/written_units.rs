//! Units written in the cells themselves: a column whose numbers read `12.5%` holds
//! percentages, so its unit is `%` (and it prints `12.5%`, never a bare `12.5`).

use std::path::Path;

use crate::data::{Cell, Table};
use crate::error::Diagnostic;

/// The unit a cell's text carries after its number (`12.5%` → `%`).
fn written_unit(raw: &str) -> Option<&'static str> {
    let text = raw.trim_end();
    (text.ends_with('%') || text.ends_with('％')).then_some("%")
}

/// The first line where a column has a number with `%` and one without.
#[derive(Debug, Default, Clone, Copy)]
struct Seen {
    percent: Option<usize>,
    plain: Option<usize>,
}

/// What the cells of each column say about its unit, gathered while a file is read.
#[derive(Debug, Default)]
pub struct WrittenUnits {
    /// By column index (a plain vector: this runs for every cell of a million-row file).
    columns: Vec<Seen>,
}

impl WrittenUnits {
    /// Notes the cell at column `col`, line `line`, read from `raw` (`None` for a
    /// number the format stores natively, such as a JSON number).
    pub fn note(&mut self, col: usize, line: usize, raw: Option<&str>, cell: &Cell) {
        if !matches!(cell, Cell::Number(_)) {
            return;
        }
        if self.columns.len() <= col {
            self.columns.resize(col + 1, Seen::default());
        }
        let Some(seen) = self.columns.get_mut(col) else {
            return;
        };
        let slot = match raw.and_then(written_unit) {
            Some(_) => &mut seen.percent,
            None => &mut seen.plain,
        };
        slot.get_or_insert(line);
    }

    /// Records `%` in [`Table::units`] for every column written as percentages. A column
    /// mixing `12.5%` and `12.5` (unless its header says `%`), or whose `%` cells
    /// contradict a unit the file states elsewhere (a header `比率（亿元）`), is an error:
    /// no one rule could print it.
    pub fn apply(self, table: &mut Table, shown: &Path) -> Result<(), Diagnostic> {
        for (col, seen) in self.columns.into_iter().enumerate() {
            let Some(percent_line) = seen.percent else {
                continue;
            };
            let name = table.columns.get(col).cloned().unwrap_or_default();
            // A header that says `%` (`比上年增长%`) makes `6.1` and `超过6%` the same unit.
            let header_says_percent = table.units.get(&name).is_some_and(|u| u == "%");
            if let Some(plain_line) = seen.plain.filter(|_| !header_says_percent) {
                return Err(Diagnostic::at(
                    shown,
                    plain_line,
                    None,
                    format!(
                        "column `{name}` mixes percentages (`%`, line {percent_line}) and plain numbers (line {plain_line})"
                    ),
                )
                .with_hint("write every number of the column with `%`, or none and give the unit in the sidecar's [units]"));
            }
            match table.units.get(&name) {
                Some(unit) if unit != "%" => {
                    return Err(Diagnostic::at(
                        shown,
                        percent_line,
                        None,
                        format!(
                            "column `{name}` is in `{unit}`, but its cells are written with `%`"
                        ),
                    ))
                }
                _ => {
                    table.units.insert(name, "%".to_string());
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::data::Number;

    fn number() -> Cell {
        Cell::Number(Number::exact(1.0))
    }

    #[test]
    fn percent_columns_get_their_unit() {
        let mut table = Table::new("t.csv", vec!["a".into(), "b".into()], vec![]);
        let mut units = WrittenUnits::default();
        units.note(0, 2, Some("12.5%"), &number());
        units.note(0, 3, Some("3 ％"), &number());
        units.note(0, 4, Some("NA"), &Cell::Text("NA".into()));
        units.note(1, 2, Some("12.5"), &number());
        units.apply(&mut table, Path::new("charts/t.csv")).unwrap();
        assert_eq!(table.units.get("a").map(String::as_str), Some("%"));
        assert_eq!(table.units.get("b"), None);
    }

    #[test]
    fn a_percent_header_lets_cells_say_percent_or_not() {
        let mut table = Table::new("t.csv", vec!["增长".into()], vec![]);
        table.units.insert("增长".into(), "%".into());
        let mut units = WrittenUnits::default();
        units.note(0, 2, None, &number());
        units.note(0, 5, Some("超过6%"), &number());
        units.apply(&mut table, Path::new("charts/t.csv")).unwrap();
        assert_eq!(table.units.get("增长").map(String::as_str), Some("%"));
    }

    #[test]
    fn mixed_or_contradicted_percentages_are_errors() {
        let mut table = Table::new("t.csv", vec!["a".into()], vec![]);
        let mut units = WrittenUnits::default();
        units.note(0, 2, Some("12.5%"), &number());
        units.note(0, 5, None, &number());
        let d = units
            .apply(&mut table, Path::new("charts/t.csv"))
            .unwrap_err();
        assert_eq!(d.line, Some(5));
        assert!(d.message.contains("mixes percentages (`%`, line 2)"), "{d}");

        table.units.insert("a".into(), "亿元".into());
        let mut units = WrittenUnits::default();
        units.note(0, 3, Some("1%"), &number());
        let d = units
            .apply(&mut table, Path::new("charts/t.csv"))
            .unwrap_err();
        assert!(d.message.contains("is in `亿元`"), "{d}");
    }
}
