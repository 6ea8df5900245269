//! The listing stage: sections, the home page, tag pages, the Atom feed, sitemap,
//! robots.txt, the 404 page and alias redirects, i.e. every file that reads more than
//! one page. [`listing_key`] fingerprints what these jobs read from a page, so `serve`
//! re-renders listings only when a key changes: keep the two in step.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

use indexmap::IndexMap;
use rayon::prelude::*;
use serde_json::{json, Value};
use tera::value::Value as TeraValue;
use tera::Context;

use super::context::{self, tag_url, Urls};
use super::jobs::{sections_by_dir, Job};
use super::pages::{date_iso, date_order, date_rfc3339, listing_order, output_file, Page};
use crate::config::Config;
use crate::error::{Diagnostic, Error};
use crate::load::content::CONTENT_DIR;

const FEED_SIZE: usize = 20;

/// What the listing jobs read from one page, as a hash: its place (URL, section,
/// file), its whole front matter, its summary as listings show it, and for a section
/// what its own listing shows of it (body, contents).
pub fn listing_key(p: &Page, urls: &Urls) -> u64 {
    let mut h = DefaultHasher::new();
    (p.is_section, &p.section_dir, &p.url, &p.shown).hash(&mut h);
    format!("{:?}", p.front).hash(&mut h);
    context::summary(p, urls).to_string().hash(&mut h);
    if p.is_section {
        context::section(p, &[], urls).to_string().hash(&mut h);
    }
    h.finish()
}

/// `base` (a JSON object) as a Tera map with the `shared` fields added as they are.
/// Tera shares arrays and maps, so a page's summary is converted once and then only
/// referenced from every listing that shows it.
fn tera_map(base: Value, shared: Vec<(&str, TeraValue)>) -> TeraValue {
    let mut map: IndexMap<String, TeraValue> = match base {
        Value::Object(m) => m
            .into_iter()
            .map(|(k, v)| (k, TeraValue::from_serializable(&v)))
            .collect(),
        other => return TeraValue::from_serializable(&other),
    };
    for (k, v) in shared {
        map.insert(k.to_string(), v);
    }
    TeraValue::from(map)
}

