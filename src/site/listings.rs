//! The render-and-write stage: every page, section, the home page, tag pages, the
//! Atom feed, sitemap, robots.txt, 404 page, alias redirects and assets.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use serde_json::{json, Value};
use tera::Context;

use super::context::{self, tag_url, Urls};
use super::pages::{date_iso, date_order, date_rfc3339, listing_order, output_file, Page};
use super::{BuildOptions, BuildReport, Sources};
use crate::error::{Diagnostic, Diagnostics, Error};
use crate::load::{content::CONTENT_DIR, slash_path, walk_files};
use crate::render::{theme, TEMPLATES_DIR};
use crate::write::Output;

const FEED_SIZE: usize = 20;

/// One file to render: template, context, output path, and the source to blame.
struct Job {
    template: String,
    ctx: Context,
    out: String,
    blame: std::path::PathBuf,
    /// The line of `template = …` in the blamed file, when it chose the template.
    blame_line: Option<usize>,
}

pub fn render_all(
    src: &Sources,
    pages: &[Page],
    urls: &Urls,
    site: &Value,
    opts: &BuildOptions,
    out: &dyn Output,
) -> Result<BuildReport, Error> {
    let base = |extra: Vec<(&str, Value)>, current: &str| {
        let mut ctx = Context::new();
        ctx.insert("site", site);
        ctx.insert("current_path", &urls.path(current));
        for (k, v) in extra {
            ctx.insert(k.to_string(), &v);
        }
        ctx
    };
    let sections: BTreeMap<&str, &Page> = pages
        .iter()
        .filter(|p| p.is_section)
        .map(|p| (p.section_dir.as_str(), p))
        .collect();
    let mut members: BTreeMap<&str, Vec<&Page>> = BTreeMap::new();
    for p in pages.iter().filter(|p| !p.is_section) {
        members.entry(p.section_dir.as_str()).or_default().push(p);
    }
    for list in members.values_mut() {
        list.sort_by(|a, b| listing_order(a, b));
    }
    let mut by_date: Vec<&Page> = pages.iter().filter(|p| !p.is_section).collect();
    by_date.sort_by(|a, b| date_order(a, b));

    let mut jobs: Vec<Job> = Vec::new();
    for p in pages.iter().filter(|p| !p.is_section) {
        let section = sections.get(p.section_dir.as_str()).copied();
        jobs.push(Job {
            template: p
                .front
                .template
                .clone()
                .unwrap_or_else(|| "page.html".into()),
            ctx: base(vec![("page", context::page(p, section, urls))], &p.url),
            out: output_file(&p.url),
            blame: p.shown.clone(),
            blame_line: p.front.line_of("template"),
        });
    }
    let empty = Vec::new();
    let mut section_list = Vec::new();
    for (dir, s) in &sections {
        let list = members.get(dir).unwrap_or(&empty);
        let value = context::section(s, list, urls);
        if !dir.is_empty() {
            section_list.push(value.clone());
            jobs.push(Job {
                template: s
                    .front
                    .template
                    .clone()
                    .unwrap_or_else(|| "section.html".into()),
                ctx: base(vec![("section", value)], &s.url),
                out: output_file(&s.url),
                blame: s.shown.clone(),
                blame_line: s.front.line_of("template"),
            });
        }
    }
    let root_section = match sections.get("") {
        Some(s) => context::section(s, members.get("").unwrap_or(&empty), urls),
        None => json!({"title": src.config.title, "description": src.config.description,
            "content": "", "path": urls.path(""), "permalink": urls.permalink(""), "pages": [], "extra": {}, "toc": []}),
    };
    let all_summaries: Vec<Value> = by_date.iter().map(|p| context::summary(p, urls)).collect();
    let index_template = sections
        .get("")
        .and_then(|s| s.front.template.clone())
        .unwrap_or_else(|| "index.html".into());
    let index_blame = sections
        .get("")
        .map_or_else(|| Path::new(CONTENT_DIR).to_path_buf(), |s| s.shown.clone());
    jobs.push(Job {
        template: index_template,
        ctx: base(
            vec![
                ("section", root_section),
                ("sections", json!(section_list)),
                ("pages", json!(all_summaries)),
            ],
            "",
        ),
        out: "index.html".into(),
        blame: index_blame,
        blame_line: sections.get("").and_then(|s| s.front.line_of("template")),
    });

    // Tags.
    let mut tags: BTreeMap<String, (String, Vec<Value>)> = BTreeMap::new();
    for p in &by_date {
        for t in &p.front.tags {
            let entry = tags
                .entry(tag_url(t))
                .or_insert_with(|| (t.clone(), Vec::new()));
            entry.1.push(context::summary(p, urls));
        }
    }
    let content_dir = Path::new(CONTENT_DIR).to_path_buf();
    let tag_list: Vec<Value> = tags
        .iter()
        .map(|(url, (name, list))| json!({"name": name, "path": urls.path(url), "count": list.len()}))
        .collect();
    jobs.push(Job {
        template: "tags.html".into(),
        ctx: base(vec![("tags", json!(tag_list))], "tags/"),
        out: "tags/index.html".into(),
        blame: content_dir.clone(),
        blame_line: None,
    });
    for (url, (name, list)) in &tags {
        jobs.push(Job {
            template: "tag.html".into(),
            ctx: base(
                vec![(
                    "tag",
                    json!({"name": name, "path": urls.path(url), "pages": list}),
                )],
                url,
            ),
            out: output_file(url),
            blame: content_dir.clone(),
            blame_line: None,
        });
    }

    // Aliases: redirect pages at old URLs.
    for p in pages {
        for alias in &p.front.aliases {
            let a = alias.trim_matches('/');
            if a.is_empty() || a.split('/').any(|c| c == ".." || c == "." || c.is_empty()) {
                return Err(Diagnostic::file(
                    &p.shown,
                    format!("alias `{alias}` is not a usable path"),
                )
                .into());
            }
            let ctx = base(
                vec![
                    ("target_path", json!(urls.path(&p.url))),
                    ("target_permalink", json!(urls.permalink(&p.url))),
                ],
                &format!("{a}/"),
            );
            jobs.push(Job {
                template: "alias.html".into(),
                ctx,
                out: format!("{a}/index.html"),
                blame: p.shown.clone(),
                blame_line: None,
            });
        }
    }

    // Feed, sitemap, robots, 404.
    let feed: Vec<&&Page> = by_date
        .iter()
        .filter(|p| p.front.date.is_some())
        .take(FEED_SIZE)
        .collect();
    let updated = feed
        .first()
        .and_then(|p| p.front.date.as_ref())
        .and_then(date_rfc3339)
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let feed_pages: Vec<Value> = feed.iter().map(|p| context::summary(p, urls)).collect();
    jobs.push(Job {
        template: "atom.xml".into(),
        ctx: base(
            vec![
                ("pages", json!(feed_pages)),
                ("updated_rfc3339", json!(updated)),
                ("feed_url", json!(urls.permalink("atom.xml"))),
            ],
            "atom.xml",
        ),
        out: "atom.xml".into(),
        blame: content_dir.clone(),
        blame_line: None,
    });
    let mut entries: Vec<Value> = vec![json!({"permalink": urls.permalink(""), "lastmod": null})];
    for p in pages.iter().filter(|p| !p.url.is_empty()) {
        entries.push(json!({"permalink": urls.permalink(&p.url),
            "lastmod": p.front.updated.as_ref().or(p.front.date.as_ref()).and_then(date_iso)}));
    }
    entries.push(json!({"permalink": urls.permalink("tags/"), "lastmod": null}));
    for url in tags.keys() {
        entries.push(json!({"permalink": urls.permalink(url), "lastmod": null}));
    }
    jobs.push(Job {
        template: "sitemap.xml".into(),
        ctx: base(vec![("entries", json!(entries))], "sitemap.xml"),
        out: "sitemap.xml".into(),
        blame: content_dir.clone(),
        blame_line: None,
    });
    jobs.push(Job {
        template: "robots.txt".into(),
        ctx: base(
            vec![("sitemap_url", json!(urls.permalink("sitemap.xml")))],
            "robots.txt",
        ),
        out: "robots.txt".into(),
        blame: content_dir.clone(),
        blame_line: None,
    });
    jobs.push(Job {
        template: "404.html".into(),
        ctx: base(vec![], "404.html"),
        out: "404.html".into(),
        blame: content_dir,
        blame_line: None,
    });

    let file_count = jobs.len();
    let origins: BTreeMap<String, std::path::PathBuf> = jobs
        .iter()
        .map(|j| (j.out.clone(), j.blame.clone()))
        .collect();
    let errors: Vec<Diagnostic> = jobs
        .into_par_iter()
        .filter_map(|job| run(src, job, opts, out).err())
        .collect();
    if !errors.is_empty() {
        return Err(Error::User(Diagnostics(errors).sorted()));
    }
    let assets = copy_assets(src, out)?;
    Ok(BuildReport {
        pages: pages.iter().filter(|p| !p.is_section).count(),
        files: file_count + assets,
        origins,
        ..BuildReport::default()
    })
}

