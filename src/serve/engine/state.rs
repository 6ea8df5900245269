//! The engine's memory between rebuilds: the site's files as last read ([`Sources`],
//! kept equal to what `Sources::load` would read now), and every intermediate result
//! of the pipeline, per item. [`Inner::apply`] reads what changed and forgets exactly
//! the results that depended on it; the stages then recompute what is missing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use super::changes::{affected, listed, ChangeSet};
use crate::error::{read_text, Diagnostic, Diagnostics, Error};
use crate::load::charts::{self, ChartsTree};
use crate::load::content::{ContentFile, CONTENT_DIR};
use crate::render::Templates;
use crate::site::context::{self, Urls};
use crate::site::pages::Page;
use crate::site::{jobs, BuildOptions, Sources};

/// Bytes of one output file, shared with the HTTP threads.
pub type Bytes = Arc<[u8]>;

/// A drawn chart: its figure HTML (for pages) and its two files.
pub struct Figure {
    pub html: String,
    pub svg: Bytes,
    pub csv: Bytes,
}

/// A rendered output file and the source file it is blamed on.
pub struct Rendered {
    pub out: String,
    pub blame: PathBuf,
    pub bytes: Bytes,
}

/// What the last run recomputed.
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

pub struct Inner {
    pub src: Sources,
    pub opts: BuildOptions,
    pub urls: Urls,
    pub site: Value,
    /// Set while templates/ does not compile; nothing is rendered until it does.
    pub template_error: Option<Diagnostics>,
    pub theme_assets: Result<BTreeMap<String, Bytes>, String>,
    pub content_assets: BTreeMap<PathBuf, Result<Bytes, String>>,
    /// Front matter and body of each content file, by path below content/.
    pub parsed: BTreeMap<PathBuf, Result<(Page, Vec<Diagnostic>), Diagnostic>>,
    pub charts: BTreeMap<String, Result<Figure, Vec<Diagnostic>>>,
    /// Figure HTML of the charts drawn without error (what shortcodes see).
    pub figure_html: BTreeMap<String, String>,
    /// Rendered bodies of the pages in the build (not drafts, parsed).
    pub bodies: BTreeMap<PathBuf, Result<Page, Vec<Diagnostic>>>,
    pub listing_keys: BTreeMap<PathBuf, u64>,
    /// Title and URL of each section, as its pages show them.
    pub heads: BTreeMap<String, (String, String)>,
    pub page_files: BTreeMap<PathBuf, Result<Rendered, Diagnostic>>,
    pub listings: Option<Result<Vec<Rendered>, Vec<Diagnostic>>>,
    pub warnings: Vec<Diagnostic>,
    pub work: Work,
}

