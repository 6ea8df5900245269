//! Data sidecars: the optional `charts/<data file>.meta.toml` next to a data file
//! (e.g. `charts/key-projects.csv.meta.toml`) giving column units and `[[assert]]`
//! entries that hold for the data wherever it is used.
//!
//! ```toml
//! sheet = "分地区"   # workbooks: the sheet to read (default: the first)
//! skip_rows = 2      # CSV and workbooks: rows above the header (default: found)
//!
//! [units]
//! "完成投资" = "亿元"
//!
//! [[assert]]
//! expr = "sum(完成投资) <= value(完成投资, \"合计\")"
//! message = "分项之和不能超过合计"
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::de::{DeTable, DeValue};

use crate::config::parse_toml;
use crate::data::assert::{self, AssertSpec};
use crate::data::load::{find, shown_path, ReadOptions};
use crate::data::transform::{self, place, Transpose};
use crate::data::{RowMiss, Table};
use crate::error::{read_text, Diagnostic, Diagnostics};

/// What a sidecar file's name adds to its data file's name.
pub const SIDECAR_SUFFIX: &str = ".meta.toml";

/// A data file's sidecar spec.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataMeta {
    /// Workbooks: the sheet read (default: the first).
    #[serde(default)]
    pub sheet: Option<String>,
    /// CSV and workbooks: the rows above the header (default: title rows are found).
    #[serde(default)]
    pub skip_rows: Option<usize>,
    /// Column → unit (`"完成投资" = "亿元"`).
    #[serde(default)]
    pub units: BTreeMap<String, String>,
    #[serde(default, rename = "assert")]
    pub assertions: Vec<AssertSpec>,
    /// More marks that mean "no value" in this file, beside the built-in ones
    /// (`missing = ["无", "x"]`).
    #[serde(default)]
    pub missing: Vec<String>,
    /// The label of the row that is the table's total, when it is not 合计/总计/….
    /// Naming one turns the built-in total labels off for this file.
    #[serde(default)]
    pub total_row: Option<String>,
    /// Rows that are "of which" subsets of the row above them, by label.
    #[serde(default)]
    pub subsets: Vec<String>,
    /// `transpose = true`: the file has periods as columns; every chart and shortcode
    /// reading it sees periods as rows.
    #[serde(default)]
    pub transpose: Option<Transpose>,
    /// The sidecar as shown in messages, `charts/<data file>.meta.toml` (set by
    /// [`load_meta`]).
    #[serde(skip)]
    pub file: PathBuf,
    /// The sidecar's text, into which the assertions' spans point (set by [`load_meta`]).
    #[serde(skip)]
    pub text: String,
}

/// Loads the sidecar of data file `rel` (relative to charts/); `Ok(None)` when the
/// data file has none. The sidecar path obeys the same rules as data paths.
pub fn load_meta(root: &Path, rel: &str) -> Result<Option<DataMeta>, Diagnostic> {
    let meta_rel = format!("{rel}{SIDECAR_SUFFIX}");
    let shown = shown_path(&meta_rel);
    let Some(path) = find(root, &meta_rel).map_err(|m| Diagnostic::file(&shown, m))? else {
        return Ok(None);
    };
    let text = read_text(&path, &shown)?;
    let mut meta: DataMeta = parse_toml(&text, &shown)?;
    meta.file = shown;
    meta.text = text;
    Ok(Some(meta))
}

impl DataMeta {
    /// How the data file is read by default (shortcodes and charts that set nothing).
    pub fn read_options(&self) -> ReadOptions {
        ReadOptions {
            sheet: self.sheet.clone(),
            skip_rows: self.skip_rows,
        }
    }

    /// The unit of a column, if the sidecar gives one.
    pub fn unit(&self, column: &str) -> Option<&str> {
        self.units.get(column).map(String::as_str)
    }

    /// The table as the sidecar says to read it (turned round when `transpose` is set).
    pub fn transposed(&self, table: Table) -> Result<Table, Diagnostic> {
        match self.transpose.as_ref().and_then(Transpose::column) {
            Some(column) => transform::transpose(table, column).map_err(|m| {
                place::diagnostic(
                    transform::StepError::at("transpose", m),
                    &self.file,
                    &self.text,
                )
            }),
            None => Ok(table),
        }
    }

    /// Checks the sidecar against its table: every unit names a column of the table
    /// and every assertion holds. Returns every problem, not only the first.
    pub fn check(&self, table: &Table) -> Diagnostics {
        let mut problems = Diagnostics::default();
        for column in self.units.keys() {
            if table.column(column).is_none() {
                let message = format!("units: no column `{column}` in charts/{}", table.path);
                problems.push(
                    self.at_unit_key(column, message)
                        .with_hint(format!("the columns are: {}", table.columns.join(", "))),
                );
            }
        }
        let named_rows = self.total_row.iter().map(|r| ("total_row", r));
        for (key, label) in named_rows.chain(self.subsets.iter().map(|r| ("subsets", r))) {
            if let Err(miss) = table.row_by_label(label) {
                let at = self.text.find(&format!("\"{label}\"")).unwrap_or(0);
                let (message, hint) = match miss {
                    RowMiss::Several(rows) => (
                        table.several_rows(label, &rows),
                        "give the rows distinct names in the data file",
                    ),
                    RowMiss::None => (
                        format!("no row `{label}` in charts/{}", table.path),
                        "rows are named by their first column",
                    ),
                };
                problems.push(
                    Diagnostic::at_offset(&self.file, &self.text, at, format!("{key}: {message}"))
                        .with_hint(hint),
                );
            }
        }
        for spec in &self.assertions {
            if let Err(d) = assert::check(spec, table, &self.file, &self.text) {
                problems.push(d);
            }
        }
        problems
    }