/// Every job that reads more than one page (`pages` in content order).
pub fn listing_jobs(
    config: &Config,
    pages: &[&Page],
    urls: &Urls,
    site: &Value,
) -> Result<Vec<Job>, Error> {
    let site = TeraValue::from_serializable(site);
    let base = |extra: Vec<(&str, TeraValue)>, current: &str| {
        let mut ctx = Context::new();
        ctx.insert_value("site", site.clone());
        ctx.insert("current_path", &urls.path(current));
        for (k, v) in extra {
            ctx.insert_value(k.to_string(), v);
        }
        ctx
    };
    let value = |v: Value| TeraValue::from_serializable(&v);
    let sections = sections_by_dir(pages);
    // Each page's summary, once, by URL (URLs are unique).
    let summaries: BTreeMap<&str, TeraValue> = pages
        .par_iter()
        .filter(|p| !p.is_section)
        .map(|p| (p.url.as_str(), value(context::summary(p, urls))))
        .collect();
    let summary = |p: &Page| {
        summaries
            .get(p.url.as_str())
            .cloned()
            .unwrap_or_else(TeraValue::none)
    };
    let list = |ps: &[&Page]| TeraValue::from(ps.iter().map(|p| summary(p)).collect::<Vec<_>>());
    let mut members: BTreeMap<&str, Vec<&Page>> = BTreeMap::new();
    for p in pages.iter().filter(|p| !p.is_section) {
        members.entry(p.section_dir.as_str()).or_default().push(p);
    }
    for list in members.values_mut() {
        list.sort_by(|a, b| listing_order(a, b));
    }
    let mut by_date: Vec<&Page> = pages.iter().copied().filter(|p| !p.is_section).collect();
    by_date.sort_by(|a, b| date_order(a, b));
    let section_value = |s: &Page, dir: &str| {
        let ms = members.get(dir).map_or(&[][..], Vec::as_slice);
        tera_map(context::section(s, &[], urls), vec![("pages", list(ms))])
    };

    let mut jobs: Vec<Job> = Vec::new();
    let mut section_list = Vec::new();
    // The home page lists sections as pages are listed: by weight, then date and title.
    let mut in_order: Vec<(&&str, &&Page)> = sections.iter().collect();
    in_order.sort_by(|(_, a), (_, b)| listing_order(a, b));
    for (dir, s) in in_order {
        if !dir.is_empty() {
            let v = section_value(s, dir);
            section_list.push(v.clone());
            jobs.push(Job {
                template: s
                    .front
                    .template
                    .clone()
                    .unwrap_or_else(|| "section.html".into()),
                ctx: base(vec![("section", v)], &s.url),
                out: output_file(&s.url),
                blame: s.shown.clone(),
            });
        }
    }
    let root_section = match sections.get("") {
        Some(s) => section_value(s, ""),
        None => value(
            json!({"title": config.title, "description": config.description,
            "content": "", "path": urls.path(""), "permalink": urls.permalink(""), "pages": [], "extra": {}, "toc": []}),
        ),
    };
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
                ("sections", TeraValue::from(section_list)),
                ("pages", list(&by_date)),
            ],
            "",
        ),
        out: "index.html".into(),
        blame: index_blame,
    });

    // Tags.
    let mut tags: BTreeMap<String, (String, Vec<&Page>)> = BTreeMap::new();
    for p in &by_date {
        for t in &p.front.tags {
            let entry = tags
                .entry(tag_url(t))
                .or_insert_with(|| (t.clone(), Vec::new()));
            entry.1.push(p);
        }
    }
    let content_dir = Path::new(CONTENT_DIR).to_path_buf();
    let tag_list: Vec<Value> = tags
        .iter()
        .map(|(url, (name, list))| json!({"name": name, "path": urls.path(url), "count": list.len()}))
        .collect();
    jobs.push(Job {
        template: "tags.html".into(),
        ctx: base(vec![("tags", value(json!(tag_list)))], "tags/"),
        out: "tags/index.html".into(),
        blame: content_dir.clone(),
    });
    for (url, (name, tagged)) in &tags {
        let tag = tera_map(
            json!({"name": name, "path": urls.path(url)}),
            vec![("pages", list(tagged))],
        );
        jobs.push(Job {
            template: "tag.html".into(),
            ctx: base(vec![("tag", tag)], url),
            out: output_file(url),
            blame: content_dir.clone(),
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
                    ("target_path", value(json!(urls.path(&p.url)))),
                    ("target_permalink", value(json!(urls.permalink(&p.url)))),
                ],
                &format!("{a}/"),
            );
            jobs.push(Job {
                template: "alias.html".into(),
                ctx,
                out: format!("{a}/index.html"),
                blame: p.shown.clone(),
            });
        }
    }

    // Feed, sitemap, robots, 404.
    let feed: Vec<&Page> = by_date
        .iter()
        .copied()
        .filter(|p| p.front.date.is_some())
        .take(FEED_SIZE)
        .collect();
    let updated = feed
        .first()
        .and_then(|p| p.front.date.as_ref())
        .and_then(date_rfc3339)
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    jobs.push(Job {
        template: "atom.xml".into(),
        ctx: base(
            vec![
                ("pages", list(&feed)),
                ("updated_rfc3339", value(json!(updated))),
                ("feed_url", value(json!(urls.permalink("atom.xml")))),
            ],
            "atom.xml",
        ),
        out: "atom.xml".into(),
        blame: content_dir.clone(),
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
        ctx: base(vec![("entries", value(json!(entries)))], "sitemap.xml"),
        out: "sitemap.xml".into(),
        blame: content_dir.clone(),
    });
    jobs.push(Job {
        template: "robots.txt".into(),
        ctx: base(
            vec![("sitemap_url", value(json!(urls.permalink("sitemap.xml"))))],
            "robots.txt",
        ),
        out: "robots.txt".into(),
        blame: content_dir.clone(),
    });
    jobs.push(Job {
        template: "404.html".into(),
        ctx: base(vec![], "404.html"),
        out: "404.html".into(),
        blame: content_dir,
    });

    Ok(jobs)
}
