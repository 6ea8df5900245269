//! Reading what changed into [`Inner`]'s copy of the sources, and forgetting the
//! results that read it: a re-read charts/ is compared with the old one spec by spec
//! and table by table; a path below content/ is re-read file by file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::changes::{affected, listed};
use super::state::{read_asset, Inner};
use crate::error::read_text;
use crate::load::charts::ChartsTree;
use crate::load::content::{ContentFile, CONTENT_DIR};

impl Inner {
    /// Swaps in a re-read charts/ and forgets the charts and bodies that read a spec,
    /// data file or sidecar that differs.
    pub(super) fn charts_changed(&mut self, new: ChartsTree) {
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
                // Pages quoting the data are refreshed too: cheap, and safe should a spec key
                // ever bear on how its data is read.
                data.extend(a.iter().chain(b.iter()).map(|s| s.2.clone()));
            }
        }
        // A table may be one variant (sheet, skip_rows) of its file: what reads the
        // file depends on it, so the file's path is what changed.
        for name in old.tables.keys().chain(new.tables.keys()) {
            let (was, is) = (old.tables.get(name), new.tables.get(name));
            if was != is {
                data.extend(was.or(is).map(|t| t.path.clone()));
            }
        }
        for name in old.metas.keys().chain(new.metas.keys()) {
            let text = |t: &ChartsTree| t.metas.get(name).map(|m| (m.file.clone(), m.text.clone()));
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
        dropped.extend(ids);
        dropped.extend(
            new.specs
                .iter()
                .filter(|s| data.contains(&s.spec.data))
                .map(|s| s.id.clone()),
        );
        for id in &dropped {
            self.charts.remove(id);
            for by_id in self.figure_html.values_mut() {
                by_id.remove(id);
            }
        }
        self.bodies.forget_where(|b| match b {
            Ok(p) => {
                p.charts_used.iter().any(|c| dropped.contains(c))
                    || p.data_used.iter().any(|d| data.contains(d))
            }
            Err(_) => true,
        });
    }

    /// Re-reads the files below content/ that `changed` stands for.
    pub(super) fn content_changed(&mut self, root: &Path, changed: &Path) {
        let dir = root.join(CONTENT_DIR);
        let content = &self.src.content;
        let mut known: Vec<PathBuf> = below(&content.files, changed, |f| &f.rel);
        known.extend(below(&content.assets, changed, |p| p));
        known.extend(
            content
                .problems
                .iter()
                .filter_map(|d| d.file.strip_prefix(CONTENT_DIR).ok())
                .filter(|rel| rel.starts_with(changed))
                .map(Path::to_path_buf),
        );
        for rel in affected(&dir, &known, changed) {
            if rel.extension().is_some_and(|e| e == "md") {
                self.markdown_changed(&dir, rel);
            } else {
                self.asset_changed(root, &dir, rel);
            }
        }
    }

    fn markdown_changed(&mut self, dir: &Path, rel: PathBuf) {
        let content = &mut self.src.content;
        let shown = Path::new(CONTENT_DIR).join(&rel);
        content.problems.retain(|d| d.file != shown);
        let at = content.files.binary_search_by(|f| f.rel.cmp(&rel));
        let read = listed(dir, &rel).then(|| read_text(&dir.join(&rel), &shown));
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
        self.dirty.insert(rel);
    }

    fn asset_changed(&mut self, root: &Path, dir: &Path, rel: PathBuf) {
        let assets = &mut self.src.content.assets;
        let here = listed(dir, &rel);
        match (assets.binary_search(&rel), here) {
            (Err(i), true) => assets.insert(i, rel.clone()),
            (Ok(i), false) => {
                assets.remove(i);
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

/// The items of `sorted` (sorted by `key`) whose key is `prefix` or below it: one run.
fn below<T>(sorted: &[T], prefix: &Path, key: impl Fn(&T) -> &PathBuf) -> Vec<PathBuf> {
    let start = sorted.partition_point(|t| key(t).as_path() < prefix);
    sorted
        .get(start..)
        .unwrap_or(&[])
        .iter()
        .map(&key)
        .take_while(|k| k.starts_with(prefix))
        .cloned()
        .collect()
}
