//! Taxonomies declared in baogao.toml (`tags` and `categories` unless it says
//! otherwise): for each, a page listing its terms at `<name>/`, and for each term a
//! paged listing of its pages at `<name>/<term>/` with an Atom feed beside it. A
//! taxonomy no page uses has no pages at all, and the theme's nav leaves it out.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use serde_json::{json, Value};
use tera::value::Value as TeraValue;

use super::context::term_url;
use super::jobs::Job;
use super::listing_env::{tera_map, ListingEnv};
use super::listings::content_dir;
use super::pages::{output_file, Page};
use super::paginate::Paging;
use super::sections::SectionsByDir;
use super::{site_files, summary, translations};
use crate::config::{Config, TaxonomyConfig};
use crate::load::languages::Languages;

/// One taxonomy with its terms.
pub struct Taxonomy<'a> {
    config: &'a TaxonomyConfig,
    paging: Paging<'a>,
    /// Terms by URL: the name as first written, and its pages newest first.
    terms: BTreeMap<String, (String, Vec<&'a Page>)>,
}

/// The terms of a page in taxonomy `name`.
pub fn terms_of<'p>(p: &'p Page, name: &str) -> &'p [String] {
    if name == "tags" {
        &p.front.tags
    } else {
        p.front.terms.get(name).map_or(&[], Vec::as_slice)
    }
}

