//! Whether a chart's x column is time, and if so its rows in time order: every label read
//! as a period (`x_scale` may force either answer), one granularity, no period twice.

use std::path::Path;

use crate::data::time::{self, Period};
use crate::error::Diagnostic;

use super::prepare::Item;
use super::rules::a_kind;
use super::spec::{ChartKind, ChartSpec, XScale};

/// How periods may be written, for hints.
const FORMATS: &str = "years 2020 or 2020年, months 2020-03, 2020/3 or 2020年3月, quarters 2020Q1 or 2020年一季度, dates 2020-03-15 or 2020年3月15日";

/// Kinds drawn along an x axis, whose categories may be periods.
fn along_x(kind: ChartKind) -> bool {
    !matches!(
        kind,
        ChartKind::Donut | ChartKind::Waterfall | ChartKind::Bullet
    )
}

/// Orders `items` by time when the x column is temporal and returns their periods (in
/// the new order); `None` leaves a categorical chart as it is. `data_file` is where
/// bad labels are reported, `spec_file` where a misplaced `x_scale` is.
pub fn order(
    spec: &ChartSpec,
    items: &mut Vec<Item>,
    data_file: &Path,
    spec_file: &Path,
) -> Result<Option<Vec<Period>>, Diagnostic> {
    let at = |line: usize, message: String| {
        if line == 0 {
            Diagnostic::file(data_file, message)
        } else {
            Diagnostic::at(data_file, line, None, message)
        }
    };
    let forced = spec.x_scale == XScale::Time;
    if spec.x_scale == XScale::Category {
        return Ok(None);
    }
    if !along_x(spec.kind) {
        if forced {
            return Err(Diagnostic::file(
                spec_file,
                format!(
                    "x_scale = \"time\" does not apply to {} chart",
                    a_kind(spec.kind)
                ),
            )
            .with_hint(
                "time axes are for line, area, bar, hbar, stacked, stacked100 and grouped charts",
            ));
        }
        return Ok(None);
    }
    let mut periods = Vec::with_capacity(items.len());
    for item in items.iter() {
        match Period::parse(&item.label) {
            Some(p) => periods.push(p),
            None if forced => {
                return Err(at(
                    item.line,
                    format!(
                    "`{}` in column `{}` is not a period, but the chart sets x_scale = \"time\"",
                    item.label, spec.x
                ),
                )
                .with_hint(format!(
                    "write periods as {FORMATS}; or remove x_scale from {}",
                    spec_file.display()
                )))
            }
            None => return Ok(None),
        }
    }
    if let Some(i) = time::first_mixed(&periods) {
        let (first, other) = (items.first(), items.get(i));
        let (Some(first), Some(other), Some(p0), Some(pi)) =
            (first, other, periods.first(), periods.get(i))
        else {
            return Ok(None);
        };
        return Err(at(
            other.line,
            format!(
                "`{}` is a period of another granularity ({}) than `{}` on line {} ({}): a time axis has one",
                other.label,
                pi.granularity().name(),
                first.label,
                first.line,
                p0.granularity().name()
            ),
        )
        .with_hint(format!(
            "write every period of column `{}` the same way (all years, all quarters …), or set x_scale = \"category\" in {}",
            spec.x,
            spec_file.display()
        )));
    }
    if let Some(&(a, b)) = time::duplicates(&periods).first() {
        if let (Some(first), Some(again)) = (items.get(a), items.get(b)) {
            return Err(at(
                again.line,
                format!(
                    "period `{}` appears twice in column `{}`: on line {} (`{}`) and line {} (`{}`)",
                    periods.get(a).map(ToString::to_string).unwrap_or_default(),
                    spec.x,
                    first.line,
                    first.label,
                    again.line,
                    again.label
                ),
            )
            .with_hint("keep one row per period"));
        }
    }
    let mut paired: Vec<(Period, Item)> = periods.into_iter().zip(items.drain(..)).collect();
    paired.sort_by_key(|(p, _)| *p);
    let (periods, sorted): (Vec<Period>, Vec<Item>) = paired.into_iter().unzip();
    *items = sorted;
    Ok(Some(periods))
}
