//! A chart's data read and checked once, in the unit it is shown in. Every drawing of the
//! chart (one per width the page switches between, see [`super::variants`]) is made from
//! it, so a chart of a million rows is read, checked and converted once, and its table and
//! CSV are written once, not once per drawing. It is prepared for one reader's language:
//! the language's unit may move the numbers (亿元 → bn yuan), and its words describe them.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::path::Path;

use super::prepare::{self, ChartData};
use super::{
    annotate, colour, export, facets, layout, number_style, output, simplify, svg, words, y_axis,
};
use super::{ChartOptions, ChartSpec, RenderedChart};
use crate::data::format::NumberStyle;
use crate::data::Table;
use crate::error::Diagnostic;
use crate::render::strings::Strings;
use words::ChartText;

/// Checked data of one chart, ready to draw at any width.
pub struct Prepared<'a> {
    /// The spec, its values in the chart's unit moved as the language's unit moves them.
    spec: Cow<'a, ChartSpec>,
    text: ChartText<'a>,
    spec_file: &'a Path,
    /// The data's own numbers: the CSV and the notes come from these.
    data: ChartData,
    /// The numbers as shown (rescaled when `scale_unit` asks).
    shown: ChartData,
    style: NumberStyle,
    /// The data's own unit, for the CSV header.
    csv_unit: Option<String>,
    notes: Vec<annotate::Note>,
    /// What every drawing's `desc` says whatever its width, worked out for the first
    /// drawing that needs it: every value (with the decimals of shares it was worded
    /// with), and the annotations.
    values: OnceCell<(u8, String)>,
    annotations: OnceCell<String>,
}

/// One drawing: the SVG as written and its `desc`.
pub struct Drawing {
    pub svg: String,
    pub desc: String,
}

/// How a drawing is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// Without role classes: what [`Prepared::render`]'s standalone file frames.
    Plain,
    /// With role classes and the dark series colours: what a page inlines.
    Themed,
}

impl<'a> Prepared<'a> {
    /// Reads and checks `table` for `spec`, for readers of `strings`' language (`None`:
    /// Chinese); problems are reported at `spec_file` (or at the data's cell).
    pub fn new(
        spec: &'a ChartSpec,
        table: &Table,
        spec_file: &'a Path,
        strings: Option<&'a Strings>,
    ) -> Result<Self, Diagnostic> {
        let text = ChartText::new(strings);
        let spec = with_column_names(spec, table);
        let style = number_style(&spec, table)
            .map_err(|m| Diagnostic::file(spec_file, m))?
            .words(text.number_words());
        let spec = match style.language_power() {
            0 => spec,
            power => Cow::Owned(spec.values_times(10f64.powi(power))),
        };
        y_axis::check_spec(&spec).map_err(|m| Diagnostic::file(spec_file, m))?;
        facets::check(&spec).map_err(|m| Diagnostic::file(spec_file, m))?;
        let data = prepare::prepare(&spec, table, spec_file)?;
        // The CSV keeps the data's own numbers, so its header names the data's own unit.
        let csv_unit = style.data_unit().map(str::to_string);
        let shown = data.map_numbers(|n| style.shown_number(n));
        let style = style.after_scaling();
        let data_file = Path::new("charts").join(&table.path);
        y_axis::check_values(&spec, &shown, &style, &data_file)?;
        let notes = annotate::check(&spec, &shown).map_err(|m| Diagnostic::file(spec_file, m))?;
        Ok(Prepared {
            spec,
            text,
            spec_file,
            data,
            shown,
            style,
            csv_unit,
            notes,
            values: OnceCell::new(),
            annotations: OnceCell::new(),
        })
    }

    fn internal(&self, e: String) -> Diagnostic {
        Diagnostic::file(
            self.spec_file,
            format!("internal error while drawing the chart: {e}"),
        )
    }

    /// The chart drawn at `opts`'s size, as `look` says; `id` names its `<title>`/`<desc>`
    /// ids.
    pub fn drawing(
        &self,
        id: &str,
        opts: &ChartOptions,
        look: Look,
    ) -> Result<Drawing, Diagnostic> {
        let mut svg = String::new();
        let desc = self.drawing_into(id, opts, look, &mut svg)?;
        Ok(Drawing { svg, desc })
    }

