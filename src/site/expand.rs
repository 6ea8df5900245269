//! Expanding shortcodes (SPEC §7) in a page body before Markdown rendering.
//!
//! Inline shortcodes (`value`, `share`) become Markdown text, so they work in headings
//! and tables. Block shortcodes (`chart`, `table`) become an HTML comment placeholder
//! that Markdown passes through untouched; the rendered HTML replaces it afterwards.
//! Site shortcodes (templates/shortcodes/) are rendered by [`super::site_shortcodes`]:
//! HTML ones become placeholders too, Markdown ones become part of the page's Markdown.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use tera::Context;

use super::links::LinkIndex;
use super::site_shortcodes::{self, Caller};
use super::values::{DataEnv, Source, ValueOptions};
use crate::data::format::{DECIMALS_RANGE, MAX_DECIMALS};
use crate::error::{line_col, Diagnostic};
use crate::parse::shortcodes::{self, Arg, Shortcode};
use crate::render::Templates;

/// What the page's shortcodes need from the rest of the build.
pub struct ExpandEnv<'a> {
    pub data: &'a DataEnv<'a>,
    /// Rendered figure HTML by chart id.
    pub figures: &'a dyn FigureSource,
    pub templates: &'a Templates,
    pub site: &'a serde_json::Value,
    /// Where each content file is published, for internal links.
    pub links: &'a LinkIndex,
}

/// Where the `chart` shortcode finds a chart's figure HTML: a map of every figure
/// (`serve`), or a store that draws each when first asked ([`super::figure_store`]).
pub trait FigureSource: Sync {
    /// The figure HTML of a chart that was drawn; `None` for one that does not exist
    /// or could not be drawn.
    fn figure(&self, id: &str) -> Option<Arc<str>>;
    /// Whether a chart was drawn.
    fn drawn(&self, id: &str) -> bool {
        self.figure(id).is_some()
    }
}

impl FigureSource for BTreeMap<String, String> {
    fn figure(&self, id: &str) -> Option<Arc<str>> {
        self.get(id).map(|html| Arc::from(html.as_str()))
    }
}

/// A body with its shortcodes expanded.
#[derive(Debug, Default)]
pub struct Expanded {
    pub markdown: String,
    /// HTML for each block placeholder, in order (figures shared with the figure store).
    pub blocks: Vec<Arc<str>>,
    pub charts_used: Vec<String>,
    pub data_used: Vec<String>,
    /// Calls of each site shortcode so far (its templates' `nth`).
    pub calls: BTreeMap<String, usize>,
}

/// Every shortcode with the arguments it takes: the one list the expander, its hints
/// and the reference page (docs/content/reference/shortcodes.md, checked by
/// tests/docs.rs) follow.
pub const SHORTCODES: &[(&str, &[&str])] = &[
    ("chart", &["id"]),
    (
        "value",
        &[
            "data",
            "chart",
            "row",
            "col",
            "unit",
            "decimals",
            "scale_unit",
            "abs",
        ],
    ),
    ("share", &["data", "chart", "row", "col", "of", "decimals"]),
    ("table", &["data", "caption"]),
];

fn arguments_of(name: &str) -> Option<&'static [&'static str]> {
    SHORTCODES
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, args)| *args)
}

/// Whether `name` is one of baogao's own shortcodes.
fn is_built_in(name: &str) -> bool {
    arguments_of(name).is_some()
}

pub fn placeholder(i: usize) -> String {
    format!("<!--baogao-block-{i}-->")
}

/// Puts the blocks' HTML in place of their placeholders.
pub fn fill_blocks(html: &str, blocks: &[Arc<str>]) -> String {
    let mut out = html.to_string();
    for (i, block) in blocks.iter().enumerate() {
        out = out.replace(&placeholder(i), block);
    }
    out
}

