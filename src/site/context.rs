//! What templates see: pages, sections, tags and the site as plain values.
//! This is the contract a theme is written against:
//!
//! Templates live in templates/ (default theme; compiled into the binary). Names:
//! base.html, index.html, section.html, page.html, tags.html (list of all tags), tag.html (one tag),
//! 404.html, alias.html (redirects: `target_path`, `target_permalink`), atom.xml, sitemap.xml,
//! robots.txt, partials/figure.html, partials/table.html, partials/entry.html (one listing entry).
//! Assets: templates/assets/* is copied to public/assets/*.
//!
//! Tera 2 notes: no `date` filter; dates arrive pre-formatted. Autoescape is on for .html/.xml;
//! use `| safe` for the HTML fields marked (safe). Builtin filters: safe, default, upper, lower, trim,
//! replace, truncate, length, reverse, join, first, last, sort, escape_xml, etc. `{% extends "base.html" %}`
//! and `{% block %}` work; `{% include "partials/x.html" %}` works. Tests: `is defined`, `is none`.
//!
//! ## In every template
//! - `site`: { title, description, author, language ("zh-CN"), base_url ("https://example.org/reports/"),
//!   base_path ("/reports/" — prefix every internal link and asset with it), extra (map) }
//! - `current_path`: the page's own path, e.g. "/reports/reports/investment-structure/"
//!
//! ## Page summary (used in listings)
//! { title, path, permalink, date ("2026-06-26" or none), date_display ("2026年6月26日" or none),
//!   description, summary (safe HTML), tags: [{name, path}], source, weight }
//!
//! ## page.html
//! `page`: summary fields plus
//! { content (safe HTML), toc: [{level, id, title, children: [same]}], updated, updated_display,
//!   section: {title, path} or none, extra (map),
//!   key_figures: [{label, value (e.g. "2,020.3亿元"), note}]  (may be empty) ,
//!   word_count, reading_minutes,
//!   in_section (true when the page sits in a section folder, not directly under content/:
//!     the default theme shows report furniture — source line, reading time — only then),
//!   image (full URL of the lead chart's SVG, for og:image, or none),
//!   json_ld (safe; JSON-LD Article + a Dataset per chart, for a ld+json script),
//!   appendix (safe HTML: each shown chart's data table once, for the print appendix) }
//!
//! ## section.html
//! `section`: { title, description, content (safe HTML), path, permalink, pages: [page summary], extra }
//!
//! ## index.html
//! `section`: the root section (content/_index.md) as above (its `pages` = root-level pages);
//! `sections`: [{title, description, path, pages: [page summary]}];
//! `pages`: every page, newest first.
//!
//! ## tags.html
//! `tags`: [{name, path, count}]
//! ## tag.html
//! `tag`: {name, path, pages: [page summary]}
//! ## 404.html
//! nothing extra.
//!
//! ## atom.xml
//! `pages` (up to 20 newest, each summary + `date_rfc3339`), `updated_rfc3339`, `feed_url`.
//! ## sitemap.xml
//! `entries`: [{permalink, lastmod (YYYY-MM-DD or none)}]
//! ## robots.txt
//! `sitemap_url`
//!
//! ## partials/figure.html  (rendered for each {{ chart(id="...") }} shortcode)
//! `chart`: { id, title, subtitle, svg (safe; the widest drawing), svg_narrow (safe; the
//!   narrowest), variants ([{width, classes, svg}], narrowest first), source, notes, csv_path
//!   (e.g. "/reports/charts/foo.csv"), svg_path, table: {columns: [..], rows: [[..]]} }
//! The theme shows one drawing per column width by its `chart-v<slot>` classes (CSS media
//! queries; no JS), see src/charts/variants.rs.
//! ## partials/table.html (for {{ table(data="...") }})
//! `table`: { columns, rows, caption (may be none), csv_path (may be none) }

use serde::Serialize;
use serde_json::{json, Value};

use super::metadata;
use super::pages::{date_iso, date_rfc3339, KeyFigureOut, Page};
use crate::config::Config;
use crate::parse::markdown::TocEntry;
use crate::parse::slug::slugify;

/// Links: site-absolute paths (`/reports/x/`) and full permalinks.
#[derive(Debug, Clone)]
pub struct Urls {
    pub base_url: String,
    pub base_path: String,
}

impl Urls {
    pub fn new(config: &Config) -> Self {
        Urls {
            base_url: config.base_url.clone(),
            base_path: config.base_path(),
        }
    }
    pub fn path(&self, url: &str) -> String {
        format!("{}{url}", self.base_path)
    }
    pub fn permalink(&self, url: &str) -> String {
        format!("{}{url}", self.base_url)
    }
}

/// The URL (relative to the base) of a tag's page.
pub fn tag_url(name: &str) -> String {
    term_url("tags", name)
}

/// The URL (relative to the base) of a term's page in `taxonomy`.
pub fn term_url(taxonomy: &str, name: &str) -> String {
    let slug = slugify(name);
    format!(
        "{taxonomy}/{}/",
        if slug.is_empty() { "tag" } else { &slug }
    )
}

pub fn site(config: &Config, urls: &Urls) -> Value {
    json!({
        "title": config.title,
        "description": config.description,
        "author": config.author,
        "language": config.language,
        "base_url": urls.base_url,
        "base_path": urls.base_path,
        "extra": config.extra,
    })
}

/// A page as listings show it.
pub fn summary(p: &Page, urls: &Urls) -> Value {
    serde_json::to_value(Summary::of(p, urls)).unwrap_or(Value::Null)
}

