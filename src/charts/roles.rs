//! Colour roles: every colour a chart uses stands for a role (ink, muted ink, grid, axis,
//! band, context in two tones, remainder, total, series 1–6 — series 1 is also the
//! highlight), and the inline SVG names the role in a class (`f-<role>` for fills,
//! `s-<role>` for strokes) so the theme's stylesheet can repaint it in dark mode. The light palette is the one drawn into the SVG
//! (and all a standalone file needs); the dark palette is designed beside it here, and the
//! theme's stylesheet repeats it (a test keeps the two equal).

use super::colour::{self, contrast, Rgb};

/// What a colour means in a chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Labels and titles.
    Ink,
    /// Tick labels and furniture.
    MutedInk,
    Grid,
    /// The zero line, leader lines, waterfall connectors.
    Axis,
    /// Bullet bands (0 the most prominent) and the pale band behind a highlighted
    /// category (2).
    Band(usize),
    /// Marks that are not highlighted.
    Context,
    /// The second tone of marks that are not highlighted, so that two context series stay
    /// apart (in the dark too).
    ContextAlt,
    /// The computed remainder (其他): a neutral grey beside the blue-grey context.
    Remainder,
    /// The total bar of a waterfall.
    Total,
    /// Text and separators drawn on marks (white on light pages).
    OnMark,
    /// Palette colour `n` (0-based); the highlight is series 0.
    Series(usize),
}

impl Role {
    /// The class suffix: `ink`, `series1` ….
    pub fn name(self) -> String {
        let mut name = String::new();
        self.write_name(&mut name);
        name
    }

    /// Appends the class suffix to `out` (no string of its own: every mark of a drawing
    /// names its role).
    pub fn write_name(self, out: &mut String) {
        let (word, number) = match self {
            Role::Ink => ("ink", None),
            Role::MutedInk => ("muted", None),
            Role::Grid => ("grid", None),
            Role::Axis => ("axis", None),
            Role::Band(n) => ("band", Some(n + 1)),
            Role::Context => ("context", None),
            Role::ContextAlt => ("context2", None),
            Role::Remainder => ("remainder", None),
            Role::Total => ("total", None),
            Role::OnMark => ("onmark", None),
            Role::Series(n) => ("series", Some(n + 1)),
        };
        out.push_str(word);
        if let Some(n) = number {
            out.push_str(itoa::Buffer::new().format(n));
        }
    }
}

/// The page background of the dark theme (the stylesheet's `--bg`).
pub const DARK_BG: Rgb = Rgb(0x12, 0x13, 0x14);

/// The dark palette of the fixed roles, as the stylesheet declares it (`--chart-<role>`).
pub const DARK: [(Role, Rgb); 12] = [
    (Role::Ink, Rgb(0xe6, 0xe4, 0xe0)),
    (Role::MutedInk, Rgb(0xb4, 0xb0, 0xa9)),
    (Role::Grid, Rgb(0x2e, 0x30, 0x33)),
    (Role::Axis, Rgb(0x8a, 0x8a, 0x8a)),
    (Role::Band(0), Rgb(0x31, 0x35, 0x3b)),
    (Role::Band(1), Rgb(0x29, 0x2c, 0x31)),
    (Role::Band(2), Rgb(0x21, 0x23, 0x27)),
    (Role::Context, Rgb(0x5b, 0x66, 0x72)),
    (Role::ContextAlt, Rgb(0x6e, 0x7a, 0x87)),
    (Role::Remainder, Rgb(0x6e, 0x6e, 0x6e)),
    (Role::Total, Rgb(0xc8, 0xc8, 0xc8)),
    (Role::OnMark, DARK_BG),
];

/// The role of a colour the chart modules draw with; `None` for colours no role claims.
pub fn role_of(c: Rgb, palette: &[Rgb]) -> Option<Role> {
    if let Some(n) = palette.iter().position(|&p| p == c) {
        return Some(Role::Series(n));
    }
    let fixed = [
        (colour::TEXT, Role::Ink),
        (colour::TICK_TEXT, Role::MutedInk),
        (colour::GRID, Role::Grid),
        (colour::AXIS, Role::Axis),
        (colour::CONNECTOR, Role::Axis),
        (colour::HIGHLIGHT_BAND, Role::Band(2)),
        (colour::MUTED, Role::Context),
        (colour::MUTED_DARK, Role::ContextAlt),
        (colour::REMAINDER, Role::Remainder),
        (colour::TOTAL, Role::Total),
        (colour::WHITE, Role::OnMark),
    ];
    if let Some(n) = colour::BANDS.iter().position(|&b| b == c) {
        return Some(Role::Band(n));
    }
    fixed.iter().find(|(k, _)| *k == c).map(|&(_, r)| r)
}

/// How far series colours stand out from the dark background.
const SERIES_ON_DARK: f64 = 6.0;