    /// A problem with the `[units]` key `column`, placed on its line.
    fn at_unit_key(&self, column: &str, message: String) -> Diagnostic {
        match unit_key_offset(&self.text, column) {
            Some(at) => Diagnostic::at_offset(&self.file, &self.text, at, message),
            None => Diagnostic::file(&self.file, message),
        }
    }
}

/// Where the key `column` of the `[units]` table is written.
pub(crate) fn unit_key_offset(text: &str, column: &str) -> Option<usize> {
    let doc = DeTable::parse(text).ok()?;
    let (_, units) = doc.get_ref().iter().find(|(k, _)| k.get_ref() == "units")?;
    let DeValue::Table(units) = units.get_ref() else {
        return None;
    };
    units
        .keys()
        .find(|k| k.get_ref() == column)
        .map(|k| k.span().start)
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
    use crate::data::load::load_table;

    fn site(meta: Option<&str>) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let charts = dir.path().join("charts");
        std::fs::create_dir_all(&charts).unwrap();
        std::fs::write(
            charts.join("k.csv"),
            "领域,完成投资\n甲,1.5\n乙,2\n合计,3.5\n",
        )
        .unwrap();
        if let Some(meta) = meta {
            std::fs::write(charts.join("k.csv.meta.toml"), meta).unwrap();
        }
        dir
    }

    #[test]
    fn no_sidecar_is_none() {
        let dir = site(None);
        assert_eq!(load_meta(dir.path(), "k.csv"), Ok(None));
    }

    #[test]
    fn units_and_passing_assertions() {
        let text = "[units]\n\"完成投资\" = \"亿元\"\n\n[[assert]]\nexpr = 'sum(完成投资) == value(完成投资, \"合计\")'\n";
        let dir = site(Some(text));
        let meta = load_meta(dir.path(), "k.csv").unwrap().unwrap();
        assert_eq!(meta.unit("完成投资"), Some("亿元"));
        assert_eq!(meta.file, PathBuf::from("charts/k.csv.meta.toml"));
        let table = load_table(dir.path(), "k.csv", None).unwrap();
        assert!(meta.check(&table).is_empty());
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let text = "[units]\n\"完成\" = \"亿元\"\n\n[[assert]]\nexpr = 'count() == 3'\n\n[[assert]]\nexpr = 'max(完成投资) < 2'\nmessage = \"太大\"\n";
        let dir = site(Some(text));
        let meta = load_meta(dir.path(), "k.csv").unwrap().unwrap();
        let table = load_table(dir.path(), "k.csv", None).unwrap();
        let shown: Vec<String> = meta.check(&table).0.iter().map(|d| d.to_string()).collect();
        assert_eq!(shown.len(), 3, "{shown:?}");
        assert!(
            shown[0].starts_with("charts/k.csv.meta.toml:2:1: units: no column `完成`"),
            "{}",
            shown[0]
        );
        assert!(
            shown[1].starts_with(
                "charts/k.csv.meta.toml:5:9: assertion failed: count() == 3 (count() = 2"
            ),
            "{}",
            shown[1]
        );
        assert!(
            shown[2].ends_with("(max(完成投资) = 2, right side = 2): 太大"),
            "{}",
            shown[2]
        );
    }

    #[test]
    fn a_unit_given_twice_must_agree() {
        let dir = site(None);
        let charts = dir.path().join("charts");
        std::fs::write(charts.join("k.csv"), "领域,完成投资（亿元）\n甲,1.5\n").unwrap();
        let meta_text = "skip_rows = 0\n[units]\n\"完成投资\" = \"万元\"\n";
        std::fs::write(charts.join("k.csv.meta.toml"), meta_text).unwrap();
        let meta = load_meta(dir.path(), "k.csv").unwrap().unwrap();
        assert_eq!(meta.read_options().skip_rows, Some(0));
        let d = &load_table(dir.path(), "k.csv", Some(&meta)).unwrap_err().0[0];
        assert_eq!(d.line, Some(3), "{d}");
        assert!(d.message.contains("`完成投资` is in `亿元`"), "{d}");
        // The same unit twice is fine, under either name.
        let agreeing = "[units]\n\"完成投资（亿元）\" = \"亿元\"\n";
        std::fs::write(charts.join("k.csv.meta.toml"), agreeing).unwrap();
        let meta = load_meta(dir.path(), "k.csv").unwrap().unwrap();
        let table = load_table(dir.path(), "k.csv", Some(&meta)).unwrap();
        assert!(meta.check(&table).is_empty());
        assert_eq!(table.units.keys().collect::<Vec<_>>(), ["完成投资"]);
    }

    #[test]
    fn unknown_keys_are_errors() {
        let dir = site(Some("[unit]\na = \"b\"\n"));
        let d = load_meta(dir.path(), "k.csv").unwrap_err();
        assert_eq!(d.line, Some(1));
        assert!(d.message.contains("unknown field `unit`"), "{d}");
    }
}
