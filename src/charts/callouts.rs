//! Drawing checked annotations ([`Note`]s) on a laid-out chart, whichever way its
//! categories run: shaded ranges behind the data, dashed reference lines and callouts
//! over it, every text placed where it touches no other text, no bar and no series line,
//! inside the room the chart leaves it. Colours are roles (src/charts/roles.rs), so dark
//! mode recolours them.

use super::annotate::Note;
use super::colour::{AXIS, HIGHLIGHT_BAND, TEXT};
use super::frame::{Columns, PAD, SMALL_PX};
use super::note_room::Room;
use super::scene::{Anchor, Bbox, Mark, Scene};
use super::text::LINE;

/// Where notes go on a chart: categories along one axis, values along the other.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteFrame {
    /// Categories run down the chart (hbar, bullet, bars turned sideways).
    pub sideways: bool,
    /// Centre of each item along the category axis.
    pub centres: Vec<f64>,
    /// Width of one category's band.
    pub band: f64,
    /// Marks fill their bands (bars): a shaded range covers whole bands, not just the
    /// points between them.
    pub bands: bool,
    /// Two values and their positions along the value axis (the axis is linear).
    pub value_axis: ((f64, f64), (f64, f64)),
    /// The plot: where lines and shaded ranges are drawn.
    pub plot: Bbox,
    /// Where note texts may go.
    pub room: Bbox,
    /// Bars: the value at the end of each item's mark, where a callout given `x` alone
    /// points. `None` on lines and areas, where `x` alone is a moment.
    pub tips: Option<Vec<f64>>,
    /// Boxes texts keep off besides labels, bars and lines (a bullet's track).
    pub blocked: Vec<Bbox>,
    /// A text that finds no room may go under the chart, which grows to hold it
    /// (sideways charts, whose bottom edge holds no labels).
    pub grow: bool,
}

impl NoteFrame {
    /// The frame of a chart with categories along x.
    pub fn columns(cols: &Columns, bands: bool, tips: Option<Vec<f64>>) -> Self {
        let n = cols.cats.lines.len();
        NoteFrame {
            sideways: false,
            centres: (0..n).map(|i| cols.x(i)).collect(),
            band: cols.band,
            bands,
            value_axis: (
                (cols.scale.lo, cols.scale.at(cols.scale.lo)),
                (cols.scale.hi, cols.scale.at(cols.scale.hi)),
            ),
            plot: Bbox {
                x0: cols.left,
                y0: cols.top,
                x1: cols.right,
                y1: cols.bottom,
            },
            room: Bbox {
                x0: PAD,
                y0: PAD.min(cols.top),
                x1: cols.width - PAD,
                y1: cols.bottom,
            },
            tips,
            blocked: Vec::new(),
            grow: false,
        }
    }

    /// The frame of a chart with categories in rows: rows centred at `centres`, values
    /// from `lo` at `x_lo` to `hi` at `x_hi`, on a `width`×`height` canvas.
    pub fn rows(
        centres: &[f64],
        bar: f64,
        values: ((f64, f64), (f64, f64)),
        size: (f64, f64),
    ) -> Self {
        let pitch = match centres {
            [a, b, ..] => b - a,
            _ => bar + 10.0,
        };
        let half = pitch / 2.0;
        let ((lo, x_lo), (hi, x_hi)) = values;
        NoteFrame {
            sideways: true,
            centres: centres.to_vec(),
            band: pitch,
            bands: true,
            value_axis: ((lo, x_lo), (hi, x_hi)),
            plot: Bbox {
                x0: x_lo.min(x_hi),
                y0: centres.first().map_or(PAD, |c| c - bar / 2.0),
                x1: x_lo.max(x_hi),
                y1: centres
                    .last()
                    .map_or(PAD, |c| c + bar / 2.0)
                    .max(PAD + half),
            },
            room: Bbox {
                x0: PAD,
                y0: PAD,
                x1: size.0 - PAD,
                y1: size.1 - PAD,
            },
            tips: None,
            blocked: Vec::new(),
            grow: true,
        }
    }

