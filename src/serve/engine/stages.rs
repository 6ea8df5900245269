//! The pipeline's stages over what [`Inner`] has forgotten: parse the changed files
//! (parse.rs), draw the forgotten charts, render the stale bodies, re-render the pages
//! whose body or section changed, and the listings if any page's listing key changed
//! (only those whose context changed, i.e. that show a changed page, are rendered).
//! The problems gathered are the ones a full build would report, in the same order.
//!
//! Besides that work a rebuild only scans the stored results for problems; nothing is
//! looked up page by page, so a one-page edit stays fast on a large site.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use rayon::prelude::*;

use super::keyed::Included;
use super::listing_stage::Inputs;
use super::state::{Bytes, Drawing, Figure, Inner, Rendered, SectionHead};
use crate::error::{Diagnostic, Diagnostics, Error};
use crate::site::body::{self, ExpandEnv};
use crate::site::jobs::{self, page_job, section_of, sections_by_language, Job};
use crate::site::listing_scope::{Reach, Scope};
use crate::site::pages::Page;
use crate::site::translations::Alternates;
use crate::site::values::DataEnv;
use crate::site::{figures, listing_env, taxonomies};

impl Inner {
    /// Brings every result up to date, or returns the problems a full build would.
    pub fn run(&mut self) -> Result<(), Error> {
        let mut problems = Diagnostics::default();
        problems.0.extend(self.src.content.problems.iter().cloned());
        problems.0.extend(self.src.charts.problems.iter().cloned());
        if let Some(d) = &self.template_error {
            // As `Sources::load`: templates that do not compile stop the build early.
            let mut all = d.clone();
            all.extend(problems);
            return Err(Error::User(all.sorted()));
        }
        self.parse_dirty();
        let included = self.included();
        for r in self.parsed.values() {
            if let Err(d) = r {
                problems.push(d.clone());
            }
        }
        self.refresh_links(&included);
        problems
            .0
            .extend(self.url_problems(&included).iter().cloned());
        problems.0.extend(figures::check_sidecars(&self.src));
        self.draw_missing();
        for r in self.charts.values() {
            if let Err(ds) = r {
                problems.0.extend(ds.iter().cloned());
            }
        }
        self.render_missing_bodies(&included);
        for r in self.bodies.values() {
            if let Err(ds) = r {
                problems.0.extend(ds.iter().cloned());
            }
        }
        if !problems.is_empty() {
            return Err(Error::User(problems.sorted()));
        }
        self.render_pages(&included)?;
        let mut errors: Vec<Diagnostic> = self
            .page_files
            .values()
            .filter_map(|r| r.as_ref().err().cloned())
            .collect();
        if let Some(Err(ds)) = &self.listings {
            errors.extend(ds.iter().cloned());
        }
        if !errors.is_empty() {
            return Err(Error::User(Diagnostics(errors).sorted()));
        }
        Ok(())
    }

    fn draw_missing(&mut self) {
        let specs = &self.src.charts.specs;
        let missing: Vec<_> = specs
            .iter()
            .filter(|s| !self.charts.contains_key(&s.id))
            .collect();
        let (src, urls, sites) = (&self.src, &self.urls, &self.sites);
        let no_site = serde_json::Value::Null;
        // As a full build: every language's drawing; the default one's problems.
        let draw = |s: &crate::load::charts::SpecFile| -> Result<Figure, Vec<Diagnostic>> {
            let mut drawings = Vec::new();
            let mut csv = String::new();
            for lang in &src.languages.list {
                let site = sites.get(&lang.code).unwrap_or(&no_site);
                let (_, html, chart) = figures::draw_one(src, s, urls, site, lang)?;
                if lang.prefix.is_empty() {
                    csv = chart.csv;
                }
                drawings.push(Drawing {
                    lang: lang.code.clone(),
                    prefix: lang.prefix.clone(),
                    html,
                    svg: Bytes::from(chart.file_svg.into_bytes()),
                });
            }
            Ok(Figure {
                drawings,
                csv: Bytes::from(csv.into_bytes()),
            })
        };
        let results: Vec<_> = missing
            .par_iter()
            .map(|s| (s.id.clone(), draw(s)))
            .collect();
        self.work.charts += results.len();
        for (id, r) in results {
            for by_id in self.figure_html.values_mut() {
                by_id.remove(&id);
            }
            for d in r.iter().flat_map(|f| &f.drawings) {
                self.figure_html
                    .entry(d.lang.clone())
                    .or_default()
                    .insert(id.clone(), d.html.clone());
            }
            self.charts.insert(id, r);
        }
        let ids: BTreeSet<&String> = specs.iter().map(|s| &s.id).collect();
        self.charts.retain(|id, _| ids.contains(id));
        for by_id in self.figure_html.values_mut() {
            by_id.retain(|id, _| ids.contains(id));
        }
    }

