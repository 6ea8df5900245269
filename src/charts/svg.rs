//! Drawing a [`Scene`] with plotters' SVG backend, then the few things plotters cannot
//! express: the root element's accessibility attributes, `<title>` and `<desc>`, and the
//! CJK-first font stack, which text elements inherit. Attributes plotters writes that say
//! nothing (`opacity="1"`, `font-family="inherit"`, SVG's defaults `text-anchor="start"`,
//! `stroke="none"`, `stroke-width="1"`) are dropped: a page carries several drawings of
//! every chart.
//! Plotters escapes `< > & " '` in text and attributes once; `<title>` and `<desc>` are
//! escaped here the same way.

use std::f64::consts::PI;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::colour::{Rgb, WHITE};
use super::scene::{Anchor, Label, Mark, Scene};

/// The font stack on the root element.
pub const FONT_STACK: &str =
    "PingFang SC, 'Noto Sans CJK SC', 'Microsoft YaHei', 'Source Han Sans SC', sans-serif";

/// Plotters writes `font-size` as the requested size divided by 1.24, which leaves float
/// noise (`13.000000000000002`); sizes are requested ×1.24 and the written values rounded
/// back here. User text cannot contain the pattern: plotters escapes its quotes.
fn round_font_sizes(svg: &str) -> String {
    const KEY: &str = "font-size=\"";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(i) = rest.find(KEY) {
        let (head, tail) = rest.split_at(i + KEY.len());
        out.push_str(head);
        let end = tail.find('"').unwrap_or(tail.len());
        let (value, after) = tail.split_at(end);
        match value.parse::<f64>() {
            Ok(v) => out.push_str(&format!("{}", (v * 100.0).round() / 100.0)),
            Err(_) => out.push_str(value),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Plotters cannot dash a line: dashed lines are drawn at this opacity, which nothing
/// else uses, and [`dash_lines`] turns it into a dash pattern (at the default, full
/// opacity).
const DASH_OPACITY: f64 = 0.999;
const DASHED_FROM: &str = " opacity=\"0.999\"";
const DASHED_TO: &str = " stroke-dasharray=\"5 4\"";

/// Dashes the lines drawn at [`DASH_OPACITY`]. User text cannot hold the pattern:
/// plotters escapes its quotes.
fn dash_lines(svg: &str) -> String {
    svg.replace(DASHED_FROM, DASHED_TO)
}

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
    let font = FontDesc::new(FontFamily::Name("inherit"), l.size * 1.24, style);
    let text_style = TextStyle::from(font)
        .color(&fill)
        .pos(Pos::new(h, VPos::Center));
    let text = xml_chars(&l.text);
    area.draw(&Text::new(text.as_str(), (px(l.x), px(l.y)), text_style))
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

/// `s` without the characters XML cannot carry at all (most control characters), so
/// the SVG stays well-formed whatever a label holds. Plotters escapes markup itself.
fn xml_chars(s: &str) -> String {
    s.chars().filter(|&c| xml_char(c)).collect()
}

fn xml_char(c: char) -> bool {
    !((c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}'))
}

/// Escapes text for XML content and attribute values (dropping characters XML cannot
/// carry).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|&c| xml_char(c)) {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// The scene as a standalone SVG document.
pub fn render(
    scene: &Scene,
    id: &str,
    lang: &str,
    title: &str,
    desc: &str,
) -> Result<String, String> {
    let (w, h) = (scene.width.ceil() as u32, scene.height.ceil() as u32);
    let mut body = String::new();
    {
        let area = SVGBackend::with_string(&mut body, (w, h)).into_drawing_area();
        for mark in &scene.marks {
            draw_mark(&area, mark)?;
        }
        area.present().map_err(|e| e.to_string())?;
    }
    let plotters_root = format!(
        "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\">\n"
    );
    let body = [
        " opacity=\"1\"",
        " font-family=\"inherit\"",
        " text-anchor=\"start\"",
        " stroke=\"none\"",
        " stroke-width=\"1\"",
    ]
    .iter()
    .fold(dash_lines(&round_font_sizes(&body)), |svg, default| {
        svg.replace(default, "")
    });
    let rest = body
        .strip_prefix(&plotters_root)
        .ok_or_else(|| "unexpected SVG root from plotters".to_string())?;
    // Chart ids in subfolders hold `/`, which an XML name may not: `.` cannot occur in a
    // chart id, so the mapping stays one-to-one.
    let id = escape(&id.replace('/', "."));
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" \
         role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xml:lang=\"{lang}\" font-family=\"{font}\">\n\
         <title id=\"{id}-title\">{title}</title>\n<desc id=\"{id}-desc\">{desc}</desc>\n{rest}",
        font = FONT_STACK,
        lang = escape(lang),
        title = escape(title),
        desc = escape(desc),
    ))
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
