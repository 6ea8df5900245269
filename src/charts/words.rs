//! What the description calls the chart: the kind as drawn, not as specified (a bar chart
//! turned sideways to fit its labels reads as 横向条形图).

use super::output::noun;
use super::spec::ChartKind;

/// The noun of a column chart drawn sideways; `None` for kinds that never turn.
fn sideways_noun(kind: ChartKind) -> Option<&'static str> {
    match kind {
        ChartKind::Bar => Some("横向条形图"),
        ChartKind::Stacked => Some("横向堆积条形图"),
        ChartKind::Grouped => Some("横向分组条形图"),
        ChartKind::Waterfall => Some("横向瀑布图"),
        _ => None,
    }
}

/// `desc` (which opens with the noun of `kind`) naming the kind as drawn.
pub fn as_drawn(kind: ChartKind, sideways: bool, desc: String) -> String {
    match (sideways, sideways_noun(kind)) {
        (true, Some(turned)) => match desc.strip_prefix(noun(kind)) {
            Some(rest) => format!("{turned}{rest}"),
            None => desc,
        },
        _ => desc,
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use std::path::Path;

    use crate::charts::render_chart;
    use crate::charts::tests::{opts, sample, scene_of};

    #[test]
    fn a_chart_turned_sideways_says_so() {
        let (s, t) = sample("bar");
        let wide = render_chart("c", &s, &t, &opts(720, 420), Path::new("c")).unwrap();
        let narrow = render_chart("c", &s, &t, &opts(240, 420), Path::new("c")).unwrap();
        assert!(wide.desc.starts_with("柱状图。"), "{}", wide.desc);
        assert!(narrow.desc.starts_with("横向条形图。"), "{}", narrow.desc);
        // Whatever the width, the description follows the drawing.
        for kind in ["bar", "stacked", "grouped"] {
            let (s, t) = sample(kind);
            for width in [240, 400, 720] {
                let o = opts(width, 420);
                let turned = scene_of(&s, &t, &o).sideways;
                let desc = render_chart("c", &s, &t, &o, Path::new("c")).unwrap().desc;
                assert_eq!(desc.starts_with("横向"), turned, "{kind} {width}: {desc}");
            }
        }
    }
}
