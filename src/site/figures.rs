//! The chart stage: check every data assertion, draw every chart once (a wide and a
//! narrow variant), and render its figure HTML for the pages that embed it.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde_json::json;
use tera::Context;

use super::context::Urls;
use super::Sources;
use crate::charts::{narrow_options, render_chart, ChartOptions, RenderedChart};
use crate::data::assert;
use crate::error::{Diagnostic, Diagnostics, Error};
use crate::load::charts::SpecFile;
use crate::write::Output;

/// Every chart drawn, by id.
#[derive(Default)]
pub struct Drawn {
    /// Figure HTML by chart id (what the `chart` shortcode inserts).
    pub figures: BTreeMap<String, String>,
    /// The standalone SVG and CSV by chart id.
    pub files: BTreeMap<String, (String, String)>,
}

pub fn draw_all(
    src: &Sources,
    urls: &Urls,
    site: &serde_json::Value,
    problems: &mut Diagnostics,
) -> Drawn {
    problems.0.extend(check_sidecars(src));
    let results: Vec<Result<(String, String, RenderedChart), Vec<Diagnostic>>> = src
        .charts
        .specs
        .par_iter()
        .map(|s| draw_one(src, s, urls, site))
        .collect();
    let mut drawn = Drawn::default();
    for r in results {
        match r {
            Ok((id, figure, chart)) => {
                drawn.figures.insert(id.clone(), figure);
                drawn.files.insert(id, (chart.svg, chart.csv));
            }
            Err(ds) => problems.0.extend(ds),
        }
    }
    drawn
}

/// Assertions in data sidecars (`<data>.meta.toml`).
pub fn check_sidecars(src: &Sources) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (data, meta) in &src.charts.metas {
        match src.charts.tables.get(data) {
            Some(table) => out.extend(meta.check(table).0),
            None => out.push(Diagnostic::file(
                &meta.file,
                format!("sidecar for `{data}`, but there is no such data file in charts/"),
            )),
        }
    }
    out
}

pub fn draw_one(
    src: &Sources,
    s: &SpecFile,
    urls: &Urls,
    site: &serde_json::Value,
) -> Result<(String, String, RenderedChart), Vec<Diagnostic>> {
    let spec = &s.spec;
    let table = src.charts.tables.get(&spec.data).ok_or_else(|| {
        let line = s
            .text
            .lines()
            .position(|l| l.trim_start().starts_with("data"))
            .map_or(1, |i| i + 1);
        vec![Diagnostic::at(
            &s.shown,
            line,
            None,
            format!("data file `{}` not found in charts/", spec.data),
        )]
    })?;
    let mut errors: Vec<Diagnostic> = spec
        .assertions
        .iter()
        .filter_map(|a| assert::check(a, table, &s.shown, &s.text).err())
        .collect();
    let defaults = &src.config.charts;
    let width = spec.width.unwrap_or(defaults.width);
    let height = spec.height.unwrap_or(defaults.height);
    let decimals = spec.decimals.unwrap_or(src.config.format.decimals);
    let wide = ChartOptions {
        width,
        height,
        palette: &defaults.palette,
        decimals,
    };
    let narrow = narrow_options(&wide, spec);
    let drawn = render_chart(&s.id, spec, table, &wide, &s.shown).and_then(|w| {
        render_chart(&format!("{}-narrow", s.id), spec, table, &narrow, &s.shown).map(|n| (w, n))
    });
    let (wide_chart, narrow_chart) = match drawn {
        Ok(x) => x,
        Err(d) => {
            errors.push(d);
            return Err(errors);
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut ctx = Context::new();
    ctx.insert("site", site);
    ctx.insert(
        "chart",
        &json!({
            "id": s.id,
            "title": spec.title,
            "subtitle": spec.subtitle,
            "svg": wide_chart.svg,
            "svg_narrow": narrow_chart.svg,
            "desc": wide_chart.desc,
            "source": spec.source,
            "notes": spec.notes,
            "csv_path": urls.path(&format!("charts/{}.csv", s.id)),
            "svg_path": urls.path(&format!("charts/{}.svg", s.id)),
            "table": {"columns": wide_chart.table.columns, "rows": wide_chart.table.rows},
        }),
    );
    let figure = src
        .templates
        .render("partials/figure.html", &ctx)
        .map_err(|d| vec![d])?;
    Ok((s.id.clone(), figure, wide_chart))
}

/// Writes `charts/<id>.svg` and `charts/<id>.csv`.
pub fn write_all(drawn: &Drawn, out: &dyn Output) -> Result<(), Error> {
    for (id, (svg, csv)) in &drawn.files {
        out.write(&format!("charts/{id}.svg"), svg.as_bytes())
            .map_err(|e| Error::internal("writing charts", e))?;
        out.write(&format!("charts/{id}.csv"), csv.as_bytes())
            .map_err(|e| Error::internal("writing charts", e))?;
    }
    Ok(())
}
