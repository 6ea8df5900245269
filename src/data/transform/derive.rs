//! `derive = [{ name = "同比", expr = "pct_change(GDP)" }]`: new columns computed row by
//! row with a row expression: arithmetic between columns (`GDP / 常住人口`) and the
//! per-row functions `change`, `pct_change`, `yoy`, `share` and `cumsum`.

use super::filter::row_message;
use super::scope::Sequence;
use super::{Derive, KeySeg, StepError};
use crate::data::assert::{eval_row, parse_row, BinOp, Call, Expr, ExprKind, Value};
use crate::data::format::combined_qualifier;
use crate::data::{Cell, Number, Table};

/// `table` with one new column per entry, and a note per entry saying how it was made.
pub fn derive(mut table: Table, entries: &[Derive]) -> Result<(Table, Vec<String>), StepError> {
    let mut notes = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let key = |k: &'static str| vec![KeySeg::Key("derive"), KeySeg::Index(i), KeySeg::Key(k)];
        let name = entry.name.trim();
        if name.is_empty() {
            return Err(StepError::new(
                key("name"),
                "derive: the new column needs a name",
            ));
        }
        if table.column(name).is_some() {
            return Err(StepError::new(
                key("name"),
                format!(
                    "derive: charts/{} already has a column `{name}`",
                    table.path
                ),
            )
            .with_hint("give the new column a name of its own"));
        }
        let src = entry.expr.as_str();
        let expr = parse_row(src).map_err(|(offset, m)| {
            StepError::new(key("expr"), format!("invalid derive expression: {m}"))
                .with_offset(offset)
        })?;
        let column = evaluate(&table, &expr, src).map_err(|e| StepError {
            key: key("expr"),
            ..e
        })?;
        for (row, cell) in table.rows.iter_mut().zip(column) {
            row.cells.resize(table.columns.len(), Cell::Empty);
            row.cells.push(cell);
        }
        table.columns.push(name.to_string());
        let unit = entry
            .unit
            .clone()
            .or_else(|| percent(&expr).then(|| "%".to_string()));
        if let Some(unit) = unit.filter(|u| !u.is_empty()) {
            table.units.insert(name.to_string(), unit);
        }
        notes.push(note(name, &expr, src));
    }
    Ok((table, notes))
}

/// The new column's cells, one per row.
fn evaluate(table: &Table, expr: &Expr, src: &str) -> Result<Vec<Cell>, StepError> {
    let sequence = Sequence::of(table);
    let inputs = columns_read(expr);
    let decimals = if ratio(expr) {
        1
    } else {
        input_decimals(table, &inputs)
    };
    let mut out = Vec::with_capacity(table.rows.len());
    for r in 0..table.rows.len() {
        let fail = |offset: usize, message: String| {
            StepError::new(Vec::new(), row_message(table, r, &message)).with_offset(offset)
        };
        let value = eval_row(expr, table, &sequence.scope(r), src).map_err(|e| {
            let err = fail(e.offset, e.message);
            match e.hint {
                Some(h) => err.with_hint(h),
                None => err,
            }
        })?;
        out.push(match value {
            Value::Num(v) if v.is_finite() => Cell::Number(Number {
                value: without_float_noise(v),
                qualifier: combined_qualifier(
                    inputs
                        .iter()
                        .filter_map(|c| table.column(c))
                        .filter_map(|c| table.cell(r, c).and_then(Cell::as_number))
                        .map(|n| n.qualifier),
                ),
                decimals,
            }),
            Value::Num(_) | Value::Missing => Cell::Empty,
            other => {
                return Err(fail(
                    0,
                    format!(
                        "a derived column holds numbers, but this expression gives {}",
                        other.show()
                    ),
                ))
            }
        });
    }
    Ok(out)
}

/// `v` rounded to six decimals: `126409.9 / 10000` is written 12.64099 in a CSV
/// download, not 12.640989999999999.
fn without_float_noise(v: f64) -> f64 {
    let rounded = (v * 1e6).round() / 1e6;
    if rounded.is_finite() {
        rounded
    } else {
        v
    }
}

/// The columns an expression reads.
fn columns_read(expr: &Expr) -> Vec<String> {
    let mut out = Vec::new();
    walk(expr, &mut |e| match &e.kind {
        ExprKind::Column(n) => out.push(n.text.clone()),
        ExprKind::Call(
            Call::Change(n)
            | Call::PctChange(n)
            | Call::Yoy(n)
            | Call::Cumsum(n)
            | Call::RowShare(n),
        ) => out.push(n.text.clone()),
        _ => {}
    });
    out
}

fn walk(expr: &Expr, f: &mut impl FnMut(&Expr)) {
    f(expr);
    match &expr.kind {
        ExprKind::Not(e) | ExprKind::Neg(e) | ExprKind::Call(Call::Abs(e)) => walk(e, f),
        ExprKind::Binary(_, l, r) => {
            walk(l, f);
            walk(r, f);
        }
        _ => {}
    }
}

/// Whether the result is a ratio (shown with one decimal): a division or a percentage.
fn ratio(expr: &Expr) -> bool {
    let mut found = false;
    walk(expr, &mut |e| {
        found |= matches!(
            e.kind,
            ExprKind::Binary(BinOp::Div, _, _)
                | ExprKind::Call(Call::PctChange(_) | Call::Yoy(_) | Call::RowShare(_))
        )
    });
    found
}

/// Whether the whole expression is a percentage (its column's unit is then `%`).
fn percent(expr: &Expr) -> bool {
    matches!(
        expr.kind,
        ExprKind::Call(Call::PctChange(_) | Call::Yoy(_) | Call::RowShare(_))
    )
}