/// A palette colour for the dark page: lightened (towards white, hue kept) until it
/// stands out from the background by 6:1: well above the context grey (about 3:1), so the
/// highlight stays the most salient mark, and dark text on it reads.
pub fn dark_series(c: Rgb) -> Rgb {
    let mix = |t: f64| {
        let f = |v: u8| (f64::from(v) + (255.0 - f64::from(v)) * t).round() as u8;
        Rgb(f(c.0), f(c.1), f(c.2))
    };
    (0..=20)
        .map(|i| mix(f64::from(i) * 0.05))
        .find(|&m| contrast(m, DARK_BG) >= SERIES_ON_DARK)
        .unwrap_or(colour::WHITE)
}

/// `#rrggbb`.
pub fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// The dark series colours on the root element, for the stylesheet to use.
pub fn dark_series_style(palette: &[Rgb]) -> String {
    let mut out = String::new();
    for (n, &c) in palette.iter().enumerate() {
        if n > 0 {
            out.push(';');
        }
        out.push_str("--chart-series");
        out.push_str(itoa::Buffer::new().format(n + 1));
        out.push(':');
        out.push_str(&hex(dark_series(c)));
    }
    out
}

/// The class on the root of a chart that highlights some of its marks: there the series
/// colours are the highlight and the context greys the rest (the browser suite checks the
/// highlight is the more salient in both schemes).
pub const HIGHLIGHT_CLASS: &str = "chart-highlight";

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;
    use crate::charts::colour::{palette, WHITE};

    /// Roles of data marks other than the palette's.
    const MARK_ROLES: [Role; 4] = [
        Role::Context,
        Role::ContextAlt,
        Role::Remainder,
        Role::Total,
    ];

    fn dark(role: Role) -> Rgb {
        DARK.iter().find(|(r, _)| *r == role).unwrap().1
    }

    /// The light colours of a role (the constants the chart modules draw with).
    fn light(role: Role) -> Vec<Rgb> {
        let all = [
            colour::TEXT,
            colour::TICK_TEXT,
            colour::GRID,
            colour::AXIS,
            colour::CONNECTOR,
            colour::HIGHLIGHT_BAND,
            colour::MUTED,
            colour::MUTED_DARK,
            colour::REMAINDER,
            colour::TOTAL,
        ];
        all.into_iter()
            .chain(colour::BANDS)
            .filter(|&c| role_of(c, &[]) == Some(role))
            .collect()
    }

    fn site_palette() -> Vec<Rgb> {
        // The example site's palette (baogao.toml) and the built-in one.
        let site = [
            "#1f4e79", "#d55e00", "#117733", "#aa4499", "#8c6d1f", "#6b6b6b",
        ];
        let mut p = palette(&site.map(String::from));
        p.extend(palette(&[]));
        p
    }

    #[test]
    fn every_data_mark_stands_out_by_three_to_one_in_both_schemes() {
        for c in site_palette() {
            assert!(contrast(c, WHITE) >= 3.0, "light {c:?}");
            let d = dark_series(c);
            assert!(contrast(d, DARK_BG) >= 4.5, "dark {d:?}");
            // Text drawn on a mark (the on-mark role) stays readable on it.
            assert!(contrast(dark(Role::OnMark), d) >= 4.5, "on {d:?}");
        }
        for role in MARK_ROLES {
            for c in light(role) {
                assert!(contrast(c, WHITE) >= 3.0, "light {role:?} {c:?}");
            }
            assert!(contrast(dark(role), DARK_BG) >= 3.0, "dark {role:?}");
        }
        assert!(contrast(dark(Role::Ink), DARK_BG) >= 4.5);
        assert!(contrast(dark(Role::MutedInk), DARK_BG) >= 4.5);
        assert!(contrast(dark(Role::Ink), dark(Role::Context)) >= 4.5);
    }

    #[test]
    fn context_tones_and_the_remainder_stay_apart_in_the_dark() {
        let tones = [Role::Context, Role::ContextAlt, Role::Remainder].map(dark);
        for (i, a) in tones.iter().enumerate() {
            for b in tones.iter().skip(i + 1) {
                assert_ne!(a, b);
            }
        }
        let step =
            contrast(dark(Role::ContextAlt), DARK_BG) / contrast(dark(Role::Context), DARK_BG);
        assert!(step > 1.3, "{step}");
    }

    #[test]
    fn grid_and_bands_are_quieter_than_any_data_mark() {
        let quiet_light: Vec<Rgb> = (0..3)
            .flat_map(|n| light(Role::Band(n)))
            .chain(light(Role::Grid))
            .collect();
        let quiet_dark = [
            dark(Role::Grid),
            dark(Role::Band(0)),
            dark(Role::Band(1)),
            dark(Role::Band(2)),
        ];
        let marks: Vec<Rgb> = site_palette()
            .into_iter()
            .chain(MARK_ROLES.into_iter().flat_map(light))
            .collect();
        let loudest_light = quiet_light
            .iter()
            .map(|&q| contrast(q, WHITE))
            .fold(0.0, f64::max);
        let loudest_dark = quiet_dark
            .iter()
            .map(|&q| contrast(q, DARK_BG))
            .fold(0.0, f64::max);
        assert!(loudest_light < 1.6 && loudest_dark < 1.6);
        // A clear step (1.0 in contrast ratio) from the loudest furniture to the quietest mark.
        for m in marks {
            assert!(contrast(m, WHITE) > loudest_light + 1.0, "light {m:?}");
            assert!(contrast(dark_series(m), DARK_BG) > loudest_dark + 1.0);
        }
        for role in MARK_ROLES {
            assert!(
                contrast(dark(role), DARK_BG) > loudest_dark + 1.0,
                "{role:?}"
            );
        }
    }

    #[test]
    fn the_highlight_is_the_most_salient_mark_in_both_schemes() {
        for p in [palette(&[]), site_palette()] {
            let highlight = p[0];
            for role in [Role::Context, Role::ContextAlt, Role::Remainder] {
                for c in light(role) {
                    assert!(contrast(highlight, WHITE) > contrast(c, WHITE), "{c:?}");
                }
                let hl = contrast(dark_series(highlight), DARK_BG);
                assert!(hl > contrast(dark(role), DARK_BG), "{role:?}");
            }
        }
    }

    #[test]
    fn bands_keep_their_order_in_the_dark() {
        let step = |n| contrast(dark(Role::Band(n)), DARK_BG);
        assert!(step(0) > step(1) && step(1) > step(2));
    }

    #[test]
    fn the_stylesheet_declares_the_dark_palette_designed_here() {
        let css = include_str!("../../templates/assets/style.css");
        for (role, c) in DARK {
            let decl = format!("--chart-{}: {};", role.name(), hex(c));
            assert!(css.contains(&decl), "style.css lacks `{decl}`");
            for prefix in ["f", "s"] {
                let rule = format!(".{prefix}-{} {{", role.name());
                // Each role a chart draws with has its rule (fills, and strokes where used).
                if prefix == "f" || matches!(role, Role::Ink | Role::Axis | Role::Grid) {
                    assert!(css.contains(&rule), "style.css lacks `{rule}`");
                }
            }
        }
    }

    #[test]
    fn marks_are_tagged_with_their_role_as_they_are_drawn() {
        use crate::charts::scene::{Anchor, Label, Scene};
        use crate::charts::svg::{write, Head, Theme};
        let p = palette(&[]);
        let mut scene = Scene::new(200.0, 100.0);
        scene.rect(0.0, 0.0, 10.0, 10.0, p[0], None);
        scene.line(vec![(0.0, 5.0), (200.0, 5.0)], colour::GRID, 1);
        scene.dashed(vec![(0.0, 6.0), (200.0, 6.0)], colour::AXIS, 1);
        scene.rect(0.0, 20.0, 10.0, 30.0, colour::Rgb(1, 2, 3), None);
        scene.text(Label::new("x", 10.0, 10.0, Anchor::Start, 12.0));
        let head = Head {
            id: "c",
            lang: "zh-CN",
            title: "t",
            desc: "d",
        };
        let draw = |theme: Option<&Theme>| {
            let mut out = String::new();
            write(&scene, &head, theme, &mut out).unwrap();
            out
        };
        let out = draw(Some(&Theme {
            palette: &p,
            highlight: false,
        }));
        assert!(!out.contains(HIGHLIGHT_CLASS));
        assert!(out.contains("<rect class=\"f-series1\" x=\"0\""), "{out}");
        assert!(out.contains("<polyline class=\"s-grid\""), "{out}");
        assert!(out.contains("<polyline class=\"s-axis\" fill=\"none\" stroke-dasharray"));
        assert!(out.contains("<text class=\"f-ink\""), "{out}");
        // A colour no role claims keeps its colour and gets no class.
        assert!(out.contains("<rect x=\"0\" y=\"20\""), "{out}");
        assert!(out.contains(&format!(" style=\"{}\">\n<title", dark_series_style(&p))));
        let highlighted = draw(Some(&Theme {
            palette: &p,
            highlight: true,
        }));
        assert!(highlighted.contains(" class=\"chart-highlight\" style=\"--chart-series1:#"));
        // Without a theme (the standalone frame) the same marks carry no classes.
        let plain = draw(None);
        assert!(
            !plain.contains("class=") && !plain.contains("style="),
            "{plain}"
        );
        assert_eq!(
            plain.matches('<').count(),
            out.matches('<').count(),
            "the same elements"
        );
    }
}
