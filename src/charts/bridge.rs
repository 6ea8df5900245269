//! The rows of a bridge waterfall (`mode = "bridge"`): the `start` level first, every
//! other row as a change (a rise or a fall), the `end` level last. Start plus the
//! changes must come to end within the rounding of the published figures; otherwise
//! the error names the rows, so a missing or mistyped change is found.

use std::path::Path;

use crate::data::format::group_thousands;
use crate::error::Diagnostic;

use super::prepare::Item;
use super::rules::list;
use super::spec::{ChartKind, ChartSpec, WaterfallMode};

/// Checks the bridge keys and puts `items` in bridge order. Returns whether the chart is
/// a bridge.
pub fn arrange(
    spec: &ChartSpec,
    items: &mut Vec<Item>,
    spec_file: &Path,
) -> Result<bool, Diagnostic> {
    let fail = |message: String| Diagnostic::file(spec_file, message);
    if spec.mode != WaterfallMode::Bridge {
        if let Some(key) = [("start", &spec.start), ("end", &spec.end)]
            .into_iter()
            .find_map(|(k, v)| v.as_ref().map(|_| k))
        {
            return Err(fail(format!(
                "{key}: only a bridge waterfall has a start and an end"
            ))
            .with_hint("write kind = \"waterfall\" and mode = \"bridge\""));
        }
        return Ok(false);
    }
    if spec.kind != ChartKind::Waterfall {
        return Err(
            fail("mode: `bridge` is a mode of waterfall charts".to_string())
                .with_hint("write kind = \"waterfall\", or remove `mode`"),
        );
    }
    if spec.remainder.is_some() {
        return Err(
            fail("remainder: a bridge waterfall has no remainder row".to_string())
                .with_hint("the bridge closes on its `end` row; remove `remainder`"),
        );
    }
    let (Some(start), Some(end)) = (spec.start.as_deref(), spec.end.as_deref()) else {
        return Err(fail(
            "mode: a bridge waterfall needs `start` and `end`, the rows of the two levels"
                .to_string(),
        )
        .with_hint("e.g. start = \"2023年\" and end = \"2024年\""));
    };
    let find = |key: &str, label: &str| {
        items.iter().position(|i| i.label == label).ok_or_else(|| {
            fail(format!("{key}: no row `{label}` in column `{}`", spec.x)).with_hint(format!(
                "rows: {}",
                list(items.iter().map(|i| i.label.as_str()))
            ))
        })
    };
    let (s, e) = (find("start", start)?, find("end", end)?);
    if s == e {
        return Err(fail(format!(
            "end: the bridge starts and ends at the same row `{end}`"
        )));
    }
    let start_item = items.get(s).cloned();
    let end_item = items.get(e).cloned();
    let (Some(start_item), Some(end_item)) = (start_item, end_item) else {
        return Ok(false);
    };
    let changes: Vec<Item> = items
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != s && *i != e)
        .map(|(_, item)| item.clone())
        .collect();
    check_balance(spec, &start_item, &changes, &end_item, spec_file)?;
    *items = std::iter::once(start_item)
        .chain(changes)
        .chain(std::iter::once(end_item))
        .collect();
    Ok(true)
}

/// Start plus the changes must equal end, give or take half a unit in the last decimal
/// of every figure added.
fn check_balance(
    spec: &ChartSpec,
    start: &Item,
    changes: &[Item],
    end: &Item,
    spec_file: &Path,
) -> Result<(), Diagnostic> {
    let all = || {
        std::iter::once(start)
            .chain(changes)
            .chain(std::iter::once(end))
    };
    let decimals = all().map(|i| i.number(0).decimals).max().unwrap_or(0);
    let unit = 10f64.powi(-i32::from(decimals.min(9)));
    let slack = 0.5 * unit * (changes.len() + 2) as f64;
    let change: f64 = changes.iter().map(|i| i.value(0)).sum();
    let reached = start.value(0) + change;
    let off = end.value(0) - reached;
    if off.abs() <= slack + 1e-9 * reached.abs().max(1.0) {
        return Ok(());
    }
    let show = |value: f64| group_thousands(value, decimals);
    let names = if changes.is_empty() {
        "no changes".to_string()
    } else {
        format!(
            "the changes {}",
            list(changes.iter().map(|i| i.label.as_str()))
        )
    };
    Err(Diagnostic::file(
        spec_file,
        format!(
            "end: `{}` ({}) plus {names} ({}) comes to {}, but `{}` is {} (off by {})",
            start.label,
            show(start.value(0)),
            show(change),
            show(reached),
            end.label,
            show(end.value(0)),
            show(off),
        ),
    )
    .with_hint(format!(
        "a bridge must add up: a change is missing or mistyped in column `{}` (rounding allows ±{})",
        spec.y.first().map_or("", String::as_str),
        show(slack)
    )))
}