    /// A frame in pixels (a scatter, whose axes may be logarithmic): a value is its own
    /// position, and a callout given `x` alone points at item `i`'s (`xs[i]`, `ys[i]`).
    pub fn pixels(xs: Vec<f64>, ys: Vec<f64>, plot: Bbox, room: Bbox) -> Self {
        NoteFrame {
            sideways: false,
            centres: xs,
            band: 0.0,
            bands: false,
            value_axis: ((0.0, 0.0), (1.0, 1.0)),
            plot,
            room,
            tips: Some(ys),
            blocked: Vec::new(),
            grow: false,
        }
    }

    /// The frame with callouts given `x` alone pointing at `tips` (one value per item).
    pub fn with_tips(mut self, tips: Vec<f64>) -> Self {
        self.tips = Some(tips);
        self
    }

    /// Position of value `v` along the value axis.
    pub fn at(&self, v: f64) -> f64 {
        let ((v0, p0), (v1, p1)) = self.value_axis;
        if v1 == v0 {
            p0
        } else {
            p0 + (v - v0) / (v1 - v0) * (p1 - p0)
        }
    }

    fn centre(&self, i: usize) -> f64 {
        self.centres.get(i).copied().unwrap_or(0.0)
    }

    /// Screen point of (category `i`, value `v`).
    fn point(&self, i: usize, v: f64) -> (f64, f64) {
        if self.sideways {
            (self.at(v), self.centre(i))
        } else {
            (self.centre(i), self.at(v))
        }
    }
}

/// Room kept above a sideways chart's first row for the texts of reference lines.
pub fn head_room(notes: &[Note]) -> f64 {
    if notes.iter().any(|n| matches!(n, Note::Level { .. })) {
        SMALL_PX * LINE + 4.0
    } else {
        0.0
    }
}

/// Draws `notes` on `scene` laid out on `frame`.
pub fn draw(scene: &mut Scene, frame: &NoteFrame, notes: &[Note]) {
    let plot = frame.plot;
    // Lines first, so that no note's text is set across another note's line.
    for note in notes {
        match note {
            Note::Level { y, .. } => {
                let p = frame.at(*y);
                if frame.sideways {
                    scene.dashed(vec![(p, plot.y0 - 4.0), (p, plot.y1)], AXIS, 1);
                } else {
                    scene.dashed(vec![(plot.x0, p), (plot.x1, p)], AXIS, 1);
                }
            }
            Note::Moment { at, .. } if frame.tips.is_none() => {
                let px = frame.centre(*at);
                scene.dashed(vec![(px, plot.y0), (px, plot.y1)], AXIS, 1);
            }
            _ => {}
        }
    }
    let mut room = Room::new(scene, &frame.blocked, frame.room, frame.grow);
    for note in notes {
        match note {
            Note::Range { from, to, text } => {
                let half = if frame.bands || from == to {
                    frame.band / 2.0
                } else {
                    0.0
                };
                let (a, b) = (frame.centre(*from) - half, frame.centre(*to) + half);
                let (x0, y0, x1, y1) = if frame.sideways {
                    (plot.x0, a, plot.x1, b)
                } else {
                    (a, plot.y0, b, plot.y1)
                };
                // Behind everything, like the highlight bands.
                scene.marks.insert(
                    0,
                    Mark::Rect {
                        x0,
                        y0,
                        x1,
                        y1,
                        fill: HIGHLIGHT_BAND,
                        datum: None,
                    },
                );
                let tries = [(x0 + 4.0, Anchor::Start), (x1 - 4.0, Anchor::End)];
                room.place_anyway(scene, text, &tries, y0 + 2.0);
            }
            Note::Level { y, text } => level(scene, &mut room, frame, frame.at(*y), text),
            Note::Moment { at, text } => match &frame.tips {
                Some(tips) => {
                    let v = tips.get(*at).copied().unwrap_or(0.0);
                    callout(scene, &mut room, frame, frame.point(*at, v), text, false);
                }
                None => {
                    let px = frame.centre(*at);
                    let tries = [(px + 4.0, Anchor::Start), (px - 4.0, Anchor::End)];
                    room.place_anyway(scene, text, &tries, plot.y0 + 2.0);
                }
            },
            Note::Callout { at, y, text } => {
                callout(scene, &mut room, frame, frame.point(*at, *y), text, true);
            }
        }
    }
}