/// Expands every shortcode of `body`; errors point at file lines (`line_offset` is the
/// number of lines before the body).
pub fn expand(
    body: &str,
    shown: &Path,
    line_offset: usize,
    caller: &Caller,
    env: &ExpandEnv,
) -> Result<Expanded, Vec<Diagnostic>> {
    let at = |offset: usize, message: String| {
        let (line, col) = line_col(body, offset);
        Diagnostic::at(shown, line + line_offset, Some(col), message)
    };
    let found = shortcodes::find(body).map_err(|errs| {
        errs.into_iter()
            .map(|e| at(e.offset, e.message))
            .collect::<Vec<_>>()
    })?;
    let mut out = Expanded::default();
    let mut errors = Vec::new();
    let mut last = 0;
    for sc in &found {
        out.markdown
            .push_str(body.get(last..sc.range.start).unwrap_or(""));
        last = sc.range.end;
        if follows_from_reported(sc, env) {
            continue;
        }
        let expanded = match site_shortcodes::template_for(env, &sc.name) {
            Some((template, output)) if !is_built_in(&sc.name) => {
                let nth = out.calls.entry(sc.name.clone()).or_default();
                *nth += 1;
                let nth = *nth;
                site_shortcodes::render(sc, &template, caller, nth, env)
                    .map(|text| match output {
                        site_shortcodes::Output::Html => block(&mut out, Arc::from(text)),
                        site_shortcodes::Output::Markdown => text,
                    })
                    .map_err(|m| format!("in shortcode `{}`: {m}", sc.name))
            }
            _ if sc.body.is_some() && is_built_in(&sc.name) => Err(format!(
                "the built-in shortcode `{}` takes no body: call it as {{{{ {}(…) }}}}",
                sc.name, sc.name
            )),
            _ => expand_one(sc, env, &mut out),
        };
        match expanded {
            Ok(text) => out.markdown.push_str(&text),
            Err(message) => {
                let mut d = at(sc.range.start, message);
                if !is_built_in(&sc.name) && site_shortcodes::template_for(env, &sc.name).is_none()
                {
                    let names: Vec<&str> = SHORTCODES.iter().map(|(name, _)| *name).collect();
                    d = d.with_hint(format!(
                        "baogao knows {}; a site shortcode is a template at templates/shortcodes/{}.html or .md",
                        names.join(", "),
                        sc.name
                    ));
                }
                errors.push(d);
            }
        }
    }
    out.markdown.push_str(body.get(last..).unwrap_or(""));
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Whether a shortcode reads a chart or data file whose own errors are already
/// reported (a chart that could not be drawn, a data file that could not be read):
/// the root cause is reported once, not again at every place that uses it.
fn follows_from_reported(sc: &Shortcode, env: &ExpandEnv) -> bool {
    let arg = |key: &str| sc.args.get(key).and_then(Arg::as_str);
    // A chart that exists but was not drawn has had its errors reported.
    let undrawn = |id: &str| {
        // Asked first: a chart that was drawn needs no search of the specs.
        !env.figures.drawn(id)
            && (env.data.spec(id).is_some() || env.data.broken.contains(&format!("{id}.toml")))
    };
    match sc.name.as_str() {
        "chart" => arg("id").is_some_and(undrawn),
        "value" | "share" | "table" => {
            arg("data").is_some_and(|d| env.data.broken.contains(d))
                || arg("chart").is_some_and(undrawn)
        }
        _ => false,
    }
}

fn expand_one(sc: &Shortcode, env: &ExpandEnv, out: &mut Expanded) -> Result<String, String> {
    let allowed =
        arguments_of(&sc.name).ok_or_else(|| format!("unknown shortcode `{}`", sc.name))?;
    if let Some(k) = sc.args.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(format!(
            "shortcode `{}` has no argument `{k}` (it takes: {})",
            sc.name,
            allowed.join(", ")
        ));
    }
    let text = |key: &str| -> Result<&str, String> {
        match sc.args.get(key) {
            Some(Arg::Str(s)) => Ok(s),
            Some(_) => Err(format!(
                "argument `{key}` of `{}` must be a \"string\"",
                sc.name
            )),
            None => Err(format!(
                "shortcode `{}` needs the argument `{key}`",
                sc.name
            )),
        }
    };
    let optional_text = |key: &str| sc.args.get(key).and_then(Arg::as_str);
    let decimals = match sc.args.get("decimals") {
        None => None,
        Some(Arg::Num(n)) if n.fract() == 0.0 && (0.0..=f64::from(MAX_DECIMALS)).contains(n) => {
            Some(*n as u8)
        }
        Some(_) => return Err(DECIMALS_RANGE.to_string()),
    };
    match sc.name.as_str() {
        "chart" => {
            let id = text("id")?;
            let html = env.figures.figure(id).ok_or_else(|| {
                // Every chart with a spec, drawn or not (a broken one reports itself).
                let known: Vec<&str> = env.data.specs.iter().map(|s| s.id.as_str()).collect();
                format!("unknown chart `{id}` (charts: {})", known.join(", "))
            })?;
            out.charts_used.push(id.to_string());
            Ok(block(out, html))
        }
        "value" | "share" => {
            let from = source(sc, env, out)?;
            let (row, col) = (text("row")?, text("col")?);
            let value = if sc.name == "value" {
                let abs = match sc.args.get("abs") {
                    None => false,
                    Some(Arg::Bool(b)) => *b,
                    Some(_) => return Err("`abs` must be true or false".to_string()),
                };
                let ask = ValueOptions {
                    unit: optional_text("unit"),
                    decimals,
                    scale_unit: optional_text("scale_unit"),
                    abs,
                };
                env.data.value_text(from, row, col, ask)?
            } else {
                env.data
                    .share_text(from, row, col, optional_text("of"), decimals)?
            };
            Ok(markdown_escape(&value))
        }
        _ => {
            let data = text("data")?;
            out.data_used.push(data.to_string());
            let view = env.data.table_view(data)?;
            let mut ctx = Context::new();
            ctx.insert("site", env.site);
            ctx.insert(
                "table",
                &serde_json::json!({
                    "columns": view.columns,
                    "rows": view.rows,
                    "caption": optional_text("caption"),
                    "csv_path": serde_json::Value::Null,
                }),
            );
            let html = env
                .templates
                .render("partials/table.html", &ctx)
                .map_err(|d| d.to_string())?;
            Ok(block(out, Arc::from(html)))
        }
    }
}

