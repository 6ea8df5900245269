//! A waterfall turned sideways, for widths where its columns are too narrow for their
//! labels or their values (a phone): one row per step, the category on the left, each bar
//! floating from the level before it, its value after its right end, thin connectors down
//! from each step's end to the next.

use super::callouts::{self, NoteFrame};
use super::colour::{AXIS, CONNECTOR};
use super::frame::{PAD, SMALL_PX};
use super::rows;
use super::scene::{Anchor, Datum, Label, Scene};
use super::text;
use super::waterfall::Step;
use super::Ctx;

/// Steps and their value labels as rows; `lo`/`hi` the value axis's ends.
pub fn layout(ctx: &Ctx, steps: &[Step], labels: &[String], (lo, hi): (f64, f64)) -> Scene {
    let cats: Vec<String> = steps.iter().map(|s| s.label.clone()).collect();
    let top = PAD + callouts::head_room(&ctx.notes);
    let rows = rows::layout(ctx.width, top, ctx.height - PAD, &cats, rows::MIN_BAR);
    let val_w = labels
        .iter()
        .map(|l| text::measure_styled(l, SMALL_PX, true))
        .fold(0.0, f64::max)
        + 6.0;
    // Values stand after a bar's right end, or before its left end when it lies wholly
    // below zero: room on that side only when some bar needs it.
    let x0 = rows.plot_left + if lo < 0.0 { val_w } else { 0.0 };
    let x1 = (ctx.width - PAD - val_w).max(x0 + 20.0);
    let at = |v: f64| {
        if hi > lo {
            x0 + (v - lo) / (hi - lo) * (x1 - x0)
        } else {
            x0
        }
    };
    let mut scene = Scene::new(ctx.width, rows.bottom + PAD);
    let half = rows.bar / 2.0;
    for (i, ((step, label), &c)) in steps.iter().zip(labels).zip(&rows.centres).enumerate() {
        let (a, b) = (at(step.from), at(step.to));
        let datum = Datum {
            series: 0,
            row: step.row,
            value: step.number.value,
        };
        scene.rect(
            a.min(b),
            c - half,
            a.max(b),
            c + half,
            step.fill,
            Some(datum),
        );
        let (x, anchor) = if step.from.max(step.to) > 0.0 || lo >= 0.0 {
            (a.max(b) + 6.0, Anchor::Start)
        } else {
            (a.min(b) - 6.0, Anchor::End)
        };
        scene.text(Label::new(label.clone(), x, c, anchor, SMALL_PX).bold(step.highlight));
        if let Some(&next) = rows.centres.get(i + 1) {
            scene.line(vec![(b, c + half), (b, next - half)], CONNECTOR, 1);
        }
    }
    if let (Some(first), Some(last)) = (rows.centres.first(), rows.centres.last()) {
        let zero = at(0.0);
        scene.line(
            vec![(zero, first - half - 4.0), (zero, last + half + 4.0)],
            AXIS,
            1,
        );
    }
    let bold: Vec<bool> = steps.iter().map(|s| s.highlight).collect();
    rows::draw_labels(&mut scene, &rows, &bold);
    let (centres, tips) =
        super::waterfall::by_item(ctx, steps, |i| rows.centres.get(i).copied().unwrap_or(0.0));
    let size = (scene.width, scene.height);
    let frame = NoteFrame::rows(&rows.centres, rows.bar, ((lo, at(lo)), (hi, at(hi))), size);
    let frame = NoteFrame { centres, ..frame }.with_tips(tips);
    callouts::draw(&mut scene, &frame, &ctx.notes);
    scene.turned()
}
