//! Where built files go. A build writes through the [`Output`] trait:
//! [`DirOutput`] builds into a temporary folder beside the output and swaps it in only
//! when everything succeeded; [`MemoryOutput`] keeps files in memory (for `check`,
//! `serve` and tests). Both refuse a second file at the same path.

mod dir;

pub use dir::DirOutput;

use std::collections::BTreeMap;
use std::sync::Mutex;

/// A place built files are written to. Paths are relative, with `/` separators.
pub trait Output: Sync {
    /// Writes one file; an error string says why it could not be written.
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), String>;
}

/// Files kept in memory, by path.
#[derive(Default)]
pub struct MemoryOutput {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl MemoryOutput {
    pub fn new() -> Self {
        Self::default()
    }
    /// Takes the files out, sorted by path.
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.files.into_inner().unwrap_or_else(|p| p.into_inner())
    }
}

impl Output for MemoryOutput {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), String> {
        let mut files = self.files.lock().unwrap_or_else(|p| p.into_inner());
        if files.contains_key(path) {
            return Err(format!("two outputs would both be written to `{path}`"));
        }
        files.insert(path.to_string(), bytes.to_vec());
        Ok(())
    }
}

/// Refuses paths that could leave the output folder.
pub(crate) fn check_relative(path: &str) -> Result<(), String> {
    let bad = path.is_empty()
        || path.starts_with('/')
        || path.contains('\\')
        || path
            .split('/')
            .any(|c| c == ".." || c == "." || c.is_empty());
    if bad {
        Err(format!(
            "refusing to write outside the output folder: `{path}`"
        ))
    } else {
        Ok(())
    }
}
