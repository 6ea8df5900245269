//! The content tree: Markdown pages and sections under content/, and other files there
//! (images, PDFs) that are copied to the output as they are.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::walk_files;
use crate::error::{read_text, Diagnostic, Error};

pub const CONTENT_DIR: &str = "content";

/// A Markdown file read from content/.
#[derive(Debug, Clone, PartialEq)]
pub struct ContentFile {
    /// Path relative to content/ (e.g. `reports/_index.md`).
    pub rel: PathBuf,
    /// Path as shown in messages (e.g. `content/reports/_index.md`).
    pub shown: PathBuf,
    pub text: String,
}

impl ContentFile {
    pub fn is_section(&self) -> bool {
        let (rel, _) = super::languages::split_language(&self.rel);
        rel.file_name().is_some_and(|n| n == "_index.md")
    }
}

/// Everything under content/.
#[derive(Debug, Default)]
pub struct ContentTree {
    pub files: Vec<ContentFile>,
    /// Non-Markdown files, relative to content/, copied to the same place in the output.
    pub assets: Vec<PathBuf>,
    /// Files that could not be read (not UTF-8, unreadable).
    pub problems: Vec<Diagnostic>,
}

pub fn load(root: &Path) -> Result<ContentTree, Error> {
    let dir = root.join(CONTENT_DIR);
    let mut tree = ContentTree::default();
    let (md, other): (Vec<PathBuf>, Vec<PathBuf>) = walk_files(&dir)?
        .into_iter()
        .partition(|p| p.extension().is_some_and(|e| e == "md"));
    tree.assets = other;
    let read: Vec<Result<ContentFile, Diagnostic>> = md
        .par_iter()
        .map(|rel| {
            let shown = Path::new(CONTENT_DIR).join(rel);
            read_text(&dir.join(rel), &shown).map(|text| ContentFile {
                rel: rel.clone(),
                shown,
                text,
            })
        })
        .collect();
    for r in read {
        match r {
            Ok(f) => tree.files.push(f),
            Err(d) => tree.problems.push(d),
        }
    }
    Ok(tree)
}
