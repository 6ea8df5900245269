//! The charts/ folder: chart specs (`<id>.toml`), data files (`*.csv`, `*.json`, and
//! `*.toml` holding `[[rows]]`) and data sidecars (`<data file>.meta.toml`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{slash_path, walk_files};
use crate::charts::ChartSpec;
use crate::config::{check_strings, parse_toml, toml_diagnostic};
use crate::data::load::load_table;
use crate::data::sidecar::{load_meta, DataMeta, SIDECAR_SUFFIX};
use crate::data::Table;
use crate::error::{read_text, Diagnostic, Diagnostics, Error};

pub const CHARTS_DIR: &str = "charts";

/// A chart spec with the text it came from (assertion errors point into it).
#[derive(Debug, Clone)]
pub struct SpecFile {
    /// The chart id: the path below charts/ without `.toml`.
    pub id: String,
    pub shown: PathBuf,
    pub text: String,
    pub spec: ChartSpec,
}

/// Everything under charts/.
#[derive(Debug, Default)]
pub struct ChartsTree {
    pub specs: Vec<SpecFile>,
    /// Data tables by path relative to charts/.
    pub tables: BTreeMap<String, Table>,
    /// Sidecars by the data path they describe.
    pub metas: BTreeMap<String, DataMeta>,
    /// Files (relative to charts/) that could not be loaded; their problems say why.
    pub broken: std::collections::BTreeSet<String>,
    pub problems: Vec<Diagnostic>,
}

enum Loaded {
    Spec(Box<SpecFile>),
    Table(Table),
    Meta(String, DataMeta),
    Nothing,
}

pub fn load(root: &Path) -> Result<ChartsTree, Error> {
    let dir = root.join(CHARTS_DIR);
    let files = walk_files(&dir)?;
    // Sidecars first: some of their keys say how their data file is read.
    let (sidecars, others): (Vec<_>, Vec<_>) = files
        .iter()
        .partition(|rel| slash_path(rel).ends_with(SIDECAR_SUFFIX));
    let mut tree = ChartsTree::default();
    let metas: Vec<(String, Result<Loaded, Diagnostics>)> = sidecars
        .par_iter()
        .map(|rel| (slash_path(rel), load_one(root, &dir, rel, &tree.metas)))
        .collect();
    tree.absorb(metas);
    let loaded: Vec<(String, Result<Loaded, Diagnostics>)> = others
        .par_iter()
        .map(|rel| (slash_path(rel), load_one(root, &dir, rel, &tree.metas)))
        .collect();
    tree.absorb(loaded);
    Ok(tree)
}

impl ChartsTree {
    fn absorb(&mut self, loaded: Vec<(String, Result<Loaded, Diagnostics>)>) {
        let tree = self;
        for (name, item) in loaded {
            match item {
                Ok(Loaded::Spec(s)) => tree.specs.push(*s),
                Ok(Loaded::Table(t)) => {
                    tree.tables.insert(t.path.clone(), t);
                }
                Ok(Loaded::Meta(data, m)) => {
                    tree.metas.insert(data, m);
                }
                Ok(Loaded::Nothing) => {}
                Err(ds) => {
                    tree.broken.insert(name);
                    tree.problems.extend(ds.0);
                }
            }
        }
    }
}

fn load_one(
    root: &Path,
    dir: &Path,
    rel: &Path,
    metas: &BTreeMap<String, DataMeta>,
) -> Result<Loaded, Diagnostics> {
    let name = slash_path(rel);
    let shown = Path::new(CHARTS_DIR).join(rel);
    let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
    match ext {
        "csv" | "json" => load_table(root, &name, metas.get(&name)).map(Loaded::Table),
        "toml" => {
            if let Some(data) = name.strip_suffix(SIDECAR_SUFFIX) {
                return Ok(match load_meta(root, data)? {
                    Some(meta) => Loaded::Meta(data.to_string(), meta),
                    None => Loaded::Nothing,
                });
            }
            let text = read_text(&dir.join(rel), &shown)?;
            let table: toml::Table =
                toml::from_str(&text).map_err(|e| toml_diagnostic(&e, &text, &shown))?;
            if table.contains_key("rows") {
                return load_table(root, &name, metas.get(&name)).map(Loaded::Table);
            }
            let spec: ChartSpec = parse_toml(&text, &shown)?;
            check_strings(&table, &text, &shown)?;
            let id = name.strip_suffix(".toml").unwrap_or(&name).to_string();
            if !id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/'))
            {
                return Err(Diagnostic::file(
                    &shown,
                    format!("chart id `{id}` (the file name) may use only a-z, 0-9, - and _"),
                )
                .with_hint("chart ids become URLs such as charts/<id>.svg; rename the file")
                .into());
            }
            Ok(Loaded::Spec(Box::new(SpecFile {
                id,
                shown,
                text,
                spec,
            })))
        }
        // Other files (notes, images) in charts/ are the user's business.
        _ => Ok(Loaded::Nothing),
    }
}
