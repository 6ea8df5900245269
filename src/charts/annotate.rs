//! `[[annotate]]` in a chart spec: a callout at a data point (`x`, `y`, `text`), a
//! reference line (`y` or `x` alone), a shaded range (`x_from`, `x_to`). Checked against
//! the chart's categories, drawn over a line or area chart's frame in the roles of
//! src/charts/roles.rs (so dark mode recolours them), each text placed clear of every
//! other text and inside the canvas at whatever width the chart is drawn.

use serde::Deserialize;

use super::colour::{AXIS, HIGHLIGHT_BAND, TEXT, TICK_TEXT};
use super::frame::{Columns, PAD, SMALL_PX};
use super::prepare::ChartData;
use super::rules::{a_kind, list};
use super::scene::{block, Anchor, Bbox, Label, Mark, Scene};
use super::spec::{ChartKind, ChartSpec};
use super::text::{self, BOX, LINE};
use super::words::ChartText;
use crate::data::format::NumberStyle;
use crate::data::Number;
use crate::render::strings::fill;

/// An x position as written: a category label, or a bare year (`x = 2024`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum XLabel {
    Text(String),
    Whole(i64),
}

impl XLabel {
    fn as_text(&self) -> String {
        match self {
            XLabel::Text(s) => s.clone(),
            XLabel::Whole(n) => n.to_string(),
        }
    }
}

/// One `[[annotate]]` entry as written.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    #[serde(default)]
    pub x: Option<XLabel>,
    #[serde(default)]
    pub y: Option<f64>,
    #[serde(default)]
    pub x_from: Option<XLabel>,
    #[serde(default)]
    pub x_to: Option<XLabel>,
    pub text: String,
}

/// An annotation checked against the chart: x positions as indices of its items.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    Callout {
        at: usize,
        y: f64,
        text: String,
    },
    Level {
        y: f64,
        text: String,
    },
    Moment {
        at: usize,
        text: String,
    },
    Range {
        from: usize,
        to: usize,
        text: String,
    },
}

/// Kinds that take annotations: those drawn on a time or category frame that never
/// turns sideways.
fn takes_annotations(kind: ChartKind) -> bool {
    matches!(kind, ChartKind::Line | ChartKind::Area)
}

/// Checks every annotation. A message starts with `annotate[N]` (1-based), which the
/// build turns into the line of the N-th `[[annotate]]` in the spec.
pub fn check(spec: &ChartSpec, data: &ChartData) -> Result<Vec<Note>, String> {
    let mut notes = Vec::with_capacity(spec.annotations.len());
    for (i, a) in spec.annotations.iter().enumerate() {
        let key = format!("annotate[{}]", i + 1);
        if !takes_annotations(spec.kind) {
            return Err(format!(
                "{key}: {} chart takes no annotations; line and area charts do",
                a_kind(spec.kind)
            ));
        }
        if a.text.trim().is_empty() {
            return Err(format!(
                "{key}: `text` is empty; say what the reader should see"
            ));
        }
        let index = |x: &XLabel, name: &str| {
            let label = x.as_text();
            data.items
                .iter()
                .position(|it| it.label == label)
                .ok_or_else(|| {
                    format!(
                        "{key}: {name} = `{label}` is not a category of this chart; categories: {}",
                        list(data.items.iter().map(|it| it.label.as_str()))
                    )
                })
        };
        let text = a.text.clone();
        let note = match (&a.x, a.y, &a.x_from, &a.x_to) {
            (Some(x), Some(y), None, None) => Note::Callout {
                at: index(x, "x")?,
                y: finite(y, &key, spec)?,
                text,
            },
            (None, Some(y), None, None) => Note::Level {
                y: finite(y, &key, spec)?,
                text,
            },
            (Some(x), None, None, None) => Note::Moment {
                at: index(x, "x")?,
                text,
            },
            (None, None, Some(from), Some(to)) => {
                let (from, to) = (index(from, "x_from")?, index(to, "x_to")?);
                if from > to {
                    return Err(format!(
                        "{key}: x_from comes after x_to on the chart; swap them"
                    ));
                }
                Note::Range { from, to, text }
            }
            _ => {
                return Err(format!(
                    "{key}: give `x` and `y` (a callout), `y` or `x` alone (a reference line), or `x_from` and `x_to` (a shaded range)"
                ))
            }
        };
        notes.push(note);
    }
    Ok(notes)
}

