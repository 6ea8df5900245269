//! The in-memory form of a data file: named columns, rows of cells, and numbers that
//! keep their qualifier (约 / 超过 / 不足) wherever they go.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

/// How exact a number is, as the source states it. Each word a source may use is its
/// own variant, so prose, labels, tables and CSV print the source's word (近5000 never
/// becomes 约5000); the symbols `~` `≈` `>` `<` read as 约, 超过, 不足.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Qualifier {
    /// Stated exactly: `430`.
    #[default]
    Exact,
    /// About, written `~430` or `≈430`: shown as 约430, written back as `~430`.
    About,
    /// More than, written `>100`: shown as 超过100.
    Over,
    /// Less than, written `<1`: shown as 不足1.
    Under,
    /// 约430.
    Approximately,
    /// 大约430.
    Roughly,
    /// 430左右 (the word follows the number and its unit: 430亿元左右).
    OrSo,
    /// 近5000: nearly, just under.
    Nearly,
    /// 将近5000.
    AlmostNearly,
    /// 接近5000.
    Approaching,
    /// 超过100.
    MoreThan,
    /// 超100.
    Exceeding,
    /// 逾100.
    Beyond,
    /// 多于100.
    Above,
    /// 30余 (thirty-odd, just over; the word follows the number).
    Odd,
    /// 不足1.
    LessThan,
    /// 不到1.
    NotReaching,
    /// 低于1.
    Below,
}

impl Qualifier {
    /// Every qualifier but [`Qualifier::Exact`], for readers that try each word.
    pub const WORDS: [Qualifier; 14] = [
        Qualifier::Approximately,
        Qualifier::Roughly,
        Qualifier::OrSo,
        Qualifier::Nearly,
        Qualifier::AlmostNearly,
        Qualifier::Approaching,
        Qualifier::MoreThan,
        Qualifier::Exceeding,
        Qualifier::Beyond,
        Qualifier::Above,
        Qualifier::Odd,
        Qualifier::LessThan,
        Qualifier::NotReaching,
        Qualifier::Below,
    ];

    /// The Chinese word put before the number in labels and prose ("" when exact or
    /// when the word follows the number).
    pub fn prefix(self) -> &'static str {
        match self {
            Qualifier::Exact | Qualifier::OrSo | Qualifier::Odd => "",
            Qualifier::About | Qualifier::Approximately => "约",
            Qualifier::Over | Qualifier::MoreThan => "超过",
            Qualifier::Under | Qualifier::LessThan => "不足",
            Qualifier::Roughly => "大约",
            Qualifier::Nearly => "近",
            Qualifier::AlmostNearly => "将近",
            Qualifier::Approaching => "接近",
            Qualifier::Exceeding => "超",
            Qualifier::Beyond => "逾",
            Qualifier::Above => "多于",
            Qualifier::NotReaching => "不到",
            Qualifier::Below => "低于",
        }
    }

    /// Which side of the number the true value lies on, when the word says: 超过, 逾 and
    /// 30余 are lower bounds; 不足, 不到 and 近 (just under) are upper bounds.
    pub fn bound(self) -> Option<Bound> {
        match self {
            Qualifier::Over
            | Qualifier::MoreThan
            | Qualifier::Exceeding
            | Qualifier::Beyond
            | Qualifier::Above
            | Qualifier::Odd => Some(Bound::Lower),
            Qualifier::Under
            | Qualifier::LessThan
            | Qualifier::NotReaching
            | Qualifier::Below
            | Qualifier::Nearly
            | Qualifier::AlmostNearly
            | Qualifier::Approaching => Some(Bound::Upper),
            Qualifier::Exact
            | Qualifier::About
            | Qualifier::Approximately
            | Qualifier::Roughly
            | Qualifier::OrSo => None,
        }
    }

    /// The Chinese word put right after the number, before its unit (30余亿元).
    pub fn suffix(self) -> &'static str {
        match self {
            Qualifier::Odd => "余",
            _ => "",
        }
    }

    /// The Chinese word put after the number and its unit (1200亿元左右).
    pub fn after_unit(self) -> &'static str {
        match self {
            Qualifier::OrSo => "左右",
            _ => "",
        }
    }

    /// Every word written after the number when no unit follows (CSV, table cells).
    pub fn trailing(self) -> &'static str {
        match self {
            Qualifier::Odd => "余",
            Qualifier::OrSo => "左右",
            _ => "",
        }
    }

    /// What CSV output writes before the number, so a downloaded file says what the
    /// source said and reads back the same: the symbol when the source wrote one, else
    /// the word (a word after the number is written by [`Qualifier::trailing`]).
    pub fn sign(self) -> &'static str {
        match self {
            Qualifier::About => "~",
            Qualifier::Over => ">",
            Qualifier::Under => "<",
            other => other.prefix(),
        }
    }
}

