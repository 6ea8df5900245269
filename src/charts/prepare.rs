//! From a spec and its table to the rows a chart draws: columns resolved, cells checked,
//! the remainder computed, rows sorted, highlights checked. Every problem in the user's
//! files comes back as a [`Diagnostic`] naming the spec or the data file and line.

use std::path::{Path, PathBuf};

use crate::data::roles::shown_depth;
use crate::data::time::Period;
use crate::data::{Cell, Gap, Number, Row, RowRole, Table};
use crate::error::Diagnostic;

use super::checks::{
    check_non_negative, check_parts, check_remainder_amounts, check_row_units, check_some_present,
};
use super::rules::{
    a_kind, draws_row, list, non_negative, part_of_whole, single_series, MAX_SLICES,
};
use super::spec::{ChartKind, ChartSpec, Sort};
use super::{bridge, remainder, timeline};

/// One drawn row: a category and its value per series.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub label: String,
    /// Per series; 0 where the cell holds no value (see `gaps`).
    pub values: Vec<Number>,
    /// Per series: why the cell holds no value (`None` where it holds one). A gap is
    /// drawn as nothing: no bar, a break in a line.
    pub gaps: Vec<Option<Gap>>,
    /// Bullet charts: the reference value.
    pub reference: Option<Number>,
    /// Line in the data file (0 when unknown).
    pub line: usize,
    /// How deep the data table indents the row (see `roles::shown_depth`).
    pub depth: u8,
    /// The computed remainder row (其他).
    pub remainder: bool,
    pub highlight: bool,
}

impl Item {
    /// The value of series `s` (0 when missing).
    pub fn value(&self, s: usize) -> f64 {
        self.values.get(s).map_or(0.0, |n| n.value)
    }

    pub fn number(&self, s: usize) -> Number {
        self.values.get(s).copied().unwrap_or(Number::exact(0.0))
    }

    /// Why series `s` has no value here, if it has none.
    pub fn gap(&self, s: usize) -> Option<Gap> {
        self.gaps.get(s).copied().flatten()
    }

    /// Series `s` as text: `fmt` of its number, or the gap's mark (`—`, `…`).
    pub fn shown(&self, s: usize, fmt: impl Fn(Number) -> String) -> String {
        match self.gap(s) {
            Some(gap) => gap.shown().to_string(),
            None => fmt(self.number(s)),
        }
    }

    /// Series `s` as a data cell (for the CSV download: unknown values empty, `…` kept).
    pub fn cell(&self, s: usize) -> Cell {
        match self.gap(s) {
            Some(Gap::Unknown) => Cell::Empty,
            Some(Gap::BelowUnit) => Cell::BelowUnit,
            None => Cell::Number(self.number(s)),
        }
    }

    /// The value of every series in order, `None` where the cell holds no value.
    pub fn cells(&self) -> impl Iterator<Item = Option<Number>> + '_ {
        (0..self.values.len()).map(|s| self.present(s))
    }

    /// The value of series `s`, `None` where the cell holds no value.
    pub fn present(&self, s: usize) -> Option<Number> {
        match self.gap(s) {
            Some(_) => None,
            None => self.values.get(s).copied(),
        }
    }
}

/// The checked data of one chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    pub x_name: String,
    pub series: Vec<String>,
    pub reference_name: Option<String>,
    /// Drawn rows in drawing order; a remainder row comes last.
    pub items: Vec<Item>,
    /// The total row named by `remainder.total_row`, taken out of the parts.
    pub total: Option<Item>,
    /// Per series: named in `highlight`.
    pub highlight_series: Vec<bool>,
    /// The period of each item when the x axis is time (items are then in time order).
    pub periods: Option<Vec<Period>>,
    /// A bridge waterfall: the first item is the start level, the last the end level,
    /// the items between are changes.
    pub bridge: bool,
    /// Per series, its own unit when series differ in kind (scatter: x, y, size);
    /// empty when one unit serves every series.
    pub series_units: Vec<Option<String>>,
}

