//! Stacked columns: one column per category, one segment per series from zero up, the
//! column total above it, segment values inside where they fit; legend above. Too many
//! categories for the width: drawn sideways (see `sideways`).

use super::callouts::{self, NoteFrame};
use super::colour::text_on;
use super::frame::{self, ColumnInput, SMALL_PX};
use super::legend;
use super::output::sum;
use super::scene::{block, Anchor, Datum, Label, Scene};
use super::text::{self, block_height, fit_value};
use super::Ctx;

const MAX_BAR: f64 = 72.0;

pub fn layout(ctx: &Ctx) -> Scene {
    let items = &ctx.data.items;
    let mut scene = Scene::new(ctx.width, ctx.height);
    let top = legend::draw(&mut scene, &ctx.legend_items());
    let totals: Vec<_> = items
        .iter()
        .map(|i| sum(i.values.iter().copied()))
        .collect();
    let total_labels: Vec<String> = totals.iter().map(|t| ctx.plain(*t)).collect();
    let cats = ctx.categories();
    let tips: Vec<f64> = totals.iter().map(|t| t.value).collect();
    let (lo, hi) =
        super::annotate::widen(&ctx.notes, 0.0, tips.iter().copied().fold(0.0, f64::max));
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
    let avail = |band: f64| (band - 4.0) / 1.08;
    let cols = frame::columns(&input, |band| {
        let Some(lines) = fitted(&total_labels, avail(band)) else {
            return (SMALL_PX * 0.7, 0.0);
        };
        (block_height(lines, SMALL_PX) + 4.0, 0.0)
    });
    if cols.cats.lines.iter().any(|l| l.len() > 3) {
        return super::sideways::layout(ctx, true).turned();
    }
    scene.height = cols.height;
    frame::draw_highlights(&mut scene, &cols, &ctx.bold());
    frame::draw_grid(&mut scene, &cols);
    let bar_w = (cols.band * 0.62).min(MAX_BAR);
    let show = fitted(&total_labels, avail(cols.band)).is_some();
    for (i, item) in items.iter().enumerate() {
        let x = cols.x(i);
        let mut level = 0.0;
        for (s, n) in item.values.iter().enumerate() {
            // `…` (the only gap a stack allows) is drawn as nothing.
            if item.gap(s).is_some() {
                continue;
            }
            let (y0, y1) = (cols.scale.at(level), cols.scale.at(level + n.value));
            let fill = ctx.series_colour(s);
            let datum = Datum {
                series: s,
                row: i,
                value: n.value,
            };
            scene.rect(x - bar_w / 2.0, y0, x + bar_w / 2.0, y1, fill, Some(datum));
            let label = ctx.plain(*n);
            let fits =
                (y0 - y1) >= SMALL_PX * 1.3 + 2.0 && text::measure(&label, SMALL_PX) <= bar_w - 4.0;
            if let (true, Some(colour)) = (fits, text_on(fill)) {
                scene.text(
                    Label::new(label, x, (y0 + y1) / 2.0, Anchor::Middle, SMALL_PX).fill(colour),
                );
            }
            level += n.value;
        }
        let fit = |l: &String| fit_value(l, avail(cols.band), SMALL_PX);
        if let (true, Some(lines)) = (show, total_labels.get(i).and_then(fit)) {
            let y = cols.scale.at(level) - 4.0 - block_height(lines.len(), SMALL_PX);
            scene.texts(
                block(&lines, x, y, Anchor::Middle, SMALL_PX)
                    .into_iter()
                    .map(|l| l.bold(true)),
            );
        }
    }
    frame::draw_zero(&mut scene, &cols);
    frame::draw_categories(&mut scene, &cols, &ctx.bold());
    let notes = NoteFrame::columns(&cols, true, Some(tips));
    callouts::draw(&mut scene, &notes, &ctx.notes);
    scene
}

/// Lines the tallest value label needs, when every label fits its column (else none are
/// drawn: a number is never broken).
fn fitted(labels: &[String], avail: f64) -> Option<usize> {
    labels
        .iter()
        .map(|l| fit_value(l, avail, SMALL_PX).map(|v| v.len()))
        .try_fold(1, |most, n| n.map(|n| most.max(n)))
}