    /// [`Prepared::drawing`] appending the SVG to `out` (a buffer the caller reuses);
    /// returns the `desc`.
    pub fn drawing_into(
        &self,
        id: &str,
        opts: &ChartOptions,
        look: Look,
        out: &mut String,
    ) -> Result<String, Diagnostic> {
        let (spec, shown, style, text) = (self.spec.as_ref(), &self.shown, &self.style, self.text);
        let decimals = spec.decimals.unwrap_or(opts.decimals);
        let scene = layout(spec, shown, style, opts);
        // Whether a long series is summarised depends on how many pixels it is drawn in.
        let described = if spec.facets {
            facets::describe(spec.kind, shown, style, decimals, opts.width, text)
        } else if simplify::summarised(spec.kind, shown, opts.width) {
            simplify::summary(spec.kind, shown, style, text)
        } else {
            self.values(decimals)
        };
        let annotations = self
            .annotations
            .get_or_init(|| annotate::describe(spec.kind, &self.notes, shown, style, text));
        let desc = words::as_drawn(spec.kind, scene.sideways, described, text) + annotations;
        let head = svg::Head {
            id,
            lang: text.lang(),
            title: &spec.title,
            desc: &desc,
        };
        let palette = colour::palette(opts.palette);
        let theme = (look == Look::Themed).then(|| svg::Theme {
            palette: &palette,
            highlight: shown.any_highlight() || shown.highlight_series.contains(&true),
        });
        out.reserve(svg_capacity(&scene, &desc));
        svg::write(&scene, &head, theme.as_ref(), out).map_err(|e| self.internal(e))?;
        Ok(desc)
    }

    /// Every value as the `desc` states it, with shares at `decimals`: the same for every
    /// width, so worded once.
    fn values(&self, decimals: u8) -> String {
        let (spec, shown, style, text) = (self.spec.as_ref(), &self.shown, &self.style, self.text);
        let word = || output::describe(spec.kind, shown, style, decimals, text);
        match self.values.get_or_init(|| (decimals, word())) {
            (worded, values) if *worded == decimals => values.clone(),
            _ => word(),
        }
    }

    /// Everything a page needs, drawn at `opts`'s size: the drawing, the standalone file,
    /// the table and the CSV.
    pub fn render(&self, id: &str, opts: &ChartOptions) -> Result<RenderedChart, Diagnostic> {
        let mut chart = self.render_unframed(id, opts)?;
        let plain = self.drawing(id, opts, Look::Plain)?.svg;
        let spec = self.spec.as_ref();
        let all_notes = export::joined_notes(spec.notes.as_deref(), &chart.notes);
        let words = export::Furniture {
            title: &spec.title,
            subtitle: spec.subtitle.as_deref(),
            source: spec.source.as_deref(),
            notes: all_notes.as_deref(),
            text: self.text,
        };
        chart.file_svg =
            export::standalone(&plain, id, &chart.desc, &words).map_err(|e| self.internal(e))?;
        Ok(chart)
    }

    /// Like [`Prepared::render`] without the standalone file (`file_svg` is left empty),
    /// for a caller that frames it with more notes than the chart's own.
    pub fn render_unframed(
        &self,
        id: &str,
        opts: &ChartOptions,
    ) -> Result<RenderedChart, Diagnostic> {
        let (spec, text) = (self.spec.as_ref(), self.text);
        let Drawing { svg, desc } = self.drawing(id, opts, Look::Themed)?;
        let notes = output::data_notes(&self.data, text);
        let csv =
            export::csv(&self.data, self.csv_unit.as_deref()).map_err(|e| self.internal(e))?;
        let decimals = spec.decimals.unwrap_or(opts.decimals);
        let table = output::table(spec.kind, &self.shown, &self.style, decimals, text);
        Ok(RenderedChart {
            svg,
            file_svg: String::new(),
            desc,
            table,
            csv,
            notes,
        })
    }
}

/// `spec` naming its series as the table names its columns: `y = ["城镇（元）"]` finds the
/// column `城镇` in 元 (see [`Table::column`]), and is drawn, listed and downloaded as
/// `城镇`, its unit said once.
fn with_column_names<'a>(spec: &'a ChartSpec, table: &Table) -> Cow<'a, ChartSpec> {
    let named = |y: &String| {
        table
            .column(y)
            .and_then(|c| table.columns.get(c))
            .filter(|name| *name != y)
    };
    if !spec.y.iter().any(|y| named(y).is_some()) {
        return Cow::Borrowed(spec);
    }
    let mut owned = spec.clone();
    for y in &mut owned.y {
        if let Some(name) = named(y) {
            *y = name.clone();
        }
    }
    Cow::Owned(owned)
}

/// Room for a drawing's SVG, so that the buffer is not grown mark by mark: the root and
/// its `<desc>`, and about a line per mark.
fn svg_capacity(scene: &super::scene::Scene, desc: &str) -> usize {
    const ROOT: usize = 512;
    const PER_MARK: usize = 96;
    ROOT + 2 * desc.len() + PER_MARK * scene.marks.len()
}