    fn render_missing_bodies(&mut self, included: &Included) {
        // A body that failed may have failed for want of any chart or data file.
        self.bodies.forget_where(Result::is_err);
        let stale = self.bodies.take_stale(included);
        let todo: Vec<(&PathBuf, &Page)> = stale
            .iter()
            .filter_map(|rel| Some((rel, &self.parsed.get(rel)?.as_ref().ok()?.0)))
            .collect();
        let datas: BTreeMap<&str, DataEnv> = self
            .src
            .languages
            .list
            .iter()
            .map(|lang| {
                let data = DataEnv {
                    tables: &self.src.charts.tables,
                    broken: &self.src.charts.broken,
                    specs: &self.src.charts.specs,
                    default_decimals: self.src.config.format.decimals,
                    words: Some(&lang.strings.words),
                };
                (lang.code.as_str(), data)
            })
            .collect();
        let (no_site, no_figures) = (serde_json::Value::Null, BTreeMap::new());
        let envs: BTreeMap<&str, ExpandEnv> = datas
            .iter()
            .map(|(code, data)| {
                let env = ExpandEnv {
                    data,
                    figures: self.figure_html.get(*code).unwrap_or(&no_figures),
                    templates: &self.src.templates,
                    site: self.sites.get(*code).unwrap_or(&no_site),
                    links: &self.links,
                };
                (*code, env)
            })
            .collect();
        let results: Vec<_> = todo
            .par_iter()
            .filter_map(|(rel, p)| {
                let env = envs.get(p.lang.as_str())?;
                Some(((*rel).clone(), body::render_body((*p).clone(), env)))
            })
            .collect();
        self.work.bodies += results.len();
        for (rel, r) in results {
            if let Ok(p) = &r {
                self.summaries.forget(&p.shown);
                let key = listing_env::listing_key(p, &self.urls);
                let reach = Reach::of(p, &self.src.config);
                let was = self.listing_keys.insert(rel.clone(), (key, reach.clone()));
                if was.as_ref().map(|(k, _)| *k) != Some(key) {
                    // What listed the page, and what lists it now.
                    let was = was.as_ref().map(|(_, r)| r);
                    self.scope.page_changed(was, Some(&reach));
                    self.listings = None;
                    // Contexts are compared as Tera compares values, where `1` equals
                    // `1.0`: a section's `extra` could change only that way, so a changed
                    // section renders every listing again.
                    if p.is_section {
                        self.listing_memo.clear();
                        self.scope = Scope::All;
                    }
                }
            }
            self.page_files.forget(&rel);
            self.bodies.insert(rel, r);
        }
    }

    /// Pages whose body or section changed, then the listings if they were forgotten.
    fn render_pages(&mut self, included: &Included) -> Result<(), Error> {
        let body = |rel: &PathBuf| self.bodies.get(rel).and_then(|b| b.as_ref().ok());
        let section_pages: Vec<&Page> = included.sections.iter().filter_map(body).collect();
        let sections = sections_by_language(&section_pages);
        let default_lang = self.src.config.language.as_str();
        // By folder: a section's head shows on its pages in every language.
        let heads: BTreeMap<String, SectionHead> = sections
            .iter()
            .map(|((lang, dir), s)| {
                let head = (
                    s.front.title.clone(),
                    s.url.clone(),
                    s.front.page_template.clone(),
                    // Pages link their section only when it is written.
                    s.front.render,
                );
                (format!("{dir}\u{0}{lang}"), head)
            })
            .collect();
        let moved: BTreeSet<&str> = heads
            .keys()
            .chain(self.heads.keys())
            .filter(|d| heads.get(*d) != self.heads.get(*d))
            .map(|d| d.split('\u{0}').next().unwrap_or_default())
            .collect();
        let all_pages: Vec<&Page> = included.list.iter().filter_map(body).collect();
        // Kept while no page's place changed (see `places_changed`).
        let (alternates, versions_key) = match self.alternates.take() {
            Some(kept) => (kept, self.versions_key),
            None => {
                let made = Alternates::new(&all_pages, &self.src.languages, &self.urls);
                let key = made.fingerprint();
                (made, key)
            }
        };
        // Which taxonomies are used changes only with some page's terms or presence.
        let nav_changed = self.listings.is_none()
            && self.scope.places_changed()
            && taxonomies::add_to_sites(
                &mut self.sites,
                &self.src.config,
                &self.src.languages,
                &all_pages,
            );
        let page_files = &mut self.page_files;
        if nav_changed {
            // A taxonomy gained its first term or lost its last: every page's nav changes.
            page_files.forget_all();
            self.listings = None;
            self.scope = Scope::All;
        }
        if versions_key != self.versions_key {
            // A page gained or lost a translation: language links change everywhere.
            page_files.forget_all();
            self.listings = None;
            self.scope = Scope::All;
            self.versions_key = versions_key;
        }
        if !moved.is_empty() {
            // A section's title and URL show on each of its pages.
            for rel in included.list.iter() {
                if body(rel).is_some_and(|p| moved.contains(p.section_dir.as_str())) {
                    page_files.forget(rel);
                }
            }
        }
        let stale = page_files.take_stale(included);
        let todo: Vec<(&PathBuf, &Page)> = stale
            .iter()
            .filter_map(|rel| Some((rel, body(rel)?)))
            .filter(|(_, p)| !p.is_section)
            .collect();
        let (urls, sites, templates) = (&self.urls, &self.sites, &self.src.templates);
        let no_site = serde_json::Value::Null;
        let render = |job: Job| {
            jobs::render(templates, &job).map(|text| Rendered {
                out: job.out,
                blame: job.blame,
                bytes: Bytes::from(text),
            })
        };
        let results: Vec<_> = todo
            .par_iter()
            .map(|(rel, p)| {
                let site = sites.get(&p.lang).unwrap_or(&no_site);
                let section = section_of(p, &sections, default_lang);
                let mut job = page_job(p, section, urls, site);
                alternates.add_to(&mut job, &p.lang);
                ((*rel).clone(), render(job))
            })
            .collect();
        self.work.pages += results.len();
        for (rel, r) in results {
            page_files.insert(rel, r);
        }
        if self.listings.is_none() {
            let inputs = Inputs {
                pages: &all_pages,
                alternates: &alternates,
                src: &self.src,
                urls,
                sites,
            };
            let (made, rendered) =
                inputs.make(&self.summaries, &self.scope, &mut self.listing_memo)?;
            self.work.listings = rendered;
            self.listings = Some(made);
            self.scope = Scope::default();
        }
        self.heads = heads;
        self.alternates = Some(alternates);
        Ok(())
    }
}
