//! Stacked and grouped charts turned sideways: when columns get too narrow for their
//! category labels (many categories on a phone), categories become rows with their labels
//! on the left. Stacked rows carry their total at the end and segment values inside where
//! they fit; grouped rows hold one thin bar per series with its value at the end.

use super::callouts::{self, NoteFrame};
use super::colour::{text_on, AXIS};
use super::frame::{PAD, SMALL_PX};
use super::legend;
use super::output::sum;
use super::rows;
use super::scene::{Anchor, Datum, Label, Scene};
use super::text::{self, BOX};
use super::Ctx;

/// Lays out the chart sideways; `stacked` picks stacked rows, else grouped.
pub fn layout(ctx: &Ctx, stacked: bool) -> Scene {
    let items = &ctx.data.items;
    let k = ctx.data.series.len().max(1);
    let mut scene = Scene::new(ctx.width, ctx.height);
    let top = legend::draw(&mut scene, &ctx.legend_items()) + callouts::head_room(&ctx.notes);
    // Grouped rows need each thin bar tall enough for its own value label.
    let min_bar = if stacked {
        rows::MIN_BAR
    } else {
        (SMALL_PX * BOX + 1.0) * k as f64
    };
    let rows = rows::layout(ctx.width, top, ctx.height - PAD, &ctx.categories(), min_bar);
    let end_labels: Vec<Vec<(f64, String)>> = items
        .iter()
        .map(|i| {
            if stacked {
                let t = sum(i.values.iter().copied());
                vec![(t.value, ctx.plain(t))]
            } else {
                i.values
                    .iter()
                    .enumerate()
                    .map(|(s, n)| (n.value, ctx.item_plain(i, s)))
                    .collect()
            }
        })
        .collect();
    let val_w = end_labels
        .iter()
        .flatten()
        .map(|(_, l)| text::measure_styled(l, SMALL_PX, true))
        .fold(0.0, f64::max)
        + 6.0;
    let lo = end_labels
        .iter()
        .flatten()
        .map(|(v, _)| *v)
        .fold(0.0, f64::min);
    let hi = end_labels
        .iter()
        .flatten()
        .map(|(v, _)| *v)
        .fold(0.0, f64::max);
    let (lo, hi) = super::y_axis::widened(ctx.spec, lo, hi);
    let (lo, hi) = super::annotate::widen(&ctx.notes, lo, hi);
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
    let half = rows.bar / 2.0;
    for (i, ((item, &c), ends)) in items.iter().zip(&rows.centres).zip(&end_labels).enumerate() {
        if stacked {
            let mut level = 0.0;
            for (s, n) in item.values.iter().enumerate() {
                // `…` (the only gap a stack allows) is drawn as nothing.
                if item.gap(s).is_some() {
                    continue;
                }
                let (a, b) = (at(level), at(level + n.value));
                let fill = ctx.series_colour(s);
                scene.rect(
                    a,
                    c - half,
                    b,
                    c + half,
                    fill,
                    Some(Datum {
                        series: s,
                        row: i,
                        value: n.value,
                    }),
                );
                let label = ctx.plain(*n);
                let fits = text::measure(&label, SMALL_PX) <= b - a - 6.0;
                if let (true, Some(colour)) = (fits, text_on(fill)) {
                    scene.text(
                        Label::new(label, (a + b) / 2.0, c, Anchor::Middle, SMALL_PX).fill(colour),
                    );
                }
                level += n.value;
            }
        } else {
            let thin = rows.bar / k as f64;
            for (s, n) in item.values.iter().enumerate() {
                if item.gap(s).is_some() {
                    continue;
                }
                let y = c - half + (s as f64 + 0.5) * thin;
                let fill = ctx.series_colour(s);
                let datum = Datum {
                    series: s,
                    row: i,
                    value: n.value,
                };
                scene.rect(
                    zero,
                    y - thin / 2.0 + 0.5,
                    at(n.value),
                    y + thin / 2.0 - 0.5,
                    fill,
                    Some(datum),
                );
            }
        }
        for (s, (v, label)) in ends.iter().enumerate() {
            let y = if stacked {
                c
            } else {
                c - half + (s as f64 + 0.5) * rows.bar / k as f64
            };
            let (x, anchor) = if *v >= 0.0 {
                (at(*v) + 6.0, Anchor::Start)
            } else {
                (at(*v) - 6.0, Anchor::End)
            };
            scene.text(Label::new(label.clone(), x, y, anchor, SMALL_PX).bold(stacked));
        }
    }
    if let (Some(first), Some(last)) = (rows.centres.first(), rows.centres.last()) {
        scene.line(
            vec![(zero, first - half - 4.0), (zero, last + half + 4.0)],
            AXIS,
            1,
        );
    }
    rows::draw_labels(&mut scene, &rows, &ctx.bold());
    scene.height = rows.bottom + PAD;
    // A callout at a category points at its longest bar (a stack's total).
    let tips = end_labels
        .iter()
        .map(|ends| {
            ends.iter()
                .map(|(v, _)| *v)
                .fold(f64::MIN, f64::max)
                .max(lo)
        })
        .collect();
    let size = (scene.width, scene.height);
    let notes = NoteFrame::rows(&rows.centres, rows.bar, ((lo, at(lo)), (hi, at(hi))), size);
    callouts::draw(&mut scene, &notes.with_tips(tips), &ctx.notes);
    scene
}
