//! The parse stage of the engine: the changed content files parsed again, the list
//! of pages in the build kept (and recomputed only when a page joins or leaves it),
//! and the check that no two pages claim one URL (repeated only when a URL moved).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::keyed::Included;
use super::state::Inner;
use crate::error::{Diagnostic, Diagnostics};
use crate::load::content::CONTENT_DIR;
use crate::site::body;
use crate::site::links::{LinkIndex, Unbuilt};
use crate::site::pages::{self, Page};

impl Inner {
    fn in_build(&self, rel: &PathBuf) -> bool {
        matches!(self.parsed.get(rel), Some(Ok((p, _))) if self.opts.drafts || !p.front.draft)
    }

    /// Parses the changed files; a page that left the build (deleted, now a draft,
    /// no longer parses) is forgotten downstream too.
    pub(super) fn parse_dirty(&mut self) {
        let dirty = std::mem::take(&mut self.dirty);
        let files = &self.src.content.files;
        let todo: Vec<_> = dirty
            .iter()
            .filter_map(|rel| {
                files
                    .binary_search_by(|f| f.rel.cmp(rel))
                    .ok()
                    .and_then(|i| files.get(i))
            })
            .collect();
        let taxonomies = self.src.config.taxonomy_names();
        let results: Vec<_> = todo
            .par_iter()
            .map(|f| {
                let parsed = pages::parse(
                    f,
                    &self.src.languages,
                    &taxonomies,
                    self.src.config.slugify.paths,
                )
                .map(|(mut page, mut warnings)| {
                    let templates = &self.src.templates;
                    warnings.extend(pages::fallback_templates(&mut page, templates));
                    (page, warnings)
                });
                (f.rel.clone(), parsed)
            })
            .collect();
        self.work.parsed += results.len();
        let place = |r: Option<&Result<(Page, Vec<Diagnostic>), Diagnostic>>| match r {
            Some(Ok((p, _))) => Some((p.url.clone(), p.shown.clone())),
            _ => None,
        };
        let mut parsed_now = BTreeSet::new();
        for (rel, r) in results {
            if let Ok((_, w)) = &r {
                self.warnings.extend(w.iter().cloned());
            }
            let new_place = place(Some(&r));
            if place(self.parsed.insert(rel.clone(), r).as_ref()) != new_place {
                self.places_changed();
            }
            parsed_now.insert(rel);
        }
        for rel in dirty {
            if !parsed_now.contains(&rel) && self.parsed.remove(&rel).is_some() {
                self.places_changed();
            }
            let kept = self.in_build(&rel);
            let was = self.included.as_ref().is_some_and(|i| i.set.contains(&rel));
            if kept != was {
                self.included = None;
            }
            self.bodies.forget(&rel);
            self.page_files.forget(&rel);
            if !kept {
                self.summaries.forget(&Path::new(CONTENT_DIR).join(&rel));
            }
            let left = if kept {
                None
            } else {
                self.listing_keys.remove(&rel)
            };
            if let Some((_, reach)) = left {
                self.scope.page_changed(Some(&reach), None);
                self.listings = None;
            }
        }
    }

    /// The pages of the build, in content order (recomputed only when it changed).
    pub(super) fn included(&mut self) -> Included {
        if let Some(i) = &self.included {
            return i.clone();
        }
        let list = self
            .src
            .content
            .files
            .iter()
            .map(|f| &f.rel)
            .filter(|rel| self.in_build(rel))
            .cloned()
            .collect();
        let included = Included::new(list);
        self.included = Some(included.clone());
        self.places_changed();
        included
    }

    /// Rebuilds the link index when a URL may have moved (as `url_problems`), and
    /// forgets the bodies linking to a file whose URL moved, appeared or went.
    pub(super) fn refresh_links(&mut self, included: &Included) {
        if self.url_problems.is_some() {
            return;
        }
        let parsed = &self.parsed;
        let pages = included
            .list
            .iter()
            .filter_map(|rel| parsed.get(rel)?.as_ref().ok().map(|(p, _)| p));
        let unbuilt = self.src.content.files.iter().filter_map(|f| {
            let why = match self.parsed.get(&f.rel)? {
                Err(_) => Unbuilt::Broken,
                Ok(_) if !included.set.contains(&f.rel) => Unbuilt::Draft,
                Ok(_) => return None,
            };
            Some((f.shown.as_path(), why))
        });
        let index = LinkIndex::new(pages, &self.urls).with_unbuilt(unbuilt);
        let moved = index.changed(&self.links);
        if !moved.is_empty() {
            self.bodies.forget_where(|r| {
                r.as_ref()
                    .is_ok_and(|p| p.links_to.iter().any(|t| moved.contains(t)))
            });
        }
        self.links = index;
    }

    /// A page's URL, file or presence changed: the URL check and the language
    /// versions are made again.
    fn places_changed(&mut self) {
        self.url_problems = None;
        self.alternates = None;
    }

    pub(super) fn url_problems(&mut self, included: &Included) -> &[Diagnostic] {
        let parsed = &self.parsed;
        self.url_problems.get_or_insert_with(|| {
            let mut problems = Diagnostics::default();
            let pages = included
                .list
                .iter()
                .filter_map(|rel| parsed.get(rel)?.as_ref().ok().map(|(p, _)| p));
            body::check_unique_urls(pages, &mut problems);
            problems.0
        })
    }
}
