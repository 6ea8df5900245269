//! The frame of horizontal charts (hbar, stacked100, and stacked or grouped charts turned
//! sideways): a column of wrapped category labels
//! on the left and one row per category. Rows take the height their labels need; the
//! chart is as tall as its rows, up to a comfortable pitch within the height asked for.

use super::frame::PAD;
use super::scene::{block, Anchor, Scene};
use super::text::{self, block_height};

/// Category label size.
pub const CAT_PX: f64 = 13.0;
pub const MIN_BAR: f64 = 14.0;
const MAX_BAR: f64 = 26.0;
const GAP: f64 = 10.0;
const MAX_PITCH: f64 = 48.0;

/// Rows laid out from `top` down.
#[derive(Debug, Clone, PartialEq)]
pub struct Rows {
    /// Right edge of the category labels.
    pub label_right: f64,
    /// Where the plot may start.
    pub plot_left: f64,
    /// Vertical centre of each row.
    pub centres: Vec<f64>,
    /// Bar thickness.
    pub bar: f64,
    pub lines: Vec<Vec<String>>,
    /// Bottom of the last row.
    pub bottom: f64,
}

/// Lays out rows for `labels` between `top` and `bottom_limit` (a soft limit: rows that
/// need more room push the bottom down). Bars are at least `min_bar` thick.
pub fn layout(width: f64, top: f64, bottom_limit: f64, labels: &[String], min_bar: f64) -> Rows {
    let share = if width < 560.0 { 0.34 } else { 0.28 };
    let cap = (width * share).floor();
    let widest = labels
        .iter()
        .map(|l| text::measure_styled(l, CAT_PX, true))
        .fold(0.0, f64::max);
    let lines: Vec<Vec<String>> = labels
        .iter()
        .map(|l| text::wrap_balanced(l, widest.min(cap) / 1.08, CAT_PX))
        .collect();
    // Balanced lines may leave the column narrower than the cap.
    let col = lines
        .iter()
        .map(|ls| text::widest(ls, CAT_PX, true))
        .fold(0.0, f64::max);
    let n = labels.len().max(1) as f64;
    let max_pitch = MAX_PITCH.max(min_bar + 2.0 * GAP);
    let even = ((bottom_limit - top) / n).min(max_pitch);
    let bar = (even * 0.6).clamp(min_bar, MAX_BAR.max(min_bar));
    let mut y = top;
    let mut centres = Vec::with_capacity(labels.len());
    for ls in &lines {
        let need = block_height(ls.len(), CAT_PX).max(bar) + GAP;
        let pitch = need.max(even);
        centres.push(y + pitch / 2.0);
        y += pitch;
    }
    Rows {
        label_right: PAD + col,
        plot_left: PAD + col + 10.0,
        centres,
        bar,
        lines,
        bottom: y,
    }
}

/// Category labels, right-aligned next to the bars; `bold[i]` for highlights.
pub fn draw_labels(scene: &mut Scene, rows: &Rows, bold: &[bool]) {
    for (i, (ls, c)) in rows.lines.iter().zip(&rows.centres).enumerate() {
        let b = bold.get(i).copied().unwrap_or(false);
        let top = c - block_height(ls.len(), CAT_PX) / 2.0;
        scene.texts(
            block(ls, rows.label_right, top, Anchor::End, CAT_PX)
                .into_iter()
                .map(|l| l.bold(b)),
        );
    }
}
