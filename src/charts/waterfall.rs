//! Waterfall: how a total splits, step by step. With a remainder the total comes first (its
//! own dark colour), each part then hangs from where the previous one ended, and the
//! remainder closes the gap to zero. Without one the parts build up from zero and a
//! computed total (合计) closes the chart, decreases in the palette's second colour. A
//! bridge (`mode = "bridge"`) stands its start and end levels on zero and hangs the
//! changes between them. Thin connectors join the steps. Columns too narrow for their
//! labels turn into rows ([`super::waterfall_rows`]).

use crate::data::Number;

use super::callouts::{self, NoteFrame};
use super::colour::{CONNECTOR, TOTAL};
use super::frame::{self, ColumnInput, Columns, PAD, SMALL_PX};
use super::output::sum;
use super::scene::{block, Anchor, Datum, Scene};
use super::text::{block_height, fit_value};
use super::Ctx;

const MAX_BAR: f64 = 64.0;

/// One bar: its label, value, the levels it spans (from, to) and its colour.
pub struct Step {
    pub label: String,
    pub number: Number,
    pub from: f64,
    pub to: f64,
    pub fill: super::colour::Rgb,
    pub highlight: bool,
    pub row: usize,
}

fn steps(ctx: &Ctx) -> Vec<Step> {
    if ctx.data.bridge {
        return bridge_steps(ctx);
    }
    let items = &ctx.data.items;
    let mut out = Vec::with_capacity(items.len() + 1);
    match &ctx.data.total {
        Some(total) => {
            let t = total.number(0);
            out.push(Step {
                label: total.label.clone(),
                number: t,
                from: 0.0,
                to: t.value,
                fill: TOTAL,
                highlight: total.highlight,
                row: items.len(),
            });
            let mut level = t.value;
            for (i, item) in items.iter().enumerate() {
                let v = item.value(0);
                let fill = ctx.item_colour(item, i, false);
                out.push(Step {
                    label: item.label.clone(),
                    number: item.number(0),
                    from: level,
                    to: level - v,
                    fill,
                    highlight: item.highlight,
                    row: i,
                });
                level -= v;
            }
        }
        None => {
            let mut level = 0.0;
            for (i, item) in items.iter().enumerate() {
                let v = item.value(0);
                let fill = change_fill(ctx, item, i);
                out.push(Step {
                    label: item.label.clone(),
                    number: item.number(0),
                    from: level,
                    to: level + v,
                    fill,
                    highlight: item.highlight,
                    row: i,
                });
                level += v;
            }
            let t = sum(items.iter().map(|i| i.number(0)));
            out.push(Step {
                label: ctx.text.get("chart_total", "合计").to_string(),
                number: t,
                from: 0.0,
                to: t.value,
                fill: TOTAL,
                highlight: false,
                row: items.len(),
            });
        }
    }
    out
}

/// The colour of a rise or fall: decreases in a second colour, unless highlighting
/// decides.
fn change_fill(ctx: &Ctx, item: &super::prepare::Item, i: usize) -> super::colour::Rgb {
    if item.value(0) < 0.0 && !ctx.data.any_highlight() {
        super::colour::nth(&ctx.palette, 1)
    } else {
        ctx.item_colour(item, i, false)
    }
}

/// A bridge: the start level from zero, each change hanging from the level before it
/// (falls in the palette's second colour), the end level from zero.
fn bridge_steps(ctx: &Ctx) -> Vec<Step> {
    let items = &ctx.data.items;
    let last = items.len().saturating_sub(1);
    let mut level = 0.0;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let v = item.value(0);
        let level_bar = i == 0 || i == last;
        let (from, to) = if level_bar {
            (0.0, v)
        } else {
            (level, level + v)
        };
        let fill = if level_bar {
            TOTAL
        } else {
            change_fill(ctx, item, i)
        };
        out.push(Step {
            label: item.label.clone(),
            number: item.number(0),
            from,
            to,
            fill,
            highlight: item.highlight,
            row: i,
        });
        level = to;
    }
    out
}