/// The side of a stated number the true value lies on (see [`Qualifier::bound`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// The value is more than the number: it may be rounded down, never up.
    Lower,
    /// The value is less than the number: it may be rounded up, never down.
    Upper,
}

/// A number from a data file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub value: f64,
    pub qualifier: Qualifier,
    /// Decimals as written in the source (`771.4` → 1), the default precision in prose.
    pub decimals: u8,
}

impl Number {
    pub fn exact(value: f64) -> Self {
        Number {
            value,
            qualifier: Qualifier::Exact,
            decimals: 0,
        }
    }

    /// An exact number with the fewest decimals (at most 6) that write it: a value a
    /// spec states (`y = 2.5`), or one moved to another unit (2 → 0.2).
    pub fn written(value: f64) -> Self {
        let decimals = (0u8..6)
            .find(|d| {
                let scaled = value * 10f64.powi(i32::from(*d));
                (scaled - scaled.round()).abs() < 1e-9 * scaled.abs().max(1.0)
            })
            .unwrap_or(6);
        Number {
            decimals,
            ..Number::exact(value)
        }
    }
}

/// One cell: a number, a piece of text, or no value (blank, a missing mark, or `…`).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Number(Number),
    Text(String),
    /// A blank cell: not known or not applicable.
    Empty,
    /// A missing-value mark (`NA`, `-`, `..`, a sidecar's `missing` mark), as written.
    Missing(String),
    /// `…`: smaller than the table's smallest unit (DATA.md); not zero, not unknown.
    BelowUnit,
}

/// How a cell without a value is shown in data tables.
pub const MISSING_SHOWN: &str = "—";
/// How a `…` cell is written in data tables and CSV downloads.
pub const BELOW_UNIT_SHOWN: &str = "…";

/// Why a cell holds no value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// Not known (blank or a missing mark).
    Unknown,
    /// `…`: below the table's smallest unit.
    BelowUnit,
}

impl Gap {
    /// How the gap reads in a data table, a bar label or a chart description.
    pub fn shown(self) -> &'static str {
        match self {
            Gap::Unknown => MISSING_SHOWN,
            Gap::BelowUnit => BELOW_UNIT_SHOWN,
        }
    }

    /// How the gap reads in a chart's text description (read aloud by screen readers).
    pub fn described(self) -> &'static str {
        match self {
            Gap::Unknown => "无数据",
            Gap::BelowUnit => "…（不足本表最小单位）",
        }
    }
}

impl Cell {
    /// Whether the cell holds no value (a gap in a line, an omitted bar, `—` in tables).
    /// Every place that skips missing values asks this, so new missing marks need
    /// only be taught here and where cells are read.
    pub fn is_missing(&self) -> bool {
        self.gap().is_some()
    }

    /// Why the cell holds no value, or `None` when it holds one.
    pub fn gap(&self) -> Option<Gap> {
        match self {
            Cell::Empty | Cell::Missing(_) => Some(Gap::Unknown),
            Cell::BelowUnit => Some(Gap::BelowUnit),
            Cell::Number(_) | Cell::Text(_) => None,
        }
    }

    pub fn as_number(&self) -> Option<Number> {
        match self {
            Cell::Number(n) => Some(*n),
            _ => None,
        }
    }
}

