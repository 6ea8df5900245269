//! JSON data files: an array of objects, one per row; columns are the keys in the
//! order first seen, values are numbers, strings or null.

use std::path::Path;

use serde_json::Value;

use super::cell::{parse_cell, parse_number};
use super::written_units::WrittenUnits;
use crate::data::{Cell, Row};
use crate::error::Diagnostic;

/// Columns and rows of a JSON text.
pub fn read(
    text: &str,
    shown: &Path,
    units: &mut WrittenUnits,
) -> Result<(Vec<String>, Vec<Row>), Diagnostic> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let message = format!("invalid JSON: {e}");
        // serde_json reports 0:0 when the text ends too early to have a place.
        if e.line() == 0 {
            Diagnostic::file(shown, message)
        } else {
            Diagnostic::at(shown, e.line(), Some(e.column().max(1)), message)
        }
    })?;
    let Value::Array(items) = value else {
        return Err(
            Diagnostic::file(shown, "a JSON data file must be an array of objects")
                .with_hint(r#"write it as [{"列": 1}, {"列": 2}]"#),
        );
    };
    let lines = object_lines(text);
    let mut columns: Vec<String> = Vec::new();
    let mut objects = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let line = lines.get(i).copied().unwrap_or(0);
        let Value::Object(map) = item else {
            let message = format!("row {} is not an object", i + 1);
            return Err(match line {
                0 => Diagnostic::file(shown, message),
                _ => Diagnostic::at(shown, line, None, message),
            });
        };
        for key in map.keys() {
            if !columns.contains(key) {
                columns.push(key.clone());
            }
        }
        objects.push((line, map));
    }
    let mut rows = Vec::with_capacity(objects.len());
    for (line, map) in objects {
        let mut cells = Vec::with_capacity(columns.len());
        for column in &columns {
            let cell = map.get(column).map_or(Ok(Cell::Empty), json_cell);
            let cell = cell.map_err(|m| {
                let message = format!("`{column}`: {m}");
                match line {
                    0 => Diagnostic::file(shown, message),
                    _ => Diagnostic::at(shown, line, None, message),
                }
            })?;
            let raw = map.get(column).and_then(Value::as_str);
            units.note(cells.len(), line, raw, &cell);
            cells.push(cell);
        }
        rows.push(Row::new(line, cells));
    }
    Ok((columns, rows))
}

fn json_cell(value: &Value) -> Result<Cell, String> {
    match value {
        Value::Null => Ok(Cell::Empty),
        Value::String(s) => parse_cell(s),
        // serde_json writes the shortest form that reads back the same (40.30 → 40.3),
        // the closest it keeps to the written decimals.
        Value::Number(n) => match parse_number(&n.to_string())? {
            Some(number) => Ok(Cell::Number(number)),
            None => Err(format!("cannot read number `{n}`")),
        },
        Value::Bool(_) => Err("a cell must be a number or a string, not true/false".into()),
        Value::Array(_) | Value::Object(_) => {
            Err("a cell must be a number or a string, not a list or object".into())
        }
    }
}

/// The 1-based line of each object directly inside the top-level array, in order.
/// The text is already known to be valid JSON; this only tracks strings and nesting.
fn object_lines(text: &str) -> Vec<usize> {
    let mut lines = Vec::new();
    let (mut line, mut depth) = (1usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for ch in text.chars() {
        if ch == '\n' {
            line += 1;
        }
        if in_string {
            match (escaped, ch) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match ch {
            '"' => in_string = true,
            '[' | '{' => {
                if ch == '{' && depth == 1 {
                    lines.push(line);
                }
                depth += 1;
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    lines
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
        Path::new("charts/t.json")
    }

    #[test]
    fn columns_in_first_seen_order_and_lines() {
        let text = "[\n  {\"b\": 1, \"a\": \"x{[\\\"\"},\n  {\"c\": null, \"a\": \">5\"},\n  {\"b\": 1.50}\n]\n";
        let (cols, rows) = read(text, shown(), &mut Default::default()).unwrap();
        assert_eq!(cols, ["b", "a", "c"]);
        let lines: Vec<usize> = rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3, 4]);
        assert_eq!(rows[0].cells[1], Cell::Text("x{[\"".into()));
        assert_eq!(rows[0].cells[2], Cell::Empty);
        assert_eq!(rows[1].cells[0], Cell::Empty);
        let over = rows[1].cells[1].as_number().unwrap();
        assert_eq!((over.value, over.qualifier), (5.0, Qualifier::Over));
        let n = rows[2].cells[0].as_number().unwrap();
        assert_eq!((n.value, n.decimals), (1.5, 1));
    }

    #[test]
    fn malformed_json_has_line_and_column() {
        let d = read("[\n  {\"a\": 1,}\n]", shown(), &mut Default::default()).unwrap_err();
        assert_eq!(d.line, Some(2));
        assert!(d.col.is_some());
        assert!(d.message.starts_with("invalid JSON"), "{d}");
    }

    #[test]
    fn wrong_shapes_are_errors() {
        assert!(read("{\"a\": 1}", shown(), &mut Default::default())
            .unwrap_err()
            .message
            .contains("array of objects"));
        let d = read("[\n{\"a\": 1},\n2]", shown(), &mut Default::default()).unwrap_err();
        assert_eq!(d.message, "row 2 is not an object");
        let d = read("[\n{\"a\": true}]", shown(), &mut Default::default()).unwrap_err();
        assert_eq!(d.line, Some(2));
        let d = read("[{\"a\": \"NaN\"}]", shown(), &mut Default::default()).unwrap_err();
        assert_eq!(d.to_string(), "charts/t.json:1: `a`: not a finite number");
    }
}
