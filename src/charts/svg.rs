//! Drawing a [`Scene`] with plotters into one SVG buffer (through [`SvgWriter`], which
//! writes the compact markup as each element is drawn), plus the few things plotters
//! cannot express: the root element's accessibility attributes, `<title>` and `<desc>`, the
//! CJK-first font stack, which text elements inherit, and for the page's inline drawing its
//! theme (role classes, the dark series colours, the highlight class).
//! Text is escaped once (`< > & " '`), as plotters' SVG backend escapes it.

use std::f64::consts::PI;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use std::cell::RefCell;

use super::colour::{Rgb, WHITE};
use super::roles::{dark_series_style, HIGHLIGHT_CLASS};
use super::scene::{Anchor, Label, Mark, Scene};
use super::svg_backend::{push_escaped, SvgWriter, DASH_OPACITY, FONT_SCALE};

/// The font stack on the root element.
pub const FONT_STACK: &str =
    "PingFang SC, 'Noto Sans CJK SC', 'Microsoft YaHei', 'Source Han Sans SC', sans-serif";

fn colour(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

fn px(v: f64) -> i32 {
    v.round() as i32
}

fn point(p: (f64, f64)) -> (i32, i32) {
    (px(p.0), px(p.1))
}

/// The outline of a ring segment, as a polygon with a point every 2° at most.
pub fn slice_points(cx: f64, cy: f64, inner: f64, outer: f64, a0: f64, a1: f64) -> Vec<(f64, f64)> {
    let steps = (((a1 - a0).abs() / (PI / 90.0)).ceil() as usize).max(1);
    let at = |r: f64, a: f64| (cx + r * a.sin(), cy - r * a.cos());
    let mut pts: Vec<(f64, f64)> = (0..=steps)
        .map(|i| at(outer, a0 + (a1 - a0) * i as f64 / steps as f64))
        .collect();
    pts.extend(
        (0..=steps)
            .rev()
            .map(|i| at(inner, a0 + (a1 - a0) * i as f64 / steps as f64)),
    );
    pts
}

type DrawResult = Result<(), String>;

fn draw_label<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    l: &Label,
) -> DrawResult {
    let style = if l.bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    let h = match l.anchor {
        Anchor::Start => HPos::Left,
        Anchor::Middle => HPos::Center,
        Anchor::End => HPos::Right,
    };
    let fill = colour(l.fill);
    let font = FontDesc::new(FontFamily::Name("inherit"), l.size * FONT_SCALE, style);
    let text_style = TextStyle::from(font)
        .color(&fill)
        .pos(Pos::new(h, VPos::Center));
    // The writer escapes the text and drops the characters XML cannot carry.
    area.draw(&Text::new(l.text.as_str(), (px(l.x), px(l.y)), text_style))
        .map_err(|e| e.to_string())
}

fn draw_mark<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    mark: &Mark,
) -> DrawResult {
    let result = match mark {
        Mark::Rect {
            x0,
            y0,
            x1,
            y1,
            fill,
            ..
        } => {
            let (a, b) = (point((*x0, *y0)), point((*x1, *y1)));
            if a.0 == b.0 || a.1 == b.1 {
                return Ok(());
            }
            area.draw(&Rectangle::new([a, b], colour(*fill).filled()))
        }
        Mark::Line {
            points,
            stroke,
            width,
            dashed,
        } => {
            let pts: Vec<(i32, i32)> = points.iter().map(|&p| point(p)).collect();
            let c = colour(*stroke);
            let style = if *dashed {
                RGBAColor(c.0, c.1, c.2, DASH_OPACITY).stroke_width(*width)
            } else {
                c.stroke_width(*width)
            };
            area.draw(&PathElement::new(pts, style))
        }
        Mark::Area { points, fill, .. } => {
            let pts: Vec<(i32, i32)> = points.iter().map(|&p| point(p)).collect();
            area.draw(&Polygon::new(pts, colour(*fill).filled()))
        }
        Mark::Slice {
            cx,
            cy,
            inner,
            outer,
            start,
            end,
            fill,
            ..
        } => {
            let pts: Vec<(i32, i32)> = slice_points(*cx, *cy, *inner, *outer, *start, *end)
                .into_iter()
                .map(point)
                .collect();
            area.draw(&Polygon::new(pts, colour(*fill).filled()))
                .map_err(|e| e.to_string())?;
            // A white hairline separates neighbouring slices.
            let edge = |a: f64| {
                vec![
                    point((cx + inner * a.sin(), cy - inner * a.cos())),
                    point((cx + outer * a.sin(), cy - outer * a.cos())),
                ]
            };
            area.draw(&PathElement::new(
                edge(*start),
                colour(WHITE).stroke_width(2),
            ))
        }
        Mark::Dot { x, y, r, fill } => {
            let r = r.round().max(1.0) as u32;
            area.draw(&Circle::new(point((*x, *y)), r, colour(*fill).filled()))
        }
        Mark::Text(l) => return draw_label(area, l),
    };
    result.map_err(|e| e.to_string())
}

