//! The listing stage: sections, the home page, taxonomy pages, feeds, sitemap,
//! robots.txt, the 404 page and alias redirects, i.e. every file that reads more than
//! one page. A listing is built from a list of pages alone (a language's pages, or
//! all of them). [`super::listing_env::listing_key`] fingerprints what these jobs read from a page, so
//! `serve` re-renders listings only when a key changes: keep the two in step.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use tera::value::Value as TeraValue;

use super::context::{self, Urls};
use super::jobs::{sections_by_dir, Job};
use super::listing_env::{tera_map, ListingEnv};
use super::listing_scope::{Made, Reuse};
use super::pages::{date_order_key, output_file, Page};
use super::paginate::Paging;
use super::sections::{self, SectionsByDir};
use super::site_files::{self, SITEMAP};
use super::{summary, taxonomies};
use crate::config::Config;
use crate::error::Error;
use crate::load::content::CONTENT_DIR;

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
            by_date.sort_by(|a, b| date_order_key(a).cmp(&date_order_key(b)));
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
        kept: env.into_kept(),
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
