//! Vertical columns for one series: bars from zero, value labels above (below for negative
//! values), wrapped category labels under the plot. When the columns get too narrow for
//! their labels (many categories on a phone), the chart is drawn as horizontal bars.

use super::callouts::{self, NoteFrame};
use super::frame::{self, ColumnInput, PAD, SMALL_PX};
use super::scene::{block, Anchor, Datum, Scene};
use super::text::{block_height, fit_value, wrap_value};
use super::Ctx;

/// Widest a column gets.
const MAX_BAR: f64 = 72.0;

/// Room a value label may take across a column `band` px wide.
fn avail(band: f64) -> f64 {
    (band - 4.0) / 1.08
}

/// The value labels: with their unit, except in the panels of a faceted chart, whose
/// axis carries it.
pub(super) fn value_labels(ctx: &Ctx) -> Vec<String> {
    let items = ctx.data.items.iter();
    match ctx.shared {
        Some(_) => items.map(|i| ctx.item_plain(i, 0)).collect(),
        None => items.map(|i| ctx.item_label(i, 0)).collect(),
    }
}

/// Whether every value label fits a column `band` px wide (a number is never broken).
pub(super) fn labels_fit(labels: &[String], band: f64) -> bool {
    labels
        .iter()
        .all(|l| fit_value(l, avail(band), SMALL_PX).is_some())
}

/// Room the value labels need above the highest bar and below the lowest, for columns
/// `band` px wide.
pub(super) fn label_room(labels: &[String], vals: &[f64], band: f64) -> (f64, f64) {
    let (mut head, mut foot) = (0.0f64, 0.0f64);
    for (l, v) in labels.iter().zip(vals) {
        let h = block_height(wrap_value(l, avail(band), SMALL_PX).len(), SMALL_PX) + 4.0;
        if *v >= 0.0 {
            head = head.max(h);
        } else {
            foot = foot.max(h);
        }
    }
    (head, foot)
}

pub fn layout(ctx: &Ctx) -> Scene {
    let items = &ctx.data.items;
    let vals: Vec<f64> = items.iter().map(|i| i.value(0)).collect();
    let labels = value_labels(ctx);
    let cats = ctx.categories();
    let (lo, hi) = super::annotate::widen(
        &ctx.notes,
        vals.iter().copied().fold(0.0, f64::min),
        vals.iter().copied().fold(0.0, f64::max),
    );
    let input = ColumnInput {
        width: ctx.width,
        height: ctx.height,
        top: PAD,
        labels: &cats,
        lo,
        hi,
        percent: ctx.percent(),
        right_extra: 0.0,
        thin: false,
        axis_unit: None,
        periods: ctx.data.periods.as_deref(),
        spaced_by_time: false,
        fixed: super::y_axis::fixed(ctx.spec),
        text: ctx.text,
        shared: ctx.shared,
    };
    let cols = frame::columns(&input, |band| label_room(&labels, &vals, band));
    // Columns too narrow for their labels read better as horizontal bars; the panels
    // of a faceted chart keep their shared frame and drop the labels instead.
    let deep = cols.cats.lines.iter().any(|l| l.len() > 3);
    let fits = labels_fit(&labels, cols.band);
    if ctx.shared.is_none() && (deep || !fits) {
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
        if !fits {
            continue;
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
    let notes = NoteFrame::columns(&cols, true, Some(vals));
    callouts::draw(&mut scene, &notes, &ctx.notes);
    scene
}
