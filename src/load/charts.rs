//! The charts/ folder: chart specs (`<id>.toml`), data files (`*.csv`, `*.tsv`,
//! workbooks, `*.json`, and `*.toml` holding `[[rows]]`) and data sidecars
//! (`<data file>.meta.toml`).
//!
//! A data file is loaded once as its sidecar says (stored under its path, what
//! shortcodes read) and once more for each other way a chart spec asks for it (another
//! `sheet` or `skip_rows`), stored under [`ReadOptions::table_key`]. A rebuild re-reads
//! all of them, so `serve` reloads every variant when the file changes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;
use toml::de::Deserializer;

use super::{slash_path, walk_files};
use crate::charts::ChartSpec;
use crate::config::{check_strings, toml_diagnostic};
use crate::data::load::{extension, is_data_extension, load_variant, ReadOptions};
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
    /// The key of the table this spec reads in [`ChartsTree::tables`] (its data path, or
    /// the variant its `sheet`/`skip_rows` ask for), set once everything is loaded.
    pub table_key: String,
}

/// Everything under charts/.
#[derive(Debug, Default)]
pub struct ChartsTree {
    pub specs: Vec<SpecFile>,
    /// Data tables by path relative to charts/, and by [`ReadOptions::table_key`] for
    /// the variants chart specs ask for.
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
    // By id, so a page's shortcodes find their chart by binary search.
    tree.specs.sort_by(|a, b| a.id.cmp(&b.id));
    let keys: Vec<String> = tree.specs.iter().map(|s| tree.table_key(&s.spec)).collect();
    for (s, key) in tree.specs.iter_mut().zip(keys) {
        s.table_key = key;
    }
    let variants: Vec<(String, Result<Table, Diagnostics>)> = tree
        .variants_wanted()
        .into_par_iter()
        .map(|(key, data, options)| {
            let loaded = load_data(root, &data, tree.metas.get(&data), &options);
            (key, loaded)
        })
        .collect();
    for (key, loaded) in variants {
        match loaded {
            Ok(table) => {
                tree.tables.insert(key, table);
            }
            Err(ds) => {
                // A variant that fails as its file's default did says nothing new.
                for d in ds.0 {
                    if !tree.problems.contains(&d) {
                        tree.problems.push(d);
                    }
                }
            }
        }
    }
    Ok(tree)
}

impl ChartsTree {
    /// How a data file is read when nothing but its sidecar says.
    fn default_options(&self, data: &str) -> ReadOptions {
        self.metas
            .get(data)
            .map(DataMeta::read_options)
            .unwrap_or_default()
    }

    /// The key of the table chart spec `spec` reads.
    pub fn table_key(&self, spec: &ChartSpec) -> String {
        let default = self.default_options(&spec.data);
        default
            .overridden_by(&spec.read_options())
            .table_key(&spec.data, &default)
    }

    /// The table chart spec `spec` reads, if it loaded.
    pub fn table_for(&self, spec: &ChartSpec) -> Option<&Table> {
        self.tables.get(&self.table_key(spec))
    }

    /// (key, data path, options) of each variant a spec asks for beyond the default
    /// tables, once each, in key order.
    fn variants_wanted(&self) -> Vec<(String, String, ReadOptions)> {
        let mut wanted = BTreeMap::new();
        for s in &self.specs {
            let key = self.table_key(&s.spec);
            if key != s.spec.data {
                let options = self
                    .default_options(&s.spec.data)
                    .overridden_by(&s.spec.read_options());
                wanted.insert(key, (s.spec.data.clone(), options));
            }
        }
        wanted
            .into_iter()
            .map(|(key, (data, options))| (key, data, options))
            .collect()
    }

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

/// Data file `name` read with `options`, then transposed when its sidecar says so.
fn load_data(
    root: &Path,
    name: &str,
    meta: Option<&DataMeta>,
    options: &ReadOptions,
) -> Result<Table, Diagnostics> {
    let table = load_variant(root, name, meta, options)?;
    match meta {
        Some(m) => m.transposed(table).map_err(Diagnostics::from),
        None => Ok(table),
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
    let meta = metas.get(&name);
    let options = meta.map(DataMeta::read_options).unwrap_or_default();
    let load_data = || load_data(root, &name, meta, &options);
    match extension(&name).as_str() {
        "toml" => {
            if let Some(data) = name.strip_suffix(SIDECAR_SUFFIX) {
                return Ok(match load_meta(root, data)? {
                    Some(meta) => Loaded::Meta(data.to_string(), meta),
                    None => Loaded::Nothing,
                });
            }
            let text = read_text(&dir.join(rel), &shown)?;
            // Parsed once: the plain table tells data from a spec, and the spec is read
            // from the same parse, with its spans (errors and `expr` positions).
            let at = |e: toml::de::Error| toml_diagnostic(&e, &text, &shown);
            let parsed = toml::de::DeTable::parse(&text).map_err(at)?;
            let table = toml::Table::deserialize(Deserializer::from(parsed.clone())).map_err(at)?;
            if holds_data(&table) {
                return load_data().map(Loaded::Table);
            }
            let spec = ChartSpec::deserialize(Deserializer::from(parsed)).map_err(at)?;
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
                table_key: spec.data.clone(),
                spec,
            })))
        }
        ext if is_data_extension(ext) => load_data().map(Loaded::Table),
        // Other files (notes, images) in charts/ are the user's business.
        _ => Ok(Loaded::Nothing),
    }
}

/// Whether a TOML file under charts/ is a data file: its `rows` are `[[rows]]` tables.
/// A chart spec may have `rows` too, as a list of row labels, so the key alone does not
/// tell; an empty `rows` or one of another type is data only when there is no `kind`
/// (so the data loader explains it).
fn holds_data(table: &toml::Table) -> bool {
    match table.get("rows") {
        None => false,
        Some(toml::Value::Array(items)) if items.iter().any(toml::Value::is_table) => true,
        Some(toml::Value::Array(items)) if !items.is_empty() => false,
        // Empty, or not a list: data only when it is no spec either.
        Some(_) => !table.contains_key("kind"),
    }
}
