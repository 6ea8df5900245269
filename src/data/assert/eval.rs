//! Evaluating an assertion against a table, and explaining a false one by the values
//! of the compared sides. Sums, minima, maxima and counts skip a 合计/总计 row;
//! qualifiers are ignored (the value is used as written).
//!
//! Row expressions (`filter`, `derive` in chart specs) are evaluated at one row, a
//! [`RowScope`]: a bare name is that row's cell, empty cells are [`Value::Missing`]
//! (arithmetic on them stays missing; no comparison matches them), and the per-row
//! functions look at the row's neighbours in the table's sequence of periods.

use super::ast::{BinOp, Call, Expr, ExprKind, Name};
use chrono::Datelike;

use crate::data::format::group_thousands;
use crate::data::time::Period;
use crate::data::{Cell, RowMiss, Table};

/// What an expression evaluates to.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Num(f64),
    Text(String),
    Bool(bool),
    /// An empty cell read by a row expression.
    Missing,
}

/// The row a row expression is evaluated at, and its neighbours.
#[derive(Debug, Clone, Copy)]
pub struct RowScope<'a> {
    pub row: usize,
    /// Rows in period order that `change`, `pct_change` and `cumsum` run over (total and
    /// subset rows are left out).
    pub sequence: &'a [usize],
    /// This row's place in `sequence`, when it is in it.
    pub position: Option<usize>,
    /// The row of the same period a year before, or why `yoy` cannot be taken.
    pub year_ago: Result<Option<usize>, &'a str>,
    /// Running sums and totals already worked out, shared by the rows of one table.
    pub cache: &'a RowCache,
}

/// What `cumsum` and `share(column)` work out once per column rather than once per row
/// (a table of a million rows would otherwise take a million squared steps).
#[derive(Debug, Default)]
pub struct RowCache {
    /// Per column, the running sum at each place of the sequence.
    pub running: std::cell::RefCell<std::collections::BTreeMap<usize, Vec<f64>>>,
    /// Per column, the total shares are taken of.
    pub totals: std::cell::RefCell<std::collections::BTreeMap<usize, f64>>,
}

impl Value {
    /// The value as shown in a failure message: `2,020.3`, `"文本"`, `true`.
    pub fn show(&self) -> String {
        match self {
            Value::Num(v) => show_number(*v),
            Value::Text(s) => format!("\"{s}\""),
            Value::Bool(b) => b.to_string(),
            Value::Missing => "empty".to_string(),
        }
    }
}

/// A number with thousands separators and as many decimals as it has (up to 6).
pub fn show_number(v: f64) -> String {
    let rounded = (v * 1e6).round() / 1e6;
    let v = if rounded.is_finite() { rounded } else { v };
    let text = v.to_string();
    let decimals = text.split_once('.').map_or(0, |(_, f)| f.len()).min(6);
    group_thousands(v, u8::try_from(decimals).unwrap_or(6))
}

/// Why an expression has no value: where (byte offset in the expression) and what.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalError {
    pub offset: usize,
    pub message: String,
    pub hint: Option<String>,
}

pub(super) type Eval = Result<Value, EvalError>;

pub(super) fn err(offset: usize, message: impl Into<String>) -> EvalError {
    EvalError {
        offset,
        message: message.into(),
        hint: None,
    }
}

/// Evaluates `expr` over `table`; `src` is the expression's text (for messages).
/// Both sides of `and`/`or` are always evaluated, so a misspelt column is reported
/// even where the other side already decides the result.
pub fn eval(expr: &Expr, table: &Table, src: &str) -> Eval {
    eval_at(expr, table, None, src)
}

/// Evaluates a row expression (from [`super::parse_row`]) at one row.
pub fn eval_row(expr: &Expr, table: &Table, scope: &RowScope, src: &str) -> Eval {
    eval_at(expr, table, Some(scope), src)
}

fn eval_at(expr: &Expr, table: &Table, scope: Option<&RowScope>, src: &str) -> Eval {
    match &expr.kind {
        ExprKind::Number(v) => Ok(Value::Num(*v)),
        ExprKind::Text(s) => Ok(Value::Text(s.clone())),
        ExprKind::Call(call) => eval_call(call, table, scope, src),
        ExprKind::Column(name) => {
            let Some(scope) = scope else {
                return Err(err(
                    name.offset,
                    format!("`{}` alone has no value", name.text),
                ));
            };
            let col = column(table, name)?;
            Ok(match table.cell(scope.row, col) {
                Some(Cell::Number(n)) => Value::Num(n.value),
                Some(Cell::Text(t)) => Value::Text(t.clone()),
                _ => Value::Missing,
            })
        }
        // The operand is evaluated once: `- - - x` nests, and evaluating twice per
        // level would take 2^n steps.
        ExprKind::Neg(inner) => match eval_at(inner, table, scope, src)? {
            Value::Missing => Ok(Value::Missing),
            Value::Num(v) => Ok(Value::Num(-v)),
            other => Err(not_a_number(inner, &other, src)),
        },
        ExprKind::Not(inner) => Ok(Value::Bool(!boolean(inner, table, scope, src)?)),
        ExprKind::Binary(op, lhs, rhs) => {
            let l = eval_at(lhs, table, scope, src)?;
            let r = eval_at(rhs, table, scope, src)?;
            binary(*op, (lhs, l), (rhs, r), src)
        }
    }
}

