//! Numbers quoted from data: the one place prose, lead boxes and tables look values up,
//! so what a page says is always what the data holds.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::data::format::NumberStyle;
use crate::data::roles::{indented, parts_within_total};
use crate::data::transform;
use crate::data::units::chart_unit;
use crate::data::{Cell, Number, RowMiss, Table};
use crate::load::charts::SpecFile;

pub struct DataEnv<'a> {
    pub tables: &'a BTreeMap<String, Table>,
    /// Data files under charts/ that failed to load (their own errors are reported).
    pub broken: &'a std::collections::BTreeSet<String>,
    pub specs: &'a [SpecFile],
    pub default_decimals: u8,
    /// The reader's language's number words and units (None: the source's Chinese).
    pub words: Option<&'a std::sync::Arc<crate::data::words::NumberWords>>,
}

/// Where a shortcode reads its numbers: a data file, or the table a chart draws
/// (its data file after the spec's transforms, units included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source<'s> {
    Data(&'s str),
    Chart(&'s str),
}

/// How a `value` shortcode or key figure asks for its number to be shown.
#[derive(Debug, Clone, Copy, Default)]
pub struct ValueOptions<'a> {
    /// The unit when the data states none (a different one is an error).
    pub unit: Option<&'a str>,
    pub decimals: Option<u8>,
    /// Another unit of the same kind to show the number in (`万亿元`).
    pub scale_unit: Option<&'a str>,
    /// The magnitude only (减少2,020千人).
    pub abs: bool,
}

