//! Pages and sections: a content file's front matter and body, its URL, and (after
//! rendering) its HTML. Sections are `_index.md` files; everything else is a page.

use std::cmp::Reverse;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;
use toml::value::Datetime;

use crate::config::SlugStrategy;
use crate::error::Diagnostic;
use crate::load::content::ContentFile;
use crate::load::languages::{split_language, Languages};
use crate::load::slash_path;
use crate::parse::front_matter::{self, FrontMatter};
use crate::parse::markdown::TocEntry;
use crate::parse::slug::path_segment;
use crate::render::strings::Strings;
use crate::render::Templates;
use crate::site::links::LinkSpot;

/// A page or a section.
#[derive(Debug, Clone)]
pub struct Page {
    pub shown: PathBuf,
    /// Boxed: a build moves every page between lists a few times, and the front
    /// matter is more than half of a page's own size.
    pub front: Box<FrontMatter>,
    pub body: String,
    /// Lines before the body in the file (to report body errors at file lines).
    pub body_line_offset: usize,
    pub is_section: bool,
    /// The section folder below content/ this page belongs to ("" for the root);
    /// for a section, its own folder.
    pub section_dir: String,
    /// URL relative to the site's base, "" for the home page, else ending with `/`
    /// (`en/…` for a page in a language other than the default).
    pub url: String,
    /// The page's language code, and that language's strings.
    pub lang: String,
    pub strings: Arc<Strings>,
    /// The URL path of the page's language (`en/`; "" for the default language): its
    /// tag pages lie below it.
    pub lang_prefix: String,
    /// The file's path below content/ without its language (`reports/a.md` for
    /// `reports/a.en.md`): the versions of one page in each language share it.
    pub translation_key: String,
    /// `front.date` as TOML writes it (`2026-06-26`), "" without one: the key listings
    /// sort on, made once (serve sorts every listing again on each edit).
    pub date_text: String,
    /// Filled in by rendering.
    pub html: String,
    pub summary_html: String,
    pub toc: Vec<TocEntry>,
    /// Ids defined in the page body (for the anchor check).
    pub ids: Vec<String>,
    pub key_figures: Vec<KeyFigureOut>,
    pub word_count: usize,
    /// Charts and data files the page's shortcodes used (what it depends on).
    pub charts_used: Vec<String>,
    pub data_used: Vec<String>,
    /// Content files its internal links point at (`blog/post.md`).
    pub links_to: Vec<String>,
    /// Each link written in the body, with its line and column (for `check`).
    pub link_spots: Vec<LinkSpot>,
    /// The charts shown, each once, in page order (og:image, JSON-LD).
    pub charts: Vec<super::metadata::ChartRef>,
    /// The shown charts' data tables, for the print appendix (safe HTML).
    pub appendix_html: String,
    /// Its summary as listings show it, made when the page is written (listings made
    /// from pages written otherwise make their own).
    pub listed: Option<tera::value::Value>,
}

impl Page {
    /// Lets go of what only the page's own file needed, once it is written: listings
    /// read its place, front matter and summary, and the build report its links.
    /// 10,000 pages kept their bodies, tables of contents and chart lists to the end.
    pub fn keep_listed_only(&mut self) {
        self.body = String::new();
        self.html = String::new();
        self.appendix_html = String::new();
        self.toc = Vec::new();
        self.ids = Vec::new();
        self.key_figures = Vec::new();
        self.charts = Vec::new();
        self.charts_used = Vec::new();
        self.data_used = Vec::new();
        self.links_to = Vec::new();
    }
}

/// A lead-box figure as templates see it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyFigureOut {
    pub label: String,
    pub value: String,
    pub note: Option<String>,
}

/// Parses one content file of a site in `languages` declaring `taxonomies`. Warnings
/// (unknown keys) come back beside the page.
pub fn parse(
    file: &ContentFile,
    languages: &Languages,
    taxonomies: &[&str],
    slugs: SlugStrategy,
) -> Result<(Page, Vec<Diagnostic>), Diagnostic> {
    let front = || front_matter::parse_for(&file.text, &file.shown, taxonomies);
    parse_with(file, languages, slugs, front)
}

