//! The plot area of charts with categories along x and values up y (bar, stacked, grouped,
//! line, area, waterfall): nice value ticks, margins from measured tick and category labels,
//! light gridlines on the value axis only, no border.

use super::colour::{AXIS, GRID, HIGHLIGHT_BAND, TICK_TEXT};
pub use super::scale::{tick_target, Scale};
use super::scene::{block, Anchor, Label, Scene};
use super::text::{self, block_height};
use super::time_axis::{self, TimeAxis};
use super::words::ChartText;
use crate::data::time::Period;

/// Outer padding of every chart.
pub const PAD: f64 = 8.0;
/// Tick labels and value labels.
pub const SMALL_PX: f64 = 12.0;
/// Category labels, largest size first; nothing goes under 12 px
/// ([`super::variants::MIN_TEXT_PX`]).
pub const CAT_PX: [f64; 2] = [13.0, 12.0];
/// Category labels wrap to at most this many lines before a smaller size is tried.
const MAX_LINES: usize = 3;

/// Category labels fitted to their band: size, wrapped lines, and which are shown.
#[derive(Debug, Clone, PartialEq)]
pub struct CatLabels {
    pub size: f64,
    /// Wrapped lines per category; empty for a category whose label is skipped.
    pub lines: Vec<Vec<String>>,
}

impl CatLabels {
    pub fn height(&self) -> f64 {
        let n = self.lines.iter().map(Vec::len).max().unwrap_or(0);
        block_height(n, self.size)
    }
}

/// Where a label of half-width `half` for a point at `x` is centred: at `x`, moved in
/// just enough to stay on a canvas `width` wide.
pub fn label_centre(x: f64, half: f64, width: f64) -> f64 {
    x.clamp(PAD + half, (width - PAD - half).max(PAD + half))
}

/// Fits category labels to bands `band` px wide starting at `left`. Categorical axes wrap
/// (three lines at most, shrinking to 12 px, then as many lines as it takes); time axes
/// (`thin`) keep one line per label and show every k-th label instead.
pub fn fit_categories(
    labels: &[String],
    band: f64,
    left: f64,
    width: f64,
    thin: bool,
) -> CatLabels {
    if thin {
        return fit_thin(labels, band, left, width);
    }
    let avail = band - 6.0;
    for (k, &size) in CAT_PX.iter().enumerate() {
        let lines: Vec<Vec<String>> = labels
            .iter()
            .map(|l| text::wrap_balanced(l, avail / 1.08, size))
            .collect();
        let max_lines = if k + 1 == CAT_PX.len() {
            usize::MAX
        } else {
            MAX_LINES
        };
        let fits = lines
            .iter()
            .all(|ls| ls.len() <= max_lines && text::widest(ls, size, true) <= avail);
        if fits {
            return CatLabels { size, lines };
        }
    }
    // Bands narrower than one character: show every k-th label after all.
    fit_thin(labels, band, left, width)
}

/// Every k-th label, wrapped to `lines` lines at most (k bands wide), if they all keep
/// 6 px apart once the outermost are moved onto the canvas.
fn try_thin(
    labels: &[String],
    band: f64,
    left: f64,
    width: f64,
    every: usize,
    size: f64,
    max_lines: usize,
) -> Option<CatLabels> {
    let avail = if max_lines == 1 {
        width - 2.0 * PAD
    } else {
        band * every as f64 - 6.0
    };
    let mut prev_right = f64::NEG_INFINITY;
    // Only every k-th label is looked at, and the result is built only on success:
    // visiting all of them for every k tried made a chart of a million rows take
    // minutes.
    let mut picked = Vec::new();
    for (i, l) in labels.iter().enumerate().step_by(every.max(1)) {
        let wrapped = text::wrap_balanced(l, avail / 1.08, size);
        let half = text::widest(&wrapped, size, true) / 2.0;
        let c = label_centre(left + (i as f64 + 0.5) * band, half, width);
        if wrapped.len() > max_lines || 2.0 * half > avail || c - half < prev_right + 6.0 {
            return None;
        }
        prev_right = c + half;
        picked.push((i, wrapped));
    }
    let mut lines = vec![Vec::new(); labels.len()];
    for (i, wrapped) in picked {
        if let Some(slot) = lines.get_mut(i) {
            *slot = wrapped;
        }
    }
    Some(CatLabels { size, lines })
}

/// Time axes: every k-th label on one line while at least four stay; else wrapped labels
/// k bands wide; at worst the first label alone.
fn fit_thin(labels: &[String], band: f64, left: f64, width: f64) -> CatLabels {
    let n = labels.len().max(1);
    // One-line labels k bands apart need k × band ≥ the narrowest label + 6 px: start
    // there (a chart of a million points tried every k below, once per drawing).
    let smallest = CAT_PX.iter().copied().fold(f64::INFINITY, f64::min);
    let narrowest = labels
        .iter()
        .map(|l| text::measure(l, smallest))
        .fold(f64::INFINITY, f64::min);
    let least = ((narrowest + 6.0) / band.max(1e-9))
        .ceil()
        .clamp(1.0, n as f64) as usize;
    let single =
        (least..=(n / 4).max(1)).flat_map(|every| CAT_PX.iter().map(move |&size| (every, size, 1)));
    let wrapped =
        (1..=n).flat_map(|every| CAT_PX.iter().map(move |&size| (every, size, MAX_LINES)));
    single
        .chain(wrapped)
        .find_map(|(every, size, max_lines)| {
            try_thin(labels, band, left, width, every, size, max_lines)
        })
        .unwrap_or_else(|| {
            let lines = labels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    if i == 0 {
                        text::wrap(l, (width - 2.0 * PAD) / 1.08, SMALL_PX)
                    } else {
                        Vec::new()
                    }
                })
                .collect();
            CatLabels {
                size: SMALL_PX,
                lines,
            }
        })
}

