//! Which drawings of a chart a page carries, so that chart text is never shown smaller than
//! it was drawn. The theme switches between drawings by viewport width (media queries set
//! where its column is as wide as each slot): the drawing for slot `w` is shown while the
//! figure is at least `w` and less than the next slot wide, so it is only ever scaled up, and
//! since no chart text is drawn under [`MIN_TEXT_PX`], none reaches the reader under 12 CSS
//! px at any width.

use super::{ChartOptions, ChartSpec};

/// The smallest type any chart draws (CSS px at a drawing's own width).
pub const MIN_TEXT_PX: f64 = 12.0;

/// The figure widths (CSS px) at which the page switches drawings, smallest first. The
/// smallest fits the narrowest column the theme lays out (286 px on a 320 px phone); a step
/// of at most a third keeps text within 12–16 px whichever drawing is shown.
pub const SLOTS: [u32; 5] = [280, 340, 420, 550, 720];

/// Height of a drawing 400 px wide when the spec sets no height (a phone chart is taller
/// for its width than a desktop one).
pub const PHONE_HEIGHT: u32 = 360;

/// The class that shows a drawing in slot `w` (`chart-v340`); the stylesheet's media
/// queries name the same classes.
pub fn slot_class(w: u32) -> String {
    format!("chart-v{w}")
}

/// One drawing a page carries: the options it is drawn with and the slots it fills.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Variant<'a> {
    pub options: ChartOptions<'a>,
    /// Indices into [`SLOTS`]; adjacent, several when the spec's width is below the slots.
    pub slots: (usize, usize),
}

impl Variant<'_> {
    /// The classes of the drawing's wrapper: one per slot it fills.
    pub fn classes(&self) -> String {
        SLOTS
            .get(self.slots.0..=self.slots.1)
            .unwrap_or_default()
            .iter()
            .map(|&w| slot_class(w))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Whether this is the drawing for the widest slot (also the one printed).
    pub fn widest(&self) -> bool {
        self.slots.1 + 1 == SLOTS.len()
    }
}

/// The drawings a page carries for a chart whose widest drawing is `opts` (the spec's or
/// the site's `width`): one per slot at the slot's width, never wider than `opts.width`
/// (slots above it share the one drawing at `opts.width`). Smallest first.
pub fn variants<'a>(opts: &ChartOptions<'a>, spec: &ChartSpec) -> Vec<Variant<'a>> {
    let mut out: Vec<Variant<'a>> = Vec::new();
    for (i, &slot) in SLOTS.iter().enumerate() {
        let width = slot.min(opts.width);
        match out.last_mut() {
            Some(last) if last.options.width == width => last.slots.1 = i,
            _ => out.push(Variant {
                options: at_width(opts, spec, width),
                slots: (i, i),
            }),
        }
    }
    out
}

/// Options for a drawing `width` px wide of a chart drawn `opts.width` wide: a height the
/// spec sets is scaled to the width (240 px at least); otherwise the height goes from the
/// site's at full width to [`PHONE_HEIGHT`] at 400 px, in proportion.
pub fn at_width<'a>(opts: &ChartOptions<'a>, spec: &ChartSpec, width: u32) -> ChartOptions<'a> {
    if width >= opts.width {
        return *opts;
    }
    let (w, full) = (f64::from(width), f64::from(opts.width.max(1)));
    let height = match spec.height {
        Some(h) => (f64::from(h) * w / full).round().max(240.0),
        None => {
            let (phone, site) = (f64::from(PHONE_HEIGHT), f64::from(opts.height));
            let t = ((w - 400.0) / (full - 400.0)).clamp(0.0, 1.0);
            if full > 400.0 {
                (phone + (site - phone) * t).round()
            } else {
                site
            }
        }
    };
    ChartOptions {
        width,
        height: height as u32,
        ..*opts
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
    use crate::charts::tests::{opts, spec};

    fn widths(v: &[Variant]) -> Vec<u32> {
        v.iter().map(|v| v.options.width).collect()
    }

    #[test]
    fn one_drawing_per_slot_never_wider_than_the_spec() {
        let s = spec("title = \"t\"\nkind = \"bar\"\ndata = \"d.csv\"\nx = \"k\"\ny = [\"v\"]");
        let v = variants(&opts(720, 420), &s);
        assert_eq!(widths(&v), SLOTS.to_vec());
        assert_eq!(v[4].options.height, 420);
        assert_eq!(v[1].classes(), "chart-v340");
        assert!(v[4].widest() && !v[3].widest());
        // Phones get taller charts for their width; heights fall with the width.
        assert!(v
            .windows(2)
            .all(|p| p[0].options.height <= p[1].options.height));
        assert!(f64::from(v[0].options.height) / 280.0 > 420.0 / 720.0);

        let narrow = variants(&opts(480, 420), &s);
        assert_eq!(widths(&narrow), vec![280, 340, 420, 480]);
        assert_eq!(narrow[3].classes(), "chart-v550 chart-v720");
        assert!(narrow[3].widest());

        let wide = variants(&opts(960, 420), &s);
        assert_eq!(widths(&wide), SLOTS.to_vec());
    }

    #[test]
    fn a_set_height_is_scaled_to_the_width() {
        let s = spec(
            "title = \"t\"\nkind = \"bar\"\ndata = \"d.csv\"\nx = \"k\"\ny = [\"v\"]\nheight = 600",
        );
        let o = ChartOptions {
            height: 600,
            ..opts(720, 420)
        };
        assert_eq!(at_width(&o, &s, 360).height, 300);
        assert_eq!(at_width(&o, &s, 280).height, 240);
    }

    #[test]
    fn the_stylesheet_switches_at_every_slot_in_order() {
        // Where: the viewport at which the theme's column is as wide as the slot (the
        // browser suite sweeps 320–1280 px and checks no drawing is shown narrower than
        // it was drawn); here: that each slot has its step, in order, no earlier than
        // the slot's width plus the theme's narrowest padding (2 × 17 px).
        let css = include_str!("../../templates/assets/style.css");
        let first = format!(".{} {{ display: block; }}", slot_class(SLOTS[0]));
        let mut at = css
            .find(&first)
            .expect("the smallest drawing is the default");
        let mut previous = 0.0;
        for &slot in SLOTS.iter().skip(1) {
            let show = format!(
                " {{ .chart-svg {{ display: none; }} .{} {{ display: block; }} }}",
                slot_class(slot)
            );
            let found = css.find(&show).expect(&show);
            let head = css[..found].rsplit("@media (min-width: ").next().unwrap();
            let px: f64 = match head.strip_suffix("em)") {
                Some(em) => em.parse::<f64>().unwrap() * 16.0,
                None => head.strip_suffix("px)").unwrap().parse().unwrap(),
            };
            assert!(found > at && px > previous, "{slot}: out of order");
            assert!(px >= f64::from(slot) + 34.0, "{slot}: shown from {px}px");
            (at, previous) = (found, px);
        }
    }
}
