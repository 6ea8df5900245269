//! Scatter and bubble charts: one dot per row at (`x`, `y`), bubbles sized by area from
//! `size` (radius ∝ √value), linear or log axes with gridlines both ways, the axis names
//! with their units, and the names of `highlight`ed points placed clear of every other
//! label and point. Rows with a missing cell are left out (the description counts them).

use super::annotate::Note;
use super::callouts::{self, NoteFrame};
use super::colour;
use super::frame::{label_centre, tick_target, PAD, SMALL_PX};
use super::scatter_axis::Axis;
use super::scatter_data::{complete, styles, SIZE, X, Y};
use super::scene::{block, Anchor, Bbox, Label, Mark, Scene};
use super::text::{self, BOX, LINE};
use super::Ctx;

/// Radius of a dot when no column sizes them.
pub const DOT_R: f64 = 4.0;

/// A drawn point.
struct Point {
    x: f64,
    y: f64,
    r: f64,
    item: usize,
}

impl Point {
    fn disc(&self) -> Bbox {
        Bbox::around(self.x, self.y, self.r)
    }
}

/// Radius of the largest bubble: a fourteenth of the shorter side, 10 to 28 px.
pub fn max_radius(width: f64, height: f64) -> f64 {
    (width.min(height) / 14.0).clamp(10.0, 28.0)
}

pub fn layout(ctx: &Ctx) -> Scene {
    let data = ctx.data;
    let styles = styles(data, ctx.style);
    let style = |s: usize| styles.get(s).cloned().unwrap_or_default();
    let drawn: Vec<usize> = (0..data.items.len())
        .filter(|&i| data.items.get(i).is_some_and(complete))
        .collect();
    let column = |s: usize| -> Vec<f64> {
        drawn
            .iter()
            .filter_map(|&i| data.items.get(i).map(|it| it.value(s)))
            .collect()
    };
    let sized = data.series.len() > SIZE;
    let biggest = column(SIZE).into_iter().fold(0.0, f64::max);
    let r_max = max_radius(ctx.width, ctx.height);
    let radius = |v: f64| {
        if !sized {
            DOT_R
        } else if biggest > 0.0 {
            r_max * (v / biggest).sqrt()
        } else {
            0.0
        }
    };
    let inset = if sized { r_max } else { DOT_R } + 2.0;

    let mut scene = Scene::new(ctx.width, ctx.height);
    let line = SMALL_PX * BOX;
    let mut yaxis = Axis::new(
        // Reference lines widen the axis, as they do on every other kind.
        &column(Y)
            .into_iter()
            .chain(ctx.notes.iter().filter_map(|n| match n {
                Note::Level { y, .. } => Some(*y),
                _ => None,
            }))
            .collect::<Vec<f64>>(),
        ctx.spec.y_log,
        tick_target(ctx.height - 100.0),
        &style(Y),
    );
    let tick_w = yaxis
        .ticks
        .iter()
        .map(|(_, l)| text::measure(l, SMALL_PX))
        .fold(0.0, f64::max);
    let left = PAD + tick_w + 8.0;
    let right = ctx.width - PAD;
    let mut xaxis = Axis::new(
        &column(X),
        ctx.spec.x_log,
        tick_target((right - left) * 0.8),
        &style(X),
    );
    // The y axis's name above the plot, the x axis's below its ticks.
    let y_title = axis_title(data.series.get(Y), &style(Y));
    let x_title = axis_title(data.series.get(X), &style(X));
    let top = PAD + line + 8.0;
    let bottom = (ctx.height - PAD - 2.0 * line - 12.0).max(top + 100.0);
    xaxis.place(left + inset, right - inset);
    yaxis.place(bottom - inset, top + inset);
    scene.height = scene.height.max(bottom + 2.0 * line + 12.0 + PAD);

    for (v, label) in &yaxis.ticks {
        let y = yaxis.at(*v);
        scene.line(vec![(left, y), (right, y)], colour::GRID, 1);
        scene.text(
            Label::new(label.clone(), left - 8.0, y, Anchor::End, SMALL_PX).fill(colour::TICK_TEXT),
        );
    }
    let mut tick_labels = Vec::new();
    for (v, label) in &xaxis.ticks {
        let x = xaxis.at(*v);
        scene.line(vec![(x, top), (x, bottom)], colour::GRID, 1);
        let half = text::measure(label, SMALL_PX) / 2.0;
        tick_labels.push(
            Label::new(
                label.clone(),
                label_centre(x, half, ctx.width),
                bottom + 6.0 + line / 2.0,
                Anchor::Middle,
                SMALL_PX,
            )
            .fill(colour::TICK_TEXT),
        );
    }
    scene.texts(super::placement::keep_clear(tick_labels, 4.0));
    scene.line(vec![(left, bottom), (right, bottom)], colour::AXIS, 1);
    scene.text(
        Label::new(y_title, PAD, PAD + line / 2.0, Anchor::Start, SMALL_PX).fill(colour::TICK_TEXT),
    );
    scene.text(
        Label::new(
            x_title,
            right,
            bottom + 12.0 + 1.5 * line,
            Anchor::End,
            SMALL_PX,
        )
        .fill(colour::TICK_TEXT),
    );

    let mut points: Vec<Point> = drawn
        .iter()
        .filter_map(|&i| data.items.get(i).map(|it| (i, it)))
        .map(|(i, it)| Point {
            x: xaxis.at(it.value(X)),
            y: yaxis.at(it.value(Y)),
            r: radius(if sized { it.value(SIZE) } else { 0.0 }),
            item: i,
        })
        .collect();
    // Big bubbles first so small ones stay visible; highlighted points on top.
    points.sort_by(|a, b| {
        let hl = |p: &Point| data.items.get(p.item).is_some_and(|i| i.highlight);
        hl(a)
            .cmp(&hl(b))
            .then(b.r.total_cmp(&a.r))
            .then(a.item.cmp(&b.item))
    });
    for p in &points {
        let fill = data
            .items
            .get(p.item)
            .map_or(colour::MUTED, |it| ctx.item_colour(it, p.item, false));
        scene.push(Mark::Dot {
            x: p.x,
            y: p.y,
            r: p.r,
            fill,
        });
    }
    let plot = Bbox {
        x0: left,
        y0: top,
        x1: right,
        y1: bottom,
    };
    place_names(&mut scene, ctx, &points, plot);
    draw_notes(&mut scene, ctx, &points, plot, &yaxis);
    scene
}

