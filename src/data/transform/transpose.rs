//! `transpose`: a yearbook table with indicators as rows and periods as columns
//! (`指标,2019年,2020年`) turned into periods as rows and indicators as columns, so a
//! chart over time can read it. Also a data-sidecar key, so shortcodes see the same table.

use std::collections::BTreeMap;

use crate::data::load::{reads_as_unit, split_unit};
use crate::data::{Cell, Row, Table};

/// Turns `table` round: its header cells after the first become the rows (labelled in a
/// new first column `column`), its row labels become the columns. Units carry over when
/// the old value columns all share one; a row label that states its unit
/// (`城镇化率（%）`) becomes a column of that name and unit. The table's notes are kept.
pub fn transpose(table: Table, column: &str) -> Result<Table, String> {
    if table.columns.len() < 2 {
        return Err(format!(
            "transpose: charts/{} has one column; there are no periods to turn into rows",
            table.path
        ));
    }
    let mut columns = vec![column.to_string()];
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    // Units a row label states (`常住人口（万人）`): its column's, as a header's would be.
    let mut own_units: BTreeMap<String, String> = BTreeMap::new();
    let named = row_names(&table);
    for (row, (label, unit)) in table.rows.iter().zip(named) {
        if let Some(unit) = unit {
            own_units.insert(label.clone(), unit);
        }
        if label.is_empty() {
            return Err(format!(
                "transpose: the row at line {} of charts/{} has no label to become a column name",
                row.line, table.path
            ));
        }
        if let Some(first) = seen.insert(label.clone(), row.line) {
            return Err(format!(
                "transpose: rows at lines {first} and {} of charts/{} are both `{label}`; column names must differ",
                row.line, table.path
            ));
        }
        if label == column {
            return Err(format!(
                "transpose: a row of charts/{} is called `{label}`, the name of the new first column",
                table.path
            ));
        }
        columns.push(label);
    }
    let rows = (1..table.columns.len())
        .map(|c| {
            let header = table.columns.get(c).cloned().unwrap_or_default();
            let mut cells = Vec::with_capacity(columns.len());
            cells.push(Cell::Text(header));
            cells.extend(
                table
                    .rows
                    .iter()
                    .map(|r| r.cells.get(c).cloned().unwrap_or(Cell::Empty)),
            );
            Row::new(0, cells)
        })
        .collect();
    let mut units = BTreeMap::new();
    if let Some(unit) = shared_unit(&table) {
        for name in columns.iter().skip(1) {
            units.insert(name.clone(), unit.clone());
        }
    }
    units.extend(own_units);
    Ok(Table {
        path: table.path,
        columns,
        rows,
        units,
        notes: table.notes,
        sheet: table.sheet,
    })
}

