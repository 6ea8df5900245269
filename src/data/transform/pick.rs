//! `rows = ["a", "c"]`: the rows a chart shows, picked by label and put in that order.

use super::{KeySeg, StepError};
use crate::data::{RowMiss, RowRole, Table};

/// The rows of `table` named in `labels`, in that order.
pub fn pick(mut table: Table, labels: &[String]) -> Result<Table, StepError> {
    let mut picked = Vec::with_capacity(labels.len());
    for (i, label) in labels.iter().enumerate() {
        let at =
            |message: String| StepError::new(vec![KeySeg::Key("rows"), KeySeg::Index(i)], message);
        if labels.iter().take(i).any(|l| l == label) {
            return Err(at(format!("rows: `{label}` is listed twice")));
        }
        let row = table.row_by_label(label).map_err(|miss| {
            if let RowMiss::Several(rows) = miss {
                return at(format!("rows: {}", table.several_rows(label, &rows)))
                    .with_hint("give the rows distinct names in the data file");
            }
            let known: Vec<String> = (0..table.rows.len().min(12))
                .map(|r| table.row_label(r))
                .collect();
            let more = if table.rows.len() > 12 { ", …" } else { "" };
            at(format!(
                "rows: there is no row `{label}` in charts/{}",
                table.path
            ))
            .with_hint(format!(
                "rows are named by their first column: {}{more}",
                known.join(", ")
            ))
        })?;
        picked.push(row);
    }
    let parents = table.parents();
    let rows = picked
        .iter()
        .filter_map(|&r| {
            let mut row = table.rows.get(r)?.clone();
            // An of-which row picked without the row it belongs to stands on its own.
            let parent = parents.get(r).copied().flatten();
            if row.role == RowRole::Subset && parent.is_none_or(|p| !picked.contains(&p)) {
                row.role = RowRole::Part;
            }
            Some(row)
        })
        .collect();
    table.rows = rows;
    Ok(table)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::super::filter::tests::long;
    use super::*;

    #[test]
    fn picks_in_the_order_given() {
        let years = super::super::csv("年份,人口\n1990,1\n1995,2\n2000,3\n");
        let t = pick(years, &["2000".into(), "1990".into()]).unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!((t.rows[0].line, t.rows[1].line), (4, 2));
    }

    #[test]
    fn a_label_of_two_rows_is_not_picked() {
        let e = pick(long(), &["2000".into()]).unwrap_err();
        assert!(e.message.contains("`2000` names 2 rows"), "{}", e.message);
    }

    #[test]
    fn an_of_which_row_picked_alone_is_a_part() {
        let mut t = super::super::csv("产业,增加值\n第二产业,1\n工业,0.8\n第三产业,2\n");
        t.rows[1].role = RowRole::Subset;
        let alone = pick(t.clone(), &["工业".into()]).unwrap();
        assert_eq!(alone.rows[0].role, RowRole::Part);
        let both = pick(t, &["第二产业".into(), "工业".into()]).unwrap();
        assert_eq!(both.rows[1].role, RowRole::Subset);
    }

    #[test]
    fn unknown_and_repeated_labels_name_their_entry() {
        let e = pick(long(), &["1990".into(), "2030".into()]).unwrap_err();
        assert_eq!(e.key, [KeySeg::Key("rows"), KeySeg::Index(1)]);
        assert!(e.hint.unwrap().contains("1990, 1995"));
        let e = pick(long(), &["1990".into(), "1990".into()]).unwrap_err();
        assert!(e.message.contains("listed twice"));
    }
}
