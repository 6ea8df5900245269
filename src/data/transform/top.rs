//! `top = N` (with `other = "其他"`): keeps the N largest parts and merges the rest into
//! one row, so a 9-part table becomes a 6-slice donut without editing the data. A total
//! row is never merged (it stays where it was); an of-which row stays only with its parent.

use super::{KeySeg, StepError};
use crate::data::format::combined_qualifier;
use crate::data::roles::is_rate;
use crate::data::{Cell, Number, Row, RowRole, Table};

/// `table` with its parts beyond the `n` largest (by column `rank_by`) merged into one
/// row labelled `other`; whether anything was merged.
pub fn top(
    mut table: Table,
    n: usize,
    other: &str,
    rank_by: &str,
) -> Result<(Table, bool), StepError> {
    let at = |message: String| StepError::new(vec![KeySeg::Key("top")], message);
    if n == 0 {
        return Err(at("top must be at least 1".to_string()));
    }
    let col = table.column(rank_by).ok_or_else(|| {
        at(format!("top ranks rows by the chart's first `y` column, `{rank_by}`, which is not in charts/{}", table.path))
            .with_hint(format!("the columns are: {}", table.columns.join(", ")))
    })?;
    let parts: Vec<usize> = (0..table.rows.len())
        .filter(|&r| is_part(&table, r))
        .collect();
    if parts.len() <= n {
        return Ok((table, false));
    }
    let mut ranked = parts.clone();
    // Largest first; an empty cell ranks last; ties keep the table's order.
    let size = |r: usize| {
        table
            .cell(r, col)
            .and_then(Cell::as_number)
            .map(|v| v.value)
    };
    ranked.sort_by(|&a, &b| match (size(a), size(b)) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let mut kept = vec![false; table.rows.len()];
    for &r in ranked.iter().take(n) {
        if let Some(k) = kept.get_mut(r) {
            *k = true;
        }
    }
    if let Some(r) =
        (0..table.rows.len()).find(|&r| kept.get(r) == Some(&true) && table.row_label(r) == other)
    {
        return Err(StepError::new(
            vec![KeySeg::Key("other")],
            format!("the merged row would be called `{other}`, but row `{other}` is among the {n} largest"),
        )
        .with_hint(format!("name the merged row differently, e.g. other = \"其余{}项\" (line {} is `{other}`)", parts.len() - n, table.rows.get(r).map_or(0, |x| x.line))));
    }
    let merged_rows: Vec<usize> = parts
        .iter()
        .copied()
        .filter(|&r| kept.get(r) != Some(&true))
        .collect();
    let merged = merged_row(&table, &merged_rows, other);
    let totals: Vec<bool> = (0..table.rows.len())
        .map(|r| table.is_total_row(r))
        .collect();
    let rows = std::mem::take(&mut table.rows);
    let mut out: Vec<Row> = Vec::with_capacity(n + 2);
    let mut parent_kept = false;
    let mut insert_at = 0;
    for (r, row) in rows.into_iter().enumerate() {
        let keep = match row.role {
            RowRole::Subset => parent_kept,
            _ if kept.get(r) == Some(&true) => {
                parent_kept = true;
                true
            }
            _ if totals.get(r) == Some(&true) => {
                parent_kept = false;
                true
            }
            _ => {
                parent_kept = false;
                false
            }
        };
        if keep {
            let total = totals.get(r) == Some(&true);
            out.push(row);
            if !total {
                insert_at = out.len();
            }
        }
    }
    out.insert(insert_at.min(out.len()), merged);
    table.rows = out;
    Ok((table, true))
}

/// A part of the whole: neither a total nor an of-which row.
fn is_part(table: &Table, r: usize) -> bool {
    table
        .rows
        .get(r)
        .is_some_and(|row| row.role == RowRole::Part)
        && !table.is_total_row(r)
}

/// The sum of `rows`, column by column: numbers add up (qualifier combined, rounded to
/// the inputs' precision); text and empty columns stay empty, and so do columns of rates
/// (growth, per head: see [`is_rate`]), whose sum means nothing.
fn merged_row(table: &Table, rows: &[usize], label: &str) -> Row {
    let mut cells = vec![Cell::Text(label.to_string())];
    for (col, name) in table.columns.iter().enumerate().skip(1) {
        if is_rate(name, table.units.get(name).map(String::as_str)) {
            cells.push(Cell::Empty);
            continue;
        }
        let numbers: Vec<Number> = rows
            .iter()
            .filter_map(|&r| table.cell(r, col).and_then(Cell::as_number))
            .collect();
        if numbers.is_empty() {
            cells.push(Cell::Empty);
            continue;
        }
        let decimals = numbers.iter().map(|n| n.decimals).max().unwrap_or(0);
        let scale = 10f64.powi(i32::from(decimals.min(9)));
        let value = (numbers.iter().map(|n| n.value).sum::<f64>() * scale).round() / scale;
        cells.push(Cell::Number(Number {
            value,
            qualifier: combined_qualifier(numbers.iter().map(|n| n.qualifier)),
            decimals,
        }));
    }
    Row::new(0, cells)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn parts() -> Table {
        let text = "行业,产值\n合计,100\n甲,10\n乙,40\n#乙一,30\n丙,~5.5\n丁,20\n戊,\n己,24.5";
        let mut t = super::super::csv(text);
        for row in &mut t.rows {
            if matches!(row.cells.first(), Some(Cell::Text(l)) if l.starts_with('#')) {
                row.role = RowRole::Subset;
            }
        }
        t
    }

    fn labels(t: &Table) -> Vec<String> {
        (0..t.rows.len()).map(|r| t.row_label(r)).collect()
    }

    #[test]
    fn keeps_the_largest_and_merges_the_rest() {
        let (t, merged) = top(parts(), 3, "其他", "产值").unwrap();
        assert!(merged);
        assert_eq!(labels(&t), ["合计", "乙", "#乙一", "丁", "己", "其他"]);
        let other = t.cell(5, 1).unwrap().as_number().unwrap();
        assert_eq!(other.value, 15.5);
        assert_eq!(other.qualifier, crate::data::Qualifier::About);
        assert_eq!(other.decimals, 1);
    }

    #[test]
    fn the_total_is_never_merged_and_subsets_follow_their_parent() {
        let (t, _) = top(parts(), 1, "其余", "产值").unwrap();
        assert_eq!(labels(&t), ["合计", "乙", "#乙一", "其余"]);
        assert_eq!(t.cell(3, 1).unwrap().as_number().unwrap().value, 60.0);
    }

    #[test]
    fn few_rows_are_left_alone() {
        let (t, merged) = top(parts(), 6, "其他", "产值").unwrap();
        assert!(!merged);
        assert_eq!(t, parts());
    }

    #[test]
    fn mistakes() {
        assert!(top(parts(), 0, "其他", "产值")
            .unwrap_err()
            .message
            .contains("at least 1"));
        assert!(top(parts(), 2, "其他", "值")
            .unwrap_err()
            .message
            .contains("`值`"));
        let e = top(parts(), 2, "乙", "产值").unwrap_err();
        assert_eq!(e.key, [KeySeg::Key("other")]);
    }
}
