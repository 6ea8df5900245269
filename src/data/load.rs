//! Finding and reading data files under charts/ (SPEC §5): path checks that keep every
//! data file inside charts/, and loading CSV (any dialect), workbooks, JSON or TOML into
//! a [`Table`]. CSV and workbooks pass through the yearbook layout (title rows, unit
//! line, header units, footnote marks, notes).

pub mod bad_cells;
mod cell;
pub mod dialect;
mod from_csv;
mod from_json;
mod from_toml;
mod from_workbook;
mod grid;
mod layout;
mod marks;
mod written_units;

use std::path::{Component, Path, PathBuf};

use crate::data::sidecar::DataMeta;
use crate::data::{roles, Cell, Table};
use crate::error::{read_text, Diagnostic, Diagnostics};

pub use cell::{
    halfwidth_digits, parse_cell, parse_number, BELOW_UNIT_MARKS, MISSING_MARKS, NOT_FINITE,
};
pub use grid::cell_name;
pub use marks::{reads_as_unit, split_unit};

/// How a data file is read where the format allows a choice: which sheet of a
/// workbook, and how many rows above the header to skip. Set in a data sidecar, and
/// per chart in its spec (a spec may read another sheet than the sidecar's).
#[derive(Debug, Clone, PartialEq, Eq, Default, PartialOrd, Ord)]
pub struct ReadOptions {
    pub sheet: Option<String>,
    pub skip_rows: Option<usize>,
}

impl ReadOptions {
    /// These options with `over`'s set values taking precedence.
    pub fn overridden_by(&self, over: &ReadOptions) -> ReadOptions {
        ReadOptions {
            sheet: over.sheet.clone().or_else(|| self.sheet.clone()),
            skip_rows: over.skip_rows.or(self.skip_rows),
        }
    }

    /// The key a table read with these options is stored under, given the options the
    /// file is read with by default (its sidecar's): the plain path for the default.
    pub fn table_key(&self, rel: &str, default: &ReadOptions) -> String {
        if self == default {
            return rel.to_string();
        }
        let sheet = self.sheet.as_deref().unwrap_or("");
        let skip = self.skip_rows.map(|n| n.to_string()).unwrap_or_default();
        format!("{rel}#sheet={sheet}#skip_rows={skip}")
    }
}

/// The folder data paths are relative to.
pub const CHARTS_DIR: &str = "charts";

/// The data file `rel` (relative to `root/charts/`), checked to exist and to stay inside
/// charts/: absolute paths, `..` and links leading out are refused. The message in the
/// error names the path as written.
pub fn resolve(root: &Path, rel: &str) -> Result<PathBuf, String> {
    find(root, rel)?.ok_or_else(|| format!("data file `{rel}` not found in {CHARTS_DIR}/"))
}

/// Like [`resolve`], but a missing file is `Ok(None)` rather than an error (for optional
/// files such as sidecars). Every other refusal is still an error.
pub fn find(root: &Path, rel: &str) -> Result<Option<PathBuf>, String> {
    check_relative(rel)?;
    let charts = root.join(CHARTS_DIR);
    let candidate = charts.join(rel);
    let Ok(meta) = std::fs::symlink_metadata(&candidate) else {
        return Ok(None);
    };
    // A file (not a link) directly in charts/ cannot lead out of it: no need to ask the
    // file system for real paths, which a build of thousands of charts did per file.
    let single = !rel.contains(['/', '\\']);
    if single && meta.file_type().is_file() {
        return Ok(Some(candidate));
    }
    let leaves = || format!("data path `{rel}` leaves {CHARTS_DIR}/ (through a link)");
    let base = charts.canonicalize().map_err(|_| leaves())?;
    let real = match candidate.canonicalize() {
        Ok(p) => p,
        // A dangling link: nothing to read, but say where it points.
        Err(_) => return Err(format!("data path `{rel}` is a broken link")),
    };
    if !real.starts_with(&base) {
        return Err(leaves());
    }
    if !real.is_file() {
        return Err(format!("data path `{rel}` is not a file"));
    }
    Ok(Some(real))
}

/// Refuses data paths that are empty, absolute or climb with `..`.
fn check_relative(rel: &str) -> Result<(), String> {
    if rel.trim().is_empty() {
        return Err("data path is empty".to_string());
    }
    let path = Path::new(rel);
    let mut components = path.components();
    if path.is_absolute()
        || rel.starts_with(['/', '\\'])
        || components.any(|c| matches!(c, Component::RootDir | Component::Prefix(_)))
    {
        return Err(format!(
            "data path `{rel}` is absolute; write it relative to {CHARTS_DIR}/"
        ));
    }
    let climbs = path.components().any(|c| c == Component::ParentDir)
        || rel.split(['/', '\\']).any(|part| part == "..");
    if climbs {
        return Err(format!("data path `{rel}` leaves {CHARTS_DIR}/"));
    }
    Ok(())
}

