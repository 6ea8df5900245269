//! What each chart kind accepts (one or several series, values below zero, how many
//! slices) and how kinds and names are written in messages.

use super::spec::ChartKind;
use crate::data::RowRole;

/// Donut charts show at most this many slices.
pub const MAX_SLICES: usize = 6;

/// Kinds that draw one value column.
pub fn single_series(kind: ChartKind) -> bool {
    matches!(
        kind,
        ChartKind::Bar
            | ChartKind::Hbar
            | ChartKind::Donut
            | ChartKind::Waterfall
            | ChartKind::Bullet
    )
}

/// Kinds that cannot show values below zero.
pub fn non_negative(kind: ChartKind) -> bool {
    matches!(
        kind,
        ChartKind::Donut
            | ChartKind::Stacked
            | ChartKind::Stacked100
            | ChartKind::Area
            | ChartKind::Bullet
    )
}

/// Kinds that draw the parts of a whole (slices, segments, steps): the table's total
/// and its "of which" rows are never among their parts, and a part may not be missing.
pub fn part_of_whole(kind: ChartKind) -> bool {
    matches!(
        kind,
        ChartKind::Donut | ChartKind::Stacked | ChartKind::Stacked100 | ChartKind::Waterfall
    )
}

/// Whether a row of role `role` is drawn as one of a chart's categories: the total
/// never is (a donut and waterfall show it as their whole), "of which" rows are not in
/// part-of-whole kinds, where they would count twice.
pub fn draws_row(kind: ChartKind, role: RowRole) -> bool {
    match role {
        RowRole::Part => true,
        RowRole::Subset => !part_of_whole(kind),
        RowRole::Total => false,
    }
}

/// The kind as written in specs.
pub fn kind_name(kind: ChartKind) -> &'static str {
    match kind {
        ChartKind::Bar => "bar",
        ChartKind::Hbar => "hbar",
        ChartKind::Stacked => "stacked",
        ChartKind::Stacked100 => "stacked100",
        ChartKind::Grouped => "grouped",
        ChartKind::Line => "line",
        ChartKind::Area => "area",
        ChartKind::Donut => "donut",
        ChartKind::Waterfall => "waterfall",
        ChartKind::Bullet => "bullet",
        ChartKind::Scatter => "scatter",
    }
}

/// The kind with its article, as messages say it ("a bar", "an area").
pub fn a_kind(kind: ChartKind) -> String {
    let name = kind_name(kind);
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}

/// A list for a hint: the first dozen names, backquoted.
pub fn list(names: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    let names: Vec<String> = names
        .into_iter()
        .map(|n| format!("`{}`", n.as_ref()))
        .collect();
    let mut shown: Vec<String> = names.iter().take(12).cloned().collect();
    if names.len() > 12 {
        shown.push(format!("… ({} in all)", names.len()));
    }
    shown.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_take_the_article_their_sound_asks_for() {
        assert_eq!(a_kind(ChartKind::Area), "an area");
        assert_eq!(a_kind(ChartKind::Bar), "a bar");
        assert_eq!(a_kind(ChartKind::Donut), "a donut");
    }
}