/// The annotations: a reference line at a `y`, a callout at a named point. Positions
/// are worked out on the scatter's own (possibly log) axes and handed to the shared
/// drawing in pixels.
fn draw_notes(scene: &mut Scene, ctx: &Ctx, points: &[Point], plot: Bbox, yaxis: &Axis) {
    if ctx.notes.is_empty() {
        return;
    }
    let n = ctx.data.items.len();
    let (mut centres, mut tips) = (vec![plot.x0; n], vec![plot.y1; n]);
    for p in points {
        if let (Some(c), Some(t)) = (centres.get_mut(p.item), tips.get_mut(p.item)) {
            *c = p.x;
            *t = p.y;
        }
    }
    let notes: Vec<Note> = ctx
        .notes
        .iter()
        .map(|n| match n {
            Note::Level { y, text } => Note::Level {
                y: yaxis.at(*y),
                text: text.clone(),
            },
            other => other.clone(),
        })
        .collect();
    let room = Bbox {
        x0: PAD,
        y0: PAD,
        x1: ctx.width - PAD,
        y1: plot.y1,
    };
    let mut frame = NoteFrame::pixels(centres, tips, plot, room);
    // Note texts keep off every point, not only off the labels.
    frame.blocked = points.iter().map(Point::disc).collect();
    callouts::draw(scene, &frame, &notes);
}

/// `名称（单位）`, or the name alone (`%` stays on the ticks).
fn axis_title(name: Option<&String>, style: &crate::data::format::NumberStyle) -> String {
    name.map(|n| style.header(n)).unwrap_or_default()
}