fn text_of<'a>(expr: &Expr, src: &'a str) -> &'a str {
    src.get(expr.span.clone()).unwrap_or("?")
}

fn not_a_number(expr: &Expr, value: &Value, src: &str) -> EvalError {
    err(
        expr.span.start,
        format!("`{}` is {}, not a number", text_of(expr, src), value.show()),
    )
}

fn boolean(
    expr: &Expr,
    table: &Table,
    scope: Option<&RowScope>,
    src: &str,
) -> Result<bool, EvalError> {
    match eval_at(expr, table, scope, src)? {
        Value::Bool(b) => Ok(b),
        other => Err(err(
            expr.span.start,
            format!(
                "`{}` is {}, not true or false; compare it with something",
                text_of(expr, src),
                other.show()
            ),
        )),
    }
}

fn binary(op: BinOp, (le, l): (&Expr, Value), (re, r): (&Expr, Value), src: &str) -> Eval {
    let type_error = |what: &str| {
        err(
            le.span.start,
            format!("cannot {what} {} and {}", l.show(), r.show()),
        )
    };
    let arithmetic = matches!(op, BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div);
    let logic = matches!(op, BinOp::And | BinOp::Or);
    if !arithmetic && !logic {
        if let Some((a, b)) = period_days(&l, &r) {
            return Ok(Value::Bool(compare(op, a, b)));
        }
    }
    Ok(match (op, &l, &r) {
        // An empty cell: arithmetic on it stays empty, and it matches no comparison.
        (_, Value::Missing, _) | (_, _, Value::Missing) if arithmetic => Value::Missing,
        (_, Value::Missing, _) | (_, _, Value::Missing) if !logic => Value::Bool(false),
        (BinOp::And | BinOp::Or, Value::Bool(a), Value::Bool(b)) => {
            Value::Bool(if op == BinOp::And { *a && *b } else { *a || *b })
        }
        (BinOp::And | BinOp::Or, _, _) => return Err(type_error("join with and/or")),
        (BinOp::Add, Value::Num(a), Value::Num(b)) => Value::Num(a + b),
        (BinOp::Sub, Value::Num(a), Value::Num(b)) => Value::Num(a - b),
        (BinOp::Mul, Value::Num(a), Value::Num(b)) => Value::Num(a * b),
        (BinOp::Div, Value::Num(_), Value::Num(b)) if *b == 0.0 => {
            return Err(err(
                re.span.start,
                format!("division by zero: `{}` is 0", text_of(re, src)),
            ))
        }
        (BinOp::Div, Value::Num(a), Value::Num(b)) => Value::Num(a / b),
        (BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div, _, _) => {
            return Err(type_error("do arithmetic on"))
        }
        (_, Value::Num(a), Value::Num(b)) => Value::Bool(compare(op, *a, *b)),
        (BinOp::Eq, a, b) if std::mem::discriminant(a) == std::mem::discriminant(b) => {
            Value::Bool(a == b)
        }
        (BinOp::Ne, a, b) if std::mem::discriminant(a) == std::mem::discriminant(b) => {
            Value::Bool(a != b)
        }
        _ => return Err(type_error("compare")),
    })
}

/// Periods compare by time, when at least one side is text naming a period and the
/// other is a period too: `年份 >= 2015` where the cell reads `2015年`, or
/// `月份 < "2024年3月"`. Each side stands for the day its period starts.
fn period_days(l: &Value, r: &Value) -> Option<(f64, f64)> {
    let start = |v: &Value| {
        let p = match v {
            Value::Text(s) => Period::parse(s),
            Value::Num(n) if n.fract() == 0.0 => Period::parse(&n.to_string()),
            _ => None,
        }?;
        Some(f64::from(p.start().num_days_from_ce()))
    };
    let has_text = matches!(l, Value::Text(_)) || matches!(r, Value::Text(_));
    if !has_text {
        return None;
    }
    Some((start(l)?, start(r)?))
}

/// Compares with a tolerance of one part in 10⁹, so sums of decimals that differ only
/// by floating-point rounding count as equal.
fn compare(op: BinOp, a: f64, b: f64) -> bool {
    let close = (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0);
    match op {
        BinOp::Lt => a < b && !close,
        BinOp::Le => a < b || close,
        BinOp::Gt => a > b && !close,
        BinOp::Ge => a > b || close,
        BinOp::Eq => close,
        _ => !close,
    }
}

pub(super) fn column(table: &Table, name: &Name) -> Result<usize, EvalError> {
    table.column(&name.text).ok_or_else(|| EvalError {
        offset: name.offset,
        message: format!("no column `{}` in charts/{}", name.text, table.path),
        hint: Some(format!("the columns are: {}", table.columns.join(", "))),
    })
}