/// Periods one per band: every k-th label on one line, labelled as time ticks are
/// (`2024年1月`, `2月` …), never wrapped.
fn fit_periods(periods: &[Period], band: f64, left: f64, width: f64, text: ChartText) -> CatLabels {
    let n = periods.len().max(1);
    // No label is narrower than two characters: start from the k that could fit.
    let least = ((n as f64 * (2.0 * SMALL_PX + 6.0)) / width)
        .ceil()
        .max(1.0) as usize;
    (least..=n)
        .find_map(|every| {
            let labels = time_axis::band_labels(periods, every, text);
            CAT_PX
                .iter()
                .find_map(|&size| try_thin(&labels, band, left, width, every, size, 1))
        })
        .unwrap_or_else(|| {
            let labels = time_axis::band_labels(periods, n, text);
            fit_thin(&labels, band, left, width)
        })
}

/// A plot with categories in bands along x and a value scale up y.
#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
    pub band: f64,
    pub scale: Scale,
    pub cats: CatLabels,
    pub ticks: Vec<(f64, String)>,
    /// Top edge of the category labels.
    pub cat_top: f64,
    /// Canvas height the frame needs (at least the height asked for).
    pub height: f64,
    pub width: f64,
    pub percent: bool,
    /// A time axis: points placed in proportion to time, with their own ticks.
    pub time: Option<TimeAxis>,
}

impl Columns {
    /// Centre of band `i`, or where point `i` falls on a time axis.
    pub fn x(&self, i: usize) -> f64 {
        match self.time.as_ref().and_then(|t| t.xs.get(i)) {
            Some(&x) => x,
            None => self.left + (i as f64 + 0.5) * self.band,
        }
    }
}

/// What a column frame is built from.
pub struct ColumnInput<'a> {
    pub width: f64,
    pub height: f64,
    /// Where the frame starts (below a legend).
    pub top: f64,
    pub labels: &'a [String],
    pub lo: f64,
    pub hi: f64,
    pub percent: bool,
    /// Room kept free right of the plot (end labels).
    pub right_extra: f64,
    /// A time axis: labels may be thinned out instead of wrapped deep.
    pub thin: bool,
    /// Unit written on the top tick (when value labels leave it out).
    pub axis_unit: Option<&'a str>,
    /// Periods of the labels (in order) when the x axis is time: labelled as ticks
    /// are, and placed in proportion to time when `spaced_by_time` (lines, areas), else
    /// one per band (bars).
    pub periods: Option<&'a [Period]>,
    pub spaced_by_time: bool,
    /// Ends of the value axis the spec fixes (`y_min`, `y_max`).
    pub fixed: (Option<f64>, Option<f64>),
    /// The reader's language (time labels).
    pub text: ChartText<'a>,
    /// The frame every panel of a faceted chart shares (src/charts/facets.rs): used as
    /// it is, so the same value falls at the same place in each.
    pub shared: Option<&'a Columns>,
}

/// Lays out the frame. `room(band)` tells how much space value labels need above the
/// highest and below the lowest value, given the band width.
pub fn columns(input: &ColumnInput, room: impl Fn(f64) -> (f64, f64)) -> Columns {
    if let Some(shared) = input.shared {
        return shared.clone();
    }
    let est = input.height - input.top - 90.0;
    let (lo, hi) = input.fixed;
    let mut scale = Scale::nice(
        lo.unwrap_or(input.lo),
        hi.unwrap_or(input.hi),
        tick_target(est),
    )
    .fixed_ends(lo, hi);
    let ticks = scale.tick_labels(input.percent, input.axis_unit);
    let tick_w = ticks
        .iter()
        .map(|(_, l)| text::measure(l, SMALL_PX))
        .fold(0.0, f64::max);
    let left = PAD + tick_w + 8.0;
    let right = (input.width - PAD - input.right_extra).max(left + 40.0);
    let band = (right - left) / input.labels.len().max(1) as f64;
    let time = input
        .periods
        .filter(|_| input.spaced_by_time)
        .map(|p| time_axis::layout(p, left, right, input.width, input.text));
    let (cats, cats_height) = match &time {
        // Ticks of their own replace the labels of the points.
        Some(t) => (
            CatLabels {
                size: t.size,
                lines: vec![Vec::new(); input.labels.len()],
            },
            block_height(1, t.size),
        ),
        None => {
            let cats = match input.periods {
                Some(p) => fit_periods(p, band, left, input.width, input.text),
                None => fit_categories(input.labels, band, left, input.width, input.thin),
            };
            let h = cats.height();
            (cats, h)
        }
    };
    let (head, foot) = room(band);
    let top = input.top + head.max(SMALL_PX * 0.7);
    let bottom_limit = input.height - PAD - cats_height - 8.0 - foot;
    let bottom = bottom_limit.max(top + 100.0);
    scale.place(bottom, top);
    // Clear of the lowest tick label, whose box reaches half a line box below the plot.
    let cat_top = bottom + foot + (text::BOX * SMALL_PX / 2.0 + 2.0).max(8.0);
    Columns {
        left,
        right,
        top,
        bottom,
        band,
        scale,
        cat_top,
        height: input.height.max(cat_top + cats_height + PAD),
        width: input.width,
        cats,
        ticks,
        percent: input.percent,
        time,
    }
}

