//! Checks on a chart's rows once they are read: a part-of-whole chart draws parts that
//! fit in their total, every series has a value somewhere, and kinds that cannot show
//! values below zero get none.

use crate::data::roles::{parts_within_total, TOTAL_LABELS};
use crate::error::Diagnostic;

use super::prepare::{Ctx, Item};
use super::rules::kind_name;

/// Part-of-whole charts: a total among the series is not a part, and the parts of each
/// column may not add up to more than the table's total row.
pub(super) fn check_parts(cx: &Ctx, y_cols: &[usize]) -> Result<(), Diagnostic> {
    let kind = kind_name(cx.spec.kind);
    if let Some(total) = cx
        .spec
        .y
        .iter()
        .find(|y| TOTAL_LABELS.iter().any(|t| t.eq_ignore_ascii_case(y)))
    {
        return Err(Diagnostic::file(
            cx.spec_file,
            format!("y: `{total}` is a total; a {kind} chart draws only the parts of a whole"),
        )
        .with_hint("leave the total out of `y`"));
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
