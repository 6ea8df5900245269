//! Lines over categories or time: one line per series with dots at the points, the last
//! value of each series labelled right of the plot (pushed apart so labels never touch);
//! legend above for several series. The value axis includes zero unless the data sit far
//! from it, or `y_zero`, `y_min` and `y_max` set the axis.

use super::frame::{self, ColumnInput, Columns, SMALL_PX};
use super::legend;
use super::placement::spread;
use super::scene::{Anchor, Label, Mark, Scene};
use super::text::{self, BOX};
use super::Ctx;

/// Dots are drawn up to this many points.
const MAX_DOTS: usize = 30;

pub fn layout(ctx: &Ctx) -> Scene {
    let items = &ctx.data.items;
    let k = ctx.data.series.len();
    let mut scene = Scene::new(ctx.width, ctx.height);
    let top = legend::draw(&mut scene, &ctx.legend_items());
    let all: Vec<f64> = items
        .iter()
        .flat_map(|i| (0..k).filter_map(|s| i.present(s)).map(|n| n.value))
        .collect();
    let min = all.iter().copied().fold(f64::INFINITY, f64::min);
    let max = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi) = super::y_axis::line_range(min, max, ctx.spec.y_zero);
    let (lo, hi) = super::annotate::widen(&ctx.notes, lo, hi);
    let (cols, end_labels) = time_frame(ctx, &mut scene, top, lo, hi);
    frame::draw_zero(&mut scene, &cols);
    let mut ends = Vec::with_capacity(k);
    for s in 0..k {
        let points: Vec<Option<(f64, f64)>> = items
            .iter()
            .enumerate()
            .map(|(i, item)| item.present(s).map(|n| (cols.x(i), cols.scale.at(n.value))))
            .collect();
        let fill = ctx.series_colour(s);
        let all_dots = points.len() <= MAX_DOTS;
        // More points than pixels: each run is drawn through about one point a pixel.
        let pixels = (cols.right - cols.left).max(1.0);
        for run in segments(&points) {
            if run.len() > 1 {
                let keep = if points.len() as f64 > pixels {
                    (run.len() as f64 * pixels / points.len() as f64).ceil() as usize
                } else {
                    run.len()
                };
                scene.line(super::simplify::lttb(&run, keep.max(3)), fill, 2);
            }
            // A lone value between gaps shows as a dot whatever the number of points.
            if all_dots || run.len() == 1 {
                for &(x, y) in &run {
                    scene.push(Mark::Dot { x, y, r: 3.0, fill });
                }
            }
        }
        ends.push(
            points
                .iter()
                .rev()
                .flatten()
                .next()
                .map_or(cols.bottom, |p| p.1),
        );
    }
    let h = SMALL_PX * BOX;
    let wished: Vec<(f64, f64)> = ends.iter().map(|&y| (y, h)).collect();
    end_labels_at(&mut scene, &cols, end_labels, &wished, top);
    frame::draw_categories(&mut scene, &cols, &ctx.bold());
    let notes = super::callouts::NoteFrame::columns(&cols, false, None);
    super::callouts::draw(&mut scene, &notes, &ctx.notes);
    scene
}

/// The runs of present points between gaps (`None`), in order.
pub(super) fn segments<T: Copy>(points: &[Option<T>]) -> Vec<Vec<T>> {
    points
        .split(Option::is_none)
        .filter(|run| !run.is_empty())
        .map(|run| run.iter().flatten().copied().collect())
        .collect()
}

/// The end-of-line value labels right of the plot, each as near its line's end (`wished`
/// centre and height) as the others allow.
pub(super) fn end_labels_at(
    scene: &mut Scene,
    cols: &Columns,
    labels: Vec<String>,
    wished: &[(f64, f64)],
    top: f64,
) {
    let placed = spread(wished, top, cols.bottom + 6.0);
    for (label, y) in labels.into_iter().zip(placed) {
        scene.text(Label::new(
            label,
            cols.right + 8.0,
            y,
            Anchor::Start,
            SMALL_PX,
        ));
    }
}

/// The frame of a line or area chart: a time axis when the x column holds periods, else
/// categories thinned along x; room on the right for the end-of-line value labels
/// (returned), gridlines and highlight bands drawn.
pub(super) fn time_frame(
    ctx: &Ctx,
    scene: &mut Scene,
    top: f64,
    lo: f64,
    hi: f64,
) -> (Columns, Vec<String>) {
    // Each series is labelled at its last value present.
    let end_labels: Vec<String> = (0..ctx.data.series.len())
        .map(|s| {
            ctx.data
                .items
                .iter()
                .rev()
                .find_map(|i| i.present(s))
                .map(|n| ctx.plain(n))
                .unwrap_or_default()
        })
        .collect();
    let end_w = end_labels
        .iter()
        .map(|l| text::measure(l, SMALL_PX))
        .fold(0.0, f64::max);
    let cats = ctx.categories();
    let input = ColumnInput {
        width: ctx.width,
        height: ctx.height,
        top,
        labels: &cats,
        lo,
        hi,
        percent: ctx.percent(),
        right_extra: end_w + 8.0,
        thin: true,
        axis_unit: ctx.axis_unit(),
        periods: ctx.data.periods.as_deref(),
        spaced_by_time: true,
        fixed: super::y_axis::fixed(ctx.spec),
        text: ctx.text,
        shared: ctx.shared,
    };
    let cols = frame::columns(&input, |_| (SMALL_PX * 0.7, 0.0));
    scene.height = cols.height;
    frame::draw_highlights(scene, &cols, &ctx.bold());
    frame::draw_grid(scene, &cols);
    (cols, end_labels)
}