impl fmt::Display for Cell {
    /// The cell as written back to CSV (qualifier sign kept; unknown values empty, `…` kept).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Number(n) => write!(
                f,
                "{}{}{}",
                n.qualifier.sign(),
                n.value,
                n.qualifier.trailing()
            ),
            Cell::Text(s) => write!(f, "{s}"),
            Cell::Empty | Cell::Missing(_) => Ok(()),
            Cell::BelowUnit => write!(f, "{BELOW_UNIT_SHOWN}"),
        }
    }
}

/// What a row is to the rest of the table: a part of the whole, the whole itself, or an
/// "of which" subset of the row above it (`#工业`, `其中：工业`). Part-of-whole charts and
/// share denominators use parts only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RowRole {
    #[default]
    Part,
    Total,
    Subset,
}

/// One row, with the line it came from (for error messages).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based line in the data file (0 when the format has no lines to speak of).
    pub line: usize,
    pub cells: Vec<Cell>,
    pub role: RowRole,
    /// Depth in the table's hierarchy (leading full-width spaces in the source), kept
    /// for indentation in data tables.
    pub indent: u8,
    /// 1-based character column where each cell starts, for messages naming a cell
    /// (empty when the format has no columns to speak of; `u32::MAX` when unknown).
    pub cols: Vec<u32>,
}

impl Row {
    /// A part row at depth 0.
    pub fn new(line: usize, cells: Vec<Cell>) -> Self {
        Row {
            line,
            cells,
            role: RowRole::Part,
            indent: 0,
            cols: Vec::new(),
        }
    }

    /// The 1-based character column of cell `i`, when the format records it.
    pub fn col_of(&self, i: usize) -> Option<usize> {
        self.cols
            .get(i)
            .filter(|&&c| c != u32::MAX)
            .map(|&c| c as usize)
    }
}

/// Why [`Table::row_by_label`] found no single row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowMiss {
    /// No row has the label.
    None,
    /// These rows (indices) all have it.
    Several(Vec<usize>),
}

/// A loaded data file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Path relative to charts/, with `/` separators, as written in specs and shortcodes.
    pub path: String,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    /// Units the file itself states (a header `名称（亿元）`, a `单位：` line), by column.
    pub units: BTreeMap<String, String>,
    /// Notes the file itself carries (`注：` lines), in order.
    pub notes: Vec<String>,
    /// The workbook sheet the table was read from (`None`: a text file): its places are
    /// cells (`sheet 表1, cell C4`), not lines.
    pub sheet: Option<String>,
}

impl Table {
    /// A table with no units or notes of its own.
    pub fn new(path: impl Into<String>, columns: Vec<String>, rows: Vec<Row>) -> Self {
        Table {
            path: path.into(),
            columns,
            rows,
            ..Table::default()
        }
    }

