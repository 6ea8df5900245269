//! SVG charts drawn at build time from a spec and its data: the one entry point
//! [`render_chart`], the options it takes and what it returns. Each chart kind lays out a
//! [`scene::Scene`] in its own module; shared modules measure text, build frames and
//! legends, and write the SVG.

use std::path::Path;

use crate::data::format::NumberStyle;
use crate::data::units::chart_unit;
use crate::data::{Number, Table};
use crate::error::Diagnostic;

pub mod annotate;
pub mod callouts;
mod checks;
pub mod colour;
pub mod export;
pub mod frame;
mod hyphen;
pub mod legend;
pub mod output;
pub mod placement;
pub mod prepare;
pub mod prepared;
pub mod remainder;
pub mod roles;
pub mod rows;
pub mod rules;
pub mod scale;
pub mod scene;
pub mod simplify;
pub mod spec;
pub mod svg;
mod svg_backend;
pub mod text;
pub mod time_axis;
pub mod timeline;
pub mod variants;
pub mod words;
mod y_axis;

mod area;
mod bar;
mod bridge;
mod bullet;
mod donut;
mod facets;
mod grouped;
mod hbar;
mod line;
mod note_room;
mod scatter;
mod scatter_axis;
mod scatter_data;
mod sideways;
mod stacked;
mod stacked100;
mod waterfall;
mod waterfall_rows;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_annotate;
#[cfg(test)]
mod tests_bridge;
#[cfg(test)]
mod tests_errors;
#[cfg(test)]
mod tests_facets;
#[cfg(test)]
mod tests_labels;
#[cfg(test)]
mod tests_notes_bars;
#[cfg(test)]
mod tests_output;
#[cfg(test)]
mod tests_scatter;
#[cfg(test)]
mod tests_time;
#[cfg(test)]
mod tests_y_axis;

pub use prepared::Prepared;
pub use spec::{ChartKind, ChartSpec};
pub use variants::{variants, Variant};

use colour::Rgb;
use prepare::{ChartData, Item};

/// How to draw: canvas size, colours, decimals of computed shares.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartOptions<'a> {
    pub width: u32,
    pub height: u32,
    pub palette: &'a [String],
    /// Decimals of shares (donut, stacked100) when the spec sets none; values keep
    /// their written decimals unless the spec sets `decimals`.
    pub decimals: u8,
    /// The reader's language's strings (chart words, number words, `xml:lang`);
    /// `None`: Chinese.
    pub strings: Option<&'a crate::render::strings::Strings>,
}

/// The chart's data formatted for an HTML table (qualifiers kept, unit in the headers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayTable {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Everything a page needs to show one chart accessibly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedChart {
    /// An SVG document (no XML declaration) to inline in HTML: the chart alone, since the
    /// figure around it carries the title, source and notes.
    pub svg: String,
    /// The standalone file behind "查看 SVG 图": the chart with its title, subtitle,
    /// source and notes on a background.
    pub file_svg: String,
    /// Plain text stating every value; also the SVG's `<desc>`.
    pub desc: String,
    pub table: DisplayTable,
    pub csv: String,
    /// Notes the data calls for (what `…` means), for the figure's notes.
    pub notes: Vec<String>,
}

/// Draws one chart. `id` names the SVG's `<title>`/`<desc>` ids (`<id>-title`, `<id>-desc`);
/// `spec_file` (e.g. `charts/foo.toml`) is where spec problems are reported.
///
/// The SVG's height may differ from `opts.height`: charts with rows (hbar, stacked100,
/// bullet, and bar/stacked/grouped turned sideways when their columns are too narrow) are
/// as tall as their rows, and any chart grows rather than clip a label. `spec.decimals`
/// wins over `opts.decimals`. Widths under 240 px are drawn at 240.
///
/// Labels, ticks, `desc` and table show numbers through one [`NumberStyle`] (the one prose
/// uses), rescaled when `scale_unit` asks; the CSV keeps the data's own numbers.
pub fn render_chart(
    id: &str,
    spec: &ChartSpec,
    table: &Table,
    opts: &ChartOptions,
    spec_file: &Path,
) -> Result<RenderedChart, Diagnostic> {
    Prepared::new(spec, table, spec_file, opts.strings)?.render(id, opts)
}

/// How the chart shows its numbers: the data's unit (else the spec's `unit`), the spec's
/// `decimals` and `scale_unit`. Errors name the spec key at fault (`unit: …`).
pub fn number_style(spec: &ChartSpec, table: &Table) -> Result<NumberStyle, String> {
    let columns: Vec<&str> = spec
        .y
        .iter()
        .chain(spec.reference.iter())
        .map(String::as_str)
        .collect();
    let unit = chart_unit(table, &columns, spec.unit.as_deref())?;
    NumberStyle::new(unit.as_deref())
        .decimals(spec.decimals)
        .scale_to(spec.scale_unit.as_deref())
        .map_err(|e| format!("scale_unit: {e}"))
}

