//! `rows = ["a", "c"]`: the rows a chart shows, picked by label and put in that order.

use super::{KeySeg, StepError};
use crate::data::Table;

/// The rows of `table` named in `labels`, in that order.
pub fn pick(mut table: Table, labels: &[String]) -> Result<Table, StepError> {
    let mut picked = Vec::with_capacity(labels.len());
    for (i, label) in labels.iter().enumerate() {
        let at =
            |message: String| StepError::new(vec![KeySeg::Key("rows"), KeySeg::Index(i)], message);
        if labels.iter().take(i).any(|l| l == label) {
            return Err(at(format!("rows: `{label}` is listed twice")));
        }
        let row = table.row_by_label(label).ok_or_else(|| {
            let known: Vec<String> = (0..table.rows.len().min(12))
                .map(|r| table.row_label(r))
                .collect();
            let more = if table.rows.len() > 12 { ", …" } else { "" };
            at(format!("rows: no row `{label}` in charts/{}", table.path)).with_hint(format!(
                "rows are named by their first column: {}{more}",
                known.join(", ")
            ))
        })?;
        picked.push(row);
    }
    table.rows = picked
        .into_iter()
        .filter_map(|r| table.rows.get(r).cloned())
        .collect();
    Ok(table)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::super::filter::tests::long;
    use super::*;

    #[test]
    fn picks_in_the_order_given() {
        let t = pick(long(), &["2000".into(), "1990".into()]).unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!((t.rows[0].line, t.rows[1].line), (5, 2));
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
