//! The laid-out chart: marks and labels in pixel coordinates, before any SVG is written.
//! Every chart kind builds a [`Scene`]; tests check geometry and label boxes on it, and
//! [`super::svg`] draws it with plotters.

use super::colour::{Rgb, TEXT};
use super::text::{self, BOX, LINE};

/// Which data point a mark stands for (series, row) and its value, for tests.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Datum {
    pub series: usize,
    pub row: usize,
    pub value: f64,
}

/// Horizontal anchor of a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// One line of text; `y` is the vertical centre of the line.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub anchor: Anchor,
    pub size: f64,
    pub bold: bool,
    pub fill: Rgb,
}

/// An axis-aligned box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bbox {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Bbox {
    /// Whether the two boxes overlap by more than `slack` pixels.
    pub fn overlaps(&self, other: &Bbox, slack: f64) -> bool {
        self.x0 + slack < other.x1
            && other.x0 + slack < self.x1
            && self.y0 + slack < other.y1
            && other.y0 + slack < self.y1
    }

    /// The box around a disc of radius `r` centred at (`x`, `y`).
    pub fn around(x: f64, y: f64, r: f64) -> Bbox {
        Bbox {
            x0: x - r,
            y0: y - r,
            x1: x + r,
            y1: y + r,
        }
    }

    /// Whether the box lies within a `w`×`h` canvas.
    pub fn inside(&self, w: f64, h: f64) -> bool {
        self.x0 >= -0.01 && self.y0 >= -0.01 && self.x1 <= w + 0.01 && self.y1 <= h + 0.01
    }
}

impl Label {
    pub fn new(text: impl Into<String>, x: f64, y: f64, anchor: Anchor, size: f64) -> Self {
        Label {
            text: text.into(),
            x,
            y,
            anchor,
            size,
            bold: false,
            fill: TEXT,
        }
    }

    pub fn bold(mut self, bold: bool) -> Self {
        self.bold = bold;
        self
    }

    pub fn fill(mut self, fill: Rgb) -> Self {
        self.fill = fill;
        self
    }

    pub fn width(&self) -> f64 {
        text::measure_styled(&self.text, self.size, self.bold)
    }

    /// The box the text occupies under the width model.
    pub fn bbox(&self) -> Bbox {
        let w = self.width();
        let x0 = match self.anchor {
            Anchor::Start => self.x,
            Anchor::Middle => self.x - w / 2.0,
            Anchor::End => self.x - w,
        };
        let half = self.size * BOX / 2.0;
        Bbox {
            x0,
            y0: self.y - half,
            x1: x0 + w,
            y1: self.y + half,
        }
    }
}

/// Labels for a block of lines whose top edge is at `top`.
pub fn block(lines: &[String], x: f64, top: f64, anchor: Anchor, size: f64) -> Vec<Label> {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            Label::new(
                l.clone(),
                x,
                top + (i as f64 + 0.5) * LINE * size,
                anchor,
                size,
            )
        })
        .collect()
}

/// A drawn element.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    Rect {
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        fill: Rgb,
        datum: Option<Datum>,
    },
    /// A stroked polyline; reference lines are dashed, so they never read as data.
    Line {
        points: Vec<(f64, f64)>,
        stroke: Rgb,
        width: u32,
        dashed: bool,
    },
    /// A filled polygon.
    Area {
        points: Vec<(f64, f64)>,
        fill: Rgb,
        datum: Option<Datum>,
    },
    /// A ring segment; angles in radians clockwise from 12 o'clock.
    Slice {
        cx: f64,
        cy: f64,
        inner: f64,
        outer: f64,
        start: f64,
        end: f64,
        fill: Rgb,
        datum: Option<Datum>,
    },
    Dot {
        x: f64,
        y: f64,
        r: f64,
        fill: Rgb,
    },
    Text(Label),
}

impl Mark {
    /// A bar standing for data: its box and datum.
    pub fn bar(&self) -> Option<(Bbox, Datum)> {
        match self {
            Mark::Rect {
                x0,
                y0,
                x1,
                y1,
                datum: Some(d),
                ..
            } => Some((
                Bbox {
                    x0: *x0,
                    y0: *y0,
                    x1: *x1,
                    y1: *y1,
                },
                *d,
            )),
            _ => None,
        }
    }
}

