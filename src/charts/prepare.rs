//! From a spec and its table to the rows a chart draws: columns resolved, cells checked,
//! the remainder computed, rows sorted, highlights checked. Every problem in the user's
//! files comes back as a [`Diagnostic`] naming the spec or the data file and line.

use std::path::{Path, PathBuf};

use crate::data::time::Period;
use crate::data::{Cell, Number, Table};
use crate::error::Diagnostic;

use super::remainder;
use super::rules::{kind_name, list, non_negative, single_series, MAX_SLICES};
use super::spec::{ChartKind, ChartSpec, Sort};
use super::timeline;

/// One drawn row: a category and its value per series.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub label: String,
    pub values: Vec<Number>,
    /// Bullet charts: the reference value.
    pub reference: Option<Number>,
    /// Per series: the cell is missing (a gap in a line or area; `values` holds 0 there).
    /// Empty when nothing is missing.
    pub missing: Vec<bool>,
    /// Line in the data file (0 when unknown).
    pub line: usize,
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

    /// The value of every series in order, `None` where the cell is missing.
    pub fn cells(&self) -> impl Iterator<Item = Option<Number>> + '_ {
        (0..self.values.len()).map(|s| self.present(s))
    }

    /// The value of series `s`, `None` where the cell is missing.
    pub fn present(&self, s: usize) -> Option<Number> {
        if self.missing.get(s).copied().unwrap_or(false) {
            None
        } else {
            self.values.get(s).copied()
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
}

impl ChartData {
    pub fn any_highlight(&self) -> bool {
        self.items.iter().any(|i| i.highlight)
    }
}

struct Ctx<'a> {
    spec: &'a ChartSpec,
    table: &'a Table,
    spec_file: &'a Path,
    data_file: PathBuf,
}

