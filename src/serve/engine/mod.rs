//! The incremental build behind `baogao serve`: a whole build kept in memory, brought
//! up to date after each batch of file changes by recomputing only what depends on
//! them. The result is the same, byte for byte, as `site::build` into memory.
//!
//! What depends on what (each recorded per item in [`state::Inner`]):
//! - a page's body ← its Markdown file, the charts and data files its shortcodes and
//!   lead box used (`Page::charts_used`, `data_used`), any spec drawing those data;
//! - a page's HTML ← its body, its section's title and URL;
//! - a chart ← its spec, its data file and that file's sidecar;
//! - the listings (sections, home, tags, feed, sitemap, aliases) ← every page's
//!   listing key (front matter, summary, place; for sections their body): a page whose
//!   key changed remakes the listings that read every page and the section and term
//!   listings that showed it or show it now (its `Reach`), and of those only the files
//!   whose context changed are rendered;
//! - everything rendered ← templates/ (any template: all extend base.html);
//! - everything ← baogao.toml (a full reload).
//!
//! A change forgets the results that read it and records their keys as stale
//! ([`keyed::Keyed`]); a rebuild computes the stale ones only, so its cost follows
//! the change, not the site. A body that failed is recomputed on every rebuild: its
//! error may name any chart or data file.

mod assemble;
mod changes;
mod inputs;
mod keyed;
mod listing_stage;
mod parse;
mod stages;
mod state;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use assemble::Files;
pub use changes::ChangeSet;
pub use state::{Bytes, Work};

use crate::error::{Diagnostic, Error};
use crate::site::BuildOptions;
use state::Inner;

/// What one (re)build did.
pub struct Rebuild {
    /// The changed paths, relative to the site root (empty for the first build).
    pub changed: Vec<String>,
    pub work: Work,
    /// Output files now served (after a success).
    pub files: usize,
    pub took: Duration,
    /// Warnings about the files read in this rebuild.
    pub warnings: Vec<Diagnostic>,
    /// The problems a full build would report, if it failed.
    pub result: Result<(), Error>,
}

/// A site built in memory, kept up to date by [`Engine::rebuild`].
pub struct Engine {
    root: PathBuf,
    /// The root as given, when it differs from the canonical `root` (event paths may
    /// use either).
    given_root: PathBuf,
    opts: BuildOptions,
    inner: Option<Inner>,
    files: Arc<Files>,
    base_path: String,
}

impl Engine {
    /// Builds the site at `root` in full.
    pub fn new(root: &Path, opts: BuildOptions) -> (Engine, Rebuild) {
        let mut engine = Engine {
            root: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
            given_root: root.to_path_buf(),
            opts,
            inner: None,
            files: Arc::new(Files::new()),
            base_path: "/".to_string(),
        };
        let started = Instant::now();
        let result = engine.reload();
        let report = engine.finish(Vec::new(), result, started);
        (engine, report)
    }

    /// The site root (canonical).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The last successfully built site.
    pub fn files(&self) -> Arc<Files> {
        Arc::clone(&self.files)
    }

    /// The path the site is served under (base_url's path, e.g. `/reports/`).
    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// Brings the build up to date after `paths` changed (absolute, or relative to
    /// the root). None when no path is one the build reads.
    pub fn rebuild(&mut self, paths: &[PathBuf]) -> Option<Rebuild> {
        let changes = ChangeSet::classify(&[&self.root, &self.given_root], paths);
        if changes.is_empty() {
            return None;
        }
        let started = Instant::now();
        let changed: Vec<String> = changes.shown.iter().cloned().collect();
        let result = match self.inner.as_mut() {
            Some(inner) if !changes.config => match inner.apply(&changes) {
                Ok(()) => inner.run(),
                Err(e) => {
                    // Part of the change could not be read: start afresh next time.
                    self.inner = None;
                    Err(e)
                }
            },
            _ => self.reload(),
        };
        Some(self.finish(changed, result, started))
    }

    /// Reads everything again and builds in full.
    fn reload(&mut self) -> Result<(), Error> {
        self.inner = None;
        let mut inner = Inner::load(&self.root, &self.opts)?;
        self.base_path = inner.src.config.base_path();
        let result = inner.run();
        self.inner = Some(inner);
        result
    }

    fn finish(
        &mut self,
        changed: Vec<String>,
        result: Result<(), Error>,
        started: Instant,
    ) -> Rebuild {
        let result = result.and_then(|()| match &self.inner {
            Some(inner) => inner.assemble(),
            None => Err(Error::Internal("nothing was loaded".into())),
        });
        let (work, warnings) = match self.inner.as_mut() {
            Some(inner) => (inner.work.clone(), std::mem::take(&mut inner.warnings)),
            // A failed (re)load: the next change reloads everything.
            None => (
                Work {
                    full: true,
                    ..Work::default()
                },
                Vec::new(),
            ),
        };
        let result = result.map(|files| {
            self.files = Arc::new(files);
        });
        Rebuild {
            changed,
            work,
            files: self.files.len(),
            took: started.elapsed(),
            warnings,
            result,
        }
    }
}