/// Where `value` or `share` reads: `data = "file"` or `chart = "id"` (the chart's table
/// as charted), one of the two. Records what the page depends on.
fn source<'s>(
    sc: &'s Shortcode,
    env: &ExpandEnv,
    out: &mut Expanded,
) -> Result<Source<'s>, String> {
    let arg = |key: &str| match sc.args.get(key) {
        Some(Arg::Str(s)) => Ok(Some(s.as_str())),
        Some(_) => Err(format!(
            "argument `{key}` of `{}` must be a \"string\"",
            sc.name
        )),
        None => Ok(None),
    };
    match (arg("data")?, arg("chart")?) {
        (Some(data), None) => {
            out.data_used.push(data.to_string());
            Ok(Source::Data(data))
        }
        (None, Some(id)) => {
            out.charts_used.push(id.to_string());
            if let Some(s) = env.data.spec(id) {
                out.data_used.push(s.spec.data.clone());
            }
            Ok(Source::Chart(id))
        }
        (Some(_), Some(_)) => Err(format!(
            "shortcode `{}` takes `data` or `chart`, not both",
            sc.name
        )),
        (None, None) => Err(format!(
            "shortcode `{}` needs the argument `data` (a data file) or `chart` (a chart's table as charted)",
            sc.name
        )),
    }
}

fn block(out: &mut Expanded, html: Arc<str>) -> String {
    out.blocks.push(html);
    placeholder(out.blocks.len() - 1)
}

/// Backslash-escapes ASCII punctuation so a value is read as text by Markdown.
fn markdown_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if ch.is_ascii_punctuation() && ch != '.' && ch != ',' && ch != '%' {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parser_and_the_expander_agree_on_the_built_in_names() {
        let names: Vec<&str> = SHORTCODES.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, shortcodes::BUILT_IN);
    }

    #[test]
    fn blocks_fill_every_placeholder_in_turn() {
        let html = format!(
            "<p>甲</p>{0}<p>乙</p>{1}{0}{2}",
            placeholder(0),
            placeholder(1),
            placeholder(9)
        );
        let blocks: [Arc<str>; 2] = [
            Arc::from("<figure>图</figure>"),
            Arc::from("<table>表</table>"),
        ];
        assert_eq!(
            fill_blocks(&html, &blocks),
            format!(
                "<p>甲</p><figure>图</figure><p>乙</p><table>表</table><figure>图</figure>{}",
                placeholder(9)
            )
        );
        assert_eq!(fill_blocks("<p>无</p>", &blocks), "<p>无</p>");
    }
}
