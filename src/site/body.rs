//! The body stage of one page: shortcodes expanded, Markdown rendered, the summary and
//! the lead box resolved. Also the site-wide check that no two pages claim one URL.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::pages::{self, Page};
use super::site_shortcodes::Caller;
use super::values::{Source, ValueOptions};
use super::{expand, links};
use crate::error::{Diagnostic, Diagnostics};
use crate::parse::{hugo_highlight, markdown, shortcode_escape};

pub use expand::ExpandEnv;

/// Two pages claiming one URL is an error naming both files (`pages` in content order).
pub fn check_unique_urls<'a>(
    pages: impl IntoIterator<Item = &'a Page>,
    problems: &mut Diagnostics,
) {
    let mut seen: BTreeMap<&str, &PathBuf> = BTreeMap::new();
    for p in pages {
        if let Some(first) = seen.insert(&p.url, &p.shown) {
            problems.push(
                Diagnostic::file(
                    &p.shown,
                    format!(
                        "this page and {} both claim the URL /{}",
                        first.display(),
                        p.url
                    ),
                )
                .with_hint("give one of them another file name or a `slug`"),
            );
        }
    }
}

/// Expands shortcodes, renders Markdown and resolves the lead box of one page.
pub fn render_body(mut p: Page, env: &ExpandEnv) -> Result<Page, Vec<Diagnostic>> {
    // Hugo's `highlight` shortcode is a code block: made one before links are read.
    let body = hugo_highlight::to_fences(&p.body);
    let linked = links::resolve(&body, &p.shown, p.body_line_offset, env.links)?;
    p.links_to = linked.targets;
    p.link_spots = linked.spots;
    let caller = caller(&p);
    let mut expanded =
        expand::expand(&linked.markdown, &p.shown, p.body_line_offset, &caller, env)?;
    expanded.markdown = shortcode_escape::unescape(&expanded.markdown);
    let prefix = p.url.trim_end_matches('/').replace('/', "-");
    let prefix = if prefix.is_empty() {
        "home".to_string()
    } else {
        prefix
    };
    let rendered = markdown::render(&expanded.markdown, &prefix);
    p.html = expand::fill_blocks(&rendered.html, &expanded.blocks);
    p.toc = rendered.toc;
    p.ids = rendered.ids;
    p.word_count = markdown::word_count(&p.body);
    // The site's root, not the language's home: `p.url` holds the language's path.
    let base_path = ["root_path", "base_path"]
        .iter()
        .find_map(|k| env.site.get(*k).and_then(|b| b.as_str()))
        .unwrap_or("/");
    let page_dir = format!("{}/{}", base_path.trim_end_matches('/'), p.url);
    p.summary_html =
        super::summary::summary_html(&p.html, p.front.description.as_deref(), &page_dir);
    p.charts = super::metadata::chart_refs(&expanded.charts_used, env.data);
    p.appendix_html =
        super::metadata::appendix(p.charts.iter().filter_map(|c| env.figures.figure(&c.id)));
    p.charts_used = expanded.charts_used;
    p.data_used = expanded.data_used;
    let mut errors = Vec::new();
    for kf in &p.front.key_figures {
        let value = match kf.kind.as_deref() {
            None | Some("value") => {
                let ask = ValueOptions {
                    unit: kf.unit.as_deref(),
                    decimals: kf.decimals,
                    scale_unit: kf.scale_unit.as_deref(),
                    abs: kf.abs,
                };
                env.data
                    .value_text(Source::Data(&kf.data), &kf.row, &kf.col, ask)
            }
            // A share is a percentage of its total: there is no unit to rescale or sign to drop.
            Some("share") if kf.scale_unit.is_some() || kf.abs => {
                Err("`scale_unit` and `abs` apply to `value` key figures, not `share`".to_string())
            }
            Some("share") => {
                env.data
                    .share_text(Source::Data(&kf.data), &kf.row, &kf.col, None, kf.decimals)
            }
            Some(other) => Err(format!(
                "key figure kind `{other}` is not `value` or `share`"
            )),
        };
        match value {
            Ok(value) => {
                p.data_used.push(kf.data.clone());
                p.key_figures.push(pages::KeyFigureOut {
                    label: kf.label.clone(),
                    value,
                    note: kf.note.clone(),
                });
            }
            // The data file's own errors are reported; this would only repeat them.
            Err(_) if env.data.broken.contains(&kf.data) => {}
            Err(m) => errors.push(Diagnostic::at(
                &p.shown,
                kf.line,
                None,
                format!("key_figures `{}`: {m}", kf.label),
            )),
        }
    }
    if errors.is_empty() {
        Ok(p)
    } else {
        Err(errors)
    }
}

/// The calling page as site shortcode templates see it (`page`, and `section` when the
/// page is a section's `_index.md`).
fn caller(p: &Page) -> Caller {
    let date = p.front.date.as_ref().and_then(pages::date_iso);
    let page = serde_json::json!({
        "title": p.front.title,
        "description": p.front.description,
        "date": date,
        "tags": p.front.tags,
        "source": p.front.source,
        "extra": p.front.extra,
        "url": p.url,
    });
    let section = if p.is_section {
        page.clone()
    } else {
        serde_json::Value::Null
    };
    Caller { page, section }
}
