//! Colours: parsing the palette, WCAG contrast, and the fixed greys every chart shares.
//! Marks are kept at ≥ 3:1 against white and text at ≥ 4.5:1 against what it sits on.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

pub const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
/// Labels and titles.
pub const TEXT: Rgb = Rgb(0x33, 0x33, 0x33);
/// Tick labels: quieter than labels, still ≥ 4.5:1.
pub const TICK_TEXT: Rgb = Rgb(0x59, 0x59, 0x59);
/// Light gridlines on the value axis.
pub const GRID: Rgb = Rgb(0xe3, 0xe6, 0xea);
/// The zero line and leader lines.
pub const AXIS: Rgb = Rgb(0x76, 0x76, 0x76);
/// Categories that are not highlighted: a muted grey-blue, still ≥ 3:1 on white.
pub const MUTED: Rgb = Rgb(0x7b, 0x8d, 0xa1);
/// A second muted tone, so non-highlighted series stay apart.
pub const MUTED_DARK: Rgb = Rgb(0x5a, 0x6a, 0x7c);
/// The pale band behind a highlighted category in multi-series charts.
pub const HIGHLIGHT_BAND: Rgb = Rgb(0xee, 0xf1, 0xf5);
/// The computed remainder (其他).
pub const REMAINDER: Rgb = Rgb(0x8a, 0x8a, 0x8a);
/// The total bar of a waterfall.
pub const TOTAL: Rgb = Rgb(0x3d, 0x3d, 0x3d);
/// Connectors between waterfall steps.
pub const CONNECTOR: Rgb = Rgb(0x9a, 0x9a, 0x9a);
/// Qualitative bands of a bullet chart, darkest first.
pub const BANDS: [Rgb; 3] = [
    Rgb(0xc9, 0xcf, 0xd6),
    Rgb(0xdb, 0xdf, 0xe4),
    Rgb(0xec, 0xee, 0xf1),
];

/// The palette used when the site configures none.
const FALLBACK: [Rgb; 6] = [
    Rgb(0x1f, 0x4e, 0x79),
    Rgb(0xc0, 0x50, 0x4d),
    Rgb(0x9b, 0xbb, 0x59),
    Rgb(0x80, 0x64, 0xa2),
    Rgb(0x4b, 0xac, 0xc6),
    Rgb(0xf7, 0x96, 0x46),
];

impl Rgb {
    /// Parses `#rrggbb` or `#rgb`.
    pub fn parse(s: &str) -> Option<Rgb> {
        let hex = s.trim().strip_prefix('#')?;
        let digits: Vec<u8> = hex
            .chars()
            .map(|c| c.to_digit(16).and_then(|d| u8::try_from(d).ok()))
            .collect::<Option<_>>()?;
        match digits.as_slice() {
            [r, g, b] => Some(Rgb(r * 17, g * 17, b * 17)),
            [r1, r2, g1, g2, b1, b2] => Some(Rgb(r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2)),
            _ => None,
        }
    }

    /// WCAG relative luminance.
    pub fn luminance(self) -> f64 {
        fn channel(c: u8) -> f64 {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        }
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// Mixes towards black by `t` (0..1).
    fn darken(self, t: f64) -> Rgb {
        let f = |c: u8| (f64::from(c) * (1.0 - t)).round().clamp(0.0, 255.0) as u8;
        Rgb(f(self.0), f(self.1), f(self.2))
    }
}

/// WCAG contrast ratio between two colours.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// The colour, darkened just enough to reach `ratio` against white.
pub fn with_contrast(c: Rgb, ratio: f64) -> Rgb {
    let mut t = 0.0;
    let mut out = c;
    while contrast(out, WHITE) < ratio && t < 1.0 {
        t += 0.05;
        out = c.darken(t);
    }
    out
}

/// The site palette as mark colours (invalid entries are skipped; none left → fallback).
pub fn palette(entries: &[String]) -> Vec<Rgb> {
    thread_local! {
        /// The last palette worked out on this thread: a site has one, and every drawing
        /// of every chart asks for it (checking contrast takes powers of floats).
        static LAST: std::cell::RefCell<(Vec<String>, Vec<Rgb>)> =
            const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
    }
    LAST.with_borrow_mut(|(known, colours)| {
        if known.as_slice() != entries || colours.is_empty() {
            *colours = work_out_palette(entries);
            *known = entries.to_vec();
        }
        colours.clone()
    })
}

fn work_out_palette(entries: &[String]) -> Vec<Rgb> {
    let parsed: Vec<Rgb> = entries
        .iter()
        .filter_map(|s| Rgb::parse(s))
        .map(|c| with_contrast(c, 3.0))
        .collect();
    if parsed.is_empty() {
        FALLBACK.iter().map(|&c| with_contrast(c, 3.0)).collect()
    } else {
        parsed
    }
}

/// The palette colour for series or slice `i`, cycling.
pub fn nth(palette: &[Rgb], i: usize) -> Rgb {
    match palette.len() {
        0 => MUTED,
        n => palette.get(i % n).copied().unwrap_or(MUTED),
    }
}

/// Text colour for a label drawn on `fill`, if either white or dark text is readable.
pub fn text_on(fill: Rgb) -> Option<Rgb> {
    if contrast(WHITE, fill) >= 4.5 {
        Some(WHITE)
    } else if contrast(TEXT, fill) >= 4.5 {
        Some(TEXT)
    } else {
        None
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
    fn parses() {
        assert_eq!(Rgb::parse("#1f4e79"), Some(Rgb(0x1f, 0x4e, 0x79)));
        assert_eq!(Rgb::parse("#fff"), Some(WHITE));
        assert_eq!(Rgb::parse("blue"), None);
        assert_eq!(Rgb::parse("#12345"), None);
    }

    #[test]
    fn fixed_colours_meet_contrast() {
        for c in [MUTED, MUTED_DARK, REMAINDER, TOTAL, AXIS] {
            assert!(contrast(c, WHITE) >= 3.0, "{c:?}");
        }
        assert!(contrast(TEXT, WHITE) >= 4.5);
        assert!(contrast(TICK_TEXT, WHITE) >= 4.5);
    }

    #[test]
    fn palette_is_darkened_to_three_to_one() {
        let p = palette(&["#9bbb59".to_string(), "#f79646".to_string()]);
        for c in p {
            assert!(contrast(c, WHITE) >= 3.0);
        }
        assert_eq!(palette(&[]).len(), 6);
    }
}
