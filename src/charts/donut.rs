//! Donut: parts of one whole, from 12 o'clock clockwise in data order (largest first when
//! sorted), the total in the centre. Labels (category, value, share) sit outside in a column
//! on each side, pushed apart vertically and joined to their slice by leader lines that run
//! along a circle just outside the ring, so they never cross it. When the canvas is too
//! narrow for side columns, the labels become a list under the donut.

use std::f64::consts::{PI, TAU};

use super::colour::AXIS;
use super::frame::PAD;
use super::output::{donut_total, sum};
use super::placement::{spread, GAP};
use super::scene::{block, Anchor, Datum, Label, Mark, Scene};
use super::text::{self, block_height};
use super::Ctx;

const NAME_PX: f64 = 13.0;
const VALUE_PX: f64 = 12.0;
/// Inner radius as a share of the outer.
const HOLE: f64 = 0.58;
/// Leader lines run along this distance outside the ring.
const ELBOW: f64 = 12.0;
/// Label columns start this far outside the ring.
const COLUMN_GAP: f64 = 26.0;
/// Below this radius, labels go into a list under the donut.
const MIN_RADIUS: f64 = 64.0;

struct SliceText {
    names: Vec<String>,
    values: Vec<String>,
    bold: bool,
}

impl SliceText {
    fn height(&self) -> f64 {
        block_height(self.names.len(), NAME_PX) + block_height(self.values.len(), VALUE_PX)
    }

    /// The block's labels with its top edge at `top`.
    fn labels(&self, x: f64, top: f64, anchor: Anchor) -> Vec<Label> {
        let mut out: Vec<Label> = block(&self.names, x, top, anchor, NAME_PX)
            .into_iter()
            .map(|l| l.bold(self.bold))
            .collect();
        let below = top + block_height(self.names.len(), NAME_PX);
        out.extend(block(&self.values, x, below, anchor, VALUE_PX));
        out
    }
}

/// Value and share on one line when they fit, else the share on a line of its own.
fn value_lines(value: &str, share: &str, width: f64) -> Vec<String> {
    let both = format!("{value}{share}");
    if text::measure(&both, VALUE_PX) <= width {
        return vec![both];
    }
    let mut lines = text::wrap_value(value, width, VALUE_PX);
    lines.extend(text::wrap(share, width, VALUE_PX));
    lines
}

fn polar(cx: f64, cy: f64, r: f64, a: f64) -> (f64, f64) {
    (cx + r * a.sin(), cy - r * a.cos())
}

pub fn layout(ctx: &Ctx) -> Scene {
    let items = &ctx.data.items;
    let total = sum(items.iter().map(|i| i.number(0))).value;
    // Shares are of the table's total when it has one, as in prose and the table.
    let whole = donut_total(ctx.data);
    // (name, value, share) per slice.
    let raw: Vec<(String, String, String)> = items
        .iter()
        .map(|i| {
            let n = i.number(0);
            // `…` has no share to speak of: its label is the mark alone.
            let share = match i.gap(0) {
                Some(_) => String::new(),
                None => format!("（{}）", ctx.style.share(n, whole, ctx.decimals)),
            };
            (i.label.clone(), ctx.item_label(i, 0), share)
        })
        .collect();
    let widest = raw
        .iter()
        .map(|(a, b, c)| {
            let value = text::measure(&format!("{b}{c}"), VALUE_PX);
            text::measure_styled(a, NAME_PX, true).max(value)
        })
        .fold(0.0, f64::max);
    let col_w = widest.min((ctx.width * 0.26 - 30.0).max(80.0));
    let texts: Vec<SliceText> = raw
        .iter()
        .zip(items)
        .map(|((a, b, c), item)| SliceText {
            names: text::wrap_balanced(a, col_w / 1.08, NAME_PX),
            values: value_lines(b, c, col_w),
            bold: item.highlight,
        })
        .collect();

    // Angles, clockwise from 12 o'clock.
    let mut angles = Vec::with_capacity(items.len());
    let mut acc = 0.0;
    for item in items {
        let start = TAU * acc / total;
        acc += item.value(0);
        angles.push((start, TAU * acc / total));
    }
    let mids: Vec<f64> = angles.iter().map(|(a, b)| (a + b) / 2.0).collect();
    let right: Vec<bool> = mids.iter().map(|&m| m < PI).collect();
    let side_height = |side: bool| -> f64 {
        texts
            .iter()
            .zip(&right)
            .filter(|(_, &r)| r == side)
            .map(|(t, _)| t.height() + GAP)
            .sum()
    };
    let height = ctx
        .height
        .max(side_height(true).max(side_height(false)) + 2.0 * PAD);
    let r_vertical = (height - 2.0 * PAD) / 2.0 - ELBOW - 4.0;
    let r_horizontal = ctx.width / 2.0 - PAD - col_w - COLUMN_GAP;
    let r = r_vertical.min(r_horizontal).min(height * 0.36);
    if r < MIN_RADIUS {
        let lines: Vec<(String, String)> = raw
            .into_iter()
            .map(|(a, b, c)| (a, format!("{b}{c}")))
            .collect();
        return list_layout(ctx, &angles, &lines);
    }

    let mut scene = Scene::new(ctx.width, height);
    let (cx, cy) = (ctx.width / 2.0, height / 2.0);
    for (i, &(start, end)) in angles.iter().enumerate() {
        push_slice(&mut scene, ctx, i, (cx, cy, r), (start, end));
    }
    let elbow_r = r + ELBOW;
    for side in [true, false] {
        let members: Vec<usize> = (0..items.len())
            .filter(|&i| right.get(i) == Some(&side))
            .collect();
        let wished: Vec<(f64, f64)> = members
            .iter()
            .filter_map(|&i| {
                Some((
                    polar(cx, cy, elbow_r, *mids.get(i)?).1,
                    texts.get(i)?.height(),
                ))
            })
            .collect();
        let placed = spread(&wished, PAD, height - PAD);
        let (x_edge, anchor, dir) = if side {
            (cx + r + COLUMN_GAP, Anchor::Start, 1.0)
        } else {
            (cx - r - COLUMN_GAP, Anchor::End, -1.0)
        };
        for ((&i, &y), &(_, h)) in members.iter().zip(&placed).zip(&wished) {
            let (Some(t), Some(&mid)) = (texts.get(i), mids.get(i)) else {
                continue;
            };
            scene.texts(t.labels(x_edge, y - h / 2.0, anchor));
            // The leader's label end: level with the first line of the block.
            let ly = y - h / 2.0 + block_height(1, NAME_PX) / 2.0;
            let end = (x_edge - dir * 4.0, ly);
            let elbow = polar(cx, cy, elbow_r, mid);
            let mut pts = vec![polar(cx, cy, r + 2.0, mid), elbow];
            // Straight to the label when that moves away from the centre all the way;
            // else along the circle to the label's height first, so no leader crosses
            // the ring.
            let outward =
                (end.0 - elbow.0) * (elbow.0 - cx) + (end.1 - elbow.1) * (elbow.1 - cy) >= 0.0;
            if !outward {
                let dy = ly - cy;
                let target = if dy.abs() <= elbow_r {
                    (-dy / elbow_r).acos()
                } else if dy < 0.0 {
                    0.0
                } else {
                    PI
                };
                let target = if side { target } else { TAU - target };
                let steps = ((target - mid).abs() / (PI / 60.0)).ceil().max(1.0) as usize;
                pts.extend((1..=steps).map(|k| {
                    polar(
                        cx,
                        cy,
                        elbow_r,
                        mid + (target - mid) * k as f64 / steps as f64,
                    )
                }));
            }
            pts.push(end);
            scene.line(pts, AXIS, 1);
        }
    }
    centre(&mut scene, ctx, cx, cy, r * HOLE);
    scene
}

