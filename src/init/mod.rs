//! `baogao init DIR`: a new site. By default a small working report that shows the main
//! features (a data file with its sidecar of units and assertions, one chart, value and
//! share shortcodes, key figures), a `.gitignore` and a GitHub Pages workflow; with
//! `--bare` only the skeleton. The data and chart specs are the example site's own files
//! (real figures with their source), so the sample cannot drift from what the example
//! site shows.

use std::fs;
use std::path::Path;

use crate::error::{Diagnostic, Error};

/// Files every new site gets: (path in the site, text).
const SKELETON: &[(&str, &str)] = &[
    ("baogao.toml", include_str!("site/baogao.toml")),
    ("content/_index.md", include_str!("site/index.md")),
    (".gitignore", include_str!("site/gitignore")),
];

/// The folders a bare site starts with, empty.
const BARE_FOLDERS: &[&str] = &["charts"];

/// What the default (not bare) site adds to the skeleton.
const SAMPLE: &[(&str, &str)] = &[
    ("content/reports/_index.md", include_str!("site/reports.md")),
    ("content/reports/sample.md", include_str!("site/report.md")),
    (
        "charts/key-projects-2026-jan-may.csv",
        include_str!("../../charts/key-projects-2026-jan-may.csv"),
    ),
    (
        "charts/key-projects-2026-jan-may.csv.meta.toml",
        include_str!("../../charts/key-projects-2026-jan-may.csv.meta.toml"),
    ),
    (
        "charts/investment-structure.toml",
        include_str!("../../charts/investment-structure.toml"),
    ),
    (".github/workflows/pages.yml", PAGES_WORKFLOW),
];

/// The GitHub Pages workflow a new site gets (also shown in the docs' publishing page).
pub const PAGES_WORKFLOW: &str = include_str!("site/pages.yml");

/// Creates a new site in `dir`, which must not exist or be empty.
pub fn create(dir: &Path, bare: bool) -> Result<(), Error> {
    if dir.exists()
        && fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(Diagnostic::file(
            dir,
            "folder exists and is not empty; init only creates new sites",
        )
        .with_hint("name a new folder: baogao init my-site")
        .into());
    }
    let sample: &[(&str, &str)] = if bare { &[] } else { SAMPLE };
    for (rel, text) in SKELETON.iter().chain(sample) {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::internal(parent.display(), e))?;
        }
        fs::write(&path, text).map_err(|e| Error::internal(path.display(), e))?;
    }
    for folder in BARE_FOLDERS {
        let path = dir.join(folder);
        fs::create_dir_all(&path).map_err(|e| Error::internal(path.display(), e))?;
    }
    Ok(())
}