/// Each row's column name and the unit it states: its label without a unit that ends it;
/// a sub-row under a row that states a unit has that unit too (`城镇` under
/// `常住人口（万人）` counts 万人). A label several rows share is named by its parent
/// (`居民人均可支配收入/城镇`), as shortcodes name such rows.
fn row_names(table: &Table) -> Vec<(String, Option<String>)> {
    let parents = table.parents();
    let parent_of = |i: usize| parents.get(i).copied().flatten();
    let mut named: Vec<(String, Option<String>)> = Vec::with_capacity(table.rows.len());
    for i in 0..table.rows.len() {
        let written = table.row_label(i);
        let (label, unit) = match split_unit(&written).filter(|(_, unit)| reads_as_unit(unit)) {
            Some((bare, unit)) => (bare.to_string(), Some(unit.to_string())),
            None => (written, None),
        };
        let parent = parent_of(i).and_then(|p| named.get(p));
        let unit = unit.or_else(|| parent.and_then(|(_, u)| u.clone()));
        named.push((label, unit));
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (label, _) in &named {
        *counts.entry(label.as_str()).or_default() += 1;
    }
    let repeated: Vec<bool> = named
        .iter()
        .map(|(label, _)| counts.get(label.as_str()).is_some_and(|&n| n > 1))
        .collect();
    // Parents' names as they stand before any is qualified by its own parent.
    let bare: Vec<String> = named.iter().map(|(label, _)| label.clone()).collect();
    for (i, (label, _)) in named.iter_mut().enumerate() {
        let parent = parent_of(i).and_then(|p| bare.get(p));
        if let (true, Some(parent)) = (repeated.get(i).copied().unwrap_or(false), parent) {
            *label = format!("{parent}/{label}");
        }
    }
    named
}

/// The unit every value column has, if they agree (a `单位：` line gives them all one).
fn shared_unit(table: &Table) -> Option<String> {
    let mut units = table.columns.iter().skip(1).map(|c| table.units.get(c));
    let first = units.next()??;
    units.all(|u| u == Some(first)).then(|| first.clone())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::data::Number;

    fn yearbook() -> Table {
        let n = |v| Cell::Number(Number::exact(v));
        let mut t = Table::new(
            "gdp.csv",
            vec!["指标".into(), "2021年".into(), "2022年".into()],
            vec![
                Row::new(
                    2,
                    vec![Cell::Text("地区生产总值".into()), n(27894.0), n(29129.0)],
                ),
                Row::new(
                    3,
                    vec![Cell::Text("第一产业".into()), n(1922.0), Cell::Empty],
                ),
            ],
        );
        t.units.insert("2021年".into(), "亿元".into());
        t.units.insert("2022年".into(), "亿元".into());
        t
    }

    #[test]
    fn periods_become_rows() {
        let t = transpose(yearbook(), "年份").unwrap();
        assert_eq!(t.columns, ["年份", "地区生产总值", "第一产业"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.row_label(1), "2022年");
        assert_eq!(t.cell(1, 1), Some(&Cell::Number(Number::exact(29129.0))));
        assert_eq!(t.cell(1, 2), Some(&Cell::Empty));
        assert_eq!(t.units.get("第一产业").map(String::as_str), Some("亿元"));
    }

    #[test]
    fn units_in_row_labels_become_the_columns_units() {
        let mut t = yearbook();
        t.rows[0].cells[0] = Cell::Text("地区生产总值（亿元）".into());
        t.rows[1].cells[0] = Cell::Text("城镇化率（%）".into());
        t.units.clear();
        let t = transpose(t, "年份").unwrap();
        assert_eq!(t.columns, ["年份", "地区生产总值", "城镇化率"]);
        assert_eq!(
            t.units.get("地区生产总值").map(String::as_str),
            Some("亿元")
        );
        assert_eq!(t.units.get("城镇化率").map(String::as_str), Some("%"));
        for qualified in [
            "固定资产投资（不含农户）",
            "地区生产总值（现价）",
            "工业（规模以上）",
        ] {
            let mut t = yearbook();
            t.rows[0].cells[0] = Cell::Text(qualified.into());
            let t = transpose(t, "年份").unwrap();
            assert_eq!(t.columns[1], qualified, "a qualifier is part of the name");
            assert_eq!(t.units.get(qualified).map(String::as_str), Some("亿元"));
        }
    }

    #[test]
    fn twice_is_the_table_again_but_for_the_corner() {
        let once = transpose(yearbook(), "年份").unwrap();
        let twice = transpose(once, "指标").unwrap();
        assert_eq!(twice.columns, yearbook().columns);
        assert_eq!(twice.rows[0].cells, yearbook().rows[0].cells);
    }

    #[test]
    fn repeated_labels_are_refused() {
        let mut t = yearbook();
        t.rows[1].cells[0] = Cell::Text("地区生产总值".into());
        let e = transpose(t, "年份").unwrap_err();
        assert!(e.contains("lines 2 and 3"), "{e}");
        let e = transpose(yearbook(), "第一产业").unwrap_err();
        assert!(e.contains("name of the new first column"), "{e}");
    }
}