/// Pale bands behind highlighted categories (multi-series charts); draw before the grid.
pub fn draw_highlights(scene: &mut Scene, c: &Columns, highlight: &[bool]) {
    for (i, _) in highlight.iter().enumerate().filter(|(_, &h)| h) {
        let x = c.x(i);
        scene.rect(
            x - c.band / 2.0,
            c.top,
            x + c.band / 2.0,
            c.bottom,
            HIGHLIGHT_BAND,
            None,
        );
    }
}

/// Gridlines and tick labels (the zero line is drawn by [`draw_zero`], over the marks).
pub fn draw_grid(scene: &mut Scene, c: &Columns) {
    for (t, label) in &c.ticks {
        let y = c.scale.at(*t);
        if *t != 0.0 {
            scene.line(vec![(c.left, y), (c.right, y)], GRID, 1);
        }
        scene.text(
            Label::new(label.clone(), c.left - 8.0, y, Anchor::End, SMALL_PX).fill(TICK_TEXT),
        );
    }
}

/// The zero line, when zero is on the scale.
pub fn draw_zero(scene: &mut Scene, c: &Columns) {
    if c.scale.lo <= 0.0 && c.scale.hi >= 0.0 {
        let y = c.scale.at(0.0);
        scene.line(vec![(c.left, y), (c.right, y)], AXIS, 1);
    }
}

/// Category labels under the plot; `bold[i]` for highlighted categories.
pub fn draw_categories(scene: &mut Scene, c: &Columns, bold: &[bool]) {
    if let Some(t) = &c.time {
        time_axis::draw(scene, t, c.bottom, c.cat_top, c.width);
        return;
    }
    let thinned = c.cats.lines.iter().any(Vec::is_empty);
    for (i, lines) in c.cats.lines.iter().enumerate() {
        if thinned && !lines.is_empty() {
            // Every k-th label: a tick shows which point it names.
            scene.line(vec![(c.x(i), c.bottom), (c.x(i), c.bottom + 4.0)], AXIS, 1);
        }
        let b = bold.get(i).copied().unwrap_or(false);
        // Thinned labels are wider than their band: keep the outermost on the canvas.
        let half = text::widest(lines, c.cats.size, b) / 2.0;
        let x = c
            .x(i)
            .clamp(PAD + half, (c.width - PAD - half).max(PAD + half));
        scene.texts(
            block(lines, x, c.cat_top, Anchor::Middle, c.cats.size)
                .into_iter()
                .map(|l| l.bold(b)),
        );
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;

    #[test]
    fn categories_wrap_then_thin() {
        let labels: Vec<String> = (0..4).map(|i| format!("很长的类别名称第{i}项")).collect();
        let c = fit_categories(&labels, 60.0, 40.0, 400.0, false);
        assert!(c.lines.iter().all(|l| !l.is_empty()));
        let many: Vec<String> = (2000..2030).map(|y| y.to_string()).collect();
        let c = fit_categories(&many, 12.0, 40.0, 400.0, true);
        assert!(c.lines.iter().any(Vec::is_empty));
        assert!(c.size >= super::super::variants::MIN_TEXT_PX);
    }

    #[test]
    fn english_categories_break_between_words_or_at_hyphens() {
        let labels: Vec<String> = ["Manufacturing", "Infrastructure", "Science and technology"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for band in [48.0, 64.0, 90.0, 140.0] {
            let c = fit_categories(&labels, band, 40.0, 600.0, false);
            for (label, lines) in labels.iter().zip(&c.lines) {
                let rebuilt = lines
                    .iter()
                    .map(|l| l.strip_suffix('-').map_or(format!("{l} "), str::to_string))
                    .collect::<String>();
                assert_eq!(rebuilt.trim_end(), label, "{band}: {lines:?}");
                // A word is split only when it is wider than the band.
                for l in lines.iter().filter(|l| l.ends_with('-')) {
                    let word = label
                        .split(' ')
                        .find(|w| w.contains(l.trim_end_matches('-')));
                    let w = word.map_or(0.0, |w| text::measure_styled(w, c.size, true));
                    assert!(w > band - 6.0, "{band}: `{l}` split a word that fits");
                }
            }
        }
    }
}