fn run(src: &Sources, job: Job, opts: &BuildOptions, out: &dyn Output) -> Result<(), Diagnostic> {
    if !src.templates.has(&job.template) {
        let message = format!("template `{}` not found in templates/", job.template);
        return Err(match job.blame_line {
            Some(line) => Diagnostic::at(&job.blame, line, None, message),
            None => Diagnostic::file(&job.blame, message),
        });
    }
    let mut text = src.templates.render(&job.template, &job.ctx)?;
    if let Some(script) = &opts.inject {
        if job.out.ends_with(".html") {
            match text.rfind("</body>") {
                Some(i) => text.insert_str(i, script),
                None => text.push_str(script),
            }
        }
    }
    out.write(&job.out, text.as_bytes())
        .map_err(|e| Diagnostic::file(&job.blame, e))
}

/// Theme assets (default, then the site's templates/assets/ overriding by name) and
/// the non-Markdown files of content/.
fn copy_assets(src: &Sources, out: &dyn Output) -> Result<usize, Error> {
    let root = &src.root;
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
    let content = root.join(CONTENT_DIR);
    for rel in &src.content.assets {
        let bytes =
            std::fs::read(content.join(rel)).map_err(|e| Error::internal(rel.display(), e))?;
        files.insert(slash_path(rel), bytes);
    }
    for (path, bytes) in &files {
        out.write(path, bytes)
            .map_err(|e| Error::from(Diagnostic::file(Path::new(CONTENT_DIR).join(path), e)))?;
    }
    Ok(files.len())
}