impl ChartData {
    pub fn any_highlight(&self) -> bool {
        self.items.iter().any(|i| i.highlight)
    }

    /// The same data with every number passed through `f` (rescaling to the shown unit).
    pub fn map_numbers(&self, f: impl Fn(Number) -> Number) -> ChartData {
        let map_item = |item: &Item| Item {
            values: item.values.iter().map(|n| f(*n)).collect(),
            reference: item.reference.map(&f),
            ..item.clone()
        };
        ChartData {
            items: self.items.iter().map(map_item).collect(),
            total: self.total.as_ref().map(map_item),
            ..self.clone()
        }
    }
}

/// What reading and checking one chart's rows needs.
pub(super) struct Ctx<'a> {
    pub(super) spec: &'a ChartSpec,
    pub(super) table: &'a Table,
    pub(super) spec_file: &'a Path,
    pub(super) data_file: PathBuf,
}

impl Ctx<'_> {
    pub(super) fn column(&self, name: &str, key: &str) -> Result<usize, Diagnostic> {
        self.table.column(name).ok_or_else(|| {
            Diagnostic::file(
                self.spec_file,
                format!("{key}: column `{name}` is not in `{}`", self.table.path),
            )
            .with_hint(format!("columns available: {}", list(&self.table.columns)))
        })
    }

    pub(super) fn at_line(&self, line: usize, message: String) -> Diagnostic {
        self.table.at(&self.data_file, line, None, message)
    }

    pub(super) fn at_cell(&self, row: &Row, c: usize, message: String) -> Diagnostic {
        self.table
            .at(&self.data_file, row.line, row.col_of(c), message)
    }

    /// The value of cell `c` of `row`: a number, or a gap the chart kind can show
    /// (nothing drawn). A part-of-whole chart cannot leave out an unknown part.
    pub(super) fn value(
        &self,
        row: &Row,
        c: usize,
        col: &str,
    ) -> Result<(Number, Option<Gap>), Diagnostic> {
        let cell = row.cells.get(c);
        match cell.and_then(Cell::gap) {
            Some(Gap::Unknown) if part_of_whole(self.spec.kind) => {
                let label = row.cells.first().map(Cell::to_string).unwrap_or_default();
                return Err(self
                    .at_cell(
                        row,
                        c,
                        format!(
                            "column `{col}` of row `{label}` is missing: {} chart cannot leave out a part of the whole",
                            a_kind(self.spec.kind)
                        ),
                    )
                    .with_hint(format!(
                        "chart `{}` draws it; fill in the value, or draw the parts with kind = \"bar\" or \"hbar\"",
                        self.spec_file.display()
                    )));
            }
            Some(gap) => return Ok((Number::exact(0.0), Some(gap))),
            None => {}
        }
        self.number(row, c, col).map(|n| (n, None))
    }

    fn number(&self, row: &Row, c: usize, col: &str) -> Result<Number, Diagnostic> {
        match row.cells.get(c) {
            Some(Cell::Number(n)) if n.value.is_finite() => Ok(*n),
            Some(Cell::Text(s)) if !s.trim().is_empty() => Err(self
                .at_cell(row, c, format!("`{s}` in column `{col}` is not a number"))
                .with_hint(format!(
                    "chart `{}` draws this column; write numbers like 771.4, ~430, >100 or <1",
                    self.spec_file.display()
                ))),
            _ => Err(self
                .at_cell(row, c, format!("empty value in column `{col}`"))
                .with_hint("fill in the value, or remove the row")),
        }
    }
}

