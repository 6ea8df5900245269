//! 100% stacked bars: one horizontal bar per category split into its series' shares,
//! category labels on the left, shares inside the segments where they fit, a 0–100% scale
//! under the bars; legend above.

use super::colour::{text_on, GRID, TICK_TEXT};
use super::frame::{PAD, SMALL_PX};
use super::legend;
use super::output::sum;
use super::placement::keep_clear;
use super::rows;
use super::scene::{Anchor, Datum, Label, Scene};
use super::text::{self, LINE};
use super::Ctx;

pub fn layout(ctx: &Ctx) -> Scene {
    let items = &ctx.data.items;
    let mut scene = Scene::new(ctx.width, ctx.height);
    let top = legend::draw(&mut scene, &ctx.legend_items());
    let tick_h = SMALL_PX * LINE + 6.0;
    let rows = rows::layout(
        ctx.width,
        top,
        ctx.height - PAD - tick_h,
        &ctx.categories(),
        rows::MIN_BAR,
    );
    let (x0, x1) = (rows.plot_left, ctx.width - PAD);
    let at = |share: f64| x0 + share * (x1 - x0);
    let grid_top = rows
        .centres
        .first()
        .map_or(top, |c| c - rows.bar / 2.0 - 4.0);
    let grid_bottom = rows
        .centres
        .last()
        .map_or(top, |c| c + rows.bar / 2.0 + 4.0);
    let mut ticks = Vec::with_capacity(5);
    for k in [0, 4, 1, 2, 3] {
        let x = at(f64::from(k) / 4.0);
        scene.line(vec![(x, grid_top), (x, grid_bottom)], GRID, 1);
        let anchor = match k {
            0 => Anchor::Start,
            4 => Anchor::End,
            _ => Anchor::Middle,
        };
        let y = grid_bottom + 4.0 + SMALL_PX * 0.65;
        ticks.push(Label::new(format!("{}%", k * 25), x, y, anchor, SMALL_PX).fill(TICK_TEXT));
    }
    scene.texts(keep_clear(ticks, 4.0));
    for (i, (item, &c)) in items.iter().zip(&rows.centres).enumerate() {
        let whole = sum(item.values.iter().copied());
        let total = whole.value;
        if total <= 0.0 {
            continue;
        }
        let half = rows.bar / 2.0;
        let mut level = 0.0;
        for (s, n) in item.values.iter().enumerate() {
            // `…` (the only gap a stack allows) is drawn as nothing.
            if item.gap(s).is_some() {
                continue;
            }
            let (a, b) = (at(level / total), at((level + n.value) / total));
            let fill = ctx.series_colour(s);
            let datum = Datum {
                series: s,
                row: i,
                value: n.value,
            };
            scene.rect(a, c - half, b, c + half, fill, Some(datum));
            let label = ctx.style.share(*n, whole, ctx.decimals);
            let fits = text::measure(&label, SMALL_PX) <= b - a - 6.0 && rows.bar >= SMALL_PX * 1.2;
            if let (true, Some(colour)) = (fits, text_on(fill)) {
                scene.text(
                    Label::new(label, (a + b) / 2.0, c, Anchor::Middle, SMALL_PX).fill(colour),
                );
            }
            level += n.value;
        }
    }
    rows::draw_labels(&mut scene, &rows, &ctx.bold());
    scene.height = (grid_bottom + tick_h + PAD).max(rows.bottom + PAD);
    scene
}
