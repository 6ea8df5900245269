//! The build pipeline: load → parse → charts → render → write.
//!
//! [`build`] runs every stage over a site folder and writes through an [`Output`];
//! `build`, `check` and `serve` all call it. Problems are gathered across stages so a
//! user sees every one of them at once.

pub mod body;
pub mod check;
pub mod context;
pub mod expand;
pub mod figure_store;
pub mod figures;
pub mod jobs;
pub mod links;
pub mod listing_env;
pub mod listing_scope;
pub mod listings;
mod metadata;
pub mod pages;
pub mod paginate;
pub mod sections;
mod site_files;
pub mod site_shortcodes;
mod summary;
pub mod summary_cache;
pub mod taxonomies;
pub mod translations;
pub mod values;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::config::Config;
use crate::error::{Diagnostic, Diagnostics, Error};
use crate::load::languages::Languages;
use crate::load::{self, charts::ChartsTree, content::ContentTree};
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
    /// Where each link of each content file is written, by source file.
    pub link_spots: BTreeMap<PathBuf, Vec<links::LinkSpot>>,
}

/// Everything read from disk for one build.
pub struct Sources {
    pub root: PathBuf,
    pub config: Config,
    /// The default language first, then the others declared in baogao.toml.
    pub languages: Languages,
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
        let text =
            std::fs::read_to_string(root.join(crate::config::CONFIG_FILE)).unwrap_or_default();
        let languages = match config.as_ref().map(|c| Languages::from_config(c, &text)) {
            Some(Ok(l)) => Some(l),
            Some(Err(d)) => {
                problems.push(d);
                None
            }
            None => None,
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
        match (config, languages, templates) {
            (Some(config), Some(languages), Some(templates)) if problems.is_empty() => {
                Ok(Sources {
                    root: root.to_path_buf(),
                    config,
                    languages,
                    content,
                    charts,
                    templates,
                })
            }
            _ => {
                // Report file problems found so far too, not only the first stage's.
                problems.0.extend(content.problems);
                problems.0.extend(charts.problems);
                Err(Error::User(problems.sorted()))
            }
        }
    }
}

/// A page after its body stage: the page (its HTML dropped once written) and the
/// problem writing it, or the problems of its body.
type Written = Result<(Page, Option<Diagnostic>), Vec<Diagnostic>>;

/// Builds the site at `root` into `out`.
pub fn build(root: &Path, opts: &BuildOptions, out: &dyn Output) -> Result<BuildReport, Error> {
    let started = Instant::now();
    let mut sources = Sources::load(root, opts)?;
    let mut report = build_sources(&mut sources, opts, out)?;
    report.millis = started.elapsed().as_millis();
    Ok(report)
}

