//! The value axis a spec asks for: `y_min`, `y_max` (fixed ends) and `y_zero` (whether
//! zero is on the axis). Bar-like kinds always start at zero; a value outside the fixed
//! ends is an error naming its cell rather than a mark silently clipped.

use std::path::Path;

use super::prepare::ChartData;
use super::rules::a_kind;
use super::spec::{ChartKind, ChartSpec};
use crate::data::format::NumberStyle;
use crate::error::Diagnostic;

/// Kinds whose value axis runs up the plot and may be set.
fn has_y_axis(kind: ChartKind) -> bool {
    matches!(
        kind,
        ChartKind::Bar
            | ChartKind::Stacked
            | ChartKind::Grouped
            | ChartKind::Line
            | ChartKind::Area
            | ChartKind::Waterfall
    )
}

/// Kinds whose marks are lengths from zero: a cropped axis would misstate them.
fn starts_at_zero(kind: ChartKind) -> bool {
    matches!(
        kind,
        ChartKind::Bar | ChartKind::Stacked | ChartKind::Grouped | ChartKind::Waterfall
    )
}

/// Checks the keys against the kind and one another. Messages start with the key at
/// fault, so the build points at its line in the spec.
pub fn check_spec(spec: &ChartSpec) -> Result<(), String> {
    let kind = a_kind(spec.kind);
    let set = [
        ("y_min", spec.y_min.is_some()),
        ("y_max", spec.y_max.is_some()),
        ("y_zero", spec.y_zero.is_some()),
    ];
    if !has_y_axis(spec.kind) {
        if let Some((key, _)) = set.iter().find(|(_, on)| *on) {
            return Err(format!(
                "{key}: {kind} chart takes no `{key}`; it applies to bar, stacked, grouped, line, area and waterfall charts"
            ));
        }
        return Ok(());
    }
    for (key, v) in [("y_min", spec.y_min), ("y_max", spec.y_max)] {
        if v.is_some_and(|v| !v.is_finite()) {
            return Err(format!("{key}: must be a finite number"));
        }
    }
    if let (Some(lo), Some(hi)) = (spec.y_min, spec.y_max) {
        if lo >= hi {
            return Err(format!(
                "y_max: {hi} is not above y_min = {lo}; the axis would have no length"
            ));
        }
    }
    if starts_at_zero(spec.kind) {
        if spec.y_zero == Some(false) {
            return Err(format!(
                "y_zero: {kind} chart always starts at zero (its bars are lengths from zero); remove `y_zero = false`"
            ));
        }
        if let Some(lo) = spec.y_min.filter(|v| *v > 0.0) {
            return Err(format!(
                "y_min: {kind} chart always starts at zero; y_min = {lo} would crop its bars"
            ));
        }
        if let Some(hi) = spec.y_max.filter(|v| *v < 0.0) {
            return Err(format!(
                "y_max: {kind} chart always includes zero; y_max = {hi} would crop its bars"
            ));
        }
    }
    if spec.y_zero == Some(true) {
        if let Some(lo) = spec.y_min.filter(|v| *v > 0.0) {
            return Err(format!(
                "y_min: {lo} is above zero but `y_zero = true` asks for zero on the axis"
            ));
        }
        if let Some(hi) = spec.y_max.filter(|v| *v < 0.0) {
            return Err(format!(
                "y_max: {hi} is below zero but `y_zero = true` asks for zero on the axis"
            ));
        }
    }
    Ok(())
}

/// Every drawn value (and, on stacked kinds, every stack) lies within `y_min`..`y_max`;
/// else an error at the row of the data file, naming the cell. `data` holds the numbers
/// as shown (after `scale_unit`), the unit `y_min`/`y_max` are written in.
pub fn check_values(
    spec: &ChartSpec,
    data: &ChartData,
    style: &NumberStyle,
    data_file: &Path,
) -> Result<(), Diagnostic> {
    if spec.y_min.is_none() && spec.y_max.is_none() {
        return Ok(());
    }
    let stacks = matches!(spec.kind, ChartKind::Stacked | ChartKind::Area);
    for item in &data.items {
        let cells = (0..data.series.len()).filter_map(|s| {
            let n = item.present(s)?;
            Some((data.series.get(s).cloned().unwrap_or_default(), n.value))
        });
        let stack = stacks.then(|| {
            let total: f64 = item.values.iter().map(|n| n.value).sum();
            ("stack".to_string(), total)
        });
        for (col, v) in cells.chain(stack) {
            let shown = style.digits(crate::data::Number::exact(v));
            let what = if col == "stack" {
                format!("the stacked total {shown} of row `{}`", item.label)
            } else {
                format!("the value {shown} in row `{}`, column `{col}`,", item.label)
            };
            let out = match (spec.y_min, spec.y_max) {
                (Some(lo), _) if v < lo => Some(format!("{what} is below y_min = {lo}")),
                (_, Some(hi)) if v > hi => Some(format!("{what} is above y_max = {hi}")),
                _ => None,
            };
            if let Some(message) = out {
                let hint = "widen `y_min`/`y_max` in the chart spec so every value is drawn (values are never clipped)";
                let d = if item.line > 0 {
                    Diagnostic::at(data_file, item.line, None, message)
                } else {
                    Diagnostic::file(data_file, message)
                };
                return Err(d.with_hint(hint));
            }
        }
    }
    Ok(())
}

/// The value range of a line chart from its values' extent: zero included when the data
/// come near it (or `y_zero = true` asks), left out when `y_zero = false`.
pub fn line_range(min: f64, max: f64, zero: Option<bool>) -> (f64, f64) {
    if !min.is_finite() || !max.is_finite() {
        return (0.0, 1.0);
    }
    match zero {
        Some(true) => (min.min(0.0), max.max(0.0)),
        Some(false) => (min, max),
        None => {
            let lo = if min >= 0.0 && min <= 0.4 * max {
                0.0
            } else {
                min
            };
            let hi = if max <= 0.0 && max >= 0.4 * min {
                0.0
            } else {
                max
            };
            (lo, hi)
        }
    }
}

/// The fixed ends a spec sets (`y_min`, `y_max`), for the frame.
pub fn fixed(spec: &ChartSpec) -> (Option<f64>, Option<f64>) {
    (spec.y_min, spec.y_max)
}

/// A bar chart turned sideways has no axis, but its bars keep the lengths the spec's
/// `y_min`/`y_max` give them: the range `lo..hi` widened to both.
pub fn widened(spec: &ChartSpec, lo: f64, hi: f64) -> (f64, f64) {
    (
        spec.y_min.map_or(lo, |m| lo.min(m)),
        spec.y_max.map_or(hi, |m| hi.max(m)),
    )
}
