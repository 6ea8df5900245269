//! TOML data files: a `[[rows]]` array of tables; columns are the keys in the order
//! first seen. Spans from the TOML parser give each row and bad value its line.

use std::path::Path;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::cell::{parse_cell, parse_number};
use super::written_units::WrittenUnits;
use crate::config::toml_diagnostic;
use crate::data::{Cell, Row};
use crate::error::{Diagnostic, LineCounter};

/// Columns and rows of a TOML text.
pub fn read(
    text: &str,
    shown: &Path,
    units: &mut WrittenUnits,
) -> Result<(Vec<String>, Vec<Row>), Diagnostic> {
    let doc = DeTable::parse(text).map_err(|e| toml_diagnostic(&e, text, shown))?;
    let mut rows_value = None;
    for (key, value) in doc.get_ref().iter() {
        if key.get_ref() == "rows" {
            rows_value = Some(value);
        } else {
            return Err(Diagnostic::at_offset(
                shown,
                text,
                key.span().start,
                format!("unknown key `{}`", key.get_ref()),
            )
            .with_hint("a TOML data file holds only [[rows]] tables"));
        }
    }
    let Some(rows_value) = rows_value else {
        return Ok((Vec::new(), Vec::new()));
    };
    let DeValue::Array(items) = rows_value.get_ref() else {
        return Err(at(
            shown,
            text,
            rows_value,
            "`rows` must be written as [[rows]] tables",
        ));
    };
    let mut columns: Vec<String> = Vec::new();
    let mut tables = Vec::with_capacity(items.len());
    let mut lines = LineCounter::new(text);
    for item in items.iter() {
        let DeValue::Table(table) = item.get_ref() else {
            return Err(at(
                shown,
                text,
                item,
                "each entry of `rows` must be a table",
            ));
        };
        for key in table.keys() {
            let name = key.get_ref().as_ref();
            if !columns.iter().any(|c| c == name) {
                columns.push(name.to_string());
            }
        }
        tables.push((lines.line(item.span().start), table));
    }
    let mut rows = Vec::with_capacity(tables.len());
    for (line, table) in tables {
        let mut cells = vec![Cell::Empty; columns.len()];
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            let cell = toml_cell(value.get_ref())
                .map_err(|m| at(shown, text, value, &format!("`{name}`: {m}")))?;
            let Some(col) = columns.iter().position(|c| c == name) else {
                continue;
            };
            let raw = match value.get_ref() {
                DeValue::String(s) => Some(s.as_ref()),
                _ => None,
            };
            units.note(col, line, raw, &cell);
            if let Some(slot) = cells.get_mut(col) {
                *slot = cell;
            }
        }
        rows.push(Row::new(line, cells));
    }
    Ok((columns, rows))
}

fn at(shown: &Path, text: &str, value: &Spanned<DeValue<'_>>, message: &str) -> Diagnostic {
    Diagnostic::at_offset(shown, text, value.span().start, message)
}

fn toml_cell(value: &DeValue<'_>) -> Result<Cell, String> {
    match value {
        DeValue::String(s) => parse_cell(s),
        DeValue::Integer(i) if i.radix() == 10 => number(i.as_str()),
        DeValue::Integer(i) => i128::from_str_radix(i.as_str(), i.radix())
            .map(|v| Cell::Number(crate::data::Number::exact(v as f64)))
            .map_err(|_| format!("cannot read number `{}`", i.as_str())),
        DeValue::Float(f) => {
            if f.as_str().contains(['n', 'i']) {
                Err(super::NOT_FINITE.to_string())
            } else {
                number(f.as_str())
            }
        }
        DeValue::Boolean(_) => Err("a cell must be a number or a string, not true/false".into()),
        DeValue::Datetime(_) => Err("a cell must be a number or a string, not a date".into()),
        DeValue::Array(_) | DeValue::Table(_) => {
            Err("a cell must be a number or a string, not a list or table".into())
        }
    }
}

fn number(text: &str) -> Result<Cell, String> {
    match parse_number(text)? {
        Some(n) => Ok(Cell::Number(n)),
        None => Err(format!("cannot read number `{text}`")),
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
    use crate::data::Qualifier;

    fn shown() -> &'static Path {
        Path::new("charts/t.toml")
    }

    #[test]
    fn rows_with_lines_and_first_seen_columns() {
        let text =
            "# data\n[[rows]]\n\"领域\" = \"甲\"\nv = 1_000.50\n\n[[rows]]\nw = \"不足1\"\nv = 2\n";
        let (cols, rows) = read(text, shown(), &mut Default::default()).unwrap();
        assert_eq!(cols, ["领域", "v", "w"]);
        assert_eq!((rows[0].line, rows[1].line), (2, 6));
        let n = rows[0].cells[1].as_number().unwrap();
        assert_eq!((n.value, n.decimals), (1000.5, 2));
        assert_eq!(rows[1].cells[0], Cell::Empty);
        let u = rows[1].cells[2].as_number().unwrap();
        assert_eq!((u.value, u.qualifier), (1.0, Qualifier::LessThan));
        assert_eq!(rows[1].cells[1].as_number().unwrap().value, 2.0);
    }

    #[test]
    fn errors_point_at_the_value() {
        let d = read(
            "[[rows]]\na = 1\nb = nan\n",
            shown(),
            &mut Default::default(),
        )
        .unwrap_err();
        assert_eq!(d.to_string(), "charts/t.toml:3:5: `b`: not a finite number");
        let d = read("[[rows]]\na = \"-inf\"\n", shown(), &mut Default::default()).unwrap_err();
        assert_eq!(d.line, Some(2));
        let d = read("[[rows]]\na = true\n", shown(), &mut Default::default()).unwrap_err();
        assert!(d.message.contains("true/false"));
        let d = read(
            "title = \"x\"\n[[rows]]\na = 1\n",
            shown(),
            &mut Default::default(),
        )
        .unwrap_err();
        assert_eq!(
            (d.line, d.message.as_str()),
            (Some(1), "unknown key `title`")
        );
        let d = read("[[rows]]\na = \n", shown(), &mut Default::default()).unwrap_err();
        assert_eq!(d.line, Some(2));
        assert_eq!(
            read("", shown(), &mut Default::default()).unwrap(),
            (vec![], vec![])
        );
    }
}
