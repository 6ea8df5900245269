//! Vertical columns for one series: bars from zero, value labels above (below for negative
//! values), wrapped category labels under the plot. When the columns get too narrow for
//! their labels (many categories on a phone), the chart is drawn as horizontal bars.

use super::frame::{self, ColumnInput, PAD, SMALL_PX};
use super::scene::{block, Anchor, Datum, Scene};
use super::text::{block_height, fit_value, wrap_value};
use super::Ctx;

/// Widest a column gets.
const MAX_BAR: f64 = 72.0;

pub fn layout(ctx: &Ctx) -> Scene {
    let items = &ctx.data.items;
    let vals: Vec<f64> = items.iter().map(|i| i.value(0)).collect();
    let labels: Vec<String> = items.iter().map(|i| ctx.item_label(i, 0)).collect();
    let cats = ctx.categories();
    let input = ColumnInput {
        width: ctx.width,
        height: ctx.height,
        top: PAD,
        labels: &cats,
        lo: vals.iter().copied().fold(0.0, f64::min),
        hi: vals.iter().copied().fold(0.0, f64::max),
        percent: ctx.percent(),
        right_extra: 0.0,
        thin: false,
        axis_unit: None,
        periods: ctx.data.periods.as_deref(),
        spaced_by_time: false,
        fixed: super::y_axis::fixed(ctx.spec),
        text: ctx.text,
    };
    let avail = |band: f64| (band - 4.0) / 1.08;
    let cols = frame::columns(&input, |band| {
        let (mut head, mut foot) = (0.0f64, 0.0f64);
        for (l, v) in labels.iter().zip(&vals) {
            let h = block_height(wrap_value(l, avail(band), SMALL_PX).len(), SMALL_PX) + 4.0;
            if *v >= 0.0 {
                head = head.max(h);
            } else {
                foot = foot.max(h);
            }
        }
        (head, foot)
    });
    // Columns too narrow for their labels read better as horizontal bars.
    let deep = cols.cats.lines.iter().any(|l| l.len() > 3);
    if deep
        || labels
            .iter()
            .any(|l| fit_value(l, avail(cols.band), SMALL_PX).is_none())
    {
        return super::hbar::layout(ctx).turned();
    }
    let mut scene = Scene::new(ctx.width, cols.height);
    frame::draw_grid(&mut scene, &cols);
    let bar_w = (cols.band * 0.62).min(MAX_BAR);
    let zero = cols.scale.at(0.0);
    for (i, (item, label)) in items.iter().zip(&labels).enumerate() {
        let x = cols.x(i);
        let v = item.value(0);
        let y = cols.scale.at(v);
        let datum = Datum {
            series: 0,
            row: i,
            value: v,
        };
        // A missing value draws no bar; its label (`—`, `…`) stands at zero.
        if item.gap(0).is_none() {
            scene.rect(
                x - bar_w / 2.0,
                zero,
                x + bar_w / 2.0,
                y,
                ctx.item_colour(item, i, false),
                Some(datum),
            );
        }
        let lines = wrap_value(label, avail(cols.band), SMALL_PX);
        let h = block_height(lines.len(), SMALL_PX);
        let top = if v >= 0.0 { y - 4.0 - h } else { y + 4.0 };
        scene.texts(
            block(&lines, x, top, Anchor::Middle, SMALL_PX)
                .into_iter()
                .map(|l| l.bold(item.highlight)),
        );
    }
    frame::draw_zero(&mut scene, &cols);
    frame::draw_categories(&mut scene, &cols, &ctx.bold());
    scene
}