/// Every declared taxonomy with the terms `by_date` (pages, newest first) use.
pub fn collect<'a>(config: &'a Config, by_date: &[&'a Page]) -> Vec<Taxonomy<'a>> {
    config
        .taxonomies
        .iter()
        .map(|t| {
            let mut terms: BTreeMap<String, (String, Vec<&Page>)> = BTreeMap::new();
            // Many pages share a term: slugify each name once.
            let mut url_of: FxHashMap<&str, String> = FxHashMap::default();
            for p in by_date {
                for name in terms_of(p, &t.name) {
                    let url = url_of
                        .entry(name.as_str())
                        .or_insert_with(|| term_url(&t.name, name));
                    match terms.get_mut(url.as_str()) {
                        Some((_, pages)) => pages.push(p),
                        None => {
                            terms.insert(url.clone(), (name.clone(), vec![p]));
                        }
                    }
                }
            }
            Taxonomy {
                config: t,
                paging: Paging {
                    by: t.paginate_by.unwrap_or(config.paginate_by),
                    path: &config.paginate_path,
                },
                terms,
            }
        })
        .collect()
}

/// Adds `taxonomies` to each language's `site`: the taxonomies its pages use, each
/// with its name, title and path, for the theme's nav. Says whether any changed.
pub fn add_to_sites(
    sites: &mut BTreeMap<String, Value>,
    config: &Config,
    languages: &Languages,
    pages: &[&Page],
) -> bool {
    let mut changed = false;
    for lang in &languages.list {
        let lang_config = translations::language_config(config, lang);
        let own: Vec<&Page> = pages
            .iter()
            .copied()
            .filter(|p| p.lang == lang.code && !p.is_section)
            .collect();
        // A taxonomy is used as soon as one page has a term in it.
        let used: Vec<Value> = lang_config
            .taxonomies
            .iter()
            .filter(|t| own.iter().any(|p| !terms_of(p, &t.name).is_empty()))
            .map(|t| {
                let name = &t.name;
                let title = t.title.as_deref().unwrap_or(default_title(name));
                json!({"name": name, "title": title, "path": format!("{name}/")})
            })
            .collect();
        if let Some(Value::Object(site)) = sites.get_mut(&lang.code) {
            let used = Value::from(used);
            if site.get("taxonomies") != Some(&used) {
                site.insert("taxonomies".into(), used);
                changed = true;
            }
        }
    }
    changed
}

/// A taxonomy's heading when baogao.toml gives none.
pub fn default_title(name: &str) -> &str {
    match name {
        "tags" => "标签",
        "categories" => "分类",
        other => other,
    }
}

impl Taxonomy<'_> {
    fn url(&self) -> String {
        format!("{}/", self.config.name)
    }

    /// The URLs of its pages: the term list, then each term's first page (none when
    /// no page uses it).
    pub fn urls(&self) -> Vec<String> {
        if self.terms.is_empty() {
            return Vec::new();
        }
        std::iter::once(self.url())
            .chain(self.terms.keys().cloned())
            .collect()
    }

    /// Its list page, and each term's pages and feed; their URLs (but the feeds') go
    /// to `sitemap_urls`. A section at one of these URLs lends the page its text.
    pub fn jobs(
        &self,
        env: &ListingEnv,
        sections: &SectionsByDir,
        sitemap_urls: &mut Vec<String>,
    ) -> Vec<Job> {
        if self.terms.is_empty() {
            return Vec::new();
        }
        let urls = env.urls;
        let name = &self.config.name;
        let title = self
            .config
            .title
            .as_deref()
            .unwrap_or_else(|| default_title(name));
        let by_url: BTreeMap<&str, &Page> =
            sections.values().map(|s| (s.url.as_str(), *s)).collect();
        let text_of = |url: &str| {
            let section = by_url.get(url);
            let blame = section.map_or_else(content_dir, |s| s.shown.clone());
            (section.map_or("", |s| s.html.as_str()).to_string(), blame)
        };
        let (content, blame) = text_of(&self.url());
        let taxonomy = TeraValue::from_serializable(&json!({"name": name, "title": title,
            "path": urls.path(&self.url()), "content": content}));
        let listed: Vec<_> = self
            .terms
            .iter()
            .map(|(url, (term, pages))| json!({"name": term, "path": urls.path(url), "count": pages.len()}))
            .collect();
        let mut jobs = vec![Job {
            template: "tags.html".into(),
            ctx: env.ctx(
                vec![
                    ("tags", TeraValue::from_serializable(&listed)),
                    ("taxonomy", taxonomy.clone()),
                ],
                &self.url(),
            ),
            out: output_file(&self.url()),
            blame,
        }];
        sitemap_urls.push(self.url());
        for (url, (term, pages)) in &self.terms {
            let feed_url = format!("{url}atom.xml");
            if !env.scope.term(url) {
                // Out of scope: its files stand as last made.
                sitemap_urls.push(url.clone());
                env.keep_paged(url, pages.len(), self.paging, sitemap_urls);
                if self.config.feed {
                    env.keep(feed_url);
                }
                continue;
            }
            let (content, blame) = text_of(url);
            let term_value = |content: String| {
                tera_map(
                    json!({"name": term, "path": urls.path(url), "content": content,
                        "feed_path": self.config.feed.then(|| urls.path(&feed_url))}),
                    vec![("pages", env.list(pages))],
                )
            };
            // Pages after the first live deeper: the text's relative links are rebased.
            let later_tag = term_value(summary::rebased_body(&content, &urls.path(url)));
            let tag = term_value(content);
            sitemap_urls.push(url.clone());
            jobs.extend(env.paged(
                url,
                pages,
                self.paging,
                &blame,
                sitemap_urls,
                |at, paginator| {
                    let tag = match at == url {
                        true => tag.clone(),
                        false => later_tag.clone(),
                    };
                    let mut vars = vec![("tag", tag), ("taxonomy", taxonomy.clone())];
                    vars.extend(paginator.map(|p| ("paginator", p)));
                    Job {
                        template: "tag.html".into(),
                        ctx: env.ctx(vars, at),
                        out: output_file(at),
                        blame: blame.clone(),
                    }
                },
            ));
            if self.config.feed {
                jobs.push(site_files::feed(
                    env,
                    pages,
                    &feed_url,
                    Some((term, url)),
                    &blame,
                ));
            }
        }
        jobs
    }
}
