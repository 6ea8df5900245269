//! Expanding shortcodes (SPEC §7) in a page body before Markdown rendering.
//!
//! Inline shortcodes (`value`, `share`) become Markdown text, so they work in headings
//! and tables. Block shortcodes (`chart`, `table`) become an HTML comment placeholder
//! that Markdown passes through untouched; the rendered HTML replaces it afterwards.

use std::collections::BTreeMap;
use std::path::Path;

use tera::Context;

use super::links::LinkIndex;
use super::values::DataEnv;
use crate::error::{line_col, Diagnostic};
use crate::parse::shortcodes::{self, Arg, Shortcode};
use crate::render::Templates;

/// What the page's shortcodes need from the rest of the build.
pub struct ExpandEnv<'a> {
    pub data: &'a DataEnv<'a>,
    /// Rendered figure HTML by chart id.
    pub figures: &'a BTreeMap<String, String>,
    pub templates: &'a Templates,
    pub site: &'a serde_json::Value,
    /// Where each content file is published, for internal links.
    pub links: &'a LinkIndex,
}

/// A body with its shortcodes expanded.
#[derive(Debug, Default)]
pub struct Expanded {
    pub markdown: String,
    /// HTML for each block placeholder, in order.
    pub blocks: Vec<String>,
    pub charts_used: Vec<String>,
    pub data_used: Vec<String>,
}

const KNOWN: [&str; 4] = ["chart", "value", "share", "table"];

pub fn placeholder(i: usize) -> String {
    format!("<!--baogao-block-{i}-->")
}

/// Puts the blocks' HTML in place of their placeholders.
pub fn fill_blocks(html: &str, blocks: &[String]) -> String {
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
        match expand_one(sc, env, &mut out) {
            Ok(text) => out.markdown.push_str(&text),
            Err(message) => {
                let mut d = at(sc.range.start, message);
                if !KNOWN.contains(&sc.name.as_str()) {
                    d = d.with_hint("baogao knows chart, value, share and table");
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

fn expand_one(sc: &Shortcode, env: &ExpandEnv, out: &mut Expanded) -> Result<String, String> {
    let allowed: &[&str] = match sc.name.as_str() {
        "chart" => &["id"],
        "value" => &["data", "row", "col", "unit", "decimals"],
        "share" => &["data", "row", "col", "of", "decimals"],
        "table" => &["data", "caption"],
        other => return Err(format!("unknown shortcode `{other}`")),
    };
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
        Some(Arg::Num(n)) if n.fract() == 0.0 && (0.0..=6.0).contains(n) => Some(*n as u8),
        Some(_) => return Err("`decimals` must be a whole number from 0 to 6".to_string()),
    };
    match sc.name.as_str() {
        "chart" => {
            let id = text("id")?;
            let html = env.figures.get(id).ok_or_else(|| {
                if let Some(s) = env.data.specs.iter().find(|s| s.id == id) {
                    return format!(
                        "chart `{id}` ({}) could not be drawn; see its other errors",
                        s.shown.display()
                    );
                }
                if env.data.broken.contains(&format!("{id}.toml")) {
                    return format!("chart `{id}` has errors (reported for charts/{id}.toml)");
                }
                let known: Vec<&str> = env.figures.keys().map(String::as_str).collect();
                format!("unknown chart `{id}` (charts: {})", known.join(", "))
            })?;
            out.charts_used.push(id.to_string());
            Ok(block(out, html.clone()))
        }
        "value" | "share" => {
            let (data, row, col) = (text("data")?, text("row")?, text("col")?);
            out.data_used.push(data.to_string());
            let value = if sc.name == "value" {
                env.data
                    .value_text(data, row, col, optional_text("unit"), decimals)?
            } else {
                env.data
                    .share_text(data, row, col, optional_text("of"), decimals)?
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
            Ok(block(out, html))
        }
    }
}

fn block(out: &mut Expanded, html: String) -> String {
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