/// The most decimals any number in the columns read has.
fn input_decimals(table: &Table, columns: &[String]) -> u8 {
    columns
        .iter()
        .filter_map(|c| table.column(c))
        .flat_map(|c| table.rows.iter().filter_map(move |r| r.cells.get(c)))
        .filter_map(Cell::as_number)
        .map(|n| n.decimals)
        .max()
        .unwrap_or(0)
}

/// The figure note for one derived column.
fn note(name: &str, expr: &Expr, src: &str) -> String {
    match &expr.kind {
        ExprKind::Call(Call::Change(c)) => format!("“{name}”为{}较上期的增减", c.text),
        ExprKind::Call(Call::PctChange(c)) => format!("“{name}”为{}较上期增长的百分比", c.text),
        ExprKind::Call(Call::Yoy(c)) => format!("“{name}”为{}比上年同期增长的百分比", c.text),
        ExprKind::Call(Call::Cumsum(c)) => format!("“{name}”为{}的累计值", c.text),
        ExprKind::Call(Call::RowShare(c)) => format!("“{name}”为{}占总量的百分比", c.text),
        _ => format!("“{name}”按 {} 计算", src.trim()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::data::load::parse_cell;
    use crate::data::Row;

    fn gdp() -> Table {
        let text =
            "年份,GDP,人口\n2020,25041.4,3209\n2021,27894,3212\n2022,29129,\n2023,30145.8,3191";
        let mut lines = text.lines();
        let columns = lines.next().unwrap().split(',').map(String::from).collect();
        let rows = lines
            .enumerate()
            .map(|(i, l)| {
                Row::new(
                    i + 2,
                    l.split(',').map(|c| parse_cell(c).unwrap()).collect(),
                )
            })
            .collect();
        Table::new("gdp.csv", columns, rows)
    }

    fn one(name: &str, expr: &str) -> Result<(Table, Vec<String>), StepError> {
        derive(
            gdp(),
            &[Derive {
                name: name.into(),
                expr: expr.into(),
                unit: None,
            }],
        )
    }

    fn column(t: &Table, c: usize) -> Vec<Option<f64>> {
        (0..t.rows.len())
            .map(|r| {
                t.cell(r, c)
                    .and_then(Cell::as_number)
                    .map(|n| (n.value * 1000.0).round() / 1000.0)
            })
            .collect()
    }

    #[test]
    fn period_functions() {
        let (t, notes) = one("增长", "pct_change(GDP)").unwrap();
        assert_eq!(
            column(&t, 3),
            [None, Some(11.392), Some(4.427), Some(3.491)]
        );
        assert_eq!(t.units.get("增长").map(String::as_str), Some("%"));
        assert_eq!(notes, ["“增长”为GDP较上期增长的百分比"]);
        let (t, _) = one("增量", "change(GDP)").unwrap();
        assert_eq!(
            column(&t, 3),
            [None, Some(2852.6), Some(1235.0), Some(1016.8)]
        );
        let (t, _) = one("累计", "cumsum(人口)").unwrap();
        assert_eq!(
            column(&t, 3),
            [Some(3209.0), Some(6421.0), None, Some(9612.0)]
        );
        let (t, _) = one("占比", "share(人口)").unwrap();
        assert_eq!(column(&t, 3)[0], Some(33.385));
    }

    #[test]
    fn arithmetic_between_columns() {
        let (t, notes) = one("人均", "GDP / 人口 * 10000").unwrap();
        assert_eq!(column(&t, 3)[0], Some(78034.902));
        assert_eq!(column(&t, 3)[2], None);
        assert_eq!(t.rows[0].cells[3].as_number().unwrap().decimals, 1);
        assert_eq!(notes, ["“人均”按 GDP / 人口 * 10000 计算"]);
        let (t, _) = one("和", "GDP + 人口").unwrap();
        assert_eq!(t.rows[0].cells[3].as_number().unwrap().decimals, 1);
    }

    #[test]
    fn chained_entries_see_earlier_ones() {
        let entries = [
            Derive {
                name: "增量".into(),
                expr: "change(GDP)".into(),
                unit: Some("亿元".into()),
            },
            Derive {
                name: "增量两倍".into(),
                expr: "增量 * 2".into(),
                unit: None,
            },
        ];
        let (t, _) = derive(gdp(), &entries).unwrap();
        assert_eq!(column(&t, 4)[1], Some(5705.2));
        assert_eq!(t.units.get("增量").map(String::as_str), Some("亿元"));
    }

    #[test]
    fn mistakes_name_their_entry() {
        let e = one("GDP", "GDP * 2").unwrap_err();
        assert_eq!(
            e.key,
            [KeySeg::Key("derive"), KeySeg::Index(0), KeySeg::Key("name")]
        );
        let e = one("x", "pct_change(产值)").unwrap_err();
        assert_eq!(
            (e.key[2].clone(), e.offset),
            (KeySeg::Key("expr"), Some(11))
        );
        assert!(e.message.contains("no column `产值`"), "{}", e.message);
        let e = one("x", "yoy(GDP)").unwrap_err();
        assert!(
            e.message.contains("yoy needs a time column"),
            "{}",
            e.message
        );
        assert!(one("x", "GDP >")
            .unwrap_err()
            .message
            .starts_with("invalid derive expression"));
        assert!(one("x", "GDP > 1")
            .unwrap_err()
            .message
            .contains("holds numbers"));
    }
}