/// `rel` as shown in messages and stored in [`Table::path`]: `/` separators, no `./`.
fn normalised(rel: &str) -> String {
    rel.split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != ".")
        .collect::<Vec<_>>()
        .join("/")
}

/// The path a diagnostic names for data file `rel`: `charts/<rel>`.
pub fn shown_path(rel: &str) -> PathBuf {
    PathBuf::from(CHARTS_DIR).join(normalised(rel))
}

/// The data file extensions baogao reads: the one list for the loader and the reference
/// page (docs/content/reference/data.md, checked by tests/docs.rs).
pub const FORMATS: &[&str] = &[
    "csv", "tsv", "json", "toml", "xlsx", "xlsm", "xlsb", "xls", "ods",
];

/// Loads data file `rel` (relative to charts/) by its extension: `.csv`/`.tsv`, a
/// workbook, `.json` or `.toml`. Problems are reported against `charts/<rel>` with line
/// and column (or sheet and cell) where the format allows. Callers that want a bad
/// *path* reported where it was written should call [`resolve`] first.
///
/// `meta` is the data file's sidecar, read first because some of its keys say how the
/// file is read (which sheet, rows to skip, extra missing-value marks, …).
///
/// Every bad cell is reported (see [`bad_cells`]), so the error is a list.
pub fn load_table(root: &Path, rel: &str, meta: Option<&DataMeta>) -> Result<Table, Diagnostics> {
    let options = meta.map(DataMeta::read_options).unwrap_or_default();
    load_variant(root, rel, meta, &options)
}

/// Loads data file `rel` read with `options` instead of its sidecar's (a chart may
/// pick another sheet); the sidecar's other keys still apply.
pub fn load_variant(
    root: &Path,
    rel: &str,
    meta: Option<&DataMeta>,
    options: &ReadOptions,
) -> Result<Table, Diagnostics> {
    let shown = shown_path(rel);
    let path = resolve(root, rel).map_err(|m| Diagnostic::file(&shown, m))?;
    let ext = extension(rel);
    let path_key = normalised(rel);
    if from_workbook::EXTENSIONS.contains(&ext.as_str()) {
        let grid = from_workbook::grid(&path, &shown, options.sheet.as_deref())?;
        let mut written = written_units::WrittenUnits::default();
        let laid = layout::lay_out(grid, options.skip_rows, &mut written)?;
        return finish(laid, written, &path_key, &shown, meta);
    }
    if !FORMATS.contains(&ext.as_str()) {
        return Err(unsupported(&shown, &ext).into());
    }
    if let Some(sheet) = &options.sheet {
        return Err(Diagnostic::file(
            &shown,
            format!("`sheet = \"{sheet}\"` is for workbooks, and this is a .{ext} file"),
        )
        .with_hint("remove `sheet`, or point `data` at the .xlsx, .xls or .ods file")
        .into());
    }
    if options.skip_rows.is_some() && !is_csv(&ext) {
        return Err(Diagnostic::file(
            &shown,
            format!("`skip_rows` is for CSV files and workbooks, and this is a .{ext} file"),
        )
        .into());
    }
    let text = if is_csv(&ext) {
        let bytes = std::fs::read(&path)
            .map_err(|e| Diagnostic::file(&shown, format!("cannot read file: {e}")))?;
        dialect::decode(bytes, &shown)?
    } else {
        read_text(&path, &shown)?
    };
    parse_text(&text, &ext, &path_key, &shown, meta, options)
}

fn is_csv(ext: &str) -> bool {
    matches!(ext, "csv" | "tsv")
}

/// The lower-case extension of a data path.
pub fn extension(rel: &str) -> String {
    Path::new(rel)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default()
}

/// Whether a file in charts/ is a data file baogao reads (TOML files may instead be
/// chart specs or sidecars; the caller tells those apart).
pub fn is_data_extension(ext: &str) -> bool {
    FORMATS.contains(&ext)
}

/// What to use instead of a data file of a type baogao does not read.
const SUPPORTED_HINT: &str = "use a .csv, .tsv, .xlsx, .xls, .ods, .json or .toml file";

fn unsupported(shown: &Path, ext: &str) -> Diagnostic {
    Diagnostic::file(shown, format!("unsupported data file type `.{ext}`"))
        .with_hint(SUPPORTED_HINT)
}

