//! The listing stage of the engine. The listing jobs in scope (the groups that list a
//! changed page, and those that read every page; see `site::listing_scope`) are made;
//! a job whose template and context are as last time keeps its file, the others are
//! rendered; the groups out of scope keep their files as last rendered. Should a kept
//! file be missing (it failed to render last time), everything is made again.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use super::state::{Bytes, ListingMemo, Rendered};
use crate::error::{Diagnostic, Error};
use crate::site::jobs::{self, Job};
use crate::site::listing_scope::{Made, Reuse, Scope};
use crate::site::pages::Page;
use crate::site::summary_cache::SummaryCache;
use crate::site::translations::{self, Alternates};
use crate::site::Sources;

/// The listing files, or the problems rendering some.
pub type Listings = Result<Vec<Rendered>, Vec<Diagnostic>>;

/// What the listings are made from.
pub struct Inputs<'a> {
    pub pages: &'a [&'a Page],
    pub alternates: &'a Alternates,
    pub src: &'a Sources,
    pub urls: &'a crate::site::context::Urls,
    pub sites: &'a BTreeMap<String, serde_json::Value>,
}

impl Inputs<'_> {
    /// The listing files in full, and how many were rendered; `memo` is brought up
    /// to date.
    pub fn make(
        &self,
        summaries: &SummaryCache,
        scope: &Scope,
        memo: &mut BTreeMap<String, ListingMemo>,
    ) -> Result<(Listings, usize), Error> {
        let made = self.jobs(summaries, scope)?;
        let kept: Option<Vec<Rendered>> = made
            .kept
            .iter()
            .map(|out| memo.get(out).map(|m| m.rendered.clone()))
            .collect();
        let (jobs, kept) = match kept {
            Some(kept) => (made.jobs, kept),
            None => (self.jobs(summaries, &Scope::All)?.jobs, Vec::new()),
        };
        let rendered = self.render(jobs, memo);
        let count = rendered
            .iter()
            .filter(|(m, r)| m.is_some() || r.is_err())
            .count();
        let mut ok = kept;
        let mut bad = Vec::new();
        for (new, r) in rendered {
            if let Some(m) = new {
                memo.insert(m.rendered.out.clone(), m);
            }
            match r {
                Ok(file) => ok.push(file),
                Err(d) => bad.push(d),
            }
        }
        // Files no longer made (a tag no page carries now) are forgotten.
        let files: BTreeSet<&str> = ok.iter().map(|f| f.out.as_str()).collect();
        memo.retain(|out, _| files.contains(out.as_str()));
        let listings = if bad.is_empty() { Ok(ok) } else { Err(bad) };
        Ok((listings, count))
    }

    fn jobs(&self, summaries: &SummaryCache, scope: &Scope) -> Result<Made, Error> {
        let reuse = Reuse {
            summaries: Some(summaries),
            scope,
        };
        let src = self.src;
        translations::listing_jobs(
            &src.config,
            &src.languages,
            self.pages,
            self.urls,
            self.sites,
            self.alternates,
            reuse,
        )
    }

    /// Each job's file: as last time when its template and context are, else
    /// rendered (with the memo entry to keep).
    fn render(
        &self,
        jobs: Vec<Job>,
        memo: &BTreeMap<String, ListingMemo>,
    ) -> Vec<(Option<ListingMemo>, Result<Rendered, Diagnostic>)> {
        let templates = &self.src.templates;
        jobs.into_par_iter()
            .map(|job| match memo.get(&job.out) {
                Some(m)
                    if m.template == job.template
                        && m.rendered.blame == job.blame
                        && m.ctx == job.ctx =>
                {
                    (None, Ok(m.rendered.clone()))
                }
                _ => {
                    let r = jobs::render(templates, &job).map(|text| Rendered {
                        out: job.out.clone(),
                        blame: job.blame.clone(),
                        bytes: Bytes::from(text),
                    });
                    let new = r.as_ref().ok().map(|rendered| ListingMemo {
                        template: job.template,
                        ctx: job.ctx,
                        rendered: rendered.clone(),
                    });
                    (new, r)
                }
            })
            .collect()
    }
}
