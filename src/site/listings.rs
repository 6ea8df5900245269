//! The listing stage: sections, the home page, taxonomy pages, feeds, sitemap,
//! robots.txt, the 404 page and alias redirects, i.e. every file that reads more than
//! one page. A listing is built from a list of pages alone (a language's pages, or
//! all of them). [`listing_key`] fingerprints what these jobs read from a page, so
//! `serve` re-renders listings only when a key changes: keep the two in step.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde_json::{json, Value};
use tera::value::Value as TeraValue;
use tera::Context;

use super::context::{self, Urls};
use super::jobs::{sections_by_dir, Job};
use super::listing_scope::{Made, Reuse, Scope};
use super::pages::{date_order_key, output_file, Page};
use super::paginate::{self, Paging};
use super::sections::{self, SectionsByDir};
use super::site_files::{self, SITEMAP};
use super::summary_cache::SummaryCache;
use super::{summary, taxonomies};
use crate::config::Config;
use crate::error::Error;
use crate::load::content::CONTENT_DIR;

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
    fn new(
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

/// Every job that reads more than one page (`pages` in content order), in `reuse`'s
/// scope, with the summaries it keeps (serve).
pub fn listing_jobs(
    config: &Config,
    pages: &[&Page],
    urls: &Urls,
    site: &Value,
    reuse: Reuse,
) -> Result<Made, Error> {
    let sections = sections_by_dir(pages);
    // Three passes over every page, side by side.
    let ((env, members), (by_date, taxonomies)) = rayon::join(
        || {
            let env = ListingEnv::new(config, pages, urls, site, reuse);
            (env, sections::members(pages, &sections))
        },
        || {
            let mut by_date: Vec<&Page> = pages.iter().copied().filter(|p| !p.is_section).collect();
            by_date.sort_by_cached_key(|&p| date_order_key(p));
            let taxonomies = taxonomies::collect(config, &by_date);
            (by_date, taxonomies)
        },
    );
    // A section at a taxonomy page's URL (Hugo's `content/tags/x/_index.md`) gives
    // that page its text instead of being written itself.
    let claimed: BTreeSet<String> = taxonomies.iter().flat_map(|t| t.urls()).collect();
    let written = |s: &&Page| s.front.render && !claimed.contains(&s.url);

    let mut jobs = Vec::new();
    let mut more_urls = Vec::new();
    let (section_jobs, home_sections) =
        section_listings(&env, &sections, &members, &written, &mut more_urls);
    jobs.extend(section_jobs);
    let home = HomeLists {
        sections: home_sections,
        every_page: env.list(&by_date),
    };
    jobs.extend(home_jobs(&env, &sections, &members, home, &mut more_urls));
    let mut taxonomy_urls = Vec::new();
    for t in &taxonomies {
        jobs.extend(t.jobs(&env, &sections, &mut taxonomy_urls));
    }
    jobs.extend(site_files::aliases(&env, pages)?);
    jobs.push(site_files::feed(
        &env,
        &by_date,
        "atom.xml",
        None,
        &content_dir(),
    ));
    let listed: Vec<&Page> = pages
        .iter()
        .copied()
        .filter(|p| !p.is_section || written(p))
        .collect();
    more_urls.extend(taxonomy_urls);
    match env.scope.places_changed() {
        true => jobs.push(site_files::sitemap(&env, &listed, &more_urls)),
        false => env.keep(SITEMAP.to_string()),
    }
    jobs.extend(site_files::fixed(&env));
    Ok(Made {
        jobs,
        kept: env.kept.into_inner(),
    })
}

pub fn content_dir() -> PathBuf {
    Path::new(CONTENT_DIR).to_path_buf()
}

/// The paging of section `s` (its own keys over baogao.toml's).
fn section_paging<'a>(s: &'a Page, config: &'a Config) -> Paging<'a> {
    Paging {
        by: s.front.paginate_by.unwrap_or(config.paginate_by),
        path: s
            .front
            .paginate_path
            .as_deref()
            .unwrap_or(&config.paginate_path),
    }
}

/// The jobs of every written section but the root, and each section as the home page
/// lists it (its first page of entries and its count), home order.
fn section_listings(
    env: &ListingEnv,
    sections: &SectionsByDir,
    members: &BTreeMap<&str, Vec<&Page>>,
    written: &dyn Fn(&&Page) -> bool,
    more_urls: &mut Vec<String>,
) -> (Vec<Job>, Vec<TeraValue>) {
    let mut jobs = Vec::new();
    let mut home = Vec::new();
    // The home page lists sections as pages are listed: by weight, then date and title.
    let mut in_order: Vec<(&&str, &&Page)> = sections.iter().collect();
    in_order.sort_by(|(_, a), (_, b)| super::pages::listing_order(a, b));
    for (dir, s) in in_order {
        if dir.is_empty() || !written(s) {
            continue;
        }
        let list = members.get(dir).map_or(&[][..], Vec::as_slice);
        let paging = section_paging(s, env.config);
        let first_page = match paging.by {
            0 => env.list(list),
            by => env.list(list.get(..by.min(list.len())).unwrap_or(&[])),
        };
        home.push(tera_map(
            context::section(s, &[], env.urls),
            vec![
                ("pages", first_page),
                ("page_count", TeraValue::from(list.len())),
            ],
        ));
        if !env.scope.section(dir) {
            env.keep_paged(&s.url, list.len(), paging, more_urls);
            continue;
        }
        let all = env.list(list);
        let section = tera_map(
            context::section(s, &[], env.urls),
            vec![("pages", all.clone())],
        );
        let section_later = tera_map(later_section(s, env.urls), vec![("pages", all)]);
        let template = s
            .front
            .template
            .clone()
            .unwrap_or_else(|| "section.html".into());
        jobs.extend(env.paged(
            &s.url,
            list,
            paging,
            &s.shown,
            more_urls,
            |url, paginator| Job {
                template: template.clone(),
                ctx: env.ctx(
                    paged_vars(
                        vec![("section", pick(url == s.url, &section, &section_later))],
                        paginator,
                    ),
                    url,
                ),
                out: output_file(url),
                blame: s.shown.clone(),
            },
        ));
    }
    (jobs, home)
}

/// Section `s` as its listing's pages after the first show it. Those live deeper
/// (`/sec/page/2/`) but show the same body, so its relative links are resolved against
/// the section's own URL, where its author wrote them to work.
fn later_section(s: &Page, urls: &Urls) -> Value {
    let mut value = context::section(s, &[], urls);
    if let Some(fields) = value.as_object_mut() {
        let body = summary::rebased_body(&s.html, &urls.path(&s.url));
        fields.insert("content".into(), Value::from(body));
    }
    value
}

/// A clone of `first` on a listing's first page, else of `later`.
fn pick(first_page: bool, first: &TeraValue, later: &TeraValue) -> TeraValue {
    match first_page {
        true => first.clone(),
        false => later.clone(),
    }
}

/// `vars` plus the paginator when there is one.
fn paged_vars(
    mut vars: Vec<(&str, TeraValue)>,
    paginator: Option<TeraValue>,
) -> Vec<(&str, TeraValue)> {
    if let Some(p) = paginator {
        vars.push(("paginator", p));
    }
    vars
}

/// What the home page lists besides its own pages.
struct HomeLists {
    /// Each written section with its first page of entries.
    sections: Vec<TeraValue>,
    /// Every page, newest first.
    every_page: TeraValue,
}

/// The home page (paged over the root section's pages) with its sections.
fn home_jobs(
    env: &ListingEnv,
    sections: &SectionsByDir,
    members: &BTreeMap<&str, Vec<&Page>>,
    lists: HomeLists,
    more_urls: &mut Vec<String>,
) -> Vec<Job> {
    let root = sections.get("");
    let list = members.get("").map_or(&[][..], Vec::as_slice);
    let urls = env.urls;
    let root_later =
        root.map(|s| tera_map(later_section(s, urls), vec![("pages", env.list(list))]));
    let root_value = match root {
        Some(s) => tera_map(
            context::section(s, &[], urls),
            vec![("pages", env.list(list))],
        ),
        None => TeraValue::from_serializable(&json!({"title": env.config.title,
            "description": env.config.description, "content": "", "path": urls.path(""),
            "permalink": urls.permalink(""), "pages": [], "extra": {}, "toc": []})),
    };
    let template = root
        .and_then(|s| s.front.template.clone())
        .unwrap_or_else(|| "index.html".into());
    let blame = root.map_or_else(content_dir, |s| s.shown.clone());
    let paging = match root {
        Some(s) => section_paging(s, env.config),
        None => Paging {
            by: env.config.paginate_by,
            path: &env.config.paginate_path,
        },
    };
    let sections_value = TeraValue::from(lists.sections);
    let every_page = lists.every_page;
    env.paged("", list, paging, &blame, more_urls, |url, paginator| {
        let section = match &root_later {
            Some(later) => pick(url.is_empty(), &root_value, later),
            None => root_value.clone(),
        };
        let vars = vec![
            ("section", section),
            ("sections", sections_value.clone()),
            ("pages", every_page.clone()),
        ];
        Job {
            template: template.clone(),
            ctx: env.ctx(paged_vars(vars, paginator), url),
            out: output_file(url),
            blame: blame.clone(),
        }
    })
}
