//! The data of a scatter chart: the `x`, `y` and optional `size` columns read per row
//! (series 0, 1, 2 of each item, each in its own unit), the point names from `label`,
//! the checks a log axis or a bubble size needs, and what the chart says in words and
//! in its table.

use crate::data::format::NumberStyle;
use crate::data::roles::shown_depth;
use crate::data::{Cell, Number, RowRole};
use crate::error::Diagnostic;

use super::prepare::{ChartData, Ctx, Item};
use super::rules::list;
use super::DisplayTable;

/// Series of a scatter item.
pub const X: usize = 0;
pub const Y: usize = 1;
pub const SIZE: usize = 2;

/// Header of the point names when the table has no column to name them.
const NUMBERED: &str = "序号";

/// Reads and checks a scatter's rows. Every drawn row becomes an item (rows with a
/// missing cell too: the point is left out, the table shows the row).
pub(super) fn prepare(cx: &Ctx) -> Result<ChartData, Diagnostic> {
    let spec = cx.spec;
    let table = cx.table;
    if spec.y.len() != 1 {
        return Err(Diagnostic::file(
            cx.spec_file,
            format!(
                "a scatter chart draws one vertical column; `y` lists {}",
                spec.y.len()
            ),
        )
        .with_hint("e.g. x = \"人均GDP\", y = [\"预期寿命\"]"));
    }
    if spec.scale_unit.is_some() {
        return Err(Diagnostic::file(
            cx.spec_file,
            "scale_unit: a scatter chart shows each column in its own unit",
        )
        .with_hint("remove scale_unit, or rescale the column in the data (derive)"));
    }
    let mut names = vec![(spec.x.clone(), "x"), (spec.y.concat(), "y")];
    if let Some(size) = &spec.size {
        names.push((size.clone(), "size"));
    }
    let cols = names
        .iter()
        .map(|(name, key)| cx.column(name, key))
        .collect::<Result<Vec<_>, _>>()?;
    // The point names: `label`, else the first column when it is not drawn.
    let label_col = match &spec.label {
        Some(name) => Some(cx.column(name, "label")?),
        None => Some(0).filter(|c| !cols.contains(c) && !table.columns.is_empty()),
    };
    let logs = [spec.x_log, spec.y_log, false];
    let mut items = Vec::new();
    for row in table.rows.iter().filter(|r| r.role != RowRole::Total) {
        let mut values = Vec::with_capacity(cols.len());
        let mut gaps = Vec::with_capacity(cols.len());
        for (s, (&c, (name, key))) in cols.iter().zip(&names).enumerate() {
            let (n, gap) = cx.value(row, c, name)?;
            let log = logs.get(s).copied().unwrap_or(false);
            if gap.is_none() && ((log && n.value <= 0.0) || (s == SIZE && n.value < 0.0)) {
                let (what, fix) = if s == SIZE {
                    ("a bubble cannot have a size below zero", "size")
                } else {
                    (
                        "a logarithmic axis shows only values above zero",
                        if *key == "x" { "x_log" } else { "y_log" },
                    )
                };
                return Err(cx
                    .at_cell(
                        row,
                        c,
                        format!(
                            "`{}` in column `{name}`: {what}",
                            cell_text(row.cells.get(c))
                        ),
                    )
                    .with_hint(format!(
                        "chart `{}` draws this column; correct the value or drop `{fix}`",
                        cx.spec_file.display()
                    )));
            }
            values.push(n);
            gaps.push(gap);
        }
        let label = match label_col.and_then(|c| row.cells.get(c)) {
            Some(cell) if !cell.is_missing() => cell.to_string(),
            _ => (items.len() + 1).to_string(),
        };
        items.push(Item {
            label,
            values,
            gaps,
            reference: None,
            line: row.line,
            depth: shown_depth(row),
            remainder: false,
            highlight: false,
        });
    }
    if !items.iter().any(|i| i.gaps.iter().all(Option::is_none)) {
        return Err(Diagnostic::file(
            cx.spec_file,
            format!(
                "`{}` has no row with every drawn column filled in",
                table.path
            ),
        ));
    }
    for name in &spec.highlight {
        let mut found = false;
        for item in items.iter_mut().filter(|i| &i.label == name) {
            item.highlight = true;
            found = true;
        }
        if !found {
            return Err(Diagnostic::file(
                cx.spec_file,
                format!("highlight: `{name}` names no point of this chart"),
            )
            .with_hint(format!(
                "the chart's points: {}",
                list(items.iter().map(|i| i.label.as_str()))
            )));
        }
    }
    let series_units = names
        .iter()
        .enumerate()
        .map(|(s, (name, _))| {
            let own = table.unit_of(name).map(str::to_string);
            // The spec's `unit` names the vertical column's unit when the data states none.
            if s == Y {
                own.or_else(|| spec.unit.clone())
            } else {
                own
            }
        })
        .collect();
    Ok(ChartData {
        x_name: label_col
            .and_then(|c| table.columns.get(c).cloned())
            .unwrap_or_else(|| NUMBERED.to_string()),
        series: names.into_iter().map(|(n, _)| n).collect(),
        reference_name: None,
        items,
        total: None,
        highlight_series: Vec::new(),
        periods: None,
        bridge: false,
        series_units,
    })
}

