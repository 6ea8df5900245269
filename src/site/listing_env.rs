//! What every listing job shares ([`ListingEnv`]: the site, its URLs, each page's summary
//! once, the scope of a rebuild and the files it keeps), and [`listing_key`], the
//! fingerprint of what listings read from a page, which `serve` compares between
//! rebuilds: keep it in step with the listing jobs in [`super::listings`].

use std::cell::RefCell;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

use indexmap::IndexMap;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde_json::Value;
use tera::value::Value as TeraValue;
use tera::Context;

use super::context::{self, Urls};
use super::jobs::Job;
use super::listing_scope::{Reuse, Scope};
use super::pages::{output_file, Page};
use super::paginate::{self, Paging};
use super::summary_cache::SummaryCache;
use crate::config::Config;

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
pub fn tera_map(base: Value, shared: Vec<(&str, TeraValue)>) -> TeraValue {
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

/// What every listing job shares: the site, its URLs and each page's summary.
pub struct ListingEnv<'a> {
    pub config: &'a Config,
    pub urls: &'a Urls,
    site: TeraValue,
    /// Each page's summary, once, by URL (URLs are unique), but those the pages carry.
    summaries: FxHashMap<&'a str, TeraValue>,
    /// The groups to make (the others' files are `kept`).
    pub scope: &'a Scope,
    kept: RefCell<Vec<String>>,
    cache: Option<&'a SummaryCache>,
}

impl<'a> ListingEnv<'a> {
    /// The files this rebuild keeps as they were (those of the groups not made again).
    pub(super) fn into_kept(self) -> Vec<String> {
        self.kept.into_inner()
    }

    pub(super) fn new(
        config: &'a Config,
        pages: &[&'a Page],
        urls: &'a Urls,
        site: &Value,
        reuse: Reuse<'a>,
    ) -> Self {
        let cache = reuse.summaries;
        // Pages written by this build carry theirs already.
        let listed: Vec<&Page> = pages
            .iter()
            .copied()
            .filter(|p| !p.is_section && p.listed.is_none())
            .collect();
        let kept = match cache {
            Some(c) => c.get_all(listed.iter().map(|p| p.shown.as_path())),
            None => Vec::new(),
        };
        let made: Vec<(&Page, bool, TeraValue)> = listed
            .par_iter()
            .enumerate()
            .map(|(i, p)| match kept.get(i).cloned().flatten() {
                Some(summary) => (*p, false, summary),
                None => {
                    let summary = super::jobs::summary_value(p, urls);
                    (*p, true, summary)
                }
            })
            .collect();
        if let Some(c) = cache {
            let new = made.iter().filter(|(_, new, _)| *new);
            c.insert_all(new.map(|(p, _, s)| (p.shown.clone(), s.clone())));
        }
        let summaries = made
            .into_iter()
            .map(|(p, _, summary)| (p.url.as_str(), summary))
            .collect();
        ListingEnv {
            config,
            urls,
            site: TeraValue::from_serializable(site),
            summaries,
            scope: reuse.scope,
            kept: RefCell::new(Vec::new()),
            cache,
        }
    }

    /// The sitemap entry of `p`, kept between builds like its summary.
    pub fn sitemap_entry(&self, p: &Page, make: impl FnOnce() -> TeraValue) -> TeraValue {
        match self.cache {
            Some(cache) => cache.sitemap_entry(&p.shown, make),
            None => make(),
        }
    }

    /// Records the output file of a group left out of scope.
    pub fn keep(&self, out: String) {
        self.kept.borrow_mut().push(out);
    }

    /// The context of a file at `current` with `extra` variables.
    pub fn ctx(&self, extra: Vec<(&str, TeraValue)>, current: &str) -> Context {
        let mut ctx = Context::new();
        ctx.insert_value("site", self.site.clone());
        ctx.insert("current_path", &self.urls.path(current));
        for (k, v) in extra {
            ctx.insert_value(k.to_string(), v);
        }
        ctx
    }

    /// The summaries of `pages`, shared.
    pub fn list(&self, pages: &[&Page]) -> TeraValue {
        TeraValue::from(
            pages
                .iter()
                .map(|p| match &p.listed {
                    Some(made) => made.clone(),
                    None => self
                        .summaries
                        .get(p.url.as_str())
                        .cloned()
                        .unwrap_or_else(TeraValue::none),
                })
                .collect::<Vec<_>>(),
        )
    }

    /// A redirect page at `from` to `to` (URLs relative to the base).
    pub fn redirect(&self, from: &str, to: &str, blame: &Path) -> Job {
        let value = |s: String| TeraValue::from_serializable(&s);
        Job {
            template: "alias.html".into(),
            ctx: self.ctx(
                vec![
                    ("target_path", value(self.urls.path(to))),
                    ("target_permalink", value(self.urls.permalink(to))),
                ],
                from,
            ),
            out: output_file(from),
            blame: blame.to_path_buf(),
        }
    }

    /// The jobs of a listing of `list` at `url`, paged: `make` builds one page's job
    /// from its URL and its paginator (none when not paged). Pages 2.. go to
    /// `more_urls` (for the sitemap).
    pub fn paged(
        &self,
        url: &str,
        list: &[&Page],
        paging: Paging,
        blame: &Path,
        more_urls: &mut Vec<String>,
        make: impl Fn(&str, Option<TeraValue>) -> Job,
    ) -> Vec<Job> {
        if paging.by == 0 {
            return vec![make(url, None)];
        }
        let pagers = paginate::pagers(url, list.len(), paging);
        let mut jobs = Vec::with_capacity(pagers.len() + 1);
        for pager in &pagers {
            let entries = self.list(paginate::slice(list, pager));
            let paginator =
                paginate::paginator(&pagers, pager, entries, list.len(), paging, self.urls);
            jobs.push(make(&pager.url, Some(paginator)));
            if pager.index > 1 {
                more_urls.push(pager.url.clone());
            }
        }
        // Page 1 is the listing itself; `<path>/1/` sends there once there are others.
        if pagers.len() > 1 {
            jobs.push(self.redirect(&first_pager_alias(url, paging), url, blame));
        }
        jobs
    }

    /// [`ListingEnv::paged`] for a listing out of scope: its files (of `count`
    /// entries) are kept as last made; its URLs still go to `more_urls`.
    pub fn keep_paged(&self, url: &str, count: usize, paging: Paging, more_urls: &mut Vec<String>) {
        if paging.by == 0 {
            self.keep(output_file(url));
            return;
        }
        let pagers = paginate::pagers(url, count, paging);
        for pager in &pagers {
            self.keep(output_file(&pager.url));
            if pager.index > 1 {
                more_urls.push(pager.url.clone());
            }
        }
        if pagers.len() > 1 {
            self.keep(output_file(&first_pager_alias(url, paging)));
        }
    }
}

/// `<listing>/<paginate_path>/1/`, a redirect to the listing itself.
fn first_pager_alias(url: &str, paging: Paging) -> String {
    format!("{url}{}/1/", paging.path)
}
