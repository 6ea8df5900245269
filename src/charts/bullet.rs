//! Bullet: one measure against a reference, per row. Each row stacks, top to bottom: the
//! category name; the reference label over its mark; the track (qualitative bands from
//! `bands`) with the measure bar and the reference mark; the measure's label under the bar
//! end; the scale. Labels sit in rows of their own, so close values never collide.

use super::callouts::{self, NoteFrame};
use super::colour::{BANDS, TEXT, TICK_TEXT};
use super::frame::{Scale, PAD, SMALL_PX};
use super::placement::keep_clear;
use super::scene::{block, Anchor, Bbox, Datum, Label, Scene};
use super::text::{self, block_height, LINE};
use super::Ctx;

const NAME_PX: f64 = 13.0;
const TRACK: f64 = 28.0;
const BAR: f64 = 12.0;
const ROW_GAP: f64 = 22.0;

/// The scale's maximum: the spec's, else 100 for percentages, else a round number above
/// the data; never below any value (nothing is clipped).
fn scale_max(ctx: &Ctx) -> f64 {
    let data_max = ctx
        .data
        .items
        .iter()
        .flat_map(|i| [i.value(0), i.reference.map_or(0.0, |r| r.value)])
        .chain(ctx.spec.bands.iter().copied())
        .fold(0.0, f64::max);
    let base = ctx
        .spec
        .max
        .filter(|m| *m > 0.0)
        .unwrap_or(if ctx.percent() { 100.0 } else { 0.0 });
    if data_max <= base {
        base
    } else {
        Scale::nice(0.0, data_max, 4).hi
    }
}

/// A label at `x` that stays within the canvas.
fn clamped(text: String, x: f64, y: f64, size: f64, width: f64) -> Label {
    let w = text::measure(&text, size);
    let x = x.clamp(PAD + w / 2.0, (width - PAD - w / 2.0).max(PAD + w / 2.0));
    Label::new(text, x, y, Anchor::Middle, size)
}

pub fn layout(ctx: &Ctx) -> Scene {
    let max = scale_max(ctx);
    let (x0, x1) = (PAD, ctx.width - PAD);
    let at = |v: f64| x0 + (v / max).clamp(0.0, 1.0) * (x1 - x0);
    let measure_name = ctx.data.series.first().cloned().unwrap_or_default();
    let ref_name = ctx.data.reference_name.clone().unwrap_or_default();
    let mut scene = Scene::new(ctx.width, ctx.height);
    let line = SMALL_PX * LINE;
    // Room above the first row for the texts of reference lines.
    let mut y = PAD + callouts::head_room(&ctx.notes);
    let mut tracks = Vec::with_capacity(ctx.data.items.len());
    for (i, item) in ctx.data.items.iter().enumerate() {
        let names = text::wrap_balanced(&item.label, (x1 - x0) / 1.08, NAME_PX);
        scene.texts(
            block(&names, x0, y, Anchor::Start, NAME_PX)
                .into_iter()
                .map(|l| l.bold(true)),
        );
        y += block_height(names.len(), NAME_PX) + 2.0;

        if let Some(r) = item.reference {
            let label = format!("{ref_name} {}", ctx.label(r));
            scene.text(clamped(
                label,
                at(r.value),
                y + line / 2.0,
                SMALL_PX,
                ctx.width,
            ));
        }
        y += line + 4.0;

        // Track with qualitative bands.
        let mut from = 0.0;
        let mut bounds: Vec<f64> = ctx
            .spec
            .bands
            .iter()
            .copied()
            .filter(|b| *b > 0.0 && *b < max)
            .collect();
        bounds.push(max);
        for (k, &to) in bounds.iter().enumerate() {
            let shade = if bounds.len() == 1 {
                1
            } else {
                k.min(BANDS.len() - 1)
            };
            scene.rect(
                at(from),
                y,
                at(to),
                y + TRACK,
                BANDS.get(shade).copied().unwrap_or(TEXT),
                None,
            );
            from = to;
        }
        let v = item.value(0);
        let fill = if ctx.data.any_highlight() && !item.highlight {
            super::colour::MUTED
        } else {
            super::colour::nth(&ctx.palette, 0)
        };
        let mid = y + TRACK / 2.0;
        tracks.push(mid);
        let datum = Datum {
            series: 0,
            row: i,
            value: v,
        };
        scene.rect(
            at(0.0),
            mid - BAR / 2.0,
            at(v),
            mid + BAR / 2.0,
            fill,
            Some(datum),
        );
        if let Some(r) = item.reference {
            let x = at(r.value);
            scene.line(vec![(x, y - 3.0), (x, y + TRACK + 3.0)], TEXT, 3);
        }
        y += TRACK + 6.0;

        let label = format!("{measure_name} {}", ctx.label(item.number(0)));
        scene.text(clamped(label, at(v), y + line / 2.0, SMALL_PX, ctx.width));
        y += line + 2.0;

        ticks(&mut scene, max, ctx.percent(), y + line / 2.0, &at);
        y += line + ROW_GAP;
    }
    scene.height = y - ROW_GAP + PAD;
    let size = (scene.width, scene.height);
    let mut notes = NoteFrame::rows(&tracks, TRACK, ((0.0, at(0.0)), (max, at(max))), size);
    // Note texts keep off the tracks, not only off the measure bars.
    notes.blocked = tracks
        .iter()
        .map(|m| Bbox {
            x0,
            y0: m - TRACK / 2.0 - 3.0,
            x1,
            y1: m + TRACK / 2.0 + 3.0,
        })
        .collect();
    let values = ctx.data.items.iter().map(|i| i.value(0)).collect();
    callouts::draw(&mut scene, &notes.with_tips(values), &ctx.notes);
    scene
}

/// Scale labels under a row: the ends anchored inwards, inner ticks only where they fit.
fn ticks(scene: &mut Scene, max: f64, percent: bool, y: f64, at: &dyn Fn(f64) -> f64) {
    let scale = Scale::nice(0.0, max, 4);
    let values: Vec<f64> = scale.ticks().into_iter().filter(|t| *t <= max).collect();
    let label = |v: f64| scale.tick_label(v, percent);
    let mut labels = vec![
        Label::new(label(0.0), at(0.0), y, Anchor::Start, SMALL_PX).fill(TICK_TEXT),
        Label::new(label(max), at(max), y, Anchor::End, SMALL_PX).fill(TICK_TEXT),
    ];
    labels.extend(
        values
            .iter()
            .filter(|&&v| v > 0.0 && v < max)
            .map(|&v| Label::new(label(v), at(v), y, Anchor::Middle, SMALL_PX).fill(TICK_TEXT)),
    );
    let placed = keep_clear(labels, 4.0);
    scene.texts(placed);
}