fn finite(y: f64, key: &str, spec: &ChartSpec) -> Result<f64, String> {
    if !y.is_finite() {
        return Err(format!("{key}: y must be a finite number"));
    }
    // Fixed ends are never widened: a note beyond them would be cut off.
    if let Some(lo) = spec.y_min.filter(|lo| y < *lo) {
        return Err(format!("{key}: y = {y} is below y_min = {lo}"));
    }
    if let Some(hi) = spec.y_max.filter(|hi| y > *hi) {
        return Err(format!("{key}: y = {y} is above y_max = {hi}"));
    }
    Ok(y)
}

/// The value range widened to every annotation's `y`, so none falls off the axis.
pub fn widen(notes: &[Note], lo: f64, hi: f64) -> (f64, f64) {
    notes.iter().fold((lo, hi), |(lo, hi), n| match n {
        Note::Callout { y, .. } | Note::Level { y, .. } => (lo.min(*y), hi.max(*y)),
        _ => (lo, hi),
    })
}

/// What the annotations say, for the `desc` (empty when there are none).
pub fn describe(notes: &[Note], data: &ChartData, style: &NumberStyle, words: ChartText) -> String {
    let label = |i: &usize| data.items.get(*i).map_or("", |it| it.label.as_str());
    let value = |y: &f64| style.show(Number::written(*y));
    let say =
        |key: &str, chinese: &str, values: &[(&str, &str)]| fill(words.get(key, chinese), values);
    let said: Vec<String> = notes
        .iter()
        .map(|n| match n {
            Note::Callout { at, y, text } => say(
                "annotation_callout",
                "{label}（{value}）：{text}",
                &[("label", label(at)), ("value", &value(y)), ("text", text)],
            ),
            Note::Level { y, text } => say(
                "annotation_level",
                "参考线 {value}：{text}",
                &[("value", &value(y)), ("text", text)],
            ),
            Note::Moment { at, text } => say(
                "annotation_moment",
                "{label}处的竖线：{text}",
                &[("label", label(at)), ("text", text)],
            ),
            Note::Range { from, to, text } => say(
                "annotation_range",
                "{from}—{to}的阴影区间：{text}",
                &[("from", label(from)), ("to", label(to)), ("text", text)],
            ),
        })
        .collect();
    if said.is_empty() {
        String::new()
    } else {
        let list = said.join(words.punct("list_separator"));
        say("annotations", "标注：{list}。", &[("list", &list)])
    }
}

/// Draws the annotations on a laid-out line or area chart: shaded ranges behind the
/// data, lines and callouts over it, every text where it touches no other text.
pub fn draw(scene: &mut Scene, cols: &Columns, notes: &[Note]) {
    let mut room = Room {
        taken: scene
            .labels()
            .map(Label::bbox)
            .chain(line_samples(scene))
            .collect(),
        plot: Bbox {
            x0: PAD,
            y0: PAD.min(cols.top),
            x1: cols.width - PAD,
            y1: cols.bottom,
        },
        max_w: ((cols.right - cols.left) / 2.0).clamp(80.0, 200.0),
    };
    for note in notes {
        match note {
            Note::Range { from, to, text } => {
                let half = if from == to { cols.band / 2.0 } else { 0.0 };
                let (x0, x1) = (cols.x(*from) - half, cols.x(*to) + half);
                // Behind everything, like the highlight bands.
                scene.marks.insert(
                    0,
                    Mark::Rect {
                        x0,
                        y0: cols.top,
                        x1,
                        y1: cols.bottom,
                        fill: HIGHLIGHT_BAND,
                        datum: None,
                    },
                );
                let tries = [(x0 + 4.0, Anchor::Start), (x1 - 4.0, Anchor::End)];
                room.place_anyway(scene, text, &tries, cols.top + 2.0);
            }
            Note::Level { y, text } => {
                let py = cols.scale.at(*y);
                scene.line(vec![(cols.left, py), (cols.right, py)], AXIS, 1);
                let h = SMALL_PX * BOX;
                let tries = [(cols.right, Anchor::End), (cols.left + 4.0, Anchor::Start)];
                // Above the line, else below it, else above it over the data.
                if !room.place(scene, text, &tries, py - h - 2.0)
                    && !room.place(scene, text, &tries, py + 2.0)
                {
                    room.place_anyway(scene, text, &tries, py - h - 2.0);
                }
            }
            Note::Moment { at, text } => {
                let px = cols.x(*at);
                scene.line(vec![(px, cols.top), (px, cols.bottom)], AXIS, 1);
                let tries = [(px + 4.0, Anchor::Start), (px - 4.0, Anchor::End)];
                room.place_anyway(scene, text, &tries, cols.top + 2.0);
            }
            Note::Callout { at, y, text } => {
                let (px, py) = (cols.x(*at), cols.scale.at(*y));
                scene.push(Mark::Dot {
                    x: px,
                    y: py,
                    r: 3.5,
                    fill: TEXT,
                });
                // Clear of the point: above or below it, to its right or left.
                let h = room.height(text);
                let tries = [(px + 6.0, Anchor::Start), (px - 6.0, Anchor::End)];
                if !room.place(scene, text, &tries, py - 10.0 - h) {
                    room.place_anyway(scene, text, &tries, py + 10.0);
                }
            }
        }
    }
}