    /// Index of a column by its name, or by its name with its unit as the file's
    /// header wrote it (`地区生产总值（亿元）` finds `地区生产总值` when its unit is 亿元).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name).or_else(|| {
            let (bare, unit) = crate::data::load::split_unit(name)?;
            let index = self.columns.iter().position(|c| c == bare)?;
            (self.units.get(bare).map(String::as_str) == Some(unit)).then_some(index)
        })
    }

    /// The unit of a column named either way [`Table::column`] accepts.
    pub fn unit_of(&self, name: &str) -> Option<&str> {
        let column = self.columns.get(self.column(name)?)?;
        self.units.get(column).map(String::as_str)
    }

    /// The cell at (row, column), if both exist.
    pub fn cell(&self, row: usize, col: usize) -> Option<&Cell> {
        self.rows.get(row).and_then(|r| r.cells.get(col))
    }

    /// The row named `label` (rows are named by their first column): the one whose label
    /// reads `label` exactly, else the one whose bare label does (`工业` finds `#工业` and
    /// `其中：工业`; see [`bare_label`]), else with full-width digits read as ASCII
    /// (`2023年` finds `２０２３年`), else without the unit that ends it (`常住人口` finds
    /// `常住人口（万人）`), else as a path through its parent (`居民收入/城镇`, see
    /// [`super::row_path`]). Two rows answering is an error, not the first of them:
    /// bureau tables repeat sub-rows (`城镇` under population and under income).
    pub fn row_by_label(&self, label: &str) -> Result<usize, RowMiss> {
        fn exact(s: &str) -> Cow<'_, str> {
            Cow::Borrowed(s)
        }
        fn bare(s: &str) -> Cow<'_, str> {
            Cow::Borrowed(bare_label(s))
        }
        fn narrow(s: &str) -> Cow<'_, str> {
            crate::data::load::halfwidth_digits(bare_label(s))
        }
        fn unitless(s: &str) -> Cow<'_, str> {
            let narrowed = narrow(s);
            match crate::data::load::split_unit(&narrowed) {
                Some((name, unit)) if crate::data::load::reads_as_unit(unit) => {
                    Cow::Owned(name.to_string())
                }
                _ => narrowed,
            }
        }
        let readings: [fn(&str) -> Cow<'_, str>; 4] = [exact, bare, narrow, unitless];
        let rows = readings
            .iter()
            .map(|read| {
                let wanted = read(label);
                (self.rows.iter().enumerate())
                    .filter(|(_, r)| match r.cells.first() {
                        Some(Cell::Text(s)) => read(s) == wanted,
                        Some(Cell::Number(n)) => n.value.to_string() == *wanted,
                        _ => false,
                    })
                    .map(|(i, _)| i)
                    .collect::<Vec<usize>>()
            })
            .find(|rows| !rows.is_empty())
            .unwrap_or_default();
        match rows.as_slice() {
            [] => match super::row_path::split_path(label) {
                Some((parent, child)) => {
                    let children = match self.row_by_label(child) {
                        Ok(one) => vec![one],
                        Err(RowMiss::Several(rows)) => rows,
                        Err(RowMiss::None) => return Err(RowMiss::None),
                    };
                    self.under_parent(children, parent)
                }
                None => Err(RowMiss::None),
            },
            [one] => Ok(*one),
            _ => Err(RowMiss::Several(rows)),
        }
    }

    /// Why `label` names several rows, for a caller's error message.
    pub fn several_rows(&self, label: &str, rows: &[usize]) -> String {
        let lines: Vec<usize> = rows
            .iter()
            .map(|&r| self.rows.get(r).map_or(0, |row| row.line))
            .collect();
        // Lines where the format has them, else places among the data rows.
        let (word, places): (&str, Vec<String>) = if lines.contains(&0) {
            (
                "data rows",
                rows.iter().map(|r| (r + 1).to_string()).collect(),
            )
        } else {
            ("lines", lines.iter().map(usize::to_string).collect())
        };
        let listed = match places.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => String::new(),
        };
        let (count, file) = (rows.len(), &self.path);
        match self.paths_for(label, rows) {
            Some(paths) => {
                let paths: Vec<String> = paths.iter().map(|p| format!("`{p}`")).collect();
                format!(
                    "`{label}` names {count} rows of charts/{file} ({word} {listed}); a number must come from one row; name one by its parent: {}",
                    paths.join(" or ")
                )
            }
            None => format!(
                "`{label}` names {count} rows of charts/{file} ({word} {listed}); a number must come from one row"
            ),
        }
    }

    /// Whether column `col` holds a number in any row.
    pub fn holds_numbers(&self, col: usize) -> bool {
        self.rows
            .iter()
            .any(|r| matches!(r.cells.get(col), Some(Cell::Number(_))))
    }

    /// The label of a row (its first column as text).
    pub fn row_label(&self, row: usize) -> String {
        self.cell(row, 0).map(|c| c.to_string()).unwrap_or_default()
    }

    /// The role of a row (a part when there is no such row).
    pub fn role(&self, row: usize) -> RowRole {
        self.rows.get(row).map_or(RowRole::Part, |r| r.role)
    }

    /// Whether a row is the table's total (decided once at load: 合计, 总计, … or the
    /// sidecar's `total_row`).
    pub fn is_total_row(&self, row: usize) -> bool {
        self.role(row) == RowRole::Total
    }

    /// The table's total row, if it has one.
    pub fn total_row(&self) -> Option<usize> {
        (0..self.rows.len()).find(|&r| self.is_total_row(r))
    }

    /// Rows that are parts of the whole: neither the total nor an "of which" subset.
    pub fn part_rows(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.rows.len()).filter(|&r| self.role(r) == RowRole::Part)
    }

    /// A problem at `line` (and 1-based `col`) of the table's file `shown`, placed as its
    /// format places things: `file:line:col` for text, `sheet 表1, cell C4` for a workbook.
    pub fn at(
        &self,
        shown: &std::path::Path,
        line: usize,
        col: Option<usize>,
        message: String,
    ) -> crate::error::Diagnostic {
        use crate::error::Diagnostic;
        match (&self.sheet, line, col) {
            (_, 0, _) => Diagnostic::file(shown, message),
            (Some(name), _, Some(col)) => {
                let column = u32::try_from(col.saturating_sub(1)).unwrap_or(u32::MAX);
                let cell = crate::data::load::cell_name(line, column);
                Diagnostic::file(shown, format!("sheet {name}, cell {cell}: {message}"))
            }
            (Some(name), _, None) => {
                Diagnostic::file(shown, format!("sheet {name}, row {line}: {message}"))
            }
            (None, _, col) => Diagnostic::at(shown, line, col, message),
        }
    }

    /// Where a cell is, as a message says it: `column `投资` of row `乙` (line 3)`.
    pub fn place(&self, row: usize, col: usize) -> String {
        let column = self.columns.get(col).map_or("?", String::as_str);
        let label = self.row_label(row);
        let (line, sheet_col) = self
            .rows
            .get(row)
            .map_or((0, None), |r| (r.line, r.col_of(col)));
        // A row a transform made (`top`'s 其他) has no line of the file.
        match (line, &self.sheet, sheet_col) {
            (0, _, _) => format!("column `{column}` of row `{label}`"),
            (_, Some(sheet), Some(c)) => {
                let c = u32::try_from(c.saturating_sub(1)).unwrap_or(u32::MAX);
                let cell = crate::data::load::cell_name(line, c);
                format!("column `{column}` of row `{label}` (sheet {sheet}, cell {cell})")
            }
            _ => format!("column `{column}` of row `{label}` (line {line})"),
        }
    }

    /// The number at (row, column), or a message saying why there is none
    /// (no such cell, a missing value, or text). Columns may mix numbers and text;
    /// only the code that needs a number reports it.
    pub fn numeric(&self, row: usize, col: usize) -> Result<Number, String> {
        match self.cell(row, col) {
            Some(Cell::Number(n)) => Ok(*n),
            Some(Cell::Text(t)) => Err(format!("{} is `{t}`, not a number", self.place(row, col))),
            Some(Cell::BelowUnit) => Err(format!(
                "{} is `…` (below the table's smallest unit), not a number",
                self.place(row, col)
            )),
            Some(Cell::Missing(mark)) => {
                Err(format!("{} is missing (`{mark}`)", self.place(row, col)))
            }
            Some(Cell::Empty) => Err(format!("{} is missing (empty)", self.place(row, col))),
            None => Err(format!(
                "no cell at column `{}`, row {}",
                self.columns.get(col).map_or("?", String::as_str),
                row + 1
            )),
        }
    }

    /// The numbers of a column over its part rows (no total, no "of which" rows),
    /// missing values skipped. Text in the column is an error naming the row.
    pub fn column_numbers(&self, col: usize) -> Result<Vec<Number>, String> {
        let mut out = Vec::new();
        for row in self.part_rows() {
            if self.cell(row, col).is_some_and(Cell::is_missing) {
                continue;
            }
            out.push(self.numeric(row, col)?);
        }
        Ok(out)
    }

    /// The total a share is taken of: the column's value in the total row when there
    /// is one, else the sum of the column's parts.
    /// Its qualifier is the total row's, or for a sum, exact only when every part is.
    /// Rows that are periods (`2022年`, `2023年`, …, as a transposed yearbook table has)
    /// are no parts of a whole: their sum is refused rather than taken as one.
    pub fn share_total(&self, col: usize) -> Result<Number, String> {
        let name = self.columns.get(col).map_or("", String::as_str);
        let unit = self.units.get(name).map(String::as_str);
        if super::roles::is_rate(name, unit) {
            return Err(format!("`{}` holds rates (growth, …率, per head), which do not add up; a share of their whole means nothing", name));
        }
        let labels: Vec<String> = self.part_rows().map(|r| self.row_label(r)).collect();
        if let Some(((a, ua), (b, ub))) =
            super::roles::mixed_row_units(labels.iter().map(String::as_str))
        {
            return Err(format!("the rows `{}` ({}) and `{}` ({}) are in different units; they are no parts of one whole", a, ua, b, ub));
        }
        match self.total_row() {
            Some(row) => self.numeric(row, col),
            None => {
                if let (true, Some(_), [first, .., last]) = (
                    labels.len() > 1,
                    super::time::detect(&labels),
                    labels.as_slice(),
                ) {
                    return Err(format!(
                        "the table's rows are periods (`{first}` … `{last}`): a sum over time is no whole to take a share of; mark the row that is the whole (`合计`, or `total_row` in the sidecar), or name it (`of` in a shortcode)"
                    ));
                }
                Ok(super::format::sum(self.column_numbers(col)?))
            }
        }
    }
}

