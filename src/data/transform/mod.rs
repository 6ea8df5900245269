//! Transforms in a chart spec: the table a chart draws, made from its data file without
//! editing it. Applied in a fixed order: `transpose`, `filter`, `pivot`, `rows`, `top`,
//! `derive`, one file per step. Each step that ran leaves a note (in Chinese) for the
//! figure, so a reader knows the chart is not the file as it stands. Problems come back as
//! [`StepError`]s naming the spec key at fault; [`place`] turns them into diagnostics.

mod derive;
mod filter;
mod pick;
mod pivot;
pub mod place;
mod scope;
mod top;
mod transpose;

use std::borrow::Cow;

use serde::Deserialize;

use crate::data::assert::EvalError;
use crate::data::Table;

pub use derive::derive;
pub use filter::filter;
pub use pick::pick;
pub use pivot::pivot;
pub use top::top;
pub use transpose::transpose;

/// `transpose = true` (the new first column is called [`DEFAULT_PERIOD_COLUMN`]) or
/// `transpose = "年份"` (naming it).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Transpose {
    Flag(bool),
    Named(String),
}

/// The first column of a transposed table, unless `transpose` names it.
pub const DEFAULT_PERIOD_COLUMN: &str = "时期";

impl Transpose {
    /// The name of the new first column, or `None` when `transpose = false`.
    pub fn column(&self) -> Option<&str> {
        match self {
            Transpose::Flag(true) => Some(DEFAULT_PERIOD_COLUMN),
            Transpose::Flag(false) => None,
            Transpose::Named(name) => Some(name),
        }
    }
}

/// `pivot = { index = "年份", columns = "地区", values = "GDP" }`: long → wide.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pivot {
    pub index: String,
    pub columns: String,
    pub values: String,
}

/// One `derive` entry: a new column computed row by row.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Derive {
    pub name: String,
    pub expr: String,
    /// The new column's unit; `%` by default for `pct_change`, `yoy` and `share`.
    #[serde(default)]
    pub unit: Option<String>,
}

/// The label of the merged row of `top` unless `other` names it.
pub const DEFAULT_OTHER: &str = "其他";

/// The transforms of one spec, borrowed from it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Steps<'a> {
    pub transpose: Option<&'a Transpose>,
    pub filter: Option<&'a str>,
    pub pivot: Option<&'a Pivot>,
    pub rows: &'a [String],
    pub top: Option<usize>,
    pub other: Option<&'a str>,
    /// The column `top` ranks by (the chart's first value column).
    pub rank_by: Option<&'a str>,
    pub derive: &'a [Derive],
}

/// One step of the path to a spec value: a key or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySeg {
    Key(&'static str),
    Index(usize),
}

/// A problem with a transform: the spec key at fault and, inside an expression, the
/// byte offset of the problem.
#[derive(Debug, Clone, PartialEq)]
pub struct StepError {
    pub key: Vec<KeySeg>,
    pub offset: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
}

impl StepError {
    pub fn new(key: Vec<KeySeg>, message: impl Into<String>) -> Self {
        StepError {
            key,
            offset: None,
            message: message.into(),
            hint: None,
        }
    }
    pub fn at(key: &'static str, message: impl Into<String>) -> Self {
        StepError::new(vec![KeySeg::Key(key)], message)
    }
    pub fn with_offset(mut self, offset: usize) -> Self {
        self.offset = Some(offset);
        self
    }
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
    /// A row expression that failed at row `row` of `table`.
    pub fn at_row(key: Vec<KeySeg>, table: &Table, row: usize, e: EvalError) -> Self {
        StepError {
            key,
            offset: Some(e.offset),
            message: filter::row_message(table, row, &e.message),
            hint: e.hint,
        }
    }
}

/// The table a chart draws and the notes saying how it was made.
#[derive(Debug, Clone, PartialEq)]
pub struct Transformed<'a> {
    /// The data file's table itself when no transform is set.
    pub table: Cow<'a, Table>,
    pub notes: Vec<String>,
}

