//! Drawing one chart: check its data assertions, draw it (once per width the page
//! switches between, see [`crate::charts::variants`]) and render its figure HTML for
//! the pages that embed it, with its downloads. When charts are drawn is
//! [`super::figure_store`]'s business (and `serve`'s). A chart's words (description,
//! number words and units, the SVG's `xml:lang`, the figure's furniture) follow the
//! reader's language, so it is drawn once per language of the site.

use std::cell::RefCell;

use tera::Context;

use super::context::Urls;
use super::Sources;
use crate::charts::export::{joined_notes, standalone, Furniture};
use crate::charts::prepared::Look;
use crate::charts::words::ChartText;
use crate::charts::{variants, ChartOptions, Prepared, RenderedChart, Variant};
use crate::data::assert;
use crate::data::transform::{self, place};
use crate::data::Table;
use crate::error::Diagnostic;
use crate::load::charts::SpecFile;
use crate::load::languages::Language;

/// Assertions in data sidecars (`<data>.meta.toml`).
pub fn check_sidecars(src: &Sources) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (data, meta) in &src.charts.metas {
        match src.charts.tables.get(data) {
            Some(table) => out.extend(meta.check(table).0),
            // Its own errors are reported; checking against nothing would only repeat them.
            None if src.charts.broken.contains(data) => {}
            None => out.push(Diagnostic::file(
                &meta.file,
                format!("sidecar for `{data}`, but there is no such data file in charts/"),
            )),
        }
    }
    out
}

/// Draws chart `s` for readers of `language`: its id, its figure HTML and its downloads.
pub fn draw_one(
    src: &Sources,
    s: &SpecFile,
    urls: &Urls,
    site: &serde_json::Value,
    language: &Language,
) -> Result<(String, String, RenderedChart), Vec<Diagnostic>> {
    draw_with(
        src,
        s,
        urls,
        &tera::Value::from_serializable(site),
        language,
    )
}