/// [`parse`] of a file whose `text` was taken out of it: the page's body is that text,
/// its front matter cut off in place, so a build never holds two copies of the content.
pub fn parse_owned(
    file: &ContentFile,
    text: String,
    languages: &Languages,
    taxonomies: &[&str],
    slugs: SlugStrategy,
) -> Result<(Page, Vec<Diagnostic>), Diagnostic> {
    let front = || front_matter::parse_owned(text, &file.shown, taxonomies);
    parse_with(file, languages, slugs, front)
}

/// The page of `file` (its language checked first) from its parsed `front` matter and body.
fn parse_with(
    file: &ContentFile,
    languages: &Languages,
    slugs: SlugStrategy,
    front: impl FnOnce() -> Result<front_matter::Parsed, Diagnostic>,
) -> Result<(Page, Vec<Diagnostic>), Diagnostic> {
    let (rel, code) = split_language(&file.rel);
    let language = languages
        .get(code.as_deref().unwrap_or_default())
        .ok_or_else(|| {
            let code = code.clone().unwrap_or_default();
            Diagnostic::file(
                &file.shown,
                format!("`{code}` in the file name is not a language of this site"),
            )
            .with_hint(format!(
                "declare it in baogao.toml under [languages.{code}], or rename the file without `.{code}`"
            ))
        })?;
    let parsed = front()?;
    let is_section = file.is_section();
    let parent = rel.parent().map(slash_path).unwrap_or_default();
    let (section_dir, url) = if is_section {
        let url = if parent.is_empty() {
            String::new()
        } else {
            format!("{}/", url_path(&parent, slugs))
        };
        (parent, url)
    } else {
        let stem = rel
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        // A bundle, `reports/foo/index.md`, is the page `reports/foo/`.
        let (dir, default_slug) = if stem == "index" && !parent.is_empty() {
            let (up, name) = parent.rsplit_once('/').unwrap_or(("", parent.as_str()));
            (up.to_string(), name.to_string())
        } else {
            (parent.clone(), stem)
        };
        let slug = path_segment(parsed.front.slug.as_ref().unwrap_or(&default_slug), slugs);
        if slug.is_empty() {
            return Err(Diagnostic::file(
                &file.shown,
                "cannot make a URL slug from this file name",
            )
            .with_hint("set slug = \"…\" in the front matter"));
        }
        let url = if dir.is_empty() {
            format!("{slug}/")
        } else {
            format!("{}/{slug}/", url_path(&dir, slugs))
        };
        (dir, url)
    };
    // Zola's `path` and Hugo's `url` replace the whole URL path.
    let url = match parsed.front.path.as_deref().or(parsed.front.url.as_deref()) {
        Some(own) => own_url(own),
        None => url,
    };
    // A `path` written with the language's own prefix is not prefixed twice.
    let url = match url.starts_with(&language.prefix) {
        true => url,
        false => format!("{}{url}", language.prefix),
    };
    let mut warnings = parsed.warnings;
    if !is_section {
        warnings.extend(section_keys_on_a_page(&parsed.front, &file.shown));
    }
    let date_text = parsed
        .front
        .date
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    let page = Page {
        shown: file.shown.clone(),
        date_text,
        front: Box::new(parsed.front),
        body: parsed.body,
        body_line_offset: parsed.body_line_offset,
        is_section,
        section_dir,
        url,
        lang: language.code.clone(),
        lang_prefix: language.prefix.clone(),
        strings: Arc::clone(&language.strings),
        translation_key: slash_path(&rel),
        html: String::new(),
        summary_html: String::new(),
        toc: Vec::new(),
        ids: Vec::new(),
        key_figures: Vec::new(),
        word_count: 0,
        charts_used: Vec::new(),
        data_used: Vec::new(),
        links_to: Vec::new(),
        link_spots: Vec::new(),
        charts: Vec::new(),
        appendix_html: String::new(),
        listed: None,
    };
    Ok((page, warnings))
}

/// Front matter keys that only shape a section's listing.
const SECTION_KEYS: &[&str] = &[
    "sort_by",
    "paginate_by",
    "paginate_path",
    "paginate_reversed",
    "transparent",
    "render",
    "page_template",
];