/// Applies every transform `steps` sets, in order.
pub fn apply<'a>(table: &'a Table, steps: &Steps) -> Result<Transformed<'a>, StepError> {
    let mut notes = Vec::new();
    let mut current: Cow<'a, Table> = Cow::Borrowed(table);
    if let Some(name) = steps.transpose.and_then(Transpose::column) {
        let t = transpose(current.into_owned(), name).map_err(|m| StepError::at("transpose", m))?;
        current = Cow::Owned(t);
        notes.push("原表以时期为列，已转置为按行排列".to_string());
    }
    if let Some(expr) = steps.filter {
        current = Cow::Owned(filter(current.into_owned(), expr)?);
        notes.push(format!("仅保留满足“{expr}”的行"));
    }
    if let Some(p) = steps.pivot {
        current = Cow::Owned(pivot(current.into_owned(), p)?);
        notes.push(format!("按“{}”将“{}”展开为各列", p.columns, p.values));
    }
    if !steps.rows.is_empty() {
        current = Cow::Owned(pick(current.into_owned(), steps.rows)?);
        notes.push(rows_note(steps.rows));
    }
    if let Some(n) = steps.top {
        let other = steps.other.unwrap_or(DEFAULT_OTHER);
        let rank_by = steps.rank_by.unwrap_or("");
        let (t, merged) = top(current.into_owned(), n, other, rank_by)?;
        current = Cow::Owned(t);
        if merged {
            notes.push(format!("前{n}项以外合并为‘{other}’"));
        }
    }
    if !steps.derive.is_empty() {
        let (t, derived) = derive(current.into_owned(), steps.derive)?;
        current = Cow::Owned(t);
        notes.extend(derived);
    }
    Ok(Transformed {
        table: current,
        notes,
    })
}

/// A table from CSV text, for the steps' tests.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) fn csv(text: &str) -> Table {
    let shown = std::path::Path::new("charts/t.csv");
    crate::data::load::parse_table(text, "csv", "t.csv", shown, None).unwrap()
}

fn rows_note(rows: &[String]) -> String {
    if rows.len() <= 6 {
        format!("仅列出{}", rows.join("、"))
    } else {
        format!("仅列出所选{}行", rows.len())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// Life expectancy (Gapminder, via vega-datasets 3.2.1) as a yearbook prints it:
    /// indicators as rows, years as columns, newest first.
    fn yearbook() -> Table {
        csv("指标,2005年,2000年,1995年\n中国,72.98,71.33,69.75\n印度,65.39,62.94,61.74\n日本,82.5,81.57,80.24\n")
    }

    #[test]
    fn no_steps_borrow_the_table() {
        let t = yearbook();
        let done = apply(&t, &Steps::default()).unwrap();
        assert!(matches!(done.table, Cow::Borrowed(_)));
        assert!(done.notes.is_empty());
    }

    #[test]
    fn steps_chain_in_order_and_say_what_they_did() {
        let t = yearbook();
        let transpose = Transpose::Named("年份".into());
        let rows = ["1995年".to_string(), "2005年".to_string()];
        let derive = [Derive {
            name: "中日差".into(),
            expr: "日本 - 中国".into(),
            unit: Some("岁".into()),
        }];
        let steps = Steps {
            transpose: Some(&transpose),
            filter: Some("年份 >= 2000 or 年份 == 1995"),
            rows: &rows,
            top: Some(1),
            rank_by: Some("中国"),
            derive: &derive,
            ..Steps::default()
        };
        let done = apply(&t, &steps).unwrap();
        let t = done.table;
        assert_eq!(t.columns, ["年份", "中国", "印度", "日本", "中日差"]);
        let labels: Vec<String> = (0..t.rows.len()).map(|r| t.row_label(r)).collect();
        assert_eq!(labels, ["2005年", "其他"]);
        let gap = t.cell(1, 4).and_then(crate::data::Cell::as_number).unwrap();
        assert!((gap.value - (80.24 - 69.75)).abs() < 1e-9);
        assert_eq!(
            done.notes,
            [
                "原表以时期为列，已转置为按行排列",
                "仅保留满足“年份 >= 2000 or 年份 == 1995”的行",
                "仅列出1995年、2005年",
                "前1项以外合并为‘其他’",
                "“中日差”按 日本 - 中国 计算",
            ]
        );
    }
}