/// Escapes text for XML content and attribute values (dropping characters XML cannot
/// carry).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s);
    out
}

/// What the root element says about the drawing.
pub struct Head<'a> {
    /// Names the `<title>`/`<desc>` ids.
    pub id: &'a str,
    pub lang: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
}

/// How a page's inline drawing is themed: role classes from the chart's palette, the dark
/// series colours on the root, and [`HIGHLIGHT_CLASS`] when some marks are highlighted.
pub struct Theme<'a> {
    pub palette: &'a [Rgb],
    pub highlight: bool,
}

thread_local! {
    /// The dark series colours of the last palette themed on this thread: a site has one
    /// palette, and working them out takes longer than writing a small chart.
    static DARK_STYLE: RefCell<(Vec<Rgb>, String)> = const { RefCell::new((Vec::new(), String::new())) };
}

fn push_dark_style(out: &mut String, palette: &[Rgb]) {
    DARK_STYLE.with_borrow_mut(|(known, style)| {
        if known.as_slice() != palette || style.is_empty() {
            *style = dark_series_style(palette);
            *known = palette.to_vec();
        }
        out.push_str(style);
    });
}

/// The scene as a standalone SVG document.
pub fn render(
    scene: &Scene,
    id: &str,
    lang: &str,
    title: &str,
    desc: &str,
) -> Result<String, String> {
    let mut out = String::new();
    let head = Head {
        id,
        lang,
        title,
        desc,
    };
    write(scene, &head, None, &mut out)?;
    Ok(out)
}

