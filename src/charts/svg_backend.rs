//! The plotters drawing backend behind every chart: it writes each element straight into
//! the caller's buffer as the compact markup a page carries (font sizes rounded, dashed
//! lines dashed, attributes that say nothing left out, and, for the page's inline drawing,
//! the role class of the element's colour: see [`super::roles`]). Nothing is written to a
//! string of its own first and nothing rewrites the SVG afterwards: a page carries five
//! drawings of every chart, so this is the hot path of a build with charts.
//!
//! Attributes come in the order plotters' own SVG backend writes them, so that the output
//! stays what it was when that backend drew and the markup was cleaned up afterwards.

use std::fmt::Write as _;

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle, FontTransform,
};

use super::colour::Rgb;
use super::roles::role_of;

/// Plotters cannot dash a line: dashed lines are drawn at this opacity, which nothing
/// else uses, and written with a dash pattern (at the default, full opacity).
pub const DASH_OPACITY: f64 = 0.999;

/// Plotters hands the backend a font size divided by this; sizes are requested times it.
pub const FONT_SCALE: f64 = 1.24;

/// Writes the elements plotters draws into `out`; role classes when `palette` is given.
pub struct SvgWriter<'a> {
    out: &'a mut String,
    size: (u32, u32),
    /// The chart's palette, for role classes; `None`: no classes (the standalone frame,
    /// and drawings for a reader without the theme's stylesheet).
    palette: Option<&'a [Rgb]>,
}

/// Which of an element's colours names its role: its stroke if it is stroked, else its fill.
#[derive(Clone, Copy)]
enum Paint {
    Fill,
    Stroke,
}

impl Paint {
    fn of(filled: bool) -> Self {
        if filled {
            Paint::Fill
        } else {
            Paint::Stroke
        }
    }
}

impl<'a> SvgWriter<'a> {
    pub fn new(out: &'a mut String, size: (u32, u32), palette: Option<&'a [Rgb]>) -> Self {
        SvgWriter { out, size, palette }
    }

    /// `<tag` and, when drawing with roles, the class of `colour`'s role; false (and
    /// nothing written) when `colour` is transparent, as plotters draws nothing then.
    fn open(&mut self, tag: &str, paint: Paint, colour: BackendColor) -> bool {
        if colour.alpha == 0.0 {
            return false;
        }
        self.out.push('<');
        self.out.push_str(tag);
        let (r, g, b) = colour.rgb;
        if let Some(role) = self.palette.and_then(|p| role_of(Rgb(r, g, b), p)) {
            self.out.push_str(match paint {
                Paint::Fill => " class=\"f-",
                Paint::Stroke => " class=\"s-",
            });
            role.write_name(self.out);
            self.out.push('"');
        }
        true
    }

    fn int(&mut self, key: &str, value: impl itoa::Integer) {
        self.out.push(' ');
        self.out.push_str(key);
        self.out.push_str("=\"");
        self.out.push_str(itoa::Buffer::new().format(value));
        self.out.push('"');
    }

    fn text(&mut self, key: &str, value: &str) {
        self.out.push(' ');
        self.out.push_str(key);
        self.out.push_str("=\"");
        self.out.push_str(value);
        self.out.push('"');
    }

    /// `#RRGGBB`, as plotters writes colours.
    fn colour(&mut self, key: &str, c: BackendColor) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let mut digits = [b'#'; 7];
        let (r, g, b) = c.rgb;
        for (at, byte) in [r, g, b].into_iter().enumerate() {
            let hi = HEX.get(usize::from(byte >> 4)).copied().unwrap_or(b'0');
            let lo = HEX.get(usize::from(byte & 15)).copied().unwrap_or(b'0');
            if let Some(pair) = digits.get_mut(1 + 2 * at..3 + 2 * at) {
                pair.copy_from_slice(&[hi, lo]);
            }
        }
        self.text(key, std::str::from_utf8(&digits).unwrap_or("#000000"));
    }

    /// A shape's colour: its fill, or no fill and its outline.
    fn paint(&mut self, paint: Paint, colour: BackendColor) {
        match paint {
            Paint::Fill => self.colour("fill", colour),
            Paint::Stroke => {
                self.text("fill", "none");
                self.colour("stroke", colour);
            }
        }
    }

    /// Full opacity is the default and left out; [`DASH_OPACITY`] is a dash pattern.
    fn opacity(&mut self, c: BackendColor) {
        if c.alpha == DASH_OPACITY {
            self.out.push_str(" stroke-dasharray=\"5 4\"");
        } else if c.alpha != 1.0 {
            // Never drawn by the charts; written as plotters would.
            let _ = write!(self.out, " opacity=\"{}\"", c.alpha);
        }
    }

    /// One pixel is the default stroke width.
    fn stroke_width(&mut self, width: u32) {
        if width != 1 {
            self.int("stroke-width", width);
        }
    }

    fn points(&mut self, path: impl IntoIterator<Item = BackendCoord>) {
        self.out.push_str(" points=\"");
        let mut number = itoa::Buffer::new();
        for (x, y) in path {
            self.out.push_str(number.format(x));
            self.out.push(',');
            self.out.push_str(number.format(y));
            self.out.push(' ');
        }
        self.out.push('"');
    }

    fn close(&mut self) {
        self.out.push_str("/>\n");
    }
}