fn row(table: &Table, name: &Name) -> Result<usize, EvalError> {
    table.row_by_label(&name.text).map_err(|miss| {
        if let RowMiss::Several(rows) = miss {
            return EvalError {
                offset: name.offset,
                message: table.several_rows(&name.text, &rows),
                hint: Some("give the rows distinct names in the data file".to_string()),
            };
        }
        let labels: Vec<String> = (0..table.rows.len().min(12))
            .map(|r| table.row_label(r))
            .collect();
        let more = if table.rows.len() > 12 { ", …" } else { "" };
        EvalError {
            offset: name.offset,
            message: format!("no row `{}` in charts/{}", name.text, table.path),
            hint: Some(format!(
                "rows are named by their first column: {}{more}",
                labels.join(", ")
            )),
        }
    })
}

fn eval_call(call: &Call, table: &Table, scope: Option<&RowScope>, src: &str) -> Eval {
    let numbers = |name: &Name| -> Result<Vec<f64>, EvalError> {
        let col = column(table, name)?;
        let list = table.column_numbers(col).map_err(|m| err(name.offset, m))?;
        Ok(list.iter().map(|n| n.value).collect())
    };
    let extreme = |name: &Name, pick: fn(f64, f64) -> f64| -> Eval {
        let list = numbers(name)?;
        let first = list.first().copied().ok_or_else(|| {
            err(
                name.offset,
                format!("column `{}` has no numbers", name.text),
            )
        })?;
        Ok(Value::Num(list.into_iter().fold(first, pick)))
    };
    match call {
        Call::Sum(name) => Ok(Value::Num(numbers(name)?.iter().sum())),
        Call::Min(name) => extreme(name, f64::min),
        Call::Max(name) => extreme(name, f64::max),
        Call::Count => Ok(Value::Num(table.part_rows().count() as f64)),
        Call::Value(col_name, row_name) => {
            let (c, r) = (column(table, col_name)?, row(table, row_name)?);
            match table.cell(r, c) {
                Some(Cell::Number(n)) => Ok(Value::Num(n.value)),
                Some(Cell::Text(t)) => Ok(Value::Text(t.clone())),
                _ => Err(err(
                    col_name.offset,
                    table.numeric(r, c).err().unwrap_or_default(),
                )),
            }
        }
        Call::Share(col_name, row_name) => {
            let (c, r) = (column(table, col_name)?, row(table, row_name)?);
            let part = table.numeric(r, c).map_err(|m| err(row_name.offset, m))?;
            let total = table
                .share_total(c)
                .map_err(|m| err(col_name.offset, m))?
                .value;
            if total == 0.0 {
                return Err(err(
                    col_name.offset,
                    format!("the total of column `{}` is 0", col_name.text),
                ));
            }
            Ok(Value::Num(part.value / total))
        }
        Call::Missing(col_name, row_name) => {
            let (c, r) = (column(table, col_name)?, row(table, row_name)?);
            Ok(Value::Bool(table.cell(r, c).is_none_or(Cell::is_missing)))
        }
        Call::Abs(inner) => match eval_at(inner, table, scope, src)? {
            Value::Missing => Ok(Value::Missing),
            Value::Num(v) => Ok(Value::Num(v.abs())),
            other => Err(not_a_number(inner, &other, src)),
        },
        Call::Change(name)
        | Call::PctChange(name)
        | Call::Yoy(name)
        | Call::Cumsum(name)
        | Call::RowShare(name) => match scope {
            Some(scope) => super::row_calls::eval(call, name, table, scope),
            None => Err(err(
                name.offset,
                "this function works only in `filter` and `derive` expressions",
            )),
        },
    }
}

/// Why `expr` evaluated to `outcome` (called with `false` for a failed assertion):
/// the values of the compared sides, `sum(完成投资) = 2,020.3, right side = 2,000`.
/// A side that is a table function is named by its text; any other side is
/// "left side" / "right side".
pub fn explain(expr: &Expr, outcome: bool, table: &Table, src: &str, out: &mut Vec<String>) {
    match &expr.kind {
        ExprKind::Binary(BinOp::And | BinOp::Or, lhs, rhs) => {
            for side in [lhs, rhs] {
                if eval(side, table, src) == Ok(Value::Bool(outcome)) {
                    explain(side, outcome, table, src, out);
                }
            }
        }
        ExprKind::Not(inner) => explain(inner, !outcome, table, src, out),
        ExprKind::Binary(_, lhs, rhs) => {
            let parts: Vec<String> = [(lhs, "left side"), (rhs, "right side")]
                .into_iter()
                .filter_map(|(side, fallback)| {
                    let value = eval(side, table, src).ok()?;
                    let label = match &side.kind {
                        ExprKind::Call(c) if !matches!(c, Call::Abs(_)) => text_of(side, src),
                        _ => fallback,
                    };
                    Some(format!("{label} = {}", value.show()))
                })
                .collect();
            if !parts.is_empty() {
                out.push(parts.join(", "));
            }
        }
        _ => {}
    }
}
