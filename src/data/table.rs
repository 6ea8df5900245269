//! The in-memory form of a data file: named columns, rows of cells, and numbers that
//! keep their qualifier (约 / 超过 / 不足) wherever they go.

use std::fmt;

/// How exact a number is, as the source states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Qualifier {
    /// Stated exactly: `430`.
    #[default]
    Exact,
    /// About: `~430` or `≈430`, shown as 约430.
    About,
    /// More than: `>100`, shown as 超过100.
    Over,
    /// Less than: `<1`, shown as 不足1.
    Under,
}

impl Qualifier {
    /// The Chinese word put before the number in labels and prose ("" when exact).
    pub fn prefix(self) -> &'static str {
        match self {
            Qualifier::Exact => "",
            Qualifier::About => "约",
            Qualifier::Over => "超过",
            Qualifier::Under => "不足",
        }
    }
    /// The sign written in CSV output, so a downloaded file round-trips.
    pub fn sign(self) -> &'static str {
        match self {
            Qualifier::Exact => "",
            Qualifier::About => "~",
            Qualifier::Over => ">",
            Qualifier::Under => "<",
        }
    }
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
}

/// One cell: a number, a piece of text, or nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Number(Number),
    Text(String),
    Empty,
}

impl Cell {
    pub fn as_number(&self) -> Option<Number> {
        match self {
            Cell::Number(n) => Some(*n),
            _ => None,
        }
    }
}

impl fmt::Display for Cell {
    /// The cell as written back to CSV (qualifier sign kept).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Number(n) => write!(f, "{}{}", n.qualifier.sign(), n.value),
            Cell::Text(s) => write!(f, "{s}"),
            Cell::Empty => Ok(()),
        }
    }
}

/// One row, with the line it came from (for error messages).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based line in the data file (0 when the format has no lines to speak of).
    pub line: usize,
    pub cells: Vec<Cell>,
}

/// A loaded data file.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Path relative to charts/, with `/` separators, as written in specs and shortcodes.
    pub path: String,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
}

impl Table {
    /// Index of a column by its exact header.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// The cell at (row, column), if both exist.
    pub fn cell(&self, row: usize, col: usize) -> Option<&Cell> {
        self.rows.get(row).and_then(|r| r.cells.get(col))
    }

    /// The first row whose first column reads `label` (rows are named by their first column).
    pub fn row_by_label(&self, label: &str) -> Option<usize> {
        self.rows.iter().position(|r| match r.cells.first() {
            Some(Cell::Text(s)) => s == label,
            Some(Cell::Number(n)) => n.value.to_string() == label,
            _ => false,
        })
    }

    /// The label of a row (its first column as text).
    pub fn row_label(&self, row: usize) -> String {
        self.cell(row, 0).map(|c| c.to_string()).unwrap_or_default()
    }
}