impl Ctx<'_> {
    fn column(&self, name: &str, key: &str) -> Result<usize, Diagnostic> {
        self.table.column(name).ok_or_else(|| {
            Diagnostic::file(
                self.spec_file,
                format!("{key}: column `{name}` is not in `{}`", self.table.path),
            )
            .with_hint(format!("columns available: {}", list(&self.table.columns)))
        })
    }

    fn at_line(&self, line: usize, message: String) -> Diagnostic {
        if line == 0 {
            Diagnostic::file(&self.data_file, message)
        } else {
            Diagnostic::at(&self.data_file, line, None, message)
        }
    }

    fn number(&self, cell: Option<&Cell>, col: &str, line: usize) -> Result<Number, Diagnostic> {
        match cell {
            Some(Cell::Number(n)) if n.value.is_finite() => Ok(*n),
            Some(Cell::Text(s)) if !s.trim().is_empty() => Err(self
                .at_line(line, format!("`{s}` in column `{col}` is not a number"))
                .with_hint(format!(
                    "chart `{}` draws this column; write numbers like 771.4, ~430, >100 or <1",
                    self.spec_file.display()
                ))),
            _ => Err(self
                .at_line(line, format!("empty value in column `{col}`"))
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
    if single_series(kind) && spec.y.len() > 1 {
        return Err(Diagnostic::file(
            spec_file,
            format!(
                "a {} chart draws one value column; `y` lists {}",
                kind_name(kind),
                spec.y.len()
            ),
        )
        .with_hint("use kind = \"grouped\" or \"stacked\" for several series"));
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

    let gaps_allowed = matches!(kind, ChartKind::Line | ChartKind::Area);
    let mut items: Vec<Item> = Vec::new();
    for row in &table.rows {
        let label = match row.cells.get(x_col) {
            Some(Cell::Empty) | None => {
                return Err(cx.at_line(row.line, format!("empty `{}` cell", spec.x)))
            }
            Some(c) => c.to_string(),
        };
        let mut missing = Vec::new();
        let mut values = Vec::with_capacity(y_cols.len());
        for (&c, name) in y_cols.iter().zip(&spec.y) {
            let cell = row.cells.get(c);
            // Lines and areas break at a missing cell; other kinds need every value.
            if gaps_allowed && cell.is_none_or(Cell::is_missing) {
                missing.resize(values.len(), false);
                missing.push(true);
                values.push(Number::exact(0.0));
            } else {
                values.push(cx.number(cell, name, row.line)?);
            }
        }
        let reference = match (ref_col, spec.reference.as_deref()) {
            (Some(c), Some(name)) => Some(cx.number(row.cells.get(c), name, row.line)?),
            _ => None,
        };
        items.push(Item {
            label,
            values,
            reference,
            missing,
            line: row.line,
            remainder: false,
            highlight: false,
        });
    }
    if items.is_empty() {
        return Err(Diagnostic::file(
            spec_file,
            format!("`{}` has no rows to chart", table.path),
        ));
    }

    if gaps_allowed {
        check_some_present(&cx, &items)?;
    }
    let total = remainder::apply(spec, &mut items, spec_file)?;
    let mut periods = timeline::order(spec, &mut items, &cx.data_file, spec_file)?;

    if non_negative(kind) {
        check_non_negative(&cx, &items)?;
    }
    if kind == ChartKind::Donut && items.len() > MAX_SLICES {
        return Err(Diagnostic::file(
            spec_file,
            format!("a donut chart shows at most {MAX_SLICES} slices; this one has {}", items.len()),
        )
        .with_hint("keep the largest parts and merge the rest into 其他 with remainder = { label = \"其他\", total_row = \"合计\" }"));
    }
    if kind == ChartKind::Donut && items.iter().all(|i| i.value(0) == 0.0) {
        return Err(Diagnostic::file(
            spec_file,
            "a donut chart needs values above zero",
        ));
    }

    let sortable = !matches!(kind, ChartKind::Line | ChartKind::Area | ChartKind::Bullet);
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
        if !single_series(kind) {
            for (flag, s) in highlight_series.iter_mut().zip(&spec.y) {
                if s == name {
                    *flag = true;
                    found = true;
                }
            }
        }
        if !found && total.as_ref().is_none_or(|t| &t.label != name) {
            let mut names: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
            if !single_series(kind) {
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
    })
}

/// Every series of a line or area has a value somewhere.
fn check_some_present(cx: &Ctx, items: &[Item]) -> Result<(), Diagnostic> {
    for (s, name) in cx.spec.y.iter().enumerate() {
        if items.iter().all(|i| i.present(s).is_none()) {
            return Err(cx
                .at_line(0, format!("column `{name}` has no values to draw"))
                .with_hint("every cell of the column is missing"));
        }
    }
    Ok(())
}

fn check_non_negative(cx: &Ctx, items: &[Item]) -> Result<(), Diagnostic> {
    let kind = kind_name(cx.spec.kind);
    for item in items {
        let refs = item
            .reference
            .iter()
            .map(|r| (r, cx.spec.reference.as_deref().unwrap_or("")));
        for (n, col) in item
            .values
            .iter()
            .zip(cx.spec.y.iter().map(String::as_str))
            .chain(refs)
        {
            if n.value >= 0.0 {
                continue;
            }
            if item.remainder {
                let total = cx
                    .spec
                    .remainder
                    .as_ref()
                    .map_or("", |r| r.total_row.as_str());
                return Err(Diagnostic::file(
                    cx.spec_file,
                    format!(
                        "remainder `{}` comes out negative ({}) in column `{col}`: the other rows add up to more than `{total}`",
                        item.label, n.value
                    ),
                ));
            }
            return Err(cx
                .at_line(item.line, format!("negative value {} in column `{col}`: a {kind} chart cannot show values below zero", n.value))
                .with_hint("use kind = \"bar\", \"grouped\" or \"line\" for values below zero"));
        }
    }
    Ok(())
}

/// Orders rows by the first series; a remainder row stays last.
fn sort_items(items: &mut [Item], sort: Sort) {
    match sort {
        Sort::None => {}
        Sort::Asc => items.sort_by(|a, b| {
            a.remainder
                .cmp(&b.remainder)
                .then(a.value(0).total_cmp(&b.value(0)))
        }),
        Sort::Desc => items.sort_by(|a, b| {
            a.remainder
                .cmp(&b.remainder)
                .then(b.value(0).total_cmp(&a.value(0)))
        }),
    }
}