/// [`draw_one`] with the site's template value already converted: a build draws
/// thousands of charts with the same one.
pub fn draw_with(
    src: &Sources,
    s: &SpecFile,
    urls: &Urls,
    site: &tera::Value,
    language: &Language,
) -> Result<(String, String, RenderedChart), Vec<Diagnostic>> {
    let spec = &s.spec;
    let table = src.charts.table_for(spec).ok_or_else(|| {
        // A data file that failed to load has its own errors; the chart adds none.
        if src.charts.broken.contains(&spec.data) {
            return Vec::new();
        }
        let line = s
            .text
            .lines()
            .position(|l| l.trim_start().starts_with("data"))
            .map_or(1, |i| i + 1);
        // Say why: a path leaving charts/ is refused, not merely missing.
        let message = match crate::data::load::resolve(&src.root, &spec.data) {
            Err(why) => why,
            Ok(_) => crate::data::load::unsupported_type(&spec.data)
                .unwrap_or_else(|| format!("data file `{}` could not be read", spec.data)),
        };
        vec![Diagnostic::at(&s.shown, line, None, message)]
    })?;
    let charted = transform::apply(table, &spec.steps())
        .map_err(|e| vec![place::diagnostic(e, &s.shown, &s.text)])?;
    let table: &Table = &charted.table;
    // A spec's assertions are about the chart, so they see the table as charted.
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
        strings: Some(&language.strings),
    };
    // The spec's own width makes the download (and the desc, table and CSV); the page
    // carries one drawing per width it switches between, from data read once.
    let drawn =
        Prepared::new(spec, table, &s.shown, Some(&language.strings)).and_then(|prepared| {
            // Framed below, with every note of the figure.
            let full = prepared.render_unframed(&s.id, &wide)?;
            // `None`: the widest drawing, which is `full`'s.
            let on_page = variants(&wide, spec)
                .into_iter()
                .map(|v| {
                    if v.options == wide {
                        return Ok((v, None));
                    }
                    let id = format!("{}-w{}", s.id, v.options.width);
                    let mut svg = scratch_buffer();
                    prepared
                        .drawing_into(&id, &v.options, Look::Themed, &mut svg)
                        .map(|_| (v, Some(svg)))
                })
                .collect::<Result<Vec<_>, Diagnostic>>()?;
            Ok((full, on_page))
        });
    let (wide_chart, on_page) = match drawn {
        Ok(x) => x,
        Err(d) => {
            errors.push(place_in_spec(d, s));
            return Err(errors);
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    // The data file's own notes (`注：`, `资料来源：`; the template writes 注： once),
    // what the transforms did, then what the data calls for.
    let file_notes = src
        .charts
        .table_for(spec)
        .map_or(&[][..], |t| t.notes.as_slice())
        .iter()
        .map(|n| {
            let bare = n.strip_prefix("注：").or_else(|| n.strip_prefix("注:"));
            bare.unwrap_or(n).trim().to_string()
        });
    let notes: Vec<String> = file_notes
        .chain(charted.notes.iter().cloned())
        .chain(wide_chart.notes.iter().cloned())
        .collect();
    let all_notes = joined_notes(spec.notes.as_deref(), &notes);
    // The download says what the figure says: all of its notes.
    let words = Furniture {
        title: &spec.title,
        subtitle: spec.subtitle.as_deref(),
        source: spec.source.as_deref(),
        notes: all_notes.as_deref(),
        text: ChartText::new(Some(&language.strings)),
    };
    let mut wide_chart = wide_chart;
    wide_chart.file_svg =
        standalone(&wide_chart.svg, &s.id, &wide_chart.desc, &words).map_err(|e| {
            vec![Diagnostic::file(
                &s.shown,
                format!("internal error while drawing the chart: {e}"),
            )]
        })?;
    let mut ctx = Context::new();
    ctx.insert_value("site", site.clone());
    // Serialised straight from borrowed parts (no serde_json::Value copy first): a
    // chart of a million rows made that copy alone take most of a gigabyte.
    ctx.insert(
        "chart",
        &FigureContext {
            id: &s.id,
            title: &spec.title,
            subtitle: spec.subtitle.as_deref(),
            svg: on_page
                .last()
                .map_or(&wide_chart.svg, |v| drawn_svg(v, &wide_chart.svg)),
            svg_narrow: on_page
                .first()
                .map_or(&wide_chart.svg, |v| drawn_svg(v, &wide_chart.svg)),
            variants: on_page
                .iter()
                .map(|v| VariantContext {
                    width: v.0.options.width,
                    classes: v.0.classes(),
                    svg: drawn_svg(v, &wide_chart.svg),
                })
                .collect(),
            desc: &wide_chart.desc,
            source: spec.source.as_deref(),
            notes: all_notes.as_deref(),
            csv_path: urls.path(&format!("charts/{}.csv", s.id)),
            svg_path: urls.path(&format!("{}charts/{}.svg", language.prefix, s.id)),
            table: TableContext {
                columns: &wide_chart.table.columns,
                rows: wide_chart
                    .table
                    .rows
                    .get(..TABLE_ROWS)
                    .unwrap_or(&wide_chart.table.rows),
                total_rows: wide_chart.table.rows.len(),
            },
        },
    );
    let figure = src
        .templates
        .render("partials/figure.html", &ctx)
        .map_err(|d| vec![d]);
    drop(ctx);
    give_back(on_page.into_iter().filter_map(|(_, svg)| svg));
    Ok((s.id.clone(), figure?, wide_chart))
}

/// A drawing a page carries: its own, or (`None`) the widest one.
fn drawn_svg<'a>((_, svg): &'a (Variant, Option<String>), widest: &'a str) -> &'a str {
    svg.as_deref().unwrap_or(widest)
}

thread_local! {
    /// Buffers of the drawings a figure carries besides its widest (that one is kept for
    /// the download): drawn into, inlined by the figure's template, then reused for the
    /// next chart drawn on this thread.
    static SCRATCH: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// An empty buffer, with the room a previous drawing left in it.
fn scratch_buffer() -> String {
    SCRATCH.with_borrow_mut(Vec::pop).unwrap_or_default()
}

/// Keeps `buffers` for the next chart (as many as a figure carries drawings).
fn give_back(buffers: impl Iterator<Item = String>) {
    SCRATCH.with_borrow_mut(|pool| {
        for mut buffer in buffers {
            if pool.len() < crate::charts::variants::SLOTS.len() {
                buffer.clear();
                pool.push(buffer);
            }
        }
    });
}

/// What `partials/figure.html` sees as `chart`.
#[derive(serde::Serialize)]
struct FigureContext<'a> {
    id: &'a str,
    title: &'a str,
    subtitle: Option<&'a str>,
    /// The drawing for the widest slot.
    svg: &'a str,
    /// The drawing for the narrowest slot.
    svg_narrow: &'a str,
    /// Every drawing, narrowest first, with the classes that show it.
    variants: Vec<VariantContext<'a>>,
    desc: &'a str,
    source: Option<&'a str>,
    notes: Option<&'a str>,
    csv_path: String,
    svg_path: String,
    table: TableContext<'a>,
}

/// One drawing of a chart, as `partials/figure.html` sees it in `chart.variants`.
#[derive(serde::Serialize)]
struct VariantContext<'a> {
    width: u32,
    /// `chart-v<slot>` for each slot the drawing fills (the theme's container queries).
    classes: String,
    svg: &'a str,
}

