//! Where note texts may go: a room inside the chart, clear of every text, bar, point and
//! series line already drawn; texts are wrapped, tried at the spots asked for, moved
//! along until they fit, and (on charts that may grow) set under the chart at worst.

use super::colour::TICK_TEXT;
use super::frame::{PAD, SMALL_PX};
use super::scene::{block, Anchor, Bbox, Label, Mark, Scene};
use super::text::{self, LINE};

/// The boxes of the bars (marks that stand for data).
fn bars(scene: &Scene) -> Vec<Bbox> {
    scene
        .marks
        .iter()
        .filter_map(Mark::bar)
        .map(|b| b.0)
        .collect()
}

/// Small boxes along every series line, every few pixels, so that note texts keep off
/// the data where they can.
fn line_samples(scene: &Scene) -> Vec<Bbox> {
    let mut boxes = Vec::new();
    for m in &scene.marks {
        // Series lines, and the dashed reference lines notes draw.
        let (Mark::Line {
            points, width: 2, ..
        }
        | Mark::Line {
            points,
            dashed: true,
            ..
        }) = m
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

/// Where note texts may go: inside `area`, clear of the `taken` boxes, wrapped to
/// `max_w`.
pub struct Room {
    pub taken: Vec<Bbox>,
    /// The texts and bars among `taken`, which leader lines may not cross.
    pub solid: Vec<Bbox>,
    area: Bbox,
    max_w: f64,
    /// The box of the text placed last.
    pub last: Option<Bbox>,
    /// See [`NoteFrame::grow`].
    grow: bool,
}

impl Room {
    /// The room `area` on `scene` as drawn so far, keeping off `blocked` as well; `grow`
    /// as [`super::callouts::NoteFrame::grow`].
    pub fn new(scene: &Scene, blocked: &[Bbox], area: Bbox, grow: bool) -> Room {
        let solid: Vec<Bbox> = scene
            .labels()
            .map(Label::bbox)
            .chain(bars(scene))
            .chain(blocked.iter().copied())
            .collect();
        Room {
            taken: solid.iter().copied().chain(line_samples(scene)).collect(),
            solid,
            area,
            max_w: ((area.x1 - area.x0) / 2.0).clamp(80.0, 200.0),
            last: None,
            grow,
        }
    }

    /// Balanced lines: no note ends on a stranded character.
    fn lines(&self, text: &str) -> Vec<String> {
        text::wrap_balanced(text, self.max_w, SMALL_PX)
    }

    pub fn height(&self, text: &str) -> f64 {
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
        let p = &self.area;
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
        let boxes: Vec<Bbox> = labels.iter().map(Label::bbox).collect();
        self.last = boxes.iter().copied().reduce(|a, b| Bbox {
            x0: a.x0.min(b.x0),
            y0: a.y0.min(b.y0),
            x1: a.x1.max(b.x1),
            y1: a.y1.max(b.y1),
        });
        self.solid.extend(boxes.iter().copied());
        self.taken.extend(boxes);
        scene.texts(labels);
    }

    /// Puts `text` at the first of `tries` where it fits with its top at `top`; false
    /// when none does (nothing drawn).
    pub fn place(
        &mut self,
        scene: &mut Scene,
        text: &str,
        tries: &[(f64, Anchor)],
        top: f64,
    ) -> bool {
        for &at in tries {
            let labels = self.labels_at(text, at, top);
            if self.fits(&labels) {
                self.put(scene, labels);
                return true;
            }
        }
        false
    }

    /// The first of `tries` that keeps `text` within the room's width.
    fn anchor_inside(&self, text: &str, tries: &[(f64, Anchor)]) -> (f64, Anchor) {
        let inside = |at: &(f64, Anchor)| {
            self.labels_at(text, *at, 0.0).iter().all(|l| {
                let b = l.bbox();
                b.x0 >= self.area.x0 && b.x1 <= self.area.x1
            })
        };
        tries
            .iter()
            .copied()
            .find(inside)
            .unwrap_or((self.area.x0, Anchor::Start))
    }

    /// Like [`Room::place`], moving down (then up) half a line at a time until the text
    /// fits; at worst where first asked, kept inside the room.
    pub fn place_anyway(
        &mut self,
        scene: &mut Scene,
        text: &str,
        tries: &[(f64, Anchor)],
        top: f64,
    ) {
        let step = SMALL_PX * LINE / 2.0;
        let lowest = self.area.y1 - self.height(text);
        let shifts: Vec<f64> = (0..40)
            .flat_map(|k| [f64::from(k), -f64::from(k)])
            .map(|shift| top + shift * step)
            .filter(|t| (self.area.y0..=lowest).contains(t))
            .collect();
        for &t in &shifts {
            if self.place(scene, text, tries, t) {
                return;
            }
        }
        if !self.grow {
            // Nowhere beside the spot asked for: anywhere free in the room, nearest the
            // spot first (a callout's leader line then finds its point).
            let x0 = tries.first().map_or(self.area.x0, |t| t.0);
            let mut across: Vec<f64> = (0..)
                .map(|k| self.area.x0 + 12.0 * f64::from(k))
                .take_while(|x| *x < self.area.x1)
                .collect();
            across.sort_by(|a, b| (a - x0).abs().total_cmp(&(b - x0).abs()));
            let anywhere: Vec<(f64, Anchor)> = across.iter().map(|&x| (x, Anchor::Start)).collect();
            for &t in &shifts {
                if self.place(scene, text, &anywhere, t) {
                    return;
                }
            }
        }
        if self.grow {
            // Under everything drawn so far, the canvas grown to hold it.
            let t = self.area.y1 + 4.0;
            let labels = self.labels_at(text, self.anchor_inside(text, tries), t);
            self.area.y1 = t + self.height(text);
            scene.height = scene.height.max(self.area.y1 + PAD);
            self.put(scene, labels);
            return;
        }
        let t = top.clamp(self.area.y0, lowest.max(self.area.y0));
        let labels = self.labels_at(text, self.anchor_inside(text, tries), t);
        self.put(scene, labels);
    }
}
