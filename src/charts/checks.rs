//! Checks on a chart's rows once they are read: a part-of-whole chart draws parts that
//! fit in their total, every series has a value somewhere, and kinds that cannot show
//! values below zero get none.

use crate::data::roles::{
    is_rate, mixed_row_units, parts_within_total, TOTAL_LABELS, WHOLE_LABELS,
};
use crate::data::table::bare_label;
use crate::error::Diagnostic;

use super::prepare::{Ctx, Item};
use super::rules::a_kind;

/// Part-of-whole charts: a total (合计, or 全市 and the like, as a column after
/// `transpose` or `pivot`) or an "of which" item among the series is not a part, rates
/// do not add up, and the parts of each column may not add up to more than the table's
/// total row.
pub(super) fn check_parts(cx: &Ctx, y_cols: &[usize]) -> Result<(), Diagnostic> {
    let kind = a_kind(cx.spec.kind);
    let refuse = |message: String, hint: &str| {
        Err(Diagnostic::file(cx.spec_file, message).with_hint(hint.to_string()))
    };
    for y in &cx.spec.y {
        let unspaced: String = y.chars().filter(|c| !c.is_whitespace()).collect();
        if TOTAL_LABELS
            .iter()
            .any(|t| t.eq_ignore_ascii_case(&unspaced))
            || WHOLE_LABELS.contains(&unspaced.as_str())
        {
            return refuse(
                format!("y: `{y}` is a total; {kind} chart draws only the parts of a whole"),
                "leave the total out of `y`",
            );
        }
        if bare_label(y) != y.trim() {
            return refuse(
                format!("y: `{y}` is an \"of which\" item, already counted in its parent; {kind} chart would count it twice"),
                "leave it out of `y`, or chart it on its own (bar, line)",
            );
        }
        if is_rate(y, cx.table.unit_of(y)) {
            return refuse(
                format!("y: `{}` holds rates (growth, …率, per head), which do not add up; {} chart draws the parts of a whole", y, kind),
                "chart rates with a bar, hbar or line chart; a part-of-whole chart needs amounts",
            );
        }
    }
    for &c in y_cols {
        if let Err(why) = parts_within_total(cx.table, c) {
            let line = cx
                .table
                .total_row()
                .and_then(|r| cx.table.rows.get(r))
                .map_or(0, |r| r.line);
            return Err(cx.at_line(line, why).with_hint(format!(
                "chart `{}` draws the parts of this total; mark a rounded or partial figure with 约, 超过 or 不足 (~, >, <), or mark \"of which\" rows with # or 其中：",
                cx.spec_file.display()
            )));
        }
    }
    Ok(())
}

/// A remainder (其他 = the total − the listed parts) is only of amounts.
pub(super) fn check_remainder_amounts(cx: &Ctx) -> Result<(), Diagnostic> {
    for y in &cx.spec.y {
        if is_rate(y, cx.table.unit_of(y)) {
            return Err(Diagnostic::file(cx.spec_file, format!("remainder: `{}` holds rates (growth, …率, per head), which do not add up; a remainder of them (total − parts) means nothing", y))
                .with_hint("leave out `remainder` for a column of rates"));
        }
    }
    Ok(())
}

/// The rows a chart draws on one axis are in one unit: rows whose labels state
/// different units (`地区生产总值（亿元）` beside `年末常住人口（万人）`) are refused.
pub(super) fn check_row_units(cx: &Ctx, items: &[Item]) -> Result<(), Diagnostic> {
    match mixed_row_units(items.iter().map(|i| i.label.as_str())) {
        None => Ok(()),
        Some(((a, ua), (b, ub))) => Err(Diagnostic::file(
            cx.spec_file,
            format!("x: the rows `{}` ({}) and `{}` ({}) are in different units; one chart cannot put them on one scale", a, ua, b, ub),
        )
        .with_hint("chart each unit on its own (`rows` or `filter` picks rows), or `transpose` the table so each indicator is a column")),
    }
}

/// Every series has a value somewhere (a chart of nothing but gaps shows nothing).
pub(super) fn check_some_present(cx: &Ctx, items: &[Item]) -> Result<(), Diagnostic> {
    for (s, name) in cx.spec.y.iter().enumerate() {
        if items.iter().all(|i| i.present(s).is_none()) {
            // Put at the spec's `y`, where the column is asked for (see figures::place_in_spec).
            return Err(Diagnostic::file(
                cx.spec_file,
                format!(
                    "y: every cell of column `{name}` in charts/{} is missing; there is nothing to draw",
                    cx.table.path
                ),
            )
            .with_hint("fill in some values, or leave the column out of `y`"));
        }
    }
    Ok(())
}

pub(super) fn check_non_negative(cx: &Ctx, items: &[Item]) -> Result<(), Diagnostic> {
    let kind = a_kind(cx.spec.kind);
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
                .at_line(item.line, format!("negative value {} in column `{col}`: {kind} chart cannot show values below zero", n.value))
                .with_hint("use kind = \"bar\", \"grouped\" or \"line\" for values below zero"));
        }
    }
    Ok(())
}
