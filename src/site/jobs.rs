//! Output jobs: one template, its context and the file it becomes. A page's job is
//! made on its own (so `serve` can re-render one page alone) and [`render`] turns any
//! job into text; [`render_all`] renders and writes a whole build's. Also the static
//! files of a build: theme assets, static/ and content assets.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::Value;
use tera::value::Value as TeraValue;
use tera::Context;

use super::context::{self, Urls};
use super::listing_scope::Reuse;
use super::pages::{output_file, Page};
use super::translations::{self, Alternates};
use super::{BuildReport, Sources};
use crate::error::{Diagnostic, Diagnostics, Error};
use crate::load::{content::CONTENT_DIR, slash_path, walk_files, STATIC_DIR};
use crate::render::{theme, Templates, TEMPLATES_DIR};
use crate::write::Output;

/// One file to render: template, context, output path, and the source to blame.
pub struct Job {
    pub template: String,
    pub ctx: Context,
    pub out: String,
    pub blame: PathBuf,
}

/// Sections by their folder below content/ ("" for the home page's `_index.md`).
pub fn sections_by_dir<'a>(pages: &[&'a Page]) -> BTreeMap<&'a str, &'a Page> {
    pages
        .iter()
        .filter(|p| p.is_section)
        .map(|p| (p.section_dir.as_str(), *p))
        .collect()
}

/// Sections by language and folder.
pub type SectionsByLanguage<'a> = BTreeMap<(&'a str, &'a str), &'a Page>;

/// Sections by language code and folder below content/.
pub fn sections_by_language<'a>(pages: &[&'a Page]) -> SectionsByLanguage<'a> {
    pages
        .iter()
        .filter(|p| p.is_section)
        .map(|p| ((p.lang.as_str(), p.section_dir.as_str()), *p))
        .collect()
}

/// The section of page `p`: its language's, else the default language's (a page
/// translated before its section still gets the section's template and place).
pub fn section_of<'a>(
    p: &Page,
    sections: &SectionsByLanguage<'a>,
    default_lang: &str,
) -> Option<&'a Page> {
    let dir = p.section_dir.as_str();
    sections
        .get(&(p.lang.as_str(), dir))
        .or_else(|| sections.get(&(default_lang, dir)))
        .copied()
}

/// The job of one (non-section) page. It reads the page, and of its section only
/// the title and URL.
pub fn page_job(p: &Page, section: Option<&Page>, urls: &Urls, site: &Value) -> Job {
    let site = SiteValues::new(site);
    page_job_in(p, section, urls, &site, &summary_value(p, urls))
}

/// A page's summary as listings show it, converted for templates.
pub fn summary_value(p: &Page, urls: &Urls) -> TeraValue {
    TeraValue::from_serializable(&context::Summary::of(p, urls))
}

/// [`page_job`] with the site and the page's `summary` already converted for templates:
/// a build converts each language's site once, and each summary once for the page and
/// every listing that shows it.
pub fn page_job_in(
    p: &Page,
    section: Option<&Page>,
    urls: &Urls,
    site: &SiteValues,
    summary: &TeraValue,
) -> Job {
    // page.html's `page`: the summary's fields, then the page's own.
    let mut page = summary.clone().into_map().unwrap_or_default();
    let fields = context::PageFields::of(p, section, urls, site.json);
    let fields = TeraValue::from_serializable(&fields).into_map();
    page.extend(fields.into_iter().flatten());
    let mut ctx = Context::new();
    ctx.insert_value("site", site.tera.clone());
    ctx.insert("current_path", &urls.path(&p.url));
    ctx.insert_value("page", TeraValue::from(page));
    Job {
        template: p
            .front
            .template
            .clone()
            .or_else(|| section.and_then(|s| s.front.page_template.clone()))
            .unwrap_or_else(|| "page.html".into()),
        ctx,
        out: output_file(&p.url),
        blame: p.shown.clone(),
    }
}

/// Renders a job into the bytes of its file. (`serve` adds its reload script when it
/// serves a page, so what is built is what is published.)
pub fn render(templates: &Templates, job: &Job) -> Result<Vec<u8>, Diagnostic> {
    if !templates.has(&job.template) {
        return Err(Diagnostic::file(
            &job.blame,
            format!("template `{}` not found in templates/", job.template),
        ));
    }
    templates.render_bytes(&job.template, &job.ctx)
}

/// Theme assets: the default ones, then the site's templates/assets/ overriding by name.
pub fn theme_assets(root: &Path) -> Result<BTreeMap<String, Vec<u8>>, Error> {
    let mut files: BTreeMap<String, Vec<u8>> = theme::ASSETS
        .iter()
        .map(|(name, bytes)| (format!("assets/{name}"), bytes.to_vec()))
        .collect();
    let site_assets = root.join(TEMPLATES_DIR).join("assets");
    for rel in walk_files(&site_assets)? {
        let bytes =
            std::fs::read(site_assets.join(&rel)).map_err(|e| Error::internal(rel.display(), e))?;
        files.insert(format!("assets/{}", slash_path(&rel)), bytes);
    }
    Ok(files)
}

/// The files of static/, copied to the output root as they are (CNAME, favicon,
/// images, downloads), by output path. Hidden files are skipped, as everywhere.
pub fn static_files(root: &Path) -> Result<BTreeMap<String, Vec<u8>>, Error> {
    let dir = root.join(STATIC_DIR);
    let mut files = BTreeMap::new();
    for rel in walk_files(&dir)? {
        let bytes = std::fs::read(dir.join(&rel)).map_err(|e| Error::internal(rel.display(), e))?;
        files.insert(slash_path(&rel), bytes);
    }
    Ok(files)
}

