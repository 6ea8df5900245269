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
        let value = eval_row(expr, table, &sequence.scope(r), src)
            .map_err(|e| StepError::at_row(Vec::new(), table, r, e))?;
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
                return Err(StepError::new(
                    Vec::new(),
                    row_message(
                        table,
                        r,
                        &format!(
                            "a derived column holds numbers, but this expression gives {}",
                            other.show()
                        ),
                    ),
                )
                .with_offset(0))
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
    use super::super::csv;
    use super::*;

    /// China, population in 万人 and life expectancy (Gapminder, via vega-datasets 3.2.1);
    /// one life expectancy left out to stand for a gap.
    fn china() -> Table {
        csv("年份,人口,预期寿命\n1990,115370.4,68.09\n1995,121814.4,69.75\n2000,126409.9,\n2005,130488.8,72.98")
    }

    /// Monthly CO₂ at Mauna Loa in ppm (NOAA, via vega-datasets 3.2.1), newest first.
    fn co2() -> Table {
        csv("月份,CO2\n2020年3月,414.51\n2020年2月,414.09\n2020年1月,413.37\n2019年3月,412.00\n2019年2月,411.66\n2019年1月,410.92")
    }

    fn one(t: Table, name: &str, expr: &str) -> Result<(Table, Vec<String>), StepError> {
        derive(
            t,
            &[Derive {
                name: name.into(),
                expr: expr.into(),
                unit: None,
            }],
        )
    }

    fn column(t: &Table, c: usize) -> Vec<Option<f64>> {
        (0..t.rows.len())
            .map(|r| t.cell(r, c).and_then(Cell::as_number).map(|n| n.value))
            .collect()
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-5)
    }

    #[test]
    fn period_functions() {
        let (t, notes) = one(china(), "增长", "pct_change(人口)").unwrap();
        let got = column(&t, 3);
        assert_eq!(got[0], None);
        assert!(
            close(got[1], (121814.4 / 115370.4 - 1.0) * 100.0),
            "{got:?}"
        );
        assert_eq!(t.units.get("增长").map(String::as_str), Some("%"));
        assert_eq!(notes, ["“增长”为人口较上期增长的百分比"]);
        let (t, _) = one(china(), "增量", "change(预期寿命)").unwrap();
        let got = column(&t, 3);
        assert!(
            close(got[1], 69.75 - 68.09) && got[2].is_none() && got[3].is_none(),
            "{got:?}"
        );
        let (t, _) = one(china(), "累计", "cumsum(预期寿命)").unwrap();
        let got = column(&t, 3);
        assert!(close(got[1], 68.09 + 69.75) && got[2].is_none(), "{got:?}");
        assert!(close(got[3], 68.09 + 69.75 + 72.98), "{got:?}");
        // Years are no parts of a whole: a share of their sum is refused.
        let refused = one(china(), "占比", "share(人口)").unwrap_err();
        assert!(
            format!("{refused:?}").contains("rows are periods"),
            "{refused:?}"
        );
        let parts = csv("区,人口\n甲,30\n乙,70");
        let (t, _) = one(parts, "占比", "share(人口)").unwrap();
        assert!(close(column(&t, 2)[0], 30.0));
    }

    #[test]
    fn yoy_finds_the_same_month_a_year_before_in_any_row_order() {
        let (t, notes) = one(co2(), "同比", "yoy(CO2)").unwrap();
        let got = column(&t, 2);
        assert!(close(got[0], (414.51 / 412.00 - 1.0) * 100.0), "{got:?}");
        assert!(close(got[2], (413.37 / 410.92 - 1.0) * 100.0), "{got:?}");
        assert_eq!(&got[3..], [None, None, None]);
        assert_eq!(notes, ["“同比”为CO2比上年同期增长的百分比"]);
        // Newest first in the file, but the previous period is the month before.
        let (t, _) = one(co2(), "环比", "change(CO2)").unwrap();
        assert!(close(column(&t, 2)[0], 414.51 - 414.09));
        assert_eq!(column(&t, 2)[5], None);
    }

    #[test]
    fn arithmetic_between_columns() {
        let (t, notes) = one(china(), "人口（亿）", "人口 / 10000").unwrap();
        assert!(close(column(&t, 3)[0], 11.53704));
        assert_eq!(t.rows[0].cells[3].as_number().unwrap().decimals, 1);
        assert_eq!(notes, ["“人口（亿）”按 人口 / 10000 计算"]);
        let (t, _) = one(china(), "和", "人口 + 预期寿命").unwrap();
        assert!(close(column(&t, 3)[0], 115370.4 + 68.09));
        assert_eq!(column(&t, 3)[2], None);
        assert_eq!(t.rows[0].cells[3].as_number().unwrap().decimals, 2);
    }

    #[test]
    fn chained_entries_see_earlier_ones() {
        let entries = [
            Derive {
                name: "增量".into(),
                expr: "change(人口)".into(),
                unit: Some("万人".into()),
            },
            Derive {
                name: "增量两倍".into(),
                expr: "增量 * 2".into(),
                unit: None,
            },
        ];
        let (t, _) = derive(china(), &entries).unwrap();
        assert!(close(column(&t, 4)[1], (121814.4 - 115370.4) * 2.0));
        assert_eq!(t.units.get("增量").map(String::as_str), Some("万人"));
    }

    #[test]
    fn mistakes_name_their_entry() {
        let e = one(china(), "人口", "人口 * 2").unwrap_err();
        assert_eq!(
            e.key,
            [KeySeg::Key("derive"), KeySeg::Index(0), KeySeg::Key("name")]
        );
        let e = one(china(), "x", "pct_change(产值)").unwrap_err();
        assert_eq!(
            (e.key[2].clone(), e.offset),
            (KeySeg::Key("expr"), Some(11))
        );
        assert!(e.message.contains("no column `产值`"), "{}", e.message);
        let no_periods = csv("行业,产值\n甲,1\n乙,2");
        let e = one(no_periods, "x", "yoy(产值)").unwrap_err();
        assert!(
            e.message.contains("yoy needs a time column"),
            "{}",
            e.message
        );
        assert!(one(china(), "x", "人口 >")
            .unwrap_err()
            .message
            .starts_with("invalid derive expression"));
        assert!(one(china(), "x", "人口 > 1")
            .unwrap_err()
            .message
            .contains("holds numbers"));
    }
}
