//! The engine's memory between rebuilds: the site's files as last read ([`Sources`],
//! kept equal to what `Sources::load` would read now), and every intermediate result
//! of the pipeline, per item. [`Inner::apply`] reads what changed and forgets exactly
//! the results that depended on it; the stages then recompute what is missing.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use super::changes::ChangeSet;
use super::keyed::{Included, Keyed};
use super::listing_stage::Listings;
use crate::error::{Diagnostic, Diagnostics, Error};
use crate::load::charts;
use crate::render::Templates;
use crate::site::context::Urls;
use crate::site::links::LinkIndex;
use crate::site::listing_scope::{Reach, Scope};
use crate::site::pages::Page;
use crate::site::summary_cache::SummaryCache;
use crate::site::translations::{self, Alternates};
use crate::site::{jobs, BuildOptions, Sources};

/// Bytes of one output file, shared with the HTTP threads.
pub type Bytes = Arc<[u8]>;

/// A chart drawn for one language: its figure HTML (for pages) and its SVG file.
pub struct Drawing {
    pub lang: String,
    /// The language's URL path (`en/`): the SVG file lies below it.
    pub prefix: String,
    pub html: String,
    pub svg: Bytes,
}

/// A chart drawn for every language, and its CSV file (data only: one for all).
pub struct Figure {
    pub drawings: Vec<Drawing>,
    pub csv: Bytes,
}

/// A rendered output file and the source file it is blamed on.
#[derive(Clone)]
pub struct Rendered {
    pub out: String,
    pub blame: PathBuf,
    pub bytes: Bytes,
}

/// What the last run recomputed.
/// A listing file as rendered, and what it was rendered from.
pub struct ListingMemo {
    pub template: String,
    pub ctx: tera::Context,
    pub rendered: Rendered,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Work {
    pub parsed: usize,
    pub charts: usize,
    pub bodies: usize,
    pub pages: usize,
    /// Listing files rendered (0 when the listings were kept).
    pub listings: usize,
    pub assets: bool,
    pub full: bool,
}

/// What a section's pages show or use of it: title, URL, `page_template` and `render`.
pub type SectionHead = (String, String, Option<String>, bool);

pub struct Inner {
    pub src: Sources,
    pub opts: BuildOptions,
    pub urls: Urls,
    /// The `site` value of each language, by code.
    pub sites: BTreeMap<String, Value>,
    /// Set while templates/ does not compile; nothing is rendered until it does.
    pub template_error: Option<Diagnostics>,
    pub site_assets: Result<BTreeMap<String, Bytes>, String>,
    pub content_assets: BTreeMap<PathBuf, Result<Bytes, String>>,
    /// Front matter and body of each content file, by path below content/.
    pub parsed: HashMap<PathBuf, Result<(Page, Vec<Diagnostic>), Diagnostic>>,
    /// Content files to parse again.
    pub dirty: BTreeSet<PathBuf>,
    /// The pages of the build; None when a parse may have changed which they are.
    pub included: Option<Included>,
    /// Pages claiming one URL (None: to check again).
    pub url_problems: Option<Vec<Diagnostic>>,
    /// Where each content file is published (kept with `url_problems`).
    pub links: LinkIndex,
    /// The language versions of every page (kept with `url_problems`).
    pub alternates: Option<Alternates>,
    pub charts: BTreeMap<String, Result<Figure, Vec<Diagnostic>>>,
    /// Figure HTML of the charts drawn without error (what shortcodes see), by
    /// language code, then chart id.
    pub figure_html: BTreeMap<String, BTreeMap<String, String>>,
    /// A fingerprint of which pages exist in which languages: when it changes, every
    /// page's language links change.
    pub versions_key: u64,
    /// Rendered bodies of the pages in the build (not drafts, parsed).
    pub bodies: Keyed<Result<Page, Vec<Diagnostic>>>,
    /// Each page's listing key, and where it is listed.
    pub listing_keys: HashMap<PathBuf, (u64, Reach)>,
    /// The listing groups to make at the next listing stage.
    pub scope: Scope,
    /// Title, URL and page template of each section, as its pages use them.
    pub heads: BTreeMap<String, SectionHead>,
    /// The HTML of each page (sections are listings).
    pub page_files: Keyed<Result<Rendered, Diagnostic>>,
    pub listings: Option<Listings>,
    /// Each listing file as last rendered, with the template and context it was
    /// rendered from: when the listings are made again, a file whose context is
    /// unchanged (it shows none of the pages that changed) is not rendered again.
    pub listing_memo: BTreeMap<String, ListingMemo>,
    /// Each page's summary as listings show it, kept while its body is.
    pub summaries: SummaryCache,
    pub warnings: Vec<Diagnostic>,
    pub work: Work,
}

impl Inner {
    /// Reads the whole site; nothing is computed yet.
    pub fn load(root: &Path, opts: &BuildOptions) -> Result<Inner, Error> {
        let src = Sources::load(root, opts)?;
        let urls = Urls::new(&src.config);
        let sites = translations::site_values(&src.config, &urls, &src.languages);
        let content_assets = src
            .content
            .assets
            .iter()
            .map(|rel| (rel.clone(), read_asset(root, rel)))
            .collect();
        let dirty = src.content.files.iter().map(|f| f.rel.clone()).collect();
        Ok(Inner {
            site_assets: read_site_assets(root),
            content_assets,
            src,
            opts: opts.clone(),
            urls,
            sites,
            template_error: None,
            parsed: HashMap::new(),
            dirty,
            included: None,
            url_problems: None,
            links: LinkIndex::default(),
            alternates: None,
            charts: BTreeMap::new(),
            figure_html: BTreeMap::new(),
            versions_key: 0,
            bodies: Keyed::default(),
            listing_keys: HashMap::new(),
            scope: Scope::All,
            heads: BTreeMap::new(),
            page_files: Keyed::default(),
            listings: None,
            listing_memo: BTreeMap::new(),
            summaries: SummaryCache::default(),
            warnings: Vec::new(),
            work: Work {
                full: true,
                assets: true,
                ..Work::default()
            },
        })
    }

