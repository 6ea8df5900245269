//! The pipeline's stages run over what [`Inner`] is missing: parse the changed files,
//! draw the forgotten charts, render the forgotten bodies, re-render the pages whose
//! body or section changed and the listings if any page's listing key changed. The
//! problems gathered are the ones a full build would report, in the same order.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use rayon::prelude::*;

use super::state::{Bytes, Figure, Inner, Rendered};
use crate::error::{Diagnostic, Diagnostics, Error};
use crate::site::body::{self, ExpandEnv};
use crate::site::jobs::{self, page_job, sections_by_dir};
use crate::site::pages::{self, Page};
use crate::site::values::DataEnv;
use crate::site::{figures, listings};

impl Inner {
    /// Brings every result up to date; the pages of the build (content order) or the
    /// problems a full build would report.
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
        self.parse_missing();
        let drafts = self.opts.drafts;
        let included: Vec<PathBuf> = self
            .src
            .content
            .files
            .iter()
            .filter(|f| match self.parsed.get(&f.rel) {
                Some(Ok((p, _))) => drafts || !p.front.draft,
                Some(Err(d)) => {
                    problems.push(d.clone());
                    false
                }
                None => false,
            })
            .map(|f| f.rel.clone())
            .collect();
        let parsed_pages = included
            .iter()
            .filter_map(|rel| match self.parsed.get(rel) {
                Some(Ok((p, _))) => Some(p),
                _ => None,
            });
        body::check_unique_urls(parsed_pages, &mut problems);
        problems.0.extend(figures::check_sidecars(&self.src));
        self.draw_missing();
        for r in self.charts.values() {
            if let Err(ds) = r {
                problems.0.extend(ds.iter().cloned());
            }
        }
        self.render_missing_bodies(&included);
        for rel in &included {
            if let Some(Err(ds)) = self.bodies.get(rel) {
                problems.0.extend(ds.iter().cloned());
            }
        }
        if !problems.is_empty() {
            return Err(Error::User(problems.sorted()));
        }
        self.render_pages(&included)?;
        let mut errors = Vec::new();
        for r in self.page_files.values() {
            if let Err(d) = r {
                errors.push(d.clone());
            }
        }
        if let Some(Err(ds)) = &self.listings {
            errors.extend(ds.iter().cloned());
        }
        if !errors.is_empty() {
            return Err(Error::User(Diagnostics(errors).sorted()));
        }
        Ok(())
    }

    fn parse_missing(&mut self) {
        let missing: Vec<_> = self
            .src
            .content
            .files
            .iter()
            .filter(|f| !self.parsed.contains_key(&f.rel))
            .collect();
        let results: Vec<_> = missing
            .par_iter()
            .map(|f| (f.rel.clone(), pages::parse(f)))
            .collect();
        self.work.parsed += results.len();
        for (rel, r) in results {
            if let Ok((_, w)) = &r {
                self.warnings.extend(w.iter().cloned());
            }
            self.parsed.insert(rel, r);
        }
        let files: BTreeSet<&PathBuf> = self.src.content.files.iter().map(|f| &f.rel).collect();
        self.parsed.retain(|rel, _| files.contains(rel));
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
                        svg: Bytes::from(chart.svg.into_bytes()),
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

    fn render_missing_bodies(&mut self, included: &[PathBuf]) {
        // A body that failed may have failed for want of any chart or data file.
        self.bodies.retain(|_, b| b.is_ok());
        let set: BTreeSet<&PathBuf> = included.iter().collect();
        self.bodies.retain(|rel, _| set.contains(rel));
        let before = self.listing_keys.len();
        self.listing_keys.retain(|rel, _| set.contains(rel));
        if self.listing_keys.len() != before {
            self.listings = None;
        }
        let missing: Vec<(&PathBuf, &Page)> = included
            .iter()
            .filter(|rel| !self.bodies.contains_key(*rel))
            .filter_map(|rel| match self.parsed.get(rel) {
                Some(Ok((p, _))) => Some((rel, p)),
                _ => None,
            })
            .collect();
        let data = DataEnv {
            tables: &self.src.charts.tables,
            metas: &self.src.charts.metas,
            specs: &self.src.charts.specs,
            default_decimals: self.src.config.format.decimals,
        };
        let env = ExpandEnv {
            data: &data,
            figures: &self.figure_html,
            templates: &self.src.templates,
            site: &self.site,
        };
        let results: Vec<_> = missing
            .par_iter()
            .map(|(rel, p)| ((*rel).clone(), body::render_body((*p).clone(), &env)))
            .collect();
        self.work.bodies += results.len();
        for (rel, r) in results {
            if let Ok(p) = &r {
                let key = listings::listing_key(p, &self.urls);
                if self.listing_keys.insert(rel.clone(), key) != Some(key) {
                    self.listings = None;
                }
            }
            self.page_files.remove(&rel);
            self.bodies.insert(rel, r);
        }
    }

    /// Pages whose body or section changed, then the listings if they were forgotten.
    fn render_pages(&mut self, included: &[PathBuf]) -> Result<(), Error> {
        let pairs: Vec<(&PathBuf, &Page)> = included
            .iter()
            .filter_map(|rel| {
                self.bodies
                    .get(rel)
                    .and_then(|b| b.as_ref().ok())
                    .map(|p| (rel, p))
            })
            .collect();
        let pages: Vec<&Page> = pairs.iter().map(|(_, p)| *p).collect();
        let sections = sections_by_dir(&pages);
        let heads: BTreeMap<String, (String, String)> = sections
            .iter()
            .map(|(dir, s)| (dir.to_string(), (s.front.title.clone(), s.url.clone())))
            .collect();
        let moved: BTreeSet<&String> = heads
            .keys()
            .chain(self.heads.keys())
            .filter(|d| heads.get(*d) != self.heads.get(*d))
            .collect();
        let (urls, site, templates, opts) =
            (&self.urls, &self.site, &self.src.templates, &self.opts);
        let page_files = &mut self.page_files;
        let set: BTreeSet<&PathBuf> = included.iter().collect();
        page_files.retain(|rel, _| set.contains(rel));
        if !moved.is_empty() {
            page_files.retain(|rel, _| match self.bodies.get(rel) {
                Some(Ok(p)) => !moved.contains(&p.section_dir),
                _ => false,
            });
        }
        let missing: Vec<&(&PathBuf, &Page)> = pairs
            .iter()
            .filter(|(rel, p)| !p.is_section && !page_files.contains_key(*rel))
            .collect();
        let results: Vec<_> = missing
            .par_iter()
            .map(|(rel, p)| {
                let job = page_job(p, sections.get(p.section_dir.as_str()).copied(), urls, site);
                let r = jobs::render(templates, &job, opts).map(|text| Rendered {
                    out: job.out,
                    blame: job.blame,
                    bytes: Bytes::from(text.into_bytes()),
                });
                ((*rel).clone(), r)
            })
            .collect();
        self.work.pages += results.len();
        page_files.extend(results);
        if self.listings.is_none() {
            let list = listings::listing_jobs(&self.src.config, &pages, urls, site)?;
            let rendered: Vec<Result<Rendered, Diagnostic>> = list
                .into_par_iter()
                .map(|job| {
                    jobs::render(templates, &job, opts).map(|text| Rendered {
                        out: job.out,
                        blame: job.blame,
                        bytes: Bytes::from(text.into_bytes()),
                    })
                })
                .collect();
            self.work.listings = rendered.len();
            let (ok, bad): (Vec<_>, Vec<_>) = rendered.into_iter().partition(Result::is_ok);
            self.listings = Some(if bad.is_empty() {
                Ok(ok.into_iter().filter_map(Result::ok).collect())
            } else {
                Err(bad.into_iter().filter_map(Result::err).collect())
            });
        }
        self.heads = heads;
        Ok(())
    }
}
