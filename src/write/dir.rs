//! Atomic output to a folder: build into `.<name>.baogao-tmp` beside the output, then
//! swap it in. The previous output is untouched until the very end, and a folder
//! holding files baogao did not write is refused, never emptied.
//!
//! Ownership is recorded in a manifest (`.baogao-manifest`) listing every file written;
//! an existing output may be replaced only if it holds nothing else.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{check_relative, Output};
use crate::error::{Diagnostic, Error};
use crate::load::slash_path;

pub const MANIFEST: &str = ".baogao-manifest";
const MANIFEST_HEADER: &str = "# files written by baogao; do not edit\n";

/// A build in progress towards an output folder.
pub struct DirOutput {
    target: PathBuf,
    temp: PathBuf,
    written: Mutex<BTreeSet<String>>,
    /// Folders made so far: a build writes thousands of files into charts/, and asking
    /// the file system to make it again each time cost two system calls a file.
    folders: Mutex<BTreeSet<String>>,
}

impl DirOutput {
    /// Checks that `target` may be replaced and creates the temporary folder.
    /// The output may be neither the site `root` nor one of its ancestors, and may not
    /// lie inside a `source` folder (content/, charts/, templates/).
    pub fn prepare(target: &Path, root: &Path, sources: &[PathBuf]) -> Result<DirOutput, Error> {
        let target = absolute(target)?;
        let root = absolute(root)?;
        if root.starts_with(&target) {
            return Err(Diagnostic::file(
                &target,
                "the output folder would contain the site itself",
            )
            .with_hint("choose another --output folder, e.g. public")
            .into());
        }
        for s in sources {
            let s = absolute(s)?;
            if target.starts_with(&s) {
                return Err(Diagnostic::file(
                    &target,
                    format!(
                        "the output folder overlaps the site's sources ({})",
                        s.display()
                    ),
                )
                .with_hint("choose another --output folder, e.g. public")
                .into());
            }
        }
        check_owned(&target)?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".to_string());
        let parent = target.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| Error::internal(parent.display(), e))?;
        let temp = parent.join(format!(".{name}.baogao-tmp"));
        if temp.exists() {
            // Left by a build that was killed; it carries our manifest or nothing at all.
            fs::remove_dir_all(&temp).map_err(|e| Error::internal(temp.display(), e))?;
        }
        fs::create_dir_all(&temp).map_err(|e| Error::internal(temp.display(), e))?;
        Ok(DirOutput {
            target,
            temp,
            written: Mutex::new(BTreeSet::new()),
            folders: Mutex::new(BTreeSet::new()),
        })
    }

    /// Writes the manifest and swaps the new folder in for the old one.
    pub fn commit(self) -> Result<(), Error> {
        let written = self.written.into_inner().unwrap_or_else(|p| p.into_inner());
        let mut manifest = String::from(MANIFEST_HEADER);
        for path in &written {
            manifest.push_str(path);
            manifest.push('\n');
        }
        let manifest_path = self.temp.join(MANIFEST);
        fs::write(&manifest_path, manifest)
            .map_err(|e| Error::internal(manifest_path.display(), e))?;
        let old = self.temp.with_extension("old");
        if self.target.exists() {
            if old.exists() {
                fs::remove_dir_all(&old).map_err(|e| Error::internal(old.display(), e))?;
            }
            fs::rename(&self.target, &old)
                .map_err(|e| Error::internal(self.target.display(), e))?;
        }
        fs::rename(&self.temp, &self.target).map_err(|e| {
            // Put the previous output back before giving up.
            let _ = fs::rename(&old, &self.target);
            Error::internal(self.target.display(), e)
        })?;
        if old.exists() {
            fs::remove_dir_all(&old).map_err(|e| Error::internal(old.display(), e))?;
        }
        Ok(())
    }

    /// Drops the temporary folder; the previous output stays as it was.
    pub fn abort(self) {
        let _ = fs::remove_dir_all(&self.temp);
    }

    /// Where the files end up.
    pub fn target(&self) -> &Path {
        &self.target
    }
}

impl Output for DirOutput {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), String> {
        check_relative(path)?;
        {
            let mut written = self.written.lock().unwrap_or_else(|p| p.into_inner());
            if !written.insert(path.to_string()) {
                return Err(format!("two outputs would both be written to `{path}`"));
            }
        }
        let full = self.temp.join(path);
        // Folders by their relative path as written: comparing strings, not paths
        // component by component, once per file.
        if let (Some((rel, _)), Some(dir)) = (path.rsplit_once('/'), full.parent()) {
            let folders = || self.folders.lock().unwrap_or_else(|p| p.into_inner());
            if !folders().contains(rel) {
                fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                folders().insert(rel.to_string());
            }
        }
        fs::write(&full, bytes).map_err(|e| format!("{}: {e}", full.display()))
    }
}

fn absolute(p: &Path) -> Result<PathBuf, Error> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| Error::internal("current folder", e))?
            .join(p)
    };
    // Resolve what exists (symlinks, `..`) so comparisons are honest.
    Ok(fs::canonicalize(&abs).unwrap_or(abs))
}

/// Refuses an existing output folder that holds files baogao did not write.
fn check_owned(target: &Path) -> Result<(), Error> {
    if !target.exists() {
        return Ok(());
    }
    if !target.is_dir() {
        return Err(Diagnostic::file(target, "the output path exists and is not a folder").into());
    }
    let manifest = fs::read_to_string(target.join(MANIFEST)).ok();
    let files = walk_all(target)?;
    let listed: BTreeSet<&str> = manifest
        .as_deref()
        .map(|m| m.lines().filter(|l| !l.starts_with('#')).collect())
        .unwrap_or_default();
    let foreign: Vec<&String> = files
        .iter()
        .filter(|f| f.as_str() != MANIFEST && !listed.contains(f.as_str()))
        .collect();
    if let Some(first) = foreign.first() {
        let more = if foreign.len() > 1 {
            format!(" and {} more", foreign.len() - 1)
        } else {
            String::new()
        };
        return Err(Diagnostic::file(
            target,
            format!(
                "the output folder holds files baogao did not write (`{first}`{more}); refusing to replace it"
            ),
        )
        .with_hint("build into an empty or new folder, or move those files away")
        .into());
    }
    Ok(())
}

/// Every file below `dir`, hidden ones included (ownership must see them all).
fn walk_all(dir: &Path) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::internal(dir.display(), e))?;
        if !entry.file_type().is_dir() {
            if let Ok(rel) = entry.path().strip_prefix(dir) {
                out.push(slash_path(rel));
            }
        }
    }
    Ok(out)
}