/// Lays out checked data (numbers already in the shown unit) as a scene.
pub(crate) fn layout(
    spec: &ChartSpec,
    data: &ChartData,
    style: &NumberStyle,
    opts: &ChartOptions,
) -> scene::Scene {
    let ctx = Ctx {
        spec,
        data,
        style,
        palette: colour::palette(opts.palette),
        width: f64::from(opts.width.max(240)),
        height: f64::from(opts.height.max(200)),
        decimals: spec.decimals.unwrap_or(opts.decimals),
        // Checked by `render_chart` before anything is laid out.
        notes: annotate::check(spec, data).unwrap_or_default(),
        text: words::ChartText::new(opts.strings),
        shared: None,
        shared_rows: None,
    };
    if spec.facets {
        return facets::layout(&ctx);
    }
    match spec.kind {
        ChartKind::Bar => bar::layout(&ctx),
        ChartKind::Hbar => hbar::layout(&ctx),
        ChartKind::Stacked => stacked::layout(&ctx),
        ChartKind::Stacked100 => stacked100::layout(&ctx),
        ChartKind::Grouped => grouped::layout(&ctx),
        ChartKind::Line => line::layout(&ctx),
        ChartKind::Area => area::layout(&ctx),
        ChartKind::Donut => donut::layout(&ctx),
        ChartKind::Waterfall => waterfall::layout(&ctx),
        ChartKind::Bullet => bullet::layout(&ctx),
        ChartKind::Scatter => scatter::layout(&ctx),
    }
}

/// What every layout reads.
pub(crate) struct Ctx<'a> {
    pub spec: &'a ChartSpec,
    pub data: &'a ChartData,
    pub style: &'a NumberStyle,
    pub palette: Vec<Rgb>,
    pub width: f64,
    pub height: f64,
    /// Decimals of shares.
    pub decimals: u8,
    /// The spec's annotations, checked.
    pub notes: Vec<annotate::Note>,
    /// The reader's language.
    pub text: words::ChartText<'a>,
    /// A panel of a faceted chart: the frame all panels share.
    pub shared: Option<&'a frame::Columns>,
    /// A panel of a faceted bar chart drawn in rows: the scale all panels share.
    pub shared_rows: Option<facets::SharedRows>,
}

impl Ctx<'_> {
    pub fn percent(&self) -> bool {
        self.style.percent()
    }

    /// A value label: qualifier, number, unit.
    pub fn label(&self, n: Number) -> String {
        self.style.show(n)
    }

    /// A value label without the unit (multi-series charts; `%` is kept).
    pub fn plain(&self, n: Number) -> String {
        self.style.digits(n)
    }

    /// The value label of series `s` of `item`; `—` or `…` where it has no value.
    pub fn item_label(&self, item: &Item, s: usize) -> String {
        item.shown(s, |n| self.label(n))
    }

    /// Like [`Ctx::item_label`], without the unit (multi-series charts).
    pub fn item_plain(&self, item: &Item, s: usize) -> String {
        item.shown(s, |n| self.plain(n))
    }

    /// The unit for the top tick of multi-series charts.
    pub fn axis_unit(&self) -> Option<&str> {
        self.style.shown_unit().filter(|u| *u != "%")
    }

    pub fn categories(&self) -> Vec<String> {
        self.data.items.iter().map(|i| i.label.clone()).collect()
    }

    pub fn bold(&self) -> Vec<bool> {
        self.data.items.iter().map(|i| i.highlight).collect()
    }

    /// Colour of a single-series mark: highlight in palette[0] (the remainder too, when it
    /// is what the chart is about), the rest muted; the remainder grey. `i` picks a palette
    /// colour per item when `per_item` (donut slices).
    pub fn item_colour(&self, item: &Item, i: usize, per_item: bool) -> Rgb {
        if item.highlight {
            colour::nth(&self.palette, 0)
        } else if item.remainder {
            colour::REMAINDER
        } else if self.data.any_highlight() {
            colour::MUTED
        } else if per_item {
            colour::nth(&self.palette, i)
        } else {
            colour::nth(&self.palette, 0)
        }
    }

    /// Colour of series `s`: palette order; when series are highlighted, those keep the
    /// palette and the others turn to alternating muted greys.
    pub fn series_colour(&self, s: usize) -> Rgb {
        let flags = &self.data.highlight_series;
        if !flags.iter().any(|&f| f) {
            return colour::nth(&self.palette, s);
        }
        let rank = flags.iter().take(s).filter(|&&f| f).count();
        match flags.get(s) {
            Some(true) => colour::nth(&self.palette, rank),
            _ if (s - rank).is_multiple_of(2) => colour::MUTED,
            _ => colour::MUTED_DARK,
        }
    }

    /// Legend entries, one per series.
    pub fn legend_items(&self) -> Vec<(String, Rgb)> {
        self.data
            .series
            .iter()
            .enumerate()
            .map(|(s, name)| (name.clone(), self.series_colour(s)))
            .collect()
    }
}