/// Small boxes along every series line, every few pixels, so that note texts keep off
/// the data where they can.
fn line_samples(scene: &Scene) -> Vec<Bbox> {
    let mut boxes = Vec::new();
    for m in &scene.marks {
        let Mark::Line {
            points, width: 2, ..
        } = m
        else {
            continue;
        };
        for w in points.windows(2) {
            let (Some(a), Some(b)) = (w.first(), w.get(1)) else {
                continue;
            };
            let steps = ((b.0 - a.0).hypot(b.1 - a.1) / 4.0).ceil().max(1.0) as usize;
            boxes.extend((0..=steps).map(|k| {
                let t = k as f64 / steps as f64;
                let (x, y) = (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1));
                Bbox {
                    x0: x - 1.5,
                    y0: y - 1.5,
                    x1: x + 1.5,
                    y1: y + 1.5,
                }
            }));
        }
    }
    boxes
}

/// Where note texts may go: inside `plot`, clear of the `taken` boxes, wrapped to
/// `max_w`.
struct Room {
    taken: Vec<Bbox>,
    plot: Bbox,
    max_w: f64,
}

impl Room {
    /// Balanced lines: no note ends on a stranded character.
    fn lines(&self, text: &str) -> Vec<String> {
        text::wrap_balanced(text, self.max_w, SMALL_PX)
    }

    fn height(&self, text: &str) -> f64 {
        self.lines(text).len() as f64 * LINE * SMALL_PX
    }

    /// The labels of `text` with its top at `top`, at x/anchor `at`.
    fn labels_at(&self, text: &str, at: (f64, Anchor), top: f64) -> Vec<Label> {
        block(&self.lines(text), at.0, top, at.1, SMALL_PX)
            .into_iter()
            .map(|l| l.fill(TICK_TEXT))
            .collect()
    }

    fn fits(&self, labels: &[Label]) -> bool {
        let p = &self.plot;
        labels.iter().all(|l| {
            let b = l.bbox();
            b.x0 >= p.x0
                && b.x1 <= p.x1
                && b.y0 >= p.y0
                && b.y1 <= p.y1
                // 1.5 px apart at least: positions are rounded to whole pixels when written.
                && !self.taken.iter().any(|t| t.overlaps(&b, -1.5))
        })
    }

    fn put(&mut self, scene: &mut Scene, labels: Vec<Label>) {
        self.taken.extend(labels.iter().map(Label::bbox));
        scene.texts(labels);
    }

    /// Puts `text` at the first of `tries` where it fits with its top at `top`; false
    /// when none does (nothing drawn).
    fn place(&mut self, scene: &mut Scene, text: &str, tries: &[(f64, Anchor)], top: f64) -> bool {
        for &at in tries {
            let labels = self.labels_at(text, at, top);
            if self.fits(&labels) {
                self.put(scene, labels);
                return true;
            }
        }
        false
    }

    /// Like [`Room::place`], moving down (then up) half a line at a time until the text
    /// fits; at worst where first asked, kept inside the plot.
    fn place_anyway(&mut self, scene: &mut Scene, text: &str, tries: &[(f64, Anchor)], top: f64) {
        let step = SMALL_PX * LINE / 2.0;
        let lowest = self.plot.y1 - self.height(text);
        let shifts = (0..40).flat_map(|k| [f64::from(k), -f64::from(k)]);
        for shift in shifts {
            let t = top + shift * step;
            if (self.plot.y0..=lowest).contains(&t) && self.place(scene, text, tries, t) {
                return;
            }
        }
        let t = top.clamp(self.plot.y0, lowest.max(self.plot.y0));
        let first = tries
            .first()
            .copied()
            .unwrap_or((self.plot.x0, Anchor::Start));
        let labels = self.labels_at(text, first, t);
        self.put(scene, labels);
    }
}
