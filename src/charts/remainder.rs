//! The computed remainder row (e.g. 其他 = 合计 − the listed parts): the total row is taken
//! out of the parts and a remainder row is appended, per series, rounded to the inputs'
//! precision and marked 约 when any input is not exact.

use std::path::Path;

use crate::data::format::combined_qualifier;
use crate::data::{Gap, Number};
use crate::error::Diagnostic;

use super::prepare::Item;
use super::rules::list;
use super::spec::ChartSpec;

/// Takes the total row out of `items` and appends the remainder row; returns the total row.
pub fn apply(
    spec: &ChartSpec,
    items: &mut Vec<Item>,
    spec_file: &Path,
) -> Result<Option<Item>, Diagnostic> {
    Ok(match &spec.remainder {
        None => None,
        Some(rem) => {
            let pos = items
                .iter()
                .position(|i| i.label == rem.total_row)
                .ok_or_else(|| {
                    Diagnostic::file(
                        spec_file,
                        format!(
                            "remainder.total_row: no row `{}` in column `{}`",
                            rem.total_row, spec.x
                        ),
                    )
                    .with_hint(format!(
                        "rows: {}",
                        list(items.iter().map(|i| i.label.as_str()))
                    ))
                })?;
            let total = items.remove(pos);
            // An unknown part would be counted in the remainder without a word.
            let unknown = items.iter().chain([&total]).find_map(|i| {
                (0..spec.y.len())
                    .find(|&s| i.gap(s) == Some(Gap::Unknown))
                    .map(|s| (i, s))
            });
            if let Some((item, s)) = unknown {
                let column = spec.y.get(s).map_or("?", String::as_str);
                return Err(Diagnostic::file(
                    spec_file,
                    format!(
                        "remainder: column `{column}` of row `{}` (line {}) is missing, so `{}` cannot be computed",
                        item.label, item.line, rem.label
                    ),
                )
                .with_hint("fill in the value, or leave out `remainder`"));
            }
            let values: Vec<Number> = (0..spec.y.len())
                .map(|s| remainder_value(&total, items, s))
                .collect();
            items.push(Item {
                label: rem.label.clone(),
                gaps: vec![None; values.len()],
                values,
                reference: None,
                line: total.line,
                depth: 0,
                remainder: true,
                highlight: false,
            });
            Some(total)
        }
    })
}

/// Total − parts for series `s`, rounded to the inputs' precision, qualifier combined.
fn remainder_value(total: &Item, parts: &[Item], s: usize) -> Number {
    let t = total.number(s);
    let mut value = t.value;
    let mut decimals = t.decimals;
    for p in parts {
        let n = p.number(s);
        value -= n.value;
        decimals = decimals.max(n.decimals);
    }
    let scale = 10f64.powi(i32::from(decimals.min(9)));
    let value = (value * scale).round() / scale;
    let qualifier = combined_qualifier(
        std::iter::once(t.qualifier).chain(parts.iter().map(|p| p.number(s).qualifier)),
    );
    // Rounding can leave -0.0; a remainder of nothing is written 0.
    let value = if value == 0.0 { 0.0 } else { value };
    Number {
        value,
        qualifier,
        decimals,
    }
}