pub fn layout(ctx: &Ctx) -> Scene {
    let steps = steps(ctx);
    let labels: Vec<String> = steps.iter().map(|s| ctx.label(s.number)).collect();
    let cats: Vec<String> = steps.iter().map(|s| s.label.clone()).collect();
    let levels = steps.iter().flat_map(|s| [s.from, s.to]);
    let (lo, hi) = super::annotate::widen(
        &ctx.notes,
        levels.clone().fold(0.0, f64::min),
        levels.fold(0.0, f64::max),
    );
    // A running level beyond `y_min`/`y_max` widens the axis rather than lose its bar.
    let (fixed_lo, fixed_hi) = super::y_axis::fixed(ctx.spec);
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
        periods: None,
        spaced_by_time: false,
        fixed: (fixed_lo.map(|m| m.min(lo)), fixed_hi.map(|m| m.max(hi))),
        text: ctx.text,
        shared: None,
    };
    let avail = |band: f64| (band - 4.0) / 1.08;
    let cols = frame::columns(&input, |band| {
        let Some(lines) = fitted(&labels, avail(band)) else {
            return (SMALL_PX * 0.7, 0.0);
        };
        let h = block_height(lines, SMALL_PX) + 4.0;
        (h, if input.lo < 0.0 { h } else { 0.0 })
    });
    // Columns too narrow for their names or their values read better as rows.
    let show = fitted(&labels, avail(cols.band)).is_some();
    if !show || cols.cats.lines.iter().any(|l| l.len() > 3) {
        return super::waterfall_rows::layout(ctx, &steps, &labels, (cols.scale.lo, cols.scale.hi));
    }
    let mut scene = Scene::new(ctx.width, cols.height);
    frame::draw_grid(&mut scene, &cols);
    let bar_w = (cols.band * 0.62).min(MAX_BAR);
    for (i, (step, label)) in steps.iter().zip(&labels).enumerate() {
        let x = cols.x(i);
        let (y_from, y_to) = (cols.scale.at(step.from), cols.scale.at(step.to));
        let datum = Datum {
            series: 0,
            row: step.row,
            value: step.number.value,
        };
        scene.rect(
            x - bar_w / 2.0,
            y_from,
            x + bar_w / 2.0,
            y_to,
            step.fill,
            Some(datum),
        );
        if i + 1 < steps.len() {
            let y = y_to;
            scene.line(
                vec![(x + bar_w / 2.0, y), (cols.x(i + 1) - bar_w / 2.0, y)],
                CONNECTOR,
                1,
            );
        }
        let Some(lines) = fit_value(label, avail(cols.band), SMALL_PX) else {
            continue;
        };
        let h = block_height(lines.len(), SMALL_PX);
        let negative_step = step.to < step.from && step.to < 0.0;
        let top = if negative_step {
            y_from.max(y_to) + 4.0
        } else {
            y_from.min(y_to) - 4.0 - h
        };
        scene.texts(
            block(&lines, x, top, Anchor::Middle, SMALL_PX)
                .into_iter()
                .map(|l| l.bold(step.highlight)),
        );
    }
    frame::draw_zero(&mut scene, &cols);
    let bold: Vec<bool> = steps.iter().map(|s| s.highlight).collect();
    frame::draw_categories(&mut scene, &cols, &bold);
    callouts::draw(&mut scene, &note_frame(&cols, &steps, ctx), &ctx.notes);
    scene
}

/// Where notes go: annotations name the data's rows, which the steps draw in their own
/// order (the total first, or a computed 合计 last); a callout points at a step's top.
fn note_frame(cols: &Columns, steps: &[Step], ctx: &Ctx) -> NoteFrame {
    let (centres, tips) = by_item(ctx, steps, |i| cols.x(i));
    NoteFrame {
        centres,
        ..NoteFrame::columns(cols, true, Some(tips))
    }
}

/// Per data row: the centre of its step (`centre(i)` of step `i`) and the value at the
/// step's top, where a callout points.
pub(super) fn by_item(
    ctx: &Ctx,
    steps: &[Step],
    centre: impl Fn(usize) -> f64,
) -> (Vec<f64>, Vec<f64>) {
    let n = ctx.data.items.len();
    let mut centres = vec![0.0; n];
    let mut tips = vec![0.0; n];
    for (i, step) in steps.iter().enumerate() {
        if let (Some(c), Some(t)) = (centres.get_mut(step.row), tips.get_mut(step.row)) {
            *c = centre(i);
            *t = step.from.max(step.to);
        }
    }
    (centres, tips)
}

/// Lines the tallest value label needs, when every label fits its column (else none are
/// drawn: a number is never broken).
fn fitted(labels: &[String], avail: f64) -> Option<usize> {
    labels
        .iter()
        .map(|l| fit_value(l, avail, SMALL_PX).map(|v| v.len()))
        .try_fold(1, |most, n| n.map(|n| most.max(n)))
}
