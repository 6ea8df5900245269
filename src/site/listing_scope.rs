//! Which listing groups a build makes again: a section's paged listing, a taxonomy
//! term's paged listing and feed. `serve` records where each page is listed (its
//! [`Reach`]); after an edit, only the groups that listed the changed pages before or
//! list them now are made and compared with last time, and every other group's files
//! are kept as they were. The home page, taxonomy lists, the site feed, sitemap,
//! aliases, robots.txt and 404 page read every page and are always made.

use std::collections::BTreeSet;

use super::context::term_url;
use super::jobs::Job;
use super::pages::Page;
use super::summary_cache::SummaryCache;
use super::taxonomies::terms_of;
use crate::config::Config;

/// What `serve` brings from its last build to the listings: the summaries it keeps
/// and the groups to make again. A full build brings nothing ([`Reuse::none`]).
#[derive(Clone, Copy)]
pub struct Reuse<'a> {
    pub summaries: Option<&'a SummaryCache>,
    pub scope: &'a Scope,
}

static ALL: Scope = Scope::All;

impl Reuse<'static> {
    pub fn none() -> Self {
        Reuse {
            summaries: None,
            scope: &ALL,
        }
    }
}

/// The listing jobs made, and the output files of the groups left out of scope (their
/// files as last made stand).
#[derive(Default)]
pub struct Made {
    pub jobs: Vec<Job>,
    pub kept: Vec<String>,
}

/// Where a page is listed: the folders of the sections that may list it (its own and
/// every one above, as transparent sections lift pages into their parents) and its
/// taxonomy terms, by their URL (`tags/x/`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reach {
    sections: Vec<String>,
    terms: Vec<String>,
    /// What the sitemap reads of the page (URL, dates) and what decides whether a
    /// sorted section lists it at all (dates, weight: the number of pager pages).
    place: (String, Option<String>, Option<String>, Option<i64>),
}

impl Reach {
    pub fn of(p: &Page, config: &Config) -> Reach {
        let mut sections = vec![p.section_dir.clone()];
        let mut dir = p.section_dir.as_str();
        while let Some((up, _)) = dir.rsplit_once('/') {
            sections.push(up.to_string());
            dir = up;
        }
        if !dir.is_empty() {
            sections.push(String::new());
        }
        let terms = config
            .taxonomies
            .iter()
            .flat_map(|t| terms_of(p, &t.name).iter().map(|n| term_url(&t.name, n)))
            .collect();
        let date = |d: &Option<toml::value::Datetime>| d.as_ref().map(|d| d.to_string());
        let front = &p.front;
        let place = (
            p.url.clone(),
            date(&front.date),
            date(&front.updated),
            front.weight,
        );
        Reach {
            sections,
            terms,
            place,
        }
    }
}

/// The groups to make: all of them, or those that list some changed pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    Only {
        sections: BTreeSet<String>,
        terms: BTreeSet<String>,
        /// Whether some page's place changed (URL, dates, weight, terms), or a page
        /// joined or left the build: the sitemap and the site's taxonomies change.
        places: bool,
    },
}

impl Default for Scope {
    fn default() -> Self {
        Scope::Only {
            sections: BTreeSet::new(),
            terms: BTreeSet::new(),
            places: false,
        }
    }
}

impl Scope {
    /// Adds the groups that listed a page (`was`: None when it was not in the build)
    /// and those that list it now (`now`: None when it left).
    pub fn page_changed(&mut self, was: Option<&Reach>, now: Option<&Reach>) {
        if let Scope::Only {
            sections,
            terms,
            places,
        } = self
        {
            for reach in was.iter().chain(now.iter()) {
                sections.extend(reach.sections.iter().cloned());
                terms.extend(reach.terms.iter().cloned());
            }
            *places |= was != now;
        }
    }

    /// Whether the sitemap is made and the taxonomies in use are looked at again.
    pub fn places_changed(&self) -> bool {
        match self {
            Scope::All => true,
            Scope::Only { places, .. } => *places,
        }
    }

    /// Whether the listing of the section in folder `dir` is made.
    pub fn section(&self, dir: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Only { sections, .. } => sections.contains(dir),
        }
    }

    /// Whether the listing of the term at `url` is made.
    pub fn term(&self, url: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Only { terms, .. } => terms.contains(url),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::load::content::ContentFile;
    use crate::load::languages::Languages;
    use std::path::PathBuf;

    #[test]
    fn a_page_reaches_its_sections_up_to_the_root_and_its_terms() {
        let file = ContentFile {
            rel: PathBuf::from("blog/2026/post.md"),
            shown: PathBuf::from("content/blog/2026/post.md"),
            text: "+++\ntitle = \"文\"\ntags = [\"数据\"]\n+++\n".into(),
        };
        let config: Config =
            toml::from_str("title = \"t\"\nbase_url = \"https://e.org/\"").unwrap();
        let (page, _) = super::super::pages::parse(
            &file,
            &Languages::single("zh-CN"),
            &["tags"],
            crate::config::SlugStrategy::On,
        )
        .unwrap();
        let reach = Reach::of(&page, &config);
        let mut scope = Scope::default();
        assert!(!scope.section("blog"));
        scope.page_changed(Some(&reach), Some(&reach));
        assert!(!scope.places_changed(), "the same place");
        for dir in ["blog/2026", "blog", ""] {
            assert!(scope.section(dir), "{dir}");
        }
        assert!(!scope.section("notes"));
        assert!(scope.term(&term_url("tags", "数据")));
        assert!(!scope.term(&term_url("tags", "其他")));
        assert!(Scope::All.term("tags/x/"));
        scope.page_changed(Some(&reach), None);
        assert!(scope.places_changed(), "a page left");
    }
}