/// The stages after loading. Each content file's text becomes its page's body (taken
/// out of `src`, not copied): 100,000 pages held 400 MB of Markdown to the end.
pub fn build_sources(
    src: &mut Sources,
    opts: &BuildOptions,
    out: &dyn Output,
) -> Result<BuildReport, Error> {
    let mut problems = Diagnostics::default();
    problems.0.extend(src.content.problems.iter().cloned());
    problems.0.extend(src.charts.problems.iter().cloned());
    let mut warnings = Vec::new();
    let urls = Urls::new(&src.config);
    let mut sites = translations::site_values(&src.config, &urls, &src.languages);
    let no_site = serde_json::Value::Null;

    // Parse.
    let taxonomies = src.config.taxonomy_names();
    let (languages, slugs) = (&src.languages, src.config.slugify.paths);
    let parsed: Vec<_> = src
        .content
        .files
        .par_iter_mut()
        .map(|f| {
            let text = std::mem::take(&mut f.text);
            pages::parse_owned(f, text, languages, &taxonomies, slugs)
        })
        .collect();
    let src: &Sources = src;
    let mut all: Vec<Page> = Vec::with_capacity(parsed.len());
    let mut unbuilt = Vec::new();
    for (r, file) in parsed.into_iter().zip(&src.content.files) {
        match r {
            Ok((mut page, w)) => {
                warnings.extend(w);
                warnings.extend(pages::fallback_templates(&mut page, &src.templates));
                if opts.drafts || !page.front.draft {
                    all.push(page);
                } else {
                    unbuilt.push((file.shown.as_path(), links::Unbuilt::Draft));
                }
            }
            Err(d) => {
                problems.push(d);
                unbuilt.push((file.shown.as_path(), links::Unbuilt::Broken));
            }
        }
    }
    {
        let refs: Vec<&Page> = all.iter().collect();
        taxonomies::add_to_sites(&mut sites, &src.config, &src.languages, &refs);
    }
    let sites = sites;
    body::check_unique_urls(&all, &mut problems);
    warnings.extend(translations::unlisted_warnings(&all, &src.languages));
    let link_index = links::LinkIndex::new(&all, &urls).with_unbuilt(unbuilt);

    // Charts, each drawn once per language however many pages use it: when a page first
    // shows it (or at the end, for charts no page shows), and let go after the last such
    // page. Every declared language draws (the default one's CSV files serve all).
    problems.0.extend(figures::check_sidecars(src));
    let datas: Vec<DataEnv> = src
        .languages
        .list
        .iter()
        .map(|lang| DataEnv {
            tables: &src.charts.tables,
            broken: &src.charts.broken,
            specs: &src.charts.specs,
            default_decimals: src.config.format.decimals,
            words: Some(&lang.strings.words),
        })
        .collect();
    let stores: Vec<figure_store::FigureStore> = src
        .languages
        .list
        .iter()
        .map(|lang| {
            let site = sites.get(&lang.code).unwrap_or(&no_site);
            figure_store::FigureStore::new(src, &urls, site, lang, out)
        })
        .collect();
    for (lang, store) in src.languages.list.iter().zip(&stores) {
        store.count_uses_where(&all, |p| p.lang == lang.code);
    }

    // Shortcodes and Markdown, in each page's language; then each page is rendered and
    // written at once and its HTML dropped (sections keep theirs: listings show it).
    let envs: BTreeMap<&str, (body::ExpandEnv, &figure_store::FigureStore)> = src
        .languages
        .list
        .iter()
        .zip(datas.iter().zip(&stores))
        .map(|(lang, (data, store))| {
            let env = body::ExpandEnv {
                data,
                figures: store,
                templates: &src.templates,
                site: sites.get(&lang.code).unwrap_or(&no_site),
                links: &link_index,
            };
            (lang.code.as_str(), (env, store))
        })
        .collect();
    let heads: Vec<Page> = all.iter().filter(|p| p.is_section).cloned().collect();
    let head_refs: Vec<&Page> = heads.iter().collect();
    let sections = jobs::sections_by_language(&head_refs);
    let alternates = {
        let refs: Vec<&Page> = all.iter().collect();
        translations::Alternates::new(&refs, &src.languages, &urls)
    };
    let alternates_ref = &alternates;
    let default_lang = src.config.language.as_str();
    let site_values: BTreeMap<&str, jobs::SiteValues> = sites
        .iter()
        .map(|(code, site)| (code.as_str(), jobs::SiteValues::new(site)))
        .collect();
    let no_site_values = jobs::SiteValues::new(&no_site);
    let results: Vec<Written> = all
        .into_par_iter()
        .map(|p| {
            let Some((env, figures)) = envs.get(p.lang.as_str()) else {
                // Every language has an environment.
                let d = Diagnostic::file(&p.shown, "internal error: a page in no language");
                return Err(vec![d]);
            };
            let mut p = body::render_body(p, env)?;
            if p.is_section {
                return Ok((p, None));
            }
            let section = jobs::section_of(&p, &sections, default_lang);
            let site = site_values.get(p.lang.as_str()).unwrap_or(&no_site_values);
            let summary = jobs::summary_value(&p, &urls);
            let written =
                jobs::write_page(src, &p, section, &urls, site, &summary, alternates_ref, out);
            figures.release(&p.charts_used);
            p.keep_listed_only();
            p.listed = Some(summary);
            Ok((p, written))
        })
        .collect();
    // The other languages' drawings fail alike: their problems are the default's.
    let mut charts = 0;
    for (i, store) in stores.iter().enumerate() {
        let (drawn, chart_problems) = store.finish()?;
        if i == 0 {
            charts = drawn;
            problems.0.extend(chart_problems);
        }
    }
    let mut pages = Vec::with_capacity(results.len());
    let mut page_errors = Vec::new();
    for r in results {
        match r {
            Ok((p, written)) => {
                pages.push(p);
                page_errors.extend(written);
            }
            Err(ds) => problems.0.extend(ds),
        }
    }
    if !problems.is_empty() {
        return Err(Error::User(problems.sorted()));
    }

    // Listings and assets.
    let refs: Vec<&Page> = pages.iter().collect();
    let mut report = jobs::render_rest(src, &refs, &urls, &sites, &alternates, out, page_errors)?;
    report.charts = charts;
    report.base_path = urls.base_path.clone();
    // Each language's SVG, and the CSV once.
    report.files += charts * (src.languages.list.len() + 1);
    report.warnings = warnings;
    report.link_spots = pages.into_iter().map(|p| (p.shown, p.link_spots)).collect();
    Ok(report)
}
