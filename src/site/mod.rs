//! The build pipeline: load → parse → charts → render → write.
//!
//! [`build`] runs every stage over a site folder and writes through an [`Output`];
//! `build`, `check` and `serve` all call it. Problems are gathered across stages so a
//! user sees every one of them at once.

pub mod check;
mod context;
mod expand;
mod figures;
mod listings;
pub mod pages;
mod values;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::config::Config;
use crate::error::{Diagnostic, Diagnostics, Error};
use crate::load::{self, charts::ChartsTree, content::ContentTree};
use crate::parse::markdown;
use crate::render::Templates;
use crate::write::Output;
use context::Urls;
use pages::Page;
use values::DataEnv;

/// Choices made on the command line.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Include pages with `draft = true`.
    pub drafts: bool,
    /// Overrides `base_url` from baogao.toml.
    pub base_url: Option<String>,
    /// HTML inserted before `</body>` of every page (the dev server's reload script).
    pub inject: Option<String>,
}

/// What a successful build did.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    pub pages: usize,
    pub charts: usize,
    pub files: usize,
    pub warnings: Vec<Diagnostic>,
    pub millis: u128,
    /// The site's URL path prefix (e.g. `/reports/`).
    pub base_path: String,
    /// The source file behind each output file (for messages about links in it).
    pub origins: BTreeMap<String, PathBuf>,
}

/// Everything read from disk for one build.
pub struct Sources {
    pub root: PathBuf,
    pub config: Config,
    pub content: ContentTree,
    pub charts: ChartsTree,
    pub templates: Templates,
}

impl Sources {
    pub fn load(root: &Path, opts: &BuildOptions) -> Result<Sources, Error> {
        let mut problems = Diagnostics::default();
        let config = match Config::load(root) {
            Ok(mut c) => {
                if let Some(url) = &opts.base_url {
                    c.base_url = if url.ends_with('/') {
                        url.clone()
                    } else {
                        format!("{url}/")
                    };
                }
                Some(c)
            }
            Err(d) => {
                problems.push(d);
                None
            }
        };
        let content = load::content::load(root)?;
        let charts = load::charts::load(root)?;
        let templates = match Templates::load(root) {
            Ok(t) => Some(t),
            Err(Error::User(d)) => {
                problems.extend(d);
                None
            }
            Err(e) => return Err(e),
        };
        match (config, templates) {
            (Some(config), Some(templates)) if problems.is_empty() => Ok(Sources {
                root: root.to_path_buf(),
                config,
                content,
                charts,
                templates,
            }),
            _ => {
                // Report file problems found so far too, not only the first stage's.
                problems.0.extend(content.problems);
                problems.0.extend(charts.problems);
                Err(Error::User(problems.sorted()))
            }
        }
    }
}

/// Builds the site at `root` into `out`.
pub fn build(root: &Path, opts: &BuildOptions, out: &dyn Output) -> Result<BuildReport, Error> {
    let started = Instant::now();
    let sources = Sources::load(root, opts)?;
    let mut report = build_sources(&sources, opts, out)?;
    report.millis = started.elapsed().as_millis();
    Ok(report)
}

/// The stages after loading; `serve` calls this with sources it keeps.
pub fn build_sources(
    src: &Sources,
    opts: &BuildOptions,
    out: &dyn Output,
) -> Result<BuildReport, Error> {
    let mut problems = Diagnostics::default();
    problems.0.extend(src.content.problems.iter().cloned());
    problems.0.extend(src.charts.problems.iter().cloned());
    let mut warnings = Vec::new();
    let urls = Urls::new(&src.config);
    let site_value = context::site(&src.config, &urls);

    // Parse.
    let parsed: Vec<_> = src.content.files.par_iter().map(pages::parse).collect();
    let mut all: Vec<Page> = Vec::new();
    for r in parsed {
        match r {
            Ok((page, w)) => {
                warnings.extend(w);
                if opts.drafts || !page.front.draft {
                    all.push(page);
                }
            }
            Err(d) => problems.push(d),
        }
    }
    check_unique_urls(&all, &mut problems);

    // Charts, each drawn once however many pages use it.
    let data = DataEnv {
        tables: &src.charts.tables,
        metas: &src.charts.metas,
        specs: &src.charts.specs,
        default_decimals: src.config.format.decimals,
    };
    let drawn = figures::draw_all(src, &urls, &site_value, &mut problems);

    // Shortcodes and Markdown.
    let env = expand::ExpandEnv {
        data: &data,
        figures: &drawn.figures,
        templates: &src.templates,
        site: &site_value,
    };
    let results: Vec<Result<Page, Vec<Diagnostic>>> =
        all.into_par_iter().map(|p| render_body(p, &env)).collect();
    let mut pages = Vec::new();
    for r in results {
        match r {
            Ok(p) => pages.push(p),
            Err(ds) => problems.0.extend(ds),
        }
    }
    if !problems.is_empty() {
        return Err(Error::User(problems.sorted()));
    }

    // Render and write.
    let mut report = listings::render_all(src, &pages, &urls, &site_value, opts, out)?;
    figures::write_all(&drawn, out)?;
    report.charts = drawn.figures.len();
    report.base_path = urls.base_path.clone();
    report.files += drawn.figures.len() * 2;
    report.warnings = warnings;
    Ok(report)
}

/// Two pages claiming one URL is an error naming both files.
fn check_unique_urls(pages: &[Page], problems: &mut Diagnostics) {
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
fn render_body(mut p: Page, env: &expand::ExpandEnv) -> Result<Page, Vec<Diagnostic>> {
    let expanded = expand::expand(&p.body, &p.shown, p.body_line_offset, env)?;
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
    p.summary_html = summary(&p, &expanded, &prefix);
    p.charts_used = expanded.charts_used;
    p.data_used = expanded.data_used;
    let mut errors = Vec::new();
    for kf in &p.front.key_figures {
        let value = match kf.kind.as_deref() {
            None | Some("value") => {
                env.data
                    .value_text(&kf.data, &kf.row, &kf.col, kf.unit.as_deref(), kf.decimals)
            }
            Some("share") => env
                .data
                .share_text(&kf.data, &kf.row, &kf.col, None, kf.decimals),
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
            Err(m) => errors.push(Diagnostic::file(
                &p.shown,
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

/// The listing summary: the text before `<!-- more -->`, else the description, else
/// the first paragraph.
fn summary(p: &Page, expanded: &expand::Expanded, prefix: &str) -> String {
    if let Some((before, _)) = expanded.markdown.split_once("<!-- more -->") {
        let r = markdown::render(before, &format!("{prefix}-summary"));
        return expand::fill_blocks(&r.html, &expanded.blocks);
    }
    if let Some(d) = &p.front.description {
        return format!("<p>{}</p>", crate::render::escape_html(d));
    }
    match (p.html.find("<p>"), p.html.find("</p>")) {
        (Some(s), Some(e)) if e > s => p.html.get(s..e + 4).unwrap_or("").to_string(),
        _ => String::new(),
    }
}