/// Appends the scene as an SVG document to `out`, themed for a page when `theme` says how;
/// returns where in `out` its marks begin.
pub fn write(
    scene: &Scene,
    head: &Head,
    theme: Option<&Theme>,
    out: &mut String,
) -> Result<usize, String> {
    let (w, h) = (scene.width.ceil() as u32, scene.height.ceil() as u32);
    let (mut w_buffer, mut h_buffer) = (itoa::Buffer::new(), itoa::Buffer::new());
    let (w_text, h_text) = (w_buffer.format(w), h_buffer.format(h));
    // Chart ids in subfolders hold `/`, which an XML name may not: `.` cannot occur in a
    // chart id, so the mapping stays one-to-one.
    let push_id = |out: &mut String| {
        for (i, part) in head.id.split('/').enumerate() {
            if i > 0 {
                out.push('.');
            }
            push_escaped(out, part);
        }
    };
    for piece in [
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ",
        w_text,
        " ",
        h_text,
        "\" width=\"",
        w_text,
        "\" height=\"",
        h_text,
        "\" role=\"img\" aria-labelledby=\"",
    ] {
        out.push_str(piece);
    }
    push_id(out);
    out.push_str("-title ");
    push_id(out);
    out.push_str("-desc\" xml:lang=\"");
    push_escaped(out, head.lang);
    out.push_str("\" font-family=\"");
    out.push_str(FONT_STACK);
    out.push('"');
    if let Some(theme) = theme {
        if theme.highlight {
            out.push_str(" class=\"");
            out.push_str(HIGHLIGHT_CLASS);
            out.push('"');
        }
        out.push_str(" style=\"");
        push_dark_style(out, theme.palette);
        out.push('"');
    }
    out.push_str(">\n<title id=\"");
    push_id(out);
    out.push_str("-title\">");
    push_escaped(out, head.title);
    out.push_str("</title>\n<desc id=\"");
    push_id(out);
    out.push_str("-desc\">");
    push_escaped(out, head.desc);
    out.push_str("</desc>\n");
    let marks = out.len();
    {
        let area = SvgWriter::new(out, (w, h), theme.map(|t| t.palette)).into_drawing_area();
        for mark in &scene.marks {
            draw_mark(&area, mark)?;
        }
        area.present().map_err(|e| e.to_string())?;
    }
    out.push_str("</svg>\n");
    Ok(marks)
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
    use crate::charts::scene::Label;

    #[test]
    fn characters_xml_cannot_carry_are_dropped() {
        // Found by fuzzing: a NUL in a label made the SVG ill-formed.
        let mut scene = Scene::new(200.0, 100.0);
        scene.text(Label::new(
            "a\u{0}b\u{1b}c",
            10.0,
            10.0,
            Anchor::Start,
            12.0,
        ));
        let svg = render(&scene, "a", "zh-CN", "t\u{8}", "d\u{ffff}\te").unwrap();
        assert!(
            !svg.contains(['\u{0}', '\u{1b}', '\u{8}', '\u{ffff}']),
            "{svg}"
        );
        assert!(svg.contains("abc") && svg.contains("d\te"), "{svg}");
    }

    #[test]
    fn dashed_lines_are_dashed_and_opaque() {
        let mut scene = Scene::new(200.0, 100.0);
        scene.dashed(vec![(0.0, 50.0), (200.0, 50.0)], Rgb(1, 2, 3), 1);
        scene.line(vec![(0.0, 60.0), (200.0, 60.0)], Rgb(1, 2, 3), 1);
        scene.text(Label::new(
            "opacity=\"0.999\"",
            10.0,
            10.0,
            Anchor::Start,
            12.0,
        ));
        let svg = render(&scene, "a", "zh-CN", "t", "d").unwrap();
        assert_eq!(svg.matches("stroke-dasharray=\"5 4\"").count(), 1, "{svg}");
        assert!(!svg.contains("opacity=\"0.999\""), "{svg}");
    }

    #[test]
    fn font_sizes_come_out_round() {
        let mut scene = Scene::new(200.0, 100.0);
        for size in [11.0, 12.0, 13.0, 13.5, 15.0] {
            scene.text(Label::new("x", 10.0, 10.0, Anchor::Start, size));
        }
        let svg = render(&scene, "a", "zh-CN", "t", "d").unwrap();
        for size in ["11", "12", "13", "13.5", "15"] {
            assert!(svg.contains(&format!("font-size=\"{size}\"")), "{svg}");
        }
    }

    #[test]
    fn text_is_escaped_once() {
        let mut scene = Scene::new(200.0, 100.0);
        scene.text(Label::new("<script>&\"'", 10.0, 10.0, Anchor::Start, 12.0));
        let svg = render(&scene, "a&b", "zh-CN", "T<i>", "D&").unwrap();
        assert!(svg.contains("&lt;script&gt;&amp;&quot;&apos;"), "{svg}");
        assert!(!svg.contains("<script"));
        assert!(!svg.contains("&amp;amp;"));
        assert!(svg.contains("<title id=\"a&amp;b-title\">T&lt;i&gt;</title>"));
        let nested = render(&scene, "gallery/hbar", "zh-CN", "T", "D").unwrap();
        assert!(
            nested.contains("<title id=\"gallery.hbar-title\">"),
            "{nested}"
        );
        assert!(nested.contains("aria-labelledby=\"gallery.hbar-title gallery.hbar-desc\""));
        assert!(svg.contains("<desc id=\"a&amp;b-desc\">D&amp;</desc>"));
        assert!(svg.contains("font-size=\"12\""));
        // Attributes that say nothing are left out; the text still inherits the root's font.
        assert!(
            !svg.contains("opacity=\"1\"")
                && !svg.contains("inherit")
                && !svg.contains("text-anchor=\"start\""),
            "{svg}"
        );
        assert!(svg.ends_with("</svg>\n"));
    }
}