/// Resolves, checks and orders the data of one chart.
pub fn prepare(spec: &ChartSpec, table: &Table, spec_file: &Path) -> Result<ChartData, Diagnostic> {
    let cx = Ctx {
        spec,
        table,
        spec_file,
        data_file: PathBuf::from("charts").join(&table.path),
    };
    let kind = spec.kind;
    if spec.y.is_empty() {
        return Err(Diagnostic::file(spec_file, "`y` names no value column")
            .with_hint(format!("columns available: {}", list(&table.columns))));
    }
    // A faceted bar chart draws each of its series in a panel of its own.
    let one_series = single_series(kind) && !spec.facets;
    if one_series && spec.y.len() > 1 {
        return Err(Diagnostic::file(
            spec_file,
            format!(
                "{} chart draws one value column; `y` lists {}",
                a_kind(kind),
                spec.y.len()
            ),
        )
        .with_hint("use kind = \"grouped\" or \"stacked\" for several series"));
    }
    if kind == ChartKind::Scatter {
        return super::scatter_data::prepare(&cx);
    }
    let x_col = cx.column(&spec.x, "x")?;
    let y_cols = spec
        .y
        .iter()
        .map(|y| cx.column(y, "y"))
        .collect::<Result<Vec<_>, _>>()?;
    let ref_col = if kind == ChartKind::Bullet {
        let name = spec.reference.as_deref().ok_or_else(|| {
            Diagnostic::file(
                spec_file,
                "a bullet chart needs `reference`, the column of the reference mark",
            )
            .with_hint(format!(
                "e.g. reference = \"时间进度\"; columns available: {}",
                list(&table.columns)
            ))
        })?;
        Some(cx.column(name, "reference")?)
    } else {
        None
    };

    if part_of_whole(kind) {
        check_parts(&cx, &y_cols)?;
    }
    if spec.remainder.is_some() {
        check_remainder_amounts(&cx)?;
    }
    let named_total = spec.remainder.as_ref().map(|r| r.total_row.as_str());
    let mut items = Vec::new();
    let mut table_total = None;
    for row in &table.rows {
        let label = match row.cells.get(x_col) {
            Some(c) if c.is_missing() => {
                return Err(cx.at_line(row.line, format!("empty `{}` cell", spec.x)))
            }
            None => return Err(cx.at_line(row.line, format!("empty `{}` cell", spec.x))),
            Some(c) => c.to_string(),
        };
        // A row's role is read from its first column's label: with another column as
        // `x` (a long table filtered to 全市), every row is one of the chart's parts.
        let role = if x_col == 0 { row.role } else { RowRole::Part };
        // The remainder's total row is taken out of the parts by the remainder itself.
        let drawn = draws_row(kind, role) || named_total == Some(label.as_str());
        if !drawn && role != RowRole::Total {
            continue;
        }
        let (values, gaps) = y_cols
            .iter()
            .zip(&spec.y)
            .map(|(&c, name)| cx.value(row, c, name))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .unzip();
        let reference = match (ref_col, spec.reference.as_deref()) {
            (Some(c), Some(name)) => Some(cx.number(row, c, name)?),
            _ => None,
        };
        let item = Item {
            label,
            values,
            gaps,
            reference,
            line: row.line,
            depth: shown_depth(row),
            remainder: false,
            highlight: false,
        };
        if drawn {
            items.push(item);
        } else if table_total.is_none() {
            table_total = Some(item);
        }
    }
    if items.is_empty() {
        return Err(Diagnostic::file(
            spec_file,
            format!("`{}` has no rows to chart", table.path),
        ));
    }

    check_some_present(&cx, &items)?;
    check_row_units(&cx, &items)?;
    let bridge = bridge::arrange(spec, &mut items, spec_file)?;
    let total = remainder::apply(spec, &mut items, spec_file)
        .map_err(|d| match (&table_total, d.hint.clone()) {
            (Some(t), Some(hint)) => {
                d.with_hint(format!("{hint}; the table's total row: `{}`", t.label))
            }
            _ => d,
        })?
        .or_else(|| {
            // A donut's shares and a waterfall's first step are of the table's total;
            // other kinds do not draw it (a 全市 bar would dwarf the districts) but keep
            // it in the CSV, the table and the desc, so no number of the data is lost.
            // A bridge runs from its own start to its own end.
            (!bridge).then_some(table_total).flatten()
        });
    // A bridge keeps its own order: start, the changes, end.
    let mut periods = if bridge {
        None
    } else {
        timeline::order(spec, &mut items, &cx.data_file, spec_file)?
    };

    if non_negative(kind) {
        check_non_negative(&cx, &items)?;
    }
    if kind == ChartKind::Donut && items.len() > MAX_SLICES {
        return Err(Diagnostic::file(
            spec_file,
            format!("a donut chart shows at most {MAX_SLICES} slices; this one has {}", items.len()),
        )
        .with_hint(format!(
            "keep the {keep} largest and merge the rest into 其他 with top = {keep} (or, with a 合计 row, with a [remainder] table)",
            keep = MAX_SLICES - 1
        )));
    }
    if kind == ChartKind::Donut && items.iter().all(|i| i.value(0) == 0.0) {
        return Err(Diagnostic::file(
            spec_file,
            "a donut chart needs values above zero",
        ));
    }

    let sortable =
        !bridge && !matches!(kind, ChartKind::Line | ChartKind::Area | ChartKind::Bullet);
    if sortable && spec.sort != Sort::None {
        // Sorted by value, periods are categories in that order.
        sort_items(&mut items, spec.sort);
        periods = None;
    }

    let mut highlight_series = vec![false; spec.y.len()];
    for name in &spec.highlight {
        let mut found = false;
        for item in items.iter_mut().filter(|i| &i.label == name) {
            item.highlight = true;
            found = true;
        }
        if !one_series {
            for (flag, s) in highlight_series.iter_mut().zip(&spec.y) {
                if s == name {
                    *flag = true;
                    found = true;
                }
            }
        }
        if !found && total.as_ref().is_none_or(|t| &t.label != name) {
            let mut names: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
            if !one_series {
                names.extend(spec.y.iter().map(String::as_str));
            }
            return Err(Diagnostic::file(
                spec_file,
                format!("highlight: `{name}` is not a category of this chart"),
            )
            .with_hint(format!("categories: {}", list(names))));
        }
    }

    Ok(ChartData {
        x_name: spec.x.clone(),
        series: spec.y.clone(),
        reference_name: spec.reference.clone().filter(|_| ref_col.is_some()),
        items,
        total,
        highlight_series,
        periods,
        bridge,
        series_units: Vec::new(),
    })
}

