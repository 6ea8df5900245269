//! The rows row expressions run over: which rows form the sequence of periods that
//! `change`, `pct_change` and `cumsum` walk (parts only: a total or an of-which row is
//! not a period), and each row's place in it.

use crate::data::assert::RowScope;
use crate::data::{RowRole, Table};

/// Why `yoy` has no answer for a table without recognised periods.
pub const NO_TIME: &str = "yoy needs a time column: the first column must hold months or quarters (2024年3月, 2024Q1) so the same period a year before can be found";

/// The sequence of a table's period rows.
pub struct Sequence {
    rows: Vec<usize>,
    position: Vec<Option<usize>>,
}

impl Sequence {
    /// Every part row in table order.
    pub fn of(table: &Table) -> Self {
        let mut rows = Vec::new();
        let mut position = vec![None; table.rows.len()];
        for (i, row) in table.rows.iter().enumerate() {
            if row.role == RowRole::Part && !table.is_total_row(i) {
                if let Some(p) = position.get_mut(i) {
                    *p = Some(rows.len());
                }
                rows.push(i);
            }
        }
        Sequence { rows, position }
    }

    /// Where a row expression stands at `row`.
    pub fn scope(&self, row: usize) -> RowScope<'_> {
        RowScope {
            row,
            sequence: &self.rows,
            position: self.position.get(row).copied().flatten(),
            year_ago: Err(NO_TIME),
        }
    }
}
