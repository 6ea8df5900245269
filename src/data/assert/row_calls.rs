//! The per-row functions of row expressions: `change`, `pct_change` and `yoy` (against
//! the previous period or the same period a year before), `cumsum` (the running sum) and
//! `share(column)` (the row's part of the column's total, by the table's total rule).
//! An empty cell, a first period or a zero base gives an empty result, not an error.

use super::ast::{Call, Name};
use super::eval::{column, err, Eval, EvalError, RowScope, Value};
use crate::data::{Cell, Table};

/// The number in column `col` at `row`; `None` when the cell is empty.
fn cell(table: &Table, row: usize, col: usize, name: &Name) -> Result<Option<f64>, EvalError> {
    match table.cell(row, col) {
        Some(Cell::Number(n)) => Ok(Some(n.value)),
        Some(Cell::Text(t)) if !t.is_empty() => Err(err(
            name.offset,
            format!(
                "column `{}` of row `{}` is `{t}`, not a number",
                name.text,
                table.row_label(row)
            ),
        )),
        _ => Ok(None),
    }
}

/// `now` against `base` in per cent; empty when either is missing or the base is zero.
fn percent_change(now: Option<f64>, base: Option<f64>) -> Value {
    match (now, base) {
        (Some(now), Some(base)) if base != 0.0 => Value::Num((now / base - 1.0) * 100.0),
        _ => Value::Missing,
    }
}

fn num(v: Option<f64>) -> Value {
    v.map_or(Value::Missing, Value::Num)
}

/// The running sums of column `col` along the sequence (empty cells add nothing),
/// worked out once per table.
fn running(
    table: &Table,
    col: usize,
    name: &Name,
    scope: &RowScope,
    position: usize,
) -> Result<Option<f64>, EvalError> {
    if let Some(sums) = scope.cache.running.borrow().get(&col) {
        return Ok(sums.get(position).copied());
    }
    let mut total = 0.0;
    let mut sums = Vec::with_capacity(scope.sequence.len());
    for &r in scope.sequence {
        total += cell(table, r, col, name)?.unwrap_or(0.0);
        sums.push(total);
    }
    let at = sums.get(position).copied();
    scope.cache.running.borrow_mut().insert(col, sums);
    Ok(at)
}

/// The total `share(column)` divides by (the table's total rule), worked out once.
fn share_total(table: &Table, col: usize, name: &Name, scope: &RowScope) -> Result<f64, EvalError> {
    if let Some(&total) = scope.cache.totals.borrow().get(&col) {
        return Ok(total);
    }
    let total = table
        .share_total(col)
        .map_err(|m| err(name.offset, m))?
        .value;
    scope.cache.totals.borrow_mut().insert(col, total);
    Ok(total)
}

/// Evaluates one per-row call at `scope`.
pub fn eval(call: &Call, name: &Name, table: &Table, scope: &RowScope) -> Eval {
    let col = column(table, name)?;
    let now = cell(table, scope.row, col, name)?;
    let previous = scope
        .position
        .and_then(|p| p.checked_sub(1))
        .and_then(|p| scope.sequence.get(p));
    let base = |row: Option<&usize>| match row {
        Some(&r) => cell(table, r, col, name),
        None => Ok(None),
    };
    Ok(match call {
        Call::Change(_) => match (now, base(previous)?) {
            (Some(now), Some(before)) => Value::Num(now - before),
            _ => Value::Missing,
        },
        Call::PctChange(_) => percent_change(now, base(previous)?),
        Call::Yoy(_) => {
            let year_ago = scope.year_ago.map_err(|why| err(name.offset, why))?;
            percent_change(now, base(year_ago.as_ref())?)
        }
        Call::Cumsum(_) => match (scope.position, now) {
            (Some(position), Some(_)) => num(running(table, col, name, scope, position)?),
            _ => Value::Missing,
        },
        Call::RowShare(_) => {
            let total = share_total(table, col, name, scope)?;
            match now {
                Some(now) if total != 0.0 => Value::Num(now / total * 100.0),
                _ => Value::Missing,
            }
        }
        _ => num(now),
    })
}
