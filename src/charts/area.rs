//! Areas from zero: one filled area, or several stacked (each series on top of the ones
//! before it), the last value of each series labelled right of the plot beside its layer;
//! legend above for several series.

use super::colour::WHITE;
use super::frame::{self, SMALL_PX};
use super::legend;
use super::output::sum;
use super::scene::{Datum, Mark, Scene};
use super::text::BOX;
use super::Ctx;

pub fn layout(ctx: &Ctx) -> Scene {
    let items = &ctx.data.items;
    let k = ctx.data.series.len();
    let mut scene = Scene::new(ctx.width, ctx.height);
    let top = legend::draw(&mut scene, &ctx.legend_items());
    let hi = items
        .iter()
        .map(|i| sum(i.values.iter().copied()).value)
        .fold(0.0, f64::max);
    let last = items.last();
    let (cols, end_labels) = super::line::time_frame(ctx, &mut scene, top, 0.0, hi);
    let mut below: Vec<f64> = vec![0.0; items.len()];
    let mut wished = Vec::with_capacity(k);
    for s in 0..k {
        let above: Vec<f64> = items
            .iter()
            .zip(&below)
            .map(|(i, b)| b + i.value(s))
            .collect();
        let upper: Vec<(f64, f64)> = above
            .iter()
            .enumerate()
            .map(|(i, &v)| (cols.x(i), cols.scale.at(v)))
            .collect();
        let mut points = upper.clone();
        points.extend(
            below
                .iter()
                .enumerate()
                .rev()
                .map(|(i, &v)| (cols.x(i), cols.scale.at(v))),
        );
        let value = last.map_or(0.0, |i| i.value(s));
        let datum = Datum {
            series: s,
            row: items.len().saturating_sub(1),
            value,
        };
        scene.push(Mark::Area {
            points,
            fill: ctx.series_colour(s),
            datum: Some(datum),
        });
        if s > 0 {
            let lower: Vec<(f64, f64)> = below
                .iter()
                .enumerate()
                .map(|(i, &v)| (cols.x(i), cols.scale.at(v)))
                .collect();
            scene.line(lower, WHITE, 1);
        }
        let (b, a) = (
            below.last().copied().unwrap_or(0.0),
            above.last().copied().unwrap_or(0.0),
        );
        wished.push(((cols.scale.at(a) + cols.scale.at(b)) / 2.0, SMALL_PX * BOX));
        below = above;
    }
    frame::draw_zero(&mut scene, &cols);
    super::line::end_labels_at(&mut scene, &cols, end_labels, &wished, top);
    frame::draw_categories(&mut scene, &cols, &ctx.bold());
    scene
}