/// A warning for each section key set on a page, where it does nothing.
fn section_keys_on_a_page(front: &FrontMatter, shown: &Path) -> Vec<Diagnostic> {
    SECTION_KEYS
        .iter()
        .filter_map(|key| {
            let line = front.line_of(key)?;
            Some(
                Diagnostic::at(
                    shown,
                    line,
                    None,
                    format!(
                        "`{key}` only applies to a section (an _index.md file) and is ignored here"
                    ),
                )
                .with_hint("move it to the _index.md of the page's folder"),
            )
        })
        .collect()
}

/// A `template` or `page_template` the site does not have: a warning, and the default
/// template instead (a theme left behind by a move must not stop the build).
pub fn fallback_templates(p: &mut Page, templates: &Templates) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let front = &mut p.front;
    for (key, slot) in [
        ("template", &mut front.template),
        ("page_template", &mut front.page_template),
    ] {
        let Some(name) = slot.as_deref() else {
            continue;
        };
        if templates.has(name) {
            continue;
        }
        let message = format!("template `{name}` not found in templates/; the default one is used");
        let line = front.key_lines.get(key).copied().unwrap_or(1);
        warnings.push(
            Diagnostic::at(&p.shown, line, None, message)
                .with_hint("add it to templates/ or remove the key"),
        );
        *slot = None;
    }
    warnings
}

/// `/a/b`, `a/b/` or `a/b` → `a/b/`; `/` → the home page, "". Each part is kept as
/// written (percent-encoding is the browser's business), only empty parts dropped.
fn own_url(path: &str) -> String {
    let parts: Vec<&str> = path
        .split('/')
        .filter(|p| !p.is_empty() && *p != "." && *p != "..")
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("{}/", parts.join("/"))
    }
}

/// Each folder name of a content path as a URL folder (`[slugify] paths`).
fn url_path(dir: &str, slugs: SlugStrategy) -> String {
    dir.split('/')
        .map(|part| {
            let s = path_segment(part, slugs);
            if s.is_empty() {
                part.to_string()
            } else {
                s
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Listing order: weight (pages without one last), then newest date, then title.
pub fn listing_order(a: &Page, b: &Page) -> std::cmp::Ordering {
    listing_order_key(a).cmp(&listing_order_key(b))
}

/// [`listing_order`] as a sort key (borrowed: sorting allocates nothing).
pub fn listing_order_key(p: &Page) -> (i64, Reverse<&str>, &str, &str) {
    let weight = p.front.weight.unwrap_or(i64::MAX);
    (weight, Reverse(&p.date_text), &p.front.title, &p.url)
}

/// Newest first, then title (feeds and the home page).
pub fn date_order(a: &Page, b: &Page) -> std::cmp::Ordering {
    date_order_key(a).cmp(&date_order_key(b))
}

/// [`date_order`] as a sort key (see [`listing_order_key`]).
pub fn date_order_key(p: &Page) -> (Reverse<&str>, &str, &str) {
    (Reverse(&p.date_text), &p.front.title, &p.url)
}

/// `2026-06-26`.
pub fn date_iso(d: &Datetime) -> Option<String> {
    d.date
        .map(|x| format!("{:04}-{:02}-{:02}", x.year, x.month, x.day))
}

/// RFC 3339 for feeds: a date alone is taken as midnight UTC.
pub fn date_rfc3339(d: &Datetime) -> Option<String> {
    let day = date_iso(d)?;
    let time = d
        .time
        .map(|t| format!("{:02}:{:02}:{:02}", t.hour, t.minute, t.second.unwrap_or(0)))
        .unwrap_or_else(|| "00:00:00".to_string());
    let offset = match d.offset {
        Some(toml::value::Offset::Custom { minutes }) => {
            let sign = if minutes < 0 { '-' } else { '+' };
            format!("{sign}{:02}:{:02}", minutes.abs() / 60, minutes.abs() % 60)
        }
        _ => "Z".to_string(),
    };
    Some(format!("{day}T{time}{offset}"))
}

/// The output file of a URL: `reports/x/` → `reports/x/index.html`.
pub fn output_file(url: &str) -> String {
    format!("{url}index.html")
}

/// A page file's display path (for messages about two pages).
pub fn shown(p: &Page) -> &Path {
    &p.shown
}
