//! The legend of multi-series charts: swatch and name per series, above the plot, flowing
//! into as many rows as the width needs. Single-series charts label marks directly instead.

use super::colour::Rgb;
use super::frame::{PAD, SMALL_PX};
use super::scene::{block, Anchor, Scene};
use super::text::{self, block_height};

const SWATCH: f64 = 12.0;
const SWATCH_GAP: f64 = 6.0;
const ITEM_GAP: f64 = 18.0;
const ROW_GAP: f64 = 6.0;

/// Draws the legend at the top of the canvas and returns the y where the plot may start.
/// Nothing is drawn (and `PAD` returned) when there are fewer than two series.
pub fn draw(scene: &mut Scene, items: &[(String, Rgb)]) -> f64 {
    if items.len() < 2 {
        return PAD;
    }
    let max_w = scene.width - 2.0 * PAD;
    let text_max = max_w - SWATCH - SWATCH_GAP;
    let mut x = PAD;
    let mut y = PAD;
    let mut row_h: f64 = 0.0;
    for (name, fill) in items {
        let lines = text::wrap(name, text_max, SMALL_PX);
        let w = SWATCH + SWATCH_GAP + text::widest(&lines, SMALL_PX, false);
        let h = block_height(lines.len(), SMALL_PX).max(SWATCH);
        if x > PAD && x + w > PAD + max_w {
            x = PAD;
            y += row_h + ROW_GAP;
            row_h = 0.0;
        }
        let first_line = y + block_height(1, SMALL_PX) / 2.0;
        scene.rect(
            x,
            first_line - SWATCH / 2.0,
            x + SWATCH,
            first_line + SWATCH / 2.0,
            *fill,
            None,
        );
        scene.texts(block(
            &lines,
            x + SWATCH + SWATCH_GAP,
            y,
            Anchor::Start,
            SMALL_PX,
        ));
        x += w + ITEM_GAP;
        row_h = row_h.max(h);
    }
    y + row_h + 10.0
}
