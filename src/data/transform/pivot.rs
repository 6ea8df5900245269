//! `pivot = { index = "年份", columns = "地区", values = "GDP" }`: a long ("tidy") table,
//! one row per year and region, turned wide: one row per year, one column per region.
//! Rows and columns keep the order they first appear in; a pair given twice is an error.

use std::collections::BTreeMap;

use super::{KeySeg, Pivot, StepError};
use crate::data::{Cell, Row, Table};

fn column(table: &Table, name: &str, key: &'static str) -> Result<usize, StepError> {
    table.column(name).ok_or_else(|| {
        StepError::new(
            vec![KeySeg::Key("pivot"), KeySeg::Key(key)],
            format!("pivot.{key}: no column `{name}` in charts/{}", table.path),
        )
        .with_hint(format!("the columns are: {}", table.columns.join(", ")))
    })
}

/// The wide form of `table`.
pub fn pivot(table: Table, spec: &Pivot) -> Result<Table, StepError> {
    let index = column(&table, &spec.index, "index")?;
    let across = column(&table, &spec.columns, "columns")?;
    let values = column(&table, &spec.values, "values")?;
    let at = |key: &'static str, message: String| {
        StepError::new(vec![KeySeg::Key("pivot"), KeySeg::Key(key)], message)
    };
    let mut headers: Vec<String> = vec![spec.index.clone()];
    let mut header_of: BTreeMap<String, usize> = BTreeMap::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut row_of: BTreeMap<String, usize> = BTreeMap::new();
    // Where each (row, column) pair was given, for the message about a repeat.
    let mut given: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for row in &table.rows {
        let key_cell = row.cells.get(index).cloned().unwrap_or(Cell::Empty);
        let name_cell = row.cells.get(across).cloned().unwrap_or(Cell::Empty);
        if key_cell.is_missing() || name_cell.is_missing() {
            let which = if key_cell.is_missing() {
                &spec.index
            } else {
                &spec.columns
            };
            return Err(at(
                if key_cell.is_missing() {
                    "index"
                } else {
                    "columns"
                },
                format!(
                    "pivot: empty `{which}` cell at line {} of charts/{}",
                    row.line, table.path
                ),
            ));
        }
        let name = name_cell.to_string();
        let c = match header_of.get(&name) {
            Some(&c) => c,
            None => {
                if name == spec.index {
                    return Err(at(
                        "columns",
                        format!(
                            "pivot: `{}` holds `{name}`, the name of the index column",
                            spec.columns
                        ),
                    ));
                }
                headers.push(name.clone());
                header_of.insert(name, headers.len() - 1);
                headers.len() - 1
            }
        };
        let label = key_cell.to_string();
        let r = match row_of.get(&label) {
            Some(&r) => r,
            None => {
                rows.push(Row::new(row.line, vec![key_cell]));
                row_of.insert(label.clone(), rows.len() - 1);
                rows.len() - 1
            }
        };
        if let Some(first) = given.insert((r, c), row.line) {
            return Err(at(
                "index",
                format!(
                    "pivot: lines {first} and {} of charts/{} both give `{}` = {} for `{}` = {label}",
                    row.line,
                    table.path,
                    spec.columns,
                    headers.get(c).map_or("", String::as_str),
                    spec.index
                ),
            )
            .with_hint("filter the rows first (filter = \"…\"), or pick another index column"));
        }
        if let Some(out) = rows.get_mut(r) {
            out.cells.resize(headers.len(), Cell::Empty);
            if let Some(cell) = out.cells.get_mut(c) {
                *cell = row.cells.get(values).cloned().unwrap_or(Cell::Empty);
            }
        }
    }
    for row in &mut rows {
        row.cells.resize(headers.len(), Cell::Empty);
    }
    let mut units = BTreeMap::new();
    if let Some(unit) = table.units.get(&spec.values) {
        for h in headers.iter().skip(1) {
            units.insert(h.clone(), unit.clone());
        }
    }
    Ok(Table {
        path: table.path,
        columns: headers,
        rows,
        units,
        notes: table.notes,
        sheet: table.sheet,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::super::filter::tests::long;
    use super::*;
    use crate::data::Number;

    fn spec() -> Pivot {
        Pivot {
            index: "年份".into(),
            columns: "国家".into(),
            values: "人口".into(),
        }
    }

    #[test]
    fn long_becomes_wide() {
        let t = pivot(long(), &spec()).unwrap();
        assert_eq!(t.columns, ["年份", "中国", "美国", "印度"]);
        let labels: Vec<String> = (0..t.rows.len()).map(|r| t.row_label(r)).collect();
        assert_eq!(labels, ["1990", "1995", "2000"]);
        assert_eq!(t.cell(1, 2), long().cell(2, 2));
        assert_eq!(t.cell(0, 3), Some(&Cell::Empty));
        assert_eq!(t.cell(2, 1), Some(&Cell::Empty));
        assert_eq!(t.rows[1].line, 3);
    }

    #[test]
    fn a_pair_given_twice_names_both_lines() {
        let mut t = long();
        t.rows[1].cells[0] = Cell::Number(Number::exact(1990.0));
        let e = pivot(t, &spec()).unwrap_err();
        assert!(e.message.contains("lines 2 and 3"), "{}", e.message);
        let e = pivot(
            long(),
            &Pivot {
                values: "产值".into(),
                ..spec()
            },
        )
        .unwrap_err();
        assert_eq!(e.key, [KeySeg::Key("pivot"), KeySeg::Key("values")]);
    }
}