/// Names the highlighted points: each at the first spot around its point (right, left,
/// above, below, then the corners, then farther out with a leader line) that stays in the
/// plot and clear of every label and point already there; on one line, else wrapped
/// (three lines at most). A name with no such spot is left to the table and the description.
fn place_names(scene: &mut Scene, ctx: &Ctx, points: &[Point], plot: Bbox) {
    let mut taken: Vec<Bbox> = scene.labels().map(Label::bbox).collect();
    let discs: Vec<Bbox> = points.iter().map(Point::disc).collect();
    for (n, p) in points.iter().enumerate() {
        let Some(item) = ctx.data.items.get(p.item).filter(|i| i.highlight) else {
            continue;
        };
        let plot_w = plot.x1 - plot.x0;
        let layouts = [
            vec![item.label.clone()],
            text::wrap_balanced(&item.label, plot_w * 0.45, SMALL_PX),
            text::wrap_balanced(&item.label, plot_w * 0.9, SMALL_PX),
        ];
        let fits = |block: &[Label], far: f64| {
            block.iter().all(|l| {
                let b = l.bbox();
                b.x0 >= plot.x0
                    && b.x1 <= plot.x1
                    && b.y0 >= plot.y0 - SMALL_PX * BOX
                    && b.y1 <= plot.y1
                    && taken.iter().all(|t| !b.overlaps(t, -2.0))
                    && discs
                        .iter()
                        .enumerate()
                        .all(|(m, d)| (m == n && far <= 1.0) || !b.overlaps(d, 0.0))
            })
        };
        let spot = layouts
            .iter()
            .filter(|lines| lines.len() <= 3)
            .flat_map(|lines| [1.0, 2.5, 4.0].map(|far| (lines, far)))
            .find_map(|(lines, far)| {
                let d = (p.r + 4.0) * far;
                candidates(lines, p, d)
                    .into_iter()
                    .find(|block| fits(block, far))
                    .map(|block| (block, far > 1.0))
            });
        if let Some((block, leader)) = spot {
            if let Some(b) = union(&block) {
                if leader {
                    let to = (p.x.clamp(b.x0, b.x1), p.y.clamp(b.y0, b.y1));
                    scene.line(vec![(p.x, p.y), to], colour::AXIS, 1);
                }
            }
            taken.extend(block.iter().map(Label::bbox));
            scene.texts(block);
        }
    }
}

/// The box around every label of a block.
fn union(block: &[Label]) -> Option<Bbox> {
    block.iter().map(Label::bbox).reduce(|a, b| Bbox {
        x0: a.x0.min(b.x0),
        y0: a.y0.min(b.y0),
        x1: a.x1.max(b.x1),
        y1: a.y1.max(b.y1),
    })
}

/// Spots for a name of `lines` around point `p` at distance `d`, in order of preference.
fn candidates(lines: &[String], p: &Point, d: f64) -> Vec<Vec<Label>> {
    let h = lines.len() as f64 * LINE * SMALL_PX;
    let at = |x: f64, cy: f64, anchor: Anchor| -> Vec<Label> {
        block(lines, x, cy - h / 2.0, anchor, SMALL_PX)
            .into_iter()
            .map(|l| l.bold(true))
            .collect()
    };
    let v = d + h / 2.0 - 2.0;
    vec![
        at(p.x + d, p.y, Anchor::Start),
        at(p.x - d, p.y, Anchor::End),
        at(p.x, p.y - v, Anchor::Middle),
        at(p.x, p.y + v, Anchor::Middle),
        at(p.x + d * 0.7, p.y - v * 0.8, Anchor::Start),
        at(p.x - d * 0.7, p.y - v * 0.8, Anchor::End),
        at(p.x + d * 0.7, p.y + v * 0.8, Anchor::Start),
        at(p.x - d * 0.7, p.y + v * 0.8, Anchor::End),
    ]
}
