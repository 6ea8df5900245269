//! The listing files that are not lists of entries: alias redirects, Atom feeds (the
//! site's and each taxonomy term's), sitemap.xml, robots.txt and the 404 page.

use std::path::Path;

use serde::Serialize;
use serde_json::{json, Value};
use tera::value::Value as TeraValue;

use super::jobs::Job;
use super::listing_env::ListingEnv;
use super::listings::content_dir;
use super::pages::{date_iso, date_rfc3339, Page};
use crate::error::{Diagnostic, Error};

/// The sitemap's file.
pub const SITEMAP: &str = "sitemap.xml";

/// Entries in a feed: the newest pages with a date.
const FEED_SIZE: usize = 20;

fn value(v: Value) -> TeraValue {
    TeraValue::from_serializable(&v)
}

/// Redirect pages at every page's old URLs (`aliases`).
pub fn aliases(env: &ListingEnv, pages: &[&Page]) -> Result<Vec<Job>, Error> {
    let mut jobs = Vec::new();
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
            jobs.push(env.redirect(&format!("{a}/"), &p.url, &p.shown));
        }
    }
    Ok(jobs)
}

/// A feed of the newest dated pages of `by_date` (newest first) written to `out`;
/// `listing` is the title and URL of the listing it follows (none: the site).
pub fn feed(
    env: &ListingEnv,
    by_date: &[&Page],
    out: &str,
    listing: Option<(&str, &str)>,
    blame: &Path,
) -> Job {
    let entries: Vec<&Page> = by_date
        .iter()
        .copied()
        .filter(|p| p.front.date.is_some())
        .take(FEED_SIZE)
        .collect();
    let updated = entries
        .first()
        .and_then(|p| p.front.date.as_ref())
        .and_then(date_rfc3339)
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let site_title = &env.config.title;
    let (title, alternate) = match listing {
        Some((name, url)) => (format!("{name} | {site_title}"), env.urls.permalink(url)),
        None => (site_title.clone(), env.urls.permalink("")),
    };
    Job {
        template: "atom.xml".into(),
        ctx: env.ctx(
            vec![
                ("pages", env.list(&entries)),
                ("updated_rfc3339", value(json!(updated))),
                ("feed_url", value(json!(env.urls.permalink(out)))),
                ("feed_title", value(json!(title))),
                ("alternate_url", value(json!(alternate))),
            ],
            out,
        ),
        out: out.to_string(),
        blame: blame.to_path_buf(),
    }
}

/// sitemap.xml: the home page, every written page and section (`listed`, content
/// order), then the other listing pages (`more_urls`: pages 2.., taxonomies).
pub fn sitemap(env: &ListingEnv, listed: &[&Page], more_urls: &[String]) -> Job {
    let urls = env.urls;
    let entry = |url: &str, lastmod: Option<String>| {
        let permalink = urls.permalink(url);
        TeraValue::from_serializable(&SitemapEntry { permalink, lastmod })
    };
    let mut entries = Vec::with_capacity(1 + listed.len() + more_urls.len());
    entries.push(entry("", None));
    for p in listed.iter().filter(|p| !p.url.is_empty()) {
        entries.push(env.sitemap_entry(p, || {
            let lastmod = p.front.updated.as_ref().or(p.front.date.as_ref());
            entry(&p.url, lastmod.and_then(date_iso))
        }));
    }
    for url in more_urls {
        entries.push(entry(url, None));
    }
    Job {
        template: "sitemap.xml".into(),
        ctx: env.ctx(vec![("entries", TeraValue::from(entries))], SITEMAP),
        out: SITEMAP.into(),
        blame: content_dir(),
    }
}

/// One URL of sitemap.xml, converted for templates straight from this type (a site
/// has as many as it has pages).
#[derive(Serialize)]
struct SitemapEntry {
    permalink: String,
    lastmod: Option<String>,
}

/// robots.txt and 404.html.
pub fn fixed(env: &ListingEnv) -> Vec<Job> {
    let sitemap_url = value(json!(env.urls.permalink("sitemap.xml")));
    vec![
        Job {
            template: "robots.txt".into(),
            ctx: env.ctx(vec![("sitemap_url", sitemap_url)], "robots.txt"),
            out: "robots.txt".into(),
            blame: content_dir(),
        },
        Job {
            template: "404.html".into(),
            ctx: env.ctx(vec![], "404.html"),
            out: "404.html".into(),
            blame: content_dir(),
        },
    ]
}