/// Text content, escaped once as plotters escapes it, without the characters XML cannot
/// carry at all (most control characters), so the SVG stays well-formed whatever a label
/// holds.
pub fn push_escaped(out: &mut String, s: &str) {
    // Runs of plain text are copied whole: most text needs no escape at all.
    let mut plain_from = 0;
    for (at, c) in s.char_indices() {
        let escaped = match c {
            '<' => "&lt;",
            '>' => "&gt;",
            '&' => "&amp;",
            '"' => "&quot;",
            '\'' => "&apos;",
            c if !xml_char(c) => "",
            _ => continue,
        };
        out.push_str(s.get(plain_from..at).unwrap_or_default());
        out.push_str(escaped);
        plain_from = at + c.len_utf8();
    }
    out.push_str(s.get(plain_from..).unwrap_or_default());
}

/// Whether XML can carry `c`.
fn xml_char(c: char) -> bool {
    !((c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}'))
}

type Drawn = Result<(), DrawingErrorKind<std::fmt::Error>>;

impl DrawingBackend for SvgWriter<'_> {
    type ErrorType = std::fmt::Error;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Drawn {
        Ok(())
    }

    fn present(&mut self) -> Drawn {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, colour: BackendColor) -> Drawn {
        if !self.open("rect", Paint::Fill, colour) {
            return Ok(());
        }
        self.int("x", point.0);
        self.int("y", point.1);
        self.text("width", "1");
        self.text("height", "1");
        self.opacity(colour);
        self.colour("fill", colour);
        self.close();
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Drawn {
        let colour = style.color();
        if !self.open("line", Paint::Stroke, colour) {
            return Ok(());
        }
        self.opacity(colour);
        self.colour("stroke", colour);
        self.stroke_width(style.stroke_width());
        self.int("x1", from.0);
        self.int("y1", from.1);
        self.int("x2", to.0);
        self.int("y2", to.1);
        self.close();
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn {
        let colour = style.color();
        if !self.open("rect", Paint::of(fill), colour) {
            return Ok(());
        }
        self.int("x", upper_left.0);
        self.int("y", upper_left.1);
        self.int("width", bottom_right.0 - upper_left.0);
        self.int("height", bottom_right.1 - upper_left.1);
        self.opacity(colour);
        self.paint(Paint::of(fill), colour);
        self.close();
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        let colour = style.color();
        if !self.open("polyline", Paint::Stroke, colour) {
            return Ok(());
        }
        self.text("fill", "none");
        self.opacity(colour);
        self.colour("stroke", colour);
        self.stroke_width(style.stroke_width());
        self.points(path);
        self.close();
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        let colour = style.color();
        if !self.open("polygon", Paint::Fill, colour) {
            return Ok(());
        }
        self.opacity(colour);
        self.colour("fill", colour);
        self.points(path);
        self.close();
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Drawn {
        let colour = style.color();
        if !self.open("circle", Paint::of(fill), colour) {
            return Ok(());
        }
        self.int("cx", center.0);
        self.int("cy", center.1);
        self.int("r", radius);
        self.opacity(colour);
        self.paint(Paint::of(fill), colour);
        self.stroke_width(style.stroke_width());
        self.close();
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Drawn {
        let colour = style.color();
        let anchor = style.anchor();
        if !self.open("text", Paint::Fill, colour) {
            return Ok(());
        }
        self.int("x", pos.0);
        self.int("y", pos.1);
        let dy = match anchor.v_pos {
            VPos::Top => "0.76em",
            VPos::Center => "0.5ex",
            VPos::Bottom => "-0.5ex",
        };
        self.text("dy", dy);
        match anchor.h_pos {
            // The default.
            HPos::Left => {}
            HPos::Right => self.text("text-anchor", "end"),
            HPos::Center => self.text("text-anchor", "middle"),
        }
        let family = style.family();
        // `inherit`: the root's font stack.
        if family.as_str() != "inherit" {
            self.text("font-family", family.as_str());
        }
        // Sizes come divided by the scale, with float noise (`13.000000000000002`):
        // written rounded to hundredths.
        let size = ((style.size() / FONT_SCALE) * 100.0).round() / 100.0;
        write!(self.out, " font-size=\"{size}\"").map_err(DrawingErrorKind::DrawingError)?;
        self.opacity(colour);
        self.colour("fill", colour);
        match style.style() {
            FontStyle::Normal => {}
            FontStyle::Bold => self.text("font-weight", "bold"),
            other => self.text("font-style", other.as_str()),
        }
        let (x, y) = pos;
        let degrees = match style.transform() {
            FontTransform::Rotate90 => Some(90),
            FontTransform::Rotate180 => Some(180),
            FontTransform::Rotate270 => Some(270),
            FontTransform::None => None,
        };
        if let Some(d) = degrees {
            write!(self.out, " transform=\"rotate({d}, {x}, {y})\"")
                .map_err(DrawingErrorKind::DrawingError)?;
        }
        self.out.push_str(">\n");
        push_escaped(self.out, text);
        self.out.push_str("\n</text>\n");
        Ok(())
    }
}