fn cell_text(cell: Option<&Cell>) -> String {
    cell.map(Cell::to_string).unwrap_or_default()
}

/// How each series is shown: in its own unit, with the chart's decimals.
pub fn styles(data: &ChartData, style: &NumberStyle) -> Vec<NumberStyle> {
    (0..data.series.len())
        .map(|s| style.in_unit(data.series_units.get(s).cloned().flatten().as_deref()))
        .collect()
}

/// The points drawn: items with every column filled in.
pub fn complete(item: &Item) -> bool {
    item.gaps.iter().all(Option::is_none)
}

/// The description: how many points, the range of each column, how many left out, and
/// the highlighted points with their values.
pub fn describe(data: &ChartData, style: &NumberStyle) -> String {
    let styles = styles(data, style);
    let drawn: Vec<&Item> = data.items.iter().filter(|i| complete(i)).collect();
    let mut parts = vec![format!("共{}个点", drawn.len())];
    let axes = ["横轴", "纵轴", "气泡面积"];
    for (s, name) in data.series.iter().enumerate() {
        let numbers: Vec<Number> = drawn.iter().map(|i| i.number(s)).collect();
        let low = numbers.iter().min_by(|a, b| a.value.total_cmp(&b.value));
        let high = numbers.iter().max_by(|a, b| a.value.total_cmp(&b.value));
        if let (Some(low), Some(high), Some(st), Some(axis)) =
            (low, high, styles.get(s), axes.get(s))
        {
            parts.push(format!(
                "{axis}为{name}，从{}到{}",
                st.show(*low),
                st.show(*high)
            ));
        }
    }
    let left_out = data.items.len() - drawn.len();
    if left_out > 0 {
        parts.push(format!("{left_out}个点因数值缺失未画出"));
    }
    let highlighted: Vec<String> = data
        .items
        .iter()
        .filter(|i| i.highlight)
        .map(|i| {
            let values: Vec<String> = data
                .series
                .iter()
                .enumerate()
                .map(|(s, name)| {
                    let st = styles.get(s).cloned().unwrap_or_default();
                    format!("{name} {}", i.shown(s, |n| st.show(n)))
                })
                .collect();
            format!("{}（{}）", i.label, values.join("，"))
        })
        .collect();
    if !highlighted.is_empty() {
        parts.push(format!("突出显示：{}", highlighted.join("；")));
    }
    format!("散点图。{}。", parts.join("；"))
}

/// Every row as drawn: the point's name, then each column under a header with its unit.
pub fn table(data: &ChartData, style: &NumberStyle) -> DisplayTable {
    let styles = styles(data, style);
    let mut columns = vec![data.x_name.clone()];
    columns.extend(
        data.series
            .iter()
            .zip(&styles)
            .map(|(name, st)| st.header(name)),
    );
    let rows = data
        .items
        .iter()
        .map(|item| {
            let mut row = vec![item.label.clone()];
            row.extend(
                styles
                    .iter()
                    .enumerate()
                    .map(|(s, st)| item.shown(s, |n| st.digits(n))),
            );
            row
        })
        .collect();
    DisplayTable { columns, rows }
}