    /// Reads what `changes` touched (not baogao.toml: that is a full reload) and
    /// forgets the results that depend on it.
    pub fn apply(&mut self, changes: &ChangeSet) -> Result<(), Error> {
        self.work = Work::default();
        let root = self.src.root.clone();
        if changes.templates {
            self.reload_templates(&root);
        }
        if changes.site_assets {
            self.site_assets = read_site_assets(&root);
            self.work.assets = true;
        }
        if changes.charts {
            let tree = charts::load(&root)?;
            self.charts_changed(tree);
        }
        for rel in &changes.content {
            self.content_changed(&root, rel);
        }
        Ok(())
    }

    fn reload_templates(&mut self, root: &Path) {
        match Templates::load(root) {
            Ok(t) => {
                self.src.templates = t;
                self.template_error = None;
            }
            Err(Error::User(d)) => self.template_error = Some(d),
            Err(Error::Internal(m)) => {
                self.template_error = Some(Diagnostic::file("templates", m).into())
            }
        }
        // Every rendered result went through templates (figures, table shortcodes,
        // pages, listings): base.html is extended by all of them.
        self.charts.clear();
        self.figure_html.clear();
        self.bodies.forget_all();
        self.page_files.forget_all();
        self.listings = None;
        self.listing_memo.clear();
        self.scope = Scope::All;
        self.summaries.clear();
        // A page's `template` falls back to the default when missing: look again.
        self.dirty = self
            .src
            .content
            .files
            .iter()
            .map(|f| f.rel.clone())
            .collect();
    }
}

pub fn read_site_assets(root: &Path) -> Result<BTreeMap<String, Bytes>, String> {
    jobs::site_assets(root)
        .map(|m| m.into_iter().map(|(k, v)| (k, Bytes::from(v))).collect())
        .map_err(|e| e.to_string())
}

pub fn read_asset(root: &Path, rel: &Path) -> Result<Bytes, String> {
    jobs::content_asset(root, rel)
        .map(Bytes::from)
        .map_err(|e| e.to_string())
}