/// Why `data` (a spec's or shortcode's data path) names no data file baogao reads, when
/// that is its type (`d.parquet`): such files are never loaded, so the caller cannot tell.
pub fn unsupported_type(data: &str) -> Option<String> {
    let ext = Path::new(data).extension()?.to_str()?.to_ascii_lowercase();
    (!is_data_extension(&ext))
        .then(|| format!("unsupported data file type `.{ext}` ({SUPPORTED_HINT})"))
}

/// Parses the text of a data file in format `ext` (`csv`, `tsv`, `json` or `toml`)
/// into a [`Table`] stored as `path`; problems are reported against `shown`. This is
/// the whole of [`load_table`] after a text file is found and read (also used by
/// fuzzing): cells read, the sidecar's missing marks applied, row roles and indents
/// set, and text in columns of numbers reported.
pub fn parse_table(
    text: &str,
    ext: &str,
    path: &str,
    shown: &Path,
    meta: Option<&DataMeta>,
) -> Result<Table, Diagnostics> {
    let options = meta.map(DataMeta::read_options).unwrap_or_default();
    parse_text(text, ext, path, shown, meta, &options)
}

fn parse_text(
    text: &str,
    ext: &str,
    path: &str,
    shown: &Path,
    meta: Option<&DataMeta>,
    options: &ReadOptions,
) -> Result<Table, Diagnostics> {
    let mut written = written_units::WrittenUnits::default();
    let laid = match ext {
        "csv" | "tsv" => {
            let grid = from_csv::grid(text, dialect::sniff(text, ext), shown)?;
            layout::lay_out(grid, options.skip_rows, &mut written)?
        }
        "json" | "toml" => {
            let (columns, rows) = if ext == "json" {
                from_json::read(text, shown, &mut written)?
            } else {
                from_toml::read(text, shown, &mut written)?
            };
            layout::Laid {
                columns,
                rows,
                ..layout::Laid::default()
            }
        }
        other => return Err(unsupported(shown, other).into()),
    };
    finish(laid, written, path, shown, meta)
}

/// The table read: the sidecar's missing marks, row roles and indents, units written in
/// cells and in the sidecar, and text in columns of numbers reported.
fn finish(
    laid: layout::Laid,
    written: written_units::WrittenUnits,
    path: &str,
    shown: &Path,
    meta: Option<&DataMeta>,
) -> Result<Table, Diagnostics> {
    if laid.rows.is_empty() {
        return Err(Diagnostic::file(shown, "data file has no rows").into());
    }
    let several_units = laid.several_units;
    let unreadable = laid.unreadable;
    let mut table = Table::new(path, laid.columns, laid.rows);
    table.sheet = laid.sheet;
    table.units = laid.units;
    table.notes = laid.notes;
    if let Some(meta) = meta.filter(|m| !m.missing.is_empty()) {
        mark_missing(&mut table, &meta.missing);
    }
    roles::assign(&mut table, meta);
    written.apply(&mut table, shown)?;
    if let Some(meta) = meta {
        crate::data::units::adopt_sidecar_units(&mut table, meta)?;
    }
    // Rows that each name their unit (`城镇化率（%）`) are what a unit line of several
    // units describes; `transpose` makes them columns with those units.
    let rows_say_units = || {
        let holds_number =
            |row: &crate::data::Row| row.cells.iter().any(|c| matches!(c, Cell::Number(_)));
        (table.rows.iter().enumerate())
            .filter(|(_, row)| holds_number(row))
            .all(|(r, _)| split_unit(&table.row_label(r)).is_some_and(|(_, u)| reads_as_unit(u)))
    };
    if let Some(several) = several_units.filter(|_| !rows_say_units()) {
        let unitless: Vec<&str> = (table.columns.iter().enumerate().skip(1))
            .filter(|(i, c)| !table.units.contains_key(*c) && table.holds_numbers(*i))
            .map(|(_, c)| c.as_str())
            .collect();
        if !unitless.is_empty() {
            return Err(layout::Laid::unit_line_unresolved(several, &unitless).into());
        }
    }
    let mut bad = bad_cells::check(&table, shown);
    bad.0.extend(unreadable);
    if bad.is_empty() {
        Ok(table)
    } else {
        Err(bad.sorted())
    }
}