/// A row label without its "of which" mark: `#工业` and `其中：工业` → `工业`.
pub fn bare_label(label: &str) -> &str {
    let label = label.trim();
    let stripped = SUBSET_PREFIXES
        .iter()
        .find_map(|p| label.strip_prefix(p))
        .unwrap_or(label);
    stripped.trim()
}

/// Label prefixes that make a row an "of which" subset of the row above it.
pub const SUBSET_PREFIXES: [&str; 4] = ["#", "＃", "其中：", "其中:"];

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;

    fn table() -> Table {
        let row = |line, label: &str, v: Cell| Row::new(line, vec![Cell::Text(label.into()), v]);
        let mut t = Table::new(
            "t.csv",
            vec!["领域".into(), "投资".into()],
            vec![
                row(2, "甲", Cell::Number(Number::exact(1.5))),
                row(3, "乙", Cell::Empty),
                row(4, "丙", Cell::Number(Number::exact(2.0))),
                row(5, "合计", Cell::Number(Number::exact(4.0))),
            ],
        );
        crate::data::roles::assign(&mut t, None);
        t
    }

    #[test]
    fn totals_and_shares() {
        let t = table();
        assert_eq!(t.total_row(), Some(3));
        assert_eq!(t.column_numbers(1).unwrap().len(), 2);
        assert_eq!(t.share_total(1).map(|n| n.value), Ok(4.0));
        let mut no_total = t.clone();
        no_total.rows.pop();
        assert_eq!(no_total.share_total(1).map(|n| n.value), Ok(3.5));
    }

    #[test]
    fn columns_by_bare_or_full_name() {
        let mut t = table();
        t.units.insert("投资".into(), "亿元".into());
        assert_eq!(t.column("投资"), Some(1));
        assert_eq!(t.column("投资（亿元）"), Some(1));
        assert_eq!(t.column("投资(亿元)"), Some(1));
        assert_eq!(t.column("投资（万元）"), None);
        assert_eq!(t.column("领域（亿元）"), None);
    }

    #[test]
    fn numeric_explains_what_is_there() {
        let t = table();
        assert_eq!(t.numeric(0, 1).unwrap().value, 1.5);
        assert_eq!(
            t.numeric(1, 1).unwrap_err(),
            "column `投资` of row `乙` (line 3) is missing (empty)"
        );
        assert!(t.numeric(0, 0).unwrap_err().contains("`甲`, not a number"));
        assert!(t.column_numbers(0).is_err());
    }
}
