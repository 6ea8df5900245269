//! Reading the site from disk: the content tree and the charts folder. Everything a
//! build reads passes through here, so `serve` knows which files a build depends on.

pub mod charts;
pub mod content;
pub mod languages;

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Diagnostic, Error};

/// Files copied to the output root as they are (CNAME, favicon, shared images).
pub const STATIC_DIR: &str = "static";

/// Files below `dir` (relative paths with `/`, sorted), skipping hidden files and folders.
/// A link to a file is followed only when the file lies inside `dir`: a site never
/// publishes what its folders merely point at.
pub fn walk_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    if !dir.is_dir() {
        return Ok(files);
    }
    let real_dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let walker = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let shown = e
                .path()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| dir.to_path_buf());
            Error::from(Diagnostic::file(shown, format!("cannot read: {e}")))
        })?;
        if entry.path_is_symlink() && entry.path().is_file() {
            let inside =
                std::fs::canonicalize(entry.path()).is_ok_and(|t| t.starts_with(&real_dir));
            if !inside {
                return Err(
                    Diagnostic::file(entry.path(), "this link points outside its folder")
                        .with_hint("copy the file into the site instead of linking to it")
                        .into(),
                );
            }
        }
        if entry.file_type().is_file() || (entry.path_is_symlink() && entry.path().is_file()) {
            if let Ok(rel) = entry.path().strip_prefix(dir) {
                files.push(rel.to_path_buf());
            }
        }
    }
    Ok(files)
}

/// A path with `/` separators, as used in URLs and messages.
pub fn slash_path(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}
