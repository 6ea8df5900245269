//! The rows row expressions run over: which rows form the sequence of periods that
//! `change`, `pct_change` and `cumsum` walk (parts only: a total or an of-which row is
//! not a period), each row's place in it, and the row of the same period a year before
//! (`yoy`). When every row of the sequence is labelled with a period of one granularity
//! (src/data/time), the sequence runs in time order, so a yearbook printed newest first
//! compares each year with the one before it, not the one printed below it.

use std::collections::BTreeMap;

use crate::data::assert::{RowCache, RowScope};
use crate::data::time::{self, Period};
use crate::data::{RowRole, Table};

/// Why `yoy` has no answer for a table without recognised periods.
pub const NO_TIME: &str = "yoy needs a time column: the first column must hold periods of one kind (2024年3月, 2024Q1, 2024年) so the same period a year before can be found";

/// The sequence of a table's period rows.
pub struct Sequence {
    rows: Vec<usize>,
    position: Vec<Option<usize>>,
    /// Per row, the row of the same period a year before; `None` without periods.
    year_ago: Option<Vec<Option<usize>>>,
    cache: RowCache,
}

impl Sequence {
    /// Every part row, in time order when the rows are periods, else in table order.
    pub fn of(table: &Table) -> Self {
        let mut rows: Vec<usize> = (0..table.rows.len())
            .filter(|&i| {
                table.rows.get(i).is_some_and(|r| r.role == RowRole::Part) && !table.is_total_row(i)
            })
            .collect();
        let labels: Vec<String> = rows.iter().map(|&r| table.row_label(r)).collect();
        let periods = time::detect(&labels).and_then(|_| time::periods(&labels));
        let mut year_ago = None;
        if let Some(periods) = periods {
            let mut by_row: Vec<(usize, Period)> = rows.iter().copied().zip(periods).collect();
            by_row.sort_by_key(|(_, p)| p.ordinal());
            rows = by_row.iter().map(|(r, _)| *r).collect();
            let row_of: BTreeMap<Period, usize> = by_row.iter().map(|(r, p)| (*p, *r)).collect();
            let mut ago = vec![None; table.rows.len()];
            for (r, p) in &by_row {
                if let Some(slot) = ago.get_mut(*r) {
                    *slot = p.year_before().and_then(|b| row_of.get(&b).copied());
                }
            }
            year_ago = Some(ago);
        }
        let mut position = vec![None; table.rows.len()];
        for (p, &r) in rows.iter().enumerate() {
            if let Some(slot) = position.get_mut(r) {
                *slot = Some(p);
            }
        }
        Sequence {
            rows,
            position,
            year_ago,
            cache: RowCache::default(),
        }
    }

    /// Where a row expression stands at `row`.
    pub fn scope(&self, row: usize) -> RowScope<'_> {
        RowScope {
            row,
            sequence: &self.rows,
            position: self.position.get(row).copied().flatten(),
            year_ago: match &self.year_ago {
                Some(ago) => Ok(ago.get(row).copied().flatten()),
                None => Err(NO_TIME),
            },
            cache: &self.cache,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::data::{Cell, Row};

    fn labelled(labels: &[&str]) -> Table {
        let rows = labels
            .iter()
            .enumerate()
            .map(|(i, l)| Row::new(i + 2, vec![Cell::Text(l.to_string())]))
            .collect();
        Table::new("t.csv", vec!["时期".into()], rows)
    }

    #[test]
    fn periods_run_in_time_order_and_find_a_year_before() {
        let t = labelled(&["2024Q2", "2024Q1", "2023Q2", "2023Q1"]);
        let s = Sequence::of(&t);
        assert_eq!(s.rows, [3, 2, 1, 0]);
        assert_eq!(s.scope(0).year_ago, Ok(Some(2)));
        assert_eq!(s.scope(3).year_ago, Ok(None));
        assert_eq!(s.scope(1).position, Some(2));
    }

    #[test]
    fn other_labels_keep_table_order_and_have_no_year_before() {
        let t = super::super::csv("类别,值\n乙,1\n甲,2\n合计,3\n");
        let s = Sequence::of(&t);
        assert_eq!(s.rows, [0, 1]);
        assert_eq!(s.scope(2).position, None);
        assert_eq!(s.scope(0).year_ago, Err(NO_TIME));
    }
}