/// Theme assets, then static/ (a static file replaces a theme asset of the same path,
/// so a site can swap the theme's stylesheet or icon).
pub fn site_assets(root: &Path) -> Result<BTreeMap<String, Vec<u8>>, Error> {
    let mut files = theme_assets(root)?;
    files.extend(static_files(root)?);
    Ok(files)
}

/// One non-Markdown file of content/ (`rel` relative to it), copied as it is.
pub fn content_asset(root: &Path, rel: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(root.join(CONTENT_DIR).join(rel)).map_err(|e| Error::internal(rel.display(), e))
}

/// Generated files a site's own static file replaces (Hugo sites ship their own
/// robots.txt); any other clash with a generated file is an error.
pub const REPLACED_BY_STATIC: &[&str] = &["robots.txt", "404.html"];

/// Every static file of a build by output path: theme assets, static/, then content
/// assets (a content file overrides both at the same path).
pub fn all_assets(
    root: &Path,
    content_assets: &[PathBuf],
) -> Result<BTreeMap<String, Vec<u8>>, Error> {
    let mut files = site_assets(root)?;
    for rel in content_assets {
        files.insert(slash_path(rel), content_asset(root, rel)?);
    }
    Ok(files)
}

/// The source file behind an asset's output path, for messages: content/, else
/// static/, else the theme's templates/assets/.
pub fn asset_origin(root: &Path, content_assets: &[PathBuf], path: &str) -> PathBuf {
    if content_assets.iter().any(|rel| slash_path(rel) == path) {
        Path::new(CONTENT_DIR).join(path)
    } else if root.join(STATIC_DIR).join(path).is_file() {
        Path::new(STATIC_DIR).join(path)
    } else {
        Path::new(TEMPLATES_DIR).join(path)
    }
}

/// A language's site as templates get it: as JSON (what page values are built from)
/// and converted once for templates.
pub struct SiteValues<'a> {
    pub json: &'a Value,
    pub tera: TeraValue,
}

impl<'a> SiteValues<'a> {
    pub fn new(json: &'a Value) -> Self {
        SiteValues {
            json,
            tera: TeraValue::from_serializable(json),
        }
    }
}

/// Renders one (non-section) page and writes it; the problem if that failed.
#[allow(clippy::too_many_arguments)]
pub fn write_page(
    src: &Sources,
    p: &Page,
    section: Option<&Page>,
    urls: &Urls,
    site: &SiteValues,
    summary: &TeraValue,
    alternates: &Alternates,
    out: &dyn Output,
) -> Option<Diagnostic> {
    let mut job = page_job_in(p, section, urls, site, summary);
    alternates.add_to(&mut job, &p.lang);
    write_job(src, job, out)
}

fn write_job(src: &Sources, job: Job, out: &dyn Output) -> Option<Diagnostic> {
    render(&src.templates, &job)
        .and_then(|t| {
            out.write(&job.out, &t)
                .map_err(|e| Diagnostic::file(&job.blame, e))
        })
        .err()
}

/// Renders and writes the listings and the assets of a full build whose pages are
/// written already (`page_errors`: the problems writing them). Pages are written as
/// their bodies are rendered, so a build never holds every page's HTML at once.
#[allow(clippy::too_many_arguments)]
pub fn render_rest(
    src: &Sources,
    pages: &[&Page],
    urls: &Urls,
    sites: &BTreeMap<String, Value>,
    alternates: &Alternates,
    out: &dyn Output,
    mut errors: Vec<Diagnostic>,
) -> Result<BuildReport, Error> {
    let mut origins: BTreeMap<String, PathBuf> = pages
        .iter()
        .filter(|p| !p.is_section)
        .map(|p| (output_file(&p.url), p.shown.clone()))
        .collect();
    let assets = all_assets(&src.root, &src.content.assets)?;
    let mut listing = translations::listing_jobs(
        &src.config,
        &src.languages,
        pages,
        urls,
        sites,
        alternates,
        Reuse::none(),
    )?
    .jobs;
    listing
        .retain(|j| !(REPLACED_BY_STATIC.contains(&j.out.as_str()) && assets.contains_key(&j.out)));
    let file_count = origins.len() + listing.len();
    origins.extend(listing.iter().map(|j| (j.out.clone(), j.blame.clone())));
    errors.par_extend(
        listing
            .into_par_iter()
            .filter_map(|job| write_job(src, job, out)),
    );
    if !errors.is_empty() {
        return Err(Error::User(Diagnostics(errors).sorted()));
    }
    for (path, bytes) in &assets {
        out.write(path, bytes).map_err(|e| {
            let origin = asset_origin(&src.root, &src.content.assets, path);
            Error::from(Diagnostic::file(origin, e))
        })?;
    }
    let shared = translations::bundle_assets(pages, &src.languages, &src.content.assets);
    for (path, rel) in &shared {
        let bytes = content_asset(&src.root, rel)?;
        out.write(path, &bytes)
            .map_err(|e| Error::from(Diagnostic::file(Path::new(CONTENT_DIR).join(rel), e)))?;
    }
    Ok(BuildReport {
        pages: pages.iter().filter(|p| !p.is_section).count(),
        files: file_count + assets.len() + shared.len(),
        origins,
        ..BuildReport::default()
    })
}