/// Orders rows by the first series; a remainder row stays last. An "of which" row
/// (indented under the row above) moves with its parent, sorted among its siblings.
fn sort_items(items: &mut Vec<Item>, sort: Sort) {
    // Rows without a value come after those with one, either way.
    let last = |i: &Item| (i.remainder, i.gap(0).is_some());
    let order = |a: &Item, b: &Item| {
        let by_value = match sort {
            Sort::Asc => a.value(0).total_cmp(&b.value(0)),
            _ => b.value(0).total_cmp(&a.value(0)),
        };
        last(a).cmp(&last(b)).then(by_value)
    };
    if sort == Sort::None {
        return;
    }
    // Each top row with the deeper rows under it.
    let mut groups: Vec<Vec<Item>> = Vec::new();
    for item in items.drain(..) {
        match groups.last_mut() {
            Some(group) if group.first().is_some_and(|head| item.depth > head.depth) => {
                group.push(item)
            }
            _ => groups.push(vec![item]),
        }
    }
    for group in &mut groups {
        if let Some(children) = group.get_mut(1..) {
            children.sort_by(order);
        }
    }
    groups.sort_by(|a, b| match (a.first(), b.first()) {
        (Some(a), Some(b)) => order(a, b),
        _ => std::cmp::Ordering::Equal,
    });
    items.extend(groups.into_iter().flatten());
}