/// A page's summary, typed: converted for templates straight from this (its field
/// names then cost nothing per page), and to JSON by [`summary`].
#[derive(Serialize)]
pub struct Summary<'a> {
    title: &'a str,
    path: String,
    permalink: String,
    date: Option<String>,
    date_display: Option<String>,
    date_rfc3339: Option<String>,
    description: Option<&'a str>,
    summary: &'a str,
    tags: Vec<TermLink<'a>>,
    source: Option<&'a str>,
    /// As JSON, so templates see the same kind of number as before.
    weight: Value,
    lang: &'a str,
    taxonomies: serde_json::Map<String, Value>,
}

/// A term a page is listed under, and the path of its page.
#[derive(Serialize)]
struct TermLink<'a> {
    name: &'a str,
    path: String,
}

impl<'a> Summary<'a> {
    pub fn of(p: &'a Page, urls: &Urls) -> Self {
        let date = p.front.date.as_ref();
        let link = |taxonomy: &str, t: &'a String| TermLink {
            name: t,
            path: urls.path(&format!("{}{}", p.lang_prefix, term_url(taxonomy, t))),
        };
        Summary {
            title: &p.front.title,
            path: urls.path(&p.url),
            permalink: urls.permalink(&p.url),
            date: date.and_then(date_iso),
            date_display: date.and_then(|d| p.strings.date(d)),
            date_rfc3339: date.and_then(date_rfc3339),
            description: p.front.description.as_deref(),
            summary: &p.summary_html,
            tags: p.front.tags.iter().map(|t| link("tags", t)).collect(),
            source: p.front.source.as_deref(),
            weight: json!(p.front.weight),
            lang: &p.lang,
            taxonomies: p
                .front
                .terms
                .iter()
                .map(|(taxonomy, terms)| {
                    let links: Vec<TermLink> = terms.iter().map(|t| link(taxonomy, t)).collect();
                    (taxonomy.clone(), json!(links))
                })
                .collect(),
        }
    }
}

/// What page.html sees of a page beyond its summary, in the order added to it (`lang`
/// repeats the summary's). Converted for templates straight from this type, so the
/// page's HTML is not copied into JSON first.
#[derive(Serialize)]
pub struct PageFields<'a> {
    content: &'a str,
    toc: &'a [TocEntry],
    updated: Option<String>,
    updated_display: Option<String>,
    section: Option<SectionLink<'a>>,
    /// As JSON, so templates see TOML values as before.
    extra: Value,
    key_figures: &'a [KeyFigureOut],
    word_count: usize,
    in_section: bool,
    image: Option<String>,
    json_ld: String,
    appendix: &'a str,
    reading_minutes: usize,
    reading_time: String,
    lang: &'a str,
}

/// The section a page sits in, as its page links to it.
#[derive(Serialize)]
struct SectionLink<'a> {
    title: &'a str,
    path: String,
}

impl<'a> PageFields<'a> {
    pub fn of(p: &'a Page, section: Option<&'a Page>, urls: &Urls, site: &Value) -> Self {
        let updated = p.front.updated.as_ref();
        let minutes = p.strings.reading_minutes(p.word_count);
        PageFields {
            content: &p.html,
            toc: &p.toc,
            updated: updated.and_then(date_iso),
            updated_display: updated.and_then(|d| p.strings.date(d)),
            // A section with `render = false` has no page to link to.
            section: section.filter(|s| s.front.render).map(|s| SectionLink {
                title: &s.front.title,
                path: urls.path(&s.url),
            }),
            extra: json!(p.front.extra),
            key_figures: &p.key_figures,
            word_count: p.word_count,
            in_section: section.is_some_and(|s| !s.url.is_empty()),
            image: metadata::image(p, urls),
            json_ld: metadata::json_ld(p, urls, site),
            appendix: &p.appendix_html,
            reading_minutes: minutes,
            reading_time: p.strings.reading_time(minutes),
            lang: &p.lang,
        }
    }
}

/// A section with its pages (already in listing order).
pub fn section(s: &Page, members: &[&Page], urls: &Urls) -> Value {
    json!({
        "title": s.front.title,
        "description": s.front.description,
        "content": s.html,
        "path": urls.path(&s.url),
        "permalink": urls.permalink(&s.url),
        "pages": members.iter().map(|p| summary(p, urls)).collect::<Vec<_>>(),
        "extra": s.front.extra,
        "toc": s.toc,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::load::content::ContentFile;
    use crate::load::languages::Languages;
    use std::path::PathBuf;

    #[test]
    fn a_summary_keeps_the_contract_s_fields_in_order() {
        let file = ContentFile {
            rel: PathBuf::from("reports/a.md"),
            shown: PathBuf::from("content/reports/a.md"),
            text: "+++\ntitle = \"投资\"\ndate = 2026-06-26\ntags = [\"财政\"]\nweight = 3\n+++\n正文\n"
                .into(),
        };
        let languages = Languages::single("zh-CN");
        let (p, _) = crate::site::pages::parse_owned(
            &file,
            file.text.clone(),
            &languages,
            &["tags"],
            crate::config::SlugStrategy::On,
        )
        .unwrap();
        let urls = Urls {
            base_url: "https://example.org/r/".into(),
            base_path: "/r/".into(),
        };
        let v = summary(&p, &urls);
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "title",
                "path",
                "permalink",
                "date",
                "date_display",
                "date_rfc3339",
                "description",
                "summary",
                "tags",
                "source",
                "weight",
                "lang",
                "taxonomies"
            ]
        );
        assert_eq!(v["path"], "/r/reports/a/");
        assert_eq!(v["date"], "2026-06-26");
        assert_eq!(v["tags"][0]["path"], format!("/r/{}", tag_url("财政")));
        assert_eq!(v["weight"], 3);
        assert!(v["description"].is_null());
    }
}
