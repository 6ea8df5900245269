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
use super::state::{Bytes, Figure, Inner, ListingMemo, Rendered, SectionHead};
use crate::error::{Diagnostic, Diagnostics, Error};
use crate::site::body::{self, ExpandEnv};
use crate::site::jobs::{self, page_job, sections_by_dir, Job};
use crate::site::pages::Page;
use crate::site::values::DataEnv;
use crate::site::{figures, listings};

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
        let results: Vec<_> = missing
            .par_iter()
            .map(|s| {
                let r = figures::draw_one(&self.src, s, &self.urls, &self.site).map(
                    |(_, html, chart)| Figure {
                        html,
                        svg: Bytes::from(chart.file_svg.into_bytes()),
                        csv: Bytes::from(chart.csv.into_bytes()),
                    },
                );
                (s.id.clone(), r)
            })
            .collect();
        self.work.charts += results.len();
        for (id, r) in results {
            match &r {
                Ok(f) => self.figure_html.insert(id.clone(), f.html.clone()),
                Err(_) => self.figure_html.remove(&id),
            };
            self.charts.insert(id, r);
        }
        let ids: BTreeSet<&String> = specs.iter().map(|s| &s.id).collect();
        self.charts.retain(|id, _| ids.contains(id));
        self.figure_html.retain(|id, _| ids.contains(id));
    }

    fn render_missing_bodies(&mut self, included: &Included) {
        // A body that failed may have failed for want of any chart or data file.
        self.bodies.forget_where(Result::is_err);
        let stale = self.bodies.take_stale(included);
        let todo: Vec<(&PathBuf, &Page)> = stale
            .iter()
            .filter_map(|rel| Some((rel, &self.parsed.get(rel)?.as_ref().ok()?.0)))
            .collect();
        let data = DataEnv {
            tables: &self.src.charts.tables,
            broken: &self.src.charts.broken,
            specs: &self.src.charts.specs,
            default_decimals: self.src.config.format.decimals,
        };
        let env = ExpandEnv {
            data: &data,
            figures: &self.figure_html,
            templates: &self.src.templates,
            site: &self.site,
            links: &self.links,
        };
        let results: Vec<_> = todo
            .par_iter()
            .map(|(rel, p)| ((*rel).clone(), body::render_body((*p).clone(), &env)))
            .collect();
        self.work.bodies += results.len();
        for (rel, r) in results {
            if let Ok(p) = &r {
                let key = listings::listing_key(p, &self.urls);
                if self.listing_keys.insert(rel.clone(), key) != Some(key) {
                    self.listings = None;
                    // Contexts are compared as Tera compares values, where `1` equals
                    // `1.0`: a section's `extra` could change only that way, so a changed
                    // section renders every listing again.
                    if p.is_section {
                        self.listing_memo.clear();
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
        let sections = sections_by_dir(&section_pages);
        let heads: BTreeMap<String, SectionHead> = sections
            .iter()
            .map(|(dir, s)| {
                let head = (
                    s.front.title.clone(),
                    s.url.clone(),
                    s.front.page_template.clone(),
                    // Pages link their section only when it is written.
                    s.front.render,
                );
                (dir.to_string(), head)
            })
            .collect();
        let moved: BTreeSet<&String> = heads
            .keys()
            .chain(self.heads.keys())
            .filter(|d| heads.get(*d) != self.heads.get(*d))
            .collect();
        let page_files = &mut self.page_files;
        if !moved.is_empty() {
            // A section's title and URL show on each of its pages.
            for rel in included.list.iter() {
                if body(rel).is_some_and(|p| moved.contains(&p.section_dir)) {
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
        let (urls, site, templates, opts) =
            (&self.urls, &self.site, &self.src.templates, &self.opts);
        let render = |job: Job| {
            jobs::render(templates, &job, opts).map(|text| Rendered {
                out: job.out,
                blame: job.blame,
                bytes: Bytes::from(text.into_bytes()),
            })
        };
        let results: Vec<_> = todo
            .par_iter()
            .map(|(rel, p)| {
                let job = page_job(p, sections.get(p.section_dir.as_str()).copied(), urls, site);
                ((*rel).clone(), render(job))
            })
            .collect();
        self.work.pages += results.len();
        for (rel, r) in results {
            page_files.insert(rel, r);
        }
        if self.listings.is_none() {
            let pages: Vec<&Page> = included.list.iter().filter_map(body).collect();
            let list = listings::listing_jobs(&self.src.config, &pages, urls, site)?;
            let memo = &self.listing_memo;
            // A listing whose template and context are as last time renders as last time.
            let rendered: Vec<(Option<ListingMemo>, Result<Rendered, Diagnostic>)> = list
                .into_par_iter()
                .map(|job| match memo.get(&job.out) {
                    Some(m)
                        if m.template == job.template
                            && m.rendered.blame == job.blame
                            && m.ctx == job.ctx =>
                    {
                        (None, Ok(m.rendered.clone()))
                    }
                    _ => {
                        let (template, ctx) = (job.template.clone(), job.ctx.clone());
                        let r = render(job);
                        let kept = r.as_ref().ok().map(|rendered| ListingMemo {
                            template,
                            ctx,
                            rendered: rendered.clone(),
                        });
                        (kept, r)
                    }
                })
                .collect();
            self.work.listings = rendered
                .iter()
                .filter(|(m, r)| m.is_some() || r.is_err())
                .count();
            let mut ok = Vec::new();
            let mut bad = Vec::new();
            for (kept, r) in rendered {
                if let Some(m) = kept {
                    self.listing_memo.insert(m.rendered.out.clone(), m);
                }
                match r {
                    Ok(file) => ok.push(file),
                    Err(d) => bad.push(d),
                }
            }
            // Files no longer made (a tag no page carries now) are forgotten.
            let made: BTreeSet<&str> = ok.iter().map(|f| f.out.as_str()).collect();
            self.listing_memo
                .retain(|out, _| made.contains(out.as_str()));
            self.listings = Some(if bad.is_empty() { Ok(ok) } else { Err(bad) });
        }
        self.heads = heads;
        Ok(())
    }
}