/// The text of the reference line at value position `p` (drawn by [`draw`]), beside it.
fn level(scene: &mut Scene, room: &mut Room, frame: &NoteFrame, p: f64, text: &str) {
    let plot = frame.plot;
    let h = room.height(text);
    if frame.sideways {
        let tries = [(p + 4.0, Anchor::Start), (p - 4.0, Anchor::End)];
        // Above the first row, else wherever beside the line there is room.
        if !room.place(scene, text, &tries, plot.y0 - h - 2.0) {
            room.place_anyway(scene, text, &tries, plot.y0 - h - 2.0);
        }
        return;
    }
    let tries = [(plot.x1, Anchor::End), (plot.x0 + 4.0, Anchor::Start)];
    // Above the line, else below it, else above it over the data; a few pixels off it.
    if !room.place(scene, text, &tries, p - h - 4.0) && !room.place(scene, text, &tries, p + 4.0) {
        room.place_anyway(scene, text, &tries, p - h - 4.0);
    }
}

/// A callout at `point`: a dot on it when `dot` (a bar's end needs none), the text clear
/// of it, joined by a leader line when the text had to move away.
fn callout(
    scene: &mut Scene,
    room: &mut Room,
    frame: &NoteFrame,
    point: (f64, f64),
    text: &str,
    dot: bool,
) {
    let (px, py) = point;
    if dot {
        scene.push(Mark::Dot {
            x: px,
            y: py,
            r: 3.5,
            fill: TEXT,
        });
    }
    let h = room.height(text);
    let right = [(px + 6.0, Anchor::Start), (px - 6.0, Anchor::End)];
    let placed = if frame.sideways {
        // Beside the bar's end on its own row, past its value label if need be, else in
        // the gap above or below the row.
        let row = Bbox {
            x0: px,
            y0: py - h / 2.0,
            x1: frame.room.x1,
            y1: py + h / 2.0,
        };
        let past = room
            .taken
            .iter()
            .filter(|b| b.overlaps(&row, 0.5))
            .map(|b| b.x1 + 6.0)
            .fold(px + 6.0, f64::max);
        let beside = [(px + 6.0, Anchor::Start), (past, Anchor::Start)];
        room.place(scene, text, &beside, py - h / 2.0)
            || room.place(scene, text, &right, py - frame.band / 2.0 - h)
            || room.place(scene, text, &right, py + frame.band / 2.0)
    } else {
        room.place(scene, text, &right, py - 10.0 - h) || room.place(scene, text, &right, py + 10.0)
    };
    if !placed {
        let top = if frame.sideways {
            py - h / 2.0
        } else {
            py - 10.0 - h
        };
        room.place_anyway(scene, text, &right, top);
    }
    if let Some(b) = room.last {
        leader(scene, room, point, &b);
    }
}

/// A thin line from `point` to the nearest edge of the text box `b`, when the text sits
/// more than a few pixels away and the line would cross no other text nor bar (a
/// callout set beside a bar's value label needs none).
fn leader(scene: &mut Scene, room: &Room, point: (f64, f64), b: &Bbox) {
    let near = (point.0.clamp(b.x0, b.x1), point.1.clamp(b.y0, b.y1));
    let length = (near.0 - point.0).hypot(near.1 - point.1);
    if length <= 12.0 {
        return;
    }
    let steps = (length / 2.0).ceil() as usize;
    let crosses = (1..steps).any(|k| {
        let t = k as f64 / steps as f64;
        let (x, y) = (
            point.0 + t * (near.0 - point.0),
            point.1 + t * (near.1 - point.1),
        );
        room.solid
            .iter()
            .any(|l| l != b && l.x0 < x && x < l.x1 && l.y0 < y && y < l.y1)
    });
    if !crosses {
        scene.line(vec![point, near], AXIS, 1);
    }
}