impl Inner {
    /// Reads the whole site; nothing is computed yet.
    pub fn load(root: &Path, opts: &BuildOptions) -> Result<Inner, Error> {
        let src = Sources::load(root, opts)?;
        let urls = Urls::new(&src.config);
        let site = context::site(&src.config, &urls);
        let content_assets = src
            .content
            .assets
            .iter()
            .map(|rel| (rel.clone(), read_asset(root, rel)))
            .collect();
        Ok(Inner {
            theme_assets: read_theme_assets(root),
            content_assets,
            src,
            opts: opts.clone(),
            urls,
            site,
            template_error: None,
            parsed: BTreeMap::new(),
            charts: BTreeMap::new(),
            figure_html: BTreeMap::new(),
            bodies: BTreeMap::new(),
            listing_keys: BTreeMap::new(),
            heads: BTreeMap::new(),
            page_files: BTreeMap::new(),
            listings: None,
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
        if changes.theme_assets {
            self.theme_assets = read_theme_assets(&root);
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
        self.bodies.clear();
        self.page_files.clear();
        self.listings = None;
    }

    /// Swaps in a re-read charts/ and forgets the charts and bodies that read a spec,
    /// data file or sidecar that differs.
    fn charts_changed(&mut self, new: ChartsTree) {
        let old = std::mem::replace(&mut self.src.charts, new);
        let new = &self.src.charts;
        let mut ids = BTreeSet::new();
        let mut data = BTreeSet::new();
        let spec_map = |t: &ChartsTree| -> BTreeMap<String, (PathBuf, String, String)> {
            t.specs
                .iter()
                .map(|s| {
                    (
                        s.id.clone(),
                        (s.shown.clone(), s.text.clone(), s.spec.data.clone()),
                    )
                })
                .collect()
        };
        let (old_specs, new_specs) = (spec_map(&old), spec_map(new));
        for id in old_specs.keys().chain(new_specs.keys()) {
            let (a, b) = (old_specs.get(id), new_specs.get(id));
            if a != b {
                ids.insert(id.clone());
                // A spec lends its unit to `value` shortcodes on its data.
                data.extend(a.iter().chain(b.iter()).map(|s| s.2.clone()));
            }
        }
        for name in old.tables.keys().chain(new.tables.keys()) {
            if old.tables.get(name) != new.tables.get(name) {
                data.insert(name.clone());
            }
        }
        for name in old.metas.keys().chain(new.metas.keys()) {
            let text =
                |t: &ChartsTree| t.metas.get(name).map(|m| (m.shown.clone(), m.text.clone()));
            if text(&old) != text(new) {
                data.insert(name.clone());
            }
        }
        let mut dropped: BTreeSet<String> = self
            .charts
            .keys()
            .filter(|id| ids.contains(*id) || !new_specs.contains_key(*id))
            .cloned()
            .collect();
        dropped.extend(
            new.specs
                .iter()
                .filter(|s| data.contains(&s.spec.data))
                .map(|s| s.id.clone()),
        );
        for id in &dropped {
            self.charts.remove(id);
            self.figure_html.remove(id);
        }
        self.bodies.retain(|_, b| match b {
            Ok(p) => {
                !p.charts_used
                    .iter()
                    .any(|c| dropped.contains(c) || ids.contains(c))
                    && !p.data_used.iter().any(|d| data.contains(d))
            }
            Err(_) => false,
        });
    }

    /// Re-reads the files below content/ that `changed` stands for.
    fn content_changed(&mut self, root: &Path, changed: &Path) {
        let dir = root.join(CONTENT_DIR);
        let content = &mut self.src.content;
        let problem_rels: Vec<PathBuf> = content
            .problems
            .iter()
            .filter_map(|d| d.file.strip_prefix(CONTENT_DIR).ok().map(Path::to_path_buf))
            .collect();
        let mut known: Vec<&PathBuf> = content.files.iter().map(|f| &f.rel).collect();
        known.extend(content.assets.iter());
        known.extend(problem_rels.iter());
        known.sort();
        let files = affected(&dir, &known, changed);
        for rel in files {
            let shown = Path::new(CONTENT_DIR).join(&rel);
            content.problems.retain(|d| d.file != shown);
            let is_md = rel.extension().is_some_and(|e| e == "md");
            let here = listed(&dir, &rel);
            if is_md {
                let at = content.files.binary_search_by(|f| f.rel.cmp(&rel));
                let read = here.then(|| read_text(&dir.join(&rel), &shown));
                match (at, read) {
                    (Ok(i), Some(Ok(text))) => {
                        if let Some(f) = content.files.get_mut(i) {
                            f.text = text;
                        }
                    }
                    (Err(i), Some(Ok(text))) => content.files.insert(
                        i,
                        ContentFile {
                            rel: rel.clone(),
                            shown,
                            text,
                        },
                    ),
                    (at, other) => {
                        if let Ok(i) = at {
                            content.files.remove(i);
                        }
                        if let Some(Err(d)) = other {
                            content.problems.push(d);
                        }
                    }
                }
                self.parsed.remove(&rel);
                self.bodies.remove(&rel);
            } else {
                let at = content.assets.binary_search(&rel);
                match (at, here) {
                    (Err(i), true) => content.assets.insert(i, rel.clone()),
                    (Ok(i), false) => {
                        content.assets.remove(i);
                    }
                    _ => {}
                }
                if here {
                    self.content_assets
                        .insert(rel.clone(), read_asset(root, &rel));
                } else {
                    self.content_assets.remove(&rel);
                }
                self.work.assets = true;
            }
        }
    }
}

fn read_theme_assets(root: &Path) -> Result<BTreeMap<String, Bytes>, String> {
    jobs::theme_assets(root)
        .map(|m| m.into_iter().map(|(k, v)| (k, Bytes::from(v))).collect())
        .map_err(|e| e.to_string())
}

fn read_asset(root: &Path, rel: &Path) -> Result<Bytes, String> {
    jobs::content_asset(root, rel)
        .map(Bytes::from)
        .map_err(|e| e.to_string())
}
