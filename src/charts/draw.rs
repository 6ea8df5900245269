//! One chart, prepared once and drawn at each width a page shows it at. Checking the
//! spec, reading the data into [`ChartData`], rescaling its numbers and describing them
//! do not depend on the width, so they happen once in [`prepare_chart`]; each variant
//! then lays out and writes only its own SVG ([`Prepared::draw`]), and the downloads and
//! the HTML table are made once ([`Prepared::csv`], [`Prepared::table`]).

use std::path::Path;
use std::sync::OnceLock;

use crate::data::format::NumberStyle;
use crate::data::Table;
use crate::error::Diagnostic;

use super::prepare::{self, ChartData};
use super::spec::ChartSpec;
use super::{
    annotate, colour, export, layout, number_style, output, roles, simplify, svg, words, y_axis,
    ChartOptions, DisplayTable,
};

/// A chart's checked data, ready to draw at any width.
pub struct Prepared<'a> {
    spec: &'a ChartSpec,
    spec_file: &'a Path,
    /// The data's own numbers (the CSV keeps them).
    data: ChartData,
    /// The numbers in the unit the chart shows.
    shown: ChartData,
    style: NumberStyle,
    /// The data's own unit, named in the CSV's header.
    csv_unit: Option<String>,
    annotations: Vec<annotate::Note>,
    /// The full description by the decimals it was written with: the same for every
    /// variant that does not summarise a long series.
    described: OnceLock<(u8, String)>,
}

/// One variant as drawn: the inline SVG (role classes added) and what it says in words.
pub struct Drawing {
    pub svg: String,
    /// Plain text stating every value; also the SVG's `<desc>`.
    pub desc: String,
    /// The SVG before role classes, which the standalone file frames.
    pub plain_svg: String,
}

/// Checks `spec` against `table` and prepares its data. Errors are the ones
/// [`super::render_chart`] reports.
pub fn prepare_chart<'a>(
    spec: &'a ChartSpec,
    table: &Table,
    spec_file: &'a Path,
) -> Result<Prepared<'a>, Diagnostic> {
    let style = number_style(spec, table).map_err(|m| Diagnostic::file(spec_file, m))?;
    y_axis::check_spec(spec).map_err(|m| Diagnostic::file(spec_file, m))?;
    let data = prepare::prepare(spec, table, spec_file)?;
    // The CSV keeps the data's own numbers, so its header names the data's own unit.
    let csv_unit = style.data_unit().map(str::to_string);
    let shown = data.map_numbers(|n| style.shown_number(n));
    let style = style.after_scaling();
    let data_file = Path::new("charts").join(&table.path);
    y_axis::check_values(spec, &shown, &style, &data_file)?;
    let annotations = annotate::check(spec, &shown).map_err(|m| Diagnostic::file(spec_file, m))?;
    Ok(Prepared {
        spec,
        spec_file,
        data,
        shown,
        style,
        csv_unit,
        annotations,
        described: OnceLock::new(),
    })
}

impl Prepared<'_> {
    fn internal(&self, e: String) -> Diagnostic {
        Diagnostic::file(
            self.spec_file,
            format!("internal error while drawing the chart: {e}"),
        )
    }

    /// Lays the chart out at `opts` and writes its SVG. `id` names the SVG's
    /// `<title>`/`<desc>` ids.
    pub fn draw(&self, id: &str, opts: &ChartOptions) -> Result<Drawing, Diagnostic> {
        let spec = self.spec;
        let decimals = spec.decimals.unwrap_or(opts.decimals);
        let scene = layout(spec, &self.shown, &self.style, opts);
        let described = if simplify::summarised(spec.kind, &self.shown, opts.width) {
            simplify::summary(spec.kind, &self.shown, &self.style)
        } else {
            self.described(decimals)
        };
        let desc = words::as_drawn(spec.kind, scene.sideways, described)
            + &annotate::describe(&self.annotations, &self.shown, &self.style);
        let plain_svg =
            svg::render(&scene, id, &spec.title, &desc).map_err(|e| self.internal(e))?;
        let svg = roles::themed(&plain_svg, &colour::palette(opts.palette));
        Ok(Drawing {
            svg,
            desc,
            plain_svg,
        })
    }

    fn described(&self, decimals: u8) -> String {
        let describe = || output::describe(self.spec.kind, &self.shown, &self.style, decimals);
        match self.described.get_or_init(|| (decimals, describe())) {
            (d, text) if *d == decimals => text.clone(),
            _ => describe(),
        }
    }

    /// Notes the data calls for (what `…` means), for the figure's notes.
    pub fn data_notes(&self) -> Vec<String> {
        output::data_notes(&self.data)
    }

    /// The CSV download.
    pub fn csv(&self) -> Result<String, Diagnostic> {
        export::csv(&self.data, self.csv_unit.as_deref()).map_err(|e| self.internal(e))
    }

    /// The chart's data as the figure's HTML table shows it.
    pub fn table(&self, decimals: u8) -> DisplayTable {
        let decimals = self.spec.decimals.unwrap_or(decimals);
        output::table(self.spec.kind, &self.shown, &self.style, decimals)
    }

    /// The standalone SVG file of a drawing (`svg`: its plain or its themed SVG): the
    /// chart framed with its title, subtitle, source and `notes`.
    pub fn standalone(
        &self,
        svg: &str,
        drawing: &Drawing,
        id: &str,
        notes: Option<&str>,
    ) -> Result<String, Diagnostic> {
        let spec = self.spec;
        let words = export::Furniture {
            title: &spec.title,
            subtitle: spec.subtitle.as_deref(),
            source: spec.source.as_deref(),
            notes,
        };
        export::standalone(svg, id, &drawing.desc, &words).map_err(|e| self.internal(e))
    }
}
