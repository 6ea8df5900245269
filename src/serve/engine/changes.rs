//! What a batch of file events means for the build: which inputs changed (config,
//! templates, theme assets and static/, charts/, paths below content/), and which files below
//! content/ a changed path stands for (a folder renamed or deleted stands for every
//! file that was or now is inside it).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::config::CONFIG_FILE;
use crate::load::charts::CHARTS_DIR;
use crate::load::content::CONTENT_DIR;
use crate::load::{slash_path, walk_files, STATIC_DIR};
use crate::render::TEMPLATES_DIR;

/// The inputs a batch of events touched.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ChangeSet {
    pub config: bool,
    pub templates: bool,
    /// templates/assets/ or static/: the files copied as they are.
    pub site_assets: bool,
    pub charts: bool,
    /// Changed paths below content/ (files or folders), relative to content/.
    pub content: BTreeSet<PathBuf>,
    /// Every relevant changed path, relative to the site root, for the terminal.
    pub shown: BTreeSet<String>,
}

impl ChangeSet {
    /// Sorts `paths` (absolute, or relative to the site) by what they feed. Paths
    /// outside content/, charts/, templates/, static/ and baogao.toml, and hidden files (which a
    /// build never reads), are ignored. `roots` are the site root's spellings.
    pub fn classify(roots: &[&Path], paths: &[PathBuf]) -> ChangeSet {
        let mut set = ChangeSet::default();
        for path in paths {
            let rel = if path.is_relative() {
                Some(path.as_path())
            } else {
                roots.iter().find_map(|r| path.strip_prefix(r).ok())
            };
            if let Some(rel) = rel {
                set.add(rel);
            }
        }
        set
    }

    fn add(&mut self, rel: &Path) {
        let Some(parts) = normal_parts(rel) else {
            return;
        };
        let Some((first, rest)) = parts.split_first() else {
            return;
        };
        if rest.iter().any(|p| p.starts_with('.')) {
            return;
        }
        match first.as_str() {
            CONFIG_FILE if rest.is_empty() => self.config = true,
            CONTENT_DIR => {
                self.content.insert(rest.iter().collect());
            }
            CHARTS_DIR => self.charts = true,
            STATIC_DIR => self.site_assets = true,
            TEMPLATES_DIR => match rest.first().map(String::as_str) {
                Some("assets") => self.site_assets = true,
                Some(_) => self.templates = true,
                None => {
                    self.templates = true;
                    self.site_assets = true;
                }
            },
            _ => return,
        }
        self.shown.insert(slash_path(rel));
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }
}

/// The components of a relative path, or None if it has `..`, a root or a prefix.
fn normal_parts(rel: &Path) -> Option<Vec<String>> {
    rel.components()
        .map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect()
}

/// The files `changed` (relative to `dir`) stands for: the `known` ones at or below
/// it, and those now on disk at or below it.
pub fn affected(dir: &Path, known: &[PathBuf], changed: &Path) -> BTreeSet<PathBuf> {
    let mut out: BTreeSet<PathBuf> = known
        .iter()
        .filter(|k| k.starts_with(changed))
        .cloned()
        .collect();
    let full = dir.join(changed);
    match fs::symlink_metadata(&full) {
        Ok(m) if m.is_dir() => {
            for rel in walk_files(&full).unwrap_or_default() {
                out.insert(changed.join(rel));
            }
        }
        Ok(_) => {
            out.insert(changed.to_path_buf());
        }
        Err(_) => {}
    }
    out
}

/// Whether [`walk_files`] over `dir` lists `rel`: no hidden part, every folder on the
/// way a real folder (links to folders are not followed), and the file itself a file
/// or a link to one.
pub fn listed(dir: &Path, rel: &Path) -> bool {
    let Some(parts) = normal_parts(rel) else {
        return false;
    };
    let mut here = dir.to_path_buf();
    let count = parts.len();
    for (i, part) in parts.iter().enumerate() {
        if part.starts_with('.') {
            return false;
        }
        here.push(part);
        let Ok(meta) = fs::symlink_metadata(&here) else {
            return false;
        };
        if i + 1 == count {
            return meta.is_file() || (meta.file_type().is_symlink() && here.is_file());
        }
        if !meta.is_dir() {
            return false;
        }
    }
    false
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_folder() {
        let root = Path::new("/site");
        let paths: Vec<PathBuf> = [
            "/site/content/a.md",
            "/site/content/.a.md.swp",
            "/site/charts/x.csv",
            "/site/templates/page.html",
            "/site/templates/assets/style.css",
            "/site/static/CNAME",
            "/site/baogao.toml",
            "/site/public/index.html",
            "/elsewhere/content/b.md",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let set = ChangeSet::classify(&[root], &paths);
        assert!(set.config && set.templates && set.site_assets && set.charts);
        assert_eq!(
            set.content.iter().collect::<Vec<_>>(),
            vec![Path::new("a.md")]
        );
        assert_eq!(set.shown.len(), 6);
    }

    #[test]
    fn a_folder_stands_for_its_files() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("new")).unwrap();
        fs::write(dir.path().join("new/x.md"), "x").unwrap();
        fs::write(dir.path().join("new/.hidden.md"), "x").unwrap();
        let known = [
            PathBuf::from("a.md"),
            PathBuf::from("old/y.md"),
            PathBuf::from("old2.md"),
        ];
        let got = affected(dir.path(), &known, Path::new("old"));
        assert_eq!(
            got.into_iter().collect::<Vec<_>>(),
            vec![PathBuf::from("old/y.md")]
        );
        let got = affected(dir.path(), &known, Path::new("new"));
        assert_eq!(
            got.into_iter().collect::<Vec<_>>(),
            vec![PathBuf::from("new/x.md")]
        );
        assert!(listed(dir.path(), Path::new("new/x.md")));
        assert!(!listed(dir.path(), Path::new("new/.hidden.md")));
        assert!(!listed(dir.path(), Path::new("old/y.md")));
    }
}
