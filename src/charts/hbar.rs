//! Horizontal bars for one series: category labels on the left (wrapped), bars from zero,
//! the value right of each bar end (left for negative values). No value axis: every bar
//! carries its number.

use super::callouts::{self, NoteFrame};
use super::colour::AXIS;
use super::frame::{PAD, SMALL_PX};
use super::rows;
use super::scene::{Anchor, Datum, Label, Scene};
use super::text;
use super::Ctx;

/// Room for the widest value label beside a bar's end.
pub(super) fn value_width(labels: &[String]) -> f64 {
    labels
        .iter()
        .map(|l| text::measure_styled(l, SMALL_PX, true))
        .fold(0.0, f64::max)
        + 6.0
}

pub fn layout(ctx: &Ctx) -> Scene {
    let items = &ctx.data.items;
    let vals: Vec<f64> = items.iter().map(|i| i.value(0)).collect();
    let labels: Vec<String> = items.iter().map(|i| ctx.item_label(i, 0)).collect();
    let top = ctx.shared_rows.map_or(PAD, |r| r.top);
    let rows = rows::layout(
        ctx.width,
        top + callouts::head_room(&ctx.notes),
        ctx.height - PAD,
        &ctx.categories(),
        rows::MIN_BAR,
    );
    let (lo, hi, val_w) = match ctx.shared_rows {
        Some(shared) => (shared.lo, shared.hi, shared.value_w),
        None => {
            let lo = vals.iter().copied().fold(0.0, f64::min);
            let hi = vals.iter().copied().fold(0.0, f64::max);
            let (lo, hi) = super::y_axis::widened(ctx.spec, lo, hi);
            let (lo, hi) = super::annotate::widen(&ctx.notes, lo, hi);
            (lo, hi, value_width(&labels))
        }
    };
    let x0 = rows.plot_left + if lo < 0.0 { val_w } else { 0.0 };
    let x1 = (ctx.width - PAD - if hi > 0.0 { val_w } else { 0.0 }).max(x0 + 20.0);
    let at = |v: f64| {
        if hi > lo {
            x0 + (v - lo) / (hi - lo) * (x1 - x0)
        } else {
            x0
        }
    };
    let zero = at(0.0);
    let mut scene = Scene::new(ctx.width, rows.bottom + PAD);
    for (i, ((item, label), &c)) in items.iter().zip(&labels).zip(&rows.centres).enumerate() {
        let v = item.value(0);
        let end = at(v);
        let half = rows.bar / 2.0;
        let datum = Datum {
            series: 0,
            row: i,
            value: v,
        };
        // A missing value draws no bar; its label (`—`, `…`) stands at zero.
        if item.gap(0).is_none() {
            scene.rect(
                zero,
                c - half,
                end,
                c + half,
                ctx.item_colour(item, i, false),
                Some(datum),
            );
        }
        let (x, anchor) = if v >= 0.0 {
            (end + 6.0, Anchor::Start)
        } else {
            (end - 6.0, Anchor::End)
        };
        scene.text(Label::new(label.clone(), x, c, anchor, SMALL_PX).bold(item.highlight));
    }
    if let (Some(first), Some(last)) = (rows.centres.first(), rows.centres.last()) {
        let half = rows.bar / 2.0 + 4.0;
        scene.line(vec![(zero, first - half), (zero, last + half)], AXIS, 1);
    }
    rows::draw_labels(&mut scene, &rows, &ctx.bold());
    let size = (scene.width, scene.height);
    let notes = NoteFrame::rows(&rows.centres, rows.bar, ((lo, at(lo)), (hi, at(hi))), size);
    callouts::draw(&mut scene, &notes.with_tips(vals), &ctx.notes);
    scene
}