/// A chart ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub width: f64,
    pub height: f64,
    pub marks: Vec<Mark>,
    /// Columns were turned into rows (bars drawn sideways) to fit the width; the
    /// description then names the kind as drawn.
    pub sideways: bool,
}

impl Scene {
    pub fn new(width: f64, height: f64) -> Self {
        Scene {
            width,
            height,
            marks: Vec::new(),
            sideways: false,
        }
    }

    /// The scene, marked as drawn sideways.
    pub fn turned(mut self) -> Self {
        self.sideways = true;
        self
    }

    pub fn push(&mut self, mark: Mark) {
        self.marks.push(mark);
    }

    pub fn text(&mut self, label: Label) {
        self.marks.push(Mark::Text(label));
    }

    pub fn texts(&mut self, labels: impl IntoIterator<Item = Label>) {
        self.marks.extend(labels.into_iter().map(Mark::Text));
    }

    pub fn rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, fill: Rgb, datum: Option<Datum>) {
        self.marks.push(Mark::Rect {
            x0: x0.min(x1),
            y0: y0.min(y1),
            x1: x0.max(x1),
            y1: y0.max(y1),
            fill,
            datum,
        });
    }

    pub fn line(&mut self, points: Vec<(f64, f64)>, stroke: Rgb, width: u32) {
        self.marks.push(Mark::Line {
            points,
            stroke,
            width,
            dashed: false,
        });
    }

    /// A dashed line: a reference, not data.
    pub fn dashed(&mut self, points: Vec<(f64, f64)>, stroke: Rgb, width: u32) {
        self.marks.push(Mark::Line {
            points,
            stroke,
            width,
            dashed: true,
        });
    }

    /// Draws `other` onto this scene with its origin at (`dx`, `dy`).
    pub fn add_at(&mut self, other: &Scene, dx: f64, dy: f64) {
        let at = |(x, y): (f64, f64)| (x + dx, y + dy);
        self.marks
            .extend(other.marks.iter().cloned().map(|m| match m {
                Mark::Rect {
                    x0,
                    y0,
                    x1,
                    y1,
                    fill,
                    datum,
                } => Mark::Rect {
                    x0: x0 + dx,
                    y0: y0 + dy,
                    x1: x1 + dx,
                    y1: y1 + dy,
                    fill,
                    datum,
                },
                Mark::Line {
                    points,
                    stroke,
                    width,
                    dashed,
                } => Mark::Line {
                    points: points.into_iter().map(at).collect(),
                    stroke,
                    width,
                    dashed,
                },
                Mark::Area {
                    points,
                    fill,
                    datum,
                } => Mark::Area {
                    points: points.into_iter().map(at).collect(),
                    fill,
                    datum,
                },
                Mark::Slice {
                    cx,
                    cy,
                    inner,
                    outer,
                    start,
                    end,
                    fill,
                    datum,
                } => Mark::Slice {
                    cx: cx + dx,
                    cy: cy + dy,
                    inner,
                    outer,
                    start,
                    end,
                    fill,
                    datum,
                },
                Mark::Dot { x, y, r, fill } => Mark::Dot {
                    x: x + dx,
                    y: y + dy,
                    r,
                    fill,
                },
                Mark::Text(l) => Mark::Text(Label {
                    x: l.x + dx,
                    y: l.y + dy,
                    ..l
                }),
            }));
    }

    /// Every label in the scene.
    pub fn labels(&self) -> impl Iterator<Item = &Label> {
        self.marks.iter().filter_map(|m| match m {
            Mark::Text(l) => Some(l),
            _ => None,
        })
    }

    /// Pairs of labels whose boxes overlap, and labels that leave the canvas (for tests
    /// and for debugging layouts).
    pub fn label_problems(&self) -> Vec<String> {
        let labels: Vec<&Label> = self.labels().filter(|l| !l.text.is_empty()).collect();
        let mut problems = Vec::new();
        for (i, a) in labels.iter().enumerate() {
            let ba = a.bbox();
            if !ba.inside(self.width, self.height) {
                problems.push(format!("`{}` leaves the canvas: {ba:?}", a.text));
            }
            for b in labels.iter().skip(i + 1) {
                if ba.overlaps(&b.bbox(), 0.5) {
                    problems.push(format!("`{}` overlaps `{}`", a.text, b.text));
                }
            }
        }
        problems
    }
}
