//! Areas from zero: one filled area, or several stacked (each series on top of the ones
//! before it), the last value of each series labelled right of the plot beside its layer;
//! legend above for several series. A missing value breaks the area there: a stacked
//! layer breaks wherever it or a layer below it is missing (its base is unknown), and a
//! lone value between gaps shows as a dot.

use super::colour::WHITE;
use super::frame::{self, SMALL_PX};
use super::legend;
use super::line::segments;
use super::prepare::Item;
use super::scene::{Datum, Mark, Scene};
use super::text::BOX;
use super::Ctx;

/// Per series, the top of its layer at each point: the sum of it and the series below,
/// `None` where any of them is missing.
fn stack_tops(items: &[Item], k: usize) -> Vec<Vec<Option<f64>>> {
    let mut below: Vec<Option<f64>> = vec![Some(0.0); items.len()];
    let mut tops = Vec::with_capacity(k);
    for s in 0..k {
        let above: Vec<Option<f64>> = items
            .iter()
            .zip(&below)
            .map(|(i, b)| Some(b.as_ref()? + i.present(s)?.value))
            .collect();
        tops.push(above.clone());
        below = above;
    }
    tops
}

pub fn layout(ctx: &Ctx) -> Scene {
    let items = &ctx.data.items;
    let k = ctx.data.series.len();
    let mut scene = Scene::new(ctx.width, ctx.height);
    let top = legend::draw(&mut scene, &ctx.legend_items());
    let tops = stack_tops(items, k);
    let hi = tops.iter().flatten().flatten().copied().fold(0.0, f64::max);
    // Areas start at zero unless `y_zero = false` lets them fit their lowest layer.
    let lo = match ctx.spec.y_zero {
        Some(false) => tops
            .first()
            .into_iter()
            .flatten()
            .flatten()
            .copied()
            .fold(hi, f64::min),
        _ => 0.0,
    };
    let (lo, hi) = super::annotate::widen(&ctx.notes, lo, hi);
    let (cols, end_labels) = super::line::time_frame(ctx, &mut scene, top, lo, hi);
    let zero = vec![Some(0.0); items.len()];
    let mut wished = Vec::with_capacity(k);
    for (s, above) in tops.iter().enumerate() {
        let below = s.checked_sub(1).and_then(|b| tops.get(b)).unwrap_or(&zero);
        let fill = ctx.series_colour(s);
        // (x, y above, y below) where the layer is drawn.
        let spans: Vec<Option<(f64, f64, f64)>> = above
            .iter()
            .zip(below)
            .enumerate()
            .map(|(i, (a, b))| {
                let (a, b) = (a.as_ref()?, b.as_ref()?);
                // An axis starting above zero: the bottom layer fills down to the plot's floor.
                let b = b.max(cols.scale.lo);
                Some((cols.x(i), cols.scale.at(*a), cols.scale.at(b)))
            })
            .collect();
        let last = above.iter().rposition(Option::is_some).unwrap_or(0);
        let runs = segments(&spans);
        let run_count = runs.len();
        for (r, run) in runs.into_iter().enumerate() {
            if let [(x, y, _)] = run[..] {
                scene.push(Mark::Dot { x, y, r: 3.0, fill });
                continue;
            }
            let mut points: Vec<(f64, f64)> = run.iter().map(|&(x, y, _)| (x, y)).collect();
            points.extend(run.iter().rev().map(|&(x, _, y)| (x, y)));
            // The layer's last run carries its last value for readers of the SVG.
            let datum = (r + 1 == run_count).then(|| Datum {
                series: s,
                row: last,
                value: items.get(last).map_or(0.0, |i| i.value(s)),
            });
            scene.push(Mark::Area {
                points,
                fill,
                datum,
            });
            if s > 0 {
                let lower: Vec<(f64, f64)> = run.iter().map(|&(x, _, y)| (x, y)).collect();
                scene.line(lower, WHITE, 1);
            }
        }
        let at = |v: &[Option<f64>]| v.get(last).copied().flatten().unwrap_or(0.0);
        let (a, b) = (at(above), at(below));
        wished.push(((cols.scale.at(a) + cols.scale.at(b)) / 2.0, SMALL_PX * BOX));
    }
    frame::draw_zero(&mut scene, &cols);
    super::line::end_labels_at(&mut scene, &cols, end_labels, &wished, top);
    frame::draw_categories(&mut scene, &cols, &ctx.bold());
    let notes = super::callouts::NoteFrame::columns(&cols, false, None);
    super::callouts::draw(&mut scene, &notes, &ctx.notes);
    scene
}