#[derive(serde::Serialize)]
struct TableContext<'a> {
    columns: &'a [String],
    /// At most [`TABLE_ROWS`]; the CSV always holds every row.
    rows: &'a [Vec<String>],
    total_rows: usize,
}

/// Rows shown in a figure's HTML table: a page stays readable (and small) however
/// long the data; the download link gives the rest.
const TABLE_ROWS: usize = 500;

/// The charts module names the spec key at fault (`y: column … is not in …`,
/// "`reference` …") but not its line; point such a problem at the key's line.
fn place_in_spec(d: Diagnostic, s: &SpecFile) -> Diagnostic {
    if d.file != s.shown || d.line.is_some() {
        return d;
    }
    let prefix = d.message.split_once(": ").map(|(k, _)| k).filter(|k| {
        !k.is_empty()
            && k.chars()
                .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
    });
    let quoted = d.message.split('`').nth(1);
    let line = annotation_line(&d.message, &s.text).or_else(|| {
        prefix
            .into_iter()
            .chain(quoted)
            .find_map(|key| spec_key_line(&s.text, key))
    });
    match line {
        Some(line) => Diagnostic {
            line: Some(line),
            ..d
        },
        None => d,
    }
}

/// `annotate[N]: …` points at the N-th `[[annotate]]` header of the spec.
fn annotation_line(message: &str, text: &str) -> Option<usize> {
    let n: usize = message
        .strip_prefix("annotate[")?
        .split_once(']')?
        .0
        .parse()
        .ok()?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "[[annotate]]")
        .nth(n.checked_sub(1)?)
        .map(|(i, _)| i + 1)
}

/// The line where `key` (or `table.key`) is set in a spec's text.
fn spec_key_line(text: &str, key: &str) -> Option<usize> {
    let (table, key) = match key.split_once('.') {
        Some((t, k)) => (Some(t), k),
        None => (None, key),
    };
    let mut current: Option<&str> = None;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if let Some(name) = line.strip_prefix('[') {
            current = Some(name.trim_matches(['[', ']', ' ']));
            continue;
        }
        let sets_key = line
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='));
        if sets_key && current == table {
            return Some(i + 1);
        }
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn scratch_buffers_come_back_empty_with_their_room() {
        let mut used = scratch_buffer();
        used.push_str(&"<svg/>".repeat(1000));
        let room = used.capacity();
        give_back([used].into_iter());
        let again = scratch_buffer();
        assert!(again.is_empty());
        assert_eq!(again.capacity(), room);
        // No more are kept than a figure carries drawings.
        give_back((0..20).map(|_| String::from("x")));
        let kept = SCRATCH.with_borrow(Vec::len);
        assert_eq!(kept, crate::charts::variants::SLOTS.len());
    }
}