/// A data table formatted for an HTML table.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TableView {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl<'a> DataEnv<'a> {
    /// The spec of chart `id`. Specs are sorted by id when loaded: a binary search,
    /// then a scan in case a caller's list is not.
    pub fn spec(&self, id: &str) -> Option<&'a SpecFile> {
        let specs: &'a [SpecFile] = self.specs;
        match specs.binary_search_by(|s| s.id.as_str().cmp(id)) {
            Ok(i) => specs.get(i),
            Err(_) => specs.iter().find(|s| s.id == id),
        }
    }

    pub fn table(&self, data: &str) -> Result<&Table, String> {
        self.tables.get(data).ok_or_else(|| {
            if self.broken.contains(data) {
                return format!("data file `{data}` has errors (reported for charts/{data})");
            }
            if let Some(why) = crate::data::load::unsupported_type(data) {
                return why;
            }
            let known: Vec<&str> = self.tables.keys().map(String::as_str).collect();
            format!(
                "unknown data file `{data}` (data files in charts/: {})",
                if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                }
            )
        })
    }

    /// The table behind `from`: a data file as loaded, or a chart's table as charted.
    pub fn source_table(&self, from: Source) -> Result<Cow<'_, Table>, String> {
        match from {
            Source::Data(data) => self.table(data).map(Cow::Borrowed),
            Source::Chart(id) => {
                let spec = self.spec(id).ok_or_else(|| {
                    let known: Vec<&str> = self.specs.iter().map(|s| s.id.as_str()).collect();
                    format!("unknown chart `{id}` (charts: {})", known.join(", "))
                })?;
                // The table this chart reads: its own sheet or skip_rows, if it asks.
                let table = self.table(&spec.table_key)?;
                transform::apply(table, &spec.spec.steps())
                    .map(|t| t.table)
                    .map_err(|_| {
                        format!(
                            "chart `{id}` has errors (reported for {})",
                            spec.shown.display()
                        )
                    })
            }
        }
    }

    fn number(&self, table: &Table, row: &str, col: &str) -> Result<Number, String> {
        let c = table.column(col).ok_or_else(|| {
            format!(
                "unknown column `{col}` in `{}` (columns: {})",
                table.path,
                table.columns.join(", ")
            )
        })?;
        let r = table.row_by_label(row).map_err(|miss| match miss {
            RowMiss::Several(rows) => table.several_rows(row, &rows),
            RowMiss::None => {
                let labels: Vec<String> =
                    (0..table.rows.len()).map(|i| table.row_label(i)).collect();
                format!(
                    "unknown row `{row}` in `{}` (rows: {})",
                    table.path,
                    labels.join(", ")
                )
            }
        })?;
        table
            .numeric(r, c)
            .map_err(|why| format!("`{}`: {why}; prose cannot quote it", table.path))
    }

    /// `约430亿元`: a cell with its qualifier and unit, shown as charts show it. The unit
    /// is the data's own, else the one asked for; never a chart spec's.
    pub fn value_text(
        &self,
        from: Source,
        row: &str,
        col: &str,
        ask: ValueOptions,
    ) -> Result<String, String> {
        let table = self.source_table(from)?;
        let table = table.as_ref();
        let n = self.number(table, row, col)?;
        let unit = chart_unit(table, &[col], ask.unit)?;
        let style = NumberStyle::new(unit.as_deref())
            .decimals(ask.decimals)
            .scale_to(ask.scale_unit)
            .map_err(|e| format!("scale_unit: {e}"))?
            .words(self.words)
            .magnitude(ask.abs);
        Ok(style.show(n))
    }

    /// `0.9%`: a cell's share of row `of`, else of the table's total row, else of the
    /// sum of the column's parts (never of "of which" rows).
    pub fn share_text(
        &self,
        from: Source,
        row: &str,
        col: &str,
        of: Option<&str>,
        decimals: Option<u8>,
    ) -> Result<String, String> {
        let table = self.source_table(from)?;
        let table = table.as_ref();
        let data = &table.path;
        let n = self.number(table, row, col)?;
        let c = table.column(col).unwrap_or(0);
        let total = match of {
            Some(label) => self.number(table, label, col)?,
            None => {
                parts_within_total(table, c).map_err(|why| format!("`{}`: {why}", table.path))?;
                table
                    .share_total(c)
                    .map_err(|why| format!("`{}`: {why}", table.path))?
            }
        };
        if total.value == 0.0 {
            return Err(format!(
                "the total of `{col}` in `{data}` is zero; no share can be given"
            ));
        }
        Ok(NumberStyle::default().words(self.words).share(
            n,
            total,
            decimals.unwrap_or(self.default_decimals),
        ))
    }

    /// A data file as an HTML-ready table: numbers with qualifiers and separators,
    /// units in the headers.
    pub fn table_view(&self, data: &str) -> Result<TableView, String> {
        let table = self.table(data)?;
        let styles: Vec<NumberStyle> = table
            .columns
            .iter()
            .map(|c| NumberStyle::new(table.units.get(c).map(String::as_str)).words(self.words))
            .collect();
        let columns = table
            .columns
            .iter()
            .zip(&styles)
            .map(|(c, style)| style.header(c))
            .collect();
        // Years and other periods print as written (1980, not 1,980).
        let temporal: Vec<bool> = (0..table.columns.len())
            .map(|c| {
                let written: Vec<String> = table
                    .rows
                    .iter()
                    .filter_map(|r| r.cells.get(c))
                    .filter(|cell| !cell.is_missing())
                    .map(ToString::to_string)
                    .collect();
                !written.is_empty() && crate::data::time::detect(&written).is_some()
            })
            .collect();
        let rows = table
            .rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .zip(&styles)
                    .enumerate()
                    .map(|(i, (cell, style))| match (cell, cell.gap()) {
                        (Cell::Number(_), _) if temporal.get(i) == Some(&true) => cell.to_string(),
                        (Cell::Number(n), _) => style.digits(*n),
                        (Cell::Text(s), _) if i == 0 => indented(s, r),
                        (Cell::Text(s), _) => s.clone(),
                        (_, Some(gap)) => gap.shown().to_string(),
                        (_, None) => String::new(),
                    })
                    .collect()
            })
            .collect();
        Ok(TableView { columns, rows })
    }
}