/// Slice `i` of the ring centred at (cx, cy) with outer radius r, from `start` to `end`.
fn push_slice(
    scene: &mut Scene,
    ctx: &Ctx,
    i: usize,
    (cx, cy, r): (f64, f64, f64),
    (start, end): (f64, f64),
) {
    let Some(item) = ctx.data.items.get(i) else {
        return;
    };
    scene.push(Mark::Slice {
        cx,
        cy,
        inner: r * HOLE,
        outer: r,
        start,
        end,
        fill: ctx.item_colour(item, i, true),
        datum: Some(Datum {
            series: 0,
            row: i,
            value: item.value(0),
        }),
    });
}

/// The total in the hole, when it fits.
fn centre(scene: &mut Scene, ctx: &Ctx, cx: f64, cy: f64, hole: f64) {
    let value = ctx.label(donut_total(ctx.data));
    let name = ctx.data.total.as_ref().map_or_else(
        || ctx.text.get("chart_total", "合计").to_string(),
        |t| t.label.clone(),
    );
    let room = hole * 2.0 * 0.8;
    for size in [16.0, 14.0, 12.0] {
        if text::measure_styled(&value, size, true) <= room && text::measure(&name, 12.0) <= room {
            // Two stacked lines whose boxes (BOX em tall) keep a 2 px gap.
            let name_y = cy - text::BOX * 12.0 / 2.0 - 1.0;
            let value_y = cy + text::BOX * size / 2.0 + 1.0;
            scene.text(Label::new(name, cx, name_y, Anchor::Middle, 12.0));
            scene.text(Label::new(value, cx, value_y, Anchor::Middle, size).bold(true));
            return;
        }
    }
}

/// Narrow canvases: the donut on top, a list of swatches, names, values and shares below.
fn list_layout(ctx: &Ctx, angles: &[(f64, f64)], raw: &[(String, String)]) -> Scene {
    let items = &ctx.data.items;
    let r = (ctx.width * 0.28).min(ctx.height * 0.3).max(40.0);
    let (cx, cy) = (ctx.width / 2.0, PAD + r);
    let mut scene = Scene::new(ctx.width, ctx.height);
    let mut y = cy + r + 16.0;
    let text_x = PAD + 18.0;
    let max_w = ctx.width - PAD - text_x;
    for (i, ((item, &(start, end)), (name, value))) in items.iter().zip(angles).zip(raw).enumerate()
    {
        let fill = ctx.item_colour(item, i, true);
        push_slice(&mut scene, ctx, i, (cx, cy, r), (start, end));
        let lines = text::wrap(&format!("{name} {value}"), max_w / 1.08, NAME_PX);
        let first = y + block_height(1, NAME_PX) / 2.0;
        scene.rect(PAD, first - 6.0, PAD + 12.0, first + 6.0, fill, None);
        scene.texts(
            block(&lines, text_x, y, Anchor::Start, NAME_PX)
                .into_iter()
                .map(|l| l.bold(item.highlight)),
        );
        y += block_height(lines.len(), NAME_PX) + 4.0;
    }
    // As tall as the list: a phone's height would leave a blank band under it.
    scene.height = y + PAD;
    centre(&mut scene, ctx, cx, cy, r * HOLE);
    scene
}