/// Text cells that read as one of the sidecar's `missing` marks hold no value.
fn mark_missing(table: &mut Table, marks: &[String]) {
    // A numeric mark (`-9999`) is read as a number before the marks are known.
    let numeric: Vec<(f64, &str)> = marks
        .iter()
        .filter_map(|m| Some((m.trim().parse::<f64>().ok()?, m.trim())))
        .collect();
    for cell in table.rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
        let mark = match cell {
            Cell::Text(t) => marks.iter().map(|m| m.trim()).find(|m| *m == t.trim()),
            Cell::Number(n) => numeric
                .iter()
                .find(|(v, _)| *v == n.value && n.qualifier == crate::data::Qualifier::Exact)
                .map(|&(_, m)| m),
            _ => None,
        };
        if let Some(mark) = mark {
            *cell = Cell::Missing(mark.to_string());
        }
    }
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
    use crate::data::{Cell, Qualifier};

    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("charts")).unwrap();
        for (name, text) in files {
            let p = dir.path().join("charts").join(name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        dir
    }

    #[test]
    fn paths_stay_inside_charts() {
        let dir = site(&[("a.csv", "x\n1\n"), ("sub/b.csv", "x\n1\n")]);
        let root = dir.path();
        assert!(resolve(root, "a.csv").is_ok());
        assert!(resolve(root, "./sub/b.csv").is_ok());
        assert_eq!(
            resolve(root, "../x.csv").unwrap_err(),
            "data path `../x.csv` leaves charts/"
        );
        assert!(resolve(root, "sub/../../x.csv")
            .unwrap_err()
            .contains("leaves"));
        assert!(resolve(root, "/etc/passwd")
            .unwrap_err()
            .contains("absolute"));
        assert_eq!(
            resolve(root, "x.csv").unwrap_err(),
            "data file `x.csv` not found in charts/"
        );
        assert!(resolve(root, "sub").unwrap_err().contains("not a file"));
        assert_eq!(find(root, "nope.csv"), Ok(None));
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_charts_are_refused() {
        let dir = site(&[("in.csv", "x\n1\n")]);
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.csv"), "x\n1\n").unwrap();
        let charts = dir.path().join("charts");
        std::os::unix::fs::symlink(outside.path().join("secret.csv"), charts.join("s.csv"))
            .unwrap();
        std::os::unix::fs::symlink(outside.path(), charts.join("out")).unwrap();
        std::os::unix::fs::symlink(charts.join("in.csv"), charts.join("ok.csv")).unwrap();
        let err = resolve(dir.path(), "s.csv").unwrap_err();
        assert!(err.contains("leaves charts/"), "{err}");
        assert!(resolve(dir.path(), "out/secret.csv").is_err());
        assert!(resolve(dir.path(), "ok.csv").is_ok());
        let d = &load_table(dir.path(), "s.csv", None).unwrap_err().0[0];
        assert_eq!(d.file, PathBuf::from("charts/s.csv"));
    }

    #[test]
    fn loads_each_format_alike() {
        let dir = site(&[
            ("a.csv", "\u{feff}领域,完成投资\n科技创新,18.4\n制造业,~430\n"),
            (
                "a.json",
                r#"[{"领域": "科技创新", "完成投资": 18.4}, {"领域": "制造业", "完成投资": "~430"}]"#,
            ),
            (
                "a.toml",
                "[[rows]]\n\"领域\" = \"科技创新\"\n\"完成投资\" = 18.4\n\n[[rows]]\n\"领域\" = \"制造业\"\n\"完成投资\" = \"~430\"\n",
            ),
        ]);
        for name in ["a.csv", "a.json", "a.toml"] {
            let t = load_table(dir.path(), name, None).unwrap();
            assert_eq!(t.path, name);
            assert_eq!(t.columns, ["领域", "完成投资"], "{name}");
            assert_eq!(t.rows.len(), 2);
            assert_eq!(t.cell(0, 0), Some(&Cell::Text("科技创新".into())));
            let n = t.cell(0, 1).and_then(Cell::as_number).unwrap();
            assert_eq!((n.value, n.decimals), (18.4, 1), "{name}");
            let q = t.cell(1, 1).and_then(Cell::as_number).unwrap();
            assert_eq!((q.value, q.qualifier), (430.0, Qualifier::About), "{name}");
        }
    }

    #[test]
    fn a_unit_line_of_several_units_needs_each_column_to_say_its_own() {
        let text = "表1 主要指标,,\n单位：万人、%,,\n指标,2023年,2022年（%）\n常住人口,\"3,191.43\",1\n城镇化率,71.67,2\n";
        let parse = |meta: Option<&DataMeta>| {
            parse_table(text, "csv", "d.csv", Path::new("charts/d.csv"), meta)
        };
        let d = parse(None).unwrap_err();
        assert_eq!(
            d.0[0].to_string().lines().next().unwrap(),
            "charts/d.csv:2:1: the unit line names several units (`万人`, `%`) without saying which column has which; the column `2023年` has no unit of its own"
        );
        let meta = DataMeta {
            units: [("2023年".to_string(), "万人".to_string())].into(),
            ..DataMeta::default()
        };
        let t = parse(Some(&meta)).unwrap();
        assert_eq!(t.units.get("2023年").map(String::as_str), Some("万人"));
        assert_eq!(t.units.get("2022年").map(String::as_str), Some("%"));
        // One unit, however written, is the whole table's.
        let one = "单位：元/人\n指标,2023年\n收入,1\n";
        let t = parse_table(one, "csv", "d.csv", Path::new("charts/d.csv"), None).unwrap();
        assert_eq!(t.units.get("2023年").map(String::as_str), Some("元/人"));
    }

    #[test]
    fn every_bad_cell_is_reported_not_only_the_first() {
        let text = "项目,投资\n甲,1\n乙,xyz\n丙,NaN\n丁,5\n戊,inf\n";
        let d = parse_table(text, "csv", "d.csv", Path::new("charts/d.csv"), None).unwrap_err();
        let firsts: Vec<String> =
            d.0.iter()
                .map(|d| d.to_string().lines().next().unwrap().to_string())
                .collect();
        assert_eq!(
            firsts,
            [
                "charts/d.csv:3:3: `xyz` in column `投资` is not a number",
                "charts/d.csv:4:3: `NaN`: not a finite number",
                "charts/d.csv:6:3: `inf`: not a finite number",
            ]
        );
    }

    #[test]
    fn sidecar_marks_make_cells_missing() {
        let meta = DataMeta {
            missing: vec!["无".into(), "-9999".into()],
            ..DataMeta::default()
        };
        let text = "地区,投资\n甲,无\n乙,-9999\n丙,~-9999\n丁,5\n";
        let t = parse_table(text, "csv", "d.csv", Path::new("charts/d.csv"), Some(&meta)).unwrap();
        let gaps: Vec<bool> = (0..4).map(|r| t.cell(r, 1).unwrap().is_missing()).collect();
        // A qualified number is a statement about a value, not a mark.
        assert_eq!(gaps, [true, true, false, false]);
        assert_eq!(t.cell(0, 1), Some(&Cell::Missing("无".into())));
        // Without the sidecar, 无 is text in a column of numbers: an error at the cell.
        let d = parse_table(text, "csv", "d.csv", Path::new("charts/d.csv"), None).unwrap_err();
        assert_eq!(
            d.0[0].to_string().lines().next().unwrap(),
            "charts/d.csv:2:3: `无` in column `投资` is not a number"
        );
    }

    #[test]
    fn read_options_fit_the_format() {
        let dir = site(&[("a.csv", "x,y\n1,2\n"), ("a.json", "[{\"x\": 1}]")]);
        let sheet = ReadOptions {
            sheet: Some("表1".into()),
            skip_rows: None,
        };
        let d = &load_variant(dir.path(), "a.csv", None, &sheet)
            .unwrap_err()
            .0[0];
        assert!(
            d.message.contains("`sheet = \"表1\"` is for workbooks"),
            "{d}"
        );
        let skip = ReadOptions {
            sheet: None,
            skip_rows: Some(1),
        };
        let d = &load_variant(dir.path(), "a.json", None, &skip)
            .unwrap_err()
            .0[0];
        assert!(
            d.message
                .contains("`skip_rows` is for CSV files and workbooks"),
            "{d}"
        );
        // Keys: the default reading is the plain path; any other is told apart.
        let default = ReadOptions::default();
        assert_eq!(default.table_key("a.csv", &default), "a.csv");
        assert_ne!(skip.table_key("a.csv", &default), "a.csv");
        assert_ne!(
            skip.table_key("a.csv", &default),
            sheet.table_key("a.csv", &default)
        );
        assert_eq!(skip.table_key("a.csv", &skip), "a.csv");
        assert_eq!(default.overridden_by(&skip), skip);
        assert_eq!(sheet.overridden_by(&skip).sheet.as_deref(), Some("表1"));
    }

    #[test]
    fn unsupported_and_empty_files() {
        let dir = site(&[("a.pdf", ""), ("e.csv", ""), ("h.csv", "a,b\n")]);
        let d = &load_table(dir.path(), "a.pdf", None).unwrap_err().0[0];
        assert!(d.message.contains("unsupported"));
        for name in ["e.csv", "h.csv"] {
            let d = &load_table(dir.path(), name, None).unwrap_err().0[0];
            assert_eq!(
                d.to_string(),
                format!("charts/{name}: data file has no rows")
            );
        }
    }
}
