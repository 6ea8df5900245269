//! Grouped columns: one band per category with a column per series side by side, values
//! above the columns when every value fits its column's slot; legend above. Too many
//! categories for the width: drawn sideways (see `sideways`).

use super::callouts::{self, NoteFrame};
use super::frame::{self, ColumnInput, SMALL_PX};
use super::legend;
use super::scene::{block, Anchor, Datum, Scene};
use super::text::{block_height, fit_value, wrap_value};
use super::Ctx;

const MAX_BAR: f64 = 40.0;

pub fn layout(ctx: &Ctx) -> Scene {
    let items = &ctx.data.items;
    let k = ctx.data.series.len().max(1);
    let mut scene = Scene::new(ctx.width, ctx.height);
    let top = legend::draw(&mut scene, &ctx.legend_items());
    let all: Vec<f64> = items
        .iter()
        .flat_map(|i| i.values.iter().map(|n| n.value))
        .collect();
    let labels: Vec<Vec<String>> = items
        .iter()
        .map(|i| (0..i.values.len()).map(|s| ctx.item_plain(i, s)).collect())
        .collect();
    let cats = ctx.categories();
    let (lo, hi) = super::annotate::widen(
        &ctx.notes,
        all.iter().copied().fold(0.0, f64::min),
        all.iter().copied().fold(0.0, f64::max),
    );
    let input = ColumnInput {
        width: ctx.width,
        height: ctx.height,
        top,
        labels: &cats,
        lo,
        hi,
        percent: ctx.percent(),
        right_extra: 0.0,
        thin: false,
        axis_unit: ctx.axis_unit(),
        periods: ctx.data.periods.as_deref(),
        spaced_by_time: false,
        fixed: super::y_axis::fixed(ctx.spec),
        text: ctx.text,
        shared: ctx.shared,
    };
    let bar_w = |band: f64| (band * 0.8 / k as f64).min(MAX_BAR);
    // Value labels are shown when all of them fit their slot in two lines at most.
    let label_lines = |band: f64| -> Option<usize> {
        let slot = bar_w(band) - 1.0;
        let mut most = 1;
        for l in labels.iter().flatten() {
            most = most.max(fit_value(l, slot, SMALL_PX)?.len());
        }
        Some(most)
    };
    let cols = frame::columns(&input, |band| match label_lines(band) {
        Some(n) => {
            let h = block_height(n, SMALL_PX) + 4.0;
            (h, if input.lo < 0.0 { h } else { 0.0 })
        }
        None => (0.0, 0.0),
    });
    if cols.cats.lines.iter().any(|l| l.len() > 3) {
        return super::sideways::layout(ctx, false).turned();
    }
    scene.height = cols.height;
    frame::draw_highlights(&mut scene, &cols, &ctx.bold());
    frame::draw_grid(&mut scene, &cols);
    let w = bar_w(cols.band);
    let show = label_lines(cols.band).is_some();
    let zero = cols.scale.at(0.0);
    for (i, item) in items.iter().enumerate() {
        let left = cols.x(i) - w * k as f64 / 2.0;
        for (s, n) in item.values.iter().enumerate() {
            let x = left + (s as f64 + 0.5) * w;
            let y = cols.scale.at(n.value);
            let datum = Datum {
                series: s,
                row: i,
                value: n.value,
            };
            // A hairline of white between neighbours keeps same-coloured columns apart.
            // A missing value draws no column; its label (`—`, `…`) stands at zero.
            if item.gap(s).is_none() {
                scene.rect(
                    x - w / 2.0 + 0.5,
                    zero,
                    x + w / 2.0 - 0.5,
                    y,
                    ctx.series_colour(s),
                    Some(datum),
                );
            }
            if let (true, Some(label)) = (show, labels.get(i).and_then(|l| l.get(s))) {
                let lines = wrap_value(label, w - 1.0, SMALL_PX);
                let h = block_height(lines.len(), SMALL_PX);
                let top = if n.value >= 0.0 { y - 4.0 - h } else { y + 4.0 };
                scene.texts(block(&lines, x, top, Anchor::Middle, SMALL_PX));
            }
        }
    }
    frame::draw_zero(&mut scene, &cols);
    frame::draw_categories(&mut scene, &cols, &ctx.bold());
    // A callout at a category points at its tallest column.
    let tips = items
        .iter()
        .map(|i| i.values.iter().map(|n| n.value).fold(f64::MIN, f64::max))
        .collect();
    let notes = NoteFrame::columns(&cols, true, Some(tips));
    callouts::draw(&mut scene, &notes, &ctx.notes);
    scene
}
